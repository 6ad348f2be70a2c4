# atexit: register/unregister, arguments, last-registered-first order, errors that do not stop
# the other callbacks, and _run_exitfuncs/_clear/_ncallbacks.
import atexit
import sys


def show(*args, **kw):
    print('show', args, sorted(kw.items()))


def boom():
    print('boom runs')
    raise ValueError('ignored')


atexit._clear()
print(atexit.register(show, 1, 2, k='v') is show)
atexit.register(boom)
atexit.register(show, 'last')
atexit.register(print, 'print callback')


@atexit.register
def decorated():
    print('decorated')


print(atexit._ncallbacks(), decorated.__name__)
atexit.unregister(print)
print(atexit._ncallbacks())
sys.stdout.flush()
atexit._run_exitfuncs()
print(atexit._ncallbacks())
atexit.register(show, 'x')
atexit.register(show, 'y')
atexit.unregister(show)
atexit.unregister(len)
print(atexit._ncallbacks())
atexit.register(decorated)
atexit._clear()
print(atexit._ncallbacks())
for args in [(), (1,)]:
    try:
        atexit.register(*args)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    atexit.unregister()
except TypeError as e:
    print(type(e).__name__, e)
