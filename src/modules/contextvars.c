// modules/contextvars.c — the _contextvars module: ContextVar, Token, Context, copy_context.
//
// Stage: modules. A Context is an immutable mapping from variables to values; setting a
// variable replaces the current context's mapping with a modified copy, so copies made by
// copy_context() share mappings freely (CPython uses a HAMT for the same persistence; a dict
// copy per set is simpler and as fast for the handful of variables programs use). kaa runs one
// thread, so the current context is a single global.
#include "modules/coremods.h"

typedef struct Context {
    KaaObject ob;
    KaaDict *vars;         // never mutated once shared: treated as immutable
    struct Context *prev;  // the context run() replaced
    bool entered;
    KaaValue weakreflist;
} Context;

typedef struct {
    KaaObject ob;
    KaaValue name;
    KaaValue dflt;  // KAA_NULL: no default
} ContextVar;

typedef struct {
    KaaObject ob;
    Context *ctx;
    KaaValue var;
    KaaValue old_value;  // token_missing when the variable was unset
    bool used;
} Token;

static KaaType context_type, contextvar_type, token_type, token_missing_type;
static KaaObject token_missing_obj = {&token_missing_type};
#define token_missing kaa_from_obj(&token_missing_obj)

static Context *current;

static Context *context_new(KaaDict *vars) {
    Context *c = kaa_alloc(sizeof *c);
    c->ob.type = &context_type;
    c->vars = vars;
    return c;
}

static Context *current_context(void) {
    if (current == NULL) {
        current = context_new(kaa_dict_new());
    }
    return current;
}

// ---- ContextVar ---------------------------------------------------------------------------------

static ContextVar *cvar(KaaValue v) { return (ContextVar *)kaa_obj(v); }

static KaaValue contextvar_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"name", "*", "default", NULL};
    KaaValue a[2];
    if (nargs > 1) {  // PyArg_ParseTupleAndKeywords' wording, not argument clinic's
        kaa_raise_type_error("ContextVar() takes at most 1 positional argument (%zu given)",
                             nargs);
    }
    kaa_args_bind("ContextVar", args, nargs, kwnames, params, 0, 1, a);
    if (!kaa_is_str(a[0])) {
        kaa_raise_type_error("context variable name must be a str");
    }
    ContextVar *v = cm_new(type);
    v->name = a[0];
    v->dflt = a[1];
    return kaa_from_obj(v);
}

static KaaValue contextvar_get(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("get", kw);
    cm_check_positional("get", nargs, 0, 1);
    KaaValue v = kaa_dict_get(current_context()->vars, self);
    if (v != KAA_NULL) {
        return v;
    }
    if (nargs == 1) {
        return args[0];
    }
    if (cvar(self)->dflt != KAA_NULL) {
        return cvar(self)->dflt;
    }
    kaa_raise(kaa_exc_new(kaa_LookupError, &self, 1));
}

// Replaces the current context's mapping with a copy where var is value (KAA_NULL: unset).
static void context_assign(Context *ctx, KaaValue var, KaaValue value) {
    KaaDict *vars = kaa_dict_copy(ctx->vars);
    if (value == KAA_NULL) {
        kaa_dict_del(vars, var);
    } else {
        kaa_dict_set(vars, var, value);
    }
    ctx->vars = vars;
}

static KaaValue contextvar_set(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("set", kw);
    kaa_args_count("set", nargs, 1, 1);
    Context *ctx = current_context();
    KaaValue old = kaa_dict_get(ctx->vars, self);
    Token *t = kaa_alloc(sizeof *t);
    t->ob.type = &token_type;
    t->ctx = ctx;
    t->var = self;
    t->old_value = old != KAA_NULL ? old : token_missing;
    context_assign(ctx, self, args[0]);
    return kaa_from_obj(t);
}

static KaaValue contextvar_reset(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("reset", kw);
    kaa_args_count("reset", nargs, 1, 1);
    KaaValue tv = args[0];
    if (!kaa_is_type(tv, &token_type)) {
        kaa_raise_type_error("expected an instance of Token, got %R", tv);
    }
    Token *t = (Token *)kaa_obj(tv);
    if (t->used) {
        kaa_raise_msg(kaa_RuntimeError, "%R has already been used once", tv);
    }
    if (t->var != self) {
        kaa_raise_value_error("%R was created by a different ContextVar", tv);
    }
    Context *ctx = current_context();
    if (t->ctx != ctx) {
        kaa_raise_value_error("%R was created in a different Context", tv);
    }
    t->used = true;
    context_assign(ctx, self, t->old_value == token_missing ? KAA_NULL : t->old_value);
    return kaa_None;
}

static KaaValue contextvar_repr(KaaValue self) {
    ContextVar *v = cvar(self);
    if (v->dflt == KAA_NULL) {
        return kaa_str_printf("<ContextVar name=%R at %p>", v->name, kaa_obj(self));
    }
    return kaa_str_printf("<ContextVar name=%R default=%R at %p>", v->name, v->dflt,
                          kaa_obj(self));
}

static KaaValue contextvar_get_name(KaaValue self) { return cvar(self)->name; }

static const KaaMethodDef contextvar_methods[] = {
    {"get", contextvar_get, 0, NULL},
    {"set", contextvar_set, 0, NULL},
    {"reset", contextvar_reset, 0, NULL},
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static const KaaGetSetDef contextvar_getsets[] = {
    {"name", contextvar_get_name, NULL, NULL},
    {NULL},
};

static KaaType contextvar_type = {
    .ob = {&kaa_type_type},
    .name = "_contextvars.ContextVar",
    .instance_size = sizeof(ContextVar),
    .repr = contextvar_repr,
    .new_ = contextvar_new,
    .methods = contextvar_methods,
    .getsets = contextvar_getsets,
};

// ---- Token --------------------------------------------------------------------------------------

static KaaValue token_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_raise_msg(kaa_RuntimeError, "Tokens can only be created by ContextVars");
}

static KaaValue token_repr(KaaValue self) {
    Token *t = (Token *)kaa_obj(self);
    return kaa_str_printf("<Token%s var=%R at %p>", t->used ? " used" : "", t->var,
                          kaa_obj(self));
}

static KaaValue token_get_var(KaaValue self) { return ((Token *)kaa_obj(self))->var; }
static KaaValue token_get_old(KaaValue self) { return ((Token *)kaa_obj(self))->old_value; }

static const KaaGetSetDef token_getsets[] = {
    {"var", token_get_var, NULL, NULL},
    {"old_value", token_get_old, NULL, NULL},
    {NULL},
};

static const KaaMethodDef token_methods[] = {
    {"__class_getitem__", kaa_generic_class_getitem, KAA_METH_CLASS, "See PEP 585"},
    {NULL},
};

static KaaType token_type = {
    .ob = {&kaa_type_type},
    .name = "_contextvars.Token",
    .instance_size = sizeof(Token),
    .repr = token_repr,
    .new_ = token_new,
    .getsets = token_getsets,
    .methods = token_methods,
};

static KaaValue token_missing_repr(KaaValue self) { return kaa_str_from_cstr("<Token.MISSING>"); }

static KaaType token_missing_type = {
    .ob = {&kaa_type_type},
    .name = "Token.MISSING",
    .instance_size = sizeof(KaaObject),
    .repr = token_missing_repr,
};

// ---- Context ------------------------------------------------------------------------------------

static Context *ctx_of(KaaValue v) { return (Context *)kaa_obj(v); }

static KaaValue context_new_slot(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs + KAA_NKW(kw) > 0) {
        kaa_raise_type_error("Context() does not accept any arguments");
    }
    return kaa_from_obj(context_new(kaa_dict_new()));
}

static void check_var(KaaValue key) {
    if (!kaa_is_type(key, &contextvar_type)) {
        kaa_raise_type_error("a ContextVar key was expected, got %R", key);
    }
}

static KaaValue context_getitem(KaaValue self, KaaValue key) {
    check_var(key);
    KaaValue v = kaa_dict_get(ctx_of(self)->vars, key);
    if (v == KAA_NULL) {
        kaa_raise_key_error(key);
    }
    return v;
}

static int context_contains(KaaValue self, KaaValue key) {
    check_var(key);
    return kaa_dict_get(ctx_of(self)->vars, key) != KAA_NULL;
}

static int64_t context_len(KaaValue self) { return ctx_of(self)->vars->used; }

static KaaValue context_iter(KaaValue self) { return kaa_iter(kaa_from_obj(ctx_of(self)->vars)); }

static KaaValue context_richcompare(KaaValue a, KaaValue b, int op) {
    if ((op != KAA_EQ && op != KAA_NE) || !kaa_is_type(b, &context_type)) {
        return kaa_NotImplemented;
    }
    bool eq = kaa_eq(kaa_from_obj(ctx_of(a)->vars), kaa_from_obj(ctx_of(b)->vars));
    return kaa_bool(eq == (op == KAA_EQ));
}

static KaaValue context_get(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("get", kw);
    cm_check_positional("get", nargs, 1, 2);
    check_var(args[0]);
    KaaValue v = kaa_dict_get(ctx_of(self)->vars, args[0]);
    return v != KAA_NULL ? v : nargs > 1 ? args[1] : kaa_None;
}

static KaaValue dict_view(KaaValue self, const char *name) {
    return kaa_call_method(kaa_from_obj(ctx_of(self)->vars), kaa_str_intern_cstr(name), NULL, 0);
}

static KaaValue context_keys(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return dict_view(self, "keys");
}

static KaaValue context_values(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return dict_view(self, "values");
}

static KaaValue context_items(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return dict_view(self, "items");
}

static KaaValue context_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("copy", nargs, 0, 0);
    return kaa_from_obj(context_new(ctx_of(self)->vars));
}

static void context_leave(Context *ctx) {
    current = ctx->prev;
    ctx->prev = NULL;
    ctx->entered = false;
}

// ctx.run(callable, *args, **kwargs): calls with ctx as the current context.
static KaaValue context_run(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs < 1) {
        kaa_raise_type_error("run() missing 1 required positional argument");
    }
    Context *ctx = ctx_of(self);
    if (ctx->entered) {
        kaa_raise_msg(kaa_RuntimeError, "cannot enter context: %R is already entered", self);
    }
    ctx->prev = current_context();
    ctx->entered = true;
    current = ctx;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        kaa_ts.frame = h.frame;
        context_leave(ctx);
        kaa_reraise(h.exc);
    }
    KaaValue r = kaa_call(args[0], args + 1, nargs - 1, kwnames);
    kaa_handler_pop(&h);
    context_leave(ctx);
    return r;
}

static const KaaMethodDef context_methods[] = {
    {"run", context_run, 0, NULL},
    {"copy", context_copy, 0, NULL},
    {"get", context_get, 0, NULL},
    {"keys", context_keys, 0, NULL},
    {"values", context_values, 0, NULL},
    {"items", context_items, 0, NULL},
    {NULL},
};

static KaaType context_type = {
    .ob = {&kaa_type_type},
    .name = "_contextvars.Context",
    .flags = KAA_TPFLAG_MAPPING,
    .instance_size = sizeof(Context),
    .weaklist_offset = offsetof(Context, weakreflist),
    .richcompare = context_richcompare,
    .iter = context_iter,
    .len = context_len,
    .getitem = context_getitem,
    .contains = context_contains,
    .new_ = context_new_slot,
    .methods = context_methods,
};

static KaaValue contextvars_copy_context(KaaValue self, KaaValue *args, size_t nargs,
                                         KaaTuple *kw) {
    kaa_args_count("copy_context", nargs, 0, 0);
    return kaa_from_obj(context_new(current_context()->vars));
}

static const KaaMethodDef contextvars_methods[] = {
    {"copy_context", contextvars_copy_context, 0, NULL},
    {NULL},
};

KaaValue kaa_contextvars_init(void) {
    kaa_type_ready(&context_type);
    kaa_type_ready(&contextvar_type);
    kaa_type_ready(&token_type);
    kaa_type_ready(&token_missing_type);
    kaa_dict_set_cstr(token_type.dict, "MISSING", token_missing);
    kaa_type_modified(&token_type);
    KaaValue m = kaa_module_new_cstr("_contextvars");
    kaa_module_add_methods(m, contextvars_methods);
    kaa_module_add(m, "Context", kaa_from_obj(&context_type));
    kaa_module_add(m, "ContextVar", kaa_from_obj(&contextvar_type));
    kaa_module_add(m, "Token", kaa_from_obj(&token_type));
    return m;
}
