# _thread in one thread: locks, reentrant locks, thread-local data, identities; and the
# threading module's locks and conditions on top of it.
import _thread

l = _thread.allocate_lock()
print(type(l).__name__, _thread.LockType is type(l), repr(l).startswith("<unlocked _thread.lock object at 0x"))
print(l.acquire(), l.acquire(False), l.locked(), l.acquire(timeout=0.01), repr(l)[:7])
l.release()
print(l.locked())
with l:
    print("in with", l.locked())
print(l.locked())


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


show(l.release)
show(lambda: l.acquire(1, 2, 3))
show(lambda: l.acquire(foo=1))
show(lambda: l.acquire(timeout="x"))
show(lambda: l.release(1))
show(lambda: l.acquire(blocking=False, timeout=1))
show(lambda: l.acquire(timeout=-2))
show(lambda: _thread.allocate_lock(1))
show(lambda: _thread.LockType())
show(lambda: _thread.start_new_thread(1, ()))
show(lambda: _thread.stack_size(100))
show(lambda: _thread.stack_size(-1))
print(_thread.stack_size(), _thread._count(), _thread.TIMEOUT_MAX, _thread.error)
print(type(_thread.get_ident()).__name__, _thread.get_ident() == _thread.get_ident())

r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
print(repr(r).startswith("<locked _thread.RLock object owner="), "count=2" in repr(r))
state = r._release_save()
print(state[0], r._is_owned())
r._acquire_restore(state)
print(r._recursion_count())
r.release()
r.release()
show(r.release)
with r:
    with r:
        print("nested", r._recursion_count())

loc = _thread._local()
loc.x = 1
print(loc.x, loc.__dict__)
show(lambda: _thread._local(1))
class MyLocal(_thread._local):
    def __init__(self, a):
        self.a = a
m = MyLocal(3)
print(m.a, m.__dict__)
