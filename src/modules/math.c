// modules/math.c — the math module: every function and constant of CPython 3.11's math.
//
// Stage: modules. Owns the real-valued functions over C doubles (libm plus kaa's own gamma,
// lgamma, fsum and vector norm, which follow CPython's algorithms step by step so that results
// agree to the last bit) and the integer functions over kaa ints (GMP for the big ones).
// Errors follow CPython's rules: a NaN from non-NaN input is ValueError "math domain error",
// an infinity from finite input is OverflowError "math range error" for functions that can
// overflow and ValueError otherwise. Must not: know the value encoding beyond value.h's API.
#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "modules/nummods.h"

// ---- arguments and errors -----------------------------------------------------------------------

// A real argument as a double (PyFloat_AsDouble), with the immediates first.
static inline double num(KaaValue v) {
    if (KAA_LIKELY(kaa_is_float(v))) {
        return kaa_float_val(v);
    }
    if (kaa_is_int(v)) {
        return (double)kaa_int_val(v);  // 48 bits: exact
    }
    return kaa_float_of(v);
}

KAA_NORETURN static void domain_error(void) { kaa_raise_value_error("math domain error"); }
KAA_NORETURN static void range_error(void) { kaa_raise_overflow("math range error"); }

// A one-argument function (METH_O): "math.sqrt() takes exactly one argument (0 given)".
static void one_arg(const char *qualname, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw(qualname, kw);
    kaa_args_count(qualname, nargs, 1, 1);
}

// A fixed-count positional function: "pow expected 2 arguments, got 1".
static void n_args(const char *qualname, const char *name, size_t nargs, KaaTuple *kw,
                   size_t min, size_t max) {
    kaa_args_no_kw(qualname, kw);
    kaa_args_count(name, nargs, min, max);
}

// What errno says after a libm call whose result r is finite (is_error in CPython): libm may
// report ERANGE for an underflow, which is not an error; small results are never overflows.
static void check_errno(double r) {
    if (errno == EDOM) {
        domain_error();
    }
    if (errno == ERANGE && fabs(r) >= 1.5) {
        range_error();
    }
    if (errno != 0 && errno != ERANGE) {
        domain_error();
    }
}

// The rules for a one-argument function (CPython's math_1).
static double math_1(double x, double (*fn)(double), bool can_overflow) {
    errno = 0;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) {
        domain_error();
    }
    if (isinf(r) && isfinite(x)) {
        if (can_overflow) {
            range_error();
        }
        domain_error();
    }
    if (isfinite(r) && errno) {
        check_errno(r);
    }
    return r;
}

// The rules for a two-argument function (CPython's math_2).
static double math_2(double x, double y, double (*fn)(double, double)) {
    double r = fn(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) {
        domain_error();
    }
    if (isinf(r) && isfinite(x) && isfinite(y)) {
        range_error();
    }
    return r;
}

// ---- special functions (CPython's algorithms) ---------------------------------------------------

static const double pi = 3.141592653589793238462643383279502884197;
static const double logpi = 1.144729885849400174143427351353058711647;

// sin(pi * x) for finite x, exact at integers and half-integers: reduce to [0, 2) and pick the
// octant, so that the reflection formula of gamma stays accurate near the poles.
static double sinpi(double x) {
    double y = fmod(fabs(x), 2.0);
    double r;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(pi * y); break;
    case 1: r = cos(pi * (y - 0.5)); break;
    case 2: r = sin(pi * (1.0 - y)); break;  // not -sin(pi*(y-1)): that gives -0.0 at y == 1
    case 3: r = -cos(pi * (y - 1.5)); break;
    default: r = sin(pi * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

// The Lanczos approximation with N = 13 and g = 6.024680040776729583740234375 (Boost's
// lanczos13m53), written as a rational function so that it can be evaluated stably.
#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
// The denominator x*(x+1)*...*(x+11) expanded in powers of x.
static const double lanczos_den[LANCZOS_N] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0,
    2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
};

// The Lanczos sum for x > 0. For large x both polynomials are evaluated in 1/x, which avoids
// overflow and loses less accuracy (the cutoff 5.0 is CPython's).
static double lanczos_sum(double x) {
    double num_ = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N - 1; i >= 0; i--) {
            num_ = num_ * x + lanczos_num[i];
            den = den * x + lanczos_den[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num_ = num_ / x + lanczos_num[i];
            den = den / x + lanczos_den[i];
        }
    }
    return num_ / den;
}

// gamma(n) for the integers 1..23, which are exact doubles.
static const double gamma_integral[] = {
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0,
    479001600.0, 6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0,
    355687428096000.0, 6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
    51090942171709440000.0, 1124000727777607680000.0,
};

// Lanczos' pow(y, x - 0.5) / exp(y) part of gamma for |x| = ax, with the rounding error of
// y = ax + g - 0.5 corrected to first order (multiplying by 1 + e*g/y; see CPython's notes).
static double gamma_lanczos(double x, double ax) {
    double y = ax + lanczos_g_minus_half;
    double z = ax > lanczos_g_minus_half ? (y - ax) - lanczos_g_minus_half
                                         : (y - lanczos_g_minus_half) - ax;
    z = z * lanczos_g / y;
    double r;
    if (x < 0.0) {
        r = -pi / sinpi(ax) / ax * exp(y) / lanczos_sum(ax);
        r -= z * r;
        if (ax < 140.0) {
            r /= pow(y, ax - 0.5);
        } else {
            double sqrtpow = pow(y, ax / 2.0 - 0.25);  // the square root avoids overflow
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(ax) / exp(y);
        r += z * r;
        if (ax < 140.0) {
            r *= pow(y, ax - 0.5);
        } else {
            double sqrtpow = pow(y, ax / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    return r;
}

// The gamma function; *err receives EDOM (pole or invalid) or ERANGE (overflow).
static double m_tgamma(double x, int *err) {
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) {
            return x;
        }
        *err = EDOM;
        return NAN;
    }
    if (x == 0.0) {
        *err = EDOM;
        return copysign(HUGE_VAL, x);
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            *err = EDOM;
            return NAN;
        }
        if (x <= 23.0) {
            return gamma_integral[(int)x - 1];
        }
    }
    double ax = fabs(x);
    if (ax < 1e-20) {  // gamma(x) ~ 1/x near 0
        double r = 1.0 / x;
        if (isinf(r)) {
            *err = ERANGE;
        }
        return r;
    }
    if (ax > 200.0) {  // overflows for x > 200; underflows to +-0 for x < -200
        if (x < 0.0) {
            return 0.0 / sinpi(x);
        }
        *err = ERANGE;
        return HUGE_VAL;
    }
    double r = gamma_lanczos(x, ax);
    if (isinf(r)) {
        *err = ERANGE;
    }
    return r;
}

// log(|gamma(x)|), by the Lanczos formula, and the reflection formula for x < 0.
static double m_lgamma(double x, int *err) {
    if (!isfinite(x)) {
        return isnan(x) ? x : HUGE_VAL;
    }
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            *err = EDOM;
            return HUGE_VAL;
        }
        return 0.0;  // lgamma(1) = lgamma(2) = 0
    }
    double ax = fabs(x);
    if (ax < 1e-20) {
        return -log(ax);
    }
    double r = log(lanczos_sum(ax)) - lanczos_g;
    r += (ax - 0.5) * (log(ax + lanczos_g - 0.5) - 1);
    if (x < 0.0) {
        r = logpi - log(fabs(sinpi(ax))) - log(ax) - r;
    }
    if (isinf(r)) {
        *err = ERANGE;
    }
    return r;
}

// atan2 with C99's special values decided here rather than by the platform.
static double m_atan2(double y, double x) {
    if (isnan(x) || isnan(y)) {
        return NAN;
    }
    if (isinf(y)) {
        if (isinf(x)) {
            return copysign(copysign(1., x) == 1. ? 0.25 * pi : 0.75 * pi, y);
        }
        return copysign(0.5 * pi, y);
    }
    if (isinf(x) || y == 0.) {
        return copysign(copysign(1., x) == 1. ? 0. : pi, y);
    }
    return atan2(y, x);
}

// log, log2 and log10 with their domain decided here: EDOM for zero and negatives.
#define LOG_WRAPPER(name, fn)                              \
    static double name(double x) {                         \
        if (isfinite(x) && x > 0.0) {                      \
            return fn(x);                                  \
        }                                                  \
        if (isnan(x) || (isinf(x) && x > 0.0)) {           \
            return x;                                      \
        }                                                  \
        errno = EDOM;                                      \
        return x == 0.0 ? -HUGE_VAL : NAN;                 \
    }
LOG_WRAPPER(m_log, log)
LOG_WRAPPER(m_log2, log2)
LOG_WRAPPER(m_log10, log10)

// ---- one-argument functions ---------------------------------------------------------------------

#define FUNC1(name, fn, can_overflow)                                                         \
    static KaaValue math_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        one_arg("math." #name, nargs, kw);                                                    \
        return kaa_from_float(math_1(num(args[0]), fn, can_overflow));                       \
    }
FUNC1(acos, acos, false)
FUNC1(acosh, acosh, false)
FUNC1(asin, asin, false)
FUNC1(asinh, asinh, false)
FUNC1(atan, atan, false)
FUNC1(atanh, atanh, false)
FUNC1(cbrt, cbrt, false)
FUNC1(cos, cos, false)
FUNC1(cosh, cosh, true)
FUNC1(exp, exp, true)
FUNC1(exp2, exp2, true)
FUNC1(expm1, expm1, true)
FUNC1(fabs, fabs, false)
FUNC1(log1p, log1p, false)
FUNC1(sin, sin, false)
FUNC1(sinh, sinh, true)
FUNC1(sqrt, sqrt, false)
FUNC1(tan, tan, false)
FUNC1(tanh, tanh, false)

// erf and erfc set errno themselves (math_1a): only errno decides.
#define FUNC1A(name, fn)                                                                      \
    static KaaValue math_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        one_arg("math." #name, nargs, kw);                                                    \
        double x = num(args[0]);                                                              \
        errno = 0;                                                                            \
        double r = fn(x);                                                                     \
        if (errno) {                                                                          \
            check_errno(r);                                                                   \
        }                                                                                     \
        return kaa_from_float(r);                                                             \
    }
FUNC1A(erf, erf)
FUNC1A(erfc, erfc)

// gamma and lgamma report their errors through *err.
#define FUNC1G(name, fn)                                                                      \
    static KaaValue math_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        one_arg("math." #name, nargs, kw);                                                    \
        int err = 0;                                                                          \
        double r = fn(num(args[0]), &err);                                                    \
        if (err) {                                                                            \
            errno = err;                                                                      \
            check_errno(r);                                                                   \
        }                                                                                     \
        return kaa_from_float(r);                                                             \
    }
FUNC1G(gamma, m_tgamma)
FUNC1G(lgamma, m_lgamma)

// degrees, radians and the predicates: no error cases.
static KaaValue math_degrees(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.degrees", nargs, kw);
    return kaa_from_float(num(args[0]) * (180.0 / pi));
}

static KaaValue math_radians(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.radians", nargs, kw);
    return kaa_from_float(num(args[0]) * (pi / 180.0));
}

static KaaValue math_isfinite(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.isfinite", nargs, kw);
    return kaa_bool(isfinite(num(args[0])));
}

static KaaValue math_isinf(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.isinf", nargs, kw);
    return kaa_bool(isinf(num(args[0])));
}

static KaaValue math_isnan(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.isnan", nargs, kw);
    return kaa_bool(isnan(num(args[0])));
}

// ---- floor, ceil, trunc -------------------------------------------------------------------------

// floor and ceil: exact floats directly; anything else through __floor__/__ceil__ when its
// type has one, else through float().
static KaaValue round_to_int(KaaValue x, KaaValue special, double (*fn)(double)) {
    if (kaa_is_float(x)) {
        return kaa_int_from_double(fn(kaa_float_val(x)));
    }
    if (kaa_is_int(x)) {
        return x;
    }
    KaaValue r = kaa_call_special(x, special, NULL, 0);
    if (r != KAA_NULL) {
        return r;
    }
    return kaa_int_from_double(fn(kaa_float_of(x)));
}

static KaaValue math_floor(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.floor", nargs, kw);
    return round_to_int(args[0], KAA_ID(__floor__), floor);
}

static KaaValue math_ceil(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.ceil", nargs, kw);
    return round_to_int(args[0], KAA_ID(__ceil__), ceil);
}

static KaaValue math_trunc(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.trunc", nargs, kw);
    KaaValue x = args[0];
    if (kaa_is_float(x)) {
        return kaa_int_from_double(kaa_float_val(x));
    }
    if (kaa_is_int(x)) {
        return x;
    }
    KaaValue r = kaa_call_special(x, KAA_ID(__trunc__), NULL, 0);
    if (r == KAA_NULL) {
        kaa_raise_type_error("type %s doesn't define __trunc__ method", kaa_type_of(x)->name);
    }
    return r;
}

// ---- two-argument functions ---------------------------------------------------------------------

static double two_nums(const char *qualname, const char *name, KaaValue *args, size_t nargs,
                       KaaTuple *kw, double *y) {
    n_args(qualname, name, nargs, kw, 2, 2);
    double x = num(args[0]);
    *y = num(args[1]);
    return x;
}

static KaaValue math_atan2(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    double x, y = two_nums("math.atan2", "atan2", args, nargs, kw, &x);
    return kaa_from_float(math_2(y, x, m_atan2));
}

static KaaValue math_copysign(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    double y, x = two_nums("math.copysign", "copysign", args, nargs, kw, &y);
    return kaa_from_float(copysign(x, y));
}

static KaaValue math_remainder(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    double y, x = two_nums("math.remainder", "remainder", args, nargs, kw, &y);
    return kaa_from_float(math_2(x, y, remainder));  // IEEE remainder: exact, as CPython's
}

static KaaValue math_nextafter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    double y, x = two_nums("math.nextafter", "nextafter", args, nargs, kw, &y);
    return kaa_from_float(nextafter(x, y));
}

static KaaValue math_fmod(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    double y, x = two_nums("math.fmod", "fmod", args, nargs, kw, &y);
    if (isinf(y) && isfinite(x)) {
        return kaa_from_float(x);  // fmod(x, +-inf) is x for finite x
    }
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) {
        domain_error();
    }
    return kaa_from_float(r);
}

// pow decides the IEEE special cases itself; an infinite result from finite operands is a
// pole (0 ** negative: ValueError) or an overflow.
static double m_pow_special(double x, double y) {
    if (isnan(x)) {
        return y == 0. ? 1. : x;
    }
    if (isnan(y)) {
        return x == 1. ? 1. : y;
    }
    if (isinf(x)) {
        bool odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
        if (y > 0.) {
            return odd_y ? x : fabs(x);
        }
        return y == 0. ? 1. : odd_y ? copysign(0., x) : 0.;
    }
    // y is infinite
    if (fabs(x) == 1.0) {
        return 1.;
    }
    if (y > 0. && fabs(x) > 1.0) {
        return y;
    }
    if (y < 0. && fabs(x) < 1.0) {
        return -y;
    }
    return 0.;
}

static KaaValue math_pow(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    double y, x = two_nums("math.pow", "pow", args, nargs, kw, &y);
    if (!isfinite(x) || !isfinite(y)) {
        return kaa_from_float(m_pow_special(x, y));
    }
    double r = pow(x, y);
    if (isnan(r)) {
        domain_error();
    }
    if (isinf(r)) {
        if (x == 0.) {
            domain_error();
        }
        range_error();
    }
    return kaa_from_float(r);
}

static KaaValue math_ldexp(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    n_args("math.ldexp", "ldexp", nargs, kw, 2, 2);
    double x = num(args[0]);
    if (!kaa_is_int_like(args[1])) {
        kaa_raise_type_error("Expected an int as second argument to ldexp.");
    }
    int64_t e;
    if (!kaa_int_to_i64(args[1], &e)) {
        e = kaa_int_sign(args[1]) < 0 ? INT64_MIN : INT64_MAX;
    }
    if (x == 0. || !isfinite(x)) {
        return kaa_from_float(x);
    }
    if (e > INT32_MAX) {
        range_error();
    }
    if (e < INT32_MIN) {
        return kaa_from_float(copysign(0., x));
    }
    double r = ldexp(x, (int)e);
    if (isinf(r)) {
        range_error();
    }
    return kaa_from_float(r);
}

static KaaValue math_frexp(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.frexp", nargs, kw);
    double x = num(args[0]);
    int e = 0;
    if (isfinite(x) && x != 0.0) {
        x = frexp(x, &e);
    }
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_float(x), kaa_from_small(e)));
}

static KaaValue math_modf(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.modf", nargs, kw);
    double x = num(args[0]), ip = x, frac;
    if (isinf(x)) {
        frac = copysign(0., x);  // decided here: platforms disagree for inf and nan
    } else if (isnan(x)) {
        frac = x;
    } else {
        frac = modf(x, &ip);
    }
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_float(frac), kaa_from_float(ip)));
}

static KaaValue math_ulp(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.ulp", nargs, kw);
    double x = fabs(num(args[0]));
    if (!isfinite(x)) {
        return kaa_from_float(x);
    }
    double next = nextafter(x, INFINITY);
    if (isinf(next)) {  // x is the largest finite double: measure the gap below it
        return kaa_from_float(x - nextafter(x, -INFINITY));
    }
    return kaa_from_float(next - x);
}

// isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0): Boost's "weak" test.
static KaaValue math_isclose(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    static const NmParams params = {"isclose", names, 4, 0, 2, 2};
    KaaValue v[4];
    nm_bind(&params, args, nargs, kw, v);
    double a = num(v[0]), b = num(v[1]);
    double rel_tol = v[2] ? num(v[2]) : 1e-09, abs_tol = v[3] ? num(v[3]) : 0.0;
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        kaa_raise_value_error("tolerances must be non-negative");
    }
    if (a == b) {
        return kaa_True;  // also two infinities of the same sign
    }
    if (isinf(a) || isinf(b)) {
        return kaa_False;
    }
    double diff = fabs(b - a);
    return kaa_bool(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol);
}

// ---- logarithms ---------------------------------------------------------------------------------

// log of an int of any size: ints too large for a double are split as x * 2**e with x in
// [0.5, 1), correctly rounded, and log(x) + log(2) * e is returned (CPython's loghelper).
static double log_of(KaaValue arg, double (*fn)(double)) {
    if (kaa_is_int_like(arg)) {
        if (kaa_int_sign(arg) <= 0) {
            domain_error();
        }
        if (kaa_is_int(arg)) {
            return fn((double)kaa_int_val(arg));
        }
        mpz_t z;
        mpz_init(z);
        kaa_int_to_mpz(arg, z);
        long bits = (long)mpz_sizeinbase(z, 2);
        if (bits <= DBL_MAX_EXP - 1) {
            double x = kaa_int_ldexp(z, 0);
            if (isfinite(x)) {
                return fn(x);
            }
        }
        double x = kaa_int_ldexp(z, -bits);
        if (x == 1.0) {  // rounded up to the next power of two
            x = 0.5;
            bits++;
        }
        return fn(x) + fn(2.0) * (double)bits;
    }
    return math_1(num(arg), fn, false);
}

static KaaValue math_log(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("log", kw);
    if (nargs < 1 || nargs > 2) {
        kaa_raise_type_error("math.log requires 1 to 2 arguments");
    }
    KaaValue x = kaa_from_float(log_of(args[0], m_log));
    if (nargs == 1) {
        return x;
    }
    KaaValue base = kaa_from_float(log_of(args[1], m_log));
    return kaa_binary_op(x, base, KAA_OP_TRUEDIV);  // "float division by zero" for base 1
}

static KaaValue math_log2(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.log2", nargs, kw);
    return kaa_from_float(log_of(args[0], m_log2));
}

static KaaValue math_log10(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.log10", nargs, kw);
    return kaa_from_float(log_of(args[0], m_log10));
}

// ---- sums and norms -----------------------------------------------------------------------------

// fsum: Shewchuk's exact partial sums (msum), then a correctly rounded total with the
// half-even fix-up across partials, as CPython's math.fsum.
typedef struct {
    double *p;
    size_t n, cap;
    double special_sum, inf_sum;
} Partials;

// Adds x to the partials exactly (the hi/lo two-sum keeps every rounding error).
static void partials_add(Partials *ps, double x) {
    double xsave = x;
    size_t i = 0;
    for (size_t j = 0; j < ps->n; j++) {
        double y = ps->p[j];
        if (fabs(x) < fabs(y)) {
            double t = x;
            x = y;
            y = t;
        }
        volatile double hi = x + y;
        volatile double yr = hi - x;
        double lo = y - yr;
        if (lo != 0.0) {
            ps->p[i++] = lo;
        }
        x = hi;
    }
    ps->n = i;
    if (x == 0.0) {
        return;
    }
    if (!isfinite(x)) {
        // inf or nan among the inputs, or an intermediate overflow of finite inputs
        if (isfinite(xsave)) {
            kaa_raise_overflow("intermediate overflow in fsum");
        }
        if (isinf(xsave)) {
            ps->inf_sum += xsave;
        }
        ps->special_sum += xsave;
        ps->n = 0;
        return;
    }
    if (ps->n == ps->cap) {
        double *bigger = kaa_alloc_atomic(2 * ps->cap * sizeof(double));
        memcpy(bigger, ps->p, ps->n * sizeof(double));
        ps->p = bigger;
        ps->cap *= 2;
    }
    ps->p[ps->n++] = x;
}

// The correctly rounded sum of the partials (which are non-overlapping, increasing).
static double partials_total(Partials *ps) {
    size_t n = ps->n;
    if (n == 0) {
        return 0.0;
    }
    volatile double hi = ps->p[--n], lo = 0.0;
    while (n > 0) {  // add from the top until the sum becomes inexact
        double x = hi, y = ps->p[--n];
        hi = x + y;
        volatile double yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) {
            break;
        }
    }
    // Half-even rounding across partials: if the rest pushes the same way as lo, the
    // result is the other neighbour (so fsum([1e-16, 1, 1e16]) rounds up).
    if (n > 0 && ((lo < 0.0 && ps->p[n - 1] < 0.0) || (lo > 0.0 && ps->p[n - 1] > 0.0))) {
        double y = lo * 2.0;
        volatile double x = hi + y;
        volatile double yr = x - hi;
        if (y == yr) {
            hi = x;
        }
    }
    return hi;
}

static KaaValue math_fsum(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.fsum", nargs, kw);
    double first[32];
    Partials ps = {first, 0, 32, 0.0, 0.0};
    KaaValue it = kaa_iter(args[0]);
    for (KaaValue item; (item = kaa_next(it)) != KAA_NULL;) {
        partials_add(&ps, num(item));
    }
    if (ps.special_sum != 0.0) {
        if (isnan(ps.inf_sum)) {
            kaa_raise_value_error("-inf + inf in fsum");
        }
        return kaa_from_float(ps.special_sum);
    }
    return kaa_from_float(partials_total(&ps));
}

// One compensated (Neumaier) accumulation step: csum stays the larger operand, so the rounding
// error of the addition is exactly (old - csum) + x.
static inline void neumaier(double *csum, double *frac, double x) {
    double old = *csum;
    *csum += x;
    *frac += (old - *csum) + x;
}

// sqrt(sum(x*x for x in vec)), almost always correctly rounded (CPython's vector_norm): exact
// power-of-two scaling, Veltkamp-Dekker splitting so squares are exact, compensated sums, and
// one differential correction of the square root. vec holds absolute values; max is the
// largest of them.
static double vector_norm(size_t n, const double *vec, double max, bool found_nan) {
    const double T27 = 134217729.0;  // 2**27 + 1: the Veltkamp splitter
    if (isinf(max)) {
        return max;
    }
    if (found_nan) {
        return NAN;
    }
    if (max == 0.0 || n <= 1) {
        return max;
    }
    int max_e;
    frexp(max, &max_e);
    double csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
    if (max_e < -1023) {  // ldexp(1.0, -max_e) would overflow: divide by max instead
        for (size_t i = 0; i < n; i++) {
            double x = vec[i] / max;
            neumaier(&csum, &frac1, x * x);
        }
        return max * sqrt(csum - 1.0 + frac1);
    }
    double scale = ldexp(1.0, -max_e);
    for (size_t i = 0; i < n; i++) {
        double x = vec[i] * scale;
        double t = x * T27;
        double hi = t - (t - x), lo = x - hi;
        neumaier(&csum, &frac1, hi * hi);
        neumaier(&csum, &frac2, 2.0 * hi * lo);
        frac3 += lo * lo;
    }
    double h = sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    // h*h - sum, computed exactly the same way, gives the first-order correction of h.
    double t = h * T27;
    double hi = t - (t - h), lo = h - hi;
    neumaier(&csum, &frac1, -hi * hi);
    neumaier(&csum, &frac2, -2.0 * hi * lo);
    neumaier(&csum, &frac3, -lo * lo);
    double x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
}

static KaaValue math_hypot(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("math.hypot", kw);
    double stack[16];
    double *coords = nargs <= 16 ? stack : kaa_alloc_atomic(nargs * sizeof(double));
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < nargs; i++) {
        double x = fabs(num(args[i]));
        coords[i] = x;
        found_nan |= isnan(x);
        if (x > max) {
            max = x;
        }
    }
    return kaa_from_float(vector_norm(nargs, coords, max, found_nan));
}

static KaaTuple *as_tuple(KaaValue v) {
    return kaa_is_tuple(v) ? kaa_tuple(v) : kaa_tuple(kaa_tuple_from_iterable(v));
}

static KaaValue math_dist(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    n_args("math.dist", "dist", nargs, kw, 2, 2);
    KaaTuple *p = as_tuple(args[0]), *q = as_tuple(args[1]);
    if (p->len != q->len) {
        kaa_raise_value_error("both points must have the same number of dimensions");
    }
    size_t n = (size_t)p->len;
    double stack[16];
    double *diffs = n <= 16 ? stack : kaa_alloc_atomic(n * sizeof(double));
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < n; i++) {
        double px = num(p->items[i]);
        double x = fabs(px - num(q->items[i]));
        diffs[i] = x;
        found_nan |= isnan(x);
        if (x > max) {
            max = x;
        }
    }
    return kaa_from_float(vector_norm(n, diffs, max, found_nan));
}

// prod(iterable, /, *, start=1): products of small ints and of floats stay in C registers
// until an item of another kind (or an overflow) needs the general multiplication.
static KaaValue math_prod(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"iterable", "start"};
    static const NmParams params = {"prod", names, 2, 1, 1, 1};
    KaaValue v[2];
    nm_bind(&params, args, nargs, kw, v);
    KaaValue acc = v[1] ? v[1] : kaa_from_small(1);
    KaaValue it = kaa_iter(v[0]);
    for (KaaValue item; (item = kaa_next(it)) != KAA_NULL;) {
        if (kaa_is_int(acc) && kaa_is_int(item)) {
            int64_t r;
            if (!__builtin_mul_overflow(kaa_int_val(acc), kaa_int_val(item), &r)) {
                acc = kaa_int_from_i64(r);
                continue;
            }
        } else if (kaa_is_float(acc) && (kaa_is_float(item) || kaa_is_int(item))) {
            acc = kaa_from_float(kaa_float_val(acc) * num(item));
            continue;
        }
        acc = kaa_binary_op(acc, item, KAA_OP_MUL);
    }
    return acc;
}

// ---- integer functions --------------------------------------------------------------------------

// An integer argument through __index__, as an mpz.
static void index_mpz(KaaValue v, mpz_t out) {
    mpz_init(out);
    kaa_int_to_mpz(kaa_index(v), out);
}

static uint64_t gcd_u64(uint64_t a, uint64_t b) {
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

// gcd of immediates only (the common case): no GMP at all. False if some argument is not.
static bool gcd_small(KaaValue *args, size_t nargs, KaaValue *out) {
    uint64_t g = 0;
    for (size_t i = 0; i < nargs; i++) {
        if (!kaa_is_int(args[i])) {
            return false;
        }
        int64_t v = kaa_int_val(args[i]);
        g = gcd_u64(g, v < 0 ? -(uint64_t)v : (uint64_t)v);
    }
    *out = kaa_int_from_u64(g);
    return true;
}

static KaaValue math_gcd(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("math.gcd", kw);
    KaaValue small;
    if (gcd_small(args, nargs, &small)) {
        return small;
    }
    KaaValue first = kaa_index(args[0]);
    if (nargs == 1) {
        return kaa_abs(first);
    }
    mpz_t g, x;
    mpz_init(g);
    mpz_init(x);
    kaa_int_to_mpz(first, g);
    mpz_abs(g, g);
    for (size_t i = 1; i < nargs; i++) {
        KaaValue v = kaa_index(args[i]);
        if (mpz_cmp_ui(g, 1) == 0) {
            continue;  // the result is 1 whatever follows; the rest are only checked
        }
        if (kaa_is_int(v) && mpz_fits_slong_p(g)) {
            int64_t b = kaa_int_val(v);
            uint64_t ub = b < 0 ? -(uint64_t)b : (uint64_t)b;
            mpz_set_ui(g, gcd_u64(mpz_get_ui(g), ub));
            continue;
        }
        kaa_int_to_mpz(v, x);
        mpz_gcd(g, g, x);
    }
    return kaa_int_from_mpz(g);
}

static KaaValue math_lcm(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("math.lcm", kw);
    if (nargs == 0) {
        return kaa_from_small(1);
    }
    KaaValue first = kaa_index(args[0]);
    if (nargs == 1) {
        return kaa_abs(first);
    }
    mpz_t l, x;
    mpz_init(l);
    mpz_init(x);
    kaa_int_to_mpz(first, l);
    for (size_t i = 1; i < nargs; i++) {
        KaaValue v = kaa_index(args[i]);
        if (mpz_sgn(l) == 0) {
            continue;  // stays 0; the rest are only checked
        }
        kaa_int_to_mpz(v, x);
        mpz_lcm(l, l, x);
    }
    mpz_abs(l, l);
    return kaa_int_from_mpz(l);
}

static KaaValue math_isqrt(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.isqrt", nargs, kw);
    KaaValue n = kaa_index(args[0]);
    if (kaa_int_sign(n) < 0) {
        kaa_raise_value_error("isqrt() argument must be nonnegative");
    }
    if (kaa_is_int(n)) {
        // sqrt of a 48-bit int is within one of the answer; fix it up exactly.
        int64_t v = kaa_int_val(n), r = (int64_t)sqrt((double)v);
        while (r * r > v) {
            r--;
        }
        while ((r + 1) * (r + 1) <= v) {
            r++;
        }
        return kaa_from_small(r);
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(n, z);
    mpz_sqrt(z, z);
    return kaa_int_from_mpz(z);
}

// factorial's argument: an int >= 0 that fits a C long, with CPython's messages.
static unsigned long factorial_arg(KaaValue v) {
    KaaValue n = kaa_index(v);
    int64_t x;
    if (!kaa_int_to_i64(n, &x)) {
        if (kaa_int_sign(n) > 0) {
            kaa_raise_overflow("factorial() argument should not exceed %lld", (long long)INT64_MAX);
        }
        x = -1;
    }
    if (x < 0) {
        kaa_raise_value_error("factorial() not defined for negative values");
    }
    return (unsigned long)x;
}

static KaaValue math_factorial(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_arg("math.factorial", nargs, kw);
    unsigned long n = factorial_arg(args[0]);
    if (n <= 20) {
        uint64_t r = 1;
        for (unsigned long i = 2; i <= n; i++) {
            r *= i;
        }
        return kaa_int_from_u64(r);
    }
    mpz_t z;
    mpz_init(z);
    mpz_fac_ui(z, n);
    return kaa_int_from_mpz(z);
}

// n and k of comb/perm: non-negative ints.
static void comb_args(KaaValue *args, mpz_t n, mpz_t k) {
    index_mpz(args[0], n);
    index_mpz(args[1], k);
    if (mpz_sgn(n) < 0) {
        kaa_raise_value_error("n must be a non-negative integer");
    }
    if (mpz_sgn(k) < 0) {
        kaa_raise_value_error("k must be a non-negative integer");
    }
}

static KaaValue math_comb(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    n_args("math.comb", "comb", nargs, kw, 2, 2);
    mpz_t n, k, r;
    comb_args(args, n, k);
    if (mpz_cmp(k, n) > 0) {
        return kaa_from_small(0);
    }
    mpz_init(r);
    mpz_sub(r, n, k);
    if (mpz_cmp(r, k) < 0) {
        mpz_set(k, r);  // comb(n, k) == comb(n, n - k): the smaller is cheaper
    }
    if (!mpz_fits_slong_p(k)) {
        kaa_raise_overflow("min(n - k, k) must not exceed %lld", (long long)INT64_MAX);
    }
    mpz_bin_ui(r, n, mpz_get_ui(k));
    return kaa_int_from_mpz(r);
}

static KaaValue math_perm(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    n_args("math.perm", "perm", nargs, kw, 1, 2);
    if (nargs == 1 || args[1] == kaa_None) {
        return math_factorial(self, args, 1, NULL);
    }
    mpz_t n, k, r, f;
    comb_args(args, n, k);
    if (mpz_cmp(k, n) > 0) {
        return kaa_from_small(0);
    }
    if (!mpz_fits_slong_p(k)) {
        kaa_raise_overflow("k must not exceed %lld", (long long)INT64_MAX);
    }
    // perm(n, k) = comb(n, k) * k!, both of which GMP computes with fast algorithms.
    unsigned long ki = mpz_get_ui(k);
    mpz_init(r);
    mpz_init(f);
    mpz_bin_ui(r, n, ki);
    mpz_fac_ui(f, ki);
    mpz_mul(r, r, f);
    return kaa_int_from_mpz(r);
}

// ---- the module ---------------------------------------------------------------------------------

static const KaaMethodDef math_methods[] = {
    {"acos", math_acos, 0, "Return the arc cosine (measured in radians) of x."},
    {"acosh", math_acosh, 0, "Return the inverse hyperbolic cosine of x."},
    {"asin", math_asin, 0, "Return the arc sine (measured in radians) of x."},
    {"asinh", math_asinh, 0, "Return the inverse hyperbolic sine of x."},
    {"atan", math_atan, 0, "Return the arc tangent (measured in radians) of x."},
    {"atan2", math_atan2, 0, "Return the arc tangent (measured in radians) of y/x."},
    {"atanh", math_atanh, 0, "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_cbrt, 0, "Return the cube root of x."},
    {"ceil", math_ceil, 0, "Return the ceiling of x as an Integral."},
    {"comb", math_comb, 0, "Number of ways to choose k items from n items."},
    {"copysign", math_copysign, 0, "Return a float with the magnitude of x but the sign of y."},
    {"cos", math_cos, 0, "Return the cosine of x (measured in radians)."},
    {"cosh", math_cosh, 0, "Return the hyperbolic cosine of x."},
    {"degrees", math_degrees, 0, "Convert angle x from radians to degrees."},
    {"dist", math_dist, 0, "Return the Euclidean distance between two points p and q."},
    {"erf", math_erf, 0, "Error function at x."},
    {"erfc", math_erfc, 0, "Complementary error function at x."},
    {"exp", math_exp, 0, "Return e raised to the power of x."},
    {"exp2", math_exp2, 0, "Return 2 raised to the power of x."},
    {"expm1", math_expm1, 0, "Return exp(x)-1."},
    {"fabs", math_fabs, 0, "Return the absolute value of the float x."},
    {"factorial", math_factorial, 0, "Find x!."},
    {"floor", math_floor, 0, "Return the floor of x as an Integral."},
    {"fmod", math_fmod, 0, "Return fmod(x, y), according to platform C."},
    {"frexp", math_frexp, 0, "Return the mantissa and exponent of x, as pair (m, e)."},
    {"fsum", math_fsum, 0, "Return an accurate floating point sum of values in the iterable."},
    {"gamma", math_gamma, 0, "Gamma function at x."},
    {"gcd", math_gcd, 0, "Greatest Common Divisor."},
    {"hypot", math_hypot, 0, "Multidimensional Euclidean distance from the origin to a point."},
    {"isclose", math_isclose, 0, "Determine whether two floating point numbers are close."},
    {"isfinite", math_isfinite, 0, "Return True if x is neither an infinity nor a NaN."},
    {"isinf", math_isinf, 0, "Return True if x is a positive or negative infinity."},
    {"isnan", math_isnan, 0, "Return True if x is a NaN (not a number)."},
    {"isqrt", math_isqrt, 0, "Return the integer part of the square root of the input."},
    {"lcm", math_lcm, 0, "Least Common Multiple."},
    {"ldexp", math_ldexp, 0, "Return x * (2**i)."},
    {"lgamma", math_lgamma, 0, "Natural logarithm of absolute value of Gamma function at x."},
    {"log", math_log, 0, "Return the logarithm of x to the given base."},
    {"log10", math_log10, 0, "Return the base 10 logarithm of x."},
    {"log1p", math_log1p, 0, "Return the natural logarithm of 1+x (base e)."},
    {"log2", math_log2, 0, "Return the base 2 logarithm of x."},
    {"modf", math_modf, 0, "Return the fractional and integer parts of x."},
    {"nextafter", math_nextafter, 0, "Return the next floating-point value after x towards y."},
    {"perm", math_perm, 0, "Number of ways to choose k items from n items with order."},
    {"pow", math_pow, 0, "Return x**y (x to the power of y)."},
    {"prod", math_prod, 0, "Calculate the product of all the elements in the input iterable."},
    {"radians", math_radians, 0, "Convert angle x from degrees to radians."},
    {"remainder", math_remainder, 0, "Difference between x and the closest multiple of y."},
    {"sin", math_sin, 0, "Return the sine of x (measured in radians)."},
    {"sinh", math_sinh, 0, "Return the hyperbolic sine of x."},
    {"sqrt", math_sqrt, 0, "Return the square root of x."},
    {"tan", math_tan, 0, "Return the tangent of x (measured in radians)."},
    {"tanh", math_tanh, 0, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, 0, "Truncates the Real x to the nearest Integral toward 0."},
    {"ulp", math_ulp, 0, "Return the value of the least significant bit of the float x."},
    {NULL},
};

KaaValue kaa_math_init(void) {
    KaaValue m = kaa_module_new_cstr("math");
    kaa_module_add_methods(m, math_methods);
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("This module provides access to the "
                                                   "mathematical functions\ndefined by the C "
                                                   "standard."));
    kaa_module_add(m, "pi", kaa_from_float(pi));
    kaa_module_add(m, "e", kaa_from_float(2.718281828459045235360287471352662498));
    kaa_module_add(m, "tau", kaa_from_float(2.0 * pi));
    kaa_module_add(m, "inf", kaa_from_float(INFINITY));
    kaa_module_add(m, "nan", kaa_from_float(NAN));
    return m;
}
