// modules/posix_proc.c — the posix module's process, environment and system functions:
// environ, putenv, fork/exec/wait, kill, ids, times, uname, cpu_count, sysconf.
//
// Stage: modules. Owns the fork hooks (register_at_fork) and the byte-string environ
// dictionary posix exports (Lib/os.py wraps it in os.environ). It does not touch the
// interpreter's own state across fork: the child simply continues with a copy of it.
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modules/osio.h"
#include "vm/vm.h"

extern char **environ;

// ---- bytes arguments (PyUnicode_FSConverter) ----------------------------------------------------

// str (encoded), bytes or os.PathLike as a NUL-terminated C string; NUL bytes are refused.
static const char *fs_bytes(KaaValue v, size_t *len_out) {
    KaaValue p = osio_fspath(v);
    if (kaa_is_str(p)) {
        p = osio_fs_encode(p);
    }
    KaaBytes *b = kaa_bytes(p);
    if (memchr(b->data, 0, b->len) != NULL) {
        kaa_raise_value_error("embedded null byte");
    }
    if (len_out != NULL) {
        *len_out = b->len;
    }
    return (const char *)b->data;
}

// ---- environment --------------------------------------------------------------------------------

static KaaValue environ_dict(void) {
    KaaDict *d = kaa_dict_new();
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq == NULL) {
            continue;
        }
        KaaValue key = kaa_bytes_new(*e, (size_t)(eq - *e));
        // The first definition wins when a name appears twice, as in CPython.
        if (kaa_dict_get(d, key) == KAA_NULL) {
            kaa_dict_set(d, key, kaa_bytes_new(eq + 1, strlen(eq + 1)));
        }
    }
    return kaa_from_obj(d);
}

// putenv(name, value): an empty name is EINVAL from the system in CPython, '=' a ValueError.
static KaaValue posix_putenv(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("putenv", kwnames);
    kaa_args_count("putenv", nargs, 2, 2);
    size_t nlen;
    const char *name = fs_bytes(args[0], &nlen);
    const char *value = fs_bytes(args[1], NULL);
    if (nlen == 0 || strchr(name, '=') != NULL) {
        if (nlen == 0) {
            osio_raise_errno(EINVAL, KAA_NULL, KAA_NULL);
        }
        kaa_raise_value_error("illegal environment variable name");
    }
    if (setenv(name, value, 1) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_unsetenv(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("unsetenv", kwnames);
    kaa_args_count("unsetenv", nargs, 1, 1);
    const char *name = fs_bytes(args[0], NULL);
    if (unsetenv(name) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

// ---- process ids --------------------------------------------------------------------------------

#define ID_GETTER(name, expr)                                                                  \
    static KaaValue posix_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) { \
        kaa_args_count("posix." #name, nargs, 0, 0);                                          \
        return kaa_int_from_i64((int64_t)(expr));                                             \
    }
ID_GETTER(getpid, getpid())
ID_GETTER(getppid, getppid())
ID_GETTER(getuid, getuid())
ID_GETTER(geteuid, geteuid())
ID_GETTER(getgid, getgid())
ID_GETTER(getegid, getegid())
ID_GETTER(getpgrp, getpgrp())

static KaaValue posix_getgroups(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.getgroups", nargs, 0, 0);
    int n = getgroups(0, NULL);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    gid_t *groups = kaa_alloc_atomic(sizeof(gid_t) * (size_t)(n + 1));
    n = getgroups(n, groups);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    KaaList *l = kaa_list_new(0);
    for (int i = 0; i < n; i++) {
        kaa_list_append(l, kaa_int_from_i64(groups[i]));
    }
    return kaa_from_obj(l);
}

// getlogin() fails without a controlling terminal: ENXIO when libc does not say why.
static KaaValue posix_getlogin(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.getlogin", nargs, 0, 0);
    errno = 0;
    const char *name = getlogin();
    if (name == NULL) {
        osio_raise_errno(errno ? errno : ENXIO, KAA_NULL, KAA_NULL);
    }
    return osio_fs_decode(name, strlen(name));
}

// Functions of one pid-like int returning an int, failing with errno.
static KaaValue int_call(const char *fname, int (*fn)(int), KaaValue *args, size_t nargs,
                         KaaTuple *kw) {
    kaa_args_no_kw(fname, kw);
    kaa_args_count(fname, nargs, 1, 1);
    int r = fn(osio_int(args[0]));
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(r);
}

static int do_getpgid(int pid) { return getpgid(pid); }
static int do_getsid(int pid) { return getsid(pid); }
static int do_setuid(int id) { return setuid((uid_t)id); }
static int do_setgid(int id) { return setgid((gid_t)id); }

static KaaValue posix_getpgid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return int_call("getpgid", do_getpgid, args, nargs, kw);
}

static KaaValue posix_getsid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return int_call("getsid", do_getsid, args, nargs, kw);
}

static KaaValue posix_setuid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    int_call("setuid", do_setuid, args, nargs, kw);
    return kaa_None;
}

static KaaValue posix_setgid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    int_call("setgid", do_setgid, args, nargs, kw);
    return kaa_None;
}

static KaaValue posix_setsid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.setsid", nargs, 0, 0);
    if (setsid() < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_setpgid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("setpgid", kw);
    kaa_args_count("setpgid", nargs, 2, 2);
    if (setpgid(osio_int(args[0]), osio_int(args[1])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_nice(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("nice", kw);
    kaa_args_count("nice", nargs, 1, 1);
    int inc = osio_int(args[0]);
    errno = 0;
    int r = nice(inc);
    if (r == -1 && errno != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(r);
}

// ---- signals and process control ----------------------------------------------------------------

static KaaValue posix_kill(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("kill", kw);
    kaa_args_count("kill", nargs, 2, 2);
    if (kill(osio_int(args[0]), osio_int(args[1])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_killpg(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("killpg", kw);
    kaa_args_count("killpg", nargs, 2, 2);
    if (killpg(osio_int(args[0]), osio_int(args[1])) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_abort(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.abort", nargs, 0, 0);
    abort();
}

// _exit(status): no atexit callbacks, no flushing: the process ends here.
static KaaValue posix_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"status", NULL};
    KaaValue a[1];
    osio_bind("_exit", args, nargs, kwnames, params, 0, 1, a);
    _exit(osio_int(a[0]));
}

// ---- fork ---------------------------------------------------------------------------------------

// Hooks registered by register_at_fork, in registration order.
static KaaList *fork_before, *fork_child, *fork_parent;

static void report_hook_error(KaaValue hook, KaaValue exc) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue r = kaa_repr(hook);
        fflush(stdout);
        fprintf(stderr, "Exception ignored in: %s\n", kaa_str_utf8_sp(r, NULL));
        kaa_print_exception(exc);
        kaa_handler_pop(&h);
    }
}

static void run_hook(KaaValue hook) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        kaa_call0(hook);
        kaa_handler_pop(&h);
    } else {
        report_hook_error(hook, h.exc);
    }
}

// Calls each hook; errors are reported and ignored. `reverse`: last registered first.
static void run_hooks(KaaList *hooks, bool reverse) {
    if (hooks == NULL) {
        return;
    }
    for (int64_t k = 0; k < hooks->len; k++) {
        run_hook(hooks->items[reverse ? hooks->len - 1 - k : k]);
    }
}

static void add_hook(KaaList **list, KaaValue v) {
    if (osio_none(v)) {
        return;
    }
    if (*list == NULL) {
        *list = kaa_list_new(0);
    }
    kaa_list_append(*list, v);
}

// register_at_fork(*, before, after_in_child, after_in_parent): random.py reseeds its
// generator in children through it.
static KaaValue posix_register_at_fork(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kwnames) {
    static const char *const params[] = {"*", "before", "after_in_child", "after_in_parent",
                                         NULL};
    static const char *const names[] = {"before", "after_in_child", "after_in_parent"};
    KaaValue a[3];
    osio_bind("register_at_fork", args, nargs, kwnames, params, 0, 0, a);
    bool any = false;
    for (int i = 0; i < 3; i++) {
        if (osio_none(a[i])) {
            continue;
        }
        any = true;
        if (!kaa_callable(a[i])) {
            kaa_raise_type_error("'%s' must be callable, not %s", names[i],
                                 kaa_type_name_of(a[i]));
        }
    }
    if (!any) {
        kaa_raise_type_error("At least one argument is required.");
    }
    add_hook(&fork_before, a[0]);
    add_hook(&fork_child, a[1]);
    add_hook(&fork_parent, a[2]);
    return kaa_None;
}

// fork(): the before hooks run last-registered first, the after hooks in order. Buffered output
// is not flushed first (as in CPython, it is then written twice).
static KaaValue posix_fork(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.fork", nargs, 0, 0);
    run_hooks(fork_before, true);
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        run_hooks(fork_parent, false);
        osio_raise_errno(err, KAA_NULL, KAA_NULL);
    }
    run_hooks(pid == 0 ? fork_child : fork_parent, false);
    return kaa_from_small(pid);
}

// ---- exec ---------------------------------------------------------------------------------------

// argv as a NULL-terminated array of C strings; a tuple or list with a non-empty first item.
static char **exec_argv(const char *fname, KaaValue v) {
    if (!kaa_is_tuple(v) && !kaa_is_list(v)) {
        kaa_raise_type_error("%s() arg 2 must be a tuple or list", fname);
    }
    KaaValue seq = kaa_tuple_from_iterable(v);
    KaaTuple *t = kaa_tuple(seq);
    if (t->len == 0) {
        kaa_raise_value_error("%s() arg 2 must not be empty", fname);
    }
    char **argv = kaa_alloc(sizeof(char *) * (size_t)(t->len + 1));
    for (int64_t i = 0; i < t->len; i++) {
        argv[i] = (char *)fs_bytes(t->items[i], NULL);
    }
    if (argv[0][0] == 0) {
        kaa_raise_value_error("%s() arg 2 first element cannot be empty", fname);
    }
    return argv;
}

// execve's env: any mapping with keys(); names may not be empty or contain '='.
static char **exec_env(KaaValue env) {
    if (!kaa_is_dict(env) && kaa_getattr_opt(env, kaa_str_intern_cstr("keys")) == KAA_NULL) {
        kaa_raise_type_error("execve: environment must be a mapping object");
    }
    KaaValue keys = kaa_sequence_list(kaa_call_method(env, kaa_str_intern_cstr("keys"), NULL, 0));
    KaaList *kl = kaa_list(keys);
    char **envp = kaa_alloc(sizeof(char *) * (size_t)(kl->len + 1));
    for (int64_t i = 0; i < kl->len; i++) {
        size_t klen, vlen;
        const char *k = fs_bytes(kl->items[i], &klen);
        const char *val = fs_bytes(kaa_getitem(env, kl->items[i]), &vlen);
        if (klen == 0 || strchr(k, '=') != NULL) {
            kaa_raise_value_error("illegal environment variable name");
        }
        char *entry = kaa_alloc_atomic(klen + vlen + 2);
        memcpy(entry, k, klen);
        entry[klen] = '=';
        memcpy(entry + klen + 1, val, vlen + 1);
        envp[i] = entry;
    }
    return envp;
}

// execv(path, argv): returns only by raising (CPython names no file in that OSError).
static KaaValue posix_execv(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("execv", kw);
    kaa_args_count("execv", nargs, 2, 2);
    OsPath p;
    osio_path_init(&p, "execv", "path", false, false);
    osio_path_convert(&p, args[0]);
    char **argv = exec_argv("execv", args[1]);
    execv(p.narrow, argv);
    osio_raise_errno(errno, KAA_NULL, KAA_NULL);
}

static KaaValue posix_execve(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "argv", "env", NULL};
    KaaValue a[3];
    osio_bind("execve", args, nargs, kwnames, params, 0, 3, a);
    OsPath p;
    osio_path_init(&p, "execve", "path", false, true);
    osio_path_convert(&p, a[0]);
    char **argv = exec_argv("execve", a[1]);
    char **envp = exec_env(a[2]);
    if (p.narrow == NULL) {
        fexecve(p.fd, argv, envp);
    } else {
        execve(p.narrow, argv, envp);
    }
    osio_raise_path(errno, &p);
}

// system(command): the raw wait status (waitstatus_to_exitcode decodes it).
static KaaValue posix_system(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"command", NULL};
    KaaValue a[1];
    osio_bind("system", args, nargs, kwnames, params, 0, 1, a);
    const char *cmd = fs_bytes(a[0], NULL);
    return kaa_from_small(system(cmd));
}

// ---- wait ---------------------------------------------------------------------------------------

static KaaValue pid_status(pid_t pid, int status) {
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_small(pid), kaa_from_small(status)));
}

static KaaValue posix_waitpid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("waitpid", kw);
    kaa_args_count("waitpid", nargs, 2, 2);
    pid_t pid = osio_int(args[0]), r;
    int options = osio_int(args[1]), status = 0;
    do {
        r = waitpid(pid, &status, options);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return pid_status(r, status);
}

static KaaValue posix_wait(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.wait", nargs, 0, 0);
    int status = 0;
    pid_t r;
    do {
        r = wait(&status);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return pid_status(r, status);
}

static int status_arg(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"status", NULL};
    KaaValue a[1];
    osio_bind(fname, args, nargs, kwnames, params, 0, 1, a);
    return osio_int(a[0]);
}

#define WAIT_TEST(name)                                                                         \
    static KaaValue posix_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {  \
        return kaa_bool(name(status_arg(#name, args, nargs, kw)));                              \
    }
#define WAIT_FIELD(name)                                                                        \
    static KaaValue posix_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {  \
        return kaa_from_small(name(status_arg(#name, args, nargs, kw)));                        \
    }
WAIT_TEST(WIFEXITED)
WAIT_TEST(WIFSIGNALED)
WAIT_TEST(WIFSTOPPED)
WAIT_TEST(WIFCONTINUED)
WAIT_TEST(WCOREDUMP)
WAIT_FIELD(WEXITSTATUS)
WAIT_FIELD(WTERMSIG)
WAIT_FIELD(WSTOPSIG)

// The exit code, or minus the signal that killed the process (3.9+).
static KaaValue posix_waitstatus_to_exitcode(KaaValue self, KaaValue *args, size_t nargs,
                                             KaaTuple *kw) {
    int status = status_arg("waitstatus_to_exitcode", args, nargs, kw);
    if (WIFEXITED(status)) {
        return kaa_from_small(WEXITSTATUS(status));
    }
    if (WIFSIGNALED(status)) {
        return kaa_from_small(-WTERMSIG(status));
    }
    if (WIFSTOPPED(status)) {
        kaa_raise_value_error("process stopped by delivery of signal %d", WSTOPSIG(status));
    }
    kaa_raise_value_error("invalid wait status: %d", status);
}

// ---- system information -------------------------------------------------------------------------

static OsStructSeq times_result_type, uname_result_type;
static const char *const times_fields[] = {"user", "system", "children_user", "children_system",
                                           "elapsed"};
static const char *const uname_fields[] = {"sysname", "nodename", "release", "version",
                                           "machine"};

// times(): clock ticks converted to seconds.
static KaaValue posix_times(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.times", nargs, 0, 0);
    struct tms t;
    clock_t c = times(&t);
    if (c == (clock_t)-1) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    double tick = (double)sysconf(_SC_CLK_TCK);
    KaaValue v[5] = {
        kaa_from_float((double)t.tms_utime / tick), kaa_from_float((double)t.tms_stime / tick),
        kaa_from_float((double)t.tms_cutime / tick), kaa_from_float((double)t.tms_cstime / tick),
        kaa_from_float((double)c / tick),
    };
    return osio_structseq_make(&times_result_type, v);
}

static KaaValue posix_uname(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.uname", nargs, 0, 0);
    struct utsname u;
    if (uname(&u) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    const char *parts[5] = {u.sysname, u.nodename, u.release, u.version, u.machine};
    KaaValue v[5];
    for (int i = 0; i < 5; i++) {
        v[i] = osio_fs_decode(parts[i], strlen(parts[i]));
    }
    return osio_structseq_make(&uname_result_type, v);
}

// cpu_count(): online processors, None when unknown.
static KaaValue posix_cpu_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.cpu_count", nargs, 0, 0);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 1 ? kaa_from_small(n) : kaa_None;
}

static KaaValue posix_getloadavg(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.getloadavg", nargs, 0, 0);
    double l[3];
    if (getloadavg(l, 3) != 3) {
        kaa_raise_msg(kaa_OSError, "Load averages are unobtainable");
    }
    return kaa_from_obj(kaa_tuple_pack(3, kaa_from_float(l[0]), kaa_from_float(l[1]),
                                       kaa_from_float(l[2])));
}

typedef struct {
    const char *name;
    int value;
} ConfName;

#define SC(name) {#name, _##name}
static const ConfName sysconf_table[] = {
    SC(SC_ARG_MAX), SC(SC_CHILD_MAX), SC(SC_CLK_TCK), SC(SC_NGROUPS_MAX), SC(SC_OPEN_MAX),
    SC(SC_PAGESIZE), {"SC_PAGE_SIZE", _SC_PAGE_SIZE}, SC(SC_NPROCESSORS_CONF),
    SC(SC_NPROCESSORS_ONLN), SC(SC_PHYS_PAGES), SC(SC_AVPHYS_PAGES), SC(SC_IOV_MAX),
    SC(SC_LINE_MAX), SC(SC_HOST_NAME_MAX), SC(SC_LOGIN_NAME_MAX), SC(SC_TTY_NAME_MAX),
    SC(SC_STREAM_MAX), SC(SC_TZNAME_MAX), SC(SC_VERSION), SC(SC_SEM_NSEMS_MAX),
    SC(SC_GETPW_R_SIZE_MAX), SC(SC_GETGR_R_SIZE_MAX), SC(SC_MINSIGSTKSZ),
};
#undef SC

// sysconf(name): a name from sysconf_names or its number.
static KaaValue posix_sysconf(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("sysconf", kw);
    kaa_args_count("sysconf", nargs, 1, 1);
    int name = -1;
    if (kaa_is_str(args[0])) {
        for (size_t i = 0; i < sizeof sysconf_table / sizeof sysconf_table[0]; i++) {
            if (kaa_str_eq_cstr(args[0], sysconf_table[i].name)) {
                name = sysconf_table[i].value;
            }
        }
        if (name < 0) {
            kaa_raise_value_error("unrecognized configuration name");
        }
    } else if (kaa_is_int_like(args[0])) {
        name = osio_int(args[0]);
    } else {
        kaa_raise_type_error("configuration names must be strings or integers");
    }
    errno = 0;
    long r = sysconf(name);
    if (r == -1 && errno != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_int_from_i64(r);
}

static KaaValue sysconf_names(void) {
    KaaDict *d = kaa_dict_new();
    for (size_t i = 0; i < sizeof sysconf_table / sizeof sysconf_table[0]; i++) {
        kaa_dict_set_cstr(d, sysconf_table[i].name, kaa_from_small(sysconf_table[i].value));
    }
    return kaa_from_obj(d);
}

static KaaValue posix_sched_yield(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.sched_yield", nargs, 0, 0);
    sched_yield();
    return kaa_None;
}

// ---- devices, randomness, priorities ------------------------------------------------------------

static dev_t dev_arg(KaaValue v) {
    KaaValue i = kaa_index(v);
    if (kaa_int_sign(i) < 0) {
        kaa_raise_overflow("can't convert negative int to unsigned");
    }
    int64_t d;
    if (kaa_int_to_i64(i, &d)) {
        return (dev_t)d;
    }
    // Between 2**63 and 2**64: the top bit is set.
    KaaValue low = kaa_binary_op(i, kaa_int_from_u64(UINT64_MAX >> 1), KAA_OP_AND);
    KaaValue high = kaa_binary_op(i, kaa_from_small(63), KAA_OP_RSHIFT);
    if (!kaa_eq(high, kaa_from_small(1))) {
        kaa_raise_overflow("int too big to convert");
    }
    return (dev_t)kaa_int_as_i64(low) | ((dev_t)1 << 63);
}

static KaaValue posix_major(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("major", kw);
    kaa_args_count("major", nargs, 1, 1);
    return kaa_int_from_u64(major(dev_arg(args[0])));
}

static KaaValue posix_minor(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("minor", kw);
    kaa_args_count("minor", nargs, 1, 1);
    return kaa_int_from_u64(minor(dev_arg(args[0])));
}

static KaaValue posix_makedev(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("makedev", kw);
    kaa_args_count("makedev", nargs, 2, 2);
    unsigned ma = (unsigned)osio_long(args[0]), mi = (unsigned)osio_long(args[1]);
    return kaa_int_from_i64((int64_t)makedev(ma, mi));  // CPython reports it signed
}

static KaaValue posix_mknod(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"path", "mode", "device", "*", "dir_fd", NULL};
    KaaValue a[4];
    osio_bind("mknod", args, nargs, kwnames, params, 0, 1, a);
    OsPath p;
    osio_path_init(&p, "mknod", "path", false, false);
    osio_path_convert(&p, a[0]);
    int mode = a[1] == KAA_NULL ? 0600 : osio_int(a[1]);
    dev_t dev = a[2] == KAA_NULL ? 0 : dev_arg(a[2]);
    if (mknodat(osio_dir_fd(a[3]), p.narrow, (mode_t)mode, dev) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);  // CPython names no file here
    }
    return kaa_None;
}

static KaaValue posix_getrandom(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"size", "flags", NULL};
    KaaValue a[2];
    osio_bind("getrandom", args, nargs, kwnames, params, 0, 1, a);
    ssize_t size = osio_ssize(a[0]);
    int flags = a[1] == KAA_NULL ? 0 : osio_int(a[1]);
    if (size < 0) {
        osio_raise_errno(EINVAL, KAA_NULL, KAA_NULL);
    }
    KaaValue b = kaa_bytes_new_raw((size_t)size);
    ssize_t n;
    do {
        n = getrandom(kaa_bytes(b)->data, (size_t)size, (unsigned)flags);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return n == size ? b : kaa_bytes_new(kaa_bytes(b)->data, (size_t)n);
}

static KaaValue posix_getpriority(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("getpriority", kw);
    kaa_args_count("getpriority", nargs, 2, 2);
    errno = 0;
    int r = getpriority((__priority_which_t)osio_int(args[0]), (id_t)osio_int(args[1]));
    if (r == -1 && errno != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_from_small(r);
}

static KaaValue posix_setpriority(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("setpriority", kw);
    kaa_args_count("setpriority", nargs, 3, 3);
    int which = osio_int(args[0]), who = osio_int(args[1]), prio = osio_int(args[2]);
    if (setpriority((__priority_which_t)which, (id_t)who, prio) != 0) {
        osio_raise_errno(errno, KAA_NULL, KAA_NULL);
    }
    return kaa_None;
}

static KaaValue posix_ctermid(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("posix.ctermid", nargs, 0, 0);
    char buf[L_ctermid];
    const char *r = ctermid(buf);
    return osio_fs_decode(r, strlen(r));
}

static const KaaMethodDef proc_methods[] = {
    {"major", posix_major, 0, NULL},
    {"minor", posix_minor, 0, NULL},
    {"makedev", posix_makedev, 0, NULL},
    {"mknod", posix_mknod, 0, NULL},
    {"getrandom", posix_getrandom, 0, NULL},
    {"getpriority", posix_getpriority, 0, NULL},
    {"setpriority", posix_setpriority, 0, NULL},
    {"ctermid", posix_ctermid, 0, NULL},
    {"putenv", posix_putenv, 0, NULL},
    {"unsetenv", posix_unsetenv, 0, NULL},
    {"getpid", posix_getpid, 0, NULL},
    {"getppid", posix_getppid, 0, NULL},
    {"getuid", posix_getuid, 0, NULL},
    {"geteuid", posix_geteuid, 0, NULL},
    {"getgid", posix_getgid, 0, NULL},
    {"getegid", posix_getegid, 0, NULL},
    {"getpgrp", posix_getpgrp, 0, NULL},
    {"getgroups", posix_getgroups, 0, NULL},
    {"getlogin", posix_getlogin, 0, NULL},
    {"getpgid", posix_getpgid, 0, NULL},
    {"getsid", posix_getsid, 0, NULL},
    {"setuid", posix_setuid, 0, NULL},
    {"setgid", posix_setgid, 0, NULL},
    {"setsid", posix_setsid, 0, NULL},
    {"setpgid", posix_setpgid, 0, NULL},
    {"nice", posix_nice, 0, NULL},
    {"kill", posix_kill, 0, NULL},
    {"killpg", posix_killpg, 0, NULL},
    {"abort", posix_abort, 0, NULL},
    {"_exit", posix_exit, 0, NULL},
    {"register_at_fork", posix_register_at_fork, 0, NULL},
    {"fork", posix_fork, 0, NULL},
    {"execv", posix_execv, 0, NULL},
    {"execve", posix_execve, 0, NULL},
    {"system", posix_system, 0, NULL},
    {"waitpid", posix_waitpid, 0, NULL},
    {"wait", posix_wait, 0, NULL},
    {"WIFEXITED", posix_WIFEXITED, 0, NULL},
    {"WIFSIGNALED", posix_WIFSIGNALED, 0, NULL},
    {"WIFSTOPPED", posix_WIFSTOPPED, 0, NULL},
    {"WIFCONTINUED", posix_WIFCONTINUED, 0, NULL},
    {"WCOREDUMP", posix_WCOREDUMP, 0, NULL},
    {"WEXITSTATUS", posix_WEXITSTATUS, 0, NULL},
    {"WTERMSIG", posix_WTERMSIG, 0, NULL},
    {"WSTOPSIG", posix_WSTOPSIG, 0, NULL},
    {"waitstatus_to_exitcode", posix_waitstatus_to_exitcode, 0, NULL},
    {"times", posix_times, 0, NULL},
    {"uname", posix_uname, 0, NULL},
    {"cpu_count", posix_cpu_count, 0, NULL},
    {"getloadavg", posix_getloadavg, 0, NULL},
    {"sysconf", posix_sysconf, 0, NULL},
    {"sched_yield", posix_sched_yield, 0, NULL},
    {NULL},
};

void osio_proc_add(KaaValue m) {
    kaa_module_add_methods(m, proc_methods);
    kaa_module_add(m, "environ", environ_dict());
    kaa_module_add(m, "sysconf_names", sysconf_names());
    osio_structseq_ready(&times_result_type, "posix.times_result", times_fields, 5, 5);
    osio_structseq_ready(&uname_result_type, "posix.uname_result", uname_fields, 5, 5);
    kaa_module_add(m, "times_result", kaa_from_obj(&times_result_type.type));
    kaa_module_add(m, "uname_result", kaa_from_obj(&uname_result_type.type));
}
