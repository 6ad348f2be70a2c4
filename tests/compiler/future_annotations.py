# from __future__ import annotations: annotations kept as the text CPython writes back.
from __future__ import annotations
import sys
def f(a: int, b: list[str] = [], *args: tuple[int, ...], c: dict[str, int | None] = None, **kw: "X") -> Optional[Node]: pass
print(f.__annotations__)
class C:
    x: int
    y: Callable[[int, str], bool] = None
    z: (int, str)
    w: lambda a, *b, c=1, **d: a + b * c ** -d
    v: 1 if x else -2.5
    u: not a and b or c
    t: a < b <= c is not d
    s: x[1:2, ::3]
    r: f(*a, b=1, **k) | g(x for x in y)
    q: 'forward'
    p: 1e400 + 2j
    o: {1: 2, **d} | {a, b} | [c, *d]
    n: a.b.c[0].d
    l: f"x{a!r:>{w}} {{}}"
    k: b'\x00' + None + ... + True
    j: -(a ** b) ** c
    i: (a, )
    h: 1 .real
print(C.__annotations__)
print(__annotations__ if '__annotations__' in dir() else None)
x: List[int] = 5
print(__annotations__)
for src in ['x: (a := 3)', 'def f(x: (yield)): pass', 'async def f(x: await y): pass',
            'def f(): x: (yield)', 'def f(x: [y for y in z]) -> {k: v for k, v in w}: pass']:
    try:
        compile('from __future__ import annotations\n' + src + '\n', 't', 'exec')
        print('ok', src)
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno)
def g(x: Undefined) -> AlsoUndefined:
    y: NotEvaluated = 1
    return y
print(g(1), g.__annotations__)
