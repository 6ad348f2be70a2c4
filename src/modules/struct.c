// modules/struct.c — the _struct module: packing values into bytes and back (struct.Struct,
// pack, unpack, pack_into, unpack_from, iter_unpack, calcsize, struct.error).
//
// Stage: modules. A format is parsed once into a list of codes with their offsets; packing
// and unpacking walk that list. Sizes, alignment and the semantics of each code follow
// CPython 3.11, including its quirks: '<' and '=' on a little-endian machine use the native
// packers for the codes whose sizes agree (so '<h' and '@h' share their error messages while
// '>h' has its own), native 'f' does not check for overflow, and an OverflowError while
// packing an int becomes struct.error "int too large to convert".
// Must not: depend on the host being little-endian for anything but the native byte order.
#include <float.h>
#include <math.h>

#include "modules/nummods.h"

#define HOST_LITTLE (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

// ---- the format tables --------------------------------------------------------------------------

enum { K_PAD, K_CHAR, K_BOOL, K_INT, K_HALF, K_FLOAT_NATIVE, K_FLOAT, K_DOUBLE, K_STR, K_PASCAL };
// How an int is converted before its range check (CPython's get_long, get_ulong, ...).
enum { I_LONG, I_ULONG, I_BYTES, I_VOIDP };

typedef struct {
    char code;
    uint8_t size, align;
    uint8_t kind, ikind;
    bool range;             // check against the range of `size` bytes
    const char *range_msg;  // the message, or NULL for "'c' format requires lo <= number <= hi"
} FormatDef;

#define BYTE_MSG "byte format requires -128 <= number <= 127"
#define UBYTE_MSG "ubyte format requires 0 <= number <= 255"
#define SHORT_MSG "short format requires -32768 <= number <= 32767"
#define USHORT_MSG "ushort format requires 0 <= number <= 65535"

// Native sizes and alignment ('@').
static const FormatDef native_table[] = {
    {'x', 1, 1, K_PAD, 0, false, NULL},         {'c', 1, 1, K_CHAR, 0, false, NULL},
    {'b', 1, 1, K_INT, I_LONG, true, BYTE_MSG}, {'B', 1, 1, K_INT, I_LONG, true, UBYTE_MSG},
    {'?', 1, 1, K_BOOL, 0, false, NULL},        {'h', 2, 2, K_INT, I_LONG, true, SHORT_MSG},
    {'H', 2, 2, K_INT, I_LONG, true, USHORT_MSG}, {'i', 4, 4, K_INT, I_LONG, true, NULL},
    {'I', 4, 4, K_INT, I_ULONG, true, NULL},    {'l', 8, 8, K_INT, I_LONG, false, NULL},
    {'L', 8, 8, K_INT, I_ULONG, false, NULL},   {'q', 8, 8, K_INT, I_LONG, false, NULL},
    {'Q', 8, 8, K_INT, I_ULONG, false, NULL},   {'n', 8, 8, K_INT, I_LONG, false, NULL},
    {'N', 8, 8, K_INT, I_ULONG, false, NULL},   {'e', 2, 2, K_HALF, 0, false, NULL},
    {'f', 4, 4, K_FLOAT_NATIVE, 0, false, NULL}, {'d', 8, 8, K_DOUBLE, 0, false, NULL},
    {'s', 1, 1, K_STR, 0, false, NULL},         {'p', 1, 1, K_PASCAL, 0, false, NULL},
    {'P', 8, 8, K_INT, I_VOIDP, false, NULL},   {0},
};

// Standard sizes in the host's byte order: CPython swaps in the native packers wherever the
// sizes agree, so only 'l' and 'L' (4 bytes here, 8 natively) keep the standard messages.
static const FormatDef host_order_table[] = {
    {'x', 1, 0, K_PAD, 0, false, NULL},         {'c', 1, 0, K_CHAR, 0, false, NULL},
    {'b', 1, 0, K_INT, I_LONG, true, BYTE_MSG}, {'B', 1, 0, K_INT, I_LONG, true, UBYTE_MSG},
    {'?', 1, 0, K_BOOL, 0, false, NULL},        {'h', 2, 0, K_INT, I_LONG, true, SHORT_MSG},
    {'H', 2, 0, K_INT, I_LONG, true, USHORT_MSG}, {'i', 4, 0, K_INT, I_LONG, true, NULL},
    {'I', 4, 0, K_INT, I_ULONG, true, NULL},    {'l', 4, 0, K_INT, I_LONG, true, NULL},
    {'L', 4, 0, K_INT, I_ULONG, true, NULL},    {'q', 8, 0, K_INT, I_LONG, false, NULL},
    {'Q', 8, 0, K_INT, I_ULONG, false, NULL},   {'e', 2, 0, K_HALF, 0, false, NULL},
    {'f', 4, 0, K_FLOAT, 0, false, NULL},       {'d', 8, 0, K_DOUBLE, 0, false, NULL},
    {'s', 1, 0, K_STR, 0, false, NULL},         {'p', 1, 0, K_PASCAL, 0, false, NULL},
    {0},
};

// Standard sizes in the other byte order: CPython's own portable packers.
static const FormatDef other_order_table[] = {
    {'x', 1, 0, K_PAD, 0, false, NULL},         {'c', 1, 0, K_CHAR, 0, false, NULL},
    {'b', 1, 0, K_INT, I_LONG, true, BYTE_MSG}, {'B', 1, 0, K_INT, I_LONG, true, UBYTE_MSG},
    {'?', 1, 0, K_BOOL, 0, false, NULL},        {'h', 2, 0, K_INT, I_LONG, true, NULL},
    {'H', 2, 0, K_INT, I_ULONG, true, NULL},    {'i', 4, 0, K_INT, I_LONG, true, NULL},
    {'I', 4, 0, K_INT, I_ULONG, true, NULL},    {'l', 4, 0, K_INT, I_LONG, true, NULL},
    {'L', 4, 0, K_INT, I_ULONG, true, NULL},    {'q', 8, 0, K_INT, I_BYTES, false, NULL},
    {'Q', 8, 0, K_INT, I_BYTES, false, NULL},   {'e', 2, 0, K_HALF, 0, false, NULL},
    {'f', 4, 0, K_FLOAT, 0, false, NULL},       {'d', 8, 0, K_DOUBLE, 0, false, NULL},
    {'s', 1, 0, K_STR, 0, false, NULL},         {'p', 1, 0, K_PASCAL, 0, false, NULL},
    {0},
};

// One parsed code: `count` items of `def` starting at byte `offset` (for 's' and 'p',
// one item of `count` bytes).
typedef struct {
    const FormatDef *def;
    int64_t offset, count;
} Code;

typedef struct {
    KaaObject ob;
    KaaValue format;  // str
    int64_t size;     // bytes packed
    int64_t nitems;   // values pack takes and unpack gives
    int64_t ncodes;
    bool big;         // byte order of the standard codes
    Code *codes;
    KaaValue weakreflist;
} KaaStruct;

KaaType kaa_struct_type, kaa_struct_iter_type;
static KaaType *struct_error;

static KaaStruct *st(KaaValue v) { return (KaaStruct *)kaa_obj(v); }

KAA_NORETURN static void struct_fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    KaaValue msg = kaa_str_vprintf(fmt, ap);
    va_end(ap);
    kaa_raise(kaa_exc_new_msg(struct_error, msg));
}

// ---- parsing ------------------------------------------------------------------------------------

static const FormatDef *lookup(const FormatDef *table, char c) {
    for (const FormatDef *d = table; d->code; d++) {
        if (d->code == c) {
            return d;
        }
    }
    struct_fail("bad char in struct format");
}

// The table the first character selects (and consumes): '@' or none native; '<' little;
// '>' and '!' big; '=' the host's order with standard sizes.
static const FormatDef *choose_table(const char **fmt, bool *big) {
    *big = !HOST_LITTLE;
    switch (**fmt) {
    case '<': (*fmt)++; *big = false; return HOST_LITTLE ? host_order_table : other_order_table;
    case '>':
    case '!': (*fmt)++; *big = true; return HOST_LITTLE ? other_order_table : host_order_table;
    case '=': (*fmt)++; return host_order_table;
    case '@': (*fmt)++; return native_table;
    default: return native_table;
    }
}

KAA_NORETURN static void too_long(void) { struct_fail("total struct size too long"); }

// A repeat count starting at *p (a digit); leaves *p after it.
static int64_t repeat_count(const char **p) {
    int64_t num = 0;
    while (**p >= '0' && **p <= '9') {
        int d = *(*p)++ - '0';
        if (num > (INT64_MAX - d) / 10) {
            too_long();
        }
        num = num * 10 + d;
    }
    if (**p == 0) {
        struct_fail("repeat count given without format specifier");
    }
    return num;
}

static inline bool fmt_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Parses fmt (ASCII, no NUL inside) into s's codes, size and item count.
static void parse_format(KaaStruct *s, const char *fmt) {
    const FormatDef *table = choose_table(&fmt, &s->big);
    size_t n = strlen(fmt);
    Code *codes = kaa_alloc((n + 1) * sizeof(Code));
    int64_t size = 0, nitems = 0, ncodes = 0;
    for (const char *p = fmt; *p;) {
        if (fmt_space(*p)) {
            p++;
            continue;
        }
        int64_t num = *p >= '0' && *p <= '9' ? repeat_count(&p) : 1;
        const FormatDef *d = lookup(table, *p++);
        if (d->align && size > 0) {  // native alignment: pad up to a multiple of the size
            size += (d->align - 1) - (size - 1) % d->align;
        }
        if (num > (INT64_MAX - size) / d->size) {
            too_long();
        }
        if (d->kind != K_PAD && (num > 0 || d->kind == K_STR || d->kind == K_PASCAL)) {
            codes[ncodes++] = (Code){d, size, num};
            nitems += d->kind == K_STR || d->kind == K_PASCAL ? 1 : num;
        }
        size += num * d->size;
    }
    s->codes = codes;
    s->ncodes = ncodes;
    s->size = size;
    s->nitems = nitems;
}

// The format argument as ASCII text, and its str form for Struct.format.
static const char *format_text(KaaValue fmt, KaaValue *as_str) {
    const char *text;
    size_t len;
    if (kaa_is_str(fmt)) {
        KaaValue b = kaa_str_encode(fmt, kaa_str_from_cstr("ascii"), KAA_NULL);
        text = (const char *)kaa_bytes(b)->data;
        len = kaa_bytes(b)->len;
        *as_str = fmt;
    } else if (kaa_is_bytes(fmt)) {
        text = (const char *)kaa_bytes(fmt)->data;
        len = kaa_bytes(fmt)->len;
        *as_str = kaa_str_from_latin1((const uint8_t *)text, len);
    } else {
        kaa_raise_type_error("Struct() argument 1 must be a str or bytes object, not %s",
                             kaa_argtype_name(fmt));
    }
    if (strlen(text) != len) {
        struct_fail("embedded null character");
    }
    return text;
}

static void struct_setup(KaaStruct *s, KaaValue fmt) {
    KaaValue as_str;
    const char *text = format_text(fmt, &as_str);
    parse_format(s, text);
    s->format = as_str;
}

// ---- integers -----------------------------------------------------------------------------------

// The value as an int: ints as they are, objects with __index__ converted, anything else
// refused (CPython's get_pylong).
static KaaValue int_value(KaaValue v) {
    if (kaa_is_int_like(v)) {
        return v;
    }
    if (kaa_type_of(v)->index != NULL) {
        return kaa_index(v);
    }
    struct_fail("required argument is not an integer");
}

KAA_NORETURN static void range_fail(const FormatDef *d, bool is_unsigned) {
    if (d->range_msg) {
        struct_fail("%s", d->range_msg);
    }
    uint64_t ulargest = d->size == 8 ? UINT64_MAX : ((uint64_t)1 << (8 * d->size)) - 1;
    if (is_unsigned) {
        struct_fail("'%c' format requires 0 <= number <= %llu", d->code,
                    (unsigned long long)ulargest);
    }
    long long largest = (long long)(ulargest >> 1);
    struct_fail("'%c' format requires %lld <= number <= %lld", d->code, ~largest, largest);
}

// The value's two's-complement bits after CPython's checks for this code.
static uint64_t int_bits(const FormatDef *d, KaaValue v) {
    KaaValue i = int_value(v);
    int64_t x;
    bool fits = kaa_int_to_i64(i, &x);
    int sign = kaa_int_sign(i);
    bool is_signed = d->code >= 'a';
    if (d->ikind == I_LONG) {
        if (!fits) {
            struct_fail("argument out of range");
        }
        if (d->range) {
            bool unsigned_range = d->code == 'B' || d->code == 'H';
            int64_t hi = unsigned_range ? (int64_t)(((uint64_t)1 << (8 * d->size)) - 1)
                                        : (int64_t)(((uint64_t)1 << (8 * d->size - 1)) - 1);
            int64_t lo = unsigned_range ? 0 : -hi - 1;
            if (x < lo || x > hi) {
                range_fail(d, false);
            }
        }
        return (uint64_t)x;
    }
    // I_ULONG, I_BYTES (unsigned or signed 8 bytes) and I_VOIDP: 64-bit magnitudes
    bool ok;
    uint64_t u = 0;
    if (fits) {
        u = (uint64_t)x;
        ok = x >= 0 || (is_signed && d->ikind == I_BYTES) || d->ikind == I_VOIDP;
    } else {
        mpz_t z;
        mpz_init(z);
        kaa_int_to_mpz(i, z);
        ok = sign > 0 && mpz_sizeinbase(z, 2) <= 64 && !(is_signed && d->ikind == I_BYTES);
        if (ok) {
            mpz_export(&u, NULL, -1, sizeof u, 0, 0, z);
        }
    }
    if (!ok) {
        if (d->ikind == I_ULONG) {
            struct_fail("argument out of range");
        }
        // An OverflowError from an int: CPython turns it into struct.error (not for objects
        // that only have __index__).
        if (kaa_is_int_like(v)) {
            struct_fail("int too large to convert");
        }
        kaa_raise_overflow(sign < 0 && !is_signed ? "can't convert negative int to unsigned"
                                                  : "int too big to convert");
    }
    if (d->ikind == I_ULONG && d->range && u > ((uint64_t)1 << (8 * d->size)) - 1) {
        range_fail(d, true);
    }
    return u;
}

static void store_bits(uint8_t *p, uint64_t bits, int size, bool big) {
    for (int k = 0; k < size; k++) {
        p[big ? size - 1 - k : k] = (uint8_t)(bits >> (8 * k));
    }
}

static uint64_t load_bits(const uint8_t *p, int size, bool big) {
    uint64_t bits = 0;
    for (int k = 0; k < size; k++) {
        bits |= (uint64_t)p[big ? size - 1 - k : k] << (8 * k);
    }
    return bits;
}

// ---- floats -------------------------------------------------------------------------------------

typedef struct {
    KaaValue v;
    double d;
} FloatConv;

static void float_conv(void *ud) {
    FloatConv *c = ud;
    c->d = kaa_float_of(c->v);
}

// The value as a double; any failure becomes struct.error (as PyFloat_AsDouble's callers do).
static double float_value(KaaValue v) {
    if (kaa_is_float(v)) {
        return kaa_float_val(v);
    }
    if (kaa_is_int(v)) {
        return (double)kaa_int_val(v);
    }
    FloatConv c = {v, 0.0};
    if (kaa_protect(float_conv, &c) != KAA_NULL) {
        struct_fail("required argument is not a float");
    }
    return c.d;
}

KAA_NORETURN static void float_overflow(char code) {
    kaa_raise_overflow("float too large to pack with %c format", code);
}

// IEEE 754 binary16 with round-half-even (CPython's PyFloat_Pack2).
static uint16_t half_bits(double x) {
    unsigned sign = copysign(1.0, x) < 0;
    if (x == 0.0) {
        return (uint16_t)(sign << 15);
    }
    if (isinf(x)) {
        return (uint16_t)((sign << 15) | 0x7c00);
    }
    if (isnan(x)) {
        return (uint16_t)((sign << 15) | 0x7e00);
    }
    int e;
    double f = frexp(fabs(x), &e) * 2.0;  // |x| = f * 2**(e-1), f in [1, 2)
    e--;
    if (e >= 16) {
        float_overflow('e');
    }
    if (e < -25) {  // below half the smallest subnormal: zero
        f = 0.0;
        e = 0;
    } else if (e < -14) {  // subnormal
        f = ldexp(f, 14 + e);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;  // the implicit leading bit
    }
    f *= 1024.0;
    unsigned bits = (unsigned)f;
    if (f - bits > 0.5 || (f - bits == 0.5 && bits % 2 == 1)) {
        if (++bits == 1024) {  // the carry ran out of the mantissa
            bits = 0;
            if (++e == 31) {
                float_overflow('e');
            }
        }
    }
    return (uint16_t)(bits | ((unsigned)e << 10) | (sign << 15));
}

static double half_value(uint16_t h) {
    int sign = h >> 15, e = (h >> 10) & 0x1f;
    unsigned f = h & 0x3ff;
    if (e == 0x1f) {
        return f == 0 ? (sign ? -INFINITY : INFINITY) : (sign ? -NAN : NAN);
    }
    double x = (double)f / 1024.0;
    if (e == 0) {
        e = -14;
    } else {
        x += 1.0;
        e -= 15;
    }
    x = ldexp(x, e);
    return sign ? -x : x;
}

static uint32_t float_bits(double x, bool check) {
    float y = (float)x;
    if (check && isinf(y) && !isinf(x)) {
        float_overflow('f');
    }
    uint32_t b;
    memcpy(&b, &y, 4);
    return b;
}

// ---- packing ------------------------------------------------------------------------------------

// The bytes of an 's' or 'p' argument: bytes or bytearray only.
static void string_arg(KaaValue v, char code, const uint8_t **data, size_t *len) {
    if (kaa_is_bytes(v) || kaa_isinstance_exact_or_sub(v, &kaa_bytearray_type)) {
        kaa_buffer_get(v, data, len);
        return;
    }
    struct_fail("argument for '%c' must be a bytes object", code);
}

static void pack_string(uint8_t *p, const Code *c, KaaValue v) {
    const uint8_t *data;
    size_t len;
    string_arg(v, c->def->code, &data, &len);
    int64_t n = (int64_t)len;
    if (c->def->kind == K_STR) {
        memcpy(p, data, (size_t)(n < c->count ? n : c->count));
        return;
    }
    if (c->count == 0) {
        return;  // "0p" packs nothing
    }
    if (n > c->count - 1) {
        n = c->count - 1;
    }
    memcpy(p + 1, data, (size_t)n);
    p[0] = (uint8_t)(n > 255 ? 255 : n);
}

static void pack_one(uint8_t *p, const FormatDef *d, KaaValue v, bool big) {
    switch (d->kind) {
    case K_INT:
        store_bits(p, int_bits(d, v), d->size, big);
        return;
    case K_BOOL:
        *p = kaa_truthy(v);
        return;
    case K_CHAR:
        if (!kaa_is_bytes(v) || kaa_bytes(v)->len != 1) {
            struct_fail("char format requires a bytes object of length 1");
        }
        *p = kaa_bytes(v)->data[0];
        return;
    case K_HALF:
        store_bits(p, half_bits(float_value(v)), 2, big);
        return;
    case K_FLOAT_NATIVE:
    case K_FLOAT:
        store_bits(p, float_bits(float_value(v), d->kind == K_FLOAT), 4, big);
        return;
    default: {  // K_DOUBLE
        double x = float_value(v);
        uint64_t b;
        memcpy(&b, &x, 8);
        store_bits(p, b, 8, big);
        return;
    }
    }
}

// Packs values[0..s->nitems) into out (s->size bytes, zeroed by the caller).
static void pack_values(KaaStruct *s, uint8_t *out, KaaValue *values) {
    size_t k = 0;
    for (int64_t i = 0; i < s->ncodes; i++) {
        const Code *c = &s->codes[i];
        uint8_t *p = out + c->offset;
        if (c->def->kind == K_STR || c->def->kind == K_PASCAL) {
            pack_string(p, c, values[k++]);
            continue;
        }
        for (int64_t j = 0; j < c->count; j++, p += c->def->size) {
            pack_one(p, c->def, values[k++], s->big);
        }
    }
}

// ---- unpacking ----------------------------------------------------------------------------------

static KaaValue unpack_int(const FormatDef *d, const uint8_t *p, bool big) {
    uint64_t bits = load_bits(p, d->size, big);
    if (d->code >= 'a') {  // signed: extend the sign bit
        int shift = 64 - 8 * d->size;
        return kaa_int_from_i64((int64_t)(bits << shift) >> shift);
    }
    return kaa_int_from_u64(bits);
}

static KaaValue unpack_one(const FormatDef *d, const uint8_t *p, bool big) {
    switch (d->kind) {
    case K_INT: return unpack_int(d, p, big);
    case K_BOOL: return kaa_bool(*p != 0);
    case K_CHAR: return kaa_bytes_new(p, 1);
    case K_HALF: return kaa_from_float(half_value((uint16_t)load_bits(p, 2, big)));
    case K_FLOAT_NATIVE:
    case K_FLOAT: {
        uint32_t bits = (uint32_t)load_bits(p, 4, big);
        float f;
        memcpy(&f, &bits, 4);
        return kaa_from_float(f);
    }
    default: {
        uint64_t bits = load_bits(p, 8, big);
        double x;
        memcpy(&x, &bits, 8);
        return kaa_from_float(x);
    }
    }
}

static KaaValue unpack_string(const Code *c, const uint8_t *p) {
    if (c->def->kind == K_STR) {
        return kaa_bytes_new(p, (size_t)c->count);
    }
    if (c->count == 0) {
        return kaa_bytes_new("", 0);
    }
    int64_t n = p[0];
    if (n >= c->count) {
        n = c->count - 1;
    }
    return kaa_bytes_new(p + 1, (size_t)n);
}

// The tuple of values in data[0..s->size).
static KaaValue unpack_values(KaaStruct *s, const uint8_t *data) {
    KaaTuple *t = kaa_tuple_new((size_t)s->nitems);
    int64_t k = 0;
    for (int64_t i = 0; i < s->ncodes; i++) {
        const Code *c = &s->codes[i];
        const uint8_t *p = data + c->offset;
        if (c->def->kind == K_STR || c->def->kind == K_PASCAL) {
            t->items[k++] = unpack_string(c, p);
            continue;
        }
        for (int64_t j = 0; j < c->count; j++, p += c->def->size) {
            t->items[k++] = unpack_one(c->def, p, s->big);
        }
    }
    return kaa_from_obj(t);
}

// ---- Struct methods -----------------------------------------------------------------------------

static KaaStruct *ready(KaaValue self) {
    KaaStruct *s = st(self);
    if (s->format == KAA_NULL) {
        parse_format(s, "");  // Struct.__new__ without __init__: the empty format
        s->format = kaa_str_from_cstr("");
    }
    return s;
}

static KaaValue do_pack(KaaStruct *s, KaaValue *args, size_t nargs) {
    if ((int64_t)nargs != s->nitems) {
        struct_fail("pack expected %lld items for packing (got %zu)", (long long)s->nitems, nargs);
    }
    KaaValue r = kaa_bytes_new_raw((size_t)s->size);
    uint8_t *out = kaa_bytes(r)->data;
    memset(out, 0, (size_t)s->size);
    pack_values(s, out, args);
    return r;
}

static KaaValue struct_pack(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Struct.pack", kw);
    return do_pack(ready(self), args, nargs);
}

// The target of pack_into: any writable buffer (bytearray, array, writable memoryview).
static uint8_t *write_buffer(KaaValue v, size_t *len) {
    uint8_t *data = kaa_buffer_writable(v, len);
    if (data == NULL) {
        kaa_raise_type_error("argument must be read-write bytes-like object, not %s",
                             kaa_argtype_name(v));
    }
    return data;
}

// The start of `need` bytes at `offset` (negative: from the end), with CPython's messages.
static int64_t place(int64_t offset, int64_t need, int64_t len, bool packing) {
    if (offset < 0) {
        if (offset + need > 0) {
            if (packing) {
                struct_fail("no space to pack %lld bytes at offset %lld", (long long)need,
                            (long long)offset);
            }
            struct_fail("not enough data to unpack %lld bytes at offset %lld", (long long)need,
                        (long long)offset);
        }
        if (offset + len < 0) {
            struct_fail("offset %lld out of range for %lld-byte buffer", (long long)offset,
                        (long long)len);
        }
        offset += len;
    }
    if (len - offset < need) {
        if (packing) {
            struct_fail("pack_into requires a buffer of at least %llu bytes for packing %lld "
                        "bytes at offset %lld (actual buffer size is %lld)",
                        (unsigned long long)(need + offset), (long long)need, (long long)offset,
                        (long long)len);
        }
        struct_fail("unpack_from requires a buffer of at least %llu bytes for unpacking %lld "
                    "bytes at offset %lld (actual buffer size is %lld)",
                    (unsigned long long)(need + offset), (long long)need, (long long)offset,
                    (long long)len);
    }
    return offset;
}

// pack_into's offset: an index; too large is IndexError (PyNumber_AsSsize_t(o, IndexError)).
static int64_t pack_offset(KaaValue v) {
    int64_t out;
    if (!kaa_int_to_i64(kaa_index(v), &out)) {
        kaa_raise_index_error("cannot fit 'int' into an index-sized integer");
    }
    return out;
}

static KaaValue do_pack_into(KaaStruct *s, KaaValue *args, size_t nargs) {
    if (nargs < 2) {
        struct_fail(nargs == 0 ? "pack_into expected buffer argument"
                               : "pack_into expected offset argument");
    }
    if ((int64_t)nargs - 2 != s->nitems) {
        struct_fail("pack_into expected %lld items for packing (got %zu)", (long long)s->nitems,
                    nargs - 2);
    }
    size_t len;
    write_buffer(args[0], &len);
    int64_t offset = place(pack_offset(args[1]), s->size, (int64_t)len, true);
    // Pack into a scratch copy first: converting a value may run Python code that resizes
    // the target, and a failure must leave it untouched.
    uint8_t *tmp = kaa_alloc_atomic((size_t)s->size + 1);
    memset(tmp, 0, (size_t)s->size);
    pack_values(s, tmp, args + 2);
    uint8_t *data = write_buffer(args[0], &len);
    if ((int64_t)len >= offset + s->size) {
        memcpy(data + offset, tmp, (size_t)s->size);
    }
    return kaa_None;
}

static KaaValue struct_pack_into(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Struct.pack_into", kw);
    return do_pack_into(ready(self), args, nargs);
}

static KaaValue do_unpack(KaaStruct *s, KaaValue buffer) {
    const uint8_t *data;
    size_t len;
    nm_read_buffer(buffer, &data, &len);
    if ((int64_t)len != s->size) {
        struct_fail("unpack requires a buffer of %lld bytes", (long long)s->size);
    }
    return unpack_values(s, data);
}

static KaaValue struct_unpack(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Struct.unpack", kw);
    kaa_args_count("Struct.unpack", nargs, 1, 1);
    return do_unpack(ready(self), args[0]);
}

static KaaValue do_unpack_from(KaaStruct *s, KaaValue buffer, KaaValue offset_arg) {
    const uint8_t *data;
    size_t len;
    int64_t offset = offset_arg ? nm_ssize_arg(offset_arg) : 0;
    nm_read_buffer(buffer, &data, &len);
    offset = place(offset, s->size, (int64_t)len, false);
    return unpack_values(s, data + offset);
}

static KaaValue struct_unpack_from(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"buffer", "offset"};
    static const NmParams params = {"unpack_from", names, 2, 0, 2, 1};
    KaaValue v[2];
    nm_bind(&params, args, nargs, kw, v);
    return do_unpack_from(ready(self), v[0], v[1]);
}

// ---- iter_unpack --------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue structobj;
    KaaValue buffer;
    int64_t index;  // byte offset of the next record
} KaaStructIter;

static KaaValue do_iter_unpack(KaaValue structobj, KaaValue buffer) {
    KaaStruct *s = ready(structobj);
    const uint8_t *data;
    size_t len;
    nm_read_buffer(buffer, &data, &len);
    if (s->size == 0) {
        struct_fail("cannot iteratively unpack with a struct of length 0");
    }
    if (len % (size_t)s->size != 0) {
        struct_fail("iterative unpacking requires a buffer of a multiple of %lld bytes",
                    (long long)s->size);
    }
    KaaStructIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &kaa_struct_iter_type;
    it->structobj = structobj;
    it->buffer = buffer;
    return kaa_from_obj(it);
}

static KaaValue struct_iter_unpack(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Struct.iter_unpack", kw);
    kaa_args_count("Struct.iter_unpack", nargs, 1, 1);
    return do_iter_unpack(self, args[0]);
}

static KaaValue iter_next(KaaValue self) {
    KaaStructIter *it = (KaaStructIter *)kaa_obj(self);
    if (it->buffer == KAA_NULL) {
        return KAA_NULL;
    }
    KaaStruct *s = st(it->structobj);
    const uint8_t *data;
    size_t len;
    nm_read_buffer(it->buffer, &data, &len);
    if (it->index + s->size > (int64_t)len) {
        it->buffer = KAA_NULL;  // exhausted: let the buffer go
        return KAA_NULL;
    }
    KaaValue r = unpack_values(s, data + it->index);
    it->index += s->size;
    return r;
}

static KaaValue iter_self(KaaValue self) { return self; }

static KaaValue iter_length_hint(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("unpack_iterator.__length_hint__", nargs, 0, 0);
    KaaStructIter *it = (KaaStructIter *)kaa_obj(self);
    if (it->buffer == KAA_NULL) {
        return kaa_from_small(0);
    }
    const uint8_t *data;
    size_t len;
    nm_read_buffer(it->buffer, &data, &len);
    int64_t left = ((int64_t)len - it->index) / st(it->structobj)->size;
    return kaa_int_from_i64(left < 0 ? 0 : left);
}

static KaaValue iter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_raise_type_error("cannot create '_struct.unpack_iterator' instances");
}

static const KaaMethodDef iter_methods[] = {
    {"__length_hint__", iter_length_hint, 0, NULL},
    {NULL},
};

KaaType kaa_struct_iter_type = {
    .ob = {&kaa_type_type},
    .name = "_struct.unpack_iterator",
    .instance_size = sizeof(KaaStructIter),
    .iter = iter_self,
    .next = iter_next,
    .new_ = iter_new,
    .methods = iter_methods,
};

// ---- the Struct type ----------------------------------------------------------------------------

static KaaValue struct_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_instance_alloc(type, 0);
}

static void struct_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const names[] = {"format"};
    static const NmParams params = {"Struct", names, 1, 0, 1, 1};
    KaaValue v[1];
    nm_bind(&params, args, nargs, kwnames, v);
    struct_setup(st(self), v[0]);
}

static KaaValue struct_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("Struct.__sizeof__", nargs, 0, 0);
    KaaStruct *s = ready(self);
    return kaa_int_from_i64((int64_t)(sizeof(KaaStruct) + (size_t)s->ncodes * sizeof(Code)));
}

static KaaValue struct_get_format(KaaValue self) { return ready(self)->format; }
static KaaValue struct_get_size(KaaValue self) { return kaa_int_from_i64(ready(self)->size); }

static const KaaMethodDef struct_methods[] = {
    {"iter_unpack", struct_iter_unpack, 0, "Return an iterator yielding tuples."},
    {"pack", struct_pack, 0, "S.pack(v1, v2, ...) -> bytes"},
    {"pack_into", struct_pack_into, 0, "S.pack_into(buffer, offset, v1, v2, ...)"},
    {"unpack", struct_unpack, 0, "Return a tuple containing unpacked values."},
    {"unpack_from", struct_unpack_from, 0, "Return a tuple containing unpacked values."},
    {"__sizeof__", struct_sizeof, 0, "S.__sizeof__() -> size of S in memory, in bytes"},
    {NULL},
};

static const KaaGetSetDef struct_getsets[] = {
    {"format", struct_get_format, NULL, "struct format string"},
    {"size", struct_get_size, NULL, "struct size in bytes"},
    {NULL},
};

KaaType kaa_struct_type = {
    .ob = {&kaa_type_type},
    .name = "_struct.Struct",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaStruct),
    .weaklist_offset = offsetof(KaaStruct, weakreflist),
    .new_ = struct_new,
    .init = struct_init,
    .methods = struct_methods,
    .getsets = struct_getsets,
};

// ---- module functions ---------------------------------------------------------------------------

// Module-level functions share compiled formats: a dict from the format object to its Struct,
// emptied when it reaches CPython's limit of 100.
#define MAXCACHE 100
static KaaDict *cache;

static KaaStruct *cached_struct(KaaValue fmt) {
    if (!kaa_is_str(fmt) && !kaa_is_bytes(fmt)) {
        kaa_raise_type_error("Struct() argument 1 must be a str or bytes object, not %s",
                             kaa_argtype_name(fmt));
    }
    KaaValue s = kaa_dict_get(cache, fmt);
    if (s != KAA_NULL) {
        return st(s);
    }
    s = kaa_call1(kaa_from_obj(&kaa_struct_type), fmt);
    if (cache->used >= MAXCACHE) {
        kaa_dict_clear(cache);
    }
    kaa_dict_set(cache, fmt, s);
    return st(s);
}

static KaaValue mod_pack(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_struct.pack", kw);
    if (nargs == 0) {
        kaa_raise_type_error("missing format argument");
    }
    return do_pack(cached_struct(args[0]), args + 1, nargs - 1);
}

static KaaValue mod_pack_into(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_struct.pack_into", kw);
    if (nargs == 0) {
        kaa_raise_type_error("missing format argument");
    }
    return do_pack_into(cached_struct(args[0]), args + 1, nargs - 1);
}

static KaaValue mod_unpack(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_struct.unpack", kw);
    kaa_args_count("unpack", nargs, 2, 2);
    return do_unpack(cached_struct(args[0]), args[1]);
}

static KaaValue mod_unpack_from(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"format", "buffer", "offset"};
    static const NmParams params = {"unpack_from", names, 3, 1, 3, 2};
    KaaValue v[3];
    nm_bind(&params, args, nargs, kw, v);
    return do_unpack_from(cached_struct(v[0]), v[1], v[2]);
}

static KaaValue mod_iter_unpack(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_struct.iter_unpack", kw);
    kaa_args_count("iter_unpack", nargs, 2, 2);
    return do_iter_unpack(kaa_from_obj(cached_struct(args[0])), args[1]);
}

static KaaValue mod_calcsize(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_struct.calcsize", kw);
    kaa_args_count("_struct.calcsize", nargs, 1, 1);
    return kaa_int_from_i64(cached_struct(args[0])->size);
}

static KaaValue mod_clearcache(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_struct._clearcache", kw);
    kaa_args_count("_struct._clearcache", nargs, 0, 0);
    kaa_dict_clear(cache);
    return kaa_None;
}

static const KaaMethodDef struct_module_methods[] = {
    {"_clearcache", mod_clearcache, 0, "Clear the internal cache."},
    {"calcsize", mod_calcsize, 0, "Return size in bytes of the struct described by format."},
    {"iter_unpack", mod_iter_unpack, 0, "Return an iterator yielding tuples."},
    {"pack", mod_pack, 0, "pack(format, v1, v2, ...) -> bytes"},
    {"pack_into", mod_pack_into, 0, "pack_into(format, buffer, offset, v1, v2, ...)"},
    {"unpack", mod_unpack, 0, "Return a tuple containing values unpacked per the format."},
    {"unpack_from", mod_unpack_from, 0, "Return a tuple containing values unpacked."},
    {NULL},
};

// struct.error: a plain Exception subclass whose __module__ is "struct".
static KaaType *make_error(void) {
    KaaDict *ns = kaa_dict_new();
    kaa_dict_set(ns, KAA_ID(__module__), kaa_str_from_cstr("struct"));
    KaaTuple *bases = kaa_tuple_pack(1, kaa_from_obj(kaa_Exception));
    return (KaaType *)kaa_obj(
        kaa_type_new(&kaa_type_type, kaa_str_from_cstr("error"), bases, ns, NULL, NULL));
}

KaaValue kaa_struct_init(void) {
    kaa_type_ready(&kaa_struct_type);
    kaa_type_ready(&kaa_struct_iter_type);
    if (struct_error == NULL) {
        struct_error = make_error();
        cache = kaa_dict_new();
    }
    KaaValue m = kaa_module_new_cstr("_struct");
    kaa_module_add_methods(m, struct_module_methods);
    kaa_module_add(m, "Struct", kaa_from_obj(&kaa_struct_type));
    kaa_module_add(m, "error", kaa_from_obj(struct_error));
    kaa_module_add(m, "__doc__", kaa_str_from_cstr(
        "Functions to convert between Python values and C structs.\nPython bytes objects are "
        "used to hold the data representing the C struct\nand also as format strings "
        "(explained below) to describe the layout of data\nin the C struct.\n"));
    return m;
}
