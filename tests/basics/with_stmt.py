# with statements: custom context managers, suppression, multiple items, __enter__ values, errors.

class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print('enter', self.name)
        return 'value of ' + self.name
    def __exit__(self, typ, val, tb):
        print('exit', self.name, typ.__name__ if typ else None, val, tb is not None)
        return self.suppress

with CM('a') as v:
    print('body', v)

with CM('a') as v1, CM('b') as v2:
    print('body', v1, v2)

with (CM('p1') as p1,
      CM('p2') as p2):
    print('parenthesized', p1, p2)

with CM('no-as'):
    print('body without as')

try:
    with CM('raises'):
        raise ValueError('inside')
except ValueError as e:
    print('propagated', e)

with CM('suppressing', suppress=True):
    raise KeyError('swallowed')
print('after suppression')

# suppress in inner, outer sees nothing
with CM('outer'), CM('inner', suppress=True):
    raise IndexError('x')
print('after multiple')

# exception in exit ordering with multiple items
try:
    with CM('first'), CM('second'):
        raise TypeError('t')
except TypeError:
    print('caught TypeError')

# __enter__ returns self, as targets can be tuples / attributes / subscripts
class Pair:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *a):
        pass
with Pair() as (a, b):
    print(a, b)
class Holder:
    pass
h = Holder()
d = {}
with Pair() as h.attr, Pair() as d['k']:
    print(h.attr, d)

# truthy non-bool return suppresses
class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return 'yes'
with Truthy():
    1 / 0
print('suppressed by truthy')

# exception in __enter__: __exit__ not called
class BadEnter:
    def __enter__(self):
        raise RuntimeError('enter failed')
    def __exit__(self, *a):
        print('exit should not run')
try:
    with BadEnter():
        print('body should not run')
except RuntimeError as e:
    print(e)

# exception in second __enter__: first exit runs
try:
    with CM('ok'), BadEnter():
        pass
except RuntimeError as e:
    print('second enter failed:', e)

# exception in __exit__ replaces body exception
class BadExit:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise KeyError('from exit')
try:
    with BadExit():
        raise ValueError('body')
except KeyError as e:
    print('exit exception', repr(e), repr(e.__context__))

# non-context-manager
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
class OnlyEnter:
    def __enter__(self):
        return self
try:
    with OnlyEnter():
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)

# __exit__ receives exception details; traceback is a traceback object
class Inspect:
    def __enter__(self):
        return self
    def __exit__(self, typ, val, tb):
        print(typ, repr(val), type(tb).__name__)
        return True
with Inspect():
    raise ValueError('inspect me')

# context manager as generator-like class with state
class Timer:
    depth = 0
    def __enter__(self):
        Timer.depth += 1
        print('  ' * Timer.depth + 'start')
        return self
    def __exit__(self, *a):
        print('  ' * Timer.depth + 'stop')
        Timer.depth -= 1
with Timer():
    with Timer():
        with Timer():
            pass

# with inside function returning value and with in generator
def gen():
    with CM('in gen'):
        yield 1
        yield 2
print(list(gen()))
g = gen()
next(g)
g.close()

