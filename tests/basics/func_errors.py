# TypeError messages for bad calls.

def t(fn, *a, **k):
    try:
        r = fn(*a, **k)
        print('ok', r)
    except TypeError as e:
        print(type(e).__name__, e)

def f0():
    pass
def f1(a):
    pass
def f2(a, b):
    pass
def f3(a, b, c):
    pass
def fd(a, b=1):
    pass
def fdd(a, b=1, c=2):
    pass
def fk(a, *, b):
    pass
def fk2(*, a, b, c):
    pass
def fkd(*, a=1):
    pass
def fstar(a, *args):
    pass
def fkw(a, **kw):
    pass
def fpo(a, b, /):
    pass
def fpo2(a, /, b, *, c):
    pass

t(f0, 1)
t(f0, 1, 2)
t(f0, a=1)
t(f1)
t(f1, 1, 2)
t(f1, b=2)
t(f1, 1, a=2)
t(f1, 1, b=2)
t(f2)
t(f2, 1)
t(f2, b=1)
t(f2, 1, 2, 3)
t(f3)
t(f3, 1)
t(f3, c=1)
t(f3, 1, 2, 3, 4, 5)
t(fd)
t(fd, 1, 2, 3)
t(fdd, 1, 2, 3, 4)
t(fdd, 1, 2, 3, b=4)
t(fk, 1)
t(fk, 1, 2)
t(fk, 1, 2, b=3)
t(fk2)
t(fk2, a=1)
t(fk2, b=1)
t(fk2, 1)
t(fk2, 1, a=1, b=2, c=3)
t(fkd, 1)
t(fkd, b=2)
t(fstar)
t(fstar, a=1, b=2)
t(fstar, 1, 2, a=3)
t(fkw, 1, a=2)
t(fkw)
t(fpo, a=1, b=2)
t(fpo, 1, b=2)
t(fpo, 1)
t(fpo2, 1, 2)
t(fpo2, a=1, b=2, c=3)
t(fpo2, 1, 2, 3)

# duplicate keyword via ** merges
t(f2, 1, **{'b': 2})
try:
    f2(**{'a': 1}, **{'a': 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f2(a=1, **{'a': 2})
except TypeError as e:
    print(type(e).__name__, e)

# ** with non-mapping, * with non-iterable
try:
    f2(*5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f2(**5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f2(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)

# methods count self
class C:
    def m(self, a):
        pass
    def n(self):
        pass
t(C().m)
t(C().m, 1, 2)
t(C().n, 1)
t(C.m)
t(C.m, C())

# calling non-callables
for obj in (1, 'str', None, [1], 1.5):
    try:
        obj()
    except TypeError as e:
        print(type(e).__name__, e)

# builtin call errors
t(len)
t(len, 1)
t(len, [], [])
t(abs)
t(isinstance, 1)
t(divmod, 1)
t(int, '1', base=10, x=1)

# lambda
t(lambda x: x)
t(lambda x, y=2: x, 1, 2, 3)
t(lambda: 0, 1)
