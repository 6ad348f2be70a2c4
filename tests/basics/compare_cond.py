# chained comparisons, conditional expressions, boolean operators, truthiness, identity.

def show(tag, v):
    print('eval', tag)
    return v

print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2, 1 < 2 > 0)
print(1 <= 1 < 2 <= 2 < 3, 0 < 0 < 1)
# middle operand evaluated once, short-circuits
print(show('a', 1) < show('b', 2) < show('c', 3))
print(show('a', 3) < show('b', 2) < show('c', 1))
x = 5
print(0 < x < 10, 0 < x > 10, x in [5] in [[5]], 1 < x is not None)
print('a' < 'b' < 'c', [1] < [2] < [3], (1, 2) < (1, 3) <= (1, 3))

# conditional expression
for v in (0, 1, -1):
    print('pos' if v > 0 else 'neg' if v < 0 else 'zero')
print(show('t', 1) if show('cond', True) else show('f', 2))
print(show('t', 1) if show('cond', False) else show('f', 2))
print((lambda: 'a')() if [] else 'empty list falsy')

# and / or return operands
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, '' or 'default', None or 0 or [] or 'last')
print([] and 'x', 'a' and 'b' and 'c', 0 or '' or None)
print(show('l', 0) and show('r', 1))
print(show('l', 1) or show('r', 1))
print(not 1, not 0, not [], not [0], not None, not not 'x')

# truthiness of builtins
for v in (0, 1, -1, 0.0, -0.0, 0.1, 0j, 1j, '', ' ', 'a', b'', b'\x00', [], [0], (), (None,),
          {}, {0: 0}, set(), {0}, frozenset(), range(0), range(1), None, True, False,
          float('nan'), bytearray(), Ellipsis, NotImplemented if False else 1):
    print(repr(v), bool(v), 'T' if v else 'F')

# truthiness via __bool__ / __len__ in conditionals, while, and/or
class Countdown:
    def __init__(self, n):
        self.n = n
    def __bool__(self):
        self.n -= 1
        return self.n >= 0
c = Countdown(3)
k = 0
while c:
    k += 1
print('looped', k)
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(bool(Sized(0)), bool(Sized(2)), Sized(0) or 'fallback', (Sized(3) and 'truthy'))

# is / is not / identity of singletons and small values
print(None is None, True is True, ... is Ellipsis, NotImplemented is NotImplemented)
a = [1]
b = a
print(a is b, a is not b, a is [1], a == [1])
print(type(None)() is None)

# in / not in
print(1 in [1, 2], 3 not in [1, 2], 'ell' in 'hello', 'x' not in 'abc', 2 in {1: 'a', 2: 'b'},
      'a' in {'a'}, 1 in range(3), 5 in range(0, 10, 2), (1, 2) in [(1, 2)], '' in 'abc')
try:
    1 in 'abc'
except TypeError as e:
    print(type(e).__name__, e)
try:
    [] in {}
except TypeError as e:
    print(type(e).__name__, e)

# comparisons between numeric types
print(1 == 1.0 == True, 2 ** 64 == 2.0 ** 64, 2 ** 53 + 1 == 2.0 ** 53 + 1, 10 ** 400 > 1e308,
      -10 ** 400 < -1e308, 0.1 + 0.2 == 0.3, 1 < 1.5 < 2, 1j == 1j, 1 + 0j == 1)
print(float('inf') > 10 ** 1000, float('-inf') < -10 ** 1000, 10 ** 1000 == float('inf'))
try:
    1j < 2j
except TypeError as e:
    print(type(e).__name__, e)

# bool arithmetic
print(True + True, True * 10, False - 1, True / 2, -True, ~True, True & False, True | False,
      True ^ True, type(True & True).__name__, type(True + 1).__name__, sum([True] * 5))

# any / all short circuit
def gen():
    for v in (0, 1, 2):
        print('gen', v)
        yield v
print(any(gen()))
print(all(gen()))

# comparison operator return values can be arbitrary
class Cmp:
    def __lt__(self, o):
        return 'lt-result'
print(Cmp() < 1, 1 > Cmp())
print(Cmp() < 1 < 2)
