// modules/atexit.c — the atexit module: functions run when the interpreter exits normally.
//
// Stage: modules. Owns the list of registered callbacks and kaa_atexit_run(), which the
// interpreter calls once at exit (after the main program, before the standard streams are
// flushed). It does not decide when the process exits; os._exit() skips it, as in CPython.
#include <stdio.h>

#include "modules/modules.h"
#include "vm/vm.h"

// Each entry is a tuple (func, args tuple, kwargs dict or None), in registration order.
static KaaList *callbacks;

static KaaList *callback_list(void) {
    if (callbacks == NULL) {
        callbacks = kaa_list_new(0);
    }
    return callbacks;
}

static KaaValue atexit_register(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs == 0) {
        kaa_raise_type_error("register() takes at least 1 argument (0 given)");
    }
    if (!kaa_callable(args[0])) {
        kaa_raise_type_error("the first argument must be callable");
    }
    KaaValue kwargs = kaa_None;
    if (kwnames != NULL && kwnames->len > 0) {
        KaaDict *d = kaa_dict_new();
        for (int64_t i = 0; i < kwnames->len; i++) {
            kaa_dict_set(d, kwnames->items[i], args[nargs + (size_t)i]);
        }
        kwargs = kaa_from_obj(d);
    }
    KaaValue pos = kaa_from_obj(kaa_tuple_from_array(args + 1, nargs - 1));
    kaa_list_append(callback_list(), kaa_from_obj(kaa_tuple_pack(3, args[0], pos, kwargs)));
    return args[0];
}

// Every registration of the function is dropped (== decides, as CPython compares with Py_EQ).
// Like CPython, the slot stays (None) until the list is run or cleared, so _ncallbacks()
// still counts it.
static KaaValue atexit_unregister(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("atexit.unregister", kw);
    kaa_args_count("atexit.unregister", nargs, 1, 1);
    KaaList *l = callback_list();
    for (int64_t i = 0; i < l->len; i++) {
        KaaValue entry = l->items[i];
        if (entry != kaa_None && kaa_eq(kaa_tuple(entry)->items[0], args[0])) {
            l->items[i] = kaa_None;
        }
    }
    return kaa_None;
}

// Runs one callback; an exception is reported on stderr and does not stop the others.
static void run_one(KaaValue entry) {
    KaaTuple *t = kaa_tuple(entry);
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaDict *kwargs = t->items[2] == kaa_None ? NULL : kaa_dict(t->items[2]);
        kaa_call_tuple_dict(t->items[0], kaa_tuple(t->items[1]), kwargs);
        kaa_handler_pop(&h);
        return;
    }
    KaaValue exc = h.exc;
    KaaHandler h2;
    kaa_handler_push(&h2);
    if (setjmp(h2.buf) == 0) {
        KaaValue r = kaa_repr(t->items[0]);
        fflush(stdout);
        fprintf(stderr, "Exception ignored in atexit callback: %s\n", kaa_str_utf8_sp(r, NULL));
        kaa_print_exception(exc);
        kaa_handler_pop(&h2);
    }
}

// Runs the callbacks last-registered first, then forgets them all.
static void run_exitfuncs(void) {
    KaaList *l = callback_list();
    while (l->len > 0) {
        KaaValue entry = l->items[--l->len];
        if (entry != kaa_None) {
            run_one(entry);
        }
    }
}

void kaa_atexit_run(void) {
    run_exitfuncs();
    kaa_io_flush_all();
}

static KaaValue atexit_run_exitfuncs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_run_exitfuncs", nargs, 0, 0);
    run_exitfuncs();
    return kaa_None;
}

static KaaValue atexit_clear(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_clear", nargs, 0, 0);
    callback_list()->len = 0;
    return kaa_None;
}

static KaaValue atexit_ncallbacks(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_ncallbacks", nargs, 0, 0);
    return kaa_from_small(callback_list()->len);
}

static const KaaMethodDef atexit_methods[] = {
    {"register", atexit_register, 0,
     "register(func, *args, **kwargs) -> func\n\nRegister a function to be executed upon normal "
     "program termination\n\n    func - function to be called at exit\n    args - optional "
     "arguments to pass to func\n    kwargs - optional keyword arguments to pass to func\n\n"
     "    func is returned to facilitate usage as a decorator."},
    {"unregister", atexit_unregister, 0,
     "unregister(func) -> None\n\nUnregister an exit function which was previously registered "
     "using\natexit.register\n\n    func - function to be unregistered"},
    {"_run_exitfuncs", atexit_run_exitfuncs, 0, "_run_exitfuncs() -> None\n\nRun all "
                                                "registered exit functions."},
    {"_clear", atexit_clear, 0, "_clear() -> None\n\nClear the list of previously registered "
                                "exit functions."},
    {"_ncallbacks", atexit_ncallbacks, 0, "_ncallbacks() -> int\n\nReturn the number of "
                                          "registered exit functions."},
    {NULL},
};

KaaValue kaa_atexit_init(void) {
    KaaValue m = kaa_module_new_cstr("atexit");
    kaa_module_add_methods(m, atexit_methods);
    return m;
}
