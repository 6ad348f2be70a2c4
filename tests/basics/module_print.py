# module globals of __main__, print() keywords and errors, reprs of builtin singletons/objects.
print(dir())
print(__loader__ is not None, __package__, __spec__)
import sys
print(repr(None), repr(NotImplemented), repr(Ellipsis), repr(...), repr(range(1, 5, 2)), repr(slice(1, None)))
print(repr(sys)[:20], repr(print), repr(int), repr(object()).startswith('<object object at 0x'))
print(type(sys).__name__, sys.__name__, type(...).__name__, type(NotImplemented).__name__)
print(print('inner') is None)
print('a', 'b', sep=None, end=None)
print(sep='|')
print()
print(1, 2, 3, sep='')
try:
    print(1, sep=5)
except TypeError as e:
    print(e)
try:
    print(1, end=5)
except TypeError as e:
    print(e)
try:
    print(1, foo=1)
except TypeError as e:
    print(e)
try:
    print(1, file=5)
except AttributeError as e:
    print(type(e).__name__, e)
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print('x', 'y', file=w, sep='-')
print(w.parts)
print(file=None)
print(*[], sep='x')
print('\u00e9\u4e2d\U0001f600')
print(b'bytes', bytearray(b'ba'), 1.0, 1e100, -0.0, 2j, True, None, [None], {1: None})
import builtins
print(builtins.print is print, __builtins__ is builtins or isinstance(__builtins__, dict))
print(dir()[:3])
print(__name__, __doc__, __spec__ is None or True, __file__.endswith('.py'))
