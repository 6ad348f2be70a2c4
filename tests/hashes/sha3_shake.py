# _sha3: SHA3-224/256/384/512 and SHAKE128/256 (FIPS 202): digests across the rate
# boundaries, long SHAKE outputs, copies, the private attributes and the errors.
import _sha3

SHA3 = [_sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512]
SHAKE = [_sha3.shake_128, _sha3.shake_256]

print(_sha3.implementation, _sha3.keccakopt)
print(sorted(k for k in dir(_sha3) if not k.startswith('__')))
for t in SHA3 + SHAKE:
    h = t()
    print(t.__name__, t.__module__, h.name, h.digest_size, h.block_size, h._capacity_bits,
          h._rate_bits, h._suffix)

# Lengths around every rate (72, 104, 136, 144 and 168 bytes).
LENGTHS = [0, 1, 3, 71, 72, 73, 103, 104, 105, 135, 136, 137, 143, 144, 145, 167, 168, 169, 300,
           1000]
for t in SHA3:
    print(t.__name__)
    for n in LENGTHS:
        data = bytes((i * 13 + n) & 0xff for i in range(n))
        print(' ', n, t(data).hexdigest())
    print('  abc', t(b'abc').hexdigest())

for t in SHAKE:
    print(t.__name__)
    for n in LENGTHS:
        data = bytes((i * 5 + n) & 0xff for i in range(n))
        print(' ', n, t(data).hexdigest(40))
    h = t(b'The quick brown fox jumps over the lazy dog')
    long = h.digest(1000)  # several squeezes
    print('  long', len(long), long[:8].hex(), long[-8:].hex(), long[:100] == h.digest(100))
    print('  prefixes agree:', all(h.digest(n) == long[:n] for n in (0, 1, 135, 136, 137, 168, 169)))
    print('  hexdigest(0):', repr(h.hexdigest(0)), h.digest(0))

# Incremental updates in odd pieces agree with one update.
data = bytes(range(256)) * 7
for t in SHA3 + SHAKE:
    whole = t(data).hexdigest(32) if t in SHAKE else t(data).hexdigest()
    ok = True
    for step in (1, 7, 71, 72, 136, 167, 168, 169, 1000):
        h = t()
        for i in range(0, len(data), step):
            h.update(data[i:i + step])
        got = h.hexdigest(32) if t in SHAKE else h.hexdigest()
        ok = ok and got == whole
    print(t.__name__, 'splits agree:', ok)

h = _sha3.sha3_256(b'abc')
c = h.copy()
c.update(b'def')
print(h.hexdigest())
print(c.hexdigest() == _sha3.sha3_256(b'abcdef').hexdigest())
print(type(c) is _sha3.sha3_256)
print(_sha3.sha3_224(b'', usedforsecurity=False).hexdigest())
print(_sha3.sha3_224.__new__(_sha3.sha3_224, b'abc').hexdigest())
print(_sha3.sha3_224.__doc__)
print(_sha3.shake_128.__doc__)


def err(f):
    try:
        r = f()
        print('no error:', r)
    except Exception as e:
        print(type(e).__name__ + ':', e)


err(lambda: _sha3.sha3_224('x'))
err(lambda: _sha3.sha3_224(None))
err(lambda: _sha3.sha3_224(b'x', b'y'))
err(lambda: _sha3.sha3_224(data=b'x'))
err(lambda: _sha3.sha3_224(string=b'x'))
err(lambda: _sha3.sha3_256(foo=1))
err(lambda: type('X', (_sha3.sha3_224,), {}))
err(lambda: _sha3.sha3_224().update())
err(lambda: _sha3.sha3_224().update('x'))
err(lambda: _sha3.sha3_224().digest(3))
err(lambda: _sha3.sha3_224().hexdigest(3))
err(lambda: _sha3.sha3_224().copy(1))
err(lambda: _sha3.shake_128().digest())
err(lambda: _sha3.shake_128().digest(-1))
err(lambda: _sha3.shake_128().digest(2 ** 29))
err(lambda: _sha3.shake_128().digest(2 ** 63))
err(lambda: _sha3.shake_128().digest(2 ** 64))
err(lambda: _sha3.shake_128().digest(1.0))
err(lambda: _sha3.shake_128().digest('a'))
err(lambda: _sha3.shake_256().hexdigest(-5))
err(lambda: _sha3.shake_256().hexdigest(length=3))
err(lambda: _sha3.shake_256().hexdigest(1, 2))
err(lambda: _sha3.shake_128().digest(True))
err(lambda: setattr(_sha3.sha3_224(), 'name', 'x'))
# CPython 3.11's argument errors name sha3_224 whichever type is called.
err(lambda: _sha3.shake_128(b'x', b'y'))
err(lambda: _sha3.sha3_512(1, 2, 3))
