# itertools: every iterator of 3.11, its repr, and the argument errors.
import itertools as it
print(repr(it.count()), repr(it.count(5)), repr(it.count(1.5, 2)), repr(it.count(step=-1)), repr(it.count(2**70, 3)), repr(it.count(1,1.0)), repr(it.count(1.0,1)))
print(repr(it.repeat(3)), repr(it.repeat('a', 2)), repr(it.repeat(1, -3)), it.repeat(1,5).__length_hint__())
print(list(it.islice(it.count(), 5)), list(it.islice(it.count(10, 3), 1, 10, 2)))
print(list(it.islice(it.cycle('abc'), 7)), list(it.repeat(1, 3)))
print(list(it.accumulate([1,2,3,4])), list(it.accumulate([1,2,3], initial=10)), list(it.accumulate([3,1,4], max)))
print(list(it.chain('ab', [1,2])), list(it.chain.from_iterable(['ab', 'cd'])))
print(list(it.compress('abcdef', [1,0,1,0,1,1])), list(it.dropwhile(lambda x: x<3, [1,2,3,4,1])), list(it.takewhile(lambda x: x<3, [1,2,3,4,1])))
print(list(it.filterfalse(None, [0,1,0,2])), list(it.filterfalse(lambda x: x%2, range(6))), list(it.starmap(pow, [(2,3),(3,2)])))
print([(k, list(g)) for k, g in it.groupby('aaabbcaa')], [(k, list(g)) for k, g in it.groupby([1,2,3,4,5], key=lambda x: x//2)])
g = it.groupby('aabb'); k1, g1 = next(g); k2, g2 = next(g); print(k1, list(g1), k2, list(g2))
print(list(it.pairwise('abcd')), list(it.pairwise('a')))
a, b = it.tee(iter(range(200))); print(sum(a), sum(b), list(it.tee([1,2], 3)[2]))
print(list(it.zip_longest('ab', 'xyz', fillvalue='-')), list(it.zip_longest()))
print(list(it.product('ab', range(2))), list(it.product([1,2], repeat=2)), list(it.product()))
print(list(it.permutations('abc', 2)), len(list(it.permutations(range(5)))), list(it.permutations([], 0)))
print(list(it.combinations('abcd', 2)), list(it.combinations('ab', 3)), list(it.combinations_with_replacement('abc', 2)))
tests = [lambda: it.count('a'), lambda: it.count(1, 'a'), lambda: it.repeat(), lambda: it.islice([], -1), lambda: it.islice([], 'a'), lambda: it.islice([],1,2,0), lambda: it.islice([]), lambda: it.islice([],1,2,3,4),
lambda: list(it.chain(1)), lambda: it.cycle(), lambda: it.accumulate(), lambda: it.compress([1]), lambda: it.groupby(), lambda: it.permutations([1], -1), lambda: it.combinations([1], -1), lambda: it.product([1], repeat=-1), lambda: it.tee([], -1), lambda: it.zip_longest(1), lambda: it.starmap(len), lambda: list(it.starmap(len, [1])), lambda: it.takewhile(len), lambda: it.pairwise(), lambda: it.count(1,2,3), lambda: it.repeat(1, 2, 3), lambda: it.cycle([], x=1), lambda: it.chain(x=1),lambda: it.combinations([1]), lambda: it.combinations_with_replacement([1], -2), lambda: it.islice([], 1.5), lambda: it.tee(1), lambda: it.zip_longest([], fillvalue=1, x=2), lambda: it.filterfalse(None), lambda: it.dropwhile(None), lambda: it.repeat(1).__length_hint__()]
for t in tests:
    try: print(t())
    except Exception as e: print(type(e).__name__, e)
print(it.count.__module__, it.count.__name__, type(it.tee([])[0]).__name__, type(it.groupby('a').__next__()[1]))
class C(it.count): pass
print(repr(C(3)), next(C(3)))
