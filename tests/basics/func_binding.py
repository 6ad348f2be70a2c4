# argument-binding corners: self/positional-only names in **kwargs, non-identifier keywords,
# missing/extra argument messages with qualnames (methods, __init__, __new__, lambdas, nested),
# ** with mappings.
def t(name, f):
    try:
        print(name, 'ok', f())
    except Exception as e:
        print(name, type(e).__name__, e)
class C:
    def m(self, **kw):
        return kw
    def n(self, /, **kw):
        return kw
t('self kw', lambda: C().m(self=1))
t('posonly self kw', lambda: C().n(self=1))
def f(a, b, /, **kw):
    return a, b, kw
t('posonly names in kw', lambda: f(1, 2, a=3, b=4))
def g(*args, **kwargs):
    return args, kwargs
t('kwargs named args', lambda: g(args=1, kwargs=2))
t('kw with unicode name', lambda: g(**{'é': 1, 'ñame': 2}))
t('kw with non-identifier', lambda: g(**{'not an id': 1, '1': 2}))
def h(a, b=2, *, c):
    return a, b, c
t('missing kwonly with defaults', lambda: h(1))
t('too many pos with kwonly', lambda: h(1, 2, 3))
t('too many pos with kwonly and kw', lambda: h(1, 2, 3, c=4))
def k(a, b, c=3, d=4):
    return a, b, c, d
t('missing two', lambda: k())
t('missing with kw', lambda: k(c=1, d=2))
t('missing second', lambda: k(1, c=5))
t('too many with defaults', lambda: k(1, 2, 3, 4, 5, 6))
def kw3(*, a, b, c, d):
    pass
t('missing 4 kwonly', lambda: kw3())
t('missing 3 kwonly', lambda: kw3(a=1))
def pos3(a, b, c):
    pass
t('missing 3 pos', lambda: pos3())
t('given 0 of 3 plus unexpected', lambda: pos3(x=1))
t('multiple values and unexpected', lambda: pos3(1, a=2, z=3))
class K:
    def __init__(self, a):
        pass
t('init missing', lambda: K())
t('init too many', lambda: K(1, 2))
t('init unexpected kw', lambda: K(b=1))
class KN:
    def __new__(cls, a):
        return super().__new__(cls)
t('new missing', lambda: KN())
t('classmethod missing', lambda: type('Z', (), {'cm': classmethod(lambda cls, a: a)}).cm())
t('staticmethod missing', lambda: type('Z', (), {'sm': staticmethod(lambda a: a)}).sm())
t('bound method too many', lambda: C().m(1))
t('lambda qualname in error', lambda: (lambda x: x)())
def outer():
    def inner(a):
        pass
    return inner
t('nested qualname in error', lambda: outer()(1, 2))
t('method qualname in error', lambda: C.m())
def gen(a):
    yield a
t('generator function missing arg', lambda: gen())
t('call with kw dict subclass', lambda: g(**type('D', (dict,), {})(x=1)))
class Mapping:
    def keys(self):
        return ['a', 'b']
    def __getitem__(self, k):
        return k.upper()
t('call with mapping', lambda: g(**Mapping()))
class BadKeys:
    def keys(self):
        return [1]
    def __getitem__(self, k):
        return k
t('mapping with int key', lambda: g(**BadKeys()))
t('duplicate via mapping', lambda: g(a=1, **Mapping()))
