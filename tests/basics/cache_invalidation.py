# inline-cache invalidation: the same instruction runs in a loop while the world changes under it.
class Base:
    x = 'base x'
    def m(self):
        return 'Base.m'
class Sub(Base):
    pass
o = Sub()
out = []
for i in range(8):
    out.append((o.x, o.m()))
    if i == 1:
        Base.x = 'base x v2'
    if i == 2:
        Sub.x = 'sub x'
    if i == 3:
        Base.m = lambda self: 'patched Base.m'
    if i == 4:
        o.x = 'instance x'
    if i == 5:
        del Sub.x
        del o.x
    if i == 6:
        Sub.m = lambda self: 'Sub.m'
print(out)

# __class__ assignment under a cached attribute load
class A:
    def who(self):
        return 'A'
    v = 1
class B:
    def who(self):
        return 'B'
    v = 2
obj = A()
res = []
for i in range(6):
    res.append((obj.who(), obj.v))
    obj.__class__ = B if obj.__class__ is A else A
print(res)

# instance dict vs class descriptor
class P:
    @property
    def p(self):
        return 'property'
po = P()
res = []
for i in range(5):
    res.append(po.p)
    if i == 1:
        P.p = 'plain class attr'
    if i == 2:
        po.p = 'instance attr'
    if i == 3:
        P.p = property(lambda self: 'new property')
print(res)

# slots vs dict in the same loop site
class S:
    __slots__ = ('v',)
    def __init__(self, v):
        self.v = v
class D:
    def __init__(self, v):
        self.v = v
items = [S(1), D(2), S(3), D(4)]
print([it.v for it in items * 3])
for it in items:
    it.v = it.v * 10
print([it.v for it in items])

# globals and builtins caches
def use_len():
    return len('abc')
res = [use_len()]
import builtins
builtins_len = builtins.len
len = lambda s: 'global len'
res.append(use_len())
del len
res.append(use_len())
builtins.len = lambda s: 'patched builtin'
res.append(use_len())
builtins.len = builtins_len
res.append(use_len())
print(res)

g = 1
def read_g():
    return g
res = []
for i in range(5):
    res.append(read_g())
    g = g * 10
    if i == 3:
        del g
        g = 'recreated'
print(res)

# module attribute caching
import sys
def rl():
    return sys.getrecursionlimit() > 0
print([rl() for _ in range(3)])
saved = sys.getrecursionlimit
sys.getrecursionlimit = lambda: -1
print(rl())
sys.getrecursionlimit = saved
print(rl())

# method cache with __getattribute__ added later
class L:
    def m(self):
        return 'm'
lo = L()
res = []
for i in range(4):
    res.append(lo.m())
    if i == 1:
        L.__getattribute__ = lambda self, name: (lambda: 'intercepted ' + name)
print(res)

# dict subclass instances and same-named attributes on many types at one site
class T1:
    name = 't1'
class T2:
    def __init__(self):
        self.name = 't2'
class T3:
    @property
    def name(self):
        return 't3'
class T4:
    __slots__ = ('name',)
    def __init__(self):
        self.name = 't4'
class T5:
    def __getattr__(self, n):
        return 't5'
objs = [T1(), T2(), T3(), T4(), T5()]
print([o.name for o in objs * 2])
