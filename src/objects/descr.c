// objects/descr.c — descriptors: getset and member descriptors of built-in types and
// __slots__, property, staticmethod, classmethod and super.
//
// Stage: objects. Getset and member descriptors are data descriptors (they define __set__
// even when read-only), so they take precedence over an instance's __dict__, as in CPython.
#include <string.h>

#include "objects/objects.h"
#include "vm/vm.h"

static KaaDescr *dsc(KaaValue v) { return (KaaDescr *)kaa_obj(v); }

static void check_applies(KaaDescr *d, KaaValue obj) {
    if (!kaa_is_subtype(kaa_type_of(obj), d->owner)) {
        kaa_raise_type_error("descriptor '%S' for '%s' objects doesn't apply to a '%s' object",
                             d->name, d->owner->name, kaa_type_name_of(obj));
    }
}

// ---- getset descriptors -----------------------------------------------------------------------

static KaaValue getset_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaDescr *d = dsc(self);
    if (obj == KAA_NULL) {
        return self;
    }
    check_applies(d, obj);
    return ((const KaaGetSetDef *)d->def)->get(obj);
}

static void getset_set(KaaValue self, KaaValue obj, KaaValue value) {
    KaaDescr *d = dsc(self);
    check_applies(d, obj);
    const KaaGetSetDef *g = d->def;
    if (g->set == NULL) {
        kaa_raise_msg(kaa_AttributeError, "attribute '%S' of '%s' objects is not writable",
                      d->name, d->owner->name);
    }
    g->set(obj, value);
}

static KaaValue getset_repr(KaaValue self) {
    return kaa_str_printf("<attribute '%S' of '%s' objects>", dsc(self)->name,
                          dsc(self)->owner->name);
}

static KaaValue descr_name(KaaValue self) { return dsc(self)->name; }
static KaaValue descr_objclass(KaaValue self) { return kaa_from_obj(dsc(self)->owner); }
static KaaValue descr_doc(KaaValue self) {
    if (kaa_is_type(self, &kaa_getset_descr_type)) {
        const char *doc = ((const KaaGetSetDef *)dsc(self)->def)->doc;
        return doc ? kaa_str_from_cstr(doc) : kaa_None;
    }
    return kaa_None;
}

static const KaaGetSetDef descr_getsets[] = {
    {"__name__", descr_name, NULL, NULL},
    {"__qualname__", descr_name, NULL, NULL},
    {"__objclass__", descr_objclass, NULL, NULL},
    {"__doc__", descr_doc, NULL, NULL},
    {NULL},
};

KaaType kaa_getset_descr_type = {
    .ob = {&kaa_type_type},
    .name = "getset_descriptor",
    .instance_size = sizeof(KaaDescr),
    .repr = getset_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
    .getsets = descr_getsets,
};

// ---- member descriptors -----------------------------------------------------------------------
// def == NULL: a __slots__ value of a class; otherwise a KaaMemberDef of a built-in type.

static KaaValue member_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaDescr *d = dsc(self);
    if (obj == KAA_NULL) {
        return self;
    }
    check_applies(d, obj);
    const KaaMemberDef *m = d->def;
    KaaValue *addr = kaa_instance_slot_addr(obj, d->offset);
    if (m != NULL && m->kind == KAA_MEMBER_BOOL_RO) {
        return kaa_bool(*(bool *)addr);
    }
    if (*addr == KAA_NULL) {
        if (m != NULL) {
            return kaa_None;
        }
        kaa_raise_attribute_error(obj, d->name);  // (with .name and .obj, as CPython's)
    }
    return *addr;
}

static void member_set(KaaValue self, KaaValue obj, KaaValue value) {
    KaaDescr *d = dsc(self);
    check_applies(d, obj);
    const KaaMemberDef *m = d->def;
    if (m != NULL && m->kind != KAA_MEMBER_VALUE) {
        kaa_raise_msg(kaa_AttributeError, "readonly attribute");
    }
    KaaValue *addr = kaa_instance_slot_addr(obj, d->offset);
    if (value == KAA_NULL && *addr == KAA_NULL && m == NULL) {
        kaa_raise_msg(kaa_AttributeError, "%S", d->name);
    }
    *addr = value;
}

static KaaValue member_repr(KaaValue self) {
    return kaa_str_printf("<member '%S' of '%s' objects>", dsc(self)->name,
                          dsc(self)->owner->name);
}

KaaType kaa_member_descr_type = {
    .ob = {&kaa_type_type},
    .name = "member_descriptor",
    .instance_size = sizeof(KaaDescr),
    .repr = member_repr,
    .descr_get = member_get,
    .descr_set = member_set,
    .getsets = descr_getsets,
};

// ---- property -----------------------------------------------------------------------------------

static KaaProperty *prop(KaaValue v) { return (KaaProperty *)kaa_obj(v); }

static KaaValue property_qualname_for(KaaValue self) {
    KaaProperty *p = prop(self);
    if (p->name != KAA_NULL) {
        return p->name;
    }
    if (p->fget != KAA_NULL && p->fget != kaa_None) {
        KaaValue n = kaa_getattr_opt(p->fget, KAA_ID(__name__));
        if (n != KAA_NULL) {
            return n;
        }
    }
    return KAA_NULL;
}

static KAA_NORETURN void property_error(KaaValue self, KaaValue obj, const char *what) {
    KaaValue name = property_qualname_for(self);
    if (name != KAA_NULL) {
        kaa_raise_msg(kaa_AttributeError, "property %R of '%s' object %s", name,
                      kaa_type_name_of(obj), what);
    }
    kaa_raise_msg(kaa_AttributeError, "property of '%s' object %s", kaa_type_name_of(obj),
                  what);
}

static KaaValue property_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaProperty *p = prop(self);
    if (obj == KAA_NULL) {
        return self;
    }
    if (p->fget == KAA_NULL || p->fget == kaa_None) {
        property_error(self, obj, "has no getter");
    }
    return kaa_call1(p->fget, obj);
}

static void property_set(KaaValue self, KaaValue obj, KaaValue value) {
    KaaProperty *p = prop(self);
    if (value == KAA_NULL) {
        if (p->fdel == KAA_NULL || p->fdel == kaa_None) {
            property_error(self, obj, "has no deleter");
        }
        kaa_call1(p->fdel, obj);
        return;
    }
    if (p->fset == KAA_NULL || p->fset == kaa_None) {
        property_error(self, obj, "has no setter");
    }
    kaa_call2(p->fset, obj, value);
}

static void property_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"fget", "fset", "fdel", "doc", NULL};
    KaaValue out[4];
    kaa_args_bind("property", args, nargs, kwnames, params, 0, 0, out);
    KaaProperty *p = prop(self);
    p->fget = out[0] ? out[0] : kaa_None;
    p->fset = out[1] ? out[1] : kaa_None;
    p->fdel = out[2] ? out[2] : kaa_None;
    p->doc = out[3] ? out[3] : kaa_None;
    if (p->doc == kaa_None && p->fget != kaa_None) {
        KaaValue d = kaa_getattr_opt(p->fget, KAA_ID(__doc__));
        p->doc = d != KAA_NULL ? d : kaa_None;
    }
}

static KaaValue property_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue self = kaa_instance_alloc(type, 0);
    KaaProperty *p = prop(self);
    p->fget = p->fset = p->fdel = p->doc = kaa_None;
    return self;
}

static KaaValue property_copy(KaaValue self, KaaValue fget, KaaValue fset, KaaValue fdel) {
    KaaProperty *p = prop(self);
    KaaValue doc = p->doc;
    if (fget != p->fget && fget != kaa_None) {
        // A new getter brings its own docstring when the old one came from the old getter.
        doc = kaa_None;
    }
    KaaValue args[4] = {fget, fset, fdel, doc};
    KaaValue r = kaa_call(kaa_from_obj(kaa_type_of(self)), args, 4, NULL);
    if (kaa_is_type(r, &kaa_property_type)) {
        prop(r)->name = p->name;
    }
    return r;
}

static KaaValue property_getter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("getter", nargs, 1, 1);
    return property_copy(self, args[0], prop(self)->fset, prop(self)->fdel);
}
static KaaValue property_setter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("setter", nargs, 1, 1);
    return property_copy(self, prop(self)->fget, args[0], prop(self)->fdel);
}
static KaaValue property_deleter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("deleter", nargs, 1, 1);
    return property_copy(self, prop(self)->fget, prop(self)->fset, args[0]);
}
static KaaValue property_set_name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__set_name__", nargs, 2, 2);
    prop(self)->name = args[1];
    return kaa_None;
}

static const KaaMethodDef property_methods[] = {
    {"getter", property_getter, 0, NULL},
    {"setter", property_setter, 0, NULL},
    {"deleter", property_deleter, 0, NULL},
    {"__set_name__", property_set_name, 0, NULL},
    {NULL},
};

static KaaValue property_fget(KaaValue self) { return prop(self)->fget; }
static KaaValue property_fset(KaaValue self) { return prop(self)->fset; }
static KaaValue property_fdel(KaaValue self) { return prop(self)->fdel; }
static KaaValue property_doc(KaaValue self) { return prop(self)->doc; }
static void property_set_doc(KaaValue self, KaaValue v) {
    prop(self)->doc = v == KAA_NULL ? kaa_None : v;
}
static KaaValue property_abstract(KaaValue self) {
    KaaProperty *p = prop(self);
    KaaValue parts[3] = {p->fget, p->fset, p->fdel};
    for (int i = 0; i < 3; i++) {
        if (parts[i] == kaa_None) {
            continue;
        }
        KaaValue v = kaa_getattr_opt(parts[i], KAA_ID(__isabstractmethod__));
        if (v != KAA_NULL && kaa_truthy(v)) {
            return kaa_True;
        }
    }
    return kaa_False;
}

static const KaaGetSetDef property_getsets[] = {
    {"fget", property_fget, NULL, NULL},
    {"fset", property_fset, NULL, NULL},
    {"fdel", property_fdel, NULL, NULL},
    {"__doc__", property_doc, property_set_doc, NULL},
    {"__isabstractmethod__", property_abstract, NULL, NULL},
    {NULL},
};

KaaType kaa_property_type = {
    .ob = {&kaa_type_type},
    .name = "property",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaProperty),
    .descr_get = property_get,
    .descr_set = property_set,
    .new_ = property_new,
    .init = property_init,
    .methods = property_methods,
    .getsets = property_getsets,
};

// ---- staticmethod and classmethod ---------------------------------------------------------------

static KaaStaticMethod *sm(KaaValue v) { return (KaaStaticMethod *)kaa_obj(v); }

static KaaValue staticmethod_get(KaaValue self, KaaValue obj, KaaValue type) {
    return sm(self)->func;
}

static KaaValue classmethod_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaValue cls = type != KAA_NULL ? type : kaa_from_obj(kaa_type_of(obj));
    KaaValue f = sm(self)->func;
    // A classmethod wrapping another descriptor (e.g. a property) chains through it (3.9+).
    KaaType *ft = kaa_type_of(f);
    if (ft->descr_get != NULL && !kaa_type_has(ft, KAA_TPFLAG_METHOD_DESCRIPTOR)) {
        return ft->descr_get(f, cls, kaa_from_obj(kaa_type_of(cls)));
    }
    return kaa_method_new(f, cls);
}

static void wrapper_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw(kaa_type_name_of(self), kwnames);
    if (nargs != 1) {
        kaa_raise_type_error("%s expected 1 argument, got %zu", kaa_type_name_of(self), nargs);
    }
    sm(self)->func = args[0];
    // Copy the wrapped function's metadata the way functools.wraps would (3.10+).
    static const KaaNameId attrs[] = {KAA_ID___module__, KAA_ID___name__, KAA_ID___qualname__,
                                      KAA_ID___doc__};
    KaaDict *d = kaa_instance_dict(self);
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        KaaHandler h;
        kaa_handler_push(&h);
        if (setjmp(h.buf) == 0) {
            KaaValue v = kaa_getattr_opt(args[0], kaa_ids[attrs[i]]);
            if (v != KAA_NULL) {
                kaa_dict_set(d, kaa_ids[attrs[i]], v);
            }
            kaa_handler_pop(&h);
        } else {
            kaa_ts.frame = h.frame;
        }
    }
    kaa_dict_set(d, KAA_ID(__wrapped__), args[0]);
}

static KaaValue wrapper_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue self = kaa_instance_alloc(type, 0);
    sm(self)->func = kaa_None;
    return self;
}

static KaaValue staticmethod_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_call(sm(self)->func, args, nargs, kw);
}

static KaaValue wrapper_func(KaaValue self) { return sm(self)->func; }
static KaaValue wrapper_abstract(KaaValue self) {
    KaaValue v = kaa_getattr_opt(sm(self)->func, KAA_ID(__isabstractmethod__));
    return kaa_bool(v != KAA_NULL && kaa_truthy(v));
}
static KaaValue wrapper_dict(KaaValue self) { return kaa_from_obj(kaa_instance_dict(self)); }

static const KaaGetSetDef wrapper_getsets[] = {
    {"__func__", wrapper_func, NULL, NULL},
    {"__isabstractmethod__", wrapper_abstract, NULL, NULL},
    {"__dict__", wrapper_dict, NULL, NULL},
    {NULL},
};

static KaaValue staticmethod_repr(KaaValue self) {
    return kaa_str_printf("<%s(%R)>", kaa_type_name_of(self), sm(self)->func);
}

KaaType kaa_staticmethod_type = {
    .ob = {&kaa_type_type},
    .name = "staticmethod",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaStaticMethod),
    .dict_offset = offsetof(KaaStaticMethod, dict),
    .repr = staticmethod_repr,
    .call = staticmethod_call,
    .descr_get = staticmethod_get,
    .new_ = wrapper_new,
    .init = wrapper_init,
    .getsets = wrapper_getsets,
};

KaaType kaa_classmethod_type = {
    .ob = {&kaa_type_type},
    .name = "classmethod",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaStaticMethod),
    .dict_offset = offsetof(KaaStaticMethod, dict),
    .repr = staticmethod_repr,
    .descr_get = classmethod_get,
    .new_ = wrapper_new,
    .init = wrapper_init,
    .getsets = wrapper_getsets,
};

// ---- super --------------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaType *type;      // the class named in super(type, obj)
    KaaValue obj;       // the instance or class, or KAA_NULL (unbound super)
    KaaType *obj_type;  // type(obj), or obj itself when it is a subclass of type
} KaaSuper;

static KaaSuper *sup(KaaValue v) { return (KaaSuper *)kaa_obj(v); }

static KaaType *super_check(KaaType *type, KaaValue obj) {
    if (kaa_is_obj(obj) && kaa_type_has(kaa_type_of(obj), KAA_TPFLAG_TYPE_SUBCLASS) &&
        kaa_is_subtype((KaaType *)kaa_obj(obj), type)) {
        return (KaaType *)kaa_obj(obj);
    }
    if (kaa_is_subtype(kaa_type_of(obj), type)) {
        return kaa_type_of(obj);
    }
    KaaValue cls = kaa_getattr_opt(obj, KAA_ID(__class__));
    if (cls != KAA_NULL && kaa_is_obj(cls) &&
        kaa_type_has(kaa_type_of(cls), KAA_TPFLAG_TYPE_SUBCLASS) &&
        kaa_is_subtype((KaaType *)kaa_obj(cls), type)) {
        return (KaaType *)kaa_obj(cls);
    }
    kaa_raise_type_error("super(type, obj): obj must be an instance or subtype of type");
}

static KaaValue super_getattr(KaaValue self, KaaValue name) {
    KaaSuper *s = sup(self);
    if (s->obj_type != NULL && !kaa_str_eq(name, KAA_ID(__class__))) {
        KaaTuple *mro = s->obj_type->mro;
        int64_t i = 0;
        while (i < mro->len && kaa_obj(mro->items[i]) != (KaaObject *)s->type) {
            i++;
        }
        for (i++; i < mro->len; i++) {
            KaaType *t = (KaaType *)kaa_obj(mro->items[i]);
            KaaValue v = kaa_dict_get_str(t->dict, name);
            if (v == KAA_NULL) {
                continue;
            }
            KaaType *vt = kaa_type_of(v);
            if (vt->descr_get != NULL) {
                KaaValue obj = s->obj == kaa_from_obj(s->obj_type) ? KAA_NULL : s->obj;
                return vt->descr_get(v, obj, kaa_from_obj(s->obj_type));
            }
            return v;
        }
    }
    return kaa_generic_getattr(self, name);
}

// The zero-argument form: the calling function's first argument and its __class__ cell.
void kaa_super_from_frame(KaaType **type, KaaValue *obj);

static void super_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw("super", kwnames);
    kaa_args_count("super()", nargs, 0, 2);
    KaaType *type;
    KaaValue obj = KAA_NULL;
    if (nargs == 0) {
        kaa_super_from_frame(&type, &obj);
    } else {
        if (!kaa_is_obj(args[0]) || !kaa_type_has(kaa_type_of(args[0]), KAA_TPFLAG_TYPE_SUBCLASS)) {
            kaa_raise_type_error("super() argument 1 must be a type, not %s",
                                 kaa_argtype_name(args[0]));
        }
        type = (KaaType *)kaa_obj(args[0]);
        obj = nargs == 2 && args[1] != kaa_None ? args[1] : KAA_NULL;
    }
    KaaSuper *s = sup(self);
    s->type = type;
    s->obj = obj;
    s->obj_type = obj != KAA_NULL ? super_check(type, obj) : NULL;
}

static KaaValue super_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_instance_alloc(type, 0);
}

static KaaValue super_repr(KaaValue self) {
    KaaSuper *s = sup(self);
    if (s->obj_type != NULL) {
        return kaa_str_printf("<super: <class '%S'>, <%s object>>", kaa_type_name(s->type),
                              s->obj_type->name);
    }
    return kaa_str_printf("<super: <class '%S'>, NULL>", kaa_type_name(s->type));
}

static KaaValue super_get(KaaValue self, KaaValue obj, KaaValue type) {
    KaaSuper *s = sup(self);
    if (obj == KAA_NULL || s->obj != KAA_NULL) {
        return self;
    }
    KaaValue args[2] = {kaa_from_obj(s->type), obj};
    return kaa_call(kaa_from_obj(kaa_type_of(self)), args, 2, NULL);
}

static KaaValue super_thisclass(KaaValue self) { return kaa_from_obj(sup(self)->type); }
static KaaValue super_self(KaaValue self) {
    return sup(self)->obj == KAA_NULL ? kaa_None : sup(self)->obj;
}
static KaaValue super_self_class(KaaValue self) {
    return sup(self)->obj_type == NULL ? kaa_None : kaa_from_obj(sup(self)->obj_type);
}

static const KaaGetSetDef super_getsets[] = {
    {"__thisclass__", super_thisclass, NULL, NULL},
    {"__self__", super_self, NULL, NULL},
    {"__self_class__", super_self_class, NULL, NULL},
    {NULL},
};

KaaType kaa_super_type = {
    .ob = {&kaa_type_type},
    .name = "super",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaSuper),
    .repr = super_repr,
    .getattr = super_getattr,
    .descr_get = super_get,
    .new_ = super_new,
    .init = super_init,
    .getsets = super_getsets,
};
