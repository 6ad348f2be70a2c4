# generators: next, send, throw, close, state, generator expressions, infinite generators.

def simple():
    print('start')
    yield 1
    print('middle')
    yield 2
    print('end')

g = simple()
print(type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('StopIteration', e.value)
print(next(g, 'exhausted'))
print(list(simple()))

# return value in StopIteration
def with_return():
    yield 'a'
    return 'result'
g = with_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print('value', repr(e.value), e.args)

# send
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
g = echo()
print(g.send(None))
print(g.send('a'), g.send('b'), g.send('c'))
try:
    g.send(None)
except StopIteration as e:
    print('echo returned', e.value)

# send non-None to just-started generator
g = echo()
try:
    g.send(5)
except TypeError as e:
    print(type(e).__name__, e)

# running average coroutine
def averager():
    total = 0.0
    n = 0
    avg = None
    while True:
        v = yield avg
        total += v
        n += 1
        avg = total / n
a = averager()
next(a)
print([a.send(v) for v in (10, 20, 30, 40)])

# throw
def catcher():
    while True:
        try:
            yield 'ready'
        except ValueError as e:
            print('generator caught', e)
            yield 'handled'
g = catcher()
print(next(g))
print(g.throw(ValueError('boom')))
print(next(g))
try:
    g.throw(KeyError('not caught'))
except KeyError as e:
    print('propagated', repr(e))
print(next(g, 'dead'))

# throw with class, and into unstarted generator
def gen2():
    yield 1
g = gen2()
try:
    g.throw(IndexError)
except IndexError as e:
    print('unstarted throw', repr(e))
print(next(g, 'finished'))

# close
def closable():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('got GeneratorExit')
        raise
    finally:
        print('closable finally')
g = closable()
next(g)
g.close()
g.close()  # closing twice is fine
print(next(g, 'after close'))

def bad_close():
    try:
        yield 1
    except GeneratorExit:
        yield 'ignored exit'
g = bad_close()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(type(e).__name__, e)

# close an unstarted generator: no finally executed
g = closable()
g.close()
print('closed unstarted')

# generator returning in GeneratorExit handler is fine
def ret_on_close():
    try:
        yield
    except GeneratorExit:
        return 'ignored'
g = ret_on_close()
next(g)
print(g.close())

# gi_running / gi_frame / state
def state():
    yield 1
g = state()
print(g.gi_running, g.gi_frame is not None, g.__name__, g.__qualname__)
list(g)
print(g.gi_frame)

# generator already executing
def self_ref():
    yield next(me)
me = self_ref()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)

# infinite generator with manual islice
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def take(n, it):
    it = iter(it)
    out = []
    for _ in range(n):
        out.append(next(it))
    return out
print(take(5, naturals()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(take(15, fib()))
evens = (x for x in naturals() if x % 2 == 0)
print(take(5, evens))

# generator expressions
ge = (x * x for x in range(5))
print(type(ge).__name__, list(ge), list(ge))
print(sum(x for x in range(101)), max(len(w) for w in ['a', 'bbb', 'cc']))
print(list((x, y) for x in range(3) for y in range(x)))
print(list(x for x in range(20) if x % 3 if x % 2))
# outermost iterable evaluated immediately
try:
    ge = (x for x in 5)
except TypeError as e:
    print('eager', type(e).__name__, e)
# rest is lazy
def noisy(n):
    print('noisy', n)
    return n
ge = (noisy(x) for x in range(3))
print('created')
print(next(ge))

# generator in a class, generator methods
class Tree:
    def __init__(self, v, *kids):
        self.v = v
        self.kids = kids
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
t = Tree(1, Tree(2, Tree(3)), Tree(4))
print(list(t.walk()))

# generator local state preserved across yields
def acc():
    total = 0
    for i in range(5):
        total += i
        yield total
print(list(acc()))

# multiple independent generator instances
g1, g2 = naturals(), naturals()
next(g1); next(g1)
print(next(g1), next(g2))

# yield as expression in various positions
def exprs():
    x = (yield 1) + (yield 2)
    yield x
    y = [(yield 'list')]
    yield y
g = exprs()
print(next(g), g.send(10), g.send(20), next(g), g.send('in list'))

# yield in try/finally with return
def tryyield():
    try:
        yield 1
        return 'done'
    finally:
        print('tryyield finally')
print(list(tryyield()))

# iterating a generator twice
g = (i for i in range(2))
print(list(g), list(g))

# generators and exceptions raised inside
def raiser():
    yield 1
    raise ValueError('inside gen')
g = raiser()
print(next(g))
try:
    next(g)
except ValueError as e:
    print('raised', e)
print(next(g, 'stopped after exception'))

# send after exhaustion
def one():
    yield 1
g = one()
list(g)
try:
    g.send(None)
except StopIteration:
    print('send after end: StopIteration')

# throw after exhaustion re-raises given exception
try:
    g.throw(KeyError('late'))
except KeyError as e:
    print('late throw', repr(e))
