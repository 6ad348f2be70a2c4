// pyc/marshal.c — CPython's marshal format (version 4), with kaa's own code-object record.
//
// Stage: pyc. Writes scalars exactly as CPython 3.11 does; decides FLAG_REF by a fixed rule
// (always-shared kinds, set members, and objects reached more than once), so its output is
// deterministic. Reads anything CPython writes except CPython code objects, and treats its
// input as hostile: every length is checked against the bytes left before anything is
// allocated, nesting is bounded, and a loaded code object is verified before the VM sees it.
#include <math.h>
#include <string.h>

#include "compile/opcodes.h"
#include "pyc/pyc.h"

#define FLAG_REF 0x80
#define MAX_DEPTH 2000

// ---- writing ----------------------------------------------------------------------------------

typedef struct Writer {
    uint8_t *data;
    size_t len, cap;
    int version;
    int depth;
    KaaDict *seen;    // value -> times reachable (first pass) / ref index (second pass)
    KaaDict *refs;    // value -> index, for objects already written with FLAG_REF
    int nrefs;
    bool counting;
    bool force_ref;   // the next object is a set element: always flagged (spec B19)
} Writer;

static void w_byte(Writer *w, uint8_t b) {
    if (w->counting) {
        return;
    }
    if (w->len == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        uint8_t *d = kaa_alloc_atomic(w->cap);
        if (w->len) {
            memcpy(d, w->data, w->len);
        }
        w->data = d;
    }
    w->data[w->len++] = b;
}

static void w_bytes(Writer *w, const void *p, size_t n) {
    for (size_t i = 0; i < n && !w->counting; i++) {
        w_byte(w, ((const uint8_t *)p)[i]);
    }
}

static void w_int32(Writer *w, int64_t v) {
    uint32_t u = (uint32_t)v;
    for (int i = 0; i < 4; i++) {
        w_byte(w, (uint8_t)(u >> (8 * i)));
    }
}

static KAA_NORETURN void unmarshallable(void) {
    kaa_raise_value_error("unmarshallable object");
}

static void w_object(Writer *w, KaaValue v);

static bool is_singleton(KaaValue v) {
    return v == kaa_None || v == kaa_True || v == kaa_False || v == kaa_Ellipsis ||
           v == kaa_from_obj(kaa_StopIteration);
}

// Objects CPython always shares, so they always carry FLAG_REF (spec B19).
static bool always_shared(KaaValue v) {
    if (kaa_is_int(v)) {
        int64_t i = kaa_int_val(v);
        return i >= -5 && i <= 256;
    }
    if (kaa_is_type(v, &kaa_str_type)) {
        KaaStr *s = kaa_str(v);
        return s->interned || s->len == 0 || (s->len == 1 && kaa_str_char(s, 0) < 256);
    }
    if (kaa_is_type(v, &kaa_bytes_type)) {
        return kaa_bytes(v)->len <= 1;
    }
    if (kaa_is_type(v, &kaa_tuple_type)) {
        return kaa_tuple(v)->len == 0;
    }
    return false;
}

static void w_long(Writer *w, KaaValue v) {
    int64_t i;
    if (kaa_int_to_i64(v, &i) && i >= INT32_MIN && i <= INT32_MAX) {
        w_byte(w, 'i');
        w_int32(w, i);
        return;
    }
    mpz_t z, digit;
    mpz_init(z);
    mpz_init(digit);
    kaa_int_to_mpz(v, z);
    int sign = mpz_sgn(z);
    mpz_abs(z, z);
    size_t ndigits = (mpz_sizeinbase(z, 2) + 14) / 15;
    w_byte(w, 'l');
    w_int32(w, sign < 0 ? -(int64_t)ndigits : (int64_t)ndigits);
    for (size_t k = 0; k < ndigits; k++) {
        mpz_fdiv_r_2exp(digit, z, 15);
        unsigned long d = mpz_get_ui(digit);
        w_byte(w, (uint8_t)(d & 0xFF));
        w_byte(w, (uint8_t)(d >> 8));
        mpz_fdiv_q_2exp(z, z, 15);
    }
}

static void w_double(Writer *w, double d) {
    uint8_t b[8];
    memcpy(b, &d, 8);
    w_bytes(w, b, 8);
}

static void w_str(Writer *w, KaaValue v, uint8_t flag) {
    KaaStr *s = kaa_str(v);
    if (s->ascii && w->version >= 4) {
        if (s->len < 256) {
            w_byte(w, (uint8_t)((s->interned ? 'Z' : 'z') | flag));
            w_byte(w, (uint8_t)s->len);
        } else {
            w_byte(w, (uint8_t)((s->interned ? 'A' : 'a') | flag));
            w_int32(w, (int64_t)s->len);
        }
        w_bytes(w, s->data, s->len);
        return;
    }
    size_t n;
    const char *u = kaa_str_utf8_sp(v, &n);
    w_byte(w, (uint8_t)((s->interned && w->version >= 3 ? 't' : 'u') | flag));
    w_int32(w, (int64_t)n);
    w_bytes(w, u, n);
}

static void w_seq(Writer *w, KaaValue *items, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        w_object(w, items[i]);
    }
}

static void w_code(Writer *w, KaaCode *c) {
    w_int32(w, c->argcount);
    w_int32(w, c->posonlyargcount);
    w_int32(w, c->kwonlyargcount);
    w_int32(w, c->stacksize);
    w_int32(w, c->flags);
    w_int32(w, c->firstlineno);
    w_int32(w, c->nlocalsplus);
    w_object(w, c->code);
    w_object(w, kaa_from_obj(c->consts));
    w_object(w, kaa_from_obj(c->names));
    w_object(w, kaa_from_obj(c->localsplusnames));
    w_object(w, c->localspluskinds);
    w_object(w, c->filename);
    w_object(w, c->name);
    w_object(w, c->qualname);
    w_object(w, c->linetable);
    w_object(w, c->exceptiontable);
}

static KaaValue dumps_impl(KaaValue value, int version, bool flag_top);

// Sets and frozensets are written sorted by each element's own encoding (spec B17); elements
// are always flagged, in that encoding too (CPython's sort holds a reference to each).
static void w_set(Writer *w, KaaSet *s) {
    KaaList *encs = kaa_list_new(0), *items = kaa_list_new(0);
    int64_t pos = 0;
    KaaValue key;
    while (kaa_set_next(s, &pos, &key)) {
        kaa_list_append(items, key);
        kaa_list_append(encs, kaa_from_obj(kaa_tuple_pack(2, dumps_impl(key, w->version, true),
                                                          kaa_from_small(items->len - 1))));
    }
    kaa_list_sort(encs, KAA_NULL, false);
    w_int32(w, items->len);
    for (int64_t i = 0; i < encs->len; i++) {
        int64_t idx = kaa_int_val(kaa_tuple(encs->items[i])->items[1]);
        w->force_ref = true;
        w_object(w, items->items[idx]);
    }
}

// The identity key of a value for reference tracking: heap objects by address, immediates
// by their encoding (both unique while the dump runs).
static KaaValue id_key(KaaValue v) { return kaa_int_from_u64(v); }

// Handles references for v: returns true when v was written as a back-reference ('r');
// otherwise *flag says whether its type byte carries FLAG_REF. The first pass only counts.
static bool w_ref(Writer *w, KaaValue v, uint8_t *flag) {
    *flag = 0;
    bool force = w->force_ref;
    w->force_ref = false;
    if (w->version < 3 || is_singleton(v)) {
        return false;
    }
    KaaValue key = id_key(v);
    if (w->counting) {
        KaaValue n = kaa_dict_get(w->seen, key);
        int64_t k = n == KAA_NULL ? 0 : kaa_int_val(n);
        kaa_dict_set(w->seen, key, kaa_from_small(k + 1));
        return k > 0;  // an object's children are counted once
    }
    KaaValue idx = kaa_dict_get(w->refs, key);
    if (idx != KAA_NULL) {
        w_byte(w, 'r');
        w_int32(w, kaa_int_val(idx));
        return true;
    }
    KaaValue n = kaa_dict_get(w->seen, key);
    if (force || always_shared(v) || (n != KAA_NULL && kaa_int_val(n) > 1)) {
        kaa_dict_set(w->refs, key, kaa_from_small(w->nrefs++));
        *flag = FLAG_REF;
    }
    return false;
}

static void w_object(Writer *w, KaaValue v) {
    if (++w->depth > MAX_DEPTH) {
        kaa_raise_value_error("object too deeply nested to marshal");
    }
    if (v == kaa_None) {
        w_byte(w, 'N');
    } else if (v == kaa_True) {
        w_byte(w, 'T');
    } else if (v == kaa_False) {
        w_byte(w, 'F');
    } else if (v == kaa_Ellipsis) {
        w_byte(w, '.');
    } else if (v == kaa_from_obj(kaa_StopIteration)) {
        w_byte(w, 'S');
    } else {
        uint8_t flag;
        bool is_ref = w_ref(w, v, &flag);
        if (!is_ref) {
            KaaType *t = kaa_type_of(v);
            if (t == &kaa_int_type) {
                size_t mark = w->len;
                w_long(w, v);
                if (!w->counting) {
                    w->data[mark] |= flag;
                }
            } else if (t == &kaa_float_type) {
                w_byte(w, (uint8_t)('g' | flag));
                w_double(w, kaa_float_val(v));
            } else if (t == &kaa_complex_type) {
                w_byte(w, (uint8_t)('y' | flag));
                w_double(w, ((KaaComplex *)kaa_obj(v))->real);
                w_double(w, ((KaaComplex *)kaa_obj(v))->imag);
            } else if (t == &kaa_str_type) {
                w_str(w, v, flag);
            } else if (t == &kaa_bytes_type || t == &kaa_bytearray_type ||
                       t == &kaa_memoryview_type || kaa_is_bytes(v)) {
                const uint8_t *data;
                size_t len;
                if (!kaa_buffer_get(v, &data, &len)) {
                    unmarshallable();
                }
                w_byte(w, (uint8_t)('s' | flag));
                w_int32(w, (int64_t)len);
                w_bytes(w, data, len);
            } else if (t == &kaa_tuple_type) {
                KaaTuple *tu = kaa_tuple(v);
                if (tu->len < 256 && w->version >= 4) {
                    w_byte(w, (uint8_t)(')' | flag));
                    w_byte(w, (uint8_t)tu->len);
                } else {
                    w_byte(w, (uint8_t)('(' | flag));
                    w_int32(w, tu->len);
                }
                w_seq(w, tu->items, tu->len);
            } else if (t == &kaa_list_type) {
                w_byte(w, (uint8_t)('[' | flag));
                w_int32(w, kaa_list(v)->len);
                w_seq(w, kaa_list(v)->items, kaa_list(v)->len);
            } else if (t == &kaa_dict_type) {
                w_byte(w, (uint8_t)('{' | flag));
                int64_t pos = 0;
                KaaValue k, val;
                while (kaa_dict_next(kaa_dict(v), &pos, &k, &val)) {
                    w_object(w, k);
                    w_object(w, val);
                }
                w_byte(w, '0');
            } else if (t == &kaa_set_type || t == &kaa_frozenset_type) {
                w_byte(w, (uint8_t)((t == &kaa_set_type ? '<' : '>') | flag));
                w_set(w, (KaaSet *)kaa_obj(v));
            } else if (t == &kaa_code_type) {
                w_byte(w, (uint8_t)('c' | flag));
                w_code(w, (KaaCode *)kaa_obj(v));
            } else {
                unmarshallable();
            }
        }
    }
    w->depth--;
}

static KaaValue dumps_impl(KaaValue value, int version, bool flag_top) {
    Writer w = {0};
    w.version = version < 0 ? 0 : version > 4 ? 4 : version;
    w.seen = kaa_dict_new();
    w.refs = kaa_dict_new();
    if (w.version >= 3) {
        w.counting = true;
        w_object(&w, value);
        w.counting = false;
        w.depth = 0;
    }
    w.force_ref = flag_top;
    w_object(&w, value);
    return kaa_bytes_new(w.data, w.len);
}

KaaValue kaa_marshal_dumps(KaaValue value, int version) {
    return dumps_impl(value, version, false);
}

// ---- reading ----------------------------------------------------------------------------------

typedef struct Reader {
    const uint8_t *p, *end, *start;
    KaaList *refs;
    int depth;
} Reader;

static KAA_NORETURN void bad(const char *what) {
    kaa_raise_value_error("bad marshal data (%s)", what);
}

static KAA_NORETURN void eof(void) {
    kaa_raise_msg(kaa_EOFError, "marshal data too short");
}

static uint8_t r_byte(Reader *r) {
    if (r->p >= r->end) {
        eof();
    }
    return *r->p++;
}

static int32_t r_int32(Reader *r) {
    if (r->end - r->p < 4) {
        eof();
    }
    uint32_t u = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
                 (uint32_t)r->p[3] << 24;
    r->p += 4;
    return (int32_t)u;
}

static const uint8_t *r_take(Reader *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) {
        eof();
    }
    const uint8_t *s = r->p;
    r->p += n;
    return s;
}

static size_t r_size(Reader *r, const char *what, size_t unit) {
    int32_t n = r_int32(r);
    if (n < 0) {
        bad(what);
    }
    // A length the remaining bytes cannot hold is rejected before anything is allocated.
    if ((size_t)n * unit > (size_t)(r->end - r->p)) {
        eof();
    }
    return (size_t)n;
}

static KaaValue r_object(Reader *r);

static KaaValue r_required(Reader *r, const char *what) {
    KaaValue v = r_object(r);
    if (v == KAA_NULL) {
        kaa_raise_type_error("NULL object in marshal data for %s", what);
    }
    return v;
}

static int64_t reserve_ref(Reader *r, bool flag) {
    if (!flag) {
        return -1;
    }
    kaa_list_append(r->refs, KAA_NULL);
    return r->refs->len - 1;
}

static KaaValue set_ref(Reader *r, int64_t idx, KaaValue v) {
    if (idx >= 0) {
        r->refs->items[idx] = v;
    }
    return v;
}

static KaaValue r_long(Reader *r) {
    int32_t n = r_int32(r);
    if (n == INT32_MIN) {
        bad("long size out of range");
    }
    size_t nd = (size_t)(n < 0 ? -n : n);
    if (nd * 2 > (size_t)(r->end - r->p)) {
        eof();
    }
    mpz_t z;
    mpz_init(z);
    for (size_t i = 0; i < nd; i++) {
        unsigned d = (unsigned)r->p[2 * (nd - 1 - i)] | (unsigned)r->p[2 * (nd - 1 - i) + 1] << 8;
        if (d > 0x7FFF) {
            bad("digit out of range in long");
        }
        if (i == 0 && d == 0) {
            bad("unnormalized long data");
        }
        mpz_mul_2exp(z, z, 15);
        mpz_add_ui(z, z, d);
    }
    r->p += 2 * nd;
    if (n < 0) {
        mpz_neg(z, z);
    }
    return kaa_int_from_mpz(z);
}

static double r_double(Reader *r) {
    double d;
    memcpy(&d, r_take(r, 8), 8);
    return d;
}

static KaaValue r_str(Reader *r, size_t n, bool ascii, bool interned) {
    const uint8_t *p = r_take(r, n);
    KaaValue s = ascii ? kaa_str_from_latin1(p, n) : kaa_str_from_utf8_sp((const char *)p, n);
    return interned ? kaa_str_intern(s) : s;
}

static KaaValue r_text_float(Reader *r) {
    uint8_t n = r_byte(r);
    const uint8_t *p = r_take(r, n);
    char buf[257];
    memcpy(buf, p, n);
    buf[n] = 0;
    return kaa_number_float(kaa_str_from_ascii(buf, n));
}

static KaaCode *r_code(Reader *r);

static KaaValue r_container(Reader *r, uint8_t type, bool flag) {
    switch (type) {
    case '(': case ')': {
        size_t n = type == ')' ? r_byte(r) : r_size(r, "tuple size out of range", 1);
        if (n > (size_t)(r->end - r->p)) {
            eof();
        }
        KaaTuple *t = kaa_tuple_new(n);
        int64_t idx = reserve_ref(r, flag);
        set_ref(r, idx, kaa_from_obj(t));
        for (size_t i = 0; i < n; i++) {
            t->items[i] = r_required(r, "tuple");
        }
        return n == 0 ? kaa_from_obj(kaa_empty_tuple) : kaa_from_obj(t);
    }
    case '[': {
        size_t n = r_size(r, "list size out of range", 1);
        KaaList *l = kaa_list_new(n);
        set_ref(r, reserve_ref(r, flag), kaa_from_obj(l));
        for (size_t i = 0; i < n; i++) {
            l->items[i] = r_required(r, "list");
        }
        return kaa_from_obj(l);
    }
    case '{': {
        KaaDict *d = kaa_dict_new();
        set_ref(r, reserve_ref(r, flag), kaa_from_obj(d));
        for (;;) {
            KaaValue k = r_object(r);
            if (k == KAA_NULL) {
                break;
            }
            KaaValue v = r_object(r);
            if (v == KAA_NULL) {
                break;
            }
            kaa_dict_set(d, k, v);
        }
        return kaa_from_obj(d);
    }
    case '<': case '>': {
        size_t n = r_size(r, "set size out of range", 1);
        KaaSet *s = kaa_set_new(type == '<' ? &kaa_set_type : &kaa_frozenset_type);
        int64_t idx = reserve_ref(r, flag);
        if (type == '<') {
            set_ref(r, idx, kaa_from_obj(s));
        }
        for (size_t i = 0; i < n; i++) {
            kaa_set_add(s, r_required(r, "set"));
        }
        return set_ref(r, idx, kaa_from_obj(s));
    }
    case 'c': {
        int64_t idx = reserve_ref(r, flag);
        return set_ref(r, idx, kaa_from_obj(r_code(r)));
    }
    default:
        bad("unknown type code");
    }
}

static KaaValue r_object(Reader *r) {
    if (++r->depth > MAX_DEPTH) {
        r->depth--;
        kaa_raise_value_error("recursion limit exceeded");
    }
    if (r->p >= r->end) {
        kaa_raise_msg(kaa_EOFError, "EOF read where object expected");
    }
    uint8_t code = r_byte(r);
    bool flag = (code & FLAG_REF) != 0;
    uint8_t type = code & 0x7F;
    KaaValue v;
    switch (type) {
    case '0': v = KAA_NULL; break;
    case 'N': v = kaa_None; break;
    case 'T': v = kaa_True; break;
    case 'F': v = kaa_False; break;
    case '.': v = kaa_Ellipsis; break;
    case 'S': v = kaa_from_obj(kaa_StopIteration); break;
    case 'i': v = set_ref(r, reserve_ref(r, flag), kaa_from_small(r_int32(r))); break;
    case 'I': {
        const uint8_t *p = r_take(r, 8);
        int64_t x;
        memcpy(&x, p, 8);
        v = set_ref(r, reserve_ref(r, flag), kaa_int_from_i64(x));
        break;
    }
    case 'l': {
        int64_t idx = reserve_ref(r, flag);
        v = set_ref(r, idx, r_long(r));
        break;
    }
    case 'g': v = set_ref(r, reserve_ref(r, flag), kaa_from_float(r_double(r))); break;
    case 'f': {
        int64_t idx = reserve_ref(r, flag);
        v = set_ref(r, idx, r_text_float(r));
        break;
    }
    case 'y': {
        int64_t idx = reserve_ref(r, flag);
        double re = r_double(r), im = r_double(r);
        v = set_ref(r, idx, kaa_complex_new(re, im));
        break;
    }
    case 'x': {
        int64_t idx = reserve_ref(r, flag);
        KaaValue re = r_text_float(r), im = r_text_float(r);
        v = set_ref(r, idx, kaa_complex_new(kaa_float_val(re), kaa_float_val(im)));
        break;
    }
    case 's': {
        size_t n = r_size(r, "bytes object size out of range", 1);
        v = set_ref(r, reserve_ref(r, flag), kaa_bytes_new(r_take(r, n), n));
        break;
    }
    case 'z': case 'Z': {
        size_t n = r_byte(r);
        v = set_ref(r, reserve_ref(r, flag), r_str(r, n, true, type == 'Z'));
        break;
    }
    case 'a': case 'A': {
        size_t n = r_size(r, "string size out of range", 1);
        v = set_ref(r, reserve_ref(r, flag), r_str(r, n, true, type == 'A'));
        break;
    }
    case 'u': case 't': {
        size_t n = r_size(r, "string size out of range", 1);
        v = set_ref(r, reserve_ref(r, flag), r_str(r, n, false, type == 't'));
        break;
    }
    case 'r': {
        int32_t i = r_int32(r);
        if (i < 0 || i >= r->refs->len || r->refs->items[i] == KAA_NULL) {
            bad("invalid reference");
        }
        v = r->refs->items[i];
        break;
    }
    default:
        v = r_container(r, type, flag);
        break;
    }
    r->depth--;
    return v;
}

// ---- code objects -----------------------------------------------------------------------------

static KaaValue r_typed(Reader *r, KaaType *type, const char *what) {
    KaaValue v = r_required(r, "object");
    if (!kaa_is_type(v, type)) {
        bad(what);
    }
    return v;
}

static void check_names(KaaTuple *t, const char *what) {
    for (int64_t i = 0; i < t->len; i++) {
        if (!kaa_is_type(t->items[i], &kaa_str_type)) {
            bad(what);
        }
        t->items[i] = kaa_str_intern(t->items[i]);
    }
}

// The VM trusts code objects, so a loaded one must not be able to read outside its tables.
static void verify_code(KaaCode *c) {
    KaaBytes *b = kaa_bytes(c->code);
    if (b->len % 2 != 0 || b->len == 0) {
        bad("code size");
    }
    const uint16_t *units = (const uint16_t *)b->data;
    int64_t n = (int64_t)(b->len / 2);
    int ext = 0;
    for (int64_t i = 0; i < n; i++) {
        int op = units[i] & 0xFF;
        int arg = (ext << 8) | (units[i] >> 8);
        if (op >= OP_COUNT) {
            bad("unknown opcode");
        }
        if (op == OP_EXTENDED_ARG) {
            ext = arg;
            continue;
        }
        ext = 0;
        switch (kaa_opcode_arg_kinds[op]) {
        case ARG_CONST: if (arg >= c->consts->len) bad("constant index"); break;
        case ARG_NAME: if (arg >= c->names->len) bad("name index"); break;
        case ARG_GLOBAL: if ((arg >> 1) >= c->names->len) bad("name index"); break;
        case ARG_LOCAL: case ARG_FREE: if (arg >= c->nlocalsplus) bad("local index"); break;
        case ARG_JFWD: if (i + 1 + arg > n) bad("jump target"); break;
        case ARG_JBACK: if (i + 1 - arg < 0) bad("jump target"); break;
        case ARG_CMP: if (arg > KAA_GE) bad("comparison"); break;
        case ARG_BINOP: if (arg >= 2 * KAA_BINARY_OP_COUNT) bad("operator"); break;
        default: break;
        }
    }
    if ((units[n - 1] & 0xFF) != OP_RETURN_VALUE && (units[n - 1] & 0xFF) != OP_RERAISE &&
        (units[n - 1] & 0xFF) != OP_RAISE_VARARGS && (units[n - 1] & 0xFF) != OP_JUMP_BACKWARD &&
        (units[n - 1] & 0xFF) != OP_JUMP_FORWARD) {
        bad("code does not end with a return or jump");
    }
}

static KaaCode *r_code(Reader *r) {
    KaaCode *c = kaa_alloc(sizeof *c);
    c->argcount = r_int32(r);
    c->posonlyargcount = r_int32(r);
    c->kwonlyargcount = r_int32(r);
    c->stacksize = r_int32(r);
    c->flags = r_int32(r);
    c->firstlineno = r_int32(r);
    c->nlocalsplus = r_int32(r);
    if (c->argcount < 0 || c->posonlyargcount < 0 || c->kwonlyargcount < 0 ||
        c->stacksize < 0 || c->stacksize > (1 << 24) || c->nlocalsplus < 0 ||
        c->nlocalsplus > (1 << 24) || c->posonlyargcount > c->argcount) {
        bad("code header");
    }
    c->code = r_typed(r, &kaa_bytes_type, "code: co_code");
    c->consts = kaa_tuple(r_typed(r, &kaa_tuple_type, "code: co_consts"));
    c->names = kaa_tuple(r_typed(r, &kaa_tuple_type, "code: co_names"));
    c->localsplusnames = kaa_tuple(r_typed(r, &kaa_tuple_type, "code: localsplusnames"));
    c->localspluskinds = r_typed(r, &kaa_bytes_type, "code: localspluskinds");
    c->filename = r_typed(r, &kaa_str_type, "code: co_filename");
    c->name = r_typed(r, &kaa_str_type, "code: co_name");
    c->qualname = r_typed(r, &kaa_str_type, "code: co_qualname");
    c->linetable = r_typed(r, &kaa_bytes_type, "code: co_linetable");
    c->exceptiontable = r_typed(r, &kaa_bytes_type, "code: co_exceptiontable");
    check_names(c->names, "code: co_names");
    check_names(c->localsplusnames, "code: localsplusnames");
    if (c->localsplusnames->len != c->nlocalsplus ||
        (int64_t)kaa_bytes(c->localspluskinds)->len != c->nlocalsplus ||
        c->argcount + c->kwonlyargcount + ((c->flags & CO_VARARGS) != 0) +
                ((c->flags & CO_VARKEYWORDS) != 0) > c->nlocalsplus) {
        bad("code: locals");
    }
    verify_code(c);
    kaa_code_finish(c);
    return c;
}

KaaValue kaa_marshal_loads(const uint8_t *data, size_t len, size_t *consumed) {
    Reader r = {data, data + len, data, kaa_list_new(0), 0};
    KaaValue v = r_object(&r);
    if (v == KAA_NULL) {
        kaa_raise_type_error("NULL object in marshal data for object");
    }
    if (consumed != NULL) {
        *consumed = (size_t)(r.p - r.start);
    }
    return v;
}
