# metaclasses (__prepare__, __new__, __init__, __call__), super() in lambdas/comprehensions/nested
# functions, local class qualnames, int/str digit limit, traceback line numbers, exc_info in
# generators, list += iterable, chained subscript assignment order, operator precedence.
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print('prepare', name, kw)
        return {'injected': 1}
    def __new__(mcs, name, bases, ns, **kw):
        print('meta new', name, sorted(k for k in ns if not k.startswith('__')))
        return super().__new__(mcs, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print('meta init', name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print('meta call', a)
        return super().__call__(*a, **k)
class A(metaclass=Meta, flag=True):
    x = 1
    def __init__(self, v):
        self.v = v
print(A.injected, A(5).v, type(A).__name__)
class B(A):
    pass
print(type(B).__name__)
print(B(3).v)
# super in nested func / comprehension / lambda
class P:
    def m(self):
        return 'P'
class Q(P):
    def m(self):
        f = lambda: super(Q, self).m()
        g = [super(Q, self).m() for _ in range(2)]
        def inner():
            return __class__.__name__
        return f(), g, inner()
print(Q().m())
# __class__ assign and __qualname__ in function
def mk():
    class Local:
        class Inner:
            def meth(self): pass
    return Local
L = mk()
print(L.__qualname__, L.Inner.__qualname__, L.Inner.meth.__qualname__)
# int str limit
try:
    str(10 ** 5000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int('1' * 5000)
except ValueError as e:
    print(type(e).__name__, e)
# traceback line numbers
import sys
def f():
    x = 1
    raise ValueError
try:
    f()
except ValueError as e:
    tb = e.__traceback__
    while tb:
        print(tb.tb_lineno, tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
def lineno():
    return sys._getframe(1).f_lineno
print(lineno())
print(
  lineno())
# exc_info inside generator
def gen():
    yield sys.exc_info()[0]
    try:
        raise KeyError
    except KeyError:
        yield sys.exc_info()[0]
    yield sys.exc_info()[0]
try:
    raise ValueError
except ValueError:
    g = gen()
    print(next(g))
print(next(g), next(g))
# list += iterable
l = [1]
l += (2, 3)
l += 'ab'
l += range(2)
print(l)
try:
    l = l + (1,)
except TypeError as e:
    print(e)
t = (1,)
t += (2,)
print(t)
# chained assignment order
class Rec:
    def __setitem__(self, k, v):
        print('set', k, v)
r = Rec()
r[1] = r[2] = 'v'
# operator precedence
print(-2 ** 2, (-2) ** 2, 2 ** -1, not 1 == 2, 1 + 2 * 3 ** 2, 2 ** 3 ** 2, -3 // 2, -(3 // 2), 1 if 0 else 2 if 0 else 3)
print(1 < 2 == 2, (1 < 2) == 2, 5 & 3 | 8 ^ 1, ~5 + 1, 3 - 2 - 1, 2 / 2 / 2, 7 % 4 % 3, 'a' 'b' * 2)
