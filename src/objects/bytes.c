// objects/bytes.c — the bytes type, its iterator, the buffer protocol and the helpers every
// byte type shares (bytes_impl.h).
//
// Stage: objects. Owns KaaBytes (immutable; an exact bytes is one atomic block: header, body
// and a 0 byte), bytes(...) construction, repr, hash, comparison, indexing, +, * and %, and
// kaa_buffer_get. The methods shared with bytearray are in bytes_methods.c, %-formatting in
// bytes_format.c. It must not know str internals beyond objects.h.
#include <string.h>

#include "objects/bytes_impl.h"
#include "vm/vm.h"

// ---- allocation -------------------------------------------------------------------------------

// b'' and the one-byte strings are shared, as CPython shares them (never mutated).
static KaaBytes *empty_bytes;
static KaaBytes *single_bytes[256];

KaaValue kaa_bytes_new_raw(size_t len) {
    if (len > (size_t)INT64_MAX - sizeof(KaaBytes) - 8) {
        kaa_raise_memory();
    }
    KaaBytes *b = kaa_alloc_atomic(sizeof(KaaBytes) + len + 1);
    b->ob.type = &kaa_bytes_type;
    b->hash = -1;
    b->len = len;
    b->data[len] = 0;
    return kaa_from_obj(b);
}

KaaValue kaa_bytes_new(const void *data, size_t len) {
    KaaBytes **cache = len == 0 ? &empty_bytes
                       : len == 1 ? &single_bytes[*(const uint8_t *)data]
                                  : NULL;
    if (cache && *cache) {
        return kaa_from_obj(*cache);
    }
    KaaValue v = kaa_bytes_new_raw(len);
    if (len) {
        memcpy(kaa_bytes(v)->data, data, len);
    }
    if (cache) {
        *cache = kaa_bytes(v);
    }
    return v;
}

bool kaa_is_bytes(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_BYTES_SUBCLASS);
}

static size_t bytes_var_size(KaaValue self) {
    return sizeof(KaaBytes) + kaa_bytes(self)->len + 1;
}

// A bytes (or subclass instance) with the given contents.
static KaaValue bytes_of_type(KaaType *type, const uint8_t *data, size_t len) {
    if (type == &kaa_bytes_type) {
        return kaa_bytes_new(data, len);
    }
    // Subclass: header and body first, then the class's own additions (rounded to 8 bytes).
    KaaBytes *b = (KaaBytes *)kaa_obj(kaa_instance_alloc(type, (len + 1 + 7) & ~(size_t)7));
    b->hash = -1;
    b->len = len;
    memcpy(b->data, data, len);
    return kaa_from_obj(b);
}

// ---- the helpers of bytes_impl.h --------------------------------------------------------------

bool kaa_buffer_view(KaaValue v, KaaBuffer *view) {
    if (!kaa_is_obj(v)) {
        return false;
    }
    KaaType *t = kaa_obj(v)->type;
    return t->buffer != NULL && t->buffer(v, view);
}

bool kaa_buffer_get(KaaValue v, const uint8_t **data, size_t *len) {
    KaaBuffer view;
    if (!kaa_buffer_view(v, &view)) {
        return false;
    }
    *data = view.data;
    *len = view.len;
    return true;
}

uint8_t *kaa_buffer_writable(KaaValue v, size_t *len) {
    KaaBuffer view;
    if (!kaa_buffer_view(v, &view) || view.readonly) {
        return NULL;
    }
    *len = view.len;
    return view.data;
}

static bool bytes_buffer(KaaValue self, KaaBuffer *view) {
    *view = (KaaBuffer){kaa_bytes(self)->data, kaa_bytes(self)->len, 1, "B", true};
    return true;
}

KaaBuf kaa_bytes_arg(KaaValue v) {
    KaaBuf b;
    if (!kaa_buffer_get(v, &b.data, &b.len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%T'", v);
    }
    return b;
}

KaaBuf kaa_bytes_self(KaaValue self) {
    KaaBuf b;
    if (kaa_is_bytes(self)) {
        b.data = kaa_bytes(self)->data;
        b.len = kaa_bytes(self)->len;
    } else {
        KaaByteArray *ba = (KaaByteArray *)kaa_obj(self);
        b.data = ba->data;
        b.len = ba->len;
    }
    return b;
}

KaaValue kaa_bytes_like_new(KaaValue self, size_t len, uint8_t **out) {
    if (kaa_is_bytes(self)) {
        KaaValue v = kaa_bytes_new_raw(len);
        *out = kaa_bytes(v)->data;
        return v;
    }
    KaaValue v = kaa_bytearray_new(NULL, len);
    *out = ((KaaByteArray *)kaa_obj(v))->data;
    return v;
}

KaaValue kaa_bytes_like_copy(KaaValue self, const void *data, size_t len) {
    if (kaa_is_bytes(self)) {
        return kaa_bytes_new(data, len);
    }
    return kaa_bytearray_new(data, len);
}

void kaa_bytebuf_init(KaaByteBuf *b, size_t cap) {
    b->cap = cap < 16 ? 16 : cap;
    b->data = kaa_alloc_atomic(b->cap);
    b->len = 0;
}

static void bytebuf_reserve(KaaByteBuf *b, size_t more) {
    if (b->len + more <= b->cap) {
        return;
    }
    size_t cap = b->cap * 2;
    if (cap < b->len + more) {
        cap = b->len + more;
    }
    b->data = kaa_realloc(b->data, cap);
    b->cap = cap;
}

void kaa_bytebuf_put(KaaByteBuf *b, const void *data, size_t len) {
    bytebuf_reserve(b, len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

void kaa_bytebuf_putc(KaaByteBuf *b, uint8_t c) {
    bytebuf_reserve(b, 1);
    b->data[b->len++] = c;
}

void kaa_bytebuf_fill(KaaByteBuf *b, uint8_t c, size_t n) {
    bytebuf_reserve(b, n);
    memset(b->data + b->len, c, n);
    b->len += n;
}

uint8_t kaa_bytes_byte_value(KaaValue v, bool plural) {
    int64_t i;
    if (kaa_is_int(v)) {
        i = kaa_int_val(v);
    } else if (!kaa_int_to_i64(kaa_index(v), &i)) {
        i = -1;
    }
    if (i < 0 || i > 255) {
        kaa_raise_value_error(plural ? "bytes must be in range(0, 256)"
                                     : "byte must be in range(0, 256)");
    }
    return (uint8_t)i;
}

int64_t kaa_bytes_size_arg(KaaValue v) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    int64_t n;
    if (!kaa_int_to_i64(kaa_index(v), &n)) {
        kaa_raise_overflow("cannot fit '%s' into an index-sized integer", kaa_type_name_of(v));
    }
    return n;
}

// Whether v is usable as an integer (has __index__), as PyIndex_Check asks.
bool kaa_bytes_is_index(KaaValue v) {
    return kaa_is_int(v) || kaa_is_int_like(v) || kaa_lookup_special(v, KAA_ID(__index__));
}

void kaa_bytes_from_object(KaaByteBuf *b, KaaValue x, const char *what, bool plural) {
    KaaBuf src;
    if (kaa_buffer_get(x, &src.data, &src.len)) {
        kaa_bytebuf_put(b, src.data, src.len);
        return;
    }
    if (kaa_is_type(x, &kaa_list_type) || kaa_is_type(x, &kaa_tuple_type)) {
        bool list = kaa_is_type(x, &kaa_list_type);
        // Re-read the length: __index__ of an item may shrink the list.
        for (int64_t i = 0; i < (list ? kaa_list(x)->len : kaa_tuple(x)->len); i++) {
            KaaValue item = list ? kaa_list(x)->items[i] : kaa_tuple(x)->items[i];
            kaa_bytebuf_putc(b, kaa_bytes_byte_value(item, plural));
        }
        return;
    }
    KaaType *t = kaa_type_of(x);
    if (!t->iter && !t->getitem) {
        kaa_raise_type_error("cannot convert '%T' object to %s", x, what);
    }
    KaaValue it = kaa_iter(x);
    for (KaaValue v; (v = kaa_next(it));) {
        kaa_bytebuf_putc(b, kaa_bytes_byte_value(v, plural));
    }
}

KaaValue kaa_bytes_repr_value(const char *prefix, const uint8_t *data, size_t len,
                              const char *suffix, bool bytearray_quotes) {
    size_t plen = strlen(prefix), slen = strlen(suffix);
    char *out = kaa_alloc_atomic(plen + slen + 4 * len + 4);
    char quote = '\'';
    if (memchr(data, '\'', len) && !memchr(data, '"', len)) {
        quote = '"';
    }
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    memcpy(p, prefix, plen);
    p += plen;
    *p++ = 'b';
    *p++ = quote;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        // bytearray's repr escapes ' even inside "...", as CPython's does.
        if (c == quote || c == '\\' || (bytearray_quotes && c == '\'')) {
            *p++ = '\\';
            *p++ = (char)c;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            *p++ = '\\';
            *p++ = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        } else if (c < 0x20 || c >= 0x7f) {
            *p++ = '\\';
            *p++ = 'x';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 15];
        } else {
            *p++ = (char)c;
        }
    }
    *p++ = quote;
    memcpy(p, suffix, slen);
    p += slen;
    return kaa_str_from_ascii(out, (size_t)(p - out));
}

KaaValue kaa_bytes_compare(KaaBuf a, KaaBuf b, int op) {
    if ((op == KAA_EQ || op == KAA_NE) && a.len != b.len) {
        return kaa_bool(op == KAA_NE);
    }
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.data, b.data, n) : 0;
    if (c == 0) {
        c = a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
    }
    switch (op) {
    case KAA_LT: return kaa_bool(c < 0);
    case KAA_LE: return kaa_bool(c <= 0);
    case KAA_EQ: return kaa_bool(c == 0);
    case KAA_NE: return kaa_bool(c != 0);
    case KAA_GT: return kaa_bool(c > 0);
    default: return kaa_bool(c >= 0);
    }
}

// ---- construction -----------------------------------------------------------------------------

// bytes(x) where x has __bytes__: its result, which must be bytes.
static KaaValue call_dunder_bytes(KaaValue meth) {
    KaaValue r = kaa_call0(meth);
    if (!kaa_is_bytes(r)) {
        kaa_raise_type_error("__bytes__ returned non-bytes (type %T)", r);
    }
    return r;
}

// The contents of bytes(x) for one argument, as a value of exact type bytes.
static KaaValue bytes_from_one(KaaValue x) {
    if (kaa_is_type(x, &kaa_bytes_type)) {
        return x;
    }
    KaaValue meth = kaa_is_obj(x) ? kaa_lookup_special(x, KAA_ID(__bytes__)) : KAA_NULL;
    if (meth) {
        return call_dunder_bytes(meth);
    }
    if (kaa_is_str(x)) {
        kaa_raise_type_error("string argument without an encoding");
    }
    if (!kaa_buffer_get(x, &(const uint8_t *){NULL}, &(size_t){0}) && kaa_bytes_is_index(x)) {
        int64_t n = kaa_bytes_size_arg(x);
        if (n < 0) {
            kaa_raise_value_error("negative count");
        }
        KaaValue v = kaa_bytes_new_raw((size_t)n);
        memset(kaa_bytes(v)->data, 0, (size_t)n);
        return v;
    }
    KaaByteBuf b;
    kaa_bytebuf_init(&b, 64);
    kaa_bytes_from_object(&b, x, "bytes", true);
    return kaa_bytes_new(b.data, b.len);
}

static KaaValue bytes_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue a[3] = {KAA_NULL, KAA_NULL, KAA_NULL};
    kaa_bytes_bind3("bytes", args, nargs, kwnames, a);
    KaaValue v;
    if (a[1] || a[2]) {
        if (!a[0] || !kaa_is_str(a[0])) {
            kaa_raise_type_error(a[1] ? "encoding without a string argument"
                                      : "errors without a string argument");
        }
        v = kaa_str_encode(a[0], a[1], a[2]);
    } else {
        v = a[0] ? bytes_from_one(a[0]) : kaa_bytes_new(NULL, 0);
    }
    if (type == &kaa_bytes_type) {
        return v;
    }
    return bytes_of_type(type, kaa_bytes(v)->data, kaa_bytes(v)->len);
}

// Binds (source, encoding, errors) of bytes() and bytearray() with Argument Clinic's messages;
// encoding and errors must be str.
void kaa_bytes_bind3(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                     KaaValue *out) {
    static const char *const names[] = {"source", "encoding", "errors"};
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 3) {
        kaa_raise_type_error("%s() takes at most 3 arguments (%zu given)", fname, nargs + nkw);
    }
    for (size_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (size_t k = 0; k < nkw; k++) {
        size_t slot = 3;
        for (size_t i = 0; i < 3; i++) {
            if (kaa_str_eq_cstr(kwnames->items[k], names[i])) {
                slot = i;
            }
        }
        if (slot == 3 || out[slot]) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()",
                                 kwnames->items[k], fname);
        }
        out[slot] = args[nargs + k];
    }
    for (size_t i = 1; i < 3; i++) {
        if (out[i] && !kaa_is_str(out[i])) {
            kaa_raise_type_error("%s() argument '%s' must be str, not %s", fname, names[i],
                                 kaa_argtype_name(out[i]));
        }
    }
}

// ---- slots ------------------------------------------------------------------------------------

static KaaValue bytes_repr(KaaValue self) {
    KaaBytes *b = kaa_bytes(self);
    return kaa_bytes_repr_value("", b->data, b->len, "", false);
}

// A byte-string hash: 8 bytes at a time, multiply-xorshift mixing. hash(b'') is 0 as in
// CPython; -1 is reserved (it means "not computed").
int64_t kaa_bytes_hash_data(const uint8_t *d, size_t n) {
    if (n == 0) {
        return 0;
    }
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, d + i, 8);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    memcpy(&tail, d + i, n - i);
    h = (h ^ tail) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
    int64_t r = (int64_t)h;
    return r == -1 ? -2 : r;
}

static int64_t bytes_hash(KaaValue self) {
    KaaBytes *b = kaa_bytes(self);
    if (b->hash == -1) {
        b->hash = kaa_bytes_hash_data(b->data, b->len);
    }
    return b->hash;
}

static KaaValue bytes_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_bytes(a) || !kaa_is_bytes(b)) {
        return kaa_NotImplemented;
    }
    if (a == b && (op == KAA_EQ || op == KAA_NE)) {
        return kaa_bool(op == KAA_EQ);
    }
    return kaa_bytes_compare(kaa_bytes_self(a), kaa_bytes_self(b), op);
}

static int64_t bytes_len(KaaValue self) {
    return (int64_t)kaa_bytes(self)->len;
}

// Index of an int key into a sequence of len items, or IndexError `msg`.
size_t kaa_bytes_index(KaaValue key, size_t len, const char *msg) {
    int64_t i;
    if (kaa_is_int(key)) {
        i = kaa_int_val(key);
    } else {
        i = kaa_index_i64(key);
    }
    if (i < 0) {
        i += (int64_t)len;
    }
    if (i < 0 || (uint64_t)i >= len) {
        kaa_raise_index_error("%s", msg);
    }
    return (size_t)i;
}

// self[slice] for bytes and bytearray: the selected bytes, of self's kind.
KaaValue kaa_bytes_slice(KaaValue self, KaaValue slice) {
    KaaBuf b = kaa_bytes_self(self);
    int64_t start, stop, step;
    int64_t n = kaa_slice_unpack(slice, (int64_t)b.len, &start, &stop, &step);
    b = kaa_bytes_self(self);  // __index__ of the bounds may have resized a bytearray
    if (step == 1) {
        if (n == (int64_t)b.len && kaa_is_type(self, &kaa_bytes_type)) {
            return self;
        }
        return kaa_bytes_like_copy(self, b.data + start, (size_t)n);
    }
    uint8_t *out;
    KaaValue r = kaa_bytes_like_new(self, (size_t)n, &out);
    for (int64_t i = 0, j = start; i < n; i++, j += step) {
        out[i] = b.data[j];
    }
    return r;
}

static KaaValue bytes_getitem(KaaValue self, KaaValue key) {
    KaaBytes *b = kaa_bytes(self);
    if (kaa_is_int(key)) {
        int64_t i = kaa_int_val(key);
        if (i < 0) {
            i += (int64_t)b->len;
        }
        if (i < 0 || (uint64_t)i >= b->len) {
            kaa_raise_index_error("index out of range");
        }
        return kaa_from_small(b->data[i]);
    }
    if (kaa_is_type(key, &kaa_slice_type)) {
        return kaa_bytes_slice(self, key);
    }
    if (kaa_bytes_is_index(key)) {
        return kaa_from_small(b->data[kaa_bytes_index(key, b->len, "index out of range")]);
    }
    kaa_raise_type_error("byte indices must be integers or slices, not %T", key);
}

// `item in self` for bytes and bytearray: an int byte, or a bytes-like substring.
int kaa_bytes_contains(KaaValue self, KaaValue item) {
    if (kaa_bytes_is_index(item)) {
        uint8_t c = kaa_bytes_byte_value(item, false);
        KaaBuf b = kaa_bytes_self(self);
        return b.len && memchr(b.data, c, b.len) != NULL;
    }
    KaaBuf sub = kaa_bytes_arg(item);
    KaaBuf b = kaa_bytes_self(self);
    return sub.len == 0 || memmem(b.data, b.len, sub.data, sub.len) != NULL;
}

static KaaValue bytes_add(KaaValue a, KaaValue b) {
    if (!kaa_is_bytes(a)) {
        return kaa_NotImplemented;
    }
    KaaBuf y;
    if (!kaa_buffer_get(b, &y.data, &y.len)) {
        return kaa_NotImplemented;  // kaa_binary_op words the error
    }
    KaaBuf x = kaa_bytes_self(a);
    if (y.len == 0 && kaa_is_type(a, &kaa_bytes_type)) {
        return a;
    }
    KaaValue r = kaa_bytes_new_raw(x.len + y.len);
    memcpy(kaa_bytes(r)->data, x.data, x.len);
    memcpy(kaa_bytes(r)->data + x.len, y.data, y.len);
    return r;
}

// The repeat count of seq * n (either order), or -1 with *defer set when n is not an int.
int64_t kaa_bytes_repeat_count(KaaValue n, bool *defer) {
    *defer = false;
    if (!kaa_bytes_is_index(n)) {
        *defer = true;  // NotImplemented: kaa_binary_op words the error
        return -1;
    }
    int64_t count = kaa_bytes_size_arg(n);
    return count < 0 ? 0 : count;
}

// Fills out with count copies of src (len bytes each), doubling the copied prefix.
void kaa_bytes_fill_repeat(uint8_t *out, const uint8_t *src, size_t len, size_t count) {
    size_t total = len * count;
    if (total == 0) {
        return;
    }
    if (len == 1) {
        memset(out, src[0], total);
        return;
    }
    if (out != src) {
        memcpy(out, src, len);
    }
    for (size_t done = len; done < total;) {
        size_t n = done <= total - done ? done : total - done;
        memcpy(out + done, out, n);
        done += n;
    }
}

static KaaValue bytes_mul(KaaValue a, KaaValue b) {
    KaaValue seq = kaa_is_bytes(a) ? a : b, n = kaa_is_bytes(a) ? b : a;
    bool defer;
    int64_t count = kaa_bytes_repeat_count(n, &defer);
    if (defer) {
        return kaa_NotImplemented;
    }
    KaaBuf x = kaa_bytes_self(seq);
    if (count == 1 && kaa_is_type(seq, &kaa_bytes_type)) {
        return seq;
    }
    if (x.len && (uint64_t)count > (uint64_t)INT64_MAX / x.len) {
        kaa_raise_memory();
    }
    KaaValue r = kaa_bytes_new_raw(x.len * (size_t)count);
    kaa_bytes_fill_repeat(kaa_bytes(r)->data, x.data, x.len, (size_t)count);
    return r;
}

static KaaValue bytes_mod(KaaValue a, KaaValue b) {
    if (!kaa_is_bytes(a)) {
        return kaa_NotImplemented;
    }
    return kaa_bytes_percent(a, b);
}

// ---- methods only bytes has -------------------------------------------------------------------

static KaaValue bytes_getnewargs(KaaValue self, KaaValue *args, size_t nargs,
                                 KaaTuple *kwnames) {
    kaa_args_no_kw("__getnewargs__", kwnames);
    kaa_args_count("__getnewargs__", nargs, 0, 0);
    KaaBuf b = kaa_bytes_self(self);
    return kaa_from_obj(kaa_tuple_pack(1, kaa_bytes_new(b.data, b.len)));
}

static KaaValue bytes_bytes(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("__bytes__", kwnames);
    kaa_args_count("__bytes__", nargs, 0, 0);
    if (kaa_is_type(self, &kaa_bytes_type)) {
        return self;
    }
    KaaBuf b = kaa_bytes_self(self);
    return kaa_bytes_new(b.data, b.len);
}

static const KaaMethodDef bytes_methods[] = {
    KAA_BYTES_METHOD_ENTRIES
    {"__getnewargs__", bytes_getnewargs, 0, NULL},
    {"__bytes__", bytes_bytes, 0, NULL},
    {NULL},
};

KaaType kaa_bytes_type = {
    .ob = {&kaa_type_type},
    .name = "bytes",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_BYTES_SUBCLASS | KAA_TPFLAG_VAR_SIZE |
              KAA_TPFLAG_SEQ_CONCAT,
    .instance_size = sizeof(KaaBytes),
    .repr = bytes_repr,
    .str = bytes_repr,  // str(b) is its repr even when a subclass overrides __repr__
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .iter = kaa_bytes_iter_new,
    .binary = {[KAA_OP_ADD] = bytes_add, [KAA_OP_MUL] = bytes_mul, [KAA_OP_MOD] = bytes_mod},
    .len = bytes_len,
    .getitem = bytes_getitem,
    .contains = kaa_bytes_contains,
    .new_ = bytes_new,
    .var_size = bytes_var_size,
    .buffer = bytes_buffer,
    .methods = bytes_methods,
};

// ---- the iterator of bytes and bytearray -------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue seq;  // KAA_NULL once exhausted
    size_t index;
} BytesIter;

KaaValue kaa_bytes_iter_new(KaaValue seq) {
    BytesIter *it = kaa_alloc(sizeof(BytesIter));
    it->ob.type = kaa_is_bytes(seq) ? &kaa_bytes_iter_type : &kaa_bytearray_iter_type;
    it->seq = seq;
    return kaa_from_obj(it);
}

static KaaValue iter_self(KaaValue self) {
    return self;
}

static KaaValue bytesiter_next(KaaValue self) {
    BytesIter *it = (BytesIter *)kaa_obj(self);
    if (!it->seq) {
        return KAA_NULL;
    }
    KaaBuf b = kaa_bytes_self(it->seq);  // a bytearray may have changed size
    if (it->index < b.len) {
        return kaa_from_small(b.data[it->index++]);
    }
    it->seq = KAA_NULL;
    return KAA_NULL;
}

static KaaValue bytesiter_length_hint(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kwnames) {
    kaa_args_no_kw("__length_hint__", kwnames);
    BytesIter *it = (BytesIter *)kaa_obj(self);
    if (!it->seq) {
        return kaa_from_small(0);
    }
    size_t len = kaa_bytes_self(it->seq).len;
    return kaa_int_from_i64(it->index < len ? (int64_t)(len - it->index) : 0);
}

static KaaValue bytesiter_reduce(KaaValue self, KaaValue *args, size_t nargs,
                                 KaaTuple *kwnames) {
    kaa_args_no_kw("__reduce__", kwnames);
    BytesIter *it = (BytesIter *)kaa_obj(self);
    KaaDict *bd = kaa_current_builtins();
    KaaValue iter = kaa_dict_get_cstr(bd ? bd : kaa_builtins_dict, "iter");
    iter = iter ? iter : kaa_None;
    if (!it->seq) {
        KaaValue empty = kaa_from_obj(kaa_empty_tuple);
        return kaa_from_obj(kaa_tuple_pack(2, iter, kaa_from_obj(kaa_tuple_pack(1, empty))));
    }
    return kaa_from_obj(kaa_tuple_pack(3, iter, kaa_from_obj(kaa_tuple_pack(1, it->seq)),
                                       kaa_int_from_u64(it->index)));
}

static KaaValue bytesiter_setstate(KaaValue self, KaaValue *args, size_t nargs,
                                   KaaTuple *kwnames) {
    kaa_args_no_kw("__setstate__", kwnames);
    kaa_args_count("__setstate__", nargs, 1, 1);
    BytesIter *it = (BytesIter *)kaa_obj(self);
    int64_t i = kaa_index_i64(args[0]);
    if (it->seq) {
        size_t len = kaa_bytes_self(it->seq).len;
        it->index = i < 0 ? 0 : (uint64_t)i > len ? len : (size_t)i;
    }
    return kaa_None;
}

static const KaaMethodDef bytesiter_methods[] = {
    {"__length_hint__", bytesiter_length_hint, 0, NULL},
    {"__reduce__", bytesiter_reduce, 0, NULL},
    {"__setstate__", bytesiter_setstate, 0, NULL},
    {NULL},
};

KaaType kaa_bytes_iter_type = {
    .ob = {&kaa_type_type},
    .name = "bytes_iterator",
    .instance_size = sizeof(BytesIter),
    .iter = iter_self,
    .next = bytesiter_next,
    .methods = bytesiter_methods,
};

KaaType kaa_bytearray_iter_type = {
    .ob = {&kaa_type_type},
    .name = "bytearray_iterator",
    .instance_size = sizeof(BytesIter),
    .iter = iter_self,
    .next = bytesiter_next,
    .methods = bytesiter_methods,
};
