// objects/bytearray.c — the bytearray type: a mutable byte string.
//
// Stage: objects. Owns KaaByteArray (the header holds len/cap and a pointer to an atomic
// body that grows geometrically), construction, the mutating methods and slots (item and
// slice assignment, +=, *=), and bytearray's own repr and comparison. The methods shared
// with bytes come from bytes_methods.c through bytes_impl.h.
//
// Known difference: CPython refuses to resize a bytearray while a memoryview of it is alive
// (BufferError). Without reference counting a dropped view would block resizing forever, so
// kaa allows it; views re-read the body on every access and check its length.
#include <string.h>

#include "objects/bytes_impl.h"

static inline KaaByteArray *as_ba(KaaValue v) { return (KaaByteArray *)kaa_obj(v); }

bool kaa_is_bytearray(KaaValue v) {
    return kaa_is_obj(v) && (kaa_obj(v)->type == &kaa_bytearray_type ||
                             kaa_isinstance_exact_or_sub(v, &kaa_bytearray_type));
}

// ---- storage ----------------------------------------------------------------------------------

// Makes room for `need` bytes (plus the 0 byte kept after the data).
static void reserve(KaaByteArray *ba, size_t need) {
    if (need < ba->cap) {
        return;
    }
    if (need > (size_t)INT64_MAX / 2) {
        kaa_raise_memory();
    }
    size_t cap = ba->cap + (ba->cap >> 1) + 8;
    if (cap <= need) {
        cap = need + 1;
    }
    uint8_t *data = kaa_alloc_atomic(cap);
    if (ba->len) {
        memcpy(data, ba->data, ba->len);
    }
    ba->data = data;
    ba->cap = cap;
}

static void set_len(KaaByteArray *ba, size_t len) {
    reserve(ba, len);
    ba->len = len;
    ba->data[len] = 0;
}

// Replaces data[at, at+old) with `n` bytes from src (src may alias the array).
static void splice(KaaByteArray *ba, size_t at, size_t old, const uint8_t *src, size_t n) {
    uint8_t *copy = NULL;
    if (n && src >= ba->data && src < ba->data + ba->cap) {
        copy = kaa_alloc_atomic(n);  // the source is inside the array: copy it first
        memcpy(copy, src, n);
        src = copy;
    }
    size_t tail = ba->len - at - old;
    size_t len = ba->len - old + n;
    reserve(ba, len);
    memmove(ba->data + at + n, ba->data + at + old, tail);
    if (n) {
        memcpy(ba->data + at, src, n);
    }
    set_len(ba, len);
}

KaaValue kaa_bytearray_new(const void *data, size_t len) {
    KaaByteArray *ba = kaa_alloc(sizeof(KaaByteArray));
    ba->ob.type = &kaa_bytearray_type;
    reserve(ba, len);
    if (data) {
        memcpy(ba->data, data, len);
    } else {
        memset(ba->data, 0, len);
    }
    set_len(ba, len);
    return kaa_from_obj(ba);
}

// ---- construction -----------------------------------------------------------------------------

static KaaValue bytearray_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaByteArray *ba = (KaaByteArray *)kaa_obj(kaa_instance_alloc(type, 0));
    set_len(ba, 0);
    return kaa_from_obj(ba);
}

// bytearray(source=..., encoding=..., errors=...): also what a second __init__ call does.
static void bytearray_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue a[3] = {KAA_NULL, KAA_NULL, KAA_NULL};
    kaa_bytes_bind3("bytearray", args, nargs, kwnames, a);
    KaaByteArray *ba = as_ba(self);
    KaaValue x = a[0];
    KaaByteBuf b;
    kaa_bytebuf_init(&b, 16);
    if (a[1] || a[2]) {
        if (!x || !kaa_is_str(x)) {
            kaa_raise_type_error(a[1] ? "encoding without a string argument"
                                      : "errors without a string argument");
        }
        KaaBuf e = kaa_bytes_arg(kaa_str_encode(x, a[1], a[2]));
        kaa_bytebuf_put(&b, e.data, e.len);
    } else if (x && kaa_is_str(x)) {
        kaa_raise_type_error("string argument without an encoding");
    } else if (x && !kaa_buffer_get(x, &(const uint8_t *){NULL}, &(size_t){0}) &&
               kaa_bytes_is_index(x)) {
        int64_t n = kaa_bytes_size_arg(x);
        if (n < 0) {
            kaa_raise_value_error("negative count");
        }
        kaa_bytebuf_fill(&b, 0, (size_t)n);
    } else if (x) {
        kaa_bytes_from_object(&b, x, "bytearray", false);
    }
    set_len(ba, 0);
    splice(ba, 0, 0, b.data, b.len);
}

// ---- slots ------------------------------------------------------------------------------------

static KaaValue bytearray_repr(KaaValue self) {
    KaaByteArray *ba = as_ba(self);
    const char *name = kaa_type_of(self)->name;
    const char *dot = strrchr(name, '.');
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s(", dot ? dot + 1 : name);
    return kaa_bytes_repr_value(prefix, ba->data, ba->len, ")", true);
}

static KaaValue bytearray_richcompare(KaaValue a, KaaValue b, int op) {
    KaaBuf x, y;
    if (kaa_is_str(a) || kaa_is_str(b) || !kaa_buffer_get(a, &x.data, &x.len) ||
        !kaa_buffer_get(b, &y.data, &y.len)) {
        return kaa_NotImplemented;
    }
    return kaa_bytes_compare(x, y, op);
}

static int64_t bytearray_len(KaaValue self) {
    return (int64_t)as_ba(self)->len;
}

static KaaValue bytearray_getitem(KaaValue self, KaaValue key) {
    KaaByteArray *ba = as_ba(self);
    if (kaa_is_type(key, &kaa_slice_type)) {
        return kaa_bytes_slice(self, key);
    }
    if (!kaa_bytes_is_index(key)) {
        kaa_raise_type_error("bytearray indices must be integers or slices, not %T", key);
    }
    size_t i = kaa_bytes_index(key, ba->len, "bytearray index out of range");
    return kaa_from_small(ba->data[i]);
}

// The bytes of the right side of a slice assignment.
static KaaBuf assigned_bytes(KaaValue value) {
    KaaBuf b;
    if (kaa_buffer_get(value, &b.data, &b.len)) {
        return b;
    }
    KaaType *t = kaa_type_of(value);
    if (kaa_is_str(value) || kaa_bytes_is_index(value) || (!t->iter && !t->getitem)) {
        kaa_raise_type_error(
            "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
    }
    KaaByteBuf bb;
    kaa_bytebuf_init(&bb, 16);
    kaa_bytes_from_object(&bb, value, "bytearray", false);
    b.data = bb.data;
    b.len = bb.len;
    return b;
}

// Deletes the n items start, start+step, ... (step != 1).
static void delete_extended(KaaByteArray *ba, int64_t start, int64_t step, int64_t n) {
    if (n == 0) {
        return;
    }
    if (step < 0) {
        start += (n - 1) * step;  // walk forwards over the same items
        step = -step;
    }
    size_t out = (size_t)start, next = (size_t)start;
    int64_t deleted = 0;
    for (size_t i = (size_t)start; i < ba->len; i++) {
        if (deleted < n && i == next) {
            deleted++;
            next += (size_t)step;
            continue;
        }
        ba->data[out++] = ba->data[i];
    }
    set_len(ba, out);
}

static void assign_slice(KaaValue self, KaaValue slice, KaaValue value) {
    KaaByteArray *ba = as_ba(self);
    KaaBuf src = {NULL, 0};
    if (value) {
        src = assigned_bytes(value);
    }
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(slice, (int64_t)ba->len, &start, &stop, &step);
    if (step == 1) {
        size_t old = stop > start ? (size_t)(stop - start) : 0;
        splice(ba, (size_t)start, old, src.data, src.len);
        return;
    }
    if (src.len == 0) {
        delete_extended(ba, start, step, n);  // CPython deletes on an empty right side
        return;
    }
    if ((int64_t)src.len != n) {
        kaa_raise_value_error("attempt to assign bytes of size %zu to extended slice of size %lld",
                              src.len, (long long)n);
    }
    for (int64_t i = 0, j = start; i < n; i++, j += step) {
        ba->data[j] = src.data[i];
    }
}

static void bytearray_setitem(KaaValue self, KaaValue key, KaaValue value) {
    KaaByteArray *ba = as_ba(self);
    if (kaa_is_type(key, &kaa_slice_type)) {
        assign_slice(self, key, value);
        return;
    }
    if (!kaa_bytes_is_index(key)) {
        kaa_raise_type_error("bytearray indices must be integers or slices, not %T", key);
    }
    uint8_t byte = value ? kaa_bytes_byte_value(value, false) : 0;
    size_t i = kaa_bytes_index(key, ba->len, "bytearray index out of range");
    if (value) {
        ba->data[i] = byte;
    } else {
        splice(ba, i, 1, NULL, 0);
    }
}

static KaaValue bytearray_add(KaaValue a, KaaValue b) {
    if (!kaa_is_bytearray(a)) {
        return kaa_NotImplemented;
    }
    KaaBuf y;
    if (!kaa_buffer_get(b, &y.data, &y.len)) {
        return kaa_NotImplemented;  // kaa_binary_op words the error
    }
    KaaByteArray *x = as_ba(a);
    KaaValue r = kaa_bytearray_new(NULL, x->len + y.len);
    memcpy(as_ba(r)->data, x->data, x->len);
    memcpy(as_ba(r)->data + x->len, y.data, y.len);
    return r;
}

static KaaValue bytearray_iadd(KaaValue a, KaaValue b) {
    KaaBuf y;
    if (!kaa_buffer_get(b, &y.data, &y.len)) {
        return kaa_NotImplemented;  // kaa_binary_op words the error
    }
    KaaByteArray *x = as_ba(a);
    splice(x, x->len, 0, y.data, y.len);
    return a;
}

static KaaValue bytearray_mul(KaaValue a, KaaValue b) {
    KaaValue seq = kaa_is_bytearray(a) ? a : b, n = kaa_is_bytearray(a) ? b : a;
    bool defer;
    int64_t count = kaa_bytes_repeat_count(n, &defer);
    if (defer) {
        return kaa_NotImplemented;
    }
    KaaByteArray *x = as_ba(seq);
    if (x->len && (uint64_t)count > (uint64_t)INT64_MAX / 2 / x->len) {
        kaa_raise_memory();
    }
    KaaValue r = kaa_bytearray_new(NULL, x->len * (size_t)count);
    kaa_bytes_fill_repeat(as_ba(r)->data, x->data, x->len, (size_t)count);
    return r;
}

static KaaValue bytearray_imul(KaaValue a, KaaValue b) {
    bool defer;
    int64_t count = kaa_bytes_repeat_count(b, &defer);
    if (defer) {
        return kaa_NotImplemented;
    }
    KaaByteArray *x = as_ba(a);
    if (x->len && (uint64_t)count > (uint64_t)INT64_MAX / 2 / x->len) {
        kaa_raise_memory();
    }
    size_t len = x->len;
    reserve(x, len * (size_t)count);
    kaa_bytes_fill_repeat(x->data, x->data, len, (size_t)count);
    set_len(x, len * (size_t)count);
    return a;
}

static KaaValue bytearray_mod(KaaValue a, KaaValue b) {
    if (!kaa_is_bytearray(a)) {
        return kaa_NotImplemented;
    }
    return kaa_bytes_percent(a, b);
}

// ---- mutating methods -------------------------------------------------------------------------

static void one_arg(const char *name, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("bytearray.%s() takes no keyword arguments", name);
    }
    if (nargs != 1) {
        kaa_raise_type_error("bytearray.%s() takes exactly one argument (%zu given)", name, nargs);
    }
}

static void no_args(const char *name, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("bytearray.%s() takes no keyword arguments", name);
    }
    if (nargs != 0) {
        kaa_raise_type_error("bytearray.%s() takes no arguments (%zu given)", name, nargs);
    }
}

static KaaValue ba_append(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("append", nargs, kwnames);
    uint8_t c = kaa_bytes_byte_value(args[0], false);
    KaaByteArray *ba = as_ba(self);
    set_len(ba, ba->len + 1);
    ba->data[ba->len - 1] = c;
    return kaa_None;
}

static KaaValue ba_extend(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("extend", nargs, kwnames);
    KaaValue x = args[0];
    KaaType *t = kaa_type_of(x);
    if (!kaa_buffer_get(x, &(const uint8_t *){NULL}, &(size_t){0}) && !t->iter && !t->getitem) {
        kaa_raise_type_error("can't extend bytearray with %T", x);
    }
    KaaByteBuf b;
    kaa_bytebuf_init(&b, 16);
    kaa_bytes_from_object(&b, x, "bytearray", false);
    KaaByteArray *ba = as_ba(self);
    splice(ba, ba->len, 0, b.data, b.len);
    return kaa_None;
}

static KaaValue ba_insert(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("insert", kwnames);
    if (nargs != 2) {
        kaa_raise_type_error("insert expected 2 arguments, got %zu", nargs);
    }
    int64_t i = kaa_bytes_size_arg(args[0]);
    uint8_t c = kaa_bytes_byte_value(args[1], false);
    KaaByteArray *ba = as_ba(self);
    int64_t len = (int64_t)ba->len;
    if (i < 0) {
        i = i + len < 0 ? 0 : i + len;
    }
    if (i > len) {
        i = len;
    }
    splice(ba, (size_t)i, 0, &c, 1);
    return kaa_None;
}

static KaaValue ba_pop(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames)) {
        kaa_raise_type_error("bytearray.pop() takes no keyword arguments");
    }
    if (nargs > 1) {
        kaa_raise_type_error("pop expected at most 1 argument, got %zu", nargs);
    }
    int64_t i = nargs ? kaa_bytes_size_arg(args[0]) : -1;
    KaaByteArray *ba = as_ba(self);
    if (ba->len == 0) {
        kaa_raise_index_error("pop from empty bytearray");
    }
    if (i < 0) {
        i += (int64_t)ba->len;
    }
    if (i < 0 || i >= (int64_t)ba->len) {
        kaa_raise_index_error("pop index out of range");
    }
    uint8_t c = ba->data[i];
    splice(ba, (size_t)i, 1, NULL, 0);
    return kaa_from_small(c);
}

static KaaValue ba_remove(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("remove", nargs, kwnames);
    uint8_t c = kaa_bytes_byte_value(args[0], false);
    KaaByteArray *ba = as_ba(self);
    uint8_t *p = ba->len ? memchr(ba->data, c, ba->len) : NULL;
    if (!p) {
        kaa_raise_value_error("value not found in bytearray");
    }
    splice(ba, (size_t)(p - ba->data), 1, NULL, 0);
    return kaa_None;
}

static KaaValue ba_reverse(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("reverse", nargs, kwnames);
    KaaByteArray *ba = as_ba(self);
    for (size_t l = 0, r = ba->len; l + 1 < r; l++, r--) {
        uint8_t t = ba->data[l];
        ba->data[l] = ba->data[r - 1];
        ba->data[r - 1] = t;
    }
    return kaa_None;
}

static KaaValue ba_clear(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("clear", nargs, kwnames);
    set_len(as_ba(self), 0);
    return kaa_None;
}

static KaaValue ba_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("copy", nargs, kwnames);
    return kaa_bytearray_new(as_ba(self)->data, as_ba(self)->len);
}

static KaaValue ba_alloc(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("__alloc__", nargs, kwnames);
    KaaByteArray *ba = as_ba(self);
    return kaa_int_from_u64(ba->len ? ba->cap : 0);
}

static KaaValue ba_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("__sizeof__", nargs, kwnames);
    return kaa_int_from_u64(kaa_type_of(self)->instance_size + as_ba(self)->cap);
}

// (type, args, state) for pickling: latin-1 text for protocols < 3, bytes after.
static KaaValue reduce(KaaValue self, int64_t proto) {
    KaaByteArray *ba = as_ba(self);
    KaaValue args;
    if (proto < 3) {
        KaaValue text = kaa_str_from_latin1(ba->data, ba->len);
        args = kaa_from_obj(kaa_tuple_pack(2, text, kaa_str_from_cstr("latin-1")));
    } else {
        args = kaa_from_obj(kaa_tuple_pack(1, kaa_bytes_new(ba->data, ba->len)));
    }
    KaaValue *dslot = kaa_instance_dict_slot(self);
    KaaValue state = dslot && *dslot ? *dslot : kaa_None;
    return kaa_from_obj(kaa_tuple_pack(3, kaa_from_obj(kaa_type_of(self)), args, state));
}

static KaaValue ba_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("__reduce__", nargs, kwnames);
    return reduce(self, 2);
}

static KaaValue ba_reduce_ex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("__reduce_ex__", kwnames);
    if (nargs > 1) {
        kaa_raise_type_error("__reduce_ex__ expected at most 1 argument, got %zu", nargs);
    }
    return reduce(self, nargs ? kaa_bytes_size_arg(args[0]) : 0);
}

static const KaaMethodDef bytearray_methods[] = {
    KAA_BYTES_METHOD_ENTRIES
    {"append", ba_append, 0, NULL},
    {"extend", ba_extend, 0, NULL},
    {"insert", ba_insert, 0, NULL},
    {"pop", ba_pop, 0, NULL},
    {"remove", ba_remove, 0, NULL},
    {"reverse", ba_reverse, 0, NULL},
    {"clear", ba_clear, 0, NULL},
    {"copy", ba_copy, 0, NULL},
    {"__alloc__", ba_alloc, 0, NULL},
    {"__sizeof__", ba_sizeof, 0, NULL},
    {"__reduce__", ba_reduce, 0, NULL},
    {"__reduce_ex__", ba_reduce_ex, 0, NULL},
    {NULL},
};

static bool bytearray_buffer(KaaValue self, KaaBuffer *view) {
    KaaByteArray *ba = (KaaByteArray *)kaa_obj(self);
    *view = (KaaBuffer){ba->data, ba->len, 1, "B", false};
    return true;
}

KaaType kaa_bytearray_type = {
    .ob = {&kaa_type_type},
    .name = "bytearray",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_SEQ_CONCAT,
    .instance_size = sizeof(KaaByteArray),
    .repr = bytearray_repr,
    .str = bytearray_repr,
    .richcompare = bytearray_richcompare,
    .iter = kaa_bytes_iter_new,
    .binary = {[KAA_OP_ADD] = bytearray_add, [KAA_OP_MUL] = bytearray_mul,
               [KAA_OP_MOD] = bytearray_mod},
    .inplace = {[KAA_OP_ADD] = bytearray_iadd, [KAA_OP_MUL] = bytearray_imul},
    .len = bytearray_len,
    .getitem = bytearray_getitem,
    .setitem = bytearray_setitem,
    .contains = kaa_bytes_contains,
    .new_ = bytearray_new,
    .init = bytearray_init,
    .buffer = bytearray_buffer,
    .methods = bytearray_methods,
};
