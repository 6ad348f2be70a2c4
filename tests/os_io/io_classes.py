# The io class hierarchy (Lib/io.py's ABCs over _io's bases), subclassing in Python,
# TextIOWrapper over in-memory buffers, and IncrementalNewlineDecoder.
import _io
import io


def err(fn, *args, **kw):
    try:
        print('ok', repr(fn(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


print(io.IOBase.__mro__)
print(io.RawIOBase.__mro__)
print(io.TextIOBase.__mro__)
print(io.FileIO.__mro__, io.BytesIO.__mro__, io.StringIO.__mro__)
print(io.TextIOWrapper.__mro__, io.BufferedRandom.__mro__)
for cls, base in [(io.FileIO, io.RawIOBase), (io.BytesIO, io.BufferedIOBase),
                  (io.StringIO, io.TextIOBase), (io.TextIOWrapper, io.TextIOBase),
                  (io.BufferedReader, io.BufferedIOBase), (io.BufferedRWPair, io.IOBase),
                  (io.StringIO, io.RawIOBase), (io.BytesIO, io.TextIOBase)]:
    print(cls.__name__, base.__name__, issubclass(cls, base), issubclass(cls, io.IOBase))
print(isinstance(io.StringIO(), io.IOBase), isinstance(io.BytesIO(), io.RawIOBase))
print(io.UnsupportedOperation.__mro__, io.UnsupportedOperation.__module__,
      issubclass(io.UnsupportedOperation, OSError), io.BlockingIOError is BlockingIOError)
print(io.open is open, io.open is _io.open, _io.FileIO.__module__, repr(io.FileIO),
      repr(io.TextIOWrapper), type(io.BytesIO).__name__)
print(sorted(n for n in dir(_io) if not n.startswith('__')))


# A text stream written in Python on top of io.TextIOBase.
class Upper(io.TextIOBase):
    def __init__(self, lines):
        self.lines = list(lines)

    def readable(self):
        return True

    def readline(self, size=-1):
        return self.lines.pop(0).upper() if self.lines else ''


u = Upper(['a\n', 'b\n'])
print(list(u), u.closed, u.readable(), u.writable(), u.seekable(), u.encoding, repr(u.newlines))
err(u.write, 'x')
err(u.read)
err(u.fileno)
err(u.seek, 0)
err(u.truncate)
err(u.detach)
u.close()
print(u.closed)
err(iter, u)
err(u.__enter__)
err(u.flush)
with Upper(['x\n']) as u2:
    print(u2.readlines())
print(u2.closed)


class Counter(io.RawIOBase):
    def __init__(self):
        self.n = 0

    def readable(self):
        return True

    def readinto(self, b):
        if self.n >= 3:
            return 0
        self.n += 1
        b[0] = ord('0') + self.n
        return 1


print(Counter().read(), Counter().readall(), Counter().read(2), list(Counter()))
c = Counter()
print(c.readline(), c.tell if False else '', c._checkReadable())
err(c._checkWritable)
err(c._checkSeekable)
err(io.RawIOBase().read, 1)
err(io.RawIOBase().write, b'x')
err(io.BufferedIOBase().read)
err(io.BufferedIOBase().write, b'')
err(io.BufferedIOBase().readinto, bytearray(1))
err(io.IOBase().fileno)
err(io.IOBase().tell)
print(io.IOBase().seekable(), io.IOBase().readable(), io.IOBase().isatty())


class Buf(io.BufferedIOBase):
    def read(self, n=-1):
        return b'xyz'[:n if n >= 0 else 3]


b = bytearray(5)
print(Buf().readinto(b), b)


class Closing(io.IOBase):
    def flush(self):
        print('flush called, closed =', self.closed)
        super().flush()


cl = Closing()
cl.close()
cl.close()
print(cl.closed)


class Bad(io.IOBase):
    def flush(self):
        raise RuntimeError('flush failed')


bad = Bad()
err(bad.close)
print(bad.closed)

# TextIOWrapper over BytesIO.
bio = io.BytesIO()
t = io.TextIOWrapper(bio, encoding='utf-8')
print(t, t.encoding, t.errors, t.line_buffering, t.write_through, t.seekable(), t.name if False else '')
print(t.write('h\u00e9llo\n'), bio.getvalue())
t.flush()
print(bio.getvalue(), t.tell())
t.seek(0)
print(repr(t.read()), t.tell())
t.write('more')
t.seek(0)
print(t.readlines())
t2 = io.TextIOWrapper(io.BytesIO(b'a\r\nb'), newline='')
print(t2.readlines())
t3 = io.TextIOWrapper(io.BytesIO(), encoding='ascii', write_through=True)
t3.write('now')
print(t3.buffer.getvalue())
t4 = io.TextIOWrapper(io.BytesIO(b'\xff\xfeh\x00i\x00'), encoding='utf-16')
print(repr(t4.read()))
t5 = io.TextIOWrapper(io.BytesIO(), encoding='utf-16')
t5.write('hi')
t5.write('!')
t5.flush()
print(t5.buffer.getvalue())
err(io.TextIOWrapper, io.BytesIO(), encoding='no-such-codec')
t6 = io.TextIOWrapper(io.BytesIO(b'x'))
t6._CHUNK_SIZE = 1
print(t6._CHUNK_SIZE, t6.read())
err(setattr, t6, '_CHUNK_SIZE', 0)

# IncrementalNewlineDecoder.
d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode('a\r')), repr(d.decode('\nb\r')), repr(d.decode('', final=True)),
      repr(d.newlines), d.getstate())
d = io.IncrementalNewlineDecoder(None, translate=False)
print(repr(d.decode('x\r\ny\rz\n')), repr(d.newlines))
print(repr(d.decode('q\r')), d.getstate())
d.setstate((b'', 0))
print(repr(d.decode('', final=True)))
d.reset()
print(repr(d.newlines))
err(d.decode, b'x')
