# bytes: construction, repr, indexing, slicing, operators, comparison, hashing.
def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print('!!', type(e).__name__, e)

print(bytes(), bytes(3), bytes([65, 66, 67]), bytes((1, 2)), bytes(range(5)))
print(bytes(b'abc'), bytes(bytearray(b'xy')), bytes(memoryview(b'mv')), bytes(iter([104, 105])))
print(bytes('héllo', 'utf-8'), bytes('abc', 'ascii'), bytes('é', encoding='latin-1'))
print(bytes(source='ab', encoding='ascii'), bytes('aé', 'ascii', 'ignore'), bytes('aé', 'ascii', errors='replace'))
print(bytes(True), bytes(x for x in [7, 8]))


class WithBytes:
    def __bytes__(self):
        return b'from dunder'


class BadBytes:
    def __bytes__(self):
        return 'not bytes'


class Idx:
    def __index__(self):
        return 3


print(bytes(WithBytes()), bytes(Idx()), bytes([Idx()]))
for args in [(-1,), ('a',), (1.5,), ([256],), ([-1],), (['a'],), ('a', 'ascii', 'x', 1),
             (b'a', 'ascii'), (1, 'ascii'), (BadBytes(),), ([2**70],), (2**70,), (-2**70,),
             ('a', 1), ('é', 'ascii'), ('a', 'nope')]:
    show(bytes, *args)
show(lambda: bytes(errors='strict'))
show(lambda: bytes(encoding='utf-8'))
show(lambda: bytes(x=1))

for b in [b'', b'abc', b"'", b'"', b'\'"', b'\\', b'\x00\x01\t\n\r\x7f\x80\xff', bytes(range(32, 127))]:
    print(repr(b), str(b) == repr(b), len(b))


class MyBytes(bytes):
    pass


mb = MyBytes(b'sub')
print(repr(mb), type(mb).__name__, mb == b'sub', hash(mb) == hash(b'sub'), len(mb), mb[0], mb[1:])
print(type(mb[1:]).__name__, type(mb + b'x').__name__, type(bytes(mb)).__name__, isinstance(mb, bytes))
mb.attr = 5
print(mb.attr, MyBytes(3), MyBytes([1, 2]), MyBytes('x', 'ascii'))

b = b'hello world'
print(b[0], b[-1], b[4], b[1:4], b[::-1], b[::3], b[-3:], b[100:], b[:-100], b[2:2])
print(b[True], b[Idx()], b[slice(1, None, 2)])
show(lambda: b[11])
show(lambda: b[-12])
show(lambda: b['x'])
show(lambda: b[2**70])
show(lambda: b[1.0])
print(list(b'abc'), [x for x in b'\x00\xff'], tuple(reversed(b'xyz')))
it = iter(b'ab')
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), list(it))
print(iter(b'abc').__reduce__()[1:])

print(b'ab' + b'cd', b'ab' + bytearray(b'c'), b'a' + memoryview(b'm'), b'' + b'', b'ab' * 3, 3 * b'ab')
print(b'ab' * 0, b'ab' * -5, b'ab' * True, b'x' * Idx())
show(lambda: b'a' + 'b')
show(lambda: b'a' + 1)
show(lambda: 'a' + b'b')
show(lambda: b'a' * 'a')
show(lambda: b'a' * 1.5)
show(lambda: b'a' * 2**70)
x = b'ab'
x += b'cd'
x *= 2
print(x)

print(b'a' in b'abc', b'bc' in b'abc', b'' in b'abc', b'x' in b'abc', 97 in b'abc', 120 in b'abc')
print(bytearray(b'b') in b'abc', memoryview(b'c') in b'abc', Idx() in b'\x03')
show(lambda: 256 in b'abc')
show(lambda: -1 in b'abc')
show(lambda: 'a' in b'abc')
show(lambda: 1.5 in b'a')

print(b'a' < b'b', b'a' < b'ab', b'ab' < b'b', b'abc' == b'abc', b'abc' != b'abd', b'' < b'\x00')
print(b'b' > b'a', b'b' >= b'b', b'a' <= b'a', b'\xff' > b'\x00\x00')
print(b'ab' == bytearray(b'ab'), bytearray(b'ab') == b'ab', b'ab' == memoryview(b'ab'), b'a' == 'a')
print(b'a' < bytearray(b'b'), sorted([b'b', b'a', b'ab', b'']))
show(lambda: b'a' < 'a')
show(lambda: b'a' < 1)
print(hash(b'') == 0, hash(b'abc') == hash(b'abc'), hash(b'abc') == hash(bytes([97, 98, 99])))
print(len({b'a', b'a', b'b', bytes([97])}), {b'k': 1}[b'k'])
print(b'abc'.__getnewargs__(), b'x'.__bytes__(), mb.__bytes__(), type(mb.__bytes__()).__name__)
print(bool(b''), bool(b'\x00'))
