# enumerate, zip, map, filter, reversed, the sequence iterator: values, errors, reduce.
def show(f, *args, **kw):
    try:
        print(getattr(f, '__name__', f), '->', repr(f(*args, **kw)))
    except Exception as e:
        print(getattr(f, '__name__', f), '!!', type(e).__name__, e)

print(list(enumerate('abc')))
print(list(enumerate('abc', 10)))
print(list(enumerate('ab', start=-5)))
print(list(enumerate(iterable='ab', start=2)))
print(list(enumerate([1, 2], 2**63 - 1)))
print(list(enumerate([1, 2], 2**80)))
print(list(enumerate([1], True)))


class Idx:
    def __index__(self):
        return 7


print(list(enumerate('x', Idx())))
e = enumerate('abc', 5)
next(e)
r = e.__reduce__()
print(r[0].__name__, list(r[1][0]), r[1][1])
show(enumerate)
show(enumerate, 1)
show(enumerate, [], 'a')
show(enumerate, [], 1.5)
show(enumerate, [], 1, 2)
show(enumerate, [], x=1)
print(type(enumerate([])).__name__, iter(e) is e)

print(list(zip()))
print(list(zip('abc')))
print(list(zip('abc', [1, 2])))
print(list(zip('ab', [1, 2], (True, False))))
it = iter(range(6))
print(list(zip(it, it, it)))
for args in [([1], []), ([1, 2], [3]), ([1], [2, 3]), ([1], [2], [3, 4]), ([1], [2], []),
             ([1], [2], [3], []), ([], [1]), ([], [], [1]), ([], [], [], [1]), ([1], [2])]:
    show(lambda: list(zip(*args, strict=True)))
show(zip, foo=1)
print(list(zip([1, 2], strict=False)), list(zip(strict=True)))
z = zip([1, 2], [3], strict=True)
print(next(z))
show(next, z)
print(next(z, 'end'))
r = zip('ab', 'cd').__reduce__()
print(r[0].__name__, len(r[1]), len(r))
print(len(zip('ab', 'cd', strict=True).__reduce__()))

print(list(map(str, [1, 2, 3])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
print(list(map(lambda *a: a, 'ab', 'cd', 'ef', 'gh', 'ij', 'kl', 'mn', 'op', 'qr', 'st')))
print(list(map(abs, [])))
show(map)
show(map, str)
show(map, str, [1], x=1)
show(lambda: list(map(None, [1])))
r = map(str, [1]).__reduce__()
print(r[0].__name__, r[1][0].__name__, len(r[1]))

print(list(filter(None, [0, 1, '', 'a', [], [0], None])))
print(list(filter(bool, [0, 1])))
print(list(filter(lambda x: x % 2, range(10))))
show(filter)
show(filter, None)
show(filter, None, 1)
show(filter, None, [1], x=1)
r = filter(None, [1]).__reduce__()
print(r[0].__name__, r[1][0])

print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed((1, 2))))
print(list(reversed(range(5))), list(reversed({'a': 1, 'b': 2})))


class Seq:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i == 1:
            raise IndexError
        return i * 10


print(list(reversed(Seq())))
rv = reversed('abcd')
print(type(rv).__name__, rv.__length_hint__(), next(rv), rv.__length_hint__())
r = rv.__reduce__()
print(r[0].__name__, r[1], r[2])
rv.__setstate__(0)
print(list(rv), rv.__length_hint__(), rv.__reduce__()[1])


class NotRev:
    __reversed__ = None


class MyRev:
    def __reversed__(self):
        return iter('custom')


print(list(reversed(MyRev())))
show(reversed, NotRev())
show(reversed, set())
show(reversed, 1)
show(reversed)
show(reversed, [], [])
show(reversed, seq=[])


class GetItem:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return chr(97 + i)


gi = iter(GetItem())
print(type(gi).__name__, gi.__length_hint__())
print(list(gi), list(gi))
print(list(GetItem()), 'b' in GetItem(), 'z' in GetItem())


class Sized(GetItem):
    def __len__(self):
        return 3


si = iter(Sized())
next(si)
print(si.__length_hint__(), si.__reduce__()[2])


class StopsWithStop:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i


print(list(StopsWithStop()))


class Raises:
    def __getitem__(self, i):
        raise KeyError(i)


show(lambda: list(Raises()))


class Sub(enumerate):
    pass


s = Sub('ab')
print(type(s).__name__, list(s))
