// parse/parse_expr.c — the expression rules of the grammar.
//
// Stage: parse. Owns expressions from `expressions` down to `atom`: boolean and comparison
// operators, arithmetic, await, primaries (attributes, calls, subscripts, slices), displays and
// comprehensions, lambdas, call arguments, and assignment/del targets. Each function is one
// rule of CPython 3.11's grammar (same name, same alternatives in the same order), so that the
// tree, the tokens looked at, and the errors are CPython's.
// Must not: decode literals (parse_string.c) or hold the invalid_* rules (parse_invalid.c).
#include "parse/parser.h"

#include <string.h>

// Memoised wrapper: the body runs once per (rule, position).
#define MEMOIZED(name, id)                                                                        \
    static KaaAst *name##_raw(Parser *p);                                                         \
    KaaAst *name(Parser *p) {                                                                     \
        void *res;                                                                                \
        if (memo_get(p, id, &res)) {                                                              \
            return res;                                                                           \
        }                                                                                         \
        int start = p->mark;                                                                      \
        enter(p);                                                                                 \
        res = name##_raw(p);                                                                      \
        LEAVE(p);                                                                                 \
        if (!res) {                                                                               \
            p->mark = start;                                                                      \
        }                                                                                         \
        memo_put(p, id, start, res);                                                              \
        return res;                                                                               \
    }                                                                                             \
    static KaaAst *name##_raw(Parser *p)

static KaaAst *tuple_of(Parser *p, KaaAstSeq *elts, int ctx, int start) {
    KaaAst *t = node_new(p, AST_Tuple, start);
    t->v.Tuple.elts = elts;
    t->v.Tuple.ctx = ctx;
    return t;
}

// ---- expressions ------------------------------------------------------------------------------

// expressions: expression (',' expression)+ [','] | expression ',' | expression
KaaAst *expressions(Parser *p) {
    int start = p->mark;
    KaaAst *a = expression(p);
    if (!a) {
        return NULL;
    }
    Vec v = {0};
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA)) {
            break;
        }
        KaaAst *c = expression(p);
        if (!c) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, c);
    }
    if (v.len > 1) {
        expect(p, TOK_COMMA);
        return tuple_of(p, vec_seq(p, &v), AST_Load, start);
    }
    if (expect(p, TOK_COMMA)) {
        return tuple_of(p, seq1(p, a), AST_Load, start);
    }
    return a;
}

// expression (memo):
//     | invalid_expression | invalid_legacy_expression
//     | disjunction 'if' disjunction 'else' expression | disjunction | lambdef
MEMOIZED(expression, M_EXPRESSION) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_expression(p);
        p->mark = start;
        invalid_legacy_expression(p);
        p->mark = start;
    }
    KaaAst *a = disjunction(p);
    if (a) {
        int m = p->mark;
        KaaAst *b, *c;
        if (expect(p, KW_if) && (b = disjunction(p)) && expect(p, KW_else) &&
            (c = expression(p))) {
            KaaAst *n = node_new(p, AST_IfExp, start);
            n->v.IfExp.test = b;
            n->v.IfExp.body = a;
            n->v.IfExp.orelse = c;
            return n;
        }
        p->mark = m;
        return a;
    }
    p->mark = start;
    return lambdef(p);
}

// expression_without_invalid: the expression rule with the invalid_* rules switched off below.
KaaAst *expression_without_invalid(Parser *p) {
    int saved = p->call_invalid_rules;
    p->call_invalid_rules = 0;
    int start = p->mark;
    KaaAst *res = NULL;
    KaaAst *a = disjunction(p);
    if (a) {
        int m = p->mark;
        KaaAst *b, *c;
        if (expect(p, KW_if) && (b = disjunction(p)) && expect(p, KW_else) &&
            (c = expression(p))) {
            res = node_new(p, AST_IfExp, start);
            res->v.IfExp.test = b;
            res->v.IfExp.body = a;
            res->v.IfExp.orelse = c;
        } else {
            p->mark = m;
            res = a;
        }
    } else {
        p->mark = start;
        res = lambdef(p);
    }
    p->call_invalid_rules = saved;
    return res;
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
KaaAst *yield_expr(Parser *p) {
    int start = p->mark;
    if (!expect(p, KW_yield)) {
        return NULL;
    }
    int m = p->mark;
    KaaAst *a;
    if (expect(p, KW_from) && (a = expression(p))) {
        KaaAst *n = node_new(p, AST_YieldFrom, start);
        n->v.YieldFrom.value = a;
        return n;
    }
    p->mark = m;
    a = star_expressions(p);
    KaaAst *n = node_new(p, AST_Yield, start);
    n->v.Yield.value = a;
    return n;
}

// star_expressions: star_expression (',' star_expression)+ [','] | star_expression ','
//                 | star_expression
KaaAst *star_expressions(Parser *p) {
    int start = p->mark;
    KaaAst *a = star_expression(p);
    if (!a) {
        return NULL;
    }
    Vec v = {0};
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA)) {
            break;
        }
        KaaAst *c = star_expression(p);
        if (!c) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, c);
    }
    if (v.len > 1) {
        expect(p, TOK_COMMA);
        return tuple_of(p, vec_seq(p, &v), AST_Load, start);
    }
    if (expect(p, TOK_COMMA)) {
        return tuple_of(p, seq1(p, a), AST_Load, start);
    }
    return a;
}

static KaaAst *starred(Parser *p, int start, KaaAst *value, int ctx) {
    KaaAst *n = node_new(p, AST_Starred, start);
    n->v.Starred.value = value;
    n->v.Starred.ctx = ctx;
    return n;
}

// star_expression (memo): '*' bitwise_or | expression
MEMOIZED(star_expression, M_STAR_EXPRESSION) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, TOK_STAR) && (a = bitwise_or(p))) {
        return starred(p, start, a, AST_Load);
    }
    p->mark = start;
    return expression(p);
}

// star_named_expressions: ','.star_named_expression+ [',']
KaaAstSeq *star_named_expressions(Parser *p) {
    KaaAst *a = star_named_expression(p);
    if (!a) {
        return NULL;
    }
    Vec v = {0};
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA)) {
            break;
        }
        KaaAst *c = star_named_expression(p);
        if (!c) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, c);
    }
    expect(p, TOK_COMMA);
    return vec_seq(p, &v);
}

// star_named_expression: '*' bitwise_or | named_expression
KaaAst *star_named_expression(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, TOK_STAR) && (a = bitwise_or(p))) {
        return starred(p, start, a, AST_Load);
    }
    p->mark = start;
    return named_expression(p);
}

// assignment_expression: NAME ':=' ~ expression
KaaAst *assignment_expression(Parser *p) {
    int start = p->mark;
    PToken *a = name_token(p);
    if (!a || !expect(p, TOK_COLONEQUAL)) {
        p->mark = start;
        return NULL;
    }
    KaaAst *b = expression(p);
    if (!b) {
        p->mark = start;
        return NULL;
    }
    KaaAst *n = node_new(p, AST_NamedExpr, start);
    n->v.NamedExpr.target = name_node(p, a, AST_Store);
    n->v.NamedExpr.value = b;
    return n;
}

// named_expression: assignment_expression | invalid_named_expression | expression !':='
KaaAst *named_expression(Parser *p) {
    int start = p->mark;
    KaaAst *a = assignment_expression(p);
    if (a) {
        return a;
    }
    if (p->call_invalid_rules) {
        invalid_named_expression(p);
        p->mark = start;
    }
    a = expression(p);
    if (a && !next_is(p, TOK_COLONEQUAL)) {
        return a;
    }
    p->mark = start;
    return NULL;
}

// ---- boolean operators ------------------------------------------------------------------------

static KaaAst *inversion(Parser *p);
static KaaAst *conjunction(Parser *p);

static KaaAst *boolop(Parser *p, int start, int op, KaaAst *(*operand)(Parser *), int kw) {
    KaaAst *a = operand(p);
    if (!a) {
        return NULL;
    }
    Vec v = {0};
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        KaaAst *c;
        if (!expect(p, kw) || !(c = operand(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, c);
    }
    if (v.len == 1) {
        return a;
    }
    KaaAst *n = node_new(p, AST_BoolOp, start);
    n->v.BoolOp.op = op;
    n->v.BoolOp.values = vec_seq(p, &v);
    return n;
}

// disjunction (memo): conjunction ('or' conjunction)+ | conjunction
MEMOIZED(disjunction, M_DISJUNCTION) {
    return boolop(p, p->mark, AST_Or, conjunction, KW_or);
}

// conjunction (memo): inversion ('and' inversion)+ | inversion
MEMOIZED(conjunction, M_CONJUNCTION) {
    return boolop(p, p->mark, AST_And, inversion, KW_and);
}

static KaaAst *comparison(Parser *p);

// inversion (memo): 'not' inversion | comparison
MEMOIZED(inversion, M_INVERSION) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, KW_not) && (a = inversion(p))) {
        KaaAst *n = node_new(p, AST_UnaryOp, start);
        n->v.UnaryOp.op = AST_Not;
        n->v.UnaryOp.operand = a;
        return n;
    }
    p->mark = start;
    return comparison(p);
}

// ---- comparisons ------------------------------------------------------------------------------

// compare_op_bitwise_or_pair: one comparison operator and its right operand; 0 when none.
static int compare_pair(Parser *p, KaaAst **right) {
    int start = p->mark;
    PToken *t = peek(p);
    int op = 0;
    switch (t->type) {
    case TOK_EQEQUAL: op = AST_Eq; break;
    case TOK_NOTEQUAL:
        // "<>" is tokenized as NOTEQUAL but is only valid with barry_as_FLUFL.
        op = (t->end - t->start == 2 && t->start[0] == '!') ? AST_NotEq : 0;
        break;
    case TOK_LESSEQUAL: op = AST_LtE; break;
    case TOK_LESS: op = AST_Lt; break;
    case TOK_GREATEREQUAL: op = AST_GtE; break;
    case TOK_GREATER: op = AST_Gt; break;
    case KW_in: op = AST_In; break;
    case KW_not: op = AST_NotIn; break;
    case KW_is: op = AST_Is; break;
    default: return 0;
    }
    if (!op) {
        return 0;
    }
    p->mark++;
    if (op == AST_NotIn && !expect(p, KW_in)) {
        p->mark = start;
        return 0;
    }
    if (op == AST_Is) {
        int m = p->mark;
        if (expect(p, KW_not)) {
            KaaAst *b = bitwise_or(p);
            if (b) {
                *right = b;
                return AST_IsNot;
            }
        }
        p->mark = m;
    }
    KaaAst *b = bitwise_or(p);
    if (!b) {
        p->mark = start;
        return 0;
    }
    *right = b;
    return op;
}

// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
static KaaAst *comparison(Parser *p) {
    int start = p->mark;
    KaaAst *a = bitwise_or(p);
    if (!a) {
        return NULL;
    }
    Vec ops = {0}, rights = {0};
    for (;;) {
        KaaAst *b;
        int op = compare_pair(p, &b);
        if (!op) {
            break;
        }
        vec_push(p, &ops, (void *)(intptr_t)op);
        vec_push(p, &rights, b);
    }
    if (ops.len == 0) {
        return a;
    }
    KaaAst *n = node_new(p, AST_Compare, start);
    n->v.Compare.left = a;
    KaaAstIntSeq *is = kaa_arena_alloc(p->arena, sizeof(KaaAstIntSeq) + (size_t)ops.len * sizeof(int));
    is->len = ops.len;
    for (int i = 0; i < ops.len; i++) {
        is->items[i] = (int)(intptr_t)ops.items[i];
    }
    n->v.Compare.ops = is;
    n->v.Compare.comparators = vec_seq(p, &rights);
    return n;
}

// ---- binary operators (left-recursive rules, written as loops) --------------------------------

static KaaAst *binop(Parser *p, int start, KaaAst *l, int op, KaaAst *r) {
    KaaAst *n = node_new(p, AST_BinOp, start);
    n->v.BinOp.left = l;
    n->v.BinOp.op = op;
    n->v.BinOp.right = r;
    return n;
}

typedef struct BinLevel {
    int rule;
    KaaAst *(*operand)(Parser *);
    int tokens[5];
    int ops[5];
} BinLevel;

static KaaAst *bitwise_xor(Parser *p);
static KaaAst *bitwise_and(Parser *p);
static KaaAst *shift_expr(Parser *p);
static KaaAst *sum(Parser *p);
static KaaAst *term(Parser *p);
static KaaAst *factor(Parser *p);

static const BinLevel L_OR = {M_BITWISE_OR, bitwise_xor, {TOK_VBAR}, {AST_BitOr}};
static const BinLevel L_XOR = {M_BITWISE_XOR, bitwise_and, {TOK_CIRCUMFLEX}, {AST_BitXor}};
static const BinLevel L_AND = {M_BITWISE_AND, shift_expr, {TOK_AMPER}, {AST_BitAnd}};
static const BinLevel L_SHIFT = {M_SHIFT_EXPR, sum, {TOK_LEFTSHIFT, TOK_RIGHTSHIFT},
                                 {AST_LShift, AST_RShift}};
static const BinLevel L_SUM = {M_SUM, term, {TOK_PLUS, TOK_MINUS}, {AST_Add, AST_Sub}};
static const BinLevel L_TERM = {M_TERM, factor,
                                {TOK_STAR, TOK_SLASH, TOK_DOUBLESLASH, TOK_PERCENT, TOK_AT},
                                {AST_Mult, AST_Div, AST_FloorDiv, AST_Mod, AST_MatMult}};

// a=rule OP b=operand | operand, grown from the left as CPython's left recursion does.
static KaaAst *binary_level(Parser *p, const BinLevel *lv) {
    void *res;
    if (memo_get(p, lv->rule, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    KaaAst *a = lv->operand(p);
    while (a) {
        int m = p->mark;
        PToken *t = peek(p);
        int op = 0;
        for (int i = 0; i < 5 && lv->tokens[i]; i++) {
            if (t->type == lv->tokens[i]) {
                op = lv->ops[i];
            }
        }
        if (!op) {
            break;
        }
        p->mark++;
        KaaAst *b = lv->operand(p);
        if (!b) {
            p->mark = m;
            break;
        }
        a = binop(p, start, a, op, b);
    }
    LEAVE(p);
    if (!a) {
        p->mark = start;
    }
    memo_put(p, lv->rule, start, a);
    return a;
}

KaaAst *bitwise_or(Parser *p) {
    return binary_level(p, &L_OR);
}

static KaaAst *bitwise_xor(Parser *p) {
    return binary_level(p, &L_XOR);
}

static KaaAst *bitwise_and(Parser *p) {
    return binary_level(p, &L_AND);
}

static KaaAst *shift_expr(Parser *p) {
    return binary_level(p, &L_SHIFT);
}

static KaaAst *sum(Parser *p) {
    return binary_level(p, &L_SUM);
}

static KaaAst *term(Parser *p) {
    return binary_level(p, &L_TERM);
}

static KaaAst *power(Parser *p);

// factor (memo): '+' factor | '-' factor | '~' factor | power
MEMOIZED(factor, M_FACTOR) {
    int start = p->mark;
    PToken *t = peek(p);
    int op = t->type == TOK_PLUS ? AST_UAdd : t->type == TOK_MINUS ? AST_USub
                                            : t->type == TOK_TILDE ? AST_Invert : 0;
    if (op) {
        p->mark++;
        KaaAst *a = factor(p);
        if (a) {
            KaaAst *n = node_new(p, AST_UnaryOp, start);
            n->v.UnaryOp.op = op;
            n->v.UnaryOp.operand = a;
            return n;
        }
        p->mark = start;
    }
    return power(p);
}

static KaaAst *await_primary(Parser *p);

// power: await_primary '**' factor | await_primary
static KaaAst *power(Parser *p) {
    int start = p->mark;
    KaaAst *a = await_primary(p);
    if (!a) {
        return NULL;
    }
    int m = p->mark;
    KaaAst *b;
    if (expect(p, TOK_DOUBLESTAR) && (b = factor(p))) {
        return binop(p, start, a, AST_Pow, b);
    }
    p->mark = m;
    return a;
}

// await_primary (memo): AWAIT primary | primary
MEMOIZED(await_primary, M_AWAIT_PRIMARY) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, TOK_AWAIT) && (a = primary(p))) {
        KaaAst *n = node_new(p, AST_Await, start);
        n->v.Await.value = a;
        return n;
    }
    p->mark = start;
    return primary(p);
}

// ---- primaries --------------------------------------------------------------------------------

static KaaAst *attribute(Parser *p, int start, KaaAst *value, PToken *name, int ctx) {
    KaaAst *n = node_new(p, AST_Attribute, start);
    n->v.Attribute.value = value;
    n->v.Attribute.attr = new_identifier(p, name->start, (size_t)(name->end - name->start));
    n->v.Attribute.ctx = ctx;
    return n;
}

static KaaAst *subscript(Parser *p, int start, KaaAst *value, KaaAst *slice, int ctx) {
    KaaAst *n = node_new(p, AST_Subscript, start);
    n->v.Subscript.value = value;
    n->v.Subscript.slice = slice;
    n->v.Subscript.ctx = ctx;
    return n;
}

static KaaAst *call(Parser *p, int start, KaaAst *func, KaaAst *args) {
    KaaAst *n = node_new(p, AST_Call, start);
    n->v.Call.func = func;
    n->v.Call.args = args ? args->v.Call.args : seq_empty(p);
    n->v.Call.keywords = args ? args->v.Call.keywords : seq_empty(p);
    if (!n->v.Call.args) {
        n->v.Call.args = seq_empty(p);
    }
    if (!n->v.Call.keywords) {
        n->v.Call.keywords = seq_empty(p);
    }
    return n;
}

static KaaAst *call_genexp(Parser *p, int start, KaaAst *func, KaaAst *gen) {
    KaaAst *n = node_new(p, AST_Call, start);
    n->v.Call.func = func;
    n->v.Call.args = seq1(p, gen);
    n->v.Call.keywords = seq_empty(p);
    return n;
}

// One step of primary's left recursion after `a`: '.' NAME | genexp | '(' [arguments] ')' |
// '[' slices ']'. Returns NULL (mark unchanged) when none applies.
static KaaAst *primary_step(Parser *p, int start, KaaAst *a) {
    int m = p->mark;
    PToken *t = peek(p);
    if (t->type == TOK_DOT) {
        p->mark++;
        PToken *b = name_token(p);
        if (b) {
            return attribute(p, start, a, b, AST_Load);
        }
        p->mark = m;
    }
    if (t->type == TOK_LPAR) {
        KaaAst *g = genexp(p);
        if (g) {
            return call_genexp(p, start, a, g);
        }
        p->mark = m + 1;
        KaaAst *b = arguments(p);
        if (expect(p, TOK_RPAR)) {
            return call(p, start, a, b);
        }
        p->mark = m;
    }
    if (t->type == TOK_LSQB) {
        p->mark++;
        KaaAst *b = slices(p);
        if (b && expect(p, TOK_RSQB)) {
            return subscript(p, start, a, b, AST_Load);
        }
        p->mark = m;
    }
    return NULL;
}

// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
//        | primary '[' slices ']' | atom
KaaAst *primary(Parser *p) {
    void *res;
    if (memo_get(p, M_PRIMARY, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    KaaAst *a = atom(p);
    while (a) {
        KaaAst *b = primary_step(p, start, a);
        if (!b) {
            break;
        }
        a = b;
    }
    LEAVE(p);
    if (!a) {
        p->mark = start;
    }
    memo_put(p, M_PRIMARY, start, a);
    return a;
}

// slices: slice !',' | ','.(slice | starred_expression)+ [',']
static KaaAst *slice(Parser *p);

KaaAst *slices(Parser *p) {
    int start = p->mark;
    KaaAst *a = slice(p);
    if (a && !next_is(p, TOK_COMMA)) {
        return a;
    }
    p->mark = start;
    Vec v = {0};
    for (;;) {
        int m = p->mark;
        if (v.len > 0 && !expect(p, TOK_COMMA)) {
            break;
        }
        KaaAst *c = slice(p);
        if (!c) {
            c = starred_expression(p);
        }
        if (!c) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, c);
    }
    if (v.len == 0) {
        p->mark = start;
        return NULL;
    }
    expect(p, TOK_COMMA);
    return tuple_of(p, vec_seq(p, &v), AST_Load, start);
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression
static KaaAst *slice(Parser *p) {
    int start = p->mark;
    KaaAst *a = expression(p);
    if (expect(p, TOK_COLON)) {
        KaaAst *b = expression(p);
        KaaAst *c = NULL;
        int m = p->mark;
        if (expect(p, TOK_COLON)) {
            c = expression(p);
        } else {
            p->mark = m;
        }
        KaaAst *n = node_new(p, AST_Slice, start);
        n->v.Slice.lower = a;
        n->v.Slice.upper = b;
        n->v.Slice.step = c;
        return n;
    }
    p->mark = start;
    return named_expression(p);
}

static KaaAst *constant(Parser *p, int start, KaaAstConstKind kind) {
    KaaAst *n = node_new(p, AST_Constant, start);
    n->v.Constant.value.kind = kind;
    return n;
}

static KaaAst *group(Parser *p);
static KaaAst *listcomp(Parser *p);
static KaaAst *dict(Parser *p);
static KaaAst *set(Parser *p);
static KaaAst *dictcomp(Parser *p);
static KaaAst *setcomp(Parser *p);

// atom: NAME | 'True' | 'False' | 'None' | &STRING strings | NUMBER
//     | &'(' (tuple | group | genexp) | &'[' (list | listcomp)
//     | &'{' (dict | set | dictcomp | setcomp) | '...'
KaaAst *atom(Parser *p) {
    int start = p->mark;
    PToken *t = peek(p);
    KaaAst *a;
    switch (t->type) {
    case TOK_NAME:
        p->mark++;
        return name_node(p, t, AST_Load);
    case KW_True:
        p->mark++;
        return constant(p, start, AST_CONST_TRUE);
    case KW_False:
        p->mark++;
        return constant(p, start, AST_CONST_FALSE);
    case KW_None:
        p->mark++;
        return constant(p, start, AST_CONST_NONE);
    case TOK_STRING:
        return strings(p);
    case TOK_NUMBER:
        return number_node(p);
    case TOK_LPAR:
        if ((a = tuple_rule(p)) || (a = group(p)) || (a = genexp(p))) {
            return a;
        }
        return NULL;
    case TOK_LSQB:
        if ((a = list_rule(p)) || (a = listcomp(p))) {
            return a;
        }
        return NULL;
    case TOK_LBRACE:
        if ((a = dict(p)) || (a = set(p)) || (a = dictcomp(p)) || (a = setcomp(p))) {
            return a;
        }
        return NULL;
    case TOK_ELLIPSIS:
        p->mark++;
        return constant(p, start, AST_CONST_ELLIPSIS);
    default:
        return NULL;
    }
}

// group: '(' (yield_expr | named_expression) ')' | invalid_group
static KaaAst *group(Parser *p) {
    int start = p->mark;
    if (expect(p, TOK_LPAR)) {
        KaaAst *a = yield_expr(p);
        if (!a) {
            a = named_expression(p);
        }
        if (a && expect(p, TOK_RPAR)) {
            return a;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_group(p);
        p->mark = start;
    }
    return NULL;
}

// ---- lambdas ----------------------------------------------------------------------------------

// lambdef: 'lambda' [lambda_params] ':' expression
KaaAst *lambdef(Parser *p) {
    int start = p->mark;
    if (!expect(p, KW_lambda)) {
        return NULL;
    }
    KaaAst *a = lambda_params(p);
    KaaAst *b;
    if (!expect(p, TOK_COLON) || !(b = expression(p))) {
        p->mark = start;
        return NULL;
    }
    KaaAst *n = node_new(p, AST_Lambda, start);
    n->v.Lambda.args = a ? a : empty_arguments(p);
    n->v.Lambda.body = b;
    return n;
}

// ---- strings and numbers ----------------------------------------------------------------------

// strings (memo): STRING+
MEMOIZED(strings, M_STRINGS) {
    Vec v = {0};
    PToken *t;
    while ((t = expect(p, TOK_STRING))) {
        vec_push(p, &v, t);
    }
    if (v.len == 0) {
        return NULL;
    }
    return concatenate_strings(p, (PToken **)v.items, v.len);
}

KaaAst *number_node(Parser *p) {
    PToken *t = expect(p, TOK_NUMBER);
    return t ? make_number(p, t) : NULL;
}

// ---- displays ---------------------------------------------------------------------------------

// list: '[' [star_named_expressions] ']'
KaaAst *list_rule(Parser *p) {
    int start = p->mark;
    if (!expect(p, TOK_LSQB)) {
        return NULL;
    }
    KaaAstSeq *a = star_named_expressions(p);
    if (!expect(p, TOK_RSQB)) {
        p->mark = start;
        return NULL;
    }
    KaaAst *n = node_new(p, AST_List, start);
    n->v.List.elts = a ? a : seq_empty(p);
    n->v.List.ctx = AST_Load;
    return n;
}

// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
KaaAst *tuple_rule(Parser *p) {
    int start = p->mark;
    if (!expect(p, TOK_LPAR)) {
        return NULL;
    }
    KaaAstSeq *a = NULL;
    int m = p->mark;
    KaaAst *y = star_named_expression(p);
    if (y && expect(p, TOK_COMMA)) {
        a = seq_prepend(p, y, star_named_expressions(p));
    } else {
        p->mark = m;
    }
    if (!expect(p, TOK_RPAR)) {
        p->mark = start;
        return NULL;
    }
    return tuple_of(p, a ? a : seq_empty(p), AST_Load, start);
}

// set: '{' star_named_expressions '}'
static KaaAst *set(Parser *p) {
    int start = p->mark;
    KaaAstSeq *a;
    if (expect(p, TOK_LBRACE) && (a = star_named_expressions(p)) && expect(p, TOK_RBRACE)) {
        KaaAst *n = node_new(p, AST_Set, start);
        n->v.Set.elts = a;
        return n;
    }
    p->mark = start;
    return NULL;
}

// kvpair: expression ':' expression; a NULL key marks '**' bitwise_or.
static int kvpair(Parser *p, KaaAst **k, KaaAst **v) {
    int start = p->mark;
    KaaAst *a, *b;
    if ((a = expression(p)) && expect(p, TOK_COLON) && (b = expression(p))) {
        *k = a;
        *v = b;
        return 1;
    }
    p->mark = start;
    return 0;
}

// double_starred_kvpair: '**' bitwise_or | kvpair
static int double_starred_kvpair(Parser *p, KaaAst **k, KaaAst **v) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, TOK_DOUBLESTAR) && (a = bitwise_or(p))) {
        *k = NULL;
        *v = a;
        return 1;
    }
    p->mark = start;
    return kvpair(p, k, v);
}

// double_starred_kvpairs: ','.double_starred_kvpair+ [',']
static int double_starred_kvpairs(Parser *p, Vec *keys, Vec *values) {
    KaaAst *k, *v;
    if (!double_starred_kvpair(p, &k, &v)) {
        return 0;
    }
    vec_push(p, keys, k);
    vec_push(p, values, v);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !double_starred_kvpair(p, &k, &v)) {
            p->mark = m;
            break;
        }
        vec_push(p, keys, k);
        vec_push(p, values, v);
    }
    expect(p, TOK_COMMA);
    return 1;
}

// dict: '{' [double_starred_kvpairs] '}' | '{' invalid_double_starred_kvpairs '}'
static KaaAst *dict(Parser *p) {
    int start = p->mark;
    if (expect(p, TOK_LBRACE)) {
        Vec keys = {0}, values = {0};
        double_starred_kvpairs(p, &keys, &values);
        if (expect(p, TOK_RBRACE)) {
            KaaAst *n = node_new(p, AST_Dict, start);
            n->v.Dict.keys = vec_seq(p, &keys);
            n->v.Dict.values = vec_seq(p, &values);
            return n;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules && expect(p, TOK_LBRACE)) {
        invalid_double_starred_kvpairs(p);
    }
    p->mark = start;
    return NULL;
}

// ---- comprehensions ---------------------------------------------------------------------------

// for_if_clause: ASYNC 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
//              | 'for' star_targets 'in' ~ disjunction ('if' disjunction)* | invalid_for_target
// Returns NULL when it fails, with *cut set when it failed after the cut.
static KaaAst *for_if_clause(Parser *p, int *cut) {
    int start = p->mark;
    *cut = 0;
    for (int async = 1; async >= 0; async--) {
        p->mark = start;
        if (async && !expect(p, TOK_ASYNC)) {
            continue;
        }
        KaaAst *a;
        if (!expect(p, KW_for) || !(a = star_targets(p)) || !expect(p, KW_in)) {
            continue;
        }
        KaaAst *b = disjunction(p);
        if (!b) {
            *cut = 1;
            p->mark = start;
            return NULL;
        }
        Vec ifs = {0};
        for (;;) {
            int m = p->mark;
            KaaAst *z;
            if (!expect(p, KW_if) || !(z = disjunction(p))) {
                p->mark = m;
                break;
            }
            vec_push(p, &ifs, z);
        }
        KaaAst *n = node_at(p, AST_comprehension, 0, 0, 0, 0);
        n->v.comprehension.target = a;
        n->v.comprehension.iter = b;
        n->v.comprehension.ifs = vec_seq(p, &ifs);
        n->v.comprehension.is_async = async;
        return n;
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_for_target(p);
        p->mark = start;
    }
    return NULL;
}

// for_if_clauses: for_if_clause+
KaaAstSeq *for_if_clauses(Parser *p) {
    Vec v = {0};
    for (;;) {
        int cut;
        KaaAst *c = for_if_clause(p, &cut);
        if (!c) {
            break;
        }
        vec_push(p, &v, c);
    }
    return v.len ? vec_seq(p, &v) : NULL;
}

static KaaAst *comp(Parser *p, int start, KaaAstKind kind, KaaAst *elt, KaaAstSeq *gens) {
    KaaAst *n = node_new(p, kind, start);
    n->v.ListComp.elt = elt;  // ListComp, SetComp and GeneratorExp share this layout
    n->v.ListComp.generators = gens;
    return n;
}

// listcomp: '[' named_expression for_if_clauses ']' | invalid_comprehension
static KaaAst *listcomp(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    KaaAstSeq *b;
    if (expect(p, TOK_LSQB) && (a = named_expression(p)) && (b = for_if_clauses(p)) &&
        expect(p, TOK_RSQB)) {
        return comp(p, start, AST_ListComp, a, b);
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_comprehension(p);
        p->mark = start;
    }
    return NULL;
}

// setcomp: '{' named_expression for_if_clauses '}' | invalid_comprehension
static KaaAst *setcomp(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    KaaAstSeq *b;
    if (expect(p, TOK_LBRACE) && (a = named_expression(p)) && (b = for_if_clauses(p)) &&
        expect(p, TOK_RBRACE)) {
        return comp(p, start, AST_SetComp, a, b);
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_comprehension(p);
        p->mark = start;
    }
    return NULL;
}

// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
//       | invalid_comprehension
KaaAst *genexp(Parser *p) {
    int start = p->mark;
    if (expect(p, TOK_LPAR)) {
        int m = p->mark;
        KaaAst *a = assignment_expression(p);
        if (!a) {
            p->mark = m;
            a = expression(p);
            if (a && next_is(p, TOK_COLONEQUAL)) {
                a = NULL;
            }
        }
        KaaAstSeq *b;
        if (a && (b = for_if_clauses(p)) && expect(p, TOK_RPAR)) {
            return comp(p, start, AST_GeneratorExp, a, b);
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_comprehension(p);
        p->mark = start;
    }
    return NULL;
}

// dictcomp: '{' kvpair for_if_clauses '}' | invalid_dict_comprehension
static KaaAst *dictcomp(Parser *p) {
    int start = p->mark;
    KaaAst *k, *v;
    KaaAstSeq *b;
    if (expect(p, TOK_LBRACE) && kvpair(p, &k, &v) && (b = for_if_clauses(p)) &&
        expect(p, TOK_RBRACE)) {
        KaaAst *n = node_new(p, AST_DictComp, start);
        n->v.DictComp.key = k;
        n->v.DictComp.value = v;
        n->v.DictComp.generators = b;
        return n;
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_dict_comprehension(p);
        p->mark = start;
    }
    return NULL;
}

// ---- call arguments ---------------------------------------------------------------------------

// arguments (memo): args [','] &')' | invalid_arguments
static KaaAst *arguments_raw(Parser *p) {
    int start = p->mark;
    KaaAst *a = args(p);
    if (a) {
        expect(p, TOK_COMMA);
        if (next_is(p, TOK_RPAR)) {
            return a;
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_arguments(p);
        p->mark = start;
    }
    return NULL;
}

KaaAst *arguments(Parser *p) {
    void *res;
    if (memo_get(p, M_ARGUMENTS, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    res = arguments_raw(p);
    LEAVE(p);
    if (!res) {
        p->mark = start;
    }
    memo_put(p, M_ARGUMENTS, start, res);
    return res;
}

// starred_expression: '*' expression
KaaAst *starred_expression(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, TOK_STAR) && (a = expression(p))) {
        return starred(p, start, a, AST_Load);
    }
    p->mark = start;
    return NULL;
}

// One positional argument: starred_expression | (assignment_expression | expression !':=') !'='
static KaaAst *positional_arg(Parser *p) {
    int start = p->mark;
    KaaAst *a = starred_expression(p);
    if (a) {
        return a;
    }
    a = assignment_expression(p);
    if (!a) {
        p->mark = start;
        a = expression(p);
        if (a && next_is(p, TOK_COLONEQUAL)) {
            a = NULL;
        }
    }
    if (a && !next_is(p, TOK_EQUAL)) {
        return a;
    }
    p->mark = start;
    return NULL;
}

static KaaAst *keyword(Parser *p, int start, PToken *name, KaaAst *value) {
    KaaAst *n = node_new(p, AST_keyword, start);
    n->v.keyword.arg = name ? new_identifier(p, name->start, (size_t)(name->end - name->start))
                            : NULL;
    n->v.keyword.value = value;
    return n;
}

// kwarg_or_starred: invalid_kwarg | NAME '=' expression | starred_expression
KaaAst *kwarg_or_starred(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_kwarg(p);
        p->mark = start;
    }
    PToken *a;
    KaaAst *b;
    if ((a = name_token(p)) && expect(p, TOK_EQUAL) && (b = expression(p))) {
        return keyword(p, start, a, b);
    }
    p->mark = start;
    return starred_expression(p);
}

// kwarg_or_double_starred: invalid_kwarg | NAME '=' expression | '**' expression
KaaAst *kwarg_or_double_starred(Parser *p) {
    int start = p->mark;
    if (p->call_invalid_rules) {
        invalid_kwarg(p);
        p->mark = start;
    }
    PToken *a;
    KaaAst *b;
    if ((a = name_token(p)) && expect(p, TOK_EQUAL) && (b = expression(p))) {
        return keyword(p, start, a, b);
    }
    p->mark = start;
    if (expect(p, TOK_DOUBLESTAR) && (b = expression(p))) {
        return keyword(p, start, NULL, b);
    }
    p->mark = start;
    return NULL;
}

// ','.item+ into v; returns the count.
static int sep_list(Parser *p, Vec *v, KaaAst *(*item)(Parser *)) {
    KaaAst *a = item(p);
    if (!a) {
        return 0;
    }
    vec_push(p, v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !(a = item(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, v, a);
    }
    return v->len;
}

// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+ | ','.kwarg_or_starred+
//       | ','.kwarg_or_double_starred+
int call_kwargs(Parser *p, Vec *out) {
    int start = p->mark;
    Vec a = {0};
    if (sep_list(p, &a, kwarg_or_starred)) {
        int m = p->mark;
        Vec b = {0};
        if (expect(p, TOK_COMMA) && sep_list(p, &b, kwarg_or_double_starred)) {
            for (int i = 0; i < b.len; i++) {
                vec_push(p, &a, b.items[i]);
            }
            *out = a;
            return 1;
        }
        p->mark = m;
        *out = a;
        return 1;
    }
    p->mark = start;
    Vec b = {0};
    if (sep_list(p, &b, kwarg_or_double_starred)) {
        *out = b;
        return 1;
    }
    p->mark = start;
    return 0;
}

// ','.(starred_expression | (assignment_expression | expression !':=') !'=')+
int call_positionals(Parser *p, Vec *out) {
    return sep_list(p, out, positional_arg);
}

// A Call node carrying positional args `a` and the kwargs (starred ones join the args).
static KaaAst *collect_call(Parser *p, int start, Vec *a, Vec *kw) {
    Vec args = {0}, keywords = {0};
    for (int i = 0; a && i < a->len; i++) {
        vec_push(p, &args, a->items[i]);
    }
    for (int i = 0; kw && i < kw->len; i++) {
        KaaAst *x = kw->items[i];
        vec_push(p, x->kind == AST_Starred ? &args : &keywords, x);
    }
    KaaAst *n = node_new(p, AST_Call, start);
    n->v.Call.args = vec_seq(p, &args);
    n->v.Call.keywords = vec_seq(p, &keywords);
    return n;
}

// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+
//       [',' kwargs] | kwargs
KaaAst *args(Parser *p) {
    int start = p->mark;
    Vec a = {0};
    if (sep_list(p, &a, positional_arg)) {
        int m = p->mark;
        Vec kw = {0};
        if (expect(p, TOK_COMMA) && call_kwargs(p, &kw)) {
            return collect_call(p, start, &a, &kw);
        }
        p->mark = m;
        return collect_call(p, start, &a, NULL);
    }
    p->mark = start;
    Vec kw = {0};
    if (call_kwargs(p, &kw)) {
        return collect_call(p, start, NULL, &kw);
    }
    p->mark = start;
    return NULL;
}

// ---- targets ----------------------------------------------------------------------------------

static int t_lookahead(Parser *p) {
    int t = peek(p)->type;
    return t == TOK_LPAR || t == TOK_LSQB || t == TOK_DOT;
}

// One step of t_primary's left recursion: '.' NAME | '[' slices ']' | genexp
// | '(' [arguments] ')', each followed by t_lookahead.
static KaaAst *t_primary_step(Parser *p, int start, KaaAst *a) {
    int m = p->mark;
    PToken *t = peek(p);
    if (t->type == TOK_DOT) {
        p->mark++;
        PToken *b = name_token(p);
        if (b && t_lookahead(p)) {
            return attribute(p, start, a, b, AST_Load);
        }
        p->mark = m;
    }
    if (t->type == TOK_LSQB) {
        p->mark++;
        KaaAst *b = slices(p);
        if (b && expect(p, TOK_RSQB) && t_lookahead(p)) {
            return subscript(p, start, a, b, AST_Load);
        }
        p->mark = m;
    }
    if (t->type == TOK_LPAR) {
        KaaAst *g = genexp(p);
        if (g && t_lookahead(p)) {
            return call_genexp(p, start, a, g);
        }
        p->mark = m + 1;
        KaaAst *b = arguments(p);
        if (expect(p, TOK_RPAR) && t_lookahead(p)) {
            return call(p, start, a, b);
        }
        p->mark = m;
    }
    return NULL;
}

// t_primary: left-recursive chain of attributes, subscripts and calls that is followed by
// another '(' '[' or '.'; its base is atom &t_lookahead.
KaaAst *t_primary(Parser *p) {
    void *res;
    if (memo_get(p, M_T_PRIMARY, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    KaaAst *a = atom(p);
    if (a && !t_lookahead(p)) {
        a = NULL;
    }
    while (a) {
        KaaAst *b = t_primary_step(p, start, a);
        if (!b) {
            break;
        }
        a = b;
    }
    LEAVE(p);
    if (!a) {
        p->mark = start;
    }
    memo_put(p, M_T_PRIMARY, start, a);
    return a;
}

// t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead, with context ctx.
static KaaAst *attribute_or_subscript_target(Parser *p, int ctx) {
    int start = p->mark;
    KaaAst *a = t_primary(p);
    if (!a) {
        return NULL;
    }
    int m = p->mark;
    PToken *b;
    if (expect(p, TOK_DOT) && (b = name_token(p)) && !t_lookahead(p)) {
        return attribute(p, start, a, b, ctx);
    }
    p->mark = m;
    KaaAst *s;
    if (expect(p, TOK_LSQB) && (s = slices(p)) && expect(p, TOK_RSQB) && !t_lookahead(p)) {
        return subscript(p, start, a, s, ctx);
    }
    p->mark = start;
    return NULL;
}

// star_targets: star_target !',' | star_target (',' star_target)* [',']
KaaAst *star_targets(Parser *p) {
    int start = p->mark;
    KaaAst *a = star_target(p);
    if (!a) {
        return NULL;
    }
    if (!next_is(p, TOK_COMMA)) {
        return a;
    }
    Vec v = {0};
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        KaaAst *c;
        if (!expect(p, TOK_COMMA) || !(c = star_target(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, c);
    }
    expect(p, TOK_COMMA);
    return tuple_of(p, vec_seq(p, &v), AST_Store, start);
}

// star_targets_list_seq: ','.star_target+ [',']
static KaaAstSeq *star_targets_list_seq(Parser *p) {
    Vec v = {0};
    if (!sep_list(p, &v, star_target)) {
        return NULL;
    }
    expect(p, TOK_COMMA);
    return vec_seq(p, &v);
}

// star_targets_tuple_seq: star_target (',' star_target)+ [','] | star_target ','
static KaaAstSeq *star_targets_tuple_seq(Parser *p) {
    int start = p->mark;
    Vec v = {0};
    if (!sep_list(p, &v, star_target)) {
        return NULL;
    }
    if (v.len > 1) {
        expect(p, TOK_COMMA);
        return vec_seq(p, &v);
    }
    if (expect(p, TOK_COMMA)) {
        return vec_seq(p, &v);
    }
    p->mark = start;
    return NULL;
}

static KaaAst *target_with_star_atom(Parser *p);

// star_target (memo): '*' (!'*' star_target) | target_with_star_atom
MEMOIZED(star_target, M_STAR_TARGET) {
    int start = p->mark;
    if (expect(p, TOK_STAR)) {
        KaaAst *a;
        if (!next_is(p, TOK_STAR) && (a = star_target(p))) {
            return starred(p, start, set_context(p, a, AST_Store), AST_Store);
        }
    }
    p->mark = start;
    return target_with_star_atom(p);
}

// star_atom: NAME | '(' target_with_star_atom ')' | '(' [star_targets_tuple_seq] ')'
//          | '[' [star_targets_list_seq] ']'
static KaaAst *star_atom(Parser *p) {
    int start = p->mark;
    PToken *t = name_token(p);
    if (t) {
        return name_node(p, t, AST_Store);
    }
    if (expect(p, TOK_LPAR)) {
        KaaAst *a = target_with_star_atom(p);
        if (a && expect(p, TOK_RPAR)) {
            return set_context(p, a, AST_Store);
        }
        p->mark = start + 1;
        KaaAstSeq *s = star_targets_tuple_seq(p);
        if (expect(p, TOK_RPAR)) {
            return tuple_of(p, s ? s : seq_empty(p), AST_Store, start);
        }
    }
    p->mark = start;
    if (expect(p, TOK_LSQB)) {
        KaaAstSeq *s = star_targets_list_seq(p);
        if (expect(p, TOK_RSQB)) {
            KaaAst *n = node_new(p, AST_List, start);
            n->v.List.elts = s ? s : seq_empty(p);
            n->v.List.ctx = AST_Store;
            return n;
        }
    }
    p->mark = start;
    return NULL;
}

// target_with_star_atom (memo): t_primary '.' NAME !t_lookahead
//     | t_primary '[' slices ']' !t_lookahead | star_atom
MEMOIZED(target_with_star_atom, M_TARGET_WITH_STAR_ATOM) {
    KaaAst *a = attribute_or_subscript_target(p, AST_Store);
    return a ? a : star_atom(p);
}

// single_subscript_attribute_target: t_primary '.' NAME !t_lookahead
//     | t_primary '[' slices ']' !t_lookahead
KaaAst *single_subscript_attribute_target(Parser *p) {
    return attribute_or_subscript_target(p, AST_Store);
}

// single_target: single_subscript_attribute_target | NAME | '(' single_target ')'
KaaAst *single_target(Parser *p) {
    int start = p->mark;
    KaaAst *a = single_subscript_attribute_target(p);
    if (a) {
        return a;
    }
    PToken *t = name_token(p);
    if (t) {
        return name_node(p, t, AST_Store);
    }
    if (expect(p, TOK_LPAR) && (a = single_target(p)) && expect(p, TOK_RPAR)) {
        return a;
    }
    p->mark = start;
    return NULL;
}

static KaaAst *del_target(Parser *p);

// del_t_atom: NAME | '(' del_target ')' | '(' [del_targets] ')' | '[' [del_targets] ']'
static KaaAst *del_t_atom(Parser *p) {
    int start = p->mark;
    PToken *t = name_token(p);
    if (t) {
        return name_node(p, t, AST_Del);
    }
    if (expect(p, TOK_LPAR)) {
        KaaAst *a = del_target(p);
        if (a && expect(p, TOK_RPAR)) {
            return set_context(p, a, AST_Del);
        }
        p->mark = start + 1;
        KaaAstSeq *s = del_targets(p);
        if (expect(p, TOK_RPAR)) {
            return tuple_of(p, s ? s : seq_empty(p), AST_Del, start);
        }
    }
    p->mark = start;
    if (expect(p, TOK_LSQB)) {
        KaaAstSeq *s = del_targets(p);
        if (expect(p, TOK_RSQB)) {
            KaaAst *n = node_new(p, AST_List, start);
            n->v.List.elts = s ? s : seq_empty(p);
            n->v.List.ctx = AST_Del;
            return n;
        }
    }
    p->mark = start;
    return NULL;
}

// del_target (memo): t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead
//                  | del_t_atom
MEMOIZED(del_target, M_DEL_TARGET) {
    KaaAst *a = attribute_or_subscript_target(p, AST_Del);
    return a ? a : del_t_atom(p);
}

// del_targets: ','.del_target+ [',']
KaaAstSeq *del_targets(Parser *p) {
    Vec v = {0};
    if (!sep_list(p, &v, del_target)) {
        return NULL;
    }
    expect(p, TOK_COMMA);
    return vec_seq(p, &v);
}

// type_expressions: the argument types of a function type comment; '*' and '**' are dropped.
KaaAstSeq *type_expressions(Parser *p) {
    int start = p->mark;
    Vec v = {0};
    KaaAst *b, *c;
    if (sep_list(p, &v, expression)) {
        int m = p->mark;
        if (expect(p, TOK_COMMA) && expect(p, TOK_STAR) && (b = expression(p))) {
            int m2 = p->mark;
            if (expect(p, TOK_COMMA) && expect(p, TOK_DOUBLESTAR) && (c = expression(p))) {
                vec_push(p, &v, b);
                vec_push(p, &v, c);
                return vec_seq(p, &v);
            }
            p->mark = m2;
            vec_push(p, &v, b);
            return vec_seq(p, &v);
        }
        p->mark = m;
        if (expect(p, TOK_COMMA) && expect(p, TOK_DOUBLESTAR) && (b = expression(p))) {
            vec_push(p, &v, b);
            return vec_seq(p, &v);
        }
        p->mark = start;
    }
    v.len = 0;
    if (expect(p, TOK_STAR) && (b = expression(p))) {
        int m = p->mark;
        if (expect(p, TOK_COMMA) && expect(p, TOK_DOUBLESTAR) && (c = expression(p))) {
            vec_push(p, &v, b);
            vec_push(p, &v, c);
            return vec_seq(p, &v);
        }
        p->mark = m;
        return seq1(p, b);
    }
    p->mark = start;
    if (expect(p, TOK_DOUBLESTAR) && (b = expression(p))) {
        return seq1(p, b);
    }
    p->mark = start;
    v.len = 0;
    if (sep_list(p, &v, expression)) {
        return vec_seq(p, &v);
    }
    p->mark = start;
    return NULL;
}
