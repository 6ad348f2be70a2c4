# exec/eval/compile with scopes: function locals, closures, class bodies, custom namespaces and
# locals mappings, restricted builtins, single mode echo.
def f():
    x = 1
    exec('x = 2')
    return x
print(f())
def g():
    exec('y = 5')
    return locals().get('y')
print(g())
def h():
    a = 1
    return eval('a + 1')
print(h())
def closure_eval():
    a = 10
    def inner():
        return eval('a')
    try:
        return inner()
    except NameError as e:
        return 'NameError ' + str(e)
print(closure_eval())
def closure_eval2():
    a = 10
    def inner():
        a
        return eval('a')
    return inner()
print(closure_eval2())
class C:
    x = 1
    y = eval('x + 1')
    z = [locals().get('x')]
print(C.y, C.z)
globals()['dyn'] = 'made via globals()'
print(dyn)
ns = {'__builtins__': {}}
try:
    exec('len([])', ns)
except NameError as e:
    print(e)
ns = {}
exec('def f(): return g()\ndef g(): return "g via exec globals"', ns)
print(ns['f']())
print(sorted(k for k in ns if k != '__builtins__'))
code = compile('a * 2', '<expr>', 'eval')
print(eval(code, {'a': 21}), code.co_filename, type(code).__name__)
code = compile('b = 1\nb += 1', '<stmts>', 'exec')
d = {}
exec(code, d)
print(d['b'])
code = compile('1 + 1', '<single>', 'single')
exec(code)
print(eval('[x * x for x in range(4)]'))
print(eval('(lambda q: q + 1)(1)'))
def with_nonlocal_gen():
    n = 0
    def gen():
        nonlocal n
        while n < 3:
            n += 1
            yield n
    return list(gen()), n
print(with_nonlocal_gen())
def free_in_class_in_func():
    val = 'free'
    class K:
        def m(self):
            return val
        attr = val
    val = 'changed'
    return K().m(), K.attr
print(free_in_class_in_func())
# eval with locals mapping that is not a dict
class Lookup(dict):
    def __missing__(self, k):
        return 'missing:' + k
print(eval('foo + "!"', {}, Lookup()))
class M:
    def __getitem__(self, k):
        if k == 'q':
            return 42
        raise KeyError(k)
print(eval('q', {}, M()))
try:
    eval('zz', {}, M())
except NameError as e:
    print(e)
# exec with closure
def make():
    v = 'cell'
    def reader():
        return v
    return reader
r = make()
print(eval('r()'))
print(eval('__name__'), eval('__name__', {'__name__': 'custom'}))
