// objects/str_codecs.c — the text codecs built into str: str.encode, str(b, encoding, errors)
// and (through kaa_str_decode) bytes.decode.
//
// Stage: objects. Owns encoding-name lookup, the UTF-8, ASCII, Latin-1, UTF-16 and UTF-32
// codecs (with their -le/-be forms and BOMs), and the standard error handlers: strict,
// ignore, replace, backslashreplace, xmlcharrefreplace (encoding), surrogateescape and
// surrogatepass. Errors are reported with CPython's UnicodeEncodeError/UnicodeDecodeError
// ranges and reasons, so their messages match word for word.
// Must not: call into Python-level codecs (no codecs module here); other encodings raise
// LookupError.
#include <ctype.h>
#include <string.h>

#include "objects/objects.h"
#include "objects/str_internal.h"

typedef enum {
    CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1,
    CODEC_UTF16, CODEC_UTF16LE, CODEC_UTF16BE,
    CODEC_UTF32, CODEC_UTF32LE, CODEC_UTF32BE,
    CODEC_REGISTRY,  // any other name: the codec registry (Lib/encodings) decides
} CodecId;

typedef enum {
    ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_BACKSLASH, ERR_XMLREF, ERR_ESCAPE, ERR_PASS,
    ERR_UNKNOWN,
} ErrId;

typedef struct {
    CodecId id;
    const char *name;  // as error messages spell it: "utf-8", "utf-16-le", ...
    KaaValue errors;   // the handler's name, for "unknown error handler name"
    ErrId err;
    bool fast;         // a name CPython handles without its codec registry (see is_fast_name)
    bool encoding;     // encoding (not decoding), for the registry's wrapped messages
} Codec;

// ---- lookup ------------------------------------------------------------------------------

static const struct {
    const char *alias;
    CodecId id;
} aliases[] = {
    {"utf_8", CODEC_UTF8}, {"utf8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8},
    {"utf8_ucs2", CODEC_UTF8}, {"utf8_ucs4", CODEC_UTF8}, {"cp65001", CODEC_UTF8},
    {"ascii", CODEC_ASCII}, {"646", CODEC_ASCII}, {"us_ascii", CODEC_ASCII},
    {"ansi_x3.4_1968", CODEC_ASCII}, {"ansi_x3_4_1968", CODEC_ASCII},
    {"ansi_x3.4_1986", CODEC_ASCII}, {"cp367", CODEC_ASCII}, {"csascii", CODEC_ASCII},
    {"ibm367", CODEC_ASCII}, {"iso646_us", CODEC_ASCII}, {"iso_646.irv_1991", CODEC_ASCII},
    {"iso_ir_6", CODEC_ASCII}, {"us", CODEC_ASCII},
    {"latin_1", CODEC_LATIN1}, {"latin1", CODEC_LATIN1}, {"latin", CODEC_LATIN1},
    {"l1", CODEC_LATIN1}, {"8859", CODEC_LATIN1}, {"cp819", CODEC_LATIN1},
    {"csisolatin1", CODEC_LATIN1}, {"ibm819", CODEC_LATIN1}, {"iso8859", CODEC_LATIN1},
    {"iso8859_1", CODEC_LATIN1}, {"iso_8859_1", CODEC_LATIN1},
    {"iso_8859_1_1987", CODEC_LATIN1}, {"iso_ir_100", CODEC_LATIN1},
    {"utf_16", CODEC_UTF16}, {"utf16", CODEC_UTF16}, {"u16", CODEC_UTF16},
    {"utf_16_le", CODEC_UTF16LE}, {"utf_16le", CODEC_UTF16LE},
    {"unicodelittleunmarked", CODEC_UTF16LE},
    {"utf_16_be", CODEC_UTF16BE}, {"utf_16be", CODEC_UTF16BE},
    {"unicodebigunmarked", CODEC_UTF16BE},
    {"utf_32", CODEC_UTF32}, {"utf32", CODEC_UTF32}, {"u32", CODEC_UTF32},
    {"utf_32_le", CODEC_UTF32LE}, {"utf_32le", CODEC_UTF32LE},
    {"utf_32_be", CODEC_UTF32BE}, {"utf_32be", CODEC_UTF32BE},
};

static const char *const codec_names[] = {
    "utf-8", "ascii", "latin-1", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
    "utf-32-be",
};

// encodings.normalize_encoding, then lower case: runs of punctuation become one '_'.
static void normalize(KaaValue name, char *out, size_t size) {
    size_t len;
    const char *s = kaa_str_utf8_sp(name, &len);
    size_t n = 0;
    bool punct = false;
    for (size_t i = 0; i < len && n + 2 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c == '.' || c >= 128) {
            if (punct && n > 0) {
                out[n++] = '_';
            }
            out[n++] = (char)tolower(c);
            punct = false;
        } else {
            punct = true;
        }
    }
    out[n] = 0;
}

static CodecId lookup_codec(KaaValue encoding) {
    if (encoding == KAA_NULL) {
        return CODEC_UTF8;
    }
    char norm[64];
    normalize(encoding, norm, sizeof norm);
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(norm, aliases[i].alias) == 0) {
            return aliases[i].id;
        }
    }
    return CODEC_REGISTRY;
}

static ErrId lookup_errors(KaaValue errors) {
    static const char *const names[] = {
        "strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace",
        "surrogateescape", "surrogatepass",
    };
    if (errors == KAA_NULL) {
        return ERR_STRICT;
    }
    for (int i = 0; i < ERR_UNKNOWN; i++) {
        if (kaa_str_eq_cstr(errors, names[i])) {
            return (ErrId)i;
        }
    }
    return ERR_UNKNOWN;
}

// CPython calls its codecs directly for these names (lower case, '_' read as '-'); other
// names go through the codec registry, which wraps a LookupError or TypeError raised by an
// error handler in "encoding with 'x' codec failed (...)". kaa reproduces the difference.
static bool is_fast_name(KaaValue encoding) {
    static const char *const fast[] = {
        "utf-8", "utf8", "utf-16", "utf16", "utf-32", "utf32", "ascii", "us-ascii", "latin1",
        "latin-1", "iso-8859-1", "iso8859-1", NULL,
    };
    if (encoding == KAA_NULL) {
        return true;
    }
    size_t len;
    const char *s = kaa_str_utf8_sp(encoding, &len);
    char norm[16];
    if (len >= sizeof norm) {
        return false;
    }
    for (size_t i = 0; i <= len; i++) {
        norm[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
    }
    for (size_t i = 0; fast[i]; i++) {
        if (strcmp(norm, fast[i]) == 0) {
            return true;
        }
    }
    return false;
}

// A codec of ours, or c->id CODEC_REGISTRY (then only the id is set).
static void codec_init(Codec *c, KaaValue encoding, KaaValue errors, bool encode) {
    c->id = lookup_codec(encoding);
    if (c->id == CODEC_REGISTRY) {
        return;
    }
    c->name = codec_names[c->id];
    c->errors = errors;
    c->err = lookup_errors(errors);
    c->fast = is_fast_name(encoding);
    c->encoding = encode;
}

// Raises a LookupError or TypeError from an error handler, wrapped as the registry does.
static KAA_NORETURN void raise_handler_error(const Codec *c, KaaType *type, KaaValue msg) {
    if (c->fast) {
        kaa_raise_msg(type, "%S", msg);
    }
    kaa_raise_msg(type, "%s with '%s' codec failed (%s: %S)",
                  c->encoding ? "encoding" : "decoding", codec_names[c->id], type->name, msg);
}

// Handlers are looked up only when an error needs one, as CPython does.
static void check_handler(const Codec *c) {
    if (c->err == ERR_UNKNOWN) {
        raise_handler_error(c, kaa_LookupError,
                            kaa_str_printf("unknown error handler name '%S'", c->errors));
    }
}

// ---- byte buffer -------------------------------------------------------------------------

typedef struct {
    uint8_t *p;
    size_t len, cap;
} ByteBuf;

static void bb_init(ByteBuf *b, size_t cap) {
    b->cap = cap < 16 ? 16 : cap;
    b->p = kaa_alloc_atomic(b->cap);
    b->len = 0;
}

static void bb_reserve(ByteBuf *b, size_t extra) {
    if (b->cap - b->len >= extra) {
        return;
    }
    size_t cap = b->cap * 2 > b->len + extra ? b->cap * 2 : b->len + extra;
    uint8_t *p = kaa_alloc_atomic(cap);
    memcpy(p, b->p, b->len);
    b->p = p;
    b->cap = cap;
}

static inline void bb_put(ByteBuf *b, uint8_t c) {
    bb_reserve(b, 1);
    b->p[b->len++] = c;
}

// ---- encoding ----------------------------------------------------------------------------

static inline bool is_surrogate(uint32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

static bool big_endian(CodecId id) { return id == CODEC_UTF16BE || id == CODEC_UTF32BE; }

static void put_unit(ByteBuf *b, uint32_t u, int size, bool be) {
    bb_reserve(b, (size_t)size);
    for (int k = 0; k < size; k++) {
        int shift = be ? 8 * (size - 1 - k) : 8 * k;
        b->p[b->len++] = (uint8_t)(u >> shift);
    }
}

static void put_utf8(ByteBuf *b, uint32_t c) {
    bb_reserve(b, 4);
    uint8_t *p = b->p + b->len;
    if (c < 0x80) {
        p[0] = (uint8_t)c;
        b->len += 1;
    } else if (c < 0x800) {
        p[0] = (uint8_t)(0xC0 | (c >> 6));
        p[1] = (uint8_t)(0x80 | (c & 0x3F));
        b->len += 2;
    } else if (c < 0x10000) {
        p[0] = (uint8_t)(0xE0 | (c >> 12));
        p[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        p[2] = (uint8_t)(0x80 | (c & 0x3F));
        b->len += 3;
    } else {
        p[0] = (uint8_t)(0xF0 | (c >> 18));
        p[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
        p[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        p[3] = (uint8_t)(0x80 | (c & 0x3F));
        b->len += 4;
    }
}

// Writes c in the codec; the caller checked that the codec can encode it (or passes a
// surrogate on purpose).
static void put_char(const Codec *c, ByteBuf *b, uint32_t ch) {
    switch (c->id) {
    case CODEC_UTF8: put_utf8(b, ch); break;
    case CODEC_ASCII:
    case CODEC_LATIN1: bb_put(b, (uint8_t)ch); break;
    case CODEC_UTF16:
    case CODEC_UTF16LE:
    case CODEC_UTF16BE: {
        bool be = big_endian(c->id);
        if (ch >= 0x10000) {
            put_unit(b, 0xD800 | ((ch - 0x10000) >> 10), 2, be);
            put_unit(b, 0xDC00 | (ch & 0x3FF), 2, be);
        } else {
            put_unit(b, ch, 2, be);
        }
        break;
    }
    default: put_unit(b, ch, 4, big_endian(c->id)); break;
    }
}

static bool encodable(CodecId id, uint32_t ch) {
    switch (id) {
    case CODEC_ASCII: return ch < 128;
    case CODEC_LATIN1: return ch < 256;
    default: return !is_surrogate(ch);
    }
}

static KAA_NORETURN void raise_encode_error(const Codec *c, KaaValue s, size_t start,
                                            size_t end) {
    const char *reason = c->id == CODEC_ASCII    ? "ordinal not in range(128)"
                         : c->id == CODEC_LATIN1 ? "ordinal not in range(256)"
                                                 : "surrogates not allowed";
    KaaValue args[5] = {
        kaa_str_from_cstr(c->name), s, kaa_from_small((int64_t)start),
        kaa_from_small((int64_t)end), kaa_str_from_cstr(reason),
    };
    kaa_raise(kaa_exc_new(kaa_UnicodeEncodeError, args, 5));
}

static void put_ascii_text(const Codec *c, ByteBuf *b, const char *text) {
    for (; *text; text++) {
        put_char(c, b, (uint8_t)*text);
    }
}

static void put_backslash(const Codec *c, ByteBuf *b, uint32_t ch) {
    char tmp[16];
    if (ch < 0x100) {
        snprintf(tmp, sizeof tmp, "\\x%02x", ch);
    } else if (ch < 0x10000) {
        snprintf(tmp, sizeof tmp, "\\u%04x", ch);
    } else {
        snprintf(tmp, sizeof tmp, "\\U%08x", ch);
    }
    put_ascii_text(c, b, tmp);
}

// Handles the unencodable characters s[start:end) by the codec's error handler.
static void encode_error(const Codec *c, ByteBuf *b, KaaValue s, size_t start, size_t end) {
    const KaaStr *str = kaa_str(s);
    check_handler(c);
    bool utf = c->id != CODEC_ASCII && c->id != CODEC_LATIN1;
    bool wide = utf && c->id != CODEC_UTF8;
    for (size_t i = start; i < end; i++) {
        uint32_t ch = kaa_str_char(str, i);
        char tmp[16];
        switch (c->err) {
        case ERR_IGNORE: break;
        case ERR_REPLACE: put_char(c, b, '?'); break;
        case ERR_BACKSLASH: put_backslash(c, b, ch); break;
        case ERR_XMLREF:
            snprintf(tmp, sizeof tmp, "&#%u;", ch);
            put_ascii_text(c, b, tmp);
            break;
        case ERR_ESCAPE:
            // UTF-16/32 cannot take the single bytes this handler gives.
            if (wide) {
                raise_encode_error(c, s, i, i + 1);
            }
            if (ch < 0xDC80 || ch > 0xDCFF) {
                raise_encode_error(c, s, start, end);
            }
            bb_put(b, (uint8_t)(ch - 0xDC00));
            break;
        case ERR_PASS:
            if (!utf || !is_surrogate(ch)) {
                raise_encode_error(c, s, start, end);
            }
            put_char(c, b, ch);
            break;
        default: raise_encode_error(c, s, start, end);
        }
    }
}

static void put_bom(const Codec *c, ByteBuf *b) {
    if (c->id == CODEC_UTF16) {
        put_unit(b, 0xFEFF, 2, false);
    } else if (c->id == CODEC_UTF32) {
        put_unit(b, 0xFEFF, 4, false);
    }
}

static KaaValue encode_general(const Codec *c, KaaValue s) {
    const KaaStr *str = kaa_str(s);
    ByteBuf b;
    bb_init(&b, str->len * (c->id == CODEC_UTF8 ? 2 : str->kind) + 4);
    put_bom(c, &b);
    // UTF-16/32 report surrogates one at a time; the others report whole runs.
    bool runs = c->id == CODEC_UTF8 || c->id == CODEC_ASCII || c->id == CODEC_LATIN1;
    size_t i = 0;
    while (i < str->len) {
        uint32_t ch = kaa_str_char(str, i);
        if (encodable(c->id, ch)) {
            put_char(c, &b, ch);
            i++;
            continue;
        }
        size_t j = i + 1;
        while (runs && j < str->len && !encodable(c->id, kaa_str_char(str, j))) {
            j++;
        }
        encode_error(c, &b, s, i, j);
        i = j;
    }
    return kaa_bytes_new(b.p, b.len);
}

KaaValue kaa_str_encode(KaaValue s, KaaValue encoding, KaaValue errors) {
    Codec c;
    codec_init(&c, encoding, errors, true);
    if (c.id == CODEC_REGISTRY) {
        return kaa_codecs_text(s, encoding, errors, true);
    }
    const KaaStr *str = kaa_str(s);
    // ASCII text is its own UTF-8, ASCII and Latin-1.
    if (str->ascii && (c.id == CODEC_UTF8 || c.id == CODEC_ASCII || c.id == CODEC_LATIN1)) {
        return kaa_bytes_new(str->data, str->len);
    }
    if (c.id == CODEC_LATIN1 && str->kind == 1) {
        return kaa_bytes_new(str->data, str->len);
    }
    return encode_general(&c, s);
}

// ---- decoding ----------------------------------------------------------------------------

typedef struct {
    const Codec *c;
    const uint8_t *data;
    size_t len;
    StrWriter *w;
} Decoder;

static KAA_NORETURN void raise_decode_error(const Decoder *d, size_t start, size_t end,
                                            const char *reason) {
    KaaValue args[5] = {
        kaa_str_from_cstr(d->c->name), kaa_bytes_new(d->data, d->len),
        kaa_from_small((int64_t)start), kaa_from_small((int64_t)end), kaa_str_from_cstr(reason),
    };
    kaa_raise(kaa_exc_new(kaa_UnicodeDecodeError, args, 5));
}

// The surrogate a surrogatepass handler may take at `start`, or 0 (with its size in *size).
static uint32_t passable_surrogate(const Decoder *d, size_t start, size_t *size) {
    const uint8_t *p = d->data + start;
    size_t left = d->len - start;
    uint32_t u = 0;
    switch (d->c->id) {
    case CODEC_UTF8:
        if (left >= 3 && p[0] == 0xED && (p[1] & 0xE0) == 0xA0 && (p[2] & 0xC0) == 0x80) {
            u = 0xD000 | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            *size = 3;
        }
        break;
    case CODEC_UTF16LE: u = left >= 2 ? p[0] | (uint32_t)p[1] << 8 : 0; *size = 2; break;
    case CODEC_UTF16BE: u = left >= 2 ? p[1] | (uint32_t)p[0] << 8 : 0; *size = 2; break;
    case CODEC_UTF32LE:
        u = left >= 4 ? p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24
                      : 0;
        *size = 4;
        break;
    case CODEC_UTF32BE:
        u = left >= 4 ? p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24
                      : 0;
        *size = 4;
        break;
    default: break;
    }
    return is_surrogate(u) ? u : 0;
}

// Handles the undecodable bytes data[start:end); returns where decoding resumes.
static size_t decode_error(const Decoder *d, size_t start, size_t end, const char *reason) {
    check_handler(d->c);
    switch (d->c->err) {
    case ERR_IGNORE: return end;
    case ERR_REPLACE: sw_putc(d->w, 0xFFFD); return end;
    case ERR_BACKSLASH:
        for (size_t i = start; i < end; i++) {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\x%02x", d->data[i]);
            sw_put_ascii(d->w, tmp, 4);
        }
        return end;
    case ERR_ESCAPE: {
        // Up to four non-ASCII bytes become U+DC80..U+DCFF; decoding resumes after them.
        size_t i = start;
        while (i < end && i - start < 4 && d->data[i] >= 128) {
            sw_putc(d->w, 0xDC00 + d->data[i++]);
        }
        if (i == start) {
            raise_decode_error(d, start, end, reason);
        }
        return i;
    }
    case ERR_PASS: {
        size_t size = 0;
        uint32_t u = passable_surrogate(d, start, &size);
        if (u == 0) {
            raise_decode_error(d, start, end, reason);
        }
        sw_putc(d->w, u);
        return start + size;
    }
    case ERR_XMLREF:
        raise_handler_error(d->c, kaa_TypeError,
                            kaa_str_from_cstr("don't know how to handle UnicodeDecodeError in "
                                              "error callback"));
    default: raise_decode_error(d, start, end, reason);
    }
}

static inline bool cont(uint8_t b) { return (b & 0xC0) == 0x80; }

// Decodes one UTF-8 sequence at i into *out and returns its length, or returns 0 and sets
// *err_end and *reason to the invalid range (Unicode's "maximal subpart" rule, as CPython).
static size_t utf8_one(const uint8_t *s, size_t n, size_t i, uint32_t *out, size_t *err_end,
                       const char **reason) {
    uint8_t c = s[i];
    int need;
    uint8_t lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c < 0xC2) {
        *err_end = i + 1;
        *reason = "invalid start byte";
        return 0;
    } else if (c < 0xE0) {
        need = 1;
    } else if (c < 0xF0) {
        need = 2;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c < 0xF5) {
        need = 3;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        *err_end = i + 1;
        *reason = "invalid start byte";
        return 0;
    }
    uint32_t cp = c & (0x3F >> need);
    for (int k = 1; k <= need; k++) {
        if (i + k >= n) {
            *err_end = n;
            *reason = "unexpected end of data";
            return 0;
        }
        uint8_t b = s[i + k];
        if (k == 1 ? (b < lo || b > hi) : !cont(b)) {
            *err_end = i + k;
            *reason = "invalid continuation byte";
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    *out = cp;
    return (size_t)need + 1;
}

static void decode_utf8(Decoder *d) {
    const uint8_t *s = d->data;
    size_t i = 0, n = d->len;
    while (i < n) {
        // Runs of ASCII go in with one copy.
        size_t j = i;
        while (j < n && s[j] < 0x80) {
            j++;
        }
        if (j > i) {
            sw_put_ascii(d->w, (const char *)s + i, j - i);
            i = j;
            continue;
        }
        uint32_t cp;
        size_t end;
        const char *reason;
        size_t k = utf8_one(s, n, i, &cp, &end, &reason);
        if (k) {
            sw_putc(d->w, cp);
            i += k;
        } else {
            i = decode_error(d, i, end, reason);
        }
    }
}

static void decode_ascii(Decoder *d) {
    for (size_t i = 0; i < d->len;) {
        uint8_t b = d->data[i];
        if (b < 128) {
            sw_putc(d->w, b);
            i++;
        } else {
            i = decode_error(d, i, i + 1, "ordinal not in range(128)");
        }
    }
}

static uint32_t read_unit(const uint8_t *p, int size, bool be) {
    uint32_t u = 0;
    for (int k = 0; k < size; k++) {
        u |= (uint32_t)p[be ? size - 1 - k : k] << (8 * k);
    }
    return u;
}

static void decode_utf16(Decoder *d, bool be, size_t i) {
    const uint8_t *s = d->data;
    size_t n = d->len;
    while (i < n) {
        if (n - i < 2) {
            i = decode_error(d, i, n, "truncated data");
            continue;
        }
        uint32_t u = read_unit(s + i, 2, be);
        if (!is_surrogate(u)) {
            sw_putc(d->w, u);
            i += 2;
        } else if (u >= 0xDC00) {
            i = decode_error(d, i, i + 2, "illegal encoding");
        } else if (n - i < 4) {
            i = decode_error(d, i, n, "unexpected end of data");
        } else {
            uint32_t v = read_unit(s + i + 2, 2, be);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                sw_putc(d->w, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 4;
            } else {
                i = decode_error(d, i, i + 2, "illegal UTF-16 surrogate");
            }
        }
    }
}

static void decode_utf32(Decoder *d, bool be, size_t i) {
    const uint8_t *s = d->data;
    size_t n = d->len;
    while (i < n) {
        if (n - i < 4) {
            i = decode_error(d, i, n, "truncated data");
            continue;
        }
        uint32_t u = read_unit(s + i, 4, be);
        if (u > 0x10FFFF) {
            i = decode_error(d, i, i + 4, "code point not in range(0x110000)");
        } else if (is_surrogate(u)) {
            i = decode_error(d, i, i + 4,
                             "code point in surrogate code point range(0xd800, 0xe000)");
        } else {
            sw_putc(d->w, u);
            i += 4;
        }
    }
}

// utf-16 / utf-32 without an explicit byte order: a BOM picks it (and is dropped),
// otherwise little-endian, the byte order of the machines kaa runs on.
static void decode_with_bom(Decoder *d, Codec *c, int size) {
    bool be = false;
    size_t start = 0;
    if (d->len >= (size_t)size) {
        uint32_t first = read_unit(d->data, size, false);
        if (first == 0xFEFF || first == (size == 2 ? 0xFFFEu : 0xFFFE0000u)) {
            be = first != 0xFEFF;
            start = (size_t)size;
        }
    }
    // Errors name the byte order found (CPython reports 'utf-16-le'), and surrogatepass reads it.
    c->id = size == 2 ? (be ? CODEC_UTF16BE : CODEC_UTF16LE)
                      : (be ? CODEC_UTF32BE : CODEC_UTF32LE);
    c->name = codec_names[c->id];
    if (size == 2) {
        decode_utf16(d, be, start);
    } else {
        decode_utf32(d, be, start);
    }
}

KaaValue kaa_str_decode(const uint8_t *data, size_t len, KaaValue encoding, KaaValue errors) {
    Codec c;
    codec_init(&c, encoding, errors, false);
    if (c.id == CODEC_REGISTRY) {
        return kaa_codecs_text(kaa_bytes_new(data, len), encoding, errors, false);
    }
    if (c.id == CODEC_LATIN1) {
        return kaa_str_from_latin1(data, len);
    }
    StrWriter w;
    sw_init(&w);
    Decoder d = {&c, data, len, &w};
    switch (c.id) {
    case CODEC_UTF8: decode_utf8(&d); break;
    case CODEC_ASCII: decode_ascii(&d); break;
    case CODEC_UTF16: decode_with_bom(&d, &c, 2); break;
    case CODEC_UTF32: decode_with_bom(&d, &c, 4); break;
    case CODEC_UTF16LE:
    case CODEC_UTF16BE: decode_utf16(&d, big_endian(c.id), 0); break;
    default: decode_utf32(&d, big_endian(c.id), 0); break;
    }
    return sw_finish(&w);
}
