// parse/parse_invalid.c — the invalid_* rules: CPython 3.11's specialised syntax errors.
//
// Stage: parse. These rules run only in the second pass, after the grammar failed. Each one
// recognises a common mistake and raises the error CPython raises for it ("expected ':'",
// "cannot assign to ...", "Perhaps you forgot a comma?", the indentation messages ...).
// As in CPython's generated parser, an alternative whose items all match ends the rule: its
// action either raises or, when its condition does not hold, makes the rule fail without
// trying the alternatives after it.
// Must not: build nodes that reach the tree.
#include "parse/parser.h"

#include <string.h>

// Each rule body is a sequence of alternatives; ALT(cond) tries one from the rule's start.
#define RULE_START int start_ = p->mark
#define RESET (p->mark = start_)

static int is_legacy_name(KaaAst *a) {
    return a->kind == AST_Name &&
           (strcmp(a->v.Name.id, "print") == 0 || strcmp(a->v.Name.id, "exec") == 0);
}

static KaaAst *last_comprehension_item(KaaAstSeq *gens) {
    KaaAst *c = gens->items[gens->len - 1];
    KaaAstSeq *ifs = c->v.comprehension.ifs;
    return ifs && ifs->len ? ifs->items[ifs->len - 1] : c->v.comprehension.iter;
}

KaaAst *invalid_target(KaaAst *e, int kind) {
    if (!e) {
        return NULL;
    }
    switch (e->kind) {
    case AST_List:
    case AST_Tuple: {
        KaaAstSeq *elts = e->kind == AST_List ? e->v.List.elts : e->v.Tuple.elts;
        for (int i = 0; elts && i < elts->len; i++) {
            KaaAst *c = invalid_target(elts->items[i], kind);
            if (c) {
                return c;
            }
        }
        return NULL;
    }
    case AST_Starred:
        if (kind == TARGETS_DEL) {
            return e;
        }
        return invalid_target(e->v.Starred.value, kind);
    case AST_Compare:
        // In `for x in y`, `x in y` parses as a comparison: look at its left side.
        if (kind == TARGETS_FOR) {
            if (e->v.Compare.ops->items[0] == AST_In) {
                return invalid_target(e->v.Compare.left, kind);
            }
            return NULL;
        }
        return e;
    case AST_Name:
    case AST_Subscript:
    case AST_Attribute:
        return NULL;
    default:
        return e;
    }
}

// RAISE_SYNTAX_ERROR_INVALID_TARGET: raises when e holds something that cannot be assigned to
// (or deleted); returns normally otherwise, and the caller's rule then fails.
static void check_invalid_target(Parser *p, int kind, KaaAst *e) {
    KaaAst *t = invalid_target(e, kind);
    if (t) {
        raise_at_node(p, t, kind == TARGETS_DEL ? "cannot delete %s" : "cannot assign to %s",
                      expr_name(t));
    }
}

_Noreturn static void raise_from_token(Parser *p, PToken *a, const char *msg) {
    raise_error_known(p, "SyntaxError", a->lineno, a->col_offset, p->tok->lineno,
                      (int)(p->tok->cur - p->tok->line_start) - 1, "%s", msg);
}

static int soft_keyword_next(Parser *p) {
    PToken *t = peek(p);
    if (t->type != TOK_NAME) {
        return 0;
    }
    // CPython compares only the token's length of each soft keyword (strncmp), so any prefix
    // of one ("m", "ca") counts as a soft keyword here.
    size_t n = (size_t)(t->end - t->start);
    return (n <= 5 && memcmp(t->start, "match", n) == 0) ||
           (n <= 4 && memcmp(t->start, "case", n) == 0) || (n == 1 && t->start[0] == '_');
}

// ---- calls ------------------------------------------------------------------------------------

// ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ ',' kwargs
static int kwargs_after_positional(Parser *p) {
    Vec a = {0}, kw = {0};
    return call_positionals(p, &a) && expect(p, TOK_COMMA) && call_kwargs(p, &kw);
}

static int kwargs_only(Parser *p) {
    Vec kw = {0};
    return call_kwargs(p, &kw);
}

void *invalid_arguments(Parser *p) {
    RULE_START;
    KaaAst *a, *b;
    KaaAstSeq *gens;
    // 3.11.7: ((positional+ ',' kwargs) | kwargs) ',' b='*'
    PToken *star;
    if ((kwargs_after_positional(p) || (RESET, kwargs_only(p))) && expect(p, TOK_COMMA) &&
        (star = expect(p, TOK_STAR))) {
        raise_at_token(p, star, "iterable argument unpacking follows keyword argument unpacking");
    }
    RESET;
    if ((a = expression(p)) && (gens = for_if_clauses(p)) && expect(p, TOK_COMMA)) {
        int m = p->mark;
        if (!args(p)) {
            p->mark = m;
            KaaAst *e = expression(p);
            if (!e || !for_if_clauses(p)) {
                p->mark = m;
            }
        }
        raise_range_nodes(p, a, last_comprehension_item(gens),
                          "Generator expression must be parenthesized");
    }
    RESET;
    PToken *n, *eq;
    if ((n = name_token(p)) && (eq = expect(p, TOK_EQUAL)) && expression(p) && for_if_clauses(p)) {
        raise_range_tokens(p, n, eq, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    RESET;
    if ((a = args(p)) && (gens = for_if_clauses(p))) {
        KaaAstSeq *pos = a->v.Call.args;
        if (pos->len <= 1) {
            return NULL;
        }
        raise_range_nodes(p, pos->items[pos->len - 1], last_comprehension_item(gens),
                          "Generator expression must be parenthesized");
    }
    RESET;
    if (args(p) && expect(p, TOK_COMMA) && (b = expression(p)) && (gens = for_if_clauses(p))) {
        raise_range_nodes(p, b, last_comprehension_item(gens),
                          "Generator expression must be parenthesized");
    }
    RESET;
    if ((a = args(p)) && expect(p, TOK_COMMA) && args(p)) {
        KaaAstSeq *kws = a->v.Call.keywords;
        int unpacking = 0;
        for (int i = 0; kws && i < kws->len; i++) {
            if (!kws->items[i]->v.keyword.arg) {
                unpacking = 1;
            }
        }
        RAISE_SYNTAX(p, unpacking ? "positional argument follows keyword argument unpacking"
                                  : "positional argument follows keyword argument");
    }
    RESET;
    return NULL;
}

void *invalid_kwarg(Parser *p) {
    RULE_START;
    PToken *a = peek(p), *b;
    if ((a->type == KW_True || a->type == KW_False || a->type == KW_None)) {
        p->mark++;
        if ((b = expect(p, TOK_EQUAL))) {
            raise_range_tokens(p, a, b, "cannot assign to %.*s", (int)(a->end - a->start),
                               a->start);
        }
    }
    RESET;
    if ((a = name_token(p)) && (b = expect(p, TOK_EQUAL)) && expression(p) && for_if_clauses(p)) {
        raise_range_tokens(p, a, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    RESET;
    if (name_token(p) && expect(p, TOK_EQUAL)) {
        RESET;
        return NULL;
    }
    RESET;
    KaaAst *e;
    if ((e = expression(p)) && (b = expect(p, TOK_EQUAL))) {
        raise_range_node_token(p, e, b,
                               "expression cannot contain assignment, perhaps you meant \"==\"?");
    }
    RESET;
    return NULL;
}

// ---- expressions ------------------------------------------------------------------------------

void *invalid_legacy_expression(Parser *p) {
    RULE_START;
    PToken *t = name_token(p);
    KaaAst *b;
    if (t && !next_is(p, TOK_LPAR) && (b = star_expressions(p))) {
        KaaAst *a = name_node(p, t, AST_Load);
        if (is_legacy_name(a)) {
            raise_range_nodes(p, a, b, "Missing parentheses in call to '%s'. Did you mean %s(...)?",
                              a->v.Name.id, a->v.Name.id);
        }
        return NULL;
    }
    RESET;
    return NULL;
}

void *invalid_expression(Parser *p) {
    RULE_START;
    int blocked = 0;
    if (name_token(p) && next_is(p, TOK_STRING)) {
        blocked = 1;
    }
    RESET;
    if (!blocked && !soft_keyword_next(p)) {
        KaaAst *a, *b;
        if ((a = disjunction(p)) && (b = expression_without_invalid(p))) {
            if (is_legacy_name(a) || p->tokens[p->mark - 1]->level == 0) {
                return NULL;
            }
            raise_range_nodes(p, a, b, "invalid syntax. Perhaps you forgot a comma?");
        }
    }
    RESET;
    KaaAst *a, *b;
    if ((a = disjunction(p)) && expect(p, KW_if) && (b = disjunction(p))) {
        int t = peek(p)->type;
        if (t != KW_else && t != TOK_COLON) {
            raise_range_nodes(p, a, b, "expected 'else' after 'if' expression");
        }
    }
    RESET;
    return NULL;
}

static void *invalid_named_expression_raw(Parser *p) {
    RULE_START;
    KaaAst *a, *b;
    if ((a = expression(p)) && expect(p, TOK_COLONEQUAL) && expression(p)) {
        raise_at_node(p, a, "cannot use assignment expressions with %s", expr_name(a));
    }
    RESET;
    PToken *t;
    if ((t = name_token(p)) && expect(p, TOK_EQUAL) && (b = bitwise_or(p))) {
        int n = peek(p)->type;
        if (n != TOK_EQUAL && n != TOK_COLONEQUAL) {
            raise_range_nodes(p, name_node(p, t, AST_Load), b,
                              "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        }
    }
    RESET;
    int blocked = 0;
    int t0 = peek(p)->type;
    if (t0 == KW_True || t0 == KW_None || t0 == KW_False) {
        blocked = 1;
    } else if (list_rule(p) || tuple_rule(p) || genexp(p)) {
        blocked = 1;
    }
    RESET;
    if (!blocked && (a = bitwise_or(p)) && expect(p, TOK_EQUAL) && bitwise_or(p)) {
        int n = peek(p)->type;
        if (n != TOK_EQUAL && n != TOK_COLONEQUAL) {
            raise_at_node(p, a, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                          expr_name(a));
        }
    }
    RESET;
    return NULL;
}

void *invalid_named_expression(Parser *p) {
    void *res;
    if (memo_get(p, M_INVALID_NAMED_EXPRESSION, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    res = invalid_named_expression_raw(p);
    LEAVE(p);
    p->mark = start;
    memo_put(p, M_INVALID_NAMED_EXPRESSION, start, res);
    return res;
}

// ---- assignments ------------------------------------------------------------------------------

// invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'
static KaaAst *invalid_ann_assign_target(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    if ((a = list_rule(p)) || (a = tuple_rule(p))) {
        return a;
    }
    if (expect(p, TOK_LPAR) && (a = invalid_ann_assign_target(p)) && expect(p, TOK_RPAR)) {
        return a;
    }
    p->mark = start;
    return NULL;
}

// (star_targets '=')*
static void star_targets_eq(Parser *p) {
    for (;;) {
        int m = p->mark;
        if (!star_targets(p) || !expect(p, TOK_EQUAL)) {
            p->mark = m;
            return;
        }
    }
}

static int is_augassign(int t) {
    return t == TOK_PLUSEQUAL || t == TOK_MINEQUAL || t == TOK_STAREQUAL || t == TOK_ATEQUAL ||
           t == TOK_SLASHEQUAL || t == TOK_PERCENTEQUAL || t == TOK_AMPEREQUAL ||
           t == TOK_VBAREQUAL || t == TOK_CIRCUMFLEXEQUAL || t == TOK_LEFTSHIFTEQUAL ||
           t == TOK_RIGHTSHIFTEQUAL || t == TOK_DOUBLESTAREQUAL || t == TOK_DOUBLESLASHEQUAL;
}

void *invalid_assignment(Parser *p) {
    RULE_START;
    KaaAst *a;
    if ((a = invalid_ann_assign_target(p)) && expect(p, TOK_COLON) && expression(p)) {
        raise_at_node(p, a, "only single target (not %s) can be annotated", expr_name(a));
    }
    RESET;
    if ((a = star_named_expression(p)) && expect(p, TOK_COMMA)) {
        while (star_named_expressions(p)) {
        }
        if (expect(p, TOK_COLON) && expression(p)) {
            raise_at_node(p, a, "only single target (not tuple) can be annotated");
        }
    }
    RESET;
    if ((a = expression(p)) && expect(p, TOK_COLON) && expression(p)) {
        raise_at_node(p, a, "illegal target for annotation");
    }
    RESET;
    star_targets_eq(p);
    if ((a = star_expressions(p)) && expect(p, TOK_EQUAL)) {
        check_invalid_target(p, TARGETS_STAR, a);
        return NULL;
    }
    RESET;
    star_targets_eq(p);
    if ((a = yield_expr(p)) && expect(p, TOK_EQUAL)) {
        raise_at_node(p, a, "assignment to yield expression not possible");
    }
    RESET;
    if ((a = star_expressions(p)) && is_augassign(peek(p)->type)) {
        p->mark++;
        if (yield_expr(p) || star_expressions(p)) {
            raise_at_node(p, a, "'%s' is an illegal expression for augmented assignment",
                          expr_name(a));
        }
    }
    RESET;
    return NULL;
}

void *invalid_del_stmt(Parser *p) {
    RULE_START;
    KaaAst *a;
    if (expect(p, KW_del) && (a = star_expressions(p))) {
        check_invalid_target(p, TARGETS_DEL, a);
        return NULL;
    }
    RESET;
    return NULL;
}

void *invalid_block(Parser *p) {
    RULE_START;
    if (expect(p, TOK_NEWLINE) && !next_is(p, TOK_INDENT)) {
        RAISE_INDENT(p, "expected an indented block");
    }
    RESET;
    return NULL;
}

// ---- comprehensions and displays --------------------------------------------------------------

void *invalid_comprehension(Parser *p) {
    RULE_START;
    int t = peek(p)->type;
    if (t != TOK_LSQB && t != TOK_LPAR && t != TOK_LBRACE) {
        return NULL;
    }
    p->mark++;
    KaaAst *a;
    KaaAstSeq *b;
    if ((a = starred_expression(p)) && for_if_clauses(p)) {
        raise_at_node(p, a, "iterable unpacking cannot be used in comprehension");
    }
    RESET;
    if (t == TOK_LPAR) {
        return NULL;
    }
    p->mark++;
    if ((a = star_named_expression(p)) && expect(p, TOK_COMMA) && (b = star_named_expressions(p)) &&
        for_if_clauses(p)) {
        raise_range_nodes(p, a, b->items[b->len - 1],
                          "did you forget parentheses around the comprehension target?");
    }
    RESET;
    p->mark++;
    PToken *c;
    if ((a = star_named_expression(p)) && (c = expect(p, TOK_COMMA)) && for_if_clauses(p)) {
        raise_range_node_token(p, a, c,
                               "did you forget parentheses around the comprehension target?");
    }
    RESET;
    return NULL;
}

void *invalid_dict_comprehension(Parser *p) {
    RULE_START;
    PToken *a;
    if (expect(p, TOK_LBRACE) && (a = expect(p, TOK_DOUBLESTAR)) && bitwise_or(p) &&
        for_if_clauses(p) && expect(p, TOK_RBRACE)) {
        raise_at_token(p, a, "dict unpacking cannot be used in dict comprehension");
    }
    RESET;
    return NULL;
}

void *invalid_kvpair(Parser *p) {
    RULE_START;
    KaaAst *a;
    if ((a = expression(p)) && !next_is(p, TOK_COLON)) {
        raise_error_known(p, "SyntaxError", a->lineno, a->end_col_offset - 1, a->end_lineno, -2,
                          "':' expected after dictionary key");
    }
    RESET;
    PToken *c;
    if (expression(p) && expect(p, TOK_COLON) && (c = expect(p, TOK_STAR)) && bitwise_or(p)) {
        raise_from_token(p, c, "cannot use a starred expression in a dictionary value");
    }
    RESET;
    if (expression(p) && (c = expect(p, TOK_COLON)) &&
        (next_is(p, TOK_RBRACE) || next_is(p, TOK_COMMA))) {
        raise_at_token(p, c, "expression expected after dictionary key and ':'");
    }
    RESET;
    return NULL;
}

// ','.double_starred_kvpair+ (a local copy of the display rule, without building nodes)
static int kvpairs(Parser *p) {
    int n = 0;
    for (;;) {
        int m = p->mark;
        if (n && !expect(p, TOK_COMMA)) {
            break;
        }
        KaaAst *a;
        if (expect(p, TOK_DOUBLESTAR) && bitwise_or(p)) {
            n++;
            continue;
        }
        p->mark = n ? m + 1 : m;
        if ((a = expression(p)) && expect(p, TOK_COLON) && expression(p)) {
            n++;
            continue;
        }
        p->mark = m;
        break;
    }
    return n;
}

void *invalid_double_starred_kvpairs(Parser *p) {
    RULE_START;
    if (kvpairs(p) && expect(p, TOK_COMMA) && invalid_kvpair(p)) {
        return NULL;
    }
    RESET;
    PToken *c;
    if (expression(p) && expect(p, TOK_COLON) && (c = expect(p, TOK_STAR)) && bitwise_or(p)) {
        raise_from_token(p, c, "cannot use a starred expression in a dictionary value");
    }
    RESET;
    if (expression(p) && (c = expect(p, TOK_COLON)) &&
        (next_is(p, TOK_RBRACE) || next_is(p, TOK_COMMA))) {
        raise_at_token(p, c, "expression expected after dictionary key and ':'");
    }
    RESET;
    return NULL;
}

void *invalid_group(Parser *p) {
    RULE_START;
    KaaAst *a;
    if (expect(p, TOK_LPAR) && (a = starred_expression(p)) && expect(p, TOK_RPAR)) {
        raise_at_node(p, a, "cannot use starred expression here");
    }
    RESET;
    PToken *t;
    if (expect(p, TOK_LPAR) && (t = expect(p, TOK_DOUBLESTAR)) && expression(p) &&
        expect(p, TOK_RPAR)) {
        raise_at_token(p, t, "cannot use double starred expression here");
    }
    RESET;
    return NULL;
}

// ---- parameters -------------------------------------------------------------------------------

typedef struct ParamKind {
    int lambda;
    KaaAst *(*no_default)(Parser *);
    int (*with_default)(Parser *, KaaAst **, KaaAst **);
    int (*maybe_default)(Parser *, KaaAst **, KaaAst **);
    int (*slash_no_default)(Parser *);
    int (*slash_with_default)(Parser *);
} ParamKind;

static const ParamKind DEF = {0, param_no_default, param_with_default, param_maybe_default,
                              slash_no_default, slash_with_default};
static const ParamKind LAMBDA = {1, lambda_param_no_default, lambda_param_with_default,
                                 lambda_param_maybe_default, lambda_slash_no_default,
                                 lambda_slash_with_default};

static int many_no_default(Parser *p, const ParamKind *k) {
    int n = 0;
    while (k->no_default(p)) {
        n++;
    }
    return n;
}

static int many_maybe_default(Parser *p, const ParamKind *k) {
    int n = 0;
    KaaAst *a, *d;
    while (k->maybe_default(p, &a, &d)) {
        n++;
    }
    return n;
}

static int many_with_default(Parser *p, const ParamKind *k) {
    int n = 0;
    KaaAst *a, *d;
    while (k->with_default(p, &a, &d)) {
        n++;
    }
    return n;
}

// invalid_parameters_helper: slash_with_default | param_with_default+
static int parameters_helper(Parser *p, const ParamKind *k) {
    int m = p->mark;
    if (k->slash_with_default(p)) {
        return 1;
    }
    p->mark = m;
    return many_with_default(p, k) > 0;
}

// ','.lambda_param+
static int lambda_param_list(Parser *p) {
    if (!lambda_param(p)) {
        return 0;
    }
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !lambda_param(p)) {
            p->mark = m;
            return 1;
        }
    }
}

static void *invalid_params(Parser *p, const ParamKind *k) {
    RULE_START;
    KaaAst *a;
    many_no_default(p, k);
    if (parameters_helper(p, k) && (a = k->no_default(p))) {
        raise_at_node(p, a, "non-default argument follows default argument");
    }
    RESET;
    many_no_default(p, k);
    PToken *lp, *rp;
    if ((lp = expect(p, TOK_LPAR)) &&
        (k->lambda ? lambda_param_list(p) : many_no_default(p, k) > 0)) {
        expect(p, TOK_COMMA);
        if ((rp = expect(p, TOK_RPAR))) {
            raise_range_tokens(p, lp, rp,
                               k->lambda ? "Lambda expression parameters cannot be parenthesized"
                                         : "Function parameters cannot be parenthesized");
        }
    }
    RESET;
    PToken *s;
    if ((s = expect(p, TOK_SLASH)) && expect(p, TOK_COMMA)) {
        raise_at_token(p, s, "at least one argument must precede /");
    }
    RESET;
    if (k->slash_no_default(p) || (RESET, k->slash_with_default(p))) {
        many_maybe_default(p, k);
        if ((s = expect(p, TOK_SLASH))) {
            raise_at_token(p, s, "/ may appear only once");
        }
    }
    RESET;
    if (!k->slash_no_default(p)) {
        RESET;
        if (!k->slash_with_default(p)) {
            RESET;
        }
    }
    many_maybe_default(p, k);
    if (expect(p, TOK_STAR) && (expect(p, TOK_COMMA) || k->no_default(p))) {
        many_maybe_default(p, k);
        if ((s = expect(p, TOK_SLASH))) {
            raise_at_token(p, s, "/ must be ahead of *");
        }
    }
    RESET;
    PToken *st;
    if (many_maybe_default(p, k) && expect(p, TOK_SLASH) && (st = expect(p, TOK_STAR))) {
        raise_at_token(p, st, "expected comma between / and *");
    }
    RESET;
    return NULL;
}

void *invalid_parameters(Parser *p) {
    return invalid_params(p, &DEF);
}

void *invalid_lambda_parameters(Parser *p) {
    return invalid_params(p, &LAMBDA);
}

void *invalid_default(Parser *p) {
    RULE_START;
    PToken *a;
    if ((a = expect(p, TOK_EQUAL)) && (next_is(p, TOK_RPAR) || next_is(p, TOK_COMMA))) {
        raise_at_token(p, a, "expected default value expression");
    }
    RESET;
    return NULL;
}

// (param_no_default | ',')
static int no_default_or_comma(Parser *p, const ParamKind *k) {
    return k->no_default(p) || expect(p, TOK_COMMA);
}

void *invalid_star_etc(Parser *p) {
    RULE_START;
    PToken *a;
    if ((a = expect(p, TOK_STAR))) {
        int m = p->mark;
        if (expect(p, TOK_RPAR) ||
            (p->mark = m, expect(p, TOK_COMMA) &&
                              (next_is(p, TOK_RPAR) || next_is(p, TOK_DOUBLESTAR)))) {
            if (next_is(p, TOK_DOUBLESTAR) || next_is(p, TOK_RPAR) ||
                last_token(p)->type == TOK_RPAR) {
                raise_at_token(p, a, "named arguments must follow bare *");
            }
        }
    }
    RESET;
    if (expect(p, TOK_STAR) && expect(p, TOK_COMMA) && expect(p, TOK_TYPE_COMMENT)) {
        RAISE_SYNTAX(p, "bare * has associated type comment");
    }
    RESET;
    if (expect(p, TOK_STAR) && param(p) && (a = expect(p, TOK_EQUAL))) {
        raise_at_token(p, a, "var-positional argument cannot have default value");
    }
    RESET;
    if (expect(p, TOK_STAR) && no_default_or_comma(p, &DEF)) {
        many_maybe_default(p, &DEF);
        if ((a = expect(p, TOK_STAR)) && no_default_or_comma(p, &DEF)) {
            raise_at_token(p, a, "* argument may appear only once");
        }
    }
    RESET;
    return NULL;
}

void *invalid_lambda_star_etc(Parser *p) {
    RULE_START;
    if (expect(p, TOK_STAR)) {
        int m = p->mark;
        if (expect(p, TOK_COLON) ||
            (p->mark = m, expect(p, TOK_COMMA) &&
                              (expect(p, TOK_COLON) || expect(p, TOK_DOUBLESTAR)))) {
            RAISE_SYNTAX(p, "named arguments must follow bare *");
        }
    }
    RESET;
    PToken *a;
    if (expect(p, TOK_STAR) && lambda_param(p) && (a = expect(p, TOK_EQUAL))) {
        raise_at_token(p, a, "var-positional argument cannot have default value");
    }
    RESET;
    if (expect(p, TOK_STAR) && no_default_or_comma(p, &LAMBDA)) {
        many_maybe_default(p, &LAMBDA);
        if ((a = expect(p, TOK_STAR)) && no_default_or_comma(p, &LAMBDA)) {
            raise_at_token(p, a, "* argument may appear only once");
        }
    }
    RESET;
    return NULL;
}

static void *invalid_kwds_impl(Parser *p, KaaAst *(*one)(Parser *)) {
    RULE_START;
    PToken *a;
    if (expect(p, TOK_DOUBLESTAR) && one(p) && (a = expect(p, TOK_EQUAL))) {
        raise_at_token(p, a, "var-keyword argument cannot have default value");
    }
    RESET;
    KaaAst *b;
    if (expect(p, TOK_DOUBLESTAR) && one(p) && expect(p, TOK_COMMA) && (b = one(p))) {
        raise_at_node(p, b, "arguments cannot follow var-keyword argument");
    }
    RESET;
    if (expect(p, TOK_DOUBLESTAR) && one(p) && expect(p, TOK_COMMA)) {
        a = peek(p);
        if (a->type == TOK_STAR || a->type == TOK_DOUBLESTAR || a->type == TOK_SLASH) {
            p->mark++;
            raise_at_token(p, a, "arguments cannot follow var-keyword argument");
        }
    }
    RESET;
    return NULL;
}

void *invalid_kwds(Parser *p) {
    return invalid_kwds_impl(p, param);
}

void *invalid_lambda_kwds(Parser *p) {
    return invalid_kwds_impl(p, lambda_param);
}

void *invalid_double_type_comments(Parser *p) {
    RULE_START;
    if (expect(p, TOK_TYPE_COMMENT) && expect(p, TOK_NEWLINE) && expect(p, TOK_TYPE_COMMENT) &&
        expect(p, TOK_NEWLINE) && expect(p, TOK_INDENT)) {
        RAISE_SYNTAX(p, "Cannot have two type comments on def");
    }
    RESET;
    return NULL;
}

// ---- statements -------------------------------------------------------------------------------

void *invalid_with_item(Parser *p) {
    RULE_START;
    KaaAst *a;
    if (expression(p) && expect(p, KW_as) && (a = expression(p))) {
        int t = peek(p)->type;
        if (t == TOK_COMMA || t == TOK_RPAR || t == TOK_COLON) {
            check_invalid_target(p, TARGETS_STAR, a);
            return NULL;
        }
    }
    RESET;
    return NULL;
}

void *invalid_for_target(Parser *p) {
    RULE_START;
    expect(p, TOK_ASYNC);
    KaaAst *a;
    if (expect(p, KW_for) && (a = star_expressions(p))) {
        check_invalid_target(p, TARGETS_FOR, a);
        return NULL;
    }
    RESET;
    return NULL;
}

void *invalid_import_from_targets(Parser *p) {
    RULE_START;
    if (import_from_as_names_seq(p) && expect(p, TOK_COMMA) && expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "trailing comma not allowed without surrounding parentheses");
    }
    RESET;
    return NULL;
}

// ','.(item ['as' star_target])+ where item is expression or expressions
static int with_items_loose(Parser *p, KaaAst *(*item)(Parser *)) {
    int n = 0;
    for (;;) {
        int m = p->mark;
        if (n && !expect(p, TOK_COMMA)) {
            break;
        }
        if (!item(p)) {
            p->mark = m;
            break;
        }
        int m2 = p->mark;
        if (!expect(p, KW_as) || !star_target(p)) {
            p->mark = m2;
        }
        n++;
    }
    return n;
}

// [ASYNC] 'with' items (first: the 'with' token); paren selects the parenthesised form.
static int with_head(Parser *p, int paren, PToken **with_tok) {
    expect(p, TOK_ASYNC);
    if (!(*with_tok = expect(p, KW_with))) {
        return 0;
    }
    if (!paren) {
        return with_items_loose(p, expression) > 0;
    }
    if (!expect(p, TOK_LPAR) || !with_items_loose(p, expressions)) {
        return 0;
    }
    expect(p, TOK_COMMA);
    return expect(p, TOK_RPAR) != NULL;
}

void *invalid_with_stmt(Parser *p) {
    RULE_START;
    PToken *w;
    for (int paren = 0; paren < 2; paren++) {
        if (with_head(p, paren, &w) && expect(p, TOK_NEWLINE)) {
            RAISE_SYNTAX(p, "expected ':'");
        }
        RESET;
    }
    return NULL;
}

void *invalid_with_stmt_indent(Parser *p) {
    RULE_START;
    PToken *w;
    for (int paren = 0; paren < 2; paren++) {
        if (with_head(p, paren, &w) && expect(p, TOK_COLON) && expect(p, TOK_NEWLINE) &&
            !next_is(p, TOK_INDENT)) {
            RAISE_INDENT(p, "expected an indented block after 'with' statement on line %d",
                         w->lineno);
        }
        RESET;
    }
    return NULL;
}

// ['as' NAME]
static void opt_as_name(Parser *p) {
    int m = p->mark;
    if (!expect(p, KW_as) || !name_token(p)) {
        p->mark = m;
    }
}

void *invalid_try_stmt(Parser *p) {
    RULE_START;
    PToken *a, *b;
    if ((a = expect(p, KW_try)) && expect(p, TOK_COLON) && expect(p, TOK_NEWLINE) &&
        !next_is(p, TOK_INDENT)) {
        RAISE_INDENT(p, "expected an indented block after 'try' statement on line %d", a->lineno);
    }
    RESET;
    if (expect(p, KW_try) && expect(p, TOK_COLON) && block(p)) {
        int t = peek(p)->type;
        if (t != KW_except && t != KW_finally) {
            RAISE_SYNTAX(p, "expected 'except' or 'finally' block");
        }
    }
    RESET;
    for (int star = 0; star < 2; star++) {
        if (expect(p, KW_try) && expect(p, TOK_COLON)) {
            while (block(p)) {
            }
            int n = 0;
            while (except_block(p, star)) {
                n++;
            }
            if (n && (a = expect(p, KW_except))) {
                if (!star) {
                    KaaAst *e;
                    if ((b = expect(p, TOK_STAR)) && (e = expression(p))) {
                        opt_as_name(p);
                        if (expect(p, TOK_COLON)) {
                            raise_range_tokens(p, a, b, "cannot have both 'except' and 'except*' "
                                                        "on the same 'try'");
                        }
                    }
                } else {
                    int m = p->mark;
                    if (expression(p)) {
                        opt_as_name(p);
                    } else {
                        p->mark = m;
                    }
                    if (expect(p, TOK_COLON)) {
                        raise_at_token(p, a, "cannot have both 'except' and 'except*' on the "
                                             "same 'try'");
                    }
                }
            }
        }
        RESET;
    }
    return NULL;
}

void *invalid_except_stmt(Parser *p) {
    RULE_START;
    KaaAst *a;
    if (expect(p, KW_except)) {
        expect(p, TOK_STAR);
        if ((a = expression(p)) && expect(p, TOK_COMMA) && expressions(p)) {
            opt_as_name(p);
            if (expect(p, TOK_COLON)) {
                raise_from_node(p, a, "multiple exception types must be parenthesized");
            }
        }
    }
    RESET;
    if (expect(p, KW_except)) {
        expect(p, TOK_STAR);
        if (expression(p)) {
            opt_as_name(p);
            if (expect(p, TOK_NEWLINE)) {
                RAISE_SYNTAX(p, "expected ':'");
            }
        }
    }
    RESET;
    if (expect(p, KW_except) && expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "expected ':'");
    }
    RESET;
    if (expect(p, KW_except) && expect(p, TOK_STAR) &&
        (expect(p, TOK_NEWLINE) || expect(p, TOK_COLON))) {
        RAISE_SYNTAX(p, "expected one or more exception types");
    }
    RESET;
    return NULL;
}

// 'kw' ... ':' NEWLINE !INDENT for the indentation errors of compound statements.
static int colon_newline_no_indent(Parser *p) {
    return expect(p, TOK_COLON) && expect(p, TOK_NEWLINE) && !next_is(p, TOK_INDENT);
}

void *invalid_finally_stmt(Parser *p) {
    RULE_START;
    PToken *a;
    if ((a = expect(p, KW_finally)) && colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after 'finally' statement on line %d",
                     a->lineno);
    }
    RESET;
    return NULL;
}

void *invalid_except_stmt_indent(Parser *p) {
    RULE_START;
    PToken *a;
    if ((a = expect(p, KW_except)) && expression(p)) {
        opt_as_name(p);
        if (colon_newline_no_indent(p)) {
            RAISE_INDENT(p, "expected an indented block after 'except' statement on line %d",
                         a->lineno);
        }
    }
    RESET;
    if ((a = expect(p, KW_except)) && colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after 'except' statement on line %d",
                     a->lineno);
    }
    RESET;
    return NULL;
}

void *invalid_except_star_stmt_indent(Parser *p) {
    RULE_START;
    PToken *a;
    if ((a = expect(p, KW_except)) && expect(p, TOK_STAR) && expression(p)) {
        opt_as_name(p);
        if (colon_newline_no_indent(p)) {
            RAISE_INDENT(p, "expected an indented block after 'except*' statement on line %d",
                         a->lineno);
        }
    }
    RESET;
    return NULL;
}

void *invalid_match_stmt(Parser *p) {
    RULE_START;
    if (expect_soft(p, "match") && subject_expr(p) && expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "expected ':'");
    }
    RESET;
    PToken *a;
    if ((a = expect_soft(p, "match")) && subject_expr(p) && colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after 'match' statement on line %d",
                     a->lineno);
    }
    RESET;
    return NULL;
}

// patterns guard?
static int case_head(Parser *p) {
    if (!patterns(p)) {
        return 0;
    }
    int m = p->mark;
    if (!expect(p, KW_if) || !named_expression(p)) {
        p->mark = m;
    }
    return 1;
}

void *invalid_case_block(Parser *p) {
    RULE_START;
    if (expect_soft(p, "case") && case_head(p) && expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "expected ':'");
    }
    RESET;
    PToken *a;
    if ((a = expect_soft(p, "case")) && case_head(p) && colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after 'case' statement on line %d",
                     a->lineno);
    }
    RESET;
    return NULL;
}

void *invalid_as_pattern(Parser *p) {
    RULE_START;
    PToken *a;
    if (or_pattern(p) && expect(p, KW_as) && (a = expect_soft(p, "_"))) {
        raise_at_token(p, a, "cannot use '_' as a target");
    }
    RESET;
    KaaAst *e;
    if (or_pattern(p) && expect(p, KW_as) && !next_is(p, TOK_NAME) && (e = expression(p))) {
        raise_at_node(p, e, "invalid pattern target");
    }
    RESET;
    return NULL;
}

void *invalid_class_pattern(Parser *p) {
    RULE_START;
    if (name_or_attr(p) && expect(p, TOK_LPAR)) {
        // invalid_class_argument_pattern: [positional_patterns ','] keyword_patterns ','
        //                                 positional_patterns
        int m = p->mark;
        if (!positional_patterns(p) || !expect(p, TOK_COMMA)) {
            p->mark = m;
        }
        Vec names = {0}, pats = {0};
        KaaAstSeq *a;
        if (keyword_patterns(p, &names, &pats) && expect(p, TOK_COMMA) &&
            (a = positional_patterns(p))) {
            raise_range_nodes(p, a->items[0], a->items[a->len - 1],
                              "positional patterns follow keyword patterns");
        }
    }
    RESET;
    return NULL;
}

// 'kw' named_expression NEWLINE -> "expected ':'"; 'kw' named_expression ':' NEWLINE !INDENT
static void *invalid_simple_compound(Parser *p, int kw, const char *what, int use_expr_line) {
    RULE_START;
    if (expect(p, kw) && named_expression(p) && expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "expected ':'");
    }
    RESET;
    PToken *a;
    KaaAst *e;
    if ((a = expect(p, kw)) && (e = named_expression(p)) && colon_newline_no_indent(p)) {
        // CPython's invalid_if_stmt reports the line of the condition, not of the 'if'.
        RAISE_INDENT(p, "expected an indented block after '%s' statement on line %d", what,
                     use_expr_line ? e->lineno : a->lineno);
    }
    RESET;
    return NULL;
}

void *invalid_if_stmt(Parser *p) {
    return invalid_simple_compound(p, KW_if, "if", 1);
}

void *invalid_elif_stmt(Parser *p) {
    return invalid_simple_compound(p, KW_elif, "elif", 0);
}

void *invalid_while_stmt(Parser *p) {
    return invalid_simple_compound(p, KW_while, "while", 0);
}

void *invalid_else_stmt(Parser *p) {
    RULE_START;
    PToken *a;
    if ((a = expect(p, KW_else)) && colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after 'else' statement on line %d",
                     a->lineno);
    }
    RESET;
    return NULL;
}

void *invalid_for_stmt(Parser *p) {
    RULE_START;
    expect(p, TOK_ASYNC);
    if (expect(p, KW_for) && star_targets(p) && expect(p, KW_in) && star_expressions(p) &&
        expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "expected ':'");
    }
    RESET;
    expect(p, TOK_ASYNC);
    PToken *a;
    if ((a = expect(p, KW_for)) && star_targets(p) && expect(p, KW_in) && star_expressions(p) &&
        colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after 'for' statement on line %d", a->lineno);
    }
    RESET;
    return NULL;
}

void *invalid_def_raw(Parser *p) {
    RULE_START;
    expect(p, TOK_ASYNC);
    PToken *a;
    if ((a = expect(p, KW_def)) && name_token(p) && expect(p, TOK_LPAR)) {
        int m = p->mark;
        if (!params(p)) {
            p->mark = m;
        }
        if (expect(p, TOK_RPAR)) {
            m = p->mark;
            if (!expect(p, TOK_RARROW) || !expression(p)) {
                p->mark = m;
            }
            if (colon_newline_no_indent(p)) {
                RAISE_INDENT(p, "expected an indented block after function definition on line %d",
                             a->lineno);
            }
        }
    }
    RESET;
    return NULL;
}

// 'class' NAME ['(' [arguments] ')']
static int class_head(Parser *p) {
    if (!expect(p, KW_class) || !name_token(p)) {
        return 0;
    }
    int m = p->mark;
    if (expect(p, TOK_LPAR)) {
        arguments(p);
        if (!expect(p, TOK_RPAR)) {
            p->mark = m;
        }
    }
    return 1;
}

void *invalid_class_def_raw(Parser *p) {
    RULE_START;
    if (class_head(p) && expect(p, TOK_NEWLINE)) {
        RAISE_SYNTAX(p, "expected ':'");
    }
    RESET;
    PToken *a = peek(p);
    if (class_head(p) && colon_newline_no_indent(p)) {
        RAISE_INDENT(p, "expected an indented block after class definition on line %d",
                     a->lineno);
    }
    RESET;
    return NULL;
}
