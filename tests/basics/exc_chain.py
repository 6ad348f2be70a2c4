# raise ... from, __context__/__cause__/__suppress_context__, bare raise, re-raise.

try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError('converted') from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('implicit')
except ValueError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('suppressed') from None
except ValueError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)

# from with a class
try:
    raise ValueError('x') from KeyError
except ValueError as e:
    print(repr(e.__cause__))

# from with a non-exception
try:
    raise ValueError('x') from 5
except TypeError as e:
    print(type(e).__name__, e)

# bare raise re-raises current exception
def reraise():
    try:
        raise KeyError('orig')
    except KeyError:
        print('handling')
        raise
try:
    reraise()
except KeyError as e:
    print('reraised', repr(e))

# bare raise without active exception
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)

# raise e inside handler keeps identity
try:
    try:
        raise ValueError('same')
    except ValueError as e:
        saved = e
        raise e
except ValueError as e2:
    print(e2 is saved)

# context chain multiple levels
try:
    try:
        try:
            raise ValueError('one')
        except ValueError:
            raise KeyError('two')
    except KeyError:
        raise TypeError('three')
except TypeError as e:
    chain = []
    x = e
    while x is not None:
        chain.append(repr(x))
        x = x.__context__
    print(chain)

# context set when raising in finally
try:
    try:
        raise ValueError('body')
    finally:
        try:
            raise KeyError('cleanup')
        except KeyError as k:
            print('inner context', repr(k.__context__))
except ValueError as e:
    print('body propagates', repr(e), e.__context__)

# context is not set to itself; no cycles
try:
    try:
        raise ValueError('a')
    except ValueError as e:
        raise e
except ValueError as e:
    print(e.__context__)

# bare raise in nested function after handler exit
def helper():
    raise
try:
    try:
        raise IndexError('via helper')
    except IndexError:
        helper()
except IndexError as e:
    print('helper reraised', repr(e))

# assigning __cause__ manually
e = ValueError('manual')
e.__cause__ = KeyError('k')
print(repr(e.__cause__), e.__suppress_context__)
try:
    e.__cause__ = 5
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    e.__context__ = 'x'
except TypeError as ex:
    print(type(ex).__name__, ex)

# reraise after handled inner exception
try:
    try:
        raise ValueError('outer')
    except ValueError:
        try:
            raise KeyError('inner')
        except KeyError:
            pass
        raise
except ValueError as e:
    print('outer reraised', repr(e))

# exception raised in generator gets context from caller's handler
def g():
    yield 1
    raise KeyError('in gen')
try:
    raise ValueError('caller')
except ValueError:
    it = g()
    next(it)
    try:
        next(it)
    except KeyError as e:
        print('gen exc context', repr(e.__context__))

# implicit chaining with from and a later handler
def layered():
    try:
        {}['missing']
    except KeyError as e:
        raise LookupError('layer') from e
try:
    layered()
except LookupError as e:
    print(repr(e), repr(e.__cause__), e.__cause__ is e.__context__)
