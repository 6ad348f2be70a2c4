# yield from: value passing, return value, send/throw/close delegation.

def inner():
    x = yield 'inner 1'
    print('inner got', x)
    y = yield 'inner 2'
    print('inner got', y)
    return 'inner result'

def outer():
    r = yield from inner()
    print('outer got result', r)
    yield 'outer done'
    return 'outer result'

g = outer()
print(next(g))
print(g.send('A'))
print(g.send('B'))
try:
    next(g)
except StopIteration as e:
    print('final', e.value)

# yield from iterables
def flat():
    yield from [1, 2]
    yield from (3, 4)
    yield from range(5, 7)
    yield from 'ab'
    yield from {'k': 1}
print(list(flat()))

# nested delegation
def level(n):
    if n == 0:
        yield 'bottom'
        return 0
    r = yield from level(n - 1)
    yield 'level %d' % n
    return r + 1
g = level(3)
print(list(g))
def collect():
    r = yield from level(4)
    print('depth', r)
list(collect())

# throw is delegated
def sub():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('sub caught', e)
        yield 'sub recovered'
def deleg():
    yield from sub()
    yield 'deleg continues'
g = deleg()
print(next(g))
print(g.throw(ValueError('thrown')))
print(next(g))

# throw not caught by subgenerator propagates to delegator
def sub2():
    yield 1
def deleg2():
    try:
        yield from sub2()
    except KeyError as e:
        print('delegator caught', repr(e))
        yield 'delegator recovered'
g = deleg2()
next(g)
print(g.throw(KeyError('k')))

# close is delegated
def sub3():
    try:
        yield 1
    finally:
        print('sub3 finally')
def deleg3():
    try:
        yield from sub3()
    finally:
        print('deleg3 finally')
g = deleg3()
next(g)
g.close()

# send delegation to an iterator without send
def deleg4():
    yield from iter([1, 2, 3])
g = deleg4()
print(next(g))
try:
    g.send('x')
except AttributeError as e:
    print(type(e).__name__, e)

# yield from a generator that returns immediately
def empty():
    return 'empty result'
    yield
def use_empty():
    r = yield from empty()
    yield r
print(list(use_empty()))

# StopIteration value through yield from with a custom iterator
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration('custom value')
        return self.n
def use_it():
    r = yield from It()
    yield r
print(list(use_it()))

# yield from non-iterable
def bad():
    yield from 5
try:
    list(bad())
except TypeError as e:
    print(type(e).__name__, e)

# generator-based coroutine pipeline
def printer():
    while True:
        item = yield
        print('printer', item)
def filt(target):
    while True:
        item = yield
        if item % 2:
            target.send(item)
p = printer(); next(p)
f = filt(p); next(f)
for i in range(6):
    f.send(i)

# return value of yield from when subgenerator returns None
def noret():
    yield 1
def d():
    r = yield from noret()
    yield repr(r)
print(list(d()))

# sub-generator exception propagates through yield from
def failing():
    yield 1
    raise IndexError('sub failed')
def wrapper():
    try:
        yield from failing()
    except IndexError as e:
        yield 'wrapper caught ' + str(e)
print(list(wrapper()))

# gi_yieldfrom
def watch():
    yield from sub3()
g = watch()
next(g)
print(type(g.gi_yieldfrom).__name__)
g.close()
