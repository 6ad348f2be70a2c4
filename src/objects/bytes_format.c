// objects/bytes_format.c — printf-style formatting of bytes and bytearray (b'%d' % 5).
//
// Stage: objects. Owns kaa_bytes_percent (PEP 461). The byte conversions (%s %b %r %a %c)
// are done here; the numeric ones (%d %x %f ...) are delegated to str's %-formatting, whose
// result is ASCII, so numbers format exactly as they do for str.
#include <stdio.h>
#include <string.h>

#include "objects/bytes_impl.h"

typedef struct {
    KaaValue args;   // the right operand (or the value of the last %(key))
    KaaValue *items; // its items when it is a tuple
    int64_t len;     // number of items, or -1 for a single value
    int64_t idx;     // next item; for a single value -2 (unused) or -1 (used)
    KaaValue dict;   // the mapping for %(key), or KAA_NULL
} Args;

static void args_set(Args *a, KaaValue v) {
    a->args = v;
    if (kaa_is_tuple(v)) {
        a->items = kaa_tuple(v)->items;
        a->len = kaa_tuple(v)->len;
        a->idx = 0;
    } else {
        a->items = NULL;
        a->len = -1;
        a->idx = -2;
    }
}

static KaaValue next_arg(Args *a) {
    if (a->len < 0) {
        if (a->idx == -2) {
            a->idx = -1;
            return a->args;
        }
    } else if (a->idx < a->len) {
        return a->items[a->idx++];
    }
    kaa_raise_type_error("not enough arguments for format string");
}

typedef struct {
    char flags[8];  // the flag characters seen, for the numeric conversions
    int nflags;
    bool left;       // '-'
    int64_t width;   // -1: none
    int64_t prec;    // -1: none
} Spec;

// A '*' width or precision: the next argument, which must be an int.
static int64_t star_arg(Args *a) {
    KaaValue v = next_arg(a);
    if (!kaa_is_int(v) && !kaa_is_int_like(v)) {
        kaa_raise_type_error("* wants int");
    }
    int64_t n;
    if (!kaa_int_to_i64(v, &n) || n > INT32_MAX || n < -INT32_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    return n;
}

static int64_t digits(const uint8_t *f, size_t n, size_t *i, const char *what) {
    int64_t v = 0;
    while (*i < n && f[*i] >= '0' && f[*i] <= '9') {
        v = v * 10 + (f[(*i)++] - '0');
        if (v > INT32_MAX) {
            kaa_raise_value_error("%s too big", what);
        }
    }
    return v;
}

// Parses flags, width and precision after '%' (and the key); *i ends at the conversion.
static void parse_spec(const uint8_t *f, size_t n, size_t *i, Args *a, Spec *s) {
    s->nflags = 0;
    s->left = false;
    s->width = s->prec = -1;
    for (; *i < n && strchr("-+ #0", f[*i]) && f[*i]; (*i)++) {
        if (f[*i] == '-') {
            s->left = true;
        }
        if (s->nflags < 7) {
            s->flags[s->nflags++] = (char)f[*i];
        }
    }
    s->flags[s->nflags] = 0;
    if (*i < n && f[*i] == '*') {
        (*i)++;
        s->width = star_arg(a);
        if (s->width < 0) {
            s->left = true;
            s->width = -s->width;
            if (s->nflags < 7) {
                s->flags[s->nflags++] = '-';  // the numeric conversions see it as a flag
                s->flags[s->nflags] = 0;
            }
        }
    } else if (*i < n && f[*i] >= '0' && f[*i] <= '9') {
        s->width = digits(f, n, i, "width");
    }
    if (*i < n && f[*i] == '.') {
        (*i)++;
        if (*i < n && f[*i] == '*') {
            (*i)++;
            s->prec = star_arg(a);
            s->prec = s->prec < 0 ? 0 : s->prec;
        } else {
            s->prec = digits(f, n, i, "precision");
        }
    }
    while (*i < n && (f[*i] == 'h' || f[*i] == 'l' || f[*i] == 'L')) {
        (*i)++;
    }
    if (*i >= n) {
        kaa_raise_value_error("incomplete format");
    }
}

// Appends data padded to the spec's width with spaces.
static void put_padded(KaaByteBuf *out, const Spec *s, const uint8_t *data, size_t len) {
    size_t pad = s->width > (int64_t)len ? (size_t)s->width - len : 0;
    if (!s->left) {
        kaa_bytebuf_fill(out, ' ', pad);
    }
    kaa_bytebuf_put(out, data, len);
    if (s->left) {
        kaa_bytebuf_fill(out, ' ', pad);
    }
}

// The bytes of %s / %b: a buffer, or the result of __bytes__.
static KaaBuf bytes_of(KaaValue v) {
    KaaBuf b;
    if (kaa_buffer_get(v, &b.data, &b.len)) {
        return b;
    }
    KaaValue m = kaa_is_obj(v) ? kaa_lookup_special(v, KAA_ID(__bytes__)) : KAA_NULL;
    if (m) {
        KaaValue r = kaa_call0(m);
        if (!kaa_is_bytes(r)) {
            kaa_raise_type_error("__bytes__ returned non-bytes (type %T)", r);
        }
        return kaa_bytes_arg(r);
    }
    kaa_raise_type_error(
        "%%b requires a bytes-like object, or an object that implements __bytes__, not '%T'", v);
}

static uint8_t char_of(KaaValue v) {
    if (kaa_is_int(v) || kaa_is_int_like(v)) {
        int64_t i;
        if (!kaa_int_to_i64(v, &i) || i < 0 || i > 255) {
            kaa_raise_overflow("%%c arg not in range(256)");
        }
        return (uint8_t)i;
    }
    if (kaa_is_bytes(v) || kaa_is_bytearray(v)) {
        KaaBuf b = kaa_bytes_arg(v);
        if (b.len == 1) {
            return b.data[0];
        }
    }
    kaa_raise_type_error("%%c requires an integer in range(256) or a single byte");
}

// %d %x %f ...: formatted by str's % with the same flags, width and precision.
static void put_number(KaaByteBuf *out, const Spec *s, char conv, KaaValue v) {
    char spec[64];
    int n = snprintf(spec, sizeof spec, "%%%s", s->flags);
    if (s->width >= 0) {
        n += snprintf(spec + n, sizeof spec - (size_t)n, "%lld", (long long)s->width);
    }
    if (s->prec >= 0) {
        n += snprintf(spec + n, sizeof spec - (size_t)n, ".%lld", (long long)s->prec);
    }
    snprintf(spec + n, sizeof spec - (size_t)n, "%c", conv);
    KaaValue text = kaa_str_percent(kaa_str_from_cstr(spec), kaa_from_obj(kaa_tuple_pack(1, v)));
    size_t len;
    const char *utf8 = kaa_str_utf8(text, &len);
    kaa_bytebuf_put(out, utf8, len);
}

// One conversion `conv` of value v.
static void convert(KaaByteBuf *out, const Spec *s, char conv, KaaValue v, size_t at) {
    switch (conv) {
    case 's':
    case 'b': {
        KaaBuf b = bytes_of(v);
        size_t len = s->prec >= 0 && (size_t)s->prec < b.len ? (size_t)s->prec : b.len;
        put_padded(out, s, b.data, len);
        return;
    }
    case 'r':
    case 'a': {
        size_t len;
        const char *text = kaa_str_utf8(kaa_ascii(v), &len);
        len = s->prec >= 0 && (size_t)s->prec < len ? (size_t)s->prec : len;
        put_padded(out, s, (const uint8_t *)text, len);
        return;
    }
    case 'c': {
        uint8_t c = char_of(v);
        put_padded(out, s, &c, 1);
        return;
    }
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        put_number(out, s, conv, v);
        return;
    default:
        break;
    }
    // The character is shown as itself (U+0000..U+00FF), whatever it is.
    uint8_t c = (uint8_t)conv;
    char utf8[3] = {(char)c, 0, 0};
    if (c >= 0x80) {
        utf8[0] = (char)(0xC0 | (c >> 6));
        utf8[1] = (char)(0x80 | (c & 0x3F));
    }
    kaa_raise_value_error("unsupported format character '%s' (0x%x) at index %zu", utf8, c, at);
}

// %(key): looks the key up in the mapping, which becomes the argument source.
static void take_key(const uint8_t *f, size_t n, size_t *i, Args *a) {
    if (!a->dict) {
        kaa_raise_type_error("format requires a mapping");
    }
    size_t start = ++*i;
    int depth = 1;
    for (; *i < n; (*i)++) {
        if (f[*i] == '(') {
            depth++;
        } else if (f[*i] == ')' && --depth == 0) {
            break;
        }
    }
    if (*i >= n) {
        kaa_raise_value_error("incomplete format key");
    }
    KaaValue key = kaa_bytes_new(f + start, *i - start);
    (*i)++;
    a->args = kaa_getitem(a->dict, key);
    a->items = NULL;  // the value is one argument even when it is a tuple
    a->len = -1;
    a->idx = -2;
}

KaaValue kaa_bytes_percent(KaaValue fmt, KaaValue args) {
    KaaBuf fb = kaa_bytes_self(fmt);
    // A bytearray format may change while arguments convert: work on a copy of it.
    const uint8_t *f = fb.data;
    if (!kaa_is_bytes(fmt)) {
        f = kaa_bytes(kaa_bytes_new(fb.data, fb.len))->data;
    }
    size_t n = fb.len;
    Args a;
    args_set(&a, args);
    KaaType *t = kaa_type_of(args);
    a.dict = t->getitem && !kaa_is_tuple(args) && !kaa_is_bytes(args) && !kaa_is_str(args)
                 ? args
                 : KAA_NULL;
    KaaByteBuf out;
    kaa_bytebuf_init(&out, n + 16);
    for (size_t i = 0; i < n;) {
        const uint8_t *pct = memchr(f + i, '%', n - i);
        size_t run = pct ? (size_t)(pct - f) - i : n - i;
        kaa_bytebuf_put(&out, f + i, run);
        i += run;
        if (i >= n) {
            break;
        }
        if (++i >= n) {
            kaa_raise_value_error("incomplete format");
        }
        if (f[i] == '(') {
            take_key(f, n, &i, &a);
        }
        Spec s;
        parse_spec(f, n, &i, &a, &s);
        char conv = (char)f[i++];
        if (conv == '%') {
            kaa_bytebuf_putc(&out, '%');
            continue;
        }
        convert(&out, &s, conv, next_arg(&a), i - 1);
    }
    if (a.idx < a.len && !a.dict) {
        kaa_raise_type_error("not all arguments converted during bytes formatting");
    }
    return kaa_bytes_like_copy(fmt, out.data, out.len);
}
