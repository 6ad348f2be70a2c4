# constants of every kind embedded in code (checks the compiler's folding and the .pyc round trip).
print(0, 1, -1, 2 ** 47 - 1, 2 ** 47, -2 ** 47, -2 ** 47 - 1, 2 ** 63, 2 ** 64 + 1, -(2 ** 100), 10 ** 50)
print(0.0, -0.0, 1.5, -2.25, 1e300, 1e-300, 5e-324, float('inf'), -float('inf'), 1e400, -1e400)
nan = 1e400 - 1e400
print(nan != nan, str(1e400 * 0))
print(1j, -1j, 1.5 + 2j, 1e300j, -0.0j, complex(-0.0, -0.0), (1 + 0j).imag)
print('', 'a', 'ascii', 'é', 'ü€', '😀', 'a\x00b', '\udc80' == '\udc80', len('\U0010ffff'), 'x' * 1000 == 'x' * 1000)
print(b'', b'\x00\xff', b'abc' * 3, bytes(range(256))[::51])
print((), (1,), (1, (2, (3, ()))), ('a', b'b', 1.5, None, True, ...), ((1, 2), frozenset()))
print(None, True, False, ..., NotImplemented)
print(frozenset(), sorted(frozenset({3, 1, 2})), 1 in {1, 2, 3}, 'b' in {'a', 'b'}, 4 not in (1, 2))
for x in (1, 2, 3):
    print(x, end=' ')
for x in [1.5, 'two', b'three']:
    print(x, end=' ')
for x in {5}:
    print(x)
# folded expressions
print(2 ** 10, 2 ** 100, -(-5), not True, 1 + 2 * 3, 'ab' * 3, (1, 2) + (3,), 10 // 3, 10 % -3, 1 << 70, ~5)
print(-0.0 == 0.0, str(-0.0), str(0.0 * -1), 3.0 ** 2, 1 / 4, 'abc'[1], (1, 2, 3)[-1], 'abcdef'[::2])
big_str = 'long string ' * 500
print(len(big_str), big_str[:24])
big_tuple = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9) * 30
print(len(big_tuple), sum(big_tuple))
many = [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
        1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027]
print(sum(many), 'k' in {'k': 1, 'j': 2, 'i': 3})
d = {'a': 1, 'b': (2, 3), 'c': {'d': [4.5, 'e']}}
print(d)
# constants as default arguments and in closures
def f(a=(1, 'x', 2.5, None), b=-0.0, c=2 ** 80, d=b'\x00', e=3j, f=frozenset({1})):
    return a, b, c, d, e, f
print(f())
def g():
    return lambda: ('closure const', 1e-10, -2 ** 70)
print(g()())
# docstrings and code object constants
def documented():
    "a docstring with unicode: ñ, and escapes \t|"
print(repr(documented.__doc__))
print(documented.__code__.co_name, documented.__code__.co_filename.endswith('.py') or documented.__code__.co_filename.endswith('.pyc'))
class K:
    """class doc"""
    x = (1, 2)
print(K.__doc__, K.x)
print(__doc__)
# identity of equal constants within a code object is an implementation detail; only values:
print(1.0 == 1, 0.1 + 0.2, 0.1 + 0.2 == 0.3, 1e16 + 1)
