# min, max, sum, sorted, all, any.
def show(f, *args, **kw):
    try:
        print(f.__name__, '->', repr(f(*args, **kw)))
    except Exception as e:
        print(f.__name__, '!!', type(e).__name__, e)

for f in (min, max):
    show(f, [3, 1, 2])
    show(f, 3, 1, 2)
    show(f, 'hello')
    show(f, [1, 1.0])
    show(f, [1.0, 1])
    show(f, [2**70, -2**70, 5])
    show(f, [float('nan'), 1, 2])
    show(f, [1, float('nan'), 2])
    show(f, ['b', 'a', 'c'], key=lambda s: -ord(s))
    show(f, [[1, 2], [3], [4, 5, 6]], key=len)
    show(f, [1, 2], key=None)
    show(f, [], default=None)
    show(f, iter([]), default='d')
    show(f, [5], default='d')
    show(f, (x * x for x in range(-3, 3)))
    show(f, [])
    show(f)
    show(f, 1)
    show(f, 1, 2, default=3)
    show(f, [1], foo=1)
    show(f, [1, 'a'])
    show(f, [1, 2], key=1)
    show(f, key=len)


class K:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        print('lt', self.v, o.v)
        return self.v < o.v

    def __gt__(self, o):
        print('gt', self.v, o.v)
        return self.v > o.v

    def __repr__(self):
        return 'K(%d)' % self.v


show(min, [K(2), K(1), K(3)])
show(max, [K(2), K(1), K(3)])

show(sum, [])
show(sum, [1, 2, 3])
show(sum, range(101))
show(sum, [2**46] * 10)
show(sum, [2**62, 2**62, 2**62, -2**62])
show(sum, [2**70, 1, 2**70])
show(sum, [0.1] * 10)
show(sum, [1, 0.5, 2])
show(sum, [0.5, 1, 2**70])
show(sum, [True, True, False])
show(sum, [1e308, 1e308, -1e308])
show(sum, [1, 2], 10)
show(sum, [1, 2], start=10)
show(sum, [[1], [2]], [])
show(sum, ((1,), (2,)), ())
show(sum, [1 + 2j, 3])
show(sum, [], '')
show(sum, [], b'')
show(sum, [], bytearray())
show(sum, ['a'])
show(sum, 1)
show(sum)
show(sum, 1, 2, 3)
show(sum, [1], 2, start=3)
show(sum, iterable=[1])
show(sum, [1], x=2)
show(sum, (x for x in range(10)), 0.0)
lst = [1, 2, 3]
show(sum, lst)
print(lst)

show(sorted, [3, 1, 2])
show(sorted, 'hello')
show(sorted, [3, 1, 2], reverse=True)
show(sorted, ['b', 'A', 'c'], key=str.lower)
show(sorted, ['b', 'A', 'c'], key=str.lower, reverse=1)
show(sorted, [(1, 'b'), (0, 'z'), (1, 'a')], key=lambda t: t[0])
show(sorted, {3: 1, 1: 2})
show(sorted, [])
show(sorted)
show(sorted, [1], None)
show(sorted, [1], reverse=None)
show(sorted, [1], foo=1)
show(sorted, [1, 'a'])
show(sorted, iterable=[1])
orig = [3, 2, 1]
res = sorted(orig)
print(orig, res, res is orig)

for f in (all, any):
    show(f, [])
    show(f, [1, 1])
    show(f, [0, 1])
    show(f, [0, 0])
    show(f, (x > 2 for x in range(5)))
    show(f, 'ab')
    show(f, 1)
    show(f)
    show(f, [1], [2])


def noisy():
    for i in range(5):
        print('yield', i)
        yield i


print(all(x < 1 for x in noisy()))
print(any(x > 1 for x in noisy()))
