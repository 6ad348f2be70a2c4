# math: the integer functions (factorial, comb, perm, gcd, lcm, isqrt), logarithms of big ints,
# floor/ceil/trunc through __floor__/__ceil__/__trunc__, and exact ints from big floats.
import math

print([math.factorial(n) for n in range(25)])
print(math.factorial(100))
print(math.factorial(1000) % (10**9 + 7), math.factorial(2000).bit_length())
print([math.comb(10, k) for k in range(12)], math.comb(100, 50), math.comb(10**20, 3))
print([math.perm(6, k) for k in range(8)], math.perm(5), math.perm(5, None), math.perm(30, 15))
print(math.comb(10**20, 10**20 - 2), math.comb(2**64, 1), math.perm(2**64, 2))
print(math.gcd(), math.gcd(-12), math.gcd(12, 18), math.gcd(12, -18, 30), math.gcd(0, 0, 5))
print(math.gcd(2**200, 6**100) == 2**100, math.gcd(True, 4), math.gcd(7, 2**100 + 7))
print(math.lcm(), math.lcm(-4), math.lcm(4, 6), math.lcm(4, 6, 10), math.lcm(0, 5), math.lcm(2**70, 3))
print([math.isqrt(n) for n in range(20)], math.isqrt(10**40), math.isqrt(10**40 - 1))
print(math.isqrt(2**200 + 12345), math.isqrt(True), math.isqrt(2**48), math.isqrt(2**48 - 1))
for k in (10, 100, 500, 1000, 3000):
    print(k, math.log(7**k), math.log2(3**k), math.log10(11**k), math.log(5**k, 3**k),
          math.log(2**k, 2))
print(math.log(10**400), math.log2(2**2000), math.log10(10**500), math.log(True), math.log(2**1024))
print(math.floor(1e300) == 10**300, math.floor(1e300), math.ceil(-2.5), math.trunc(-2.5))
print(math.floor(-0.5), math.ceil(0.5), math.trunc(1e20), math.floor(5), math.ceil(2**100))
print(math.floor(True), math.trunc(False), type(math.floor(True)), type(math.floor(1.5)))

class Num:
    def __floor__(self): return 'floor!'
    def __ceil__(self): return 'ceil!'
    def __trunc__(self): return 'trunc!'
print(math.floor(Num()), math.ceil(Num()), math.trunc(Num()))

class F(float):
    def __floor__(self): return 'F.floor'
print(math.floor(F(2.5)), math.ceil(F(2.5)), math.trunc(F(2.5)))

class AsFloat:
    def __float__(self): return 7.75
print(math.floor(AsFloat()), math.ceil(AsFloat()), math.sqrt(AsFloat()))

class AsIndex:
    def __index__(self): return 9
print(math.factorial(AsIndex()), math.gcd(AsIndex(), 6), math.isqrt(AsIndex()), math.sqrt(AsIndex()))
for bad in ['math.trunc(AsFloat())', 'math.floor("x")', 'math.factorial(5.0)',
            'math.factorial(-1)', 'math.factorial(2**70)', 'math.isqrt(-4)', 'math.comb(5, -1)',
            'math.comb(-5, 1)', 'math.perm(-1, 1)', 'math.perm(2**70, 2**68)',
            'math.comb(2**70, 2**69)', 'math.gcd(2.0)', 'math.lcm(1, "a")', 'math.log(0)',
            'math.log(-10**400)', 'math.log(10, 1)', 'math.floor(float("inf"))',
            'math.ceil(float("nan"))', 'math.sqrt(10**400)']:
    try:
        print(bad, eval(bad))
    except Exception as e:
        print(bad, type(e).__name__, e)
