# abs, divmod, pow, round, hex/oct/bin, chr/ord, format.
def show(f, *args, **kw):
    try:
        print(f.__name__, args, kw, '->', repr(f(*args, **kw)))
    except Exception as e:
        print(f.__name__, args, kw, '!!', type(e).__name__, e)

for v in [0, -5, 5, -2**47, 2**47 - 1, -2**70, -1.5, 0.0, -0.0, float('-inf'), True, -3+4j]:
    show(abs, v)
show(abs, 'a')

for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (2**70, 3), (-2**70, 7), (7.5, 2),
             (-7.5, 2), (7, 0), (7.0, 0.0), (5, 2.5), ('a', 1), (1, 'a'), (True, 2),
             (2**47 * 4, -3)]:
    show(divmod, a, b)


class D:
    def __repr__(self):
        return 'D()'

    def __divmod__(self, o):
        return ('D', o)

    def __rdivmod__(self, o):
        return ('rD', o)


show(divmod, D(), 1)
show(divmod, 1, D())

for args in [(2, 10), (2, -1), (2, 10, 1000), (-2, 3, 5), (2.0, 3), (2, 3, 'a'), ('a', 2),
             (2.0, 3, 4), (0, 0), (4, 0.5)]:
    show(pow, *args)
show(pow, base=2, exp=5)
show(pow, 2, exp=3, mod=5)
show(pow, 2, 3, z=1)
show(pow, 2, 3, base=1)
show(pow)
show(pow, 1, 2, 3, 4)

for args in [(1.5,), (2.5,), (-0.5,), (3.7,), (7,), (1234, -2), (1.2345, 2), (1.5, None),
             (7, None), (2**80, -20), (float('inf'),), (float('nan'),), ('a',), (1.5, 'a')]:
    show(round, *args)
show(round, number=1.567, ndigits=1)
show(round, 1, x=2)
show(round)
show(round, 1.5, 1, 2)


class R:
    def __repr__(self):
        return 'R()'

    def __round__(self, n=None):
        return ('round', n)


show(round, R())
show(round, R(), 3)

for v in [0, 255, -255, 2**70, True]:
    show(hex, v)
    show(oct, v)
    show(bin, v)
show(hex, 1.5)
show(hex, 'a')


class I:
    def __repr__(self):
        return 'I()'

    def __index__(self):
        return 42


show(hex, I())
show(chr, I())

for v in [65, 0, 0x10FFFF, 0x110000, -1, 2**70, 'a', 1.5, 0xE9, 0x2603]:
    show(chr, v)
for v in ['a', 'é', '☃', '\U0001F600', 'ab', '', b'a', b'ab', bytearray(b'z'), 1]:
    show(ord, v)

for args in [(1, ''), (1.5, '.3f'), ('x', '>5'), (255, 'x'), (1, 'q'), (1, 2), (1234567, ',')]:
    show(format, *args)
show(format)
show(format, 1, format_spec='x')
