// modules/nummods.h — helpers shared by the numeric and data modules (math, cmath, _random,
// _bisect, _heapq, _struct, binascii, array): argument binding with the exact messages of
// CPython's argument clinic, and small conversions they all need.
//
// Stage: modules (private to the files above; nothing else includes it). Everything here is
// static: each module gets its own copy of the few helpers it uses.
#ifndef KAA_MODULES_NUMMODS_H
#define KAA_MODULES_NUMMODS_H

#include <string.h>

#include "modules/modules.h"

// A parameter list as the argument clinic describes it: names[0..total) in order; the first
// `posonly` are positional-only, the first `maxpos` may be given by position, the first
// `minpos` are required; the rest are keyword-only and optional.
typedef struct NmParams {
    const char *fname;  // "isclose": messages say "isclose() ..."
    const char *const *names;
    int total, posonly, maxpos, minpos;
} NmParams;

// The keyword value for `name`, or KAA_NULL.
static inline KaaValue nm_find_kw(KaaValue *kwvals, KaaTuple *kwnames, const char *name) {
    for (int64_t k = 0; kwnames && k < kwnames->len; k++) {
        if (kaa_str_eq_cstr(kwnames->items[k], name)) {
            return kwvals[k];
        }
    }
    return KAA_NULL;
}

// The first keyword that names no parameter (or a positional-only one), for the error.
KAA_NORETURN static inline void nm_bad_keyword(const NmParams *p, KaaTuple *kwnames) {
    for (int64_t k = 0; k < kwnames->len; k++) {
        bool known = false;
        for (int i = p->posonly; i < p->total && !known; i++) {
            known = kaa_str_eq_cstr(kwnames->items[k], p->names[i]);
        }
        if (!known) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", kwnames->items[k],
                                 p->fname);
        }
    }
    kaa_raise_type_error("%s() got an unexpected keyword argument", p->fname);
}

// The count checks that come before any keyword is matched (CPython's order).
static inline void nm_check_counts(const NmParams *p, size_t nargs, size_t nkw) {
    if (nargs + nkw > (size_t)p->total) {
        kaa_raise_type_error("%s() takes at most %d %sargument%s (%zu given)", p->fname, p->total,
                             nargs == 0 ? "keyword " : "", p->total == 1 ? "" : "s",
                             nargs + nkw);
    }
    if (nargs > (size_t)p->maxpos) {
        if (p->maxpos == 0) {
            kaa_raise_type_error("%s() takes no positional arguments", p->fname);
        }
        kaa_raise_type_error("%s() takes %s %d positional argument%s (%zu given)", p->fname,
                             p->minpos < p->maxpos ? "at most" : "exactly", p->maxpos,
                             p->maxpos == 1 ? "" : "s", nargs);
    }
    int minposonly = p->posonly < p->minpos ? p->posonly : p->minpos;
    if (nargs < (size_t)minposonly) {
        kaa_raise_type_error("%s() takes %s %d positional argument%s (%zu given)", p->fname,
                             minposonly < p->maxpos ? "at least" : "exactly", minposonly,
                             minposonly == 1 ? "" : "s", nargs);
    }
}

// Binds a vectorcall's arguments to out[0..total): KAA_NULL for an optional parameter not
// given. The messages are those of CPython 3.11's _PyArg_UnpackKeywords.
static inline void nm_bind(const NmParams *p, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                           KaaValue *out) {
    size_t nkw = KAA_NKW(kwnames);
    for (int i = 0; i < p->total; i++) {
        out[i] = (size_t)i < nargs ? args[i] : KAA_NULL;
    }
    if (nkw == 0 && nargs >= (size_t)p->minpos && nargs <= (size_t)p->maxpos) {
        return;  // the common case: positional arguments only
    }
    nm_check_counts(p, nargs, nkw);
    KaaValue *kwvals = args + nargs;
    size_t used = 0;
    for (int i = (int)nargs > p->posonly ? (int)nargs : p->posonly; i < p->total; i++) {
        KaaValue v = nkw ? nm_find_kw(kwvals, kwnames, p->names[i]) : KAA_NULL;
        if (v != KAA_NULL) {
            out[i] = v;
            used++;
        } else if (i < p->minpos) {
            kaa_raise_type_error("%s() missing required argument '%s' (pos %d)", p->fname,
                                 p->names[i], i + 1);
        }
    }
    if (used < nkw) {
        for (int i = p->posonly; (size_t)i < nargs; i++) {
            if (nm_find_kw(kwvals, kwnames, p->names[i]) != KAA_NULL) {
                kaa_raise_type_error("argument for %s() given by name ('%s') and position (%d)",
                                     p->fname, p->names[i], i + 1);
            }
        }
        nm_bad_keyword(p, kwnames);
    }
}

// An argument that must be an int (or have __index__), as a C ssize_t: CPython's
// "'float' object cannot be interpreted as an integer" and, for ints that do not fit,
// OverflowError "Python int too large to convert to C ssize_t".
static inline int64_t nm_ssize_arg(KaaValue v) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    KaaValue i = kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    return out;
}

// The same for a C int argument ("Python int too large to convert to C int").
static inline int nm_int_arg(KaaValue v) {
    KaaValue i = kaa_is_int(v) ? v : kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out) || out > INT32_MAX || out < INT32_MIN) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    return (int)out;
}

// ---- buffers ------------------------------------------------------------------------------------

// The bytes of a bytes-like argument (bytes, bytearray, memoryview, array), or false.
static inline bool nm_buffer(KaaValue v, const uint8_t **data, size_t *len) {
    return kaa_buffer_get(v, data, len);
}

// The same, or TypeError "a bytes-like object is required, not 'str'".
static inline void nm_read_buffer(KaaValue v, const uint8_t **data, size_t *len) {
    if (!nm_buffer(v, data, len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'", kaa_type_name_of(v));
    }
}

// a < b with the immediates compared inline (bisect, heapq: the common case of numbers).
static inline bool nm_lt(KaaValue a, KaaValue b) {
    if (kaa_is_int(a) && kaa_is_int(b)) {
        return kaa_int_val(a) < kaa_int_val(b);
    }
    if (kaa_is_float(a) && kaa_is_float(b)) {
        return kaa_float_val(a) < kaa_float_val(b);
    }
    return kaa_richcompare_bool(a, b, KAA_LT);
}

#endif
