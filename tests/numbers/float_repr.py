# float repr (shortest round trip), float() parsing, hex/fromhex, hash.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

vals = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 10.0, 100.0, 1e15, 1e16, 1e17,
        9999999999999998.0, 1e16 - 2, 123456789012345680.0, 0.001, 0.0001, 0.00001, 0.00012345,
        1.5e-5, 1e-7, 1e22, 1e23, 1e-320, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
        1.7976931348623157e308, float('inf'), float('-inf'), float('nan'), -float('nan'),
        3.141592653589793, 2.718281828459045, 1e100, 1.2345e-100, 123.456, -0.5, 4.35, 0.3,
        2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 60, 2.0 ** -1074, 2.0 ** -1022, 2.0 ** 1023, 1e-4 * 3,
        5e-5, 12345678.9, 1234567890123456.7, 0.000123, 9.999999999999999e22, 8.41e21, 5.0e-310]
for v in vals:
    print(repr(v), str(v), v.hex(), hash(v) if v == v else 'nan')
for i in range(-25, 26):
    print(repr(10.0 ** i), repr(-(2.0 ** i)), repr(1.1 * 10.0 ** i), end=' ')
print()
acc = 0.0
for i in range(30):
    acc += 0.1
    print(repr(acc), end=' ')
print()
print([i / 7 for i in range(1, 15)])
print([i * 0.01 for i in range(20)])

# float() from text
texts = ['1', ' 1.5 ', '-1.5', '+.5', '5.', '.', '1e5', '1E-5', '1e', 'e5', '1e+', '1_000.5',
         '1__0', '_1', '1_', '1._5', '1_.5', '1e1_0', '1e_1', 'inf', '-inf', '+inf', 'Infinity',
         '-iNfInItY', 'infinit', 'nan', '-nan', 'NaN', 'nan(1)', '0x10', '1,5', '', '  ', '1 2',
         '\u0661.\u0665', '\u00a01.5\u2003', '１.５', '1.5\x00', '0' * 400 + '1', '1' + '0' * 400,
         '1e-400', '-1e-400', '1e400', '123456789012345678901234567890', '0.1e1', '00.5e-0_1',
         '+-1', '1.5j', '\t\n1\r\x0b\x0c']
for s in texts:
    t(lambda: float(s))
t(lambda: float(b'1.25'))
t(lambda: float(bytearray(b' -2.5 ')))
t(lambda: float(b'x'))
t(lambda: float(memoryview(b'3.5')))
t(lambda: float('x' * 250))
t(lambda: float())
t(lambda: float(x=1))
t(lambda: float(1, 2))
t(lambda: float([]))
t(lambda: float(None))
t(lambda: float(1j))
t(lambda: float(10 ** 308))
t(lambda: float(10 ** 309))
t(lambda: float(2 ** 1024 - 2 ** 970))
t(lambda: float(2 ** 1024 - 2 ** 971))
t(lambda: float(-(2 ** 1024)))
t(lambda: float(2 ** 53 + 1))
t(lambda: float(2 ** 53 + 3))
t(lambda: float(2 ** 54 + 2))
t(lambda: float(2 ** 54 + 6))
t(lambda: float(True))
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
class Bad:
    def __float__(self):
        return 1
t(lambda: float(F()))
t(lambda: float(I()))
t(lambda: float(Bad()))

# fromhex / hex
for s in ['0x1p0', '0x1.8p1', '-0x1.8p1', ' 0x1.8p1 ', '0X1P-2', '1p4', '0x.8', '0x8.', 'a',
          '0x1.fffffffffffff8p1023', '0x1.fffffffffffff7p1023', '0x1p1024', '0x1p-1074',
          '0x1p-1075', '0x3p-1076', '0x1.00000000000008p0', '0x1.00000000000018p0',
          '0x1.000000000000080001p0', 'inf', '-Infinity', 'nan', '0x', 'x1', '0x1p', '0x1p+',
          '0x1.p1', '0x.p1', '', '0x1g', '0x1p99999999999', '0x1p-99999999999', '0x0p99999',
          '0x' + '0' * 100 + '1p-4', '0x1' + '0' * 100 + 'p-400', '-0x0.0p+0']:
    t(lambda: float.fromhex(s))
t(lambda: float.fromhex(1))
class MyF(float):
    pass
t(lambda: type(MyF.fromhex('0x1p1')).__name__)
t(lambda: MyF.fromhex('0x1p1'))
for v in [1.0, -1.5, 0.1, 5e-324, 2.0 ** -1030, 1e308, -0.0, 0.0, float('inf'), float('nan')]:
    print(v.hex(), float.fromhex(v.hex()) == v or v != v, end=' ')
print()

# hash agrees with int and Fraction semantics
for v in [0.5, -0.5, 1.5, 2.0 ** 61, 2.0 ** 62, -(2.0 ** 64), 1e300, 1e-300, 2.0 ** -1074, 3.0,
          -1.0, 1e16, 123.456, float('inf'), float('-inf')]:
    print(hash(v), end=' ')
print()
print(hash(3.0) == hash(3), hash(2.0 ** 100) == hash(2 ** 100), hash(-1.0), hash(0.0), hash(-0.0))
