# _blake2: BLAKE2b and BLAKE2s (RFC 7693) with every parameter of the BLAKE2 parameter block,
# keyed hashing, the constants, and the errors in CPython's order.
import _blake2

b, s = _blake2.blake2b, _blake2.blake2s
print(sorted(k for k in dir(_blake2) if not k.startswith('__')))
print(_blake2.__doc__)
for t in (b, s):
    print(t.__name__, t.__module__, t.MAX_DIGEST_SIZE, t.MAX_KEY_SIZE, t.SALT_SIZE, t.PERSON_SIZE,
          t.__doc__)
    h = t()
    print(' ', h.name, h.digest_size, h.block_size)
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE, _blake2.BLAKE2B_SALT_SIZE,
      _blake2.BLAKE2B_PERSON_SIZE, _blake2.BLAKE2S_MAX_DIGEST_SIZE, _blake2.BLAKE2S_MAX_KEY_SIZE,
      _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2S_PERSON_SIZE)

# Lengths around the block sizes, unkeyed and keyed (the key is a block of its own).
for t, bs in ((b, 128), (s, 64)):
    print(t.__name__)
    for n in (0, 1, 3, bs - 1, bs, bs + 1, 2 * bs - 1, 2 * bs, 2 * bs + 1, 1000):
        data = bytes((i * 3 + n) & 0xff for i in range(n))
        print(' ', n, t(data).hexdigest()[:32], t(data, key=b'secret').hexdigest()[:32])
    print('  abc', t(b'abc').hexdigest())
    print('  max key', t(b'abc', key=bytes(range(t.MAX_KEY_SIZE))).hexdigest())

# Every digest size, and the parameters one at a time.
for t in (b, s):
    print(t.__name__, [t(b'x', digest_size=n).hexdigest() for n in (1, 2, 16, 20)])
    print(' ', [len(t(digest_size=n).digest()) for n in range(1, t.MAX_DIGEST_SIZE + 1)] ==
          list(range(1, t.MAX_DIGEST_SIZE + 1)))
    base = dict(digest_size=20)
    for name, value in [('key', b'k'), ('salt', b'salt'), ('person', b'me'), ('fanout', 2),
                        ('fanout', 0), ('depth', 3), ('depth', 255), ('leaf_size', 4096),
                        ('leaf_size', 2 ** 32 - 1), ('node_offset', 5), ('node_depth', 1),
                        ('inner_size', 32), ('last_node', True), ('last_node', 0),
                        ('usedforsecurity', False)]:
        print(' ', name, value, t(b'abc', **base, **{name: value}).hexdigest())
    full = t(b'abc', digest_size=20, key=b'k', salt=b'salt', person=b'me', fanout=2, depth=3,
             leaf_size=4096, node_offset=5, node_depth=1, inner_size=32, last_node=True)
    print('  all', full.hexdigest())
print(b(node_offset=2 ** 64 - 1).hexdigest()[:32], s(node_offset=2 ** 48 - 1).hexdigest())
print(b(salt=b's' * 16, person=b'p' * 16).hexdigest()[:32],
      s(salt=b's' * 8, person=b'p' * 8).hexdigest())
print(b(key=bytearray(b'abc'), salt=memoryview(b'xy')).hexdigest()[:32])


class Idx:
    def __index__(self):
        return 5


print(b(digest_size=Idx()).digest_size, b(digest_size=True).digest_size)

# Streaming across block boundaries agrees with one update; copy is independent.
data = bytes(range(256)) * 5
for t in (b, s):
    whole = t(data, key=b'k').digest()
    ok = True
    for step in (1, 63, 64, 65, 127, 128, 129, 1000):
        h = t(key=b'k')
        for i in range(0, len(data), step):
            h.update(data[i:i + step])
        ok = ok and h.digest() == whole
    print(t.__name__, 'splits agree:', ok)
h = b(b'abc', digest_size=32)
c = h.copy()
c.update(b'def')
print(h.hexdigest(), c.digest_size, c.hexdigest() == b(b'abcdef', digest_size=32).hexdigest())


def err(f):
    try:
        r = f()
        print('no error:', r)
    except Exception as e:
        print(type(e).__name__ + ':', e)


err(lambda: b('abc'))
err(lambda: b(1))
err(lambda: b(None))
err(lambda: b(b'a', b'b'))
err(lambda: b(data=b'a'))
err(lambda: b(foo=1))
for t in (b, s):
    err(lambda: t(digest_size=0))
    err(lambda: t(digest_size=t.MAX_DIGEST_SIZE + 1))
    err(lambda: t(key=b'x' * (t.MAX_KEY_SIZE + 1)))
    err(lambda: t(salt=b'x' * (t.SALT_SIZE + 1)))
    err(lambda: t(person=b'x' * (t.PERSON_SIZE + 1)))
    err(lambda: t(inner_size=t.MAX_DIGEST_SIZE + 1))
err(lambda: b(fanout=-1))
err(lambda: b(fanout=256))
err(lambda: b(depth=0))
err(lambda: b(depth=256))
err(lambda: b(leaf_size=-1))
err(lambda: b(leaf_size=2 ** 32))
err(lambda: b(leaf_size=2 ** 64))
err(lambda: b(leaf_size=1.5))
err(lambda: b(leaf_size=Idx()))
err(lambda: b(node_offset=-1))
err(lambda: b(node_offset=2 ** 64))
err(lambda: b(node_offset=1.5))
err(lambda: s(node_offset=2 ** 48))
err(lambda: b(node_depth=-1))
err(lambda: b(node_depth=256))
err(lambda: b(inner_size=-1))
err(lambda: b(key='abc'))
err(lambda: b(key=1))
err(lambda: b(salt=None))
err(lambda: b(key=memoryview(b'abcd')[::2]))
err(lambda: b(digest_size='1'))
err(lambda: b(digest_size=1.0))
err(lambda: b(digest_size=2 ** 64))
err(lambda: b(fanout=2 ** 31))
# The order of the checks: conversions first, in parameter order, then the ranges.
err(lambda: b(digest_size=0, key=b'x' * 65))
err(lambda: b(key=b'x' * 65, salt=b'x' * 17))
err(lambda: b(person=b'x' * 17, fanout=256))
err(lambda: b(depth=0, leaf_size=2 ** 32))
err(lambda: s(leaf_size=2 ** 32, node_offset=2 ** 48))
err(lambda: b(node_depth=256, inner_size=65))
err(lambda: b(inner_size=65, key=b'x' * 65))
err(lambda: b('x', key=b'x' * 65))
err(lambda: b(key='a', digest_size='a'))
err(lambda: b(1, digest_size='a'))
err(lambda: type('X', (b,), {}))
err(lambda: b().update())
err(lambda: b().update(b'1', b'2'))
err(lambda: b().update(data=b'x'))
err(lambda: b().update('x'))
err(lambda: b().copy(1))
err(lambda: b().digest(1))
err(lambda: s().hexdigest(1))
err(lambda: setattr(b(), 'digest_size', 3))
err(lambda: s(foo=1))
err(lambda: s(1, 2))
err(lambda: s().update())
err(lambda: s().copy(1))
