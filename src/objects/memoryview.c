// objects/memoryview.c — memoryview over any exporter of bytes (format 'B'): one-dimensional
// views of unsigned bytes, possibly strided after slicing.
//
// Stage: objects. Owns the memoryview type and its `buffer` slot (a strided view exports a
// copy). A view keeps its exporter and re-reads the exporter's body on every access,
// so it stays valid when a bytearray reallocates; see bytearray.c for why resizing is not
// refused while views exist. Multi-dimensional views and cast() to other formats are not
// supported yet.
#include <stddef.h>
#include <string.h>

#include "objects/bytes_impl.h"

typedef struct {
    KaaObject ob;
    KaaValue obj;   // the exporter: a bytes or a bytearray (or subclass)
    int64_t start;  // offset of item 0 in the exporter's body
    int64_t step;   // distance between items (1: contiguous)
    int64_t len;    // number of items
    int64_t hash;   // -1 until computed
    bool readonly, released;
} MemoryView;

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
    if (m->len && (first < 0 || last < 0 || (size_t)first >= len || (size_t)last >= len)) {
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
    return kaa_from_obj(m);
}

// The viewed bytes in order, copied when the view is strided.
static const uint8_t *contents(MemoryView *m, size_t *len) {
    uint8_t *base = body(m);
    *len = (size_t)m->len;
    if (m->step == 1) {
        return base + m->start;
    }
    uint8_t *out = kaa_alloc_atomic(*len ? *len : 1);
    for (int64_t i = 0; i < m->len; i++) {
        out[i] = base[m->start + i * m->step];
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
    view->itemsize = 1;
    view->format = "B";
    view->readonly = m->readonly || m->step != 1;
    return true;
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
    if (strcmp(view.format, "B") != 0) {
        kaa_raise_msg(kaa_NotImplementedError,
                      "memoryview of items of format '%s' is not implemented in kaa yet",
                      view.format);
    }
    MemoryView tmp = {.obj = obj, .readonly = view.readonly};
    return new_view(&tmp, 0, 1, (int64_t)view.len);
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
    return kaa_from_small(body(m)[at]);
}

// The byte stored by mv[i] = value.
static uint8_t item_value(KaaValue v) {
    if (!kaa_is_int(v) && !kaa_is_int_like(v)) {
        kaa_raise_type_error("memoryview: invalid type for format 'B'");
    }
    int64_t i;
    if (!kaa_int_to_i64(v, &i) || i < 0 || i > 255) {
        kaa_raise_value_error("memoryview: invalid value for format 'B'");
    }
    return (uint8_t)i;
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
        KaaBuf src = kaa_bytes_arg(value);
        if ((int64_t)src.len != n) {
            kaa_raise_value_error("memoryview assignment: lvalue and rvalue have different "
                                  "structures");
        }
        // Copy first: the source may be this very memory.
        uint8_t *copy = kaa_alloc_atomic(src.len ? src.len : 1);
        memcpy(copy, src.data, src.len);
        uint8_t *base = body(m);
        for (int64_t i = 0; i < n; i++) {
            base[m->start + (start + i * step) * m->step] = copy[i];
        }
        return;
    }
    if (!is_index(key)) {
        kaa_raise_type_error("memoryview: invalid slice key");
    }
    int64_t at = item_index(m, key);
    uint8_t byte = item_value(value);
    body(m)[at] = byte;
}

static KaaValue memoryview_richcompare(KaaValue a, KaaValue b, int op) {
    if (op != KAA_EQ && op != KAA_NE) {
        return kaa_NotImplemented;
    }
    bool eq;
    KaaBuf x, y;
    if (a == b) {
        eq = true;
    } else if ((kaa_isinstance_exact_or_sub(a, &kaa_memoryview_type) && as_mv(a)->released) ||
               (kaa_isinstance_exact_or_sub(b, &kaa_memoryview_type) && as_mv(b)->released)) {
        eq = false;
    } else if (kaa_is_str(a) || kaa_is_str(b) || !kaa_buffer_get(a, &x.data, &x.len) ||
               !kaa_buffer_get(b, &y.data, &y.len)) {
        return kaa_NotImplemented;
    } else {
        eq = x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
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
    size_t len;
    const uint8_t *data = contents(as_mv(self), &len);
    KaaList *l = kaa_list_new(len);
    for (size_t i = 0; i < len; i++) {
        l->items[i] = kaa_from_small(data[i]);
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

static KaaValue mv_cast(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    MemoryView *m = as_mv(self);
    check_live(m);
    if (nargs == 1 && !kwnames && kaa_is_str(args[0]) && kaa_str_eq_cstr(args[0], "B")) {
        return new_view(m, m->start, m->step, m->len);
    }
    kaa_raise_not_implemented("memoryview.cast() to formats other than 'B'");
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
static KaaValue get_nbytes(KaaValue self) { return kaa_int_from_i64(live(self)->len); }
static KaaValue get_readonly(KaaValue self) { return kaa_bool(live(self)->readonly); }
static KaaValue get_itemsize(KaaValue self) { live(self); return kaa_from_small(1); }
static KaaValue get_format(KaaValue self) { live(self); return kaa_str_from_char('B'); }
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
    return kaa_bool(m->step == 1 || m->len <= 1);
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
