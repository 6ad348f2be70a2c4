// modules/osio.h — private to the operating-system modules (posix, _io, errno, _stat, atexit).
//
// Stage: modules. What posix*.c and io*.c share: argument binding with argument clinic's
// messages, path arguments (str, bytes, os.PathLike, fd), the file-system encoding, OSError
// raising with file names, C-int conversions, and struct sequences (os.stat_result & co).
// Nothing here is visible to the rest of kaa: the public entry points are in modules.h.
#ifndef KAA_MODULES_OSIO_H
#define KAA_MODULES_OSIO_H

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "modules/modules.h"

// ---- arguments (posix.c) ------------------------------------------------------------------------
// kaa_args_bind with argument clinic's "takes exactly/at most N positional arguments" message.
void osio_bind(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames,
               const char *const *params, size_t npos_only, size_t required, KaaValue *out);
// C int / long / ssize_t arguments (anything with __index__), with CPython's overflow texts.
int osio_int(KaaValue v);
long osio_long(KaaValue v);
ssize_t osio_ssize(KaaValue v);
off_t osio_off(KaaValue v);
// A file descriptor argument that may also be an object with fileno() (select-style).
int osio_fileno(KaaValue v);
// True when v is absent or None.
static inline bool osio_none(KaaValue v) { return v == KAA_NULL || v == kaa_None; }

// open(2)/openat(2), retried on EINTR, and once after a full collection when the process is
// out of descriptors (finalizers close dropped files); -1 with errno on failure.
int osio_openat_retry(int dir_fd, const char *path, int flags, int mode);
int osio_open_retry(const char *path, int flags, int mode);

// ---- paths (posix.c) ----------------------------------------------------------------------------
// A path argument after conversion: a C string (narrow) or a file descriptor (fd >= 0 when
// allow_fd and an int was given). `object` is what error messages name: the str or bytes
// itself, or what __fspath__ returned.
typedef struct OsPath {
    const char *fname;    // function name for messages, or NULL
    const char *argname;  // "path", "src", "dst", ...
    bool nullable;        // None allowed (then narrow is NULL and fd -1)
    bool allow_fd;
    KaaValue object;
    const char *narrow;
    size_t len;
    int fd;
    bool is_bytes;        // given as bytes: results (listdir, readlink) are bytes too
} OsPath;
void osio_path_init(OsPath *p, const char *fname, const char *argname, bool nullable,
                    bool allow_fd);
void osio_path_convert(OsPath *p, KaaValue v);
// A dir_fd argument: AT_FDCWD for absent or None.
int osio_dir_fd(KaaValue v);
// os.fspath(): str or bytes, from __fspath__ when needed; raises TypeError otherwise.
KaaValue osio_fspath(KaaValue v);
// The file-system encoding (UTF-8 with surrogateescape), both ways.
KaaValue osio_fs_decode(const char *s, size_t len);
KaaValue osio_fs_encode(KaaValue str);  // bytes
// A name as the caller wants it: bytes when the path was bytes, else str.
KaaValue osio_name_value(const OsPath *p, const char *s, size_t len);

// ---- errors (posix.c) ---------------------------------------------------------------------------
// OSError (the errno's subclass) with file names; filename/filename2 may be KAA_NULL.
KAA_NORETURN void osio_raise_errno(int err, KaaValue filename, KaaValue filename2);
KAA_NORETURN void osio_raise_path(int err, const OsPath *p);

// ---- struct sequences (posix.c) -----------------------------------------------------------------
// A tuple subclass whose first n_sequence fields are its items and whose remaining fields
// are hidden past the end of the items (as CPython's structseq does). `fields` lists every
// field name in order (n of them), NULL for an unnamed field; the first n_sequence are the
// visible ones (repr, unpacking).
typedef struct OsStructSeq {
    KaaType type;
    const char *const *fields;
    int n_fields, n_sequence, n_unnamed;
} OsStructSeq;
void osio_structseq_ready(OsStructSeq *s, const char *name, const char *const *fields, int n,
                          int n_sequence);
KaaValue osio_structseq_make(OsStructSeq *s, const KaaValue *values);  // n_fields values

// ---- the modules' own entry points --------------------------------------------------------------
// posix_dir.c: DirEntry and the scandir iterator.
void osio_dir_ready(KaaValue module);
KaaValue osio_posix_listdir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
KaaValue osio_posix_scandir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
// posix.c: stat() and friends, shared with DirEntry.stat().
KaaValue osio_stat_result(const struct stat *st);
extern OsStructSeq osio_stat_result_type;
// posix_proc.c: process, environment and system-information functions.
void osio_proc_add(KaaValue module);

// ---- _io: shared by io.c, io_file.c, io_buffered.c, io_text.c, io_memory.c ----------------------
// Every _io object starts with IOBase: its instance __dict__ and _IOBase's own closed flag
// (CPython's __IOBase_closed attribute). C code calls a sibling C function directly when an
// object's type is exactly the C class, and goes through attribute lookup otherwise, so Python
// subclasses (and Python raw streams under a BufferedReader) see CPython's method calls.
typedef struct IOBase {
    KaaObject ob;
    KaaValue dict;
    bool iobase_closed;
} IOBase;

#define IO_DEFAULT_BUFFER_SIZE 8192

typedef struct IOFile {
    IOBase base;
    int fd;                  // -1 once closed
    bool created, readable, writable, appending, closefd;
    int8_t seekable;         // -1: not known yet
    int blksize;
    uintptr_t owner_hidden;  // the exact Buffered wrapping this file (hidden from the GC), or 0
} IOFile;

typedef struct IOBuffered {
    IOBase base;
    KaaValue raw;
    IOFile *fraw;            // raw when it is exactly a FileIO (fast paths), else NULL
    bool readable, writable; // BufferedReader / BufferedWriter / BufferedRandom
    bool ok, detached;
    uint8_t *buf;            // size bytes (atomic)
    size_t size;
    size_t rpos, rlen;       // read-ahead: buf[rpos, rlen)
    size_t wlen;             // pending writes: buf[0, wlen); never both at once
    int64_t abs_pos;         // the raw stream's position when known, else -1
    uintptr_t prev_hidden, next_hidden;  // the open-writers list (io.c), hidden pointers
    bool listed;
} IOBuffered;

// Names looked up on other objects (interned once).
enum {
    IO_read, IO_readinto, IO_write, IO_readline, IO_flush, IO_close, IO_closed, IO_seek,
    IO_tell, IO_truncate, IO_readable, IO_writable, IO_seekable, IO_fileno, IO_isatty,
    IO_peek, IO_read1, IO_readall, IO_name, IO_mode, IO_raw, IO_getvalue, IO_decode,
    IO_encode, IO_reset, IO_getstate, IO_setstate, IO_newlines, IO_detach, IO_buffer,
    IO_NAME_COUNT
};
extern KaaValue io_names[IO_NAME_COUNT];
#define IO_NAME(n) (io_names[IO_##n])

extern KaaType io_iobase_type, io_rawiobase_type, io_bufferediobase_type, io_textiobase_type;
extern KaaType io_fileio_type, io_bytesio_type, io_stringio_type, io_textiowrapper_type;
extern KaaType io_bufferedreader_type, io_bufferedwriter_type, io_bufferedrandom_type;
extern KaaType io_bufferedrwpair_type, io_nldecoder_type;
extern KaaType *io_unsupported_type;  // _io.UnsupportedOperation (a class made at init)

KAA_NORETURN void io_unsupported(const char *msg);
KAA_NORETURN void io_closed_error(const char *msg);  // ValueError(msg)
// `closed` of any stream: C flags for the exact C classes, the attribute otherwise.
bool io_is_closed(KaaValue stream);
// _IOBase's shared behaviour, for the concrete classes.
KaaValue io_iobase_close(KaaValue self);     // flush(), then mark closed
KaaValue io_iobase_readline(KaaValue self, int64_t limit);
KaaValue io_iobase_readlines(KaaValue self, KaaValue hint);
// Size arguments: None or an int (with CPython's "argument should be integer or None").
int64_t io_size_arg(KaaValue v, int64_t dflt);
// Writable buffer of b (bytearray fast path); NULL when b has none (use io_write_back).
uint8_t *io_writable_buffer(KaaValue b, size_t *len, const char *fname);
void io_write_back(KaaValue b, const uint8_t *data, size_t n);  // b[0:n] = data
// The list of buffered writers flushed at exit (io.c).
void io_writer_list_add(IOBuffered *b);
void io_writer_list_remove(IOBuffered *b);
// FileIO and the buffered classes, for open() and each other.
KaaValue io_fileio_open(KaaType *type, KaaValue file, KaaValue mode, bool closefd,
                        KaaValue opener);
bool io_fileio_isatty(IOFile *f);
void io_buffered_flush_c(IOBuffered *b);  // writes pending bytes to the raw file; raises
void io_buffered_write_bytes(IOBuffered *b, const uint8_t *data, size_t n);
bool io_is_buffered_exact(KaaValue v);
KaaValue io_buffered_new(KaaType *type, KaaValue raw, int64_t size);
KaaValue io_textiowrapper_new(KaaValue buffer, KaaValue encoding, KaaValue errors,
                              KaaValue newline, bool line_buffering, bool write_through);
void io_text_flush_all(void);  // pending bytes of text wrappers over non-C buffers (io_text.c)
// Module pieces: each file readies its types and adds them.
void io_file_ready(KaaValue module);
void io_buffered_ready(KaaValue module);
void io_text_ready(KaaValue module);
void io_memory_ready(KaaValue module);

#endif
