# maketrans/translate, __sizeof__, __getnewargs__, __format__, methods reached through str.
def t(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

print(str.maketrans('abc', 'xyz'), str.maketrans('ab', 'cd', 'ef'), str.maketrans({'a': 'b', 98: None}),
      str.maketrans('', ''), str.maketrans({}), ''.maketrans('a', '\u20ac'))
t('mt 1 nondict', lambda: str.maketrans('abc'))
t('mt unequal', lambda: str.maketrans('ab', 'a'))
t('mt x int', lambda: str.maketrans(1, 'a'))
t('mt y int', lambda: str.maketrans('a', 1))
t('mt z int', lambda: str.maketrans('a', 'b', 3))
t('mt long key', lambda: str.maketrans({'ab': 1}))
t('mt float key', lambda: str.maketrans({1.5: 1}))
t('mt 0', lambda: str.maketrans())
t('mt 4', lambda: str.maketrans('a', 'b', 'c', 'd'))
t('mt kw', lambda: str.maketrans(x='a'))

tables = [str.maketrans('abc', 'xyz'), {97: 'AA', 98: None, 99: 0x263a}, {ord('\u20ac'): 'E'},
          {97: 0x20ac}, {}, [None, 'x'] * 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' * 5]
for s in ['', 'abc', 'aabbcc', 'xyz', 'caf\xe9 \u20ac', 'a\U0001F600c']:
    print(repr(s), [repr(s.translate(tb)) for tb in tables])
class Table:
    def __getitem__(self, k):
        if k == ord('a'):
            return 'A'
        if k == ord('b'):
            raise LookupError
        if k == ord('c'):
            raise KeyError(k)
        if k == ord('d'):
            raise IndexError(k)
        if k == ord('e'):
            raise ValueError('bad key')
        return None
print(repr('abcd'.translate(Table())), repr('xyz'.translate(Table())))
t('translate raises', lambda: 'abe'.translate(Table()))
t('translate big', lambda: 'abc'.translate({97: 0x110000}))
t('translate neg', lambda: 'abc'.translate({97: -1}))
t('translate float', lambda: 'abc'.translate({97: 1.5}))
t('translate bytes', lambda: 'abc'.translate({97: b'x'}))
t('translate int', lambda: 'abc'.translate(5))
t('translate none', lambda: 'abc'.translate(None))
t('translate 0', lambda: 'abc'.translate())
print('abc'.translate({97: True, 98: False}) == '\x01\x00c', 'a'.translate({97: 2**70 % 100}))
class D(dict):
    def __missing__(self, k):
        return 'M'
print('abc'.translate(D({97: 'x'})))

for s in ['', 'a', 'abc', '\xe9', '\xe9\xe9', '\u20ac', '\u20ac\u20ac', '\U0001F600', 'a' * 100]:
    print(repr(s[:5]), s.__sizeof__(), s.__getnewargs__(), type(s.__getnewargs__()[0]).__name__)
t('sizeof arg', lambda: 'a'.__sizeof__(1))
t('getnewargs arg', lambda: 'a'.__getnewargs__(1))
print('abc'.__format__(''), 'abc'.__format__('>5'), 'abc'.__format__('.1'))
t('format none', lambda: 'a'.__format__(None))
t('format 0', lambda: 'a'.__format__())
t('format 2', lambda: 'a'.__format__('', ''))
print(str.upper('abc'), str.join(',', 'ab'), str.count('aaa', 'a'), str.__len__('abcd'),
      str.__getitem__('abc', 1), str.__contains__('abc', 'b'), str.__mul__('ab', 2),
      str.__rmul__('ab', 2), str.__mod__('%d', 5), str.__add__('a', 'b'), str.__eq__('a', 'a'),
      str.__lt__('a', 'b'), str.__hash__('a') == hash('a'), str.__iter__('ab').__next__())
print(str.__mod__('%s', ()) if False else '', 'x'.__mod__(()), str.__rmod__('%s', 5))
t('unbound wrong type', lambda: str.upper(5))
t('unbound no self', lambda: str.upper())
for name in ['capitalize', 'casefold', 'center', 'count', 'encode', 'endswith', 'expandtabs', 'find',
             'format', 'format_map', 'index', 'isalnum', 'isalpha', 'isascii', 'isdecimal', 'isdigit',
             'isidentifier', 'islower', 'isnumeric', 'isprintable', 'isspace', 'istitle', 'isupper',
             'join', 'ljust', 'lower', 'lstrip', 'maketrans', 'partition', 'removeprefix',
             'removesuffix', 'replace', 'rfind', 'rindex', 'rjust', 'rpartition', 'rsplit', 'rstrip',
             'split', 'splitlines', 'startswith', 'strip', 'swapcase', 'title', 'translate', 'upper',
             'zfill', '__getnewargs__', '__sizeof__', '__format__', '__mod__', '__rmod__', '__mul__',
             '__rmul__', '__getitem__', '__contains__', '__iter__', '__len__']:
    print(name, hasattr(str, name), callable(getattr('x', name)))
