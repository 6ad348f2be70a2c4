# Function calls: positional, keyword, defaults, *args, **kwargs, keyword-only, positional-only.

def f(a, b, c=3, *args, d, e=5, **kw):
    print(a, b, c, args, d, e, sorted(kw.items()))

f(1, 2, d=4)
f(1, 2, 30, d=4)
f(1, 2, 30, 40, 50, d=4)
f(1, 2, 30, 40, 50, d=4, e=6, z=1, y=2)
f(b=2, a=1, d=0)
f(*[1, 2, 3, 4], d=9)
f(*(1,), *(2,), d=7, **{'e': 8, 'q': 9})
f(1, *[2], 3, *[4, 5], d=1, **{'w': 1}, **{'v': 2})

def pos_only(a, b, /, c, *, d):
    return (a, b, c, d)

print(pos_only(1, 2, 3, d=4))
print(pos_only(1, 2, c=3, d=4))

def po_kw(a, /, **kw):
    # 'a' as keyword goes into kw because a is positional-only
    return a, kw

print(po_kw(1, a=2))
print(po_kw(1, b=2, a=3))

def defaults(a, b=[], c={}):
    b.append(a)
    c[a] = len(b)
    return b, c

print(defaults(1))
print(defaults(2))
print(defaults(3, []))
print(defaults.__defaults__)

def kwdef(*, x=1, y):
    return x, y

print(kwdef(y=2), kwdef(x=0, y=1))
print(kwdef.__kwdefaults__)

def star_only(*args):
    return args

print(star_only(), star_only(1), star_only(*range(5)), star_only(*"ab", *b"cd"))

def kw_only(**kw):
    return kw

print(kw_only(), kw_only(a=1, b=2), kw_only(**{'x': 1}, y=2))
d = {'b': 2, 'a': 1}
print(kw_only(**d))  # order kept
print(kw_only(**d) is d)

# *args from generator / iterator
def gen():
    yield 10
    yield 20
print(star_only(*gen()))
print(star_only(*{3: 'x', 1: 'y'}))

# defaults evaluated once, at def time
x = 10
def g(a=x):
    return a
x = 20
print(g())

# default referencing earlier parameter name is the outer one
y = 'outer'
def h(y=y):
    return y
print(h(), h('inner'))

# keyword arguments with names that are Python keywords-like
def m(print_=1, list=2):
    return print_, list
print(m(list=5))

# call with many positional args
def many(*a):
    return sum(a)
print(many(*range(1000)))

# function attributes
def fa(a, b=2, *c, d, e=4, **f):
    "doc string"
    pass
print(fa.__name__, fa.__qualname__, fa.__doc__)
print(fa.__code__.co_argcount, fa.__code__.co_kwonlyargcount, fa.__code__.co_posonlyargcount)
print(fa.__code__.co_varnames)
print(fa.__defaults__, fa.__kwdefaults__)
fa.custom = 42
print(fa.custom, fa.__dict__)

# nested function qualname
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)

class C:
    def meth(self):
        def local():
            pass
        return local
print(C.meth.__qualname__, C().meth().__qualname__)

# return values
def noret():
    pass
def multi():
    return 1, 2
print(noret(), multi())

# argument evaluation order
def show(tag):
    print('eval', tag)
    return tag
def take(*a, **k):
    return a, k
print(take(show(1), show(2), k=show(3), *[show(4)], **{'z': show(5)}))

# keyword argument to method
class K:
    def m(self, a, b=2):
        return a, b
print(K().m(b=3, a=1), K.m(K(), 5))
