# list.sort and sorted: a stable timsort; key=, reverse=, errors, mutation during the sort,
# and the number of comparisons on typical inputs (natural runs, galloping).

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Rng:
    def __init__(self, seed):
        self.s = seed
    def next(self, n):
        self.s = (self.s * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.s >> 8) % n

rng = Rng(7)
ints = [rng.next(1000) - 500 for _ in range(300)]
s = sorted(ints)
print(s[:10], s[-5:], all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
floats = [rng.next(10000) / 7.0 - 300 for _ in range(200)]
print(sorted(floats)[:3], sorted(floats, reverse=True)[:3])
mixed = [rng.next(100) if i % 2 else rng.next(100) + 0.5 for i in range(100)]
print(sorted(mixed)[:8])
strs = ['b', 'a', 'ab', '', 'é', 'Z', 'zz', '\U0001f600', 'a\x00', 'aa']
print(sorted(strs), sorted(strs, reverse=True))
big = [2**70, -2**70, 5, 2**47, -2**47 - 1, 0, True, False, 1.5]
print(sorted(big))
tuples = [(rng.next(5), rng.next(5), i) for i in range(40)]
print(sorted(tuples)[:8])
print(sorted([(1, 'b'), (1, 'a'), (0, 'z'), (1,), ()]))
print(sorted([[3, 1], [2], [3], [2, 0]]))

# stability with keys
pairs = [(rng.next(10), i) for i in range(200)]
by_first = sorted(pairs, key=lambda p: p[0])
print(all(by_first[i][0] < by_first[i + 1][0] or
          (by_first[i][0] == by_first[i + 1][0] and by_first[i][1] < by_first[i + 1][1])
          for i in range(len(by_first) - 1)))
rev = sorted(pairs, key=lambda p: p[0], reverse=True)
print(rev[:6], all(rev[i][0] > rev[i + 1][0] or rev[i][1] < rev[i + 1][1] for i in range(199)))
words = ['pear', 'fig', 'apple', 'kiwi', 'date', 'banana', 'plum', 'lime']
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (-len(w), w)))
d = {'a': 3, 'b': 1, 'c': 3, 'd': 2}
print(sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))
l = [3, 1, 2]
print(l.sort(), l, l.sort(reverse=True), l, l.sort(key=None, reverse=False), l)
l.sort(key=lambda x: -x)
print(l)
l = [1, 2, 3]
l.sort(reverse=2)
print(l)
show(lambda: [1].sort(reverse='x'))
show(lambda: [1].sort(reverse=1.0))
show(lambda: [].sort(1))
show(lambda: [].sort(foo=1))
show(lambda: [2, 1].sort(key=1))
print([].sort(key=1), [5].sort(), sorted([]), sorted(()), sorted('cba'), sorted({3: 0, 1: 0}))
calls = []
[7].sort(key=lambda x: calls.append(x))
print(calls)

# comparison errors leave a permutation behind
l = [3, 1, 'a', 2, 0]
show(lambda: l.sort())
print(sorted(map(str, l)), len(l))
l = [5, 3, 1, None, 4]
show(lambda: l.sort())
print(l)
l = list(range(100, 0, -1)) + ['x'] + list(range(50))
show(lambda: l.sort())
print(len(l), sorted(x for x in l if x != 'x') == sorted(list(range(1, 101)) + list(range(50))))
def badkey(x):
    if x == 3:
        raise KeyError(x)
    return x
l = [5, 4, 3, 2, 1]
show(lambda: l.sort(key=badkey))
print(l)
l = [5, 4, 3, 2, 1]
show(lambda: l.sort(key=badkey, reverse=True))
print(l)

# mutation during the sort
l = [3, 2, 1]
def mutate(x):
    l.append(x)
    return x
show(lambda: l.sort(key=mutate))
print(l)
l = [3, 2, 1, 0]
class Cmp:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        seen.append(len(l))
        return self.v < o.v
    def __repr__(self):
        return 'C%d' % self.v
seen = []
l = [Cmp(3), Cmp(1), Cmp(2)]
l.sort()
print(l, seen)
def clear_key(x):
    l.clear()
    return x
l = [2, 1]
show(lambda: l.sort(key=clear_key))
print(l)

# the number of comparisons (the merge strategy, galloping and run detection show here)
class Count:
    n = 0
    __slots__ = ('v',)
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        Count.n += 1
        return self.v < o.v

def count(values, **kw):
    Count.n = 0
    out = sorted([Count(v) for v in values], **kw)
    assert [c.v for c in out] == sorted(values, **kw)
    return Count.n

rng = Rng(99)
cases = {
    'sorted': list(range(2000)),
    'reversed': list(range(2000, 0, -1)),
    'random': [rng.next(100000) for _ in range(2000)],
    'few distinct': [rng.next(4) for _ in range(2000)],
    'sawtooth': [i % 50 for i in range(2000)],
    'sorted+tail': list(range(1900)) + [rng.next(2000) for _ in range(100)],
    'two runs': list(range(0, 2000, 2)) + list(range(1, 2000, 2)),
    'descending runs': [x for k in range(20) for x in range(k * 100 + 99, k * 100 - 1, -1)],
    'organ pipe': list(range(1000)) + list(range(1000, 0, -1)),
    'small': [5, 2, 8, 1, 9, 3],
    'equal': [7] * 500,
    'n=65': [rng.next(50) for _ in range(65)],
    'n=64 desc': list(range(64, 0, -1)),
    'interleaved': [x for p in zip(range(0, 1000), range(5000, 6000)) for x in p],
}
for name, values in cases.items():
    print(name, len(values), count(values), count(values, reverse=True))
