# range and slice: construction, len, indexing, slicing, containment, equality, hashing.
def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print('!!', type(e).__name__, e)

for args in [(5,), (-3,), (1, 5), (5, 1), (0, 10, 3), (10, 0, -3), (0, 10, -1), (2**70,),
             (-2**70, 2**70, 2**68), (True,), (0, 5, 1)]:
    r = range(*args)
    print(r, len(r) if len(args) != 1 or args[0] != 2**70 else '-', bool(r), r.start, r.stop,
          r.step)
show(range)
show(range, 1, 2, 3, 4)
show(range, 1.5)
show(range, 0, 1, 0)
show(range, '1')
show(lambda: range(1, 2, 3, x=1))
show(lambda: len(range(2**64)))
show(lambda: len(range(2**63)))
print(len(range(2**63 - 1)), len(range(-2**63, 2**63 - 1, 2**62)))

r = range(0, 20, 3)
print(list(r), r[0], r[-1], r[3], r[-7])
show(lambda: r[7])
show(lambda: r[-8])
show(lambda: r['a'])
show(lambda: r[1.0])
show(lambda: range(2**70)[2**70 - 1])
show(lambda: range(2**70)[2**70])
show(lambda: range(2**70)[-1])
print(range(2**100)[5], range(-2**100, 0)[-1])


class Idx:
    def __index__(self):
        return 2


print(r[Idx()], r[True])

for sl in [slice(None), slice(1, 5), slice(None, None, -1), slice(None, None, 2),
           slice(-3, None), slice(100, 200), slice(5, 1, -2), slice(-2**100, 2**100),
           slice(None, None, 2**100), slice(None, None, -2**100)]:
    print(sl, r[sl], list(r[sl]) == list(r)[sl])
print(range(10)[::-1], range(10)[::-2], range(2**64)[2**63:], range(0, 10, 3)[::2**100])
show(lambda: r[::0])

print(3 in r, 4 in r, 18 in r, 21 in r, -3 in r, 3.0 in r, 3.5 in r, 'a' in r, True in range(2))
print(9 in range(10, 0, -1), 10 in range(10, 0, -1), 0 in range(10, 0, -1))
print(2**70 in range(0, 2**71, 2**69), 2**70 + 1 in range(0, 2**71, 2**69))
print(r.index(9), r.count(9), r.count(10), r.count(9.0), range(3).index(1.0))
show(r.index, 10)
show(r.index, 'a')
show(range(2**80).index, 2**79)

print(range(0) == range(5, 5), range(0, 3, 5) == range(0, 1), range(1, 5, 2) == range(1, 6, 2))
print(range(1, 5, 2) == range(1, 4, 2), range(3) != range(3), range(3) == [0, 1, 2])
print(hash(range(0)) == hash(range(5, 5)), hash(range(0, 3, 5)) == hash(range(0, 1)))
print(hash(range(1, 10, 2)) == hash(range(1, 11, 2)))
print({range(3): 1}[range(0, 3)])
show(lambda: range(3) < range(4))
print(range(1, 2).__reduce__())

it = iter(range(5))
print(type(it).__name__, next(it), it.__length_hint__(), it.__reduce__()[1:], list(it))
it = iter(range(5))
it.__setstate__(3)
print(list(it))
it = iter(range(2**70, 2**70 + 3))
print(type(it).__name__, next(it), it.__length_hint__(), it.__reduce__()[1:], list(it))
rv = reversed(range(1, 10, 3))
print(type(rv).__name__, rv.__reduce__()[1:], list(rv))
print(list(reversed(range(-2**63, 2**63 - 1, 2**62))))
print(list(range(2**63 - 3, 2**63 + 1)), list(range(2**47 - 2, 2**47 + 2)))
print(list(range(-2**47 - 2, -2**47 + 2)), list(range(5, -5, -3)), list(range(0)))
print(type(reversed(range(2**63))).__name__, type(iter(range(-2**63, 2**63 - 1))).__name__)
print(list(reversed(range(0))), list(reversed(range(5, 0))))
total = 0
for i in range(100000):
    total += i
print(total)

s = slice(1, 'a', [])
print(s, s.start, s.stop, s.step, slice(5), slice(1, 2), slice(1, 2, 3))
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3), slice(1) != slice(1), slice(1) == 1)
show(lambda: slice(1) < 1)
show(lambda: hash(slice(1)))
show(slice)
show(slice, 1, 2, 3, 4)
show(lambda: slice(1, x=2))
print(slice(1, 2, 3).__reduce__())
for args in [(5,), (0,), (10,), (2**100,)]:
    for sl in [slice(None), slice(-2**100, 2**100, 2**80), slice(None, None, -1),
               slice(5, -100, -3), slice(-3, -1), slice(2, 8, 3), slice(None, 3, -1)]:
        print(sl, args, sl.indices(*args))
show(slice(1, 2, 0).indices, 5)
show(slice(1).indices, -1)
show(slice(1).indices, 'a')
show(slice('a').indices, 5)
print(slice(Idx(), Idx()).indices(10))
print([1, 2, 3][2**100:], [1, 2, 3][-2**100:], 'abcdef'[::2**100], 'abcdef'[::-2**100])
print([0, 1, 2, 3, 4][Idx():], (0, 1, 2, 3, 4)[:Idx()], 'abcdef'[::Idx()])
show(lambda: [1][slice('a')])
show(lambda: [1][::0])
