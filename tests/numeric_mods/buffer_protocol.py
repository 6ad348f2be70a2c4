# The buffer protocol across exporters: bytes(array), pack_into into bytearray/memoryview/array.
from array import array
import struct
a = array('i', [1, 2])
print(bytes(a), len(bytes(a)))
b = bytearray(8)
struct.pack_into('<ii', b, 0, 5, 6); print(b)
m = memoryview(bytearray(8))
struct.pack_into('<ii', m, 0, 7, 8); print(bytes(m))
try:
    struct.pack_into('<i', b'abcd', 0, 1)
except TypeError as e: print(e)
struct.pack_into('<i', a, 4, 99); print(a)
print(bytearray(array('B', [1,2,3])), memoryview(array('B',[65,66])).tobytes())
import binascii; print(binascii.hexlify(array('h',[1])))
