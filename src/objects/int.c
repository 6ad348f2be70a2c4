// objects/int.c — the int and bool types.
//
// Stage: objects. Owns int: 48-bit immediates (value.h) and KaaInt heap objects holding a GMP
// integer, with arithmetic under Python's rules (floor division, two's-complement bitwise
// operators on negatives, correctly rounded true division), comparison, CPython's hash, and
// conversion to and from text, bytes and floats; and bool, whose only instances are the static
// objects True and False. Every exact int that fits in 48 bits is returned as an immediate.
// Must not: know the bit layout of values (value.h), format with a format spec (format.c does),
// or keep GMP memory outside the collector (alloc.c routes GMP's allocator to it, so nothing
// here calls mpz_clear).
#include <float.h>
#include <math.h>
#include <string.h>
#include <utf8proc.h>

#include "objects/objects.h"

_Static_assert(GMP_NUMB_BITS == 64 && GMP_NAIL_BITS == 0, "int.c expects 64-bit GMP limbs");
_Static_assert(sizeof(KaaInt) % sizeof(mp_limb_t) == 0, "inline limbs follow the KaaInt");

// sys.get_int_max_str_digits(): the most decimal digits str(int) and int(str) handle (0: any).
int kaa_int_max_str_digits = 4300;

// The modulus of numeric hashes (CPython's _PyHASH_MODULUS), shared by float.c and complex.c.
#define HASH_MODULUS (((uint64_t)1 << 61) - 1)
// GMP aborts past 2^37 bits; refuse sooner with MemoryError, as CPython would run out.
#define MAX_BITS ((uint64_t)1 << 36)

// True and False: static KaaInts of type bool whose GMP integers point at static limbs.
static mp_limb_t one_limb = 1, zero_limb = 0;
KaaInt kaa_true_obj = {.ob = {&kaa_bool_type}, .z = MPZ_ROINIT_N(&one_limb, 1)};
KaaInt kaa_false_obj = {.ob = {&kaa_bool_type}, .z = MPZ_ROINIT_N(&zero_limb, 0)};

void kaa_int_init(void) {
    // True and False are initialised statically; kept as the hook kaa_objects_init calls, so
    // that start-up work for ints has one place to go.
}

static KaaValue index_exact(KaaValue v);

// ---- representation helpers ------------------------------------------------------------------

// An int or bool object, or an instance of a user subclass of int (the flag is inherited).
static inline bool is_heap_int(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_INT_SUBCLASS);
}

// True for every value isinstance(v, int) accepts: immediates and heap ints alike.
bool kaa_is_int_like(KaaValue v) { return kaa_is_int(v) || is_heap_int(v); }

// The GMP integer of a heap int (exact int, bool or subclass instance).
static inline mpz_srcptr heap_z(KaaValue v) { return ((KaaInt *)kaa_obj(v))->z; }

// True when z fits a 48-bit immediate; *out receives it.
static inline bool mpz_small(mpz_srcptr z, int64_t *out) {
    size_t n = mpz_size(z);
    if (n == 0) {
        *out = 0;
        return true;
    }
    if (n > 1) {
        return false;
    }
    mp_limb_t l = mpz_getlimbn(z, 0);
    if (mpz_sgn(z) > 0) {
        if (l > (mp_limb_t)KAA_SMALL_MAX) {
            return false;
        }
        *out = (int64_t)l;
        return true;
    }
    if (l > (mp_limb_t)KAA_SMALL_MAX + 1) {
        return false;
    }
    *out = -(int64_t)l;
    return true;
}

// Any int-like value whose value fits 48 bits (bools and small subclass instances included).
static inline bool small_of(KaaValue v, int64_t *out) {
    if (KAA_LIKELY(kaa_is_int(v))) {
        *out = kaa_int_val(v);
        return true;
    }
    return is_heap_int(v) && mpz_small(heap_z(v), out);
}

// Any int-like value whose value fits 64 bits.
static inline bool i64_of(KaaValue v, int64_t *out) {
    if (KAA_LIKELY(kaa_is_int(v))) {
        *out = kaa_int_val(v);
        return true;
    }
    if (!is_heap_int(v)) {
        return false;
    }
    mpz_srcptr z = heap_z(v);
    size_t n = mpz_size(z);
    if (n > 1) {
        return false;
    }
    uint64_t l = n ? mpz_getlimbn(z, 0) : 0;
    if (mpz_sgn(z) >= 0) {
        *out = (int64_t)l;
        return l <= (uint64_t)INT64_MAX;
    }
    *out = (int64_t)((uint64_t)0 - l);
    return l <= (uint64_t)INT64_MAX + 1;
}

// A read-only GMP view of an int-like value; immediates borrow a one-limb buffer in `t`, so
// operations on mixed immediate/heap operands allocate nothing for the operands.
typedef struct {
    mpz_t z;
    mp_limb_t limb;
} ZView;

static mpz_srcptr zview(KaaValue v, ZView *t) {
    if (kaa_is_int(v)) {
        int64_t i = kaa_int_val(v);
        t->limb = i < 0 ? (mp_limb_t)0 - (mp_limb_t)i : (mp_limb_t)i;
        return mpz_roinit_n(t->z, &t->limb, i < 0 ? -1 : i > 0);
    }
    return heap_z(v);
}

// A fresh exact int with room for n limbs inside the same block, which is atomic: its type is
// static and its limb pointer points into the block itself, so there is nothing to trace.
// Heap ints are immutable once made, so GMP writes into one at most once, as the result of an
// operation whose size the caller bounds by n (GMP grows a result only when it is too small).
static KaaInt *alloc_int(size_t n) {
    KaaInt *o = kaa_alloc_atomic(sizeof(KaaInt) + n * sizeof(mp_limb_t));
    o->ob.type = &kaa_int_type;
    o->z->_mp_alloc = (int)n;
    o->z->_mp_size = 0;
    o->z->_mp_d = (mp_limb_t *)(o + 1);
    return o;
}

// Copies the GMP integer r into a result value (an immediate when it fits).
static KaaValue take(mpz_srcptr r) {
    int64_t i;
    if (mpz_small(r, &i)) {
        return kaa_from_small(i);
    }
    size_t n = mpz_size(r);
    KaaInt *o = alloc_int(n);
    memcpy(o->z->_mp_d, mpz_limbs_read(r), n * sizeof(mp_limb_t));
    o->z->_mp_size = r->_mp_size;
    return kaa_from_obj(o);
}

// The value of a result GMP computed into o.
static KaaValue finish(KaaInt *o) {
    int64_t i;
    if (KAA_UNLIKELY(o->z->_mp_d != (mp_limb_t *)(o + 1))) {
        // GMP needed more room than the caller promised: copy the limbs out while this frame
        // still references them (the atomic block does not keep them alive).
        mp_limb_t *volatile keep = o->z->_mp_d;
        KaaValue r = take(o->z);
        (void)keep;
        return r;
    }
    if (mpz_small(o->z, &i)) {
        return kaa_from_small(i);
    }
    return kaa_from_obj(o);
}

// Copies z, so the caller may keep using or changing it.
KaaValue kaa_int_from_mpz(const mpz_t z) { return take(z); }

// A heap int of one limb: |i| with i's sign.
static KaaValue int_one_limb(uint64_t magnitude, bool neg) {
    KaaInt *o = alloc_int(1);
    o->z->_mp_d[0] = magnitude;
    o->z->_mp_size = neg ? -1 : 1;
    return kaa_from_obj(o);
}

// Values outside 48 bits become one-limb heap ints (a single allocation).
KaaValue kaa_int_from_i64(int64_t i) {
    if (KAA_LIKELY(kaa_small_fits(i))) {
        return kaa_from_small(i);
    }
    return int_one_limb(i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i, i < 0);
}

// Same for unsigned values (lengths, hashes, bit counts).
KaaValue kaa_int_from_u64(uint64_t u) {
    if (u <= (uint64_t)KAA_SMALL_MAX) {
        return kaa_from_small((int64_t)u);
    }
    return int_one_limb(u, false);
}

// int(d): truncation toward zero, with CPython's errors for inf and nan.
KaaValue kaa_int_from_double(double d) {
    if (isinf(d)) {
        kaa_raise_overflow("cannot convert float infinity to integer");
    }
    if (isnan(d)) {
        kaa_raise_value_error("cannot convert float NaN to integer");
    }
    if (fabs(d) < 140737488355328.0) {  // 2^47: the truncation is an immediate
        return kaa_from_small((int64_t)d);
    }
    mpz_t r;
    mpz_init_set_d(r, d);  // truncates, exactly
    return take(r);
}

// The exact int of an int-like value: subclass instances (bool too) become plain ints.
static KaaValue exact_int(KaaValue v) {
    if (kaa_is_int(v) || kaa_obj(v)->type == &kaa_int_type) {
        return v;
    }
    return kaa_int_from_mpz(heap_z(v));
}

// An instance of the int subclass `type` with the value of the int-like v.
static KaaValue subtype_from_int(KaaType *type, KaaValue v) {
    KaaInt *o = (KaaInt *)kaa_obj(kaa_instance_alloc(type, 0));
    ZView t;
    mpz_init_set(o->z, zview(v, &t));
    return kaa_from_obj(o);
}

// -1, 0 or 1, for any int-like value.
int kaa_int_sign(KaaValue v) {
    int64_t i;
    if (small_of(v, &i)) {
        return (i > 0) - (i < 0);
    }
    return mpz_sgn(heap_z(v));
}

// Accepts any int-like value, and objects with __index__ (as PyLong_AsLong does).
bool kaa_int_to_i64(KaaValue v, int64_t *out) {
    if (KAA_LIKELY(kaa_is_int(v))) {
        *out = kaa_int_val(v);
        return true;
    }
    if (!is_heap_int(v)) {
        v = index_exact(v);
        if (kaa_is_int(v)) {
            *out = kaa_int_val(v);
            return true;
        }
    }
    if (!mpz_fits_slong_p(heap_z(v))) {
        return false;
    }
    *out = mpz_get_si(heap_z(v));
    return true;
}

// The raising form of kaa_int_to_i64, for C-level sizes and counts.
int64_t kaa_int_as_i64(KaaValue v) {
    int64_t i;
    if (!kaa_int_to_i64(v, &i)) {
        kaa_raise_overflow("Python int too large to convert to C long");
    }
    return i;
}

// The value of an int-like v as a GMP integer, into out.
void kaa_int_to_mpz(KaaValue v, mpz_t out) {
    ZView t;
    mpz_set(out, zview(v, &t));
}

// Bits of |v| (0 for 0).
static uint64_t bit_length(KaaValue v) {
    int64_t i;
    if (small_of(v, &i)) {
        uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;
        return u ? 64 - (uint64_t)__builtin_clzll(u) : 0;
    }
    return mpz_sizeinbase(heap_z(v), 2);
}

// ---- int to double, correctly rounded ----------------------------------------------------------

// The value (q + f) * 2^e, where q has qbits (<= 63) bits and 0 <= f < 1 with f > 0 exactly
// when `sticky`, rounded half-to-even to a double (subnormals included; inf on overflow).
// Callers pass at least two bits beyond the 53 kept when the value is not exact.
static double round_to_double(uint64_t q, int qbits, bool sticky, long e) {
    long top = e + qbits - 1;  // exponent of the leading bit
    long lsb = top - (DBL_MANT_DIG - 1);
    if (lsb < DBL_MIN_EXP - DBL_MANT_DIG) {  // subnormal: the last bit weighs 2^-1074
        lsb = DBL_MIN_EXP - DBL_MANT_DIG;
    }
    long drop = lsb - e;
    if (drop <= 0) {
        return ldexp((double)q, (int)e);
    }
    if (drop >= 64) {
        return 0.0;  // below half the smallest subnormal
    }
    uint64_t keep = q >> drop, rem = q & (((uint64_t)1 << drop) - 1);
    uint64_t half = (uint64_t)1 << (drop - 1);
    if (rem > half || (rem == half && (sticky || (keep & 1)))) {
        keep++;
    }
    return ldexp((double)keep, (int)lsb);
}

// z * 2^e rounded half-to-even to a double in one step (no double rounding, subnormals
// included); +-inf when the result is too large. float(int), int / int and float.fromhex use it.
double kaa_int_ldexp(const mpz_t z, long e) {
    int sign = mpz_sgn(z);
    long bits = (long)mpz_sizeinbase(z, 2);
    if (sign == 0 || bits + e < DBL_MIN_EXP - DBL_MANT_DIG - 2) {
        return sign < 0 ? -0.0 : 0.0;  // below a quarter of the smallest subnormal
    }
    if (bits + e > DBL_MAX_EXP + 1) {
        return sign < 0 ? -HUGE_VAL : HUGE_VAL;
    }
    double d;
    if (bits <= 63) {
        d = round_to_double(mpz_getlimbn(z, 0), (int)bits, false, e);
    } else {
        // The top 63 bits, and whether anything below them is set.
        size_t shift = (size_t)bits - 63, li = shift / 64, bi = shift % 64;
        uint64_t q = mpz_getlimbn(z, (mp_size_t)li) >> bi;
        if (bi && li + 1 < mpz_size(z)) {
            q |= mpz_getlimbn(z, (mp_size_t)li + 1) << (64 - bi);
        }
        q &= ((uint64_t)1 << 63) - 1;
        bool sticky = mpz_scan1(z, 0) < shift;  // the lowest set bit of -x is that of x
        d = round_to_double(q, 63, sticky, e + (long)shift);
    }
    return sign < 0 ? -d : d;
}

// float(v) for an int: correctly rounded, OverflowError past the double range.
double kaa_int_as_double(KaaValue v) {
    int64_t i;
    if (KAA_LIKELY(small_of(v, &i))) {
        return (double)i;
    }
    if (!is_heap_int(v)) {
        v = index_exact(v);
        if (kaa_is_int(v)) {
            return (double)kaa_int_val(v);
        }
    }
    double d = kaa_int_ldexp(heap_z(v), 0);
    if (isinf(d)) {
        kaa_raise_overflow("int too large to convert to float");
    }
    return d;
}

// ---- hash, repr --------------------------------------------------------------------------------

// CPython's numeric hash: |v| mod 2^61-1 with v's sign, -1 becoming -2, so that
// hash(n) == hash(float(n)) == hash(Fraction(n)).
int64_t kaa_int_hash(KaaValue v) {
    int64_t i;
    if (small_of(v, &i)) {
        return i == -1 ? -2 : i;  // |i| < 2^47 is its own residue
    }
    mpz_srcptr z = heap_z(v);
    int64_t h = (int64_t)mpz_tdiv_ui(z, HASH_MODULUS);
    if (mpz_sgn(z) < 0) {
        h = -h;
    }
    return h == -1 ? -2 : h;
}

// The hash slot (kaa_int_hash with the slot's signature).
static int64_t int_hash(KaaValue v) { return kaa_int_hash(v); }

// Decimal text of a 64-bit value into buf (at least 21 bytes); returns its length.
static size_t format_i64(char *buf, int64_t i) {
    char tmp[24];
    size_t n = 0, len = 0;
    uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0) {
        buf[len++] = '-';
    }
    while (n) {
        buf[len++] = tmp[--n];
    }
    return len;
}

// The ValueError of str(int) past sys.get_int_max_str_digits().
KAA_NORETURN void kaa_int_str_limit_error(void) {
    kaa_raise_value_error("Exceeds the limit (%d digits) for integer string conversion; use "
                          "sys.set_int_max_str_digits() to increase the limit",
                          kaa_int_max_str_digits);
}

// Text of z in `base` (with a '-' when negative), applying the digit limit in base 10.
static KaaValue mpz_to_text(mpz_srcptr z, int base, const char *prefix) {
    size_t size = mpz_sizeinbase(z, base), limit = (size_t)kaa_int_max_str_digits;
    if (base == 10 && limit && size > limit + 1) {
        kaa_int_str_limit_error();  // sizeinbase is exact or one too big
    }
    size_t plen = strlen(prefix);
    char *buf = kaa_alloc_atomic(size + plen + 3);
    char *digits = buf + plen + 1;
    mpz_get_str(digits, base, z);
    size_t n = strlen(digits);
    bool neg = digits[0] == '-';
    if (base == 10 && limit && n - neg > limit) {
        kaa_int_str_limit_error();
    }
    // Put the sign before the prefix: "-0x1f".
    char *start = digits + neg - plen;
    memcpy(start, prefix, plen);
    if (neg) {
        *--start = '-';
    }
    return kaa_str_from_ascii(start, (size_t)(digits + n - start));
}

// repr(v) and str(v): decimal text; large values go through GMP (subquadratic).
KaaValue kaa_int_repr(KaaValue v) {
    int64_t i;
    if (KAA_LIKELY(small_of(v, &i))) {
        char buf[24];
        return kaa_str_from_ascii(buf, format_i64(buf, i));
    }
    return mpz_to_text(heap_z(v), 10, "");
}

// bin(), oct() and hex(): no digit limit in power-of-two bases, as in CPython.
KaaValue kaa_int_to_base(KaaValue v, int base, bool prefix) {
    const char *p = "";
    if (prefix) {
        p = base == 2 ? "0b" : base == 8 ? "0o" : base == 16 ? "0x" : "";
    }
    ZView t;
    return mpz_to_text(zview(v, &t), base, p);
}

// The repr slot.
static KaaValue int_repr(KaaValue v) { return kaa_int_repr(v); }

// ---- parsing -----------------------------------------------------------------------------------

// Whitespace that int() strips from bytes (str input has been made ASCII before).
static inline bool ascii_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// The value of a digit in bases up to 36 (either case), or 99 for anything else.
static inline int digit_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    return c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
}

// The ValueError of int(str) past the digit limit (it counts digits, not underscores).
KAA_NORETURN static void raise_parse_limit(size_t ndigits) {
    kaa_raise_value_error("Exceeds the limit (%d digits) for integer string conversion: value "
                          "has %zu digits; use sys.set_int_max_str_digits() to increase the "
                          "limit",
                          kaa_int_max_str_digits, ndigits);
}

// Reads the base prefix (0x, 0o, 0b) that `base` allows; returns the base to use.
static int read_prefix(const char **pp, const char *end, int base, bool *prefixed) {
    const char *p = *pp;
    *prefixed = false;
    if (end - p >= 2 && p[0] == '0') {
        char c = (char)(p[1] | 0x20);
        int pb = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            *pp = p + 2;
            *prefixed = true;
            return pb;
        }
    }
    return base;
}

// Copies the digits of p[0..end) (underscores only between digits) to out; returns how many,
// or -1 when a character is not a digit of `base` or an underscore is misplaced.
static long collect_digits(const char *p, const char *end, int base, bool prefixed, char *out) {
    long n = 0;
    bool prev_digit = prefixed;  // "0x_1f": one underscore may follow the prefix
    for (; p < end; p++) {
        if (*p == '_') {
            if (!prev_digit) {
                return -1;
            }
            prev_digit = false;
            continue;
        }
        if (digit_value(*p) >= base) {
            return -1;
        }
        out[n++] = *p;
        prev_digit = true;
    }
    return prev_digit && n > 0 ? n : -1;
}

// The value of the digit string d[0..n) in base; d is NUL-terminated.
static KaaValue digits_to_int(const char *d, long n, int base, bool neg) {
    // Most literals fit 64 bits: accumulate until that overflows, then let GMP do it all.
    uint64_t acc = 0;
    long i = 0;
    for (; i < n; i++) {
        if (__builtin_mul_overflow(acc, (uint64_t)base, &acc) ||
            __builtin_add_overflow(acc, (uint64_t)digit_value(d[i]), &acc)) {
            break;
        }
    }
    if (i == n && acc <= (uint64_t)INT64_MAX) {
        return kaa_int_from_i64(neg ? -(int64_t)acc : (int64_t)acc);
    }
    mpz_t r;
    mpz_init(r);
    mpz_set_str(r, d, base);
    if (neg) {
        mpz_neg(r, r);
    }
    return take(r);
}

// Parses s[0..len) as int(s, base) does; KAA_NULL when it is not a valid literal.
static KaaValue parse_int(const char *s, size_t len, int base) {
    const char *p = s, *end = s + len;
    while (p < end && ascii_space(*p)) {
        p++;
    }
    while (end > p && ascii_space(end[-1])) {
        end--;
    }
    bool neg = false, prefixed;
    if (p < end && (*p == '+' || *p == '-')) {
        neg = *p++ == '-';
    }
    // A prefix is optional in its own base ("0x1f" in base 16) and decides base 0.
    base = read_prefix(&p, end, base, &prefixed);
    bool zeros_only = false;
    if (base == 0) {  // no prefix: decimal, where a leading 0 allows only zeros
        base = 10;
        zeros_only = p < end && *p == '0';
    }
    // The digits without underscores, NUL-terminated for mpz_set_str.
    char stackbuf[64];
    size_t cap = (size_t)(end - p) + 1;
    char *digits = cap <= sizeof stackbuf ? stackbuf : kaa_alloc_atomic(cap);
    long n = collect_digits(p, end, base, prefixed, digits);
    if (n < 0) {
        return KAA_NULL;
    }
    digits[n] = 0;
    if (zeros_only && strspn(digits, "0") != (size_t)n) {
        return KAA_NULL;
    }
    // The limit guards against quadratic conversions, which power-of-two bases do not have.
    if ((base & (base - 1)) && kaa_int_max_str_digits && n > kaa_int_max_str_digits) {
        raise_parse_limit((size_t)n);
    }
    return digits_to_int(digits, n, base, neg);
}

// ValueError for int(obj, base), showing at most 200 characters of repr(obj).
KAA_NORETURN static void raise_invalid_literal(int base, KaaValue obj) {
    KaaValue r = kaa_repr(obj);
    if (kaa_str(r)->len > 200) {
        r = kaa_str_substr(r, 0, 200);
    }
    kaa_raise_value_error("invalid literal for int() with base %d: %S", base, r);
}

// Used by the compiler for literals and by C code; errors as int(s, base) gives them.
KaaValue kaa_int_from_string(const char *s, size_t len, int base) {
    KaaValue r = parse_int(s, len, base);
    if (r == KAA_NULL) {
        raise_invalid_literal(base, kaa_str_from_utf8(s, len));
    }
    return r;
}

// Whitespace as str.isspace() sees it.
static bool unicode_space(uint32_t cp) {
    const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
    return p->category == UTF8PROC_CATEGORY_ZS || p->bidi_class == UTF8PROC_BIDI_CLASS_WS ||
           p->bidi_class == UTF8PROC_BIDI_CLASS_B || p->bidi_class == UTF8PROC_BIDI_CLASS_S;
}

// The value of a decimal digit (category Nd), or -1. Unicode keeps each script's digits in
// runs of ten consecutive code points starting at zero, so the value is the offset in its run.
static int unicode_decimal(uint32_t cp) {
    if (utf8proc_category((utf8proc_int32_t)cp) != UTF8PROC_CATEGORY_ND) {
        return -1;
    }
    uint32_t start = cp;
    while (start > 0 && utf8proc_category((utf8proc_int32_t)(start - 1)) == UTF8PROC_CATEGORY_ND) {
        start--;
    }
    return (int)((cp - start) % 10);
}

// The ASCII form of a str for number parsing: Unicode spaces become ' ', decimal digits of
// any script become '0'..'9', and any other non-ASCII character becomes '\x01' (invalid).
// Shared with float.c and complex.c through kaa_number_ascii (objects.h).
const char *kaa_number_ascii(KaaValue s, size_t *len) {
    KaaStr *st = kaa_str(s);
    *len = st->len;
    if (st->ascii && !st->external) {
        return (const char *)st->data;
    }
    char *out = kaa_alloc_atomic(st->len + 1);
    for (size_t i = 0; i < st->len; i++) {
        uint32_t cp = kaa_str_char(st, i);
        int d;
        if (cp < 128) {
            out[i] = (char)cp;
        } else if (unicode_space(cp)) {
            out[i] = ' ';
        } else if ((d = unicode_decimal(cp)) >= 0) {
            out[i] = (char)('0' + d);
        } else {
            out[i] = '\x01';
        }
    }
    out[st->len] = 0;
    return out;
}

// int(text, base) for str, bytes and bytearray objects (and buffers when base is implicit).
static KaaValue int_from_text(KaaValue obj, int base) {
    const char *s;
    size_t len;
    if (kaa_is_str(obj)) {
        s = kaa_number_ascii(obj, &len);
    } else if (!kaa_buffer_get(obj, (const uint8_t **)&s, &len)) {
        return KAA_NULL;
    }
    KaaValue r = parse_int(s, len, base);
    if (r == KAA_NULL) {
        raise_invalid_literal(base, obj);
    }
    return r;
}

// ---- binary operators --------------------------------------------------------------------------

#define BOTH_INTS(a, b) (kaa_is_int_like(a) && kaa_is_int_like(b))

// GMP aborts the process on integers past 2^37 bits; raise MemoryError before that.
static void check_bits(uint64_t bits) {
    if (bits > MAX_BITS) {
        kaa_raise_memory();
    }
}

typedef void (*MpzBinary)(mpz_ptr, mpz_srcptr, mpz_srcptr);

// op(a, b) for int-like operands, computed by GMP straight into a result with room for
// `extra` limbs more than the larger operand (or than both together when `sum`).
static KaaValue gmp_binary(KaaValue a, KaaValue b, MpzBinary op, size_t extra, bool sum) {
    ZView ta, tb;
    mpz_srcptr za = zview(a, &ta), zb = zview(b, &tb);
    size_t na = mpz_size(za), nb = mpz_size(zb);
    KaaInt *o = alloc_int((sum ? na + nb : na > nb ? na : nb) + extra);
    op(o->z, za, zb);
    return finish(o);
}

// a + b. The VM adds immediates inline; this slot sees overflow, heap ints and bools.
static KaaValue int_add(KaaValue a, KaaValue b) {
    int64_t x, y, r;
    if (i64_of(a, &x) && i64_of(b, &y) && !__builtin_add_overflow(x, y, &r)) {
        return kaa_int_from_i64(r);
    }
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    return gmp_binary(a, b, mpz_add, 1, false);
}

// a - b.
static KaaValue int_sub(KaaValue a, KaaValue b) {
    int64_t x, y, r;
    if (i64_of(a, &x) && i64_of(b, &y) && !__builtin_sub_overflow(x, y, &r)) {
        return kaa_int_from_i64(r);
    }
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    return gmp_binary(a, b, mpz_sub, 1, false);
}

// a * b.
static KaaValue int_mul(KaaValue a, KaaValue b) {
    int64_t x, y, r;
    if (i64_of(a, &x) && i64_of(b, &y) && !__builtin_mul_overflow(x, y, &r)) {
        return kaa_int_from_i64(r);
    }
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    check_bits(bit_length(a) + bit_length(b));
    return gmp_binary(a, b, mpz_mul, 0, true);
}

// ZeroDivisionError with the message of the operation (each has its own in CPython).
static void check_divisor(KaaValue b, const char *msg) {
    if (kaa_int_sign(b) == 0) {
        kaa_raise_zero_division(msg);
    }
}

// Both operands as int64 for a division (the one overflowing case, MIN / -1, excluded).
static inline bool i64_div_operands(KaaValue a, KaaValue b, int64_t *x, int64_t *y) {
    return i64_of(a, x) && i64_of(b, y) && !(*x == INT64_MIN && *y == -1);
}

// a // b: rounds toward minus infinity, so the remainder takes the divisor's sign.
static KaaValue int_floordiv(KaaValue a, KaaValue b) {
    int64_t x, y;
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    check_divisor(b, "integer division or modulo by zero");
    if (i64_div_operands(a, b, &x, &y)) {
        int64_t q = x / y;
        if (x % y != 0 && ((x < 0) != (y < 0))) {
            q--;
        }
        return kaa_int_from_i64(q);
    }
    ZView ta, tb;
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_q(r, zview(a, &ta), zview(b, &tb));
    return take(r);
}

// a % b: the result has the sign of b (or is 0).
static KaaValue int_mod(KaaValue a, KaaValue b) {
    int64_t x, y;
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    check_divisor(b, "integer modulo by zero");
    if (i64_div_operands(a, b, &x, &y)) {
        int64_t m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) {
            m += y;
        }
        return kaa_int_from_i64(m);
    }
    ZView ta, tb;
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_r(r, zview(a, &ta), zview(b, &tb));
    return take(r);
}

// divmod(a, b) for ints, or NotImplemented.
static KaaValue int_divmod(KaaValue a, KaaValue b) {
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    check_divisor(b, "integer division or modulo by zero");
    int64_t x, y;
    KaaValue qv, rv;
    if (i64_div_operands(a, b, &x, &y)) {
        int64_t q = x / y, m = x % y;
        if (m != 0 && ((m < 0) != (y < 0))) {
            q--;
            m += y;
        }
        qv = kaa_int_from_i64(q);
        rv = kaa_int_from_i64(m);
    } else {
        ZView ta, tb;
        mpz_t q, r;
        mpz_init(q);
        mpz_init(r);
        mpz_fdiv_qr(q, r, zview(a, &ta), zview(b, &tb));
        qv = take(q);
        rv = take(r);
    }
    return kaa_from_obj(kaa_tuple_pack(2, qv, rv));
}

// a / b for large operands: the quotient scaled to 55 or 56 bits, then rounded once.
static double big_truediv(mpz_srcptr a, mpz_srcptr b) {
    long diff = (long)mpz_sizeinbase(a, 2) - (long)mpz_sizeinbase(b, 2);
    if (mpz_sgn(a) == 0 || diff < DBL_MIN_EXP - DBL_MANT_DIG - 3) {
        return 0.0;  // below a quarter of the smallest subnormal
    }
    if (diff > DBL_MAX_EXP + 1) {
        return HUGE_VAL;
    }
    long s = 55 - diff;  // a * 2^s / b lies in [2^54, 2^56)
    mpz_t n, d, q, r;
    mpz_init(n);
    mpz_init(d);
    mpz_init(q);
    mpz_init(r);
    mpz_abs(n, a);
    mpz_abs(d, b);
    if (s > 0) {
        mpz_mul_2exp(n, n, (mp_bitcnt_t)s);
    } else {
        mpz_mul_2exp(d, d, (mp_bitcnt_t)-s);
    }
    mpz_tdiv_qr(q, r, n, d);
    uint64_t qv = mpz_getlimbn(q, 0);
    int qbits = 64 - __builtin_clzll(qv);
    return round_to_double(qv, qbits, mpz_sgn(r) != 0, -s);
}

// a / b: correctly rounded even when the operands do not fit a double.
static KaaValue int_truediv(KaaValue a, KaaValue b) {
    int64_t x, y;
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    check_divisor(b, "division by zero");
    const int64_t exact = (int64_t)1 << DBL_MANT_DIG;
    if (i64_of(a, &x) && i64_of(b, &y) && x <= exact && x >= -exact && y <= exact &&
        y >= -exact) {
        return kaa_from_float((double)x / (double)y);  // both exact: one rounding
    }
    ZView ta, tb;
    mpz_srcptr za = zview(a, &ta), zb = zview(b, &tb);
    double d = big_truediv(za, zb);
    if (isinf(d)) {
        kaa_raise_overflow("integer division result too large for a float");
    }
    return kaa_from_float((mpz_sgn(za) < 0) != (mpz_sgn(zb) < 0) ? -d : d);
}

// Whether an int-like value is odd (for (-1) ** n).
static bool is_odd(KaaValue v) {
    return kaa_is_int(v) ? (kaa_int_val(v) & 1) != 0 : mpz_odd_p(heap_z(v));
}

// base ** e for e >= 0 that fits, with small operands: repeated squaring while it fits.
static bool small_pow(int64_t base, uint64_t e, int64_t *out) {
    int64_t r = 1;
    while (e) {
        if ((e & 1) && __builtin_mul_overflow(r, base, &r)) {
            return false;
        }
        e >>= 1;
        if (e && __builtin_mul_overflow(base, base, &base)) {
            return false;
        }
    }
    *out = r;
    return true;
}

// a ** b. A negative exponent gives a float (0 ** -1 raises ZeroDivisionError there).
static KaaValue int_pow(KaaValue a, KaaValue b) {
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    if (kaa_int_sign(b) < 0) {  // a negative exponent gives a float, as float ** float does
        // Both converted first, so 10**400 ** -1 raises OverflowError like CPython.
        KaaValue fa = kaa_from_float(kaa_int_as_double(a));
        return kaa_binary_op(fa, kaa_from_float(kaa_int_as_double(b)), KAA_OP_POW);
    }
    int64_t x, e, r;
    if (small_of(a, &x) && (x == 0 || x == 1 || x == -1)) {
        if (x == 0) {
            return kaa_from_small(kaa_int_sign(b) == 0);
        }
        return kaa_from_small(x == 1 || !is_odd(b) ? 1 : -1);
    }
    // Any other base grows by at least a bit per unit of exponent.
    if (!kaa_int_to_i64(b, &e) || (uint64_t)e > MAX_BITS) {
        kaa_raise_memory();
    }
    if (i64_of(a, &x) && small_pow(x, (uint64_t)e, &r)) {
        return kaa_int_from_i64(r);
    }
    check_bits(bit_length(a) * (uint64_t)e);
    ZView ta;
    mpz_t z;
    mpz_init(z);
    mpz_pow_ui(z, zview(a, &ta), (unsigned long)e);
    return take(z);
}

// pow(a, b, m): a negative exponent takes the modular inverse; the result has m's sign.
static KaaValue int_power3(KaaValue a, KaaValue b, KaaValue m) {
    if (m == kaa_None) {
        return int_pow(a, b);
    }
    if (!BOTH_INTS(a, b) || !kaa_is_int_like(m)) {
        return kaa_NotImplemented;
    }
    if (kaa_int_sign(m) == 0) {
        kaa_raise_value_error("pow() 3rd argument cannot be 0");
    }
    ZView ta, tb, tm;
    mpz_t mod, base, r;
    mpz_init(mod);
    mpz_init(base);
    mpz_init(r);
    mpz_abs(mod, zview(m, &tm));
    mpz_set(base, zview(a, &ta));
    mpz_srcptr e = zview(b, &tb);
    if (mpz_cmp_ui(mod, 1) == 0) {  // everything is 0 mod 1, even an inverse of 0
        return kaa_from_small(0);
    }
    if (mpz_sgn(e) < 0) {
        if (!mpz_invert(base, base, mod)) {
            kaa_raise_value_error("base is not invertible for the given modulus");
        }
        mpz_t ne;
        mpz_init(ne);
        mpz_neg(ne, e);
        mpz_powm(r, base, ne, mod);
    } else {
        mpz_powm(r, base, e, mod);
    }
    if (kaa_int_sign(m) < 0 && mpz_sgn(r) != 0) {
        mpz_sub(r, r, mod);  // into (m, 0]
    }
    return take(r);
}

// The count of a shift: ValueError when negative; *huge when it does not fit 64 bits.
static int64_t shift_count(KaaValue b, bool *huge) {
    if (kaa_int_sign(b) < 0) {
        kaa_raise_value_error("negative shift count");
    }
    int64_t c;
    *huge = !kaa_int_to_i64(b, &c);
    return c;
}

// a << n == a * 2**n.
static KaaValue int_lshift(KaaValue a, KaaValue b) {
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    bool huge;
    int64_t c = shift_count(b, &huge), x;
    if (kaa_int_sign(a) == 0) {
        return kaa_from_small(0);
    }
    if (huge) {
        kaa_raise_overflow("too many digits in integer");
    }
    if (c < 64 && i64_of(a, &x)) {
        int64_t r = (int64_t)((uint64_t)x << c);
        if ((r >> c) == x) {
            return kaa_int_from_i64(r);
        }
    }
    check_bits(bit_length(a) + (uint64_t)c);
    ZView ta;
    mpz_srcptr za = zview(a, &ta);
    KaaInt *o = alloc_int(mpz_size(za) + (size_t)c / 64 + 1);
    mpz_mul_2exp(o->z, za, (mp_bitcnt_t)c);
    return finish(o);
}

// a >> n == a // 2**n (floor, so -1 >> n stays -1).
static KaaValue int_rshift(KaaValue a, KaaValue b) {
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    bool huge;
    int64_t c = shift_count(b, &huge), x;
    if (huge || (uint64_t)c >= bit_length(a)) {
        return kaa_from_small(kaa_int_sign(a) < 0 ? -1 : 0);
    }
    if (i64_of(a, &x)) {
        return kaa_int_from_i64(x >> c);  // arithmetic shift: floor for negatives
    }
    ZView ta;
    mpz_srcptr za = zview(a, &ta);
    KaaInt *o = alloc_int(mpz_size(za) - (size_t)c / 64 + 1);
    mpz_fdiv_q_2exp(o->z, za, (mp_bitcnt_t)c);
    return finish(o);
}

// &, |, ^ with two's-complement semantics (GMP's are).
static KaaValue bitwise(KaaValue a, KaaValue b, int op) {
    int64_t x, y;
    if (i64_of(a, &x) && i64_of(b, &y)) {
        return kaa_int_from_i64(op == KAA_OP_AND ? x & y : op == KAA_OP_OR ? x | y : x ^ y);
    }
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    MpzBinary f = op == KAA_OP_AND ? mpz_and : op == KAA_OP_OR ? mpz_ior : mpz_xor;
    return gmp_binary(a, b, f, 1, false);
}

// The &, | and ^ slots.
static KaaValue int_and(KaaValue a, KaaValue b) { return bitwise(a, b, KAA_OP_AND); }
static KaaValue int_or(KaaValue a, KaaValue b) { return bitwise(a, b, KAA_OP_OR); }
static KaaValue int_xor(KaaValue a, KaaValue b) { return bitwise(a, b, KAA_OP_XOR); }

// ---- comparison and unary operators ------------------------------------------------------------

// The bool for a three-way comparison result c under the rich comparison op.
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

// Compares ints only: int == float returns NotImplemented here and float.c decides.
static KaaValue int_richcompare(KaaValue a, KaaValue b, int op) {
    int64_t x, y;
    if (i64_of(a, &x) && i64_of(b, &y)) {
        return cmp_result((x > y) - (x < y), op);
    }
    if (!BOTH_INTS(a, b)) {
        return kaa_NotImplemented;
    }
    ZView ta, tb;
    return cmp_result(mpz_cmp(zview(a, &ta), zview(b, &tb)), op);
}

// -v (always an exact int, for subclasses too).
static KaaValue int_neg(KaaValue v) {
    int64_t x;
    if (i64_of(v, &x) && x != INT64_MIN) {
        return kaa_int_from_i64(-x);
    }
    ZView t;
    mpz_srcptr z = zview(v, &t);
    KaaInt *o = alloc_int(mpz_size(z));
    mpz_neg(o->z, z);
    return finish(o);
}

// abs(v).
static KaaValue int_abs(KaaValue v) { return kaa_int_sign(v) < 0 ? int_neg(v) : exact_int(v); }

// ~v == -v - 1.
static KaaValue int_invert(KaaValue v) {
    int64_t x;
    if (i64_of(v, &x)) {
        return kaa_int_from_i64(~x);
    }
    ZView t;
    mpz_srcptr z = zview(v, &t);
    KaaInt *o = alloc_int(mpz_size(z) + 1);
    mpz_com(o->z, z);
    return finish(o);
}

// bool(v): nonzero.
static int int_truth(KaaValue v) { return kaa_int_sign(v) != 0; }

// The __float__ slot: float(v), correctly rounded.
static KaaValue int_to_float(KaaValue v) { return kaa_from_float(kaa_int_as_double(v)); }

// The exact int of what __int__/__index__ returned; TypeError for anything else.
static KaaValue check_int_result(KaaValue r, const char *what) {
    if (kaa_is_int_like(r)) {
        return exact_int(r);
    }
    kaa_raise_type_error("%s returned non-int (type %s)", what, kaa_type_name_of(r));
}

// operator.index(v): the exact int (as CPython 3.11, index(True) is 1). kaa_index and
// kaa_index_i64 live in abstract.c; this one is int.c's own, for its argument conversions.
static KaaValue index_exact(KaaValue v) {
    if (KAA_LIKELY(kaa_is_int(v))) {
        return v;
    }
    if (is_heap_int(v)) {
        return exact_int(v);
    }
    KaaType *t = kaa_type_of(v);
    if (!t->index) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(v));
    }
    return check_int_result(t->index(v), "__index__");
}

// ---- int() and bool() --------------------------------------------------------------------------

// int(x) for one argument: __int__, __index__, __trunc__, then text.
static KaaValue int_from_object(KaaValue x) {
    if (kaa_is_int_like(x)) {
        return exact_int(x);
    }
    KaaType *t = kaa_type_of(x);
    // CPython's order: __int__, __index__, __trunc__ (deprecated but still used), then text.
    if (t->to_int) {
        return check_int_result(t->to_int(x), "__int__");
    }
    if (t->index) {
        return check_int_result(t->index(x), "__index__");
    }
    KaaValue trunc = kaa_lookup_special(x, KAA_ID(__trunc__));
    if (trunc) {
        KaaValue r = kaa_call0(trunc);
        if (kaa_is_int_like(r)) {
            return exact_int(r);
        }
        if (!kaa_type_of(r)->index) {
            kaa_raise_type_error("__trunc__ returned non-Integral (type %s)",
                                 kaa_type_name_of(r));
        }
        return index_exact(r);
    }
    KaaValue r = int_from_text(x, 10);
    if (r == KAA_NULL) {
        kaa_raise_type_error("int() argument must be a string, a bytes-like object or a real "
                             "number, not '%s'",
                             kaa_type_name_of(x));
    }
    return r;
}

// bytearray or a subclass (accepted by int(x, base), unlike other buffers).
static bool is_bytearray(KaaValue v) {
    return kaa_is_obj(v) && kaa_is_subtype(kaa_obj(v)->type, &kaa_bytearray_type);
}

// int(x, base).
static KaaValue int_with_base(KaaValue x, KaaValue base_obj) {
    int64_t base;
    bool fits = kaa_int_to_i64(index_exact(base_obj), &base);
    if (!fits || (base != 0 && (base < 2 || base > 36))) {
        kaa_raise_value_error("int() base must be >= 2 and <= 36, or 0");
    }
    if (!kaa_is_str(x) && !kaa_is_bytes(x) && !is_bytearray(x)) {
        kaa_raise_type_error("int() can't convert non-string with explicit base");
    }
    return int_from_text(x, (int)base);
}

// int(x, /, base=10)'s arguments, with CPython's messages.
static void int_args(KaaValue *args, size_t nargs, KaaTuple *kwnames, KaaValue *a) {
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 2) {
        kaa_raise_type_error("int() takes at most 2 arguments (%zu given)", nargs + nkw);
    }
    a[0] = nargs > 0 ? args[0] : KAA_NULL;
    a[1] = nargs > 1 ? args[1] : KAA_NULL;
    for (size_t k = 0; k < nkw; k++) {
        KaaValue name = kwnames->items[k];
        if (!kaa_str_eq_cstr(name, "base")) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for int()", name);
        }
        if (a[1]) {
            kaa_raise_type_error("argument for int() given by name ('base') and position (2)");
        }
        a[1] = args[nargs + k];
    }
}

// int(), int(x), int(x, base); for a subclass, an instance of it with that value.
static KaaValue int_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue value;
    if (nargs == 1 && !KAA_NKW(kwnames)) {
        value = int_from_object(args[0]);
    } else {
        KaaValue a[2];
        int_args(args, nargs, kwnames, a);
        if (!a[1]) {
            value = a[0] ? int_from_object(a[0]) : kaa_from_small(0);
        } else if (!a[0]) {
            kaa_raise_type_error("int() missing string argument");
        } else {
            value = int_with_base(a[0], a[1]);
        }
    }
    if (type == &kaa_int_type) {
        return value;
    }
    if (kaa_is_subtype(type, &kaa_bool_type)) {  // True and False must stay the only bools
        kaa_raise_type_error("int.__new__(bool) is not safe, use bool.__new__()");
    }
    return subtype_from_int(type, value);
}

// bool(x) is kaa_truthy(x); bool cannot be subclassed, so type is always bool.
static KaaValue bool_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("bool() takes no keyword arguments");
    }
    if (nargs > 1) {
        kaa_raise_type_error("bool expected at most 1 argument, got %zu", nargs);
    }
    return kaa_bool(nargs == 1 && kaa_truthy(args[0]));
}

// ---- methods -----------------------------------------------------------------------------------

// The checks of a method without arguments; name is "int.method" as CPython reports it.
static void no_args(const char *name, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw(name, kw);
    kaa_args_count(name, nargs, 0, 0);
}

// The methods that return the exact int itself (an Integral is its own trunc, floor, ...).
#define EXACT_METHOD(fn, name)                                                                    \
    static KaaValue fn(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {               \
        no_args(name, nargs, kw);                                                                 \
        return exact_int(self);                                                                   \
    }
EXACT_METHOD(int_conjugate, "int.conjugate")
EXACT_METHOD(int_trunc, "int.__trunc__")
EXACT_METHOD(int_floor, "int.__floor__")
EXACT_METHOD(int_ceil, "int.__ceil__")

// The count check of a slot-like method taking one operand (CPython's wrapper message).
static void one_operand(const char *name, size_t nargs, KaaTuple *kw) {
    if (KAA_NKW(kw)) {
        kaa_raise_type_error("wrapper %s() takes no keyword arguments", name);
    }
    if (nargs != 1) {
        kaa_raise_type_error("expected 1 argument, got %zu", nargs);
    }
}

// int.bit_length(): bits of abs(self), without sign or leading zeros.
static KaaValue int_bit_length(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("int.bit_length", nargs, kw);
    return kaa_int_from_u64(bit_length(self));
}

// int.bit_count(): the ones in abs(self).
static KaaValue int_bit_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("int.bit_count", nargs, kw);
    int64_t x;
    if (small_of(self, &x)) {
        return kaa_from_small(__builtin_popcountll(x < 0 ? -(uint64_t)x : (uint64_t)x));
    }
    mpz_srcptr z = heap_z(self);
    return kaa_int_from_u64(mpn_popcount(mpz_limbs_read(z), (mp_size_t)mpz_size(z)));
}

// int.as_integer_ratio(): (self, 1) with self as an exact int.
static KaaValue int_as_integer_ratio(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    no_args("int.as_integer_ratio", nargs, kw);
    return kaa_from_obj(kaa_tuple_pack(2, exact_int(self), kaa_from_small(1)));
}

// int.__getnewargs__(): what pickle and copy pass back to int.__new__.
static KaaValue int_getnewargs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("int.__getnewargs__", nargs, kw);
    return kaa_from_obj(kaa_tuple_pack(1, exact_int(self)));
}

// CPython's size: a 24-byte header and 30-bit digits (at least one).
static KaaValue int_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    no_args("int.__sizeof__", nargs, kw);
    uint64_t digits = (bit_length(self) + 29) / 30;
    return kaa_int_from_u64(24 + 4 * (digits ? digits : 1));
}

// divmod has no slot: int.__divmod__ and __rdivmod__ are plain methods.
static KaaValue int_divmod_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_operand("__divmod__", nargs, kw);
    return int_divmod(self, args[0]);
}

// divmod(other, self), for a left operand whose type gave NotImplemented.
static KaaValue int_rdivmod_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    one_operand("__rdivmod__", nargs, kw);
    return int_divmod(args[0], self);
}

// round(self, -k): to a multiple of 10^k, ties to even.
static KaaValue round_to_tens(KaaValue self, uint64_t k) {
    if (k > bit_length(self)) {  // 10^k > 2 * |self|: everything rounds to 0
        return kaa_from_small(0);
    }
    ZView t;
    mpz_t p, q, r, twice;
    mpz_init(p);
    mpz_init(q);
    mpz_init(r);
    mpz_init(twice);
    mpz_ui_pow_ui(p, 10, (unsigned long)k);
    mpz_fdiv_qr(q, r, zview(self, &t), p);
    // Up when the remainder is over half of 10^k, or exactly half and q is odd.
    mpz_mul_2exp(twice, r, 1);
    int c = mpz_cmp(twice, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) {
        mpz_add_ui(q, q, 1);
    }
    mpz_mul(q, q, p);
    return take(q);
}

// int.__round__(ndigits): self for ndigits >= 0, else rounded to a multiple of 10.
static KaaValue int_round(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("int.__round__", kw);
    kaa_args_count("__round__", nargs, 0, 1);
    if (nargs == 0) {  // round(x, None) calls __round__() without arguments
        return exact_int(self);
    }
    KaaValue nd = index_exact(args[0]);
    if (kaa_int_sign(nd) >= 0) {
        return exact_int(self);
    }
    int64_t n;
    if (!kaa_int_to_i64(nd, &n)) {
        return kaa_from_small(0);
    }
    return round_to_tens(self, (uint64_t)0 - (uint64_t)n);
}

// int.__format__(spec): str(self) for an empty spec (so subclasses' __str__ shows),
// otherwise format.c formats the value (never calling back into __format__; its error
// messages name self's type, 'bool' included).
static KaaValue int_format(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("int.__format__", kw);
    kaa_args_count("int.__format__", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("__format__() argument must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    return kaa_format_int(self, args[0]);
}

// "little" or "big" as a bool (true: little-endian).
static bool byteorder_little(KaaValue order, const char *fname) {
    if (!order) {
        return false;
    }
    if (!kaa_is_str(order)) {
        kaa_raise_type_error("%s() argument 'byteorder' must be str, not %s", fname,
                             kaa_argtype_name(order));
    }
    if (kaa_str_eq_cstr(order, "little")) {
        return true;
    }
    if (kaa_str_eq_cstr(order, "big")) {
        return false;
    }
    kaa_raise_value_error("byteorder must be either 'little' or 'big'");
}

// The two's-complement bytes of z (length n), big-endian, into out; false when it does not fit.
static bool export_bytes(mpz_srcptr z, size_t n, bool is_signed, uint8_t *out) {
    // A negative value is stored as 2^(8n) + z, which must then have its top bit set.
    mpz_t v;
    mpz_init_set(v, z);
    if (mpz_sgn(v) < 0) {
        if (!is_signed) {
            kaa_raise_overflow("can't convert negative int to unsigned");
        }
        mpz_t m;
        mpz_init(m);
        mpz_setbit(m, 8 * n);
        mpz_add(v, v, m);  // 2^(8n) + z
        if (mpz_sgn(v) < 0 || (n > 0 && !mpz_tstbit(v, 8 * n - 1))) {
            return false;
        }
    } else if (is_signed && mpz_sgn(v) > 0 && mpz_sizeinbase(v, 2) >= 8 * n) {
        return false;
    }
    if (mpz_sgn(v) != 0 && mpz_sizeinbase(v, 256) > n) {
        return false;
    }
    memset(out, 0, n);
    size_t count = 0;
    if (mpz_sgn(v) != 0) {
        uint8_t *tmp = kaa_alloc_atomic(n);
        mpz_export(tmp, &count, 1, 1, 1, 0, v);
        memcpy(out + n - count, tmp, count);
    }
    return true;
}

// int.to_bytes(length=1, byteorder='big', *, signed=False) (3.11 defaults).
static KaaValue int_to_bytes(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"length", "byteorder", "*", "signed", NULL};
    KaaValue a[3] = {0};
    kaa_args_bind("to_bytes", args, nargs, kw, params, 0, 0, a);
    int64_t n = 1;
    if (a[0] && !kaa_int_to_i64(index_exact(a[0]), &n)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    if (n < 0) {
        kaa_raise_value_error("length argument must be non-negative");
    }
    bool little = byteorder_little(a[1], "to_bytes");
    bool is_signed = a[2] && kaa_truthy(a[2]);
    KaaValue out = kaa_bytes_new_raw((size_t)n);
    uint8_t *data = kaa_bytes(out)->data;
    ZView t;
    if (!export_bytes(zview(self, &t), (size_t)n, is_signed, data)) {
        kaa_raise_overflow("int too big to convert");
    }
    for (int64_t i = 0; little && i < n / 2; i++) {
        uint8_t c = data[i];
        data[i] = data[n - 1 - i];
        data[n - 1 - i] = c;
    }
    return out;
}

// bytes(x) as int.from_bytes takes it: __bytes__, or an iterable of ints other than str.
static KaaValue object_to_bytes(KaaValue x) {
    KaaValue meth = kaa_lookup_special(x, KAA_ID(__bytes__));
    if (meth) {
        return kaa_call0(meth);
    }
    KaaType *t = kaa_type_of(x);
    if (kaa_is_str(x) || (!t->iter && !t->getitem)) {
        kaa_raise_type_error("cannot convert '%s' object to bytes", kaa_type_name_of(x));
    }
    return kaa_call1(kaa_from_obj(&kaa_bytes_type), x);  // bytes(iterable)
}

// int.from_bytes(bytes, byteorder='big', *, signed=False), a classmethod: a subclass
// receives cls(value).
static KaaValue int_from_bytes(KaaValue cls, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"bytes", "byteorder", "*", "signed", NULL};
    KaaValue a[3] = {0};
    kaa_args_bind("from_bytes", args, nargs, kw, params, 0, 1, a);
    bool little = byteorder_little(a[1], "from_bytes");
    bool is_signed = a[2] && kaa_truthy(a[2]);
    const uint8_t *data;
    size_t n;
    if (!kaa_buffer_get(a[0], &data, &n)) {
        kaa_buffer_get(object_to_bytes(a[0]), &data, &n);
    }
    mpz_t r;
    mpz_init(r);
    mpz_import(r, n, little ? -1 : 1, 1, 1, 0, data);
    // Signed and the top bit set: the value is negative, the bytes are 2^(8n) + value.
    if (is_signed && n > 0 && (data[little ? n - 1 : 0] & 0x80)) {
        mpz_t m;
        mpz_init(m);
        mpz_setbit(m, 8 * n);
        mpz_sub(r, r, m);
    }
    KaaValue v = take(r);
    return kaa_obj(cls) == (KaaObject *)&kaa_int_type ? v : kaa_call1(cls, v);
}

// The getsets real and numerator (self as an exact int), imag (0) and denominator (1).
static KaaValue int_get_self(KaaValue self) { return exact_int(self); }
static KaaValue int_get_zero(KaaValue self) { return kaa_from_small(0); }
static KaaValue int_get_one(KaaValue self) { return kaa_from_small(1); }

static const KaaMethodDef int_methods[] = {
    {"conjugate", int_conjugate, 0, "Returns self, the complex conjugate of any int."},
    {"bit_length", int_bit_length, 0, "Number of bits necessary to represent self in binary."},
    {"bit_count", int_bit_count, 0, "Number of ones in the binary representation of abs(self)."},
    {"to_bytes", int_to_bytes, 0, "Return an array of bytes representing an integer."},
    {"from_bytes", int_from_bytes, KAA_METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {"as_integer_ratio", int_as_integer_ratio, 0, "Return integer ratio."},
    {"__trunc__", int_trunc, 0, "Truncating an Integral returns itself."},
    {"__floor__", int_floor, 0, "Flooring an Integral returns itself."},
    {"__ceil__", int_ceil, 0, "Ceiling of an Integral returns itself."},
    {"__round__", int_round, 0, "Rounding an Integral returns itself."},
    {"__getnewargs__", int_getnewargs, 0, NULL},
    {"__format__", int_format, 0, NULL},
    {"__sizeof__", int_sizeof, 0, "Returns size in memory, in bytes."},
    {"__divmod__", int_divmod_method, 0, "Return divmod(self, value)."},
    {"__rdivmod__", int_rdivmod_method, 0, "Return divmod(value, self)."},
    {NULL},
};

static const KaaGetSetDef int_getsets[] = {
    {"real", int_get_self, NULL, "the real part of a complex number"},
    {"imag", int_get_zero, NULL, "the imaginary part of a complex number"},
    {"numerator", int_get_self, NULL, "the numerator of a rational number in lowest terms"},
    {"denominator", int_get_one, NULL, "the denominator of a rational number in lowest terms"},
    {NULL},
};

KaaType kaa_int_type = {
    .ob = {&kaa_type_type},
    .name = "int",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_INT_SUBCLASS,
    .instance_size = sizeof(KaaInt),
    .repr = int_repr,
    .hash = int_hash,
    .richcompare = int_richcompare,
    .binary = {
        [KAA_OP_ADD] = int_add, [KAA_OP_AND] = int_and, [KAA_OP_FLOORDIV] = int_floordiv,
        [KAA_OP_LSHIFT] = int_lshift, [KAA_OP_MUL] = int_mul, [KAA_OP_MOD] = int_mod,
        [KAA_OP_OR] = int_or, [KAA_OP_POW] = int_pow, [KAA_OP_RSHIFT] = int_rshift,
        [KAA_OP_SUB] = int_sub, [KAA_OP_TRUEDIV] = int_truediv, [KAA_OP_XOR] = int_xor,
    },
    .power3 = int_power3,
    .neg = int_neg,
    .pos = exact_int,
    .abs = int_abs,
    .invert = int_invert,
    .truth = int_truth,
    .to_int = exact_int,
    .to_float = int_to_float,
    .index = exact_int,
    .new_ = int_new,
    .methods = int_methods,
    .getsets = int_getsets,
};

// ---- bool --------------------------------------------------------------------------------------

// repr(True) is 'True'; the two names are made once.
static KaaValue bool_repr(KaaValue v) {
    static KaaValue names[2];  // interned once; static data is a collector root
    bool t = v == kaa_True;
    if (!names[t]) {
        names[t] = kaa_str_intern_cstr(t ? "True" : "False");
    }
    return names[t];
}

// &, |, ^ of two bools is a bool; anything else is int arithmetic.
static KaaValue bool_bitwise(KaaValue a, KaaValue b, int op) {
    if (kaa_is_type(a, &kaa_bool_type) && kaa_is_type(b, &kaa_bool_type)) {
        bool x = a == kaa_True, y = b == kaa_True;
        return kaa_bool(op == KAA_OP_AND ? x & y : op == KAA_OP_OR ? x | y : x ^ y);
    }
    return bitwise(a, b, op);
}

// The &, | and ^ slots of bool.
static KaaValue bool_and(KaaValue a, KaaValue b) { return bool_bitwise(a, b, KAA_OP_AND); }
static KaaValue bool_or(KaaValue a, KaaValue b) { return bool_bitwise(a, b, KAA_OP_OR); }
static KaaValue bool_xor(KaaValue a, KaaValue b) { return bool_bitwise(a, b, KAA_OP_XOR); }

// Not BASETYPE: `class B(bool)` fails with "type 'bool' is not an acceptable base type".
KaaType kaa_bool_type = {
    .ob = {&kaa_type_type},
    .name = "bool",
    .base = &kaa_int_type,
    .flags = KAA_TPFLAG_INT_SUBCLASS,
    .instance_size = sizeof(KaaInt),
    .repr = bool_repr,
    .binary = {[KAA_OP_AND] = bool_and, [KAA_OP_OR] = bool_or, [KAA_OP_XOR] = bool_xor},
    .new_ = bool_new,
};
