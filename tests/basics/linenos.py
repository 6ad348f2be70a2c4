# line numbers: tracebacks (tb_lineno), frame f_lineno, co_firstlineno, for multi-line statements,
# decorators, comprehensions, generators, with/finally; identical from source and from .pyc.
import sys

def lines_of(exc):
    out = []
    tb = exc.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out

def check(fn):
    try:
        fn()
    except Exception as e:
        print(fn.__name__, type(e).__name__, lines_of(e))

def simple():
    x = 1
    return x / 0

def multiline_call():
    return int(
        'a',
        10,
    )

def multiline_expr():
    d = {}
    v = (1 +
         2 +
         d['missing'])
    return v

def in_comprehension():
    return [1 / x
            for x in (1, 0)]

def in_generator():
    def gen():
        yield 1
        raise KeyError('g')
    return list(gen())

def nested_calls():
    def a():
        return b()
    def b():
        return c()
    def c():
        raise ValueError
    a()

def in_finally():
    try:
        pass
    finally:
        [][0]

def reraised():
    try:
        {}['k']
    except KeyError:
        raise

def in_with():
    class CM:
        def __enter__(self):
            return self
        def __exit__(self, *a):
            return False
    with CM():
        None.attr

def attr_chain():
    class O:
        pass
    o = O()
    o.a = O()
    return (o
            .a
            .b)

def lambda_line():
    f = (lambda x:
         x.missing)
    f(1)

def in_decorator():
    def deco(fn):
        raise TypeError('deco')
    @deco
    def decorated():
        pass

for fn in (simple, multiline_call, multiline_expr, in_comprehension, in_generator, nested_calls,
           in_finally, reraised, in_with, attr_chain, lambda_line, in_decorator):
    check(fn)

def where():
    return sys._getframe(1).f_lineno
print(where(), where(
))
x = [where(),
     where()]
print(x)
print(simple.__code__.co_firstlineno, in_decorator.__code__.co_firstlineno)
class K:
    def m(self):
        pass
print(K.m.__code__.co_firstlineno)
@staticmethod
def decorated_fn():
    pass
print(decorated_fn.__func__.__code__.co_firstlineno)
def gen_lines():
    yield sys._getframe().f_lineno
    yield sys._getframe().f_lineno
print(list(gen_lines()))
