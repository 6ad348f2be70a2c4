// runtime/value.h — the one place that knows how a Python value fits in 64 bits.
//
// Stage: runtime (shared by every other stage). Owns the KaaValue encoding and nothing else.
// Everyone else goes through the inline functions below, so the encoding can change here alone.
//
// Encoding (NaN-boxing that leaves pointers raw, so the conservative collector sees them):
//   top 16 bits 0x0000            a raw heap-object pointer (KAA_NULL == 0 means "no value")
//   top 16 bits 0x0002 .. 0xFFFA  a double, stored as its IEEE bits plus 2^49
//   top 16 bits 0xFFFF            a small int, 48-bit two's-complement payload
// A double's bits plus 2^49 never reach 0xFFFF because NaNs are canonicalised to the quiet NaN
// (keeping the sign), whose top bits are 0x7FF8 / 0xFFF8. Ints outside 48 bits live in a GMP
// heap object; an int that fits is always stored immediate, so equal ints have equal encodings.
#ifndef KAA_RUNTIME_VALUE_H
#define KAA_RUNTIME_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t KaaValue;
typedef struct KaaObject KaaObject;
typedef struct KaaType KaaType;

// The header every heap object starts with.
struct KaaObject {
    KaaType *type;
};

#define KAA_NULL ((KaaValue)0)
#define KAA_DOUBLE_OFFSET ((uint64_t)1 << 49)
#define KAA_INT_TAG ((uint64_t)0xFFFF << 48)
#define KAA_SMALL_MAX (((int64_t)1 << 47) - 1)
#define KAA_SMALL_MIN (-((int64_t)1 << 47))

static inline bool kaa_is_obj(KaaValue v) { return (v >> 48) == 0; }
static inline bool kaa_is_int(KaaValue v) { return (v >> 48) == 0xFFFF; }
static inline bool kaa_is_float(KaaValue v) { return (v >> 48) - 2 < 0xFFFD; }

static inline KaaObject *kaa_obj(KaaValue v) { return (KaaObject *)(uintptr_t)v; }
static inline KaaValue kaa_from_obj(const void *p) { return (KaaValue)(uintptr_t)p; }

static inline int64_t kaa_int_val(KaaValue v) { return (int64_t)(v << 16) >> 16; }
static inline bool kaa_small_fits(int64_t i) { return i >= KAA_SMALL_MIN && i <= KAA_SMALL_MAX; }
// Only for i that kaa_small_fits; kaa_int_from_i64 (objects.h) handles any int64.
static inline KaaValue kaa_from_small(int64_t i) {
    return KAA_INT_TAG | ((uint64_t)i & 0xFFFFFFFFFFFFull);
}

static inline double kaa_float_val(KaaValue v) {
    uint64_t bits = v - KAA_DOUBLE_OFFSET;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}
static inline KaaValue kaa_from_float(double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    if ((bits & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (bits << 12) != 0) {
        bits = (bits & 0x8000000000000000ull) | 0x7FF8000000000000ull;  // canonical NaN
    }
    return bits + KAA_DOUBLE_OFFSET;
}

// The type of any value. Immediates map to the static int and float types.
extern KaaType kaa_int_type, kaa_float_type;
static inline KaaType *kaa_type_of(KaaValue v) {
    if (kaa_is_obj(v)) {
        return kaa_obj(v)->type;
    }
    return kaa_is_int(v) ? &kaa_int_type : &kaa_float_type;
}

static inline bool kaa_is_type(KaaValue v, const KaaType *t) {
    return kaa_is_obj(v) && kaa_obj(v)->type == t;
}

#endif
