// modules/sha1.c — the _sha1 module: SHA-1 (FIPS 180-4 section 6.1) as hashlib's builtin
// fallback exposes it.
//
// Stage: modules. Owns the SHA-1 compression function and the _sha1.sha1 type; the object and
// its methods are hashcommon.h's. The message schedule is kept as a rolling window of 16 words.
// Must not: be used for anything but hashing; it keeps no secrets.
#include "modules/hashcommon.h"

typedef struct {
    uint32_t h[5];
    uint64_t total;  // bytes hashed
    uint32_t buflen;
    uint8_t buf[64];
} Sha1State;

#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define PARITY(x, y, z) ((x) ^ (y) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

// W[t] for t >= 16, computed in place in the 16-word window.
#define SCHED(w, t)                                                                             \
    ((w)[(t) & 15] = hc_rotl32((w)[((t) + 13) & 15] ^ (w)[((t) + 8) & 15] ^                    \
                               (w)[((t) + 2) & 15] ^ (w)[(t) & 15], 1))

// One round with the variables renamed instead of moved: e += ...; b = rotl(b, 30).
#define ROUND(f, k, a, b, c, d, e, wt)                                                          \
    do {                                                                                        \
        (e) += hc_rotl32(a, 5) + f(b, c, d) + (k) + (wt);                                       \
        (b) = hc_rotl32(b, 30);                                                                 \
    } while (0)

#define FIVE(f, k, t, wt)                                                                       \
    ROUND(f, k, a, b, c, d, e, wt(t));                                                          \
    ROUND(f, k, e, a, b, c, d, wt((t) + 1));                                                    \
    ROUND(f, k, d, e, a, b, c, wt((t) + 2));                                                    \
    ROUND(f, k, c, d, e, a, b, wt((t) + 3));                                                    \
    ROUND(f, k, b, c, d, e, a, wt((t) + 4))

static void sha1_blocks(void *state, const uint8_t *p, size_t nblocks) {
    Sha1State *st = state;
    for (; nblocks > 0; nblocks--, p += 64) {
        uint32_t w[16];
        for (int i = 0; i < 16; i++) {
            w[i] = hc_be32(p + 4 * i);
        }
        uint32_t a = st->h[0], b = st->h[1], c = st->h[2], d = st->h[3], e = st->h[4];
#define W0(t) w[t]
#define WS(t) SCHED(w, t)
        FIVE(CH, 0x5a827999u, 0, W0);
        FIVE(CH, 0x5a827999u, 5, W0);
        FIVE(CH, 0x5a827999u, 10, W0);
        ROUND(CH, 0x5a827999u, a, b, c, d, e, w[15]);
        ROUND(CH, 0x5a827999u, e, a, b, c, d, WS(16));
        ROUND(CH, 0x5a827999u, d, e, a, b, c, WS(17));
        ROUND(CH, 0x5a827999u, c, d, e, a, b, WS(18));
        ROUND(CH, 0x5a827999u, b, c, d, e, a, WS(19));
        FIVE(PARITY, 0x6ed9eba1u, 20, WS);
        FIVE(PARITY, 0x6ed9eba1u, 25, WS);
        FIVE(PARITY, 0x6ed9eba1u, 30, WS);
        FIVE(PARITY, 0x6ed9eba1u, 35, WS);
        FIVE(MAJ, 0x8f1bbcdcu, 40, WS);
        FIVE(MAJ, 0x8f1bbcdcu, 45, WS);
        FIVE(MAJ, 0x8f1bbcdcu, 50, WS);
        FIVE(MAJ, 0x8f1bbcdcu, 55, WS);
        FIVE(PARITY, 0xca62c1d6u, 60, WS);
        FIVE(PARITY, 0xca62c1d6u, 65, WS);
        FIVE(PARITY, 0xca62c1d6u, 70, WS);
        FIVE(PARITY, 0xca62c1d6u, 75, WS);
#undef W0
#undef WS
        st->h[0] += a;
        st->h[1] += b;
        st->h[2] += c;
        st->h[3] += d;
        st->h[4] += e;
    }
}

static void sha1_init(void *state) {
    Sha1State *st = state;
    static const uint32_t iv[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u,
                                   0xc3d2e1f0u};
    memcpy(st->h, iv, sizeof iv);
    st->total = 0;
    st->buflen = 0;
}

static void sha1_update(void *state, const uint8_t *p, size_t n) {
    Sha1State *st = state;
    st->total += n;
    hc_md_feed(st, st->buf, &st->buflen, 64, sha1_blocks, p, n);
}

// Padding: 0x80, zeros to 56 mod 64, then the length in bits, big-endian.
static void sha1_final(void *state, uint8_t *out, size_t outlen) {
    Sha1State *st = state;
    uint64_t bits = st->total * 8;
    uint8_t pad[72] = {0x80};
    size_t padlen = (st->buflen < 56 ? 56 : 120) - st->buflen;
    hc_put_be64(pad + padlen, bits);
    sha1_update(st, pad, padlen + 8);
    for (int i = 0; i < 5; i++) {
        hc_put_be32(out + 4 * i, st->h[i]);
    }
}

static const HcAlgo sha1_algo = {"sha1", 20, 64, sizeof(Sha1State), sha1_init, sha1_update,
                                 sha1_final};

HC_MD_TYPE(sha1_type, "_sha1.sha1");

static KaaValue sha1_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return hc_md_construct(&sha1_type, &sha1_algo, args, nargs, kw);
}

static const KaaMethodDef sha1_functions[] = {
    {"sha1", sha1_new, 0, "Return a new SHA1 hash object; optionally initialized with a string."},
    {NULL},
};

KaaValue kaa_sha1_init(void) {
    kaa_type_ready(&sha1_type);
    KaaValue m = kaa_module_new_cstr("_sha1");
    kaa_module_add(m, "SHA1Type", kaa_from_obj(&sha1_type));
    kaa_module_add_methods(m, sha1_functions);
    return m;
}
