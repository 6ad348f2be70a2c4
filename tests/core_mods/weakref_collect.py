# Weak references and the collector: after gc.collect() the referents that nothing holds are
# gone and their callbacks have run. The collector is conservative, so a stray copy of a
# pointer may keep one object alive: the checks count, with a little tolerance.
import gc
import weakref


class C:
    def __init__(self, n=0):
        self.n = n


dead = []


def make(n):
    refs = []
    for i in range(n):
        refs.append(weakref.ref(C(i), dead.append))
    return refs


refs = make(100)
gc.collect()
gc.collect()
print("callbacks ran:", len(dead) >= 95, "refs cleared:", sum(r() is None for r in refs) >= 95)
print("callback got its ref:", all(isinstance(w, weakref.ref) and w() is None for w in dead))
print("dead refs compare by identity:", refs[0] == refs[0], refs[0] != refs[1])

# A reference that dies before its referent never calls back.
calls = []
keep = C()
def drop():
    weakref.ref(keep, calls.append)
drop()
gc.collect()
print("callback of a dropped ref:", calls)

# Errors raised by a callback are reported on stderr and do not propagate.
def bad(w):
    raise ValueError("in callback")
def make_bad():
    return [weakref.ref(C(), bad) for i in range(20)]
bad_refs = make_bad()
gc.collect()
gc.collect()
print("still running after bad callbacks")

# A hash survives the referent once computed; an uncomputed one cannot be made.
def hashed_pair():
    a, b = C(), C()
    ra, rb = weakref.ref(a), weakref.ref(b)
    h = hash(ra)
    return ra, rb, h
pairs = [hashed_pair() for i in range(20)]
gc.collect()
gc.collect()
ok = 0
for ra, rb, h in pairs:
    if ra() is None and rb() is None:
        try:
            hash(rb)
        except TypeError as e:
            ok += hash(ra) == h and str(e) == "weak object has gone away"
print("hash after death:", ok >= 15)

# Proxies to dead objects raise ReferenceError.
def proxies():
    return [weakref.proxy(C()) for i in range(20)]
ps = proxies()
gc.collect()
gc.collect()
n = 0
for p in ps:
    try:
        p.n
    except ReferenceError as e:
        n += str(e) == "weakly-referenced object no longer exists"
print("dead proxies:", n >= 15)
