# threading in a single thread: its locks, conditions, events, semaphores and thread-local
# data, all built on _thread.
import threading

lock = threading.Lock()
with lock:
    print("locked", lock.locked())
print(lock.acquire(blocking=False), lock.acquire(blocking=False))
lock.release()
r = threading.RLock()
with r:
    with r:
        print("rlock nested", type(r).__name__)
cond = threading.Condition()
with cond:
    cond.notify_all()
    print("wait timed out:", cond.wait(timeout=0.001))
ev = threading.Event()
print(ev.is_set(), ev.wait(0.001))
ev.set()
print(ev.is_set(), ev.wait(0.001))
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError", e)
loc = threading.local()
loc.x = 5
print(loc.x, threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), type(threading.get_ident()).__name__, threading.TIMEOUT_MAX > 0)
