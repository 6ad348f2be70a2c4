// parse/parser.h — the parser's internal interface, shared by the parse_*.c files.
//
// Stage: parse. The parser is a hand-written PEG parser that follows CPython 3.11's grammar
// (Grammar/python.gram) rule by rule: ordered alternatives with backtracking, memoisation of the
// rules CPython memoises, left recursion written as loops, and the same two passes (the second
// one enables the invalid_* rules that produce the specialised error messages). Errors abort the
// parse with longjmp to kaa_parse (or to the f-string sub-parse).
// Must not: be included outside src/parse/.
#ifndef KAA_PARSE_PARSER_H
#define KAA_PARSE_PARSER_H

#include <setjmp.h>

#include "parse/ast.h"
#include "parse/tokenizer.h"

// ---- keywords ---------------------------------------------------------------------------------
// Keywords get token types of their own after TOK_COUNT, as in CPython's parser.
#define KEYWORDS(X)                                                                              \
    X(False) X(None) X(True) X(and) X(as) X(assert) X(break) X(class) X(continue) X(def) X(del)  \
    X(elif) X(else) X(except) X(finally) X(for) X(from) X(global) X(if) X(import) X(in) X(is)    \
    X(lambda) X(nonlocal) X(not) X(or) X(pass) X(raise) X(return) X(try) X(while) X(with)        \
    X(yield)

enum {
    KW_BEFORE_FIRST = TOK_COUNT - 1,
#define X(k) KW_##k,
    KEYWORDS(X)
#undef X
    KW_END
};

// ---- tokens and memo --------------------------------------------------------------------------
typedef struct Memo {
    int rule;
    int end;
    void *node;
    struct Memo *next;
} Memo;

typedef struct PToken {
    int type;  // TOK_* or KW_*
    const char *start, *end;
    int lineno, col_offset, end_lineno, end_col_offset;
    int level;
    Memo *memo;
} PToken;

typedef enum { START_FILE, START_EVAL, START_SINGLE, START_FUNC_TYPE, START_FSTRING } StartRule;

typedef struct TypeIgnore {
    int lineno;
    const char *tag;
} TypeIgnore;

typedef struct Parser {
    KaaArena *arena;
    KaaTokenizer *tok;
    PToken **tokens;
    int fill, size;
    int mark;
    int call_invalid_rules;  // second pass
    int depth;               // rule nesting, limited like CPython's parser stack
    StartRule start_rule;
    int flags;
    jmp_buf *abort;          // where an error jumps to
    KaaSyntaxError *err;
    int error_set;
    const char *encoding;    // source encoding; NULL: error offsets stay byte offsets
    const char *text, *text_end;  // the decoded source, for error lines
    int starting_lineno, starting_col_offset;  // f-string expression: shift of line 1
    PToken *known_err_token;
    TypeIgnore *type_ignores;
    int n_type_ignores, cap_type_ignores;
    int parsing_started;     // single mode: a token other than the final ENDMARKER was read
} Parser;

// ---- growable vectors (arena memory) ----------------------------------------------------------
typedef struct Vec {
    void **items;
    int len, cap;
} Vec;

void vec_push(Parser *p, Vec *v, void *item);
KaaAstSeq *vec_seq(Parser *p, Vec *v);       // copies into a node sequence
KaaAstSeq *seq1(Parser *p, KaaAst *item);    // a sequence of one
KaaAstSeq *seq_empty(Parser *p);
KaaAstSeq *seq_prepend(Parser *p, KaaAst *item, KaaAstSeq *rest);  // rest may be NULL

// ---- token access -----------------------------------------------------------------------------
PToken *peek(Parser *p);                 // the token at mark (filled if needed)
PToken *expect(Parser *p, int type);     // consumes a token of that type, or NULL
PToken *expect_forced(Parser *p, int type, const char *what);  // "expected 'what'" if absent
PToken *expect_soft(Parser *p, const char *kw);  // a NAME spelled kw
PToken *name_token(Parser *p);           // a NAME that is not a keyword
int next_is(Parser *p, int type);        // lookahead without consuming
PToken *last_token(Parser *p);           // the token before mark
const char *token_text(Parser *p, PToken *t);  // arena copy of the token's text

// ---- memo -------------------------------------------------------------------------------------
enum {
    M_EXPRESSION = 1, M_STAR_EXPRESSION, M_DISJUNCTION, M_CONJUNCTION, M_INVERSION, M_FACTOR,
    M_AWAIT_PRIMARY, M_PRIMARY, M_STRINGS, M_ARGUMENTS, M_STAR_TARGET, M_TARGET_WITH_STAR_ATOM,
    M_DEL_TARGET, M_T_PRIMARY, M_BITWISE_OR, M_BITWISE_XOR, M_BITWISE_AND, M_SHIFT_EXPR, M_SUM,
    M_TERM, M_SIMPLE_STMT, M_BLOCK, M_CLOSED_PATTERN, M_STAR_PATTERN, M_DOTTED_NAME,
    M_INVALID_NAMED_EXPRESSION, M_NAME_OR_ATTR, M_SLICES, M_ATOM,
};
int memo_get(Parser *p, int rule, void **node);
void memo_put(Parser *p, int rule, int start, void *node);

// ---- nodes ------------------------------------------------------------------------------------
KaaAst *node_new(Parser *p, KaaAstKind kind, int start_mark);  // positions from the tokens
KaaAst *node_at(Parser *p, KaaAstKind kind, int lineno, int col, int end_lineno, int end_col);
void node_span(KaaAst *n, KaaAst *from, KaaAst *to);  // positions from two nodes
KaaAst *name_node(Parser *p, PToken *t, int ctx);
KaaAst *set_context(Parser *p, KaaAst *e, int ctx);  // copy of e with ctx (Store/Del)
const char *new_identifier(Parser *p, const char *s, size_t len);  // NFKC for non-ASCII
KaaAst *empty_arguments(Parser *p);
const char *expr_name(KaaAst *e);  // "literal", "function call", ... for error messages

// ---- errors (all jump out) --------------------------------------------------------------------
#define CURRENT_POS (-5)
_Noreturn void raise_error_known(Parser *p, const char *type, int lineno, int col, int end_lineno,
                                 int end_col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
_Noreturn void raise_error(Parser *p, const char *type, int use_mark, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void raise_at_node(Parser *p, KaaAst *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void raise_range_nodes(Parser *p, KaaAst *a, KaaAst *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void raise_at_token(Parser *p, PToken *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn void raise_range_tokens(Parser *p, PToken *a, PToken *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void raise_from_node(Parser *p, KaaAst *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));  // RAISE_SYNTAX_ERROR_STARTING_FROM
_Noreturn void raise_range_node_token(Parser *p, KaaAst *a, PToken *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn void raise_range_token_node(Parser *p, PToken *a, KaaAst *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
// An exception other than SyntaxError (UnicodeDecodeError, MemoryError): no location, and the
// second pass and the tokenizer checks are skipped, as CPython skips them.
_Noreturn void raise_other(Parser *p, const char *type, const char *msg);
int is_syntax_error(const KaaSyntaxError *err);
#define RAISE_SYNTAX(p, ...) raise_error(p, "SyntaxError", 0, __VA_ARGS__)
#define RAISE_INDENT(p, ...) raise_error(p, "IndentationError", 0, __VA_ARGS__)
_Noreturn void raise_invalid_target(Parser *p, int kind, KaaAst *e);
enum { TARGETS_STAR, TARGETS_DEL, TARGETS_FOR };
KaaAst *invalid_target(KaaAst *e, int kind);  // the offending sub-expression, or NULL

// Recursion guard: CPython's parser gives up (MemoryError) past 6000 nested rule calls.
void enter(Parser *p);
#define LEAVE(p) ((p)->depth--)

// ---- rules used across files ------------------------------------------------------------------
KaaAst *file_rule(Parser *p);
KaaAst *interactive_rule(Parser *p);
KaaAst *eval_rule(Parser *p);
KaaAst *func_type_rule(Parser *p);
KaaAst *fstring_rule(Parser *p);

KaaAstSeq *block(Parser *p);
KaaAst *expression(Parser *p);
KaaAst *expression_without_invalid(Parser *p);
KaaAst *expressions(Parser *p);
KaaAst *star_expressions(Parser *p);
KaaAst *star_expression(Parser *p);
KaaAst *star_named_expression(Parser *p);
KaaAstSeq *star_named_expressions(Parser *p);
KaaAst *named_expression(Parser *p);
KaaAst *assignment_expression(Parser *p);
KaaAst *yield_expr(Parser *p);
KaaAst *disjunction(Parser *p);
KaaAst *bitwise_or(Parser *p);
KaaAst *primary(Parser *p);
KaaAst *atom(Parser *p);
KaaAst *strings(Parser *p);
KaaAst *number_node(Parser *p);  // NUMBER
KaaAst *lambdef(Parser *p);
KaaAst *list_rule(Parser *p);
KaaAst *tuple_rule(Parser *p);
KaaAst *genexp(Parser *p);
KaaAst *starred_expression(Parser *p);
KaaAst *slices(Parser *p);
KaaAst *arguments(Parser *p);
KaaAst *args(Parser *p);
int call_positionals(Parser *p, Vec *out);
int call_kwargs(Parser *p, Vec *out);
KaaAstSeq *for_if_clauses(Parser *p);
KaaAst *star_targets(Parser *p);
KaaAst *star_target(Parser *p);
KaaAst *single_target(Parser *p);
KaaAst *single_subscript_attribute_target(Parser *p);
KaaAst *t_primary(Parser *p);
KaaAstSeq *del_targets(Parser *p);
KaaAstSeq *type_expressions(Parser *p);
KaaAst *params(Parser *p);
KaaAst *lambda_params(Parser *p);
KaaAst *param_no_default(Parser *p);
KaaAst *lambda_param_no_default(Parser *p);
int param_with_default(Parser *p, KaaAst **arg, KaaAst **def);
int param_maybe_default(Parser *p, KaaAst **arg, KaaAst **def);
int lambda_param_with_default(Parser *p, KaaAst **arg, KaaAst **def);
int lambda_param_maybe_default(Parser *p, KaaAst **arg, KaaAst **def);
KaaAst *param(Parser *p);
KaaAst *lambda_param(Parser *p);
int slash_no_default(Parser *p);
int slash_with_default(Parser *p);
int lambda_slash_no_default(Parser *p);
int lambda_slash_with_default(Parser *p);
KaaAst *patterns(Parser *p);
KaaAst *pattern(Parser *p);
KaaAst *or_pattern(Parser *p);
KaaAst *subject_expr(Parser *p);
KaaAst *name_or_attr(Parser *p);
KaaAstSeq *positional_patterns(Parser *p);
int keyword_patterns(Parser *p, Vec *names, Vec *pats);
KaaAst *with_item(Parser *p);
KaaAst *except_block(Parser *p, int star);
KaaAst *kwarg_or_starred(Parser *p);
KaaAst *kwarg_or_double_starred(Parser *p);
KaaAst *import_from_as_names_seq(Parser *p);

// invalid_* rules (parse_invalid.c): each returns NULL when it does not apply, or raises
void *invalid_arguments(Parser *p);
void *invalid_kwarg(Parser *p);
void *invalid_legacy_expression(Parser *p);
void *invalid_expression(Parser *p);
void *invalid_named_expression(Parser *p);
void *invalid_assignment(Parser *p);
void *invalid_del_stmt(Parser *p);
void *invalid_block(Parser *p);
void *invalid_comprehension(Parser *p);
void *invalid_dict_comprehension(Parser *p);
void *invalid_parameters(Parser *p);
void *invalid_default(Parser *p);
void *invalid_star_etc(Parser *p);
void *invalid_kwds(Parser *p);
void *invalid_lambda_parameters(Parser *p);
void *invalid_lambda_star_etc(Parser *p);
void *invalid_lambda_kwds(Parser *p);
void *invalid_double_type_comments(Parser *p);
void *invalid_with_item(Parser *p);
void *invalid_for_target(Parser *p);
void *invalid_group(Parser *p);
void *invalid_import_from_targets(Parser *p);
void *invalid_with_stmt(Parser *p);
void *invalid_with_stmt_indent(Parser *p);
void *invalid_try_stmt(Parser *p);
void *invalid_except_stmt(Parser *p);
void *invalid_finally_stmt(Parser *p);
void *invalid_except_stmt_indent(Parser *p);
void *invalid_except_star_stmt_indent(Parser *p);
void *invalid_match_stmt(Parser *p);
void *invalid_case_block(Parser *p);
void *invalid_as_pattern(Parser *p);
void *invalid_class_pattern(Parser *p);
void *invalid_if_stmt(Parser *p);
void *invalid_elif_stmt(Parser *p);
void *invalid_else_stmt(Parser *p);
void *invalid_while_stmt(Parser *p);
void *invalid_for_stmt(Parser *p);
void *invalid_def_raw(Parser *p);
void *invalid_class_def_raw(Parser *p);
void *invalid_double_starred_kvpairs(Parser *p);
void *invalid_kvpair(Parser *p);

// literals (parse_string.c)
KaaAst *concatenate_strings(Parser *p, PToken **toks, int n);
KaaAst *make_number(Parser *p, PToken *t);
KaaAst *parse_fstring_expr(Parser *p, PToken *t, const char *expr_start, const char *expr_end);

// The sub-parser for an f-string expression "(expr)" (parser.c).
KaaAst *kaa_parse_fstring_expr(Parser *parent, const char *str, size_t len, int lineno,
                               int col_offset);

#endif
