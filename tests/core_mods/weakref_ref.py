# _weakref: ref and proxy objects, their reuse, reprs, hashing, comparison and errors.
import weakref
import _weakref


class C:
    pass


def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)


c = C()
r = weakref.ref(c)
print(r() is c, weakref.ref(c) is r, type(r).__name__, type(r).__module__)
print(repr(r).startswith("<weakref at 0x"), "to 'C' at 0x" in repr(r))
print("(f)" in repr(weakref.ref(show)), "(len)" in repr(weakref.ref(len)))
print(weakref.getweakrefcount(c), len(weakref.getweakrefs(c)))
rp = weakref.ref(c, print)
print(r.__callback__, rp.__callback__ is print, weakref.getweakrefcount(c))
del rp
r2 = weakref.ref(c, lambda x: None)
print(r2 is not r, r2 == r, hash(r2) == hash(c), r2 in weakref.getweakrefs(c))
print(weakref.getweakrefs(c)[0] is r)
print(weakref.getweakrefcount(1), weakref.getweakrefs("x"))

# Which objects can be weakly referenced.
class Slots:
    __slots__ = ("a",)
class SlotsWeak:
    __slots__ = ("a", "__weakref__")
class Sub(Slots):
    pass
class I(int):
    pass
class S(str):
    pass
class E(ValueError):
    pass
for obj in [1, 2.5, "s", b"b", (), [], {}, None, object(), Slots(), SlotsWeak(), Sub(), I(3),
            S("x"), E(), set(), frozenset(), C, int, len, show, show.__code__, weakref,
            [].append, (x for x in ()), range(2)]:
    try:
        weakref.ref(obj)
        print(type(obj).__name__, "yes")
    except TypeError as e:
        print(type(obj).__name__, "no:", e)

# Subclasses of ref carry attributes and never share the basic reference.
class KeyedRef(weakref.ref):
    __slots__ = ("key",)
    def __new__(cls, ob, callback, key):
        self = super().__new__(cls, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
k = KeyedRef(c, None, "k1")
print(k.key, k() is c, k is not weakref.ref(c), isinstance(k, weakref.ref))

# Proxies forward everything to the referent.
class L(list):
    pass
lst = L([3, 1, 2])
p = weakref.proxy(lst)
print(type(p).__name__, len(p), p[0], 2 in p, list(p), p + [9], p * 2, sorted(p))
p.append(4)
p[0] = 7
del p[1]
print(lst, str(p), p == [7, 2, 4], bool(p), weakref.proxy(lst) is p)
print(repr(p).startswith("<weakproxy at 0x"), " to L at 0x" in repr(p))
class Num:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))
    def __call__(self, x):
        return x * self.v
    def __index__(self):
        return self.v
n = Num(5)
pn = weakref.proxy(n)
print(type(pn).__name__, (pn + 1).v, pn(3), pn.v, [10, 20, 30, 40, 50, 60][pn])
pn.v = 2
print(n.v, callable(pn), callable(p))
show(lambda: hash(p))
show(lambda: p.nothere)
show(lambda: pn())

# Argument errors.
show(lambda: weakref.ref())
show(lambda: weakref.ref(c, None, 3))
show(lambda: weakref.ref(c, foo=1))
show(lambda: r(1))
show(lambda: weakref.proxy())
show(lambda: weakref.proxy(c, None, 1))
show(lambda: _weakref.getweakrefcount())
show(lambda: weakref.ref(1, callback=None))
show(lambda: r < r)
print(weakref.ref[int], weakref.ReferenceType is weakref.ref, weakref.ProxyTypes)
