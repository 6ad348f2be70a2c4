// objects/dictview.c — what looks into a dict without being one: the keys/values/items
// views, the six dict iterators (forward and reversed, over keys, values and items), and
// mappingproxy, the read-only wrapper that type.__dict__ returns.
//
// Stage: objects. Owns those types. Views read the dict live (they hold the dict, never a
// copy); keys and items views are set-like, and their operators build sets exactly the way
// CPython does, so that the resulting sets iterate in CPython's order.
// Must not: touch the dict's tables directly beyond reading entries; lookups and changes go
// through the kaa_dict_* API.
#include "objects/containers.h"

typedef struct DictView {
    KaaObject ob;
    KaaDict *dict;
} DictView;

static inline KaaDict *view_dict(KaaValue v) { return ((DictView *)kaa_obj(v))->dict; }

KaaValue kaa_dictview_new(KaaDict *d, KaaType *type) {
    DictView *v = kaa_alloc(sizeof *v);
    v->ob.type = type;
    v->dict = d;
    return kaa_from_obj(v);
}

static bool is_setlike_view(KaaValue v) {
    return kaa_is_type(v, &kaa_dict_keys_type) || kaa_is_type(v, &kaa_dict_items_type);
}

// ---- iterators ------------------------------------------------------------------------------

typedef struct DictIter {
    KaaObject ob;
    KaaDict *dict;  // NULL once exhausted
    int64_t used;   // len(dict) when created: a change means the dict changed size
    int64_t pos;    // next entry to look at
    int64_t len;    // items still expected
} DictIter;

static bool is_reversed_iter(KaaType *t) {
    return t == &kaa_dict_reversekeyiterator_type || t == &kaa_dict_reversevalueiterator_type ||
           t == &kaa_dict_reverseitemiterator_type;
}

KaaValue kaa_dictiter_new(KaaDict *d, KaaType *type) {
    DictIter *it = kaa_alloc(sizeof *it);
    it->ob.type = type;
    it->dict = d;
    it->used = d->used;
    it->len = d->used;
    it->pos = is_reversed_iter(type) ? d->nentries - 1 : 0;
    return kaa_from_obj(it);
}

KAA_NORETURN static void changed_size(DictIter *it) {
    it->used = -1;  // sticky: every later next() raises too
    kaa_raise_msg(kaa_RuntimeError, "dictionary changed size during iteration");
}

// The next live entry going forward, or NULL at the end.
static KaaDictEntry *advance(KaaValue self) {
    DictIter *it = (DictIter *)kaa_obj(self);
    KaaDict *d = it->dict;
    if (d == NULL) {
        return NULL;
    }
    if (KAA_UNLIKELY(it->used != d->used)) {
        changed_size(it);
    }
    int64_t i = it->pos, n = d->nentries;
    KaaDictEntry *e = d->entries;
    while (i < n && e[i].key == KAA_NULL) {
        i++;
    }
    if (i >= n) {
        it->dict = NULL;
        return NULL;
    }
    if (KAA_UNLIKELY(it->len == 0)) {  // as many entries as before, but other ones
        it->dict = NULL;
        kaa_raise_msg(kaa_RuntimeError, "dictionary keys changed during iteration");
    }
    it->pos = i + 1;
    it->len--;
    return &e[i];
}

static KaaDictEntry *advance_back(KaaValue self) {
    DictIter *it = (DictIter *)kaa_obj(self);
    KaaDict *d = it->dict;
    if (d == NULL) {
        return NULL;
    }
    if (KAA_UNLIKELY(it->used != d->used)) {
        changed_size(it);
    }
    int64_t i = it->pos < d->nentries ? it->pos : d->nentries - 1;
    KaaDictEntry *e = d->entries;
    while (i >= 0 && e[i].key == KAA_NULL) {
        i--;
    }
    if (i < 0) {
        it->dict = NULL;
        return NULL;
    }
    it->pos = i - 1;
    it->len--;
    return &e[i];
}

static KaaValue item_of(KaaDictEntry *e) {
    return e ? kaa_from_obj(kaa_tuple_pack(2, e->key, e->value)) : KAA_NULL;
}

static KaaValue keyiter_next(KaaValue self) {
    KaaDictEntry *e = advance(self);
    return e ? e->key : KAA_NULL;
}

static KaaValue valueiter_next(KaaValue self) {
    KaaDictEntry *e = advance(self);
    return e ? e->value : KAA_NULL;
}

static KaaValue itemiter_next(KaaValue self) { return item_of(advance(self)); }

static KaaValue rkeyiter_next(KaaValue self) {
    KaaDictEntry *e = advance_back(self);
    return e ? e->key : KAA_NULL;
}

static KaaValue rvalueiter_next(KaaValue self) {
    KaaDictEntry *e = advance_back(self);
    return e ? e->value : KAA_NULL;
}

static KaaValue ritemiter_next(KaaValue self) { return item_of(advance_back(self)); }

static KaaValue iter_self(KaaValue self) { return self; }

static KaaValue dictiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    DictIter *it = (DictIter *)kaa_obj(self);
    bool live = it->dict != NULL && it->used == it->dict->used;
    return kaa_from_small(live ? it->len : 0);
}

static const KaaMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, 0, "Private method returning an estimate of "
                                                 "len(list(it))."},
    {NULL},
};

#define DICT_ITER_TYPE(cname, pyname, nextfn)                                                 \
    KaaType kaa_##cname##_type = {                                                            \
        .ob = {&kaa_type_type},                                                               \
        .name = pyname,                                                                       \
        .instance_size = sizeof(DictIter),                                                    \
        .iter = iter_self,                                                                    \
        .next = nextfn,                                                                       \
        .methods = dictiter_methods,                                                          \
    }

DICT_ITER_TYPE(dict_keyiterator, "dict_keyiterator", keyiter_next);
DICT_ITER_TYPE(dict_valueiterator, "dict_valueiterator", valueiter_next);
DICT_ITER_TYPE(dict_itemiterator, "dict_itemiterator", itemiter_next);
DICT_ITER_TYPE(dict_reversekeyiterator, "dict_reversekeyiterator", rkeyiter_next);
DICT_ITER_TYPE(dict_reversevalueiterator, "dict_reversevalueiterator", rvalueiter_next);
DICT_ITER_TYPE(dict_reverseitemiterator, "dict_reverseitemiterator", ritemiter_next);

// ---- views: common slots --------------------------------------------------------------------

static int64_t view_len(KaaValue self) { return view_dict(self)->used; }

static KaaValue keys_iter(KaaValue self) {
    return kaa_dictiter_new(view_dict(self), &kaa_dict_keyiterator_type);
}

static KaaValue values_iter(KaaValue self) {
    return kaa_dictiter_new(view_dict(self), &kaa_dict_valueiterator_type);
}

static KaaValue items_iter(KaaValue self) {
    return kaa_dictiter_new(view_dict(self), &kaa_dict_itemiterator_type);
}

static KaaValue view_repr_body(KaaValue self) {
    KaaValue list = kaa_list_from_iterable(self);
    return kaa_str_printf("%s(%R)", kaa_type_of(self)->name, list);
}

static KaaValue view_repr(KaaValue self) {
    check_depth(WHILE_REPR);
    return guarded_repr(self, kaa_str_from_ascii("...", 3), view_repr_body);
}

static int keys_contains(KaaValue self, KaaValue key) {
    return kaa_dict_get(view_dict(self), key) != KAA_NULL;
}

static int items_contains(KaaValue self, KaaValue item) {
    if (!kaa_is_tuple(item) || kaa_tuple(item)->len != 2) {
        return 0;
    }
    KaaValue key = kaa_tuple(item)->items[0], value = kaa_tuple(item)->items[1];
    KaaValue found = kaa_dict_get(view_dict(self), key);
    return found != KAA_NULL && items_same(found, value);
}

static KaaValue view_mapping(KaaValue self) {
    return kaa_mappingproxy_new(kaa_from_obj(view_dict(self)));
}

static KaaValue view_reversed(KaaValue self, KaaType *type, KaaTuple *kw, size_t nargs,
                              const char *name) {
    args_none(name, nargs, kw);
    return kaa_dictiter_new(view_dict(self), type);
}

static KaaValue keys_reversed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return view_reversed(self, &kaa_dict_reversekeyiterator_type, kw, nargs,
                         "dict_keys.__reversed__");
}

static KaaValue values_reversed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return view_reversed(self, &kaa_dict_reversevalueiterator_type, kw, nargs,
                         "dict_values.__reversed__");
}

static KaaValue items_reversed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return view_reversed(self, &kaa_dict_reverseitemiterator_type, kw, nargs,
                         "dict_items.__reversed__");
}

// ---- set-like views: comparison and operators -----------------------------------------------

// Every item of `a` is in `b` (both sized iterables with `in`).
static bool all_contained_in(KaaValue a, KaaValue b) {
    KaaValue it = kaa_iter(a);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        if (!kaa_contains(b, v)) {
            return false;
        }
    }
    return true;
}

// Keys and items views compare like sets with sets and other set-like views.
static KaaValue view_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_anyset(b) && !is_setlike_view(b)) {
        return kaa_NotImplemented;
    }
    int64_t la = kaa_len(a), lb = kaa_len(b);
    bool ok = false;
    switch (op) {
    case KAA_EQ:
    case KAA_NE:
        ok = la == lb && all_contained_in(a, b);
        return kaa_bool(op == KAA_EQ ? ok : !ok);
    case KAA_LT: ok = la < lb && all_contained_in(a, b); break;
    case KAA_LE: ok = la <= lb && all_contained_in(a, b); break;
    case KAA_GT: ok = la > lb && all_contained_in(b, a); break;
    default: ok = la >= lb && all_contained_in(b, a); break;
    }
    return kaa_bool(ok);
}

// set(v): a keys view of an exact dict goes through the dict itself, whose size the set
// update knows up front (which decides the set's table size, hence its order).
static KaaSet *view_to_set(KaaValue v) {
    KaaSet *s = kaa_set_new(&kaa_set_type);
    if (kaa_is_type(v, &kaa_dict_keys_type) && kaa_is_type(kaa_from_obj(view_dict(v)),
                                                           &kaa_dict_type)) {
        v = kaa_from_obj(view_dict(v));
    }
    kaa_set_update(s, v);
    return s;
}

// The set operators: the result is a set of the left operand's items updated with the
// right operand (either side may be the view: the slot sees both orders).
static KaaValue view_or(KaaValue a, KaaValue b) {
    KaaSet *s = view_to_set(a);
    kaa_set_update(s, b);
    return kaa_from_obj(s);
}

static KaaValue view_sub(KaaValue a, KaaValue b) {
    KaaSet *s = view_to_set(a);
    kaa_set_difference_update(s, b);
    return kaa_from_obj(s);
}

static int view_contains(KaaValue view, KaaValue v) {
    return kaa_is_type(view, &kaa_dict_keys_type) ? keys_contains(view, v)
                                                  : items_contains(view, v);
}

// view & other: an exact set at least as big does the work itself; otherwise the smaller
// side is walked and membership asked of the view.
static KaaValue view_and(KaaValue a, KaaValue b) {
    if (!is_setlike_view(a)) {  // reflected: the view is on the right
        KaaValue t = a;
        a = b;
        b = t;
    }
    int64_t la = view_len(a);
    if (kaa_is_type(b, &kaa_set_type) && la <= kaa_len(b)) {
        return kaa_set_intersection(b, a);
    }
    if (is_setlike_view(b) && view_len(b) > la) {  // iterate over the smaller view
        KaaValue t = a;
        a = b;
        b = t;
    }
    KaaSet *s = kaa_set_new(&kaa_set_type);
    KaaValue it = kaa_iter(b);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        if (view_contains(a, v)) {
            kaa_set_add(s, v);
        }
    }
    return kaa_from_obj(s);
}

// items ^ items, as CPython builds it: pairs of b not matched in a, then a's unmatched rest.
static KaaValue items_xor(KaaDict *a, KaaDict *b) {
    KaaDict *rest = kaa_dict_copy(a);
    KaaSet *s = kaa_set_new(&kaa_set_type);
    KaaValue k, v2;
    for (int64_t pos = 0; kaa_dict_next(b, &pos, &k, &v2);) {
        int64_t hash = container_hash(k);
        KaaValue v1 = kaa_dict_get_hashed(rest, k, hash);
        if (v1 != KAA_NULL && items_same(v1, v2)) {
            kaa_dict_del(rest, k);
        } else {
            kaa_set_add(s, kaa_from_obj(kaa_tuple_pack(2, k, v2)));
        }
    }
    kaa_set_update(s, kaa_dictview_new(rest, &kaa_dict_items_type));
    return kaa_from_obj(s);
}

static KaaValue view_xor(KaaValue a, KaaValue b) {
    if (kaa_is_type(a, &kaa_dict_items_type) && kaa_is_type(b, &kaa_dict_items_type)) {
        return items_xor(view_dict(a), view_dict(b));
    }
    KaaSet *s = view_to_set(a);
    kaa_set_symmetric_update(s, b);
    return kaa_from_obj(s);
}

static KaaValue view_isdisjoint_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one(kaa_is_type(self, &kaa_dict_keys_type) ? "dict_keys.isdisjoint"
                                                     : "dict_items.isdisjoint", nargs, kw);
    KaaValue other = args[0], container = self;
    if (other == self) {
        return kaa_bool(view_len(self) == 0);
    }
    // Iterate over the shorter one, when the other's `in` is cheap (a set or a view).
    if ((kaa_is_anyset(other) || is_setlike_view(other)) && kaa_len(other) > view_len(self)) {
        container = other;
        other = self;
    }
    KaaValue it = kaa_iter(other);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        if (kaa_contains(container, v)) {
            return kaa_False;
        }
    }
    return kaa_True;
}

// ---- the three view types -------------------------------------------------------------------

static const KaaGetSetDef view_getsets[] = {
    {"mapping", view_mapping, NULL, "dictionary that this view refers to"},
    {NULL},
};

static const KaaMethodDef keys_methods[] = {
    {"isdisjoint", view_isdisjoint_m, 0, "Return True if the view and the given iterable have "
                                         "a null intersection."},
    {"__reversed__", keys_reversed_m, 0, "Return a reverse iterator over the dict keys."},
    {NULL},
};

static const KaaMethodDef items_methods[] = {
    {"isdisjoint", view_isdisjoint_m, 0, "Return True if the view and the given iterable have "
                                         "a null intersection."},
    {"__reversed__", items_reversed_m, 0, "Return a reverse iterator over the dict items."},
    {NULL},
};

static const KaaMethodDef values_methods[] = {
    {"__reversed__", values_reversed_m, 0, "Return a reverse iterator over the dict values."},
    {NULL},
};

#define SETLIKE_BINARY                                                                        \
    {[KAA_OP_AND] = view_and, [KAA_OP_OR] = view_or, [KAA_OP_SUB] = view_sub,                 \
     [KAA_OP_XOR] = view_xor}

KaaType kaa_dict_keys_type = {
    .ob = {&kaa_type_type},
    .name = "dict_keys",
    .instance_size = sizeof(DictView),
    .repr = view_repr,
    .richcompare = view_richcompare,
    .iter = keys_iter,
    .binary = SETLIKE_BINARY,
    .len = view_len,
    .contains = keys_contains,
    .methods = keys_methods,
    .getsets = view_getsets,
};

KaaType kaa_dict_items_type = {
    .ob = {&kaa_type_type},
    .name = "dict_items",
    .instance_size = sizeof(DictView),
    .repr = view_repr,
    .richcompare = view_richcompare,
    .iter = items_iter,
    .binary = SETLIKE_BINARY,
    .len = view_len,
    .contains = items_contains,
    .methods = items_methods,
    .getsets = view_getsets,
};

KaaType kaa_dict_values_type = {
    .ob = {&kaa_type_type},
    .name = "dict_values",
    .instance_size = sizeof(DictView),
    .repr = view_repr,
    .iter = values_iter,
    .len = view_len,
    .methods = values_methods,
    .getsets = view_getsets,
};

// ---- mappingproxy ---------------------------------------------------------------------------

typedef struct MappingProxy {
    KaaObject ob;
    KaaValue mapping;
} MappingProxy;

static inline KaaValue proxied(KaaValue v) { return ((MappingProxy *)kaa_obj(v))->mapping; }

static void check_mapping(KaaValue mapping) {
    KaaType *t = kaa_type_of(mapping);
    if (t->getitem == NULL || kaa_is_list(mapping) || kaa_is_tuple(mapping)) {
        kaa_raise_type_error("mappingproxy() argument must be a mapping, not %s",
                             kaa_argtype_name(mapping));
    }
}

KaaValue kaa_mappingproxy_new(KaaValue mapping) {
    MappingProxy *p = kaa_alloc(sizeof *p);
    p->ob.type = &kaa_mappingproxy_type;
    p->mapping = mapping;
    return kaa_from_obj(p);
}

static KaaValue mp_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"mapping", NULL};
    KaaValue mapping;
    kaa_args_bind("mappingproxy", args, nargs, kwnames, params, 0, 1, &mapping);
    check_mapping(mapping);
    return kaa_mappingproxy_new(mapping);
}

static KaaValue mp_getitem(KaaValue self, KaaValue key) {
    return kaa_getitem(proxied(self), key);
}

static int mp_contains(KaaValue self, KaaValue key) {
    KaaValue m = proxied(self);
    if (kaa_is_type(m, &kaa_dict_type)) {
        return kaa_dict_get(kaa_dict(m), key) != KAA_NULL;
    }
    return kaa_contains(m, key);
}

static int64_t mp_len(KaaValue self) { return kaa_len(proxied(self)); }
static KaaValue mp_iter(KaaValue self) { return kaa_iter(proxied(self)); }
static KaaValue mp_str(KaaValue self) { return kaa_to_str(proxied(self)); }

static KaaValue mp_repr(KaaValue self) {
    return kaa_str_printf("mappingproxy(%R)", proxied(self));
}

static KaaValue mp_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_type(a, &kaa_mappingproxy_type)) {
        return kaa_NotImplemented;
    }
    return kaa_richcompare(proxied(a), b, op);
}

// proxy | x and x | proxy work on the underlying mapping; |= is refused (read-only).
static KaaValue mp_or(KaaValue a, KaaValue b) {
    if (kaa_is_type(a, &kaa_mappingproxy_type)) {
        a = proxied(a);
    }
    if (kaa_is_type(b, &kaa_mappingproxy_type)) {
        b = proxied(b);
    }
    return kaa_binary_op(a, b, KAA_OP_OR);
}

static KaaValue mp_ior(KaaValue a, KaaValue b) {
    kaa_raise_type_error("'|=' is not supported by %s; use '|' instead", kaa_type_name_of(a));
}

// Methods that forward to the mapping's own method of the same name.
static KaaValue forward(KaaValue self, const char *name, KaaValue *args, size_t nargs) {
    return kaa_call(kaa_getattr_cstr(proxied(self), name), args, nargs, NULL);
}

static KaaValue mp_get_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("mappingproxy.get", "get", nargs, kw, 1, 2);
    return forward(self, "get", args, nargs);
}

static KaaValue mp_keys_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("mappingproxy.keys", nargs, kw);
    return forward(self, "keys", NULL, 0);
}

static KaaValue mp_values_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("mappingproxy.values", nargs, kw);
    return forward(self, "values", NULL, 0);
}

static KaaValue mp_items_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("mappingproxy.items", nargs, kw);
    return forward(self, "items", NULL, 0);
}

static KaaValue mp_copy_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("mappingproxy.copy", nargs, kw);
    return forward(self, "copy", NULL, 0);
}

static KaaValue mp_reversed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("mappingproxy.__reversed__", nargs, kw);
    return forward(self, "__reversed__", NULL, 0);
}

static const KaaMethodDef mp_methods[] = {
    {"get", mp_get_m, 0, "Return the value for key if key is in the mapping, else default."},
    {"keys", mp_keys_m, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", mp_values_m, 0, "D.values() -> an object providing a view on D's values"},
    {"items", mp_items_m, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"copy", mp_copy_m, 0, "D.copy() -> a shallow copy of D"},
    {"__reversed__", mp_reversed_m, 0, "D.__reversed__() -> reverse iterator"},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

KaaType kaa_mappingproxy_type = {
    .ob = {&kaa_type_type},
    .name = "mappingproxy",
    .flags = KAA_TPFLAG_MAPPING,
    .instance_size = sizeof(MappingProxy),
    .repr = mp_repr,
    .str = mp_str,
    .richcompare = mp_richcompare,
    .iter = mp_iter,
    .binary = {[KAA_OP_OR] = mp_or},
    .inplace = {[KAA_OP_OR] = mp_ior},
    .len = mp_len,
    .getitem = mp_getitem,
    .contains = mp_contains,
    .new_ = mp_new,
    .methods = mp_methods,
};
