# tuple: creation, repr, hash (CPython's exact numbers), comparison, + and *, slicing,
# index/count, and the error messages.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print((), (1,), (1, 2), ((),), ((1,),), (None, True, 1.5, 'a'))
print(tuple(), tuple([1, 2]), tuple('abc'), tuple(range(4)), tuple({1: 2, 3: 4}))
t = (1, 2, 3)
E = ()
print(tuple(t) is t, tuple() is E, E is tuple([]), t[0:0] is E)
print(t[:] is t, t[0:3] is t, t[::-1], t[::2], t[1:], t[-1], t[-3])

# hash: must equal CPython's
vals = [(), (0,), (1,), (-1,), (-2,), (1, 2), (2, 1), (1, 2, 3), (True, False),
        (1.5,), (0.0, -0.0), (1, (2, 3)), ((), ()), (2**40, -2**40), (2**47 - 1, -2**47),
        (2**61, 2**64, -2**70), (1e300, float('inf'), -float('inf')), (1.0, 1, True),
        tuple(range(100)), ((1, 2), (3, (4, (5,)))), (10**20,),
        (0.1, 0.2, 0.3), (frozenset(),), (frozenset({1, 2}),)]
for v in vals:
    print(v[:4], hash(v))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((True,)) == hash((1,)))
show(lambda: hash((1, [2])))
show(lambda: hash(([],)))
show(lambda: {(1, []): 2})

# comparisons
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (1, 2) == (1, 2), (1, 2) != (1, 2.0),
      (2,) > (1, 9), () < (0,), (1, 2) <= (1, 2), (1, 3) >= (1, 2, 5))
nan = float('nan')
print((nan,) == (nan,), [nan] == [nan], (1, nan) < (1, nan), (nan, 1) < (nan, 2))
show(lambda: (1, 2) < (1, 'a'))
show(lambda: (1,) < ['a'])
print((1,) == [1], (1, 2) != [1, 2])

class Loud:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print('eq', self.v, getattr(o, 'v', o))
        return self.v == getattr(o, 'v', o)
    def __lt__(self, o):
        print('lt', self.v, getattr(o, 'v', o))
        return self.v < getattr(o, 'v', o)
a, b = Loud(1), Loud(2)
print((a, a) == (a, b))
print((a, 1) < (b, 0))
print(a in (b, a), (1, 2, 3).count(2), (Loud(3), 4).index(4))

# + and *
print(t + (4,), () + t, t + () is t, () + t is t, t * 2, 2 * t, t * 0, t * -1, t * 1 is t)
print((1,) * 3, (True,) * True, (1, 2) * False)
show(lambda: t + [4])
show(lambda: t + 1)
show(lambda: t * 2.0)
show(lambda: t * 't')
show(lambda: 'a' + t)
show(lambda: (1,) * (2**100))
show(lambda: (1,) * -(2**100))
show(lambda: (1, 2) * (2**62))
class Idx:
    def __index__(self):
        return 2
print(t * Idx(), t[Idx()], t[Idx():])

# indexing errors
show(lambda: t[3])
show(lambda: t[-4])
show(lambda: t['a'])
show(lambda: t[1.0])
show(lambda: t[2**100])
show(lambda: t[None])

# index / count
t = (1, 2, 3, 2, 1)
print(t.index(2), t.index(2, 2), t.index(1, -1), t.index(2, 0, 2), t.count(1), t.count(9))
show(lambda: t.index(9))
show(lambda: t.index(2, 4))
show(lambda: t.index(1, 1, -1))
show(lambda: t.index())
show(lambda: t.index(1, 'a'))
show(lambda: t.count())
show(lambda: t.count(1, 2))
show(lambda: t.index(1, 2**100))
print(t.index(1, -2**100))

# constructor errors
show(lambda: tuple(1))
show(lambda: tuple(1, 2))
show(lambda: tuple(x=1))
show(lambda: tuple(None))
print(t.__getnewargs__(), ().__getnewargs__())

# iteration
it = iter((1, 2, 3))
print(type(it).__name__, it.__length_hint__(), next(it), list(it), it.__length_hint__(), list(it))
print(len(()), len(t), bool(()), bool((0,)))
print(sorted(set([(1, 2), (1, 2), (2, 1)])))
x = (1, [2, 3])
x[1].append(4)
print(x, repr(x), str(x))
print(((1, 2),) * 2, [(1,), (2,)])
a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
