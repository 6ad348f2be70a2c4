// modules/collections.c — the _collections module: deque (and its iterators), defaultdict,
// _count_elements (Counter's counting loop) and _tuplegetter (namedtuple's field access).
//
// Stage: modules. A deque is a ring buffer whose capacity is a power of two: appends and pops
// at either end are O(1) (amortised when it grows), indexing is O(1), rotate moves
// min(n, len-n) items. Every change of length or order bumps `state`, which the iterators
// check to raise "deque mutated during iteration" as CPython does. defaultdict is a static
// subclass of dict: dict's slots do the work and dict's getitem calls __missing__.
// OrderedDict is a static subclass of dict too, relying on dict's insertion order.
#include "modules/coremods.h"

// True when entry i of d holds key (by identity).
static bool items_key_is(KaaDict *d, int64_t i, KaaValue key) {
    return i >= 0 && d->entries[i].key == key;
}

static const char *short_name(KaaValue v) {
    const char *name = kaa_type_name_of(v);
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

// ---- deque: the ring buffer -------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue *items;  // cap slots; the item at logical index i is items[(head + i) & (cap-1)]
    int64_t cap, head, len;
    int64_t maxlen;   // -1: unbounded
    uint64_t state;
    KaaValue weakreflist;
} Deque;

static KaaType deque_type, deque_iter_type, deque_riter_type;

static Deque *dq(KaaValue v) { return (Deque *)kaa_obj(v); }

static inline KaaValue *slot_at(Deque *d, int64_t i) {
    return &d->items[(d->head + i) & (d->cap - 1)];
}

// Makes room for `extra` more items, doubling the ring and unwrapping it.
static void deque_reserve(Deque *d, int64_t extra) {
    if (d->len + extra <= d->cap) {
        return;
    }
    int64_t cap = d->cap ? d->cap : 8;
    while (cap < d->len + extra) {
        cap *= 2;
    }
    KaaValue *items = kaa_alloc(sizeof(KaaValue) * (size_t)cap);
    for (int64_t i = 0; i < d->len; i++) {
        items[i] = *slot_at(d, i);
    }
    d->items = items;
    d->cap = cap;
    d->head = 0;
}

static KaaValue deque_pop_right(Deque *d) {
    KaaValue *s = slot_at(d, d->len - 1);
    KaaValue v = *s;
    *s = KAA_NULL;
    d->len--;
    d->state++;
    return v;
}

static KaaValue deque_pop_left(Deque *d) {
    KaaValue *s = slot_at(d, 0);
    KaaValue v = *s;
    *s = KAA_NULL;
    d->head = (d->head + 1) & (d->cap - 1);
    d->len--;
    d->state++;
    return v;
}

static void deque_push_right(Deque *d, KaaValue v) {
    if (d->maxlen == 0) {
        return;
    }
    if (d->len == d->maxlen) {
        deque_pop_left(d);
    }
    deque_reserve(d, 1);
    *slot_at(d, d->len) = v;
    d->len++;
    d->state++;
}

static void deque_push_left(Deque *d, KaaValue v) {
    if (d->maxlen == 0) {
        return;
    }
    if (d->len == d->maxlen) {
        deque_pop_right(d);
    }
    deque_reserve(d, 1);
    d->head = (d->head - 1) & (d->cap - 1);
    *slot_at(d, 0) = v;
    d->len++;
    d->state++;
}

static void deque_clear_all(Deque *d) {
    d->items = NULL;
    d->cap = d->head = d->len = 0;
    d->state++;
}

// The items as a list (iterating a deque while extending it from itself needs a snapshot).
static KaaList *deque_to_list(Deque *d) {
    KaaList *l = kaa_list_new((size_t)d->len);
    for (int64_t i = 0; i < d->len; i++) {
        l->items[i] = *slot_at(d, i);
    }
    return l;
}

static void deque_extend_right(Deque *d, KaaValue iterable) {
    if (kaa_obj(iterable) == &d->ob) {
        iterable = kaa_from_obj(deque_to_list(d));
    }
    if (kaa_is_type(iterable, &kaa_list_type) || kaa_is_type(iterable, &kaa_tuple_type)) {
        KaaValue *items = kaa_is_type(iterable, &kaa_list_type) ? kaa_list(iterable)->items
                                                                 : kaa_tuple(iterable)->items;
        int64_t n = kaa_is_type(iterable, &kaa_list_type) ? kaa_list(iterable)->len
                                                          : kaa_tuple(iterable)->len;
        for (int64_t i = 0; i < n; i++) {
            deque_push_right(d, items[i]);
        }
        return;
    }
    KaaValue it = kaa_iter(iterable);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        deque_push_right(d, v);
    }
}

static void deque_extend_left(Deque *d, KaaValue iterable) {
    if (kaa_obj(iterable) == &d->ob) {
        iterable = kaa_from_obj(deque_to_list(d));
    }
    KaaValue it = kaa_iter(iterable);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        deque_push_left(d, v);
    }
}

// Rotates right by n (left when negative), moving the fewer items.
static void deque_rotate_by(Deque *d, int64_t n) {
    int64_t len = d->len;
    if (len <= 1) {
        return;
    }
    n %= len;
    if (n < 0) {
        n += len;
    }
    if (n == 0) {
        return;
    }
    d->state++;
    if (d->len < d->cap && n > len / 2) {
        for (int64_t k = len - n; k > 0; k--) {  // left by len-n
            KaaValue v = *slot_at(d, 0);
            *slot_at(d, 0) = KAA_NULL;
            d->head = (d->head + 1) & (d->cap - 1);
            *slot_at(d, len - 1) = v;
        }
        return;
    }
    if (d->len < d->cap) {
        for (int64_t k = n; k > 0; k--) {  // right by n
            KaaValue v = *slot_at(d, len - 1);
            *slot_at(d, len - 1) = KAA_NULL;
            d->head = (d->head - 1) & (d->cap - 1);
            *slot_at(d, 0) = v;
        }
        return;
    }
    // A full ring: rotating is moving the head.
    d->head = (d->head - n) & (d->cap - 1);
}

// ---- deque: construction, sequence protocol ------------------------------------------------------

static KaaValue deque_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    Deque *d = cm_new(type);
    d->maxlen = -1;
    return kaa_from_obj(d);
}

static int64_t parse_maxlen(KaaValue v) {
    if (v == KAA_NULL || v == kaa_None) {
        return -1;
    }
    if (!kaa_is_int_like(v)) {
        kaa_raise_type_error("an integer is required");
    }
    int64_t n = kaa_int_as_i64(v);
    if (n < 0) {
        kaa_raise_value_error("maxlen must be non-negative");
    }
    return n;
}

static void deque_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"iterable", "maxlen", NULL};
    KaaValue a[2];
    kaa_args_bind("deque", args, nargs, kwnames, params, 0, 0, a);
    Deque *d = dq(self);
    d->maxlen = parse_maxlen(a[1]);
    if (d->len > 0) {
        deque_clear_all(d);
    }
    if (a[0] != KAA_NULL) {
        deque_extend_right(d, a[0]);
    }
}

static int64_t deque_len(KaaValue self) { return dq(self)->len; }

static int64_t deque_index_of(Deque *d, KaaValue key) {
    if (!kaa_is_int_like(key) && (kaa_is_float(key) || kaa_type_of(key)->index == NULL)) {
        kaa_raise_type_error("sequence index must be integer, not '%s'", kaa_type_name_of(key));
    }
    int64_t i;
    if (!kaa_int_to_i64(kaa_index(key), &i)) {
        kaa_raise_index_error("cannot fit 'int' into an index-sized integer");
    }
    if (i < 0) {
        i += d->len;
    }
    if (i < 0 || i >= d->len) {
        kaa_raise_index_error("deque index out of range");
    }
    return i;
}

static KaaValue deque_getitem(KaaValue self, KaaValue key) {
    Deque *d = dq(self);
    return *slot_at(d, deque_index_of(d, key));
}

// Deletes the item at i, moving the shorter side.
static void deque_del_at(Deque *d, int64_t i) {
    if (i < d->len / 2) {
        for (int64_t k = i; k > 0; k--) {
            *slot_at(d, k) = *slot_at(d, k - 1);
        }
        deque_pop_left(d);
    } else {
        for (int64_t k = i; k < d->len - 1; k++) {
            *slot_at(d, k) = *slot_at(d, k + 1);
        }
        deque_pop_right(d);
    }
}

static void deque_setitem(KaaValue self, KaaValue key, KaaValue value) {
    Deque *d = dq(self);
    int64_t i = deque_index_of(d, key);
    if (value == KAA_NULL) {
        deque_del_at(d, i);
    } else {
        *slot_at(d, i) = value;
    }
}

// Finds value from logical index start to stop; -1 when absent. Raises RuntimeError when a
// comparison changed the deque.
static int64_t deque_find(Deque *d, KaaValue value, int64_t start, int64_t stop) {
    uint64_t state = d->state;
    for (int64_t i = start; i < stop && i < d->len; i++) {
        KaaValue item = *slot_at(d, i);
        bool eq = kaa_eq(item, value);
        if (d->state != state) {
            kaa_raise_msg(kaa_RuntimeError, "deque mutated during iteration");
        }
        if (eq) {
            return i;
        }
    }
    return -1;
}

static int deque_contains(KaaValue self, KaaValue value) {
    Deque *d = dq(self);
    return deque_find(d, value, 0, d->len) >= 0;
}

static KaaValue deque_repr(KaaValue self) {
    Deque *d = dq(self);
    if (kaa_repr_enter(self)) {
        return kaa_str_from_cstr("[...]");
    }
    KaaValue body = kaa_repr(kaa_from_obj(deque_to_list(d)));
    kaa_repr_leave(self);
    if (d->maxlen >= 0) {
        return kaa_str_printf("%s(%S, maxlen=%lld)", short_name(self), body,
                              (long long)d->maxlen);
    }
    return kaa_str_printf("%s(%S)", short_name(self), body);
}

static KaaValue deque_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_isinstance_exact_or_sub(b, &deque_type)) {
        return kaa_NotImplemented;
    }
    Deque *x = dq(a), *y = dq(b);
    if ((op == KAA_EQ || op == KAA_NE) && x->len != y->len) {
        return kaa_bool(op == KAA_NE);
    }
    int64_t i = 0;
    for (; i < x->len && i < y->len; i++) {
        KaaValue u = *slot_at(x, i), v = *slot_at(y, i);
        if (!kaa_eq(u, v)) {
            if (op == KAA_EQ) {
                return kaa_False;
            }
            if (op == KAA_NE) {
                return kaa_True;
            }
            return kaa_richcompare(u, v, op);
        }
    }
    int64_t lx = x->len - i, ly = y->len - i;
    bool r;
    switch (op) {
    case KAA_LT: r = lx < ly; break;
    case KAA_LE: r = lx <= ly; break;
    case KAA_EQ: r = lx == ly; break;
    case KAA_NE: r = lx != ly; break;
    case KAA_GT: r = lx > ly; break;
    default: r = lx >= ly; break;
    }
    return kaa_bool(r);
}

// A new deque of the same type and maxlen holding d's items (deque.copy()).
static KaaValue deque_copy_of(KaaValue self) {
    Deque *d = dq(self);
    if (kaa_type_of(self) == &deque_type) {
        Deque *c = cm_new(&deque_type);
        c->maxlen = d->maxlen;
        deque_reserve(c, d->len);
        for (int64_t i = 0; i < d->len; i++) {
            c->items[i] = *slot_at(d, i);
        }
        c->len = d->len;
        return kaa_from_obj(c);
    }
    KaaValue type = kaa_from_obj(kaa_type_of(self));
    if (d->maxlen < 0) {
        return kaa_call1(type, self);
    }
    return kaa_call2(type, self, kaa_int_from_i64(d->maxlen));
}

static KaaValue deque_add(KaaValue a, KaaValue b) {
    if (!kaa_isinstance_exact_or_sub(a, &deque_type)) {
        return kaa_NotImplemented;
    }
    if (!kaa_isinstance_exact_or_sub(b, &deque_type)) {
        kaa_raise_type_error("can only concatenate deque (not \"%s\") to deque",
                             kaa_type_name_of(b));
    }
    KaaValue c = deque_copy_of(a);
    deque_extend_right(dq(c), b);
    return c;
}

static KaaValue deque_iadd(KaaValue a, KaaValue b) {
    deque_extend_right(dq(a), b);
    return a;
}

static void deque_repeat_in_place(Deque *d, int64_t n) {
    if (n <= 0 || d->len == 0) {
        if (d->len > 0) {
            deque_clear_all(d);
        }
        return;
    }
    KaaList *items = deque_to_list(d);
    for (int64_t k = 1; k < n; k++) {
        if (d->maxlen >= 0 && d->len == d->maxlen && k * items->len >= d->maxlen + items->len) {
            break;  // a full bounded deque only keeps rotating the same items
        }
        for (int64_t i = 0; i < items->len; i++) {
            deque_push_right(d, items->items[i]);
        }
    }
}

static int64_t repeat_count(KaaValue n) {
    if (!kaa_is_int_like(n) && (kaa_is_float(n) || kaa_type_of(n)->index == NULL)) {
        kaa_raise_type_error("can't multiply sequence by non-int of type '%s'",
                             kaa_type_name_of(n));
    }
    return kaa_index_i64(n);
}

static KaaValue deque_mul(KaaValue a, KaaValue b) {
    if (!kaa_isinstance_exact_or_sub(a, &deque_type)) {
        KaaValue t = a;
        a = b;
        b = t;
    }
    int64_t n = repeat_count(b);
    KaaValue c = deque_copy_of(a);
    deque_repeat_in_place(dq(c), n);
    return c;
}

static KaaValue deque_imul(KaaValue a, KaaValue b) {
    deque_repeat_in_place(dq(a), repeat_count(b));
    return a;
}

// ---- deque: methods -------------------------------------------------------------------------------

#define DEQUE_METHOD(name) \
    static KaaValue deque_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw)

DEQUE_METHOD(append) {
    kaa_args_count("deque.append", nargs, 1, 1);
    deque_push_right(dq(self), args[0]);
    return kaa_None;
}

DEQUE_METHOD(appendleft) {
    kaa_args_count("deque.appendleft", nargs, 1, 1);
    deque_push_left(dq(self), args[0]);
    return kaa_None;
}

DEQUE_METHOD(pop) {
    kaa_args_count("deque.pop", nargs, 0, 0);
    if (dq(self)->len == 0) {
        kaa_raise_index_error("pop from an empty deque");
    }
    return deque_pop_right(dq(self));
}

DEQUE_METHOD(popleft) {
    kaa_args_count("deque.popleft", nargs, 0, 0);
    if (dq(self)->len == 0) {
        kaa_raise_index_error("pop from an empty deque");
    }
    return deque_pop_left(dq(self));
}

DEQUE_METHOD(extend) {
    kaa_args_count("deque.extend", nargs, 1, 1);
    deque_extend_right(dq(self), args[0]);
    return kaa_None;
}

DEQUE_METHOD(extendleft) {
    kaa_args_count("deque.extendleft", nargs, 1, 1);
    deque_extend_left(dq(self), args[0]);
    return kaa_None;
}

DEQUE_METHOD(clear) {
    kaa_args_count("deque.clear", nargs, 0, 0);
    deque_clear_all(dq(self));
    return kaa_None;
}

DEQUE_METHOD(copy) {
    kaa_args_count("deque.copy", nargs, 0, 0);
    return deque_copy_of(self);
}

DEQUE_METHOD(count) {
    kaa_args_count("deque.count", nargs, 1, 1);
    Deque *d = dq(self);
    uint64_t state = d->state;
    int64_t n = 0;
    for (int64_t i = 0; i < d->len; i++) {
        bool eq = kaa_eq(*slot_at(d, i), args[0]);
        if (d->state != state) {
            kaa_raise_msg(kaa_RuntimeError, "deque mutated during iteration");
        }
        n += eq;
    }
    return kaa_from_small(n);
}

// A start/stop argument of index(): any __index__ value, clipped like a slice index.
static int64_t slice_index(KaaValue v, int64_t len) {
    if (!kaa_is_int_like(v) && (kaa_is_float(v) || kaa_type_of(v)->index == NULL)) {
        kaa_raise_type_error("slice indices must be integers or have an __index__ method");
    }
    int64_t i;
    if (!kaa_int_to_i64(kaa_index(v), &i)) {
        i = kaa_int_sign(v) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    if (i < 0) {
        i += len;
        if (i < 0) {
            i = 0;
        }
    }
    return i;
}

DEQUE_METHOD(index) {
    cm_check_positional("index", nargs, 1, 3);
    Deque *d = dq(self);
    int64_t start = nargs > 1 ? slice_index(args[1], d->len) : 0;
    int64_t stop = nargs > 2 ? slice_index(args[2], d->len) : d->len;
    int64_t i = deque_find(d, args[0], start, stop);
    if (i < 0) {
        kaa_raise_value_error("%R is not in deque", args[0]);
    }
    return kaa_from_small(i);
}

DEQUE_METHOD(insert) {
    cm_check_positional("insert", nargs, 2, 2);
    Deque *d = dq(self);
    int64_t i = kaa_index_i64(args[0]);
    if (d->maxlen >= 0 && d->len >= d->maxlen) {
        kaa_raise_index_error("deque already at its maximum size");
    }
    if (i < 0) {
        i = i + d->len < 0 ? 0 : i + d->len;
    }
    if (i >= d->len) {
        deque_push_right(d, args[1]);
        return kaa_None;
    }
    deque_push_right(d, KAA_NULL);
    for (int64_t k = d->len - 1; k > i; k--) {
        *slot_at(d, k) = *slot_at(d, k - 1);
    }
    *slot_at(d, i) = args[1];
    return kaa_None;
}

DEQUE_METHOD(remove) {
    kaa_args_count("deque.remove", nargs, 1, 1);
    Deque *d = dq(self);
    int64_t i = deque_find(d, args[0], 0, d->len);
    if (i < 0) {
        kaa_raise_value_error("%R is not in deque", args[0]);
    }
    deque_del_at(d, i);
    return kaa_None;
}

DEQUE_METHOD(reverse) {
    kaa_args_count("deque.reverse", nargs, 0, 0);
    Deque *d = dq(self);
    for (int64_t i = 0, j = d->len - 1; i < j; i++, j--) {
        KaaValue t = *slot_at(d, i);
        *slot_at(d, i) = *slot_at(d, j);
        *slot_at(d, j) = t;
    }
    d->state++;
    return kaa_None;
}

DEQUE_METHOD(rotate) {
    cm_check_positional("rotate", nargs, 0, 1);
    int64_t n = nargs ? cm_ssize(args[0]) : 1;
    deque_rotate_by(dq(self), n);
    return kaa_None;
}

DEQUE_METHOD(reduce) {
    Deque *d = dq(self);
    KaaValue *slot = kaa_instance_dict_slot(self);
    KaaValue state = slot && *slot ? *slot : kaa_None;
    KaaValue cargs = d->maxlen < 0
                         ? kaa_from_obj(kaa_empty_tuple)
                         : kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(kaa_empty_tuple),
                                                       kaa_int_from_i64(d->maxlen)));
    return kaa_from_obj(kaa_tuple_pack(4, kaa_from_obj(kaa_type_of(self)), cargs, state,
                                       kaa_iter(self)));
}

DEQUE_METHOD(sizeof) {
    return kaa_from_small(64 + 8 * dq(self)->cap);
}

static KaaValue deque_get_maxlen(KaaValue self) {
    int64_t m = dq(self)->maxlen;
    return m < 0 ? kaa_None : kaa_int_from_i64(m);
}

// ---- deque iterators ------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue deque;
    int64_t index;    // logical index of the next item
    int64_t counter;  // items left
    uint64_t state;
} DequeIter;

static KaaValue deque_iter_make(KaaType *type, KaaValue self, bool reverse) {
    Deque *d = dq(self);
    DequeIter *it = kaa_alloc(sizeof *it);
    it->ob.type = type;
    it->deque = self;
    it->index = reverse ? d->len - 1 : 0;
    it->counter = d->len;
    it->state = d->state;
    return kaa_from_obj(it);
}

static KaaValue deque_iter(KaaValue self) { return deque_iter_make(&deque_iter_type, self, false); }

static KaaValue deque_iter_step(KaaValue self, int64_t step) {
    DequeIter *it = (DequeIter *)kaa_obj(self);
    Deque *d = dq(it->deque);
    if (it->state != d->state) {
        it->counter = 0;
        kaa_raise_msg(kaa_RuntimeError, "deque mutated during iteration");
    }
    if (it->counter == 0) {
        return KAA_NULL;
    }
    KaaValue v = *slot_at(d, it->index);
    it->index += step;
    it->counter--;
    return v;
}

static KaaValue deque_iter_next(KaaValue self) { return deque_iter_step(self, 1); }
static KaaValue deque_riter_next(KaaValue self) { return deque_iter_step(self, -1); }

static KaaValue deque_iter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kw) {
    return kaa_from_small(((DequeIter *)kaa_obj(self))->counter);
}

DEQUE_METHOD(reversed) {
    kaa_args_count("__reversed__", nargs, 0, 0);
    return deque_iter_make(&deque_riter_type, self, true);
}

// _deque_iterator(deque, index=0): an iterator positioned at index (pickling support).
static KaaValue deque_iter_new_common(KaaType *type, KaaValue *args, size_t nargs, bool rev) {
    cm_check_positional(rev ? "_deque_reverse_iterator" : "_deque_iterator", nargs, 1, 2);
    if (!kaa_isinstance_exact_or_sub(args[0], &deque_type)) {
        kaa_raise_type_error("argument 1 must be collections.deque, not %s",
                             kaa_argtype_name(args[0]));
    }
    KaaValue itv = deque_iter_make(type, args[0], rev);
    DequeIter *it = (DequeIter *)kaa_obj(itv);
    int64_t skip = nargs > 1 ? cm_ssize(args[1]) : 0;
    for (int64_t i = 0; i < skip && it->counter > 0; i++) {
        it->index += rev ? -1 : 1;
        it->counter--;
    }
    return itv;
}

static KaaValue deque_iter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return deque_iter_new_common(type, args, nargs, false);
}

static KaaValue deque_riter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return deque_iter_new_common(type, args, nargs, true);
}

static const KaaMethodDef deque_iter_methods[] = {
    {"__length_hint__", deque_iter_length_hint, 0, NULL},
    {NULL},
};

static KaaType deque_iter_type = {
    .ob = {&kaa_type_type},
    .name = "_collections._deque_iterator",
    .instance_size = sizeof(DequeIter),
    .iter = cm_iter_self,
    .next = deque_iter_next,
    .new_ = deque_iter_new,
    .methods = deque_iter_methods,
};

static KaaType deque_riter_type = {
    .ob = {&kaa_type_type},
    .name = "_collections._deque_reverse_iterator",
    .instance_size = sizeof(DequeIter),
    .iter = cm_iter_self,
    .next = deque_riter_next,
    .new_ = deque_riter_new,
    .methods = deque_iter_methods,
};

static const KaaMethodDef deque_methods[] = {
    {"append", deque_append, 0, "Add an element to the right side of the deque."},
    {"appendleft", deque_appendleft, 0, "Add an element to the left side of the deque."},
    {"pop", deque_pop, 0, "Remove and return the rightmost element."},
    {"popleft", deque_popleft, 0, "Remove and return the leftmost element."},
    {"extend", deque_extend, 0, "Extend the right side of the deque with elements from the "
                                "iterable"},
    {"extendleft", deque_extendleft, 0, "Extend the left side of the deque with elements from "
                                        "the iterable"},
    {"clear", deque_clear, 0, "Remove all elements from the deque."},
    {"copy", deque_copy, 0, "Return a shallow copy of a deque."},
    {"__copy__", deque_copy, 0, "Return a shallow copy of a deque."},
    {"count", deque_count, 0, "D.count(value) -- return number of occurrences of value"},
    {"index", deque_index, 0, NULL},
    {"insert", deque_insert, 0, "D.insert(index, object) -- insert object before index"},
    {"remove", deque_remove, 0, "D.remove(value) -- remove first occurrence of value."},
    {"reverse", deque_reverse, 0, "D.reverse() -- reverse *IN PLACE*"},
    {"rotate", deque_rotate, 0, "Rotate the deque n steps to the right (default n=1).  If n "
                                "is negative, rotates left."},
    {"__reversed__", deque_reversed, 0, "D.__reversed__() -- return a reverse iterator over "
                                        "the deque"},
    {"__reduce__", deque_reduce, 0, "Return state information for pickling."},
    {"__sizeof__", deque_sizeof, 0, NULL},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static const KaaGetSetDef deque_getsets[] = {
    {"maxlen", deque_get_maxlen, NULL, "maximum size of a deque or None if unbounded"},
    {NULL},
};

static KaaType deque_type = {
    .ob = {&kaa_type_type},
    .name = "collections.deque",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_SEQUENCE,
    .instance_size = sizeof(Deque),
    .weaklist_offset = offsetof(Deque, weakreflist),
    .repr = deque_repr,
    .richcompare = deque_richcompare,
    .iter = deque_iter,
    .binary = {[KAA_OP_ADD] = deque_add, [KAA_OP_MUL] = deque_mul},
    .inplace = {[KAA_OP_ADD] = deque_iadd, [KAA_OP_MUL] = deque_imul},
    .len = deque_len,
    .getitem = deque_getitem,
    .setitem = deque_setitem,
    .contains = deque_contains,
    .new_ = deque_new,
    .init = deque_init,
    .methods = deque_methods,
    .getsets = deque_getsets,
};

// ---- defaultdict ------------------------------------------------------------------------------

typedef struct {
    KaaDict d;
    KaaValue default_factory;  // None or a callable
} DefaultDict;

static KaaType defdict_type;

static DefaultDict *dd(KaaValue v) { return (DefaultDict *)kaa_obj(v); }

static KaaValue defdict_missing_value(KaaValue self, KaaValue key) {
    KaaValue factory = dd(self)->default_factory;
    if (factory == KAA_NULL || factory == kaa_None) {
        kaa_raise_key_error(key);
    }
    KaaValue value = kaa_call0(factory);
    kaa_setitem(self, key, value);
    return value;
}

static KaaValue defdict_missing(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__missing__", nargs, 1, 1);
    return defdict_missing_value(self, args[0]);
}

// d[key]: dict's lookup, then __missing__ (ours directly unless a subclass overrides it).
static KaaValue defdict_getitem(KaaValue self, KaaValue key) {
    KaaValue v = kaa_dict_get(kaa_dict(self), key);
    if (KAA_LIKELY(v != KAA_NULL)) {
        return v;
    }
    if (kaa_type_of(self) == &defdict_type) {
        return defdict_missing_value(self, key);
    }
    return kaa_dict_type.getitem(self, key);
}

static void defdict_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue factory = kaa_None;
    if (nargs > 0) {
        factory = args[0];
        if (factory != kaa_None && !kaa_callable(factory)) {
            kaa_raise_type_error("first argument must be callable or None");
        }
        args++;
        nargs--;
    }
    dd(self)->default_factory = factory;
    kaa_dict_type.init(self, args, nargs, kwnames);
}

static KaaValue defdict_repr(KaaValue self) {
    KaaValue factory = dd(self)->default_factory;
    KaaValue frepr;
    if (factory == KAA_NULL || factory == kaa_None) {
        frepr = kaa_str_from_cstr("None");
    } else if (kaa_repr_enter(factory)) {
        frepr = kaa_str_from_cstr("...");
    } else {
        frepr = kaa_repr(factory);
        kaa_repr_leave(factory);
    }
    KaaValue base = kaa_dict_type.repr(self);
    return kaa_str_printf("%s(%S, %S)", short_name(self), frepr, base);
}

static KaaValue defdict_factory_or_none(KaaValue self) {
    KaaValue f = dd(self)->default_factory;
    return f == KAA_NULL ? kaa_None : f;
}

static KaaValue defdict_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_call2(kaa_from_obj(kaa_type_of(self)), defdict_factory_or_none(self), self);
}

static KaaValue defdict_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue f = dd(self)->default_factory;
    KaaValue cargs = f == KAA_NULL || f == kaa_None ? kaa_from_obj(kaa_empty_tuple)
                                                    : kaa_from_obj(kaa_tuple_pack(1, f));
    KaaValue items = kaa_call_method(self, kaa_str_intern_cstr("items"), NULL, 0);
    return kaa_from_obj(kaa_tuple_pack(5, kaa_from_obj(kaa_type_of(self)), cargs, kaa_None,
                                       kaa_None, kaa_iter(items)));
}

// a | b where either is a defaultdict: a copy of the defaultdict side, updated.
static KaaValue defdict_or(KaaValue a, KaaValue b) {
    if (!kaa_is_dict(a) || !kaa_is_dict(b)) {
        return kaa_NotImplemented;
    }
    KaaValue self = kaa_isinstance_exact_or_sub(a, &defdict_type) ? a : b;
    KaaValue result = kaa_call2(kaa_from_obj(kaa_type_of(self)),
                                defdict_factory_or_none(self), a);
    kaa_dict_update(kaa_dict(result), b);
    return result;
}

static KaaValue defdict_ior(KaaValue a, KaaValue b) {
    kaa_dict_update(kaa_dict(a), b);
    return a;
}

static KaaValue defdict_get_factory(KaaValue self) { return defdict_factory_or_none(self); }

static void defdict_set_factory(KaaValue self, KaaValue value) {
    dd(self)->default_factory = value == KAA_NULL ? kaa_None : value;
}

static const KaaMethodDef defdict_methods[] = {
    {"__missing__", defdict_missing, 0, NULL},
    {"copy", defdict_copy, 0, "D.copy() -> a shallow copy of D."},
    {"__copy__", defdict_copy, 0, "D.copy() -> a shallow copy of D."},
    {"__reduce__", defdict_reduce, 0, "Return state information for pickling."},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static const KaaGetSetDef defdict_getsets[] = {
    {"default_factory", defdict_get_factory, defdict_set_factory,
     "Factory for default value called by __missing__()."},
    {NULL},
};

static KaaType defdict_type = {
    .ob = {&kaa_type_type},
    .name = "collections.defaultdict",
    .flags = KAA_TPFLAG_BASETYPE,
    .base = &kaa_dict_type,
    .instance_size = sizeof(DefaultDict),
    .repr = defdict_repr,
    .binary = {[KAA_OP_OR] = defdict_or},
    .inplace = {[KAA_OP_OR] = defdict_ior},
    .getitem = defdict_getitem,
    .init = defdict_init,
    .methods = defdict_methods,
    .getsets = defdict_getsets,
};

// ---- OrderedDict ------------------------------------------------------------------------------
// kaa's dict already keeps insertion order, so an OrderedDict is a dict that adds the order
// operations: move_to_end(last=True) is a delete and re-insert (O(1) amortised), popitem reads
// the last or first live entry (a hint remembers where the live entries start, so draining
// from the front stays linear), and == between two OrderedDicts also compares the order.
// move_to_end(key, last=False) rebuilds the dict (O(n); CPython's linked list makes it O(1)).

typedef struct {
    KaaDict d;
    KaaValue dict;          // instance attributes (__dict__)
    KaaValue weakreflist;
    int64_t first;          // no live entry before this index (while entries is unchanged)
    KaaDictEntry *first_of; // the entries array `first` refers to
} ODict;

static KaaType odict_type, odict_keys_type, odict_values_type, odict_items_type;

static ODict *od(KaaValue v) { return (ODict *)kaa_obj(v); }

// The index of the first (or last) live entry; -1 when empty.
static int64_t odict_end_index(KaaValue self, bool last) {
    ODict *o = od(self);
    KaaDict *d = &o->d;
    if (d->used == 0) {
        return -1;
    }
    if (last) {
        int64_t i = d->nentries - 1;
        while (d->entries[i].key == KAA_NULL) {
            i--;
        }
        return i;
    }
    int64_t i = o->first_of == d->entries && o->first < d->nentries ? o->first : 0;
    while (d->entries[i].key == KAA_NULL) {
        i++;
    }
    o->first = i;
    o->first_of = d->entries;
    return i;
}

// OrderedDict(mapping_or_pairs=(), **kw): a subclass's __setitem__ sees every item (CPython
// updates through self[key] = value).
static void odict_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs > 1) {
        kaa_raise_type_error("expected at most 1 arguments, got %zu", nargs);
    }
    if (kaa_type_of(self) == &odict_type || kaa_type_of(self)->setitem == odict_type.setitem) {
        kaa_dict_type.init(self, args, nargs, kwnames);
        return;
    }
    KaaDict *tmp = kaa_dict_new();
    kaa_dict_type.init(kaa_from_obj(tmp), args, nargs, kwnames);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(tmp, &pos, &k, &v)) {
        kaa_setitem(self, k, v);
    }
}

static KaaValue odict_update(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    odict_init(self, args, nargs, kwnames);
    return kaa_None;
}

static KaaValue odict_popitem(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"last", NULL};
    KaaValue a[1];
    kaa_args_bind("popitem", args, nargs, kwnames, params, 0, 0, a);
    int64_t i = odict_end_index(self, a[0] == KAA_NULL || kaa_truthy(a[0]));
    if (i < 0) {
        kaa_raise_key_error(kaa_str_from_cstr("dictionary is empty"));
    }
    KaaDictEntry e = od(self)->d.entries[i];
    kaa_dict_del(&od(self)->d, e.key);
    return kaa_from_obj(kaa_tuple_pack(2, e.key, e.value));
}

// Puts key first by rebuilding the dict in the new order.
static void odict_move_first(KaaDict *d, KaaValue key, KaaValue value) {
    KaaList *items = kaa_list_new(0);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(d, &pos, &k, &v)) {
        kaa_list_append(items, k);
        kaa_list_append(items, v);
    }
    kaa_dict_clear(d);
    kaa_dict_set(d, key, value);
    for (int64_t i = 0; i < items->len; i += 2) {
        if (items->items[i] != key) {
            kaa_dict_set(d, items->items[i], items->items[i + 1]);
        }
    }
}

static KaaValue odict_move_to_end(KaaValue self, KaaValue *args, size_t nargs,
                                  KaaTuple *kwnames) {
    static const char *const params[] = {"key", "last", NULL};
    KaaValue a[2];
    kaa_args_bind("move_to_end", args, nargs, kwnames, params, 0, 1, a);
    bool last = a[1] == KAA_NULL || kaa_truthy(a[1]);
    KaaDict *d = &od(self)->d;
    KaaValue value = kaa_dict_get(d, a[0]);
    if (value == KAA_NULL) {
        kaa_raise_key_error(a[0]);
    }
    int64_t end = odict_end_index(self, last);
    if (items_key_is(d, end, a[0])) {
        return kaa_None;
    }
    if (last) {
        kaa_dict_del(d, a[0]);
        kaa_dict_set(d, a[0], value);
    } else {
        odict_move_first(d, a[0], value);
    }
    return kaa_None;
}

static KaaValue odict_repr(KaaValue self) {
    const char *name = short_name(self);
    if (od(self)->d.used == 0) {
        return kaa_str_printf("%s()", name);
    }
    if (kaa_repr_enter(self)) {
        return kaa_str_from_cstr("...");
    }
    KaaList *items = kaa_list_new(0);
    int64_t pos = 0;
    KaaValue k, v;
    while (kaa_dict_next(&od(self)->d, &pos, &k, &v)) {
        kaa_list_append(items, kaa_from_obj(kaa_tuple_pack(2, k, v)));
    }
    KaaValue body = kaa_repr(kaa_from_obj(items));
    kaa_repr_leave(self);
    return kaa_str_printf("%s(%S)", name, body);
}

// Two OrderedDicts are equal when their items are equal in the same order.
static KaaValue odict_richcompare(KaaValue a, KaaValue b, int op) {
    KaaValue r = kaa_dict_type.richcompare(a, b, op);
    bool both = kaa_isinstance_exact_or_sub(a, &odict_type) &&
                kaa_isinstance_exact_or_sub(b, &odict_type);
    if (!both || (op != KAA_EQ && op != KAA_NE) || r == kaa_NotImplemented ||
        kaa_truthy(r) != (op == KAA_EQ)) {
        return r;
    }
    int64_t pa = 0, pb = 0;
    KaaValue ka, kb, v;
    while (kaa_dict_next(&od(a)->d, &pa, &ka, &v) && kaa_dict_next(&od(b)->d, &pb, &kb, &v)) {
        if (!kaa_eq(ka, kb)) {
            return kaa_bool(op == KAA_NE);
        }
    }
    return kaa_bool(op == KAA_EQ);
}

static KaaValue odict_or(KaaValue a, KaaValue b) {
    bool left = kaa_isinstance_exact_or_sub(a, &odict_type);
    KaaValue other = left ? b : a;
    if (!kaa_is_dict(other)) {
        return kaa_NotImplemented;
    }
    KaaValue result = kaa_call1(kaa_from_obj(kaa_type_of(left ? a : b)), a);
    kaa_dict_update(kaa_dict(result), b);
    return result;
}

static KaaValue odict_ior(KaaValue a, KaaValue b) {
    kaa_dict_update(kaa_dict(a), b);
    return a;
}

static KaaValue odict_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("copy", nargs, 0, 0);
    return kaa_call1(kaa_from_obj(kaa_type_of(self)), self);
}

static KaaValue odict_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue *slot = kaa_instance_dict_slot(self);
    KaaValue state = slot && *slot && kaa_dict(*slot)->used ? *slot : kaa_None;
    KaaValue items = kaa_call_method(self, kaa_str_intern_cstr("items"), NULL, 0);
    return kaa_from_obj(kaa_tuple_pack(5, kaa_from_obj(kaa_type_of(self)),
                                       kaa_from_obj(kaa_empty_tuple), state, kaa_None,
                                       kaa_iter(items)));
}

// ---- odict_keys, odict_values, odict_items: views over the dict's own views ---------------

typedef struct {
    KaaObject ob;
    KaaValue odict;
    KaaValue view;  // the dict view doing the work
} ODictView;

static KaaValue odict_view(KaaValue self, KaaType *type, const char *method) {
    ODictView *v = kaa_alloc(sizeof *v);
    v->ob.type = type;
    v->odict = self;
    KaaValue m = kaa_type_lookup(&kaa_dict_type, kaa_str_intern_cstr(method));
    v->view = kaa_call1(m, self);
    return kaa_from_obj(v);
}

static KaaValue odict_keys(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("keys", nargs, 0, 0);
    return odict_view(self, &odict_keys_type, "keys");
}

static KaaValue odict_values(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("values", nargs, 0, 0);
    return odict_view(self, &odict_values_type, "values");
}

static KaaValue odict_items(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("items", nargs, 0, 0);
    return odict_view(self, &odict_items_type, "items");
}

static KaaValue inner(KaaValue v) {
    KaaType *t = kaa_is_obj(v) ? kaa_type_of(v) : NULL;
    bool ours = t == &odict_keys_type || t == &odict_values_type || t == &odict_items_type;
    return ours ? ((ODictView *)kaa_obj(v))->view : v;
}

static KaaValue oview_repr(KaaValue self) {
    if (kaa_repr_enter(self)) {
        return kaa_str_from_cstr("...");
    }
    KaaValue list = kaa_list_from_iterable(inner(self));
    KaaValue r = kaa_str_printf("%s(%R)", kaa_type_name_of(self), list);
    kaa_repr_leave(self);
    return r;
}

static KaaValue oview_iter(KaaValue self) { return kaa_iter(inner(self)); }
static int64_t oview_len(KaaValue self) { return kaa_len(inner(self)); }
static int oview_contains(KaaValue self, KaaValue v) { return kaa_contains(inner(self), v); }

static KaaValue oview_richcompare(KaaValue a, KaaValue b, int op) {
    return kaa_richcompare(inner(a), inner(b), op);
}

#define OVIEW_BINARY(op)                                                 \
    static KaaValue oview_bin_##op(KaaValue a, KaaValue b) {             \
        return kaa_binary_op(inner(a), inner(b), op);                    \
    }
OVIEW_BINARY(KAA_OP_AND)
OVIEW_BINARY(KAA_OP_OR)
OVIEW_BINARY(KAA_OP_SUB)
OVIEW_BINARY(KAA_OP_XOR)

static KaaValue oview_reversed(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_call_method(inner(self), kaa_str_intern_cstr("__reversed__"), NULL, 0);
}

static KaaValue oview_isdisjoint(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_call_method(inner(self), kaa_str_intern_cstr("isdisjoint"), args, nargs);
}

static KaaValue oview_mapping(KaaValue self) {
    return kaa_mappingproxy_new(((ODictView *)kaa_obj(self))->odict);
}

static const KaaMethodDef oview_methods[] = {
    {"__reversed__", oview_reversed, 0, NULL},
    {"isdisjoint", oview_isdisjoint, 0, NULL},
    {NULL},
};

static const KaaGetSetDef oview_getsets[] = {
    {"mapping", oview_mapping, NULL, NULL},
    {NULL},
};

#define OVIEW_TYPE(cname, pyname, setlike)                                                   \
    static KaaType cname = {                                                                 \
        .ob = {&kaa_type_type},                                                              \
        .name = pyname,                                                                      \
        .instance_size = sizeof(ODictView),                                                  \
        .repr = oview_repr,                                                                  \
        .richcompare = oview_richcompare,                                                    \
        .iter = oview_iter,                                                                  \
        .len = oview_len,                                                                    \
        .contains = oview_contains,                                                          \
        .binary = {[KAA_OP_AND] = setlike ? oview_bin_KAA_OP_AND : NULL,                     \
                   [KAA_OP_OR] = setlike ? oview_bin_KAA_OP_OR : NULL,                       \
                   [KAA_OP_SUB] = setlike ? oview_bin_KAA_OP_SUB : NULL,                     \
                   [KAA_OP_XOR] = setlike ? oview_bin_KAA_OP_XOR : NULL},                    \
        .methods = oview_methods,                                                            \
        .getsets = oview_getsets,                                                            \
    };
OVIEW_TYPE(odict_keys_type, "odict_keys", true)
OVIEW_TYPE(odict_values_type, "odict_values", false)
OVIEW_TYPE(odict_items_type, "odict_items", true)

static const KaaMethodDef odict_methods[] = {
    {"popitem", odict_popitem, 0, "Remove and return a (key, value) pair from the dictionary."},
    {"move_to_end", odict_move_to_end, 0, "Move an existing element to the end (or beginning "
                                          "if last is false)."},
    {"copy", odict_copy, 0, "od.copy() -> a shallow copy of od"},
    {"update", odict_update, 0, NULL},
    {"__copy__", odict_copy, 0, NULL},
    {"__reduce__", odict_reduce, 0, "Return state information for pickling"},
    {"keys", odict_keys, 0, NULL},
    {"values", odict_values, 0, NULL},
    {"items", odict_items, 0, NULL},
    {NULL},
};

static const KaaGetSetDef odict_getsets[] = {
    CM_DICT_GETSET,
    {NULL},
};

static KaaType odict_type = {
    .ob = {&kaa_type_type},
    .name = "collections.OrderedDict",
    .flags = KAA_TPFLAG_BASETYPE,
    .base = &kaa_dict_type,
    .instance_size = sizeof(ODict),
    .dict_offset = offsetof(ODict, dict),
    .weaklist_offset = offsetof(ODict, weakreflist),
    .repr = odict_repr,
    .richcompare = odict_richcompare,
    .binary = {[KAA_OP_OR] = odict_or},
    .inplace = {[KAA_OP_OR] = odict_ior},
    .init = odict_init,
    .getattr = kaa_generic_getattr,
    .setattr = kaa_generic_setattr,
    .methods = odict_methods,
    .getsets = odict_getsets,
};

// ---- _count_elements --------------------------------------------------------------------------

// mapping[elem] = mapping.get(elem, 0) + 1 for each elem; straight on the dict when the
// mapping's get and __setitem__ are dict's own (Counter).
static KaaValue collections_count_elements(KaaValue self, KaaValue *args, size_t nargs,
                                           KaaTuple *kw) {
    cm_no_kw("_count_elements", kw);
    cm_check_positional("_count_elements", nargs, 2, 2);
    KaaValue mapping = args[0];
    KaaValue it = kaa_iter(args[1]);
    KaaValue get_name = kaa_str_intern_cstr("get");
    KaaType *t = kaa_type_of(mapping);
    bool fast = kaa_is_dict(mapping) && t->setitem == kaa_dict_type.setitem &&
                kaa_type_lookup(t, get_name) == kaa_type_lookup(&kaa_dict_type, get_name);
    KaaValue one = kaa_from_small(1), zero = kaa_from_small(0);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        if (fast) {
            KaaDict *d = kaa_dict(mapping);
            KaaValue old = kaa_dict_get(d, v);
            kaa_dict_set(d, v, old == KAA_NULL ? one : kaa_binary_op(old, one, KAA_OP_ADD));
            continue;
        }
        KaaValue gargs[2] = {v, zero};
        KaaValue old = kaa_call_method(mapping, get_name, gargs, 2);
        kaa_setitem(mapping, v, kaa_binary_op(old, one, KAA_OP_ADD));
    }
    return kaa_None;
}

// ---- _tuplegetter -----------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    int64_t index;
    KaaValue doc;
} TupleGetter;

static KaaValue tuplegetter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("_tuplegetter", kw);
    cm_check_positional("_tuplegetter", nargs, 2, 2);
    TupleGetter *g = cm_new(type);
    g->index = cm_ssize(args[0]);
    g->doc = args[1];
    return kaa_from_obj(g);
}

static KaaValue tuplegetter_get(KaaValue self, KaaValue obj, KaaValue type) {
    TupleGetter *g = (TupleGetter *)kaa_obj(self);
    if (obj == KAA_NULL || obj == kaa_None) {
        return self;
    }
    if (!kaa_is_tuple(obj)) {
        kaa_raise_type_error("descriptor for index '%lld' for tuple subclasses doesn't apply to "
                             "'%s' object", (long long)g->index, kaa_type_name_of(obj));
    }
    KaaTuple *t = kaa_tuple(obj);
    if (g->index < 0 || g->index >= t->len) {
        kaa_raise_index_error("tuple index out of range");
    }
    return t->items[g->index];
}

static void tuplegetter_set(KaaValue self, KaaValue obj, KaaValue value) {
    kaa_raise_msg(kaa_AttributeError, value == KAA_NULL ? "can't delete attribute"
                                                        : "can't set attribute");
}

static KaaValue tuplegetter_repr(KaaValue self) {
    TupleGetter *g = (TupleGetter *)kaa_obj(self);
    return kaa_str_printf("%s(%lld, %R)", short_name(self), (long long)g->index, g->doc);
}

static KaaValue tuplegetter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    TupleGetter *g = (TupleGetter *)kaa_obj(self);
    return kaa_from_obj(kaa_tuple_pack(
        2, kaa_from_obj(kaa_type_of(self)),
        kaa_from_obj(kaa_tuple_pack(2, kaa_from_small(g->index), g->doc))));
}

static KaaValue tuplegetter_get_doc(KaaValue self) { return ((TupleGetter *)kaa_obj(self))->doc; }

static void tuplegetter_set_doc(KaaValue self, KaaValue value) {
    ((TupleGetter *)kaa_obj(self))->doc = value == KAA_NULL ? kaa_None : value;
}

static const KaaGetSetDef tuplegetter_getsets[] = {
    {"__doc__", tuplegetter_get_doc, tuplegetter_set_doc, NULL},
    {NULL},
};

static const KaaMethodDef tuplegetter_methods[] = {
    {"__reduce__", tuplegetter_reduce, 0, NULL},
    {NULL},
};

static KaaType tuplegetter_type = {
    .ob = {&kaa_type_type},
    .name = "_collections._tuplegetter",
    .instance_size = sizeof(TupleGetter),
    .repr = tuplegetter_repr,
    .descr_get = tuplegetter_get,
    .descr_set = tuplegetter_set,
    .new_ = tuplegetter_new,
    .getsets = tuplegetter_getsets,
    .methods = tuplegetter_methods,
};

// ---- the module -------------------------------------------------------------------------------

static const KaaMethodDef collections_methods[] = {
    {"_count_elements", collections_count_elements, 0, "Count elements in the iterable, "
                                                       "updating the mapping"},
    {NULL},
};

KaaValue kaa_collections_init(void) {
    kaa_type_ready(&deque_type);
    kaa_type_ready(&deque_iter_type);
    kaa_type_ready(&deque_riter_type);
    kaa_type_ready(&defdict_type);
    kaa_type_ready(&tuplegetter_type);
    kaa_type_ready(&odict_type);
    kaa_type_ready(&odict_keys_type);
    kaa_type_ready(&odict_values_type);
    kaa_type_ready(&odict_items_type);
    KaaValue m = kaa_module_new_cstr("_collections");
    kaa_module_add_methods(m, collections_methods);
    kaa_module_add(m, "deque", kaa_from_obj(&deque_type));
    kaa_module_add(m, "defaultdict", kaa_from_obj(&defdict_type));
    kaa_module_add(m, "_deque_iterator", kaa_from_obj(&deque_iter_type));
    kaa_module_add(m, "_deque_reverse_iterator", kaa_from_obj(&deque_riter_type));
    kaa_module_add(m, "_tuplegetter", kaa_from_obj(&tuplegetter_type));
    kaa_module_add(m, "OrderedDict", kaa_from_obj(&odict_type));
    return m;
}
