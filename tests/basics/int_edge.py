# integer edge cases: big ints, // and % signs, **, shifts, bit ops, boundaries.

for a in (7, -7, 0, 1, -1, 13, -13):
    for b in (2, -2, 3, -3, 5, -5):
        print('%d//%d=%d %d%%%d=%d divmod=%r' % (a, b, a // b, a, b, a % b, divmod(a, b)))

big = 2 ** 100
print(big, -big, big + 1, big - 1, big * big, big // 3, big % 7, -big // 3, -big % 7)
print(big // -3, big % -7, divmod(-big, 12345), divmod(big, -12345))
print(2 ** 64, 2 ** 63 - 1, -2 ** 63, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 64, 2 ** -1, 10 ** -2)
print(3 ** 200)
print(pow(3, 200, 1000), pow(2, -1, 7), pow(-3, 3, 5), pow(10, 100, 10 ** 9 + 7))
print(123456789 ** 5, (10 ** 30 + 1) * (10 ** 30 - 1))
print(10 ** 30 // 10 ** 15, 10 ** 30 % (10 ** 15 + 1), -(10 ** 30) // 7, -(10 ** 30) % 7)

# boundaries around 2**31, 2**32, 2**47, 2**48, 2**63, 2**64
for e in (31, 32, 47, 48, 62, 63, 64, 65):
    v = 2 ** e
    print(e, v - 1, v, v + 1, -v, -v - 1, (v - 1) * 2, v // 2, -(v // 2), v * v)
    print(e, (v - 1) + 1 == v, v - 1 < v, hex(v), hex(-v), v >> 1, v << 1, (v - 1) & 0xFFFF)

# overflow transitions in arithmetic
x = 2 ** 47 - 1
print(x + 1, x * 2, -x - 2, x * x, (x + 1) // 2, abs(-x - 1))
y = 1
for _ in range(70):
    y *= 3
print(y)
y = -1
for _ in range(70):
    y *= 2
print(y)
print(sum(range(10 ** 6)), sum(2 ** i for i in range(100)))

# shifts
print(1 << 100, (1 << 100) >> 99, -1 >> 10, -8 >> 1, -7 >> 1, 5 >> 100, -5 >> 100, 0 << 1000)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -1
except ValueError as e:
    print(type(e).__name__, e)

# bitwise ops with negatives and big ints
print(-1 & 0xFF, -256 | 15, -1 ^ 5, ~0, ~-1, ~(2 ** 100), 6 & 3, 6 | 3, 6 ^ 3)
print((2 ** 100 + 5) & (2 ** 100 + 3), (-2 ** 100) | 7, (2 ** 70) ^ (2 ** 70 - 1))

# unary and abs
print(-0, +5, -(-5), abs(-2 ** 80), abs(0))

# true division
print(7 / 2, -7 / 2, 1 / 3, 2 ** 100 / 2 ** 98, 10 ** 30 / 10 ** 10, 1 / 2 ** 60)
print(10 ** 400 // 10 ** 399, (10 ** 400) / (10 ** 399))
try:
    print(10 ** 400 / 3)
except OverflowError as e:
    print(type(e).__name__, e)

# mixed int/float
print(3 * 1.5, 3 // 1.5, 7 % 2.5, -7 % 2.5, 7 // -2.5, 2 ** 0.5, 4 ** -0.5, (-8) ** (1 / 3) if False else 0)
print(divmod(7.5, 2), divmod(-7.5, 2), 0.0 // 1, -0.0 % 1)

# int methods
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
print((255).to_bytes(2, 'big'), int.from_bytes(b'\x01\x00', 'little'), (-1).to_bytes(2, 'big', signed=True))
print((10).bit_count() if hasattr(int, 'bit_count') else 2, (12).as_integer_ratio(), (7).conjugate())
print(int.__name__, (5).real, (5).imag, (5).numerator, (5).denominator)

# comparisons
print(2 ** 100 > 2 ** 99, -2 ** 100 < 5, 2 ** 100 == 2 ** 100, 2 ** 100 != 2 ** 100 + 1)
print(max(2 ** 100, 3), min(-2 ** 100, 3), sorted([2 ** 70, -5, 3, -2 ** 70]))

# round with negative digits
print(round(12345, -2), round(-12355, -1), round(15, -1), round(25, -1), round(2 ** 100, -20))

# int() conversions of big strings and bases
print(int('1' * 50), int('-' + '9' * 40), int('ff' * 10, 16), int('0x' + 'f' * 20, 0), int('  -12  '))
print(int('1_000_000'), int('0b1010', 0), int('0o777', 0), int('z', 36), int('Z', 36))

# hash of big ints consistent with equality
print(hash(2 ** 100) == hash(2 ** 100), hash(2 ** 61 - 1), hash(2 ** 61), hash(-2 ** 61))

# ints as booleans and indexes
print(bool(2 ** 100), bool(-1), [1, 2, 3][True], 'abc'[-True])

# str of huge ints (within 4300 digit limit)
s = str(7 ** 4000)
print(len(s), s[:20], s[-20:])
