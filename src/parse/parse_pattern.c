// parse/parse_pattern.c — the pattern rules of the match statement.
//
// Stage: parse. Owns `patterns` down to literal, capture, wildcard, value, group, sequence,
// mapping and class patterns, following CPython 3.11's grammar rule by rule, including the
// checks it makes while parsing (a complex literal's parts must be real + imaginary).
// Must not: hold the match statement itself (parse_stmt.c) or invalid_* rules.
#include "parse/parser.h"

#include <string.h>

static KaaAst *closed_pattern(Parser *p);

static KaaAst *pattern_node(Parser *p, KaaAstKind kind, int start) {
    return node_new(p, kind, start);
}

static KaaAstIdSeq *id_seq(Parser *p, Vec *v) {
    KaaAstIdSeq *s = kaa_arena_alloc(p->arena, sizeof(KaaAstIdSeq) + (size_t)v->len * sizeof(char *));
    s->len = v->len;
    for (int i = 0; i < v->len; i++) {
        s->items[i] = v->items[i];
    }
    return s;
}

// pattern_capture_target: !"_" NAME !('.' | '(' | '=')  — returns the name's token.
static PToken *pattern_capture_target(Parser *p) {
    int start = p->mark;
    if (expect_soft(p, "_")) {
        p->mark = start;
        return NULL;
    }
    PToken *t = name_token(p);
    if (!t) {
        return NULL;
    }
    int n = peek(p)->type;
    if (n == TOK_DOT || n == TOK_LPAR || n == TOK_EQUAL) {
        p->mark = start;
        return NULL;
    }
    return t;
}

static const char *tok_id(Parser *p, PToken *t) {
    return new_identifier(p, t->start, (size_t)(t->end - t->start));
}

// ---- literals ---------------------------------------------------------------------------------

static KaaAst *negate(Parser *p, int start, KaaAst *a) {
    KaaAst *n = node_new(p, AST_UnaryOp, start);
    n->v.UnaryOp.op = AST_USub;
    n->v.UnaryOp.operand = a;
    return n;
}

// signed_number: NUMBER | '-' NUMBER
static KaaAst *signed_number(Parser *p) {
    int start = p->mark;
    KaaAst *a = number_node(p);
    if (a) {
        return a;
    }
    if (expect(p, TOK_MINUS) && (a = number_node(p))) {
        return negate(p, start, a);
    }
    p->mark = start;
    return NULL;
}

static int is_complex(KaaAst *a) {
    return a->kind == AST_Constant && a->v.Constant.value.kind == AST_CONST_COMPLEX;
}

// real_number: NUMBER (must not be imaginary)
static KaaAst *real_number(Parser *p) {
    KaaAst *a = number_node(p);
    if (a && is_complex(a)) {
        raise_at_node(p, a, "real number required in complex literal");
    }
    return a;
}

// imaginary_number: NUMBER (must be imaginary)
static KaaAst *imaginary_number(Parser *p) {
    KaaAst *a = number_node(p);
    if (a && !is_complex(a)) {
        raise_at_node(p, a, "imaginary number required in complex literal");
    }
    return a;
}

// signed_real_number: real_number | '-' real_number
static KaaAst *signed_real_number(Parser *p) {
    int start = p->mark;
    KaaAst *a = real_number(p);
    if (a) {
        return a;
    }
    if (expect(p, TOK_MINUS) && (a = real_number(p))) {
        return negate(p, start, a);
    }
    p->mark = start;
    return NULL;
}

// complex_number: signed_real_number ('+' | '-') imaginary_number
static KaaAst *complex_number(Parser *p) {
    int start = p->mark;
    for (int op = 0; op < 2; op++) {
        p->mark = start;
        KaaAst *real = signed_real_number(p), *imag;
        if (real && expect(p, op ? TOK_MINUS : TOK_PLUS) && (imag = imaginary_number(p))) {
            KaaAst *n = node_new(p, AST_BinOp, start);
            n->v.BinOp.left = real;
            n->v.BinOp.op = op ? AST_Sub : AST_Add;
            n->v.BinOp.right = imag;
            return n;
        }
    }
    p->mark = start;
    return NULL;
}

// The literal shared by literal_pattern and literal_expr: signed_number !('+' | '-')
// | complex_number | strings. NULL when none.
static KaaAst *literal_value(Parser *p) {
    int start = p->mark;
    KaaAst *v = signed_number(p);
    if (v) {
        int t = peek(p)->type;
        if (t != TOK_PLUS && t != TOK_MINUS) {
            return v;
        }
    }
    p->mark = start;
    if ((v = complex_number(p))) {
        return v;
    }
    if (next_is(p, TOK_STRING)) {
        return strings(p);
    }
    return NULL;
}

static KaaAstConstKind singleton_kind(int type) {
    return type == KW_None ? AST_CONST_NONE : type == KW_True ? AST_CONST_TRUE : AST_CONST_FALSE;
}

// literal_pattern: signed_number !('+' | '-') | complex_number | strings
//                | 'None' | 'True' | 'False'
static KaaAst *literal_pattern(Parser *p) {
    int start = p->mark;
    KaaAst *v = literal_value(p);
    if (v) {
        KaaAst *n = pattern_node(p, AST_MatchValue, start);
        n->v.MatchValue.value = v;
        return n;
    }
    int t = peek(p)->type;
    if (t == KW_None || t == KW_True || t == KW_False) {
        p->mark++;
        KaaAst *n = pattern_node(p, AST_MatchSingleton, start);
        n->v.MatchSingleton.value.kind = singleton_kind(t);
        return n;
    }
    return NULL;
}

// literal_expr: the same literals, as expressions (mapping pattern keys).
static KaaAst *literal_expr(Parser *p) {
    int start = p->mark;
    KaaAst *v = literal_value(p);
    if (v) {
        return v;
    }
    int t = peek(p)->type;
    if (t == KW_None || t == KW_True || t == KW_False) {
        p->mark++;
        KaaAst *n = node_new(p, AST_Constant, start);
        n->v.Constant.value.kind = singleton_kind(t);
        return n;
    }
    return NULL;
}

// ---- names ------------------------------------------------------------------------------------

// attr: name_or_attr '.' NAME (left-recursive: NAME ('.' NAME)+)
static KaaAst *attr(Parser *p) {
    int start = p->mark;
    PToken *t = name_token(p);
    if (!t) {
        return NULL;
    }
    KaaAst *a = name_node(p, t, AST_Load);
    int steps = 0;
    for (;;) {
        int m = p->mark;
        PToken *b;
        if (!expect(p, TOK_DOT) || !(b = name_token(p))) {
            p->mark = m;
            break;
        }
        KaaAst *n = node_new(p, AST_Attribute, start);
        n->v.Attribute.value = a;
        n->v.Attribute.attr = tok_id(p, b);
        n->v.Attribute.ctx = AST_Load;
        a = n;
        steps++;
    }
    if (!steps) {
        p->mark = start;
        return NULL;
    }
    return a;
}

// name_or_attr: attr | NAME
KaaAst *name_or_attr(Parser *p) {
    KaaAst *a = attr(p);
    if (a) {
        return a;
    }
    PToken *t = name_token(p);
    return t ? name_node(p, t, AST_Load) : NULL;
}

// capture_pattern | wildcard_pattern | value_pattern
static KaaAst *name_pattern(Parser *p) {
    int start = p->mark;
    PToken *t = pattern_capture_target(p);
    if (t) {
        KaaAst *n = pattern_node(p, AST_MatchAs, start);
        n->v.MatchAs.name = tok_id(p, t);
        return n;
    }
    if (expect_soft(p, "_")) {
        return pattern_node(p, AST_MatchAs, start);
    }
    KaaAst *a = attr(p);
    if (a) {
        int n = peek(p)->type;
        if (n != TOK_DOT && n != TOK_LPAR && n != TOK_EQUAL) {
            KaaAst *v = pattern_node(p, AST_MatchValue, start);
            v->v.MatchValue.value = a;
            return v;
        }
    }
    p->mark = start;
    return NULL;
}

// ---- sequences --------------------------------------------------------------------------------

static KaaAst *star_pattern_raw(Parser *p) {
    int start = p->mark;
    if (!expect(p, TOK_STAR)) {
        return NULL;
    }
    PToken *t = pattern_capture_target(p);
    if (t) {
        KaaAst *n = pattern_node(p, AST_MatchStar, start);
        n->v.MatchStar.name = tok_id(p, t);
        return n;
    }
    if (expect_soft(p, "_")) {
        return pattern_node(p, AST_MatchStar, start);
    }
    p->mark = start;
    return NULL;
}

// star_pattern (memo): '*' pattern_capture_target | '*' wildcard_pattern
static KaaAst *star_pattern(Parser *p) {
    void *res;
    if (memo_get(p, M_STAR_PATTERN, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    res = star_pattern_raw(p);
    LEAVE(p);
    if (!res) {
        p->mark = start;
    }
    memo_put(p, M_STAR_PATTERN, start, res);
    return res;
}

// maybe_star_pattern: star_pattern | pattern
static KaaAst *maybe_star_pattern(Parser *p) {
    KaaAst *a = star_pattern(p);
    return a ? a : pattern(p);
}

// maybe_sequence_pattern: ','.maybe_star_pattern+ ','?
static int maybe_sequence_pattern(Parser *p, Vec *v) {
    KaaAst *a = maybe_star_pattern(p);
    if (!a) {
        return 0;
    }
    vec_push(p, v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !(a = maybe_star_pattern(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, v, a);
    }
    expect(p, TOK_COMMA);
    return 1;
}

// open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?
static int open_sequence_pattern(Parser *p, Vec *v) {
    int start = p->mark;
    KaaAst *a = maybe_star_pattern(p);
    if (!a || !expect(p, TOK_COMMA)) {
        p->mark = start;
        return 0;
    }
    vec_push(p, v, a);
    maybe_sequence_pattern(p, v);
    return 1;
}

// group_pattern: '(' pattern ')' | sequence_pattern: '[' maybe_sequence_pattern? ']'
//     | '(' open_sequence_pattern? ')'
static KaaAst *bracket_pattern(Parser *p) {
    int start = p->mark;
    KaaAst *a;
    if (expect(p, TOK_LPAR) && (a = pattern(p)) && expect(p, TOK_RPAR)) {
        return a;
    }
    p->mark = start;
    Vec v = {0};
    if (expect(p, TOK_LSQB)) {
        maybe_sequence_pattern(p, &v);
        if (expect(p, TOK_RSQB)) {
            KaaAst *n = pattern_node(p, AST_MatchSequence, start);
            n->v.MatchSequence.patterns = vec_seq(p, &v);
            return n;
        }
    }
    p->mark = start;
    v.len = 0;
    if (expect(p, TOK_LPAR)) {
        open_sequence_pattern(p, &v);
        if (expect(p, TOK_RPAR)) {
            KaaAst *n = pattern_node(p, AST_MatchSequence, start);
            n->v.MatchSequence.patterns = vec_seq(p, &v);
            return n;
        }
    }
    p->mark = start;
    return NULL;
}

// ---- mappings ---------------------------------------------------------------------------------

// double_star_pattern: '**' pattern_capture_target
static PToken *double_star_pattern(Parser *p) {
    int start = p->mark;
    PToken *t;
    if (expect(p, TOK_DOUBLESTAR) && (t = pattern_capture_target(p))) {
        return t;
    }
    p->mark = start;
    return NULL;
}

// key_value_pattern: (literal_expr | attr) ':' pattern
static int key_value_pattern(Parser *p, Vec *keys, Vec *pats) {
    int start = p->mark;
    KaaAst *k = literal_expr(p);
    if (!k) {
        k = attr(p);
    }
    KaaAst *v;
    if (k && expect(p, TOK_COLON) && (v = pattern(p))) {
        vec_push(p, keys, k);
        vec_push(p, pats, v);
        return 1;
    }
    p->mark = start;
    return 0;
}

// items_pattern: ','.key_value_pattern+
static int items_pattern(Parser *p, Vec *keys, Vec *pats) {
    if (!key_value_pattern(p, keys, pats)) {
        return 0;
    }
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !key_value_pattern(p, keys, pats)) {
            p->mark = m;
            break;
        }
    }
    return 1;
}

static KaaAst *mapping(Parser *p, int start, Vec *keys, Vec *pats, PToken *rest) {
    KaaAst *n = pattern_node(p, AST_MatchMapping, start);
    n->v.MatchMapping.keys = vec_seq(p, keys);
    n->v.MatchMapping.patterns = vec_seq(p, pats);
    n->v.MatchMapping.rest = rest ? tok_id(p, rest) : NULL;
    return n;
}

// mapping_pattern: '{' '}' | '{' double_star_pattern ','? '}'
//     | '{' items_pattern ',' double_star_pattern ','? '}' | '{' items_pattern ','? '}'
static KaaAst *mapping_pattern(Parser *p) {
    int start = p->mark;
    Vec keys = {0}, pats = {0};
    if (!expect(p, TOK_LBRACE)) {
        return NULL;
    }
    if (expect(p, TOK_RBRACE)) {
        return mapping(p, start, &keys, &pats, NULL);
    }
    PToken *rest = double_star_pattern(p);
    if (rest) {
        expect(p, TOK_COMMA);
        if (expect(p, TOK_RBRACE)) {
            return mapping(p, start, &keys, &pats, rest);
        }
    }
    p->mark = start + 1;
    if (items_pattern(p, &keys, &pats)) {
        int m = p->mark;
        if (expect(p, TOK_COMMA) && (rest = double_star_pattern(p))) {
            expect(p, TOK_COMMA);
            if (expect(p, TOK_RBRACE)) {
                return mapping(p, start, &keys, &pats, rest);
            }
        }
        p->mark = m;
        expect(p, TOK_COMMA);
        if (expect(p, TOK_RBRACE)) {
            return mapping(p, start, &keys, &pats, NULL);
        }
    }
    p->mark = start;
    return NULL;
}

// ---- classes ----------------------------------------------------------------------------------

// positional_patterns: ','.pattern+
KaaAstSeq *positional_patterns(Parser *p) {
    Vec v = {0};
    KaaAst *a = pattern(p);
    if (!a) {
        return NULL;
    }
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !(a = pattern(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, a);
    }
    return vec_seq(p, &v);
}

// keyword_pattern: NAME '=' pattern
static int keyword_pattern(Parser *p, Vec *names, Vec *pats) {
    int start = p->mark;
    PToken *t;
    KaaAst *v;
    if ((t = name_token(p)) && expect(p, TOK_EQUAL) && (v = pattern(p))) {
        vec_push(p, names, (void *)tok_id(p, t));
        vec_push(p, pats, v);
        return 1;
    }
    p->mark = start;
    return 0;
}

// keyword_patterns: ','.keyword_pattern+
int keyword_patterns(Parser *p, Vec *names, Vec *pats) {
    if (!keyword_pattern(p, names, pats)) {
        return 0;
    }
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_COMMA) || !keyword_pattern(p, names, pats)) {
            p->mark = m;
            break;
        }
    }
    return 1;
}

static KaaAst *class_node(Parser *p, int start, KaaAst *cls, KaaAstSeq *pos, Vec *names,
                          Vec *pats) {
    KaaAst *n = pattern_node(p, AST_MatchClass, start);
    Vec empty = {0};
    n->v.MatchClass.cls = cls;
    n->v.MatchClass.patterns = pos ? pos : seq_empty(p);
    n->v.MatchClass.kwd_attrs = id_seq(p, names ? names : &empty);
    n->v.MatchClass.kwd_patterns = vec_seq(p, pats ? pats : &empty);
    return n;
}

// class_pattern: name_or_attr '(' ')' | name_or_attr '(' positional_patterns ','? ')'
//     | name_or_attr '(' keyword_patterns ','? ')'
//     | name_or_attr '(' positional_patterns ',' keyword_patterns ','? ')'
//     | invalid_class_pattern
static KaaAst *class_pattern(Parser *p) {
    int start = p->mark;
    KaaAst *cls = name_or_attr(p);
    if (cls && expect(p, TOK_LPAR)) {
        int open = p->mark;
        if (expect(p, TOK_RPAR)) {
            return class_node(p, start, cls, NULL, NULL, NULL);
        }
        KaaAstSeq *pos = positional_patterns(p);
        if (pos) {
            expect(p, TOK_COMMA);
            if (expect(p, TOK_RPAR)) {
                return class_node(p, start, cls, pos, NULL, NULL);
            }
        }
        p->mark = open;
        Vec names = {0}, pats = {0};
        if (keyword_patterns(p, &names, &pats)) {
            expect(p, TOK_COMMA);
            if (expect(p, TOK_RPAR)) {
                return class_node(p, start, cls, NULL, &names, &pats);
            }
        }
        p->mark = open;
        names.len = pats.len = 0;
        if ((pos = positional_patterns(p)) && expect(p, TOK_COMMA) &&
            keyword_patterns(p, &names, &pats)) {
            expect(p, TOK_COMMA);
            if (expect(p, TOK_RPAR)) {
                return class_node(p, start, cls, pos, &names, &pats);
            }
        }
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_class_pattern(p);
        p->mark = start;
    }
    return NULL;
}

// ---- patterns ---------------------------------------------------------------------------------

// closed_pattern (memo): literal_pattern | capture_pattern | wildcard_pattern | value_pattern
//     | group_pattern | sequence_pattern | mapping_pattern | class_pattern
static KaaAst *closed_pattern_raw(Parser *p) {
    KaaAst *a;
    if ((a = literal_pattern(p)) || (a = name_pattern(p)) || (a = bracket_pattern(p)) ||
        (a = mapping_pattern(p)) || (a = class_pattern(p))) {
        return a;
    }
    return NULL;
}

static KaaAst *closed_pattern(Parser *p) {
    void *res;
    if (memo_get(p, M_CLOSED_PATTERN, &res)) {
        return res;
    }
    int start = p->mark;
    enter(p);
    res = closed_pattern_raw(p);
    LEAVE(p);
    if (!res) {
        p->mark = start;
    }
    memo_put(p, M_CLOSED_PATTERN, start, res);
    return res;
}

// or_pattern: '|'.closed_pattern+
KaaAst *or_pattern(Parser *p) {
    int start = p->mark;
    Vec v = {0};
    KaaAst *a = closed_pattern(p);
    if (!a) {
        return NULL;
    }
    vec_push(p, &v, a);
    for (;;) {
        int m = p->mark;
        if (!expect(p, TOK_VBAR) || !(a = closed_pattern(p))) {
            p->mark = m;
            break;
        }
        vec_push(p, &v, a);
    }
    if (v.len == 1) {
        return v.items[0];
    }
    KaaAst *n = pattern_node(p, AST_MatchOr, start);
    n->v.MatchOr.patterns = vec_seq(p, &v);
    return n;
}

// as_pattern: or_pattern 'as' pattern_capture_target | invalid_as_pattern
// pattern: as_pattern | or_pattern
KaaAst *pattern(Parser *p) {
    int start = p->mark;
    KaaAst *a = or_pattern(p);
    PToken *t;
    if (a && expect(p, KW_as) && (t = pattern_capture_target(p))) {
        KaaAst *n = pattern_node(p, AST_MatchAs, start);
        n->v.MatchAs.pattern = a;
        n->v.MatchAs.name = tok_id(p, t);
        return n;
    }
    p->mark = start;
    if (p->call_invalid_rules) {
        invalid_as_pattern(p);
        p->mark = start;
    }
    return or_pattern(p);
}

// patterns: open_sequence_pattern | pattern
KaaAst *patterns(Parser *p) {
    int start = p->mark;
    Vec v = {0};
    if (open_sequence_pattern(p, &v)) {
        KaaAst *n = pattern_node(p, AST_MatchSequence, start);
        n->v.MatchSequence.patterns = vec_seq(p, &v);
        return n;
    }
    p->mark = start;
    return pattern(p);
}
