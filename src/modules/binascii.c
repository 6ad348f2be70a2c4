// modules/binascii.c — the binascii module: hex, base64, uuencode and quoted-printable
// conversions, CRC-32 and CRC-CCITT, and the Error/Incomplete exceptions.
//
// Stage: modules. The a2b_* decoders take bytes-like objects or ASCII str; the b2a_* encoders
// take bytes-like objects only; results are bytes. The codecs follow CPython 3.11 byte for
// byte, including its lenient decoding (base64 skips non-alphabet characters unless
// strict_mode) and its quoted-printable line breaking. Must not: know base64.py's alphabets
// beyond the standard one (base64.py translates urlsafe input itself).
#include "modules/nummods.h"

static KaaType *binascii_error, *binascii_incomplete;

KAA_NORETURN static void fail(const char *msg) {
    kaa_raise(kaa_exc_new_msg(binascii_error, kaa_str_from_cstr(msg)));
}

// ---- arguments and output -----------------------------------------------------------------------

typedef struct {
    const uint8_t *data;
    size_t len;
} Buf;

// A decoder's input: a bytes-like object, or a str of ASCII characters only.
static Buf ascii_arg(KaaValue v) {
    Buf b;
    if (kaa_is_str(v)) {
        KaaStr *s = kaa_str(v);
        if (!s->ascii) {
            kaa_raise_value_error("string argument should contain only ASCII characters");
        }
        b.data = s->data;
        b.len = s->len;
        return b;
    }
    if (!nm_buffer(v, &b.data, &b.len)) {
        kaa_raise_type_error("argument should be bytes, buffer or ASCII string, not '%s'",
                             kaa_type_of(v)->name);
    }
    return b;
}

// An encoder's input: a bytes-like object.
static Buf bytes_arg(KaaValue v) {
    Buf b;
    nm_read_buffer(v, &b.data, &b.len);
    return b;
}

// Growable output in atomic memory.
typedef struct {
    uint8_t *p;
    size_t len, cap;
} Out;

static void out_init(Out *o, size_t cap) {
    o->cap = cap ? cap : 1;
    o->p = kaa_alloc_atomic(o->cap);
    o->len = 0;
}

static inline void out_put(Out *o, uint8_t c) {
    if (o->len == o->cap) {
        uint8_t *bigger = kaa_alloc_atomic(o->cap * 2);
        memcpy(bigger, o->p, o->len);
        o->p = bigger;
        o->cap *= 2;
    }
    o->p[o->len++] = c;
}

static KaaValue out_bytes(Out *o) { return kaa_bytes_new(o->p, o->len); }

// An unsigned int argument taken bitwise (any int, reduced modulo 2**32).
static uint32_t bitwise_u32(KaaValue v) {
    KaaValue i = kaa_index(v);
    if (kaa_is_int(i)) {
        return (uint32_t)(uint64_t)kaa_int_val(i);
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(i, z);
    mpz_fdiv_r_2exp(z, z, 32);  // two's complement for negatives
    return (uint32_t)mpz_get_ui(z);
}

static const char hexdigits_lower[] = "0123456789abcdef";

// Lookup tables built at module init: the value of every byte as a hex digit (or -1) and as a
// base64 character (or -1), and the two hex digits of every byte.
static int8_t hex_values[256], b64_values[256];
static uint16_t hex_pairs[256];
static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void make_tables(void) {
    memset(hex_values, -1, sizeof hex_values);
    memset(b64_values, -1, sizeof b64_values);
    for (int i = 0; i < 16; i++) {
        hex_values[(uint8_t)hexdigits_lower[i]] = (int8_t)i;
        hex_values[(uint8_t)"0123456789ABCDEF"[i]] = (int8_t)i;
    }
    for (int i = 0; i < 64; i++) {
        b64_values[(uint8_t)b64_alphabet[i]] = (int8_t)i;
    }
    for (int b = 0; b < 256; b++) {
        uint8_t pair[2] = {(uint8_t)hexdigits_lower[b >> 4], (uint8_t)hexdigits_lower[b & 15]};
        memcpy(&hex_pairs[b], pair, 2);
    }
}

static inline int hex_value(uint8_t c) { return hex_values[c]; }

// ---- hex ----------------------------------------------------------------------------------------

// b2a_hex(data, sep=<none>, bytes_per_sep=1); with a separator the work is bytes.hex's, whose
// checks and messages are the same as CPython's _Py_strhex_with_sep.
static KaaValue b2a_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw,
                        const char *fname) {
    static const char *const names[] = {"data", "sep", "bytes_per_sep"};
    const NmParams params = {fname, names, 3, 0, 3, 1};
    KaaValue v[3];
    nm_bind(&params, args, nargs, kw, v);
    Buf b = bytes_arg(v[0]);
    if (v[1] != KAA_NULL) {
        KaaValue hexargs[2] = {v[1], v[2] ? v[2] : kaa_from_small(1)};
        KaaValue text = kaa_call_method(kaa_bytes_new(b.data, b.len), kaa_str_intern_cstr("hex"),
                                        hexargs, 2);
        size_t n;
        const char *s = kaa_str_utf8(text, &n);
        return kaa_bytes_new(s, n);
    }
    if (v[2] != KAA_NULL) {
        nm_int_arg(v[2]);
    }
    KaaValue r = kaa_bytes_new_raw(b.len * 2);
    uint8_t *o = kaa_bytes(r)->data;
    for (size_t i = 0; i < b.len; i++) {
        memcpy(o + 2 * i, &hex_pairs[b.data[i]], 2);
    }
    return r;
}

static KaaValue ba_b2a_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return b2a_hex(self, args, nargs, kw, "b2a_hex");
}

static KaaValue ba_hexlify(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return b2a_hex(self, args, nargs, kw, "hexlify");
}

static KaaValue a2b_hex(const char *qual, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw(qual, kw);
    kaa_args_count(qual, nargs, 1, 1);
    Buf b = ascii_arg(args[0]);
    if (b.len % 2) {
        fail("Odd-length string");
    }
    KaaValue r = kaa_bytes_new_raw(b.len / 2);
    uint8_t *o = kaa_bytes(r)->data;
    for (size_t i = 0; i < b.len; i += 2) {
        int top = hex_value(b.data[i]), bot = hex_value(b.data[i + 1]);
        if (top < 0 || bot < 0) {
            fail("Non-hexadecimal digit found");
        }
        o[i / 2] = (uint8_t)(top << 4 | bot);
    }
    return r;
}

static KaaValue ba_a2b_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return a2b_hex("binascii.a2b_hex", args, nargs, kw);
}

static KaaValue ba_unhexlify(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return a2b_hex("binascii.unhexlify", args, nargs, kw);
}

// ---- base64 -------------------------------------------------------------------------------------


static KaaValue ba_b2a_base64(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "newline"};
    static const NmParams params = {"b2a_base64", names, 2, 1, 1, 1};
    KaaValue v[2];
    nm_bind(&params, args, nargs, kw, v);
    Buf b = bytes_arg(v[0]);
    bool newline = v[1] == KAA_NULL || kaa_truthy(v[1]);
    KaaValue r = kaa_bytes_new_raw((b.len + 2) / 3 * 4 + newline);
    uint8_t *o = kaa_bytes(r)->data;
    size_t i = 0;
    for (; i + 3 <= b.len; i += 3) {
        uint32_t w = (uint32_t)b.data[i] << 16 | (uint32_t)b.data[i + 1] << 8 | b.data[i + 2];
        *o++ = (uint8_t)b64_alphabet[w >> 18];
        *o++ = (uint8_t)b64_alphabet[(w >> 12) & 63];
        *o++ = (uint8_t)b64_alphabet[(w >> 6) & 63];
        *o++ = (uint8_t)b64_alphabet[w & 63];
    }
    if (i < b.len) {  // one or two bytes left: pad to a full quad
        uint32_t w = (uint32_t)b.data[i] << 16 | (i + 1 < b.len ? (uint32_t)b.data[i + 1] << 8 : 0);
        *o++ = (uint8_t)b64_alphabet[w >> 18];
        *o++ = (uint8_t)b64_alphabet[(w >> 12) & 63];
        *o++ = i + 1 < b.len ? (uint8_t)b64_alphabet[(w >> 6) & 63] : '=';
        *o++ = '=';
    }
    if (newline) {
        *o = '\n';
    }
    return r;
}

typedef struct {
    uint8_t *out;  // room for 3 bytes per 4 input characters
    size_t len;
    int quad_pos;  // characters of the current quad seen so far
    uint8_t left;  // bits carried into the next output byte
} B64State;

static inline void b64_feed(B64State *s, int v) {
    switch (s->quad_pos) {
    case 0: s->left = (uint8_t)v; break;
    case 1: s->out[s->len++] = (uint8_t)(s->left << 2 | v >> 4); s->left = v & 0x0f; break;
    case 2: s->out[s->len++] = (uint8_t)(s->left << 4 | v >> 2); s->left = v & 0x03; break;
    default: s->out[s->len++] = (uint8_t)(s->left << 6 | v); s->left = 0; break;
    }
    s->quad_pos = (s->quad_pos + 1) & 3;
}

// a2b_base64(data, /, *, strict_mode=False): characters outside the alphabet are skipped,
// and a complete pad ends the data, unless strict_mode asks for errors instead.
static KaaValue ba_a2b_base64(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "strict_mode"};
    static const NmParams params = {"a2b_base64", names, 2, 1, 1, 1};
    KaaValue v[2];
    nm_bind(&params, args, nargs, kw, v);
    Buf b = ascii_arg(v[0]);
    bool strict = v[1] != KAA_NULL && kaa_truthy(v[1]);
    B64State s = {kaa_alloc_atomic((b.len + 3) / 4 * 3 + 1), 0, 0, 0};
    if (strict && b.len > 0 && b.data[0] == '=') {
        fail("Leading padding not allowed");
    }
    bool padding_started = false;
    int pads = 0;
    for (size_t i = 0; i < b.len; i++) {
        uint8_t c = b.data[i];
        if (c == '=') {
            padding_started = true;
            if (s.quad_pos >= 2 && s.quad_pos + ++pads >= 4) {
                if (strict && i + 1 < b.len) {
                    fail("Excess data after padding");
                }
                return kaa_bytes_new(s.out, s.len);
            }
            continue;
        }
        int val = b64_values[c];
        if (val < 0) {
            if (strict) {
                fail("Only base64 data is allowed");
            }
            continue;
        }
        if (strict && padding_started) {
            fail("Discontinuous padding not allowed");
        }
        pads = 0;
        b64_feed(&s, val);
    }
    if (s.quad_pos == 1) {
        kaa_raise(kaa_exc_new_msg(binascii_error, kaa_str_printf(
            "Invalid base64-encoded string: number of data characters (%zu) cannot be 1 more "
            "than a multiple of 4", s.len / 3 * 4 + 1)));
    }
    if (s.quad_pos != 0) {
        fail("Incorrect padding");
    }
    return kaa_bytes_new(s.out, s.len);
}

// ---- uuencode -----------------------------------------------------------------------------------

static KaaValue ba_b2a_uu(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "backtick"};
    static const NmParams params = {"b2a_uu", names, 2, 1, 1, 1};
    KaaValue v[2];
    nm_bind(&params, args, nargs, kw, v);
    Buf b = bytes_arg(v[0]);
    bool backtick = v[1] != KAA_NULL && kaa_truthy(v[1]);
    if (b.len > 45) {
        fail("At most 45 bytes at once");
    }
    Out o;
    out_init(&o, 2 + (b.len + 2) / 3 * 4);
    out_put(&o, backtick && b.len == 0 ? '`' : (uint8_t)(' ' + b.len));
    // Groups of three bytes (the last zero-extended) become four 6-bit characters.
    for (size_t i = 0; i < b.len; i += 3) {
        uint32_t w = (uint32_t)b.data[i] << 16;
        w |= i + 1 < b.len ? (uint32_t)b.data[i + 1] << 8 : 0;
        w |= i + 2 < b.len ? b.data[i + 2] : 0;
        for (int shift = 18; shift >= 0; shift -= 6) {
            uint8_t c = (w >> shift) & 0x3f;
            out_put(&o, backtick && c == 0 ? '`' : (uint8_t)(c + ' '));
        }
    }
    out_put(&o, '\n');
    return out_bytes(&o);
}

static KaaValue ba_a2b_uu(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("binascii.a2b_uu", kw);
    kaa_args_count("binascii.a2b_uu", nargs, 1, 1);
    Buf b = ascii_arg(args[0]);
    const uint8_t *p = b.data;
    size_t left = b.len;
    // The first character is the length; an empty line reads its terminating NUL (32 bytes).
    size_t bin_len = (size_t)(((left ? *p : 0) - ' ') & 077);
    if (left) {
        p++;
        left--;
    }
    Out o;
    out_init(&o, bin_len);
    uint32_t acc = 0;
    int bits = 0;
    for (; o.len < bin_len; p++, left = left ? left - 1 : 0) {
        uint8_t c = left > 0 ? *p : 0;
        if (c == '\n' || c == '\r' || left == 0) {
            c = 0;  // spaces eaten at the end of the line
        } else {
            if (c < ' ' || c > ' ' + 64) {
                fail("Illegal char");
            }
            c = (c - ' ') & 077;
        }
        acc = acc << 6 | c;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out_put(&o, (uint8_t)(acc >> bits));
            acc &= (1u << bits) - 1;
        }
    }
    for (; left > 0; left--, p++) {
        if (*p != ' ' && *p != ' ' + 64 && *p != '\n' && *p != '\r') {
            fail("Trailing garbage");
        }
    }
    return out_bytes(&o);
}

// ---- CRCs ---------------------------------------------------------------------------------------

// CRC-32 by "slicing-by-8": table k advances the CRC over a byte followed by k zero bytes, so
// eight bytes are folded per step with eight independent lookups.
static uint32_t crc32_tables[8][256];
static uint16_t crc_hqx_table[256];

// The tables of the reflected CRC-32 polynomial 0xEDB88320 and of CRC-CCITT (0x1021).
static void make_crc_tables(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        crc32_tables[0][n] = c;
        uint32_t h = n << 8;
        for (int k = 0; k < 8; k++) {
            h = h & 0x8000 ? (h << 1) ^ 0x1021 : h << 1;
        }
        crc_hqx_table[n] = (uint16_t)h;
    }
    for (int k = 1; k < 8; k++) {
        for (int n = 0; n < 256; n++) {
            uint32_t c = crc32_tables[k - 1][n];
            crc32_tables[k][n] = crc32_tables[0][c & 0xff] ^ (c >> 8);
        }
    }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n) {
    crc = ~crc;
    for (; n >= 8; n -= 8, p += 8) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);  // little-endian host: the first byte is the low byte
        memcpy(&hi, p + 4, 4);
        lo ^= crc;
        crc = crc32_tables[7][lo & 0xff] ^ crc32_tables[6][(lo >> 8) & 0xff] ^
              crc32_tables[5][(lo >> 16) & 0xff] ^ crc32_tables[4][lo >> 24] ^
              crc32_tables[3][hi & 0xff] ^ crc32_tables[2][(hi >> 8) & 0xff] ^
              crc32_tables[1][(hi >> 16) & 0xff] ^ crc32_tables[0][hi >> 24];
    }
    for (; n > 0; n--, p++) {
        crc = crc32_tables[0][(crc ^ *p) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

static KaaValue ba_crc32(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("binascii.crc32", kw);
    kaa_args_count("crc32", nargs, 1, 2);
    Buf b = bytes_arg(args[0]);
    uint32_t crc = nargs > 1 ? bitwise_u32(args[1]) : 0;
    return kaa_from_small(crc32_update(crc, b.data, b.len));
}

static KaaValue ba_crc_hqx(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("binascii.crc_hqx", kw);
    kaa_args_count("crc_hqx", nargs, 2, 2);
    Buf b = bytes_arg(args[0]);
    uint32_t crc = bitwise_u32(args[1]) & 0xffff;
    for (size_t i = 0; i < b.len; i++) {
        crc = ((crc << 8) & 0xff00) ^ crc_hqx_table[(crc >> 8) ^ b.data[i]];
    }
    return kaa_from_small(crc);
}

// ---- quoted-printable ---------------------------------------------------------------------------

static KaaValue ba_a2b_qp(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "header"};
    static const NmParams params = {"a2b_qp", names, 2, 0, 2, 1};
    KaaValue v[2];
    nm_bind(&params, args, nargs, kw, v);
    Buf b = ascii_arg(v[0]);
    bool header = v[1] != KAA_NULL && kaa_truthy(v[1]);
    Out o;
    out_init(&o, b.len);
    for (size_t in = 0; in < b.len;) {
        uint8_t c = b.data[in++];
        if (c == '_' && header) {
            out_put(&o, ' ');
        } else if (c != '=') {
            out_put(&o, c);
        } else if (in >= b.len) {
            break;  // a lone '=' at the very end disappears
        } else if (b.data[in] == '\n' || b.data[in] == '\r') {
            // soft line break: skip to just after the line's '\n'
            while (in < b.len && b.data[in] != '\n') {
                in++;
            }
            in += in < b.len;
        } else if (b.data[in] == '=') {
            out_put(&o, '=');  // "==" from broken encoders
            in++;
        } else if (in + 1 < b.len && hex_value(b.data[in]) >= 0 &&
                   hex_value(b.data[in + 1]) >= 0) {
            out_put(&o, (uint8_t)(hex_value(b.data[in]) << 4 | hex_value(b.data[in + 1])));
            in += 2;
        } else {
            out_put(&o, '=');
        }
    }
    return out_bytes(&o);
}

typedef struct {
    Buf in;
    bool quotetabs, istext, header, crlf;
    Out out;
    unsigned linelen;
} QpEnc;

#define QP_MAXLINE 76

// Must data[i] be written as =XX? (CPython's rules, including a lone '.' starting a line.)
static bool qp_needs_quote(const QpEnc *q, size_t i) {
    const uint8_t *d = q->in.data;
    size_t n = q->in.len;
    uint8_t c = d[i];
    if (c > 126 || c == '=' || (q->header && c == '_')) {
        return true;
    }
    if (c == '.' && q->linelen == 0 &&
        (i + 1 == n || d[i + 1] == '\n' || d[i + 1] == '\r' || d[i + 1] == 0)) {
        return true;
    }
    if (!q->istext && (c == '\r' || c == '\n')) {
        return true;
    }
    if ((c == '\t' || c == ' ') && i + 1 == n) {
        return true;
    }
    return c < 33 && c != '\r' && c != '\n' && (q->quotetabs || (c != '\t' && c != ' '));
}

static void qp_soft_break(QpEnc *q) {
    out_put(&q->out, '=');
    if (q->crlf) {
        out_put(&q->out, '\r');
    }
    out_put(&q->out, '\n');
    q->linelen = 0;
}

static void qp_hex(QpEnc *q, uint8_t c) {
    static const char upper[] = "0123456789ABCDEF";
    out_put(&q->out, (uint8_t)upper[c >> 4]);
    out_put(&q->out, (uint8_t)upper[c & 15]);
}

// One input line ending: the whitespace before it is quoted, then the line end is written in
// the data's own convention. Returns how many input bytes it used.
static size_t qp_line_end(QpEnc *q, size_t i) {
    q->linelen = 0;
    Out *o = &q->out;
    if (o->len && (o->p[o->len - 1] == ' ' || o->p[o->len - 1] == '\t')) {
        uint8_t c = o->p[o->len - 1];
        o->p[o->len - 1] = '=';
        qp_hex(q, c);
    }
    if (q->crlf) {
        out_put(o, '\r');
    }
    out_put(o, '\n');
    return q->in.data[i] == '\r' ? 2 : 1;
}

static KaaValue ba_b2a_qp(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "quotetabs", "istext", "header"};
    static const NmParams params = {"b2a_qp", names, 4, 0, 4, 1};
    KaaValue v[4];
    nm_bind(&params, args, nargs, kw, v);
    QpEnc q = {.in = bytes_arg(v[0])};
    q.quotetabs = v[1] != KAA_NULL && kaa_truthy(v[1]);
    q.istext = v[2] == KAA_NULL || kaa_truthy(v[2]);
    q.header = v[3] != KAA_NULL && kaa_truthy(v[3]);
    const uint8_t *d = q.in.data;
    size_t n = q.in.len;
    // Line ends are written as CRLF when the data's first line ends that way.
    const uint8_t *nl = n ? memchr(d, '\n', n) : NULL;
    q.crlf = nl != NULL && nl > d && nl[-1] == '\r';
    out_init(&q.out, n + n / 8 + 8);
    for (size_t i = 0; i < n;) {
        if (qp_needs_quote(&q, i)) {
            if (q.linelen + 3 >= QP_MAXLINE) {
                qp_soft_break(&q);
            }
            out_put(&q.out, '=');
            qp_hex(&q, d[i++]);
            q.linelen += 3;
        } else if (q.istext && (d[i] == '\n' || (i + 1 < n && d[i] == '\r' && d[i + 1] == '\n'))) {
            i += qp_line_end(&q, i);
        } else {
            if (i + 1 != n && d[i + 1] != '\n' && q.linelen + 1 >= QP_MAXLINE) {
                qp_soft_break(&q);
            }
            q.linelen++;
            out_put(&q.out, q.header && d[i] == ' ' ? '_' : d[i]);
            i++;
        }
    }
    return out_bytes(&q.out);
}

// ---- the module ---------------------------------------------------------------------------------

static const KaaMethodDef binascii_methods[] = {
    {"a2b_uu", ba_a2b_uu, 0, "Decode a line of uuencoded data."},
    {"b2a_uu", ba_b2a_uu, 0, "Uuencode line of data."},
    {"a2b_base64", ba_a2b_base64, 0, "Decode a line of base64 data."},
    {"b2a_base64", ba_b2a_base64, 0, "Base64-code line of data."},
    {"a2b_hex", ba_a2b_hex, 0, "Binary data of hexadecimal representation."},
    {"b2a_hex", ba_b2a_hex, 0, "Hexadecimal representation of binary data."},
    {"hexlify", ba_hexlify, 0, "Hexadecimal representation of binary data."},
    {"unhexlify", ba_unhexlify, 0, "Binary data of hexadecimal representation."},
    {"crc_hqx", ba_crc_hqx, 0, "Compute CRC-CCITT incrementally."},
    {"crc32", ba_crc32, 0, "Compute CRC-32 incrementally."},
    {"a2b_qp", ba_a2b_qp, 0, "Decode a string of qp-encoded data."},
    {"b2a_qp", ba_b2a_qp, 0, "Encode a string using quoted-printable encoding."},
    {NULL},
};

static KaaType *new_exception(const char *name, KaaType *base) {
    KaaDict *ns = kaa_dict_new();
    kaa_dict_set(ns, KAA_ID(__module__), kaa_str_from_cstr("binascii"));
    KaaTuple *bases = kaa_tuple_pack(1, kaa_from_obj(base));
    return (KaaType *)kaa_obj(
        kaa_type_new(&kaa_type_type, kaa_str_from_cstr(name), bases, ns, NULL, NULL));
}

KaaValue kaa_binascii_init(void) {
    if (binascii_error == NULL) {
        make_crc_tables();
        make_tables();
        binascii_error = new_exception("Error", kaa_ValueError);
        binascii_incomplete = new_exception("Incomplete", kaa_Exception);
    }
    KaaValue m = kaa_module_new_cstr("binascii");
    kaa_module_add_methods(m, binascii_methods);
    kaa_module_add(m, "Error", kaa_from_obj(binascii_error));
    kaa_module_add(m, "Incomplete", kaa_from_obj(binascii_incomplete));
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("Conversion between binary data and ASCII"));
    return m;
}
