# _struct: integer range errors for every code and byte order (CPython's exact quirks), the
# module's argument errors, and half/single/double floats incl. rounding and overflow.
import struct
for bo in '@<>=!':
  for c in 'bBhHiIlLqQnNP':
    if c in 'nNP' and bo != '@': continue
    sz = struct.calcsize(bo+c)
    signed = c.islower()
    lo = -2**(8*sz-1) if signed else 0
    hi = 2**(8*sz-1)-1 if signed else 2**(8*sz)-1
    res = []
    for v in (lo-1, hi+1, -1, 2**64, -2**64, 2**200, 1.5, lo, hi, 0, 1):
      try: b = struct.pack(bo+c, v); res.append(b.hex() + str(struct.unpack(bo+c, b)))
      except Exception as e: res.append(type(e).__name__+':'+str(e))
    print(bo, c, res)
import _struct
for t in ['_struct.calcsize()','_struct.unpack("i")','_struct.unpack_from("i")','_struct.unpack_from()','_struct.pack()','_struct.pack_into()','_struct.pack_into("i")','_struct.iter_unpack("i")','_struct.pack(1)','_struct.Struct("i").pack_into()','_struct.Struct("i").pack_into(bytearray(4))','_struct.Struct("i").unpack()','_struct.Struct("i").unpack_from()','_struct.Struct("i").unpack_from(b"1234", 0, 1)','_struct.Struct("i").pack(1, x=2)','_struct.pack("i", x=2)','_struct.Struct(format="i").size','_struct.pack_into("i", bytearray(4), 2**70, 1)','_struct.pack_into("i", bytearray(4), 1.0, 1)','_struct.unpack_from("i", b"1234", 2**70)','_struct.pack_into("i", "abcd", 0, 1)','_struct.pack_into("i", memoryview(b"abcd"), 0, 1)','_struct.unpack_from("i",b"abcd",offset=-4)','_struct.unpack_from("i",b"",offset=-1)','_struct.pack_into("i",bytearray(0),-1,1)','_struct.Struct("i").unpack_from(buffer=b"abcd")','_struct.iter_unpack("i", "abcd")','_struct.Struct("i").iter_unpack(b"abcd", 1)','len(_struct.Struct("i").iter_unpack(b"abcd"))','_struct.Struct("i").__sizeof__() > 0','_struct.Struct("i").format','_struct._clearcache()','type(_struct.Struct).__name__','_struct.Struct.__init__(_struct.Struct("i"), "q")']:
  try: print(t, repr(eval(t)))
  except Exception as e: print(t, type(e).__name__, e)
s = _struct.Struct('i'); s.__init__('qq'); print(s.size, s.format)
class S(_struct.Struct):
  def __init__(self, f): super().__init__(f); self.x = 1
print(S('hh').size, S('hh').x)
try: s.format = 'i'
except Exception as e: print(type(e).__name__, e)
print(_struct.__doc__[:40])
mv = memoryview(bytearray(8)); struct.pack_into(">hh", mv, 2, 1, -2); print(mv.tobytes())

vals = [0.0, -0.0, 1.0, 1.5, 65504.0, 65505.0, 6.1e-05, 6.0e-08, 1e-8, 2.0**-24, 2.0**-25, 3*2.0**-26, 0.333, 1e300, -1e-300, float('inf'), float('-inf'), 12345.678, 2049.0, 2051.0, 4097.0]
for v in vals:
    out = []
    for f in ('<e', '>e', '<f', '>f', '<d', 'f', 'e', 'd'):
        try: b = struct.pack(f, v); out.append(b.hex() + '=' + repr(struct.unpack(f, b)[0]))
        except Exception as e: out.append(type(e).__name__ + ':' + str(e))
    print(v, out)
for h in range(0, 65536, 257):
    b = h.to_bytes(2, 'little')
    print(h, struct.unpack('<e', b)[0], end=' ')
print()
