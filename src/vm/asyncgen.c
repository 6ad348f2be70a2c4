// vm/asyncgen.c — async generators (PEP 525) and the awaitables that drive them: asend
// (__anext__, asend), athrow (athrow, aclose), anext(it, default), and coroutine_wrapper
// (what coroutine.__await__() returns).
//
// Stage: vm. An async generator is a KaaGenerator whose frame yields two kinds of values:
// values its `yield` produced, boxed by ASYNC_GEN_WRAP, and values an `await` inside it passes
// up to the event loop, unboxed. The awaitable the caller awaits resumes the frame and sorts
// them: a boxed value finishes the awaitable (StopIteration(value)), an unboxed one goes up.
// Each awaitable's core returns (value, *stop) instead of raising StopIteration, so SEND in the
// eval loop drives them without exceptions (kaa_vm_send calls kaa_awaitable_send).
#include "vm/ops.h"

typedef struct {
    KaaObject ob;
    KaaValue value;
} Wrapped;

KaaValue kaa_async_gen_wrap(KaaValue v) {
    Wrapped *w = kaa_alloc(sizeof *w);
    w->ob.type = &kaa_async_gen_wrapped_type;
    w->value = v;
    return kaa_from_obj(w);
}

static bool is_wrapped(KaaValue v) { return kaa_is_type(v, &kaa_async_gen_wrapped_type); }

static KaaGenerator *agen(KaaValue v) { return (KaaGenerator *)kaa_obj(v); }

// ---- the hooks of sys.set_asyncgen_hooks --------------------------------------------------------

KaaValue kaa_asyncgen_firstiter = KAA_NULL, kaa_asyncgen_finalizer = KAA_NULL;

// The first time an async generator is iterated it takes the current finalizer hook and
// tells the firstiter hook (asyncio tracks its generators this way).
static void init_hooks(KaaGenerator *g) {
    if (g->hooks_inited) {
        return;
    }
    g->hooks_inited = true;
    g->finalizer = kaa_asyncgen_finalizer;
    if (kaa_asyncgen_firstiter != KAA_NULL) {
        kaa_call1(kaa_asyncgen_firstiter, kaa_from_obj(g));
    }
}

// ---- one step of the generator ------------------------------------------------------------------

// Resumes g with `send` (or throws exc into it). Returns a value for the event loop with
// *stop false, or the value the generator yielded with *stop true. A return from the
// generator raises StopAsyncIteration; exceptions propagate, marking g finished when they end it.
static KaaValue agen_step(KaaGenerator *g, KaaValue send, KaaValue exc, bool *stop) {
    bool done;
    KaaValue r;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        r = exc != KAA_NULL ? kaa_gen_throw(g, exc, &done) : kaa_gen_send(g, send, KAA_NULL, &done);
        kaa_handler_pop(&h);
    } else {
        g->running_async = false;
        if (kaa_exc_matches(h.exc, kaa_StopAsyncIteration) ||
            kaa_exc_matches(h.exc, kaa_GeneratorExit)) {
            g->ag_closed = true;
        }
        kaa_reraise(h.exc);
    }
    if (done) {
        g->running_async = false;
        g->ag_closed = true;
        kaa_raise(kaa_exc_new(kaa_StopAsyncIteration, NULL, 0));
    }
    if (is_wrapped(r)) {
        g->running_async = false;
        *stop = true;
        return ((Wrapped *)kaa_obj(r))->value;
    }
    *stop = false;
    return r;
}

// ---- asend: __anext__() and asend(value) --------------------------------------------------------

enum { AW_INIT, AW_ITER, AW_CLOSED };

typedef struct {
    KaaObject ob;
    KaaGenerator *gen;
    KaaValue sendval;  // asend: the value sent first
    int state;
} ASend;

static ASend *asend_of(KaaValue v) { return (ASend *)kaa_obj(v); }

static KaaValue asend_new(KaaGenerator *g, KaaValue sendval) {
    ASend *o = kaa_alloc(sizeof *o);
    o->ob.type = &kaa_async_gen_asend_type;
    o->gen = g;
    o->sendval = sendval;
    o->state = AW_INIT;
    return kaa_from_obj(o);
}

// Resumes the generator for an asend; the awaitable is finished by an exception or a value.
static KaaValue asend_resume(ASend *o, KaaValue v, KaaValue exc, bool *stop) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        o->state = AW_CLOSED;
        kaa_reraise(h.exc);
    }
    KaaValue r = agen_step(o->gen, v, exc, stop);
    kaa_handler_pop(&h);
    if (*stop) {
        o->state = AW_CLOSED;
    }
    return r;
}

static KaaValue asend_step(ASend *o, KaaValue v, KaaValue exc, bool *stop) {
    if (o->state == AW_CLOSED) {
        kaa_raise_msg(kaa_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    }
    if (exc == KAA_NULL) {
        if (o->state == AW_INIT) {
            if (o->gen->running_async) {
                kaa_raise_msg(kaa_RuntimeError,
                              "anext(): asynchronous generator is already running");
            }
            if (v == KAA_NULL || v == kaa_None) {
                v = o->sendval;
            }
            o->state = AW_ITER;
        }
        o->gen->running_async = true;
    }
    return asend_resume(o, v, exc, stop);
}

// ---- athrow: athrow(...) and aclose() -----------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaGenerator *gen;
    KaaValue typ, val, tb;  // athrow's arguments; typ KAA_NULL for aclose()
    int state;
} AThrow;

static AThrow *athrow_of(KaaValue v) { return (AThrow *)kaa_obj(v); }

static KaaValue athrow_new(KaaGenerator *g, KaaValue typ, KaaValue val, KaaValue tb) {
    AThrow *o = kaa_alloc(sizeof *o);
    o->ob.type = &kaa_async_gen_athrow_type;
    o->gen = g;
    o->typ = typ;
    o->val = val;
    o->tb = tb;
    o->state = AW_INIT;
    return kaa_from_obj(o);
}

static KAA_NORETURN void ignored_exit(AThrow *o) {
    o->gen->running_async = false;
    o->state = AW_CLOSED;
    kaa_raise_msg(kaa_RuntimeError, "async generator ignored GeneratorExit");
}

// One resume of the generator for athrow/aclose: `first` throws the exception in.
static KaaValue athrow_resume(AThrow *o, KaaValue v, KaaValue exc, bool *stop) {
    bool closing = o->typ == KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        o->gen->running_async = false;
        o->state = AW_CLOSED;
        if (closing && (kaa_exc_matches(h.exc, kaa_StopAsyncIteration) ||
                        kaa_exc_matches(h.exc, kaa_GeneratorExit))) {
            *stop = true;  // aclose() finished the generator
            return kaa_None;
        }
        kaa_reraise(h.exc);
    }
    KaaValue r = agen_step(o->gen, v, exc, stop);
    kaa_handler_pop(&h);
    if (*stop) {
        if (closing) {
            ignored_exit(o);  // it yielded a value instead of closing
        }
        o->state = AW_CLOSED;
    }
    return r;
}

static KaaValue athrow_step(AThrow *o, KaaValue v, KaaValue exc, bool *stop) {
    KaaGenerator *g = o->gen;
    bool closing = o->typ == KAA_NULL;
    if (o->state == AW_CLOSED) {
        kaa_raise_msg(kaa_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    }
    if (exc != KAA_NULL) {  // athrow_obj.throw(...) from the event loop
        return athrow_resume(o, KAA_NULL, exc, stop);
    }
    if (g->state == KAA_GEN_CLOSED) {
        o->state = AW_CLOSED;
        *stop = true;
        return kaa_None;
    }
    if (o->state == AW_ITER) {
        return athrow_resume(o, v, KAA_NULL, stop);
    }
    if (g->running_async) {
        o->state = AW_CLOSED;
        kaa_raise_msg(kaa_RuntimeError, closing
                                            ? "aclose(): asynchronous generator is already running"
                                            : "athrow(): asynchronous generator is already running");
    }
    if (g->ag_closed) {
        o->state = AW_CLOSED;
        kaa_raise(kaa_exc_new(kaa_StopAsyncIteration, NULL, 0));
    }
    if (v != KAA_NULL && v != kaa_None) {
        kaa_raise_msg(kaa_RuntimeError, "can't send non-None value to a just-started coroutine");
    }
    o->state = AW_ITER;
    g->running_async = true;
    KaaValue thrown;
    if (closing) {
        g->ag_closed = true;
        thrown = kaa_exc_new(kaa_GeneratorExit, NULL, 0);
    } else {
        thrown = kaa_gen_make_exception(o->typ, o->val, o->tb);
    }
    return athrow_resume(o, KAA_NULL, thrown, stop);
}

// ---- anext(iterator, default) -------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue wrapped;  // the awaitable __anext__() returned, as an iterator
    KaaValue dflt;
} ANext;

static ANext *anext_of(KaaValue v) { return (ANext *)kaa_obj(v); }

KaaValue kaa_anext_awaitable_new(KaaValue awaitable, KaaValue dflt) {
    ANext *o = kaa_alloc(sizeof *o);
    o->ob.type = &kaa_anext_awaitable_type;
    o->wrapped = awaitable;
    o->dflt = dflt;
    return kaa_from_obj(o);
}

// The iterator of the wrapped awaitable (its __await__() unless it is a coroutine).
static KaaValue anext_target(ANext *o) {
    KaaValue w = o->wrapped;
    if (kaa_is_type(w, &kaa_coroutine_type) || kaa_is_type(w, &kaa_async_gen_asend_type) ||
        kaa_is_type(w, &kaa_async_gen_athrow_type) || kaa_type_of(w)->next != NULL) {
        return w;
    }
    o->wrapped = kaa_vm_get_awaitable(w, 0);
    return o->wrapped;
}

static KaaValue anext_step(ANext *o, KaaValue v, KaaValue exc, bool *stop) {
    KaaValue target = anext_target(o);
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (kaa_exc_matches(h.exc, kaa_StopAsyncIteration)) {
            *stop = true;
            return o->dflt;
        }
        kaa_reraise(h.exc);
    }
    KaaValue r;
    if (exc != KAA_NULL) {
        bool done;
        r = kaa_awaitable_throw(target, exc, &done);
        *stop = done;
    } else {
        r = kaa_vm_send(target, v == KAA_NULL ? kaa_None : v, stop);
    }
    kaa_handler_pop(&h);
    return r;
}

// ---- coroutine_wrapper: coroutine.__await__() ---------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaGenerator *coro;
} CoroWrapper;

KaaValue kaa_coro_wrapper_new(KaaValue coro) {
    CoroWrapper *w = kaa_alloc(sizeof *w);
    w->ob.type = &kaa_coro_wrapper_type;
    w->coro = agen(coro);
    return kaa_from_obj(w);
}

// ---- the awaitables' shared protocol ------------------------------------------------------------

KaaValue kaa_awaitable_send(KaaValue aw, KaaValue v, bool *stop) {
    KaaType *t = kaa_type_of(aw);
    if (t == &kaa_async_gen_asend_type) {
        return asend_step(asend_of(aw), v, KAA_NULL, stop);
    }
    if (t == &kaa_async_gen_athrow_type) {
        return athrow_step(athrow_of(aw), v, KAA_NULL, stop);
    }
    if (t == &kaa_anext_awaitable_type) {
        return anext_step(anext_of(aw), v, KAA_NULL, stop);
    }
    return kaa_gen_send(((CoroWrapper *)kaa_obj(aw))->coro, v, KAA_NULL, stop);
}

// throw() into any awaitable: these types directly, others through their throw method.
KaaValue kaa_awaitable_throw(KaaValue aw, KaaValue exc, bool *stop) {
    KaaType *t = kaa_type_of(aw);
    if (t == &kaa_async_gen_asend_type) {
        return asend_step(asend_of(aw), KAA_NULL, exc, stop);
    }
    if (t == &kaa_async_gen_athrow_type) {
        return athrow_step(athrow_of(aw), KAA_NULL, exc, stop);
    }
    if (t == &kaa_anext_awaitable_type) {
        return anext_step(anext_of(aw), KAA_NULL, exc, stop);
    }
    if (t == &kaa_coro_wrapper_type) {
        return kaa_gen_throw(((CoroWrapper *)kaa_obj(aw))->coro, exc, stop);
    }
    if (t == &kaa_coroutine_type || t == &kaa_generator_type) {
        return kaa_gen_throw(agen(aw), exc, stop);
    }
    KaaValue meth = kaa_getattr(aw, KAA_ID(throw));
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (kaa_exc_matches(h.exc, kaa_StopIteration)) {
            KaaValue value = kaa_exc_attr(h.exc, "value");
            *stop = true;
            return value == KAA_NULL ? kaa_None : value;
        }
        kaa_reraise(h.exc);
    }
    KaaValue r = kaa_call1(meth, exc);
    kaa_handler_pop(&h);
    *stop = false;
    return r;
}

static KaaValue finish(KaaValue r, bool stop) {
    if (stop) {
        kaa_raise_stop_iteration(r == kaa_None ? KAA_NULL : r);
    }
    return r;
}

static KaaValue aw_send(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("send", kw);
    kaa_args_count("send", nargs, 1, 1);
    bool stop;
    KaaValue r = kaa_awaitable_send(self, args[0], &stop);
    return finish(r, stop);
}

static KaaValue aw_next(KaaValue self) {
    bool stop;
    KaaValue r = kaa_awaitable_send(self, kaa_None, &stop);
    return finish(r, stop);
}

static KaaValue aw_throw(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("throw", kw);
    kaa_args_count("throw", nargs, 1, 3);
    KaaValue exc = kaa_gen_make_exception(args[0], nargs > 1 ? args[1] : KAA_NULL,
                                          nargs > 2 ? args[2] : KAA_NULL);
    bool stop;
    KaaValue r = kaa_awaitable_throw(self, exc, &stop);
    return finish(r, stop);
}

static KaaValue aw_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("close", nargs, 0, 0);
    KaaType *t = kaa_type_of(self);
    if (t == &kaa_async_gen_asend_type) {
        asend_of(self)->state = AW_CLOSED;
    } else if (t == &kaa_async_gen_athrow_type) {
        athrow_of(self)->state = AW_CLOSED;
    } else if (t == &kaa_coro_wrapper_type) {
        KaaValue coro = kaa_from_obj(((CoroWrapper *)kaa_obj(self))->coro);
        return kaa_call_method(coro, KAA_ID(close), NULL, 0);
    } else {
        KaaValue close = kaa_getattr_opt(anext_target(anext_of(self)), KAA_ID(close));
        if (close != KAA_NULL) {
            kaa_call0(close);
        }
    }
    return kaa_None;
}

static KaaValue aw_self(KaaValue self) { return self; }
static KaaValue aw_await(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return self;
}

static const KaaMethodDef awaitable_methods[] = {
    {"send", aw_send, 0, "send(arg) -> send 'arg' into the wrapped generator,\nreturn next "
                         "yielded value or raise StopIteration."},
    {"throw", aw_throw, 0, "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in the "
                           "wrapped generator, return next yielded value or raise StopIteration."},
    {"close", aw_close, 0, "close() -> raise GeneratorExit inside generator."},
    {"__await__", aw_await, 0, "Return an iterator to be used in await expression."},
    {NULL},
};

static const KaaMethodDef coro_wrapper_methods[] = {
    {"send", aw_send, 0, NULL},
    {"throw", aw_throw, 0, NULL},
    {"close", aw_close, 0, NULL},
    {NULL},
};

KaaType kaa_async_gen_asend_type = {
    .ob = {&kaa_type_type},
    .name = "async_generator_asend",
    .instance_size = sizeof(ASend),
    .iter = aw_self,
    .next = aw_next,
    .methods = awaitable_methods,
};

KaaType kaa_async_gen_athrow_type = {
    .ob = {&kaa_type_type},
    .name = "async_generator_athrow",
    .instance_size = sizeof(AThrow),
    .iter = aw_self,
    .next = aw_next,
    .methods = awaitable_methods,
};

KaaType kaa_anext_awaitable_type = {
    .ob = {&kaa_type_type},
    .name = "anext_awaitable",
    .instance_size = sizeof(ANext),
    .iter = aw_self,
    .next = aw_next,
    .methods = awaitable_methods,
};

KaaType kaa_coro_wrapper_type = {
    .ob = {&kaa_type_type},
    .name = "coroutine_wrapper",
    .instance_size = sizeof(CoroWrapper),
    .iter = aw_self,
    .next = aw_next,
    .methods = coro_wrapper_methods,
};

KaaType kaa_async_gen_wrapped_type = {
    .ob = {&kaa_type_type},
    .name = "async_generator_wrapped_value",
    .instance_size = sizeof(Wrapped),
};

// ---- the async_generator type -------------------------------------------------------------------

KaaValue kaa_async_gen_anext(KaaValue self) {
    init_hooks(agen(self));
    return asend_new(agen(self), kaa_None);
}

static KaaValue ag_anext_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__anext__", nargs, 0, 0);
    return kaa_async_gen_anext(self);
}

static KaaValue ag_aiter_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__aiter__", nargs, 0, 0);
    return self;
}

static KaaValue ag_asend(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("asend", kw);
    kaa_args_count("asend", nargs, 1, 1);
    init_hooks(agen(self));
    return asend_new(agen(self), args[0]);
}

static KaaValue ag_athrow(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("athrow", kw);
    kaa_args_count("athrow", nargs, 1, 3);
    init_hooks(agen(self));
    return athrow_new(agen(self), args[0], nargs > 1 ? args[1] : KAA_NULL,
                      nargs > 2 ? args[2] : KAA_NULL);
}

static KaaValue ag_aclose(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("aclose", nargs, 0, 0);
    init_hooks(agen(self));
    return athrow_new(agen(self), KAA_NULL, KAA_NULL, KAA_NULL);
}

// The methods of async_generator (its type is defined with the generators, gen.c).
const KaaMethodDef kaa_async_gen_methods[] = {
    {"__aiter__", ag_aiter_m, 0, "Return an awaitable, that resolves in asynchronous iterator."},
    {"__anext__", ag_anext_m, 0, "Return a value or raise StopAsyncIteration."},
    {"asend", ag_asend, 0, "asend(v) -> send 'v' in generator."},
    {"athrow", ag_athrow, 0, "athrow(typ[,val[,tb]]) -> raise exception in generator."},
    {"aclose", ag_aclose, 0, "aclose() -> raise GeneratorExit inside generator."},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

