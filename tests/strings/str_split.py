# split, rsplit, splitlines, partition, rpartition, join.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

texts = ['', ' ', '  a  b  c  ', 'a b c', 'a\tb\nc\x0bd\x0ce\rf\x1cg\x1dh\x1ei\x1fj\x85k\xa0l',
         '\u2003x\u3000y\u2028z', 'one', 'a,b,,c,', ',a,', ',,', 'a, b, c', '\u20ac,\u20ac,,x',
         'aXbXXc', 'x\U0001F600x\U0001F600']
for s in texts:
    for maxsplit in [-1, 0, 1, 2, 10]:
        print(repr(s), maxsplit, s.split(None, maxsplit), s.rsplit(None, maxsplit))
        for sep in [',', ', ', 'X', 'XX', '\u20ac', '\U0001F600', 'zz']:
            print('  ', repr(sep), s.split(sep, maxsplit), s.rsplit(sep, maxsplit))
print('a b'.split(sep=None), 'a,b'.split(sep=','), 'a,b,c'.split(',', maxsplit=1),
      'a,b,c'.rsplit(maxsplit=1, sep=','), 'a b c'.split(maxsplit=1))
t('empty sep', lambda: 'abc'.split(''))
t('empty rsep', lambda: 'abc'.rsplit(''))
t('int sep', lambda: 'abc'.split(1))
t('bytes sep', lambda: 'abc'.rsplit(b'a'))
t('str maxsplit', lambda: 'abc'.split(',', 'x'))
t('float maxsplit', lambda: 'abc'.split(',', 1.0))
t('3 args', lambda: 'abc'.split(',', 1, 2))
t('bad kw', lambda: 'abc'.split(foo=1))
t('dup kw', lambda: 'abc'.split(',', sep=','))
t('rsplit bad kw', lambda: 'abc'.rsplit(x=1))

lines = ['', 'a', 'a\n', 'a\nb', 'a\r\nb\rc\n\nd', '\n\n', 'x\x0by\x0cz\x1cw\x1dv\x1eu\x85t\u2028s\u2029r',
         'no newline', '\r\n', '\r\r\n\n', 'a\x1fb', '\u20ac\n\u20ac']
for s in lines:
    print(repr(s), s.splitlines(), s.splitlines(True), s.splitlines(keepends=False))
t('splitlines str', lambda: 'a'.splitlines('x'))
t('splitlines 2', lambda: 'a'.splitlines(1, 2))
t('splitlines kw', lambda: 'a'.splitlines(keep=1))
print('a\nb'.splitlines(2), 'a\nb'.splitlines(0))

for s in ['', 'abc', 'a=b', 'a=b=c', '=', '==', '\u20ac=\u20ac', 'a\U0001F600b\U0001F600c']:
    for sep in ['=', '==', 'x', '\U0001F600', '\u20ac']:
        print(repr(s), repr(sep), s.partition(sep), s.rpartition(sep))
t('partition empty', lambda: 'a'.partition(''))
t('rpartition empty', lambda: 'a'.rpartition(''))
t('partition int', lambda: 'a'.partition(1))
t('partition none', lambda: 'a'.partition(None))
t('partition 0', lambda: 'a'.partition())

print(repr(''.join([])), repr(','.join(['a'])), ','.join(['a', 'b', 'c']), '--'.join('xyz'),
      ''.join(('a', 'b')), ', '.join(x for x in ['p', 'q']), '\u20ac'.join(['a', 'b']),
      'x'.join(['\u20ac', '\U0001F600']), repr('\u20ac'.join(['a'])), 'ab'.join({'k': 1}),
      repr(''.join(['', '', ''])), ''.join(iter(['m', 'n'])), ' '.join(map(str, range(5))))
s1 = 'solo'
print(','.join([s1]) is s1, ''.join((s1,)) is s1)
t('join int item', lambda: ''.join([1]))
t('join bytes item', lambda: '-'.join(['a', b'b']))
t('join none item', lambda: '-'.join(('a', 'b', None)))
t('join int', lambda: ''.join(5))
t('join none', lambda: ''.join(None))
t('join 0', lambda: ''.join())
t('join 2', lambda: ''.join([], []))
t('join gen error', lambda: ''.join(str(1 // x) for x in [1, 0]))
class S(str):
    pass
print(repr(','.join([S('a'), S('b')])), type(','.join([S('a')])).__name__,
      type(','.join([S('a'), 'b'])).__name__)
print(len('x'.join(['ab'] * 1000)), '\u20ac'.join(['a'] * 3).encode('utf-8'))
