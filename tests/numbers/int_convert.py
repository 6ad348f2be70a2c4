# int(): from text with bases, from floats, through __int__ / __index__ / __trunc__.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

texts = ['0', '-0', '+0', '12', ' 12 ', '\t-12\n', '1_000', '1__0', '_1', '1_', '0x1f', '0X1F',
         '0o17', '0b101', '0b', '0x', '0x_1f', '0_0', '00', '007', '010', '0_7', '-0x1f',
         '+0b1_1', '1e3', '1.5', '', ' ', '+', '-', '--1', '+-1', '12a', 'z', 'Z', 'ff',
         '99999999999999999999999', '-123456789012345678901234567890', '\u0661\u0662',
         '\uff11\uff12', '\u00a012\u2003', '1\u00a0', '\u0e51\u0e50', '\u00bd', '1 2',
         '0x1g', '0o8', '0b2', 'Infinity', '1\x00']
for s in texts:
    for base in (10, 0, 16, 8, 2, 36, 7):
        t(lambda: int(s, base))
t(lambda: int('zz', 36))
t(lambda: int('ZZ', 36))
t(lambda: int('10', 37))
t(lambda: int('10', 1))
t(lambda: int('10', -1))
t(lambda: int('10', 10 ** 30))
t(lambda: int('10', 2.0))
t(lambda: int(10, 10))
t(lambda: int(1.5, 10))
t(lambda: int(base=10))
t(lambda: int('12', base=16))
t(lambda: int(x='12'))
t(lambda: int('1', 2, 3))
t(lambda: int())
t(lambda: int(b'12'))
t(lambda: int(b' -0x1f ', 16))
t(lambda: int(b'1_2'))
t(lambda: int(b'x'))
t(lambda: int(bytearray(b'77'), 8))
t(lambda: int(memoryview(b'42')))
t(lambda: int(memoryview(b'42'), 10))
t(lambda: int('x' * 300))
t(lambda: int('\u00e9' * 250))
t(lambda: int([]))
t(lambda: int(None))
t(lambda: int(1j))
t(lambda: int('1' * 4300) % 1000)
t(lambda: int('1' * 4301))
t(lambda: int('-' + '1' * 4301))
t(lambda: int('0' * 4301))
t(lambda: int('1_' * 4300 + '1'))
t(lambda: int('1' * 5000, 16) % 1000)
t(lambda: int('1' * 5000, 36))
t(lambda: int('1' * 5000, 2) % 1000)

# floats
for f in (0.0, -0.0, 0.5, -0.5, 1.9999, -1.9999, 1e15 + 0.5, 2.0 ** 47, -2.0 ** 47, 2.0 ** 52,
          2.0 ** 63, 1e20, -1e20, 1e300, 123456789.987654321):
    t(lambda: int(f))
t(lambda: int(float('inf')))
t(lambda: int(float('-inf')))
t(lambda: int(float('nan')))
t(lambda: int(True))
t(lambda: type(int(True)))

class WithInt:
    def __int__(self):
        return 42
class WithIndex:
    def __index__(self):
        return 7
class WithTrunc:
    def __trunc__(self):
        return 9
class TruncToIndex:
    def __trunc__(self):
        return WithIndex()
class BadInt:
    def __int__(self):
        return 1.5
class BadIndex:
    def __index__(self):
        return '7'
class BadTrunc:
    def __trunc__(self):
        return 'x'
class IntSub(int):
    pass
class ReturnsSub:
    def __int__(self):
        return IntSub(5)
t(lambda: int(WithInt()))
t(lambda: int(WithIndex()))
t(lambda: int(WithTrunc()))
t(lambda: int(TruncToIndex()))
t(lambda: int(BadInt()))
t(lambda: int(BadIndex()))
t(lambda: int(BadTrunc()))
t(lambda: type(int(ReturnsSub())))
t(lambda: [10, 20, 30][WithIndex() - 6])
t(lambda: bin(WithIndex()))
t(lambda: hex(255))
t(lambda: oct(-8))
t(lambda: bin(-(2 ** 70)))
t(lambda: hex(10 ** 30))
t(lambda: len(hex(10 ** 5000)))

# subclasses of int
class MyInt(int):
    def __repr__(self):
        return 'MyInt(%d)' % int(self)
m = MyInt(5)
print(m, repr(m), type(m).__name__, m + 1, type(m + 1).__name__, -m, type(-m).__name__)
print(MyInt('ff', 16), MyInt(2 ** 80), MyInt(), type(MyInt()).__name__)
print(m == 5, hash(m) == hash(5), isinstance(m, int), int(m), type(int(m)).__name__)
print(type(+m).__name__, type(abs(m)).__name__, m.real, type(m.real).__name__)
print(MyInt(2 ** 100) + 1, MyInt(-3) // 2, MyInt(7) % MyInt(4), MyInt(3) ** 2)
print(str(MyInt(3)), '%d' % MyInt(3), int.__repr__(MyInt(3)))
class Big(int):
    pass
b = Big(2 ** 100)
print(b, b >> 90, b.bit_length(), hash(b) == hash(2 ** 100))
t(lambda: int.__new__(MyInt, '7', 8))
t(lambda: type(int.__new__(MyInt, 5)).__name__)
t(lambda: int.__new__(int, 2 ** 70) == 2 ** 70)
