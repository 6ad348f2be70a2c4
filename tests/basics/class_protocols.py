# container and call protocols: __len__, __getitem__, __setitem__, __delitem__, __contains__,
# __iter__, __next__, __reversed__, __call__, __getattr__, __getattribute__, __setattr__, __delattr__.

class Seq:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if isinstance(i, slice):
            return 'slice(%r, %r, %r)' % (i.start, i.stop, i.step)
        if i >= self.n:
            raise IndexError(i)
        return i * i

s = Seq(5)
print(len(s), s[2], s[1:3], s[::2], s[:], s[1:2, 3] if False else '')
print(list(s))          # iteration via __getitem__
print(3 in s, 4 in s, 16 in s)
for v in s:
    print(v, end=' ')
print()
print(list(reversed(s)))
print(sorted(s, reverse=True), sum(s), max(s))
a, b, *rest = s
print(a, b, rest)

class Map:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        print('get', k)
        return self.d[k]
    def __setitem__(self, k, v):
        print('set', k, v)
        self.d[k] = v
    def __delitem__(self, k):
        print('del', k)
        del self.d[k]
    def __contains__(self, k):
        print('contains', k)
        return k in self.d
    def __len__(self):
        return len(self.d)
    def keys(self):
        return self.d.keys()

m = Map()
m['a'] = 1
m['b', 2] = 'tuple key'
m[None] = 'none key'
print(m['a'], m['b', 2], 'a' in m, 'z' in m, len(m))
del m['a']
try:
    m['a']
except KeyError as e:
    print(type(e).__name__, e)
print(dict(**m) if False else dict(m.d))
def kw(**k):
    return sorted(k)
m2 = Map()
m2.d = {'x': 1, 'y': 2}
print(kw(**m2))

# __iter__ returning generator, __next__ iterator class
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return CountdownIter(self.n)
class CountdownIter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x * 2 for x in Countdown(3)], tuple(Countdown(2)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, 'done'))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e))

class GenIter:
    def __iter__(self):
        yield 'a'
        yield 'b'
print(list(GenIter()), 'b' in GenIter())

class Rev:
    def __reversed__(self):
        return iter('reversed!')
print(''.join(reversed(Rev())))

# not iterable
class NotIt:
    pass
for bad in (NotIt(), 5, None):
    try:
        iter(bad)
    except TypeError as e:
        print(type(e).__name__, e)
try:
    for x in NotIt():
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    len(NotIt())
except TypeError as e:
    print(type(e).__name__, e)
try:
    NotIt()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    NotIt()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del NotIt()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 in NotIt()
except TypeError as e:
    print(type(e).__name__, e)

class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print(type(e).__name__, e)

class NegLen:
    def __len__(self):
        return -1
try:
    len(NegLen())
except ValueError as e:
    print(type(e).__name__, e)

# __call__
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *more, scale=1):
        return (self.n + x + sum(more)) * scale
add5 = Adder(5)
print(add5(1), add5(1, 2, 3), add5(1, scale=10), callable(add5), callable(Adder), callable(5))

# __getattr__ only for missing attributes
class Dyn:
    real = 'real'
    def __getattr__(self, name):
        if name.startswith('x'):
            return 'dyn:' + name
        raise AttributeError('no ' + name)
d = Dyn()
print(d.real, d.xyz, getattr(d, 'xa'), hasattr(d, 'y'), getattr(d, 'y', 'dflt'))
try:
    d.nope
except AttributeError as e:
    print(type(e).__name__, e)

# __getattribute__ intercepts everything
class Spy:
    def __init__(self):
        self.v = 1
    def __getattribute__(self, name):
        if name == 'secret':
            return 'intercepted'
        return object.__getattribute__(self, name)
sp = Spy()
print(sp.v, sp.secret)

# __getattribute__ raising AttributeError falls back to __getattr__
class Fallback:
    def __getattribute__(self, name):
        raise AttributeError(name)
    def __getattr__(self, name):
        return 'fallback ' + name
print(Fallback().anything)

# __setattr__ / __delattr__
class Logged:
    def __setattr__(self, name, value):
        print('setattr', name, value)
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print('delattr', name)
        super().__delattr__(name)
lg = Logged()
lg.a = 1
lg.a += 1
print(lg.a)
del lg.a
print(hasattr(lg, 'a'))

class Frozen:
    def __setattr__(self, name, value):
        raise AttributeError('frozen: ' + name)
try:
    Frozen().x = 1
except AttributeError as e:
    print(type(e).__name__, e)

# __dir__
class WithDir:
    def __dir__(self):
        return ['b', 'a']
print(dir(WithDir()))

# __format__
class Fmt:
    def __format__(self, spec):
        return 'fmt[%s]' % spec
print(format(Fmt(), 'xyz'), f'{Fmt():>10}', '{:abc}'.format(Fmt()), f'{Fmt()}')

# __enter__/__exit__ covered in with tests; __class_getitem__
class Gen:
    def __class_getitem__(cls, item):
        return 'Gen[%s]' % (item.__name__,)
print(Gen[int])

# __missing__ on dict subclass, __contains__ fallback to __iter__
class OnlyIter:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in OnlyIter(), 5 in OnlyIter())

# __length_hint__ not needed; __bool__ returning non-bool
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print(type(e).__name__, e)

class BadLen:
    def __len__(self):
        return 'x'
try:
    len(BadLen())
except TypeError as e:
    print(type(e).__name__, e)
