# inheritance, super(), multiple inheritance and MRO.

class Animal:
    def __init__(self, name):
        self.name = name
        print('Animal.__init__', name)
    def speak(self):
        return '...'
    def describe(self):
        return '%s says %s' % (self.name, self.speak())

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return 'woof'

class Puppy(Dog):
    def speak(self):
        return super().speak() + '!'

d = Puppy('rex', 'lab')
print(d.describe(), d.breed)
print(Puppy.__mro__)
print(Puppy.__bases__, Animal.__bases__, object.__bases__)
print([c.__name__ for c in Puppy.mro()])

# explicit two-arg super
class Cat(Animal):
    def speak(self):
        return super(Cat, self).speak() + 'meow'
print(Cat('tom').describe())

# diamond
class A:
    def who(self):
        return ['A']
class B(A):
    def who(self):
        return ['B'] + super().who()
class C(A):
    def who(self):
        return ['C'] + super().who()
class D(B, C):
    def who(self):
        return ['D'] + super().who()
print(D().who())
print([k.__name__ for k in D.__mro__])

# cooperative __init__ with kwargs
class Base:
    def __init__(self, **kw):
        print('Base rest', sorted(kw))
class Left(Base):
    def __init__(self, left=None, **kw):
        print('Left', left)
        super().__init__(**kw)
class Right(Base):
    def __init__(self, right=None, **kw):
        print('Right', right)
        super().__init__(**kw)
class Both(Left, Right):
    pass
Both(left=1, right=2)
print([k.__name__ for k in Both.__mro__])

# more complex C3
class O: pass
class X(O): pass
class Y(O): pass
class Z(O): pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class KK(K1, K2, K3): pass
print([k.__name__ for k in KK.__mro__])

# inconsistent MRO
try:
    class Bad(X, K1):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# duplicate base
try:
    class Dup(X, X):
        pass
except TypeError as e:
    print(type(e).__name__, e)

# super in classmethod and staticmethod-free contexts
class P1:
    @classmethod
    def make(cls):
        return 'P1.make(%s)' % cls.__name__
class P2(P1):
    @classmethod
    def make(cls):
        return 'P2>' + super().make()
print(P2.make(), P2().make())

# super() attribute lookup of class attributes
class H1:
    attr = 'h1'
class H2(H1):
    attr = 'h2'
    def get(self):
        return super().attr, self.attr
print(H2().get())

# super() with property
class Pr1:
    @property
    def v(self):
        return 1
class Pr2(Pr1):
    @property
    def v(self):
        return super().v + 10
print(Pr2().v)

# inheriting from builtins
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.total(), len(ml), type(ml).__name__, isinstance(ml, list))

class MyDict(dict):
    def __missing__(self, key):
        return 'missing:' + str(key)
md = MyDict(a=1)
print(md['a'], md['zz'], md)

class MyInt(int):
    def __add__(self, other):
        return MyInt(int(self) + int(other) + 1000)
mi = MyInt(5)
print(mi + 1, type(mi + 1).__name__, mi * 2, type(mi * 2).__name__, mi == 5)

class MyStr(str):
    def shout(self):
        return self.upper() + '!'
s = MyStr('hey')
print(s.shout(), s + 'x', type(s + 'x').__name__, len(s))

# method resolution: instance attribute beats class, override chain
class Q1:
    def m(self):
        return 'Q1'
class Q2(Q1):
    pass
q = Q2()
print(q.m())
Q1.m = lambda self: 'patched Q1'
print(q.m())

# super() without arguments errors
try:
    super()
except RuntimeError as e:
    print(type(e).__name__, e)

# subclass calling parent method explicitly
class E1:
    def m(self):
        return 'E1.m'
class E2(E1):
    def m(self):
        return 'E2+' + E1.m(self)
print(E2().m())

# object methods
print(object.__name__, isinstance(object(), object))
class Plain:
    pass
print(Plain.__bases__, Plain.__mro__)

# inherit __init__ from parent
class I1:
    def __init__(self, v):
        self.v = v
class I2(I1):
    pass
print(I2(9).v)
try:
    I2()
except TypeError as e:
    print(type(e).__name__, e)

# object() takes no arguments
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print(type(e).__name__, e)

# exception subclass via super
class MyErr(Exception):
    def __init__(self, code):
        super().__init__('code %d' % code)
        self.code = code
try:
    raise MyErr(5)
except MyErr as e:
    print(e, e.code, e.args)
