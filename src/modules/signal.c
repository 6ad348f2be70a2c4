// modules/signal.c — the _signal module: installing Python signal handlers, and the POSIX
// signal functions (alarm, pause, setitimer, pthread_sigmask, sigwait, ...).
//
// Stage: modules. The C-level handler only records that a signal arrived (and writes its
// number to the wakeup fd): Python handlers run later, at a safe point, through
// kaa_signal_run_pending(), which the VM calls when kaa_signal_pending is set (as CPython's
// eval breaker does), and which this module also calls right after raise_signal(), pause()
// and sigwait-style waits. Must not run Python code inside the C signal handler.
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "modules/coremods.h"
#include "vm/vm.h"

volatile sig_atomic_t kaa_signal_pending;
static volatile sig_atomic_t tripped[NSIG];
static volatile sig_atomic_t wakeup_fd = -1;
static bool wakeup_warn = true;
static KaaValue handlers[NSIG];  // Python handler per signal; KAA_NULL: not known from Python
static KaaValue default_int_handler_fn, itimer_error;
static KaaValue default_int_handler(void);

// ---- the C handler and the pending queue ---------------------------------------------------------

static void c_handler(int signum) {
    int saved = errno;
    tripped[signum] = 1;
    kaa_signal_pending = 1;
    kaa_eval_breaker = 1;
    if (wakeup_fd >= 0) {
        unsigned char b = (unsigned char)signum;
        ssize_t r = write(wakeup_fd, &b, 1);
        (void)r;
    }
    errno = saved;
}

// Runs the Python handlers of the signals that arrived; a handler's exception propagates.
void kaa_signal_run_pending(void) {
    if (!kaa_signal_pending) {
        return;
    }
    kaa_signal_pending = 0;
    for (int i = 1; i < NSIG; i++) {
        if (!tripped[i]) {
            continue;
        }
        tripped[i] = 0;
        KaaValue h = handlers[i];
        if (h == KAA_NULL || kaa_is_int(h)) {
            continue;
        }
        KaaValue frame = kaa_ts.frame ? kaa_frame_object(kaa_ts.frame) : kaa_None;
        kaa_call2(h, kaa_from_small(i), frame);
    }
}

// ---- signal / getsignal -------------------------------------------------------------------------

static int signal_number(KaaValue v) {
    int64_t n = cm_ssize(v);
    if (n < 1 || n >= NSIG) {
        kaa_raise_value_error("signal number out of range");
    }
    return (int)n;
}

// The disposition the process has for signum, as signal.getsignal reports it at start-up.
static KaaValue current_disposition(int signum) {
    struct sigaction sa;
    if (sigaction(signum, NULL, &sa) != 0) {
        return kaa_None;
    }
    if (sa.sa_handler == SIG_DFL) {
        return signum == SIGINT ? default_int_handler() : kaa_from_small(0);
    }
    if (sa.sa_handler == SIG_IGN) {
        return kaa_from_small(1);
    }
    return sa.sa_handler == c_handler && handlers[signum] ? handlers[signum] : kaa_None;
}

static KaaValue get_handler(int signum) {
    return handlers[signum] != KAA_NULL ? handlers[signum] : current_disposition(signum);
}

static void install(int signum, void (*fn)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_ONSTACK;
    if (sigaction(signum, &sa, NULL) != 0) {
        kaa_raise_os_error(errno, KAA_NULL);
    }
}

static KaaValue signal_signal(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("signal", kw);
    cm_check_positional("signal", nargs, 2, 2);
    int signum = signal_number(args[0]);
    KaaValue handler = args[1];
    KaaValue old = get_handler(signum);
    void (*fn)(int);
    if (kaa_is_int_like(handler) && !kaa_callable(handler)) {
        int64_t v = kaa_int_as_i64(handler);
        if (v != 0 && v != 1) {
            kaa_raise_type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a "
                                 "callable object");
        }
        fn = v == 0 ? SIG_DFL : SIG_IGN;
        handler = kaa_from_small(v);
    } else if (kaa_callable(handler)) {
        fn = c_handler;
    } else {
        kaa_raise_type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a "
                             "callable object");
    }
    install(signum, fn);
    handlers[signum] = handler;
    return old;
}

static KaaValue signal_getsignal(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("getsignal", kw);
    kaa_args_count("getsignal", nargs, 1, 1);
    return get_handler(signal_number(args[0]));
}

static KaaValue signal_default_int_handler(KaaValue self, KaaValue *args, size_t nargs,
                                           KaaTuple *kw) {
    kaa_raise(kaa_exc_new(kaa_KeyboardInterrupt, NULL, 0));
}

static const KaaMethodDef default_int_handler_def = {
    "default_int_handler", signal_default_int_handler, 0,
    "The default handler for SIGINT installed by Python.\n\nIt raises KeyboardInterrupt."};

// signal.default_int_handler: one object, whether the module or start-up asks first.
static KaaValue default_int_handler(void) {
    if (default_int_handler_fn == KAA_NULL) {
        default_int_handler_fn = kaa_cfunction_new(&default_int_handler_def, KAA_NULL,
                                                   kaa_str_from_cstr("_signal"));
    }
    return default_int_handler_fn;
}

// Installs CPython's start-up handler for SIGINT (KeyboardInterrupt) unless SIGINT is ignored;
// for the interpreter's start-up, once the VM checks kaa_signal_pending.
void kaa_signal_install_default(void) {
    kaa_pending_register(kaa_signal_run_pending);
    struct sigaction sa;
    if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
        install(SIGINT, c_handler);
        handlers[SIGINT] = default_int_handler();
    }
}

static KaaValue signal_raise_signal(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("raise_signal", nargs, 1, 1);
    int64_t n = cm_ssize(args[0]);
    if (n < 1 || n >= NSIG || raise((int)n) != 0) {
        kaa_raise_os_error(EINVAL, KAA_NULL);
    }
    kaa_signal_run_pending();
    return kaa_None;
}

static KaaValue signal_strsignal(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("strsignal", nargs, 1, 1);
    int signum = signal_number(args[0]);
    const char *s = strsignal(signum);
    if (s == NULL || strstr(s, "Unknown signal") != NULL || strstr(s, "Real-time signal")) {
        return kaa_None;
    }
    return kaa_str_from_cstr(s);
}

static KaaValue signal_valid_signals(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("valid_signals", nargs, 0, 0);
    sigset_t all;
    sigfillset(&all);
    KaaSet *out = kaa_set_new(&kaa_set_type);
    for (int i = 1; i < NSIG; i++) {
        if (sigismember(&all, i) == 1) {
            kaa_set_add(out, kaa_from_small(i));
        }
    }
    return kaa_from_obj(out);
}

static KaaValue signal_alarm(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("alarm", nargs, 1, 1);
    int64_t secs = cm_ssize(args[0]);
    return kaa_from_small(alarm((unsigned)secs));
}

static KaaValue signal_pause(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("pause", nargs, 0, 0);
    pause();
    kaa_signal_run_pending();
    return kaa_None;
}

static int fd_flags(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        kaa_raise_os_error(errno, KAA_NULL);
    }
    return flags;
}

static KaaValue signal_set_wakeup_fd(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kwnames) {
    static const char *const params[] = {"fd", "*", "warn_on_full_buffer", NULL};
    KaaValue a[2];
    kaa_args_bind("set_wakeup_fd", args, nargs, kwnames, params, 1, 1, a);
    int64_t fd = cm_ssize(a[0]);
    if (fd != -1) {
        if (!(fd_flags((int)fd) & O_NONBLOCK)) {
            kaa_raise_value_error("the fd %lld must be in non-blocking mode", (long long)fd);
        }
    }
    int old = wakeup_fd;
    wakeup_fd = (int)fd;
    wakeup_warn = a[1] == KAA_NULL || kaa_truthy(a[1]);
    return kaa_from_small(old);
}

static KaaValue signal_siginterrupt(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("siginterrupt", nargs, 2, 2);
    int signum = signal_number(args[0]);
    struct sigaction sa;
    sigaction(signum, NULL, &sa);
    if (kaa_truthy(args[1])) {
        sa.sa_flags &= ~SA_RESTART;
    } else {
        sa.sa_flags |= SA_RESTART;
    }
    if (sigaction(signum, &sa, NULL) != 0) {
        kaa_raise_os_error(errno, KAA_NULL);
    }
    return kaa_None;
}

// ---- timers, masks, waits ------------------------------------------------------------------------

static double tv_seconds(struct timeval tv) { return (double)tv.tv_sec + tv.tv_usec * 1e-6; }

static struct timeval seconds_tv(double s) {
    struct timeval tv = {(time_t)s, (suseconds_t)((s - floor(s)) * 1e6)};
    if (s > 0 && tv.tv_sec == 0 && tv.tv_usec == 0) {
        tv.tv_usec = 1;  // a tiny positive delay must not disarm the timer
    }
    return tv;
}

static KaaValue itimer_tuple(struct itimerval *v) {
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_float(tv_seconds(v->it_value)),
                                       kaa_from_float(tv_seconds(v->it_interval))));
}

static KAA_NORETURN void raise_itimer_error(void) {
    KaaValue args[2] = {kaa_from_small(errno), kaa_str_from_cstr(strerror(errno))};
    kaa_raise(kaa_exc_new((KaaType *)kaa_obj(itimer_error), args, 2));
}

static KaaValue signal_setitimer(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("setitimer", nargs, 2, 3);
    struct itimerval nv, ov;
    nv.it_value = seconds_tv(kaa_float_of(args[1]));
    nv.it_interval = seconds_tv(nargs > 2 ? kaa_float_of(args[2]) : 0.0);
    if (setitimer((int)cm_ssize(args[0]), &nv, &ov) != 0) {
        raise_itimer_error();
    }
    return itimer_tuple(&ov);
}

static KaaValue signal_getitimer(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getitimer", nargs, 1, 1);
    struct itimerval v;
    if (getitimer((int)cm_ssize(args[0]), &v) != 0) {
        raise_itimer_error();
    }
    return itimer_tuple(&v);
}

static void sigset_from(KaaValue iterable, sigset_t *set) {
    sigemptyset(set);
    KaaValue it = kaa_iter(iterable);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        int64_t n = cm_ssize(v);
        if (n < 1 || n >= NSIG) {
            kaa_raise_value_error("signal number %lld out of range [1; %d]", (long long)n,
                                  NSIG - 1);
        }
        sigaddset(set, (int)n);
    }
}

static KaaValue sigset_to(const sigset_t *set) {
    KaaSet *out = kaa_set_new(&kaa_set_type);
    for (int i = 1; i < NSIG; i++) {
        if (sigismember(set, i) == 1) {
            kaa_set_add(out, kaa_from_small(i));
        }
    }
    return kaa_from_obj(out);
}

static KaaValue signal_pthread_sigmask(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kw) {
    cm_check_positional("pthread_sigmask", nargs, 2, 2);
    sigset_t set, old;
    sigset_from(args[1], &set);
    int err = pthread_sigmask((int)cm_ssize(args[0]), &set, &old);
    if (err != 0) {
        kaa_raise_os_error(err, KAA_NULL);
    }
    kaa_signal_run_pending();  // unblocking may have delivered a signal
    return sigset_to(&old);
}

static KaaValue signal_sigpending(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("sigpending", nargs, 0, 0);
    sigset_t set;
    if (sigpending(&set) != 0) {
        kaa_raise_os_error(errno, KAA_NULL);
    }
    return sigset_to(&set);
}

static KaaValue signal_sigwait(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("sigwait", nargs, 1, 1);
    sigset_t set;
    sigset_from(args[0], &set);
    int sig = 0, err = sigwait(&set, &sig);
    if (err != 0) {
        kaa_raise_os_error(err, KAA_NULL);
    }
    return kaa_from_small(sig);
}

static KaaValue signal_pthread_kill(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("pthread_kill", nargs, 2, 2);
    uint64_t tid = (uint64_t)kaa_int_as_i64(args[0]);
    int err = pthread_kill((pthread_t)tid, (int)cm_ssize(args[1]));
    if (err != 0) {
        kaa_raise_os_error(err, KAA_NULL);
    }
    kaa_signal_run_pending();
    return kaa_None;
}

// ---- the module -------------------------------------------------------------------------------

#define SF(name) {#name, signal_##name, 0, NULL}
static const KaaMethodDef signal_methods[] = {
    SF(signal), SF(getsignal), SF(raise_signal), SF(strsignal),
    SF(valid_signals), SF(alarm), SF(pause), SF(set_wakeup_fd), SF(siginterrupt),
    SF(setitimer), SF(getitimer), SF(pthread_sigmask), SF(sigpending), SF(sigwait),
    SF(pthread_kill),
    {NULL},
};
#undef SF

static const struct {
    const char *name;
    int value;
} signal_constants[] = {
    {"SIG_DFL", 0}, {"SIG_IGN", 1}, {"NSIG", NSIG}, {"SIG_BLOCK", SIG_BLOCK},
    {"SIG_UNBLOCK", SIG_UNBLOCK}, {"SIG_SETMASK", SIG_SETMASK},
    {"ITIMER_REAL", ITIMER_REAL}, {"ITIMER_VIRTUAL", ITIMER_VIRTUAL},
    {"ITIMER_PROF", ITIMER_PROF},
    {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL},
    {"SIGTRAP", SIGTRAP}, {"SIGABRT", SIGABRT}, {"SIGIOT", SIGIOT}, {"SIGBUS", SIGBUS},
    {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL}, {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV},
    {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
    {"SIGSTKFLT", SIGSTKFLT}, {"SIGCHLD", SIGCHLD}, {"SIGCLD", SIGCHLD}, {"SIGCONT", SIGCONT},
    {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU},
    {"SIGURG", SIGURG}, {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ}, {"SIGVTALRM", SIGVTALRM},
    {"SIGPROF", SIGPROF}, {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO}, {"SIGPOLL", SIGPOLL},
    {"SIGPWR", SIGPWR}, {"SIGSYS", SIGSYS},
};

static void make_itimer_error(void) {
    KaaDict *ns = kaa_dict_new();
    kaa_dict_set(ns, KAA_ID(__module__), kaa_str_from_cstr("signal"));
    KaaTuple *bases = kaa_tuple_pack(1, kaa_from_obj(kaa_OSError));
    itimer_error = kaa_type_new(&kaa_type_type, kaa_str_from_cstr("itimer_error"), bases, ns,
                                NULL, NULL);
}

KaaValue kaa_signal_init(void) {
    kaa_pending_register(kaa_signal_run_pending);
    KaaValue m = kaa_module_new_cstr("_signal");
    kaa_module_add_methods(m, signal_methods);
    kaa_module_add(m, "default_int_handler", default_int_handler());
    if (itimer_error == KAA_NULL) {
        make_itimer_error();
    }
    kaa_module_add(m, "ItimerError", itimer_error);
    for (size_t i = 0; i < sizeof signal_constants / sizeof signal_constants[0]; i++) {
        kaa_module_add(m, signal_constants[i].name, kaa_from_small(signal_constants[i].value));
    }
    kaa_module_add(m, "SIGRTMIN", kaa_from_small(SIGRTMIN));
    kaa_module_add(m, "SIGRTMAX", kaa_from_small(SIGRTMAX));
    return m;
}
