// modules/weakref.c — the _weakref module: weakref.ref (ReferenceType), the proxies
// (ProxyType, CallableProxyType), getweakrefcount, getweakrefs, _remove_dead_weakref.
//
// Stage: modules. Owns the weak reference objects and the side table that lists, per
// referent, the weak references pointing at it. It must not run Python code from inside the
// collector: a referent that dies only queues its callbacks, which run at the next safe point
// (kaa_weakref_run_pending: gc.collect(), the creation of a weak reference, or the VM's
// pending-work check).
//
// How it works. A reference holds its referent through a disappearing link (kaa_weak_set):
// the collector clears the link when the referent becomes unreachable, so ref() answers None
// from then on. CPython keeps a list of references inside each referent; kaa objects have no
// room for it, so a table maps the referent's address to a WeakList record, which holds the
// references themselves through disappearing links too (a reference nobody holds dies and
// its callback is not called, as in CPython). When a reference with a callback is made, the
// referent gets a collector finalizer that queues its record on death. Statically allocated
// objects (built-in types) never die and are held directly.
#include "modules/modules.h"
#include "vm/vm.h"

// ---- the reference object -------------------------------------------------------------------

typedef struct KaaWeakRef {
    KaaObject ob;
    void *link;         // the referent, hidden from the collector (kaa_weak_set)
    KaaValue strong;    // the referent when it is a static object that never dies
    KaaValue callback;  // KAA_NULL: none (or already called)
    int64_t hash;
    bool hashed;
} KaaWeakRef;

static KaaWeakRef *wref(KaaValue v) { return (KaaWeakRef *)kaa_obj(v); }

static KaaType ref_type, proxy_type, callable_proxy_type;

// The referent, or KAA_NULL once it is dead.
static KaaValue referent(KaaWeakRef *r) {
    if (r->strong != KAA_NULL) {
        return r->strong;
    }
    return kaa_from_obj(kaa_weak_get(&r->link));
}

bool kaa_weakref_check(KaaValue v) {
    return kaa_is_obj(v) && kaa_isinstance_exact_or_sub(v, &ref_type);
}

static bool is_proxy(KaaValue v) {
    return kaa_is_type(v, &proxy_type) || kaa_is_type(v, &callable_proxy_type);
}

KaaValue kaa_weakref_get(KaaValue ref) { return referent(wref(ref)); }

// ---- which objects may be weakly referenced ---------------------------------------------------
// CPython decides by tp_weaklistoffset. kaa keeps the references in a side table, so a
// built-in type says "yes" by a nonzero weaklist_offset (a flag here, never an offset), or by
// being one of the core types listed below.

static bool static_type_weakrefable(KaaType *t) {
    static KaaType *const core[] = {
        &kaa_type_type, &kaa_function_type, &kaa_set_type, &kaa_frozenset_type,
        &kaa_code_type, &kaa_method_type, &kaa_cfunction_type, &kaa_module_type,
        &kaa_generator_type, &kaa_coroutine_type, &kaa_async_generator_type,
        &kaa_memoryview_type, &kaa_generic_alias_type,
    };
    for (; t != NULL; t = t->base) {
        if (t->weaklist_offset != 0) {
            return true;
        }
        for (size_t i = 0; i < sizeof core / sizeof core[0]; i++) {
            if (t == core[i]) {
                return true;
            }
        }
    }
    return false;
}

// A class's instances are weakly referenceable when a class of its mro has no __slots__ (it
// got __weakref__) or lists "__weakref__" there, unless the built-in base has items of
// variable size in CPython (int, tuple, bytes), or when its built-in base is weakrefable.
static bool type_weakrefable(KaaType *t) {
    if (!kaa_type_has(t, KAA_TPFLAG_HEAPTYPE)) {
        return static_type_weakrefable(t);
    }
    KaaType *solid = t;
    while (kaa_type_has(solid, KAA_TPFLAG_HEAPTYPE)) {
        solid = solid->base;
    }
    if (static_type_weakrefable(solid)) {
        return true;
    }
    if (kaa_is_subtype(solid, &kaa_int_type) || kaa_is_subtype(solid, &kaa_tuple_type) ||
        kaa_is_subtype(solid, &kaa_bytes_type)) {
        return false;
    }
    KaaTuple *mro = t->mro;
    for (int64_t i = 0; i < mro->len; i++) {
        KaaType *c = (KaaType *)kaa_obj(mro->items[i]);
        if (!kaa_type_has(c, KAA_TPFLAG_HEAPTYPE)) {
            continue;
        }
        if (kaa_dict_get_str(c->dict, KAA_ID(__slots__)) == KAA_NULL ||
            kaa_dict_get_str(c->dict, KAA_ID(__weakref__)) != KAA_NULL) {
            return true;
        }
    }
    return false;
}

// Objects that are not collector memory: built-in static types (heap-allocated types carry
// the HEAPTYPE flag).
static bool is_static_object(KaaValue obj) {
    KaaType *t = kaa_type_of(obj);
    return kaa_type_has(t, KAA_TPFLAG_TYPE_SUBCLASS) &&
           !kaa_type_has((KaaType *)kaa_obj(obj), KAA_TPFLAG_HEAPTYPE);
}

static void check_weakrefable(KaaValue obj) {
    if (!kaa_is_obj(obj) || !type_weakrefable(kaa_type_of(obj))) {
        kaa_raise_type_error("cannot create weak reference to '%s' object",
                             kaa_type_name_of(obj));
    }
}

// ---- the per-referent lists ---------------------------------------------------------------------

typedef struct WeakNode {
    void *ref;  // the KaaWeakRef, through a disappearing link
    struct WeakNode *next;
} WeakNode;

typedef struct WeakList {
    void *link;       // the referent (disappearing link), to tell a reused address apart
    KaaValue strong;  // static referents
    WeakNode *head;   // newest callback references first, after the basic ref and proxy
    bool finalizer;   // the referent has our finalizer
    bool dead;        // the finalizer ran: the record is queued or done
    struct WeakList *next_pending;
} WeakList;

// Address of the referent -> WeakList. The key is the bitwise complement of the address as
// an int: neither the key nor its hash looks like a pointer to the conservative collector.
static KaaDict *lists;
static int64_t lists_limit = 64;  // prune dead records when the table grows past this
static WeakList *pending;
volatile int kaa_weakref_pending;

static KaaValue list_key(KaaValue obj) {
    return kaa_from_small(~(int64_t)(uintptr_t)kaa_obj(obj));
}

static KaaValue list_referent(WeakList *wl) {
    if (wl->strong != KAA_NULL) {
        return wl->strong;
    }
    return wl->dead ? KAA_NULL : kaa_from_obj(kaa_weak_get(&wl->link));
}

// Drops the records of referents that died without a finalizer (no callbacks).
static void prune_lists(void) {
    KaaList *dead = kaa_list_new(0);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(lists, &pos, &k, &v)) {
        if (list_referent((WeakList *)kaa_obj(v)) == KAA_NULL) {
            kaa_list_append(dead, k);
        }
    }
    for (int64_t i = 0; i < dead->len; i++) {
        kaa_dict_del(lists, dead->items[i]);
    }
    lists_limit = 2 * (lists->used > 32 ? lists->used : 32);
}

// The record of obj, or NULL when it has none (create false).
static WeakList *find_list(KaaValue obj, bool create) {
    KaaValue key = list_key(obj);
    KaaValue v = kaa_dict_get(lists, key);
    WeakList *wl = v != KAA_NULL ? (WeakList *)kaa_obj(v) : NULL;
    if (wl != NULL && list_referent(wl) == obj) {
        return wl;
    }
    if (!create) {
        return NULL;
    }
    if (lists->used >= lists_limit) {
        prune_lists();
    }
    wl = kaa_alloc(sizeof *wl);
    if (is_static_object(obj)) {
        wl->strong = obj;
    } else {
        kaa_weak_set(&wl->link, kaa_obj(obj));
    }
    kaa_dict_set(lists, key, kaa_from_obj(wl));
    return wl;
}

static KaaWeakRef *node_ref(WeakNode *n) { return (KaaWeakRef *)kaa_weak_get(&n->ref); }

// Unlinks the nodes whose reference object died.
static void drop_dead_nodes(WeakList *wl) {
    WeakNode **p = &wl->head;
    while (*p != NULL) {
        if (node_ref(*p) == NULL) {
            kaa_weak_clear(&(*p)->ref);
            *p = (*p)->next;
        } else {
            p = &(*p)->next;
        }
    }
}

// The basic reference (no callback, exact type) of `type`, if obj has one alive.
static KaaWeakRef *find_basic(WeakList *wl, KaaType *type) {
    for (WeakNode *n = wl->head; n != NULL; n = n->next) {
        KaaWeakRef *r = node_ref(n);
        if (r != NULL && r->ob.type == type && r->callback == KAA_NULL) {
            return r;
        }
    }
    return NULL;
}

static bool is_basic(KaaWeakRef *r) {
    return r->callback == KAA_NULL && (r->ob.type == &ref_type || is_proxy(kaa_from_obj(r)));
}

// CPython's list order: the basic ref, then the basic proxy, then the others newest first.
static void insert_node(WeakList *wl, KaaWeakRef *r) {
    WeakNode *node = kaa_alloc(sizeof *node);
    kaa_weak_set(&node->ref, r);
    WeakNode **p = &wl->head;
    if (!(r->callback == KAA_NULL && r->ob.type == &ref_type)) {
        while (*p != NULL && node_ref(*p) != NULL && is_basic(node_ref(*p))) {
            p = &(*p)->next;
        }
    }
    node->next = *p;
    *p = node;
}

// The collector found the referent unreachable: queue its callbacks. Runs inside an
// allocation, so it only links the record (no allocation, no Python code).
static void on_referent_dead(void *obj, void *data) {
    WeakList *wl = data;
    wl->dead = true;
    wl->next_pending = pending;
    pending = wl;
    kaa_weakref_pending = 1;
    kaa_eval_breaker = 1;
}

// "Exception ignored in: <obj>" and the traceback, on sys.stderr (CPython's unraisable hook).
static void report_unraisable(KaaValue where, KaaValue exc) {
    KaaValue err = kaa_sys_get("stderr");
    if (err != KAA_NULL && err != kaa_None) {
        kaa_file_write_str(err, kaa_str_printf("Exception ignored in: %R\n", where));
    }
    kaa_print_exception(exc);
}

typedef struct {
    KaaValue callback, ref;
} CallbackCall;

static void call_callback(void *ud) {
    CallbackCall *c = ud;
    kaa_call1(c->callback, c->ref);
}

static void run_callbacks(WeakList *wl) {
    KaaList *refs = kaa_list_new(0);
    for (WeakNode *n = wl->head; n != NULL; n = n->next) {
        KaaWeakRef *r = node_ref(n);
        if (r != NULL && r->callback != KAA_NULL) {
            kaa_list_append(refs, kaa_from_obj(r));
        }
    }
    for (int64_t i = 0; i < refs->len; i++) {
        KaaWeakRef *r = wref(refs->items[i]);
        CallbackCall c = {r->callback, refs->items[i]};
        r->callback = KAA_NULL;
        KaaValue exc = kaa_protect(call_callback, &c);
        if (exc != KAA_NULL) {
            report_unraisable(c.callback, exc);
        }
    }
}

void kaa_weakref_run_pending(void) {
    while (pending != NULL) {
        WeakList *wl = pending;
        pending = wl->next_pending;
        wl->next_pending = NULL;
        run_callbacks(wl);
    }
    kaa_weakref_pending = 0;
}

// Makes a new reference of `type` to obj (or returns the shared basic one).
static KaaValue new_ref(KaaType *type, KaaValue obj, KaaValue callback) {
    kaa_weakref_types_ready();
    check_weakrefable(obj);
    if (callback == kaa_None) {
        callback = KAA_NULL;
    }
    WeakList *wl = find_list(obj, true);
    drop_dead_nodes(wl);
    bool basic_type = type == &ref_type || type == &proxy_type || type == &callable_proxy_type;
    if (callback == KAA_NULL && basic_type) {
        KaaWeakRef *r = find_basic(wl, type);
        if (r != NULL) {
            return kaa_from_obj(r);
        }
    }
    KaaWeakRef *r = (KaaWeakRef *)kaa_obj(kaa_instance_alloc(type, 0));
    if (wl->strong != KAA_NULL) {
        r->strong = obj;
    } else {
        kaa_weak_set(&r->link, kaa_obj(obj));
    }
    r->callback = callback;
    insert_node(wl, r);
    if (callback != KAA_NULL && !wl->finalizer && wl->strong == KAA_NULL) {
        wl->finalizer = true;
        kaa_alloc_finalizer(kaa_obj(obj), on_referent_dead, wl);
    }
    return kaa_from_obj(r);
}

KaaValue kaa_weakref_new(KaaValue obj, KaaValue callback) {
    return new_ref(&ref_type, obj, callback ? callback : KAA_NULL);
}

// ---- ReferenceType ---------------------------------------------------------------------------

// Python-level constructors are safe points: callbacks queued by the collector run here too
// (C callers of kaa_weakref_new never see Python code run).
static void run_pending_here(void) {
    if (kaa_weakref_pending) {
        kaa_weakref_run_pending();
    }
}

static KaaValue ref_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("__new__", nargs, 1, 2);
    run_pending_here();
    return new_ref(type, args[0], nargs > 1 ? args[1] : KAA_NULL);
}

static void ref_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("ref() takes no keyword arguments");
    }
    kaa_args_count("__init__", nargs, 1, 2);
}

static KaaValue ref_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("weakref() takes no keyword arguments");
    }
    if (nargs != 0) {
        kaa_raise_type_error("weakref expected 0 arguments, got %zu", nargs);
    }
    KaaValue obj = referent(wref(self));
    return obj == KAA_NULL ? kaa_None : obj;
}

static int64_t ref_hash(KaaValue self) {
    KaaWeakRef *r = wref(self);
    if (r->hashed) {
        return r->hash;
    }
    KaaValue obj = referent(r);
    if (obj == KAA_NULL) {
        kaa_raise_type_error("weak object has gone away");
    }
    r->hash = kaa_hash(obj);
    r->hashed = true;
    return r->hash;
}

static KaaValue ref_richcompare(KaaValue a, KaaValue b, int op) {
    if ((op != KAA_EQ && op != KAA_NE) || !kaa_weakref_check(b)) {
        return kaa_NotImplemented;
    }
    KaaValue x = referent(wref(a)), y = referent(wref(b));
    if (x == KAA_NULL || y == KAA_NULL) {
        return kaa_bool((a == b) == (op == KAA_EQ));
    }
    return kaa_richcompare(x, y, op);
}

static KaaValue ref_repr(KaaValue self) {
    KaaValue obj = referent(wref(self));
    void *p = kaa_obj(self);
    if (obj == KAA_NULL) {
        return kaa_str_printf("<weakref at %p; dead>", p);
    }
    volatile KaaValue name = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        name = kaa_getattr_opt(obj, KAA_ID(__name__));
        kaa_handler_pop(&h);
    } else {
        kaa_ts.frame = h.frame;
        if (!kaa_exc_matches(h.exc, kaa_AttributeError)) {
            kaa_reraise(h.exc);
        }
    }
    const char *tname = kaa_type_name_of(obj);
    if (name == KAA_NULL || !kaa_is_str(name)) {
        return kaa_str_printf("<weakref at %p; to '%s' at %p>", p, tname, kaa_obj(obj));
    }
    return kaa_str_printf("<weakref at %p; to '%s' at %p (%S)>", p, tname, kaa_obj(obj), name);
}

static KaaValue ref_get_callback(KaaValue self) {
    KaaValue cb = wref(self)->callback;
    return cb == KAA_NULL ? kaa_None : cb;
}

static const KaaGetSetDef ref_getsets[] = {
    {"__callback__", ref_get_callback, NULL, NULL},
    {NULL},
};

static const KaaMethodDef ref_methods[] = {
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static KaaType ref_type = {
    .ob = {&kaa_type_type},
    .name = "weakref.ReferenceType",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaWeakRef),
    .repr = ref_repr,
    .hash = ref_hash,
    .richcompare = ref_richcompare,
    .call = ref_call,
    .new_ = ref_new,
    .init = ref_init,
    .getsets = ref_getsets,
    .methods = ref_methods,
};

// ---- ProxyType and CallableProxyType -----------------------------------------------------------
// Every operation goes to the referent; a dead referent raises ReferenceError.

static KaaValue proxy_target(KaaValue self) {
    KaaValue obj = referent(wref(self));
    if (obj == KAA_NULL) {
        kaa_raise_msg(kaa_ReferenceError, "weakly-referenced object no longer exists");
    }
    return obj;
}

static KaaValue unwrap(KaaValue v) { return is_proxy(v) ? proxy_target(v) : v; }

static KaaValue proxy_repr(KaaValue self) {
    KaaValue obj = referent(wref(self));
    return kaa_str_printf("<weakproxy at %p to %s at %p>", kaa_obj(self),
                          obj == KAA_NULL ? "NoneType" : kaa_type_name_of(obj),
                          obj == KAA_NULL ? (void *)&kaa_none_obj : kaa_obj(obj));
}

static KaaValue proxy_str(KaaValue self) { return kaa_to_str(proxy_target(self)); }

static KaaValue proxy_getattr(KaaValue self, KaaValue name) {
    return kaa_getattr(proxy_target(self), name);
}

static void proxy_setattr(KaaValue self, KaaValue name, KaaValue value) {
    kaa_setattr(proxy_target(self), name, value);
}

static KaaValue proxy_richcompare(KaaValue a, KaaValue b, int op) {
    return kaa_richcompare(unwrap(a), unwrap(b), op);
}

static KaaValue proxy_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_call(proxy_target(self), args, nargs, kwnames);
}

static KaaValue proxy_iter(KaaValue self) { return kaa_iter(proxy_target(self)); }

static KaaValue proxy_next(KaaValue self) {
    KaaValue obj = proxy_target(self);
    if (kaa_type_of(obj)->next == NULL) {
        kaa_raise_type_error("Weakref proxy referenced a non-iterator '%s' object",
                             kaa_type_name_of(obj));
    }
    return kaa_next(obj);
}

static int64_t proxy_len(KaaValue self) { return kaa_len(proxy_target(self)); }
static int proxy_truth(KaaValue self) { return kaa_truthy(proxy_target(self)); }

static KaaValue proxy_getitem(KaaValue self, KaaValue key) {
    return kaa_getitem(proxy_target(self), key);
}

static void proxy_setitem(KaaValue self, KaaValue key, KaaValue value) {
    KaaValue obj = proxy_target(self);
    if (value == KAA_NULL) {
        kaa_delitem(obj, key);
    } else {
        kaa_setitem(obj, key, value);
    }
}

static int proxy_contains(KaaValue self, KaaValue item) {
    return kaa_contains(proxy_target(self), item);
}

#define PROXY_BINARY(op)                                                           \
    static KaaValue proxy_bin_##op(KaaValue a, KaaValue b) {                       \
        return kaa_binary_op(unwrap(a), unwrap(b), op);                            \
    }                                                                              \
    KAA_UNUSED static KaaValue proxy_inplace_##op(KaaValue a, KaaValue b) {        \
        return kaa_inplace_op(unwrap(a), unwrap(b), op);                           \
    }
PROXY_BINARY(KAA_OP_ADD)
PROXY_BINARY(KAA_OP_AND)
PROXY_BINARY(KAA_OP_FLOORDIV)
PROXY_BINARY(KAA_OP_LSHIFT)
PROXY_BINARY(KAA_OP_MATMUL)
PROXY_BINARY(KAA_OP_MUL)
PROXY_BINARY(KAA_OP_MOD)
PROXY_BINARY(KAA_OP_OR)
PROXY_BINARY(KAA_OP_POW)
PROXY_BINARY(KAA_OP_RSHIFT)
PROXY_BINARY(KAA_OP_SUB)
PROXY_BINARY(KAA_OP_TRUEDIV)
PROXY_BINARY(KAA_OP_XOR)
PROXY_BINARY(KAA_OP_DIVMOD)

static KaaValue proxy_power3(KaaValue a, KaaValue b, KaaValue mod) {
    return kaa_power3(unwrap(a), unwrap(b), unwrap(mod));
}

static KaaValue proxy_neg(KaaValue self) { return kaa_neg(proxy_target(self)); }
static KaaValue proxy_pos(KaaValue self) { return kaa_pos(proxy_target(self)); }
static KaaValue proxy_abs(KaaValue self) { return kaa_abs(proxy_target(self)); }
static KaaValue proxy_invert(KaaValue self) { return kaa_invert(proxy_target(self)); }
static KaaValue proxy_int(KaaValue self) { return kaa_number_int(proxy_target(self)); }
static KaaValue proxy_float(KaaValue self) { return kaa_number_float(proxy_target(self)); }
static KaaValue proxy_index(KaaValue self) { return kaa_index(proxy_target(self)); }

static KaaValue proxy_bytes(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__bytes__", nargs, 0, 0);
    return kaa_call1(kaa_from_obj(&kaa_bytes_type), proxy_target(self));
}

static KaaValue proxy_reversed(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__reversed__", nargs, 0, 0);
    return kaa_call1(kaa_from_obj(&kaa_reversed_type), proxy_target(self));
}

static const KaaMethodDef proxy_methods[] = {
    {"__bytes__", proxy_bytes, 0, NULL},
    {"__reversed__", proxy_reversed, 0, NULL},
    {NULL},
};

#define PROXY_SLOTS                                                                         \
    .instance_size = sizeof(KaaWeakRef), .repr = proxy_repr, .str = proxy_str,              \
    .richcompare = proxy_richcompare, .getattr = proxy_getattr, .setattr = proxy_setattr,   \
    .iter = proxy_iter, .next = proxy_next, .len = proxy_len, .truth = proxy_truth,         \
    .getitem = proxy_getitem, .setitem = proxy_setitem, .contains = proxy_contains,         \
    .power3 = proxy_power3, .neg = proxy_neg, .pos = proxy_pos, .abs = proxy_abs,           \
    .invert = proxy_invert, .to_int = proxy_int, .to_float = proxy_float,                   \
    .index = proxy_index, .methods = proxy_methods,                                         \
    .binary = {proxy_bin_KAA_OP_ADD, proxy_bin_KAA_OP_AND, proxy_bin_KAA_OP_FLOORDIV,       \
               proxy_bin_KAA_OP_LSHIFT, proxy_bin_KAA_OP_MATMUL, proxy_bin_KAA_OP_MUL,      \
               proxy_bin_KAA_OP_MOD, proxy_bin_KAA_OP_OR, proxy_bin_KAA_OP_POW,             \
               proxy_bin_KAA_OP_RSHIFT, proxy_bin_KAA_OP_SUB, proxy_bin_KAA_OP_TRUEDIV,     \
               proxy_bin_KAA_OP_XOR, proxy_bin_KAA_OP_DIVMOD},                              \
    .inplace = {proxy_inplace_KAA_OP_ADD, proxy_inplace_KAA_OP_AND,                         \
                proxy_inplace_KAA_OP_FLOORDIV, proxy_inplace_KAA_OP_LSHIFT,                 \
                proxy_inplace_KAA_OP_MATMUL, proxy_inplace_KAA_OP_MUL,                      \
                proxy_inplace_KAA_OP_MOD, proxy_inplace_KAA_OP_OR,                          \
                proxy_inplace_KAA_OP_POW, proxy_inplace_KAA_OP_RSHIFT,                      \
                proxy_inplace_KAA_OP_SUB, proxy_inplace_KAA_OP_TRUEDIV,                     \
                proxy_inplace_KAA_OP_XOR, NULL}

static KaaType proxy_type = {
    .ob = {&kaa_type_type},
    .name = "weakref.ProxyType",
    PROXY_SLOTS,
};

static KaaType callable_proxy_type = {
    .ob = {&kaa_type_type},
    .name = "weakref.CallableProxyType",
    .call = proxy_call,
    PROXY_SLOTS,
};

// ---- module functions ----------------------------------------------------------------------------

static KaaValue weakref_proxy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("proxy", kw);
    kaa_args_count("proxy", nargs, 1, 2);
    KaaValue obj = args[0];
    check_weakrefable(obj);
    run_pending_here();
    KaaType *t = kaa_callable(obj) ? &callable_proxy_type : &proxy_type;
    return new_ref(t, obj, nargs > 1 ? args[1] : KAA_NULL);
}

// The live references to obj, in CPython's order.
static KaaList *refs_of(KaaValue obj) {
    KaaList *out = kaa_list_new(0);
    if (!kaa_is_obj(obj) || lists == NULL) {
        return out;
    }
    WeakList *wl = find_list(obj, false);
    if (wl == NULL) {
        return out;
    }
    drop_dead_nodes(wl);
    for (WeakNode *n = wl->head; n != NULL; n = n->next) {
        KaaWeakRef *r = node_ref(n);
        if (r != NULL && referent(r) != KAA_NULL) {
            kaa_list_append(out, kaa_from_obj(r));
        }
    }
    return out;
}

KaaValue kaa_weakref_first(KaaValue obj) {
    KaaList *refs = refs_of(obj);
    return refs->len > 0 ? refs->items[0] : kaa_None;
}

static KaaValue weakref_getweakrefcount(KaaValue self, KaaValue *args, size_t nargs,
                                        KaaTuple *kw) {
    kaa_args_no_kw("_weakref.getweakrefcount", kw);
    kaa_args_count("_weakref.getweakrefcount", nargs, 1, 1);
    return kaa_from_small(refs_of(args[0])->len);
}

static KaaValue weakref_getweakrefs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("getweakrefs", kw);
    kaa_args_count("getweakrefs", nargs, 1, 1);
    return kaa_from_obj(refs_of(args[0]));
}

// _remove_dead_weakref(dict, key): deletes dict[key] if it is a dead reference.
static KaaValue weakref_remove_dead(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_remove_dead_weakref", kw);
    kaa_args_count("_remove_dead_weakref", nargs, 2, 2);
    if (!kaa_is_dict(args[0])) {
        kaa_raise_type_error("_remove_dead_weakref() argument 1 must be dict, not %s",
                             kaa_argtype_name(args[0]));
    }
    KaaDict *d = kaa_dict(args[0]);
    KaaValue v = kaa_dict_get(d, args[1]);
    if (v != KAA_NULL && kaa_weakref_check(v) && referent(wref(v)) == KAA_NULL) {
        kaa_dict_del(d, args[1]);
    }
    return kaa_None;
}

static const KaaMethodDef weakref_methods[] = {
    {"getweakrefcount", weakref_getweakrefcount, 0,
     "Return the number of weak references to 'object'."},
    {"getweakrefs", weakref_getweakrefs, 0,
     "Return a list of all weak reference objects pointing to 'object'."},
    {"proxy", weakref_proxy, 0, "Create a proxy object that weakly references 'object'."},
    {"_remove_dead_weakref", weakref_remove_dead, 0,
     "Atomically remove key from dict if it points to a dead weakref."},
    {NULL},
};

void kaa_weakref_types_ready(void) {
    if (lists == NULL) {
        lists = kaa_dict_new();
        kaa_type_ready(&ref_type);
        kaa_type_ready(&proxy_type);
        kaa_type_ready(&callable_proxy_type);
    }
}

KaaValue kaa_weakref_init(void) {
    kaa_pending_register(kaa_weakref_run_pending);
    kaa_weakref_types_ready();
    KaaValue m = kaa_module_new_cstr("_weakref");
    kaa_module_add_methods(m, weakref_methods);
    kaa_module_add(m, "ref", kaa_from_obj(&ref_type));
    kaa_module_add(m, "ReferenceType", kaa_from_obj(&ref_type));
    kaa_module_add(m, "ProxyType", kaa_from_obj(&proxy_type));
    kaa_module_add(m, "CallableProxyType", kaa_from_obj(&callable_proxy_type));
    return m;
}
