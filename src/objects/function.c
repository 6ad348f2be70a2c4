// objects/function.c — Python functions and cells.
//
// Stage: objects. A function pairs a code object with its globals, defaults and closure; the
// VM runs it (vm/call.c binds arguments). A function is a descriptor: looked up on an
// instance it makes a bound method, which the VM's LOAD_METHOD avoids creating.
#include "objects/objects.h"
#include "vm/vm.h"

KaaFunction *kaa_function_new(KaaCode *code, KaaDict *globals, KaaValue qualname) {
    KaaFunction *f = kaa_alloc(sizeof *f);
    f->ob.type = &kaa_function_type;
    f->code = code;
    f->globals = globals;
    f->builtins = kaa_builtins_dict;
    KaaValue b = kaa_dict_get_str(globals, KAA_ID(__builtins__));
    if (b != KAA_NULL) {
        if (kaa_is_dict(b)) {
            f->builtins = kaa_dict(b);
        } else if (kaa_is_type(b, &kaa_module_type)) {
            f->builtins = ((KaaModule *)kaa_obj(b))->dict;
        }
    }
    f->name = code->name;
    f->qualname = qualname != KAA_NULL ? qualname : code->name;
    KaaValue mod = kaa_dict_get_str(globals, KAA_ID(__name__));
    f->module = mod != KAA_NULL ? mod : kaa_None;
    // The compiler puts a function's docstring (or None) first among its constants.
    KaaValue doc = code->consts->len > 0 ? code->consts->items[0] : kaa_None;
    f->doc = kaa_is_str(doc) ? doc : kaa_None;
    f->version = 1;
    return f;
}

static KaaFunction *fn(KaaValue v) { return (KaaFunction *)kaa_obj(v); }

static KaaValue function_repr(KaaValue self) {
    return kaa_str_printf("<function %S at %p>", fn(self)->qualname, (void *)(uintptr_t)self);
}

static KaaValue function_get(KaaValue self, KaaValue obj, KaaValue type) {
    if (obj == KAA_NULL) {
        return self;
    }
    return kaa_method_new(self, obj);
}


static KaaValue get_name(KaaValue self) { return fn(self)->name; }
static void set_name(KaaValue self, KaaValue v) {
    if (v == KAA_NULL || !kaa_is_str(v)) {
        kaa_raise_type_error("__name__ must be set to a string object");
    }
    fn(self)->name = v;
}
static KaaValue get_qualname(KaaValue self) { return fn(self)->qualname; }
static void set_qualname(KaaValue self, KaaValue v) {
    if (v == KAA_NULL || !kaa_is_str(v)) {
        kaa_raise_type_error("__qualname__ must be set to a string object");
    }
    fn(self)->qualname = v;
}
static KaaValue get_doc(KaaValue self) { return fn(self)->doc; }
static void set_doc(KaaValue self, KaaValue v) { fn(self)->doc = v == KAA_NULL ? kaa_None : v; }
static KaaValue get_module(KaaValue self) { return fn(self)->module; }
static void set_module(KaaValue self, KaaValue v) {
    fn(self)->module = v == KAA_NULL ? kaa_None : v;
}
static KaaValue get_code(KaaValue self) { return kaa_from_obj(fn(self)->code); }
static void set_code(KaaValue self, KaaValue v) {
    if (v == KAA_NULL || !kaa_is_type(v, &kaa_code_type)) {
        kaa_raise_type_error("__code__ must be set to a code object");
    }
    KaaCode *c = (KaaCode *)kaa_obj(v);
    int64_t nclosure = fn(self)->closure ? fn(self)->closure->len : 0;
    if (c->nfreevars != nclosure) {
        kaa_raise_value_error("%S() requires a code object with %lld free vars, not %d",
                              fn(self)->name, (long long)nclosure, c->nfreevars);
    }
    fn(self)->code = c;
    fn(self)->version++;
}
static KaaValue get_globals(KaaValue self) { return kaa_from_obj(fn(self)->globals); }
static KaaValue get_builtins(KaaValue self) { return kaa_from_obj(fn(self)->builtins); }
static KaaValue get_closure(KaaValue self) {
    return fn(self)->closure ? kaa_from_obj(fn(self)->closure) : kaa_None;
}
static KaaValue get_defaults(KaaValue self) {
    return fn(self)->defaults ? kaa_from_obj(fn(self)->defaults) : kaa_None;
}
static void set_defaults(KaaValue self, KaaValue v) {
    if (v != KAA_NULL && v != kaa_None && !kaa_is_tuple(v)) {
        kaa_raise_type_error("__defaults__ must be set to a tuple object");
    }
    fn(self)->defaults = v == KAA_NULL || v == kaa_None ? NULL : kaa_tuple(v);
    fn(self)->version++;
}
static KaaValue get_kwdefaults(KaaValue self) {
    return fn(self)->kwdefaults ? kaa_from_obj(fn(self)->kwdefaults) : kaa_None;
}
static void set_kwdefaults(KaaValue self, KaaValue v) {
    if (v != KAA_NULL && v != kaa_None && !kaa_is_dict(v)) {
        kaa_raise_type_error("__kwdefaults__ must be set to a dict object");
    }
    fn(self)->kwdefaults = v == KAA_NULL || v == kaa_None ? NULL : kaa_dict(v);
    fn(self)->version++;
}
static KaaValue get_annotations(KaaValue self) {
    KaaFunction *f = fn(self);
    if (f->annotations == KAA_NULL) {
        f->annotations = kaa_from_obj(kaa_dict_new());
    } else if (kaa_is_tuple(f->annotations)) {
        // MAKE_FUNCTION stores annotations as a flat (name, value, ...) tuple.
        KaaTuple *t = kaa_tuple(f->annotations);
        KaaDict *d = kaa_dict_new();
        for (int64_t i = 0; i + 1 < t->len; i += 2) {
            kaa_dict_set(d, t->items[i], t->items[i + 1]);
        }
        f->annotations = kaa_from_obj(d);
    }
    return f->annotations;
}
static void set_annotations(KaaValue self, KaaValue v) {
    if (v != KAA_NULL && v != kaa_None && !kaa_is_dict(v)) {
        kaa_raise_type_error("__annotations__ must be set to a dict object");
    }
    fn(self)->annotations = v == kaa_None ? KAA_NULL : v;
}
static KaaValue get_dict(KaaValue self) {
    KaaFunction *f = fn(self);
    if (f->dict == NULL) {
        f->dict = kaa_dict_new();
    }
    return kaa_from_obj(f->dict);
}
static void set_dict(KaaValue self, KaaValue v) {
    if (v == KAA_NULL || !kaa_is_dict(v)) {
        kaa_raise_type_error("__dict__ must be set to a dictionary, not a '%s'",
                             v == KAA_NULL ? "NoneType" : kaa_type_name_of(v));
    }
    fn(self)->dict = kaa_dict(v);
}

static const KaaGetSetDef function_getsets[] = {
    {"__name__", get_name, set_name, NULL},
    {"__qualname__", get_qualname, set_qualname, NULL},
    {"__doc__", get_doc, set_doc, NULL},
    {"__module__", get_module, set_module, NULL},
    {"__code__", get_code, set_code, NULL},
    {"__globals__", get_globals, NULL, NULL},
    {"__builtins__", get_builtins, NULL, NULL},
    {"__closure__", get_closure, NULL, NULL},
    {"__defaults__", get_defaults, set_defaults, NULL},
    {"__kwdefaults__", get_kwdefaults, set_kwdefaults, NULL},
    {"__annotations__", get_annotations, set_annotations, NULL},
    {"__dict__", get_dict, set_dict, NULL},
    {NULL},
};

static KaaValue function_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("function", nargs, 2, 5);
    if (!kaa_is_type(args[0], &kaa_code_type) || !kaa_is_dict(args[1])) {
        kaa_raise_type_error("function() argument 'code' must be code, not %s",
                             kaa_argtype_name(args[0]));
    }
    KaaFunction *f = kaa_function_new((KaaCode *)kaa_obj(args[0]), kaa_dict(args[1]), KAA_NULL);
    if (nargs > 2 && args[2] != kaa_None) {
        f->name = args[2];
    }
    if (nargs > 3 && args[3] != kaa_None) {
        f->defaults = kaa_tuple(args[3]);
    }
    if (nargs > 4 && args[4] != kaa_None) {
        f->closure = kaa_tuple(args[4]);
    }
    return kaa_from_obj(f);
}

KaaType kaa_function_type = {
    .ob = {&kaa_type_type},
    .name = "function",
    .flags = KAA_TPFLAG_METHOD_DESCRIPTOR,
    .instance_size = sizeof(KaaFunction),
    .dict_offset = offsetof(KaaFunction, dict),
    .repr = function_repr,
    .call = kaa_function_call,
    .descr_get = function_get,
    .new_ = function_new,
    .getsets = function_getsets,
};

// ---- cells ------------------------------------------------------------------------------------

KaaCell *kaa_cell_new(KaaValue value) {
    KaaCell *c = kaa_alloc(sizeof *c);
    c->ob.type = &kaa_cell_type;
    c->value = value;
    return c;
}

static KaaValue cell_repr(KaaValue self) {
    KaaCell *c = (KaaCell *)kaa_obj(self);
    if (c->value == KAA_NULL) {
        return kaa_str_printf("<cell at %p: empty>", (void *)(uintptr_t)self);
    }
    return kaa_str_printf("<cell at %p: %s object at %p>", (void *)(uintptr_t)self,
                          kaa_type_name_of(c->value), (void *)(uintptr_t)c->value);
}

static KaaValue cell_get_contents(KaaValue self) {
    KaaCell *c = (KaaCell *)kaa_obj(self);
    if (c->value == KAA_NULL) {
        kaa_raise_value_error("Cell is empty");
    }
    return c->value;
}

static void cell_set_contents(KaaValue self, KaaValue v) { ((KaaCell *)kaa_obj(self))->value = v; }

static KaaValue cell_richcompare(KaaValue a, KaaValue b, int op) {
    if (!kaa_is_type(b, &kaa_cell_type)) {
        return kaa_NotImplemented;
    }
    KaaValue x = ((KaaCell *)kaa_obj(a))->value, y = ((KaaCell *)kaa_obj(b))->value;
    if (x == KAA_NULL || y == KAA_NULL) {
        bool xe = x == KAA_NULL, ye = y == KAA_NULL;
        int c = xe == ye ? 0 : xe ? -1 : 1;
        switch (op) {
        case KAA_LT: return kaa_bool(c < 0);
        case KAA_LE: return kaa_bool(c <= 0);
        case KAA_EQ: return kaa_bool(c == 0);
        case KAA_NE: return kaa_bool(c != 0);
        case KAA_GT: return kaa_bool(c > 0);
        default: return kaa_bool(c >= 0);
        }
    }
    return kaa_richcompare(x, y, op);
}

static KaaValue cell_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("cell", nargs, 0, 1);
    return kaa_from_obj(kaa_cell_new(nargs ? args[0] : KAA_NULL));
}

static const KaaGetSetDef cell_getsets[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL},
    {NULL},
};

KaaType kaa_cell_type = {
    .ob = {&kaa_type_type},
    .name = "cell",
    .instance_size = sizeof(KaaCell),
    .repr = cell_repr,
    .richcompare = cell_richcompare,
    .new_ = cell_new,
    .getsets = cell_getsets,
};
