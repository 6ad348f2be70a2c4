// modules/io_file.c — _io.FileIO: raw, unbuffered file I/O on a file descriptor.
//
// Stage: modules. Owns the descriptor: close() and the collector's finalizer close it (when
// closefd), and a finalizer first writes what an unreachable BufferedWriter over it still
// holds, so data written without close() is not lost. System calls interrupted by a signal are
// retried. Buffering belongs to io_buffered.c.
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modules/osio.h"

static IOFile *fio(KaaValue v) { return (IOFile *)kaa_obj(v); }

// FileIO's closed message has no final period (unlike _IOBase's): CPython's wording.
static void check_open(IOFile *f) {
    if (f->fd < 0) {
        io_closed_error("I/O operation on closed file");
    }
}

// Reading a write-only file is UnsupportedOperation, not OSError(EBADF).
static void check_readable(IOFile *f) {
    check_open(f);
    if (!f->readable) {
        io_unsupported("File not open for reading");
    }
}

static void check_writable(IOFile *f) {
    check_open(f);
    if (!f->writable) {
        io_unsupported("File not open for writing");
    }
}

// ---- opening ------------------------------------------------------------------------------------

static KAA_NORETURN void bad_mode(void) {
    kaa_raise_value_error("Must have exactly one of create/read/write/append mode and at most "
                          "one plus");
}

// Sets the access flags from a mode string; returns the open(2) flags.
static int parse_mode(IOFile *f, KaaValue mode) {
    bool rwa = false, plus = false;
    int flags = 0;
    KaaStr *s = kaa_str(mode);
    for (size_t i = 0; i < s->len; i++) {
        switch (kaa_str_char(s, i)) {
        case 'x': case 'r': case 'w': case 'a': {
            uint32_t c = kaa_str_char(s, i);
            if (rwa) {
                bad_mode();
            }
            rwa = true;
            f->created = c == 'x';
            f->readable = c == 'r';
            f->writable = c != 'r';
            f->appending = c == 'a';
            flags |= c == 'x' ? O_EXCL | O_CREAT : c == 'w' ? O_CREAT | O_TRUNC
                   : c == 'a' ? O_APPEND | O_CREAT : 0;
            break;
        }
        case 'b':
            break;
        case '+':
            if (plus) {
                bad_mode();
            }
            f->readable = f->writable = plus = true;
            break;
        default:
            kaa_raise_value_error("invalid mode: %S", mode);
        }
    }
    if (!rwa) {
        bad_mode();
    }
    flags |= f->readable && f->writable ? O_RDWR : f->readable ? O_RDONLY : O_WRONLY;
    return flags | O_CLOEXEC;
}

static void fileio_finalize(void *obj, void *data) {
    IOFile *f = obj;
    if (f->owner_hidden) {
        // The BufferedWriter over this file is unreachable too: write what it still holds.
        IOBuffered *b = (IOBuffered *)~f->owner_hidden;
        f->owner_hidden = 0;
        if (b->wlen > 0 && f->fd >= 0) {
            for (size_t done = 0; done < b->wlen;) {
                ssize_t n = write(f->fd, b->buf + done, b->wlen - done);
                if (n <= 0 && errno != EINTR) {
                    break;
                }
                done += n > 0 ? (size_t)n : 0;
            }
            b->wlen = 0;
        }
    }
    if (f->fd >= 0 && f->closefd) {
        close(f->fd);
    }
    f->fd = -1;
}

// open(2) the path (str, bytes or os.PathLike) through osio_open_retry, or ask the
// opener(name, flags) for a descriptor.
static int open_path(KaaValue name, int flags, KaaValue opener) {
    if (!osio_none(opener)) {
        KaaValue r = kaa_call2(opener, name, kaa_from_small(flags));
        if (!kaa_is_int_like(r)) {
            kaa_raise_type_error("expected integer from opener");
        }
        int fd = osio_int(r);
        if (fd < 0) {
            kaa_raise_value_error("opener returned %d", fd);
        }
        return fd;
    }
    KaaValue p = osio_fspath(name);
    if (kaa_is_str(p)) {
        p = osio_fs_encode(p);
    }
    KaaBytes *b = kaa_bytes(p);
    if (memchr(b->data, 0, b->len) != NULL) {
        kaa_raise_value_error("embedded null byte");
    }
    int fd = osio_open_retry((const char *)b->data, flags, 0666);
    if (fd < 0) {
        osio_raise_errno(errno, kaa_is_str(name) || kaa_is_bytes(name) ? name : osio_fspath(name),
                         KAA_NULL);
    }
    return fd;
}

// Refuses directories and learns the block size, once the descriptor is open.
static void check_fd(IOFile *f, KaaValue name, bool own) {
    struct stat st;
    if (fstat(f->fd, &st) != 0) {
        int err = errno;
        if (own) {
            close(f->fd);
        }
        f->fd = -1;
        osio_raise_errno(err, KAA_NULL, KAA_NULL);
    }
    if (S_ISDIR(st.st_mode)) {
        if (own) {
            close(f->fd);
        }
        f->fd = -1;
        osio_raise_errno(EISDIR, name, KAA_NULL);
    }
    if (st.st_blksize > 1) {
        f->blksize = (int)st.st_blksize;
    }
}

// FileIO.__init__ and open(): an int is a descriptor to wrap, anything else a path. The name
// attribute lives in the instance dict, as CPython stores it (open() names the text layer's
// mode the same way).
static void fileio_setup(KaaValue self, KaaValue file, KaaValue mode, bool closefd,
                         KaaValue opener) {
    IOFile *f = fio(self);
    if (f->fd >= 0 && f->closefd) {
        close(f->fd);  // __init__ called again on an open object
    }
    f->fd = -1;
    f->seekable = -1;
    f->blksize = IO_DEFAULT_BUFFER_SIZE;
    int flags = parse_mode(f, mode);
    bool is_fd = kaa_is_int_like(file);
    if (is_fd) {
        int fd = osio_int(file);
        if (fd < 0) {
            kaa_raise_value_error("negative file descriptor");
        }
        f->fd = fd;
    } else {
        if (!closefd) {
            kaa_raise_value_error("Cannot use closefd=False with file name");
        }
        if (osio_none(opener)) {
            osio_fspath(file);  // the TypeError for a wrong type comes before the mode's
        }
        f->fd = open_path(file, flags, opener);
    }
    f->closefd = closefd;
    check_fd(f, is_fd ? KAA_NULL : file, !is_fd);
    kaa_setattr(self, IO_NAME(name), file);
    if (f->appending) {
        lseek(f->fd, 0, SEEK_END);
    }
    if (f->closefd) {
        kaa_alloc_finalizer(f, fileio_finalize, NULL);
    }
}

static KaaValue fileio_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue self = kaa_instance_alloc(type, 0);
    fio(self)->fd = -1;
    fio(self)->seekable = -1;
    return self;
}

static void fileio_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"file", "mode", "closefd", "opener", NULL};
    KaaValue a[4];
    osio_bind("FileIO", args, nargs, kwnames, params, 0, 1, a);
    KaaValue mode = a[1] ? a[1] : kaa_str_from_cstr("r");
    if (!kaa_is_str(mode)) {
        kaa_raise_type_error("FileIO() argument 'mode' must be str, not %s",
                             kaa_argtype_name(mode));
    }
    bool closefd = a[2] == KAA_NULL || kaa_truthy(a[2]);
    fileio_setup(self, a[0], mode, closefd, a[3]);
}

KaaValue io_fileio_open(KaaType *type, KaaValue file, KaaValue mode, bool closefd,
                        KaaValue opener) {
    KaaValue self = fileio_new(type, NULL, 0, NULL);
    fileio_setup(self, file, mode, closefd, opener);
    return self;
}

bool io_fileio_isatty(IOFile *f) { return f->fd >= 0 && isatty(f->fd); }

// ---- reading and writing ------------------------------------------------------------------------

// One read(2), retried on EINTR; -1 with errno EAGAIN when a non-blocking file has no data.
static ssize_t read_some(IOFile *f, uint8_t *dst, size_t n) {
    ssize_t r;
    do {
        r = read(f->fd, dst, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0 && errno != EAGAIN) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return r;
}

// Reads straight into a bytes object sized from fstat, so a regular file is read in one system
// call and never copied; the object's length is set to what was read (it is not shared yet).
static KaaValue fileio_readall_c(IOFile *f) {
    size_t cap = IO_DEFAULT_BUFFER_SIZE;
    struct stat st;
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    if (fstat(f->fd, &st) == 0 && pos >= 0 && st.st_size >= pos) {
        cap = (size_t)(st.st_size - pos) + 1;
    }
    KaaValue out = kaa_bytes_new_raw(cap);
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap + (cap >> 1) + IO_DEFAULT_BUFFER_SIZE;
            KaaValue grown = kaa_bytes_new_raw(ncap);
            memcpy(kaa_bytes(grown)->data, kaa_bytes(out)->data, len);
            out = grown;
            cap = ncap;
        }
        ssize_t n = read_some(f, kaa_bytes(out)->data + len, cap - len);
        if (n < 0) {
            if (len == 0) {
                return kaa_None;  // non-blocking and nothing there
            }
            break;
        }
        if (n == 0) {
            break;
        }
        len += (size_t)n;
    }
    kaa_bytes(out)->len = len;
    kaa_bytes(out)->data[len] = 0;
    return out;
}

static KaaValue fileio_readall(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("readall", nargs, 0, 0);
    check_open(fio(self));
    return fileio_readall_c(fio(self));
}

// read(size=-1): one read(2); None when a non-blocking file has no data.
static KaaValue fileio_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read", kw);
    kaa_args_count("read", nargs, 0, 1);
    IOFile *f = fio(self);
    check_readable(f);
    int64_t size = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    if (size < 0) {
        return fileio_readall_c(f);
    }
    KaaValue b = kaa_bytes_new_raw((size_t)size);
    ssize_t n = read_some(f, kaa_bytes(b)->data, (size_t)size);
    if (n < 0) {
        return kaa_None;
    }
    if ((size_t)n == (size_t)size) {
        return b;
    }
    return kaa_bytes_new(kaa_bytes(b)->data, (size_t)n);
}

// readinto(b): straight into a bytearray; other writable buffers get a copy.
static KaaValue fileio_readinto(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readinto", kw);
    kaa_args_count("readinto", nargs, 1, 1);
    IOFile *f = fio(self);
    check_readable(f);
    size_t len;
    uint8_t *p = io_writable_buffer(args[0], &len, "readinto");
    uint8_t *dst = p ? p : kaa_alloc_atomic(len + 1);
    ssize_t n = read_some(f, dst, len);
    if (n < 0) {
        return kaa_None;
    }
    if (p == NULL) {
        io_write_back(args[0], dst, (size_t)n);
    }
    return kaa_from_small(n);
}

// write(b): one write(2), which may take only part of b; the count says how much.
static KaaValue fileio_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("write", kw);
    kaa_args_count("write", nargs, 1, 1);
    IOFile *f = fio(self);
    check_writable(f);
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(args[0], &data, &len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'",
                             kaa_type_name_of(args[0]));
    }
    ssize_t n;
    do {
        n = write(f->fd, data, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN) {
            return kaa_None;
        }
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(n);
}

// ---- positioning --------------------------------------------------------------------------------

static KaaValue fileio_seek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("seek", kw);
    kaa_args_count("seek", nargs, 1, 2);
    IOFile *f = fio(self);
    check_open(f);
    off_t pos = osio_off(args[0]);
    int whence = nargs > 1 ? osio_int(args[1]) : SEEK_SET;
    off_t r = lseek(f->fd, pos, whence);
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    f->seekable = 1;
    return kaa_int_from_i64(r);
}

static KaaValue fileio_tell(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("tell", nargs, 0, 0);
    IOFile *f = fio(self);
    check_open(f);
    off_t r = lseek(f->fd, 0, SEEK_CUR);
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_int_from_i64(r);
}

// truncate(size=None): at the current position by default; returns the size.
static KaaValue fileio_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("truncate", kw);
    kaa_args_count("truncate", nargs, 0, 1);
    IOFile *f = fio(self);
    check_writable(f);
    KaaValue size = nargs && args[0] != kaa_None ? args[0] : fileio_tell(self, NULL, 0, NULL);
    off_t len = osio_off(size);
    int r;
    do {
        r = ftruncate(f->fd, len);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return size;
}

// Pipes and terminals are not seekable: the first lseek(2) decides, once.
static KaaValue fileio_seekable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("seekable", nargs, 0, 0);
    IOFile *f = fio(self);
    check_open(f);
    if (f->seekable < 0) {
        f->seekable = lseek(f->fd, 0, SEEK_CUR) >= 0;
    }
    return kaa_bool(f->seekable);
}

static KaaValue fileio_readable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("readable", nargs, 0, 0);
    check_open(fio(self));
    return kaa_bool(fio(self)->readable);
}

static KaaValue fileio_writable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("writable", nargs, 0, 0);
    check_open(fio(self));
    return kaa_bool(fio(self)->writable);
}

static KaaValue fileio_fileno(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("fileno", nargs, 0, 0);
    check_open(fio(self));
    return kaa_from_small(fio(self)->fd);
}

static KaaValue fileio_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("isatty", nargs, 0, 0);
    check_open(fio(self));
    return kaa_bool(isatty(fio(self)->fd));
}

// close(): _IOBase.close() (flush, mark closed), then the descriptor, even if flush failed.
static KaaValue fileio_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("close", nargs, 0, 0);
    IOFile *f = fio(self);
    volatile KaaValue exc = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        io_iobase_close(self);
        kaa_handler_pop(&h);
    } else {
        exc = h.exc;
    }
    int fd = f->fd;
    f->fd = -1;
    f->owner_hidden = 0;
    if (fd >= 0 && f->closefd && close(fd) != 0 && exc == KAA_NULL) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    if (exc != KAA_NULL) {
        kaa_reraise(exc);
    }
    return kaa_None;
}

static KaaValue fileio_dealloc_warn(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_None;
}

// ---- attributes ---------------------------------------------------------------------------------

static KaaValue fileio_repr(KaaValue self) {
    IOFile *f = fio(self);
    const char *tname = kaa_type_of(self)->name;
    if (f->fd < 0) {
        return kaa_str_printf("<%s [closed]>", tname);
    }
    KaaValue mode = kaa_getattr(self, IO_NAME(mode));
    const char *closefd = f->closefd ? "True" : "False";
    KaaValue name = kaa_getattr_opt(self, IO_NAME(name));
    if (name == KAA_NULL) {
        return kaa_str_printf("<%s fd=%d mode=%R closefd=%s>", tname, f->fd, mode, closefd);
    }
    return kaa_str_printf("<%s name=%R mode=%R closefd=%s>", tname, name, mode, closefd);
}

// The mode as CPython normalises it: 'w+' reads back as 'rb+'.
static KaaValue fileio_mode(KaaValue self) {
    IOFile *f = fio(self);
    const char *m = f->created ? (f->readable ? "xb+" : "xb")
                    : f->appending ? (f->readable ? "ab+" : "ab")
                    : f->readable ? (f->writable ? "rb+" : "rb") : "wb";
    return kaa_str_from_cstr(m);
}

static KaaValue fileio_closed(KaaValue self) { return kaa_bool(fio(self)->fd < 0); }
static KaaValue fileio_closefd(KaaValue self) { return kaa_bool(fio(self)->closefd); }
static KaaValue fileio_blksize(KaaValue self) { return kaa_from_small(fio(self)->blksize); }
static KaaValue fileio_finalizing(KaaValue self) { return kaa_False; }

static const KaaMethodDef fileio_methods[] = {
    {"read", fileio_read, 0, NULL},
    {"readall", fileio_readall, 0, NULL},
    {"readinto", fileio_readinto, 0, NULL},
    {"write", fileio_write, 0, NULL},
    {"seek", fileio_seek, 0, NULL},
    {"tell", fileio_tell, 0, NULL},
    {"truncate", fileio_truncate, 0, NULL},
    {"close", fileio_close, 0, NULL},
    {"seekable", fileio_seekable, 0, NULL},
    {"readable", fileio_readable, 0, NULL},
    {"writable", fileio_writable, 0, NULL},
    {"fileno", fileio_fileno, 0, NULL},
    {"isatty", fileio_isatty, 0, NULL},
    {"_dealloc_warn", fileio_dealloc_warn, 0, NULL},
    {NULL},
};

static const KaaGetSetDef fileio_getsets[] = {
    {"closed", fileio_closed, NULL, "True if the file is closed"},
    {"closefd", fileio_closefd, NULL, "True if the file descriptor will be closed by close()."},
    {"mode", fileio_mode, NULL, "String giving the file mode"},
    {"_blksize", fileio_blksize, NULL, NULL},
    {"_finalizing", fileio_finalizing, NULL, NULL},
    {NULL},
};

KaaType io_fileio_type = {
    .ob = {&kaa_type_type},
    .name = "_io.FileIO",
    .base = &io_rawiobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(IOFile),
    .repr = fileio_repr,
    .new_ = fileio_new,
    .init = fileio_init,
    .methods = fileio_methods,
    .getsets = fileio_getsets,
};

void io_file_ready(KaaValue module) {
    kaa_type_ready(&io_fileio_type);
    kaa_module_add(module, "FileIO", kaa_from_obj(&io_fileio_type));
}
