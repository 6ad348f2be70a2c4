# Containers mutated from inside their own operations (__eq__, __hash__, key functions,
# __repr__): the results CPython gives, and above all no crash.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# dict: an __eq__ that changes the dict during a lookup restarts the lookup
class Evil:
    def __init__(self, d, h):
        self.d, self.h = d, h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        self.d.clear()
        return False
d = {}
k1 = Evil(d, 5)
d[k1] = 'a'
k2 = Evil(d, 5)
try:
    d[k2]
except KeyError as e:
    print('KeyError', e.args[0] is k2)
print(len(d))
d = {}
d[Evil(d, 7)] = 1
d[Evil(d, 7)] = 2
print(len(d), sorted(d.values()))

class Grow:
    def __init__(self, d):
        self.d = d
    def __hash__(self):
        return 1
    def __eq__(self, other):
        for i in range(100, 200):
            self.d[i] = i
        return False
d = {1: 'one'}
d[Grow(d)] = 'grow'
print(len(d), d[1], d[150])

# set: the same
class SEvil:
    def __init__(self, s):
        self.s = s
    def __hash__(self):
        return 3
    def __eq__(self, other):
        self.s.clear()
        return False
s = set()
s.add(SEvil(s))
show(lambda: SEvil(s) in s)
s = set()
s.add(SEvil(s))
s.add(SEvil(s))
print(len(s))

# list: comparisons that shrink the list
class Shrink:
    def __init__(self, l):
        self.l = l
    def __eq__(self, other):
        del self.l[:]
        return False
l = [1, 2, 3]
l.insert(0, Shrink(l))
print(l.count(5), l.index(Shrink(l)) if False else 'skip', len(l))
l = [Shrink(None), 2]
l[0].l = l
print(5 in l, l)
a = [Shrink(None)] * 3
a[0].l = a
b = [1, 2, 3]
print(a == b, a, b)
l = [0] * 5
class Appender:
    def __eq__(self, other):
        l.append(1)
        return len(l) > 50
print(Appender() in l, len(l))

# repr that mutates
class R:
    def __init__(self, c):
        self.c = c
    def __repr__(self):
        self.c.clear()
        return 'R'
l = [1, 2]
l.append(R(l))
l.append(4)
print(repr(l), l)
d = {}
d[1] = R(d)
d[2] = 2
show(lambda: repr(d))

# sort key mutating the list, comparisons raising part-way
l = [3, 1, 2]
def key(x):
    l.append(x)
    return x
show(lambda: l.sort(key=key))
print(l)
class Bad:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        if self.v == 7 or other.v == 7:
            raise ValueError('seven')
        return self.v < other.v
    def __repr__(self):
        return 'B%d' % self.v
l = [Bad(i) for i in [9, 3, 7, 1, 8, 2]]
show(lambda: l.sort())
print(l)
l = [Bad((i * 37) % 101) for i in range(100)]
show(lambda: l.sort())
print(len(l), sorted(b.v for b in l) == sorted((i * 37) % 101 for i in range(100)))

# mixed numbers, NaN and big ints sort like CPython
nan = float('nan')
vals = [3, 1.5, -2, 10**20, -10**20, 2.5, True, 0, -0.0, 7, 1e300, -1e300, 2**47, -2**47 - 3]
print(sorted(vals))
print(sorted([3, nan, 1, 2, nan, 0]), sorted([nan, 2.0, 1.0]), sorted([2.0, nan, 1.0]))
print(sorted([(1, 'b'), (1.0, 'a'), (True, 'c'), (0.5, 'z')]))
print(sorted(['b', 'a', 'é', 'B', 'ä', '\uffff', '\U00010000', '']))
print(sorted([[2, 1], [2], [1, 5], []]), sorted([(2, 'x'), (2, 1.5)] if False else [(2, 1)]))
