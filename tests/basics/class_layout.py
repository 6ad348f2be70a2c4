# class layout rules: __bases__ and __class__ assignment checks, metaclass conflicts, __dict__
# assignment, __slots__ validation, slots on builtin subclasses, type() argument checks, custom mro().
def t(name, f):
    try:
        print(name, 'ok', f())
    except Exception as e:
        print(name, type(e).__name__, e)
class A: pass
class B(A): pass
def cyc():
    A.__bases__ = (B,)
t('bases cycle', cyc)
t('bases empty', lambda: setattr(B, '__bases__', ()))
t('bases non-class', lambda: setattr(B, '__bases__', (1,)))
t('bases builtin layout', lambda: setattr(B, '__bases__', (int,)))
t('bases of builtin', lambda: setattr(int, '__bases__', (object,)))
class S1:
    __slots__ = ('a',)
class S2:
    __slots__ = ('b',)
class S3:
    __slots__ = ('a',)
def cls_assign(x, k):
    x.__class__ = k
    return type(x).__name__
t('slots class assign differ', lambda: cls_assign(S1(), S2))
t('slots class assign same', lambda: cls_assign(S1(), S3))
class P1: pass
class P2: pass
t('plain class assign', lambda: cls_assign(P1(), P2))
t('plain to slots', lambda: cls_assign(P1(), S1))
class M1(type): pass
class M2(type): pass
class X1(metaclass=M1): pass
class X2(metaclass=M2): pass
def conflict():
    class Y(X1, X2): pass
t('metaclass conflict', conflict)
o = P1()
t('dict assign', lambda: setattr(o, '__dict__', {'z': 1}) or o.z)
t('dict assign bad', lambda: setattr(o, '__dict__', []))
t('dict del', lambda: delattr(o, '__dict__'))
t('slots dup dict', lambda: type('Q', (), {'__slots__': ('__dict__', '__dict__')}))
t('slots bad name', lambda: type('Q', (), {'__slots__': ('1a',)}))
t('slots non-str', lambda: type('Q', (), {'__slots__': (1,)}))
class LS(list):
    __slots__ = ('extra',)
    def __init__(self, *a):
        super().__init__(*a)
        self.extra = len(self)
t('list with slots', lambda: (LS([1, 2]), LS([1, 2]).extra))
t('int with slots nonempty', lambda: type('I', (int,), {'__slots__': ('x',)}))
t('tuple with slots nonempty', lambda: type('T', (tuple,), {'__slots__': ('x',)}))
t('type name with null', lambda: type('a\x00b', (), {}))
t('type bad dict', lambda: type('Q', (), []))
t('mro override', lambda: type('Q', (), {'mro': lambda cls: [cls, object]}).__mro__)
class Mm(type):
    def mro(cls):
        return [cls, int, object]
def mm():
    class Q(metaclass=Mm): pass
    return Q.__mro__
t('metaclass mro returning unrelated', mm)
