# zlib streaming objects: compressobj with every option and flush mode, copies, dictionaries;
# decompressobj with max_length, unconsumed_tail, unused_data, eof, flush and the errors.
import copy
import zlib

text = b''.join(b'record %05d: %s\n' % (i, b'abc' * (i % 7)) for i in range(3000))

# Compressing in pieces equals compress() for the same parameters.
co = zlib.compressobj()
pieces = [co.compress(text[i:i + 1000]) for i in range(0, len(text), 1000)]
out = b''.join(pieces) + co.flush()
print(len(text), len(out), out == zlib.compress(text), [len(p) for p in pieces[:6]])
for args in [(9,), (1, zlib.DEFLATED, -15), (6, 8, 31, 9, zlib.Z_FILTERED),
             (5, 8, 12, 1, zlib.Z_HUFFMAN_ONLY), (6, 8, 15, 8, zlib.Z_RLE),
             (6, 8, 15, 8, zlib.Z_FIXED), (0,)]:
    co = zlib.compressobj(*args)
    c = co.compress(text) + co.flush()
    wbits = args[2] if len(args) > 2 else 15
    print(args, len(c), zlib.crc32(c), zlib.decompress(c, wbits) == text)
co = zlib.compressobj(level=3, wbits=-12, memLevel=5, strategy=zlib.Z_DEFAULT_STRATEGY)
print(len(co.compress(text) + co.flush()))

# Flush modes.
co = zlib.compressobj()
parts = [co.compress(b'first part '), co.flush(zlib.Z_SYNC_FLUSH), co.compress(b'second'),
         co.flush(zlib.Z_FULL_FLUSH), co.compress(b'third'), co.flush(zlib.Z_PARTIAL_FLUSH),
         co.flush(zlib.Z_BLOCK), co.flush(zlib.Z_NO_FLUSH), co.compress(b' end'), co.flush()]
print(parts)
print(zlib.decompress(b''.join(parts)))
print(co.flush(zlib.Z_NO_FLUSH))

# copy() forks a compressor.
co = zlib.compressobj()
prefix = co.compress(b'common prefix ' * 20)
fork = co.copy()
a = prefix + co.compress(b'ending one') + co.flush()
b = prefix + fork.compress(b'ending two') + fork.flush()
print(a != b, zlib.decompress(a)[-10:], zlib.decompress(b)[-10:])
print(copy.copy(zlib.compressobj()).flush(), copy.deepcopy(zlib.compressobj(1)).flush())

# Dictionaries.
zd = b'record abcabcabc: 00000'
co = zlib.compressobj(zdict=zd)
c = co.compress(text[:500]) + co.flush()
print(len(c), c[:6])
d = zlib.decompressobj(zdict=zd)
print(d.decompress(c) == text[:500], d.eof)
d = zlib.decompressobj(zdict=bytearray(zd))
print(d.decompress(c) == text[:500])
co = zlib.compressobj(wbits=-15, zdict=zd)
raw = co.compress(text[:300]) + co.flush()
print(zlib.decompressobj(-15, zdict=zd).decompress(raw) == text[:300])

# Decompression in pieces, with max_length, and the three attributes.
c = zlib.compress(text)
d = zlib.decompressobj()
print(repr(d.unused_data), repr(d.unconsumed_tail), d.eof)
got = []
for i in range(0, len(c), 100):
    got.append(d.decompress(c[i:i + 100]))
print(b''.join(got) == text, d.eof, d.unused_data, d.unconsumed_tail, d.flush())
d = zlib.decompressobj()
chunks = []
data = c
while data:
    chunks.append(d.decompress(data, 1000))
    data = d.unconsumed_tail
print(len(chunks), [len(x) for x in chunks[:3]], b''.join(chunks) == text, d.eof)
d = zlib.decompressobj()
first = d.decompress(c, 10)
print(first, len(d.unconsumed_tail), d.eof)
rest = d.flush()
print(len(first + rest) == len(text), d.eof, repr(d.unconsumed_tail))
d = zlib.decompressobj()
head = d.decompress(c, 5)
print(head, len(d.unconsumed_tail), d.flush(1) == text[5:], d.eof)
# Data after the end of the stream.
d = zlib.decompressobj()
print(d.decompress(zlib.compress(b'payload') + b'extra') , d.unused_data, d.eof)
print(d.decompress(b'more'), d.unused_data, d.unconsumed_tail)
d2 = d.copy()
print(d2.unused_data, d2.eof)
d = zlib.decompressobj(wbits=-15)
body = zlib.compress(b'raw stream', wbits=-15)
print(d.decompress(body + b'tail'), d.unused_data, d.eof)
# Copies of a decompressor continue independently.
d = zlib.decompressobj()
part = d.decompress(c[:3000])
e = d.copy()
f = copy.deepcopy(d)
print(part + d.decompress(c[3000:]) == text, part + e.decompress(c[3000:]) == text,
      part + f.decompress(c[3000:]) == text)
# gzip container through decompressobj with auto-detection.
gz = zlib.compress(text, wbits=31)
d = zlib.decompressobj(47)
print(d.decompress(gz) == text, d.eof)


def err(f):
    try:
        r = f()
        print('no error:', r if len(repr(r)) < 60 else repr(r)[:60])
    except Exception as e:
        print(type(e).__name__ + ':', e)


co = zlib.compressobj()
err(lambda: co.compress('text'))
err(lambda: co.compress())
err(lambda: co.compress(data=b''))
err(lambda: co.compress(b'', x=1))
err(lambda: co.compress(b'', b''))
err(lambda: co.flush(1, 2))
err(lambda: co.flush(mode=2))
err(lambda: co.flush(1.0))
err(lambda: co.flush(99))
err(lambda: co.flush(2 ** 40))
err(lambda: co.copy(1))
err(lambda: co.__copy__(1))
err(lambda: co.__deepcopy__())
err(lambda: co.__deepcopy__(1, 2))
err(lambda: co.__deepcopy__(memo=1))
co = zlib.compressobj()
co.compress(b'abc')
co.flush()
err(lambda: co.compress(b'after finish'))
err(lambda: co.flush())
err(lambda: co.flush(zlib.Z_SYNC_FLUSH))
err(lambda: co.copy())
err(lambda: zlib.compressobj(10))
err(lambda: zlib.compressobj(method=7))
err(lambda: zlib.compressobj(wbits=100))
err(lambda: zlib.compressobj(memLevel=10))
err(lambda: zlib.compressobj(strategy=10))
err(lambda: zlib.compressobj(zdict='abc'))
err(lambda: zlib.compressobj(zdict=None))
err(lambda: zlib.compressobj(level='a'))
err(lambda: zlib.compressobj(1, 2, 3, 4, 5, 6, 7))
err(lambda: zlib.compressobj(foo=1))
err(lambda: zlib.decompressobj(zdict='abc'))
err(lambda: zlib.decompressobj(zdict=1))
err(lambda: zlib.decompressobj(wbits=100))
err(lambda: zlib.decompressobj(1, 2, 3))
err(lambda: zlib.decompressobj(foo=1))
err(lambda: zlib.decompressobj(-15, zdict=memoryview(b'abcdef')[::2]))
d = zlib.decompressobj()
err(lambda: d.decompress(b'garbage'))
err(lambda: d.decompress(b'garbage'))
err(lambda: d.flush())
d = zlib.decompressobj()
err(lambda: d.decompress(c, -1))
err(lambda: d.decompress(c, 1.0))
err(lambda: d.decompress('x'))
err(lambda: d.decompress())
err(lambda: d.decompress(b'', 1, 2))
err(lambda: d.decompress(b'', x=2))
err(lambda: d.flush(0))
err(lambda: d.flush(-1))
err(lambda: d.flush(length=2))
err(lambda: d.flush(1, 2))
err(lambda: d.copy(1))
err(lambda: setattr(d, 'eof', True))
err(lambda: setattr(d, 'unused_data', b''))
d = zlib.decompressobj()
d.decompress(zlib.compress(b'abc'), 1)
d.flush()
err(lambda: d.decompress(b'after the end'))
err(lambda: d.flush())
err(lambda: d.copy())
d = zlib.decompressobj()
err(lambda: d.decompress(zlib.compressobj(zdict=b'abc').compress(b'abc')))
d = zlib.decompressobj(zdict=b'')
err(lambda: d.decompress(zlib.compressobj(zdict=b'abc').compress(b'abc') + b'\x00' * 10))
err(lambda: type(zlib.compressobj())())
err(lambda: type(zlib.decompressobj())())
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__module__)
