// modules/abc.c — the _abc module: the machinery behind abc.ABCMeta (registration, and the
// cached answers of isinstance/issubclass against abstract base classes).
//
// Stage: modules. isinstance(x, collections.abc.Mapping) lands here through
// ABCMeta.__instancecheck__ on every call, so the caches must answer fast: each cache is a
// dict keyed by the class's identity (its address, complemented into an int so the
// conservative collector does not see a pointer) holding a weak reference to the class. A hit
// is one dict lookup and a pointer comparison; a dead class never matches (its reference
// reads None) and its entry is overwritten when the address is reused. The algorithm and
// messages are CPython's Modules/_abc.c.
#include "modules/coremods.h"

// Bumped by every register(): negative caches older than this are stale.
static int64_t invalidation_counter;

typedef struct {
    KaaObject ob;
    KaaDict *registry, *cache, *negative_cache;
    int64_t negative_cache_version;
} AbcData;

static KaaType abc_data_type;

// ---- identity sets of weakly held classes ----------------------------------------------------

static KaaValue id_key(KaaValue obj) {
    return kaa_from_small(~(int64_t)(uintptr_t)kaa_obj(obj));
}

static bool wset_has(KaaDict *s, KaaValue obj) {
    if (s->used == 0 || !kaa_is_obj(obj)) {
        return false;
    }
    KaaValue r = kaa_dict_get(s, id_key(obj));
    return r != KAA_NULL && kaa_weakref_get(r) == obj;
}

static void wset_add(KaaDict *s, KaaValue obj) {
    kaa_dict_set(s, id_key(obj), kaa_weakref_new(obj, KAA_NULL));
}

// The live classes of a set, as a list.
static KaaList *wset_items(KaaDict *s) {
    KaaList *out = kaa_list_new(0);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(s, &pos, &k, &v)) {
        KaaValue obj = kaa_weakref_get(v);
        if (obj != KAA_NULL) {
            kaa_list_append(out, obj);
        }
    }
    return out;
}

// A set of weak references, as _get_dump returns them.
static KaaValue wset_dump(KaaDict *s) {
    KaaSet *out = kaa_set_new(&kaa_set_type);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(s, &pos, &k, &v)) {
        if (kaa_weakref_get(v) != KAA_NULL) {
            kaa_set_add(out, v);
        }
    }
    return kaa_from_obj(out);
}

// ---- helpers ------------------------------------------------------------------------------------

static bool is_class(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_type_of(v), KAA_TPFLAG_TYPE_SUBCLASS);
}

static KaaType *as_type(KaaValue v) { return (KaaType *)kaa_obj(v); }

static AbcData *get_impl(KaaValue self) {
    KaaValue impl = kaa_getattr_cstr(self, "_abc_impl");
    if (!kaa_is_type(impl, &abc_data_type)) {
        kaa_raise_type_error("_abc_impl is set to a wrong type");
    }
    return (AbcData *)kaa_obj(impl);
}

// getattr(value, "__isabstractmethod__", False) is true; other errors propagate.
static bool is_abstract(KaaValue value) {
    volatile KaaValue flag = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        flag = kaa_getattr_opt(value, KAA_ID(__isabstractmethod__));
        kaa_handler_pop(&h);
    } else {
        kaa_ts.frame = h.frame;
        if (!kaa_exc_matches(h.exc, kaa_AttributeError)) {
            kaa_reraise(h.exc);
        }
    }
    return flag != KAA_NULL && kaa_truthy(flag);
}

static KaaValue getattr_or_null(KaaValue obj, KaaValue name) {
    volatile KaaValue v = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        v = kaa_getattr_opt(obj, name);
        kaa_handler_pop(&h);
    } else {
        kaa_ts.frame = h.frame;
        if (!kaa_exc_matches(h.exc, kaa_AttributeError)) {
            kaa_reraise(h.exc);
        }
    }
    return v;
}

// __abstractmethods__: the abstract names of the namespace, and the inherited abstract names
// that are still abstract here.
static void compute_abstract_methods(KaaValue self) {
    KaaSet *abstracts = kaa_set_new(&kaa_set_type);
    KaaValue ns = kaa_getattr(self, KAA_ID(__dict__));
    KaaValue keys = kaa_list_from_iterable(ns);
    for (int64_t i = 0; i < kaa_list(keys)->len; i++) {
        KaaValue key = kaa_list(keys)->items[i];
        if (is_abstract(kaa_getitem(ns, key))) {
            kaa_set_add(abstracts, key);
        }
    }
    KaaValue bases = kaa_getattr(self, KAA_ID(__bases__));
    if (!kaa_is_tuple(bases)) {
        kaa_raise_type_error("__bases__ is not tuple");
    }
    for (int64_t i = 0; i < kaa_tuple(bases)->len; i++) {
        KaaValue base_abstracts = getattr_or_null(kaa_tuple(bases)->items[i],
                                                  KAA_ID(__abstractmethods__));
        if (base_abstracts == KAA_NULL) {
            continue;
        }
        KaaValue it = kaa_iter(base_abstracts);
        for (KaaValue key; (key = kaa_next(it)) != KAA_NULL;) {
            KaaValue value = getattr_or_null(self, key);
            if (value != KAA_NULL && is_abstract(value)) {
                kaa_set_add(abstracts, key);
            }
        }
    }
    KaaValue frozen = kaa_call1(kaa_from_obj(&kaa_frozenset_type), kaa_from_obj(abstracts));
    kaa_setattr(self, KAA_ID(__abstractmethods__), frozen);
}

// CPython's Py_TPFLAGS_SEQUENCE (1 << 5) and Py_TPFLAGS_MAPPING (1 << 6), as kaa's flags.
static uint32_t collection_flags(int64_t val) {
    return (val & (1 << 5) ? KAA_TPFLAG_SEQUENCE : 0) | (val & (1 << 6) ? KAA_TPFLAG_MAPPING : 0);
}

static void set_collection_flag_recursive(KaaType *t, uint32_t flags) {
    const uint32_t both = KAA_TPFLAG_SEQUENCE | KAA_TPFLAG_MAPPING;
    if (!kaa_type_has(t, KAA_TPFLAG_HEAPTYPE) || (t->flags & both) != 0) {
        return;
    }
    t->flags |= flags;
    if (t->subclasses == KAA_NULL || !kaa_is_list(t->subclasses)) {
        return;
    }
    KaaList *subs = kaa_list(t->subclasses);
    for (int64_t i = 0; i < subs->len; i++) {
        KaaValue s = subs->items[i];
        if (kaa_weakref_check(s)) {
            s = kaa_weakref_get(s);
        }
        if (s != KAA_NULL && is_class(s)) {
            set_collection_flag_recursive(as_type(s), flags);
        }
    }
}

// __abc_tpflags__ in the class namespace sets the match-statement flags, then goes away.
static void apply_tpflags(KaaValue self) {
    KaaType *t = as_type(self);
    KaaValue name = kaa_str_intern_cstr("__abc_tpflags__");
    KaaValue flags = kaa_dict_get_str(t->dict, name);
    if (flags == KAA_NULL) {
        return;
    }
    if (kaa_is_int(flags)) {
        int64_t val = kaa_int_val(flags);
        if ((val & (3 << 5)) == (3 << 5)) {
            kaa_raise_type_error("__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and "
                                 "Py_TPFLAGS_MAPPING");
        }
        t->flags |= collection_flags(val);
    }
    kaa_dict_del(t->dict, name);
    kaa_type_modified(t);
}

// ---- the functions ------------------------------------------------------------------------------

static KaaValue abc_init(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_abc_init", nargs, 1, 1);
    KaaValue self = args[0];
    compute_abstract_methods(self);
    AbcData *data = kaa_alloc(sizeof *data);
    data->ob.type = &abc_data_type;
    data->registry = kaa_dict_new();
    data->cache = kaa_dict_new();
    data->negative_cache = kaa_dict_new();
    data->negative_cache_version = invalidation_counter;
    kaa_setattr(self, kaa_str_intern_cstr("_abc_impl"), kaa_from_obj(data));
    if (is_class(self)) {
        apply_tpflags(self);
    }
    return kaa_None;
}

static KaaValue abc_register(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("_abc_register", nargs, 2, 2);
    KaaValue self = args[0], subclass = args[1];
    if (!is_class(subclass)) {
        kaa_raise_type_error("Can only register classes");
    }
    if (kaa_issubclass(subclass, self)) {
        return subclass;  // already a subclass
    }
    if (kaa_issubclass(self, subclass)) {
        kaa_raise_msg(kaa_RuntimeError, "Refusing to create an inheritance cycle");
    }
    wset_add(get_impl(self)->registry, subclass);
    invalidation_counter++;
    if (is_class(self)) {
        uint32_t flags = as_type(self)->flags & (KAA_TPFLAG_SEQUENCE | KAA_TPFLAG_MAPPING);
        if (flags) {
            set_collection_flag_recursive(as_type(subclass), flags);
        }
    }
    return subclass;
}

static KaaValue call_subclasscheck(KaaValue self, KaaValue cls) {
    return kaa_call_method(self, kaa_str_intern_cstr("__subclasscheck__"), &cls, 1);
}

static KaaValue abc_instancecheck(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("_abc_instancecheck", nargs, 2, 2);
    KaaValue self = args[0], instance = args[1];
    AbcData *impl = get_impl(self);
    KaaValue subclass = kaa_getattr(instance, KAA_ID(__class__));
    if (wset_has(impl->cache, subclass)) {
        return kaa_True;
    }
    KaaValue subtype = kaa_from_obj(kaa_type_of(instance));
    if (subtype == subclass) {
        if (impl->negative_cache_version == invalidation_counter &&
            wset_has(impl->negative_cache, subclass)) {
            return kaa_False;
        }
        return call_subclasscheck(self, subclass);
    }
    KaaValue r = call_subclasscheck(self, subclass);
    if (kaa_truthy(r)) {
        return r;
    }
    return call_subclasscheck(self, subtype);
}

// Steps 4-6 of the subclass check: the mro, the registry, the subclasses. A class registered
// itself is answered without being cached (CPython's fast path).
static bool subclass_by_hierarchy(KaaValue self, AbcData *impl, KaaValue subclass,
                                  bool *cache) {
    KaaTuple *mro = as_type(subclass)->mro;
    for (int64_t i = 0; mro && i < mro->len; i++) {
        if (mro->items[i] == self) {
            return true;
        }
    }
    if (wset_has(impl->registry, subclass)) {
        *cache = false;
        return true;
    }
    KaaList *registered = wset_items(impl->registry);
    for (int64_t i = 0; i < registered->len; i++) {
        if (kaa_issubclass(subclass, registered->items[i])) {
            return true;
        }
    }
    KaaValue subs = kaa_call_method(self, kaa_str_intern_cstr("__subclasses__"), NULL, 0);
    if (!kaa_is_list(subs)) {
        kaa_raise_type_error("__subclasses__() must return a list");
    }
    for (int64_t i = 0; i < kaa_list(subs)->len; i++) {
        if (kaa_issubclass(subclass, kaa_list(subs)->items[i])) {
            return true;
        }
    }
    return false;
}

static KaaValue abc_subclasscheck(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("_abc_subclasscheck", nargs, 2, 2);
    KaaValue self = args[0], subclass = args[1];
    if (!is_class(subclass)) {
        kaa_raise_type_error("issubclass() arg 1 must be a class");
    }
    AbcData *impl = get_impl(self);
    if (wset_has(impl->cache, subclass)) {
        return kaa_True;
    }
    if (impl->negative_cache_version < invalidation_counter) {
        impl->negative_cache = kaa_dict_new();
        impl->negative_cache_version = invalidation_counter;
    } else if (wset_has(impl->negative_cache, subclass)) {
        return kaa_False;
    }
    KaaValue ok = kaa_call_method(self, kaa_str_intern_cstr("__subclasshook__"), &subclass, 1);
    if (ok == kaa_True || ok == kaa_False) {
        wset_add(ok == kaa_True ? impl->cache : impl->negative_cache, subclass);
        return ok;
    }
    if (ok != kaa_NotImplemented) {
        kaa_raise_msg(kaa_AssertionError, "__subclasshook__ must return either False, True, "
                                          "or NotImplemented");
    }
    bool cache = true;
    bool result = subclass_by_hierarchy(self, impl, subclass, &cache);
    if (cache) {
        wset_add(result ? impl->cache : impl->negative_cache, subclass);
    }
    return kaa_bool(result);
}

static KaaValue abc_get_dump(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_get_dump", nargs, 1, 1);
    AbcData *impl = get_impl(args[0]);
    return kaa_from_obj(kaa_tuple_pack(4, wset_dump(impl->registry), wset_dump(impl->cache),
                                       wset_dump(impl->negative_cache),
                                       kaa_int_from_i64(impl->negative_cache_version)));
}

static KaaValue abc_reset_registry(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_reset_registry", nargs, 1, 1);
    get_impl(args[0])->registry = kaa_dict_new();
    return kaa_None;
}

static KaaValue abc_reset_caches(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_reset_caches", nargs, 1, 1);
    AbcData *impl = get_impl(args[0]);
    impl->cache = kaa_dict_new();
    impl->negative_cache = kaa_dict_new();
    return kaa_None;
}

static KaaValue abc_get_cache_token(KaaValue mod, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("get_cache_token", nargs, 0, 0);
    return kaa_int_from_i64(invalidation_counter);
}

static KaaType abc_data_type = {
    .ob = {&kaa_type_type},
    .name = "_abc._abc_data",
    .instance_size = sizeof(AbcData),
};

static const KaaMethodDef abc_methods[] = {
    {"get_cache_token", abc_get_cache_token, 0,
     "Returns the current ABC cache token.\n\nThe token is an opaque object (supporting "
     "equality testing) identifying the\ncurrent version of the ABC cache for virtual "
     "subclasses. The token changes\nwith every call to register() on any ABC."},
    {"_abc_init", abc_init, 0, "Internal ABC helper for class set-up. Should be never used "
                               "outside abc module."},
    {"_abc_register", abc_register, 0, "Internal ABC helper for subclasss registration. Should "
                                       "be never used outside abc module."},
    {"_abc_instancecheck", abc_instancecheck, 0, "Internal ABC helper for instance checks. "
                                                 "Should be never used outside abc module."},
    {"_abc_subclasscheck", abc_subclasscheck, 0, "Internal ABC helper for subclasss checks. "
                                                 "Should be never used outside abc module."},
    {"_get_dump", abc_get_dump, 0, "Internal ABC helper for cache and registry debugging."},
    {"_reset_registry", abc_reset_registry, 0, "Internal ABC helper to reset registry of a "
                                               "given class."},
    {"_reset_caches", abc_reset_caches, 0, "Internal ABC helper to reset both caches of a "
                                           "given class."},
    {NULL},
};

KaaValue kaa_abc_init(void) {
    kaa_type_ready(&abc_data_type);
    KaaValue m = kaa_module_new_cstr("_abc");
    kaa_module_add_methods(m, abc_methods);
    return m;
}
