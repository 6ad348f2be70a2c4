// objects/objects.h — what the object layer gives: every built-in type and the protocols
// (attribute access, calls, operators, comparison, hashing, iteration) that work on any value.
//
// Stage: objects. One file per built-in type (int.c, str.c, list.c, ...) plus abstract.c for
// the protocols. Objects never include parser or compiler headers. The VM's own objects
// (frames, generators) are declared in vm/vm.h.
#ifndef KAA_OBJECTS_OBJECTS_H
#define KAA_OBJECTS_OBJECTS_H

#include <gmp.h>
#include <stdarg.h>
#include <stdio.h>

#include "runtime/runtime.h"

typedef struct KaaTuple KaaTuple;
typedef struct KaaDict KaaDict;
typedef struct KaaStr KaaStr;

// ---- calling convention -----------------------------------------------------------------------
// Every call passes positional arguments args[0..nargs) followed by one value per name in
// kwnames (a tuple of str, or NULL when there are no keyword arguments). `self` is the bound
// object for methods and the module (or KAA_NULL) for functions.
typedef KaaValue (*KaaCFunc)(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
#define KAA_NKW(kwnames) ((kwnames) ? (kwnames)->len : 0)

// ---- operator numbering -----------------------------------------------------------------------
// Binary operators, in the order of BINARY_OP's argument and the type's binary slot table.
typedef enum {
    KAA_OP_ADD, KAA_OP_AND, KAA_OP_FLOORDIV, KAA_OP_LSHIFT, KAA_OP_MATMUL, KAA_OP_MUL,
    KAA_OP_MOD, KAA_OP_OR, KAA_OP_POW, KAA_OP_RSHIFT, KAA_OP_SUB, KAA_OP_TRUEDIV, KAA_OP_XOR,
    KAA_OP_DIVMOD,  // divmod(): a slot like the others, but no BINARY_OP argument
    KAA_BINOP_COUNT
} KaaBinOp;
#define KAA_BINARY_OP_COUNT KAA_OP_DIVMOD  // the operators BINARY_OP can name
// Rich comparisons (CPython's order).
typedef enum { KAA_LT, KAA_LE, KAA_EQ, KAA_NE, KAA_GT, KAA_GE } KaaCmpOp;

// ---- types ------------------------------------------------------------------------------------
enum {
    KAA_TPFLAG_HEAPTYPE = 1 << 0,      // created by a class statement or type()
    KAA_TPFLAG_BASETYPE = 1 << 1,      // may be subclassed
    KAA_TPFLAG_INT_SUBCLASS = 1 << 2,  // the *_SUBCLASS flags make isinstance fast
    KAA_TPFLAG_FLOAT_SUBCLASS = 1 << 3,
    KAA_TPFLAG_STR_SUBCLASS = 1 << 4,
    KAA_TPFLAG_BYTES_SUBCLASS = 1 << 5,
    KAA_TPFLAG_TUPLE_SUBCLASS = 1 << 6,
    KAA_TPFLAG_LIST_SUBCLASS = 1 << 7,
    KAA_TPFLAG_DICT_SUBCLASS = 1 << 8,
    KAA_TPFLAG_EXC_SUBCLASS = 1 << 9,
    KAA_TPFLAG_TYPE_SUBCLASS = 1 << 10,
    KAA_TPFLAG_ABSTRACT = 1 << 11,
    KAA_TPFLAG_METHOD_DESCRIPTOR = 1 << 12,  // descr_get binds like a function (LOAD_METHOD)
    KAA_TPFLAG_SEQUENCE = 1 << 13,           // match statement: a sequence pattern applies
    KAA_TPFLAG_MAPPING = 1 << 14,            // match statement: a mapping pattern applies
    KAA_TPFLAG_READY = 1 << 15,
    KAA_TPFLAG_VAR_SIZE = 1 << 16,           // instances have a variable-size body (str, tuple)
    // `+` is sequence concatenation (CPython's sq_concat): __add__ but no __radd__ wrapper.
    KAA_TPFLAG_SEQ_CONCAT = 1 << 17,
};

// Slots: C functions the protocols call directly. A built-in type fills those it supports;
// kaa_type_ready() exposes them in the type's dict as __add__, __len__, ... and a class
// statement fills them with functions that call the Python-level dunder methods.
// Binary slots are called with the operands in source order for both the left and the right
// operand's type (as CPython does), and return kaa_NotImplemented when they do not apply.
struct KaaBuffer;
struct KaaType {
    KaaObject ob;
    const char *name;        // tp_name: "int", "collections.OrderedDict"
    KaaValue name_obj;       // __name__ as a str (classes); built from `name` when KAA_NULL
    KaaValue qualname;       // str
    KaaValue module;         // str or KAA_NULL (builtins)
    KaaType *base;           // the base whose instance layout this one extends
    KaaTuple *bases;
    KaaTuple *mro;
    KaaDict *dict;
    KaaValue doc;
    uint32_t flags;
    uint32_t version;        // changes whenever the type or a base changes (method caches)
    size_t instance_size;    // bytes of an instance (the fixed part for VAR_SIZE types)
    int32_t dict_offset;     // where an instance keeps its __dict__ value (0: no __dict__)
    int32_t weaklist_offset;
    int32_t slots_offset;    // where the __slots__ values of this class start
    int32_t nslots;
    KaaValue subclasses;     // list of weak references... (a plain list for now)

    // object basics
    KaaValue (*repr)(KaaValue self);
    KaaValue (*str)(KaaValue self);
    int64_t (*hash)(KaaValue self);  // NULL: unhashable
    KaaValue (*richcompare)(KaaValue a, KaaValue b, int op);
    KaaValue (*getattr)(KaaValue self, KaaValue name);  // KAA_NULL when absent; may raise
    void (*setattr)(KaaValue self, KaaValue name, KaaValue value);  // value KAA_NULL: delete
    KaaValue (*call)(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
    KaaValue (*iter)(KaaValue self);
    KaaValue (*next)(KaaValue self);  // KAA_NULL when exhausted (StopIteration not raised)
    KaaValue (*descr_get)(KaaValue descr, KaaValue obj, KaaValue type);  // obj may be NULL
    void (*descr_set)(KaaValue descr, KaaValue obj, KaaValue value);     // value NULL: delete

    // numbers
    KaaValue (*binary[KAA_BINOP_COUNT])(KaaValue a, KaaValue b);
    KaaValue (*inplace[KAA_BINOP_COUNT])(KaaValue a, KaaValue b);
    KaaValue (*power3)(KaaValue a, KaaValue b, KaaValue mod);  // pow(a, b, mod)
    KaaValue (*neg)(KaaValue self);
    KaaValue (*pos)(KaaValue self);
    KaaValue (*abs)(KaaValue self);
    KaaValue (*invert)(KaaValue self);
    int (*truth)(KaaValue self);        // NULL: use len, else true
    KaaValue (*to_int)(KaaValue self);  // __int__
    KaaValue (*to_float)(KaaValue self);
    KaaValue (*index)(KaaValue self);

    // containers
    int64_t (*len)(KaaValue self);
    KaaValue (*getitem)(KaaValue self, KaaValue key);
    void (*setitem)(KaaValue self, KaaValue key, KaaValue value);  // value KAA_NULL: delete
    int (*contains)(KaaValue self, KaaValue item);                 // NULL: iterate

    // creation
    KaaValue (*new_)(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames);
    void (*init)(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
    size_t (*var_size)(KaaValue self);  // VAR_SIZE types: bytes of the base part of self
    // The buffer protocol: fills *view with the object's memory; false when it has none now
    // (a released memoryview). Borrowed, not locked: valid until the exporter next changes.
    bool (*buffer)(KaaValue self, struct KaaBuffer *view);
    void (*finalize)(KaaValue self);    // called by the collector when set (__del__)

    // Method table for built-in types: NULL-terminated; read by kaa_type_ready.
    const struct KaaMethodDef *methods;
    const struct KaaGetSetDef *getsets;
    const struct KaaMemberDef *members;
};

enum {
    KAA_METH_STATIC = 1 << 0,   // staticmethod: no self
    KAA_METH_CLASS = 1 << 1,    // classmethod: self is the type
    // Bound, the method takes **kwargs with keys of any type (CPython's METH_KEYWORDS
    // functions that see the dict itself, like str.format).
    KAA_METH_ANY_KEYS = 1 << 2,
};
typedef struct KaaMethodDef {
    const char *name;
    KaaCFunc fn;
    int flags;
    const char *doc;
} KaaMethodDef;

typedef struct KaaGetSetDef {
    const char *name;
    KaaValue (*get)(KaaValue self);
    void (*set)(KaaValue self, KaaValue value);  // NULL: read-only; value KAA_NULL: delete
    const char *doc;
} KaaGetSetDef;

enum { KAA_MEMBER_VALUE, KAA_MEMBER_VALUE_RO, KAA_MEMBER_BOOL_RO };
typedef struct KaaMemberDef {
    const char *name;
    int kind;
    size_t offset;
    const char *doc;
} KaaMemberDef;

#define TYPE(name, file) extern KaaType kaa_##name##_type;
#include "objects/types.def"
#undef TYPE

static inline bool kaa_type_has(KaaType *t, uint32_t flag) { return (t->flags & flag) != 0; }

void kaa_type_ready(KaaType *type);         // fills dict, mro and inherited slots
bool kaa_is_subtype(KaaType *a, KaaType *b);  // by the mro
bool kaa_isinstance_exact_or_sub(KaaValue v, KaaType *t);
KaaValue kaa_type_lookup(KaaType *type, KaaValue name);  // along the mro; KAA_NULL if absent
// Creates a class: type(name, bases, dict) without metaclass resolution.
KaaValue kaa_type_new(KaaType *metatype, KaaValue name, KaaTuple *bases, KaaDict *dict,
                      KaaTuple *kwnames, KaaValue *kwvalues);
KaaValue kaa_type_name(KaaType *type);  // the __name__ str
// Whether instances laid out for old_t may become new_t's (__class__ and __bases__
// assignment, CPython's rules); raises "<what> assignment: ... differs from ..." otherwise.
void kaa_type_check_layout_assignment(KaaType *new_t, KaaType *old_t, const char *what);
// The metaclass a class statement uses: the most derived of meta and the bases' types.
KaaType *kaa_type_calculate_meta(KaaType *meta, KaaTuple *bases);
void kaa_type_modified(KaaType *type);  // bumps versions of type and subclasses
// Instance helpers for heap types.
KaaValue *kaa_instance_dict_slot(KaaValue obj);  // NULL when the instance has no __dict__
KaaDict *kaa_instance_dict(KaaValue obj);        // creates it on first use; NULL if none
KaaValue kaa_instance_alloc(KaaType *type, size_t extra);  // zeroed, type set
// The address of the value at layout offset `offset` of obj (a __slots__ value or the
// __dict__), wherever a variable-size base put it.
KaaValue *kaa_instance_slot_addr(KaaValue obj, size_t offset);
// Extra bytes a variable-size instance of type needs after its body rounded up to 8 bytes:
// 0 for the exact built-in type, room for a class's __dict__ and __slots__ otherwise.
size_t kaa_var_extra(KaaType *type);

// ---- singletons -------------------------------------------------------------------------------
extern KaaObject kaa_none_obj, kaa_notimpl_obj, kaa_ellipsis_obj;
#define kaa_None kaa_from_obj(&kaa_none_obj)
#define kaa_NotImplemented kaa_from_obj(&kaa_notimpl_obj)
#define kaa_Ellipsis kaa_from_obj(&kaa_ellipsis_obj)

// ---- int (int.c, bool.c) ----------------------------------------------------------------------
// Small ints are immediates (value.h). Larger ones, and every instance of a subclass of int
// (bool included), are KaaInt heap objects holding a GMP integer.
typedef struct KaaInt {
    KaaObject ob;
    mpz_t z;
} KaaInt;
extern KaaInt kaa_true_obj, kaa_false_obj;
#define kaa_True kaa_from_obj(&kaa_true_obj)
#define kaa_False kaa_from_obj(&kaa_false_obj)
static inline KaaValue kaa_bool(bool b) { return b ? kaa_True : kaa_False; }

KaaValue kaa_int_from_i64(int64_t i);
KaaValue kaa_int_from_u64(uint64_t u);
KaaValue kaa_int_from_mpz(const mpz_t z);  // normalises to an immediate when it fits
KaaValue kaa_int_from_double(double d);    // truncates; raises for inf/nan
// Parses an int literal or int(str, base); raises ValueError like int().
KaaValue kaa_int_from_string(const char *s, size_t len, int base);
bool kaa_is_int_like(KaaValue v);          // int or a subclass of int (bool too)
// Converts an int (or subclass) to int64; raises OverflowError when it does not fit.
int64_t kaa_int_as_i64(KaaValue v);
// Same, but false instead of raising when it does not fit.
bool kaa_int_to_i64(KaaValue v, int64_t *out);
void kaa_int_to_mpz(KaaValue v, mpz_t out);  // out must be initialised
double kaa_int_as_double(KaaValue v);        // raises OverflowError when too large
int kaa_int_sign(KaaValue v);
KaaValue kaa_int_repr(KaaValue v);
KaaValue kaa_int_to_base(KaaValue v, int base, bool prefix);  // bin/oct/hex text
int64_t kaa_int_hash(KaaValue v);
// Any integer-like (with __index__) to int64 for indexing; raises IndexError/OverflowError.
int64_t kaa_index_i64(KaaValue v);
// The ValueError of converting an int past sys.get_int_max_str_digits() decimal digits.
KAA_NORETURN void kaa_int_str_limit_error(void);
KaaValue kaa_index(KaaValue v);  // operator.index
// sys.get_int_max_str_digits(): most decimal digits str(int)/int(str) convert (0: no limit).
extern int kaa_int_max_str_digits;
// The ASCII form of a str for number parsing (int, float, complex): Unicode spaces become ' ',
// decimal digits of any script '0'..'9', other non-ASCII characters '\x01'. *len: its length.
const char *kaa_number_ascii(KaaValue s, size_t *len);
double kaa_int_ldexp(const mpz_t z, long e);  // z * 2^e correctly rounded; +-inf if too large

// ---- float and complex (float.c, complex.c) ---------------------------------------------------
// Floats are immediates; only instances of float subclasses are KaaFloat heap objects.
typedef struct KaaFloat {
    KaaObject ob;
    double d;
} KaaFloat;
typedef struct KaaComplex {
    KaaObject ob;
    double real, imag;
} KaaComplex;
bool kaa_is_float_like(KaaValue v);
double kaa_float_of(KaaValue v);  // float or subclass, or int, or __float__/__index__
KaaValue kaa_float_repr_value(double d);
// Writes repr(d) (the shortest round-trip form) into buf; returns its length.
size_t kaa_float_repr(double d, char *buf, size_t size);
int64_t kaa_float_hash(double d);
KaaValue kaa_complex_new(double real, double imag);
// Reads a float literal (sign, digits with underscores, point, exponent, inf, nan) at p; returns
// where it stops, or NULL when there is none. Used by float() and complex().
const char *kaa_float_parse_prefix(const char *p, const char *end, double *out);

// ---- str (str.c, unicode.c, format.c) ---------------------------------------------------------
// Code points stored 1, 2 or 4 bytes each (kind), chosen per string; O(1) index and len.
// A kind-1 string whose code points are all < 128 (ascii) is also its own UTF-8.
// data normally points at inline_data and is followed by a 0 code unit, so ascii data is a C
// string. Long results of concatenation instead share a growable buffer (external): `s += x`
// in a loop appends in place there. Their data is not 0-terminated; kaa_str_utf8 copies them.
struct KaaStr {
    KaaObject ob;
    int64_t hash;  // -1: not computed yet
    size_t len;    // in code points
    uint8_t kind;  // 1, 2 or 4
    uint8_t ascii;
    uint8_t interned;
    uint8_t external;      // data lives in a shared concatenation buffer (str.c)
    uint8_t reserved_[4];
    uint8_t *data;
    uint8_t inline_data[];  // 8-byte aligned for 2- and 4-byte code units
};
static inline KaaStr *kaa_str(KaaValue v) { return (KaaStr *)kaa_obj(v); }
static inline uint32_t kaa_str_char(const KaaStr *s, size_t i) {
    switch (s->kind) {
    case 1: return s->data[i];
    case 2: return ((const uint16_t *)s->data)[i];
    default: return ((const uint32_t *)s->data)[i];
    }
}
bool kaa_is_str(KaaValue v);  // str or subclass
KaaValue kaa_str_from_utf8(const char *s, size_t len);  // raises on invalid UTF-8
// Accepts the surrogate-passing UTF-8 the front end and marshal use.
KaaValue kaa_str_from_utf8_sp(const char *s, size_t len);
KaaValue kaa_str_from_cstr(const char *s);
KaaValue kaa_str_from_ascii(const char *s, size_t len);
KaaValue kaa_str_from_latin1(const uint8_t *s, size_t len);
KaaValue kaa_str_from_ucs4(const uint32_t *cps, size_t len);  // picks the narrowest kind
KaaValue kaa_str_from_char(uint32_t cp);                        // cached for cp < 256
KaaValue kaa_str_new_raw(size_t len, int kind, bool ascii);     // uninitialised data
KaaValue kaa_str_printf(const char *fmt, ...);                  // %R %S %T as kaa_raise_msg
KaaValue kaa_str_vprintf(const char *fmt, va_list ap);
// UTF-8 of s. For ascii strings it is s->data itself; otherwise a fresh buffer. With
// surrogates (errors "strict") raises UnicodeEncodeError; len_out may be NULL.
const char *kaa_str_utf8(KaaValue s, size_t *len_out);
const char *kaa_str_utf8_sp(KaaValue s, size_t *len_out);  // surrogates passed through
KaaValue kaa_str_intern(KaaValue s);
KaaValue kaa_str_intern_cstr(const char *s);
bool kaa_str_eq(KaaValue a, KaaValue b);  // both exact or subclass str
bool kaa_str_eq_cstr(KaaValue a, const char *s);
int kaa_str_compare(KaaValue a, KaaValue b);  // <0, 0, >0 by code points
int64_t kaa_str_hash(KaaValue s);
KaaValue kaa_str_concat(KaaValue a, KaaValue b);
KaaValue kaa_str_join(KaaValue sep, KaaValue iterable);
KaaValue kaa_str_substr(KaaValue s, size_t start, size_t end);
KaaValue kaa_str_repr(KaaValue s);
// The format-spec mini-language and %-formatting.
KaaValue kaa_format(KaaValue value, KaaValue spec);  // builtin format()
KaaValue kaa_str_percent(KaaValue fmt, KaaValue args);
KaaValue kaa_str_builtin_format(KaaValue fmt, KaaValue *args, size_t nargs, KaaTuple *kwnames);
void kaa_str_init(void);  // the one-character cache; before anything makes strings
KaaValue kaa_str_repr_impl(KaaValue s, bool ascii_only);
// Written in str_methods.c: the method table and the slots str.c's type points at.
extern const KaaMethodDef kaa_str_methods[];
KaaValue kaa_str_getitem(KaaValue s, KaaValue key);
int kaa_str_contains(KaaValue s, KaaValue sub);
KaaValue kaa_str_repeat(KaaValue s, KaaValue n);
KaaValue kaa_str_iter(KaaValue s);
KaaValue kaa_str_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames);
size_t kaa_str_var_size(KaaValue s);  // for the type's var_size slot (subclass layout)
// Codecs (str_codecs.c) for str.encode, str(b, ...) and bytes.decode: utf-8, ascii, latin-1,
// utf-16/32 (-le/-be); encoding and errors are str or KAA_NULL ("utf-8", "strict").
KaaValue kaa_str_encode(KaaValue s, KaaValue encoding, KaaValue errors);
KaaValue kaa_str_decode(const uint8_t *data, size_t len, KaaValue encoding, KaaValue errors);
// Other encodings go through the codec registry (modules/codecs.c): str.encode (encode true,
// obj a str) or bytes.decode (obj a bytes), with CPython's text-encoding checks.
KaaValue kaa_codecs_text(KaaValue obj, KaaValue encoding, KaaValue errors, bool encode);
// The __format__ of str, int, float and complex (format.c); spec is a str.
KaaValue kaa_format_str(KaaValue s, KaaValue spec);
KaaValue kaa_format_int(KaaValue v, KaaValue spec);
KaaValue kaa_format_float(double d, KaaValue spec);
KaaValue kaa_format_complex(double re, double im, KaaValue spec);
// Growable text buffer for building strings from C.
typedef struct KaaStrBuf {
    uint32_t *cps;
    size_t len, cap;
    uint32_t maxchar;
} KaaStrBuf;
void kaa_strbuf_init(KaaStrBuf *b);
void kaa_strbuf_putc(KaaStrBuf *b, uint32_t cp);
void kaa_strbuf_puts(KaaStrBuf *b, const char *ascii_or_utf8);
void kaa_strbuf_putstr(KaaStrBuf *b, KaaValue s);
KaaValue kaa_strbuf_finish(KaaStrBuf *b);

// ---- bytes and bytearray (bytes.c, bytearray.c) -----------------------------------------------
typedef struct KaaBytes {
    KaaObject ob;
    int64_t hash;
    size_t len;
    uint8_t data[];  // followed by a 0 byte
} KaaBytes;
typedef struct KaaByteArray {
    KaaObject ob;
    size_t len, cap;
    uint8_t *data;
    int exports;
} KaaByteArray;
KaaValue kaa_bytes_new(const void *data, size_t len);
KaaValue kaa_bytes_new_raw(size_t len);  // uninitialised body
KaaValue kaa_bytearray_new(const void *data, size_t len);  // data NULL: zeroed
static inline KaaBytes *kaa_bytes(KaaValue v) { return (KaaBytes *)kaa_obj(v); }
bool kaa_is_bytes(KaaValue v);
// A view of an object's memory through the buffer protocol (the `buffer` slot of bytes,
// bytearray, memoryview, array.array, ...).
typedef struct KaaBuffer {
    uint8_t *data;
    size_t len;          // in bytes
    size_t itemsize;     // bytes per item
    const char *format;  // the struct-module code of an item: "B" for bytes
    bool readonly;
} KaaBuffer;
// The object's buffer, or false when it has none.
bool kaa_buffer_view(KaaValue v, KaaBuffer *view);
// The bytes of any object with the buffer protocol as (ptr, len); false if it has none.
bool kaa_buffer_get(KaaValue v, const uint8_t **data, size_t *len);
// The bytes of a writable buffer (bytearray, a writable memoryview, array.array) for C code
// that fills it (readinto, pack_into); NULL when v has no buffer or a read-only one.
uint8_t *kaa_buffer_writable(KaaValue v, size_t *len);

// ---- tuple (tuple.c) --------------------------------------------------------------------------
struct KaaTuple {
    KaaObject ob;
    int64_t len;
    KaaValue items[];
};
static inline KaaTuple *kaa_tuple(KaaValue v) { return (KaaTuple *)kaa_obj(v); }
extern KaaTuple *kaa_empty_tuple;
bool kaa_is_tuple(KaaValue v);  // tuple or subclass
KaaTuple *kaa_tuple_new(size_t len);  // items KAA_NULL until filled
KaaTuple *kaa_tuple_from_array(const KaaValue *items, size_t len);
KaaTuple *kaa_tuple_pack(size_t len, ...);
KaaValue kaa_tuple_from_iterable(KaaValue iterable);

// ---- list (list.c) ----------------------------------------------------------------------------
typedef struct KaaList {
    KaaObject ob;
    int64_t len, cap;
    KaaValue *items;
} KaaList;
static inline KaaList *kaa_list(KaaValue v) { return (KaaList *)kaa_obj(v); }
bool kaa_is_list(KaaValue v);
KaaList *kaa_list_new(size_t len);  // len items, KAA_NULL until filled
KaaList *kaa_list_with_capacity(size_t cap);
KaaList *kaa_list_from_array(const KaaValue *items, size_t len);
void kaa_list_append(KaaList *list, KaaValue v);
void kaa_list_extend(KaaList *list, KaaValue iterable);
KaaValue kaa_list_from_iterable(KaaValue iterable);
// Sorts in place, stably; key may be KAA_NULL. The sort of list.sort().
void kaa_list_sort(KaaList *list, KaaValue key, bool reverse);
// list.sort(*, key=None, reverse=False) called with positional args and keywords kwnames.
void kaa_list_sort_call(KaaList *list, KaaValue *args, size_t nargs, KaaTuple *kwnames);

// ---- dict (dict.c) ----------------------------------------------------------------------------
// Insertion-ordered: a compact array of entries and a sparse index table, as CPython's.
typedef struct KaaDictEntry {
    int64_t hash;
    KaaValue key, value;  // key KAA_NULL: deleted entry
} KaaDictEntry;
struct KaaDict {
    KaaObject ob;
    int64_t used;        // live entries
    int64_t nentries;    // entries in use (live + deleted)
    int64_t capacity;    // nentries + insertions left before the tables are rebuilt
    uint8_t log2size;    // index table size
    uint64_t version;    // changes on every mutation through this API (not the VM's direct
                         // stores into an existing entry's value)
    uint64_t keys_version;  // changes when keys are added or removed or entries move: an
                            // entry index found for a key stays valid while it is unchanged
    void *indices;       // int8/16/32/64 by table size; atomic
    KaaDictEntry *entries;
};
static inline KaaDict *kaa_dict(KaaValue v) { return (KaaDict *)kaa_obj(v); }
bool kaa_is_dict(KaaValue v);
KaaDict *kaa_dict_new(void);
KaaDict *kaa_dict_new_presized(size_t n);
KaaValue kaa_dict_get(KaaDict *d, KaaValue key);  // KAA_NULL when absent
// key an exact str: matched by address, then by content; no __eq__ is called unless another
// key of a different type has the same hash (then the general lookup runs).
KaaValue kaa_dict_get_str(KaaDict *d, KaaValue key);
KaaValue kaa_dict_get_cstr(KaaDict *d, const char *key);
// The entry index of key (an exact str) in d->entries, or -1: for the VM's inline caches,
// valid while d->keys_version is unchanged.
int64_t kaa_dict_index_str(KaaDict *d, KaaValue key);
void kaa_dict_set(KaaDict *d, KaaValue key, KaaValue value);
void kaa_dict_set_cstr(KaaDict *d, const char *key, KaaValue value);
bool kaa_dict_del(KaaDict *d, KaaValue key);  // false when absent
// Iterates: start with *pos = 0; false at the end.
bool kaa_dict_next(KaaDict *d, int64_t *pos, KaaValue *key, KaaValue *value);
void kaa_dict_update(KaaDict *d, KaaValue other);  // dict.update(other) for one positional
KaaDict *kaa_dict_copy(KaaDict *d);
void kaa_dict_clear(KaaDict *d);
KaaValue kaa_mappingproxy_new(KaaValue mapping);  // read-only view (type.__dict__)

// ---- set and frozenset (set.c) ----------------------------------------------------------------
typedef struct KaaSetEntry {
    KaaValue key;  // KAA_NULL: empty; kaa_set_dummy: deleted
    int64_t hash;
} KaaSetEntry;
typedef struct KaaSet {
    KaaObject ob;
    int64_t fill, used, mask;
    int64_t hash;  // frozenset only; -1 when not computed
    uint64_t finger;
    KaaSetEntry *table;
    KaaSetEntry smalltable[8];
} KaaSet;
extern KaaObject kaa_set_dummy_obj;  // the key of a deleted entry (its hash is -1)
#define kaa_set_dummy kaa_from_obj(&kaa_set_dummy_obj)
bool kaa_is_anyset(KaaValue v);
KaaSet *kaa_set_new(KaaType *type);  // set or frozenset or subclass
void kaa_set_add(KaaSet *s, KaaValue key);
bool kaa_set_contains(KaaSet *s, KaaValue key);
bool kaa_set_discard(KaaSet *s, KaaValue key);
void kaa_set_update(KaaSet *s, KaaValue iterable);
bool kaa_set_next(KaaSet *s, int64_t *pos, KaaValue *key);

// ---- generic aliases (genericalias.c) ----------------------------------------------------------
KaaValue kaa_generic_alias_new(KaaValue origin, KaaValue args);  // list[int]: types.GenericAlias
// The __class_getitem__ of built-in generic classes, for their method tables (KAA_METH_CLASS).
KaaValue kaa_generic_class_getitem(KaaValue cls, KaaValue *args, size_t nargs, KaaTuple *kw);
// a | b for classes, None, generic aliases and unions (union.c): a types.UnionType, or the
// one member when both are the same; NotImplemented for other operands. type's `|`.
KaaValue kaa_union_or(KaaValue a, KaaValue b);

// ---- range, slice, iterators (range.c, slice.c, iter.c) ---------------------------------------
typedef struct KaaSlice {
    KaaObject ob;
    KaaValue start, stop, step;
} KaaSlice;
KaaValue kaa_slice_new(KaaValue start, KaaValue stop, KaaValue step);
// slice.indices for a sequence of length len: returns the number of items selected.
int64_t kaa_slice_unpack(KaaValue slice, int64_t len, int64_t *start, int64_t *stop,
                         int64_t *step);
KaaValue kaa_seqiter_new(KaaValue seq);  // iteration through __getitem__ from 0
KaaValue kaa_calliter_new(KaaValue callable, KaaValue sentinel);  // iter(callable, sentinel)
// range()'s iterator when every value fits in int64 (kaa_range_iter_type); FOR_ITER may step it
// inline: while remaining > 0, yield next, then next += step (wrapping: unsigned arithmetic).
typedef struct KaaRangeIter {
    KaaObject ob;
    int64_t next;       // the value produced next
    int64_t step;
    int64_t remaining;  // values left to produce
    int64_t start;      // the first value and the full length, for __reduce__/__setstate__
    int64_t len;
} KaaRangeIter;

// ---- functions and code (function.c, code.c, method.c, cfunction.c) ---------------------------
// A code object: the compiler's output and the VM's input. co_code is a sequence of 16-bit
// units: opcode in the low byte, argument in the high byte (EXTENDED_ARG for more).
typedef struct KaaCode {
    KaaObject ob;
    int32_t argcount, posonlyargcount, kwonlyargcount;
    int32_t nlocalsplus;  // locals, then cells, then free variables
    int32_t nlocals, ncellvars, nfreevars;
    int32_t stacksize;
    int32_t flags;        // CO_* below
    int32_t firstlineno;
    KaaValue code;        // bytes: the instructions
    KaaTuple *consts;
    KaaTuple *names;
    KaaTuple *localsplusnames;
    KaaValue localspluskinds;  // bytes: CO_FAST_* per localsplus slot
    KaaValue filename, name, qualname;
    KaaValue linetable;        // bytes: see compile/assemble.c
    KaaValue exceptiontable;   // bytes: see compile/assemble.c
    // Derived when loaded, never marshalled:
    uint16_t *instrs;          // == bytes data of code, as units
    int64_t ninstrs;
    KaaValue weakreflist;
    struct KaaInlineCache *caches;  // one per LOAD_GLOBAL/LOAD_ATTR/STORE_ATTR/LOAD_METHOD
    int32_t *cache_of;              // code unit offset -> index into caches, or -1
} KaaCode;

// The VM's per-instruction cache (vm/eval.c): what an attribute or global lookup found the
// last time, valid while its guards (a type's version, dicts' keys versions) hold.
typedef struct KaaInlineCache {
    uint64_t guard;   // globals keys_version, or the type's version (0: empty)
    uint64_t guard2;  // builtins keys_version, or the kind of attribute cached
    int64_t index;    // a dict entry index, or a __slots__ value's offset
    KaaValue value;   // the cached method
    // Instance attributes: more type versions the same entry holds for (sibling classes whose
    // instances share a layout: a base class's method run on its subclasses' instances).
    uint64_t also[3];
} KaaInlineCache;

enum {
    CO_OPTIMIZED = 0x1, CO_NEWLOCALS = 0x2, CO_VARARGS = 0x4, CO_VARKEYWORDS = 0x8,
    CO_NESTED = 0x10, CO_GENERATOR = 0x20, CO_NOFREE = 0x40, CO_COROUTINE = 0x80,
    CO_ITERABLE_COROUTINE = 0x100, CO_ASYNC_GENERATOR = 0x200,
    CO_FUTURE_DIVISION = 0x20000, CO_FUTURE_ANNOTATIONS = 0x1000000,
};
enum { CO_FAST_LOCAL = 0x20, CO_FAST_CELL = 0x40, CO_FAST_FREE = 0x80 };

void kaa_code_finish(KaaCode *code);  // fills the derived fields
int kaa_code_addr2line(KaaCode *code, int offset);  // offset in code units; -1 if none
// The handler of the instruction at `offset` (code units) from the exception table.
bool kaa_code_find_handler(KaaCode *code, int offset, int *target, int *depth, bool *lasti);
// Positions of the instruction at `offset`: false when unknown.
bool kaa_code_positions(KaaCode *code, int offset, int *line, int *end_line, int *col,
                        int *end_col);

typedef struct KaaFunction {
    KaaObject ob;
    KaaCode *code;
    KaaDict *globals;
    KaaDict *builtins;
    KaaValue name, qualname, module, doc;
    KaaTuple *defaults;   // NULL when none
    KaaDict *kwdefaults;  // NULL when none
    KaaTuple *closure;    // cells, NULL when none
    KaaValue annotations; // dict or KAA_NULL
    KaaDict *dict;
    uint32_t version;     // changes when code/defaults change (call caches)
} KaaFunction;
KaaFunction *kaa_function_new(KaaCode *code, KaaDict *globals, KaaValue qualname);

typedef struct KaaCell {
    KaaObject ob;
    KaaValue value;  // KAA_NULL: empty
} KaaCell;
KaaCell *kaa_cell_new(KaaValue value);

typedef struct KaaMethod {  // a bound method: a callable with its first argument
    KaaObject ob;
    KaaValue func, self;
} KaaMethod;
KaaValue kaa_method_new(KaaValue func, KaaValue self);

// A built-in function or method bound to self ("builtin_function_or_method"), or an unbound
// method of a built-in type ("method_descriptor").
typedef struct KaaCFunction {
    KaaObject ob;
    const KaaMethodDef *def;
    KaaValue self;    // bound object, module, or KAA_NULL
    KaaType *owner;   // for descriptors: the type that defines the method
    KaaValue module;  // __module__ for module functions
} KaaCFunction;
KaaValue kaa_cfunction_new(const KaaMethodDef *def, KaaValue self, KaaValue module);

typedef struct KaaDescr {  // getset, member and wrapper descriptors
    KaaObject ob;
    KaaType *owner;
    KaaValue name;
    const void *def;  // KaaGetSetDef, KaaMemberDef or the slot wrapper's data
    size_t offset;    // member descriptors of __slots__
} KaaDescr;

typedef struct KaaProperty {
    KaaObject ob;
    KaaValue fget, fset, fdel, doc, name;
} KaaProperty;
typedef struct KaaStaticMethod {  // staticmethod and classmethod
    KaaObject ob;
    KaaValue func;
    KaaDict *dict;
} KaaStaticMethod;

// ---- modules (module.c) -----------------------------------------------------------------------
typedef struct KaaModule {
    KaaObject ob;
    KaaDict *dict;
    bool builtin;  // made by the built-in module registry (its repr says "(built-in)")
} KaaModule;
KaaValue kaa_module_new(KaaValue name);
KaaValue kaa_module_new_cstr(const char *name);
void kaa_module_add(KaaValue module, const char *name, KaaValue value);
void kaa_module_add_methods(KaaValue module, const KaaMethodDef *defs);

// ---- exceptions (exc.c) -----------------------------------------------------------------------
typedef struct KaaException {
    KaaObject ob;
    KaaValue dict;
    KaaValue args;        // tuple
    KaaValue traceback;   // traceback or KAA_NULL
    KaaValue cause, context;  // KAA_NULL when None
    KaaValue notes;
    bool suppress_context;
} KaaException;
static inline KaaException *kaa_exc(KaaValue v) { return (KaaException *)kaa_obj(v); }
#define EXC(name, base) extern KaaType *kaa_##name;
#include "objects/exceptions.def"
#undef EXC
KaaValue kaa_exc_new(KaaType *type, KaaValue *args, size_t nargs);
KaaValue kaa_exc_new_msg(KaaType *type, KaaValue msg);
bool kaa_is_exception(KaaValue v);
bool kaa_is_exception_class(KaaValue v);
KaaValue kaa_exc_attr(KaaValue exc, const char *name);  // KAA_NULL when absent
void kaa_exc_set_attr(KaaValue exc, const char *name, KaaValue value);
KaaType *kaa_os_error_subclass(int err);  // OSError(errno, ...) picks its subclass by errno

// A traceback entry, built as an exception leaves a frame.
typedef struct KaaTraceback {
    KaaObject ob;
    KaaValue next;   // traceback or KAA_NULL
    KaaValue frame;  // frame object
    int lasti;       // offset of the instruction, in code units
    int lineno;      // 0 until kaa_traceback_lineno computes it
} KaaTraceback;
int kaa_traceback_lineno(KaaTraceback *tb);  // tb_lineno

// ---- the protocols (abstract.c) ---------------------------------------------------------------
KaaValue kaa_getattr(KaaValue obj, KaaValue name);      // raises AttributeError
KaaValue kaa_getattr_opt(KaaValue obj, KaaValue name);  // KAA_NULL when absent (or AttributeError)
KaaValue kaa_getattr_cstr(KaaValue obj, const char *name);
void kaa_setattr(KaaValue obj, KaaValue name, KaaValue value);
void kaa_delattr(KaaValue obj, KaaValue name);
bool kaa_hasattr(KaaValue obj, KaaValue name);
// object.__getattribute__ / __setattr__ for instances and everything without its own.
KaaValue kaa_generic_getattr(KaaValue obj, KaaValue name);
void kaa_generic_setattr(KaaValue obj, KaaValue name, KaaValue value);
// A special method looked up on the type (not the instance), bound to obj, or KAA_NULL.
KaaValue kaa_lookup_special(KaaValue obj, KaaValue name);
// Calls the special method `name` of type(self) with self and args, without making a bound
// method; KAA_NULL when the type has no such attribute.
KaaValue kaa_call_special(KaaValue self, KaaValue name, KaaValue *args, size_t nargs);
// Recursion guards for repr of containers: true when obj is already being repr'd.
bool kaa_repr_enter(KaaValue obj);
void kaa_repr_leave(KaaValue obj);

KaaValue kaa_call(KaaValue callable, KaaValue *args, size_t nargs, KaaTuple *kwnames);
KaaValue kaa_call0(KaaValue callable);
KaaValue kaa_call1(KaaValue callable, KaaValue a);
KaaValue kaa_call2(KaaValue callable, KaaValue a, KaaValue b);
KaaValue kaa_call_method(KaaValue obj, KaaValue name, KaaValue *args, size_t nargs);
// f(*args, **kwargs) with a tuple and a dict (either may be NULL).
KaaValue kaa_call_tuple_dict(KaaValue callable, KaaTuple *args, KaaDict *kwargs);
bool kaa_callable(KaaValue v);

KaaValue kaa_binary_op(KaaValue a, KaaValue b, int op);
KaaValue kaa_inplace_op(KaaValue a, KaaValue b, int op);
KaaValue kaa_power3(KaaValue a, KaaValue b, KaaValue mod);
KaaValue kaa_neg(KaaValue v);
KaaValue kaa_pos(KaaValue v);
KaaValue kaa_invert(KaaValue v);
KaaValue kaa_abs(KaaValue v);
extern const char *const kaa_binop_symbols[KAA_BINOP_COUNT];  // "+", "&", "//", ...

KaaValue kaa_richcompare(KaaValue a, KaaValue b, int op);
bool kaa_richcompare_bool(KaaValue a, KaaValue b, int op);
bool kaa_eq(KaaValue a, KaaValue b);  // identity first, as containers compare
bool kaa_truthy(KaaValue v);
int64_t kaa_hash(KaaValue v);  // raises TypeError for unhashable values

KaaValue kaa_repr(KaaValue v);
KaaValue kaa_to_str(KaaValue v);  // str(v)
KaaValue kaa_ascii(KaaValue v);

KaaValue kaa_iter(KaaValue v);
KaaValue kaa_next(KaaValue it);  // KAA_NULL when exhausted
int64_t kaa_len(KaaValue v);
KaaValue kaa_getitem(KaaValue obj, KaaValue key);
void kaa_setitem(KaaValue obj, KaaValue key, KaaValue value);
void kaa_delitem(KaaValue obj, KaaValue key);
bool kaa_contains(KaaValue container, KaaValue item);
bool kaa_isinstance(KaaValue obj, KaaValue cls);  // the full protocol (__instancecheck__)
bool kaa_issubclass(KaaValue cls, KaaValue base);
KaaValue kaa_number_int(KaaValue v);    // int(v)
KaaValue kaa_number_float(KaaValue v);  // float(v)
// Unpacks an iterable into exactly n values (or raises like the UNPACK_SEQUENCE opcode).
void kaa_unpack(KaaValue iterable, size_t n, KaaValue *out);
KaaValue kaa_sequence_list(KaaValue iterable);  // list(iterable)
// operator.length_hint(obj, dflt): len(obj), else obj.__length_hint__() (checked), else dflt.
int64_t kaa_length_hint(KaaValue obj, int64_t dflt);
// Raises what `a + b` / `a * b` raise for sequences once both operands declined (CPython's
// sq_concat and sq_repeat messages); returns when neither is such a sequence.
void kaa_sequence_op_failed(KaaValue a, KaaValue b, int op);
// type(v)'s name as CPython's messages give it (tp_name): the dotted name of a built-in type
// of a module ("array.array"), the __name__ of a class.
const char *kaa_type_name_of(KaaValue v);
// The same, but "None" for None: how CPython's argument checks name a wrong argument
// ("decode() argument 'encoding' must be str, not None").
const char *kaa_argtype_name(KaaValue v);
// object.__reduce_ex__, __reduce__ and __getstate__ (reduce.c): copy and pickle support.
KaaValue kaa_object_reduce_ex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_object_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_object_getstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);

// Argument checking for C functions: `name` is the function's name for messages.
void kaa_args_no_kw(const char *name, KaaTuple *kwnames);
void kaa_args_count(const char *name, size_t nargs, size_t min, size_t max);
// Binds args/kwnames to the parameters listed in `params` (a NULL-terminated array of names;
// the first `npos_only` are positional-only, and names after a "*" entry are keyword-only).
// out[i] receives each parameter's value or KAA_NULL when not given; at least `required`
// parameters must be given.
void kaa_args_bind(const char *name, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                   const char *const *params, size_t npos_only, size_t required, KaaValue *out);

// ---- output and startup -------------------------------------------------------------------------
void kaa_objects_init(void);  // readies every built-in type; called once at start
// Start-up steps kaa_objects_init runs, in this order, before readying the types.
void kaa_int_init(void);         // int.c: True/False
void kaa_containers_init(void);  // tuple.c etc.: the empty tuple and other shared objects
void kaa_exc_init(void);         // exc.c: the exception classes (after the types)
// print() to sys.stdout-like objects: writes str(v) through the object's write method.
void kaa_file_write_str(KaaValue file, KaaValue s);

#endif
