// compile/codegen.c — code generation for statements, and the emission machinery.
//
// Stage: compile, second pass. Turns each block of the AST into a list of instructions with
// labels, source locations and the exception handlers in force (a persistent stack, so the
// assembler can build the exception table). Stack depth is tracked while emitting; code that
// can't be reached is never emitted. The shapes of try/except/finally/with follow CPython
// 3.11, which the VM (vm/eval.c) mirrors: see each statement's comment for its stack.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/codegen.h"

// ---- errors -----------------------------------------------------------------------------------

// An error at the location being compiled (the node whose code is being emitted).
KAA_NORETURN void cg_error_at(Compiler *c, const char *msg) {
    Loc l = c->u->loc;
    KaaAst node = {0};
    node.lineno = l.line;
    node.end_lineno = l.end_line;
    node.col_offset = l.col;
    node.end_col_offset = l.end_col;
    compile_error(c->opt->filename, c->opt->source, &node, "%s", msg);
}

KAA_NORETURN void cg_error(Compiler *c, KaaAst *node, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    compile_error(c->opt->filename, c->opt->source, node, "%s", msg);
}

// ---- labels and instructions ---------------------------------------------------------------------

int cg_new_label(Compiler *c) {
    Unit *u = c->u;
    if (u->nlabels == u->caplabels) {
        u->caplabels = u->caplabels ? u->caplabels * 2 : 32;
        u->labels = kaa_realloc(u->labels, (size_t)u->caplabels * sizeof(Label));
    }
    u->labels[u->nlabels] = (Label){-1, -1};
    return u->nlabels++;
}

static void note_depth(Unit *u) {
    if (u->depth > u->maxdepth) {
        u->maxdepth = u->depth;
    }
}

void cg_place(Compiler *c, int label) {
    Unit *u = c->u;
    Label *l = &u->labels[label];
    l->pos = u->ninstrs;
    if (l->depth >= 0) {
        u->depth = l->depth;
        u->reachable = true;
        note_depth(u);
    } else if (u->reachable) {
        l->depth = u->depth;
    }
}

static Instr *append(Compiler *c, int op, int arg, int target) {
    Unit *u = c->u;
    if (u->ninstrs == u->capinstrs) {
        u->capinstrs = u->capinstrs ? u->capinstrs * 2 : 64;
        u->instrs = kaa_realloc(u->instrs, (size_t)u->capinstrs * sizeof(Instr));
    }
    Instr *in = &u->instrs[u->ninstrs++];
    in->op = (uint8_t)op;
    in->arg = arg;
    in->target = target;
    in->loc = u->loc;
    in->handler = u->handler;
    return in;
}

static bool is_terminal(int op) {
    return op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE ||
           op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD;
}

void cg_emit(Compiler *c, int op, int arg) {
    Unit *u = c->u;
    if (!u->reachable) {
        return;
    }
    append(c, op, arg, -1);
    u->depth += kaa_opcode_stack_effect(op, arg, 0);
    note_depth(u);
    if (is_terminal(op)) {
        u->reachable = false;
    }
}

// A jump to `label`. JUMP_FORWARD stands for any unconditional jump; the assembler picks the
// direction. Conditional jumps always go forward in kaa's instruction set.
void cg_jump(Compiler *c, int op, int label) {
    Unit *u = c->u;
    if (!u->reachable) {
        return;
    }
    Label *l = &u->labels[label];
    int jdepth = u->depth + kaa_opcode_stack_effect(op, 0, 1);
    if (l->depth < 0) {
        l->depth = jdepth;
    }
    append(c, op, 0, label);
    u->depth += kaa_opcode_stack_effect(op, 0, 0);
    note_depth(u);
    if (op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD) {
        u->reachable = false;
    }
}

void cg_set_loc(Compiler *c, KaaAst *node) {
    c->u->loc = (Loc){node->lineno, node->end_lineno, node->col_offset, node->end_col_offset};
}

Handler *cg_push_handler(Compiler *c, int label, int depth, bool lasti) {
    Unit *u = c->u;
    Handler *h = kaa_alloc(sizeof *h);
    h->label = label;
    h->depth = depth;
    h->lasti = lasti;
    h->parent = u->handler;
    u->handler = h;
    Label *l = &u->labels[label];
    if (l->depth < 0) {
        l->depth = depth + (lasti ? 1 : 0) + 1;
    }
    return h;
}

void cg_pop_handler(Compiler *c) { c->u->handler = c->u->handler->parent; }

void cg_push_fblock(Compiler *c, FBlockKind kind, int block, int exit, KaaAst *datum,
                    const char *name) {
    Unit *u = c->u;
    if (u->nfblocks >= MAX_FBLOCKS) {
        cg_error(c, datum, "too many statically nested blocks");
    }
    u->fblocks[u->nfblocks++] = (FBlock){kind, block, exit, datum, name, u->handler};
}

void cg_pop_fblock(Compiler *c) { c->u->nfblocks--; }

// ---- constants and names ----------------------------------------------------------------------

// Constants are shared within a code object when they are equal *and* of the same type (0,
// 0.0, False and -0.0 all stay distinct): the key pairs the type with the value, with floats
// compared by their bits.
static KaaValue const_key(KaaValue v) {
    KaaValue type = kaa_from_obj(kaa_type_of(v));
    if (kaa_is_float(v)) {
        double d = kaa_float_val(v);
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return kaa_from_obj(kaa_tuple_pack(2, type, kaa_int_from_u64(bits)));
    }
    if (kaa_is_type(v, &kaa_tuple_type)) {
        KaaTuple *t = kaa_tuple(v);
        KaaTuple *k = kaa_tuple_new((size_t)t->len + 1);
        k->items[0] = type;
        for (int64_t i = 0; i < t->len; i++) {
            k->items[i + 1] = const_key(t->items[i]);
        }
        return kaa_from_obj(k);
    }
    if (kaa_is_type(v, &kaa_frozenset_type)) {
        // Equal frozensets share one constant, as CPython merges them: the first one's order
        // is then the order of every set display built from it.
        KaaSet *fs = (KaaSet *)kaa_obj(v);
        KaaSet *keys = kaa_set_new(&kaa_frozenset_type);
        int64_t pos = 0;
        KaaValue item;
        while (kaa_set_next(fs, &pos, &item)) {
            kaa_set_add(keys, const_key(item));
        }
        return kaa_from_obj(kaa_tuple_pack(2, type, kaa_from_obj(keys)));
    }
    if (kaa_is_type(v, &kaa_code_type) || kaa_is_type(v, &kaa_complex_type)) {
        return kaa_from_obj(kaa_tuple_pack(2, type, kaa_from_small((int64_t)(v >> 3))));
    }
    return kaa_from_obj(kaa_tuple_pack(2, type, v));
}

int cg_const(Compiler *c, KaaValue v) {
    Unit *u = c->u;
    KaaValue key = const_key(v);
    KaaValue idx = kaa_dict_get(u->const_index, key);
    if (idx != KAA_NULL) {
        return (int)kaa_int_val(idx);
    }
    int i = (int)u->consts->len;
    kaa_list_append(u->consts, v);
    kaa_dict_set(u->const_index, key, kaa_from_small(i));
    return i;
}

void cg_load_const(Compiler *c, KaaValue v) { cg_emit(c, OP_LOAD_CONST, cg_const(c, v)); }

int cg_name(Compiler *c, const char *name) {
    int *slot = strmap_put(&c->u->names, name, c->u->names.len);
    return *slot;
}

static int varname_index(Compiler *c, const char *name) {
    return *strmap_put(&c->u->varnames, name, c->u->varnames.len);
}

const char *cg_mangle(Compiler *c, const char *name) {
    return mangle_name(c->arena, c->u->scope->private_name, name);
}

static int deref_index(Compiler *c, const char *name) {
    Unit *u = c->u;
    for (int i = 0; i < u->ncellvars; i++) {
        if (strcmp(u->cellvars[i], name) == 0) {
            return i;
        }
    }
    for (int i = 0; i < u->nfreevars; i++) {
        if (strcmp(u->freevars[i], name) == 0) {
            return u->ncellvars + i;
        }
    }
    cg_error(c, NULL, "kaa: no cell or free variable '%s' in %s", name,
             kaa_str_utf8(u->name, NULL));
}

void cg_nameop(Compiler *c, const char *name, int ctx) {
    Unit *u = c->u;
    if (strcmp(name, "__debug__") == 0) {
        // __debug__ is a constant of the compilation (False under -O).
        if (ctx == AST_Load) {
            cg_load_const(c, kaa_bool(c->opt->optimize == 0));
            return;
        }
        cg_error_at(c, ctx == AST_Store ? "cannot assign to __debug__" : "cannot delete __debug__");
    }
    const char *m = cg_mangle(c, name);
    SymScope scope = scope_of(u->scope, m);
    BlockKind kind = u->scope->kind;
    int *flags = strmap_find(&u->scope->symbols, m);
    if (kind == BLOCK_CLASS && scope == SCOPE_LOCAL) {
        scope = SCOPE_NONE;  // a class body's own names live in its namespace
    }
    (void)flags;
    switch (scope) {
    case SCOPE_FREE: case SCOPE_CELL: {
        int i = deref_index(c, m);
        if (ctx == AST_Load) {
            cg_emit(c, kind == BLOCK_CLASS ? OP_LOAD_CLASSDEREF : OP_LOAD_DEREF, i);
        } else {
            cg_emit(c, ctx == AST_Store ? OP_STORE_DEREF : OP_DELETE_DEREF, i);
        }
        return;
    }
    case SCOPE_LOCAL:
        if (kind == BLOCK_FUNCTION) {
            int i = varname_index(c, m);
            cg_emit(c, ctx == AST_Load ? OP_LOAD_FAST : ctx == AST_Store ? OP_STORE_FAST
                                                                         : OP_DELETE_FAST, i);
            return;
        }
        break;
    case SCOPE_GLOBAL_IMPLICIT:
        if (kind == BLOCK_FUNCTION) {
            goto global;
        }
        break;
    case SCOPE_GLOBAL_EXPLICIT:
    global: {
        int i = cg_name(c, m);
        if (ctx == AST_Load) {
            cg_emit(c, OP_LOAD_GLOBAL, i << 1);
        } else {
            cg_emit(c, ctx == AST_Store ? OP_STORE_GLOBAL : OP_DELETE_GLOBAL, i);
        }
        return;
    }
    default:
        break;
    }
    int i = cg_name(c, m);
    cg_emit(c, ctx == AST_Load ? OP_LOAD_NAME : ctx == AST_Store ? OP_STORE_NAME : OP_DELETE_NAME,
            i);
}

KaaValue cg_const_value(Compiler *c, const KaaAstConst *k) {
    switch (k->kind) {
    case AST_CONST_NONE: return kaa_None;
    case AST_CONST_TRUE: return kaa_True;
    case AST_CONST_FALSE: return kaa_False;
    case AST_CONST_ELLIPSIS: return kaa_Ellipsis;
    case AST_CONST_INT: return kaa_int_from_string(k->text, strlen(k->text), k->base);
    case AST_CONST_FLOAT: return kaa_from_float(k->number);
    case AST_CONST_COMPLEX: return kaa_complex_new(0.0, k->number);
    case AST_CONST_STR: {
        KaaValue s = kaa_str_from_utf8_sp(k->text, k->len);
        // Identifier-like strings are interned, as CPython does for its constants.
        bool ident = k->len < 64;
        for (size_t i = 0; ident && i < k->len; i++) {
            char ch = k->text[i];
            ident = ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9');
        }
        return ident ? kaa_str_intern(s) : s;
    }
    case AST_CONST_BYTES: return kaa_bytes_new(k->text, k->len);
    }
    return kaa_None;
}

// ---- scopes (code objects) ---------------------------------------------------------------------

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void collect_derefs(Unit *u) {
    Scope *s = u->scope;
    int n = s->scopes.len + 1;
    u->cellvars = kaa_alloc((size_t)n * sizeof(char *));
    u->freevars = kaa_alloc((size_t)n * sizeof(char *));
    for (int i = 0; i < s->scopes.len; i++) {
        const char *name = s->scopes.keys[i];
        int scope = s->scopes.values[i];
        int *flags = strmap_find(&s->symbols, name);
        if (scope == SCOPE_CELL) {
            u->cellvars[u->ncellvars++] = name;
        } else if (scope == SCOPE_FREE || (flags && (*flags & DEF_FREE_CLASS))) {
            u->freevars[u->nfreevars++] = name;
        }
    }
    if (s->needs_class_closure) {
        u->cellvars[u->ncellvars++] = "__class__";
    }
    qsort(u->cellvars, (size_t)u->ncellvars, sizeof(char *), cmp_cstr);
    qsort(u->freevars, (size_t)u->nfreevars, sizeof(char *), cmp_cstr);
}

static KaaValue make_qualname(Compiler *c, Unit *parent, KaaAst *node, KaaValue name) {
    if (parent == NULL || parent->scope->kind == BLOCK_MODULE) {
        return name;
    }
    if (node && (node->kind == AST_FunctionDef || node->kind == AST_AsyncFunctionDef ||
                 node->kind == AST_ClassDef)) {
        const char *m = mangle_name(c->arena, parent->scope->private_name,
                                    kaa_str_utf8(name, NULL));
        if (scope_of(parent->scope, m) == SCOPE_GLOBAL_EXPLICIT) {
            return name;
        }
    }
    KaaValue base = parent->qualname;
    if (parent->scope->kind == BLOCK_FUNCTION) {
        base = kaa_str_concat(base, kaa_str_from_cstr(".<locals>"));
    }
    return kaa_str_concat(kaa_str_concat(base, kaa_str_from_cstr(".")), name);
}

// CPython's CO_NESTED: some enclosing scope is a function (a method of a module-level class
// is not nested; one of a class defined inside a function is).
static bool scope_is_nested(Scope *s) {
    for (Scope *p = s->parent; p != NULL; p = p->parent) {
        if (p->kind == BLOCK_FUNCTION) {
            return true;
        }
    }
    return false;
}

Unit *cg_enter_scope(Compiler *c, KaaAst *node, KaaValue name, int firstlineno) {
    Unit *u = kaa_alloc(sizeof *u);
    u->scope = node ? symtable_lookup(c->st, node) : c->st->top;
    u->name = kaa_str_intern(name);
    u->const_index = kaa_dict_new();
    u->consts = kaa_list_new(0);
    strmap_init(&u->names);
    strmap_init(&u->varnames);
    u->reachable = true;
    u->firstlineno = firstlineno;
    u->parent = c->u;
    u->qualname = make_qualname(c, c->u, node, name);
    c->u = u;
    collect_derefs(u);
    if (u->scope->kind == BLOCK_FUNCTION) {
        u->flags |= CO_OPTIMIZED | CO_NEWLOCALS;
        if (scope_is_nested(u->scope)) {
            u->flags |= CO_NESTED;
        }
    }
    return u;
}

// MAKE_CELL for every cell, before the body runs (a parameter's value moves into its cell).
static void emit_prologue(Compiler *c) {
    Unit *u = c->u;
    Loc saved = u->loc;
    u->loc = (Loc){0, 0, 0, 0};
    for (int i = 0; i < u->ncellvars; i++) {
        cg_emit(c, OP_MAKE_CELL, i);
    }
    u->loc = saved;
}

KaaCode *cg_leave_scope(Compiler *c) {
    Unit *u = c->u;
    if (u->reachable) {
        u->loc = (Loc){0, 0, 0, 0};
        cg_load_const(c, kaa_None);
        cg_emit(c, OP_RETURN_VALUE, 0);
    }
    KaaCode *code = assemble_unit(c, u);
    c->u = u->parent;
    return code;
}

// ---- docstrings and annotations -----------------------------------------------------------------

static KaaAst *docstring_of(KaaAstSeq *body) {
    if (body == NULL || body->len == 0) {
        return NULL;
    }
    KaaAst *s = body->items[0];
    if (s->kind != AST_Expr || s->v.Expr.value->kind != AST_Constant ||
        s->v.Expr.value->v.Constant.value.kind != AST_CONST_STR) {
        return NULL;
    }
    return s->v.Expr.value;
}

// Whether a block has annotations that need __annotations__ (module and class bodies).
static bool find_annotations(KaaAstSeq *body) {
    for (int i = 0; body && i < body->len; i++) {
        KaaAst *s = body->items[i];
        switch (s->kind) {
        case AST_AnnAssign: return true;
        case AST_For: case AST_AsyncFor:
            if (find_annotations(s->v.For.body) || find_annotations(s->v.For.orelse)) {
                return true;
            }
            break;
        case AST_While:
            if (find_annotations(s->v.While.body) || find_annotations(s->v.While.orelse)) {
                return true;
            }
            break;
        case AST_If:
            if (find_annotations(s->v.If.body) || find_annotations(s->v.If.orelse)) {
                return true;
            }
            break;
        case AST_With: case AST_AsyncWith:
            if (find_annotations(s->v.With.body)) {
                return true;
            }
            break;
        case AST_Try: case AST_TryStar:
            if (find_annotations(s->v.Try.body) || find_annotations(s->v.Try.orelse) ||
                find_annotations(s->v.Try.finalbody)) {
                return true;
            }
            for (int h = 0; h < s->v.Try.handlers->len; h++) {
                if (find_annotations(s->v.Try.handlers->items[h]->v.ExceptHandler.body)) {
                    return true;
                }
            }
            break;
        case AST_Match:
            for (int k = 0; k < s->v.Match.cases->len; k++) {
                if (find_annotations(s->v.Match.cases->items[k]->v.match_case.body)) {
                    return true;
                }
            }
            break;
        default: break;
        }
    }
    return false;
}

// The body of a module or class: docstring into __doc__, then the statements.
static void body_with_docstring(Compiler *c, KaaAstSeq *body) {
    KaaAst *doc = docstring_of(body);
    int start = 0;
    if (doc != NULL) {
        start = 1;
        if (c->opt->optimize < 2) {
            cg_set_loc(c, body->items[0]);
            cg_load_const(c, cg_const_value(c, &doc->v.Constant.value));
            cg_nameop(c, "__doc__", AST_Store);
        }
    }
    for (int i = start; i < body->len; i++) {
        kaa_check_c_stack();
        cg_stmt(c, body->items[i]);
    }
}

// ---- functions and classes ----------------------------------------------------------------------

static void check_param_name(Compiler *c, KaaAst *arg) {
    if (strcmp(arg->v.arg.arg, "__debug__") == 0) {
        cg_error(c, arg, "cannot assign to __debug__");
    }
}

static void add_params(Compiler *c, KaaAst *args) {
    Unit *u = c->u;
    KaaAstSeq *all[3] = {args->v.arguments.posonlyargs, args->v.arguments.args,
                         args->v.arguments.kwonlyargs};
    for (int l = 0; l < 3; l++) {
        for (int i = 0; all[l] && i < all[l]->len; i++) {
            check_param_name(c, all[l]->items[i]);
        }
    }
    if (args->v.arguments.vararg) {
        check_param_name(c, args->v.arguments.vararg);
    }
    if (args->v.arguments.kwarg) {
        check_param_name(c, args->v.arguments.kwarg);
    }
    KaaAstSeq *po = args->v.arguments.posonlyargs, *a = args->v.arguments.args;
    KaaAstSeq *kw = args->v.arguments.kwonlyargs;
    for (int i = 0; po && i < po->len; i++) {
        varname_index(c, cg_mangle(c, po->items[i]->v.arg.arg));
    }
    for (int i = 0; a && i < a->len; i++) {
        varname_index(c, cg_mangle(c, a->items[i]->v.arg.arg));
    }
    for (int i = 0; kw && i < kw->len; i++) {
        varname_index(c, cg_mangle(c, kw->items[i]->v.arg.arg));
    }
    if (args->v.arguments.vararg) {
        varname_index(c, cg_mangle(c, args->v.arguments.vararg->v.arg.arg));
        u->flags |= CO_VARARGS;
    }
    if (args->v.arguments.kwarg) {
        varname_index(c, cg_mangle(c, args->v.arguments.kwarg->v.arg.arg));
        u->flags |= CO_VARKEYWORDS;
    }
    u->posonlyargcount = po ? po->len : 0;
    u->argcount = u->posonlyargcount + (a ? a->len : 0);
    u->kwonlyargcount = kw ? kw->len : 0;
}

// The first line of a definition: its first decorator's, as in CPython.
static int first_line(KaaAst *node) {
    KaaAstSeq *decos = node->kind == AST_FunctionDef        ? node->v.FunctionDef.decorator_list
                       : node->kind == AST_AsyncFunctionDef ? node->v.AsyncFunctionDef.decorator_list
                       : node->kind == AST_ClassDef          ? node->v.ClassDef.decorator_list
                                                             : NULL;
    return decos && decos->len > 0 ? decos->items[0]->lineno : node->lineno;
}

KaaCode *cg_make_function_code(Compiler *c, KaaAst *node, const char *name, KaaAst *args,
                               KaaAstSeq *body, KaaAst *body_expr) {
    cg_enter_scope(c, node, kaa_str_from_cstr(name), first_line(node));
    Unit *u = c->u;
    Scope *s = u->scope;
    if (s->is_generator) {
        u->flags |= s->is_coroutine ? CO_ASYNC_GENERATOR : CO_GENERATOR;
    } else if (s->is_coroutine) {
        u->flags |= CO_COROUTINE;
    }
    add_params(c, args);
    emit_prologue(c);
    // consts[0] is the docstring or None: function objects read __doc__ from there.
    KaaAst *doc = body_expr ? NULL : docstring_of(body);
    if (doc != NULL && c->opt->optimize < 2) {
        cg_const(c, cg_const_value(c, &doc->v.Constant.value));
    } else {
        cg_const(c, kaa_None);
    }
    if (body_expr != NULL) {
        cg_set_loc(c, body_expr);
        cg_expr(c, body_expr);
        if (!s->is_generator) {
            cg_emit(c, OP_RETURN_VALUE, 0);
        } else {
            cg_emit(c, OP_POP_TOP, 0);
        }
    } else {
        for (int i = doc ? 1 : 0; i < body->len; i++) {
            cg_stmt(c, body->items[i]);
        }
    }
    return cg_leave_scope(c);
}

// Pushes the closure tuple (if the code has free variables) and makes the function.
void cg_make_closure(Compiler *c, KaaCode *code, int flags) {
    if (code->nfreevars > 0) {
        KaaTuple *names = code->localsplusnames;
        for (int32_t i = code->nlocalsplus - code->nfreevars; i < code->nlocalsplus; i++) {
            const char *name = kaa_str_utf8(names->items[i], NULL);
            cg_emit(c, OP_LOAD_CLOSURE, deref_index(c, name));
        }
        cg_emit(c, OP_BUILD_TUPLE, code->nfreevars);
        flags |= 0x08;
    }
    cg_load_const(c, kaa_from_obj(code));
    cg_emit(c, OP_MAKE_FUNCTION, flags);
}

static int emit_defaults(Compiler *c, KaaAst *args) {
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
            KaaValue key = kaa_str_intern_cstr(cg_mangle(c, kwonly->items[i]->v.arg.arg));
            cg_load_const(c, key);
            cg_expr(c, kwd->items[i]);
            n++;
        }
    }
    if (n > 0) {
        cg_emit(c, OP_BUILD_MAP, n);
        flags |= 0x02;
    }
    return flags;
}

// An annotation's value: evaluated, or under `from __future__ import annotations` its source
// text as CPython writes it back.
static void cg_annotation(Compiler *c, KaaAst *ann) {
    if (c->opt->flags & KAA_CO_FUTURE_ANNOTATIONS) {
        cg_load_const(c, kaa_str_intern(cg_unparse_annotation(ann)));
    } else {
        cg_expr(c, ann);
    }
}

static int annotation_pair(Compiler *c, const char *name, KaaAst *ann) {
    if (ann == NULL) {
        return 0;
    }
    cg_load_const(c, kaa_str_intern_cstr(cg_mangle(c, name)));
    cg_annotation(c, ann);
    return 2;
}

static int emit_annotations(Compiler *c, KaaAst *args, KaaAst *returns) {
    int n = 0;
    KaaAstSeq *lists[3] = {args->v.arguments.posonlyargs, args->v.arguments.args,
                           args->v.arguments.kwonlyargs};
    for (int l = 0; l < 2; l++) {
        for (int i = 0; lists[l] && i < lists[l]->len; i++) {
            KaaAst *a = lists[l]->items[i];
            n += annotation_pair(c, a->v.arg.arg, a->v.arg.annotation);
        }
    }
    if (args->v.arguments.vararg) {
        n += annotation_pair(c, args->v.arguments.vararg->v.arg.arg,
                             args->v.arguments.vararg->v.arg.annotation);
    }
    for (int i = 0; lists[2] && i < lists[2]->len; i++) {
        KaaAst *a = lists[2]->items[i];
        n += annotation_pair(c, a->v.arg.arg, a->v.arg.annotation);
    }
    if (args->v.arguments.kwarg) {
        n += annotation_pair(c, args->v.arguments.kwarg->v.arg.arg,
                             args->v.arguments.kwarg->v.arg.annotation);
    }
    if (returns) {
        cg_load_const(c, kaa_str_intern_cstr("return"));
        cg_annotation(c, returns);
        n += 2;
    }
    if (n == 0) {
        return 0;
    }
    cg_emit(c, OP_BUILD_TUPLE, n);
    return 0x04;
}

static void emit_decorators(Compiler *c, KaaAstSeq *decos) {
    for (int i = 0; decos && i < decos->len; i++) {
        cg_expr(c, decos->items[i]);
    }
}

// Decorators are applied innermost first: [deco, func] CALL 0 calls deco(func).
static void apply_decorators(Compiler *c, KaaAstSeq *decos) {
    for (int i = decos ? decos->len - 1 : -1; i >= 0; i--) {
        cg_set_loc(c, decos->items[i]);
        cg_emit(c, OP_CALL, 0);
    }
}

static void cg_function_def(Compiler *c, KaaAst *s) {
    bool is_async = s->kind == AST_AsyncFunctionDef;
    const char *name = is_async ? s->v.AsyncFunctionDef.name : s->v.FunctionDef.name;
    KaaAst *args = is_async ? s->v.AsyncFunctionDef.args : s->v.FunctionDef.args;
    KaaAstSeq *decos = is_async ? s->v.AsyncFunctionDef.decorator_list
                                : s->v.FunctionDef.decorator_list;
    KaaAst *returns = is_async ? s->v.AsyncFunctionDef.returns : s->v.FunctionDef.returns;
    KaaAstSeq *body = is_async ? s->v.AsyncFunctionDef.body : s->v.FunctionDef.body;
    emit_decorators(c, decos);
    int flags = emit_defaults(c, args);
    flags |= emit_annotations(c, args, returns);
    KaaCode *code = cg_make_function_code(c, s, name, args, body, NULL);
    cg_set_loc(c, s);
    cg_make_closure(c, code, flags);
    apply_decorators(c, decos);
    cg_nameop(c, name, AST_Store);
}

static KaaCode *class_body_code(Compiler *c, KaaAst *s) {
    cg_enter_scope(c, s, kaa_str_from_cstr(s->v.ClassDef.name), first_line(s));
    Unit *u = c->u;
    emit_prologue(c);
    cg_set_loc(c, s);
    cg_nameop(c, "__name__", AST_Load);
    cg_nameop(c, "__module__", AST_Store);
    cg_load_const(c, u->qualname);
    cg_nameop(c, "__qualname__", AST_Store);
    if (find_annotations(s->v.ClassDef.body)) {
        cg_emit(c, OP_SETUP_ANNOTATIONS, 0);
    }
    body_with_docstring(c, s->v.ClassDef.body);
    u->loc = (Loc){0, 0, 0, 0};
    if (u->scope->needs_class_closure) {
        // The class body returns its __class__ cell; __build_class__ checks it was filled.
        cg_emit(c, OP_LOAD_CLOSURE, deref_index(c, "__class__"));
        cg_emit(c, OP_COPY, 1);
        cg_nameop(c, "__classcell__", AST_Store);
        cg_emit(c, OP_RETURN_VALUE, 0);
    } else {
        cg_load_const(c, kaa_None);
        cg_emit(c, OP_RETURN_VALUE, 0);
    }
    return cg_leave_scope(c);
}

static void cg_class_def(Compiler *c, KaaAst *s) {
    KaaAstSeq *decos = s->v.ClassDef.decorator_list;
    emit_decorators(c, decos);
    KaaCode *code = class_body_code(c, s);
    cg_set_loc(c, s);
    cg_emit(c, OP_PUSH_NULL, 0);
    cg_emit(c, OP_LOAD_BUILD_CLASS, 0);
    cg_make_closure(c, code, 0);
    cg_load_const(c, kaa_str_intern_cstr(s->v.ClassDef.name));
    cg_call_helper(c, 2, s->v.ClassDef.bases, s->v.ClassDef.keywords);
    apply_decorators(c, decos);
    cg_nameop(c, s->v.ClassDef.name, AST_Store);
}

// ---- unwinding for return, break, continue -----------------------------------------------------

static void pop_except_and_name(Compiler *c, const char *name) {
    cg_emit(c, OP_POP_EXCEPT, 0);
    if (name != NULL) {
        cg_load_const(c, kaa_None);
        cg_nameop(c, name, AST_Store);
        cg_nameop(c, name, AST_Del);
    }
}

static void call_exit_with_none(Compiler *c) {
    cg_load_const(c, kaa_None);
    cg_load_const(c, kaa_None);
    cg_load_const(c, kaa_None);
    cg_emit(c, OP_CALL, 2);
}

// Emits what leaving block `fb` early requires; the value on top of the stack (a return value)
// is kept on top when preserve_tos.
static void unwind_fblock(Compiler *c, FBlock *fb, bool preserve_tos) {
    switch (fb->kind) {
    case FB_WHILE_LOOP: case FB_EXCEPTION_HANDLER: case FB_EXCEPTION_GROUP_HANDLER:
        return;
    case FB_FOR_LOOP:
        if (preserve_tos) {
            cg_emit(c, OP_SWAP, 2);
        }
        cg_emit(c, OP_POP_TOP, 0);  // the iterator
        return;
    case FB_TRY_EXCEPT:
        c->u->handler = fb->outer;
        return;
    case FB_FINALLY_TRY:
        c->u->handler = fb->outer;
        if (preserve_tos) {
            cg_push_fblock(c, FB_POP_VALUE, -1, -1, NULL, NULL);
        }
        cg_stmts(c, fb->datum->v.Try.finalbody);
        if (preserve_tos) {
            cg_pop_fblock(c);
        }
        return;
    case FB_FINALLY_END:
        // [prev_exc, exc] below the value
        if (preserve_tos) {
            cg_emit(c, OP_SWAP, 2);
        }
        cg_emit(c, OP_POP_TOP, 0);
        if (preserve_tos) {
            cg_emit(c, OP_SWAP, 2);
        }
        c->u->handler = fb->outer;
        cg_emit(c, OP_POP_EXCEPT, 0);
        return;
    case FB_WITH: case FB_ASYNC_WITH:
        c->u->handler = fb->outer;
        if (preserve_tos) {
            cg_emit(c, OP_SWAP, 2);
        }
        call_exit_with_none(c);
        if (fb->kind == FB_ASYNC_WITH) {
            cg_emit(c, OP_GET_AWAITABLE, 2);
            cg_load_const(c, kaa_None);
            cg_yield_from_loop(c);
        }
        cg_emit(c, OP_POP_TOP, 0);
        return;
    case FB_HANDLER_CLEANUP:
        c->u->handler = fb->outer;
        if (preserve_tos) {
            cg_emit(c, OP_SWAP, 2);
        }
        pop_except_and_name(c, fb->name);
        return;
    case FB_POP_VALUE:
        if (preserve_tos) {
            cg_emit(c, OP_SWAP, 2);
        }
        cg_emit(c, OP_POP_TOP, 0);
        return;
    }
}

// Unwinds blocks up to the innermost loop (when `loop` is given) or all of them. Returns
// false when a loop was wanted and none was found.
bool cg_unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop) {
    Unit *u = c->u;
    if (u->nfblocks == 0) {
        return loop == NULL;
    }
    FBlock *top = &u->fblocks[u->nfblocks - 1];
    if (top->kind == FB_EXCEPTION_GROUP_HANDLER) {
        cg_error_at(c, "'break', 'continue' and 'return' cannot appear in an except* block");
    }
    if (loop != NULL && (top->kind == FB_WHILE_LOOP || top->kind == FB_FOR_LOOP)) {
        *loop = top;
        return true;
    }
    FBlock copy = *top;
    u->nfblocks--;
    unwind_fblock(c, &copy, preserve_tos);
    bool r = cg_unwind_fblock_stack(c, preserve_tos, loop);
    u->fblocks[u->nfblocks++] = copy;
    return r;
}

static void cg_return(Compiler *c, KaaAst *s) {
    Unit *u = c->u;
    if (u->scope->kind != BLOCK_FUNCTION) {
        cg_error(c, s, "'return' outside function");
    }
    KaaAst *value = s->v.Return.value;
    if (value != NULL && u->scope->is_coroutine && u->scope->is_generator) {
        cg_error(c, s, "'return' with value in async generator");
    }
    bool preserve = value != NULL && !cg_is_const(value);
    if (preserve) {
        cg_expr(c, value);
    }
    Handler *saved = u->handler;
    cg_unwind_fblock_stack(c, preserve, NULL);
    if (!preserve) {
        cg_set_loc(c, s);
        cg_load_const(c, value ? cg_fold(c, value) : kaa_None);
    }
    cg_emit(c, OP_RETURN_VALUE, 0);
    u->handler = saved;
}

static void cg_break_continue(Compiler *c, KaaAst *s, bool is_break) {
    Unit *u = c->u;
    Handler *saved = u->handler;
    FBlock *loop = NULL;
    if (!cg_unwind_fblock_stack(c, false, &loop) || loop == NULL) {
        cg_error(c, s, is_break ? "'break' outside loop" : "'continue' not properly in loop");
    }
    if (is_break) {
        unwind_fblock(c, loop, false);
        cg_jump(c, OP_JUMP_FORWARD, loop->exit);
    } else {
        cg_jump(c, OP_JUMP_FORWARD, loop->block);
    }
    u->handler = saved;
}

// ---- control flow -------------------------------------------------------------------------------

// A constant truth value of a test, or -1 when it must be evaluated.
static int const_truth(Compiler *c, KaaAst *e) {
    if (e->kind != AST_Constant) {
        return -1;
    }
    return kaa_truthy(cg_const_value(c, &e->v.Constant.value));
}

static void cg_if(Compiler *c, KaaAst *s) {
    int truth = const_truth(c, s->v.If.test);
    if (truth == 1) {
        cg_stmts(c, s->v.If.body);
        return;
    }
    if (truth == 0) {
        cg_stmts(c, s->v.If.orelse);
        return;
    }
    int end = cg_new_label(c);
    bool has_else = s->v.If.orelse && s->v.If.orelse->len > 0;
    int next = has_else ? cg_new_label(c) : end;
    cg_jump_if(c, s->v.If.test, next, false);
    cg_stmts(c, s->v.If.body);
    if (has_else) {
        cg_jump(c, OP_JUMP_FORWARD, end);
        cg_place(c, next);
        cg_stmts(c, s->v.If.orelse);
    }
    cg_place(c, end);
}

static void cg_while(Compiler *c, KaaAst *s) {
    int truth = const_truth(c, s->v.While.test);
    if (truth == 0) {
        cg_stmts(c, s->v.While.orelse);
        return;
    }
    int start = cg_new_label(c), anchor = cg_new_label(c), end = cg_new_label(c);
    cg_place(c, start);
    if (truth != 1) {
        cg_jump_if(c, s->v.While.test, anchor, false);
    }
    cg_push_fblock(c, FB_WHILE_LOOP, start, end, NULL, NULL);
    cg_stmts(c, s->v.While.body);
    cg_pop_fblock(c);
    cg_set_loc(c, s);
    cg_jump(c, OP_JUMP_FORWARD, start);
    cg_place(c, anchor);
    cg_stmts(c, s->v.While.orelse);
    cg_place(c, end);
}

// async for: each step awaits __anext__() under a handler that ends the loop on
// StopAsyncIteration (END_ASYNC_FOR); [aiter] stays on the stack throughout.
static void cg_async_for(Compiler *c, KaaAst *s) {
    Unit *u = c->u;
    if (u->scope->kind != BLOCK_FUNCTION || !u->scope->is_coroutine) {
        cg_error(c, s, "'async for' outside async function");
    }
    int start = cg_new_label(c), except = cg_new_label(c), end = cg_new_label(c);
    cg_expr(c, s->v.For.iter);
    cg_set_loc(c, s->v.For.iter);
    cg_emit(c, OP_GET_AITER, 0);
    cg_place(c, start);
    Handler *outer = u->handler;
    cg_push_handler(c, except, u->depth, false);
    cg_set_loc(c, s);
    cg_emit(c, OP_GET_ANEXT, 0);
    cg_load_const(c, kaa_None);
    cg_yield_from_loop(c);
    u->handler = outer;
    cg_store(c, s->v.For.target);
    cg_push_fblock(c, FB_FOR_LOOP, start, end, NULL, NULL);
    cg_stmts(c, s->v.For.body);
    cg_pop_fblock(c);
    cg_set_loc(c, s);
    cg_jump(c, OP_JUMP_FORWARD, start);
    cg_place(c, except);
    u->loc = (Loc){0, 0, 0, 0};
    cg_emit(c, OP_END_ASYNC_FOR, 0);
    cg_stmts(c, s->v.For.orelse);
    cg_place(c, end);
}

static void cg_for(Compiler *c, KaaAst *s) {
    if (s->kind == AST_AsyncFor) {
        cg_async_for(c, s);
        return;
    }
    int start = cg_new_label(c), cleanup = cg_new_label(c), end = cg_new_label(c);
    cg_expr(c, s->v.For.iter);
    cg_set_loc(c, s->v.For.iter);
    cg_emit(c, OP_GET_ITER, 0);
    cg_place(c, start);
    cg_set_loc(c, s);
    cg_jump(c, OP_FOR_ITER, cleanup);
    cg_store(c, s->v.For.target);
    cg_push_fblock(c, FB_FOR_LOOP, start, end, NULL, NULL);
    cg_stmts(c, s->v.For.body);
    cg_pop_fblock(c);
    cg_set_loc(c, s);
    cg_jump(c, OP_JUMP_FORWARD, start);
    cg_place(c, cleanup);
    cg_stmts(c, s->v.For.orelse);
    cg_place(c, end);
}

// try: body / except ...: handlers / else: orelse
//   body runs under handler `except` (depth d). At `except` the stack is [exc]; PUSH_EXC_INFO
//   makes it [prev_exc, exc] under handler `cleanup` (depth d+1, lasti), which restores
//   prev_exc if a handler itself raises.
static void cg_try_except(Compiler *c, KaaAst *s) {
    Unit *u = c->u;
    int except = cg_new_label(c), orelse = cg_new_label(c), end = cg_new_label(c);
    int cleanup = cg_new_label(c);
    Handler *outer = u->handler;
    int d = u->depth;
    cg_push_handler(c, except, d, false);
    cg_push_fblock(c, FB_TRY_EXCEPT, -1, -1, NULL, NULL);
    cg_stmts(c, s->v.Try.body);
    cg_pop_fblock(c);
    u->handler = outer;
    cg_jump(c, OP_JUMP_FORWARD, orelse);

    cg_place(c, except);
    cg_push_handler(c, cleanup, d + 1, true);
    Handler *in_handlers = u->handler;
    cg_push_fblock(c, FB_EXCEPTION_HANDLER, -1, -1, NULL, NULL);
    cg_emit(c, OP_PUSH_EXC_INFO, 0);
    KaaAstSeq *hs = s->v.Try.handlers;
    for (int i = 0; i < hs->len; i++) {
        KaaAst *h = hs->items[i];
        cg_set_loc(c, h);
        if (h->v.ExceptHandler.type == NULL && i < hs->len - 1) {
            cg_error(c, h, "default 'except:' must be last");
        }
        int next = cg_new_label(c);
        if (h->v.ExceptHandler.type) {
            cg_expr(c, h->v.ExceptHandler.type);
            cg_emit(c, OP_CHECK_EXC_MATCH, 0);
            cg_jump(c, OP_POP_JUMP_IF_FALSE, next);
        }
        const char *name = h->v.ExceptHandler.name;
        if (name != NULL) {
            int cleanup_end = cg_new_label(c);
            cg_nameop(c, name, AST_Store);
            cg_push_handler(c, cleanup_end, d + 1, true);
            cg_push_fblock(c, FB_HANDLER_CLEANUP, -1, -1, NULL, name);
            cg_stmts(c, h->v.ExceptHandler.body);
            cg_pop_fblock(c);
            u->handler = outer;
            pop_except_and_name(c, name);
            cg_jump(c, OP_JUMP_FORWARD, end);
            // The body raised: unbind the name, then re-raise under `cleanup`.
            u->handler = in_handlers;
            cg_place(c, cleanup_end);
            u->loc = (Loc){0, 0, 0, 0};
            cg_load_const(c, kaa_None);
            cg_nameop(c, name, AST_Store);
            cg_nameop(c, name, AST_Del);
            cg_emit(c, OP_RERAISE, 1);
        } else {
            cg_emit(c, OP_POP_TOP, 0);
            cg_push_fblock(c, FB_HANDLER_CLEANUP, -1, -1, NULL, NULL);
            cg_stmts(c, h->v.ExceptHandler.body);
            cg_pop_fblock(c);
            u->handler = outer;
            cg_emit(c, OP_POP_EXCEPT, 0);
            cg_jump(c, OP_JUMP_FORWARD, end);
        }
        u->handler = in_handlers;
        cg_place(c, next);
    }
    cg_pop_fblock(c);
    u->loc = (Loc){0, 0, 0, 0};
    cg_emit(c, OP_RERAISE, 0);  // no handler matched
    u->handler = outer;
    cg_place(c, cleanup);
    cg_emit(c, OP_COPY, 3);
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_emit(c, OP_RERAISE, 1);
    cg_place(c, orelse);
    cg_stmts(c, s->v.Try.orelse);
    cg_place(c, end);
}

// try: body / except* T as e: handler ...
//   At the handler the stack is [prev_exc, orig] (PUSH_EXC_INFO) and becomes
//   [prev_exc, orig, raised_list, rest]: each clause splits `rest` with CHECK_EG_MATCH; what a
//   clause raises goes into raised_list; PREP_RERAISE_STAR combines them with what is left.
static void cg_try_star(Compiler *c, KaaAst *s) {
    Unit *u = c->u;
    int except = cg_new_label(c), orelse = cg_new_label(c), end = cg_new_label(c);
    int cleanup = cg_new_label(c), reraise_star = cg_new_label(c), reraise = cg_new_label(c);
    Handler *outer = u->handler;
    int d = u->depth;
    cg_push_handler(c, except, d, false);
    cg_push_fblock(c, FB_TRY_EXCEPT, -1, -1, NULL, NULL);
    cg_stmts(c, s->v.TryStar.body);
    cg_pop_fblock(c);
    u->handler = outer;
    cg_jump(c, OP_JUMP_FORWARD, orelse);

    cg_place(c, except);
    cg_push_handler(c, cleanup, d + 1, true);
    Handler *in_handlers = u->handler;
    cg_push_fblock(c, FB_EXCEPTION_GROUP_HANDLER, -1, -1, NULL, NULL);
    cg_emit(c, OP_PUSH_EXC_INFO, 0);
    KaaAstSeq *hs = s->v.TryStar.handlers;
    for (int i = 0; i < hs->len; i++) {
        KaaAst *h = hs->items[i];
        cg_set_loc(c, h);
        int next = cg_new_label(c), no_match = cg_new_label(c);
        int with_error = cg_new_label(c);
        if (i == 0) {
            cg_emit(c, OP_BUILD_LIST, 0);
            cg_emit(c, OP_COPY, 2);
        }
        if (h->v.ExceptHandler.type == NULL) {
            cg_error(c, h, "expected one or more exception types");
        }
        cg_expr(c, h->v.ExceptHandler.type);
        cg_emit(c, OP_CHECK_EG_MATCH, 0);
        cg_emit(c, OP_COPY, 1);
        cg_jump(c, OP_POP_JUMP_IF_NONE, no_match);
        const char *name = h->v.ExceptHandler.name;
        int cleanup_end = cg_new_label(c);
        if (name != NULL) {
            cg_nameop(c, name, AST_Store);
        } else {
            cg_emit(c, OP_POP_TOP, 0);
        }
        cg_push_handler(c, cleanup_end, d + 4, true);
        cg_push_fblock(c, FB_HANDLER_CLEANUP, -1, -1, NULL, name);
        cg_stmts(c, h->v.ExceptHandler.body);
        cg_pop_fblock(c);
        u->handler = in_handlers;
        if (name != NULL) {
            cg_load_const(c, kaa_None);
            cg_nameop(c, name, AST_Store);
            cg_nameop(c, name, AST_Del);
        }
        cg_jump(c, OP_JUMP_FORWARD, with_error);
        // The clause raised: keep that exception in the list and go on.
        cg_place(c, cleanup_end);
        u->loc = (Loc){0, 0, 0, 0};
        if (name != NULL) {
            cg_load_const(c, kaa_None);
            cg_nameop(c, name, AST_Store);
            cg_nameop(c, name, AST_Del);
        }
        cg_emit(c, OP_LIST_APPEND, 3);
        cg_emit(c, OP_POP_TOP, 0);  // lasti
        cg_jump(c, OP_JUMP_FORWARD, with_error);
        cg_place(c, no_match);
        cg_emit(c, OP_POP_TOP, 0);
        cg_place(c, with_error);
        if (i == hs->len - 1) {
            cg_emit(c, OP_LIST_APPEND, 1);  // the unhandled rest (or None)
            cg_jump(c, OP_JUMP_FORWARD, reraise_star);
        }
        cg_place(c, next);
    }
    cg_pop_fblock(c);
    cg_place(c, reraise_star);
    u->loc = (Loc){0, 0, 0, 0};
    cg_emit(c, OP_PREP_RERAISE_STAR, 0);
    cg_emit(c, OP_COPY, 1);
    cg_jump(c, OP_POP_JUMP_IF_NOT_NONE, reraise);
    cg_emit(c, OP_POP_TOP, 0);
    u->handler = outer;
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_jump(c, OP_JUMP_FORWARD, end);
    u->handler = in_handlers;
    cg_place(c, reraise);
    u->handler = outer;
    cg_emit(c, OP_SWAP, 2);
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_emit(c, OP_RERAISE, 0);
    cg_place(c, cleanup);
    cg_emit(c, OP_COPY, 3);
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_emit(c, OP_RERAISE, 1);
    cg_place(c, orelse);
    cg_stmts(c, s->v.TryStar.orelse);
    cg_place(c, end);
}

// try: body / finally: final
//   The finally body is emitted twice: inline after a normal exit, and at the handler, where
//   the stack is [prev_exc, exc] under `cleanup`.
static void cg_try_finally(Compiler *c, KaaAst *s) {
    Unit *u = c->u;
    int handler = cg_new_label(c), cleanup = cg_new_label(c), exit = cg_new_label(c);
    Handler *outer = u->handler;
    int d = u->depth;
    cg_push_handler(c, handler, d, false);
    cg_push_fblock(c, FB_FINALLY_TRY, -1, -1, s, NULL);
    if (s->v.Try.handlers && s->v.Try.handlers->len > 0) {
        if (s->kind == AST_TryStar) {
            cg_try_star(c, s);
        } else {
            cg_try_except(c, s);
        }
    } else {
        cg_stmts(c, s->v.Try.body);
    }
    cg_pop_fblock(c);
    u->handler = outer;
    cg_stmts(c, s->v.Try.finalbody);
    cg_jump(c, OP_JUMP_FORWARD, exit);

    cg_place(c, handler);
    cg_push_handler(c, cleanup, d + 1, true);
    cg_emit(c, OP_PUSH_EXC_INFO, 0);
    cg_push_fblock(c, FB_FINALLY_END, -1, -1, s, NULL);
    cg_stmts(c, s->v.Try.finalbody);
    cg_pop_fblock(c);
    u->loc = (Loc){0, 0, 0, 0};
    cg_emit(c, OP_RERAISE, 0);
    u->handler = outer;
    cg_place(c, cleanup);
    cg_emit(c, OP_COPY, 3);
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_emit(c, OP_RERAISE, 1);
    cg_place(c, exit);
}

static void cg_try(Compiler *c, KaaAst *s) {
    if (s->v.Try.finalbody && s->v.Try.finalbody->len > 0) {
        cg_try_finally(c, s);
    } else if (s->kind == AST_TryStar) {
        cg_try_star(c, s);
    } else {
        cg_try_except(c, s);
    }
}

// with a as b: body
//   [mgr] BEFORE_WITH -> [exit, enter_result]; the body runs under handler `final` that keeps
//   [exit] (depth d+1) and pushes lasti and the exception.
// `await x` on the awaitable on top of the stack: [awaitable] -> [result].
static void await_top(Compiler *c, int where) {
    cg_emit(c, OP_GET_AWAITABLE, where);
    cg_load_const(c, kaa_None);
    cg_yield_from_loop(c);
}

static void cg_with(Compiler *c, KaaAst *s, int pos) {
    Unit *u = c->u;
    bool async = s->kind == AST_AsyncWith;
    if (async && (u->scope->kind != BLOCK_FUNCTION || !u->scope->is_coroutine)) {
        cg_error(c, s, "'async with' outside async function");
    }
    KaaAst *item = s->v.With.items->items[pos];
    int final = cg_new_label(c), exit = cg_new_label(c), cleanup = cg_new_label(c);
    cg_expr(c, item->v.withitem.context_expr);
    cg_set_loc(c, s);
    cg_emit(c, async ? OP_BEFORE_ASYNC_WITH : OP_BEFORE_WITH, 0);
    if (async) {
        await_top(c, 1);
    }
    Handler *outer = u->handler;
    int d = u->depth - 2;
    cg_push_handler(c, final, d + 1, true);
    cg_push_fblock(c, async ? FB_ASYNC_WITH : FB_WITH, -1, -1, s, NULL);
    if (item->v.withitem.optional_vars) {
        cg_store(c, item->v.withitem.optional_vars);
    } else {
        cg_emit(c, OP_POP_TOP, 0);
    }
    if (pos + 1 < s->v.With.items->len) {
        cg_with(c, s, pos + 1);
    } else {
        cg_stmts(c, s->v.With.body);
    }
    cg_pop_fblock(c);
    u->handler = outer;
    cg_set_loc(c, s);
    call_exit_with_none(c);
    if (async) {
        await_top(c, 2);
    }
    cg_emit(c, OP_POP_TOP, 0);
    cg_jump(c, OP_JUMP_FORWARD, exit);

    // [exit, lasti, exc] -> [exit, lasti, prev_exc, exc, result]
    cg_place(c, final);
    cg_push_handler(c, cleanup, d + 3, true);
    cg_emit(c, OP_PUSH_EXC_INFO, 0);
    cg_emit(c, OP_WITH_EXCEPT_START, 0);
    if (async) {
        await_top(c, 2);
    }
    int suppress = cg_new_label(c);
    cg_jump(c, OP_POP_JUMP_IF_TRUE, suppress);
    cg_emit(c, OP_RERAISE, 2);
    u->handler = outer;
    cg_place(c, cleanup);
    cg_emit(c, OP_COPY, 3);
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_emit(c, OP_RERAISE, 1);
    cg_place(c, suppress);
    cg_push_handler(c, cleanup, d + 3, true);
    cg_emit(c, OP_POP_TOP, 0);
    u->handler = outer;
    cg_emit(c, OP_POP_EXCEPT, 0);
    cg_emit(c, OP_POP_TOP, 0);
    cg_emit(c, OP_POP_TOP, 0);
    cg_place(c, exit);
}

// ---- simple statements ----------------------------------------------------------------------------

static void cg_assert(Compiler *c, KaaAst *s) {
    if (c->opt->optimize > 0) {
        return;
    }
    if (s->v.Assert.test->kind == AST_Tuple && s->v.Assert.test->v.Tuple.elts->len > 0) {
        // CPython warns here (SyntaxWarning "assertion is always true"); the warning module
        // is not there yet.
    }
    int end = cg_new_label(c);
    cg_jump_if(c, s->v.Assert.test, end, true);
    cg_set_loc(c, s);
    cg_emit(c, OP_LOAD_ASSERTION_ERROR, 0);
    if (s->v.Assert.msg) {
        cg_expr(c, s->v.Assert.msg);
        cg_emit(c, OP_CALL, 0);
    }
    cg_emit(c, OP_RAISE_VARARGS, 1);
    cg_place(c, end);
}

static void cg_import(Compiler *c, KaaAst *s) {
    KaaAstSeq *names = s->v.Import.names;
    for (int i = 0; i < names->len; i++) {
        KaaAst *a = names->items[i];
        cg_set_loc(c, a);
        const char *name = a->v.alias.name;
        cg_load_const(c, kaa_from_small(0));
        cg_load_const(c, kaa_None);
        cg_emit(c, OP_IMPORT_NAME, cg_name(c, name));
        if (a->v.alias.asname) {
            // `import a.b.c as d` binds the leaf: walk down with IMPORT_FROM.
            const char *dot = strchr(name, '.');
            while (dot != NULL) {
                const char *next = strchr(dot + 1, '.');
                size_t n = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
                cg_emit(c, OP_IMPORT_FROM, cg_name(c, kaa_arena_strndup(c->arena, dot + 1, n)));
                cg_emit(c, OP_SWAP, 2);
                cg_emit(c, OP_POP_TOP, 0);
                dot = next;
            }
            cg_nameop(c, a->v.alias.asname, AST_Store);
        } else {
            const char *dot = strchr(name, '.');
            const char *first = dot ? kaa_arena_strndup(c->arena, name, (size_t)(dot - name))
                                    : name;
            cg_nameop(c, first, AST_Store);
        }
    }
}

static void cg_import_from(Compiler *c, KaaAst *s) {
    KaaAstSeq *names = s->v.ImportFrom.names;
    KaaTuple *fromlist = kaa_tuple_new((size_t)names->len);
    for (int i = 0; i < names->len; i++) {
        fromlist->items[i] = kaa_str_intern_cstr(names->items[i]->v.alias.name);
    }
    cg_load_const(c, kaa_from_small(s->v.ImportFrom.level));
    cg_load_const(c, kaa_from_obj(fromlist));
    const char *module = s->v.ImportFrom.module ? s->v.ImportFrom.module : "";
    cg_emit(c, OP_IMPORT_NAME, cg_name(c, module));
    if (names->len == 1 && strcmp(names->items[0]->v.alias.name, "*") == 0) {
        cg_emit(c, OP_IMPORT_STAR, 0);
        return;
    }
    for (int i = 0; i < names->len; i++) {
        KaaAst *a = names->items[i];
        cg_set_loc(c, a);
        cg_emit(c, OP_IMPORT_FROM, cg_name(c, a->v.alias.name));
        cg_nameop(c, a->v.alias.asname ? a->v.alias.asname : a->v.alias.name, AST_Store);
    }
    cg_emit(c, OP_POP_TOP, 0);
}

static void cg_augassign(Compiler *c, KaaAst *s) {
    KaaAst *t = s->v.AugAssign.target;
    int op = 0;
    static const int ops[] = {
        [AST_Add] = KAA_OP_ADD, [AST_Sub] = KAA_OP_SUB, [AST_Mult] = KAA_OP_MUL,
        [AST_MatMult] = KAA_OP_MATMUL, [AST_Div] = KAA_OP_TRUEDIV, [AST_Mod] = KAA_OP_MOD,
        [AST_Pow] = KAA_OP_POW, [AST_LShift] = KAA_OP_LSHIFT, [AST_RShift] = KAA_OP_RSHIFT,
        [AST_BitOr] = KAA_OP_OR, [AST_BitXor] = KAA_OP_XOR, [AST_BitAnd] = KAA_OP_AND,
        [AST_FloorDiv] = KAA_OP_FLOORDIV,
    };
    op = ops[s->v.AugAssign.op] + KAA_BINARY_OP_COUNT;
    switch (t->kind) {
    case AST_Name:
        cg_nameop(c, t->v.Name.id, AST_Load);
        cg_expr(c, s->v.AugAssign.value);
        cg_set_loc(c, s);
        cg_emit(c, OP_BINARY_OP, op);
        cg_nameop(c, t->v.Name.id, AST_Store);
        break;
    case AST_Attribute: {
        int name = cg_name(c, cg_mangle(c, t->v.Attribute.attr));
        cg_expr(c, t->v.Attribute.value);
        cg_emit(c, OP_COPY, 1);
        cg_set_loc(c, t);
        cg_emit(c, OP_LOAD_ATTR, name);
        cg_expr(c, s->v.AugAssign.value);
        cg_set_loc(c, s);
        cg_emit(c, OP_BINARY_OP, op);
        cg_emit(c, OP_SWAP, 2);
        cg_emit(c, OP_STORE_ATTR, name);
        break;
    }
    case AST_Subscript:
        cg_expr(c, t->v.Subscript.value);
        cg_expr(c, t->v.Subscript.slice);
        cg_emit(c, OP_COPY, 2);
        cg_emit(c, OP_COPY, 2);
        cg_set_loc(c, t);
        cg_emit(c, OP_BINARY_SUBSCR, 0);
        cg_expr(c, s->v.AugAssign.value);
        cg_set_loc(c, s);
        cg_emit(c, OP_BINARY_OP, op);
        cg_emit(c, OP_SWAP, 3);
        cg_emit(c, OP_SWAP, 2);
        cg_emit(c, OP_STORE_SUBSCR, 0);
        break;
    default:
        cg_error(c, t, "illegal expression for augmented assignment");
    }
}

static void cg_annassign(Compiler *c, KaaAst *s) {
    KaaAst *t = s->v.AnnAssign.target;
    if (s->v.AnnAssign.value) {
        cg_expr(c, s->v.AnnAssign.value);
        cg_store(c, t);
    }
    BlockKind kind = c->u->scope->kind;
    if (t->kind == AST_Name) {
        if (s->v.AnnAssign.simple && kind != BLOCK_FUNCTION) {
            cg_annotation(c, s->v.AnnAssign.annotation);
            cg_nameop(c, "__annotations__", AST_Load);
            cg_load_const(c, kaa_str_intern_cstr(cg_mangle(c, t->v.Name.id)));
            cg_emit(c, OP_STORE_SUBSCR, 0);
        }
        return;
    }
    // Complex targets: evaluate the target's parts (not the value) for their side effects.
    if (s->v.AnnAssign.value == NULL) {
        if (t->kind == AST_Attribute) {
            cg_expr(c, t->v.Attribute.value);
            cg_emit(c, OP_POP_TOP, 0);
        } else if (t->kind == AST_Subscript) {
            cg_expr(c, t->v.Subscript.value);
            cg_emit(c, OP_POP_TOP, 0);
            cg_expr(c, t->v.Subscript.slice);
            cg_emit(c, OP_POP_TOP, 0);
        }
    }
    if (kind != BLOCK_FUNCTION && !(c->opt->flags & KAA_CO_FUTURE_ANNOTATIONS)) {
        cg_expr(c, s->v.AnnAssign.annotation);
        cg_emit(c, OP_POP_TOP, 0);
    }
}

static void cg_raise(Compiler *c, KaaAst *s) {
    int n = 0;
    if (s->v.Raise.exc) {
        cg_expr(c, s->v.Raise.exc);
        n++;
        if (s->v.Raise.cause) {
            cg_expr(c, s->v.Raise.cause);
            n++;
        }
    }
    cg_set_loc(c, s);
    cg_emit(c, OP_RAISE_VARARGS, n);
}

static void cg_expr_stmt(Compiler *c, KaaAst *s) {
    KaaAst *v = s->v.Expr.value;
    if (c->interactive && c->u->scope->kind == BLOCK_MODULE && c->u->nfblocks == 0) {
        cg_expr(c, v);
        cg_emit(c, OP_PRINT_EXPR, 0);
        return;
    }
    if (v->kind == AST_Constant) {
        return;  // a constant expression statement does nothing
    }
    cg_expr(c, v);
    cg_emit(c, OP_POP_TOP, 0);
}

void cg_stmt(Compiler *c, KaaAst *s) {
    kaa_check_c_stack();
    Loc saved = c->u->loc;
    cg_set_loc(c, s);
    switch (s->kind) {
    case AST_FunctionDef: case AST_AsyncFunctionDef: cg_function_def(c, s); break;
    case AST_ClassDef: cg_class_def(c, s); break;
    case AST_Return: cg_return(c, s); break;
    case AST_Delete:
        for (int i = 0; i < s->v.Delete.targets->len; i++) {
            cg_delete(c, s->v.Delete.targets->items[i]);
        }
        break;
    case AST_Assign: {
        KaaAstSeq *targets = s->v.Assign.targets;
        cg_expr(c, s->v.Assign.value);
        for (int i = 0; i < targets->len; i++) {
            if (i < targets->len - 1) {
                cg_emit(c, OP_COPY, 1);
            }
            cg_store(c, targets->items[i]);
        }
        break;
    }
    case AST_AugAssign: cg_augassign(c, s); break;
    case AST_AnnAssign: cg_annassign(c, s); break;
    case AST_For: case AST_AsyncFor: cg_for(c, s); break;
    case AST_While: cg_while(c, s); break;
    case AST_If: cg_if(c, s); break;
    case AST_With: case AST_AsyncWith: cg_with(c, s, 0); break;
    case AST_Match: cg_match(c, s); break;
    case AST_Raise: cg_raise(c, s); break;
    case AST_Try: case AST_TryStar: cg_try(c, s); break;
    case AST_Assert: cg_assert(c, s); break;
    case AST_Import: cg_import(c, s); break;
    case AST_ImportFrom: cg_import_from(c, s); break;
    case AST_Global: case AST_Nonlocal: case AST_Pass: break;
    case AST_Expr: cg_expr_stmt(c, s); break;
    case AST_Break: cg_break_continue(c, s, true); break;
    case AST_Continue: cg_break_continue(c, s, false); break;
    default: cg_error(c, s, "kaa: unexpected statement");
    }
    c->u->loc = saved;
}

void cg_stmts(Compiler *c, KaaAstSeq *body) {
    for (int i = 0; body && i < body->len; i++) {
        cg_stmt(c, body->items[i]);
    }
}

// ---- modules --------------------------------------------------------------------------------------

KaaCode *codegen_module(KaaArena *arena, Symtable *st, KaaAst *mod, const CompileOptions *opt) {
    Compiler c = {arena, st, opt, NULL, mod->kind == AST_Interactive, 0};
    cg_enter_scope(&c, NULL, kaa_str_from_cstr("<module>"), 1);
    emit_prologue(&c);
    switch (mod->kind) {
    case AST_Module:
        if (find_annotations(mod->v.Module.body)) {
            cg_emit(&c, OP_SETUP_ANNOTATIONS, 0);
        }
        body_with_docstring(&c, mod->v.Module.body);
        break;
    case AST_Interactive:
        cg_stmts(&c, mod->v.Interactive.body);
        break;
    case AST_Expression:
        cg_set_loc(&c, mod->v.Expression.body);
        cg_expr(&c, mod->v.Expression.body);
        cg_emit(&c, OP_RETURN_VALUE, 0);
        break;
    default:
        break;
    }
    return cg_leave_scope(&c);
}

