# dict: construction, methods, order, errors, __missing__, repr, iteration and mutation.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print({}, {1: 2}, {'a': 1, 'b': [2], 3: (4,)}, dict(), dict(a=1, b=2), dict([(1, 2), [3, 4]]))
print(dict({1: 2}, x=3), dict(zip('abc', range(3))), dict(['ab', 'cd']), dict({1: 2}.items()))
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0), dict.fromkeys({3: 4, 5: 6}, []),
      dict.fromkeys(range(3), 'v'), dict.fromkeys(''))
show(lambda: dict(1))
show(lambda: dict([1]))
show(lambda: dict([(1, 2), (1, 2, 3)]))
show(lambda: dict(['abc']))
show(lambda: dict([None]))
show(lambda: dict(1, 2))
show(lambda: dict.fromkeys())
show(lambda: dict.fromkeys(1))
show(lambda: {}.fromkeys([1], 2, 3))
show(lambda: {[]: 1})
show(lambda: {1: 2}[[]])
show(lambda: {}[1])
show(lambda: {}['a'])
show(lambda: {}[(1, 2)])
show(lambda: {}[()])
show(lambda: {}[None])
show(lambda: hash({}))

d = {}
for i in range(20):
    d[i * 7 % 11] = i
print(d, len(d))
d['x'] = 1; d[2.5] = 'f'; d[(1, 2)] = 't'; d[None] = 0; d[True] = 'T'
print(d[1], d[1.0], d[True], d['x'], d[(1, 2)], d[None], 1 in d, 1.0 in d, 'y' in d)
del d[0]; del d['x']
print(d)
show(lambda: d.__delitem__('zz'))

# methods
d = {'a': 1, 'b': 2, 'c': 3}
print(d.get('a'), d.get('z'), d.get('z', 0), d.setdefault('a', 9), d.setdefault('d'),
      d.setdefault('e', []), d)
print(d.pop('d'), d.pop('zz', 'dflt'), d)
show(lambda: d.pop('zz'))
show(lambda: d.pop())
show(lambda: d.pop(1, 2, 3))
show(lambda: d.get())
show(lambda: d.get(1, 2, 3))
show(lambda: d.get(key=1))
show(lambda: d.setdefault())
show(lambda: d.keys(1))
show(lambda: d.popitem(1))
show(lambda: d.update(1))
show(lambda: d.update([1, 2]))
show(lambda: d.update({}, {}))
print(d.popitem(), d.popitem(), d)
show(lambda: {}.popitem())
d.update({'x': 1}, y=2)
d.update([('z', 3)])
d.update(w=4)
d.update()
d.update(d)
print(d)
c = d.copy()
c['new'] = 1
print(c is d, c == d, len(c), len(d), d)
d.clear()
print(d, c)

# order after deletions and re-insertions
d = dict.fromkeys(range(10))
for k in [3, 5, 7]:
    del d[k]
d[5] = 'back'
d[3] = 'back'
print(list(d), list(d.values())[-3:])
d = {}
for i in range(1000):
    d[i] = i
for i in range(0, 1000, 2):
    del d[i]
print(len(d), list(d)[:5], list(d)[-3:], sum(d))
d = {}
for i in range(100):
    d[i] = 1
    if i % 3:
        d.popitem()
print(list(d)[:10], len(d))
for i in range(200):
    d[('k', i % 7)] = i
    d.pop(('k', (i + 3) % 7), None)
print(d.get(('k', 1)), len(d))

# equality
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 2} == {2: 1}, {1: 2, 3: 4} == {3: 4, 1: 2},
      {} == {}, {1: 2} != {1: 2}, {1: [2]} == {1: [2]}, {1: 1} == {1.0: True}, {1: 2} == [(1, 2)])
show(lambda: {1: 2} < {1: 3})
nan = float('nan')
print({1: nan} == {1: nan})

# | and |=
a, b = {1: 'a', 2: 'b'}, {2: 'B', 3: 'C'}
print(a | b, b | a, a, b)
a |= b
print(a)
a |= [(9, 9)]
print(a)
show(lambda: {} | [])
show(lambda: [] | {})
def ior_bad():
    x = {}
    x |= 1
show(ior_bad)

# repr recursion and errors
r = {1: 'one'}
r[2] = r
print(r)
r2 = {'l': []}
r2['l'].append(r2)
print(r2)
class BadRepr:
    def __repr__(self):
        raise RuntimeError('bad')
b = {1: BadRepr()}
show(lambda: repr(b))
del b[1]
print(b, {2: b})

# __missing__
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
c['a'] += 1
c['a'] += 1
print(c, c['zz'], 'zz' in c, c.get('zz'), type(c).__name__)
class Default(dict):
    def __missing__(self, key):
        self[key] = v = [key]
        return v
dd = Default(x=1)
print(dd['y'], dd)
class NoMissing(dict):
    pass
show(lambda: NoMissing()['k'])
class Raising(dict):
    def __missing__(self, key):
        raise KeyError('custom ' + str(key))
show(lambda: Raising()['k'])

# iteration and mutation
d = {1: 1, 2: 2, 3: 3}
def grow():
    for k in d:
        d[k + 10] = 0
show(grow)
d = {1: 1, 2: 2, 3: 3}
def shrink():
    for k in d:
        del d[k]
show(shrink)
d = {1: 1, 2: 2, 3: 3}
def swap():
    for k in d:
        del d[k]
        d[k + 100] = 0
show(swap)
d = {1: 1, 2: 2, 3: 3}
for k in d:
    d[k] = k * 10  # changing values is fine
print(d)
it = iter(d)
next(it)
d[9] = 9
show(lambda: next(it))
show(lambda: next(it))
d = {1: 1, 2: 2}
it = iter(d.items())
print(next(it), it.__length_hint__(), next(it), it.__length_hint__())
show(lambda: next(it))
print(list(reversed({})), list(reversed({1: 2, 3: 4})), list(reversed({1: 2, 3: 4}.items())))
rit = reversed({1: 2, 3: 4}.values())
print(type(rit).__name__, list(rit))
d = {1: 2, 3: 4}
rit = reversed(d)
d[5] = 6
show(lambda: next(rit))
print([type(x).__name__ for x in (iter({}), iter({}.values()), iter({}.items()), reversed({}),
                                   reversed({}.values()), reversed({}.items()))])

# subclass with overridden methods: update and dict() go through the dict itself
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
u = Upper(a=1)
u['b'] = 2
u.update(c=3)
print(u, dict(u), Upper.fromkeys('xy', 0))
class Mapping:
    def keys(self):
        return ['p', 'q']
    def __getitem__(self, k):
        return k * 2
print(dict(Mapping()), {**Mapping()}, dict(Mapping(), r=1))
d = {}
d.update(Mapping())
print(d)
print(dict.__getitem__({1: 2}, 1), dict.__len__({1: 2}), {1: 2}.__contains__(1),
      {}.__sizeof__(), {1: 1}.__sizeof__(), {'a': 1}.__sizeof__())
print({**{1: 2}, **{1: 3, 4: 5}}, {'a': 1, **{'b': 2}})
big = {i: str(i) for i in range(5000)}
print(len(big), big[4999], sum(1 for k in big if k % 2))
print({(i, j): i * j for i in range(3) for j in range(3)})
print(dict.fromkeys([1, 2, 1, 3, 2]), {1: 'a', 1.0: 'b', True: 'c'})
