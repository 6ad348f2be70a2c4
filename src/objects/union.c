// objects/union.c — types.UnionType, what int | str and list[int] | None evaluate to.
//
// Stage: objects. Owns the union type and kaa_union_or, the `|` of classes, None, generic
// aliases and unions (type.c's binary OR slot and GenericAlias's call it). A union holds its
// members flattened and without duplicates; a union of one member is that member. isinstance
// and issubclass accept unions through __instancecheck__ / __subclasscheck__.
// Must not: accept operands other than classes, None, aliases and unions (others get
// NotImplemented, so their own `|` still applies).
#include "objects/containers.h"

typedef struct Union {
    KaaObject ob;
    KaaTuple *args;
    KaaValue parameters;  // tuple, computed on first use
} Union;

static inline Union *as_union(KaaValue v) { return (Union *)kaa_obj(v); }

static bool is_union(KaaValue v) { return kaa_is_type(v, &kaa_union_type); }

static bool is_generic_alias(KaaValue v) {
    return kaa_is_obj(v) && (kaa_obj(v)->type == &kaa_generic_alias_type ||
                             kaa_is_subtype(kaa_obj(v)->type, &kaa_generic_alias_type));
}

static bool is_class(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_obj(v)->type, KAA_TPFLAG_TYPE_SUBCLASS);
}

static bool unionable(KaaValue v) {
    return v == kaa_None || is_class(v) || is_generic_alias(v) || is_union(v);
}

// Appends v's members to l: a union contributes its members, None stands for NoneType, and
// duplicates are dropped (by identity, or by equality between generic aliases).
static void add_member(KaaList *l, KaaValue v) {
    if (is_union(v)) {
        KaaTuple *args = as_union(v)->args;
        for (int64_t i = 0; i < args->len; i++) {
            add_member(l, args->items[i]);
        }
        return;
    }
    if (v == kaa_None) {
        v = kaa_from_obj(&kaa_none_type);
    }
    for (int64_t i = 0; i < l->len; i++) {
        KaaValue m = l->items[i];
        bool same = is_generic_alias(m) && is_generic_alias(v) ? kaa_eq(m, v) : m == v;
        if (same) {
            return;
        }
    }
    kaa_list_append(l, v);
}

static KaaValue make_union(KaaList *members) {
    if (members->len == 1) {
        return members->items[0];
    }
    Union *u = kaa_alloc(sizeof *u);
    u->ob.type = &kaa_union_type;
    u->args = kaa_tuple(kaa_tuple_from_iterable(kaa_from_obj(members)));
    return kaa_from_obj(u);
}

KaaValue kaa_union_or(KaaValue a, KaaValue b) {
    if (!unionable(a) || !unionable(b)) {
        return kaa_NotImplemented;
    }
    KaaList *members = kaa_list_new(0);
    add_member(members, a);
    add_member(members, b);
    return make_union(members);
}

// ---- slots ----------------------------------------------------------------------------------

// A member as the repr shows it: None, a class by (module-qualified) name, else its repr.
static void put_member(KaaStrBuf *b, KaaValue p) {
    if (p == kaa_from_obj(&kaa_none_type)) {
        kaa_strbuf_puts(b, "None");
        return;
    }
    KaaValue qualname = KAA_NULL, module = KAA_NULL;
    if (!is_generic_alias(p)) {
        qualname = kaa_getattr_opt(p, KAA_ID(__qualname__));
        module = qualname ? kaa_getattr_opt(p, KAA_ID(__module__)) : KAA_NULL;
    }
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

static KaaValue union_repr(KaaValue self) {
    KaaTuple *args = as_union(self)->args;
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    for (int64_t i = 0; i < args->len; i++) {
        if (i > 0) {
            kaa_strbuf_puts(&b, " | ");
        }
        put_member(&b, args->items[i]);
    }
    return kaa_strbuf_finish(&b);
}

// Unions are equal when they have the same members in any order.
static KaaValue members_set(KaaValue self) {
    KaaSet *s = kaa_set_new(&kaa_frozenset_type);
    kaa_set_update(s, kaa_from_obj(as_union(self)->args));
    return kaa_from_obj(s);
}

static int64_t union_hash(KaaValue self) { return kaa_hash(members_set(self)); }

static KaaValue union_richcompare(KaaValue a, KaaValue b, int op) {
    if (!is_union(a) || !is_union(b) || (op != KAA_EQ && op != KAA_NE)) {
        return kaa_NotImplemented;
    }
    bool eq = kaa_eq(members_set(a), members_set(b));
    return kaa_bool(op == KAA_EQ ? eq : !eq);
}

// The type variables of the members (see genericalias.c), for typing's substitution.
static KaaValue union_parameters(KaaValue self) {
    Union *u = as_union(self);
    if (u->parameters == KAA_NULL) {
        KaaValue alias = kaa_generic_alias_new(kaa_from_obj(&kaa_union_type),
                                               kaa_from_obj(u->args));
        u->parameters = kaa_getattr_cstr(alias, "__parameters__");
    }
    return u->parameters;
}

// (int | list[T])[str]: substitute in every member, then rebuild the union with `|`.
static KaaValue union_getitem(KaaValue self, KaaValue item) {
    Union *u = as_union(self);
    KaaValue alias = kaa_generic_alias_new(kaa_from_obj(&kaa_union_type),
                                           kaa_from_obj(u->args));
    KaaValue params = union_parameters(self);
    if (kaa_tuple(params)->len == 0) {
        kaa_raise_type_error("%R is not a generic class", self);
    }
    KaaTuple *args = kaa_tuple(kaa_getattr_cstr(kaa_getitem(alias, item), "__args__"));
    KaaValue r = args->items[0];
    for (int64_t i = 1; i < args->len; i++) {
        r = kaa_binary_op(r, args->items[i], KAA_OP_OR);
    }
    return r;
}

// ---- isinstance and issubclass --------------------------------------------------------------

// Members are tried in order, as isinstance() tries a tuple: the first match wins, and a
// generic alias raises when its turn comes.
static KaaValue union_instancecheck(KaaValue self, KaaValue *args, size_t nargs,
                                    KaaTuple *kw) {
    args_one("__instancecheck__", nargs, kw);
    KaaTuple *members = as_union(self)->args;
    for (int64_t i = 0; i < members->len; i++) {
        if (kaa_isinstance(args[0], members->items[i])) {
            return kaa_True;
        }
    }
    return kaa_False;
}

static KaaValue union_subclasscheck(KaaValue self, KaaValue *args, size_t nargs,
                                    KaaTuple *kw) {
    args_one("__subclasscheck__", nargs, kw);
    KaaTuple *members = as_union(self)->args;
    for (int64_t i = 0; i < members->len; i++) {
        if (kaa_issubclass(args[0], members->items[i])) {
            return kaa_True;
        }
    }
    return kaa_False;
}

static KaaValue get_args(KaaValue self) { return kaa_from_obj(as_union(self)->args); }

static const KaaMethodDef union_methods[] = {
    {"__instancecheck__", union_instancecheck, 0, NULL},
    {"__subclasscheck__", union_subclasscheck, 0, NULL},
    {NULL},
};

static const KaaGetSetDef union_getsets[] = {
    {"__args__", get_args, NULL, NULL},
    {"__parameters__", union_parameters, NULL, "Type variables in the types.UnionType."},
    {NULL},
};

KaaType kaa_union_type = {
    .ob = {&kaa_type_type},
    .name = "types.UnionType",
    .instance_size = sizeof(Union),
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .binary = {[KAA_OP_OR] = kaa_union_or},
    .getitem = union_getitem,
    .methods = union_methods,
    .getsets = union_getsets,
};
