# Callbacks registered with atexit run when the program ends normally (last first), and
# buffered file data that was never flushed or closed reaches the file.
import atexit
import os

atexit.register(print, 'registered first, runs last')
atexit.register(lambda: print('registered second, runs first'))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    # A child that writes to a pipe without flushing, then exits normally.
    os.close(r)
    f = os.fdopen(w, 'w')
    f.write('unflushed text from the child\n')
    atexit._clear()
    raise SystemExit(0)
os.close(w)
os.waitpid(pid, 0)
with os.fdopen(r) as f:
    print(repr(f.read()))
print('main program done')
