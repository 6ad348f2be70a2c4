# exception state with with/generators/handlers, exceptions as control flow, exception attributes
# (name, obj), ImportError details, KeyError str forms.
import sys
class Sup:
    def __enter__(self): return self
    def __exit__(self, *a):
        print('exc_info in exit', sys.exc_info()[0])
        return True
with Sup():
    raise ValueError
print('after', sys.exc_info())
# exception context across with
try:
    with Sup():
        raise KeyError
    raise IndexError
except IndexError as e:
    print('context', e.__context__)
# __exit__ sees the exception as context when raising
class Raiser:
    def __enter__(self): return self
    def __exit__(self, t, v, tb):
        raise RuntimeError('exit') from None
try:
    with Raiser():
        raise ValueError
except RuntimeError as e:
    print(repr(e.__context__), e.__suppress_context__)
# nested exception in generator-based handling
def gen():
    try:
        yield 1
    except ValueError:
        print('gen got', sys.exc_info()[0].__name__)
        yield 2
g = gen(); next(g)
try:
    raise KeyError('outer')
except KeyError:
    print(g.throw(ValueError))
    print('outer exc still', sys.exc_info()[0].__name__)
# exception in __str__ of exception
class BadStr(Exception):
    def __str__(self):
        raise RuntimeError('bad str')
try:
    str(BadStr())
except RuntimeError as e:
    print(e)
# exception as loop break
def first_neg(xs):
    class Found(Exception): pass
    try:
        for x in xs:
            if x < 0:
                raise Found(x)
    except Found as f:
        return f.args[0]
print(first_neg([1, 2, -3, -4]))
# return in except with pending finally that raises and catches
def tricky():
    try:
        raise ValueError
    except ValueError:
        try:
            return 'from except'
        finally:
            try:
                raise KeyError
            except KeyError:
                pass
print(tricky())
# exception in generator expression propagates
try:
    sum(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print('genexp', e)
# try/except in a loop with exception variable reuse
errs = []
for v in ['1', 'x', '2', 'y']:
    try:
        int(v)
    except ValueError as e:
        errs.append(str(e))
print(errs)
# exception raised in __init__ propagates; partially-initialized object discarded
class Fails:
    def __init__(self):
        self.a = 1
        raise ValueError('init failed')
try:
    Fails()
except ValueError as e:
    print(e)
# KeyError str with non-string and repr
print(str(KeyError(1)), str(KeyError('a b')), str(KeyError()), repr(KeyError(None)))
# except with star syntax ... skip; exception attribute name/obj for AttributeError/NameError (3.10)
try:
    None.foo
except AttributeError as e:
    print(e.name, e.obj)
try:
    undefined_q
except NameError as e:
    print(e.name)
try:
    import nonexistent_module_zz
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from sys import nonexistent_name_zz
except ImportError as e:
    print(type(e).__name__, e, e.name)
