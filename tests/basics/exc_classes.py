# user exception classes, args/str/repr, attributes, catching by base class and tuple.

class AppError(Exception):
    pass
class DbError(AppError):
    def __init__(self, table, code=0):
        super().__init__('db failure on %s' % table)
        self.table = table
        self.code = code
class NoArgsInit(AppError):
    def __init__(self):
        pass
class StrOverride(AppError):
    def __str__(self):
        return 'custom str'
class ReprOverride(Exception):
    def __repr__(self):
        return 'ReprOverride!'

for exc in (AppError(), AppError('one'), AppError('a', 2), DbError('users', 7), NoArgsInit(),
            StrOverride('ignored'), ReprOverride('r')):
    print(type(exc).__name__, repr(str(exc)), repr(exc), exc.args)

try:
    raise DbError('orders', code=3)
except AppError as e:
    print('caught base', type(e).__name__, e.table, e.code, e)

try:
    raise DbError('x')
except (KeyError, DbError) as e:
    print('caught tuple', e)

# builtin exception args / str / repr
for exc in (ValueError(), ValueError('msg'), ValueError('a', 'b'), ValueError(1), KeyError('k'),
            KeyError('k', 'j'), KeyError(), IndexError(3), Exception(None), Exception(''),
            OSError(2, 'No such file'), StopIteration(5), SystemExit(3), SystemExit(),
            ZeroDivisionError('division by zero'), AttributeError('attr'), NameError('nm')):
    print(type(exc).__name__, repr(str(exc)), repr(exc), exc.args)

print(StopIteration(5).value, StopIteration().value, SystemExit(3).code, SystemExit().code,
      SystemExit(1, 2).code)
e = OSError(2, 'No such file', 'f.txt')
print(e.errno, e.strerror, e.filename, str(e), type(e).__name__)
e = OSError(2, 'x')
print(type(e).__name__)
print(type(OSError(13, 'perm')).__name__, type(OSError(17, 'exists')).__name__)

# args can be reassigned
e = ValueError('x')
e.args = ('y', 'z')
print(e, e.args)
e.args = [1]
print(e.args)

# extra attributes on builtin exception instances
e = KeyError('k')
e.note = 'extra'
print(e.note)

# add_note (3.11)
e = ValueError('noted')
e.add_note('first note')
e.add_note('second note')
print(e.__notes__)

# exception with mutable state and custom methods
class Retry(Exception):
    def __init__(self, attempts):
        self.attempts = attempts
        super().__init__(attempts)
    def describe(self):
        return 'after %d attempts' % self.attempts
try:
    raise Retry(3)
except Retry as r:
    print(r.describe(), r, repr(r))

# catching in order with inheritance
class Base(Exception): pass
class Mid(Base): pass
class Leaf(Mid): pass
for cls in (Base, Mid, Leaf):
    try:
        raise cls(cls.__name__)
    except Leaf as e:
        print('Leaf handler', e)
    except Mid as e:
        print('Mid handler', e)
    except Base as e:
        print('Base handler', e)

# multiple inheritance for exceptions (built-in exception bases share a layout)
for a, b in [(KeyError, AttributeError), (ValueError, KeyError), (LookupError, TypeError),
             (OSError, ValueError), (StopIteration, ValueError), (ImportError, ValueError),
             (Exception, dict)]:
    try:
        type('X', (a, b), {})
        print(a.__name__, b.__name__, 'ok')
    except TypeError as e:
        print(a.__name__, b.__name__, type(e).__name__, e)
try:
    class Both(KeyError, AttributeError):
        pass
    try:
        raise Both('both')
    except AttributeError as e:
        print('caught as AttributeError', repr(e), str(e))
    try:
        raise Both('both')
    except KeyError as e:
        print('caught as KeyError', repr(e))
except TypeError as e:
    print(type(e).__name__, e)

# exceptions are classes with __mro__
print([c.__name__ for c in DbError.__mro__])

# BaseException subclass not caught by Exception
class Quit(BaseException):
    pass
try:
    try:
        raise Quit('q')
    except Exception:
        print('no')
except BaseException as e:
    print('BaseException caught', repr(e))

# exception with keyword args to __init__
class KwErr(Exception):
    def __init__(self, *, reason):
        super().__init__(reason)
        self.reason = reason
try:
    raise KwErr(reason='because')
except KwErr as e:
    print(e.reason, e.args)

try:
    ValueError(x=1)
except TypeError as e:
    print(type(e).__name__, e)

# exception equality is identity
print(ValueError('a') == ValueError('a'))

# str of exception with one tuple arg
print(str(ValueError((1, 2))), str(KeyError(('a',))), repr(KeyError(('a',))))

# common builtin error messages
def t(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: [1][5])
t(lambda: (1,)[-3])
t(lambda: 'ab'[9])
t(lambda: {'a': 1}['b'])
t(lambda: {}[(1, 2)])
t(lambda: 1 / 0)
t(lambda: 1 // 0)
t(lambda: 1 % 0)
t(lambda: 1.0 / 0)
t(lambda: 1.0 // 0.0)
t(lambda: divmod(1, 0))
t(lambda: 0 ** -1)
t(lambda: int('x'))
t(lambda: int('12', 2))
t(lambda: float('abc'))
t(lambda: [].pop())
t(lambda: {}.popitem())
t(lambda: [1].remove(2))
t(lambda: (1, 2).index(3))
t(lambda: 'abc'.index('z'))
t(lambda: None.x)
t(lambda: (1).foo)
t(lambda: 'x'.foo)
t(lambda: undefined_name)
t(lambda: 2 ** 10000 * 1.0)
t(lambda: float(10 ** 400))
t(lambda: chr(-1))
t(lambda: ord('ab'))
t(lambda: [1, 2, 3][1:2:0])
t(lambda: next(iter([])))
t(lambda: set().pop())
t(lambda: int(None))
t(lambda: sum(['a', 'b']))
t(lambda: 'a' * 'b')
t(lambda: list(1))
t(lambda: dict([(1, 2, 3)]))
t(lambda: tuple(None))
t(lambda: 'x'.join([1]))
t(lambda: max([]))
