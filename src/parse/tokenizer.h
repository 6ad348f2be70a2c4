// parse/tokenizer.h — source bytes to tokens, with CPython 3.11's lexical rules.
//
// Stage: parse. Takes the bytes of a source file, decodes them to UTF-8 text (BOM, coding
// cookie, newline translation: kaa_tok_decode), then cuts that text into tokens one at a time
// (kaa_tok_next), as CPython's C tokenizer does for the parser: INDENT/DEDENT, NEWLINE only at
// the end of logical lines, comments dropped (type comments kept when asked for).
// Columns are UTF-8 byte offsets. Errors are reported through `done` and `err`, never by
// longjmp, so the tokenizer can be driven by the parser and by tools alike.
#ifndef KAA_PARSE_TOKENIZER_H
#define KAA_PARSE_TOKENIZER_H

#include "parse/ast.h"

typedef enum KaaTokType {
#define TOKEN(name, text) TOK_##name,
#include "parse/token.def"
#undef TOKEN
    TOK_COUNT
} KaaTokType;

extern const char *const kaa_tok_names[TOK_COUNT];  // "ENDMARKER", "NAME", ...
extern const char *const kaa_tok_texts[TOK_COUNT];  // "(", ... or NULL

// The operator token spelled by s[0..len), or TOK_OP when it is not an operator.
int kaa_tok_operator(const char *s, size_t len);

// ---- decoding ---------------------------------------------------------------------------------
typedef struct KaaSource {
    char *text;            // UTF-8 (unvalidated when the source claims UTF-8), '\n' line ends
    size_t len;            // NUL-terminated at text[len]
    const char *encoding;  // "utf-8" when a BOM or cookie said so, the cookie's codec, or NULL
} KaaSource;

// Decodes source bytes the way compile(bytes) does: newline translation, BOM, coding cookie in
// the first two lines, conversion to UTF-8. `add_newline` appends a final '\n' when missing
// (exec input only, as CPython does).
// Returns 0, or -1 with *err filled (an encoding problem: lineno 0; a NUL byte: lineno -1,
// meaning "no location").
int kaa_tok_decode(KaaArena *arena, const char *src, size_t len, int flags, int add_newline,
                   KaaSource *out, KaaSyntaxError *err);

// Finds the codec named by a coding cookie, as the tokenizer normalises names ("latin-1",
// "utf_8" ...). Returns its canonical name (e.g. "iso8859_15") or NULL when kaa lacks it.
const char *kaa_tok_codec_name(const char *name);

// Decodes `len` bytes in codec `name` (as returned by kaa_tok_codec_name) to UTF-8 in the
// arena. Returns NULL and writes Python's UnicodeDecodeError text into msg on failure.
char *kaa_tok_codec_decode(KaaArena *arena, const char *name, const char *s, size_t len,
                           size_t *out_len, char *msg, size_t msg_size);

// Checks s[0..len) is valid UTF-8. Returns -1 when it is; otherwise writes the text of
// CPython's UnicodeDecodeError ("'utf-8' codec can't decode byte 0xe9 in position 3:
// unexpected end of data") into msg and returns the offset of the first bad byte.
long kaa_tok_utf8_check(const char *s, size_t len, char *msg, size_t msg_size);

// Finds the first invalid UTF-8 sequence of s[0..len): returns its offset, or -1 when there is
// none, and its length (as CPython's decoder delimits it, one U+FFFD under "replace").
long kaa_tok_utf8_invalid(const char *s, size_t len, size_t *bad_len);

// CPython's get_normal_name: "utf-8" and "iso-8859-1" for their spellings, else the name.
const char *kaa_tok_normal_name(const char *name, char *buf, size_t size);

// ---- tokens -----------------------------------------------------------------------------------
typedef struct KaaToken {
    int type;                       // KaaTokType
    const char *start, *end;        // the token's text; NULL for INDENT, DEDENT, ENDMARKER
    int lineno, col_offset;         // col -1 when the token has no text
    int end_lineno, end_col_offset;
    int level;                      // bracket depth after the token
} KaaToken;

// Why kaa_tok_next returned TOK_ERRORTOKEN (CPython's E_* codes).
enum {
    KAA_TOK_OK = 0,
    KAA_TOK_EOF,       // end of input (inside brackets: an unclosed bracket)
    KAA_TOK_ERROR,     // a SyntaxError, described in `err`
    KAA_TOK_DEDENT,    // unindent does not match any outer indentation level
    KAA_TOK_TABSPACE,  // inconsistent use of tabs and spaces
    KAA_TOK_TOODEEP,   // too many levels of indentation
    KAA_TOK_LINECONT,  // a character after a line continuation backslash
    KAA_TOK_DECODE,    // undecodable bytes in an identifier, described in `err`
};

#define KAA_TOK_MAXINDENT 100
#define KAA_TOK_MAXLEVEL 200

typedef struct KaaTokenizer {
    KaaArena *arena;
    const char *buf_start;     // the whole text
    const char *end;           // its end
    const char *cur;           // next character
    const char *inp;           // end of the current line (after its '\n')
    const char *line_start;    // start of the current line
    const char *multi_line_start;  // line start where the last string began
    int lineno, first_lineno;  // current line; line where the last string began
    int done;                  // KAA_TOK_*
    int type_comments;         // produce TYPE_COMMENT / TYPE_IGNORE
    int atbol;                 // at the beginning of a line
    int pendin;                // pending INDENTs (>0) or DEDENTs (<0)
    int indent;                // top of indstack
    int indstack[KAA_TOK_MAXINDENT];
    int altindstack[KAA_TOK_MAXINDENT];  // the same measured with tabs of size 1
    int level;                 // bracket depth
    char parenstack[KAA_TOK_MAXLEVEL];
    int parenlinenostack[KAA_TOK_MAXLEVEL];
    int parencolstack[KAA_TOK_MAXLEVEL];
    int cont_line;             // the line is a continuation line
    KaaSyntaxError err;        // filled when done is KAA_TOK_ERROR or KAA_TOK_DECODE
} KaaTokenizer;

// Starts tokenizing text[0..len) (NUL-terminated, '\n' line ends). `lineno` is the number of
// the line before the first one (0 for a file; f-string expressions start further down).
void kaa_tok_init(KaaTokenizer *tok, KaaArena *arena, const char *text, size_t len, int lineno,
                  int type_comments);

// The next token; TOK_ERRORTOKEN with tok->done set on an error or on end of input inside
// brackets.
int kaa_tok_next(KaaTokenizer *tok, KaaToken *out);

// Fills *err with a SyntaxError at line `lineno` of tok's text: offsets are 1-based character
// offsets computed from byte columns (col < 0: no offset), and text is that line.
void kaa_tok_set_error(KaaTokenizer *tok, KaaSyntaxError *err, const char *type, int lineno,
                       int col, int end_lineno, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

// The line `lineno` of text (1-based) as [*start, *end), *end after its '\n' when it has one.
int kaa_tok_find_line(const char *text, const char *text_end, int lineno, const char **start,
                      const char **end);

// Number of characters in the UTF-8 bytes s[0..n) (invalid bytes count one each).
int kaa_tok_char_count(const char *s, size_t n);

// Decodes one UTF-8 character at s (n bytes available); returns its length (1 for an invalid
// byte, whose value is then stored as the byte itself).
int kaa_tok_utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
