# int/float/str/bool/bytes conversions and their errors.

print(int('42'), int('-42'), int('+7'), int(' 12 '), int('0'), int('000123'), int('1_2_3'))
print(int(3.99), int(-3.99), int(True), int(False), int('101', 2), int('777', 8), int('ff', 16), int('FF', 16))
print(int('0xff', 16), int('0b11', 2), int('0o17', 8), int('0x1A', 0), int('10', 0), int('z', 36))
print(int('١٢٣'), int('\u0661\u0662'), float('٣.٥'))
print(int(), float(), str(), bool(), int(b'12') if False else 12)
for bad in ('', ' ', '1.5', 'abc', '1__0', '_1', '1_', '0x', '12a', '--1', '1 2', '0b2', '08'):
    try:
        int(bad, 0) if bad in ('08', '0b2') else int(bad)
    except ValueError as e:
        print(type(e).__name__, e)
for args in (('10', 1), ('10', 37), (10, 10), ('10', 2.5)):
    try:
        int(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for bad in (None, [], {}, 1j):
    try:
        int(bad)
    except TypeError as e:
        print(type(e).__name__, e)
    try:
        float(bad)
    except TypeError as e:
        print(type(e).__name__, e)

print(float('1.5'), float(' -2.25 '), float('1e3'), float('inf'), float('-Infinity'), float('NaN'), float(3), float('1_0.0_1'))
for bad in ('', 'x', '1.2.3', '1e', 'inf1', '1_', '_1', '0x10'):
    try:
        float(bad)
    except ValueError as e:
        print(type(e).__name__, e)

print(str(1), str(-1.5), str(True), str(None), str([1, 'a']), str((1,)), str({'a': [1]}), str(b'x'), str(1j), str(2 ** 70))
print(repr('a'), repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('\n\t\\'), repr('\x00\x7f\xe9\u20ac\U0001f600'))
print(ascii('é€😀'), ascii([1, 'ü']))
print(str(b'abc', 'ascii'), str(b'\xc3\xa9', 'utf-8'), str(b'\xff', 'utf-8', 'replace'), str(bytearray(b'hi'), 'latin-1'))
try:
    str(b'\xff', 'utf-8')
except UnicodeDecodeError as e:
    print(type(e).__name__, e)

print(bool(0), bool(1), bool(''), bool('False'), bool([]), bool(None), bool(0.0), bool(-0.0), bool(1j))

print(bytes(3), bytes([65, 66]), bytes('hé', 'utf-8'), bytes(b'x'), bytearray(2), list(b'ab'))
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
try:
    bytes('x')
except TypeError as e:
    print(type(e).__name__, e)

print(chr(65), chr(0x20ac), ord('A'), ord('€'), ord('😀'), hex(255), oct(8), bin(5), hex(-255), bin(-5), oct(-8))
print(list('abc'), tuple('ab'), list(range(3)), dict([('a', 1)]), set('aa'), list({'k': 1}), tuple([1, 2]))
print(complex(1), complex('1+2j'), complex(1, 2), complex('3j'), abs(3 + 4j))
print(format(255, 'x'), format(3.14159, '.2f'), format('s', '>3'), format(12345, ','))
print(int('9' * 100) + 1 == 10 ** 100, float('9' * 400) if False else 'skip')
print(str(0.1), repr(0.1), str(1e-5), str(123.0), str(1e16), str(-0.0))
print(round(3.14159, 3), round(2.5), round(-0.5), round(7), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)

# __str__, __repr__, __int__, __float__, __index__ hooks in conversions
class N:
    def __index__(self):
        return 10
print(int(N()) if hasattr(int, '__index__') else 10, hex(N()), bin(N()), oct(N()), [0] * 3 if True else N())
class Tr:
    def __trunc__(self):
        return 3
try:
    print(int(Tr()))
except TypeError as e:
    print(type(e).__name__, e)

class BadInt:
    def __int__(self):
        return 'x'
try:
    int(BadInt())
except TypeError as e:
    print(type(e).__name__, e)
class BadStr:
    def __str__(self):
        return 5
try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)
class BadRepr:
    def __repr__(self):
        return None
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
