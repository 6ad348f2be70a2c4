# scoping in class bodies inside functions, generator close/throw corners, defaults, argument
# forwarding, function attributes (__defaults__, __code__, __name__), annotations, builtin
# function and slot-wrapper types.
def outer():
    x = 1
    class C:
        nonlocal x
        x = 2
        y = x
    return x, C.y
print(outer())
def outer2():
    v = 'func'
    class C:
        v = 'class'
        def m(self):
            return v
    return C().m()
print(outer2())
x = 'global'
def outer4():
    x = 'enclosing'
    class C:
        print(x)
        x = 'class'
    return C.x
print(outer4())
# generator yields in finally during close
def g():
    try:
        yield 1
    finally:
        yield 2
it = g()
next(it)
try:
    it.close()
except RuntimeError as e:
    print(e)
# gen.throw with traceback param (deprecated 3-arg form)
def g2():
    try:
        yield
    except ValueError as e:
        yield 'caught ' + str(e)
it = g2(); next(it)
print(it.throw(ValueError, ValueError('three-arg'), None))
it = g2(); next(it)
print(it.throw(ValueError, 'val'))
# generator-expression scoping with class
class K:
    n = 3
    r = list(range(n))
    s = [i for i in range(n)]
print(K.r, K.s)
# default arg evaluated in enclosing scope, kwdefaults with closures
def mkdef():
    v = 5
    def f(a=v, *, b=v * 2):
        return a, b
    v = 6
    return f()
print(mkdef())
# lambda default self-reference
n = 10
f = lambda n=n: n
n = 20
print(f())
# nested star-args forwarding
def inner(*a, **k):
    return a, k
def fwd(*a, **k):
    return inner(*a, 'extra', **k, z=0)
print(fwd(1, 2, y=1))
# keyword-only after *args with defaults and positional-only with defaults
def po(a, b=2, /, c=3, *d, e, f=6, **g):
    return a, b, c, d, e, f, g
print(po(1, e=5), po(1, 2, 3, 4, 5, e=0, b=9))
# dict order of **kwargs
def kk(**k):
    return list(k)
print(kk(z=1, a=2, m=3), kk(**{'b': 1}, a=2))
# function __defaults__ mutation
def fd(a=1):
    return a
fd.__defaults__ = (42,)
print(fd())
fd.__kwdefaults__ = None
# func.__code__ replace
def one(): return 1
def two(): return 2
one.__code__ = two.__code__
print(one())
# __name__ assignment
two.__name__ = 'renamed'
print(two.__name__, two.__qualname__)
# annotations
def ann(a: int, b: 'str' = 'x') -> bool:
    pass
print(ann.__annotations__)
class CA:
    x: int
    y: str = 'y'
print(CA.__annotations__, CA.y)
v: int = 5
print(__annotations__)
# builtin function attributes
print(len.__name__, len.__qualname__, print.__module__, type(len).__name__, [].append.__name__, type([].append).__name__)
print(repr(len), repr(int.__add__)[:30], type(int.__add__).__name__, type((1).__add__).__name__, type(object.__init__).__name__)
print(type(dict.fromkeys).__name__, type(str.join).__name__, type(list.__dict__['append']).__name__)
