// parse/parser.h — the parser's internal interface, shared by parser.c and the parse_*.inc
// files it includes (all of its functions are static).
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

static void vec_push(Parser *p, Vec *v, void *item);
static KaaAstSeq *vec_seq(Parser *p, Vec *v);       // copies into a node sequence
static KaaAstSeq *seq1(Parser *p, KaaAst *item);    // a sequence of one
static KaaAstSeq *seq_empty(Parser *p);
static KaaAstSeq *seq_prepend(Parser *p, KaaAst *item, KaaAstSeq *rest);  // rest may be NULL

// ---- token access -----------------------------------------------------------------------------
static PToken *peek(Parser *p);                 // the token at mark (filled if needed)
static PToken *expect(Parser *p, int type);     // consumes a token of that type, or NULL
static PToken *expect_forced(Parser *p, int type, const char *what);  // "expected 'what'" if absent
static PToken *expect_soft(Parser *p, const char *kw);  // a NAME spelled kw
static PToken *name_token(Parser *p);           // a NAME that is not a keyword
static int next_is(Parser *p, int type);        // lookahead without consuming

// ---- memo -------------------------------------------------------------------------------------
enum {
    M_EXPRESSION = 1, M_STAR_EXPRESSION, M_DISJUNCTION, M_CONJUNCTION, M_INVERSION, M_FACTOR,
    M_AWAIT_PRIMARY, M_PRIMARY, M_STRINGS, M_ARGUMENTS, M_STAR_TARGET, M_TARGET_WITH_STAR_ATOM,
    M_DEL_TARGET, M_T_PRIMARY, M_BITWISE_OR, M_BITWISE_XOR, M_BITWISE_AND, M_SHIFT_EXPR, M_SUM,
    M_TERM, M_SIMPLE_STMT, M_BLOCK, M_CLOSED_PATTERN, M_STAR_PATTERN, M_DOTTED_NAME,
    M_INVALID_NAMED_EXPRESSION, M_NAME_OR_ATTR, M_SLICES, M_ATOM,
};
static int memo_get(Parser *p, int rule, void **node);
static void memo_put(Parser *p, int rule, int start, void *node);

// ---- nodes ------------------------------------------------------------------------------------
static KaaAst *node_new(Parser *p, KaaAstKind kind, int start_mark);  // positions from the tokens
static KaaAst *node_at(Parser *p, KaaAstKind kind, int lineno, int col, int end_lineno,
                       int end_col);
static KaaAst *name_node(Parser *p, PToken *t, int ctx);
static KaaAst *set_context(Parser *p, KaaAst *e, int ctx);  // copy of e with ctx (Store/Del)
static const char *new_identifier(Parser *p, const char *s, size_t len);  // NFKC for non-ASCII
static KaaAst *empty_arguments(Parser *p);
static const char *expr_name(KaaAst *e);  // "literal", "function call", ... for error messages

// ---- errors (all jump out) --------------------------------------------------------------------
#define CURRENT_POS (-5)
_Noreturn static void raise_error_known(Parser *p, const char *type, int lineno, int col,
                                        int end_lineno, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
_Noreturn static void raise_error(Parser *p, const char *type, int use_mark, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn static void raise_at_node(Parser *p, KaaAst *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn static void raise_range_nodes(Parser *p, KaaAst *a, KaaAst *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn static void raise_at_token(Parser *p, PToken *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
_Noreturn static void raise_range_tokens(Parser *p, PToken *a, PToken *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
_Noreturn static void raise_from_node(Parser *p, KaaAst *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));  // RAISE_SYNTAX_ERROR_STARTING_FROM
_Noreturn static void raise_range_node_token(Parser *p, KaaAst *a, PToken *b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
// An exception other than SyntaxError (UnicodeDecodeError, MemoryError): no location, and the
// second pass and the tokenizer checks are skipped, as CPython skips them.
_Noreturn static void raise_other(Parser *p, const char *type, const char *msg);
static int is_syntax_error(const KaaSyntaxError *err);
#define RAISE_SYNTAX(p, ...) raise_error(p, "SyntaxError", 0, __VA_ARGS__)
#define RAISE_INDENT(p, ...) raise_error(p, "IndentationError", 0, __VA_ARGS__)
enum { TARGETS_STAR, TARGETS_DEL, TARGETS_FOR };
static KaaAst *invalid_target(KaaAst *e, int kind);  // the offending sub-expression, or NULL

// Recursion guard: CPython's parser gives up (MemoryError) past 6000 nested rule calls.
static void enter(Parser *p);
#define LEAVE(p) ((p)->depth--)

// ---- rules used across files ------------------------------------------------------------------
static KaaAst *file_rule(Parser *p);
static KaaAst *interactive_rule(Parser *p);
static KaaAst *eval_rule(Parser *p);
static KaaAst *func_type_rule(Parser *p);
static KaaAst *fstring_rule(Parser *p);

static KaaAstSeq *block(Parser *p);
static KaaAst *expression(Parser *p);
static KaaAst *expression_without_invalid(Parser *p);
static KaaAst *expressions(Parser *p);
static KaaAst *star_expressions(Parser *p);
static KaaAst *star_expression(Parser *p);
static KaaAst *star_named_expression(Parser *p);
static KaaAstSeq *star_named_expressions(Parser *p);
static KaaAst *named_expression(Parser *p);
static KaaAst *assignment_expression(Parser *p);
static KaaAst *yield_expr(Parser *p);
static KaaAst *disjunction(Parser *p);
static KaaAst *bitwise_or(Parser *p);
static KaaAst *primary(Parser *p);
static KaaAst *atom(Parser *p);
static KaaAst *strings(Parser *p);
static KaaAst *number_node(Parser *p);  // NUMBER
static KaaAst *lambdef(Parser *p);
static KaaAst *list_rule(Parser *p);
static KaaAst *tuple_rule(Parser *p);
static KaaAst *genexp(Parser *p);
static KaaAst *starred_expression(Parser *p);
static KaaAst *slices(Parser *p);
static KaaAst *arguments(Parser *p);
static KaaAst *args(Parser *p);
static int call_positionals(Parser *p, Vec *out);
static int call_kwargs(Parser *p, Vec *out);
static KaaAstSeq *for_if_clauses(Parser *p);
static KaaAst *star_targets(Parser *p);
static KaaAst *star_target(Parser *p);
static KaaAst *single_target(Parser *p);
static KaaAst *single_subscript_attribute_target(Parser *p);
static KaaAst *t_primary(Parser *p);
static KaaAstSeq *del_targets(Parser *p);
static KaaAstSeq *type_expressions(Parser *p);
static KaaAst *params(Parser *p);
static KaaAst *lambda_params(Parser *p);
static KaaAst *param_no_default(Parser *p);
static KaaAst *lambda_param_no_default(Parser *p);
static int param_with_default(Parser *p, KaaAst **arg, KaaAst **def);
static int param_maybe_default(Parser *p, KaaAst **arg, KaaAst **def);
static int lambda_param_with_default(Parser *p, KaaAst **arg, KaaAst **def);
static int lambda_param_maybe_default(Parser *p, KaaAst **arg, KaaAst **def);
static KaaAst *param(Parser *p);
static KaaAst *lambda_param(Parser *p);
static int slash_no_default(Parser *p);
static int slash_with_default(Parser *p);
static int lambda_slash_no_default(Parser *p);
static int lambda_slash_with_default(Parser *p);
static KaaAst *patterns(Parser *p);
static KaaAst *pattern(Parser *p);
static KaaAst *or_pattern(Parser *p);
static KaaAst *subject_expr(Parser *p);
static KaaAst *name_or_attr(Parser *p);
static KaaAstSeq *positional_patterns(Parser *p);
static int keyword_patterns(Parser *p, Vec *names, Vec *pats);
static KaaAst *with_item(Parser *p);
static KaaAst *except_block(Parser *p, int star);
static KaaAst *kwarg_or_starred(Parser *p);
static KaaAst *kwarg_or_double_starred(Parser *p);
static KaaAst *import_from_as_names_seq(Parser *p);

// invalid_* rules (parse_invalid.inc): each returns NULL when it does not apply, or raises
static void *invalid_arguments(Parser *p);
static void *invalid_kwarg(Parser *p);
static void *invalid_legacy_expression(Parser *p);
static void *invalid_expression(Parser *p);
static void *invalid_named_expression(Parser *p);
static void *invalid_assignment(Parser *p);
static void *invalid_del_stmt(Parser *p);
static void *invalid_block(Parser *p);
static void *invalid_comprehension(Parser *p);
static void *invalid_dict_comprehension(Parser *p);
static void *invalid_parameters(Parser *p);
static void *invalid_default(Parser *p);
static void *invalid_star_etc(Parser *p);
static void *invalid_kwds(Parser *p);
static void *invalid_lambda_parameters(Parser *p);
static void *invalid_lambda_star_etc(Parser *p);
static void *invalid_lambda_kwds(Parser *p);
static void *invalid_double_type_comments(Parser *p);
static void *invalid_with_item(Parser *p);
static void *invalid_for_target(Parser *p);
static void *invalid_group(Parser *p);
static void *invalid_import_from_targets(Parser *p);
static void *invalid_with_stmt(Parser *p);
static void *invalid_with_stmt_indent(Parser *p);
static void *invalid_try_stmt(Parser *p);
static void *invalid_except_stmt(Parser *p);
static void *invalid_finally_stmt(Parser *p);
static void *invalid_except_stmt_indent(Parser *p);
static void *invalid_except_star_stmt_indent(Parser *p);
static void *invalid_match_stmt(Parser *p);
static void *invalid_case_block(Parser *p);
static void *invalid_as_pattern(Parser *p);
static void *invalid_class_pattern(Parser *p);
static void *invalid_if_stmt(Parser *p);
static void *invalid_elif_stmt(Parser *p);
static void *invalid_else_stmt(Parser *p);
static void *invalid_while_stmt(Parser *p);
static void *invalid_for_stmt(Parser *p);
static void *invalid_def_raw(Parser *p);
static void *invalid_class_def_raw(Parser *p);
static void *invalid_double_starred_kvpairs(Parser *p);
static void *invalid_kvpair(Parser *p);

// literals (parse_string.inc)
static KaaAst *concatenate_strings(Parser *p, PToken **toks, int n);
static KaaAst *make_number(Parser *p, PToken *t);

// The sub-parser for an f-string expression "(expr)" (parser.c).
static KaaAst *parse_fstring_subexpr(Parser *parent, const char *str, size_t len, int lineno,
                                     int col_offset);

#endif
