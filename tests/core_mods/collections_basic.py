# _collections: deque, defaultdict, and the collections classes built on them.
from collections import deque, defaultdict
d = deque([1,2,3], maxlen=5); print(d, repr(deque()), d.maxlen, deque('ab'))
tests=[lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1]).index(5), lambda: deque([1]).remove(5), lambda: deque([1], maxlen=1).insert(0, 1), lambda: deque([1])[5], lambda: deque([1])['a'], lambda: deque(maxlen=-1), lambda: deque(maxlen='a'), lambda: deque([1]) + [1], lambda: deque(1), lambda: deque([1], 2, 3), lambda: hash(deque()), lambda: deque([1]) < [1], lambda: deque([1]).rotate('a'), lambda: deque([1]).index(1, 'a'), lambda: defaultdict(1), lambda: defaultdict(int)[1], lambda: defaultdict()[1], lambda: deque().__setitem__(0, 1), lambda: deque([1]).__delitem__(3), lambda: deque([1,2]) * 'a',lambda: deque([1]).count()]
for t in tests:
    try: print(t())
    except Exception as e: print(type(e).__name__, e)
d=deque([1,2,3]); 
try:
    for x in d: d.append(1)
except Exception as e: print(type(e).__name__, e)
d=deque(range(5)); d.rotate(2); print(d); d.rotate(-3); print(d); d.extendleft('ab'); print(d, d.index(2), d.count(1))
d.reverse(); print(d, d[1], d[-1], list(reversed(d)), 3 in d); del d[0]; d[0]='z'; print(d, d.copy(), d*2, d+d, d == deque(d), d < deque(['zz']))
d = deque(maxlen=2); d.extend([1,2,3]); print(d); d.appendleft(0); print(d)
d=deque(); d.append(d); print(d)
print(deque([1,2],3).__reduce__()[:3])
dd = defaultdict(list); dd['a'].append(1); print(dd, dd.default_factory, repr(defaultdict()), dd.copy(), dd.__reduce__()[:4])
class D(defaultdict): pass
print(D(int, a=1), defaultdict(int, {'x':1}) | {'y':2}, {'y':2} | defaultdict(int, {'x':1}))
d=deque([1,2,3,4,5,6]); d.insert(2,'x'); d.insert(-1,'y'); d.insert(100,'z'); print(d); d.remove('x'); print(d); d.clear(); print(d)
print(type(iter(deque())), type(reversed(deque())))
d = deque(); 
for i in range(100): d.append(i); d.appendleft(-i)
for i in range(50): d.pop(); d.popleft()
print(list(d)[:5], len(d), sum(d))
for n in range(-7, 8):
    d = deque(range(5)); d.rotate(n); e = deque(range(5), maxlen=8); e.rotate(n); print(n, list(d), list(e))
d = deque(range(8)); d.rotate(3); print(d)
d = deque([1,2,3]); d *= 3; print(d); d = deque([1,2,3], maxlen=4); print(d*3); d += [7]; print(d)
class MyD(deque): pass
m = MyD([1,2], 5); print(m, m.copy(), type(m.copy()).__name__)
from collections import Counter, namedtuple, OrderedDict, ChainMap
c = Counter('abracadabra'); print(c, c.most_common(2), c['z'], sorted(c.elements())[:5])
c.update('zz'); c.subtract({'a': 10}); print(c, +c, -c, c & Counter('aab'), c | Counter('q'))
P = namedtuple('P', 'x y'); p = P(1, y=2); print(p, p.x, p[1], p._asdict(), p._replace(x=5), P._fields, P.x.__doc__)
try: p.x = 3
except AttributeError as e: print(e)
od = OrderedDict(a=1, b=2); od.move_to_end('a'); print(od, list(od), od.popitem(last=False))
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), dict(cm))
