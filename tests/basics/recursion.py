# recursion: deep (but legal) recursion works; runaway recursion raises a catchable RecursionError.
import sys

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(500) % (10 ** 9 + 7), len(str(fact(500))))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))

# mutual recursion
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(800), is_odd(801))

# runaway recursion
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__)
# and again: the interpreter recovered
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
print(depth(500))

# runaway recursion through methods, __repr__ and __getattr__
class Loop:
    def m(self):
        return self.m()
try:
    Loop().m()
except RecursionError as e:
    print('method', type(e).__name__)

class SelfRepr:
    def __repr__(self):
        return repr(self)
try:
    repr(SelfRepr())
except RecursionError as e:
    print('repr', type(e).__name__)

class GA:
    def __getattr__(self, name):
        return self.missing
try:
    GA().x
except RecursionError as e:
    print('getattr', type(e).__name__)

# recursion in a generator chain
def rgen(n):
    if n:
        yield from rgen(n - 1)
    yield n
print(sum(rgen(300)))

# recursion through a lambda and a closure
f = lambda n: n if n < 2 else f(n - 1) + f(n - 2)
print(f(18))

def outer():
    def inner(n):
        return 0 if n == 0 else 1 + inner(n - 1)
    return inner(700)
print(outer())

# recursion with try/finally at every level
count = 0
def with_finally(n):
    global count
    try:
        if n == 0:
            raise ValueError('bottom')
        with_finally(n - 1)
    finally:
        count += 1
try:
    with_finally(400)
except ValueError:
    print('finally count', count)

# recursive data structure printing (recursion guard in containers)
l = [1]
l.append(l)
print(l)
d = {'a': 1}
d['self'] = d
print(d)

# exceeding limit set lower
old = sys.getrecursionlimit()
sys.setrecursionlimit(200)
try:
    depth(500)
except RecursionError:
    print('lower limit hit')
sys.setrecursionlimit(old)
print(depth(900))

# recursion via sorting key / map (C calls back into Python)
def nested_sort(n):
    if n == 0:
        return [0]
    return sorted(nested_sort(n - 1), key=lambda v: -v) + [n]
print(nested_sort(50)[:5])
def runaway_key(x):
    return sorted([x], key=runaway_key)
try:
    runaway_key(1)
except RecursionError as e:
    print('via sorted', type(e).__name__)
