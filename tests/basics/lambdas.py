# lambdas: defaults, closures, immediately called, in data structures.

sq = lambda x: x * x
print(sq(7), sq.__name__, sq.__qualname__)

add = lambda a, b=10, *rest, k=1, **kw: (a, b, rest, k, sorted(kw))
print(add(1), add(1, 2), add(1, 2, 3, 4, k=5, z=6, y=7))

print((lambda: 'called at once')())
print((lambda *a: a)(1, 2, 3))
print((lambda **k: sorted(k.items()))(x=1, y=2))
print((lambda a, /, b: (a, b))(1, b=2))
print((lambda *, only: only)(only='kw'))

ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b, '*': lambda a, b: a * b}
for k in '+-*':
    print(k, ops[k](6, 3))

print(sorted(['bb', 'a', 'ccc'], key=lambda s: -len(s)))
print(list(map(lambda x: x * 2, range(5))))
print(list(filter(lambda x: x % 2, range(10))))

# nested lambdas and currying
curry = lambda a: lambda b: lambda c: a + b + c
print(curry(1)(2)(3))

# lambda with conditional expression
sign = lambda n: 'neg' if n < 0 else 'zero' if n == 0 else 'pos'
print([sign(n) for n in (-2, 0, 5)])

# defaults are evaluated at creation
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])

# lambda in class body
class C:
    f = lambda self: 'method via lambda'
    s = staticmethod(lambda: 'static lambda')
print(C().f(), C.s())

# lambda returning a tuple, a lambda with a walrus
print((lambda: (1, 2))())
print((lambda n: (y := n * 2, y + 1))(5))

# lambda __defaults__ and code
l = lambda a, b=2, *, c=3: None
print(l.__defaults__, l.__kwdefaults__, l.__code__.co_argcount)
print(l.__doc__)

# recursion through a name
fact = lambda n: 1 if n < 2 else n * fact(n - 1)
print(fact(10))

# lambda referencing an enclosing variable later changed
def outer():
    v = 1
    f = lambda: v
    v = 2
    return f()
print(outer())

# yield inside lambda makes a generator
g = (lambda: (yield 1))()
print(type(g).__name__, next(g))
