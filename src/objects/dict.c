// objects/dict.c — the dict type: a compact, insertion-ordered hash table.
//
// Stage: objects. Owns KaaDict storage and lookup, dict's slots and methods, and the public
// kaa_dict_* API the VM, the compiler and every module use. The layout is CPython's: a dense
// array of entries in insertion order, and a sparse table of 1/2/4/8-byte indices into it
// (by table size), probed with CPython's perturbation. A table of 2**k slots holds at most
// 2**k * 2/3 entries; when the entries run out the table is rebuilt for 3 * len(d) slots.
// `version` changes on every mutation, to a number no other dict has had (global caches).
// Views, dict iterators and mappingproxy are in dictview.c.
// Must not: hold an entry pointer across a call that can run Python code (__eq__, __hash__,
// __missing__) without checking that the table was not rebuilt meanwhile.
#include "objects/containers.h"

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)  // a deleted entry's slot: probing continues past it
#define PERTURB_SHIFT 5
#define USABLE(size) ((int64_t)(((size) << 1) / 3))
#define LOG2_MINSIZE 3

// Every empty dict shares this read-only index table (capacity 0: the first insertion
// rebuilds the table before writing).
static const int8_t empty_indices[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
static uint64_t last_version;

static inline void bump(KaaDict *d) { d->version = ++last_version; }
// Keys added or removed, or entries moved: the VM's cached entry indexes become stale.
static inline void bump_keys(KaaDict *d) {
    d->version = ++last_version;
    d->keys_version = d->version;
}

bool kaa_is_dict(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_DICT_SUBCLASS);
}

// An empty dict allocates nothing: it shares the read-only index table, and the first
// insertion builds real tables (8 slots, 5 entries).
static void init_empty(KaaDict *d) {
    d->used = d->nentries = d->capacity = 0;
    d->log2size = LOG2_MINSIZE;
    d->indices = (void *)empty_indices;
    d->entries = NULL;
    bump_keys(d);
}

KaaDict *kaa_dict_new(void) {
    KaaDict *d = kaa_alloc(sizeof(KaaDict));
    d->ob.type = &kaa_dict_type;
    init_empty(d);
    return d;
}

// ---- the index table ------------------------------------------------------------------------

// Index slots are as narrow as the table allows (1 byte up to 128 slots, 2 up to 32768...),
// which keeps small tables within a cache line or two.
static inline int ix_shift(uint8_t log2size) {
    return log2size < 8 ? 0 : log2size < 16 ? 1 : log2size < 32 ? 2 : 3;
}

static inline int64_t ix_get(const KaaDict *d, size_t i) {
    uint8_t l = d->log2size;
    if (l < 8) {
        return ((const int8_t *)d->indices)[i];
    }
    if (l < 16) {
        return ((const int16_t *)d->indices)[i];
    }
    if (l < 32) {
        return ((const int32_t *)d->indices)[i];
    }
    return ((const int64_t *)d->indices)[i];
}

static inline void ix_set(KaaDict *d, size_t i, int64_t ix) {
    uint8_t l = d->log2size;
    if (l < 8) {
        ((int8_t *)d->indices)[i] = (int8_t)ix;
    } else if (l < 16) {
        ((int16_t *)d->indices)[i] = (int16_t)ix;
    } else if (l < 32) {
        ((int32_t *)d->indices)[i] = (int32_t)ix;
    } else {
        ((int64_t *)d->indices)[i] = ix;
    }
}

static inline size_t dmask(const KaaDict *d) { return ((size_t)1 << d->log2size) - 1; }

// The first empty slot on hash's probe path (for a key known to be absent).
static size_t find_empty(const KaaDict *d, int64_t hash) {
    size_t mask = dmask(d), perturb = (size_t)hash, i = (size_t)hash & mask;
    while (ix_get(d, i) != DKIX_EMPTY) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

// The slot holding entry index ix (which is live).
static size_t find_slot_of(const KaaDict *d, int64_t hash, int64_t ix) {
    size_t mask = dmask(d), perturb = (size_t)hash, i = (size_t)hash & mask;
    while (ix_get(d, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

// log2 of the table size for minsize: CPython's rounding, which is the next power of two
// at least minsize, except that a power of two from 16 up gets the one above it (at least 8).
static uint8_t log2_for(uint64_t minsize) {
    uint64_t x = ((minsize | 8) - 1) | 7;
    return (uint8_t)(64 - __builtin_clzll(x));
}

// Rebuilds d with 2**log2 index slots and its live entries, compacted, in order.
static void rebuild(KaaDict *d, uint8_t log2) {
    size_t size = (size_t)1 << log2;
    int64_t usable = USABLE(size);
    size_t ixbytes = size << ix_shift(log2);
    void *indices = kaa_alloc_atomic(ixbytes);
    memset(indices, 0xff, ixbytes);  // DKIX_EMPTY at every width
    KaaDictEntry *entries = kaa_alloc((size_t)usable * sizeof(KaaDictEntry));
    int64_t j = 0;
    for (int64_t i = 0; i < d->nentries; i++) {
        if (d->entries[i].key != KAA_NULL) {
            entries[j++] = d->entries[i];
        }
    }
    d->log2size = log2;
    d->indices = indices;
    d->entries = entries;
    d->capacity = usable;
    d->nentries = d->used = j;
    for (int64_t k = 0; k < j; k++) {
        ix_set(d, find_empty(d, entries[k].hash), k);
    }
    bump_keys(d);
}

// Room for n keys without a rebuild (BUILD_MAP, dict.fromkeys of a sized iterable).
KaaDict *kaa_dict_new_presized(size_t n) {
    KaaDict *d = kaa_dict_new();
    if (n > (size_t)USABLE(8)) {
        rebuild(d, log2_for((n * 3 + 1) / 2));
    }
    return d;
}

// ---- lookup ---------------------------------------------------------------------------------

// The entry index of key, or -1 with *slot set to the empty index slot that ended the
// search (where find_empty would put the key). An __eq__ that rebuilds or changes the table
// restarts the search.
static int64_t lookup(KaaDict *d, KaaValue key, int64_t hash, size_t *slot) {
restart:;
    KaaDictEntry *entries = d->entries;
    size_t mask = dmask(d), perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        int64_t ix = ix_get(d, i);
        if (ix >= 0) {
            KaaDictEntry *e = &entries[ix];
            KaaValue k = e->key;
            if (k == key) {
                return ix;
            }
            if (e->hash == hash) {
                int q = quick_eq(k, key);
                if (q < 0) {
                    q = kaa_richcompare_bool(k, key, KAA_EQ);
                    if (d->entries != entries || e->key != k) {
                        goto restart;
                    }
                }
                if (q) {
                    return ix;
                }
            }
        } else if (ix == DKIX_EMPTY) {
            *slot = i;
            return -1;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// lookup for an exact-str key: interned strs compare by address, other strs by content.
static int64_t lookup_str(KaaDict *d, KaaValue key, int64_t hash, size_t *slot) {
    KaaDictEntry *entries = d->entries;
    size_t mask = dmask(d), perturb = (size_t)hash, i = (size_t)hash & mask;
    bool interned = kaa_str(key)->interned;
    for (;;) {
        int64_t ix = ix_get(d, i);
        if (ix >= 0) {
            KaaValue k = entries[ix].key;
            if (k == key) {
                return ix;
            }
            if (entries[ix].hash == hash) {
                if (!is_exact_str(k)) {
                    return lookup(d, key, hash, slot);  // another type, same hash
                }
                if (!(interned && kaa_str(k)->interned) && kaa_str_eq(k, key)) {
                    return ix;
                }
            }
        } else if (ix == DKIX_EMPTY) {
            *slot = i;
            return -1;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

static inline int64_t find(KaaDict *d, KaaValue key, int64_t hash, size_t *slot) {
    return is_exact_str(key) ? lookup_str(d, key, hash, slot) : lookup(d, key, hash, slot);
}

// The lookups: hash once (inline for small ints and strs), then probe.
KaaValue kaa_dict_get(KaaDict *d, KaaValue key) {
    int64_t hash = container_hash(key);
    size_t slot;
    int64_t ix = find(d, key, hash, &slot);
    return ix >= 0 ? d->entries[ix].value : KAA_NULL;
}

// For callers that already know the hash (set operations, dict views).
KaaValue kaa_dict_get_hashed(KaaDict *d, KaaValue key, int64_t hash) {
    size_t slot;
    int64_t ix = find(d, key, hash, &slot);
    return ix >= 0 ? d->entries[ix].value : KAA_NULL;
}

// Globals, builtins and instance attributes: the key is an exact (usually interned) str.
KaaValue kaa_dict_get_str(KaaDict *d, KaaValue key) {
    int64_t hash = kaa_str(key)->hash;
    if (KAA_UNLIKELY(hash == -1)) {
        hash = kaa_str_hash(key);
    }
    size_t slot;
    int64_t ix = lookup_str(d, key, hash, &slot);
    return ix >= 0 ? d->entries[ix].value : KAA_NULL;
}

int64_t kaa_dict_index_str(KaaDict *d, KaaValue key) {
    int64_t hash = kaa_str(key)->hash;
    if (KAA_UNLIKELY(hash == -1)) {
        hash = kaa_str_hash(key);
    }
    size_t slot;
    return lookup_str(d, key, hash, &slot);
}

KaaValue kaa_dict_get_cstr(KaaDict *d, const char *key) {
    return kaa_dict_get_str(d, kaa_str_from_cstr(key));
}

// ---- insertion and deletion -----------------------------------------------------------------

// Appends an entry for a key known to be absent; `slot` is where its lookup ended, or
// SIZE_MAX when unknown. A rebuild moves everything, so the slot is searched again then.
static void insert_new(KaaDict *d, KaaValue key, int64_t hash, KaaValue value, size_t slot) {
    if (d->nentries >= d->capacity) {
        rebuild(d, log2_for((uint64_t)d->used * 3));
        slot = SIZE_MAX;
    }
    ix_set(d, slot != SIZE_MAX ? slot : find_empty(d, hash), d->nentries);
    KaaDictEntry *e = &d->entries[d->nentries++];
    e->hash = hash;
    e->key = key;
    e->value = value;
    d->used++;
    bump_keys(d);
}

// Stores key: overwrites the value of an equal key (keeping the first key object), or
// appends a new entry. Either way the version changes.
void kaa_dict_set_hashed(KaaDict *d, KaaValue key, int64_t hash, KaaValue value) {
    size_t slot;
    int64_t ix = find(d, key, hash, &slot);
    if (ix >= 0) {
        d->entries[ix].value = value;
        bump(d);
        return;
    }
    insert_new(d, key, hash, value, slot);
}

void kaa_dict_set(KaaDict *d, KaaValue key, KaaValue value) {
    kaa_dict_set_hashed(d, key, container_hash(key), value);
}

// Keys set from C are interned, so later lookups by interned names hit by address.
void kaa_dict_set_cstr(KaaDict *d, const char *key, KaaValue value) {
    kaa_dict_set(d, kaa_str_intern_cstr(key), value);
}

// Deletion leaves a hole in the entries (iteration skips it) and a dummy in the index
// table (probing continues past it); the next rebuild drops both.
static void delete_entry(KaaDict *d, int64_t ix) {
    KaaDictEntry *e = &d->entries[ix];
    ix_set(d, find_slot_of(d, e->hash, ix), DKIX_DUMMY);
    e->key = KAA_NULL;
    e->value = KAA_NULL;
    d->used--;
    bump_keys(d);
}

bool kaa_dict_del(KaaDict *d, KaaValue key) {
    size_t slot;
    int64_t ix = find(d, key, container_hash(key), &slot);
    if (ix < 0) {
        return false;
    }
    delete_entry(d, ix);
    return true;
}

// Removes key and returns its value, or KAA_NULL when absent.
static KaaValue pop_key(KaaDict *d, KaaValue key) {
    if (d->used == 0) {
        container_hash(key);  // still TypeError for an unhashable key
        return KAA_NULL;
    }
    size_t slot;
    int64_t ix = find(d, key, container_hash(key), &slot);
    if (ix < 0) {
        return KAA_NULL;
    }
    KaaValue v = d->entries[ix].value;
    delete_entry(d, ix);
    return v;
}

// Iteration from C: *pos is an entry index, so it stays valid while values change.
bool kaa_dict_next(KaaDict *d, int64_t *pos, KaaValue *key, KaaValue *value) {
    int64_t i = *pos;
    while (i < d->nentries) {
        KaaDictEntry *e = &d->entries[i++];
        if (e->key != KAA_NULL) {
            *pos = i;
            *key = e->key;
            if (value) {
                *value = e->value;
            }
            return true;
        }
    }
    *pos = i;
    return false;
}

void kaa_dict_clear(KaaDict *d) {
    init_empty(d);
}

// Makes the empty dict r a copy of d, which has no deleted entries: both tables as they are.
static void clone_into(KaaDict *r, KaaDict *d) {
    size_t ixbytes = ((size_t)1 << d->log2size) << ix_shift(d->log2size);
    r->indices = kaa_alloc_atomic(ixbytes);
    memcpy(r->indices, d->indices, ixbytes);
    r->entries = kaa_alloc((size_t)USABLE((size_t)1 << d->log2size) * sizeof(KaaDictEntry));
    memcpy(r->entries, d->entries, (size_t)d->nentries * sizeof(KaaDictEntry));
    r->log2size = d->log2size;
    r->capacity = d->capacity;
    r->nentries = d->nentries;
    r->used = d->used;
    bump_keys(r);
}

static void merge_dict(KaaDict *a, KaaDict *b);

KaaDict *kaa_dict_copy(KaaDict *d) {
    KaaDict *r = kaa_dict_new();
    if (d->used == 0) {
        return r;
    }
    // Mostly live entries: clone the tables as they are, holes included (as CPython does).
    if (d->used >= d->nentries * 2 / 3) {
        clone_into(r, d);
        return r;
    }
    merge_dict(r, d);
    return r;
}

// ---- update ---------------------------------------------------------------------------------

// a.update(b) for a dict b that iterates as a dict: entries are copied with their hashes.
static void merge_dict(KaaDict *a, KaaDict *b) {
    if (a == b || b->used == 0) {
        return;
    }
    // Into an empty dict, a compact table big enough to be worth it is cloned.
    if (a->used == 0 && b->used == b->nentries &&
        (b->log2size == LOG2_MINSIZE || USABLE(((size_t)1 << b->log2size) / 2) < b->used)) {
        clone_into(a, b);
        return;
    }
    // One rebuild up front instead of several while inserting.
    if (USABLE((size_t)1 << a->log2size) < b->used) {
        rebuild(a, log2_for(((uint64_t)(a->used + b->used) * 3 + 1) / 2));
    }
    KaaDictEntry *entries = b->entries;
    int64_t n = b->nentries;
    for (int64_t i = 0; i < n; i++) {
        KaaDictEntry e = entries[i];
        if (e.key == KAA_NULL) {
            continue;
        }
        kaa_dict_set_hashed(a, e.key, e.hash, e.value);
        if (b->entries != entries || b->nentries != n) {
            kaa_raise_msg(kaa_RuntimeError, "dict mutated during update");
        }
    }
}

// update from an object with keys(): d[k] = other[k] for k in other.keys().
static void merge_mapping(KaaDict *d, KaaValue other) {
    KaaValue keys = kaa_call_method(other, KAA_ID(keys), NULL, 0);
    KaaValue it = kaa_iter(keys);
    for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
        kaa_dict_set(d, k, kaa_getitem(other, k));
    }
}

static void iter_item(void *ud) {
    KaaValue *v = ud;
    *v = kaa_iter(*v);
}

// The two halves of one element of dict(iterable): any iterable of length 2.
static void pair_of(KaaValue item, int64_t index, KaaValue *k, KaaValue *v) {
    KaaValue seq = item;
    if (!kaa_is_type(item, &kaa_tuple_type) && !kaa_is_type(item, &kaa_list_type)) {
        KaaValue it = item;
        KaaValue exc = kaa_protect(iter_item, &it);
        if (exc) {
            if (kaa_exc_matches(exc, kaa_TypeError)) {
                kaa_raise_type_error("cannot convert dictionary update sequence element #%lld "
                                     "to a sequence", (long long)index);
            }
            kaa_raise(exc);
        }
        seq = kaa_list_from_iterable(it);
    }
    bool tuple = kaa_is_type(seq, &kaa_tuple_type);
    int64_t n = tuple ? kaa_tuple(seq)->len : kaa_list(seq)->len;
    if (n != 2) {
        kaa_raise_value_error("dictionary update sequence element #%lld has length %lld; 2 is "
                              "required", (long long)index, (long long)n);
    }
    const KaaValue *items = tuple ? kaa_tuple(seq)->items : kaa_list(seq)->items;
    *k = items[0];
    *v = items[1];
}

// dict(iterable of pairs), with CPython's messages naming the bad element by its index.
static void merge_pairs(KaaDict *d, KaaValue iterable) {
    KaaValue it = kaa_iter(iterable);
    int64_t index = 0;
    for (KaaValue item; (item = kaa_next(it)) != KAA_NULL; index++) {
        KaaValue k, v;
        pair_of(item, index, &k, &v);
        kaa_dict_set(d, k, v);
    }
}

// dict.update(other): a dict is merged directly (even a subclass, unless it overrides
// __iter__, as in CPython); anything with keys() is a mapping; the rest are pairs.
void kaa_dict_update(KaaDict *d, KaaValue other) {
    if (kaa_is_dict(other) && kaa_type_of(other)->iter == kaa_dict_type.iter) {
        merge_dict(d, kaa_dict(other));
    } else if (kaa_getattr_opt(other, KAA_ID(keys)) != KAA_NULL) {
        merge_mapping(d, other);
    } else {
        merge_pairs(d, other);
    }
}

// ---- slots ----------------------------------------------------------------------------------

static KaaValue dict_repr_body(KaaValue self) {
    KaaDict *d = kaa_dict(self);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_putc(&b, '{');
    bool first = true;
    for (int64_t i = 0; i < d->nentries; i++) {  // re-read: a repr may mutate d
        KaaValue k = d->entries[i].key, v = d->entries[i].value;
        if (k == KAA_NULL) {
            continue;
        }
        if (!first) {
            kaa_strbuf_puts(&b, ", ");
        }
        first = false;
        kaa_strbuf_putstr(&b, kaa_repr(k));
        kaa_strbuf_puts(&b, ": ");
        kaa_strbuf_putstr(&b, kaa_repr(v));
    }
    kaa_strbuf_putc(&b, '}');
    return kaa_strbuf_finish(&b);
}

static KaaValue dict_repr(KaaValue self) {
    if (kaa_dict(self)->used == 0) {
        return kaa_str_from_ascii("{}", 2);
    }
    check_depth(WHILE_REPR);
    return guarded_repr(self, kaa_str_from_ascii("{...}", 5), dict_repr_body);
}

// Same length and every key of a maps to an equal value in b. The entry is copied before
// the comparisons, which may run Python code that changes a.
static bool dict_equal(KaaDict *a, KaaDict *b) {
    if (a->used != b->used) {
        return false;
    }
    for (int64_t i = 0; i < a->nentries; i++) {
        KaaDictEntry e = a->entries[i];
        if (e.key == KAA_NULL) {
            continue;
        }
        KaaValue bv = kaa_dict_get_hashed(b, e.key, e.hash);
        if (bv == KAA_NULL || !items_same(e.value, bv)) {
            return false;
        }
    }
    return true;
}

static KaaValue dict_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_dict(a) || !kaa_is_dict(b) || (op != KAA_EQ && op != KAA_NE)) {
        return kaa_NotImplemented;
    }
    check_depth(IN_COMPARISON);
    bool eq = dict_equal(kaa_dict(a), kaa_dict(b));
    return kaa_bool(op == KAA_EQ ? eq : !eq);
}

static int64_t dict_len(KaaValue self) { return kaa_dict(self)->used; }

// d[key]; a missing key goes to type(d).__missing__ for subclasses that define it.
static KaaValue dict_getitem(KaaValue self, KaaValue key) {
    KaaDict *d = kaa_dict(self);
    int64_t hash = container_hash(key);
    size_t slot;
    int64_t ix = find(d, key, hash, &slot);
    if (KAA_LIKELY(ix >= 0)) {
        return d->entries[ix].value;
    }
    if (kaa_obj(self)->type != &kaa_dict_type) {  // subclasses may define __missing__
        KaaValue missing = kaa_lookup_special(self, KAA_ID(__missing__));
        if (missing != KAA_NULL) {
            return kaa_call1(missing, key);
        }
    }
    kaa_raise_key_error(key);
}

static void dict_setitem(KaaValue self, KaaValue key, KaaValue value) {
    KaaDict *d = kaa_dict(self);
    if (value != KAA_NULL) {
        kaa_dict_set(d, key, value);
    } else if (!kaa_dict_del(d, key)) {
        kaa_raise_key_error(key);
    }
}

static int dict_contains(KaaValue self, KaaValue key) {
    KaaDict *d = kaa_dict(self);
    size_t slot;
    return find(d, key, container_hash(key), &slot) >= 0;
}

static KaaValue dict_iter(KaaValue self) {
    return kaa_dictiter_new(kaa_dict(self), &kaa_dict_keyiterator_type);
}

// d | other: a plain dict copy of d, updated; both operands must be dicts.
static KaaValue dict_or(KaaValue a, KaaValue b) {
    if (!kaa_is_dict(a) || !kaa_is_dict(b)) {
        return kaa_NotImplemented;
    }
    KaaDict *r = kaa_dict_copy(kaa_dict(a));
    kaa_dict_update(r, b);
    return kaa_from_obj(r);
}

static KaaValue dict_ior(KaaValue a, KaaValue b) {
    kaa_dict_update(kaa_dict(a), b);
    return a;
}

// ---- methods --------------------------------------------------------------------------------

static KaaValue dict_keys_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.keys", nargs, kw);
    return kaa_dictview_new(kaa_dict(self), &kaa_dict_keys_type);
}

static KaaValue dict_values_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.values", nargs, kw);
    return kaa_dictview_new(kaa_dict(self), &kaa_dict_values_type);
}

static KaaValue dict_items_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.items", nargs, kw);
    return kaa_dictview_new(kaa_dict(self), &kaa_dict_items_type);
}

static KaaValue dict_get_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("dict.get", "get", nargs, kw, 1, 2);
    KaaValue v = kaa_dict_get(kaa_dict(self), args[0]);
    return v != KAA_NULL ? v : nargs > 1 ? args[1] : kaa_None;
}

static KaaValue dict_setdefault_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("dict.setdefault", "setdefault", nargs, kw, 1, 2);
    KaaDict *d = kaa_dict(self);
    int64_t hash = container_hash(args[0]);
    size_t slot;
    int64_t ix = find(d, args[0], hash, &slot);
    if (ix >= 0) {
        return d->entries[ix].value;
    }
    KaaValue v = nargs > 1 ? args[1] : kaa_None;
    insert_new(d, args[0], hash, v, slot);
    return v;
}

static KaaValue dict_pop_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("dict.pop", "pop", nargs, kw, 1, 2);
    KaaValue v = pop_key(kaa_dict(self), args[0]);
    if (v != KAA_NULL) {
        return v;
    }
    if (nargs > 1) {
        return args[1];
    }
    kaa_raise_key_error(args[0]);
}

static KaaValue dict_popitem_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.popitem", nargs, kw);
    KaaDict *d = kaa_dict(self);
    if (d->used == 0) {
        kaa_raise_key_error(kaa_str_from_cstr("popitem(): dictionary is empty"));
    }
    int64_t i = d->nentries - 1;
    while (d->entries[i].key == KAA_NULL) {
        i--;
    }
    KaaValue k = d->entries[i].key, v = d->entries[i].value;
    delete_entry(d, i);
    // The trailing entries are reclaimed but not made usable again (as in CPython): the
    // index table keeps a dummy for each, so the table must still be rebuilt in time.
    d->capacity -= d->nentries - i;
    d->nentries = i;
    return kaa_from_obj(kaa_tuple_pack(2, k, v));
}

static KaaValue dict_update_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_at_most("update", nargs, 1);
    KaaDict *d = kaa_dict(self);
    if (nargs) {
        kaa_dict_update(d, args[0]);
    }
    for (int64_t i = 0; i < KAA_NKW(kw); i++) {
        kaa_dict_set(d, kw->items[i], args[nargs + (size_t)i]);
    }
    return kaa_None;
}

// dict.fromkeys(iterable, value=None), a classmethod: self is the class.
static KaaValue dict_fromkeys_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("dict.fromkeys", "fromkeys", nargs, kw, 1, 2);
    KaaValue d = kaa_call0(self), iterable = args[0];
    KaaValue value = nargs > 1 ? args[1] : kaa_None;
    if (kaa_is_type(d, &kaa_dict_type)) {
        KaaDict *r = kaa_dict(d);
        if (kaa_is_type(iterable, &kaa_dict_type)) {
            KaaDict *src = kaa_dict(iterable);
            for (int64_t i = 0; i < src->nentries; i++) {
                KaaDictEntry e = src->entries[i];
                if (e.key != KAA_NULL) {
                    kaa_dict_set_hashed(r, e.key, e.hash, value);
                }
            }
            return d;
        }
        KaaValue it = kaa_iter(iterable);
        for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
            kaa_dict_set(r, k, value);
        }
        return d;
    }
    KaaValue it = kaa_iter(iterable);
    for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
        kaa_setitem(d, k, value);
    }
    return d;
}

static KaaValue dict_copy_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.copy", nargs, kw);
    return kaa_from_obj(kaa_dict_copy(kaa_dict(self)));
}

static KaaValue dict_clear_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.clear", nargs, kw);
    kaa_dict_clear(kaa_dict(self));
    return kaa_None;
}

static KaaValue dict_reversed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.__reversed__", nargs, kw);
    return kaa_dictiter_new(kaa_dict(self), &kaa_dict_reversekeyiterator_type);
}

static KaaValue dict_sizeof_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("dict.__sizeof__", nargs, kw);
    KaaDict *d = kaa_dict(self);
    // CPython's accounting: the object, plus the keys object when it is not the shared empty
    // one (header, index bytes, 24-byte entries).
    int64_t size = 48, entry = 16;
    if (d->entries != NULL) {
        for (int64_t i = 0; i < d->nentries && entry == 16; i++) {
            KaaValue k = d->entries[i].key;
            entry = k == KAA_NULL || is_exact_str(k) ? 16 : 24;  // str-only tables are smaller
        }
        size += 32 + ((int64_t)1 << d->log2size << ix_shift(d->log2size)) +
                entry * USABLE((size_t)1 << d->log2size);
    }
    return kaa_from_small(size);
}

static KaaValue dict_getitem_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    // An explicit method as in CPython (so unbound misuse names a method descriptor).
    kaa_args_no_kw("__getitem__", kw);
    kaa_args_count("__getitem__", nargs, 1, 1);
    return dict_getitem(self, args[0]);
}

static const KaaMethodDef dict_methods[] = {
    {"keys", dict_keys_m, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", dict_values_m, 0, "D.values() -> an object providing a view on D's values"},
    {"items", dict_items_m, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"get", dict_get_m, 0, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_setdefault_m, 0, "Insert key with a value of default if key is not in "
                                         "the dictionary."},
    {"pop", dict_pop_m, 0, "D.pop(k[,d]) -> v, remove specified key and return the value."},
    {"popitem", dict_popitem_m, 0, "Remove and return a (key, value) pair as a 2-tuple."},
    {"update", dict_update_m, 0, "D.update([E, ]**F) -> None.  Update D from dict/iterable E "
                                 "and F."},
    {"fromkeys", dict_fromkeys_m, KAA_METH_CLASS, "Create a new dictionary with keys from "
                                                  "iterable and values set to value."},
    {"copy", dict_copy_m, 0, "D.copy() -> a shallow copy of D"},
    {"clear", dict_clear_m, 0, "D.clear() -> None.  Remove all items from D."},
    {"__reversed__", dict_reversed_m, 0, "Return a reverse iterator over the dict keys."},
    {"__sizeof__", dict_sizeof_m, 0, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"__getitem__", dict_getitem_m, 0, "x.__getitem__(y) <==> x[y]"},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

// ---- creation -------------------------------------------------------------------------------

// dict() makes an empty dict and dict.__init__ fills it, as update() does.
static KaaValue dict_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &kaa_dict_type) {
        return kaa_from_obj(kaa_dict_new());
    }
    KaaValue v = kaa_instance_alloc(type, 0);
    init_empty(kaa_dict(v));
    return v;
}

static void dict_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    args_at_most("dict", nargs, 1);
    KaaDict *d = kaa_dict(self);
    if (nargs) {
        kaa_dict_update(d, args[0]);
    }
    for (int64_t i = 0; i < KAA_NKW(kwnames); i++) {
        kaa_dict_set(d, kwnames->items[i], args[nargs + (size_t)i]);
    }
}

KaaType kaa_dict_type = {
    .ob = {&kaa_type_type},
    .name = "dict",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_DICT_SUBCLASS | KAA_TPFLAG_MAPPING,
    .instance_size = sizeof(KaaDict),
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .binary = {[KAA_OP_OR] = dict_or},
    .inplace = {[KAA_OP_OR] = dict_ior},
    .len = dict_len,
    .getitem = dict_getitem,
    .setitem = dict_setitem,
    .contains = dict_contains,
    .new_ = dict_new,
    .init = dict_init,
    .methods = dict_methods,
};
