// modules/sha3.c — the _sha3 module: SHA3-224/256/384/512 and SHAKE128/256 (FIPS 202) as
// hashlib's builtin fallback exposes them.
//
// Stage: modules. Owns Keccak-f[1600] and the sponge, and the six _sha3 types (they are their
// own constructors, as in CPython). The object and its common methods are hashcommon.h's; the
// SHAKE types' digest and hexdigest take the output length. The round body combines the rho
// and pi steps into one pass of 25 rotations (lane (x, y) goes to (y, 2x + 3y)); the rotation
// offsets and round constants were derived from FIPS 202 sections 3.2.2 and 3.2.5.
// Must not: be used for anything but hashing; it keeps no secrets.
#include "modules/hashcommon.h"

typedef struct {
    uint64_t a[25];  // lane (x, y) is a[x + 5y]; bytes are absorbed little-endian
    uint32_t pos;    // bytes absorbed into the current block
    uint32_t rate;   // block size in bytes
    uint8_t suffix;  // domain bits and the first padding bit: 0x06 SHA3, 0x1f SHAKE
} KeccakState;

static const uint64_t RC[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

#define ROL(x, n) hc_rotl64(x, n)

static void keccak_f(uint64_t *a) {
    for (int round = 0; round < 24; round++) {
        // theta
        uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
        uint64_t c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
        uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
        uint64_t c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
        uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
        uint64_t d0 = c4 ^ ROL(c1, 1), d1 = c0 ^ ROL(c2, 1), d2 = c1 ^ ROL(c3, 1);
        uint64_t d3 = c2 ^ ROL(c4, 1), d4 = c3 ^ ROL(c0, 1);
        // rho and pi: b[y + 5 * ((2x + 3y) % 5)] = rotl(a[x + 5y], r[x][y])
        uint64_t b0 = a[0] ^ d0, b1 = ROL(a[6] ^ d1, 44), b2 = ROL(a[12] ^ d2, 43);
        uint64_t b3 = ROL(a[18] ^ d3, 21), b4 = ROL(a[24] ^ d4, 14), b5 = ROL(a[3] ^ d3, 28);
        uint64_t b6 = ROL(a[9] ^ d4, 20), b7 = ROL(a[10] ^ d0, 3), b8 = ROL(a[16] ^ d1, 45);
        uint64_t b9 = ROL(a[22] ^ d2, 61), b10 = ROL(a[1] ^ d1, 1), b11 = ROL(a[7] ^ d2, 6);
        uint64_t b12 = ROL(a[13] ^ d3, 25), b13 = ROL(a[19] ^ d4, 8), b14 = ROL(a[20] ^ d0, 18);
        uint64_t b15 = ROL(a[4] ^ d4, 27), b16 = ROL(a[5] ^ d0, 36), b17 = ROL(a[11] ^ d1, 10);
        uint64_t b18 = ROL(a[17] ^ d2, 15), b19 = ROL(a[23] ^ d3, 56), b20 = ROL(a[2] ^ d2, 62);
        uint64_t b21 = ROL(a[8] ^ d3, 55), b22 = ROL(a[14] ^ d4, 39), b23 = ROL(a[15] ^ d0, 41);
        uint64_t b24 = ROL(a[21] ^ d1, 2);
        // chi, row by row: a[x, y] = b[x, y] ^ (~b[x + 1, y] & b[x + 2, y]); then iota
        a[0] = b0 ^ (~b1 & b2) ^ RC[round];
        a[1] = b1 ^ (~b2 & b3);
        a[2] = b2 ^ (~b3 & b4);
        a[3] = b3 ^ (~b4 & b0);
        a[4] = b4 ^ (~b0 & b1);
        a[5] = b5 ^ (~b6 & b7);
        a[6] = b6 ^ (~b7 & b8);
        a[7] = b7 ^ (~b8 & b9);
        a[8] = b8 ^ (~b9 & b5);
        a[9] = b9 ^ (~b5 & b6);
        a[10] = b10 ^ (~b11 & b12);
        a[11] = b11 ^ (~b12 & b13);
        a[12] = b12 ^ (~b13 & b14);
        a[13] = b13 ^ (~b14 & b10);
        a[14] = b14 ^ (~b10 & b11);
        a[15] = b15 ^ (~b16 & b17);
        a[16] = b16 ^ (~b17 & b18);
        a[17] = b17 ^ (~b18 & b19);
        a[18] = b18 ^ (~b19 & b15);
        a[19] = b19 ^ (~b15 & b16);
        a[20] = b20 ^ (~b21 & b22);
        a[21] = b21 ^ (~b22 & b23);
        a[22] = b22 ^ (~b23 & b24);
        a[23] = b23 ^ (~b24 & b20);
        a[24] = b24 ^ (~b20 & b21);
    }
}

// XORs n input bytes into the state starting at byte `pos` of the block (no permutation).
static void xor_bytes(uint64_t *a, size_t pos, const uint8_t *p, size_t n) {
    for (; n > 0 && pos % 8 != 0; n--, pos++) {
        a[pos / 8] ^= (uint64_t)*p++ << (8 * (pos % 8));
    }
    for (; n >= 8; n -= 8, pos += 8, p += 8) {
        a[pos / 8] ^= hc_le64(p);
    }
    for (; n > 0; n--, pos++) {
        a[pos / 8] ^= (uint64_t)*p++ << (8 * (pos % 8));
    }
}

static void keccak_absorb(void *state, const uint8_t *p, size_t n) {
    KeccakState *st = state;
    size_t rate = st->rate;
    if (st->pos > 0) {
        size_t take = rate - st->pos < n ? rate - st->pos : n;
        xor_bytes(st->a, st->pos, p, take);
        st->pos += (uint32_t)take;
        p += take;
        n -= take;
        if (st->pos < rate) {
            return;
        }
        keccak_f(st->a);
        st->pos = 0;
    }
    for (; n >= rate; n -= rate, p += rate) {
        for (size_t i = 0; i < rate / 8; i++) {
            st->a[i] ^= hc_le64(p + 8 * i);
        }
        keccak_f(st->a);
    }
    if (n > 0) {
        xor_bytes(st->a, 0, p, n);
        st->pos = (uint32_t)n;
    }
}

// Pads (the suffix, then pad10*1) and squeezes outlen bytes; the state is consumed.
static void keccak_final(void *state, uint8_t *out, size_t outlen) {
    KeccakState *st = state;
    size_t rate = st->rate;
    st->a[st->pos / 8] ^= (uint64_t)st->suffix << (8 * (st->pos % 8));
    st->a[(rate - 1) / 8] ^= (uint64_t)0x80 << (8 * ((rate - 1) % 8));
    for (;;) {
        keccak_f(st->a);
        size_t n = outlen < rate ? outlen : rate;
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            hc_put_le64(out + i, st->a[i / 8]);
        }
        for (; i < n; i++) {
            out[i] = (uint8_t)(st->a[i / 8] >> (8 * (i % 8)));
        }
        out += n;
        outlen -= n;
        if (outlen == 0) {
            return;
        }
    }
}

#define KECCAK_INIT(fname, rate_bytes, sfx)                                                     \
    static void fname(void *state) {                                                            \
        KeccakState *st = state;                                                                \
        memset(st, 0, sizeof *st);                                                              \
        st->rate = (rate_bytes);                                                                \
        st->suffix = (sfx);                                                                     \
    }
KECCAK_INIT(sha3_224_init, 144, 0x06)
KECCAK_INIT(sha3_256_init, 136, 0x06)
KECCAK_INIT(sha3_384_init, 104, 0x06)
KECCAK_INIT(sha3_512_init, 72, 0x06)
KECCAK_INIT(shake_128_init, 168, 0x1f)
KECCAK_INIT(shake_256_init, 136, 0x1f)

#define S sizeof(KeccakState)
static const HcAlgo algos[6] = {
    {"sha3_224", 28, 144, S, sha3_224_init, keccak_absorb, keccak_final},
    {"sha3_256", 32, 136, S, sha3_256_init, keccak_absorb, keccak_final},
    {"sha3_384", 48, 104, S, sha3_384_init, keccak_absorb, keccak_final},
    {"sha3_512", 64, 72, S, sha3_512_init, keccak_absorb, keccak_final},
    {"shake_128", 0, 168, S, shake_128_init, keccak_absorb, keccak_final},
    {"shake_256", 0, 136, S, shake_256_init, keccak_absorb, keccak_final},
};
#undef S

static KaaType sha3_types[6];

// ---- the types ----------------------------------------------------------------------------------

// sha3_224([data], *, usedforsecurity=True): the type is its own constructor.
static KaaValue sha3_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {"data", "*", "usedforsecurity", NULL};
    const HcAlgo *algo = &algos[type - sha3_types];
    KaaValue v[2];
    // CPython 3.11 names every one of the six constructors "sha3_224" in these messages.
    kaa_args_bind("sha3_224", args, nargs, kw, params, 1, 0, v);
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

// SHAKE's digest(length) and hexdigest(length): length is an unsigned long below 2**29.
static size_t shake_length(HcHash *h, const char *meth, KaaValue *args, size_t nargs,
                           KaaTuple *kw) {
    char q[48];
    snprintf(q, sizeof q, "%s.%s", h->algo->name, meth);
    kaa_args_no_kw(q, kw);
    kaa_args_count(q, nargs, 1, 1);
    uint64_t n = hc_unsigned_arg(args[0], HC_ULONG_TOO_BIG);
    if (n >= (1u << 29)) {
        kaa_raise_value_error("length is too large");
    }
    return (size_t)n;
}

static KaaValue shake_digest(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    HcHash *h = hc_hash(self);
    size_t n = shake_length(h, "digest", args, nargs, kw);
    KaaValue r = kaa_bytes_new_raw(n);
    if (n > 0) {
        hc_digest_into(h, kaa_bytes(r)->data, n);
    }
    return r;
}

static KaaValue shake_hexdigest(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    HcHash *h = hc_hash(self);
    size_t n = shake_length(h, "hexdigest", args, nargs, kw);
    uint8_t *out = kaa_alloc_atomic(n + 1);
    if (n > 0) {
        hc_digest_into(h, out, n);
    }
    return hc_hex(out, n);
}

static KaaValue get_capacity_bits(KaaValue self) {
    return kaa_from_small(1600 - 8 * (int64_t)hc_hash(self)->algo->block_size);
}

static KaaValue get_rate_bits(KaaValue self) {
    return kaa_from_small(8 * (int64_t)hc_hash(self)->algo->block_size);
}

static KaaValue get_suffix(KaaValue self) {
    uint8_t sfx = hc_hash(self)->algo->digest_size ? 0x06 : 0x1f;
    return kaa_bytes_new(&sfx, 1);
}

#define DOC_UPDATE "Update this hash object's state with the provided bytes-like object."
static const KaaMethodDef sha3_methods[] = {
    {"copy", hc_meth_copy, 0, HC_DOC_COPY},
    {"digest", hc_meth_digest, 0, HC_DOC_DIGEST},
    {"hexdigest", hc_meth_hexdigest, 0, HC_DOC_HEXDIGEST},
    {"update", hc_meth_update, 0, DOC_UPDATE},
    {NULL},
};

static const KaaMethodDef shake_methods[] = {
    {"copy", hc_meth_copy, 0, HC_DOC_COPY},
    {"digest", shake_digest, 0, HC_DOC_DIGEST},
    {"hexdigest", shake_hexdigest, 0, HC_DOC_HEXDIGEST},
    {"update", hc_meth_update, 0, DOC_UPDATE},
    {NULL},
};

static const KaaGetSetDef sha3_getsets[] = {
    {"block_size", hc_get_block_size, NULL, NULL},
    {"name", hc_get_name, NULL, NULL},
    {"digest_size", hc_get_digest_size, NULL, NULL},
    {"_capacity_bits", get_capacity_bits, NULL, NULL},
    {"_rate_bits", get_rate_bits, NULL, NULL},
    {"_suffix", get_suffix, NULL, NULL},
    {NULL},
};

static const char *const type_names[6] = {"_sha3.sha3_224", "_sha3.sha3_256", "_sha3.sha3_384",
                                          "_sha3.sha3_512", "_sha3.shake_128", "_sha3.shake_256"};

KaaValue kaa_sha3_init(void) {
    KaaValue m = kaa_module_new_cstr("_sha3");
    for (int i = 0; i < 6; i++) {
        KaaType *t = &sha3_types[i];
        bool shake = algos[i].digest_size == 0;
        if (t->name == NULL) {
            t->ob.type = &kaa_type_type;
            t->name = type_names[i];
            t->instance_size = sizeof(HcHash);
            t->new_ = sha3_new;
            t->methods = shake ? shake_methods : sha3_methods;
            t->getsets = sha3_getsets;
            t->doc = shake ? kaa_str_printf("%s([data], *, usedforsecurity=True) -> SHAKE object"
                                            "\n\nReturn a new SHAKE hash object.", algos[i].name)
                           : kaa_str_printf("%s([data], *, usedforsecurity=True) -> SHA3 object"
                                            "\n\nReturn a new SHA3 hash object with a hashbit "
                                            "length of %d bytes.", algos[i].name,
                                            (int)algos[i].digest_size);
            kaa_type_ready(t);
        }
        kaa_module_add(m, algos[i].name, kaa_from_obj(t));
    }
    // CPython reports the Keccak code it was built with; these are the values of 3.11's.
    kaa_module_add(m, "implementation", kaa_str_from_cstr("tiny_sha3"));
    kaa_module_add(m, "keccakopt", kaa_from_small(0));
    return m;
}
