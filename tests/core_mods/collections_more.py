# More of collections on the C types: namedtuple details, Counter arithmetic, ChainMap,
# UserDict/UserList/UserString, and the abstract base classes' mixin methods.
from collections import ChainMap, Counter, UserDict, UserList, UserString, defaultdict, deque, namedtuple
import collections.abc as cabc

Pt = namedtuple("Pt", ["x", "y", "z"], defaults=[0])
p = Pt(1, 2)
print(p, Pt._field_defaults, Pt._make([4, 5, 6]), p._replace(z=9), p._asdict(), Pt.__doc__)
print(Pt.x, Pt.x.__doc__, p.index(2), p.count(1), p == (1, 2, 0), hash(p) == hash((1, 2, 0)))
for bad in [lambda: Pt(), lambda: p._replace(w=1), lambda: namedtuple("B", "a a"),
            lambda: namedtuple("B", "def x"), lambda: Pt.x.__get__(5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
R = namedtuple("R", "a b", rename=True)
print(R._fields, namedtuple("Q", "_a b c", rename=True)._fields)

c = Counter(a=3, b=1, c=-2)
print(c + Counter(a=1), c - Counter(a=1), c & Counter(a=2, b=5), c | Counter(c=1), -c, +c)
print(c.total(), sorted(c.elements()), c.most_common(), Counter("hello").most_common(1))
c.update({"a": 1})
c.subtract(["a", "b"])
print(c, Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2))
d = defaultdict(lambda: "dflt")
print(d["q"], dict(d), d.get("w"), "w" in d)
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(sorted(dd.items()), dd.default_factory)

cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
child = cm.new_child({"c": 4})
child["a"] = 10
print(cm, child, child.parents, sorted(child), child.maps[0], len(child))
try:
    del cm["b"]
except KeyError as e:
    print("KeyError", e)

class UD(UserDict):
    def __missing__(self, key):
        return key * 2
u = UD(a=1)
print(u["a"], u["zz"], len(u), list(u), u.data, isinstance(u, cabc.MutableMapping))
ul = UserList([3, 1, 2])
ul.sort()
print(ul, ul + [4], ul[1:], type(ul[1:]).__name__, 2 in ul, ul * 2)
us = UserString("hello")
print(us.upper(), us[1:3], us + "!", us.split("l"), len(us), "ell" in us)

class MySeq(cabc.Sequence):
    def __init__(self, *a):
        self.a = a
    def __getitem__(self, i):
        return self.a[i]
    def __len__(self):
        return len(self.a)
s = MySeq(1, 2, 3, 2)
print(list(s), s.index(2), s.count(2), 3 in s, list(reversed(s)), isinstance(s, cabc.Reversible))

class MySet(cabc.Set):
    def __init__(self, it):
        self.s = set(it)
    def __contains__(self, x):
        return x in self.s
    def __iter__(self):
        return iter(sorted(self.s))
    def __len__(self):
        return len(self.s)
a, b = MySet([1, 2, 3]), MySet([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= MySet([1, 2, 3, 4]), a.isdisjoint([9]))
print(isinstance(deque(), cabc.MutableSequence), isinstance({}.keys(), cabc.KeysView),
      issubclass(Counter, cabc.Mapping), isinstance((x for x in []), cabc.Generator),
      isinstance(iter({}), cabc.Iterator), issubclass(bytes, cabc.ByteString))
