# str.find/rfind/index/rindex/count/startswith/endswith and `in`, over all string kinds.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

samples = ['', 'a', 'abc', 'abcabcabc', 'aaaa', 'héllo wörld', 'ab\u20acab\u20ac', 'x\U0001F600y\U0001F600',
           'mississippi']
subs = ['', 'a', 'ab', 'abc', 'c', 'ss', 'issi', '\u20ac', 'b\u20ac', '\U0001F600', 'l', 'ö', 'zz',
        'aa', 'aaa']
for s in samples:
    for sub in subs:
        print(repr(s), repr(sub), s.find(sub), s.rfind(sub), s.count(sub), sub in s,
              s.startswith(sub), s.endswith(sub))

s = 'abcabcabc'
for start in [None, -100, -5, -1, 0, 1, 3, 8, 9, 10, 100]:
    for end in [None, -100, -4, -1, 0, 2, 6, 9, 100]:
        print(start, end, s.find('bc', start, end), s.rfind('bc', start, end),
              s.count('bc', start, end), s.find('', start, end), s.rfind('', start, end),
              s.count('', start, end), s.startswith('ab', start, end),
              s.endswith('bc', start, end), s.startswith('', start, end),
              s.endswith('', start, end))

print('abc'.find('c', -10**30, 10**30), 'abc'.rfind('a', True), 'abc'.count('b', False))
print('abc'.startswith(('x', 'ab')), 'abc'.endswith(('x', 'y')), 'abc'.startswith(()))
print('abc'.endswith(('bc', 'x'), 0, 3), 'abc'.startswith(('b',), 1))

t('index', lambda: 'abc'.index('c'))
t('index miss', lambda: 'abc'.index('d'))
t('rindex miss', lambda: 'abc'.rindex('d'))
t('rindex', lambda: 'abcabc'.rindex('b'))
t('index range', lambda: 'abcabc'.index('a', 1, 3))
t('find int', lambda: 'abc'.find(1))
t('find none', lambda: 'abc'.find(None))
t('find bad start', lambda: 'abc'.find('a', 'x'))
t('find float start', lambda: 'abc'.find('a', 1.0))
t('find 0 args', lambda: 'abc'.find())
t('find 4 args', lambda: 'abc'.find('a', 1, 2, 3))
t('find kw', lambda: 'abc'.find(sub='a'))
t('count 0 args', lambda: 'abc'.count())
t('count int', lambda: 'abc'.count(3))
t('rfind 4 args', lambda: 'abc'.rfind('a', 1, 2, 3))
t('startswith int', lambda: 'abc'.startswith(1))
t('startswith list', lambda: 'abc'.startswith(['a']))
t('startswith tuple int', lambda: 'abc'.startswith(('a', 1)))
t('startswith tuple int2', lambda: 'abc'.startswith(('b', 1)))
t('endswith tuple int', lambda: 'abc'.endswith((1,)))
t('endswith none', lambda: 'abc'.endswith(None))
t('startswith 0', lambda: 'abc'.startswith())
t('in int', lambda: 1 in 'abc')
t('in none', lambda: None in 'abc')
t('in bytes', lambda: b'a' in 'abc')

class Idx:
    def __index__(self):
        return 1
print('abcabc'.find('a', Idx()), 'abcabc'.count('b', Idx(), Idx()))

# Long haystacks exercise the fast search paths.
big = 'ab' * 5000 + 'xyz' + 'ab' * 5000
print(big.find('xyz'), big.rfind('xyz'), big.count('ab'), big.count('ba'), big.find('abx'),
      big.rfind('bab'), big.find('yza'), 'xyz' in big, big.count('a', 100, 200))
wide = '\u20ac' * 3000 + 'a\u20acb' + '\u20ac' * 3000
print(wide.find('a\u20acb'), wide.rfind('\u20ac'), wide.count('\u20ac\u20ac'), wide.find('b'),
      wide.find('\u20aca'), wide.rfind('b\u20ac'), 'ab' in wide, wide.find('\U0001F600'))
astral = '\U0001F600' * 100 + 'q' + '\U0001F601'
print(astral.find('q'), astral.rfind('\U0001F600'), astral.count('\U0001F600'),
      astral.find('\U0001F601'), astral.find('\u20ac'), astral.endswith('q\U0001F601'))
# Misaligned byte matches in wide strings must not count.
w2 = '\u0100\u0201'
print(w2.find('\u0102'), '\u0201\u0300'.find('\u0102'), '\u3412\u5634'.find('\u1234'))
print('aaa'.count('aa'), 'aaaa'.count('aa'), 'aaaa'.rfind('aa'), 'abab'.rfind('ab', 0, 3))
