// objects/tuple.c — the tuple type and its iterator.
//
// Stage: objects. Owns KaaTuple creation (the empty-tuple singleton, from arrays and
// iterables), tuple's slots and methods, and CPython 3.11's tuple hash (the xxHash-based
// combination, so hash((1, 2)) is the same number as in CPython). Items of a tuple are never
// changed once it has been handed out; only the creator fills a fresh tuple.
// Must not: know about the VM (tuple unpacking is the VM's, through kaa_tuple()).
#include "objects/containers.h"

// The one empty tuple; every () is this object.
static KaaTuple empty_tuple = {{&kaa_tuple_type}, 0};
KaaTuple *kaa_empty_tuple = &empty_tuple;

// Start-up work of the container files. Everything they share (the empty tuple, the set
// dummy, the empty dicts' index table) is static data, so there is nothing to do yet.
void kaa_containers_init(void) {}

bool kaa_is_tuple(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_TUPLE_SUBCLASS);
}

// A fresh tuple for its creator to fill; every empty tuple is the singleton.
KaaTuple *kaa_tuple_new(size_t len) {
    if (len == 0) {
        return kaa_empty_tuple;
    }
    if (len > ((size_t)1 << 59)) {
        kaa_raise_memory();
    }
    KaaTuple *t = kaa_alloc(sizeof(KaaTuple) + len * sizeof(KaaValue));
    t->ob.type = &kaa_tuple_type;
    t->len = (int64_t)len;
    return t;
}

KaaTuple *kaa_tuple_from_array(const KaaValue *items, size_t len) {
    KaaTuple *t = kaa_tuple_new(len);
    if (len) {
        memcpy(t->items, items, len * sizeof(KaaValue));
    }
    return t;
}

KaaTuple *kaa_tuple_pack(size_t len, ...) {
    KaaTuple *t = kaa_tuple_new(len);
    va_list ap;
    va_start(ap, len);
    for (size_t i = 0; i < len; i++) {
        t->items[i] = va_arg(ap, KaaValue);
    }
    va_end(ap);
    return t;
}

// tuple(iterable): exact tuples are returned as they are, lists copied, the rest collected
// through a list.
KaaValue kaa_tuple_from_iterable(KaaValue iterable) {
    if (kaa_is_type(iterable, &kaa_tuple_type)) {
        return iterable;  // immutable: tuple(t) is t
    }
    if (kaa_is_type(iterable, &kaa_list_type)) {
        KaaList *l = kaa_list(iterable);
        return kaa_from_obj(kaa_tuple_from_array(l->items, (size_t)l->len));
    }
    KaaList *l = kaa_list(kaa_list_from_iterable(iterable));
    return kaa_from_obj(kaa_tuple_from_array(l->items, (size_t)l->len));
}

// A tuple of `type` (tuple or a subclass) holding items[0..len).
static KaaValue tuple_of_type(KaaType *type, const KaaValue *items, size_t len) {
    if (type == &kaa_tuple_type) {
        return kaa_from_obj(kaa_tuple_from_array(items, len));
    }
    // Subclass instances put their class additions after the items (see var_size).
    KaaValue v = kaa_instance_alloc(type, len * sizeof(KaaValue));
    KaaTuple *t = kaa_tuple(v);
    t->len = (int64_t)len;
    if (len) {
        memcpy(t->items, items, len * sizeof(KaaValue));
    }
    return v;
}

// ---- slots ----------------------------------------------------------------------------------

static KaaValue tuple_repr_body(KaaValue self) {
    KaaTuple *t = kaa_tuple(self);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_putc(&b, '(');
    for (int64_t i = 0; i < t->len; i++) {
        if (i > 0) {
            kaa_strbuf_puts(&b, ", ");
        }
        kaa_strbuf_putstr(&b, kaa_repr(t->items[i]));
    }
    kaa_strbuf_puts(&b, t->len == 1 ? ",)" : ")");
    return kaa_strbuf_finish(&b);
}

static KaaValue tuple_repr(KaaValue self) {
    if (kaa_tuple(self)->len == 0) {
        return kaa_str_from_ascii("()", 2);
    }
    check_depth(WHILE_REPR);
    return guarded_repr(self, kaa_str_from_ascii("(...)", 5), tuple_repr_body);
}

// CPython 3.11's tuple hash: xxHash's round over the item hashes, plus the length mangled so
// that hash(()) keeps its historical value.
#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

static int64_t tuple_hash(KaaValue self) {
    KaaTuple *t = kaa_tuple(self);
    uint64_t acc = XXPRIME_5;
    if (t->len > 1) {
        kaa_check_c_stack();  // nested tuples recurse through kaa_hash
    }
    for (int64_t i = 0; i < t->len; i++) {
        uint64_t lane = (uint64_t)container_hash(t->items[i]);
        acc += lane * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)t->len ^ (XXPRIME_5 ^ 3527539ULL);
    if (acc == (uint64_t)-1) {
        return 1546275796;
    }
    return (int64_t)acc;
}

// Find the first index where the items differ (identity, then ==); if none, the lengths
// decide.
KaaValue kaa_seq_richcompare(const KaaValue *a, int64_t alen, const KaaValue *b, int64_t blen,
                             int op) {
    if (alen != blen && (op == KAA_EQ || op == KAA_NE)) {
        return kaa_bool(op == KAA_NE);
    }
    int64_t i = 0;
    for (; i < alen && i < blen; i++) {
        if (!items_same(a[i], b[i])) {
            break;
        }
    }
    if (i >= alen || i >= blen) {
        int64_t x = alen, y = blen;
        switch (op) {
        case KAA_LT: return kaa_bool(x < y);
        case KAA_LE: return kaa_bool(x <= y);
        case KAA_EQ: return kaa_bool(x == y);
        case KAA_NE: return kaa_bool(x != y);
        case KAA_GT: return kaa_bool(x > y);
        default: return kaa_bool(x >= y);
        }
    }
    if (op == KAA_EQ) {
        return kaa_False;
    }
    if (op == KAA_NE) {
        return kaa_True;
    }
    return kaa_richcompare(a[i], b[i], op);
}

static KaaValue tuple_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_tuple(a) || !kaa_is_tuple(b)) {
        return kaa_NotImplemented;
    }
    check_depth(IN_COMPARISON);
    KaaTuple *x = kaa_tuple(a), *y = kaa_tuple(b);
    return kaa_seq_richcompare(x->items, x->len, y->items, y->len, op);
}

static int64_t tuple_len(KaaValue self) { return kaa_tuple(self)->len; }

// t[a:b:c]; the whole of an exact tuple is the tuple itself.
static KaaValue tuple_slice(KaaValue self, KaaValue slice) {
    KaaTuple *t = kaa_tuple(self);
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(slice, t->len, &start, &stop, &step);
    if (n <= 0) {
        return kaa_from_obj(kaa_empty_tuple);
    }
    if (step == 1 && n == t->len && kaa_is_type(self, &kaa_tuple_type)) {
        return self;
    }
    KaaTuple *r = kaa_tuple_new((size_t)n);
    if (step == 1) {
        memcpy(r->items, t->items + start, (size_t)n * sizeof(KaaValue));
    } else {
        for (int64_t i = 0, j = start; i < n; i++, j += step) {
            r->items[i] = t->items[j];
        }
    }
    return kaa_from_obj(r);
}

static KaaValue tuple_getitem(KaaValue self, KaaValue key) {
    KaaTuple *t = kaa_tuple(self);
    if (KAA_LIKELY(kaa_is_int(key))) {
        int64_t i = kaa_int_val(key);
        if (i < 0) {
            i += t->len;
        }
        if ((uint64_t)i >= (uint64_t)t->len) {
            kaa_raise_index_error("tuple index out of range");
        }
        return t->items[i];
    }
    if (is_slice(key)) {
        return tuple_slice(self, key);
    }
    int64_t i = seq_index(key, "tuple");
    if (i < 0) {
        i += t->len;
    }
    if (i < 0 || i >= t->len) {
        kaa_raise_index_error("tuple index out of range");
    }
    return t->items[i];
}

static int tuple_contains(KaaValue self, KaaValue item) {
    KaaTuple *t = kaa_tuple(self);
    for (int64_t i = 0; i < t->len; i++) {
        if (items_same(t->items[i], item)) {
            return 1;
        }
    }
    return 0;
}

// ---- + and * ------------------------------------------------------------------------------

// tuple + tuple, reusing an operand when the other is empty.
static KaaValue tuple_add(KaaValue a, KaaValue b) {
    if (!kaa_is_tuple(a)) {
        return kaa_NotImplemented;
    }
    if (!kaa_is_tuple(b)) {
        return kaa_NotImplemented;
    }
    KaaTuple *x = kaa_tuple(a), *y = kaa_tuple(b);
    if (x->len == 0 && kaa_is_type(b, &kaa_tuple_type)) {
        return b;
    }
    if (y->len == 0 && kaa_is_type(a, &kaa_tuple_type)) {
        return a;
    }
    KaaTuple *r = kaa_tuple_new((size_t)(x->len + y->len));
    memcpy(r->items, x->items, (size_t)x->len * sizeof(KaaValue));
    memcpy(r->items + x->len, y->items, (size_t)y->len * sizeof(KaaValue));
    return kaa_from_obj(r);
}

int64_t kaa_seq_repeat_count(KaaValue n) {
    if (kaa_is_int(n)) {
        return kaa_int_val(n);
    }
    int64_t r;
    if (!kaa_int_to_i64(kaa_index(n), &r)) {
        kaa_raise_overflow("cannot fit 'int' into an index-sized integer");
    }
    return r;
}

static KaaValue tuple_repeat(KaaValue self, int64_t n) {
    KaaTuple *t = kaa_tuple(self);
    if (n <= 0 || t->len == 0) {
        return kaa_from_obj(kaa_empty_tuple);
    }
    if (n == 1 && kaa_is_type(self, &kaa_tuple_type)) {
        return self;
    }
    if (t->len > INT64_MAX / 8 / n) {
        kaa_raise_memory();
    }
    KaaTuple *r = kaa_tuple_new((size_t)(t->len * n));
    for (int64_t k = 0; k < n; k++) {
        memcpy(r->items + k * t->len, t->items, (size_t)t->len * sizeof(KaaValue));
    }
    return kaa_from_obj(r);
}

// t * n and n * t (the slot sees both orders).
static KaaValue tuple_mul(KaaValue a, KaaValue b) {
    KaaValue seq = kaa_is_tuple(a) ? a : b, n = kaa_is_tuple(a) ? b : a;
    if (kaa_is_int(n) || kaa_type_of(n)->index != NULL) {
        return tuple_repeat(seq, kaa_seq_repeat_count(n));
    }
    return kaa_NotImplemented;
}

// ---- the iterator ---------------------------------------------------------------------------

typedef struct TupleIter {
    KaaObject ob;
    KaaTuple *seq;  // NULL once exhausted
    int64_t index;
} TupleIter;

static KaaValue tuple_iter(KaaValue self) {
    TupleIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &kaa_tuple_iterator_type;
    it->seq = kaa_tuple(self);
    return kaa_from_obj(it);
}

static KaaValue tupleiter_next(KaaValue self) {
    TupleIter *it = (TupleIter *)kaa_obj(self);
    if (it->seq && it->index < it->seq->len) {
        return it->seq->items[it->index++];
    }
    it->seq = NULL;
    return KAA_NULL;
}

static KaaValue iter_self(KaaValue self) { return self; }

static KaaValue tupleiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    TupleIter *it = (TupleIter *)kaa_obj(self);
    return kaa_from_small(it->seq ? it->seq->len - it->index : 0);
}

static const KaaMethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, 0, NULL},
    {NULL},
};

KaaType kaa_tuple_iterator_type = {
    .ob = {&kaa_type_type},
    .name = "tuple_iterator",
    .instance_size = sizeof(TupleIter),
    .iter = iter_self,
    .next = tupleiter_next,
    .methods = tupleiter_methods,
};

// ---- creation and methods -------------------------------------------------------------------

// tuple(iterable): all the work is in __new__ (tuples are immutable). Keywords are refused
// unless a subclass brings an __init__ that may want them.
static KaaValue tuple_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &kaa_tuple_type || type->init == kaa_object_type.init) {
        args_no_kw("tuple", kwnames);
    }
    args_at_most("tuple", nargs, 1);
    if (type == &kaa_tuple_type) {
        return nargs ? kaa_tuple_from_iterable(args[0]) : kaa_from_obj(kaa_empty_tuple);
    }
    if (nargs == 0) {
        return tuple_of_type(type, NULL, 0);
    }
    KaaList *l = kaa_list(kaa_list_from_iterable(args[0]));
    return tuple_of_type(type, l->items, (size_t)l->len);
}

// The size of the tuple part of an instance; a subclass keeps its __dict__ after it.
static size_t tuple_var_size(KaaValue self) {
    return sizeof(KaaTuple) + (size_t)kaa_tuple(self)->len * sizeof(KaaValue);
}

int64_t kaa_seq_clamp_index(KaaValue v, int64_t len) {
    int64_t i;
    if (kaa_is_int(v)) {
        i = kaa_int_val(v);
    } else {
        if (kaa_type_of(v)->index == NULL) {
            kaa_raise_type_error("slice indices must be integers or have an __index__ method");
        }
        KaaValue x = kaa_index(v);
        if (!kaa_int_to_i64(x, &i)) {
            i = kaa_int_sign(x) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
        }
    }
    if (i < 0) {
        i += len;
        if (i < 0) {
            i = 0;
        }
    }
    return i;
}

static KaaValue tuple_index(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_range("tuple.index", "index", nargs, kw, 1, 3);
    KaaTuple *t = kaa_tuple(self);
    int64_t start = nargs > 1 ? kaa_seq_clamp_index(args[1], t->len) : 0;
    int64_t stop = nargs > 2 ? kaa_seq_clamp_index(args[2], t->len) : t->len;
    for (int64_t i = start; i < stop && i < t->len; i++) {
        if (items_same(t->items[i], args[0])) {
            return kaa_from_small(i);
        }
    }
    kaa_raise_value_error("tuple.index(x): x not in tuple");
}

static KaaValue tuple_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("tuple.count", nargs, kw);
    KaaTuple *t = kaa_tuple(self);
    int64_t n = 0;
    for (int64_t i = 0; i < t->len; i++) {
        n += items_same(t->items[i], args[0]);
    }
    return kaa_from_small(n);
}

static KaaValue tuple_getnewargs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("tuple.__getnewargs__", nargs, kw);
    KaaTuple *t = kaa_tuple(self);
    KaaValue copy = kaa_from_obj(kaa_tuple_from_array(t->items, (size_t)t->len));
    return kaa_from_obj(kaa_tuple_pack(1, copy));
}

static KaaValue tuple_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("tuple.__sizeof__", nargs, kw);
    return kaa_from_small(24 + 8 * kaa_tuple(self)->len);  // CPython's numbers
}

static const KaaMethodDef tuple_methods[] = {
    {"index", tuple_index, 0, "Return first index of value."},
    {"count", tuple_count, 0, "Return number of occurrences of value."},
    {"__getnewargs__", tuple_getnewargs, 0, NULL},
    {"__sizeof__", tuple_sizeof, 0, "Size of object in memory, in bytes."},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

KaaType kaa_tuple_type = {
    .ob = {&kaa_type_type},
    .name = "tuple",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_TUPLE_SUBCLASS | KAA_TPFLAG_SEQUENCE |
             KAA_TPFLAG_VAR_SIZE | KAA_TPFLAG_SEQ_CONCAT,
    .instance_size = sizeof(KaaTuple),
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .binary = {[KAA_OP_ADD] = tuple_add, [KAA_OP_MUL] = tuple_mul},
    .len = tuple_len,
    .getitem = tuple_getitem,
    .contains = tuple_contains,
    .new_ = tuple_new,
    .var_size = tuple_var_size,
    .methods = tuple_methods,
};
