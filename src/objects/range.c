// objects/range.c — the range type and its two iterators.
//
// Stage: objects. Owns range (any int bounds), range_iterator (KaaRangeIter, declared in
// objects.h: every value fits int64, so the VM's FOR_ITER may step it inline) and
// longrange_iterator (bounds or length beyond int64, stepped with int objects). Everything a
// range computes is exact: int64 work is done in 128 bits, the rest with int objects. It must
// not know list or tuple internals.
#include <stddef.h>

#include "objects/objects.h"
#include "vm/vm.h"

typedef struct {
    KaaObject ob;
    KaaValue start, stop, step, length;  // ints
    bool small;                          // start, stop, step and length all fit int64
    int64_t istart, istop, istep, ilen;  // valid when small
} Range;

static inline Range *as_range(KaaValue v) { return (Range *)kaa_obj(v); }

// ---- int helpers ------------------------------------------------------------------------------

static KaaValue add(KaaValue a, KaaValue b) { return kaa_binary_op(a, b, KAA_OP_ADD); }
static KaaValue sub(KaaValue a, KaaValue b) { return kaa_binary_op(a, b, KAA_OP_SUB); }
static KaaValue mul(KaaValue a, KaaValue b) { return kaa_binary_op(a, b, KAA_OP_MUL); }
static bool lt(KaaValue a, KaaValue b) { return kaa_richcompare_bool(a, b, KAA_LT); }

static bool fits64(__int128 x) { return x >= INT64_MIN && x <= INT64_MAX; }

static KaaValue from_i128(__int128 x) {
    if (fits64(x)) {
        return kaa_int_from_i64((int64_t)x);
    }
    unsigned __int128 u = x < 0 ? -(unsigned __int128)x : (unsigned __int128)x;
    mpz_t z;
    mpz_init_set_ui(z, (unsigned long)(u >> 64));
    mpz_mul_2exp(z, z, 64);
    mpz_add_ui(z, z, (unsigned long)(uint64_t)u);
    if (x < 0) {
        mpz_neg(z, z);
    }
    KaaValue r = kaa_int_from_mpz(z);
    mpz_clear(z);
    return r;
}

// An int (exact int or bool) argument, as opposed to anything with __index__.
static bool is_exact_int(KaaValue v) {
    return kaa_is_int(v) || kaa_is_type(v, &kaa_int_type) || kaa_is_type(v, &kaa_bool_type);
}

// An argument as an exact int (bool and int subclasses are normalised, as range(True) is
// range(0, 1)).
static KaaValue as_index(KaaValue v) {
    if (kaa_is_int(v)) {
        return v;
    }
    v = kaa_index(v);
    if (kaa_is_int(v) || kaa_is_type(v, &kaa_int_type)) {
        return v;
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(v, z);
    KaaValue r = kaa_int_from_mpz(z);
    mpz_clear(z);
    return r;
}

// ---- construction -----------------------------------------------------------------------------

// The number of values, exactly: ceil((stop - start) / step) when positive.
static KaaValue big_length(KaaValue start, KaaValue stop, KaaValue step) {
    KaaValue one = kaa_from_small(1);
    if (kaa_int_sign(step) > 0) {
        if (!lt(start, stop)) {
            return kaa_from_small(0);
        }
        KaaValue q = kaa_binary_op(sub(sub(stop, start), one), step, KAA_OP_FLOORDIV);
        return add(q, one);
    }
    if (!lt(stop, start)) {
        return kaa_from_small(0);
    }
    KaaValue q = kaa_binary_op(sub(sub(start, stop), one), kaa_neg(step), KAA_OP_FLOORDIV);
    return add(q, one);
}

static __int128 small_length(int64_t start, int64_t stop, int64_t step) {
    if (step > 0) {
        return start < stop ? ((__int128)stop - start - 1) / step + 1 : 0;
    }
    return start > stop ? ((__int128)start - stop - 1) / -(__int128)step + 1 : 0;
}

// A range from three ints (step nonzero).
static KaaValue make_range(KaaValue start, KaaValue stop, KaaValue step) {
    Range *r = kaa_alloc(sizeof(Range));
    r->ob.type = &kaa_range_type;
    r->start = start;
    r->stop = stop;
    r->step = step;
    if (kaa_int_to_i64(start, &r->istart) && kaa_int_to_i64(stop, &r->istop) &&
        kaa_int_to_i64(step, &r->istep)) {
        __int128 len = small_length(r->istart, r->istop, r->istep);
        r->length = from_i128(len);
        r->small = fits64(len);
        r->ilen = (int64_t)len;
    } else {
        r->length = big_length(start, stop, step);
    }
    return kaa_from_obj(r);
}

static KaaValue range_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("range() takes no keyword arguments");
    }
    if (nargs == 0) {
        kaa_raise_type_error("range expected at least 1 argument, got 0");
    }
    if (nargs > 3) {
        kaa_raise_type_error("range expected at most 3 arguments, got %zu", nargs);
    }
    if (nargs == 1) {
        return make_range(kaa_from_small(0), as_index(args[0]), kaa_from_small(1));
    }
    KaaValue start = as_index(args[0]), stop = as_index(args[1]);
    KaaValue step = nargs == 3 ? as_index(args[2]) : kaa_from_small(1);
    if (kaa_int_sign(step) == 0) {
        kaa_raise_value_error("range() arg 3 must not be zero");
    }
    return make_range(start, stop, step);
}

// ---- sequence protocol ------------------------------------------------------------------------

static int64_t range_len(KaaValue self) {
    Range *r = as_range(self);
    if (KAA_LIKELY(r->small)) {
        return r->ilen;
    }
    int64_t n;
    if (!kaa_int_to_i64(r->length, &n)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    return n;
}

static int range_truth(KaaValue self) {
    Range *r = as_range(self);
    return r->small ? r->ilen != 0 : kaa_int_sign(r->length) != 0;
}

// The i-th value (0 <= i < len).
static KaaValue item_at(Range *r, KaaValue i) {
    if (r->small && kaa_is_int(i)) {
        return from_i128((__int128)r->istart + (__int128)kaa_int_val(i) * r->istep);
    }
    return add(r->start, mul(i, r->step));
}

static KaaValue index_item(Range *r, KaaValue key) {
    if (r->small && kaa_is_int(key)) {
        int64_t i = kaa_int_val(key);
        if (i < 0) {
            i += r->ilen;
        }
        if (i < 0 || i >= r->ilen) {
            kaa_raise_index_error("range object index out of range");
        }
        return from_i128((__int128)r->istart + (__int128)i * r->istep);
    }
    KaaValue i = kaa_index(key);
    if (kaa_int_sign(i) < 0) {
        i = add(i, r->length);
    }
    if (kaa_int_sign(i) < 0 || !lt(i, r->length)) {
        kaa_raise_index_error("range object index out of range");
    }
    return item_at(r, i);
}

static bool small_or_none(KaaValue v) {
    return v == kaa_None || kaa_is_int(v);
}

static KaaValue slice_range(Range *r, KaaValue key) {
    KaaSlice *s = (KaaSlice *)kaa_obj(key);
    if (r->small && small_or_none(s->start) && small_or_none(s->stop) &&
        small_or_none(s->step)) {
        int64_t b, e, st;
        kaa_slice_unpack(key, r->ilen, &b, &e, &st);
        return make_range(from_i128((__int128)r->istart + (__int128)b * r->istep),
                          from_i128((__int128)r->istart + (__int128)e * r->istep),
                          from_i128((__int128)st * r->istep));
    }
    // Exact for any size: slice.indices() works with whole ints.
    KaaValue ind = kaa_call1(kaa_getattr_cstr(key, "indices"), r->length);
    KaaTuple *t = kaa_tuple(ind);
    return make_range(add(r->start, mul(t->items[0], r->step)),
                      add(r->start, mul(t->items[1], r->step)), mul(t->items[2], r->step));
}

static KaaValue range_getitem(KaaValue self, KaaValue key) {
    Range *r = as_range(self);
    if (kaa_is_int(key) || kaa_is_int_like(key)) {
        return index_item(r, key);
    }
    if (kaa_is_type(key, &kaa_slice_type)) {
        return slice_range(r, key);
    }
    if (kaa_lookup_special(key, KAA_ID(__index__))) {
        return index_item(r, key);
    }
    kaa_raise_type_error("range indices must be integers or slices, not %T", key);
}

// Whether the int v is one of the range's values.
static bool contains_int(Range *r, KaaValue v) {
    if (r->small && kaa_is_int(v)) {
        __int128 x = kaa_int_val(v);
        bool inside = r->istep > 0 ? (r->istart <= x && x < r->istop)
                                   : (r->istop < x && x <= r->istart);
        return inside && (x - r->istart) % r->istep == 0;
    }
    bool inside = kaa_int_sign(r->step) > 0 ? (!lt(v, r->start) && lt(v, r->stop))
                                            : (lt(r->stop, v) && !lt(r->start, v));
    if (!inside) {
        return false;
    }
    return kaa_int_sign(kaa_binary_op(sub(v, r->start), r->step, KAA_OP_MOD)) == 0;
}

// Position of v in the range by iteration and ==, or -1 (for non-int values). With count
// non-NULL, goes on to the end counting the matches.
static int64_t search(KaaValue self, KaaValue v, int64_t *count) {
    KaaValue it = kaa_iter(self);
    int64_t i = 0;
    int64_t found = -1;
    if (count) {
        *count = 0;
    }
    for (KaaValue x; (x = kaa_next(it)); i++) {
        if (kaa_eq(x, v)) {
            if (!count) {
                return i;
            }
            if (found < 0) {
                found = i;
            }
            (*count)++;
        }
    }
    return found;
}

static int range_contains(KaaValue self, KaaValue v) {
    if (is_exact_int(v)) {
        return contains_int(as_range(self), v);
    }
    return search(self, v, NULL) >= 0;
}

static KaaValue range_index(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("range.index", kwnames);
    kaa_args_count("range.index", nargs, 1, 1);
    Range *r = as_range(self);
    KaaValue v = args[0];
    if (!is_exact_int(v)) {
        int64_t i = search(self, v, NULL);
        if (i < 0) {
            kaa_raise_value_error("sequence.index(x): x not in sequence");
        }
        return kaa_int_from_i64(i);
    }
    if (!contains_int(r, v)) {
        kaa_raise_value_error("%R is not in range", v);
    }
    return kaa_binary_op(sub(v, r->start), r->step, KAA_OP_FLOORDIV);
}

static KaaValue range_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("range.count", kwnames);
    kaa_args_count("range.count", nargs, 1, 1);
    if (is_exact_int(args[0])) {
        return kaa_from_small(contains_int(as_range(self), args[0]));
    }
    int64_t count;
    search(self, args[0], &count);
    return kaa_int_from_i64(count);
}

// ---- comparison, hash, repr -------------------------------------------------------------------

// Ranges are equal when they produce the same values.
static bool range_equal(Range *a, Range *b) {
    if (a == b) {
        return true;
    }
    if (!kaa_eq(a->length, b->length)) {
        return false;
    }
    if (kaa_int_sign(a->length) == 0) {
        return true;
    }
    if (!kaa_eq(a->start, b->start)) {
        return false;
    }
    return kaa_eq(a->length, kaa_from_small(1)) || kaa_eq(a->step, b->step);
}

static KaaValue range_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_type(b, &kaa_range_type) || !kaa_is_type(a, &kaa_range_type) ||
        (op != KAA_EQ && op != KAA_NE)) {
        return kaa_NotImplemented;
    }
    return kaa_bool(range_equal(as_range(a), as_range(b)) == (op == KAA_EQ));
}

// hash((len, start, step)), with None for what does not matter: equal ranges hash equal.
static int64_t range_hash(KaaValue self) {
    Range *r = as_range(self);
    KaaValue start = r->start, step = r->step;
    if (kaa_int_sign(r->length) == 0) {
        start = step = kaa_None;
    } else if (kaa_eq(r->length, kaa_from_small(1))) {
        step = kaa_None;
    }
    return kaa_hash(kaa_from_obj(kaa_tuple_pack(3, r->length, start, step)));
}

static KaaValue range_repr(KaaValue self) {
    Range *r = as_range(self);
    if (r->step == kaa_from_small(1)) {
        return kaa_str_printf("range(%R, %R)", r->start, r->stop);
    }
    return kaa_str_printf("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static KaaValue range_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("range.__reduce__", kwnames);
    kaa_args_count("range.__reduce__", nargs, 0, 0);
    Range *r = as_range(self);
    KaaValue a = kaa_from_obj(kaa_tuple_pack(3, r->start, r->stop, r->step));
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(&kaa_range_type), a));
}

// ---- iterators --------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue start, step, len, index;  // ints
} LongRangeIter;

static KaaValue new_long_iter(KaaValue start, KaaValue step, KaaValue len) {
    LongRangeIter *it = kaa_alloc(sizeof(LongRangeIter));
    it->ob.type = &kaa_longrange_iter_type;
    it->start = start;
    it->step = step;
    it->len = len;
    it->index = kaa_from_small(0);
    return kaa_from_obj(it);
}

// An iterator over len values from first by step: the int64 one whenever everything fits.
static KaaValue new_iter(__int128 first, __int128 step, __int128 len) {
    if (!fits64(first) || !fits64(step) || !fits64(len) || !fits64(first + len * step)) {
        return new_long_iter(from_i128(first), from_i128(step), from_i128(len));
    }
    KaaRangeIter *it = kaa_alloc(sizeof(KaaRangeIter));
    it->ob.type = &kaa_range_iter_type;
    it->next = it->start = (int64_t)first;
    it->step = (int64_t)step;
    it->remaining = it->len = (int64_t)len;
    return kaa_from_obj(it);
}

static KaaValue range_iter(KaaValue self) {
    Range *r = as_range(self);
    if (r->small) {
        return new_iter(r->istart, r->istep, r->ilen);
    }
    return new_long_iter(r->start, r->step, r->length);
}

static KaaValue range_reversed(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("range.__reversed__", kwnames);
    kaa_args_count("range.__reversed__", nargs, 0, 0);
    Range *r = as_range(self);
    if (r->small) {
        __int128 last = (__int128)r->istart + ((__int128)r->ilen - 1) * r->istep;
        return new_iter(last, -(__int128)r->istep, r->ilen);
    }
    KaaValue last = add(r->start, mul(sub(r->length, kaa_from_small(1)), r->step));
    return new_long_iter(last, kaa_neg(r->step), r->length);
}

static KaaValue iter_self(KaaValue self) {
    return self;
}

static KaaValue rangeiter_next(KaaValue self) {
    KaaRangeIter *it = (KaaRangeIter *)kaa_obj(self);
    if (it->remaining <= 0) {
        return KAA_NULL;
    }
    int64_t v = it->next;
    it->next = (int64_t)((uint64_t)v + (uint64_t)it->step);  // may wrap after the last value
    it->remaining--;
    return kaa_small_fits(v) ? kaa_from_small(v) : kaa_int_from_i64(v);
}

// (iter, (range(start, start + len*step, step),), index): how both iterators pickle.
static KaaValue iter_reduce(KaaValue start, KaaValue step, KaaValue len, KaaValue index) {
    KaaDict *b = kaa_current_builtins();
    KaaValue iter = kaa_dict_get_cstr(b ? b : kaa_builtins_dict, "iter");
    KaaValue r = make_range(start, add(start, mul(len, step)), step);
    KaaValue args = kaa_from_obj(kaa_tuple_pack(1, r));
    return kaa_from_obj(kaa_tuple_pack(3, iter ? iter : kaa_None, args, index));
}

static KaaValue rangeiter_reduce(KaaValue self, KaaValue *args, size_t nargs,
                                 KaaTuple *kwnames) {
    kaa_args_no_kw("range_iterator.__reduce__", kwnames);
    kaa_args_count("range_iterator.__reduce__", nargs, 0, 0);
    KaaRangeIter *it = (KaaRangeIter *)kaa_obj(self);
    return iter_reduce(kaa_int_from_i64(it->start), kaa_int_from_i64(it->step),
                       kaa_int_from_i64(it->len), kaa_int_from_i64(it->len - it->remaining));
}

static KaaValue rangeiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kwnames) {
    kaa_args_no_kw("range_iterator.__length_hint__", kwnames);
    kaa_args_count("range_iterator.__length_hint__", nargs, 0, 0);
    return kaa_int_from_i64(((KaaRangeIter *)kaa_obj(self))->remaining);
}

static KaaValue rangeiter_setstate(KaaValue self, KaaValue *args, size_t nargs,
                                   KaaTuple *kwnames) {
    kaa_args_no_kw("range_iterator.__setstate__", kwnames);
    kaa_args_count("range_iterator.__setstate__", nargs, 1, 1);
    KaaRangeIter *it = (KaaRangeIter *)kaa_obj(self);
    KaaValue v = kaa_index(args[0]);
    int64_t i;
    if (!kaa_int_to_i64(v, &i)) {
        i = kaa_int_sign(v) < 0 ? 0 : it->len;
    }
    i = i < 0 ? 0 : i > it->len ? it->len : i;
    it->remaining = it->len - i;
    it->next = (int64_t)((uint64_t)it->start + (uint64_t)i * (uint64_t)it->step);
    return kaa_None;
}

static const KaaMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, 0, NULL},
    {"__reduce__", rangeiter_reduce, 0, NULL},
    {"__setstate__", rangeiter_setstate, 0, NULL},
    {NULL},
};

KaaType kaa_range_iter_type = {
    .ob = {&kaa_type_type},
    .name = "range_iterator",
    .instance_size = sizeof(KaaRangeIter),
    .iter = iter_self,
    .next = rangeiter_next,
    .methods = rangeiter_methods,
};

static KaaValue longiter_next(KaaValue self) {
    LongRangeIter *it = (LongRangeIter *)kaa_obj(self);
    if (!lt(it->index, it->len)) {
        return KAA_NULL;
    }
    KaaValue v = add(it->start, mul(it->index, it->step));
    it->index = add(it->index, kaa_from_small(1));
    return v;
}

static KaaValue longiter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("longrange_iterator.__reduce__", kwnames);
    kaa_args_count("longrange_iterator.__reduce__", nargs, 0, 0);
    LongRangeIter *it = (LongRangeIter *)kaa_obj(self);
    return iter_reduce(it->start, it->step, it->len, it->index);
}

static KaaValue longiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kwnames) {
    kaa_args_no_kw("longrange_iterator.__length_hint__", kwnames);
    kaa_args_count("longrange_iterator.__length_hint__", nargs, 0, 0);
    LongRangeIter *it = (LongRangeIter *)kaa_obj(self);
    return sub(it->len, it->index);
}

static KaaValue longiter_setstate(KaaValue self, KaaValue *args, size_t nargs,
                                  KaaTuple *kwnames) {
    kaa_args_no_kw("longrange_iterator.__setstate__", kwnames);
    kaa_args_count("longrange_iterator.__setstate__", nargs, 1, 1);
    LongRangeIter *it = (LongRangeIter *)kaa_obj(self);
    KaaValue i = kaa_index(args[0]);
    if (kaa_int_sign(i) < 0) {
        i = kaa_from_small(0);
    } else if (lt(it->len, i)) {
        i = it->len;
    }
    it->index = i;
    return kaa_None;
}

static const KaaMethodDef longiter_methods[] = {
    {"__length_hint__", longiter_length_hint, 0, NULL},
    {"__reduce__", longiter_reduce, 0, NULL},
    {"__setstate__", longiter_setstate, 0, NULL},
    {NULL},
};

KaaType kaa_longrange_iter_type = {
    .ob = {&kaa_type_type},
    .name = "longrange_iterator",
    .instance_size = sizeof(LongRangeIter),
    .iter = iter_self,
    .next = longiter_next,
    .methods = longiter_methods,
};

// ---- the type ---------------------------------------------------------------------------------

static const KaaMethodDef range_methods[] = {
    {"__reversed__", range_reversed, 0, NULL},
    {"__reduce__", range_reduce, 0, NULL},
    {"count", range_count, 0, NULL},
    {"index", range_index, 0, NULL},
    {NULL},
};

static const KaaMemberDef range_members[] = {
    {"start", KAA_MEMBER_VALUE_RO, offsetof(Range, start), NULL},
    {"stop", KAA_MEMBER_VALUE_RO, offsetof(Range, stop), NULL},
    {"step", KAA_MEMBER_VALUE_RO, offsetof(Range, step), NULL},
    {NULL},
};

KaaType kaa_range_type = {
    .ob = {&kaa_type_type},
    .name = "range",
    .flags = KAA_TPFLAG_SEQUENCE,
    .instance_size = sizeof(Range),
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .truth = range_truth,
    .len = range_len,
    .getitem = range_getitem,
    .contains = range_contains,
    .new_ = range_new,
    .methods = range_methods,
    .members = range_members,
};
