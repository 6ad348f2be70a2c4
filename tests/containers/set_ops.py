# set and frozenset: methods, operators, comparisons, hashing, repr and error messages.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(set(), frozenset(), {1}, frozenset({1}), frozenset([1, 2]), repr(set()), str({2}))
print(type({1} | frozenset({2})).__name__, type(frozenset({2}) | {1}).__name__)
print(type(frozenset() & set()).__name__, type(set() - frozenset()).__name__,
      type(frozenset() ^ set()).__name__)
s = {1, 2, 3}
s.add(4); s.add(1); s.discard(2); s.discard(99); s.remove(3)
print(s, len(s), 1 in s, 2 in s, 2 not in s)
show(lambda: s.remove(99))
show(lambda: s.remove((1, 2)))
show(lambda: s.add([1]))
show(lambda: {[1]})
show(lambda: set([[1]]))
show(lambda: [] in s)
show(lambda: s.discard({}))
show(lambda: set().pop())
show(lambda: s.add())
show(lambda: s.add(1, 2))
show(lambda: s.pop(1))
show(lambda: s.union(x=1))
show(lambda: s.issubset())
show(lambda: frozenset().issubset(1))
show(lambda: s.update(1))
show(lambda: s.update([1], 2))
show(lambda: s | [1])
show(lambda: [1] | s)
show(lambda: s & 1)
show(lambda: s - (1,))
show(lambda: s ^ None)
show(lambda: s < [1])
show(lambda: set(1))
show(lambda: set([1], [2]))
show(lambda: set(a=1))
show(lambda: frozenset(a=1))
show(lambda: frozenset(1, 2))
show(lambda: frozenset(1))
show(lambda: hash(set()))
show(lambda: {frozenset(): 1, set(): 2})
def ior():
    x = {1}
    x |= [2]
show(ior)
def fior():
    x = frozenset({1})
    y = x
    x |= {2}
    return x, y, x is y
show(fior)

# sets inside sets: a set key is looked up as a frozenset
ss = {frozenset({1, 2}), frozenset()}
print({1, 2} in ss, set() in ss, {3} in ss, frozenset({2, 1}) in ss)
ss2 = set(ss)
ss2.remove({2, 1}); ss2.discard(set())
print(ss2)
show(lambda: ss2.remove({7}))
show(lambda: ss2.add({7}))

# comparisons
a, b = {1, 2}, {1, 2, 3}
print(a < b, a <= b, b > a, b >= a, a == b, a != b, a < a, a <= a, a == frozenset(a),
      frozenset(a) == a, a > b, a >= b)
print(a == [1, 2], a != (1, 2), {1} == {1.0}, set() == frozenset())
print(a.issubset(b), a.issubset([1, 2]), b.issuperset(a), b.issuperset(range(3)),
      a.issubset(range(2)), a.isdisjoint({3}), a.isdisjoint([2]), a.isdisjoint(a),
      set().isdisjoint(set()), a.isdisjoint(iter([5, 6])))
print(frozenset({1, 2}) == frozenset({2, 1}), hash(frozenset({1, 2})) == hash(frozenset({2, 1})))

# frozenset hashes are CPython's
for f in [frozenset(), frozenset({0}), frozenset({1}), frozenset({-1}), frozenset({1, 2}),
          frozenset(range(10)), frozenset(range(100)), frozenset({(1, 2), True, 1.5}),
          frozenset({frozenset({1}), frozenset()}), frozenset({True, 2**70})]:
    print(sorted(f, key=repr)[:5], hash(f))
f = set(range(20))
for i in range(0, 20, 2):
    f.discard(i)
print(hash(frozenset(f)), frozenset(f) == frozenset(range(1, 20, 2)))

# methods with several arguments and copies
a = {1, 2, 3, 4}
print(a.union(), a.union([5], (6,), {7}), a.intersection(), a.intersection([1, 2], {2, 9}),
      a.difference(), a.difference([1], {2}), a.symmetric_difference([4, 5]))
print(a.copy() == a, a.copy() is a, type(a.copy()).__name__)
f = frozenset(a)
print(f.copy() is f, frozenset(f) is f, f.union() == f, f.union() is f)
c = set(a)
c.intersection_update([1, 2, 3], [2, 3])
print(c)
c.intersection_update()
print(c)
c.clear()
print(c, len(c))
c.update()
c.update([1], (2,), {3: 4}, 'x')
print(sorted(c, key=str))
c.difference_update()
c.difference_update([1], [2])
print(sorted(c, key=str))
c.symmetric_difference_update(['x', 9])
print(c)
x = {1, 2}
x ^= x
print(x)
x = {1, 2}
x -= x
print(x)
x = {1, 2}
x &= x
print(x)
x = {1, 2}
x |= x
print(x)
print(x.union(x), x.intersection(x), x.difference(x), x.symmetric_difference(x))
x.difference_update(x); print(x)
x = {1}; x.symmetric_difference_update(x); print(x)

# iteration
s = {1, 2, 3}
it = iter(s)
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__())
s.add(4)
show(lambda: next(it))
show(lambda: next(it))
s = {1, 2, 3}
def mutate():
    for v in s:
        s.discard(v)
show(mutate)
print(s)
s = {1, 2, 3}
for v in s:
    s.discard(v)
    s.add(v + 100)
    break
print(sorted(s))

# subclasses
class MySet(set):
    pass
class MyFrozen(frozenset):
    pass
m = MySet([3, 1])
print(m, repr(MySet()), MyFrozen([1]), repr(MyFrozen()), type(m | {1}).__name__,
      type(m.copy()).__name__, type(MyFrozen([1]).copy()).__name__, type(m & m).__name__)
m.x = 5
print(m.__reduce__()[0].__name__, m.__reduce__()[1], m.__reduce__()[2])
print({1}.__reduce__(), frozenset([2]).__reduce__())
show(lambda: MySet([1], [2]))
show(lambda: MyFrozen([1], [2]))
print(MyFrozen([1, 2]) == frozenset([1, 2]), hash(MyFrozen([1, 2])) == hash(frozenset([1, 2])))
class Recursive(set):
    def __repr__(self):
        return 'R' + set.__repr__(self)
print(Recursive([1]))
print(set.__len__({1, 2}), set.__contains__({1}, 1), {1, 2}.__sizeof__() > 0)
print(set('abc') == {'a', 'b', 'c'}, sorted({'x', 'y'}), len(set(range(1000))))
print(set(x for x in range(5) if x % 2), {*range(3), *[7]}, sorted({*'ab'}))
