# property (getter/setter/deleter), staticmethod, classmethod, __slots__, descriptors.

class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "temperature in C"
        print('get')
        return self._c
    @celsius.setter
    def celsius(self, v):
        print('set', v)
        if v < -273:
            raise ValueError('too cold')
        self._c = v
    @celsius.deleter
    def celsius(self):
        print('delete')
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
del t.celsius
print(t._c)
print(Temp.celsius.__doc__, type(Temp.celsius).__name__)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)

# property() called directly
class P:
    def _get(self):
        return 'got'
    def _set(self, v):
        print('setting', v)
    x = property(_get, _set, None, 'x doc')
p = P()
print(p.x, P.x.__doc__)
p.x = 3
print(P.x.fget is P._get, P.x.fset is P._set, P.x.fdel)

# property inheritance and override
class Base:
    @property
    def name(self):
        return 'base'
class Derived(Base):
    @Base.name.getter
    def name(self):
        return 'derived'
print(Base().name, Derived().name)

# staticmethod / classmethod
class K:
    count = 0
    def __init__(self):
        K.count += 1
    @staticmethod
    def helper(a, b):
        return a + b
    @classmethod
    def create(cls, n):
        return [cls() for _ in range(n)]
    @classmethod
    def name(cls):
        return cls.__name__
class K2(K):
    pass
print(K.helper(1, 2), K().helper(3, 4))
K.create(3)
print(K.count, K.name(), K2.name(), K2().name())
print(type(K.__dict__['helper']).__name__, type(K.__dict__['create']).__name__)
print(K.__dict__['helper'].__func__(5, 6))
sm = staticmethod(len)
print(sm.__func__ is len)

# __slots__
class Slotted:
    __slots__ = ('a', 'b')
    def __init__(self, a):
        self.a = a
s = Slotted(1)
print(s.a)
try:
    s.b
except AttributeError as e:
    print(type(e).__name__, e)
s.b = 2
print(s.b)
try:
    s.c = 3
except AttributeError as e:
    print(type(e).__name__, e)
print(hasattr(s, '__dict__'), Slotted.__slots__)
del s.a
try:
    s.a
except AttributeError as e:
    print(type(e).__name__, e)
print(type(Slotted.a).__name__)

class SlotSub(Slotted):
    pass
ss = SlotSub(5)
ss.anything = 'has dict'
print(ss.a, ss.anything, hasattr(ss, '__dict__'))

class SlotSub2(Slotted):
    __slots__ = ('c',)
s2 = SlotSub2(1)
s2.c = 3
print(s2.a, s2.c)
try:
    s2.d = 4
except AttributeError as e:
    print(type(e).__name__, e)

class SlotWithDict:
    __slots__ = ('x', '__dict__')
swd = SlotWithDict()
swd.x = 1
swd.y = 2
print(swd.x, swd.y, swd.__dict__)

class SlotStr:
    __slots__ = 'only'
so = SlotStr()
so.only = 'one'
print(so.only)

# slots conflicts with class variable
try:
    class Conflict:
        __slots__ = ('v',)
        v = 1
except ValueError as e:
    print(type(e).__name__, e)

# custom descriptors
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = '_' + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError('%s must be %s' % (self.name[1:], self.kind.__name__))
        setattr(obj, self.name, value)

class Person:
    age = Typed(int)
    name = Typed(str)
    def __init__(self, name, age):
        self.name = name
        self.age = age
pp = Person('ann', 30)
print(pp.name, pp.age, type(Person.age).__name__)
try:
    pp.age = 'old'
except TypeError as e:
    print(type(e).__name__, e)

# non-data descriptor is overridden by instance dict
class NonData:
    def __get__(self, obj, objtype=None):
        return 'from descriptor'
class HasND:
    d = NonData()
h = HasND()
print(h.d)
h.__dict__['d'] = 'from instance'
print(h.d)

# data descriptor wins over instance dict
class DataD:
    def __get__(self, obj, objtype=None):
        return 'data descriptor'
    def __set__(self, obj, v):
        pass
class HasD:
    d = DataD()
hd = HasD()
hd.__dict__['d'] = 'instance'
print(hd.d)

# __get__ called on class access with obj None
class ShowGet:
    def __get__(self, obj, objtype=None):
        return (obj is None, objtype.__name__)
class Owner:
    sg = ShowGet()
print(Owner.sg, Owner().sg)

# functions are descriptors
def free(self):
    return 'free:' + type(self).__name__
bound = free.__get__(Owner(), Owner)
print(bound())
