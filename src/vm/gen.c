// vm/gen.c — generators (and the coroutine type that shares their machinery).
//
// Stage: vm. A generator owns a heap frame; each resume runs it in a new eval-loop entry
// until it yields or returns. While it runs, its own handled-exception entry is linked into
// the thread's chain, so an `except` block inside it is invisible to its caller.
#include <string.h>

#include "compile/opcodes.h"
#include "vm/ops.h"

static KaaGenerator *gen_of(KaaValue v) { return (KaaGenerator *)kaa_obj(v); }

KaaValue kaa_gen_new(KaaFrame *frame, KaaFunction *func) {
    KaaCode *co = frame->code;
    KaaType *type = (co->flags & CO_COROUTINE) ? &kaa_coroutine_type
                    : (co->flags & CO_ASYNC_GENERATOR) ? &kaa_async_generator_type
                                                      : &kaa_generator_type;
    KaaGenerator *g = kaa_alloc(sizeof *g);
    g->ob.type = type;
    g->frame = frame;
    g->name = func ? func->name : co->name;
    g->qualname = func ? func->qualname : co->qualname;
    g->state = KAA_GEN_CREATED;
    frame->gen = g;
    return kaa_from_obj(g);
}

static const char *kind_name(KaaGenerator *g) {
    return g->ob.type == &kaa_coroutine_type        ? "coroutine"
           : g->ob.type == &kaa_async_generator_type ? "async generator"
                                                    : "generator";
}

// Runs the frame once; StopIteration escaping a generator becomes RuntimeError (PEP 479).
KaaValue kaa_gen_send(KaaGenerator *g, KaaValue value, KaaValue exc, bool *done) {
    if (g->state == KAA_GEN_RUNNING) {
        kaa_raise_value_error("%s already executing", kind_name(g));
    }
    if (g->state == KAA_GEN_CLOSED) {
        if (exc != KAA_NULL) {
            kaa_raise(exc);
        }
        if (g->ob.type == &kaa_coroutine_type) {
            kaa_raise_msg(kaa_RuntimeError, "cannot reuse already awaited coroutine");
        }
        *done = true;
        return kaa_None;
    }
    KaaFrame *f = g->frame;
    if (g->state == KAA_GEN_CREATED && exc == KAA_NULL && value != kaa_None) {
        kaa_raise_type_error("can't send non-None value to a just-started %s", kind_name(g));
    }
    if (g->state == KAA_GEN_SUSPENDED && exc == KAA_NULL && value != KAA_NULL) {
        *f->sp++ = value;  // the value of the yield expression (none after a finished yield from)
    }
    if (kaa_ts.depth >= kaa_ts.recursion_limit) {
        kaa_raise_recursion(NULL);
    }
    g->exc_info.previous = kaa_ts.exc_info;
    kaa_ts.exc_info = &g->exc_info;
    g->state = KAA_GEN_RUNNING;
    kaa_ts.depth++;
    // An exception leaving the frame goes through kaa_gen_exception_exit (from eval.c).
    bool yielded = false;
    KaaValue r = kaa_eval(f, exc, &yielded);
    kaa_ts.depth--;
    kaa_ts.exc_info = g->exc_info.previous;
    g->state = yielded ? KAA_GEN_SUSPENDED : KAA_GEN_CLOSED;
    *done = !yielded;
    return r;
}

// An exception is leaving a running generator's frame: the generator is finished, and a
// StopIteration escaping it becomes RuntimeError (PEP 479). Returns what propagates.
KaaValue kaa_gen_exception_exit(KaaGenerator *g, KaaValue e) {
    kaa_ts.depth--;
    kaa_ts.exc_info = g->exc_info.previous;
    g->state = KAA_GEN_CLOSED;
    if (!kaa_exc_matches(e, kaa_StopIteration) &&
        !(g->ob.type == &kaa_async_generator_type &&
          kaa_exc_matches(e, kaa_StopAsyncIteration))) {
        return e;
    }
    bool async_stop = !kaa_exc_matches(e, kaa_StopIteration);
    KaaValue msg = kaa_str_printf("%s raised %s", kind_name(g),
                                  async_stop ? "StopAsyncIteration" : "StopIteration");
    KaaValue rt = kaa_exc_new_msg(kaa_RuntimeError, msg);
    kaa_exc(rt)->cause = e;
    kaa_exc(rt)->suppress_context = true;
    kaa_exc(rt)->context = e;
    return rt;
}

// ---- throw() and close(), with `yield from` delegation ------------------------------------------

// The iterator a suspended generator is delegating to (`yield from`), or KAA_NULL.
static KaaValue yield_from_target(KaaGenerator *g) {
    if (g->state != KAA_GEN_SUSPENDED) {
        return KAA_NULL;
    }
    KaaFrame *f = g->frame;
    uint16_t prev = f->ip[-1];
    if ((prev & 0xFF) != OP_YIELD_VALUE || (prev >> 8) != 1) {
        return KAA_NULL;
    }
    return f->sp[-1];
}

// After a delegate finished while being thrown into: continue as if SEND had seen it return.
static void finish_yield_from(KaaGenerator *g, KaaValue result) {
    KaaFrame *f = g->frame;
    uint16_t jump = f->ip[0];  // JUMP_BACKWARD to the SEND
    uint16_t *send = f->ip + 1 - (jump >> 8);
    f->sp[-1] = result;
    f->ip = send + 1 + (send[0] >> 8);
}


static KaaValue throw_into_delegate(KaaGenerator *g, KaaValue sub, KaaValue exc, bool *done) {
    KaaValue r;
    bool sub_done = false;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        if (kaa_is_type(sub, &kaa_generator_type) || kaa_is_type(sub, &kaa_coroutine_type)) {
            r = kaa_gen_throw(gen_of(sub), exc, &sub_done);
        } else {
            KaaValue meth = kaa_getattr_opt(sub, KAA_ID(throw));
            if (meth == KAA_NULL) {
                kaa_handler_pop(&h);
                return kaa_gen_send(g, KAA_NULL, exc, done);
            }
            r = kaa_call1(meth, exc);
        }
        kaa_handler_pop(&h);
    } else {
        KaaValue e = h.exc;
        if (!kaa_exc_matches(e, kaa_StopIteration)) {
            // The delegate raised: the exception continues in this generator at its yield.
            return kaa_gen_send(g, KAA_NULL, e, done);
        }
        KaaValue v = kaa_exc_attr(e, "value");
        r = v == KAA_NULL ? kaa_None : v;
        sub_done = true;
    }
    if (!sub_done) {
        *done = false;
        return r;
    }
    finish_yield_from(g, r);
    return kaa_gen_send(g, KAA_NULL, KAA_NULL, done);
}

KaaValue kaa_gen_throw(KaaGenerator *g, KaaValue exc, bool *done) {
    KaaValue sub = yield_from_target(g);
    if (sub != KAA_NULL && !kaa_exc_matches(exc, kaa_GeneratorExit)) {
        return throw_into_delegate(g, sub, exc, done);
    }
    if (sub != KAA_NULL) {
        KaaValue close = kaa_getattr_opt(sub, KAA_ID(close));
        if (close != KAA_NULL) {
            kaa_call0(close);
        }
    }
    return kaa_gen_send(g, KAA_NULL, exc, done);
}

KaaValue kaa_gen_make_exception(KaaValue type, KaaValue value, KaaValue tb) {
    KaaValue exc;
    if (kaa_is_exception_class(type)) {
        if (value == KAA_NULL || value == kaa_None) {
            exc = kaa_call0(type);
        } else if (kaa_isinstance(value, type)) {
            exc = value;
        } else {
            exc = kaa_is_tuple(value) ? kaa_call_tuple_dict(type, kaa_tuple(value), NULL)
                                      : kaa_call1(type, value);
        }
    } else if (kaa_is_exception(type)) {
        if (value != KAA_NULL && value != kaa_None) {
            kaa_raise_type_error("instance exception may not have a separate value");
        }
        exc = type;
    } else {
        kaa_raise_type_error("exceptions must be classes or instances deriving from "
                             "BaseException, not %s", kaa_type_name_of(type));
    }
    if (tb != KAA_NULL && tb != kaa_None) {
        if (!kaa_is_type(tb, &kaa_traceback_type)) {
            kaa_raise_type_error("throw() third argument must be a traceback object");
        }
        kaa_exc(exc)->traceback = tb;
    }
    return exc;
}

static KaaValue stop_or_value(KaaValue r, bool done) {
    if (done) {
        kaa_raise_stop_iteration(r == kaa_None ? KAA_NULL : r);
    }
    return r;
}

static KaaValue gen_send_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("send", nargs, 1, 1);
    bool done;
    KaaValue r = kaa_gen_send(gen_of(self), args[0], KAA_NULL, &done);
    return stop_or_value(r, done);
}

static KaaValue gen_throw_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("throw", nargs, 1, 3);
    KaaValue exc = kaa_gen_make_exception(args[0], nargs > 1 ? args[1] : KAA_NULL,
                                  nargs > 2 ? args[2] : KAA_NULL);
    bool done;
    KaaValue r = kaa_gen_throw(gen_of(self), exc, &done);
    return stop_or_value(r, done);
}

static KaaValue gen_close_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaGenerator *g = gen_of(self);
    if (g->state == KAA_GEN_CREATED) {
        g->state = KAA_GEN_CLOSED;
        return kaa_None;
    }
    if (g->state == KAA_GEN_CLOSED) {
        return kaa_None;
    }
    KaaValue exit = kaa_exc_new(kaa_GeneratorExit, NULL, 0);
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        bool done;
        kaa_gen_throw(g, exit, &done);
        kaa_handler_pop(&h);
        if (!done) {
            kaa_raise_msg(kaa_RuntimeError, "%s ignored GeneratorExit", kind_name(g));
        }
        return kaa_None;
    }
    if (kaa_exc_matches(h.exc, kaa_GeneratorExit) || kaa_exc_matches(h.exc, kaa_StopIteration)) {
        return kaa_None;
    }
    kaa_reraise(h.exc);
}

static KaaValue gen_iternext(KaaValue self) {
    bool done;
    KaaValue r = kaa_gen_send(gen_of(self), kaa_None, KAA_NULL, &done);
    return done ? KAA_NULL : r;
}

static KaaValue gen_iter(KaaValue self) { return self; }

static KaaValue gen_repr(KaaValue self) {
    KaaGenerator *g = gen_of(self);
    return kaa_str_printf("<%s object %S at %p>", kind_name(g), g->qualname,
                          (void *)(uintptr_t)self);
}

static KaaValue gen_name(KaaValue self) { return gen_of(self)->name; }
static void gen_set_name(KaaValue self, KaaValue v) {
    if (v == KAA_NULL || !kaa_is_str(v)) {
        kaa_raise_type_error("__name__ must be set to a string object");
    }
    gen_of(self)->name = v;
}
static KaaValue gen_qualname(KaaValue self) { return gen_of(self)->qualname; }
static void gen_set_qualname(KaaValue self, KaaValue v) {
    if (v == KAA_NULL || !kaa_is_str(v)) {
        kaa_raise_type_error("__qualname__ must be set to a string object");
    }
    gen_of(self)->qualname = v;
}
static KaaValue gen_running(KaaValue self) {
    return kaa_bool(gen_of(self)->state == KAA_GEN_RUNNING);
}
static KaaValue gen_suspended(KaaValue self) {
    return kaa_bool(gen_of(self)->state == KAA_GEN_SUSPENDED);
}
static KaaValue gen_code(KaaValue self) { return kaa_from_obj(gen_of(self)->frame->code); }
static KaaValue gen_frame(KaaValue self) {
    KaaGenerator *g = gen_of(self);
    return g->state == KAA_GEN_CLOSED ? kaa_None : kaa_frame_object(g->frame);
}
static KaaValue gen_yieldfrom(KaaValue self) {
    KaaValue sub = yield_from_target(gen_of(self));
    return sub == KAA_NULL ? kaa_None : sub;
}

static const KaaGetSetDef gen_getsets[] = {
    {"__name__", gen_name, gen_set_name, NULL},
    {"__qualname__", gen_qualname, gen_set_qualname, NULL},
    {"gi_running", gen_running, NULL, NULL},
    {"gi_suspended", gen_suspended, NULL, NULL},
    {"gi_code", gen_code, NULL, NULL},
    {"gi_frame", gen_frame, NULL, NULL},
    {"gi_yieldfrom", gen_yieldfrom, NULL, NULL},
    {NULL},
};

static const KaaMethodDef gen_methods[] = {
    {"send", gen_send_method, 0, NULL},
    {"throw", gen_throw_method, 0, NULL},
    {"close", gen_close_method, 0, NULL},
    {NULL},
};

KaaType kaa_generator_type = {
    .ob = {&kaa_type_type},
    .name = "generator",
    .instance_size = sizeof(KaaGenerator),
    .repr = gen_repr,
    .iter = gen_iter,
    .next = gen_iternext,
    .methods = gen_methods,
    .getsets = gen_getsets,
};

// ---- coroutines ---------------------------------------------------------------------------------

static KaaValue coro_await(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__await__", nargs, 0, 0);
    return kaa_coro_wrapper_new(self);
}

static KaaValue cr_running(KaaValue self) { return gen_running(self); }
static KaaValue cr_await(KaaValue self) { return gen_yieldfrom(self); }

static const KaaGetSetDef coro_getsets[] = {
    {"__name__", gen_name, gen_set_name, NULL},
    {"__qualname__", gen_qualname, gen_set_qualname, NULL},
    {"cr_running", cr_running, NULL, NULL},
    {"cr_code", gen_code, NULL, NULL},
    {"cr_frame", gen_frame, NULL, NULL},
    {"cr_await", cr_await, NULL, NULL},
    {NULL},
};

static const KaaMethodDef coro_methods[] = {
    {"send", gen_send_method, 0, NULL},
    {"throw", gen_throw_method, 0, NULL},
    {"close", gen_close_method, 0, NULL},
    {"__await__", coro_await, 0, NULL},
    {NULL},
};

KaaType kaa_coroutine_type = {
    .ob = {&kaa_type_type},
    .name = "coroutine",
    .instance_size = sizeof(KaaGenerator),
    .repr = gen_repr,
    .methods = coro_methods,
    .getsets = coro_getsets,
};

static KaaValue ag_running(KaaValue self) { return kaa_bool(gen_of(self)->running_async); }

static const KaaGetSetDef async_gen_getsets[] = {
    {"__name__", gen_name, gen_set_name, NULL},
    {"__qualname__", gen_qualname, gen_set_qualname, NULL},
    {"ag_running", ag_running, NULL, NULL},
    {"ag_code", gen_code, NULL, NULL},
    {"ag_frame", gen_frame, NULL, NULL},
    {"ag_await", gen_yieldfrom, NULL, NULL},
    {NULL},
};

KaaType kaa_async_generator_type = {
    .ob = {&kaa_type_type},
    .name = "async_generator",
    .instance_size = sizeof(KaaGenerator),
    .repr = gen_repr,
    .methods = kaa_async_gen_methods,
    .getsets = async_gen_getsets,
};

void kaa_vm_types_ready(void) {
    kaa_type_ready(&kaa_generator_type);
    kaa_type_ready(&kaa_coroutine_type);
    kaa_type_ready(&kaa_async_generator_type);
    kaa_type_ready(&kaa_async_gen_asend_type);
    kaa_type_ready(&kaa_async_gen_athrow_type);
    kaa_type_ready(&kaa_anext_awaitable_type);
    kaa_type_ready(&kaa_coro_wrapper_type);
    kaa_type_ready(&kaa_async_gen_wrapped_type);
}
