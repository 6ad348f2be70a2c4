# deep but legal recursion through yield from, keyword/star calls, constructors, genexps,
# comprehensions, try/finally, with, __repr__, sorted keys (each within CPython's default limit).
def g(n):
    if n:
        yield from g(n - 1)
    else:
        yield 'bottom'
print(list(g(900)))
def deep_kw(n, *, acc=0, **extra):
    return acc if n == 0 else deep_kw(n - 1, acc=acc + 1, **extra)
print(deep_kw(900, z=1))
def deep_star(*a):
    return len(a) if len(a) > 900 else deep_star(*a, 1)
print(deep_star())
class Node:
    def __init__(self, n):
        self.next = Node(n - 1) if n else None
    def depth(self):
        return 1 + (self.next.depth() if self.next else 0)
print(Node(400).depth())
def deep_gen_expr(n):
    return sum(deep_gen_expr(n - 1) for _ in range(1)) + 1 if n else 0
print(deep_gen_expr(300))
def deep_lc(n):
    return [deep_lc(n - 1)][0] + 1 if n else 0
print(deep_lc(450))
def deep_try(n):
    try:
        return deep_try(n - 1) if n else 0
    finally:
        pass
print(deep_try(900))
def deep_with(n):
    class CM:
        def __enter__(s): return s
        def __exit__(s, *a): pass
    with CM():
        return deep_with(n - 1) + 1 if n else 0
print(deep_with(400))
print(repr(eval('[' * 90 + ']' * 90))[:10])
import sys
class R:
    def __init__(self, n): self.n = n
    def __repr__(self):
        return 'R(%r)' % (R(self.n - 1) if self.n else None)
print(len(repr(R(300))))
def deep_sorted(n):
    return sorted([n], key=lambda v: deep_sorted(n - 1) if n else 0)[0] if n else 0
print(deep_sorted(150))
