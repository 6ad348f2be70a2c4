# special methods set to None block the fallback protocols; hooks that raise; attribute-setting
# errors on builtins; subclasses of builtin types (list, tuple, dict, str, int, float).
class NoIter:
    __iter__ = None
    def __getitem__(self, i):
        return i
try:
    iter(NoIter())
except TypeError as e:
    print(e)
class GS:
    def __getitem__(self, i):
        if i > 2: raise StopIteration
        return i
print(list(GS()))
class Base:
    def __hash__(self): return 1
class Sub(Base):
    def __eq__(self, o): return True
print(Sub.__hash__)
class NE:
    def __ne__(self, o): return 'ne called'
print(NE() != 1, 1 != NE(), NE() == NE())
class NoContains:
    __contains__ = None
    def __iter__(self): return iter([1])
try:
    1 in NoContains()
except TypeError as e:
    print(e)
class NoLen:
    __len__ = None
try:
    len(NoLen())
except TypeError as e:
    print(e)
class NoCall:
    __call__ = None
try:
    NoCall()()
except TypeError as e:
    print(e)
# __getattr__ raising non-AttributeError in hasattr
class GE:
    def __getattr__(self, n):
        raise KeyError(n)
try:
    hasattr(GE(), 'x')
except KeyError as e:
    print('hasattr propagated', e)
# property raising AttributeError triggers __getattr__
class PA:
    @property
    def p(self):
        raise AttributeError('inner')
    def __getattr__(self, n):
        return 'getattr ' + n
print(PA().p)
# instance dict and class dict interplay with methods
class M:
    def m(self): return 'class m'
o = M()
o.m = lambda: 'instance m'
print(o.m())
del o.m
print(o.m())
# staticmethod callable directly (3.10+)
sm = staticmethod(lambda: 'sm called')
print(sm())
# classmethod wrapping property is deprecated; skip. classmethod on instance of subclass
class CM:
    @classmethod
    def who(cls): return cls.__name__
class CM2(CM): pass
print(CM2().who(), CM.who.__self__.__name__)
# __slots__ and __dict__ / __weakref__
class SL:
    __slots__ = ()
try:
    SL().x = 1
except AttributeError as e:
    print(e)
# object.__setattr__ on builtin
try:
    object.__setattr__(1, 'x', 2)
except AttributeError as e:
    print(e)
try:
    (1).x = 2
except AttributeError as e:
    print(e)
try:
    [].append = 5
except AttributeError as e:
    print(e)
try:
    int.x = 5
except TypeError as e:
    print(e)
try:
    del int.__add__
except TypeError as e:
    print(e)
# __class__ assignment error
class A1: pass
try:
    A1().__class__ = int
except TypeError as e:
    print(e)
# type checks
try:
    class X(1): pass
except TypeError as e:
    print(e)
try:
    class Y(bool): pass
except TypeError as e:
    print(e)
# __init__ of subclass of builtins with extra args
class MyList(list):
    def __init__(self, *a, tag=None):
        super().__init__(*a)
        self.tag = tag
ml = MyList([1, 2], tag='t')
print(ml, ml.tag, ml[::-1], type(ml[::-1]).__name__, type(ml + ml).__name__, ml == [1, 2])
class MyTuple(tuple):
    def __new__(cls, *items):
        return super().__new__(cls, items)
mt = MyTuple(1, 2, 3)
print(mt, type(mt).__name__, len(mt), mt[1:], type(mt[1:]).__name__)
class Pt(tuple):
    @property
    def x(self): return self[0]
print(Pt((5, 6)).x)
# repr of subclasses
class D(dict): pass
class S(str): pass
class I(int): pass
class F(float): pass
print(repr(D(a=1)), repr(S('x')), repr(I(5)), repr(F(1.5)), I(5) + 1, type(I(5) + 1).__name__, S('a') * 2)
class IR(int):
    def __repr__(self): return 'IR!'
print(IR(3), str(IR(3)), f'{IR(3)}', '%d' % IR(3), [IR(3)])
def t(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
class NoIter2:
    __iter__ = None
    def __getitem__(self, i):
        if i > 1: raise IndexError
        return i
t(lambda: list(NoIter2()))
class NoContains:
    __contains__ = None
    def __iter__(self): return iter([1])
t(lambda: 1 in NoContains())
class NoBool:
    __bool__ = None
t(lambda: bool(NoBool()))
class NoRev:
    __reversed__ = None
    def __len__(self): return 1
    def __getitem__(self, i): return i
t(lambda: list(reversed(NoRev())))
class NoEq:
    __eq__ = None
t(lambda: NoEq() == 1)
