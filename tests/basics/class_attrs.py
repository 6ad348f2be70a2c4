# class-level attributes (__doc__, __module__, __qualname__, __name__, __dict__, __bases__,
# __subclasses__), object.__new__/__init__ argument checks, type() argument errors.
class A:
    pass
print(A.__doc__, A.__module__, type(A.__dict__).__name__, sorted(k for k in A.__dict__))
class B:
    "doc"
    __qualname__ = 'Custom.Q'
    __module__ = 'mymod'
print(B.__qualname__, B.__module__, B, B.__doc__)
A.__name__ = 'Renamed'
print(A, A.__qualname__)
A.__qualname__ = 'Q2'
print(A)
try:
    A.__name__ = 5
except TypeError as e:
    print(e)
try:
    A.__dict__['x'] = 1
except TypeError as e:
    print(e)
# object.__init__ / __new__ argument checking
class OnlyNew:
    def __new__(cls, a):
        return super().__new__(cls)
print(type(OnlyNew(1)).__name__)
class OnlyInit:
    def __init__(self, a):
        super().__init__()
print(type(OnlyInit(1)).__name__)
class Neither:
    pass
for args in ((), (1,)):
    try:
        Neither(*args)
        print('ok')
    except TypeError as e:
        print(e)
class BadSuperInit:
    def __init__(self, a):
        super().__init__(a)
try:
    BadSuperInit(1)
except TypeError as e:
    print(e)
class BadSuperNew:
    def __new__(cls, a):
        return super().__new__(cls, a)
try:
    BadSuperNew(1)
except TypeError as e:
    print(e)
try:
    object.__new__(int)
except TypeError as e:
    print(e)
try:
    object.__new__(5)
except TypeError as e:
    print(e)
print(object.__new__(A).__class__.__name__)
# __bases__ assignment
class X: 
    def m(self): return 'X'
class Y:
    def m(self): return 'Y'
class Z(X): pass
print(Z().m())
try:
    Z.__bases__ = (Y,)
    print(Z().m(), Z.__mro__)
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
# __subclasses__
class Root: pass
class L1(Root): pass
class L2(Root): pass
print([c.__name__ for c in Root.__subclasses__()])
# vars on object without dict
try:
    vars(1)
except TypeError as e:
    print(e)
print(vars(A) is not None)
# dir on instance (sorted, includes class attrs)
class D:
    cls_attr = 1
    def __init__(self): self.inst = 2
    def meth(self): pass
print([n for n in dir(D()) if not n.startswith('__')])
# callable class attributes that are classes
class Outer:
    class Inner:
        pass
    def make(self):
        return self.Inner()
print(type(Outer().make()).__qualname__)
# __eq__ identity fallback for different types
print(A() == A(), A() != A())
print(object() == object())
# type() with one argument; type.__call__ checks
print(type(A()), type(type), type(1.5).__name__)
try:
    type('X', (), {}, 1)
except TypeError as e:
    print(e)
try:
    type('X', 1, {})
except TypeError as e:
    print(e)

# object.__new__ refuses built-in types that need their own __new__
for t in (int, str, list, dict, tuple, float, bytes, range, type, set, A):
    try:
        x = object.__new__(t)
        print(t.__name__, 'created', type(x).__name__)
    except TypeError as e:
        print(t.__name__, type(e).__name__, e)
