# float arithmetic: signs of % and //, pow's special cases, mixed with ints, comparisons.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

inf = float('inf')
nan = float('nan')
vals = [0.0, -0.0, 1.0, -1.0, 0.1, -2.5, 7.0, -7.0, 3.5, 1e300, -1e-300, 5e-324, inf, -inf, nan, 3, -4]
for a in vals:
    print([(a + b, a - b, a * b) for b in vals])
for a in vals:
    out = []
    for b in vals:
        try:
            out.append((a / b, a // b, a % b, divmod(a, b)))
        except ZeroDivisionError as e:
            out.append(str(e))
    print(out)

t(lambda: 1.0 / 0)
t(lambda: 1.0 // 0.0)
t(lambda: 1.0 % 0)
t(lambda: divmod(1.0, 0))
t(lambda: 1 / 0.0)
t(lambda: 0.0 / 0.0)
t(lambda: 5 % -0.0)
t(lambda: 1e308 * 10)
t(lambda: -1e308 * 10)
t(lambda: 1e308 + 1e308)

# pow
bases = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 10.0, inf, -inf, nan]
exps = [0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -3.0, 0.5, -0.5, 1e10, inf, -inf, nan]
for b in bases:
    out = []
    for e in exps:
        try:
            out.append(b ** e)
        except Exception as ex:
            out.append(type(ex).__name__ + ': ' + str(ex))
    print(out)
t(lambda: 2.0 ** 10000)
t(lambda: (-2.0) ** 10001)
t(lambda: 10.0 ** -400)
t(lambda: (-8.0) ** (1 / 3))
t(lambda: (-1.0) ** 0.5)
t(lambda: (-2.5) ** 1.5)
t(lambda: 0.0 ** -1)
t(lambda: 0 ** -1.0)
t(lambda: 2 ** 0.5)
t(lambda: 2.0 ** 2)
t(lambda: 2.0 ** -2)
t(lambda: 2 ** -2)
t(lambda: (-2) ** -2)
t(lambda: 1.5 ** 2 ** 3)
t(lambda: pow(2.0, 3, 4))
t(lambda: pow(2.0, 3, None))
t(lambda: pow(2.0, 3.0, 4.0))
t(lambda: pow(2, 3.0, None))
e = 1.0
e **= 3
print(e)

# mixed with ints, and big ints
t(lambda: 1.5 + 2)
t(lambda: 2 - 1.5)
t(lambda: 3 * 0.5)
t(lambda: 7 / 2.0)
t(lambda: 7 // 2.0)
t(lambda: -7 % 2.0)
t(lambda: 1.5 + 10 ** 400)
t(lambda: 10 ** 400 * 1.5)
t(lambda: 10 ** 400 / 1.5)
t(lambda: 1e300 * 10 ** 300)
t(lambda: 2 ** 53 + 1.0)
t(lambda: 1.5 + True)
t(lambda: (1.5).__add__(1))
t(lambda: (1.5).__add__('x'))
t(lambda: (1.5).__radd__(1))
t(lambda: (1.5).__rsub__(1))
t(lambda: (1.5).__rtruediv__(3))
t(lambda: (1.5).__rfloordiv__(3))
t(lambda: (1.5).__rmod__(3))
t(lambda: (1.5).__divmod__(1))
t(lambda: (1.5).__rdivmod__(4))
t(lambda: (1.5).__rpow__(2))
t(lambda: 1.5 + 'x')
t(lambda: 1.5 & 1)
t(lambda: 1.5 << 1)
t(lambda: ~1.5)

# comparisons, exact with ints of any size
big = [2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, 10 ** 20, 2 ** 1023 * 2 - 1, 10 ** 400, -(10 ** 400), 0, 1, -1]
fl = [2.0 ** 53, 2.0 ** 53 + 2, 9007199254740993.0, 1e20, 1.7976931348623157e308, inf, -inf, nan, 0.0, -0.0, 0.5, -1.0]
for f in fl:
    print([(f < n, f <= n, f == n, f != n, f > n, f >= n) for n in big])
    print([(n < f, n == f, n > f) for n in big])
for a in [0.0, -0.0, 1.0, nan, inf]:
    print([(a < b, a <= b, a == b, a != b, a > b, a >= b) for b in [0.0, -0.0, 1.0, nan, inf]])
print(nan == nan, nan != nan, nan in [nan], [nan] == [nan])
t(lambda: (1.0).__eq__(1))
t(lambda: (1.0).__eq__('1'))
t(lambda: (1.0).__lt__(2))
t(lambda: 1.0 < 'x')
t(lambda: 1.0 == 1 + 0j)

# unary and truth
for v in [0.0, -0.0, 1.5, -1.5, inf, -inf, nan]:
    print(-v, +v, abs(v), bool(v), end=' | ')
print()
x = 1.5
x += 1
x -= 0.25
x *= 4
x /= 3
x //= 0.5
x %= 3
print(x)
