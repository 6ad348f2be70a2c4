# decorators: function and class decorators, stacked, with arguments.

def trace(fn):
    def wrapper(*a, **k):
        print('call', fn.__name__, a, k)
        r = fn(*a, **k)
        print('ret', r)
        return r
    wrapper.__name__ = 'wrapped_' + fn.__name__
    return wrapper

@trace
def add(a, b):
    return a + b
add(1, 2)
add(a=1, b=5)
print(add.__name__)

# stacked: applied bottom-up
def tag(t):
    def deco(fn):
        def w(*a):
            return '<%s>%s</%s>' % (t, fn(*a), t)
        return w
    return deco

@tag('b')
@tag('i')
def hello(name):
    return 'hi ' + name
print(hello('bob'))

# decorator evaluation order
def noisy(name):
    print('make', name)
    def deco(fn):
        print('apply', name)
        return fn
    return deco

@noisy('first')
@noisy('second')
def f():
    pass

# decorator with arguments and state
def count_calls(start=0):
    def deco(fn):
        def w(*a, **k):
            w.calls += 1
            return fn(*a, **k)
        w.calls = start
        return w
    return deco

@count_calls(100)
def g():
    return 'g'
g(); g(); g()
print(g.calls)

# decorator that returns a non-function
@lambda fn: fn.__name__.upper()
def shouting():
    pass
print(shouting)

# arbitrary expression decorators (3.9+)
decos = [trace]
@decos[0]
def h():
    return 'h'
h()

class Reg:
    def __init__(self):
        self.items = []
    def register(self, fn):
        self.items.append(fn.__name__)
        return fn
reg = Reg()
@reg.register
def one(): pass
@reg.register
def two(): pass
print(reg.items)

# class decorators
def add_method(cls):
    cls.extra = lambda self: 'extra from ' + type(self).__name__
    return cls

@add_method
class A:
    pass
print(A().extra())

def singleton(cls):
    inst = cls()
    return lambda: inst
@singleton
class S:
    pass
print(S() is S())

def with_repr(cls):
    def __repr__(self):
        return '%s(%s)' % (cls.__name__, ', '.join('%s=%r' % kv for kv in vars(self).items()))
    cls.__repr__ = __repr__
    return cls

@with_repr
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
print(P(1, 'two'))

# class as decorator
class Memo:
    def __init__(self, fn):
        self.fn = fn
        self.cache = {}
    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.fn(n)
        return self.cache[n]

@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), len(fib.cache))

# decorated methods
def method_deco(fn):
    def w(self, *a):
        return 'deco:' + fn(self, *a)
    return w

class M:
    @method_deco
    def m(self, x):
        return x
    @staticmethod
    @trace
    def st(x):
        return x * 2
    @classmethod
    def cm(cls):
        return cls.__name__
print(M().m('v'), M.st(4), M.cm(), M().cm())

# decorator on a class method defined via decorator that takes the class
def deco_on_nested():
    @trace
    def inner(v):
        return v
    return inner(9)
deco_on_nested()
