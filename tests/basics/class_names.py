# names visible inside class bodies (__qualname__, __module__, __name__, __class__), overriding
# __qualname__/__module__/__doc__/__name__ in the body, and the __class__ cell vs a class attribute.
class C:
    print('body sees', __qualname__, __module__, __name__)
    try:
        print(__class__)
    except NameError as e:
        print('NameError', e)
    q = __qualname__
    class Inner:
        print('inner body sees', __qualname__, __module__)
    def m(self):
        return __class__, __class__.__qualname__
print(C.q, C().m()[1], C.m.__qualname__)
def f():
    class L:
        print('local body', __qualname__)
        def g(self):
            class Deeper:
                print('deeper', __qualname__)
            return Deeper
    return L
f()().g()
class D:
    __qualname__ = 'Overridden'
    print('after override', __qualname__)
print(D.__qualname__, D.__name__)
class E:
    __module__ = 'elsewhere'
    print(__module__)
print(E.__module__, repr(E))
class F:
    __doc__ = 'assigned doc'
print(F.__doc__)
class G:
    'real doc'
    print(__doc__)
class H:
    __name__ = 'not the name'
print(H.__name__, H.__dict__['__name__'])
try:
    class Bad:
        __qualname__ = 5
except TypeError as e:
    print('TypeError', e)
class WithClassCell:
    def get(self):
        return __class__
    __class__ = 'class attribute named __class__'
print(WithClassCell().get(), WithClassCell.__dict__['__class__'])
print(WithClassCell().__class__)
