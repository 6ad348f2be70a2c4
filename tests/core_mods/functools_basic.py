# _functools (through functools.py): partial, reduce, cmp_to_key, lru_cache and friends.
import functools
from functools import partial
def f(a, b=2, *c, **k): return (a,b,c,k)
p = partial(f, 1, x=3); print(p.args, p.keywords, p(2, y=4), p(x=5))
print(repr(p).replace(hex(id(f)), 'X')[:40])
p2 = partial(p, 5, z=1); print(p2.args, p2.keywords, p2.func is f)
class P(partial): pass
print(repr(P(f, 1))[:12])
p.__setstate__((f, (9,), {'q':1}, {'attr':3})); print(p.args, p.attr, p.__dict__)
for a in [lambda: partial(), lambda: partial(1), lambda: partial(f).__setstate__(1), lambda: functools.reduce(), lambda: functools.reduce(lambda a,b:a+b, []), lambda: functools.reduce(lambda a,b:a+b, 1), lambda: functools.cmp_to_key(), lambda: p.__setstate__((1,2,3,4))]:
    try: print(a())
    except Exception as e: print(type(e).__name__, e)
print(functools.reduce(lambda a,b:a+b, [1,2,3]), functools.reduce(lambda a,b:a+b, [], 7))
k = functools.cmp_to_key(lambda a,b: a-b); print(type(k(1)), k(1) < k(2), sorted([3,1,2], key=k))
try: hash(k(1))
except Exception as e: print(type(e).__name__, e)
print(k(1).obj)
@functools.lru_cache(maxsize=2)
def g(x): return x*2
print(g(1), g(1), g(2), g(3), g.cache_info(), g.cache_parameters(), type(g), g.__wrapped__.__name__, g.__name__)
g.cache_clear(); print(g.cache_info())
@functools.lru_cache
def h(x, y=1): return x+y
print(h(1), h(1, y=1), h(1.0), h.cache_info())
@functools.lru_cache(typed=True)
def t(x): return x
print(t(1), t(1.0), t.cache_info())
@functools.cache
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(80), fib.cache_info())
class A:
    @functools.lru_cache
    def m(self, x): return x + 1
    @functools.cached_property
    def cp(self): print('computing'); return 5
a = A(); print(a.m(1), a.m(1), A.m.cache_info(), a.cp, a.cp)
@functools.total_ordering
class O:
    def __init__(s, v): s.v = v
    def __eq__(s, o): return s.v == o.v
    def __lt__(s, o): return s.v < o.v
print(O(1) <= O(2), O(3) >= O(2), O(1) > O(2))
@functools.wraps(f)
def w(*a): return f(*a)
print(w.__name__, w.__wrapped__ is f)
print(functools.partialmethod, functools.reduce.__module__)
class Cell:
    def set_state(self, s): self.s = s
    on = functools.partialmethod(set_state, True)
c = Cell(); c.on(); print(c.s)
