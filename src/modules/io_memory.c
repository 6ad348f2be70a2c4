// modules/io_memory.c — _io.BytesIO and _io.StringIO: in-memory streams.
//
// Stage: modules. BytesIO keeps its bytes in a bytearray object, so getbuffer() returns a
// memoryview of that same memory (kaa's views re-read their exporter, so growing the stream
// later is safe; CPython refuses to resize while a view exists, kaa never needs to). StringIO
// keeps code points in a UCS-4 array and builds a str only when asked. Newline handling of
// StringIO follows CPython: newline=None translates on write, '\r' and '\r\n' translate \n on
// write, '' and None read lines ending in any of \r, \n, \r\n.
#include <string.h>

#include "modules/osio.h"

// ---- BytesIO ------------------------------------------------------------------------------------

typedef struct {
    IOBase base;
    KaaValue store;  // a bytearray: its len is the stream's size
    size_t pos;
} IOBytes;

static IOBytes *bio(KaaValue v) { return (IOBytes *)kaa_obj(v); }
static KaaByteArray *store(IOBytes *b) { return (KaaByteArray *)kaa_obj(b->store); }

// BytesIO's closed message has a period, StringIO's has not: CPython's wording.
static void bytes_check(IOBytes *b) {
    if (b->store == KAA_NULL) {
        io_closed_error(b->base.iobase_closed ? "I/O operation on closed file."
                                              : "I/O operation on uninitialized object");
    }
}

// Grows the store to hold at least `need` bytes (contents kept, new space uninitialised).
static void bytes_reserve(IOBytes *b, size_t need) {
    KaaByteArray *s = store(b);
    if (need <= s->cap) {
        return;
    }
    size_t cap = s->cap + (s->cap >> 1) + 16;
    if (cap < need) {
        cap = need;
    }
    uint8_t *data = kaa_alloc_atomic(cap);
    if (s->len > 0) {
        memcpy(data, s->data, s->len);
    }
    s->data = data;
    s->cap = cap;
}

static void bytes_write_at(IOBytes *b, const uint8_t *data, size_t n) {
    if (n == 0) {
        return;
    }
    KaaByteArray *s = store(b);
    size_t end = b->pos + n;
    if (end > s->len) {
        bytes_reserve(b, end);
        s = store(b);
        if (b->pos > s->len) {
            memset(s->data + s->len, 0, b->pos - s->len);  // a seek past the end leaves zeros
        }
    }
    memmove(s->data + b->pos, data, n);
    if (end > s->len) {
        s->len = end;
    }
    b->pos = end;
}

static void bytes_setup(IOBytes *b, KaaValue initial) {
    b->store = kaa_bytearray_new(NULL, 0);
    b->pos = 0;
    b->base.iobase_closed = false;
    if (!osio_none(initial)) {
        const uint8_t *data;
        size_t len;
        if (!kaa_buffer_get(initial, &data, &len)) {
            kaa_raise_type_error("a bytes-like object is required, not '%s'",
                                 kaa_type_name_of(initial));
        }
        bytes_write_at(b, data, len);
        b->pos = 0;
    }
}

static KaaValue bytesio_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue self = kaa_instance_alloc(type, 0);
    bytes_setup(bio(self), KAA_NULL);
    return self;
}

static void bytesio_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"initial_bytes", NULL};
    KaaValue a[1];
    osio_bind("BytesIO", args, nargs, kwnames, params, 0, 0, a);
    bytes_setup(bio(self), a[0]);
}

// Bytes after the position (none when a seek went past the end).
static size_t remaining(IOBytes *b) {
    size_t len = store(b)->len;
    return b->pos < len ? len - b->pos : 0;
}

static KaaValue bytes_take(IOBytes *b, size_t n) {
    KaaValue r = kaa_bytes_new(store(b)->data + b->pos, n);
    b->pos += n;
    return r;
}

static KaaValue bytesio_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read", kw);
    kaa_args_count("read", nargs, 0, 1);
    IOBytes *b = bio(self);
    bytes_check(b);
    int64_t n = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    size_t left = remaining(b);
    return bytes_take(b, n < 0 || (size_t)n > left ? left : (size_t)n);
}

// Length of the next line (with its \n), at most limit bytes when limit >= 0.
static size_t line_length(IOBytes *b, int64_t limit) {
    size_t left = remaining(b);
    if (limit >= 0 && (size_t)limit < left) {
        left = (size_t)limit;
    }
    const uint8_t *p = store(b)->data + b->pos;
    const uint8_t *nl = memchr(p, '\n', left);
    return nl ? (size_t)(nl - p) + 1 : left;
}

static KaaValue bytesio_readline(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readline", kw);
    kaa_args_count("readline", nargs, 0, 1);
    IOBytes *b = bio(self);
    bytes_check(b);
    int64_t limit = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    return bytes_take(b, line_length(b, limit));
}

static KaaValue bytesio_readlines(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readlines", kw);
    kaa_args_count("readlines", nargs, 0, 1);
    IOBytes *b = bio(self);
    bytes_check(b);
    int64_t hint = io_size_arg(nargs ? args[0] : KAA_NULL, 0);
    KaaList *lines = kaa_list_new(0);
    size_t total = 0, n;
    while ((n = line_length(b, -1)) > 0) {
        kaa_list_append(lines, bytes_take(b, n));
        total += n;
        if (hint > 0 && total >= (size_t)hint) {
            break;
        }
    }
    return kaa_from_obj(lines);
}

static KaaValue bytesio_readinto(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("readinto", nargs, 1, 1);
    IOBytes *b = bio(self);
    bytes_check(b);
    size_t len;
    uint8_t *p = io_writable_buffer(args[0], &len, "readinto");
    size_t n = remaining(b) < len ? remaining(b) : len;
    if (p != NULL) {
        memcpy(p, store(b)->data + b->pos, n);
    } else {
        io_write_back(args[0], store(b)->data + b->pos, n);
    }
    b->pos += n;
    return kaa_from_small((int64_t)n);
}

static KaaValue bytesio_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("write", kw);
    kaa_args_count("write", nargs, 1, 1);
    IOBytes *b = bio(self);
    bytes_check(b);
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(args[0], &data, &len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'",
                             kaa_type_name_of(args[0]));
    }
    if (len > 0) {
        bytes_write_at(b, data, len);
    }
    return kaa_from_small((int64_t)len);
}

static KaaValue bytesio_writelines(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("writelines", nargs, 1, 1);
    bytes_check(bio(self));
    KaaValue it = kaa_iter(args[0]);
    KaaValue line;
    while ((line = kaa_next(it)) != KAA_NULL) {
        bytesio_write(self, &line, 1, NULL);
    }
    return kaa_None;
}

// seek(pos, whence=0): past the end is allowed (a write there fills the gap with zeros);
// before the start is an error for whence 0 and clamps to 0 otherwise, as in CPython.
static KaaValue bytesio_seek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("seek", kw);
    kaa_args_count("seek", nargs, 1, 2);
    IOBytes *b = bio(self);
    bytes_check(b);
    int64_t pos = (int64_t)osio_ssize(args[0]);
    int whence = nargs > 1 ? osio_int(args[1]) : 0;
    if (whence < 0 || whence > 2) {
        kaa_raise_value_error("invalid whence (%d, should be 0, 1 or 2)", whence);
    }
    if (whence == 0 && pos < 0) {
        kaa_raise_value_error("negative seek value %lld", (long long)pos);
    }
    if (whence == 1) {
        pos += (int64_t)b->pos;
    } else if (whence == 2) {
        pos += (int64_t)store(b)->len;
    }
    b->pos = pos < 0 ? 0 : (size_t)pos;
    return kaa_int_from_i64((int64_t)b->pos);
}

static KaaValue bytesio_tell(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("tell", nargs, 0, 0);
    bytes_check(bio(self));
    return kaa_int_from_i64((int64_t)bio(self)->pos);
}

// truncate(size=None): the position does not move.
static KaaValue bytesio_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("truncate", kw);
    kaa_args_count("truncate", nargs, 0, 1);
    IOBytes *b = bio(self);
    bytes_check(b);
    int64_t size = io_size_arg(nargs ? args[0] : KAA_NULL, (int64_t)b->pos);
    if (size < 0) {
        kaa_raise_value_error("negative size value %lld", (long long)size);
    }
    if ((size_t)size < store(b)->len) {
        store(b)->len = (size_t)size;
    }
    return kaa_int_from_i64(size);
}

static KaaValue bytesio_getvalue(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getvalue", nargs, 0, 0);
    IOBytes *b = bio(self);
    bytes_check(b);
    return kaa_bytes_new(store(b)->data, store(b)->len);
}

// getbuffer(): a writable view of the stream's own bytes.
static KaaValue bytesio_getbuffer(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getbuffer", nargs, 0, 0);
    IOBytes *b = bio(self);
    bytes_check(b);
    return kaa_call1(kaa_from_obj(&kaa_memoryview_type), b->store);
}

static KaaValue bytesio_true(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    bytes_check(bio(self));
    return kaa_True;
}

static KaaValue bytesio_false(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    bytes_check(bio(self));
    return kaa_False;
}

static KaaValue bytesio_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    bytes_check(bio(self));
    return kaa_None;
}

// close() frees the contents: getvalue() fails afterwards, as in CPython.
static KaaValue bytesio_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    IOBytes *b = bio(self);
    b->store = KAA_NULL;
    b->base.iobase_closed = true;
    return kaa_None;
}

static KaaValue bytesio_next(KaaValue self) {
    KaaValue line;
    if (kaa_type_of(self) == &io_bytesio_type) {
        IOBytes *b = bio(self);
        bytes_check(b);
        line = bytes_take(b, line_length(b, -1));
    } else {
        line = kaa_call_method(self, IO_NAME(readline), NULL, 0);
    }
    return kaa_len(line) == 0 ? KAA_NULL : line;
}

static KaaValue bytesio_iter(KaaValue self) {
    bytes_check(bio(self));
    return self;
}

static KaaValue dict_or_none(KaaValue self) {
    KaaValue *slot = kaa_instance_dict_slot(self);
    return slot && *slot != KAA_NULL ? kaa_from_obj(kaa_dict_copy(kaa_dict(*slot))) : kaa_None;
}

// Pickling: (value, position, __dict__ or None).
static KaaValue bytesio_getstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue value = bytesio_getvalue(self, NULL, 0, NULL);
    return kaa_from_obj(kaa_tuple_pack(3, value, kaa_int_from_i64((int64_t)bio(self)->pos),
                                       dict_or_none(self)));
}

static void set_dict_from(KaaValue self, KaaValue d) {
    if (d != kaa_None) {
        if (!kaa_is_dict(d)) {
            kaa_raise_type_error("third item of state should be a dict, got a %s",
                                 kaa_type_name_of(d));
        }
        kaa_dict_update(kaa_instance_dict(self), d);
    }
}

static KaaValue bytesio_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__setstate__", nargs, 1, 1);
    KaaValue st = args[0];
    if (!kaa_is_tuple(st) || kaa_tuple(st)->len < 3) {
        kaa_raise_type_error("%s.__setstate__ argument should be 3-tuple, got %s",
                             kaa_type_of(self)->name, kaa_type_name_of(st));
    }
    KaaTuple *t = kaa_tuple(st);
    bytes_setup(bio(self), t->items[0]);
    int64_t pos = kaa_int_as_i64(kaa_index(t->items[1]));
    if (pos < 0) {
        kaa_raise_value_error("position value cannot be negative");
    }
    bio(self)->pos = (size_t)pos;
    set_dict_from(self, t->items[2]);
    return kaa_None;
}

static KaaValue bytesio_closed_get(KaaValue self) { return kaa_bool(bio(self)->store == KAA_NULL); }

static KaaValue bytesio_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    IOBytes *b = bio(self);
    size_t extra = b->store != KAA_NULL ? store(b)->cap + 1 : 0;
    return kaa_from_small((int64_t)(sizeof(IOBytes) + extra));
}

static const KaaMethodDef bytesio_methods[] = {
    {"readable", bytesio_true, 0, NULL},
    {"seekable", bytesio_true, 0, NULL},
    {"writable", bytesio_true, 0, NULL},
    {"close", bytesio_close, 0, NULL},
    {"flush", bytesio_flush, 0, NULL},
    {"isatty", bytesio_false, 0, NULL},
    {"tell", bytesio_tell, 0, NULL},
    {"write", bytesio_write, 0, NULL},
    {"writelines", bytesio_writelines, 0, NULL},
    {"read1", bytesio_read, 0, NULL},
    {"readinto", bytesio_readinto, 0, NULL},
    {"readline", bytesio_readline, 0, NULL},
    {"readlines", bytesio_readlines, 0, NULL},
    {"read", bytesio_read, 0, NULL},
    {"getbuffer", bytesio_getbuffer, 0, NULL},
    {"getvalue", bytesio_getvalue, 0, NULL},
    {"seek", bytesio_seek, 0, NULL},
    {"truncate", bytesio_truncate, 0, NULL},
    {"__getstate__", bytesio_getstate, 0, NULL},
    {"__setstate__", bytesio_setstate, 0, NULL},
    {"__sizeof__", bytesio_sizeof, 0, NULL},
    {NULL},
};

static const KaaGetSetDef bytesio_getsets[] = {
    {"closed", bytesio_closed_get, NULL, "True if the file is closed."},
    {NULL},
};

KaaType io_bytesio_type = {
    .ob = {&kaa_type_type},
    .name = "_io.BytesIO",
    .base = &io_bufferediobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(IOBytes),
    .iter = bytesio_iter,
    .next = bytesio_next,
    .new_ = bytesio_new,
    .init = bytesio_init,
    .methods = bytesio_methods,
    .getsets = bytesio_getsets,
};

// ---- StringIO -----------------------------------------------------------------------------------

typedef struct {
    IOBase base;
    uint32_t *buf;    // code points; NULL once closed
    size_t len, cap, pos;
    bool ok;
    bool readuniversal, readtranslate;
    KaaValue readnl, writenl;  // str or KAA_NULL
    int seennl;                // SEEN_* bits, when readuniversal
} IOStr;

enum { SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4 };

static IOStr *sio(KaaValue v) { return (IOStr *)kaa_obj(v); }

// A StringIO whose __init__ never ran, or a closed one.
static void str_check(IOStr *s) {
    if (!s->ok) {
        io_closed_error("I/O operation on uninitialized object");
    }
    if (s->buf == NULL) {
        io_closed_error("I/O operation on closed file");
    }
}

// Grows the code-point array by half again, so repeated writes stay linear.
static void str_reserve(IOStr *s, size_t need) {
    if (need <= s->cap) {
        return;
    }
    size_t cap = s->cap + (s->cap >> 1) + 16;
    if (cap < need) {
        cap = need;
    }
    uint32_t *nb = kaa_alloc_atomic(cap * sizeof(uint32_t));
    if (s->len > 0) {
        memcpy(nb, s->buf, s->len * sizeof(uint32_t));
    }
    s->buf = nb;
    s->cap = cap;
}

// The text as written: newline translation (newline None), the \n of '\r' / '\r\n' modes,
// and the newline kinds seen. Writes always act as final: no \r waits for a \n.
static size_t str_prepare(IOStr *s, KaaStr *in, uint32_t **out) {
    size_t extra = s->writenl != KAA_NULL ? kaa_str(s->writenl)->len : 1;
    uint32_t *cps = kaa_alloc_atomic((in->len * extra + 1) * sizeof(uint32_t));
    size_t n = 0;
    for (size_t i = 0; i < in->len; i++) {
        uint32_t c = kaa_str_char(in, i);
        if (s->readuniversal && (c == '\r' || c == '\n')) {
            bool crlf = c == '\r' && i + 1 < in->len && kaa_str_char(in, i + 1) == '\n';
            s->seennl |= c == '\n' ? SEEN_LF : crlf ? SEEN_CRLF : SEEN_CR;
            if (s->readtranslate && c == '\r') {
                c = '\n';
                i += crlf;
            }
        }
        if (c == '\n' && s->writenl != KAA_NULL) {
            KaaStr *nl = kaa_str(s->writenl);
            for (size_t k = 0; k < nl->len; k++) {
                cps[n++] = kaa_str_char(nl, k);
            }
            continue;
        }
        cps[n++] = c;
    }
    *out = cps;
    return n;
}

// Writes at the position, past the end if a seek put it there (the gap holds U+0000).
static void str_write_at(IOStr *s, const uint32_t *cps, size_t n) {
    size_t end = s->pos + n;
    str_reserve(s, end);
    if (s->pos > s->len) {
        memset(s->buf + s->len, 0, (s->pos - s->len) * sizeof(uint32_t));
    }
    memcpy(s->buf + s->pos, cps, n * sizeof(uint32_t));
    if (end > s->len) {
        s->len = end;
    }
    s->pos = end;
}

// The common case (newline '\n', the default): the characters go in unchanged.
static void str_write_plain(IOStr *s, KaaStr *in) {
    size_t end = s->pos + in->len;
    str_reserve(s, end);
    if (s->pos > s->len) {
        memset(s->buf + s->len, 0, (s->pos - s->len) * sizeof(uint32_t));
    }
    uint32_t *dst = s->buf + s->pos;
    if (in->kind == 1) {
        for (size_t i = 0; i < in->len; i++) {
            dst[i] = in->data[i];
        }
    } else {
        for (size_t i = 0; i < in->len; i++) {
            dst[i] = kaa_str_char(in, i);
        }
    }
    if (end > s->len) {
        s->len = end;
    }
    s->pos = end;
}

static void str_write_value(IOStr *s, KaaValue v) {
    KaaStr *in = kaa_str(v);
    if (in->len == 0) {
        return;
    }
    if (!s->readuniversal && s->writenl == KAA_NULL) {
        str_write_plain(s, in);
        return;
    }
    uint32_t *cps;
    size_t n = str_prepare(s, in, &cps);
    str_write_at(s, cps, n);
}

// Same rules as TextIOWrapper's newline, with StringIO's messages (repr in the ValueError).
static void str_set_newline(IOStr *s, KaaValue newline) {
    if (!osio_none(newline) && !kaa_is_str(newline)) {
        kaa_raise_type_error("newline must be str or None, not %s", kaa_type_name_of(newline));
    }
    bool none = osio_none(newline);
    if (!none && !kaa_str_eq_cstr(newline, "") && !kaa_str_eq_cstr(newline, "\n") &&
        !kaa_str_eq_cstr(newline, "\r") && !kaa_str_eq_cstr(newline, "\r\n")) {
        kaa_raise_value_error("illegal newline value: %R", newline);
    }
    s->readuniversal = none || kaa_str(newline)->len == 0;
    s->readtranslate = none;
    s->readnl = none ? KAA_NULL : newline;
    s->writenl = !none && kaa_str(newline)->len > 0 && kaa_str_char(kaa_str(newline), 0) == '\r'
                     ? newline : KAA_NULL;
}

// The initial value is written (and translated) like any text, then the position is 0.
static void stringio_setup(IOStr *s, KaaValue initial, KaaValue newline) {
    if (!osio_none(initial) && !kaa_is_str(initial)) {
        kaa_raise_type_error("initial_value must be str or None, not %s",
                             kaa_type_name_of(initial));
    }
    str_set_newline(s, newline);
    s->cap = 16;
    s->buf = kaa_alloc_atomic(s->cap * sizeof(uint32_t));
    s->len = s->pos = 0;
    s->seennl = 0;
    s->ok = true;
    s->base.iobase_closed = false;
    if (!osio_none(initial)) {
        str_write_value(s, initial);
        s->pos = 0;
    }
}

static KaaValue stringio_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_instance_alloc(type, 0);
}

static void stringio_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"initial_value", "newline", NULL};
    KaaValue a[2];
    osio_bind("StringIO", args, nargs, kwnames, params, 0, 0, a);
    stringio_setup(sio(self), a[0], a[1] == KAA_NULL ? kaa_str_from_cstr("\n") : a[1]);
}

static KaaValue str_take(IOStr *s, size_t n) {
    KaaValue r = kaa_str_from_ucs4(s->buf + s->pos, n);
    s->pos += n;
    return r;
}

static size_t str_remaining(IOStr *s) { return s->pos < s->len ? s->len - s->pos : 0; }

static KaaValue stringio_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read", kw);
    kaa_args_count("read", nargs, 0, 1);
    IOStr *s = sio(self);
    str_check(s);
    int64_t n = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    size_t left = str_remaining(s);
    return str_take(s, n < 0 || (size_t)n > left ? left : (size_t)n);
}

// Length of the next line (with its terminator), at most limit characters when limit >= 0.
static size_t str_line_length(IOStr *s, int64_t limit) {
    size_t left = str_remaining(s);
    if (limit >= 0 && (size_t)limit < left) {
        left = (size_t)limit;
    }
    const uint32_t *p = s->buf + s->pos;
    for (size_t i = 0; i < left; i++) {
        uint32_t c = p[i];
        if (s->readtranslate || (!s->readuniversal && kaa_str_eq_cstr(s->readnl, "\n"))) {
            if (c == '\n') {
                return i + 1;
            }
        } else if (s->readuniversal) {
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < left && p[i + 1] == '\n' ? i + 2 : i + 1;
            }
        } else if (c == '\r') {  // newline '\r' or '\r\n'
            KaaStr *nl = kaa_str(s->readnl);
            if (nl->len == 1) {
                return i + 1;
            }
            if (i + 1 < left && p[i + 1] == '\n') {
                return i + 2;
            }
        }
    }
    return left;
}

static KaaValue stringio_readline(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readline", kw);
    kaa_args_count("readline", nargs, 0, 1);
    IOStr *s = sio(self);
    str_check(s);
    int64_t limit = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    return str_take(s, str_line_length(s, limit));
}

static KaaValue stringio_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("write", kw);
    kaa_args_count("write", nargs, 1, 1);
    IOStr *s = sio(self);
    str_check(s);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("string argument expected, got '%s'", kaa_type_name_of(args[0]));
    }
    str_write_value(s, args[0]);
    return kaa_from_small((int64_t)kaa_str(args[0])->len);
}

// seek(pos, whence=0): positions count characters; only 0 may go with whence 1 or 2.
static KaaValue stringio_seek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("seek", kw);
    kaa_args_count("seek", nargs, 1, 2);
    IOStr *s = sio(self);
    str_check(s);
    int64_t pos = (int64_t)osio_ssize(args[0]);
    int whence = nargs > 1 ? osio_int(args[1]) : 0;
    if (whence < 0 || whence > 2) {
        kaa_raise_value_error("Invalid whence (%d, should be 0, 1 or 2)", whence);
    }
    if (pos < 0 && whence == 0) {
        kaa_raise_value_error("Negative seek position %lld", (long long)pos);
    }
    if (whence != 0 && pos != 0) {
        kaa_raise_msg(kaa_OSError, "Can't do nonzero cur-relative seeks");
    }
    if (whence == 1) {
        pos = (int64_t)s->pos;
    } else if (whence == 2) {
        pos = (int64_t)s->len;
    }
    s->pos = (size_t)pos;
    return kaa_int_from_i64(pos);
}

static KaaValue stringio_tell(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("tell", nargs, 0, 0);
    str_check(sio(self));
    return kaa_int_from_i64((int64_t)sio(self)->pos);
}

static KaaValue stringio_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("truncate", kw);
    kaa_args_count("truncate", nargs, 0, 1);
    IOStr *s = sio(self);
    str_check(s);
    int64_t size = io_size_arg(nargs ? args[0] : KAA_NULL, (int64_t)s->pos);
    if (size < 0) {
        kaa_raise_value_error("Negative size value %lld", (long long)size);
    }
    if ((size_t)size < s->len) {
        s->len = (size_t)size;
    }
    return kaa_int_from_i64(size);
}

static KaaValue stringio_getvalue(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getvalue", nargs, 0, 0);
    IOStr *s = sio(self);
    str_check(s);
    return kaa_str_from_ucs4(s->buf, s->len);
}

static KaaValue stringio_true(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    str_check(sio(self));
    return kaa_True;
}

static KaaValue stringio_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    IOStr *s = sio(self);
    s->buf = NULL;
    s->len = s->cap = s->pos = 0;
    s->base.iobase_closed = true;
    return kaa_None;
}

static KaaValue stringio_next(KaaValue self) {
    KaaValue line;
    if (kaa_type_of(self) == &io_stringio_type) {
        IOStr *s = sio(self);
        str_check(s);
        line = str_take(s, str_line_length(s, -1));
    } else {
        line = kaa_call_method(self, IO_NAME(readline), NULL, 0);
        if (!kaa_is_str(line)) {
            kaa_raise_msg(kaa_OSError, "readline() should have returned a str object, not '%s'",
                          kaa_type_name_of(line));
        }
    }
    return kaa_str(line)->len == 0 ? KAA_NULL : line;
}

// Pickling: (value, newline, position, __dict__ or None).
static KaaValue stringio_getstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    IOStr *s = sio(self);
    KaaValue value = stringio_getvalue(self, NULL, 0, NULL);
    KaaValue nl = s->readnl == KAA_NULL ? kaa_None : s->readnl;
    return kaa_from_obj(kaa_tuple_pack(4, value, nl, kaa_int_from_i64((int64_t)s->pos),
                                       dict_or_none(self)));
}

static KaaValue stringio_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__setstate__", nargs, 1, 1);
    KaaValue st = args[0];
    if (!kaa_is_tuple(st) || kaa_tuple(st)->len < 4) {
        kaa_raise_type_error("%s.__setstate__ argument should be 4-tuple, got %s",
                             kaa_type_of(self)->name, kaa_type_name_of(st));
    }
    KaaTuple *t = kaa_tuple(st);
    IOStr *s = sio(self);
    stringio_setup(s, KAA_NULL, t->items[1]);
    if (!kaa_is_str(t->items[0])) {
        kaa_raise_type_error("initial_value must be str, not %s", kaa_type_name_of(t->items[0]));
    }
    // The saved value is stored as it is: it was translated when first written.
    KaaStr *v = kaa_str(t->items[0]);
    str_reserve(s, v->len);
    for (size_t i = 0; i < v->len; i++) {
        s->buf[i] = kaa_str_char(v, i);
    }
    s->len = v->len;
    int64_t pos = kaa_int_as_i64(kaa_index(t->items[2]));
    if (pos < 0) {
        kaa_raise_value_error("position value cannot be negative");
    }
    s->pos = (size_t)pos;
    set_dict_from(self, t->items[3]);
    return kaa_None;
}

static KaaValue stringio_closed_get(KaaValue self) { return kaa_bool(sio(self)->buf == NULL); }
static KaaValue stringio_line_buffering_get(KaaValue self) {
    str_check(sio(self));
    return kaa_False;
}
static KaaValue stringio_newlines_get(KaaValue self) {
    IOStr *s = sio(self);
    str_check(s);
    if (!s->readuniversal || s->seennl == 0) {
        return kaa_None;
    }
    static const char *const names[] = {"\r", "\n", "\r\n"};
    static const int bits[] = {SEEN_CR, SEEN_LF, SEEN_CRLF};
    KaaValue items[3];
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        if (s->seennl & bits[i]) {
            items[n++] = kaa_str_from_cstr(names[i]);
        }
    }
    return n == 1 ? items[0] : kaa_from_obj(kaa_tuple_from_array(items, n));
}

static const KaaMethodDef stringio_methods[] = {
    {"close", stringio_close, 0, NULL},
    {"getvalue", stringio_getvalue, 0, NULL},
    {"read", stringio_read, 0, NULL},
    {"readline", stringio_readline, 0, NULL},
    {"tell", stringio_tell, 0, NULL},
    {"truncate", stringio_truncate, 0, NULL},
    {"seek", stringio_seek, 0, NULL},
    {"write", stringio_write, 0, NULL},
    {"seekable", stringio_true, 0, NULL},
    {"readable", stringio_true, 0, NULL},
    {"writable", stringio_true, 0, NULL},
    {"__getstate__", stringio_getstate, 0, NULL},
    {"__setstate__", stringio_setstate, 0, NULL},
    {NULL},
};

static const KaaGetSetDef stringio_getsets[] = {
    {"closed", stringio_closed_get, NULL, NULL},
    {"newlines", stringio_newlines_get, NULL, NULL},
    {"line_buffering", stringio_line_buffering_get, NULL, NULL},
    {NULL},
};

KaaType io_stringio_type = {
    .ob = {&kaa_type_type},
    .name = "_io.StringIO",
    .base = &io_textiobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(IOStr),
    .next = stringio_next,
    .new_ = stringio_new,
    .init = stringio_init,
    .methods = stringio_methods,
    .getsets = stringio_getsets,
};

void io_memory_ready(KaaValue module) {
    kaa_type_ready(&io_bytesio_type);
    kaa_type_ready(&io_stringio_type);
    kaa_module_add(module, "BytesIO", kaa_from_obj(&io_bytesio_type));
    kaa_module_add(module, "StringIO", kaa_from_obj(&io_stringio_type));
}
