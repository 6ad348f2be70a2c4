# Which special methods built-in classes define themselves (CPython's type dicts).
for t in [list, tuple, str, bytes, bytearray, int, float, dict, set]:
    print(t.__name__, '__radd__' in t.__dict__, '__rmul__' in t.__dict__, '__iadd__' in t.__dict__)
import builtins
for n in sorted(dir(builtins)):
    c = getattr(builtins, n)
    if isinstance(c, type) and issubclass(c, BaseException) and c is not ExceptionGroup:
        print(n, [k for k in ('__init__', '__new__') if k in c.__dict__])
for e in ["Exception.__init__()", "KeyError.__init__()", "OSError.__new__()"]:
    try:
        eval(e)
    except TypeError as x:
        print(e, '!!', x)
