// objects/list.c — the list type and its two iterators.
//
// Stage: objects. Owns KaaList storage (CPython's over-allocation rule), list's slots
// (indexing, slicing read/assign/delete, comparison, + and *), its methods, and the list
// iterators. The sort itself lives in listsort.c.
// Must not: assume that item comparisons leave the list alone. Any __eq__ may mutate it, so
// loops re-read len and items after every call that can run Python code.
#include "objects/containers.h"

bool kaa_is_list(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_LIST_SUBCLASS);
}

// Item arrays are scanned memory; a request beyond what int64 indexing allows is a
// MemoryError rather than an overflowed size.
static KaaValue *alloc_items(size_t n) {
    if (n > ((size_t)1 << 59)) {
        kaa_raise_memory();
    }
    return n ? kaa_alloc(n * sizeof(KaaValue)) : NULL;
}

KaaList *kaa_list_with_capacity(size_t cap) {
    KaaList *l = kaa_alloc(sizeof(KaaList));
    l->ob.type = &kaa_list_type;
    l->items = alloc_items(cap);
    l->cap = (int64_t)cap;
    return l;
}

KaaList *kaa_list_new(size_t len) {
    KaaList *l = kaa_list_with_capacity(len);
    l->len = (int64_t)len;
    return l;
}

KaaList *kaa_list_from_array(const KaaValue *items, size_t len) {
    KaaList *l = kaa_list_new(len);
    if (len) {
        memcpy(l->items, items, len * sizeof(KaaValue));
    }
    return l;
}

// Makes room for newlen items, over-allocating as CPython does (newlen + newlen/8 + 6,
// rounded to 4) so appends are amortised O(1) and sizes match CPython's __sizeof__, up to
// BIG_LIST items.
#define BIG_LIST 65536
static void list_resize(KaaList *l, int64_t newlen) {
    if (l->cap >= newlen && newlen >= (l->cap >> 1)) {
        for (int64_t i = newlen; i < l->len; i++) {
            l->items[i] = KAA_NULL;  // let the collector have what was dropped
        }
        l->len = newlen;
        return;
    }
    uint64_t cap = ((uint64_t)newlen + ((uint64_t)newlen >> 3) + 6) & ~(uint64_t)3;
    if (newlen >= BIG_LIST) {
        // Past this size a grown list moves to a new block (the collector has no in-place
        // realloc we can use safely), so it grows by half to copy less.
        cap = (uint64_t)newlen + ((uint64_t)newlen >> 1);
    }
    if ((uint64_t)(newlen - l->len) > cap - (uint64_t)newlen) {
        cap = ((uint64_t)newlen + 3) & ~(uint64_t)3;
    }
    if (newlen == 0) {
        cap = 0;
    }
    KaaValue *items = alloc_items(cap);
    int64_t keep = newlen < l->len ? newlen : l->len;
    if (keep > 0) {
        memcpy(items, l->items, (size_t)keep * sizeof(KaaValue));
    }
    l->items = items;
    l->cap = (int64_t)cap;
    l->len = newlen;
}

void kaa_list_append(KaaList *l, KaaValue v) {
    int64_t n = l->len;
    if (KAA_LIKELY(n < l->cap)) {
        l->items[n] = v;
        l->len = n + 1;
        return;
    }
    list_resize(l, n + 1);
    l->items[n] = v;
}

// Appends count values from an array that may alias the list's own items.
static void append_array(KaaList *l, const KaaValue *src, int64_t count) {
    if (count <= 0) {
        return;
    }
    int64_t n = l->len;
    const KaaValue *from = src;
    if (src == l->items) {  // l.extend(l): the resize may move the items
        from = kaa_list_from_array(src, (size_t)count)->items;
    }
    list_resize(l, n + count);
    memcpy(l->items + n, from, (size_t)count * sizeof(KaaValue));
}

// list.extend: lists and tuples are copied in one go, anything else is iterated.
void kaa_list_extend(KaaList *l, KaaValue iterable) {
    if (kaa_is_type(iterable, &kaa_list_type) || kaa_is_type(iterable, &kaa_tuple_type)) {
        bool is_list = kaa_is_type(iterable, &kaa_list_type);
        const KaaValue *src = is_list ? kaa_list(iterable)->items : kaa_tuple(iterable)->items;
        int64_t count = is_list ? kaa_list(iterable)->len : kaa_tuple(iterable)->len;
        append_array(l, src, count);
        return;
    }
    KaaType *src = kaa_type_of(iterable);
    KaaValue it = kaa_iter(iterable);
    // Make room once: a built-in sized iterable (range, dict, set, str...) by its length, a
    // class by its length hint (which CPython consults, with its checks).
    int64_t n = !kaa_type_has(src, KAA_TPFLAG_HEAPTYPE) ? (src->len ? src->len(iterable) : 0)
                                                         : kaa_length_hint(iterable, 8);
    if (n > 0) {
        int64_t len = l->len;
        list_resize(l, len + n);
        l->len = len;
    }
    KaaType *t = kaa_type_of(it);
    KaaValue (*next)(KaaValue) = t->next;
    for (;;) {
        KaaValue v = next ? next(it) : kaa_next(it);
        if (v == KAA_NULL) {
            break;
        }
        kaa_list_append(l, v);
    }
}

KaaValue kaa_list_from_iterable(KaaValue iterable) {
    if (kaa_is_type(iterable, &kaa_list_type)) {
        KaaList *src = kaa_list(iterable);
        return kaa_from_obj(kaa_list_from_array(src->items, (size_t)src->len));
    }
    KaaList *l = kaa_list_with_capacity(0);
    kaa_list_extend(l, iterable);
    return kaa_from_obj(l);
}

// ---- repr and comparison --------------------------------------------------------------------

static KaaValue list_repr_body(KaaValue self) {
    KaaList *l = kaa_list(self);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_putc(&b, '[');
    for (int64_t i = 0; i < l->len; i++) {  // len re-read: an item's repr may mutate l
        if (i > 0) {
            kaa_strbuf_puts(&b, ", ");
        }
        kaa_strbuf_putstr(&b, kaa_repr(l->items[i]));
    }
    kaa_strbuf_putc(&b, ']');
    return kaa_strbuf_finish(&b);
}

static KaaValue list_repr(KaaValue self) {
    if (kaa_list(self)->len == 0) {
        return kaa_str_from_ascii("[]", 2);
    }
    check_depth(WHILE_REPR);
    return guarded_repr(self, kaa_str_from_ascii("[...]", 5), list_repr_body);
}

static KaaValue compare_lengths(int64_t x, int64_t y, int op) {
    switch (op) {
    case KAA_LT: return kaa_bool(x < y);
    case KAA_LE: return kaa_bool(x <= y);
    case KAA_EQ: return kaa_bool(x == y);
    case KAA_NE: return kaa_bool(x != y);
    case KAA_GT: return kaa_bool(x > y);
    default: return kaa_bool(x >= y);
    }
}

// Lists compare item by item: the first pair that is not identical-or-equal decides, else
// the lengths do. Different lengths settle == and != at once.
static KaaValue list_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_list(a) || !kaa_is_list(b)) {
        return kaa_NotImplemented;
    }
    KaaList *x = kaa_list(a), *y = kaa_list(b);
    if (x->len != y->len && (op == KAA_EQ || op == KAA_NE)) {
        return kaa_bool(op == KAA_NE);
    }
    check_depth(IN_COMPARISON);
    int64_t i = 0;
    for (; i < x->len && i < y->len; i++) {
        if (!items_same(x->items[i], y->items[i])) {
            break;
        }
    }
    if (i >= x->len || i >= y->len) {
        return compare_lengths(x->len, y->len, op);
    }
    if (op == KAA_EQ || op == KAA_NE) {
        return kaa_bool(op == KAA_NE);
    }
    return kaa_richcompare(x->items[i], y->items[i], op);
}

// ---- indexing and slicing -------------------------------------------------------------------

static int64_t list_len(KaaValue self) { return kaa_list(self)->len; }

static KaaValue list_slice(KaaList *l, KaaValue slice) {
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(slice, l->len, &start, &stop, &step);
    if (n <= 0) {
        return kaa_from_obj(kaa_list_with_capacity(0));
    }
    KaaList *r = kaa_list_new((size_t)n);
    if (step == 1) {
        memcpy(r->items, l->items + start, (size_t)n * sizeof(KaaValue));
    } else {
        for (int64_t i = 0, j = start; i < n; i++, j += step) {
            r->items[i] = l->items[j];
        }
    }
    return kaa_from_obj(r);
}

// l[i] with a small int is the hot path (the VM inlines it for exact lists too).
static KaaValue list_getitem(KaaValue self, KaaValue key) {
    KaaList *l = kaa_list(self);
    if (KAA_LIKELY(kaa_is_int(key))) {
        int64_t i = kaa_int_val(key);
        if (i < 0) {
            i += l->len;
        }
        if (KAA_UNLIKELY((uint64_t)i >= (uint64_t)l->len)) {
            kaa_raise_index_error("list index out of range");
        }
        return l->items[i];
    }
    if (is_slice(key)) {
        return list_slice(l, key);
    }
    int64_t i = seq_index(key, "list");
    if (i < 0) {
        i += l->len;
    }
    if (i < 0 || i >= l->len) {
        kaa_raise_index_error("list index out of range");
    }
    return l->items[i];
}

// The items of a value assigned to a slice, as an array that stays valid while the list
// changes: a list or tuple lends its own array (copied when it is the target list itself,
// whose array the assignment moves); other iterables are collected into a new list.
static const KaaValue *assigned_items(KaaList *l, KaaValue v, const char *not_iterable,
                                      int64_t *n) {
    if (kaa_is_list(v)) {
        KaaList *src = kaa_list(v);
        if (src == l) {
            src = kaa_list_from_array(src->items, (size_t)src->len);
        }
        *n = src->len;
        return src->items;
    }
    if (kaa_is_tuple(v)) {
        *n = kaa_tuple(v)->len;
        return kaa_tuple(v)->items;
    }
    KaaType *t = kaa_type_of(v);
    if (t->iter == NULL && t->getitem == NULL) {
        kaa_raise_type_error("%s", not_iterable);
    }
    KaaList *src = kaa_list(kaa_list_from_iterable(v));
    *n = src->len;
    return src->items;
}

// l[lo:hi] = items[0..n) (n may differ from hi - lo).
static void replace_range(KaaList *l, int64_t lo, int64_t hi, const KaaValue *items,
                          int64_t n) {
    if (hi < lo) {
        hi = lo;
    }
    int64_t old = l->len, delta = n - (hi - lo);
    if (delta > 0) {
        list_resize(l, old + delta);
    }
    if (old > hi && delta != 0) {
        memmove(l->items + hi + delta, l->items + hi, (size_t)(old - hi) * sizeof(KaaValue));
    }
    if (delta < 0) {
        list_resize(l, old + delta);
    }
    if (n > 0) {
        memcpy(l->items + lo, items, (size_t)n * sizeof(KaaValue));
    }
}

// del l[start::step] for a slice selecting n items with step != 1.
static void delete_extended(KaaList *l, int64_t start, int64_t step, int64_t n) {
    if (step < 0) {  // the same items walked forward
        start += step * (n - 1);
        step = -step;
    }
    int64_t w = start;
    for (int64_t r = start; r < l->len; r++) {
        bool selected = r < start + step * n && (r - start) % step == 0;
        if (!selected) {
            l->items[w++] = l->items[r];
        }
    }
    list_resize(l, w);
}

// l[slice] = value (value KAA_NULL: del). A step of 1 may change the length; any other
// step needs exactly as many items as the slice selects.
static void list_set_slice(KaaList *l, KaaValue slice, KaaValue value) {
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(slice, l->len, &start, &stop, &step);
    if (step == 1) {
        if (value == KAA_NULL) {
            replace_range(l, start, stop, NULL, 0);
            return;
        }
        int64_t count;
        const KaaValue *items = assigned_items(l, value, "can only assign an iterable", &count);
        replace_range(l, start, stop, items, count);
        return;
    }
    if (value == KAA_NULL) {
        if (n > 0) {
            delete_extended(l, start, step, n);
        }
        return;
    }
    int64_t count;
    const KaaValue *items = assigned_items(l, value, "must assign iterable to extended slice",
                                           &count);
    if (count != n) {
        kaa_raise_value_error("attempt to assign sequence of size %lld to extended slice of "
                              "size %lld", (long long)count, (long long)n);
    }
    for (int64_t i = 0, j = start; i < n; i++, j += step) {
        l->items[j] = items[i];
    }
}

static void list_setitem(KaaValue self, KaaValue key, KaaValue value) {
    KaaList *l = kaa_list(self);
    if (is_slice(key)) {
        list_set_slice(l, key, value);
        return;
    }
    int64_t i = seq_index(key, "list");
    if (i < 0) {
        i += l->len;
    }
    if (i < 0 || i >= l->len) {
        kaa_raise_index_error("list assignment index out of range");
    }
    if (value != KAA_NULL) {
        l->items[i] = value;
        return;
    }
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(KaaValue));
    list_resize(l, l->len - 1);
}

static int list_contains(KaaValue self, KaaValue item) {
    KaaList *l = kaa_list(self);
    for (int64_t i = 0; i < l->len; i++) {
        if (items_same(l->items[i], item)) {
            return 1;
        }
    }
    return 0;
}

// ---- + and * --------------------------------------------------------------------------------

// list + list only (kaa_binary_op words the error when the other operand declines too).
static KaaValue list_add(KaaValue a, KaaValue b) {
    if (!kaa_is_list(a) || !kaa_is_list(b)) {
        return kaa_NotImplemented;
    }
    KaaList *x = kaa_list(a), *y = kaa_list(b);
    KaaList *r = kaa_list_new((size_t)(x->len + y->len));
    if (x->len) {
        memcpy(r->items, x->items, (size_t)x->len * sizeof(KaaValue));
    }
    if (y->len) {
        memcpy(r->items + x->len, y->items, (size_t)y->len * sizeof(KaaValue));
    }
    return kaa_from_obj(r);
}

// l += iterable extends in place (any iterable, unlike +).
static KaaValue list_iadd(KaaValue a, KaaValue b) {
    kaa_list_extend(kaa_list(a), b);
    return a;
}

// Fills dst[0..n*len) with n copies of src[0..len).
static void repeat_into(KaaValue *dst, const KaaValue *src, int64_t len, int64_t n) {
    if (len == 1) {
        KaaValue v = src[0];
        for (int64_t i = 0; i < n; i++) {
            dst[i] = v;
        }
        return;
    }
    for (int64_t k = 0; k < n; k++) {
        memcpy(dst + k * len, src, (size_t)len * sizeof(KaaValue));
    }
}

static KaaValue list_repeat(KaaList *l, int64_t n) {
    if (n <= 0 || l->len == 0) {
        return kaa_from_obj(kaa_list_with_capacity(0));
    }
    if (l->len > INT64_MAX / 8 / n) {
        kaa_raise_memory();
    }
    KaaList *r = kaa_list_new((size_t)(l->len * n));
    repeat_into(r->items, l->items, l->len, n);
    return kaa_from_obj(r);
}

// The count of seq * n; false when n is no integer (NotImplemented: kaa_binary_op decides).
static bool repeat_count(KaaValue n, int op, int64_t *count) {
    if (kaa_is_int(n) || kaa_type_of(n)->index != NULL) {
        *count = kaa_seq_repeat_count(n);
        return true;
    }
    return false;
}

static KaaValue list_mul(KaaValue a, KaaValue b) {
    KaaValue seq = kaa_is_list(a) ? a : b, n = kaa_is_list(a) ? b : a;
    int64_t count;
    if (!repeat_count(n, KAA_OP_MUL, &count)) {
        return kaa_NotImplemented;
    }
    return list_repeat(kaa_list(seq), count);
}

static KaaValue list_imul(KaaValue a, KaaValue b) {
    int64_t n;
    if (!kaa_is_list(a) || !repeat_count(b, KAA_OP_MUL, &n)) {
        return kaa_NotImplemented;
    }
    KaaList *l = kaa_list(a);
    if (n <= 0 || l->len == 0) {
        list_resize(l, 0);
        return a;
    }
    if (n == 1) {
        return a;
    }
    if (l->len > INT64_MAX / 8 / n) {
        kaa_raise_memory();
    }
    int64_t len = l->len;
    list_resize(l, len * n);
    repeat_into(l->items + len, l->items, len, n - 1);
    return a;
}

// ---- iterators ------------------------------------------------------------------------------

typedef struct ListIter {
    KaaObject ob;
    KaaList *seq;  // NULL once exhausted: later appends do not revive the iterator
    int64_t index;
} ListIter;

static KaaValue list_iter(KaaValue self) {
    ListIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &kaa_list_iterator_type;
    it->seq = kaa_list(self);
    return kaa_from_obj(it);
}

static KaaValue listiter_next(KaaValue self) {
    ListIter *it = (ListIter *)kaa_obj(self);
    KaaList *l = it->seq;
    if (KAA_LIKELY(l && it->index < l->len)) {
        return l->items[it->index++];
    }
    it->seq = NULL;
    return KAA_NULL;
}

static KaaValue listrevit_next(KaaValue self) {
    ListIter *it = (ListIter *)kaa_obj(self);
    KaaList *l = it->seq;
    if (l && it->index >= 0 && it->index < l->len) {
        return l->items[it->index--];
    }
    it->seq = NULL;
    return KAA_NULL;
}

static KaaValue iter_self(KaaValue self) { return self; }

static KaaValue listiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    ListIter *it = (ListIter *)kaa_obj(self);
    int64_t n = it->seq ? it->seq->len - it->index : 0;
    return kaa_from_small(n > 0 ? n : 0);
}

static KaaValue listrevit_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    ListIter *it = (ListIter *)kaa_obj(self);
    int64_t n = it->seq && it->index < it->seq->len ? it->index + 1 : 0;
    return kaa_from_small(n > 0 ? n : 0);
}

static const KaaMethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, 0, NULL},
    {NULL},
};

static const KaaMethodDef listrevit_methods[] = {
    {"__length_hint__", listrevit_length_hint, 0, NULL},
    {NULL},
};

KaaType kaa_list_iterator_type = {
    .ob = {&kaa_type_type},
    .name = "list_iterator",
    .instance_size = sizeof(ListIter),
    .iter = iter_self,
    .next = listiter_next,
    .methods = listiter_methods,
};

KaaType kaa_list_reverseiterator_type = {
    .ob = {&kaa_type_type},
    .name = "list_reverseiterator",
    .instance_size = sizeof(ListIter),
    .iter = iter_self,
    .next = listrevit_next,
    .methods = listrevit_methods,
};

// ---- methods --------------------------------------------------------------------------------

static KaaValue list_append_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("list.append", nargs, kw);
    kaa_list_append(kaa_list(self), args[0]);
    return kaa_None;
}

static KaaValue list_extend_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("list.extend", nargs, kw);
    kaa_list_extend(kaa_list(self), args[0]);
    return kaa_None;
}

static int64_t index_arg(KaaValue v) {
    return kaa_is_int(v) ? kaa_int_val(v) : kaa_index_i64(v);
}

// insert clamps the index to the list, like a slice bound.
static KaaValue list_insert_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("list.insert", "insert", nargs, kw, 2, 2);
    KaaList *l = kaa_list(self);
    int64_t i = index_arg(args[0]), n = l->len;
    if (i < 0) {
        i = i + n < 0 ? 0 : i + n;
    } else if (i > n) {
        i = n;
    }
    list_resize(l, n + 1);
    memmove(l->items + i + 1, l->items + i, (size_t)(n - i) * sizeof(KaaValue));
    l->items[i] = args[1];
    return kaa_None;
}

static KaaValue list_pop_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("list.pop", "pop", nargs, kw, 0, 1);
    KaaList *l = kaa_list(self);
    int64_t i = nargs ? index_arg(args[0]) : -1;
    if (l->len == 0) {
        kaa_raise_index_error("pop from empty list");
    }
    if (i < 0) {
        i += l->len;
    }
    if (i < 0 || i >= l->len) {
        kaa_raise_index_error("pop index out of range");
    }
    KaaValue v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(KaaValue));
    list_resize(l, l->len - 1);
    return v;
}

// Index of the first item equal to v in [start, stop), or -1.
static int64_t find_item(KaaList *l, KaaValue v, int64_t start, int64_t stop) {
    for (int64_t i = start; i < stop && i < l->len; i++) {
        if (items_same(l->items[i], v)) {
            return i;
        }
    }
    return -1;
}

static KaaValue list_remove_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("list.remove", nargs, kw);
    KaaList *l = kaa_list(self);
    int64_t i = find_item(l, args[0], 0, l->len);
    if (i < 0) {
        kaa_raise_value_error("list.remove(x): x not in list");
    }
    memmove(l->items + i, l->items + i + 1, (size_t)(l->len - i - 1) * sizeof(KaaValue));
    list_resize(l, l->len - 1);
    return kaa_None;
}

static KaaValue list_index_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("list.index", "index", nargs, kw, 1, 3);
    KaaList *l = kaa_list(self);
    int64_t start = nargs > 1 ? kaa_seq_clamp_index(args[1], l->len) : 0;
    int64_t stop = nargs > 2 ? kaa_seq_clamp_index(args[2], l->len) : l->len;
    int64_t i = find_item(l, args[0], start, stop);
    if (i < 0) {
        kaa_raise_value_error("%R is not in list", args[0]);
    }
    return kaa_from_small(i);
}

static KaaValue list_count_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("list.count", nargs, kw);
    KaaList *l = kaa_list(self);
    int64_t n = 0;
    for (int64_t i = 0; i < l->len; i++) {
        n += items_same(l->items[i], args[0]);
    }
    return kaa_from_small(n);
}

static KaaValue list_clear_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("list.clear", nargs, kw);
    KaaList *l = kaa_list(self);
    if (l->items == NULL) {
        return kaa_None;  // already empty (or being sorted, which must not notice)
    }
    l->items = NULL;
    l->len = l->cap = 0;
    return kaa_None;
}

static KaaValue list_copy_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("list.copy", nargs, kw);
    KaaList *l = kaa_list(self);
    return kaa_from_obj(kaa_list_from_array(l->items, (size_t)l->len));
}

static KaaValue list_reverse_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("list.reverse", nargs, kw);
    KaaList *l = kaa_list(self);
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        KaaValue t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
    return kaa_None;
}

// list.sort(*, key=None, reverse=False)
void kaa_list_sort_call(KaaList *list, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"*", "key", "reverse", NULL};
    KaaValue given[2];
    kaa_args_bind("sort", args, nargs, kw, params, 0, 0, given);
    KaaValue key = given[0] == kaa_None ? KAA_NULL : given[0];
    KaaValue rev = given[1];
    bool reverse = rev != KAA_NULL &&
                   (kaa_is_int(rev) ? kaa_int_val(rev) != 0 : kaa_int_sign(kaa_index(rev)) != 0);
    kaa_list_sort(list, key, reverse);
}

static KaaValue list_sort_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_list_sort_call(kaa_list(self), args, nargs, kw);
    return kaa_None;
}

static KaaValue list_reversed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("list.__reversed__", nargs, kw);
    ListIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &kaa_list_reverseiterator_type;
    it->seq = kaa_list(self);
    it->index = it->seq->len - 1;
    return kaa_from_obj(it);
}

static KaaValue list_sizeof_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("list.__sizeof__", nargs, kw);
    // CPython's numbers: a 40-byte header plus the allocated item pointers.
    return kaa_from_small(40 + 8 * kaa_list(self)->cap);
}

static KaaValue list_getitem_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    // An explicit method as in CPython (so unbound misuse names a method descriptor).
    kaa_args_no_kw("__getitem__", kw);
    kaa_args_count("__getitem__", nargs, 1, 1);
    return list_getitem(self, args[0]);
}

static const KaaMethodDef list_methods[] = {
    {"append", list_append_m, 0, "Append object to the end of the list."},
    {"extend", list_extend_m, 0, "Extend list by appending elements from the iterable."},
    {"insert", list_insert_m, 0, "Insert object before index."},
    {"pop", list_pop_m, 0, "Remove and return item at index (default last)."},
    {"remove", list_remove_m, 0, "Remove first occurrence of value."},
    {"index", list_index_m, 0, "Return first index of value."},
    {"count", list_count_m, 0, "Return number of occurrences of value."},
    {"clear", list_clear_m, 0, "Remove all items from list."},
    {"copy", list_copy_m, 0, "Return a shallow copy of the list."},
    {"reverse", list_reverse_m, 0, "Reverse *IN PLACE*."},
    {"sort", list_sort_m, 0, "Sort the list in ascending order and return None."},
    {"__reversed__", list_reversed_m, 0, "Return a reverse iterator over the list."},
    {"__sizeof__", list_sizeof_m, 0, "Return the size of the list in memory, in bytes."},
    {"__getitem__", list_getitem_m, 0, "x.__getitem__(y) <==> x[y]"},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

// ---- creation -------------------------------------------------------------------------------

// list() makes an empty list and list.__init__ fills it, so subclasses may override either.
static KaaValue list_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &kaa_list_type) {
        return kaa_from_obj(kaa_list_with_capacity(0));
    }
    return kaa_instance_alloc(type, 0);
}

static void list_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    args_no_kw("list", kwnames);
    args_at_most("list", nargs, 1);
    KaaList *l = kaa_list(self);
    if (l->len) {
        l->items = NULL;
        l->len = l->cap = 0;
    }
    if (nargs) {
        kaa_list_extend(l, args[0]);
    }
}

KaaType kaa_list_type = {
    .ob = {&kaa_type_type},
    .name = "list",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_LIST_SUBCLASS | KAA_TPFLAG_SEQUENCE |
             KAA_TPFLAG_SEQ_CONCAT,
    .instance_size = sizeof(KaaList),
    .repr = list_repr,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .binary = {[KAA_OP_ADD] = list_add, [KAA_OP_MUL] = list_mul},
    .inplace = {[KAA_OP_ADD] = list_iadd, [KAA_OP_MUL] = list_imul},
    .len = list_len,
    .getitem = list_getitem,
    .setitem = list_setitem,
    .contains = list_contains,
    .new_ = list_new,
    .init = list_init,
    .methods = list_methods,
};
