// runtime/raise.c — raising and catching Python exceptions from C.
//
// Stage: runtime. Owns the handler chain (setjmp/longjmp, as DESIGN.md decides), the implicit
// exception chaining every raise performs (__context__), and the helpers that build CPython's
// standard error messages. The VM's own unwinding (exception tables) lives in vm/.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"
#include "vm/vm.h"

void kaa_handler_push(KaaHandler *h) {
    h->prev = kaa_ts.handler;
    h->frame = kaa_ts.frame;
    h->depth = kaa_ts.depth;
    h->ds_top = kaa_ts.datastack_top;
    h->ds_end = kaa_ts.datastack_end;
    h->keep_frames = false;
    h->exc = KAA_NULL;
    kaa_ts.handler = h;
}

void kaa_handler_pop(KaaHandler *h) { kaa_ts.handler = h->prev; }

static KAA_NORETURN void no_handler(KaaValue exc) {
    fprintf(stderr, "kaa: fatal: exception raised outside any handler\n");
    kaa_print_exception(exc);
    abort();
}

// Jumps to the nearest handler without touching the exception's chaining (RERAISE).
KAA_NORETURN void kaa_reraise(KaaValue exc) {
    KaaHandler *h = kaa_ts.handler;
    if (h == NULL) {
        no_handler(exc);
    }
    kaa_ts.handler = h->prev;
    h->exc = exc;
    if (!h->keep_frames) {
        kaa_ts.frame = h->frame;
        kaa_ts.depth = h->depth;
        kaa_ts.datastack_top = h->ds_top;
        kaa_ts.datastack_end = h->ds_end;
    }
    longjmp(h->buf, 1);
}

// Sets exc.__context__ to the exception being handled, as every raise does in Python. A
// chain that already leads back to exc is cut first, so contexts never form a cycle.
static void chain_context(KaaValue exc) {
    KaaValue handled = kaa_handled_exception();
    if (handled == KAA_NULL || handled == exc || !kaa_is_exception(handled)) {
        return;
    }
    KaaValue o = handled;
    for (int steps = 0; steps < 10000; steps++) {
        KaaValue ctx = kaa_exc(o)->context;
        if (ctx == KAA_NULL) {
            break;
        }
        if (ctx == exc) {
            kaa_exc(o)->context = KAA_NULL;
            break;
        }
        o = ctx;
    }
    kaa_exc(exc)->context = handled;
}

KAA_NORETURN void kaa_raise(KaaValue exc) {
    if (kaa_is_exception(exc)) {
        chain_context(exc);
    }
    kaa_reraise(exc);
}

KAA_NORETURN void kaa_raise_msg(KaaType *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    KaaValue msg = kaa_str_vprintf(fmt, ap);
    va_end(ap);
    kaa_raise(kaa_exc_new_msg(type, msg));
}

#define DEFINE_RAISER(fn, exc_type)                        \
    KAA_NORETURN void fn(const char *fmt, ...) {           \
        va_list ap;                                        \
        va_start(ap, fmt);                                 \
        KaaValue msg = kaa_str_vprintf(fmt, ap);           \
        va_end(ap);                                        \
        kaa_raise(kaa_exc_new_msg(exc_type, msg));         \
    }
DEFINE_RAISER(kaa_raise_type_error, kaa_TypeError)
DEFINE_RAISER(kaa_raise_value_error, kaa_ValueError)
DEFINE_RAISER(kaa_raise_index_error, kaa_IndexError)
DEFINE_RAISER(kaa_raise_overflow, kaa_OverflowError)

KAA_NORETURN void kaa_raise_key_error(KaaValue key) {
    kaa_raise(kaa_exc_new(kaa_KeyError, &key, 1));
}

KAA_NORETURN void kaa_raise_zero_division(const char *msg) {
    kaa_raise(kaa_exc_new_msg(kaa_ZeroDivisionError, kaa_str_from_cstr(msg)));
}

KAA_NORETURN void kaa_raise_not_implemented(const char *what) {
    kaa_raise_msg(kaa_NotImplementedError, "%s is not implemented in kaa yet", what);
}

KAA_NORETURN void kaa_raise_stop_iteration(KaaValue value) {
    if (value == KAA_NULL) {
        kaa_raise(kaa_exc_new(kaa_StopIteration, NULL, 0));
    }
    kaa_raise(kaa_exc_new(kaa_StopIteration, &value, 1));
}

KAA_NORETURN void kaa_raise_attribute_error(KaaValue obj, KaaValue name) {
    KaaValue msg;
    if (kaa_is_type(obj, &kaa_module_type)) {
        KaaValue modname = kaa_dict_get_str(((KaaModule *)kaa_obj(obj))->dict, KAA_ID(__name__));
        if (modname != KAA_NULL && kaa_is_str(modname)) {
            msg = kaa_str_printf("module '%S' has no attribute '%S'", modname, name);
        } else {
            msg = kaa_str_printf("module has no attribute '%S'", name);
        }
    } else if (kaa_is_obj(obj) && kaa_type_has(kaa_type_of(obj), KAA_TPFLAG_TYPE_SUBCLASS)) {
        msg = kaa_str_printf("type object '%s' has no attribute '%S'",
                             ((KaaType *)kaa_obj(obj))->name, name);
    } else {
        msg = kaa_str_printf("'%T' object has no attribute '%S'", obj, name);
    }
    KaaValue exc = kaa_exc_new_msg(kaa_AttributeError, msg);
    kaa_exc_set_attr(exc, "name", name);
    kaa_exc_set_attr(exc, "obj", obj);
    kaa_raise(exc);
}

static KaaValue memory_error_instance;

KAA_NORETURN void kaa_raise_memory(void) {
    if (memory_error_instance == KAA_NULL) {
        // The first MemoryError is made before memory runs out (kaa_objects_init calls here
        // with a handler that discards it), so raising one never needs to allocate.
        memory_error_instance = kaa_exc_new(kaa_MemoryError, NULL, 0);
    }
    kaa_exc(memory_error_instance)->traceback = KAA_NULL;
    kaa_exc(memory_error_instance)->context = KAA_NULL;
    kaa_reraise(memory_error_instance);
}

void kaa_raise_prepare(void) {
    memory_error_instance = kaa_exc_new(kaa_MemoryError, NULL, 0);
}

KAA_NORETURN void kaa_raise_recursion(const char *where) {
    // Give the handlers some room: the limit is lifted while the exception is built and
    // restored when it lands (KaaHandler.depth).
    if (where == NULL) {
        kaa_raise_msg(kaa_RecursionError, "maximum recursion depth exceeded");
    }
    kaa_raise_msg(kaa_RecursionError, "maximum recursion depth exceeded %s", where);
}

KaaType *kaa_os_error_subclass(int err) {
    switch (err) {
    case EAGAIN: case EALREADY: case EINPROGRESS:
        return kaa_BlockingIOError;
    case ECHILD: return kaa_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return kaa_BrokenPipeError;
    case ECONNABORTED: return kaa_ConnectionAbortedError;
    case ECONNREFUSED: return kaa_ConnectionRefusedError;
    case ECONNRESET: return kaa_ConnectionResetError;
    case EEXIST: return kaa_FileExistsError;
    case ENOENT: return kaa_FileNotFoundError;
    case EISDIR: return kaa_IsADirectoryError;
    case ENOTDIR: return kaa_NotADirectoryError;
    case EINTR: return kaa_InterruptedError;
    case EACCES: case EPERM: return kaa_PermissionError;
    case ESRCH: return kaa_ProcessLookupError;
    case ETIMEDOUT: return kaa_TimeoutError;
    default: return kaa_OSError;
    }
}

KAA_NORETURN void kaa_raise_os_error(int err, KaaValue filename) {
    KaaValue args[3] = {kaa_from_small(err), kaa_str_from_cstr(strerror(err)), filename};
    KaaValue exc = kaa_exc_new(kaa_os_error_subclass(err), args, filename == KAA_NULL ? 2 : 3);
    kaa_raise(exc);
}

KaaValue kaa_protect(void (*fn)(void *ud), void *ud) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        fn(ud);
        kaa_handler_pop(&h);
        return KAA_NULL;
    }
    kaa_ts.frame = h.frame;
    return h.exc;
}

bool kaa_exc_matches(KaaValue exc, KaaType *type) {
    return kaa_is_subtype(kaa_type_of(exc), type);
}
