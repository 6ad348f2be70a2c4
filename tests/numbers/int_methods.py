# int methods, getsets, hash, repr/str limits.


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

nums = [0, 1, -1, 2, -2, 255, -256, 2 ** 47 - 1, -(2 ** 47), 2 ** 47, 2 ** 64 - 1, -(2 ** 64),
        10 ** 30, -(10 ** 30) - 1, True, False]
for n in nums:
    print(n, n.bit_length(), n.bit_count(), n.as_integer_ratio(), n.conjugate(), n.real,
          n.imag, n.numerator, n.denominator, n.__trunc__(), n.__floor__(), n.__ceil__(),
          n.__round__(), n.__getnewargs__(), n.__index__(), n.__int__(), n.__float__())
    print(type(n.conjugate()).__name__, type(n.real).__name__, type(n.__round__()).__name__)

# hash: modulus 2**61 - 1, -1 -> -2
for n in [0, 1, -1, -2, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 62 + 5, -(2 ** 61) + 1,
          -(2 ** 61), -(2 ** 61) - 1, 2 ** 47, -(2 ** 47) - 1, 10 ** 40, -(10 ** 40), 2 ** 122 - 2 ** 61 + 1,
          True, False]:
    print(hash(n), end=' ')
print()
print(hash(2 ** 100) == hash(float(2 ** 100)), hash(-(2 ** 70)) == hash(-(2.0 ** 70)))

# round with negative ndigits: half to even
for n in (0, 5, 15, 25, 35, -5, -15, -25, 149, 150, 151, 250, 2 ** 70 + 5 * 10 ** 5,
          12345678901234567890, -12345678901234567890):
    print([round(n, d) for d in (None, 0, 3, -1, -2, -3, -6, -30)])
t(lambda: round(5, 1.5))
t(lambda: round(5, '1'))
t(lambda: (5).__round__(None))

# to_bytes / from_bytes
for n, length, order, signed in [(0, 1, 'big', False), (1, 1, 'little', False), (255, 1, 'big', False),
                                 (256, 2, 'big', False), (256, 2, 'little', False),
                                 (-1, 1, 'big', True), (-128, 1, 'big', True), (127, 1, 'big', True),
                                 (-129, 2, 'little', True), (2 ** 64 - 1, 8, 'big', False),
                                 (-(2 ** 63), 8, 'big', True), (10 ** 30, 13, 'little', False),
                                 (0, 0, 'big', False), (-(10 ** 20), 9, 'big', True)]:
    b = n.to_bytes(length, order, signed=signed)
    print(b, int.from_bytes(b, order, signed=signed))
t(lambda: (1).to_bytes())
t(lambda: (1000).to_bytes())
t(lambda: (256).to_bytes(1, 'big'))
t(lambda: (128).to_bytes(1, 'big', signed=True))
t(lambda: (-129).to_bytes(1, 'big', signed=True))
t(lambda: (-1).to_bytes(1, 'big'))
t(lambda: (1).to_bytes(-1, 'big'))
t(lambda: (1).to_bytes(1, 'middle'))
t(lambda: (1).to_bytes(1, 2))
t(lambda: (1).to_bytes(1.0))
t(lambda: (1).to_bytes(length=2, byteorder='little'))
t(lambda: (0).to_bytes(0))
t(lambda: (1).to_bytes(0))
t(lambda: (-1).to_bytes(0, signed=True))
t(lambda: int.from_bytes(b'\x01\x00'))
t(lambda: int.from_bytes(b'\xff\xff', 'little', signed=True))
t(lambda: int.from_bytes(b'\x80', signed=True))
t(lambda: int.from_bytes(b'', signed=True))
t(lambda: int.from_bytes([1, 2, 3], 'big'))
t(lambda: int.from_bytes(bytearray(b'\x01\x02'), 'little'))
t(lambda: int.from_bytes((255,) * 20, 'big'))
t(lambda: int.from_bytes('ab', 'big'))
t(lambda: int.from_bytes(b'\x01', 'x'))
t(lambda: int.from_bytes(bytes=b'\x02', byteorder='big'))
t(lambda: bool.from_bytes(b'\x01', 'big'))
t(lambda: bool.from_bytes(b'\x00', 'big'))
class MyInt(int):
    pass
t(lambda: type(MyInt.from_bytes(b'\x05', 'big')).__name__)
t(lambda: MyInt.from_bytes(b'\x05', 'big'))

# divmod dunders
t(lambda: (7).__divmod__(2))
t(lambda: (7).__rdivmod__(2))
t(lambda: (7).__divmod__(2.0))
t(lambda: (7).__truediv__(2))
t(lambda: (7).__rtruediv__(2))
t(lambda: (7).__rsub__(2))
t(lambda: (7).__rpow__(2))
t(lambda: (7).__pow__(2, 5))
t(lambda: (2 ** 100).__sizeof__() > (1).__sizeof__())
t(lambda: (0).__sizeof__() > 0)

# repr / str and the digit limit
t(lambda: str(10 ** 4299)[:5])
t(lambda: len(str(10 ** 4299)))
t(lambda: len(str(-(10 ** 4299))))
t(lambda: str(10 ** 4300))
t(lambda: repr(-(10 ** 5000)))
t(lambda: str(2 ** 20000)[:3])
t(lambda: '%d' % 10 ** 20)
t(lambda: hex(10 ** 5000)[:6])
print(repr(2 ** 47), repr(-(2 ** 47)), str(2 ** 63), str(-(2 ** 64)), 123456789012345678901234567890)

# format dispatch
t(lambda: format(255, 'x'))
t(lambda: format(255, ''))
t(lambda: format(True, ''))
t(lambda: format(True, 'd'))
t(lambda: format(10 ** 20, ','))
t(lambda: (255).__format__('08b'))
t(lambda: (255).__format__(1))
t(lambda: f'{12345:_}')
t(lambda: hasattr(1, 'is_integer'))
t(lambda: int.__dict__['real'].__get__(5))
t(lambda: (5).imag)
