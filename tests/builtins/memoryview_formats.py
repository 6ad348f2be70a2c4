# memoryview over items of native formats: cast, item access and assignment, comparison, arrays.
m = memoryview(b'\x01\x02\x03\x04').cast('h')
print(m.format, m.itemsize, len(m), m.tolist(), m.nbytes, m.strides, m.shape)
for v in [1 << 20, 'x']:
    try: m[0] = v
    except Exception as e: print(type(e).__name__, e)
w = memoryview(bytearray(4)).cast('h')
for v in [1 << 20, 'x', -40000, 40000, 1.5]:
    try: w[0] = v; print(w.tolist())
    except Exception as e: print(type(e).__name__, e)
m2 = memoryview(bytearray(8)).cast('d'); m2[0] = 1; print(m2[0])
try: m2[0]='a'
except Exception as e: print(type(e).__name__, e)
m3 = memoryview(bytearray(2)).cast('c'); m3[0]=b'x'; print(m3[0], m3.tolist())
try: m3[0]=b'xy'
except Exception as e: print(type(e).__name__, e)
m4 = memoryview(bytearray(2)).cast('?'); m4[0] = 5; print(m4.tolist())
for f in ["memoryview(b'abc').cast('i')", "memoryview(b'abcd').cast('i').cast('h')", "memoryview(b'abcd').cast('<i')",
          "memoryview(b'abcd')[::2].cast('B')", "hash(memoryview(b'abcd').cast('i'))", "memoryview(b'ab').cast('e')",
          "memoryview(b'abcd').cast('B', shape=[3])", "memoryview(b'abcd').cast(5)"]:
    try: print(eval(f))
    except Exception as e: print(type(e).__name__, e)
print(memoryview(b'abcd').cast('@i').format)
print(memoryview(b'abcd').cast('i') == memoryview(b'abcd').cast('i'), memoryview(b'\x01\x00').cast('h') == [1], memoryview(b'\x01\x00\x00\x00').cast('i') == memoryview(b'\x01\x00\x00\x00\x00\x00\x00\x00').cast('q'))
from array import array
print(memoryview(array('i',[1,2])).tolist(), memoryview(array('d',[1.5])).format, memoryview(array('i',[3])) == array('i', [3]))
print(memoryview(b'abcd').cast('i')[0:1].tolist())
m5 = memoryview(bytearray(8)).cast('i'); m5[0:2] = memoryview(bytearray(b'\x01\x00\x00\x00\x02\x00\x00\x00')).cast('i'); print(m5.tolist())
try: m5[0:2] = b'12345678'
except Exception as e: print(type(e).__name__, e)
print(memoryview(b'ab').cast('B', shape=[2]).shape)
print(memoryview(b'ab').cast('b')[0], list(memoryview(b'ab').cast('c')), bytes(memoryview(b'abcd').cast('h')[::-1]))
nan = memoryview(bytearray(8)).cast('d'); nan[0] = float('nan'); print(nan == nan, nan.tolist())
a = array('h', [1, 2, 3]); mv = memoryview(a); mv[1] = 20; print(a, mv[::2].tolist(), mv[-1])
import struct; print(struct.unpack('3h', memoryview(a)))
