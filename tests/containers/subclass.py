# Subclasses of the containers: instance attributes next to variable-size bodies, overridden
# methods, constructors, and what operations return.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class T(tuple):
    pass
t = T([1, 2, 3])
t.attr = 'x'
print(t, type(t).__name__, t.attr, len(t), t[1], t[1:], type(t[1:]).__name__, t + (4,), t * 2,
      type(t + ()).__name__, hash(t) == hash((1, 2, 3)), t == (1, 2, 3))
big = T(range(50))
big.a, big.b = 1, 2
print(big[49], big.a, big.b, sum(big), T(), T().__dict__, big.__dict__)
class P(list):
    __slots__ = ('s',)
p = P((5, 6))
p.s = 'slot'
print(p, p.s)
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
    def __repr__(self):
        return 'Point(%r, %r)' % self
pt = Point(3, 4)
print(pt, pt.x, tuple(pt), pt.__getnewargs__(), type(pt.__getnewargs__()[0]).__name__)
print(tuple(t) == t, type(tuple(t)).__name__, tuple(t) is t)
show(lambda: T(1))
class TK(tuple):
    def __init__(self, *a, **k):
        pass
print(TK([1], x=2))

class L(list):
    def append(self, v):
        super().append(v * 10)
l = L([1, 2])
l.append(3)
l.extend([4])
l.attr = 1
print(l, type(l).__name__, l[:], type(l[:]).__name__, type(l + [1]).__name__, l * 2, l.attr)
l += [5]
print(l, type(l).__name__)
class Sorted(list):
    def __init__(self, it=()):
        super().__init__(sorted(it))
print(Sorted([3, 1, 2]), Sorted(), list(Sorted('cba')))
class LenLie(list):
    def __len__(self):
        return 100
ll = LenLie([1, 2])
print(len(ll), list(ll), ll == [1, 2], [1, 2] == ll)
class Rev(list):
    def __iter__(self):
        return iter([9, 9])
print(list(Rev([1, 2])), tuple(Rev([1])), sorted(Rev([1, 2])), [*Rev([1])])

class D(dict):
    pass
d = D(a=1)
d.attr = 2
print(d, type(d).__name__, d.attr, type(d.copy()).__name__, type(d | {}).__name__, D.fromkeys('ab'),
      type(D.fromkeys('a')).__name__)
class KeysOnly(dict):
    def keys(self):
        return ['a']
ko = KeysOnly(a=1, b=2)
print(dict(ko), {**ko}, dict(**ko) if False else 'skip')
class IterOverride(dict):
    def __iter__(self):
        return iter(['a'])
    def keys(self):
        return ['a']
io = IterOverride(a=1, b=2)
print(dict(io), list(io))
class GetItem(dict):
    def __getitem__(self, k):
        return 'gi'
gi = GetItem(a=1)
print(gi['a'], gi.get('a'), dict(gi), {**gi})
class OrderedRepr(dict):
    def __repr__(self):
        return 'OR' + super().__repr__()
print(OrderedRepr(x=1), [OrderedRepr()])
class Eq(dict):
    def __eq__(self, o):
        return True
print(Eq() == {1: 2}, {1: 2} == Eq())

class S(set):
    pass
s = S([1, 2])
s.attr = 1
print(s, type(s | {3}).__name__, type(s.union()).__name__, s.attr, S([1]) == {1})
class FS(frozenset):
    def __new__(cls, *args):
        return super().__new__(cls, *args)
fs = FS([1, 2])
print(fs, type(fs).__name__, hash(fs) == hash(frozenset([1, 2])), {fs: 1}[frozenset([2, 1])])
print(isinstance(t, tuple), isinstance(l, list), isinstance(d, dict), isinstance(s, set),
      issubclass(FS, frozenset), isinstance(fs, set))
