# cmath: every function over every class of special value (the C99 Annex G tables), pseudo-random
# finite values, log with a base, the constants, and the errors.
import cmath, math
inf, nan = float('inf'), float('nan')
classes = [-inf, -2.5, -0.0, 0.0, 2.5, inf, nan, 1.0, -1.0, 1e300, -1e-310]
fs = ['acos','acosh','asin','asinh','atan','atanh','cos','cosh','exp','log','log10','sin','sinh','sqrt','tan','tanh','phase','polar','isfinite','isnan','isinf']
def r(f, *a):
    try: return repr(f(*a))
    except Exception as e: return type(e).__name__
for name in fs:
    f = getattr(cmath, name)
    out = []
    for re in classes:
        for im in classes:
            out.append(r(f, complex(re, im)))
    print(name, ' '.join(out))
out = []
for a in classes:
    for b in classes:
        out.append(r(cmath.rect, a, b))
print('rect', ' '.join(out))
seed = 99
def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
    return seed
def rf():
    m = rnd() / 2**64; e = rnd() % 60 - 30; s = -1 if rnd() % 2 else 1
    return s * m * 2.0**e
for name in fs:
    f = getattr(cmath, name)
    print(name, [r(f, complex(rf(), rf())) for _ in range(40)])
print([r(cmath.log, complex(rf(), rf()), complex(rf(), rf())) for _ in range(20)])
print([r(cmath.log, x, b) for x in (0, 1, 2, 1j, -1) for b in (0, 1, 2, 10, 1j)])
print([r(cmath.isclose, complex(rf(), rf()), complex(rf(), rf())) for _ in range(10)], cmath.isclose(1+1j, 1+1.0000000001j))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
for t in ['cmath.sqrt("a")','cmath.sqrt()','cmath.log()','cmath.rect(1)','cmath.sqrt(1, x=1)','cmath.isclose(1,2,3)','cmath.isclose(1,1,rel_tol=-1)','cmath.sqrt(None)','cmath.phase(-1)','cmath.polar(1e308+1e308j)','cmath.exp(1000)','cmath.cosh(1000+1j)','cmath.atanh(1)','cmath.log(0)','cmath.sqrt(-1)','cmath.sqrt(2)', 'cmath.acos(2)', 'cmath.exp(710+0j)','cmath.exp(-1000+1e308j)','cmath.tanh(1000+1j)','cmath.sinh(-1000+2j)','cmath.rect(1e308, 1e308)','cmath.log10(100)']:
    try: print(t, repr(eval(t)))
    except Exception as e: print(t, type(e).__name__, e)
class C:
    def __complex__(self): return 3+4j
class F:
    def __float__(self): return 2.0
class Bad:
    def __complex__(self): return 5
print(cmath.sqrt(C()), cmath.sqrt(F()), cmath.phase(C()), cmath.polar(C()))
try: cmath.sqrt(Bad())
except Exception as e: print(type(e).__name__, e)
