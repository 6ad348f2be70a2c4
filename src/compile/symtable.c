// compile/symtable.c — the symbol table: which scope every name belongs to.
//
// Stage: compile, first pass. Walks the AST once to record, per block (module, class,
// function, lambda, comprehension), how each name is used; then resolves each name to local,
// global (explicit or implicit), free or cell with Python 3.11's rules, including class bodies
// that don't close over their names, the implicit __class__ cell behind super(), and walrus
// targets inside comprehensions binding in the enclosing function.
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compile/internal.h"

// ---- string maps ------------------------------------------------------------------------------

static uint32_t hash_cstr(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (uint8_t)*s) * 16777619u;
    }
    return h;
}

void strmap_init(StrMap *m) { memset(m, 0, sizeof *m); }

static void strmap_grow(StrMap *m) {
    int cap = m->cap ? m->cap * 2 : 8;
    m->keys = kaa_realloc(m->keys, (size_t)cap * sizeof(char *));
    m->values = kaa_realloc(m->values, (size_t)cap * sizeof(int));
    m->cap = cap;
    int size = cap * 2;
    m->slots = kaa_alloc_atomic((size_t)size * sizeof(int));
    memset(m->slots, 0xFF, (size_t)size * sizeof(int));
    m->mask = size - 1;
    for (int i = 0; i < m->len; i++) {
        uint32_t j = hash_cstr(m->keys[i]) & (uint32_t)m->mask;
        while (m->slots[j] >= 0) {
            j = (j + 1) & (uint32_t)m->mask;
        }
        m->slots[j] = i;
    }
}

int *strmap_find(StrMap *m, const char *key) {
    if (m->len == 0) {
        return NULL;
    }
    uint32_t j = hash_cstr(key) & (uint32_t)m->mask;
    while (m->slots[j] >= 0) {
        int i = m->slots[j];
        if (strcmp(m->keys[i], key) == 0) {
            return &m->values[i];
        }
        j = (j + 1) & (uint32_t)m->mask;
    }
    return NULL;
}

int *strmap_put(StrMap *m, const char *key, int v) {
    int *found = strmap_find(m, key);
    if (found != NULL) {
        return found;
    }
    if (m->len >= m->cap) {
        strmap_grow(m);
    }
    int i = m->len++;
    m->keys[i] = key;
    m->values[i] = v;
    uint32_t j = hash_cstr(key) & (uint32_t)m->mask;
    while (m->slots[j] >= 0) {
        j = (j + 1) & (uint32_t)m->mask;
    }
    m->slots[j] = i;
    return &m->values[i];
}

// ---- building ---------------------------------------------------------------------------------

typedef struct Builder {
    Symtable *st;
    Scope *cur;
    KaaAst *cur_node;  // for error positions
    // Inside an annotation kept as text (from __future__ import annotations): checked for
    // what may not appear there, but binds and uses no names.
    int in_text_annotation;
} Builder;

// Names of the form __spam (not __spam__) inside a class become _Class__spam.
const char *mangle_name(KaaArena *arena, const char *private_name, const char *name) {
    if (private_name == NULL || name[0] != '_' || name[1] != '_') {
        return name;
    }
    size_t n = strlen(name);
    if ((n >= 4 && name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.') != NULL) {
        return name;
    }
    while (*private_name == '_') {
        private_name++;
    }
    if (*private_name == 0) {
        return name;
    }
    size_t p = strlen(private_name);
    char *m = kaa_arena_alloc(arena, 1 + p + n + 1);
    m[0] = '_';
    memcpy(m + 1, private_name, p);
    memcpy(m + 1 + p, name, n + 1);
    return m;
}

static KAA_NORETURN void st_error(Builder *b, KaaAst *node, const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    compile_error(b->st->filename, b->st->source, node ? node : b->cur_node, "%s", msg);
}

static Scope *new_scope(Builder *b, BlockKind kind, const char *name, KaaAst *node) {
    Scope *s = kaa_alloc(sizeof *s);
    s->kind = kind;
    s->name = name;
    s->node = node;
    strmap_init(&s->symbols);
    strmap_init(&s->scopes);
    strmap_init(&s->decl_index);
    s->parent = b->cur;
    s->lineno = node ? node->lineno : 0;
    if (b->cur != NULL) {
        Scope *p = b->cur;
        if (p->nchildren == p->capchildren) {
            p->capchildren = p->capchildren ? p->capchildren * 2 : 4;
            p->children = kaa_realloc(p->children, (size_t)p->capchildren * sizeof(Scope *));
        }
        p->children[p->nchildren++] = s;
        s->private_name = kind == BLOCK_CLASS ? name : p->private_name;
    }
    Symtable *st = b->st;
    if (st->nscopes == st->capscopes) {
        st->capscopes = st->capscopes ? st->capscopes * 2 : 16;
        st->by_node = kaa_realloc(st->by_node, (size_t)st->capscopes * sizeof(Scope *));
    }
    st->by_node[st->nscopes++] = s;
    return s;
}

Scope *symtable_lookup(Symtable *st, KaaAst *node) {
    for (int i = 0; i < st->nscopes; i++) {
        if (st->by_node[i]->node == node) {
            return st->by_node[i];
        }
    }
    return NULL;
}

static const char *mangled(Builder *b, const char *name) {
    return mangle_name(b->st->arena, b->cur->private_name, name);
}

static void add_def_in(Builder *b, Scope *s, const char *name, int flag) {
    if (b->in_text_annotation) {
        return;
    }
    const char *m = mangle_name(b->st->arena, s->private_name, name);
    int *flags = strmap_put(&s->symbols, m, 0);
    if ((flag & DEF_PARAM) && (*flags & DEF_PARAM)) {
        st_error(b, NULL, "duplicate argument '%s' in function definition", name);
    }
    *flags |= flag;
}

static void add_def(Builder *b, const char *name, int flag) { add_def_in(b, b->cur, name, flag); }

static void visit_expr(Builder *b, KaaAst *e);
static void visit_stmt(Builder *b, KaaAst *s);
static void visit_pattern(Builder *b, KaaAst *p);

static void visit_exprs(Builder *b, KaaAstSeq *seq) {
    for (int i = 0; seq && i < seq->len; i++) {
        if (seq->items[i] != NULL) {
            visit_expr(b, seq->items[i]);
        }
    }
}

static void visit_stmts(Builder *b, KaaAstSeq *seq) {
    for (int i = 0; seq && i < seq->len; i++) {
        visit_stmt(b, seq->items[i]);
    }
}

static void visit_params(Builder *b, KaaAst *args) {
    KaaAstSeq *lists[3] = {args->v.arguments.posonlyargs, args->v.arguments.args,
                           args->v.arguments.kwonlyargs};
    for (int l = 0; l < 3; l++) {
        for (int i = 0; lists[l] && i < lists[l]->len; i++) {
            add_def(b, lists[l]->items[i]->v.arg.arg, DEF_PARAM);
        }
    }
    if (args->v.arguments.vararg) {
        add_def(b, args->v.arguments.vararg->v.arg.arg, DEF_PARAM);
        b->cur->has_varargs = true;
    }
    if (args->v.arguments.kwarg) {
        add_def(b, args->v.arguments.kwarg->v.arg.arg, DEF_PARAM);
        b->cur->has_varkw = true;
    }
}

static void visit_annotation(Builder *b, KaaAst *ann) {
    if (ann == NULL) {
        return;
    }
    bool as_text = b->st->future_flags & KAA_CO_FUTURE_ANNOTATIONS;
    b->in_text_annotation += as_text;
    visit_expr(b, ann);
    b->in_text_annotation -= as_text;
}

// What a text annotation may not hold (CPython checks it although nothing is evaluated).
static void check_text_annotation(Builder *b, KaaAst *e) {
    if (!b->in_text_annotation) {
        return;
    }
    const char *what = e->kind == AST_NamedExpr ? "named expression"
                       : e->kind == AST_Await   ? "await expression"
                                                : "yield expression";
    st_error(b, e, "'%s' can not be used within an annotation", what);
}

static void visit_arg_annotations(Builder *b, KaaAst *args) {
    KaaAstSeq *lists[3] = {args->v.arguments.posonlyargs, args->v.arguments.args,
                           args->v.arguments.kwonlyargs};
    for (int l = 0; l < 3; l++) {
        for (int i = 0; lists[l] && i < lists[l]->len; i++) {
            visit_annotation(b, lists[l]->items[i]->v.arg.annotation);
        }
    }
    if (args->v.arguments.vararg) {
        visit_annotation(b, args->v.arguments.vararg->v.arg.annotation);
    }
    if (args->v.arguments.kwarg) {
        visit_annotation(b, args->v.arguments.kwarg->v.arg.annotation);
    }
}

static void visit_function(Builder *b, KaaAst *s, const char *name, KaaAst *args,
                           KaaAstSeq *body, KaaAst *body_expr, bool is_async) {
    visit_exprs(b, args->v.arguments.defaults);
    visit_exprs(b, args->v.arguments.kw_defaults);
    Scope *saved = b->cur;
    b->cur = new_scope(b, BLOCK_FUNCTION, name, s);
    b->cur->is_coroutine = is_async;
    b->cur->is_lambda = body_expr != NULL;
    visit_params(b, args);
    if (body_expr) {
        visit_expr(b, body_expr);
    } else {
        visit_stmts(b, body);
    }
    b->cur = saved;
}

static void visit_function_def(Builder *b, KaaAst *s, bool is_async) {
    const char *name = is_async ? s->v.AsyncFunctionDef.name : s->v.FunctionDef.name;
    KaaAst *args = is_async ? s->v.AsyncFunctionDef.args : s->v.FunctionDef.args;
    add_def(b, name, DEF_LOCAL);
    visit_exprs(b, is_async ? s->v.AsyncFunctionDef.decorator_list
                            : s->v.FunctionDef.decorator_list);
    visit_arg_annotations(b, args);
    visit_annotation(b, is_async ? s->v.AsyncFunctionDef.returns : s->v.FunctionDef.returns);
    visit_function(b, s, name, args, is_async ? s->v.AsyncFunctionDef.body : s->v.FunctionDef.body,
                   NULL, is_async);
}

static void visit_class(Builder *b, KaaAst *s) {
    add_def(b, s->v.ClassDef.name, DEF_LOCAL);
    visit_exprs(b, s->v.ClassDef.bases);
    for (int i = 0; s->v.ClassDef.keywords && i < s->v.ClassDef.keywords->len; i++) {
        visit_expr(b, s->v.ClassDef.keywords->items[i]->v.keyword.value);
    }
    visit_exprs(b, s->v.ClassDef.decorator_list);
    Scope *saved = b->cur;
    b->cur = new_scope(b, BLOCK_CLASS, s->v.ClassDef.name, s);
    visit_stmts(b, s->v.ClassDef.body);
    b->cur = saved;
}

static void check_global_order(Builder *b, KaaAst *s, const char *name, bool global) {
    int *flags = strmap_find(&b->cur->symbols, mangled(b, name));
    if (flags == NULL) {
        return;
    }
    const char *kind = global ? "global" : "nonlocal";
    if (*flags & DEF_PARAM) {
        st_error(b, s, "name '%s' is parameter and %s", name, kind);
    }
    if (*flags & USE) {
        st_error(b, s, "name '%s' is used prior to %s declaration", name, kind);
    }
    if (*flags & DEF_ANNOT) {
        st_error(b, s, "annotated name '%s' can't be %s", name, kind);
    }
    if (*flags & DEF_LOCAL) {
        st_error(b, s, "name '%s' is assigned to before %s declaration", name, kind);
    }
}

// Remembers the global/nonlocal statement of a name, for the position of later errors.
static void record_decl(Scope *sc, const char *name, KaaAst *stmt) {
    if (strmap_find(&sc->decl_index, name) != NULL) {
        return;
    }
    if (sc->ndecl == sc->capdecl) {
        sc->capdecl = sc->capdecl ? sc->capdecl * 2 : 4;
        sc->decl_nodes = kaa_realloc(sc->decl_nodes, (size_t)sc->capdecl * sizeof(KaaAst *));
    }
    strmap_put(&sc->decl_index, name, sc->ndecl);
    sc->decl_nodes[sc->ndecl++] = stmt;
}

static KaaAst *decl_node(Scope *sc, const char *name) {
    int *i = strmap_find(&sc->decl_index, name);
    return i ? sc->decl_nodes[*i] : sc->node;
}

static void visit_global(Builder *b, KaaAst *s, bool global) {
    KaaAstIdSeq *names = global ? s->v.Global.names : s->v.Nonlocal.names;
    for (int i = 0; i < names->len; i++) {
        const char *name = names->items[i];
        check_global_order(b, s, name, global);
        if (!global && b->cur->kind == BLOCK_MODULE) {
            st_error(b, s, "nonlocal declaration not allowed at module level");
        }
        add_def(b, name, global ? DEF_GLOBAL : DEF_NONLOCAL);
        record_decl(b->cur, mangled(b, name), s);
    }
}

static void visit_import(Builder *b, KaaAst *s) {
    bool from = s->kind == AST_ImportFrom;
    KaaAstSeq *names = from ? s->v.ImportFrom.names : s->v.Import.names;
    for (int i = 0; i < names->len; i++) {
        KaaAst *a = names->items[i];
        const char *name = a->v.alias.asname ? a->v.alias.asname : a->v.alias.name;
        if (strcmp(name, "*") == 0) {
            if (b->cur->kind != BLOCK_MODULE) {
                st_error(b, s, "import * only allowed at module level");
            }
            continue;
        }
        const char *dot = a->v.alias.asname ? NULL : strchr(name, '.');
        if (dot != NULL) {
            name = kaa_arena_strndup(b->st->arena, name, (size_t)(dot - name));
        }
        add_def(b, name, DEF_IMPORT);
    }
}

static void visit_stmt(Builder *b, KaaAst *s) {
    KaaAst *saved_node = b->cur_node;
    b->cur_node = s;
    switch (s->kind) {
    case AST_FunctionDef: visit_function_def(b, s, false); break;
    case AST_AsyncFunctionDef: visit_function_def(b, s, true); break;
    case AST_ClassDef: visit_class(b, s); break;
    case AST_Return:
        if (s->v.Return.value) {
            visit_expr(b, s->v.Return.value);
            b->cur->returns_value = true;
        }
        break;
    case AST_Delete: visit_exprs(b, s->v.Delete.targets); break;
    case AST_Assign:
        visit_exprs(b, s->v.Assign.targets);
        visit_expr(b, s->v.Assign.value);
        break;
    case AST_AugAssign:
        visit_expr(b, s->v.AugAssign.target);
        visit_expr(b, s->v.AugAssign.value);
        break;
    case AST_AnnAssign: {
        KaaAst *t = s->v.AnnAssign.target;
        if (t->kind == AST_Name) {
            int *flags = strmap_find(&b->cur->symbols, mangled(b, t->v.Name.id));
            if (flags && (*flags & (DEF_GLOBAL | DEF_NONLOCAL)) && s->v.AnnAssign.simple) {
                st_error(b, s, "annotated name '%s' can't be %s", t->v.Name.id,
                         (*flags & DEF_GLOBAL) ? "global" : "nonlocal");
            }
            add_def(b, t->v.Name.id, s->v.AnnAssign.simple ? DEF_ANNOT | DEF_LOCAL : DEF_LOCAL);
            if (s->v.AnnAssign.value == NULL && !s->v.AnnAssign.simple) {
                // `(x): int` binds nothing but still counts as a use of x
            }
        } else {
            visit_expr(b, t);
        }
        visit_annotation(b, s->v.AnnAssign.annotation);
        if (s->v.AnnAssign.value) {
            visit_expr(b, s->v.AnnAssign.value);
        }
        break;
    }
    case AST_For: case AST_AsyncFor:
        visit_expr(b, s->v.For.target);
        visit_expr(b, s->v.For.iter);
        visit_stmts(b, s->v.For.body);
        visit_stmts(b, s->v.For.orelse);
        break;
    case AST_While:
        visit_expr(b, s->v.While.test);
        visit_stmts(b, s->v.While.body);
        visit_stmts(b, s->v.While.orelse);
        break;
    case AST_If:
        visit_expr(b, s->v.If.test);
        visit_stmts(b, s->v.If.body);
        visit_stmts(b, s->v.If.orelse);
        break;
    case AST_With: case AST_AsyncWith:
        for (int i = 0; i < s->v.With.items->len; i++) {
            KaaAst *item = s->v.With.items->items[i];
            visit_expr(b, item->v.withitem.context_expr);
            if (item->v.withitem.optional_vars) {
                visit_expr(b, item->v.withitem.optional_vars);
            }
        }
        visit_stmts(b, s->v.With.body);
        break;
    case AST_Match:
        visit_expr(b, s->v.Match.subject);
        for (int i = 0; i < s->v.Match.cases->len; i++) {
            KaaAst *c = s->v.Match.cases->items[i];
            visit_pattern(b, c->v.match_case.pattern);
            if (c->v.match_case.guard) {
                visit_expr(b, c->v.match_case.guard);
            }
            visit_stmts(b, c->v.match_case.body);
        }
        break;
    case AST_Raise:
        if (s->v.Raise.exc) {
            visit_expr(b, s->v.Raise.exc);
        }
        if (s->v.Raise.cause) {
            visit_expr(b, s->v.Raise.cause);
        }
        break;
    case AST_Try: case AST_TryStar:
        visit_stmts(b, s->v.Try.body);
        visit_stmts(b, s->v.Try.orelse);
        for (int i = 0; i < s->v.Try.handlers->len; i++) {
            KaaAst *h = s->v.Try.handlers->items[i];
            if (h->v.ExceptHandler.type) {
                visit_expr(b, h->v.ExceptHandler.type);
            }
            if (h->v.ExceptHandler.name) {
                add_def(b, h->v.ExceptHandler.name, DEF_LOCAL);
            }
            visit_stmts(b, h->v.ExceptHandler.body);
        }
        visit_stmts(b, s->v.Try.finalbody);
        break;
    case AST_Assert:
        visit_expr(b, s->v.Assert.test);
        if (s->v.Assert.msg) {
            visit_expr(b, s->v.Assert.msg);
        }
        break;
    case AST_Import: case AST_ImportFrom: visit_import(b, s); break;
    case AST_Global: visit_global(b, s, true); break;
    case AST_Nonlocal: visit_global(b, s, false); break;
    case AST_Expr: visit_expr(b, s->v.Expr.value); break;
    default: break;
    }
    b->cur_node = saved_node;
}

// ---- expressions --------------------------------------------------------------------------------

static void visit_comprehension(Builder *b, KaaAst *e, KaaAstSeq *gens, KaaAst *elt,
                                KaaAst *value, const char *name, bool is_generator) {
    KaaAst *first = gens->items[0];
    visit_expr(b, first->v.comprehension.iter);
    Scope *saved = b->cur;
    b->cur = new_scope(b, BLOCK_FUNCTION, name, e);
    b->cur->is_comprehension = true;
    b->cur->is_generator = is_generator;
    if (first->v.comprehension.is_async) {
        b->cur->is_coroutine = true;
    }
    add_def(b, ".0", DEF_PARAM);
    b->cur->comp_iter_depth++;
    visit_expr(b, first->v.comprehension.target);
    b->cur->comp_iter_depth--;
    visit_exprs(b, first->v.comprehension.ifs);
    for (int i = 1; i < gens->len; i++) {
        KaaAst *g = gens->items[i];
        b->cur->comp_iter_depth++;
        visit_expr(b, g->v.comprehension.target);
        b->cur->comp_iter_depth--;
        visit_expr(b, g->v.comprehension.iter);
        visit_exprs(b, g->v.comprehension.ifs);
        if (g->v.comprehension.is_async) {
            b->cur->is_coroutine = true;
        }
    }
    if (value) {
        visit_expr(b, value);
    }
    visit_expr(b, elt);
    // An asynchronous list/set/dict comprehension makes an enclosing comprehension
    // asynchronous too (it must await it).
    bool awaited = b->cur->is_coroutine && !is_generator;
    b->cur = saved;
    if (awaited && saved->is_comprehension) {
        saved->is_coroutine = true;
    }
}

// A walrus target inside a comprehension binds in the nearest enclosing function (or module).
static void visit_named_target(Builder *b, KaaAst *e, const char *name) {
    if (!b->cur->is_comprehension) {
        add_def(b, name, DEF_LOCAL);
        return;
    }
    for (Scope *s = b->cur; s != NULL; s = s->parent) {
        int *flags = strmap_find(&s->symbols, name);
        if (s->is_comprehension && flags && (*flags & DEF_COMP_ITER)) {
            st_error(b, e, "assignment expression cannot rebind comprehension iteration "
                           "variable '%s'", name);
        }
        if (s->is_comprehension) {
            continue;
        }
        if (s->kind == BLOCK_CLASS) {
            st_error(b, e, "assignment expression within a comprehension cannot be used in a "
                           "class body");
        }
        int mark = s->kind == BLOCK_FUNCTION ? DEF_NONLOCAL : DEF_GLOBAL;
        for (Scope *c = b->cur; c != s; c = c->parent) {
            add_def_in(b, c, name, mark);
        }
        add_def_in(b, s, name, DEF_LOCAL);
        return;
    }
}

static void visit_expr(Builder *b, KaaAst *e) {
    kaa_check_c_stack();
    if (b->in_text_annotation) {
        switch (e->kind) {
        case AST_NamedExpr: case AST_Await: case AST_Yield: case AST_YieldFrom:
            check_text_annotation(b, e);
            break;
        case AST_Lambda: case AST_ListComp: case AST_SetComp: case AST_DictComp:
        case AST_GeneratorExp:
            return;  // no scope for what is never compiled
        default:
            break;
        }
    }
    switch (e->kind) {
    case AST_BoolOp: visit_exprs(b, e->v.BoolOp.values); break;
    case AST_NamedExpr:
        if (b->cur->comp_iter_depth > 0) {
            st_error(b, e, "assignment expression cannot be used in a comprehension iterable "
                           "expression");
        }
        visit_expr(b, e->v.NamedExpr.value);
        visit_named_target(b, e, e->v.NamedExpr.target->v.Name.id);
        break;
    case AST_BinOp:
        visit_expr(b, e->v.BinOp.left);
        visit_expr(b, e->v.BinOp.right);
        break;
    case AST_UnaryOp: visit_expr(b, e->v.UnaryOp.operand); break;
    case AST_Lambda: visit_function(b, e, "lambda", e->v.Lambda.args, NULL, e->v.Lambda.body,
                                    false);
        break;
    case AST_IfExp:
        visit_expr(b, e->v.IfExp.test);
        visit_expr(b, e->v.IfExp.body);
        visit_expr(b, e->v.IfExp.orelse);
        break;
    case AST_Dict:
        visit_exprs(b, e->v.Dict.keys);
        visit_exprs(b, e->v.Dict.values);
        break;
    case AST_Set: visit_exprs(b, e->v.Set.elts); break;
    case AST_ListComp:
        visit_comprehension(b, e, e->v.ListComp.generators, e->v.ListComp.elt, NULL, "listcomp",
                            false);
        break;
    case AST_SetComp:
        visit_comprehension(b, e, e->v.SetComp.generators, e->v.SetComp.elt, NULL, "setcomp",
                            false);
        break;
    case AST_DictComp:
        visit_comprehension(b, e, e->v.DictComp.generators, e->v.DictComp.key,
                            e->v.DictComp.value, "dictcomp", false);
        break;
    case AST_GeneratorExp:
        visit_comprehension(b, e, e->v.GeneratorExp.generators, e->v.GeneratorExp.elt, NULL,
                            "genexpr", true);
        break;
    case AST_Await:
        visit_expr(b, e->v.Await.value);
        if (b->cur->is_comprehension) {
            b->cur->is_coroutine = true;  // an await makes the comprehension asynchronous
        }
        break;
    case AST_Yield: case AST_YieldFrom:
        if (b->cur->kind != BLOCK_FUNCTION) {
            st_error(b, e, "'yield' outside function");
        }
        if (b->cur->is_comprehension) {
            st_error(b, e, "'yield' inside %s", strcmp(b->cur->name, "genexpr") == 0
                                                   ? "generator expression"
                                                   : strcmp(b->cur->name, "listcomp") == 0
                                                         ? "list comprehension"
                                                         : strcmp(b->cur->name, "setcomp") == 0
                                                               ? "set comprehension"
                                                               : "dict comprehension");
        }
        b->cur->is_generator = true;
        if (e->kind == AST_Yield && e->v.Yield.value) {
            visit_expr(b, e->v.Yield.value);
        } else if (e->kind == AST_YieldFrom) {
            visit_expr(b, e->v.YieldFrom.value);
        }
        break;
    case AST_Compare:
        visit_expr(b, e->v.Compare.left);
        visit_exprs(b, e->v.Compare.comparators);
        break;
    case AST_Call:
        visit_expr(b, e->v.Call.func);
        visit_exprs(b, e->v.Call.args);
        for (int i = 0; e->v.Call.keywords && i < e->v.Call.keywords->len; i++) {
            visit_expr(b, e->v.Call.keywords->items[i]->v.keyword.value);
        }
        break;
    case AST_FormattedValue:
        visit_expr(b, e->v.FormattedValue.value);
        if (e->v.FormattedValue.format_spec) {
            visit_expr(b, e->v.FormattedValue.format_spec);
        }
        break;
    case AST_JoinedStr: visit_exprs(b, e->v.JoinedStr.values); break;
    case AST_Attribute: visit_expr(b, e->v.Attribute.value); break;
    case AST_Subscript:
        visit_expr(b, e->v.Subscript.value);
        visit_expr(b, e->v.Subscript.slice);
        break;
    case AST_Starred: visit_expr(b, e->v.Starred.value); break;
    case AST_Slice:
        if (e->v.Slice.lower) {
            visit_expr(b, e->v.Slice.lower);
        }
        if (e->v.Slice.upper) {
            visit_expr(b, e->v.Slice.upper);
        }
        if (e->v.Slice.step) {
            visit_expr(b, e->v.Slice.step);
        }
        break;
    case AST_Name: {
        const char *id = e->v.Name.id;
        if (e->v.Name.ctx == AST_Load) {
            add_def(b, id, USE);
            // super() and __class__ in a method need the class's implicit __class__ cell.
            if (b->cur->kind == BLOCK_FUNCTION &&
                (strcmp(id, "super") == 0 || strcmp(id, "__class__") == 0)) {
                add_def(b, "__class__", USE);
            }
        } else {
            add_def(b, id, DEF_LOCAL | (b->cur->comp_iter_depth > 0 ? DEF_COMP_ITER : 0));
        }
        break;
    }
    case AST_List: visit_exprs(b, e->v.List.elts); break;
    case AST_Tuple: visit_exprs(b, e->v.Tuple.elts); break;
    default: break;
    }
}

static void visit_pattern(Builder *b, KaaAst *p) {
    switch (p->kind) {
    case AST_MatchValue: visit_expr(b, p->v.MatchValue.value); break;
    case AST_MatchSequence:
        for (int i = 0; i < p->v.MatchSequence.patterns->len; i++) {
            visit_pattern(b, p->v.MatchSequence.patterns->items[i]);
        }
        break;
    case AST_MatchMapping:
        visit_exprs(b, p->v.MatchMapping.keys);
        for (int i = 0; i < p->v.MatchMapping.patterns->len; i++) {
            visit_pattern(b, p->v.MatchMapping.patterns->items[i]);
        }
        if (p->v.MatchMapping.rest) {
            add_def(b, p->v.MatchMapping.rest, DEF_LOCAL);
        }
        break;
    case AST_MatchClass:
        visit_expr(b, p->v.MatchClass.cls);
        for (int i = 0; i < p->v.MatchClass.patterns->len; i++) {
            visit_pattern(b, p->v.MatchClass.patterns->items[i]);
        }
        for (int i = 0; i < p->v.MatchClass.kwd_patterns->len; i++) {
            visit_pattern(b, p->v.MatchClass.kwd_patterns->items[i]);
        }
        break;
    case AST_MatchStar:
        if (p->v.MatchStar.name) {
            add_def(b, p->v.MatchStar.name, DEF_LOCAL);
        }
        break;
    case AST_MatchAs:
        if (p->v.MatchAs.pattern) {
            visit_pattern(b, p->v.MatchAs.pattern);
        }
        if (p->v.MatchAs.name) {
            add_def(b, p->v.MatchAs.name, DEF_LOCAL);
        }
        break;
    case AST_MatchOr:
        for (int i = 0; i < p->v.MatchOr.patterns->len; i++) {
            visit_pattern(b, p->v.MatchOr.patterns->items[i]);
        }
        break;
    default: break;
    }
}

// ---- analysis ----------------------------------------------------------------------------------

typedef struct NameSet {
    StrMap m;
} NameSet;

static void set_add(NameSet *s, const char *n) { strmap_put(&s->m, n, 1); }
static bool set_has(NameSet *s, const char *n) {
    int *v = s ? strmap_find(&s->m, n) : NULL;
    return v != NULL && *v;
}
static void set_discard(NameSet *s, const char *n) {
    int *v = strmap_find(&s->m, n);
    if (v) {
        *v = 0;
    }
}
static void set_union(NameSet *dst, NameSet *src) {
    for (int i = 0; src && i < src->m.len; i++) {
        if (src->m.values[i]) {
            set_add(dst, src->m.keys[i]);
        }
    }
}
static NameSet *set_new(void) {
    NameSet *s = kaa_alloc(sizeof *s);
    strmap_init(&s->m);
    return s;
}

typedef struct Analyzer {
    Symtable *st;
} Analyzer;

static void analyze_name(Analyzer *a, Scope *s, const char *name, int flags, NameSet *bound,
                         NameSet *local, NameSet *free, NameSet *global) {
    SymScope scope;
    if ((flags & DEF_GLOBAL) && (flags & DEF_NONLOCAL)) {
        compile_error(a->st->filename, a->st->source, decl_node(s, name),
                      "name '%s' is nonlocal and global", name);
    }
    if (flags & DEF_GLOBAL) {
        scope = SCOPE_GLOBAL_EXPLICIT;
        set_add(global, name);
        if (bound) {
            set_discard(bound, name);
        }
    } else if (flags & DEF_NONLOCAL) {
        if (bound == NULL || !set_has(bound, name)) {
            compile_error(a->st->filename, a->st->source, decl_node(s, name),
                          "no binding for nonlocal '%s' found", name);
        }
        scope = SCOPE_FREE;
        set_add(free, name);
    } else if (flags & DEF_BOUND) {
        scope = SCOPE_LOCAL;
        set_add(local, name);
        set_discard(global, name);
    } else if (bound && set_has(bound, name)) {
        scope = SCOPE_FREE;
        set_add(free, name);
    } else {
        scope = SCOPE_GLOBAL_IMPLICIT;
    }
    *strmap_put(&s->scopes, name, 0) = scope;
}

// Free names of children that reach this block: cells when local here, free here otherwise.
static void update_symbols(Scope *s, NameSet *bound, NameSet *newfree) {
    for (int i = 0; i < newfree->m.len; i++) {
        if (!newfree->m.values[i]) {
            continue;
        }
        const char *name = newfree->m.keys[i];
        int *flags = strmap_find(&s->symbols, name);
        if (flags != NULL) {
            if (s->kind == BLOCK_CLASS && (*flags & (DEF_BOUND | DEF_GLOBAL))) {
                *flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if (bound && !set_has(bound, name)) {
            continue;
        }
        strmap_put(&s->symbols, name, 0);
        *strmap_put(&s->scopes, name, 0) = SCOPE_FREE;
    }
}

static void analyze_block(Analyzer *a, Scope *s, NameSet *bound, NameSet *free,
                          NameSet *global) {
    NameSet *local = set_new(), *newbound = set_new(), *newglobal = set_new();
    NameSet *newfree = set_new();
    if (s->kind == BLOCK_CLASS) {
        set_union(newglobal, global);
        set_union(newbound, bound);
    }
    for (int i = 0; i < s->symbols.len; i++) {
        analyze_name(a, s, s->symbols.keys[i], s->symbols.values[i], bound, local, free, global);
    }
    if (s->kind != BLOCK_CLASS) {
        if (s->kind == BLOCK_FUNCTION) {
            set_union(newbound, local);
        }
        set_union(newbound, bound);
        set_union(newglobal, global);
    } else {
        set_add(newbound, "__class__");
    }
    for (int i = 0; i < s->nchildren; i++) {
        NameSet *child_bound = set_new(), *child_global = set_new(), *child_free = set_new();
        set_union(child_bound, newbound);
        set_union(child_global, newglobal);
        analyze_block(a, s->children[i], child_bound, child_free, child_global);
        set_union(newfree, child_free);
    }
    if (s->kind == BLOCK_FUNCTION) {
        for (int i = 0; i < newfree->m.len; i++) {
            if (!newfree->m.values[i]) {
                continue;
            }
            int *sc = strmap_find(&s->scopes, newfree->m.keys[i]);
            if (sc && *sc == SCOPE_LOCAL) {
                *sc = SCOPE_CELL;
                newfree->m.values[i] = 0;
            }
        }
    } else if (s->kind == BLOCK_CLASS && set_has(newfree, "__class__")) {
        set_discard(newfree, "__class__");
        s->needs_class_closure = true;
    }
    update_symbols(s, s->kind == BLOCK_MODULE ? NULL : bound, newfree);
    set_union(free, newfree);
}

SymScope scope_of(Scope *s, const char *name) {
    int *sc = strmap_find(&s->scopes, name);
    return sc ? (SymScope)*sc : SCOPE_NONE;
}

Symtable *symtable_build(KaaArena *arena, KaaAst *mod, KaaValue filename, const char *source,
                         int future_flags) {
    Symtable *st = kaa_alloc(sizeof *st);
    st->arena = arena;
    st->filename = filename;
    st->source = source;
    st->future_flags = future_flags;
    Builder b = {st, NULL, NULL};
    st->top = new_scope(&b, BLOCK_MODULE, "top", NULL);
    b.cur = st->top;
    switch (mod->kind) {
    case AST_Module: visit_stmts(&b, mod->v.Module.body); break;
    case AST_Interactive: visit_stmts(&b, mod->v.Interactive.body); break;
    case AST_Expression: visit_expr(&b, mod->v.Expression.body); break;
    default: break;
    }
    Analyzer an = {st};
    NameSet *free = set_new(), *global = set_new();
    analyze_block(&an, st->top, NULL, free, global);
    return st;
}
