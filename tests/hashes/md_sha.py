# _md5, _sha1, _sha256, _sha512: digests of standard and boundary messages, incremental
# updates, copies, attributes and the argument errors of the builtin modules.
import _md5, _sha1, _sha256, _sha512

CTORS = [_md5.md5, _sha1.sha1, _sha256.sha224, _sha256.sha256, _sha512.sha384, _sha512.sha512]

MESSAGES = [
    b'', b'a', b'abc', b'message digest', b'abcdefghijklmnopqrstuvwxyz',
    b'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    b'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    b'1234567890' * 8,
]
# Lengths around the padding boundaries of 64- and 128-byte blocks.
LENGTHS = [55, 56, 57, 63, 64, 65, 111, 112, 113, 119, 120, 127, 128, 129, 191, 192, 255, 256, 1000]

for ctor in CTORS:
    h0 = ctor()
    print(h0.name, h0.digest_size, h0.block_size, len(h0.digest()), type(h0).__name__,
          type(h0).__module__)
    for m in MESSAGES:
        print(' ', ctor(m).hexdigest())
    for n in LENGTHS:
        data = bytes((i * 7 + n) & 0xff for i in range(n))
        print(' ', n, ctor(data).hexdigest()[:24])
    # The million 'a' test vector, fed in uneven pieces.
    h = ctor()
    piece = b'a' * 9973
    left = 1000000
    while left:
        take = min(left, len(piece))
        h.update(piece[:take])
        left -= take
    print('  million a:', h.hexdigest())

# Incremental updates give the same digest whatever the split.
data = bytes(range(256)) * 9
for ctor in CTORS:
    whole = ctor(data).digest()
    ok = True
    for step in (1, 3, 63, 64, 65, 127, 128, 129, 500):
        h = ctor()
        for i in range(0, len(data), step):
            h.update(data[i:i + step])
        ok = ok and h.digest() == whole
    print(ctor().name, 'splits agree:', ok)

# copy() is independent; digest() does not disturb the state.
h = _sha256.sha256(b'hello')
c = h.copy()
c.update(b' world')
print(h.hexdigest())
print(c.hexdigest())
print(_sha256.sha256(b'hello world').hexdigest() == c.hexdigest())
d1 = h.digest()
h.update(b'')
print(h.digest() == d1, h.hexdigest() == d1.hex())

# Other bytes-like objects.
import array
print(_md5.md5(bytearray(b'abc')).hexdigest())
print(_md5.md5(memoryview(b'xabcx')[1:4]).hexdigest())
print(_sha1.sha1(array.array('B', b'abc')).hexdigest())
h = _sha1.sha1()
h.update(bytearray(b'ab'))
h.update(memoryview(b'c'))
print(h.hexdigest())

# Keywords of the module functions.
print(_md5.md5(string=b'abc').hexdigest())
print(_md5.md5(b'abc', usedforsecurity=False).hexdigest())
print(_sha512.sha384(usedforsecurity=0).hexdigest()[:16])

# The module attributes (SHA384Type names the sha512 type, as in CPython 3.11).
print(_md5.MD5Type.__name__, _sha1.SHA1Type.__name__, _sha256.SHA224Type.__name__,
      _sha256.SHA256Type.__name__, _sha512.SHA384Type.__name__)
print(hasattr(_sha512, 'SHA512Type'))
print(type(_sha512.sha384()).__name__, type(_sha512.sha512()) is _sha512.SHA384Type)
print(sorted(k for k in dir(_sha256) if not k.startswith('__')))
print(sorted(k for k in dir(_sha256.sha256()) if not k.startswith('__')))
print(_md5.md5.__doc__)
print(_md5.md5().update.__doc__)


def err(f):
    try:
        r = f()
        print('no error:', r)
    except Exception as e:
        print(type(e).__name__ + ':', e)


err(lambda: _md5.md5('abc'))
err(lambda: _md5.md5(123))
err(lambda: _md5.md5(None))
err(lambda: _md5.md5(b'a', b'b'))
err(lambda: _md5.md5(b'a', b'b', b'c'))
err(lambda: _md5.md5(data=b'a'))
err(lambda: _md5.md5(b'a', string=b'a'))
err(lambda: _sha256.sha256(b'a', usedforsecurity=1, x=1))
err(lambda: _md5.MD5Type())
err(lambda: _sha512.SHA384Type(b''))
err(lambda: type('X', (_sha1.SHA1Type,), {}))
err(lambda: _md5.md5().update())
err(lambda: _md5.md5().update('x'))
err(lambda: _md5.md5().update(1))
err(lambda: _md5.md5().update(b'1', b'2'))
err(lambda: _sha1.sha1().update(data=b'x'))
err(lambda: _sha256.sha224().digest(1))
err(lambda: _sha256.sha224().digest(x=1))
err(lambda: _sha512.sha512().hexdigest(1))
err(lambda: _sha512.sha512().copy(1))
err(lambda: _md5.md5().copy(x=1).hexdigest())
err(lambda: setattr(_md5.md5(), 'name', 'x'))
err(lambda: setattr(_md5.md5(), 'foo', 1))
err(lambda: _md5.md5(memoryview(b'abcdef')[::2]))


class Bad:
    def __bool__(self):
        raise ZeroDivisionError('bool of Bad')


err(lambda: _md5.md5(b'x', usedforsecurity=Bad()))
err(lambda: _md5.md5('x', usedforsecurity=Bad()))

# Hash objects cannot be copied by the copy module (they are not picklable), only by copy().
import copy
err(lambda: copy.copy(_md5.md5(b'a')))
err(lambda: copy.deepcopy(_sha512.sha512()))
print(_md5.md5(bytearray()).hexdigest(), _sha1.sha1(memoryview(b'')).hexdigest())
