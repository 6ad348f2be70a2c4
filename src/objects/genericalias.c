// objects/genericalias.c — types.GenericAlias, what list[int] and dict[str, int] evaluate to.
//
// Stage: objects. Owns the alias type and kaa_generic_class_getitem, the __class_getitem__
// that built-in generic classes (list, tuple, dict, set, ...) put in their method tables.
// An alias records its origin class and its arguments; attribute access other than its own
// few attributes goes to the origin (list[int].append is list.append), calling it calls the
// origin, and subscripting substitutes type variables found among the arguments (anything
// with __typing_subst__, as typing.TypeVar has).
// Must not: know about the typing module beyond those duck-typed attribute names.
#include "objects/containers.h"

typedef struct GenericAlias {
    KaaObject ob;
    KaaValue origin;
    KaaTuple *args;
    KaaValue parameters;  // tuple, computed on first use
} GenericAlias;

static inline GenericAlias *as_alias(KaaValue v) { return (GenericAlias *)kaa_obj(v); }

static bool is_alias(KaaValue v) {
    return kaa_is_obj(v) && (kaa_obj(v)->type == &kaa_generic_alias_type ||
                             kaa_is_subtype(kaa_obj(v)->type, &kaa_generic_alias_type));
}

static KaaValue alias_of_type(KaaType *type, KaaValue origin, KaaValue args) {
    GenericAlias *a = (GenericAlias *)kaa_obj(kaa_instance_alloc(type, 0));
    a->origin = origin;
    a->args = kaa_is_tuple(args) ? kaa_tuple(args) : kaa_tuple_pack(1, args);
    return kaa_from_obj(a);
}

KaaValue kaa_generic_alias_new(KaaValue origin, KaaValue args) {
    return alias_of_type(&kaa_generic_alias_type, origin, args);
}

// cls.__class_getitem__(item), a classmethod: self is the class.
KaaValue kaa_generic_class_getitem(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("__class_getitem__", nargs, kw);
    return kaa_generic_alias_new(self, args[0]);
}

// ---- repr -----------------------------------------------------------------------------------

// How an argument reads inside the brackets: `...`, a class by its (module-qualified) name,
// another alias or anything else by its repr.
static void put_item(KaaStrBuf *b, KaaValue p) {
    if (p == kaa_Ellipsis) {
        kaa_strbuf_puts(b, "...");
        return;
    }
    bool looks_generic = kaa_getattr_opt(p, KAA_ID(__origin__)) != KAA_NULL &&
                         kaa_getattr_opt(p, kaa_str_intern_cstr("__args__")) != KAA_NULL;
    KaaValue qualname = looks_generic ? KAA_NULL : kaa_getattr_opt(p, KAA_ID(__qualname__));
    KaaValue module = qualname ? kaa_getattr_opt(p, KAA_ID(__module__)) : KAA_NULL;
    if (module == KAA_NULL || module == kaa_None) {
        kaa_strbuf_putstr(b, kaa_repr(p));
    } else if (kaa_is_str(module) && kaa_str_eq_cstr(module, "builtins")) {
        kaa_strbuf_putstr(b, kaa_to_str(qualname));
    } else {
        kaa_strbuf_putstr(b, kaa_to_str(module));
        kaa_strbuf_putc(b, '.');
        kaa_strbuf_putstr(b, kaa_to_str(qualname));
    }
}

static KaaValue alias_repr(KaaValue self) {
    GenericAlias *a = as_alias(self);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    put_item(&b, a->origin);
    kaa_strbuf_putc(&b, '[');
    if (a->args->len == 0) {
        kaa_strbuf_puts(&b, "()");
    }
    for (int64_t i = 0; i < a->args->len; i++) {
        KaaValue p = a->args->items[i];
        if (i > 0) {
            kaa_strbuf_puts(&b, ", ");
        }
        put_item(&b, p);
    }
    kaa_strbuf_putc(&b, ']');
    return kaa_strbuf_finish(&b);
}

// ---- type variables -------------------------------------------------------------------------

static bool is_class(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_TYPE_SUBCLASS);
}

static void add_unique(KaaList *l, KaaValue v) {
    for (int64_t i = 0; i < l->len; i++) {
        if (items_same(l->items[i], v)) {
            return;
        }
    }
    kaa_list_append(l, v);
}

// The type variables among the arguments, in order: those that substitute themselves
// (__typing_subst__), and the parameters of nested generics.
static KaaValue alias_parameters(KaaValue self) {
    GenericAlias *a = as_alias(self);
    if (a->parameters != KAA_NULL) {
        return a->parameters;
    }
    KaaList *params = kaa_list_new(0);
    KaaValue subst_name = kaa_str_intern_cstr("__typing_subst__");
    for (int64_t i = 0; i < a->args->len; i++) {
        KaaValue t = a->args->items[i];
        if (is_class(t)) {
            continue;
        }
        if (kaa_getattr_opt(t, subst_name) != KAA_NULL) {
            add_unique(params, t);
            continue;
        }
        KaaValue sub = kaa_getattr_opt(t, kaa_str_intern_cstr("__parameters__"));
        if (sub != KAA_NULL && kaa_is_tuple(sub)) {
            for (int64_t j = 0; j < kaa_tuple(sub)->len; j++) {
                add_unique(params, kaa_tuple(sub)->items[j]);
            }
        }
    }
    a->parameters = kaa_tuple_from_iterable(kaa_from_obj(params));
    return a->parameters;
}

static int64_t param_index(KaaTuple *params, KaaValue p) {
    for (int64_t i = 0; i < params->len; i++) {
        if (items_same(params->items[i], p)) {
            return i;
        }
    }
    return -1;
}

// One argument with the type variables replaced by their values.
static KaaValue substitute(KaaValue arg, KaaTuple *params, KaaTuple *values) {
    if (is_class(arg)) {
        return arg;
    }
    KaaValue subst = kaa_getattr_opt(arg, kaa_str_intern_cstr("__typing_subst__"));
    if (subst != KAA_NULL) {
        return kaa_call1(subst, values->items[param_index(params, arg)]);
    }
    KaaValue sub = kaa_getattr_opt(arg, kaa_str_intern_cstr("__parameters__"));
    if (sub == KAA_NULL || !kaa_is_tuple(sub) || kaa_tuple(sub)->len == 0) {
        return arg;
    }
    KaaTuple *subargs = kaa_tuple_new((size_t)kaa_tuple(sub)->len);
    for (int64_t j = 0; j < subargs->len; j++) {
        subargs->items[j] = values->items[param_index(params, kaa_tuple(sub)->items[j])];
    }
    return kaa_getitem(arg, kaa_from_obj(subargs));
}

// alias[values]: list[T][int] is list[int].
static KaaValue alias_getitem(KaaValue self, KaaValue item) {
    GenericAlias *a = as_alias(self);
    KaaTuple *params = kaa_tuple(alias_parameters(self));
    if (params->len == 0) {
        kaa_raise_type_error("%R is not a generic class", self);
    }
    KaaTuple *values = kaa_is_tuple(item) ? kaa_tuple(item) : kaa_tuple_pack(1, item);
    if (values->len != params->len) {
        kaa_raise_type_error("Too %s arguments for %R; actual %lld, expected %lld",
                             values->len > params->len ? "many" : "few", self,
                             (long long)values->len, (long long)params->len);
    }
    KaaTuple *args = kaa_tuple_new((size_t)a->args->len);
    for (int64_t i = 0; i < args->len; i++) {
        args->items[i] = substitute(a->args->items[i], params, values);
    }
    return alias_of_type(kaa_type_of(self), a->origin, kaa_from_obj(args));
}

// ---- the other slots ------------------------------------------------------------------------

static int64_t alias_hash(KaaValue self) {
    GenericAlias *a = as_alias(self);
    int64_t h = kaa_hash(a->origin) ^ kaa_hash(kaa_from_obj(a->args));
    return h == -1 ? -2 : h;
}

static KaaValue alias_richcompare(KaaValue x, KaaValue y, int op) {
    if (!is_alias(x) || !is_alias(y) || (op != KAA_EQ && op != KAA_NE)) {
        return kaa_NotImplemented;
    }
    GenericAlias *a = as_alias(x), *b = as_alias(y);
    bool eq = kaa_eq(a->origin, b->origin) &&
              kaa_eq(kaa_from_obj(a->args), kaa_from_obj(b->args));
    return kaa_bool(op == KAA_EQ ? eq : !eq);
}

// list[int](...) makes a list; the instance learns its alias when it can hold attributes.
static void set_orig_class(void *ud) {
    KaaValue *pair = ud;
    kaa_setattr(pair[0], KAA_ID(__orig_class__), pair[1]);
}

static KaaValue alias_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue obj = kaa_call(as_alias(self)->origin, args, nargs, kwnames);
    KaaValue pair[2] = {obj, self};
    KaaValue exc = kaa_protect(set_orig_class, pair);
    if (exc && !kaa_exc_matches(exc, kaa_AttributeError) && !kaa_exc_matches(exc, kaa_TypeError)) {
        kaa_raise(exc);
    }
    return obj;
}

// Its own attributes; every other name is looked up on the origin.
static KaaValue alias_getattr(KaaValue self, KaaValue name) {
    static const char *const own[] = {
        "__class__", "__origin__", "__args__", "__unpacked__", "__parameters__",
        "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__",
        "__copy__", "__deepcopy__", NULL,
    };
    for (const char *const *p = own; *p; p++) {
        if (kaa_str_eq_cstr(name, *p)) {
            return kaa_generic_getattr(self, name);
        }
    }
    // Absent on the origin is absent here (the slot contract), so hasattr() works.
    return kaa_getattr_opt(as_alias(self)->origin, name);
}

static KaaValue alias_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    args_no_kw("GenericAlias", kwnames);
    args_range("GenericAlias", "GenericAlias", nargs, NULL, 2, 2);
    return alias_of_type(type, args[0], args[1]);
}

// ---- methods and attributes -----------------------------------------------------------------

static KaaValue alias_mro_entries(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_one("__mro_entries__", nargs, kw);
    return kaa_from_obj(kaa_tuple_pack(1, as_alias(self)->origin));
}

static KaaValue alias_instancecheck(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_raise_type_error("isinstance() argument 2 cannot be a parameterized generic");
}

static KaaValue alias_subclasscheck(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_raise_type_error("issubclass() argument 2 cannot be a parameterized generic");
}

static KaaValue alias_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    args_none("__reduce__", nargs, kw);
    GenericAlias *a = as_alias(self);
    KaaValue state = kaa_from_obj(kaa_tuple_pack(2, a->origin, kaa_from_obj(a->args)));
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(kaa_type_of(self)), state));
}

static KaaValue get_origin(KaaValue self) { return as_alias(self)->origin; }
static KaaValue get_args(KaaValue self) { return kaa_from_obj(as_alias(self)->args); }
static KaaValue get_unpacked(KaaValue self) { return kaa_False; }
static KaaValue get_unpacked_args(KaaValue self) { return kaa_None; }

static const KaaMethodDef alias_methods[] = {
    {"__mro_entries__", alias_mro_entries, 0, NULL},
    {"__instancecheck__", alias_instancecheck, 0, NULL},
    {"__subclasscheck__", alias_subclasscheck, 0, NULL},
    {"__reduce__", alias_reduce, 0, NULL},
    {NULL},
};

static const KaaGetSetDef alias_getsets[] = {
    {"__origin__", get_origin, NULL, NULL},
    {"__args__", get_args, NULL, NULL},
    {"__parameters__", alias_parameters, NULL, "Type variables in the GenericAlias."},
    {"__unpacked__", get_unpacked, NULL, NULL},
    {"__typing_unpacked_tuple_args__", get_unpacked_args, NULL, NULL},
    {NULL},
};

KaaType kaa_generic_alias_type = {
    .ob = {&kaa_type_type},
    .name = "types.GenericAlias",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(GenericAlias),
    .repr = alias_repr,
    .hash = alias_hash,
    .richcompare = alias_richcompare,
    .getattr = alias_getattr,
    .call = alias_call,
    .binary = {[KAA_OP_OR] = kaa_union_or},
    .getitem = alias_getitem,
    .new_ = alias_new,
    .methods = alias_methods,
    .getsets = alias_getsets,
};
