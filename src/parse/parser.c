// parse/parser.c — the parser's machinery and its entry point kaa_parse.
//
// Stage: parse. Owns token fetching (keywords, type ignores, f-string position shifts), the
// memo, node construction helpers, error raising (longjmp to the parse's entry), and the driver
// that mirrors CPython 3.11's: a first pass, then on failure a second pass with the invalid_*
// rules on, then the choice of the error to report (tokenizer errors found further on win over
// parser errors; an unclosed bracket wins over a later generic error).
// The grammar's rules are in parse_stmt.inc, parse_expr.inc, parse_pattern.inc,
// parse_invalid.inc and parse_string.inc (literals), compiled as part of this file (see the end)
// so that every rule and helper stays static: the parse stage exports only kaa_* symbols.
// Must not: know the grammar itself (the .inc files do).
#include "parse/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAXSTACK 6000

// ---- vectors ----------------------------------------------------------------------------------

// Growable vectors live in the arena like everything else the parser makes: a vector that is
// outgrown is simply abandoned there. That wastes at most as much as it keeps, and it spares
// every rule a cleanup path, which matters because an error may longjmp out of any rule.
static void vec_push(Parser *p, Vec *v, void *item) {
    if (v->len == v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        void **items = kaa_arena_alloc(p->arena, (size_t)cap * sizeof(void *));
        if (v->len) {
            memcpy(items, v->items, (size_t)v->len * sizeof(void *));
        }
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = item;
}

// Sequences live in the arena; a Vec is the growable scratch list they are built from.
static KaaAstSeq *vec_seq(Parser *p, Vec *v) {
    KaaAstSeq *s = kaa_arena_alloc(p->arena, sizeof(KaaAstSeq) + (size_t)v->len * sizeof(KaaAst *));
    s->len = v->len;
    for (int i = 0; i < v->len; i++) {
        s->items[i] = v->items[i];
    }
    return s;
}

// An empty sequence (the AST never holds NULL where CPython has an empty list).
static KaaAstSeq *seq_empty(Parser *p) {
    return kaa_arena_alloc(p->arena, sizeof(KaaAstSeq));
}

// A one-item sequence.
static KaaAstSeq *seq1(Parser *p, KaaAst *item) {
    KaaAstSeq *s = kaa_arena_alloc(p->arena, sizeof(KaaAstSeq) + sizeof(KaaAst *));
    s->len = 1;
    s->items[0] = item;
    return s;
}

// item followed by the items of rest (which may be NULL).
static KaaAstSeq *seq_prepend(Parser *p, KaaAst *item, KaaAstSeq *rest) {
    int n = rest ? rest->len : 0;
    size_t size = sizeof(KaaAstSeq) + (size_t)(n + 1) * sizeof(KaaAst *);
    KaaAstSeq *s = kaa_arena_alloc(p->arena, size);
    s->len = n + 1;
    s->items[0] = item;
    for (int i = 0; i < n; i++) {
        s->items[i + 1] = rest->items[i];
    }
    return s;
}

// ---- errors -----------------------------------------------------------------------------------

// Abandons the parse: the error is already in p->err; the start rule's setjmp catches this.
_Noreturn static void jump(Parser *p) {
    p->error_set = 1;
    longjmp(*p->abort, 1);
}

// Errors carry CPython's SyntaxError fields. CPython's parser computes them from byte columns
// and converts them to characters only when the source declared an encoding (a cookie or a
// BOM); without one it reports byte offsets. Both quirks are reproduced here, since tools and
// tests compare offsets with CPython's.
// The 1-based character offset of 1-based byte offset `col` in `line`, as CPython converts
// positions (only when the source declared an encoding; otherwise bytes are reported).
static int char_offset(Parser *p, const char *line, size_t line_len, int col) {
    if (!p->encoding || col <= 0 || !line) {
        return col;
    }
    size_t n = (size_t)col;
    if (n > line_len + 1) {
        n = line_len + 1;
    }
    if (n > line_len) {
        return kaa_tok_char_count(line, line_len) + (int)(n - line_len);
    }
    return kaa_tok_char_count(line, n);
}

// The line of text an error at `lineno` shows: from the source, or for an f-string expression
// the tokenizer's current line.
static void error_line(Parser *p, int lineno, const char **ls, size_t *len) {
    const char *s, *e;
    *ls = NULL;
    *len = 0;
    if (p->start_rule == START_FSTRING) {
        // The tokenizer's current line, or that line of the expression's text.
        if (p->tok->lineno <= lineno) {
            s = p->tok->line_start;
            e = p->tok->inp > s ? p->tok->inp : p->tok->end;
        } else if (!kaa_tok_find_line(p->text, p->text_end, lineno - p->starting_lineno + 1, &s,
                                      &e)) {
            return;
        }
        *ls = s;
        *len = (size_t)(e - s);
        return;
    }
    if (kaa_tok_find_line(p->text, p->text_end, lineno, &s, &e)) {
        *ls = s;
        *len = (size_t)(e - s);
    }
}

// All error raising ends here. Errors in an f-string expression's sub-parser are reported
// relative to the "(expr)" text (CPython subtracts the column shift again) and get the
// "f-string: " prefix, as CPython's _PyPegen_raise_error_known_location does.
static void raise_v(Parser *p, const char *type, int lineno, int col, int end_lineno,
                    int end_col, const char *fmt, va_list ap) {
    KaaSyntaxError *err = p->err;
    memset(err, 0, sizeof *err);
    err->type = type;
    char msg[sizeof err->msg];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (p->start_rule == START_FSTRING) {
        snprintf(err->msg, sizeof err->msg, "f-string: %.240s", msg);
        col -= p->starting_col_offset;
        end_col -= p->starting_col_offset;
    } else {
        snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
    if (end_lineno == CURRENT_POS) {
        end_lineno = p->tok->lineno;
    }
    if (end_col == CURRENT_POS) {
        end_col = (int)(p->tok->cur - p->tok->line_start);
    }
    const char *ls;
    size_t len;
    error_line(p, lineno, &ls, &len);
    err->lineno = lineno;
    err->end_lineno = end_lineno;
    err->offset = char_offset(p, ls, len, col);
    err->end_offset = end_col > 0 ? char_offset(p, ls, len, end_col) : end_col;
    // CPython always has a line for the parser's errors, empty when there is none.
    err->text = ls ? kaa_arena_strndup(p->arena, ls, len) : kaa_arena_strndup(p->arena, "", 0);
    jump(p);
}

// RAISE_ERROR_KNOWN_LOCATION: byte columns, 0-based; converted to 1-based here.
_Noreturn static void raise_error_known(Parser *p, const char *type, int lineno, int col,
                                        int end_lineno, int end_col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    raise_v(p, type, lineno, col == CURRENT_POS ? col : col + 1, end_lineno,
            end_col == CURRENT_POS ? end_col : end_col + 1, fmt, ap);
    va_end(ap);
    abort();
}

// RAISE_SYNTAX_ERROR / RAISE_INDENTATION_ERROR: at the last token read.
_Noreturn static void raise_error(Parser *p, const char *type, int use_mark, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    (void)use_mark;
    if (p->fill == 0) {
        raise_v(p, type, 0, 0, 0, -1, fmt, ap);
    }
    PToken *t = p->known_err_token ? p->known_err_token : p->tokens[p->fill - 1];
    int col, end_col = -1;
    if (t->col_offset == -1) {
        col = (int)(p->tok->cur - p->tok->line_start);
        if (p->tok->cur == p->tok->buf_start) {
            col = 0;
        }
    } else {
        col = t->col_offset + 1;
    }
    if (t->end_col_offset != -1) {
        end_col = t->end_col_offset + 1;
    }
    raise_v(p, type, t->lineno, col, t->end_lineno, end_col, fmt, ap);
    va_end(ap);
    abort();
}

#define RAISE_BODY(lineno, col, end_lineno, end_col)                                              \
    va_list ap;                                                                                   \
    va_start(ap, fmt);                                                                            \
    raise_v(p, "SyntaxError", lineno, (col) + 1, end_lineno, (end_col) + 1, fmt, ap);             \
    va_end(ap);                                                                                   \
    abort()

// The RAISE_* helpers mirror CPython's macros: the error's range is taken from nodes or tokens
// (RAISE_SYNTAX_ERROR_KNOWN_LOCATION, _KNOWN_RANGE, _STARTING_FROM ...).
_Noreturn static void raise_at_node(Parser *p, KaaAst *a, const char *fmt, ...) {
    RAISE_BODY(a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
}

_Noreturn static void raise_range_nodes(Parser *p, KaaAst *a, KaaAst *b, const char *fmt, ...) {
    RAISE_BODY(a->lineno, a->col_offset, b->end_lineno, b->end_col_offset);
}

_Noreturn static void raise_at_token(Parser *p, PToken *a, const char *fmt, ...) {
    RAISE_BODY(a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
}

_Noreturn static void raise_range_tokens(Parser *p, PToken *a, PToken *b, const char *fmt, ...) {
    RAISE_BODY(a->lineno, a->col_offset, b->end_lineno, b->end_col_offset);
}

_Noreturn static void raise_range_node_token(Parser *p, KaaAst *a, PToken *b, const char *fmt,
                                             ...) {
    RAISE_BODY(a->lineno, a->col_offset, b->end_lineno, b->end_col_offset);
}

_Noreturn static void raise_from_node(Parser *p, KaaAst *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    raise_v(p, "SyntaxError", a->lineno, a->col_offset + 1, CURRENT_POS, CURRENT_POS, fmt, ap);
    va_end(ap);
    abort();
}

// An error that is not a SyntaxError (MemoryError, UnicodeDecodeError): no position, so the
// tools print only the exception line, as Python's traceback does.
_Noreturn static void raise_other(Parser *p, const char *type, const char *msg) {
    KaaSyntaxError *err = p->err;
    memset(err, 0, sizeof *err);
    err->type = type;
    snprintf(err->msg, sizeof err->msg, "%s", msg);
    err->lineno = -1;
    jump(p);
}

// Whether err is a SyntaxError or one of its subclasses (they carry positions and text).
static int is_syntax_error(const KaaSyntaxError *err) {
    return strcmp(err->type, "SyntaxError") == 0 || strcmp(err->type, "IndentationError") == 0 ||
           strcmp(err->type, "TabError") == 0;
}

// Every recursive rule calls enter/LEAVE: past MAXSTACK levels CPython gives up, and so the
// C stack can never overflow on deeply nested input.
static void enter(Parser *p) {
    if (++p->depth > MAXSTACK) {
        // CPython raises MemoryError (no message) when its parser's stack is exhausted.
        raise_other(p, "MemoryError", "");
    }
}

// The tokenizer stopped with an error: report it as CPython's parser does.
_Noreturn static void unclosed_bracket_error(Parser *p) {
    KaaTokenizer *t = p->tok;
    int lineno = t->parenlinenostack[t->level - 1];
    int col = t->parencolstack[t->level - 1];
    raise_error_known(p, "SyntaxError", lineno, col, lineno, -1, "'%c' was never closed",
                      t->parenstack[t->level - 1]);
}

// The tokenizer stops with one of CPython's E_* codes; each becomes the exception CPython's
// parser raises for it. Most are located at the tokenizer's position, not at a token: an error
// token has no text, so raise_error falls back to the current column.
_Noreturn static void tokenizer_error(Parser *p) {
    KaaTokenizer *t = p->tok;
    const char *msg = NULL, *type = "SyntaxError";
    int col = -1;
    p->error_set = 1;
    switch (t->done) {
    case KAA_TOK_ERROR:
        // The tokenizer's own errors are not prefixed with "f-string: ".
        *p->err = t->err;
        jump(p);
    case KAA_TOK_DECODE:
        // Undecodable identifiers are reported by the parser, at the tokenizer's position.
        RAISE_SYNTAX(p, "%s", t->err.msg);
    case KAA_TOK_EOF:
        if (t->level) {
            unclosed_bracket_error(p);
        }
        RAISE_SYNTAX(p, "unexpected EOF while parsing");
    case KAA_TOK_DEDENT:
        RAISE_INDENT(p, "unindent does not match any outer indentation level");
    case KAA_TOK_TABSPACE:
        type = "TabError";
        msg = "inconsistent use of tabs and spaces in indentation";
        break;
    case KAA_TOK_TOODEEP:
        type = "IndentationError";
        msg = "too many levels of indentation";
        break;
    case KAA_TOK_LINECONT:
        col = (int)(t->cur - t->line_start) - 1;
        msg = "unexpected character after line continuation character";
        break;
    default:
        msg = "unknown parsing error";
    }
    raise_error_known(p, type, t->lineno, col >= 0 ? col : 0, t->lineno, -1, "%s", msg);
}

// ---- tokens -----------------------------------------------------------------------------------

static const char *const keyword_names[] = {
#define X(k) #k,
    KEYWORDS(X)
#undef X
};

// Keywords are recognised when a NAME token is read, as CPython's parser does, so the grammar
// functions compare token types only. Soft keywords (match, case, _) stay NAMEs.
static int keyword_type(const char *s, size_t n) {
    if (n < 2 || n > 8 || s[0] < 'F' || s[0] > 'y') {
        return TOK_NAME;
    }
    for (int i = 0; i < KW_END - KW_BEFORE_FIRST - 1; i++) {
        const char *k = keyword_names[i];
        if (k[0] == s[0] && strlen(k) == n && memcmp(k, s, n) == 0) {
            return KW_BEFORE_FIRST + 1 + i;
        }
    }
    return TOK_NAME;
}

// Records a `# type: ignore[...]` comment; the Module gets them as TypeIgnore nodes.
static void add_type_ignore(Parser *p, int lineno, const char *s, const char *e) {
    if (p->n_type_ignores == p->cap_type_ignores) {
        int cap = p->cap_type_ignores ? p->cap_type_ignores * 2 : 8;
        TypeIgnore *n = kaa_arena_alloc(p->arena, (size_t)cap * sizeof(TypeIgnore));
        if (p->n_type_ignores) {
            memcpy(n, p->type_ignores, (size_t)p->n_type_ignores * sizeof(TypeIgnore));
        }
        p->type_ignores = n;
        p->cap_type_ignores = cap;
    }
    p->type_ignores[p->n_type_ignores].lineno = lineno;
    p->type_ignores[p->n_type_ignores].tag = kaa_arena_strndup(p->arena, s, (size_t)(e - s));
    p->n_type_ignores++;
}

// Reads the next token into the buffer. Tokens are read only when a rule looks at them, and
// the last one read decides where a generic "invalid syntax" is reported, so no rule may look
// further ahead than CPython's grammar does. `# type: ignore` comments are collected here and
// never reach the grammar.
static void fill_token(Parser *p) {
    KaaToken t;
    int type = kaa_tok_next(p->tok, &t);
    while (type == TOK_TYPE_IGNORE) {
        add_type_ignore(p, p->tok->lineno, t.start, t.end);
        type = kaa_tok_next(p->tok, &t);
    }
    if (p->start_rule == START_SINGLE && type == TOK_ENDMARKER && p->parsing_started) {
        // Single mode ends its statement with an implied NEWLINE (and DEDENTs), then ENDMARKER.
        type = TOK_NEWLINE;
        p->parsing_started = 0;
        if (p->tok->indent) {
            p->tok->pendin = -p->tok->indent;
            p->tok->indent = 0;
        }
    } else {
        p->parsing_started = 1;
    }
    if (p->fill == p->size) {
        int size = p->size ? p->size * 2 : 256;
        PToken **tokens = malloc((size_t)size * sizeof(PToken *));
        if (!tokens) {
            abort();
        }
        if (p->fill) {
            memcpy(tokens, p->tokens, (size_t)p->fill * sizeof(PToken *));
        }
        free(p->tokens);
        p->tokens = tokens;
        p->size = size;
    }
    PToken *pt = kaa_arena_alloc(p->arena, sizeof(PToken));
    pt->type = type == TOK_NAME ? keyword_type(t.start, (size_t)(t.end - t.start)) : type;
    pt->start = t.start;
    pt->end = t.end;
    pt->lineno = t.lineno;
    pt->end_lineno = t.end_lineno;
    pt->col_offset = t.col_offset;
    pt->end_col_offset = t.end_col_offset;
    if (p->start_rule == START_FSTRING && p->tok->lineno == p->starting_lineno) {
        // An f-string expression's first line sits inside the string: shift its columns.
        pt->col_offset += p->starting_col_offset;
        pt->end_col_offset += p->starting_col_offset;
    }
    pt->level = t.level;
    p->tokens[p->fill++] = pt;
    if (type == TOK_ERRORTOKEN) {
        tokenizer_error(p);
    }
}

// The token at the mark, read from the tokenizer on first use (tokens are kept for
// backtracking).
static PToken *peek(Parser *p) {
    if (p->mark == p->fill) {
        fill_token(p);
    }
    return p->tokens[p->mark];
}

// Consumes a token of the given type, or returns NULL and leaves the mark.
static PToken *expect(Parser *p, int type) {
    PToken *t = peek(p);
    if (t->type != type) {
        return NULL;
    }
    p->mark++;
    return t;
}

// &&'x' in the grammar: a missing token is an immediate "expected 'x'" error.
static PToken *expect_forced(Parser *p, int type, const char *what) {
    PToken *t = peek(p);
    if (t->type != type) {
        raise_at_token(p, t, "expected '%s'", what);
    }
    p->mark++;
    return t;
}

// A soft keyword (match, case, _) is a NAME with that text.
static PToken *expect_soft(Parser *p, const char *kw) {
    PToken *t = peek(p);
    size_t n = strlen(kw);
    if (t->type != TOK_NAME || (size_t)(t->end - t->start) != n || memcmp(t->start, kw, n) != 0) {
        return NULL;
    }
    p->mark++;
    return t;
}

// NAME; keywords have their own token types, so they never match.
static PToken *name_token(Parser *p) {
    return expect(p, TOK_NAME);
}

// Lookahead &tok without consuming.
static int next_is(Parser *p, int type) {
    return peek(p)->type == type;
}

// ---- memo -------------------------------------------------------------------------------------

// The memo: per token, a short list of (rule, result, end) for the rules CPython memoises.
// Looking a rule up reads the token at mark, as CPython's _PyPegen_is_memoized does. The memo
// is emptied between the two passes; within the second pass, results computed with the
// invalid_* rules switched off (inside expression_without_invalid) are shared with the rest,
// exactly as in CPython.
static int memo_get(Parser *p, int rule, void **node) {
    PToken *t = peek(p);
    for (Memo *m = t->memo; m; m = m->next) {
        if (m->rule == rule) {
            p->mark = m->end;
            *node = m->node;
            return 1;
        }
    }
    return 0;
}

// Stores or updates the result of `rule` at token `start`, with the mark it ended at.
static void memo_put(Parser *p, int rule, int start, void *node) {
    PToken *t = p->tokens[start];
    for (Memo *m = t->memo; m; m = m->next) {
        if (m->rule == rule) {
            m->end = p->mark;
            m->node = node;
            return;
        }
    }
    Memo *m = kaa_arena_alloc(p->arena, sizeof(Memo));
    m->rule = rule;
    m->end = p->mark;
    m->node = node;
    m->next = t->memo;
    t->memo = m;
}

// ---- nodes ------------------------------------------------------------------------------------

// The last token before mark that is not NEWLINE, INDENT, DEDENT or ENDMARKER: where a node
// built from the tokens up to mark ends.
static PToken *last_nonwhitespace(Parser *p) {
    PToken *t = NULL;
    for (int m = p->mark - 1; m >= 0; m--) {
        t = p->tokens[m];
        if (t->type != TOK_ENDMARKER && (t->type < TOK_NEWLINE || t->type > TOK_DEDENT)) {
            break;
        }
    }
    return t;
}

// Node positions follow CPython's EXTRA: the start of the rule's first token, and the end of the
// last token consumed that is not NEWLINE, INDENT, DEDENT or ENDMARKER (so a compound statement
// ends with its last statement's last token).
static KaaAst *node_at(Parser *p, KaaAstKind kind, int lineno, int col, int end_lineno,
                       int end_col) {
    KaaAst *n = kaa_arena_alloc(p->arena, sizeof(KaaAst));
    n->kind = kind;
    n->lineno = lineno;
    n->col_offset = col;
    n->end_lineno = end_lineno;
    n->end_col_offset = end_col;
    return n;
}

// A node spanning from token start_mark to the last token consumed (CPython's EXTRA), skipping
// NEWLINE/INDENT/DEDENT at the end.
static KaaAst *node_new(Parser *p, KaaAstKind kind, int start_mark) {
    PToken *s = p->tokens[start_mark];
    PToken *e = last_nonwhitespace(p);
    return node_at(p, kind, s->lineno, s->col_offset, e ? e->end_lineno : s->lineno,
                   e ? e->end_col_offset : s->col_offset);
}

// Identifiers are NFKC-normalised when not ASCII (PEP 3131), as CPython's _PyPegen_new_identifier
// does; the result is an arena string.
static const char *new_identifier(Parser *p, const char *s, size_t len) {
    int ascii = 1;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            ascii = 0;
            break;
        }
    }
    if (ascii) {
        return kaa_arena_strndup(p->arena, s, len);
    }
    // Identifiers are compared after NFKC normalisation (PEP 3131).
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &norm,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (n < 0) {
        return kaa_arena_strndup(p->arena, s, len);
    }
    const char *r = kaa_arena_strndup(p->arena, (const char *)norm, (size_t)n);
    free(norm);
    return r;
}

// A Name node for a NAME token in the given context.
static KaaAst *name_node(Parser *p, PToken *t, int ctx) {
    KaaAst *n = node_at(p, AST_Name, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset);
    n->v.Name.id = new_identifier(p, t->start, (size_t)(t->end - t->start));
    n->v.Name.ctx = ctx;
    return n;
}

// A copy of the sequence with each element in context ctx (CPython's _PyPegen_set_expr_context
// rebuilds the nodes too, as the originals may be memoised).
static KaaAstSeq *seq_with_context(Parser *p, KaaAstSeq *s, int ctx) {
    if (!s) {
        return NULL;
    }
    KaaAstSeq *r = kaa_arena_alloc(p->arena, sizeof(KaaAstSeq) + (size_t)s->len * sizeof(KaaAst *));
    r->len = s->len;
    for (int i = 0; i < s->len; i++) {
        r->items[i] = set_context(p, s->items[i], ctx);
    }
    return r;
}

// Targets are parsed as expressions by some rules and then given a Store or Del context. Like
// CPython's _PyPegen_set_expr_context this makes new nodes rather than changing the old ones,
// which other (memoised) parses may still hold.
static KaaAst *set_context(Parser *p, KaaAst *e, int ctx) {
    KaaAst *n;
    switch (e->kind) {
    case AST_Name:
    case AST_Attribute:
    case AST_Subscript:
        n = kaa_arena_alloc(p->arena, sizeof(KaaAst));
        *n = *e;
        if (e->kind == AST_Name) {
            n->v.Name.ctx = ctx;
        } else if (e->kind == AST_Attribute) {
            n->v.Attribute.ctx = ctx;
        } else {
            n->v.Subscript.ctx = ctx;
        }
        return n;
    case AST_Tuple:
    case AST_List:
        n = kaa_arena_alloc(p->arena, sizeof(KaaAst));
        *n = *e;
        if (e->kind == AST_Tuple) {
            n->v.Tuple.elts = seq_with_context(p, e->v.Tuple.elts, ctx);
            n->v.Tuple.ctx = ctx;
        } else {
            n->v.List.elts = seq_with_context(p, e->v.List.elts, ctx);
            n->v.List.ctx = ctx;
        }
        return n;
    case AST_Starred:
        n = kaa_arena_alloc(p->arena, sizeof(KaaAst));
        *n = *e;
        n->v.Starred.value = set_context(p, e->v.Starred.value, ctx);
        n->v.Starred.ctx = ctx;
        return n;
    default:
        return e;
    }
}

// `def f():` / `lambda:` have an arguments node with all lists empty and no position.
static KaaAst *empty_arguments(Parser *p) {
    KaaAst *a = node_at(p, AST_arguments, 0, 0, 0, 0);
    a->v.arguments.posonlyargs = seq_empty(p);
    a->v.arguments.args = seq_empty(p);
    a->v.arguments.kwonlyargs = seq_empty(p);
    a->v.arguments.kw_defaults = seq_empty(p);
    a->v.arguments.defaults = seq_empty(p);
    return a;
}

// CPython's _PyPegen_get_expr_name: how error messages name an expression ("cannot assign to
// function call").
static const char *expr_name(KaaAst *e) {
    switch (e->kind) {
    case AST_Attribute: return "attribute";
    case AST_Subscript: return "subscript";
    case AST_Starred: return "starred";
    case AST_Name: return "name";
    case AST_List: return "list";
    case AST_Tuple: return "tuple";
    case AST_Lambda: return "lambda";
    case AST_Call: return "function call";
    case AST_BoolOp:
    case AST_BinOp:
    case AST_UnaryOp: return "expression";
    case AST_GeneratorExp: return "generator expression";
    case AST_Yield:
    case AST_YieldFrom: return "yield expression";
    case AST_Await: return "await expression";
    case AST_ListComp: return "list comprehension";
    case AST_SetComp: return "set comprehension";
    case AST_DictComp: return "dict comprehension";
    case AST_Dict: return "dict literal";
    case AST_Set: return "set display";
    case AST_JoinedStr:
    case AST_FormattedValue: return "f-string expression";
    case AST_Constant:
        switch (e->v.Constant.value.kind) {
        case AST_CONST_NONE: return "None";
        case AST_CONST_FALSE: return "False";
        case AST_CONST_TRUE: return "True";
        case AST_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case AST_Compare: return "comparison";
    case AST_IfExp: return "conditional expression";
    case AST_NamedExpr: return "named expression";
    default: return "unexpected expression";
    }
}

// ---- the driver -------------------------------------------------------------------------------

// CPython parses twice. The first pass uses only the real grammar, so valid code never pays for
// the error rules. When it fails without an error, the second pass runs from the start with the
// invalid_* rules enabled: they recognise common mistakes and raise specialised messages. When
// even that raises nothing, the error is the generic "invalid syntax" at the furthest token the
// first pass read. Errors raised by the parser (not the tokenizer) may still be replaced by a
// tokenizer error further on in the file (check_rest_of_source).
static KaaAst *run_start_rule(Parser *p) {
    switch (p->start_rule) {
    case START_FILE: return file_rule(p);
    case START_EVAL: return eval_rule(p);
    case START_SINGLE: return interactive_rule(p);
    case START_FUNC_TYPE: return func_type_rule(p);
    case START_FSTRING: return fstring_rule(p);
    }
    return NULL;
}

// Runs the start rule under a jump target; returns the tree, or NULL with or without an error.
static KaaAst *protected_parse(Parser *p) {
    jmp_buf jb;
    jmp_buf *saved = p->abort;
    p->abort = &jb;
    KaaAst *volatile res = NULL;
    if (setjmp(jb) == 0) {
        res = run_start_rule(p);
    }
    p->abort = saved;
    return res;
}

// After a parser error, the rest of the source is tokenized: a tokenizer error there replaces
// the parser's error, and an unclosed bracket opened before the error's line does too.
static void check_rest_of_source(Parser *p) {
    KaaSyntaxError saved = *p->err;
    PToken *cur = p->known_err_token ? p->known_err_token : p->tokens[p->fill - 1];
    int err_line = cur->lineno;
    jmp_buf jb;
    jmp_buf *prev = p->abort;
    p->abort = &jb;
    if (setjmp(jb) == 0) {
        for (;;) {
            KaaToken t;
            int type = kaa_tok_next(p->tok, &t);
            if (type == TOK_ERRORTOKEN) {
                KaaTokenizer *tk = p->tok;
                if (tk->done == KAA_TOK_DECODE) {
                    // CPython's tokenizer leaves the codec's UnicodeDecodeError pending, and
                    // here nothing turns it into a SyntaxError as the parsing path does.
                    const char *msg = tk->err.msg;
                    const char *prefix = "(unicode error) ";
                    if (strncmp(msg, prefix, strlen(prefix)) == 0) {
                        msg += strlen(prefix);
                    }
                    raise_other(p, "UnicodeDecodeError", msg);
                }
                if (tk->done == KAA_TOK_ERROR) {
                    tokenizer_error(p);  // replaces the parser's error
                }
                if (tk->level != 0 && err_line > tk->parenlinenostack[tk->level - 1]) {
                    unclosed_bracket_error(p);
                }
                break;  // other tokenizer failures (indentation, EOF) do not count here
            }
            if (type == TOK_ENDMARKER) {
                break;
            }
        }
        *p->err = saved;
    }
    p->abort = prev;
}

// Whether the tokenizer has not reported an error or reached a failed state.
static int tokenizer_ok(Parser *p) {
    return p->tok->done == KAA_TOK_OK;
}

// Resets the memo and turns the invalid_* rules on.
static void prepare_second_pass(Parser *p) {
    for (int i = 0; i < p->fill; i++) {
        p->tokens[i]->memo = NULL;
    }
    p->mark = 0;
    p->call_invalid_rules = 1;
    p->depth = 0;
}

// CPython's _PyPegen_set_syntax_error: the error to report when both passes failed.
static void set_syntax_error(Parser *p, PToken *last) {
    jmp_buf jb;
    jmp_buf *prev = p->abort;
    p->abort = &jb;
    if (setjmp(jb) == 0) {
        if (p->fill == 0) {
            RAISE_SYNTAX(p, "error at start before reading any input");
        }
        if (last->type == TOK_ERRORTOKEN && p->tok->done == KAA_TOK_EOF) {
            if (p->tok->level) {
                unclosed_bracket_error(p);
            }
            RAISE_SYNTAX(p, "unexpected EOF while parsing");
        }
        if (last->type == TOK_INDENT || last->type == TOK_DEDENT) {
            RAISE_INDENT(p, last->type == TOK_INDENT ? "unexpected indent" : "unexpected unindent");
        }
        raise_error_known(p, "SyntaxError", last->lineno, last->col_offset, last->end_lineno,
                          last->end_col_offset, "invalid syntax");
    }
    p->abort = prev;
    if (last->type != TOK_INDENT && last->type != TOK_DEDENT &&
        !(last->type == TOK_ERRORTOKEN && p->tok->done == KAA_TOK_EOF)) {
        check_rest_of_source(p);
    }
}

// Whether anything but blanks and comments follows the one statement of single mode.
// Single mode parses one statement and then checks, on the raw text, that only blanks and
// comments follow it.
static int bad_single_statement(Parser *p) {
    const char *c = p->tok->cur;
    for (;;) {
        while (c < p->tok->end && (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\f')) {
            c++;
        }
        if (c >= p->tok->end) {
            return 0;
        }
        if (*c != '#') {
            return 1;
        }
        while (c < p->tok->end && *c != '\n') {
            c++;
        }
    }
}

// Both passes; returns the tree or NULL with p->err filled.
static KaaAst *run_parser(Parser *p) {
    p->depth = 0;
    KaaAst *res = protected_parse(p);
    if (res) {
        if (p->start_rule == START_SINGLE && bad_single_statement(p)) {
            jmp_buf jb;
            jmp_buf *prev = p->abort;
            p->abort = &jb;
            if (setjmp(jb) == 0) {
                RAISE_SYNTAX(p, "multiple statements found while compiling a single statement");
            }
            p->abort = prev;
            return NULL;
        }
        return res;
    }
    if (p->error_set) {
        // An error raised in the first pass (tokenizer, strings, forced tokens) stands; a
        // parser-made one may still be replaced by a tokenizer error further on.
        if (tokenizer_ok(p) && is_syntax_error(p->err)) {
            check_rest_of_source(p);
        }
        return NULL;
    }
    PToken *last = p->tokens[p->fill - 1];
    prepare_second_pass(p);
    protected_parse(p);
    if (p->error_set) {
        if (tokenizer_ok(p) && is_syntax_error(p->err)) {
            check_rest_of_source(p);
        }
        return NULL;
    }
    set_syntax_error(p, last);
    return NULL;
}

static void parser_init(Parser *p, KaaArena *arena, KaaTokenizer *tok, StartRule rule, int flags,
                        KaaSyntaxError *err) {
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->tok = tok;
    p->start_rule = rule;
    p->flags = flags;
    p->err = err;
}

// An f-string's replacement field is parsed by a new parser on the text "(expr)", with its
// own tokenizer whose line numbers continue the file's and whose first line is shifted to the
// field's column. Its errors propagate to the parent parser.
static KaaAst *parse_fstring_subexpr(Parser *parent, const char *str, size_t len, int lineno,
                                     int col_offset) {
    KaaTokenizer tok;
    kaa_tok_init(&tok, parent->arena, str, len, lineno - 1, 0);
    Parser p;
    parser_init(&p, parent->arena, &tok, START_FSTRING, parent->flags, parent->err);
    p.encoding = parent->encoding;
    p.text = str;
    p.text_end = str + len;
    p.starting_lineno = lineno;
    p.starting_col_offset = col_offset;
    KaaAst *res = run_parser(&p);
    free(p.tokens);
    if (!res && strcmp(parent->err->type, "UnicodeDecodeError") == 0) {
        // CPython turns a codec error pending after the field's parse into a SyntaxError of
        // the enclosing string, without the "f-string: " prefix.
        char msg[sizeof parent->err->msg];
        snprintf(msg, sizeof msg, "%s", parent->err->msg);
        RAISE_SYNTAX(parent, "(unicode error) %s", msg);
    }
    if (!res) {
        jump(parent);
    }
    return res;
}

// The grammar's start rule for a compile mode.
static StartRule start_rule_for(KaaParseMode mode) {
    switch (mode) {
    case KAA_PARSE_EVAL: return START_EVAL;
    case KAA_PARSE_SINGLE: return START_SINGLE;
    case KAA_PARSE_FUNC_TYPE: return START_FUNC_TYPE;
    default: return START_FILE;
    }
}

KaaAst *kaa_parse(KaaArena *arena, const char *source, size_t len, const char *filename,
                  KaaParseMode mode, int flags, KaaSyntaxError *err) {
    (void)filename;
    KaaSource src;
    // Only a module gets a final newline; other modes see the text as it is (CPython 3.11).
    int add_newline = mode == KAA_PARSE_EXEC;
    if (kaa_tok_decode(arena, source, len, flags, add_newline, &src, err) < 0) {
        return NULL;
    }
    KaaTokenizer *tok = kaa_arena_alloc(arena, sizeof(KaaTokenizer));
    kaa_tok_init(tok, arena, src.text, src.len, 0, (flags & KAA_PARSE_TYPE_COMMENTS) != 0);
    Parser p;
    parser_init(&p, arena, tok, start_rule_for(mode), flags, err);
    p.encoding = src.encoding;
    p.text = src.text;
    p.text_end = src.text + src.len;
    KaaAst *res = run_parser(&p);
    free(p.tokens);
    return res;
}

// ---- the grammar ------------------------------------------------------------------------------
// One translation unit: the rule files use only what this file includes, and their static
// names do not collide.
#include "parse/parse_stmt.inc"
#include "parse/parse_expr.inc"
#include "parse/parse_pattern.inc"
#include "parse/parse_invalid.inc"
#include "parse/parse_string.inc"
