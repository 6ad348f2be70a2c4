# _random.Random: MT19937 seeding from ints of any size and from hashes, random() with 53 bits,
# getrandbits for any k, getstate/setstate (625-tuple), subclassing, and the errors.
import _random

r = _random.Random()
for t in ['r.random(1)', 'r.seed(1,2)', 'r.getrandbits()', 'r.setstate()', 'r.getstate(1)',
          'r.seed(x=1)', 'r.random(x=1)', '_random.Random(1,2)', '_random.Random(x=1)',
          'r.getrandbits(-1)', 'r.getrandbits(1.5)', 'r.getrandbits(2**40)', 'r.setstate(1)',
          'r.setstate((1,2))', 'r.setstate((0,)*624+(625,))', 'r.setstate((0,)*624+(-1,))',
          'r.setstate((-1,)*625)', 'r.setstate((2**32+5,)*624+(3,))', 'r.setstate(("a",)*625)',
          'r.setstate((2**64,)*625)', 'r.setstate((1,)*624+(1.5,))', 'r.seed([1])']:
    try:
        print(t, repr(eval(t)))
    except Exception as e:
        print(t, type(e).__name__, e)
print(r.getstate()[:3], r.getstate()[-1])

for s in [0, 1, 42, -42, 2**32, 2**32 - 1, 2**64 + 7, 10**50, 3.5, -3.5, (1, 2), True, 2**31,
          -(2**100), 1 << 19937]:
    r.seed(s)
    label = repr(s) if not isinstance(s, int) or s.bit_length() < 200 else "2**%d" % (s.bit_length() - 1)
    print(label, r.random(), r.getrandbits(5), r.getrandbits(32), r.getrandbits(33),
          r.getrandbits(100), r.getrandbits(0), r.getrandbits(64), r.getstate()[-1])
r.seed(None)
r.seed()
print('seeded from the system', 0.0 <= r.random() < 1.0, len(r.getstate()))

r2 = _random.Random(5)
print(r2.random(), _random.Random(5).getrandbits(1000) == r2.getrandbits(0) or 'differs')
r3 = _random.Random.__new__(_random.Random)
print(r3.getstate()[:3], r3.getstate()[-1], r3.random())

class R(_random.Random):
    def __init__(self, x, y):
        self.y = y
        self.seed(x)
q = R(3, 4)
print(q.random(), q.y, [c.__name__ for c in type(q).__mro__])

class R2(_random.Random):
    pass
print(R2(7).random())
try:
    R2(7, y=1)
except Exception as e:
    print(type(e).__name__, e)

st = q.getstate()
a = [q.random() for _ in range(5)]
q.setstate(st)
print(a == [q.random() for _ in range(5)])
r.seed(12)
xs = [r.random() for _ in range(1300)]  # crosses two twists
print(xs[:3], xs[-3:])
r.seed(12)
print(sum(r.getrandbits(7) for _ in range(1000)), r.getrandbits(12345) % 1000003)
print(_random.Random.__name__, _random.Random.__module__, type(_random.Random.random).__name__)
