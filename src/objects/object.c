// objects/object.c — `object` (the root of every class), None, NotImplemented and Ellipsis,
// and kaa_objects_init, which readies every built-in type at start-up.
//
// Stage: objects. object's slots are the defaults every instance falls back to: identity
// hashing and equality, the generic attribute protocol (abstract.c), and the argument checks
// of object.__new__ / object.__init__.
#include <stdio.h>

#include "objects/slots.h"
#include "vm/vm.h"

KaaObject kaa_none_obj = {&kaa_none_type};
KaaObject kaa_notimpl_obj = {&kaa_notimpl_type};
KaaObject kaa_ellipsis_obj = {&kaa_ellipsis_type};

// ---- object -----------------------------------------------------------------------------------

static int64_t object_hash(KaaValue self) {
    uint64_t p = (uint64_t)self;
    return (int64_t)((p >> 4) | (p << 60));
}

static KaaValue object_repr(KaaValue self) {
    KaaType *t = kaa_type_of(self);
    KaaValue mod = kaa_dict_get_str(t->dict, KAA_ID(__module__));
    KaaValue qual = t->qualname != KAA_NULL ? t->qualname : kaa_type_name(t);
    if (mod != KAA_NULL && kaa_is_str(mod) && !kaa_str_eq_cstr(mod, "builtins")) {
        return kaa_str_printf("<%S.%S object at %p>", mod, qual, (void *)(uintptr_t)self);
    }
    return kaa_str_printf("<%s object at %p>", t->name, (void *)(uintptr_t)self);
}

static KaaValue object_str(KaaValue self) {
    KaaType *t = kaa_type_of(self);
    return t->repr(self);
}

static KaaValue object_richcompare(KaaValue a, KaaValue b, int op) {
    if (op == KAA_EQ) {
        return a == b ? kaa_True : kaa_NotImplemented;
    }
    if (op == KAA_NE) {
        // object.__ne__ inverts __eq__ unless that is NotImplemented.
        KaaType *t = kaa_type_of(a);
        if (t->richcompare == NULL) {
            return kaa_NotImplemented;
        }
        KaaValue r = t->richcompare(a, b, KAA_EQ);
        if (r == kaa_NotImplemented) {
            return r;
        }
        return kaa_bool(!kaa_truthy(r));
    }
    return kaa_NotImplemented;
}

static bool excess_args(size_t nargs, KaaTuple *kwnames) { return nargs > 0 || kwnames; }

static void object_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);

static KaaValue object_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (excess_args(nargs, kwnames)) {
        if (type->new_ != object_new) {
            kaa_raise_type_error("object.__new__() takes exactly one argument (the type to "
                                 "instantiate)");
        }
        if (type->init == object_init) {
            kaa_raise_type_error("%S() takes no arguments", kaa_type_name(type));
        }
    }
    if (type->flags & KAA_TPFLAG_ABSTRACT) {
        KaaValue abstract = kaa_dict_get_str(type->dict, KAA_ID(__abstractmethods__));
        KaaValue sorted = kaa_call1(kaa_dict_get_cstr(kaa_builtins_dict, "sorted"), abstract);
        int64_t n = kaa_len(sorted);
        KaaValue joined = kaa_str_join(kaa_str_from_cstr(", "), sorted);
        kaa_raise_type_error("Can't instantiate abstract class %S with abstract method%s %S",
                             kaa_type_name(type), n > 1 ? "s" : "", joined);
    }
    return kaa_instance_alloc(type, 0);
}

static void object_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (excess_args(nargs, kwnames)) {
        KaaType *type = kaa_type_of(self);
        if (type->init != object_init) {
            kaa_raise_type_error("object.__init__() takes exactly one argument (the instance to "
                                 "initialize)");
        }
        if (type->new_ == object_new) {
            kaa_raise_type_error("%S() takes exactly one argument (the instance to initialize)",
                                 kaa_type_name(type));
        }
    }
}

static KaaValue object_get_class(KaaValue self) { return kaa_from_obj(kaa_type_of(self)); }

static void object_set_class(KaaValue self, KaaValue value) {
    if (value == KAA_NULL) {
        kaa_raise_type_error("can't delete __class__ attribute");
    }
    if (!kaa_is_obj(value) || !kaa_type_has(kaa_type_of(value), KAA_TPFLAG_TYPE_SUBCLASS)) {
        kaa_raise_type_error("__class__ must be set to a class, not '%s' object",
                             kaa_type_name_of(value));
    }
    KaaType *nt = (KaaType *)kaa_obj(value), *ot = kaa_type_of(self);
    if (!kaa_is_obj(self) || (nt->flags & KAA_TPFLAG_HEAPTYPE) == 0 ||
        (ot->flags & KAA_TPFLAG_HEAPTYPE) == 0) {
        kaa_raise_type_error("__class__ assignment only supported for mutable types or "
                             "ModuleType subclasses");
    }
    kaa_type_check_layout_assignment(nt, ot, "__class__");
    kaa_obj(self)->type = nt;
}

static KaaValue object_format(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__format__", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("__format__() argument must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    if (kaa_str(args[0])->len > 0) {
        kaa_raise_type_error("unsupported format string passed to %s.__format__",
                             kaa_type_name_of(self));
    }
    return kaa_to_str(self);
}

static KaaValue object_sizeof(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_small((int64_t)kaa_type_of(self)->instance_size);
}

static KaaValue object_dir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaDict *names = kaa_dict_new();
    KaaDict *d = kaa_is_obj(self) ? kaa_instance_dict(self) : NULL;
    int64_t pos = 0;
    KaaValue k, v;
    while (d != NULL && kaa_dict_next(d, &pos, &k, &v)) {
        kaa_dict_set(names, k, kaa_None);
    }
    KaaTuple *mro = kaa_type_of(self)->mro;
    for (int64_t i = 0; i < mro->len; i++) {
        KaaDict *td = ((KaaType *)kaa_obj(mro->items[i]))->dict;
        pos = 0;
        while (kaa_dict_next(td, &pos, &k, &v)) {
            kaa_dict_set(names, k, kaa_None);
        }
    }
    return kaa_list_from_iterable(kaa_from_obj(names));
}

static KaaValue object_init_subclass(KaaValue self, KaaValue *args, size_t nargs,
                                     KaaTuple *kwnames) {
    if (nargs > 0 || kwnames != NULL) {
        kaa_raise_type_error("%S.__init_subclass__() takes no keyword arguments",
                             kaa_type_name((KaaType *)kaa_obj(self)));
    }
    return kaa_None;
}

static KaaValue object_subclasshook(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_NotImplemented;
}

static const KaaMethodDef object_methods[] = {
    {"__format__", object_format, 0, "Default object formatter."},
    {"__reduce_ex__", kaa_object_reduce_ex, 0, "Helper for pickle."},
    {"__reduce__", kaa_object_reduce, 0, "Helper for pickle."},
    {"__sizeof__", object_sizeof, 0, "Size of object in memory, in bytes."},
    {"__dir__", object_dir, 0, "Default dir() implementation."},
    {"__init_subclass__", object_init_subclass, KAA_METH_CLASS,
     "This method is called when a class is subclassed."},
    {"__subclasshook__", object_subclasshook, KAA_METH_CLASS, "Abstract classes can override."},
    {"__getstate__", kaa_object_getstate, 0, "Helper for pickle."},
    {NULL},
};

static const KaaGetSetDef object_getsets[] = {
    {"__class__", object_get_class, object_set_class, NULL},
    {NULL},
};

KaaType kaa_object_type = {
    .ob = {&kaa_type_type},
    .name = "object",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaObject),
    .repr = object_repr,
    .str = object_str,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattr = kaa_generic_getattr,
    .setattr = kaa_generic_setattr,
    .new_ = object_new,
    .init = object_init,
    .methods = object_methods,
    .getsets = object_getsets,
    .doc = KAA_NULL,
};

// ---- None, NotImplemented, Ellipsis -----------------------------------------------------------

static KaaValue none_repr(KaaValue self) { return kaa_str_from_cstr("None"); }
static int none_truth(KaaValue self) { return 0; }

static KaaValue none_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs > 0 || kwnames != NULL) {
        kaa_raise_type_error("NoneType takes no arguments");
    }
    return kaa_None;
}

KaaType kaa_none_type = {
    .ob = {&kaa_type_type},
    .name = "NoneType",
    .instance_size = sizeof(KaaObject),
    .repr = none_repr,
    .truth = none_truth,
    .new_ = none_new,
};

static KaaValue notimpl_repr(KaaValue self) { return kaa_str_from_cstr("NotImplemented"); }

static int notimpl_truth(KaaValue self) {
    // 3.11 warns (DeprecationWarning) and answers True; warnings come later.
    return 1;
}

static KaaValue notimpl_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs > 0 || kwnames != NULL) {
        kaa_raise_type_error("NotImplementedType takes no arguments");
    }
    return kaa_NotImplemented;
}

static KaaValue singleton_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_obj(kaa_type_of(self)) == kaa_from_obj(&kaa_none_type)
               ? kaa_str_from_cstr("None")
               : kaa_type_of(self) == &kaa_notimpl_type ? kaa_str_from_cstr("NotImplemented")
                                                       : kaa_str_from_cstr("Ellipsis");
}

static const KaaMethodDef singleton_methods[] = {
    {"__reduce__", singleton_reduce, 0, NULL},
    {NULL},
};

KaaType kaa_notimpl_type = {
    .ob = {&kaa_type_type},
    .name = "NotImplementedType",
    .instance_size = sizeof(KaaObject),
    .repr = notimpl_repr,
    .truth = notimpl_truth,
    .new_ = notimpl_new,
    .methods = singleton_methods,
};

static KaaValue ellipsis_repr(KaaValue self) { return kaa_str_from_cstr("Ellipsis"); }

static KaaValue ellipsis_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs > 0 || kwnames != NULL) {
        kaa_raise_type_error("ellipsis takes no arguments");
    }
    return kaa_Ellipsis;
}

KaaType kaa_ellipsis_type = {
    .ob = {&kaa_type_type},
    .name = "ellipsis",
    .instance_size = sizeof(KaaObject),
    .repr = ellipsis_repr,
    .new_ = ellipsis_new,
    .methods = singleton_methods,
};

// ---- start-up ---------------------------------------------------------------------------------

static KaaType *const static_types[] = {
#define TYPE(name, file) &kaa_##name##_type,
#include "objects/types.def"
#undef TYPE
};

void kaa_objects_init(void) {
    kaa_str_init();
    kaa_int_init();
    kaa_containers_init();
    kaa_names_init();
    for (size_t i = 0; i < sizeof static_types / sizeof static_types[0]; i++) {
        kaa_type_ready(static_types[i]);
    }
    kaa_vm_types_ready();
    kaa_exc_init();
    kaa_raise_prepare();
}
