// objects/abstract.c — the protocols that work on any value: attributes, calls, operators,
// comparison, truth, hashing, repr/str, iteration, containers, isinstance, argument checks.
//
// Stage: objects. Each protocol tries the fast answers first (immediates, exact built-in
// types), then the type's slot, then CPython's fallbacks, and raises CPython's TypeError with
// CPython's words when nothing applies. The VM inlines the hottest of these paths itself.
#include <string.h>

#include "objects/objects.h"
#include "vm/vm.h"

const char *kaa_type_name_of(KaaValue v) { return kaa_type_of(v)->name; }

const char *kaa_argtype_name(KaaValue v) { return v == kaa_None ? "None" : kaa_type_of(v)->name; }

// ---- attributes -------------------------------------------------------------------------------

static KaaValue intern_name(KaaValue name) {
    if (!kaa_is_str(name)) {
        kaa_raise_type_error("attribute name must be string, not '%s'", kaa_type_name_of(name));
    }
    return kaa_str(name)->interned ? name : kaa_str_intern(name);
}

KaaValue kaa_generic_getattr(KaaValue obj, KaaValue name) {
    KaaType *type = kaa_type_of(obj);
    KaaValue descr = kaa_type_lookup(type, name);
    KaaType *dt = NULL;
    if (descr != KAA_NULL) {
        dt = kaa_type_of(descr);
        if (dt->descr_get != NULL && dt->descr_set != NULL) {
            return dt->descr_get(descr, obj, kaa_from_obj(type));
        }
    }
    KaaValue *slot = kaa_instance_dict_slot(obj);
    if (slot != NULL && *slot != KAA_NULL) {
        KaaValue v = kaa_dict_get_str(kaa_dict(*slot), name);
        if (v != KAA_NULL) {
            return v;
        }
    }
    if (descr != KAA_NULL) {
        if (dt->descr_get != NULL) {
            return dt->descr_get(descr, obj, kaa_from_obj(type));
        }
        return descr;
    }
    return KAA_NULL;
}

void kaa_generic_setattr(KaaValue obj, KaaValue name, KaaValue value) {
    KaaType *type = kaa_type_of(obj);
    KaaValue descr = kaa_type_lookup(type, name);
    if (descr != KAA_NULL && kaa_type_of(descr)->descr_set != NULL) {
        kaa_type_of(descr)->descr_set(descr, obj, value);
        return;
    }
    KaaDict *dict = kaa_instance_dict(obj);
    if (dict == NULL) {
        if (descr != KAA_NULL) {
            kaa_raise_msg(kaa_AttributeError, "'%s' object attribute '%S' is read-only",
                          type->name, name);
        }
        kaa_raise_attribute_error(obj, name);
    }
    if (value == KAA_NULL) {
        if (!kaa_dict_del(dict, name)) {
            kaa_raise_attribute_error(obj, name);
        }
        return;
    }
    kaa_dict_set(dict, name, value);
}

// As CPython's _PyObject_LookupAttr: an AttributeError raised on the way (by a property, a
// __getattr__ hook, a module's __getattr__) means "absent" too.
static KaaValue getattr_protected(KaaType *t, KaaValue obj, KaaValue name);

KaaValue kaa_getattr_opt(KaaValue obj, KaaValue name) {
    KaaType *t = kaa_type_of(obj);
    return t->getattr == NULL ? KAA_NULL : getattr_protected(t, obj, intern_name(name));
}

static KaaValue getattr_protected(KaaType *t, KaaValue obj, KaaValue name) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (kaa_exc_matches(h.exc, kaa_AttributeError)) {
            return KAA_NULL;
        }
        kaa_reraise(h.exc);
    }
    KaaValue v = t->getattr(obj, name);
    kaa_handler_pop(&h);
    return v;
}

KaaValue kaa_getattr(KaaValue obj, KaaValue name) {
    name = intern_name(name);
    KaaType *t = kaa_type_of(obj);
    KaaValue v = t->getattr != NULL ? t->getattr(obj, name) : KAA_NULL;
    if (v == KAA_NULL) {
        kaa_raise_attribute_error(obj, name);
    }
    return v;
}

KaaValue kaa_getattr_cstr(KaaValue obj, const char *name) {
    return kaa_getattr(obj, kaa_str_intern_cstr(name));
}

void kaa_setattr(KaaValue obj, KaaValue name, KaaValue value) {
    name = intern_name(name);
    KaaType *t = kaa_type_of(obj);
    if (t->setattr == NULL) {
        if (kaa_type_lookup(t, name) == KAA_NULL) {
            kaa_raise_attribute_error(obj, name);
        }
        kaa_raise_msg(kaa_AttributeError, "'%s' object attribute '%S' is read-only", t->name,
                      name);
    }
    t->setattr(obj, name, value);
}

void kaa_delattr(KaaValue obj, KaaValue name) { kaa_setattr(obj, name, KAA_NULL); }

bool kaa_hasattr(KaaValue obj, KaaValue name) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        bool r = kaa_getattr_opt(obj, name) != KAA_NULL;
        kaa_handler_pop(&h);
        return r;
    }
    kaa_ts.frame = h.frame;
    if (kaa_exc_matches(h.exc, kaa_AttributeError)) {
        return false;
    }
    kaa_reraise(h.exc);
}

KaaValue kaa_lookup_special(KaaValue obj, KaaValue name) {
    KaaValue attr = kaa_type_lookup(kaa_type_of(obj), name);
    if (attr == KAA_NULL) {
        return KAA_NULL;
    }
    KaaType *at = kaa_type_of(attr);
    if (at->descr_get != NULL) {
        return at->descr_get(attr, obj, kaa_from_obj(kaa_type_of(obj)));
    }
    return attr;
}

// ---- calls ------------------------------------------------------------------------------------

KaaValue kaa_call(KaaValue callable, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaType *t = kaa_type_of(callable);
    if (KAA_UNLIKELY(t->call == NULL)) {
        kaa_raise_type_error("'%s' object is not callable", t->name);
    }
    return t->call(callable, args, nargs, kwnames);
}

KaaValue kaa_call0(KaaValue callable) { return kaa_call(callable, NULL, 0, NULL); }
KaaValue kaa_call1(KaaValue callable, KaaValue a) { return kaa_call(callable, &a, 1, NULL); }
KaaValue kaa_call2(KaaValue callable, KaaValue a, KaaValue b) {
    KaaValue args[2] = {a, b};
    return kaa_call(callable, args, 2, NULL);
}

KaaValue kaa_call_method(KaaValue obj, KaaValue name, KaaValue *args, size_t nargs) {
    return kaa_call(kaa_getattr(obj, name), args, nargs, NULL);
}

static bool takes_any_keys(KaaValue callable) {
    if (!kaa_is_type(callable, &kaa_cfunction_type)) {
        return false;
    }
    KaaCFunction *f = (KaaCFunction *)kaa_obj(callable);
    return (f->def->flags & KAA_METH_ANY_KEYS) && f->self != KAA_NULL;
}

KaaValue kaa_call_tuple_dict(KaaValue callable, KaaTuple *args, KaaDict *kwargs) {
    size_t npos = args ? (size_t)args->len : 0;
    size_t nkw = kwargs ? (size_t)kwargs->used : 0;
    if (nkw == 0) {
        return kaa_call(callable, args ? args->items : NULL, npos, NULL);
    }
    KaaValue *argv = kaa_alloc((npos + nkw) * sizeof(KaaValue));
    if (npos) {
        memcpy(argv, args->items, npos * sizeof(KaaValue));
    }
    KaaTuple *names = kaa_tuple_new(nkw);
    int64_t pos = 0, i = 0;
    KaaValue k, v;
    while (kaa_dict_next(kwargs, &pos, &k, &v)) {
        if (!kaa_is_str(k) && !takes_any_keys(callable)) {
            kaa_raise_type_error("keywords must be strings");
        }
        names->items[i] = kaa_is_str(k) ? kaa_str_intern(k) : k;
        argv[npos + (size_t)i] = v;
        i++;
    }
    return kaa_call(callable, argv, npos, names);
}

// CPython's PyObject_LengthHint: len(obj) when it has one (a TypeError from it is ignored),
// else obj.__length_hint__() checked, else dflt.
static int64_t len_or_type_error(KaaValue obj, bool *ok) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (!kaa_exc_matches(h.exc, kaa_TypeError)) {
            kaa_reraise(h.exc);
        }
        *ok = false;
        return 0;
    }
    int64_t n = kaa_len(obj);
    kaa_handler_pop(&h);
    *ok = true;
    return n;
}

static KaaValue call_hint(KaaValue hint, bool *ok) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (!kaa_exc_matches(h.exc, kaa_TypeError)) {
            kaa_reraise(h.exc);
        }
        *ok = false;
        return KAA_NULL;
    }
    KaaValue r = kaa_call0(hint);
    kaa_handler_pop(&h);
    *ok = true;
    return r;
}

int64_t kaa_length_hint(KaaValue obj, int64_t dflt) {
    bool ok;
    if (kaa_type_of(obj)->len != NULL) {
        int64_t n = len_or_type_error(obj, &ok);
        if (ok) {
            return n;
        }
    }
    KaaValue hint = kaa_lookup_special(obj, kaa_str_intern_cstr("__length_hint__"));
    if (hint == KAA_NULL) {
        return dflt;
    }
    KaaValue r = call_hint(hint, &ok);
    if (!ok || r == kaa_NotImplemented) {
        return dflt;
    }
    if (!kaa_is_int_like(r)) {
        kaa_raise_type_error("__length_hint__ must be an integer, not %s", kaa_type_name_of(r));
    }
    int64_t n;
    if (!kaa_int_to_i64(r, &n)) {
        kaa_raise_overflow("cannot fit 'int' into an index-sized integer");
    }
    if (n < 0) {
        kaa_raise_value_error("__length_hint__() should return >= 0");
    }
    return n;
}

bool kaa_callable(KaaValue v) { return kaa_type_of(v)->call != NULL; }

// ---- operators --------------------------------------------------------------------------------

const char *const kaa_binop_symbols[KAA_BINOP_COUNT] = {
    "+", "&", "//", "<<", "@", "*", "%", "|", "** or pow()", ">>", "-", "/", "^", "divmod()",
};

static KAA_NORETURN void unsupported(KaaValue a, KaaValue b, const char *sym) {
    kaa_raise_type_error("unsupported operand type(s) for %s: '%s' and '%s'", sym,
                         kaa_type_name_of(a), kaa_type_name_of(b));
}

// The result, or kaa_NotImplemented when neither operand supports the operator.
static KaaValue binary_op1(KaaValue a, KaaValue b, int op) {
    KaaType *ta = kaa_type_of(a), *tb = kaa_type_of(b);
    KaaValue (*fa)(KaaValue, KaaValue) = ta->binary[op];
    KaaValue (*fb)(KaaValue, KaaValue) = tb != ta ? tb->binary[op] : NULL;
    if (fb == fa) {
        fb = NULL;
    }
    if (fa != NULL) {
        if (fb != NULL && kaa_is_subtype(tb, ta)) {
            KaaValue r = fb(a, b);
            if (r != kaa_NotImplemented) {
                return r;
            }
            fb = NULL;
        }
        KaaValue r = fa(a, b);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    if (fb != NULL) {
        return fb(a, b);
    }
    return kaa_NotImplemented;
}

// Whether v supports sequence repetition (CPython's sq_repeat): then `seq * x` fails with the
// sequence's own message instead of "unsupported operand".
static bool is_repeatable(KaaValue v) {
    KaaType *t = kaa_type_of(v);
    return kaa_type_has(t, KAA_TPFLAG_STR_SUBCLASS | KAA_TPFLAG_BYTES_SUBCLASS |
                               KAA_TPFLAG_LIST_SUBCLASS | KAA_TPFLAG_TUPLE_SUBCLASS) ||
           kaa_is_subtype(t, &kaa_bytearray_type);
}

// Both operands declined a + b or a * b: a sequence explains itself, as CPython's sq_concat
// (of the left operand) and sq_repeat (of either) do after the number slots.
static void sequence_op_failed(KaaValue a, KaaValue b, int op) {
    if (op == KAA_OP_MUL && (is_repeatable(a) || is_repeatable(b))) {
        KaaValue other = is_repeatable(a) ? b : a;
        kaa_raise_type_error("can't multiply sequence by non-int of type '%s'",
                             kaa_type_name_of(other));
    }
    KaaType *t = kaa_type_of(a);
    while (t != NULL && kaa_type_has(t, KAA_TPFLAG_HEAPTYPE)) {
        t = t->base;
    }
    if (op != KAA_OP_ADD || t == NULL || !kaa_type_has(t, KAA_TPFLAG_SEQ_CONCAT)) {
        return;
    }
    if (t == &kaa_bytes_type || t == &kaa_bytearray_type) {
        kaa_raise_type_error("can't concat %s to %s", kaa_type_name_of(b), t->name);
    }
    const char *dot = strrchr(t->name, '.');
    const char *name = dot ? dot + 1 : t->name;
    kaa_raise_type_error("can only %s %s (not \"%s\") to %s",
                         strcmp(t->name, "array.array") == 0 ? "append" : "concatenate", name,
                         kaa_type_name_of(b), name);
}

void kaa_sequence_op_failed(KaaValue a, KaaValue b, int op) { sequence_op_failed(a, b, op); }

KaaValue kaa_binary_op(KaaValue a, KaaValue b, int op) {
    KaaValue r = binary_op1(a, b, op);
    if (r == kaa_NotImplemented) {
        sequence_op_failed(a, b, op);
        unsupported(a, b, kaa_binop_symbols[op]);
    }
    return r;
}

KaaValue kaa_inplace_op(KaaValue a, KaaValue b, int op) {
    KaaType *ta = kaa_type_of(a);
    if (ta->inplace[op] != NULL) {
        KaaValue r = ta->inplace[op](a, b);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    KaaValue r = binary_op1(a, b, op);
    if (r == kaa_NotImplemented) {
        static const char *const isyms[KAA_BINOP_COUNT] = {
            "+=", "&=", "//=", "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
            "divmod()",
        };
        sequence_op_failed(a, b, op);
        unsupported(a, b, isyms[op]);
    }
    return r;
}

KaaValue kaa_power3(KaaValue a, KaaValue b, KaaValue mod) {
    if (mod == kaa_None) {
        return kaa_binary_op(a, b, KAA_OP_POW);
    }
    KaaType *ta = kaa_type_of(a);
    if (ta->power3 != NULL) {
        KaaValue r = ta->power3(a, b, mod);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    KaaType *tb = kaa_type_of(b), *tm = kaa_type_of(mod);
    if (tb != ta && tb->power3 != NULL) {
        KaaValue r = tb->power3(a, b, mod);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    if (tm != ta && tm != tb && tm->power3 != NULL) {
        KaaValue r = tm->power3(a, b, mod);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    kaa_raise_type_error("unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                         ta->name, tb->name, kaa_type_name_of(mod));
}

#define UNARY_PROTOCOL(fn, slot, sym)                                                   \
    KaaValue fn(KaaValue v) {                                                           \
        KaaType *t = kaa_type_of(v);                                                    \
        if (t->slot == NULL) {                                                          \
            kaa_raise_type_error("bad operand type for %s: '%s'", sym, t->name);        \
        }                                                                               \
        return t->slot(v);                                                              \
    }
UNARY_PROTOCOL(kaa_neg, neg, "unary -")
UNARY_PROTOCOL(kaa_pos, pos, "unary +")
UNARY_PROTOCOL(kaa_invert, invert, "unary ~")
UNARY_PROTOCOL(kaa_abs, abs, "abs()")

// ---- comparison, truth, hashing ---------------------------------------------------------------

static const int swapped_op[6] = {KAA_GT, KAA_GE, KAA_EQ, KAA_NE, KAA_LT, KAA_LE};
static const char *const cmp_symbols[6] = {"<", "<=", "==", "!=", ">", ">="};

// Comparison, repr and str of nested containers recurse in C; like CPython they count
// against the recursion limit (and the C stack guard catches anything deeper).
static inline void enter_recursive(const char *where) {
    kaa_check_c_stack();
    if (KAA_UNLIKELY(++kaa_ts.depth > kaa_ts.recursion_limit)) {
        kaa_ts.depth--;
        kaa_raise_recursion(where);
    }
}

static KaaValue richcompare_impl(KaaValue a, KaaValue b, int op);

KaaValue kaa_richcompare(KaaValue a, KaaValue b, int op) {
    enter_recursive("in comparison");
    KaaValue r = richcompare_impl(a, b, op);
    kaa_ts.depth--;
    return r;
}

static KaaValue richcompare_impl(KaaValue a, KaaValue b, int op) {
    KaaType *ta = kaa_type_of(a), *tb = kaa_type_of(b);
    bool reversed = false;
    if (ta != tb && tb->richcompare != NULL && kaa_is_subtype(tb, ta)) {
        reversed = true;
        KaaValue r = tb->richcompare(b, a, swapped_op[op]);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    if (ta->richcompare != NULL) {
        KaaValue r = ta->richcompare(a, b, op);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    if (!reversed && tb->richcompare != NULL) {
        KaaValue r = tb->richcompare(b, a, swapped_op[op]);
        if (r != kaa_NotImplemented) {
            return r;
        }
    }
    if (op == KAA_EQ) {
        return kaa_bool(a == b);
    }
    if (op == KAA_NE) {
        return kaa_bool(a != b);
    }
    kaa_raise_type_error("'%s' not supported between instances of '%s' and '%s'",
                         cmp_symbols[op], ta->name, tb->name);
}

bool kaa_richcompare_bool(KaaValue a, KaaValue b, int op) {
    KaaValue r = kaa_richcompare(a, b, op);
    if (r == kaa_True) {
        return true;
    }
    if (r == kaa_False) {
        return false;
    }
    return kaa_truthy(r);
}

bool kaa_eq(KaaValue a, KaaValue b) {
    if (a == b) {
        return true;
    }
    if (kaa_is_int(a) && kaa_is_int(b)) {
        return false;
    }
    if (kaa_is_type(a, &kaa_str_type) && kaa_is_type(b, &kaa_str_type)) {
        return kaa_str_eq(a, b);
    }
    return kaa_richcompare_bool(a, b, KAA_EQ);
}

bool kaa_truthy(KaaValue v) {
    if (v == kaa_True) {
        return true;
    }
    if (v == kaa_False || v == kaa_None) {
        return false;
    }
    if (kaa_is_int(v)) {
        return kaa_int_val(v) != 0;
    }
    if (kaa_is_float(v)) {
        return kaa_float_val(v) != 0.0;
    }
    KaaType *t = kaa_type_of(v);
    if (t->truth != NULL) {
        return t->truth(v) != 0;
    }
    if (t->len != NULL) {
        return t->len(v) != 0;
    }
    return true;
}

int64_t kaa_hash(KaaValue v) {
    if (kaa_is_int(v)) {
        int64_t i = kaa_int_val(v);
        return i == -1 ? -2 : i;
    }
    if (kaa_is_float(v)) {
        return kaa_float_hash(kaa_float_val(v));
    }
    KaaType *t = kaa_type_of(v);
    if (KAA_UNLIKELY(t->hash == NULL)) {
        kaa_raise_type_error("unhashable type: '%s'", t->name);
    }
    return t->hash(v);
}

// ---- repr and str -----------------------------------------------------------------------------

KaaValue kaa_repr(KaaValue v) {
    enter_recursive("while getting the repr of an object");
    KaaType *t = kaa_type_of(v);
    KaaValue r = t->repr(v);
    kaa_ts.depth--;
    if (!kaa_is_str(r)) {
        kaa_raise_type_error("__repr__ returned non-string (type %s)", kaa_type_name_of(r));
    }
    return r;
}

KaaValue kaa_to_str(KaaValue v) {
    if (kaa_is_type(v, &kaa_str_type)) {
        return v;
    }
    enter_recursive("while getting the str of an object");
    KaaType *t = kaa_type_of(v);
    KaaValue r = t->str != NULL ? t->str(v) : t->repr(v);
    kaa_ts.depth--;
    if (!kaa_is_str(r)) {
        kaa_raise_type_error("__str__ returned non-string (type %s)", kaa_type_name_of(r));
    }
    return r;
}

KaaValue kaa_ascii(KaaValue v) {
    KaaValue r = kaa_repr(v);
    KaaStr *s = kaa_str(r);
    if (s->ascii) {
        return r;
    }
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    char tmp[16];
    for (size_t i = 0; i < s->len; i++) {
        uint32_t cp = kaa_str_char(s, i);
        if (cp < 128) {
            kaa_strbuf_putc(&b, cp);
            continue;
        }
        snprintf(tmp, sizeof tmp, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x",
                 cp);
        kaa_strbuf_puts(&b, tmp);
    }
    return kaa_strbuf_finish(&b);
}

// Objects whose repr is being computed, so that a container holding itself prints [...].
static KaaList *repr_stack;

bool kaa_repr_enter(KaaValue obj) {
    if (repr_stack == NULL) {
        repr_stack = kaa_list_new(0);
    }
    for (int64_t i = 0; i < repr_stack->len; i++) {
        if (repr_stack->items[i] == obj) {
            return true;
        }
    }
    kaa_list_append(repr_stack, obj);
    return false;
}

void kaa_repr_leave(KaaValue obj) {
    for (int64_t i = repr_stack->len - 1; i >= 0; i--) {
        if (repr_stack->items[i] == obj) {
            memmove(repr_stack->items + i, repr_stack->items + i + 1,
                    (size_t)(repr_stack->len - i - 1) * sizeof(KaaValue));
            repr_stack->len--;
            return;
        }
    }
}

// ---- iteration and containers -----------------------------------------------------------------

KaaValue kaa_iter(KaaValue v) {
    KaaType *t = kaa_type_of(v);
    if (t->iter != NULL) {
        KaaValue it = t->iter(v);
        if (kaa_type_of(it)->next == NULL) {
            kaa_raise_type_error("iter() returned non-iterator of type '%s'",
                                 kaa_type_name_of(it));
        }
        return it;
    }
    if (t->getitem != NULL && !kaa_type_has(t, KAA_TPFLAG_DICT_SUBCLASS)) {
        return kaa_seqiter_new(v);
    }
    kaa_raise_type_error("'%s' object is not iterable", t->name);
}

KaaValue kaa_next(KaaValue it) {
    KaaType *t = kaa_type_of(it);
    if (t->next == NULL) {
        kaa_raise_type_error("'%s' object is not an iterator", t->name);
    }
    return t->next(it);
}

int64_t kaa_len(KaaValue v) {
    KaaType *t = kaa_type_of(v);
    if (t->len == NULL) {
        kaa_raise_type_error("object of type '%s' has no len()", t->name);
    }
    return t->len(v);
}

KaaValue kaa_getitem(KaaValue obj, KaaValue key) {
    KaaType *t = kaa_type_of(obj);
    if (t->getitem != NULL) {
        return t->getitem(obj, key);
    }
    if (kaa_type_has(t, KAA_TPFLAG_TYPE_SUBCLASS)) {
        if (obj == kaa_from_obj(&kaa_type_type)) {
            return kaa_generic_alias_new(obj, key);  // type[int], as CPython special-cases it
        }
        KaaValue cgi = kaa_getattr_opt(obj, KAA_ID(__class_getitem__));
        if (cgi != KAA_NULL) {
            return kaa_call1(cgi, key);
        }
        KaaType *cls = (KaaType *)kaa_obj(obj);  // built-in types by their full name
        kaa_raise_type_error("type '%S' is not subscriptable",
                             kaa_type_has(cls, KAA_TPFLAG_HEAPTYPE) ? kaa_type_name(cls)
                                                                    : kaa_str_from_cstr(cls->name));
    }
    kaa_raise_type_error("'%s' object is not subscriptable", t->name);
}

void kaa_setitem(KaaValue obj, KaaValue key, KaaValue value) {
    KaaType *t = kaa_type_of(obj);
    if (t->setitem == NULL) {
        kaa_raise_type_error("'%s' object does not support item assignment", t->name);
    }
    t->setitem(obj, key, value);
}

void kaa_delitem(KaaValue obj, KaaValue key) {
    KaaType *t = kaa_type_of(obj);
    if (t->setitem == NULL) {
        // CPython's two wordings: the sequence path (an index key) and the mapping path.
        bool index_key = kaa_is_int_like(key) || kaa_type_of(key)->index != NULL;
        // (CPython's types with a sequence method table: containers, and every class)
        bool sequence = t->getitem != NULL || t->len != NULL || t->contains != NULL ||
                        kaa_type_has(t, KAA_TPFLAG_HEAPTYPE);
        kaa_raise_type_error(index_key && sequence ? "'%s' object doesn't support item deletion"
                                                     : "'%s' object does not support item deletion",
                             t->name);
    }
    t->setitem(obj, key, KAA_NULL);
}

bool kaa_contains(KaaValue container, KaaValue item) {
    KaaType *t = kaa_type_of(container);
    if (t->contains != NULL) {
        return t->contains(container, item) != 0;
    }
    if (t->iter == NULL && t->getitem == NULL) {
        kaa_raise_type_error("argument of type '%s' is not iterable", t->name);
    }
    KaaValue it = kaa_iter(container);
    for (KaaValue v; (v = kaa_next(it)) != KAA_NULL;) {
        if (kaa_eq(v, item)) {
            return true;
        }
    }
    return false;
}

static bool is_type_obj(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_type_of(v), KAA_TPFLAG_TYPE_SUBCLASS);
}

static bool recursive_isinstance(KaaValue obj, KaaValue cls) {
    if (is_type_obj(cls)) {
        if (kaa_is_subtype(kaa_type_of(obj), (KaaType *)kaa_obj(cls))) {
            return true;
        }
        KaaValue c = kaa_getattr_opt(obj, KAA_ID(__class__));
        return c != KAA_NULL && c != kaa_from_obj(kaa_type_of(obj)) && is_type_obj(c) &&
               kaa_is_subtype((KaaType *)kaa_obj(c), (KaaType *)kaa_obj(cls));
    }
    kaa_raise_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
}

bool kaa_isinstance(KaaValue obj, KaaValue cls) {
    if (kaa_from_obj(kaa_type_of(obj)) == cls) {
        return true;
    }
    if (kaa_is_type(cls, &kaa_type_type)) {
        return recursive_isinstance(obj, cls);
    }
    if (kaa_is_tuple(cls)) {
        kaa_check_c_stack();
        KaaTuple *t = kaa_tuple(cls);
        for (int64_t i = 0; i < t->len; i++) {
            if (kaa_isinstance(obj, t->items[i])) {
                return true;
            }
        }
        return false;
    }
    KaaValue check = kaa_type_lookup(kaa_type_of(cls), KAA_ID(__instancecheck__));
    if (check != KAA_NULL) {
        return kaa_truthy(kaa_call_special(cls, KAA_ID(__instancecheck__), &obj, 1));
    }
    return recursive_isinstance(obj, cls);
}

bool kaa_issubclass(KaaValue cls, KaaValue base) {
    if (kaa_is_type(base, &kaa_type_type) && is_type_obj(cls)) {
        return kaa_is_subtype((KaaType *)kaa_obj(cls), (KaaType *)kaa_obj(base));
    }
    if (kaa_is_tuple(base)) {
        kaa_check_c_stack();
        KaaTuple *t = kaa_tuple(base);
        for (int64_t i = 0; i < t->len; i++) {
            if (kaa_issubclass(cls, t->items[i])) {
                return true;
            }
        }
        return false;
    }
    KaaValue check = kaa_type_lookup(kaa_type_of(base), KAA_ID(__subclasscheck__));
    if (check != KAA_NULL && !is_type_obj(base)) {
        return kaa_truthy(kaa_call_special(base, KAA_ID(__subclasscheck__), &cls, 1));
    }
    if (check != KAA_NULL && !kaa_is_type(base, &kaa_type_type)) {
        return kaa_truthy(kaa_call_special(base, KAA_ID(__subclasscheck__), &cls, 1));
    }
    if (!is_type_obj(cls)) {
        kaa_raise_type_error("issubclass() arg 1 must be a class");
    }
    if (!is_type_obj(base)) {
        kaa_raise_type_error("issubclass() arg 2 must be a class, a tuple of classes, or a "
                             "union");
    }
    return kaa_is_subtype((KaaType *)kaa_obj(cls), (KaaType *)kaa_obj(base));
}

KaaValue kaa_number_int(KaaValue v) {
    if (kaa_is_int(v)) {
        return v;
    }
    return kaa_call1(kaa_from_obj(&kaa_int_type), v);
}

KaaValue kaa_number_float(KaaValue v) {
    if (kaa_is_float(v)) {
        return v;
    }
    return kaa_call1(kaa_from_obj(&kaa_float_type), v);
}

KaaValue kaa_index(KaaValue v) {
    if (kaa_is_int(v)) {
        return v;
    }
    KaaType *t = kaa_type_of(v);
    if (t == &kaa_int_type) {
        return v;
    }
    if (kaa_type_has(t, KAA_TPFLAG_INT_SUBCLASS)) {
        // Since 3.10 the result is always an exact int (bool and subclasses convert).
        mpz_t z;
        mpz_init(z);
        kaa_int_to_mpz(v, z);
        return kaa_int_from_mpz(z);
    }
    if (t->index == NULL) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer", t->name);
    }
    KaaValue r = t->index(v);
    if (!kaa_is_int_like(r)) {
        kaa_raise_type_error("__index__ returned non-int (type %s)", kaa_type_name_of(r));
    }
    return kaa_index(r);
}

int64_t kaa_index_i64(KaaValue v) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    KaaValue i = kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out)) {
        kaa_raise_msg(kaa_IndexError, "cannot fit '%s' into an index-sized integer",
                      kaa_type_name_of(v));
    }
    return out;
}

void kaa_unpack(KaaValue iterable, size_t n, KaaValue *out) {
    KaaValue *items = NULL;
    int64_t len = -1;
    if (kaa_is_type(iterable, &kaa_tuple_type)) {
        items = kaa_tuple(iterable)->items;
        len = kaa_tuple(iterable)->len;
    } else if (kaa_is_type(iterable, &kaa_list_type)) {
        items = kaa_list(iterable)->items;
        len = kaa_list(iterable)->len;
    }
    if (items != NULL) {
        if ((size_t)len == n) {
            memcpy(out, items, n * sizeof(KaaValue));
            return;
        }
        if ((size_t)len < n) {
            kaa_raise_value_error("not enough values to unpack (expected %zu, got %lld)", n,
                                  (long long)len);
        }
        kaa_raise_value_error("too many values to unpack (expected %zu)", n);
    }
    KaaType *t = kaa_type_of(iterable);
    if (t->iter == NULL && t->getitem == NULL) {
        kaa_raise_type_error("cannot unpack non-iterable %s object", t->name);
    }
    KaaValue it = kaa_iter(iterable);
    for (size_t i = 0; i < n; i++) {
        out[i] = kaa_next(it);
        if (out[i] == KAA_NULL) {
            kaa_raise_value_error("not enough values to unpack (expected %zu, got %zu)", n, i);
        }
    }
    if (kaa_next(it) != KAA_NULL) {
        kaa_raise_value_error("too many values to unpack (expected %zu)", n);
    }
}

KaaValue kaa_sequence_list(KaaValue iterable) { return kaa_list_from_iterable(iterable); }

// ---- argument checking --------------------------------------------------------------------------

void kaa_args_no_kw(const char *name, KaaTuple *kwnames) {
    if (kwnames != NULL && kwnames->len > 0) {
        kaa_raise_type_error("%s() takes no keyword arguments", name);
    }
}

void kaa_args_count(const char *name, size_t nargs, size_t min, size_t max) {
    if (nargs >= min && nargs <= max) {
        return;
    }
    if (max == 0) {
        kaa_raise_type_error("%s() takes no arguments (%zu given)", name, nargs);
    }
    if (min == 1 && max == 1) {
        kaa_raise_type_error("%s() takes exactly one argument (%zu given)", name, nargs);
    }
    if (min == max) {
        kaa_raise_type_error("%s expected %zu arguments, got %zu", name, min, nargs);
    }
    if (nargs < min) {
        kaa_raise_type_error("%s expected at least %zu argument%s, got %zu", name, min,
                             min == 1 ? "" : "s", nargs);
    }
    kaa_raise_type_error("%s expected at most %zu argument%s, got %zu", name, max,
                         max == 1 ? "" : "s", nargs);
}

void kaa_args_bind(const char *name, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                   const char *const *params, size_t npos_only, size_t required, KaaValue *out) {
    size_t nparams = 0, npositional = (size_t)-1;
    for (; params[nparams] != NULL; nparams++) {
        if (strcmp(params[nparams], "*") == 0 && npositional == (size_t)-1) {
            npositional = nparams;
        }
    }
    if (npositional == (size_t)-1) {
        npositional = nparams;
    }
    size_t nslots = nparams - (npositional < nparams ? 1 : 0);
    for (size_t i = 0; i < nslots; i++) {
        out[i] = KAA_NULL;
    }
    size_t nkw = kwnames ? (size_t)kwnames->len : 0;
    if (nargs + nkw > nslots) {
        kaa_raise_type_error("%s() takes at most %zu %sargument%s (%zu given)", name, nslots,
                             nargs == 0 ? "keyword " : "", nslots == 1 ? "" : "s", nargs + nkw);
    }
    if (nargs > npositional) {
        if (npositional == 0) {
            kaa_raise_type_error("%s() takes no positional arguments", name);
        }
        size_t minpos = required < npositional ? required : npositional;
        kaa_raise_type_error("%s() takes %s %zu positional argument%s (%zu given)", name,
                             minpos < npositional ? "at most" : "exactly", npositional,
                             npositional == 1 ? "" : "s", nargs);
    }
    for (size_t i = 0; i < nargs; i++) {
        out[i] = args[i];
    }
    for (int64_t k = 0; kwnames && k < kwnames->len; k++) {
        KaaValue kw = kwnames->items[k];
        size_t slot = (size_t)-1;
        for (size_t p = npos_only, s = npos_only; p < nparams; p++) {
            if (strcmp(params[p], "*") == 0) {
                continue;
            }
            if (kaa_str_eq_cstr(kw, params[p])) {
                slot = s;
                break;
            }
            s++;
        }
        if (slot == (size_t)-1) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", kw, name);
        }
        if (out[slot] != KAA_NULL) {
            kaa_raise_type_error("argument for %s() given by name ('%S') and position (%zu)",
                                 name, kw, slot + 1);
        }
        out[slot] = args[nargs + (size_t)k];
    }
    for (size_t i = 0; i < required && i < nslots; i++) {
        if (out[i] == KAA_NULL) {
            size_t pi = i >= npositional ? i + 1 : i;
            if (i < npositional) {
                kaa_raise_type_error("%s() missing required argument '%s' (pos %zu)", name,
                                     params[pi], i + 1);
            }
            kaa_raise_type_error("%s() missing required keyword-only argument '%s'", name,
                                 params[pi]);
        }
    }
}
