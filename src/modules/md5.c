// modules/md5.c — the _md5 module: MD5 (RFC 1321) as hashlib's builtin fallback exposes it.
//
// Stage: modules. Owns the MD5 compression function and the _md5.md5 type; the object and its
// methods are hashcommon.h's. The four rounds are unrolled with the RFC's constants (T[i] =
// floor(2^32 * |sin(i)|)) written in place.
// Must not: be used for anything but hashing; it keeps no secrets.
#include "modules/hashcommon.h"

typedef struct {
    uint32_t h[4];
    uint64_t total;  // bytes hashed
    uint32_t buflen;
    uint8_t buf[64];
} Md5State;

// The RFC's four auxiliary functions, written with fewer operations but the same values.
#define F(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define G(x, y, z) ((y) ^ ((z) & ((x) ^ (y))))
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define I(x, y, z) ((y) ^ ((x) | ~(z)))
#define STEP(f, a, b, c, d, xk, t, s) (a) = (b) + hc_rotl32((a) + f(b, c, d) + (xk) + (t), s)

static void md5_blocks(void *state, const uint8_t *p, size_t nblocks) {
    Md5State *st = state;
    uint32_t a0 = st->h[0], b0 = st->h[1], c0 = st->h[2], d0 = st->h[3];
    for (; nblocks > 0; nblocks--, p += 64) {
        uint32_t x[16];
        for (int i = 0; i < 16; i++) {
            x[i] = hc_le32(p + 4 * i);
        }
        uint32_t a = a0, b = b0, c = c0, d = d0;
        STEP(F, a, b, c, d, x[0], 0xd76aa478u, 7);
        STEP(F, d, a, b, c, x[1], 0xe8c7b756u, 12);
        STEP(F, c, d, a, b, x[2], 0x242070dbu, 17);
        STEP(F, b, c, d, a, x[3], 0xc1bdceeeu, 22);
        STEP(F, a, b, c, d, x[4], 0xf57c0fafu, 7);
        STEP(F, d, a, b, c, x[5], 0x4787c62au, 12);
        STEP(F, c, d, a, b, x[6], 0xa8304613u, 17);
        STEP(F, b, c, d, a, x[7], 0xfd469501u, 22);
        STEP(F, a, b, c, d, x[8], 0x698098d8u, 7);
        STEP(F, d, a, b, c, x[9], 0x8b44f7afu, 12);
        STEP(F, c, d, a, b, x[10], 0xffff5bb1u, 17);
        STEP(F, b, c, d, a, x[11], 0x895cd7beu, 22);
        STEP(F, a, b, c, d, x[12], 0x6b901122u, 7);
        STEP(F, d, a, b, c, x[13], 0xfd987193u, 12);
        STEP(F, c, d, a, b, x[14], 0xa679438eu, 17);
        STEP(F, b, c, d, a, x[15], 0x49b40821u, 22);

        STEP(G, a, b, c, d, x[1], 0xf61e2562u, 5);
        STEP(G, d, a, b, c, x[6], 0xc040b340u, 9);
        STEP(G, c, d, a, b, x[11], 0x265e5a51u, 14);
        STEP(G, b, c, d, a, x[0], 0xe9b6c7aau, 20);
        STEP(G, a, b, c, d, x[5], 0xd62f105du, 5);
        STEP(G, d, a, b, c, x[10], 0x02441453u, 9);
        STEP(G, c, d, a, b, x[15], 0xd8a1e681u, 14);
        STEP(G, b, c, d, a, x[4], 0xe7d3fbc8u, 20);
        STEP(G, a, b, c, d, x[9], 0x21e1cde6u, 5);
        STEP(G, d, a, b, c, x[14], 0xc33707d6u, 9);
        STEP(G, c, d, a, b, x[3], 0xf4d50d87u, 14);
        STEP(G, b, c, d, a, x[8], 0x455a14edu, 20);
        STEP(G, a, b, c, d, x[13], 0xa9e3e905u, 5);
        STEP(G, d, a, b, c, x[2], 0xfcefa3f8u, 9);
        STEP(G, c, d, a, b, x[7], 0x676f02d9u, 14);
        STEP(G, b, c, d, a, x[12], 0x8d2a4c8au, 20);

        STEP(H, a, b, c, d, x[5], 0xfffa3942u, 4);
        STEP(H, d, a, b, c, x[8], 0x8771f681u, 11);
        STEP(H, c, d, a, b, x[11], 0x6d9d6122u, 16);
        STEP(H, b, c, d, a, x[14], 0xfde5380cu, 23);
        STEP(H, a, b, c, d, x[1], 0xa4beea44u, 4);
        STEP(H, d, a, b, c, x[4], 0x4bdecfa9u, 11);
        STEP(H, c, d, a, b, x[7], 0xf6bb4b60u, 16);
        STEP(H, b, c, d, a, x[10], 0xbebfbc70u, 23);
        STEP(H, a, b, c, d, x[13], 0x289b7ec6u, 4);
        STEP(H, d, a, b, c, x[0], 0xeaa127fau, 11);
        STEP(H, c, d, a, b, x[3], 0xd4ef3085u, 16);
        STEP(H, b, c, d, a, x[6], 0x04881d05u, 23);
        STEP(H, a, b, c, d, x[9], 0xd9d4d039u, 4);
        STEP(H, d, a, b, c, x[12], 0xe6db99e5u, 11);
        STEP(H, c, d, a, b, x[15], 0x1fa27cf8u, 16);
        STEP(H, b, c, d, a, x[2], 0xc4ac5665u, 23);

        STEP(I, a, b, c, d, x[0], 0xf4292244u, 6);
        STEP(I, d, a, b, c, x[7], 0x432aff97u, 10);
        STEP(I, c, d, a, b, x[14], 0xab9423a7u, 15);
        STEP(I, b, c, d, a, x[5], 0xfc93a039u, 21);
        STEP(I, a, b, c, d, x[12], 0x655b59c3u, 6);
        STEP(I, d, a, b, c, x[3], 0x8f0ccc92u, 10);
        STEP(I, c, d, a, b, x[10], 0xffeff47du, 15);
        STEP(I, b, c, d, a, x[1], 0x85845dd1u, 21);
        STEP(I, a, b, c, d, x[8], 0x6fa87e4fu, 6);
        STEP(I, d, a, b, c, x[15], 0xfe2ce6e0u, 10);
        STEP(I, c, d, a, b, x[6], 0xa3014314u, 15);
        STEP(I, b, c, d, a, x[13], 0x4e0811a1u, 21);
        STEP(I, a, b, c, d, x[4], 0xf7537e82u, 6);
        STEP(I, d, a, b, c, x[11], 0xbd3af235u, 10);
        STEP(I, c, d, a, b, x[2], 0x2ad7d2bbu, 15);
        STEP(I, b, c, d, a, x[9], 0xeb86d391u, 21);
        a0 += a;
        b0 += b;
        c0 += c;
        d0 += d;
    }
    st->h[0] = a0;
    st->h[1] = b0;
    st->h[2] = c0;
    st->h[3] = d0;
}

static void md5_init(void *state) {
    Md5State *st = state;
    st->h[0] = 0x67452301u;
    st->h[1] = 0xefcdab89u;
    st->h[2] = 0x98badcfeu;
    st->h[3] = 0x10325476u;
    st->total = 0;
    st->buflen = 0;
}

static void md5_update(void *state, const uint8_t *p, size_t n) {
    Md5State *st = state;
    st->total += n;
    hc_md_feed(st, st->buf, &st->buflen, 64, md5_blocks, p, n);
}

// Padding: 0x80, zeros to 56 mod 64, then the length in bits, little-endian.
static void md5_final(void *state, uint8_t *out, size_t outlen) {
    Md5State *st = state;
    uint64_t bits = st->total * 8;
    uint8_t pad[72] = {0x80};
    size_t padlen = (st->buflen < 56 ? 56 : 120) - st->buflen;
    hc_put_le64(pad + padlen, bits);
    md5_update(st, pad, padlen + 8);
    for (int i = 0; i < 4; i++) {
        hc_put_le32(out + 4 * i, st->h[i]);
    }
}

static const HcAlgo md5_algo = {"md5", 16, 64, sizeof(Md5State), md5_init, md5_update, md5_final};

HC_MD_TYPE(md5_type, "_md5.md5");

static KaaValue md5_new(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return hc_md_construct(&md5_type, &md5_algo, args, nargs, kw);
}

static const KaaMethodDef md5_functions[] = {
    {"md5", md5_new, 0, "Return a new MD5 hash object; optionally initialized with a string."},
    {NULL},
};

KaaValue kaa_md5_init(void) {
    kaa_type_ready(&md5_type);
    KaaValue m = kaa_module_new_cstr("_md5");
    kaa_module_add(m, "MD5Type", kaa_from_obj(&md5_type));
    kaa_module_add_methods(m, md5_functions);
    return m;
}
