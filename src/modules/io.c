// modules/io.c — the _io module: open(), the abstract base classes (_IOBase, _RawIOBase,
// _BufferedIOBase, _TextIOBase), UnsupportedOperation, and the list of writers flushed at exit.
//
// Stage: modules. Lib/io.py re-exports these classes and derives its ABCs from the four bases,
// so their methods behave as CPython's: they call the other methods of `self` through
// attribute lookup (a Python subclass overrides readline() and __next__ uses it). The concrete
// streams are in io_file.c (FileIO), io_buffered.c, io_text.c and io_memory.c. Buffers that
// hold unwritten data are not freed here: kaa_io_flush_all writes them at exit.
#include <string.h>

#include "modules/osio.h"
#include "vm/vm.h"

KaaValue io_names[IO_NAME_COUNT];
KaaType *io_unsupported_type;

static const char *const io_name_text[IO_NAME_COUNT] = {
    "read", "readinto", "write", "readline", "flush", "close", "closed", "seek", "tell",
    "truncate", "readable", "writable", "seekable", "fileno", "isatty", "peek", "read1",
    "readall", "name", "mode", "raw", "getvalue", "decode", "encode", "reset", "getstate",
    "setstate", "newlines", "detach", "buffer",
};

// ---- helpers shared by the _io files ------------------------------------------------------------

KAA_NORETURN void io_unsupported(const char *msg) {
    kaa_raise_msg(io_unsupported_type, "%s", msg);
}

KAA_NORETURN void io_closed_error(const char *msg) { kaa_raise_value_error("%s", msg); }

static IOBase *iob(KaaValue v) { return (IOBase *)kaa_obj(v); }

// `closed` of any stream: a field for the exact C classes, the attribute otherwise.
bool io_is_closed(KaaValue stream) {
    KaaType *t = kaa_type_of(stream);
    if (t == &io_fileio_type) {
        return ((IOFile *)kaa_obj(stream))->fd < 0;
    }
    if (t == &io_bytesio_type || t == &io_stringio_type) {
        return iob(stream)->iobase_closed;
    }
    if (t == &io_bufferedreader_type || t == &io_bufferedwriter_type ||
        t == &io_bufferedrandom_type) {
        IOBuffered *b = (IOBuffered *)kaa_obj(stream);
        if (b->ok && !b->detached && b->fraw != NULL) {
            return b->fraw->fd < 0;
        }
    }
    return kaa_truthy(kaa_getattr(stream, IO_NAME(closed)));
}

// CPython's _Py_convert_optional_to_ssize_t: None or anything with __index__.
int64_t io_size_arg(KaaValue v, int64_t dflt) {
    if (osio_none(v)) {
        return dflt;
    }
    if (!kaa_is_int_like(v) && kaa_lookup_special(v, KAA_ID(__index__)) == KAA_NULL) {
        kaa_raise_type_error("argument should be integer or None, not '%s'", kaa_type_name_of(v));
    }
    return (int64_t)osio_ssize(v);
}

// readinto() targets: bytes are refused by name (read-only), a bytearray is written in place,
// anything else with the buffer protocol through io_write_back.
uint8_t *io_writable_buffer(KaaValue b, size_t *len, const char *fname) {
    if (kaa_is_obj(b) && kaa_type_has(kaa_type_of(b), KAA_TPFLAG_BYTES_SUBCLASS)) {
        kaa_raise_type_error("%s() argument must be read-write bytes-like object, not %s",
                             fname, kaa_argtype_name(b));
    }
    if (kaa_is_type(b, &kaa_bytearray_type)) {
        KaaByteArray *ba = (KaaByteArray *)kaa_obj(b);
        *len = ba->len;
        return ba->data;
    }
    const uint8_t *data;
    if (!kaa_buffer_get(b, &data, len)) {
        kaa_raise_type_error("%s() argument must be read-write bytes-like object, not %s",
                             fname, kaa_argtype_name(b));
    }
    return NULL;
}

// b[0:n] = data, for memoryviews and other writable buffers without a C pointer here.
void io_write_back(KaaValue b, const uint8_t *data, size_t n) {
    KaaValue slice = kaa_slice_new(kaa_from_small(0), kaa_from_small((int64_t)n), kaa_None);
    kaa_setitem(b, slice, kaa_bytes_new(data, n));
}

// ---- the writers flushed at exit ----------------------------------------------------------------
// A doubly-linked list threaded through the buffered writers themselves, with the pointers
// hidden from the collector so the list keeps nothing alive. A writer leaves the list when it
// is closed or detached, or from its finalizer, before its memory can be reused.

static uintptr_t writers_head;

static uintptr_t hide(IOBuffered *b) { return b ? ~(uintptr_t)b : 0; }
static IOBuffered *reveal(uintptr_t h) { return h ? (IOBuffered *)~h : NULL; }

void io_writer_list_add(IOBuffered *b) {
    if (b->listed) {
        return;
    }
    b->listed = true;
    b->prev_hidden = 0;
    b->next_hidden = writers_head;
    if (writers_head) {
        reveal(writers_head)->prev_hidden = hide(b);
    }
    writers_head = hide(b);
}

void io_writer_list_remove(IOBuffered *b) {
    if (!b->listed) {
        return;
    }
    b->listed = false;
    IOBuffered *prev = reveal(b->prev_hidden), *next = reveal(b->next_hidden);
    if (prev) {
        prev->next_hidden = b->next_hidden;
    } else {
        writers_head = b->next_hidden;
    }
    if (next) {
        next->prev_hidden = b->prev_hidden;
    }
    b->prev_hidden = b->next_hidden = 0;
}

static void flush_one_protected(IOBuffered *b) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        io_buffered_flush_c(b);
        kaa_handler_pop(&h);
    }
}

void kaa_io_flush_all(void) {
    io_text_flush_all();
    for (IOBuffered *b = reveal(writers_head); b != NULL; b = reveal(b->next_hidden)) {
        flush_one_protected(b);
    }
}

// ---- _IOBase ------------------------------------------------------------------------------------

static void check_closed(KaaValue self) {
    if (io_is_closed(self)) {
        io_closed_error("I/O operation on closed file.");
    }
}

static KaaValue call0(KaaValue obj, int name) {
    return kaa_call_method(obj, io_names[name], NULL, 0);
}

static KaaValue iobase_seek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    io_unsupported("seek");
}

// tell() is seek(0, 1), so a subclass that only defines seek() also tells.
static KaaValue iobase_tell(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("tell", nargs, 0, 0);
    KaaValue a[2] = {kaa_from_small(0), kaa_from_small(1)};
    return kaa_call_method(self, IO_NAME(seek), a, 2);
}

static KaaValue iobase_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    io_unsupported("truncate");
}

// flush() does nothing but refuse a closed stream.
static KaaValue iobase_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    check_closed(self);
    return kaa_None;
}

KaaValue io_iobase_close(KaaValue self) {
    if (iob(self)->iobase_closed) {
        return kaa_None;
    }
    // Closed even when flush() fails; the failure still propagates.
    volatile KaaValue exc = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        call0(self, IO_flush);
        kaa_handler_pop(&h);
    } else {
        exc = h.exc;
    }
    iob(self)->iobase_closed = true;
    if (exc != KAA_NULL) {
        kaa_reraise(exc);
    }
    return kaa_None;
}

static KaaValue iobase_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("close", nargs, 0, 0);
    return io_iobase_close(self);
}

static KaaValue iobase_false(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_False;
}

static KaaValue iobase_check_closed_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    check_closed(self);
    return kaa_None;
}

// _checkSeekable / _checkReadable / _checkWritable: the method must return True.
static KaaValue check_ability(KaaValue self, int name, const char *msg) {
    KaaValue r = call0(self, name);
    if (r != kaa_True) {
        io_unsupported(msg);
    }
    return r;
}

static KaaValue iobase_check_seekable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return check_ability(self, IO_seekable, "File or stream is not seekable.");
}

static KaaValue iobase_check_readable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return check_ability(self, IO_readable, "File or stream is not readable.");
}

static KaaValue iobase_check_writable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return check_ability(self, IO_writable, "File or stream is not writable.");
}

static KaaValue iobase_fileno(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    io_unsupported("fileno");
}

static KaaValue iobase_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    check_closed(self);
    return kaa_False;
}

static KaaValue iobase_enter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    check_closed(self);
    return self;
}

static KaaValue iobase_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return call0(self, IO_close);
}

// for line in stream: the stream is its own iterator; __next__ calls readline().
static KaaValue iobase_iter(KaaValue self) {
    check_closed(self);
    return self;
}

static KaaValue iobase_next(KaaValue self) {
    KaaValue line = call0(self, IO_readline);
    return kaa_len(line) == 0 ? KAA_NULL : line;
}

// How many bytes readline() may ask read() for: up to and including the first newline that
// peek() shows, else one byte at a time.
static int64_t readahead_amount(KaaValue peek, int64_t limit, int64_t have) {
    if (peek == KAA_NULL) {
        return 1;
    }
    KaaValue ahead = kaa_call1(peek, kaa_from_small(1));
    if (!kaa_is_bytes(ahead)) {
        kaa_raise_msg(kaa_OSError, "peek() should have returned a bytes object, not '%s'",
                      kaa_type_name_of(ahead));
    }
    KaaBytes *b = kaa_bytes(ahead);
    size_t n = b->len;
    if (limit >= 0 && (int64_t)n > limit - have) {
        n = (size_t)(limit - have);
    }
    const uint8_t *nl = memchr(b->data, '\n', n);
    return nl ? (int64_t)(nl - b->data) + 1 : (int64_t)(n ? n : 1);
}

// _IOBase.readline: read() calls of the size peek() suggests, until a newline or the limit.
KaaValue io_iobase_readline(KaaValue self, int64_t limit) {
    KaaValue peek = kaa_getattr_opt(self, IO_NAME(peek));
    KaaValue acc = kaa_bytearray_new(NULL, 0);
    KaaByteArray *ba = (KaaByteArray *)kaa_obj(acc);
    while (limit < 0 || (int64_t)ba->len < limit) {
        int64_t want = readahead_amount(peek, limit, (int64_t)ba->len);
        KaaValue arg = kaa_from_small(want);
        KaaValue chunk = kaa_call_method(self, IO_NAME(read), &arg, 1);
        if (!kaa_is_bytes(chunk)) {
            kaa_raise_msg(kaa_OSError, "read() should have returned a bytes object, not '%s'",
                          kaa_type_name_of(chunk));
        }
        KaaBytes *c = kaa_bytes(chunk);
        if (c->len == 0) {
            break;
        }
        kaa_call_method(acc, KAA_ID(extend), &chunk, 1);
        ba = (KaaByteArray *)kaa_obj(acc);
        if (ba->data[ba->len - 1] == '\n') {
            break;
        }
    }
    return kaa_bytes_new(ba->data, ba->len);
}

static KaaValue iobase_readline(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readline", kw);
    kaa_args_count("readline", nargs, 0, 1);
    return io_iobase_readline(self, io_size_arg(nargs ? args[0] : KAA_NULL, -1));
}

// readlines(hint): iterates the stream, stopping once hint characters or bytes were read.
KaaValue io_iobase_readlines(KaaValue self, KaaValue hint_v) {
    int64_t hint = io_size_arg(hint_v, 0);
    KaaList *lines = kaa_list_new(0);
    KaaValue it = kaa_iter(self);
    int64_t total = 0;
    KaaValue line;
    while ((line = kaa_next(it)) != KAA_NULL) {
        kaa_list_append(lines, line);
        total += kaa_len(line);
        if (hint > 0 && total >= hint) {
            break;
        }
    }
    return kaa_from_obj(lines);
}

static KaaValue iobase_readlines(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readlines", kw);
    kaa_args_count("readlines", nargs, 0, 1);
    return io_iobase_readlines(self, nargs ? args[0] : KAA_NULL);
}

// writelines(lines): one write() per item, no separators added.
static KaaValue iobase_writelines(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("writelines", kw);
    kaa_args_count("writelines", nargs, 1, 1);
    check_closed(self);
    KaaValue it = kaa_iter(args[0]);
    KaaValue line;
    while ((line = kaa_next(it)) != KAA_NULL) {
        kaa_call_method(self, IO_NAME(write), &line, 1);
    }
    return kaa_None;
}

static KaaValue iobase_closed_get(KaaValue self) { return kaa_bool(iob(self)->iobase_closed); }

static KaaValue iobase_dict_get(KaaValue self) {
    return kaa_from_obj(kaa_instance_dict(self));
}

static KaaValue iobase_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_instance_alloc(type, 0);
}

static const KaaMethodDef iobase_methods[] = {
    {"seek", iobase_seek, 0, NULL},
    {"tell", iobase_tell, 0, NULL},
    {"truncate", iobase_truncate, 0, NULL},
    {"flush", iobase_flush, 0, NULL},
    {"close", iobase_close, 0, NULL},
    {"seekable", iobase_false, 0, NULL},
    {"readable", iobase_false, 0, NULL},
    {"writable", iobase_false, 0, NULL},
    {"_checkClosed", iobase_check_closed_m, 0, NULL},
    {"_checkSeekable", iobase_check_seekable, 0, NULL},
    {"_checkReadable", iobase_check_readable, 0, NULL},
    {"_checkWritable", iobase_check_writable, 0, NULL},
    {"fileno", iobase_fileno, 0, NULL},
    {"isatty", iobase_isatty, 0, NULL},
    {"__enter__", iobase_enter, 0, NULL},
    {"__exit__", iobase_exit, 0, NULL},
    {"readline", iobase_readline, 0, NULL},
    {"readlines", iobase_readlines, 0, NULL},
    {"writelines", iobase_writelines, 0, NULL},
    {NULL},
};

static const KaaGetSetDef iobase_getsets[] = {
    {"closed", iobase_closed_get, NULL, NULL},
    {"__dict__", iobase_dict_get, NULL, NULL},
    {NULL},
};

KaaType io_iobase_type = {
    .ob = {&kaa_type_type},
    .name = "_io._IOBase",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(IOBase),
    .dict_offset = offsetof(IOBase, dict),
    .weaklist_offset = 1,  // weakly referenceable (a flag for _weakref, not an offset)
    .iter = iobase_iter,
    .next = iobase_next,
    .new_ = iobase_new,
    .methods = iobase_methods,
    .getsets = iobase_getsets,
};

// ---- _RawIOBase ---------------------------------------------------------------------------------

static KaaValue rawiobase_readall(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("readall", nargs, 0, 0);
    KaaList *chunks = kaa_list_new(0);
    for (;;) {
        KaaValue chunk = kaa_call_method(self, IO_NAME(read),
                                         (KaaValue[]){kaa_from_small(IO_DEFAULT_BUFFER_SIZE)}, 1);
        if (chunk == kaa_None) {
            if (chunks->len == 0) {
                return kaa_None;
            }
            break;
        }
        if (!kaa_is_bytes(chunk)) {
            kaa_raise_type_error("read() should return bytes");
        }
        if (kaa_bytes(chunk)->len == 0) {
            break;
        }
        kaa_list_append(chunks, chunk);
    }
    return kaa_call_method(kaa_bytes_new("", 0), kaa_str_intern_cstr("join"),
                           (KaaValue[]){kaa_from_obj(chunks)}, 1);
}

// _RawIOBase.read(size): readinto() a bytearray of that size.
static KaaValue rawiobase_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read", kw);
    kaa_args_count("read", nargs, 0, 1);
    int64_t n = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    if (n < 0) {
        return kaa_call_method(self, IO_NAME(readall), NULL, 0);
    }
    KaaValue b = kaa_bytearray_new(NULL, (size_t)n);
    KaaValue r = kaa_call_method(self, IO_NAME(readinto), &b, 1);
    if (r == kaa_None) {
        return kaa_None;
    }
    // Measured against the array after the call: readinto may have resized it.
    int64_t got = kaa_int_as_i64(kaa_index(r)), size = (int64_t)((KaaByteArray *)kaa_obj(b))->len;
    if (got < 0 || got > size) {
        kaa_raise_value_error("readinto returned %lld outside buffer size %lld", (long long)got,
                              (long long)size);
    }
    return kaa_bytes_new(((KaaByteArray *)kaa_obj(b))->data, (size_t)got);
}

static KaaValue raw_not_implemented(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_raise(kaa_exc_new(kaa_NotImplementedError, NULL, 0));
}

static const KaaMethodDef rawiobase_methods[] = {
    {"read", rawiobase_read, 0, NULL},
    {"readall", rawiobase_readall, 0, NULL},
    {"readinto", raw_not_implemented, 0, NULL},
    {"write", raw_not_implemented, 0, NULL},
    {NULL},
};

KaaType io_rawiobase_type = {
    .ob = {&kaa_type_type},
    .name = "_io._RawIOBase",
    .base = &io_iobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .methods = rawiobase_methods,
};

// ---- _BufferedIOBase ----------------------------------------------------------------------------

#define UNSUPPORTED_METHOD(cname, pyname)                                                   \
    static KaaValue cname(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        io_unsupported(pyname);                                                         \
    }
UNSUPPORTED_METHOD(bufbase_detach, "detach")
UNSUPPORTED_METHOD(bufbase_read, "read")
UNSUPPORTED_METHOD(bufbase_read1, "read1")
UNSUPPORTED_METHOD(bufbase_write, "write")
UNSUPPORTED_METHOD(textbase_readline, "readline")

// readinto via read() (or read1()): b[:n] = data.
static KaaValue readinto_via(KaaValue self, KaaValue b, int name, const char *fname) {
    size_t len;
    uint8_t *p = io_writable_buffer(b, &len, fname);
    KaaValue data = kaa_call_method(self, io_names[name],
                                    (KaaValue[]){kaa_from_small((int64_t)len)}, 1);
    if (!kaa_is_bytes(data)) {
        kaa_raise_type_error("read() should return bytes");
    }
    KaaBytes *d = kaa_bytes(data);
    if (d->len > len) {
        kaa_raise_value_error("read() returned too much data: %zu bytes requested, %zu returned",
                              len, d->len);
    }
    if (p != NULL) {
        memcpy(p, d->data, d->len);
    } else {
        io_write_back(b, d->data, d->len);
    }
    return kaa_from_small((int64_t)d->len);
}

static KaaValue bufbase_readinto(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("readinto", nargs, 1, 1);
    return readinto_via(self, args[0], IO_read, "readinto");
}

static KaaValue bufbase_readinto1(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("readinto1", nargs, 1, 1);
    return readinto_via(self, args[0], IO_read1, "readinto1");
}

static const KaaMethodDef bufferediobase_methods[] = {
    {"detach", bufbase_detach, 0, NULL},
    {"read", bufbase_read, 0, NULL},
    {"read1", bufbase_read1, 0, NULL},
    {"readinto", bufbase_readinto, 0, NULL},
    {"readinto1", bufbase_readinto1, 0, NULL},
    {"write", bufbase_write, 0, NULL},
    {NULL},
};

KaaType io_bufferediobase_type = {
    .ob = {&kaa_type_type},
    .name = "_io._BufferedIOBase",
    .base = &io_iobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .methods = bufferediobase_methods,
};

// ---- _TextIOBase --------------------------------------------------------------------------------

static KaaValue textbase_none(KaaValue self) { return kaa_None; }

static const KaaMethodDef textiobase_methods[] = {
    {"detach", bufbase_detach, 0, NULL},
    {"read", bufbase_read, 0, NULL},
    {"readline", textbase_readline, 0, NULL},
    {"write", bufbase_write, 0, NULL},
    {NULL},
};

static const KaaGetSetDef textiobase_getsets[] = {
    {"encoding", textbase_none, NULL,
     "Encoding of the text stream.\n\nSubclasses should override."},
    {"newlines", textbase_none, NULL, NULL},
    {"errors", textbase_none, NULL,
     "The error setting of the decoder or encoder.\n\nSubclasses should override."},
    {NULL},
};

KaaType io_textiobase_type = {
    .ob = {&kaa_type_type},
    .name = "_io._TextIOBase",
    .base = &io_iobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .methods = textiobase_methods,
    .getsets = textiobase_getsets,
};

// ---- open() -------------------------------------------------------------------------------------

typedef struct {
    bool creating, reading, writing, appending, updating, text, binary;
} OpenMode;

// open()'s mode string: each of 'rwxa+tb' at most once, in any order.
static OpenMode parse_open_mode(KaaValue mode) {
    OpenMode m = {0};
    KaaStr *s = kaa_str(mode);
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        bool *flag = c == 'x' ? &m.creating : c == 'r' ? &m.reading : c == 'w' ? &m.writing
                   : c == 'a' ? &m.appending : c == '+' ? &m.updating : c == 't' ? &m.text
                   : c == 'b' ? &m.binary : NULL;
        if (flag == NULL || *flag) {
            kaa_raise_value_error("invalid mode: %R", mode);
        }
        *flag = true;
    }
    if (m.text && m.binary) {
        kaa_raise_value_error("can't have text and binary mode at once");
    }
    if (m.creating + m.reading + m.writing + m.appending > 1) {
        kaa_raise_value_error("must have exactly one of create/read/write/append mode");
    }
    if (m.creating + m.reading + m.writing + m.appending == 0) {
        // CPython lets FileIO refuse this one, with FileIO's message.
        kaa_raise_value_error("Must have exactly one of create/read/write/append mode and at "
                              "most one plus");
    }
    return m;
}

// The FileIO mode for an open() mode: the access letter and '+'.
static KaaValue raw_mode(const OpenMode *m) {
    char buf[4];
    size_t n = 0;
    buf[n++] = m->creating ? 'x' : m->reading ? 'r' : m->writing ? 'w' : 'a';
    if (m->updating) {
        buf[n++] = '+';
    }
    return kaa_str_from_ascii(buf, n);
}

static void check_str_or_none(KaaValue v, const char *fname, const char *arg) {
    if (!osio_none(v) && !kaa_is_str(v)) {
        kaa_raise_type_error("%s() argument '%s' must be str or None, not %s", fname, arg,
                             kaa_argtype_name(v));
    }
}

typedef struct {
    KaaValue file, mode, encoding, errors, newline, opener;
    int64_t buffering;
    bool closefd;
} OpenArgs;

// The buffered (and text) layers over an opened FileIO.
static KaaValue open_layers(KaaValue raw, const OpenArgs *a, const OpenMode *m) {
    IOFile *f = (IOFile *)kaa_obj(raw);
    int64_t buffering = a->buffering;
    bool line_buffering = buffering == 1 || (buffering < 0 && io_fileio_isatty(f));
    if (buffering == 1 || buffering < 0) {
        buffering = f->blksize > 1 ? f->blksize : IO_DEFAULT_BUFFER_SIZE;
    }
    if (buffering == 0) {
        if (m->binary) {
            return raw;
        }
        kaa_raise_value_error("can't have unbuffered text I/O");
    }
    KaaType *cls = m->updating ? &io_bufferedrandom_type
                   : m->reading ? &io_bufferedreader_type : &io_bufferedwriter_type;
    KaaValue buffer = io_buffered_new(cls, raw, buffering);
    if (m->binary) {
        return buffer;
    }
    KaaValue text = io_textiowrapper_new(buffer, a->encoding, a->errors, a->newline,
                                         line_buffering, false);
    kaa_setattr(text, IO_NAME(mode), a->mode);
    return text;
}

// open(): FileIO, then BufferedReader/Writer/Random, then TextIOWrapper, checked in CPython's
// order (argument errors before the file is opened, encoding and newline errors after).
static KaaValue do_open(const OpenArgs *a) {
    KaaValue file = a->file;
    if (!kaa_is_int_like(file)) {
        file = osio_fspath(file);
    }
    OpenMode m = parse_open_mode(a->mode);
    if (m.binary && !osio_none(a->encoding)) {
        kaa_raise_value_error("binary mode doesn't take an encoding argument");
    }
    if (m.binary && !osio_none(a->errors)) {
        kaa_raise_value_error("binary mode doesn't take an errors argument");
    }
    if (m.binary && !osio_none(a->newline)) {
        kaa_raise_value_error("binary mode doesn't take a newline argument");
    }
    KaaValue raw = io_fileio_open(&io_fileio_type, file, raw_mode(&m), a->closefd, a->opener);
    // The file is closed again when a layer above it cannot be made.
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue r = open_layers(raw, a, &m);
        kaa_handler_pop(&h);
        return r;
    }
    KaaValue exc = h.exc;
    KaaHandler h2;
    kaa_handler_push(&h2);
    if (setjmp(h2.buf) == 0) {
        call0(raw, IO_close);
        kaa_handler_pop(&h2);
    }
    kaa_reraise(exc);
}

KaaValue kaa_io_open(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_io_init();  // builtins.open may come before any `import io`
    static const char *const params[] = {"file", "mode", "buffering", "encoding", "errors",
                                         "newline", "closefd", "opener", NULL};
    KaaValue v[8];
    osio_bind("open", args, nargs, kwnames, params, 0, 1, v);
    OpenArgs a = {v[0], v[1] ? v[1] : kaa_str_from_cstr("r"), v[3], v[4], v[5], v[7], -1, true};
    if (!kaa_is_str(a.mode)) {
        kaa_raise_type_error("open() argument 'mode' must be str, not %s",
                             kaa_argtype_name(a.mode));
    }
    if (v[2] != KAA_NULL) {
        a.buffering = osio_int(v[2]);
    }
    check_str_or_none(a.encoding, "open", "encoding");
    check_str_or_none(a.errors, "open", "errors");
    check_str_or_none(a.newline, "open", "newline");
    a.closefd = v[6] == KAA_NULL || osio_int(v[6]) != 0;
    return do_open(&a);
}

static KaaValue io_open_code(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue v[1];
    osio_bind("open_code", args, nargs, kwnames, params, 0, 1, v);
    if (!kaa_is_str(v[0])) {
        kaa_raise_type_error("open_code() argument 'path' must be str, not %s",
                             kaa_argtype_name(v[0]));
    }
    OpenArgs a = {v[0], kaa_str_from_cstr("rb"), KAA_NULL, KAA_NULL, KAA_NULL, KAA_NULL, -1, true};
    return do_open(&a);
}

// text_encoding(encoding, stacklevel=2): 'locale' for None (kaa does not run in UTF-8 mode,
// so EncodingWarning is never due).
static KaaValue io_text_encoding(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("text_encoding", kw);
    kaa_args_count("text_encoding", nargs, 1, 2);
    if (args[0] != kaa_None) {
        return args[0];
    }
    return kaa_str_from_cstr("locale");
}

static const KaaMethodDef io_open_def = {"open", kaa_io_open, 0, NULL};

static const KaaMethodDef io_methods[] = {
    {"open_code", io_open_code, 0, NULL},
    {"text_encoding", io_text_encoding, 0, NULL},
    {NULL},
};

// ---- standard streams ---------------------------------------------------------------------------
// What CPython's create_stdio builds on POSIX: FileIO(fd, closefd=False) named '<stdin>' etc.,
// a BufferedReader/Writer (none for writing with -u), then a TextIOWrapper in UTF-8 with
// newline '\n', line buffering on a terminal (always for stderr), write-through with -u.
// sys.c does not use it yet (it has its own fast C streams); see modules.h.

KaaValue kaa_io_std_stream(int fd, bool write, bool unbuffered) {
    kaa_io_init();
    static const char *const names[] = {"<stdin>", "<stdout>", "<stderr>"};
    KaaValue raw = io_fileio_open(&io_fileio_type, kaa_from_small(fd),
                                  kaa_str_from_cstr(write ? "wb" : "rb"), false, KAA_NULL);
    KaaValue name = kaa_str_from_cstr(fd >= 0 && fd <= 2 ? names[fd] : "<stdio>");
    kaa_setattr(raw, IO_NAME(name), name);
    KaaType *cls = write ? &io_bufferedwriter_type : &io_bufferedreader_type;
    KaaValue buffer = write && unbuffered ? raw
                                          : io_buffered_new(cls, raw, IO_DEFAULT_BUFFER_SIZE);
    bool line_buffering = !unbuffered && (io_fileio_isatty((IOFile *)kaa_obj(raw)) || fd == 2);
    KaaValue errors = kaa_str_from_cstr(fd == 2 ? "backslashreplace" : "strict");
    KaaValue text = io_textiowrapper_new(buffer, kaa_str_from_cstr("utf-8"), errors,
                                         kaa_str_from_cstr("\n"), line_buffering,
                                         write && unbuffered);
    kaa_setattr(text, IO_NAME(mode), kaa_str_from_cstr(write ? "w" : "r"));
    return text;
}

// ---- the module ---------------------------------------------------------------------------------

static void make_unsupported(KaaValue m) {
    KaaDict *ns = kaa_dict_new();
    kaa_dict_set(ns, KAA_ID(__module__), kaa_str_from_cstr("io"));
    KaaTuple *bases = kaa_tuple_pack(2, kaa_from_obj(kaa_OSError), kaa_from_obj(kaa_ValueError));
    KaaValue t = kaa_type_new(&kaa_type_type, kaa_str_from_cstr("UnsupportedOperation"), bases, ns,
                              NULL, NULL);
    io_unsupported_type = (KaaType *)kaa_obj(t);
    kaa_module_add(m, "UnsupportedOperation", t);
}

KaaValue kaa_io_init(void) {
    static KaaValue module;
    if (module != KAA_NULL) {
        return module;
    }
    for (int i = 0; i < IO_NAME_COUNT; i++) {
        io_names[i] = kaa_str_intern_cstr(io_name_text[i]);
    }
    KaaValue m = kaa_module_new_cstr("_io");
    module = m;
    kaa_module_add_methods(m, io_methods);
    // One object for io.open, _io.open and builtins.open, as in CPython (its __module__ 'io').
    KaaValue open_fn = kaa_cfunction_new(&io_open_def, m, kaa_str_from_cstr("io"));
    kaa_module_add(m, "open", open_fn);
    KaaValue old = kaa_dict_get_cstr(kaa_builtins_dict, "open");
    if (old != KAA_NULL && kaa_is_type(old, &kaa_cfunction_type) &&
        ((KaaCFunction *)kaa_obj(old))->self == kaa_builtins_module) {
        kaa_dict_set_cstr(kaa_builtins_dict, "open", open_fn);  // not if a program replaced it
    }
    kaa_module_add(m, "DEFAULT_BUFFER_SIZE", kaa_from_small(IO_DEFAULT_BUFFER_SIZE));
    kaa_module_add(m, "BlockingIOError", kaa_from_obj(kaa_BlockingIOError));
    make_unsupported(m);
    KaaType *bases[] = {&io_iobase_type, &io_rawiobase_type, &io_bufferediobase_type,
                        &io_textiobase_type};
    const char *names[] = {"_IOBase", "_RawIOBase", "_BufferedIOBase", "_TextIOBase"};
    for (int i = 0; i < 4; i++) {
        kaa_type_ready(bases[i]);
        kaa_module_add(m, names[i], kaa_from_obj(bases[i]));
    }
    io_file_ready(m);
    io_buffered_ready(m);
    io_text_ready(m);
    io_memory_ready(m);
    return m;
}
