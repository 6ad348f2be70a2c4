// modules/random.c — the _random module: the Mersenne Twister behind Lib/random.py.
//
// Stage: modules. Owns _random.Random: MT19937 with CPython's exact seeding (an int seed of
// any size is split into 32-bit words of its absolute value and fed to init_by_array; other
// seeds go through hash()), random() with 53 bits built from two 32-bit outputs, getrandbits
// for any k, the 625-item state tuple, and seeding from /dev/urandom when the seed is None.
// str/bytes seeds are turned into ints by random.py itself (sha512), before they reach here.
// Must not: know anything of random.py's distributions.
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include "modules/nummods.h"

#define MT_N 624
#define MT_M 397

typedef struct {
    KaaObject ob;
    int index;       // next word of state to temper; MT_N: twist first
    uint32_t *mt;    // MT_N words (atomic memory: no pointers)
} KaaRandom;

KaaType kaa_random_type;

static KaaRandom *rnd(KaaValue v) { return (KaaRandom *)kaa_obj(v); }

// ---- the generator (Matsumoto and Nishimura's reference algorithm) ------------------------------

// Regenerates all MT_N words at once.
static void twist(uint32_t *mt) {
    static const uint32_t mag01[2] = {0x0u, 0x9908b0dfu};
    int k = 0;
    for (; k < MT_N - MT_M; k++) {
        uint32_t y = (mt[k] & 0x80000000u) | (mt[k + 1] & 0x7fffffffu);
        mt[k] = mt[k + MT_M] ^ (y >> 1) ^ mag01[y & 1];
    }
    for (; k < MT_N - 1; k++) {
        uint32_t y = (mt[k] & 0x80000000u) | (mt[k + 1] & 0x7fffffffu);
        mt[k] = mt[k + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
    }
    uint32_t y = (mt[MT_N - 1] & 0x80000000u) | (mt[0] & 0x7fffffffu);
    mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
}

static inline uint32_t genrand_uint32(KaaRandom *r) {
    if (r->index >= MT_N) {
        twist(r->mt);
        r->index = 0;
    }
    uint32_t y = r->mt[r->index++];
    y ^= y >> 11;  // tempering
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

static void init_genrand(KaaRandom *r, uint32_t s) {
    uint32_t *mt = r->mt;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++) {
        mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    }
    r->index = MT_N;
}

static void init_by_array(KaaRandom *r, const uint32_t *key, size_t len) {
    uint32_t *mt = r->mt;
    init_genrand(r, 19650218u);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > len ? MT_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= len) {
            j = 0;
        }
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000u;  // MSB is 1, assuring a non-zero initial array
}

// ---- seeding ------------------------------------------------------------------------------------

// Fills buf from /dev/urandom; false when it cannot be read completely.
static bool read_urandom(void *buf, size_t n) {
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    uint8_t *p = buf;
    while (n > 0) {
        ssize_t got = read(fd, p, n);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            close(fd);
            return false;
        }
        p += got;
        n -= (size_t)got;
    }
    close(fd);
    return true;
}

// seed(None): 624 words of system entropy, or else the time and process id (CPython's fallback).
static void seed_from_system(KaaRandom *r) {
    uint32_t key[MT_N];
    if (read_urandom(key, sizeof key)) {
        init_by_array(r, key, MT_N);
        return;
    }
    struct timespec now, mono;
    clock_gettime(CLOCK_REALTIME, &now);
    clock_gettime(CLOCK_MONOTONIC, &mono);
    uint64_t t = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
    uint64_t m = (uint64_t)mono.tv_sec * 1000000000u + (uint64_t)mono.tv_nsec;
    uint32_t small[5] = {(uint32_t)t, (uint32_t)(t >> 32), (uint32_t)getpid(), (uint32_t)m,
                         (uint32_t)(m >> 32)};
    init_by_array(r, small, 5);
}

// The seed as a non-negative mpz: |n| for ints (int.__abs__, never an overridden __abs__),
// the hash reinterpreted as unsigned 64 bits for anything else.
static void seed_magnitude(KaaValue arg, mpz_t n) {
    mpz_init(n);
    if (kaa_is_int_like(arg)) {
        kaa_int_to_mpz(arg, n);
        mpz_abs(n, n);
        return;
    }
    uint64_t h = (uint64_t)kaa_hash(arg);
    mpz_set_ui(n, (unsigned long)h);
}

static void random_seed(KaaRandom *r, KaaValue arg) {
    if (arg == KAA_NULL || arg == kaa_None) {
        seed_from_system(r);
        return;
    }
    mpz_t n;
    seed_magnitude(arg, n);
    // The key: the 32-bit words of n, least significant first (at least one word).
    size_t bits = mpz_sgn(n) == 0 ? 0 : mpz_sizeinbase(n, 2);
    size_t used = bits == 0 ? 1 : (bits - 1) / 32 + 1;
    uint32_t *key = kaa_alloc_atomic(used * sizeof(uint32_t));
    key[0] = 0;
    mpz_export(key, NULL, -1, sizeof(uint32_t), 0, 0, n);
    init_by_array(r, key, used);
}

// ---- methods ------------------------------------------------------------------------------------

static KaaValue random_random(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Random.random", kw);
    kaa_args_count("Random.random", nargs, 0, 0);
    KaaRandom *r = rnd(self);
    uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
    return kaa_from_float((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static KaaValue random_seed_method(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Random.seed", kw);
    kaa_args_count("seed", nargs, 0, 1);
    random_seed(rnd(self), nargs ? args[0] : KAA_NULL);
    return kaa_None;
}

static KaaValue random_getstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Random.getstate", kw);
    kaa_args_count("Random.getstate", nargs, 0, 0);
    KaaRandom *r = rnd(self);
    KaaTuple *t = kaa_tuple_new(MT_N + 1);
    for (int i = 0; i < MT_N; i++) {
        t->items[i] = kaa_from_small(r->mt[i]);
    }
    t->items[MT_N] = kaa_from_small(r->index);
    return kaa_from_obj(t);
}

// One state word: an int, converted as C's unsigned long and then truncated to 32 bits.
static uint32_t state_word(KaaValue v) {
    if (!kaa_is_int_like(v)) {
        kaa_raise_type_error("an integer is required");
    }
    if (kaa_int_sign(v) < 0) {
        kaa_raise_overflow("can't convert negative value to unsigned int");
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(v, z);
    if (mpz_sizeinbase(z, 2) > 64) {
        kaa_raise_overflow("Python int too large to convert to C unsigned long");
    }
    return (uint32_t)mpz_get_ui(z);
}

static KaaValue random_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Random.setstate", kw);
    kaa_args_count("Random.setstate", nargs, 1, 1);
    if (!kaa_is_tuple(args[0])) {
        kaa_raise_type_error("state vector must be a tuple");
    }
    KaaTuple *t = kaa_tuple(args[0]);
    if (t->len != MT_N + 1) {
        kaa_raise_value_error("state vector is the wrong size");
    }
    uint32_t fresh[MT_N];  // nothing changes until every word has been checked
    for (int i = 0; i < MT_N; i++) {
        fresh[i] = state_word(t->items[i]);
    }
    KaaValue iv = t->items[MT_N];
    if (!kaa_is_int_like(iv)) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(iv));
    }
    int64_t index;
    if (!kaa_int_to_i64(iv, &index)) {
        kaa_raise_overflow("Python int too large to convert to C long");
    }
    if (index < 0 || index > MT_N) {
        kaa_raise_value_error("invalid state");
    }
    KaaRandom *r = rnd(self);
    memcpy(r->mt, fresh, sizeof fresh);
    r->index = (int)index;
    return kaa_None;
}

static KaaValue random_getrandbits(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("Random.getrandbits", kw);
    kaa_args_count("Random.getrandbits", nargs, 1, 1);
    int k = nm_int_arg(args[0]);
    KaaRandom *r = rnd(self);
    if (k < 0) {
        kaa_raise_value_error("number of bits must be non-negative");
    }
    if (k == 0) {
        return kaa_from_small(0);
    }
    if (k <= 32) {
        return kaa_from_small(genrand_uint32(r) >> (32 - k));
    }
    // Words from least to most significant; the last one keeps only its top bits.
    size_t words = (size_t)(k - 1) / 32 + 1;
    uint32_t *w = kaa_alloc_atomic(words * sizeof(uint32_t));
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t x = genrand_uint32(r);
        w[i] = k < 32 ? x >> (32 - k) : x;
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, w);
    return kaa_int_from_mpz(z);
}

// ---- the type -----------------------------------------------------------------------------------

// Random.__new__ leaves the state zeroed (as PyType_GenericNew): __init__ seeds it.
static KaaValue random_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue self = kaa_instance_alloc(type, 0);
    KaaRandom *r = rnd(self);
    r->mt = kaa_alloc_atomic(MT_N * sizeof(uint32_t));
    memset(r->mt, 0, MT_N * sizeof(uint32_t));
    return self;
}

static void random_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    // Keywords are refused only when the class keeps this __init__ (subclasses may take some).
    if (kaa_type_of(self)->init == random_init) {
        kaa_args_no_kw("Random", kwnames);
    }
    if (nargs > 1) {
        kaa_raise_type_error("Random() requires 0 or 1 argument");
    }
    random_seed(rnd(self), nargs ? args[0] : KAA_NULL);
}

static const KaaMethodDef random_methods[] = {
    {"random", random_random, 0, "random() -> x in the interval [0, 1)."},
    {"seed", random_seed_method, 0, "seed([n]) -> None."},
    {"getstate", random_getstate, 0, "getstate() -> tuple containing the current state."},
    {"setstate", random_setstate, 0, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", random_getrandbits, 0, "getrandbits(k) -> x.  Generates an int with k "
                                           "random bits."},
    {NULL},
};

KaaType kaa_random_type = {
    .ob = {&kaa_type_type},
    .name = "_random.Random",
    .flags = KAA_TPFLAG_BASETYPE,
    .instance_size = sizeof(KaaRandom),
    .new_ = random_new,
    .init = random_init,
    .methods = random_methods,
};

KaaValue kaa_random_init(void) {
    kaa_type_ready(&kaa_random_type);
    KaaValue m = kaa_module_new_cstr("_random");
    kaa_module_add(m, "Random", kaa_from_obj(&kaa_random_type));
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("Module implements the Mersenne Twister "
                                                   "random number generator."));
    return m;
}
