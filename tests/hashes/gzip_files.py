# gzip over zlib: compress/decompress, GzipFile writing and reading (whole, in pieces, lines),
# multiple members, and the errors of damaged files.
import gzip
import io
import zlib

data = b''.join(b'line %d of some text\n' % i for i in range(5000))
g = gzip.compress(data, mtime=0)
print(len(g), zlib.crc32(g), g[:10])
print(gzip.decompress(g) == data)
for level in (0, 1, 5, 9):
    print(level, len(gzip.compress(data, level, mtime=0)))
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode='wb', mtime=0) as f:
    f.write(data[:1000])
    f.write(memoryview(data)[1000:])
print(len(buf.getvalue()), zlib.crc32(buf.getvalue()))
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    print(f.read(10), len(f.read()))
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    print(f.readline(), f.readline(), f.peek(5)[:5])
    f.seek(50000)
    print(f.read(20), f.tell())
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    total = 0
    while True:
        chunk = f.read1(4096)
        if not chunk:
            break
        total += len(chunk)
    print('read1 total', total)
print(gzip.decompress(g + g) == data + data)
print(gzip.decompress(gzip.compress(b'', mtime=0)))
for bad in (b'\x1f\x8b\x08\x00' + b'x' * 20, g[:-5], b'not gzip at all', g[:-8] + b'\0' * 8):
    try:
        gzip.decompress(bad)
        print('no error')
    except Exception as e:
        print(type(e).__name__ + ':', e)
