# Pseudo-random format specs and %-conversions over ints, floats, strs and complexes
# (a fixed LCG, so the output is the same everywhere).
state = 12345
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return (state >> 8) % n
def pick(seq):
    return seq[rnd(len(seq))]
def chance(p100):
    return rnd(100) < p100

def spec():
    parts = []
    if chance(30):
        parts.append(pick(['', '*', '0', 'x', '\u20ac', ' ']) + pick('<>^='))
    if chance(30):
        parts.append(pick('+- '))
    if chance(10):
        parts.append('z')
    if chance(20):
        parts.append('#')
    if chance(20):
        parts.append('0')
    if chance(50):
        parts.append(str(rnd(26)))
    if chance(20):
        parts.append(pick(',_'))
    if chance(40):
        parts.append('.' + str(rnd(21)))
    if chance(70):
        parts.append(pick('bcdoxXneEfFgG%s'))
    return ''.join(parts)

ints = [0, 1, -1, 7, -42, 255, 65, 10**6, -10**12, 2**64, -2**70, 0x10FFFF]
floats = [0.0, -0.0, 1.5, -2.25, 0.1, 1e-7, 123456.789, 1e16, 1e22, -1e300, 5e-324, 2.5, 0.125,
          999.9995, float('inf'), float('nan'), 0.5, 9.5, 99.99]
strs = ['', 'abc', 'h\xe9llo', '\u20ac\u20ac', 'x\U0001F600']
def value():
    k = rnd(100)
    if k < 30:
        return pick(ints)
    if k < 70:
        return pick(floats) * pick([1, 1, 10, 0.01])
    if k < 85:
        return pick(strs)
    return complex(pick([0.0, -0.0, 1.5, -2.0, 1e20]), pick([0.0, -0.0, 3.25, -1e-5]))

def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

for i in range(1500):
    v, sp = value(), spec()
    show('%r %r' % (v, sp), lambda: format(v, sp))

def pspec():
    s = '%'
    for flag in '-+ #0':
        if chance(15):
            s += flag
    if chance(50):
        s += str(rnd(21))
    if chance(40):
        s += '.' + str(rnd(16))
    return s + pick('diouxXeEfFgGcrsa')
for i in range(1000):
    v, sp = value(), pspec()
    if isinstance(v, complex):
        v = 3
    show('%r %r' % (sp, v), lambda: sp % (v,))
