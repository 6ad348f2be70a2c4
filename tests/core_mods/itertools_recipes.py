# The recipes of the itertools documentation, built from the C iterators.
import collections
import functools
import operator
from itertools import (accumulate, chain, combinations, compress, count, cycle, filterfalse,
                       groupby, islice, pairwise, permutations, product, repeat, starmap,
                       takewhile, tee, zip_longest)


def take(n, iterable):
    return list(islice(iterable, n))


def prepend(value, iterator):
    return chain([value], iterator)


def tabulate(function, start=0):
    return map(function, count(start))


def tail(n, iterable):
    return iter(collections.deque(iterable, maxlen=n))


def consume(iterator, n=None):
    if n is None:
        collections.deque(iterator, maxlen=0)
    else:
        next(islice(iterator, n, n), None)


def nth(iterable, n, default=None):
    return next(islice(iterable, n, None), default)


def all_equal(iterable):
    g = groupby(iterable)
    return next(g, True) and not next(g, False)


def quantify(iterable, pred=bool):
    return sum(map(pred, iterable))


def ncycles(iterable, n):
    return chain.from_iterable(repeat(tuple(iterable), n))


def dotproduct(vec1, vec2):
    return sum(map(operator.mul, vec1, vec2))


def flatten(list_of_lists):
    return chain.from_iterable(list_of_lists)


def repeatfunc(func, times=None, *args):
    if times is None:
        return starmap(func, repeat(args))
    return starmap(func, repeat(args, times))


def grouper(iterable, n, *, incomplete="fill", fillvalue=None):
    args = [iter(iterable)] * n
    if incomplete == "fill":
        return zip_longest(*args, fillvalue=fillvalue)
    if incomplete == "strict":
        return zip(*args, strict=True)
    return zip(*args)


def roundrobin(*iterables):
    num_active = len(iterables)
    nexts = cycle(iter(it).__next__ for it in iterables)
    while num_active:
        try:
            for nxt in nexts:
                yield nxt()
        except StopIteration:
            num_active -= 1
            nexts = cycle(islice(nexts, num_active))


def partition(pred, iterable):
    t1, t2 = tee(iterable)
    return filterfalse(pred, t1), filter(pred, t2)


def powerset(iterable):
    s = list(iterable)
    return chain.from_iterable(combinations(s, r) for r in range(len(s) + 1))


def unique_everseen(iterable, key=None):
    seen = set()
    if key is None:
        for element in filterfalse(seen.__contains__, iterable):
            seen.add(element)
            yield element
    else:
        for element in iterable:
            k = key(element)
            if k not in seen:
                seen.add(k)
                yield element


def unique_justseen(iterable, key=None):
    return map(next, map(operator.itemgetter(1), groupby(iterable, key)))


def iter_except(func, exception, first=None):
    try:
        if first is not None:
            yield first()
        while True:
            yield func()
    except exception:
        pass


def first_true(iterable, default=False, pred=None):
    return next(filter(pred, iterable), default)


def sliding_window(iterable, n):
    it = iter(iterable)
    window = collections.deque(islice(it, n), maxlen=n)
    if len(window) == n:
        yield tuple(window)
    for x in it:
        window.append(x)
        yield tuple(window)


def before_and_after(predicate, it):
    it = iter(it)
    transition = []

    def true_iterator():
        for elem in it:
            if predicate(elem):
                yield elem
            else:
                transition.append(elem)
                return

    def remainder_iterator():
        yield from transition
        yield from it

    return true_iterator(), remainder_iterator()


def triplewise(iterable):
    for (a, _), (b, c) in pairwise(pairwise(iterable)):
        yield a, b, c


print(take(3, prepend(0, [1, 2])), take(4, tabulate(lambda x: x * x)), list(tail(3, "ABCDEFG")))
it = iter(range(10))
consume(it, 3)
print(next(it), nth(range(10), 3), nth("ab", 5, "dflt"))
print(all_equal("aaaa"), all_equal("aab"), quantify([1, 0, 2, 0]), list(ncycles("ab", 3)))
print(dotproduct([1, 2, 3], [4, 5, 6]), list(flatten([[1, 2], [3]])), list(repeatfunc(pow, 3, 2, 5)))
print(list(grouper("ABCDEFG", 3, fillvalue="x")), list(grouper("ABCDEFG", 3, incomplete="ignore")))
try:
    list(grouper("ABCD", 3, incomplete="strict"))
except ValueError as e:
    print("ValueError", e)
print(list(roundrobin("ABC", "D", "EF")))
odds, evens = partition(lambda x: x % 2 == 0, range(10))
print(list(odds), list(evens))
print(list(powerset([1, 2, 3])))
print(list(unique_everseen("AAAABBBCCDAABBB")), list(unique_everseen("ABBcCAD", str.lower)))
print(list(unique_justseen("AAAABBBCCDAABBB")), list(unique_justseen("ABBcCAD", str.lower)))
d = {1: "a", 2: "b"}
print(list(iter_except(d.popitem, KeyError)), first_true([0, None, 3, 4]), first_true([], "none"))
print(list(sliding_window("ABCDEFG", 4)), list(triplewise("ABCDEFG")))
t, rest = before_and_after(str.isupper, "ABCdEfGhI")
print("".join(t), "".join(rest))
print(list(accumulate([1, 2, 3, 4], operator.mul)), list(compress(range(10), cycle([1, 0]))))
print(list(takewhile(lambda x: x < 10, accumulate(count(1)))), len(list(permutations("abcd"))))
print(sum(1 for _ in product("ab", repeat=4)), functools.reduce(operator.add, range(10)))
