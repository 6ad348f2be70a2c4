# list slicing: reading, assigning and deleting, simple and extended, with CPython's errors.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

base = list(range(10))
for s in [slice(None), slice(2, 5), slice(-3, None), slice(None, -3), slice(5, 2), slice(None, None, 2),
          slice(None, None, -1), slice(8, 2, -2), slice(-1, -11, -3), slice(100, 200),
          slice(-100, 100, 4), slice(3, 3), slice(None, None, 11), slice(1, None, -1)]:
    print(s, base[s])
show(lambda: base[::0])
show(lambda: base['a':])
show(lambda: base[1.5:])
class I:
    def __index__(self):
        return 3
print(base[I():], base[:I()], base[::I()])
print(base[2**100:], base[-2**100:2], base[::-2**100])

def assign(s, v):
    a = list(range(8))
    vr = 'iterator' if hasattr(v, '__next__') else v
    try:
        a[s] = v
        print(s, vr, '->', a)
    except Exception as e:
        print(s, vr, '->', type(e).__name__, e)

assign(slice(2, 4), ['a', 'b', 'c'])
assign(slice(2, 4), [])
assign(slice(2, 2), 'xyz')
assign(slice(None), [])
assign(slice(5, 1), [0])
assign(slice(-2, None), (9, 9, 9))
assign(slice(100, None), [1])
assign(slice(None, None, 2), 'abcd')
assign(slice(None, None, 2), 'abc')
assign(slice(None, None, 2), 'abcde')
assign(slice(None, None, -3), [0, 0, 0])
assign(slice(1, 6, 2), range(3))
assign(slice(1, 2, 1), 'qq')
assign(slice(5, 1, 1), 'qq')
assign(slice(1, 1, 2), [])
assign(slice(1, 1, 2), [1])
assign(slice(2, 4), 5)
assign(slice(None, None, 2), 5)
assign(slice(None, None, 2), None)
assign(slice(0, 8, 3), {1: 1, 2: 2, 3: 3})
assign(slice(3, 5), iter([7, 7, 7]))

a = [1, 2, 3]
a[:] = a
print(a)
a[1:1] = a
print(a)
a[::2] = a[:3]
print(a)
a[::-1] = a
print(a)

def delete(s):
    a = list(range(10))
    try:
        del a[s]
        print('del', s, '->', a)
    except Exception as e:
        print('del', s, '->', type(e).__name__, e)

for s in [slice(2, 5), slice(None), slice(None, None, 2), slice(1, None, 3), slice(None, None, -1),
          slice(None, None, -2), slice(8, 1, -3), slice(5, 2), slice(-1, None), slice(3, 3, 5),
          slice(None, None, 100), slice(-100, 100, 7)]:
    delete(s)

a = list(range(5))
a[0] = 'first'; a[-1] = 'last'; a[True] = 'one'
print(a)
def setbad(i):
    a = [1, 2]
    a[i] = 0
show(lambda: setbad(2))
show(lambda: setbad(-3))
show(lambda: setbad('a'))
show(lambda: setbad(2**100))
def delbad(i):
    a = [1, 2]
    del a[i]
show(lambda: delbad(2))
show(lambda: delbad(-3))
show(lambda: delbad(None))
a = [1, 2, 3]
del a[-1]; del a[0]
print(a)
show(lambda: [1][1])
show(lambda: [1][-2])
one = [1]
show(lambda: one['0'])
show(lambda: [1][2**64])
show(lambda: [][0])
big = list(range(1000))
del big[::3]
print(len(big), big[:5], big[-3:])
big[100:900] = []
print(len(big), big[98:103])
big[10:10] = range(500)
print(len(big), sum(big))
