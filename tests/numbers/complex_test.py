# complex: construction, parsing, repr, arithmetic, pow, hash, equality, errors.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

inf = float('inf')
nan = float('nan')
for c in [0j, -0j, 1j, -1j, 1 + 2j, 1 - 2j, -1.5 + 0.5j, complex(0.0, -0.0), complex(-0.0, 0.0),
          complex(-0.0, -0.0), complex(1, nan), complex(1, -nan), complex(nan, 1), complex(inf, -inf),
          complex(1e16, 1.5), complex(1e-5, 1e20), complex(0.1, 0.2), complex(2, 0), complex(-2, 0),
          complex(3.0, 1e-320), 1e300j, complex(-inf, nan)]:
    print(repr(c), str(c), c.real, c.imag, c.conjugate(), abs(c), bool(c), hash(c) if c == c else "nan")

# construction
t(lambda: complex())
t(lambda: complex(1))
t(lambda: complex(1.5))
t(lambda: complex(1, 2))
t(lambda: complex(1.5, -2.5))
t(lambda: complex(1j))
t(lambda: complex(1j, 1j))
t(lambda: complex(1 + 2j, 3 + 4j))
t(lambda: complex(1, -0.0))
t(lambda: complex(-0.0))
t(lambda: complex(1j, -0.0))
t(lambda: complex(real=1, imag=2))
t(lambda: complex(imag=2))
t(lambda: complex(True, False))
t(lambda: complex(10 ** 20, 10 ** 20))
t(lambda: complex(10 ** 400))
t(lambda: complex(1, 2, 3))
t(lambda: complex([]))
t(lambda: complex(1, []))
t(lambda: complex(1, 'x'))
t(lambda: complex('1', 2))
t(lambda: complex(b'1'))
t(lambda: complex(None))
for s in ['1', '1j', 'j', '-j', '+j', '1+j', '1-j', '1+2j', '1-2J', '-1.5e3+2.5e-3j', '(1+2j)',
          ' ( 1+2j ) ', '(1+2j', '1+2j)', '1 + 2j', '1+2', 'inf', 'infj', '-infj', 'nan+nanj',
          '-inf-nanj', 'infinity+1j', '1_0+2_0j', '1__0j', '_1j', '1e3j', '1e+3-1e-3j', '', ' ',
          'j1', '1jj', '1+2j+3j', '.5j', '5.j', '1e', '\u0661+\u0662j', '()', '(j)', '+1.5',
          '1+-2j', 'x', '1.5.5j', '\t1j\n']:
    t(lambda: complex(s))
class C:
    def __complex__(self):
        return 3 + 4j
class BadC:
    def __complex__(self):
        return 5
class Fl:
    def __float__(self):
        return 2.5
class Ix:
    def __index__(self):
        return 4
t(lambda: complex(C()))
t(lambda: complex(C(), 1))
t(lambda: complex(BadC()))
t(lambda: complex(Fl(), Ix()))
t(lambda: complex(Ix()))

# arithmetic
vals = [1 + 2j, -3.5j, 2, 0.5, 0j, complex(inf, 1), True]
for a in vals:
    out = []
    for b in vals:
        try:
            out.append((a + b, a - b, a * b, a / b))
        except ZeroDivisionError as e:
            out.append(str(e))
    print(out)
t(lambda: 1j / 0)
t(lambda: 1j / 0j)
t(lambda: 1 / 0j)
t(lambda: (1 + 1j) / complex(0.0, 0.0))
t(lambda: (1 + 2j) / (3 - 4j))
t(lambda: (1e300 + 1e300j) / (1e-300 + 1e-300j))
t(lambda: (1 + 1j) / complex(nan, 0))
t(lambda: 1j % 1)
t(lambda: 1j // 1)
t(lambda: divmod(1j, 1))
t(lambda: 1j < 2j)
t(lambda: 1j > 1)
t(lambda: 1j & 1)
t(lambda: -(1 + 2j))
t(lambda: +(1 + 2j))
t(lambda: 1j + 10 ** 400)
t(lambda: complex(1e308, 1e308) * 10)
t(lambda: abs(complex(1e308, 1e308)))
t(lambda: abs(complex(3, 4)))
t(lambda: abs(complex(inf, nan)))
t(lambda: abs(complex(nan, 1)))

# pow
for a in [1j, 1 + 1j, 2, -1, 0j, 0.5 - 1.5j]:
    out = []
    for b in [0, 1, 2, 3, -1, -2, 0.5, 1j, 2 + 0j, 101, -101, 1.5 - 0.5j]:
        try:
            out.append(a ** b)
        except Exception as e:
            out.append(type(e).__name__ + ': ' + str(e))
    print(out)
t(lambda: 0j ** -1)
t(lambda: 0j ** 1j)
t(lambda: 0j ** 0)
t(lambda: 0j ** 2)
t(lambda: complex(1e200, 1e200) ** 1000)
t(lambda: complex(1e200, 1e200) ** 2.5)
t(lambda: complex(inf, 0) ** 2)
t(lambda: pow(1j, 2, 3))
t(lambda: pow(1j, 2, None))
t(lambda: 2 ** 1j)
t(lambda: (-8) ** (1 / 3))
t(lambda: 1j ** 1e10)

# equality and hash
print(1 + 0j == 1, 1 + 0j == 1.0, 1j == 1, 0j == 0, 0j == False, complex(2 ** 53 + 1, 0) == 2 ** 53 + 1,
      complex(2.0 ** 53, 0) == 2 ** 53, 1j != 1j, 1j != 2j, (1 + 2j) == (1 + 2j), 1j == 'j')
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), hash(1j), hash(-1j), hash(complex(-1, 0)))
print({1: 'int', 1 + 0j: 'complex'}, {1j: 1}[1j])
t(lambda: (1j).__eq__(1))
t(lambda: (1j).__lt__(1))
t(lambda: (1j).__complex__())
t(lambda: (1j).__getnewargs__())
t(lambda: (1j).__format__(''))
t(lambda: format(1 + 2j, '.2f'))
t(lambda: format(1j, ''))
t(lambda: int(1j))
t(lambda: float(1j))
t(lambda: round(1j))

class MyC(complex):
    def __repr__(self):
        return 'MyC' + complex.__repr__(self)
m = MyC(1, 2)
print(m, repr(m), type(m).__name__, m + 1, type(m + 1).__name__, -m, type(-m).__name__, m.real, m.imag)
print(type(+m).__name__, type(m.conjugate()).__name__, type(m.__complex__()).__name__, m == 1 + 2j,
      hash(m) == hash(1 + 2j), complex(m), type(complex(m)).__name__, MyC('3+4j'), MyC())
