// objects/type.c — the `type` type: readying built-in types, the method resolution order,
// attribute lookup along it (with a global cache), and creating classes.
//
// Stage: objects. Owns KaaType's life cycle and instance layout (where a __dict__ and the
// __slots__ values live). Special-method slots are wired in slots.c.
#include <string.h>

#include "objects/slots.h"
#include "vm/vm.h"

static uint32_t next_version = 1;

// ---- lookup along the mro, with a cache -------------------------------------------------------
// A global direct-mapped cache keyed by (type version, interned name): attribute and special
// method lookups on hot paths cost one hash and two compares. A type's version changes when
// it or a base is modified (kaa_type_modified), which invalidates its entries.

#define CACHE_SIZE 4096
typedef struct {
    uint32_t version;
    KaaValue name;
    KaaValue value;
} CacheEntry;
static CacheEntry method_cache[CACHE_SIZE];

static KaaValue lookup_uncached(KaaType *type, KaaValue name) {
    KaaTuple *mro = type->mro;
    if (mro == NULL) {
        return type->dict ? kaa_dict_get_str(type->dict, name) : KAA_NULL;
    }
    for (int64_t i = 0; i < mro->len; i++) {
        KaaType *t = (KaaType *)kaa_obj(mro->items[i]);
        KaaValue v = kaa_dict_get_str(t->dict, name);
        if (v != KAA_NULL) {
            return v;
        }
    }
    return KAA_NULL;
}

KaaValue kaa_type_lookup(KaaType *type, KaaValue name) {
    if (!kaa_str(name)->interned || type->version == 0) {
        return lookup_uncached(type, name);
    }
    size_t h = ((size_t)type->version * 0x9E3779B1u ^ (size_t)(name >> 3)) & (CACHE_SIZE - 1);
    CacheEntry *e = &method_cache[h];
    if (e->version == type->version && e->name == name) {
        return e->value;
    }
    KaaValue v = lookup_uncached(type, name);
    e->version = type->version;
    e->name = name;
    e->value = v;
    return v;
}

static void add_subclass(KaaType *base, KaaType *sub) {
    if (base->subclasses == KAA_NULL) {
        base->subclasses = kaa_from_obj(kaa_list_new(0));
    }
    kaa_list_append(kaa_list(base->subclasses), kaa_from_obj(sub));
}

void kaa_type_modified(KaaType *type) {
    type->version = next_version++;
    if (type->subclasses != KAA_NULL) {
        KaaList *subs = kaa_list(type->subclasses);
        for (int64_t i = 0; i < subs->len; i++) {
            kaa_type_modified((KaaType *)kaa_obj(subs->items[i]));
        }
    }
}

bool kaa_is_subtype(KaaType *a, KaaType *b) {
    if (a == b || b == &kaa_object_type) {
        return true;
    }
    KaaTuple *mro = a->mro;
    if (mro == NULL) {
        for (KaaType *t = a->base; t != NULL; t = t->base) {
            if (t == b) {
                return true;
            }
        }
        return false;
    }
    for (int64_t i = 1; i < mro->len; i++) {
        if (kaa_obj(mro->items[i]) == (KaaObject *)b) {
            return true;
        }
    }
    return false;
}

bool kaa_isinstance_exact_or_sub(KaaValue v, KaaType *t) {
    return kaa_is_subtype(kaa_type_of(v), t);
}

static void add_subtype_getset(KaaType *t, const KaaGetSetDef *def);
static const KaaGetSetDef subtype_dict_def;

KaaValue kaa_type_name(KaaType *type) {
    if (type->name_obj == KAA_NULL) {
        const char *dot = strrchr(type->name, '.');
        type->name_obj = kaa_str_intern_cstr(dot ? dot + 1 : type->name);
    }
    return type->name_obj;
}

// ---- the mro (C3 linearisation) ---------------------------------------------------------------

static bool in_tail(KaaList *seq, KaaValue t) {
    for (int64_t i = 1; i < seq->len; i++) {
        if (seq->items[i] == t) {
            return true;
        }
    }
    return false;
}

static KAA_NORETURN void mro_conflict(KaaList **seqs, size_t n) {
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, "Cannot create a consistent method resolution\norder (MRO) for bases");
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (seqs[i]->len > 0) {
            kaa_strbuf_puts(&b, first ? " " : ", ");
            kaa_strbuf_puts(&b, ((KaaType *)kaa_obj(seqs[i]->items[0]))->name);
            first = false;
        }
    }
    kaa_raise(kaa_exc_new_msg(kaa_TypeError, kaa_strbuf_finish(&b)));
}

static KaaValue pick_head(KaaList **seqs, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (seqs[i]->len == 0) {
            continue;
        }
        KaaValue cand = seqs[i]->items[0];
        bool ok = true;
        for (size_t j = 0; j < n && ok; j++) {
            ok = !in_tail(seqs[j], cand);
        }
        if (ok) {
            return cand;
        }
    }
    return KAA_NULL;
}

static void remove_head(KaaList **seqs, size_t n, KaaValue head) {
    for (size_t i = 0; i < n; i++) {
        KaaList *s = seqs[i];
        if (s->len > 0 && s->items[0] == head) {
            memmove(s->items, s->items + 1, (size_t)(s->len - 1) * sizeof(KaaValue));
            s->len--;
        }
    }
}

static KaaTuple *compute_mro(KaaType *type) {
    KaaTuple *bases = type->bases;
    size_t n = (size_t)bases->len + 1;
    KaaList **seqs = kaa_alloc(n * sizeof(KaaList *));
    for (int64_t i = 0; i < bases->len; i++) {
        KaaTuple *bm = ((KaaType *)kaa_obj(bases->items[i]))->mro;
        seqs[i] = kaa_list_from_array(bm->items, (size_t)bm->len);
    }
    seqs[n - 1] = kaa_list_from_array(bases->items, (size_t)bases->len);
    for (int64_t i = 0; i < bases->len; i++) {
        for (int64_t j = i + 1; j < bases->len; j++) {
            if (bases->items[i] == bases->items[j]) {
                kaa_raise_type_error("duplicate base class %s",
                                     ((KaaType *)kaa_obj(bases->items[i]))->name);
            }
        }
    }
    KaaList *out = kaa_list_new(0);
    kaa_list_append(out, kaa_from_obj(type));
    for (;;) {
        bool empty = true;
        for (size_t i = 0; i < n; i++) {
            empty = empty && seqs[i]->len == 0;
        }
        if (empty) {
            break;
        }
        KaaValue head = pick_head(seqs, n);
        if (head == KAA_NULL) {
            mro_conflict(seqs, n - 1);
        }
        kaa_list_append(out, head);
        remove_head(seqs, n, head);
    }
    return kaa_tuple_from_array(out->items, (size_t)out->len);
}

// ---- readying built-in types ------------------------------------------------------------------

static void inherit_slots(KaaType *t, KaaType *b) {
    // hash and richcompare are inherited together: a type that compares its own way but
    // defines no hash is unhashable (list, dict, set), as in CPython.
    bool unhashable = t->richcompare != NULL && t->hash == NULL;
    // Every function pointer between `repr` and `finalize` is a slot; a NULL one is inherited.
    void **first = (void **)&t->repr, **last = (void **)&t->finalize;
    void **from = (void **)&b->repr;
    for (void **p = first; p <= last; p++, from++) {
        if (*p == NULL) {
            *p = *from;
        }
    }
    if (unhashable) {
        t->hash = NULL;
    }
}

static void add_method_defs(KaaType *t) {
    for (const KaaMethodDef *m = t->methods; m && m->name; m++) {
        KaaValue fn;
        KaaCFunction *cf = kaa_alloc(sizeof *cf);
        cf->def = m;
        cf->owner = t;
        cf->self = KAA_NULL;
        if (m->flags & KAA_METH_STATIC) {
            cf->ob.type = &kaa_cfunction_type;
            KaaStaticMethod *sm = kaa_alloc(sizeof *sm);
            sm->ob.type = &kaa_staticmethod_type;
            sm->func = kaa_from_obj(cf);
            fn = kaa_from_obj(sm);
        } else if (m->flags & KAA_METH_CLASS) {
            cf->ob.type = &kaa_classmethod_descr_type;
            fn = kaa_from_obj(cf);
        } else {
            cf->ob.type = &kaa_method_descr_type;
            fn = kaa_from_obj(cf);
        }
        kaa_dict_set(t->dict, kaa_str_intern_cstr(m->name), fn);
    }
}

static void add_getset_defs(KaaType *t) {
    for (const KaaGetSetDef *g = t->getsets; g && g->name; g++) {
        KaaDescr *d = kaa_alloc(sizeof *d);
        d->ob.type = &kaa_getset_descr_type;
        d->owner = t;
        d->name = kaa_str_intern_cstr(g->name);
        d->def = g;
        kaa_dict_set(t->dict, d->name, kaa_from_obj(d));
    }
    for (const KaaMemberDef *m = t->members; m && m->name; m++) {
        KaaDescr *d = kaa_alloc(sizeof *d);
        d->ob.type = &kaa_member_descr_type;
        d->owner = t;
        d->name = kaa_str_intern_cstr(m->name);
        d->def = m;
        d->offset = m->offset;
        kaa_dict_set(t->dict, d->name, kaa_from_obj(d));
    }
}

void kaa_type_ready(KaaType *t) {
    if (t->flags & KAA_TPFLAG_READY) {
        return;
    }
    if (t->ob.type == NULL) {
        t->ob.type = &kaa_type_type;
    }
    if (t->base == NULL && t != &kaa_object_type) {
        t->base = &kaa_object_type;
    }
    if (t->base != NULL) {
        kaa_type_ready(t->base);
        t->flags |= t->base->flags & (KAA_TPFLAG_INT_SUBCLASS | KAA_TPFLAG_FLOAT_SUBCLASS |
                                      KAA_TPFLAG_STR_SUBCLASS | KAA_TPFLAG_BYTES_SUBCLASS |
                                      KAA_TPFLAG_TUPLE_SUBCLASS | KAA_TPFLAG_LIST_SUBCLASS |
                                      KAA_TPFLAG_DICT_SUBCLASS | KAA_TPFLAG_EXC_SUBCLASS |
                                      KAA_TPFLAG_TYPE_SUBCLASS | KAA_TPFLAG_VAR_SIZE);
        inherit_slots(t, t->base);
        if (t->instance_size == 0) {
            t->instance_size = t->base->instance_size;
        }
        if (t->dict_offset == 0) {
            t->dict_offset = t->base->dict_offset;
        }
    }
    t->bases = t->base ? kaa_tuple_pack(1, kaa_from_obj(t->base)) : kaa_empty_tuple;
    t->dict = kaa_dict_new();
    t->flags |= KAA_TPFLAG_READY;
    t->version = next_version++;
    if (t->base == NULL) {
        t->mro = kaa_tuple_pack(1, kaa_from_obj(t));
    } else {
        KaaTuple *bm = t->base->mro;
        KaaTuple *mro = kaa_tuple_new((size_t)bm->len + 1);
        mro->items[0] = kaa_from_obj(t);
        memcpy(mro->items + 1, bm->items, (size_t)bm->len * sizeof(KaaValue));
        t->mro = mro;
        add_subclass(t->base, t);
    }
    add_method_defs(t);
    add_getset_defs(t);
    if (t->dict_offset != 0 && kaa_type_lookup(t, KAA_ID(__dict__)) == KAA_NULL) {
        add_subtype_getset(t, &subtype_dict_def);  // a built-in type with instance dicts
        kaa_type_modified(t);                      // (the lookup above cached its absence)
    }
    kaa_slots_add_wrappers(t);
    if (t->new_ != NULL && (t->base == NULL || t->new_ != t->base->new_)) {
        kaa_dict_set(t->dict, KAA_ID(__new__), kaa_slots_new_wrapper(t));
    }
    if (kaa_dict_get_str(t->dict, KAA_ID(__doc__)) == KAA_NULL) {
        kaa_dict_set(t->dict, KAA_ID(__doc__), t->doc ? t->doc : kaa_None);
    }
    const char *dot = strrchr(t->name, '.');
    if (dot != NULL && kaa_dict_get_str(t->dict, KAA_ID(__module__)) == KAA_NULL) {
        kaa_dict_set(t->dict, KAA_ID(__module__),
                     kaa_str_from_ascii(t->name, (size_t)(dot - t->name)));
    }
}

// ---- instance layout ----------------------------------------------------------------------------
// A class adds a __dict__ pointer and its __slots__ values after its base's layout. For
// variable-size bases (tuple, str, bytes, int) the additions live after the variable body:
// an "offset" o at or beyond the base's fixed size F means address obj + align8(body) + o - F.

static KaaType *var_base(KaaType *t) {
    while (t->flags & KAA_TPFLAG_HEAPTYPE) {
        t = t->base;
    }
    return t;
}

KaaValue *kaa_instance_slot_addr(KaaValue obj, size_t offset) {
    KaaType *t = kaa_type_of(obj);
    char *p = (char *)kaa_obj(obj);
    if ((t->flags & KAA_TPFLAG_VAR_SIZE) == 0) {
        return (KaaValue *)(p + offset);
    }
    KaaType *vb = var_base(t);
    if (offset < vb->instance_size) {
        return (KaaValue *)(p + offset);
    }
    size_t body = (vb->var_size(obj) + 7) & ~(size_t)7;
    return (KaaValue *)(p + body + offset - vb->instance_size);
}

KaaValue *kaa_instance_dict_slot(KaaValue obj) {
    if (!kaa_is_obj(obj)) {
        return NULL;
    }
    KaaType *t = kaa_obj(obj)->type;
    if (t->dict_offset == 0) {
        return NULL;
    }
    return kaa_instance_slot_addr(obj, (size_t)t->dict_offset);
}

KaaDict *kaa_instance_dict(KaaValue obj) {
    KaaValue *slot = kaa_instance_dict_slot(obj);
    if (slot == NULL) {
        return NULL;
    }
    if (*slot == KAA_NULL) {
        *slot = kaa_from_obj(kaa_dict_new());
    }
    return kaa_dict(*slot);
}

KaaValue kaa_instance_alloc(KaaType *type, size_t extra) {
    KaaObject *o = kaa_alloc(type->instance_size + extra);
    o->type = type;
    return kaa_from_obj(o);
}

// Extra bytes a variable-size instance of `type` needs after its body (its class additions).
size_t kaa_var_extra(KaaType *type) {
    KaaType *vb = var_base(type);
    return type->instance_size - vb->instance_size;
}

// ---- the type object ------------------------------------------------------------------------

static KaaType *as_type(KaaValue v) { return (KaaType *)kaa_obj(v); }

static bool is_type_value(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_type_of(v), KAA_TPFLAG_TYPE_SUBCLASS);
}

static KaaValue type_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaType *t = as_type(self);
    if (t == &kaa_type_type && nargs == 1 && kwnames == NULL) {
        return kaa_from_obj(kaa_type_of(args[0]));
    }
    if (t->new_ == NULL) {
        kaa_raise_type_error("cannot create '%s' instances", t->name);
    }
    KaaValue obj = t->new_(t, args, nargs, kwnames);
    KaaType *ot = kaa_type_of(obj);
    if (!kaa_is_subtype(ot, t)) {
        return obj;
    }
    if (ot->init != NULL) {
        ot->init(obj, args, nargs, kwnames);
    }
    return obj;
}

// Attribute lookup on a class: data descriptors of the metaclass first, then the class's own
// mro (binding descriptors with obj = NULL), then the rest of the metaclass.
static KaaValue type_getattr(KaaValue self, KaaValue name) {
    KaaType *t = as_type(self);
    KaaType *meta = kaa_type_of(self);
    KaaValue meta_attr = kaa_type_lookup(meta, name);
    KaaType *mat = meta_attr != KAA_NULL ? kaa_type_of(meta_attr) : NULL;
    if (mat != NULL && mat->descr_get != NULL && mat->descr_set != NULL) {
        return mat->descr_get(meta_attr, self, kaa_from_obj(meta));
    }
    KaaValue attr = kaa_type_lookup(t, name);
    if (attr != KAA_NULL) {
        KaaType *at = kaa_type_of(attr);
        if (at->descr_get != NULL) {
            return at->descr_get(attr, KAA_NULL, self);
        }
        return attr;
    }
    if (mat != NULL && mat->descr_get != NULL) {
        return mat->descr_get(meta_attr, self, kaa_from_obj(meta));
    }
    return meta_attr;
}

static void type_setattr(KaaValue self, KaaValue name, KaaValue value) {
    KaaType *t = as_type(self);
    KaaValue meta_attr = kaa_type_lookup(kaa_type_of(self), name);
    if (meta_attr != KAA_NULL && kaa_type_of(meta_attr)->descr_set != NULL) {
        kaa_type_of(meta_attr)->descr_set(meta_attr, self, value);
        return;
    }
    if ((t->flags & KAA_TPFLAG_HEAPTYPE) == 0) {
        kaa_raise_type_error("cannot set '%S' attribute of immutable type '%s'", name, t->name);
    }
    if (value == KAA_NULL) {
        if (!kaa_dict_del(t->dict, name)) {
            kaa_raise_attribute_error(self, name);
        }
    } else {
        kaa_dict_set(t->dict, name, value);
    }
    kaa_type_modified(t);
    KaaStr *n = kaa_str(name);
    if (n->len > 4 && n->data[0] == '_' && n->data[1] == '_') {
        kaa_slots_update_name(t, name);
        if (t->subclasses != KAA_NULL) {
            KaaList *subs = kaa_list(t->subclasses);
            for (int64_t i = 0; i < subs->len; i++) {
                kaa_slots_update_name(as_type(subs->items[i]), name);
            }
        }
    }
}

// A class's __module__ is in its dict; a built-in type's comes from its dotted name (the
// `type` type's own dict holds this very descriptor under the name).
static KaaValue type_module(KaaValue self) {
    KaaType *t = as_type(self);
    KaaValue m = kaa_dict_get_str(t->dict, KAA_ID(__module__));
    if (m != KAA_NULL && (kaa_type_has(t, KAA_TPFLAG_HEAPTYPE) || kaa_is_str(m))) {
        return m;
    }
    return kaa_str_from_cstr("builtins");
}

static KaaValue type_repr(KaaValue self) {
    KaaType *t = as_type(self);
    KaaValue mod = type_module(self);
    KaaValue qual = t->qualname != KAA_NULL ? t->qualname : kaa_type_name(t);
    if (kaa_is_str(mod) && !kaa_str_eq_cstr(mod, "builtins")) {
        return kaa_str_printf("<class '%S.%S'>", mod, qual);
    }
    if ((t->flags & KAA_TPFLAG_HEAPTYPE) == 0) {
        return kaa_str_printf("<class '%s'>", t->name);
    }
    return kaa_str_printf("<class '%S'>", qual);
}

static KaaValue type_get_name(KaaValue self) { return kaa_type_name(as_type(self)); }

static void check_heap(KaaType *t, const char *attr) {
    if ((t->flags & KAA_TPFLAG_HEAPTYPE) == 0) {
        kaa_raise_type_error("cannot set '%s' attribute of immutable type '%s'", attr, t->name);
    }
}

static void type_set_name(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    check_heap(t, "__name__");
    if (value == KAA_NULL || !kaa_is_str(value)) {
        kaa_raise_type_error("can only assign string to %s.__name__, not '%s'", t->name,
                             value ? kaa_type_name_of(value) : "NoneType");
    }
    t->name = kaa_strdup(kaa_str_utf8(value, NULL));
    t->name_obj = value;
}

static KaaValue type_get_qualname(KaaValue self) {
    KaaType *t = as_type(self);
    return t->qualname != KAA_NULL ? t->qualname : kaa_type_name(t);
}

static void type_set_qualname(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    check_heap(t, "__qualname__");
    if (value == KAA_NULL || !kaa_is_str(value)) {
        kaa_raise_type_error("can only assign string to %s.__qualname__, not '%s'", t->name,
                             value ? kaa_type_name_of(value) : "NoneType");
    }
    t->qualname = value;
}

static void type_set_module(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    check_heap(t, "__module__");
    kaa_dict_set(t->dict, KAA_ID(__module__), value ? value : kaa_None);
}

static KaaValue type_get_dict(KaaValue self) {
    return kaa_mappingproxy_new(kaa_from_obj(as_type(self)->dict));
}

static KaaValue type_get_bases(KaaValue self) { return kaa_from_obj(as_type(self)->bases); }

static KaaType *best_base(KaaTuple *bases);
static KaaType *solid_base(KaaType *t);

// A class that adds nothing to its base's instances (CPython's compatible_with_tp_base).
static bool extends_nothing(KaaType *t) {
    KaaType *b = t->base;
    return b != NULL && (t->flags & KAA_TPFLAG_HEAPTYPE) && t->instance_size == b->instance_size &&
           t->dict_offset == b->dict_offset && t->weaklist_offset == b->weaklist_offset &&
           t->nslots == 0;
}

// The __slots__ names of t (its own), for comparing two layouts.
static KaaList *own_slot_names(KaaType *t) {
    KaaList *names = kaa_list_new(0);
    for (int32_t i = 0; i < t->nslots; i++) {
        int64_t pos = 0;
        KaaValue k, v;
        while (kaa_dict_next(t->dict, &pos, &k, &v)) {
            if (kaa_is_type(v, &kaa_member_descr_type) &&
                ((KaaDescr *)kaa_obj(v))->offset == (size_t)t->slots_offset + 8 * (size_t)i) {
                kaa_list_append(names, k);
                break;
            }
        }
    }
    return names;
}

static bool same_slots_added(KaaType *a, KaaType *b) {
    return a->instance_size == b->instance_size && a->dict_offset == b->dict_offset &&
           a->weaklist_offset == b->weaklist_offset && a->nslots == b->nslots &&
           kaa_truthy(kaa_richcompare(kaa_from_obj(own_slot_names(a)),
                                      kaa_from_obj(own_slot_names(b)), KAA_EQ));
}

void kaa_type_check_layout_assignment(KaaType *new_t, KaaType *old_t, const char *what) {
    bool new_heap = new_t->flags & KAA_TPFLAG_HEAPTYPE, old_heap = old_t->flags & KAA_TPFLAG_HEAPTYPE;
    if (new_heap != old_heap || (!new_heap && new_t != old_t)) {
        kaa_raise_type_error("%s assignment: '%s' deallocator differs from '%s'", what,
                             new_t->name, old_t->name);
    }
    KaaType *nb = new_t, *ob = old_t;
    while (extends_nothing(nb)) {
        nb = nb->base;
    }
    while (extends_nothing(ob)) {
        ob = ob->base;
    }
    if (nb != ob && (nb->base != ob->base || !same_slots_added(nb, ob))) {
        kaa_raise_type_error("%s assignment: '%s' object layout differs from '%s'", what,
                             new_t->name, old_t->name);
    }
}

// After a class's bases change: its mro and those of its subclasses, and their slots.
static void refresh_hierarchy(KaaType *t) {
    t->mro = compute_mro(t);
    kaa_type_modified(t);
    kaa_slots_update_all(t);
    if (t->subclasses != KAA_NULL) {
        KaaList *subs = kaa_list(t->subclasses);
        for (int64_t i = 0; i < subs->len; i++) {
            refresh_hierarchy(as_type(subs->items[i]));
        }
    }
}

static void type_set_bases(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    check_heap(t, "__bases__");
    if (value == KAA_NULL) {
        kaa_raise_type_error("cannot delete '__bases__' attribute of immutable type '%s'",
                             t->name);
    }
    if (!kaa_is_type(value, &kaa_tuple_type) || kaa_tuple(value)->len == 0) {
        kaa_raise_type_error(kaa_is_type(value, &kaa_tuple_type)
                                 ? "can only assign non-empty tuple to %s.__bases__, not ()"
                                 : "can only assign tuple to %s.__bases__, not %s",
                             t->name, kaa_type_name_of(value));
    }
    KaaTuple *bases = kaa_tuple(value);
    for (int64_t i = 0; i < bases->len; i++) {
        if (!is_type_value(bases->items[i])) {
            kaa_raise_type_error("%s.__bases__ must be tuple of classes, not '%s'", t->name,
                                 kaa_type_name_of(bases->items[i]));
        }
        if (kaa_is_subtype(as_type(bases->items[i]), t)) {
            kaa_raise_type_error("a __bases__ item causes an inheritance cycle");
        }
    }
    KaaType *nb = best_base(bases);
    kaa_type_check_layout_assignment(nb, t->base, "__bases__");
    t->bases = bases;
    t->base = nb;
    for (int64_t i = 0; i < bases->len; i++) {
        add_subclass(as_type(bases->items[i]), t);
    }
    refresh_hierarchy(t);
}
static KaaValue type_get_mro(KaaValue self) { return kaa_from_obj(as_type(self)->mro); }

static KaaValue type_get_base(KaaValue self) {
    KaaType *b = as_type(self)->base;
    return b ? kaa_from_obj(b) : kaa_None;
}

static KaaValue type_get_doc(KaaValue self) {
    KaaType *t = as_type(self);
    KaaValue doc = kaa_dict_get_str(t->dict, KAA_ID(__doc__));
    if (doc == KAA_NULL) {
        return kaa_None;
    }
    KaaType *dt = kaa_type_of(doc);
    if (dt->descr_get != NULL && (t->flags & KAA_TPFLAG_HEAPTYPE)) {
        return dt->descr_get(doc, KAA_NULL, self);
    }
    return doc;
}

static void type_set_doc(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    check_heap(t, "__doc__");
    kaa_dict_set(t->dict, KAA_ID(__doc__), value ? value : kaa_None);
}

static KaaValue type_get_abstract(KaaValue self) {
    KaaValue v = kaa_dict_get_str(as_type(self)->dict, KAA_ID(__abstractmethods__));
    if (v == KAA_NULL || as_type(self) == &kaa_type_type) {
        kaa_raise_attribute_error(self, KAA_ID(__abstractmethods__));
    }
    return v;
}

static void type_set_abstract(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    if (value == KAA_NULL) {
        if (!kaa_dict_del(t->dict, KAA_ID(__abstractmethods__))) {
            kaa_raise_attribute_error(self, KAA_ID(__abstractmethods__));
        }
        t->flags &= ~(uint32_t)KAA_TPFLAG_ABSTRACT;
    } else {
        kaa_dict_set(t->dict, KAA_ID(__abstractmethods__), value);
        if (kaa_truthy(value)) {
            t->flags |= KAA_TPFLAG_ABSTRACT;
        } else {
            t->flags &= ~(uint32_t)KAA_TPFLAG_ABSTRACT;
        }
    }
    kaa_type_modified(t);
}

static KaaValue type_get_annotations(KaaValue self) {
    KaaType *t = as_type(self);
    KaaValue v = kaa_dict_get_str(t->dict, KAA_ID(__annotations__));
    if (v != KAA_NULL) {
        KaaType *vt = kaa_type_of(v);
        return vt->descr_get ? vt->descr_get(v, KAA_NULL, self) : v;
    }
    if ((t->flags & KAA_TPFLAG_HEAPTYPE) == 0) {
        kaa_raise_attribute_error(self, KAA_ID(__annotations__));
    }
    v = kaa_from_obj(kaa_dict_new());
    kaa_dict_set(t->dict, KAA_ID(__annotations__), v);
    return v;
}

static void type_set_annotations(KaaValue self, KaaValue value) {
    KaaType *t = as_type(self);
    check_heap(t, "__annotations__");
    if (value == KAA_NULL) {
        if (!kaa_dict_del(t->dict, KAA_ID(__annotations__))) {
            kaa_raise_attribute_error(self, KAA_ID(__annotations__));
        }
    } else {
        kaa_dict_set(t->dict, KAA_ID(__annotations__), value);
    }
    kaa_type_modified(t);
}

static const KaaGetSetDef type_getsets[] = {
    {"__name__", type_get_name, type_set_name, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL},
    {"__module__", type_module, type_set_module, NULL},
    {"__dict__", type_get_dict, NULL, NULL},
    {"__bases__", type_get_bases, type_set_bases, NULL},
    {"__base__", type_get_base, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL},
    {"__abstractmethods__", type_get_abstract, type_set_abstract, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL},
    {NULL},
};

static KaaValue type_mro_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("mro", nargs, 0, 0);
    KaaTuple *mro = compute_mro(as_type(self));
    return kaa_from_obj(kaa_list_from_array(mro->items, (size_t)mro->len));
}

static KaaValue type_subclasses(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaType *t = as_type(self);
    if (t->subclasses == KAA_NULL) {
        return kaa_from_obj(kaa_list_new(0));
    }
    KaaList *subs = kaa_list(t->subclasses);
    return kaa_from_obj(kaa_list_from_array(subs->items, (size_t)subs->len));
}

static KaaValue type_instancecheck(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__instancecheck__", nargs, 1, 1);
    KaaValue cls = kaa_getattr_opt(args[0], KAA_ID(__class__));
    bool r = kaa_is_subtype(kaa_type_of(args[0]), as_type(self));
    if (!r && cls != KAA_NULL && is_type_value(cls)) {
        r = kaa_is_subtype(as_type(cls), as_type(self));
    }
    return kaa_bool(r);
}

static KaaValue type_subclasscheck(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__subclasscheck__", nargs, 1, 1);
    if (!is_type_value(args[0])) {
        kaa_raise_type_error("issubclass() arg 1 must be a class");
    }
    return kaa_bool(kaa_is_subtype(as_type(args[0]), as_type(self)));
}

static KaaValue type_prepare(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_obj(kaa_dict_new());
}

static KaaValue type_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_small((int64_t)sizeof(KaaType));
}

static KaaValue type_dir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaDict *names = kaa_dict_new();
    KaaTuple *mro = as_type(self)->mro;
    for (int64_t i = 0; i < mro->len; i++) {
        KaaDict *d = as_type(mro->items[i])->dict;
        int64_t pos = 0;
        KaaValue k, v;
        while (kaa_dict_next(d, &pos, &k, &v)) {
            kaa_dict_set(names, k, kaa_None);
        }
    }
    return kaa_list_from_iterable(kaa_from_obj(names));
}

static const KaaMethodDef type_methods[] = {
    {"mro", type_mro_method, 0, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses, 0, "Return a list of immediate subclasses."},
    {"__instancecheck__", type_instancecheck, 0, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, 0, "Check if a class is a subclass."},
    {"__prepare__", type_prepare, KAA_METH_CLASS, "Create the namespace for the class."},
    {"__sizeof__", type_sizeof, 0, "Return memory consumption of the type object."},
    {"__dir__", type_dir, 0, "Specialized __dir__ implementation for types."},
    {NULL},
};

// ---- creating classes ---------------------------------------------------------------------------

// Whether t's instances have fields its base's don't (a __dict__ a class adds doesn't count,
// as in CPython: such classes can still be combined).
static bool adds_fields(KaaType *t) {
    KaaType *b = t->base;
    if (b == NULL) {
        return true;
    }
    size_t size = t->instance_size;
    if ((t->flags & KAA_TPFLAG_HEAPTYPE) && t->dict_offset != 0 && b->dict_offset == 0) {
        size -= sizeof(KaaValue);
    }
    return size != b->instance_size;
}

// The base a class's layout extends: the most derived of its bases' "solid" layouts.
static KaaType *solid_base(KaaType *t) {
    while (!adds_fields(t)) {
        t = t->base;
    }
    return t;
}

static KaaType *best_base(KaaTuple *bases) {
    KaaType *winner = NULL, *base = NULL;
    for (int64_t i = 0; i < bases->len; i++) {
        KaaValue b = bases->items[i];
        if (!is_type_value(b)) {
            kaa_raise_type_error("bases must be types");
        }
        KaaType *bt = as_type(b);
        if ((bt->flags & KAA_TPFLAG_BASETYPE) == 0) {
            kaa_raise_type_error("type '%s' is not an acceptable base type", bt->name);
        }
        KaaType *candidate = solid_base(bt);
        if (winner == NULL) {
            winner = candidate;
            base = bt;
        } else if (kaa_is_subtype(winner, candidate)) {
            continue;  // an earlier base already extends this layout: it stays __base__
        } else if (kaa_is_subtype(candidate, winner)) {
            winner = candidate;
            base = bt;
        } else {
            kaa_raise_type_error("multiple bases have instance lay-out conflict");
        }
    }
    return base;
}

// Private names in __slots__ are mangled like attribute names: __x in class C is _C__x.
static KaaValue mangle(KaaValue classname, KaaValue name) {
    KaaStr *n = kaa_str(name);
    if (n->len < 3 || kaa_str_char(n, 0) != '_' || kaa_str_char(n, 1) != '_' ||
        (kaa_str_char(n, n->len - 1) == '_' && kaa_str_char(n, n->len - 2) == '_')) {
        return name;
    }
    KaaStr *c = kaa_str(classname);
    size_t skip = 0;
    while (skip < c->len && kaa_str_char(c, skip) == '_') {
        skip++;
    }
    if (skip == c->len) {
        return name;
    }
    KaaValue stripped = kaa_str_substr(classname, skip, c->len);
    return kaa_str_intern(kaa_str_concat(kaa_str_concat(kaa_str_from_cstr("_"), stripped), name));
}

typedef struct {
    KaaList *names;  // mangled slot names
    bool add_dict;
    bool add_weakref;
} SlotsSpec;

static bool valid_identifier(KaaValue s) {
    KaaStr *n = kaa_str(s);
    if (n->len == 0) {
        return false;
    }
    for (size_t i = 0; i < n->len; i++) {
        uint32_t c = kaa_str_char(n, i);
        bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 128 ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok) {
            return false;
        }
    }
    return true;
}

static SlotsSpec parse_slots(KaaValue classname, KaaDict *dict, KaaValue slots) {
    SlotsSpec spec = {kaa_list_new(0), false, false};
    KaaValue seq = kaa_is_str(slots) ? kaa_from_obj(kaa_tuple_pack(1, slots))
                                     : kaa_tuple_from_iterable(slots);
    KaaTuple *items = kaa_tuple(seq);
    for (int64_t i = 0; i < items->len; i++) {
        KaaValue s = items->items[i];
        if (!kaa_is_str(s)) {
            kaa_raise_type_error("__slots__ items must be strings, not '%s'",
                                 kaa_type_name_of(s));
        }
        if (!valid_identifier(s)) {
            kaa_raise_type_error("__slots__ must be identifiers");
        }
        if (kaa_str_eq_cstr(s, "__dict__")) {
            if (spec.add_dict) {
                kaa_raise_type_error("__dict__ slot disallowed: we already got one");
            }
            spec.add_dict = true;
            continue;
        }
        if (kaa_str_eq_cstr(s, "__weakref__")) {
            spec.add_weakref = true;
            continue;
        }
        KaaValue m = mangle(classname, kaa_str_intern(s));
        if (kaa_dict_get(dict, m) != KAA_NULL) {
            kaa_raise_value_error("%R in __slots__ conflicts with class variable", s);
        }
        kaa_list_append(spec.names, m);
    }
    return spec;
}

static void add_slot_members(KaaType *t, KaaList *names) {
    for (int64_t i = 0; i < names->len; i++) {
        KaaDescr *d = kaa_alloc(sizeof *d);
        d->ob.type = &kaa_member_descr_type;
        d->owner = t;
        d->name = names->items[i];
        d->def = NULL;  // a __slots__ member: a value slot at `offset`
        d->offset = (size_t)t->slots_offset + 8 * (size_t)i;
        kaa_dict_set(t->dict, d->name, kaa_from_obj(d));
    }
}

// __dict__ and __weakref__ of instances of classes, as getset descriptors on the class that
// introduces the instance dict.
static KaaValue subtype_get_dict(KaaValue self) {
    KaaDict *d = kaa_instance_dict(self);
    if (d == NULL) {
        kaa_raise_attribute_error(self, KAA_ID(__dict__));
    }
    return kaa_from_obj(d);
}

static void subtype_set_dict(KaaValue self, KaaValue value) {
    KaaValue *slot = kaa_instance_dict_slot(self);
    if (slot == NULL) {
        kaa_raise_attribute_error(self, KAA_ID(__dict__));
    }
    if (value == KAA_NULL) {
        *slot = KAA_NULL;
        return;
    }
    if (!kaa_is_dict(value)) {
        kaa_raise_type_error("__dict__ must be set to a dictionary, not a '%s'",
                             kaa_type_name_of(value));
    }
    *slot = value;
}

static KaaValue subtype_get_weakref(KaaValue self) { return kaa_None; }

static const KaaGetSetDef subtype_dict_def = {"__dict__", subtype_get_dict, subtype_set_dict,
                                              "dictionary for instance variables"};
static const KaaGetSetDef subtype_weakref_def = {"__weakref__", subtype_get_weakref, NULL,
                                                 "list of weak references to the object"};

static void add_subtype_getset(KaaType *t, const KaaGetSetDef *def) {
    KaaValue name = kaa_str_intern_cstr(def->name);
    if (kaa_dict_get_str(t->dict, name) != KAA_NULL) {
        return;
    }
    KaaDescr *d = kaa_alloc(sizeof *d);
    d->ob.type = &kaa_getset_descr_type;
    d->owner = t;
    d->name = name;
    d->def = def;
    kaa_dict_set(t->dict, name, kaa_from_obj(d));
}

static void set_layout(KaaType *t, KaaType *base, KaaDict *dict, KaaValue classname) {
    t->instance_size = base->instance_size;
    t->dict_offset = base->dict_offset;
    t->slots_offset = (int32_t)t->instance_size;
    KaaValue slots = kaa_dict_get_str(dict, KAA_ID(__slots__));
    if (slots == KAA_NULL) {
        if (t->dict_offset == 0) {
            t->dict_offset = (int32_t)t->instance_size;
            t->instance_size += sizeof(KaaValue);
            t->dict = dict;
            add_subtype_getset(t, &subtype_dict_def);
            add_subtype_getset(t, &subtype_weakref_def);
        }
        return;
    }
    SlotsSpec spec = parse_slots(classname, dict, slots);
    t->dict = dict;
    if (spec.add_dict) {
        if (t->dict_offset != 0) {
            kaa_raise_type_error("__dict__ slot disallowed: we already got one");
        }
        t->dict_offset = (int32_t)t->instance_size;
        t->instance_size += sizeof(KaaValue);
    }
    // CPython's variable-size types refuse __slots__ values; its str is compact and allows them.
    if (spec.names->len > 0 && (kaa_is_subtype(base, &kaa_int_type) ||
                                kaa_is_subtype(base, &kaa_bytes_type) ||
                                kaa_is_subtype(base, &kaa_tuple_type))) {
        KaaType *b = base;
        while (b->flags & KAA_TPFLAG_HEAPTYPE) {
            b = b->base;
        }
        kaa_raise_type_error("nonempty __slots__ not supported for subtype of '%s'", b->name);
    }
    t->slots_offset = (int32_t)t->instance_size;
    t->nslots = (int32_t)spec.names->len;
    t->instance_size += sizeof(KaaValue) * (size_t)spec.names->len;
    // The class dict's order is CPython's: slot members, then __dict__/__weakref__, then
    // __doc__ and __hash__ (fix_doc_and_hash).
    add_slot_members(t, spec.names);
    if (spec.add_dict) {
        add_subtype_getset(t, &subtype_dict_def);
    }
    if (spec.add_weakref) {
        add_subtype_getset(t, &subtype_weakref_def);
    }
}

static void fix_special_methods(KaaDict *dict) {
    KaaValue v = kaa_dict_get_str(dict, KAA_ID(__new__));
    if (v != KAA_NULL && kaa_is_type(v, &kaa_function_type)) {
        KaaStaticMethod *sm = kaa_alloc(sizeof *sm);
        sm->ob.type = &kaa_staticmethod_type;
        sm->func = v;
        kaa_dict_set(dict, KAA_ID(__new__), kaa_from_obj(sm));
    }
    static const KaaNameId classmethods[] = {KAA_ID___init_subclass__,
                                             KAA_ID___class_getitem__};
    for (size_t i = 0; i < 2; i++) {
        v = kaa_dict_get_str(dict, kaa_ids[classmethods[i]]);
        if (v != KAA_NULL && kaa_is_type(v, &kaa_function_type)) {
            KaaStaticMethod *cm = kaa_alloc(sizeof *cm);
            cm->ob.type = &kaa_classmethod_type;
            cm->func = v;
            kaa_dict_set(dict, kaa_ids[classmethods[i]], kaa_from_obj(cm));
        }
    }
}

// After the layout's descriptors: __doc__ when the body gave none, then __hash__ = None for a
// class that defines __eq__ only.
static void fix_doc_and_hash(KaaDict *dict) {
    if (kaa_dict_get_str(dict, KAA_ID(__doc__)) == KAA_NULL) {
        kaa_dict_set(dict, KAA_ID(__doc__), kaa_None);
    }
    if (kaa_dict_get_str(dict, KAA_ID(__eq__)) != KAA_NULL &&
        kaa_dict_get_str(dict, KAA_ID(__hash__)) == KAA_NULL) {
        kaa_dict_set(dict, KAA_ID(__hash__), kaa_None);
    }
}

typedef struct {
    KaaValue descr, owner, name;
} SetNameCall;

static void run_set_name(void *ud) {
    SetNameCall *c = ud;
    KaaValue args[2] = {c->owner, c->name};
    kaa_call_special(c->descr, KAA_ID(__set_name__), args, 2);
}

static void call_set_name(KaaType *t) {
    KaaDict *copy = kaa_dict_copy(t->dict);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(copy, &pos, &k, &v)) {
        if (kaa_type_lookup(kaa_type_of(v), KAA_ID(__set_name__)) == KAA_NULL) {
            continue;
        }
        SetNameCall call = {v, kaa_from_obj(t), k};
        KaaValue exc = kaa_protect(run_set_name, &call);
        if (exc != KAA_NULL) {  // 3.11 wraps it (3.12 no longer does)
            KaaValue e = kaa_exc_new_msg(kaa_RuntimeError,
                kaa_str_printf("Error calling __set_name__ on '%s' instance %R in '%S'",
                               kaa_type_name_of(v), k, kaa_type_name(t)));
            kaa_exc(e)->cause = exc;
            kaa_exc(e)->context = exc;
            kaa_exc(e)->suppress_context = true;
            kaa_raise(e);
        }
    }
}

// super(t, t).__init_subclass__(**kwargs)
static void call_init_subclass(KaaType *t, KaaTuple *kwnames, KaaValue *kwvalues) {
    KaaTuple *mro = t->mro;
    for (int64_t i = 1; i < mro->len; i++) {
        KaaValue f = kaa_dict_get_str(as_type(mro->items[i])->dict, KAA_ID(__init_subclass__));
        if (f == KAA_NULL) {
            continue;
        }
        KaaType *ft = kaa_type_of(f);
        KaaValue bound = ft->descr_get ? ft->descr_get(f, kaa_from_obj(t), kaa_from_obj(t)) : f;
        kaa_call(bound, kwvalues, 0, kwnames);
        return;
    }
}

static void set_class_cell(KaaType *t) {
    KaaValue cell = kaa_dict_get_str(t->dict, KAA_ID(__classcell__));
    if (cell == KAA_NULL) {
        return;
    }
    if (!kaa_is_type(cell, &kaa_cell_type)) {
        kaa_raise_type_error("__classcell__ must be a nonlocal cell, not %s",
                             kaa_type_name_of(cell));
    }
    ((KaaCell *)kaa_obj(cell))->value = kaa_from_obj(t);
    kaa_dict_del(t->dict, KAA_ID(__classcell__));
}

static void init_type_fields(KaaType *t, KaaValue name, KaaTuple *bases, KaaDict *dict) {
    size_t nlen;
    const char *n = kaa_str_utf8(name, &nlen);
    if (strlen(n) != nlen) {
        kaa_raise_value_error("type name must not contain null characters");
    }
    KaaType *base = best_base(bases);
    t->name = kaa_strdup(kaa_str_utf8(name, NULL));
    t->name_obj = name;
    t->base = base;
    t->bases = bases;
    t->dict = dict;
    t->flags = KAA_TPFLAG_HEAPTYPE | KAA_TPFLAG_BASETYPE | KAA_TPFLAG_READY;
    for (int64_t i = 0; i < bases->len; i++) {
        t->flags |= as_type(bases->items[i])->flags &
                    (KAA_TPFLAG_INT_SUBCLASS | KAA_TPFLAG_FLOAT_SUBCLASS |
                     KAA_TPFLAG_STR_SUBCLASS | KAA_TPFLAG_BYTES_SUBCLASS |
                     KAA_TPFLAG_TUPLE_SUBCLASS | KAA_TPFLAG_LIST_SUBCLASS |
                     KAA_TPFLAG_DICT_SUBCLASS | KAA_TPFLAG_EXC_SUBCLASS |
                     KAA_TPFLAG_TYPE_SUBCLASS | KAA_TPFLAG_VAR_SIZE | KAA_TPFLAG_SEQUENCE |
                     KAA_TPFLAG_MAPPING);
    }
    KaaValue qual = kaa_dict_get_str(dict, KAA_ID(__qualname__));
    if (qual != KAA_NULL) {
        if (!kaa_is_str(qual)) {
            kaa_raise_type_error("type __qualname__ must be a str, not %s",
                                 kaa_type_name_of(qual));
        }
        kaa_dict_del(dict, KAA_ID(__qualname__));
    }
    t->qualname = qual != KAA_NULL ? qual : name;
    t->var_size = base->var_size;
    t->finalize = base->finalize;
    t->methods = NULL;
    t->getsets = NULL;
    t->members = NULL;
}

// A metaclass may override mro(): its result (checked to hold only classes) becomes __mro__.
static void custom_mro(KaaType *t) {
    KaaValue meth = kaa_type_lookup(kaa_type_of(kaa_from_obj(t)), kaa_str_intern_cstr("mro"));
    if (meth == KAA_NULL || kaa_is_type(meth, &kaa_method_descr_type)) {
        return;
    }
    t->mro = kaa_tuple(kaa_tuple_from_iterable(
        kaa_call_method(kaa_from_obj(t), kaa_str_intern_cstr("mro"), NULL, 0)));
    KaaType *solid = solid_base(t);
    for (int64_t i = 0; i < t->mro->len; i++) {
        if (!is_type_value(t->mro->items[i])) {
            kaa_raise_type_error("mro() returned a non-class ('%s')",
                                 kaa_type_name_of(t->mro->items[i]));
        }
        KaaType *entry = as_type(t->mro->items[i]);
        if (!kaa_is_subtype(solid, solid_base(entry))) {
            kaa_raise_type_error("mro() returned base with unsuitable layout ('%s')", entry->name);
        }
    }
}

KaaValue kaa_type_new(KaaType *metatype, KaaValue name, KaaTuple *bases, KaaDict *dict,
                      KaaTuple *kwnames, KaaValue *kwvalues) {
    if (bases->len == 0) {
        bases = kaa_tuple_pack(1, kaa_from_obj(&kaa_object_type));
    }
    dict = kaa_dict_copy(dict);
    if (kaa_dict_get_str(dict, KAA_ID(__module__)) == KAA_NULL) {
        // type(name, bases, ns) called directly: the module is the caller's.
        KaaDict *g = kaa_current_globals();
        KaaValue mod = g ? kaa_dict_get_str(g, KAA_ID(__name__)) : KAA_NULL;
        if (mod != KAA_NULL) {
            kaa_dict_set(dict, KAA_ID(__module__), mod);
        }
    }
    KaaType *t = kaa_alloc(metatype->instance_size > sizeof(KaaType) ? metatype->instance_size
                                                                    : sizeof(KaaType));
    t->ob.type = metatype;
    init_type_fields(t, name, bases, dict);
    fix_special_methods(dict);
    set_layout(t, t->base, dict, name);
    fix_doc_and_hash(dict);
    t->mro = compute_mro(t);
    if (metatype != &kaa_type_type) {
        custom_mro(t);
    }
    t->version = next_version++;
    for (int64_t i = 0; i < bases->len; i++) {
        add_subclass(as_type(bases->items[i]), t);
    }
    kaa_slots_update_all(t);
    set_class_cell(t);
    call_set_name(t);
    call_init_subclass(t, kwnames, kwvalues);
    return kaa_from_obj(t);
}

// The most derived metaclass among the given one and the bases' (CPython's rule).
KaaType *kaa_type_calculate_meta(KaaType *meta, KaaTuple *bases) {
    KaaType *winner = meta;
    for (int64_t i = 0; i < bases->len; i++) {
        KaaType *bt = kaa_type_of(bases->items[i]);
        if (kaa_is_subtype(winner, bt)) {
            continue;
        }
        if (kaa_is_subtype(bt, winner)) {
            winner = bt;
            continue;
        }
        kaa_raise_type_error("metaclass conflict: the metaclass of a derived class must be a "
                             "(non-strict) subclass of the metaclasses of all its bases");
    }
    return winner;
}

static KaaValue type_new_slot(KaaType *metatype, KaaValue *args, size_t nargs,
                              KaaTuple *kwnames) {
    if (metatype == &kaa_type_type && nargs == 1 && kwnames == NULL) {
        return kaa_from_obj(kaa_type_of(args[0]));
    }
    if (nargs != 3) {
        kaa_raise_type_error("type() takes 1 or 3 arguments");
    }
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("type.__new__() argument 1 must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    if (!kaa_is_tuple(args[1])) {
        kaa_raise_type_error("type.__new__() argument 2 must be tuple, not %s",
                             kaa_argtype_name(args[1]));
    }
    if (!kaa_is_dict(args[2])) {
        kaa_raise_type_error("type.__new__() argument 3 must be dict, not %s",
                             kaa_argtype_name(args[2]));
    }
    KaaType *winner = kaa_type_calculate_meta(metatype, kaa_tuple(args[1]));
    if (winner != metatype && winner->new_ != type_new_slot) {
        return winner->new_(winner, args, nargs, kwnames);
    }
    return kaa_type_new(winner, args[0], kaa_tuple(args[1]), kaa_dict(args[2]), kwnames,
                        args + nargs);
}

static void type_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs != 1 && nargs != 3) {
        kaa_raise_type_error("type.__init__() takes 1 or 3 arguments");
    }
}

static int64_t identity_hash(KaaValue self) {
    uint64_t p = (uint64_t)self;
    return (int64_t)((p >> 4) | (p << 60));
}

KaaType kaa_type_type = {
    .ob = {&kaa_type_type},
    .name = "type",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_TYPE_SUBCLASS,
    .instance_size = sizeof(KaaType),
    .dict_offset = offsetof(KaaType, dict),
    .repr = type_repr,
    .hash = identity_hash,
    .getattr = type_getattr,
    .setattr = type_setattr,
    .call = type_call,
    .binary = {[KAA_OP_OR] = kaa_union_or},  // int | str is a types.UnionType
    .new_ = type_new_slot,
    .init = type_init,
    .methods = type_methods,
    .getsets = type_getsets,
};
