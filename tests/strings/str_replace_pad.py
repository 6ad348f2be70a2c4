# replace, strip/lstrip/rstrip, removeprefix/removesuffix, expandtabs, center/ljust/rjust, zfill.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

for s in ['', 'a', 'abc', 'aaa', 'abcabc', 'h\xe9llo h\xe9llo', '\u20acx\u20acx', '\U0001F600ab\U0001F600']:
    for old, new in [('', '-'), ('a', ''), ('a', 'A'), ('a', 'xyz'), ('bc', 'Q'), ('abc', ''),
                     ('\xe9', 'e'), ('\u20ac', 'E'), ('x', '\u20ac'), ('\U0001F600', ':)'),
                     ('l', '\U0001F600'), ('zz', 'y')]:
        print(repr(s), repr(old), repr(new), repr(s.replace(old, new)),
              repr(s.replace(old, new, 1)), repr(s.replace(old, new, 0)),
              repr(s.replace(old, new, -1)), repr(s.replace(old, new, 2)))
r = 'caf\xe9'.replace('\xe9', 'e')
print(r, r.isascii(), 'x\u20acx'.replace('\u20ac', '').isascii(), len('\u20ac\u20ac'.replace('\u20ac', 'ab')))
t('replace int', lambda: 'a'.replace(1, 'b'))
t('replace int2', lambda: 'a'.replace('a', 1))
t('replace count str', lambda: 'a'.replace('a', 'b', 'c'))
t('replace count float', lambda: 'a'.replace('a', 'b', 1.0))
t('replace 1 arg', lambda: 'a'.replace('a'))
t('replace 4 args', lambda: 'a'.replace('a', 'b', 1, 2))
t('replace kw', lambda: 'a'.replace('a', 'b', count=1))

for s in ['', '   ', '  ab c  ', '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f x \x85\xa0\u2000\u3000', 'xxaxx', 'abcba',
          '\u20acab\u20ac', '\U0001F600a\U0001F600']:
    print(repr(s), repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()), repr(s.strip(None)),
          repr(s.strip('x')), repr(s.strip('ab')), repr(s.lstrip('ab')), repr(s.rstrip('ab')),
          repr(s.strip('\u20ac')), repr(s.strip('\U0001F600')), repr(s.strip('')))
t('strip int', lambda: 'a'.strip(1))
t('lstrip bytes', lambda: 'a'.lstrip(b'a'))
t('rstrip 2', lambda: 'a'.rstrip('a', 'b'))
t('strip kw', lambda: 'a'.strip(chars='a'))

for s in ['', 'abc', 'abcdef']:
    for p in ['', 'a', 'ab', 'abc', 'abcd', 'f', 'ef', 'x']:
        print(repr(s), repr(p), repr(s.removeprefix(p)), repr(s.removesuffix(p)))
t('removeprefix int', lambda: 'a'.removeprefix(1))
t('removesuffix none', lambda: 'a'.removesuffix(None))

for s in ['', 'a\tb', '\t', 'ab\tcd\tef', 'abcdefgh\tx', 'a\nb\tc', 'a\r\tb', '\u20ac\tx', 'no tabs']:
    print(repr(s), repr(s.expandtabs()), repr(s.expandtabs(4)), repr(s.expandtabs(1)),
          repr(s.expandtabs(0)), repr(s.expandtabs(-3)), repr(s.expandtabs(tabsize=3)))
t('expandtabs str', lambda: 'a'.expandtabs('x'))
t('expandtabs float', lambda: 'a'.expandtabs(1.5))
t('expandtabs 2', lambda: 'a'.expandtabs(1, 2))
t('expandtabs kw', lambda: 'a'.expandtabs(size=1))

for s in ['', 'a', 'ab', 'abc', '\u20ac', '\U0001F600x']:
    for w in [-1, 0, 1, 2, 3, 4, 5, 6, 7]:
        print(repr(s), w, repr(s.center(w)), repr(s.ljust(w)), repr(s.rjust(w)),
              repr(s.center(w, '*')), repr(s.ljust(w, '\u20ac')), repr(s.rjust(w, '\U0001F600')),
              repr(s.zfill(w)))
for s in ['-1', '+1', '1', '-', '+', '', 'a-1', '--1', '-\u20ac']:
    print(repr(s), repr(s.zfill(4)), repr(s.zfill(1)))
t('center fill 2', lambda: 'a'.center(5, 'ab'))
t('center fill empty', lambda: 'a'.center(5, ''))
t('center fill int', lambda: 'a'.center(5, 1))
t('center float', lambda: 'a'.center(5.0))
t('center none', lambda: 'a'.center(None))
t('ljust 0', lambda: 'a'.ljust())
t('rjust 3', lambda: 'a'.rjust(1, ' ', 2))
t('zfill 0', lambda: 'a'.zfill())
t('zfill str', lambda: 'a'.zfill('5'))
t('center huge', lambda: 'a'.center(10**30))
