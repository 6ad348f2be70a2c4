// objects/complex.c — the complex type.
//
// Stage: objects. Owns complex: KaaComplex heap objects (instances of complex and of its
// subclasses), arithmetic with ints and floats (Smith's division, CPython's pow: repeated
// multiplication for small integral exponents, polar form otherwise), equality, CPython's hash,
// repr, and complex() from numbers, __complex__ and strings.
// Must not: know the bit layout of values (value.h), or format with a format spec (format.c).
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "objects/objects.h"

#define HASH_IMAG 1000003  // CPython's _PyHASH_IMAG: hash(re) + HASH_IMAG * hash(im)
// Integral exponents up to this size are computed by repeated multiplication.
#define POWI_MAX 100.0

typedef struct {
    double re, im;
} Cplx;

// complex or an instance of a subclass of it.
static inline bool is_complex(KaaValue v) {
    return kaa_is_obj(v) && (kaa_obj(v)->type == &kaa_complex_type ||
                             kaa_is_subtype(kaa_obj(v)->type, &kaa_complex_type));
}

// The two parts of a complex (or subclass instance).
static inline Cplx cval(KaaValue v) {
    KaaComplex *c = (KaaComplex *)kaa_obj(v);
    return (Cplx){c->real, c->imag};
}

// A new exact complex.
KaaValue kaa_complex_new(double real, double imag) {
    KaaComplex *c = kaa_alloc(sizeof(KaaComplex));
    c->ob.type = &kaa_complex_type;
    c->real = real;
    c->imag = imag;
    return kaa_from_obj(c);
}

// A new exact complex from a Cplx.
static KaaValue from_cplx(Cplx c) { return kaa_complex_new(c.re, c.im); }

// An operand of a complex operator: complex, float or int; false for anything else.
static bool operand(KaaValue v, Cplx *out) {
    if (kaa_is_float(v)) {
        *out = (Cplx){kaa_float_val(v), 0.0};
    } else if (is_complex(v)) {
        *out = cval(v);
    } else if (kaa_is_float_like(v) || kaa_is_int_like(v)) {
        *out = (Cplx){kaa_float_of(v), 0.0};
    } else {
        return false;
    }
    return true;
}

#define OPERANDS(a, b, x, y)                                                                      \
    Cplx x, y;                                                                                    \
    if (!operand(a, &x) || !operand(b, &y)) {                                                     \
        return kaa_NotImplemented;                                                                \
    }

// ---- arithmetic --------------------------------------------------------------------------------

// a * b, the textbook formula (as CPython; no special handling of infinities).
static Cplx c_prod(Cplx a, Cplx b) {
    return (Cplx){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

// a / b by Smith's method (scaling by the larger part of b avoids needless overflow).
// Sets errno to EDOM when b is zero.
static Cplx c_quot(Cplx a, Cplx b) {
    double abs_re = fabs(b.re), abs_im = fabs(b.im);
    if (abs_re >= abs_im) {
        if (abs_re == 0) {
            errno = EDOM;
            return (Cplx){0.0, 0.0};
        }
        double ratio = b.im / b.re, denom = b.re + b.im * ratio;
        return (Cplx){(a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom};
    }
    if (abs_im >= abs_re) {
        double ratio = b.re / b.im, denom = b.re * ratio + b.im;
        return (Cplx){(a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom};
    }
    return (Cplx){NAN, NAN};  // b has a NaN part
}

// x ** n for n >= 0 by binary powering, multiplying in the order CPython does (so the
// roundings agree).
static Cplx c_powu(Cplx x, long n) {
    Cplx r = {1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask) {
            r = c_prod(r, p);
        }
        p = c_prod(p, p);
    }
    return r;
}

// x ** n for an integer n, |n| <= 100: 1 / x ** -n for negative n.
static Cplx c_powi(Cplx x, long n) {
    return n > 0 ? c_powu(x, n) : c_quot((Cplx){1.0, 0.0}, c_powu(x, -n));
}

// a ** b in polar form. Sets errno to EDOM for 0 to a negative or complex power.
static Cplx c_pow(Cplx a, Cplx b) {
    if (b.re == 0 && b.im == 0) {
        return (Cplx){1.0, 0.0};
    }
    if (a.re == 0 && a.im == 0) {
        if (b.im != 0 || b.re < 0) {
            errno = EDOM;
        }
        return (Cplx){0.0, 0.0};
    }
    double vabs = hypot(a.re, a.im), len = pow(vabs, b.re), at = atan2(a.im, a.re);
    double phase = at * b.re;
    if (b.im != 0) {
        len /= exp(at * b.im);
        phase += b.im * log(vabs);
    }
    return (Cplx){len * cos(phase), len * sin(phase)};
}

// a + b, where either operand may be an int or a float.
static KaaValue complex_add(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    return kaa_complex_new(x.re + y.re, x.im + y.im);
}

// a - b.
static KaaValue complex_sub(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    return kaa_complex_new(x.re - y.re, x.im - y.im);
}

// a * b.
static KaaValue complex_mul(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    return from_cplx(c_prod(x, y));
}

// a / b.
static KaaValue complex_truediv(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    errno = 0;
    Cplx r = c_quot(x, y);
    if (errno == EDOM) {
        kaa_raise_zero_division("complex division by zero");
    }
    return from_cplx(r);
}

// a ** b: OverflowError when a part of the result is infinite.
static KaaValue complex_pow(KaaValue a, KaaValue b) {
    OPERANDS(a, b, x, y);
    errno = 0;
    Cplx r;
    // Small integral exponents multiply out, which keeps Gaussian integers exact (1j ** 2 is
    // (-1+0j); the polar form would leave a rounding error in the imaginary part).
    if (y.im == 0 && y.re == floor(y.re) && fabs(y.re) <= POWI_MAX) {
        r = c_powi(x, (long)y.re);
    } else {
        r = c_pow(x, y);
    }
    if (errno == EDOM) {
        kaa_raise_zero_division("0.0 to a negative or complex power");
    }
    if (isinf(r.re) || isinf(r.im)) {
        kaa_raise_overflow("complex exponentiation");
    }
    return from_cplx(r);
}

// pow(a, b, m) exists only with m None.
static KaaValue complex_power3(KaaValue a, KaaValue b, KaaValue m) {
    Cplx x, y;
    if (!operand(a, &x) || !operand(b, &y)) {
        return kaa_NotImplemented;
    }
    if (m != kaa_None) {
        kaa_raise_value_error("complex modulo");
    }
    return complex_pow(a, b);
}

// ---- comparison, hash, unary operators ---------------------------------------------------------

// Only == and != are defined; == with an int is exact (no rounding of the int).
static KaaValue complex_richcompare(KaaValue a, KaaValue b, int op) {
    if (op != KAA_EQ && op != KAA_NE) {
        return kaa_NotImplemented;
    }
    if (!is_complex(a)) {  // called as the right operand's slot
        KaaValue t = a;
        a = b;
        b = t;
    }
    Cplx x = cval(a);
    bool eq;
    if (is_complex(b)) {
        Cplx y = cval(b);
        eq = x.re == y.re && x.im == y.im;
    } else if (kaa_is_float_like(b)) {
        eq = x.im == 0 && x.re == kaa_float_of(b);
    } else if (kaa_is_int_like(b)) {
        // Exact: compare the real part with the int as float == int does.
        eq = x.im == 0 && kaa_richcompare_bool(kaa_from_float(x.re), b, KAA_EQ);
    } else {
        return kaa_NotImplemented;
    }
    return kaa_bool(op == KAA_EQ ? eq : !eq);
}

// hash(re) + 1000003 * hash(im), so hash(complex(x, 0)) == hash(x).
static int64_t complex_hash(KaaValue v) {
    Cplx c = cval(v);
    uint64_t hre = (uint64_t)kaa_float_hash(c.re), him = (uint64_t)kaa_float_hash(c.im);
    uint64_t h = hre + (uint64_t)HASH_IMAG * him;  // wraps, as CPython's unsigned hash does
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

// -c.
static KaaValue complex_neg(KaaValue v) {
    Cplx c = cval(v);
    return kaa_complex_new(-c.re, -c.im);
}

// +c, c.conjugate() and c.__complex__() give an exact complex.
static KaaValue complex_pos(KaaValue v) {
    return kaa_is_type(v, &kaa_complex_type) ? v : from_cplx(cval(v));
}

// abs(c): an infinite part wins over NaN; OverflowError when hypot overflows.
static KaaValue complex_abs(KaaValue v) {
    Cplx c = cval(v);
    if (isinf(c.re) || isinf(c.im)) {
        return kaa_from_float(HUGE_VAL);  // even with a NaN part
    }
    if (isnan(c.re) || isnan(c.im)) {
        return kaa_from_float(NAN);
    }
    double r = hypot(c.re, c.im);
    if (isinf(r)) {
        kaa_raise_overflow("absolute value too large");
    }
    return kaa_from_float(r);
}

// bool(c).
static int complex_truth(KaaValue v) {
    Cplx c = cval(v);
    return c.re != 0 || c.im != 0;
}

// ---- repr --------------------------------------------------------------------------------------

// repr of one part: float repr without a trailing ".0" ("1", "1.5", "1e+16", "nan").
static size_t part_repr(double d, char *buf) {
    size_t n = kaa_float_repr(d, buf, 40);
    if (n > 2 && buf[n - 2] == '.' && buf[n - 1] == '0') {
        n -= 2;
        buf[n] = 0;
    }
    return n;
}

// '1j' when the real part is +0.0, else '(re+imj)'; parts without a trailing '.0'.
static KaaValue complex_repr(KaaValue v) {
    Cplx c = cval(v);
    char re[48], im[48], out[100];
    part_repr(c.im, im);
    if (c.re == 0 && !signbit(c.re)) {
        snprintf(out, sizeof out, "%sj", im);
    } else {
        part_repr(c.re, re);
        snprintf(out, sizeof out, "(%s%s%sj)", re, im[0] == '-' ? "" : "+", im);
    }
    return kaa_str_from_cstr(out);
}

// ---- complex() ---------------------------------------------------------------------------------

// The ValueError of complex() for text that is not a complex literal.
KAA_NORETURN static void raise_malformed(void) {
    kaa_raise_value_error("complex() arg is a malformed string");
}

// Whitespace that complex() skips (the text has been made ASCII before).
static inline bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Skips ASCII whitespace.
static const char *skip_space(const char *p, const char *end) {
    while (p < end && ascii_space(*p)) {
        p++;
    }
    return p;
}

// The number part of a complex literal at p: "x", "yj", "x+yj", "x-j", "j", ...
static const char *parse_parts(const char *p, const char *end, Cplx *out) {
    double x = 0.0, y = 0.0, z;
    const char *q = kaa_float_parse_prefix(p, end, &z);
    if (q) {
        p = q;
        if (p < end && (*p == '+' || *p == '-')) {  // x followed by the imaginary part
            x = z;
            q = kaa_float_parse_prefix(p, end, &y);
            if (q) {
                p = q;
            } else {
                y = *p++ == '+' ? 1.0 : -1.0;
            }
            if (p >= end || (*p | 0x20) != 'j') {
                raise_malformed();
            }
            p++;
        } else if (p < end && (*p | 0x20) == 'j') {
            y = z;
            p++;
        } else {
            x = z;
        }
    } else {  // "j", "+j", "-j"
        y = 1.0;
        if (p < end && (*p == '+' || *p == '-')) {
            y = *p++ == '+' ? 1.0 : -1.0;
        }
        if (p >= end || (*p | 0x20) != 'j') {
            raise_malformed();
        }
        p++;
    }
    *out = (Cplx){x, y};
    return p;
}

// Underscores must sit between two digits; otherwise CPython rejects the text before parsing.
static void check_underscores(KaaValue s, const char *p, const char *end) {
    for (const char *q = p; q < end; q++) {
        if (*q == '_' && (q == p || q + 1 == end || !isdigit((unsigned char)q[-1]) ||
                          !isdigit((unsigned char)q[1]))) {
            kaa_raise_value_error("could not convert string to complex: %R", s);
        }
    }
}

// complex(text): [ws] ['(' [ws]] number [ws] [')'] [ws].
static Cplx complex_from_string(KaaValue s) {
    size_t len;
    const char *p = kaa_number_ascii(s, &len), *end = p + len;
    check_underscores(s, p, end);
    p = skip_space(p, end);
    bool bracket = p < end && *p == '(';
    if (bracket) {
        p = skip_space(p + 1, end);
    }
    Cplx c;
    p = skip_space(parse_parts(p, end, &c), end);
    if (bracket) {
        if (p >= end || *p != ')') {
            raise_malformed();
        }
        p = skip_space(p + 1, end);
    }
    if (p != end) {
        raise_malformed();
    }
    return c;
}

// complex(x) for a non-string x: __complex__ first, then any real number.
static bool complex_from_number(KaaValue x, Cplx *out, bool *was_complex) {
    *was_complex = true;
    // An exact complex is used as is; anything else may define __complex__ (complex subclasses
    // inherit complex.__complex__, which gives their value).
    if (is_complex(x) && kaa_is_type(x, &kaa_complex_type)) {
        *out = cval(x);
        return true;
    }
    KaaValue meth = kaa_lookup_special(x, KAA_ID(__complex__));
    if (meth) {
        KaaValue r = kaa_call0(meth);
        if (!is_complex(r)) {
            kaa_raise_type_error("__complex__ returned non-complex (type %s)",
                                 kaa_type_name_of(r));
        }
        *out = cval(r);
        return true;
    }
    if (is_complex(x)) {
        *out = cval(x);
        return true;
    }
    *was_complex = false;
    KaaType *t = kaa_type_of(x);
    if (!kaa_is_float_like(x) && !t->to_float && !t->index) {
        return false;
    }
    *out = (Cplx){kaa_float_of(x), 0.0};
    return true;
}

// An instance of `type` (complex or a subclass).
static KaaValue complex_of_type(KaaType *type, double re, double im) {
    if (type == &kaa_complex_type) {
        return kaa_complex_new(re, im);
    }
    KaaComplex *c = (KaaComplex *)kaa_obj(kaa_instance_alloc(type, 0));
    c->real = re;
    c->imag = im;
    return kaa_from_obj(c);
}

// complex(r, i) with the rules of CPython: a complex i contributes i.real to the imaginary
// part and -i.imag to the real part.
static KaaValue complex_from_args(KaaType *type, KaaValue r, KaaValue i) {
    if (r && kaa_is_str(r)) {
        if (i) {
            kaa_raise_type_error("complex() can't take second arg if first is a string");
        }
        Cplx c = complex_from_string(r);
        return complex_of_type(type, c.re, c.im);
    }
    if (i && kaa_is_str(i)) {
        kaa_raise_type_error("complex() second arg can't be a string");
    }
    Cplx cr = {0.0, 0.0}, ci = {0.0, 0.0};
    bool r_complex = false, i_complex = false;
    if (r && !complex_from_number(r, &cr, &r_complex)) {
        kaa_raise_type_error("complex() first argument must be a string or a number, not '%s'",
                             kaa_type_name_of(r));
    }
    if (i && !complex_from_number(i, &ci, &i_complex)) {
        kaa_raise_type_error("complex() second argument must be a number, not '%s'",
                             kaa_type_name_of(i));
    }
    // complex(a, b) is a + b*1j with b's own imaginary part rotated into the real part.
    if (i_complex) {
        cr.re -= ci.im;
    }
    if (r_complex && i) {
        ci.re += cr.im;
    }
    return complex_of_type(type, cr.re, i ? ci.re : cr.im);
}

// complex(real=0, imag=0)'s arguments, with CPython's messages.
static void complex_args(KaaValue *args, size_t nargs, KaaTuple *kwnames, KaaValue *a) {
    static const char *const names[] = {"real", "imag"};
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 2) {
        kaa_raise_type_error("complex() takes at most 2 arguments (%zu given)", nargs + nkw);
    }
    a[0] = nargs > 0 ? args[0] : KAA_NULL;
    a[1] = nargs > 1 ? args[1] : KAA_NULL;
    for (size_t k = 0; k < nkw; k++) {
        KaaValue name = kwnames->items[k];
        int i = kaa_str_eq_cstr(name, "real") ? 0 : kaa_str_eq_cstr(name, "imag") ? 1 : -1;
        if (i < 0) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for complex()", name);
        }
        if (a[i]) {
            kaa_raise_type_error("argument for complex() given by name ('%s') and position (%d)",
                                 names[i], i + 1);
        }
        a[i] = args[nargs + k];
    }
}

// complex(), complex(real), complex(real, imag), as keywords too.
static KaaValue complex_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs == 1 && !kwnames && type == &kaa_complex_type &&
        kaa_is_type(args[0], &kaa_complex_type)) {
        return args[0];
    }
    KaaValue a[2];
    complex_args(args, nargs, kwnames, a);
    return complex_from_args(type, a[0], a[1]);
}

// ---- methods -----------------------------------------------------------------------------------

// complex.conjugate(): the exact complex re - im*j.
static KaaValue complex_conjugate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("complex.conjugate", kw);
    kaa_args_count("complex.conjugate", nargs, 0, 0);
    Cplx c = cval(self);
    return kaa_complex_new(c.re, -c.im);
}

// complex.__complex__() (new in 3.11): self as an exact complex.
static KaaValue complex_complex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("complex.__complex__", kw);
    kaa_args_count("complex.__complex__", nargs, 0, 0);
    return complex_pos(self);
}

// complex.__getnewargs__(): (re, im), for pickle and copy.
static KaaValue complex_getnewargs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("complex.__getnewargs__", kw);
    kaa_args_count("complex.__getnewargs__", nargs, 0, 0);
    Cplx c = cval(self);
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_float(c.re), kaa_from_float(c.im)));
}

// complex.__format__(spec): str(self) for an empty spec, else format.c on the value.
static KaaValue complex_format(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("complex.__format__", kw);
    kaa_args_count("complex.__format__", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("__format__() argument must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    if (kaa_str(args[0])->len == 0) {
        return kaa_to_str(self);
    }
    Cplx c = cval(self);
    return kaa_format_complex(c.re, c.im, args[0]);
}

// The getsets real and imag.
static KaaValue complex_get_real(KaaValue self) { return kaa_from_float(cval(self).re); }
static KaaValue complex_get_imag(KaaValue self) { return kaa_from_float(cval(self).im); }

static const KaaMethodDef complex_methods[] = {
    {"conjugate", complex_conjugate, 0, "Return the complex conjugate of its argument."},
    {"__complex__", complex_complex, 0, "Convert this value to exact type complex."},
    {"__getnewargs__", complex_getnewargs, 0, NULL},
    {"__format__", complex_format, 0, "Convert to a string according to format_spec."},
    {NULL},
};

static const KaaGetSetDef complex_getsets[] = {
    {"real", complex_get_real, NULL, "the real part of a complex number"},
    {"imag", complex_get_imag, NULL, "the imaginary part of a complex number"},
    {NULL},
};

KaaType kaa_complex_type = {
    .ob = {&kaa_type_type},
    .name = "complex",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaComplex),
    .repr = complex_repr,
    .hash = complex_hash,
    .richcompare = complex_richcompare,
    .binary = {
        [KAA_OP_ADD] = complex_add, [KAA_OP_MUL] = complex_mul, [KAA_OP_POW] = complex_pow,
        [KAA_OP_SUB] = complex_sub, [KAA_OP_TRUEDIV] = complex_truediv,
    },
    .power3 = complex_power3,
    .neg = complex_neg,
    .pos = complex_pos,
    .abs = complex_abs,
    .truth = complex_truth,
    .new_ = complex_new,
    .methods = complex_methods,
    .getsets = complex_getsets,
};
