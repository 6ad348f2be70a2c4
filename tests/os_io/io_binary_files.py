# Binary files: BufferedReader/Writer/Random over FileIO, unbuffered FileIO, readinto, peek,
# read1, seek/tell across the buffer, buffer sizes, and Python raw streams under a buffer.
import io
import os

WORK = 'work_io_binary'
if not os.path.isdir(WORK):
    os.mkdir(WORK)
os.chdir(WORK)

with open('b.bin', 'wb') as f:
    print(f, type(f).__name__, f.mode, f.name, f.raw, f.writable(), f.readable())
    print(f.write(b'0123456789'), f.write(bytearray(b'abc')), f.write(memoryview(b'XYZ')[1:]))
    print(f.tell(), f.seekable(), f.closed)
print(f.closed, repr(f))
with open('b.bin', 'rb') as f:
    print(f.read(4), f.tell(), f.peek(2)[:2], f.read1(3), f.read(), f.read(), f.tell())
    print(f.seek(2), f.read(3), f.seek(-2, 2), f.read(), f.seek(-4, 1), f.read(2))
    ba = bytearray(5)
    f.seek(0)
    print(f.readinto(ba), ba, f.readinto1(ba), ba)
    mv = memoryview(bytearray(4))
    print(f.readinto(mv), bytes(mv))
    f.seek(0)
    print(f.readline(), f.readlines())
with open('lines.bin', 'wb') as f:
    f.writelines([b'one\n', b'two\n', b'three'])
with open('lines.bin', 'rb') as f:
    print(list(f))
with open('lines.bin', 'rb') as f:
    print(f.readline(2), f.readline(), f.readline(100), f.readline(), f.readline())
with open('lines.bin', 'rb') as f:
    print(f.readlines(5))

# Unbuffered FileIO.
with open('lines.bin', 'rb', buffering=0) as f:
    print(type(f).__name__, f, f.mode, f.closefd, f.read(3), f.readall(), f.read(), f.tell())
    print(f.seek(0), f.readline(), f.readinto(bytearray(2)), f.fileno() > 2, f.isatty())
raw = io.FileIO('raw.bin', 'w')
print(raw, raw.mode, raw.write(b'abc'), raw.tell(), raw.truncate(), raw.readable())
raw.close()
print(raw, raw.closed)
for mode in ['r', 'w', 'a', 'r+', 'w+', 'a+', 'x', 'rb', 'wb+']:
    try:
        f = io.FileIO('m.bin', mode)
        print(mode, f.mode, f.readable(), f.writable())
        f.close()
    except OSError as e:
        print(mode, type(e).__name__)
fd = os.open('lines.bin', os.O_RDONLY)
f = io.FileIO(fd, closefd=False)
print(f.name == fd, f.read(3), f.closefd)
f.close()
print(os.read(fd, 3))
os.close(fd)
with open(os.open('lines.bin', os.O_RDONLY), 'rb') as f:
    print(f.read(3), f.name > 2)

# BufferedRandom: reading and writing through one buffer.
with open('r.bin', 'wb') as f:
    f.write(b'abcdefghij')
with open('r.bin', 'r+b') as f:
    print(type(f).__name__, f.read(2), f.write(b'XY'), f.tell(), f.read(2))
    f.seek(0)
    print(f.read())
    f.seek(8)
    f.write(b'0123')
    f.seek(0)
    print(f.read(), f.tell())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())
with open('r.bin', 'a+b') as f:
    f.write(b'++')
    f.seek(0)
    print(f.read())

# Small buffers: data larger than the buffer, seeks inside and outside it.
data = bytes(range(256)) * 40
with open('big.bin', 'wb', buffering=16) as f:
    for i in range(0, len(data), 100):
        f.write(data[i:i + 100])
    print(f.tell())
with open('big.bin', 'rb', buffering=64) as f:
    print(f.read(10) == data[:10], f.tell(), f.peek(1)[:1], f.read(100) == data[10:110])
    f.seek(5)
    print(f.read(3), f.tell())
    f.seek(200, 1)
    print(f.read(1), f.tell())
    f.seek(-10, 2)
    print(f.read() == data[-10:], f.tell())
    f.seek(0)
    print(f.read() == data, f.read(5))
b = io.BufferedReader(io.FileIO('big.bin'), buffer_size=7)
print(b.read1(100) == data[:7], b.read1(3), b.peek(), b.raw.tell())
b.close()
w = io.BufferedWriter(io.FileIO('w.bin', 'w'), 4)
w.write(b'ab')
print(os.path.getsize('w.bin'))
w.write(b'cdefgh')
print(os.path.getsize('w.bin'))
w.flush()
print(os.path.getsize('w.bin'), w.raw.tell(), w.tell())
w.close()


# A raw stream written in Python, under a BufferedReader and a TextIOWrapper.
class Chunky(io.RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.calls = 0

    def readable(self):
        return True

    def readinto(self, b):
        self.calls += 1
        chunk = self.data[self.pos:self.pos + min(3, len(b))]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


c = Chunky(b'line one\nline two\nend')
print(c.read(4), c.read(), c.readline(), c.closed)
br = io.BufferedReader(Chunky(b'line one\nline two\nend'), 5)
print(br.readline(), br.read(4), br.read(), br.raw.calls > 0)
tw = io.TextIOWrapper(io.BufferedReader(Chunky('h\u00e9llo\nw\u00f6rld\n'.encode())),
                      encoding='utf-8')
print(list(tw))


class Sink(io.RawIOBase):
    def __init__(self):
        self.got = []

    def writable(self):
        return True

    def write(self, b):
        self.got.append(bytes(b))
        return len(b)


s = Sink()
bw = io.BufferedWriter(s, 4)
bw.write(b'ab')
bw.write(b'cdef')
bw.write(b'g')
bw.flush()
print(s.got)
tw = io.TextIOWrapper(io.BufferedWriter(Sink()), encoding='utf-8', newline='\r\n')
tw.write('x\ny')
tw.flush()
print(tw.buffer.raw.got)

pr, pw = os.pipe()
pair = io.BufferedRWPair(io.FileIO(pr, 'r'), io.FileIO(pw, 'w'))
pair.write(b'through pair')
pair.flush()
print(pair.read(7), pair.readable(), pair.writable(), pair.closed)
pair.close()
print(pair.closed)

for name in sorted(os.listdir('.')):
    os.unlink(name)
os.chdir('..')
os.rmdir(WORK)
