# runaway recursion through C code paths (repr, ==, hash, map, getattr, len, ...) raises a
# catchable RecursionError instead of overflowing the C stack.
def t(name, f):
    try:
        f()
        print(name, 'ok')
    except RecursionError:
        print(name, 'RecursionError')
d = {}
for i in range(20000):
    d = {'a': d}
t('repr nested dict', lambda: repr(d))
class R:
    def __repr__(self):
        return repr([self])
t('repr via list', lambda: repr(R()))
class E:
    def __eq__(self, o):
        return [self] == [o]
t('eq via list', lambda: E() == E())
class H:
    def __hash__(self):
        return hash((self,))
t('hash via tuple', lambda: hash(H()))
def m(x):
    return list(map(m, [x]))
t('map', lambda: m(1))
class G:
    def __getattr__(self, n):
        return getattr(self, n + 'x')
t('getattr builtin', lambda: G().a)
class I:
    def __iter__(self):
        return iter(list(I()))
t('iter via list()', lambda: list(I()))
class L:
    def __len__(self):
        return len(L())
t('len', lambda: len(L()))
class S:
    def __str__(self):
        return '%s' % self
t('str via %', lambda: str(S()))
class F:
    def __format__(self, spec):
        return f'{self}'
t('format via fstring', lambda: format(F()))
class B:
    def __bool__(self):
        return bool(B())
t('bool', lambda: bool(B()))
class Call:
    def __call__(self):
        return self()
t('call', lambda: Call()())
def g():
    yield from g()
t('yield from self-chain', lambda: next(g()))
class Init:
    def __init__(self):
        Init()
t('init', lambda: Init())
class Add:
    def __add__(self, o):
        return self + o
t('add', lambda: Add() + 1)
class GI:
    def __getitem__(self, i):
        return self[i]
t('getitem', lambda: GI()[0])
def kw(**k):
    return kw(**k)
t('kwcall', lambda: kw(a=1))
def ex():
    exec('ex()')
t('exec', ex)
class Prop:
    @property
    def p(self):
        return self.p
t('property', lambda: Prop().p)
class Desc:
    def __get__(self, o, t):
        return o.d
class HD:
    d = Desc()
t('descriptor', lambda: HD().d)
class SA:
    def __setattr__(self, n, v):
        setattr(self, n, v)
def sa():
    SA().x = 1
t('setattr', sa)
class C2:
    def __contains__(self, x):
        return x in self
t('contains', lambda: 1 in C2())
class LT:
    def __lt__(self, o):
        return sorted([self, o])
t('lt via sorted', lambda: LT() < LT())

# deeply nested containers
l = []
for i in range(20000):
    l = [l]
t('repr nested list', lambda: repr(l))
t('str nested list', lambda: str(l))
m = []
for i in range(20000):
    m = [m]
t('eq nested list', lambda: l == m)
dd = {}
for i in range(20000):
    dd = {'k': dd}
t('eq nested dict', lambda: dd == dd.copy())
# after all that, normal recursion still works
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
