// objects/set.c — set and frozenset, and the set iterator.
//
// Stage: objects. Owns KaaSet tables and every set operation. The table is CPython's
// setobject design, step for step, because iteration order is visible to programs: open
// addressing over 2**k slots (8 inline), up to 9 extra linear probes per step then CPython's
// perturbed jump, deleted keys left as dummies (the last one an insertion passes is reused),
// a rebuild to 4x (2x past 50000) the live keys when fill reaches 3/5 of the table,
// and operations that build results in the same order CPython builds them (which set is
// iterated, which is copied first, when a table is presized). With hashes of ints, tuples
// and other fixed-hash values equal to CPython's, sets iterate in CPython's order.
// Must not: hold an entry pointer across an __eq__ call without checking the table survived.
#include "objects/containers.h"

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define DUMMY_HASH (-1)

KaaObject kaa_set_dummy_obj = {&kaa_object_type};

static inline KaaSet *as_set(KaaValue v) { return (KaaSet *)kaa_obj(v); }

bool kaa_is_anyset(KaaValue v) {
    if (!kaa_is_obj(v)) {
        return false;
    }
    KaaType *t = kaa_obj(v)->type;
    if (t == &kaa_set_type || t == &kaa_frozenset_type) {
        return true;
    }
    return kaa_type_has(t, KAA_TPFLAG_HEAPTYPE) &&
           (kaa_is_subtype(t, &kaa_set_type) || kaa_is_subtype(t, &kaa_frozenset_type));
}

// PySet_Check: set or a subclass (not frozenset).
static bool is_mutable_set(KaaValue v) {
    return kaa_is_obj(v) && (kaa_obj(v)->type == &kaa_set_type ||
                             kaa_is_subtype(kaa_obj(v)->type, &kaa_set_type));
}

static void reset_table(KaaSet *s) {
    memset(s->smalltable, 0, sizeof s->smalltable);
    s->table = s->smalltable;
    s->mask = 7;
    s->fill = s->used = 0;
}

KaaSet *kaa_set_new(KaaType *type) {
    KaaSet *s;
    if (type == &kaa_set_type || type == &kaa_frozenset_type) {
        s = kaa_alloc(sizeof *s);
        s->ob.type = type;
    } else {
        s = as_set(kaa_instance_alloc(type, 0));
    }
    s->table = s->smalltable;
    s->mask = 7;
    s->hash = -1;
    return s;
}

// ---- the table ------------------------------------------------------------------------------

// Puts a key known to be absent into a table without dummies (rebuilds and copies).
static void insert_clean(KaaSetEntry *table, size_t mask, KaaValue key, int64_t hash) {
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        KaaSetEntry *e = &table[i];
        if (e->key == KAA_NULL) {
            goto found;
        }
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                e++;
                if (e->key == KAA_NULL) {
                    goto found;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        e->key = key;
        e->hash = hash;
        return;
    }
}

// Rebuilds the table with the smallest power of two above minused slots (at least 8), in
// the order of the old table, dropping dummies.
static void table_resize(KaaSet *s, int64_t minused) {
    size_t newsize = 8;
    while (newsize <= (size_t)minused) {
        newsize <<= 1;
    }
    KaaSetEntry *old = s->table, small_copy[8];
    size_t oldmask = (size_t)s->mask;
    KaaSetEntry *table;
    if (newsize == 8) {
        if (old == s->smalltable) {
            if (s->fill == s->used) {
                return;  // no dummies to purge
            }
            memcpy(small_copy, old, sizeof small_copy);
            old = small_copy;
        }
        table = s->smalltable;
        memset(table, 0, sizeof s->smalltable);
    } else {
        table = kaa_alloc(newsize * sizeof(KaaSetEntry));
    }
    s->table = table;
    s->mask = (int64_t)newsize - 1;
    s->fill = s->used;
    for (size_t i = 0; i <= oldmask; i++) {
        KaaValue k = old[i].key;
        if (k != KAA_NULL && k != kaa_set_dummy) {
            insert_clean(table, newsize - 1, k, old[i].hash);
        }
    }
}

// The entry holding key, or NULL.
static KaaSetEntry *lookkey(KaaSet *s, KaaValue key, int64_t hash) {
restart:;
    KaaSetEntry *table = s->table;
    size_t mask = (size_t)s->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        KaaSetEntry *e = &table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && e->key == KAA_NULL) {
                return NULL;
            }
            if (e->hash == hash) {
                KaaValue k = e->key;
                if (k == key) {
                    return e;
                }
                int q = quick_eq(k, key);
                if (q < 0) {
                    q = kaa_richcompare_bool(k, key, KAA_EQ);
                    if (s->table != table || e->key != k) {
                        goto restart;
                    }
                }
                if (q) {
                    return e;
                }
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// Adds key (with its hash); true when it was not there yet.
static bool add_entry(KaaSet *s, KaaValue key, int64_t hash) {
restart:;
    KaaSetEntry *table = s->table, *freeslot = NULL, *e;
    size_t mask = (size_t)s->mask, perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        e = &table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (e->hash == 0 && e->key == KAA_NULL) {
                goto found_unused;
            }
            if (e->hash == hash) {
                KaaValue k = e->key;
                if (k == key) {
                    return false;
                }
                int q = quick_eq(k, key);
                if (q < 0) {
                    q = kaa_richcompare_bool(k, key, KAA_EQ);
                    if (s->table != table || e->key != k) {
                        goto restart;
                    }
                }
                if (q) {
                    return false;
                }
            } else if (e->hash == DUMMY_HASH) {
                freeslot = e;  // the last dummy on the path is reused if the key is absent
            }
            e++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused:
    s->used++;
    if (freeslot != NULL) {
        freeslot->key = key;
        freeslot->hash = hash;
        return true;
    }
    s->fill++;
    e->key = key;
    e->hash = hash;
    if ((size_t)s->fill * 5 >= mask * 3) {
        table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
    }
    return true;
}

// Removes key; true when it was there. The slot becomes a dummy (hash -1) so that probe
// paths through it stay intact; only a rebuild reclaims it.
static bool discard_entry(KaaSet *s, KaaValue key, int64_t hash) {
    KaaSetEntry *e = lookkey(s, key, hash);
    if (e == NULL) {
        return false;
    }
    e->key = kaa_set_dummy;
    e->hash = DUMMY_HASH;
    s->used--;
    return true;
}

// A live entry at or after *pos, advancing *pos past it; NULL at the end.
static KaaSetEntry *next_entry(KaaSet *s, int64_t *pos) {
    for (int64_t i = *pos; i <= s->mask; i++) {
        KaaValue k = s->table[i].key;
        if (k != KAA_NULL && k != kaa_set_dummy) {
            *pos = i + 1;
            return &s->table[i];
        }
    }
    *pos = s->mask + 1;
    return NULL;
}

// A set used as a key is looked up as the frozenset with its items, as CPython does for
// `x in s`, remove and discard.
static KaaValue lookup_key(KaaValue key) {
    if (kaa_type_of(key)->hash == NULL && is_mutable_set(key)) {
        KaaSet *f = kaa_set_new(&kaa_frozenset_type);
        kaa_set_update(f, key);
        return kaa_from_obj(f);
    }
    return key;
}

// ---- the public API -------------------------------------------------------------------------

void kaa_set_add(KaaSet *s, KaaValue key) {
    add_entry(s, key, container_hash(key));
}

bool kaa_set_contains(KaaSet *s, KaaValue key) {
    key = lookup_key(key);
    return lookkey(s, key, container_hash(key)) != NULL;
}

bool kaa_set_discard(KaaSet *s, KaaValue key) {
    key = lookup_key(key);
    return discard_entry(s, key, container_hash(key));
}

bool kaa_set_next(KaaSet *s, int64_t *pos, KaaValue *key) {
    KaaSetEntry *e = next_entry(s, pos);
    if (e == NULL) {
        return false;
    }
    *key = e->key;
    return true;
}

// s |= other for another set: one presizing rebuild, then a copy of the table when the sizes
// match, clean inserts into an empty table, or ordinary adds.
static void merge(KaaSet *s, KaaSet *o) {
    if (o == s || o->used == 0) {
        return;
    }
    if ((s->fill + o->used) * 5 >= s->mask * 3) {
        table_resize(s, (s->used + o->used) * 2);
    }
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        memcpy(s->table, o->table, (size_t)(o->mask + 1) * sizeof(KaaSetEntry));
        s->fill = o->fill;
        s->used = o->used;
        return;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (int64_t i = 0; i <= o->mask; i++) {
            KaaValue k = o->table[i].key;
            if (k != KAA_NULL && k != kaa_set_dummy) {
                insert_clean(s->table, (size_t)s->mask, k, o->table[i].hash);
            }
        }
        return;
    }
    for (int64_t i = 0; i <= o->mask; i++) {
        KaaSetEntry e = o->table[i];
        if (e.key != KAA_NULL && e.key != kaa_set_dummy) {
            add_entry(s, e.key, e.hash);
        }
    }
}

void kaa_set_update(KaaSet *s, KaaValue iterable) {
    if (kaa_is_anyset(iterable)) {
        merge(s, as_set(iterable));
        return;
    }
    if (kaa_is_type(iterable, &kaa_dict_type)) {
        KaaDict *d = kaa_dict(iterable);
        if ((s->fill + d->used) * 5 >= s->mask * 3) {
            table_resize(s, (s->used + d->used) * 2);
        }
        for (int64_t i = 0; i < d->nentries; i++) {
            KaaDictEntry e = d->entries[i];
            if (e.key != KAA_NULL) {
                add_entry(s, e.key, e.hash);
            }
        }
        return;
    }
    KaaValue it = kaa_iter(iterable);
    for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
        add_entry(s, k, container_hash(k));
    }
}

// A new set of exactly `type`, filled from iterable (KAA_NULL: empty), without calling
// __init__ (as CPython's operators create their results).
static KaaSet *make_new_set(KaaType *type, KaaValue iterable) {
    KaaSet *s = kaa_set_new(type);
    if (iterable != KAA_NULL) {
        kaa_set_update(s, iterable);
    }
    return s;
}

// A new set of the built-in base of `type` (set for set subclasses, else frozenset).
static KaaSet *make_new_set_basetype(KaaType *type, KaaValue iterable) {
    bool mutable = type == &kaa_set_type || kaa_is_subtype(type, &kaa_set_type);
    return make_new_set(mutable ? &kaa_set_type : &kaa_frozenset_type, iterable);
}

// s.copy() and the left operand's copy that |, and union() start from.
static KaaSet *set_copy(KaaValue s) {
    return make_new_set_basetype(kaa_type_of(s), s);
}

// ---- the operations -------------------------------------------------------------------------

// s & other: walks the smaller set (or the iterable) and keeps what the other holds. The
// result's type follows s, its keys are the walked side's objects.
KaaValue kaa_set_intersection(KaaValue sv, KaaValue other) {
    if (sv == other) {
        return kaa_from_obj(set_copy(sv));
    }
    KaaSet *result = make_new_set_basetype(kaa_type_of(sv), KAA_NULL), *s = as_set(sv);
    if (kaa_is_anyset(other)) {
        KaaSet *o = as_set(other);
        if (o->used > s->used) {  // iterate over the smaller one
            KaaSet *t = s;
            s = o;
            o = t;
        }
        KaaSetEntry *e;
        for (int64_t pos = 0; (e = next_entry(o, &pos)) != NULL;) {
            KaaValue k = e->key;
            int64_t h = e->hash;
            if (lookkey(s, k, h) != NULL) {
                add_entry(result, k, h);
            }
        }
        return kaa_from_obj(result);
    }
    KaaValue it = kaa_iter(other);
    for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
        int64_t h = container_hash(k);
        if (lookkey(s, k, h) != NULL) {
            add_entry(result, k, h);
        }
    }
    return kaa_from_obj(result);
}

// s -= other, for any iterable other.
void kaa_set_difference_update(KaaSet *s, KaaValue other) {
    if (kaa_from_obj(s) == other) {
        reset_table(s);
        return;
    }
    if (kaa_is_anyset(other)) {
        KaaSetEntry *e;
        KaaSet *o = as_set(other);
        for (int64_t pos = 0; (e = next_entry(o, &pos)) != NULL;) {
            discard_entry(s, e->key, e->hash);
        }
    } else {
        KaaValue it = kaa_iter(other);
        for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
            discard_entry(s, k, container_hash(k));
        }
    }
    // More than a quarter dummies: rebuild them away.
    if ((size_t)(s->fill - s->used) * 4 > (size_t)s->mask) {
        table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
    }
}

static KaaValue copy_and_difference(KaaValue sv, KaaValue other) {
    KaaSet *r = set_copy(sv);
    kaa_set_difference_update(r, other);
    return kaa_from_obj(r);
}

// s - other: either a copy of s with other's keys removed, or (when other is a set or dict
// not much smaller than s) a new set built from the keys of s that other lacks.
static KaaValue set_difference(KaaValue sv, KaaValue other) {
    KaaSet *s = as_set(sv);
    int64_t other_size;
    if (kaa_is_anyset(other)) {
        other_size = as_set(other)->used;
    } else if (kaa_is_type(other, &kaa_dict_type)) {
        other_size = kaa_dict(other)->used;
    } else {
        return copy_and_difference(sv, other);
    }
    if ((s->used >> 2) > other_size) {  // much bigger than other: copy, then remove
        return copy_and_difference(sv, other);
    }
    KaaSet *result = make_new_set_basetype(kaa_type_of(sv), KAA_NULL);
    bool is_dict = !kaa_is_anyset(other);
    KaaSetEntry *e;
    for (int64_t pos = 0; (e = next_entry(s, &pos)) != NULL;) {
        KaaValue k = e->key;
        int64_t h = e->hash;
        bool found = is_dict ? kaa_dict_get_hashed(kaa_dict(other), k, h) != KAA_NULL
                             : lookkey(as_set(other), k, h) != NULL;
        if (!found) {
            add_entry(result, k, h);
        }
    }
    return kaa_from_obj(result);
}

// s ^= other: each key of other is removed from s when there, added otherwise.
void kaa_set_symmetric_update(KaaSet *s, KaaValue other) {
    if (kaa_from_obj(s) == other) {
        reset_table(s);
        return;
    }
    if (kaa_is_type(other, &kaa_dict_type)) {
        KaaDict *d = kaa_dict(other);
        for (int64_t i = 0; i < d->nentries; i++) {
            KaaDictEntry e = d->entries[i];
            if (e.key != KAA_NULL && !discard_entry(s, e.key, e.hash)) {
                add_entry(s, e.key, e.hash);
            }
        }
        return;
    }
    KaaSet *o = kaa_is_anyset(other) ? as_set(other)
                                     : make_new_set_basetype(kaa_type_of(kaa_from_obj(s)), other);
    KaaSetEntry *e;
    for (int64_t pos = 0; (e = next_entry(o, &pos)) != NULL;) {
        KaaValue k = e->key;
        int64_t h = e->hash;
        if (!discard_entry(s, k, h)) {
            add_entry(s, k, h);
        }
    }
}

// s ^ other starts from a copy of other, then toggles the keys of s (CPython's order).
static KaaValue set_symmetric_difference(KaaValue sv, KaaValue other) {
    KaaSet *r = make_new_set_basetype(kaa_type_of(sv), other);
    kaa_set_symmetric_update(r, sv);
    return kaa_from_obj(r);
}

// Every key of s is in o (a size check first settles most negatives).
static bool set_issubset(KaaSet *s, KaaSet *o) {
    if (s->used > o->used) {
        return false;
    }
    KaaSetEntry *e;
    for (int64_t pos = 0; (e = next_entry(s, &pos)) != NULL;) {
        if (lookkey(o, e->key, e->hash) == NULL) {
            return false;
        }
    }
    return true;
}

// The other operand of issubset/issuperset as a set (a new one for other iterables).
static KaaSet *as_anyset(KaaValue other) {
    return kaa_is_anyset(other) ? as_set(other) : make_new_set(&kaa_set_type, other);
}

// ---- slots ----------------------------------------------------------------------------------

static KaaValue set_repr_body(KaaValue self) {
    bool exact = kaa_is_type(self, &kaa_set_type);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    if (!exact) {
        kaa_strbuf_puts(&b, kaa_type_name_of(self));
        kaa_strbuf_putc(&b, '(');
    }
    kaa_strbuf_putc(&b, '{');
    KaaList *keys = kaa_list(kaa_list_from_iterable(self));
    for (int64_t i = 0; i < keys->len; i++) {
        if (i > 0) {
            kaa_strbuf_puts(&b, ", ");
        }
        kaa_strbuf_putstr(&b, kaa_repr(keys->items[i]));
    }
    kaa_strbuf_puts(&b, exact ? "}" : "})");
    return kaa_strbuf_finish(&b);
}

static KaaValue set_repr(KaaValue self) {
    if (as_set(self)->used == 0) {
        return kaa_str_printf("%s()", kaa_type_name_of(self));
    }
    check_depth(WHILE_REPR);
    return guarded_repr(self, kaa_str_printf("%s(...)", kaa_type_name_of(self)),
                        set_repr_body);
}

static uint64_t shuffle_bits(uint64_t h) {
    return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
}

// CPython's frozenset hash: order-independent xor of shuffled entry hashes (empty slots
// count as hash 0 and dummies as -1, then are cancelled out), mixed with the size.
static int64_t frozenset_hash(KaaValue self) {
    KaaSet *s = as_set(self);
    if (s->hash != -1) {
        return s->hash;
    }
    uint64_t hash = 0;
    for (int64_t i = 0; i <= s->mask; i++) {
        hash ^= shuffle_bits((uint64_t)s->table[i].hash);
    }
    if ((s->mask + 1 - s->fill) & 1) {
        hash ^= shuffle_bits(0);
    }
    if ((s->fill - s->used) & 1) {
        hash ^= shuffle_bits((uint64_t)-1);
    }
    hash ^= ((uint64_t)s->used + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == (uint64_t)-1) {
        hash = 590923713ULL;
    }
    s->hash = (int64_t)hash;
    return s->hash;
}

// Sets compare by inclusion; two frozensets with known, different hashes are unequal
// without a walk.
static KaaValue set_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_anyset(b) || !kaa_is_anyset(a)) {
        return kaa_NotImplemented;
    }
    KaaSet *x = as_set(a), *y = as_set(b);
    switch (op) {
    case KAA_EQ:
    case KAA_NE: {
        bool eq = x->used == y->used &&
                  !(x->hash != -1 && y->hash != -1 && x->hash != y->hash) && set_issubset(x, y);
        return kaa_bool(op == KAA_EQ ? eq : !eq);
    }
    case KAA_LE: return kaa_bool(set_issubset(x, y));
    case KAA_GE: return kaa_bool(set_issubset(y, x));
    case KAA_LT: return kaa_bool(x->used < y->used && set_issubset(x, y));
    default: return kaa_bool(x->used > y->used && set_issubset(y, x));
    }
}

static int64_t set_len(KaaValue self) { return as_set(self)->used; }

static int set_contains(KaaValue self, KaaValue key) {
    return kaa_set_contains(as_set(self), key);
}

// The operators take sets only (methods take any iterable) and build their result with the
// left operand's base type.
static KaaValue set_or(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(a) || !kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    KaaSet *r = set_copy(a);
    if (a != b) {
        merge(r, as_set(b));
    }
    return kaa_from_obj(r);
}

static KaaValue set_and(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(a) || !kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    return kaa_set_intersection(a, b);
}

static KaaValue set_sub(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(a) || !kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    return set_difference(a, b);
}

static KaaValue set_xor(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(a) || !kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    return set_symmetric_difference(a, b);
}

// In-place forms exist on set only; frozenset falls back to the binary ones.
static KaaValue set_ior(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    kaa_set_update(as_set(a), b);
    return a;
}

// s = s & other in place: the new table replaces s's.
static void take_body(KaaSet *s, KaaSet *from) {
    if (from->table == from->smalltable) {
        memcpy(s->smalltable, from->smalltable, sizeof s->smalltable);
        s->table = s->smalltable;
    } else {
        s->table = from->table;
    }
    s->fill = from->fill;
    s->used = from->used;
    s->mask = from->mask;
    s->hash = -1;
}

static KaaValue set_iand(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    take_body(as_set(a), as_set(kaa_set_intersection(a, b)));
    return a;
}

static KaaValue set_isub(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    kaa_set_difference_update(as_set(a), b);
    return a;
}

static KaaValue set_ixor(KaaValue a, KaaValue b) {
    if (!kaa_is_anyset(b)) {
        return kaa_NotImplemented;
    }
    kaa_set_symmetric_update(as_set(a), b);
    return a;
}

// ---- the iterator ---------------------------------------------------------------------------

typedef struct SetIter {
    KaaObject ob;
    KaaSet *set;   // NULL once exhausted
    int64_t used;  // len(set) when created
    int64_t pos;
    int64_t len;
} SetIter;

static KaaValue set_iter(KaaValue self) {
    SetIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &kaa_set_iterator_type;
    it->set = as_set(self);
    it->used = it->len = it->set->used;
    return kaa_from_obj(it);
}

// The iterator walks the table in slot order; a change of len(set) is an error, a change
// that keeps the size is not detected (as in CPython).
static KaaValue setiter_next(KaaValue self) {
    SetIter *it = (SetIter *)kaa_obj(self);
    KaaSet *s = it->set;
    if (s == NULL) {
        return KAA_NULL;
    }
    if (KAA_UNLIKELY(it->used != s->used)) {
        it->used = -1;  // sticky
        kaa_raise_msg(kaa_RuntimeError, "Set changed size during iteration");
    }
    KaaSetEntry *e = next_entry(s, &it->pos);
    if (e == NULL) {
        it->set = NULL;
        return KAA_NULL;
    }
    it->len--;
    return e->key;
}

static KaaValue iter_self(KaaValue self) { return self; }

static KaaValue setiter_length_hint(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    SetIter *it = (SetIter *)kaa_obj(self);
    return kaa_from_small(it->set && it->used == it->set->used ? it->len : 0);
}

static const KaaMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, 0, "Private method returning an estimate of "
                                                "len(list(it))."},
    {NULL},
};

KaaType kaa_set_iterator_type = {
    .ob = {&kaa_type_type},
    .name = "set_iterator",
    .instance_size = sizeof(SetIter),
    .iter = iter_self,
    .next = setiter_next,
    .methods = setiter_methods,
};

// ---- methods --------------------------------------------------------------------------------

// The qualified method name for messages: "set.add" or "frozenset.union".
static const char *qual(KaaValue self, const char *set_name, const char *frozen_name) {
    return is_mutable_set(self) ? set_name : frozen_name;
}

static KaaValue set_add_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("set.add", nargs, kw);
    kaa_set_add(as_set(self), args[0]);
    return kaa_None;
}

static KaaValue set_remove_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("set.remove", nargs, kw);
    if (!kaa_set_discard(as_set(self), args[0])) {
        kaa_raise_key_error(args[0]);
    }
    return kaa_None;
}

static KaaValue set_discard_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("set.discard", nargs, kw);
    kaa_set_discard(as_set(self), args[0]);
    return kaa_None;
}

static KaaValue set_pop_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("set.pop", nargs, kw);
    KaaSet *s = as_set(self);
    if (s->used == 0) {
        kaa_raise_key_error(kaa_str_from_cstr("pop from an empty set"));
    }
    // Resume where the last pop stopped, so repeated pops do not rescan the same slots.
    int64_t i = (int64_t)(s->finger & (uint64_t)s->mask);
    while (s->table[i].key == KAA_NULL || s->table[i].key == kaa_set_dummy) {
        i = i == s->mask ? 0 : i + 1;
    }
    KaaValue key = s->table[i].key;
    s->table[i].key = kaa_set_dummy;
    s->table[i].hash = DUMMY_HASH;
    s->used--;
    s->finger = (uint64_t)i + 1;
    return key;
}

static KaaValue set_clear_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("set.clear", nargs, kw);
    reset_table(as_set(self));
    return kaa_None;
}

static KaaValue set_copy_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none(qual(self, "set.copy", "frozenset.copy"), nargs, kw);
    if (kaa_is_type(self, &kaa_frozenset_type)) {
        return self;  // immutable
    }
    return kaa_from_obj(set_copy(self));
}

// The methods accept any iterables, several at once; results keep CPython's build order.
static KaaValue set_union_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_no_kw(qual(self, "set.union", "frozenset.union"), kw);
    KaaSet *r = set_copy(self);
    for (size_t i = 0; i < nargs; i++) {
        if (args[i] != self) {
            kaa_set_update(r, args[i]);
        }
    }
    return kaa_from_obj(r);
}

// Intersections with several arguments are taken one after another, each result becoming
// the next left operand.
static KaaValue set_intersection_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_no_kw(qual(self, "set.intersection", "frozenset.intersection"), kw);
    if (nargs == 0) {
        return kaa_from_obj(set_copy(self));
    }
    KaaValue r = self;
    for (size_t i = 0; i < nargs; i++) {
        r = kaa_set_intersection(r, args[i]);
    }
    return r;
}

static KaaValue set_difference_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_no_kw(qual(self, "set.difference", "frozenset.difference"), kw);
    if (nargs == 0) {
        return kaa_from_obj(set_copy(self));
    }
    KaaValue r = set_difference(self, args[0]);
    for (size_t i = 1; i < nargs; i++) {
        kaa_set_difference_update(as_set(r), args[i]);
    }
    return r;
}

static KaaValue set_symdiff_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one(qual(self, "set.symmetric_difference", "frozenset.symmetric_difference"), nargs,
             kw);
    return set_symmetric_difference(self, args[0]);
}

static KaaValue set_update_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_no_kw("set.update", kw);
    for (size_t i = 0; i < nargs; i++) {
        kaa_set_update(as_set(self), args[i]);
    }
    return kaa_None;
}

static KaaValue set_intersection_update_m(KaaValue self, KaaValue *args, size_t nargs,
                                          KaaTuple *kw) {
    args_no_kw("set.intersection_update", kw);
    KaaValue r = set_intersection_m(self, args, nargs, NULL);
    take_body(as_set(self), as_set(r));
    return kaa_None;
}

static KaaValue set_difference_update_m(KaaValue self, KaaValue *args, size_t nargs,
                                        KaaTuple *kw) {
    args_no_kw("set.difference_update", kw);
    for (size_t i = 0; i < nargs; i++) {
        kaa_set_difference_update(as_set(self), args[i]);
    }
    return kaa_None;
}

static KaaValue set_symdiff_update_m(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    args_one("set.symmetric_difference_update", nargs, kw);
    kaa_set_symmetric_update(as_set(self), args[0]);
    return kaa_None;
}

// Walks the smaller of two exact sets; other iterables are walked as they come.
static KaaValue set_isdisjoint_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one(qual(self, "set.isdisjoint", "frozenset.isdisjoint"), nargs, kw);
    KaaValue other = args[0];
    KaaSet *s = as_set(self);
    if (other == self) {
        return kaa_bool(s->used == 0);
    }
    if (kaa_is_type(other, &kaa_set_type) || kaa_is_type(other, &kaa_frozenset_type)) {
        KaaSet *o = as_set(other);
        if (o->used > s->used) {
            KaaSet *t = s;
            s = o;
            o = t;
        }
        KaaSetEntry *e;
        for (int64_t pos = 0; (e = next_entry(o, &pos)) != NULL;) {
            if (lookkey(s, e->key, e->hash) != NULL) {
                return kaa_False;
            }
        }
        return kaa_True;
    }
    KaaValue it = kaa_iter(other);
    for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
        if (lookkey(s, k, container_hash(k)) != NULL) {
            return kaa_False;
        }
    }
    return kaa_True;
}

static KaaValue set_issubset_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one(qual(self, "set.issubset", "frozenset.issubset"), nargs, kw);
    return kaa_bool(set_issubset(as_set(self), as_anyset(args[0])));
}

static KaaValue set_issuperset_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one(qual(self, "set.issuperset", "frozenset.issuperset"), nargs, kw);
    return kaa_bool(set_issubset(as_anyset(args[0]), as_set(self)));
}

// Pickling and copy: (type, (list of keys,), instance __dict__ or None).
static KaaValue set_reduce_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none(qual(self, "set.__reduce__", "frozenset.__reduce__"), nargs, kw);
    KaaValue keys = kaa_list_from_iterable(self);
    KaaValue *dict = kaa_instance_dict_slot(self);
    KaaValue state = dict && *dict ? *dict : kaa_None;
    KaaValue type = kaa_from_obj(kaa_type_of(self));
    return kaa_from_obj(kaa_tuple_pack(3, type, kaa_from_obj(kaa_tuple_pack(1, keys)), state));
}

static KaaValue set_sizeof_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none(qual(self, "set.__sizeof__", "frozenset.__sizeof__"), nargs, kw);
    KaaSet *s = as_set(self);
    // CPython's numbers: a 200-byte object, plus the table when it is not the inline one.
    int64_t size = 200;
    if (s->table != s->smalltable) {
        size += (s->mask + 1) * 16;
    }
    return kaa_from_small(size);
}

#define FROZEN_METHODS                                                                        \
    {"copy", set_copy_m, 0, "Return a shallow copy of a set."},                               \
    {"difference", set_difference_m, 0, "Return the difference of two or more sets as a new " \
                                        "set."},                                              \
    {"intersection", set_intersection_m, 0, "Return the intersection of two sets as a new "   \
                                            "set."},                                          \
    {"isdisjoint", set_isdisjoint_m, 0, "Return True if two sets have a null intersection."}, \
    {"issubset", set_issubset_m, 0, "Report whether another set contains this set."},         \
    {"issuperset", set_issuperset_m, 0, "Report whether this set contains another set."},     \
    {"symmetric_difference", set_symdiff_m, 0, "Return the symmetric difference of two sets " \
                                               "as a new set."},                              \
    {"union", set_union_m, 0, "Return the union of sets as a new set."},                      \
    {"__reduce__", set_reduce_m, 0, "Return state information for pickling."},                \
    {"__sizeof__", set_sizeof_m, 0, "S.__sizeof__() -> size of S in memory, in bytes"},      \
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"}

static const KaaMethodDef set_methods[] = {
    FROZEN_METHODS,
    {"add", set_add_m, 0, "Add an element to a set."},
    {"clear", set_clear_m, 0, "Remove all elements from this set."},
    {"discard", set_discard_m, 0, "Remove an element from a set if it is a member."},
    {"pop", set_pop_m, 0, "Remove and return an arbitrary set element."},
    {"remove", set_remove_m, 0, "Remove an element from a set; it must be a member."},
    {"update", set_update_m, 0, "Update a set with the union of itself and others."},
    {"intersection_update", set_intersection_update_m, 0, "Update a set with the intersection "
                                                          "of itself and another."},
    {"difference_update", set_difference_update_m, 0, "Remove all elements of another set "
                                                      "from this set."},
    {"symmetric_difference_update", set_symdiff_update_m, 0, "Update a set with the "
                                                             "symmetric difference of itself "
                                                             "and another."},
    {NULL},
};

static const KaaMethodDef frozenset_methods[] = {
    FROZEN_METHODS,
    {NULL},
};

// ---- creation -------------------------------------------------------------------------------

// set() creates an empty set and set.__init__ fills it (so subclasses may override either);
// frozenset does all its work in __new__, being immutable.
static KaaValue set_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &kaa_set_type) {
        args_no_kw("set", kwnames);
    }
    return kaa_from_obj(kaa_set_new(type));
}

static void set_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    args_no_kw("set", kwnames);
    args_at_most(kaa_type_name_of(self), nargs, 1);
    KaaSet *s = as_set(self);
    if (s->fill) {
        reset_table(s);
    }
    s->hash = -1;
    if (nargs) {
        kaa_set_update(s, args[0]);
    }
}

static KaaValue frozenset_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &kaa_frozenset_type || type->init == kaa_object_type.init) {
        args_no_kw("frozenset", kwnames);
    }
    args_at_most(type->name, nargs, 1);
    KaaValue iterable = nargs ? args[0] : KAA_NULL;
    if (type == &kaa_frozenset_type && iterable && kaa_is_type(iterable, &kaa_frozenset_type)) {
        return iterable;  // immutable: frozenset(f) is f
    }
    return kaa_from_obj(make_new_set(type, iterable));
}

KaaType kaa_set_type = {
    .ob = {&kaa_type_type},
    .name = "set",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaSet),
    .repr = set_repr,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .binary = {[KAA_OP_OR] = set_or, [KAA_OP_AND] = set_and, [KAA_OP_SUB] = set_sub,
               [KAA_OP_XOR] = set_xor},
    .inplace = {[KAA_OP_OR] = set_ior, [KAA_OP_AND] = set_iand, [KAA_OP_SUB] = set_isub,
                [KAA_OP_XOR] = set_ixor},
    .len = set_len,
    .contains = set_contains,
    .new_ = set_new,
    .init = set_init,
    .methods = set_methods,
};

KaaType kaa_frozenset_type = {
    .ob = {&kaa_type_type},
    .name = "frozenset",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaSet),
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .binary = {[KAA_OP_OR] = set_or, [KAA_OP_AND] = set_and, [KAA_OP_SUB] = set_sub,
               [KAA_OP_XOR] = set_xor},
    .len = set_len,
    .contains = set_contains,
    .new_ = frozenset_new,
    .methods = frozenset_methods,
};
