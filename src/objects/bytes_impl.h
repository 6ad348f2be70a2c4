// objects/bytes_impl.h — what bytes.c, bytes_methods.c, bytes_format.c, bytearray.c and
// memoryview.c share: the byte-string methods both bytes and bytearray have, written once over
// (pointer, length), and the helpers they build on.
//
// Stage: objects (internal to the byte types; nothing outside them includes it). A shared
// method returns the kind of its `self`: bytes for bytes (and subclasses), bytearray for
// bytearray (and subclasses).
#ifndef KAA_OBJECTS_BYTES_IMPL_H
#define KAA_OBJECTS_BYTES_IMPL_H

#include "objects/objects.h"

// A borrowed view of some bytes: valid until Python code runs that may resize a bytearray.
typedef struct KaaBuf {
    const uint8_t *data;
    size_t len;
} KaaBuf;

bool kaa_is_bytearray(KaaValue v);  // bytearray or subclass
// The bytes of a bytes-like argument, or TypeError "a bytes-like object is required, not 'T'".
KaaBuf kaa_bytes_arg(KaaValue v);
// The bytes of `self` of a shared method (a bytes or a bytearray).
KaaBuf kaa_bytes_self(KaaValue self);
// A new object of self's kind (bytes or bytearray) holding len bytes; *out receives its body.
KaaValue kaa_bytes_like_new(KaaValue self, size_t len, uint8_t **out);
KaaValue kaa_bytes_like_copy(KaaValue self, const void *data, size_t len);

// Growable byte buffer (atomic memory) for building results.
typedef struct KaaByteBuf {
    uint8_t *data;
    size_t len, cap;
} KaaByteBuf;
void kaa_bytebuf_init(KaaByteBuf *b, size_t cap);
void kaa_bytebuf_put(KaaByteBuf *b, const void *data, size_t len);
void kaa_bytebuf_putc(KaaByteBuf *b, uint8_t c);
void kaa_bytebuf_fill(KaaByteBuf *b, uint8_t c, size_t n);

// Binds bytes()/bytearray()'s (source, encoding, errors) with CPython's messages.
void kaa_bytes_bind3(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                     KaaValue *out);
// Appends the bytes of a bytes(x)/bytearray(x) source that is neither str nor int: a buffer,
// a list or tuple of ints, or any iterable of ints. `what` ("bytes", "bytearray") is for
// "cannot convert 'float' object to bytes"; plural picks "bytes must be in range(0, 256)"
// over "byte must be ...".
void kaa_bytes_from_object(KaaByteBuf *b, KaaValue x, const char *what, bool plural);
// An int 0..255 (through __index__), else ValueError as kaa_bytes_from_object says.
uint8_t kaa_bytes_byte_value(KaaValue v, bool plural);
bool kaa_bytes_is_index(KaaValue v);  // int, or has __index__
// A size argument (repeat counts, bytes(n)): OverflowError when it does not fit int64.
int64_t kaa_bytes_size_arg(KaaValue v);
// The position of an int key in a sequence of len items, or IndexError(msg).
size_t kaa_bytes_index(KaaValue key, size_t len, const char *msg);

// Slots shared by bytes and bytearray.
KaaValue kaa_bytes_repr_value(const char *prefix, const uint8_t *data, size_t len,
                              const char *suffix, bool bytearray_quotes);  // prefix + b'...' + suffix
int64_t kaa_bytes_hash_data(const uint8_t *data, size_t len);
KaaValue kaa_bytes_compare(KaaBuf a, KaaBuf b, int op);  // by content
KaaValue kaa_bytes_slice(KaaValue self, KaaValue slice);
int kaa_bytes_contains(KaaValue self, KaaValue item);
KaaValue kaa_bytes_iter_new(KaaValue seq);  // bytes_iterator / bytearray_iterator
// The count of seq * n (negative counts are 0); *defer set for non-integers (NotImplemented).
int64_t kaa_bytes_repeat_count(KaaValue n, bool *defer);
void kaa_bytes_fill_repeat(uint8_t *out, const uint8_t *src, size_t len, size_t count);
// bytes % args and bytearray % args (bytes_format.c); the result has fmt's kind.
KaaValue kaa_bytes_percent(KaaValue fmt, KaaValue args);
// hex() of bytes, bytearray and memoryview, with its (sep, bytes_per_sep) arguments.
KaaValue kaa_bytes_hex(KaaValue obj, KaaValue *args, size_t nargs, KaaTuple *kwnames);

// The methods bytes and bytearray share (bytes_methods.c), as method-table entries.
#define KAA_BYTES_SHARED_METHODS(X)                                                          \
    X(capitalize) X(center) X(count) X(decode) X(endswith) X(expandtabs) X(find) X(hex)      \
    X(index) X(isalnum) X(isalpha) X(isascii) X(isdigit) X(islower) X(isspace) X(istitle)   \
    X(isupper) X(join) X(ljust) X(lower) X(lstrip) X(partition) X(removeprefix)             \
    X(removesuffix) X(replace) X(rfind) X(rindex) X(rjust) X(rpartition) X(rsplit)          \
    X(rstrip) X(split) X(splitlines) X(startswith) X(strip) X(swapcase) X(title)            \
    X(translate) X(upper) X(zfill)

#define KAA_BYTES_DECLARE(name) \
    KaaValue kaa_bytes_m_##name(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
KAA_BYTES_SHARED_METHODS(KAA_BYTES_DECLARE)
KAA_BYTES_DECLARE(fromhex)
KAA_BYTES_DECLARE(maketrans)
#undef KAA_BYTES_DECLARE

#define KAA_BYTES_METHOD_ENTRY(name) {#name, kaa_bytes_m_##name, 0, NULL},
#define KAA_BYTES_METHOD_ENTRIES                                   \
    KAA_BYTES_SHARED_METHODS(KAA_BYTES_METHOD_ENTRY)               \
    {"fromhex", kaa_bytes_m_fromhex, KAA_METH_CLASS, NULL},        \
    {"maketrans", kaa_bytes_m_maketrans, KAA_METH_STATIC, NULL},

#endif
