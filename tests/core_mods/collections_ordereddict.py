# _collections.OrderedDict: order operations, views, equality, repr, subclassing.
from collections import OrderedDict as O
import _collections
print(O is _collections.OrderedDict)
for a in [lambda: O(1,2), lambda: O().popitem(), lambda: O().move_to_end(1), lambda: O(a=1).popitem(False), lambda: O(a=1).popitem(last=False), lambda: O([(1,2)]) == {1:2}, lambda: O(a=1,b=2)==O(b=2,a=1), lambda: dict(a=1,b=2)==O(b=2,a=1), lambda: repr(O()), lambda: repr(O(a=[1])), lambda: O(a=1) | {'b': 2}, lambda: {'b':2} | O(a=1), lambda: type(O().keys()), lambda: O(a=1).keys(), lambda: O(a=1).items(), lambda: O(a=1).values(), lambda: list(reversed(O(a=1,b=2))), lambda: list(reversed(O(a=1,b=2).items())), lambda: O(a=1).__reduce__()[:4], lambda: O.fromkeys('ab'), lambda: O(a=1).copy(), lambda: O(a=1).keys() & {'a'}, lambda: O(a=1).__dict__, lambda: O().move_to_end(), lambda: O(a=1,b=2) != O(b=2,a=1), lambda: O(a=1).items() == {('a', 1)}]:
    try: print(a())
    except Exception as e: print(type(e).__name__, e)
class S(O): pass
s = S(x=1, y=2); s.move_to_end('y', last=False); print(s, S())
o = O(); o['self'] = o; print(o)
o = O.fromkeys(range(10)); o.move_to_end(3); o.move_to_end(7, last=False); print(list(o))
print([o.popitem(last=False)[0] for i in range(4)], o.popitem()[0], list(o))
o[0] = 'z'; o[5] = 'five'; print(o)
import copy; print(copy.copy(O(a=1)))
from collections import OrderedDict
class LastUpdated(OrderedDict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
d = LastUpdated([('a', 1), ('b', 2)], c=3)
d['a'] = 5
print(d, list(d.keys()))
class Tracking(OrderedDict):
    def __setitem__(self, k, v):
        print('set', k)
        super().__setitem__(k, v)
t = Tracking({'x': 1}); t.update(y=2); print(t)
import functools
class LRU(OrderedDict):
    def __init__(self, n): super().__init__(); self.n = n
    def get(self, k):
        if k in self: self.move_to_end(k); return self[k]
    def put(self, k, v):
        self[k] = v; self.move_to_end(k)
        if len(self) > self.n: self.popitem(last=False)
c = LRU(2); c.put(1,1); c.put(2,2); c.get(1); c.put(3,3); print(c, c.n, c.__dict__)
