# sys module basics: argv, exit via SystemExit, version_info, implementation (portable parts), modules.
import sys

print(type(sys.argv).__name__, len(sys.argv), sys.argv[0].endswith('sys_basics.py'))
print(sys.version_info[:2], sys.version_info.major, sys.version_info.minor, sys.version_info >= (3, 11))
print(type(sys.version_info).__name__, sys.version_info[0] == sys.version_info.major)
print(type(sys.version).__name__, sys.version.startswith('3.11'))
print(sys.hexversion >> 16 == 0x030b)
print(type(sys.implementation.name).__name__, sys.implementation.name == sys.implementation.name.lower())
print(sys.implementation.version[:2] if sys.implementation.name == 'cpython' else sys.version_info[:2])
print(sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.platform.startswith('linux'))
print(type(sys.path).__name__, type(sys.modules).__name__, '__main__' in sys.modules, 'sys' in sys.modules)
print(sys.modules['__main__'].__name__, sys.modules['sys'] is sys)
print(sys.stdout is not None, sys.stderr is not None, hasattr(sys.stdin, 'read'))
print(sys.getrecursionlimit() >= 1000, callable(sys.exit), callable(sys.exc_info))
print(sys.flags.optimize, sys.flags.dont_write_bytecode in (0, 1, False, True))
print(type(sys.builtin_module_names).__name__, 'sys' in sys.builtin_module_names)

# sys.exit raises SystemExit
for arg in ((), (0,), (3,), ('message',), (None,), ((1, 2),)):
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print('SystemExit', repr(e), repr(e.code), e.args)
try:
    raise SystemExit(5)
except SystemExit as e:
    print('raised directly', e.code)
# SystemExit is not an Exception
try:
    try:
        sys.exit(1)
    except Exception:
        print('not here')
except SystemExit:
    print('SystemExit bypasses except Exception')
# finally runs on sys.exit
try:
    try:
        sys.exit(2)
    finally:
        print('finally on exit')
except SystemExit as e:
    print('code', e.code)

# stdout write
n = sys.stdout.write('written directly\n')
print(n)
print('to stdout', file=sys.stdout)
print('a', 'b', sep='', end='!\n', flush=True)

# sys.getsizeof is implementation-specific; don't print. intern works:
a = sys.intern('hello world!')
print(a == 'hello world!')

# sys._getframe
def who():
    return sys._getframe().f_code.co_name, sys._getframe(1).f_code.co_name
def caller():
    return who()
print(caller())

# setrecursionlimit roundtrip
old = sys.getrecursionlimit()
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)

# exc_info outside handlers
print(sys.exc_info())

# numeric info structs
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.sizeof_digit > 0, sys.hash_info.width, sys.hash_info.modulus == 2 ** 61 - 1)
