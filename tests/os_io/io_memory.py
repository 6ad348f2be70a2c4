# StringIO and BytesIO in depth: reading, writing past the end, seek/tell/truncate, newline
# modes, iteration, pickling state, closed-stream errors and argument errors.
import io


def err(fn, *args, **kw):
    try:
        print('ok', repr(fn(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


s = io.StringIO('hello\nworld\n')
print(s.read(2), s.tell(), repr(s.readline()), repr(s.readline(3)), repr(s.read()), s.tell())
print(s.seek(0), s.readlines(), s.seek(0, 2), s.write('more'), s.getvalue())
print(s.seek(3), s.write('LO'), s.getvalue(), s.tell())
print(s.truncate(4), s.getvalue(), s.tell(), s.truncate(), s.getvalue())
s.seek(10)
s.write('!')
print(repr(s.getvalue()), len(s.getvalue()))
s = io.StringIO()
print(s.write('\u00e9\u20ac\U0001f600'), s.tell(), s.getvalue(), len(s.getvalue()))
s.seek(1)
print(s.read(1), s.read())
print(list(io.StringIO('a\nb\nc')), io.StringIO('').read(), io.StringIO(None).getvalue())
print(io.StringIO('abc').readable(), io.StringIO().writable(), io.StringIO().seekable())
s = io.StringIO('x')
print(s.closed, s.line_buffering, repr(s.newlines), s.encoding, s.errors, s.isatty())
s.close()
print(s.closed)
for fn in (s.read, s.getvalue, s.tell, s.readline, s.readable, lambda: s.write('x'),
           lambda: s.seek(0), lambda: next(s)):
    err(fn)
s = io.StringIO('hello\nworld\n')
err(s.seek, -1)
err(s.seek, 1, 1)
err(s.seek, 1, 2)
err(s.seek, 0, 3)
err(s.seek, 1.5)
err(s.read, 1.5)
err(s.truncate, -1)
err(s.write, b'x')
err(io.StringIO, b'x')
err(io.StringIO, 'x', newline='q')
err(io.StringIO, 'x', newline=5)
err(s.fileno)
err(s.detach)
print(s.seek(0, 1), s.seek(0, 2), s.write('') == 0)

for nl in [None, '', '\n', '\r', '\r\n']:
    s = io.StringIO('a\r\nb\rc\nd', newline=nl)
    print(repr(nl), repr(s.getvalue()), s.readlines(), repr(s.newlines))
    s = io.StringIO(newline=nl)
    s.write('x\ny\r\nz\r')
    s.write('\nw')
    print(repr(nl), repr(s.getvalue()), repr(s.newlines))

st = io.StringIO('state', newline=None)
st.seek(2)
st.attr = 1
state = st.__getstate__()
print(state)
s2 = io.StringIO()
s2.__setstate__(state)
print(s2.read(), s2.attr, s2.tell())
err(s2.__setstate__, ('x',))

b = io.BytesIO(b'hello\nworld\n')
print(b.read(2), b.tell(), b.readline(), b.readline(3), b.read(), b.read(), b.tell())
print(b.seek(0), b.readlines(), b.seek(0), b.readlines(7), b.seek(0, 2), b.write(b'!'))
print(b.getvalue(), b.seek(-1, 2), b.read(), b.seek(-100, 1), b.tell())
print(b.seek(20), b.write(b'X'), b.getvalue(), b.tell())
print(b.truncate(5), b.getvalue(), b.tell(), b.seek(0), b.truncate(), b.getvalue())
b = io.BytesIO(bytearray(b'abcdef'))
ba = bytearray(4)
print(b.readinto(ba), ba, b.readinto(ba), ba, b.readinto(ba), b.read1(), b.read1(-1))
b.seek(0)
print(b.read1(2), list(b))
b = io.BytesIO(b'abc')
view = b.getbuffer()
print(bytes(view), len(view), view[0])
view[0] = ord('X')
print(b.getvalue())
del view
b.write(b'more')
print(b.getvalue(), b.__getstate__())
b2 = io.BytesIO()
b2.__setstate__((b'xyz', 1, {'k': 2}))
print(b2.read(), b2.k)
b.writelines([b'1', bytearray(b'2'), memoryview(b'3')])
print(b.getvalue())
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush(), b.closed)
b.close()
print(b.closed)
for fn in (b.read, b.getvalue, b.tell, b.readline, b.readable, lambda: b.write(b'x'),
           lambda: b.seek(0), lambda: next(b), b.getbuffer):
    err(fn)
b = io.BytesIO(b'abc')
err(b.seek, -1)
err(b.seek, 0, 3)
err(b.seek, 'x')
err(b.read, 1.5)
err(b.truncate, -1)
err(b.write, 'x')
err(io.BytesIO, 'x')
err(io.BytesIO, 5)
err(b.readinto, b'xx')
print(b.seek(-1, 1), b.seek(-10, 2))
with io.BytesIO(b'ctx') as bb:
    print(bb.read())
print(bb.closed)
with io.StringIO('ctx') as ss:
    print(ss.read())
print(ss.closed)


class MyStringIO(io.StringIO):
    def readline(self, *args):
        return super().readline(*args).upper()


print(list(MyStringIO('a\nb\n')), isinstance(MyStringIO(), io.TextIOBase))


class MyBytesIO(io.BytesIO):
    pass


m = MyBytesIO(b'q')
m.extra = 5
print(m.read(), m.extra, type(m).__name__)
