# printf-style formatting of bytes and bytearray (PEP 461).
def show(fmt, args):
    try:
        print(repr(fmt % args))
    except Exception as e:
        print('!!', type(e).__name__, e)

show(b'%s', b'bytes')
show(b'%s|%s', (b'a', bytearray(b'b')))
show(b'%b', memoryview(b'mv'))
show(b'[%5s][%-5s][%.2s][%5.1s]', (b'ab', b'ab', b'abc', b'xyz'))
show(b'%d %i %u', (42, -7, 3))
show(b'%5d|%-5d|%05d|%+d|% d', (42, 42, 42, 42, 42))
show(b'%x %X %o %#x %#X %#o', (255, 255, 8, 255, 255, 8))
show(b'%f %.2f %10.3f %-10.1f| %e %E %g %G', (3.14159, 3.14159, 3.14159, 2.5, 12345.678, 0.00012, 1e20, 1e-10))
show(b'%c%c%c', (65, b'B', bytearray(b'C')))
show(b'%5c|%-3c|', (65, 66))
show(b'%r %a', ('é', 'é'))
show(b'%a', [1, 'x'])
show(b'%r', b'bytes repr')
show(b'%%', ())
show(b'100%% %d', 5)
show(b'%d', 2**70)
show(b'%x', -255)
show(b'%d', True)
show(b'%d', 3.9)
show(b'%*d|%-*d|%.*f', (5, 1, 4, 2, 2, 3.14159))
show(b'%*d', (-5, 1))
show(b'%(a)s-%(b)d', {b'a': b'x', b'b': 2})
show(b'%(a)s', {'a': b'str key'})
show(b'%(a)s %s', {b'a': b'x'})
show(b'%s', (b'a',))
show(b'no format', ())
show(b'no format', {})
show(b'no format', [])
show(b'no format', 5)
show(b'%s %s', (b'a',))
show(b'%s', (b'a', b'b'))
show(b'%d', 'a')
show(b'%s', 'a')
show(b'%s', 1)
show(b'%s', [1])
show(b'%c', 256)
show(b'%c', -1)
show(b'%c', b'ab')
show(b'%c', 'a')
show(b'%x', 1.5)
show(b'%z', 1)
show(b'%\x01', 1)
show(b'%(a)s', 1)
show(b'%', ())
show(b'%(a', {b'a': 1})
show(b'%5', 1)
show(b'%*d', ('a', 1))


class WithBytes:
    def __bytes__(self):
        return b'dunder'


show(b'%s', WithBytes())
show(bytearray(b'%s-%d'), (b'x', 5))
print(type(bytearray(b'%d') % 1).__name__, type(b'%d' % 1).__name__)
ba = bytearray(b'%s')
ba %= b'y'
print(ba)
