# isinstance / issubclass with classes, tuples, builtins, ABC-free custom hooks.

class A: pass
class B(A): pass
class C(B): pass
class D: pass
class E(A, D): pass

objs = [A(), B(), C(), D(), E()]
classes = [A, B, C, D, E, object]
for o in objs:
    print(type(o).__name__, [isinstance(o, k) for k in classes])
for k in classes:
    print(k.__name__, [issubclass(k, j) for j in classes])

print(isinstance(C(), (D, B)), isinstance(A(), (D, B)), isinstance(A(), ()))
print(isinstance(C(), (D, (int, (B,)))))
print(issubclass(C, (D, A)), issubclass(bool, int), issubclass(int, bool))

# builtins
vals = [0, True, 1.5, 'x', b'x', [], (), {}, set(), None, 1j, range(1), frozenset()]
types = [int, bool, float, str, bytes, list, tuple, dict, set, type(None), complex, range, frozenset, object]
for v in vals:
    print(repr(v), [t.__name__ for t in types if isinstance(v, t)])

print(isinstance(int, type), isinstance(type, type), isinstance(type, object), isinstance(object, type))
print(issubclass(type, object), issubclass(object, type), type(type), type(object))
print(isinstance(A, type), type(A), type(A()) is A)

# exceptions hierarchy
print(issubclass(KeyError, LookupError), issubclass(IndexError, LookupError),
      issubclass(LookupError, Exception), issubclass(Exception, BaseException),
      issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, BaseException),
      issubclass(ZeroDivisionError, ArithmeticError), issubclass(OverflowError, ArithmeticError),
      issubclass(UnboundLocalError, NameError), issubclass(RecursionError, RuntimeError),
      issubclass(NotImplementedError, RuntimeError), issubclass(ModuleNotFoundError, ImportError),
      issubclass(FileNotFoundError, OSError), issubclass(StopIteration, Exception),
      issubclass(GeneratorExit, Exception), issubclass(UnicodeDecodeError, ValueError),
      issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError),
      issubclass(EOFError, Exception), issubclass(AssertionError, Exception))
print(KeyError.__mro__)
print(UnicodeDecodeError.__mro__)
print(TabError.__mro__)

# errors
try:
    isinstance(1, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(int, (int, 5))
except TypeError as e:
    print(type(e).__name__, e)

# __instancecheck__ / __subclasscheck__ via metaclass
class Meta(type):
    def __instancecheck__(cls, inst):
        return inst == 'magic'
    def __subclasscheck__(cls, sub):
        return sub is int
class Magic(metaclass=Meta):
    pass
print(isinstance('magic', Magic), isinstance('other', Magic), issubclass(int, Magic), issubclass(str, Magic))
print(type(Magic).__name__, isinstance(Magic, Meta), isinstance(Magic, type))

# __class__ assignment affects isinstance
class X1: pass
class X2: pass
x = X1()
x.__class__ = X2
print(type(x).__name__, isinstance(x, X2), isinstance(x, X1))

# type() of various
print(type(1), type('a'), type(None), type(len), type(lambda: 0), type(print), type(A.__init__))
def gen():
    yield
print(type(gen()), type(x.__init__))

# union types in isinstance (3.10+)
print(isinstance(1, int | str), isinstance('a', int | str), isinstance(1.0, int | str))
print(issubclass(bool, int | None), int | str, type(int | str).__name__)
