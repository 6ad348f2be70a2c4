# math: fsum (exact, correctly rounded), prod (int/float fast paths and the general case),
# hypot and dist (n dimensions, scaling), isclose tolerances.
import math

print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e-16, 1, 1e16]), math.fsum([1, 1e16, 1e-16]), math.fsum([]), math.fsum(iter([1, 2.5])))
print(math.fsum([1.7976931348623157e308, -1.7976931348623157e308, 1.0]), math.fsum([-0.0]), math.fsum([0.0, -0.0]))
print(math.fsum([float('inf'), 1.0]), math.fsum([float('-inf'), float('-inf')]), math.fsum([float('nan'), 1.0]))
print(math.fsum([1e308, 1e308, -1e308]) if False else 'skip', math.fsum([2.0**-1074] * 3), math.fsum([True, 2, 0.5]))
seed = 1
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2**31
    return seed
for n in (5, 50, 500):
    xs = [(rnd() / 2**31 - 0.5) * 10.0 ** (rnd() % 30 - 15) for _ in range(n)]
    print(n, math.fsum(xs), sum(xs), math.fsum(xs[::-1]) == math.fsum(xs))
for bad in ([1e308, 1e308], [float('inf'), float('-inf')], [1, 'a'], 5):
    try:
        print(math.fsum(bad))
    except Exception as e:
        print(type(e).__name__, e)

print(math.prod([]), math.prod([1, 2, 3, 4]), math.prod(range(1, 30)), math.prod([2] * 100))
print(math.prod([1.5, 2, 3]), math.prod([2, 1.5]), math.prod([], start=2.5), math.prod([3], start=10**30))
print(math.prod([2**40, 2**40, 2**40]), math.prod([-(2**47), 2]), math.prod(x / 2 for x in range(1, 6)))
print(math.prod(['ab', 3]), math.prod([[1]], start=2), math.prod([True, True]), math.prod([1, 2, 3.0]))
class Money:
    def __init__(self, v): self.v = v
    def __mul__(self, k): return Money(self.v * k)
    __rmul__ = __mul__
    def __repr__(self): return 'Money(%r)' % self.v
print(math.prod([Money(2), 3, 4]), math.prod([3, Money(2)]), math.prod([Money(5)], start=2.5))

print(math.hypot(), math.hypot(3), math.hypot(-3), math.hypot(3, 4), math.hypot(1, 2, 2))
print(math.hypot(*range(10)), math.hypot(1e308, 1e308), math.hypot(1e-320, 1e-320), math.hypot(5e-324, 5e-324))
print(math.hypot(float('inf'), float('nan')), math.hypot(float('nan'), 1), math.hypot(0.0, -0.0))
print(math.hypot(*[1.0 / k for k in range(1, 40)]), math.hypot(True, 2))
print(math.dist((0, 0), (3, 4)), math.dist([1, 2, 3], (4, 6, 8)), math.dist((), ()), math.dist(range(3), [5, 5, 5]))
print(math.dist((1e308,), (-1e308,)), math.dist((1.5,), (1.5,)))
for a, b, kw in [(1, 1 + 1e-10, {}), (1, 1 + 1e-8, {}), (0, 1e-10, {}), (0, 1e-10, {'abs_tol': 1e-9}),
                 (1e10, 1.0001e10, {'rel_tol': 1e-3}), (float('inf'), float('inf'), {}),
                 (float('inf'), -float('inf'), {}), (float('nan'), float('nan'), {})]:
    print(a, b, kw, math.isclose(a, b, **kw))
