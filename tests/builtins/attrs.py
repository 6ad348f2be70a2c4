# getattr / setattr / delattr / hasattr, and the iter/next basics.
class A:
    x = 1

    @property
    def bad(self):
        raise AttributeError('inner')

    @property
    def worse(self):
        raise ValueError('boom')


a = A()
print(getattr(a, 'x'), getattr(a, 'y', 'dflt'), getattr(a, 'bad', 'dflt2'))
print(hasattr(a, 'x'), hasattr(a, 'y'), hasattr(a, 'bad'))
setattr(a, 'y', 5)
print(a.y, hasattr(a, 'y'))
delattr(a, 'y')
print(hasattr(a, 'y'))
for f, args in [(getattr, (a, 'y')), (getattr, (a, 1)), (getattr, (a,)), (getattr, (a, 'worse', 0)),
                (hasattr, (a, 'worse')), (setattr, (a, 1, 2)), (delattr, (a, 'nope')),
                (hasattr, (a, 2)), (delattr, (a,)), (setattr, (1, 'x', 2))]:
    try:
        print(f.__name__, f(*args))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)

it = iter([1, 2])
print(next(it), next(it), next(it, 'end'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', e.args)
for bad in [[], 1, 'abc']:
    try:
        next(bad)
    except TypeError as e:
        print(e)
try:
    iter(1)
except TypeError as e:
    print(e)
try:
    iter(1, 2)
except TypeError as e:
    print(e)


def gen():
    yield 1
    return 5


g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('gen stop', e.value)

n = 0


def counter():
    global n
    n += 1
    return n


ci = iter(counter, 4)
print(list(ci), list(ci))
print(type(ci).__name__)


class Stopper:
    def __init__(self):
        self.i = 0

    def __call__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i


print(list(iter(Stopper(), None)))
print(iter(counter, 100).__reduce__()[1][1])
