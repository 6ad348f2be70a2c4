# Pseudo-random strings over all three kinds (and tricky characters: whitespace, line breaks,
# sigma, sharp s) through the searching, splitting, stripping and case methods.
state = 2024
def rnd(n):
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return (state >> 8) % n
def pick(seq):
    return seq[rnd(len(seq))]

alpha = ['a', 'b', ' ', '\t', '\n', '\r', '\xe9', '\u20ac', '\U0001F600', ',', 'A', '\u03a3', '\xdf',
         '\x85', '\u2028']
def rs(n):
    return ''.join(pick(alpha) for _ in range(rnd(n + 1)))
def ri():
    return pick([None, -100, -3, -1, 0, 1, 2, 5, 100])

def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))

methods = ['find', 'rfind', 'count', 'index', 'rindex', 'startswith', 'endswith', 'split', 'rsplit',
           'partition', 'rpartition', 'replace', 'strip', 'lstrip', 'rstrip', 'splitlines', 'upper',
           'lower', 'title', 'swapcase', 'casefold', 'capitalize', 'center', 'zfill', 'expandtabs',
           'removeprefix', 'removesuffix', 'join', 'isspace', 'istitle']
for i in range(1500):
    s, sub, m = rs(14), rs(3), pick(methods)
    f = getattr(s, m)
    if m in ('find', 'rfind', 'count', 'index', 'rindex', 'startswith', 'endswith'):
        a, b = ri(), ri()
        show(lambda: f(sub, a, b))
    elif m in ('split', 'rsplit'):
        sep, n = pick([None, sub or 'a']), rnd(6) - 1
        show(lambda: f(sep, n))
    elif m == 'replace':
        new, n = rs(3), rnd(5) - 1
        show(lambda: f(sub, new, n))
    elif m in ('strip', 'lstrip', 'rstrip'):
        chars = pick([None, sub])
        show(lambda: f(chars))
    elif m in ('partition', 'rpartition', 'removeprefix', 'removesuffix'):
        show(lambda: f(sub or 'x'))
    elif m == 'splitlines':
        k = rnd(2)
        show(lambda: f(k))
    elif m == 'center':
        w, c = rnd(21), pick(alpha)
        show(lambda: f(w, c))
    elif m == 'zfill':
        w = rnd(21)
        show(lambda: (pick('+-') + s).zfill(w))
    elif m == 'expandtabs':
        w = rnd(10)
        show(lambda: f(w))
    elif m == 'join':
        items = [rs(3) for _ in range(rnd(5))]
        show(lambda: sub.join(items))
    else:
        show(f)
    a, b, c = ri(), ri(), pick([None, 1, 2, -1, -3])
    show(lambda: s[a:b:c])
