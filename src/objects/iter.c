// objects/iter.c — the generic iterator types: enumerate, zip, map, filter, reversed, the
// sequence iterator (iteration through __getitem__) and the callable iterator (iter(f, x)).
//
// Stage: objects. Owns these types and kaa_seqiter_new / kaa_calliter_new. Each `next` slot
// returns KAA_NULL at the end and never raises StopIteration itself; StopIteration or
// IndexError raised by user code that ends a sequence is caught here, where CPython catches
// it. The type-specific iterators (list, dict, range, str, bytes) live with their types.
#include "objects/objects.h"
#include "vm/vm.h"

static KaaValue iter_self(KaaValue self) {
    return self;
}

static KaaValue tuple2(KaaValue a, KaaValue b) {
    return kaa_from_obj(kaa_tuple_pack(2, a, b));
}

static KaaValue tuple3(KaaValue a, KaaValue b, KaaValue c) {
    return kaa_from_obj(kaa_tuple_pack(3, a, b, c));
}

// The builtin `iter`, as __reduce__ methods name it: looked up in the current builtins (so a
// replaced builtins.iter is what pickling finds, as in CPython).
static KaaValue builtin_iter(void) {
    KaaDict *b = kaa_current_builtins();
    KaaValue f = kaa_dict_get_cstr(b ? b : kaa_builtins_dict, "iter");
    return f ? f : kaa_None;
}

// (iter, ((),)): what an exhausted iterator reduces to.
static KaaValue reduce_exhausted(void) {
    KaaValue empty = kaa_from_obj(kaa_empty_tuple);
    return tuple2(builtin_iter(), kaa_from_obj(kaa_tuple_pack(1, empty)));
}

static void no_kw(const char *name, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("%s() takes no keyword arguments", name);
    }
}

static void want_args(const char *name, size_t nargs, size_t n) {
    if (nargs != n) {
        kaa_raise_type_error("%s() takes exactly %s (%zu given)", name,
                             n == 0 ? "no arguments" : "one argument", nargs);
    }
}

// Calls getitem(seq, index); KAA_NULL when it raised IndexError or StopIteration, the two
// exceptions that end iteration over a sequence.
static KaaValue getitem_or_end(KaaValue seq, int64_t index) {
    KaaHandler h;
    KaaValue result;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        result = kaa_getitem(seq, kaa_int_from_i64(index));
        kaa_handler_pop(&h);
        return result;
    }
    kaa_ts.frame = h.frame;  // a landing leaves the frame of the raise
    if (kaa_exc_matches(h.exc, kaa_IndexError) || kaa_exc_matches(h.exc, kaa_StopIteration)) {
        return KAA_NULL;
    }
    kaa_reraise(h.exc);
}

// ---- enumerate --------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it;
    int64_t index;
    KaaValue big_index;  // the count once it no longer fits int64 (KAA_NULL before)
} Enumerate;

static KaaValue enumerate_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue a[2] = {nargs > 0 ? args[0] : KAA_NULL, nargs > 1 ? args[1] : KAA_NULL};
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 2) {
        kaa_raise_type_error("enumerate() takes at most 2 arguments (%zu given)", nargs + nkw);
    }
    for (size_t k = 0; k < nkw; k++) {
        KaaValue kw = kwnames->items[k];
        size_t slot = kaa_str_eq_cstr(kw, "iterable") ? 0 : kaa_str_eq_cstr(kw, "start") ? 1 : 2;
        if (slot == 2 || a[slot]) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for enumerate()", kw);
        }
        a[slot] = args[nargs + k];
    }
    if (!a[0]) {
        kaa_raise_type_error("enumerate() missing required argument 'iterable'");
    }
    Enumerate *e = (Enumerate *)kaa_obj(kaa_instance_alloc(type, 0));
    e->it = kaa_iter(a[0]);
    if (a[1]) {
        KaaValue start = kaa_index(a[1]);
        if (!kaa_int_to_i64(start, &e->index)) {
            e->big_index = start;
        }
    }
    return kaa_from_obj(e);
}

static KaaValue enumerate_next(KaaValue self) {
    Enumerate *e = (Enumerate *)kaa_obj(self);
    KaaValue item = kaa_next(e->it);
    if (!item) {
        return KAA_NULL;
    }
    KaaValue count;
    if (KAA_LIKELY(!e->big_index)) {
        count = kaa_int_from_i64(e->index);
        if (KAA_UNLIKELY(e->index == INT64_MAX)) {
            e->big_index = kaa_binary_op(count, kaa_from_small(1), KAA_OP_ADD);
        } else {
            e->index++;
        }
    } else {
        count = e->big_index;
        e->big_index = kaa_binary_op(count, kaa_from_small(1), KAA_OP_ADD);
    }
    return tuple2(count, item);
}

static KaaValue enumerate_reduce(KaaValue self, KaaValue *args, size_t nargs,
                                 KaaTuple *kwnames) {
    no_kw("enumerate.__reduce__", kwnames);
    want_args("enumerate.__reduce__", nargs, 0);
    Enumerate *e = (Enumerate *)kaa_obj(self);
    KaaValue count = e->big_index ? e->big_index : kaa_int_from_i64(e->index);
    return tuple2(kaa_from_obj(kaa_type_of(self)), tuple2(e->it, count));
}

static const KaaMethodDef enumerate_methods[] = {
    {"__reduce__", enumerate_reduce, 0, NULL},
    {NULL},
};

KaaType kaa_enumerate_type = {
    .ob = {&kaa_type_type},
    .name = "enumerate",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Enumerate),
    .iter = iter_self,
    .next = enumerate_next,
    .new_ = enumerate_new,
    .methods = enumerate_methods,
};

// ---- zip --------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaTuple *iters;
    bool strict;
} Zip;

static KaaValue zip_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    bool strict = false;
    if (KAA_NKW(kwnames) > 1) {
        kaa_raise_type_error("zip() takes at most 1 keyword argument (%lld given)",
                             (long long)KAA_NKW(kwnames));
    }
    for (int64_t i = 0; i < KAA_NKW(kwnames); i++) {
        if (!kaa_str_eq(kwnames->items[i], KAA_ID(strict))) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for zip()",
                                 kwnames->items[i]);
        }
        strict = kaa_truthy(args[nargs + i]);
    }
    Zip *z = (Zip *)kaa_obj(kaa_instance_alloc(type, 0));
    z->iters = kaa_tuple_new(nargs);
    for (size_t i = 0; i < nargs; i++) {
        z->iters->items[i] = kaa_iter(args[i]);
    }
    z->strict = strict;
    return kaa_from_obj(z);
}

// "argument 3 is shorter than arguments 1-2", for strict zips that end unevenly.
static KAA_NORETURN void zip_uneven(int64_t i, const char *what) {
    if (i == 1) {
        kaa_raise_value_error("zip() argument 2 is %s than argument 1", what);
    }
    kaa_raise_value_error("zip() argument %lld is %s than arguments 1-%lld", (long long)i + 1,
                          what, (long long)i);
}

// The first iterator ended: under strict=True every other one must end too.
static KaaValue zip_check_rest(Zip *z) {
    for (int64_t j = 1; j < z->iters->len; j++) {
        if (kaa_next(z->iters->items[j])) {
            zip_uneven(j, "longer");
        }
    }
    return KAA_NULL;
}

static KaaValue zip_next(KaaValue self) {
    Zip *z = (Zip *)kaa_obj(self);
    int64_t n = z->iters->len;
    if (n == 0) {
        return KAA_NULL;
    }
    KaaTuple *t = kaa_tuple_new(n);
    for (int64_t i = 0; i < n; i++) {
        KaaValue v = kaa_next(z->iters->items[i]);
        if (!v) {
            if (!z->strict) {
                return KAA_NULL;
            }
            if (i == 0) {
                return zip_check_rest(z);
            }
            zip_uneven(i, "shorter");
        }
        t->items[i] = v;
    }
    return kaa_from_obj(t);
}

static KaaValue zip_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("zip.__reduce__", kwnames);
    want_args("zip.__reduce__", nargs, 0);
    Zip *z = (Zip *)kaa_obj(self);
    KaaValue type = kaa_from_obj(kaa_type_of(self));
    if (z->strict) {
        return tuple3(type, kaa_from_obj(z->iters), kaa_True);
    }
    return tuple2(type, kaa_from_obj(z->iters));
}

static KaaValue zip_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("zip.__setstate__", kwnames);
    want_args("zip.__setstate__", nargs, 1);
    ((Zip *)kaa_obj(self))->strict = kaa_truthy(args[0]);
    return kaa_None;
}

static const KaaMethodDef zip_methods[] = {
    {"__reduce__", zip_reduce, 0, NULL},
    {"__setstate__", zip_setstate, 0, NULL},
    {NULL},
};

KaaType kaa_zip_type = {
    .ob = {&kaa_type_type},
    .name = "zip",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Zip),
    .iter = iter_self,
    .next = zip_next,
    .new_ = zip_new,
    .methods = zip_methods,
};

// ---- map --------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue func;
    KaaTuple *iters;
} Map;

static KaaValue map_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("map", kwnames);
    if (nargs < 2) {
        kaa_raise_type_error("map() must have at least two arguments.");
    }
    Map *m = (Map *)kaa_obj(kaa_instance_alloc(type, 0));
    m->func = args[0];
    m->iters = kaa_tuple_new(nargs - 1);
    for (size_t i = 1; i < nargs; i++) {
        m->iters->items[i - 1] = kaa_iter(args[i]);
    }
    return kaa_from_obj(m);
}

static KaaValue map_next(KaaValue self) {
    Map *m = (Map *)kaa_obj(self);
    int64_t n = m->iters->len;
    if (n == 1) {
        KaaValue v = kaa_next(m->iters->items[0]);
        return v ? kaa_call1(m->func, v) : KAA_NULL;
    }
    KaaValue small[8];
    KaaValue *argv = n <= 8 ? small : kaa_alloc(n * sizeof(KaaValue));
    for (int64_t i = 0; i < n; i++) {
        argv[i] = kaa_next(m->iters->items[i]);
        if (!argv[i]) {
            return KAA_NULL;
        }
    }
    return kaa_call(m->func, argv, n, NULL);
}

static KaaValue map_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("map.__reduce__", kwnames);
    want_args("map.__reduce__", nargs, 0);
    Map *m = (Map *)kaa_obj(self);
    KaaTuple *t = kaa_tuple_new(m->iters->len + 1);
    t->items[0] = m->func;
    for (int64_t i = 0; i < m->iters->len; i++) {
        t->items[i + 1] = m->iters->items[i];
    }
    return tuple2(kaa_from_obj(kaa_type_of(self)), kaa_from_obj(t));
}

static const KaaMethodDef map_methods[] = {
    {"__reduce__", map_reduce, 0, NULL},
    {NULL},
};

KaaType kaa_map_type = {
    .ob = {&kaa_type_type},
    .name = "map",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Map),
    .iter = iter_self,
    .next = map_next,
    .new_ = map_new,
    .methods = map_methods,
};

// ---- filter -----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue func;  // None or bool: test the items themselves
    KaaValue it;
} Filter;

static KaaValue filter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("filter", kwnames);
    if (nargs != 2) {
        kaa_raise_type_error("filter expected 2 arguments, got %zu", nargs);
    }
    Filter *f = (Filter *)kaa_obj(kaa_instance_alloc(type, 0));
    f->func = args[0];
    f->it = kaa_iter(args[1]);
    return kaa_from_obj(f);
}

static KaaValue filter_next(KaaValue self) {
    Filter *f = (Filter *)kaa_obj(self);
    bool plain = f->func == kaa_None || f->func == kaa_from_obj(&kaa_bool_type);
    for (KaaValue v; (v = kaa_next(f->it));) {
        if (kaa_truthy(plain ? v : kaa_call1(f->func, v))) {
            return v;
        }
    }
    return KAA_NULL;
}

static KaaValue filter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("filter.__reduce__", kwnames);
    want_args("filter.__reduce__", nargs, 0);
    Filter *f = (Filter *)kaa_obj(self);
    return tuple2(kaa_from_obj(kaa_type_of(self)), tuple2(f->func, f->it));
}

static const KaaMethodDef filter_methods[] = {
    {"__reduce__", filter_reduce, 0, NULL},
    {NULL},
};

KaaType kaa_filter_type = {
    .ob = {&kaa_type_type},
    .name = "filter",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Filter),
    .iter = iter_self,
    .next = filter_next,
    .new_ = filter_new,
    .methods = filter_methods,
};

// ---- reversed ---------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue seq;   // KAA_NULL once exhausted
    int64_t index;  // the next index to produce (-1: none left)
} Reversed;

// A sequence in reversed()'s sense: has __getitem__ and __len__ and is not a mapping.
static bool is_sequence(KaaType *t) {
    return t->getitem && !kaa_type_has(t, KAA_TPFLAG_DICT_SUBCLASS);  // len() comes after
}

static KaaValue reversed_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("reversed", kwnames);
    if (nargs != 1) {
        kaa_raise_type_error("reversed expected 1 argument, got %zu", nargs);
    }
    KaaValue seq = args[0];
    KaaValue meth = kaa_lookup_special(seq, KAA_ID(__reversed__));
    if (meth && meth != kaa_None) {
        return kaa_call0(meth);
    }
    if (meth == kaa_None || !is_sequence(kaa_type_of(seq))) {
        kaa_raise_type_error("'%T' object is not reversible", seq);
    }
    int64_t n = kaa_len(seq);
    Reversed *r = (Reversed *)kaa_obj(kaa_instance_alloc(type, 0));
    r->seq = seq;
    r->index = n - 1;
    return kaa_from_obj(r);
}

static KaaValue reversed_next(KaaValue self) {
    Reversed *r = (Reversed *)kaa_obj(self);
    if (r->index >= 0) {
        KaaValue seq = r->seq;
        KaaValue v;
        if (kaa_is_type(seq, &kaa_tuple_type)) {
            v = kaa_tuple(seq)->items[r->index];  // immutable: the index is always valid
        } else if (kaa_is_type(seq, &kaa_str_type)) {
            v = kaa_str_from_char(kaa_str_char(kaa_str(seq), r->index));
        } else {
            v = getitem_or_end(seq, r->index);
        }
        if (v) {
            r->index--;
            return v;
        }
    }
    r->index = -1;
    r->seq = KAA_NULL;
    return KAA_NULL;
}

static KaaValue reversed_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kwnames) {
    no_kw("reversed.__length_hint__", kwnames);
    want_args("reversed.__length_hint__", nargs, 0);
    Reversed *r = (Reversed *)kaa_obj(self);
    if (!r->seq || kaa_len(r->seq) < r->index) {
        return kaa_from_small(0);
    }
    return kaa_int_from_i64(r->index + 1);
}

static KaaValue reversed_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("reversed.__reduce__", kwnames);
    want_args("reversed.__reduce__", nargs, 0);
    Reversed *r = (Reversed *)kaa_obj(self);
    KaaValue type = kaa_from_obj(kaa_type_of(self));
    if (!r->seq) {
        KaaValue empty = kaa_from_obj(kaa_empty_tuple);
        return tuple2(type, kaa_from_obj(kaa_tuple_pack(1, empty)));
    }
    return tuple3(type, kaa_from_obj(kaa_tuple_pack(1, r->seq)), kaa_int_from_i64(r->index));
}

static KaaValue reversed_setstate(KaaValue self, KaaValue *args, size_t nargs,
                                  KaaTuple *kwnames) {
    no_kw("reversed.__setstate__", kwnames);
    want_args("reversed.__setstate__", nargs, 1);
    Reversed *r = (Reversed *)kaa_obj(self);
    int64_t index = kaa_index_i64(args[0]);
    if (r->seq) {
        int64_t n = kaa_len(r->seq);
        r->index = index < -1 ? -1 : index > n - 1 ? n - 1 : index;
    }
    return kaa_None;
}

static const KaaMethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, 0, NULL},
    {"__reduce__", reversed_reduce, 0, NULL},
    {"__setstate__", reversed_setstate, 0, NULL},
    {NULL},
};

KaaType kaa_reversed_type = {
    .ob = {&kaa_type_type},
    .name = "reversed",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Reversed),
    .iter = iter_self,
    .next = reversed_next,
    .new_ = reversed_new,
    .methods = reversed_methods,
};

// ---- the sequence iterator: iteration through __getitem__ -------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue seq;  // KAA_NULL once exhausted
    int64_t index;
} SeqIter;

KaaValue kaa_seqiter_new(KaaValue seq) {
    SeqIter *it = kaa_alloc(sizeof(SeqIter));
    it->ob.type = &kaa_seqiter_type;
    it->seq = seq;
    return kaa_from_obj(it);
}

static KaaValue seqiter_next(KaaValue self) {
    SeqIter *it = (SeqIter *)kaa_obj(self);
    if (!it->seq) {
        return KAA_NULL;
    }
    KaaValue v = getitem_or_end(it->seq, it->index);
    if (!v) {
        it->seq = KAA_NULL;
        return KAA_NULL;
    }
    it->index++;
    return v;
}

static KaaValue seqiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                    KaaTuple *kwnames) {
    no_kw("iterator.__length_hint__", kwnames);
    want_args("iterator.__length_hint__", nargs, 0);
    SeqIter *it = (SeqIter *)kaa_obj(self);
    if (it->seq) {
        if (!kaa_type_of(it->seq)->len) {
            return kaa_NotImplemented;
        }
        int64_t left = kaa_len(it->seq) - it->index;
        if (left >= 0) {
            return kaa_int_from_i64(left);
        }
    }
    return kaa_from_small(0);
}

static KaaValue seqiter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("iterator.__reduce__", kwnames);
    want_args("iterator.__reduce__", nargs, 0);
    SeqIter *it = (SeqIter *)kaa_obj(self);
    if (!it->seq) {
        return reduce_exhausted();
    }
    return tuple3(builtin_iter(), kaa_from_obj(kaa_tuple_pack(1, it->seq)),
                  kaa_int_from_i64(it->index));
}

static KaaValue seqiter_setstate(KaaValue self, KaaValue *args, size_t nargs,
                                 KaaTuple *kwnames) {
    no_kw("iterator.__setstate__", kwnames);
    want_args("iterator.__setstate__", nargs, 1);
    SeqIter *it = (SeqIter *)kaa_obj(self);
    int64_t index = kaa_index_i64(args[0]);
    if (it->seq) {
        it->index = index < 0 ? 0 : index;
    }
    return kaa_None;
}

static const KaaMethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, 0, NULL},
    {"__reduce__", seqiter_reduce, 0, NULL},
    {"__setstate__", seqiter_setstate, 0, NULL},
    {NULL},
};

KaaType kaa_seqiter_type = {
    .ob = {&kaa_type_type},
    .name = "iterator",
    .instance_size = sizeof(SeqIter),
    .iter = iter_self,
    .next = seqiter_next,
    .methods = seqiter_methods,
};

// ---- the callable iterator: iter(callable, sentinel) ------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue func;  // KAA_NULL once exhausted
    KaaValue sentinel;
} CallIter;

KaaValue kaa_calliter_new(KaaValue callable, KaaValue sentinel) {
    CallIter *it = kaa_alloc(sizeof(CallIter));
    it->ob.type = &kaa_calliter_type;
    it->func = callable;
    it->sentinel = sentinel;
    return kaa_from_obj(it);
}

// Calls f(); KAA_NULL when it raised StopIteration (which ends a callable iterator).
static KaaValue call_or_stop(KaaValue f) {
    KaaHandler h;
    KaaValue result;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        result = kaa_call0(f);
        kaa_handler_pop(&h);
        return result;
    }
    kaa_ts.frame = h.frame;  // a landing leaves the frame of the raise
    if (kaa_exc_matches(h.exc, kaa_StopIteration)) {
        return KAA_NULL;
    }
    kaa_reraise(h.exc);
}

static KaaValue calliter_next(KaaValue self) {
    CallIter *it = (CallIter *)kaa_obj(self);
    if (!it->func) {
        return KAA_NULL;
    }
    KaaValue v = call_or_stop(it->func);
    // The sentinel is the left operand, as in CPython (it decides which __eq__ runs).
    if (v && !kaa_eq(it->sentinel, v)) {
        return v;
    }
    it->func = KAA_NULL;
    it->sentinel = KAA_NULL;
    return KAA_NULL;
}

static KaaValue calliter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_kw("callable_iterator.__reduce__", kwnames);
    want_args("callable_iterator.__reduce__", nargs, 0);
    CallIter *it = (CallIter *)kaa_obj(self);
    if (!it->func) {
        return reduce_exhausted();
    }
    return tuple2(builtin_iter(), tuple2(it->func, it->sentinel));
}

static const KaaMethodDef calliter_methods[] = {
    {"__reduce__", calliter_reduce, 0, NULL},
    {NULL},
};

KaaType kaa_calliter_type = {
    .ob = {&kaa_type_type},
    .name = "callable_iterator",
    .instance_size = sizeof(CallIter),
    .iter = iter_self,
    .next = calliter_next,
    .methods = calliter_methods,
};
