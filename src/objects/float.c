// objects/float.c — the float type.
//
// Stage: objects. Owns float: immediates (value.h) and KaaFloat objects for instances of float
// subclasses; arithmetic under Python's rules (floor division and modulo signs, pow's special
// cases), exact comparison with ints of any size, CPython's hash, the shortest round-trip
// repr, parsing of float literals (shared with complex.c), and the methods of float.
// Must not: know the bit layout of values (value.h), format with a format spec (format.c), or
// depend on the C locale's decimal point being anything but '.' (kaa never changes LC_NUMERIC).
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

#define HASH_MODULUS (((uint64_t)1 << 61) - 1)
#define HASH_INF 314159
// repr switches to exponent form outside 1e-4 <= |x| < 1e16.
#define REPR_EXP_LOW (-4)
#define REPR_EXP_HIGH 16
// round(x, n) returns x for n above this (every double is exact in that many decimals) and 0.0
// below the negative bound (as CPython's NDIGITS_MAX / NDIGITS_MIN).
#define NDIGITS_MAX 323
#define NDIGITS_MIN (-308)

// ---- values ------------------------------------------------------------------------------------

// isinstance(v, float): an immediate, or an instance of a float subclass.
bool kaa_is_float_like(KaaValue v) {
    return kaa_is_float(v) ||
           (kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_FLOAT_SUBCLASS));
}

// The double of a float-like value (immediate or subclass instance).
static inline double fval(KaaValue v) {
    return kaa_is_float(v) ? kaa_float_val(v) : ((KaaFloat *)kaa_obj(v))->d;
}

// An operand of a float operator: float, int (converted exactly or OverflowError), or false.
static inline bool operand(KaaValue v, double *d) {
    if (KAA_LIKELY(kaa_is_float(v))) {
        *d = kaa_float_val(v);
        return true;
    }
    if (kaa_is_int(v)) {
        *d = (double)kaa_int_val(v);
        return true;
    }
    uint32_t flags = kaa_obj(v)->type->flags;
    if (flags & KAA_TPFLAG_FLOAT_SUBCLASS) {
        *d = ((KaaFloat *)kaa_obj(v))->d;
        return true;
    }
    if (flags & KAA_TPFLAG_INT_SUBCLASS) {
        *d = kaa_int_as_double(v);
        return true;
    }
    return false;
}

// What __float__ returned, checked: a float (a subclass's value is taken).
static double check_float_result(KaaValue obj, KaaValue r) {
    if (!kaa_is_float_like(r)) {
        kaa_raise_type_error("%s.__float__ returned non-float (type %s)", kaa_type_name_of(obj),
                             kaa_type_name_of(r));
    }
    return fval(r);
}

// The double of any real number, as PyFloat_AsDouble: float, int (OverflowError when
// too large), then __float__ (which must return a float), then __index__.
double kaa_float_of(KaaValue v) {
    if (kaa_is_float_like(v)) {
        return fval(v);
    }
    if (kaa_is_int_like(v)) {
        return kaa_int_as_double(v);
    }
    KaaType *t = kaa_type_of(v);
    if (t->to_float) {
        return check_float_result(v, t->to_float(v));
    }
    if (t->index) {
        return kaa_int_as_double(kaa_index(v));
    }
    kaa_raise_type_error("must be real number, not %s", kaa_type_name_of(v));
}

// ---- hash --------------------------------------------------------------------------------------

// hash(x) is x mod 2^61-1 for every finite rational x, so that equal int, float and Fraction
// values hash alike. With |x| = m * 2^e (m a 53-bit integer) and 2^61 = 1 (mod P), that is m
// rotated left by e mod 61 within 61 bits. NaN hashes to 0: kaa's NaN is an immediate with no
// identity (CPython 3.10+ hashes NaN by object identity instead).
int64_t kaa_float_hash(double d) {
    if (!isfinite(d)) {
        return isnan(d) ? 0 : d > 0 ? HASH_INF : -HASH_INF;
    }
    int e;
    double m = frexp(fabs(d), &e);  // |d| = m * 2^e, 0.5 <= m < 1
    uint64_t mant = (uint64_t)ldexp(m, DBL_MANT_DIG);
    e -= DBL_MANT_DIG;
    int r = e >= 0 ? e % 61 : 60 - (-1 - e) % 61;
    uint64_t h = mant % HASH_MODULUS;
    if (r) {
        h = ((h << r) & HASH_MODULUS) | (h >> (61 - r));
    }
    int64_t s = d < 0 ? -(int64_t)h : (int64_t)h;
    return s == -1 ? -2 : s;
}

// The hash slot.
static int64_t float_hash(KaaValue v) { return kaa_float_hash(fval(v)); }

// ---- repr --------------------------------------------------------------------------------------

// x (> 0) correctly rounded to p significant digits by printf: the digits go to out, and the
// return value is the decimal exponent (x ~ out[0].out[1..] * 10^e).
static int sci_digits(double x, int p, char *out) {
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", p - 1, x);
    int n = 0;
    const char *s = buf;
    for (; *s != 'e'; s++) {
        if (*s >= '0' && *s <= '9') {
            out[n++] = *s;
        }
    }
    return atoi(s + 1);
}

// Does the decimal digits[0..n) * 10^(exp10 - n + 1) read back as x?
static bool reads_back(const char *digits, int n, int exp10, double x) {
    char buf[40];
    memcpy(buf, digits, (size_t)n);
    snprintf(buf + n, sizeof buf - (size_t)n, "e%d", exp10 - n + 1);
    return strtod(buf, NULL) == x;
}

// Adds one unit in the last place to digits[0..n); returns the carry out (all were '9').
static bool increment(char *digits, int n) {
    for (int i = n - 1; i >= 0; i--) {
        if (digits[i] != '9') {
            digits[i]++;
            return false;
        }
        digits[i] = '0';
    }
    digits[0] = '1';  // 999 + 1 = 1000: the caller bumps the exponent
    return true;
}

// Whether the p-digit decimal nearest x reads back as x, given s17 = x to 17 significant digits
// (x ~ s17[0].s17[1..] * 10^e10). Tries the nearer of the two p-digit neighbours of x first,
// then the other (near a power of two the rounding interval is lopsided). On success, writes
// the digits to out and their exponent to *oe.
static bool try_precision(double x, const char *s17, int e10, int p, char *out, int *oe) {
    char lo[18], hi[18];
    memcpy(lo, s17, (size_t)p);
    memcpy(hi, s17, (size_t)p);
    int hi_e = e10 + increment(hi, p);
    // Which neighbour is nearer: compare the dropped digits with one half.
    int c = s17[p] - '5';
    if (c == 0) {
        c = (int)strspn(s17 + p + 1, "0") < 16 - p ? 1 : 0;  // s17 is NUL-terminated
    }
    if (c == 0) {  // the tail is exactly 5 at 17 digits: printf's exact rounding decides
        char exact[20];
        sci_digits(x, p, exact);
        c = memcmp(exact, lo, (size_t)p) == 0 ? -1 : 1;
    }
    const char *first = c > 0 ? hi : lo, *second = c > 0 ? lo : hi;
    int fe = c > 0 ? hi_e : e10, se = c > 0 ? e10 : hi_e;
    if (reads_back(first, p, fe, x)) {
        memcpy(out, first, (size_t)p);
        *oe = fe;
        return true;
    }
    if (reads_back(second, p, se, x)) {
        memcpy(out, second, (size_t)p);
        *oe = se;
        return true;
    }
    return false;
}

// The shortest length by bisection (a p-digit decimal reading back as x is also a
// (p+1)-digit one); for subnormals, whose precision is below 15 digits.
static int bisect_digits(double x, const char *s17, int e10, char *digits, int *e) {
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2, me;
        char cand[18];
        if (try_precision(x, s17, e10, mid, cand, &me)) {
            hi = mid;
            memcpy(digits, cand, (size_t)mid);
            *e = me;
        } else {
            lo = mid + 1;
        }
    }
    return hi;
}

// The shortest decimal digits that read back as x (finite, > 0), without trailing zeros;
// returns their count. *decpt: x = 0.DIGITS * 10^decpt.
// For a normal x, a decimal of at most 15 digits that reads back as x lies within 2^-53
// (relative) of x, less than half a unit in the 15th digit, so it is x rounded to 15 digits
// with its zeros dropped: one test settles every length up to 15. Then 16; 17 always works.
static int shortest_digits(double x, char *digits, int *decpt, bool skip15) {
    char s17[18];
    int e10 = sci_digits(x, 17, s17), e = e10, n = 17;
    s17[17] = 0;
    memcpy(digits, s17, 17);
    if (x < DBL_MIN) {
        n = bisect_digits(x, s17, e10, digits, &e);
    } else if (!skip15 && try_precision(x, s17, e10, 15, digits, &e)) {
        n = 15;
    } else if (try_precision(x, s17, e10, 16, digits, &e)) {
        n = 16;
    }
    while (n > 1 && digits[n - 1] == '0') {
        n--;
    }
    *decpt = e + 1;
    return n;
}

// Powers of ten that doubles hold exactly.
static const double exact_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};
#define EXACT_POW10_MAX 22

// x * 10^s with one rounding (10^|s| is exact), for |s| <= 22.
static inline double scale10(double x, int s) {
    return s >= 0 ? x * exact_pow10[s] : x / exact_pow10[-s];
}

// Decimal digits of u into buf (no terminator); returns how many.
static int u64_digits(uint64_t u, char *buf) {
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = 0; i < n; i++) {
        buf[i] = tmp[n - 1 - i];
    }
    return n;
}

// The fast path of shortest_digits, for a normal x in [1e-8, 1e36) whose shortest form has at
// most 15 digits (most values written by people). Returns 1 with the digits, 0 when x has no
// such form (proved: the slow path can start at 16 digits), -1 outside its range. Such a form is
// the only decimal of <= 15 digits that reads back as x, and it is an integer next to x * 10^s
// scaled into [1e14, 1e15]. An integer c < 2^53 reads back as x exactly when c / 10^s == x in
// one IEEE operation (Clinger's fast path), so no printf or strtod is needed.
static int short_digits(double x, char *digits, int *n, int *decpt) {
    int e2;
    frexp(x, &e2);
    int s = 14 - (int)floor((e2 - 1) * 0.30102999566398120);  // 14 - log10(x), or one more
    double w = 0;
    for (int tries = 0; tries < 3; tries++) {
        if (s < -EXACT_POW10_MAX || s > EXACT_POW10_MAX) {
            return -1;
        }
        w = scale10(x, s);
        if (w >= 1e15 || w < 1e14) {
            s += w >= 1e15 ? -1 : 1;
            continue;
        }
        int64_t d = (int64_t)(w + 0.5);
        for (int64_t c = d - 1; c <= d + 1; c++) {
            if (c <= 1000000000000000 && scale10((double)c, -s) == x) {
                char buf[24];
                int len = u64_digits((uint64_t)c, buf);
                *decpt = len - s;
                while (len > 1 && buf[len - 1] == '0') {
                    len--;
                }
                memcpy(digits, buf, (size_t)len);
                *n = len;
                return 1;
            }
        }
        return 0;
    }
    return -1;
}

// Lays out digits the way repr does: fixed notation for 1e-4 <= |x| < 1e16, else exponent.
static size_t layout(char *out, bool neg, const char *d, int n, int decpt) {
    char *o = out;
    if (neg) {
        *o++ = '-';
    }
    if (decpt <= REPR_EXP_LOW || decpt > REPR_EXP_HIGH) {
        *o++ = d[0];
        if (n > 1) {
            *o++ = '.';
            memcpy(o, d + 1, (size_t)n - 1);
            o += n - 1;
        }
        int e = decpt - 1;
        o += sprintf(o, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    } else if (decpt <= 0) {
        memcpy(o, "0.", 2);
        o += 2;
        memset(o, '0', (size_t)-decpt);
        o += -decpt;
        memcpy(o, d, (size_t)n);
        o += n;
    } else if (decpt >= n) {
        memcpy(o, d, (size_t)n);
        o += n;
        memset(o, '0', (size_t)(decpt - n));
        o += decpt - n;
        memcpy(o, ".0", 2);
        o += 2;
    } else {
        memcpy(o, d, (size_t)decpt);
        o += decpt;
        *o++ = '.';
        memcpy(o, d + decpt, (size_t)(n - decpt));
        o += n - decpt;
    }
    *o = 0;
    return (size_t)(o - out);
}

// repr(d): CPython's 'r' format (repr and str agree for floats since 3.2).
size_t kaa_float_repr(double d, char *buf, size_t size) {
    char tmp[48], digits[20];
    size_t len;
    if (isnan(d)) {
        len = (size_t)snprintf(tmp, sizeof tmp, "nan");
    } else if (isinf(d)) {
        len = (size_t)snprintf(tmp, sizeof tmp, d > 0 ? "inf" : "-inf");
    } else if (d == 0) {
        len = (size_t)snprintf(tmp, sizeof tmp, signbit(d) ? "-0.0" : "0.0");
    } else if (fabs(d) < 1e16 && d == (double)(int64_t)d) {
        len = (size_t)snprintf(tmp, sizeof tmp, "%lld.0", (long long)d);  // integral: exact
    } else {
        int decpt, n, fast = short_digits(fabs(d), digits, &n, &decpt);
        if (fast != 1) {
            n = shortest_digits(fabs(d), digits, &decpt, fast == 0);
        }
        len = layout(tmp, d < 0, digits, n, decpt);
    }
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(buf, tmp, n);
        buf[n] = 0;
    }
    return len;
}

// repr(d) as a str value.
KaaValue kaa_float_repr_value(double d) {
    char buf[48];
    size_t n = kaa_float_repr(d, buf, sizeof buf);
    return kaa_str_from_ascii(buf, n);
}

// The repr slot (str is inherited from object and calls it).
static KaaValue float_repr(KaaValue v) { return kaa_float_repr_value(fval(v)); }

// ---- parsing -----------------------------------------------------------------------------------

// Whitespace that float() strips (str input has been made ASCII before).
static inline bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// An ASCII decimal digit.
static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Copies a run of digits with single underscores between them; returns the end of the run.
static const char *copy_digits(const char *p, const char *end, char **out) {
    const char *start = p;
    while (p < end) {
        if (is_digit(*p)) {
            *(*out)++ = *p++;
        } else if (*p == '_' && p > start && is_digit(p[-1]) && p + 1 < end && is_digit(p[1])) {
            p++;
        } else {
            break;
        }
    }
    return p;
}

// "inf", "infinity" or "nan" (any case) at p: their length, or 0.
static size_t special_word(const char *p, const char *end, double *out) {
    size_t avail = (size_t)(end - p);
    if (avail >= 8 && strncasecmp(p, "infinity", 8) == 0) {
        *out = HUGE_VAL;
        return 8;
    }
    if (avail >= 3 && strncasecmp(p, "inf", 3) == 0) {
        *out = HUGE_VAL;
        return 3;
    }
    if (avail >= 3 && strncasecmp(p, "nan", 3) == 0) {
        *out = NAN;
        return 3;
    }
    return 0;
}

// Copies the literal without underscores into a buffer for strtod; the syntax is checked
// here first, because strtod also accepts hex floats and "nan(...)" that Python does not.
const char *kaa_float_parse_prefix(const char *p, const char *end, double *out) {
    const char *start = p;
    bool neg = p < end && *p == '-';
    if (p < end && (*p == '+' || *p == '-')) {
        p++;
    }
    size_t w = special_word(p, end, out);
    if (w) {
        *out = neg ? -*out : *out;
        return p + w;
    }
    char stackbuf[128];
    size_t cap = (size_t)(end - start) + 2;
    char *buf = cap <= sizeof stackbuf ? stackbuf : kaa_alloc_atomic(cap), *o = buf;
    if (neg) {
        *o++ = '-';
    }
    char *digits_start = o;
    p = copy_digits(p, end, &o);
    size_t int_digits = (size_t)(o - digits_start);
    if (p < end && *p == '.') {
        *o++ = '.';
        char *frac = o;
        p = copy_digits(p + 1, end, &o);
        if (int_digits == 0 && o == frac) {
            return NULL;
        }
    } else if (int_digits == 0) {
        return NULL;
    }
    // An exponent counts only when digits follow it ("1e" leaves the "e" unread).
    if (p < end && (*p | 0x20) == 'e') {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-')) {
            q++;
        }
        if (q < end && is_digit(*q)) {
            *o++ = 'e';
            if (q[-1] == '-') {  // the sign, if any, is just before q
                *o++ = '-';
            }
            p = copy_digits(q, end, &o);
        }
    }
    *o = 0;
    *out = strtod(buf, NULL);
    return p;
}

// float(text): KAA_NULL-free; raises ValueError with repr(obj) when the text is not a float.
static double float_from_text(KaaValue obj, const char *s, size_t len) {
    const char *p = s, *end = s + len;
    while (p < end && ascii_space(*p)) {
        p++;
    }
    while (end > p && ascii_space(end[-1])) {
        end--;
    }
    double d;
    const char *stop = p < end ? kaa_float_parse_prefix(p, end, &d) : NULL;
    if (stop != end) {
        kaa_raise_value_error("could not convert string to float: %R", obj);
    }
    return d;
}

// ---- arithmetic --------------------------------------------------------------------------------

#define OPERANDS(a, b, x, y)                                                                      \
    double x, y;                                                                                  \
    if (!operand(a, &x) || !operand(b, &y)) {                                                     \
        return kaa_NotImplemented;                                                                \
    }

// a + b, with either operand possibly an int: the VM adds two floats inline.
static KaaValue float_add(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    return kaa_from_float(x + y);
}

// a - b.
static KaaValue float_sub(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    return kaa_from_float(x - y);
}

// a * b.
static KaaValue float_mul(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    return kaa_from_float(x * y);
}

// a / b.
static KaaValue float_truediv(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    if (y == 0) {
        kaa_raise_zero_division("float division by zero");
    }
    return kaa_from_float(x / y);
}

// Python's x % y: the result takes the divisor's sign.
static double float_mod_d(double x, double y) {
    double m = fmod(x, y);
    if (m != 0) {
        if ((y < 0) != (m < 0)) {
            m += y;
        }
    } else {
        m = copysign(0.0, y);
    }
    return m;
}

// Python's x // y, consistent with x % y: (x - x % y) / y, then snapped to the integer it
// approximates (the division may be off by a rounding).
static double float_floordiv_d(double x, double y) {
    // fmod is exact, so x - m is an exact multiple of y and div is close to an integer.
    double m = fmod(x, y), div = (x - m) / y;
    if (m != 0 && (y < 0) != (m < 0)) {
        div -= 1.0;
    }
    if (div == 0) {  // keep the sign the quotient has: 0.0 // -3.0 is -0.0
        return copysign(0.0, x / y);
    }
    double f = floor(div);
    return div - f > 0.5 ? f + 1.0 : f;
}

// a % b.
static KaaValue float_mod(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    if (y == 0) {
        kaa_raise_zero_division("float modulo");
    }
    return kaa_from_float(float_mod_d(x, y));
}

// a // b.
static KaaValue float_floordiv(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    if (y == 0) {
        kaa_raise_zero_division("float floor division by zero");
    }
    return kaa_from_float(float_floordiv_d(x, y));
}

// divmod(a, b): the slot-less __divmod__ and __rdivmod__ call it.
static KaaValue float_divmod(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    if (y == 0) {
        kaa_raise_zero_division("float divmod()");
    }
    KaaValue q = kaa_from_float(float_floordiv_d(x, y)), r = kaa_from_float(float_mod_d(x, y));
    return kaa_from_obj(kaa_tuple_pack(2, q, r));
}

// Whether d is an odd integer (the sign of pow(-x, d) depends on it).
static bool is_odd_integer(double d) { return fmod(fabs(d), 2.0) == 1.0; }

// OverflowError(34, 'Numerical result out of range'), as CPython reports a libm ERANGE.
KAA_NORETURN static void raise_erange(void) {
    KaaValue args[2] = {kaa_from_small(ERANGE), kaa_str_from_cstr(strerror(ERANGE))};
    kaa_raise(kaa_exc_new(kaa_OverflowError, args, 2));
}

// x ** y for the cases C's pow() does not settle the way Python wants; false otherwise.
static bool pow_special(double x, double y, double *r) {
    if (y == 0) {
        *r = 1.0;
    } else if (isnan(x)) {
        *r = x;
    } else if (isnan(y)) {
        *r = x == 1.0 ? 1.0 : y;
    } else if (isinf(y)) {
        x = fabs(x);
        *r = x == 1.0 ? 1.0 : (y > 0) == (x > 1.0) ? fabs(y) : 0.0;
    } else if (isinf(x)) {
        bool odd = is_odd_integer(y);
        *r = y > 0 ? (odd ? x : fabs(x)) : (odd ? copysign(0.0, x) : 0.0);
    } else if (x == 0) {
        if (y < 0) {
            kaa_raise_zero_division("0.0 cannot be raised to a negative power");
        }
        *r = is_odd_integer(y) ? x : 0.0;
    } else if (x == 1.0) {
        *r = 1.0;
    } else {
        return false;
    }
    return true;
}

// a ** b with Python's rules: the special cases, a complex result for a negative base
// with a fractional exponent, OverflowError when the result overflows.
static KaaValue float_pow(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    double r;
    if (pow_special(x, y, &r)) {
        return kaa_from_float(r);
    }
    bool negate = false;
    if (x < 0) {
        if (y != floor(y)) {  // a negative base to a fractional power is complex
            return kaa_binary_op(kaa_complex_new(x, 0.0), kaa_complex_new(y, 0.0), KAA_OP_POW);
        }
        x = -x;
        negate = is_odd_integer(y);
    }
    r = x == 1.0 ? 1.0 : pow(x, y);
    if (isinf(r)) {  // finite operands here: an infinite result is an overflow
        raise_erange();
    }
    return kaa_from_float(negate ? -r : r);
}

// pow(a, b, m): floats take no modulus.
static KaaValue float_power3(KaaValue a, KaaValue b, KaaValue m) {
    double x, y;
    if (!operand(a, &x) || !operand(b, &y)) {
        return kaa_NotImplemented;
    }
    if (m != kaa_None) {
        kaa_raise_type_error("pow() 3rd argument not allowed unless all arguments are integers");
    }
    return float_pow(a, b);
}

// ---- comparison and unary operators ------------------------------------------------------------

static KaaValue cmp_result(int c, int op) {
    switch (op) {
    case KAA_LT: return kaa_bool(c < 0);
    case KAA_LE: return kaa_bool(c <= 0);
    case KAA_EQ: return kaa_bool(c == 0);
    case KAA_NE: return kaa_bool(c != 0);
    case KAA_GT: return kaa_bool(c > 0);
    default: return kaa_bool(c >= 0);
    }
}

// The IEEE comparison (NaN compares unequal to everything).
static KaaValue compare_doubles(double x, double y, int op) {
    switch (op) {
    case KAA_LT: return kaa_bool(x < y);
    case KAA_LE: return kaa_bool(x <= y);
    case KAA_EQ: return kaa_bool(x == y);
    case KAA_NE: return kaa_bool(x != y);
    case KAA_GT: return kaa_bool(x > y);
    default: return kaa_bool(x >= y);
    }
}

static const int swapped_op[] = {KAA_GT, KAA_GE, KAA_EQ, KAA_NE, KAA_LT, KAA_LE};

// x <op> n for an int n, exactly (no rounding of n to a double).
static KaaValue compare_with_int(double x, KaaValue n, int op) {
    if (isnan(x)) {
        return kaa_bool(op == KAA_NE);
    }
    // Ints within 2^53 convert exactly; beyond that, GMP compares against the double exactly
    // (converting the int would round: 2**53 + 1 == 2.0**53 must be False).
    int64_t i;
    if (kaa_int_to_i64(n, &i) && i <= ((int64_t)1 << 53) && i >= -((int64_t)1 << 53)) {
        return compare_doubles(x, (double)i, op);  // i is exact as a double
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(n, z);
    return cmp_result(-mpz_cmp_d(z, x), op);  // mpz_cmp_d is exact, infinities included
}

// float <op> float or int; exact for ints of any size.
static KaaValue float_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_float_like(a)) {  // called as the right operand's slot
        KaaValue t = a;
        a = b;
        b = t;
        op = swapped_op[op];
    }
    double x = fval(a);
    if (kaa_is_float_like(b)) {
        return compare_doubles(x, fval(b), op);
    }
    if (kaa_is_int_like(b)) {
        return compare_with_int(x, b, op);
    }
    return kaa_NotImplemented;
}

// The unary slots; float subclasses give plain floats.
static KaaValue float_neg(KaaValue v) { return kaa_from_float(-fval(v)); }
static KaaValue float_pos(KaaValue v) { return kaa_from_float(fval(v)); }
static KaaValue float_abs(KaaValue v) { return kaa_from_float(fabs(fval(v))); }
static int float_truth(KaaValue v) { return fval(v) != 0; }
// The __int__ slot: truncation.
static KaaValue float_to_int(KaaValue v) { return kaa_int_from_double(fval(v)); }

// ---- float() -----------------------------------------------------------------------------------

// float(x): __float__, __index__, then text (str, bytes, buffers).
static double float_from_object(KaaValue x) {
    if (kaa_is_float(x)) {
        return kaa_float_val(x);
    }
    KaaType *t = kaa_type_of(x);
    if (t->to_float) {
        return check_float_result(x, t->to_float(x));
    }
    if (t->index) {
        return kaa_int_as_double(kaa_index(x));
    }
    const char *s;
    size_t len;
    if (kaa_is_str(x)) {
        s = kaa_number_ascii(x, &len);
    } else if (!kaa_buffer_get(x, (const uint8_t **)&s, &len)) {
        kaa_raise_type_error("float() argument must be a string or a real number, not '%s'",
                             kaa_type_name_of(x));
    }
    return float_from_text(x, s, len);
}

// A float of type `type` (a float subclass when not float itself).
static KaaValue float_of_type(KaaType *type, double d) {
    if (type == &kaa_float_type) {
        return kaa_from_float(d);
    }
    KaaFloat *f = (KaaFloat *)kaa_obj(kaa_instance_alloc(type, 0));
    f->d = d;
    return kaa_from_obj(f);
}

// float() and float(x); for a subclass, an instance of it.
static KaaValue float_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("float() takes no keyword arguments");
    }
    if (nargs > 1) {
        kaa_raise_type_error("float expected at most 1 argument, got %zu", nargs);
    }
    if (nargs == 1 && type == &kaa_float_type && kaa_is_float(args[0])) {
        return args[0];
    }
    return float_of_type(type, nargs ? float_from_object(args[0]) : 0.0);
}

// ---- methods -----------------------------------------------------------------------------------

// The checks of a method without arguments; name is "float.method" as CPython reports it.
static void no_args(const char *name, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw(name, kw);
    kaa_args_count(name, nargs, 0, 0);
}

// The count check of a slot-like method taking one operand (CPython's wrapper message).
static void one_operand(const char *name, size_t nargs, KaaTuple *kw) {
    if (KAA_NKW(kw)) {
        kaa_raise_type_error("wrapper %s() takes no keyword arguments", name);
    }
    if (nargs != 1) {
        kaa_raise_type_error("expected 1 argument, got %zu", nargs);
    }
}

// float.conjugate(): self as a plain float.
static KaaValue float_conjugate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.conjugate", nargs, kw);
    return kaa_from_float(fval(self));
}

// math.trunc, math.floor and math.ceil of a float: ints.
static KaaValue float_trunc(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.__trunc__", nargs, kw);
    return kaa_int_from_double(fval(self));
}

static KaaValue float_floor(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.__floor__", nargs, kw);
    return kaa_int_from_double(floor(fval(self)));
}

static KaaValue float_ceil(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.__ceil__", nargs, kw);
    return kaa_int_from_double(ceil(fval(self)));
}

// float.is_integer(): finite and integral.
static KaaValue float_is_integer(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.is_integer", nargs, kw);
    double d = fval(self);
    return kaa_bool(isfinite(d) && floor(d) == d);
}

// float.__getnewargs__(): for pickle and copy.
static KaaValue float_getnewargs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.__getnewargs__", nargs, kw);
    return kaa_from_obj(kaa_tuple_pack(1, kaa_from_float(fval(self))));
}

// float.as_integer_ratio(): the exact value as a fraction in lowest terms.
static KaaValue float_as_integer_ratio(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kw) {
    no_args("float.as_integer_ratio", nargs, kw);
    double d = fval(self);
    if (isinf(d)) {
        kaa_raise_overflow("cannot convert Infinity to integer ratio");
    }
    if (isnan(d)) {
        kaa_raise_value_error("cannot convert NaN to integer ratio");
    }
    int e;
    int64_t m = (int64_t)ldexp(frexp(d, &e), DBL_MANT_DIG);  // d = m * 2^(e - 53), exactly
    e -= DBL_MANT_DIG;
    if (m == 0) {
        return kaa_from_obj(kaa_tuple_pack(2, kaa_from_small(0), kaa_from_small(1)));
    }
    int tz = __builtin_ctzll((uint64_t)m);
    if (e < 0) {  // cancel common factors of two
        int k = tz < -e ? tz : -e;
        m >>= k;
        e += k;
    }
    mpz_t num, den;
    mpz_init_set_si(num, m);
    mpz_init_set_ui(den, 1);
    if (e > 0) {
        mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    } else {
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    }
    return kaa_from_obj(kaa_tuple_pack(2, kaa_int_from_mpz(num), kaa_int_from_mpz(den)));
}

// float.hex(): '[-]0x1.<13 hex digits>p<exp>', subnormals as 0x0.<digits>p-1022.
static KaaValue float_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("float.hex", nargs, kw);
    double d = fval(self);
    if (!isfinite(d)) {
        return kaa_float_repr_value(d);
    }
    const char *sign = signbit(d) ? "-" : "";
    if (d == 0) {
        return kaa_str_from_cstr(*sign ? "-0x0.0p+0" : "0x0.0p+0");
    }
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int expfield = (int)((bits >> 52) & 0x7FF);
    uint64_t frac = bits & (((uint64_t)1 << 52) - 1);
    // Subnormals keep the minimum exponent and a leading 0, as CPython prints them.
    int lead = expfield ? 1 : 0, e = expfield ? expfield - 1023 : -1022;
    char buf[64];
    snprintf(buf, sizeof buf, "%s0x%d.%013llxp%+d", sign, lead, (unsigned long long)frac, e);
    return kaa_str_from_cstr(buf);
}

// The hex digits of s (integer part, then fraction part) as an integer; counts them.
static const char *hex_mantissa(const char *p, const char *end, mpz_t m, long *nfrac,
                                long *ndigits) {
    char *buf = kaa_alloc_atomic((size_t)(end - p) + 1), *o = buf;
    *nfrac = 0;
    for (; p < end && isxdigit((unsigned char)*p); p++) {
        *o++ = *p;
    }
    if (p < end && *p == '.') {
        for (p++; p < end && isxdigit((unsigned char)*p); p++) {
            *o++ = *p;
            ++*nfrac;
        }
    }
    *o = 0;
    *ndigits = (long)(o - buf);
    if (*ndigits) {
        mpz_set_str(m, buf, 16);
    }
    return p;
}

// A decimal exponent after 'p', saturated far beyond any double's range.
static const char *hex_exponent(const char *p, const char *end, long *e, bool *ok) {
    *e = 0;
    *ok = true;
    if (p >= end || (*p | 0x20) != 'p') {
        return p;
    }
    p++;
    bool neg = p < end && *p == '-';
    if (p < end && (*p == '+' || *p == '-')) {
        p++;
    }
    if (p >= end || !is_digit(*p)) {
        *ok = false;
        return p;
    }
    for (; p < end && is_digit(*p); p++) {
        if (*e < 100000000) {
            *e = *e * 10 + (*p - '0');
        }
    }
    *e = neg ? -*e : *e;
    return p;
}

// The ValueError of float.fromhex for text that is not a hex float.
KAA_NORETURN static void raise_bad_hex(void) {
    kaa_raise_value_error("invalid hexadecimal floating-point string");
}

// float.fromhex(s) as a double: [sign] (inf|nan | [0x] hex[.hex] [p exp]), correctly rounded.
static double parse_hex_float(const char *p, const char *end) {
    while (p < end && ascii_space(*p)) {
        p++;
    }
    while (end > p && ascii_space(end[-1])) {
        end--;
    }
    bool neg = p < end && *p == '-';
    if (p < end && (*p == '+' || *p == '-')) {
        p++;
    }
    double d;
    size_t w = special_word(p, end, &d);
    if (w && p + w == end) {
        return neg ? -d : d;
    }
    if (end - p >= 2 && p[0] == '0' && (p[1] | 0x20) == 'x') {  // the prefix is optional
        p += 2;
    }
    // The value is exactly m * 2^(e - 4 * nfrac); one correctly rounded conversion finishes.
    mpz_t m;
    mpz_init(m);
    long nfrac, ndigits, e;
    bool ok;
    p = hex_mantissa(p, end, m, &nfrac, &ndigits);
    p = hex_exponent(p, end, &e, &ok);
    if (!ndigits || !ok || p != end) {
        raise_bad_hex();
    }
    d = kaa_int_ldexp(m, e - 4 * nfrac);
    if (isinf(d)) {
        kaa_raise_overflow("hexadecimal value too large to represent as a float");
    }
    return neg ? -d : d;
}

// float.fromhex(s), a classmethod: a subclass receives cls(value).
static KaaValue float_fromhex(KaaValue cls, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("float.fromhex", kw);
    kaa_args_count("float.fromhex", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("bad argument type for built-in operation");
    }
    size_t len;  // no Unicode digits or spaces here: any non-ASCII byte is invalid
    const char *s = kaa_str_utf8_sp(args[0], &len);
    KaaValue r = kaa_from_float(parse_hex_float(s, s + len));
    return kaa_obj(cls) == (KaaObject *)&kaa_float_type ? r : kaa_call1(cls, r);
}

// round(x) with no ndigits: the nearest int, ties to even.
static KaaValue round_to_int(double x) {
    if (isinf(x)) {
        kaa_raise_overflow("cannot convert float infinity to integer");
    }
    return kaa_int_from_double(nearbyint(x));  // the default mode rounds ties to even
}

// round(x, n) for n < 0: |x| / 10^-n rounded half-even, exactly, times 10^-n.
static double round_negative(double x, long n) {
    // |x| = M * 2^e exactly (M a 53-bit integer): divide by 10^-n with integers only.
    int e;
    double m = frexp(fabs(x), &e);
    mpz_t num, den, q, r, twice;
    mpz_init_set_d(num, ldexp(m, DBL_MANT_DIG));
    mpz_init(den);
    mpz_init(q);
    mpz_init(r);
    mpz_init(twice);
    mpz_ui_pow_ui(den, 10, (unsigned long)-n);
    mpz_t scale;
    mpz_init_set(scale, den);
    e -= DBL_MANT_DIG;
    if (e > 0) {
        mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    } else {
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    }
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) {
        mpz_add_ui(q, q, 1);
    }
    mpz_mul(q, q, scale);
    double d = kaa_int_ldexp(q, 0);
    if (isinf(d)) {
        kaa_raise_overflow("rounded value too large to represent");
    }
    return copysign(d, x);
}

// round(x, n) for n >= 0: printf rounds the exact binary value half-even, strtod reads back.
static double round_positive(double x, long n) {
    char buf[DBL_MAX_10_EXP + NDIGITS_MAX + 8];
    snprintf(buf, sizeof buf, "%.*f", (int)n, x);
    return strtod(buf, NULL);
}

// float.__round__(ndigits): round(x) gives an int, round(x, n) a float.
static KaaValue float_round(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("float.__round__", kw);
    kaa_args_count("__round__", nargs, 0, 1);
    double x = fval(self);
    if (nargs == 0 || args[0] == kaa_None) {
        return round_to_int(x);
    }
    int64_t n;
    KaaValue nd = kaa_index(args[0]);
    if (!kaa_int_to_i64(nd, &n)) {
        n = kaa_int_sign(nd) > 0 ? INT64_MAX : INT64_MIN;
    }
    if (n > NDIGITS_MAX || !isfinite(x) || x == 0) {
        return kaa_from_float(x);
    }
    if (n < NDIGITS_MIN) {
        return kaa_from_float(0.0 * x);
    }
    return kaa_from_float(n >= 0 ? round_positive(x, (long)n) : round_negative(x, (long)n));
}

// float.__format__(spec): str(self) for an empty spec, else format.c on the value.
static KaaValue float_format(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("float.__format__", kw);
    kaa_args_count("float.__format__", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("__format__() argument must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    if (kaa_str(args[0])->len == 0) {
        return kaa_to_str(self);
    }
    return kaa_format_float(fval(self), args[0]);
}

// float.__getformat__('double' | 'float'): the storage format, for the struct module.
static KaaValue float_getformat(KaaValue cls, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("float.__getformat__", kw);
    kaa_args_count("float.__getformat__", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("__getformat__() argument must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    if (!kaa_str_eq_cstr(args[0], "double") && !kaa_str_eq_cstr(args[0], "float")) {
        kaa_raise_value_error("__getformat__() argument 1 must be 'double' or 'float'");
    }
    return kaa_str_from_cstr("IEEE, little-endian");
}

// float.__divmod__ and __rdivmod__ (divmod has no slot).
static KaaValue float_divmod_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_operand("__divmod__", nargs, kw);
    return float_divmod(self, args[0]);
}

// divmod(other, self).
static KaaValue float_rdivmod_method(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    one_operand("__rdivmod__", nargs, kw);
    return float_divmod(args[0], self);
}

// The getsets real (self as a plain float) and imag (0.0).
static KaaValue float_get_real(KaaValue self) { return kaa_from_float(fval(self)); }
static KaaValue float_get_imag(KaaValue self) { return kaa_from_float(0.0); }

static const KaaMethodDef float_methods[] = {
    {"conjugate", float_conjugate, 0, "Return self, the complex conjugate of any float."},
    {"__trunc__", float_trunc, 0, "Return the Integral closest to x between 0 and x."},
    {"__floor__", float_floor, 0, "Return the floor as an Integral."},
    {"__ceil__", float_ceil, 0, "Return the ceiling as an Integral."},
    {"__round__", float_round, 0, "Return the Integral closest to x, rounding half toward even."},
    {"as_integer_ratio", float_as_integer_ratio, 0, "Return integer ratio."},
    {"fromhex", float_fromhex, KAA_METH_CLASS, "Create a floating-point number from a "
                                               "hexadecimal string."},
    {"hex", float_hex, 0, "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", float_is_integer, 0, "Return True if the float is an integer."},
    {"__getnewargs__", float_getnewargs, 0, NULL},
    {"__getformat__", float_getformat, KAA_METH_CLASS, NULL},
    {"__format__", float_format, 0, "Formats the float according to format_spec."},
    {"__divmod__", float_divmod_method, 0, "Return divmod(self, value)."},
    {"__rdivmod__", float_rdivmod_method, 0, "Return divmod(value, self)."},
    {NULL},
};

static const KaaGetSetDef float_getsets[] = {
    {"real", float_get_real, NULL, "the real part of a complex number"},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number"},
    {NULL},
};

KaaType kaa_float_type = {
    .ob = {&kaa_type_type},
    .name = "float",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_FLOAT_SUBCLASS,
    .instance_size = sizeof(KaaFloat),
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .binary = {
        [KAA_OP_ADD] = float_add, [KAA_OP_FLOORDIV] = float_floordiv, [KAA_OP_MUL] = float_mul,
        [KAA_OP_MOD] = float_mod, [KAA_OP_POW] = float_pow, [KAA_OP_SUB] = float_sub,
        [KAA_OP_TRUEDIV] = float_truediv,
    },
    .power3 = float_power3,
    .neg = float_neg,
    .pos = float_pos,
    .abs = float_abs,
    .truth = float_truth,
    .to_int = float_to_int,
    .to_float = float_pos,
    .new_ = float_new,
    .methods = float_methods,
    .getsets = float_getsets,
};
