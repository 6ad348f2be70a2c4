# Indexing, slicing, iteration, repetition, `in`, and the str() constructor.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

for s in ['', 'a', 'abcdef', 'h\xe9llo', '\u20acuro\u20ac', 'a\U0001F600b\U0001F601c', 'mixed\xe9\u20ac\U0001F600']:
    n = len(s)
    print(repr(s), n, [s[i] for i in range(-n, n)])
    out = []
    for start in [None, -100, -1, 0, 2, 100]:
        for stop in [None, -2, 1, 100]:
            for step in [None, 2, -1, -2, 100]:
                r = s[start:stop:step]
                out.append('%r/%s' % (r, r.isascii()))
    print(' '.join(out))
    print(list(s), list(reversed(s)), [c for c in s][::-1] == list(s[::-1]))
    it = iter(s)
    print(it.__length_hint__(), next(it, None), it.__length_hint__(), list(it), next(it, 'end'))

s = 'abc'
print(s[:] is s, s[0:3] is s, s[::1] is s, s[0:100] is s)
t('index out', lambda: 'abc'[3])
t('index out neg', lambda: 'abc'[-4])
t('index empty', lambda: ''[0])
k_float, k_str, k_none = 1.0, 'a', None
t('index float', lambda: 'abc'[k_float])
t('index str', lambda: 'abc'[k_str])
t('index none', lambda: 'abc'[k_none])
t('index huge', lambda: 'abc'[10**20])
t('index huge neg', lambda: 'abc'[-10**20])
t('slice str', lambda: 'abc'['a':])
t('slice float', lambda: 'abc'[:1.5])
t('slice step 0', lambda: 'abc'[::0])
print('abc'[True], 'abc'[False:True], 'abcdef'[10**20:], 'abcdef'[-10**20:2], 'abcdef'[::10**20])
class I:
    def __index__(self):
        return 2
print('abcdef'[I()], 'abcdef'[I():4], 'abcdef'[::I()])

for a, n in [('ab', 3), ('ab', 0), ('ab', -1), ('', 5), ('x', 10), ('\u20ac', 3), ('a\U0001F600', 2),
             ('\xe9', 4)]:
    print(repr(a * n), repr(n * a), (a * n).isascii() if a * n else None)
print('ab' * True, repr('ab' * False))
print(len('abc' * 100000), ('ab' * 1000).count('ab'))
t('mul float', lambda: 'ab' * 1.5)
t('mul str', lambda: 'ab' * 'c')
t('rmul float', lambda: 2.0 * 'ab')
t('mul none', lambda: 'ab' * None)
t('mul huge', lambda: 'ab' * (2**62))
t('mul huger', lambda: 'ab' * (2**63))
t('mul huge neg', lambda: 'ab' * -(2**63))
print(repr('ab' * I()), repr(I() * 'ab'))
x = 'ab'
x *= 3
print(x)

print('a' in 'abc', '' in '', '' in 'abc', 'bc' in 'abc', 'cb' in 'abc', '\u20ac' in 'a\u20ac',
      'a' in '\u20ac', '\U0001F600' in 'x\U0001F600', '\xe9' in 'caf\xe9', 'abc' in 'ab')

print(repr(str()), repr(str('x')), repr(str(5)), repr(str(1.5)), repr(str(None)), repr(str([1, 'a'])),
      repr(str(b'ab')), repr(str(object='q')), repr(str(b'ab', 'ascii')), repr(str(b'ab', errors='strict')),
      repr(str(b'\xc3\xa9', 'utf-8')), repr(str(bytearray(b'x'), 'latin-1')), repr(str(encoding='utf-8')),
      repr(str(b'caf\xe9', 'utf-8', 'replace')), repr(str(memoryview(b'mv'), 'ascii')))
t('str decode str', lambda: str('abc', 'utf-8'))
t('str decode int', lambda: str(5, 'utf-8'))
t('str 4 args', lambda: str(1, 2, 3, 4))
t('str bad kw', lambda: str(foo=1))
t('str enc int', lambda: str(b'a', 5))
t('str errors int', lambda: str(b'a', 'utf-8', 5))
t('str enc none', lambda: str(b'a', None))
t('str unknown enc', lambda: str(b'a', 'nope'))
class MyStr(str):
    pass
m = MyStr('hello')
print(type(m).__name__, m, len(m), m.upper(), type(m.upper()).__name__, m[1:3], type(m[:]).__name__,
      type(str(m)).__name__, m == 'hello', m + '!', type(m + '!').__name__, repr(m), m * 2,
      type(m.strip()).__name__, type(m.replace('x', 'y')).__name__, type(m.center(3)).__name__,
      type(MyStr(b'ab', 'ascii')).__name__, MyStr(b'ab', 'ascii'), MyStr(), repr(MyStr()))
m.attr = 5
print(m.attr, m.__dict__, m.split('l'), [type(p).__name__ for p in m.partition('l')])
class S2(str):
    def __str__(self):
        return 'custom'
print(str(S2('x')), '%s' % S2('x'), '{}'.format(S2('x')), f'{S2("x")}', S2('x') + 'y')
