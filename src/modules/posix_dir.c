// modules/posix_dir.c — directory listing for the posix module: listdir(), scandir() and its
// DirEntry objects.
//
// Stage: modules. Owns the DIR* streams: every path out of here (exhaustion, close(), the
// with-block, an exception, the collector) closes them. DirEntry answers is_dir()/is_file()
// from the directory entry's d_type when it can and calls stat() only when it must, caching
// the result, as CPython does; os.walk and shutil.rmtree depend on that being cheap.
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modules/osio.h"

// ---- opening a directory ------------------------------------------------------------------------

// Opens the directory a listdir/scandir path argument names. A descriptor is duplicated so
// that closedir() leaves the caller's descriptor open, and rewound (it may have been read).
static DIR *open_dir(const OsPath *p) {
    DIR *d;
    if (p->narrow == NULL && p->object != kaa_None) {
        int fd = fcntl(p->fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
            osio_raise_errno(errno, KAA_NULL, KAA_NULL);
        }
        d = fdopendir(fd);
        if (d == NULL) {
            int err = errno;
            close(fd);
            osio_raise_errno(err, KAA_NULL, KAA_NULL);
        }
        rewinddir(d);
        return d;
    }
    d = opendir(p->narrow ? p->narrow : ".");
    if (d == NULL) {
        osio_raise_errno(errno, p->narrow ? p->object : kaa_str_from_cstr("."), KAA_NULL);
    }
    return d;
}

static bool is_dot_or_dotdot(const char *name) {
    return name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0));
}

// The next real entry (not . or ..), or NULL at the end; errno is non-zero on a read error.
static struct dirent *next_entry(DIR *d) {
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (e == NULL || !is_dot_or_dotdot(e->d_name)) {
            return e;
        }
    }
}

// ---- listdir ------------------------------------------------------------------------------------

static KaaValue read_names(DIR *d, const OsPath *p) {
    KaaList *names = kaa_list_new(0);
    struct dirent *e;
    while ((e = next_entry(d)) != NULL) {
        kaa_list_append(names, osio_name_value(p, e->d_name, strlen(e->d_name)));
    }
    if (errno != 0) {
        osio_raise_path(errno, p);
    }
    return kaa_from_obj(names);
}

KaaValue osio_posix_listdir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue a[1];
    osio_bind("listdir", args, nargs, kwnames, params, 0, 0, a);
    OsPath p;
    osio_path_init(&p, "listdir", "path", true, true);
    if (a[0] != KAA_NULL) {
        osio_path_convert(&p, a[0]);
    }
    DIR *d = open_dir(&p);
    // Building the names allocates (and may raise): the stream is closed on that path too.
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue names = read_names(d, &p);
        kaa_handler_pop(&h);
        closedir(d);
        return names;
    }
    closedir(d);
    kaa_reraise(h.exc);
}

// ---- DirEntry -----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue name, path;   // str or bytes, like the scandir argument
    const char *cpath;     // path as a C string, for stat()
    const char *cname;     // name as a C string, for fstatat() relative to dir_fd
    int dir_fd;            // scandir(fd): the directory's descriptor; -1 otherwise
    unsigned char d_type;  // DT_* from the directory entry
    uint64_t ino;
    KaaValue stat, lstat;  // cached stat results, KAA_NULL until asked for
} DirEntry;

static KaaType dir_entry_type;

static DirEntry *de(KaaValue v) { return (DirEntry *)kaa_obj(v); }

static KaaValue entry_fetch_stat(DirEntry *e, bool follow) {
    struct stat st;
    int r;
    if (e->dir_fd >= 0) {
        r = fstatat(e->dir_fd, e->cname, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    } else {
        r = follow ? stat(e->cpath, &st) : lstat(e->cpath, &st);
    }
    if (r != 0) {
        osio_raise_errno(errno, e->path, KAA_NULL);
    }
    return osio_stat_result(&st);
}

static bool entry_is_symlink(DirEntry *e) {
    if (e->d_type != DT_UNKNOWN) {
        return e->d_type == DT_LNK;
    }
    if (e->lstat == KAA_NULL) {
        e->lstat = entry_fetch_stat(e, false);
    }
    return S_ISLNK(kaa_int_val(kaa_tuple(e->lstat)->items[0]));
}

static KaaValue entry_get_stat(DirEntry *e, bool follow) {
    if (!follow) {
        if (e->lstat == KAA_NULL) {
            e->lstat = entry_fetch_stat(e, false);
        }
        return e->lstat;
    }
    if (e->stat == KAA_NULL) {
        // Following a non-link is the same as not following: one system call serves both.
        e->stat = entry_is_symlink(e) ? entry_fetch_stat(e, true) : entry_get_stat(e, false);
    }
    return e->stat;
}

// is_dir / is_file: from d_type when that decides, else from stat(); a dangling symlink (or
// an entry deleted meanwhile) is neither.
static bool entry_test_mode(DirEntry *e, bool follow, mode_t kind) {
    bool need_stat = e->d_type == DT_UNKNOWN || (follow && e->d_type == DT_LNK);
    if (!need_stat) {
        return (kind == S_IFDIR && e->d_type == DT_DIR) || (kind == S_IFREG && e->d_type == DT_REG);
    }
    volatile KaaValue st = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        st = entry_get_stat(e, follow);
        kaa_handler_pop(&h);
    } else if (!kaa_exc_matches(h.exc, kaa_FileNotFoundError)) {
        kaa_reraise(h.exc);
    } else {
        return false;
    }
    return (kaa_int_val(kaa_tuple(st)->items[0]) & S_IFMT) == kind;
}

static bool follow_kw(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"*", "follow_symlinks", NULL};
    KaaValue a[1];
    osio_bind(fname, args, nargs, kwnames, params, 0, 0, a);
    return a[0] == KAA_NULL || kaa_truthy(a[0]);
}

static KaaValue entry_is_dir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    bool follow = follow_kw("is_dir", args, nargs, kwnames);
    return kaa_bool(entry_test_mode(de(self), follow, S_IFDIR));
}

static KaaValue entry_is_file(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    bool follow = follow_kw("is_file", args, nargs, kwnames);
    return kaa_bool(entry_test_mode(de(self), follow, S_IFREG));
}

static KaaValue entry_is_symlink_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("is_symlink", nargs, 0, 0);
    return kaa_bool(entry_is_symlink(de(self)));
}

static KaaValue entry_stat_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    bool follow = follow_kw("stat", args, nargs, kwnames);
    return entry_get_stat(de(self), follow);
}

static KaaValue entry_inode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("inode", nargs, 0, 0);
    return kaa_int_from_u64(de(self)->ino);
}

static KaaValue entry_fspath(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__fspath__", nargs, 0, 0);
    return de(self)->path;
}

static KaaValue entry_repr(KaaValue self) {
    return kaa_str_printf("<DirEntry %R>", de(self)->name);
}

static KaaValue entry_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_raise_type_error("cannot create 'posix.DirEntry' instances");
}

static KaaValue entry_name(KaaValue self) { return de(self)->name; }
static KaaValue entry_path(KaaValue self) { return de(self)->path; }

static const KaaMethodDef dir_entry_methods[] = {
    {"is_dir", entry_is_dir, 0, NULL},
    {"is_file", entry_is_file, 0, NULL},
    {"is_symlink", entry_is_symlink_m, 0, NULL},
    {"stat", entry_stat_m, 0, NULL},
    {"inode", entry_inode, 0, NULL},
    {"__fspath__", entry_fspath, 0, NULL},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, NULL},
    {NULL},
};

static const KaaGetSetDef dir_entry_getsets[] = {
    {"name", entry_name, NULL,
     "the entry's base filename, relative to scandir() \"path\" argument"},
    {"path", entry_path, NULL,
     "the entry's full path name; equivalent to os.path.join(scandir_path, entry.name)"},
    {NULL},
};

static KaaType dir_entry_type = {
    .ob = {&kaa_type_type},
    .name = "posix.DirEntry",
    .instance_size = sizeof(DirEntry),
    .repr = entry_repr,
    .new_ = entry_new,
    .methods = dir_entry_methods,
    .getsets = dir_entry_getsets,
};

// ---- the scandir iterator -----------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    DIR *dir;           // NULL once closed
    OsPath path;        // the argument, converted
    const char *prefix; // path + "/" (C string) for entry paths; "" for descriptors
    size_t prefix_len;
    int dir_fd;         // scandir(fd): the caller's descriptor; -1 otherwise
} ScandirIter;

static KaaType scandir_iter_type;

static ScandirIter *si(KaaValue v) { return (ScandirIter *)kaa_obj(v); }

static void iter_close(ScandirIter *it) {
    if (it->dir != NULL) {
        DIR *d = it->dir;
        it->dir = NULL;
        closedir(d);
    }
}

// The collector closes a stream nobody exhausted or closed.
static void iter_finalize(void *obj, void *data) { iter_close((ScandirIter *)obj); }

static KaaValue make_entry(ScandirIter *it, struct dirent *d) {
    size_t nlen = strlen(d->d_name);
    DirEntry *e = kaa_alloc(sizeof *e);
    e->ob.type = &dir_entry_type;
    char *cpath = kaa_alloc_atomic(it->prefix_len + nlen + 1);
    memcpy(cpath, it->prefix, it->prefix_len);
    memcpy(cpath + it->prefix_len, d->d_name, nlen + 1);
    e->cpath = cpath;
    e->cname = cpath + it->prefix_len;
    e->name = osio_name_value(&it->path, d->d_name, nlen);
    e->path = it->prefix_len == 0 ? e->name
                                  : osio_name_value(&it->path, cpath, it->prefix_len + nlen);
    e->dir_fd = it->dir_fd;
    e->d_type = d->d_type;
    e->ino = d->d_ino;
    return kaa_from_obj(e);
}

static KaaValue iter_next(KaaValue self) {
    ScandirIter *it = si(self);
    if (it->dir == NULL) {
        return KAA_NULL;
    }
    struct dirent *d = next_entry(it->dir);
    if (d == NULL) {
        int err = errno;
        iter_close(it);
        if (err != 0) {
            osio_raise_path(err, &it->path);
        }
        return KAA_NULL;
    }
    return make_entry(it, d);
}

static KaaValue iter_self(KaaValue self) { return self; }

static KaaValue iter_close_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("close", nargs, 0, 0);
    iter_close(si(self));
    return kaa_None;
}

static KaaValue iter_enter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return self;
}

static KaaValue iter_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    iter_close(si(self));
    return kaa_False;
}

static const KaaMethodDef scandir_iter_methods[] = {
    {"close", iter_close_m, 0, NULL},
    {"__enter__", iter_enter, 0, NULL},
    {"__exit__", iter_exit, 0, NULL},
    {NULL},
};

static KaaType scandir_iter_type = {
    .ob = {&kaa_type_type},
    .name = "posix.ScandirIterator",
    .instance_size = sizeof(ScandirIter),
    .iter = iter_self,
    .next = iter_next,
    .methods = scandir_iter_methods,
};

// Entry paths are path + '/' + name; scandir() with no argument lists '.' as "./name".
static void set_prefix(ScandirIter *it) {
    if (it->dir_fd >= 0) {
        it->prefix = "";
        return;
    }
    const char *base = it->path.narrow ? it->path.narrow : ".";
    size_t len = strlen(base);
    bool slash = len > 0 && base[len - 1] == '/';
    char *prefix = kaa_alloc_atomic(len + 2);
    memcpy(prefix, base, len);
    if (!slash) {
        prefix[len++] = '/';
    }
    prefix[len] = 0;
    it->prefix = prefix;
    it->prefix_len = len;
}

KaaValue osio_posix_scandir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", NULL};
    KaaValue a[1];
    osio_bind("scandir", args, nargs, kwnames, params, 0, 0, a);
    ScandirIter *it = kaa_alloc(sizeof *it);
    it->ob.type = &scandir_iter_type;
    osio_path_init(&it->path, "scandir", "path", true, true);
    if (a[0] != KAA_NULL) {
        osio_path_convert(&it->path, a[0]);
    }
    it->dir_fd = it->path.narrow == NULL && it->path.object != kaa_None ? it->path.fd : -1;
    set_prefix(it);
    it->dir = open_dir(&it->path);
    kaa_alloc_finalizer(it, iter_finalize, NULL);
    return kaa_from_obj(it);
}

void osio_dir_ready(KaaValue module) {
    kaa_type_ready(&dir_entry_type);
    kaa_type_ready(&scandir_iter_type);
    kaa_module_add(module, "DirEntry", kaa_from_obj(&dir_entry_type));
}
