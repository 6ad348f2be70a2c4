# printf-style formatting: str % args.
def t(fmt, args):
    try:
        r = fmt % args
    except Exception as e:
        print(repr(fmt), type(e).__name__, e)
    else:
        print(repr(fmt), repr(r))

values = [0, 1, -1, 42, -42, 255, 2**70, -(2**70), 3.7, -3.7, 0.5, 1e20, -0.0, True, float('inf'),
          float('-inf'), float('nan')]
convs = ['%d', '%i', '%u', '%o', '%x', '%X', '%e', '%E', '%f', '%F', '%g', '%G', '%s', '%r', '%a',
         '%5d', '%-5d|', '%05d', '%+d', '% d', '%+05d', '%.3d', '%8.3d', '%-8.3d|', '%#o', '%#x',
         '%#X', '%#08x', '%-#8x|', '%+#x', '%.2f', '%10.2f', '%-10.2f|', '%010.2f', '%+.1e',
         '%#.0f', '%#.0e', '%#g', '%.0g', '%.1g', '%.10g', '%20.15g', '% .3f', '%5s', '%-5s|',
         '%.2s', '%5.1r', '%c', '%ld', '%hi', '%Lf', '%05s', '%+s', '%#s', '%x%%']
for v in values:
    for c in convs:
        t(c, v)
t('%s %s %s', (1, 'a', [2]))
t('%s', ())
t('%s', ((1, 2),))
t('%s', (1, 2))
t('%s %s', (1,))
t('no conversions', ())
t('no conversions', 5)
t('no conversions', [1])
t('no conversions', {'a': 1})
t('no conversions', 'str')
t('%s', 'str')
t('%s', [1, 2])
t('%s', {'a': 1})
t('%(a)s-%(b)r-%(a)d', {'a': 1, 'b': 'x'})
t('%(a)s %s', {'a': 1})
t('%s %(a)s', {'a': 1})
t('%(a)s', (1,))
t('%(a)s', 5)
t('%(a', {'a': 1})
t('%(a(b))s', {'a(b)': 2})
t('%(missing)s', {'a': 1})
t('%(a)*d', {'a': 3})
t('%(a)05.1f|%(a)-8.2e|', {'a': 3.14159})
t('%', ())
t('%5', ())
t('%.', ())
t('%(a)', {'a': 1})
t('%y', 1)
t('%\xe9', 1)
t('%\n', 1)
t('abc %z', 1)
t('%5%', (1,))
t('%%', ())
t('%%%s%%', 'x')
t('%*d|', (5, 42))
t('%-*d|', (5, 42))
t('%*d|', (-5, 42))
t('%.*f', (2, 3.14159))
t('%.*f', (-1, 3.14159))
t('%*.*f|', (10, 3, 3.14159))
t('%*d', ('x', 1))
t('%.*d', (1.5, 1))
t('%*d', (5,))
t('%c%c%c', (65, '\u20ac', 0x1F600))
t('%c', 'ab')
t('%c', '')
t('%c', 1.5)
t('%c', -1)
t('%c', 0x110000)
t('%c', 2**100)
t('%5c|%-5c|', ('x', 66))
t('%d', 'x')
t('%i', 'x')
t('%d', None)
t('%d', [1])
t('%d', 1+2j)
t('%x', 1.5)
t('%o', 'x')
t('%X', None)
t('%f', 'x')
t('%f', None)
t('%e', [1])
t('%f', 10**400)
t('%d', 10**400)
t('%d', 1.9)
t('%d', -1.9)
t('%d', 2.5e20)
t('%x', True)
t('%d', float('inf'))
t('%d', float('nan'))
t('%s', b'x')
t('%r %a', ('\xe9\u20ac', '\xe9\u20ac'))
t('%a', 'x\n\U0001F600')
t('%.1000000000000d', 1)
t('%10000000000000000000d', 1)
t('%s \u20ac %s', ('a', '\U0001F600'))
t('\u20ac%d', 5)
t('%.3s', '\u20ac\u20ac\u20ac\u20ac')
t('%5s|', '\U0001F600')
class Idx:
    def __index__(self):
        return 7
class IntLike:
    def __int__(self):
        return 9
class FloatLike:
    def __float__(self):
        return 2.5
for v in [Idx(), IntLike(), FloatLike()]:
    for c in ['%d', '%x', '%f', '%s'[:0] + '%.1f']:
        try:
            print(type(v).__name__, c, c % v)
        except Exception as e:
            print(type(v).__name__, c, type(e).__name__, e)
class MyInt(int):
    def __str__(self):
        return 'MyInt!'
    def __repr__(self):
        return 'MyInt()'
print('%d %s %r %x' % (MyInt(5), MyInt(5), MyInt(5), MyInt(255)))
# The benchmark's formats.
print("%d %s %5d %.9f %.6f %r %05d %2d" % (7, 'seven', 42, 3.14159265358979, 2.5, 'r', 42, 5))
print("r%05d" % 99990, "t%d" % 3, "len %2d: %5d words, first=%s last=%s" % (3, 120, 'ab', 'zy'))
print('%#g|%g|%#.3g|%.3g|%#.1g' % (999999.5, 999999.5, 9.995, 9.995, 0.95))
