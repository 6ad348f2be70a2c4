// parse/tool_tokenize.c — `kaa -m tokenize`: CPython's `python -m tokenize` command line.
//
// Stage: parse (tools). `python -m tokenize` is CPython's pure-Python tokenize module, whose
// output differs from the C tokenizer's in many ways (ENCODING, COMMENT, NL and ERRORTOKEN
// tokens, character columns, strings continued over lines, its own errors). This file
// reproduces that module's line-driven algorithm, with its regular expressions written out as
// matchers over decoded characters, using the tokenizer's operator table and character classes.
// Owns: encoding detection as tokenize.detect_encoding does it, the token loop, the output
// format ("%-20s%-15s%-15r") and the error texts.
// Must not: be used by the parser (tokenizer.c is the parser's tokenizer).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/pyrepr.h"
#include "parse/tokenizer.h"
#include "parse/tool_common.h"
#include "parse/tools.h"
#include "parse/unidata.h"

static const char TOK_USAGE[] = "usage: python -m tokenize [-h] [-e] [filename.py]\n";
static const char TOK_HELP[] =
    "\n"
    "positional arguments:\n"
    "  filename.py  the file to tokenize; defaults to stdin\n"
    "\n"
    "options:\n"
    "  -h, --help   show this help message and exit\n"
    "  -e, --exact  display token names using the exact type\n";

// ---- decoded lines ----------------------------------------------------------------------------

typedef struct Line {
    uint32_t *c;  // characters; c[n] == 0
    int n;
} Line;

typedef struct Tok {
    KaaTextBuf *out;
    int exact;  // -e: operators by their exact token names
} Tok;

// Prints one token line as tokenize.main does: "%-20s%-15s%-15r" of the range, the token name
// (the exact operator name under -e) and the repr of the token's text.
static void emit_raw(Tok *t, int type, const uint32_t *s, int n, int sl, int sc, int el, int ec) {
    char range[64];
    snprintf(range, sizeof range, "%d,%d-%d,%d:", sl, sc, el, ec);
    KaaTextBuf text = {0}, rep = {0};
    char u[4];
    for (int i = 0; i < n; i++) {
        uint32_t cp = s[i];
        size_t k;
        if (cp < 0x80) {
            u[0] = (char)cp;
            k = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3F));
            k = 2;
        } else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
            k = 3;
        } else {
            u[0] = (char)(0xF0 | (cp >> 18));
            u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[3] = (char)(0x80 | (cp & 0x3F));
            k = 4;
        }
        kaa_textbuf_add(&text, u, k);
    }
    kaa_repr_str(&rep, text.data ? text.data : "", text.len);
    int type_shown = type;
    if (t->exact && type == TOK_OP) {
        type_shown = kaa_tok_operator(text.data, text.len);
    }
    char head[128];
    snprintf(head, sizeof head, "%-20s%-15s", range, kaa_tok_names[type_shown]);
    kaa_textbuf_puts(t->out, head);
    kaa_textbuf_add(t->out, rep.data, rep.len);
    // %-15r pads to 15 characters, not bytes.
    for (int w = kaa_tok_char_count(rep.data, rep.len); w < 15; w++) {
        kaa_textbuf_putc(t->out, ' ');
    }
    kaa_textbuf_putc(t->out, '\n');
    kaa_textbuf_free(&text);
    kaa_textbuf_free(&rep);
}

// ---- the regular expressions of tokenize.py ---------------------------------------------------

static int is_digit(uint32_t c) {
    return c >= '0' && c <= '9';
}

// str.isspace() for one character.
static int is_py_space(uint32_t c) {
    if ((c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
        c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
        c == 0x202F || c == 0x205F || c == 0x3000) {
        return 1;
    }
    return 0;
}

// \w of Python's re module on str patterns: alphanumerics and underscore.
static int is_word(uint32_t c) {
    return c == '_' || kaa_unidata_is_alnum(c);
}

// [0-9](?:_?[0-9])* ; returns the end or -1.
static int digitpart(const Line *l, int p) {
    if (p >= l->n || !is_digit(l->c[p])) {
        return -1;
    }
    p++;
    for (;;) {
        if (p < l->n && is_digit(l->c[p])) {
            p++;
        } else if (p + 1 < l->n && l->c[p] == '_' && is_digit(l->c[p + 1])) {
            p += 2;
        } else {
            return p;
        }
    }
}

// [eE][-+]?[0-9](?:_?[0-9])*
static int exponent(const Line *l, int p) {
    if (p >= l->n || (l->c[p] != 'e' && l->c[p] != 'E')) {
        return -1;
    }
    p++;
    if (p < l->n && (l->c[p] == '+' || l->c[p] == '-')) {
        p++;
    }
    return digitpart(l, p);
}

// Pointfloat | Expfloat
static int floatnumber(const Line *l, int p) {
    int e = digitpart(l, p);
    int pt = -1;
    if (e >= 0 && e < l->n && l->c[e] == '.') {
        pt = e + 1;
        int f = digitpart(l, pt);
        if (f >= 0) {
            pt = f;
        }
    } else if (p < l->n && l->c[p] == '.') {
        pt = digitpart(l, p + 1);
    }
    if (pt >= 0) {
        int x = exponent(l, pt);
        return x >= 0 ? x : pt;
    }
    if (e >= 0) {
        return exponent(l, e);
    }
    return -1;
}

// 0[xX](?:_?[0-9a-fA-F])+ and its octal/binary siblings; kind: 'x', 'o', 'b'.
static int radix_number(const Line *l, int p, int kind) {
    if (p + 1 >= l->n || l->c[p] != '0' || (l->c[p + 1] | 32) != (uint32_t)kind) {
        return -1;
    }
    p += 2;
    int count = 0;
    for (;;) {
        int q = p;
        if (q < l->n && l->c[q] == '_') {
            q++;
        }
        if (q >= l->n) {
            break;
        }
        uint32_t c = l->c[q];
        int ok = kind == 'x' ? (is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f'))
                 : kind == 'o' ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
        if (!ok) {
            break;
        }
        p = q + 1;
        count++;
    }
    return count ? p : -1;
}

// Number = Imagnumber | Floatnumber | Intnumber
static int number(const Line *l, int p) {
    int e = digitpart(l, p);
    if (e >= 0 && e < l->n && (l->c[e] == 'j' || l->c[e] == 'J')) {
        return e + 1;
    }
    int f = floatnumber(l, p);
    if (f >= 0 && f < l->n && (l->c[f] == 'j' || l->c[f] == 'J')) {
        return f + 1;
    }
    if (f >= 0) {
        return f;
    }
    int r;
    if ((r = radix_number(l, p, 'x')) >= 0 || (r = radix_number(l, p, 'b')) >= 0 ||
        (r = radix_number(l, p, 'o')) >= 0) {
        return r;
    }
    if (p < l->n && l->c[p] == '0') {
        p++;
        for (;;) {
            if (p < l->n && l->c[p] == '0') {
                p++;
            } else if (p + 1 < l->n && l->c[p] == '_' && l->c[p + 1] == '0') {
                p += 2;
            } else {
                return p;
            }
        }
    }
    if (p < l->n && l->c[p] >= '1' && l->c[p] <= '9') {
        return digitpart(l, p);
    }
    return -1;
}

// The length of a valid string prefix at p that is followed by a quote (0 for none); -1 when
// no prefix of 0..2 letters is followed by a quote.
static int string_prefix(const Line *l, int p) {
    for (int k = 0; k <= 2; k++) {
        if (p + k >= l->n) {
            return -1;
        }
        uint32_t q = l->c[p + k];
        if (q == '\'' || q == '"') {
            if (k == 0) {
                return 0;
            }
            uint32_t a = l->c[p] | 32, b = k == 2 ? l->c[p + 1] | 32 : 0;
            if (l->c[p] > 127 || (k == 2 && l->c[p + 1] > 127)) {
                return -1;
            }
            if (k == 1 && (a == 'b' || a == 'r' || a == 'u' || a == 'f')) {
                return 1;
            }
            if (k == 2 && ((a == 'b' && b == 'r') || (a == 'r' && b == 'b') ||
                           (a == 'f' && b == 'r') || (a == 'r' && b == 'f'))) {
                return 2;
            }
            return -1;
        }
    }
    return -1;
}

// Triple: StringPrefix + ''' or """; returns the end of the opening quotes or -1.
static int triple_start(const Line *l, int p) {
    int k = string_prefix(l, p);
    if (k < 0) {
        return -1;
    }
    int q = p + k;
    uint32_t c = l->c[q];
    if (q + 2 < l->n && l->c[q + 1] == c && l->c[q + 2] == c) {
        return q + 3;
    }
    return -1;
}

// ContStr: a one-line string, or the first line of a string continued with a backslash.
static int contstr(const Line *l, int p) {
    int k = string_prefix(l, p);
    if (k < 0) {
        return -1;
    }
    int i = p + k;
    uint32_t quote = l->c[i++];
    while (i < l->n) {
        uint32_t c = l->c[i];
        if (c == quote) {
            return i + 1;
        }
        if (c == '\n') {
            return -1;
        }
        if (c == '\\') {
            if (i + 1 < l->n && l->c[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < l->n && l->c[i + 1] == '\r' && l->c[i + 2] == '\n') {
                return i + 3;
            }
            if (i + 1 >= l->n) {
                return -1;
            }
            i += 2;
            continue;
        }
        i++;
    }
    return -1;
}

// Special: the longest operator at p.
static int operator_end(const Line *l, int p) {
    for (int len = 3; len >= 1; len--) {
        if (p + len > l->n) {
            continue;
        }
        char s[3];
        int ok = 1;
        for (int i = 0; i < len; i++) {
            if (l->c[p + i] > 127) {
                ok = 0;
                break;
            }
            s[i] = (char)l->c[p + i];
        }
        if (ok && kaa_tok_operator(s, (size_t)len) != TOK_OP) {
            return p + len;
        }
    }
    return -1;
}

// PseudoToken = Whitespace group(PseudoExtras, Number, Funny, ContStr, Name): the span of the
// group in *start/*end; 0 when the expression does not match.
static int pseudo_token(const Line *l, int pos, int *start, int *end) {
    int p = pos;
    while (p < l->n && (l->c[p] == ' ' || l->c[p] == '\f' || l->c[p] == '\t')) {
        p++;
    }
    *start = p;
    const uint32_t *c = l->c;
    int e = -1;
    if (p < l->n && c[p] == '\\' && p + 1 < l->n &&
        (c[p + 1] == '\n' || (c[p + 1] == '\r' && p + 2 < l->n && c[p + 2] == '\n'))) {
        e = p + (c[p + 1] == '\n' ? 2 : 3);
    } else if (p == l->n) {
        e = p;  // \Z
    } else if (c[p] == '#') {
        e = p;
        while (e < l->n && c[e] != '\r' && c[e] != '\n') {
            e++;
        }
    } else if ((e = triple_start(l, p)) >= 0) {
    } else if ((e = number(l, p)) >= 0) {
    } else if (c[p] == '\n') {
        e = p + 1;
    } else if (c[p] == '\r' && p + 1 < l->n && c[p + 1] == '\n') {
        e = p + 2;
    } else if ((e = operator_end(l, p)) >= 0) {
    } else if ((e = contstr(l, p)) >= 0) {
    } else if (is_word(c[p])) {
        e = p;
        while (e < l->n && is_word(c[e])) {
            e++;
        }
    }
    *end = e;
    return e >= 0;
}

// The end patterns: the rest of a string after its opening quote(s), from position p; -1
// when the line does not finish it. triple: Single3/Double3, else Single/Double.
static int string_end(const Line *l, int p, uint32_t quote, int triple) {
    int i = p;
    while (i < l->n) {
        uint32_t c = l->c[i];
        if (c == '\\') {
            if (i + 1 >= l->n || l->c[i + 1] == '\n') {
                return -1;
            }
            i += 2;
            continue;
        }
        if (c == quote) {
            if (!triple) {
                return i + 1;
            }
            if (i + 2 < l->n && l->c[i + 1] == quote && l->c[i + 2] == quote) {
                return i + 3;
            }
        }
        i++;
    }
    return -1;
}

// ---- the token loop ----------------------------------------------------------------------------
// The loop follows tokenize._tokenize line by line: a line either continues a string that spans
// lines, starts a logical line (indentation, blank and comment lines), or continues a logical
// line inside brackets or after a backslash. Its quirks are kept on purpose, for example the
// `needcont` flag that is not reset after an unterminated continued string, and the NEWLINE
// token with empty text added when the last line has no newline.
typedef struct State {
    Tok *t;
    int lnum, parenlev, continued;
    int indents[1024];
    int nindents;
    // a string continued over lines
    int in_str, needcont, str_triple;
    uint32_t str_quote;
    int strstart_l, strstart_c;
    uint32_t *contstr;
    int contlen, contcap;
    char error[256];
} State;

// Appends to contstr, the text of a string that continues over several lines.
static void cont_add(State *s, const uint32_t *c, int n) {
    if (s->contlen + n > s->contcap) {
        s->contcap = (s->contlen + n) * 2 + 64;
        s->contstr = realloc(s->contstr, (size_t)s->contcap * sizeof(uint32_t));
        if (!s->contstr) {
            abort();
        }
    }
    memcpy(s->contstr + s->contlen, c, (size_t)n * sizeof(uint32_t));
    s->contlen += n;
}

// Emits the token l->c[a..b) with the given range.
static void emit(State *s, int type, const Line *l, int a, int b, int sl, int sc, int el, int ec) {
    emit_raw(s->t, type, l->c + a, b - a, sl, sc, el, ec);
}

// A line inside a continued string. Returns 1 when the line is used up, 0 when tokens follow
// at *pos, -1 on error.
static int continued_string(State *s, const Line *l, int *pos) {
    if (l->n == 0) {
        snprintf(s->error, sizeof s->error, "%d:%d: error: EOF in multi-line string",
                 s->strstart_l, s->strstart_c);
        return -1;
    }
    int end = string_end(l, 0, s->str_quote, s->str_triple);
    if (end >= 0) {
        cont_add(s, l->c, end);
        emit_raw(s->t, TOK_STRING, s->contstr, s->contlen, s->strstart_l, s->strstart_c, s->lnum,
                 end);
        s->in_str = s->needcont = 0;
        s->contlen = 0;
        *pos = end;
        return 0;
    }
    int ends_bs = (l->n >= 2 && l->c[l->n - 2] == '\\' && l->c[l->n - 1] == '\n') ||
                  (l->n >= 3 && l->c[l->n - 3] == '\\' && l->c[l->n - 2] == '\r' &&
                   l->c[l->n - 1] == '\n');
    if (s->needcont && !ends_bs) {
        cont_add(s, l->c, l->n);
        emit_raw(s->t, TOK_ERRORTOKEN, s->contstr, s->contlen, s->strstart_l, s->strstart_c,
                 s->lnum, l->n);
        // tokenize.py leaves needcont set here; a later triple-quoted string inherits it.
        s->in_str = 0;
        s->contlen = 0;
        return 1;
    }
    cont_add(s, l->c, l->n);
    return 1;
}

// The start of a logical line: indentation, blank and comment lines. Returns 1 when the line
// is used up, 2 at the end of input, 0 when tokens follow at *pos, -1 on error.
static int line_start(State *s, const Line *l, int *pos) {
    if (l->n == 0) {
        return 2;
    }
    int column = 0, p = 0;
    for (; p < l->n; p++) {
        uint32_t c = l->c[p];
        if (c == ' ') {
            column++;
        } else if (c == '\t') {
            column = (column / 8 + 1) * 8;
        } else if (c == '\f') {
            column = 0;
        } else {
            break;
        }
    }
    if (p == l->n) {
        return 2;
    }
    uint32_t c = l->c[p];
    if (c == '#' || c == '\r' || c == '\n') {
        if (c == '#') {
            int e = l->n;
            while (e > p && (l->c[e - 1] == '\r' || l->c[e - 1] == '\n')) {
                e--;
            }
            emit(s, TOK_COMMENT, l, p, e, s->lnum, p, s->lnum, e);
            p = e;
        }
        emit(s, TOK_NL, l, p, l->n, s->lnum, p, s->lnum, l->n);
        return 1;
    }
    if (column > s->indents[s->nindents - 1]) {
        if (s->nindents < 1024) {
            s->indents[s->nindents++] = column;
        }
        emit(s, TOK_INDENT, l, 0, p, s->lnum, 0, s->lnum, p);
    }
    while (column < s->indents[s->nindents - 1]) {
        int found = 0;
        for (int i = 0; i < s->nindents; i++) {
            found |= s->indents[i] == column;
        }
        if (!found) {
            snprintf(s->error, sizeof s->error,
                     "%d:%d: error: unindent does not match any outer indentation level", s->lnum,
                     p);
            return -1;
        }
        s->nindents--;
        emit(s, TOK_DEDENT, l, p, p, s->lnum, p, s->lnum, p);
    }
    *pos = p;
    return 0;
}

// tokenize.py counts brackets only to know whether newlines are NL or NEWLINE.
static int is_bracket_open(uint32_t c) {
    return c == '(' || c == '[' || c == '{';
}

static int is_bracket_close(uint32_t c) {
    return c == ')' || c == ']' || c == '}';
}

// A string token starting at start whose text runs to end (the opening part for continued
// strings). Returns 1 when the rest of the line belongs to a continued string.
static int string_token(State *s, const Line *l, int start, int end, int *pos) {
    int k = string_prefix(l, start);
    uint32_t quote = l->c[start + k];
    int triple = end - start >= k + 3 && l->c[start + k + 1] == quote &&
                 l->c[start + k + 2] == quote && end == start + k + 3;
    if (triple) {
        int e = string_end(l, end, quote, 1);
        if (e >= 0) {
            emit(s, TOK_STRING, l, start, e, s->lnum, start, s->lnum, e);
            *pos = e;
            return 0;
        }
        s->in_str = 1;
        s->str_triple = 1;
    } else if (l->c[end - 1] == '\n') {
        s->in_str = 1;
        s->needcont = 1;
        s->str_triple = 0;
    } else {
        emit(s, TOK_STRING, l, start, end, s->lnum, start, s->lnum, end);
        *pos = end;
        return 0;
    }
    s->str_quote = quote;
    s->strstart_l = s->lnum;
    s->strstart_c = start;
    s->contlen = 0;
    cont_add(s, l->c + start, l->n - start);
    return 1;
}

// The tokens of a line from pos on.
static void line_tokens(State *s, const Line *l, int pos) {
    while (pos < l->n) {
        int start, end;
        if (!pseudo_token(l, pos, &start, &end)) {
            emit(s, TOK_ERRORTOKEN, l, pos, pos + 1, s->lnum, pos, s->lnum, pos + 1);
            pos++;
            continue;
        }
        pos = end;
        if (start == end) {
            continue;
        }
        uint32_t initial = l->c[start];
        int len = end - start;
        int is_ellipsis = len == 3 && l->c[start + 1] == '.';
        if (is_digit(initial) || (initial == '.' && len != 1 && !is_ellipsis)) {
            emit(s, TOK_NUMBER, l, start, end, s->lnum, start, s->lnum, end);
        } else if (initial == '\r' || initial == '\n') {
            emit(s, s->parenlev > 0 ? TOK_NL : TOK_NEWLINE, l, start, end, s->lnum, start, s->lnum,
                 end);
        } else if (initial == '#') {
            emit(s, TOK_COMMENT, l, start, end, s->lnum, start, s->lnum, end);
        } else if (string_prefix(l, start) >= 0 &&
                   (triple_start(l, start) == end || contstr(l, start) == end)) {
            if (string_token(s, l, start, end, &pos)) {
                return;
            }
        } else if (initial == '_' || kaa_unidata_is_xid_start(initial)) {
            emit(s, TOK_NAME, l, start, end, s->lnum, start, s->lnum, end);
        } else if (initial == '\\') {
            s->continued = 1;
        } else {
            if (is_bracket_open(initial)) {
                s->parenlev++;
            } else if (is_bracket_close(initial)) {
                s->parenlev--;
            }
            emit(s, TOK_OP, l, start, end, s->lnum, start, s->lnum, end);
        }
    }
}

// Runs the tokenizer over the lines; returns 0, or -1 with s->error set ("L:C: error: ...").
typedef struct Lines {
    const char **raw;  // the raw lines, as readline returns them
    size_t *rawlen;
    Line *dec;         // decoded lazily, as tokenize decodes each line when it reads it
    int n;
    const char *enc;
    int escape;        // stdin: undecodable bytes become U+DC80..U+DCFF (surrogateescape)
    char errmsg[200];  // the codec's error when a line cannot be decoded
} Lines;

static int decode_line(const char *enc, const char *s, size_t n, Line *out, char *msg,
                       size_t msg_size);
static void decode_escaped(const char *s, size_t n, Line *out);

// Line i decoded; NULL when the encoding rejects it.
static const Line *get_line(Lines *ls, int i) {
    if (ls->escape && !ls->dec[i].c) {
        decode_escaped(ls->raw[i], ls->rawlen[i], &ls->dec[i]);
    }
    if (!ls->dec[i].c && decode_line(ls->enc, ls->raw[i], ls->rawlen[i], &ls->dec[i],
                                     ls->errmsg, sizeof ls->errmsg) < 0) {
        return NULL;
    }
    return &ls->dec[i];
}

// Runs the tokenizer over the lines; returns 0, -1 with s->error set ("L:C: error: ..."), or
// -2 when a line cannot be decoded.
static int tokenize_lines(State *s, Lines *lines, int with_encoding, const char *encoding) {
    static Line empty = {NULL, 0};
    if (with_encoding) {
        uint32_t e[64];
        int n = 0;
        for (const char *c = encoding; *c && n < 63; c++) {
            e[n++] = (unsigned char)*c;
        }
        emit_raw(s->t, TOK_ENCODING, e, n, 0, 0, 0, 0);
    }
    s->indents[0] = 0;
    s->nindents = 1;
    const Line *last_line = &empty, *line = &empty;
    for (int i = 0;; i++) {
        last_line = line;
        line = i < lines->n ? get_line(lines, i) : &empty;
        if (!line) {
            return -2;
        }
        s->lnum++;
        int pos = 0, r;
        if (s->in_str) {
            r = continued_string(s, line, &pos);
        } else if (s->parenlev == 0 && !s->continued) {
            r = line_start(s, line, &pos);
        } else {
            if (line->n == 0) {
                snprintf(s->error, sizeof s->error, "%d:%d: error: EOF in multi-line statement",
                         s->lnum, 0);
                return -1;
            }
            s->continued = 0;
            r = 0;
        }
        if (r < 0) {
            return -1;
        }
        if (r == 2) {
            break;
        }
        if (r == 0) {
            line_tokens(s, line, pos);
        }
    }
    if (last_line->n > 0) {
        uint32_t lc = last_line->c[last_line->n - 1];
        int p = 0;
        while (p < last_line->n && is_py_space(last_line->c[p])) {
            p++;
        }
        int comment = p < last_line->n && last_line->c[p] == '#';
        if (lc != '\r' && lc != '\n' && !comment) {
            emit_raw(s->t, TOK_NEWLINE, NULL, 0, s->lnum - 1, last_line->n, s->lnum - 1,
                     last_line->n + 1);
        }
    }
    for (int i = 1; i < s->nindents; i++) {
        emit_raw(s->t, TOK_DEDENT, NULL, 0, s->lnum, 0, s->lnum, 0);
    }
    emit_raw(s->t, TOK_ENDMARKER, NULL, 0, s->lnum, 0, s->lnum, 0);
    return 0;
}

// ---- encodings (tokenize.detect_encoding) -----------------------------------------------------

// [-\w.] under re.ASCII.
static int is_cookie_char(char c) {
    return c == '-' || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
           ((c | 32) >= 'a' && (c | 32) <= 'z');
}

// cookie_re: ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)  (ASCII); the name into out.
static int find_cookie_re(const char *s, size_t n, char *out, size_t out_size) {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) {
        i++;
    }
    if (i >= n || s[i] != '#') {
        return 0;
    }
    for (; i + 6 < n; i++) {
        if (s[i] == '\n' || s[i] == '\r') {
            // '.' does not match '\n'; '\r' it does, but lines end there anyway
            if (s[i] == '\n') {
                return 0;
            }
        }
        if (memcmp(s + i, "coding", 6) != 0 || (s[i + 6] != ':' && s[i + 6] != '=')) {
            continue;
        }
        size_t j = i + 7;
        while (j < n && (s[j] == ' ' || s[j] == '\t')) {
            j++;
        }
        size_t b = j;
        while (j < n && is_cookie_char(s[j])) {
            j++;
        }
        if (j > b) {
            size_t len = j - b < out_size - 1 ? j - b : out_size - 1;
            memcpy(out, s + b, len);
            out[len] = '\0';
            return 1;
        }
    }
    return 0;
}

// tokenize._get_normal_name
static void normal_name(const char *orig, char *out, size_t size) {
    char low[13];
    int i;
    for (i = 0; i < 12 && orig[i]; i++) {
        char c = orig[i];
        low[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    low[i] = '\0';
    if (strcmp(low, "utf-8") == 0 || strncmp(low, "utf-8-", 6) == 0) {
        snprintf(out, size, "utf-8");
    } else if (strcmp(low, "latin-1") == 0 || strcmp(low, "iso-8859-1") == 0 ||
               strcmp(low, "iso-latin-1") == 0 || strncmp(low, "latin-1-", 8) == 0 ||
               strncmp(low, "iso-8859-1-", 11) == 0 || strncmp(low, "iso-latin-1-", 12) == 0) {
        snprintf(out, size, "iso-8859-1");
    } else {
        snprintf(out, size, "%.63s", orig);
    }
}

typedef struct Source {
    const char *data;
    size_t len;
} Source;

// One line (up to and with '\n') of raw bytes starting at *off.
static int next_raw_line(const Source *src, size_t *off, const char **s, size_t *n) {
    if (*off >= src->len) {
        return 0;
    }
    const char *start = src->data + *off;
    const char *nl = memchr(start, '\n', src->len - *off);
    *n = nl ? (size_t)(nl - start + 1) : src->len - *off;
    *s = start;
    *off += *n;
    return 1;
}

// The cookie of one line as detect_encoding's find_cookie sees it: 1 found, 0 none, -1 error.
static int line_cookie(const char *s, size_t n, int bom, const char *fname, char *enc,
                       size_t enc_size, char *err, size_t err_size) {
    char msg[16];
    if (kaa_tok_utf8_check(s, n, msg, sizeof msg) >= 0) {
        snprintf(err, err_size, "invalid or missing encoding declaration for '%s'", fname);
        return -1;
    }
    char raw[128];
    if (!find_cookie_re(s, n, raw, sizeof raw)) {
        return 0;
    }
    normal_name(raw, enc, enc_size);
    if (strcmp(enc, "utf-8") != 0 && !kaa_tok_codec_name(enc)) {
        snprintf(err, err_size, "unknown encoding for '%s': %s", fname, enc);
        return -1;
    }
    if (bom) {
        if (strcmp(enc, "utf-8") != 0) {
            snprintf(err, err_size, "encoding problem for '%s': utf-8", fname);
            return -1;
        }
        snprintf(enc, enc_size, "utf-8-sig");
    }
    return 1;
}

// blank_re: ^[ \t\f]*(?:[#\r\n]|$)
static int blank_line(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f')) {
        i++;
    }
    return i == n || s[i] == '#' || s[i] == '\r' || s[i] == '\n';
}

// tokenize.detect_encoding. Returns 0 with the encoding in enc and the BOM length in *skip,
// or -1 with the message in err.
static int detect_encoding(const Source *src, const char *fname, char *enc, size_t enc_size,
                           size_t *skip, char *err, size_t err_size) {
    size_t off = 0, n;
    const char *s;
    int bom = 0;
    *skip = 0;
    snprintf(enc, enc_size, "utf-8");
    if (!next_raw_line(src, &off, &s, &n)) {
        return 0;
    }
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        bom = 1;
        s += 3;
        n -= 3;
        *skip = 3;
        snprintf(enc, enc_size, "utf-8-sig");
    }
    if (n == 0) {
        return 0;
    }
    char found[64];
    int r = line_cookie(s, n, bom, fname, found, sizeof found, err, err_size);
    if (r != 0) {
        if (r > 0) {
            snprintf(enc, enc_size, "%s", found);
        }
        return r > 0 ? 0 : -1;
    }
    if (!blank_line(s, n) || !next_raw_line(src, &off, &s, &n)) {
        return 0;
    }
    r = line_cookie(s, n, bom, fname, found, sizeof found, err, err_size);
    if (r > 0) {
        snprintf(enc, enc_size, "%s", found);
    }
    return r < 0 ? -1 : 0;
}

// Decodes one line of raw bytes into characters; -1 when the encoding rejects it.
static int decode_line(const char *enc, const char *s, size_t n, Line *out, char *msg,
                       size_t msg_size) {
    const char *utf8 = s;
    size_t len = n;
    KaaArena arena;
    kaa_arena_init(&arena);
    if (strcmp(enc, "utf-8") != 0 && strcmp(enc, "utf-8-sig") != 0) {
        utf8 = kaa_tok_codec_decode(&arena, kaa_tok_codec_name(enc), s, n, &len, msg, msg_size);
        if (!utf8) {
            kaa_arena_free(&arena);
            return -1;
        }
    } else if (kaa_tok_utf8_check(s, n, msg, msg_size) >= 0) {
        return -1;
    }
    out->c = malloc((len + 1) * sizeof(uint32_t));
    if (!out->c) {
        abort();
    }
    out->n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += (size_t)kaa_tok_utf8_decode(utf8 + i, len - i, &cp);
        out->c[out->n++] = cp;
    }
    out->c[out->n] = 0;
    kaa_arena_free(&arena);
    return 0;
}

// Stdin's text layer decodes UTF-8 with the surrogateescape handler (the C.UTF-8 locale):
// each byte that starts no valid sequence becomes U+DC00 + byte.
static void decode_escaped(const char *s, size_t n, Line *out) {
    out->c = malloc((n + 1) * sizeof(uint32_t));
    if (!out->c) {
        abort();
    }
    out->n = 0;
    char msg[200];
    size_t i = 0;
    while (i < n) {
        long bad = kaa_tok_utf8_check(s + i, n - i, msg, sizeof msg);
        size_t good_end = bad < 0 ? n : i + (size_t)bad;
        while (i < good_end) {
            uint32_t cp;
            i += (size_t)kaa_tok_utf8_decode(s + i, good_end - i, &cp);
            out->c[out->n++] = cp;
        }
        if (i < n) {
            out->c[out->n++] = 0xDC00u + (unsigned char)s[i++];
        }
    }
    out->c[out->n] = 0;
}

// Stdin is read as text: universal newlines, UTF-8.
static char *translate_universal(const char *s, size_t n, size_t *out_len) {
    char *d = malloc(n + 1), *p = d;
    if (!d) {
        abort();
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            *p++ = '\n';
            if (i + 1 < n && s[i + 1] == '\n') {
                i++;
            }
        } else {
            *p++ = s[i];
        }
    }
    *out_len = (size_t)(p - d);
    return d;
}

// ---- the command ------------------------------------------------------------------------------

// Splits the source into raw lines, as readline would return them.
static void split_lines(const char *data, size_t len, Lines *ls) {
    Source src = {data, len};
    int cap = 0;
    size_t off = 0, n;
    const char *s;
    while (next_raw_line(&src, &off, &s, &n)) {
        if (ls->n == cap) {
            cap = cap ? cap * 2 : 256;
            ls->raw = realloc(ls->raw, (size_t)cap * sizeof(char *));
            ls->rawlen = realloc(ls->rawlen, (size_t)cap * sizeof(size_t));
            if (!ls->raw || !ls->rawlen) {
                abort();
            }
        }
        ls->raw[ls->n] = s;
        ls->rawlen[ls->n++] = n;
    }
    ls->dec = calloc((size_t)ls->n + 1, sizeof(Line));
    if (!ls->dec) {
        abort();
    }
}

// Frees the decoded lines; the raw lines point into the caller's buffer.
static void free_lines(Lines *ls) {
    for (int i = 0; i < ls->n; i++) {
        free(ls->dec[i].c);
    }
    free(ls->dec);
    free(ls->raw);
    free(ls->rawlen);
}

int kaa_tokenize_module(const char *data, size_t len, const char *fname, int from_stdin,
                        int exact, KaaTextBuf *out, char *err, size_t err_size) {
    char enc[64], msg[512];
    size_t skip = 0;
    if (from_stdin) {
        snprintf(enc, sizeof enc, "utf-8");
    } else if (detect_encoding(&(Source){data, len}, fname, enc, sizeof enc, &skip, msg,
                               sizeof msg) < 0) {
        snprintf(err, err_size, "%s: error: %s", fname, msg);
        return 2;
    }
    Lines ls = {NULL, NULL, NULL, 0, enc, from_stdin, ""};
    split_lines(data + skip, len - skip, &ls);
    Tok t = {out, exact};
    State st = {0};
    st.t = &t;
    const char *shown = strcmp(enc, "utf-8-sig") == 0 ? "utf-8" : enc;
    int r = tokenize_lines(&st, &ls, !from_stdin, shown);
    if (r == -1) {
        snprintf(err, err_size, "%s:%s", fname, st.error);
    } else if (r == -2) {
        // tokenize.main reports the exception, then lets it go: a traceback follows.
        snprintf(err, err_size,
                 "unexpected error: %s\nTraceback (most recent call last):\nUnicodeDecodeError: %s",
                 ls.errmsg, ls.errmsg);
    }
    free(st.contstr);
    free_lines(&ls);
    return r == 0 ? 0 : r == -1 ? 1 : 2;
}

// Python prints the tokens of a file only when all of them were made; from stdin it prints
// them as they come, so they precede the error.
static int run(int exact, const char *fname, const char *data, size_t len, int from_stdin) {
    KaaTextBuf out = {0};
    char err[1024];
    int r = kaa_tokenize_module(data, len, fname, from_stdin, exact, &out, err, sizeof err);
    if (r == 0 || from_stdin) {
        fwrite(out.data ? out.data : "", 1, out.len, stdout);
    }
    fflush(stdout);
    if (r != 0) {
        fprintf(stderr, "%s\n", err);
    }
    kaa_textbuf_free(&out);
    return r ? 1 : 0;
}

// `python -m tokenize [-e] [filename]`: argparse's checks first, then the file or stdin.
int kaa_parse_tool_tokenize(int argc, char **argv) {
    static const ToolOption opts[] = {
        {0, 'h', "help", 0, "-h/--help"},
        {1, 'e', "exact", 0, "-e/--exact"},
        {-1, 0, NULL, 0, NULL},
    };
    ToolParser tp = {"python -m tokenize", TOK_USAGE, opts, argc, argv, 1, 0, 0, NULL, 0, ""};
    const char *file = NULL, *value;
    int id, r, exact = 0;
    while ((r = kaa_tool_next(&tp, &id, &value)) > 0) {
        if (id == TOOL_POSITIONAL) {
            if (file) {
                kaa_tool_extra(&tp, value);
            } else {
                file = value;
            }
        } else if (id == 0) {
            fputs(TOK_USAGE, stdout);
            fputs(TOK_HELP, stdout);
            return 0;
        } else {
            exact = 1;
        }
    }
    if (r < 0) {
        return tp.status;
    }
    if (tp.extra) {
        kaa_tool_report_extra(&tp);
        return tp.status;
    }
    size_t len;
    char *data = file ? kaa_tool_read_source(file, &len) : kaa_tool_read_source(NULL, &len);
    if (!data) {
        fprintf(stderr, "error: [Errno 2] No such file or directory: '%s'\n", file);
        return 1;
    }
    int status;
    if (!file) {
        size_t n;
        char *text = translate_universal(data, len, &n);
        status = run(exact, "<stdin>", text, n, 1);
        free(text);
    } else {
        status = run(exact, file, data, len, 0);
    }
    free(data);
    fflush(stdout);
    return status;
}
