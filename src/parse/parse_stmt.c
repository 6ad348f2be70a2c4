// parse/parse_stmt.c — the statement rules of the grammar, and the start rules.
//
// Stage: parse. Owns the start rules (file, interactive, eval, func_type, fstring), simple and
// compound statements, blocks, decorators, function and lambda parameters, imports, with, try,
// and the match statement's outer rules (patterns are in parse_pattern.c). One function per
// rule of CPython 3.11's grammar, alternatives in CPython's order.
// Must not: hold expression rules (parse_expr.c) or invalid_* rules (parse_invalid.c).
#include "parse/parser.h"

#include <string.h>

static KaaAstSeq *statements(Parser *p);
static KaaAstSeq *simple_stmts(Parser *p);
static const char *checked_comment(Parser *p, const char *s, size_t n);
static KaaAst *compound_stmt(Parser *p);

// ---- start rules ------------------------------------------------------------------------------

// file: [statements] ENDMARKER
KaaAst *file_rule(Parser *p) {
    KaaAstSeq *a = statements(p);
    if (!expect(p, TOK_ENDMARKER)) {
        return NULL;
    }
    KaaAst *m = node_at(p, AST_Module, 0, 0, 0, 0);
    m->v.Module.body = a ? a : seq_empty(p);
    Vec ti = {0};
    for (int i = 0; i < p->n_type_ignores; i++) {
        KaaAst *t = node_at(p, AST_TypeIgnore, 0, 0, 0, 0);
        t->v.TypeIgnore.lineno = p->type_ignores[i].lineno;
        t->v.TypeIgnore.tag = checked_comment(p, p->type_ignores[i].tag,
                                              strlen(p->type_ignores[i].tag));
        vec_push(p, &ti, t);
    }
    m->v.Module.type_ignores = vec_seq(p, &ti);
    return m;
}

// statement_newline: compound_stmt NEWLINE | simple_stmts | NEWLINE | ENDMARKER
static KaaAstSeq *statement_newline(Parser *p) {
    int start = p->mark;
    KaaAst *a = compound_stmt(p);
    if (a && expect(p, TOK_NEWLINE)) {
        return seq1(p, a);
    }
    p->mark = start;
    KaaAstSeq *s = simple_stmts(p);
    if (s) {
        return s;
    }
    if (expect(p, TOK_NEWLINE)) {
        return seq1(p, node_new(p, AST_Pass, start));
    }
    return NULL;  // ENDMARKER: an empty interactive input is an error
}

// interactive: statement_newline
KaaAst *interactive_rule(Parser *p) {
    KaaAstSeq *a = statement_newline(p);
    if (!a) {
        return NULL;
    }
    KaaAst *m = node_at(p, AST_Interactive, 0, 0, 0, 0);
    m->v.Interactive.body = a;
    return m;
}

// eval: expressions NEWLINE* ENDMARKER
KaaAst *eval_rule(Parser *p) {
    KaaAst *a = expressions(p);
    if (!a) {
        return NULL;
    }
    while (expect(p, TOK_NEWLINE)) {
    }
    if (!expect(p, TOK_ENDMARKER)) {
        return NULL;
    }
    KaaAst *m = node_at(p, AST_Expression, 0, 0, 0, 0);
    m->v.Expression.body = a;
    return m;
}

// func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER
KaaAst *func_type_rule(Parser *p) {
    if (!expect(p, TOK_LPAR)) {
        return NULL;
    }
    KaaAstSeq *a = type_expressions(p);
    KaaAst *b;
    if (!expect(p, TOK_RPAR) || !expect(p, TOK_RARROW) || !(b = expression(p))) {
        return NULL;
    }
    while (expect(p, TOK_NEWLINE)) {
    }
    if (!expect(p, TOK_ENDMARKER)) {
        return NULL;
    }
    KaaAst *m = node_at(p, AST_FunctionType, 0, 0, 0, 0);
    m->v.FunctionType.argtypes = a ? a : seq_empty(p);
    m->v.FunctionType.returns = b;
    return m;
}

// fstring: star_expressions (an f-string's expression, parsed as "(expr)")
KaaAst *fstring_rule(Parser *p) {
    return star_expressions(p);
}

// ---- statements -------------------------------------------------------------------------------

// statement: compound_stmt | simple_stmts   (appended to v)
static int statement(Parser *p, Vec *v) {
    KaaAst *a = compound_stmt(p);
    if (a) {
        vec_push(p, v, a);
        return 1;
    }
    KaaAstSeq *s = simple_stmts(p);
    if (!s) {
        return 0;
    }
    for (int i = 0; i < s->len; i++) {
        vec_push(p, v, s->items[i]);
    }
    return 1;
}

// statements: statement+
static KaaAstSeq *statements(Parser *p) {
    Vec v = {0};
    int n = 0;
    while (statement(p, &v)) {
        n++;
    }
    return n ? vec_seq(p, &v) : NULL;
}

static KaaAst *simple_stmt(Parser *p);

// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
static KaaAstSeq *simple_stmts(Parser *p) {
    int start = p->mark;
    KaaAst *a = simple_stmt(p);
    if (a && !next_is(p, TOK_SEMI) && expect(p, TOK_NEWLINE)) {
        return seq1(p, a);
    }
    p->mark = start;
    Vec v = {0};
    a = simple_stmt(p);
    if (!a) {
        return NULL;
    }
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_SEMI) || !(a = simple_stmt(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, a);
    }
    expect(p, TOK_SEMI);
    if (!expect(p, TOK_NEWLINE)) {
        p->mark = start;
        return NULL;
    }
    return vec_seq(p, &v);
}

// A type comment's text. CPython decodes it as UTF-8 and lets the UnicodeDecodeError out.
static const char *checked_comment(Parser *p, const char *s, size_t n) {
    char msg[200];
    if (kaa_tok_utf8_check(s, n, msg, sizeof msg) >= 0) {
        raise_other(p, "UnicodeDecodeError", msg);
    }
    return kaa_arena_strndup(p->arena, s, n);
}

static const char *type_comment_text(Parser *p, PToken *tc) {
    return tc ? checked_comment(p, tc->start, (size_t)(tc->end - tc->start)) : NULL;
}

// annotated_rhs: yield_expr | star_expressions
static KaaAst *annotated_rhs(Parser *p) {
    KaaAst *a = yield_expr(p);
    return a ? a : star_expressions(p);
}

static KaaAst *ann_assign(Parser *p, int start, KaaAst *target, KaaAst *ann, int simple) {
    KaaAst *c = NULL;
    int m = p->mark;
    if (expect(p, TOK_EQUAL)) {
        c = annotated_rhs(p);
        if (!c) {
            p->mark = m;
        }
    }
    KaaAst *n = node_new(p, AST_AnnAssign, start);
    n->v.AnnAssign.target = target;
    n->v.AnnAssign.annotation = ann;
    n->v.AnnAssign.value = c;
    n->v.AnnAssign.simple = simple;
    return n;
}

// augassign: '+=' | '-=' | ... ; 0 when the next token is not one.
static int augassign(Parser *p) {
    static const int map[][2] = {
        {TOK_PLUSEQUAL, AST_Add},         {TOK_MINEQUAL, AST_Sub},
        {TOK_STAREQUAL, AST_Mult},        {TOK_ATEQUAL, AST_MatMult},
        {TOK_SLASHEQUAL, AST_Div},        {TOK_PERCENTEQUAL, AST_Mod},
        {TOK_AMPEREQUAL, AST_BitAnd},     {TOK_VBAREQUAL, AST_BitOr},
        {TOK_CIRCUMFLEXEQUAL, AST_BitXor}, {TOK_LEFTSHIFTEQUAL, AST_LShift},
        {TOK_RIGHTSHIFTEQUAL, AST_RShift}, {TOK_DOUBLESTAREQUAL, AST_Pow},
        {TOK_DOUBLESLASHEQUAL, AST_FloorDiv},
    };
    int t = peek(p)->type;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
        if (map[i][0] == t) {
            p->mark++;
            return map[i][1];
        }
    }
    return 0;
}

// The annotated assignments of `assignment`:
//     | NAME ':' expression ['=' annotated_rhs]
//     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression
//       ['=' annotated_rhs]
static KaaAst *annotated_assignment(Parser *p, int start) {
    PToken *t = name_token(p);
    KaaAst *a = NULL, *b;
    if (t && expect(p, TOK_COLON) && (b = expression(p))) {
        return ann_assign(p, start, name_node(p, t, AST_Store), b, 1);
    }
    p->mark = start;
    if (!(expect(p, TOK_LPAR) && (a = single_target(p)) && expect(p, TOK_RPAR))) {
        p->mark = start;
        a = single_subscript_attribute_target(p);
    }
    if (a && expect(p, TOK_COLON) && (b = expression(p))) {
        return ann_assign(p, start, a, b, 0);
    }
    p->mark = start;
    return NULL;
}

// (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
static KaaAst *plain_assignment(Parser *p, int start) {
    Vec targets = {0};
    for (;;) {
        int m = p->mark;
        KaaAst *z = star_targets(p);
        if (!z || !expect(p, TOK_EQUAL)) {
            p->mark = m;
            break;
        }
        vec_push(p, &targets, z);
    }
    KaaAst *v;
    if (!targets.len || !(v = annotated_rhs(p)) || next_is(p, TOK_EQUAL)) {
        p->mark = start;
        return NULL;
    }
    PToken *tc = expect(p, TOK_TYPE_COMMENT);
    KaaAst *n = node_new(p, AST_Assign, start);
    n->v.Assign.targets = vec_seq(p, &targets);
    n->v.Assign.value = v;
    n->v.Assign.type_comment = type_comment_text(p, tc);
    return n;
}

// assignment: (the annotated forms) | (star_targets '=')+ ... | single_target augassign ~
//     (yield_expr | star_expressions) | invalid_assignment
// The cut means a failed augmented assignment fails the whole rule.
static KaaAst *assignment(Parser *p) {
    int start = p->mark;
    KaaAst *a = annotated_assignment(p, start);
    if (a || (a = plain_assignment(p, start))) {
        return a;
    }
    a = single_target(p);
    int op;
    if (a && (op = augassign(p))) {
        KaaAst *c = annotated_rhs(p);
        if (!c) {
            p->mark = start;
            return NULL;
        }
        KaaAst *n = node_new(p, AST_AugAssign, start);
        n->v.AugAssign.target = a;
        n->v.AugAssign.op = op;
        n->v.AugAssign.value = c;
        return n;
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_assignment(p);
        p->mark = start;
    }
    return NULL;
}

static KaaAst *simple_node(Parser *p, KaaAstKind kind, int start) {
    p->mark++;
    return node_new(p, kind, start);
}

static KaaAst *return_stmt(Parser *p);
static KaaAst *import_stmt(Parser *p);
static KaaAst *raise_stmt(Parser *p);
static KaaAst *del_stmt(Parser *p);
static KaaAst *assert_stmt(Parser *p);
static KaaAst *global_stmt(Parser *p, KaaAstKind kind);

// The simple statements introduced by a keyword, after assignment and expression failed.
static KaaAst *keyword_stmt(Parser *p, int start) {
    switch (peek(p)->type) {
    case KW_return: return return_stmt(p);
    case KW_import:
    case KW_from: return import_stmt(p);
    case KW_raise: return raise_stmt(p);
    case KW_pass: return simple_node(p, AST_Pass, start);
    case KW_del: return del_stmt(p);
    case KW_yield: {
        KaaAst *y = yield_expr(p);
        if (!y) {
            return NULL;
        }
        KaaAst *n = node_new(p, AST_Expr, start);
        n->v.Expr.value = y;
        return n;
    }
    case KW_assert: return assert_stmt(p);
    case KW_break: return simple_node(p, AST_Break, start);
    case KW_continue: return simple_node(p, AST_Continue, start);
    case KW_global: return global_stmt(p, AST_Global);
    case KW_nonlocal: return global_stmt(p, AST_Nonlocal);
    default: return NULL;
    }
}

// simple_stmt (memo): assignment | star_expressions | &'return' return_stmt | ...
static KaaAst *simple_stmt_raw(Parser *p) {
    int start = p->mark;
    KaaAst *a = assignment(p);
    if (a) {
        return a;
    }
    p->mark = start;
    KaaAst *e = star_expressions(p);
    if (e) {
        KaaAst *n = node_new(p, AST_Expr, start);
        n->v.Expr.value = e;
        return n;
    }
    p->mark = start;
    a = keyword_stmt(p, start);
    if (!a) {
        p->mark = start;
    }
    return a;
}

static KaaAst *simple_stmt(Parser *p) {
    void *res;
    if (memo_get(p, M_SIMPLE_STMT, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    res = simple_stmt_raw(p);
    LEAVE(p);
    if (!res) {
        p->mark = start;
    }
    memo_put(p, M_SIMPLE_STMT, start, res);
    return res;
}

// return_stmt: 'return' [star_expressions]
static KaaAst *return_stmt(Parser *p) {
    int start = p->mark;
    if (!expect(p, KW_return)) {
        return NULL;
    }
    KaaAst *a = star_expressions(p);
    KaaAst *n = node_new(p, AST_Return, start);
    n->v.Return.value = a;
    return n;
}

// raise_stmt: 'raise' expression ['from' expression] | 'raise'
static KaaAst *raise_stmt(Parser *p) {
    int start = p->mark;
    if (!expect(p, KW_raise)) {
        return NULL;
    }
    KaaAst *a = expression(p), *b = NULL;
    if (a) {
        int m = p->mark;
        if (expect(p, KW_from)) {
            b = expression(p);
            if (!b) {
                p->mark = m;
            }
        }
    }
    KaaAst *n = node_new(p, AST_Raise, start);
    n->v.Raise.exc = a;
    n->v.Raise.cause = b;
    return n;
}

// global_stmt / nonlocal_stmt: 'global' ','.NAME+
static KaaAst *global_stmt(Parser *p, KaaAstKind kind) {
    int start = p->mark;
    p->mark++;
    Vec v = {0};
    for (;;) {
        int m = p->mark;
        if (v.len && !expect(p, TOK_COMMA)) {
            break;
        }
        PToken *t = name_token(p);
        if (!t) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, (void *)new_identifier(p, t->start, (size_t)(t->end - t->start)));
    }
    if (!v.len) {
        p->mark = start;
        return NULL;
    }
    KaaAst *n = node_new(p, kind, start);
    KaaAstIdSeq *ids = kaa_arena_alloc(p->arena, sizeof(KaaAstIdSeq) + (size_t)v.len * sizeof(char *));
    ids->len = v.len;
    for (int i = 0; i < v.len; i++) {
        ids->items[i] = v.items[i];
    }
    n->v.Global.names = ids;  // Global and Nonlocal share this layout
    return n;
}

// del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt
static KaaAst *del_stmt(Parser *p) {
    int start = p->mark;
    KaaAstSeq *a;
    if (expect(p, KW_del) && (a = del_targets(p)) &&
        (next_is(p, TOK_SEMI) || next_is(p, TOK_NEWLINE))) {
        KaaAst *n = node_new(p, AST_Delete, start);
        n->v.Delete.targets = a;
        return n;
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_del_stmt(p);
        p->mark = start;
    }
    return NULL;
}

// assert_stmt: 'assert' expression [',' expression]
static KaaAst *assert_stmt(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    if (!expect(p, KW_assert) || !(a = expression(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAst *b = NULL;
    int m = p->mark;
    if (expect(p, TOK_COMMA)) {
        b = expression(p);
        if (!b) {
            p->mark = m;
        }
    }
    KaaAst *n = node_new(p, AST_Assert, start);
    n->v.Assert.test = a;
    n->v.Assert.msg = b;
    return n;
}

// ---- imports ----------------------------------------------------------------------------------

// dotted_name: dotted_name '.' NAME | NAME — the dotted text of the names.
static int dotted_name(Parser *p, const char **out) {
    PToken *t = name_token(p);
    if (!t) {
        return 0;
    }
    size_t cap = 64, len = 0;
    char *buf = kaa_arena_alloc(p->arena, cap);
    const char *first = new_identifier(p, t->start, (size_t)(t->end - t->start));
    for (;;) {
        size_t n = strlen(first);
        if (len + n + 2 > cap) {
            while (len + n + 2 > cap) {
                cap *= 2;
            }
            char *nb = kaa_arena_alloc(p->arena, cap);
            memcpy(nb, buf, len);
            buf = nb;
        }
        if (len) {
            buf[len++] = '.';
        }
        memcpy(buf + len, first, n);
        len += n;
        int m = p->mark;
        if (!expect(p, TOK_DOT) || !(t = name_token(p))) {
            p->mark = m;
            break;
        }
        first = new_identifier(p, t->start, (size_t)(t->end - t->start));
    }
    buf[len] = '\0';
    *out = buf;
    return 1;
}

static KaaAst *alias_node(Parser *p, int start, const char *name, PToken *as) {
    KaaAst *n = node_new(p, AST_alias, start);
    n->v.alias.name = name;
    n->v.alias.asname = as ? new_identifier(p, as->start, (size_t)(as->end - as->start)) : NULL;
    return n;
}

// ['as' NAME]
static PToken *as_name(Parser *p) {
    int m = p->mark;
    PToken *t;
    if (expect(p, KW_as) && (t = name_token(p))) {
        return t;
    }
    p->mark = m;
    return NULL;
}

// dotted_as_name: dotted_name ['as' NAME]
static KaaAst *dotted_as_name(Parser *p) {
    int start = p->mark;
    const char *name;
    if (!dotted_name(p, &name)) {
        return NULL;
    }
    return alias_node(p, start, name, as_name(p));
}

// import_from_as_name: NAME ['as' NAME]
static KaaAst *import_from_as_name(Parser *p) {
    int start = p->mark;
    PToken *t = name_token(p);
    if (!t) {
        return NULL;
    }
    const char *name = new_identifier(p, t->start, (size_t)(t->end - t->start));
    return alias_node(p, start, name, as_name(p));
}

static KaaAstSeq *sep_aliases(Parser *p, KaaAst *(*item)(Parser *)) {
    Vec v = {0};
    KaaAst *a = item(p);
    if (!a) {
        return NULL;
    }
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !(a = item(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, a);
    }
    return vec_seq(p, &v);
}

// import_from_targets: '(' import_from_as_names [','] ')' | import_from_as_names !','
//                    | '*' | invalid_import_from_targets
static KaaAstSeq *import_from_targets(Parser *p) {
    int start = p->mark;
    KaaAstSeq *a;
    if (expect(p, TOK_LPAR) && (a = sep_aliases(p, import_from_as_name))) {
        expect(p, TOK_COMMA);
        if (expect(p, TOK_RPAR)) {
            return a;
        }
    }
    p->mark = start;
    if ((a = sep_aliases(p, import_from_as_name)) && !next_is(p, TOK_COMMA)) {
        return a;
    }
    p->mark = start;
    if (expect(p, TOK_STAR)) {
        KaaAst *n = node_new(p, AST_alias, start);
        n->v.alias.name = "*";
        return seq1(p, n);
    }
    if (p->call_invalid_rules) {
        invalid_import_from_targets(p);
        p->mark = start;
    }
    return NULL;
}

KaaAst *import_from_as_names_seq(Parser *p) {
    KaaAstSeq *s = sep_aliases(p, import_from_as_name);
    return s ? (KaaAst *)s : NULL;
}

// ('.' | '...')* ; returns the number of dots.
static int import_dots(Parser *p) {
    int level = 0;
    for (;;) {
        if (expect(p, TOK_DOT)) {
            level++;
        } else if (expect(p, TOK_ELLIPSIS)) {
            level += 3;
        } else {
            return level;
        }
    }
}

// import_stmt: import_name | import_from
static KaaAst *import_stmt(Parser *p) {
    int start = p->mark;
    KaaAstSeq *names;
    if (expect(p, KW_import) && (names = sep_aliases(p, dotted_as_name))) {
        KaaAst *n = node_new(p, AST_Import, start);
        n->v.Import.names = names;
        return n;
    }
    p->mark = start;
    if (!expect(p, KW_from)) {
        return NULL;
    }
    int after_from = p->mark;
    int level = import_dots(p);
    const char *module = NULL;
    if (dotted_name(p, &module) && expect(p, KW_import) && (names = import_from_targets(p))) {
        KaaAst *n = node_new(p, AST_ImportFrom, start);
        n->v.ImportFrom.module = module;
        n->v.ImportFrom.names = names;
        n->v.ImportFrom.level = level;
        return n;
    }
    p->mark = after_from;
    level = import_dots(p);
    if (level > 0 && expect(p, KW_import) && (names = import_from_targets(p))) {
        KaaAst *n = node_new(p, AST_ImportFrom, start);
        n->v.ImportFrom.module = NULL;
        n->v.ImportFrom.names = names;
        n->v.ImportFrom.level = level;
        return n;
    }
    p->mark = start;
    return NULL;
}

// ---- blocks -----------------------------------------------------------------------------------

// block (memo): NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block
static KaaAstSeq *block_raw(Parser *p) {
    int start = p->mark;
    KaaAstSeq *a;
    if (expect(p, TOK_NEWLINE) && expect(p, TOK_INDENT) && (a = statements(p)) &&
        expect(p, TOK_DEDENT)) {
        return a;
    }
    p->mark = start;
    a = simple_stmts(p);
    if (a) {
        return a;
    }
    if (p->call_invalid_rules) {
        invalid_block(p);
        p->mark = start;
    }
    return NULL;
}

KaaAstSeq *block(Parser *p) {
    void *res;
    if (memo_get(p, M_BLOCK, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    res = block_raw(p);
    LEAVE(p);
    if (!res) {
        p->mark = start;
    }
    memo_put(p, M_BLOCK, start, res);
    return res;
}

// decorators: ('@' named_expression NEWLINE)+
static KaaAstSeq *decorators(Parser *p) {
    Vec v = {0};
    for (;;) {
        int m = p->mark;
        KaaAst *f;
        if (!expect(p, TOK_AT) || !(f = named_expression(p)) || !expect(p, TOK_NEWLINE)) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, f);
    }
    return v.len ? vec_seq(p, &v) : NULL;
}

// ---- parameters -------------------------------------------------------------------------------

// annotation: ':' expression   (star: ':' star_expression)
static KaaAst *annotation(Parser *p, int star) {
    int m = p->mark;
    KaaAst *a;
    if (expect(p, TOK_COLON) && (a = star ? star_expression(p) : expression(p))) {
        return a;
    }
    p->mark = m;
    return NULL;
}

static KaaAst *make_arg(Parser *p, int start, PToken *name, KaaAst *ann) {
    KaaAst *n = node_new(p, AST_arg, start);
    n->v.arg.arg = new_identifier(p, name->start, (size_t)(name->end - name->start));
    n->v.arg.annotation = ann;
    return n;
}

// param: NAME annotation?
KaaAst *param(Parser *p) {
    int start = p->mark;
    PToken *a = name_token(p);
    if (!a) {
        return NULL;
    }
    return make_arg(p, start, a, annotation(p, 0));
}

// param_star_annotation: NAME star_annotation
static KaaAst *param_star_annotation(Parser *p) {
    int start = p->mark;
    PToken *a = name_token(p);
    KaaAst *b;
    if (a && (b = annotation(p, 1))) {
        return make_arg(p, start, a, b);
    }
    p->mark = start;
    return NULL;
}

// lambda_param: NAME
KaaAst *lambda_param(Parser *p) {
    int start = p->mark;
    PToken *a = name_token(p);
    return a ? make_arg(p, start, a, NULL) : NULL;
}

static KaaAst *with_type_comment(Parser *p, KaaAst *a, PToken *tc) {
    if (!tc) {
        return a;
    }
    KaaAst *n = kaa_arena_alloc(p->arena, sizeof(KaaAst));
    *n = *a;
    n->v.arg.type_comment = type_comment_text(p, tc);
    return n;
}

// default: '=' expression | invalid_default
static KaaAst *default_value(Parser *p) {
    int m = p->mark;
    KaaAst *a;
    if (expect(p, TOK_EQUAL) && (a = expression(p))) {
        return a;
    }
    p->mark = m;
    if (p->call_invalid_rules) {
        invalid_default(p);
        p->mark = m;
    }
    return NULL;
}

// The ending shared by the param_* rules: ',' TYPE_COMMENT? | TYPE_COMMENT? &close
// (close is ')' for def and ':' for lambda, which has no type comments). 1 when it matched.
static int param_end(Parser *p, int lambda, PToken **tc) {
    int m = p->mark;
    *tc = NULL;
    if (expect(p, TOK_COMMA)) {
        if (!lambda) {
            *tc = expect(p, TOK_TYPE_COMMENT);
        }
        return 1;
    }
    if (!lambda) {
        *tc = expect(p, TOK_TYPE_COMMENT);
    }
    if (next_is(p, lambda ? TOK_COLON : TOK_RPAR)) {
        return 1;
    }
    p->mark = m;
    *tc = NULL;
    return 0;
}

// param_no_default: param ',' TYPE_COMMENT? | param TYPE_COMMENT? &')'
static KaaAst *param_no_default_impl(Parser *p, int lambda) {
    int start = p->mark;
    KaaAst *a = lambda ? lambda_param(p) : param(p);
    PToken *tc;
    if (a && param_end(p, lambda, &tc)) {
        return with_type_comment(p, a, tc);
    }
    p->mark = start;
    return NULL;
}

KaaAst *param_no_default(Parser *p) {
    return param_no_default_impl(p, 0);
}

KaaAst *lambda_param_no_default(Parser *p) {
    return param_no_default_impl(p, 1);
}

// param_no_default_star_annotation: param_star_annotation ',' TYPE_COMMENT?
//     | param_star_annotation TYPE_COMMENT? &')'
static KaaAst *param_no_default_star_annotation(Parser *p) {
    int start = p->mark;
    KaaAst *a = param_star_annotation(p);
    PToken *tc;
    if (a && param_end(p, 0, &tc)) {
        return with_type_comment(p, a, tc);
    }
    p->mark = start;
    return NULL;
}

// param_with_default (def_required) / param_maybe_default: param default ',' TYPE_COMMENT? | ...
static int param_default_impl(Parser *p, int lambda, int required, KaaAst **arg, KaaAst **def) {
    int start = p->mark;
    KaaAst *a = lambda ? lambda_param(p) : param(p);
    if (!a) {
        return 0;
    }
    KaaAst *c = default_value(p);
    PToken *tc;
    if ((c || !required) && param_end(p, lambda, &tc)) {
        *arg = with_type_comment(p, a, tc);
        *def = c;
        return 1;
    }
    p->mark = start;
    return 0;
}

int param_with_default(Parser *p, KaaAst **arg, KaaAst **def) {
    return param_default_impl(p, 0, 1, arg, def);
}

int param_maybe_default(Parser *p, KaaAst **arg, KaaAst **def) {
    return param_default_impl(p, 0, 0, arg, def);
}

int lambda_param_with_default(Parser *p, KaaAst **arg, KaaAst **def) {
    return param_default_impl(p, 1, 1, arg, def);
}

int lambda_param_maybe_default(Parser *p, KaaAst **arg, KaaAst **def) {
    return param_default_impl(p, 1, 0, arg, def);
}

// The pieces of a parameter list, gathered as CPython's _PyPegen_make_arguments expects.
typedef struct Params {
    Vec posonly, posonly_defaults;  // slash_no_default or slash_with_default
    Vec args, defaults;             // plain names and names with defaults
    KaaAst *vararg, *kwarg;
    Vec kwonly, kw_defaults;
} Params;

// param_no_default* into v (lambda: lambda_param_no_default*); returns the count.
static int no_defaults(Parser *p, int lambda, Vec *v) {
    int n = 0;
    KaaAst *a;
    while ((a = param_no_default_impl(p, lambda))) {
        vec_push(p, v, a);
        n++;
    }
    return n;
}

// param_with_default* into args/defaults; returns the count.
static int with_defaults(Parser *p, int lambda, Vec *args, Vec *defs) {
    int n = 0;
    KaaAst *a, *d;
    while (param_default_impl(p, lambda, 1, &a, &d)) {
        vec_push(p, args, a);
        vec_push(p, defs, d);
        n++;
    }
    return n;
}

// '/' ',' | '/' &close
static int slash_end(Parser *p, int lambda) {
    int m = p->mark;
    if (expect(p, TOK_SLASH)) {
        if (expect(p, TOK_COMMA) || next_is(p, lambda ? TOK_COLON : TOK_RPAR)) {
            return 1;
        }
    }
    p->mark = m;
    return 0;
}

// slash_no_default: param_no_default+ '/' (',' | &')')
static int slash_no_default_impl(Parser *p, int lambda, Params *ps) {
    int start = p->mark;
    Vec v = {0};
    if (no_defaults(p, lambda, &v) && slash_end(p, lambda)) {
        ps->posonly = v;
        return 1;
    }
    p->mark = start;
    return 0;
}

// slash_with_default: param_no_default* param_with_default+ '/' (',' | &')')
static int slash_with_default_impl(Parser *p, int lambda, Params *ps) {
    int start = p->mark;
    Vec v = {0}, a = {0}, d = {0};
    no_defaults(p, lambda, &v);
    if (with_defaults(p, lambda, &a, &d) && slash_end(p, lambda)) {
        for (int i = 0; i < a.len; i++) {
            vec_push(p, &v, a.items[i]);
        }
        ps->posonly = v;
        ps->posonly_defaults = d;
        return 1;
    }
    p->mark = start;
    return 0;
}

int slash_no_default(Parser *p) {
    Params ps = {0};
    return slash_no_default_impl(p, 0, &ps);
}

int slash_with_default(Parser *p) {
    Params ps = {0};
    return slash_with_default_impl(p, 0, &ps);
}

int lambda_slash_no_default(Parser *p) {
    Params ps = {0};
    return slash_no_default_impl(p, 1, &ps);
}

int lambda_slash_with_default(Parser *p) {
    Params ps = {0};
    return slash_with_default_impl(p, 1, &ps);
}

// kwds: invalid_kwds | '**' param_no_default
static KaaAst *kwds(Parser *p, int lambda) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        if (lambda) {
            invalid_lambda_kwds(p);
        } else {
            invalid_kwds(p);
        }
        p->mark = start;
    }
    KaaAst *a;
    if (expect(p, TOK_DOUBLESTAR) && (a = param_no_default_impl(p, lambda))) {
        return a;
    }
    p->mark = start;
    return NULL;
}

// param_maybe_default* into kwonly/kw_defaults; returns the count.
static int maybe_defaults(Parser *p, int lambda, Params *ps) {
    int n = 0;
    KaaAst *a, *d;
    while (param_default_impl(p, lambda, 0, &a, &d)) {
        vec_push(p, &ps->kwonly, a);
        vec_push(p, &ps->kw_defaults, d);
        n++;
    }
    return n;
}

// star_etc: invalid_star_etc
//     | '*' param_no_default param_maybe_default* [kwds]
//     | '*' param_no_default_star_annotation param_maybe_default* [kwds]   (def only)
//     | '*' ',' param_maybe_default+ [kwds]
//     | kwds
static int star_etc(Parser *p, int lambda, Params *ps) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        if (lambda) {
            invalid_lambda_star_etc(p);
        } else {
            invalid_star_etc(p);
        }
        p->mark = start;
    }
    Params saved = *ps;
    for (int alt = 0; alt < 3; alt++) {
        p->mark = start;
        *ps = saved;
        if (!expect(p, TOK_STAR)) {
            break;
        }
        KaaAst *a = NULL;
        if (alt == 0) {
            a = param_no_default_impl(p, lambda);
        } else if (alt == 1) {
            a = lambda ? NULL : param_no_default_star_annotation(p);
        } else if (!expect(p, TOK_COMMA)) {
            continue;
        }
        if (alt < 2 && !a) {
            continue;
        }
        if (!maybe_defaults(p, lambda, ps) && alt == 2) {
            continue;
        }
        ps->vararg = a;
        ps->kwarg = kwds(p, lambda);
        return 1;
    }
    p->mark = start;
    *ps = saved;
    KaaAst *k = kwds(p, lambda);
    if (k) {
        ps->kwarg = k;
        return 1;
    }
    p->mark = start;
    return 0;
}

static KaaAst *make_arguments(Parser *p, Params *ps) {
    KaaAst *a = node_at(p, AST_arguments, 0, 0, 0, 0);
    Vec defaults = ps->posonly_defaults;
    for (int i = 0; i < ps->defaults.len; i++) {
        vec_push(p, &defaults, ps->defaults.items[i]);
    }
    a->v.arguments.posonlyargs = vec_seq(p, &ps->posonly);
    a->v.arguments.args = vec_seq(p, &ps->args);
    a->v.arguments.vararg = ps->vararg;
    a->v.arguments.kwonlyargs = vec_seq(p, &ps->kwonly);
    a->v.arguments.kw_defaults = vec_seq(p, &ps->kw_defaults);
    a->v.arguments.kwarg = ps->kwarg;
    a->v.arguments.defaults = vec_seq(p, &defaults);
    return a;
}

// parameters:
//     | slash_no_default param_no_default* param_with_default* [star_etc]
//     | slash_with_default param_with_default* [star_etc]
//     | param_no_default+ param_with_default* [star_etc]
//     | param_with_default+ [star_etc]
//     | star_etc
static KaaAst *parameters(Parser *p, int lambda) {
    int start = p->mark;
    Params ps = {0};
    if (slash_no_default_impl(p, lambda, &ps)) {
        no_defaults(p, lambda, &ps.args);
        with_defaults(p, lambda, &ps.args, &ps.defaults);
        star_etc(p, lambda, &ps);
        return make_arguments(p, &ps);
    }
    p->mark = start;
    memset(&ps, 0, sizeof ps);
    if (slash_with_default_impl(p, lambda, &ps)) {
        with_defaults(p, lambda, &ps.args, &ps.defaults);
        star_etc(p, lambda, &ps);
        return make_arguments(p, &ps);
    }
    p->mark = start;
    memset(&ps, 0, sizeof ps);
    if (no_defaults(p, lambda, &ps.args)) {
        with_defaults(p, lambda, &ps.args, &ps.defaults);
        star_etc(p, lambda, &ps);
        return make_arguments(p, &ps);
    }
    p->mark = start;
    memset(&ps, 0, sizeof ps);
    if (with_defaults(p, lambda, &ps.args, &ps.defaults)) {
        star_etc(p, lambda, &ps);
        return make_arguments(p, &ps);
    }
    p->mark = start;
    memset(&ps, 0, sizeof ps);
    if (star_etc(p, lambda, &ps)) {
        return make_arguments(p, &ps);
    }
    p->mark = start;
    return NULL;
}

// params: invalid_parameters | parameters
KaaAst *params(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_parameters(p);
        p->mark = start;
    }
    return parameters(p, 0);
}

// lambda_params: invalid_lambda_parameters | lambda_parameters
KaaAst *lambda_params(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_lambda_parameters(p);
        p->mark = start;
    }
    return parameters(p, 1);
}

// ---- function and class definitions -----------------------------------------------------------

// func_type_comment: NEWLINE TYPE_COMMENT &(NEWLINE INDENT) | invalid_double_type_comments
//                  | TYPE_COMMENT
static PToken *func_type_comment(Parser *p) {
    int start = p->mark;
    PToken *t;
    if (expect(p, TOK_NEWLINE) && (t = expect(p, TOK_TYPE_COMMENT))) {
        int m = p->mark;
        if (expect(p, TOK_NEWLINE) && expect(p, TOK_INDENT)) {
            p->mark = m;
            return t;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_double_type_comments(p);
        p->mark = start;
    }
    return expect(p, TOK_TYPE_COMMENT);
}

// function_def_raw: invalid_def_raw
//     | [ASYNC] 'def' NAME &&'(' [params] ')' ['->' expression] &&':' [func_type_comment] block
static KaaAst *function_def_raw(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_def_raw(p);
        p->mark = start;
    }
    for (int async = 0; async <= 1; async++) {
        p->mark = start;
        if (async && !expect(p, TOK_ASYNC)) {
            break;
        }
        PToken *n;
        if (!expect(p, KW_def) || !(n = name_token(p))) {
            continue;
        }
        expect_forced(p, TOK_LPAR, "(");
        KaaAst *ps = params(p);
        if (!expect(p, TOK_RPAR)) {
            continue;
        }
        KaaAst *ret = NULL;
        int m = p->mark;
        if (expect(p, TOK_RARROW)) {
            ret = expression(p);
            if (!ret) {
                p->mark = m;
            }
        }
        expect_forced(p, TOK_COLON, ":");
        PToken *tc = func_type_comment(p);
        KaaAstSeq *b = block(p);
        if (!b) {
            continue;
        }
        KaaAst *f = node_new(p, async ? AST_AsyncFunctionDef : AST_FunctionDef, start);
        f->v.FunctionDef.name = new_identifier(p, n->start, (size_t)(n->end - n->start));
        f->v.FunctionDef.args = ps ? ps : empty_arguments(p);
        f->v.FunctionDef.body = b;
        f->v.FunctionDef.decorator_list = seq_empty(p);
        f->v.FunctionDef.returns = ret;
        f->v.FunctionDef.type_comment = type_comment_text(p, tc);
        return f;
    }
    p->mark = start;
    return NULL;
}

// class_def_raw: invalid_class_def_raw | 'class' NAME ['(' [arguments] ')'] ':' block
static KaaAst *class_def_raw(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_class_def_raw(p);
        p->mark = start;
    }
    PToken *a;
    if (!expect(p, KW_class) || !(a = name_token(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAst *args = NULL;
    int m = p->mark;
    if (expect(p, TOK_LPAR)) {
        KaaAst *z = arguments(p);
        if (expect(p, TOK_RPAR)) {
            args = z;
        } else {
            p->mark = m;
        }
    }
    KaaAstSeq *b;
    if (!expect(p, TOK_COLON) || !(b = block(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAst *c = node_new(p, AST_ClassDef, start);
    c->v.ClassDef.name = new_identifier(p, a->start, (size_t)(a->end - a->start));
    c->v.ClassDef.bases = args && args->v.Call.args ? args->v.Call.args : seq_empty(p);
    c->v.ClassDef.keywords = args && args->v.Call.keywords ? args->v.Call.keywords : seq_empty(p);
    c->v.ClassDef.body = b;
    c->v.ClassDef.decorator_list = seq_empty(p);
    return c;
}

static KaaAst *with_decorators(Parser *p, KaaAst *def, KaaAstSeq *decos) {
    KaaAst *n = kaa_arena_alloc(p->arena, sizeof(KaaAst));
    *n = *def;
    if (def->kind == AST_ClassDef) {
        n->v.ClassDef.decorator_list = decos;
    } else {
        n->v.FunctionDef.decorator_list = decos;
    }
    return n;
}

// function_def: decorators function_def_raw | function_def_raw
static KaaAst *function_def(Parser *p) {
    int start = p->mark;
    KaaAstSeq *d = decorators(p);
    KaaAst *f;
    if (d && (f = function_def_raw(p))) {
        return with_decorators(p, f, d);
    }
    p->mark = start;
    return function_def_raw(p);
}

// class_def: decorators class_def_raw | class_def_raw
static KaaAst *class_def(Parser *p) {
    int start = p->mark;
    KaaAstSeq *d = decorators(p);
    KaaAst *c;
    if (d && (c = class_def_raw(p))) {
        return with_decorators(p, c, d);
    }
    p->mark = start;
    return class_def_raw(p);
}

// ---- if / while / for -------------------------------------------------------------------------

// else_block: invalid_else_stmt | 'else' &&':' block
static KaaAstSeq *else_block(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_else_stmt(p);
        p->mark = start;
    }
    if (!expect(p, KW_else)) {
        return NULL;
    }
    expect_forced(p, TOK_COLON, ":");
    KaaAstSeq *b = block(p);
    if (!b) {
        p->mark = start;
    }
    return b;
}

// if_stmt / elif_stmt: invalid_if_stmt
//     | 'if' named_expression ':' block elif_stmt | 'if' named_expression ':' block [else_block]
static KaaAst *if_stmt(Parser *p, int kw) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        if (kw == KW_if) {
            invalid_if_stmt(p);
        } else {
            invalid_elif_stmt(p);
        }
        p->mark = start;
    }
    KaaAst *a;
    KaaAstSeq *b;
    if (!expect(p, kw) || !(a = named_expression(p)) || !expect(p, TOK_COLON) ||
        !(b = block(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAstSeq *orelse = NULL;
    KaaAst *c = if_stmt(p, KW_elif);
    if (c) {
        orelse = seq1(p, c);
    } else {
        orelse = else_block(p);
    }
    KaaAst *n = node_new(p, AST_If, start);
    n->v.If.test = a;
    n->v.If.body = b;
    n->v.If.orelse = orelse ? orelse : seq_empty(p);
    return n;
}

// while_stmt: invalid_while_stmt | 'while' named_expression ':' block [else_block]
static KaaAst *while_stmt(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_while_stmt(p);
        p->mark = start;
    }
    KaaAst *a;
    KaaAstSeq *b;
    if (!expect(p, KW_while) || !(a = named_expression(p)) || !expect(p, TOK_COLON) ||
        !(b = block(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAstSeq *c = else_block(p);
    KaaAst *n = node_new(p, AST_While, start);
    n->v.While.test = a;
    n->v.While.body = b;
    n->v.While.orelse = c ? c : seq_empty(p);
    return n;
}

// for_stmt: invalid_for_stmt
//     | [ASYNC] 'for' star_targets 'in' ~ star_expressions ':' [TYPE_COMMENT] block [else_block]
//     | invalid_for_target
static KaaAst *for_stmt(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_for_stmt(p);
        p->mark = start;
    }
    for (int async = 0; async <= 1; async++) {
        p->mark = start;
        if (async && !expect(p, TOK_ASYNC)) {
            break;
        }
        KaaAst *t;
        if (!expect(p, KW_for) || !(t = star_targets(p)) || !expect(p, KW_in)) {
            continue;
        }
        KaaAst *ex;
        KaaAstSeq *b;
        if (!(ex = star_expressions(p)) || !expect(p, TOK_COLON)) {
            p->mark = start;
            return NULL;  // the cut: no other alternative
        }
        PToken *tc = expect(p, TOK_TYPE_COMMENT);
        if (!(b = block(p))) {
            p->mark = start;
            return NULL;
        }
        KaaAstSeq *el = else_block(p);
        KaaAst *n = node_new(p, async ? AST_AsyncFor : AST_For, start);
        n->v.For.target = t;
        n->v.For.iter = ex;
        n->v.For.body = b;
        n->v.For.orelse = el ? el : seq_empty(p);
        n->v.For.type_comment = type_comment_text(p, tc);
        return n;
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_for_target(p);
        p->mark = start;
    }
    return NULL;
}

// ---- with -------------------------------------------------------------------------------------

// with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression
KaaAst *with_item(Parser *p) {
    int start = p->mark;
    KaaAst *e, *t;
    if ((e = expression(p)) && expect(p, KW_as) && (t = star_target(p))) {
        int nt = peek(p)->type;
        if (nt == TOK_COMMA || nt == TOK_RPAR || nt == TOK_COLON) {
            KaaAst *n = node_at(p, AST_withitem, 0, 0, 0, 0);
            n->v.withitem.context_expr = e;
            n->v.withitem.optional_vars = t;
            return n;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_with_item(p);
        p->mark = start;
    }
    e = expression(p);
    if (!e) {
        return NULL;
    }
    KaaAst *n = node_at(p, AST_withitem, 0, 0, 0, 0);
    n->v.withitem.context_expr = e;
    return n;
}

// ','.with_item+
static KaaAstSeq *with_items(Parser *p) {
    Vec v = {0};
    KaaAst *a = with_item(p);
    if (!a) {
        return NULL;
    }
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !(a = with_item(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, a);
    }
    return vec_seq(p, &v);
}

// with_stmt: invalid_with_stmt_indent
//     | [ASYNC] 'with' '(' ','.with_item+ ','? ')' ':' block
//     | [ASYNC] 'with' ','.with_item+ ':' [TYPE_COMMENT] block
//     | invalid_with_stmt
static KaaAst *with_stmt(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_with_stmt_indent(p);
        p->mark = start;
    }
    for (int async = 0; async <= 1; async++) {
        for (int paren = 1; paren >= 0; paren--) {
            p->mark = start;
            if (async && !expect(p, TOK_ASYNC)) {
                continue;
            }
            if (!expect(p, KW_with)) {
                continue;
            }
            KaaAstSeq *a;
            PToken *tc = NULL;
            if (paren) {
                if (!expect(p, TOK_LPAR) || !(a = with_items(p))) {
                    continue;
                }
                expect(p, TOK_COMMA);
                if (!expect(p, TOK_RPAR) || !expect(p, TOK_COLON)) {
                    continue;
                }
            } else {
                if (!(a = with_items(p)) || !expect(p, TOK_COLON)) {
                    continue;
                }
                tc = expect(p, TOK_TYPE_COMMENT);
            }
            KaaAstSeq *b = block(p);
            if (!b) {
                continue;
            }
            KaaAst *n = node_new(p, async ? AST_AsyncWith : AST_With, start);
            n->v.With.items = a;
            n->v.With.body = b;
            n->v.With.type_comment = type_comment_text(p, tc);
            return n;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_with_stmt(p);
        p->mark = start;
    }
    return NULL;
}

// ---- try --------------------------------------------------------------------------------------

// finally_block: invalid_finally_stmt | 'finally' &&':' block
static KaaAstSeq *finally_block(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_finally_stmt(p);
        p->mark = start;
    }
    if (!expect(p, KW_finally)) {
        return NULL;
    }
    expect_forced(p, TOK_COLON, ":");
    KaaAstSeq *b = block(p);
    if (!b) {
        p->mark = start;
    }
    return b;
}

static KaaAst *handler(Parser *p, int start, KaaAst *type, PToken *name, KaaAstSeq *body) {
    KaaAst *n = node_new(p, AST_ExceptHandler, start);
    n->v.ExceptHandler.type = type;
    n->v.ExceptHandler.name = name ? new_identifier(p, name->start, (size_t)(name->end - name->start))
                                   : NULL;
    n->v.ExceptHandler.body = body;
    return n;
}

// except_block: invalid_except_stmt_indent | 'except' expression ['as' NAME] ':' block
//             | 'except' ':' block | invalid_except_stmt
// except_star_block: invalid_except_star_stmt_indent
//             | 'except' '*' expression ['as' NAME] ':' block | invalid_except_stmt
KaaAst *except_block(Parser *p, int star) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        if (star) {
            invalid_except_star_stmt_indent(p);
        } else {
            invalid_except_stmt_indent(p);
        }
        p->mark = start;
    }
    KaaAst *e;
    KaaAstSeq *b;
    if (expect(p, KW_except) && (!star || expect(p, TOK_STAR)) && (e = expression(p))) {
        PToken *t = as_name(p);
        if (expect(p, TOK_COLON) && (b = block(p))) {
            return handler(p, start, e, t, b);
        }
    }
    p->mark = start;
    if (!star && expect(p, KW_except) && expect(p, TOK_COLON) && (b = block(p))) {
        return handler(p, start, NULL, NULL, b);
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_except_stmt(p);
        p->mark = start;
    }
    return NULL;
}

// try_stmt: invalid_try_stmt
//     | 'try' &&':' block finally_block
//     | 'try' &&':' block except_block+ [else_block] [finally_block]
//     | 'try' &&':' block except_star_block+ [else_block] [finally_block]
static KaaAst *try_stmt(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_try_stmt(p);
        p->mark = start;
    }
    for (int alt = 0; alt < 3; alt++) {
        p->mark = start;
        if (!expect(p, KW_try)) {
            return NULL;
        }
        expect_forced(p, TOK_COLON, ":");
        KaaAstSeq *b = block(p);
        if (!b) {
            continue;
        }
        Vec handlers = {0};
        KaaAstSeq *el = NULL, *f = NULL;
        if (alt == 0) {
            if (!(f = finally_block(p))) {
                continue;
            }
        } else {
            KaaAst *h;
            while ((h = except_block(p, alt == 2))) {
                vec_push(p, &handlers, h);
            }
            if (!handlers.len) {
                continue;
            }
            el = else_block(p);
            f = finally_block(p);
        }
        KaaAst *n = node_new(p, alt == 2 ? AST_TryStar : AST_Try, start);
        n->v.Try.body = b;
        n->v.Try.handlers = vec_seq(p, &handlers);
        n->v.Try.orelse = el ? el : seq_empty(p);
        n->v.Try.finalbody = f ? f : seq_empty(p);
        return n;
    }
    p->mark = start;
    return NULL;
}

// ---- match ------------------------------------------------------------------------------------

// subject_expr: star_named_expression ',' star_named_expressions? | named_expression
KaaAst *subject_expr(Parser *p) {
    int start = p->mark;
    KaaAst *v = star_named_expression(p);
    if (v && expect(p, TOK_COMMA)) {
        KaaAstSeq *rest = star_named_expressions(p);
        KaaAst *n = node_new(p, AST_Tuple, start);
        n->v.Tuple.elts = seq_prepend(p, v, rest);
        n->v.Tuple.ctx = AST_Load;
        return n;
    }
    p->mark = start;
    return named_expression(p);
}

// case_block: invalid_case_block | "case" patterns guard? ':' block
static KaaAst *case_block(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_case_block(p);
        p->mark = start;
    }
    KaaAst *pat;
    if (!expect_soft(p, "case") || !(pat = patterns(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAst *guard = NULL;
    int m = p->mark;
    if (expect(p, KW_if)) {
        guard = named_expression(p);
        if (!guard) {
            p->mark = m;
        }
    }
    KaaAstSeq *body;
    if (!expect(p, TOK_COLON) || !(body = block(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAst *n = node_at(p, AST_match_case, 0, 0, 0, 0);
    n->v.match_case.pattern = pat;
    n->v.match_case.guard = guard;
    n->v.match_case.body = body;
    return n;
}

// match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT | invalid_match_stmt
static KaaAst *match_stmt(Parser *p) {
    int start = p->mark;
    KaaAst *subject;
    if (expect_soft(p, "match") && (subject = subject_expr(p)) && expect(p, TOK_COLON) &&
        expect(p, TOK_NEWLINE) && expect(p, TOK_INDENT)) {
        Vec cases = {0};
        KaaAst *c;
        while ((c = case_block(p))) {
            vec_push(p, &cases, c);
        }
        if (cases.len && expect(p, TOK_DEDENT)) {
            KaaAst *n = node_new(p, AST_Match, start);
            n->v.Match.subject = subject;
            n->v.Match.cases = vec_seq(p, &cases);
            return n;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_match_stmt(p);
        p->mark = start;
    }
    return NULL;
}

// compound_stmt: &('def' | '@' | ASYNC) function_def | &'if' if_stmt
//     | &('class' | '@') class_def | &('with' | ASYNC) with_stmt | &('for' | ASYNC) for_stmt
//     | &'try' try_stmt | &'while' while_stmt | match_stmt
static KaaAst *compound_stmt(Parser *p) {
    int t = peek(p)->type;
    KaaAst *a = NULL;
    if (t == KW_def || t == TOK_AT || t == TOK_ASYNC) {
        if ((a = function_def(p))) {
            return a;
        }
    }
    if (t == KW_if) {
        return if_stmt(p, KW_if);
    }
    if (t == KW_class || t == TOK_AT) {
        if ((a = class_def(p))) {
            return a;
        }
    }
    if (t == KW_with || t == TOK_ASYNC) {
        if ((a = with_stmt(p))) {
            return a;
        }
    }
    if (t == KW_for || t == TOK_ASYNC) {
        if ((a = for_stmt(p))) {
            return a;
        }
    }
    if (t == KW_try) {
        return try_stmt(p);
    }
    if (t == KW_while) {
        return while_stmt(p);
    }
    return match_stmt(p);
}
