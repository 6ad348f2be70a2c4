# PEP 479: StopIteration raised inside a generator becomes RuntimeError; exceptions in generators.

def leaky():
    yield 1
    raise StopIteration('leaked')

g = leaky()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__), repr(e.__context__))

def next_on_empty():
    it = iter([])
    yield next(it)
try:
    list(next_on_empty())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

# in a generator expression
try:
    list(next(iter([])) for _ in range(1))
except RuntimeError as e:
    print('genexp', type(e).__name__, e)

# StopIteration subclass too
class MyStop(StopIteration):
    pass
def leaky2():
    raise MyStop
    yield
try:
    next(leaky2())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)

# catching StopIteration inside the generator is fine
def careful():
    it = iter([1])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return 'done'
        yield v
g = careful()
print(list(g))

# StopIteration in a list comprehension (not a generator) propagates unchanged
try:
    [next(iter([])) for _ in range(1)]
except StopIteration:
    print('listcomp: StopIteration propagates')
except RuntimeError:
    print('listcomp: RuntimeError')

# StopIteration thrown into generator
def waiting():
    yield 1
    yield 2
g = waiting()
next(g)
try:
    g.throw(StopIteration)
except RuntimeError as e:
    print('thrown StopIteration ->', type(e).__name__, e)

# in a regular function, StopIteration is just an exception
def plain():
    raise StopIteration('plain')
try:
    plain()
except StopIteration as e:
    print('plain', e)

# a for loop stops on StopIteration from __next__ of a class iterator
class Two:
    def __init__(self):
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.i += 1
        if self.i > 2:
            raise StopIteration
        return self.i
print(list(Two()), [x for x in Two()])

# exceptions other than StopIteration pass through unchanged
def other():
    yield 1
    raise KeyError('k')
try:
    for v in other():
        print('got', v)
except KeyError as e:
    print('KeyError passed through', e)

# generator that raises during first next
def immediate():
    raise ValueError('first')
    yield
g = immediate()
try:
    next(g)
except ValueError as e:
    print(e)
print(next(g, 'gen is finished'))

# return in generator with a value, as seen by for loop (ignored) and list
def ret():
    yield 'x'
    return 'ignored by for'
print([v for v in ret()])

# zip/map stop cleanly when generators end
print(list(zip((i for i in range(3)), 'abcdef')))
print(list(map(lambda a, b: a + b, (i for i in range(3)), [10, 20])))
