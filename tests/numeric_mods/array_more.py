# array: pickling support (__reduce_ex__, _array_reconstructor over every machine format),
# subclasses, arrays as buffers for struct and binascii, in-place ops, files through a fake.
import array
import struct
import binascii
from array import array as A

for tc in array.typecodes:
    a = A(tc, 'xyz' if tc == 'u' else [1, 2, 3])
    r2, r3 = a.__reduce_ex__(2), a.__reduce_ex__(3)
    print(tc, r2[0].__name__, r2[1], r2[2], r3[0].__name__, r3[1][1:], r3[2])
    rebuilt = r3[0](*r3[1])
    print(rebuilt == a, type(rebuilt).__name__, rebuilt)

rec = array._array_reconstructor
print(rec(A, 'i', 9, b'\x00\x00\x00\x05\xff\xff\xff\xff'))   # big-endian int32 into 'i'
print(rec(A, 'h', 2, b'\x01\x00\xff\xff'), rec(A, 'd', 15, b'\x3f\xc0\x00\x00'))
print(rec(A, 'L', 13, b'\xff' * 8), rec(A, 'u', 19, b'\x00a\x00b'), rec(A, 'u', 20, b'c\x00\x00\x00'))
for bad in [(int, 'i', 8, b''), (A, 'z', 8, b''), (A, 'i', 99, b''), (A, 'i', 8, 'x'), (1, 'i', 8, b''),
            (A, 'i', 8, b'\x01\x02\x03')]:
    try:
        print(rec(*bad))
    except Exception as e:
        print(type(e).__name__, e)

class Sub(A):
    def first(self):
        return self[0]
s = Sub('d', [2.5, 3.5])
s.note = 'hi'
print(type(s).__name__, s, s.first(), type(s[:1]).__name__, type(s + s).__name__, s.__reduce_ex__(3)[2])
print(repr(Sub('i')), Sub('b', b'\x01\x02'), isinstance(s, A), len(s))

a = A('i', [1, -2, 3])
print(struct.unpack('3i', a), struct.unpack_from('<i', a, 4), binascii.hexlify(a), binascii.crc32(a))
buf = A('b', [0] * 8)
struct.pack_into('<hi', buf, 1, -2, 7)
print(buf)
try:
    a.frombytes(A("i", [9]))
except TypeError as e:
    print(e)
a.frombytes(A("B", [9, 0, 0, 0]))
print(a, a.buffer_info()[1])

b = A('H', [1, 2])
b += A('H', [3])
b *= 2
print(b, b.count(3), b.index(2), b.index(2, 2), b.index(3, -3))
b[1:3] = b
print(b)
b[::-2] = A('H', range(len(b[::-2])))
print(b)
del b[::2]
print(b, 2 in b, 7 in b)
b.extend((10, 11))
b.extend(A('H', [12]))
print(b, list(reversed(b)), b[-2:], b[100:], b[-100:2])
try:
    b[10] = 1
except IndexError as e:
    print(e)
try:
    del b[10]
except IndexError as e:
    print(e)

class FakeFile:
    def __init__(self, data=b''):
        self.data, self.chunks = data, []
    def write(self, b):
        self.chunks.append(b)
    def read(self, n):
        out, self.data = self.data[:n], self.data[n:]
        return out
f = FakeFile()
A('q', [1, 2, 3]).tofile(f)
print(f.chunks)
g = A('q')
g.fromfile(FakeFile(b''.join(f.chunks)), 2)
print(g)
try:
    g.fromfile(FakeFile(b'\x01' * 8), 3)
except EOFError as e:
    print('EOFError', e, g)
try:
    g.fromfile(FakeFile(), -1)
except ValueError as e:
    print(e)
print(A('f', [1.5]) == A('d', [1.5]), A('d', [float('nan')]) == A('d', [float('nan')]),
      A('i', [1, 2]) < A('i', [1, 2, 0]), A('u', 'ab') > A('u', 'aa'), A('B', [200]) > A('b', [-1]))
print(hasattr(A, "__class_getitem__"))
