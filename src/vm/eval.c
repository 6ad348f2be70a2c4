// vm/eval.c — the dispatch loop.
//
// Stage: vm. Runs frames: Python-to-Python calls push a frame and continue in this same loop
// (no C recursion), returns pop back to the caller. One setjmp handler per entry from C:
// anything raised below lands here, and the unwinder looks the instruction up in its code's
// exception table (zero-cost try). Small-int and float arithmetic and the commonest
// container operations are inline; everything else calls objects/ or vm/ops.c.
#include <math.h>
#include <string.h>

#include "vm/ops.h"

#if defined(__GNUC__) && !defined(KAA_NO_COMPUTED_GOTO)
#define KAA_COMPUTED_GOTO 1
#endif

#define GEN_FLAGS (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)

// ---- small-int and float fast paths ------------------------------------------------------------

static inline KaaValue from_i64(int64_t v) {
    return kaa_small_fits(v) ? kaa_from_small(v) : kaa_int_from_i64(v);
}

static inline int64_t floordiv_i64(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

static inline int64_t mod_i64(int64_t a, int64_t b) {
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) {
        r += b;
    }
    return r;
}

// The result of a binary operator on two small ints, or KAA_NULL to take the slow path.
static inline KaaValue int_binop(int op, int64_t a, int64_t b) {
    int64_t r;
    switch (op) {
    case KAA_OP_ADD: return from_i64(a + b);
    case KAA_OP_SUB: return from_i64(a - b);
    case KAA_OP_MUL:
        if (__builtin_mul_overflow(a, b, &r)) {
            return KAA_NULL;
        }
        return from_i64(r);
    case KAA_OP_FLOORDIV: return b == 0 ? KAA_NULL : from_i64(floordiv_i64(a, b));
    case KAA_OP_MOD: return b == 0 ? KAA_NULL : kaa_from_small(mod_i64(a, b));
    case KAA_OP_AND: return kaa_from_small(a & b);
    case KAA_OP_OR: return kaa_from_small(a | b);
    case KAA_OP_XOR: return kaa_from_small(a ^ b);
    case KAA_OP_RSHIFT: return b < 0 ? KAA_NULL : kaa_from_small(a >> (b > 63 ? 63 : b));
    case KAA_OP_LSHIFT:
        if (b < 0 || b > 16 || a > ((int64_t)1 << 47) || a < -((int64_t)1 << 47)) {
            return KAA_NULL;
        }
        return from_i64(a * ((int64_t)1 << b));
    case KAA_OP_TRUEDIV: return b == 0 ? KAA_NULL : kaa_from_float((double)a / (double)b);
    default: return KAA_NULL;
    }
}

static inline KaaValue float_binop(int op, double a, double b) {
    switch (op) {
    case KAA_OP_ADD: return kaa_from_float(a + b);
    case KAA_OP_SUB: return kaa_from_float(a - b);
    case KAA_OP_MUL: return kaa_from_float(a * b);
    case KAA_OP_TRUEDIV: return b == 0.0 ? KAA_NULL : kaa_from_float(a / b);
    default: return KAA_NULL;
    }
}

static inline bool as_double(KaaValue v, double *out) {
    if (kaa_is_float(v)) {
        *out = kaa_float_val(v);
        return true;
    }
    if (kaa_is_int(v)) {
        *out = (double)kaa_int_val(v);  // exact: small ints have 48 bits
        return true;
    }
    return false;
}

static inline KaaValue fast_binop(int op, KaaValue a, KaaValue b) {
    if (kaa_is_int(a) && kaa_is_int(b)) {
        return int_binop(op, kaa_int_val(a), kaa_int_val(b));
    }
    double x, y;
    if ((kaa_is_float(a) || kaa_is_float(b)) && as_double(a, &x) && as_double(b, &y)) {
        return float_binop(op, x, y);
    }
    return KAA_NULL;
}

static inline int cmp_result(int op, int c) {
    switch (op) {
    case KAA_LT: return c < 0;
    case KAA_LE: return c <= 0;
    case KAA_EQ: return c == 0;
    case KAA_NE: return c != 0;
    case KAA_GT: return c > 0;
    default: return c >= 0;
    }
}

// A comparison answered without calling any slot, or KAA_NULL.
static inline KaaValue fast_compare(int op, KaaValue a, KaaValue b) {
    if (kaa_is_int(a) && kaa_is_int(b)) {
        int64_t x = kaa_int_val(a), y = kaa_int_val(b);
        return kaa_bool(cmp_result(op, (x > y) - (x < y)));
    }
    double x, y;
    if ((kaa_is_float(a) || kaa_is_float(b)) && as_double(a, &x) && as_double(b, &y)) {
        switch (op) {
        case KAA_LT: return kaa_bool(x < y);
        case KAA_LE: return kaa_bool(x <= y);
        case KAA_EQ: return kaa_bool(x == y);
        case KAA_NE: return kaa_bool(x != y);
        case KAA_GT: return kaa_bool(x > y);
        default: return kaa_bool(x >= y);
        }
    }
    if (kaa_is_type(a, &kaa_str_type) && kaa_is_type(b, &kaa_str_type)) {
        if (op == KAA_EQ || op == KAA_NE) {
            return kaa_bool(kaa_str_eq(a, b) == (op == KAA_EQ));
        }
        return kaa_bool(cmp_result(op, kaa_str_compare(a, b)));
    }
    return KAA_NULL;
}

// ---- frames ------------------------------------------------------------------------------------

// The number of frames between f and the eval entry (inclusive), for restoring the depth.
static int frames_to_entry(KaaFrame *f, KaaFrame *entry) {
    int n = 1;
    while (f != entry && f != NULL) {
        f = f->previous;
        n++;
    }
    return n;
}

static inline void copy_closure(KaaFrame *f, KaaFunction *fn) {
    KaaCode *co = fn->code;
    memcpy(f->localsplus + co->nlocalsplus - co->nfreevars, fn->closure->items,
           (size_t)co->nfreevars * sizeof(KaaValue));
}

// ---- the loop ------------------------------------------------------------------------------------

// Where an instance dict holds an attribute: the cached entry index when it still holds the
// name (instances built alike share it), else a lookup, remembered for the next instance.
static inline int64_t instance_dict_index(KaaDict *d, KaaValue name, KaaInlineCache *c) {
    if (c->index < d->nentries && d->entries[c->index].key == name) {
        return c->index;
    }
    int64_t ix = kaa_dict_index_str(d, name);
    if (ix >= 0) {
        c->index = ix;
    }
    return ix;
}

KaaValue kaa_eval(KaaFrame *entry, KaaValue throw_exc, bool *yielded) {
    kaa_check_c_stack();
    KaaHandler h;
    kaa_handler_push(&h);
    h.keep_frames = true;
    // The entry frame is already counted (kaa_frame_push, or kaa_gen_send for a generator).
    int entry_depth = kaa_ts.depth - 1;
    entry->is_entry = 1;
    entry->previous = kaa_ts.frame;
    kaa_ts.frame = entry;

    KaaFrame *frame;
    uint16_t *next_instr;
    KaaValue *sp;
    KaaValue *localsplus;
    KaaValue *consts;
    KaaValue *names;
    KaaTuple *kwnames = NULL;
    KaaValue exc;
    int opcode, oparg;
    int unwind_offset;

#ifdef KAA_COMPUTED_GOTO
    // Every byte not named in opcodes.def goes to unknown_opcode (a corrupt code object).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static void *const targets[256] = {
        [0 ... 255] = &&unknown_opcode,
#define OP(name, arg, effect, jeffect) [OP_##name] = &&TARGET_##name,
#include "compile/opcodes.def"
#undef OP
    };
#pragma GCC diagnostic pop
#define TARGET(op) TARGET_##op:
#define DISPATCH_TO() goto *targets[opcode]
#else
#define TARGET(op) case OP_##op:
#define DISPATCH_TO() goto dispatch_switch
#endif

#define FETCH()                             \
    do {                                    \
        uint16_t word_ = *next_instr++;     \
        opcode = word_ & 0xFF;              \
        oparg = word_ >> 8;                 \
    } while (0)
#define DISPATCH()                          \
    do {                                    \
        FETCH();                            \
        frame->ip = next_instr;             \
        DISPATCH_TO();                      \
    } while (0)
#define PUSH(v)                 \
    do {                        \
        KaaValue push_v_ = (v); \
        *sp++ = push_v_;        \
    } while (0)
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PEEK(n) (sp[-(n)])
#define JUMPBY(n) (next_instr += (n))
#define LOAD_FRAME_STATE()                          \
    do {                                            \
        localsplus = frame->localsplus;             \
        consts = frame->code->consts->items;        \
        names = frame->code->names->items;          \
    } while (0)
#define CACHE() \
    (&frame->code->caches[frame->code->cache_of[next_instr - frame->code->instrs - 1]])

    if (setjmp(h.buf) != 0) {
        // An exception landed. Everything but the frame chain is reloaded from memory.
        exc = h.exc;
        kaa_handler_push(&h);
        h.keep_frames = true;
        frame = kaa_ts.frame;
        kaa_ts.depth = entry_depth + frames_to_entry(frame, entry);
        kwnames = NULL;
        goto error;
    }
    frame = entry;
    LOAD_FRAME_STATE();
    next_instr = frame->ip;
    sp = frame->sp;
    if (throw_exc != KAA_NULL) {
        exc = throw_exc;
        goto error;
    }
    DISPATCH();

#ifndef KAA_COMPUTED_GOTO
dispatch_switch:
    switch (opcode) {
#endif

    TARGET(NOP) { DISPATCH(); }

    TARGET(EXTENDED_ARG) {
        int high = oparg;
        FETCH();
        oparg |= high << 8;
        frame->ip = next_instr;
        DISPATCH_TO();
    }

    TARGET(POP_TOP) {
        sp--;
        DISPATCH();
    }

    TARGET(PUSH_NULL) {
        PUSH(KAA_NULL);
        DISPATCH();
    }

    TARGET(COPY) {
        KaaValue v = PEEK(oparg);
        PUSH(v);
        DISPATCH();
    }

    TARGET(SWAP) {
        KaaValue t = TOP();
        TOP() = PEEK(oparg);
        PEEK(oparg) = t;
        DISPATCH();
    }

    TARGET(LOAD_CONST) {
        PUSH(consts[oparg]);
        DISPATCH();
    }

    TARGET(LOAD_FAST) {
        KaaValue v = localsplus[oparg];
        if (KAA_UNLIKELY(v == KAA_NULL)) {
            kaa_vm_unbound_local(frame->code, oparg);
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_FAST) {
        localsplus[oparg] = POP();
        DISPATCH();
    }

    TARGET(DELETE_FAST) {
        if (localsplus[oparg] == KAA_NULL) {
            kaa_vm_unbound_local(frame->code, oparg);
        }
        localsplus[oparg] = KAA_NULL;
        DISPATCH();
    }

    TARGET(MAKE_CELL) {
        // An argument that is also a cell keeps its value in the new cell.
        localsplus[oparg] = kaa_from_obj(kaa_cell_new(localsplus[oparg]));
        DISPATCH();
    }

    TARGET(LOAD_CLOSURE) {
        PUSH(localsplus[oparg]);
        DISPATCH();
    }

    TARGET(LOAD_DEREF) {
        KaaValue v = ((KaaCell *)kaa_obj(localsplus[oparg]))->value;
        if (KAA_UNLIKELY(v == KAA_NULL)) {
            kaa_vm_unbound_free(frame->code, oparg);
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(LOAD_CLASSDEREF) {
        PUSH(kaa_vm_load_classderef(frame, oparg));
        DISPATCH();
    }

    TARGET(STORE_DEREF) {
        ((KaaCell *)kaa_obj(localsplus[oparg]))->value = POP();
        DISPATCH();
    }

    TARGET(DELETE_DEREF) {
        KaaCell *c = (KaaCell *)kaa_obj(localsplus[oparg]);
        if (c->value == KAA_NULL) {
            kaa_vm_unbound_free(frame->code, oparg);
        }
        c->value = KAA_NULL;
        DISPATCH();
    }

    TARGET(LOAD_NAME) {
        PUSH(kaa_vm_load_name(frame, names[oparg]));
        DISPATCH();
    }

    TARGET(STORE_NAME) {
        KaaValue v = POP();
        kaa_vm_store_name(frame, names[oparg], v);
        DISPATCH();
    }

    TARGET(DELETE_NAME) {
        kaa_vm_delete_name(frame, names[oparg]);
        DISPATCH();
    }

    TARGET(LOAD_GLOBAL) {
        KaaInlineCache *c = CACHE();
        KaaDict *g = frame->globals;
        KaaValue v;
        if (c->guard == g->keys_version && c->index >= 0) {
            v = g->entries[c->index].value;
        } else if (c->guard == g->keys_version && c->guard2 == frame->builtins->keys_version) {
            v = frame->builtins->entries[~c->index].value;
        } else {
            v = kaa_vm_load_global_cached(frame, names[oparg >> 1], c);
        }
        if (oparg & 1) {
            PUSH(KAA_NULL);
        }
        PUSH(v);
        DISPATCH();
    }

    TARGET(STORE_GLOBAL) {
        KaaValue v = POP();
        kaa_dict_set(frame->globals, names[oparg], v);
        DISPATCH();
    }

    TARGET(DELETE_GLOBAL) {
        kaa_vm_delete_global(frame, names[oparg]);
        DISPATCH();
    }

    TARGET(LOAD_ATTR) {
        KaaValue obj = TOP();
        KaaInlineCache *c = CACHE();
        if (kaa_is_obj(obj)) {
            KaaObject *o = kaa_obj(obj);
            uint64_t ver = o->type->version;
            bool same = ver != 0 && (c->guard == ver || c->also[0] == ver ||
                                     c->also[1] == ver || c->also[2] == ver);
            if (c->guard2 == ATTR_DICT && same && o->type->dict_offset > 0) {
                // The class has nothing of this name: only the instance dict can have it.
                KaaValue d = *(KaaValue *)((char *)o + o->type->dict_offset);
                int64_t ix = d != KAA_NULL ? instance_dict_index(kaa_dict(d), names[oparg], c) : -1;
                if (ix >= 0) {
                    TOP() = kaa_dict(d)->entries[ix].value;
                    DISPATCH();
                }
            } else if (c->guard2 == ATTR_SLOT && same) {
                KaaValue v = *(KaaValue *)((char *)o + c->index);
                if (v != KAA_NULL) {
                    TOP() = v;
                    DISPATCH();
                }
            } else if (c->guard2 == ATTR_MODULE && o->type == &kaa_module_type &&
                       c->guard == ((KaaModule *)o)->dict->keys_version) {
                TOP() = ((KaaModule *)o)->dict->entries[c->index].value;
                DISPATCH();
            }
        }
        TOP() = kaa_vm_load_attr_cached(obj, names[oparg], c);
        DISPATCH();
    }

    TARGET(LOAD_METHOD) {
        KaaValue obj = TOP();
        KaaInlineCache *c = CACHE();
        KaaType *t = kaa_type_of(obj);
        if (c->guard == t->version && c->guard2 == METH_NO_DICT) {
            TOP() = c->value;
            PUSH(obj);
            DISPATCH();
        }
        if (c->guard == t->version && c->guard2 == METH_DICT) {
            KaaValue d = *(KaaValue *)((char *)kaa_obj(obj) + t->dict_offset);
            if (d == KAA_NULL || kaa_dict_index_str(kaa_dict(d), names[oparg]) < 0) {
                TOP() = c->value;
                PUSH(obj);
                DISPATCH();
            }
        }
        KaaValue self = KAA_NULL;
        KaaValue meth = kaa_vm_load_method_cached(obj, names[oparg], &self, c);
        if (self != KAA_NULL) {
            TOP() = meth;
            PUSH(self);
        } else {
            TOP() = KAA_NULL;
            PUSH(meth);
        }
        DISPATCH();
    }

    TARGET(STORE_ATTR) {
        KaaValue obj = TOP();
        KaaValue v = SECOND();
        sp -= 2;
        KaaInlineCache *c = CACHE();
        if (kaa_is_obj(obj)) {
            KaaObject *o = kaa_obj(obj);
            uint64_t ver = o->type->version;
            bool same = ver != 0 && (c->guard == ver || c->also[0] == ver ||
                                     c->also[1] == ver || c->also[2] == ver);
            if (c->guard2 == ATTR_DICT && same && o->type->dict_offset > 0) {
                KaaValue d = *(KaaValue *)((char *)o + o->type->dict_offset);
                int64_t ix = d != KAA_NULL ? instance_dict_index(kaa_dict(d), names[oparg], c) : -1;
                if (ix >= 0) {
                    kaa_dict(d)->entries[ix].value = v;
                    DISPATCH();
                }
            } else if (c->guard2 == ATTR_SLOT && same) {
                *(KaaValue *)((char *)o + c->index) = v;
                DISPATCH();
            }
        }
        kaa_vm_store_attr_cached(obj, names[oparg], v, c);
        DISPATCH();
    }

    TARGET(DELETE_ATTR) {
        KaaValue obj = POP();
        kaa_setattr(obj, names[oparg], KAA_NULL);
        DISPATCH();
    }

    TARGET(BINARY_OP) {
        KaaValue b = TOP(), a = SECOND();
        int op = oparg >= KAA_BINARY_OP_COUNT ? oparg - KAA_BINARY_OP_COUNT : oparg;
        KaaValue r = fast_binop(op, a, b);
        if (r == KAA_NULL) {
            if (op == KAA_OP_ADD && kaa_is_type(a, &kaa_str_type) &&
                kaa_is_type(b, &kaa_str_type)) {
                r = kaa_str_concat(a, b);
            } else if (oparg >= KAA_BINARY_OP_COUNT) {
                r = kaa_inplace_op(a, b, op);
            } else {
                r = kaa_binary_op(a, b, op);
            }
        }
        sp--;
        TOP() = r;
        DISPATCH();
    }

    TARGET(UNARY_POSITIVE) {
        KaaValue v = TOP();
        TOP() = kaa_is_int(v) || kaa_is_float(v) ? v : kaa_pos(v);
        DISPATCH();
    }

    TARGET(UNARY_NEGATIVE) {
        KaaValue v = TOP();
        if (kaa_is_int(v)) {
            TOP() = from_i64(-kaa_int_val(v));
        } else if (kaa_is_float(v)) {
            TOP() = kaa_from_float(-kaa_float_val(v));
        } else {
            TOP() = kaa_neg(v);
        }
        DISPATCH();
    }

    TARGET(UNARY_NOT) {
        TOP() = kaa_bool(!kaa_truthy(TOP()));
        DISPATCH();
    }

    TARGET(UNARY_INVERT) {
        KaaValue v = TOP();
        TOP() = kaa_is_int(v) ? kaa_from_small(~kaa_int_val(v)) : kaa_invert(v);
        DISPATCH();
    }

    TARGET(COMPARE_OP) {
        KaaValue b = TOP(), a = SECOND();
        KaaValue r = fast_compare(oparg, a, b);
        if (r == KAA_NULL) {
            r = kaa_richcompare(a, b, oparg);
        }
        sp--;
        TOP() = r;
        DISPATCH();
    }

    TARGET(IS_OP) {
        KaaValue b = POP();
        TOP() = kaa_bool((TOP() == b) != oparg);
        DISPATCH();
    }

    TARGET(CONTAINS_OP) {
        KaaValue container = POP();
        bool r = kaa_contains(container, TOP());
        TOP() = kaa_bool(r != oparg);
        DISPATCH();
    }

    TARGET(BINARY_SUBSCR) {
        KaaValue key = TOP(), obj = SECOND();
        KaaValue r;
        if (kaa_is_type(obj, &kaa_list_type) && kaa_is_int(key)) {
            KaaList *l = kaa_list(obj);
            int64_t i = kaa_int_val(key);
            i += i < 0 ? l->len : 0;
            if ((uint64_t)i < (uint64_t)l->len) {
                r = l->items[i];
            } else {
                r = kaa_getitem(obj, key);
            }
        } else if (kaa_is_type(obj, &kaa_tuple_type) && kaa_is_int(key)) {
            KaaTuple *t = kaa_tuple(obj);
            int64_t i = kaa_int_val(key);
            i += i < 0 ? t->len : 0;
            r = (uint64_t)i < (uint64_t)t->len ? t->items[i] : kaa_getitem(obj, key);
        } else if (kaa_is_type(obj, &kaa_dict_type)) {
            r = kaa_dict_get(kaa_dict(obj), key);
            if (r == KAA_NULL) {
                kaa_raise_key_error(key);
            }
        } else {
            r = kaa_getitem(obj, key);
        }
        sp--;
        TOP() = r;
        DISPATCH();
    }

    TARGET(STORE_SUBSCR) {
        KaaValue key = TOP(), obj = SECOND(), v = PEEK(3);
        sp -= 3;
        if (kaa_is_type(obj, &kaa_list_type) && kaa_is_int(key)) {
            KaaList *l = kaa_list(obj);
            int64_t i = kaa_int_val(key);
            i += i < 0 ? l->len : 0;
            if ((uint64_t)i < (uint64_t)l->len) {
                l->items[i] = v;
                DISPATCH();
            }
        } else if (kaa_is_type(obj, &kaa_dict_type)) {
            kaa_dict_set(kaa_dict(obj), key, v);
            DISPATCH();
        }
        kaa_setitem(obj, key, v);
        DISPATCH();
    }

    TARGET(DELETE_SUBSCR) {
        KaaValue key = TOP(), obj = SECOND();
        sp -= 2;
        kaa_delitem(obj, key);
        DISPATCH();
    }

    TARGET(BUILD_SLICE) {
        KaaValue step = oparg == 3 ? POP() : kaa_None;
        KaaValue stop = POP();
        TOP() = kaa_slice_new(TOP(), stop, step);
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        KaaTuple *t = kaa_tuple_from_array(sp - oparg, (size_t)oparg);
        sp -= oparg;
        PUSH(kaa_from_obj(t));
        DISPATCH();
    }

    TARGET(BUILD_LIST) {
        KaaList *l = kaa_list_from_array(sp - oparg, (size_t)oparg);
        sp -= oparg;
        PUSH(kaa_from_obj(l));
        DISPATCH();
    }

    TARGET(BUILD_SET) {
        KaaSet *s = kaa_set_new(&kaa_set_type);
        for (int i = oparg; i > 0; i--) {
            kaa_set_add(s, PEEK(i));
        }
        sp -= oparg;
        PUSH(kaa_from_obj(s));
        DISPATCH();
    }

    TARGET(BUILD_MAP) {
        KaaDict *d = kaa_dict_new_presized((size_t)oparg);
        for (int i = oparg; i > 0; i--) {
            kaa_dict_set(d, PEEK(2 * i), PEEK(2 * i - 1));
        }
        sp -= 2 * oparg;
        PUSH(kaa_from_obj(d));
        DISPATCH();
    }

    TARGET(BUILD_CONST_KEY_MAP) {
        KaaValue keys = POP();
        KaaValue d = kaa_vm_build_const_key_map(sp - oparg, keys);
        sp -= oparg;
        PUSH(d);
        DISPATCH();
    }

    TARGET(BUILD_STRING) {
        KaaValue s = kaa_vm_build_string(sp - oparg, oparg);
        sp -= oparg;
        PUSH(s);
        DISPATCH();
    }

    TARGET(LIST_APPEND) {
        KaaValue v = POP();
        kaa_list_append(kaa_list(PEEK(oparg)), v);
        DISPATCH();
    }

    TARGET(SET_ADD) {
        KaaValue v = POP();
        kaa_set_add((KaaSet *)kaa_obj(PEEK(oparg)), v);
        DISPATCH();
    }

    TARGET(MAP_ADD) {
        KaaValue v = POP(), k = POP();
        kaa_dict_set(kaa_dict(PEEK(oparg)), k, v);
        DISPATCH();
    }

    TARGET(LIST_EXTEND) {
        KaaValue it = POP();
        kaa_vm_list_extend(PEEK(oparg), it);
        DISPATCH();
    }

    TARGET(SET_UPDATE) {
        KaaValue it = POP();
        kaa_set_update((KaaSet *)kaa_obj(PEEK(oparg)), it);
        DISPATCH();
    }

    TARGET(DICT_UPDATE) {
        KaaValue other = POP();
        kaa_vm_dict_update(PEEK(oparg), other);
        DISPATCH();
    }

    TARGET(DICT_MERGE) {
        KaaValue other = POP();
        // The callable sits below the dict being built: [NULL, callable, args, dict].
        kaa_vm_dict_merge(PEEK(oparg + 2), PEEK(oparg), other);
        DISPATCH();
    }

    TARGET(LIST_TO_TUPLE) {
        KaaList *l = kaa_list(TOP());
        TOP() = kaa_from_obj(kaa_tuple_from_array(l->items, (size_t)l->len));
        DISPATCH();
    }

    TARGET(FORMAT_VALUE) {
        KaaValue spec = (oparg & 4) ? POP() : KAA_NULL;
        TOP() = kaa_vm_format_value(TOP(), oparg & 3, spec);
        DISPATCH();
    }

    TARGET(UNPACK_SEQUENCE) {
        KaaValue seq = POP();
        if (kaa_is_type(seq, &kaa_tuple_type) && kaa_tuple(seq)->len == oparg) {
            KaaValue *items = kaa_tuple(seq)->items;
            for (int i = oparg - 1; i >= 0; i--) {
                PUSH(items[i]);
            }
        } else {
            kaa_vm_unpack_sequence(seq, oparg, sp);
            sp += oparg;
        }
        DISPATCH();
    }

    TARGET(UNPACK_EX) {
        KaaValue seq = POP();
        int before = oparg & 0xFF, after = oparg >> 8;
        kaa_vm_unpack_ex(seq, before, after, sp);
        sp += before + after + 1;
        DISPATCH();
    }

    TARGET(JUMP_FORWARD) {
        JUMPBY(oparg);
        DISPATCH();
    }

    TARGET(JUMP_BACKWARD) {
        JUMPBY(-oparg);
        if (KAA_UNLIKELY(kaa_eval_breaker)) {
            frame->sp = sp;
            kaa_run_pending();
        }
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_FALSE) {
        KaaValue v = POP();
        if (v == kaa_False || (v != kaa_True && !kaa_truthy(v))) {
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_TRUE) {
        KaaValue v = POP();
        if (v == kaa_True || (v != kaa_False && kaa_truthy(v))) {
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NONE) {
        if (POP() == kaa_None) {
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(POP_JUMP_IF_NOT_NONE) {
        if (POP() != kaa_None) {
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_FALSE_OR_POP) {
        if (!kaa_truthy(TOP())) {
            JUMPBY(oparg);
        } else {
            sp--;
        }
        DISPATCH();
    }

    TARGET(JUMP_IF_TRUE_OR_POP) {
        if (kaa_truthy(TOP())) {
            JUMPBY(oparg);
        } else {
            sp--;
        }
        DISPATCH();
    }

    TARGET(GET_ITER) {
        TOP() = kaa_iter(TOP());
        DISPATCH();
    }

    TARGET(FOR_ITER) {
        KaaValue it = TOP();
        KaaValue v = kaa_type_of(it)->next(it);
        if (v != KAA_NULL) {
            PUSH(v);
        } else {
            sp--;
            JUMPBY(oparg);
        }
        DISPATCH();
    }

    TARGET(KW_NAMES) {
        kwnames = kaa_tuple(consts[oparg]);
        DISPATCH();
    }

    TARGET(CALL) {
        int is_meth = PEEK(oparg + 2) != KAA_NULL;
        KaaValue callable = is_meth ? PEEK(oparg + 2) : PEEK(oparg + 1);
        KaaValue *args = sp - oparg - is_meth;
        size_t total = (size_t)(oparg + is_meth);
        KaaTuple *kw = kwnames;
        kwnames = NULL;
        size_t npos = total - (kw ? (size_t)kw->len : 0);
        if (kaa_is_type(callable, &kaa_function_type)) {
            KaaFunction *fn = (KaaFunction *)kaa_obj(callable);
            KaaCode *co = fn->code;
            if ((co->flags & GEN_FLAGS) == 0) {
                KaaFrame *nf = kaa_frame_push(co, fn, fn->globals, fn->builtins, KAA_NULL);
                kaa_bind_args(fn, nf->localsplus, args, npos, kw);
                if (fn->closure != NULL) {
                    copy_closure(nf, fn);
                }
                frame->sp = sp - oparg - 2;
                nf->previous = frame;
                frame = nf;
                kaa_ts.frame = nf;
                LOAD_FRAME_STATE();
                next_instr = co->instrs;
                sp = kaa_frame_stack_base(nf);
                if (KAA_UNLIKELY(kaa_eval_breaker)) {
                    frame->sp = sp;
                    kaa_run_pending();
                }
                DISPATCH();
            }
        }
        KaaValue r = kaa_call(callable, args, npos, kw);
        sp -= oparg + 2;
        PUSH(r);
        DISPATCH();
    }

    TARGET(CALL_FUNCTION_EX) {
        KaaValue kwargs = (oparg & 1) ? POP() : KAA_NULL;
        KaaValue args = POP();
        KaaValue callable = POP();
        sp--;  // the NULL below the callable
        PUSH(kaa_vm_call_ex(callable, args, kwargs));
        DISPATCH();
    }

    TARGET(MAKE_FUNCTION) {
        KaaValue code = POP();
        int nextra = __builtin_popcount(oparg);
        KaaValue f = kaa_vm_make_function((KaaCode *)kaa_obj(code), frame, oparg, sp - nextra);
        sp -= nextra;
        PUSH(f);
        DISPATCH();
    }

    TARGET(RETURN_VALUE) {
        KaaValue r = POP();
        if (frame == entry) {
            if (yielded != NULL) {
                *yielded = false;
            }
            kaa_ts.frame = entry->previous;
            if (!entry->on_heap) {
                kaa_frame_pop(entry);
            }
            kaa_handler_pop(&h);
            return r;
        }
        KaaFrame *done = frame;
        frame = done->previous;
        kaa_frame_pop(done);
        kaa_ts.frame = frame;
        LOAD_FRAME_STATE();
        sp = frame->sp;
        next_instr = frame->ip;
        PUSH(r);
        DISPATCH();
    }

    TARGET(YIELD_VALUE) {
        KaaValue r = POP();
        frame->sp = sp;
        frame->ip = next_instr;
        *yielded = true;
        kaa_ts.frame = entry->previous;
        kaa_handler_pop(&h);
        return r;
    }

    TARGET(GET_YIELD_FROM_ITER) {
        TOP() = kaa_vm_get_yield_from_iter(frame, TOP());
        DISPATCH();
    }

    TARGET(SEND) {
        KaaValue v = POP();
        bool done;
        KaaValue r = kaa_vm_send(TOP(), v, &done);
        if (done) {
            TOP() = r;
            JUMPBY(oparg);
        } else {
            PUSH(r);
        }
        DISPATCH();
    }

    TARGET(PUSH_EXC_INFO) {
        KaaValue v = TOP();
        KaaValue prev = kaa_ts.exc_info->exc;
        TOP() = prev == KAA_NULL ? kaa_None : prev;
        kaa_ts.exc_info->exc = v;
        PUSH(v);
        DISPATCH();
    }

    TARGET(POP_EXCEPT) {
        KaaValue v = POP();
        kaa_ts.exc_info->exc = v == kaa_None ? KAA_NULL : v;
        DISPATCH();
    }

    TARGET(CHECK_EXC_MATCH) {
        KaaValue type = TOP();
        TOP() = kaa_vm_check_exc_match(SECOND(), type);
        DISPATCH();
    }

    TARGET(CHECK_EG_MATCH) {
        KaaValue type = POP(), e = POP();
        KaaValue rest, match;
        kaa_vm_check_eg_match(e, type, &rest, &match);
        PUSH(rest);
        PUSH(match);
        DISPATCH();
    }

    TARGET(PREP_RERAISE_STAR) {
        KaaValue excs = POP();
        TOP() = kaa_vm_prep_reraise_star(TOP(), excs);
        DISPATCH();
    }

    TARGET(RERAISE) {
        exc = POP();
        // Unwinding continues from this instruction; the frame's position goes back to where
        // the exception was first raised (for f_lineno and later tracebacks).
        unwind_offset = (int)(next_instr - frame->code->instrs) - 1;
        if (oparg) {
            KaaValue lasti = PEEK(oparg);
            frame->ip = frame->code->instrs + kaa_int_val(lasti) + 1;
        }
        goto exception_unwind;
    }

    TARGET(RAISE_VARARGS) {
        KaaValue cause = oparg == 2 ? POP() : KAA_NULL;
        if (oparg == 0) {
            // A bare raise re-raises without a new traceback entry for this frame.
            exc = kaa_handled_exception();
            if (exc == KAA_NULL) {
                kaa_raise_msg(kaa_RuntimeError, "No active exception to reraise");
            }
            unwind_offset = (int)(next_instr - frame->code->instrs) - 1;
            goto exception_unwind;
        }
        KaaValue e = kaa_vm_exception_for_raise(POP(), cause, oparg == 2);
        kaa_raise(e);
    }

    TARGET(BEFORE_WITH) {
        KaaValue exit_fn;
        KaaValue res = kaa_vm_before_with(TOP(), &exit_fn, false);
        TOP() = exit_fn;
        PUSH(res);
        DISPATCH();
    }

    TARGET(BEFORE_ASYNC_WITH) {
        KaaValue exit_fn;
        KaaValue res = kaa_vm_before_with(TOP(), &exit_fn, true);
        TOP() = exit_fn;
        PUSH(res);
        DISPATCH();
    }

    TARGET(WITH_EXCEPT_START) {
        // [exit, lasti, prev_exc, exc]
        PUSH(kaa_vm_with_except_start(PEEK(4), TOP()));
        DISPATCH();
    }

    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(kaa_from_obj(kaa_AssertionError));
        DISPATCH();
    }

    TARGET(IMPORT_NAME) {
        KaaValue fromlist = POP();
        TOP() = kaa_vm_import_name(frame, names[oparg], fromlist, TOP());
        DISPATCH();
    }

    TARGET(IMPORT_FROM) {
        PUSH(kaa_vm_import_from(TOP(), names[oparg]));
        DISPATCH();
    }

    TARGET(IMPORT_STAR) {
        KaaValue module = POP();
        kaa_vm_import_star(frame, module);
        DISPATCH();
    }

    TARGET(LOAD_BUILD_CLASS) {
        KaaValue bc = kaa_dict_get_str(frame->builtins, KAA_ID(__build_class__));
        if (bc == KAA_NULL) {
            kaa_raise_msg(kaa_NameError, "__build_class__ not found");
        }
        PUSH(bc);
        DISPATCH();
    }

    TARGET(SETUP_ANNOTATIONS) {
        kaa_vm_setup_annotations(frame);
        DISPATCH();
    }

    TARGET(PRINT_EXPR) {
        kaa_vm_print_expr(POP());
        DISPATCH();
    }

    TARGET(MATCH_CLASS) {
        KaaValue kwd_names = POP(), cls = POP();
        TOP() = kaa_vm_match_class(TOP(), cls, oparg, kwd_names);
        DISPATCH();
    }

    TARGET(MATCH_MAPPING) {
        PUSH(kaa_bool(kaa_vm_match_mapping(TOP())));
        DISPATCH();
    }

    TARGET(MATCH_SEQUENCE) {
        PUSH(kaa_bool(kaa_vm_match_sequence(TOP())));
        DISPATCH();
    }

    TARGET(MATCH_KEYS) {
        PUSH(kaa_vm_match_keys(SECOND(), TOP()));
        DISPATCH();
    }

    TARGET(GET_LEN) {
        PUSH(kaa_int_from_i64(kaa_len(TOP())));
        DISPATCH();
    }

    TARGET(COPY_DICT_WITHOUT_KEYS) {
        TOP() = kaa_vm_copy_dict_without_keys(SECOND(), TOP());
        DISPATCH();
    }

    TARGET(GET_AWAITABLE) {
        TOP() = kaa_vm_get_awaitable(TOP(), oparg);
        DISPATCH();
    }

    TARGET(GET_AITER) {
        TOP() = kaa_vm_get_aiter(TOP());
        DISPATCH();
    }

    TARGET(GET_ANEXT) {
        PUSH(kaa_vm_get_anext(TOP()));
        DISPATCH();
    }

    TARGET(END_ASYNC_FOR) {
        exc = POP();
        if (kaa_exc_matches(exc, kaa_StopAsyncIteration)) {
            sp--;  // the async iterator
            DISPATCH();
        }
        unwind_offset = (int)(next_instr - frame->code->instrs) - 1;
        goto exception_unwind;
    }

    TARGET(ASYNC_GEN_WRAP) {
        TOP() = kaa_async_gen_wrap(TOP());
        DISPATCH();
    }

#ifndef KAA_COMPUTED_GOTO
    default:
        goto unknown_opcode;
    }
#endif

unknown_opcode:
    kaa_raise_msg(kaa_SystemError, "unknown opcode %d", opcode);

error:
    // An exception raised in `frame` (or passing into it from a callee): record the frame.
    kaa_vm_add_traceback(exc, frame);
    unwind_offset = (int)(frame->ip - frame->code->instrs) - 1;

exception_unwind : {
    KaaCode *co = frame->code;
    int offset = unwind_offset;
    int target, depth;
    bool lasti;
    if (kaa_code_find_handler(co, offset, &target, &depth, &lasti)) {
        LOAD_FRAME_STATE();
        sp = kaa_frame_stack_base(frame) + depth;
        if (lasti) {
            PUSH(kaa_from_small((int)(frame->ip - co->instrs) - 1));
        }
        PUSH(exc);
        next_instr = co->instrs + target;
        kwnames = NULL;
        DISPATCH();
    }
    if (frame == entry) {
        kaa_ts.frame = entry->previous;
        if (!entry->on_heap) {
            kaa_frame_pop(entry);
        } else if (entry->gen != NULL) {
            exc = kaa_gen_exception_exit(entry->gen, exc);
        }
        kaa_handler_pop(&h);
        kaa_reraise(exc);
    }
    KaaFrame *done = frame;
    frame = done->previous;
    kaa_frame_pop(done);
    kaa_ts.frame = frame;
    goto error;
}
}
