// modules/codecs.c — the _codecs module: the codec registry (register, lookup, encode,
// decode), the error handler registry and its standard handlers, and the codec functions the
// Python codecs in Lib/encodings/ are built on (utf_8_encode, charmap_decode, ...).
//
// Stage: modules. The UTF-8/16/32, ASCII and Latin-1 functions are kaa_str_encode and
// kaa_str_decode (objects/str_codecs.c) plus the incremental rule for `final=False` (an
// incomplete sequence at the end is left for the next call). The escape codecs and the
// charmap codecs are implemented here; their errors go through the error handler registry,
// CPython's protocol: handler(exception) -> (replacement, resume position). The registry
// imports the `encodings` package the first time a lookup finds no search function, as
// CPython does. Must not: reimplement what str_codecs.c already does.
#include "modules/coremods.h"
#include "parse/unidata.h"
#include "vm/vm.h"

static KaaList *search_functions;
static KaaDict *codec_cache, *error_handlers;

// ---- registry -----------------------------------------------------------------------------------

// Lower case, with spaces and hyphens turned into underscores (CPython's normalizestring).
static KaaValue normalize_encoding(KaaValue name) {
    KaaStr *s = kaa_str(name);
    uint32_t *cps = kaa_alloc_atomic(sizeof(uint32_t) * (s->len + 1));
    for (size_t i = 0; i < s->len; i++) {
        uint32_t c = kaa_str_char(s, i);
        cps[i] = c == ' ' || c == '-' ? '_' : (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    return kaa_str_from_ucs4(cps, s->len);
}

static KaaValue import_module(const char *name) {
    KaaValue n = kaa_str_from_cstr(name);
    return kaa_builtin_import(KAA_NULL, &n, 1, NULL);
}

static void registry_init(void);

static KaaValue codecs_lookup_value(KaaValue encoding) {
    registry_init();
    if (!kaa_is_str(encoding)) {
        kaa_raise_type_error("lookup() argument must be str, not %s", kaa_argtype_name(encoding));
    }
    if (search_functions->len == 0) {
        import_module("encodings");
    }
    KaaValue key = normalize_encoding(encoding);
    KaaValue found = kaa_dict_get(codec_cache, key);
    if (found != KAA_NULL) {
        return found;
    }
    for (int64_t i = 0; i < search_functions->len; i++) {
        KaaValue r = kaa_call1(search_functions->items[i], key);
        if (r == kaa_None) {
            continue;
        }
        if (!kaa_is_tuple(r) || kaa_tuple(r)->len != 4) {
            kaa_raise_type_error("codec search functions must return 4-tuples");
        }
        kaa_dict_set(codec_cache, key, r);
        return r;
    }
    kaa_raise_msg(kaa_LookupError, "unknown encoding: %S", encoding);
}

static KaaValue codecs_register(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("register", nargs, 1, 1);
    if (!kaa_callable(args[0])) {
        kaa_raise_type_error("argument must be callable");
    }
    kaa_list_append(search_functions, args[0]);
    return kaa_None;
}

static KaaValue codecs_unregister(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("unregister", nargs, 1, 1);
    for (int64_t i = 0; i < search_functions->len; i++) {
        if (search_functions->items[i] == args[0]) {
            memmove(search_functions->items + i, search_functions->items + i + 1,
                    sizeof(KaaValue) * (size_t)(search_functions->len - i - 1));
            search_functions->len--;
            kaa_dict_clear(codec_cache);
            break;
        }
    }
    return kaa_None;
}

static KaaValue codecs_lookup(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("lookup", nargs, 1, 1);
    return codecs_lookup_value(args[0]);
}

static KaaValue codecs_forget(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("_forget_codec", nargs, 1, 1);
    kaa_dict_del(codec_cache, normalize_encoding(args[0]));
    return kaa_None;
}

// Re-raises exc as "encoding with 'x' codec failed (Type: msg)" when it is a plain exception
// (no attributes of its own), chained to the original, as CPython does.
static KAA_NORETURN void wrap_codec_error(KaaValue exc, const char *op, KaaValue encoding) {
    KaaException *e = kaa_exc(exc);
    KaaValue args = e->args;
    bool plain = kaa_is_exception(exc) && (e->dict == KAA_NULL || kaa_dict(e->dict)->used == 0) &&
                 (args == KAA_NULL || kaa_tuple(args)->len <= 1) &&
                 !kaa_exc_matches(exc, kaa_UnicodeError) && !kaa_exc_matches(exc, kaa_OSError);
    if (!plain) {
        kaa_reraise(exc);
    }
    KaaValue msg = kaa_str_printf("%s with %R codec failed (%s: %S)", op, encoding,
                                  kaa_type_name_of(exc), exc);
    KaaValue wrapped = kaa_exc_new_msg(kaa_type_of(exc), msg);
    kaa_exc(wrapped)->cause = exc;
    kaa_exc(wrapped)->suppress_context = true;
    kaa_reraise(wrapped);
}

typedef struct {
    KaaValue fn, obj, errors;
    KaaValue result;
} CodecCall;

static void run_codec(void *ud) {
    CodecCall *c = ud;
    KaaValue args[2] = {c->obj, c->errors};
    c->result = kaa_call(c->fn, args, 2, NULL);
}

// codecs.encode/decode through the registry; encoding and errors may be KAA_NULL.
static KaaValue registry_codec(KaaValue obj, KaaValue encoding, KaaValue errors, bool encode) {
    encoding = encoding ? encoding : kaa_str_from_cstr("utf-8");
    errors = errors ? errors : kaa_str_from_cstr("strict");
    KaaValue info = codecs_lookup_value(encoding);
    CodecCall c = {kaa_tuple(info)->items[encode ? 0 : 1], obj, errors, KAA_NULL};
    KaaValue exc = kaa_protect(run_codec, &c);
    if (exc != KAA_NULL) {
        wrap_codec_error(exc, encode ? "encoding" : "decoding", encoding);
    }
    if (!kaa_is_tuple(c.result) || kaa_tuple(c.result)->len != 2) {
        kaa_raise_type_error("%s must return a tuple (object, integer)",
                             encode ? "encoder" : "decoder");
    }
    return kaa_tuple(c.result)->items[0];
}

KaaValue kaa_codecs_text(KaaValue obj, KaaValue encoding, KaaValue errors, bool encode) {
    const char *op = encode ? "encode" : "decode";
    KaaValue info = codecs_lookup_value(encoding);
    KaaValue is_text = kaa_getattr_opt(info, kaa_str_intern_cstr("_is_text_encoding"));
    if (is_text != KAA_NULL && !kaa_truthy(is_text)) {
        kaa_raise_msg(kaa_LookupError,
                      "%R is not a text encoding; use codecs.%s() to handle arbitrary codecs",
                      encoding, op);
    }
    KaaValue r = registry_codec(obj, encoding, errors, encode);
    if (encode ? !kaa_is_bytes(r) : !kaa_is_str(r)) {
        kaa_raise_type_error("%R %s returned '%s' instead of '%s'; use codecs.%s() to %s to "
                             "arbitrary types",
                             encoding, encode ? "encoder" : "decoder", kaa_type_name_of(r),
                             encode ? "bytes" : "str", op, op);
    }
    return r;
}

KaaValue kaa_codecs_encode(KaaValue obj, KaaValue encoding, KaaValue errors) {
    return registry_codec(obj, encoding, errors, true);
}

KaaValue kaa_codecs_decode(KaaValue obj, KaaValue encoding, KaaValue errors) {
    return registry_codec(obj, encoding, errors, false);
}

static KaaValue encode_or_decode(KaaValue *args, size_t nargs, KaaTuple *kwnames, bool encode) {
    static const char *const params[] = {"obj", "encoding", "errors", NULL};
    KaaValue a[3];
    kaa_args_bind(encode ? "encode" : "decode", args, nargs, kwnames, params, 0, 1, a);
    return registry_codec(a[0], a[1], a[2], encode);
}

static KaaValue codecs_encode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return encode_or_decode(args, nargs, kw, true);
}

static KaaValue codecs_decode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return encode_or_decode(args, nargs, kw, false);
}

// ---- error handlers -----------------------------------------------------------------------------

static KaaValue errors_lookup_value(KaaValue name) {
    registry_init();
    if (!kaa_is_str(name)) {
        kaa_raise_type_error("lookup_error() argument must be str, not %s",
                             kaa_argtype_name(name));
    }
    KaaValue h = kaa_dict_get(error_handlers, name);
    if (h == KAA_NULL) {
        kaa_raise_msg(kaa_LookupError, "unknown error handler name '%S'", name);
    }
    return h;
}

static KaaValue codecs_register_error(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    cm_check_positional("register_error", nargs, 2, 2);
    if (!kaa_callable(args[1])) {
        kaa_raise_type_error("handler must be callable");
    }
    kaa_dict_set(error_handlers, args[0], args[1]);
    return kaa_None;
}

static KaaValue codecs_lookup_error(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("lookup_error", nargs, 1, 1);
    return errors_lookup_value(args[0]);
}

typedef enum { EXC_ENCODE, EXC_DECODE, EXC_TRANSLATE, EXC_OTHER } ExcKind;

static ExcKind exc_kind(KaaValue exc) {
    if (!kaa_is_exception(exc)) {
        kaa_raise_type_error("codec must pass exception instance");
    }
    return kaa_exc_matches(exc, kaa_UnicodeEncodeError)   ? EXC_ENCODE
           : kaa_exc_matches(exc, kaa_UnicodeDecodeError) ? EXC_DECODE
           : kaa_exc_matches(exc, kaa_UnicodeTranslateError) ? EXC_TRANSLATE
                                                           : EXC_OTHER;
}

static KAA_NORETURN void cannot_handle(KaaValue exc) {
    kaa_raise_type_error("don't know how to handle %s in error callback",
                         kaa_type_name_of(exc));
}

static int64_t exc_int(KaaValue exc, const char *name) {
    KaaValue v = kaa_exc_attr(exc, name);
    if (v == KAA_NULL || !kaa_is_int_like(v)) {
        kaa_raise_type_error("%s attribute must be int", name);
    }
    return kaa_int_as_i64(v);
}

// The object, start and end of a Unicode error, clipped the way CPython clips them.
static KaaValue exc_range(KaaValue exc, int64_t *start, int64_t *end) {
    KaaValue obj = kaa_exc_attr(exc, "object");
    if (obj == KAA_NULL) {
        kaa_raise_type_error("object attribute not set");
    }
    int64_t len = kaa_is_str(obj) ? (int64_t)kaa_str(obj)->len : kaa_len(obj);
    *start = exc_int(exc, "start");
    *end = exc_int(exc, "end");
    *start = *start < 0 ? 0 : *start >= len ? (len ? len - 1 : 0) : *start;
    *end = *end < 1 ? 1 : *end > len ? len : *end;
    return obj;
}

static KaaValue handler_result(KaaValue replacement, int64_t end) {
    return kaa_from_obj(kaa_tuple_pack(2, replacement, kaa_int_from_i64(end)));
}

#define HANDLER(name) \
    static KaaValue name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw)

HANDLER(strict_errors) {
    kaa_args_count("strict_errors", nargs, 1, 1);
    if (!kaa_is_exception(args[0])) {
        kaa_raise_type_error("codec must pass exception instance");
    }
    kaa_raise(args[0]);
}

HANDLER(ignore_errors) {
    kaa_args_count("ignore_errors", nargs, 1, 1);
    if (exc_kind(args[0]) == EXC_OTHER) {
        cannot_handle(args[0]);
    }
    return handler_result(kaa_str_from_cstr(""), exc_int(args[0], "end"));
}

static KaaValue repeat_char(uint32_t c, int64_t n) {
    uint32_t *cps = kaa_alloc_atomic(sizeof(uint32_t) * (size_t)(n > 0 ? n : 1));
    for (int64_t i = 0; i < n; i++) {
        cps[i] = c;
    }
    return kaa_str_from_ucs4(cps, (size_t)(n > 0 ? n : 0));
}

HANDLER(replace_errors) {
    kaa_args_count("replace_errors", nargs, 1, 1);
    KaaValue exc = args[0];
    ExcKind k = exc_kind(exc);
    int64_t start, end;
    if (k == EXC_OTHER) {
        cannot_handle(exc);
    }
    exc_range(exc, &start, &end);
    if (k == EXC_DECODE) {
        return handler_result(kaa_str_from_char(0xFFFD), end);
    }
    return handler_result(repeat_char(k == EXC_ENCODE ? '?' : 0xFFFD, end - start), end);
}

static void put_backslash_escape(KaaStrBuf *b, uint32_t c) {
    char tmp[16];
    snprintf(tmp, sizeof tmp, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", c);
    kaa_strbuf_puts(b, tmp);
}

HANDLER(backslashreplace_errors) {
    kaa_args_count("backslashreplace_errors", nargs, 1, 1);
    KaaValue exc = args[0];
    ExcKind k = exc_kind(exc);
    if (k == EXC_OTHER) {
        cannot_handle(exc);
    }
    int64_t start, end;
    KaaValue obj = exc_range(exc, &start, &end);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    if (k == EXC_DECODE) {
        const uint8_t *data;
        size_t len;
        if (!kaa_buffer_get(obj, &data, &len)) {
            kaa_raise_type_error("object attribute must be bytes");
        }
        for (int64_t i = start; i < end; i++) {
            put_backslash_escape(&b, data[i]);
        }
    } else {
        for (int64_t i = start; i < end; i++) {
            put_backslash_escape(&b, kaa_str_char(kaa_str(obj), (size_t)i));
        }
    }
    return handler_result(kaa_strbuf_finish(&b), end);
}

HANDLER(xmlcharrefreplace_errors) {
    kaa_args_count("xmlcharrefreplace_errors", nargs, 1, 1);
    KaaValue exc = args[0];
    if (exc_kind(exc) != EXC_ENCODE) {
        cannot_handle(exc);
    }
    int64_t start, end;
    KaaValue obj = exc_range(exc, &start, &end);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    for (int64_t i = start; i < end; i++) {
        char tmp[24];
        snprintf(tmp, sizeof tmp, "&#%u;", kaa_str_char(kaa_str(obj), (size_t)i));
        kaa_strbuf_puts(&b, tmp);
    }
    return handler_result(kaa_strbuf_finish(&b), end);
}

HANDLER(namereplace_errors) {
    kaa_args_count("namereplace_errors", nargs, 1, 1);
    KaaValue exc = args[0];
    if (exc_kind(exc) != EXC_ENCODE) {
        cannot_handle(exc);
    }
    int64_t start, end;
    KaaValue obj = exc_range(exc, &start, &end);
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    for (int64_t i = start; i < end; i++) {
        uint32_t c = kaa_str_char(kaa_str(obj), (size_t)i);
        char name[128];
        if (kaa_unidata_name(c, name, sizeof name) > 0) {
            kaa_strbuf_puts(&b, "\\N{");
            kaa_strbuf_puts(&b, name);
            kaa_strbuf_putc(&b, '}');
        } else {
            put_backslash_escape(&b, c);
        }
    }
    return handler_result(kaa_strbuf_finish(&b), end);
}

HANDLER(surrogateescape_errors) {
    kaa_args_count("surrogateescape", nargs, 1, 1);
    KaaValue exc = args[0];
    ExcKind k = exc_kind(exc);
    int64_t start, end;
    if (k == EXC_ENCODE) {
        KaaValue obj = exc_range(exc, &start, &end);
        uint8_t *out = kaa_alloc_atomic((size_t)(end - start + 1));
        for (int64_t i = start; i < end; i++) {
            uint32_t c = kaa_str_char(kaa_str(obj), (size_t)i);
            if (c < 0xDC80 || c > 0xDCFF) {
                kaa_raise(exc);
            }
            out[i - start] = (uint8_t)(c - 0xDC00);
        }
        return handler_result(kaa_bytes_new(out, (size_t)(end - start)), end);
    }
    if (k != EXC_DECODE) {
        cannot_handle(exc);
    }
    KaaValue obj = exc_range(exc, &start, &end);
    const uint8_t *data;
    size_t len;
    kaa_buffer_get(obj, &data, &len);
    uint32_t cps[4];
    int64_t n = 0;
    for (int64_t i = start; i < end && n < 4 && data[i] >= 128; i++) {
        cps[n++] = 0xDC00 + data[i];
    }
    if (n == 0) {
        kaa_raise(exc);
    }
    return handler_result(kaa_str_from_ucs4(cps, (size_t)n), start + n);
}

// surrogatepass for the UTF codecs: surrogates travel as their UTF-8/16/32 encodings.
HANDLER(surrogatepass_errors) {
    kaa_args_count("surrogatepass", nargs, 1, 1);
    KaaValue exc = args[0];
    ExcKind k = exc_kind(exc);
    if (k != EXC_ENCODE && k != EXC_DECODE) {
        cannot_handle(exc);
    }
    KaaValue enc = kaa_exc_attr(exc, "encoding");
    int64_t start, end;
    KaaValue obj = exc_range(exc, &start, &end);
    if (k == EXC_ENCODE) {
        KaaValue piece = kaa_str_substr(obj, (size_t)start, (size_t)end);
        for (size_t i = 0; i < kaa_str(piece)->len; i++) {
            uint32_t c = kaa_str_char(kaa_str(piece), i);
            if (c < 0xD800 || c > 0xDFFF) {
                kaa_raise(exc);
            }
        }
        return handler_result(kaa_str_encode(piece, enc, kaa_str_from_cstr("surrogatepass")),
                              end);
    }
    const uint8_t *data;
    size_t len;
    kaa_buffer_get(obj, &data, &len);
    if (len - (size_t)start >= 3 && data[start] == 0xED && (data[start + 1] & 0xE0) == 0xA0) {
        uint32_t c = 0xD000 | ((uint32_t)(data[start + 1] & 0x3F) << 6) | (data[start + 2] & 0x3F);
        return handler_result(kaa_str_from_char(c), start + 3);
    }
    kaa_raise(exc);
}

// ---- the UTF, ASCII and Latin-1 functions -----------------------------------------------------

static KaaValue str_arg(const char *fn, KaaValue v) {
    if (!kaa_is_str(v)) {
        kaa_raise_type_error("%s() argument 1 must be str, not %s", fn, kaa_argtype_name(v));
    }
    return v;
}

static void bytes_arg(const char *fn, KaaValue v, const uint8_t **data, size_t *len) {
    if (!kaa_buffer_get(v, data, len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'", kaa_type_name_of(v));
    }
}

static KaaValue errors_or_null(KaaValue v) { return v == KAA_NULL || v == kaa_None ? KAA_NULL : v; }

static KaaValue pair(KaaValue a, int64_t n) {
    return kaa_from_obj(kaa_tuple_pack(2, a, kaa_int_from_i64(n)));
}

// The bytes of a UTF-8 input that may be decoded now: all of them when final, else all but
// an incomplete sequence at the end.
static size_t utf8_complete(const uint8_t *s, size_t n) {
    size_t i = n, k = 0;
    while (i > 0 && k < 3 && (s[i - 1] & 0xC0) == 0x80) {
        i--;
        k++;
    }
    if (i == 0) {
        return n;
    }
    uint8_t lead = s[i - 1];
    size_t need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 1;
    if (need <= k + 1 || lead >= 0xF5) {
        return n;
    }
    if (k >= 1) {  // the second byte must already be valid for this lead
        uint8_t b = s[i];
        bool ok = !((lead == 0xE0 && b < 0xA0) || (lead == 0xED && b > 0x9F) ||
                    (lead == 0xF0 && b < 0x90) || (lead == 0xF4 && b > 0x8F));
        if (!ok) {
            return n;
        }
    }
    return i - 1;
}

// A UTF-16/32 input cut to whole code units, without a dangling high surrogate (UTF-16).
static size_t utf16_complete(const uint8_t *s, size_t n, bool be) {
    n &= ~(size_t)1;
    if (n >= 2) {
        uint32_t u = be ? (uint32_t)s[n - 2] << 8 | s[n - 1] : (uint32_t)s[n - 1] << 8 | s[n - 2];
        if (u >= 0xD800 && u <= 0xDBFF) {
            n -= 2;
        }
    }
    return n;
}

typedef enum { FAM_UTF8, FAM_UTF16, FAM_UTF32, FAM_BYTE } Family;

static size_t complete_prefix(Family fam, const uint8_t *s, size_t n, bool be) {
    switch (fam) {
    case FAM_UTF8: return utf8_complete(s, n);
    case FAM_UTF16: return utf16_complete(s, n, be);
    case FAM_UTF32: return n & ~(size_t)3;
    default: return n;
    }
}

static KaaValue decode_common(const char *fn, const char *encoding, Family fam, bool be,
                              KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"data", "errors", "final", NULL};
    KaaValue a[3];
    kaa_args_bind(fn, args, nargs, kwnames, params, 0, 1, a);
    const uint8_t *data;
    size_t len;
    bytes_arg(fn, a[0], &data, &len);
    bool final = fam == FAM_BYTE || (a[2] != KAA_NULL && kaa_truthy(a[2]));
    size_t use = final ? len : complete_prefix(fam, data, len, be);
    KaaValue s = kaa_str_decode(data, use, kaa_str_from_cstr(encoding), errors_or_null(a[1]));
    return pair(s, (int64_t)use);
}

static KaaValue encode_common(const char *fn, const char *encoding, KaaValue *args,
                              size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"str", "errors", NULL};
    KaaValue a[2];
    kaa_args_bind(fn, args, nargs, kwnames, params, 0, 1, a);
    KaaValue s = str_arg(fn, a[0]);
    return pair(kaa_str_encode(s, kaa_str_from_cstr(encoding), errors_or_null(a[1])),
                (int64_t)kaa_str(s)->len);
}

#define CODEC_PAIR(prefix, encoding, fam, be)                                                  \
    static KaaValue codecs_##prefix##_encode(KaaValue self, KaaValue *args, size_t nargs,      \
                                             KaaTuple *kw) {                                   \
        return encode_common(#prefix "_encode", encoding, args, nargs, kw);                    \
    }                                                                                          \
    static KaaValue codecs_##prefix##_decode(KaaValue self, KaaValue *args, size_t nargs,      \
                                             KaaTuple *kw) {                                   \
        return decode_common(#prefix "_decode", encoding, fam, be, args, nargs, kw);           \
    }
CODEC_PAIR(utf_8, "utf-8", FAM_UTF8, false)
CODEC_PAIR(ascii, "ascii", FAM_BYTE, false)
CODEC_PAIR(latin_1, "latin-1", FAM_BYTE, false)
CODEC_PAIR(utf_16_le, "utf-16-le", FAM_UTF16, false)
CODEC_PAIR(utf_16_be, "utf-16-be", FAM_UTF16, true)
CODEC_PAIR(utf_32_le, "utf-32-le", FAM_UTF32, false)
CODEC_PAIR(utf_32_be, "utf-32-be", FAM_UTF32, true)

// utf_16_encode(str, errors=None, byteorder=0): a BOM and native order unless byteorder says.
static KaaValue utf_bom_encode(const char *fn, int width, KaaValue *args, size_t nargs,
                               KaaTuple *kwnames) {
    static const char *const params[] = {"str", "errors", "byteorder", NULL};
    KaaValue a[3];
    kaa_args_bind(fn, args, nargs, kwnames, params, 0, 1, a);
    KaaValue s = str_arg(fn, a[0]);
    int64_t order = a[2] ? kaa_int_as_i64(a[2]) : 0;
    const char *enc = width == 2 ? (order < 0 ? "utf-16-le" : order > 0 ? "utf-16-be" : "utf-16")
                                 : (order < 0 ? "utf-32-le" : order > 0 ? "utf-32-be" : "utf-32");
    return pair(kaa_str_encode(s, kaa_str_from_cstr(enc), errors_or_null(a[1])),
                (int64_t)kaa_str(s)->len);
}

static KaaValue codecs_utf_16_encode(KaaValue self, KaaValue *args, size_t n, KaaTuple *kw) {
    return utf_bom_encode("utf_16_encode", 2, args, n, kw);
}

static KaaValue codecs_utf_32_encode(KaaValue self, KaaValue *args, size_t n, KaaTuple *kw) {
    return utf_bom_encode("utf_32_encode", 4, args, n, kw);
}

// The byte order a BOM at the start of data gives: -1 little, 1 big, 0 none.
static int bom_order(const uint8_t *d, size_t len, int width) {
    if (width == 2 && len >= 2) {
        return d[0] == 0xFF && d[1] == 0xFE ? -1 : d[0] == 0xFE && d[1] == 0xFF ? 1 : 0;
    }
    if (width == 4 && len >= 4) {
        if (d[0] == 0xFF && d[1] == 0xFE && d[2] == 0 && d[3] == 0) {
            return -1;
        }
        return d[0] == 0 && d[1] == 0 && d[2] == 0xFE && d[3] == 0xFF ? 1 : 0;
    }
    return 0;
}

// utf_16_ex_decode(data, errors=None, byteorder=0, final=False) -> (str, consumed, order).
static KaaValue utf_ex_decode(const char *fn, int width, KaaValue *args, size_t nargs,
                              KaaTuple *kwnames, bool with_order) {
    static const char *const params[] = {"data", "errors", "byteorder", "final", NULL};
    static const char *const params_plain[] = {"data", "errors", "final", NULL};
    KaaValue a[4] = {0};
    if (with_order) {
        kaa_args_bind(fn, args, nargs, kwnames, params, 0, 1, a);
    } else {
        kaa_args_bind(fn, args, nargs, kwnames, params_plain, 0, 1, a);
        a[3] = a[2];
        a[2] = KAA_NULL;
    }
    const uint8_t *data;
    size_t len;
    bytes_arg(fn, a[0], &data, &len);
    int order = a[2] ? (int)kaa_int_as_i64(a[2]) : 0;
    bool final = a[3] != KAA_NULL && kaa_truthy(a[3]);
    size_t skip = 0;
    if (order == 0) {
        if (len < (size_t)width && !final) {
            KaaValue empty = kaa_str_from_cstr("");
            return with_order ? kaa_from_obj(kaa_tuple_pack(3, empty, kaa_from_small(0),
                                                            kaa_from_small(0)))
                              : pair(empty, 0);
        }
        order = bom_order(data, len, width);
        skip = order != 0 ? (size_t)width : 0;
    }
    bool be = order > 0;
    Family fam = width == 2 ? FAM_UTF16 : FAM_UTF32;
    size_t use = final ? len - skip : complete_prefix(fam, data + skip, len - skip, be);
    const char *enc = width == 2 ? (be ? "utf-16-be" : "utf-16-le")
                                 : (be ? "utf-32-be" : "utf-32-le");
    KaaValue s = kaa_str_decode(data + skip, use, kaa_str_from_cstr(enc), errors_or_null(a[1]));
    KaaValue consumed = kaa_int_from_i64((int64_t)(use + skip));
    if (!with_order) {
        return kaa_from_obj(kaa_tuple_pack(2, s, consumed));
    }
    return kaa_from_obj(kaa_tuple_pack(3, s, consumed, kaa_from_small(order)));
}

static KaaValue codecs_utf_16_decode(KaaValue self, KaaValue *args, size_t n, KaaTuple *kw) {
    return utf_ex_decode("utf_16_decode", 2, args, n, kw, false);
}

static KaaValue codecs_utf_32_decode(KaaValue self, KaaValue *args, size_t n, KaaTuple *kw) {
    return utf_ex_decode("utf_32_decode", 4, args, n, kw, false);
}

static KaaValue codecs_utf_16_ex_decode(KaaValue self, KaaValue *args, size_t n, KaaTuple *kw) {
    return utf_ex_decode("utf_16_ex_decode", 2, args, n, kw, true);
}

static KaaValue codecs_utf_32_ex_decode(KaaValue self, KaaValue *args, size_t n, KaaTuple *kw) {
    return utf_ex_decode("utf_32_ex_decode", 4, args, n, kw, true);
}

static KaaValue codecs_readbuffer_encode(KaaValue self, KaaValue *args, size_t nargs,
                                         KaaTuple *kw) {
    cm_check_positional("readbuffer_encode", nargs, 1, 2);
    const uint8_t *data;
    size_t len;
    if (kaa_is_str(args[0])) {
        data = (const uint8_t *)kaa_str_utf8(args[0], &len);
    } else {
        bytes_arg("readbuffer_encode", args[0], &data, &len);
    }
    return pair(kaa_bytes_new(data, len), (int64_t)len);
}

// ---- the error-handler protocol for the codecs below --------------------------------------------

typedef struct {
    uint8_t *p;
    size_t len, cap;
} Bytes;

static void bput(Bytes *b, const void *data, size_t n) {
    if (b->len + n > b->cap) {
        size_t cap = (b->cap + n) * 2 + 16;
        uint8_t *q = kaa_alloc_atomic(cap);
        if (b->len) {
            memcpy(q, b->p, b->len);
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

static void bputc(Bytes *b, uint8_t c) { bput(b, &c, 1); }

static void bputs(Bytes *b, const char *s) { bput(b, s, strlen(s)); }

// Calls the `errors` handler with a new exception; returns the replacement and sets *resume.
static KaaValue call_handler(KaaValue errors, KaaType *type, const char *encoding,
                             KaaValue object, int64_t start, int64_t end, const char *reason,
                             int64_t *resume) {
    KaaValue eargs[5] = {kaa_str_from_cstr(encoding), object, kaa_int_from_i64(start),
                         kaa_int_from_i64(end), kaa_str_from_cstr(reason)};
    KaaValue exc = kaa_exc_new(type, eargs, 5);
    KaaValue name = errors == KAA_NULL ? kaa_str_from_cstr("strict") : errors;
    KaaValue r = kaa_call1(errors_lookup_value(name), exc);
    if (!kaa_is_tuple(r) || kaa_tuple(r)->len != 2 || !kaa_is_int_like(kaa_tuple(r)->items[1])) {
        kaa_raise_type_error("%s error handler must return (str/bytes, int) tuple",
                             type == kaa_UnicodeDecodeError ? "decoding" : "encoding");
    }
    int64_t len = kaa_is_str(object) ? (int64_t)kaa_str(object)->len : kaa_len(object);
    int64_t pos = kaa_int_as_i64(kaa_tuple(r)->items[1]);
    if (pos < 0) {
        pos += len;
    }
    if (pos < 0 || pos > len) {
        kaa_raise_index_error("position %lld from error handler out of bounds", (long long)pos);
    }
    *resume = pos;
    return kaa_tuple(r)->items[0];
}

// ---- unicode_escape and raw_unicode_escape ------------------------------------------------------

static void put_escape(Bytes *b, uint32_t c) {
    char tmp[16];
    snprintf(tmp, sizeof tmp, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x", c);
    bputs(b, tmp);
}

static KaaValue codecs_unicode_escape_encode(KaaValue self, KaaValue *args, size_t nargs,
                                             KaaTuple *kw) {
    cm_check_positional("unicode_escape_encode", nargs, 1, 2);
    KaaValue s = str_arg("unicode_escape_encode", args[0]);
    KaaStr *str = kaa_str(s);
    Bytes b = {0};
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kaa_str_char(str, i);
        if (c == '\\') {
            bputs(&b, "\\\\");
        } else if (c == '\t') {
            bputs(&b, "\\t");
        } else if (c == '\n') {
            bputs(&b, "\\n");
        } else if (c == '\r') {
            bputs(&b, "\\r");
        } else if (c >= 0x20 && c < 0x7F) {
            bputc(&b, (uint8_t)c);
        } else {
            put_escape(&b, c);
        }
    }
    return pair(kaa_bytes_new(b.p, b.len), (int64_t)str->len);
}

static KaaValue codecs_raw_unicode_escape_encode(KaaValue self, KaaValue *args, size_t nargs,
                                                 KaaTuple *kw) {
    cm_check_positional("raw_unicode_escape_encode", nargs, 1, 2);
    KaaValue s = str_arg("raw_unicode_escape_encode", args[0]);
    KaaStr *str = kaa_str(s);
    Bytes b = {0};
    for (size_t i = 0; i < str->len; i++) {
        uint32_t c = kaa_str_char(str, i);
        if (c < 0x100) {
            bputc(&b, (uint8_t)c);
        } else {
            put_escape(&b, c);
        }
    }
    return pair(kaa_bytes_new(b.p, b.len), (int64_t)str->len);
}

static int hexval(uint8_t c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// Reads `digits` hex digits at d[i]; the count read when fewer are there.
static int read_hex(const uint8_t *d, size_t len, size_t i, int digits, uint32_t *out) {
    uint32_t v = 0;
    int k = 0;
    for (; k < digits && i + (size_t)k < len; k++) {
        int h = hexval(d[i + (size_t)k]);
        if (h < 0) {
            break;
        }
        v = v * 16 + (uint32_t)h;
    }
    *out = v;
    return k;
}

typedef struct {
    const uint8_t *d;
    size_t len;
    KaaValue object, errors;
    const char *encoding;
    KaaStrBuf out;
} EscDecoder;

// Reports d[start:end) as undecodable; returns where decoding resumes.
static size_t esc_error(EscDecoder *e, size_t start, size_t end, const char *reason) {
    int64_t resume;
    KaaValue rep = call_handler(e->errors, kaa_UnicodeDecodeError, e->encoding, e->object,
                                (int64_t)start, (int64_t)end, reason, &resume);
    if (!kaa_is_str(rep)) {
        kaa_raise_type_error("decoding error handler must return (str, int) tuple");
    }
    kaa_strbuf_putstr(&e->out, rep);
    return (size_t)resume;
}

// \N{NAME} at d[i] (i after the N); returns the index after it, or 0 when malformed.
static size_t read_named(EscDecoder *e, size_t i, uint32_t *cp, bool *unknown) {
    if (i >= e->len || e->d[i] != '{') {
        return 0;
    }
    size_t j = i + 1;
    while (j < e->len && e->d[j] != '}') {
        j++;
    }
    if (j >= e->len || j == i + 1) {
        return 0;
    }
    int32_t c = kaa_unidata_lookup((const char *)e->d + i + 1, j - i - 1);
    *unknown = c < 0;
    *cp = (uint32_t)(c < 0 ? 0 : c);
    return j + 1;
}

// One escape starting at the backslash d[i]; returns the index after it.
static size_t esc_one(EscDecoder *e, size_t i) {
    static const char simple_from[] = "\n\\'\"abfnrtv";
    static const char simple_to[] = "\0\\'\"\a\b\f\n\r\t\v";
    size_t start = i++;
    if (i >= e->len) {
        return esc_error(e, start, e->len, "\\ at end of string");
    }
    uint8_t c = e->d[i++];
    const char *p = memchr(simple_from, c, sizeof simple_from - 1);
    if (p != NULL) {
        if (c != '\n') {
            kaa_strbuf_putc(&e->out, (uint8_t)simple_to[p - simple_from]);
        }
        return i;
    }
    if (c >= '0' && c <= '7') {
        uint32_t v = c - '0';
        for (int k = 0; k < 2 && i < e->len && e->d[i] >= '0' && e->d[i] <= '7'; k++) {
            v = v * 8 + (e->d[i++] - '0');
        }
        kaa_strbuf_putc(&e->out, v);
        return i;
    }
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits) {
        uint32_t v;
        int got = read_hex(e->d, e->len, i, digits, &v);
        if (got < digits) {
            const char *why = c == 'x' ? "truncated \\xXX escape"
                              : c == 'u' ? "truncated \\uXXXX escape"
                                         : "truncated \\UXXXXXXXX escape";
            return esc_error(e, start, i + (size_t)got, why);
        }
        if (v > 0x10FFFF) {
            return esc_error(e, start, i + (size_t)got, "illegal Unicode character");
        }
        kaa_strbuf_putc(&e->out, v);
        return i + (size_t)digits;
    }
    if (c == 'N') {
        uint32_t cp;
        bool unknown = false;
        size_t after = read_named(e, i, &cp, &unknown);
        if (after == 0 || unknown) {
            return esc_error(e, start, after ? after : e->len,
                             after ? "unknown Unicode character name"
                                   : "malformed \\N character escape");
        }
        kaa_strbuf_putc(&e->out, cp);
        return after;
    }
    kaa_strbuf_putc(&e->out, '\\');  // an unknown escape keeps its backslash
    kaa_strbuf_putc(&e->out, c);
    return i;
}

static void esc_init(EscDecoder *e, const char *fn, const char *enc, KaaValue *args,
                     size_t nargs) {
    cm_check_positional(fn, nargs, 1, 3);
    if (kaa_is_str(args[0])) {
        size_t n;
        e->d = (const uint8_t *)kaa_str_utf8(args[0], &n);
        e->len = n;
        e->object = kaa_bytes_new(e->d, n);
    } else {
        bytes_arg(fn, args[0], &e->d, &e->len);
        e->object = kaa_bytes_new(e->d, e->len);
    }
    e->errors = nargs > 1 ? errors_or_null(args[1]) : KAA_NULL;
    e->encoding = enc;
    kaa_strbuf_init(&e->out);
}

static KaaValue codecs_unicode_escape_decode(KaaValue self, KaaValue *args, size_t nargs,
                                             KaaTuple *kw) {
    EscDecoder e;
    esc_init(&e, "unicode_escape_decode", "unicodeescape", args, nargs);
    size_t i = 0;
    while (i < e.len) {
        if (e.d[i] != '\\') {
            kaa_strbuf_putc(&e.out, e.d[i++]);
        } else {
            i = esc_one(&e, i);
        }
    }
    return pair(kaa_strbuf_finish(&e.out), (int64_t)e.len);
}

static KaaValue codecs_raw_unicode_escape_decode(KaaValue self, KaaValue *args, size_t nargs,
                                                 KaaTuple *kw) {
    EscDecoder e;
    esc_init(&e, "raw_unicode_escape_decode", "rawunicodeescape", args, nargs);
    size_t i = 0;
    while (i < e.len) {
        // Only \u and \U after an odd run of backslashes escape anything.
        if (e.d[i] != '\\' || i + 1 >= e.len || (e.d[i + 1] != 'u' && e.d[i + 1] != 'U')) {
            kaa_strbuf_putc(&e.out, e.d[i++]);
            continue;
        }
        int digits = e.d[i + 1] == 'u' ? 4 : 8;
        uint32_t v;
        int got = read_hex(e.d, e.len, i + 2, digits, &v);
        if (got < digits) {
            i = esc_error(&e, i, i + 2 + (size_t)got,
                          digits == 4 ? "truncated \\uXXXX escape"
                                      : "truncated \\UXXXXXXXX escape");
            continue;
        }
        if (v > 0x10FFFF) {
            i = esc_error(&e, i, i + 10, "\\Uxxxxxxxx out of range");
            continue;
        }
        kaa_strbuf_putc(&e.out, v);
        i += 2 + (size_t)digits;
    }
    return pair(kaa_strbuf_finish(&e.out), (int64_t)e.len);
}

// ---- escape_encode / escape_decode (bytes literals) ----------------------------------------------

static KaaValue codecs_escape_encode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("escape_encode", nargs, 1, 2);
    if (!kaa_is_bytes(args[0])) {
        kaa_raise_type_error("escape_encode() argument 1 must be bytes, not %s",
                             kaa_argtype_name(args[0]));
    }
    KaaBytes *in = kaa_bytes(args[0]);
    Bytes b = {0};
    for (size_t i = 0; i < in->len; i++) {
        uint8_t c = in->data[i];
        char tmp[8];
        if (c == '\\' || c == '\'') {
            tmp[0] = '\\', tmp[1] = (char)c, tmp[2] = 0;
        } else if (c == '\t' || c == '\n' || c == '\r') {
            snprintf(tmp, sizeof tmp, "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        } else if (c < ' ' || c >= 0x7F) {
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
        } else {
            tmp[0] = (char)c, tmp[1] = 0;
        }
        bputs(&b, tmp);
    }
    return pair(kaa_bytes_new(b.p, b.len), (int64_t)in->len);
}

static KaaValue codecs_escape_decode(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    cm_check_positional("escape_decode", nargs, 1, 2);
    const uint8_t *d;
    size_t len;
    if (kaa_is_str(args[0])) {
        d = (const uint8_t *)kaa_str_utf8(args[0], &len);
    } else {
        bytes_arg("escape_decode", args[0], &d, &len);
    }
    static const char simple_from[] = "\\'\"abfnrtv";
    static const char simple_to[] = "\\'\"\a\b\f\n\r\t\v";
    Bytes b = {0};
    size_t i = 0;
    while (i < len) {
        if (d[i] != '\\') {
            bputc(&b, d[i++]);
            continue;
        }
        size_t start = i++;
        if (i >= len) {
            kaa_raise_value_error("Trailing \\ in string");
        }
        uint8_t c = d[i++];
        const char *p = memchr(simple_from, c, sizeof simple_from - 1);
        if (c == '\n') {
            continue;
        }
        if (p != NULL) {
            bputc(&b, (uint8_t)simple_to[p - simple_from]);
        } else if (c >= '0' && c <= '7') {
            unsigned v = c - '0';
            for (int k = 0; k < 2 && i < len && d[i] >= '0' && d[i] <= '7'; k++) {
                v = v * 8 + (d[i++] - '0');
            }
            bputc(&b, (uint8_t)v);
        } else if (c == 'x') {
            uint32_t v;
            if (read_hex(d, len, i, 2, &v) < 2) {
                kaa_raise_value_error("invalid \\x escape at position %zu", start);
            }
            bputc(&b, (uint8_t)v);
            i += 2;
        } else {
            bputc(&b, '\\');
            bputc(&b, c);
        }
    }
    return pair(kaa_bytes_new(b.p, b.len), (int64_t)len);
}

// ---- charmap --------------------------------------------------------------------------------------

static KaaValue codecs_charmap_build(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("charmap_build", nargs, 1, 1);
    KaaValue s = str_arg("charmap_build", args[0]);
    KaaDict *map = kaa_dict_new();
    for (size_t i = 0; i < kaa_str(s)->len; i++) {
        kaa_dict_set(map, kaa_from_small(kaa_str_char(kaa_str(s), i)), kaa_from_small((int64_t)i));
    }
    return kaa_from_obj(map);
}

// The bytes the charmap gives code point c: false when it maps to nothing.
static bool charmap_lookup_encode(KaaValue mapping, uint32_t c, Bytes *b) {
    if (mapping == KAA_NULL) {
        if (c > 0xFF) {
            return false;
        }
        bputc(b, (uint8_t)c);
        return true;
    }
    KaaValue key = kaa_from_small(c), v = KAA_NULL;
    if (kaa_is_dict(mapping)) {
        v = kaa_dict_get(kaa_dict(mapping), key);
    } else {
        KaaHandler h;
        kaa_handler_push(&h);
        if (setjmp(h.buf) == 0) {
            v = kaa_getitem(mapping, key);
            kaa_handler_pop(&h);
        } else {
            kaa_ts.frame = h.frame;
            if (!kaa_exc_matches(h.exc, kaa_LookupError)) {
                kaa_reraise(h.exc);
            }
            v = KAA_NULL;
        }
    }
    if (v == KAA_NULL || v == kaa_None) {
        return false;
    }
    if (kaa_is_int_like(v)) {
        int64_t n = kaa_int_as_i64(v);
        if (n < 0 || n > 255) {
            kaa_raise_type_error("character mapping must be in range(256)");
        }
        bputc(b, (uint8_t)n);
        return true;
    }
    const uint8_t *data;
    size_t len;
    if (!kaa_is_bytes(v) || !kaa_buffer_get(v, &data, &len)) {
        kaa_raise_type_error("character mapping must return integer, bytes or None, not %s",
                             kaa_type_name_of(v));
    }
    bput(b, data, len);
    return true;
}

static KaaValue codecs_charmap_encode(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    cm_check_positional("charmap_encode", nargs, 1, 3);
    KaaValue s = str_arg("charmap_encode", args[0]);
    KaaValue errors = nargs > 1 ? errors_or_null(args[1]) : KAA_NULL;
    KaaValue mapping = nargs > 2 && args[2] != kaa_None ? args[2] : KAA_NULL;
    KaaStr *str = kaa_str(s);
    Bytes b = {0};
    size_t i = 0;
    while (i < str->len) {
        if (charmap_lookup_encode(mapping, kaa_str_char(str, i), &b)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < str->len && !charmap_lookup_encode(mapping, kaa_str_char(str, j), &(Bytes){0})) {
            j++;
        }
        int64_t resume;
        KaaValue rep = call_handler(errors, kaa_UnicodeEncodeError, "charmap", s, (int64_t)i,
                                    (int64_t)j, "character maps to <undefined>", &resume);
        if (kaa_is_bytes(rep)) {
            bput(&b, kaa_bytes(rep)->data, kaa_bytes(rep)->len);
        } else if (kaa_is_str(rep)) {
            for (size_t k = 0; k < kaa_str(rep)->len; k++) {
                if (!charmap_lookup_encode(mapping, kaa_str_char(kaa_str(rep), k), &b)) {
                    call_handler(KAA_NULL, kaa_UnicodeEncodeError, "charmap", s, (int64_t)i,
                                 (int64_t)j, "character maps to <undefined>", &resume);
                }
            }
        } else {
            kaa_raise_type_error("encoding error handler must return (str/bytes, int) tuple");
        }
        i = (size_t)resume;
    }
    return pair(kaa_bytes_new(b.p, b.len), (int64_t)str->len);
}

// The text byte c decodes to through the mapping: KAA_NULL when undefined.
static KaaValue charmap_lookup_decode(KaaValue mapping, uint8_t c) {
    if (kaa_is_str(mapping)) {
        KaaStr *m = kaa_str(mapping);
        if (c >= m->len || kaa_str_char(m, c) == 0xFFFE) {
            return KAA_NULL;
        }
        return kaa_str_from_char(kaa_str_char(m, c));
    }
    KaaValue key = kaa_from_small(c), v = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        v = kaa_getitem(mapping, key);
        kaa_handler_pop(&h);
    } else {
        kaa_ts.frame = h.frame;
        if (!kaa_exc_matches(h.exc, kaa_LookupError)) {
            kaa_reraise(h.exc);
        }
        return KAA_NULL;
    }
    if (v == kaa_None) {
        return KAA_NULL;
    }
    if (kaa_is_int_like(v)) {
        int64_t n = kaa_int_as_i64(v);
        if (n < 0 || n > 0x10FFFF) {
            kaa_raise_type_error("character mapping must be in range(0x110000)");
        }
        return n == 0xFFFE ? KAA_NULL : kaa_str_from_char((uint32_t)n);
    }
    if (!kaa_is_str(v)) {
        kaa_raise_type_error("character mapping must return integer, None or str");
    }
    return v;
}

static KaaValue codecs_charmap_decode(KaaValue self, KaaValue *args, size_t nargs,
                                      KaaTuple *kw) {
    cm_check_positional("charmap_decode", nargs, 1, 3);
    const uint8_t *d;
    size_t len;
    bytes_arg("charmap_decode", args[0], &d, &len);
    KaaValue errors = nargs > 1 ? errors_or_null(args[1]) : KAA_NULL;
    KaaValue mapping = nargs > 2 && args[2] != kaa_None ? args[2] : KAA_NULL;
    if (mapping == KAA_NULL) {
        return pair(kaa_str_from_latin1(d, len), (int64_t)len);
    }
    KaaValue object = kaa_bytes_new(d, len);
    KaaStrBuf out;
    kaa_strbuf_init(&out);
    size_t i = 0;
    while (i < len) {
        KaaValue piece = charmap_lookup_decode(mapping, d[i]);
        if (piece != KAA_NULL) {
            kaa_strbuf_putstr(&out, piece);
            i++;
            continue;
        }
        int64_t resume;
        KaaValue rep = call_handler(errors, kaa_UnicodeDecodeError, "charmap", object,
                                    (int64_t)i, (int64_t)i + 1, "character maps to <undefined>",
                                    &resume);
        kaa_strbuf_putstr(&out, rep);
        i = (size_t)resume;
    }
    return pair(kaa_strbuf_finish(&out), (int64_t)len);
}

// ---- the module -----------------------------------------------------------------------------------

#define CF(name) {#name, codecs_##name, 0, NULL}
static const KaaMethodDef codecs_methods[] = {
    CF(register), CF(unregister), CF(lookup), CF(encode), CF(decode), CF(register_error),
    CF(lookup_error),
    {"_forget_codec", codecs_forget, 0, NULL},
    CF(utf_8_encode), CF(utf_8_decode), CF(ascii_encode), CF(ascii_decode),
    CF(latin_1_encode), CF(latin_1_decode),
    CF(utf_16_encode), CF(utf_16_decode), CF(utf_16_le_encode), CF(utf_16_le_decode),
    CF(utf_16_be_encode), CF(utf_16_be_decode), CF(utf_16_ex_decode),
    CF(utf_32_encode), CF(utf_32_decode), CF(utf_32_le_encode), CF(utf_32_le_decode),
    CF(utf_32_be_encode), CF(utf_32_be_decode), CF(utf_32_ex_decode),
    CF(unicode_escape_encode), CF(unicode_escape_decode), CF(raw_unicode_escape_encode),
    CF(raw_unicode_escape_decode), CF(escape_encode), CF(escape_decode),
    CF(charmap_build), CF(charmap_encode), CF(charmap_decode), CF(readbuffer_encode),
    {NULL},
};
#undef CF

static const KaaMethodDef handler_defs[] = {
    {"strict_errors", strict_errors, 0, NULL},
    {"ignore_errors", ignore_errors, 0, NULL},
    {"replace_errors", replace_errors, 0, NULL},
    {"xmlcharrefreplace_errors", xmlcharrefreplace_errors, 0, NULL},
    {"backslashreplace_errors", backslashreplace_errors, 0, NULL},
    {"namereplace_errors", namereplace_errors, 0, NULL},
    {"surrogateescape", surrogateescape_errors, 0, NULL},
    {"surrogatepass", surrogatepass_errors, 0, NULL},
    {NULL},
};

static const char *const handler_names[] = {"strict", "ignore", "replace", "xmlcharrefreplace",
                                            "backslashreplace", "namereplace",
                                            "surrogateescape", "surrogatepass"};

static void registry_init(void) {
    if (search_functions == NULL) {
        search_functions = kaa_list_new(0);
        codec_cache = kaa_dict_new();
        error_handlers = kaa_dict_new();
        for (size_t i = 0; handler_defs[i].name; i++) {
            KaaValue fn = kaa_cfunction_new(&handler_defs[i], KAA_NULL, KAA_NULL);
            kaa_dict_set(error_handlers, kaa_str_from_cstr(handler_names[i]), fn);
        }
    }
}

KaaValue kaa_codecs_init(void) {
    registry_init();
    KaaValue m = kaa_module_new_cstr("_codecs");
    kaa_module_add_methods(m, codecs_methods);
    return m;
}
