// modules/io_text.c — _io.TextIOWrapper (text over a binary buffer) and
// _io.IncrementalNewlineDecoder.
//
// Stage: modules. Decoding is incremental and done here for UTF-8, Latin-1, ASCII, UTF-16 and
// UTF-32 (str's codecs do the work, this file keeps incomplete sequences between chunks);
// other encodings use the codecs module's incremental codecs. Newline translation follows
// CPython: newline=None translates \r and \r\n to \n on input, '' recognises all three without
// translating, and '\r' / '\r\n' translate \n on output.
//
// tell() cookies are simplified: a cookie is always a plain byte offset where decoding can
// restart, which is what CPython returns too when its decoder holds no state (all the UTF
// codecs here, at a character boundary). For the codecs-module encodings the offset is only
// exact for stateless codecs, and after decoding errors that a non-strict handler replaced
// the offset is an estimate.
#include <string.h>

#include "modules/osio.h"
#include "runtime/import.h"

enum { ENC_UTF8, ENC_LATIN1, ENC_ASCII, ENC_UTF16LE, ENC_UTF16BE, ENC_UTF32LE, ENC_UTF32BE,
       ENC_UTF16, ENC_UTF32, ENC_OTHER };
enum { SEEN_LF = 1, SEEN_CR = 2, SEEN_CRLF = 4 };

typedef struct {
    IOBase base;
    KaaValue buffer;
    KaaValue encoding, errors;   // the attributes
    KaaValue codec;              // name given to kaa_str_decode/encode
    int enc, unit;               // ENC_*, bytes per code unit
    int enc_bom;                 // ENC_UTF16/ENC_UTF32 when a BOM picks the byte order, else -1
    KaaValue decoder, encoder;   // ENC_OTHER: incremental codecs from the codecs module
    bool readuniversal, readtranslate;
    KaaValue readnl, writenl;    // str or KAA_NULL
    bool line_buffering, write_through;
    bool ok, detached, seekable, telling, has_read1, readable, writable, bom_write;
    bool pendingcr;              // ENC_OTHER: a final \r held back from the last chunk
    size_t chunk_size;
    // Reading: `decoded` came from `chunk` (chunk_len bytes at stream offset chunk_start,
    // -1 when unknown); `pending` holds bytes read but not decoded yet.
    KaaValue decoded;
    size_t decoded_pos;
    uint8_t *chunk;
    size_t chunk_len;
    int64_t chunk_start;
    uint8_t *pending;
    size_t npending;
    int seennl;
    bool translated_chunk;       // newline translation changed the current chunk
    // Writing over a buffer that is not a C Buffered*: encoded bytes not yet written.
    uint8_t *wbuf;
    size_t wlen, wcap;
    uintptr_t next_hidden, prev_hidden;
    bool listed;
} IOText;

static IOText *tx(KaaValue v) { return (IOText *)kaa_obj(v); }

// The buffer when it is exactly a C Buffered*: writes then go straight into its buffer.
static IOBuffered *cbuf(IOText *t) {
    return io_is_buffered_exact(t->buffer) ? (IOBuffered *)kaa_obj(t->buffer) : NULL;
}

// ---- text wrappers with unwritten bytes (flushed at exit) ---------------------------------------

static uintptr_t texts_head;

static uintptr_t hide(IOText *t) { return t ? ~(uintptr_t)t : 0; }
static IOText *reveal(uintptr_t h) { return h ? (IOText *)~h : NULL; }

static void list_add(IOText *t) {
    if (t->listed) {
        return;
    }
    t->listed = true;
    t->prev_hidden = 0;
    t->next_hidden = texts_head;
    if (texts_head) {
        reveal(texts_head)->prev_hidden = hide(t);
    }
    texts_head = hide(t);
}

static void list_remove(IOText *t) {
    if (!t->listed) {
        return;
    }
    t->listed = false;
    IOText *prev = reveal(t->prev_hidden), *next = reveal(t->next_hidden);
    if (prev) {
        prev->next_hidden = t->next_hidden;
    } else {
        texts_head = t->next_hidden;
    }
    if (next) {
        next->prev_hidden = t->prev_hidden;
    }
}

static void text_finalize(void *obj, void *data) { list_remove(obj); }

// Encoded bytes waiting for a Python-level buffer object go out in one write() call.
static void write_pending(IOText *t) {
    if (t->wlen == 0) {
        return;
    }
    KaaValue b = kaa_bytes_new(t->wbuf, t->wlen);
    t->wlen = 0;
    kaa_call_method(t->buffer, IO_NAME(write), &b, 1);
}

static void flush_text_protected(IOText *t) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        write_pending(t);
        kaa_call_method(t->buffer, IO_NAME(flush), NULL, 0);
        kaa_handler_pop(&h);
    }
}

void io_text_flush_all(void) {
    for (IOText *t = reveal(texts_head); t != NULL; t = reveal(t->next_hidden)) {
        if (t->wlen > 0) {
            flush_text_protected(t);
        }
    }
}

// ---- state checks -------------------------------------------------------------------------------

static void check_attached(IOText *t) {
    if (!t->ok) {
        io_closed_error(t->detached ? "underlying buffer has been detached"
                                    : "I/O operation on uninitialized object");
    }
}

static bool text_closed(IOText *t) { return io_is_closed(t->buffer); }

// The text layer's closed message ends with a period; the buffer's (fileno()...) does not.
static void check_closed(IOText *t) {
    check_attached(t);
    if (text_closed(t)) {
        io_closed_error("I/O operation on closed file.");
    }
}

// ---- encodings ----------------------------------------------------------------------------------

typedef struct {
    const char *name;
    int enc;
} EncodingAlias;

static const EncodingAlias aliases[] = {
    {"utf-8", ENC_UTF8}, {"utf8", ENC_UTF8}, {"u8", ENC_UTF8}, {"utf", ENC_UTF8},
    {"latin-1", ENC_LATIN1}, {"latin1", ENC_LATIN1}, {"iso-8859-1", ENC_LATIN1},
    {"iso8859-1", ENC_LATIN1}, {"8859", ENC_LATIN1}, {"cp819", ENC_LATIN1}, {"l1", ENC_LATIN1},
    {"latin", ENC_LATIN1}, {"ascii", ENC_ASCII}, {"us-ascii", ENC_ASCII}, {"646", ENC_ASCII},
    {"us", ENC_ASCII}, {"utf-16", ENC_UTF16}, {"utf16", ENC_UTF16}, {"u16", ENC_UTF16},
    {"utf-16-le", ENC_UTF16LE}, {"utf-16le", ENC_UTF16LE}, {"utf-16-be", ENC_UTF16BE},
    {"utf-16be", ENC_UTF16BE}, {"utf-32", ENC_UTF32}, {"utf32", ENC_UTF32}, {"u32", ENC_UTF32},
    {"utf-32-le", ENC_UTF32LE}, {"utf-32le", ENC_UTF32LE}, {"utf-32-be", ENC_UTF32BE},
    {"utf-32be", ENC_UTF32BE},
};

static const char *const codec_names[] = {
    "utf-8", "latin-1", "ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be",
    "utf-16-le", "utf-32-le",
};

// The built-in codec for an encoding name (case, '_' and ' ' as codecs.lookup reads them).
static int native_encoding(KaaValue name) {
    size_t len;
    const char *s = kaa_str_utf8_sp(name, &len);
    char norm[32];
    if (len >= sizeof norm) {
        return ENC_OTHER;
    }
    for (size_t i = 0; i <= len; i++) {
        char c = s[i];
        norm[i] = c == '_' || c == ' ' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(norm, aliases[i].name) == 0) {
            return aliases[i].enc;
        }
    }
    return ENC_OTHER;
}

static void setup_other_codec(IOText *t) {
    KaaValue codecs = kaa_import_module_cstr("codecs");
    KaaValue info = kaa_call_method(codecs, kaa_str_intern_cstr("lookup"), &t->encoding, 1);
    KaaValue is_text = kaa_getattr_opt(info, kaa_str_intern_cstr("_is_text_encoding"));
    if (is_text != KAA_NULL && !kaa_truthy(is_text)) {
        kaa_raise_msg(kaa_LookupError, "%R is not a text encoding; use codecs.open() to handle "
                      "arbitrary codecs", t->encoding);
    }
    KaaValue mk_dec = kaa_getattr(info, kaa_str_intern_cstr("incrementaldecoder"));
    KaaValue mk_enc = kaa_getattr(info, kaa_str_intern_cstr("incrementalencoder"));
    t->decoder = mk_dec == kaa_None ? KAA_NULL : kaa_call1(mk_dec, t->errors);
    t->encoder = mk_enc == kaa_None ? KAA_NULL : kaa_call1(mk_enc, t->errors);
}

// None and 'locale' mean the locale's encoding, which kaa fixes to UTF-8 (and reports as
// 'UTF-8', the name nl_langinfo gives CPython).
static void set_encoding(IOText *t, KaaValue encoding) {
    if (osio_none(encoding) || kaa_str_eq_cstr(encoding, "locale")) {
        encoding = kaa_str_from_cstr("UTF-8");  // kaa's locale encoding is always UTF-8
    }
    t->encoding = encoding;
    t->enc = native_encoding(encoding);
    t->unit = t->enc >= ENC_UTF16LE && t->enc <= ENC_UTF16BE ? 2
            : t->enc >= ENC_UTF32LE && t->enc <= ENC_UTF32BE ? 4
            : t->enc == ENC_UTF16 ? 2 : t->enc == ENC_UTF32 ? 4 : 1;
    t->decoder = t->encoder = KAA_NULL;
    t->enc_bom = t->enc == ENC_UTF16 || t->enc == ENC_UTF32 ? t->enc : -1;
    if (t->enc == ENC_OTHER) {
        setup_other_codec(t);
    } else {
        t->codec = kaa_str_intern_cstr(codec_names[t->enc]);
    }
}

// ASCII text in an ASCII-compatible one-byte codec is its own encoding: no codec call.
static KaaValue encode_text(IOText *t, KaaValue s) {
    KaaStr *str = kaa_str(s);
    if (str->ascii && t->unit == 1 && t->enc != ENC_OTHER) {
        return kaa_bytes_new(str->data, str->len);
    }
    if (t->enc == ENC_OTHER) {
        if (t->encoder == KAA_NULL) {
            io_unsupported("not writable");
        }
        KaaValue r = kaa_call_method(t->encoder, IO_NAME(encode), &s, 1);
        if (!kaa_is_bytes(r)) {
            kaa_raise_type_error("encoder should return a bytes object, not '%s'",
                                 kaa_type_name_of(r));
        }
        return r;
    }
    return kaa_str_encode(s, t->codec, t->errors);
}

// ---- decoding -----------------------------------------------------------------------------------

// How many trailing bytes of data[0, n) start a character that is not complete yet.
static size_t incomplete_tail(IOText *t, const uint8_t *data, size_t n) {
    if (t->unit == 2) {
        size_t keep = n % 2;
        if (n - keep >= 2) {
            const uint8_t *u = data + n - keep - 2;
            unsigned v = t->enc == ENC_UTF16BE ? (unsigned)(u[0] << 8 | u[1])
                                               : (unsigned)(u[1] << 8 | u[0]);
            if (v >= 0xD800 && v <= 0xDBFF) {
                keep += 2;  // a high surrogate waits for its low half
            }
        }
        return keep;
    }
    if (t->unit == 4) {
        return n % 4;
    }
    if (t->enc != ENC_UTF8) {
        return 0;
    }
    for (size_t back = 1; back <= 3 && back <= n; back++) {
        uint8_t c = data[n - back];
        if ((c & 0xC0) == 0x80) {
            continue;  // a continuation byte: its lead is further back
        }
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

// A BOM at the start of a UTF-16/UTF-32 stream picks the byte order (little-endian without).
static size_t read_bom(IOText *t, const uint8_t *data, size_t n) {
    if (t->enc == ENC_UTF16 && n >= 2) {
        if (data[0] == 0xFF && data[1] == 0xFE) {
            t->enc = ENC_UTF16LE;
            return 2;
        }
        if (data[0] == 0xFE && data[1] == 0xFF) {
            t->enc = ENC_UTF16BE;
            t->codec = kaa_str_intern_cstr("utf-16-be");
            return 2;
        }
        t->enc = ENC_UTF16LE;
    } else if (t->enc == ENC_UTF32 && n >= 4) {
        if (memcmp(data, "\xFF\xFE\0\0", 4) == 0) {
            t->enc = ENC_UTF32LE;
            return 4;
        }
        if (memcmp(data, "\0\0\xFE\xFF", 4) == 0) {
            t->enc = ENC_UTF32BE;
            t->codec = kaa_str_intern_cstr("utf-32-be");
            return 4;
        }
        t->enc = ENC_UTF32LE;
    }
    return 0;
}

static KaaValue empty_str(void) { return kaa_str_from_ascii("", 0); }

// True when every byte is below 0x80 (eight at a time).
static bool is_ascii(const uint8_t *p, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ull) {
            return false;
        }
    }
    for (; i < n; i++) {
        if (p[i] & 0x80) {
            return false;
        }
    }
    return true;
}

// Decodes data[0, n); *used receives how many bytes the text covers (the rest must wait).
static KaaValue decode_bytes(IOText *t, const uint8_t *data, size_t n, bool final, size_t *used) {
    if (t->enc == ENC_OTHER) {
        if (t->decoder == KAA_NULL) {
            io_unsupported("not readable");
        }
        KaaValue args[2] = {kaa_bytes_new(data, n), kaa_bool(final)};
        KaaValue s = kaa_call(kaa_getattr(t->decoder, IO_NAME(decode)), args, 2, NULL);
        if (!kaa_is_str(s)) {
            kaa_raise_type_error("decoder should return a string result, not '%s'",
                                 kaa_type_name_of(s));
        }
        *used = n;
        return s;
    }
    size_t m = n - (final ? 0 : incomplete_tail(t, data, n));
    *used = m;
    if (m == 0) {
        return empty_str();
    }
    if (t->enc == ENC_LATIN1) {
        return kaa_str_from_latin1(data, m);
    }
    if ((t->enc == ENC_UTF8 || t->enc == ENC_ASCII) && is_ascii(data, m)) {
        return kaa_str_from_ascii((const char *)data, m);  // most text: no decoding at all
    }
    return kaa_str_decode(data, m, t->codec, t->errors);
}

// The `newlines` attribute: which of \n, \r, \r\n decoding has met.
static void note_newlines(IOText *t, KaaStr *s) {
    if (t->seennl == (SEEN_LF | SEEN_CR | SEEN_CRLF)) {
        return;
    }
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        if (c == '\n') {
            t->seennl |= SEEN_LF;
        } else if (c == '\r') {
            bool crlf = i + 1 < s->len && kaa_str_char(s, i + 1) == '\n';
            t->seennl |= crlf ? SEEN_CRLF : SEEN_CR;
            i += crlf;
        }
    }
}

// Text without \r needs no translation (the common case; memchr for one-byte strings).
static bool has_cr(KaaStr *s) {
    if (s->kind == 1) {
        return memchr(s->data, '\r', s->len) != NULL;
    }
    for (size_t i = 0; i < s->len; i++) {
        if (kaa_str_char(s, i) == '\r') {
            return true;
        }
    }
    return false;
}

// \r\n and \r become \n.
static KaaValue translate_newlines(KaaValue text) {
    KaaStr *s = kaa_str(text);
    uint32_t *out = kaa_alloc_atomic(s->len * sizeof(uint32_t) + 4);
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        if (c == '\r') {
            c = '\n';
            if (i + 1 < s->len && kaa_str_char(s, i + 1) == '\n') {
                i++;
            }
        }
        out[n++] = c;
    }
    return kaa_str_from_ucs4(out, n);
}

// Universal newlines: a final \r of a chunk waits for the next one (it may begin with \n).
// The codecs-module decoders keep their own bytes: their \r is held back as text instead.
static KaaValue hold_back_cr(IOText *t, KaaValue text, size_t *used, bool final) {
    if (t->enc == ENC_OTHER && t->pendingcr && (final || kaa_str(text)->len > 0)) {
        text = kaa_str_concat(kaa_str_from_cstr("\r"), text);
        t->pendingcr = false;
    }
    KaaStr *s = kaa_str(text);
    if (final || !t->readuniversal || s->len == 0 || kaa_str_char(s, s->len - 1) != '\r') {
        return text;
    }
    if (t->enc == ENC_OTHER) {
        t->pendingcr = true;
    } else {
        *used -= (size_t)t->unit;
    }
    return kaa_str_substr(text, 0, s->len - 1);
}

// Decodes (pending + data) into the current chunk.
static void set_chunk(IOText *t, const uint8_t *data, size_t n, bool final, int64_t start) {
    size_t bom = t->enc == ENC_UTF16 || t->enc == ENC_UTF32 ? read_bom(t, data, n) : 0;
    data += bom;
    n -= bom;
    if (start >= 0) {
        start += (int64_t)bom;
    }
    size_t used;
    KaaValue text = decode_bytes(t, data, n, final, &used);
    text = hold_back_cr(t, text, &used, final);
    if (t->readuniversal) {
        note_newlines(t, kaa_str(text));
    }
    t->translated_chunk = false;
    if (t->readtranslate && has_cr(kaa_str(text))) {
        text = translate_newlines(text);
        t->translated_chunk = true;
    }
    t->decoded = text;
    t->decoded_pos = 0;
    t->chunk = (uint8_t *)data;
    t->chunk_len = used;
    t->chunk_start = start;
    t->npending = n - used;
    if (t->npending > 0) {
        t->pending = kaa_alloc_atomic(t->npending);
        memcpy(t->pending, data + used, t->npending);
    }
}

// ---- the buffer's side --------------------------------------------------------------------------

static int64_t buffer_tell(IOText *t) {
    return kaa_int_as_i64(kaa_index(kaa_call_method(t->buffer, IO_NAME(tell), NULL, 0)));
}

// Bytes from the buffer: read1(n) when it has one (one raw read at most), read() for all.
static KaaValue buffer_read(IOText *t, int64_t n) {
    KaaValue arg = kaa_from_small(n);
    bool read1 = t->has_read1 && n >= 0;  // everything to the end: read(), not read1()
    KaaValue b = kaa_call_method(t->buffer, read1 ? IO_NAME(read1) : IO_NAME(read), &arg,
                                 n < 0 ? 0 : 1);
    if (b == kaa_None) {
        b = kaa_bytes_new("", 0);
    }
    const uint8_t *data;
    size_t len;
    if (!kaa_buffer_get(b, &data, &len)) {
        kaa_raise_type_error("underlying %s() should have returned a bytes-like object, not '%s'",
                             read1 ? "read1" : "read", kaa_type_name_of(b));
    }
    return kaa_is_bytes(b) ? b : kaa_bytes_new(data, len);
}

// The undecoded bytes followed by raw's (raw's own memory when nothing is pending). The
// caller passes npending + raw->len as the length; npending is reset by set_chunk.
static uint8_t *join_pending(IOText *t, KaaBytes *raw) {
    if (t->npending == 0) {
        return raw->data;
    }
    uint8_t *data = kaa_alloc_atomic(t->npending + raw->len + 1);
    memcpy(data, t->pending, t->npending);
    memcpy(data + t->npending, raw->data, raw->len);
    return data;
}

// Reads and decodes the next chunk; false at the end of the stream.
static bool read_chunk(IOText *t, int64_t size) {
    if (!t->readable) {
        io_unsupported("not readable");
    }
    int64_t start = t->seekable ? buffer_tell(t) - (int64_t)t->npending : -1;
    KaaValue b = buffer_read(t, size);
    KaaBytes *raw = kaa_bytes(b);
    bool eof = raw->len == 0 && size != 0;
    set_chunk(t, join_pending(t, raw), t->npending + raw->len, eof || size < 0, start);
    return !eof || kaa_str(t->decoded)->len > 0;
}

// Forgets decoded text and undecoded bytes (after seek(), or a write that invalidates them).
static void reset_decoder(IOText *t) {
    t->decoded = KAA_NULL;
    t->decoded_pos = 0;
    t->npending = 0;
    t->chunk_len = 0;
    t->chunk_start = -1;
    t->pendingcr = false;
    if (t->decoder != KAA_NULL) {
        kaa_call_method(t->decoder, IO_NAME(reset), NULL, 0);
    }
}

static void check_readable(IOText *t) {
    if (!t->readable) {
        io_unsupported("not readable");
    }
}

// Writes pending output before reading, so reads see it (and positions agree).
static void before_read(IOText *t) {
    if (t->wlen > 0) {
        write_pending(t);
    }
}

// ---- reading ------------------------------------------------------------------------------------

static size_t avail(IOText *t) {
    return t->decoded == KAA_NULL ? 0 : kaa_str(t->decoded)->len - t->decoded_pos;
}

static KaaValue take(IOText *t, size_t n) {
    if (n == 0) {
        return empty_str();
    }
    KaaValue r = kaa_str_substr(t->decoded, t->decoded_pos, t->decoded_pos + n);
    t->decoded_pos += n;
    return r;
}

// read(): what is decoded, then the rest of the buffer decoded in one go.
static KaaValue read_all(IOText *t) {
    KaaValue head = avail(t) ? take(t, avail(t)) : empty_str();
    KaaValue rest = buffer_read(t, -1);
    KaaBytes *raw = kaa_bytes(rest);
    set_chunk(t, join_pending(t, raw), t->npending + raw->len, true, -1);
    KaaValue tail = take(t, avail(t));
    reset_decoder(t);
    return kaa_str(head)->len ? kaa_str_concat(head, tail) : tail;
}

// read(n): up to n characters, fewer only at the end of the stream.
static KaaValue read_n(IOText *t, size_t n) {
    if (avail(t) >= n) {
        return take(t, n);
    }
    KaaStrBuf sb;
    kaa_strbuf_init(&sb);
    while (sb.len < n) {
        // CPython asks the buffer for max(_CHUNK_SIZE, characters still wanted) bytes.
        size_t want = n - sb.len > t->chunk_size ? n - sb.len : t->chunk_size;
        if (avail(t) == 0 && !read_chunk(t, (int64_t)want)) {
            break;
        }
        size_t k = avail(t) < n - sb.len ? avail(t) : n - sb.len;
        kaa_strbuf_putstr(&sb, take(t, k));
    }
    return kaa_strbuf_finish(&sb);
}

static KaaValue text_read(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("read", kw);
    kaa_args_count("read", nargs, 0, 1);
    IOText *t = tx(self);
    check_attached(t);
    int64_t n = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    check_closed(t);
    check_readable(t);
    before_read(t);
    return n < 0 ? read_all(t) : read_n(t, (size_t)n);
}

// Where the line starting at `from` in s ends (just past its terminator), or 0 if it does not
// end in s.
static size_t find_line_end(IOText *t, KaaStr *s, size_t from) {
    if (t->readtranslate || (!t->readuniversal && kaa_str_eq_cstr(t->readnl, "\n"))) {
        if (s->kind == 1) {
            const uint8_t *p = memchr(s->data + from, '\n', s->len - from);
            return p ? (size_t)(p - s->data) + 1 : 0;
        }
        for (size_t i = from; i < s->len; i++) {
            if (kaa_str_char(s, i) == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
    if (t->readuniversal) {  // newline='': \r, \n or \r\n, untranslated
        for (size_t i = from; i < s->len; i++) {
            uint32_t c = kaa_str_char(s, i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < s->len && kaa_str_char(s, i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return 0;
    }
    KaaStr *nl = kaa_str(t->readnl);  // '\r' or '\r\n'
    for (size_t i = from; i + nl->len <= s->len; i++) {
        if (kaa_str_char(s, i) == '\r' && (nl->len == 1 || kaa_str_char(s, i + 1) == '\n')) {
            return i + nl->len;
        }
    }
    return 0;
}

// One line, with its terminator, at most `limit` characters when limit >= 0. The common
// case (the line inside the decoded chunk) is one substring.
static KaaValue read_line(IOText *t, int64_t limit) {
    KaaValue line = KAA_NULL;
    for (;;) {
        if (avail(t) == 0 && !read_chunk(t, (int64_t)t->chunk_size)) {
            break;
        }
        KaaStr *s = kaa_str(t->decoded);
        // A line whose \r\n terminator was split between two chunks.
        if (line != KAA_NULL && t->readnl != KAA_NULL && kaa_str(t->readnl)->len == 2 &&
            (limit < 0 || kaa_str(line)->len < (size_t)limit)) {
            KaaStr *l = kaa_str(line);
            if (kaa_str_char(l, l->len - 1) == '\r' && kaa_str_char(s, t->decoded_pos) == '\n') {
                line = kaa_str_concat(line, take(t, 1));
                break;
            }
        }
        size_t end = find_line_end(t, s, t->decoded_pos);
        size_t have = line ? kaa_str(line)->len : 0;
        size_t n = end ? end - t->decoded_pos : avail(t);
        if (limit >= 0 && have + n > (size_t)limit) {
            n = (size_t)limit - have;
            end = 1;
        }
        KaaValue piece = take(t, n);
        line = line ? kaa_str_concat(line, piece) : piece;
        if (end) {
            break;
        }
    }
    return line ? line : empty_str();
}

static KaaValue text_readline(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("readline", kw);
    kaa_args_count("readline", nargs, 0, 1);
    IOText *t = tx(self);
    check_attached(t);
    int64_t limit = io_size_arg(nargs ? args[0] : KAA_NULL, -1);
    check_closed(t);
    before_read(t);
    return read_line(t, limit);
}

// Iteration reads lines with tell() disabled until the end, exactly as CPython: its cookies
// would cost too much per line.
static KaaValue text_next(KaaValue self) {
    IOText *t = tx(self);
    KaaValue line;
    if (kaa_type_of(self) == &io_textiowrapper_type) {
        check_closed(t);
        before_read(t);
        t->telling = false;  // tell() is refused while iterating, as in CPython
        line = read_line(t, -1);
    } else {
        line = kaa_call_method(self, IO_NAME(readline), NULL, 0);
        if (!kaa_is_str(line)) {
            kaa_raise_msg(kaa_OSError, "readline() should have returned a str object, not '%s'",
                          kaa_type_name_of(line));
        }
    }
    if (kaa_str(line)->len == 0) {
        t->telling = t->seekable;
        return KAA_NULL;
    }
    return line;
}

// ---- writing ------------------------------------------------------------------------------------

static KaaValue replace_lf(KaaValue text, KaaValue nl) {
    KaaValue args[2] = {kaa_str_from_cstr("\n"), nl};
    return kaa_call_method(text, kaa_str_intern_cstr("replace"), args, 2);
}

static bool contains_char(KaaStr *s, uint32_t ch) {
    if (s->kind == 1) {
        return memchr(s->data, (int)ch, s->len) != NULL;
    }
    for (size_t i = 0; i < s->len; i++) {
        if (kaa_str_char(s, i) == ch) {
            return true;
        }
    }
    return false;
}

// Appends to the pending bytes for a Python-level buffer; the wrapper joins the exit list.
static void queue_bytes(IOText *t, KaaValue b) {
    KaaBytes *bytes = kaa_bytes(b);
    if (t->wlen + bytes->len > t->wcap) {
        size_t cap = (t->wlen + bytes->len) * 2 + 64;
        uint8_t *nb = kaa_alloc_atomic(cap);
        if (t->wlen > 0) {
            memcpy(nb, t->wbuf, t->wlen);
        }
        t->wbuf = nb;
        t->wcap = cap;
    }
    memcpy(t->wbuf + t->wlen, bytes->data, bytes->len);
    t->wlen += bytes->len;
    list_add(t);
}

// Encoded bytes to the buffer: straight into a C Buffered*, else queued up to _CHUNK_SIZE
// (so a BytesIO sees nothing before flush(), as with CPython).
static void emit(IOText *t, KaaValue b, bool flush) {
    IOBuffered *cb = cbuf(t);
    if (cb != NULL && cb->ok && t->wlen == 0) {
        io_buffered_write_bytes(cb, kaa_bytes(b)->data, kaa_bytes(b)->len);
        if (flush || t->write_through) {
            kaa_call_method(t->buffer, IO_NAME(flush), NULL, 0);
        }
        return;
    }
    queue_bytes(t, b);
    if (flush || t->write_through || t->wlen > t->chunk_size) {
        write_pending(t);
        if (flush) {
            kaa_call_method(t->buffer, IO_NAME(flush), NULL, 0);
        }
    }
}

// write(s): returns len(s) (before newline translation); line buffering flushes on \n or \r.
static KaaValue text_write(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("write", kw);
    kaa_args_count("write", nargs, 1, 1);
    IOText *t = tx(self);
    check_attached(t);
    KaaValue text = args[0];
    if (!kaa_is_str(text)) {
        kaa_raise_type_error("write() argument must be str, not %s", kaa_argtype_name(text));
    }
    check_closed(t);
    if (!t->writable) {
        io_unsupported("not writable");
    }
    size_t len = kaa_str(text)->len;
    bool haslf = (t->writenl != KAA_NULL || t->line_buffering) &&
                 contains_char(kaa_str(text), '\n');
    if (haslf && t->writenl != KAA_NULL) {
        text = replace_lf(text, t->writenl);
    }
    bool flush = t->line_buffering && (haslf || contains_char(kaa_str(text), '\r'));
    if (t->decoded != KAA_NULL || t->npending > 0) {
        reset_decoder(t);  // what was read ahead is stale once the file changes
    }
    if (t->bom_write) {
        t->bom_write = false;
        static const uint8_t bom16[] = {0xFF, 0xFE}, bom32[] = {0xFF, 0xFE, 0, 0};
        emit(t, t->enc_bom == ENC_UTF16 ? kaa_bytes_new(bom16, 2) : kaa_bytes_new(bom32, 4),
             false);
    }
    emit(t, encode_text(t, text), flush);
    return kaa_from_small((int64_t)len);
}

// flush() also re-enables tell() after iteration, as CPython's does.
static void flush_c(IOText *t) {
    t->telling = t->seekable;
    write_pending(t);
    kaa_call_method(t->buffer, IO_NAME(flush), NULL, 0);
}

static KaaValue text_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("flush", nargs, 0, 0);
    IOText *t = tx(self);
    check_closed(t);
    flush_c(t);
    return kaa_None;
}

// ---- positioning --------------------------------------------------------------------------------

// The code unit at byte offset b of the chunk (UTF-16/32), or 0 past its end.
static uint32_t unit_at(IOText *t, size_t b) {
    if (b + (size_t)t->unit > t->chunk_len) {
        return 0;
    }
    const uint8_t *p = t->chunk + b;
    bool be = t->enc == ENC_UTF16BE || t->enc == ENC_UTF32BE;
    uint32_t v = 0;
    for (int i = 0; i < t->unit; i++) {
        v |= (uint32_t)p[be ? t->unit - 1 - i : i] << (8 * i);
    }
    return v;
}

// Bytes at the start of the chunk that produce `chars` characters of decoded text.
static size_t bytes_for_chars(IOText *t, size_t chars) {
    KaaStr *s = kaa_str(t->decoded);
    if (!t->translated_chunk && t->unit == 1 && t->enc != ENC_UTF8) {
        return chars;
    }
    size_t b = 0;
    for (size_t i = 0; i < chars; i++) {
        uint32_t c = kaa_str_char(s, i);
        if (t->translated_chunk && c == '\n' && b < t->chunk_len && t->chunk[b] == '\r' &&
            t->unit == 1) {
            b += b + 1 < t->chunk_len && t->chunk[b + 1] == '\n' ? 2 : 1;
            continue;
        }
        if (t->translated_chunk && c == '\n' && t->unit > 1 && unit_at(t, b) == '\r') {
            size_t next = b + (size_t)t->unit;
            bool crlf = unit_at(t, next) == '\n';
            b += (size_t)t->unit * (crlf ? 2 : 1);
            continue;
        }
        if (t->unit == 1 && t->enc == ENC_UTF8) {
            b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (c >= 0xDC80 && c <= 0xDCFF) {
                b -= 2;  // a surrogateescape'd byte
            }
        } else if (t->unit == 2) {
            b += c >= 0x10000 ? 4 : 2;
        } else {
            b += (size_t)t->unit;
        }
    }
    return b;
}

// tell(): the byte offset of the next character (see the file header on cookies).
static int64_t text_tell_c(IOText *t) {
    if (!t->seekable) {
        io_unsupported("underlying stream is not seekable");
    }
    if (!t->telling) {
        kaa_raise_msg(kaa_OSError, "telling position disabled by next() call");
    }
    write_pending(t);
    kaa_call_method(t->buffer, IO_NAME(flush), NULL, 0);
    if (t->decoded == KAA_NULL || t->chunk_start < 0) {
        return buffer_tell(t) - (int64_t)t->npending;
    }
    if (t->decoded_pos == kaa_str(t->decoded)->len) {
        return t->chunk_start + (int64_t)t->chunk_len;
    }
    return t->chunk_start + (int64_t)bytes_for_chars(t, t->decoded_pos);
}

static KaaValue text_tell(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("tell", nargs, 0, 0);
    IOText *t = tx(self);
    check_closed(t);
    return kaa_int_from_i64(text_tell_c(t));
}

// seek(cookie, whence=0): only 0-relative cookies, tell(), and the two ends, like CPython.
static KaaValue text_seek(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("seek", kw);
    kaa_args_count("seek", nargs, 1, 2);
    IOText *t = tx(self);
    check_closed(t);
    KaaValue cookie = args[0];
    int whence = nargs > 1 ? osio_int(args[1]) : 0;
    if (!t->seekable) {
        io_unsupported("underlying stream is not seekable");
    }
    bool zero = kaa_eq(cookie, kaa_from_small(0));
    if (whence == 1) {
        if (!zero) {
            io_unsupported("can't do nonzero cur-relative seeks");
        }
        cookie = kaa_int_from_i64(text_tell_c(t));
    } else if (whence == 2) {
        if (!zero) {
            io_unsupported("can't do nonzero end-relative seeks");
        }
        flush_c(t);
        reset_decoder(t);
        t->seennl = 0;
        KaaValue a[2] = {kaa_from_small(0), kaa_from_small(2)};
        KaaValue r = kaa_call_method(t->buffer, IO_NAME(seek), a, 2);
        t->bom_write = false;
        return r;
    } else if (whence != 0) {
        kaa_raise_value_error("invalid whence (%d, should be 0, 1 or 2)", whence);
    }
    if (kaa_is_int_like(cookie) && kaa_int_sign(cookie) < 0) {
        kaa_raise_value_error("negative seek position %R", cookie);
    }
    flush_c(t);
    int64_t pos = kaa_int_as_i64(kaa_index(cookie));
    kaa_call_method(t->buffer, IO_NAME(seek), (KaaValue[]){kaa_int_from_i64(pos)}, 1);
    reset_decoder(t);
    t->chunk_start = pos;
    if (pos == 0) {
        t->seennl = 0;  // CPython resets its newline decoder at the start
    }
    if (pos == 0 && t->enc_bom >= 0) {
        // Back at the start: the BOM is read (or written) again, as CPython's codec resets.
        t->enc = t->enc_bom;
        t->codec = kaa_str_intern_cstr(codec_names[t->enc]);
        t->bom_write = true;
    }
    return cookie;
}

// truncate(pos=None): flush(), then the buffer truncates.
static KaaValue text_truncate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("truncate", kw);
    kaa_args_count("truncate", nargs, 0, 1);
    IOText *t = tx(self);
    check_attached(t);
    kaa_call_method(self, IO_NAME(flush), NULL, 0);
    KaaValue pos = nargs ? args[0] : kaa_None;
    return kaa_call_method(t->buffer, IO_NAME(truncate), &pos, 1);
}

// ---- closing and delegation ---------------------------------------------------------------------

static KaaValue text_close(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("close", nargs, 0, 0);
    IOText *t = tx(self);
    check_attached(t);
    if (text_closed(t)) {
        return kaa_None;
    }
    volatile KaaValue exc = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        kaa_call_method(self, IO_NAME(flush), NULL, 0);
        kaa_handler_pop(&h);
    } else {
        exc = h.exc;
    }
    list_remove(t);
    kaa_call_method(t->buffer, IO_NAME(close), NULL, 0);
    if (exc != KAA_NULL) {
        kaa_reraise(exc);
    }
    return kaa_None;
}

// detach(): flush and hand the buffer over; `buffer` reads None afterwards.
static KaaValue text_detach(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("detach", nargs, 0, 0);
    IOText *t = tx(self);
    check_attached(t);
    kaa_call_method(self, IO_NAME(flush), NULL, 0);
    list_remove(t);
    KaaValue buffer = t->buffer;
    t->ok = false;
    t->detached = true;
    t->buffer = KAA_NULL;
    return buffer;
}

static KaaValue delegate(KaaValue self, int name) {
    check_attached(tx(self));
    return kaa_call_method(tx(self)->buffer, io_names[name], NULL, 0);
}

static KaaValue text_fileno(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_fileno);
}

static KaaValue text_isatty(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_isatty);
}

static KaaValue text_readable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_readable);
}

static KaaValue text_writable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return delegate(self, IO_writable);
}

static KaaValue text_seekable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    check_attached(tx(self));
    return kaa_bool(tx(self)->seekable);
}

// ---- configuration ------------------------------------------------------------------------------

static void set_newline(IOText *t, KaaValue newline, const char *fname) {
    if (!osio_none(newline) && !kaa_is_str(newline)) {
        kaa_raise_type_error("%s() argument 'newline' must be str or None, not %s", fname,
                             kaa_argtype_name(newline));
    }
    bool none = osio_none(newline);
    if (!none && !kaa_str_eq_cstr(newline, "") && !kaa_str_eq_cstr(newline, "\n") &&
        !kaa_str_eq_cstr(newline, "\r") && !kaa_str_eq_cstr(newline, "\r\n")) {
        kaa_raise_value_error("illegal newline value: %S", newline);
    }
    t->readuniversal = none || kaa_str(newline)->len == 0;
    t->readtranslate = none;
    t->readnl = none ? KAA_NULL : newline;
    // Output: None writes os.linesep ('\n' here); '\r' and '\r\n' replace every '\n'.
    t->writenl = !none && kaa_str(newline)->len > 0 && !kaa_str_eq_cstr(newline, "\n") ? newline
                                                                                     : KAA_NULL;
}

static void check_str_arg(KaaValue v, const char *fname, const char *arg) {
    if (!osio_none(v) && !kaa_is_str(v)) {
        kaa_raise_type_error("%s() argument '%s' must be str or None, not %s", fname, arg,
                             kaa_argtype_name(v));
    }
}

// Shared by __init__ and open(). The buffer's abilities are asked once, as CPython does.
static void text_setup(KaaValue self, KaaValue buffer, KaaValue encoding, KaaValue errors,
                       KaaValue newline, bool line_buffering, bool write_through) {
    IOText *t = tx(self);
    t->ok = false;
    check_str_arg(encoding, "TextIOWrapper", "encoding");
    check_str_arg(errors, "TextIOWrapper", "errors");
    set_newline(t, newline, "TextIOWrapper");
    t->buffer = buffer;
    t->errors = osio_none(errors) ? kaa_str_from_cstr("strict") : errors;
    set_encoding(t, encoding);
    t->line_buffering = line_buffering;
    t->write_through = write_through;
    t->chunk_size = 8192;
    t->seekable = t->telling =
        kaa_truthy(kaa_call_method(buffer, IO_NAME(seekable), NULL, 0));
    t->readable = kaa_truthy(kaa_call_method(buffer, IO_NAME(readable), NULL, 0));
    t->writable = kaa_truthy(kaa_call_method(buffer, IO_NAME(writable), NULL, 0));
    t->has_read1 = kaa_getattr_opt(buffer, IO_NAME(read1)) != KAA_NULL;
    t->chunk_start = -1;
    if (t->enc_bom >= 0 && t->writable) {
        t->bom_write = !t->seekable || buffer_tell(t) == 0;
    }
    t->ok = true;
    kaa_alloc_finalizer(t, text_finalize, NULL);
}

static KaaValue text_new_slot(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_instance_alloc(type, 0);
}

static void text_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"buffer", "encoding", "errors", "newline",
                                         "line_buffering", "write_through", NULL};
    KaaValue a[6];
    osio_bind("TextIOWrapper", args, nargs, kwnames, params, 0, 1, a);
    text_setup(self, a[0], a[1], a[2], a[3], a[4] != KAA_NULL && kaa_truthy(a[4]),
               a[5] != KAA_NULL && kaa_truthy(a[5]));
}

KaaValue io_textiowrapper_new(KaaValue buffer, KaaValue encoding, KaaValue errors,
                              KaaValue newline, bool line_buffering, bool write_through) {
    KaaValue self = kaa_instance_alloc(&io_textiowrapper_type, 0);
    text_setup(self, buffer, encoding, errors, newline, line_buffering, write_through);
    return self;
}

// reconfigure(*, encoding, errors, newline, line_buffering, write_through) (3.7+).
static KaaValue text_reconfigure(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"*", "encoding", "errors", "newline", "line_buffering",
                                         "write_through", NULL};
    KaaValue a[5];
    osio_bind("reconfigure", args, nargs, kwnames, params, 0, 0, a);
    IOText *t = tx(self);
    check_attached(t);
    if ((a[0] != KAA_NULL || a[1] != KAA_NULL || a[2] != KAA_NULL) && t->decoded != KAA_NULL) {
        io_unsupported("It is not possible to set the encoding or newline of stream after the "
                       "first read");
    }
    check_str_arg(a[0], "reconfigure", "encoding");
    check_str_arg(a[1], "reconfigure", "errors");
    kaa_call_method(self, IO_NAME(flush), NULL, 0);
    if (a[2] != KAA_NULL) {
        set_newline(t, a[2], "reconfigure");
    }
    if (a[0] != KAA_NULL || a[1] != KAA_NULL) {
        KaaValue enc = osio_none(a[0]) ? t->encoding : a[0];
        t->errors = !osio_none(a[1]) ? a[1] : osio_none(a[0]) ? t->errors
                                                             : kaa_str_from_cstr("strict");
        set_encoding(t, enc);
    }
    if (!osio_none(a[3])) {
        t->line_buffering = kaa_truthy(a[3]);
    }
    if (!osio_none(a[4])) {
        t->write_through = kaa_truthy(a[4]);
    }
    return kaa_None;
}

// ---- attributes ---------------------------------------------------------------------------------

static KaaValue newlines_value(int seen) {
    static const char *const names[] = {"\r", "\n", "\r\n"};
    static const int bits[] = {SEEN_CR, SEEN_LF, SEEN_CRLF};
    KaaValue items[3];
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        if (seen & bits[i]) {
            items[n++] = kaa_str_from_cstr(names[i]);
        }
    }
    if (n == 0) {
        return kaa_None;
    }
    return n == 1 ? items[0] : kaa_from_obj(kaa_tuple_from_array(items, n));
}

// <_io.TextIOWrapper name='f' mode='r' encoding='UTF-8'>; name and mode only when readable.
static KaaValue text_repr(KaaValue self) {
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    kaa_strbuf_putc(&b, '<');
    kaa_strbuf_puts(&b, kaa_type_of(self)->name);
    static const int names[] = {IO_name, IO_mode};
    for (int i = 0; i < 2; i++) {
        volatile KaaValue v = KAA_NULL;
        KaaHandler h;
        kaa_handler_push(&h);
        if (setjmp(h.buf) == 0) {
            v = kaa_getattr_opt(self, io_names[names[i]]);
            kaa_handler_pop(&h);
        } else if (!kaa_exc_matches(h.exc, kaa_Exception)) {
            kaa_reraise(h.exc);
        }
        if (v != KAA_NULL) {
            kaa_strbuf_puts(&b, i == 0 ? " name=" : " mode=");
            kaa_strbuf_putstr(&b, kaa_repr(v));
        }
    }
    kaa_strbuf_puts(&b, " encoding=");
    kaa_strbuf_putstr(&b, kaa_repr(tx(self)->encoding));
    kaa_strbuf_putc(&b, '>');
    return kaa_strbuf_finish(&b);
}

static KaaValue text_encoding_get(KaaValue self) { return tx(self)->encoding; }
static KaaValue text_errors_get(KaaValue self) { return tx(self)->errors; }
static KaaValue text_buffer_get(KaaValue self) {
    return tx(self)->buffer == KAA_NULL ? kaa_None : tx(self)->buffer;
}
static KaaValue text_line_buffering_get(KaaValue self) {
    return kaa_bool(tx(self)->line_buffering);
}
static KaaValue text_write_through_get(KaaValue self) {
    return kaa_bool(tx(self)->write_through);
}
static KaaValue text_finalizing_get(KaaValue self) { return kaa_False; }
static KaaValue text_name_get(KaaValue self) {
    check_attached(tx(self));
    return kaa_getattr(tx(self)->buffer, IO_NAME(name));
}
static KaaValue text_closed_get(KaaValue self) {
    check_attached(tx(self));
    return kaa_getattr(tx(self)->buffer, IO_NAME(closed));
}
static KaaValue text_newlines_get(KaaValue self) {
    IOText *t = tx(self);
    if (t->decoder != KAA_NULL && !t->readuniversal) {
        return kaa_None;
    }
    return t->readuniversal ? newlines_value(t->seennl) : kaa_None;
}
static KaaValue text_chunk_size_get(KaaValue self) {
    return kaa_from_small((int64_t)tx(self)->chunk_size);
}
static void text_chunk_size_set(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_msg(kaa_AttributeError, "cannot delete attribute");
    }
    int64_t n = (int64_t)osio_ssize(v);
    if (n <= 0) {
        kaa_raise_value_error("a strictly positive integer is required");
    }
    tx(self)->chunk_size = (size_t)n;
}

static const KaaMethodDef text_methods[] = {
    {"detach", text_detach, 0, NULL},
    {"reconfigure", text_reconfigure, 0, NULL},
    {"write", text_write, 0, NULL},
    {"read", text_read, 0, NULL},
    {"readline", text_readline, 0, NULL},
    {"flush", text_flush, 0, NULL},
    {"close", text_close, 0, NULL},
    {"fileno", text_fileno, 0, NULL},
    {"seekable", text_seekable, 0, NULL},
    {"readable", text_readable, 0, NULL},
    {"writable", text_writable, 0, NULL},
    {"isatty", text_isatty, 0, NULL},
    {"seek", text_seek, 0, NULL},
    {"tell", text_tell, 0, NULL},
    {"truncate", text_truncate, 0, NULL},
    {NULL},
};

static const KaaGetSetDef text_getsets[] = {
    {"encoding", text_encoding_get, NULL, NULL},
    {"buffer", text_buffer_get, NULL, NULL},
    {"line_buffering", text_line_buffering_get, NULL, NULL},
    {"write_through", text_write_through_get, NULL, NULL},
    {"_finalizing", text_finalizing_get, NULL, NULL},
    {"name", text_name_get, NULL, NULL},
    {"closed", text_closed_get, NULL, NULL},
    {"newlines", text_newlines_get, NULL, NULL},
    {"errors", text_errors_get, NULL, NULL},
    {"_CHUNK_SIZE", text_chunk_size_get, text_chunk_size_set, NULL},
    {NULL},
};

KaaType io_textiowrapper_type = {
    .ob = {&kaa_type_type},
    .name = "_io.TextIOWrapper",
    .base = &io_textiobase_type,
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(IOText),
    .repr = text_repr,
    .next = text_next,
    .new_ = text_new_slot,
    .init = text_init,
    .methods = text_methods,
    .getsets = text_getsets,
};

// ---- IncrementalNewlineDecoder ------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    KaaValue decoder;  // None, or an incremental decoder whose output is translated
    KaaValue errors;
    bool translate, pendingcr;
    int seennl;
} NLDecoder;

static NLDecoder *nld(KaaValue v) { return (NLDecoder *)kaa_obj(v); }

static void nldecoder_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"decoder", "translate", "errors", NULL};
    KaaValue a[3];
    osio_bind("IncrementalNewlineDecoder", args, nargs, kwnames, params, 0, 2, a);
    NLDecoder *d = nld(self);
    d->decoder = a[0];
    d->translate = kaa_truthy(a[1]);
    d->errors = a[2] ? a[2] : kaa_str_from_cstr("strict");
    d->pendingcr = false;
    d->seennl = 0;
}

// decode(input, final=False): a final \r waits for the next call unless final.
static KaaValue nldecoder_decode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"input", "final", NULL};
    KaaValue a[2];
    osio_bind("decode", args, nargs, kwnames, params, 0, 1, a);
    NLDecoder *d = nld(self);
    if (d->decoder == KAA_NULL) {
        io_closed_error("IncrementalNewlineDecoder.__init__() not called");
    }
    bool final = a[1] != KAA_NULL && kaa_truthy(a[1]);
    KaaValue out = a[0];
    if (d->decoder != kaa_None) {
        KaaValue dargs[2] = {a[0], kaa_bool(final)};
        out = kaa_call(kaa_getattr(d->decoder, IO_NAME(decode)), dargs, 2, NULL);
    }
    if (!kaa_is_str(out)) {
        kaa_raise_type_error("decoder should return a string result, not '%s'",
                             kaa_type_name_of(out));
    }
    if (d->pendingcr && (final || kaa_str(out)->len > 0)) {
        out = kaa_str_concat(kaa_str_from_cstr("\r"), out);
        d->pendingcr = false;
    }
    KaaStr *s = kaa_str(out);
    if (!final && s->len > 0 && kaa_str_char(s, s->len - 1) == '\r') {
        out = kaa_str_substr(out, 0, s->len - 1);
        d->pendingcr = true;
    }
    IOText scratch = {.seennl = d->seennl};
    note_newlines(&scratch, kaa_str(out));
    d->seennl = scratch.seennl;
    if (d->translate && has_cr(kaa_str(out))) {
        out = translate_newlines(out);
    }
    return out;
}

// getstate(): the inner decoder's state with the pending-\r flag in bit 0 of the flags.
static KaaValue nldecoder_getstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    NLDecoder *d = nld(self);
    KaaValue buf = kaa_bytes_new("", 0);
    int64_t flag = 0;
    if (d->decoder != kaa_None) {
        KaaValue st = kaa_call_method(d->decoder, IO_NAME(getstate), NULL, 0);
        if (!kaa_is_tuple(st) || kaa_tuple(st)->len != 2) {
            kaa_raise_type_error("illegal decoder state");
        }
        buf = kaa_tuple(st)->items[0];
        flag = kaa_int_as_i64(kaa_tuple(st)->items[1]);
    }
    flag = (flag << 1) | d->pendingcr;
    return kaa_from_obj(kaa_tuple_pack(2, buf, kaa_int_from_i64(flag)));
}

static KaaValue nldecoder_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("setstate", nargs, 1, 1);
    NLDecoder *d = nld(self);
    KaaValue st = args[0];
    if (!kaa_is_tuple(st) || kaa_tuple(st)->len != 2) {
        kaa_raise_type_error("state argument must be a tuple");
    }
    int64_t flag = kaa_int_as_i64(kaa_tuple(st)->items[1]);
    d->pendingcr = flag & 1;
    if (d->decoder != kaa_None) {
        KaaValue inner = kaa_from_obj(kaa_tuple_pack(2, kaa_tuple(st)->items[0],
                                                     kaa_int_from_i64(flag >> 1)));
        kaa_call_method(d->decoder, IO_NAME(setstate), &inner, 1);
    }
    return kaa_None;
}

static KaaValue nldecoder_reset(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    NLDecoder *d = nld(self);
    d->seennl = 0;
    d->pendingcr = false;
    if (d->decoder != kaa_None) {
        kaa_call_method(d->decoder, IO_NAME(reset), NULL, 0);
    }
    return kaa_None;
}

static KaaValue nldecoder_newlines(KaaValue self) { return newlines_value(nld(self)->seennl); }

static KaaValue nldecoder_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_instance_alloc(type, 0);
}

static const KaaMethodDef nldecoder_methods[] = {
    {"decode", nldecoder_decode, 0, NULL},
    {"getstate", nldecoder_getstate, 0, NULL},
    {"setstate", nldecoder_setstate, 0, NULL},
    {"reset", nldecoder_reset, 0, NULL},
    {NULL},
};

static const KaaGetSetDef nldecoder_getsets[] = {
    {"newlines", nldecoder_newlines, NULL, NULL},
    {NULL},
};

KaaType io_nldecoder_type = {
    .ob = {&kaa_type_type},
    .name = "_io.IncrementalNewlineDecoder",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(NLDecoder),
    .new_ = nldecoder_new,
    .init = nldecoder_init,
    .methods = nldecoder_methods,
    .getsets = nldecoder_getsets,
};

void io_text_ready(KaaValue module) {
    kaa_type_ready(&io_textiowrapper_type);
    kaa_type_ready(&io_nldecoder_type);
    kaa_module_add(module, "TextIOWrapper", kaa_from_obj(&io_textiowrapper_type));
    kaa_module_add(module, "IncrementalNewlineDecoder", kaa_from_obj(&io_nldecoder_type));
}
