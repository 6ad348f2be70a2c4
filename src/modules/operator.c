// modules/operator.c — the _operator module: the operator functions (add, getitem, ...) and
// the itemgetter, attrgetter and methodcaller classes that operator.py re-exports.
//
// Stage: modules. Each function is a thin call into the protocol of abstract.c (the same path
// the VM takes for the operator), so `map(operator.add, a, b)` costs one C call per item.
// Messages follow CPython's: METH_O functions say "_operator.NAME() takes exactly one argument",
// the others "NAME expected 2 arguments, got 1".
#include "modules/coremods.h"
#include "vm/vm.h"

#define OP_FUNC(name) \
    static KaaValue op_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw)

// METH_O functions: one positional argument, no keywords.
static void one_arg(const char *name, size_t nargs, KaaTuple *kw) {
    cm_no_kw(name, kw);
    kaa_args_count(name, nargs, 1, 1);
}

static void two_args(const char *name, size_t nargs, KaaTuple *kw) {
    cm_no_kw(name, kw);
    cm_check_positional(name, nargs, 2, 2);
}

// ---- the functions --------------------------------------------------------------------------------

#define UNARY(name, expr)                          \
    OP_FUNC(name) {                                \
        one_arg("_operator." #name, nargs, kw);    \
        KaaValue a = args[0];                      \
        return expr;                               \
    }
UNARY(truth, kaa_bool(kaa_truthy(a)))
UNARY(not_, kaa_bool(!kaa_truthy(a)))
UNARY(abs, kaa_abs(a))
UNARY(inv, kaa_invert(a))
UNARY(invert, kaa_invert(a))
UNARY(neg, kaa_neg(a))
UNARY(pos, kaa_pos(a))
UNARY(index, kaa_index(a))

#define BINARY(name, opcode)                                         \
    OP_FUNC(name) {                                                  \
        two_args(#name, nargs, kw);                                  \
        return kaa_binary_op(args[0], args[1], opcode);              \
    }                                                                \
    OP_FUNC(i##name) {                                               \
        two_args("i" #name, nargs, kw);                              \
        return kaa_inplace_op(args[0], args[1], opcode);             \
    }
BINARY(add, KAA_OP_ADD)
BINARY(sub, KAA_OP_SUB)
BINARY(mul, KAA_OP_MUL)
BINARY(matmul, KAA_OP_MATMUL)
BINARY(floordiv, KAA_OP_FLOORDIV)
BINARY(truediv, KAA_OP_TRUEDIV)
BINARY(mod, KAA_OP_MOD)
BINARY(lshift, KAA_OP_LSHIFT)
BINARY(rshift, KAA_OP_RSHIFT)
BINARY(pow, KAA_OP_POW)

// and_, or_, xor are spelled with an underscore; their in-place forms are not.
#define BINARY_US(name, iname, opcode)                               \
    OP_FUNC(name##_) {                                               \
        two_args(#name "_", nargs, kw);                              \
        return kaa_binary_op(args[0], args[1], opcode);              \
    }                                                                \
    OP_FUNC(iname) {                                                 \
        two_args(#iname, nargs, kw);                                 \
        return kaa_inplace_op(args[0], args[1], opcode);             \
    }
BINARY_US(and, iand, KAA_OP_AND)
BINARY_US(or, ior, KAA_OP_OR)
OP_FUNC(xor) {
    two_args("xor", nargs, kw);
    return kaa_binary_op(args[0], args[1], KAA_OP_XOR);
}
OP_FUNC(ixor) {
    two_args("ixor", nargs, kw);
    return kaa_inplace_op(args[0], args[1], KAA_OP_XOR);
}

#define COMPARE(name, op)                                            \
    OP_FUNC(name) {                                                  \
        two_args(#name, nargs, kw);                                  \
        return kaa_richcompare(args[0], args[1], op);                \
    }
COMPARE(lt, KAA_LT)
COMPARE(le, KAA_LE)
COMPARE(eq, KAA_EQ)
COMPARE(ne, KAA_NE)
COMPARE(gt, KAA_GT)
COMPARE(ge, KAA_GE)

OP_FUNC(is_) {
    two_args("is_", nargs, kw);
    return kaa_bool(args[0] == args[1]);
}

OP_FUNC(is_not) {
    two_args("is_not", nargs, kw);
    return kaa_bool(args[0] != args[1]);
}

OP_FUNC(contains) {
    two_args("contains", nargs, kw);
    return kaa_bool(kaa_contains(args[0], args[1]));
}

OP_FUNC(getitem) {
    two_args("getitem", nargs, kw);
    return kaa_getitem(args[0], args[1]);
}

OP_FUNC(setitem) {
    cm_no_kw("setitem", kw);
    cm_check_positional("setitem", nargs, 3, 3);
    kaa_setitem(args[0], args[1], args[2]);
    return kaa_None;
}

OP_FUNC(delitem) {
    two_args("delitem", nargs, kw);
    kaa_delitem(args[0], args[1]);
    return kaa_None;
}

// PySequence_Check: item access, and not a mapping.
static void check_sequence(KaaValue a) {
    KaaType *t = kaa_type_of(a);
    if (t->getitem == NULL || kaa_is_dict(a)) {
        kaa_raise_type_error("'%s' object can't be concatenated", t->name);
    }
}

OP_FUNC(concat) {
    two_args("concat", nargs, kw);
    check_sequence(args[0]);
    return kaa_binary_op(args[0], args[1], KAA_OP_ADD);
}

OP_FUNC(iconcat) {
    two_args("iconcat", nargs, kw);
    check_sequence(args[0]);
    return kaa_inplace_op(args[0], args[1], KAA_OP_ADD);
}

OP_FUNC(countOf) {
    two_args("countOf", nargs, kw);
    if (kaa_type_of(args[0])->iter == NULL && kaa_type_of(args[0])->getitem == NULL) {
        kaa_raise_type_error("argument of type '%s' is not iterable",
                             kaa_type_name_of(args[0]));
    }
    KaaValue it = kaa_iter(args[0]);
    int64_t n = 0;
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        n += kaa_eq(v, args[1]);
    }
    return kaa_int_from_i64(n);
}

OP_FUNC(indexOf) {
    two_args("indexOf", nargs, kw);
    KaaValue it = kaa_iter(args[0]);
    int64_t i = 0;
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL; i++) {
        if (kaa_eq(v, args[1])) {
            return kaa_int_from_i64(i);
        }
    }
    kaa_raise_value_error("sequence.index(x): x not in sequence");
}

// length_hint(obj, default=0): len(obj), else obj.__length_hint__(), else default.
OP_FUNC(length_hint) {
    cm_no_kw("length_hint", kw);
    cm_check_positional("length_hint", nargs, 1, 2);
    int64_t dflt = nargs > 1 ? cm_ssize(args[1]) : 0;
    return kaa_int_from_i64(kaa_length_hint(args[0], dflt));
}

OP_FUNC(call) {
    if (nargs < 1) {
        kaa_raise_type_error("call() missing 1 required positional argument: 'obj'");
    }
    return kaa_call(args[0], args + 1, nargs - 1, kw);
}

// A constant-time comparison of two ASCII strs or two bytes-like objects.
static bool digest_view(KaaValue v, const uint8_t **data, size_t *len) {
    if (kaa_is_str(v)) {
        KaaStr *s = kaa_str(v);
        if (!s->ascii) {
            kaa_raise_type_error("comparing strings with non-ASCII characters is not supported");
        }
        *data = s->data;
        *len = s->len;
        return true;
    }
    return kaa_buffer_get(v, data, len);
}

OP_FUNC(compare_digest) {
    two_args("_compare_digest", nargs, kw);
    const uint8_t *a, *b;
    size_t la, lb;
    bool both_str = kaa_is_str(args[0]) && kaa_is_str(args[1]);
    bool any_str = kaa_is_str(args[0]) || kaa_is_str(args[1]);
    if ((any_str && !both_str) || !digest_view(args[0], &a, &la) ||
        !digest_view(args[1], &b, &lb)) {
        kaa_raise_type_error("unsupported operand types(s) or combination of types: '%s' and "
                             "'%s'", kaa_type_name_of(args[0]), kaa_type_name_of(args[1]));
    }
    // Always walk all of b, so the time depends only on b's length.
    const uint8_t *left = la == lb ? a : b;
    unsigned result = la == lb ? 0 : 1;
    for (size_t i = 0; i < lb; i++) {
        result |= (unsigned)(left[i] ^ b[i]);
    }
    return kaa_bool(result == 0);
}

// ---- itemgetter -------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaTuple *items;
} ItemGetter;

static KaaValue itemgetter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("itemgetter", kw);
    if (nargs < 1) {
        kaa_raise_type_error("itemgetter expected 1 argument, got 0");
    }
    ItemGetter *g = cm_new(type);
    g->items = kaa_tuple_from_array(args, nargs);
    return kaa_from_obj(g);
}

static KaaValue itemgetter_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("itemgetter", kw);
    cm_check_positional("itemgetter", nargs, 1, 1);
    KaaTuple *items = ((ItemGetter *)kaa_obj(self))->items;
    KaaValue obj = args[0];
    if (items->len == 1) {
        return kaa_getitem(obj, items->items[0]);
    }
    KaaTuple *r = kaa_tuple_new((size_t)items->len);
    for (int64_t i = 0; i < items->len; i++) {
        r->items[i] = kaa_getitem(obj, items->items[i]);
    }
    return kaa_from_obj(r);
}

// "operator.itemgetter(1, 'a')": the type's name and the arguments' reprs.
static KaaValue args_repr(KaaValue self, KaaTuple *items, size_t skip) {
    if (kaa_repr_enter(self)) {
        return kaa_str_printf("%s(...)", kaa_type_name_of(self));
    }
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, kaa_type_name_of(self));
    kaa_strbuf_putc(&b, '(');
    for (int64_t i = (int64_t)skip; i < items->len; i++) {
        if (i > (int64_t)skip) {
            kaa_strbuf_puts(&b, ", ");
        }
        kaa_strbuf_putstr(&b, kaa_repr(items->items[i]));
    }
    kaa_repr_leave(self);
    return kaa_strbuf_finish(&b);
}

static KaaValue close_paren(KaaValue s) { return kaa_str_concat(s, kaa_str_from_cstr(")")); }

static KaaValue itemgetter_repr(KaaValue self) {
    return close_paren(args_repr(self, ((ItemGetter *)kaa_obj(self))->items, 0));
}

static KaaValue itemgetter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(kaa_type_of(self)),
                                       kaa_from_obj(((ItemGetter *)kaa_obj(self))->items)));
}

static const KaaMethodDef itemgetter_methods[] = {
    {"__reduce__", itemgetter_reduce, 0, "Return state information for pickling"},
    {NULL},
};

static KaaType itemgetter_type = {
    .ob = {&kaa_type_type},
    .name = "operator.itemgetter",
    .instance_size = sizeof(ItemGetter),
    .repr = itemgetter_repr,
    .call = itemgetter_call,
    .new_ = itemgetter_new,
    .methods = itemgetter_methods,
};

// ---- attrgetter -------------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaTuple *names;  // the names as given (for repr and reduce)
    KaaTuple *paths;  // per name: a tuple of interned components
} AttrGetter;

static KaaValue split_path(KaaValue name) {
    KaaStr *s = kaa_str(name);
    KaaList *parts = kaa_list_new(0);
    size_t start = 0;
    for (size_t i = 0; i <= s->len; i++) {
        if (i == s->len || kaa_str_char(s, i) == '.') {
            kaa_list_append(parts, kaa_str_intern(kaa_str_substr(name, start, i)));
            start = i + 1;
        }
    }
    return kaa_from_obj(kaa_tuple_from_array(parts->items, (size_t)parts->len));
}

static KaaValue attrgetter_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("attrgetter", kw);
    if (nargs < 1) {
        kaa_raise_type_error("attrgetter expected 1 argument, got 0");
    }
    AttrGetter *g = cm_new(type);
    g->names = kaa_tuple_from_array(args, nargs);
    g->paths = kaa_tuple_new(nargs);
    for (size_t i = 0; i < nargs; i++) {
        if (!kaa_is_str(args[i])) {
            kaa_raise_type_error("attribute name must be a string");
        }
        g->paths->items[i] = split_path(args[i]);
    }
    return kaa_from_obj(g);
}

static KaaValue get_path(KaaValue obj, KaaValue path) {
    KaaTuple *p = kaa_tuple(path);
    for (int64_t i = 0; i < p->len; i++) {
        obj = kaa_getattr(obj, p->items[i]);
    }
    return obj;
}

static KaaValue attrgetter_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("attrgetter", kw);
    cm_check_positional("attrgetter", nargs, 1, 1);
    KaaTuple *paths = ((AttrGetter *)kaa_obj(self))->paths;
    if (paths->len == 1) {
        return get_path(args[0], paths->items[0]);
    }
    KaaTuple *r = kaa_tuple_new((size_t)paths->len);
    for (int64_t i = 0; i < paths->len; i++) {
        r->items[i] = get_path(args[0], paths->items[i]);
    }
    return kaa_from_obj(r);
}

static KaaValue attrgetter_repr(KaaValue self) {
    return close_paren(args_repr(self, ((AttrGetter *)kaa_obj(self))->names, 0));
}

static KaaValue attrgetter_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(kaa_type_of(self)),
                                       kaa_from_obj(((AttrGetter *)kaa_obj(self))->names)));
}

static const KaaMethodDef attrgetter_methods[] = {
    {"__reduce__", attrgetter_reduce, 0, "Return state information for pickling"},
    {NULL},
};

static KaaType attrgetter_type = {
    .ob = {&kaa_type_type},
    .name = "operator.attrgetter",
    .instance_size = sizeof(AttrGetter),
    .repr = attrgetter_repr,
    .call = attrgetter_call,
    .new_ = attrgetter_new,
    .methods = attrgetter_methods,
};

// ---- methodcaller -----------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue name;     // interned
    KaaTuple *args;    // positional arguments, then the keyword values
    size_t nargs;
    KaaTuple *kwnames; // NULL when none
} MethodCaller;

static KaaValue methodcaller_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs < 1) {
        kaa_raise_type_error("methodcaller needs at least one argument, the method name");
    }
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("method name must be a string");
    }
    MethodCaller *m = cm_new(type);
    m->name = kaa_str_intern(args[0]);
    m->nargs = nargs - 1;
    m->args = kaa_tuple_from_array(args + 1, nargs - 1 + KAA_NKW(kw));
    m->kwnames = KAA_NKW(kw) ? kw : NULL;
    return kaa_from_obj(m);
}

static KaaValue methodcaller_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_no_kw("methodcaller", kw);
    cm_check_positional("methodcaller", nargs, 1, 1);
    MethodCaller *m = (MethodCaller *)kaa_obj(self);
    KaaValue method = kaa_getattr(args[0], m->name);
    return kaa_call(method, m->args->items, m->nargs, m->kwnames);
}

static KaaValue methodcaller_repr(KaaValue self) {
    MethodCaller *m = (MethodCaller *)kaa_obj(self);
    if (kaa_repr_enter(self)) {
        return kaa_str_printf("%s(...)", kaa_type_name_of(self));
    }
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_puts(&b, kaa_type_name_of(self));
    kaa_strbuf_putc(&b, '(');
    kaa_strbuf_putstr(&b, kaa_repr(m->name));
    for (size_t i = 0; i < m->nargs; i++) {
        kaa_strbuf_puts(&b, ", ");
        kaa_strbuf_putstr(&b, kaa_repr(m->args->items[i]));
    }
    for (int64_t i = 0; i < KAA_NKW(m->kwnames); i++) {
        kaa_strbuf_puts(&b, ", ");
        kaa_strbuf_putstr(&b, m->kwnames->items[i]);
        kaa_strbuf_putc(&b, '=');
        kaa_strbuf_putstr(&b, kaa_repr(m->args->items[m->nargs + (size_t)i]));
    }
    kaa_strbuf_putc(&b, ')');
    kaa_repr_leave(self);
    return kaa_strbuf_finish(&b);
}

// (type, (name, *args)) or, with keywords, (partial(type, name, **kw), args).
static KaaValue methodcaller_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    MethodCaller *m = (MethodCaller *)kaa_obj(self);
    KaaValue type = kaa_from_obj(kaa_type_of(self));
    if (m->kwnames == NULL) {
        KaaTuple *t = kaa_tuple_new(m->nargs + 1);
        t->items[0] = m->name;
        memcpy(t->items + 1, m->args->items, sizeof(KaaValue) * m->nargs);
        return kaa_from_obj(kaa_tuple_pack(2, type, kaa_from_obj(t)));
    }
    KaaValue modname = kaa_str_from_cstr("functools");
    KaaValue functools = kaa_builtin_import(KAA_NULL, &modname, 1, NULL);
    KaaValue partial = kaa_getattr_cstr(functools, "partial");
    size_t nkw = (size_t)m->kwnames->len;
    KaaValue *pargs = kaa_alloc(sizeof(KaaValue) * (2 + nkw));
    pargs[0] = type;
    pargs[1] = m->name;
    memcpy(pargs + 2, m->args->items + m->nargs, sizeof(KaaValue) * nkw);
    KaaValue p = kaa_call(partial, pargs, 2, m->kwnames);
    KaaValue pos = kaa_from_obj(kaa_tuple_from_array(m->args->items, m->nargs));
    return kaa_from_obj(kaa_tuple_pack(2, p, pos));
}

static const KaaMethodDef methodcaller_methods[] = {
    {"__reduce__", methodcaller_reduce, 0, "Return state information for pickling"},
    {NULL},
};

static KaaType methodcaller_type = {
    .ob = {&kaa_type_type},
    .name = "operator.methodcaller",
    .instance_size = sizeof(MethodCaller),
    .repr = methodcaller_repr,
    .call = methodcaller_call,
    .new_ = methodcaller_new,
    .methods = methodcaller_methods,
};

// ---- the module -------------------------------------------------------------------------------

#define F(name) {#name, op_##name, 0, NULL}
static const KaaMethodDef operator_methods[] = {
    F(truth), F(not_), F(abs), F(inv), F(invert), F(neg), F(pos), F(index),
    F(add), F(sub), F(mul), F(matmul), F(floordiv), F(truediv), F(mod), F(lshift), F(rshift),
    F(pow), F(and_), F(or_), F(xor),
    F(iadd), F(isub), F(imul), F(imatmul), F(ifloordiv), F(itruediv), F(imod), F(ilshift),
    F(irshift), F(ipow), F(iand), F(ior), F(ixor),
    F(lt), F(le), F(eq), F(ne), F(gt), F(ge), F(is_), F(is_not),
    F(contains), F(getitem), F(setitem), F(delitem), F(concat), F(iconcat), F(countOf),
    F(indexOf), F(length_hint), F(call),
    {"_compare_digest", op_compare_digest, 0, NULL},
    {NULL},
};
#undef F

KaaValue kaa_operator_init(void) {
    kaa_type_ready(&itemgetter_type);
    kaa_type_ready(&attrgetter_type);
    kaa_type_ready(&methodcaller_type);
    KaaValue m = kaa_module_new_cstr("_operator");
    kaa_module_add_methods(m, operator_methods);
    kaa_module_add(m, "itemgetter", kaa_from_obj(&itemgetter_type));
    kaa_module_add(m, "attrgetter", kaa_from_obj(&attrgetter_type));
    kaa_module_add(m, "methodcaller", kaa_from_obj(&methodcaller_type));
    kaa_module_add(m, "__doc__", kaa_str_from_cstr(
        "Operator interface.\n\nThis module exports a set of functions implemented in C "
        "corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)"
        "\nis equivalent to the expression x+y.  The function names are those\nused for special"
        " methods; variants without leading and trailing\n'__' are also provided for "
        "convenience."));
    return m;
}
