# int arithmetic: immediates, the 48-bit boundary, big ints, bools, errors.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

B = 2 ** 47          # just outside the immediate range
vals = [0, 1, -1, 7, -7, 2 ** 47 - 1, -2 ** 47, B, -B - 1, 2 ** 63, -2 ** 63, 2 ** 64 + 3,
        -(10 ** 30) + 7, 10 ** 40 + 1, True, False]
divs = [1, -1, 3, -3, 7, -7, 2 ** 47, -(2 ** 47), 10 ** 20 + 3, -(10 ** 25)]

for a in vals:
    for b in vals:
        print(a + b, a - b, a * b, end=' ')
    print()

for a in vals:
    for b in divs:
        print(a // b, a % b, divmod(a, b), end=' ')
    print()

# floor division and modulo signs
for a in (7, -7, 0, 1, -1, 2 ** 50 + 5, -(2 ** 50 + 5)):
    for b in (2, -2, 3, -3, 2 ** 49, -(2 ** 49)):
        q, r = divmod(a, b)
        assert q * b + r == a and (r == 0 or (r < 0) == (b < 0))
        print(a // b, a % b, end=' ')
    print()

t(lambda: 1 // 0)
t(lambda: 1 % 0)
t(lambda: divmod(1, 0))
t(lambda: 10 ** 30 // 0)
t(lambda: 10 ** 30 % 0)
t(lambda: 1 / 0)
t(lambda: (10 ** 30) / 0)
t(lambda: True // False)

# true division: correctly rounded
for a, b in [(1, 3), (2, 3), (-1, 3), (10, 4), (0, 5), (0, -5), (7, -2), (2 ** 53 + 1, 1),
             (2 ** 53 + 1, 2), (10 ** 30, 3), (-(10 ** 30), 7), (1, 10 ** 30),
             (10 ** 400, 10 ** 399), (3 ** 200, 2 ** 300), (1, 2 ** 1074), (1, 2 ** 1075),
             (3, 2 ** 1076), (1, 2 ** 1080), (2 ** 1023 * 3, 2), (10 ** 308, 10 ** -0),
             (12345678901234567890123, 1000), (0, -(10 ** 30)), (2 ** 60 + 1, 2 ** 7)]:
    t(lambda: a / b)
t(lambda: 10 ** 400 / 1)
t(lambda: 2 ** 1024 / 1)
t(lambda: (2 ** 1024 - 2 ** 970) / 1)
t(lambda: (2 ** 1024 - 2 ** 971) / 1)

# powers
for a in (0, 1, -1, 2, -2, 3, 10, -10, 2 ** 47, 7 ** 30):
    for b in (0, 1, 2, 3, 10, 47, 63, 64, 100):
        print(a ** b % (10 ** 30 + 57), end=' ')
    print()
print(2 ** 200, (-3) ** 101, 10 ** 50)
t(lambda: 2 ** -1)
t(lambda: (-2) ** -3)
t(lambda: 0 ** -1)
t(lambda: 0 ** 0)
t(lambda: (-1) ** (10 ** 30))
t(lambda: (-1) ** (10 ** 30 + 1))
t(lambda: 1 ** (10 ** 30))
t(lambda: 0 ** (10 ** 30))
t(lambda: 10 ** -400)
t(lambda: (10 ** 400) ** -1)
t(lambda: pow(3, 4, 5))
t(lambda: pow(3, 4, -5))
t(lambda: pow(-3, 5, 7))
t(lambda: pow(2, 10 ** 20, 10 ** 9 + 7))
t(lambda: pow(3, -1, 7))
t(lambda: pow(3, -2, -7))
t(lambda: pow(2, -1, 4))
t(lambda: pow(2, 3, 0))
t(lambda: pow(2, 3, 1))
t(lambda: pow(0, -1, 1))
t(lambda: pow(2, 3, -1))
t(lambda: pow(10 ** 30, 10 ** 20, 10 ** 25 + 9))
t(lambda: pow(2, 3, 4.0))
t(lambda: pow(2, 3.0, 4))
t(lambda: pow(2, 3, None))
t(lambda: pow(True, True, True))

# shifts
for a in (0, 1, -1, 5, -5, 2 ** 47 - 1, -(2 ** 47), 10 ** 20, -(10 ** 20)):
    for c in (0, 1, 3, 16, 47, 63, 64, 65, 200):
        print(a << c, a >> c, end=' ')
    print()
t(lambda: 1 << -1)
t(lambda: 1 >> -1)
t(lambda: 10 ** 30 >> -(10 ** 30))
t(lambda: 1 << (1 << 100))
t(lambda: 0 << (1 << 100))
t(lambda: -1 >> (1 << 100))
t(lambda: 5 >> (1 << 100))
t(lambda: 1 << 1.0)

# bitwise with negatives (two's complement)
ops = [0, 1, -1, 6, -6, 255, -256, 2 ** 47, -(2 ** 47), 2 ** 70 + 5, -(2 ** 70) - 3, ~(2 ** 65)]
for a in ops:
    for b in ops:
        print(a & b, a | b, a ^ b, end=' ')
    print(~a, -a, +a, abs(a))

# comparisons
cmpv = [-(10 ** 30), -(2 ** 47) - 1, -(2 ** 47), -1, 0, 1, 2 ** 47 - 1, 2 ** 47, 10 ** 30, True]
for a in cmpv:
    print([(a < b, a <= b, a == b, a != b, a > b, a >= b) for b in cmpv])

# NotImplemented for other types
t(lambda: (5).__add__(1.5))
t(lambda: (5).__eq__(5.0))
t(lambda: (5).__lt__('x'))
t(lambda: 5 + 'x')
t(lambda: 'x' * 3)
t(lambda: 3 @ 4)
t(lambda: -(-(2 ** 47)))
t(lambda: -(2 ** 47 - 1) - 2)
t(lambda: (2 ** 47 - 1) + 1 - 1)
t(lambda: type((2 ** 47 - 1) + 1 - 1))
t(lambda: (2 ** 47) * (2 ** 47) // (2 ** 47))
x = 10
x += 2 ** 60
x -= 2 ** 60
x *= 3
x //= 4
x **= 5
x %= 1000
x <<= 3
x >>= 1
x &= 0xff
x |= 0x100
x ^= 0x3
print(x)

# interplay with user types: NotImplemented lets the other operand answer
class R:
    def __radd__(self, other):
        return ('radd', other)
    def __rmul__(self, other):
        return ('rmul', other)
    def __rlshift__(self, other):
        return ('rlshift', other)
    def __rpow__(self, other):
        return ('rpow', other)
    def __eq__(self, other):
        return 'eq'
    def __gt__(self, other):
        return 'gt'
print(1 + R(), 2 ** 70 * R(), True << R(), 3 ** R(), 5 == R(), 5 < R())
class Sub(int):
    def __add__(self, other):
        return 'Sub.add'
    def __radd__(self, other):
        return 'Sub.radd'
print(Sub(1) + 1, 1 + Sub(1), 2 ** 70 + Sub(2), Sub(1) - 1, type(Sub(1) - 1).__name__)
