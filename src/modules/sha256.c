// modules/sha256.c — the _sha256 module: SHA-224 and SHA-256 (FIPS 180-4 sections 6.2-6.3) as
// hashlib's builtin fallback exposes them.
//
// Stage: modules. Owns the SHA-256 compression function and the _sha256.sha224/sha256 types;
// the object and its methods are hashcommon.h's. Two compression functions: portable C, and
// on x86-64 processors with the SHA extensions the sha256rnds2/msg1/msg2 instructions, chosen
// once at start-up by cpuid (the environment variable KAA_NO_SHANI forces the portable one,
// for testing it on such machines).
// Must not: be used for anything but hashing; it keeps no secrets.
#include <stdlib.h>

#include "modules/hashcommon.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define SHA256_HAVE_SHANI 1
#endif

typedef struct {
    uint32_t h[8];
    uint64_t total;  // bytes hashed
    uint32_t buflen;
    uint8_t buf[64];
} Sha256State;

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u,
};

#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (hc_rotr32(x, 2) ^ hc_rotr32(x, 13) ^ hc_rotr32(x, 22))
#define BSIG1(x) (hc_rotr32(x, 6) ^ hc_rotr32(x, 11) ^ hc_rotr32(x, 25))
#define SSIG0(x) (hc_rotr32(x, 7) ^ hc_rotr32(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (hc_rotr32(x, 17) ^ hc_rotr32(x, 19) ^ ((x) >> 10))

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

static void blocks_portable(void *state, const uint8_t *p, size_t nblocks) {
    Sha256State *st = state;
    for (; nblocks > 0; nblocks--, p += 64) {
        uint32_t w[16];
        for (int i = 0; i < 16; i++) {
            w[i] = hc_be32(p + 4 * i);
        }
        uint32_t a = st->h[0], b = st->h[1], c = st->h[2], d = st->h[3];
        uint32_t e = st->h[4], f = st->h[5], g = st->h[6], h = st->h[7];
        // W[t] for t >= 16 in a rolling window of 16 words.
#define W0(t) w[t]
#define WS(t)                                                                                   \
    (w[(t) & 15] += SSIG1(w[((t) + 14) & 15]) + w[((t) + 9) & 15] + SSIG0(w[((t) + 1) & 15]))
        EIGHT(0, W0);
        EIGHT(8, W0);
        for (int t = 16; t < 64; t += 16) {
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

#ifdef SHA256_HAVE_SHANI
// The SHA extensions keep the state as two registers, ABEF and CDGH; each sha256rnds2 does
// two rounds with two message+constant words, and msg1/msg2 compute the schedule four words
// at a time: W[t..t+3] = msg2(msg1(W[t-16..], W[t-12..]) + W[t-7..t-4], W[t-4..t-1]).
__attribute__((target("sha,sse4.1"))) static void blocks_shani(void *state, const uint8_t *p,
                                                               size_t nblocks) {
    Sha256State *st = state;
    const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&st->h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&st->h[4]);
    __m128i badc = _mm_shuffle_epi32(dcba, 0xb1);     // words b a d c
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);     // words e f g h
    __m128i abef = _mm_alignr_epi8(badc, efgh, 8);    // (a b e f) high to low
    __m128i cdgh = _mm_blend_epi16(efgh, badc, 0xf0); // (c d g h) high to low
    for (; nblocks > 0; nblocks--, p += 64) {
        __m128i save_abef = abef, save_cdgh = cdgh;
        __m128i m[4];
        for (int i = 0; i < 4; i++) {
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
        }
        for (int t = 0; t < 16; t++) {
            __m128i cur = m[t & 3];
            __m128i kw = _mm_add_epi32(cur, _mm_loadu_si128((const __m128i *)&K[4 * t]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(kw, 0x0e));
            if (t < 12) {
                // Schedule the words of group t + 4 from groups t .. t + 3.
                __m128i next = _mm_sha256msg1_epu32(m[t & 3], m[(t + 1) & 3]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(m[(t + 3) & 3], m[(t + 2) & 3], 4));
                m[t & 3] = _mm_sha256msg2_epu32(next, m[(t + 3) & 3]);
            }
        }
        abef = _mm_add_epi32(abef, save_abef);
        cdgh = _mm_add_epi32(cdgh, save_cdgh);
    }
    // Back to h[0..7] = a b c d e f g h.
    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    __m128i hgdc = _mm_shuffle_epi32(cdgh, 0xb1);
    dcba = _mm_blend_epi16(feba, hgdc, 0xf0);
    hgfe = _mm_alignr_epi8(hgdc, feba, 8);
    _mm_storeu_si128((__m128i *)&st->h[0], dcba);
    _mm_storeu_si128((__m128i *)&st->h[4], hgfe);
}

static bool cpu_has_sha(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 29))) {
        return false;
    }
    return __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 19)) && (c & (1u << 9));  // sse4.1, ssse3
}
#endif

static void (*sha256_blocks)(void *state, const uint8_t *p, size_t nblocks) = blocks_portable;

static void sha256_update(void *state, const uint8_t *p, size_t n) {
    Sha256State *st = state;
    st->total += n;
    hc_md_feed(st, st->buf, &st->buflen, 64, sha256_blocks, p, n);
}

// Padding: 0x80, zeros to 56 mod 64, then the length in bits, big-endian.
static void sha256_final(void *state, uint8_t *out, size_t outlen) {
    Sha256State *st = state;
    uint64_t bits = st->total * 8;
    uint8_t pad[72] = {0x80};
    size_t padlen = (st->buflen < 56 ? 56 : 120) - st->buflen;
    hc_put_be64(pad + padlen, bits);
    sha256_update(st, pad, padlen + 8);
    for (size_t i = 0; i < outlen / 4; i++) {
        hc_put_be32(out + 4 * i, st->h[i]);
    }
}

static void sha256_init(void *state) {
    // The first 32 bits of the fractional parts of the square roots of the first 8 primes.
    static const uint32_t iv[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                   0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    Sha256State *st = state;
    memcpy(st->h, iv, sizeof iv);
    st->total = 0;
    st->buflen = 0;
}

static void sha224_init(void *state) {
    // The second 32 bits of the fractional parts of the square roots of the 9th-16th primes.
    static const uint32_t iv[8] = {0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
                                   0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u};
    Sha256State *st = state;
    memcpy(st->h, iv, sizeof iv);
    st->total = 0;
    st->buflen = 0;
}

static const HcAlgo sha224_algo = {"sha224", 28, 64, sizeof(Sha256State), sha224_init,
                                   sha256_update, sha256_final};
static const HcAlgo sha256_algo = {"sha256", 32, 64, sizeof(Sha256State), sha256_init,
                                   sha256_update, sha256_final};

HC_MD_TYPE(sha224_type, "_sha256.sha224");
HC_MD_TYPE(sha256_type, "_sha256.sha256");

static KaaValue sha224_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return hc_md_construct(&sha224_type, &sha224_algo, args, nargs, kw);
}

static KaaValue sha256_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return hc_md_construct(&sha256_type, &sha256_algo, args, nargs, kw);
}

static const KaaMethodDef sha256_functions[] = {
    {"sha256", sha256_new, 0, "Return a new SHA-256 hash object; optionally initialized with a "
                              "string."},
    {"sha224", sha224_new, 0, "Return a new SHA-224 hash object; optionally initialized with a "
                              "string."},
    {NULL},
};

KaaValue kaa_sha256_init(void) {
#ifdef SHA256_HAVE_SHANI
    if (cpu_has_sha() && getenv("KAA_NO_SHANI") == NULL) {
        sha256_blocks = blocks_shani;
    }
#endif
    kaa_type_ready(&sha224_type);
    kaa_type_ready(&sha256_type);
    KaaValue m = kaa_module_new_cstr("_sha256");
    kaa_module_add(m, "SHA224Type", kaa_from_obj(&sha224_type));
    kaa_module_add(m, "SHA256Type", kaa_from_obj(&sha256_type));
    kaa_module_add_methods(m, sha256_functions);
    return m;
}
