// parse/tokenizer.c — the tokenizer the parser reads from.
//
// Stage: parse. Owns the lexical rules of Python 3.11 as CPython's C tokenizer applies them:
// indentation (INDENT/DEDENT, TabError, IndentationError), logical lines (NEWLINE only outside
// brackets and after non-blank lines), continuation lines, numbers, strings (the whole literal
// as one token; its contents are decoded later by parse_string.inc), identifiers (NFKC and XID
// checks), operators, type comments, and the errors with CPython's messages and positions.
// Must not: decode source bytes (tok_decode.c does), build AST, or longjmp.
#include "parse/tokenizer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse/unidata.h"

#define EOF_CHAR (-1)
#define TABSIZE 8
#define ALTTABSIZE 1

const char *const kaa_tok_names[TOK_COUNT] = {
#define TOKEN(name, text) #name,
#include "parse/token.def"
#undef TOKEN
};

const char *const kaa_tok_texts[TOK_COUNT] = {
#define TOKEN(name, text) text,
#include "parse/token.def"
#undef TOKEN
};

// Linear search is fine: operators are matched only after the one- to three-character
// candidates were built, and the table is small.
int kaa_tok_operator(const char *s, size_t len) {
    for (int t = 0; t < TOK_COUNT; t++) {
        const char *text = kaa_tok_texts[t];
        if (text && strlen(text) == len && memcmp(text, s, len) == 0) {
            return t;
        }
    }
    return TOK_OP;
}

// ---- errors -----------------------------------------------------------------------------------

int kaa_tok_find_line(const char *text, const char *text_end, int lineno, const char **start,
                      const char **end) {
    const char *p = text;
    for (int l = 1; l < lineno; l++) {
        const char *nl = memchr(p, '\n', (size_t)(text_end - p));
        if (!nl) {
            return 0;
        }
        p = nl + 1;
    }
    if (lineno < 1) {
        return 0;
    }
    const char *nl = memchr(p, '\n', (size_t)(text_end - p));
    *start = p;
    *end = nl ? nl + 1 : text_end;
    return 1;
}

static void set_error_v(KaaArena *arena, KaaSyntaxError *err, const char *type, int lineno,
                        int offset, int end_lineno, int end_offset, const char *line,
                        size_t line_len, const char *fmt, va_list ap) {
    memset(err, 0, sizeof *err);
    err->type = type;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    err->lineno = lineno;
    err->offset = offset;
    err->end_lineno = end_lineno;
    err->end_offset = end_offset;
    if (line) {
        err->text = kaa_arena_strndup(arena, line, line_len);
    }
}

void kaa_tok_set_error(KaaTokenizer *tok, KaaSyntaxError *err, const char *type, int lineno,
                       int col, int end_lineno, int end_col, const char *fmt, ...) {
    const char *ls = NULL, *le = NULL;
    size_t len = 0;
    int offset = 0, end_offset = 0;
    if (kaa_tok_find_line(tok->buf_start, tok->end, lineno, &ls, &le)) {
        len = (size_t)(le - ls);
        if (col >= 0) {
            offset = kaa_tok_char_count(ls, (size_t)col < len ? (size_t)col : len) + 1;
        }
        if (end_col >= 0) {
            end_offset = kaa_tok_char_count(ls, (size_t)end_col < len ? (size_t)end_col : len) + 1;
        }
    }
    va_list ap;
    va_start(ap, fmt);
    set_error_v(tok->arena, err, type, lineno, offset, end_lineno, end_offset, ls, len, fmt, ap);
    va_end(ap);
}

// CPython's tokenizer syntaxerror(): the offset is the number of characters from the start of
// the line to the current position (col_offset < 0), or the given byte range.
static int syntax_error_range(KaaTokenizer *tok, int col, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

// Sets a SyntaxError for the current line. col < 0 means "at the tokenizer's position", which
// is how CPython's tokenizer reports most errors; offsets count characters, not bytes.
static int syntax_error_range(KaaTokenizer *tok, int col, int end_col, const char *fmt, ...) {
    const char *ls = tok->line_start;
    const char *nl = memchr(ls, '\n', (size_t)(tok->end - ls));
    size_t line_len = nl ? (size_t)(nl - ls) : (size_t)(tok->end - ls);
    int offset, end_offset;
    if (col < 0) {
        offset = kaa_tok_char_count(ls, (size_t)(tok->cur - ls));
        end_offset = offset;
    } else {
        offset = col;
        end_offset = end_col;
    }
    // The line is kept without its newline, as CPython's tokenizer errors keep it.
    va_list ap;
    va_start(ap, fmt);
    set_error_v(tok->arena, &tok->err, "SyntaxError", tok->lineno, offset, tok->lineno,
                end_offset, ls, line_len, fmt, ap);
    va_end(ap);
    tok->done = KAA_TOK_ERROR;
    return TOK_ERRORTOKEN;
}

#define syntax_error(tok, ...) syntax_error_range(tok, -1, -1, __VA_ARGS__)

// ---- characters -------------------------------------------------------------------------------

// The tokenizer reads the decoded text line by line, as CPython's does with string input:
// `cur` runs over the current line, `inp` is its end, and reaching `inp` reads the next line
// (lineno counts lines read). At the end of input `cur` stays at the end of the last line, which
// is where CPython reports errors found there.
void kaa_tok_init(KaaTokenizer *tok, KaaArena *arena, const char *text, size_t len, int lineno,
                  int type_comments) {
    memset(tok, 0, sizeof *tok);
    tok->arena = arena;
    tok->buf_start = tok->cur = tok->inp = tok->line_start = text;
    tok->multi_line_start = text;
    tok->end = text + len;
    tok->lineno = lineno;
    tok->atbol = 1;
    tok->type_comments = type_comments;
}

// The next character, reading the next line when the current one is used up.
static int nextc(KaaTokenizer *tok) {
    if (tok->cur != tok->inp) {
        return (unsigned char)*tok->cur++;
    }
    if (tok->done != KAA_TOK_OK) {
        return EOF_CHAR;
    }
    if (tok->inp >= tok->end) {
        tok->done = KAA_TOK_EOF;
        tok->cur = tok->inp;
        return EOF_CHAR;
    }
    const char *nl = memchr(tok->inp, '\n', (size_t)(tok->end - tok->inp));
    tok->line_start = tok->cur = tok->inp;
    tok->inp = nl ? nl + 1 : tok->end;
    tok->lineno++;
    return (unsigned char)*tok->cur++;
}

// Puts back the character nextc returned (nothing to undo at the end of input).
static void backup(KaaTokenizer *tok, int c) {
    if (c != EOF_CHAR) {
        tok->cur--;
    }
}

static int is_digit(int c) {
    return c >= '0' && c <= '9';
}

static int is_xdigit(int c) {
    return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

static int is_id_start(int c) {
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '_' || c >= 128;
}

static int is_id_char(int c) {
    return is_id_start(c) || is_digit(c);
}

// ---- identifiers ------------------------------------------------------------------------------

// Checks the identifier [start, cur) holding non-ASCII bytes: valid UTF-8, XID_Start then
// XID_Continue characters (CPython checks the characters as written, before NFKC).
static int verify_identifier(KaaTokenizer *tok, const char *start) {
    size_t n = (size_t)(tok->cur - start);
    char msg[200];
    if (kaa_tok_utf8_check(start, n, msg, sizeof msg) >= 0) {
        // CPython reports it at the tokenizer's position: the offset is the byte count up to
        // the end of the identifier.
        kaa_tok_set_error(tok, &tok->err, "SyntaxError", tok->lineno, -1, tok->lineno, -1,
                          "(unicode error) %s", msg);
        tok->err.offset = (int)(tok->cur - tok->line_start);
        tok->done = KAA_TOK_DECODE;
        return 0;
    }
    size_t i = 0;
    int first = 1;
    while (i < n) {
        uint32_t cp;
        int len = kaa_tok_utf8_decode(start + i, n - i, &cp);
        int ok = first ? (cp == '_' || kaa_unidata_is_xid_start(cp))
                       : kaa_unidata_is_xid_continue(cp);
        if (!ok) {
            tok->cur = start + i + len;
            if (kaa_unidata_is_printable(cp)) {
                syntax_error(tok, "invalid character '%.*s' (U+%04X)", len, start + i, cp);
            } else {
                syntax_error(tok, "invalid non-printable character U+%04X", cp);
            }
            return 0;
        }
        first = 0;
        i += (size_t)len;
    }
    return 1;
}

// ---- numbers ----------------------------------------------------------------------------------

// ---- numbers (continued) -----------------------------------------------------------------------
// Number literals are checked while they are read: misplaced underscores, digits out of range
// for the base and leading zeros are errors here, with CPython's messages and positions.
// Reads more digits (with single underscores between them); returns the first other character
// or 0 after an error.
static int decimal_tail(KaaTokenizer *tok) {
    int c;
    for (;;) {
        do {
            c = nextc(tok);
        } while (is_digit(c));
        if (c != '_') {
            break;
        }
        c = nextc(tok);
        if (!is_digit(c)) {
            backup(tok, c);
            syntax_error(tok, "invalid decimal literal");
            return 0;
        }
    }
    return c;
}

// True when the characters after the current position are `s` and then no name character
// (the caller restores the position; the current line always ends in '\n' or a bracket, so this
// never reads past it).
static int lookahead(KaaTokenizer *tok, const char *s) {
    const char *p = tok->cur;
    for (; *s; s++, p++) {
        if (p >= tok->inp || *p != *s) {
            return 0;
        }
    }
    return p >= tok->inp || !is_id_char((unsigned char)*p);
}

// A number must not run into a name: "1if" is accepted (with a warning in CPython) only before
// the keywords that can follow a number in valid code; "1abc" is an error.
static int verify_end_of_number(KaaTokenizer *tok, int c, const char *kind) {
    int r = 0;
    const char *save = tok->cur;
    if (c == 'a') {
        r = lookahead(tok, "nd");
    } else if (c == 'e') {
        r = lookahead(tok, "lse");
    } else if (c == 'f') {
        r = lookahead(tok, "or");
    } else if (c == 'i') {
        int c2 = tok->cur < tok->inp ? (unsigned char)*tok->cur : EOF_CHAR;
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
    } else if (c == 'o') {
        r = lookahead(tok, "r");
    } else if (c == 'n') {
        r = lookahead(tok, "ot");
    }
    tok->cur = save;
    if (r) {
        return 1;
    }
    // Only ASCII letters make the literal invalid; "2Δ" is a number and a name.
    if (c < 128 && is_id_char(c)) {
        backup(tok, c);
        syntax_error(tok, "invalid %s literal", kind);
        return 0;
    }
    return 1;
}

// Digits of a 0x/0o/0b literal after its prefix; `kind` names it in errors.
static int radix_digits(KaaTokenizer *tok, int radix, const char *kind) {
    int c = nextc(tok);
    do {
        if (c == '_') {
            c = nextc(tok);
        }
        int ok = radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix);
        if (!ok) {
            if (radix != 16 && is_digit(c)) {
                syntax_error(tok, "invalid digit '%c' in %s literal", c, kind);
                return 0;
            }
            backup(tok, c);
            syntax_error(tok, "invalid %s literal", kind);
            return 0;
        }
        do {
            c = nextc(tok);
        } while (radix == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + radix));
    } while (c == '_');
    if (radix != 16 && is_digit(c)) {
        syntax_error(tok, "invalid digit '%c' in %s literal", c, kind);
        return 0;
    }
    if (!verify_end_of_number(tok, c, kind)) {
        return 0;
    }
    backup(tok, c);
    return 1;
}

// The fraction, exponent and imaginary suffix of a decimal number; c is the character after
// the integer part (or after the '.' when frac is set).
static int number_tail(KaaTokenizer *tok, int c, int frac) {
    if (c == '.' && !frac) {
        c = nextc(tok);
        frac = 1;
    }
    if (frac && is_digit(c)) {
        c = decimal_tail(tok);
        if (c == 0) {
            return 0;
        }
    }
    if (c == 'e' || c == 'E') {
        int e = c;
        c = nextc(tok);
        if (c == '+' || c == '-') {
            c = nextc(tok);
            if (!is_digit(c)) {
                backup(tok, c);
                syntax_error(tok, "invalid decimal literal");
                return 0;
            }
        } else if (!is_digit(c)) {
            backup(tok, c);
            if (!verify_end_of_number(tok, e, "decimal")) {
                return 0;
            }
            backup(tok, e);
            return 1;
        }
        c = decimal_tail(tok);
        if (c == 0) {
            return 0;
        }
    }
    if (c == 'j' || c == 'J') {
        c = nextc(tok);
        if (!verify_end_of_number(tok, c, "imaginary")) {
            return 0;
        }
    } else if (!verify_end_of_number(tok, c, "decimal")) {
        return 0;
    }
    backup(tok, c);
    return 1;
}

// A number starting with '0': 0x/0o/0b, zeros, or a float; old-style octal is an error.
static int zero_number(KaaTokenizer *tok, const char *start) {
    int c = nextc(tok);
    if (c == 'x' || c == 'X') {
        return radix_digits(tok, 16, "hexadecimal");
    }
    if (c == 'o' || c == 'O') {
        return radix_digits(tok, 8, "octal");
    }
    if (c == 'b' || c == 'B') {
        return radix_digits(tok, 2, "binary");
    }
    int nonzero = 0;
    for (;;) {
        if (c == '_') {
            c = nextc(tok);
            if (!is_digit(c)) {
                backup(tok, c);
                syntax_error(tok, "invalid decimal literal");
                return 0;
            }
        }
        if (c != '0') {
            break;
        }
        c = nextc(tok);
    }
    const char *zeros_end = tok->cur;
    if (is_digit(c)) {
        nonzero = 1;
        c = decimal_tail(tok);
        if (c == 0) {
            return 0;
        }
    }
    if (c == '.' || c == 'e' || c == 'E' || c == 'j' || c == 'J') {
        return number_tail(tok, c, 0);
    }
    if (nonzero) {
        backup(tok, c);
        int col = kaa_tok_char_count(tok->line_start, (size_t)(start - tok->line_start)) + 1;
        int end = kaa_tok_char_count(tok->line_start, (size_t)(zeros_end - tok->line_start));
        syntax_error_range(tok, col, end,
                           "leading zeros in decimal integer literals are not permitted; use an "
                           "0o prefix for octal integers");
        return 0;
    }
    if (!verify_end_of_number(tok, c, "decimal")) {
        return 0;
    }
    backup(tok, c);
    return 1;
}

// ---- strings ----------------------------------------------------------------------------------

// A string literal is one token, however many lines it spans; its contents (escapes, f-string
// fields) are interpreted later by the parser. An unterminated literal is reported at its
// opening quote, saying on which line the tokenizer noticed it.
// The rest of a string literal after its opening quote character.
static int string_body(KaaTokenizer *tok, int quote, const char *start) {
    int quote_size = 1, end_quote_size = 0;
    tok->first_lineno = tok->lineno;
    tok->multi_line_start = tok->line_start;
    int c = nextc(tok);
    if (c == quote) {
        c = nextc(tok);
        if (c == quote) {
            quote_size = 3;
        } else {
            end_quote_size = 1;  // the empty string
        }
    }
    if (c != quote) {
        backup(tok, c);
    }
    while (end_quote_size != quote_size) {
        c = nextc(tok);
        if (c == EOF_CHAR || (quote_size == 1 && c == '\n')) {
            // Report from the opening quote, on the line where the string began.
            tok->cur = start + 1;
            tok->line_start = tok->multi_line_start;
            int detected = tok->lineno;
            tok->lineno = tok->first_lineno;
            if (quote_size == 3) {
                syntax_error(tok, "unterminated triple-quoted string literal (detected at line %d)",
                             detected);
            } else {
                syntax_error(tok, "unterminated string literal (detected at line %d)", detected);
            }
            return 0;
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\') {
                nextc(tok);
            }
        }
    }
    return 1;
}

// ---- comments ---------------------------------------------------------------------------------

// Type comments are recognised only when asked for (ast.parse(type_comments=True), the ast
// tool's default). "# type: ignore" followed by anything but a letter or digit is an ignore
// comment; any other "# type:" comment is a TYPE_COMMENT token that the grammar must accept.
// After a comment [start, cur): a type comment ("# type: ...") gives TYPE_COMMENT, or
// TYPE_IGNORE for "# type: ignore..." ; anything else gives -1.
static int type_comment(KaaTokenizer *tok, const char *start, int c, int blankline,
                        const char **ps, const char **pe) {
    static const char prefix[] = "# type: ";
    const char *p = start, *pre = prefix;
    while (*pre && p < tok->cur) {
        if (*pre == ' ') {
            while (*p == ' ' || *p == '\t') {
                p++;
            }
        } else if (*pre == *p) {
            p++;
        } else {
            break;
        }
        pre++;
    }
    if (*pre) {
        return -1;
    }
    backup(tok, c);  // keep the newline
    const char *ignore_end = p + 6;
    int is_ignore = tok->cur >= ignore_end && memcmp(p, "ignore", 6) == 0 &&
                    !(tok->cur > ignore_end &&
                      ((unsigned char)ignore_end[0] >= 128 ||
                       is_digit(ignore_end[0]) || ((ignore_end[0] | 32) >= 'a' &&
                                                   (ignore_end[0] | 32) <= 'z')));
    if (is_ignore) {
        *ps = ignore_end;
        *pe = tok->cur;
        if (blankline) {
            // A type: ignore alone on its line swallows the line's newline too.
            nextc(tok);
            tok->atbol = 1;
        }
        return TOK_TYPE_IGNORE;
    }
    *ps = p;
    *pe = tok->cur;
    return TOK_TYPE_COMMENT;
}

// ---- indentation ------------------------------------------------------------------------------

// Inconsistent use of tabs and spaces: the parser turns this state into TabError.
static int indent_error(KaaTokenizer *tok) {
    tok->done = KAA_TOK_TABSPACE;
    tok->cur = tok->inp;
    return TOK_ERRORTOKEN;
}

// A backslash at the start of a line continues it; anything but a newline after it is an error.
static int continuation_line(KaaTokenizer *tok) {
    int c = nextc(tok);
    if (c != '\n') {
        tok->done = KAA_TOK_LINECONT;
        return -1;
    }
    c = nextc(tok);
    if (c == EOF_CHAR) {
        tok->done = KAA_TOK_EOF;
        tok->cur = tok->inp;
        return -1;
    }
    backup(tok, c);
    return c;
}

// Reads the blanks that start a line into *col (tabs to multiples of 8) and *altcol (tabs as
// one column): the two must agree on every comparison, or tabs and spaces are mixed
// inconsistently. Returns the first other character (EOF_CHAR at the end), or -2 after an
// error.
static int read_indentation(KaaTokenizer *tok, int *col, int *altcol) {
    int cont_line_col = 0, c;
    *col = *altcol = 0;
    for (;;) {
        c = nextc(tok);
        if (c == ' ') {
            (*col)++;
            (*altcol)++;
        } else if (c == '\t') {
            *col = (*col / TABSIZE + 1) * TABSIZE;
            *altcol = (*altcol / ALTTABSIZE + 1) * ALTTABSIZE;
        } else if (c == '\f') {
            *col = *altcol = 0;  // a form feed resets the column, as in Emacs
        } else if (c == '\\') {
            // The first backslash decides the indentation of what the line continues into.
            cont_line_col = cont_line_col ? cont_line_col : *col;
            if ((c = continuation_line(tok)) == -1) {
                return -2;
            }
        } else {
            break;
        }
    }
    if (cont_line_col) {
        *col = *altcol = cont_line_col;
    }
    return c;
}

// Compares the line's indentation with the stack and queues INDENT or DEDENT tokens.
static int update_indent_stack(KaaTokenizer *tok, int col, int altcol) {
    if (col == tok->indstack[tok->indent]) {
        if (altcol != tok->altindstack[tok->indent]) {
            return indent_error(tok);
        }
    } else if (col > tok->indstack[tok->indent]) {
        if (tok->indent + 1 >= KAA_TOK_MAXINDENT) {
            tok->done = KAA_TOK_TOODEEP;
            tok->cur = tok->inp;
            return TOK_ERRORTOKEN;
        }
        if (altcol <= tok->altindstack[tok->indent]) {
            return indent_error(tok);
        }
        tok->pendin++;
        tok->indent++;
        tok->indstack[tok->indent] = col;
        tok->altindstack[tok->indent] = altcol;
    } else {
        while (tok->indent > 0 && col < tok->indstack[tok->indent]) {
            tok->pendin--;
            tok->indent--;
        }
        if (col != tok->indstack[tok->indent]) {
            tok->done = KAA_TOK_DEDENT;
            tok->cur = tok->inp;
            return TOK_ERRORTOKEN;
        }
        if (altcol != tok->altindstack[tok->indent]) {
            return indent_error(tok);
        }
    }
    return 0;
}

// Measures the indentation at the beginning of a line and queues INDENT/DEDENT tokens.
// Returns TOK_ERRORTOKEN on an error, 1 when the line is blank, 0 otherwise.
static int measure_indent(KaaTokenizer *tok) {
    int col, altcol;
    tok->atbol = 0;
    int c = read_indentation(tok, &col, &altcol);
    if (c == -2) {
        return TOK_ERRORTOKEN;
    }
    backup(tok, c);
    // Blank and comment-only lines do not affect indentation, nor do lines inside brackets.
    int blankline = (c == '#' || c == '\n');
    if (blankline || tok->level != 0) {
        return blankline;
    }
    return update_indent_stack(tok, col, altcol);
}

// ---- operators and brackets -------------------------------------------------------------------

// The token of a two-character operator, TOK_OP when c1 c2 is not one.
static int two_chars(int c1, int c2) {
    char s[2] = {(char)c1, (char)c2};
    if (c1 == '<' && c2 == '>') {
        return TOK_NOTEQUAL;  // Barry as FLUFL's spelling; the parser rejects it
    }
    return kaa_tok_operator(s, 2);
}

static int three_chars(int c1, int c2, int c3) {
    char s[3] = {(char)c1, (char)c2, (char)c3};
    return kaa_tok_operator(s, 3);
}

static int one_char(int c) {
    char s[1] = {(char)c};
    return kaa_tok_operator(s, 1);
}

// The bracket stack also remembers where each bracket was opened: "'(' was never closed" is
// reported there, and inside brackets newlines and indentation are ignored.
// Keeps the bracket stack; mismatches are errors here, before the parser sees them.
static int track_brackets(KaaTokenizer *tok, int c, const char *start) {
    if (c == '(' || c == '[' || c == '{') {
        if (tok->level >= KAA_TOK_MAXLEVEL) {
            syntax_error(tok, "too many nested parentheses");
            return 0;
        }
        tok->parenstack[tok->level] = (char)c;
        tok->parenlinenostack[tok->level] = tok->lineno;
        tok->parencolstack[tok->level] = (int)(start - tok->line_start);
        tok->level++;
    } else if (c == ')' || c == ']' || c == '}') {
        if (!tok->level) {
            syntax_error(tok, "unmatched '%c'", c);
            return 0;
        }
        tok->level--;
        int open = tok->parenstack[tok->level];
        if (!((open == '(' && c == ')') || (open == '[' && c == ']') ||
              (open == '{' && c == '}'))) {
            if (tok->parenlinenostack[tok->level] != tok->lineno) {
                syntax_error(tok,
                             "closing parenthesis '%c' does not match opening parenthesis '%c' "
                             "on line %d",
                             c, open, tok->parenlinenostack[tok->level]);
            } else {
                syntax_error(tok,
                             "closing parenthesis '%c' does not match opening parenthesis '%c'",
                             c, open);
            }
            return 0;
        }
    }
    return 1;
}

// ---- the tokenizer ----------------------------------------------------------------------------

// A name, or a string literal with a prefix; c is its first character.
static int name_or_prefixed_string(KaaTokenizer *tok, int c, const char *start) {
    int saw_b = 0, saw_r = 0, saw_u = 0, saw_f = 0;
    for (;;) {
        if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
            saw_b = 1;
        } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
            saw_u = 1;
        } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
            saw_r = 1;
        } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
            saw_f = 1;
        } else {
            break;
        }
        c = nextc(tok);
        if (c == '"' || c == '\'') {
            return string_body(tok, c, start) ? TOK_STRING : TOK_ERRORTOKEN;
        }
    }
    int nonascii = 0;
    while (is_id_char(c)) {
        nonascii |= c >= 128;
        c = nextc(tok);
    }
    backup(tok, c);
    if (nonascii && !verify_identifier(tok, start)) {
        return TOK_ERRORTOKEN;
    }
    if (tok->cur - start == 5 && memcmp(start, "async", 5) == 0) {
        return TOK_ASYNC;
    }
    if (tok->cur - start == 5 && memcmp(start, "await", 5) == 0) {
        return TOK_AWAIT;
    }
    return TOK_NAME;
}

// NUMBER: the whole literal, validated as CPython's tokenizer does (underscores, digits of the
// base, exponents, 'j'); the value is converted later by the parser.
static int number(KaaTokenizer *tok, int c, const char *start) {
    int ok;
    if (c == '0') {
        ok = zero_number(tok, start);
    } else {
        c = decimal_tail(tok);
        ok = c != 0 && number_tail(tok, c, 0);
    }
    return ok ? TOK_NUMBER : TOK_ERRORTOKEN;
}

// '.', '...', or a number like ".5".
static int dot(KaaTokenizer *tok) {
    int c = nextc(tok);
    if (is_digit(c)) {
        c = decimal_tail(tok);
        return c != 0 && number_tail(tok, c, 1) ? TOK_NUMBER : TOK_ERRORTOKEN;
    }
    if (c == '.') {
        int c2 = nextc(tok);
        if (c2 == '.') {
            return TOK_ELLIPSIS;
        }
        backup(tok, c2);
    }
    backup(tok, c);
    return TOK_DOT;
}

// Longest match over the one-, two- and three-character operators; the bracket stack is
// updated so that newlines inside brackets are not tokens.
static int operator(KaaTokenizer *tok, int c, const char *start) {
    int c2 = nextc(tok);
    int t = two_chars(c, c2);
    if (t != TOK_OP) {
        int c3 = nextc(tok);
        int t3 = three_chars(c, c2, c3);
        if (t3 != TOK_OP) {
            return t3;
        }
        backup(tok, c3);
        return t;
    }
    backup(tok, c2);
    if (!track_brackets(tok, c, start)) {
        return TOK_ERRORTOKEN;
    }
    if (!kaa_unidata_is_printable((uint32_t)c)) {
        return syntax_error(tok, "invalid non-printable character U+%04X", (unsigned)c);
    }
    return one_char(c);
}

// What token_from asks get() to do instead of returning a token.
enum { READ_AGAIN = -2, READ_NEXT_LINE = -3 };

// A comment: skipped, unless it is a type comment and those are wanted. Returns the token type,
// or -1 with c the character after the comment.
static int comment(KaaTokenizer *tok, const char *start, int *c, int blankline, const char **ps,
                   const char **pe) {
    while (*c != EOF_CHAR && *c != '\n') {
        *c = nextc(tok);
    }
    return tok->type_comments ? type_comment(tok, start, *c, blankline, ps, pe) : -1;
}

// The token that starts with character c at start (not a blank, a comment or the end).
static int token_from(KaaTokenizer *tok, int c, const char *start, int blankline,
                      const char **ps, const char **pe) {
    int t;
    if (is_id_start(c)) {
        t = name_or_prefixed_string(tok, c, start);
    } else if (c == '\n') {
        tok->atbol = 1;
        if (blankline || tok->level > 0) {
            return READ_NEXT_LINE;  // blank lines and lines inside brackets end nothing
        }
        *ps = start;
        *pe = tok->cur - 1;  // the newline itself is not part of the token's text
        tok->cont_line = 0;
        return TOK_NEWLINE;
    } else if (c == '.') {
        t = dot(tok);
    } else if (is_digit(c)) {
        t = number(tok, c, start);
    } else if (c == '\'' || c == '"') {
        t = string_body(tok, c, start) ? TOK_STRING : TOK_ERRORTOKEN;
    } else if (c == '\\') {
        if (continuation_line(tok) == -1) {
            return TOK_ERRORTOKEN;
        }
        tok->cont_line = 1;
        return READ_AGAIN;
    } else {
        t = operator(tok, c, start);
    }
    if (t != TOK_ERRORTOKEN) {
        // Like CPython, an error token carries no text (its position is the tokenizer's).
        *ps = start;
        *pe = tok->cur;
    }
    return t;
}

// The tokenizer's main loop (CPython's tok_get): indentation at the start of a line, then one
// token; comments and blank lines are skipped unless comment-keeping mode asks for them.
static int get(KaaTokenizer *tok, const char **ps, const char **pe) {
    *ps = *pe = NULL;
    for (;;) {
        int blankline = 0;
        if (tok->atbol) {
            blankline = measure_indent(tok);
            if (blankline == TOK_ERRORTOKEN) {
                return TOK_ERRORTOKEN;
            }
        }
        if (tok->pendin != 0) {
            // Queued INDENT/DEDENT tokens come out before anything on the line.
            int t = tok->pendin < 0 ? TOK_DEDENT : TOK_INDENT;
            tok->pendin += tok->pendin < 0 ? 1 : -1;
            return t;
        }
        int t;
        do {
            int c;
            do {
                c = nextc(tok);
            } while (c == ' ' || c == '\t' || c == '\f');
            const char *start = tok->cur - (c != EOF_CHAR);
            if (c == '#' && (t = comment(tok, start, &c, blankline, ps, pe)) >= 0) {
                return t;
            }
            if (c == EOF_CHAR) {
                // Inside brackets the end of input is an error (an unclosed bracket).
                return tok->level == 0 && tok->done == KAA_TOK_EOF ? TOK_ENDMARKER
                                                                    : TOK_ERRORTOKEN;
            }
            t = token_from(tok, c, start, blankline, ps, pe);
        } while (t == READ_AGAIN);
        if (t != READ_NEXT_LINE) {
            return t;
        }
    }
}

// A token's start column is measured from the start of the line where the token begins (for a
// string spanning lines, the line where the string began) and its end column from the start of
// the current line, as CPython's parser computes them.
int kaa_tok_next(KaaTokenizer *tok, KaaToken *out) {
    const char *s, *e;
    int type = get(tok, &s, &e);
    const char *line_start = type == TOK_STRING ? tok->multi_line_start : tok->line_start;
    out->type = type;
    out->start = s;
    out->end = e;
    out->lineno = type == TOK_STRING ? tok->first_lineno : tok->lineno;
    out->end_lineno = tok->lineno;
    out->col_offset = s && s >= line_start ? (int)(s - line_start) : -1;
    out->end_col_offset = e && e >= tok->line_start ? (int)(e - tok->line_start) : -1;
    out->level = tok->level;
    return type;
}
