# ExceptionGroup and except* (3.11).
# except* is 3.11: ExceptionGroup
try:
    raise ExceptionGroup('grp', [ValueError('a'), TypeError('b'), ValueError('c')])
except* ValueError as eg:
    print('star V', [str(x) for x in eg.exceptions])
except* TypeError as eg:
    print('star T', [str(x) for x in eg.exceptions])

def grp():
    raise ExceptionGroup('outer', [KeyError('k'), ExceptionGroup('inner', [OSError('o'), KeyError('k2')])])

try:
    grp()
except* KeyError as eg:
    print('KeyError part', repr(eg))
except* OSError as eg:
    print('OSError part', repr(eg))

# unmatched part propagates as a group
try:
    try:
        raise ExceptionGroup('mixed', [ValueError(1), TypeError(2)])
    except* ValueError:
        print('handled ValueError part')
except ExceptionGroup as eg:
    print('rest', repr(eg))

# a bare exception is wrapped in a group by except*
try:
    raise ValueError('naked')
except* ValueError as eg:
    print(type(eg).__name__, repr(eg.exceptions))

eg = ExceptionGroup('m', [ValueError('a'), TypeError('b')])
print(eg.message, len(eg.exceptions), str(eg))
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)))
print(isinstance(eg, Exception), issubclass(BaseExceptionGroup, BaseException))
try:
    ExceptionGroup('empty', [])
except ValueError as e:
    print(type(e).__name__, e)
