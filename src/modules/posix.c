// modules/posix.c — the posix module (what Lib/os.py re-exports): files, paths and descriptors.
//
// Stage: modules. Owns the module object, its constants, the helpers every OS-layer module
// shares (osio.h: argument clinic's messages, path arguments, the file-system encoding,
// OSError with file names, struct sequences), and the file-system and file-descriptor
// functions. Directory listing lives in posix_dir.c, processes and the environment in
// posix_proc.c. System calls interrupted by a signal are retried (PEP 475). Nothing here
// buffers: buffering is _io's.
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "modules/osio.h"

// ---- arguments ----------------------------------------------------------------------------------

void osio_bind(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames,
               const char *const *params, size_t npos_only, size_t required, KaaValue *out) {
    size_t maxpos = 0;
    while (params[maxpos] != NULL && strcmp(params[maxpos], "*") != 0) {
        maxpos++;
    }
    if (nargs > maxpos) {
        size_t minpos = required < maxpos ? required : maxpos;
        if (maxpos == 0) {
            kaa_raise_type_error("%s() takes no positional arguments", fname);
        }
        kaa_raise_type_error("%s() takes %s %zu positional argument%s (%zu given)", fname,
                             minpos < maxpos ? "at most" : "exactly", maxpos,
                             maxpos == 1 ? "" : "s", nargs);
    }
    kaa_args_bind(fname, args, nargs, kwnames, params, npos_only, required, out);
}

// An int (or __index__) as int64; anything else raises "cannot be interpreted as an integer".
static bool index_i64(KaaValue v, int64_t *out) {
    if (kaa_is_int(v)) {
        *out = kaa_int_val(v);
        return true;
    }
    return kaa_int_to_i64(kaa_index(v), out);
}

// CPython says "too large" for C int overflow in either direction.
int osio_int(KaaValue v) {
    int64_t i;
    if (!index_i64(v, &i) || i < INT_MIN || i > INT_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    return (int)i;
}

long osio_long(KaaValue v) {
    int64_t i;
    if (!index_i64(v, &i)) {
        kaa_raise_overflow("Python int too large to convert to C long");
    }
    return (long)i;
}

ssize_t osio_ssize(KaaValue v) {
    int64_t i;
    if (!index_i64(v, &i)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    return (ssize_t)i;
}

off_t osio_off(KaaValue v) { return (off_t)osio_long(v); }

// The fildes converter: an int, or an object whose fileno() gives one (fsync(file)).
int osio_fileno(KaaValue v) {
    if (!kaa_is_int_like(v)) {
        KaaValue meth = kaa_getattr_opt(v, kaa_str_intern_cstr("fileno"));
        if (meth == KAA_NULL) {
            kaa_raise_type_error("argument must be an int, or have a fileno() method.");
        }
        v = kaa_call0(meth);
        if (!kaa_is_int_like(v)) {
            kaa_raise_type_error("fileno() returned a non-integer");
        }
    }
    int64_t fd;
    if (!kaa_int_to_i64(v, &fd) || fd > INT_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    if (fd < 0) {
        kaa_raise_value_error("file descriptor cannot be a negative integer (%lld)",
                              (long long)fd);
    }
    return (int)fd;
}

// ---- opening files ------------------------------------------------------------------------------
// Files a program dropped without closing are closed by the collector's finalizers, not at
// once as with reference counting: when the process runs out of descriptors, one full
// collection (which runs the finalizers) usually gives some back, so the open is tried again.

int osio_openat_retry(int dir_fd, const char *path, int flags, int mode) {
    bool collected = false;
    for (;;) {
        int fd = openat(dir_fd, path, flags, mode);
        if (fd >= 0 || errno == EINTR) {
            if (fd >= 0) {
                return fd;
            }
            continue;
        }
        if ((errno != EMFILE && errno != ENFILE) || collected) {
            return -1;
        }
        kaa_alloc_collect();
        collected = true;
    }
}

int osio_open_retry(const char *path, int flags, int mode) {
    return osio_openat_retry(AT_FDCWD, path, flags, mode);
}

// ---- the file-system encoding -------------------------------------------------------------------

static KaaValue fs_encoding, fs_errors;  // "utf-8", "surrogateescape" (interned at init)

static bool all_ascii(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            return false;
        }
    }
    return true;
}

// Names from the system: ASCII is copied, anything else decoded with surrogateescape so that
// undecodable bytes round-trip.
KaaValue osio_fs_decode(const char *s, size_t len) {
    if (all_ascii(s, len)) {
        return kaa_str_from_ascii(s, len);
    }
    return kaa_str_decode((const uint8_t *)s, len, fs_encoding, fs_errors);
}

// The reverse: str to the bytes the system gets.
KaaValue osio_fs_encode(KaaValue str) {
    KaaStr *s = kaa_str(str);
    if (s->ascii) {
        return kaa_bytes_new(s->data, s->len);
    }
    return kaa_str_encode(str, fs_encoding, fs_errors);
}

KaaValue osio_name_value(const OsPath *p, const char *s, size_t len) {
    return p->is_bytes ? kaa_bytes_new(s, len) : osio_fs_decode(s, len);
}

// ---- paths --------------------------------------------------------------------------------------

KaaValue osio_fspath(KaaValue v) {
    if (kaa_is_str(v) || kaa_is_bytes(v)) {
        return v;
    }
    KaaValue meth = kaa_lookup_special(v, kaa_str_intern_cstr("__fspath__"));
    if (meth == KAA_NULL) {
        kaa_raise_type_error("expected str, bytes or os.PathLike object, not %s",
                             kaa_type_name_of(v));
    }
    KaaValue r = kaa_call0(meth);
    if (!kaa_is_str(r) && !kaa_is_bytes(r)) {
        kaa_raise_type_error("expected %s.__fspath__() to return str or bytes, not %s",
                             kaa_type_name_of(v), kaa_type_name_of(r));
    }
    return r;
}

void osio_path_init(OsPath *p, const char *fname, const char *argname, bool nullable,
                    bool allow_fd) {
    memset(p, 0, sizeof *p);
    p->fname = fname;
    p->argname = argname;
    p->nullable = nullable;
    p->allow_fd = allow_fd;
    p->fd = -1;
    p->object = kaa_None;
}

// The allowed kinds are listed as CPython's path_t converter lists them.
static KAA_NORETURN void path_type_error(const OsPath *p, KaaValue v) {
    const char *allowed = p->allow_fd && p->nullable ? "string, bytes, os.PathLike, integer or None"
                          : p->allow_fd              ? "string, bytes, os.PathLike or integer"
                          : p->nullable              ? "string, bytes, os.PathLike or None"
                                                     : "string, bytes or os.PathLike";
    kaa_raise_type_error("%s%s%s should be %s, not %s", p->fname ? p->fname : "",
                         p->fname ? ": " : "", p->argname, allowed, kaa_type_name_of(v));
}

// A descriptor given where a path may be one (stat(fd), listdir(fd), chdir(fd) ...).
static void path_fd(OsPath *p, KaaValue v) {
    int64_t fd;
    if (!index_i64(v, &fd) || fd > INT_MAX) {
        kaa_raise_overflow("fd is greater than maximum");
    }
    if (fd < INT_MIN) {
        kaa_raise_overflow("fd is less than minimum");
    }
    p->fd = (int)fd;
    p->object = v;
}

// Bytes given directly or by __fspath__; bytearray and memoryview are accepted (CPython warns).
static void path_bytes(OsPath *p, const uint8_t *data, size_t len) {
    if (memchr(data, 0, len) != NULL) {
        kaa_raise_value_error("%s%sembedded null character in %s", p->fname ? p->fname : "",
                              p->fname ? ": " : "", p->argname);
    }
    char *copy = (char *)data;
    if (data[len] != 0) {  // a bytearray or view: not NUL-terminated
        copy = kaa_alloc_atomic(len + 1);
        memcpy(copy, data, len);
        copy[len] = 0;
    }
    p->narrow = copy;
    p->len = len;
    p->is_bytes = true;
}

// An ASCII str is its own C string (no copy); others are encoded.
static void path_str(OsPath *p, KaaValue s) {
    KaaStr *str = kaa_str(s);
    if (str->ascii && !str->external) {
        if (memchr(str->data, 0, str->len) != NULL) {
            kaa_raise_value_error("embedded null byte");
        }
        p->narrow = (const char *)str->data;
        p->len = str->len;
        return;
    }
    KaaValue b = osio_fs_encode(s);
    if (memchr(kaa_bytes(b)->data, 0, kaa_bytes(b)->len) != NULL) {
        kaa_raise_value_error("embedded null byte");
    }
    p->narrow = (const char *)kaa_bytes(b)->data;
    p->len = kaa_bytes(b)->len;
}

// str, bytes, a descriptor (when allowed), a buffer, or __fspath__ (whose result is used, and
// named in errors, in place of the object).
void osio_path_convert(OsPath *p, KaaValue v) {
    if (v == kaa_None && p->nullable) {
        return;
    }
    if (kaa_is_str(v)) {
        p->object = v;
        path_str(p, v);
        return;
    }
    if (kaa_is_bytes(v)) {
        p->object = v;
        path_bytes(p, kaa_bytes(v)->data, kaa_bytes(v)->len);
        return;
    }
    if (p->allow_fd &&
        (kaa_is_int_like(v) || kaa_lookup_special(v, KAA_ID(__index__)) != KAA_NULL)) {
        path_fd(p, v);
        return;
    }
    const uint8_t *data;
    size_t len;
    if (kaa_buffer_get(v, &data, &len)) {
        p->object = v;
        path_bytes(p, data, len);
        return;
    }
    KaaValue meth = kaa_lookup_special(v, kaa_str_intern_cstr("__fspath__"));
    if (meth == KAA_NULL) {
        path_type_error(p, v);
    }
    KaaValue r = kaa_call0(meth);
    if (!kaa_is_str(r) && !kaa_is_bytes(r)) {
        kaa_raise_type_error("expected %s.__fspath__() to return str or bytes, not %s",
                             kaa_type_name_of(v), kaa_type_name_of(r));
    }
    osio_path_convert(p, r);
}

// dir_fd=None means the current directory (AT_FDCWD).
int osio_dir_fd(KaaValue v) {
    if (osio_none(v)) {
        return AT_FDCWD;
    }
    if (!kaa_is_int_like(v) && kaa_lookup_special(v, KAA_ID(__index__)) == KAA_NULL) {
        kaa_raise_type_error("argument should be integer or None, not %s", kaa_type_name_of(v));
    }
    int64_t fd;
    if (!index_i64(v, &fd) || fd > INT_MAX) {
        kaa_raise_overflow("fd is greater than maximum");
    }
    if (fd < INT_MIN) {
        kaa_raise_overflow("fd is less than minimum");
    }
    return (int)fd;
}

// Converts args[i] (or KAA_NULL: None) into a path.
static void path_arg(OsPath *p, const char *fname, const char *argname, bool allow_fd,
                     KaaValue v) {
    osio_path_init(p, fname, argname, false, allow_fd);
    osio_path_convert(p, v);
}

// ---- errors -------------------------------------------------------------------------------------

KAA_NORETURN void osio_raise_errno(int err, KaaValue filename, KaaValue filename2) {
    KaaValue args[5] = {kaa_from_small(err), kaa_str_from_cstr(strerror(err)),
                        filename == KAA_NULL ? kaa_None : filename, kaa_None,
                        filename2 == KAA_NULL ? kaa_None : filename2};
    size_t n = filename2 != KAA_NULL ? 5 : filename != KAA_NULL ? 3 : 2;
    kaa_raise(kaa_exc_new(kaa_os_error_subclass(err), args, n));
}

KAA_NORETURN void osio_raise_path(int err, const OsPath *p) {
    osio_raise_errno(err, p->object == kaa_None ? KAA_NULL : p->object, KAA_NULL);
}

// The checks CPython makes before calling: which argument combinations make no sense.
static void check_fd_combos(const char *fname, const OsPath *p, int dir_fd, bool follow) {
    if (p->fd >= 0 || (p->narrow == NULL && p->allow_fd && p->object != kaa_None)) {
        if (dir_fd != AT_FDCWD) {
            kaa_raise_value_error("%s: can't specify both dir_fd and fd", fname);
        }
        if (!follow) {
            kaa_raise_value_error("%s: cannot use fd and follow_symlinks together", fname);
        }
    }
}

// follow_symlinks defaults to True.
static bool follow_arg(KaaValue v) { return v == KAA_NULL || kaa_truthy(v); }

// ---- struct sequences ---------------------------------------------------------------------------
// Items [0, n_sequence) are the tuple; the hidden fields follow them in the same allocation.
// Field k is a read-only member at offset sizeof(KaaTuple) + 8k: for variable-size types kaa
// reads such offsets relative to the end of the body var_size reports, and structseq_var_size
// reports just the header, so member k is items[k] whatever the visible length.

static OsStructSeq *seq_desc(KaaValue v) {
    KaaType *t = kaa_type_of(v);
    while (t->base != &kaa_tuple_type) {
        t = t->base;
    }
    return (OsStructSeq *)t;
}

static size_t structseq_var_size(KaaValue self) { return sizeof(KaaTuple); }

// os.stat_result(st_mode=..., ...): only the visible fields, as CPython shows them.
static KaaValue structseq_repr(KaaValue self) {
    OsStructSeq *s = seq_desc(self);
    KaaTuple *t = kaa_tuple(self);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, s->type.name);
    kaa_strbuf_putc(&b, '(');
    // Names come from the named fields in order, unnamed ones skipped, as CPython pairs them.
    int name_index = 0;
    for (int64_t i = 0; i < t->len; i++) {
        while (s->fields[name_index] == NULL) {
            name_index++;
        }
        if (i > 0) {
            kaa_strbuf_puts(&b, ", ");
        }
        kaa_strbuf_puts(&b, s->fields[name_index++]);
        kaa_strbuf_putc(&b, '=');
        kaa_strbuf_putstr(&b, kaa_repr(t->items[i]));
    }
    kaa_strbuf_putc(&b, ')');
    return kaa_strbuf_finish(&b);
}

static KaaValue structseq_alloc(OsStructSeq *s) {
    KaaValue v = kaa_instance_alloc(&s->type, (size_t)s->n_fields * sizeof(KaaValue));
    kaa_tuple(v)->len = s->n_sequence;
    return v;
}

KaaValue osio_structseq_make(OsStructSeq *s, const KaaValue *values) {
    KaaValue v = structseq_alloc(s);
    memcpy(kaa_tuple(v)->items, values, (size_t)s->n_fields * sizeof(KaaValue));
    return v;
}

// stat_result(sequence, dict=None): the visible fields from the sequence, hidden ones from it
// too when long enough, else from the dict (pickling), else None.
static KaaValue structseq_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"sequence", "dict", NULL};
    KaaValue a[2];
    osio_bind("structseq", args, nargs, kwnames, params, 0, 1, a);
    OsStructSeq *s = (OsStructSeq *)type;
    if (!kaa_is_list(a[0]) && !kaa_is_tuple(a[0]) && kaa_type_of(a[0])->iter == NULL) {
        kaa_raise_type_error("constructor requires a sequence");
    }
    KaaTuple *items = kaa_tuple(kaa_tuple_from_iterable(a[0]));
    int64_t n = items->len;
    if (n < s->n_sequence) {
        kaa_raise_type_error("%s() takes %s %d-sequence (%lld-sequence given)", type->name,
                             s->n_sequence == s->n_fields ? "a" : "an at least", s->n_sequence,
                             (long long)n);
    }
    if (n > s->n_fields) {
        kaa_raise_type_error("%s() takes %s %d-sequence (%lld-sequence given)", type->name,
                             s->n_sequence == s->n_fields ? "a" : "an at most", s->n_fields,
                             (long long)n);
    }
    KaaValue v = structseq_alloc(s);
    KaaTuple *t = kaa_tuple(v);
    KaaValue dict = osio_none(a[1]) ? KAA_NULL : a[1];
    if (dict != KAA_NULL && !kaa_is_dict(dict)) {
        kaa_raise_type_error("%s() takes a dict as second arg, if any", type->name);
    }
    for (int k = 0; k < s->n_fields; k++) {
        if (k < n) {
            t->items[k] = items->items[k];
            continue;
        }
        KaaValue x = KAA_NULL;
        if (dict != KAA_NULL && s->fields[k] != NULL) {
            x = kaa_dict_get_cstr(kaa_dict(dict), s->fields[k]);
        }
        t->items[k] = x != KAA_NULL ? x : kaa_None;
    }
    // os.stat_result fills the float times from the integer ones when they are missing.
    if (s == &osio_stat_result_type) {
        for (int k = 7; k < 10; k++) {
            if (t->items[k + 3] == kaa_None) {
                t->items[k + 3] = t->items[k];
            }
        }
    }
    return v;
}

// Pickling: (type, (visible fields, {hidden name: value})), CPython's shape.
static KaaValue structseq_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    OsStructSeq *s = seq_desc(self);
    KaaTuple *t = kaa_tuple(self);
    KaaDict *extra = kaa_dict_new();
    for (int k = s->n_sequence; k < s->n_fields; k++) {
        if (s->fields[k] != NULL) {
            kaa_dict_set_cstr(extra, s->fields[k], t->items[k]);
        }
    }
    KaaValue visible = kaa_from_obj(kaa_tuple_from_array(t->items, (size_t)s->n_sequence));
    KaaValue targs = kaa_from_obj(kaa_tuple_pack(2, visible, kaa_from_obj(extra)));
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(kaa_type_of(self)), targs));
}

static const KaaMethodDef structseq_methods[] = {
    {"__reduce__", structseq_reduce, 0, NULL},
    {NULL},
};

void osio_structseq_ready(OsStructSeq *s, const char *name, const char *const *fields, int n,
                          int n_sequence) {
    int unnamed = 0;
    for (int k = 0; k < n; k++) {
        unnamed += fields[k] == NULL;
    }
    s->fields = fields;
    s->n_fields = n;
    s->n_sequence = n_sequence;
    s->n_unnamed = unnamed;
    KaaMemberDef *members = kaa_alloc(sizeof(KaaMemberDef) * (size_t)(n + 1));
    for (int k = 0, m = 0; k < n; k++) {
        if (fields[k] != NULL) {
            members[m++] = (KaaMemberDef){fields[k], KAA_MEMBER_VALUE_RO,
                                          sizeof(KaaTuple) + (size_t)k * sizeof(KaaValue), NULL};
        }
    }
    KaaType *t = &s->type;
    t->ob.type = &kaa_type_type;
    t->name = name;
    t->base = &kaa_tuple_type;
    t->repr = structseq_repr;
    t->new_ = structseq_new;
    t->var_size = structseq_var_size;
    t->members = members;
    t->methods = structseq_methods;
    kaa_type_ready(t);
    kaa_dict_set_cstr(t->dict, "n_fields", kaa_from_small(n));
    kaa_dict_set_cstr(t->dict, "n_sequence_fields", kaa_from_small(n_sequence));
    kaa_dict_set_cstr(t->dict, "n_unnamed_fields", kaa_from_small(unnamed));
    KaaList *match = kaa_list_new(0);
    for (int k = 0; k < n_sequence; k++) {
        if (fields[k] != NULL) {
            kaa_list_append(match, kaa_str_from_cstr(fields[k]));
        }
    }
    kaa_dict_set_cstr(t->dict, "__match_args__", kaa_tuple_from_iterable(kaa_from_obj(match)));
}

// ---- stat ---------------------------------------------------------------------------------------

OsStructSeq osio_stat_result_type;
static OsStructSeq statvfs_result_type, terminal_size_type;

static const char *const stat_fields[] = {
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", NULL, NULL, NULL,
    "st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns",
    "st_blksize", "st_blocks", "st_rdev",
};

static KaaValue time_ns(const struct timespec *ts) {
    return kaa_int_from_i64((int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec);
}

static KaaValue time_float(const struct timespec *ts) {
    return kaa_from_float((double)ts->tv_sec + (double)ts->tv_nsec * 1e-9);
}

// Times three ways, as CPython: int seconds in the tuple, float seconds and int nanoseconds as
// attributes.
KaaValue osio_stat_result(const struct stat *st) {
    KaaValue v[19] = {
        kaa_from_small(st->st_mode), kaa_int_from_u64(st->st_ino), kaa_int_from_u64(st->st_dev),
        kaa_int_from_u64(st->st_nlink), kaa_from_small(st->st_uid), kaa_from_small(st->st_gid),
        kaa_int_from_i64(st->st_size), kaa_int_from_i64(st->st_atim.tv_sec),
        kaa_int_from_i64(st->st_mtim.tv_sec), kaa_int_from_i64(st->st_ctim.tv_sec),
        time_float(&st->st_atim), time_float(&st->st_mtim), time_float(&st->st_ctim),
        time_ns(&st->st_atim), time_ns(&st->st_mtim), time_ns(&st->st_ctim),
        kaa_int_from_i64(st->st_blksize), kaa_int_from_i64(st->st_blocks),
        kaa_int_from_u64(st->st_rdev),
    };
    return osio_structseq_make(&osio_stat_result_type, v);
}

// stat() and lstat(): by descriptor, relative to dir_fd, or plain.
static KaaValue do_stat(const char *fname, OsPath *p, int dir_fd, bool follow) {
    check_fd_combos(fname, p, dir_fd, follow);
    struct stat st;
    int r;
    do {
        if (p->narrow == NULL) {
            r = fstat(p->fd, &st);
        } else if (dir_fd != AT_FDCWD || !follow) {
            r = fstatat(dir_fd, p->narrow, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
        } else {
            r = stat(p->narrow, &st);
        }
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_path(errno, p);
    }
    return osio_stat_result(&st);
}

static KaaValue posix_stat(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "*", "dir_fd", "follow_symlinks", NULL};
    KaaValue a[3];
    osio_bind("stat", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "stat", "path", true, a[0]);
    return do_stat("stat", &p, osio_dir_fd(a[1]), follow_arg(a[2]));
}

static KaaValue posix_lstat(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "*", "dir_fd", NULL};
    KaaValue a[2];
    osio_bind("lstat", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "lstat", "path", false, a[0]);
    return do_stat("lstat", &p, osio_dir_fd(a[1]), false);
}

static KaaValue posix_fstat(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fd", NULL};
    KaaValue a[1];
    osio_bind("fstat", args, nargs, kwnames, params, 0, 1, a);
    struct stat st;
    int fd = osio_int(a[0]), r;
    do {
        r = fstat(fd, &st);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return osio_stat_result(&st);
}

static const char *const statvfs_fields[] = {
    "f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files", "f_ffree", "f_favail",
    "f_flag", "f_namemax", "f_fsid",
};

static KaaValue statvfs_value(const struct statvfs *s) {
    KaaValue v[11] = {
        kaa_int_from_u64(s->f_bsize), kaa_int_from_u64(s->f_frsize),
        kaa_int_from_u64(s->f_blocks), kaa_int_from_u64(s->f_bfree),
        kaa_int_from_u64(s->f_bavail), kaa_int_from_u64(s->f_files),
        kaa_int_from_u64(s->f_ffree), kaa_int_from_u64(s->f_favail),
        kaa_int_from_u64(s->f_flag), kaa_int_from_u64(s->f_namemax),
        kaa_int_from_u64(s->f_fsid),
    };
    return osio_structseq_make(&statvfs_result_type, v);
}

static KaaValue posix_statvfs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue a[1];
    osio_bind("statvfs", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "statvfs", "path", true, a[0]);
    struct statvfs s;
    int r;
    do {
        r = p.narrow ? statvfs(p.narrow, &s) : fstatvfs(p.fd, &s);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_path(errno, &p);
    }
    return statvfs_value(&s);
}

static KaaValue posix_fstatvfs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("fstatvfs", kwnames);
    kaa_args_count("fstatvfs", nargs, 1, 1);
    struct statvfs s;
    int fd = osio_int(args[0]), r;
    do {
        r = fstatvfs(fd, &s);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return statvfs_value(&s);
}

// ---- paths: access, chdir, chmod, chown, getcwd -------------------------------------------------

static KaaValue posix_access(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "mode", "*", "dir_fd", "effective_ids",
                                         "follow_symlinks", NULL};
    KaaValue a[5];
    osio_bind("access", args, nargs, kwnames, params, 0, 2, a);
    OsPath p;
    path_arg(&p, "access", "path", false, a[0]);
    int mode = osio_int(a[1]), dir_fd = osio_dir_fd(a[2]);
    int flags = (a[3] != KAA_NULL && kaa_truthy(a[3]) ? AT_EACCESS : 0) |
                (follow_arg(a[4]) ? 0 : AT_SYMLINK_NOFOLLOW);
    int r = flags || dir_fd != AT_FDCWD ? faccessat(dir_fd, p.narrow, mode, flags)
                                        : access(p.narrow, mode);
    return kaa_bool(r == 0);
}

static KaaValue posix_chdir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue a[1];
    osio_bind("chdir", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "chdir", "path", true, a[0]);
    if ((p.narrow ? chdir(p.narrow) : fchdir(p.fd)) != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

static KaaValue posix_fchdir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fd", NULL};
    KaaValue a[1];
    osio_bind("fchdir", args, nargs, kwnames, params, 0, 1, a);
    if (fchdir(osio_fileno(a[0])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_chmod(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "mode", "*", "dir_fd", "follow_symlinks", NULL};
    KaaValue a[4];
    osio_bind("chmod", args, nargs, kwnames, params, 0, 2, a);
    OsPath p;
    path_arg(&p, "chmod", "path", true, a[0]);
    int mode = osio_int(a[1]), dir_fd = osio_dir_fd(a[2]);
    bool follow = follow_arg(a[3]);
    check_fd_combos("chmod", &p, dir_fd, follow);
    int r;
    if (p.narrow == NULL) {
        r = fchmod(p.fd, (mode_t)mode);
    } else if (dir_fd != AT_FDCWD || !follow) {
        r = fchmodat(dir_fd, p.narrow, (mode_t)mode, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    } else {
        r = chmod(p.narrow, (mode_t)mode);
    }
    if (r != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

static KaaValue posix_fchmod(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fd", "mode", NULL};
    KaaValue a[2];
    osio_bind("fchmod", args, nargs, kwnames, params, 0, 2, a);
    if (fchmod(osio_int(a[0]), (mode_t)osio_int(a[1])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

// uid and gid arguments: -1 means "unchanged".
static uid_t id_arg(KaaValue v) {
    int64_t i;
    if (!index_i64(v, &i) || i < -1 || i > UINT32_MAX) {
        kaa_raise_overflow("uid is greater than maximum");
    }
    return (uid_t)i;
}

static KaaValue posix_chown(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "uid", "gid", "*", "dir_fd", "follow_symlinks",
                                         NULL};
    KaaValue a[5];
    osio_bind("chown", args, nargs, kwnames, params, 0, 3, a);
    OsPath p;
    path_arg(&p, "chown", "path", true, a[0]);
    uid_t uid = id_arg(a[1]);
    gid_t gid = id_arg(a[2]);
    int dir_fd = osio_dir_fd(a[3]);
    bool follow = follow_arg(a[4]);
    check_fd_combos("chown", &p, dir_fd, follow);
    int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
    int r = p.narrow == NULL ? fchown(p.fd, uid, gid)
                             : fchownat(dir_fd, p.narrow, uid, gid, flags);
    if (r != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

static KaaValue posix_lchown(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "uid", "gid", NULL};
    KaaValue a[3];
    osio_bind("lchown", args, nargs, kwnames, params, 0, 3, a);
    OsPath p;
    path_arg(&p, "lchown", "path", false, a[0]);
    if (lchown(p.narrow, id_arg(a[1]), id_arg(a[2])) != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

static KaaValue posix_fchown(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fd", "uid", "gid", NULL};
    KaaValue a[3];
    osio_bind("fchown", args, nargs, kwnames, params, 0, 3, a);
    if (fchown(osio_int(a[0]), id_arg(a[1]), id_arg(a[2])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

// The current directory as raw bytes (grown until getcwd fits).
static char *cwd_bytes(size_t *len) {
    size_t cap = 256;
    for (;;) {
        char *buf = kaa_alloc_atomic(cap);
        if (getcwd(buf, cap) != NULL) {
            *len = strlen(buf);
            return buf;
        }
        if (errno != ERANGE) {
            osio_raise_errno(errno, KAA_NULL, KAA_NULL);
        }
        cap *= 2;
    }
}

static KaaValue posix_getcwd(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("posix.getcwd", nargs, 0, 0);
    size_t len;
    char *s = cwd_bytes(&len);
    return osio_fs_decode(s, len);
}

static KaaValue posix_getcwdb(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("posix.getcwdb", nargs, 0, 0);
    size_t len;
    char *s = cwd_bytes(&len);
    return kaa_bytes_new(s, len);
}

// ---- paths: creating, removing, renaming, links -------------------------------------------------

static KaaValue posix_mkdir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "mode", "*", "dir_fd", NULL};
    KaaValue a[3];
    osio_bind("mkdir", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "mkdir", "path", false, a[0]);
    int mode = a[1] == KAA_NULL ? 0777 : osio_int(a[1]);
    if (mkdirat(osio_dir_fd(a[2]), p.narrow, (mode_t)mode) != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

static KaaValue posix_mkfifo(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "mode", "*", "dir_fd", NULL};
    KaaValue a[3];
    osio_bind("mkfifo", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "mkfifo", "path", false, a[0]);
    int mode = a[1] == KAA_NULL ? 0666 : osio_int(a[1]);
    if (mkfifoat(osio_dir_fd(a[2]), p.narrow, (mode_t)mode) != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

// rmdir, unlink and remove share one body: unlinkat with or without AT_REMOVEDIR.
static KaaValue remove_common(const char *fname, int flags, KaaValue *args, size_t nargs,
                              KaaTuple *kwnames) {
    static const char *const params[] = {"path", "*", "dir_fd", NULL};
    KaaValue a[2];
    osio_bind(fname, args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, fname, "path", false, a[0]);
    if (unlinkat(osio_dir_fd(a[1]), p.narrow, flags) != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

static KaaValue posix_rmdir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return remove_common("rmdir", AT_REMOVEDIR, args, nargs, kwnames);
}

static KaaValue posix_unlink(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return remove_common("unlink", 0, args, nargs, kwnames);
}

static KaaValue posix_remove(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return remove_common("remove", 0, args, nargs, kwnames);
}

// rename and replace are the same call on POSIX (rename replaces atomically).
static KaaValue rename_common(const char *fname, KaaValue *args, size_t nargs,
                              KaaTuple *kwnames) {
    static const char *const params[] = {"src", "dst", "*", "src_dir_fd", "dst_dir_fd", NULL};
    KaaValue a[4];
    osio_bind(fname, args, nargs, kwnames, params, 0, 2, a);
    OsPath src, dst;
    path_arg(&src, fname, "src", false, a[0]);
    path_arg(&dst, fname, "dst", false, a[1]);
    if (renameat(osio_dir_fd(a[2]), src.narrow, osio_dir_fd(a[3]), dst.narrow) != 0) {
        osio_raise_errno(errno, src.object, dst.object);
    }
    return kaa_None;
}

static KaaValue posix_rename(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return rename_common("rename", args, nargs, kwnames);
}

static KaaValue posix_replace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return rename_common("replace", args, nargs, kwnames);
}

static KaaValue posix_link(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"src", "dst", "*", "src_dir_fd", "dst_dir_fd",
                                         "follow_symlinks", NULL};
    KaaValue a[5];
    osio_bind("link", args, nargs, kwnames, params, 0, 2, a);
    OsPath src, dst;
    path_arg(&src, "link", "src", false, a[0]);
    path_arg(&dst, "link", "dst", false, a[1]);
    int flags = follow_arg(a[4]) ? AT_SYMLINK_FOLLOW : 0;
    if (linkat(osio_dir_fd(a[2]), src.narrow, osio_dir_fd(a[3]), dst.narrow, flags) != 0) {
        osio_raise_errno(errno, src.object, dst.object);
    }
    return kaa_None;
}

static KaaValue posix_symlink(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"src", "dst", "target_is_directory", "*", "dir_fd",
                                         NULL};
    KaaValue a[4];
    osio_bind("symlink", args, nargs, kwnames, params, 0, 2, a);
    OsPath src, dst;
    path_arg(&src, "symlink", "src", false, a[0]);
    path_arg(&dst, "symlink", "dst", false, a[1]);
    if (symlinkat(src.narrow, osio_dir_fd(a[3]), dst.narrow) != 0) {
        osio_raise_errno(errno, src.object, dst.object);
    }
    return kaa_None;
}

// readlink(): the buffer doubles until the target fits (readlink does not say its length).
static KaaValue posix_readlink(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "*", "dir_fd", NULL};
    KaaValue a[2];
    osio_bind("readlink", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "readlink", "path", false, a[0]);
    int dir_fd = osio_dir_fd(a[1]);
    for (size_t cap = 256;; cap *= 2) {
        char *buf = kaa_alloc_atomic(cap);
        ssize_t n = readlinkat(dir_fd, p.narrow, buf, cap);
        if (n < 0) {
            osio_raise_path(errno, &p);
        }
        if ((size_t)n < cap) {
            return osio_name_value(&p, buf, (size_t)n);
        }
    }
}

static KaaValue posix_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "length", NULL};
    KaaValue a[2];
    osio_bind("truncate", args, nargs, kwnames, params, 0, 2, a);
    OsPath p;
    path_arg(&p, "truncate", "path", true, a[0]);
    off_t len = osio_off(a[1]);
    int r;
    do {
        r = p.narrow ? truncate(p.narrow, len) : ftruncate(p.fd, len);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_None;
}

// ---- utime --------------------------------------------------------------------------------------

// A time in seconds (int or float) as a timespec, rounding toward minus infinity.
static struct timespec seconds_arg(KaaValue v) {
    struct timespec ts;
    if (kaa_is_float(v) || kaa_is_float_like(v)) {
        double d = kaa_float_of(v);
        if (isnan(d)) {
            kaa_raise_value_error("Invalid value NaN (not a number)");
        }
        double ip, fp = modf(d, &ip);
        fp = floor(fp * 1e9);
        if (fp >= 1e9) {
            fp -= 1e9;
            ip += 1;
        } else if (fp < 0) {
            fp += 1e9;
            ip -= 1;
        }
        if (ip < (double)INT64_MIN || ip >= (double)INT64_MAX) {
            kaa_raise_overflow("timestamp out of range for platform time_t");
        }
        ts.tv_sec = (time_t)ip;
        ts.tv_nsec = (long)fp;
        return ts;
    }
    ts.tv_sec = (time_t)kaa_int_as_i64(kaa_index(v));
    ts.tv_nsec = 0;
    return ts;
}

// An int of nanoseconds as a timespec (floor division).
static struct timespec ns_arg(KaaValue v) {
    KaaValue billion = kaa_from_small(1000000000);
    KaaValue q = kaa_binary_op(v, billion, KAA_OP_FLOORDIV);
    KaaValue r = kaa_binary_op(v, billion, KAA_OP_MOD);
    struct timespec ts = {(time_t)kaa_int_as_i64(q), (long)kaa_int_as_i64(r)};
    return ts;
}

static bool two_tuple(KaaValue v) { return kaa_is_tuple(v) && kaa_tuple(v)->len == 2; }

// Reads times= or ns= into ts[2]; false when neither was given (use the current time).
static bool utime_times(KaaValue times, KaaValue ns, struct timespec ts[2]) {
    bool have_times = !osio_none(times);
    if (have_times && ns != KAA_NULL) {
        kaa_raise_value_error("utime: you may specify either 'times' or 'ns' but not both");
    }
    if (have_times) {
        if (!two_tuple(times)) {
            kaa_raise_type_error("utime: 'times' must be either a tuple of two ints or None");
        }
        ts[0] = seconds_arg(kaa_tuple(times)->items[0]);
        ts[1] = seconds_arg(kaa_tuple(times)->items[1]);
        return true;
    }
    if (ns != KAA_NULL) {
        if (!two_tuple(ns)) {
            kaa_raise_type_error("utime: 'ns' must be a tuple of two ints");
        }
        ts[0] = ns_arg(kaa_tuple(ns)->items[0]);
        ts[1] = ns_arg(kaa_tuple(ns)->items[1]);
        return true;
    }
    return false;
}

// utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True): utimensat(2) does
// all the variants; no times means now.
static KaaValue posix_utime(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "times", "*", "ns", "dir_fd", "follow_symlinks",
                                         NULL};
    KaaValue a[5];
    osio_bind("utime", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    path_arg(&p, "utime", "path", true, a[0]);
    struct timespec ts[2];
    bool given = utime_times(a[1], a[2], ts);
    int dir_fd = osio_dir_fd(a[3]);
    bool follow = follow_arg(a[4]);
    check_fd_combos("utime", &p, dir_fd, follow);
    int r = p.narrow == NULL ? futimens(p.fd, given ? ts : NULL)
                             : utimensat(dir_fd, p.narrow, given ? ts : NULL,
                                         follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);  // CPython names no file here
    }
    return kaa_None;
}

// ---- file descriptors ---------------------------------------------------------------------------

static KaaValue posix_open(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "flags", "mode", "*", "dir_fd", NULL};
    KaaValue a[4];
    osio_bind("open", args, nargs, kwnames, params, 0, 2, a);
    OsPath p;
    path_arg(&p, "open", "path", false, a[0]);
    int flags = osio_int(a[1]);
    int mode = a[2] == KAA_NULL ? 0777 : osio_int(a[2]);
    int dir_fd = osio_dir_fd(a[3]);
    // Descriptors kaa creates are not inherited by child processes (PEP 446).
    int fd = osio_openat_retry(dir_fd, p.narrow, flags | O_CLOEXEC, mode);
    if (fd < 0) {
        osio_raise_path(errno, &p);
    }
    return kaa_from_small(fd);
}

static int fd_only(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fd", NULL};
    KaaValue a[1];
    osio_bind(fname, args, nargs, kwnames, params, 0, 1, a);
    return osio_int(a[0]);
}

static KaaValue posix_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    int fd = fd_only("close", args, nargs, kwnames);
    // close() is not retried on EINTR: on Linux the descriptor is gone either way.
    if (close(fd) != 0 && errno != EINTR) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_closerange(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("closerange", kw);
    kaa_args_count("closerange", nargs, 2, 2);
    int lo = osio_int(args[0]), hi = osio_int(args[1]);
    for (int fd = lo < 0 ? 0 : lo; fd < hi; fd++) {
        close(fd);
    }
    return kaa_None;
}

// dup(): the copy is non-inheritable (PEP 446).
static KaaValue posix_dup(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("dup", kwnames);
    kaa_args_count("dup", nargs, 1, 1);
    int fd = fcntl(osio_int(args[0]), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(fd);
}

// dup2(fd, fd2, inheritable=True): returns fd2 (3.7+).
static KaaValue posix_dup2(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fd", "fd2", "inheritable", NULL};
    KaaValue a[3];
    osio_bind("dup2", args, nargs, kwnames, params, 0, 2, a);
    int fd = osio_int(a[0]), fd2 = osio_int(a[1]);
    bool inheritable = a[2] == KAA_NULL || kaa_truthy(a[2]);
    int r = inheritable ? dup2(fd, fd2) : dup3(fd, fd2, O_CLOEXEC);
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(r);
}

// read(fd, n): a bytes object of n bytes, read into directly; copied only if the read was
// short.
static KaaValue posix_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("read", kwnames);
    kaa_args_count("read", nargs, 2, 2);
    int fd = osio_int(args[0]);
    ssize_t len = osio_ssize(args[1]);
    if (len < 0) {
        osio_raise_errno(EINVAL, KAA_NULL, KAA_NULL);
    }
    KaaValue b = kaa_bytes_new_raw((size_t)len);
    ssize_t n;
    do {
        n = read(fd, kaa_bytes(b)->data, (size_t)len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    if (n == len) {
        return b;
    }
    return kaa_bytes_new(kaa_bytes(b)->data, (size_t)n);
}

// write(fd, data): any bytes-like object; one write(2), which may be partial.
static KaaValue posix_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("write", kwnames);
    kaa_args_count("write", nargs, 2, 2);
    int fd = osio_int(args[0]);
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(args[1], &data, &len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'",
                             kaa_type_name_of(args[1]));
    }
    ssize_t n;
    do {
        n = write(fd, data, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(n);
}

static KaaValue posix_pread(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("pread", kwnames);
    kaa_args_count("pread", nargs, 3, 3);
    int fd = osio_int(args[0]);
    ssize_t len = osio_ssize(args[1]);
    off_t off = osio_off(args[2]);
    if (len < 0) {
        osio_raise_errno(EINVAL, KAA_NULL, KAA_NULL);
    }
    char *buf = kaa_alloc_atomic((size_t)len + 1);
    ssize_t n;
    do {
        n = pread(fd, buf, (size_t)len, off);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_bytes_new(buf, (size_t)n);
}

static KaaValue posix_pwrite(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("pwrite", kwnames);
    kaa_args_count("pwrite", nargs, 3, 3);
    int fd = osio_int(args[0]);
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(args[1], &data, &len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'",
                             kaa_type_name_of(args[1]));
    }
    ssize_t n;
    do {
        n = pwrite(fd, data, len, osio_off(args[2]));
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(n);
}

static KaaValue posix_lseek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("lseek", kwnames);
    kaa_args_count("lseek", nargs, 3, 3);
    int fd = osio_int(args[0]);
    off_t pos = osio_off(args[1]);
    int how = osio_int(args[2]);
    off_t r = lseek(fd, pos, how);
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_int_from_i64(r);
}

static KaaValue fd_pair(int fds[2]) {
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_small(fds[0]), kaa_from_small(fds[1])));
}

// pipe(): both ends non-inheritable.
static KaaValue posix_pipe(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("posix.pipe", nargs, 0, 0);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return fd_pair(fds);
}

static KaaValue posix_pipe2(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("pipe2", kwnames);
    kaa_args_count("pipe2", nargs, 1, 1);
    int fds[2];
    if (pipe2(fds, osio_int(args[0])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return fd_pair(fds);
}

static KaaValue posix_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("isatty", kwnames);
    kaa_args_count("isatty", nargs, 1, 1);
    return kaa_bool(isatty(osio_int(args[0])));
}

static KaaValue posix_ttyname(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("ttyname", kwnames);
    kaa_args_count("ttyname", nargs, 1, 1);
    char buf[256];
    int err = ttyname_r(osio_int(args[0]), buf, sizeof buf);
    if (err != 0) {
        osio_raise_errno(err, KAA_NULL, KAA_NULL);
    }
    return osio_fs_decode(buf, strlen(buf));
}

static int fd_flags(int fd, int cmd) {
    int flags = fcntl(fd, cmd);
    if (flags < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return flags;
}

static KaaValue posix_get_inheritable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("get_inheritable", kw);
    kaa_args_count("get_inheritable", nargs, 1, 1);
    return kaa_bool(!(fd_flags(osio_int(args[0]), F_GETFD) & FD_CLOEXEC));
}

static KaaValue posix_set_inheritable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("set_inheritable", kw);
    kaa_args_count("set_inheritable", nargs, 2, 2);
    int fd = osio_int(args[0]);
    bool inheritable = osio_int(args[1]) != 0;
    int flags = fd_flags(fd, F_GETFD);
    flags = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
    if (fcntl(fd, F_SETFD, flags) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_get_blocking(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("get_blocking", kw);
    kaa_args_count("get_blocking", nargs, 1, 1);
    return kaa_bool(!(fd_flags(osio_int(args[0]), F_GETFL) & O_NONBLOCK));
}

static KaaValue posix_set_blocking(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("set_blocking", kw);
    kaa_args_count("set_blocking", nargs, 2, 2);
    int fd = osio_int(args[0]);
    bool blocking = osio_int(args[1]) != 0;
    int flags = fd_flags(fd, F_GETFL);
    flags = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
    if (fcntl(fd, F_SETFL, flags) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

// fsync and fdatasync take a descriptor or anything with fileno().
static KaaValue sync_common(const char *fname, int (*fn)(int), KaaValue *args, size_t nargs,
                            KaaTuple *kwnames) {
    static const char *const params[] = {"fd", NULL};
    KaaValue a[1];
    osio_bind(fname, args, nargs, kwnames, params, 0, 1, a);
    int fd = osio_fileno(a[0]), r;
    do {
        r = fn(fd);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_fsync(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return sync_common("fsync", fsync, args, nargs, kwnames);
}

static KaaValue posix_fdatasync(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return sync_common("fdatasync", fdatasync, args, nargs, kwnames);
}

static KaaValue posix_sync(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("posix.sync", nargs, 0, 0);
    sync();
    return kaa_None;
}

static KaaValue posix_ftruncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("ftruncate", kwnames);
    kaa_args_count("ftruncate", nargs, 2, 2);
    int fd = osio_int(args[0]);
    off_t len = osio_off(args[1]);
    int r;
    do {
        r = ftruncate(fd, len);
    } while (r != 0 && errno == EINTR);
    if (r != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_device_encoding(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kwnames) {
    static const char *const params[] = {"fd", NULL};
    KaaValue a[1];
    osio_bind("device_encoding", args, nargs, kwnames, params, 0, 1, a);
    // kaa always runs in UTF-8 mode: a terminal is UTF-8, anything else has no encoding.
    return isatty(osio_int(a[0])) ? kaa_str_from_cstr("UTF-8") : kaa_None;
}

static KaaValue posix_sendfile(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"out_fd", "in_fd", "offset", "count", NULL};
    KaaValue a[4];
    osio_bind("sendfile", args, nargs, kwnames, params, 0, 4, a);
    int out_fd = osio_int(a[0]), in_fd = osio_int(a[1]);
    size_t count = (size_t)osio_ssize(a[3]);
    off_t off = 0;
    bool has_off = a[2] != kaa_None;
    if (has_off) {
        off = osio_off(a[2]);
    }
    ssize_t n;
    do {
        n = sendfile(out_fd, in_fd, has_off ? &off : NULL, count);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(n);
}

static const char *const terminal_size_fields[] = {"columns", "lines"};

static KaaValue posix_get_terminal_size(KaaValue self, KaaValue *args, size_t nargs,
                                        KaaTuple *kwnames) {
    kaa_args_no_kw("get_terminal_size", kwnames);
    kaa_args_count("get_terminal_size", nargs, 0, 1);
    int fd = nargs ? osio_int(args[0]) : 1;
    struct winsize w;
    if (ioctl(fd, TIOCGWINSZ, &w) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    KaaValue v[2] = {kaa_from_small(w.ws_col), kaa_from_small(w.ws_row)};
    return osio_structseq_make(&terminal_size_type, v);
}

// ---- small utilities ----------------------------------------------------------------------------

static KaaValue posix_fspath(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue a[1];
    osio_bind("fspath", args, nargs, kwnames, params, 0, 1, a);
    return osio_fspath(a[0]);
}

static KaaValue posix_strerror(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("strerror", kwnames);
    kaa_args_count("strerror", nargs, 1, 1);
    return kaa_str_from_cstr(strerror(osio_int(args[0])));
}

static KaaValue posix_umask(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("umask", kwnames);
    kaa_args_count("umask", nargs, 1, 1);
    return kaa_from_small(umask((mode_t)osio_int(args[0])));
}

// urandom(n): getrandom(2) until n bytes came (it may return fewer for large requests).
static KaaValue posix_urandom(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("urandom", kwnames);
    kaa_args_count("urandom", nargs, 1, 1);
    ssize_t len = osio_ssize(args[0]);
    if (len < 0) {
        kaa_raise_value_error("negative argument not allowed");
    }
    KaaValue b = kaa_bytes_new_raw((size_t)len);
    uint8_t *p = kaa_bytes(b)->data;
    for (size_t done = 0; done < (size_t)len;) {
        ssize_t n = getrandom(p + done, (size_t)len - done, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            osio_raise_errno(errno, KAA_NULL, KAA_NULL);
        }
        done += (size_t)n;
    }
    return b;
}

// Appends the normalised form of one path: '.' components dropped, '..' folding the previous
// component away where it can, repeated slashes merged. Exactly two leading slashes stay two.
static KaaValue normpath(KaaValue path) {
    KaaStr *s = kaa_str(path);
    size_t n = s->len, i = 0;
    if (n == 1 && kaa_str_char(s, 0) == '.') {
        return path;
    }
    uint32_t *out = kaa_alloc_atomic((n + 1) * sizeof(uint32_t));
    size_t len = 0, root = 0;
    while (i < n && kaa_str_char(s, i) == '/') {
        i++;
    }
    if (i > 0) {
        root = i == 2 ? 2 : 1;
        out[0] = out[1] = '/';
        len = root;
    }
    while (i < n) {
        size_t start = i;
        while (i < n && kaa_str_char(s, i) != '/') {
            i++;
        }
        size_t clen = i - start;
        while (i < n && kaa_str_char(s, i) == '/') {
            i++;
        }
        bool dot = clen == 1 && kaa_str_char(s, start) == '.';
        bool dotdot = clen == 2 && kaa_str_char(s, start) == '.' &&
                      kaa_str_char(s, start + 1) == '.';
        if (clen == 0 || dot) {
            continue;
        }
        if (dotdot) {
            // The last component written, if any, starts after the last '/' past the root.
            size_t last = len;
            while (last > root && out[last - 1] != '/') {
                last--;
            }
            bool prev_dotdot = len - last == 2 && out[last] == '.' && out[last + 1] == '.';
            if (len > root && !prev_dotdot) {
                len = last > root ? last - 1 : root;
                continue;
            }
            if (root > 0) {
                continue;  // '..' at the root stays at the root
            }
        }
        if (len > root) {
            out[len++] = '/';
        }
        for (size_t k = 0; k < clen; k++) {
            out[len++] = kaa_str_char(s, start + k);
        }
    }
    return kaa_str_from_ucs4(out, len);
}

// posix._path_normpath (3.11.7+): Lib/posixpath.py's normpath uses it when present.
static KaaValue posix_path_normpath(KaaValue self, KaaValue *args, size_t nargs,
                                    KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue a[1];
    osio_bind("_path_normpath", args, nargs, kwnames, params, 0, 1, a);
    if (!kaa_is_str(a[0])) {
        kaa_raise_type_error("expected 'str', not '%s'", kaa_type_name_of(a[0]));
    }
    return normpath(a[0]);
}

static const KaaMethodDef posix_methods[] = {
    {"stat", posix_stat, 0, NULL},
    {"lstat", posix_lstat, 0, NULL},
    {"fstat", posix_fstat, 0, NULL},
    {"statvfs", posix_statvfs, 0, NULL},
    {"fstatvfs", posix_fstatvfs, 0, NULL},
    {"access", posix_access, 0, NULL},
    {"chdir", posix_chdir, 0, NULL},
    {"fchdir", posix_fchdir, 0, NULL},
    {"chmod", posix_chmod, 0, NULL},
    {"fchmod", posix_fchmod, 0, NULL},
    {"chown", posix_chown, 0, NULL},
    {"lchown", posix_lchown, 0, NULL},
    {"fchown", posix_fchown, 0, NULL},
    {"getcwd", posix_getcwd, 0, NULL},
    {"getcwdb", posix_getcwdb, 0, NULL},
    {"mkdir", posix_mkdir, 0, NULL},
    {"mkfifo", posix_mkfifo, 0, NULL},
    {"rmdir", posix_rmdir, 0, NULL},
    {"unlink", posix_unlink, 0, NULL},
    {"remove", posix_remove, 0, NULL},
    {"rename", posix_rename, 0, NULL},
    {"replace", posix_replace, 0, NULL},
    {"link", posix_link, 0, NULL},
    {"symlink", posix_symlink, 0, NULL},
    {"readlink", posix_readlink, 0, NULL},
    {"truncate", posix_truncate, 0, NULL},
    {"utime", posix_utime, 0, NULL},
    {"listdir", osio_posix_listdir, 0, NULL},
    {"scandir", osio_posix_scandir, 0, NULL},
    {"open", posix_open, 0, NULL},
    {"close", posix_close, 0, NULL},
    {"closerange", posix_closerange, 0, NULL},
    {"dup", posix_dup, 0, NULL},
    {"dup2", posix_dup2, 0, NULL},
    {"read", posix_read, 0, NULL},
    {"write", posix_write, 0, NULL},
    {"pread", posix_pread, 0, NULL},
    {"pwrite", posix_pwrite, 0, NULL},
    {"lseek", posix_lseek, 0, NULL},
    {"pipe", posix_pipe, 0, NULL},
    {"pipe2", posix_pipe2, 0, NULL},
    {"isatty", posix_isatty, 0, NULL},
    {"ttyname", posix_ttyname, 0, NULL},
    {"get_inheritable", posix_get_inheritable, 0, NULL},
    {"set_inheritable", posix_set_inheritable, 0, NULL},
    {"get_blocking", posix_get_blocking, 0, NULL},
    {"set_blocking", posix_set_blocking, 0, NULL},
    {"fsync", posix_fsync, 0, NULL},
    {"fdatasync", posix_fdatasync, 0, NULL},
    {"sync", posix_sync, 0, NULL},
    {"ftruncate", posix_ftruncate, 0, NULL},
    {"device_encoding", posix_device_encoding, 0, NULL},
    {"sendfile", posix_sendfile, 0, NULL},
    {"get_terminal_size", posix_get_terminal_size, 0, NULL},
    {"fspath", posix_fspath, 0, NULL},
    {"strerror", posix_strerror, 0, NULL},
    {"umask", posix_umask, 0, NULL},
    {"urandom", posix_urandom, 0, NULL},
    {"_path_normpath", posix_path_normpath, 0, NULL},
    {NULL},
};

// ---- constants ----------------------------------------------------------------------------------

typedef struct {
    const char *name;
    long value;
} IntConst;

#define C(name) {#name, name}
static const IntConst posix_consts[] = {
    C(F_OK), C(R_OK), C(W_OK), C(X_OK), C(TMP_MAX), C(NGROUPS_MAX),
    C(O_RDONLY), C(O_WRONLY), C(O_RDWR), C(O_APPEND), C(O_CREAT), C(O_EXCL), C(O_TRUNC),
    C(O_NONBLOCK), C(O_NDELAY), C(O_SYNC), C(O_DSYNC), C(O_RSYNC), C(O_NOCTTY), C(O_CLOEXEC),
    C(O_DIRECTORY), C(O_NOFOLLOW), C(O_ACCMODE), C(O_ASYNC), C(O_DIRECT), C(O_LARGEFILE),
    C(O_NOATIME), C(O_PATH), C(O_TMPFILE), C(O_FSYNC),
    C(F_LOCK), C(F_TLOCK), C(F_ULOCK), C(F_TEST),
    C(SEEK_DATA), C(SEEK_HOLE),
    C(WNOHANG), C(WUNTRACED), C(WCONTINUED), C(WEXITED), C(WSTOPPED), C(WNOWAIT),
    C(P_PID), C(P_PGID), C(P_ALL),
    C(EX_OK), C(EX_USAGE), C(EX_DATAERR), C(EX_NOINPUT), C(EX_NOUSER), C(EX_NOHOST),
    C(EX_UNAVAILABLE), C(EX_SOFTWARE), C(EX_OSERR), C(EX_OSFILE), C(EX_CANTCREAT), C(EX_IOERR),
    C(EX_TEMPFAIL), C(EX_PROTOCOL), C(EX_NOPERM), C(EX_CONFIG),
    C(ST_RDONLY), C(ST_NOSUID), C(ST_NODEV), C(ST_NOEXEC), C(ST_SYNCHRONOUS),
    C(ST_MANDLOCK), C(ST_WRITE), C(ST_APPEND), C(ST_NOATIME), C(ST_NODIRATIME), C(ST_RELATIME),
    C(CLD_EXITED), C(CLD_KILLED), C(CLD_DUMPED), C(CLD_TRAPPED), C(CLD_STOPPED),
    C(CLD_CONTINUED),
    C(PRIO_PROCESS), C(PRIO_PGRP), C(PRIO_USER),
    C(RTLD_LAZY), C(RTLD_NOW), C(RTLD_GLOBAL), C(RTLD_LOCAL), C(RTLD_NODELETE),
    C(RTLD_NOLOAD), C(RTLD_DEEPBIND),
    C(GRND_NONBLOCK), C(GRND_RANDOM),
    C(SCHED_OTHER), C(SCHED_FIFO), C(SCHED_RR), C(SCHED_BATCH), C(SCHED_IDLE),
    C(SCHED_RESET_ON_FORK),
    C(POSIX_FADV_NORMAL), C(POSIX_FADV_SEQUENTIAL), C(POSIX_FADV_RANDOM),
    C(POSIX_FADV_NOREUSE), C(POSIX_FADV_WILLNEED), C(POSIX_FADV_DONTNEED),
};
#undef C

// The HAVE_* names Lib/os.py reads to build supports_dir_fd, supports_fd and
// supports_follow_symlinks; every function named by one accepts those arguments here.
static const char *const have_functions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FCHMODAT", "HAVE_FCHOWN",
    "HAVE_FCHOWNAT", "HAVE_FDOPENDIR", "HAVE_FSTATAT", "HAVE_FSTATVFS", "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS", "HAVE_LINKAT", "HAVE_LCHOWN", "HAVE_LSTAT", "HAVE_MKDIRAT", "HAVE_MKFIFOAT",
    "HAVE_MKNODAT", "HAVE_OPENAT", "HAVE_READLINKAT", "HAVE_RENAMEAT", "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT", "HAVE_UTIMENSAT", NULL,
};

static void add_constants(KaaValue m) {
    for (size_t i = 0; i < sizeof posix_consts / sizeof posix_consts[0]; i++) {
        kaa_module_add(m, posix_consts[i].name, kaa_int_from_i64(posix_consts[i].value));
    }
    KaaList *have = kaa_list_new(0);
    for (size_t i = 0; have_functions[i]; i++) {
        kaa_list_append(have, kaa_str_from_cstr(have_functions[i]));
    }
    kaa_module_add(m, "_have_functions", kaa_from_obj(have));
}

// The module is made once: `import os` and `import posix` share it.
KaaValue kaa_posix_init(void) {
    static KaaValue module;
    if (module != KAA_NULL) {
        return module;
    }
    fs_encoding = kaa_str_intern_cstr("utf-8");
    fs_errors = kaa_str_intern_cstr("surrogateescape");
    KaaValue m = kaa_module_new_cstr("posix");
    module = m;
    kaa_module_add_methods(m, posix_methods);
    add_constants(m);
    osio_structseq_ready(&osio_stat_result_type, "os.stat_result", stat_fields, 19, 10);
    osio_structseq_ready(&statvfs_result_type, "os.statvfs_result", statvfs_fields, 11, 10);
    osio_structseq_ready(&terminal_size_type, "os.terminal_size", terminal_size_fields, 2, 2);
    kaa_module_add(m, "stat_result", kaa_from_obj(&osio_stat_result_type.type));
    kaa_module_add(m, "statvfs_result", kaa_from_obj(&statvfs_result_type.type));
    kaa_module_add(m, "terminal_size", kaa_from_obj(&terminal_size_type.type));
    kaa_module_add(m, "error", kaa_from_obj(kaa_OSError));
    osio_dir_ready(m);
    osio_proc_add(m);
    return m;
}
