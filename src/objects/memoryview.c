// objects/memoryview.c — memoryview: one-dimensional views of any exporter's memory as items
// of a native struct format ('B' for bytes, 'i' after cast('i') or over array('i'), ...),
// possibly strided after slicing.
//
// Stage: objects. Owns the memoryview type and its `buffer` slot (a strided view exports a
// copy). A view keeps its exporter and re-reads the exporter's body on every access,
// so it stays valid when a bytearray reallocates; see bytearray.c for why resizing is not
// refused while views exist. Multi-dimensional shapes are not supported.
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "objects/bytes_impl.h"

typedef struct {
    KaaObject ob;
    KaaValue obj;     // the exporter
    int64_t start;    // byte offset of item 0 in the exporter's body
    int64_t step;     // bytes between items (itemsize: contiguous)
    int64_t len;      // number of items
    int64_t hash;     // -1 until computed
    int itemsize;
    char format[3];   // as given: "B", "i", "@i"
    bool readonly, released;
} MemoryView;

// The item code of a format ("@i" -> 'i').
static char code_of(const MemoryView *m) { return m->format[0] == '@' ? m->format[1] : m->format[0]; }

// Bytes per item of a native format code; 0 when memoryview does not support it.
static int code_size(char c) {
    switch (c) {
    case 'c': case 'b': case 'B': case '?': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'f': return 4;
    case 'l': case 'L': case 'q': case 'Q': case 'n': case 'N': case 'd': case 'P': return 8;
    default: return 0;
    }
}

static bool is_byte_code(char c) { return c == 'B' || c == 'b' || c == 'c'; }

static inline MemoryView *as_mv(KaaValue v) { return (MemoryView *)kaa_obj(v); }

static void check_live(MemoryView *m) {
    if (m->released) {
        kaa_raise_value_error("operation forbidden on released memoryview object");
    }
}

// The exporter's body; raises when it shrank below what the view covers.
static uint8_t *body(MemoryView *m) {
    check_live(m);
    const uint8_t *data;
    size_t len;
    kaa_buffer_get(m->obj, &data, &len);
    int64_t first = m->start, last = m->start + (m->len ? (m->len - 1) * m->step : 0);
    if (m->len && (first < 0 || last < 0 || (size_t)first >= len ||
                   (size_t)last + (size_t)m->itemsize > len)) {
        kaa_raise_msg(kaa_BufferError, "memoryview: underlying buffer was resized");
    }
    return (uint8_t *)data;
}

static KaaValue new_view(MemoryView *from, int64_t start, int64_t step, int64_t len) {
    MemoryView *m = kaa_alloc(sizeof(MemoryView));
    m->ob.type = &kaa_memoryview_type;
    m->obj = from->obj;
    m->start = start;
    m->step = step;
    m->len = len;
    m->hash = -1;
    m->readonly = from->readonly;
    m->itemsize = from->itemsize;
    memcpy(m->format, from->format, sizeof m->format);
    return kaa_from_obj(m);
}

// The viewed bytes in order, copied when the view is strided.
static const uint8_t *contents(MemoryView *m, size_t *len) {
    uint8_t *base = body(m);
    size_t size = (size_t)m->itemsize;
    *len = (size_t)m->len * size;
    if (m->step == m->itemsize) {
        return base + m->start;
    }
    uint8_t *out = kaa_alloc_atomic(*len ? *len : 1);
    for (int64_t i = 0; i < m->len; i++) {
        memcpy(out + (size_t)i * size, base + m->start + i * m->step, size);
    }
    return out;
}

// A strided view's contents are a copy, so only a contiguous view exports writable memory.
static bool memoryview_buffer(KaaValue self, KaaBuffer *view) {
    MemoryView *m = as_mv(self);
    if (m->released) {
        return false;
    }
    size_t len;
    view->data = (uint8_t *)contents(m, &len);
    view->len = len;
    view->itemsize = (size_t)m->itemsize;
    view->format = m->format;
    view->readonly = m->readonly || m->step != m->itemsize;
    return true;
}

// ---- items ------------------------------------------------------------------------------------

#define LOAD(type, p) ({ type v_; memcpy(&v_, (p), sizeof v_); v_; })

static KaaValue unpack_code(char code, const uint8_t *p) {
    switch (code) {
    case 'B': return kaa_from_small(*p);
    case 'b': return kaa_from_small((int8_t)*p);
    case 'c': return kaa_bytes_new(p, 1);
    case '?': return kaa_bool(*p != 0);
    case 'h': return kaa_from_small(LOAD(int16_t, p));
    case 'H': return kaa_from_small(LOAD(uint16_t, p));
    case 'i': return kaa_from_small(LOAD(int32_t, p));
    case 'I': return kaa_from_small(LOAD(uint32_t, p));
    case 'f': return kaa_from_float(LOAD(float, p));
    case 'd': return kaa_from_float(LOAD(double, p));
    case 'l': case 'q': case 'n': return kaa_int_from_i64(LOAD(int64_t, p));
    default: return kaa_int_from_u64(LOAD(uint64_t, p));  // L Q N P
    }
}

static KaaValue unpack_item(const MemoryView *m, const uint8_t *p) {
    return unpack_code(code_of(m), p);
}

static KAA_NORETURN void bad_item(const MemoryView *m, bool type) {
    if (type) {
        kaa_raise_type_error("memoryview: invalid type for format '%s'", m->format);
    }
    kaa_raise_value_error("memoryview: invalid value for format '%s'", m->format);
}

// An integer item's value, range-checked for the item's width and signedness.
static uint64_t int_item(const MemoryView *m, KaaValue v, char c) {
    if (!kaa_is_int(v) && !kaa_is_int_like(v) &&
        kaa_lookup_special(v, KAA_ID(__index__)) == KAA_NULL) {
        bad_item(m, true);
    }
    KaaValue i = kaa_index(v);
    bool is_signed = c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q' || c == 'n';
    int bits = code_size(c) * 8;
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(i, z);
    bool fits;
    uint64_t out;
    if (is_signed) {
        fits = mpz_fits_slong_p(z) && (bits == 64 || (mpz_get_si(z) >= -(1L << (bits - 1)) &&
                                                      mpz_get_si(z) < (1L << (bits - 1))));
        out = fits ? (uint64_t)mpz_get_si(z) : 0;
    } else {
        fits = mpz_sgn(z) >= 0 && mpz_sizeinbase(z, 2) <= (size_t)bits;
        out = fits ? (uint64_t)mpz_get_ui(z) : 0;
    }
    mpz_clear(z);
    if (!fits) {
        bad_item(m, false);
    }
    return out;
}

static void pack_item(const MemoryView *m, uint8_t *p, KaaValue v) {
    char c = code_of(m);
    switch (c) {
    case 'c':
        if (!kaa_is_bytes(v)) {
            bad_item(m, true);
        }
        if (kaa_bytes(v)->len != 1) {
            bad_item(m, false);
        }
        *p = kaa_bytes(v)->data[0];
        return;
    case '?':
        *p = kaa_truthy(v);
        return;
    case 'f': case 'd': {
        if (!kaa_is_float(v) && !kaa_is_int(v) && !kaa_is_int_like(v) &&
            kaa_lookup_special(v, KAA_ID(__float__)) == KAA_NULL &&
            kaa_lookup_special(v, KAA_ID(__index__)) == KAA_NULL) {
            bad_item(m, true);
        }
        double d = kaa_float_of(v);
        if (c == 'f') {
            float f = (float)d;
            if (isinf(f) && !isinf(d)) {
                bad_item(m, false);
            }
            memcpy(p, &f, sizeof f);
        } else {
            memcpy(p, &d, sizeof d);
        }
        return;
    }
    default: {
        uint64_t bits = int_item(m, v, c);
        switch (code_size(c)) {
        case 1: *p = (uint8_t)bits; break;
        case 2: { uint16_t x = (uint16_t)bits; memcpy(p, &x, 2); break; }
        case 4: { uint32_t x = (uint32_t)bits; memcpy(p, &x, 4); break; }
        default: memcpy(p, &bits, 8); break;
        }
    }
    }
}

// ---- construction -----------------------------------------------------------------------------

static KaaValue memoryview_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 1) {
        kaa_raise_type_error("memoryview() takes at most 1 argument (%zu given)", nargs + nkw);
    }
    if (nkw && !kaa_str_eq_cstr(kwnames->items[0], "object")) {
        kaa_raise_type_error("'%S' is an invalid keyword argument for memoryview()",
                             kwnames->items[0]);
    }
    if (nargs + nkw == 0) {
        kaa_raise_type_error("memoryview() missing required argument 'object' (pos 1)");
    }
    KaaValue obj = args[0];
    if (kaa_isinstance_exact_or_sub(obj, &kaa_memoryview_type)) {
        MemoryView *from = as_mv(obj);
        check_live(from);
        return new_view(from, from->start, from->step, from->len);
    }
    KaaBuffer view;
    if (!kaa_buffer_view(obj, &view)) {
        kaa_raise_type_error("memoryview: a bytes-like object is required, not '%T'", obj);
    }
    const char *f = view.format[0] == '@' ? view.format + 1 : view.format;
    if (strlen(view.format) > 2 || f[0] == 0 || f[1] != 0 || code_size(f[0]) == 0 ||
        (size_t)code_size(f[0]) != view.itemsize) {
        kaa_raise_msg(kaa_NotImplementedError,
                      "memoryview of items of format '%s' is not implemented in kaa yet",
                      view.format);
    }
    MemoryView tmp = {.obj = obj, .readonly = view.readonly, .itemsize = (int)view.itemsize};
    strcpy(tmp.format, view.format);
    return new_view(&tmp, 0, tmp.itemsize, (int64_t)(view.len / view.itemsize));
}

// ---- slots ------------------------------------------------------------------------------------

static KaaValue memoryview_repr(KaaValue self) {
    return kaa_str_printf(as_mv(self)->released ? "<released memory at %p>" : "<memory at %p>",
                          (void *)kaa_obj(self));
}

static int64_t memoryview_len(KaaValue self) {
    check_live(as_mv(self));
    return as_mv(self)->len;
}

static int64_t item_index(MemoryView *m, KaaValue key) {
    int64_t i = kaa_is_int(key) ? kaa_int_val(key) : kaa_index_i64(key);
    if (i < 0) {
        i += m->len;
    }
    if (i < 0 || i >= m->len) {
        kaa_raise_index_error("index out of bounds on dimension 1");
    }
    return m->start + i * m->step;
}

static bool is_index(KaaValue v) {
    return kaa_is_int(v) || kaa_is_int_like(v) || kaa_lookup_special(v, KAA_ID(__index__));
}

static KaaValue memoryview_getitem(KaaValue self, KaaValue key) {
    MemoryView *m = as_mv(self);
    check_live(m);
    if (kaa_is_type(key, &kaa_slice_type)) {
        int64_t start, stop, step;
        int64_t n = kaa_slice_unpack(key, m->len, &start, &stop, &step);
        return new_view(m, m->start + start * m->step, step * m->step, n);
    }
    if (!is_index(key)) {
        kaa_raise_type_error("memoryview: invalid slice key");
    }
    int64_t at = item_index(m, key);
    return unpack_item(m, body(m) + at);
}

static void memoryview_setitem(KaaValue self, KaaValue key, KaaValue value) {
    MemoryView *m = as_mv(self);
    check_live(m);
    if (m->readonly) {
        kaa_raise_type_error("cannot modify read-only memory");
    }
    if (!value) {
        kaa_raise_type_error("cannot delete memory");
    }
    if (kaa_is_type(key, &kaa_slice_type)) {
        int64_t start, stop, step;
        int64_t n = kaa_slice_unpack(key, m->len, &start, &stop, &step);
        KaaBuffer src;
        if (!kaa_buffer_view(value, &src)) {
            kaa_raise_type_error("a bytes-like object is required, not '%T'", value);
        }
        const char *f = src.format[0] == '@' ? src.format + 1 : src.format;
        if (strcmp(f, m->format[0] == '@' ? m->format + 1 : m->format) != 0 ||
            (int64_t)(src.len / (size_t)m->itemsize) != n) {
            kaa_raise_value_error("memoryview assignment: lvalue and rvalue have different "
                                  "structures");
        }
        // Copy first: the source may be this very memory.
        size_t size = (size_t)m->itemsize;
        uint8_t *copy = kaa_alloc_atomic(src.len ? src.len : 1);
        memcpy(copy, src.data, src.len);
        uint8_t *base = body(m);
        for (int64_t i = 0; i < n; i++) {
            memcpy(base + m->start + (start + i * step) * m->step, copy + (size_t)i * size, size);
        }
        return;
    }
    if (!is_index(key)) {
        kaa_raise_type_error("memoryview: invalid slice key");
    }
    int64_t at = item_index(m, key);
    uint8_t item[8];
    pack_item(m, item, value);  // before body(): converting may run Python code
    memcpy(body(m) + at, item, (size_t)m->itemsize);
}

// The item code of a buffer's format, or 0 when memoryview cannot read its items.
static char buffer_code(const KaaBuffer *b) {
    const char *f = b->format[0] == '@' ? b->format + 1 : b->format;
    return f[0] != 0 && f[1] == 0 && (size_t)code_size(f[0]) == b->itemsize ? f[0] : 0;
}

// Item by item, by value (as CPython compares through struct); byte formats by memcmp.
static bool buffers_equal(const KaaBuffer *x, const KaaBuffer *y, char cx, char cy) {
    size_t nx = x->len / x->itemsize, ny = y->len / y->itemsize;
    if (nx != ny) {
        return false;
    }
    if (cx == cy && cx != 'f' && cx != 'd') {
        return x->len == 0 || memcmp(x->data, y->data, x->len) == 0;
    }
    for (size_t i = 0; i < nx; i++) {
        KaaValue a = unpack_code(cx, x->data + i * x->itemsize);
        KaaValue b = unpack_code(cy, y->data + i * y->itemsize);
        if (!kaa_truthy(kaa_richcompare(a, b, KAA_EQ))) {
            return false;
        }
    }
    return true;
}

static KaaValue memoryview_richcompare(KaaValue a, KaaValue b, int op) {
    if (op != KAA_EQ && op != KAA_NE) {
        return kaa_NotImplemented;
    }
    bool eq;
    KaaBuffer x, y;
    if ((kaa_isinstance_exact_or_sub(a, &kaa_memoryview_type) && as_mv(a)->released) ||
        (kaa_isinstance_exact_or_sub(b, &kaa_memoryview_type) && as_mv(b)->released)) {
        eq = a == b;  // a released view equals only itself
    } else if (kaa_is_str(a) || kaa_is_str(b) || !kaa_buffer_view(a, &x) ||
               !kaa_buffer_view(b, &y)) {
        return kaa_NotImplemented;
    } else {
        char cx = buffer_code(&x), cy = buffer_code(&y);
        eq = cx != 0 && cy != 0 && buffers_equal(&x, &y, cx, cy);
    }
    return kaa_bool(eq == (op == KAA_EQ));
}

// Equal to hash(bytes(view)), as in CPython; only read-only views are hashable.
static int64_t memoryview_hash(KaaValue self) {
    MemoryView *m = as_mv(self);
    if (m->hash != -1) {
        return m->hash;
    }
    if (!m->readonly) {
        kaa_raise_value_error("cannot hash writable memoryview object");
    }
    if (!is_byte_code(code_of(m))) {
        kaa_raise_value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    }
    size_t len;
    const uint8_t *data = contents(m, &len);
    m->hash = kaa_bytes_hash_data(data, len);
    return m->hash;
}

// ---- methods ----------------------------------------------------------------------------------

static void no_args(const char *name, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw(name, kwnames);
    if (nargs) {
        kaa_raise_type_error("memoryview.%s() takes no arguments (%zu given)", name, nargs);
    }
}

static KaaValue mv_tobytes(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 1 || (nkw && !kaa_str_eq_cstr(kwnames->items[0], "order"))) {
        kaa_raise_type_error("tobytes() takes at most 1 argument (%zu given)", nargs + nkw);
    }
    size_t len;
    const uint8_t *data = contents(as_mv(self), &len);
    return kaa_bytes_new(data, len);
}

static KaaValue mv_tolist(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("tolist", nargs, kwnames);
    MemoryView *m = as_mv(self);
    size_t len;
    const uint8_t *data = contents(m, &len);
    size_t n = len / (size_t)m->itemsize;
    KaaList *l = kaa_list_new(n);
    for (size_t i = 0; i < n; i++) {
        l->items[i] = unpack_item(m, data + i * (size_t)m->itemsize);
    }
    return kaa_from_obj(l);
}

static KaaValue mv_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    check_live(as_mv(self));
    return kaa_bytes_hex(self, args, nargs, kwnames);
}

static KaaValue mv_release(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("release", nargs, kwnames);
    as_mv(self)->released = true;
    return kaa_None;
}

static KaaValue mv_enter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("__enter__", nargs, kwnames);
    check_live(as_mv(self));
    return self;
}

static KaaValue mv_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    as_mv(self)->released = true;
    return kaa_None;
}

static KaaValue mv_toreadonly(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    no_args("toreadonly", nargs, kwnames);
    MemoryView *m = as_mv(self);
    check_live(m);
    KaaValue r = new_view(m, m->start, m->step, m->len);
    as_mv(r)->readonly = true;
    return r;
}

// cast(format[, shape]): the same bytes seen as items of another native format; one of the
// two formats must be a byte format, as in CPython.
static KaaValue mv_cast(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"format", "shape", NULL};
    KaaValue a[2];
    kaa_args_bind("cast", args, nargs, kwnames, params, 0, 1, a);
    MemoryView *m = as_mv(self);
    check_live(m);
    if (!kaa_is_str(a[0])) {
        kaa_raise_type_error("cast() argument 'format' must be str, not %s",
                             kaa_argtype_name(a[0]));
    }
    if (m->step != m->itemsize && m->len > 1) {
        kaa_raise_type_error("memoryview: casts are restricted to C-contiguous views");
    }
    const char *fmt = kaa_str_utf8(a[0], NULL);
    const char *f = fmt[0] == '@' ? fmt + 1 : fmt;
    if (f[0] == 0 || f[1] != 0 || code_size(f[0]) == 0) {
        kaa_raise_value_error("memoryview: destination format must be a native single character "
                              "format prefixed with an optional '@'");
    }
    if (!is_byte_code(code_of(m)) && !is_byte_code(f[0])) {
        kaa_raise_type_error("memoryview: cannot cast between two non-byte formats");
    }
    int size = code_size(f[0]);
    int64_t nbytes = m->len * m->itemsize;
    if (nbytes % size != 0) {
        kaa_raise_type_error("memoryview: length is not a multiple of itemsize");
    }
    if (a[1] != KAA_NULL && a[1] != kaa_None) {
        if (!kaa_is_list(a[1]) && !kaa_is_tuple(a[1])) {
            kaa_raise_type_error("shape must be a list or a tuple");
        }
        KaaValue items = kaa_sequence_list(a[1]);
        if (kaa_list(items)->len != 1 || kaa_index_i64(kaa_list(items)->items[0]) * size != nbytes) {
            if (kaa_list(items)->len == 1) {
                kaa_raise_type_error("memoryview: product(shape) * itemsize != buffer size");
            }
            kaa_raise_msg(kaa_NotImplementedError,
                          "memoryview.cast() to a multi-dimensional shape is not implemented in "
                          "kaa yet");
        }
    }
    KaaValue r = new_view(m, m->start, size, nbytes / size);
    MemoryView *v = as_mv(r);
    v->itemsize = size;
    memset(v->format, 0, sizeof v->format);
    strcpy(v->format, fmt);
    return r;
}

static const KaaMethodDef memoryview_methods[] = {
    {"tobytes", mv_tobytes, 0, NULL},
    {"tolist", mv_tolist, 0, NULL},
    {"hex", mv_hex, 0, NULL},
    {"release", mv_release, 0, NULL},
    {"toreadonly", mv_toreadonly, 0, NULL},
    {"cast", mv_cast, 0, NULL},
    {"__enter__", mv_enter, 0, NULL},
    {"__exit__", mv_exit, 0, NULL},
    {NULL},
};

// ---- attributes -------------------------------------------------------------------------------

static MemoryView *live(KaaValue self) {
    check_live(as_mv(self));
    return as_mv(self);
}

static KaaValue get_obj(KaaValue self) { return live(self)->obj; }
static KaaValue get_nbytes(KaaValue self) {
    MemoryView *m = live(self);
    return kaa_int_from_i64(m->len * m->itemsize);
}
static KaaValue get_readonly(KaaValue self) { return kaa_bool(live(self)->readonly); }
static KaaValue get_itemsize(KaaValue self) { return kaa_from_small(live(self)->itemsize); }
static KaaValue get_format(KaaValue self) { return kaa_str_from_cstr(live(self)->format); }
static KaaValue get_ndim(KaaValue self) { live(self); return kaa_from_small(1); }
static KaaValue get_shape(KaaValue self) {
    return kaa_from_obj(kaa_tuple_pack(1, kaa_int_from_i64(live(self)->len)));
}
static KaaValue get_strides(KaaValue self) {
    return kaa_from_obj(kaa_tuple_pack(1, kaa_int_from_i64(live(self)->step)));
}
static KaaValue get_suboffsets(KaaValue self) {
    live(self);
    return kaa_from_obj(kaa_empty_tuple);
}
static KaaValue get_contiguous(KaaValue self) {
    MemoryView *m = live(self);
    return kaa_bool(m->step == m->itemsize || m->len <= 1);
}

static const KaaGetSetDef memoryview_getsets[] = {
    {"obj", get_obj, NULL, NULL},
    {"nbytes", get_nbytes, NULL, NULL},
    {"readonly", get_readonly, NULL, NULL},
    {"itemsize", get_itemsize, NULL, NULL},
    {"format", get_format, NULL, NULL},
    {"ndim", get_ndim, NULL, NULL},
    {"shape", get_shape, NULL, NULL},
    {"strides", get_strides, NULL, NULL},
    {"suboffsets", get_suboffsets, NULL, NULL},
    {"c_contiguous", get_contiguous, NULL, NULL},
    {"f_contiguous", get_contiguous, NULL, NULL},
    {"contiguous", get_contiguous, NULL, NULL},
    {NULL},
};

KaaType kaa_memoryview_type = {
    .ob = {&kaa_type_type},
    .name = "memoryview",
    .flags = KAA_TPFLAG_SEQUENCE,
    .instance_size = sizeof(MemoryView),
    .repr = memoryview_repr,
    .hash = memoryview_hash,
    .richcompare = memoryview_richcompare,
    .len = memoryview_len,
    .getitem = memoryview_getitem,
    .setitem = memoryview_setitem,
    .new_ = memoryview_new,
    .buffer = memoryview_buffer,
    .methods = memoryview_methods,
    .getsets = memoryview_getsets,
};
