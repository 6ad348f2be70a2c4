// modules/io_buffered.c — BufferedReader, BufferedWriter, BufferedRandom and BufferedRWPair.
//
// Stage: modules. One structure (IOBuffered) serves the three single-stream classes: a buffer
// that holds either read-ahead or pending writes, never both, over a raw stream. When the raw
// stream is exactly a FileIO the system calls are made here directly; any other raw object is
// driven through its readinto()/write()/seek()/tell() methods, as CPython does. The raw
// stream's position is cached (abs_pos) so tell() and small seeks cost no system call.
// Must not: decode text (io_text.c), or close a descriptor itself (FileIO owns it).
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "modules/osio.h"

static IOBuffered *bf(KaaValue v) { return (IOBuffered *)kaa_obj(v); }

bool io_is_buffered_exact(KaaValue v) {
    KaaType *t = kaa_type_of(v);
    return t == &io_bufferedreader_type || t == &io_bufferedwriter_type ||
           t == &io_bufferedrandom_type;
}

// CPython's CHECK_INITIALIZED: a detached buffer and one whose __init__ never ran differ
// only in the message.
static void check_init(IOBuffered *b) {
    if (!b->ok) {
        io_closed_error(b->detached ? "raw stream has been detached"
                                    : "I/O operation on uninitialized object");
    }
}

// `closed` of the raw stream: a field read for FileIO, the attribute for anything else.
static bool raw_closed(IOBuffered *b) {
    if (b->fraw != NULL) {
        return b->fraw->fd < 0;
    }
    return kaa_truthy(kaa_getattr(b->raw, IO_NAME(closed)));
}

// Each method names itself in the message ("read of closed file", "seek of closed file").
static void check_closed(IOBuffered *b, const char *msg) {
    check_init(b);
    if (raw_closed(b)) {
        io_closed_error(msg);
    }
}

// ---- the raw stream -----------------------------------------------------------------------------

static bool raw_fast(IOBuffered *b) { return b->fraw != NULL && b->fraw->fd >= 0; }

// A Python raw stream's readinto()/write() result, validated as CPython does.
static int64_t checked_length(KaaValue r, size_t max, const char *what) {
    int64_t n = kaa_int_as_i64(kaa_index(r));
    if (n < 0 || (uint64_t)n > max) {
        kaa_raise_msg(kaa_OSError, "raw %s() returned invalid length %lld (should have been "
                      "between 0 and %zu)", what, (long long)n, max);
    }
    return n;
}

// Reads up to n bytes; 0 at the end of the file, -1 when a non-blocking stream has nothing.
static ssize_t raw_read(IOBuffered *b, uint8_t *dst, size_t n) {
    ssize_t got;
    if (raw_fast(b)) {
        do {
            got = read(b->fraw->fd, dst, n);
        } while (got < 0 && errno == EINTR);
        if (got < 0) {
            if (errno == EAGAIN) {
                return -1;
            }
            osio_raise_errno(errno, KAA_NULL, KAA_NULL);
        }
    } else {
        // A fixed-size view, as CPython passes: readinto cannot resize it.
        KaaValue ba = kaa_bytearray_new(NULL, n);
        KaaValue view = kaa_call1(kaa_from_obj(&kaa_memoryview_type), ba);
        KaaValue r = kaa_call_method(b->raw, IO_NAME(readinto), &view, 1);
        if (r == kaa_None) {
            return -1;
        }
        got = (ssize_t)checked_length(r, n, "readinto");
        memcpy(dst, ((KaaByteArray *)kaa_obj(ba))->data, (size_t)got);
    }
    if (b->abs_pos >= 0) {
        b->abs_pos += got;
    }
    return got;
}

// A non-blocking raw stream took only part of a write: BlockingIOError carries the count.
static KAA_NORETURN void raise_blocking(size_t written) {
    KaaValue args[3] = {kaa_from_small(EAGAIN),
                        kaa_str_from_cstr("write could not complete without blocking"),
                        kaa_from_small((int64_t)written)};
    kaa_raise(kaa_exc_new(kaa_BlockingIOError, args, 3));
}

// Writes all n bytes (a raw write may take only part of them).
static void raw_write_all(IOBuffered *b, const uint8_t *src, size_t n) {
    size_t done = 0;
    while (done < n) {
        ssize_t w;
        if (raw_fast(b)) {
            w = write(b->fraw->fd, src + done, n - done);
            if (w < 0) {
                if (errno == EINTR) {
                    continue;
                }
                if (errno == EAGAIN) {
                    raise_blocking(done);
                }
                osio_raise_errno(errno, KAA_NULL, KAA_NULL);
            }
        } else {
            KaaValue data = kaa_bytes_new(src + done, n - done);
            KaaValue r = kaa_call_method(b->raw, IO_NAME(write), &data, 1);
            if (r == kaa_None) {
                raise_blocking(done);
            }
            w = (ssize_t)checked_length(r, n - done, "write");
        }
        done += (size_t)w;
    }
    if (b->abs_pos >= 0) {
        b->abs_pos = b->fraw != NULL && b->fraw->appending ? -1 : b->abs_pos + (int64_t)n;
    }
}

// seek()/tell() of a Python raw stream must give a non-negative int.
static int64_t checked_position(KaaValue r) {
    int64_t n = kaa_int_as_i64(kaa_index(r));
    if (n < 0) {
        kaa_raise_msg(kaa_OSError, "Raw stream returned invalid position %lld", (long long)n);
    }
    return n;
}

// Moves the raw stream; the result becomes the cached position.
static int64_t raw_seek(IOBuffered *b, int64_t pos, int whence) {
    int64_t r;
    if (raw_fast(b)) {
        r = lseek(b->fraw->fd, (off_t)pos, whence);
        if (r < 0) {
            osio_raise_errno(errno, KAA_NULL, KAA_NULL);
        }
    } else {
        KaaValue args[2] = {kaa_int_from_i64(pos), kaa_from_small(whence)};
        r = checked_position(kaa_call_method(b->raw, IO_NAME(seek), args, 2));
    }
    b->abs_pos = r;
    return r;
}

// The raw position, asked for only when it is not cached (after a readall, an append).
static int64_t raw_tell(IOBuffered *b) {
    if (b->abs_pos >= 0) {
        return b->abs_pos;
    }
    int64_t r;
    if (raw_fast(b)) {
        r = lseek(b->fraw->fd, 0, SEEK_CUR);
        if (r < 0) {
            osio_raise_errno(errno, KAA_NULL, KAA_NULL);
        }
    } else {
        r = checked_position(kaa_call_method(b->raw, IO_NAME(tell), NULL, 0));
    }
    b->abs_pos = r;
    return r;
}

// ---- the buffer ---------------------------------------------------------------------------------

void io_buffered_flush_c(IOBuffered *b) {
    if (b->wlen == 0) {
        return;
    }
    size_t n = b->wlen;
    b->wlen = 0;
    raw_write_all(b, b->buf, n);
}

// Forgets the read-ahead, moving the raw stream back to the logical position.
static void drop_readahead(IOBuffered *b) {
    size_t unread = b->rlen - b->rpos;
    b->rpos = b->rlen = 0;
    if (unread > 0) {
        raw_seek(b, -(int64_t)unread, SEEK_CUR);
    }
}

// Reading after writing (BufferedRandom): the pending bytes must reach the file first.
static void prepare_read(IOBuffered *b) {
    if (b->wlen > 0) {
        io_buffered_flush_c(b);
    }
}

// Refills the empty buffer with one raw read; returns what raw_read returned.
static ssize_t fill(IOBuffered *b) {
    b->rpos = b->rlen = 0;
    ssize_t n = raw_read(b, b->buf, b->size);
    if (n > 0) {
        b->rlen = (size_t)n;
    }
    return n;
}

void io_buffered_write_bytes(IOBuffered *b, const uint8_t *data, size_t n) {
    if (b->rlen > 0) {
        drop_readahead(b);
    }
    if (b->wlen + n <= b->size) {
        memcpy(b->buf + b->wlen, data, n);
        b->wlen += n;
        return;
    }
    io_buffered_flush_c(b);
    if (n >= b->size) {
        raw_write_all(b, data, n);
        return;
    }
    memcpy(b->buf, data, n);
    b->wlen = n;
}

// ---- reading ------------------------------------------------------------------------------------

static KaaValue take(IOBuffered *b, size_t n) {
    KaaValue r = kaa_bytes_new(b->buf + b->rpos, n);
    b->rpos += n;
    return r;
}

// Everything to the end of the file: the read-ahead, then raw.readall() (or read() calls).
static KaaValue read_all(IOBuffered *b) {
    KaaValue head = take(b, b->rlen - b->rpos);
    b->rpos = b->rlen = 0;
    KaaValue rest;
    if (raw_fast(b)) {
        rest = kaa_call_method(b->raw, IO_NAME(readall), NULL, 0);
    } else {
        KaaValue readall = kaa_getattr_opt(b->raw, IO_NAME(readall));
        rest = readall != KAA_NULL ? kaa_call0(readall)
                                   : kaa_call_method(b->raw, IO_NAME(read), NULL, 0);
    }
    b->abs_pos = -1;
    if (rest == kaa_None) {
        return kaa_bytes(head)->len ? head : kaa_None;
    }
    if (!kaa_is_bytes(rest)) {
        kaa_raise_type_error("readall() should return bytes");
    }
    return kaa_bytes(head)->len ? kaa_binary_op(head, rest, KAA_OP_ADD) : rest;
}

// Reads exactly n bytes unless the file ends (or would block) first.
static KaaValue read_n(IOBuffered *b, size_t n) {
    size_t avail = b->rlen - b->rpos;
    if (n <= avail) {
        return take(b, n);
    }
    uint8_t *out = kaa_alloc_atomic(n + 1);
    memcpy(out, b->buf + b->rpos, avail);
    size_t got = avail;
    b->rpos = b->rlen = 0;
    while (got < n) {
        size_t remaining = n - got;
        ssize_t r;
        if (remaining >= b->size) {
            r = raw_read(b, out + got, remaining - remaining % b->size);
        } else {
            r = fill(b);
            if (r > 0) {
                size_t k = (size_t)r < remaining ? (size_t)r : remaining;
                memcpy(out + got, b->buf, k);
                b->rpos = k;
                r = (ssize_t)k;
            }
        }
        if (r <= 0) {
            if (r < 0 && got == 0) {
                return kaa_None;
            }
            break;
        }
        got += (size_t)r;
    }
    return kaa_bytes_new(out, got);
}

// read(size=-1): the size is checked before the closed state, as CPython's argument clinic
// converts it first.
static KaaValue buffered_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read", kw);
    kaa_args_count("read", nargs, 0, 1);
    IOBuffered *b = bf(self);
    check_init(b);
    int64_t n = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    if (n < -1) {
        kaa_raise_value_error("read length must be non-negative or -1");
    }
    check_closed(b, "read of closed file");
    prepare_read(b);
    return n < 0 ? read_all(b) : read_n(b, (size_t)n);
}

// read1(size=-1): at most one raw read; buffered bytes first, and then only them.
static KaaValue buffered_read1(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read1", kw);
    kaa_args_count("read1", nargs, 0, 1);
    IOBuffered *b = bf(self);
    check_init(b);
    int64_t n = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    check_closed(b, "read of closed file");
    if (n < 0) {
        n = (int64_t)b->size;
    }
    if (n == 0) {
        return kaa_bytes_new("", 0);
    }
    size_t avail = b->rlen - b->rpos;
    if (avail > 0) {
        return take(b, (size_t)n < avail ? (size_t)n : avail);
    }
    // Nothing buffered: one raw read of n bytes, straight into the result (as CPython).
    prepare_read(b);
    b->rpos = b->rlen = 0;
    uint8_t *out = kaa_alloc_atomic((size_t)n);
    ssize_t r = raw_read(b, out, (size_t)n);
    return kaa_bytes_new(out, r > 0 ? (size_t)r : 0);
}

// peek(): whatever is buffered, after one raw read if nothing is; the size is only a hint.
static KaaValue buffered_peek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("peek", kw);
    kaa_args_count("peek", nargs, 0, 1);
    IOBuffered *b = bf(self);
    check_closed(b, "peek of closed file");
    prepare_read(b);
    if (b->rlen == b->rpos) {
        fill(b);
    }
    return kaa_bytes_new(b->buf + b->rpos, b->rlen - b->rpos);
}

// readinto / readinto1: the read-ahead first, then raw reads (just one for readinto1).
static KaaValue readinto_common(KaaValue self, KaaValue *args, size_t nargs, bool once,
                                const char *fname) {
    kaa_args_count(fname, nargs, 1, 1);
    IOBuffered *b = bf(self);
    check_closed(b, "readinto of closed file");
    size_t len;
    uint8_t *p = io_writable_buffer(args[0], &len, fname);
    uint8_t *dst = p ? p : kaa_alloc_atomic(len + 1);
    prepare_read(b);
    size_t avail = b->rlen - b->rpos, got = avail < len ? avail : len;
    memcpy(dst, b->buf + b->rpos, got);
    b->rpos += got;
    while (got < len && !(once && got > 0)) {
        size_t remaining = len - got;
        ssize_t r;
        if (remaining >= b->size) {
            r = raw_read(b, dst + got, remaining);
        } else {
            r = fill(b);
            if (r > 0) {
                size_t k = (size_t)r < remaining ? (size_t)r : remaining;
                memcpy(dst + got, b->buf, k);
                b->rpos = k;
                r = (ssize_t)k;
            }
        }
        if (r <= 0) {
            if (r < 0 && got == 0) {
                return kaa_None;
            }
            break;
        }
        got += (size_t)r;
    }
    if (p == NULL) {
        io_write_back(args[0], dst, got);
    }
    return kaa_from_small((int64_t)got);
}

static KaaValue buffered_readinto(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return readinto_common(self, args, nargs, false, "readinto");
}

static KaaValue buffered_readinto1(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return readinto_common(self, args, nargs, true, "readinto1");
}

// One line (with its b'\n'), at most limit bytes when limit >= 0.
static KaaValue read_line(IOBuffered *b, int64_t limit) {
    size_t max = limit < 0 ? SIZE_MAX : (size_t)limit;
    size_t avail = b->rlen - b->rpos, scan = avail < max ? avail : max;
    const uint8_t *nl = memchr(b->buf + b->rpos, '\n', scan);
    if (nl != NULL) {
        return take(b, (size_t)(nl - (b->buf + b->rpos)) + 1);
    }
    if (scan == max) {
        return take(b, scan);
    }
    size_t cap = avail + b->size, len = avail;
    uint8_t *out = kaa_alloc_atomic(cap);
    memcpy(out, b->buf + b->rpos, avail);
    b->rpos = b->rlen;
    for (;;) {
        if (fill(b) <= 0) {
            break;
        }
        size_t room = max - len, n = b->rlen < room ? b->rlen : room;
        nl = memchr(b->buf, '\n', n);
        size_t k = nl ? (size_t)(nl - b->buf) + 1 : n;
        if (len + k > cap) {
            cap = (len + k) * 2;
            uint8_t *grown = kaa_alloc_atomic(cap);
            memcpy(grown, out, len);
            out = grown;
        }
        memcpy(out + len, b->buf, k);
        len += k;
        b->rpos = k;
        if (nl != NULL || len == max) {
            break;
        }
    }
    return kaa_bytes_new(out, len);
}

// readline(size=-1): read_line does the work; memchr finds the newline in the buffer.
static KaaValue buffered_readline(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readline", kw);
    kaa_args_count("readline", nargs, 0, 1);
    IOBuffered *b = bf(self);
    check_init(b);
    int64_t limit = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    check_closed(b, "readline of closed file");
    prepare_read(b);
    return read_line(b, limit);
}

// Iteration: the C readline for the exact classes, the readline method for subclasses (which
// may override it).
static KaaValue buffered_next(KaaValue self) {
    IOBuffered *b = bf(self);
    KaaValue line;
    KaaType *t = kaa_type_of(self);
    if (t == &io_bufferedreader_type || t == &io_bufferedrandom_type) {
        check_closed(b, "readline of closed file");
        prepare_read(b);
        line = read_line(b, -1);
    } else {
        line = kaa_call_method(self, IO_NAME(readline), NULL, 0);
    }
    return kaa_len(line) == 0 ? KAA_NULL : line;
}

// ---- writing ------------------------------------------------------------------------------------

static KaaValue buffered_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("write", kw);
    kaa_args_count("write", nargs, 1, 1);
    IOBuffered *b = bf(self);
    check_init(b);
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(args[0], &data, &len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'",
                             kaa_type_name_of(args[0]));
    }
    if (raw_closed(b)) {
        io_closed_error("write to closed file");
    }
    io_buffered_write_bytes(b, data, len);
    return kaa_from_small((int64_t)len);
}

// flush() of writers: the pending bytes go to the raw stream, which is left at the logical
// position (BufferedRandom drops its read-ahead too).
static void flush_and_rewind(IOBuffered *b) {
    io_buffered_flush_c(b);
    if (b->readable && b->rlen > 0) {
        drop_readahead(b);
    }
}

static KaaValue buffered_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("flush", nargs, 0, 0);
    IOBuffered *b = bf(self);
    check_closed(b, "flush of closed file");
    flush_and_rewind(b);
    return kaa_None;
}

// BufferedReader.flush: nothing of its own to write; the raw stream's flush decides.
static KaaValue reader_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("flush", nargs, 0, 0);
    check_init(bf(self));
    return kaa_call_method(bf(self)->raw, IO_NAME(flush), NULL, 0);
}

// ---- positioning --------------------------------------------------------------------------------

static int64_t logical_pos(IOBuffered *b) {
    int64_t pos = raw_tell(b) - (int64_t)(b->rlen - b->rpos) + (int64_t)b->wlen;
    return pos < 0 ? 0 : pos;
}

// tell(): no system call when the raw position is cached.
static KaaValue buffered_tell(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("tell", nargs, 0, 0);
    IOBuffered *b = bf(self);
    check_init(b);
    if (b->fraw != NULL && b->fraw->fd < 0) {
        kaa_call_method(b->raw, IO_NAME(tell), NULL, 0);  // raises FileIO's closed error
    }
    return kaa_int_from_i64(logical_pos(b));
}

// seek(target, whence=0): whence 0-2 and the SEEK_DATA/SEEK_HOLE extensions, like CPython.
static KaaValue buffered_seek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("seek", kw);
    kaa_args_count("seek", nargs, 1, 2);
    IOBuffered *b = bf(self);
    check_init(b);
    int whence = nargs > 1 ? osio_int(args[1]) : SEEK_SET;
    if (whence < 0 || (whence > 2 && whence != SEEK_DATA && whence != SEEK_HOLE)) {
        kaa_raise_value_error("whence value %d unsupported", whence);
    }
    int64_t target = kaa_int_as_i64(kaa_index(args[0]));
    check_closed(b, "seek of closed file");
    // A target inside the read-ahead moves within the buffer, with no system call.
    if ((whence == SEEK_SET || whence == SEEK_CUR) && b->wlen == 0 && b->rlen > 0 &&
        b->abs_pos >= 0) {
        int64_t current = b->abs_pos - (int64_t)(b->rlen - b->rpos);
        int64_t offset = whence == SEEK_SET ? target - current : target;
        if (offset >= -(int64_t)b->rpos && offset <= (int64_t)(b->rlen - b->rpos)) {
            b->rpos = (size_t)((int64_t)b->rpos + offset);
            return kaa_int_from_i64(current + offset);
        }
    }
    io_buffered_flush_c(b);
    if (whence == SEEK_CUR) {
        target -= (int64_t)(b->rlen - b->rpos);
    }
    b->rpos = b->rlen = 0;
    return kaa_int_from_i64(raw_seek(b, target, whence));
}

// truncate(pos=None): flushes, then lets the raw stream truncate (None: at its position,
// which flush_and_rewind made the logical one).
static KaaValue buffered_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("truncate", kw);
    kaa_args_count("truncate", nargs, 0, 1);
    IOBuffered *b = bf(self);
    check_closed(b, "truncate of closed file");
    if (!b->writable) {
        io_unsupported("truncate");
    }
    flush_and_rewind(b);
    KaaValue pos = nargs ? args[0] : kaa_None;
    KaaValue r = kaa_call_method(b->raw, IO_NAME(truncate), &pos, 1);
    b->abs_pos = -1;
    return r;
}

// ---- closing ------------------------------------------------------------------------------------

static void leave_writer_list(IOBuffered *b) {
    io_writer_list_remove(b);
    if (b->fraw != NULL) {
        b->fraw->owner_hidden = 0;
    }
}

// close(): flush (through the method, which a subclass may override), then close the raw
// stream even if the flush failed; the flush error wins, as in CPython.
static KaaValue buffered_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("close", nargs, 0, 0);
    IOBuffered *b = bf(self);
    check_init(b);
    if (raw_closed(b)) {
        return kaa_None;
    }
    volatile KaaValue exc = KAA_NULL;
    if (b->writable) {
        KaaHandler h;
        kaa_handler_push(&h);
        if (setjmp(h.buf) == 0) {
            kaa_call_method(self, IO_NAME(flush), NULL, 0);
            kaa_handler_pop(&h);
        } else {
            exc = h.exc;
        }
    }
    leave_writer_list(b);
    b->wlen = 0;
    b->rpos = b->rlen = 0;
    kaa_call_method(b->raw, IO_NAME(close), NULL, 0);
    if (exc != KAA_NULL) {
        kaa_reraise(exc);
    }
    return kaa_None;
}

// detach(): flush, then hand the raw stream over; the object is unusable afterwards.
static KaaValue buffered_detach(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("detach", nargs, 0, 0);
    IOBuffered *b = bf(self);
    check_init(b);
    kaa_call_method(self, IO_NAME(flush), NULL, 0);
    leave_writer_list(b);
    KaaValue raw = b->raw;
    b->ok = false;
    b->detached = true;
    b->fraw = NULL;
    b->raw = KAA_NULL;
    return raw;
}

// The collector found a writer nobody closed: its bytes go to its FileIO (C code only; a
// Python raw stream cannot be called from a finalizer, so its data is lost, as documented).
static void buffered_finalize(void *obj, void *data) {
    IOBuffered *b = obj;
    io_writer_list_remove(b);
    if (b->fraw != NULL && b->fraw->fd >= 0 && b->wlen > 0) {
        for (size_t done = 0; done < b->wlen;) {
            ssize_t n = write(b->fraw->fd, b->buf + done, b->wlen - done);
            if (n <= 0 && errno != EINTR) {
                break;
            }
            done += n > 0 ? (size_t)n : 0;
        }
    }
    b->wlen = 0;
}

// ---- delegation to the raw stream ---------------------------------------------------------------

static KaaValue delegate(KaaValue self, int name) {
    IOBuffered *b = bf(self);
    check_init(b);
    return kaa_call_method(b->raw, io_names[name], NULL, 0);
}

static KaaValue buffered_fileno(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_fileno);
}

static KaaValue buffered_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_isatty);
}

static KaaValue buffered_readable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_readable);
}

static KaaValue buffered_writable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_writable);
}

static KaaValue buffered_seekable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_seekable);
}

static KaaValue buffered_dealloc_warn(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_None;
}

static KaaValue buffered_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_small((int64_t)(sizeof(IOBuffered) + bf(self)->size));
}

static KaaValue buffered_closed_get(KaaValue self) {
    check_init(bf(self));
    return kaa_getattr(bf(self)->raw, IO_NAME(closed));
}

static KaaValue buffered_name_get(KaaValue self) {
    check_init(bf(self));
    return kaa_getattr(bf(self)->raw, IO_NAME(name));
}

static KaaValue buffered_mode_get(KaaValue self) {
    check_init(bf(self));
    return kaa_getattr(bf(self)->raw, IO_NAME(mode));
}

static KaaValue buffered_raw_get(KaaValue self) {
    IOBuffered *b = bf(self);
    return b->raw == KAA_NULL ? kaa_None : b->raw;
}

static KaaValue buffered_finalizing(KaaValue self) { return kaa_False; }

// The name, or KAA_NULL when it cannot be read (detached stream, raw without a name).
static KaaValue name_or_null(KaaValue self) {
    volatile KaaValue name = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        name = kaa_getattr(self, IO_NAME(name));
        kaa_handler_pop(&h);
    } else if (!kaa_exc_matches(h.exc, kaa_ValueError) &&
               !kaa_exc_matches(h.exc, kaa_AttributeError)) {
        kaa_reraise(h.exc);
    }
    return name;
}

// <_io.BufferedReader name='f'>, or without the name when it cannot be had.
static KaaValue buffered_repr(KaaValue self) {
    const char *tname = kaa_type_of(self)->name;
    KaaValue name = name_or_null(self);
    if (name == KAA_NULL) {
        return kaa_str_printf("<%s>", tname);
    }
    return kaa_str_printf("<%s name=%R>", tname, name);
}

// ---- construction -------------------------------------------------------------------------------

static void require(KaaValue raw, int name, const char *msg) {
    if (kaa_call_method(raw, io_names[name], NULL, 0) != kaa_True) {
        io_unsupported(msg);
    }
}

// Shared by __init__ and open(): the class decides reading/writing; writers join the list of
// streams flushed at exit and get a finalizer.
static void buffered_setup(KaaValue self, KaaValue raw, int64_t size) {
    IOBuffered *b = bf(self);
    KaaType *t = kaa_type_of(self);
    bool reader = kaa_is_subtype(t, &io_bufferedreader_type);
    bool writer = kaa_is_subtype(t, &io_bufferedwriter_type);
    bool random = kaa_is_subtype(t, &io_bufferedrandom_type);
    if (random) {
        require(raw, IO_seekable, "File or stream is not seekable.");
    }
    if (reader || random) {
        require(raw, IO_readable, "File or stream is not readable.");
    }
    if (writer || random) {
        require(raw, IO_writable, "File or stream is not writable.");
    }
    if (size <= 0) {
        kaa_raise_value_error("buffer size must be strictly positive");
    }
    b->raw = raw;
    b->fraw = kaa_is_type(raw, &io_fileio_type) ? (IOFile *)kaa_obj(raw) : NULL;
    b->readable = reader || random;
    b->writable = writer || random;
    b->size = (size_t)size;
    b->buf = kaa_alloc_atomic(b->size);
    b->rpos = b->rlen = b->wlen = 0;
    b->abs_pos = -1;
    b->ok = true;
    b->detached = false;
    if (b->writable) {
        io_writer_list_add(b);
        if (b->fraw != NULL) {
            b->fraw->owner_hidden = ~(uintptr_t)b;
        }
        kaa_alloc_finalizer(b, buffered_finalize, NULL);
    }
}

static KaaValue buffered_new_slot(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_instance_alloc(type, 0);
}

static void buffered_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"raw", "buffer_size", NULL};
    KaaValue a[2];
    osio_bind(kaa_type_of(self)->name, args, nargs, kwnames, params, 0, 1, a);
    int64_t size = a[1] == KAA_NULL ? IO_DEFAULT_BUFFER_SIZE : (int64_t)osio_ssize(a[1]);
    buffered_setup(self, a[0], size);
}

KaaValue io_buffered_new(KaaType *type, KaaValue raw, int64_t size) {
    KaaValue self = kaa_instance_alloc(type, 0);
    buffered_setup(self, raw, size);
    return self;
}

#define COMMON_METHODS                                                 \
    {"detach", buffered_detach, 0, NULL},                              \
    {"close", buffered_close, 0, NULL},                                \
    {"seekable", buffered_seekable, 0, NULL},                          \
    {"fileno", buffered_fileno, 0, NULL},                              \
    {"isatty", buffered_isatty, 0, NULL},                              \
    {"_dealloc_warn", buffered_dealloc_warn, 0, NULL},                 \
    {"seek", buffered_seek, 0, NULL},                                  \
    {"tell", buffered_tell, 0, NULL},                                  \
    {"truncate", buffered_truncate, 0, NULL},                          \
    {"__sizeof__", buffered_sizeof, 0, NULL}

#define READ_METHODS                                                   \
    {"readable", buffered_readable, 0, NULL},                          \
    {"read", buffered_read, 0, NULL},                                  \
    {"peek", buffered_peek, 0, NULL},                                  \
    {"read1", buffered_read1, 0, NULL},                                \
    {"readinto", buffered_readinto, 0, NULL},                          \
    {"readinto1", buffered_readinto1, 0, NULL},                        \
    {"readline", buffered_readline, 0, NULL}

#define WRITE_METHODS                                                  \
    {"writable", buffered_writable, 0, NULL},                          \
    {"write", buffered_write, 0, NULL},                                \
    {"flush", buffered_flush, 0, NULL}

static const KaaMethodDef reader_methods[] = {
    COMMON_METHODS, READ_METHODS, {"flush", reader_flush, 0, NULL}, {NULL},
};
static const KaaMethodDef writer_methods[] = {COMMON_METHODS, WRITE_METHODS, {NULL}};
static const KaaMethodDef random_methods[] = {COMMON_METHODS, READ_METHODS, WRITE_METHODS, {NULL}};

static const KaaGetSetDef buffered_getsets[] = {
    {"raw", buffered_raw_get, NULL, NULL},
    {"closed", buffered_closed_get, NULL, NULL},
    {"name", buffered_name_get, NULL, NULL},
    {"mode", buffered_mode_get, NULL, NULL},
    {"_finalizing", buffered_finalizing, NULL, NULL},
    {NULL},
};

#define BUFFERED_TYPE(cname, pyname, methods_, next_)   \
    KaaType cname = {                                   \
        .ob = {&kaa_type_type},                         \
        .name = pyname,                                 \
        .base = &io_bufferediobase_type,                \
        .flags = KAA_TPFLAG_BASETYPE,                   \
        .instance_size = sizeof(IOBuffered),            \
        .repr = buffered_repr,                          \
        .next = next_,                                  \
        .new_ = buffered_new_slot,                      \
        .init = buffered_init,                          \
        .methods = methods_,                            \
        .getsets = buffered_getsets,                    \
    }
BUFFERED_TYPE(io_bufferedreader_type, "_io.BufferedReader", reader_methods, buffered_next);
BUFFERED_TYPE(io_bufferedwriter_type, "_io.BufferedWriter", writer_methods, NULL);
BUFFERED_TYPE(io_bufferedrandom_type, "_io.BufferedRandom", random_methods, buffered_next);

// ---- BufferedRWPair -----------------------------------------------------------------------------
// A reader and a writer over two raw streams (a pipe's two ends, say), as one object.

typedef struct {
    IOBase base;
    KaaValue reader, writer;  // a BufferedReader and a BufferedWriter
} IORWPair;

static IORWPair *rwp(KaaValue v) { return (IORWPair *)kaa_obj(v); }

static KaaValue pair_part(KaaValue self, bool writer) {
    IORWPair *p = rwp(self);
    KaaValue part = writer ? p->writer : p->reader;
    if (part == KAA_NULL) {
        io_closed_error("I/O operation on uninitialized object");
    }
    return part;
}

// BufferedRWPair(reader, writer, buffer_size=DEFAULT_BUFFER_SIZE).
static void rwpair_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("BufferedRWPair", kwnames);
    kaa_args_count("BufferedRWPair", nargs, 2, 3);
    int64_t size = nargs > 2 ? (int64_t)osio_ssize(args[2]) : IO_DEFAULT_BUFFER_SIZE;
    require(args[0], IO_readable, "File or stream is not readable.");
    require(args[1], IO_writable, "File or stream is not writable.");
    rwp(self)->reader = io_buffered_new(&io_bufferedreader_type, args[0], size);
    rwp(self)->writer = io_buffered_new(&io_bufferedwriter_type, args[1], size);
}

#define PAIR_FORWARD(cname, pyname, writer)                                                   \
    static KaaValue cname(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {   \
        KaaValue m = kaa_getattr(pair_part(self, writer), kaa_str_intern_cstr(pyname));   \
        return kaa_call(m, args, nargs, kw);                                              \
    }
PAIR_FORWARD(rwpair_read, "read", false)
PAIR_FORWARD(rwpair_peek, "peek", false)
PAIR_FORWARD(rwpair_read1, "read1", false)
PAIR_FORWARD(rwpair_readinto, "readinto", false)
PAIR_FORWARD(rwpair_readinto1, "readinto1", false)
PAIR_FORWARD(rwpair_readable, "readable", false)
PAIR_FORWARD(rwpair_write, "write", true)
PAIR_FORWARD(rwpair_flush, "flush", true)
PAIR_FORWARD(rwpair_writable, "writable", true)

// The writer is closed first (it may have data to flush), the reader even if that failed.
static KaaValue rwpair_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    volatile KaaValue exc = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        kaa_call_method(pair_part(self, true), IO_NAME(close), NULL, 0);
        kaa_handler_pop(&h);
    } else {
        exc = h.exc;
    }
    kaa_call_method(pair_part(self, false), IO_NAME(close), NULL, 0);
    if (exc != KAA_NULL) {
        kaa_reraise(exc);
    }
    return kaa_None;
}

static KaaValue rwpair_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue r = kaa_call_method(pair_part(self, true), IO_NAME(isatty), NULL, 0);
    if (kaa_truthy(r)) {
        return r;
    }
    return kaa_call_method(pair_part(self, false), IO_NAME(isatty), NULL, 0);
}

static KaaValue rwpair_closed(KaaValue self) {
    return kaa_getattr(pair_part(self, true), IO_NAME(closed));
}

static const KaaMethodDef rwpair_methods[] = {
    {"read", rwpair_read, 0, NULL},
    {"peek", rwpair_peek, 0, NULL},
    {"read1", rwpair_read1, 0, NULL},
    {"readinto", rwpair_readinto, 0, NULL},
    {"readinto1", rwpair_readinto1, 0, NULL},
    {"write", rwpair_write, 0, NULL},
    {"flush", rwpair_flush, 0, NULL},
    {"readable", rwpair_readable, 0, NULL},
    {"writable", rwpair_writable, 0, NULL},
    {"close", rwpair_close, 0, NULL},
    {"isatty", rwpair_isatty, 0, NULL},
    {NULL},
};

static const KaaGetSetDef rwpair_getsets[] = {
    {"closed", rwpair_closed, NULL, NULL},
    {NULL},
};

KaaType io_bufferedrwpair_type = {
    .ob = {&kaa_type_type},
    .name = "_io.BufferedRWPair",
    .base = &io_bufferediobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(IORWPair),
    .new_ = buffered_new_slot,
    .init = rwpair_init,
    .methods = rwpair_methods,
    .getsets = rwpair_getsets,
};

void io_buffered_ready(KaaValue module) {
    KaaType *types[] = {&io_bufferedreader_type, &io_bufferedwriter_type,
                        &io_bufferedrandom_type, &io_bufferedrwpair_type};
    const char *names[] = {"BufferedReader", "BufferedWriter", "BufferedRandom",
                           "BufferedRWPair"};
    for (int i = 0; i < 4; i++) {
        kaa_type_ready(types[i]);
        kaa_module_add(module, names[i], kaa_from_obj(types[i]));
    }
}
