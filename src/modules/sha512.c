// modules/sha512.c — the _sha512 module: SHA-384 and SHA-512 (FIPS 180-4 sections 6.4-6.5) as
// hashlib's builtin fallback exposes them.
//
// Stage: modules. Owns the SHA-512 compression function and the _sha512.sha384/sha512 types;
// the object and its methods are hashcommon.h's. As in CPython 3.11, the module's only type
// attribute is SHA384Type, and it names the sha512 type.
// Must not: be used for anything but hashing; it keeps no secrets.
#include "modules/hashcommon.h"

typedef struct {
    uint64_t h[8];
    uint64_t total;  // bytes hashed (the 128-bit length's high part is total >> 61)
    uint32_t buflen;
    uint8_t buf[128];
} Sha512State;

// The first 64 bits of the fractional parts of the cube roots of the first 80 primes.
static const uint64_t K[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (hc_rotr64(x, 28) ^ hc_rotr64(x, 34) ^ hc_rotr64(x, 39))
#define BSIG1(x) (hc_rotr64(x, 14) ^ hc_rotr64(x, 18) ^ hc_rotr64(x, 41))
#define SSIG0(x) (hc_rotr64(x, 1) ^ hc_rotr64(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (hc_rotr64(x, 19) ^ hc_rotr64(x, 61) ^ ((x) >> 6))

// One round with the eight variables renamed instead of moved (the caller rotates the names).
#define ROUND(a, b, c, d, e, f, g, h, kw)                                                       \
    do {                                                                                        \
        (h) += BSIG1(e) + CH(e, f, g) + (kw);                                                   \
        (d) += (h);                                                                             \
        (h) += BSIG0(a) + MAJ(a, b, c);                                                         \
    } while (0)

#define EIGHT(t, wt)                                                                            \
    ROUND(a, b, c, d, e, f, g, h, K[t] + wt(t));                                                \
    ROUND(h, a, b, c, d, e, f, g, K[(t) + 1] + wt((t) + 1));                                    \
    ROUND(g, h, a, b, c, d, e, f, K[(t) + 2] + wt((t) + 2));                                    \
    ROUND(f, g, h, a, b, c, d, e, K[(t) + 3] + wt((t) + 3));                                    \
    ROUND(e, f, g, h, a, b, c, d, K[(t) + 4] + wt((t) + 4));                                    \
    ROUND(d, e, f, g, h, a, b, c, K[(t) + 5] + wt((t) + 5));                                    \
    ROUND(c, d, e, f, g, h, a, b, K[(t) + 6] + wt((t) + 6));                                    \
    ROUND(b, c, d, e, f, g, h, a, K[(t) + 7] + wt((t) + 7))

static void sha512_blocks(void *state, const uint8_t *p, size_t nblocks) {
    Sha512State *st = state;
    for (; nblocks > 0; nblocks--, p += 128) {
        uint64_t w[16];
        for (int i = 0; i < 16; i++) {
            w[i] = hc_be64(p + 8 * i);
        }
        uint64_t a = st->h[0], b = st->h[1], c = st->h[2], d = st->h[3];
        uint64_t e = st->h[4], f = st->h[5], g = st->h[6], h = st->h[7];
        // W[t] for t >= 16 in a rolling window of 16 words.
#define W0(t) w[t]
#define WS(t)                                                                                   \
    (w[(t) & 15] += SSIG1(w[((t) + 14) & 15]) + w[((t) + 9) & 15] + SSIG0(w[((t) + 1) & 15]))
        EIGHT(0, W0);
        EIGHT(8, W0);
        for (int t = 16; t < 80; t += 16) {
            EIGHT(t, WS);
            EIGHT(t + 8, WS);
        }
#undef W0
#undef WS
        st->h[0] += a;
        st->h[1] += b;
        st->h[2] += c;
        st->h[3] += d;
        st->h[4] += e;
        st->h[5] += f;
        st->h[6] += g;
        st->h[7] += h;
    }
}

static void sha512_update(void *state, const uint8_t *p, size_t n) {
    Sha512State *st = state;
    st->total += n;
    hc_md_feed(st, st->buf, &st->buflen, 128, sha512_blocks, p, n);
}

// Padding: 0x80, zeros to 112 mod 128, then the length in bits as 128 bits, big-endian.
static void sha512_final(void *state, uint8_t *out, size_t outlen) {
    Sha512State *st = state;
    uint64_t total = st->total;
    uint8_t pad[144] = {0x80};
    size_t padlen = (st->buflen < 112 ? 112 : 240) - st->buflen;
    hc_put_be64(pad + padlen, total >> 61);
    hc_put_be64(pad + padlen + 8, total << 3);
    sha512_update(st, pad, padlen + 16);
    for (size_t i = 0; i < outlen / 8; i++) {
        hc_put_be64(out + 8 * i, st->h[i]);
    }
}

static void sha512_init(void *state) {
    // The first 64 bits of the fractional parts of the square roots of the first 8 primes.
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
        0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
    };
    Sha512State *st = state;
    memcpy(st->h, iv, sizeof iv);
    st->total = 0;
    st->buflen = 0;
}

static void sha384_init(void *state) {
    // The first 64 bits of the fractional parts of the square roots of the 9th-16th primes.
    static const uint64_t iv[8] = {
        0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
        0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
    };
    Sha512State *st = state;
    memcpy(st->h, iv, sizeof iv);
    st->total = 0;
    st->buflen = 0;
}

static const HcAlgo sha384_algo = {"sha384", 48, 128, sizeof(Sha512State), sha384_init,
                                   sha512_update, sha512_final};
static const HcAlgo sha512_algo = {"sha512", 64, 128, sizeof(Sha512State), sha512_init,
                                   sha512_update, sha512_final};

HC_MD_TYPE(sha384_type, "_sha512.sha384");
HC_MD_TYPE(sha512_type, "_sha512.sha512");

static KaaValue sha384_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return hc_md_construct(&sha384_type, &sha384_algo, args, nargs, kw);
}

static KaaValue sha512_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return hc_md_construct(&sha512_type, &sha512_algo, args, nargs, kw);
}

static const KaaMethodDef sha512_functions[] = {
    {"sha512", sha512_new, 0, "Return a new SHA-512 hash object; optionally initialized with a "
                              "string."},
    {"sha384", sha384_new, 0, "Return a new SHA-384 hash object; optionally initialized with a "
                              "string."},
    {NULL},
};

KaaValue kaa_sha512_init(void) {
    kaa_type_ready(&sha384_type);
    kaa_type_ready(&sha512_type);
    KaaValue m = kaa_module_new_cstr("_sha512");
    kaa_module_add(m, "SHA384Type", kaa_from_obj(&sha512_type));  // sic: CPython 3.11's module
    kaa_module_add_methods(m, sha512_functions);
    return m;
}
