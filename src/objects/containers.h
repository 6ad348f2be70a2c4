// objects/containers.h — private helpers shared by tuple.c, list.c, listsort.c, dict.c and
// set.c: fast hashing and equality for the common key types, CPython's argument-count
// messages for methods, and the recursion guard around repr.
//
// Stage: objects. Included only by the container files; nothing here is public API, and it
// must not grow type-specific code (each type keeps that in its own file).
#ifndef KAA_OBJECTS_CONTAINERS_H
#define KAA_OBJECTS_CONTAINERS_H

#include "objects/objects.h"

// hash(v) with the common key types inline. A small int hashes to itself (CPython reduces
// modulo 2**61-1, which a 48-bit payload never reaches), except -1, reserved for errors.
static inline int64_t container_hash(KaaValue v) {
    if (kaa_is_int(v)) {
        int64_t i = kaa_int_val(v);
        return i == -1 ? -2 : i;
    }
    if (kaa_is_obj(v) && kaa_obj(v)->type == &kaa_str_type) {
        int64_t h = kaa_str(v)->hash;
        return h != -1 ? h : kaa_str_hash(v);
    }
    if (kaa_is_float(v)) {
        return kaa_float_hash(kaa_float_val(v));
    }
    return kaa_hash(v);
}

static inline bool is_exact_str(KaaValue v) {
    return kaa_is_obj(v) && kaa_obj(v)->type == &kaa_str_type;
}

// a == b for two values already known not to be identical: skips the generic protocol when
// both are small ints (equal ints have equal encodings) or both exact strs. The stored item
// goes first, as CPython passes it.
static inline bool items_equal(KaaValue stored, KaaValue v) {
    if (kaa_is_int(stored) && kaa_is_int(v)) {
        return false;
    }
    if (is_exact_str(stored) && is_exact_str(v)) {
        return kaa_str_eq(stored, v);
    }
    if (kaa_is_float(stored) && kaa_is_float(v)) {
        return kaa_float_val(stored) == kaa_float_val(v);
    }
    return kaa_richcompare_bool(stored, v, KAA_EQ);
}

// 1: equal, 0: not equal, -1: only the full protocol can tell (for a and b not identical).
static inline int quick_eq(KaaValue a, KaaValue b) {
    if (kaa_is_int(a) && kaa_is_int(b)) {
        return 0;
    }
    if (is_exact_str(a) && is_exact_str(b)) {
        return kaa_str_eq(a, b);
    }
    if (kaa_is_float(a) && kaa_is_float(b)) {
        return kaa_float_val(a) == kaa_float_val(b);
    }
    return -1;
}

// Identity first, then ==: how every container compares its items.
static inline bool items_same(KaaValue stored, KaaValue v) {
    return stored == v || items_equal(stored, v);
}

// ---- argument checks with CPython's exact messages ----------------------------------------
// METH_NOARGS / METH_O style: "list.copy() takes no arguments (1 given)".
static inline void args_none(const char *qualname, size_t nargs, KaaTuple *kwnames) {
    if (KAA_UNLIKELY(kwnames && kwnames->len)) {
        kaa_raise_type_error("%s() takes no keyword arguments", qualname);
    }
    if (KAA_UNLIKELY(nargs != 0)) {
        kaa_raise_type_error("%s() takes no arguments (%d given)", qualname, (int)nargs);
    }
}

static inline void args_one(const char *qualname, size_t nargs, KaaTuple *kwnames) {
    if (KAA_UNLIKELY(kwnames && kwnames->len)) {
        kaa_raise_type_error("%s() takes no keyword arguments", qualname);
    }
    if (KAA_UNLIKELY(nargs != 1)) {
        kaa_raise_type_error("%s() takes exactly one argument (%d given)", qualname, (int)nargs);
    }
}

// Argument-clinic style positional range: "insert expected 2 arguments, got 1".
static inline void args_range(const char *qualname, const char *name, size_t nargs,
                              KaaTuple *kwnames, size_t min, size_t max) {
    if (KAA_UNLIKELY(kwnames && kwnames->len)) {
        kaa_raise_type_error("%s() takes no keyword arguments", qualname);
    }
    if (KAA_LIKELY(nargs >= min && nargs <= max)) {
        return;
    }
    const char *how = min == max ? "" : nargs < min ? "at least " : "at most ";
    size_t n = nargs < min ? min : max;
    kaa_raise_type_error("%s expected %s%d argument%s, got %d", name, how, (int)n,
                         n == 1 ? "" : "s", (int)nargs);
}

// The positional count of a type call: "list expected at most 1 argument, got 2".
static inline void args_at_most(const char *name, size_t nargs, size_t max) {
    if (KAA_UNLIKELY(nargs > max)) {
        kaa_raise_type_error("%s expected at most %d argument%s, got %d", name, (int)max,
                             max == 1 ? "" : "s", (int)nargs);
    }
}

static inline void args_no_kw(const char *name, KaaTuple *kwnames) {
    if (KAA_UNLIKELY(kwnames && kwnames->len)) {
        kaa_raise_type_error("%s() takes no keyword arguments", name);
    }
}

// ---- recursion ------------------------------------------------------------------------------
// kaa_check_c_stack with CPython's words for what was being done when the stack ran out.
#define WHILE_REPR "while getting the repr of an object"
#define IN_COMPARISON "in comparison"

static inline void check_depth(const char *while_doing) {
    char here;
    if (KAA_UNLIKELY(&here < kaa_ts.c_stack_limit)) {
        kaa_raise_recursion(while_doing);
    }
}

// ---- repr with the recursion guard --------------------------------------------------------
// Runs body(self) between kaa_repr_enter and kaa_repr_leave, leaving the guard even when body
// raises; returns `recursive` (a C string) when self is already being repr'd.
typedef struct ReprCall {
    KaaValue self;
    KaaValue (*body)(KaaValue self);
    KaaValue result;
} ReprCall;

static void repr_call_run(void *ud) {
    ReprCall *c = ud;
    c->result = c->body(c->self);
}

static inline KaaValue guarded_repr(KaaValue self, KaaValue recursive,
                                    KaaValue (*body)(KaaValue)) {
    if (kaa_repr_enter(self)) {
        return recursive;
    }
    ReprCall c = {self, body, KAA_NULL};
    KaaValue exc = kaa_protect(repr_call_run, &c);
    kaa_repr_leave(self);
    if (exc) {
        kaa_raise(exc);
    }
    return c.result;
}

// Sequence index from a subscript that is not a slice: ints and __index__ objects, with the
// "<what> indices must be integers or slices, not str" message otherwise.
static inline int64_t seq_index(KaaValue key, const char *what) {
    if (KAA_LIKELY(kaa_is_int(key))) {
        return kaa_int_val(key);
    }
    if (kaa_type_of(key)->index == NULL) {
        kaa_raise_type_error("%s indices must be integers or slices, not %s", what,
                             kaa_type_name_of(key));
    }
    return kaa_index_i64(key);
}

// Shared by tuple.c and list.c (defined in tuple.c). Lexicographic comparison of two item
// arrays, as tuple and list compare.
KaaValue kaa_seq_richcompare(const KaaValue *a, int64_t alen, const KaaValue *b, int64_t blen,
                             int op);
// The count n of seq * n: an int or __index__ object; OverflowError beyond int64.
int64_t kaa_seq_repeat_count(KaaValue n);
// start/stop of index(): ints or __index__ objects, negative ones counted from the end and
// clamped at 0.
int64_t kaa_seq_clamp_index(KaaValue v, int64_t len);

// Shared by dict.c and dictview.c. Lookup and store with a hash already known.
KaaValue kaa_dict_get_hashed(KaaDict *d, KaaValue key, int64_t hash);
void kaa_dict_set_hashed(KaaDict *d, KaaValue key, int64_t hash, KaaValue value);
// A view (dict_keys, dict_values, dict_items) or an iterator (one of the six dict iterator
// types) over d.
KaaValue kaa_dictview_new(KaaDict *d, KaaType *type);
KaaValue kaa_dictiter_new(KaaDict *d, KaaType *type);

// Shared by set.c and dictview.c: the set operations views are built from.
void kaa_set_difference_update(KaaSet *s, KaaValue other);
void kaa_set_symmetric_update(KaaSet *s, KaaValue other);
KaaValue kaa_set_intersection(KaaValue s, KaaValue other);  // s a set or frozenset

static inline bool is_slice(KaaValue v) { return kaa_is_type(v, &kaa_slice_type); }

#endif
