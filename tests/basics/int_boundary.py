# integers at the edges of the immediate (48-bit) range: every unary and binary operation, loops
# crossing the boundary, mixed float, ranges and indexing with boundary values.
M = 2 ** 47          # first value outside the immediate range
lo, hi = -M, M - 1   # immediate range limits
vals = [lo, lo + 1, hi, hi - 1, -1, 0, 1, 2, -2, M, -M - 1]
ops = [
    ('neg', lambda a: -a), ('abs', abs), ('inv', lambda a: ~a), ('x2', lambda a: a * 2),
    ('x-1', lambda a: a * -1), ('//-1', lambda a: a // -1), ('%-1', lambda a: a % -1),
    ('+1', lambda a: a + 1), ('-1', lambda a: a - 1), ('<<1', lambda a: a << 1), ('>>1', lambda a: a >> 1),
    ('sq', lambda a: a * a), ('pow2', lambda a: a ** 2), ('divmod-1', lambda a: divmod(a, -1)),
    ('int()', lambda a: int(str(a))), ('float', lambda a: float(a)), ('hash==', lambda a: hash(a) == hash(a + 0)),
    ('bool', bool), ('//2', lambda a: a // 2), ('%3', lambda a: a % 3), ('&mask', lambda a: a & (M - 1)),
    ('|M', lambda a: a | M), ('^lo', lambda a: a ^ lo), ('cmpM', lambda a: (a < M, a > lo, a == M)),
    ('round', lambda a: round(a, -3)), ('bitlen', lambda a: a.bit_length()), ('trunc', lambda a: int(float(a))),
    ('index', lambda a: [0, 1, 2][a % 3]), ('type', lambda a: type(a).__name__),
]
for v in vals:
    print(v, [f(v) for name, f in ops])
for a in vals:
    print(a, [a + b for b in vals])
    print(a, [a - b for b in vals])
    print(a, [a * b for b in vals])
    print(a, [(a // b, a % b) if b else None for b in vals])
# increments crossing the boundary in a loop (specialized paths)
x = hi - 3
out = []
for _ in range(6):
    x += 1
    out.append(x)
print(out)
x = lo + 3
out = []
for _ in range(6):
    x -= 1
    out.append(x)
print(out)
acc = 1
for i in range(60):
    acc = acc * 2
    if acc > M // 4:
        print(i, acc, acc - 1, acc + acc)
# mixing with floats at the boundary
print(float(hi) == hi, float(M) == M, M + 0.5, lo - 0.5, hi / 1, M / M, lo // 1.0)
# list indexing / range with boundary values
r = range(lo, M + 5, M // 2)
print(list(r), len(r), r[-1], (M - 1) in r, r.index(lo + M // 2))
print([1, 2, 3][-1 % M], 'abc'[hi % 3])
s = [0] * 3
try:
    s[M]
except IndexError as e:
    print(e)
try:
    s[2 ** 70]
except IndexError as e:
    print(e)
