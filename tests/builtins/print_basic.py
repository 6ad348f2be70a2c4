# print(), input-free output paths, and the simplest builtins.
import sys

print()
print(1, 2, 3)
print(1, 2, 3, sep='')
print(1, 2, 3, sep=', ', end='!\n')
print('a', 'b', sep=None, end=None)
print('x', end='')
print('y', flush=True)
print(None, True, 1.5, 'str', [1, 'a'], (1,), {'k': 2})
print(*range(5))
print(*[], sep='-')
print('to stdout', file=sys.stdout)
print('to None file', file=None)


class Sink:
    def __init__(self):
        self.parts = []
        self.flushed = 0

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.flushed += 1


s = Sink()
print('a', 1, [2], sep='|', end='$', file=s)
print(s.parts, s.flushed)
print('b', file=s, flush=True)
print(s.parts[-2:], s.flushed)


class Str:
    def __str__(self):
        return 'custom str'

    def __repr__(self):
        return 'custom repr'


print(Str(), [Str()])

for bad in [dict(sep=1), dict(end=2), dict(foo=3), dict(file=1)]:
    try:
        print('x', **bad)
    except Exception as e:
        print(type(e).__name__, e)

print(len('abc'), len([1, 2]), len(()), len({}), len(range(10)), len(b'xy'))
print(repr('a\n'), repr(1.0), ascii('é☃'), ascii([1, 'ü']))
print(callable(len), callable(1), callable(Str), callable(Str()))
print(id(s) == id(s), id(1) == id(1), hash(1) == hash(1.0), hash('a') == hash('a'))
print(isinstance(1, int), isinstance(True, int), isinstance(1, (str, int)), isinstance(1, str))
print(issubclass(bool, int), issubclass(int, (str, object)), issubclass(int, str))
