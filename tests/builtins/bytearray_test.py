# bytearray: construction, mutation, slices, operators, methods returning bytearray.
def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print('!!', type(e).__name__, e)

print(bytearray(), bytearray(3), bytearray(b'abc'), bytearray([1, 2]), bytearray('é', 'utf-8'))
print(bytearray(range(3)), bytearray(memoryview(b'xy')), bytearray(bytearray(b'q')), bytearray(iter(b'it')))
for args in [([256],), (1.5,), ('a',), (-1,), (b'a', 'ascii'), (['a'],), (2**70,)]:
    show(bytearray, *args)
show(lambda: bytearray(x=1))

b = bytearray(b'hello')
b.append(33)
b.extend(b' wor')
b.extend([108, 100])
b.extend(bytearray(b'?'))
b.extend(iter([46]))
b.insert(0, 62)
b.insert(-1, 60)
b.insert(100, 35)
b.insert(-100, 36)
print(b, len(b))
print(b.pop(), b.pop(0), b.pop(-2), b)
b.remove(ord('o'))
print(b)
b.reverse()
print(b)
c = b.copy()
b.clear()
print(b, c, c is not b)
for bad in [lambda: b.pop(), lambda: c.pop(100), lambda: c.remove(120), lambda: c.remove(b'h'),
            lambda: c.append(256), lambda: c.append('a'), lambda: c.append(), lambda: c.extend(5),
            lambda: c.extend('ab'), lambda: c.extend([256]), lambda: c.insert(1),
            lambda: c.pop(x=1), lambda: c.pop(1, 2), lambda: c.reverse(1)]:
    show(bad)


def trial(code):
    b = bytearray(b'hello')
    try:
        exec(code, {'b': b, 'mv': memoryview})
        print(code, '->', b)
    except Exception as e:
        print(code, '!!', type(e).__name__, e)


for code in ['b[0] = 65', 'b[-1] = 0', 'b[0] = 256', 'b[0] = b"a"', 'b[10] = 1', 'b[1:3] = b"XYZ"',
             'b[1:3] = 5', 'b[1:3] = "ab"', 'b[::2] = b"abc"', 'b[::2] = b"ab"', 'b[::-1] = b"ABCDE"',
             'del b[0]', 'del b[-1]', 'del b[::2]', 'del b[::-2]', 'del b[1:3]', 'b[1:1] = [1, 2]',
             'b[2:] = mv(b"mv")', 'b[1:3] = b', 'b[:] = b""', 'b += b"!!"', 'b += 1', 'b *= 2',
             'b *= 0', 'b["a"] = 1', 'del b[10]', 'b[1:4:2] = []', 'b[5:2] = b"xx"',
             'b[-100:2] = b""', 'b.__init__("x", "ascii")', 'b.__init__()', 'b[0] = -1',
             'b[::2] = 5', 'del b["x"]', 'b[True] = 66', 'b[0:0] = iter(b"it")', 'b += mv(b"m")',
             'b[1:] = bytearray(b"ey")', 'b[::3] = (1, 2)']:
    trial(code)

b = bytearray(b'hello')
print(b[0], b[-1], b[1:3], b[::-1], type(b[1:3]).__name__)
show(lambda: b[5])
show(lambda: b['a'])
print(b + b'!', b + bytearray(b'?'), b * 2, 2 * b, b % (), b'x' + b, type(b'x' + b).__name__)
show(lambda: b + 1)
show(lambda: b * 'x')
print(b == b'hello', b == bytearray(b'hello'), b == memoryview(b'hello'), b == 'hello', b < b'z')
print(b > bytearray(b'a'), b != b'x')
show(lambda: b < 'a')
show(lambda: hash(b))
print(b'l' in b, 108 in b, b'xyz' in b, list(iter(b)), type(iter(b)).__name__)
it = iter(b)
next(it)
b.append(33)
print(list(it))
print(b.__alloc__() >= len(b), bytearray().__alloc__(), b.__reduce__(), b.__reduce_ex__(4))
print(b.upper(), b.split(b'l'), b.strip(b'h!'), b.partition(b'l'), b.hex(), b.find(b'l'),
      b.replace(b'l', b'L'), b.center(11, b'*'), bytearray(b' x ').strip(), b.join([b'1', b'2']))
print([type(x).__name__ for x in [b.upper(), b.split()[0], b.strip(), b.partition(b'z')[1], b.zfill(9),
                                  b.translate(None), b.removeprefix(b'h'), b.ljust(2)]])


class MB(bytearray):
    pass


m = MB(b'sub')
print(repr(m), m + b'x', type(m + b'x').__name__, type(m.copy()).__name__, type(m[0:1]).__name__)
m.attr = 1
print(m.attr, isinstance(m, bytearray), len(m), MB(2))
