// objects/bytes_methods.c — the methods bytes and bytearray share (split, find, strip, hex,
// translate, ...), written once over (pointer, length).
//
// Stage: objects. Owns the kaa_bytes_m_* functions listed in bytes_impl.h. Each returns
// results of the kind of its self (bytes or bytearray) and reads self's bytes only after its
// arguments are converted, since converting one (__index__) may run code that resizes a
// bytearray. Character classes are ASCII only, as for CPython's bytes.
#include <string.h>

#include "objects/bytes_impl.h"

// ---- argument checking ------------------------------------------------------------------------

static const char *kind_name(KaaValue self) {
    return kaa_is_bytes(self) ? "bytes" : "bytearray";
}

// "bytes.upper() takes no arguments (1 given)".
static void no_args(KaaValue self, const char *name, size_t nargs, KaaTuple *kwnames) {
    if (nargs != 0 || KAA_NKW(kwnames)) {
        if (KAA_NKW(kwnames)) {
            kaa_raise_type_error("%s.%s() takes no keyword arguments", kind_name(self), name);
        }
        kaa_raise_type_error("%s.%s() takes no arguments (%zu given)", kind_name(self), name,
                             nargs);
    }
}

// "bytes.join() takes exactly one argument (0 given)".
static void one_arg(KaaValue self, const char *name, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("%s.%s() takes no keyword arguments", kind_name(self), name);
    }
    if (nargs != 1) {
        kaa_raise_type_error("%s.%s() takes exactly one argument (%zu given)", kind_name(self),
                             name, nargs);
    }
}

// PyArg_ParseTuple style: "count() takes at least 1 argument (0 given)".
static void tuple_args(const char *name, size_t nargs, KaaTuple *kwnames, size_t min,
                       size_t max) {
    kaa_args_no_kw(name, kwnames);
    if (nargs < min) {
        kaa_raise_type_error("%s() takes at least %zu argument%s (%zu given)", name, min,
                             min == 1 ? "" : "s", nargs);
    }
    if (nargs > max) {
        kaa_raise_type_error("%s() takes at most %zu argument%s (%zu given)", name, max,
                             max == 1 ? "" : "s", nargs);
    }
}

// Positional-only clinic style: "center expected at least 1 argument, got 0".
static void pos_args(const char *name, size_t nargs, KaaTuple *kwnames, size_t min, size_t max) {
    kaa_args_no_kw(name, kwnames);
    if (nargs < min || nargs > max) {
        size_t n = nargs < min ? min : max;
        if (min == max) {
            kaa_raise_type_error("%s expected %zu argument%s, got %zu", name, n,
                                 n == 1 ? "" : "s", nargs);
        }
        kaa_raise_type_error("%s expected at %s %zu argument%s, got %zu", name,
                             nargs < min ? "least" : "most", n, n == 1 ? "" : "s", nargs);
    }
}

// Keyword-capable clinic style: positional first, then by name (none required).
static void kw_args(const char *name, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                    const char *const *params, size_t nparams, KaaValue *out) {
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > nparams) {
        kaa_raise_type_error("%s() takes at most %zu argument%s (%zu given)", name, nparams,
                             nparams == 1 ? "" : "s", nargs + nkw);
    }
    for (size_t i = 0; i < nparams; i++) {
        out[i] = i < nargs ? args[i] : KAA_NULL;
    }
    for (size_t k = 0; k < nkw; k++) {
        KaaValue kw = kwnames->items[k];
        size_t slot = nparams;
        for (size_t i = 0; i < nparams; i++) {
            if (kaa_str_eq_cstr(kw, params[i])) {
                slot = i;
            }
        }
        if (slot == nparams) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", kw, name);
        }
        if (out[slot]) {
            kaa_raise_type_error("argument for %s() given by name ('%S') and position (%zu)",
                                 name, kw, slot + 1);
        }
        out[slot] = args[nargs + k];
    }
}

// A start/end argument: None, or any __index__ value clamped to int64 (as slices clamp).
static int64_t bound_arg(KaaValue v, int64_t dflt) {
    if (!v || v == kaa_None) {
        return dflt;
    }
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    if (!kaa_bytes_is_index(v)) {
        kaa_raise_type_error("slice indices must be integers or None or have an __index__ method");
    }
    KaaValue i = kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out)) {
        out = kaa_int_sign(i) < 0 ? INT64_MIN : INT64_MAX;
    }
    return out;
}

// Clamps [start, end) to a length as str.find does (negative values count from the end).
static void adjust(int64_t *start, int64_t *end, int64_t len) {
    if (*end > len) {
        *end = len;
    } else if (*end < 0) {
        *end = *end + len < 0 ? 0 : *end + len;
    }
    if (*start < 0) {
        *start = *start + len < 0 ? 0 : *start + len;
    }
}

static bool is_space(uint8_t c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}
static bool is_lower(uint8_t c) { return c >= 'a' && c <= 'z'; }
static bool is_upper(uint8_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_alpha(uint8_t c) { return is_lower(c) || is_upper(c); }
static bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }
static uint8_t to_lower(uint8_t c) { return is_upper(c) ? c + 32 : c; }
static uint8_t to_upper(uint8_t c) { return is_lower(c) ? c - 32 : c; }

// ---- searching --------------------------------------------------------------------------------

typedef struct {
    KaaBuf hay, sub;
    uint8_t byte;  // the single byte when sub was given as an int
    int64_t start, end;
} Search;

// Parses (sub[, start[, end]]) of count/find/index/rfind/rindex.
static void parse_search(KaaValue self, const char *name, KaaValue *args, size_t nargs,
                         KaaTuple *kwnames, Search *s) {
    tuple_args(name, nargs, kwnames, 1, 3);
    KaaValue sub = args[0];
    if (kaa_bytes_is_index(sub)) {
        s->byte = kaa_bytes_byte_value(sub, false);
        s->sub.data = &s->byte;
        s->sub.len = 1;
    } else if (!kaa_buffer_get(sub, &s->sub.data, &s->sub.len)) {
        kaa_raise_type_error("argument should be integer or bytes-like object, not '%T'", sub);
    }
    s->start = bound_arg(nargs > 1 ? args[1] : KAA_NULL, 0);
    s->end = bound_arg(nargs > 2 ? args[2] : KAA_NULL, INT64_MAX);
    s->hay = kaa_bytes_self(self);
    adjust(&s->start, &s->end, (int64_t)s->hay.len);
}

// First position of sub in hay[start:end], or -1.
static int64_t find_fwd(const Search *s) {
    int64_t n = (int64_t)s->sub.len;
    if (s->end - s->start < n) {
        return -1;
    }
    if (n == 0) {
        return s->start;
    }
    const uint8_t *p = memmem(s->hay.data + s->start, (size_t)(s->end - s->start), s->sub.data,
                              (size_t)n);
    return p ? p - s->hay.data : -1;
}

// Last position of sub in hay[start:end], or -1.
static int64_t find_back(const Search *s) {
    int64_t n = (int64_t)s->sub.len;
    if (s->end - s->start < n) {
        return -1;
    }
    for (int64_t i = s->end - n; i >= s->start; i--) {
        if (memcmp(s->hay.data + i, s->sub.data, (size_t)n) == 0) {
            return i;
        }
    }
    return -1;
}

static int64_t count_in(const uint8_t *hay, int64_t len, const uint8_t *sub, int64_t n,
                        int64_t max) {
    int64_t count = 0;
    for (int64_t i = 0; i + n <= len && count < max;) {
        const uint8_t *p = memmem(hay + i, (size_t)(len - i), sub, (size_t)n);
        if (!p) {
            break;
        }
        count++;
        i = (p - hay) + n;
    }
    return count;
}

KaaValue kaa_bytes_m_find(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Search s;
    parse_search(self, "find", args, nargs, kwnames, &s);
    return kaa_int_from_i64(find_fwd(&s));
}

KaaValue kaa_bytes_m_rfind(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Search s;
    parse_search(self, "rfind", args, nargs, kwnames, &s);
    return kaa_int_from_i64(find_back(&s));
}

KaaValue kaa_bytes_m_index(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Search s;
    parse_search(self, "index", args, nargs, kwnames, &s);
    int64_t i = find_fwd(&s);
    if (i < 0) {
        kaa_raise_value_error("subsection not found");
    }
    return kaa_int_from_i64(i);
}

KaaValue kaa_bytes_m_rindex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Search s;
    parse_search(self, "rindex", args, nargs, kwnames, &s);
    int64_t i = find_back(&s);
    if (i < 0) {
        kaa_raise_value_error("subsection not found");
    }
    return kaa_int_from_i64(i);
}

KaaValue kaa_bytes_m_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Search s;
    parse_search(self, "count", args, nargs, kwnames, &s);
    if (s.end - s.start < (int64_t)s.sub.len) {
        return kaa_from_small(0);
    }
    if (s.sub.len == 0) {
        return kaa_int_from_i64(s.end - s.start + 1);
    }
    return kaa_int_from_i64(count_in(s.hay.data + s.start, s.end - s.start, s.sub.data,
                                     (int64_t)s.sub.len, INT64_MAX));
}

// startswith (at_end false) and endswith (true) of one candidate.
static bool tail_match(KaaBuf hay, KaaBuf sub, int64_t start, int64_t end, bool at_end) {
    adjust(&start, &end, (int64_t)hay.len);
    int64_t n = (int64_t)sub.len;
    if (end - start < n || start > (int64_t)hay.len) {
        return false;
    }
    int64_t at = at_end ? end - n : start;
    return n == 0 || memcmp(hay.data + at, sub.data, (size_t)n) == 0;
}

static KaaValue starts_ends(KaaValue self, const char *name, KaaValue *args, size_t nargs,
                            KaaTuple *kwnames, bool at_end) {
    tuple_args(name, nargs, kwnames, 1, 3);
    KaaValue what = args[0];
    int64_t start = bound_arg(nargs > 1 ? args[1] : KAA_NULL, 0);
    int64_t end = bound_arg(nargs > 2 ? args[2] : KAA_NULL, INT64_MAX);
    if (kaa_is_tuple(what)) {
        KaaTuple *t = kaa_tuple(what);
        for (int64_t i = 0; i < t->len; i++) {
            KaaBuf sub = kaa_bytes_arg(t->items[i]);
            if (tail_match(kaa_bytes_self(self), sub, start, end, at_end)) {
                return kaa_True;
            }
        }
        return kaa_False;
    }
    KaaBuf sub;
    if (!kaa_buffer_get(what, &sub.data, &sub.len)) {
        kaa_raise_type_error("%s first arg must be bytes or a tuple of bytes, not %T", name,
                             what);
    }
    return kaa_bool(tail_match(kaa_bytes_self(self), sub, start, end, at_end));
}

KaaValue kaa_bytes_m_startswith(KaaValue self, KaaValue *args, size_t nargs,
                                KaaTuple *kwnames) {
    return starts_ends(self, "startswith", args, nargs, kwnames, false);
}

KaaValue kaa_bytes_m_endswith(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return starts_ends(self, "endswith", args, nargs, kwnames, true);
}

// ---- splitting and joining --------------------------------------------------------------------

static void add_piece(KaaList *out, KaaValue self, const uint8_t *p, size_t n) {
    kaa_list_append(out, kaa_bytes_like_copy(self, p, n));
}

static int64_t maxsplit_arg(KaaValue v) {
    if (!v) {
        return -1;
    }
    return kaa_bytes_size_arg(v);
}

// split() on runs of whitespace, from the left.
static KaaValue split_ws(KaaValue self, KaaBuf b, int64_t maxsplit) {
    KaaList *out = kaa_list_new(0);
    size_t i = 0, n = b.len;
    while (true) {
        while (i < n && is_space(b.data[i])) {
            i++;
        }
        if (i == n) {
            break;
        }
        if (maxsplit-- == 0) {
            add_piece(out, self, b.data + i, n - i);
            break;
        }
        size_t j = i;
        while (j < n && !is_space(b.data[j])) {
            j++;
        }
        add_piece(out, self, b.data + i, j - i);
        i = j;
    }
    return kaa_from_obj(out);
}

// rsplit() on runs of whitespace: pieces found from the right, returned in order.
static KaaValue rsplit_ws(KaaValue self, KaaBuf b, int64_t maxsplit) {
    KaaList *out = kaa_list_new(0);
    size_t i = b.len;
    while (true) {
        while (i > 0 && is_space(b.data[i - 1])) {
            i--;
        }
        if (i == 0) {
            break;
        }
        if (maxsplit-- == 0) {
            add_piece(out, self, b.data, i);
            break;
        }
        size_t j = i;
        while (j > 0 && !is_space(b.data[j - 1])) {
            j--;
        }
        add_piece(out, self, b.data + j, i - j);
        i = j;
    }
    // Reverse in place: pieces were appended right to left.
    for (int64_t l = 0, r = out->len - 1; l < r; l++, r--) {
        KaaValue t = out->items[l];
        out->items[l] = out->items[r];
        out->items[r] = t;
    }
    return kaa_from_obj(out);
}

static KaaValue split_sep(KaaValue self, KaaBuf b, KaaBuf sep, int64_t maxsplit) {
    KaaList *out = kaa_list_new(0);
    size_t i = 0;
    while (maxsplit-- != 0) {
        const uint8_t *p = memmem(b.data + i, b.len - i, sep.data, sep.len);
        if (!p) {
            break;
        }
        add_piece(out, self, b.data + i, (size_t)(p - b.data) - i);
        i = (size_t)(p - b.data) + sep.len;
    }
    add_piece(out, self, b.data + i, b.len - i);
    return kaa_from_obj(out);
}

static KaaValue rsplit_sep(KaaValue self, KaaBuf b, KaaBuf sep, int64_t maxsplit) {
    KaaList *out = kaa_list_new(0);
    int64_t end = (int64_t)b.len;
    while (maxsplit != 0) {
        Search s = {b, sep, 0, 0, end};
        int64_t at = find_back(&s);
        if (at < 0) {
            break;
        }
        add_piece(out, self, b.data + at + sep.len, (size_t)(end - at) - sep.len);
        end = at;
        maxsplit--;
    }
    add_piece(out, self, b.data, (size_t)end);
    for (int64_t l = 0, r = out->len - 1; l < r; l++, r--) {
        KaaValue t = out->items[l];
        out->items[l] = out->items[r];
        out->items[r] = t;
    }
    return kaa_from_obj(out);
}

static KaaValue do_split(KaaValue self, const char *name, KaaValue *args, size_t nargs,
                         KaaTuple *kwnames, bool right) {
    static const char *const params[] = {"sep", "maxsplit"};
    KaaValue a[2];
    kw_args(name, args, nargs, kwnames, params, 2, a);
    int64_t maxsplit = maxsplit_arg(a[1]);
    if (a[0] && a[0] != kaa_None) {
        KaaBuf sep = kaa_bytes_arg(a[0]);
        if (sep.len == 0) {
            kaa_raise_value_error("empty separator");
        }
        KaaBuf b = kaa_bytes_self(self);
        return right ? rsplit_sep(self, b, sep, maxsplit) : split_sep(self, b, sep, maxsplit);
    }
    KaaBuf b = kaa_bytes_self(self);
    return right ? rsplit_ws(self, b, maxsplit) : split_ws(self, b, maxsplit);
}

KaaValue kaa_bytes_m_split(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return do_split(self, "split", args, nargs, kwnames, false);
}

KaaValue kaa_bytes_m_rsplit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return do_split(self, "rsplit", args, nargs, kwnames, true);
}

KaaValue kaa_bytes_m_splitlines(KaaValue self, KaaValue *args, size_t nargs,
                                KaaTuple *kwnames) {
    static const char *const params[] = {"keepends"};
    KaaValue a[1];
    kw_args("splitlines", args, nargs, kwnames, params, 1, a);
    bool keep = a[0] && kaa_int_sign(kaa_index(a[0])) != 0;
    KaaBuf b = kaa_bytes_self(self);
    KaaList *out = kaa_list_new(0);
    for (size_t i = 0; i < b.len;) {
        size_t j = i;
        while (j < b.len && b.data[j] != '\n' && b.data[j] != '\r') {
            j++;
        }
        size_t eol = j;
        if (j < b.len) {
            j += (b.data[j] == '\r' && j + 1 < b.len && b.data[j + 1] == '\n') ? 2 : 1;
        }
        add_piece(out, self, b.data + i, (keep ? j : eol) - i);
        i = j;
    }
    return kaa_from_obj(out);
}

static KaaValue partition3(KaaValue self, KaaBuf b, int64_t at, size_t seplen) {
    if (at < 0) {
        KaaValue empty = kaa_bytes_like_copy(self, NULL, 0);
        KaaValue whole = kaa_is_type(self, &kaa_bytes_type)
                             ? self
                             : kaa_bytes_like_copy(self, b.data, b.len);
        return kaa_from_obj(kaa_tuple_pack(3, whole, empty, kaa_bytes_like_copy(self, NULL, 0)));
    }
    size_t a = (size_t)at;
    return kaa_from_obj(kaa_tuple_pack(3, kaa_bytes_like_copy(self, b.data, a),
                                       kaa_bytes_like_copy(self, b.data + a, seplen),
                                       kaa_bytes_like_copy(self, b.data + a + seplen,
                                                           b.len - a - seplen)));
}

KaaValue kaa_bytes_m_partition(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg(self, "partition", nargs, kwnames);
    KaaBuf sep = kaa_bytes_arg(args[0]);
    if (sep.len == 0) {
        kaa_raise_value_error("empty separator");
    }
    KaaBuf b = kaa_bytes_self(self);
    Search s = {b, sep, 0, 0, (int64_t)b.len};
    return partition3(self, b, find_fwd(&s), sep.len);
}

KaaValue kaa_bytes_m_rpartition(KaaValue self, KaaValue *args, size_t nargs,
                                KaaTuple *kwnames) {
    one_arg(self, "rpartition", nargs, kwnames);
    KaaBuf sep = kaa_bytes_arg(args[0]);
    if (sep.len == 0) {
        kaa_raise_value_error("empty separator");
    }
    KaaBuf b = kaa_bytes_self(self);
    Search s = {b, sep, 0, 0, (int64_t)b.len};
    int64_t at = find_back(&s);
    if (at >= 0) {
        return partition3(self, b, at, sep.len);
    }
    // Not found: the whole string goes last.
    KaaValue whole = kaa_is_type(self, &kaa_bytes_type) ? self
                                                        : kaa_bytes_like_copy(self, b.data, b.len);
    return kaa_from_obj(kaa_tuple_pack(3, kaa_bytes_like_copy(self, NULL, 0),
                                       kaa_bytes_like_copy(self, NULL, 0), whole));
}

KaaValue kaa_bytes_m_join(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg(self, "join", nargs, kwnames);
    KaaValue seq = args[0];
    if (!kaa_is_type(seq, &kaa_list_type) && !kaa_is_type(seq, &kaa_tuple_type)) {
        KaaType *t = kaa_type_of(seq);
        if (t->iter == NULL && t->getitem == NULL) {
            kaa_raise_type_error("can only join an iterable");
        }
        seq = kaa_sequence_list(seq);
    }
    bool list = kaa_is_type(seq, &kaa_list_type);
    int64_t n = list ? kaa_list(seq)->len : kaa_tuple(seq)->len;
    KaaValue *items = list ? kaa_list(seq)->items : kaa_tuple(seq)->items;
    KaaBuf *parts = kaa_alloc_atomic((size_t)(n ? n : 1) * sizeof(KaaBuf));
    KaaBuf sep = kaa_bytes_self(self);
    size_t total = 0;
    for (int64_t i = 0; i < n; i++) {
        if (!kaa_buffer_get(items[i], &parts[i].data, &parts[i].len)) {
            kaa_raise_type_error("sequence item %lld: expected a bytes-like object, %T found",
                                 (long long)i, items[i]);
        }
        total += parts[i].len + (i ? sep.len : 0);
    }
    uint8_t *out;
    KaaValue r = kaa_bytes_like_new(self, total, &out);
    for (int64_t i = 0; i < n; i++) {
        if (i) {
            memcpy(out, sep.data, sep.len);
            out += sep.len;
        }
        memcpy(out, parts[i].data, parts[i].len);
        out += parts[i].len;
    }
    return r;
}

// ---- stripping, padding -----------------------------------------------------------------------

static KaaValue do_strip(KaaValue self, const char *name, KaaValue *args, size_t nargs,
                         KaaTuple *kwnames, bool left, bool right) {
    pos_args(name, nargs, kwnames, 0, 1);
    bool ws = nargs == 0 || args[0] == kaa_None;
    KaaBuf chars = ws ? (KaaBuf){NULL, 0} : kaa_bytes_arg(args[0]);
    KaaBuf b = kaa_bytes_self(self);
    size_t i = 0, j = b.len;
    while (left && i < j &&
           (ws ? is_space(b.data[i]) : memchr(chars.data, b.data[i], chars.len) != NULL)) {
        i++;
    }
    while (right && j > i &&
           (ws ? is_space(b.data[j - 1]) : memchr(chars.data, b.data[j - 1], chars.len) != NULL)) {
        j--;
    }
    if (i == 0 && j == b.len && kaa_is_type(self, &kaa_bytes_type)) {
        return self;
    }
    return kaa_bytes_like_copy(self, b.data + i, j - i);
}

KaaValue kaa_bytes_m_strip(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return do_strip(self, "strip", args, nargs, kwnames, true, true);
}

KaaValue kaa_bytes_m_lstrip(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return do_strip(self, "lstrip", args, nargs, kwnames, true, false);
}

KaaValue kaa_bytes_m_rstrip(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return do_strip(self, "rstrip", args, nargs, kwnames, false, true);
}

// self with `left` and `right` fill bytes around it.
static KaaValue pad(KaaValue self, KaaBuf b, size_t left, size_t right, uint8_t fill) {
    uint8_t *out;
    KaaValue r = kaa_bytes_like_new(self, left + b.len + right, &out);
    memset(out, fill, left);
    memcpy(out + left, b.data, b.len);
    memset(out + left + b.len, fill, right);
    return r;
}

// (width[, fillchar]) of center/ljust/rjust; returns the pad width (0: unchanged).
static size_t pad_args(KaaValue self, const char *name, KaaValue *args, size_t nargs,
                       KaaTuple *kwnames, uint8_t *fill) {
    pos_args(name, nargs, kwnames, 1, 2);
    int64_t width = kaa_bytes_size_arg(args[0]);
    *fill = ' ';
    if (nargs == 2) {
        KaaValue f = args[1];
        KaaBuf fb;
        if ((!kaa_is_bytes(f) && !kaa_is_bytearray(f)) || (fb = kaa_bytes_arg(f)).len != 1) {
            kaa_raise_type_error("%s() argument 2 must be a byte string of length 1, not %s",
                                 name, kaa_argtype_name(f));
        }
        *fill = fb.data[0];
    }
    int64_t len = (int64_t)kaa_bytes_self(self).len;
    return width > len ? (size_t)(width - len) : 0;
}

static KaaValue unchanged(KaaValue self) {
    if (kaa_is_type(self, &kaa_bytes_type)) {
        return self;
    }
    KaaBuf b = kaa_bytes_self(self);
    return kaa_bytes_like_copy(self, b.data, b.len);
}

KaaValue kaa_bytes_m_center(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    uint8_t fill;
    size_t marg = pad_args(self, "center", args, nargs, kwnames, &fill);
    if (marg == 0) {
        return unchanged(self);
    }
    KaaBuf b = kaa_bytes_self(self);
    // CPython's split of an odd margin: the extra byte goes left when the width is odd.
    size_t width = marg + b.len;
    size_t left = marg / 2 + (marg & width & 1);
    return pad(self, b, left, marg - left, fill);
}

KaaValue kaa_bytes_m_ljust(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    uint8_t fill;
    size_t marg = pad_args(self, "ljust", args, nargs, kwnames, &fill);
    return marg ? pad(self, kaa_bytes_self(self), 0, marg, fill) : unchanged(self);
}

KaaValue kaa_bytes_m_rjust(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    uint8_t fill;
    size_t marg = pad_args(self, "rjust", args, nargs, kwnames, &fill);
    return marg ? pad(self, kaa_bytes_self(self), marg, 0, fill) : unchanged(self);
}

KaaValue kaa_bytes_m_zfill(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg(self, "zfill", nargs, kwnames);
    int64_t width = kaa_bytes_size_arg(args[0]);
    KaaBuf b = kaa_bytes_self(self);
    if (width <= (int64_t)b.len) {
        return unchanged(self);
    }
    size_t fill = (size_t)width - b.len;
    KaaValue r = pad(self, b, fill, 0, '0');
    uint8_t *out = (uint8_t *)kaa_bytes_self(r).data;
    if (b.len && (b.data[0] == '+' || b.data[0] == '-')) {
        out[0] = b.data[0];  // the sign moves in front of the zeros
        out[fill] = '0';
    }
    return r;
}

KaaValue kaa_bytes_m_expandtabs(KaaValue self, KaaValue *args, size_t nargs,
                                KaaTuple *kwnames) {
    static const char *const params[] = {"tabsize"};
    KaaValue a[1];
    kw_args("expandtabs", args, nargs, kwnames, params, 1, a);
    int64_t tab = a[0] ? kaa_bytes_size_arg(a[0]) : 8;
    KaaBuf b = kaa_bytes_self(self);
    KaaByteBuf out;
    kaa_bytebuf_init(&out, b.len + 16);
    size_t col = 0;
    for (size_t i = 0; i < b.len; i++) {
        uint8_t c = b.data[i];
        if (c == '\t') {
            if (tab > 0) {
                size_t n = (size_t)tab - col % (size_t)tab;
                kaa_bytebuf_fill(&out, ' ', n);
                col += n;
            }
        } else {
            kaa_bytebuf_putc(&out, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return kaa_bytes_like_copy(self, out.data, out.len);
}

// ---- case and classification ------------------------------------------------------------------

typedef uint8_t (*ByteMap)(uint8_t c, bool *state);

static uint8_t map_lower(uint8_t c, bool *st) { return to_lower(c); }
static uint8_t map_upper(uint8_t c, bool *st) { return to_upper(c); }
static uint8_t map_swap(uint8_t c, bool *st) {
    return is_upper(c) ? to_lower(c) : to_upper(c);
}
// state: "the previous byte was cased" (title) / "not the first byte" (capitalize).
static uint8_t map_title(uint8_t c, bool *prev_cased) {
    uint8_t r = *prev_cased ? to_lower(c) : to_upper(c);
    *prev_cased = is_alpha(c);
    return r;
}
static uint8_t map_capitalize(uint8_t c, bool *not_first) {
    uint8_t r = *not_first ? to_lower(c) : to_upper(c);
    *not_first = true;
    return r;
}

static KaaValue map_bytes(KaaValue self, const char *name, size_t nargs, KaaTuple *kwnames,
                          ByteMap f) {
    no_args(self, name, nargs, kwnames);
    KaaBuf b = kaa_bytes_self(self);
    uint8_t *out;
    KaaValue r = kaa_bytes_like_new(self, b.len, &out);
    bool state = false;
    for (size_t i = 0; i < b.len; i++) {
        out[i] = f(b.data[i], &state);
    }
    return r;
}

KaaValue kaa_bytes_m_lower(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return map_bytes(self, "lower", nargs, kwnames, map_lower);
}
KaaValue kaa_bytes_m_upper(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return map_bytes(self, "upper", nargs, kwnames, map_upper);
}
KaaValue kaa_bytes_m_swapcase(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return map_bytes(self, "swapcase", nargs, kwnames, map_swap);
}
KaaValue kaa_bytes_m_title(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return map_bytes(self, "title", nargs, kwnames, map_title);
}
KaaValue kaa_bytes_m_capitalize(KaaValue self, KaaValue *args, size_t nargs,
                                KaaTuple *kwnames) {
    return map_bytes(self, "capitalize", nargs, kwnames, map_capitalize);
}

// True when every byte satisfies pred (and there is at least one byte).
static KaaValue all_bytes(KaaValue self, const char *name, size_t nargs, KaaTuple *kwnames,
                          bool (*pred)(uint8_t)) {
    no_args(self, name, nargs, kwnames);
    KaaBuf b = kaa_bytes_self(self);
    if (b.len == 0) {
        return kaa_False;
    }
    for (size_t i = 0; i < b.len; i++) {
        if (!pred(b.data[i])) {
            return kaa_False;
        }
    }
    return kaa_True;
}

static bool is_alnum(uint8_t c) { return is_alpha(c) || is_digit(c); }

KaaValue kaa_bytes_m_isalnum(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return all_bytes(self, "isalnum", nargs, kwnames, is_alnum);
}
KaaValue kaa_bytes_m_isalpha(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return all_bytes(self, "isalpha", nargs, kwnames, is_alpha);
}
KaaValue kaa_bytes_m_isdigit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return all_bytes(self, "isdigit", nargs, kwnames, is_digit);
}
KaaValue kaa_bytes_m_isspace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return all_bytes(self, "isspace", nargs, kwnames, is_space);
}

KaaValue kaa_bytes_m_isascii(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args(self, "isascii", nargs, kwnames);
    KaaBuf b = kaa_bytes_self(self);
    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] >= 128) {
            return kaa_False;
        }
    }
    return kaa_True;
}

// islower (want_lower) / isupper: some cased byte, and none of the other case.
static KaaValue case_check(KaaValue self, const char *name, size_t nargs, KaaTuple *kwnames,
                           bool want_lower) {
    no_args(self, name, nargs, kwnames);
    KaaBuf b = kaa_bytes_self(self);
    bool cased = false;
    for (size_t i = 0; i < b.len; i++) {
        uint8_t c = b.data[i];
        if (want_lower ? is_upper(c) : is_lower(c)) {
            return kaa_False;
        }
        cased = cased || (want_lower ? is_lower(c) : is_upper(c));
    }
    return kaa_bool(cased);
}

KaaValue kaa_bytes_m_islower(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return case_check(self, "islower", nargs, kwnames, true);
}
KaaValue kaa_bytes_m_isupper(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return case_check(self, "isupper", nargs, kwnames, false);
}

KaaValue kaa_bytes_m_istitle(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args(self, "istitle", nargs, kwnames);
    KaaBuf b = kaa_bytes_self(self);
    bool cased = false, prev_cased = false;
    for (size_t i = 0; i < b.len; i++) {
        uint8_t c = b.data[i];
        if (is_upper(c)) {
            if (prev_cased) {
                return kaa_False;
            }
            prev_cased = cased = true;
        } else if (is_lower(c)) {
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

// ---- replace, translate, prefixes -------------------------------------------------------------

KaaValue kaa_bytes_m_replace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    pos_args("replace", nargs, kwnames, 2, 3);
    KaaBuf old = kaa_bytes_arg(args[0]), new_ = kaa_bytes_arg(args[1]);
    int64_t count = nargs == 3 ? kaa_bytes_size_arg(args[2]) : -1;
    KaaBuf b = kaa_bytes_self(self);
    if (count < 0) {
        count = INT64_MAX;
    }
    KaaByteBuf out;
    kaa_bytebuf_init(&out, b.len + 16);
    if (old.len == 0) {
        // An empty pattern matches before every byte and at the end.
        for (size_t i = 0; i <= b.len; i++) {
            if (count > 0) {
                kaa_bytebuf_put(&out, new_.data, new_.len);
                count--;
            }
            if (i < b.len) {
                kaa_bytebuf_putc(&out, b.data[i]);
            }
        }
        return kaa_bytes_like_copy(self, out.data, out.len);
    }
    size_t i = 0;
    while (count-- > 0) {
        const uint8_t *p = memmem(b.data + i, b.len - i, old.data, old.len);
        if (!p) {
            break;
        }
        kaa_bytebuf_put(&out, b.data + i, (size_t)(p - b.data) - i);
        kaa_bytebuf_put(&out, new_.data, new_.len);
        i = (size_t)(p - b.data) + old.len;
    }
    if (i == 0 && kaa_is_type(self, &kaa_bytes_type)) {
        return self;  // nothing replaced
    }
    kaa_bytebuf_put(&out, b.data + i, b.len - i);
    return kaa_bytes_like_copy(self, out.data, out.len);
}

KaaValue kaa_bytes_m_translate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 2) {
        kaa_raise_type_error("translate() takes at most 2 arguments (%zu given)", nargs + nkw);
    }
    if (nargs == 0) {
        kaa_raise_type_error("translate() takes at least 1 positional argument (0 given)");
    }
    KaaValue delv = nargs == 2 ? args[1] : KAA_NULL;
    for (size_t k = 0; k < nkw; k++) {
        if (!kaa_str_eq_cstr(kwnames->items[k], "delete")) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for translate()",
                                 kwnames->items[k]);
        }
        delv = args[nargs + k];
    }
    KaaBuf table = {NULL, 0};
    if (args[0] != kaa_None) {
        table = kaa_bytes_arg(args[0]);
        if (table.len != 256) {
            kaa_raise_value_error("translation table must be 256 characters long");
        }
    }
    bool del[256] = {false};
    KaaBuf d = delv ? kaa_bytes_arg(delv) : (KaaBuf){NULL, 0};
    for (size_t i = 0; i < d.len; i++) {
        del[d.data[i]] = true;
    }
    KaaBuf b = kaa_bytes_self(self);
    KaaByteBuf out;
    kaa_bytebuf_init(&out, b.len);
    for (size_t i = 0; i < b.len; i++) {
        if (!del[b.data[i]]) {
            kaa_bytebuf_putc(&out, table.data ? table.data[b.data[i]] : b.data[i]);
        }
    }
    return kaa_bytes_like_copy(self, out.data, out.len);
}

KaaValue kaa_bytes_m_maketrans(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    pos_args("maketrans", nargs, kwnames, 2, 2);
    KaaBuf from = kaa_bytes_arg(args[0]), to = kaa_bytes_arg(args[1]);
    if (from.len != to.len) {
        kaa_raise_value_error("maketrans arguments must have same length");
    }
    KaaValue r = kaa_bytes_new_raw(256);
    uint8_t *t = kaa_bytes(r)->data;
    for (int i = 0; i < 256; i++) {
        t[i] = (uint8_t)i;
    }
    for (size_t i = 0; i < from.len; i++) {
        t[from.data[i]] = to.data[i];
    }
    return r;
}

static KaaValue remove_affix(KaaValue self, const char *name, KaaValue *args, size_t nargs,
                             KaaTuple *kwnames, bool suffix) {
    one_arg(self, name, nargs, kwnames);
    KaaBuf affix = kaa_bytes_arg(args[0]);
    KaaBuf b = kaa_bytes_self(self);
    if (affix.len && affix.len <= b.len &&
        memcmp(b.data + (suffix ? b.len - affix.len : 0), affix.data, affix.len) == 0) {
        return kaa_bytes_like_copy(self, b.data + (suffix ? 0 : affix.len), b.len - affix.len);
    }
    return unchanged(self);
}

KaaValue kaa_bytes_m_removeprefix(KaaValue self, KaaValue *args, size_t nargs,
                                  KaaTuple *kwnames) {
    return remove_affix(self, "removeprefix", args, nargs, kwnames, false);
}

KaaValue kaa_bytes_m_removesuffix(KaaValue self, KaaValue *args, size_t nargs,
                                  KaaTuple *kwnames) {
    return remove_affix(self, "removesuffix", args, nargs, kwnames, true);
}

// ---- decode, hex, fromhex ---------------------------------------------------------------------

KaaValue kaa_bytes_m_decode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"encoding", "errors"};
    KaaValue a[2];
    kw_args("decode", args, nargs, kwnames, params, 2, a);
    for (int i = 0; i < 2; i++) {
        if (a[i] && !kaa_is_str(a[i])) {
            kaa_raise_type_error("decode() argument '%s' must be str, not %s", params[i],
                                 kaa_argtype_name(a[i]));
        }
    }
    KaaBuf b = kaa_bytes_self(self);
    return kaa_str_decode(b.data, b.len, a[0], a[1]);
}

// The separator byte of hex(sep): a str or bytes-like of length 1, ASCII.
static uint8_t hex_sep(KaaValue sep) {
    if (kaa_is_str(sep)) {
        if (kaa_str(sep)->len != 1) {
            kaa_raise_value_error("sep must be length 1.");
        }
        uint32_t c = kaa_str_char(kaa_str(sep), 0);
        if (c >= 128) {
            kaa_raise_value_error("sep must be ASCII.");
        }
        return (uint8_t)c;
    }
    KaaBuf b;
    if (!kaa_buffer_get(sep, &b.data, &b.len)) {
        b.len = (size_t)kaa_len(sep);  // raises "object of type 'int' has no len()"
        kaa_raise_type_error("sep must be str or bytes.");
    }
    if (b.len != 1) {
        kaa_raise_value_error("sep must be length 1.");
    }
    if (b.data[0] >= 128) {
        kaa_raise_value_error("sep must be ASCII.");
    }
    return b.data[0];
}

KaaValue kaa_bytes_hex(KaaValue obj, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"sep", "bytes_per_sep"};
    KaaValue a[2];
    kw_args("hex", args, nargs, kwnames, params, 2, a);
    int64_t group = a[1] ? kaa_bytes_size_arg(a[1]) : 1;
    uint8_t sep = a[0] ? hex_sep(a[0]) : 0;
    KaaBuf b;
    if (!kaa_buffer_get(obj, &b.data, &b.len)) {
        kaa_raise_value_error("operation forbidden on released memoryview object");
    }
    if (!a[0] || group == 0 || b.len == 0) {
        group = 0;
    }
    size_t per = group < 0 ? (size_t)-group : (size_t)group;
    size_t nseps = per ? (b.len - 1) / per : 0;
    char *out = kaa_alloc_atomic(2 * b.len + nseps + 1);
    static const char digits[] = "0123456789abcdef";
    size_t o = 0;
    for (size_t i = 0; i < b.len; i++) {
        // Groups count from the right for a positive bytes_per_sep, from the left otherwise.
        size_t pos = group > 0 ? b.len - i : i;
        if (per && i > 0 && pos % per == 0) {
            out[o++] = (char)sep;
        }
        out[o++] = digits[b.data[i] >> 4];
        out[o++] = digits[b.data[i] & 15];
    }
    return kaa_str_from_ascii(out, o);
}

KaaValue kaa_bytes_m_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_bytes_hex(self, args, nargs, kwnames);
}

static int hex_digit(uint32_t c) {
    if (c >= '0' && c <= '9') {
        return (int)(c - '0');
    }
    if ((c | 32) >= 'a' && (c | 32) <= 'f') {
        return (int)((c | 32) - 'a' + 10);
    }
    return -1;
}

KaaValue kaa_bytes_m_fromhex(KaaValue cls, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaType *type = (KaaType *)kaa_obj(cls);
    bool ba = kaa_is_subtype(type, &kaa_bytearray_type);
    if (KAA_NKW(kwnames) || nargs != 1) {
        kaa_args_no_kw("fromhex", kwnames);
        kaa_raise_type_error("%s.fromhex() takes exactly one argument (%zu given)",
                             ba ? "bytearray" : "bytes", nargs);
    }
    KaaValue s = args[0];
    if (!kaa_is_str(s)) {
        kaa_raise_type_error("fromhex() argument must be str, not %s", kaa_argtype_name(s));
    }
    KaaStr *str = kaa_str(s);
    KaaByteBuf out;
    kaa_bytebuf_init(&out, str->len / 2);
    for (size_t i = 0; i < str->len;) {
        uint32_t c = kaa_str_char(str, i);
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            i++;
            continue;
        }
        int hi = hex_digit(c);
        int lo = i + 1 < str->len ? hex_digit(kaa_str_char(str, i + 1)) : -1;
        if (hi < 0 || lo < 0) {
            kaa_raise_value_error("non-hexadecimal number found in fromhex() arg at position %zu",
                                  hi < 0 ? i : i + 1);
        }
        kaa_bytebuf_putc(&out, (uint8_t)(hi * 16 + lo));
        i += 2;
    }
    KaaValue r = ba ? kaa_bytearray_new(out.data, out.len) : kaa_bytes_new(out.data, out.len);
    if (type != &kaa_bytes_type && type != &kaa_bytearray_type) {
        return kaa_call1(cls, r);  // subclasses are built from the plain result
    }
    return r;
}
