// parse/parse_string.c — literals: numbers, strings, bytes and f-strings.
//
// Stage: parse. Owns turning NUMBER and STRING tokens into Constant, JoinedStr and
// FormattedValue nodes as CPython 3.11 does: escape decoding (with CPython's error messages and
// positions, computed on the same intermediate text CPython decodes), implicit concatenation,
// and f-strings, whose expressions are parsed by a sub-parser on "(expr)" with positions shifted
// into the enclosing string (including 3.11's placement of every part at the whole literal).
// Must not: tokenize (the tokenizer delimits literals) or know about Python objects.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/parser.h"
#include "parse/unidata.h"

#define INT_MAX_STR_DIGITS 4300

// ---- byte buffers -----------------------------------------------------------------------------

typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

static void buf_reserve(Parser *p, Buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) {
        return;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        cap *= 2;
    }
    char *d = kaa_arena_alloc(p->arena, cap);
    if (b->len) {
        memcpy(d, b->data, b->len);
    }
    b->data = d;
    b->cap = cap;
}

static void buf_add(Parser *p, Buf *b, const char *s, size_t n) {
    buf_reserve(p, b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_byte(Parser *p, Buf *b, int c) {
    char ch = (char)c;
    buf_add(p, b, &ch, 1);
}

// Appends code point cp as UTF-8 (surrogates too, as 3-byte sequences: KaaAstConst's rule).
static void buf_char(Parser *p, Buf *b, uint32_t cp) {
    char s[4];
    size_t n;
    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_add(p, b, s, n);
}

// ---- numbers ----------------------------------------------------------------------------------

KaaAst *make_number(Parser *p, PToken *t) {
    size_t n = (size_t)(t->end - t->start);
    char *s = kaa_arena_alloc(p->arena, n + 1), *d = s;
    for (const char *c = t->start; c < t->end; c++) {
        if (*c != '_') {
            *d++ = *c;
        }
    }
    *d = '\0';
    size_t len = (size_t)(d - s);
    KaaAst *node = node_at(p, AST_Constant, t->lineno, t->col_offset, t->end_lineno,
                           t->end_col_offset);
    KaaAstConst *v = &node->v.Constant.value;
    char last = s[len - 1];
    int radix = 0;
    if (s[0] == '0' && len > 1) {
        char x = (char)(s[1] | 32);
        radix = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
    }
    if (radix) {
        v->kind = AST_CONST_INT;
        v->base = radix;
        v->text = s + 2;
        v->len = len - 2;
    } else if (last == 'j' || last == 'J') {
        v->kind = AST_CONST_COMPLEX;
        s[len - 1] = '\0';
        v->number = strtod(s, NULL);
    } else if (strpbrk(s, ".eE")) {
        v->kind = AST_CONST_FLOAT;
        v->number = strtod(s, NULL);
    } else {
        v->kind = AST_CONST_INT;
        v->base = 10;
        v->text = s;
        v->len = len;
        size_t digits = len;
        const char *z = s;
        while (*z == '0' && digits > 1) {
            z++;
            digits--;
        }
        if (digits > INT_MAX_STR_DIGITS) {
            // CPython converts decimal literals with int(), which refuses this many digits.
            raise_error_known(p, "SyntaxError", t->lineno, -2, t->end_lineno, -2,
                              "Exceeds the limit (%d digits) for integer string conversion: "
                              "value has %zu digits; use sys.set_int_max_str_digits() to "
                              "increase the limit - Consider hexadecimal for huge integer "
                              "literals to avoid decimal conversion limits.",
                              INT_MAX_STR_DIGITS, digits);
        }
    }
    return node;
}

// ---- escapes ----------------------------------------------------------------------------------

// CPython's codec error text: one byte, or a range of positions.
_Noreturn static void codec_error(Parser *p, const char *codec, const char *s, size_t start,
                                  size_t end, const char *reason) {
    if (end - start == 1) {
        RAISE_SYNTAX(p, "(unicode error) '%s' codec can't decode byte 0x%02x in position %zu: %s",
                     codec, (unsigned char)s[start], start, reason);
    }
    RAISE_SYNTAX(p, "(unicode error) '%s' codec can't decode bytes in position %zu-%zu: %s", codec,
                 start, end - 1, reason);
}

// Decodes UTF-8 text s[0..n) into b, raising CPython's "(unicode error)" when it is invalid.
static void add_utf8(Parser *p, Buf *b, const char *s, size_t n) {
    char msg[200];
    if (kaa_tok_utf8_check(s, n, msg, sizeof msg) >= 0) {
        RAISE_SYNTAX(p, "(unicode error) %s", msg);
    }
    buf_add(p, b, s, n);
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The character of a one-letter escape (\n, \t ...), -2 for \<newline> (nothing), or -1.
static int simple_escape(int c) {
    switch (c) {
    case '\n': return -2;
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    case 'b': return '\b';
    case 'f': return '\f';
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'v': return '\v';
    case 'a': return '\a';
    default: return -1;
    }
}

// Up to three octal digits at s[*i] after the first one, c.
static uint32_t octal_escape(const char *s, size_t len, size_t *i, int c) {
    uint32_t ch = (uint32_t)(c - '0');
    for (int k = 0; k < 2 && *i < len && s[*i] >= '0' && s[*i] <= '7'; k++) {
        ch = (ch << 3) + (uint32_t)(s[(*i)++] - '0');
    }
    return ch;
}

// \N{name}: the character, or an error with the positions CPython reports.
static uint32_t named_escape(Parser *p, const char *s, size_t len, size_t start, size_t *i) {
    const char *message = "malformed \\N character escape";
    if (*i < len && s[*i] == '{') {
        size_t name = ++*i;
        while (*i < len && s[*i] != '}') {
            (*i)++;
        }
        if (*i < len && *i > name) {
            size_t namelen = *i - name;
            (*i)++;
            int32_t cp = kaa_unidata_lookup(s + name, namelen);
            if (cp >= 0) {
                return (uint32_t)cp;
            }
            message = "unknown Unicode character name";
        }
    }
    codec_error(p, "unicodeescape", s, start, *i, message);
}

// \xXX, \uXXXX, \UXXXXXXXX: `count` hex digits.
static uint32_t hex_escape(Parser *p, const char *s, size_t len, size_t start, size_t *i,
                           int count) {
    const char *message = count == 2 ? "truncated \\xXX escape"
                          : count == 4 ? "truncated \\uXXXX escape"
                                       : "truncated \\UXXXXXXXX escape";
    uint32_t ch = 0;
    for (; count; (*i)++, count--) {
        int h = *i < len ? hexval((unsigned char)s[*i]) : -1;
        if (h < 0) {
            codec_error(p, "unicodeescape", s, start, *i, message);
        }
        ch = (ch << 4) | (uint32_t)h;
    }
    if (ch > 0x10FFFF) {
        codec_error(p, "unicodeescape", s, start, *i, "illegal Unicode character");
    }
    return ch;
}

// The unicode-escape decoder on CPython's intermediate text (where every non-ASCII character
// has become \UXXXXXXXX), so that error positions are CPython's.
static void unicode_escape(Parser *p, Buf *out, const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (s[i] != '\\') {
            buf_byte(p, out, s[i++]);
            continue;
        }
        size_t start = i++;
        if (i >= len) {
            codec_error(p, "unicodeescape", s, start, len, "\\ at end of string");
        }
        int c = (unsigned char)s[i++];
        int simple = simple_escape(c);
        if (simple >= 0) {
            buf_byte(p, out, simple);
        } else if (simple == -2) {
            continue;  // an escaped newline continues the string
        } else if (c >= '0' && c <= '7') {
            buf_char(p, out, octal_escape(s, len, &i, c));
        } else if (c == 'x' || c == 'u' || c == 'U') {
            buf_char(p, out, hex_escape(p, s, len, start, &i, c == 'x' ? 2 : c == 'u' ? 4 : 8));
        } else if (c == 'N') {
            buf_char(p, out, named_escape(p, s, len, start, &i));
        } else {
            // An unknown escape keeps its backslash (CPython warns).
            buf_byte(p, out, '\\');
            buf_byte(p, out, c);
        }
    }
}

// decode_unicode_with_escapes: non-ASCII runs are decoded as UTF-8 and re-encoded as \U
// escapes; a backslash before non-ASCII or at the end becomes a literal one; then the
// unicode-escape decoder runs.
static void decode_unicode_with_escapes(Parser *p, Buf *out, const char *s, size_t len) {
    Buf tmp = {0};
    const char *end = s + len;
    while (s < end) {
        if (*s == '\\') {
            buf_byte(p, &tmp, *s++);
            if (s >= end || (*s & 0x80)) {
                buf_add(p, &tmp, "u005c", 5);
                if (s >= end) {
                    break;
                }
            }
        }
        if (*s & 0x80) {
            const char *run = s;
            while (s < end && (*s & 0x80)) {
                s++;
            }
            Buf w = {0};
            add_utf8(p, &w, run, (size_t)(s - run));
            for (size_t i = 0; i < w.len;) {
                uint32_t cp;
                i += (size_t)kaa_tok_utf8_decode(w.data + i, w.len - i, &cp);
                char esc[16];
                snprintf(esc, sizeof esc, "\\U%08x", cp);
                buf_add(p, &tmp, esc, 10);
            }
        } else {
            buf_byte(p, &tmp, *s++);
        }
    }
    unicode_escape(p, out, tmp.data ? tmp.data : "", tmp.len);
}

// PyBytes_DecodeEscape: like unicode-escape for bytes, with its own error messages.
static void decode_bytes_with_escapes(Parser *p, Buf *out, const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (s[i] != '\\') {
            buf_byte(p, out, s[i++]);
            continue;
        }
        if (++i >= len) {
            RAISE_SYNTAX(p, "(value error) Trailing \\ in string");
        }
        int c = (unsigned char)s[i++];
        int simple = simple_escape(c);
        if (simple >= 0) {
            buf_byte(p, out, simple);
        } else if (simple == -2) {
            continue;
        } else if (c >= '0' && c <= '7') {
            buf_byte(p, out, (int)(octal_escape(s, len, &i, c) & 0xFF));
        } else if (c == 'x') {
            int h1 = i < len ? hexval((unsigned char)s[i]) : -1;
            int h2 = i + 1 < len ? hexval((unsigned char)s[i + 1]) : -1;
            if (h1 < 0 || h2 < 0) {
                RAISE_SYNTAX(p, "(value error) invalid \\x escape at position %zu", i - 2);
            }
            buf_byte(p, out, h1 * 16 + h2);
            i += 2;
        } else {
            buf_byte(p, out, '\\');  // unknown escapes stay as they are
            i--;
        }
    }
}

// ---- plain literals ---------------------------------------------------------------------------

typedef struct StrInfo {
    int bytes, raw, fmode;
    const char *body;  // between the quotes
    size_t len;
} StrInfo;

// Splits a STRING token into its prefix flags and body (_PyPegen_parsestr's first half).
static void split_literal(PToken *t, StrInfo *si) {
    const char *s = t->start;
    memset(si, 0, sizeof *si);
    for (;; s++) {
        int c = *s | 32;
        if (c == 'b') {
            si->bytes = 1;
        } else if (c == 'r') {
            si->raw = 1;
        } else if (c == 'f') {
            si->fmode = 1;
        } else if (c != 'u') {
            break;
        }
    }
    char quote = *s++;
    size_t len = (size_t)(t->end - s) - 1;
    if (len >= 4 && s[0] == quote && s[1] == quote) {
        s += 2;
        len -= 4;
    }
    si->body = s;
    si->len = len;
}

// ---- f-strings --------------------------------------------------------------------------------

typedef struct FState {
    Buf last;        // the literal text not yet turned into a Constant
    int have_last;
    int fmode;
    Vec exprs;
} FState;

static void concat_str(Parser *p, FState *st, const char *s, size_t n) {
    if (n == 0) {
        return;
    }
    buf_add(p, &st->last, s, n);
    st->have_last = 1;
}

static KaaAst *str_node(Parser *p, FState *st, PToken *first, PToken *last) {
    KaaAst *n = node_at(p, AST_Constant, first->lineno, first->col_offset, last->end_lineno,
                        last->end_col_offset);
    n->v.Constant.value.kind = AST_CONST_STR;
    n->v.Constant.value.text = st->have_last ? st->last.data : "";
    n->v.Constant.value.len = st->have_last ? st->last.len : 0;
    n->v.Constant.kind = first->start[0] == 'u' ? "u" : NULL;
    st->last = (Buf){0};
    st->have_last = 0;
    return n;
}

static KaaAst *fstring_finish(Parser *p, FState *st, PToken *first, PToken *last) {
    if (!st->fmode) {
        return str_node(p, st, first, last);
    }
    if (st->have_last) {
        vec_push(p, &st->exprs, str_node(p, st, first, last));
    }
    KaaAst *n = node_at(p, AST_JoinedStr, first->lineno, first->col_offset, last->end_lineno,
                        last->end_col_offset);
    n->v.JoinedStr.values = vec_seq(p, &st->exprs);
    return n;
}

static void concat_fstring(Parser *p, FState *st, const char **str, const char *end, int raw,
                           int level, PToken *first, PToken *t, PToken *last);

// The literal part of an f-string up to an undoubled brace. Returns 1 when it stopped at a
// doubled brace (the caller loops without looking for an expression), 0 otherwise.
static int find_literal(Parser *p, FState *st, const char **str, const char *end, int raw,
                        int level) {
    const char *s = *str, *lit = s;
    int result = 0;
    while (s < end) {
        char ch = *s++;
        if (!raw && ch == '\\' && s < end) {
            ch = *s++;
            if (ch == 'N') {
                // \N{...}: its braces are not an expression's.
                if (s < end && *s++ == '{') {
                    while (s < end && *s++ != '}') {
                    }
                }
                continue;
            }
        }
        if (ch == '{' || ch == '}') {
            if (level == 0) {
                if (s < end && *s == ch) {
                    *str = s + 1;
                    result = 1;
                    goto done;
                }
                if (ch == '}') {
                    *str = s - 1;
                    RAISE_SYNTAX(p, "f-string: single '}' is not allowed");
                }
            }
            s--;
            break;
        }
    }
    *str = s;
done:
    if (lit != s) {
        Buf b = {0};
        if (raw) {
            add_utf8(p, &b, lit, (size_t)(s - lit));
        } else {
            decode_unicode_with_escapes(p, &b, lit, (size_t)(s - lit));
        }
        concat_str(p, st, b.data, b.len);
    }
    return result;
}

// Where an f-string expression's sub-parse starts: lines into the token before the '{', and the
// column shift of the expression's first line (3.11: from the token's start on its first line,
// from the last newline on later ones; none when a newline directly follows the brace).
static void expr_location(PToken *t, const char *brace, int *lines, int *cols) {
    *lines = 0;
    *cols = 0;
    int newline_after_brace = 1;
    for (const char *s = brace + 1; *s != '}' && *s != '\n' && s < t->end; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\f') {
            newline_after_brace = 0;
            break;
        }
    }
    if (!newline_after_brace) {
        const char *s = brace;
        while (s > t->start && *s != '\n') {
            s--;
        }
        *cols = (int)(brace - s);
        if (*s == '\n') {
            *cols -= 1;
        }
    }
    for (const char *s = t->start; s < brace; s++) {
        if (*s == '\n') {
            (*lines)++;
        }
    }
}

// Parses the expression text between expr_start and expr_end as "(expr)".
static KaaAst *compile_expr(Parser *p, const char *expr_start, const char *expr_end, PToken *t) {
    const char *s = expr_start;
    while (s < expr_end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f')) {
        s++;
    }
    if (s == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=') {
            RAISE_SYNTAX(p, "f-string: expression required before '%c'", *expr_end);
        }
        RAISE_SYNTAX(p, "f-string: empty expression not allowed");
    }
    size_t len = (size_t)(expr_end - expr_start);
    char *str = kaa_arena_alloc(p->arena, len + 3);
    str[0] = '(';
    memcpy(str + 1, expr_start, len);
    str[len + 1] = ')';
    str[len + 2] = '\0';
    int lines, cols;
    expr_location(t, expr_start - 1, &lines, &cols);
    int lineno = t->lineno + lines;
    int col = lines != 0 ? cols : t->col_offset + cols;
    return kaa_parse_fstring_expr(p, str, len + 2, lineno, col);
}

// Inside a string of an f-string expression: *s is a character of it. Returns 1 when the string
// ends there (s moved to its last quote).
static int string_ends_at(const char **s, const char *end, char quote, int string_type) {
    if (**s != quote) {
        return 0;
    }
    if (string_type != 3) {
        return 1;
    }
    if (*s + 2 < end && (*s)[1] == quote && (*s)[2] == quote) {
        *s += 2;
        return 1;
    }
    return 0;
}

// A closing bracket of an f-string expression: checked against the innermost open one.
static void close_bracket(Parser *p, char ch, const char *stack, int *depth) {
    if (!*depth) {
        RAISE_SYNTAX(p, "f-string: unmatched '%c'", ch);
    }
    int open = stack[--*depth];
    if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') || (open == '{' && ch == '}'))) {
        RAISE_SYNTAX(p, "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'",
                     ch, open);
    }
}

// Scans an expression from '{' to its end, tracking quotes and brackets as CPython does (it
// only needs to find the end; the sub-parser reports the expression's own errors).
static const char *scan_expr(Parser *p, const char *s, const char *end) {
    char quote = 0, stack[KAA_TOK_MAXLEVEL];
    int string_type = 0, depth = 0;
    for (; s < end; s++) {
        char ch = *s;
        if (ch == '\\') {
            RAISE_SYNTAX(p, "f-string expression part cannot include a backslash");
        }
        if (quote) {
            if (string_ends_at(&s, end, quote, string_type)) {
                quote = 0;
                string_type = 0;
            }
        } else if (ch == '\'' || ch == '"') {
            string_type = (s + 2 < end && s[1] == ch && s[2] == ch) ? 3 : 1;
            s += string_type - 1;
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= KAA_TOK_MAXLEVEL) {
                RAISE_SYNTAX(p, "f-string: too many nested parenthesis");
            }
            stack[depth++] = ch;
        } else if (ch == '#') {
            RAISE_SYNTAX(p, "f-string expression part cannot include '#'");
        } else if (depth == 0 && ch && strchr("!:}=<>", ch)) {
            // "!=", "==", "<=", ">=" and single '<' '>' belong to the expression.
            if ((ch == '!' || ch == '=' || ch == '<' || ch == '>') && s + 1 < end && s[1] == '=') {
                s++;
            } else if (ch != '<' && ch != '>') {
                break;
            }
        } else if (ch == ']' || ch == '}' || ch == ')') {
            close_bracket(p, ch, stack, &depth);
        }
    }
    if (quote) {
        RAISE_SYNTAX(p, "f-string: unterminated string");
    }
    if (depth) {
        RAISE_SYNTAX(p, "f-string: unmatched '%c'", stack[depth - 1]);
    }
    return s;
}

static int is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// An f-string replacement field {expr[=][!c][:spec]}; *str is at its '{'.
static KaaAst *find_expr(Parser *p, FState *st, const char **str, const char *end, int raw,
                         int level, PToken *first, PToken *t, PToken *last) {
    if (level >= 2) {
        RAISE_SYNTAX(p, "f-string: expressions nested too deeply");
    }
    const char *expr_start = ++*str;
    *str = scan_expr(p, *str, end);
    const char *expr_end = *str;
    if (*str >= end) {
        RAISE_SYNTAX(p, "f-string: expecting '}'");
    }
    KaaAst *value = compile_expr(p, expr_start, expr_end, t);
    int debug = 0, conversion = -1;
    if (**str == '=') {
        *str += 1;
        while (is_ascii_space(**str)) {
            *str += 1;
        }
        if (*str >= end) {
            RAISE_SYNTAX(p, "f-string: expecting '}'");
        }
        // The "=" form puts the expression's text before its value.
        concat_str(p, st, expr_start, (size_t)(*str - expr_start));
        debug = 1;
    }
    if (**str == '!') {
        *str += 1;
        if (*str >= end) {
            RAISE_SYNTAX(p, "f-string: expecting '}'");
        }
        conversion = (unsigned char)**str;
        *str += 1;
        if (conversion != 's' && conversion != 'r' && conversion != 'a') {
            RAISE_SYNTAX(p, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
    }
    KaaAst *spec = NULL;
    if (*str < end && **str == ':') {
        *str += 1;
        if (*str >= end) {
            RAISE_SYNTAX(p, "f-string: expecting '}'");
        }
        FState sub = {0};
        concat_fstring(p, &sub, str, end, raw, level + 1, first, t, last);
        spec = fstring_finish(p, &sub, t, t);
    }
    if (*str >= end || **str != '}') {
        RAISE_SYNTAX(p, "f-string: expecting '}'");
    }
    *str += 1;
    if (debug && !spec && conversion == -1) {
        conversion = 'r';
    }
    KaaAst *n = node_at(p, AST_FormattedValue, first->lineno, first->col_offset, last->end_lineno,
                        last->end_col_offset);
    n->v.FormattedValue.value = value;
    n->v.FormattedValue.conversion = conversion;
    n->v.FormattedValue.format_spec = spec;
    return n;
}

// _PyPegen_FstringParser_ConcatFstring: literals and replacement fields of one f-string (or of
// a format spec, at level > 0).
static void concat_fstring(Parser *p, FState *st, const char **str, const char *end, int raw,
                           int level, PToken *first, PToken *t, PToken *last) {
    st->fmode = 1;
    for (;;) {
        if (find_literal(p, st, str, end, raw, level) == 1) {
            continue;
        }
        if (*str >= end || **str == '}') {
            break;
        }
        KaaAst *e = find_expr(p, st, str, end, raw, level, first, t, last);
        if (st->have_last) {
            vec_push(p, &st->exprs, str_node(p, st, first, last));
        }
        vec_push(p, &st->exprs, e);
    }
    if (level == 0 && *str < end - 1) {
        RAISE_SYNTAX(p, "f-string: unexpected end of string");
    }
    if (level != 0 && **str != '}') {
        RAISE_SYNTAX(p, "f-string: expecting '}'");
    }
}

// ---- concatenation ----------------------------------------------------------------------------

KaaAst *concatenate_strings(Parser *p, PToken **toks, int n) {
    PToken *first = toks[0], *last = toks[n - 1];
    int bytesmode = 0;
    Buf bytes = {0};
    FState st = {0};
    for (int i = 0; i < n; i++) {
        PToken *t = toks[i];
        StrInfo si;
        split_literal(t, &si);
        if (si.bytes) {
            for (const char *c = si.body; c < t->end; c++) {
                if ((unsigned char)*c >= 0x80) {
                    raise_at_token(p, t, "bytes can only contain ASCII literal characters");
                }
            }
        }
        if (i != 0 && bytesmode != si.bytes) {
            RAISE_SYNTAX(p, "cannot mix bytes and nonbytes literals");
        }
        bytesmode = si.bytes;
        int raw = si.raw || memchr(si.body, '\\', si.len) == NULL;
        if (si.fmode) {
            const char *s = si.body;
            concat_fstring(p, &st, &s, si.body + si.len, si.raw, 0, first, t, last);
        } else if (bytesmode) {
            if (raw) {
                buf_add(p, &bytes, si.body, si.len);
            } else {
                decode_bytes_with_escapes(p, &bytes, si.body, si.len);
            }
        } else {
            Buf b = {0};
            if (raw) {
                add_utf8(p, &b, si.body, si.len);
            } else {
                decode_unicode_with_escapes(p, &b, si.body, si.len);
            }
            concat_str(p, &st, b.data, b.len);
        }
    }
    if (bytesmode) {
        KaaAst *c = node_at(p, AST_Constant, first->lineno, first->col_offset, last->end_lineno,
                            last->end_col_offset);
        c->v.Constant.value.kind = AST_CONST_BYTES;
        c->v.Constant.value.text = bytes.data ? bytes.data : "";
        c->v.Constant.value.len = bytes.len;
        return c;
    }
    return fstring_finish(p, &st, first, last);
}
