# super(): explicit two-argument forms, zero-argument form in odd places (plain functions, lambdas,
# nested defs, staticmethods, *args, deleted or rebound self), super on builtin subclasses.
def t(name, f):
    try:
        r = f()
        print(name, 'ok', r)
    except Exception as e:
        print(name, type(e).__name__, e)
class A:
    def m(self): return 'A.m'
    @classmethod
    def c(cls): return 'A.c ' + cls.__name__
class B(A):
    def m(self): return 'B.m'
t('super(B, B()).m', lambda: super(B, B()).m())
t('super(B, B).c', lambda: super(B, B).c())
t('super(B, B).m', lambda: super(B, B).m.__qualname__)
t('super(A, B()).m', lambda: super(A, B()).m())
t('super(int, 5)', lambda: super(int, 5).__class__)
t('super(B, A())', lambda: super(B, A()))
t('super(5, B())', lambda: super(5, B()))
t('super(B)', lambda: repr(super(B)).split(',')[0])
t('super(B, B()) repr', lambda: repr(super(B, B())).split(' ')[0])
t('super().__thisclass__', lambda: super(B, B()).__thisclass__)
t('super().__self_class__', lambda: super(B, B()).__self_class__)
def f(x):
    return super().m()
t('super in plain func', lambda: f(1))
def g():
    return super()
t('super no args func', g)
class C:
    def m():
        return super().x
t('super no self', lambda: C.m())
class D:
    def m(self):
        del self
        return super().__repr__
t('super deleted self', lambda: D().m())
class E(A):
    def m(self):
        self = 5
        return super().m()
t('super rebound self', lambda: E().m())
class F(A):
    def m(*args):
        return super().m()
t('super star args', lambda: F().m())
class G(A):
    def m(self):
        return (lambda: super().m())()
t('super in lambda', lambda: G().m())
class H(A):
    def m(self):
        def inner():
            return super().m()
        return inner()
t('super in inner def', lambda: H().m())
class I(A):
    @staticmethod
    def s():
        return super().m()
t('super in staticmethod', lambda: I.s())
class J(A):
    x = 'J'
    def m(self):
        return super().x
t('super attr missing', lambda: J().m())
class K(dict):
    def __getitem__(self, k):
        return 'K:' + str(super().__getitem__(k))
    def get(self, k, d=None):
        return super().get(k, d)
t('super builtin', lambda: (K(a=1)['a'], K(a=1).get('a'), K().get('z', 'dflt')))
class L(list):
    def append(self, v):
        super().append(v * 2)
l = L(); l.append(3)
t('super list append', lambda: l)
t('super setattr', lambda: setattr(super(B, B()), 'x', 1))
