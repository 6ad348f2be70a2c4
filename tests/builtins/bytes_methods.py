# bytes methods (shared with bytearray): search, split, strip, pad, case, hex, translate.
def show(f, *args, **kw):
    try:
        print(getattr(f, '__name__', '?'), repr(f(*args, **kw)))
    except Exception as e:
        print(getattr(f, '__name__', '?'), '!!', type(e).__name__, e)

b = b'abcabcab'
for name in ['find', 'rfind', 'index', 'rindex', 'count']:
    m = getattr(b, name)
    for args in [(b'ab',), (b'ca',), (b'zz',), (b'',), (98,), (b'ab', 1), (b'ab', 1, 7),
                 (b'ab', -3), (b'ab', None, -1), (b'', 8), (b'', 9), (b'', 3, 1),
                 (bytearray(b'bc'),), (memoryview(b'c'),), (b'ab', -100, 100), (b'ab', 2**70),
                 (b'ab', -2**70)]:
        show(m, *args)
    show(m)
    show(m, 'a')
    show(m, 256)
    show(m, 1.5)
    show(m, b'a', 'x')
    show(m, b'a', 1, 2, 3)
    show(m, b'a', x=1)

for name in ['startswith', 'endswith']:
    m = getattr(b'abcdef', name)
    for args in [(b'abc',), (b'def',), (b'',), ((b'x', b'ab', b'ef'),), ((),), (b'cd', 2),
                 (b'cd', 2, 4), (b'', 6), (b'', 7), (b'f', -1, None), (bytearray(b'a'),)]:
        show(m, *args)
    show(m, 'a')
    show(m, ('a',))
    show(m, 1)
    show(m)

for s in [b'', b'a b  c', b'  lead and trail  ', b'a\tb\nc\rd\x0be\x0cf\x1cg', b'nows']:
    print(s.split(), s.rsplit(), s.split(None, 1), s.rsplit(None, 1), s.split(maxsplit=0),
          s.rsplit(maxsplit=0))
for s in [b'a,b,,c', b',', b'', b'abc', b'a,,']:
    print(s.split(b','), s.rsplit(b','), s.split(b',', 1), s.rsplit(b',', 1), s.split(b',,'),
          s.split(sep=b',', maxsplit=2))
show(b'a'.split, b'')
show(b'a'.split, 'a')
show(b'a'.split, 1)
show(b'a'.split, b'a', 'x')
show(b'a'.split, x=1)
show(b'a'.split, b'a', 1, 2)
for s in [b'', b'a\nb', b'a\r\nb\rc\nd\n', b'\n\n', b'x\r', b'no newline']:
    print(s.splitlines(), s.splitlines(True), s.splitlines(keepends=False))
for s in [b'a=b=c', b'abc', b'=']:
    print(s.partition(b'='), s.rpartition(b'='))
show(b'a'.partition, b'')
show(b'a'.rpartition, 'a')
show(b'a'.partition)

print(b'-'.join([b'a', b'b', b'c']), b''.join([]), b', '.join((b'x',)), b'.'.join(iter([b'1', b'2'])))
print(b'+'.join([bytearray(b'ba'), memoryview(b'mv')]), b''.join(x for x in [b'g', b'en']))
show(b''.join, [1])
show(b','.join, [b'a', 'b'])
show(b''.join, 5)
show(b''.join)

for s in [b'  x  ', b'\t\n x\x0b\x0c', b'xx', b'', b'abcba']:
    print(s.strip(), s.lstrip(), s.rstrip(), s.strip(b'ab'), s.lstrip(b'a'), s.rstrip(b'ba'),
          s.strip(None))
show(b'a'.strip, 'a')
show(b'a'.strip, 1)
show(b'a'.strip, b'a', b'b')

for w in [-1, 0, 3, 4, 5, 6, 7]:
    print(w, b'abc'.center(w), b'ab'.center(w, b'*'), b'abc'.ljust(w, b'-'), b'abc'.rjust(w),
          b'42'.zfill(w), b'-42'.zfill(w), b'+x'.zfill(w), b''.zfill(w))
print(b'ab'.center(5, bytearray(b'x')))
show(b'a'.center)
show(b'a'.center, 5, 'x')
show(b'a'.center, 5, b'xy')
show(b'a'.ljust, 5, b'')
show(b'a'.rjust, 'a')
show(b'a'.zfill)
show(b'a'.center, 1, 2, 3)

for s in [b'a\tb', b'\tx\ty', b'ab\ncd\tef', b'12345678\tx', b'a\r\tb']:
    print(s.expandtabs(), s.expandtabs(4), s.expandtabs(0), s.expandtabs(tabsize=1), s.expandtabs(-1))
show(b'a'.expandtabs, 'x')
show(b'a'.expandtabs, x=1)

for s in [b'Hello World', b'hELLO wORLD 1a2b', b'', b'123', b'mixed Case-words_here', b'\xe9t\xe9']:
    print(s.lower(), s.upper(), s.swapcase(), s.capitalize(), s.title())
for s in [b'', b'abc', b'ABC', b'Abc', b'aBc', b'123', b'a1', b' ', b' \t\n', b'Hello World',
          b'Hello world', b'HELLO', b'\x80', b'A1b', b'ab1c', b'A Title Case', b'a_b']:
    print(s, s.isalnum(), s.isalpha(), s.isascii(), s.isdigit(), s.islower(), s.isupper(),
          s.isspace(), s.istitle())
show(b'a'.upper, 1)
show(b'a'.isalpha, 1)

for args in [(b'a', b'xy'), (b'', b'-'), (b'aa', b'b'), (b'x', b'y'), (b'a', b''), (b'aa', b'aa')]:
    print(b'banana'.replace(*args), b'banana'.replace(*args, 1), b'banana'.replace(*args, 0),
          b'banana'.replace(*args, -1))
print(b'aaa'.replace(b'', b'-', 2), b''.replace(b'', b'x'), b'abc'.replace(b'abc', b''))
show(b'a'.replace, b'a')
show(b'a'.replace, 'a', b'b')
show(b'a'.replace, b'a', b'b', 1.5)

t = bytes.maketrans(b'abc', b'xyz')
print(len(t), t[97:100], b'aabbcc'.translate(t), b'abcdef'.translate(None, b'ace'))
print(b'abcdef'.translate(t, b'b'), b'abc'.translate(None), b'hello'.translate(t, delete=b'l'))
show(b'a'.translate, b'x')
show(bytes.maketrans, b'a', b'bc')
show(bytes.maketrans, b'a')
show(b'a'.translate)
show(b'a'.translate, None, b'a', 1)
show(b'a'.translate, None, delete=1)

print(b'prefix-body'.removeprefix(b'prefix-'), b'body'.removeprefix(b'x'), b'ab'.removeprefix(b''))
print(b'body.txt'.removesuffix(b'.txt'), b'body'.removesuffix(b'dy'), b'ab'.removesuffix(b''))
show(b'a'.removeprefix, 'a')
show(b'a'.removesuffix)

print(b'caf\xc3\xa9'.decode(), b'caf\xc3\xa9'.decode('utf-8'), b'caf\xe9'.decode('latin-1'))
print(b'abc'.decode('ascii'), b'a\xffb'.decode('ascii', 'ignore'), b'a\xffb'.decode('utf-8', 'replace'))
print(b'x'.decode(encoding='utf-8', errors='strict'), b''.decode())
show(b'\xff'.decode)
show(b'\xff'.decode, 'ascii')
show(b'a'.decode, 'nope')
show(b'a'.decode, 1)
show(b'a'.decode, 'ascii', 1)
show(b'a'.decode, 'a', 'b', 'c')
show(b'a'.decode, x=1)

print(b'\x00\x0f\xf0\xff'.hex(), b''.hex(), b'abc'.hex(':'), b'abc'.hex(b'-'), b'abcdef'.hex(':', 2))
print(b'abcde'.hex(':', -2), b'abcde'.hex(':', 0), b'abcde'.hex(sep='|', bytes_per_sep=3))
print(b'abcde'.hex(':', 10), b'a'.hex(':', 1))
show(b'a'.hex, 1)
show(b'a'.hex, '')
show(b'a'.hex, 'xx')
show(b'a'.hex, 'é')
show(b'a'.hex, bytes_per_sep='x')
print(bytes.fromhex(''), bytes.fromhex('00ff'), bytes.fromhex(' 01 02\t0a '), bytes.fromhex('AbCd'))
print(bytearray.fromhex('ab cd'), type(bytearray.fromhex('')).__name__)
show(bytes.fromhex, 'zz')
show(bytes.fromhex, 'a')
show(bytes.fromhex, '0 1')
show(bytes.fromhex, '01é')
show(bytes.fromhex, 1)
show(bytes.fromhex)


class MB(bytes):
    pass


print(type(MB.fromhex('61')).__name__, MB.fromhex('6162'))
print(type(MB(b'x').upper()).__name__, type(MB(b' x ').strip()).__name__, type(MB(b'a,b').split(b',')[0]).__name__)
