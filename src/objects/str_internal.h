// objects/str_internal.h — what str's methods, codecs and formatting share privately.
//
// Stage: objects. Owns StrWriter and the few functions str_methods.c, str_codecs.c and
// format.c call in one another. StrWriter is a growable text buffer (the public
// KaaStrBuf of objects.h stores 4 bytes per code point; this one stores 1, 2 or 4 like KaaStr,
// so the common ASCII output is built with memcpy and turned into a str with one copy).
// Must not: be included outside those three files.
//
// The writer widens its kind when a wider character or string arrives. It does not track the
// exact largest character: sw_finish scans the text when it may hold non-ASCII characters, so
// the result always has the narrowest kind, as every str must.
#ifndef KAA_OBJECTS_STR_INTERNAL_H
#define KAA_OBJECTS_STR_INTERNAL_H

#include <string.h>

#include "objects/objects.h"

#define SW_INLINE 256  // bytes kept on the C stack before the first heap allocation

typedef struct StrWriter {
    uint8_t *buf;
    size_t len, cap;     // in code units of `kind`
    int kind;            // 1, 2 or 4
    bool maybe_nonascii; // something >= 128 may have been written
    uint8_t inline_buf[SW_INLINE];
} StrWriter;

static inline void sw_init(StrWriter *w) {
    w->buf = w->inline_buf;
    w->len = 0;
    w->cap = SW_INLINE;
    w->kind = 1;
    w->maybe_nonascii = false;
}

// Converts the buffer to a wider kind, keeping room for `extra` more units.
static KAA_UNUSED void sw_widen(StrWriter *w, int kind, size_t extra) {
    size_t cap = w->len + extra + 16;
    uint8_t *nb = kaa_alloc_atomic(cap * (size_t)kind);
    for (size_t i = 0; i < w->len; i++) {
        uint32_t c = w->kind == 1 ? w->buf[i] : ((uint16_t *)w->buf)[i];
        if (kind == 2) {
            ((uint16_t *)nb)[i] = (uint16_t)c;
        } else {
            ((uint32_t *)nb)[i] = c;
        }
    }
    w->buf = nb;
    w->cap = cap;
    w->kind = kind;
}

static KAA_UNUSED void sw_grow_slow(StrWriter *w, size_t extra) {
    size_t need = w->len + extra;
    if (need < w->len) {
        kaa_raise_memory();
    }
    size_t cap = w->cap * 2 > need ? w->cap * 2 : need + 16;
    uint8_t *nb = kaa_alloc_atomic(cap * (size_t)w->kind);
    memcpy(nb, w->buf, w->len * (size_t)w->kind);
    w->buf = nb;
    w->cap = cap;
}

// Makes room for `extra` more code units of the current kind.
static inline void sw_reserve(StrWriter *w, size_t extra) {
    if (KAA_UNLIKELY(w->cap - w->len < extra)) {
        sw_grow_slow(w, extra);
    }
}

// memcpy for the many tiny pieces formatting copies (a call costs more than the copy).
static inline void copy_bytes(uint8_t *dst, const void *src, size_t n) {
    if (n <= 16) {
        const uint8_t *s = src;
        for (size_t i = 0; i < n; i++) {
            dst[i] = s[i];
        }
        return;
    }
    memcpy(dst, src, n);
}

static inline int sw_kind_for(uint32_t c) {
    return c < 256 ? 1 : c < 65536 ? 2 : 4;
}

// Makes room for `extra` units that may hold characters up to kind `kind`.
static inline void sw_prepare(StrWriter *w, int kind, size_t extra) {
    if (KAA_UNLIKELY(kind > w->kind)) {
        sw_widen(w, kind, extra);
    }
    sw_reserve(w, extra);
}

// Stores c at unit i of a buffer of 1, 2 or 4-byte units.
static inline void units_set(uint8_t *p, int kind, size_t i, uint32_t c) {
    switch (kind) {
    case 1: p[i] = (uint8_t)c; break;
    case 2: ((uint16_t *)p)[i] = (uint16_t)c; break;
    default: ((uint32_t *)p)[i] = c; break;
    }
}

// Stores c at unit i; the buffer must already be wide enough.
static inline void sw_set(StrWriter *w, size_t i, uint32_t c) {
    units_set(w->buf, w->kind, i, c);
}

static inline void sw_putc(StrWriter *w, uint32_t c) {
    if (c >= 128) {
        w->maybe_nonascii = true;
        sw_prepare(w, sw_kind_for(c), 1);
    } else {
        sw_reserve(w, 1);
    }
    sw_set(w, w->len++, c);
}

static inline void sw_put_ascii(StrWriter *w, const char *s, size_t n) {
    sw_reserve(w, n);
    if (w->kind == 1) {
        copy_bytes(w->buf + w->len, s, n);
        w->len += n;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        sw_set(w, w->len++, (uint8_t)s[i]);
    }
}

static inline void sw_fill(StrWriter *w, uint32_t c, size_t n) {
    if (n == 0) {
        return;
    }
    if (c >= 128) {
        w->maybe_nonascii = true;
    }
    sw_prepare(w, sw_kind_for(c), n);
    if (w->kind == 1) {
        uint8_t *d = w->buf + w->len;
        if (n <= 16) {
            for (size_t i = 0; i < n; i++) {
                d[i] = (uint8_t)c;
            }
        } else {
            memset(d, (int)c, n);
        }
        w->len += n;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        sw_set(w, w->len++, c);
    }
}

// Appends s[start:end] of a str (any kind).
static KAA_UNUSED void sw_put_sub(StrWriter *w, const KaaStr *s, size_t start, size_t end) {
    size_t n = end - start;
    if (n == 0) {
        return;
    }
    if (!s->ascii) {
        w->maybe_nonascii = true;
    }
    sw_prepare(w, s->kind, n);
    if (s->kind == w->kind) {
        copy_bytes(w->buf + w->len * (size_t)w->kind, s->data + start * (size_t)s->kind,
                   n * (size_t)s->kind);
        w->len += n;
        return;
    }
    for (size_t i = start; i < end; i++) {
        sw_set(w, w->len++, kaa_str_char(s, i));
    }
}

static inline void sw_put_str(StrWriter *w, KaaValue v) {
    const KaaStr *s = kaa_str(v);
    sw_put_sub(w, s, 0, s->len);
}

static inline uint32_t sw_get(const StrWriter *w, size_t i) {
    switch (w->kind) {
    case 1: return w->buf[i];
    case 2: return ((const uint16_t *)w->buf)[i];
    default: return ((const uint32_t *)w->buf)[i];
    }
}

// Turns the text into a str of the narrowest kind.
static KAA_UNUSED KaaValue sw_finish(StrWriter *w) {
    uint32_t maxc = 0;
    if (w->kind == 1) {
        if (w->maybe_nonascii) {
            for (size_t i = 0; i < w->len && maxc < 128; i++) {
                maxc |= w->buf[i];
            }
        }
        if (w->len == 1) {
            return kaa_str_from_char(w->buf[0]);
        }
        KaaValue r = kaa_str_new_raw(w->len, 1, maxc < 128);
        copy_bytes(kaa_str(r)->data, w->buf, w->len);
        return r;
    }
    for (size_t i = 0; i < w->len; i++) {
        uint32_t c = sw_get(w, i);
        maxc = c > maxc ? c : maxc;
    }
    int kind = sw_kind_for(maxc);
    if (kind == w->kind) {
        KaaValue r = kaa_str_new_raw(w->len, kind, false);
        memcpy(kaa_str(r)->data, w->buf, w->len * (size_t)kind);
        return r;
    }
    // Some wide text was written and later turned out to be narrower (rare): copy by char.
    KaaValue r = kaa_str_new_raw(w->len, kind, maxc < 128);
    KaaStr *s = kaa_str(r);
    for (size_t i = 0; i < w->len; i++) {
        uint32_t c = sw_get(w, i);
        if (kind == 1) {
            s->data[i] = (uint8_t)c;
        } else {
            ((uint16_t *)s->data)[i] = (uint16_t)c;
        }
    }
    return r;
}

// ---- shared between the str files --------------------------------------------------------
// str.format_map(mapping) (format.c).
KaaValue kaa_format_map(KaaValue fmt, KaaValue mapping);
// An exact str with the text of s: s itself when it is exact (s may be a subclass instance).
KaaValue kaa_str_exact(KaaValue s);

#endif
