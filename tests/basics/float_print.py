# float repr/str of many values: shortest round-trip repr, exponents, special values.

vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 10 / 3, 1e16, 1e15,
        123456789012345678.0, 1e22, 1e23, 1.5e300, 1e-5, 1e-4, 0.001, 1e-7, 5e-324, 2.2250738585072014e-308,
        1.7976931348623157e308, 3.141592653589793, 2.718281828459045, 100.0, 1234.5678,
        0.5, 0.25, 0.125, 1e100, 1.23e-100, 9007199254740993.0, 2.0 ** 53, 2.0 ** 63, 2.0 ** 64,
        float('inf'), float('-inf'), float('nan'), 1e16 - 1, 99999999999999999.0, 0.30000000000000004,
        1.1, 2.675, 1e-10, 123e45, 4.35, 0.07, 1.0000000000000002, 0.9999999999999999]
for v in vals:
    print(repr(v), str(v), v)

print([1.0, 2.5, -0.0], (0.1,), {'k': 1e20})
for e in range(-20, 25, 3):
    print(10.0 ** e, 1.5 * 10.0 ** e, -(2.0 ** e))
print(float('1e500'), float('-1e500'), float(' 3.5 '), float('1_000.5'), float('.5'), float('5.'),
      float('Infinity'), float('-inf'), float('nan'), float('+1.5e+3'), float('0x10') if False else 16.0)
print(float(2 ** 1023), float(-2 ** 60), float(True), float(10 ** 20))
print(1.5.is_integer(), (2.0).is_integer(), (0.1).as_integer_ratio(), (2.5).hex(), float.fromhex('0x1.8p1'))
print(round(2.5), round(3.5), round(-2.5), round(0.125, 2), round(2.675, 2), round(1234.5678, -2), round(1e300, 2))
print(int(2.9), int(-2.9), int(1e20), int(-0.0), int(2 ** 60 + 0.0))
try:
    int(float('inf'))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(float('nan'))
except ValueError as e:
    print(type(e).__name__, e)
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10, 0.1 * 3, 0.1 * 3 == 0.3)
print(7.0 // 2, 7.0 % 2, -7.0 // 2, -7.0 % 2, 7.0 % -2, divmod(-7.0, 2), 1e300 * 1e10 - 1e300 * 1e10)
try:
    1.0 % 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
print((-8.0) ** 0.5 if False else 0, 0.0 ** 0, (-1.0) ** 2, 2.0 ** -1074, 2.0 ** -1075)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print('%s %r %.3f %e %g %10.4f|' % (0.1, 0.1, 2.0 / 3, 12345.678, 1e-5, 3.14159))
print(str(1e16), str(1.0e-4), str(12345678901234567890.0), repr(-1e-7))
print(hash(0.5) == hash(0.5), hash(1.0) == hash(1), hash(float('inf')), hash(-0.0))
print(sum([0.1] * 10), sum([1e100, 1.0, -1e100]), max(0.0, -0.0), min(-0.0, 0.0))
