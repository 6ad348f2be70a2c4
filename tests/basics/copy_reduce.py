# object.__reduce_ex__/__getstate__ through copy: instances, __slots__, containers, subclasses of built-ins.
import copy, collections
class P:
    def __init__(self, x): self.x = x; self.items = [1, [2, 3]]
    def __repr__(self): return 'P(%r, %r)' % (self.x, self.items)
p = P(5)
q = copy.deepcopy(p); q.items[1].append(4)
print(p, q, copy.copy(p).items is p.items)
class S:
    __slots__ = ('a', 'b')
    def __init__(self): self.a = 1
s2 = copy.copy(S()); print(s2.a, hasattr(s2, 'b'))
print(P(1).__reduce_ex__(2)[0].__name__, P(1).__reduce_ex__(2)[1], P(1).__reduce_ex__(2)[2])
d = collections.deque([1, [2]]); e = copy.deepcopy(d); e[1].append(3); print(d, e)
Pt = collections.namedtuple('Pt', 'x y'); print(copy.deepcopy(Pt(1, [2])))
od = collections.OrderedDict(a=1); print(copy.deepcopy(od))
dd = collections.defaultdict(list, {1: [2]}); print(copy.deepcopy(dd))
class L(list): pass
l = L([1, 2]); l.tag = 't'; m = copy.deepcopy(l); print(type(m).__name__, m, m.tag)
class D(dict): pass
print(copy.copy(D(a=1)))
class I(int): pass
print(copy.deepcopy(I(7)), type(copy.deepcopy(I(7))).__name__)
try: copy.copy((x for x in []))
except TypeError as e: print(e)
r = object().__reduce__(); print(r[0].__name__, r[1])
print(copy.copy(Exception('a', 1)).args, copy.deepcopy({1: {2: [3]}}), copy.deepcopy([1, (2, [3])]))
import sys
print(P(1).__getstate__(), object().__getstate__())
