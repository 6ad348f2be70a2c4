# Closures: counters, late binding, nested 3 deep, cells shared between closures.

def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc

c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2(), c1(), c2())

# late binding in loops
fs = []
for i in range(4):
    fs.append(lambda: i)
print([f() for f in fs])

# early binding via default
fs = [lambda i=i: i for i in range(4)]
print([f() for f in fs])

# late binding within a comprehension
fs = [lambda: j for j in range(3)]
print([f() for f in fs])

# closure sees later assignment to the variable
def late():
    def get():
        return v
    v = 'assigned after def'
    return get
print(late()())

# nested three deep
def a():
    x = 1
    def b():
        y = 2
        def c():
            z = 3
            def d():
                return x + y + z
            return d
        return c
    return b
print(a()()()())

def a2():
    x = 'ax'
    def b():
        def c():
            nonlocal x
            x = x + '!'
            return x
        return c
    r = b()
    r(); r()
    return x
print(a2())

# cells shared between closures
def pair():
    v = 0
    def get():
        return v
    def put(n):
        nonlocal v
        v = n
    return get, put
g, p = pair()
print(g()); p(5); print(g()); p('x'); print(g())

# closure over a parameter
def adder(n):
    return lambda x: x + n
add3 = adder(3)
print(add3(10), adder('a')('b'))

# closure cells introspection
def mk():
    a = 1
    b = 2
    def f():
        return a, b
    return f
f = mk()
print(f.__code__.co_freevars, [c.cell_contents for c in f.__closure__])
print(mk.__code__.co_cellvars)
print(counter.__closure__)

# closure over loop variable in a function (cell updated each iteration)
def loop_cells():
    out = []
    for k in range(3):
        def show():
            return k
        out.append(show)
    return [s() for s in out]
print(loop_cells())

# class body inside function sees enclosing function locals
def cls_factory(val):
    class K:
        attr = val
        def m(self):
            return val * 2
    return K
K = cls_factory(21)
print(K.attr, K().m())

# class scope is not visible from nested functions
x = 'global x'
class Scope:
    x = 'class x'
    def m(self):
        return x
    lst = [x for _ in range(1)]  # comprehension skips class scope too
print(Scope().m(), Scope.lst)

# a parameter captured and also modified
def acc(total):
    def add(n):
        nonlocal total
        total += n
        return total
    return add
a = acc(100)
print(a(1), a(10), a(100))

# recursion via closure
def make_fact():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact
print(make_fact()(20))

# unbound free variable
def unbound():
    def inner():
        return zz
    r = inner
    try:
        r()
    except NameError as e:
        print(type(e).__name__, e)
    zz = 1
    print(r())
unbound()

def deleted_cell():
    q = 1
    def inner():
        return q
    del q
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
deleted_cell()

# generators close over variables too
def gen_closure():
    base = 10
    def gen():
        for i in range(3):
            yield base + i
    base = 100
    return list(gen())
print(gen_closure())
