# memoryview over bytes and bytearray.
def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print('!!', type(e).__name__, e)

m = memoryview(b'abcdef')
ba = bytearray(b'abcdef')
w = memoryview(ba)
print(m[0], m[-1], m[1:3].tobytes(), m[::2].tobytes(), m[::-1].tolist(), len(m), m.tolist())
print(m.hex(), m.hex(':'), m[::2].hex(), m.readonly, w.readonly, m.nbytes, m[::2].nbytes)
print(m.format, m.itemsize, m.ndim, m.shape, m.strides, m[::2].strides, m[::-1].strides, m.suboffsets)
print(m.c_contiguous, m.f_contiguous, m.contiguous, m[::2].contiguous, m[1:2][::2].contiguous)
print(m.obj == b'abcdef', w.obj is ba, m[1:3].obj is m.obj)
print(m == b'abcdef', m == 'abcdef', m == m[:], m[::2] == b'ace', m == bytearray(b'abcdef'), m != b'x')
print(hash(m) == hash(b'abcdef'), hash(m[::2]) == hash(b'ace'))
print(bytes(m), bytes(m[1:4]), bytearray(m[::3]), list(m[:2]), 97 in m, b'a' in m)
print(memoryview(object=b'x').tobytes(), memoryview(m).tobytes(), m.toreadonly().readonly)
print(w.toreadonly().readonly, bool(memoryview(b'')), m.tobytes(order='C'), m.cast('B').tobytes())
show(memoryview, 'a')
show(memoryview, 1)
show(memoryview)
show(lambda: m[6])
show(lambda: m[-7])
show(lambda: m['a'])
show(lambda: hash(w))
show(lambda: m < m)
w[0] = 65
w[1:3] = b'XY'
w[-1] = 0
w[::2] = b'123'
print(ba, w.tobytes())
for code in ['m[0] = 1', 'w[0] = 256', 'w[0] = b"a"', 'w[0:2] = b"XYZ"', 'del w[0]', 'w[9] = 1',
             'w[0] = -1', 'w["x"] = 1', 'w[::-1] = b"fedcba"']:
    try:
        exec(code)
        print(code, '->', bytes(w))
    except Exception as e:
        print(code, '!!', type(e).__name__, e)
print(b'x' + m[:2], b'%s' % m[1:3], b'-'.join([m[:1], m[2:3]]), bytes(10)[memoryview(b'')[:0].nbytes])

m2 = memoryview(b'xyz')
m2.release()
m2.release()
print(repr(m2).startswith('<released memory at 0x'), repr(m).startswith('<memory at 0x'))
for f in [lambda: len(m2), lambda: m2[0], lambda: m2.tobytes(), lambda: m2.readonly,
          lambda: bytes(m2), lambda: m2.nbytes, lambda: m2 == m2, lambda: m2 == b'xyz',
          lambda: m2.hex(), lambda: m2.tolist()]:
    show(f)
with memoryview(b'ctx') as v:
    print(v.tobytes())
show(lambda: v.tobytes())
