// modules/hashcommon.h — what the hash modules (_md5, _sha1, _sha256, _sha512, _sha3, _blake2)
// share: the hash object and its generic methods, argument conversions with CPython's exact
// messages, byte-order helpers and the block buffering of the Merkle-Damgard hashes.
//
// Stage: modules (private to md5.c, sha1.c, sha256.c, sha512.c, sha3.c and blake2.c; nothing
// else includes it). Everything here is static: each module gets its own copy of what it uses.
// An algorithm is described by an HcAlgo (sizes and three C functions over an opaque state);
// the object, its methods and its attributes are the same for every algorithm.
// Must not: know any particular algorithm.
#ifndef KAA_MODULES_HASHCOMMON_H
#define KAA_MODULES_HASHCOMMON_H

#include <stdio.h>
#include <string.h>

#include "modules/modules.h"

// ---- byte order ---------------------------------------------------------------------------------
// memcpy-based loads compile to single moves (and bswap) on every target that allows them.

static inline uint32_t hc_le32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

static inline uint32_t hc_be32(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, 4);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

static inline uint64_t hc_le64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline uint64_t hc_be64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline void hc_put_le32(uint8_t *p, uint32_t v) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    memcpy(p, &v, 4);
}

static inline void hc_put_be32(uint8_t *p, uint32_t v) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    memcpy(p, &v, 4);
}

static inline void hc_put_le64(uint8_t *p, uint64_t v) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, 8);
}

static inline void hc_put_be64(uint8_t *p, uint64_t v) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, 8);
}

static inline uint32_t hc_rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static inline uint32_t hc_rotr32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static inline uint64_t hc_rotl64(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }
static inline uint64_t hc_rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

// ---- block buffering (MD5, SHA-1, SHA-2) ----------------------------------------------------------

// Feeds n bytes to a block function that compresses whole blocks, keeping a partial block in
// buf (*buflen bytes). Whole blocks of the input are compressed straight from it, many at a
// time, so large updates never copy. Inlined with a constant `blocks`, this is a direct call.
static inline void hc_md_feed(void *state, uint8_t *buf, uint32_t *buflen, size_t block,
                              void (*blocks)(void *state, const uint8_t *p, size_t nblocks),
                              const uint8_t *p, size_t n) {
    if (*buflen > 0) {
        size_t take = block - *buflen < n ? block - *buflen : n;
        memcpy(buf + *buflen, p, take);
        *buflen += (uint32_t)take;
        p += take;
        n -= take;
        if (*buflen < block) {
            return;
        }
        blocks(state, buf, 1);
        *buflen = 0;
    }
    if (n >= block) {
        blocks(state, p, n / block);
        p += n / block * block;
        n %= block;
    }
    if (n > 0) {
        memcpy(buf, p, n);
        *buflen = (uint32_t)n;
    }
}

// ---- arguments ----------------------------------------------------------------------------------

typedef struct HcData {
    const uint8_t *p;
    size_t n;
} HcData;

// A memoryview whose items are not adjacent: CPython refuses it where a contiguous buffer is
// required (kaa's strided views would otherwise export a copy).
static inline void hc_check_contiguous(KaaValue v) {
    if (kaa_is_type(v, &kaa_memoryview_type) &&
        !kaa_truthy(kaa_getattr_cstr(v, "c_contiguous"))) {
        kaa_raise_msg(kaa_BufferError, "memoryview: underlying buffer is not C-contiguous");
    }
}

// The data to hash (CPython's GET_BUFFER_VIEW_OR_ERROUT): a str is refused with its own
// message, anything else must export a contiguous buffer.
static inline HcData hc_data(KaaValue v) {
    HcData d;
    if (kaa_is_str(v)) {
        kaa_raise_type_error("Strings must be encoded before hashing");
    }
    if (!kaa_buffer_get(v, &d.p, &d.n)) {
        kaa_raise_type_error("object supporting the buffer API required");
    }
    if (!kaa_is_bytes(v)) {
        hc_check_contiguous(v);
    }
    return d;
}

// A bytes-like keyword parameter (the argument clinic's Py_buffer: blake2's key, salt, person).
static inline HcData hc_buffer_arg(KaaValue v) {
    HcData d;
    if (!kaa_buffer_get(v, &d.p, &d.n)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'", kaa_type_name_of(v));
    }
    hc_check_contiguous(v);
    return d;
}

// The clinic's `int` converter: __index__, and "Python int too large to convert to C int".
static inline int hc_int_arg(KaaValue v) {
    KaaValue i = kaa_is_int(v) ? v : kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out) || out > INT32_MAX || out < INT32_MIN) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    return (int)out;
}

// The clinic's unsigned long / unsigned long long converters (no __index__): an int, not
// negative, that fits in `bits` bits (64: the message of C unsigned long or of the byte-array
// conversion, as `too_big` says).
static inline uint64_t hc_unsigned_arg(KaaValue v, const char *too_big) {
    if (!kaa_is_int_like(v)) {
        kaa_raise_type_error("an integer is required");
    }
    if (kaa_int_sign(v) < 0) {
        kaa_raise_value_error("value must be positive");
    }
    if (kaa_is_int(v)) {
        return (uint64_t)kaa_int_val(v);
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(v, z);
    if (mpz_sizeinbase(z, 2) > 64) {
        kaa_raise_overflow("%s", too_big);
    }
    uint64_t out = 0;
    mpz_export(&out, NULL, -1, sizeof out, 0, 0, z);
    return out;
}
#define HC_ULONG_TOO_BIG "Python int too large to convert to C unsigned long"

// ---- the hash object ----------------------------------------------------------------------------

// One algorithm: its name (hash.name, and the type's short name in messages), its sizes, and
// three functions over a state of state_size bytes that holds no pointers. `final` may
// destroy the state it is given: digest() always finalises a copy.
typedef struct HcAlgo {
    const char *name;
    uint32_t digest_size, block_size;
    uint32_t state_size;
    void (*init)(void *state);
    void (*update)(void *state, const uint8_t *p, size_t n);
    void (*final)(void *state, uint8_t *out, size_t outlen);
} HcAlgo;

// The object: the algorithm and its running state, inline after the header. It is allocated
// atomic: its only pointers are to the static type and algorithm (the types are neither
// subclassable nor weakly referenceable), and one unscanned block per hash keeps
// hashlib.sha256(b).hexdigest() cheap.
typedef struct HcHash {
    KaaObject ob;
    const HcAlgo *algo;
    uint32_t digest_size;  // usually algo->digest_size; blake2 takes it as a parameter
    uint32_t reserved_;
    _Alignas(16) uint8_t state[];
} HcHash;

#define HC_MAX_STATE 512  // the largest state of any algorithm (Keccak: 200 + buffering)

static inline HcHash *hc_hash(KaaValue v) { return (HcHash *)kaa_obj(v); }

// A new object of `type` with the state of `algo` (uninitialised).
static inline HcHash *hc_alloc(KaaType *type, const HcAlgo *algo) {
    HcHash *h = kaa_alloc_atomic(sizeof(HcHash) + algo->state_size);
    h->ob.type = type;
    h->algo = algo;
    h->digest_size = algo->digest_size;
    return h;
}

static inline void hc_update(HcHash *h, KaaValue data) {
    HcData d = hc_data(data);
    if (d.n > 0) {
        h->algo->update(h->state, d.p, d.n);
    }
}

// The digest of what was hashed so far, into out (outlen bytes); the object is unchanged.
static inline void hc_digest_into(HcHash *h, uint8_t *out, size_t outlen) {
    _Alignas(16) uint8_t copy[HC_MAX_STATE];
    memcpy(copy, h->state, h->algo->state_size);
    h->algo->final(copy, out, outlen);
}

static inline KaaValue hc_hex(const uint8_t *d, size_t n) {
    static const char digits[] = "0123456789abcdef";
    KaaValue s = kaa_str_new_raw(n * 2, 1, true);
    uint8_t *o = kaa_str(s)->data;
    for (size_t i = 0; i < n; i++) {
        o[2 * i] = (uint8_t)digits[d[i] >> 4];
        o[2 * i + 1] = (uint8_t)digits[d[i] & 15];
    }
    o[n * 2] = 0;
    return s;
}

// "md5.update" for the messages of the methods of the type whose short name is algo->name.
#define HC_QUALNAME(buf, h, meth) snprintf(buf, sizeof buf, "%s." meth, (h)->algo->name)

static KAA_UNUSED KaaValue hc_meth_update(KaaValue self, KaaValue *args, size_t nargs,
                                          KaaTuple *kw) {
    HcHash *h = hc_hash(self);
    char q[48];
    HC_QUALNAME(q, h, "update");
    kaa_args_no_kw(q, kw);
    kaa_args_count(q, nargs, 1, 1);
    hc_update(h, args[0]);
    return kaa_None;
}

static KAA_UNUSED KaaValue hc_meth_digest(KaaValue self, KaaValue *args, size_t nargs,
                                          KaaTuple *kw) {
    HcHash *h = hc_hash(self);
    char q[48];
    HC_QUALNAME(q, h, "digest");
    kaa_args_no_kw(q, kw);
    kaa_args_count(q, nargs, 0, 0);
    KaaValue r = kaa_bytes_new_raw(h->digest_size);
    hc_digest_into(h, kaa_bytes(r)->data, h->digest_size);
    return r;
}

static KAA_UNUSED KaaValue hc_meth_hexdigest(KaaValue self, KaaValue *args, size_t nargs,
                                             KaaTuple *kw) {
    HcHash *h = hc_hash(self);
    char q[48];
    HC_QUALNAME(q, h, "hexdigest");
    kaa_args_no_kw(q, kw);
    kaa_args_count(q, nargs, 0, 0);
    uint8_t out[64];
    hc_digest_into(h, out, h->digest_size);
    return hc_hex(out, h->digest_size);
}

static inline KaaValue hc_copy(HcHash *h) {
    HcHash *c = hc_alloc(h->ob.type, h->algo);
    c->digest_size = h->digest_size;
    memcpy(c->state, h->state, h->algo->state_size);
    return kaa_from_obj(c);
}

// copy() of the sha3 and blake2 types (METH_NOARGS).
static KAA_UNUSED KaaValue hc_meth_copy(KaaValue self, KaaValue *args, size_t nargs,
                                        KaaTuple *kw) {
    HcHash *h = hc_hash(self);
    char q[48];
    HC_QUALNAME(q, h, "copy");
    kaa_args_no_kw(q, kw);
    kaa_args_count(q, nargs, 0, 0);
    return hc_copy(h);
}

// copy() of the md5/sha1/sha2 types: CPython 3.11 checks positional arguments only (keywords
// are ignored) and words its message without the type's name.
static KAA_UNUSED KaaValue hc_meth_copy_md(KaaValue self, KaaValue *args, size_t nargs,
                                           KaaTuple *kw) {
    if (nargs > 0) {
        kaa_raise_type_error("copy() takes no arguments");
    }
    return hc_copy(hc_hash(self));
}

static KAA_UNUSED KaaValue hc_get_name(KaaValue self) {
    return kaa_str_from_cstr(hc_hash(self)->algo->name);
}

static KAA_UNUSED KaaValue hc_get_digest_size(KaaValue self) {
    return kaa_from_small(hc_hash(self)->digest_size);
}

static KAA_UNUSED KaaValue hc_get_block_size(KaaValue self) {
    return kaa_from_small(hc_hash(self)->algo->block_size);
}

#define HC_DOC_COPY "Return a copy of the hash object."
#define HC_DOC_DIGEST "Return the digest value as a bytes object."
#define HC_DOC_HEXDIGEST "Return the digest value as a string of hexadecimal digits."

// The methods and attributes of the md5/sha1/sha2 types.
static KAA_UNUSED const KaaMethodDef hc_md_methods[] = {
    {"copy", hc_meth_copy_md, 0, HC_DOC_COPY},
    {"digest", hc_meth_digest, 0, HC_DOC_DIGEST},
    {"hexdigest", hc_meth_hexdigest, 0, HC_DOC_HEXDIGEST},
    {"update", hc_meth_update, 0, "Update this hash object's state with the provided string."},
    {NULL},
};

static KAA_UNUSED const KaaGetSetDef hc_getsets[] = {
    {"block_size", hc_get_block_size, NULL, NULL},
    {"name", hc_get_name, NULL, NULL},
    {"digest_size", hc_get_digest_size, NULL, NULL},
    {NULL},
};

// The md5/sha1/sha2 types cannot be instantiated: the module functions make their objects.
static KAA_UNUSED KaaValue hc_no_new(KaaType *type, KaaValue *args, size_t nargs,
                                     KaaTuple *kw) {
    kaa_raise_type_error("cannot create '%s' instances", type->name);
}

#define HC_MD_TYPE(cname, tpname)                                                               \
    static KaaType cname = {                                                                    \
        .ob = {&kaa_type_type},                                                                 \
        .name = tpname,                                                                         \
        .instance_size = sizeof(HcHash),                                                        \
        .new_ = hc_no_new,                                                                      \
        .methods = hc_md_methods,                                                               \
        .getsets = hc_getsets,                                                                  \
    }

// The module function md5(string=b'', *, usedforsecurity=True) and its siblings: a new object
// of `type` for `algo`, fed the initial data. usedforsecurity is read for its truth (which may
// raise) and otherwise ignored, as in CPython's builtin modules.
static KAA_UNUSED KaaValue hc_md_construct(KaaType *type, const HcAlgo *algo, KaaValue *args,
                                           size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"string", "*", "usedforsecurity", NULL};
    KaaValue v[2];
    if (nargs == 1 && kw == NULL) {
        v[0] = args[0];
        v[1] = KAA_NULL;
    } else {
        kaa_args_bind(algo->name, args, nargs, kw, params, 0, 0, v);
    }
    if (v[1] != KAA_NULL) {
        kaa_truthy(v[1]);
    }
    HcHash *h = hc_alloc(type, algo);
    algo->init(h->state);
    if (v[0] != KAA_NULL) {
        hc_update(h, v[0]);
    }
    return kaa_from_obj(h);
}

#endif
