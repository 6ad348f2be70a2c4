// objects/format.c — all of Python's text formatting: format() and the format-spec
// mini-language for str, int, float and complex; %-formatting (str % args); str.format and
// str.format_map. f-strings reach the same code through kaa_format (FORMAT_VALUE).
//
// Stage: objects. Owns the spec parser, number layout (sign, prefix, grouping, zero padding,
// alignment), float digit generation by Python's rules on top of glibc's correctly rounded
// printf, and the two template languages. The __format__ methods of int, float and complex
// (in their own files) call kaa_format_int / kaa_format_float / kaa_format_complex.
// Must not: know how numbers are stored beyond objects.h (digits of big ints come from GMP
// through kaa_int_to_mpz), or cache anything between calls.
//
// Output is built in a StrWriter (str_internal.h): ASCII pieces are copied with memcpy, so the
// common formats ("%d %s", "{}={}", f"{x:>3}") cost one allocation for the result.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "objects/str_internal.h"

// ---- the format-spec mini-language -------------------------------------------------------
// [[fill]align][sign][z][#][0][width][grouping][.precision][type]

typedef struct {
    uint32_t fill;
    uint32_t align;   // '<', '>', '^', '=' (the caller's default when not given)
    uint32_t sign;    // '+', '-', ' ' or 0
    bool no_neg_0;    // 'z': -0.0 rounds to 0.0
    bool alt;         // '#'
    int64_t width;    // -1: none
    char sep;         // ',' or '_' or 0
    int group;        // digits per group: 3, or 4 for '_' with b, o, x and X
    int64_t prec;     // -1: none
    uint32_t type;    // 0: none
} Spec;

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

// Reads decimal digits at *pos; returns how many were read.
static size_t read_int(const KaaStr *s, size_t *pos, int64_t *out) {
    size_t start = *pos;
    int64_t v = 0;
    while (*pos < s->len) {
        uint32_t c = kaa_str_char(s, *pos);
        if (c < '0' || c > '9') {
            break;
        }
        if (v > (INT64_MAX - (int64_t)(c - '0')) / 10) {
            kaa_raise_value_error("Too many decimal digits in format string");
        }
        v = v * 10 + (int64_t)(c - '0');
        (*pos)++;
    }
    *out = v;
    return *pos - start;
}

static KAA_NORETURN void bad_separator(char sep, uint32_t type) {
    if (type > 32 && type < 128) {
        kaa_raise_value_error("Cannot specify '%c' with '%c'.", sep, (int)type);
    }
    kaa_raise_value_error("Cannot specify '%c' with '\\x%x'.", sep, (unsigned)type);
}

static KAA_NORETURN void unknown_type(uint32_t type, const char *tname) {
    if (type > 32 && type < 128) {
        kaa_raise_value_error("Unknown format code '%c' for object of type '%s'", (int)type,
                              tname);
    }
    kaa_raise_value_error("Unknown format code '\\x%x' for object of type '%s'", (unsigned)type,
                          tname);
}

static uint32_t spec_char(const KaaStr *s, size_t pos) {
    return pos < s->len ? kaa_str_char(s, pos) : 0;
}

// [[fill]align][sign][z][#][0][width]: the part of the spec before grouping and precision.
static size_t parse_spec_head(const KaaStr *s, uint32_t default_align, Spec *sp) {
    size_t pos = 0;
    bool fill_given = false, align_given = false;
    if (is_align(spec_char(s, 1))) {
        sp->fill = kaa_str_char(s, 0);
        sp->align = kaa_str_char(s, 1);
        fill_given = align_given = true;
        pos = 2;
    } else if (is_align(spec_char(s, 0))) {
        sp->align = kaa_str_char(s, 0);
        align_given = true;
        pos = 1;
    }
    uint32_t c = spec_char(s, pos);
    if (c == '+' || c == '-' || c == ' ') {
        sp->sign = c;
        c = spec_char(s, ++pos);
    }
    if (c == 'z') {
        sp->no_neg_0 = true;
        c = spec_char(s, ++pos);
    }
    if (c == '#') {
        sp->alt = true;
        c = spec_char(s, ++pos);
    }
    // A leading 0 before the width means zero padding after the sign ('=' alignment).
    if (!fill_given && c == '0') {
        sp->fill = '0';
        if (!align_given && default_align == '>') {
            sp->align = '=';
        }
        pos++;
    }
    if (read_int(s, &pos, &sp->width) == 0) {
        sp->width = -1;
    }
    return pos;
}

// Which presentation types allow a thousands separator (PEP 378, PEP 515).
static void check_separator(Spec *sp) {
    switch (sp->type) {
    case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        return;
    case 'b': case 'o': case 'x': case 'X':
        // Underscores group binary, octal and hex digits by four.
        if (sp->sep == '_') {
            sp->group = 4;
            return;
        }
        bad_separator(sp->sep, sp->type);
    default: bad_separator(sp->sep, sp->type);
    }
}

// Parses spec (a str) into *sp; `align` and `type` are the type's defaults.
static void parse_spec(KaaValue spec, const char *tname, uint32_t align, uint32_t type,
                       Spec *sp) {
    const KaaStr *s = kaa_str(spec);
    *sp = (Spec){.fill = ' ', .align = align, .width = -1, .group = 3, .prec = -1, .type = type};
    size_t pos = parse_spec_head(s, align, sp), n = s->len;
    uint32_t c = spec_char(s, pos);
    if (c == ',') {
        sp->sep = ',';
        c = spec_char(s, ++pos);
    }
    if (c == '_') {
        if (sp->sep) {
            kaa_raise_value_error("Cannot specify both ',' and '_'.");
        }
        sp->sep = '_';
        c = spec_char(s, ++pos);
    }
    if (c == ',' && sp->sep == '_') {
        kaa_raise_value_error("Cannot specify both ',' and '_'.");
    }
    if (c == '.') {
        pos++;
        if (read_int(s, &pos, &sp->prec) == 0) {
            kaa_raise_value_error("Format specifier missing precision");
        }
    }
    if (n - pos > 1) {
        kaa_raise_msg(kaa_ValueError, "Invalid format specifier '%S' for object of type '%s'",
                      spec, tname);
    }
    if (n - pos == 1) {
        sp->type = kaa_str_char(s, pos);
    }
    if (sp->sep) {
        check_separator(sp);
    }
}

// Padding for `len` characters in the spec's width: *left and *right.
static void padding(const Spec *sp, size_t len, size_t *left, size_t *right) {
    size_t total = sp->width > 0 && (size_t)sp->width > len ? (size_t)sp->width : len;
    size_t pad = total - len;
    switch (sp->align) {
    case '>': *left = pad; break;
    case '^': *left = pad / 2; break;
    default: *left = 0; break;
    }
    *right = pad - *left;
}

// ---- str ---------------------------------------------------------------------------------

static void format_str_into(StrWriter *w, KaaValue s, const Spec *sp) {
    if (sp->sign) {
        kaa_raise_value_error(sp->sign == ' ' ? "Space not allowed in string format specifier"
                                              : "Sign not allowed in string format specifier");
    }
    if (sp->no_neg_0) {
        kaa_raise_value_error("Negative zero coercion (z) not allowed in string format "
                              "specifier");
    }
    if (sp->alt) {
        kaa_raise_value_error("Alternate form (#) not allowed in string format specifier");
    }
    if (sp->align == '=') {
        kaa_raise_value_error("'=' alignment not allowed in string format specifier");
    }
    const KaaStr *str = kaa_str(s);
    size_t len = str->len;
    if (sp->prec >= 0 && (size_t)sp->prec < len) {
        len = (size_t)sp->prec;
    }
    size_t left, right;
    padding(sp, len, &left, &right);
    sw_fill(w, sp->fill, left);
    sw_put_sub(w, str, 0, len);
    sw_fill(w, sp->fill, right);
}

static void format_str_spec(StrWriter *w, KaaValue s, KaaValue spec) {
    Spec sp;
    parse_spec(spec, kaa_type_name_of(s), '<', 's', &sp);
    if (sp.type != 's') {
        unknown_type(sp.type, kaa_type_name_of(s));
    }
    format_str_into(w, s, &sp);
}

KaaValue kaa_format_str(KaaValue s, KaaValue spec) {
    if (kaa_str(spec)->len == 0) {
        // format(s, '') is str(s): a subclass's __str__ counts.
        return kaa_is_type(s, &kaa_str_type) ? s : kaa_to_str(s);
    }
    StrWriter w;
    sw_init(&w);
    format_str_spec(&w, s, spec);
    return sw_finish(&w);
}

// ---- number layout -----------------------------------------------------------------------
// A formatted number is [sign][prefix][integer digits][.][rest]; only the integer digits are
// grouped, and zero padding ('0' fill with '=' alignment) goes into them, separators included,
// as CPython does: format(12345, '020,') == '0,000,000,000,012,345'.

typedef struct {
    char sign;           // 0 or '-', '+', ' '
    const char *prefix;  // "0x", ... or ""
    const char *digits;  // integer part (ASCII); NULL: the one character `cdigit` ('c' type)
    size_t ndigits;
    uint32_t cdigit;
    bool decimal;        // a '.' follows the digits
    const char *rest;    // after the '.': fraction, exponent, '%', or "inf"/"nan"
    size_t nrest;
} NumParts;

// Lays out the integer digits with separators every `group`, padded with zeros to at least
// min_width characters. Writes right to left ending at out + (returned length) when out is
// not NULL; returns the length.
static size_t group_digits(const NumParts *p, char sep, int group, int64_t min_width,
                           char *out) {
    if (!sep) {
        group = INT32_MAX;
    }
    size_t remaining = p->ndigits, total = 0;
    bool first = true;
    for (;;) {
        int64_t want = (int64_t)remaining > min_width ? (int64_t)remaining : min_width;
        size_t len = want > group ? (size_t)group : want > 1 ? (size_t)want : 1;
        size_t nchars = remaining < len ? remaining : len;
        size_t nzeros = len - nchars;
        total += (first ? 0 : 1) + len;
        if (out) {
            char *end = out;  // out points one past where this group ends, moving left
            if (!first) {
                *--end = sep;
            }
            for (size_t i = 0; i < nchars; i++) {
                *--end = p->digits[remaining - 1 - i];
            }
            for (size_t i = 0; i < nzeros; i++) {
                *--end = '0';
            }
            out = end;
        }
        first = false;
        remaining -= nchars;
        min_width -= (int64_t)len;
        if (remaining == 0 && min_width <= 0) {
            return total;
        }
        min_width -= 1;  // the separator
    }
}

static void emit_number(StrWriter *w, const Spec *sp, const NumParts *p) {
    size_t nsign = p->sign ? 1 : 0, nprefix = strlen(p->prefix);
    size_t fixed = nsign + nprefix + (p->decimal ? 1 : 0) + p->nrest;
    int64_t min_width = 0;
    if (sp->fill == '0' && sp->align == '=') {
        min_width = sp->width - (int64_t)fixed;
    }
    size_t ngrouped = 0;
    char small[64], *grouped = small;
    if (p->ndigits && p->digits) {
        ngrouped = group_digits(p, sp->sep, sp->group, min_width, NULL);
        grouped = ngrouped <= sizeof small ? small : kaa_alloc_atomic(ngrouped);
        group_digits(p, sp->sep, sp->group, min_width, grouped + ngrouped);
    } else if (p->ndigits) {
        ngrouped = 1;
    }
    size_t len = fixed + ngrouped, left, right, inner = 0;
    padding(sp, len, &left, &right);
    if (sp->align == '=') {
        inner = right;
        right = 0;
    }
    sw_fill(w, sp->fill, left);
    if (p->sign) {
        sw_putc(w, (uint8_t)p->sign);
    }
    sw_put_ascii(w, p->prefix, nprefix);
    sw_fill(w, sp->fill, inner);
    if (p->digits) {
        sw_put_ascii(w, grouped, ngrouped);
    } else if (p->ndigits) {
        sw_putc(w, p->cdigit);
    }
    if (p->decimal) {
        sw_putc(w, '.');
    }
    sw_put_ascii(w, p->rest, p->nrest);
    sw_fill(w, sp->fill, right);
}

// ---- integer digits ----------------------------------------------------------------------

typedef struct {
    char *digits;  // magnitude in the base, most significant first
    size_t len;
    bool neg;
    char small[72];
} IntDigits;

static void int_digits(KaaValue v, int base, bool upper, IntDigits *d) {
    static const char lower_set[] = "0123456789abcdef", upper_set[] = "0123456789ABCDEF";
    const char *set = upper ? upper_set : lower_set;
    int64_t i;
    if (kaa_int_to_i64(v, &i)) {
        d->neg = i < 0;
        uint64_t u = d->neg ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        char *end = d->small + sizeof d->small, *p = end;
        do {
            *--p = set[u % (unsigned)base];
            u /= (unsigned)base;
        } while (u);
        d->digits = p;
        d->len = (size_t)(end - p);
        return;
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(v, z);
    d->neg = mpz_sgn(z) < 0;
    mpz_abs(z, z);
    size_t limit = (size_t)kaa_int_max_str_digits;
    if (base == 10 && limit && mpz_sizeinbase(z, 10) > limit + 1) {
        mpz_clear(z);
        kaa_int_str_limit_error();
    }
    d->digits = kaa_alloc_atomic(mpz_sizeinbase(z, base) + 2);
    mpz_get_str(d->digits, upper ? -base : base, z);
    d->len = strlen(d->digits);
    mpz_clear(z);
    if (base == 10 && limit && d->len > limit) {
        kaa_int_str_limit_error();
    }
}

// Appends str(i) for a small int without making an int object's str first.
static void put_small_int(StrWriter *w, int64_t i) {
    char buf[24], *end = buf + sizeof buf, *p = end;
    uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0) {
        *--p = '-';
    }
    sw_put_ascii(w, p, (size_t)(end - p));
}

static char sign_char(bool neg, uint32_t sign) {
    if (neg) {
        return '-';
    }
    return sign == '+' ? '+' : sign == ' ' ? ' ' : 0;
}

// ---- float digits ------------------------------------------------------------------------
// Python's float formatting on top of glibc's correctly rounded printf. Every function here
// formats a finite, non-negative value; sign, inf and nan are handled by the callers.

enum {
    FL_ALT = 1,    // '#': always a decimal point; 'g' keeps trailing zeros
    FL_DOT0 = 2,   // no type with a precision: 'g' that keeps ".0" on integral values
    FL_BARE = 4,   // 'r' without ".0" on integral values (complex parts)
};

typedef struct {
    char *p;
    size_t len;
    char small[128];
} FloatText;

// Room is left for ".0" or '%' to be appended.
static void ft_printf(FloatText *t, size_t need, const char *fmt, int prec, double d) {
    need += 4;
    t->p = need <= sizeof t->small ? t->small : kaa_alloc_atomic(need);
    int n = snprintf(t->p, need, fmt, prec, d);
    t->len = (size_t)n;
}

// Removes trailing zeros after the decimal point (and the point itself when nothing is left
// after it) from the mantissa t->p[0:mant_end); the exponent after it moves left.
static void strip_zeros(FloatText *t, size_t mant_end) {
    char *dot = memchr(t->p, '.', mant_end);
    if (!dot) {
        return;
    }
    size_t keep = mant_end;
    while (keep > (size_t)(dot - t->p) + 1 && t->p[keep - 1] == '0') {
        keep--;
    }
    if (keep == (size_t)(dot - t->p) + 1) {
        keep--;
    }
    memmove(t->p + keep, t->p + mant_end, t->len - mant_end + 1);
    t->len -= mant_end - keep;
}

// 'g' by Python's rules: precision significant digits, exponent form when the decimal
// exponent is < -4 or >= precision (>= precision - 1 with FL_DOT0, which also keeps ".0" on
// integral values), trailing zeros removed unless FL_ALT. Not C's %g: glibc's "%#g" loses
// the zeros when rounding carries (999999.5 gives "1.e+06", Python "1.00000e+06").
static void format_g(FloatText *t, double d, int prec, int flags) {
    bool alt = flags & FL_ALT, dot0 = flags & FL_DOT0;
    if (prec == 0) {
        prec = 1;
    }
    // The decimal exponent after rounding to prec digits decides the form.
    FloatText probe;
    ft_printf(&probe, (size_t)prec + 16, "%.*e", prec - 1, d);
    int exp10 = atoi(strchr(probe.p, 'e') + 1);
    if (exp10 < -4 || exp10 >= (dot0 ? prec - 1 : prec)) {
        if (alt) {
            ft_printf(t, (size_t)prec + 16, "%#.*e", prec - 1, d);
        } else {
            *t = probe;
            t->p = probe.p == probe.small ? t->small : probe.p;
            strip_zeros(t, (size_t)(strchr(t->p, 'e') - t->p));
        }
        return;
    }
    ft_printf(t, (size_t)prec + 16, alt ? "%#.*f" : "%.*f", prec - 1 - exp10, d);
    if (!alt) {
        strip_zeros(t, t->len);
    }
    if (dot0 && !memchr(t->p, '.', t->len)) {
        memcpy(t->p + t->len, ".0", 3);
        t->len += 2;
    }
}

// repr() digits: shortest round-trip form. FL_BARE drops a final ".0"; FL_ALT makes sure a
// decimal point is present.
static void format_r(FloatText *t, double d, int flags) {
    t->p = t->small;
    t->len = kaa_float_repr(d, t->small, sizeof t->small - 4);
    char *e = memchr(t->p, 'e', t->len);
    size_t mant = e ? (size_t)(e - t->p) : t->len;
    if ((flags & FL_BARE) && mant >= 2 && t->p[mant - 2] == '.' && t->p[mant - 1] == '0') {
        memmove(t->p + mant - 2, t->p + mant, t->len - mant + 1);
        t->len -= 2;
        mant -= 2;
    }
    if ((flags & FL_ALT) && !memchr(t->p, '.', mant)) {
        memmove(t->p + mant + 1, t->p + mant, t->len - mant + 1);
        t->p[mant] = '.';
        t->len++;
    }
}

// Formats |d| (finite) for type 'e', 'f', 'g' or 'r' with the given precision.
static void float_text(FloatText *t, double d, uint32_t type, int prec, int flags) {
    bool alt = flags & FL_ALT;
    switch (type) {
    case 'e': ft_printf(t, (size_t)prec + 16, alt ? "%#.*e" : "%.*e", prec, d); break;
    case 'f': ft_printf(t, (size_t)prec + 330, alt ? "%#.*f" : "%.*f", prec, d); break;
    case 'g': format_g(t, d, prec, flags); break;
    default: format_r(t, d, flags); break;
    }
    t->p[t->len] = 0;
}

// A float's parts for emit_number: digits of the integer part, then the rest.
typedef struct {
    NumParts parts;
    FloatText text;
    char tail[8];  // "inf", "nan", "%" suffixes
} FloatParts;

static bool all_zero_digits(const char *p, size_t n) {
    for (size_t i = 0; i < n && p[i] != 'e'; i++) {
        if (p[i] != '0' && p[i] != '.') {
            return false;
        }
    }
    return true;
}

// Splits the text of |d| into NumParts; upper-cases for E, F, G; adds '%' for '%'.
static void float_parts(FloatParts *fp, double d, uint32_t type, int prec, int flags,
                        uint32_t sign, bool no_neg_0, bool upper, bool percent) {
    NumParts *p = &fp->parts;
    bool neg = signbit(d) && !isnan(d);
    double a = fabs(d);
    FloatText *t = &fp->text;
    if (!isfinite(a)) {
        t->p = t->small;
        t->len = 3;
        memcpy(t->p, isnan(a) ? "nan" : "inf", 4);
    } else {
        float_text(t, a, type, prec, flags);
        if (no_neg_0 && neg && all_zero_digits(t->p, t->len)) {
            neg = false;
        }
    }
    if (upper) {
        for (size_t i = 0; i < t->len; i++) {
            t->p[i] = (char)(t->p[i] >= 'a' && t->p[i] <= 'z' ? t->p[i] - 32 : t->p[i]);
        }
    }
    if (percent) {
        t->p[t->len++] = '%';
        t->p[t->len] = 0;
    }
    size_t i = 0;
    while (i < t->len && t->p[i] >= '0' && t->p[i] <= '9') {
        i++;
    }
    p->sign = sign_char(neg, sign);
    p->prefix = "";
    p->digits = t->p;
    p->ndigits = i;
    p->decimal = i < t->len && t->p[i] == '.';
    p->rest = t->p + i + (p->decimal ? 1 : 0);
    p->nrest = t->len - i - (p->decimal ? 1 : 0);
}

static bool is_float_type(uint32_t t) {
    return t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%';
}

static void format_float_into(StrWriter *w, double d, const Spec *sp) {
    if (sp->prec > INT32_MAX) {
        kaa_raise_value_error("precision too big");
    }
    uint32_t type = sp->type;
    int flags = sp->alt ? FL_ALT : 0;
    int prec = (int)sp->prec;
    bool percent = type == '%';
    bool upper = type == 'E' || type == 'F' || type == 'G';
    if (type == 0) {
        // No type: repr() without a precision, else 'g' keeping ".0" on integral values.
        flags |= FL_DOT0;
        type = prec < 0 ? 'r' : 'g';
    } else if (type == 'n') {
        type = 'g';
    } else if (percent) {
        type = 'f';
        d *= 100;
    } else {
        type = type | 0x20;  // lower case
    }
    if (prec < 0) {
        prec = 6;
    }
    FloatParts fp;
    float_parts(&fp, d, type, prec, flags, sp->sign, sp->no_neg_0, upper, percent);
    emit_number(w, sp, &fp.parts);
}

// ---- int ---------------------------------------------------------------------------------

static void format_int_c(StrWriter *w, KaaValue v, const Spec *sp) {
    if (sp->sign) {
        kaa_raise_value_error("Sign not allowed with integer format specifier 'c'");
    }
    if (sp->alt) {
        kaa_raise_value_error("Alternate form (#) not allowed with integer format specifier 'c'");
    }
    int64_t c;
    if (!kaa_int_to_i64(v, &c)) {
        kaa_raise_overflow("Python int too large to convert to C long");
    }
    if (c < 0 || c > 0x10FFFF) {
        kaa_raise_overflow("%%c arg not in range(0x110000)");
    }
    NumParts p = {.prefix = "", .ndigits = 1, .cdigit = (uint32_t)c, .rest = ""};
    emit_number(w, sp, &p);
}

static void format_int_into(StrWriter *w, KaaValue v, const Spec *sp) {
    uint32_t type = sp->type;
    if (is_float_type(type)) {
        format_float_into(w, kaa_int_as_double(v), sp);
        return;
    }
    if (type != 'b' && type != 'c' && type != 'd' && type != 'o' && type != 'x' &&
        type != 'X' && type != 'n') {
        unknown_type(type, kaa_type_name_of(v));
    }
    if (sp->prec >= 0) {
        kaa_raise_value_error("Precision not allowed in integer format specifier");
    }
    if (sp->no_neg_0) {
        kaa_raise_value_error("Negative zero coercion (z) not allowed in integer format "
                              "specifier");
    }
    if (type == 'c') {
        format_int_c(w, v, sp);
        return;
    }
    int base = type == 'b' ? 2 : type == 'o' ? 8 : (type == 'x' || type == 'X') ? 16 : 10;
    IntDigits d;
    int_digits(v, base, type == 'X', &d);
    static const char *const prefixes[] = {"0b", "0o", "0x", "0X"};
    const char *prefix = "";
    if (sp->alt && base != 10) {
        prefix = prefixes[base == 2 ? 0 : base == 8 ? 1 : type == 'x' ? 2 : 3];
    }
    NumParts p = {.sign = sign_char(d.neg, sp->sign), .prefix = prefix, .digits = d.digits,
                  .ndigits = d.len, .rest = ""};
    emit_number(w, sp, &p);
}

static void format_int_spec(StrWriter *w, KaaValue v, KaaValue spec) {
    Spec sp;
    parse_spec(spec, kaa_type_name_of(v), '>', 'd', &sp);
    format_int_into(w, v, &sp);
}

KaaValue kaa_format_int(KaaValue v, KaaValue spec) {
    if (kaa_str(spec)->len == 0) {
        return kaa_to_str(v);
    }
    StrWriter w;
    sw_init(&w);
    format_int_spec(&w, v, spec);
    return sw_finish(&w);
}

// ---- float -------------------------------------------------------------------------------

static void format_float_spec(StrWriter *w, double d, KaaValue spec, const char *tname) {
    Spec sp;
    parse_spec(spec, tname, '>', 0, &sp);
    uint32_t t = sp.type;
    if (t != 0 && t != 'n' && !is_float_type(t)) {
        unknown_type(t, tname);
    }
    format_float_into(w, d, &sp);
}

KaaValue kaa_format_float(double d, KaaValue spec) {
    if (kaa_str(spec)->len == 0) {
        return kaa_float_repr_value(d);
    }
    StrWriter w;
    sw_init(&w);
    format_float_spec(&w, d, spec, "float");
    return sw_finish(&w);
}

// ---- complex -----------------------------------------------------------------------------

static void complex_into(StrWriter *w, double re, double im, const Spec *sp) {
    if (sp->fill == '0') {
        kaa_raise_value_error("Zero padding is not allowed in complex format specifier");
    }
    if (sp->align == '=') {
        kaa_raise_value_error("'=' alignment flag is not allowed in complex format specifier");
    }
    uint32_t type = sp->type;
    int flags = sp->alt ? FL_ALT : 0;
    int prec = sp->prec > INT32_MAX ? INT32_MAX : (int)sp->prec;
    bool upper = type == 'E' || type == 'F' || type == 'G';
    bool skip_re = false, parens = false;
    if (type == 0) {
        // Like repr(): parentheses unless the real part is +0, which is then left out.
        flags |= FL_BARE;
        type = prec < 0 ? 'r' : 'g';
        skip_re = re == 0.0 && !signbit(re);
        parens = !skip_re;
    } else if (type == 'n') {
        type = 'g';
    } else {
        type |= 0x20;
    }
    if (prec < 0) {
        prec = 6;
    }
    FloatParts rp, ip;
    float_parts(&rp, re, type, prec, flags, sp->sign, sp->no_neg_0, upper, false);
    float_parts(&ip, im, type, prec, flags, skip_re ? sp->sign : '+', sp->no_neg_0, upper,
                false);
    // Both parts are laid out without padding (grouping still applies), then padded as one.
    Spec inner = *sp;
    inner.fill = ' ';
    inner.align = '<';
    inner.width = -1;
    StrWriter body;
    sw_init(&body);
    if (parens) {
        sw_putc(&body, '(');
    }
    if (!skip_re) {
        emit_number(&body, &inner, &rp.parts);
    }
    emit_number(&body, &inner, &ip.parts);
    sw_putc(&body, 'j');
    if (parens) {
        sw_putc(&body, ')');
    }
    size_t left, right;
    padding(sp, body.len, &left, &right);
    sw_fill(w, sp->fill, left);
    sw_put_ascii(w, (const char *)body.buf, body.len);
    sw_fill(w, sp->fill, right);
}

KaaValue kaa_format_complex(double re, double im, KaaValue spec) {
    if (kaa_str(spec)->len == 0) {
        return kaa_repr(kaa_complex_new(re, im));
    }
    Spec sp;
    parse_spec(spec, "complex", '>', 0, &sp);
    uint32_t t = sp.type;
    if (t != 0 && t != 'n' && (!is_float_type(t) || t == '%')) {
        unknown_type(t, "complex");
    }
    StrWriter w;
    sw_init(&w);
    complex_into(&w, re, im, &sp);
    return sw_finish(&w);
}

// ---- format() ----------------------------------------------------------------------------

// Appends format(value, spec) to w: exact str, int and float directly, anything else through
// type(value).__format__.
static void format_value_into(StrWriter *w, KaaValue v, KaaValue spec) {
    bool empty = spec == KAA_NULL || kaa_str(spec)->len == 0;
    if (kaa_is_int(v) && empty) {
        put_small_int(w, kaa_int_val(v));
        return;
    }
    if (kaa_is_type(v, &kaa_str_type)) {
        if (empty) {
            sw_put_str(w, v);
        } else {
            format_str_spec(w, v, spec);
        }
        return;
    }
    if ((kaa_is_int(v) || kaa_is_type(v, &kaa_int_type)) && !empty) {
        format_int_spec(w, v, spec);
        return;
    }
    if (kaa_is_float(v) && !empty) {
        format_float_spec(w, kaa_float_val(v), spec, "float");
        return;
    }
    sw_put_str(w, kaa_format(v, spec));
}

KaaValue kaa_format(KaaValue value, KaaValue spec) {
    if (spec == KAA_NULL || kaa_str(spec)->len == 0) {
        if (kaa_is_type(value, &kaa_str_type)) {
            return value;
        }
        if (kaa_is_int(value) || kaa_is_type(value, &kaa_int_type) || kaa_is_float(value) ||
            kaa_is_type(value, &kaa_complex_type)) {
            return kaa_to_str(value);
        }
    }
    // The exact built-in types go straight to their formatter (int.__format__ and friends
    // may call back here with the same value).
    if (kaa_is_int(value) || kaa_is_type(value, &kaa_int_type) ||
        kaa_is_type(value, &kaa_str_type) || kaa_is_float(value)) {
        StrWriter w;
        sw_init(&w);
        format_value_into(&w, value, spec);
        return sw_finish(&w);
    }
    if (kaa_is_type(value, &kaa_complex_type)) {
        const KaaComplex *c = (const KaaComplex *)kaa_obj(value);
        return kaa_format_complex(c->real, c->imag, spec);
    }
    KaaValue meth = kaa_lookup_special(value, KAA_ID(__format__));
    if (meth == KAA_NULL) {
        kaa_raise_type_error("Type %s doesn't define __format__", kaa_type_name_of(value));
    }
    KaaValue r = kaa_call1(meth, spec != KAA_NULL ? spec : kaa_str_from_ascii("", 0));
    if (!kaa_is_str(r)) {
        kaa_raise_type_error("__format__ must return a str, not %s", kaa_type_name_of(r));
    }
    return r;
}

// ---- %-formatting ------------------------------------------------------------------------

enum { PF_LJUST = 1, PF_SIGN = 2, PF_BLANK = 4, PF_ALT = 8, PF_ZERO = 16 };

typedef struct {
    const KaaStr *fmt;
    size_t pos;
    KaaValue args;     // the tuple, the single value, or the value of the last %(key)
    int64_t arglen;    // -1: args is one value
    int64_t argidx;
    KaaValue dict;     // the mapping for %(key)s, or KAA_NULL
} Pct;

typedef struct {
    int flags;
    int64_t width, prec;  // -1: none
    uint32_t conv;
} PctSpec;

static KaaValue pct_next_arg(Pct *p) {
    if (p->argidx >= p->arglen) {
        kaa_raise_type_error("not enough arguments for format string");
    }
    p->argidx++;
    return p->arglen < 0 ? p->args : kaa_tuple(p->args)->items[p->argidx - 1];
}

static uint32_t pct_peek(const Pct *p) {
    return p->pos < p->fmt->len ? kaa_str_char(p->fmt, p->pos) : 0;
}

// %(key): the value the key maps to becomes the only argument of this conversion.
static void pct_key(Pct *p) {
    size_t start = ++p->pos, depth = 1;
    while (p->pos < p->fmt->len) {
        uint32_t c = kaa_str_char(p->fmt, p->pos);
        if (c == '(') {
            depth++;
        } else if (c == ')' && --depth == 0) {
            break;
        }
        p->pos++;
    }
    if (depth) {
        kaa_raise_value_error("incomplete format key");
    }
    if (p->dict == KAA_NULL) {
        kaa_raise_type_error("format requires a mapping");
    }
    KaaValue key = kaa_str_substr(kaa_from_obj(p->fmt), start, p->pos);
    p->pos++;
    p->args = kaa_getitem(p->dict, key);
    p->arglen = -1;
    p->argidx = -2;
}

// A width or precision: digits, or '*' taking an int argument.
static int64_t pct_number(Pct *p, const char *too_big, int64_t limit) {
    if (pct_peek(p) == '*') {
        p->pos++;
        KaaValue v = pct_next_arg(p);
        if (!kaa_is_int(v) && !kaa_is_int_like(v)) {
            kaa_raise_type_error("* wants int");
        }
        return kaa_int_as_i64(v);
    }
    int64_t n = 0;
    uint32_t c;
    while ((c = pct_peek(p)) >= '0' && c <= '9') {
        if (n > (limit - (int64_t)(c - '0')) / 10) {
            kaa_raise_value_error("%s", too_big);
        }
        n = n * 10 + (int64_t)(c - '0');
        p->pos++;
    }
    return n;
}

static void pct_parse(Pct *p, PctSpec *s) {
    if (pct_peek(p) == '(') {
        pct_key(p);
    }
    s->flags = 0;
    for (;;) {
        uint32_t c = pct_peek(p);
        int f = c == '-' ? PF_LJUST : c == '+' ? PF_SIGN : c == ' ' ? PF_BLANK
              : c == '#' ? PF_ALT : c == '0' ? PF_ZERO : 0;
        if (!f) {
            break;
        }
        s->flags |= f;
        p->pos++;
    }
    s->width = -1;
    uint32_t c = pct_peek(p);
    if (c == '*' || (c >= '0' && c <= '9')) {
        s->width = pct_number(p, "width too big", INT64_MAX);
        if (s->width < 0) {
            s->flags |= PF_LJUST;
            s->width = -s->width;
        }
    }
    s->prec = -1;
    if (pct_peek(p) == '.') {
        p->pos++;
        s->prec = pct_number(p, "precision too big", INT32_MAX);
        if (s->prec < 0) {
            s->prec = 0;
        }
    }
    c = pct_peek(p);
    if (c == 'h' || c == 'l' || c == 'L') {
        p->pos++;  // C length modifiers are accepted and ignored
    }
    if (p->pos >= p->fmt->len) {
        kaa_raise_value_error("incomplete format");
    }
    s->conv = kaa_str_char(p->fmt, p->pos++);
}

// Pads a finished piece (already a str) to the width: %s, %r, %a, %c.
static void pct_put_text(StrWriter *w, const PctSpec *s, KaaValue text) {
    const KaaStr *t = kaa_str(text);
    size_t len = t->len;
    if (s->prec >= 0 && (size_t)s->prec < len && s->conv != 'c') {
        len = (size_t)s->prec;
    }
    size_t pad = s->width > 0 && (size_t)s->width > len ? (size_t)s->width - len : 0;
    if (!(s->flags & PF_LJUST)) {
        sw_fill(w, ' ', pad);
    }
    sw_put_sub(w, t, 0, len);
    if (s->flags & PF_LJUST) {
        sw_fill(w, ' ', pad);
    }
}

// [sign][prefix][digits] padded: zeros go between prefix and digits, spaces outside.
static void pct_put_number(StrWriter *w, const PctSpec *s, bool neg, const char *prefix,
                           const char *digits, size_t ndigits, size_t zeros) {
    char sign = neg ? '-' : (s->flags & PF_SIGN) ? '+' : (s->flags & PF_BLANK) ? ' ' : 0;
    size_t nprefix = strlen(prefix);
    size_t len = (sign ? 1 : 0) + nprefix + zeros + ndigits;
    size_t pad = s->width > 0 && (size_t)s->width > len ? (size_t)s->width - len : 0;
    bool ljust = s->flags & PF_LJUST, zero = (s->flags & PF_ZERO) && !ljust;
    if (!ljust && !zero) {
        sw_fill(w, ' ', pad);
    }
    if (sign) {
        sw_putc(w, (uint8_t)sign);
    }
    sw_put_ascii(w, prefix, nprefix);
    sw_fill(w, '0', zeros + (zero ? pad : 0));
    sw_put_ascii(w, digits, ndigits);
    if (ljust) {
        sw_fill(w, ' ', pad);
    }
}

static bool has_int_conversion(KaaValue v) {
    KaaType *t = kaa_type_of(v);
    return t->to_int != NULL || t->index != NULL || kaa_is_float_like(v);
}

// The int an integer conversion formats: %d takes any real number (truncated), %x and %o
// only integers (__index__).
static KaaValue pct_int_arg(KaaValue v, uint32_t conv) {
    if (kaa_is_int(v) || kaa_is_int_like(v)) {
        return v;
    }
    if (conv == 'o' || conv == 'x' || conv == 'X') {
        if (kaa_type_of(v)->index == NULL) {
            kaa_raise_type_error("%%%c format: an integer is required, not %s", (int)conv,
                                 kaa_type_name_of(v));
        }
        return kaa_index(v);
    }
    if (!has_int_conversion(v) || kaa_is_type(v, &kaa_complex_type)) {
        kaa_raise_type_error("%%%c format: a real number is required, not %s", (int)conv,
                             kaa_type_name_of(v));
    }
    return kaa_number_int(v);
}

static void pct_int(StrWriter *w, const PctSpec *s, KaaValue v) {
    v = pct_int_arg(v, s->conv);
    int base = s->conv == 'o' ? 8 : (s->conv == 'x' || s->conv == 'X') ? 16 : 10;
    IntDigits d;
    int_digits(v, base, s->conv == 'X', &d);
    const char *prefix = "";
    if ((s->flags & PF_ALT) && base != 10) {
        prefix = s->conv == 'o' ? "0o" : s->conv == 'x' ? "0x" : "0X";
    }
    size_t zeros = s->prec > 0 && (size_t)s->prec > d.len ? (size_t)s->prec - d.len : 0;
    pct_put_number(w, s, d.neg, prefix, d.digits, d.len, zeros);
}

static double pct_float_arg(KaaValue v) {
    if (kaa_is_float(v)) {
        return kaa_float_val(v);
    }
    if (kaa_is_int(v) || kaa_is_int_like(v)) {
        return kaa_int_as_double(v);
    }
    KaaType *t = kaa_type_of(v);
    if (!kaa_is_float_like(v) && t->to_float == NULL && t->index == NULL) {
        kaa_raise_type_error("must be real number, not %s", kaa_type_name_of(v));
    }
    return kaa_float_of(v);
}

static void pct_float(StrWriter *w, const PctSpec *s, KaaValue v) {
    double d = pct_float_arg(v);
    uint32_t type = s->conv | 0x20;
    int prec = s->prec < 0 ? 6 : (int)s->prec;
    FloatParts fp;
    bool upper = s->conv == 'E' || s->conv == 'F' || s->conv == 'G';
    float_parts(&fp, d, type, prec, (s->flags & PF_ALT) ? FL_ALT : 0, 0, false, upper, false);
    const FloatText *t = &fp.text;
    pct_put_number(w, s, fp.parts.sign == '-', "", t->p, t->len, 0);
}

static void pct_char(StrWriter *w, const PctSpec *s, KaaValue v) {
    uint32_t c;
    if (kaa_is_str(v)) {
        if (kaa_str(v)->len != 1) {
            kaa_raise_type_error("%%c requires int or char");
        }
        c = kaa_str_char(kaa_str(v), 0);
    } else if (kaa_is_int(v) || kaa_is_int_like(v)) {
        int64_t i;
        if (!kaa_int_to_i64(v, &i) || i < 0 || i > 0x10FFFF) {
            kaa_raise_overflow("%%c arg not in range(0x110000)");
        }
        c = (uint32_t)i;
    } else {
        kaa_raise_type_error("%%c requires int or char");
    }
    pct_put_text(w, s, kaa_str_from_char(c));
}

static void pct_convert(StrWriter *w, Pct *p, const PctSpec *s, size_t conv_index) {
    KaaValue v;
    switch (s->conv) {
    case 's':
        v = pct_next_arg(p);
        if (s->width < 0 && s->prec < 0 && kaa_is_type(v, &kaa_str_type)) {
            sw_put_str(w, v);  // the common plain %s
            return;
        }
        if (s->width < 0 && s->prec < 0 && kaa_is_int(v)) {
            put_small_int(w, kaa_int_val(v));
            return;
        }
        pct_put_text(w, s, kaa_is_type(v, &kaa_str_type) ? v : kaa_to_str(v));
        return;
    case 'r': pct_put_text(w, s, kaa_repr(pct_next_arg(p))); return;
    case 'a': pct_put_text(w, s, kaa_ascii(pct_next_arg(p))); return;
    case 'c': pct_char(w, s, pct_next_arg(p)); return;
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
        pct_int(w, s, pct_next_arg(p));
        return;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        pct_float(w, s, pct_next_arg(p));
        return;
    default: {
        uint32_t c = s->conv;
        kaa_raise_value_error("unsupported format character '%c' (0x%x) at index %zu",
                              c >= 32 && c < 127 ? (int)c : '?', (unsigned)c, conv_index);
    }
    }
}

// The next '%' at or after from, or len.
static size_t next_percent(const KaaStr *f, size_t from) {
    if (f->kind == 1) {
        const uint8_t *hit = memchr(f->data + from, '%', f->len - from);
        return hit ? (size_t)(hit - f->data) : f->len;
    }
    while (from < f->len && kaa_str_char(f, from) != '%') {
        from++;
    }
    return from;
}

KaaValue kaa_str_percent(KaaValue fmt, KaaValue args) {
    Pct p = {.fmt = kaa_str(fmt), .args = args, .arglen = -1, .argidx = -2};
    if (kaa_is_tuple(args)) {
        p.arglen = kaa_tuple(args)->len;
        p.argidx = 0;
    } else if (!kaa_is_str(args) && kaa_type_of(args)->getitem != NULL) {
        p.dict = args;  // anything with __getitem__ (but a tuple or str) serves %(key)s
    }
    StrWriter w;
    sw_init(&w);
    const KaaStr *f = p.fmt;
    while (p.pos < f->len) {
        size_t pct = next_percent(f, p.pos);
        sw_put_sub(&w, f, p.pos, pct);
        if (pct == f->len) {
            break;
        }
        p.pos = pct + 1;
        if (pct_peek(&p) == '%') {
            sw_putc(&w, '%');
            p.pos++;
            continue;
        }
        PctSpec s;
        pct_parse(&p, &s);
        pct_convert(&w, &p, &s, p.pos - 1);
    }
    if (p.argidx < p.arglen && p.dict == KAA_NULL) {
        kaa_raise_type_error("not all arguments converted during string formatting");
    }
    return sw_finish(&w);
}

// ---- str.format and str.format_map -------------------------------------------------------

enum { AUTO_INIT, AUTO_ON, AUTO_MANUAL };

typedef struct {
    const KaaStr *fmt;
    KaaValue fmt_value;
    KaaValue *args;       // positional arguments; NULL for format_map
    size_t nargs;
    KaaValue *kwvalues;   // keyword arguments of str.format
    KaaTuple *kwnames;
    KaaValue mapping;     // format_map's mapping, or KAA_NULL
    int auto_state;
    int64_t auto_next;
} Fmt;

typedef struct {
    size_t name_start, name_end;
    size_t spec_start, spec_end;
    uint32_t conversion;   // 0 when none
    bool spec_nested;      // the spec contains '{': expand it first
} Field;

static uint32_t fch(const Fmt *f, size_t i) { return kaa_str_char(f->fmt, i); }

// After "!x" or ':' in a field: the optional conversion, then the spec up to the '}' that
// balances the field's '{'. i is just past the '!' or ':' (c).
static void parse_conversion_and_spec(const Fmt *f, size_t i, uint32_t c, size_t *pos,
                                      size_t end, Field *fd) {
    if (c == '!') {
        if (i >= end) {
            kaa_raise_value_error("end of string while looking for conversion specifier");
        }
        fd->conversion = fch(f, i++);
        if (i < end) {
            c = fch(f, i++);
            if (c == '}') {
                fd->spec_start = fd->spec_end = i - 1;
                *pos = i;
                return;
            }
            if (c != ':') {
                kaa_raise_value_error("expected ':' after conversion specifier");
            }
        }
    }
    fd->spec_start = i;
    int depth = 1;
    while (i < end) {
        c = fch(f, i++);
        if (c == '{') {
            fd->spec_nested = true;
            depth++;
        } else if (c == '}' && --depth == 0) {
            fd->spec_end = i - 1;
            *pos = i;
            return;
        }
    }
    kaa_raise_value_error("unmatched '{' in format spec");
}

// Parses the field after '{' at *pos (up to its closing '}') into *fd.
static void parse_field(const Fmt *f, size_t *pos, size_t end, Field *fd) {
    size_t i = *pos;
    uint32_t c = 0;
    fd->name_start = i;
    fd->conversion = 0;
    fd->spec_nested = false;
    // The name ends at '}', ':' or '!', except inside [...].
    while (i < end) {
        c = fch(f, i++);
        if (c == '{') {
            kaa_raise_value_error("unexpected '{' in field name");
        }
        if (c == '[') {
            while (i < end && fch(f, i) != ']') {
                i++;
            }
            continue;
        }
        if (c == '}' || c == ':' || c == '!') {
            break;
        }
    }
    fd->name_end = i - 1;
    fd->spec_start = fd->spec_end = i;
    if (c == '!' || c == ':') {
        parse_conversion_and_spec(f, i, c, pos, end, fd);
        return;
    }
    if (c != '}') {
        kaa_raise_value_error("expected '}' before end of string");
    }
    *pos = i;
}

// A run of ASCII digits as an index: -1 when the text is empty or has a non-digit.
static int64_t digits_value(const Fmt *f, size_t start, size_t end) {
    if (start == end) {
        return -1;
    }
    int64_t v = 0;
    for (size_t i = start; i < end; i++) {
        uint32_t c = fch(f, i);
        if (c < '0' || c > '9') {
            return -1;
        }
        if (v > (INT64_MAX - (int64_t)(c - '0')) / 10) {
            kaa_raise_value_error("Too many decimal digits in format string");
        }
        v = v * 10 + (int64_t)(c - '0');
    }
    return v;
}

static KaaValue fmt_substr(const Fmt *f, size_t start, size_t end) {
    return kaa_str_substr(f->fmt_value, start, end);
}

static KaaValue lookup_positional(Fmt *f, int64_t index) {
    if (f->args == NULL) {
        kaa_raise_value_error("Format string contains positional fields");
    }
    if ((uint64_t)index >= f->nargs) {
        kaa_raise_index_error("Replacement index %lld out of range for positional args tuple",
                              (long long)index);
    }
    return f->args[index];
}

static KaaValue lookup_keyword(Fmt *f, KaaValue key) {
    if (f->mapping != KAA_NULL) {
        return kaa_getitem(f->mapping, key);
    }
    for (int64_t i = 0; f->kwnames && i < f->kwnames->len; i++) {
        if (kaa_str_eq(f->kwnames->items[i], key)) {
            return f->kwvalues[i];
        }
    }
    kaa_raise_key_error(key);
}

// The object the first part of a field name names: {}, {0} or {name}.
static KaaValue field_first(Fmt *f, size_t start, size_t end) {
    if (start == end) {
        if (f->auto_state == AUTO_MANUAL) {
            kaa_raise_value_error("cannot switch from manual field specification to automatic "
                                  "field numbering");
        }
        f->auto_state = AUTO_ON;
        return lookup_positional(f, f->auto_next++);
    }
    int64_t index = digits_value(f, start, end);
    if (index < 0) {
        return lookup_keyword(f, fmt_substr(f, start, end));
    }
    if (f->auto_state == AUTO_ON) {
        kaa_raise_value_error("cannot switch from automatic field numbering to manual field "
                              "specification");
    }
    f->auto_state = AUTO_MANUAL;
    return lookup_positional(f, index);
}

// Resolves a field name: the first part, then any .attribute and [key] parts.
static KaaValue field_object(Fmt *f, size_t start, size_t end) {
    size_t i = start;
    while (i < end && fch(f, i) != '.' && fch(f, i) != '[') {
        i++;
    }
    KaaValue obj = field_first(f, start, i);
    while (i < end) {
        uint32_t c = fch(f, i++);
        size_t s = i;
        if (c == '.') {
            while (i < end && fch(f, i) != '.' && fch(f, i) != '[') {
                i++;
            }
            if (i == s) {
                kaa_raise_value_error("Empty attribute in format string");
            }
            obj = kaa_getattr(obj, fmt_substr(f, s, i));
        } else if (c == '[') {
            while (i < end && fch(f, i) != ']') {
                i++;
            }
            if (i == end) {
                kaa_raise_value_error("Missing ']' in format string");
            }
            if (i == s) {
                kaa_raise_value_error("Empty attribute in format string");
            }
            int64_t index = digits_value(f, s, i);
            KaaValue key = index >= 0 ? kaa_int_from_i64(index) : fmt_substr(f, s, i);
            obj = kaa_getitem(obj, key);
            i++;
            if (i < end && fch(f, i) != '.' && fch(f, i) != '[') {
                kaa_raise_value_error("Only '.' or '[' may follow ']' in format field "
                                      "specifier");
            }
        } else {
            kaa_raise_value_error("Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    return obj;
}

static KaaValue convert_field(KaaValue obj, uint32_t conversion) {
    switch (conversion) {
    case 0: return obj;
    case 'r': return kaa_repr(obj);
    case 's': return kaa_to_str(obj);
    case 'a': return kaa_ascii(obj);
    default:
        if (conversion > 32 && conversion < 127) {
            kaa_raise_value_error("Unknown conversion specifier %c", (int)conversion);
        }
        kaa_raise_value_error("Unknown conversion specifier \\x%x", (unsigned)conversion);
    }
}

static void build_format(Fmt *f, size_t start, size_t end, int depth, StrWriter *w);

static void render_field(Fmt *f, const Field *fd, int depth, StrWriter *w) {
    KaaValue obj = convert_field(field_object(f, fd->name_start, fd->name_end), fd->conversion);
    KaaValue spec;
    if (fd->spec_nested) {
        StrWriter sw;
        sw_init(&sw);
        build_format(f, fd->spec_start, fd->spec_end, depth - 1, &sw);
        spec = sw_finish(&sw);
    } else if (fd->spec_start == fd->spec_end) {
        spec = KAA_NULL;
    } else {
        spec = fmt_substr(f, fd->spec_start, fd->spec_end);
    }
    if (spec == KAA_NULL && kaa_is_type(obj, &kaa_str_type)) {
        sw_put_str(w, obj);
    } else {
        format_value_into(w, obj, spec);
    }
}

// The literal text and the fields of fmt[start:end); depth limits nested specs.
static void build_format(Fmt *f, size_t start, size_t end, int depth, StrWriter *w) {
    if (depth <= 0) {
        kaa_raise_value_error("Max string recursion exceeded");
    }
    size_t i = start;
    while (i < end) {
        size_t lit = i;
        uint32_t c = 0;
        while (i < end && (c = fch(f, i)) != '{' && c != '}') {
            i++;
        }
        sw_put_sub(w, f->fmt, lit, i);
        if (i == end) {
            return;
        }
        i++;
        bool doubled = i < end && fch(f, i) == c;
        if (c == '}' && !doubled) {
            kaa_raise_value_error("Single '}' encountered in format string");
        }
        if (c == '{' && i == end) {
            kaa_raise_value_error("Single '{' encountered in format string");
        }
        if (doubled) {
            sw_putc(w, c);
            i++;
            continue;
        }
        Field fd;
        parse_field(f, &i, end, &fd);
        render_field(f, &fd, depth, w);
    }
}

KaaValue kaa_str_builtin_format(KaaValue fmt, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Fmt f = {.fmt = kaa_str(fmt), .fmt_value = fmt, .args = args, .nargs = nargs,
             .kwvalues = args + nargs, .kwnames = kwnames};
    StrWriter w;
    sw_init(&w);
    build_format(&f, 0, f.fmt->len, 2, &w);
    return sw_finish(&w);
}

KaaValue kaa_format_map(KaaValue fmt, KaaValue mapping) {
    Fmt f = {.fmt = kaa_str(fmt), .fmt_value = fmt, .mapping = mapping};
    StrWriter w;
    sw_init(&w);
    build_format(&f, 0, f.fmt->len, 2, &w);
    return sw_finish(&w);
}
