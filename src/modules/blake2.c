// modules/blake2.c — the _blake2 module: BLAKE2b and BLAKE2s (RFC 7693) with the full
// parameter block of the BLAKE2 specification (salt, personalisation, tree hashing), as
// hashlib's blake2b/blake2s.
//
// Stage: modules. Owns both compression functions, the parameter block and the two _blake2
// types (their own constructors, as in CPython); the object and its methods are
// hashcommon.h's. The last block of the input is always kept buffered, because it must be
// compressed with the final flag set.
// Must not: be used as a MAC with secrets it copies around carelessly; keys live only in the
// state, which copy() duplicates.
#include "modules/hashcommon.h"

// The message word permutations of RFC 7693 section 2.7; BLAKE2b's rounds 10 and 11 reuse
// rows 0 and 1.
static const uint8_t SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

// BLAKE2b's IV is SHA-512's, BLAKE2s's SHA-256's.
static const uint64_t IV64[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};
static const uint32_t IV32[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                 0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};

// The state of either variant; the words are 64-bit for b, 32-bit for s (in the low half).
typedef struct {
    uint64_t h[8];
    uint64_t t[2];       // bytes compressed so far (128-bit for b; s uses 64 bits of t[0])
    uint32_t buflen;
    uint8_t last_node;   // the final compression also inverts v[15]
    uint8_t buf[128];
} Blake2State;

// ---- BLAKE2b ------------------------------------------------------------------------------------

#define GB(a, b, c, d, x, y)                                                                    \
    do {                                                                                        \
        a += b + (x);                                                                           \
        d = hc_rotr64(d ^ a, 32);                                                               \
        c += d;                                                                                 \
        b = hc_rotr64(b ^ c, 24);                                                               \
        a += b + (y);                                                                           \
        d = hc_rotr64(d ^ a, 16);                                                               \
        c += d;                                                                                 \
        b = hc_rotr64(b ^ c, 63);                                                               \
    } while (0)

static void compress_b(Blake2State *st, const uint8_t *block, bool last) {
    uint64_t m[16];
    for (int i = 0; i < 16; i++) {
        m[i] = hc_le64(block + 8 * i);
    }
    uint64_t v0 = st->h[0], v1 = st->h[1], v2 = st->h[2], v3 = st->h[3];
    uint64_t v4 = st->h[4], v5 = st->h[5], v6 = st->h[6], v7 = st->h[7];
    uint64_t v8 = IV64[0], v9 = IV64[1], v10 = IV64[2], v11 = IV64[3];
    uint64_t v12 = IV64[4] ^ st->t[0], v13 = IV64[5] ^ st->t[1];
    uint64_t v14 = last ? ~IV64[6] : IV64[6];
    uint64_t v15 = last && st->last_node ? ~IV64[7] : IV64[7];
    // Unrolled, the permutation indices become constant offsets.
#pragma GCC unroll 12
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = SIGMA[r];
        GB(v0, v4, v8, v12, m[s[0]], m[s[1]]);
        GB(v1, v5, v9, v13, m[s[2]], m[s[3]]);
        GB(v2, v6, v10, v14, m[s[4]], m[s[5]]);
        GB(v3, v7, v11, v15, m[s[6]], m[s[7]]);
        GB(v0, v5, v10, v15, m[s[8]], m[s[9]]);
        GB(v1, v6, v11, v12, m[s[10]], m[s[11]]);
        GB(v2, v7, v8, v13, m[s[12]], m[s[13]]);
        GB(v3, v4, v9, v14, m[s[14]], m[s[15]]);
    }
    st->h[0] ^= v0 ^ v8;
    st->h[1] ^= v1 ^ v9;
    st->h[2] ^= v2 ^ v10;
    st->h[3] ^= v3 ^ v11;
    st->h[4] ^= v4 ^ v12;
    st->h[5] ^= v5 ^ v13;
    st->h[6] ^= v6 ^ v14;
    st->h[7] ^= v7 ^ v15;
}

static inline void count_b(Blake2State *st, uint64_t n) {
    st->t[0] += n;
    st->t[1] += st->t[0] < n;
}

// ---- BLAKE2s ------------------------------------------------------------------------------------

#define GS(a, b, c, d, x, y)                                                                    \
    do {                                                                                        \
        a += b + (x);                                                                           \
        d = hc_rotr32(d ^ a, 16);                                                               \
        c += d;                                                                                 \
        b = hc_rotr32(b ^ c, 12);                                                               \
        a += b + (y);                                                                           \
        d = hc_rotr32(d ^ a, 8);                                                                \
        c += d;                                                                                 \
        b = hc_rotr32(b ^ c, 7);                                                                \
    } while (0)

static void compress_s(Blake2State *st, const uint8_t *block, bool last) {
    uint32_t m[16];
    for (int i = 0; i < 16; i++) {
        m[i] = hc_le32(block + 4 * i);
    }
    uint32_t v0 = (uint32_t)st->h[0], v1 = (uint32_t)st->h[1], v2 = (uint32_t)st->h[2];
    uint32_t v3 = (uint32_t)st->h[3], v4 = (uint32_t)st->h[4], v5 = (uint32_t)st->h[5];
    uint32_t v6 = (uint32_t)st->h[6], v7 = (uint32_t)st->h[7];
    uint32_t v8 = IV32[0], v9 = IV32[1], v10 = IV32[2], v11 = IV32[3];
    uint32_t v12 = IV32[4] ^ (uint32_t)st->t[0], v13 = IV32[5] ^ (uint32_t)(st->t[0] >> 32);
    uint32_t v14 = last ? ~IV32[6] : IV32[6];
    uint32_t v15 = last && st->last_node ? ~IV32[7] : IV32[7];
#pragma GCC unroll 10
    for (int r = 0; r < 10; r++) {
        const uint8_t *s = SIGMA[r];
        GS(v0, v4, v8, v12, m[s[0]], m[s[1]]);
        GS(v1, v5, v9, v13, m[s[2]], m[s[3]]);
        GS(v2, v6, v10, v14, m[s[4]], m[s[5]]);
        GS(v3, v7, v11, v15, m[s[6]], m[s[7]]);
        GS(v0, v5, v10, v15, m[s[8]], m[s[9]]);
        GS(v1, v6, v11, v12, m[s[10]], m[s[11]]);
        GS(v2, v7, v8, v13, m[s[12]], m[s[13]]);
        GS(v3, v4, v9, v14, m[s[14]], m[s[15]]);
    }
    st->h[0] = (uint32_t)st->h[0] ^ v0 ^ v8;
    st->h[1] = (uint32_t)st->h[1] ^ v1 ^ v9;
    st->h[2] = (uint32_t)st->h[2] ^ v2 ^ v10;
    st->h[3] = (uint32_t)st->h[3] ^ v3 ^ v11;
    st->h[4] = (uint32_t)st->h[4] ^ v4 ^ v12;
    st->h[5] = (uint32_t)st->h[5] ^ v5 ^ v13;
    st->h[6] = (uint32_t)st->h[6] ^ v6 ^ v14;
    st->h[7] = (uint32_t)st->h[7] ^ v7 ^ v15;
}

static inline void count_s(Blake2State *st, uint64_t n) { st->t[0] += n; }

// ---- streaming, the same for both: the last block stays buffered -----------------------------------

// The chaining value as the full-length digest, little-endian.
static void put_b(uint8_t *out, const uint64_t *h) {
    for (int i = 0; i < 8; i++) {
        hc_put_le64(out + 8 * i, h[i]);
    }
}

static void put_s(uint8_t *out, const uint64_t *h) {
    for (int i = 0; i < 8; i++) {
        hc_put_le32(out + 4 * i, (uint32_t)h[i]);
    }
}

#define BLAKE2_STREAM(suffix, block)                                                            \
    static void update_##suffix(void *state, const uint8_t *p, size_t n) {                      \
        Blake2State *st = state;                                                                \
        if (n > (block) - st->buflen) {                                                         \
            size_t fill = (block) - st->buflen;                                                 \
            memcpy(st->buf + st->buflen, p, fill);                                              \
            count_##suffix(st, (block));                                                        \
            compress_##suffix(st, st->buf, false);                                              \
            st->buflen = 0;                                                                     \
            p += fill;                                                                          \
            n -= fill;                                                                          \
            for (; n > (block); n -= (block), p += (block)) {                                   \
                count_##suffix(st, (block));                                                    \
                compress_##suffix(st, p, false);                                                \
            }                                                                                   \
        }                                                                                       \
        memcpy(st->buf + st->buflen, p, n);                                                     \
        st->buflen += (uint32_t)n;                                                              \
    }                                                                                           \
    static void final_##suffix(void *state, uint8_t *out, size_t outlen) {                      \
        Blake2State *st = state;                                                                \
        count_##suffix(st, st->buflen);                                                         \
        memset(st->buf + st->buflen, 0, (block) - st->buflen);                                  \
        compress_##suffix(st, st->buf, true);                                                   \
        uint8_t full[64];                                                                       \
        put_##suffix(full, st->h);                                                              \
        memcpy(out, full, outlen);                                                              \
    }
BLAKE2_STREAM(b, 128)
BLAKE2_STREAM(s, 64)

// The init functions only clear the state: the constructor applies the parameter block.
static void init_blake2(void *state) { memset(state, 0, sizeof(Blake2State)); }

static const HcAlgo algo_b = {"blake2b", 64, 128, sizeof(Blake2State), init_blake2, update_b,
                              final_b};
static const HcAlgo algo_s = {"blake2s", 32, 64, sizeof(Blake2State), init_blake2, update_s,
                              final_s};

// ---- the constructor ------------------------------------------------------------------------------

typedef struct {
    int digest_size, fanout, depth, node_depth, inner_size;
    uint64_t leaf_size, node_offset;
    HcData key, salt, person;
    bool last_node;
} Params;

// The sizes of one variant (the _blake2 constants).
typedef struct {
    int max_digest, max_key, salt, person;
} Limits;
static const Limits limits_b = {64, 64, 16, 16}, limits_s = {32, 32, 8, 8};

// Converts the keyword arguments in the argument clinic's order, so that a type error in an
// earlier parameter wins over one in a later one.
static void convert_params(KaaValue *v, bool is_b, Params *p) {
    p->digest_size = v[1] ? hc_int_arg(v[1]) : (is_b ? 64 : 32);
    p->key = v[2] ? hc_buffer_arg(v[2]) : (HcData){NULL, 0};
    p->salt = v[3] ? hc_buffer_arg(v[3]) : (HcData){NULL, 0};
    p->person = v[4] ? hc_buffer_arg(v[4]) : (HcData){NULL, 0};
    p->fanout = v[5] ? hc_int_arg(v[5]) : 1;
    p->depth = v[6] ? hc_int_arg(v[6]) : 1;
    p->leaf_size = v[7] ? hc_unsigned_arg(v[7], HC_ULONG_TOO_BIG) : 0;
    p->node_offset = v[8] ? hc_unsigned_arg(v[8], "int too big to convert") : 0;
    p->node_depth = v[9] ? hc_int_arg(v[9]) : 0;
    p->inner_size = v[10] ? hc_int_arg(v[10]) : 0;
    p->last_node = v[11] ? kaa_truthy(v[11]) : false;
    if (v[12]) {
        kaa_truthy(v[12]);  // usedforsecurity: read, and otherwise ignored
    }
}

// The range checks, in CPython's order.
static void check_params(const Params *p, bool is_b) {
    const Limits *l = is_b ? &limits_b : &limits_s;
    if (p->digest_size <= 0 || p->digest_size > l->max_digest) {
        kaa_raise_value_error("digest_size must be between 1 and %d bytes", l->max_digest);
    }
    if (p->salt.n > (size_t)l->salt) {
        kaa_raise_value_error("maximum salt length is %d bytes", l->salt);
    }
    if (p->person.n > (size_t)l->person) {
        kaa_raise_value_error("maximum person length is %d bytes", l->person);
    }
    if (p->fanout < 0 || p->fanout > 255) {
        kaa_raise_value_error("fanout must be between 0 and 255");
    }
    if (p->depth <= 0 || p->depth > 255) {
        kaa_raise_value_error("depth must be between 1 and 255");
    }
    if (p->leaf_size > 0xffffffffu) {
        kaa_raise_overflow("leaf_size is too large");
    }
    if (!is_b && p->node_offset > 0xffffffffffffull) {
        kaa_raise_overflow("node_offset is too large");
    }
    if (p->node_depth < 0 || p->node_depth > 255) {
        kaa_raise_value_error("node_depth must be between 0 and 255");
    }
    if (p->inner_size < 0 || p->inner_size > l->max_digest) {
        kaa_raise_value_error("inner_size must be between 0 and is %d", l->max_digest);
    }
    if (p->key.n > (size_t)l->max_key) {
        kaa_raise_value_error("maximum key length is %d bytes", l->max_key);
    }
}

static void copy_field(uint8_t *to, HcData d) {
    if (d.n > 0) {
        memcpy(to, d.p, d.n);
    }
}

// The parameter block (BLAKE2 specification section 2.5) XORed into the IV, then the key, if
// any, as a first block of its own padded with zeros.
static void apply_params(Blake2State *st, const Params *p, bool is_b) {
    uint8_t pb[64] = {0};
    pb[0] = (uint8_t)p->digest_size;
    pb[1] = (uint8_t)p->key.n;
    pb[2] = (uint8_t)p->fanout;
    pb[3] = (uint8_t)p->depth;
    hc_put_le32(pb + 4, (uint32_t)p->leaf_size);
    if (is_b) {
        hc_put_le64(pb + 8, p->node_offset);
        pb[16] = (uint8_t)p->node_depth;
        pb[17] = (uint8_t)p->inner_size;
        copy_field(pb + 32, p->salt);
        copy_field(pb + 48, p->person);
        for (int i = 0; i < 8; i++) {
            st->h[i] = IV64[i] ^ hc_le64(pb + 8 * i);
        }
    } else {
        uint8_t off[8];
        hc_put_le64(off, p->node_offset);
        memcpy(pb + 8, off, 6);  // 48 bits
        pb[14] = (uint8_t)p->node_depth;
        pb[15] = (uint8_t)p->inner_size;
        copy_field(pb + 16, p->salt);
        copy_field(pb + 24, p->person);
        for (int i = 0; i < 8; i++) {
            st->h[i] = IV32[i] ^ hc_le32(pb + 4 * i);
        }
    }
    st->last_node = p->last_node;
    if (p->key.n > 0) {
        uint8_t block[128] = {0};
        memcpy(block, p->key.p, p->key.n);
        (is_b ? update_b : update_s)(st, block, is_b ? 128 : 64);
    }
}

static KaaType blake2b_type, blake2s_type;

// blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'', person=b'', fanout=1, depth=1,
// leaf_size=0, node_offset=0, node_depth=0, inner_size=0, last_node=False,
// usedforsecurity=True), and blake2s alike.
static KaaValue blake2_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {
        "data", "*", "digest_size", "key", "salt", "person", "fanout", "depth", "leaf_size",
        "node_offset", "node_depth", "inner_size", "last_node", "usedforsecurity", NULL,
    };
    bool is_b = type == &blake2b_type;
    const HcAlgo *algo = is_b ? &algo_b : &algo_s;
    KaaValue v[13];
    kaa_args_bind(algo->name, args, nargs, kw, names, 1, 0, v);
    Params p;
    convert_params(v, is_b, &p);
    check_params(&p, is_b);
    HcHash *h = hc_alloc(type, algo);
    h->digest_size = (uint32_t)p.digest_size;
    init_blake2(h->state);
    apply_params((Blake2State *)h->state, &p, is_b);
    if (v[0] != KAA_NULL) {
        hc_update(h, v[0]);
    }
    return kaa_from_obj(h);
}

#define DOC_UPDATE "Update this hash object's state with the provided bytes-like object."
static const KaaMethodDef blake2_methods[] = {
    {"copy", hc_meth_copy, 0, HC_DOC_COPY},
    {"digest", hc_meth_digest, 0, HC_DOC_DIGEST},
    {"hexdigest", hc_meth_hexdigest, 0, HC_DOC_HEXDIGEST},
    {"update", hc_meth_update, 0, DOC_UPDATE},
    {NULL},
};

static KaaType blake2b_type = {
    .ob = {&kaa_type_type},
    .name = "_blake2.blake2b",
    .instance_size = sizeof(HcHash),
    .new_ = blake2_new,
    .methods = blake2_methods,
    .getsets = hc_getsets,
};

static KaaType blake2s_type = {
    .ob = {&kaa_type_type},
    .name = "_blake2.blake2s",
    .instance_size = sizeof(HcHash),
    .new_ = blake2_new,
    .methods = blake2_methods,
    .getsets = hc_getsets,
};

static void ready(KaaType *t, const char *doc, const Limits *l) {
    if (kaa_type_has(t, KAA_TPFLAG_READY)) {
        return;
    }
    t->doc = kaa_str_from_cstr(doc);
    kaa_type_ready(t);
    kaa_dict_set_cstr(t->dict, "SALT_SIZE", kaa_from_small(l->salt));
    kaa_dict_set_cstr(t->dict, "PERSON_SIZE", kaa_from_small(l->person));
    kaa_dict_set_cstr(t->dict, "MAX_KEY_SIZE", kaa_from_small(l->max_key));
    kaa_dict_set_cstr(t->dict, "MAX_DIGEST_SIZE", kaa_from_small(l->max_digest));
}

KaaValue kaa_blake2_init(void) {
    ready(&blake2b_type, "Return a new BLAKE2b hash object.", &limits_b);
    ready(&blake2s_type, "Return a new BLAKE2s hash object.", &limits_s);
    KaaValue m = kaa_module_new_cstr("_blake2");
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("_blake2b provides BLAKE2b for hashlib\n"));
    kaa_module_add(m, "blake2b", kaa_from_obj(&blake2b_type));
    kaa_module_add(m, "BLAKE2B_SALT_SIZE", kaa_from_small(limits_b.salt));
    kaa_module_add(m, "BLAKE2B_PERSON_SIZE", kaa_from_small(limits_b.person));
    kaa_module_add(m, "BLAKE2B_MAX_KEY_SIZE", kaa_from_small(limits_b.max_key));
    kaa_module_add(m, "BLAKE2B_MAX_DIGEST_SIZE", kaa_from_small(limits_b.max_digest));
    kaa_module_add(m, "blake2s", kaa_from_obj(&blake2s_type));
    kaa_module_add(m, "BLAKE2S_SALT_SIZE", kaa_from_small(limits_s.salt));
    kaa_module_add(m, "BLAKE2S_PERSON_SIZE", kaa_from_small(limits_s.person));
    kaa_module_add(m, "BLAKE2S_MAX_KEY_SIZE", kaa_from_small(limits_s.max_key));
    kaa_module_add(m, "BLAKE2S_MAX_DIGEST_SIZE", kaa_from_small(limits_s.max_digest));
    return m;
}
