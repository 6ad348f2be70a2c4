# list: methods, operators, comparison, repr, iteration and the error messages.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2, 3]
a.append(4); a.extend([5, 6]); a.extend((7,)); a.extend(range(8, 10)); a.extend('ab')
print(a, len(a))
a.extend(a)
print(a)
a = [0, 1, 2]
a.insert(0, 'x'); a.insert(100, 'end'); a.insert(-1, 'pen'); a.insert(-100, 'start'); a.insert(2, 'mid')
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a.pop(True), a)
show(lambda: [].pop())
show(lambda: [1].pop(1))
show(lambda: [1].pop(-2))
show(lambda: [1].pop('a'))
show(lambda: [1].pop(1, 2))
show(lambda: [1].pop(index=0))
a = [1, 2, 3, 2, 1]
a.remove(2)
print(a)
show(lambda: a.remove(9))
print(a.index(1), a.index(1, 1), a.index(2, -3), a.index(3, 0, 3), a.count(1), a.count(7))
show(lambda: a.index(9))
show(lambda: a.index('x'))
show(lambda: a.index(3, 3))
show(lambda: a.index(1, 1, 2))
show(lambda: a.index(1, None))
show(lambda: a.index())
show(lambda: a.index(1, 2, 3, 4))
print(a.index(1, -100), a.index(1, 0, 100))
show(lambda: a.index(1, 10**30))
show(lambda: a.append())
show(lambda: a.append(1, 2))
show(lambda: a.append(x=1))
show(lambda: a.insert(1))
show(lambda: a.insert('a', 1))
show(lambda: a.extend(5))
show(lambda: a.extend())
show(lambda: a.copy(1))
show(lambda: a.clear(1))
show(lambda: a.count())
show(lambda: a.remove())
show(lambda: a.reverse(1))
b = a.copy()
b.reverse()
print(a, b, a is b, b.copy() == b)
b.clear()
print(b, a)

# operators
print([1] + [2], [1] * 3, 3 * [1], [1, 2] * 0, [1, 2] * -5, [] * 5, [None] * 2)
show(lambda: [1] + (2,))
show(lambda: [1] + 'a')
show(lambda: [1] + None)
show(lambda: [1] * 1.5)
show(lambda: 1.5 * [1])
show(lambda: [1] * [2])
show(lambda: [1] * (2**100))
show(lambda: [] * (2**100))
show(lambda: [1, 2] * (2**62))
c = [1, 2]
d = c
c += (3, 4)
c += 'ab'
c += range(2)
c *= 2
print(c, d is c)
c *= 0
print(c, d)
c = [1]
c *= -1
print(c)
def iadd_bad():
    x = [1]
    x += 5
show(iadd_bad)
def imul_bad():
    x = [1]
    x *= 'a'
show(imul_bad)

# comparisons
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [1] == [1], [1] != [1.0], [2] > [1, 5],
      [1, 2] <= [1, 2], [1, 2] >= [1, 3], [[1]] == [[1]], [1] == (1,))
show(lambda: [1] < ['a'])
show(lambda: [1] < (1,))
show(lambda: [1] < 1)
nan = float('nan')
x = [nan]
print(x == x, x == [nan], nan in x, x.count(nan), x.index(nan))

class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print('eq', self.v, o if isinstance(o, int) else o.v)
        return False
    __hash__ = None
e1, e2 = Eq(1), Eq(2)
print([e1, e2] == [e1, e2])
print([e1] == [e2])
print(3 in [e1, e2], e1 in [e1], [e1, e2].count(5))

# repr and recursion
r = [1, 'a', None, 2.5, [3]]
r.append(r)
print(r, repr([]), str([[]]))
r2 = [1]
r3 = [r2]
r2.append(r3)
print(r2, r3)
class BadRepr:
    def __repr__(self):
        raise ValueError('no repr')
br = [1, BadRepr()]
show(lambda: repr(br))
br.pop()
print(br, [br, br])

# iteration
it = iter([1, 2, 3])
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__(), list(it), list(it))
l = [1, 2]
it = iter(l)
print(next(it), next(it))
show(lambda: next(it))
l.append(3)
show(lambda: next(it))
l = [1, 2, 3]
out = []
for v in l:
    out.append(v)
    if v < 3:
        l.append(v + 10)
print(out, l)
rv = reversed([1, 2, 3])
print(type(rv).__name__, rv.__length_hint__(), list(rv), rv.__length_hint__())
l = [1, 2, 3]
rv = reversed(l)
print(next(rv))
l.clear()
show(lambda: next(rv))
print(list(reversed([])), list(l.__reversed__()))

# constructor
print(list(), list([1]), list((1, 2)), list('ab'), list(range(3)), list({1: 2}), list({5}))
show(lambda: list(1))
show(lambda: list(1, 2))
show(lambda: list(x=1))
l = [1, 2]
l.__init__([3])
print(l)
l.__init__()
print(l)
print(list.__len__([1, 2]), list.__getitem__([1, 2], 1), [1, 2].__contains__(2))
print([1, 2].__sizeof__() > 0, len([0] * 1000))
show(lambda: hash([]))
print(bool([]), bool([0]), [] == [], [] is not [])

# reflected operators: a class with __radd__/__rmul__ gets its chance before the error
class RAdd:
    def __radd__(self, other):
        return ('radd', other)
    def __rmul__(self, other):
        return ('rmul', other)
class Plain:
    pass
class MyInt(int):
    pass
print([1] + RAdd(), (1,) + RAdd(), [1] * RAdd(), (2,) * RAdd())
show(lambda: [1] + Plain())
show(lambda: (1,) + Plain())
show(lambda: [1] + MyInt(1))
show(lambda: [1] * Plain())
print([1] * MyInt(2), MyInt(2) * (3,))
