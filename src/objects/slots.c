// objects/slots.c — special methods and type slots, both directions.
//
// Stage: objects. A built-in type fills C slots (repr, binary[KAA_OP_ADD], len, ...); here
// each filled slot becomes a wrapper descriptor in the type's dict (`int.__add__`), so Python
// code sees it. A class statement goes the other way: when a class (or a base) defines
// `__add__` in Python, its binary[KAA_OP_ADD] slot becomes a dispatcher that calls it, while
// slots whose method is a built-in base's wrapper keep that base's C function (fast).
#include <string.h>

#include "objects/slots.h"
#include "vm/vm.h"

typedef enum {
    W_UNARY,       // KaaValue f(KaaValue)
    W_BINARY,      // binary[op](self, other)
    W_RBINARY,     // binary[op](other, self)
    W_INPLACE,     // inplace[op](self, other)
    W_POW,         // __pow__(self, other, mod=None)
    W_RPOW,
    W_HASH, W_LEN, W_TRUTH, W_RICHCMP, W_GETATTRO, W_GETATTR_HOOK, W_SETATTR, W_DELATTR,
    W_CALL, W_NEXT, W_GETITEM, W_SETITEM, W_DELITEM, W_CONTAINS, W_DESCR_GET, W_DESCR_SET,
    W_DESCR_DELETE, W_INIT,
} WrapKind;

typedef struct SlotDef {
    const char *name;
    WrapKind kind;
    size_t offset;   // of the slot in KaaType
    int op;          // binary operator or comparison
    void *dispatch;  // the slot function that calls the Python method
    KaaValue id;     // interned name, filled at start-up
} SlotDef;

#define SLOT_OFF(field) offsetof(KaaType, field)
#define BIN_OFF(op) (offsetof(KaaType, binary) + sizeof(void *) * (op))
#define INPLACE_OFF(op) (offsetof(KaaType, inplace) + sizeof(void *) * (op))

// ---- dispatchers: slots of classes that define special methods in Python ----------------------

KaaValue kaa_call_special(KaaValue self, KaaValue name, KaaValue *args, size_t nargs) {
    KaaValue attr = kaa_type_lookup(kaa_type_of(self), name);
    if (attr == KAA_NULL) {
        return KAA_NULL;
    }
    KaaType *at = kaa_type_of(attr);
    if (kaa_type_has(at, KAA_TPFLAG_METHOD_DESCRIPTOR)) {
        KaaValue argv[8];
        KaaValue *full = nargs + 1 <= 8 ? argv : kaa_alloc((nargs + 1) * sizeof(KaaValue));
        full[0] = self;
        if (nargs > 0) {  // memcpy from NULL is undefined even for 0 bytes
            memcpy(full + 1, args, nargs * sizeof(KaaValue));
        }
        return kaa_call(attr, full, nargs + 1, NULL);
    }
    if (at->descr_get != NULL) {
        attr = at->descr_get(attr, self, kaa_from_obj(kaa_type_of(self)));
    }
    return kaa_call(attr, args, nargs, NULL);
}

static KaaValue call_special_checked(KaaValue self, KaaValue name, KaaValue *args,
                                     size_t nargs) {
    KaaValue r = kaa_call_special(self, name, args, nargs);
    if (r == KAA_NULL) {
        kaa_raise_attribute_error(self, name);
    }
    return r;
}

static KaaValue call0(KaaValue self, KaaValue name) {
    return call_special_checked(self, name, NULL, 0);
}

#define UNARY_DISPATCH(fn, id) \
    static KaaValue fn(KaaValue self) { return call0(self, KAA_ID(id)); }
UNARY_DISPATCH(slot_repr, __repr__)
UNARY_DISPATCH(slot_str, __str__)
// A class may set __iter__ = None to declare itself not iterable.
static KaaValue slot_iter(KaaValue self) {
    KaaValue attr = kaa_type_lookup(kaa_type_of(self), KAA_ID(__iter__));
    if (attr == kaa_None) {
        kaa_raise_type_error("'%s' object is not iterable", kaa_type_name_of(self));
    }
    return call0(self, KAA_ID(__iter__));
}
UNARY_DISPATCH(slot_neg, __neg__)
UNARY_DISPATCH(slot_pos, __pos__)
UNARY_DISPATCH(slot_abs, __abs__)
UNARY_DISPATCH(slot_invert, __invert__)
UNARY_DISPATCH(slot_int, __int__)
UNARY_DISPATCH(slot_float, __float__)
UNARY_DISPATCH(slot_index, __index__)

static KaaValue slot_next(KaaValue self) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue r = call0(self, KAA_ID(__next__));
        kaa_handler_pop(&h);
        return r;
    }
    kaa_ts.frame = h.frame;
    if (kaa_exc_matches(h.exc, kaa_StopIteration)) {
        return KAA_NULL;
    }
    kaa_reraise(h.exc);
}

static int64_t slot_hash(KaaValue self) {
    KaaValue r = call0(self, KAA_ID(__hash__));
    if (!kaa_is_int_like(r)) {
        kaa_raise_type_error("__hash__ method should return an integer");
    }
    if (kaa_is_int(r)) {
        int64_t h = kaa_int_val(r);
        return h == -1 ? -2 : h;
    }
    return kaa_int_hash(r);  // a big int is reduced the way hash() reduces ints
}

static int64_t slot_len(KaaValue self) {
    KaaValue r = call0(self, KAA_ID(__len__));
    if (!kaa_is_int_like(r) && kaa_lookup_special(r, KAA_ID(__index__)) != KAA_NULL) {
        r = kaa_index(r);  // CPython accepts any __index__ result
    }
    if (!kaa_is_int_like(r)) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(r));
    }
    if (kaa_int_sign(r) < 0) {
        kaa_raise_value_error("__len__() should return >= 0");
    }
    int64_t n;
    if (!kaa_int_to_i64(r, &n)) {
        kaa_raise_overflow("cannot fit 'int' into an index-sized integer");
    }
    return n;
}

static int slot_truth(KaaValue self) {
    KaaValue r = kaa_call_special(self, KAA_ID(__bool__), NULL, 0);
    if (r == KAA_NULL) {
        return slot_len(self) != 0;
    }
    if (!kaa_is_type(r, &kaa_bool_type)) {
        kaa_raise_type_error("__bool__ should return bool, returned %s", kaa_type_name_of(r));
    }
    return r == kaa_True;
}

static const KaaNameId cmp_ids[6] = {
    KAA_ID___lt__, KAA_ID___le__, KAA_ID___eq__, KAA_ID___ne__, KAA_ID___gt__, KAA_ID___ge__,
};

static KaaValue slot_richcompare(KaaValue a, KaaValue b, int op) {
    KaaValue r = kaa_call_special(a, kaa_ids[cmp_ids[op]], &b, 1);
    return r == KAA_NULL ? kaa_NotImplemented : r;
}

static KaaValue slot_getattr_hook(KaaValue self, KaaValue name);

static KaaValue slot_call(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue attr = kaa_type_lookup(kaa_type_of(self), KAA_ID(__call__));
    if (attr == KAA_NULL) {
        kaa_raise_type_error("'%s' object is not callable", kaa_type_name_of(self));
    }
    size_t total = nargs + KAA_NKW(kwnames);
    KaaValue *full = kaa_alloc((total + 1) * sizeof(KaaValue));
    full[0] = self;
    memcpy(full + 1, args, total * sizeof(KaaValue));
    if (kaa_type_has(kaa_type_of(attr), KAA_TPFLAG_METHOD_DESCRIPTOR)) {
        return kaa_call(attr, full, nargs + 1, kwnames);
    }
    KaaType *at = kaa_type_of(attr);
    if (at->descr_get != NULL) {
        attr = at->descr_get(attr, self, kaa_from_obj(kaa_type_of(self)));
    }
    return kaa_call(attr, args, nargs, kwnames);
}

static void slot_setattr(KaaValue self, KaaValue name, KaaValue value) {
    if (value == KAA_NULL) {
        KaaValue r = kaa_call_special(self, KAA_ID(__delattr__), &name, 1);
        (void)r;
        return;
    }
    KaaValue args[2] = {name, value};
    kaa_call_special(self, KAA_ID(__setattr__), args, 2);
}

static KaaValue slot_getitem(KaaValue self, KaaValue key) {
    KaaValue r = kaa_call_special(self, KAA_ID(__getitem__), &key, 1);
    if (r == KAA_NULL) {
        kaa_raise_type_error("'%s' object is not subscriptable", kaa_type_name_of(self));
    }
    return r;
}

static void slot_setitem(KaaValue self, KaaValue key, KaaValue value) {
    KaaValue r;
    if (value == KAA_NULL) {
        r = kaa_call_special(self, KAA_ID(__delitem__), &key, 1);
        if (r == KAA_NULL) {
            kaa_raise_attribute_error(self, KAA_ID(__delitem__));
        }
        return;
    }
    KaaValue args[2] = {key, value};
    r = kaa_call_special(self, KAA_ID(__setitem__), args, 2);
    if (r == KAA_NULL) {
        kaa_raise_attribute_error(self, KAA_ID(__setitem__));
    }
}

static int slot_contains(KaaValue self, KaaValue item) {
    KaaValue attr = kaa_type_lookup(kaa_type_of(self), KAA_ID(__contains__));
    if (attr == KAA_NULL || attr == kaa_None) {
        // A class may set __contains__ = None to forbid `in`.
        kaa_raise_type_error("'%s' object is not a container", kaa_type_name_of(self));
    }
    return kaa_truthy(kaa_call_special(self, KAA_ID(__contains__), &item, 1));
}

static KaaValue slot_descr_get(KaaValue descr, KaaValue obj, KaaValue type) {
    KaaValue args[2] = {obj == KAA_NULL ? kaa_None : obj, type == KAA_NULL ? kaa_None : type};
    return call_special_checked(descr, KAA_ID(__get__), args, 2);
}

static void slot_descr_set(KaaValue descr, KaaValue obj, KaaValue value) {
    if (value == KAA_NULL) {
        if (kaa_call_special(descr, KAA_ID(__delete__), &obj, 1) == KAA_NULL) {
            kaa_raise_attribute_error(descr, KAA_ID(__delete__));
        }
        return;
    }
    KaaValue args[2] = {obj, value};
    if (kaa_call_special(descr, KAA_ID(__set__), args, 2) == KAA_NULL) {
        kaa_raise_attribute_error(descr, KAA_ID(__set__));
    }
}

static void slot_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue attr = kaa_type_lookup(kaa_type_of(self), KAA_ID(__init__));
    size_t total = nargs + KAA_NKW(kwnames);
    KaaValue argv[8];
    KaaValue *full = total + 1 <= 8 ? argv : kaa_alloc((total + 1) * sizeof(KaaValue));
    full[0] = self;
    memcpy(full + 1, args, total * sizeof(KaaValue));
    KaaValue r;
    if (kaa_type_has(kaa_type_of(attr), KAA_TPFLAG_METHOD_DESCRIPTOR)) {
        r = kaa_call(attr, full, nargs + 1, kwnames);
    } else {
        KaaType *at = kaa_type_of(attr);
        if (at->descr_get != NULL) {
            attr = at->descr_get(attr, self, kaa_from_obj(kaa_type_of(self)));
        }
        r = kaa_call(attr, args, nargs, kwnames);
    }
    if (r != kaa_None) {
        kaa_raise_type_error("__init__() should return None, not '%s'", kaa_type_name_of(r));
    }
}

static KaaValue slot_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue fn = kaa_type_lookup(type, KAA_ID(__new__));
    if (kaa_is_type(fn, &kaa_staticmethod_type)) {
        fn = ((KaaStaticMethod *)kaa_obj(fn))->func;
    }
    size_t total = nargs + KAA_NKW(kwnames);
    KaaValue *full = kaa_alloc((total + 1) * sizeof(KaaValue));
    full[0] = kaa_from_obj(type);
    memcpy(full + 1, args, total * sizeof(KaaValue));
    return kaa_call(fn, full, nargs + 1, kwnames);
}

// ---- binary operators -------------------------------------------------------------------------

typedef struct {
    KaaNameId op, rop, iop;
} OpNames;
static const OpNames op_names[KAA_BINOP_COUNT] = {
    [KAA_OP_ADD] = {KAA_ID___add__, KAA_ID___radd__, KAA_ID___iadd__},
    [KAA_OP_AND] = {KAA_ID___and__, KAA_ID___rand__, KAA_ID___iand__},
    [KAA_OP_FLOORDIV] = {KAA_ID___floordiv__, KAA_ID___rfloordiv__, KAA_ID___ifloordiv__},
    [KAA_OP_LSHIFT] = {KAA_ID___lshift__, KAA_ID___rlshift__, KAA_ID___ilshift__},
    [KAA_OP_MATMUL] = {KAA_ID___matmul__, KAA_ID___rmatmul__, KAA_ID___imatmul__},
    [KAA_OP_MUL] = {KAA_ID___mul__, KAA_ID___rmul__, KAA_ID___imul__},
    [KAA_OP_MOD] = {KAA_ID___mod__, KAA_ID___rmod__, KAA_ID___imod__},
    [KAA_OP_OR] = {KAA_ID___or__, KAA_ID___ror__, KAA_ID___ior__},
    [KAA_OP_POW] = {KAA_ID___pow__, KAA_ID___rpow__, KAA_ID___ipow__},
    [KAA_OP_RSHIFT] = {KAA_ID___rshift__, KAA_ID___rrshift__, KAA_ID___irshift__},
    [KAA_OP_SUB] = {KAA_ID___sub__, KAA_ID___rsub__, KAA_ID___isub__},
    [KAA_OP_TRUEDIV] = {KAA_ID___truediv__, KAA_ID___rtruediv__, KAA_ID___itruediv__},
    [KAA_OP_XOR] = {KAA_ID___xor__, KAA_ID___rxor__, KAA_ID___ixor__},
    [KAA_OP_DIVMOD] = {KAA_ID___divmod__, KAA_ID___rdivmod__, KAA_ID_COUNT},
};

static KaaValue (*const binary_dispatchers[KAA_BINOP_COUNT])(KaaValue, KaaValue);

// Whether type t's own (most derived) definition of `name` differs from base's.
static bool overrides(KaaType *t, KaaType *base, KaaValue name) {
    KaaValue mine = kaa_type_lookup(t, name);
    return mine != KAA_NULL && mine != kaa_type_lookup(base, name);
}

// CPython's order: the right operand first when its type is a proper subclass of the left's
// that overrides the reflected method; then the left operand's method, then the right's.
static KaaValue slot_binary(KaaValue a, KaaValue b, int op) {
    KaaType *ta = kaa_type_of(a), *tb = kaa_type_of(b);
    KaaValue (*me)(KaaValue, KaaValue) = binary_dispatchers[op];
    KaaValue rname = kaa_ids[op_names[op].rop];
    bool do_other = ta != tb && tb->binary[op] == me;
    if (ta->binary[op] == me) {
        if (do_other && kaa_is_subtype(tb, ta) && overrides(tb, ta, rname)) {
            KaaValue r = kaa_call_special(b, rname, &a, 1);
            if (r != KAA_NULL && r != kaa_NotImplemented) {
                return r;
            }
            do_other = false;
        }
        KaaValue r = kaa_call_special(a, kaa_ids[op_names[op].op], &b, 1);
        if (r != KAA_NULL && (r != kaa_NotImplemented || ta == tb)) {
            return r;
        }
    }
    if (do_other) {
        KaaValue r = kaa_call_special(b, rname, &a, 1);
        if (r != KAA_NULL) {
            return r;
        }
    }
    return kaa_NotImplemented;
}

#define BINARY_DISPATCH(op) \
    static KaaValue slot_binary_##op(KaaValue a, KaaValue b) { return slot_binary(a, b, op); }
BINARY_DISPATCH(KAA_OP_ADD) BINARY_DISPATCH(KAA_OP_AND) BINARY_DISPATCH(KAA_OP_FLOORDIV)
BINARY_DISPATCH(KAA_OP_LSHIFT) BINARY_DISPATCH(KAA_OP_MATMUL) BINARY_DISPATCH(KAA_OP_MUL)
BINARY_DISPATCH(KAA_OP_MOD) BINARY_DISPATCH(KAA_OP_OR) BINARY_DISPATCH(KAA_OP_POW)
BINARY_DISPATCH(KAA_OP_RSHIFT) BINARY_DISPATCH(KAA_OP_SUB) BINARY_DISPATCH(KAA_OP_TRUEDIV)
BINARY_DISPATCH(KAA_OP_XOR) BINARY_DISPATCH(KAA_OP_DIVMOD)

static KaaValue (*const binary_dispatchers[KAA_BINOP_COUNT])(KaaValue, KaaValue) = {
    slot_binary_KAA_OP_ADD, slot_binary_KAA_OP_AND, slot_binary_KAA_OP_FLOORDIV,
    slot_binary_KAA_OP_LSHIFT, slot_binary_KAA_OP_MATMUL, slot_binary_KAA_OP_MUL,
    slot_binary_KAA_OP_MOD, slot_binary_KAA_OP_OR, slot_binary_KAA_OP_POW,
    slot_binary_KAA_OP_RSHIFT, slot_binary_KAA_OP_SUB, slot_binary_KAA_OP_TRUEDIV,
    slot_binary_KAA_OP_XOR, slot_binary_KAA_OP_DIVMOD,
};

#define INPLACE_DISPATCH(op, id)                                          \
    static KaaValue slot_inplace_##id(KaaValue a, KaaValue b) {           \
        KaaValue r = kaa_call_special(a, KAA_ID(id), &b, 1);             \
        return r == KAA_NULL ? kaa_NotImplemented : r;                    \
    }
INPLACE_DISPATCH(KAA_OP_ADD, __iadd__) INPLACE_DISPATCH(KAA_OP_AND, __iand__)
INPLACE_DISPATCH(KAA_OP_FLOORDIV, __ifloordiv__) INPLACE_DISPATCH(KAA_OP_LSHIFT, __ilshift__)
INPLACE_DISPATCH(KAA_OP_MATMUL, __imatmul__) INPLACE_DISPATCH(KAA_OP_MUL, __imul__)
INPLACE_DISPATCH(KAA_OP_MOD, __imod__) INPLACE_DISPATCH(KAA_OP_OR, __ior__)
INPLACE_DISPATCH(KAA_OP_POW, __ipow__) INPLACE_DISPATCH(KAA_OP_RSHIFT, __irshift__)
INPLACE_DISPATCH(KAA_OP_SUB, __isub__) INPLACE_DISPATCH(KAA_OP_TRUEDIV, __itruediv__)
INPLACE_DISPATCH(KAA_OP_XOR, __ixor__)

static KaaValue slot_power3(KaaValue a, KaaValue b, KaaValue mod) {
    if (mod == kaa_None) {
        return slot_binary(a, b, KAA_OP_POW);
    }
    // Three-argument pow() never tries the reflected method (as in CPython).
    KaaValue args[2] = {b, mod};
    KaaValue r = kaa_call_special(a, KAA_ID(__pow__), args, 2);
    return r == KAA_NULL ? kaa_NotImplemented : r;
}

// ---- the table ----------------------------------------------------------------------------------

#define BINOP_ROWS(op, name, rname, iname, inplace_fn)                                   \
    {name, W_BINARY, BIN_OFF(op), op, slot_binary_##op, 0},                              \
    {rname, W_RBINARY, BIN_OFF(op), op, slot_binary_##op, 0},                            \
    {iname, W_INPLACE, INPLACE_OFF(op), op, inplace_fn, 0},

static SlotDef slotdefs[] = {
    {"__repr__", W_UNARY, SLOT_OFF(repr), 0, slot_repr, 0},
    {"__str__", W_UNARY, SLOT_OFF(str), 0, slot_str, 0},
    {"__hash__", W_HASH, SLOT_OFF(hash), 0, slot_hash, 0},
    {"__lt__", W_RICHCMP, SLOT_OFF(richcompare), KAA_LT, slot_richcompare, 0},
    {"__le__", W_RICHCMP, SLOT_OFF(richcompare), KAA_LE, slot_richcompare, 0},
    {"__eq__", W_RICHCMP, SLOT_OFF(richcompare), KAA_EQ, slot_richcompare, 0},
    {"__ne__", W_RICHCMP, SLOT_OFF(richcompare), KAA_NE, slot_richcompare, 0},
    {"__gt__", W_RICHCMP, SLOT_OFF(richcompare), KAA_GT, slot_richcompare, 0},
    {"__ge__", W_RICHCMP, SLOT_OFF(richcompare), KAA_GE, slot_richcompare, 0},
    {"__getattribute__", W_GETATTRO, SLOT_OFF(getattr), 0, slot_getattr_hook, 0},
    {"__getattr__", W_GETATTR_HOOK, SLOT_OFF(getattr), 0, slot_getattr_hook, 0},
    {"__setattr__", W_SETATTR, SLOT_OFF(setattr), 0, slot_setattr, 0},
    {"__delattr__", W_DELATTR, SLOT_OFF(setattr), 0, slot_setattr, 0},
    {"__call__", W_CALL, SLOT_OFF(call), 0, slot_call, 0},
    {"__iter__", W_UNARY, SLOT_OFF(iter), 0, slot_iter, 0},
    {"__next__", W_NEXT, SLOT_OFF(next), 0, slot_next, 0},
    {"__get__", W_DESCR_GET, SLOT_OFF(descr_get), 0, slot_descr_get, 0},
    {"__set__", W_DESCR_SET, SLOT_OFF(descr_set), 0, slot_descr_set, 0},
    {"__delete__", W_DESCR_DELETE, SLOT_OFF(descr_set), 0, slot_descr_set, 0},
    {"__init__", W_INIT, SLOT_OFF(init), 0, slot_init, 0},
    BINOP_ROWS(KAA_OP_ADD, "__add__", "__radd__", "__iadd__", slot_inplace___iadd__)
    BINOP_ROWS(KAA_OP_SUB, "__sub__", "__rsub__", "__isub__", slot_inplace___isub__)
    BINOP_ROWS(KAA_OP_MUL, "__mul__", "__rmul__", "__imul__", slot_inplace___imul__)
    BINOP_ROWS(KAA_OP_MOD, "__mod__", "__rmod__", "__imod__", slot_inplace___imod__)
    BINOP_ROWS(KAA_OP_LSHIFT, "__lshift__", "__rlshift__", "__ilshift__",
               slot_inplace___ilshift__)
    BINOP_ROWS(KAA_OP_RSHIFT, "__rshift__", "__rrshift__", "__irshift__",
               slot_inplace___irshift__)
    BINOP_ROWS(KAA_OP_AND, "__and__", "__rand__", "__iand__", slot_inplace___iand__)
    BINOP_ROWS(KAA_OP_XOR, "__xor__", "__rxor__", "__ixor__", slot_inplace___ixor__)
    BINOP_ROWS(KAA_OP_OR, "__or__", "__ror__", "__ior__", slot_inplace___ior__)
    BINOP_ROWS(KAA_OP_FLOORDIV, "__floordiv__", "__rfloordiv__", "__ifloordiv__",
               slot_inplace___ifloordiv__)
    BINOP_ROWS(KAA_OP_TRUEDIV, "__truediv__", "__rtruediv__", "__itruediv__",
               slot_inplace___itruediv__)
    BINOP_ROWS(KAA_OP_MATMUL, "__matmul__", "__rmatmul__", "__imatmul__",
               slot_inplace___imatmul__)
    {"__pow__", W_POW, BIN_OFF(KAA_OP_POW), KAA_OP_POW, slot_binary_KAA_OP_POW, 0},
    {"__rpow__", W_RPOW, BIN_OFF(KAA_OP_POW), KAA_OP_POW, slot_binary_KAA_OP_POW, 0},
    {"__ipow__", W_INPLACE, INPLACE_OFF(KAA_OP_POW), KAA_OP_POW, slot_inplace___ipow__, 0},
    {"__divmod__", W_BINARY, BIN_OFF(KAA_OP_DIVMOD), KAA_OP_DIVMOD, slot_binary_KAA_OP_DIVMOD, 0},
    {"__rdivmod__", W_RBINARY, BIN_OFF(KAA_OP_DIVMOD), KAA_OP_DIVMOD,
     slot_binary_KAA_OP_DIVMOD, 0},
    {"__neg__", W_UNARY, SLOT_OFF(neg), 0, slot_neg, 0},
    {"__pos__", W_UNARY, SLOT_OFF(pos), 0, slot_pos, 0},
    {"__abs__", W_UNARY, SLOT_OFF(abs), 0, slot_abs, 0},
    {"__invert__", W_UNARY, SLOT_OFF(invert), 0, slot_invert, 0},
    {"__bool__", W_TRUTH, SLOT_OFF(truth), 0, slot_truth, 0},
    {"__int__", W_UNARY, SLOT_OFF(to_int), 0, slot_int, 0},
    {"__float__", W_UNARY, SLOT_OFF(to_float), 0, slot_float, 0},
    {"__index__", W_UNARY, SLOT_OFF(index), 0, slot_index, 0},
    {"__len__", W_LEN, SLOT_OFF(len), 0, slot_len, 0},
    {"__getitem__", W_GETITEM, SLOT_OFF(getitem), 0, slot_getitem, 0},
    {"__setitem__", W_SETITEM, SLOT_OFF(setitem), 0, slot_setitem, 0},
    {"__delitem__", W_DELITEM, SLOT_OFF(setitem), 0, slot_setitem, 0},
    {"__contains__", W_CONTAINS, SLOT_OFF(contains), 0, slot_contains, 0},
};
#define NSLOTDEFS (sizeof slotdefs / sizeof slotdefs[0])

static void **slot_ptr(KaaType *t, const SlotDef *d) { return (void **)((char *)t + d->offset); }

// ---- __getattr__ hook -------------------------------------------------------------------------
// A class with __getattr__ (or its own __getattribute__): call __getattribute__, and on
// AttributeError fall back to __getattr__.

static KaaValue getattribute_via_type(KaaValue self, KaaValue name) {
    KaaValue ga = kaa_type_lookup(kaa_type_of(self), KAA_ID(__getattribute__));
    if (ga != KAA_NULL && kaa_is_type(ga, &kaa_wrapper_descr_type)) {
        // A built-in __getattribute__ (type's, for a metaclass): that type's own lookup.
        KaaType *owner = ((KaaDescr *)kaa_obj(ga))->owner;
        KaaValue r = owner->getattr(self, name);
        if (r == KAA_NULL) {
            kaa_raise_attribute_error(self, name);
        }
        return r;
    }
    if (ga == KAA_NULL) {
        KaaValue r = kaa_generic_getattr(self, name);
        if (r == KAA_NULL) {
            kaa_raise_attribute_error(self, name);
        }
        return r;
    }
    return call_special_checked(self, KAA_ID(__getattribute__), &name, 1);
}

static KaaValue slot_getattr_hook(KaaValue self, KaaValue name) {
    KaaValue hook = kaa_type_lookup(kaa_type_of(self), KAA_ID(__getattr__));
    if (hook == KAA_NULL) {
        return getattribute_via_type(self, name);
    }
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue r = getattribute_via_type(self, name);
        kaa_handler_pop(&h);
        return r;
    }
    kaa_ts.frame = h.frame;
    if (!kaa_exc_matches(h.exc, kaa_AttributeError)) {
        kaa_reraise(h.exc);
    }
    return call_special_checked(self, KAA_ID(__getattr__), &name, 1);
}

// ---- wrapper descriptors: a built-in type's slots seen from Python ----------------------------

static void check_nargs(const SlotDef *d, size_t nargs, size_t want) {
    if (nargs != want) {
        kaa_raise_type_error("expected %d argument%s, got %d", (int)want, want == 1 ? "" : "s",
                             (int)nargs);
    }
}

static KaaValue call_wrapped(KaaType *owner, const SlotDef *d, KaaValue self, KaaValue *args,
                             size_t nargs, KaaTuple *kwnames) {
    void *fn = *slot_ptr(owner, d);
    if (d->kind != W_CALL && d->kind != W_INIT && kwnames != NULL) {
        kaa_raise_type_error("wrapper %s() takes no keyword arguments", d->name);
    }
    switch (d->kind) {
    case W_UNARY:
        check_nargs(d, nargs, 0);
        return ((KaaValue(*)(KaaValue))fn)(self);
    case W_BINARY: case W_INPLACE: case W_RBINARY: {
        check_nargs(d, nargs, 1);
        KaaValue a = d->kind == W_RBINARY ? args[0] : self, b = d->kind == W_RBINARY ? self : args[0];
        KaaValue r = ((KaaValue(*)(KaaValue, KaaValue))fn)(a, b);
        if (r == kaa_NotImplemented && kaa_type_has(owner, KAA_TPFLAG_SEQ_CONCAT) &&
            (d->op == KAA_OP_ADD || d->op == KAA_OP_MUL)) {
            // A sequence's own + and * (CPython's sq_concat/sq_repeat wrappers) raise.
            if (d->op == KAA_OP_MUL) {
                kaa_index(args[0]);
            }
            kaa_sequence_op_failed(self, args[0], d->op);
        }
        return r;
    }
    case W_POW:
        if (nargs == 2 && args[1] != kaa_None && owner->power3 != NULL) {
            return owner->power3(self, args[0], args[1]);
        }
        check_nargs(d, nargs > 1 ? nargs - 1 : nargs, 1);
        return ((KaaValue(*)(KaaValue, KaaValue))fn)(self, args[0]);
    case W_RPOW:
        check_nargs(d, nargs > 1 ? nargs - 1 : nargs, 1);
        return ((KaaValue(*)(KaaValue, KaaValue))fn)(args[0], self);
    case W_HASH:
        check_nargs(d, nargs, 0);
        return kaa_int_from_i64(((int64_t(*)(KaaValue))fn)(self));
    case W_LEN:
        check_nargs(d, nargs, 0);
        return kaa_int_from_i64(((int64_t(*)(KaaValue))fn)(self));
    case W_TRUTH:
        check_nargs(d, nargs, 0);
        return kaa_bool(((int (*)(KaaValue))fn)(self));
    case W_RICHCMP:
        check_nargs(d, nargs, 1);
        return ((KaaValue(*)(KaaValue, KaaValue, int))fn)(self, args[0], d->op);
    case W_GETATTRO: case W_GETATTR_HOOK: {
        check_nargs(d, nargs, 1);
        if (!kaa_is_str(args[0])) {
            kaa_raise_type_error("attribute name must be string, not '%s'",
                                 kaa_type_name_of(args[0]));
        }
        KaaValue name = kaa_str_intern(args[0]);
        KaaValue r = ((KaaValue(*)(KaaValue, KaaValue))fn)(self, name);
        if (r == KAA_NULL) {
            kaa_raise_attribute_error(self, name);
        }
        return r;
    }
    case W_SETATTR:
        check_nargs(d, nargs, 2);
        ((void (*)(KaaValue, KaaValue, KaaValue))fn)(self, kaa_str_intern(args[0]), args[1]);
        return kaa_None;
    case W_DELATTR:
        check_nargs(d, nargs, 1);
        ((void (*)(KaaValue, KaaValue, KaaValue))fn)(self, kaa_str_intern(args[0]), KAA_NULL);
        return kaa_None;
    case W_CALL:
        return ((KaaValue(*)(KaaValue, KaaValue *, size_t, KaaTuple *))fn)(self, args, nargs,
                                                                           kwnames);
    case W_NEXT: {
        check_nargs(d, nargs, 0);
        KaaValue r = ((KaaValue(*)(KaaValue))fn)(self);
        if (r == KAA_NULL) {
            kaa_raise_stop_iteration(KAA_NULL);
        }
        return r;
    }
    case W_GETITEM:
        check_nargs(d, nargs, 1);
        return ((KaaValue(*)(KaaValue, KaaValue))fn)(self, args[0]);
    case W_SETITEM:
        check_nargs(d, nargs, 2);
        ((void (*)(KaaValue, KaaValue, KaaValue))fn)(self, args[0], args[1]);
        return kaa_None;
    case W_DELITEM:
        check_nargs(d, nargs, 1);
        ((void (*)(KaaValue, KaaValue, KaaValue))fn)(self, args[0], KAA_NULL);
        return kaa_None;
    case W_CONTAINS:
        check_nargs(d, nargs, 1);
        return kaa_bool(((int (*)(KaaValue, KaaValue))fn)(self, args[0]));
    case W_DESCR_GET: {
        if (nargs < 1 || nargs > 2) {
            kaa_raise_type_error("expected 1 or 2 arguments, got %d", (int)nargs);
        }
        KaaValue obj = args[0] == kaa_None ? KAA_NULL : args[0];
        KaaValue type = nargs > 1 && args[1] != kaa_None ? args[1] : KAA_NULL;
        if (obj == KAA_NULL && type == KAA_NULL) {
            kaa_raise_type_error("__get__(None, None) is invalid");
        }
        return ((KaaValue(*)(KaaValue, KaaValue, KaaValue))fn)(self, obj, type);
    }
    case W_DESCR_SET:
        check_nargs(d, nargs, 2);
        ((void (*)(KaaValue, KaaValue, KaaValue))fn)(self, args[0], args[1]);
        return kaa_None;
    case W_DESCR_DELETE:
        check_nargs(d, nargs, 1);
        ((void (*)(KaaValue, KaaValue, KaaValue))fn)(self, args[0], KAA_NULL);
        return kaa_None;
    case W_INIT:
        ((void (*)(KaaValue, KaaValue *, size_t, KaaTuple *))fn)(self, args, nargs, kwnames);
        return kaa_None;
    }
    return kaa_None;
}

static KaaValue wrapper_call(KaaValue descr, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaDescr *d = (KaaDescr *)kaa_obj(descr);
    const SlotDef *sd = d->def;
    if (nargs < 1) {
        kaa_raise_type_error("descriptor '%s' of '%s' object needs an argument", sd->name,
                             d->owner->name);
    }
    if (!kaa_is_subtype(kaa_type_of(args[0]), d->owner)) {
        kaa_raise_type_error("descriptor '%s' requires a '%s' object but received a '%s'",
                             sd->name, d->owner->name, kaa_type_name_of(args[0]));
    }
    return call_wrapped(d->owner, sd, args[0], args + 1, nargs - 1, kwnames);
}

static KaaValue wrapper_repr(KaaValue self) {
    KaaDescr *d = (KaaDescr *)kaa_obj(self);
    return kaa_str_printf("<slot wrapper '%s' of '%s' objects>",
                          ((const SlotDef *)d->def)->name, d->owner->name);
}

// A wrapper bound to an object: `(1).__add__` is a "method-wrapper".
static KaaValue bound_wrapper_call(KaaValue self, KaaValue *args, size_t nargs,
                                   KaaTuple *kwnames) {
    KaaMethod *m = (KaaMethod *)kaa_obj(self);
    KaaDescr *d = (KaaDescr *)kaa_obj(m->func);
    return call_wrapped(d->owner, d->def, m->self, args, nargs, kwnames);
}

static KaaValue bound_wrapper_repr(KaaValue self) {
    KaaMethod *m = (KaaMethod *)kaa_obj(self);
    KaaDescr *d = (KaaDescr *)kaa_obj(m->func);
    return kaa_str_printf("<method-wrapper '%s' of %s object at %p>",
                          ((const SlotDef *)d->def)->name, kaa_type_name_of(m->self),
                          (void *)(uintptr_t)m->self);
}

static KaaValue bound_wrapper_self(KaaValue self) { return ((KaaMethod *)kaa_obj(self))->self; }
static KaaValue bound_wrapper_name(KaaValue self) {
    return ((KaaDescr *)kaa_obj(((KaaMethod *)kaa_obj(self))->func))->name;
}

static const KaaGetSetDef bound_wrapper_getsets[] = {
    {"__self__", bound_wrapper_self, NULL, NULL},
    {"__name__", bound_wrapper_name, NULL, NULL},
    {"__qualname__", bound_wrapper_name, NULL, NULL},
    {NULL},
};

KaaType kaa_method_wrapper_type = {
    .ob = {&kaa_type_type},
    .name = "method-wrapper",
    .instance_size = sizeof(KaaMethod),
    .repr = bound_wrapper_repr,
    .call = bound_wrapper_call,
    .getsets = bound_wrapper_getsets,
};

static KaaValue wrapper_get(KaaValue descr, KaaValue obj, KaaValue type) {
    if (obj == KAA_NULL) {
        return descr;
    }
    KaaMethod *m = kaa_alloc(sizeof *m);
    m->ob.type = &kaa_method_wrapper_type;
    m->func = descr;
    m->self = obj;
    return kaa_from_obj(m);
}

static KaaValue wrapper_name(KaaValue self) { return ((KaaDescr *)kaa_obj(self))->name; }
static KaaValue wrapper_objclass(KaaValue self) {
    return kaa_from_obj(((KaaDescr *)kaa_obj(self))->owner);
}
static const KaaGetSetDef wrapper_getsets[] = {
    {"__name__", wrapper_name, NULL, NULL},
    {"__qualname__", wrapper_name, NULL, NULL},
    {"__objclass__", wrapper_objclass, NULL, NULL},
    {NULL},
};

KaaType kaa_wrapper_descr_type = {
    .ob = {&kaa_type_type},
    .name = "wrapper_descriptor",
    .flags = KAA_TPFLAG_METHOD_DESCRIPTOR,
    .instance_size = sizeof(KaaDescr),
    .repr = wrapper_repr,
    .call = wrapper_call,
    .descr_get = wrapper_get,
    .getsets = wrapper_getsets,
};

static bool is_wrapper_for(KaaValue attr, const SlotDef *d) {
    if (!kaa_is_type(attr, &kaa_wrapper_descr_type)) {
        return false;
    }
    const SlotDef *w = ((KaaDescr *)kaa_obj(attr))->def;
    return w->offset == d->offset;
}

static void intern_slotdefs(void);

static void add_wrapper(KaaType *t, const SlotDef *d) {
    if (kaa_dict_get_str(t->dict, d->id) != KAA_NULL) {
        return;  // an explicit method of the same name wins
    }
    KaaDescr *w = kaa_alloc(sizeof *w);
    w->ob.type = &kaa_wrapper_descr_type;
    w->owner = t;
    w->name = d->id;
    w->def = d;
    kaa_dict_set(t->dict, d->id, kaa_from_obj(w));
}

void kaa_slots_add_own_wrapper(KaaType *t, const char *name) {
    intern_slotdefs();
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        if (strcmp(slotdefs[i].name, name) == 0 && *slot_ptr(t, &slotdefs[i]) != NULL) {
            add_wrapper(t, &slotdefs[i]);
            return;
        }
    }
}

static void intern_slotdefs(void) {
    if (slotdefs[0].id != KAA_NULL) {
        return;
    }
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        slotdefs[i].id = kaa_str_intern_cstr(slotdefs[i].name);
    }
}

// Adds wrappers for the slots this type defines itself (not those it merely inherits).
void kaa_slots_add_wrappers(KaaType *t) {
    intern_slotdefs();
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        const SlotDef *d = &slotdefs[i];
        void *fn = *slot_ptr(t, d);
        if (fn == NULL) {
            continue;
        }
        if (t->base != NULL && *slot_ptr(t->base, d) == fn) {
            continue;
        }
        if (d->kind == W_GETATTR_HOOK) {
            continue;  // __getattr__ is never a built-in wrapper
        }
        if (d->kind == W_RBINARY && d->op == KAA_OP_ADD && kaa_type_has(t, KAA_TPFLAG_SEQ_CONCAT)) {
            continue;
        }
        add_wrapper(t, d);
    }
    if (t->hash == NULL && kaa_dict_get_str(t->dict, KAA_ID(__hash__)) == KAA_NULL &&
        t != &kaa_object_type) {
        kaa_dict_set(t->dict, KAA_ID(__hash__), kaa_None);
    }
}

// ---- class slots --------------------------------------------------------------------------------

// What one slot of a class should be: the C function shared by every special method that
// feeds it when they are all a base's wrappers, the dispatcher when any is Python-level.
static void update_slot(KaaType *t, size_t first) {
    const SlotDef *d0 = &slotdefs[first];
    void *c_fn = NULL;
    bool any = false, python = false;
    for (size_t i = first; i < NSLOTDEFS && slotdefs[i].offset == d0->offset; i++) {
        const SlotDef *d = &slotdefs[i];
        KaaValue attr = kaa_type_lookup(t, d->id);
        if (attr == KAA_NULL) {
            continue;
        }
        if (attr == kaa_None && d->kind == W_HASH) {
            any = true;
            python = false;
            c_fn = NULL;
            break;  // __hash__ = None: unhashable
        }
        any = true;
        if (is_wrapper_for(attr, d)) {
            KaaDescr *w = (KaaDescr *)kaa_obj(attr);
            void *fn = *slot_ptr(w->owner, d);
            if (c_fn != NULL && c_fn != fn) {
                python = true;
            }
            c_fn = fn;
        } else {
            python = true;
        }
    }
    void *value = !any ? NULL : python ? d0->dispatch : c_fn;
    *slot_ptr(t, d0) = value;
}

// Slot rows that share a slot are adjacent in the table, except the binary rows (__add__ and
// __radd__ are adjacent too); each slot is recomputed from its first row.
static bool is_first_row(size_t i) { return i == 0 || slotdefs[i - 1].offset != slotdefs[i].offset; }

static void update_new_slot(KaaType *t) {
    KaaValue fn = kaa_type_lookup(t, KAA_ID(__new__));
    if (fn != KAA_NULL && kaa_is_type(fn, &kaa_cfunction_type)) {
        KaaCFunction *cf = (KaaCFunction *)kaa_obj(fn);
        if (kaa_is_obj(cf->self) && cf->def->name != NULL && strcmp(cf->def->name, "__new__") == 0 &&
            kaa_type_has(kaa_type_of(cf->self), KAA_TPFLAG_TYPE_SUBCLASS)) {
            t->new_ = ((KaaType *)kaa_obj(cf->self))->new_;
            return;
        }
    }
    t->new_ = fn == KAA_NULL ? NULL : slot_new;
}

void kaa_slots_update_all(KaaType *t) {
    intern_slotdefs();
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        if (is_first_row(i)) {
            update_slot(t, i);
        }
    }
    // power3 follows __pow__: three-argument pow() on a class calls its __pow__.
    KaaValue pw = kaa_type_lookup(t, KAA_ID(__pow__));
    if (pw != KAA_NULL && !kaa_is_type(pw, &kaa_wrapper_descr_type)) {
        t->power3 = slot_power3;
    } else if (pw != KAA_NULL) {
        t->power3 = ((KaaDescr *)kaa_obj(pw))->owner->power3;
    } else {
        t->power3 = NULL;
    }
    update_new_slot(t);
    if (t->getattr == slot_getattr_hook &&
        kaa_type_lookup(t, KAA_ID(__getattr__)) == KAA_NULL) {
        KaaValue ga = kaa_type_lookup(t, KAA_ID(__getattribute__));
        if (ga != KAA_NULL && kaa_is_type(ga, &kaa_wrapper_descr_type)) {
            t->getattr = *(void **)((char *)((KaaDescr *)kaa_obj(ga))->owner +
                                    offsetof(KaaType, getattr));
        }
    }
}

void kaa_slots_update_name(KaaType *t, KaaValue name) {
    intern_slotdefs();
    if (kaa_str_eq(name, KAA_ID(__new__)) || kaa_str_eq(name, KAA_ID(__pow__))) {
        kaa_slots_update_all(t);
        return;
    }
    for (size_t i = 0; i < NSLOTDEFS; i++) {
        if (kaa_str_eq(slotdefs[i].id, name)) {
            kaa_slots_update_all(t);
            return;
        }
    }
}

// ---- __new__ of built-in types ------------------------------------------------------------------

static KaaValue tp_new_wrapper(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaType *type = (KaaType *)kaa_obj(self);
    if (nargs < 1) {
        kaa_raise_type_error("%s.__new__(): not enough arguments", type->name);
    }
    KaaValue sub = args[0];
    if (!kaa_is_obj(sub) || !kaa_type_has(kaa_type_of(sub), KAA_TPFLAG_TYPE_SUBCLASS)) {
        kaa_raise_type_error("%s.__new__(X): X is not a type object (%s)", type->name,
                             kaa_type_name_of(sub));
    }
    KaaType *subtype = (KaaType *)kaa_obj(sub);
    if (!kaa_is_subtype(subtype, type)) {
        kaa_raise_type_error("%s.__new__(%s): %s is not a subtype of %s", type->name,
                             subtype->name, subtype->name, type->name);
    }
    // The nearest built-in base of subtype must create its instances with this same __new__:
    // object.__new__(int) would make an int without an int's layout.
    KaaType *builtin = subtype;
    while (builtin != NULL && (builtin->flags & KAA_TPFLAG_HEAPTYPE)) {
        builtin = builtin->base;
    }
    if (builtin != NULL && builtin->new_ != type->new_) {
        kaa_raise_type_error("%s.__new__(%s) is not safe, use %s.__new__()", type->name,
                             subtype->name, builtin->name);
    }
    return type->new_(subtype, args + 1, nargs - 1, kwnames);
}

static const KaaMethodDef tp_new_def = {"__new__", tp_new_wrapper, 0,
                                        "Create and return a new object."};

KaaValue kaa_slots_new_wrapper(KaaType *type) {
    return kaa_cfunction_new(&tp_new_def, kaa_from_obj(type), KAA_NULL);
}
