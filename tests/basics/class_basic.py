# classes: attributes, class vs instance attributes, __repr__/__str__, names.

class Point:
    "A point."
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def __repr__(self):
        return 'Point(%r, %r)' % (self.x, self.y)

p = Point(3, 4)
print(p, p.norm2(), p.dims, Point.dims)
print(repr(p), str(p), [p], (p,), {'k': p})
print(Point.__name__, Point.__qualname__, Point.__module__, Point.__doc__)
print(p.__class__ is Point, type(p) is Point, p.__class__.__name__)
print(sorted(vars(p).items()), p.__dict__)

# class attribute shadowed by instance attribute
q = Point(0, 0)
q.dims = 3
print(q.dims, Point.dims, p.dims)
del q.dims
print(q.dims)
Point.dims = 'changed'
print(p.dims, q.dims)

# mutable class attribute shared
class Shared:
    items = []
    def add(self, v):
        self.items.append(v)
a, b = Shared(), Shared()
a.add(1); b.add(2)
print(Shared.items, a.items is b.items)

# __str__ vs __repr__
class Both:
    def __repr__(self):
        return 'R'
    def __str__(self):
        return 'S'
x = Both()
print(x, repr(x), str(x), '%s %r' % (x, x), f'{x} {x!r}', [x])

class OnlyStr:
    def __str__(self):
        return 'only str'
o = OnlyStr()
print(o, repr(o).startswith('<__main__.OnlyStr object at 0x'))

class NoRepr:
    pass
print(repr(NoRepr()).startswith('<__main__.NoRepr object at '))
print(repr(NoRepr))
print(str(Point), repr(int), repr(type))

# nested class names
class Outer:
    class Inner:
        class Deep:
            pass
    def method(self):
        pass
print(Outer.Inner.__name__, Outer.Inner.__qualname__, Outer.Inner.Deep.__qualname__)
print(Outer.method.__qualname__, Outer.Inner.Deep)

def factory():
    class Local:
        pass
    return Local
print(factory().__qualname__, factory())

# __class__ inside methods
class UsesClass:
    def who(self):
        return __class__.__name__
    def cell(self):
        return __class__
print(UsesClass().who(), UsesClass().cell() is UsesClass)

class Sub(UsesClass):
    pass
print(Sub().who())

# bound and unbound methods
m = p.norm2
print(m(), m.__self__ is p, m.__func__ is Point.norm2, m.__name__)
print(Point.norm2(p))
print(type(m).__name__, type(Point.norm2).__name__)
print(p.norm2 == p.norm2, p.norm2 == q.norm2)

# attribute errors
try:
    p.nothing
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Point.nothing
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del p.nothing
except AttributeError as e:
    print(type(e).__name__, e)

# getattr / setattr / hasattr / delattr
setattr(p, 'z', 5)
print(getattr(p, 'z'), hasattr(p, 'z'), getattr(p, 'w', 'dflt'), hasattr(p, 'w'))
delattr(p, 'z')
print(hasattr(p, 'z'))

# instances without __init__, class with __init__ returning non-None
class Empty:
    pass
e = Empty()
e.a = 1
print(e.a)

class BadInit:
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print(type(e).__name__, e)

# __new__
class WithNew:
    def __new__(cls, *args):
        print('new', cls.__name__, args)
        inst = super().__new__(cls)
        inst.from_new = True
        return inst
    def __init__(self, v):
        print('init', v)
        self.v = v
w = WithNew(7)
print(w.from_new, w.v)

class NewReturnsOther:
    def __new__(cls):
        return 42
    def __init__(self):
        print('never called')
print(NewReturnsOther())

# type() with three args
Dyn = type('Dyn', (Point,), {'z': 0, 'norm2': lambda self: 'dyn'})
d = Dyn(1, 2)
print(Dyn.__name__, d, d.norm2(), d.z, Dyn.__mro__)

# class attribute that is a function called through the class
class F:
    def f(x):
        return x
print(F.f(5))

# methods are shared, modifiable at runtime
def new_method(self):
    return 'patched'
Point.norm2 = new_method
print(p.norm2())

# class body executes top to bottom, can print
class Body:
    print('in class body')
    v = 1
    v += 1
    print('v is', v)
print(Body.v)

# __dict__ of class contains members
print('v' in Body.__dict__, type(Body.__dict__).__name__)

# __init_subclass__ and __set_name__
class Base:
    subs = []
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        Base.subs.append((cls.__name__, kw))
class C1(Base):
    pass
class C2(Base, flag=1):
    pass
print(Base.subs)

class Named:
    def __set_name__(self, owner, name):
        print('set_name', owner.__name__, name)
        self.name = name
class HasNamed:
    first = Named()
    second = Named()
print(HasNamed.first.name, HasNamed.second.name)
