// objects/method.c — bound methods, built-in functions and the method descriptors of
// built-in types.
//
// Stage: objects. A KaaCFunction is both "builtin_function_or_method" (bound to self or a
// module) and, with other types, "method_descriptor" / "classmethod_descriptor" (unbound, in
// a type's dict). All of them call a KaaCFunc with the vectorcall convention.
#include <string.h>

#include "objects/objects.h"
#include "vm/vm.h"

// ---- bound methods ----------------------------------------------------------------------------

KaaValue kaa_method_new(KaaValue func, KaaValue self) {
    KaaMethod *m = kaa_alloc(sizeof *m);
    m->ob.type = &kaa_method_type;
    m->func = func;
    m->self = self;
    return kaa_from_obj(m);
}

static KaaMethod *meth(KaaValue v) { return (KaaMethod *)kaa_obj(v); }

static KaaValue method_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaMethod *m = meth(self);
    size_t total = nargs + KAA_NKW(kwnames);
    KaaValue small[8];
    KaaValue *full = total + 1 <= 8 ? small : kaa_alloc((total + 1) * sizeof(KaaValue));
    full[0] = m->self;
    if (total > 0) {  // args may be NULL when empty; memcpy from NULL is undefined
        memcpy(full + 1, args, total * sizeof(KaaValue));
    }
    return kaa_call(m->func, full, nargs + 1, kwnames);
}

static KaaValue method_repr(KaaValue self) {
    KaaMethod *m = meth(self);
    KaaValue name = kaa_getattr_opt(m->func, KAA_ID(__qualname__));
    if (name == KAA_NULL) {
        name = kaa_getattr_opt(m->func, KAA_ID(__name__));
    }
    return kaa_str_printf("<bound method %S of %R>", name ? name : kaa_str_from_cstr("?"),
                          m->self);
}

static KaaValue method_richcompare(KaaValue a, KaaValue b, int op) {
    if ((op != KAA_EQ && op != KAA_NE) || !kaa_is_type(b, &kaa_method_type)) {
        return kaa_NotImplemented;
    }
    bool eq = meth(a)->self == meth(b)->self && kaa_eq(meth(a)->func, meth(b)->func);
    return kaa_bool(eq == (op == KAA_EQ));
}

static int64_t method_hash(KaaValue self) {
    int64_t h = kaa_hash(meth(self)->func);
    uint64_t p = (uint64_t)meth(self)->self;
    int64_t r = h ^ (int64_t)((p >> 4) | (p << 60));
    return r == -1 ? -2 : r;
}

// Attributes not found on the method type come from the function (__name__, __doc__, ...).
static KaaValue method_getattr(KaaValue self, KaaValue name) {
    KaaValue r = kaa_generic_getattr(self, name);
    if (r != KAA_NULL) {
        return r;
    }
    return kaa_getattr_opt(meth(self)->func, name);
}

static KaaValue method_get(KaaValue self, KaaValue obj, KaaValue type) { return self; }

static KaaValue method_func(KaaValue self) { return meth(self)->func; }
static KaaValue method_self(KaaValue self) { return meth(self)->self; }

static const KaaGetSetDef method_getsets[] = {
    {"__func__", method_func, NULL, NULL},
    {"__self__", method_self, NULL, NULL},
    {NULL},
};

static KaaValue method_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_count("method", nargs, 2, 2);
    if (!kaa_callable(args[0])) {
        kaa_raise_type_error("first argument must be callable");
    }
    if (args[1] == kaa_None) {
        kaa_raise_type_error("instance must not be None");
    }
    return kaa_method_new(args[0], args[1]);
}

KaaType kaa_method_type = {
    .ob = {&kaa_type_type},
    .name = "method",
    .instance_size = sizeof(KaaMethod),
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .getattr = method_getattr,
    .call = method_call,
    .descr_get = method_get,
    .new_ = method_new,
    .getsets = method_getsets,
};

// ---- built-in functions and methods -----------------------------------------------------------

KaaValue kaa_cfunction_new(const KaaMethodDef *def, KaaValue self, KaaValue module) {
    KaaCFunction *f = kaa_alloc(sizeof *f);
    f->ob.type = &kaa_cfunction_type;
    f->def = def;
    f->self = self;
    f->module = module;
    return kaa_from_obj(f);
}

static KaaCFunction *cf(KaaValue v) { return (KaaCFunction *)kaa_obj(v); }

static KaaValue cfunction_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaCFunction *f = cf(self);
    return f->def->fn(f->self, args, nargs, kwnames);
}

static bool bound_to_object(KaaCFunction *f) {
    return f->self != KAA_NULL && !kaa_is_type(f->self, &kaa_module_type);
}

static KaaValue cfunction_repr(KaaValue self) {
    KaaCFunction *f = cf(self);
    if (!bound_to_object(f)) {
        return kaa_str_printf("<built-in function %s>", f->def->name);
    }
    return kaa_str_printf("<built-in method %s of %s object at %p>", f->def->name,
                          kaa_type_name_of(f->self), (void *)(uintptr_t)f->self);
}

static KaaValue cfunction_name(KaaValue self) { return kaa_str_from_cstr(cf(self)->def->name); }

static KaaValue cfunction_qualname(KaaValue self) {
    KaaCFunction *f = cf(self);
    KaaType *owner = f->owner;
    if (owner == NULL && bound_to_object(f)) {
        owner = kaa_type_has(kaa_type_of(f->self), KAA_TPFLAG_TYPE_SUBCLASS)
                    ? (KaaType *)kaa_obj(f->self)
                    : kaa_type_of(f->self);
    }
    if (owner == NULL) {
        return cfunction_name(self);
    }
    return kaa_str_printf("%S.%s", owner->qualname ? owner->qualname : kaa_type_name(owner),
                          f->def->name);
}

static KaaValue cfunction_self(KaaValue self) {
    KaaCFunction *f = cf(self);
    return f->self == KAA_NULL ? kaa_None : f->self;
}

static KaaValue cfunction_doc(KaaValue self) {
    const char *doc = cf(self)->def->doc;
    return doc ? kaa_str_from_cstr(doc) : kaa_None;
}

static KaaValue cfunction_module(KaaValue self) {
    KaaValue m = cf(self)->module;
    return m == KAA_NULL ? kaa_None : m;
}

static KaaValue cfunction_objclass(KaaValue self) {
    KaaCFunction *f = cf(self);
    if (f->owner == NULL) {
        kaa_raise_attribute_error(self, KAA_ID(__objclass__));
    }
    return kaa_from_obj(f->owner);
}

static KaaValue cfunction_text_signature(KaaValue self) { return kaa_None; }

static const KaaGetSetDef cfunction_getsets[] = {
    {"__name__", cfunction_name, NULL, NULL},
    {"__qualname__", cfunction_qualname, NULL, NULL},
    {"__self__", cfunction_self, NULL, NULL},
    {"__doc__", cfunction_doc, NULL, NULL},
    {"__module__", cfunction_module, NULL, NULL},
    {"__text_signature__", cfunction_text_signature, NULL, NULL},
    {"__objclass__", cfunction_objclass, NULL, NULL},
    {NULL},
};

static KaaValue cfunction_richcompare(KaaValue a, KaaValue b, int op) {
    if ((op != KAA_EQ && op != KAA_NE) || kaa_type_of(b) != kaa_type_of(a)) {
        return kaa_NotImplemented;
    }
    bool eq = cf(a)->def == cf(b)->def && cf(a)->self == cf(b)->self;
    return kaa_bool(eq == (op == KAA_EQ));
}

static int64_t cfunction_hash(KaaValue self) {
    uint64_t h = (uint64_t)(uintptr_t)cf(self)->def * 31 + (uint64_t)cf(self)->self;
    int64_t r = (int64_t)(h >> 3);
    return r == -1 ? -2 : r;
}

KaaType kaa_cfunction_type = {
    .ob = {&kaa_type_type},
    .name = "builtin_function_or_method",
    .instance_size = sizeof(KaaCFunction),
    .repr = cfunction_repr,
    .hash = cfunction_hash,
    .richcompare = cfunction_richcompare,
    .call = cfunction_call,
    .getsets = cfunction_getsets,
};

// ---- method descriptors -----------------------------------------------------------------------

static void check_self(KaaCFunction *f, KaaValue obj) {
    if (!kaa_is_subtype(kaa_type_of(obj), f->owner)) {
        kaa_raise_type_error("descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                             f->def->name, f->owner->name, kaa_type_name_of(obj));
    }
}

static KaaValue descr_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaCFunction *f = cf(self);
    if (nargs < 1) {
        kaa_raise_type_error("unbound method %S.%s() needs an argument",
                             kaa_type_name(f->owner), f->def->name);
    }
    check_self(f, args[0]);
    return f->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static KaaValue descr_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaCFunction *f = cf(self);
    if (obj == KAA_NULL) {
        return self;
    }
    check_self(f, obj);
    KaaCFunction *b = (KaaCFunction *)kaa_obj(kaa_cfunction_new(f->def, obj, KAA_NULL));
    b->owner = f->owner;
    return kaa_from_obj(b);
}

static KaaValue descr_repr(KaaValue self) {
    KaaCFunction *f = cf(self);
    return kaa_str_printf("<method '%s' of '%s' objects>", f->def->name, f->owner->name);
}

KaaType kaa_method_descr_type = {
    .ob = {&kaa_type_type},
    .name = "method_descriptor",
    .flags = KAA_TPFLAG_METHOD_DESCRIPTOR,
    .instance_size = sizeof(KaaCFunction),
    .repr = descr_repr,
    .call = descr_call,
    .descr_get = descr_get,
    .getsets = cfunction_getsets,
};

static KaaValue classdescr_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaCFunction *f = cf(self);
    KaaValue cls = type != KAA_NULL ? type : kaa_from_obj(kaa_type_of(obj));
    KaaCFunction *b = (KaaCFunction *)kaa_obj(kaa_cfunction_new(f->def, cls, KAA_NULL));
    b->owner = f->owner;
    return kaa_from_obj(b);
}

static KaaValue classdescr_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaCFunction *f = cf(self);
    if (nargs < 1 || !kaa_is_obj(args[0]) ||
        !kaa_type_has(kaa_type_of(args[0]), KAA_TPFLAG_TYPE_SUBCLASS)) {
        kaa_raise_type_error("descriptor '%s' for type '%s' needs a type, not a '%s' as arg 2",
                             f->def->name, f->owner->name,
                             nargs ? kaa_type_name_of(args[0]) : "NoneType");
    }
    return f->def->fn(args[0], args + 1, nargs - 1, kwnames);
}

static KaaValue classdescr_repr(KaaValue self) {
    KaaCFunction *f = cf(self);
    return kaa_str_printf("<method '%s' of '%s' objects>", f->def->name, f->owner->name);
}

KaaType kaa_classmethod_descr_type = {
    .ob = {&kaa_type_type},
    .name = "classmethod_descriptor",
    .instance_size = sizeof(KaaCFunction),
    .repr = classdescr_repr,
    .call = classdescr_call,
    .descr_get = classdescr_get,
    .getsets = cfunction_getsets,
};
