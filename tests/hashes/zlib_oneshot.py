# zlib one-shot functions and checksums: compress at every level, strategy-free wbits
# variants (zlib, raw, gzip containers), decompress with wbits/bufsize, crc32/adler32, the
# constants and the error messages.
import zlib

print(zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION, zlib.__version__)
print(sorted(k for k in dir(zlib) if not k.startswith('__') and not k.startswith('ZLIB')))
for k in ['MAX_WBITS', 'DEFLATED', 'DEF_MEM_LEVEL', 'DEF_BUF_SIZE', 'Z_NO_COMPRESSION',
          'Z_BEST_SPEED', 'Z_BEST_COMPRESSION', 'Z_DEFAULT_COMPRESSION', 'Z_FILTERED',
          'Z_HUFFMAN_ONLY', 'Z_RLE', 'Z_FIXED', 'Z_DEFAULT_STRATEGY', 'Z_NO_FLUSH',
          'Z_PARTIAL_FLUSH', 'Z_SYNC_FLUSH', 'Z_FULL_FLUSH', 'Z_FINISH', 'Z_BLOCK', 'Z_TREES']:
    print(k, getattr(zlib, k))
print(zlib.error.__name__, zlib.error.__module__, zlib.error.__mro__[1].__name__)
print(zlib.__doc__.splitlines()[0])

text = b''.join(b'line %d: the quick brown fox jumps over the lazy dog\n' % i for i in range(400))
noise = bytes((i * 7919 + (i >> 3) * 31) & 0xff for i in range(20000))
for data in (b'', b'a', text, noise):
    outs = [zlib.compress(data, level) for level in range(-1, 10)]
    print(len(data), [len(o) for o in outs], zlib.crc32(b''.join(outs)))
    print('  roundtrip:', all(zlib.decompress(o) == data for o in outs))
print(zlib.compress(b'hello world'))
print(zlib.compress(b'hello world', 9))
print(zlib.compress(b'hello world', level=0))
for wbits in (9, 12, 15, -9, -15, 25, 31):
    c = zlib.compress(text, wbits=wbits)
    print(wbits, len(c), c[:4], zlib.crc32(c), zlib.decompress(c, wbits) == text)
gz = zlib.compress(text, wbits=31)
print(zlib.decompress(gz, 47) == text, zlib.decompress(zlib.compress(text), 47) == text,
      zlib.decompress(zlib.compress(text), 0) == text)
print(zlib.decompress(zlib.compress(text), bufsize=1) == text,
      zlib.decompress(zlib.compress(text), bufsize=0) == text,
      zlib.decompress(zlib.compress(text), 15, 10 ** 6) == text)
print(zlib.decompress(zlib.compress(b'x') + b'trailing garbage'))
big = text * 60  # several output blocks
print(len(big), len(zlib.compress(big)), zlib.decompress(zlib.compress(big)) == big)
print(zlib.decompress(bytearray(zlib.compress(b'from a bytearray'))))
print(zlib.decompress(memoryview(b'..' + zlib.compress(b'from a view'))[2:]))

# Checksums: start values are taken modulo 2**32; chaining equals one call.
print(zlib.crc32(b''), zlib.crc32(b'abc'), zlib.crc32(b'abc', 1), zlib.crc32(b'abc', -1),
      zlib.crc32(b'abc', 2 ** 40 + 5), zlib.crc32(text), zlib.crc32(noise, 0xffffffff))
print(zlib.adler32(b''), zlib.adler32(b'abc'), zlib.adler32(b'abc', 12345),
      zlib.adler32(b'abc', -1), zlib.adler32(text), zlib.adler32(noise, 7))
print(zlib.crc32(text[100:], zlib.crc32(text[:100])) == zlib.crc32(text),
      zlib.adler32(text[100:], zlib.adler32(text[:100])) == zlib.adler32(text))
print(zlib.crc32(bytearray(b'abc')), zlib.crc32(memoryview(b'abc')), zlib.crc32(b'abc', True))


def err(f):
    try:
        r = f()
        print('no error:', r if len(repr(r)) < 60 else repr(r)[:60])
    except Exception as e:
        print(type(e).__name__ + ':', e)


c = zlib.compress(b'hello world' * 10)
err(lambda: zlib.decompress(b'abc'))
err(lambda: zlib.decompress(b'x\x9c\xff\xff'))
err(lambda: zlib.decompress(c[:-3]))
err(lambda: zlib.decompress(c[:10]))
err(lambda: zlib.decompress(b''))
err(lambda: zlib.decompress(c, -15))
err(lambda: zlib.decompress(c, 8))
err(lambda: zlib.decompress(c, wbits=100))
err(lambda: zlib.decompress(c, bufsize=-1))
err(lambda: zlib.decompress(c, bufsize=1.0))
err(lambda: zlib.decompress('abc'))
err(lambda: zlib.decompress(None))
err(lambda: zlib.decompress(c, 15, 10, 1))
err(lambda: zlib.decompress(data=c))
err(lambda: zlib.decompress(c, foo=1))
err(lambda: zlib.decompress(c, 15, wbits=15))
err(lambda: zlib.decompress(zlib.compress(b'abc', wbits=-9), wbits=-8))
err(lambda: zlib.decompress(zlib.compressobj(zdict=b'abc').compress(b'abc')))
err(lambda: zlib.compress(b'x', level=10))
err(lambda: zlib.compress(b'x', -2))
err(lambda: zlib.compress(b'x', wbits=100))
err(lambda: zlib.compress('x'))
err(lambda: zlib.compress(b'x', level=1.5))
err(lambda: zlib.compress(b'x', level=2 ** 40))
err(lambda: zlib.compress())
err(lambda: zlib.compress(data=b'x'))
err(lambda: zlib.compress(b'', 1, 2, 3))
err(lambda: zlib.compress(b'', level=1, foo=2))
err(lambda: zlib.compress(memoryview(b'abcdef')[::2]))
err(lambda: zlib.crc32('abc'))
err(lambda: zlib.crc32())
err(lambda: zlib.crc32(b'', 1, 2))
err(lambda: zlib.crc32(b'', value=1))
err(lambda: zlib.crc32(b'abc', 1.0))
err(lambda: zlib.adler32())
err(lambda: zlib.adler32(b'', 1, 2))
err(lambda: zlib.adler32(None))
try:
    zlib.decompress(b'bad')
except zlib.error as e:
    print('caught zlib.error:', e.args)

# Empty buffers of every kind.
print(zlib.compress(bytearray()), zlib.crc32(bytearray()), zlib.adler32(memoryview(b'')),
      zlib.decompress(bytearray(zlib.compress(b''))))
d = zlib.decompressobj()
print(d.decompress(bytearray()), d.flush(), zlib.compressobj().compress(bytearray()))
# Output buffers no machine can give.
err(lambda: zlib.decompress(c, bufsize=2 ** 60))
err(lambda: zlib.decompressobj().flush(2 ** 60))
