// objects/slice.c — the slice type and the index arithmetic every sequence uses for a[i:j:k].
//
// Stage: objects. Owns KaaSlice, kaa_slice_new and kaa_slice_unpack (clamping start/stop/step
// to a sequence length, CPython's PySlice_Unpack + PySlice_AdjustIndices semantics) and the
// exact (big-int) arithmetic of slice.indices(). It must not know any sequence type: sequences
// call kaa_slice_unpack and walk the result themselves.
#include <stddef.h>

#include "objects/objects.h"

KaaValue kaa_slice_new(KaaValue start, KaaValue stop, KaaValue step) {
    KaaSlice *s = kaa_alloc(sizeof(KaaSlice));
    s->ob.type = &kaa_slice_type;
    s->start = start ? start : kaa_None;
    s->stop = stop ? stop : kaa_None;
    s->step = step ? step : kaa_None;
    return kaa_from_obj(s);
}

// ---- clamped int64 unpacking ------------------------------------------------------------------

// Converts a slice bound to an integer value, with the message slices use (not index()'s).
static KaaValue bound_index(KaaValue v) {
    if (kaa_is_int(v) || kaa_is_int_like(v)) {
        return v;
    }
    if (!kaa_lookup_special(v, KAA_ID(__index__))) {
        kaa_raise_type_error("slice indices must be integers or None or have an __index__ method");
    }
    return kaa_index(v);
}

// A bound as int64, saturated at [lo, hi] when it is a huge int (PySlice_Unpack clamps so).
static int64_t clamp_bound(KaaValue v, int64_t lo, int64_t hi) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    v = bound_index(v);
    int64_t out;
    if (kaa_int_to_i64(v, &out)) {
        return out < lo ? lo : out;
    }
    return kaa_int_sign(v) < 0 ? lo : hi;
}

// Adjusts a clamped bound against the length, as PySlice_AdjustIndices does.
static int64_t adjust(int64_t i, int64_t len, int64_t step) {
    if (i < 0) {
        i += len;
        if (i < 0) {
            i = step < 0 ? -1 : 0;
        }
    } else if (i >= len) {
        i = step < 0 ? len - 1 : len;
    }
    return i;
}

int64_t kaa_slice_unpack(KaaValue slice, int64_t len, int64_t *start, int64_t *stop,
                         int64_t *step) {
    KaaSlice *s = (KaaSlice *)kaa_obj(slice);
    int64_t st = 1;
    if (s->step != kaa_None) {
        // -INT64_MAX keeps -step representable for the callers.
        st = clamp_bound(s->step, -INT64_MAX, INT64_MAX);
        if (st == 0) {
            kaa_raise_value_error("slice step cannot be zero");
        }
    }
    int64_t b, e;
    if (s->start == kaa_None) {
        b = st < 0 ? INT64_MAX : 0;
    } else {
        b = clamp_bound(s->start, INT64_MIN, INT64_MAX);
    }
    if (s->stop == kaa_None) {
        e = st < 0 ? INT64_MIN : INT64_MAX;
    } else {
        e = clamp_bound(s->stop, INT64_MIN, INT64_MAX);
    }
    b = adjust(b, len, st);
    e = adjust(e, len, st);
    *start = b;
    *stop = e;
    *step = st;
    if (st < 0) {
        return e < b ? (b - e - 1) / (-st) + 1 : 0;
    }
    return b < e ? (e - b - 1) / st + 1 : 0;
}

// ---- slice.indices(): exact arithmetic for any size ------------------------------------------

// Clamps x (already an int) into [lo, hi] given as mpz, after adding len when negative.
static void exact_bound(mpz_t out, KaaValue v, const mpz_t len, bool neg_step, bool is_start) {
    if (v == kaa_None) {
        if (neg_step) {
            if (is_start) {
                mpz_sub_ui(out, len, 1);
            } else {
                mpz_set_si(out, -1);
            }
        } else if (is_start) {
            mpz_set_ui(out, 0);
        } else {
            mpz_set(out, len);
        }
        return;
    }
    kaa_int_to_mpz(bound_index(v), out);
    if (mpz_sgn(out) < 0) {
        mpz_add(out, out, len);
        if (mpz_sgn(out) < 0) {
            mpz_set_si(out, neg_step ? -1 : 0);
        }
    } else if (mpz_cmp(out, len) >= 0) {
        if (neg_step) {
            mpz_sub_ui(out, len, 1);
        } else {
            mpz_set(out, len);
        }
    }
}

static KaaValue slice_indices(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("indices", kwnames);
    if (nargs != 1) {
        kaa_raise_type_error("slice.indices() takes exactly one argument (%zu given)", nargs);
    }
    KaaValue lenv = kaa_index(args[0]);
    if (kaa_int_sign(lenv) < 0) {
        kaa_raise_value_error("length should not be negative");
    }
    KaaSlice *s = (KaaSlice *)kaa_obj(self);
    mpz_t len, step, start, stop;
    mpz_inits(len, step, start, stop, NULL);
    kaa_int_to_mpz(lenv, len);
    if (s->step == kaa_None) {
        mpz_set_ui(step, 1);
    } else {
        kaa_int_to_mpz(bound_index(s->step), step);
        if (mpz_sgn(step) == 0) {
            kaa_raise_value_error("slice step cannot be zero");
        }
    }
    bool neg = mpz_sgn(step) < 0;
    exact_bound(start, s->start, len, neg, true);
    exact_bound(stop, s->stop, len, neg, false);
    KaaValue r = kaa_from_obj(kaa_tuple_pack(3, kaa_int_from_mpz(start), kaa_int_from_mpz(stop),
                                             kaa_int_from_mpz(step)));
    mpz_clears(len, step, start, stop, NULL);
    return r;
}

// ---- the type ---------------------------------------------------------------------------------

static KaaValue slice_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("slice() takes no keyword arguments");
    }
    if (nargs == 0) {
        kaa_raise_type_error("slice expected at least 1 argument, got 0");
    }
    if (nargs > 3) {
        kaa_raise_type_error("slice expected at most 3 arguments, got %zu", nargs);
    }
    if (nargs == 1) {
        return kaa_slice_new(kaa_None, args[0], kaa_None);
    }
    return kaa_slice_new(args[0], args[1], nargs == 3 ? args[2] : kaa_None);
}

static KaaValue slice_repr(KaaValue self) {
    KaaSlice *s = (KaaSlice *)kaa_obj(self);
    return kaa_str_printf("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static KaaValue as_tuple(KaaValue v) {
    KaaSlice *s = (KaaSlice *)kaa_obj(v);
    return kaa_from_obj(kaa_tuple_pack(3, s->start, s->stop, s->step));
}

// Slices order like the tuples (start, stop, step).
static KaaValue slice_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_type(a, &kaa_slice_type) || !kaa_is_type(b, &kaa_slice_type)) {
        return kaa_NotImplemented;
    }
    if (a == b && (op == KAA_EQ || op == KAA_NE)) {
        return kaa_bool(op == KAA_EQ);
    }
    return kaa_richcompare(as_tuple(a), as_tuple(b), op);
}

static KaaValue slice_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("slice.__reduce__", kwnames);
    kaa_args_count("slice.__reduce__", nargs, 0, 0);
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(&kaa_slice_type), as_tuple(self)));
}

static const KaaMethodDef slice_methods[] = {
    {"indices", slice_indices, 0, NULL},
    {"__reduce__", slice_reduce, 0, NULL},
    {NULL},
};

static const KaaMemberDef slice_members[] = {
    {"start", KAA_MEMBER_VALUE_RO, offsetof(KaaSlice, start), NULL},
    {"stop", KAA_MEMBER_VALUE_RO, offsetof(KaaSlice, stop), NULL},
    {"step", KAA_MEMBER_VALUE_RO, offsetof(KaaSlice, step), NULL},
    {NULL},
};

KaaType kaa_slice_type = {
    .ob = {&kaa_type_type},
    .name = "slice",
    .instance_size = sizeof(KaaSlice),
    .repr = slice_repr,
    .richcompare = slice_richcompare,
    .new_ = slice_new,
    .methods = slice_methods,
    .members = slice_members,
};
