// modules/thread.c — the _thread module for a single-threaded kaa: locks, reentrant locks,
// thread-local objects and the thread identity functions `threading` needs.
//
// Stage: modules. kaa runs one thread (real threads are a later issue), so this module is
// honest about it: start_new_thread raises NotImplementedError, and acquiring a lock that is
// already held with an unbounded wait raises RuntimeError instead of hanging forever (no
// other thread could ever release it). A bounded wait sleeps for the timeout and fails, as
// CPython would when no other thread releases the lock. _thread._local is a plain object
// with a __dict__, which is what thread-local storage is with one thread.
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "modules/coremods.h"

#define TIMEOUT_MAX 9223372036.0  // CPython's PY_TIMEOUT_MAX in seconds on Linux

typedef struct {
    KaaObject ob;
    bool locked;
    KaaValue weakreflist;
} Lock;

typedef struct {
    KaaObject ob;
    int64_t owner;  // thread ident; 0 when unowned
    int64_t count;
    KaaValue weakreflist;
} RLock;

static int64_t thread_ident(void) { return (int64_t)(uintptr_t)pthread_self(); }

static void sleep_seconds(double secs) {
    struct timespec ts = {(time_t)secs, (long)((secs - floor(secs)) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

// Parses acquire(blocking=True, timeout=-1) into a timeout: -1 forever, 0 no wait.
static double acquire_timeout(KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"blocking", "timeout", NULL};
    KaaValue a[2];
    kaa_args_bind("acquire", args, nargs, kwnames, params, 0, 0, a);
    bool blocking = a[0] == KAA_NULL || kaa_truthy(a[0]);
    double timeout = -1;
    if (a[1] != KAA_NULL) {
        if (!kaa_is_int_like(a[1]) && !kaa_is_float_like(a[1])) {
            kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                                 kaa_type_name_of(a[1]));
        }
        timeout = kaa_float_of(a[1]);
    }
    if (!blocking && timeout != -1) {
        kaa_raise_value_error("can't specify a timeout for a non-blocking call");
    }
    if (timeout < 0 && timeout != -1) {
        kaa_raise_value_error("timeout value must be positive");
    }
    if (timeout > TIMEOUT_MAX) {
        kaa_raise_overflow("timeout value is too large");
    }
    return blocking ? timeout : 0;
}

// The lock is held and only this thread exists: nobody can release it.
static bool wait_held(double timeout) {
    if (timeout < 0) {
        kaa_raise_msg(kaa_RuntimeError,
                      "kaa: acquiring a held lock would wait forever (kaa runs one thread)");
    }
    if (timeout > 0) {
        sleep_seconds(timeout);
    }
    return false;
}

// ---- lock -------------------------------------------------------------------------------------

static KaaType lock_type, rlock_type;

static KaaValue lock_make(void) {
    Lock *l = kaa_alloc(sizeof *l);
    l->ob.type = &lock_type;
    return kaa_from_obj(l);
}

static KaaValue lock_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_raise_type_error("cannot create '%s' instances", type->name);
}

static KaaValue lock_acquire(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    double timeout = acquire_timeout(args, nargs, kwnames);
    Lock *l = (Lock *)kaa_obj(self);
    if (!l->locked) {
        l->locked = true;
        return kaa_True;
    }
    return kaa_bool(wait_held(timeout));
}

static KaaValue lock_release(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs != 0) {
        kaa_raise_type_error("lock.release() takes no arguments (%zu given)", nargs);
    }
    Lock *l = (Lock *)kaa_obj(self);
    if (!l->locked) {
        kaa_raise_msg(kaa_RuntimeError, "release unlocked lock");
    }
    l->locked = false;
    return kaa_None;
}

static KaaValue lock_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return lock_release(self, NULL, 0, NULL);
}

static KaaValue lock_locked(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("locked", nargs, 0, 0);
    return kaa_bool(((Lock *)kaa_obj(self))->locked);
}

static KaaValue lock_at_fork_reinit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    ((Lock *)kaa_obj(self))->locked = false;
    return kaa_None;
}

static KaaValue lock_repr(KaaValue self) {
    return kaa_str_printf("<%s %s object at %p>",
                          ((Lock *)kaa_obj(self))->locked ? "locked" : "unlocked",
                          kaa_type_name_of(self), kaa_obj(self));
}

static const KaaMethodDef lock_methods[] = {
    {"acquire", lock_acquire, 0, NULL},
    {"acquire_lock", lock_acquire, 0, NULL},
    {"__enter__", lock_acquire, 0, NULL},
    {"release", lock_release, 0, NULL},
    {"release_lock", lock_release, 0, NULL},
    {"__exit__", lock_exit, 0, NULL},
    {"locked", lock_locked, 0, NULL},
    {"locked_lock", lock_locked, 0, NULL},
    {"_at_fork_reinit", lock_at_fork_reinit, 0, NULL},
    {NULL},
};

static KaaType lock_type = {
    .ob = {&kaa_type_type},
    .name = "_thread.lock",
    .instance_size = sizeof(Lock),
    .weaklist_offset = offsetof(Lock, weakreflist),
    .repr = lock_repr,
    .new_ = lock_new,
    .methods = lock_methods,
};

// ---- RLock ------------------------------------------------------------------------------------

static RLock *rl(KaaValue v) { return (RLock *)kaa_obj(v); }

static KaaValue rlock_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_from_obj(cm_new(type));
}

static KaaValue rlock_acquire(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    double timeout = acquire_timeout(args, nargs, kwnames);
    RLock *r = rl(self);
    int64_t me = thread_ident();
    if (r->count == 0 || r->owner == me) {
        r->owner = me;
        r->count++;
        return kaa_True;
    }
    return kaa_bool(wait_held(timeout));
}

static KaaValue rlock_release(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    RLock *r = rl(self);
    if (r->count == 0 || r->owner != thread_ident()) {
        kaa_raise_msg(kaa_RuntimeError, "cannot release un-acquired lock");
    }
    if (--r->count == 0) {
        r->owner = 0;
    }
    return kaa_None;
}

static KaaValue rlock_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return rlock_release(self, NULL, 0, NULL);
}

static KaaValue rlock_is_owned(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_bool(rl(self)->count > 0 && rl(self)->owner == thread_ident());
}

static KaaValue rlock_recursion_count(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    RLock *r = rl(self);
    return kaa_from_small(r->owner == thread_ident() ? r->count : 0);
}

// _release_save() -> (count, owner): releases completely (Condition.wait).
static KaaValue rlock_release_save(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    RLock *r = rl(self);
    if (r->count == 0) {
        kaa_raise_msg(kaa_RuntimeError, "cannot release un-acquired lock");
    }
    KaaValue state = kaa_from_obj(kaa_tuple_pack(2, kaa_from_small(r->count),
                                                 kaa_int_from_i64(r->owner)));
    r->count = 0;
    r->owner = 0;
    return state;
}

static KaaValue rlock_acquire_restore(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    kaa_args_count("_acquire_restore", nargs, 1, 1);
    KaaValue v[2];
    kaa_unpack(args[0], 2, v);
    RLock *r = rl(self);
    if (r->count != 0) {
        wait_held(-1);
    }
    r->count = kaa_int_as_i64(v[0]);
    r->owner = kaa_int_as_i64(v[1]);
    return kaa_None;
}

static KaaValue rlock_at_fork_reinit(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    rl(self)->count = 0;
    rl(self)->owner = 0;
    return kaa_None;
}

static KaaValue rlock_repr(KaaValue self) {
    RLock *r = rl(self);
    return kaa_str_printf("<%s %s object owner=%lld count=%lld at %p>",
                          r->count ? "locked" : "unlocked", kaa_type_name_of(self),
                          (long long)r->owner, (long long)r->count, kaa_obj(self));
}

static const KaaMethodDef rlock_methods[] = {
    {"acquire", rlock_acquire, 0, NULL},
    {"__enter__", rlock_acquire, 0, NULL},
    {"release", rlock_release, 0, NULL},
    {"__exit__", rlock_exit, 0, NULL},
    {"_is_owned", rlock_is_owned, 0, NULL},
    {"_recursion_count", rlock_recursion_count, 0, NULL},
    {"_release_save", rlock_release_save, 0, NULL},
    {"_acquire_restore", rlock_acquire_restore, 0, NULL},
    {"_at_fork_reinit", rlock_at_fork_reinit, 0, NULL},
    {NULL},
};

static KaaType rlock_type = {
    .ob = {&kaa_type_type},
    .name = "_thread.RLock",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(RLock),
    .weaklist_offset = offsetof(RLock, weakreflist),
    .repr = rlock_repr,
    .new_ = rlock_new,
    .methods = rlock_methods,
};

// ---- _local -----------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue dict;
    KaaValue weakreflist;
} Local;

static KaaType local_type;

// Arguments are for a subclass's __init__; the base class itself takes none.
static KaaValue local_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs + KAA_NKW(kwnames) > 0) {
        KaaValue init = kaa_type_lookup(type, KAA_ID(__init__));
        KaaValue base_init = kaa_type_lookup(&kaa_object_type, KAA_ID(__init__));
        if (type == &local_type || init == base_init) {
            kaa_raise_type_error("Initialization arguments are not supported");
        }
    }
    return kaa_from_obj(cm_new(type));
}

static const KaaGetSetDef local_getsets[] = {
    CM_DICT_GETSET,
    {NULL},
};

static KaaType local_type = {
    .ob = {&kaa_type_type},
    .name = "_thread._local",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(Local),
    .dict_offset = offsetof(Local, dict),
    .weaklist_offset = offsetof(Local, weakreflist),
    .getattr = kaa_generic_getattr,
    .setattr = kaa_generic_setattr,
    .new_ = local_new,
    .getsets = local_getsets,
};

// ---- module functions -------------------------------------------------------------------------

static KaaValue thread_allocate_lock(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs != 0) {
        kaa_raise_type_error("_thread.allocate_lock() takes no arguments (%zu given)", nargs);
    }
    return lock_make();
}

static KaaValue thread_set_sentinel(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_set_sentinel", nargs, 0, 0);
    return lock_make();
}

static KaaValue thread_get_ident(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("get_ident", nargs, 0, 0);
    return kaa_int_from_i64(thread_ident());
}

static KaaValue thread_get_native_id(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    kaa_args_count("get_native_id", nargs, 0, 0);
    return kaa_int_from_i64((int64_t)gettid());
}

static KaaValue thread_start_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("start_new_thread", nargs, 2, 3);
    if (!kaa_callable(args[0])) {
        kaa_raise_type_error("first arg must be callable");
    }
    if (!kaa_is_tuple(args[1])) {
        kaa_raise_type_error("2nd arg must be a tuple");
    }
    kaa_raise_msg(kaa_NotImplementedError, "threads");
}

static KaaValue thread_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_count", nargs, 0, 0);
    return kaa_from_small(0);
}

static KaaValue thread_stack_size(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("stack_size", nargs, 0, 1);
    if (nargs == 1) {
        int64_t size = cm_ssize(args[0]);
        if (size < 0) {
            kaa_raise_value_error("size must be 0 or a positive value");
        }
        if (size != 0 && size < 32768) {
            kaa_raise_value_error("size not valid: %lld bytes", (long long)size);
        }
    }
    return kaa_from_small(0);
}

static KaaValue thread_daemon_allowed(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    return kaa_True;
}

// interrupt_main(signum=SIGINT): with one thread, the signal is simply raised now.
static KaaValue thread_interrupt_main(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    cm_check_positional("interrupt_main", nargs, 0, 1);
    kaa_raise(kaa_exc_new(kaa_KeyboardInterrupt, NULL, 0));
}

static KaaValue thread_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_raise(kaa_exc_new(kaa_SystemExit, NULL, 0));
}

static const KaaMethodDef thread_methods[] = {
    {"allocate_lock", thread_allocate_lock, 0, NULL},
    {"allocate", thread_allocate_lock, 0, NULL},
    {"_set_sentinel", thread_set_sentinel, 0, NULL},
    {"get_ident", thread_get_ident, 0, NULL},
    {"get_native_id", thread_get_native_id, 0, NULL},
    {"start_new_thread", thread_start_new, 0, NULL},
    {"start_new", thread_start_new, 0, NULL},
    {"_count", thread_count, 0, NULL},
    {"stack_size", thread_stack_size, 0, NULL},
    {"daemon_threads_allowed", thread_daemon_allowed, 0, NULL},
    {"interrupt_main", thread_interrupt_main, 0, NULL},
    {"exit", thread_exit, 0, NULL},
    {"exit_thread", thread_exit, 0, NULL},
    {NULL},
};

KaaValue kaa_thread_init(void) {
    kaa_type_ready(&lock_type);
    kaa_type_ready(&rlock_type);
    kaa_type_ready(&local_type);
    KaaValue m = kaa_module_new_cstr("_thread");
    kaa_module_add_methods(m, thread_methods);
    kaa_module_add(m, "LockType", kaa_from_obj(&lock_type));
    kaa_module_add(m, "RLock", kaa_from_obj(&rlock_type));
    kaa_module_add(m, "_local", kaa_from_obj(&local_type));
    kaa_module_add(m, "error", kaa_from_obj(kaa_RuntimeError));
    kaa_module_add(m, "TIMEOUT_MAX", kaa_from_float(TIMEOUT_MAX));
    return m;
}
