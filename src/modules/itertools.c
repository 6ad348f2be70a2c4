// modules/itertools.c — the itertools module of Python 3.11: count, cycle, repeat, accumulate,
// chain, compress, dropwhile, filterfalse, groupby, islice, pairwise, starmap, takewhile,
// tee, zip_longest, product, permutations, combinations, combinations_with_replacement.
//
// Stage: modules. Each iterator is a subclassable built-in type whose `next` slot returns
// KAA_NULL at the end (never raising StopIteration itself). Counters stay in C integers on
// the common path (count over small ints, indices of the combinatoric iterators). Pickling
// support (__reduce__/__setstate__, deprecated in 3.12) is not provided.
#include "modules/coremods.h"

// type(v).__name__ as CPython's reprs print it: the part of the type's name after the module.
static const char *short_name(KaaValue v) {
    const char *name = kaa_type_name_of(v);
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

static KaaValue tuple_of(KaaValue *items, size_t n) {
    return kaa_from_obj(kaa_tuple_from_array(items, n));
}

// ---- count ------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    int64_t cnt;      // the next value while `big` is KAA_NULL
    KaaValue big;     // the next value once it left int64 or is not an int
    KaaValue step;    // KAA_NULL: step 1 on the fast path
} Count;

static bool is_number(KaaValue v) {
    if (!kaa_is_obj(v)) {
        return true;
    }
    KaaType *t = kaa_type_of(v);
    return t->index || t->to_int || t->to_float || kaa_isinstance_exact_or_sub(v, &kaa_complex_type);
}

static KaaValue count_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"start", "step", NULL};
    KaaValue a[2];
    kaa_args_bind("count", args, nargs, kwnames, params, 0, 0, a);
    KaaValue start = a[0] ? a[0] : kaa_from_small(0), step = a[1] ? a[1] : kaa_from_small(1);
    if (!is_number(start) || !is_number(step)) {
        kaa_raise_type_error("a number is required");
    }
    Count *c = cm_new(type);
    if (kaa_is_int(start) && step == kaa_from_small(1)) {
        c->cnt = kaa_int_val(start);
    } else {
        c->big = start;
        c->step = step;
    }
    return kaa_from_obj(c);
}

// The fast path counts in a C integer; once the count leaves the small-int range (or for
// floats, big ints and other steps) the generic + takes over for good.
static KaaValue count_next(KaaValue self) {
    Count *c = (Count *)kaa_obj(self);
    if (KAA_LIKELY(c->big == KAA_NULL)) {
        KaaValue v = kaa_from_small(c->cnt);
        if (KAA_UNLIKELY(c->cnt == KAA_SMALL_MAX)) {
            c->big = kaa_binary_op(v, kaa_from_small(1), KAA_OP_ADD);
            c->step = kaa_from_small(1);
        } else {
            c->cnt++;
        }
        return v;
    }
    KaaValue v = c->big;
    c->big = kaa_binary_op(v, c->step, KAA_OP_ADD);
    return v;
}

static KaaValue count_repr(KaaValue self) {
    Count *c = (Count *)kaa_obj(self);
    const char *name = short_name(self);
    if (c->big == KAA_NULL) {
        return kaa_str_printf("%s(%lld)", name, (long long)c->cnt);
    }
    if (kaa_is_int(c->step) && kaa_int_val(c->step) == 1) {
        return kaa_str_printf("%s(%R)", name, c->big);
    }
    return kaa_str_printf("%s(%R, %R)", name, c->big, c->step);
}

static KaaType count_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.count",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Count),
    .repr = count_repr,
    .iter = cm_iter_self,
    .next = count_next,
    .new_ = count_new,
};

// ---- cycle ------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it;      // KAA_NULL once exhausted: replay `saved`
    KaaList *saved;
    int64_t index;
} Cycle;

static KaaValue cycle_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    cm_no_kw("cycle", kwnames);
    cm_check_positional("cycle", nargs, 1, 1);
    Cycle *c = cm_new(type);
    c->it = kaa_iter(args[0]);
    c->saved = kaa_list_new(0);
    return kaa_from_obj(c);
}

// The first pass saves what the iterable gives; later passes replay the saved items (CPython
// does the same: the iterable is consumed once).
static KaaValue cycle_next(KaaValue self) {
    Cycle *c = (Cycle *)kaa_obj(self);
    if (c->it != KAA_NULL) {
        KaaValue v = kaa_next(c->it);
        if (v != KAA_NULL) {
            kaa_list_append(c->saved, v);
            return v;
        }
        c->it = KAA_NULL;
    }
    if (c->saved->len == 0) {
        return KAA_NULL;
    }
    if (c->index >= c->saved->len) {
        c->index = 0;
    }
    return c->saved->items[c->index++];
}

static KaaType cycle_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.cycle",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Cycle),
    .iter = cm_iter_self,
    .next = cycle_next,
    .new_ = cycle_new,
};

// ---- repeat -----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue element;
    int64_t cnt;  // -1: forever
} Repeat;

static KaaValue repeat_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"object", "times", NULL};
    KaaValue a[2];
    kaa_args_bind("repeat", args, nargs, kwnames, params, 0, 1, a);
    Repeat *r = cm_new(type);
    r->element = a[0];
    r->cnt = -1;
    if (a[1] != KAA_NULL) {
        int64_t n = cm_ssize(a[1]);
        r->cnt = n < 0 ? 0 : n;
    }
    return kaa_from_obj(r);
}

static KaaValue repeat_next(KaaValue self) {
    Repeat *r = (Repeat *)kaa_obj(self);
    if (r->cnt == 0) {
        return KAA_NULL;
    }
    if (r->cnt > 0) {
        r->cnt--;
    }
    return r->element;
}

static KaaValue repeat_repr(KaaValue self) {
    Repeat *r = (Repeat *)kaa_obj(self);
    if (r->cnt < 0) {
        return kaa_str_printf("%s(%R)", short_name(self), r->element);
    }
    return kaa_str_printf("%s(%R, %lld)", short_name(self), r->element, (long long)r->cnt);
}

static KaaValue repeat_length_hint(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    Repeat *r = (Repeat *)kaa_obj(self);
    if (r->cnt < 0) {
        kaa_raise_type_error("len() of unsized object");
    }
    return kaa_from_small(r->cnt);
}

static const KaaMethodDef repeat_methods[] = {
    {"__length_hint__", repeat_length_hint, 0, "Private method returning an estimate of len(list(it))."},
    {NULL},
};

static KaaType repeat_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.repeat",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Repeat),
    .repr = repeat_repr,
    .iter = cm_iter_self,
    .next = repeat_next,
    .new_ = repeat_new,
    .methods = repeat_methods,
};

// ---- accumulate -------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it, func, total, initial;  // func/total/initial: KAA_NULL when absent
} Accumulate;

static KaaValue accumulate_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"iterable", "func", "*", "initial", NULL};
    KaaValue a[3];
    kaa_args_bind("accumulate", args, nargs, kwnames, params, 0, 1, a);
    Accumulate *acc = cm_new(type);
    acc->it = kaa_iter(a[0]);
    acc->func = a[1] == kaa_None ? KAA_NULL : a[1];
    acc->initial = a[2] == kaa_None ? KAA_NULL : a[2];
    return kaa_from_obj(acc);
}

// `initial` comes out first, unchanged; then each item is folded into the running total.
static KaaValue accumulate_next(KaaValue self) {
    Accumulate *acc = (Accumulate *)kaa_obj(self);
    if (acc->initial != KAA_NULL) {
        acc->total = acc->initial;
        acc->initial = KAA_NULL;
        return acc->total;
    }
    KaaValue v = kaa_next(acc->it);
    if (v == KAA_NULL) {
        return KAA_NULL;
    }
    if (acc->total == KAA_NULL) {
        acc->total = v;
    } else if (acc->func == KAA_NULL) {
        acc->total = kaa_binary_op(acc->total, v, KAA_OP_ADD);
    } else {
        acc->total = kaa_call2(acc->func, acc->total, v);
    }
    return acc->total;
}

static KaaType accumulate_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.accumulate",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Accumulate),
    .iter = cm_iter_self,
    .next = accumulate_next,
    .new_ = accumulate_new,
};

// ---- chain ------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue source;  // iterator over the iterables; KAA_NULL when exhausted
    KaaValue active;  // the current iterator, or KAA_NULL
} Chain;

static KaaType chain_type;

static KaaValue chain_make(KaaType *type, KaaValue source) {
    Chain *c = cm_new(type);
    c->source = source;
    return kaa_from_obj(c);
}

static KaaValue chain_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &chain_type) {
        cm_no_kw("chain", kwnames);
    }
    return chain_make(type, kaa_iter(tuple_of(args, nargs)));
}

static KaaValue chain_from_iterable(KaaValue cls, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("from_iterable", kw);
    kaa_args_count("from_iterable", nargs, 1, 1);
    return chain_make((KaaType *)kaa_obj(cls), kaa_iter(args[0]));
}

// The iterables are taken lazily from `source` (chain.from_iterable may be infinite).
static KaaValue chain_next(KaaValue self) {
    Chain *c = (Chain *)kaa_obj(self);
    while (c->source != KAA_NULL) {
        if (c->active == KAA_NULL) {
            KaaValue iterable = kaa_next(c->source);
            if (iterable == KAA_NULL) {
                c->source = KAA_NULL;
                return KAA_NULL;
            }
            c->active = kaa_iter(iterable);
        }
        KaaValue v = kaa_next(c->active);
        if (v != KAA_NULL) {
            return v;
        }
        c->active = KAA_NULL;
    }
    return KAA_NULL;
}

static const KaaMethodDef chain_methods[] = {
    {"from_iterable", chain_from_iterable, KAA_METH_CLASS,
     "Alternative chain() constructor taking a single iterable argument that evaluates "
     "lazily."},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static KaaType chain_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.chain",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Chain),
    .iter = cm_iter_self,
    .next = chain_next,
    .new_ = chain_new,
    .methods = chain_methods,
};

// ---- compress, dropwhile, takewhile, filterfalse, starmap --------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it;
    KaaValue other;  // selectors iterator, predicate or function
    bool flag;       // dropwhile: done dropping; takewhile: stopped
} Pair;

static KaaValue compress_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"data", "selectors", NULL};
    KaaValue a[2];
    kaa_args_bind("compress", args, nargs, kwnames, params, 0, 2, a);
    Pair *p = cm_new(type);
    p->it = kaa_iter(a[0]);
    p->other = kaa_iter(a[1]);
    return kaa_from_obj(p);
}

static KaaValue compress_next(KaaValue self) {
    Pair *p = (Pair *)kaa_obj(self);
    for (;;) {
        KaaValue v = kaa_next(p->it);
        if (v == KAA_NULL) {
            return KAA_NULL;
        }
        KaaValue s = kaa_next(p->other);
        if (s == KAA_NULL) {
            return KAA_NULL;
        }
        if (kaa_truthy(s)) {
            return v;
        }
    }
}

// The (function, iterable) constructors: dropwhile, takewhile, filterfalse, starmap.
static KaaValue pair_new(KaaType *type, const char *name, KaaValue *args, size_t nargs,
                         KaaTuple *kwnames) {
    cm_no_kw(name, kwnames);
    cm_check_positional(name, nargs, 2, 2);
    Pair *p = cm_new(type);
    p->other = args[0];
    p->it = kaa_iter(args[1]);
    return kaa_from_obj(p);
}

static KaaValue dropwhile_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return pair_new(type, "dropwhile", args, nargs, kw);
}

static KaaValue takewhile_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return pair_new(type, "takewhile", args, nargs, kw);
}

static KaaValue filterfalse_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return pair_new(type, "filterfalse", args, nargs, kw);
}

static KaaValue starmap_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return pair_new(type, "starmap", args, nargs, kw);
}

static KaaValue dropwhile_next(KaaValue self) {
    Pair *p = (Pair *)kaa_obj(self);
    for (;;) {
        KaaValue v = kaa_next(p->it);
        if (v == KAA_NULL || p->flag) {
            return v;
        }
        if (!kaa_truthy(kaa_call1(p->other, v))) {
            p->flag = true;
            return v;
        }
    }
}

static KaaValue takewhile_next(KaaValue self) {
    Pair *p = (Pair *)kaa_obj(self);
    if (p->flag) {
        return KAA_NULL;
    }
    KaaValue v = kaa_next(p->it);
    if (v == KAA_NULL) {
        return KAA_NULL;
    }
    if (kaa_truthy(kaa_call1(p->other, v))) {
        return v;
    }
    p->flag = true;
    return KAA_NULL;
}

static KaaValue filterfalse_next(KaaValue self) {
    Pair *p = (Pair *)kaa_obj(self);
    for (;;) {
        KaaValue v = kaa_next(p->it);
        if (v == KAA_NULL) {
            return KAA_NULL;
        }
        bool keep = p->other == kaa_None || p->other == kaa_from_obj(&kaa_bool_type)
                        ? !kaa_truthy(v)
                        : !kaa_truthy(kaa_call1(p->other, v));
        if (keep) {
            return v;
        }
    }
}

static KaaValue starmap_next(KaaValue self) {
    Pair *p = (Pair *)kaa_obj(self);
    KaaValue v = kaa_next(p->it);
    if (v == KAA_NULL) {
        return KAA_NULL;
    }
    KaaTuple *t = kaa_is_type(v, &kaa_tuple_type) ? kaa_tuple(v)
                                                   : kaa_tuple(kaa_tuple_from_iterable(v));
    return kaa_call(p->other, t->items, (size_t)t->len, NULL);
}

#define PAIR_TYPE(cname, pyname, newfn, nextfn)        \
    static KaaType cname = {                           \
        .ob = {&kaa_type_type},                        \
        .name = "itertools." pyname,                   \
        .flags = KAA_TPFLAG_BASETYPE,                  \
        .instance_size = sizeof(Pair),                 \
        .iter = cm_iter_self,                          \
        .next = nextfn,                                \
        .new_ = newfn,                                 \
    };
PAIR_TYPE(compress_type, "compress", compress_new, compress_next)
PAIR_TYPE(dropwhile_type, "dropwhile", dropwhile_new, dropwhile_next)
PAIR_TYPE(takewhile_type, "takewhile", takewhile_new, takewhile_next)
PAIR_TYPE(filterfalse_type, "filterfalse", filterfalse_new, filterfalse_next)
PAIR_TYPE(starmap_type, "starmap", starmap_new, starmap_next)

// ---- groupby ----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it, keyfunc;  // keyfunc KAA_NULL: identity
    KaaValue tgtkey, currkey, currvalue;
    KaaValue currgrouper;  // the grouper that may still advance
} GroupBy;

typedef struct {
    KaaObject ob;
    KaaValue parent;  // the groupby
    KaaValue tgtkey;
} Grouper;

static KaaType grouper_type;

static KaaValue groupby_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"iterable", "key", NULL};
    KaaValue a[2];
    kaa_args_bind("groupby", args, nargs, kwnames, params, 0, 1, a);
    GroupBy *g = cm_new(type);
    g->it = kaa_iter(a[0]);
    g->keyfunc = a[1] == kaa_None ? KAA_NULL : a[1];
    return kaa_from_obj(g);
}

// Reads the next value and its key; false at the end.
static bool groupby_step(GroupBy *g) {
    KaaValue v = kaa_next(g->it);
    if (v == KAA_NULL) {
        return false;
    }
    KaaValue k = g->keyfunc == KAA_NULL ? v : kaa_call1(g->keyfunc, v);
    g->currvalue = v;
    g->currkey = k;
    return true;
}

// Starting a new group invalidates the previous _grouper (CPython's rule: a grouper only
// yields while it is the current one).
static KaaValue groupby_next(KaaValue self) {
    GroupBy *g = (GroupBy *)kaa_obj(self);
    g->currgrouper = KAA_NULL;
    // Skip what is left of the current group.
    for (;;) {
        if (g->currkey != KAA_NULL) {
            if (g->tgtkey == KAA_NULL || !kaa_richcompare_bool(g->tgtkey, g->currkey, KAA_EQ)) {
                break;
            }
        }
        if (!groupby_step(g)) {
            return KAA_NULL;
        }
    }
    g->tgtkey = g->currkey;
    Grouper *gr = cm_new(&grouper_type);
    gr->parent = self;
    gr->tgtkey = g->tgtkey;
    g->currgrouper = kaa_from_obj(gr);
    return kaa_from_obj(kaa_tuple_pack(2, g->currkey, kaa_from_obj(gr)));
}

static KaaValue grouper_next(KaaValue self) {
    Grouper *gr = (Grouper *)kaa_obj(self);
    GroupBy *g = (GroupBy *)kaa_obj(gr->parent);
    if (g->currgrouper != self) {
        return KAA_NULL;
    }
    if (g->currvalue == KAA_NULL && !groupby_step(g)) {
        return KAA_NULL;
    }
    if (!kaa_richcompare_bool(gr->tgtkey, g->currkey, KAA_EQ)) {
        return KAA_NULL;
    }
    KaaValue v = g->currvalue;
    g->currvalue = KAA_NULL;
    return v;
}

static KaaType groupby_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.groupby",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(GroupBy),
    .iter = cm_iter_self,
    .next = groupby_next,
    .new_ = groupby_new,
};

static KaaType grouper_type = {
    .ob = {&kaa_type_type},
    .name = "itertools._grouper",
    .instance_size = sizeof(Grouper),
    .iter = cm_iter_self,
    .next = grouper_next,
};

// ---- islice -----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it;   // KAA_NULL once finished
    int64_t next;  // index of the next item to return
    int64_t stop;  // -1: no stop
    int64_t step;
    int64_t cnt;   // items consumed from it
} ISlice;

// An islice index: None gives `dflt`; otherwise an int in [0, sys.maxsize].
static int64_t islice_index(KaaValue v, int64_t dflt, const char *msg) {
    if (v == kaa_None) {
        return dflt;
    }
    int64_t out = -1;
    if (kaa_is_int_like(v) || (kaa_is_obj(v) && kaa_type_of(v)->index && !kaa_is_float(v))) {
        if (!kaa_int_to_i64(kaa_index(v), &out)) {
            out = -1;
        }
    }
    if (out < 0) {
        kaa_raise_value_error("%s", msg);
    }
    return out;
}

static const char *const stop_msg =
    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
static const char *const index_msg =
    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";

static KaaValue islice_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    cm_no_kw("islice", kwnames);
    cm_check_positional("islice", nargs, 2, 4);
    int64_t start = 0, stop, step = 1;
    if (nargs == 2) {
        stop = islice_index(args[1], -1, stop_msg);
    } else {
        start = islice_index(args[1], 0, index_msg);
        stop = islice_index(args[2], -1, stop_msg);
        if (nargs == 4) {
            if (args[3] != kaa_None && kaa_is_int(args[3]) && kaa_int_val(args[3]) == 0) {
                kaa_raise_value_error("Step for islice() must be a positive integer or None.");
            }
            step = islice_index(args[3], 1, "Step for islice() must be a positive integer or "
                                            "None.");
            if (step == 0) {
                kaa_raise_value_error("Step for islice() must be a positive integer or None.");
            }
        }
    }
    ISlice *s = cm_new(type);
    s->it = kaa_iter(args[0]);
    s->next = start;
    s->stop = stop;
    s->step = step;
    return kaa_from_obj(s);
}

// Consumes exactly the items CPython consumes: the skipped ones before each yielded item, and
// nothing past `stop` (so the underlying iterator can be used afterwards).
static KaaValue islice_next(KaaValue self) {
    ISlice *s = (ISlice *)kaa_obj(self);
    if (s->it == KAA_NULL) {
        return KAA_NULL;
    }
    while (s->cnt < s->next) {
        if (kaa_next(s->it) == KAA_NULL) {
            s->it = KAA_NULL;
            return KAA_NULL;
        }
        s->cnt++;
    }
    if (s->stop != -1 && s->cnt >= s->stop) {
        s->it = KAA_NULL;
        return KAA_NULL;
    }
    KaaValue v = kaa_next(s->it);
    if (v == KAA_NULL) {
        s->it = KAA_NULL;
        return KAA_NULL;
    }
    s->cnt++;
    int64_t old = s->next;
    s->next += s->step;
    if (s->next < old || (s->stop != -1 && s->next > s->stop)) {
        s->next = s->stop;  // overflow or past the end: stop after this item
    }
    return v;
}

static KaaType islice_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.islice",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(ISlice),
    .iter = cm_iter_self,
    .next = islice_next,
    .new_ = islice_new,
};

// ---- pairwise ---------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue it;   // KAA_NULL once finished
    KaaValue old;  // the previous item, KAA_NULL before the first
} Pairwise;

static KaaValue pairwise_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    cm_no_kw("pairwise", kwnames);
    cm_check_positional("pairwise", nargs, 1, 1);
    Pairwise *p = cm_new(type);
    p->it = kaa_iter(args[0]);
    return kaa_from_obj(p);
}

static KaaValue pairwise_next(KaaValue self) {
    Pairwise *p = (Pairwise *)kaa_obj(self);
    if (p->it == KAA_NULL) {
        return KAA_NULL;
    }
    if (p->old == KAA_NULL) {
        p->old = kaa_next(p->it);
        if (p->old == KAA_NULL) {
            p->it = KAA_NULL;
            return KAA_NULL;
        }
    }
    KaaValue v = kaa_next(p->it);
    if (v == KAA_NULL) {
        p->it = KAA_NULL;
        p->old = KAA_NULL;
        return KAA_NULL;
    }
    KaaValue r = kaa_from_obj(kaa_tuple_pack(2, p->old, v));
    p->old = v;
    return r;
}

static KaaType pairwise_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.pairwise",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Pairwise),
    .iter = cm_iter_self,
    .next = pairwise_next,
    .new_ = pairwise_new,
};

// ---- tee --------------------------------------------------------------------------------------
// The copies share a chain of blocks holding the values read from the source; each copy
// keeps its block and position, so blocks every copy has passed become garbage.

#define TEE_CELLS 57

typedef struct TeeBlock {
    KaaValue values[TEE_CELLS];
    int n;
    struct TeeBlock *next;
} TeeBlock;

typedef struct {
    KaaValue it;
    bool running;
} TeeSource;

typedef struct {
    KaaObject ob;
    TeeSource *src;
    TeeBlock *block;
    int index;
    KaaValue weakreflist;
} Tee;

static KaaType tee_type;

static KaaValue tee_from_iterator(KaaValue it) {
    Tee *t = cm_new(&tee_type);
    t->src = kaa_alloc(sizeof *t->src);
    t->src->it = it;
    t->block = kaa_alloc(sizeof *t->block);
    return kaa_from_obj(t);
}

static KaaValue tee_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    Tee *src = (Tee *)kaa_obj(self), *t = cm_new(&tee_type);
    *t = *src;
    t->ob.type = &tee_type;
    t->weakreflist = KAA_NULL;
    return kaa_from_obj(t);
}

static KaaValue tee_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    cm_no_kw("_tee", kwnames);
    cm_check_positional("_tee", nargs, 1, 1);
    KaaValue it = kaa_iter(args[0]);
    if (kaa_is_type(it, &tee_type)) {
        return tee_copy(it, NULL, 0, NULL);
    }
    return tee_from_iterator(it);
}


// Reads one more value from the shared source into block b (which has room).
static KaaValue tee_fetch(TeeSource *src, TeeBlock *b) {
    if (src->running) {
        kaa_raise_msg(kaa_RuntimeError, "cannot re-enter the tee iterator");
    }
    src->running = true;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        kaa_ts.frame = h.frame;
        src->running = false;
        kaa_reraise(h.exc);
    }
    KaaValue v = kaa_next(src->it);
    kaa_handler_pop(&h);
    src->running = false;
    if (v != KAA_NULL) {
        b->values[b->n++] = v;
    }
    return v;
}

static KaaValue tee_next(KaaValue self) {
    Tee *t = (Tee *)kaa_obj(self);
    if (t->index == TEE_CELLS) {
        if (t->block->next == NULL) {
            t->block->next = kaa_alloc(sizeof(TeeBlock));
        }
        t->block = t->block->next;
        t->index = 0;
    }
    TeeBlock *b = t->block;
    if (t->index < b->n) {
        return b->values[t->index++];
    }
    KaaValue v = tee_fetch(t->src, b);
    if (v != KAA_NULL) {
        t->index++;
    }
    return v;
}

static const KaaMethodDef tee_methods[] = {
    {"__copy__", tee_copy, 0, "Returns an independent iterator."},
    {NULL},
};

static KaaType tee_type = {
    .ob = {&kaa_type_type},
    .name = "itertools._tee",
    .instance_size = sizeof(Tee),
    .weaklist_offset = offsetof(Tee, weakreflist),
    .iter = cm_iter_self,
    .next = tee_next,
    .new_ = tee_new,
    .methods = tee_methods,
};

static KaaValue itertools_tee(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("tee", kw);
    cm_check_positional("tee", nargs, 1, 2);
    int64_t n = nargs > 1 ? cm_ssize(args[1]) : 2;
    if (n < 0) {
        kaa_raise_value_error("n must be >= 0");
    }
    KaaTuple *out = kaa_tuple_new((size_t)n);
    if (n == 0) {
        return kaa_from_obj(out);
    }
    KaaValue it = kaa_iter(args[0]);
    KaaValue copy = kaa_getattr_opt(it, kaa_str_intern_cstr("__copy__"));
    KaaValue first = it;
    if (copy == KAA_NULL) {
        first = tee_from_iterator(it);
        copy = kaa_getattr_cstr(first, "__copy__");
    }
    out->items[0] = first;
    for (int64_t i = 1; i < n; i++) {
        out->items[i] = kaa_call0(copy);
    }
    return kaa_from_obj(out);
}

// ---- zip_longest ------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaTuple *iters;  // an exhausted iterator becomes KAA_NULL
    int64_t active;
    KaaValue fill;
} ZipLongest;

static KaaValue zip_longest_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue fill = kaa_None;
    for (int64_t i = 0; i < KAA_NKW(kw); i++) {
        if (KAA_NKW(kw) != 1 || !kaa_str_eq_cstr(kw->items[i], "fillvalue")) {
            kaa_raise_type_error("zip_longest() got an unexpected keyword argument");
        }
        fill = args[nargs + (size_t)i];
    }
    ZipLongest *z = cm_new(type);
    z->iters = kaa_tuple_new(nargs);
    for (size_t i = 0; i < nargs; i++) {
        z->iters->items[i] = kaa_iter(args[i]);
    }
    z->active = (int64_t)nargs;
    z->fill = fill;
    return kaa_from_obj(z);
}

// An exhausted iterator is dropped and its place filled with the fill value; the tuple in
// progress is abandoned when the last active iterator ends.
static KaaValue zip_longest_next(KaaValue self) {
    ZipLongest *z = (ZipLongest *)kaa_obj(self);
    int64_t n = z->iters->len;
    if (n == 0 || z->active == 0) {
        return KAA_NULL;
    }
    KaaTuple *r = kaa_tuple_new((size_t)n);
    for (int64_t i = 0; i < n; i++) {
        KaaValue it = z->iters->items[i];
        KaaValue v = it == KAA_NULL ? KAA_NULL : kaa_next(it);
        if (v == KAA_NULL) {
            if (it != KAA_NULL) {
                z->iters->items[i] = KAA_NULL;
                if (--z->active == 0) {
                    return KAA_NULL;
                }
            }
            v = z->fill;
        }
        r->items[i] = v;
    }
    return kaa_from_obj(r);
}

static KaaType zip_longest_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.zip_longest",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(ZipLongest),
    .iter = cm_iter_self,
    .next = zip_longest_next,
    .new_ = zip_longest_new,
};

// ---- product ----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaTuple *pools;   // each pool as a tuple (repeated `repeat` times)
    int64_t *indices;  // atomic
    KaaTuple *result;  // the last result; KAA_NULL before the first
    bool stopped;
} Product;

static KaaValue product_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    int64_t repeat = 1;
    for (int64_t i = 0; i < KAA_NKW(kwnames); i++) {
        if (!kaa_str_eq_cstr(kwnames->items[i], "repeat")) {
            kaa_raise_type_error("product() got an unexpected keyword argument '%S'",
                                 kwnames->items[i]);
        }
        repeat = cm_ssize(args[nargs + (size_t)i]);
        if (repeat < 0) {
            kaa_raise_value_error("repeat argument cannot be negative");
        }
    }
    int64_t npools = (int64_t)nargs * repeat;
    if (nargs && repeat > INT64_MAX / 8 / (int64_t)nargs) {
        kaa_raise_overflow("repeat argument too large");
    }
    Product *p = cm_new(type);
    p->pools = kaa_tuple_new((size_t)npools);
    for (size_t i = 0; i < nargs; i++) {
        KaaValue pool = kaa_tuple_from_iterable(args[i]);
        for (int64_t r = 0; r < repeat; r++) {
            p->pools->items[r * (int64_t)nargs + (int64_t)i] = pool;
        }
    }
    p->indices = kaa_alloc_atomic(sizeof(int64_t) * (size_t)(npools ? npools : 1));
    memset(p->indices, 0, sizeof(int64_t) * (size_t)(npools ? npools : 1));
    return kaa_from_obj(p);
}

static KaaTuple *pool(KaaTuple *pools, int64_t i) { return kaa_tuple(pools->items[i]); }

// An odometer over the pools: the first call yields the first item of every pool, each
// later call advances the rightmost index that can move and resets those after it.
static KaaValue product_next(KaaValue self) {
    Product *p = (Product *)kaa_obj(self);
    int64_t n = p->pools->len;
    if (p->stopped) {
        return KAA_NULL;
    }
    KaaTuple *r = kaa_tuple_new((size_t)n);
    if (p->result == NULL) {
        for (int64_t i = 0; i < n; i++) {
            if (pool(p->pools, i)->len == 0) {
                p->stopped = true;
                return KAA_NULL;
            }
            r->items[i] = pool(p->pools, i)->items[0];
        }
        p->result = r;
        return kaa_from_obj(r);
    }
    memcpy(r->items, p->result->items, sizeof(KaaValue) * (size_t)n);
    // Advance the rightmost index that can move; reset those after it.
    int64_t i = n - 1;
    for (; i >= 0; i--) {
        KaaTuple *pl = pool(p->pools, i);
        if (++p->indices[i] < pl->len) {
            r->items[i] = pl->items[p->indices[i]];
            break;
        }
        p->indices[i] = 0;
        r->items[i] = pl->items[0];
    }
    if (i < 0) {
        p->stopped = true;
        return KAA_NULL;
    }
    p->result = r;
    return kaa_from_obj(r);
}

static KaaType product_type = {
    .ob = {&kaa_type_type},
    .name = "itertools.product",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Product),
    .iter = cm_iter_self,
    .next = product_next,
    .new_ = product_new,
};

// ---- combinations, combinations_with_replacement, permutations --------------------------------

typedef struct {
    KaaObject ob;
    KaaTuple *pool;
    int64_t r;
    int64_t *indices;  // atomic
    int64_t *cycles;   // permutations only; atomic
    bool started, stopped;
} Combo;

static Combo *combo_make(KaaType *type, KaaValue iterable, int64_t r, bool cycles) {
    Combo *c = cm_new(type);
    c->pool = kaa_tuple(kaa_tuple_from_iterable(iterable));
    c->r = r;
    int64_t n = c->pool->len;
    size_t count = (size_t)(n > r ? n : r) + 1;
    c->indices = kaa_alloc_atomic(sizeof(int64_t) * count);
    memset(c->indices, 0, sizeof(int64_t) * count);
    if (cycles) {
        c->cycles = kaa_alloc_atomic(sizeof(int64_t) * count);
    }
    return c;
}

static int64_t combo_r(KaaValue v) {
    int64_t r = cm_ssize(v);
    if (r < 0) {
        kaa_raise_value_error("r must be non-negative");
    }
    return r;
}

static KaaValue combo_result(Combo *c) {
    KaaTuple *t = kaa_tuple_new((size_t)c->r);
    for (int64_t i = 0; i < c->r; i++) {
        t->items[i] = c->pool->items[c->indices[i]];
    }
    return kaa_from_obj(t);
}

static KaaValue combinations_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"iterable", "r", NULL};
    KaaValue a[2];
    kaa_args_bind("combinations", args, nargs, kw, params, 0, 2, a);
    Combo *c = combo_make(type, a[0], combo_r(a[1]), false);
    for (int64_t i = 0; i < c->r; i++) {
        c->indices[i] = i;
    }
    c->stopped = c->r > c->pool->len;
    return kaa_from_obj(c);
}

static KaaValue combinations_next(KaaValue self) {
    Combo *c = (Combo *)kaa_obj(self);
    int64_t n = c->pool->len, r = c->r;
    if (c->stopped) {
        return KAA_NULL;
    }
    if (!c->started) {
        c->started = true;
        return combo_result(c);
    }
    int64_t i = r - 1;
    while (i >= 0 && c->indices[i] == i + n - r) {
        i--;
    }
    if (i < 0) {
        c->stopped = true;
        return KAA_NULL;
    }
    c->indices[i]++;
    for (int64_t j = i + 1; j < r; j++) {
        c->indices[j] = c->indices[j - 1] + 1;
    }
    return combo_result(c);
}

static KaaValue cwr_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"iterable", "r", NULL};
    KaaValue a[2];
    kaa_args_bind("combinations_with_replacement", args, nargs, kw, params, 0, 2, a);
    Combo *c = combo_make(type, a[0], combo_r(a[1]), false);
    c->stopped = c->pool->len == 0 && c->r > 0;
    return kaa_from_obj(c);
}

static KaaValue cwr_next(KaaValue self) {
    Combo *c = (Combo *)kaa_obj(self);
    int64_t n = c->pool->len, r = c->r;
    if (c->stopped) {
        return KAA_NULL;
    }
    if (!c->started) {
        c->started = true;
        return combo_result(c);
    }
    int64_t i = r - 1;
    while (i >= 0 && c->indices[i] == n - 1) {
        i--;
    }
    if (i < 0) {
        c->stopped = true;
        return KAA_NULL;
    }
    int64_t v = c->indices[i] + 1;
    for (int64_t j = i; j < r; j++) {
        c->indices[j] = v;
    }
    return combo_result(c);
}

static KaaValue permutations_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"iterable", "r", NULL};
    KaaValue a[2];
    kaa_args_bind("permutations", args, nargs, kw, params, 0, 1, a);
    KaaValue pool = kaa_tuple_from_iterable(a[0]);
    int64_t n = kaa_tuple(pool)->len;
    int64_t r = a[1] == KAA_NULL || a[1] == kaa_None ? n : combo_r(a[1]);
    Combo *c = combo_make(type, pool, r, true);
    for (int64_t i = 0; i < n; i++) {
        c->indices[i] = i;
    }
    for (int64_t i = 0; i < r; i++) {
        c->cycles[i] = n - i;
    }
    c->stopped = r > n;
    return kaa_from_obj(c);
}

// The algorithm of the itertools documentation: `cycles` counts, for each position, how many
// swaps are left before its indices rotate back.
static KaaValue permutations_next(KaaValue self) {
    Combo *c = (Combo *)kaa_obj(self);
    int64_t n = c->pool->len, r = c->r;
    if (c->stopped) {
        return KAA_NULL;
    }
    if (!c->started) {
        c->started = true;
        return combo_result(c);
    }
    if (n == 0) {
        c->stopped = true;
        return KAA_NULL;
    }
    for (int64_t i = r - 1; i >= 0; i--) {
        if (--c->cycles[i] == 0) {
            // Rotate indices[i:] left by one.
            int64_t first = c->indices[i];
            memmove(c->indices + i, c->indices + i + 1, sizeof(int64_t) * (size_t)(n - i - 1));
            c->indices[n - 1] = first;
            c->cycles[i] = n - i;
        } else {
            int64_t j = c->cycles[i];
            int64_t tmp = c->indices[i];
            c->indices[i] = c->indices[n - j];
            c->indices[n - j] = tmp;
            return combo_result(c);
        }
    }
    c->stopped = true;
    return KAA_NULL;
}

#define COMBO_TYPE(cname, pyname, newfn, nextfn)       \
    static KaaType cname = {                           \
        .ob = {&kaa_type_type},                        \
        .name = "itertools." pyname,                   \
        .flags = KAA_TPFLAG_BASETYPE,                  \
        .instance_size = sizeof(Combo),                \
        .iter = cm_iter_self,                          \
        .next = nextfn,                                \
        .new_ = newfn,                                 \
    };
COMBO_TYPE(combinations_type, "combinations", combinations_new, combinations_next)
COMBO_TYPE(cwr_type, "combinations_with_replacement", cwr_new, cwr_next)
COMBO_TYPE(permutations_type, "permutations", permutations_new, permutations_next)

// ---- the module -------------------------------------------------------------------------------

static const KaaMethodDef itertools_methods[] = {
    {"tee", itertools_tee, 0, "Returns a tuple of n independent iterators."},
    {NULL},
};

static KaaType *const itertools_types[] = {
    &count_type, &cycle_type, &repeat_type, &accumulate_type, &chain_type, &compress_type,
    &dropwhile_type, &takewhile_type, &filterfalse_type, &starmap_type, &groupby_type,
    &grouper_type, &islice_type, &pairwise_type, &tee_type, &zip_longest_type, &product_type,
    &combinations_type, &cwr_type, &permutations_type,
};

KaaValue kaa_itertools_init(void) {
    KaaValue m = kaa_module_new_cstr("itertools");
    kaa_module_add_methods(m, itertools_methods);
    for (size_t i = 0; i < sizeof itertools_types / sizeof itertools_types[0]; i++) {
        KaaType *t = itertools_types[i];
        kaa_type_ready(t);
        kaa_module_add(m, t->name + sizeof "itertools." - 1, kaa_from_obj(t));
    }
    return m;
}
