// modules/stat.c — the _stat module: file-mode constants, S_IS*() tests and filemode().
//
// Stage: modules. Lib/stat.py works without it (it defines the same names in Python and then
// tries `from _stat import *`); this C version makes the tests as cheap as a mask and compare,
// and gives the platform's own values. It knows nothing of stat() itself (that is posix.c).
#include <limits.h>
#include <sys/stat.h>

#include "modules/modules.h"

// A mode argument: an int that fits mode_t, with CPython's messages.
static mode_t mode_arg(const char *fname, size_t nargs, KaaValue *args) {
    kaa_args_count(fname, nargs, 1, 1);
    KaaValue v = args[0];
    if (!kaa_is_int_like(v)) {
        kaa_raise_type_error("an integer is required");
    }
    if (kaa_int_sign(v) < 0) {
        kaa_raise_overflow("can't convert negative value to unsigned int");
    }
    int64_t m;
    if (!kaa_int_to_i64(v, &m)) {
        kaa_raise_overflow("Python int too large to convert to C unsigned long");
    }
    if ((uint64_t)m > UINT_MAX) {
        kaa_raise_overflow("mode out of range");
    }
    return (mode_t)m;
}

// Kinds of file Linux never has (doors, event ports, whiteouts) are always false.
#define S_ISDOOR(m) ((void)(m), 0)
#define S_ISPORT(m) ((void)(m), 0)
#define S_ISWHT(m) ((void)(m), 0)

#define MODE_TEST(name)                                                                  \
    static KaaValue stat_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        kaa_args_no_kw("_stat." #name, kw);                                                \
        return kaa_bool(name(mode_arg("_stat." #name, nargs, args)));                      \
    }
MODE_TEST(S_ISDIR)
MODE_TEST(S_ISCHR)
MODE_TEST(S_ISBLK)
MODE_TEST(S_ISREG)
MODE_TEST(S_ISFIFO)
MODE_TEST(S_ISLNK)
MODE_TEST(S_ISSOCK)
MODE_TEST(S_ISDOOR)
MODE_TEST(S_ISPORT)
MODE_TEST(S_ISWHT)

static KaaValue stat_S_IMODE(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_stat.S_IMODE", kw);
    return kaa_from_small(mode_arg("_stat.S_IMODE", nargs, args) & 07777);
}

static KaaValue stat_S_IFMT(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_stat.S_IFMT", kw);
    return kaa_from_small(mode_arg("_stat.S_IFMT", nargs, args) & S_IFMT);
}

// The file-type letter of ls -l.
static char type_char(mode_t m) {
    switch (m & S_IFMT) {
    case S_IFREG: return '-';
    case S_IFDIR: return 'd';
    case S_IFLNK: return 'l';
    case S_IFCHR: return 'c';
    case S_IFBLK: return 'b';
    case S_IFIFO: return 'p';
    case S_IFSOCK: return 's';
    default: return '?';
    }
}

// One rwx triple; `special` (setuid, setgid, sticky) turns x into s/S or t/T.
static void put_triple(char *out, mode_t m, mode_t r, mode_t w, mode_t x, mode_t special,
                       char on, char off) {
    out[0] = (m & r) ? 'r' : '-';
    out[1] = (m & w) ? 'w' : '-';
    if (m & special) {
        out[2] = (m & x) ? on : off;
    } else {
        out[2] = (m & x) ? 'x' : '-';
    }
}

static KaaValue stat_filemode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("_stat.filemode", kw);
    mode_t m = mode_arg("_stat.filemode", nargs, args);
    char buf[10];
    buf[0] = type_char(m);
    put_triple(buf + 1, m, S_IRUSR, S_IWUSR, S_IXUSR, S_ISUID, 's', 'S');
    put_triple(buf + 4, m, S_IRGRP, S_IWGRP, S_IXGRP, S_ISGID, 's', 'S');
    put_triple(buf + 7, m, S_IROTH, S_IWOTH, S_IXOTH, S_ISVTX, 't', 'T');
    return kaa_str_from_ascii(buf, 10);
}

static const KaaMethodDef stat_methods[] = {
    {"S_ISDIR", stat_S_ISDIR, 0, NULL},
    {"S_ISCHR", stat_S_ISCHR, 0, NULL},
    {"S_ISBLK", stat_S_ISBLK, 0, NULL},
    {"S_ISREG", stat_S_ISREG, 0, NULL},
    {"S_ISFIFO", stat_S_ISFIFO, 0, NULL},
    {"S_ISLNK", stat_S_ISLNK, 0, NULL},
    {"S_ISSOCK", stat_S_ISSOCK, 0, NULL},
    {"S_ISDOOR", stat_S_ISDOOR, 0, NULL},
    {"S_ISPORT", stat_S_ISPORT, 0, NULL},
    {"S_ISWHT", stat_S_ISWHT, 0, NULL},
    {"S_IMODE", stat_S_IMODE, 0, NULL},
    {"S_IFMT", stat_S_IFMT, 0, NULL},
    {"filemode", stat_filemode, 0, NULL},
    {NULL},
};

typedef struct {
    const char *name;
    long value;
} StatConst;

static const StatConst stat_consts[] = {
    {"S_IFDIR", S_IFDIR}, {"S_IFCHR", S_IFCHR}, {"S_IFBLK", S_IFBLK}, {"S_IFREG", S_IFREG},
    {"S_IFIFO", S_IFIFO}, {"S_IFLNK", S_IFLNK}, {"S_IFSOCK", S_IFSOCK}, {"S_IFDOOR", 0},
    {"S_IFPORT", 0}, {"S_IFWHT", 0}, {"S_ISUID", S_ISUID}, {"S_ISGID", S_ISGID},
    {"S_ISVTX", S_ISVTX}, {"S_ENFMT", S_ISGID}, {"S_IREAD", S_IRUSR}, {"S_IWRITE", S_IWUSR},
    {"S_IEXEC", S_IXUSR}, {"S_IRWXU", S_IRWXU}, {"S_IRUSR", S_IRUSR}, {"S_IWUSR", S_IWUSR},
    {"S_IXUSR", S_IXUSR}, {"S_IRWXG", S_IRWXG}, {"S_IRGRP", S_IRGRP}, {"S_IWGRP", S_IWGRP},
    {"S_IXGRP", S_IXGRP}, {"S_IRWXO", S_IRWXO}, {"S_IROTH", S_IROTH}, {"S_IWOTH", S_IWOTH},
    {"S_IXOTH", S_IXOTH},
    // BSD file flags (st_flags): the values are fixed by the BSDs, kept for portability.
    {"UF_NODUMP", 0x1}, {"UF_IMMUTABLE", 0x2}, {"UF_APPEND", 0x4}, {"UF_OPAQUE", 0x8},
    {"UF_NOUNLINK", 0x10}, {"UF_COMPRESSED", 0x20}, {"UF_HIDDEN", 0x8000},
    {"SF_ARCHIVED", 0x10000}, {"SF_IMMUTABLE", 0x20000}, {"SF_APPEND", 0x40000},
    {"SF_NOUNLINK", 0x100000}, {"SF_SNAPSHOT", 0x200000},
    // Indexes into a stat_result tuple.
    {"ST_MODE", 0}, {"ST_INO", 1}, {"ST_DEV", 2}, {"ST_NLINK", 3}, {"ST_UID", 4},
    {"ST_GID", 5}, {"ST_SIZE", 6}, {"ST_ATIME", 7}, {"ST_MTIME", 8}, {"ST_CTIME", 9},
};

KaaValue kaa_stat_init(void) {
    KaaValue m = kaa_module_new_cstr("_stat");
    kaa_module_add_methods(m, stat_methods);
    for (size_t i = 0; i < sizeof stat_consts / sizeof stat_consts[0]; i++) {
        kaa_module_add(m, stat_consts[i].name, kaa_from_small(stat_consts[i].value));
    }
    return m;
}
