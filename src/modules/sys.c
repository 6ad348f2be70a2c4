// modules/sys.c — the sys module, and the standard streams behind sys.stdout/stderr/stdin.
//
// Stage: modules. The streams are a small C file type (writes go through a buffer to the file
// descriptor; -u and PYTHONUNBUFFERED make them write through) until the io module takes
// over. sys.version_info, sys.flags and sys.implementation have CPython's shape.
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modules/modules.h"
#include "pyc/pyc.h"
#include "runtime/import.h"
#include "vm/vm.h"

static KaaValue sys_module;

KaaValue kaa_sys_get(const char *name) {
    if (sys_module == KAA_NULL) {
        return KAA_NULL;
    }
    return kaa_dict_get_cstr(((KaaModule *)kaa_obj(sys_module))->dict, name);
}

// ---- standard streams -----------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    int fd;
    bool write_through;  // -u, or a terminal on stderr
    bool line_buffered;  // a terminal
    bool closed;
    size_t len;
    char *buf;           // pending output (atomic memory)
    KaaValue name;
    KaaValue read_buf;   // stdin: unread bytes
} KaaStdFile;

#define STDFILE_BUF 8192

static KaaStdFile *sf(KaaValue v) { return (KaaStdFile *)kaa_obj(v); }

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            kaa_raise_os_error(errno, KAA_NULL);
        }
        p += w;
        n -= (size_t)w;
    }
}

static void stdfile_flush_buffer(KaaStdFile *f) {
    if (f->len > 0) {
        size_t n = f->len;
        f->len = 0;
        write_all(f->fd, f->buf, n);
    }
}

static void stdfile_write_bytes(KaaStdFile *f, const char *p, size_t n) {
    if (f->closed) {
        kaa_raise_value_error("I/O operation on closed file.");
    }
    if (f->len + n > STDFILE_BUF) {
        stdfile_flush_buffer(f);
    }
    if (n >= STDFILE_BUF) {
        write_all(f->fd, p, n);
    } else {
        memcpy(f->buf + f->len, p, n);
        f->len += n;
    }
    if (f->write_through || (f->line_buffered && memchr(p, '\n', n) != NULL)) {
        stdfile_flush_buffer(f);
    }
}

static KaaType stdfile_type;

void kaa_file_write_str(KaaValue file, KaaValue s) {
    if (kaa_is_type(file, &stdfile_type)) {
        size_t n;
        const char *p = kaa_str_utf8_sp(s, &n);
        stdfile_write_bytes(sf(file), p, n);
        return;
    }
    kaa_call_method(file, KAA_ID(write), &s, 1);
}

static KaaValue stdfile_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("write", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("write() argument must be str, not %s", kaa_argtype_name(args[0]));
    }
    kaa_file_write_str(self, args[0]);
    return kaa_int_from_i64((int64_t)kaa_str(args[0])->len);
}

static KaaValue stdfile_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    stdfile_flush_buffer(sf(self));
    return kaa_None;
}

static KaaValue stdfile_fileno(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_small(sf(self)->fd);
}

static KaaValue stdfile_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_bool(isatty(sf(self)->fd));
}

static KaaValue stdfile_true(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_True;
}

// Reads one line (with its newline) from the stream, or "" at the end.
static KaaValue stdfile_readline(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaStdFile *f = sf(self);
    char *buf = kaa_alloc_atomic(256);
    size_t len = 0, cap = 256;
    for (;;) {
        char c;
        ssize_t n = read(f->fd, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        if (len + 1 >= cap) {
            char *nb = kaa_alloc_atomic(cap * 2);
            memcpy(nb, buf, len);
            buf = nb;
            cap *= 2;
        }
        buf[len++] = c;
        if (c == '\n') {
            break;
        }
    }
    return kaa_str_from_utf8(buf, len);
}

static KaaValue stdfile_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaStdFile *f = sf(self);
    size_t cap = 4096, len = 0;
    char *buf = kaa_alloc_atomic(cap);
    for (;;) {
        if (len == cap) {
            char *nb = kaa_alloc_atomic(cap * 2);
            memcpy(nb, buf, len);
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(f->fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        len += (size_t)n;
    }
    return kaa_str_from_utf8(buf, len);
}

static KaaValue stdfile_repr(KaaValue self) {
    return kaa_str_printf("<_io.TextIOWrapper name=%R mode='%s' encoding='utf-8'>",
                          sf(self)->name, sf(self)->fd == 0 ? "r" : "w");
}

static KaaValue stdfile_name(KaaValue self) { return sf(self)->name; }
static KaaValue stdfile_encoding(KaaValue self) { return kaa_str_from_cstr("utf-8"); }
static KaaValue stdfile_closed(KaaValue self) { return kaa_bool(sf(self)->closed); }

static const KaaMethodDef stdfile_methods[] = {
    {"write", stdfile_write, 0, NULL},
    {"flush", stdfile_flush, 0, NULL},
    {"fileno", stdfile_fileno, 0, NULL},
    {"isatty", stdfile_isatty, 0, NULL},
    {"readable", stdfile_true, 0, NULL},
    {"writable", stdfile_true, 0, NULL},
    {"readline", stdfile_readline, 0, NULL},
    {"read", stdfile_read, 0, NULL},
    {NULL},
};

static const KaaGetSetDef stdfile_getsets[] = {
    {"name", stdfile_name, NULL, NULL},
    {"encoding", stdfile_encoding, NULL, NULL},
    {"closed", stdfile_closed, NULL, NULL},
    {NULL},
};

static KaaType stdfile_type = {
    .ob = {&kaa_type_type},
    .name = "_io.TextIOWrapper",
    .instance_size = sizeof(KaaStdFile),
    .repr = stdfile_repr,
    .methods = stdfile_methods,
    .getsets = stdfile_getsets,
};

static KaaValue stdfile_new(int fd, const char *name, bool unbuffered) {
    KaaStdFile *f = kaa_alloc(sizeof *f);
    f->ob.type = &stdfile_type;
    f->fd = fd;
    f->buf = kaa_alloc_atomic(STDFILE_BUF);
    f->line_buffered = isatty(fd);
    f->write_through = unbuffered || fd == 2;
    f->name = kaa_str_from_cstr(name);
    return kaa_from_obj(f);
}

// Flushes sys.stdout and sys.stderr at exit, whatever they were replaced with.
void kaa_sys_flush_std_streams(void) {
    static const char *const names[] = {"stdout", "stderr"};
    for (int i = 0; i < 2; i++) {
        KaaValue f = kaa_sys_get(names[i]);
        if (f == KAA_NULL || f == kaa_None) {
            continue;
        }
        KaaHandler h;
        kaa_handler_push(&h);
        if (setjmp(h.buf) == 0) {
            if (kaa_is_type(f, &stdfile_type)) {
                stdfile_flush_buffer(sf(f));
            } else {
                KaaValue flush = kaa_getattr_opt(f, KAA_ID(flush));
                if (flush != KAA_NULL) {
                    kaa_call0(flush);
                }
            }
            kaa_handler_pop(&h);
        }
    }
}

// ---- struct sequences: version_info, flags ------------------------------------------------------

typedef struct {
    const char *type_name;
    const char *const *fields;
} StructSeqDesc;

static KaaValue structseq_repr(KaaValue self) {
    KaaType *t = kaa_type_of(self);
    const StructSeqDesc *d = (const StructSeqDesc *)(uintptr_t)kaa_int_val(
        kaa_dict_get_cstr(t->dict, "_kaa_desc"));
    KaaTuple *tup = kaa_tuple(self);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, d->type_name);
    kaa_strbuf_putc(&b, '(');
    for (int64_t i = 0; i < tup->len && d->fields[i]; i++) {
        if (i > 0) {
            kaa_strbuf_puts(&b, ", ");
        }
        kaa_strbuf_puts(&b, d->fields[i]);
        kaa_strbuf_putc(&b, '=');
        kaa_strbuf_putstr(&b, kaa_repr(tup->items[i]));
    }
    kaa_strbuf_putc(&b, ')');
    return kaa_strbuf_finish(&b);
}

// A one-instance tuple subclass whose items are also named attributes: each field is a class
// attribute holding the value (sys.version_info and sys.flags never change).
static KaaValue make_structseq(const StructSeqDesc *desc, KaaValue *values, size_t n) {
    KaaDict *ns = kaa_dict_new();
    kaa_dict_set_cstr(ns, "_kaa_desc", kaa_from_small((int64_t)(uintptr_t)desc));
    kaa_dict_set_cstr(ns, "n_fields", kaa_from_small((int64_t)n));
    kaa_dict_set_cstr(ns, "n_sequence_fields", kaa_from_small((int64_t)n));
    kaa_dict_set_cstr(ns, "n_unnamed_fields", kaa_from_small(0));
    for (size_t i = 0; i < n && desc->fields[i]; i++) {
        kaa_dict_set_cstr(ns, desc->fields[i], values[i]);
    }
    const char *dot = strrchr(desc->type_name, '.');
    KaaValue name = kaa_str_from_cstr(dot ? dot + 1 : desc->type_name);
    KaaTuple *bases = kaa_tuple_pack(1, kaa_from_obj(&kaa_tuple_type));
    KaaValue type = kaa_type_new(&kaa_type_type, name, bases, ns, NULL, NULL);
    KaaType *t = (KaaType *)kaa_obj(type);
    t->repr = structseq_repr;
    if (dot) {
        kaa_dict_set(t->dict, KAA_ID(__module__),
                     kaa_str_from_ascii(desc->type_name, (size_t)(dot - desc->type_name)));
    }
    kaa_type_modified(t);
    return kaa_call1(type, kaa_from_obj(kaa_tuple_from_array(values, n)));
}

static const char *const version_fields[] = {"major", "minor", "micro", "releaselevel", "serial",
                                             NULL};
static const StructSeqDesc version_desc = {"sys.version_info", version_fields};
static const char *const flags_fields[] = {
    "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site",
    "no_site", "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization",
    "isolated", "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path",
    "int_max_str_digits", NULL};
static const StructSeqDesc flags_desc = {"sys.flags", flags_fields};
static const char *const float_fields[] = {"max", "max_exp", "max_10_exp", "min", "min_exp",
                                           "min_10_exp", "dig", "mant_dig", "epsilon", "radix",
                                           "rounds", NULL};
static const StructSeqDesc float_desc = {"sys.float_info", float_fields};
static const char *const int_fields[] = {"bits_per_digit", "sizeof_digit",
                                         "default_max_str_digits", "str_digits_check_threshold",
                                         NULL};
static const StructSeqDesc int_desc = {"sys.int_info", int_fields};
static const char *const hash_fields[] = {"width", "modulus", "inf", "nan", "imag", "algorithm",
                                          "hash_bits", "seed_bits", "cutoff", NULL};
static const StructSeqDesc hash_desc = {"sys.hash_info", hash_fields};

// ---- simple namespace (sys.implementation; types.SimpleNamespace) --------------------------------

typedef struct {
    KaaObject ob;
    KaaValue dict;
} KaaNamespace;

static KaaValue namespace_repr(KaaValue self) {
    KaaDict *d = kaa_instance_dict(self);
    bool recursive = kaa_repr_enter(self);
    const char *name = kaa_type_of(self) == &kaa_namespace_type ? "namespace"
                                                                : kaa_type_name_of(self);
    if (recursive) {
        return kaa_str_printf("%s(...)", name);
    }
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, name);
    kaa_strbuf_putc(&b, '(');
    int64_t pos = 0;
    KaaValue k, v;
    bool first = true;
    while (kaa_dict_next(d, &pos, &k, &v)) {
        if (!first) {
            kaa_strbuf_puts(&b, ", ");
        }
        first = false;
        kaa_strbuf_putstr(&b, kaa_to_str(k));
        kaa_strbuf_putc(&b, '=');
        kaa_strbuf_putstr(&b, kaa_repr(v));
    }
    kaa_strbuf_putc(&b, ')');
    kaa_repr_leave(self);
    return kaa_strbuf_finish(&b);
}

static void namespace_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs > 0) {
        kaa_raise_type_error("no positional arguments expected");
    }
    KaaDict *d = kaa_instance_dict(self);
    for (int64_t i = 0; kwnames && i < kwnames->len; i++) {
        kaa_dict_set(d, kwnames->items[i], args[i]);
    }
}

static KaaValue namespace_richcompare(KaaValue a, KaaValue b, int op) {
    if ((op != KAA_EQ && op != KAA_NE) || !kaa_isinstance_exact_or_sub(b, &kaa_namespace_type)) {
        return kaa_NotImplemented;
    }
    bool eq = kaa_eq(kaa_from_obj(kaa_instance_dict(a)), kaa_from_obj(kaa_instance_dict(b)));
    return kaa_bool(eq == (op == KAA_EQ));
}

KaaType kaa_namespace_type = {
    .ob = {&kaa_type_type},
    .name = "types.SimpleNamespace",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaNamespace),
    .dict_offset = offsetof(KaaNamespace, dict),
    .repr = namespace_repr,
    .richcompare = namespace_richcompare,
    .init = namespace_init,
};

// ---- functions ----------------------------------------------------------------------------------

static KaaValue sys_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("exit", kw);
    kaa_args_count("exit", nargs, 0, 1);
    if (nargs == 1 && args[0] == kaa_None) {
        nargs = 0;  // sys.exit(None) raises SystemExit() with no arguments
    } else if (nargs == 1 && kaa_is_type(args[0], &kaa_tuple_type)) {
        // A tuple becomes the arguments themselves, as when C code raises with a tuple.
        KaaTuple *t = kaa_tuple(args[0]);
        kaa_raise(kaa_exc_new(kaa_SystemExit, t->items, (size_t)t->len));
    }
    kaa_raise(kaa_exc_new(kaa_SystemExit, args, nargs));
}

static KaaValue sys_getrecursionlimit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getrecursionlimit", nargs, 0, 0);
    return kaa_from_small(kaa_ts.recursion_limit);
}

static KaaValue sys_setrecursionlimit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("setrecursionlimit", nargs, 1, 1);
    if (kaa_is_float(args[0])) {
        kaa_raise_type_error("'float' object cannot be interpreted as an integer");
    }
    int64_t n = kaa_int_as_i64(kaa_index(args[0]));
    if (n < 1) {
        kaa_raise_value_error("recursion limit must be greater or equal than 1");
    }
    if (n > INT_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    if (n <= kaa_ts.depth) {
        kaa_raise_msg(kaa_RecursionError,
                      "cannot set the recursion limit to %lld at the recursion depth %d: the "
                      "limit is too low", (long long)n, kaa_ts.depth);
    }
    kaa_ts.recursion_limit = (int)n;
    return kaa_None;
}

static KaaValue sys_getframe(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_getframe", nargs, 0, 1);
    int64_t depth = nargs ? kaa_int_as_i64(args[0]) : 0;
    KaaFrame *f = kaa_ts.frame;
    while (depth-- > 0 && f != NULL) {
        f = f->previous;
    }
    if (f == NULL) {
        kaa_raise_value_error("call stack is not deep enough");
    }
    return kaa_frame_object(f);
}

static KaaValue sys_exc_info(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue e = kaa_handled_exception();
    if (e == KAA_NULL) {
        return kaa_from_obj(kaa_tuple_pack(3, kaa_None, kaa_None, kaa_None));
    }
    KaaValue tb = kaa_exc(e)->traceback;
    return kaa_from_obj(kaa_tuple_pack(3, kaa_from_obj(kaa_type_of(e)), e,
                                       tb == KAA_NULL ? kaa_None : tb));
}

static KaaValue sys_exception(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue e = kaa_handled_exception();
    return e == KAA_NULL ? kaa_None : e;
}

static KaaValue sys_intern(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("intern", nargs, 1, 1);
    if (!kaa_is_type(args[0], &kaa_str_type)) {
        kaa_raise_type_error("intern() argument must be str, not %s", kaa_argtype_name(args[0]));
    }
    return kaa_str_intern(args[0]);
}

static KaaValue sys_getsizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getsizeof", nargs, 1, 2);
    KaaValue meth = kaa_lookup_special(args[0], kaa_str_intern_cstr("__sizeof__"));
    if (meth == KAA_NULL) {
        return nargs > 1 ? args[1] : kaa_from_small(16);
    }
    KaaValue size = kaa_index(kaa_call0(meth));
    if (kaa_int_sign(size) < 0) {
        kaa_raise_value_error("__sizeof__() should return >= 0");
    }
    // CPython adds the collector's header of the objects its cycle collector tracks (those
    // that can hold references; 16 bytes on 64-bit).
    KaaType *t = kaa_type_of(args[0]);
    bool atomic = kaa_is_int_like(args[0]) || kaa_is_float(args[0]) ||
                  kaa_type_has(t, KAA_TPFLAG_STR_SUBCLASS | KAA_TPFLAG_BYTES_SUBCLASS) ||
                  t == &kaa_complex_type || t == &kaa_bytearray_type || t == &kaa_range_type ||
                  args[0] == kaa_None;
    return kaa_binary_op(size, kaa_from_small(atomic ? 0 : 16), KAA_OP_ADD);
}

static KaaValue sys_getdefaultencoding(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_str_from_cstr("utf-8");
}

static KaaValue sys_getfilesystemencodeerrors(KaaValue self, KaaValue *args, size_t nargs,
                                              KaaTuple *kw) {
    kaa_args_count("getfilesystemencodeerrors", nargs, 0, 0);
    return kaa_str_from_cstr("surrogateescape");  // what CPython uses on POSIX
}

// ---- async generator hooks (asyncio's firstiter/finalizer) --------------------------------------

static const char *const asyncgen_hooks_fields[] = {"firstiter", "finalizer", NULL};
static const StructSeqDesc asyncgen_hooks_desc = {"asyncgen_hooks", asyncgen_hooks_fields};

static KaaValue sys_get_asyncgen_hooks(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kw) {
    kaa_args_count("get_asyncgen_hooks", nargs, 0, 0);
    static KaaValue type = KAA_NULL;  // made once; a static is a root for the collector
    KaaValue v[2] = {kaa_asyncgen_firstiter != KAA_NULL ? kaa_asyncgen_firstiter : kaa_None,
                     kaa_asyncgen_finalizer != KAA_NULL ? kaa_asyncgen_finalizer : kaa_None};
    if (type == KAA_NULL) {
        KaaValue first = make_structseq(&asyncgen_hooks_desc, v, 2);
        type = kaa_from_obj(kaa_type_of(first));
        return first;
    }
    return kaa_call1(type, kaa_from_obj(kaa_tuple_from_array(v, 2)));
}

static KaaValue sys_set_asyncgen_hooks(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kw) {
    static const char *const params[] = {"firstiter", "finalizer", NULL};
    KaaValue given[2];
    kaa_args_bind("set_asyncgen_hooks", args, nargs, kw, params, 0, 0, given);
    KaaValue firstiter = given[0], finalizer = given[1];
    if (finalizer != KAA_NULL && finalizer != kaa_None && !kaa_callable(finalizer)) {
        kaa_raise_type_error("callable finalizer expected, got %s", kaa_type_name_of(finalizer));
    }
    if (firstiter != KAA_NULL && firstiter != kaa_None && !kaa_callable(firstiter)) {
        kaa_raise_type_error("callable firstiter expected, got %s", kaa_type_name_of(firstiter));
    }
    if (finalizer != KAA_NULL) {
        kaa_asyncgen_finalizer = finalizer == kaa_None ? KAA_NULL : finalizer;
    }
    if (firstiter != KAA_NULL) {
        kaa_asyncgen_firstiter = firstiter == kaa_None ? KAA_NULL : firstiter;
    }
    return kaa_None;
}

static KaaValue sys_getrefcount(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getrefcount", nargs, 1, 1);
    return kaa_from_small(2);  // no reference counts in kaa: the conventional minimum
}

static KaaValue sys_noop(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_None;
}

static KaaValue sys_get_int_max_str_digits(KaaValue self, KaaValue *args, size_t nargs,
                                           KaaTuple *kw) {
    return kaa_from_small(kaa_int_max_str_digits);
}

static KaaValue sys_set_int_max_str_digits(KaaValue self, KaaValue *args, size_t nargs,
                                           KaaTuple *kwnames) {
    static const char *const params[] = {"maxdigits", NULL};
    KaaValue a[1];
    kaa_args_bind("set_int_max_str_digits", args, nargs, kwnames, params, 0, 1, a);
    int64_t n = kaa_int_as_i64(a[0]);
    if (n != 0 && n < 640) {
        kaa_raise_value_error("maxdigits must be 0 or larger than 640");
    }
    kaa_int_max_str_digits = (int)n;
    return kaa_None;
}

static KaaValue sys_displayhook(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("displayhook", nargs, 1, 1);
    if (args[0] == kaa_None) {
        return kaa_None;
    }
    kaa_dict_set(kaa_builtins_dict, kaa_str_intern_cstr("_"), kaa_None);
    KaaValue out = kaa_sys_get("stdout");
    kaa_file_write_str(out, kaa_repr(args[0]));
    kaa_file_write_str(out, kaa_str_from_cstr("\n"));
    kaa_dict_set(kaa_builtins_dict, kaa_str_intern_cstr("_"), args[0]);
    return kaa_None;
}

static KaaValue sys_excepthook(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("excepthook", nargs, 3, 3);
    kaa_print_exception(args[1]);
    return kaa_None;
}

static const KaaMethodDef sys_methods[] = {
    {"exit", sys_exit, 0, NULL},
    {"getrecursionlimit", sys_getrecursionlimit, 0, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, 0, NULL},
    {"_getframe", sys_getframe, 0, NULL},
    {"exc_info", sys_exc_info, 0, NULL},
    {"exception", sys_exception, 0, NULL},
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks, 0, NULL},
    {"set_asyncgen_hooks", sys_set_asyncgen_hooks, 0, NULL},
    {"intern", sys_intern, 0, NULL},
    {"getsizeof", sys_getsizeof, 0, NULL},
    {"getdefaultencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencoding", sys_getdefaultencoding, 0, NULL},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, 0, NULL},
    {"getrefcount", sys_getrefcount, 0, NULL},
    {"settrace", sys_noop, 0, NULL},
    {"gettrace", sys_noop, 0, NULL},
    {"setprofile", sys_noop, 0, NULL},
    {"getprofile", sys_noop, 0, NULL},
    {"audit", sys_noop, 0, NULL},
    {"addaudithook", sys_noop, 0, NULL},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, 0, NULL},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, 0, NULL},
    {"displayhook", sys_displayhook, 0, NULL},
    {"excepthook", sys_excepthook, 0, NULL},
    {NULL},
};

// ---- creating the module ------------------------------------------------------------------------

KaaSysConfig kaa_sys_config;

static KaaValue str_list(int n, char **items) {
    KaaList *l = kaa_list_new(0);
    for (int i = 0; i < n; i++) {
        kaa_list_append(l, kaa_str_from_cstr(items[i]));
    }
    return kaa_from_obj(l);
}

static KaaValue make_flags(void) {
    const KaaSysConfig *c = &kaa_sys_config;
    KaaValue v[18] = {0};
    for (int i = 0; i < 18; i++) {
        v[i] = kaa_from_small(0);
    }
    v[2] = kaa_from_small(c->interactive);
    v[3] = kaa_from_small(c->optimize);
    v[4] = kaa_from_small(c->dont_write_bytecode);
    v[7] = kaa_from_small(c->ignore_environment);
    v[10] = kaa_from_small(c->quiet);
    v[11] = kaa_from_small(1);
    v[12] = kaa_from_small(c->isolated);
    v[13] = kaa_False;
    v[16] = kaa_bool(c->isolated);
    v[17] = kaa_from_small(-1);
    return make_structseq(&flags_desc, v, 18);
}

static KaaValue make_implementation(KaaValue version_info) {
    KaaValue ns = kaa_instance_alloc(&kaa_namespace_type, 0);
    KaaDict *d = kaa_instance_dict(ns);
    kaa_dict_set_cstr(d, "name", kaa_str_from_cstr("kaa"));
    kaa_dict_set_cstr(d, "cache_tag", kaa_str_from_cstr(KAA_CACHE_TAG));
    kaa_dict_set_cstr(d, "version", version_info);
    kaa_dict_set_cstr(d, "hexversion", kaa_from_small(0x030B07F0));
    kaa_dict_set_cstr(d, "_multiarch", kaa_str_from_cstr("x86_64-linux-gnu"));
    return ns;
}

static void add_streams(KaaValue m) {
    bool unbuffered = kaa_sys_config.unbuffered;
    KaaValue in = stdfile_new(0, "<stdin>", unbuffered);
    KaaValue out = stdfile_new(1, "<stdout>", unbuffered);
    KaaValue err = stdfile_new(2, "<stderr>", true);
    kaa_module_add(m, "stdin", in);
    kaa_module_add(m, "stdout", out);
    kaa_module_add(m, "stderr", err);
    kaa_module_add(m, "__stdin__", in);
    kaa_module_add(m, "__stdout__", out);
    kaa_module_add(m, "__stderr__", err);
}

static void add_version(KaaValue m) {
    KaaValue vi[5] = {kaa_from_small(3), kaa_from_small(11), kaa_from_small(7),
                      kaa_str_from_cstr("final"), kaa_from_small(0)};
    KaaValue version_info = make_structseq(&version_desc, vi, 5);
    kaa_module_add(m, "version_info", version_info);
    kaa_module_add(m, "version", kaa_str_from_cstr("3.11.7 (kaa 0.1) [GCC " __VERSION__ "]"));
    kaa_module_add(m, "hexversion", kaa_from_small(0x030B07F0));
    kaa_module_add(m, "api_version", kaa_from_small(1013));
    kaa_module_add(m, "implementation", make_implementation(version_info));
    kaa_module_add(m, "flags", make_flags());
}

static void add_paths(KaaValue m) {
    const KaaSysConfig *c = &kaa_sys_config;
    kaa_module_add(m, "argv", str_list(c->argc, c->argv));
    kaa_module_add(m, "orig_argv", str_list(c->orig_argc, c->orig_argv));
    kaa_module_add(m, "path", str_list(c->npath, c->path));
    kaa_module_add(m, "executable", kaa_str_from_cstr(c->executable));
    kaa_module_add(m, "_base_executable", kaa_str_from_cstr(c->executable));
    kaa_module_add(m, "prefix", kaa_str_from_cstr(c->prefix));
    kaa_module_add(m, "base_prefix", kaa_str_from_cstr(c->prefix));
    kaa_module_add(m, "exec_prefix", kaa_str_from_cstr(c->prefix));
    kaa_module_add(m, "base_exec_prefix", kaa_str_from_cstr(c->prefix));
    kaa_module_add(m, "platlibdir", kaa_str_from_cstr("lib"));
    kaa_module_add(m, "pycache_prefix", c->pycache_prefix ? kaa_str_from_cstr(c->pycache_prefix)
                                                          : kaa_None);
    kaa_module_add(m, "dont_write_bytecode", kaa_bool(c->dont_write_bytecode));
}

// The numeric facts of this platform, with CPython's field order (int_info describes
// CPython's 30-bit digits, which kaa's marshal format also uses 15-bit halves of).
static void add_number_info(KaaValue m) {
    KaaValue f[11] = {kaa_from_float(1.7976931348623157e308), kaa_from_small(1024),
                      kaa_from_small(308), kaa_from_float(2.2250738585072014e-308),
                      kaa_from_small(-1021), kaa_from_small(-307), kaa_from_small(15),
                      kaa_from_small(53), kaa_from_float(2.220446049250313e-16),
                      kaa_from_small(2), kaa_from_small(1)};
    kaa_module_add(m, "float_info", make_structseq(&float_desc, f, 11));
    KaaValue i[4] = {kaa_from_small(30), kaa_from_small(4), kaa_from_small(4300),
                     kaa_from_small(640)};
    kaa_module_add(m, "int_info", make_structseq(&int_desc, i, 4));
    KaaValue h[9] = {kaa_from_small(64), kaa_int_from_i64(((int64_t)1 << 61) - 1),
                     kaa_from_small(314159), kaa_from_small(0), kaa_from_small(1000003),
                     kaa_str_from_cstr("siphash13"), kaa_from_small(64), kaa_from_small(128),
                     kaa_from_small(0)};
    kaa_module_add(m, "hash_info", make_structseq(&hash_desc, h, 9));
}

static void add_constants(KaaValue m) {
    add_number_info(m);
    kaa_module_add(m, "maxsize", kaa_int_from_i64(INT64_MAX));
    kaa_module_add(m, "maxunicode", kaa_from_small(0x10FFFF));
    kaa_module_add(m, "byteorder", kaa_str_from_cstr("little"));
    kaa_module_add(m, "platform", kaa_str_from_cstr("linux"));
    kaa_module_add(m, "abiflags", kaa_str_from_cstr(""));
    kaa_module_add(m, "float_repr_style", kaa_str_from_cstr("short"));
    kaa_module_add(m, "copyright", kaa_str_from_cstr("kaa: Python 3.11 in C."));
    kaa_module_add(m, "builtin_module_names", kaa_builtin_module_names());
    kaa_module_add(m, "warnoptions", kaa_from_obj(kaa_list_new(0)));
    kaa_module_add(m, "_xoptions", kaa_from_obj(kaa_dict_new()));
    kaa_module_add(m, "meta_path", kaa_from_obj(kaa_list_new(0)));
    kaa_module_add(m, "path_hooks", kaa_from_obj(kaa_list_new(0)));
    kaa_module_add(m, "path_importer_cache", kaa_from_obj(kaa_dict_new()));
    kaa_module_add(m, "modules", kaa_from_obj(kaa_import_modules()));
}

KaaValue kaa_sys_init(void) {
    if (sys_module != KAA_NULL) {
        return sys_module;
    }
    kaa_type_ready(&stdfile_type);
    kaa_type_ready(&kaa_namespace_type);
    KaaValue m = kaa_module_new_cstr("sys");
    sys_module = m;
    kaa_module_add_methods(m, sys_methods);
    add_streams(m);
    add_version(m);
    add_paths(m);
    add_constants(m);
    kaa_module_add(m, "__displayhook__", kaa_getattr_cstr(m, "displayhook"));
    kaa_module_add(m, "__excepthook__", kaa_getattr_cstr(m, "excepthook"));
    kaa_dict_set_cstr(kaa_import_modules(), "sys", m);
    return m;
}
