# operator overloading: binary, reflected, in-place, unary, NotImplemented fallback.

class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return 'V%r' % (self.c,)
    def __add__(self, o):
        if isinstance(o, V):
            return V(*[a + b for a, b in zip(self.c, o.c)])
        if isinstance(o, (int, float)):
            return V(*[a + o for a in self.c])
        return NotImplemented
    def __radd__(self, o):
        print('radd', o)
        return self + o
    def __sub__(self, o):
        return V(*[a - b for a, b in zip(self.c, o.c)])
    def __mul__(self, k):
        return V(*[a * k for a in self.c])
    __rmul__ = __mul__
    def __truediv__(self, k):
        return V(*[a / k for a in self.c])
    def __floordiv__(self, k):
        return V(*[a // k for a in self.c])
    def __mod__(self, k):
        return V(*[a % k for a in self.c])
    def __pow__(self, k, mod=None):
        return V(*[pow(a, k, mod) for a in self.c])
    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.c, o.c))
    def __neg__(self):
        return V(*[-a for a in self.c])
    def __pos__(self):
        return 'pos'
    def __abs__(self):
        return V(*[abs(a) for a in self.c])
    def __invert__(self):
        return 'inverted'
    def __lshift__(self, n):
        return 'lshift %d' % n
    def __rshift__(self, n):
        return 'rshift %d' % n
    def __and__(self, o):
        return 'and'
    def __or__(self, o):
        return 'or'
    def __xor__(self, o):
        return 'xor'
    def __rsub__(self, o):
        return 'rsub %r' % (o,)
    def __rtruediv__(self, o):
        return 'rtruediv'
    def __rfloordiv__(self, o):
        return 'rfloordiv'
    def __rmod__(self, o):
        return 'rmod'
    def __rpow__(self, o):
        return 'rpow'
    def __rlshift__(self, o):
        return 'rlshift'
    def __rrshift__(self, o):
        return 'rrshift'
    def __rand__(self, o):
        return 'rand'
    def __ror__(self, o):
        return 'ror'
    def __rxor__(self, o):
        return 'rxor'
    def __rmatmul__(self, o):
        return 'rmatmul'

a = V(1, 2)
b = V(10, 20)
print(a + b, a - b, a * 3, 3 * a, a / 2, a // 2, b % 3, a ** 2, pow(a, 3, 5), a @ b)
print(-a, +a, abs(V(-1, 2)), ~a, a << 2, a >> 1, a & 1, a | 1, a ^ 1)
print(5 + a)
print(1.5 + a)
print(1 - a, 1 / a, 1 // a, 1 % a, 1 ** a, 1 << a, 1 >> a, 1 & a, 1 | a, 1 ^ a, 1 @ a)
print(sum([a, b]))

# no __iadd__: falls back to __add__, rebinding
c = a
c += b
print(c, a, c is a)

class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __isub__(self, o):
        return 'isub result'
    def __imul__(self, o):
        return NotImplemented
    def __mul__(self, o):
        return 'mul fallback'
acc = Acc()
ref = acc
acc += 1
acc += 2
print(acc.items, acc is ref)
acc *= 5
print(acc)
acc = Acc()
acc -= 1
print(acc)

# all in-place ops
class AllI:
    def __init__(self):
        self.log = []
    def _op(name):
        def f(self, o):
            self.log.append(name)
            return self
        return f
    __iadd__ = _op('iadd'); __isub__ = _op('isub'); __imul__ = _op('imul')
    __itruediv__ = _op('itruediv'); __ifloordiv__ = _op('ifloordiv'); __imod__ = _op('imod')
    __ipow__ = _op('ipow'); __ilshift__ = _op('ilshift'); __irshift__ = _op('irshift')
    __iand__ = _op('iand'); __ior__ = _op('ior'); __ixor__ = _op('ixor'); __imatmul__ = _op('imatmul')
x = AllI()
x += 1; x -= 1; x *= 1; x /= 1; x //= 1; x %= 1; x **= 1; x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1; x @= 1
print(x.log)

# in-place on subscript and attribute targets evaluates target once
class Box:
    def __init__(self):
        self.v = 1
    def __getitem__(self, k):
        print('getitem', k)
        return 10
    def __setitem__(self, k, v):
        print('setitem', k, v)
def key():
    print('key evaluated')
    return 'k'
bx = Box()
bx[key()] += 5
bx.v += 1
print(bx.v)
lst = [1, 2, 3]
lst[1] *= 10
lst[-1] += 1
print(lst)

# unsupported operand messages
class Nothing:
    pass
n = Nothing()
for expr in ('n + 1', '1 + n', 'n - n', 'n * "a"', 'n / 2', 'n // 2', 'n % 2', 'n ** 2',
             'n @ 2', 'n << 1', 'n & 1', '-n', '+n', '~n', 'abs(n)', '"a" + 1', '1 + "a"',
             '[1] + (1,)', 'None + 1', '[] * 1.5', 'n < n', 'n < 1', '1 >= n', '"a" < 1'):
    try:
        eval(expr)
        print(expr, 'ok')
    except TypeError as e:
        print(type(e).__name__, e)

n2 = Nothing()
try:
    n2 += 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    n2 **= 1
except TypeError as e:
    print(type(e).__name__, e)

# both return NotImplemented
class NI:
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return NotImplemented
try:
    NI() + NI()
except TypeError as e:
    print(type(e).__name__, e)

# subclass reflected op takes priority
class Base:
    def __add__(self, o):
        return 'Base.add'
    def __radd__(self, o):
        return 'Base.radd'
class Sub(Base):
    def __radd__(self, o):
        return 'Sub.radd'
print(Base() + Sub(), Sub() + Base(), Base() + Base())

# int subclass reflected priority
class RInt(int):
    def __radd__(self, o):
        return 'RInt.radd'
print(1 + RInt(2), RInt(2) + 1)

# __index__ used by operators and builtins
class Idx:
    def __index__(self):
        return 3
print([10, 20, 30, 40][Idx()], 'abcdef'[Idx():], bin(Idx()), hex(Idx()), range(Idx()), 2 * [0] * Idx())

# __bool__ and __len__ truthiness
class Falsy:
    def __bool__(self):
        return False
class Lenny:
    def __len__(self):
        return 0
print(bool(Falsy()), bool(Lenny()), not Falsy(), 'yes' if Lenny() else 'no')

# __int__, __float__, __complex__, __round__, __trunc__...
class Num:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
    def __complex__(self):
        return 1j
    def __round__(self, n=None):
        return 'rounded %r' % (n,)
    def __trunc__(self):
        return 'trunc'
    def __floor__(self):
        return 'floor'
    def __ceil__(self):
        return 'ceil'
print(int(Num()), float(Num()), complex(Num()), round(Num()), round(Num(), 2))
import math
print(math.trunc(Num()), math.floor(Num()), math.ceil(Num()))
