// objects/module.c — module objects.
//
// Stage: objects. A module is its __dict__; attribute access goes through the generic
// protocol, with PEP 562's module-level __getattr__ as the fallback.
#include "objects/objects.h"

KaaValue kaa_module_new(KaaValue name) {
    KaaModule *m = kaa_alloc(sizeof *m);
    m->ob.type = &kaa_module_type;
    m->dict = kaa_dict_new();
    kaa_dict_set(m->dict, KAA_ID(__name__), name);
    kaa_dict_set(m->dict, KAA_ID(__doc__), kaa_None);
    kaa_dict_set(m->dict, KAA_ID(__package__), kaa_None);
    kaa_dict_set(m->dict, KAA_ID(__loader__), kaa_None);
    kaa_dict_set(m->dict, KAA_ID(__spec__), kaa_None);
    return kaa_from_obj(m);
}

KaaValue kaa_module_new_cstr(const char *name) {
    return kaa_module_new(kaa_str_intern_cstr(name));
}

void kaa_module_add(KaaValue module, const char *name, KaaValue value) {
    kaa_dict_set(((KaaModule *)kaa_obj(module))->dict, kaa_str_intern_cstr(name), value);
}

void kaa_module_add_methods(KaaValue module, const KaaMethodDef *defs) {
    ((KaaModule *)kaa_obj(module))->builtin = true;  // only C modules get C functions
    KaaValue modname = kaa_dict_get_str(((KaaModule *)kaa_obj(module))->dict, KAA_ID(__name__));
    for (const KaaMethodDef *d = defs; d->name != NULL; d++) {
        kaa_module_add(module, d->name, kaa_cfunction_new(d, module, modname));
    }
}

static KaaModule *mod(KaaValue v) { return (KaaModule *)kaa_obj(v); }

static KaaValue module_getattr(KaaValue self, KaaValue name) {
    KaaValue v = kaa_generic_getattr(self, name);
    if (v != KAA_NULL) {
        return v;
    }
    KaaValue hook = kaa_dict_get_str(mod(self)->dict, KAA_ID(__getattr__));
    if (hook != KAA_NULL) {
        return kaa_call1(hook, name);
    }
    return KAA_NULL;
}

// CPython's module repr: from the module's spec when it has one, else from __file__ and
// __loader__. kaa's built-in modules (made by modules/registry.c) say "(built-in)".
static KaaValue repr_from_spec(KaaValue name, KaaValue spec) {
    KaaValue spec_name = kaa_getattr_opt(spec, kaa_str_intern_cstr("name"));
    KaaValue origin = kaa_getattr_opt(spec, kaa_str_intern_cstr("origin"));
    KaaValue loader = kaa_getattr_opt(spec, kaa_str_intern_cstr("loader"));
    name = spec_name != KAA_NULL ? spec_name : name;
    if (origin == KAA_NULL || origin == kaa_None) {
        if (loader == KAA_NULL || loader == kaa_None) {
            return kaa_str_printf("<module %R>", name);
        }
        return kaa_str_printf("<module %R (%R)>", name, loader);
    }
    KaaValue located = kaa_getattr_opt(spec, kaa_str_intern_cstr("has_location"));
    if (located != KAA_NULL && kaa_truthy(located)) {
        return kaa_str_printf("<module %R from %R>", name, origin);
    }
    return kaa_str_printf("<module %R (%S)>", name, origin);
}

static KaaValue module_repr(KaaValue self) {
    KaaDict *d = mod(self)->dict;
    KaaValue name = kaa_dict_get_str(d, KAA_ID(__name__));
    if (name == KAA_NULL) {
        name = kaa_str_from_cstr("?");
    }
    KaaValue spec = kaa_dict_get_str(d, kaa_str_intern_cstr("__spec__"));
    if (spec != KAA_NULL && spec != kaa_None) {
        return repr_from_spec(name, spec);
    }
    KaaValue file = kaa_dict_get_str(d, KAA_ID(__file__));
    if (file != KAA_NULL) {
        return kaa_str_printf("<module %R from %R>", name, file);
    }
    KaaValue loader = kaa_dict_get_str(d, kaa_str_intern_cstr("__loader__"));
    if (loader != KAA_NULL && loader != kaa_None) {
        return kaa_str_printf("<module %R (%R)>", name, loader);
    }
    if (mod(self)->builtin) {
        return kaa_str_printf("<module %R (built-in)>", name);
    }
    return kaa_str_printf("<module %R>", name);
}

static KaaValue module_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue self = kaa_instance_alloc(type, 0);
    mod(self)->dict = kaa_dict_new();
    return self;
}

static void module_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"name", "doc", NULL};
    KaaValue out[2];
    kaa_args_bind("module", args, nargs, kwnames, params, 0, 1, out);
    if (!kaa_is_str(out[0])) {
        kaa_raise_type_error("module.__init__() argument 'name' must be str, not %s",
                             kaa_argtype_name(out[0]));
    }
    KaaDict *d = mod(self)->dict;
    kaa_dict_set(d, KAA_ID(__name__), out[0]);
    kaa_dict_set(d, KAA_ID(__doc__), out[1] ? out[1] : kaa_None);
    kaa_dict_set(d, KAA_ID(__package__), kaa_None);
    kaa_dict_set(d, KAA_ID(__loader__), kaa_None);
    kaa_dict_set(d, KAA_ID(__spec__), kaa_None);
}

static KaaValue module_dict(KaaValue self) { return kaa_from_obj(mod(self)->dict); }

static KaaValue module_dir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaValue custom = kaa_dict_get_str(mod(self)->dict, KAA_ID(__dir__));
    if (custom != KAA_NULL) {
        return kaa_call0(custom);
    }
    return kaa_list_from_iterable(kaa_from_obj(mod(self)->dict));
}

static const KaaGetSetDef module_getsets[] = {
    {"__dict__", module_dict, NULL, NULL},
    {NULL},
};

static const KaaMethodDef module_methods[] = {
    {"__dir__", module_dir, 0, NULL},
    {NULL},
};

KaaType kaa_module_type = {
    .ob = {&kaa_type_type},
    .name = "module",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaModule),
    .dict_offset = offsetof(KaaModule, dict),
    .repr = module_repr,
    .getattr = module_getattr,
    .new_ = module_new,
    .init = module_init,
    .getsets = module_getsets,
    .methods = module_methods,
};
