# slicing lists, tuples, strings, bytes, ranges: negative steps, bounds, slice assignment/deletion.

L = list(range(10))
T = tuple(L)
S = 'abcdefghij'
B = b'abcdefghij'
R = range(10)
for seq in (L, T, S, B, R):
    print(seq[2:5], seq[:3], seq[7:], seq[-3:], seq[:-7], seq[::2], seq[1::3], seq[::-1],
          seq[::-3], seq[8:2:-2], seq[-1:-4:-1], seq[5:5], seq[7:3], seq[100:], seq[-100:2],
          seq[3:-3], seq[:100:4], seq[-2::-4], seq[None:None:None])

# exhaustive check against a reference implementation
def ref(seq, start, stop, step):
    n = len(seq)
    if step is None:
        step = 1
    if step > 0:
        lo, hi = 0, n
    else:
        lo, hi = -1, n - 1
    def norm(v, default):
        if v is None:
            return default
        if v < 0:
            v += n
            return max(v, lo)
        return min(v, hi)
    i = norm(start, lo if step > 0 else hi)
    j = norm(stop, hi if step > 0 else lo)
    out = []
    while (i < j) if step > 0 else (i > j):
        out.append(seq[i])
        i += step
    return out

bad = 0
vals = [None, -12, -10, -9, -3, -1, 0, 1, 3, 9, 10, 12]
for a in vals:
    for b in vals:
        for c in (None, 1, 2, 3, -1, -2, -4, 11, -11):
            if L[a:b:c] != ref(L, a, b, c) or list(S[a:b:c]) != ref(S, a, b, c):
                bad += 1
                print('mismatch', a, b, c)
print('mismatches', bad)

# slice objects
s = slice(1, 8, 2)
print(s, s.start, s.stop, s.step, L[s], S[s], slice(3), slice(None, 2))
print(s.indices(5), slice(None, None, -1).indices(10), slice(-3, None).indices(4))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
try:
    L[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    L['a':]
except TypeError as e:
    print(type(e).__name__, e)
try:
    L[1.5]
except TypeError as e:
    print(type(e).__name__, e)
try:
    S[1.0:]
except TypeError as e:
    print(type(e).__name__, e)

# big indices
print(L[10 ** 20:], L[-10 ** 20:2], L[:10 ** 20:3], S[2:10 ** 30])

# slice assignment
a = list(range(10))
a[2:5] = ['x']
print(a)
a[1:1] = [100, 200]
print(a)
a[:] = 'abc'
print(a)
a[len(a):] = [1, 2]
print(a)
a[-1:] = []
print(a)
a = list(range(10))
a[::2] = 'ABCDE'
print(a)
a[::-3] = [0, 0, 0, 0]
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
try:
    a[1:3] = 5
except TypeError as e:
    print(type(e).__name__, e)
a = [1, 2, 3]
a[1:2] = a
print(a)
a = [1, 2, 3]
a[5:10] = [9]
print(a)
a[-10:1] = ['start']
print(a)
a[3:1] = ['between']
print(a)
a[1:3] = (x * 2 for x in range(3))
print(a)

# slice deletion
a = list(range(10))
del a[::3]
print(a)
del a[-2:]
print(a)
del a[1:3]
print(a)
del a[::-1]
print(a)
a = list(range(10))
del a[5:2]
print(a)
del a[:]
print(a)

# bytearray slicing
ba = bytearray(b'hello world')
ba[0:5] = b'HELLO'
del ba[5:6]
print(ba, ba[::-1], ba[2:4])

# tuple/str slices are immutable
try:
    T[1:2] = (5,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    S[0] = 'z'
except TypeError as e:
    print(type(e).__name__, e)

# negative indexing
print(L[-1], T[-10], S[-2], B[-1], R[-1])
for seq in (L, T, S, B, R):
    try:
        seq[10]
    except IndexError as e:
        print(type(e).__name__, e)
    try:
        seq[-11]
    except IndexError as e:
        print(type(e).__name__, e)

# copying via slice
orig = [[1], [2]]
cp = orig[:]
print(cp == orig, cp is orig, cp[0] is orig[0])

# slicing non-ASCII strings
u = 'héllo wörld ✓ 😀!'
print(u[1:4], u[::-1], u[-3:], u[::2], len(u), u[-2])

# custom __getitem__ receives slice objects (tested also in class_protocols)
class Show:
    def __getitem__(self, k):
        return k
sh = Show()
print(sh[1:2], sh[::], sh[1:2, ::3], sh[..., 1], sh[:, None])
