# global, nonlocal, local scoping rules, UnboundLocalError.

g = 1
def read_g():
    return g
def write_g():
    global g
    g = 2
print(read_g()); write_g(); print(read_g(), g)

def make_global():
    global newly_made
    newly_made = 'made'
make_global()
print(newly_made)

def local_shadow():
    g = 'local'
    return g
print(local_shadow(), g)

def unbound_local():
    try:
        print(g)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    g = 5
unbound_local()

def unbound_local2():
    try:
        g += 1
    except UnboundLocalError as e:
        print(type(e).__name__, isinstance(e, NameError), e)
unbound_local2()

def name_error():
    try:
        print(not_defined_anywhere)
    except NameError as e:
        print(type(e).__name__, e)
name_error()

try:
    del not_defined_either
except NameError as e:
    print(type(e).__name__, e)

def nonlocal_chain():
    v = 0
    def mid():
        def inner():
            nonlocal v
            v += 1
        inner(); inner()
    mid()
    return v
print(nonlocal_chain())

def nonlocal_nearest():
    v = 'outer'
    def mid():
        v = 'mid'
        def inner():
            nonlocal v
            v = 'changed'
        inner()
        return v
    return mid(), v
print(nonlocal_nearest())

# global declared in nested function, even if enclosing has local
def gl_nested():
    g = 'enclosing'
    def inner():
        global g
        return g
    return inner()
print(gl_nested())

# global statement in class body
class GC:
    global gc_var
    gc_var = 'from class'
print(gc_var)

# class body names
class CB:
    a = 1
    b = a + 1
    c = [a, b]
    def f(self):
        return 'f'
    g = f
print(CB.b, CB.c, CB().g())

# loop variable leaks from for
for leak in range(3):
    pass
print(leak)

# comprehension variable does not leak
[inner_comp for inner_comp in range(3)]
try:
    inner_comp
except NameError as e:
    print(type(e).__name__, e)

# except-as variable is deleted after the handler
try:
    raise ValueError('x')
except ValueError as exc_var:
    pass
try:
    exc_var
except NameError as e:
    print(type(e).__name__, e)

# builtins can be shadowed and restored
len = lambda x: 'shadowed'
print(len([1, 2]))
del len
print(len([1, 2]))

import builtins
print(builtins.len is len)

# locals() and globals()
def loc(a, b=2):
    c = 3
    return sorted(locals().items())
print(loc(1))
print('g' in globals(), globals()['g'])
print(__name__)

# vars() on a class and module-level names
print([k for k in vars(CB) if not k.startswith('__')])

# global at module level is allowed
global gmod
gmod = 5
print(gmod)

# exec/eval with explicit namespaces
ns = {}
exec('x = 1\ny = x + 1', ns)
print(ns['x'], ns['y'])
print(eval('a * b', {'a': 6}, {'b': 7}))

# del of a local then reading it
def del_local():
    z = 1
    del z
    try:
        return z
    except UnboundLocalError as e:
        return type(e).__name__ + ': ' + str(e)
print(del_local())
