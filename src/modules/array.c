// modules/array.c — the array module: array.array, compact sequences of C numbers
// (typecodes bBuhHiIlLqQfd) and the pickling helper _array_reconstructor.
//
// Stage: modules. An array keeps its items as raw C values in one atomic buffer (no pointers
// inside), converting on the way in with CPython's messages per typecode and boxing on the
// way out; its `buffer` slot exports the items' memory (bytes(a), memoryview, struct). Must
// not: hold KaaValues in the item buffer.
#include <math.h>

#include "modules/nummods.h"

// ---- typecodes ----------------------------------------------------------------------------------

// Machine format codes of _array_reconstructor (CPython's enum machine_format_code).
enum {
    MF_UINT8, MF_INT8, MF_UINT16_LE, MF_UINT16_BE, MF_INT16_LE, MF_INT16_BE, MF_UINT32_LE,
    MF_UINT32_BE, MF_INT32_LE, MF_INT32_BE, MF_UINT64_LE, MF_UINT64_BE, MF_INT64_LE,
    MF_INT64_BE, MF_FLOAT_LE, MF_FLOAT_BE, MF_DOUBLE_LE, MF_DOUBLE_BE, MF_UTF16_LE,
    MF_UTF16_BE, MF_UTF32_LE, MF_UTF32_BE, MF_COUNT
};

typedef struct {
    char typecode;
    uint8_t itemsize;
    bool is_signed;
    uint8_t kind;  // K_INT, K_FLOAT, K_UNICODE
} Descr;

enum { K_INT, K_FLOAT, K_UNICODE };

static const Descr descrs[] = {
    {'b', 1, true, K_INT},  {'B', 1, false, K_INT}, {'u', 4, false, K_UNICODE},
    {'h', 2, true, K_INT},  {'H', 2, false, K_INT}, {'i', 4, true, K_INT},
    {'I', 4, false, K_INT}, {'l', 8, true, K_INT},  {'L', 8, false, K_INT},
    {'q', 8, true, K_INT},  {'Q', 8, false, K_INT}, {'f', 4, true, K_FLOAT},
    {'d', 8, true, K_FLOAT}, {0},
};

typedef struct {
    KaaObject ob;
    const Descr *d;
    uint8_t *data;    // cap * itemsize bytes, atomic
    int64_t len, cap;  // in items
    KaaValue weakreflist;
} KaaArray;

KaaType kaa_array_type, kaa_array_iter_type;

static KaaArray *arr(KaaValue v) { return (KaaArray *)kaa_obj(v); }
static bool is_array(KaaValue v) { return kaa_isinstance_exact_or_sub(v, &kaa_array_type); }

static bool array_buffer(KaaValue self, KaaBuffer *view) {
    KaaArray *a = arr(self);
    static char formats[256][2];  // one NUL-terminated code per typecode
    char *format = formats[(unsigned char)a->d->typecode];
    format[0] = a->d->typecode;
    *view = (KaaBuffer){a->data, (size_t)a->len * a->d->itemsize, a->d->itemsize, format, false};
    return true;
}

// ---- storage ------------------------------------------------------------------------------------

// Makes room for n items (over-allocating like list, so appends are amortised O(1)).
static void reserve(KaaArray *a, int64_t n) {
    if (n <= a->cap) {
        return;
    }
    if (n > INT64_MAX / 16 / a->d->itemsize) {
        kaa_raise_memory();
    }
    int64_t cap = n + (n >> 3) + (n < 9 ? 3 : 6);
    uint8_t *data = kaa_alloc_atomic((size_t)(cap * a->d->itemsize) + 1);
    if (a->len) {
        memcpy(data, a->data, (size_t)(a->len * a->d->itemsize));
    }
    a->data = data;
    a->cap = cap;
}

static KaaArray *new_array(KaaType *type, const Descr *d, int64_t len) {
    KaaArray *a = arr(kaa_instance_alloc(type, 0));
    a->d = d;
    a->data = kaa_alloc_atomic(1);
    reserve(a, len);
    a->len = len;
    return a;
}

static inline uint8_t *item_ptr(KaaArray *a, int64_t i) { return a->data + i * a->d->itemsize; }

// ---- converting items ---------------------------------------------------------------------------

KAA_NORETURN static void overflow(const char *msg) { kaa_raise_overflow("%s", msg); }

// An int through __index__ as a C long ("Python int too large to convert to C long").
static int64_t as_long(KaaValue v) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    int64_t x;
    if (!kaa_int_to_i64(kaa_index(v), &x)) {
        overflow("Python int too large to convert to C long");
    }
    return x;
}

// An int through __index__ as 64 unsigned bits; the two messages are those of the C API
// function CPython uses for the typecode.
static uint64_t as_unsigned(KaaValue v, const char *negative, const char *too_big) {
    KaaValue i = kaa_index(v);
    if (kaa_int_sign(i) < 0) {
        overflow(negative);
    }
    int64_t x;
    if (kaa_int_to_i64(i, &x)) {
        return (uint64_t)x;
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(i, z);
    if (mpz_sizeinbase(z, 2) > 64) {
        overflow(too_big);
    }
    uint64_t u = 0;
    mpz_export(&u, NULL, -1, sizeof u, 0, 0, z);
    return u;
}

static void check_range(int64_t x, int64_t lo, int64_t hi, const char *what) {
    if (x < lo) {
        kaa_raise_overflow("%s is less than minimum", what);
    }
    if (x > hi) {
        kaa_raise_overflow("%s is greater than maximum", what);
    }
}

#define ULONG_MSGS "can't convert negative value to unsigned int", \
                   "Python int too large to convert to C unsigned long"

// The C bits of an integer item for typecode c, after CPython's checks in CPython's order.
static uint64_t int_item(char c, KaaValue v) {
    switch (c) {
    case 'b': {
        int64_t x = as_long(v);
        check_range(x, INT16_MIN, INT16_MAX, "signed short integer");
        check_range(x, -128, 127, "signed char");
        return (uint64_t)x;
    }
    case 'B': {
        int64_t x = as_long(v);
        check_range(x, 0, 255, "unsigned byte integer");
        return (uint64_t)x;
    }
    case 'h': {
        int64_t x = as_long(v);
        check_range(x, INT16_MIN, INT16_MAX, "signed short integer");
        return (uint64_t)x;
    }
    case 'H': {
        int64_t x = as_long(v);
        check_range(x, INT32_MIN, INT32_MAX, "signed integer");
        check_range(x, 0, UINT16_MAX, "unsigned short");
        return (uint64_t)x;
    }
    case 'i': {
        int64_t x = as_long(v);
        check_range(x, INT32_MIN, INT32_MAX, "signed integer");
        return (uint64_t)x;
    }
    case 'I': {
        uint64_t u = as_unsigned(v, ULONG_MSGS);
        if (u > UINT32_MAX) {
            overflow("unsigned int is greater than maximum");
        }
        return u;
    }
    case 'l': return (uint64_t)as_long(v);
    case 'L': return as_unsigned(v, ULONG_MSGS);
    case 'q': {
        int64_t x;
        if (!kaa_int_to_i64(kaa_index(v), &x)) {
            overflow("int too big to convert");
        }
        return (uint64_t)x;
    }
    default:  // 'Q'
        return as_unsigned(v, "can't convert negative int to unsigned", "int too big to convert");
    }
}

static double float_item(KaaValue v) {
    if (kaa_is_float(v)) {
        return kaa_float_val(v);
    }
    if (kaa_is_int(v)) {
        return (double)kaa_int_val(v);
    }
    return kaa_float_of(v);
}

static uint32_t unicode_item(KaaValue v) {
    if (!kaa_is_str(v) || kaa_str(v)->len != 1) {
        kaa_raise_type_error("array item must be unicode character");
    }
    return kaa_str_char(kaa_str(v), 0);
}

// Converts v for the array's typecode and stores it at p.
static void set_item(const Descr *d, uint8_t *p, KaaValue v) {
    switch (d->kind) {
    case K_INT: {
        uint64_t bits = int_item(d->typecode, v);
        memcpy(p, &bits, d->itemsize);  // the low bytes: the host is little-endian
        return;
    }
    case K_FLOAT:
        if (d->itemsize == 4) {
            float f = (float)float_item(v);
            memcpy(p, &f, 4);
        } else {
            double x = float_item(v);
            memcpy(p, &x, 8);
        }
        return;
    default: {
        uint32_t cp = unicode_item(v);
        memcpy(p, &cp, 4);
        return;
    }
    }
}

static KaaValue unicode_value(uint32_t cp) {
    if (cp > 0x10ffff) {
        kaa_raise_value_error("character U+%x is not in range [U+0000; U+10ffff]", cp);
    }
    return kaa_str_from_char(cp);
}

static KaaValue get_item(const Descr *d, const uint8_t *p) {
    switch (d->typecode) {
    case 'b': return kaa_from_small(*(const int8_t *)p);
    case 'B': return kaa_from_small(*p);
    case 'h': { int16_t x; memcpy(&x, p, 2); return kaa_from_small(x); }
    case 'H': { uint16_t x; memcpy(&x, p, 2); return kaa_from_small(x); }
    case 'i': { int32_t x; memcpy(&x, p, 4); return kaa_from_small(x); }
    case 'I': { uint32_t x; memcpy(&x, p, 4); return kaa_from_small(x); }
    case 'l':
    case 'q': { int64_t x; memcpy(&x, p, 8); return kaa_int_from_i64(x); }
    case 'L':
    case 'Q': { uint64_t x; memcpy(&x, p, 8); return kaa_int_from_u64(x); }
    case 'f': { float x; memcpy(&x, p, 4); return kaa_from_float(x); }
    case 'd': { double x; memcpy(&x, p, 8); return kaa_from_float(x); }
    default: { uint32_t x; memcpy(&x, p, 4); return unicode_value(x); }
    }
}

static KaaValue getarrayitem(KaaArray *a, int64_t i) { return get_item(a->d, item_ptr(a, i)); }

// Appends v (converted first, so a failure leaves the array unchanged).
static void append_value(KaaArray *a, KaaValue v) {
    uint8_t tmp[8];
    set_item(a->d, tmp, v);
    reserve(a, a->len + 1);
    memcpy(item_ptr(a, a->len), tmp, a->d->itemsize);
    a->len++;
}

// ---- bulk operations ----------------------------------------------------------------------------

static void append_bytes(KaaArray *a, const uint8_t *data, size_t n) {
    if (n % a->d->itemsize) {
        kaa_raise_value_error("bytes length not a multiple of item size");
    }
    int64_t items = (int64_t)(n / a->d->itemsize);
    const uint8_t *src = data;
    if (data >= a->data && data < a->data + a->cap * a->d->itemsize) {
        uint8_t *copy = kaa_alloc_atomic(n + 1);  // a.frombytes(a): copy before growing
        memcpy(copy, data, n);
        src = copy;
    }
    reserve(a, a->len + items);
    memcpy(item_ptr(a, a->len), src, n);
    a->len += items;
}

static void append_unicode(KaaArray *a, KaaValue s) {
    KaaStr *str = kaa_str(s);
    reserve(a, a->len + (int64_t)str->len);
    for (size_t i = 0; i < str->len; i++) {
        uint32_t cp = kaa_str_char(str, i);
        memcpy(item_ptr(a, a->len + (int64_t)i), &cp, 4);
    }
    a->len += (int64_t)str->len;
}

// Appends every item of a list or tuple; on a bad item the array is left as it was. Items
// are converted into a scratch buffer first: a conversion may run Python code that resizes
// this very array.
static void append_sequence(KaaArray *a, KaaValue *items, int64_t n) {
    size_t sz = a->d->itemsize;
    uint8_t *tmp = kaa_alloc_atomic((size_t)n * sz + 1);
    for (int64_t i = 0; i < n; i++) {
        set_item(a->d, tmp + (size_t)i * sz, items[i]);
    }
    append_bytes(a, tmp, (size_t)n * sz);
}

static void append_iterable(KaaArray *a, KaaValue iterable) {
    KaaValue it = kaa_iter(iterable);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        append_value(a, v);
    }
}

static void extend_from_array(KaaArray *a, KaaArray *b) {
    if (a->d != b->d) {
        kaa_raise_type_error("can only extend with array of same kind");
    }
    append_bytes(a, b->data, (size_t)(b->len * b->d->itemsize));
}

// ---- construction -------------------------------------------------------------------------------

static const Descr *find_descr(uint32_t c) {
    for (const Descr *d = descrs; d->typecode; d++) {
        if ((uint32_t)d->typecode == c) {
            return d;
        }
    }
    kaa_raise_value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
}

static const Descr *typecode_arg(KaaValue v) {
    if (!kaa_is_str(v) || kaa_str(v)->len != 1) {
        kaa_raise_type_error("array() argument 1 must be a unicode character, not %s",
                             kaa_argtype_name(v));
    }
    return find_descr(kaa_str_char(kaa_str(v), 0));
}

static void initialize(KaaArray *a, KaaValue init) {
    char c = a->d->typecode;
    if (c != 'u' && kaa_is_str(init)) {
        kaa_raise_type_error("cannot use a str to initialize an array with typecode '%c'", c);
    }
    if (c != 'u' && is_array(init) && arr(init)->d->typecode == 'u') {
        kaa_raise_type_error("cannot use a unicode array to initialize an array with typecode "
                             "'%c'", c);
    }
    if (kaa_is_list(init) || kaa_is_tuple(init)) {
        KaaValue copy = kaa_tuple_from_iterable(init);
        append_sequence(a, kaa_tuple(copy)->items, kaa_tuple(copy)->len);
    } else if (kaa_is_bytes(init) || kaa_isinstance_exact_or_sub(init, &kaa_bytearray_type)) {
        const uint8_t *data;
        size_t len;
        kaa_buffer_get(init, &data, &len);
        append_bytes(a, data, len);
    } else if (kaa_is_str(init)) {
        append_unicode(a, init);
    } else if (is_array(init) && arr(init)->d == a->d) {
        extend_from_array(a, arr(init));
    } else {
        append_iterable(a, init);
    }
}

static KaaValue array_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == &kaa_array_type) {
        kaa_args_no_kw("array.array", kwnames);
    }
    if (nargs < 1) {
        kaa_raise_type_error("array() takes at least 1 argument (0 given)");
    }
    if (nargs > 2) {
        kaa_raise_type_error("array() takes at most 2 arguments (%zu given)", nargs);
    }
    const Descr *d = typecode_arg(args[0]);
    KaaArray *a = new_array(type, d, 0);
    if (nargs == 2) {
        initialize(a, args[1]);
    }
    return kaa_from_obj(a);
}

// ---- sequence slots -----------------------------------------------------------------------------

static int64_t array_len(KaaValue self) { return arr(self)->len; }

// An int index (negative from the end), or false when key is not an integer at all.
static bool index_key(KaaValue key, int64_t *i) {
    if (!kaa_is_int_like(key) && kaa_type_of(key)->index == NULL) {
        return false;
    }
    if (!kaa_int_to_i64(kaa_index(key), i)) {
        kaa_raise_index_error("cannot fit 'int' into an index-sized integer");
    }
    return true;
}

static KaaValue slice_copy(KaaArray *a, int64_t start, int64_t step, int64_t n) {
    KaaArray *r = new_array(&kaa_array_type, a->d, n);
    size_t sz = a->d->itemsize;
    if (step == 1) {
        memcpy(r->data, item_ptr(a, start), (size_t)n * sz);
    } else {
        for (int64_t k = 0; k < n; k++) {
            memcpy(item_ptr(r, k), item_ptr(a, start + k * step), sz);
        }
    }
    return kaa_from_obj(r);
}

static KaaValue array_getitem(KaaValue self, KaaValue key) {
    KaaArray *a = arr(self);
    int64_t i;
    if (index_key(key, &i)) {
        if (i < 0) {
            i += a->len;
        }
        if (i < 0 || i >= a->len) {
            kaa_raise_index_error("array index out of range");
        }
        return getarrayitem(a, i);
    }
    if (kaa_is_type(key, &kaa_slice_type)) {
        int64_t start, stop, step;
        int64_t n = kaa_slice_unpack(key, a->len, &start, &stop, &step);
        return slice_copy(a, start, step, n);
    }
    kaa_raise_type_error("array indices must be integers");
}

// Deletes the n items start, start+step, ...
static void delete_items(KaaArray *a, int64_t start, int64_t step, int64_t n) {
    size_t sz = a->d->itemsize;
    if (n == 0) {
        return;
    }
    if (step < 0) {  // the same items, in increasing order
        start += (n - 1) * step;
        step = -step;
    }
    int64_t dst = start;
    for (int64_t src = start; src < a->len; src++) {
        bool deleted = src >= start && (src - start) % step == 0 && (src - start) / step < n;
        if (!deleted) {
            memmove(item_ptr(a, dst++), item_ptr(a, src), sz);
        }
    }
    a->len -= n;
}

// a[start:stop] = b (a simple slice: the array may grow or shrink).
static void replace_range(KaaArray *a, int64_t start, int64_t stop, KaaArray *b) {
    size_t sz = a->d->itemsize;
    if (stop < start) {
        stop = start;
    }
    int64_t need = b->len, have = stop - start, tail = a->len - stop;
    uint8_t *src = b->data;
    if (b == a) {  // a[i:j] = a: copy first
        src = kaa_alloc_atomic((size_t)(b->len * (int64_t)sz) + 1);
        memcpy(src, b->data, (size_t)(b->len * (int64_t)sz));
    }
    reserve(a, a->len - have + need);
    memmove(item_ptr(a, start + need), item_ptr(a, stop), (size_t)tail * sz);
    memcpy(item_ptr(a, start), src, (size_t)need * sz);
    a->len += need - have;
}

static void assign_slice(KaaArray *a, KaaValue key, KaaValue value) {
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(key, a->len, &start, &stop, &step);
    if (value == KAA_NULL) {
        delete_items(a, start, step, n);
        return;
    }
    if (!is_array(value)) {
        kaa_raise_type_error("can only assign array (not \"%s\") to array slice",
                             kaa_type_of(value)->name);
    }
    KaaArray *b = arr(value);
    if (b->d != a->d) {
        kaa_raise_type_error("bad argument type for built-in operation");
    }
    if (step == 1) {
        replace_range(a, start, stop, b);
        return;
    }
    if (b->len != n) {
        kaa_raise_value_error("attempt to assign array of size %lld to extended slice of size "
                              "%lld", (long long)b->len, (long long)n);
    }
    const uint8_t *src = b->data;
    for (int64_t k = 0; k < n; k++) {
        memcpy(item_ptr(a, start + k * step), src + k * a->d->itemsize, a->d->itemsize);
    }
}

static void array_setitem(KaaValue self, KaaValue key, KaaValue value) {
    KaaArray *a = arr(self);
    int64_t i;
    if (index_key(key, &i)) {
        if (i < 0) {
            i += a->len;
        }
        if (i < 0 || i >= a->len) {
            kaa_raise_index_error("array assignment index out of range");
        }
        if (value == KAA_NULL) {
            delete_items(a, i, 1, 1);
            return;
        }
        uint8_t tmp[8];
        set_item(a->d, tmp, value);
        if (i >= a->len) {  // the conversion ran code that shrank the array
            kaa_raise_index_error("array assignment index out of range");
        }
        memcpy(item_ptr(a, i), tmp, a->d->itemsize);
        return;
    }
    if (kaa_is_type(key, &kaa_slice_type)) {
        assign_slice(a, key, value);
        return;
    }
    kaa_raise_type_error("array indices must be integers");
}

// Item i of a equal to v? The boxed item is compared with no identity shortcut: CPython never
// sees the same float object twice, so a NaN item equals nothing.
static bool item_equals(KaaArray *a, int64_t i, KaaValue v) {
    return kaa_richcompare_bool(getarrayitem(a, i), v, KAA_EQ);
}

static int array_contains(KaaValue self, KaaValue v) {
    KaaArray *a = arr(self);
    for (int64_t i = 0; i < a->len; i++) {
        if (item_equals(a, i, v)) {
            return 1;
        }
    }
    return 0;
}

// ---- comparison, repr, arithmetic ---------------------------------------------------------------

static KaaValue compare_lengths(int64_t vs, int64_t ws, int op) {
    switch (op) {
    case KAA_LT: return kaa_bool(vs < ws);
    case KAA_LE: return kaa_bool(vs <= ws);
    case KAA_EQ: return kaa_bool(vs == ws);
    case KAA_NE: return kaa_bool(vs != ws);
    case KAA_GT: return kaa_bool(vs > ws);
    default: return kaa_bool(vs >= ws);
    }
}

static KaaValue array_richcompare(KaaValue v, KaaValue w, int op) {
    if (!is_array(v) || !is_array(w)) {
        return kaa_NotImplemented;
    }
    KaaArray *a = arr(v), *b = arr(w);
    if (a->len != b->len && (op == KAA_EQ || op == KAA_NE)) {
        return kaa_bool(op == KAA_NE);
    }
    for (int64_t i = 0; i < a->len && i < b->len; i++) {
        KaaValue x = getarrayitem(a, i), y = getarrayitem(b, i);
        bool same = kaa_is_float(x) && kaa_is_float(y)
                        ? kaa_float_val(x) == kaa_float_val(y)
                        : kaa_richcompare_bool(x, y, KAA_EQ);
        if (!same) {  // the first difference decides
            if (op == KAA_EQ || op == KAA_NE) {
                return kaa_bool(op == KAA_NE);
            }
            return kaa_richcompare(x, y, op);
        }
    }
    return compare_lengths(a->len, b->len, op);
}

static KaaValue array_tolist_value(KaaArray *a) {
    KaaList *l = kaa_list_new((size_t)a->len);
    for (int64_t i = 0; i < a->len; i++) {
        l->items[i] = getarrayitem(a, i);
    }
    return kaa_from_obj(l);
}

static KaaValue tounicode_value(KaaArray *a) {
    uint32_t *cps = kaa_alloc_atomic((size_t)a->len * 4 + 4);
    memcpy(cps, a->data, (size_t)a->len * 4);
    for (int64_t i = 0; i < a->len; i++) {
        if (cps[i] > 0x10ffff) {
            unicode_value(cps[i]);  // raises
        }
    }
    return kaa_str_from_ucs4(cps, (size_t)a->len);
}

static KaaValue array_repr(KaaValue self) {
    KaaArray *a = arr(self);
    KaaValue name = kaa_type_name(kaa_type_of(self));  // __name__: "array", not "array.array"
    if (a->len == 0) {
        return kaa_str_printf("%S('%c')", name, a->d->typecode);
    }
    KaaValue items = a->d->typecode == 'u' ? tounicode_value(a) : array_tolist_value(a);
    return kaa_str_printf("%S('%c', %R)", name, a->d->typecode, items);
}

static KaaValue concat(KaaArray *a, KaaArray *b) {
    if (a->d != b->d) {
        kaa_raise_type_error("bad argument type for built-in operation");
    }
    KaaArray *r = new_array(&kaa_array_type, a->d, a->len + b->len);
    size_t sz = a->d->itemsize;
    memcpy(r->data, a->data, (size_t)a->len * sz);
    memcpy(item_ptr(r, a->len), b->data, (size_t)b->len * sz);
    return kaa_from_obj(r);
}

// True when a user class may still answer the operator through its reflected method.
static bool defer_to(KaaValue other, KaaValue rname) {
    return kaa_type_has(kaa_type_of(other), KAA_TPFLAG_HEAPTYPE) &&
           kaa_type_lookup(kaa_type_of(other), rname) != KAA_NULL;
}

static KaaValue array_add(KaaValue v, KaaValue w) {
    if (!is_array(v)) {
        return kaa_NotImplemented;
    }
    if (!is_array(w)) {
        if (defer_to(w, kaa_str_intern_cstr("__radd__"))) {
            return kaa_NotImplemented;
        }
        kaa_raise_type_error("can only append array (not \"%s\") to array",
                             kaa_type_of(w)->name);
    }
    return concat(arr(v), arr(w));
}

static int64_t repeat_count(KaaValue n) {
    int64_t k;
    if (!kaa_int_to_i64(kaa_index(n), &k)) {
        kaa_raise_overflow("cannot fit 'int' into an index-sized integer");
    }
    return k < 0 ? 0 : k;
}

static KaaValue repeat(KaaArray *a, int64_t k) {
    size_t bytes = (size_t)a->len * a->d->itemsize;
    if (k > 0 && a->len > INT64_MAX / 16 / k) {
        kaa_raise_memory();
    }
    KaaArray *r = new_array(&kaa_array_type, a->d, a->len * k);
    for (int64_t j = 0; j < k; j++) {
        memcpy(r->data + (size_t)j * bytes, a->data, bytes);
    }
    return kaa_from_obj(r);
}

static KaaValue array_mul(KaaValue v, KaaValue w) {
    KaaValue seq = is_array(v) ? v : w, n = is_array(v) ? w : v;
    if (!is_array(seq)) {
        return kaa_NotImplemented;
    }
    if (!kaa_is_int_like(n) && kaa_type_of(n)->index == NULL) {
        if (defer_to(n, kaa_str_intern_cstr(seq == v ? "__rmul__" : "__mul__"))) {
            return kaa_NotImplemented;
        }
        kaa_raise_type_error("can't multiply sequence by non-int of type '%s'",
                             kaa_type_name_of(n));
    }
    return repeat(arr(seq), repeat_count(n));
}

static KaaValue array_iadd(KaaValue v, KaaValue w) {
    if (!is_array(w)) {
        kaa_raise_type_error("can only extend array with array (not \"%s\")",
                             kaa_type_of(w)->name);
    }
    extend_from_array(arr(v), arr(w));
    return v;
}

static KaaValue array_imul(KaaValue v, KaaValue w) {
    if (!kaa_is_int_like(w) && kaa_type_of(w)->index == NULL) {
        kaa_raise_type_error("can't multiply sequence by non-int of type '%s'",
                             kaa_type_name_of(w));
    }
    KaaArray *a = arr(v);
    int64_t k = repeat_count(w);
    KaaArray *r = arr(repeat(a, k));
    a->data = r->data;
    a->len = r->len;
    a->cap = r->cap;
    return v;
}

// ---- iteration ----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue array;  // KAA_NULL once exhausted
    int64_t index;
} KaaArrayIter;

static KaaValue array_iter(KaaValue self) {
    KaaArrayIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &kaa_array_iter_type;
    it->array = self;
    return kaa_from_obj(it);
}

static KaaValue iter_next(KaaValue self) {
    KaaArrayIter *it = (KaaArrayIter *)kaa_obj(self);
    if (it->array == KAA_NULL || it->index >= arr(it->array)->len) {
        it->array = KAA_NULL;
        return KAA_NULL;
    }
    return getarrayitem(arr(it->array), it->index++);
}

static KaaValue iter_self(KaaValue self) { return self; }

KaaType kaa_array_iter_type = {
    .ob = {&kaa_type_type},
    .name = "array.arrayiterator",
    .instance_size = sizeof(KaaArrayIter),
    .iter = iter_self,
    .next = iter_next,
};

// ---- methods ------------------------------------------------------------------------------------

#define METHOD(name) \
    static KaaValue array_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw)

static void method_args(const char *qual, size_t nargs, KaaTuple *kw, size_t min, size_t max) {
    kaa_args_no_kw(qual, kw);
    kaa_args_count(qual, nargs, min, max);
}

METHOD(append) {
    method_args("array.append", nargs, kw, 1, 1);
    append_value(arr(self), args[0]);
    return kaa_None;
}

METHOD(extend) {
    method_args("array.extend", nargs, kw, 1, 1);
    if (is_array(args[0])) {
        extend_from_array(arr(self), arr(args[0]));
    } else {
        append_iterable(arr(self), args[0]);
    }
    return kaa_None;
}

METHOD(insert) {
    kaa_args_no_kw("array.insert", kw);
    kaa_args_count("insert", nargs, 2, 2);
    KaaArray *a = arr(self);
    int64_t i = nm_ssize_arg(args[0]);
    uint8_t tmp[8];
    set_item(a->d, tmp, args[1]);
    if (i < 0) {
        i = i + a->len < 0 ? 0 : i + a->len;
    }
    if (i > a->len) {
        i = a->len;
    }
    reserve(a, a->len + 1);
    memmove(item_ptr(a, i + 1), item_ptr(a, i), (size_t)(a->len - i) * a->d->itemsize);
    memcpy(item_ptr(a, i), tmp, a->d->itemsize);
    a->len++;
    return kaa_None;
}

METHOD(pop) {
    kaa_args_no_kw("array.pop", kw);
    kaa_args_count("pop", nargs, 0, 1);
    KaaArray *a = arr(self);
    int64_t i = nargs ? nm_ssize_arg(args[0]) : -1;
    if (a->len == 0) {
        kaa_raise_index_error("pop from empty array");
    }
    if (i < 0) {
        i += a->len;
    }
    if (i < 0 || i >= a->len) {
        kaa_raise_index_error("pop index out of range");
    }
    KaaValue v = getarrayitem(a, i);
    delete_items(a, i, 1, 1);
    return v;
}

// The first index in [start, stop) holding an item equal to v, or -1.
static int64_t find(KaaArray *a, KaaValue v, int64_t start, int64_t stop) {
    for (int64_t i = start; i < stop && i < a->len; i++) {
        if (item_equals(a, i, v)) {
            return i;
        }
    }
    return -1;
}

METHOD(index) {
    kaa_args_no_kw("array.index", kw);
    kaa_args_count("index", nargs, 1, 3);
    KaaArray *a = arr(self);
    int64_t start = nargs > 1 ? nm_ssize_arg(args[1]) : 0;
    int64_t stop = nargs > 2 ? nm_ssize_arg(args[2]) : INT64_MAX;
    if (start < 0) {
        start = start + a->len < 0 ? 0 : start + a->len;
    }
    if (stop < 0) {
        stop = stop + a->len < 0 ? 0 : stop + a->len;
    }
    int64_t i = find(a, args[0], start, stop);
    if (i < 0) {
        kaa_raise_value_error("array.index(x): x not in array");
    }
    return kaa_int_from_i64(i);
}

METHOD(remove) {
    method_args("array.remove", nargs, kw, 1, 1);
    KaaArray *a = arr(self);
    int64_t i = find(a, args[0], 0, a->len);
    if (i < 0) {
        kaa_raise_value_error("array.remove(x): x not in array");
    }
    delete_items(a, i, 1, 1);
    return kaa_None;
}

METHOD(count) {
    method_args("array.count", nargs, kw, 1, 1);
    KaaArray *a = arr(self);
    int64_t n = 0;
    for (int64_t i = 0; i < a->len; i++) {
        n += item_equals(a, i, args[0]);
    }
    return kaa_int_from_i64(n);
}

METHOD(reverse) {
    method_args("array.reverse", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    size_t sz = a->d->itemsize;
    uint8_t tmp[8];
    for (int64_t i = 0, j = a->len - 1; i < j; i++, j--) {
        memcpy(tmp, item_ptr(a, i), sz);
        memcpy(item_ptr(a, i), item_ptr(a, j), sz);
        memcpy(item_ptr(a, j), tmp, sz);
    }
    return kaa_None;
}

METHOD(byteswap) {
    method_args("array.byteswap", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    size_t sz = a->d->itemsize;
    for (int64_t i = 0; i < a->len; i++) {
        uint8_t *p = item_ptr(a, i);
        for (size_t k = 0; k < sz / 2; k++) {
            uint8_t t = p[k];
            p[k] = p[sz - 1 - k];
            p[sz - 1 - k] = t;
        }
    }
    return kaa_None;
}

METHOD(buffer_info) {
    method_args("array.buffer_info", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    return kaa_from_obj(kaa_tuple_pack(2, kaa_int_from_u64((uint64_t)(uintptr_t)a->data),
                                       kaa_int_from_i64(a->len)));
}

METHOD(tobytes) {
    method_args("array.tobytes", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    return kaa_bytes_new(a->data, (size_t)a->len * a->d->itemsize);
}

METHOD(frombytes) {
    method_args("array.frombytes", nargs, kw, 1, 1);
    if (is_array(args[0]) && arr(args[0])->d->itemsize != 1) {
        kaa_raise_type_error("a bytes-like object is required");  // items wider than bytes
    }
    const uint8_t *data;
    size_t len;
    nm_read_buffer(args[0], &data, &len);
    append_bytes(arr(self), data, len);
    return kaa_None;
}

METHOD(tolist) {
    method_args("array.tolist", nargs, kw, 0, 0);
    return array_tolist_value(arr(self));
}

METHOD(fromlist) {
    method_args("array.fromlist", nargs, kw, 1, 1);
    if (!kaa_is_list(args[0])) {
        kaa_raise_type_error("arg must be list");
    }
    KaaList *l = kaa_list(args[0]);
    KaaTuple *copy = kaa_tuple_from_array(l->items, (size_t)l->len);
    append_sequence(arr(self), copy->items, copy->len);
    return kaa_None;
}

METHOD(tounicode) {
    method_args("array.tounicode", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    if (a->d->typecode != 'u') {
        kaa_raise_value_error("tounicode() may only be called on unicode type arrays");
    }
    return tounicode_value(a);
}

METHOD(fromunicode) {
    method_args("array.fromunicode", nargs, kw, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("fromunicode() argument must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    KaaArray *a = arr(self);
    if (a->d->typecode != 'u') {
        kaa_raise_value_error("fromunicode() may only be called on unicode type arrays");
    }
    append_unicode(a, args[0]);
    return kaa_None;
}

METHOD(tofile) {
    method_args("array.tofile", nargs, kw, 1, 1);
    KaaArray *a = arr(self);
    size_t total = (size_t)a->len * a->d->itemsize, block = 64 * 1024;
    KaaValue write = kaa_str_intern_cstr("write");
    for (size_t off = 0; off < total; off += block) {  // in blocks, as CPython
        size_t n = total - off < block ? total - off : block;
        KaaValue chunk = kaa_bytes_new(a->data + off, n);
        kaa_call_method(args[0], write, &chunk, 1);
    }
    return kaa_None;
}

METHOD(fromfile) {
    kaa_args_no_kw("array.fromfile", kw);
    kaa_args_count("fromfile", nargs, 2, 2);
    KaaArray *a = arr(self);
    int64_t n = nm_ssize_arg(args[1]);
    if (n < 0) {
        kaa_raise_value_error("negative count");
    }
    if (n > INT64_MAX / a->d->itemsize) {
        kaa_raise_memory();
    }
    int64_t nbytes = n * a->d->itemsize;
    KaaValue count = kaa_int_from_i64(nbytes);
    KaaValue b = kaa_call_method(args[0], kaa_str_intern_cstr("read"), &count, 1);
    if (!kaa_is_bytes(b)) {
        kaa_raise_type_error("read() didn't return bytes");
    }
    size_t got = kaa_bytes(b)->len;
    append_bytes(a, kaa_bytes(b)->data, got);
    if ((int64_t)got != nbytes) {
        kaa_raise_msg(kaa_EOFError, "read() didn't return enough bytes");
    }
    return kaa_None;
}

METHOD(copy) {
    method_args("array.__copy__", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    return slice_copy(a, 0, 1, a->len);
}

METHOD(deepcopy) {
    method_args("array.__deepcopy__", nargs, kw, 1, 1);
    KaaArray *a = arr(self);
    return slice_copy(a, 0, 1, a->len);
}

METHOD(sizeof) {
    method_args("array.__sizeof__", nargs, kw, 0, 0);
    KaaArray *a = arr(self);
    return kaa_int_from_i64((int64_t)sizeof(KaaArray) + a->cap * a->d->itemsize);
}

// The machine format of a typecode on this (little-endian, LP64) host.
static int mformat_of(const Descr *d) {
    switch (d->typecode) {
    case 'b': return MF_INT8;
    case 'B': return MF_UINT8;
    case 'u': return MF_UTF32_LE;
    case 'f': return MF_FLOAT_LE;
    case 'd': return MF_DOUBLE_LE;
    default: break;
    }
    int base = d->itemsize == 2 ? MF_UINT16_LE : d->itemsize == 4 ? MF_UINT32_LE : MF_UINT64_LE;
    return base + (d->is_signed ? 2 : 0);
}

static KaaValue reconstructor;  // the module's _array_reconstructor function

// __reduce_ex__(protocol): the item list for protocols below 3, the raw bytes and their
// machine format (for _array_reconstructor) from protocol 3 on.
METHOD(reduce_ex) {
    method_args("array.__reduce_ex__", nargs, kw, 1, 1);
    KaaArray *a = arr(self);
    int64_t protocol = as_long(args[0]);
    KaaValue *slot = kaa_instance_dict_slot(self);
    KaaValue dict = slot && *slot != KAA_NULL ? *slot : kaa_None;
    KaaValue type = kaa_from_obj(kaa_type_of(self));
    KaaValue tc = kaa_str_from_char((uint32_t)a->d->typecode);
    if (protocol < 3) {
        KaaValue ctor_args = kaa_from_obj(kaa_tuple_pack(2, tc, array_tolist_value(a)));
        return kaa_from_obj(kaa_tuple_pack(3, type, ctor_args, dict));
    }
    KaaValue bytes = kaa_bytes_new(a->data, (size_t)a->len * a->d->itemsize);
    KaaValue rargs = kaa_from_obj(kaa_tuple_pack(4, type, tc, kaa_from_small(mformat_of(a->d)),
                                                 bytes));
    return kaa_from_obj(kaa_tuple_pack(3, reconstructor, rargs, dict));
}

static KaaValue get_typecode(KaaValue self) {
    return kaa_str_from_char((uint32_t)arr(self)->d->typecode);
}

static KaaValue get_itemsize(KaaValue self) { return kaa_from_small(arr(self)->d->itemsize); }

static const KaaMethodDef array_methods[] = {
    {"append", array_append, 0, "Append new value v to the end of the array."},
    {"buffer_info", array_buffer_info, 0, "Return a tuple (address, length)."},
    {"byteswap", array_byteswap, 0, "Byteswap all items of the array."},
    {"__copy__", array_copy, 0, "Return a copy of the array."},
    {"count", array_count, 0, "Return number of occurrences of v in the array."},
    {"__deepcopy__", array_deepcopy, 0, "Return a copy of the array."},
    {"extend", array_extend, 0, "Append items to the end of the array."},
    {"frombytes", array_frombytes, 0, "Appends items from the string."},
    {"fromfile", array_fromfile, 0, "Read n objects from the file object f."},
    {"fromlist", array_fromlist, 0, "Append items to array from list."},
    {"fromunicode", array_fromunicode, 0, "Extends this array with data from the string."},
    {"index", array_index, 0, "Return index of first occurrence of v in the array."},
    {"insert", array_insert, 0, "Insert a new item v into the array before position i."},
    {"pop", array_pop, 0, "Return the i-th element and delete it from the array."},
    {"__reduce_ex__", array_reduce_ex, 0, "Return state information for pickling."},
    {"remove", array_remove, 0, "Remove the first occurrence of v in the array."},
    {"reverse", array_reverse, 0, "Reverse the order of the items in the array."},
    {"tofile", array_tofile, 0, "Write all items (as machine values) to the file object f."},
    {"tolist", array_tolist, 0, "Convert array to an ordinary list with the same items."},
    {"tobytes", array_tobytes, 0, "Convert the array to an array of machine values."},
    {"tounicode", array_tounicode, 0, "Extends this array with data from the string."},
    {"__sizeof__", array_sizeof, 0, "Size of the array in memory, in bytes."},
    {NULL},
};

static const KaaGetSetDef array_getsets[] = {
    {"typecode", get_typecode, NULL, "the typecode character used to create the array"},
    {"itemsize", get_itemsize, NULL, "the size, in bytes, of one array item"},
    {NULL},
};

KaaType kaa_array_type = {
    .ob = {&kaa_type_type},
    .name = "array.array",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_SEQUENCE | KAA_TPFLAG_SEQ_CONCAT,
    .instance_size = sizeof(KaaArray),
    .weaklist_offset = offsetof(KaaArray, weakreflist),
    .repr = array_repr,
    .richcompare = array_richcompare,
    .iter = array_iter,
    .binary = {[KAA_OP_ADD] = array_add, [KAA_OP_MUL] = array_mul},
    .inplace = {[KAA_OP_ADD] = array_iadd, [KAA_OP_MUL] = array_imul},
    .len = array_len,
    .getitem = array_getitem,
    .setitem = array_setitem,
    .contains = array_contains,
    .new_ = array_new,
    .buffer = array_buffer,
    .methods = array_methods,
    .getsets = array_getsets,
};

// ---- _array_reconstructor -----------------------------------------------------------------------

// Bytes per item of each machine format.
static const uint8_t mf_sizes[MF_COUNT] = {1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8,
                                           8, 8, 8, 4, 4, 8, 8, 2, 2, 4, 4};

// One item of machine format mf at p, as a Python value.
static KaaValue decode_machine_item(int mf, const uint8_t *p) {
    int size = mf_sizes[mf];
    bool big = mf >= MF_UINT16_LE && (mf - MF_UINT16_LE) % 2 == 1;
    uint64_t bits = 0;
    for (int k = 0; k < size; k++) {
        bits |= (uint64_t)p[big ? size - 1 - k : k] << (8 * k);
    }
    if (mf >= MF_FLOAT_LE) {
        if (size == 4) {
            uint32_t b32 = (uint32_t)bits;
            float f;
            memcpy(&f, &b32, 4);
            return kaa_from_float(f);
        }
        double x;
        memcpy(&x, &bits, 8);
        return kaa_from_float(x);
    }
    bool is_signed = mf == MF_INT8 || (mf >= MF_UINT16_LE && ((mf - MF_UINT16_LE) / 2) % 2 == 1);
    if (is_signed) {
        int shift = 64 - 8 * size;
        return kaa_int_from_i64((int64_t)(bits << shift) >> shift);
    }
    return kaa_int_from_u64(bits);
}

// The integer typecode CPython rebuilds a foreign integer format with: the last one of the
// format's size and signedness (so 8-byte signed data becomes 'q', not 'l').
static const Descr *int_descr_for(int size, bool is_signed, const Descr *given) {
    const Descr *found = given;
    for (const Descr *p = descrs; p->typecode; p++) {
        if (p->kind == K_INT && p->itemsize == size && p->is_signed == is_signed) {
            found = p;
        }
    }
    return found;
}

// Items pickled on a machine with another layout: decoded one by one (CPython's slow path).
static KaaValue reconstruct_items(KaaType *type, const Descr *d, int mf, KaaValue items) {
    KaaBytes *b = kaa_bytes(items);
    if (mf == mformat_of(d)) {  // the fast path: the same layout
        KaaArray *a = new_array(type, d, 0);
        append_bytes(a, b->data, b->len);
        return kaa_from_obj(a);
    }
    if (b->len % mf_sizes[mf]) {
        kaa_raise_value_error("string length not a multiple of item size");
    }
    KaaArray *a;
    if (mf >= MF_UTF16_LE) {
        static const char *const codecs[] = {"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"};
        KaaValue s = kaa_str_decode(b->data, b->len, kaa_str_from_cstr(codecs[mf - MF_UTF16_LE]),
                                    KAA_NULL);
        a = new_array(type, d, 0);
        initialize(a, s);
        return kaa_from_obj(a);
    }
    if (mf < MF_FLOAT_LE) {
        bool is_signed = mf == MF_INT8 || (mf >= MF_UINT16_LE && ((mf - MF_UINT16_LE) / 2) % 2);
        d = int_descr_for(mf_sizes[mf], is_signed, d);
    }
    size_t n = b->len / mf_sizes[mf];
    KaaTuple *values = kaa_tuple_new(n);
    for (size_t k = 0; k < n; k++) {
        values->items[k] = decode_machine_item(mf, b->data + k * mf_sizes[mf]);
    }
    a = new_array(type, d, 0);
    append_sequence(a, values->items, values->len);
    return kaa_from_obj(a);
}

static KaaValue array_reconstructor(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("array._array_reconstructor", kw);
    kaa_args_count("_array_reconstructor", nargs, 4, 4);
    KaaValue type = args[0];
    if (!kaa_isinstance_exact_or_sub(type, &kaa_type_type)) {
        kaa_raise_type_error("first argument must be a type object, not %s",
                             kaa_argtype_name(type));
    }
    if (!kaa_is_subtype((KaaType *)kaa_obj(type), &kaa_array_type)) {
        kaa_raise_type_error("%s is not a subtype of array.array",
                             ((KaaType *)kaa_obj(type))->name);
    }
    if (!kaa_is_str(args[1]) || kaa_str(args[1])->len != 1) {
        kaa_raise_type_error("_array_reconstructor() argument 2 must be a unicode character, "
                             "not %s", kaa_type_name_of(args[1]));
    }
    uint32_t tc = kaa_str_char(kaa_str(args[1]), 0);
    const Descr *d = NULL;
    for (const Descr *p = descrs; p->typecode; p++) {
        d = (uint32_t)p->typecode == tc ? p : d;
    }
    if (d == NULL) {
        kaa_raise_value_error("second argument must be a valid type code");
    }
    int mf = nm_int_arg(args[2]);
    if (mf < 0 || mf >= MF_COUNT) {
        kaa_raise_value_error("third argument must be a valid machine format code.");
    }
    if (!kaa_is_bytes(args[3])) {
        kaa_raise_type_error("fourth argument should be bytes, not %s", kaa_type_name_of(args[3]));
    }
    return reconstruct_items((KaaType *)kaa_obj(type), d, mf, args[3]);
}

static const KaaMethodDef module_methods[] = {
    {"_array_reconstructor", array_reconstructor, 0, "Internal. Used for pickling support."},
    {NULL},
};

KaaValue kaa_array_init(void) {
    kaa_type_ready(&kaa_array_type);
    kaa_type_ready(&kaa_array_iter_type);
    KaaValue m = kaa_module_new_cstr("array");
    kaa_module_add_methods(m, module_methods);
    reconstructor = kaa_getattr_cstr(m, "_array_reconstructor");
    kaa_module_add(m, "array", kaa_from_obj(&kaa_array_type));
    kaa_module_add(m, "ArrayType", kaa_from_obj(&kaa_array_type));
    kaa_module_add(m, "typecodes", kaa_str_from_cstr("bBuhHiIlLqQfd"));
    kaa_module_add(m, "__doc__", kaa_str_from_cstr(
        "This module defines an object type which can efficiently represent\nan array of basic "
        "values: characters, integers, floating point\nnumbers.  Arrays are sequence types and "
        "behave very much like lists,\nexcept that the type of objects stored in them is "
        "constrained.\n"));
    return m;
}
