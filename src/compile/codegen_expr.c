// compile/codegen_expr.c — code generation for expressions: operators, calls, containers,
// comprehensions, lambdas, f-strings, yield/await, assignment targets, and conditional jumps.
//
// Stage: compile, second pass. Call sites use the VM's protocol: [NULL, callable, args] or
// [method, self, args] (LOAD_METHOD), with KW_NAMES naming the trailing keyword arguments.
#include <string.h>

#include "compile/codegen.h"

static const int binop_of[] = {
    [AST_Add] = KAA_OP_ADD, [AST_Sub] = KAA_OP_SUB, [AST_Mult] = KAA_OP_MUL,
    [AST_MatMult] = KAA_OP_MATMUL, [AST_Div] = KAA_OP_TRUEDIV, [AST_Mod] = KAA_OP_MOD,
    [AST_Pow] = KAA_OP_POW, [AST_LShift] = KAA_OP_LSHIFT, [AST_RShift] = KAA_OP_RSHIFT,
    [AST_BitOr] = KAA_OP_OR, [AST_BitXor] = KAA_OP_XOR, [AST_BitAnd] = KAA_OP_AND,
    [AST_FloorDiv] = KAA_OP_FLOORDIV,
};

// ---- constant folding ---------------------------------------------------------------------------

bool cg_is_const(KaaAst *e) { return e->kind == AST_Constant; }

static KaaValue fold_unary(Compiler *c, KaaAst *e) {
    KaaValue v = cg_fold(c, e->v.UnaryOp.operand);
    if (v == KAA_NULL) {
        return KAA_NULL;
    }
    bool number = kaa_is_int(v) || kaa_is_float(v) || kaa_is_type(v, &kaa_int_type) ||
                  kaa_is_type(v, &kaa_complex_type);
    switch (e->v.UnaryOp.op) {
    case AST_USub: return number ? kaa_neg(v) : KAA_NULL;
    case AST_UAdd: return number ? kaa_pos(v) : KAA_NULL;
    case AST_Invert:
        return kaa_is_int(v) || kaa_is_type(v, &kaa_int_type) ? kaa_invert(v) : KAA_NULL;
    default: return KAA_NULL;
    }
}

static bool is_number(KaaValue v) {
    return kaa_is_int(v) || kaa_is_float(v) || kaa_is_type(v, &kaa_int_type) ||
           kaa_is_type(v, &kaa_complex_type);
}

static bool is_int(KaaValue v) { return kaa_is_int(v) || kaa_is_type(v, &kaa_int_type); }

static int64_t int_bits(KaaValue v) {
    return kaa_int_val(kaa_call_method(v, kaa_str_intern_cstr("bit_length"), NULL, 0));
}

// CPython folds only results of bounded size: ints up to 128 bits from *, ** and <<, and
// sequences up to 4096 items from *.
#define FOLD_MAX_INT_BITS 128
#define FOLD_MAX_STR 4096

static bool fold_safe(int op, KaaValue a, KaaValue b) {
    if (is_int(a) && is_int(b)) {
        if (op == AST_Mult) {
            return int_bits(a) + int_bits(b) <= FOLD_MAX_INT_BITS;
        }
        int64_t n;
        if (op == AST_Pow) {
            return kaa_int_sign(b) >= 0 && kaa_int_to_i64(b, &n) && n <= FOLD_MAX_INT_BITS &&
                   int_bits(a) * n <= FOLD_MAX_INT_BITS;
        }
        if (op == AST_LShift) {
            return kaa_int_sign(b) >= 0 && kaa_int_to_i64(b, &n) && n <= FOLD_MAX_INT_BITS &&
                   int_bits(a) + n <= FOLD_MAX_INT_BITS;
        }
        return true;
    }
    if (is_number(a) && is_number(b)) {
        return op != AST_LShift && op != AST_RShift && op != AST_BitAnd && op != AST_BitOr &&
               op != AST_BitXor && op != AST_MatMult;
    }
    bool seq_a = kaa_is_type(a, &kaa_str_type) || kaa_is_type(a, &kaa_bytes_type);
    if (op == AST_Add && seq_a && kaa_type_of(a) == kaa_type_of(b)) {
        return true;
    }
    if (op == AST_Mult && seq_a && is_int(b)) {
        int64_t n;
        return kaa_int_to_i64(b, &n) && n >= 0 && n * kaa_len(a) <= FOLD_MAX_STR;
    }
    return false;
}

// A binary operation on two constants, computed now when CPython would (errors such as
// 1/0 are left for run time).
static KaaValue fold_binop(Compiler *c, KaaAst *e) {
    KaaValue a = cg_fold(c, e->v.BinOp.left);
    if (a == KAA_NULL) {
        return KAA_NULL;
    }
    KaaValue b = cg_fold(c, e->v.BinOp.right);
    if (b == KAA_NULL || !fold_safe(e->v.BinOp.op, a, b)) {
        return KAA_NULL;
    }
    typedef struct {
        KaaBinOp op;
        KaaValue a, b, r;
    } FoldJob;
    FoldJob job = {binop_of[e->v.BinOp.op], a, b, KAA_NULL};
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        job.r = kaa_binary_op(job.a, job.b, job.op);
        kaa_handler_pop(&h);
        return job.r;
    }
    return KAA_NULL;
}

// The value of a constant expression (literals, tuples of them, signed numbers), else NULL.
KaaValue cg_fold(Compiler *c, KaaAst *e) {
    switch (e->kind) {
    case AST_Constant:
        return cg_const_value(c, &e->v.Constant.value);
    case AST_UnaryOp:
        return fold_unary(c, e);
    case AST_BinOp:
        return fold_binop(c, e);
    case AST_Tuple: {
        if (e->v.Tuple.ctx != AST_Load) {
            return KAA_NULL;
        }
        KaaAstSeq *elts = e->v.Tuple.elts;
        KaaTuple *t = kaa_tuple_new((size_t)elts->len);
        for (int i = 0; i < elts->len; i++) {
            KaaValue v = cg_fold(c, elts->items[i]);
            if (v == KAA_NULL) {
                return KAA_NULL;
            }
            t->items[i] = v;
        }
        return elts->len == 0 ? kaa_from_obj(kaa_empty_tuple) : kaa_from_obj(t);
    }
    default:
        return KAA_NULL;
    }
}

// ---- names in calls -------------------------------------------------------------------------------

// Pushes [NULL, callable]: a global name loads with LOAD_GLOBAL's NULL bit.
static void push_callable(Compiler *c, KaaAst *func) {
    if (func->kind == AST_Name) {
        Unit *u = c->u;
        const char *m = cg_mangle(c, func->v.Name.id);
        SymScope sc = scope_of(u->scope, m);
        bool global = sc == SCOPE_GLOBAL_EXPLICIT ||
                      (sc == SCOPE_GLOBAL_IMPLICIT && u->scope->kind == BLOCK_FUNCTION);
        if (global) {
            cg_set_loc(c, func);
            cg_emit(c, OP_LOAD_GLOBAL, (cg_name(c, m) << 1) | 1);
            return;
        }
    }
    cg_emit(c, OP_PUSH_NULL, 0);
    cg_expr(c, func);
}

static bool has_starred(KaaAstSeq *elts) {
    for (int i = 0; elts && i < elts->len; i++) {
        if (elts->items[i]->kind == AST_Starred) {
            return true;
        }
    }
    return false;
}

static bool has_double_star(KaaAstSeq *keywords) {
    for (int i = 0; keywords && i < keywords->len; i++) {
        if (keywords->items[i]->v.keyword.arg == NULL) {
            return true;
        }
    }
    return false;
}

static void check_keywords(Compiler *c, KaaAstSeq *keywords) {
    for (int i = 0; keywords && i < keywords->len; i++) {
        const char *a = keywords->items[i]->v.keyword.arg;
        if (a && strcmp(a, "__debug__") == 0) {
            cg_error(c, keywords->items[i], "cannot assign to __debug__");
        }
        for (int j = i + 1; a && j < keywords->len; j++) {
            const char *b = keywords->items[j]->v.keyword.arg;
            if (b && strcmp(a, b) == 0) {
                cg_error(c, keywords->items[j], "keyword argument repeated: %s", a);
            }
        }
    }
}

// f(*args, **kwargs) and friends: build a tuple and a dict, then CALL_FUNCTION_EX.
static void call_ex(Compiler *c, int nprefix, KaaAstSeq *args, KaaAstSeq *keywords) {
    int nargs = args ? args->len : 0;
    if (nprefix == 0 && nargs == 1 && args->items[0]->kind == AST_Starred) {
        // f(*x): x itself goes to CALL_FUNCTION_EX, which checks it is iterable.
        cg_expr(c, args->items[0]->v.Starred.value);
    } else if (!has_starred(args)) {
        for (int i = 0; i < nargs; i++) {
            cg_expr(c, args->items[i]);
        }
        cg_emit(c, OP_BUILD_TUPLE, nprefix + nargs);
    } else {
        cg_emit(c, OP_BUILD_LIST, nprefix);
        for (int i = 0; i < nargs; i++) {
            KaaAst *a = args->items[i];
            if (a->kind == AST_Starred) {
                cg_expr(c, a->v.Starred.value);
                cg_emit(c, OP_LIST_EXTEND, 1);
            } else {
                cg_expr(c, a);
                cg_emit(c, OP_LIST_APPEND, 1);
            }
        }
        cg_emit(c, OP_LIST_TO_TUPLE, 0);
    }
    bool has_kw = keywords && keywords->len > 0;
    if (has_kw) {
        cg_emit(c, OP_BUILD_MAP, 0);
        for (int i = 0; i < keywords->len; i++) {
            KaaAst *k = keywords->items[i];
            if (k->v.keyword.arg != NULL) {
                cg_load_const(c, kaa_str_intern_cstr(k->v.keyword.arg));
                cg_expr(c, k->v.keyword.value);
                cg_emit(c, OP_BUILD_MAP, 1);
            } else {
                cg_expr(c, k->v.keyword.value);
            }
            cg_emit(c, OP_DICT_MERGE, 1);
        }
    }
    cg_emit(c, OP_CALL_FUNCTION_EX, has_kw ? 1 : 0);
}

// The arguments of a call whose callable (and maybe `nprefix` leading arguments) is pushed.
void cg_call_helper(Compiler *c, int nprefix, KaaAstSeq *args, KaaAstSeq *keywords) {
    check_keywords(c, keywords);
    if (has_starred(args) || has_double_star(keywords)) {
        call_ex(c, nprefix, args, keywords);
        return;
    }
    int nargs = args ? args->len : 0, nkw = keywords ? keywords->len : 0;
    for (int i = 0; i < nargs; i++) {
        cg_expr(c, args->items[i]);
    }
    if (nkw > 0) {
        KaaTuple *names = kaa_tuple_new((size_t)nkw);
        for (int i = 0; i < nkw; i++) {
            KaaAst *k = keywords->items[i];
            names->items[i] = kaa_str_intern_cstr(k->v.keyword.arg);
            cg_expr(c, k->v.keyword.value);
        }
        cg_emit(c, OP_KW_NAMES, cg_const(c, kaa_from_obj(names)));
    }
    cg_emit(c, OP_CALL, nprefix + nargs + nkw);
}

// An attribute spanning lines reports the line of its name (3.11): `(o\n .a\n .b)` fails on
// the line with `.b`.
static void attr_loc(Compiler *c, KaaAst *attr) {
    cg_set_loc(c, attr);
    if (attr->lineno != attr->end_lineno) {
        Loc *l = &c->u->loc;
        l->line = attr->end_lineno;
        l->col = attr->end_col_offset - (int)strlen(attr->v.Attribute.attr);
    }
}

static void cg_call(Compiler *c, KaaAst *e) {
    KaaAst *func = e->v.Call.func;
    KaaAstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    if (func->kind == AST_Attribute && func->v.Attribute.ctx == AST_Load && !has_starred(args) &&
        !has_double_star(kws)) {
        cg_expr(c, func->v.Attribute.value);
        attr_loc(c, func);
        cg_emit(c, OP_LOAD_METHOD, cg_name(c, cg_mangle(c, func->v.Attribute.attr)));
        cg_call_helper(c, 0, args, kws);
        return;
    }
    push_callable(c, func);
    cg_call_helper(c, 0, args, kws);
}

// ---- containers -----------------------------------------------------------------------------------

// A list, tuple or set display, with *unpacking where present.
// A list or set display of three or more constants: built from one constant, as CPython does
// (the set constant is a frozenset; its iteration order decides the new set's, so it is made
// the way CPython's constant merging makes it: a frozenset of a frozenset's items).
static bool const_display(Compiler *c, KaaAstSeq *elts, int build, int extend) {
    int n = elts ? elts->len : 0;
    if (n <= 2 || (build != OP_BUILD_LIST && build != OP_BUILD_SET)) {
        return false;
    }
    KaaTuple *items = kaa_tuple_new((size_t)n);
    for (int i = 0; i < n; i++) {
        KaaValue v = elts->items[i]->kind == AST_Starred ? KAA_NULL : cg_fold(c, elts->items[i]);
        if (v == KAA_NULL) {
            return false;
        }
        items->items[i] = v;
    }
    KaaValue k = kaa_from_obj(items);
    if (build == OP_BUILD_SET) {
        KaaValue fs = kaa_from_obj(&kaa_frozenset_type);
        k = kaa_call1(fs, kaa_list_from_iterable(kaa_call1(fs, k)));
    }
    cg_emit(c, build, 0);
    cg_load_const(c, k);
    cg_emit(c, extend, 1);
    return true;
}

static void starunpack(Compiler *c, KaaAstSeq *elts, int build, int add, int extend, bool tuple) {
    int n = elts ? elts->len : 0;
    if (!tuple && const_display(c, elts, build, extend)) {
        return;
    }
    if (!has_starred(elts)) {
        for (int i = 0; i < n; i++) {
            cg_expr(c, elts->items[i]);
        }
        cg_emit(c, build, n);
        return;
    }
    int seen = 0;
    while (seen < n && elts->items[seen]->kind != AST_Starred) {
        cg_expr(c, elts->items[seen++]);
    }
    cg_emit(c, tuple ? OP_BUILD_LIST : build, seen);
    for (int i = seen; i < n; i++) {
        KaaAst *x = elts->items[i];
        if (x->kind == AST_Starred) {
            cg_expr(c, x->v.Starred.value);
            cg_emit(c, extend, 1);
        } else {
            cg_expr(c, x);
            cg_emit(c, add, 1);
        }
    }
    if (tuple) {
        cg_emit(c, OP_LIST_TO_TUPLE, 0);
    }
}

static void cg_dict(Compiler *c, KaaAst *e) {
    KaaAstSeq *keys = e->v.Dict.keys, *values = e->v.Dict.values;
    int n = keys->len;
    bool all_const = n > 1;
    for (int i = 0; i < n && all_const; i++) {
        all_const = keys->items[i] != NULL && keys->items[i]->kind == AST_Constant;
    }
    if (all_const) {
        KaaTuple *k = kaa_tuple_new((size_t)n);
        for (int i = 0; i < n; i++) {
            k->items[i] = cg_fold(c, keys->items[i]);
            cg_expr(c, values->items[i]);
        }
        cg_load_const(c, kaa_from_obj(k));
        cg_emit(c, OP_BUILD_CONST_KEY_MAP, n);
        return;
    }
    bool have = false;
    int pending = 0;
    for (int i = 0; i < n; i++) {
        if (keys->items[i] != NULL) {
            cg_expr(c, keys->items[i]);
            cg_expr(c, values->items[i]);
            pending++;
            continue;
        }
        if (pending > 0 || !have) {
            cg_emit(c, OP_BUILD_MAP, pending);
            if (have) {
                cg_emit(c, OP_DICT_UPDATE, 1);
            }
            have = true;
            pending = 0;
        }
        cg_expr(c, values->items[i]);
        cg_emit(c, OP_DICT_UPDATE, 1);
    }
    if (pending > 0 || !have) {
        cg_emit(c, OP_BUILD_MAP, pending);
        if (have) {
            cg_emit(c, OP_DICT_UPDATE, 1);
        }
    }
}

// ---- comprehensions -------------------------------------------------------------------------------

typedef enum { COMP_LIST, COMP_SET, COMP_DICT, COMP_GEN } CompKind;

static void comp_element(Compiler *c, CompKind kind, KaaAst *elt, KaaAst *value, int depth) {
    switch (kind) {
    case COMP_GEN:
        cg_expr(c, elt);
        if (c->u->scope->is_coroutine) {
            cg_emit(c, OP_ASYNC_GEN_WRAP, 0);
        }
        cg_emit(c, OP_YIELD_VALUE, 0);
        cg_emit(c, OP_POP_TOP, 0);
        break;
    case COMP_LIST:
        cg_expr(c, elt);
        cg_emit(c, OP_LIST_APPEND, depth + 1);
        break;
    case COMP_SET:
        cg_expr(c, elt);
        cg_emit(c, OP_SET_ADD, depth + 1);
        break;
    case COMP_DICT:
        cg_expr(c, elt);
        cg_expr(c, value);
        cg_emit(c, OP_MAP_ADD, depth + 1);
        break;
    }
}

static void comp_loop(Compiler *c, KaaAstSeq *gens, int i, CompKind kind, KaaAst *elt,
                      KaaAst *value);

// The rest of the comprehension after generator i bound its target: its conditions, then the
// next generator or the element. A false condition continues at `next`.
static void comp_body(Compiler *c, KaaAstSeq *gens, int i, CompKind kind, KaaAst *elt,
                      KaaAst *value, int next) {
    KaaAst *g = gens->items[i];
    KaaAstSeq *ifs = g->v.comprehension.ifs;
    for (int k = 0; ifs && k < ifs->len; k++) {
        cg_jump_if(c, ifs->items[k], next, false);
    }
    if (i + 1 < gens->len) {
        comp_loop(c, gens, i + 1, kind, elt, value);
    } else {
        comp_element(c, kind, elt, value, gens->len);
    }
}

// `async for` in a comprehension: each step awaits __anext__() under a handler that ends the
// loop on StopAsyncIteration (END_ASYNC_FOR), as the statement does.
static void comp_async_loop(Compiler *c, KaaAstSeq *gens, int i, CompKind kind, KaaAst *elt,
                            KaaAst *value) {
    KaaAst *g = gens->items[i];
    Unit *u = c->u;
    int start = cg_new_label(c), next = cg_new_label(c), except = cg_new_label(c);
    if (i == 0) {
        cg_emit(c, OP_LOAD_FAST, 0);  // .0, the async iterator the caller passed
    } else {
        cg_expr(c, g->v.comprehension.iter);
        cg_emit(c, OP_GET_AITER, 0);
    }
    cg_place(c, start);
    Handler *outer = u->handler;
    cg_push_handler(c, except, u->depth, false);
    cg_emit(c, OP_GET_ANEXT, 0);
    cg_load_const(c, kaa_None);
    cg_yield_from_loop(c);
    u->handler = outer;
    cg_store(c, g->v.comprehension.target);
    comp_body(c, gens, i, kind, elt, value, next);
    cg_place(c, next);
    cg_jump(c, OP_JUMP_FORWARD, start);
    cg_place(c, except);
    cg_emit(c, OP_END_ASYNC_FOR, 0);
}

static void comp_loop(Compiler *c, KaaAstSeq *gens, int i, CompKind kind, KaaAst *elt,
                      KaaAst *value) {
    KaaAst *g = gens->items[i];
    if (g->v.comprehension.is_async) {
        comp_async_loop(c, gens, i, kind, elt, value);
        return;
    }
    int start = cg_new_label(c), next = cg_new_label(c), end = cg_new_label(c);
    if (i == 0) {
        cg_emit(c, OP_LOAD_FAST, 0);  // .0, the iterator the caller passed
    } else {
        cg_expr(c, g->v.comprehension.iter);
        cg_emit(c, OP_GET_ITER, 0);
    }
    cg_place(c, start);
    cg_jump(c, OP_FOR_ITER, end);
    cg_store(c, g->v.comprehension.target);
    comp_body(c, gens, i, kind, elt, value, next);
    cg_place(c, next);
    cg_jump(c, OP_JUMP_FORWARD, start);
    cg_place(c, end);
}

// Where an asynchronous list/set/dict comprehension may appear: in an async function or in
// another comprehension (which then becomes asynchronous itself).
static bool may_await_here(Compiler *c) {
    Scope *s = c->u->scope;
    return s->kind == BLOCK_FUNCTION && s->is_coroutine;
}

static void cg_comprehension(Compiler *c, KaaAst *e, CompKind kind, KaaAstSeq *gens,
                             KaaAst *elt, KaaAst *value) {
    static const char *const names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    bool outer_may_await = may_await_here(c);
    cg_enter_scope(c, e, kaa_str_from_cstr(names[kind]), e->lineno);
    Unit *u = c->u;
    bool is_async = u->scope->is_coroutine;
    if (is_async && kind != COMP_GEN && !outer_may_await) {
        cg_error(c, e, "asynchronous comprehension outside of an asynchronous function");
    }
    u->argcount = 1;
    strmap_put(&u->varnames, ".0", 0);
    if (u->scope->is_generator) {
        u->flags |= is_async ? CO_ASYNC_GENERATOR : CO_GENERATOR;
    } else if (is_async) {
        u->flags |= CO_COROUTINE;
    }
    for (int i = 0; i < u->ncellvars; i++) {
        cg_emit(c, OP_MAKE_CELL, i);
    }
    cg_set_loc(c, e);
    if (kind != COMP_GEN) {
        cg_emit(c, kind == COMP_LIST ? OP_BUILD_LIST : kind == COMP_SET ? OP_BUILD_SET : OP_BUILD_MAP,
                0);
    }
    comp_loop(c, gens, 0, kind, elt, value);
    cg_set_loc(c, e);
    if (kind == COMP_GEN) {
        cg_load_const(c, kaa_None);
    }
    cg_emit(c, OP_RETURN_VALUE, 0);
    KaaCode *code = cg_leave_scope(c);
    cg_set_loc(c, e);
    cg_make_closure(c, code, 0);
    cg_expr(c, gens->items[0]->v.comprehension.iter);
    cg_emit(c, gens->items[0]->v.comprehension.is_async ? OP_GET_AITER : OP_GET_ITER, 0);
    cg_set_loc(c, e);
    cg_emit(c, OP_CALL, 0);
    if (is_async && kind != COMP_GEN) {
        cg_emit(c, OP_GET_AWAITABLE, 0);
        cg_load_const(c, kaa_None);
        cg_yield_from_loop(c);
    }
}

// ---- lambdas, f-strings, yield ------------------------------------------------------------------

static void cg_lambda(Compiler *c, KaaAst *e) {
    KaaAst *args = e->v.Lambda.args;
    int flags = 0;
    KaaAstSeq *defaults = args->v.arguments.defaults;
    if (defaults && defaults->len > 0) {
        for (int i = 0; i < defaults->len; i++) {
            cg_expr(c, defaults->items[i]);
        }
        cg_emit(c, OP_BUILD_TUPLE, defaults->len);
        flags |= 0x01;
    }
    KaaAstSeq *kwonly = args->v.arguments.kwonlyargs, *kwd = args->v.arguments.kw_defaults;
    int n = 0;
    for (int i = 0; kwd && i < kwd->len; i++) {
        if (kwd->items[i] != NULL) {
            cg_load_const(c, kaa_str_intern_cstr(cg_mangle(c, kwonly->items[i]->v.arg.arg)));
            cg_expr(c, kwd->items[i]);
            n++;
        }
    }
    if (n > 0) {
        cg_emit(c, OP_BUILD_MAP, n);
        flags |= 0x02;
    }
    KaaCode *code = cg_make_function_code(c, e, "<lambda>", args, NULL, e->v.Lambda.body);
    cg_set_loc(c, e);
    cg_make_closure(c, code, flags);
}

static void cg_formatted_value(Compiler *c, KaaAst *e) {
    cg_expr(c, e->v.FormattedValue.value);
    int conv = e->v.FormattedValue.conversion;
    int flags = conv == 's' ? 1 : conv == 'r' ? 2 : conv == 'a' ? 3 : 0;
    if (e->v.FormattedValue.format_spec) {
        cg_expr(c, e->v.FormattedValue.format_spec);
        flags |= 4;
    }
    cg_emit(c, OP_FORMAT_VALUE, flags);
}

static void cg_joined_str(Compiler *c, KaaAst *e) {
    KaaAstSeq *values = e->v.JoinedStr.values;
    int n = values ? values->len : 0;
    if (n == 0) {
        cg_load_const(c, kaa_str_from_ascii("", 0));
        return;
    }
    for (int i = 0; i < n; i++) {
        cg_expr(c, values->items[i]);
    }
    if (n > 1 || values->items[0]->kind != AST_FormattedValue) {
        cg_emit(c, OP_BUILD_STRING, n);
    }
}

void cg_yield_from_loop(Compiler *c) {
    int start = cg_new_label(c), exit = cg_new_label(c);
    cg_place(c, start);
    cg_jump(c, OP_SEND, exit);
    cg_emit(c, OP_YIELD_VALUE, 1);
    cg_jump(c, OP_JUMP_FORWARD, start);
    cg_place(c, exit);
}

static void check_in_function(Compiler *c, KaaAst *e, const char *what) {
    if (c->u->scope->kind != BLOCK_FUNCTION) {
        cg_error(c, e, "%s", what);
    }
}

// ---- comparisons ----------------------------------------------------------------------------------

static void emit_compare_op(Compiler *c, int op) {
    switch (op) {
    case AST_Eq: cg_emit(c, OP_COMPARE_OP, KAA_EQ); break;
    case AST_NotEq: cg_emit(c, OP_COMPARE_OP, KAA_NE); break;
    case AST_Lt: cg_emit(c, OP_COMPARE_OP, KAA_LT); break;
    case AST_LtE: cg_emit(c, OP_COMPARE_OP, KAA_LE); break;
    case AST_Gt: cg_emit(c, OP_COMPARE_OP, KAA_GT); break;
    case AST_GtE: cg_emit(c, OP_COMPARE_OP, KAA_GE); break;
    case AST_Is: cg_emit(c, OP_IS_OP, 0); break;
    case AST_IsNot: cg_emit(c, OP_IS_OP, 1); break;
    case AST_In: cg_emit(c, OP_CONTAINS_OP, 0); break;
    case AST_NotIn: cg_emit(c, OP_CONTAINS_OP, 1); break;
    default: break;
    }
}

static void cg_compare(Compiler *c, KaaAst *e) {
    KaaAstIntSeq *ops = e->v.Compare.ops;
    KaaAstSeq *comps = e->v.Compare.comparators;
    int n = ops->len;
    cg_expr(c, e->v.Compare.left);
    if (n == 1) {
        cg_expr(c, comps->items[0]);
        cg_set_loc(c, e);
        emit_compare_op(c, ops->items[0]);
        return;
    }
    int cleanup = cg_new_label(c), end = cg_new_label(c);
    for (int i = 0; i < n - 1; i++) {
        cg_expr(c, comps->items[i]);
        cg_emit(c, OP_SWAP, 2);
        cg_emit(c, OP_COPY, 2);
        cg_set_loc(c, e);
        emit_compare_op(c, ops->items[i]);
        cg_jump(c, OP_JUMP_IF_FALSE_OR_POP, cleanup);
    }
    cg_expr(c, comps->items[n - 1]);
    cg_set_loc(c, e);
    emit_compare_op(c, ops->items[n - 1]);
    cg_jump(c, OP_JUMP_FORWARD, end);
    cg_place(c, cleanup);
    cg_emit(c, OP_SWAP, 2);
    cg_emit(c, OP_POP_TOP, 0);
    cg_place(c, end);
}

// Jumps to `label` when the truth of e equals cond; falls through otherwise.
void cg_jump_if(Compiler *c, KaaAst *e, int label, bool cond) {
    switch (e->kind) {
    case AST_UnaryOp:
        if (e->v.UnaryOp.op == AST_Not) {
            cg_jump_if(c, e->v.UnaryOp.operand, label, !cond);
            return;
        }
        break;
    case AST_BoolOp: {
        KaaAstSeq *vals = e->v.BoolOp.values;
        bool is_or = e->v.BoolOp.op == AST_Or;
        int n = vals->len;
        if (cond != is_or) {
            // and-jump-if-true / or-jump-if-false: every operand must decide against falling out.
            int next = cg_new_label(c);
            for (int i = 0; i < n - 1; i++) {
                cg_jump_if(c, vals->items[i], next, !cond);
            }
            cg_jump_if(c, vals->items[n - 1], label, cond);
            cg_place(c, next);
        } else {
            for (int i = 0; i < n; i++) {
                cg_jump_if(c, vals->items[i], label, cond);
            }
        }
        return;
    }
    case AST_Compare:
        if (e->v.Compare.ops->len == 1 &&
            (e->v.Compare.ops->items[0] == AST_Is || e->v.Compare.ops->items[0] == AST_IsNot) &&
            e->v.Compare.comparators->items[0]->kind == AST_Constant &&
            e->v.Compare.comparators->items[0]->v.Constant.value.kind == AST_CONST_NONE) {
            cg_expr(c, e->v.Compare.left);
            bool is = e->v.Compare.ops->items[0] == AST_Is;
            cg_set_loc(c, e);
            cg_jump(c, is == cond ? OP_POP_JUMP_IF_NONE : OP_POP_JUMP_IF_NOT_NONE, label);
            return;
        }
        break;
    case AST_Constant: {
        bool truth = kaa_truthy(cg_const_value(c, &e->v.Constant.value));
        if (truth == cond) {
            cg_jump(c, OP_JUMP_FORWARD, label);
        }
        return;
    }
    default:
        break;
    }
    cg_expr(c, e);
    cg_jump(c, cond ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, label);
}

static void cg_boolop(Compiler *c, KaaAst *e) {
    KaaAstSeq *vals = e->v.BoolOp.values;
    int end = cg_new_label(c);
    int op = e->v.BoolOp.op == AST_And ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    for (int i = 0; i < vals->len - 1; i++) {
        cg_expr(c, vals->items[i]);
        cg_jump(c, op, end);
    }
    cg_expr(c, vals->items[vals->len - 1]);
    cg_place(c, end);
}

// ---- subscripts and slices ----------------------------------------------------------------------

static void slice_parts(Compiler *c, KaaAst *s) {
    int n = 2;
    if (s->v.Slice.lower) {
        cg_expr(c, s->v.Slice.lower);
    } else {
        cg_load_const(c, kaa_None);
    }
    if (s->v.Slice.upper) {
        cg_expr(c, s->v.Slice.upper);
    } else {
        cg_load_const(c, kaa_None);
    }
    if (s->v.Slice.step) {
        cg_expr(c, s->v.Slice.step);
        n = 3;
    }
    cg_emit(c, OP_BUILD_SLICE, n);
}

static void subscript_key(Compiler *c, KaaAst *key) {
    if (key->kind == AST_Slice) {
        slice_parts(c, key);
    } else {
        cg_expr(c, key);
    }
}

// ---- the expression switch ------------------------------------------------------------------------

void cg_expr(Compiler *c, KaaAst *e) {
    kaa_check_c_stack();
    Loc saved = c->u->loc;
    cg_set_loc(c, e);
    switch (e->kind) {
    case AST_Constant:
        cg_load_const(c, cg_const_value(c, &e->v.Constant.value));
        break;
    case AST_Name:
        cg_nameop(c, e->v.Name.id, e->v.Name.ctx);
        break;
    case AST_BinOp: {
        KaaValue folded = fold_binop(c, e);
        if (folded != KAA_NULL) {
            cg_load_const(c, folded);
            break;
        }
        cg_expr(c, e->v.BinOp.left);
        cg_expr(c, e->v.BinOp.right);
        cg_set_loc(c, e);
        cg_emit(c, OP_BINARY_OP, binop_of[e->v.BinOp.op]);
        break;
    }
    case AST_UnaryOp: {
        KaaValue folded = cg_fold(c, e);
        if (folded != KAA_NULL) {
            cg_load_const(c, folded);
            break;
        }
        cg_expr(c, e->v.UnaryOp.operand);
        cg_set_loc(c, e);
        static const int ops[] = {[AST_Invert] = OP_UNARY_INVERT, [AST_Not] = OP_UNARY_NOT,
                                  [AST_UAdd] = OP_UNARY_POSITIVE, [AST_USub] = OP_UNARY_NEGATIVE};
        cg_emit(c, ops[e->v.UnaryOp.op], 0);
        break;
    }
    case AST_BoolOp: cg_boolop(c, e); break;
    case AST_Compare: cg_compare(c, e); break;
    case AST_Call: cg_call(c, e); break;
    case AST_Attribute:
        cg_expr(c, e->v.Attribute.value);
        attr_loc(c, e);
        if (e->v.Attribute.ctx == AST_Load) {
            cg_emit(c, OP_LOAD_ATTR, cg_name(c, cg_mangle(c, e->v.Attribute.attr)));
        }
        break;
    case AST_Subscript:
        cg_expr(c, e->v.Subscript.value);
        subscript_key(c, e->v.Subscript.slice);
        cg_set_loc(c, e);
        cg_emit(c, OP_BINARY_SUBSCR, 0);
        break;
    case AST_Slice: slice_parts(c, e); break;
    case AST_Tuple: {
        KaaValue folded = cg_fold(c, e);
        if (folded != KAA_NULL) {
            cg_load_const(c, folded);
        } else {
            starunpack(c, e->v.Tuple.elts, OP_BUILD_TUPLE, OP_LIST_APPEND, OP_LIST_EXTEND, true);
        }
        break;
    }
    case AST_List:
        starunpack(c, e->v.List.elts, OP_BUILD_LIST, OP_LIST_APPEND, OP_LIST_EXTEND, false);
        break;
    case AST_Set:
        starunpack(c, e->v.Set.elts, OP_BUILD_SET, OP_SET_ADD, OP_SET_UPDATE, false);
        break;
    case AST_Dict: cg_dict(c, e); break;
    case AST_IfExp: {
        int other = cg_new_label(c), end = cg_new_label(c);
        cg_jump_if(c, e->v.IfExp.test, other, false);
        cg_expr(c, e->v.IfExp.body);
        cg_jump(c, OP_JUMP_FORWARD, end);
        cg_place(c, other);
        cg_expr(c, e->v.IfExp.orelse);
        cg_place(c, end);
        break;
    }
    case AST_NamedExpr:
        cg_expr(c, e->v.NamedExpr.value);
        cg_emit(c, OP_COPY, 1);
        cg_store(c, e->v.NamedExpr.target);
        break;
    case AST_Lambda: cg_lambda(c, e); break;
    case AST_ListComp:
        cg_comprehension(c, e, COMP_LIST, e->v.ListComp.generators, e->v.ListComp.elt, NULL);
        break;
    case AST_SetComp:
        cg_comprehension(c, e, COMP_SET, e->v.SetComp.generators, e->v.SetComp.elt, NULL);
        break;
    case AST_DictComp:
        cg_comprehension(c, e, COMP_DICT, e->v.DictComp.generators, e->v.DictComp.key,
                         e->v.DictComp.value);
        break;
    case AST_GeneratorExp:
        cg_comprehension(c, e, COMP_GEN, e->v.GeneratorExp.generators, e->v.GeneratorExp.elt,
                         NULL);
        break;
    case AST_JoinedStr: cg_joined_str(c, e); break;
    case AST_FormattedValue: cg_formatted_value(c, e); break;
    case AST_Yield:
        check_in_function(c, e, "'yield' outside function");
        if (e->v.Yield.value) {
            cg_expr(c, e->v.Yield.value);
        } else {
            cg_load_const(c, kaa_None);
        }
        cg_set_loc(c, e);
        if (c->u->scope->is_coroutine) {
            cg_emit(c, OP_ASYNC_GEN_WRAP, 0);
        }
        cg_emit(c, OP_YIELD_VALUE, 0);
        break;
    case AST_YieldFrom:
        check_in_function(c, e, "'yield' outside function");
        if (c->u->scope->is_coroutine) {
            cg_error(c, e, "'yield from' inside async function");
        }
        cg_expr(c, e->v.YieldFrom.value);
        cg_set_loc(c, e);
        cg_emit(c, OP_GET_YIELD_FROM_ITER, 0);
        cg_load_const(c, kaa_None);
        cg_yield_from_loop(c);
        break;
    case AST_Await:
        if (c->u->scope->kind != BLOCK_FUNCTION) {
            cg_error(c, e, "'await' outside function");
        }
        if (!c->u->scope->is_coroutine) {
            cg_error(c, e, "'await' outside async function");
        }
        cg_expr(c, e->v.Await.value);
        cg_set_loc(c, e);
        cg_emit(c, OP_GET_AWAITABLE, 0);
        cg_load_const(c, kaa_None);
        cg_yield_from_loop(c);
        break;
    case AST_Starred:
        cg_error(c, e, "can't use starred expression here");
    default:
        cg_error(c, e, "kaa: unexpected expression");
    }
    c->u->loc = saved;
}

// ---- assignment targets -------------------------------------------------------------------------

static void unpack_target(Compiler *c, KaaAst *t, KaaAstSeq *elts) {
    int n = elts->len, star = -1;
    for (int i = 0; i < n; i++) {
        if (elts->items[i]->kind == AST_Starred) {
            if (star >= 0) {
                cg_error(c, elts->items[i], "multiple starred expressions in assignment");
            }
            star = i;
        }
    }
    cg_set_loc(c, t);
    if (star < 0) {
        cg_emit(c, OP_UNPACK_SEQUENCE, n);
    } else {
        int after = n - star - 1;
        if (star >= 256 || after >= (1 << 23)) {
            cg_error(c, t, "too many expressions in star-unpacking assignment");
        }
        cg_emit(c, OP_UNPACK_EX, star | (after << 8));
    }
    for (int i = 0; i < n; i++) {
        KaaAst *x = elts->items[i];
        cg_store(c, x->kind == AST_Starred ? x->v.Starred.value : x);
    }
}

void cg_store(Compiler *c, KaaAst *t) {
    Loc saved = c->u->loc;
    switch (t->kind) {
    case AST_Name:
        cg_set_loc(c, t);
        cg_nameop(c, t->v.Name.id, AST_Store);
        break;
    case AST_Attribute:
        cg_expr(c, t->v.Attribute.value);
        cg_set_loc(c, t);
        cg_emit(c, OP_STORE_ATTR, cg_name(c, cg_mangle(c, t->v.Attribute.attr)));
        break;
    case AST_Subscript:
        cg_expr(c, t->v.Subscript.value);
        subscript_key(c, t->v.Subscript.slice);
        cg_set_loc(c, t);
        cg_emit(c, OP_STORE_SUBSCR, 0);
        break;
    case AST_Tuple: unpack_target(c, t, t->v.Tuple.elts); break;
    case AST_List: unpack_target(c, t, t->v.List.elts); break;
    case AST_Starred:
        cg_error(c, t, "starred assignment target must be in a list or tuple");
    default:
        cg_error(c, t, "cannot assign to expression");
    }
    c->u->loc = saved;
}

void cg_delete(Compiler *c, KaaAst *t) {
    cg_set_loc(c, t);
    switch (t->kind) {
    case AST_Name: cg_nameop(c, t->v.Name.id, AST_Del); break;
    case AST_Attribute:
        cg_expr(c, t->v.Attribute.value);
        cg_set_loc(c, t);
        cg_emit(c, OP_DELETE_ATTR, cg_name(c, cg_mangle(c, t->v.Attribute.attr)));
        break;
    case AST_Subscript:
        cg_expr(c, t->v.Subscript.value);
        subscript_key(c, t->v.Subscript.slice);
        cg_set_loc(c, t);
        cg_emit(c, OP_DELETE_SUBSCR, 0);
        break;
    case AST_Tuple:
        for (int i = 0; i < t->v.Tuple.elts->len; i++) {
            cg_delete(c, t->v.Tuple.elts->items[i]);
        }
        break;
    case AST_List:
        for (int i = 0; i < t->v.List.elts->len; i++) {
            cg_delete(c, t->v.List.elts->items[i]);
        }
        break;
    default:
        cg_error(c, t, "cannot delete expression");
    }
}
