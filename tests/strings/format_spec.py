# format() and the format-spec mini-language for str, int, bool, float and complex.
def t(v, spec):
    try:
        r = format(v, spec)
    except Exception as e:
        print(repr(v), repr(spec), type(e).__name__, e)
    else:
        print(repr(v), repr(spec), repr(r))

strs = ['', 'abc', 'h\xe9llo', '\u20ac', '\U0001F600x']
str_specs = ['', 's', '5', '<5', '>5', '^5', '^6', '*^7', '\u20ac>4', '0', '05', '.1', '.0', '8.2',
             '<8.2s', '=5', '+', ' ', '-', '#', 'z', ',', '_', 'd', 'x', 'r', '..', '5.', 'ss',
             '\x00<4', '{<4', '}>4', '1000000000000000000000', '.1000000000000000000000']
for v in strs:
    for sp in str_specs:
        t(v, sp)

ints = [0, 1, -1, 42, -42, 255, -255, 1234567, -1234567, 2**63, -(2**64) - 5, 10**25, True, False]
int_specs = ['', 'd', 'b', 'o', 'x', 'X', 'c', 'n', '#b', '#o', '#x', '#X', '+d', '-d', ' d', '+x',
             '10', '<10', '>10', '^10', '=10', '010', '0=10', '*<10', '*=+10', '#010x', '#012_b',
             ',', '_', ',d', '_d', '_x', '_b', '_o', '_X', ',x', ',b', '015,', '015_', '0=15,',
             '#_x', '.2', '.2d', 'e', 'E', 'f', 'F', 'g', 'G', '%', '.3f', ',.2f', '.2%', '+.1e',
             'z', 'zd', '#c', '+c', ',c', '5c', '<5c', '05c', 'y', 's', ' 5', '-^9', '0>8', '0<8',
             '0^8', 'ee', 'dd', '#', '#0', '12_', '010_x', '0,']
for v in ints:
    for sp in int_specs:
        t(v, sp)
t(0x10FFFF, 'c')
t(0x110000, 'c')
t(-1, 'c')
t(2**100, 'c')
t(2**2000, 'e')
t(2**2000, 'd')

floats = [0.0, -0.0, 1.0, -1.0, 1.5, -2.5, 0.1, 3.14159265358979, 1e16, 1e-5, 1.5e-7, 123456789.123,
          1e300, 5e-324, 2.675, 1e22, 0.5, 9.9999, 99.5, 1234.5, float('inf'), float('-inf'),
          float('nan'), -float('nan'), 100.0, 1e15, 12345678901234567.0, 999999.5, 0.95, 9.5]
float_specs = ['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%', '.0e', '.0f', '.0g', '.0%', '.1', '.2',
               '.3', '.10', '.17', '.20', '#', '#.0f', '#.0e', '#g', '#.3g', '#.3', '.3e', '.12g',
               '+', ' ', '+.2f', ' .2f', '10.2f', '<10.2f', '^10.3', '=+10.1f', '010.2f', '0=10.1e',
               '*^12g', ',', '_', ',.2f', '_.3f', ',e', ',g', '015,.2f', '015,', 'z', 'z.1f', 'z.0f',
               'z.2e', 'z%', '+z.1f', '.100f', '.60e', '.50g', 'x', 'd', 'c', 's', '.', '10,.4%',
               '#.0%', 'zg', '0', '010', '-010', '.1g', '.1e']
for v in floats:
    for sp in float_specs:
        t(v, sp)

complexes = [0j, -0j, 1j, -1j, 1 + 2j, -1.5 - 2.5j, complex(0.0, -0.0), complex(-0.0, 0.0),
             complex(1e16, 1e-5), complex(float('nan'), float('inf')), complex(12345.678, -0.001),
             complex(-0.0, -0.0)]
complex_specs = ['', 'e', 'f', 'g', 'E', 'F', 'G', 'n', '.2', '.2f', '.0f', '#', '#.0f', '+', ' ',
                 '-', '20', '<20', '>20', '^20', '*^24.3e', ',', '_.2f', 'z', 'z.1f', '0', '010',
                 '=10', '%', 'd', 'x', 's', 'c', '.3g', '#g', '#.3']
for v in complexes:
    for sp in complex_specs:
        t(v, sp)

class F:
    def __format__(self, spec):
        return 'F(%s)' % spec
class Bad:
    def __format__(self, spec):
        return 5
print(format(F()), format(F(), 'xyz'), format(None), format([1, 2]), format(Ellipsis, ''))
for v, sp in [(object(), 'x'), (None, '5'), ([1], 'd'), (Bad(), ''), (F(), 1)]:
    try:
        print(format(v, sp))
    except Exception as e:
        print(type(e).__name__, e)
class MyInt(int):
    pass
class MyFloat(float):
    pass
print(format(MyInt(5), ''), format(MyInt(5), 'x'), format(MyFloat(1.5), ''), format(MyFloat(1.5), '.3f'))
try:
    format(MyInt(5), 'ee')
except Exception as e:
    print(type(e).__name__, e)
print(format(12345.678, ',.1f'), format(-12345.678, '_.1f'), format(0.000001234, '.3'),
      format(1e-4, ''), format(1e-5, ''), format(123456789012345678.0, ''), format(2**0.5, '.15'))
