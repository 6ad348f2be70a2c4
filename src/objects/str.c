// objects/str.c — the str type's representation and core: creation, UTF-8 in and out,
// hashing, equality and ordering, interning, repr, and the C-side builders (KaaStrBuf,
// kaa_str_printf).
//
// Stage: objects. A str stores its code points 1, 2 or 4 bytes each, always in the narrowest
// kind that fits, so equal strings have equal kinds and bytes (hash and == work on bytes).
// The methods, indexing and formatting live in str_methods.c and format.c.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "objects/objects.h"

static KaaValue char_cache[256];

bool kaa_is_str(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_STR_SUBCLASS);
}

// ---- creation ---------------------------------------------------------------------------------

KaaValue kaa_str_new_raw(size_t len, int kind, bool ascii) {
    if (len > ((size_t)1 << 56) / 4) {
        kaa_raise_memory();
    }
    size_t bytes = sizeof(KaaStr) + (len + 1) * (size_t)kind;
    // An exact str holds no pointers but its (static) type: the collector need not scan it.
    KaaStr *s = kaa_alloc_atomic(bytes);
    s->ob.type = &kaa_str_type;
    s->hash = -1;
    s->len = len;
    s->kind = (uint8_t)kind;
    s->ascii = ascii;
    s->interned = 0;
    s->external = 0;
    s->data = s->inline_data;
    memset(s->data + len * (size_t)kind, 0, (size_t)kind);
    return kaa_from_obj(s);
}

KaaValue kaa_str_from_ascii(const char *p, size_t len) {
    if (len == 1 && char_cache[(uint8_t)p[0]] != KAA_NULL) {
        return char_cache[(uint8_t)p[0]];
    }
    KaaValue v = kaa_str_new_raw(len, 1, true);
    memcpy(kaa_str(v)->data, p, len);
    return v;
}

KaaValue kaa_str_from_latin1(const uint8_t *p, size_t len) {
    bool ascii = true;
    for (size_t i = 0; i < len; i++) {
        if (p[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (len == 1 && char_cache[p[0]] != KAA_NULL) {
        return char_cache[p[0]];
    }
    KaaValue v = kaa_str_new_raw(len, 1, ascii);
    memcpy(kaa_str(v)->data, p, len);
    return v;
}

KaaValue kaa_str_from_ucs4(const uint32_t *cps, size_t len) {
    uint32_t max = 0;
    for (size_t i = 0; i < len; i++) {
        max = cps[i] > max ? cps[i] : max;
    }
    if (len == 1 && max < 256 && char_cache[max] != KAA_NULL) {
        return char_cache[max];
    }
    int kind = max < 256 ? 1 : max < 65536 ? 2 : 4;
    KaaValue v = kaa_str_new_raw(len, kind, max < 128);
    KaaStr *s = kaa_str(v);
    if (kind == 1) {
        for (size_t i = 0; i < len; i++) {
            s->data[i] = (uint8_t)cps[i];
        }
    } else if (kind == 2) {
        uint16_t *d = (uint16_t *)s->data;
        for (size_t i = 0; i < len; i++) {
            d[i] = (uint16_t)cps[i];
        }
    } else {
        memcpy(s->data, cps, len * 4);
    }
    return v;
}

KaaValue kaa_str_from_char(uint32_t cp) {
    if (cp < 256 && char_cache[cp] != KAA_NULL) {
        return char_cache[cp];
    }
    return kaa_str_from_ucs4(&cp, 1);
}

static KAA_NORETURN void raise_decode_error(const char *s, size_t len, size_t start,
                                            size_t end, const char *reason) {
    KaaValue args[5] = {
        kaa_str_from_cstr("utf-8"), kaa_bytes_new(s, len), kaa_int_from_u64(start),
        kaa_int_from_u64(end), kaa_str_from_cstr(reason),
    };
    kaa_raise(kaa_exc_new(kaa_UnicodeDecodeError, args, 5));
}

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when invalid. Surrogates
// (ED A0..BF xx) are accepted only when allow_surrogates.
static size_t utf8_decode_one(const uint8_t *s, size_t n, size_t i, uint32_t *out,
                              bool allow_surrogates) {
    uint8_t c = s[i];
    if (c < 0x80) {
        *out = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
        *out = ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
        uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                      (s[i + 2] & 0x3F);
        if (cp < 0x800 || (!allow_surrogates && cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0;
        }
        *out = cp;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4 && i + 3 < n && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80 && (s[i + 3] & 0xC0) == 0x80) {
        uint32_t cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
                      ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF) {
            return 0;
        }
        *out = cp;
        return 4;
    }
    return 0;
}

// The reason CPython's decoder gives for an invalid sequence starting at s[i], and its end.
static const char *utf8_error_reason(const uint8_t *s, size_t n, size_t i, size_t *end) {
    uint8_t c = s[i];
    *end = i + 1;
    if (c < 0xC2 || c > 0xF4) {
        return c >= 0x80 && c < 0xC0 ? "invalid start byte" : "invalid start byte";
    }
    size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    size_t j = i + 1;
    while (j < n && j < i + need && (s[j] & 0xC0) == 0x80) {
        // Second-byte ranges that can never be valid (overlong, surrogate, > U+10FFFF).
        if (j == i + 1 && ((c == 0xE0 && s[j] < 0xA0) || (c == 0xED && s[j] >= 0xA0) ||
                           (c == 0xF0 && s[j] < 0x90) || (c == 0xF4 && s[j] >= 0x90))) {
            break;
        }
        j++;
    }
    *end = j > i + 1 ? j : i + 1;
    if (j == n) {
        return "unexpected end of data";
    }
    return "invalid continuation byte";
}

static KaaValue from_utf8(const char *p, size_t len, bool allow_surrogates) {
    const uint8_t *s = (const uint8_t *)p;
    size_t i = 0;
    while (i < len && s[i] < 0x80) {
        i++;
    }
    if (i == len) {
        return kaa_str_from_ascii(p, len);
    }
    uint32_t *cps = kaa_alloc_atomic(len * sizeof(uint32_t));
    size_t n = 0;
    for (size_t k = 0; k < i; k++) {
        cps[n++] = s[k];
    }
    while (i < len) {
        size_t step = utf8_decode_one(s, len, i, &cps[n], allow_surrogates);
        if (step == 0) {
            size_t end;
            const char *reason = utf8_error_reason(s, len, i, &end);
            raise_decode_error(p, len, i, end, reason);
        }
        n++;
        i += step;
    }
    return kaa_str_from_ucs4(cps, n);
}

KaaValue kaa_str_from_utf8(const char *s, size_t len) { return from_utf8(s, len, false); }
KaaValue kaa_str_from_utf8_sp(const char *s, size_t len) { return from_utf8(s, len, true); }
KaaValue kaa_str_from_cstr(const char *s) { return from_utf8(s, strlen(s), true); }

// ---- UTF-8 out --------------------------------------------------------------------------------

static size_t utf8_encode_one(uint32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static KAA_NORETURN void raise_surrogate_error(KaaValue s, size_t pos) {
    KaaValue args[5] = {
        kaa_str_from_cstr("utf-8"), s, kaa_int_from_u64(pos), kaa_int_from_u64(pos + 1),
        kaa_str_from_cstr("surrogates not allowed"),
    };
    kaa_raise(kaa_exc_new(kaa_UnicodeEncodeError, args, 5));
}

static const char *to_utf8(KaaValue v, size_t *len_out, bool strict) {
    KaaStr *s = kaa_str(v);
    if (s->ascii && !s->external) {
        if (len_out) {
            *len_out = s->len;
        }
        return (const char *)s->data;
    }
    char *buf = kaa_alloc_atomic(s->len * 4 + 1);
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t cp = kaa_str_char(s, i);
        if (strict && cp >= 0xD800 && cp <= 0xDFFF) {
            raise_surrogate_error(v, i);
        }
        n += utf8_encode_one(cp, buf + n);
    }
    buf[n] = 0;
    if (len_out) {
        *len_out = n;
    }
    return buf;
}

const char *kaa_str_utf8(KaaValue s, size_t *len_out) { return to_utf8(s, len_out, true); }
const char *kaa_str_utf8_sp(KaaValue s, size_t *len_out) { return to_utf8(s, len_out, false); }

// ---- hashing, equality, ordering --------------------------------------------------------------

static inline uint64_t mix64(uint64_t h) {
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

// Strings of the same code points have the same kind and bytes, so hashing bytes is enough.
static int64_t hash_bytes(const uint8_t *p, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ mix64(w)) * 0x100000001B3ull;
        h = (h << 29) | (h >> 35);
        p += 8;
        n -= 8;
    }
    uint64_t tail = 0;
    memcpy(&tail, p, n);
    h = mix64(h ^ mix64(tail ^ (n << 56)));
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

int64_t kaa_str_hash(KaaValue v) {
    KaaStr *s = kaa_str(v);
    if (s->hash == -1) {
        s->hash = hash_bytes(s->data, s->len * s->kind);
    }
    return s->hash;
}

bool kaa_str_eq(KaaValue a, KaaValue b) {
    if (a == b) {
        return true;
    }
    KaaStr *x = kaa_str(a), *y = kaa_str(b);
    if (x->len != y->len || x->kind != y->kind) {
        return false;
    }
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) {
        return false;
    }
    return memcmp(x->data, y->data, x->len * x->kind) == 0;
}

bool kaa_str_eq_cstr(KaaValue a, const char *c) {
    KaaStr *s = kaa_str(a);
    size_t n = strlen(c);
    if (s->ascii) {
        return s->len == n && memcmp(s->data, c, n) == 0;
    }
    size_t len;
    const char *u = kaa_str_utf8_sp(a, &len);
    return len == n && memcmp(u, c, n) == 0;
}

int kaa_str_compare(KaaValue a, KaaValue b) {
    KaaStr *x = kaa_str(a), *y = kaa_str(b);
    size_t n = x->len < y->len ? x->len : y->len;
    if (x->kind == 1 && y->kind == 1) {
        int c = memcmp(x->data, y->data, n);
        if (c != 0) {
            return c;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            uint32_t p = kaa_str_char(x, i), q = kaa_str_char(y, i);
            if (p != q) {
                return p < q ? -1 : 1;
            }
        }
    }
    return x->len < y->len ? -1 : x->len > y->len ? 1 : 0;
}

static KaaValue str_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_str(b)) {
        return kaa_NotImplemented;
    }
    if (op == KAA_EQ || op == KAA_NE) {
        return kaa_bool(kaa_str_eq(a, b) == (op == KAA_EQ));
    }
    int c = kaa_str_compare(a, b);
    switch (op) {
    case KAA_LT: return kaa_bool(c < 0);
    case KAA_LE: return kaa_bool(c <= 0);
    case KAA_GT: return kaa_bool(c > 0);
    default: return kaa_bool(c >= 0);
    }
}

// ---- building ---------------------------------------------------------------------------------

KaaValue kaa_str_substr(KaaValue v, size_t start, size_t end) {
    KaaStr *s = kaa_str(v);
    if (start == 0 && end == s->len && s->ob.type == &kaa_str_type) {
        return v;
    }
    size_t n = end - start;
    if (s->kind == 1) {
        return s->ascii ? kaa_str_from_ascii((const char *)s->data + start, n)
                        : kaa_str_from_latin1(s->data + start, n);
    }
    uint32_t *cps = kaa_alloc_atomic(n * sizeof(uint32_t) + 1);
    for (size_t i = 0; i < n; i++) {
        cps[i] = kaa_str_char(s, start + i);
    }
    return kaa_str_from_ucs4(cps, n);
}

static void widen_into(KaaStr *dst, size_t at, const KaaStr *src) {
    if (dst->kind == src->kind) {
        memcpy(dst->data + at * dst->kind, src->data, src->len * src->kind);
        return;
    }
    for (size_t i = 0; i < src->len; i++) {
        uint32_t cp = kaa_str_char(src, i);
        if (dst->kind == 2) {
            ((uint16_t *)dst->data)[at + i] = (uint16_t)cp;
        } else {
            ((uint32_t *)dst->data)[at + i] = cp;
        }
    }
}

// ---- concatenation --------------------------------------------------------------------------------
// A long a + b goes into a buffer with room to grow, shared by the strings built in it: the
// next (a + b) + c writes c right after, in place, when nothing was written there since — so
// `s += piece` in a loop is amortised O(len(piece)) whoever else holds the older strings
// (they only ever read their own prefix). CPython gets there by resizing s in place when its
// reference count says nobody else holds it; kaa cannot know that, so it shares instead.

#define CONCAT_BUFFER_MIN 256  // shorter results are ordinary (inline) strings

typedef struct {
    size_t cap, used;  // in code units
    uint8_t data[] __attribute__((aligned(8)));
} ConcatBuffer;

static ConcatBuffer *buffer_of(const KaaStr *s) {
    return (ConcatBuffer *)(s->data - offsetof(ConcatBuffer, data));
}

static KaaValue buffer_str(ConcatBuffer *buf, size_t len, int kind, bool ascii) {
    KaaStr *s = kaa_alloc(sizeof(KaaStr));  // scanned: it points into the buffer
    s->ob.type = &kaa_str_type;
    s->hash = -1;
    s->len = len;
    s->kind = (uint8_t)kind;
    s->ascii = ascii;
    s->external = 1;
    s->data = buf->data;
    return kaa_from_obj(s);
}

// Copies src's code units into dst (of kind `kind`) at index `at`, widening them as needed.
static void widen_to(uint8_t *dst, int kind, size_t at, const KaaStr *src) {
    if (kind == src->kind) {
        memcpy(dst + at * (size_t)kind, src->data, src->len * src->kind);
        return;
    }
    for (size_t i = 0; i < src->len; i++) {
        uint32_t cp = kaa_str_char(src, i);
        if (kind == 2) {
            ((uint16_t *)dst)[at + i] = (uint16_t)cp;
        } else {
            ((uint32_t *)dst)[at + i] = cp;
        }
    }
}

KaaValue kaa_str_concat(KaaValue a, KaaValue b) {
    KaaStr *x = kaa_str(a), *y = kaa_str(b);
    if (y->len == 0 && x->ob.type == &kaa_str_type) {
        return a;
    }
    if (x->len == 0 && y->ob.type == &kaa_str_type) {
        return b;
    }
    int kind = x->kind > y->kind ? x->kind : y->kind;
    size_t n = x->len + y->len;
    bool ascii = x->ascii && y->ascii;
    if (n < CONCAT_BUFFER_MIN) {
        KaaValue r = kaa_str_new_raw(n, kind, ascii);
        widen_into(kaa_str(r), 0, x);
        widen_into(kaa_str(r), x->len, y);
        return r;
    }
    if (x->external && x->kind == kind) {
        ConcatBuffer *buf = buffer_of(x);
        if (buf->used == x->len && buf->cap >= n) {
            widen_to(buf->data, kind, x->len, y);
            buf->used = n;
            return buffer_str(buf, n, kind, ascii);
        }
    }
    if (n > ((size_t)1 << 56) / 8) {
        kaa_raise_memory();
    }
    size_t cap = n * 2;
    ConcatBuffer *buf = kaa_alloc_atomic(sizeof(ConcatBuffer) + cap * (size_t)kind);
    buf->cap = cap;
    buf->used = n;
    widen_to(buf->data, kind, 0, x);
    widen_to(buf->data, kind, x->len, y);
    return buffer_str(buf, n, kind, ascii);
}

// Joins the items of a list or tuple of strs (anything else goes through a list first).
KaaValue kaa_str_join(KaaValue sep, KaaValue iterable) {
    KaaValue seq = iterable;
    if (!kaa_is_type(seq, &kaa_list_type) && !kaa_is_type(seq, &kaa_tuple_type)) {
        KaaType *t = kaa_type_of(iterable);
        if (t->iter == NULL && t->getitem == NULL) {
            kaa_raise_type_error("can only join an iterable");
        }
        seq = kaa_list_from_iterable(iterable);
    }
    KaaValue *items;
    int64_t n;
    if (kaa_is_type(seq, &kaa_list_type)) {
        items = kaa_list(seq)->items;
        n = kaa_list(seq)->len;
    } else {
        items = kaa_tuple(seq)->items;
        n = kaa_tuple(seq)->len;
    }
    KaaStr *s = kaa_str(sep);
    size_t total = n > 0 ? (size_t)(n - 1) * s->len : 0;
    int kind = n > 1 ? s->kind : 1;  // a separator that is never written doesn't widen
    bool ascii = n > 1 ? s->ascii : true;
    for (int64_t i = 0; i < n; i++) {
        if (!kaa_is_str(items[i])) {
            kaa_raise_type_error("sequence item %lld: expected str instance, %s found",
                                 (long long)i, kaa_type_name_of(items[i]));
        }
        KaaStr *it = kaa_str(items[i]);
        total += it->len;
        kind = it->kind > kind ? it->kind : kind;
        ascii = ascii && it->ascii;
    }
    if (n == 1 && kaa_is_type(items[0], &kaa_str_type)) {
        return items[0];
    }
    KaaValue r = kaa_str_new_raw(total, kind, ascii);
    KaaStr *out = kaa_str(r);
    size_t at = 0;
    for (int64_t i = 0; i < n; i++) {
        if (i > 0 && s->len > 0) {
            widen_into(out, at, s);
            at += s->len;
        }
        KaaStr *it = kaa_str(items[i]);
        widen_into(out, at, it);
        at += it->len;
    }
    return r;
}

// ---- interning --------------------------------------------------------------------------------
// An open-addressing set of interned strings, kept in scanned memory so they stay alive.

static KaaValue *intern_table;
static size_t intern_mask, intern_count;

static void intern_grow(void) {
    size_t old_size = intern_table ? intern_mask + 1 : 0;
    KaaValue *old = intern_table;
    size_t size = old_size ? old_size * 2 : 4096;
    intern_table = kaa_alloc(size * sizeof(KaaValue));
    intern_mask = size - 1;
    for (size_t i = 0; i < old_size; i++) {
        if (old[i] != KAA_NULL) {
            size_t j = (size_t)kaa_str_hash(old[i]) & intern_mask;
            while (intern_table[j] != KAA_NULL) {
                j = (j + 1) & intern_mask;
            }
            intern_table[j] = old[i];
        }
    }
}

KaaValue kaa_str_intern(KaaValue v) {
    KaaStr *s = kaa_str(v);
    if (s->interned) {
        return v;
    }
    if (intern_count * 2 >= intern_mask) {
        intern_grow();
    }
    size_t j = (size_t)kaa_str_hash(v) & intern_mask;
    while (intern_table[j] != KAA_NULL) {
        if (kaa_str_eq(intern_table[j], v)) {
            return intern_table[j];
        }
        j = (j + 1) & intern_mask;
    }
    if (s->ob.type != &kaa_str_type) {
        v = kaa_str_substr(v, 0, s->len);  // only exact strs are interned
    }
    kaa_str(v)->interned = 1;
    intern_table[j] = v;
    intern_count++;
    return v;
}

KaaValue kaa_str_intern_cstr(const char *s) { return kaa_str_intern(kaa_str_from_cstr(s)); }

// ---- repr -------------------------------------------------------------------------------------

static bool is_printable(uint32_t cp) {
    if (cp < 0x80) {
        return cp >= 0x20 && cp < 0x7F;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_ZS:
        return false;
    default:
        return true;
    }
}

static void put_escape(KaaStrBuf *b, uint32_t cp) {
    char tmp[16];
    if (cp < 0x100) {
        snprintf(tmp, sizeof tmp, "\\x%02x", cp);
    } else if (cp < 0x10000) {
        snprintf(tmp, sizeof tmp, "\\u%04x", cp);
    } else {
        snprintf(tmp, sizeof tmp, "\\U%08x", cp);
    }
    kaa_strbuf_puts(b, tmp);
}

// repr(s); with ascii_only, every non-ASCII code point is escaped (ascii()).
KaaValue kaa_str_repr_impl(KaaValue v, bool ascii_only) {
    KaaStr *s = kaa_str(v);
    bool has_single = false, has_double = false;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t cp = kaa_str_char(s, i);
        has_single |= cp == '\'';
        has_double |= cp == '"';
    }
    uint32_t quote = has_single && !has_double ? '"' : '\'';
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_putc(&b, quote);
    for (size_t i = 0; i < s->len; i++) {
        uint32_t cp = kaa_str_char(s, i);
        if (cp == quote || cp == '\\') {
            kaa_strbuf_putc(&b, '\\');
            kaa_strbuf_putc(&b, cp);
        } else if (cp == '\n') {
            kaa_strbuf_puts(&b, "\\n");
        } else if (cp == '\r') {
            kaa_strbuf_puts(&b, "\\r");
        } else if (cp == '\t') {
            kaa_strbuf_puts(&b, "\\t");
        } else if (ascii_only ? (cp < 0x20 || cp >= 0x7F) : !is_printable(cp)) {
            put_escape(&b, cp);
        } else {
            kaa_strbuf_putc(&b, cp);
        }
    }
    kaa_strbuf_putc(&b, quote);
    return kaa_strbuf_finish(&b);
}

KaaValue kaa_str_repr(KaaValue v) { return kaa_str_repr_impl(v, false); }

// ---- KaaStrBuf --------------------------------------------------------------------------------

void kaa_strbuf_init(KaaStrBuf *b) {
    b->cap = 64;
    b->cps = kaa_alloc_atomic(b->cap * sizeof(uint32_t));
    b->len = 0;
    b->maxchar = 0;
}

static void strbuf_reserve(KaaStrBuf *b, size_t extra) {
    if (b->len + extra <= b->cap) {
        return;
    }
    size_t cap = b->cap * 2;
    while (cap < b->len + extra) {
        cap *= 2;
    }
    uint32_t *cps = kaa_alloc_atomic(cap * sizeof(uint32_t));
    memcpy(cps, b->cps, b->len * sizeof(uint32_t));
    b->cps = cps;
    b->cap = cap;
}

void kaa_strbuf_putc(KaaStrBuf *b, uint32_t cp) {
    strbuf_reserve(b, 1);
    b->cps[b->len++] = cp;
    b->maxchar = cp > b->maxchar ? cp : b->maxchar;
}

void kaa_strbuf_puts(KaaStrBuf *b, const char *s) {
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s);
    strbuf_reserve(b, n);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = utf8_decode_one(p, n, i, &cp, true);
        if (step == 0) {
            cp = 0xFFFD;
            step = 1;
        }
        b->cps[b->len++] = cp;
        b->maxchar = cp > b->maxchar ? cp : b->maxchar;
        i += step;
    }
}

void kaa_strbuf_putstr(KaaStrBuf *b, KaaValue v) {
    KaaStr *s = kaa_str(v);
    strbuf_reserve(b, s->len);
    for (size_t i = 0; i < s->len; i++) {
        uint32_t cp = kaa_str_char(s, i);
        b->cps[b->len++] = cp;
        b->maxchar = cp > b->maxchar ? cp : b->maxchar;
    }
}

KaaValue kaa_strbuf_finish(KaaStrBuf *b) { return kaa_str_from_ucs4(b->cps, b->len); }

// ---- printf -----------------------------------------------------------------------------------
// The C conversions (%d %ld %lld %zd %zu %u %x %s %c %p %f %g %%, with flags, width and
// precision) plus %R, %S and %T, which take a KaaValue and insert repr(v), str(v) and
// type(v).__name__.

static void put_c_conversion(KaaStrBuf *b, const char *spec, size_t speclen, va_list *ap) {
    char fmt[32], out[512];
    if (speclen >= sizeof fmt) {
        return;
    }
    memcpy(fmt, spec, speclen);
    fmt[speclen] = 0;
    char conv = spec[speclen - 1];
    bool l = strstr(fmt, "l") != NULL, ll = strstr(fmt, "ll") != NULL;
    bool z = strchr(fmt, 'z') != NULL;
    switch (conv) {
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        if (ll) {
            snprintf(out, sizeof out, fmt, va_arg(*ap, long long));
        } else if (l) {
            snprintf(out, sizeof out, fmt, va_arg(*ap, long));
        } else if (z) {
            snprintf(out, sizeof out, fmt, va_arg(*ap, size_t));
        } else {
            snprintf(out, sizeof out, fmt, va_arg(*ap, int));
        }
        break;
    case 'c':
        snprintf(out, sizeof out, fmt, va_arg(*ap, int));
        break;
    case 'p':
        snprintf(out, sizeof out, fmt, va_arg(*ap, void *));
        break;
    case 'f': case 'g': case 'e':
        snprintf(out, sizeof out, fmt, va_arg(*ap, double));
        break;
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (strcmp(fmt, "%s") == 0) {
            kaa_strbuf_puts(b, s ? s : "(null)");
            return;
        }
        snprintf(out, sizeof out, fmt, s);
        break;
    }
    default:
        return;
    }
    kaa_strbuf_puts(b, out);
}

KaaValue kaa_str_vprintf(const char *fmt, va_list ap_in) {
    va_list ap;
    va_copy(ap, ap_in);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            char *chunk = kaa_alloc_atomic(n + 1);
            memcpy(chunk, p, n);
            chunk[n] = 0;
            kaa_strbuf_puts(&b, chunk);
            p += n;
            continue;
        }
        if (p[1] == '%') {
            kaa_strbuf_putc(&b, '%');
            p += 2;
            continue;
        }
        if (p[1] == 'R' || p[1] == 'S' || p[1] == 'T') {
            KaaValue v = va_arg(ap, KaaValue);
            if (p[1] == 'R') {
                kaa_strbuf_putstr(&b, kaa_repr(v));
            } else if (p[1] == 'S') {
                kaa_strbuf_putstr(&b, kaa_to_str(v));
            } else {
                kaa_strbuf_puts(&b, kaa_type_name_of(v));
            }
            p += 2;
            continue;
        }
        const char *q = p + 1;
        while (*q && strchr("-+ #0123456789.lzh", *q)) {
            q++;
        }
        if (*q == 0) {
            break;
        }
        put_c_conversion(&b, p, (size_t)(q - p + 1), &ap);
        p = q + 1;
    }
    va_end(ap);
    return kaa_strbuf_finish(&b);
}

KaaValue kaa_str_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    KaaValue v = kaa_str_vprintf(fmt, ap);
    va_end(ap);
    return v;
}

// ---- the type ---------------------------------------------------------------------------------

static KaaValue str_str(KaaValue self) {
    if (kaa_is_type(self, &kaa_str_type)) {
        return self;
    }
    return kaa_str_substr(self, 0, kaa_str(self)->len);  // an exact copy of a subclass
}

static int64_t str_len(KaaValue self) { return (int64_t)kaa_str(self)->len; }

static KaaValue str_add(KaaValue a, KaaValue b) {
    if (!kaa_is_str(a) || !kaa_is_str(b)) {
        return kaa_NotImplemented;  // kaa_binary_op words the error
    }
    return kaa_str_concat(a, b);
}

static KaaValue str_mod(KaaValue a, KaaValue b) {
    if (!kaa_is_str(a)) {
        return kaa_NotImplemented;
    }
    return kaa_str_percent(a, b);
}


KaaType kaa_str_type = {
    .ob = {&kaa_type_type},
    .name = "str",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_STR_SUBCLASS | KAA_TPFLAG_VAR_SIZE |
              KAA_TPFLAG_SEQ_CONCAT,
    .instance_size = sizeof(KaaStr),
    .repr = kaa_str_repr,
    .str = str_str,
    .hash = kaa_str_hash,
    .richcompare = str_richcompare,
    .binary = {[KAA_OP_ADD] = str_add, [KAA_OP_MUL] = kaa_str_repeat, [KAA_OP_MOD] = str_mod},
    // no truth slot: len decides, and str has no __bool__, as in CPython
    .len = str_len,
    .getitem = kaa_str_getitem,
    .contains = kaa_str_contains,
    .iter = kaa_str_iter,
    .new_ = kaa_str_new,
    .var_size = kaa_str_var_size,
    .methods = kaa_str_methods,
};

void kaa_str_init(void) {
    for (int i = 0; i < 256; i++) {
        uint8_t c = (uint8_t)i;
        KaaValue v = kaa_str_new_raw(1, 1, c < 128);
        kaa_str(v)->data[0] = c;
        char_cache[i] = v;
    }
}
