// objects/str_methods.c — the methods of str and the slots behind s[i], `in`, s * n, iter(s)
// and str(...).
//
// Stage: objects. Owns kaa_str_methods (the method table str.c's type points at), the
// str_iterator type, searching (find, count, split, replace, ...), case mapping and the
// character classes (isalpha, ...; tables generated into build/gen/special_casing.h from the
// Unicode data files by tools/gen_special_casing.c), and str.join.
// Must not: know how a KaaStr is allocated beyond kaa_str_new_raw and friends (str.c owns
// the representation), or format anything (format.c), or encode/decode (str_codecs.c).
//
// Every result has the narrowest kind. Kind-1 (and especially ASCII) strings take fast paths
// on bytes: memchr/memmem for searching, byte tables for case mapping.
#include <stdint.h>
#include <string.h>

#include "objects/objects.h"
#include "objects/str_internal.h"
#include "special_casing.h"

// ---- character classes --------------------------------------------------------------------

static inline const UcRecord *uc(uint32_t c) {
    size_t block = uc_index1[c >> UC_BLOCK_SHIFT];
    return &uc_records[uc_index2[(block << UC_BLOCK_SHIFT) | (c & ((1u << UC_BLOCK_SHIFT) - 1))]];
}

static inline unsigned uc_flags(uint32_t c) {
    return c < 0x110000 ? uc(c)->flags : 0;
}

// Python's whitespace: bidirectional class WS, B or S, or category Zs.
static inline bool is_space(uint32_t c) {
    if (c < 128) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }
    return (uc_flags(c) & UC_SPACE) != 0;
}

// The line boundaries of str.splitlines.
static inline bool is_linebreak(uint32_t c) {
    if (c < 128) {
        return c == '\n' || c == '\r' || c == 11 || c == 12 || (c >= 28 && c <= 30);
    }
    return c == 0x85 || c == 0x2028 || c == 0x2029;
}

static inline bool is_cased(uint32_t c) { return (uc_flags(c) & UC_CASED) != 0; }
static inline bool is_case_ignorable(uint32_t c) { return (uc_flags(c) & UC_CASE_IGNORABLE) != 0; }

// ---- full case mappings ------------------------------------------------------------------
// Each writes 1 to 3 code points to out and returns how many. Only characters flagged
// UC_SPECIAL / UC_FOLD look in the (binary-searched) special tables.

static const UcSpecial *find_special(uint32_t c) {
    size_t lo = 0, hi = sizeof uc_specials / sizeof uc_specials[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (uc_specials[mid].cp < c) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < sizeof uc_specials / sizeof uc_specials[0] && uc_specials[lo].cp == c
               ? &uc_specials[lo]
               : NULL;
}

static int copy_map(const uint32_t *map, uint32_t *out) {
    int n = 0;
    while (n < 3 && map[n]) {
        out[n] = map[n];
        n++;
    }
    return n;
}

enum { MAP_LOWER, MAP_TITLE, MAP_UPPER };

static int full_map(uint32_t c, int which, uint32_t *out) {
    const UcRecord *r = uc(c);
    if (r->flags & UC_SPECIAL) {
        return copy_map(find_special(c)->map[which], out);
    }
    int32_t delta = which == MAP_LOWER ? r->lower : which == MAP_UPPER ? r->upper : r->title;
    out[0] = (uint32_t)((int32_t)c + delta);
    return 1;
}

static int full_fold(uint32_t c, uint32_t *out) {
    const UcRecord *r = uc(c);
    if (!(r->flags & UC_FOLD)) {
        out[0] = (uint32_t)((int32_t)c + r->lower);
        return 1;
    }
    size_t lo = 0, hi = sizeof uc_folds / sizeof uc_folds[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (uc_folds[mid].cp < c) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < sizeof uc_folds / sizeof uc_folds[0] && uc_folds[lo].cp == c) {
        return copy_map(uc_folds[lo].map, out);
    }
    out[0] = c;  // not in CaseFolding.txt: folds to itself
    return 1;
}

// Capital sigma lowercases to final sigma after a cased letter (skipping case-ignorable
// characters) when no cased letter follows (again skipping case-ignorable ones).
static uint32_t lower_sigma(const KaaStr *s, size_t i) {
    size_t j = i;
    uint32_t c = 0;
    while (j > 0) {
        c = kaa_str_char(s, --j);
        if (!is_case_ignorable(c)) {
            break;
        }
    }
    if (j == i || is_case_ignorable(c) || !is_cased(c)) {
        return 0x3C3;
    }
    for (j = i + 1; j < s->len; j++) {
        c = kaa_str_char(s, j);
        if (!is_case_ignorable(c)) {
            return is_cased(c) ? 0x3C3 : 0x3C2;
        }
    }
    return 0x3C2;
}

static int lower_at(const KaaStr *s, size_t i, uint32_t c, uint32_t *out) {
    if (c == 0x3A3) {
        out[0] = lower_sigma(s, i);
        return 1;
    }
    return full_map(c, MAP_LOWER, out);
}

static void put_mapped(StrWriter *w, const uint32_t *m, int n) {
    for (int k = 0; k < n; k++) {
        sw_putc(w, m[k]);
    }
}

// ---- argument checking -------------------------------------------------------------------
// CPython's str methods use several styles of messages; each helper reproduces one.

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

static void no_kw(const char *name, KaaTuple *kw) {
    if (KAA_NKW(kw)) {
        kaa_raise_type_error("str.%s() takes no keyword arguments", name);
    }
}

static void args_none(const char *name, size_t nargs, KaaTuple *kw) {
    no_kw(name, kw);
    if (nargs) {
        kaa_raise_type_error("str.%s() takes no arguments (%zu given)", name, nargs);
    }
}

static void args_one(const char *name, size_t nargs, KaaTuple *kw) {
    no_kw(name, kw);
    if (nargs != 1) {
        kaa_raise_type_error("str.%s() takes exactly one argument (%zu given)", name, nargs);
    }
}

// "center expected at least 1 argument, got 0" (Argument Clinic, positional only).
static void args_range(const char *name, size_t nargs, KaaTuple *kw, size_t min, size_t max) {
    no_kw(name, kw);
    if (nargs < min) {
        kaa_raise_type_error("%s expected at least %zu argument%s, got %zu", name, min,
                             plural(min), nargs);
    }
    if (nargs > max) {
        kaa_raise_type_error("%s expected at most %zu argument%s, got %zu", name, max,
                             plural(max), nargs);
    }
}

// "find() takes at least 1 argument (0 given)" (the older argument parser).
static void args_old(const char *name, size_t nargs, KaaTuple *kw, size_t min, size_t max) {
    no_kw(name, kw);
    if (nargs < min) {
        kaa_raise_type_error("%s() takes at least %zu argument%s (%zu given)", name, min,
                             plural(min), nargs);
    }
    if (nargs > max) {
        kaa_raise_type_error("%s() takes at most %zu argument%s (%zu given)", name, max,
                             plural(max), nargs);
    }
}

// Binds positional and keyword arguments to `params` (all optional); out[i] is KAA_NULL for
// a parameter not given.
static void args_kw(const char *name, KaaValue *args, size_t nargs, KaaTuple *kw,
                    const char *const *params, size_t nparams, KaaValue *out) {
    size_t nkw = KAA_NKW(kw);
    if (nargs + nkw > nparams) {
        kaa_raise_type_error("%s() takes at most %zu argument%s (%zu given)", name, nparams,
                             plural(nparams), nargs + nkw);
    }
    for (size_t i = 0; i < nparams; i++) {
        out[i] = i < nargs ? args[i] : KAA_NULL;
    }
    for (size_t k = 0; k < nkw; k++) {
        KaaValue key = kw->items[k];
        size_t i = 0;
        while (i < nparams && !kaa_str_eq_cstr(key, params[i])) {
            i++;
        }
        if (i == nparams) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", key, name);
        }
        if (i < nargs) {
            kaa_raise_type_error("argument for %s() given by name ('%s') and position (%zu)",
                                 name, params[i], i + 1);
        }
        out[i] = args[nargs + k];
    }
}

static bool has_index(KaaValue v) {
    return kaa_is_int(v) || kaa_is_int_like(v) || kaa_type_of(v)->index != NULL;
}

// An integer argument through __index__ (CPython's "n" format): raises TypeError for
// non-integers and OverflowError when it does not fit.
static int64_t arg_ssize(KaaValue v) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    if (!has_index(v)) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(v));
    }
    int64_t i;
    if (!kaa_int_to_i64(kaa_index(v), &i)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    return i;
}

// A start/end argument: None or an index, clamped like CPython's slice indices.
static int64_t arg_slice_index(KaaValue v, int64_t dflt) {
    if (v == KAA_NULL || v == kaa_None) {
        return dflt;
    }
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    if (!has_index(v)) {
        kaa_raise_type_error("slice indices must be integers or None or have an __index__ method");
    }
    KaaValue i = kaa_index(v);
    int64_t r;
    if (!kaa_int_to_i64(i, &r)) {
        r = kaa_int_sign(i) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    return r;
}

// CPython's ADJUST_INDICES: clamps start and end into [0, len] as slicing does.
static void adjust_indices(int64_t *start, int64_t *end, int64_t len) {
    if (*end > len) {
        *end = len;
    } else if (*end < 0) {
        *end += len;
        if (*end < 0) {
            *end = 0;
        }
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0) {
            *start = 0;
        }
    }
}

static KaaStr *arg_str(KaaValue v, const char *fmt_with_type) {
    if (!kaa_is_str(v)) {
        kaa_raise_type_error(fmt_with_type, kaa_type_name_of(v));
    }
    return kaa_str(v);
}

// Argument Clinic's messages name None as "None", not "NoneType".
static const char *clinic_type_name(KaaValue v) {
    return v == kaa_None ? "None" : kaa_type_name_of(v);
}

static KaaStr *clinic_arg_str(KaaValue v, const char *fmt_with_type) {
    if (!kaa_is_str(v)) {
        kaa_raise_type_error(fmt_with_type, clinic_type_name(v));
    }
    return kaa_str(v);
}

// ---- small constructors ------------------------------------------------------------------

// One shared '' (a static, so the collector sees it as a root).
static KaaValue empty_str(void) {
    static KaaValue empty;
    if (empty == KAA_NULL) {
        empty = kaa_str_from_ascii("", 0);
    }
    return empty;
}

KaaValue kaa_str_exact(KaaValue s) {
    if (kaa_is_type(s, &kaa_str_type)) {
        return s;
    }
    const KaaStr *src = kaa_str(s);
    KaaValue r = kaa_str_new_raw(src->len, src->kind, src->ascii);
    memcpy(kaa_str(r)->data, src->data, (src->len + 1) * src->kind);
    return r;
}

// s[start:end] as an exact str (s itself when that is the whole of an exact str).
static KaaValue substr(KaaValue s, size_t start, size_t end) {
    if (start == 0 && end == kaa_str(s)->len) {
        return kaa_str_exact(s);
    }
    return kaa_str_substr(s, start, end);
}

// ---- searching ---------------------------------------------------------------------------
// A needle is compared in the haystack's kind. A needle of a wider kind than the haystack
// cannot occur in it (kinds are always the narrowest); a narrower one is widened into `tmp`.

typedef struct {
    const uint8_t *p;
    size_t len;
    int kind;
    uint32_t tmp[16];  // small needles are widened here, larger ones on the heap
} Needle;

static bool needle_init(Needle *n, const KaaStr *needle, int kind) {
    n->len = needle->len;
    n->kind = kind;
    if (needle->kind == kind) {
        n->p = needle->data;
        return true;
    }
    if (needle->kind > kind) {
        return false;
    }
    uint8_t *buf = needle->len * kind <= sizeof n->tmp ? (uint8_t *)n->tmp
                                                       : kaa_alloc_atomic(needle->len * kind);
    for (size_t i = 0; i < needle->len; i++) {
        uint32_t c = kaa_str_char(needle, i);
        if (kind == 2) {
            ((uint16_t *)buf)[i] = (uint16_t)c;
        } else {
            ((uint32_t *)buf)[i] = c;
        }
    }
    n->p = buf;
    return true;
}

static inline uint32_t unit_at(const uint8_t *p, int kind, size_t i) {
    switch (kind) {
    case 1: return p[i];
    case 2: return ((const uint16_t *)p)[i];
    default: return ((const uint32_t *)p)[i];
    }
}

// The searches below are in the spirit of Boyer-Moore-Horspool with a Sunday-style look past
// the window: compare the window's edge unit first; when the window fails, shift to the
// needle's previous occurrence of that unit, or past the whole window when the unit just
// beyond it is not in the needle (a 64-bit bloom of the needle's units says). No tables are
// allocated, so short searches cost little to set up. Each is instantiated per kind.
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define BLOOM(c) ((uint64_t)1 << ((c) & 63))

static ALWAYS_INLINE int64_t search_fwd_k(const uint8_t *h, size_t start, size_t end,
                                          const uint8_t *nd, size_t nl, int k) {
    uint32_t last = unit_at(nd, k, nl - 1);
    uint64_t bloom = BLOOM(last);
    size_t skip = nl - 1;
    for (size_t j = 0; j + 1 < nl; j++) {
        uint32_t c = unit_at(nd, k, j);
        bloom |= BLOOM(c);
        if (c == last) {
            skip = nl - 2 - j;
        }
    }
    size_t limit = end - nl;
    for (size_t i = start; i <= limit;) {
        size_t shift = 1;
        if (unit_at(h, k, i + nl - 1) == last) {
            if (memcmp(h + i * k, nd, (nl - 1) * k) == 0) {
                return (int64_t)i;
            }
            shift = skip + 1;
        }
        if (i < limit && !(bloom & BLOOM(unit_at(h, k, i + nl)))) {
            shift = nl + 1;
        }
        i += shift;
    }
    return -1;
}

static ALWAYS_INLINE int64_t search_rev_k(const uint8_t *h, size_t start, size_t end,
                                          const uint8_t *nd, size_t nl, int k) {
    uint32_t first = unit_at(nd, k, 0);
    uint64_t bloom = BLOOM(first);
    size_t skip = nl - 1;
    for (size_t j = nl - 1; j > 0; j--) {
        uint32_t c = unit_at(nd, k, j);
        bloom |= BLOOM(c);
        if (c == first) {
            skip = j - 1;
        }
    }
    for (int64_t i = (int64_t)(end - nl); i >= (int64_t)start;) {
        size_t shift = 1;
        if (unit_at(h, k, (size_t)i) == first) {
            if (memcmp(h + ((size_t)i + 1) * k, nd + k, (nl - 1) * k) == 0) {
                return i;
            }
            shift = skip + 1;
        }
        if (i > (int64_t)start && !(bloom & BLOOM(unit_at(h, k, (size_t)i - 1)))) {
            shift = nl + 1;
        }
        i -= (int64_t)shift;
    }
    return -1;
}

static int64_t char_fwd(const KaaStr *h, size_t start, size_t end, uint32_t c) {
    if (h->kind == 1) {
        const uint8_t *hit = memchr(h->data + start, (int)c, end - start);
        return hit ? hit - h->data : -1;
    }
    for (size_t i = start; i < end; i++) {
        if (kaa_str_char(h, i) == c) {
            return (int64_t)i;
        }
    }
    return -1;
}

static int64_t char_rev(const KaaStr *h, size_t start, size_t end, uint32_t c) {
    if (h->kind == 1) {
        const uint8_t *hit = memrchr(h->data + start, (int)c, end - start);
        return hit ? hit - h->data : -1;
    }
    for (size_t i = end; i > start; i--) {
        if (kaa_str_char(h, i - 1) == c) {
            return (int64_t)i - 1;
        }
    }
    return -1;
}

// First index i in [start, end - n->len] where the needle occurs, or -1.
static int64_t find_fwd(const KaaStr *h, size_t start, size_t end, const Needle *n) {
    size_t nl = n->len;
    if (end < start || end - start < nl) {
        return -1;
    }
    if (nl <= 1) {
        return nl == 0 ? (int64_t)start : char_fwd(h, start, end, unit_at(n->p, n->kind, 0));
    }
    switch (h->kind) {
    case 1: return search_fwd_k(h->data, start, end, n->p, nl, 1);
    case 2: return search_fwd_k(h->data, start, end, n->p, nl, 2);
    default: return search_fwd_k(h->data, start, end, n->p, nl, 4);
    }
}

// Last index i in [start, end - n->len] where the needle occurs, or -1.
static int64_t find_rev(const KaaStr *h, size_t start, size_t end, const Needle *n) {
    size_t nl = n->len;
    if (end < start || end - start < nl) {
        return -1;
    }
    if (nl <= 1) {
        return nl == 0 ? (int64_t)end : char_rev(h, start, end, unit_at(n->p, n->kind, 0));
    }
    switch (h->kind) {
    case 1: return search_rev_k(h->data, start, end, n->p, nl, 1);
    case 2: return search_rev_k(h->data, start, end, n->p, nl, 2);
    default: return search_rev_k(h->data, start, end, n->p, nl, 4);
    }
}

static int64_t count_in(const KaaStr *h, size_t start, size_t end, const Needle *n,
                        int64_t maxcount) {
    if (end < start || end - start < n->len) {
        return 0;
    }
    if (n->len == 0) {
        int64_t c = (int64_t)(end - start) + 1;
        return c < maxcount ? c : maxcount;
    }
    int64_t count = 0;
    if (n->len == 1 && h->kind == 1) {
        // One byte: a plain counting loop (vectorised) beats repeated memchr calls.
        uint8_t c = n->p[0];
        for (size_t i = start; i < end; i++) {
            count += h->data[i] == c;
        }
        return count < maxcount ? count : maxcount;
    }
    size_t i = start;
    while (count < maxcount) {
        int64_t pos = find_fwd(h, i, end, n);
        if (pos < 0) {
            break;
        }
        count++;
        i = (size_t)pos + n->len;
    }
    return count;
}

// Does h[pos:pos+len(sub)] equal sub? The caller checked the bounds.
static bool match_at(const KaaStr *h, size_t pos, const KaaStr *sub) {
    if (h->kind == sub->kind) {
        return memcmp(h->data + pos * h->kind, sub->data, sub->len * sub->kind) == 0;
    }
    for (size_t i = 0; i < sub->len; i++) {
        if (kaa_str_char(h, pos + i) != kaa_str_char(sub, i)) {
            return false;
        }
    }
    return true;
}

// ---- find, rfind, index, rindex, count ---------------------------------------------------

typedef struct {
    KaaStr *sub;
    int64_t start, end;
} FindArgs;

static void parse_find(const char *name, KaaValue self, KaaValue *args, size_t nargs,
                       KaaTuple *kw, FindArgs *fa) {
    args_old(name, nargs, kw, 1, 3);
    fa->start = arg_slice_index(nargs > 1 ? args[1] : KAA_NULL, 0);
    fa->end = arg_slice_index(nargs > 2 ? args[2] : KAA_NULL, INT64_MAX / 2);
    fa->sub = arg_str(args[0], "must be str, not %s");
    adjust_indices(&fa->start, &fa->end, (int64_t)kaa_str(self)->len);
}

static int64_t do_find(KaaValue self, const FindArgs *fa, bool reverse) {
    KaaStr *s = kaa_str(self);
    if (fa->end - fa->start < (int64_t)fa->sub->len) {
        return -1;
    }
    Needle n;
    if (!needle_init(&n, fa->sub, s->kind)) {
        return -1;
    }
    size_t st = (size_t)fa->start, en = (size_t)fa->end;
    return reverse ? find_rev(s, st, en, &n) : find_fwd(s, st, en, &n);
}

static KaaValue str_find(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    FindArgs fa;
    parse_find("find", self, args, nargs, kw, &fa);
    return kaa_from_small(do_find(self, &fa, false));
}

static KaaValue str_rfind(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    FindArgs fa;
    parse_find("rfind", self, args, nargs, kw, &fa);
    return kaa_from_small(do_find(self, &fa, true));
}

static KaaValue str_index(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    FindArgs fa;
    parse_find("index", self, args, nargs, kw, &fa);
    int64_t r = do_find(self, &fa, false);
    if (r < 0) {
        kaa_raise_value_error("substring not found");
    }
    return kaa_from_small(r);
}

static KaaValue str_rindex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    FindArgs fa;
    parse_find("rindex", self, args, nargs, kw, &fa);
    int64_t r = do_find(self, &fa, true);
    if (r < 0) {
        kaa_raise_value_error("substring not found");
    }
    return kaa_from_small(r);
}

static KaaValue str_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    FindArgs fa;
    parse_find("count", self, args, nargs, kw, &fa);
    KaaStr *s = kaa_str(self);
    if (fa.end - fa.start < (int64_t)fa.sub->len) {
        return kaa_from_small(0);
    }
    Needle n;
    if (!needle_init(&n, fa.sub, s->kind)) {
        return kaa_from_small(0);
    }
    return kaa_from_small(count_in(s, (size_t)fa.start, (size_t)fa.end, &n, INT64_MAX));
}

// ---- startswith, endswith ----------------------------------------------------------------

static bool tail_match(const KaaStr *s, const KaaStr *sub, int64_t start, int64_t end,
                       bool at_end) {
    adjust_indices(&start, &end, (int64_t)s->len);
    end -= (int64_t)sub->len;
    if (end < start) {
        return false;
    }
    if (sub->len == 0) {
        return true;
    }
    return match_at(s, (size_t)(at_end ? end : start), sub);
}

static KaaValue starts_ends(const char *name, KaaValue self, KaaValue *args, size_t nargs,
                            KaaTuple *kw, bool at_end) {
    args_old(name, nargs, kw, 1, 3);
    int64_t start = arg_slice_index(nargs > 1 ? args[1] : KAA_NULL, 0);
    int64_t end = arg_slice_index(nargs > 2 ? args[2] : KAA_NULL, INT64_MAX / 2);
    KaaValue x = args[0];
    if (kaa_is_tuple(x)) {
        KaaTuple *t = kaa_tuple(x);
        for (int64_t i = 0; i < t->len; i++) {
            if (!kaa_is_str(t->items[i])) {
                kaa_raise_type_error("tuple for %s must only contain str, not %s", name,
                                     kaa_type_name_of(t->items[i]));
            }
            if (tail_match(kaa_str(self), kaa_str(t->items[i]), start, end, at_end)) {
                return kaa_True;
            }
        }
        return kaa_False;
    }
    if (!kaa_is_str(x)) {
        kaa_raise_type_error("%s first arg must be str or a tuple of str, not %s", name,
                             kaa_type_name_of(x));
    }
    return kaa_bool(tail_match(kaa_str(self), kaa_str(x), start, end, at_end));
}

static KaaValue str_startswith(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return starts_ends("startswith", self, args, nargs, kw, false);
}

static KaaValue str_endswith(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return starts_ends("endswith", self, args, nargs, kw, true);
}

// ---- split, rsplit, splitlines -----------------------------------------------------------

static const char *const split_params[] = {"sep", "maxsplit"};

static void parse_split(const char *name, KaaValue *args, size_t nargs, KaaTuple *kw,
                        KaaStr **sep, int64_t *maxsplit) {
    KaaValue a[2];
    args_kw(name, args, nargs, kw, split_params, 2, a);
    *sep = NULL;
    if (a[0] != KAA_NULL && a[0] != kaa_None) {
        *sep = arg_str(a[0], "must be str or None, not %s");
        if ((*sep)->len == 0) {
            kaa_raise_value_error("empty separator");
        }
    }
    *maxsplit = a[1] != KAA_NULL ? arg_ssize(a[1]) : -1;
    if (*maxsplit < 0) {
        *maxsplit = INT64_MAX;
    }
}

// Latin-1 whitespace as a table, for the kind-1 loops.
static const bool latin1_space[256] = {
    [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1,
    [32] = 1, [0x85] = 1, [0xA0] = 1,
};

static void split_ws_1(KaaValue self, int64_t maxsplit, KaaList *out) {
    const KaaStr *s = kaa_str(self);
    const uint8_t *p = s->data;
    size_t i = 0, len = s->len;
    while (maxsplit-- > 0) {
        while (i < len && latin1_space[p[i]]) {
            i++;
        }
        if (i == len) {
            return;
        }
        size_t j = i++;
        while (i < len && !latin1_space[p[i]]) {
            i++;
        }
        kaa_list_append(out, j == 0 && i == len ? kaa_str_exact(self)
                             : s->ascii        ? kaa_str_from_ascii((const char *)p + j, i - j)
                                               : kaa_str_substr(self, j, i));
    }
    while (i < len && latin1_space[p[i]]) {
        i++;
    }
    if (i < len) {
        kaa_list_append(out, substr(self, i, len));
    }
}

// Whitespace splitting of any kind (kind 1 has its own loop above).
static void split_ws(KaaValue self, int64_t maxsplit, KaaList *out) {
    const KaaStr *s = kaa_str(self);
    if (s->kind == 1) {
        split_ws_1(self, maxsplit, out);
        return;
    }
    size_t i = 0, len = s->len;
    while (maxsplit-- > 0) {
        while (i < len && is_space(kaa_str_char(s, i))) {
            i++;
        }
        if (i == len) {
            return;
        }
        size_t j = i++;
        while (i < len && !is_space(kaa_str_char(s, i))) {
            i++;
        }
        kaa_list_append(out, substr(self, j, i));
    }
    while (i < len && is_space(kaa_str_char(s, i))) {
        i++;
    }
    if (i < len) {
        kaa_list_append(out, substr(self, i, len));
    }
}

static void rsplit_ws(KaaValue self, int64_t maxsplit, KaaList *out) {
    const KaaStr *s = kaa_str(self);
    size_t i = s->len;  // one past the character looked at next
    while (maxsplit-- > 0) {
        while (i > 0 && is_space(kaa_str_char(s, i - 1))) {
            i--;
        }
        if (i == 0) {
            return;
        }
        size_t j = i--;
        while (i > 0 && !is_space(kaa_str_char(s, i - 1))) {
            i--;
        }
        kaa_list_append(out, substr(self, i, j));
    }
    while (i > 0 && is_space(kaa_str_char(s, i - 1))) {
        i--;
    }
    if (i > 0) {
        kaa_list_append(out, substr(self, 0, i));
    }
}

static void split_sep(KaaValue self, const KaaStr *sep, int64_t maxsplit, KaaList *out) {
    const KaaStr *s = kaa_str(self);
    Needle n;
    size_t i = 0;
    if (needle_init(&n, sep, s->kind)) {
        while (maxsplit-- > 0) {
            int64_t pos = find_fwd(s, i, s->len, &n);
            if (pos < 0) {
                break;
            }
            kaa_list_append(out, substr(self, i, (size_t)pos));
            i = (size_t)pos + sep->len;
        }
    }
    kaa_list_append(out, substr(self, i, s->len));
}

static void rsplit_sep(KaaValue self, const KaaStr *sep, int64_t maxsplit, KaaList *out) {
    const KaaStr *s = kaa_str(self);
    Needle n;
    size_t j = s->len;
    if (needle_init(&n, sep, s->kind)) {
        while (maxsplit-- > 0) {
            int64_t pos = find_rev(s, 0, j, &n);
            if (pos < 0) {
                break;
            }
            kaa_list_append(out, substr(self, (size_t)pos + sep->len, j));
            j = (size_t)pos;
        }
    }
    kaa_list_append(out, substr(self, 0, j));
}

static void list_reverse(KaaList *l) {
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        KaaValue t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
}

static KaaValue str_split(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaStr *sep;
    int64_t maxsplit;
    parse_split("split", args, nargs, kw, &sep, &maxsplit);
    KaaList *out = kaa_list_with_capacity(8);
    if (sep) {
        split_sep(self, sep, maxsplit, out);
    } else {
        split_ws(self, maxsplit, out);
    }
    return kaa_from_obj(out);
}

static KaaValue str_rsplit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaStr *sep;
    int64_t maxsplit;
    parse_split("rsplit", args, nargs, kw, &sep, &maxsplit);
    KaaList *out = kaa_list_with_capacity(8);
    if (sep) {
        rsplit_sep(self, sep, maxsplit, out);
    } else {
        rsplit_ws(self, maxsplit, out);
    }
    list_reverse(out);
    return kaa_from_obj(out);
}

static KaaValue str_splitlines(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"keepends"};
    KaaValue keep_arg;
    args_kw("splitlines", args, nargs, kw, params, 1, &keep_arg);
    bool keepends = keep_arg != KAA_NULL && arg_ssize(keep_arg) != 0;
    const KaaStr *s = kaa_str(self);
    KaaList *out = kaa_list_with_capacity(8);
    size_t i = 0, len = s->len;
    while (i < len) {
        size_t j = i;
        while (i < len && !is_linebreak(kaa_str_char(s, i))) {
            i++;
        }
        size_t eol = i;
        if (i < len) {
            bool crlf = kaa_str_char(s, i) == '\r' && i + 1 < len && kaa_str_char(s, i + 1) == '\n';
            i += crlf ? 2 : 1;
            if (keepends) {
                eol = i;
            }
        }
        kaa_list_append(out, substr(self, j, eol));
    }
    return kaa_from_obj(out);
}

// ---- partition, rpartition ---------------------------------------------------------------

static KaaValue partition(const char *name, KaaValue self, KaaValue *args, size_t nargs,
                          KaaTuple *kw, bool reverse) {
    args_one(name, nargs, kw);
    KaaStr *sep = arg_str(args[0], "must be str, not %s");
    if (sep->len == 0) {
        kaa_raise_value_error("empty separator");
    }
    KaaStr *s = kaa_str(self);
    Needle n;
    int64_t pos = -1;
    if (needle_init(&n, sep, s->kind)) {
        pos = reverse ? find_rev(s, 0, s->len, &n) : find_fwd(s, 0, s->len, &n);
    }
    KaaValue empty = empty_str();
    if (pos < 0) {
        KaaValue whole = kaa_str_exact(self);
        return kaa_from_obj(reverse ? kaa_tuple_pack(3, empty, empty, whole)
                                    : kaa_tuple_pack(3, whole, empty, empty));
    }
    KaaValue head = substr(self, 0, (size_t)pos);
    KaaValue tail = substr(self, (size_t)pos + sep->len, s->len);
    return kaa_from_obj(kaa_tuple_pack(3, head, kaa_str_exact(args[0]), tail));
}

static KaaValue str_partition(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return partition("partition", self, args, nargs, kw, false);
}

static KaaValue str_rpartition(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return partition("rpartition", self, args, nargs, kw, true);
}

// ---- join --------------------------------------------------------------------------------

// The items of a list or tuple in place, anything else through a new list. An object with
// neither __iter__ nor __getitem__ is "not iterable" in join's own words.
static KaaValue *join_items(KaaValue iterable, int64_t *n) {
    if (kaa_is_list(iterable)) {
        *n = kaa_list(iterable)->len;
        return kaa_list(iterable)->items;
    }
    if (kaa_is_tuple(iterable)) {
        *n = kaa_tuple(iterable)->len;
        return kaa_tuple(iterable)->items;
    }
    KaaType *t = kaa_type_of(iterable);
    if (t->iter == NULL && t->getitem == NULL) {
        kaa_raise_type_error("can only join an iterable");
    }
    KaaValue list = kaa_sequence_list(iterable);
    *n = kaa_list(list)->len;
    return kaa_list(list)->items;
}

static void copy_units(uint8_t *dst, int dkind, const KaaStr *src) {
    if (dkind == src->kind) {
        memcpy(dst, src->data, src->len * dkind);
        return;
    }
    for (size_t i = 0; i < src->len; i++) {
        uint32_t c = kaa_str_char(src, i);
        if (dkind == 2) {
            ((uint16_t *)dst)[i] = (uint16_t)c;
        } else {
            ((uint32_t *)dst)[i] = c;
        }
    }
}

static KaaValue do_join(KaaValue sep, KaaValue iterable) {
    int64_t n;
    KaaValue *items = join_items(iterable, &n);
    if (n == 0) {
        return empty_str();
    }
    if (n == 1 && kaa_is_type(items[0], &kaa_str_type)) {
        return items[0];
    }
    // First pass: check the items and size the result; the kind is the widest of all.
    // The separator only counts when it appears, i.e. between at least two items.
    const KaaStr *sp = kaa_str(sep);
    size_t total = sp->len * (size_t)(n - 1);
    int kind = n > 1 ? sp->kind : 1;
    bool ascii = sp->ascii || n == 1;
    for (int64_t i = 0; i < n; i++) {
        if (!kaa_is_str(items[i])) {
            kaa_raise_type_error("sequence item %lld: expected str instance, %s found",
                                 (long long)i, kaa_type_name_of(items[i]));
        }
        const KaaStr *it = kaa_str(items[i]);
        total += it->len;
        kind = it->kind > kind ? it->kind : kind;
        ascii = ascii && it->ascii;
    }
    if (total > ((size_t)1 << 60)) {
        kaa_raise_overflow("join() result is too long for a Python string");
    }
    KaaValue r = kaa_str_new_raw(total, kind, ascii);
    uint8_t *dst = kaa_str(r)->data;
    for (int64_t i = 0; i < n; i++) {
        if (i > 0 && sp->len) {
            copy_units(dst, kind, sp);
            dst += sp->len * kind;
        }
        const KaaStr *it = kaa_str(items[i]);
        copy_units(dst, kind, it);
        dst += it->len * kind;
    }
    memset(dst, 0, kind);
    return r;
}

static KaaValue str_join(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("join", nargs, kw);
    return do_join(self, args[0]);
}

// ---- replace -----------------------------------------------------------------------------

// Same-length one-character replacement in a kind-1 string: copy, then patch the bytes.
static KaaValue replace_byte(const KaaStr *s, uint8_t from, uint8_t to, int64_t count) {
    bool ascii = s->ascii && to < 128;
    KaaValue r = kaa_str_new_raw(s->len, 1, ascii);
    uint8_t *d = kaa_str(r)->data;
    memcpy(d, s->data, s->len + 1);
    uint8_t *p = d, *end = d + s->len;
    while (count-- > 0 && (p = memchr(p, from, (size_t)(end - p))) != NULL) {
        *p++ = to;
    }
    if (!s->ascii && to < 128) {
        // Replacing the last non-ASCII characters may leave an ASCII string.
        uint8_t any = 0;
        for (size_t i = 0; i < s->len; i++) {
            any |= d[i];
        }
        kaa_str(r)->ascii = any < 128;
    }
    return r;
}

static KaaValue replace_empty(KaaValue self, const KaaStr *new_, int64_t count) {
    const KaaStr *s = kaa_str(self);
    StrWriter w;
    sw_init(&w);
    for (size_t i = 0; i <= s->len; i++) {
        if ((int64_t)i < count) {
            sw_put_sub(&w, new_, 0, new_->len);
        }
        if (i < s->len) {
            sw_put_sub(&w, s, i, i + 1);
        }
    }
    return sw_finish(&w);
}

static KaaValue do_replace(KaaValue self, const KaaStr *old, const KaaStr *new_, int64_t count) {
    const KaaStr *s = kaa_str(self);
    if (count < 0) {
        count = INT64_MAX;
    }
    if (count == 0 || old->len > s->len) {
        return kaa_str_exact(self);
    }
    if (old->len == 0) {
        return replace_empty(self, new_, count);
    }
    Needle n;
    if (!needle_init(&n, old, s->kind)) {
        return kaa_str_exact(self);
    }
    int64_t pos = find_fwd(s, 0, s->len, &n);
    if (pos < 0) {
        return kaa_str_exact(self);
    }
    if (s->kind == 1 && old->len == 1 && new_->len == 1 && new_->kind == 1) {
        return replace_byte(s, s->data[pos], new_->data[0], count);
    }
    StrWriter w;
    sw_init(&w);
    size_t i = 0;
    while (count-- > 0 && pos >= 0) {
        sw_put_sub(&w, s, i, (size_t)pos);
        sw_put_sub(&w, new_, 0, new_->len);
        i = (size_t)pos + old->len;
        pos = find_fwd(s, i, s->len, &n);
    }
    sw_put_sub(&w, s, i, s->len);
    return sw_finish(&w);
}

static KaaValue str_replace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("replace", nargs, kw, 2, 3);
    KaaStr *old = clinic_arg_str(args[0], "replace() argument 1 must be str, not %s");
    KaaStr *new_ = clinic_arg_str(args[1], "replace() argument 2 must be str, not %s");
    int64_t count = nargs > 2 ? arg_ssize(args[2]) : -1;
    return do_replace(self, old, new_, count);
}

// ---- strip, lstrip, rstrip ---------------------------------------------------------------

// The characters to strip: a bitmap for code points below 256, the string itself for others.
typedef struct {
    uint64_t bits[4];
    const KaaStr *chars;  // NULL: whitespace
} CharSet;

static void charset_init(CharSet *cs, const KaaStr *chars) {
    memset(cs->bits, 0, sizeof cs->bits);
    cs->chars = chars;
    for (size_t i = 0; chars && i < chars->len; i++) {
        uint32_t c = kaa_str_char(chars, i);
        if (c < 256) {
            cs->bits[c >> 6] |= (uint64_t)1 << (c & 63);
        }
    }
}

static bool charset_has(const CharSet *cs, uint32_t c) {
    if (!cs->chars) {
        return is_space(c);
    }
    if (c < 256) {
        return (cs->bits[c >> 6] >> (c & 63)) & 1;
    }
    for (size_t i = 0; i < cs->chars->len; i++) {
        if (kaa_str_char(cs->chars, i) == c) {
            return true;
        }
    }
    return false;
}

enum { STRIP_LEFT = 1, STRIP_RIGHT = 2, STRIP_BOTH = 3 };

static KaaValue do_strip(const char *name, KaaValue self, KaaValue *args, size_t nargs,
                         KaaTuple *kw, int mode) {
    args_range(name, nargs, kw, 0, 1);
    const KaaStr *chars = NULL;
    if (nargs && args[0] != kaa_None) {
        if (!kaa_is_str(args[0])) {
            kaa_raise_type_error("%s arg must be None or str", name);
        }
        chars = kaa_str(args[0]);
    }
    CharSet cs;
    charset_init(&cs, chars);
    const KaaStr *s = kaa_str(self);
    size_t i = 0, j = s->len;
    if (mode & STRIP_LEFT) {
        while (i < j && charset_has(&cs, kaa_str_char(s, i))) {
            i++;
        }
    }
    if (mode & STRIP_RIGHT) {
        while (j > i && charset_has(&cs, kaa_str_char(s, j - 1))) {
            j--;
        }
    }
    return substr(self, i, j);
}

static KaaValue str_strip(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return do_strip("strip", self, args, nargs, kw, STRIP_BOTH);
}

static KaaValue str_lstrip(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return do_strip("lstrip", self, args, nargs, kw, STRIP_LEFT);
}

static KaaValue str_rstrip(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return do_strip("rstrip", self, args, nargs, kw, STRIP_RIGHT);
}

// ---- case conversion ---------------------------------------------------------------------

typedef enum {
    CASE_LOWER, CASE_UPPER, CASE_CASEFOLD, CASE_SWAP, CASE_CAPITALIZE, CASE_TITLE
} CaseMode;

static inline bool ascii_lower(uint32_t c) { return c - 'a' < 26; }
static inline bool ascii_upper(uint32_t c) { return c - 'A' < 26; }

// ASCII in, ASCII out: every mode maps letters within A-Z/a-z. The plain modes get their own
// branch-free loops (the compiler vectorises them).
static KaaValue case_ascii(const KaaStr *s, CaseMode mode) {
    KaaValue r = kaa_str_new_raw(s->len, 1, true);
    uint8_t *d = kaa_str(r)->data;
    const uint8_t *p = s->data;
    size_t n = s->len;
    if (mode == CASE_UPPER) {
        for (size_t i = 0; i < n; i++) {
            d[i] = (uint8_t)(p[i] - ((uint8_t)(p[i] - 'a') < 26) * 32);
        }
        return r;
    }
    if (mode == CASE_LOWER || mode == CASE_CASEFOLD) {
        for (size_t i = 0; i < n; i++) {
            d[i] = (uint8_t)(p[i] + ((uint8_t)(p[i] - 'A') < 26) * 32);
        }
        return r;
    }
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        bool lo = ascii_lower(c), up = ascii_upper(c);
        bool to_upper = mode == CASE_SWAP         ? lo
                        : mode == CASE_CAPITALIZE ? i == 0
                                                  : !prev_cased;  // CASE_TITLE
        d[i] = to_upper ? (lo ? c - 32 : c) : (up ? c + 32 : c);
        prev_cased = lo || up;
    }
    return r;
}

static int case_one(const KaaStr *s, size_t i, uint32_t c, CaseMode mode, bool prev_cased,
                    uint32_t *out) {
    switch (mode) {
    case CASE_LOWER: return lower_at(s, i, c, out);
    case CASE_UPPER: return full_map(c, MAP_UPPER, out);
    case CASE_CASEFOLD: return full_fold(c, out);
    case CASE_SWAP: {
        unsigned f = uc_flags(c);
        if (f & UC_UPPER) {
            return lower_at(s, i, c, out);
        }
        if (f & UC_LOWER) {
            return full_map(c, MAP_UPPER, out);
        }
        out[0] = c;
        return 1;
    }
    case CASE_CAPITALIZE:
        return i == 0 ? full_map(c, MAP_TITLE, out) : lower_at(s, i, c, out);
    default:
        return prev_cased ? lower_at(s, i, c, out) : full_map(c, MAP_TITLE, out);
    }
}

static KaaValue case_convert(KaaValue self, CaseMode mode) {
    const KaaStr *s = kaa_str(self);
    if (s->ascii) {
        return case_ascii(s, mode);
    }
    StrWriter w;
    sw_init(&w);
    bool prev_cased = false;
    uint32_t m[3];
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        put_mapped(&w, m, case_one(s, i, c, mode, prev_cased, m));
        prev_cased = is_cased(c);
    }
    return sw_finish(&w);
}

static KaaValue str_lower(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("lower", nargs, kw);
    return case_convert(self, CASE_LOWER);
}

static KaaValue str_upper(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("upper", nargs, kw);
    return case_convert(self, CASE_UPPER);
}

static KaaValue str_casefold(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("casefold", nargs, kw);
    return case_convert(self, CASE_CASEFOLD);
}

static KaaValue str_swapcase(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("swapcase", nargs, kw);
    return case_convert(self, CASE_SWAP);
}

static KaaValue str_capitalize(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("capitalize", nargs, kw);
    return case_convert(self, CASE_CAPITALIZE);
}

static KaaValue str_title(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("title", nargs, kw);
    return case_convert(self, CASE_TITLE);
}

// ---- character class predicates ----------------------------------------------------------

// True when s is not empty and every character has one of `flags`.
static bool all_have(const KaaStr *s, unsigned flags) {
    if (s->len == 0) {
        return false;
    }
    for (size_t i = 0; i < s->len; i++) {
        if (!(uc_flags(kaa_str_char(s, i)) & flags)) {
            return false;
        }
    }
    return true;
}

static KaaValue str_isalpha(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isalpha", nargs, kw);
    return kaa_bool(all_have(kaa_str(self), UC_ALPHA));
}

static KaaValue str_isdecimal(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isdecimal", nargs, kw);
    return kaa_bool(all_have(kaa_str(self), UC_DECIMAL));
}

static KaaValue str_isdigit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isdigit", nargs, kw);
    return kaa_bool(all_have(kaa_str(self), UC_DIGIT));
}

static KaaValue str_isnumeric(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isnumeric", nargs, kw);
    return kaa_bool(all_have(kaa_str(self), UC_NUMERIC));
}

static KaaValue str_isalnum(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isalnum", nargs, kw);
    return kaa_bool(all_have(kaa_str(self), UC_ALPHA | UC_DECIMAL | UC_DIGIT | UC_NUMERIC));
}

static KaaValue str_isspace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isspace", nargs, kw);
    const KaaStr *s = kaa_str(self);
    for (size_t i = 0; i < s->len; i++) {
        if (!is_space(kaa_str_char(s, i))) {
            return kaa_False;
        }
    }
    return kaa_bool(s->len > 0);
}

static KaaValue str_isprintable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isprintable", nargs, kw);
    const KaaStr *s = kaa_str(self);
    for (size_t i = 0; i < s->len; i++) {
        if (!(uc_flags(kaa_str_char(s, i)) & UC_PRINTABLE)) {
            return kaa_False;
        }
    }
    return kaa_True;
}

static KaaValue str_isascii(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isascii", nargs, kw);
    return kaa_bool(kaa_str(self)->ascii);
}

static KaaValue str_isidentifier(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isidentifier", nargs, kw);
    const KaaStr *s = kaa_str(self);
    if (s->len == 0) {
        return kaa_False;
    }
    uint32_t c = kaa_str_char(s, 0);
    if (c != '_' && !(uc_flags(c) & UC_XID_START)) {
        return kaa_False;
    }
    for (size_t i = 1; i < s->len; i++) {
        if (!(uc_flags(kaa_str_char(s, i)) & UC_XID_CONTINUE)) {
            return kaa_False;
        }
    }
    return kaa_True;
}

// islower / isupper: no character of the opposite case (or titlecase), and at least one of
// the wanted case.
static bool cased_only(const KaaStr *s, unsigned want, unsigned reject) {
    bool cased = false;
    for (size_t i = 0; i < s->len; i++) {
        unsigned f = uc_flags(kaa_str_char(s, i));
        if (f & reject) {
            return false;
        }
        cased = cased || (f & want);
    }
    return cased;
}

static KaaValue str_islower(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("islower", nargs, kw);
    return kaa_bool(cased_only(kaa_str(self), UC_LOWER, UC_UPPER | UC_TITLE));
}

static KaaValue str_isupper(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("isupper", nargs, kw);
    return kaa_bool(cased_only(kaa_str(self), UC_UPPER, UC_LOWER | UC_TITLE));
}

// Uppercase and titlecase characters only after uncased ones, lowercase only after cased.
static KaaValue str_istitle(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("istitle", nargs, kw);
    const KaaStr *s = kaa_str(self);
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < s->len; i++) {
        unsigned f = uc_flags(kaa_str_char(s, i));
        if (f & (UC_UPPER | UC_TITLE)) {
            if (prev_cased) {
                return kaa_False;
            }
            prev_cased = cased = true;
        } else if (f & UC_LOWER) {
            if (!prev_cased) {
                return kaa_False;
            }
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return kaa_bool(cased);
}

// ---- center, ljust, rjust, zfill, expandtabs ---------------------------------------------

static void fill_units(uint8_t *p, int kind, size_t from, size_t n, uint32_t c) {
    if (kind == 1) {
        memset(p + from, (int)c, n);
        return;
    }
    for (size_t i = from; i < from + n; i++) {
        units_set(p, kind, i, c);
    }
}

// s with `left` and `right` copies of fill around it.
static KaaValue pad(KaaValue self, size_t left, size_t right, uint32_t fill) {
    const KaaStr *s = kaa_str(self);
    if (left == 0 && right == 0) {
        return kaa_str_exact(self);
    }
    int fkind = sw_kind_for(fill);
    int kind = s->kind > fkind ? s->kind : fkind;
    size_t len = left + s->len + right;
    KaaValue r = kaa_str_new_raw(len, kind, s->ascii && fill < 128);
    uint8_t *p = kaa_str(r)->data;
    fill_units(p, kind, 0, left, fill);
    copy_units(p + left * kind, kind, s);
    fill_units(p, kind, left + s->len, right, fill);
    units_set(p, kind, len, 0);
    return r;
}

static uint32_t arg_fillchar(KaaValue v) {
    if (!kaa_is_str(v)) {
        kaa_raise_type_error("The fill character must be a unicode character, not %s",
                             kaa_type_name_of(v));
    }
    if (kaa_str(v)->len != 1) {
        kaa_raise_type_error("The fill character must be exactly one character long");
    }
    return kaa_str_char(kaa_str(v), 0);
}

// The padding center/ljust/rjust add, or 0 when width is no larger than the string.
static size_t parse_justify(const char *name, KaaValue self, KaaValue *args, size_t nargs,
                            KaaTuple *kw, uint32_t *fill) {
    args_range(name, nargs, kw, 1, 2);
    int64_t width = arg_ssize(args[0]);
    *fill = nargs > 1 ? arg_fillchar(args[1]) : ' ';
    int64_t len = (int64_t)kaa_str(self)->len;
    return width > len ? (size_t)(width - len) : 0;
}

static KaaValue str_center(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    uint32_t fill;
    size_t marg = parse_justify("center", self, args, nargs, kw, &fill);
    size_t width = marg + kaa_str(self)->len;
    // CPython puts the odd extra space on the left when the width is odd.
    size_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

static KaaValue str_ljust(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    uint32_t fill;
    size_t marg = parse_justify("ljust", self, args, nargs, kw, &fill);
    return pad(self, 0, marg, fill);
}

static KaaValue str_rjust(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    uint32_t fill;
    size_t marg = parse_justify("rjust", self, args, nargs, kw, &fill);
    return pad(self, marg, 0, fill);
}

static KaaValue str_zfill(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("zfill", nargs, kw);
    int64_t width = arg_ssize(args[0]);
    int64_t len = (int64_t)kaa_str(self)->len;
    if (width <= len) {
        return kaa_str_exact(self);
    }
    size_t fill = (size_t)(width - len);
    KaaValue r = pad(self, fill, 0, '0');
    KaaStr *d = kaa_str(r);
    uint32_t first = kaa_str_char(d, fill);
    if (first == '+' || first == '-') {
        // The sign moves in front of the zeros.
        units_set(d->data, d->kind, 0, first);
        units_set(d->data, d->kind, fill, '0');
    }
    return r;
}

static KaaValue str_expandtabs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"tabsize"};
    KaaValue a;
    args_kw("expandtabs", args, nargs, kw, params, 1, &a);
    int64_t tabsize = a != KAA_NULL ? arg_ssize(a) : 8;
    const KaaStr *s = kaa_str(self);
    Needle n;
    KaaStr *tab = kaa_str(kaa_str_from_char('\t'));
    if (!needle_init(&n, tab, s->kind) || find_fwd(s, 0, s->len, &n) < 0) {
        return kaa_str_exact(self);
    }
    StrWriter w;
    sw_init(&w);
    int64_t col = 0;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        if (c == '\t') {
            if (tabsize > 0) {
                int64_t nsp = tabsize - col % tabsize;
                sw_fill(&w, ' ', (size_t)nsp);
                col += nsp;
            }
            continue;
        }
        sw_putc(&w, c);
        col = (c == '\n' || c == '\r') ? 0 : col + 1;
    }
    return sw_finish(&w);
}

// ---- translate, maketrans ----------------------------------------------------------------

typedef struct {
    KaaValue map, key, result;
} LookupCall;

static void lookup_body(void *ud) {
    LookupCall *c = ud;
    c->result = kaa_getitem(c->map, c->key);
}

// table[c], or KAA_NULL when the lookup raises LookupError (the character is kept).
static KaaValue translate_lookup(KaaValue table, uint32_t c) {
    KaaValue key = kaa_from_small(c);
    if (kaa_is_type(table, &kaa_dict_type)) {
        return kaa_dict_get(kaa_dict(table), key);
    }
    LookupCall call = {table, key, KAA_NULL};
    KaaValue exc = kaa_protect(lookup_body, &call);
    if (exc != KAA_NULL) {
        if (kaa_exc_matches(exc, kaa_LookupError)) {
            return KAA_NULL;
        }
        kaa_raise(exc);
    }
    return call.result;
}

static void translate_put(StrWriter *w, uint32_t c, KaaValue m) {
    if (m == KAA_NULL) {
        sw_putc(w, c);
    } else if (m == kaa_None) {
        return;
    } else if (kaa_is_int(m) || kaa_is_int_like(m)) {
        int64_t v;
        if (!kaa_int_to_i64(m, &v) || v < 0 || v >= 0x110000) {
            kaa_raise_value_error("character mapping must be in range(0x110000)");
        }
        sw_putc(w, (uint32_t)v);
    } else if (kaa_is_str(m)) {
        sw_put_str(w, m);
    } else {
        kaa_raise_type_error("character mapping must return integer, None or str");
    }
}

static KaaValue str_translate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("translate", nargs, kw);
    KaaValue table = args[0];
    const KaaStr *s = kaa_str(self);
    // ASCII characters repeat a lot: remember what the table said for each of them.
    KaaValue cache[128] = {0};
    bool cached[128] = {false};
    StrWriter w;
    sw_init(&w);
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        KaaValue m;
        if (c < 128 && cached[c]) {
            m = cache[c];
        } else {
            m = translate_lookup(table, c);
            if (c < 128) {
                cached[c] = true;
                cache[c] = m;
            }
        }
        translate_put(&w, c, m);
    }
    return sw_finish(&w);
}

static void maketrans_dict(KaaDict *out, KaaValue x) {
    if (!kaa_is_dict(x)) {
        kaa_raise_type_error("if you give only one argument to maketrans it must be a dict");
    }
    int64_t pos = 0;
    KaaValue key, value;
    while (kaa_dict_next(kaa_dict(x), &pos, &key, &value)) {
        if (kaa_is_str(key)) {
            if (kaa_str(key)->len != 1) {
                kaa_raise_value_error("string keys in translate table must be of length 1");
            }
            key = kaa_from_small(kaa_str_char(kaa_str(key), 0));
        } else if (!kaa_is_int(key) && !kaa_is_int_like(key)) {
            kaa_raise_type_error("keys in translate table must be strings or integers");
        }
        kaa_dict_set(out, key, value);
    }
}

static KaaValue str_maketrans(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("maketrans", nargs, kw, 1, 3);
    KaaDict *d = kaa_dict_new();
    if (nargs == 1) {
        maketrans_dict(d, args[0]);
        return kaa_from_obj(d);
    }
    KaaStr *y = clinic_arg_str(args[1], "maketrans() argument 2 must be str, not %s");
    KaaStr *z = NULL;
    if (nargs > 2) {
        z = clinic_arg_str(args[2], "maketrans() argument 3 must be str, not %s");
    }
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("first maketrans argument must be a string if there is a second "
                             "argument");
    }
    KaaStr *x = kaa_str(args[0]);
    if (x->len != y->len) {
        kaa_raise_value_error("the first two maketrans arguments must have equal length");
    }
    for (size_t i = 0; i < x->len; i++) {
        kaa_dict_set(d, kaa_from_small(kaa_str_char(x, i)), kaa_from_small(kaa_str_char(y, i)));
    }
    for (size_t i = 0; z && i < z->len; i++) {
        kaa_dict_set(d, kaa_from_small(kaa_str_char(z, i)), kaa_None);
    }
    return kaa_from_obj(d);
}

// ---- removeprefix, removesuffix ----------------------------------------------------------

static KaaValue str_removeprefix(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("removeprefix", nargs, kw);
    KaaStr *p = clinic_arg_str(args[0], "removeprefix() argument must be str, not %s");
    KaaStr *s = kaa_str(self);
    if (p->len <= s->len && match_at(s, 0, p)) {
        return substr(self, p->len, s->len);
    }
    return kaa_str_exact(self);
}

static KaaValue str_removesuffix(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("removesuffix", nargs, kw);
    KaaStr *p = clinic_arg_str(args[0], "removesuffix() argument must be str, not %s");
    KaaStr *s = kaa_str(self);
    if (p->len > 0 && p->len <= s->len && match_at(s, s->len - p->len, p)) {
        return substr(self, 0, s->len - p->len);
    }
    return kaa_str_exact(self);
}

// ---- formatting, encoding and the dunder methods -----------------------------------------

static KaaValue str_format(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_str_builtin_format(self, args, nargs, kw);
}

static KaaValue str_format_map(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("format_map", nargs, kw);
    return kaa_format_map(self, args[0]);
}

static KaaValue str___format__(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("__format__", nargs, kw);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("__format__() argument must be str, not %s",
                             clinic_type_name(args[0]));
    }
    return kaa_format_str(self, args[0]);
}

static KaaValue str_encode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"encoding", "errors"};
    KaaValue a[2];
    args_kw("encode", args, nargs, kw, params, 2, a);
    for (int i = 0; i < 2; i++) {
        if (a[i] != KAA_NULL && !kaa_is_str(a[i])) {
            kaa_raise_type_error("encode() argument '%s' must be str, not %s", params[i],
                                 clinic_type_name(a[i]));
        }
    }
    return kaa_str_encode(self, a[0], a[1]);
}

static KaaValue str___getnewargs__(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("__getnewargs__", nargs, kw);
    const KaaStr *s = kaa_str(self);
    KaaValue copy = kaa_str_new_raw(s->len, s->kind, s->ascii);
    memcpy(kaa_str(copy)->data, s->data, (s->len + 1) * s->kind);
    return kaa_from_obj(kaa_tuple_pack(1, copy));
}

// The sizes CPython reports, so programs that print them agree.
static KaaValue str___sizeof__(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("__sizeof__", nargs, kw);
    const KaaStr *s = kaa_str(self);
    size_t size = s->ascii ? 48 + s->len + 1 : 72 + (s->len + 1) * s->kind;
    return kaa_from_small((int64_t)size);
}

// ---- the slots: s[i], s[a:b:c], `in`, s * n ----------------------------------------------

static KaaValue slice_of(KaaValue self, KaaValue slice) {
    const KaaStr *s = kaa_str(self);
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(slice, (int64_t)s->len, &start, &stop, &step);
    if (n <= 0) {
        return empty_str();
    }
    if (step == 1) {
        return kaa_str_substr(self, (size_t)start, (size_t)(start + n));
    }
    if (n == 1) {
        return kaa_str_from_char(kaa_str_char(s, (size_t)start));
    }
    if (s->kind == 1) {
        KaaValue r = kaa_str_new_raw((size_t)n, 1, s->ascii);
        uint8_t *d = kaa_str(r)->data, any = 0;
        for (int64_t i = 0, j = start; i < n; i++, j += step) {
            d[i] = s->data[j];
            any |= d[i];
        }
        kaa_str(r)->ascii = any < 128;
        return r;
    }
    uint32_t *cps = kaa_alloc_atomic((size_t)n * sizeof(uint32_t));
    for (int64_t i = 0, j = start; i < n; i++, j += step) {
        cps[i] = kaa_str_char(s, (size_t)j);
    }
    return kaa_str_from_ucs4(cps, (size_t)n);
}

KaaValue kaa_str_getitem(KaaValue self, KaaValue key) {
    const KaaStr *s = kaa_str(self);
    int64_t i;
    if (KAA_LIKELY(kaa_is_int(key))) {
        i = kaa_int_val(key);
    } else if (kaa_is_type(key, &kaa_slice_type)) {
        return slice_of(self, key);
    } else if (has_index(key)) {
        i = kaa_index_i64(key);
    } else {
        kaa_raise_type_error("string indices must be integers, not '%s'", kaa_type_name_of(key));
    }
    if (i < 0) {
        i += (int64_t)s->len;
    }
    if (i < 0 || i >= (int64_t)s->len) {
        kaa_raise_index_error("string index out of range");
    }
    return kaa_str_from_char(kaa_str_char(s, (size_t)i));
}

int kaa_str_contains(KaaValue self, KaaValue sub) {
    if (!kaa_is_str(sub)) {
        kaa_raise_type_error("'in <string>' requires string as left operand, not %s",
                             kaa_type_name_of(sub));
    }
    const KaaStr *s = kaa_str(self);
    Needle n;
    return needle_init(&n, kaa_str(sub), s->kind) && find_fwd(s, 0, s->len, &n) >= 0;
}

// Binary slot for `*`: called with the operands in source order, so the str may be either.
KaaValue kaa_str_repeat(KaaValue a, KaaValue b) {
    KaaValue self, n;
    if (kaa_is_str(a) && has_index(b)) {
        self = a;
        n = b;
    } else if (kaa_is_str(b) && has_index(a)) {
        self = b;
        n = a;
    } else {
        return kaa_NotImplemented;
    }
    int64_t count;
    if (kaa_is_int(n)) {
        count = kaa_int_val(n);
    } else if (!kaa_int_to_i64(kaa_index(n), &count)) {
        kaa_raise_overflow("cannot fit 'int' into an index-sized integer");
    }
    const KaaStr *s = kaa_str(self);
    if (count <= 0 || s->len == 0) {
        return empty_str();
    }
    if (count == 1) {
        return kaa_str_exact(self);
    }
    if ((uint64_t)count > (uint64_t)INT64_MAX / s->len) {
        kaa_raise_overflow("repeated string is too long");
    }
    size_t len = s->len * (size_t)count, unit = s->len * s->kind;
    KaaValue r = kaa_str_new_raw(len, s->kind, s->ascii);
    uint8_t *d = kaa_str(r)->data;
    if (unit == 1) {
        memset(d, s->data[0], len);
        return r;
    }
    // Doubling copies: log2(count) memcpy calls.
    memcpy(d, s->data, unit);
    size_t done = unit, total = len * s->kind;
    while (done < total) {
        size_t chunk = done < total - done ? done : total - done;
        memcpy(d + done, d, chunk);
        done += chunk;
    }
    return r;
}

// ---- the iterator ------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue str;  // KAA_NULL once exhausted
    size_t index;
} StrIter;

KaaValue kaa_str_iter(KaaValue self) {
    StrIter *it = kaa_alloc(sizeof(StrIter));
    // CPython names the iterator of an ASCII string differently (same behaviour).
    it->ob.type = kaa_str(self)->ascii ? &kaa_str_ascii_iterator_type : &kaa_str_iterator_type;
    it->str = self;
    return kaa_from_obj(it);
}

static KaaValue striter_next(KaaValue self) {
    StrIter *it = (StrIter *)kaa_obj(self);
    if (it->str == KAA_NULL) {
        return KAA_NULL;
    }
    const KaaStr *s = kaa_str(it->str);
    if (it->index >= s->len) {
        it->str = KAA_NULL;
        return KAA_NULL;
    }
    return kaa_str_from_char(kaa_str_char(s, it->index++));
}

static KaaValue striter_iter(KaaValue self) { return self; }

static KaaValue striter_length_hint(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("__length_hint__", kw);
    kaa_args_count("__length_hint__", nargs, 0, 0);
    StrIter *it = (StrIter *)kaa_obj(self);
    size_t left = it->str == KAA_NULL ? 0 : kaa_str(it->str)->len - it->index;
    return kaa_from_small((int64_t)left);
}

static const KaaMethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {NULL},
};

KaaType kaa_str_iterator_type = {
    .ob = {&kaa_type_type},
    .name = "str_iterator",
    .instance_size = sizeof(StrIter),
    .iter = striter_iter,
    .next = striter_next,
    .methods = striter_methods,
};

KaaType kaa_str_ascii_iterator_type = {
    .ob = {&kaa_type_type},
    .name = "str_ascii_iterator",
    .instance_size = sizeof(StrIter),
    .iter = striter_iter,
    .next = striter_next,
    .methods = striter_methods,
};

// ---- str(object), str(bytes, encoding, errors) -------------------------------------------

// The body of a str instance, as the type's var_size slot reports it: instances of
// subclasses keep their class additions after it.
size_t kaa_str_var_size(KaaValue s) {
    const KaaStr *p = kaa_str(s);
    return sizeof(KaaStr) + (p->len + 1) * p->kind;
}

// An instance of a str subclass with the text of the str `text`.
static KaaValue subclass_instance(KaaType *type, KaaValue text) {
    const KaaStr *t = kaa_str(text);
    size_t body = (sizeof(KaaStr) + (t->len + 1) * t->kind + 7) & ~(size_t)7;
    KaaValue v = kaa_instance_alloc(type, body - sizeof(KaaStr));
    KaaStr *s = kaa_str(v);
    s->hash = -1;
    s->len = t->len;
    s->kind = t->kind;
    s->ascii = t->ascii;
    s->data = s->inline_data;
    memcpy(s->data, t->data, t->len * t->kind);
    memset(s->data + t->len * t->kind, 0, t->kind);
    return v;
}

static KaaValue decode_object(KaaValue obj, KaaValue encoding, KaaValue errors) {
    if (obj == KAA_NULL) {
        return empty_str();
    }
    if (kaa_is_str(obj)) {
        kaa_raise_type_error("decoding str is not supported");
    }
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(obj, &data, &len)) {
        kaa_raise_type_error("decoding to str: need a bytes-like object, %s found",
                             kaa_type_name_of(obj));
    }
    return kaa_str_decode(data, len, encoding, errors);
}

KaaValue kaa_str_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"object", "encoding", "errors"};
    KaaValue a[3];
    args_kw("str", args, nargs, kwnames, params, 3, a);
    for (int i = 1; i < 3; i++) {
        if (a[i] != KAA_NULL && !kaa_is_str(a[i])) {
            kaa_raise_type_error("str() argument '%s' must be str, not %s", params[i],
                                 clinic_type_name(a[i]));
        }
    }
    KaaValue r;
    if (a[1] == KAA_NULL && a[2] == KAA_NULL) {
        r = a[0] != KAA_NULL ? kaa_to_str(a[0]) : empty_str();
    } else {
        r = decode_object(a[0], a[1], a[2]);
    }
    return type == &kaa_str_type ? r : subclass_instance(type, r);
}

// ---- the method table --------------------------------------------------------------------
// Dunder methods that have a slot (__len__, __getitem__, __mod__, ...) come from the slots.

const KaaMethodDef kaa_str_methods[] = {
    {"encode", str_encode, 0, NULL},
    {"replace", str_replace, 0, NULL},
    {"split", str_split, 0, NULL},
    {"rsplit", str_rsplit, 0, NULL},
    {"join", str_join, 0, NULL},
    {"capitalize", str_capitalize, 0, NULL},
    {"casefold", str_casefold, 0, NULL},
    {"title", str_title, 0, NULL},
    {"center", str_center, 0, NULL},
    {"count", str_count, 0, NULL},
    {"expandtabs", str_expandtabs, 0, NULL},
    {"find", str_find, 0, NULL},
    {"partition", str_partition, 0, NULL},
    {"index", str_index, 0, NULL},
    {"ljust", str_ljust, 0, NULL},
    {"lower", str_lower, 0, NULL},
    {"lstrip", str_lstrip, 0, NULL},
    {"rfind", str_rfind, 0, NULL},
    {"rindex", str_rindex, 0, NULL},
    {"rjust", str_rjust, 0, NULL},
    {"rstrip", str_rstrip, 0, NULL},
    {"rpartition", str_rpartition, 0, NULL},
    {"splitlines", str_splitlines, 0, NULL},
    {"strip", str_strip, 0, NULL},
    {"swapcase", str_swapcase, 0, NULL},
    {"translate", str_translate, 0, NULL},
    {"upper", str_upper, 0, NULL},
    {"startswith", str_startswith, 0, NULL},
    {"endswith", str_endswith, 0, NULL},
    {"removeprefix", str_removeprefix, 0, NULL},
    {"removesuffix", str_removesuffix, 0, NULL},
    {"isascii", str_isascii, 0, NULL},
    {"islower", str_islower, 0, NULL},
    {"isupper", str_isupper, 0, NULL},
    {"istitle", str_istitle, 0, NULL},
    {"isspace", str_isspace, 0, NULL},
    {"isdecimal", str_isdecimal, 0, NULL},
    {"isdigit", str_isdigit, 0, NULL},
    {"isnumeric", str_isnumeric, 0, NULL},
    {"isalpha", str_isalpha, 0, NULL},
    {"isalnum", str_isalnum, 0, NULL},
    {"isidentifier", str_isidentifier, 0, NULL},
    {"isprintable", str_isprintable, 0, NULL},
    {"zfill", str_zfill, 0, NULL},
    {"format", str_format, KAA_METH_ANY_KEYS, NULL},
    {"format_map", str_format_map, 0, NULL},
    {"__format__", str___format__, 0, NULL},
    {"maketrans", str_maketrans, KAA_METH_STATIC, NULL},
    {"__sizeof__", str___sizeof__, 0, NULL},
    {"__getnewargs__", str___getnewargs__, 0, NULL},
    {NULL},
};
