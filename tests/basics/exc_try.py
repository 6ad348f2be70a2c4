# try/except/else/finally in every combination, nested handlers, matching by base class/tuple.

def run(kind):
    print('--', kind)
    try:
        print('try')
        if kind == 'value':
            raise ValueError('v')
        if kind == 'key':
            raise KeyError('k')
        if kind == 'type':
            raise TypeError('t')
        if kind == 'zero':
            1 / 0
    except ValueError as e:
        print('except ValueError', e)
    except (KeyError, IndexError) as e:
        print('except tuple', type(e).__name__, e)
    except ArithmeticError as e:
        print('except base', type(e).__name__, e)
    else:
        print('else')
    finally:
        print('finally')

for k in ('none', 'value', 'key', 'zero'):
    run(k)
try:
    run('type')
except TypeError as e:
    print('outer caught', e)

# try/finally without except
def tf(fail):
    try:
        if fail:
            raise RuntimeError('rt')
        print('body ok')
    finally:
        print('cleanup')
tf(False)
try:
    tf(True)
except RuntimeError as e:
    print('propagated', e)

# try/except/else without finally
for v in (0, 1):
    try:
        x = 10 // v
    except ZeroDivisionError as e:
        print('zde', e)
    else:
        print('else', x)

# bare except
try:
    [][1]
except:
    print('bare except caught')

# except Exception does not catch BaseException subclasses
try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print('wrong')
except BaseException as e:
    print('BaseException', type(e).__name__)

# nested try
try:
    try:
        raise ValueError('inner')
    except TypeError:
        print('not here')
    finally:
        print('inner finally')
except ValueError as e:
    print('outer got', e)

# exception in except handler
try:
    try:
        raise ValueError('first')
    except ValueError:
        raise TypeError('second')
except TypeError as e:
    print(type(e).__name__, e, type(e.__context__).__name__, e.__context__)

# exception in finally replaces
try:
    try:
        raise ValueError('body')
    finally:
        raise KeyError('finally')
except Exception as e:
    print(type(e).__name__, e, repr(e.__context__))

# exception in else
try:
    try:
        pass
    except ValueError:
        print('no')
    else:
        raise IndexError('from else')
    finally:
        print('finally after else')
except IndexError as e:
    print('caught', e)

# handlers evaluated in order, first match wins
try:
    raise KeyError('x')
except LookupError:
    print('LookupError first')
except KeyError:
    print('KeyError second')

# exception class computed at runtime
def exc_types():
    print('evaluating handler expression')
    return (OSError, ValueError)
try:
    raise ValueError
except exc_types() as e:
    print('dynamic', repr(e))

# raising class vs instance
try:
    raise IndexError
except IndexError as e:
    print(repr(e), e.args)

# raise non-exception
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise int
except TypeError as e:
    print(type(e).__name__, e)

# catching with non-exception class
try:
    try:
        raise ValueError
    except 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)

# sys.exc_info inside and after handler
import sys
try:
    raise ValueError('info')
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None)
print(sys.exc_info())

# nested handlers restore exc_info
try:
    raise ValueError('outer')
except ValueError:
    try:
        raise KeyError('inner')
    except KeyError:
        print(repr(sys.exc_info()[1]))
    print(repr(sys.exc_info()[1]))
print(sys.exc_info()[0])

# exception variable cleared, previous binding removed
e = 'before'
try:
    raise ValueError
except ValueError as e:
    pass
print('e' in dir())

# try in loop with continue/break
for i in range(5):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print('loop', i)
    finally:
        print('finally', i)

# many handlers, deep nesting
def deep(n):
    if n == 0:
        raise LookupError('bottom')
    try:
        deep(n - 1)
    except KeyError:
        print('never')
    finally:
        if n % 5 == 0:
            print('unwind', n)
try:
    deep(20)
except LookupError as e:
    print('caught at top', e)

# exception traceback object chain
def thrower():
    raise ValueError('tb')
try:
    thrower()
except ValueError as e:
    tb = e.__traceback__
    n = 0
    while tb is not None:
        n += 1
        tb = tb.tb_next
    print('tb depth', n)
    print(e.__traceback__.tb_next.tb_frame.f_code.co_name)

# with_traceback
try:
    raise ValueError('wt').with_traceback(None)
except ValueError as e:
    print('with_traceback ok', e)

