# str.format, str.format_map and f-strings.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

class P:
    x = 5
    items = [10, 20]
    def __repr__(self):
        return 'P()'
    def __str__(self):
        return 'p-str'
    def __format__(self, spec):
        return 'P<' + spec + '>'
p = P()
print('{}={}'.format('a', 1), '{0}{1}{0}'.format('x', 'y'), '{a}-{b}'.format(a=1, b=2),
      '{0}-{a}'.format(9, a=8), '{}'.format(p), '{!r}'.format(p), '{!s}'.format(p), '{!a}'.format('\xe9'),
      '{:>5}|'.format('ab'), '{:*^9}'.format('mid'), '{0.x}'.format(p), '{0.items[1]}'.format(p),
      '{0[1]}'.format([1, 2]), '{0[key]}'.format({'key': 'v'}), '{0[-1]}'.format({'-1': 'neg'}),
      '{[0]}'.format('xyz'), '{.real}'.format(3), '{{}}'.format(), '{{{}}}'.format(1),
      '{:{}}|'.format('a', 4), '{:{}{}}|'.format('a', '>', 4), '{0:{1}.{2}f}'.format(3.14159, 8, 2),
      '{x:{w}}|'.format(x=1, w=5), '{:}'.format(5), '{!s:}'.format(5), '{:p}'.format(p),
      '{!r:>8}'.format('q'), '\u20ac{}\u20ac'.format('\U0001F600'), '{}'.format(None),
      '{0!r:}'.format(1), '{0.__class__.__name__}'.format(1.5), '{0[0][1]}'.format(['ab']))
print('{}'.format(1.0), '{}'.format(1e16), '{}'.format(-0.0), '{}'.format(2**100),
      '{}'.format(True), '{:d}'.format(True), '{}'.format(1+2j), '{}'.format([1, 'a']),
      '{}'.format(b'b'), '{:x}'.format(255), '{:,}'.format(1234567), '{:.2%}'.format(0.125))
cases = ['{', '}', 'a}b', '{0', '{0:', '{0!', '{0!r', '{0!x}', '{0!}', '{0!rx}', '{0:{}', '{0[}',
         '{0[0]x}', '{0.}', '{0[]}', '{:{:{}}}', '{a{b}', '{0}{}', '{}{0}', '{99}', '{}{}{}',
         '{0[5]}', '{0.nope}', '{nope}', '{ 0 }', '{0 }', '{!r}', '{:}}', '{0!r!s}', '{0:{1}}',
         '{99999999999999999999}', '{0[99999999999999999999]}', '{0!\xe9}', '{0!\n}', '}}{{',
         '{:d}', '{0:x}', '{0:=5}', '{.x}', '{0[0].real}', '{0.real[0]}', '{0:\u20ac^7}']
for c in cases:
    t(repr(c), lambda: c.format([1, 2], '{'))
t('kwonly', lambda: '{a}'.format())
t('map', lambda: '{a}{b}'.format_map({'a': 1, 'b': 2}))
t('map missing', lambda: '{a}'.format_map({}))
t('map positional', lambda: '{0}'.format_map({}))
t('map auto', lambda: '{}'.format_map({}))
t('map list', lambda: '{a}'.format_map([]))
t('map int', lambda: '{a}'.format_map(5))
class Default(dict):
    def __missing__(self, key):
        return '<' + key + '>'
t('map missing hook', lambda: '{a} {b}'.format_map(Default(a=1)))
t('map 0', lambda: 'x'.format_map())
t('map 2', lambda: 'x'.format_map({}, {}))
t('map kw', lambda: 'x'.format_map(m={}))
t('format unused', lambda: 'x'.format(1, 2, a=3))

w, v, name = 7, 3.14159, 'kaa'
items = {'k': [1, 2]}
print(f'{v:>3}', f'{name:<12}|', f'{w:>7}', f'{v!r}', f'{name!r:>8}', f'{w:{w}}|', f'{v:.{w}f}',
      f'{w=}', f'{v = :.2f}', f'{items["k"][1]}', f'{w + 1:03d}', f'{"nested {braces}"}',
      f'{{literal}}', f'{name.upper()}', f'{3.0}', f'{-0.0}', f'{2**64:,}', f'{None!s:>6}')
for i in range(3):
    print(f'{i:>3}{i * 1.5:>7.2f}{str(i):<12}|')
print('{:>3}{:<12}{:>7}'.format(1, 'ab', 2.5))
