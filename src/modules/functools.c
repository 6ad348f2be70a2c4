// modules/functools.c — the _functools module: partial, reduce, cmp_to_key (KeyWrapper) and
// _lru_cache_wrapper, which functools.py builds lru_cache and cache on.
//
// Stage: modules. Calls go straight through the vectorcall convention: partial prepends its
// stored arguments in one array, and the cache wrapper builds its key without an argument
// tuple for the commonest call (one int or str argument). The cache keys are CPython's exactly
// (same hits and misses): the lone exact int/str argument, else the argument tuple, else args
// + a keyword marker + (name, value) pairs (+ the types when typed).
#include "modules/coremods.h"
#include "vm/vm.h"

// ---- partial ------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue fn;
    KaaTuple *args;
    KaaDict *kw;
    KaaValue dict;
    KaaValue weakreflist;
} Partial;

static KaaType partial_type;

static Partial *pt(KaaValue v) { return (Partial *)kaa_obj(v); }

static bool is_partial(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_of(v)->call == partial_type.call;
}

static KaaValue partial_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs < 1) {
        kaa_raise_type_error("type 'partial' takes at least one argument");
    }
    KaaValue fn = args[0];
    KaaTuple *pargs = kaa_empty_tuple;
    KaaDict *pkw = NULL;
    // A partial of a partial (without instance attributes) flattens into one.
    if (is_partial(fn) && pt(fn)->dict == KAA_NULL) {
        pargs = pt(fn)->args;
        pkw = pt(fn)->kw;
        fn = pt(fn)->fn;
    }
    if (!kaa_callable(fn)) {
        kaa_raise_type_error("the first argument must be callable");
    }
    Partial *p = cm_new(type);
    p->fn = fn;
    p->args = kaa_tuple_new((size_t)pargs->len + nargs - 1);
    memcpy(p->args->items, pargs->items, sizeof(KaaValue) * (size_t)pargs->len);
    memcpy(p->args->items + pargs->len, args + 1, sizeof(KaaValue) * (nargs - 1));
    p->kw = pkw ? kaa_dict_copy(pkw) : kaa_dict_new();
    for (int64_t i = 0; i < KAA_NKW(kwnames); i++) {
        kaa_dict_set(p->kw, kwnames->items[i], args[nargs + (size_t)i]);
    }
    return kaa_from_obj(p);
}

// Calls fn with the stored arguments, then the call's; keywords merge with the call's winning.
static KaaValue partial_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Partial *p = pt(self);
    size_t np = (size_t)p->args->len, nkw = KAA_NKW(kwnames);
    if (p->kw->used == 0) {
        if (np == 0) {
            return kaa_call(p->fn, args, nargs, kwnames);
        }
        KaaValue small[16];
        size_t total = np + nargs + nkw;
        KaaValue *all = total <= 16 ? small : kaa_alloc(sizeof(KaaValue) * total);
        memcpy(all, p->args->items, sizeof(KaaValue) * np);
        memcpy(all + np, args, sizeof(KaaValue) * (nargs + nkw));
        return kaa_call(p->fn, all, np + nargs, kwnames);
    }
    KaaDict *kw = kaa_dict_copy(p->kw);
    for (size_t i = 0; i < nkw; i++) {
        kaa_dict_set(kw, kwnames->items[i], args[nargs + i]);
    }
    KaaTuple *pos = kaa_tuple_new(np + nargs);
    memcpy(pos->items, p->args->items, sizeof(KaaValue) * np);
    memcpy(pos->items + np, args, sizeof(KaaValue) * nargs);
    return kaa_call_tuple_dict(p->fn, pos, kw);
}

static KaaValue partial_repr(KaaValue self) {
    Partial *p = pt(self);
    const char *name = kaa_type_name_of(self);
    if (kaa_repr_enter(self)) {
        return kaa_str_from_cstr("...");
    }
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, name);
    kaa_strbuf_putc(&b, '(');
    kaa_strbuf_putstr(&b, kaa_repr(p->fn));
    for (int64_t i = 0; i < p->args->len; i++) {
        kaa_strbuf_puts(&b, ", ");
        kaa_strbuf_putstr(&b, kaa_repr(p->args->items[i]));
    }
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(p->kw, &pos, &k, &v)) {
        kaa_strbuf_puts(&b, ", ");
        kaa_strbuf_putstr(&b, kaa_to_str(k));
        kaa_strbuf_putc(&b, '=');
        kaa_strbuf_putstr(&b, kaa_repr(v));
    }
    kaa_strbuf_putc(&b, ')');
    kaa_repr_leave(self);
    return kaa_strbuf_finish(&b);
}

static KaaValue partial_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    Partial *p = pt(self);
    KaaValue state = kaa_from_obj(kaa_tuple_pack(
        4, p->fn, kaa_from_obj(p->args), p->kw->used ? kaa_from_obj(p->kw) : kaa_None,
        p->dict ? p->dict : kaa_None));
    return kaa_from_obj(kaa_tuple_pack(3, kaa_from_obj(kaa_type_of(self)),
                                       kaa_from_obj(kaa_tuple_pack(1, p->fn)), state));
}

static KaaValue partial_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__setstate__", nargs, 1, 1);
    KaaValue state = args[0];
    KaaTuple *t = kaa_is_tuple(state) ? kaa_tuple(state) : NULL;
    if (t == NULL || t->len != 4 || !kaa_callable(t->items[0]) || !kaa_is_tuple(t->items[1]) ||
        (t->items[2] != kaa_None && !kaa_is_dict(t->items[2]))) {
        kaa_raise_type_error("invalid partial state");
    }
    KaaValue fnargs = t->items[1], kwv = t->items[2], dict = t->items[3];
    Partial *p = pt(self);
    p->fn = t->items[0];
    p->args = kaa_is_type(fnargs, &kaa_tuple_type) ? kaa_tuple(fnargs)
                                                    : kaa_tuple(kaa_tuple_from_iterable(fnargs));
    if (kwv == kaa_None) {
        p->kw = kaa_dict_new();
    } else {
        p->kw = kaa_dict_copy(kaa_dict(kwv));
    }
    p->dict = dict == kaa_None ? KAA_NULL : dict;
    return kaa_None;
}

static KaaValue partial_get_func(KaaValue self) { return pt(self)->fn; }
static KaaValue partial_get_args(KaaValue self) { return kaa_from_obj(pt(self)->args); }
static KaaValue partial_get_keywords(KaaValue self) { return kaa_from_obj(pt(self)->kw); }

static const KaaGetSetDef partial_getsets[] = {
    {"func", partial_get_func, NULL, "function object to use in future partial calls"},
    {"args", partial_get_args, NULL, "tuple of arguments to future partial calls"},
    {"keywords", partial_get_keywords, NULL, "dictionary of keyword arguments to future "
                                             "partial calls"},
    CM_DICT_GETSET,
    {NULL},
};

static const KaaMethodDef partial_methods[] = {
    {"__reduce__", partial_reduce, 0, NULL},
    {"__setstate__", partial_setstate, 0, NULL},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static KaaType partial_type = {
    .ob = {&kaa_type_type},
    .name = "functools.partial",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Partial),
    .dict_offset = offsetof(Partial, dict),
    .weaklist_offset = offsetof(Partial, weakreflist),
    .repr = partial_repr,
    .call = partial_call,
    .getattr = kaa_generic_getattr,
    .setattr = kaa_generic_setattr,
    .new_ = partial_new,
    .getsets = partial_getsets,
    .methods = partial_methods,
};

// ---- reduce -----------------------------------------------------------------------------------

static KaaValue functools_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("reduce", kw);
    cm_check_positional("reduce", nargs, 2, 3);
    KaaValue it = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        it = kaa_iter(args[1]);
        kaa_handler_pop(&h);
    } else {
        kaa_ts.frame = h.frame;
        if (kaa_exc_matches(h.exc, kaa_TypeError)) {
            kaa_raise_type_error("reduce() arg 2 must support iteration");
        }
        kaa_reraise(h.exc);
    }
    KaaValue acc = nargs > 2 ? args[2] : KAA_NULL;
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        acc = acc == KAA_NULL ? v : kaa_call2(args[0], acc, v);
    }
    if (acc == KAA_NULL) {
        kaa_raise_type_error("reduce() of empty iterable with no initial value");
    }
    return acc;
}

// ---- cmp_to_key -------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue cmp;
    KaaValue object;  // KAA_NULL in the key function itself
} KeyWrapper;

static KaaType keywrapper_type;

static KaaValue keywrapper_make(KaaValue cmp, KaaValue object) {
    KeyWrapper *k = kaa_alloc(sizeof *k);
    k->ob.type = &keywrapper_type;
    k->cmp = cmp;
    k->object = object;
    return kaa_from_obj(k);
}

static KaaValue keywrapper_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"obj", NULL};
    KaaValue a[1];
    kaa_args_bind("K", args, nargs, kwnames, params, 0, 1, a);
    return keywrapper_make(((KeyWrapper *)kaa_obj(self))->cmp, a[0]);
}

static KaaValue keywrapper_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_type(b, &keywrapper_type)) {
        kaa_raise_type_error("other argument must be K instance");
    }
    KeyWrapper *x = (KeyWrapper *)kaa_obj(a), *y = (KeyWrapper *)kaa_obj(b);
    if (x->object == KAA_NULL || y->object == KAA_NULL) {
        kaa_raise_msg(kaa_AttributeError, "object");
    }
    KaaValue r = kaa_call2(x->cmp, x->object, y->object);
    return kaa_richcompare(r, kaa_from_small(0), op);
}

static KaaValue keywrapper_get_obj(KaaValue self) {
    KaaValue o = ((KeyWrapper *)kaa_obj(self))->object;
    if (o == KAA_NULL) {
        kaa_raise_msg(kaa_AttributeError, "obj");
    }
    return o;
}

static const KaaGetSetDef keywrapper_getsets[] = {
    {"obj", keywrapper_get_obj, NULL, "Value wrapped by a key function."},
    {NULL},
};

static KaaType keywrapper_type = {
    .ob = {&kaa_type_type},
    .name = "functools.KeyWrapper",
    .instance_size = sizeof(KeyWrapper),
    .call = keywrapper_call,
    .richcompare = keywrapper_richcompare,
    .getsets = keywrapper_getsets,
};

static KaaValue functools_cmp_to_key(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kwnames) {
    static const char *const params[] = {"mycmp", NULL};
    KaaValue a[1];
    kaa_args_bind("cmp_to_key", args, nargs, kwnames, params, 0, 1, a);
    return keywrapper_make(a[0], KAA_NULL);
}

// ---- _lru_cache_wrapper -----------------------------------------------------------------------

// A cache entry; bounded caches also chain the entries from least to most recently used.
typedef struct LruLink {
    KaaObject ob;
    struct LruLink *prev, *next;
    KaaValue key, result;
} LruLink;

typedef struct {
    KaaObject ob;
    KaaValue func;
    KaaDict *cache;
    int64_t maxsize;  // -1: unbounded
    bool typed;
    int64_t hits, misses;
    KaaValue cache_info_type;
    LruLink root;     // sentinel of the recency list (bounded caches)
    KaaValue dict;
    KaaValue weakreflist;
} LruCache;

static KaaType lru_type, lru_link_type;
static KaaValue kwd_mark;

static LruCache *lc(KaaValue v) { return (LruCache *)kaa_obj(v); }

static KaaValue lru_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"user_function", "maxsize", "typed",
                                         "cache_info_type", NULL};
    KaaValue a[4];
    kaa_args_bind("_lru_cache_wrapper", args, nargs, kwnames, params, 0, 4, a);
    if (!kaa_callable(a[0])) {
        kaa_raise_type_error("the first argument must be callable");
    }
    int64_t maxsize = -1;
    if (a[1] != kaa_None) {
        if (!kaa_is_int_like(a[1])) {
            kaa_raise_type_error("maxsize should be integer or None");
        }
        maxsize = cm_ssize(a[1]);
        maxsize = maxsize < 0 ? 0 : maxsize;
    }
    LruCache *c = cm_new(type);
    c->func = a[0];
    c->cache = kaa_dict_new();
    c->maxsize = maxsize;
    c->typed = kaa_truthy(a[2]);
    c->cache_info_type = a[3];
    c->root.prev = c->root.next = &c->root;
    return kaa_from_obj(c);
}

static bool is_exact_scalar(KaaValue v) {
    return kaa_is_int(v) || (kaa_is_obj(v) && (kaa_type_of(v) == &kaa_str_type ||
                                               kaa_type_of(v) == &kaa_int_type));
}

static KaaValue type_value(KaaValue v) { return kaa_from_obj(kaa_type_of(v)); }

// CPython's _functools key: see the file comment.
static KaaValue make_key(LruCache *c, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    size_t nkw = KAA_NKW(kwnames);
    if (!c->typed && nkw == 0) {
        if (nargs == 1 && is_exact_scalar(args[0])) {
            return args[0];
        }
        return kaa_from_obj(kaa_tuple_from_array(args, nargs));
    }
    size_t size = nargs + (nkw ? 2 * nkw + 1 : 0) + (c->typed ? nargs + nkw : 0);
    KaaTuple *key = kaa_tuple_new(size);
    size_t k = 0;
    for (size_t i = 0; i < nargs; i++) {
        key->items[k++] = args[i];
    }
    if (nkw) {
        key->items[k++] = kwd_mark;
        for (size_t i = 0; i < nkw; i++) {
            key->items[k++] = kwnames->items[i];
            key->items[k++] = args[nargs + i];
        }
    }
    if (c->typed) {
        for (size_t i = 0; i < nargs + nkw; i++) {
            key->items[k++] = type_value(args[i]);
        }
    }
    return kaa_from_obj(key);
}

static void link_unlink(LruLink *l) {
    l->prev->next = l->next;
    l->next->prev = l->prev;
}

static void link_append(LruCache *c, LruLink *l) {
    l->prev = c->root.prev;
    l->next = &c->root;
    c->root.prev->next = l;
    c->root.prev = l;
}

static KaaValue bounded_call(LruCache *c, KaaValue key, KaaValue *args, size_t nargs,
                             KaaTuple *kwnames) {
    KaaValue found = kaa_dict_get(c->cache, key);
    if (found != KAA_NULL) {
        LruLink *l = (LruLink *)kaa_obj(found);
        link_unlink(l);
        link_append(c, l);
        c->hits++;
        return l->result;
    }
    c->misses++;
    KaaValue result = kaa_call(c->func, args, nargs, kwnames);
    if (kaa_dict_get(c->cache, key) != KAA_NULL) {
        return result;  // a recursive call cached this key meanwhile
    }
    LruLink *l;
    if (c->cache->used >= c->maxsize && c->root.next != &c->root) {
        l = c->root.next;  // evict the least recently used entry and reuse its link
        link_unlink(l);
        kaa_dict_del(c->cache, l->key);
    } else {
        l = kaa_alloc(sizeof *l);
        l->ob.type = &lru_link_type;
    }
    l->key = key;
    l->result = result;
    kaa_dict_set(c->cache, key, kaa_from_obj(l));
    link_append(c, l);
    return result;
}

static KaaValue lru_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    LruCache *c = lc(self);
    if (c->maxsize == 0) {
        c->misses++;
        return kaa_call(c->func, args, nargs, kwnames);
    }
    KaaValue key = make_key(c, args, nargs, kwnames);
    if (c->maxsize > 0) {
        return bounded_call(c, key, args, nargs, kwnames);
    }
    KaaValue found = kaa_dict_get(c->cache, key);
    if (found != KAA_NULL) {
        c->hits++;
        return found;
    }
    c->misses++;
    KaaValue result = kaa_call(c->func, args, nargs, kwnames);
    kaa_dict_set(c->cache, key, result);
    return result;
}

static KaaValue lru_descr_get(KaaValue self, KaaValue obj, KaaValue type) {
    if (obj == KAA_NULL || obj == kaa_None) {
        return self;
    }
    return kaa_method_new(self, obj);
}

static KaaValue lru_cache_info(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("cache_info", nargs, 0, 0);
    LruCache *c = lc(self);
    KaaValue info[4] = {kaa_int_from_i64(c->hits), kaa_int_from_i64(c->misses),
                        c->maxsize < 0 ? kaa_None : kaa_int_from_i64(c->maxsize),
                        kaa_int_from_i64(c->cache->used)};
    return kaa_call(c->cache_info_type, info, 4, NULL);
}

static KaaValue lru_cache_clear(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("cache_clear", nargs, 0, 0);
    LruCache *c = lc(self);
    c->hits = c->misses = 0;
    c->cache = kaa_dict_new();
    c->root.prev = c->root.next = &c->root;
    return kaa_None;
}

static KaaValue lru_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_getattr(self, KAA_ID(__qualname__));
}

static KaaValue lru_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return self;
}

static const KaaGetSetDef lru_getsets[] = {
    CM_DICT_GETSET,
    {NULL},
};

static const KaaMethodDef lru_methods[] = {
    {"cache_info", lru_cache_info, 0, "Report cache statistics"},
    {"cache_clear", lru_cache_clear, 0, "Clear the cache and cache statistics"},
    {"__reduce__", lru_reduce, 0, NULL},
    {"__copy__", lru_copy, 0, NULL},
    {"__deepcopy__", lru_copy, 0, NULL},
    {NULL},
};

static KaaType lru_type = {
    .ob = {&kaa_type_type},
    .name = "functools._lru_cache_wrapper",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_METHOD_DESCRIPTOR,
    .instance_size = sizeof(LruCache),
    .dict_offset = offsetof(LruCache, dict),
    .weaklist_offset = offsetof(LruCache, weakreflist),
    .call = lru_call,
    .descr_get = lru_descr_get,
    .getattr = kaa_generic_getattr,
    .setattr = kaa_generic_setattr,
    .new_ = lru_new,
    .methods = lru_methods,
    .getsets = lru_getsets,
};

static KaaType lru_link_type = {
    .ob = {&kaa_type_type},
    .name = "functools._lru_list_elem",
    .instance_size = sizeof(LruLink),
};

// ---- the module -------------------------------------------------------------------------------

static const KaaMethodDef functools_methods[] = {
    {"reduce", functools_reduce, 0,
     "reduce(function, iterable[, initial]) -> value\n\nApply a function of two arguments "
     "cumulatively to the items of a sequence or iterable, from left to right, so as to "
     "reduce the iterable to a single value."},
    {"cmp_to_key", functools_cmp_to_key, 0, "Convert a cmp= function into a key= function."},
    {NULL},
};

KaaValue kaa_functools_init(void) {
    kaa_type_ready(&partial_type);
    kaa_type_ready(&keywrapper_type);
    kaa_type_ready(&lru_type);
    kaa_type_ready(&lru_link_type);
    kwd_mark = kaa_instance_alloc(&kaa_object_type, 0);
    KaaValue m = kaa_module_new_cstr("_functools");
    kaa_module_add_methods(m, functools_methods);
    kaa_module_add(m, "partial", kaa_from_obj(&partial_type));
    kaa_module_add(m, "_lru_cache_wrapper", kaa_from_obj(&lru_type));
    return m;
}
