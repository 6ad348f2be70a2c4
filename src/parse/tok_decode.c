// parse/tok_decode.c — from source bytes to the UTF-8 text the tokenizer reads.
//
// Stage: parse. Owns what compile(bytes) does before tokenizing: newline translation (CRLF and
// lone CR become LF), the UTF-8 BOM, the PEP 263 coding cookie of the first two lines, and
// decoding single-byte encodings to UTF-8; also the UTF-8 validity check whose messages mimic
// CPython's UnicodeDecodeError. Must not: tokenize, or know about the object system.
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse/codecs.h"
#include "parse/tokenizer.h"

// ---- UTF-8 ------------------------------------------------------------------------------------

int kaa_tok_utf8_decode(const char *s, size_t n, uint32_t *cp) {
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    int need;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c < 0xE0) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c < 0xF0) {
        need = 2;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c < 0xF5) {
        need = 3;
        v = c & 0x07;
    } else {
        *cp = c;
        return 1;
    }
    if ((size_t)need >= n) {
        *cp = c;
        return 1;
    }
    for (int i = 1; i <= need; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = c;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    *cp = v;
    return need + 1;
}

int kaa_tok_char_count(const char *s, size_t n) {
    int count = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += (size_t)kaa_tok_utf8_decode(s + i, n - i, &cp);
        count++;
    }
    return count;
}

// The valid range of the second byte of a sequence starting with c (CPython's decoder rejects
// overlong forms, surrogates and code points above U+10FFFF at the second byte).
static void second_byte_range(unsigned c, unsigned *lo, unsigned *hi) {
    *lo = 0x80;
    *hi = 0xBF;
    if (c == 0xE0) {
        *lo = 0xA0;
    } else if (c == 0xED) {
        *hi = 0x9F;
    } else if (c == 0xF0) {
        *lo = 0x90;
    } else if (c == 0xF4) {
        *hi = 0x8F;
    }
}

static long utf8_scan(const char *str, size_t len, size_t *bad_len, char *msg,
                      size_t msg_size);

static void decode_error(char *msg, size_t size, const char *codec, const unsigned char *s,
                         size_t start, size_t end, const char *reason) {
    if (end - start == 1) {
        snprintf(msg, size, "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec,
                 s[start], start, reason);
    } else {
        snprintf(msg, size, "'%s' codec can't decode bytes in position %zu-%zu: %s", codec,
                 start, end - 1, reason);
    }
}

long kaa_tok_utf8_check(const char *str, size_t len, char *msg, size_t msg_size) {
    size_t bad_len;
    return utf8_scan(str, len, &bad_len, msg, msg_size);
}

long kaa_tok_utf8_invalid(const char *str, size_t len, size_t *bad_len) {
    char msg[160];
    return utf8_scan(str, len, bad_len, msg, sizeof msg);
}

// The first invalid sequence of s[0..len), as CPython's UTF-8 decoder delimits it: its offset
// (or -1 when there is none), its length in *bad_len and the decoder's message in msg.
static long utf8_scan(const char *str, size_t len, size_t *bad_len, char *msg,
                      size_t msg_size) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int need = c < 0xC2 ? -1 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF5 ? 3 : -1;
        if (need < 0) {
            decode_error(msg, msg_size, "utf-8", s, i, i + 1, "invalid start byte");
            *bad_len = 1;
            return (long)i;
        }
        unsigned lo, hi;
        second_byte_range(c, &lo, &hi);
        for (int k = 1; k <= need; k++) {
            if (i + k >= len) {
                decode_error(msg, msg_size, "utf-8", s, i, len, "unexpected end of data");
                *bad_len = len - i;
                return (long)i;
            }
            unsigned b = s[i + k];
            int ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
            if (!ok) {
                decode_error(msg, msg_size, "utf-8", s, i, i + k, "invalid continuation byte");
                *bad_len = (size_t)k;
                return (long)i;
            }
        }
        i += (size_t)need + 1;
    }
    return -1;
}

// ---- codecs -----------------------------------------------------------------------------------

const char *kaa_tok_normal_name(const char *s, char *buf, size_t size) {
    char low[13];
    int i;
    for (i = 0; i < 12 && s[i]; i++) {
        low[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
    }
    low[i] = '\0';
    if (strcmp(low, "utf-8") == 0 || strncmp(low, "utf-8-", 6) == 0) {
        return "utf-8";
    }
    if (strcmp(low, "latin-1") == 0 || strcmp(low, "iso-8859-1") == 0 ||
        strcmp(low, "iso-latin-1") == 0 || strncmp(low, "latin-1-", 8) == 0 ||
        strncmp(low, "iso-8859-1-", 11) == 0 || strncmp(low, "iso-latin-1-", 12) == 0) {
        return "iso-8859-1";
    }
    snprintf(buf, size, "%s", s);
    return buf;
}

// encodings.normalize_encoding after codecs.lookup's lower-casing: runs of characters other
// than ASCII letters, digits and '.' become one '_' (none at the start).
static void normalize_codec_name(const char *s, char *out, size_t size) {
    size_t n = 0;
    int punct = 0;
    for (; *s && n + 2 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || c == '.') {
            if (punct && n > 0) {
                out[n++] = '_';
            }
            out[n++] = (char)tolower(c);
            punct = 0;
        } else {
            punct = 1;
        }
    }
    out[n] = '\0';
}

static const KaaCodec *find_codec(const char *name) {
    for (const KaaCodec *c = kaa_codecs; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            return c;
        }
    }
    return NULL;
}

const char *kaa_tok_codec_name(const char *name) {
    char norm[256], dotless[256];
    normalize_codec_name(name, norm, sizeof norm);
    snprintf(dotless, sizeof dotless, "%s", norm);
    for (char *p = dotless; *p; p++) {
        if (*p == '.') {
            *p = '_';
        }
    }
    for (const KaaCodecAlias *a = kaa_codec_aliases; a->alias; a++) {
        if (strcmp(a->alias, norm) == 0 || strcmp(a->alias, dotless) == 0) {
            return find_codec(a->name)->name;
        }
    }
    const KaaCodec *c = find_codec(norm);
    return c ? c->name : NULL;
}

static char *put_utf8(char *p, uint32_t cp) {
    if (cp < 0x80) {
        *p++ = (char)cp;
    } else if (cp < 0x800) {
        *p++ = (char)(0xC0 | (cp >> 6));
        *p++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *p++ = (char)(0xE0 | (cp >> 12));
        *p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *p++ = (char)(0x80 | (cp & 0x3F));
    }
    return p;
}

char *kaa_tok_codec_decode(KaaArena *arena, const char *name, const char *s, size_t len,
                           size_t *out_len, char *msg, size_t msg_size) {
    const KaaCodec *c = find_codec(name);
    if (!c) {
        snprintf(msg, msg_size, "unknown encoding: %s", name);
        return NULL;
    }
    if (!c->high) {
        // UTF-8 named by an alias ("utf8"): validated here, unlike the default UTF-8.
        size_t skip = 0;
        if (strcmp(c->name, "utf_8_sig") == 0 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            skip = 3;
        }
        if (kaa_tok_utf8_check(s + skip, len - skip, msg, msg_size) >= 0) {
            return NULL;
        }
        *out_len = len - skip;
        return kaa_arena_strndup(arena, s + skip, len - skip);
    }
    char *out = kaa_arena_alloc(arena, len * 3 + 1), *p = out;
    int ascii = strcmp(c->name, "ascii") == 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp = b < 0x80 ? b : c->high[b - 0x80];
        if (cp == 0xFFFF) {
            decode_error(msg, msg_size, ascii ? "ascii" : "charmap", (const unsigned char *)s, i,
                         i + 1, ascii ? "ordinal not in range(128)"
                                      : "character maps to <undefined>");
            return NULL;
        }
        p = put_utf8(p, cp);
    }
    *p = '\0';
    *out_len = (size_t)(p - out);
    return out;
}

// ---- the source -------------------------------------------------------------------------------

// CRLF and lone CR become LF; with add_newline, a final LF is added when missing.
static char *translate_newlines(KaaArena *arena, const char *s, size_t len, int add_newline,
                                size_t *out_len) {
    char *out = kaa_arena_alloc(arena, len + 2), *p = out;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\r') {
            *p++ = '\n';
            if (i + 1 < len && s[i + 1] == '\n') {
                i++;
            }
        } else {
            *p++ = s[i];
        }
    }
    if (add_newline && (p == out || p[-1] != '\n')) {
        *p++ = '\n';
    }
    *p = '\0';
    *out_len = (size_t)(p - out);
    return out;
}

static int set_error(KaaSyntaxError *err, int lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int set_error(KaaSyntaxError *err, int lineno, const char *fmt, ...) {
    memset(err, 0, sizeof *err);
    err->type = "SyntaxError";
    err->lineno = lineno;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

// CPython's get_coding_spec: a comment line "# ... coding[:=] name" gives the name.
// Returns 1 with the name in spec when found; 0 otherwise; *code_line tells whether the line
// holds anything but whitespace and a comment (which stops the search).
static int coding_spec(const char *s, size_t size, char *spec, size_t spec_size,
                       int *code_line) {
    size_t i;
    *code_line = 0;
    for (i = 0; i < size; i++) {
        if (s[i] == '#' || s[i] == '\n') {
            break;
        }
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f') {
            *code_line = 1;
            break;
        }
    }
    if (size < 7) {
        return 0;
    }
    for (i = 0; i < size - 6; i++) {
        if (s[i] == '#') {
            break;
        }
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f') {
            return 0;
        }
    }
    for (; i < size - 6; i++) {
        const char *t = s + i;
        if (memcmp(t, "coding", 6) != 0) {
            continue;
        }
        t += 6;
        if (t[0] != ':' && t[0] != '=') {
            continue;
        }
        do {
            t++;
        } while (t[0] == ' ' || t[0] == '\t');
        const char *begin = t;
        while (isalnum((unsigned char)t[0]) || t[0] == '-' || t[0] == '_' || t[0] == '.') {
            t++;
        }
        if (begin < t) {
            char raw[240], buf[240];
            size_t n = (size_t)(t - begin) < sizeof raw - 1 ? (size_t)(t - begin) : sizeof raw - 1;
            memcpy(raw, begin, n);
            raw[n] = '\0';
            snprintf(spec, spec_size, "%s", kaa_tok_normal_name(raw, buf, sizeof buf));
            return 1;
        }
    }
    return 0;
}

// Looks for a cookie in the first line, then in the second when the first holds no code.
static int find_cookie(const char *text, size_t len, char *spec, size_t spec_size) {
    const char *nl1 = memchr(text, '\n', len);
    if (!nl1) {
        return 0;
    }
    int code_line;
    if (coding_spec(text, (size_t)(nl1 - text), spec, spec_size, &code_line)) {
        return 1;
    }
    if (code_line) {
        return 0;
    }
    const char *second = nl1 + 1;
    const char *nl2 = memchr(second, '\n', (size_t)(text + len - second));
    if (!nl2) {
        return 0;
    }
    return coding_spec(second, (size_t)(nl2 - second + 1), spec, spec_size, &code_line);
}

// The steps and their order are CPython's decode_str: translate newlines first (so positions in
// decoding errors count translated text), then the BOM, then a cookie on line 1 or, when line 1
// holds no code, on line 2. Without a cookie the text is taken as UTF-8 without checking it:
// CPython reports bad bytes only where it decodes them (identifiers, string literals).
int kaa_tok_decode(KaaArena *arena, const char *src, size_t len, int flags, int add_newline,
                   KaaSource *out, KaaSyntaxError *err) {
    if (memchr(src, '\0', len)) {
        return set_error(err, -1, "source code string cannot contain null bytes");
    }
    size_t n;
    char *text = translate_newlines(arena, src, len, add_newline, &n);
    out->encoding = NULL;
    if (flags & KAA_PARSE_SOURCE_IS_UTF8) {
        out->text = text;
        out->len = n;
        out->encoding = "utf-8";
        return 0;
    }
    int bom = n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    if (bom) {
        text += 3;
        n -= 3;
        out->encoding = "utf-8";
    }
    char spec[240];
    if (find_cookie(text, n, spec, sizeof spec)) {
        if (bom && strcmp(spec, "utf-8") != 0) {
            return set_error(err, 0, "encoding problem: %s with BOM", spec);
        }
        if (strcmp(spec, "utf-8") != 0) {
            const char *codec = kaa_tok_codec_name(spec);
            if (!codec) {
                return set_error(err, 0, "unknown encoding: %s", spec);
            }
            char msg[200];
            size_t dn;
            char *decoded = kaa_tok_codec_decode(arena, codec, text, n, &dn, msg, sizeof msg);
            if (!decoded) {
                return set_error(err, 0, "%s", msg);
            }
            text = decoded;
            n = dn;
        }
        out->encoding = kaa_arena_strndup(arena, spec, strlen(spec));
    }
    out->text = text;
    out->len = n;
    return 0;
}
