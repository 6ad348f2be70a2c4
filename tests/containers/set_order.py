# Set iteration order must be CPython's for values whose hashes are CPython's (ints, floats,
# tuples, bools, frozensets; not None, whose hash is its address in CPython 3.11): same table sizes, probing, growth and dummy reuse.

print({5, 3, 1000, -1})
print({1, 2, 3}, {3, 2, 1}, {8, 16, 24, 0}, {-1, -2, -3}, {2**60, 2**61, 2**62, 2**63})
print(set(range(20)), set(range(100, 0, -7)))
print({i * 8 for i in range(12)})
print({i * 1000003 for i in range(30)})
print({x % 17 * 31 for x in range(200)})
print({(i, i + 1) for i in range(10)})
print({(1, 2), (2, 1), (), (True, 1.5)})
print({True, False, 0.5, -0.25, 1e100, float('inf')})
print({frozenset(), frozenset({1}), frozenset({1, 2}), frozenset({2, 3})})
# Values added one by one (set_literals.py has displays of colliding constants).
for vals in [(5, 3, 1000, -1), (3, 11, 19), (2**47 - 1, -2**47, 2**47, 2**64 + 1, -(2**64)),
             (1.5, 2.5, 3.25, 10.0, 1e-10, -7.75), ((1, 2), (2, 1), (), (True, 1.5)),
             tuple(range(0, 100, 8)), (8, 16, 24, 0), (-1, -2, -3)]:
    s = set()
    for v in vals:
        s.add(v)
    print(s, set(vals), set(list(vals)), frozenset(vals), set(frozenset(vals)))

# growth: print the order after each of many insertions
s = set()
for i in range(0, 300, 7):
    s.add(i * 37 % 1001)
    if i % 49 == 0:
        print(len(s), list(s)[:12])
print(s)

# removals leave dummies; later additions may reuse them
s = {1, 2, 3}
s.remove(2)
s.add(10)
print(s)
s = set(range(40))
for i in range(0, 40, 3):
    s.discard(i)
print(s)
for i in range(100, 130):
    s.add(i)
print(s)
s = set(range(10))
for i in range(10):
    s.remove(i)
    s.add(i + 64)
print(s)

# pop order and the finger
s = set(range(0, 50, 3))
print([s.pop() for _ in range(5)], s)
s.add(0); s.add(1)
print(s.pop(), s.pop(), s)

# operations build their results in CPython's order
a = set(range(0, 60, 4))
b = set(range(0, 60, 6))
print(a | b, b | a)
print(a & b, b & a, a - b, b - a, a ^ b, b ^ a)
print(a.union(range(100, 90, -1), [7, 5]), a.intersection(b, range(0, 30)))
print(a.difference(b, [8, 16]), a.symmetric_difference(range(10)))
print(set([3, 1, 2]) | {300, 100}, frozenset([9, 1]) | {17, 33})
c = set(a); c |= set(range(50, 70)); print(c)
c = set(a); c &= b; print(c)
c = set(a); c -= b; print(c)
c = set(a); c ^= set(range(10, 30)); print(c)
c = set(a); c.update([99, 98], {1000, 2000}); print(c)
c = set(a); c.intersection_update(range(20), b); print(c)
c = set(a); c.difference_update(range(20), [44]); print(c)
c = set(a); c.symmetric_difference_update({1: 2, 4: 5, 300: 1}); print(c)
big = set(range(1000))
print(list(big - {5})[:10], list(big & set(range(0, 2000, 9)))[:10])
print(set({17: 1, 1: 2, 33: 3, 9: 4}), set([17, 1, 33, 9]))
print(set(dict.fromkeys(range(40, 0, -3))))
d = {k: None for k in range(100, 0, -9)}
print(set(d), set(d.keys()), d.keys() | {1}, d.keys() - {19}, d.keys() & {28, 1, 19},
      d.keys() ^ {5, 28})
print(set(x * x for x in range(-10, 10)))
print(frozenset(range(10, -10, -1)), frozenset({-5, 5}) | frozenset({0}))
print(set([1.0, 1, True]), {0, 0.0, False, -0.0})
s = set()
for i in range(50):
    s.add(i)
    s.discard(i - 5)
print(s)
s = set(range(64))
s -= set(range(0, 64, 2))
print(s)
s = set(range(200))
s -= set(range(10, 190))
print(s)
