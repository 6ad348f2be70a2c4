# bool: a subclass of int with two instances.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(True, False, repr(True), str(False), type(True).__name__, bool.__name__)
print(True + True, True * 10, True - False, -True, ~True, ~False, True / 2, True // 2, True ** 10)
print(True & True, True & False, True | False, False | False, True ^ True, True ^ False)
print(type(True & False).__name__, type(True | True).__name__, type(True ^ False).__name__)
print(True & 3, 3 & True, type(True & 3).__name__, True | 2, 2 ^ True, type(2 ^ True).__name__)
print(True == 1, False == 0, True is True, True < 2, False < True, True == 1.0, hash(True), hash(False))
print(isinstance(True, int), issubclass(bool, int), bool.__base__.__name__ if hasattr(bool, '__base__') else '')
print(int(True), float(True), complex(True), str(True + 0), abs(True), +True, type(+True).__name__)
print({True: 'a', 1: 'b'}, {1: 'x', True: 'y'}, {0, False})
for v in [0, 1, -1, 0.0, -0.0, 0.1, '', 'a', [], [0], (), {}, {1: 1}, None, 0j, 1j, float('nan'), 2 ** 100, range(0), range(1)]:
    print(bool(v), end=' ')
print()
class Truthy:
    def __bool__(self):
        return False
class Lenny:
    def __len__(self):
        return 3
class BadBool:
    def __bool__(self):
        return 1
print(bool(Truthy()), bool(Lenny()), bool(object()))
t(lambda: bool(BadBool()))
t(lambda: bool())
t(lambda: bool(x=1))
t(lambda: bool(1, 2))
def sub():
    class B(bool):
        pass
t(sub)
t(lambda: True.real)
t(lambda: True.bit_length())
t(lambda: True.to_bytes(1, 'big'))
t(lambda: True.numerator)
t(lambda: True.conjugate())
t(lambda: True.__round__())
t(lambda: round(True))
t(lambda: True.as_integer_ratio())
t(lambda: True.__index__())
t(lambda: [10, 20][True])
t(lambda: 'abc'[False])
t(lambda: divmod(True, True))
t(lambda: True % 2)
t(lambda: True << 3)
t(lambda: True >> 1)
t(lambda: True @ True)
t(lambda: bool.__new__(bool, 5))
t(lambda: bool.__and__(True, 1))
t(lambda: bool.__or__(True, 1.0))
t(lambda: sum([True, True, False]))
t(lambda: max(True, 0))
t(lambda: format(False, '^7'))
t(lambda: format(True, '5'))
t(lambda: f'{True}')
t(lambda: '%s %d %r' % (True, True, False))
t(lambda: int.__new__(bool, 1))
t(lambda: True is bool(1))
t(lambda: bool(0) is False)
