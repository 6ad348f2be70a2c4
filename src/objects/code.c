// objects/code.c — code objects: the compiler's output, the VM's input, marshal's payload.
//
// Stage: objects. Owns the decoding of the two tables the assembler (compile/assemble.c)
// encodes: the location table (co_positions / co_lines, for tracebacks and dis) and the
// exception table (zero-cost try). Both formats are described where they are decoded, here.
#include <string.h>

#include "compile/opcodes.h"
#include "objects/objects.h"

static KaaCode *code_of(KaaValue v) { return (KaaCode *)kaa_obj(v); }

// Numbers the instructions that get an inline cache (vm/eval.c uses them).
static void make_caches(KaaCode *code) {
    int64_t n = code->ninstrs, count = 0;
    code->cache_of = kaa_alloc_atomic((size_t)(n + 1) * sizeof(int32_t));
    for (int64_t i = 0; i < n; i++) {
        int op = code->instrs[i] & 0xFF;
        code->cache_of[i] = kaa_opcode_has_cache(op) ? (int32_t)count++ : -1;
    }
    code->caches = kaa_alloc((size_t)(count ? count : 1) * sizeof(KaaInlineCache));
}

void kaa_code_finish(KaaCode *code) {
    code->ob.type = &kaa_code_type;
    KaaBytes *b = kaa_bytes(code->code);
    code->instrs = (uint16_t *)b->data;
    code->ninstrs = (int64_t)(b->len / 2);
    make_caches(code);
    const uint8_t *kinds = kaa_bytes(code->localspluskinds)->data;
    code->nlocals = code->ncellvars = code->nfreevars = 0;
    for (int32_t i = 0; i < code->nlocalsplus; i++) {
        code->nlocals += (kinds[i] & CO_FAST_LOCAL) != 0;
        code->ncellvars += (kinds[i] & CO_FAST_CELL) != 0;
        code->nfreevars += (kinds[i] & CO_FAST_FREE) != 0;
    }
}

// ---- the location table -----------------------------------------------------------------------
// A sequence of entries, each covering a run of code units:
//   byte 0: bits 0..6 = number of code units (1..127); bit 7 set = no location (nothing follows)
//   svarint: start line minus the previous entry's start line (the first from co_firstlineno)
//   uvarint: end line minus start line
//   uvarint: start column + 1 (0 = unknown)
//   uvarint: end column + 1 (0 = unknown)
// varints are little-endian groups of 7 bits with the high bit meaning "more"; svarints are
// zigzag-encoded. Columns are UTF-8 byte offsets, as in CPython.

typedef struct {
    const uint8_t *p, *end;
    int line;        // start line of the current entry
    int start, stop; // code units covered: [start, stop)
    int end_line, col, end_col;
    bool has_loc;
} LocIter;

static uint64_t read_uvarint(const uint8_t **pp, const uint8_t *end) {
    uint64_t v = 0;
    int shift = 0;
    while (*pp < end) {
        uint8_t b = *(*pp)++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
            break;
        }
        shift += 7;
    }
    return v;
}

static int64_t read_svarint(const uint8_t **pp, const uint8_t *end) {
    uint64_t u = read_uvarint(pp, end);
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

static void loc_init(LocIter *it, KaaCode *code) {
    KaaBytes *t = kaa_bytes(code->linetable);
    it->p = t->data;
    it->end = t->data + t->len;
    it->line = code->firstlineno;
    it->stop = 0;
}

static bool loc_next(LocIter *it) {
    if (it->p >= it->end) {
        return false;
    }
    uint8_t head = *it->p++;
    it->start = it->stop;
    it->stop = it->start + (head & 0x7F);
    it->has_loc = (head & 0x80) == 0;
    if (it->has_loc) {
        it->line += (int)read_svarint(&it->p, it->end);
        it->end_line = it->line + (int)read_uvarint(&it->p, it->end);
        it->col = (int)read_uvarint(&it->p, it->end) - 1;
        it->end_col = (int)read_uvarint(&it->p, it->end) - 1;
    }
    return true;
}

bool kaa_code_positions(KaaCode *code, int offset, int *line, int *end_line, int *col,
                        int *end_col) {
    LocIter it;
    loc_init(&it, code);
    while (loc_next(&it)) {
        if (offset >= it.start && offset < it.stop) {
            if (!it.has_loc) {
                return false;
            }
            *line = it.line;
            *end_line = it.end_line;
            *col = it.col;
            *end_col = it.end_col;
            return true;
        }
    }
    return false;
}

int kaa_code_addr2line(KaaCode *code, int offset) {
    int line, end_line, col, end_col;
    if (kaa_code_positions(code, offset, &line, &end_line, &col, &end_col)) {
        return line;
    }
    return -1;
}

// ---- the exception table ------------------------------------------------------------------------
// uvarint entries, sorted by start: start unit, length in units, handler unit, and
// (stack depth << 1 | push-lasti). Ranges do not overlap: each instruction has one handler,
// the innermost.

bool kaa_code_find_handler(KaaCode *code, int offset, int *target, int *depth, bool *lasti) {
    KaaBytes *t = kaa_bytes(code->exceptiontable);
    const uint8_t *p = t->data, *end = t->data + t->len;
    while (p < end) {
        int start = (int)read_uvarint(&p, end);
        int len = (int)read_uvarint(&p, end);
        int handler = (int)read_uvarint(&p, end);
        int dl = (int)read_uvarint(&p, end);
        if (offset < start) {
            return false;
        }
        if (offset < start + len) {
            *target = handler;
            *depth = dl >> 1;
            *lasti = dl & 1;
            return true;
        }
    }
    return false;
}

// ---- the type ---------------------------------------------------------------------------------

static KaaValue code_repr(KaaValue self) {
    KaaCode *c = code_of(self);
    return kaa_str_printf("<code object %S at %p, file \"%S\", line %d>", c->name,
                          (void *)(uintptr_t)self, c->filename, c->firstlineno);
}

static KaaValue names_of_kind(KaaCode *c, int kind) {
    KaaList *out = kaa_list_new(0);
    const uint8_t *kinds = kaa_bytes(c->localspluskinds)->data;
    for (int32_t i = 0; i < c->nlocalsplus; i++) {
        if (kinds[i] & kind) {
            kaa_list_append(out, c->localsplusnames->items[i]);
        }
    }
    return kaa_from_obj(kaa_tuple_from_array(out->items, (size_t)out->len));
}

#define CODE_INT_GETTER(field) \
    static KaaValue get_##field(KaaValue self) { return kaa_from_small(code_of(self)->field); }
CODE_INT_GETTER(argcount)
CODE_INT_GETTER(posonlyargcount)
CODE_INT_GETTER(kwonlyargcount)
CODE_INT_GETTER(nlocals)
CODE_INT_GETTER(stacksize)
CODE_INT_GETTER(flags)
CODE_INT_GETTER(firstlineno)

static KaaValue get_name(KaaValue self) { return code_of(self)->name; }
static KaaValue get_qualname(KaaValue self) { return code_of(self)->qualname; }
static KaaValue get_filename(KaaValue self) { return code_of(self)->filename; }
static KaaValue get_code(KaaValue self) { return code_of(self)->code; }
static KaaValue get_consts(KaaValue self) { return kaa_from_obj(code_of(self)->consts); }
static KaaValue get_names(KaaValue self) { return kaa_from_obj(code_of(self)->names); }
static KaaValue get_linetable(KaaValue self) { return code_of(self)->linetable; }
static KaaValue get_exctable(KaaValue self) { return code_of(self)->exceptiontable; }
static KaaValue get_varnames(KaaValue self) { return names_of_kind(code_of(self), CO_FAST_LOCAL); }
static KaaValue get_cellvars(KaaValue self) { return names_of_kind(code_of(self), CO_FAST_CELL); }
static KaaValue get_freevars(KaaValue self) { return names_of_kind(code_of(self), CO_FAST_FREE); }

static const KaaGetSetDef code_getsets[] = {
    {"co_argcount", get_argcount, NULL, NULL},
    {"co_posonlyargcount", get_posonlyargcount, NULL, NULL},
    {"co_kwonlyargcount", get_kwonlyargcount, NULL, NULL},
    {"co_nlocals", get_nlocals, NULL, NULL},
    {"co_stacksize", get_stacksize, NULL, NULL},
    {"co_flags", get_flags, NULL, NULL},
    {"co_firstlineno", get_firstlineno, NULL, NULL},
    {"co_name", get_name, NULL, NULL},
    {"co_qualname", get_qualname, NULL, NULL},
    {"co_filename", get_filename, NULL, NULL},
    {"co_code", get_code, NULL, NULL},
    {"co_consts", get_consts, NULL, NULL},
    {"co_names", get_names, NULL, NULL},
    {"co_varnames", get_varnames, NULL, NULL},
    {"co_cellvars", get_cellvars, NULL, NULL},
    {"co_freevars", get_freevars, NULL, NULL},
    {"co_linetable", get_linetable, NULL, NULL},
    {"co_exceptiontable", get_exctable, NULL, NULL},
    {NULL},
};

// co_lines(): (start, end, line) in bytes, merging runs on the same line, as CPython does.
static KaaValue code_lines(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaCode *c = code_of(self);
    KaaList *out = kaa_list_new(0);
    LocIter it;
    loc_init(&it, c);
    int run_start = 0, run_line = -2;
    bool have = false;
    while (loc_next(&it)) {
        int line = it.has_loc ? it.line : -1;
        if (have && line == run_line) {
            continue;
        }
        if (have) {
            KaaValue l = run_line < 0 ? kaa_None : kaa_from_small(run_line);
            kaa_list_append(out, kaa_from_obj(kaa_tuple_pack(
                                     3, kaa_from_small(run_start * 2),
                                     kaa_from_small(it.start * 2), l)));
        }
        run_start = it.start;
        run_line = line;
        have = true;
    }
    if (have) {
        KaaValue l = run_line < 0 ? kaa_None : kaa_from_small(run_line);
        kaa_list_append(out, kaa_from_obj(kaa_tuple_pack(3, kaa_from_small(run_start * 2),
                                                        kaa_from_small(it.stop * 2), l)));
    }
    return kaa_iter(kaa_from_obj(out));
}

static KaaValue opt_int(bool has, int v) { return has && v >= 0 ? kaa_from_small(v) : kaa_None; }

static KaaValue code_positions(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaCode *c = code_of(self);
    KaaList *out = kaa_list_new(0);
    LocIter it;
    loc_init(&it, c);
    while (loc_next(&it)) {
        for (int i = it.start; i < it.stop; i++) {
            kaa_list_append(out, kaa_from_obj(kaa_tuple_pack(
                                     4, opt_int(it.has_loc, it.line),
                                     opt_int(it.has_loc, it.end_line),
                                     opt_int(it.has_loc, it.col), opt_int(it.has_loc, it.end_col))));
        }
    }
    return kaa_iter(kaa_from_obj(out));
}

// ---- replace() --------------------------------------------------------------------------------

static void want_type(KaaValue v, KaaType *t, const char *field) {
    if (!kaa_isinstance_exact_or_sub(v, t)) {
        kaa_raise_type_error("replace() argument '%s' must be %s, not %s", field, t->name,
                             kaa_argtype_name(v));
    }
}

static int32_t int_field(KaaValue v, const char *field) {
    if (!kaa_is_int_like(v)) {
        kaa_raise_type_error("replace() argument '%s' must be int, not %s", field,
                             kaa_argtype_name(v));
    }
    int64_t i = kaa_int_as_i64(v);
    if (i < INT32_MIN || i > INT32_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    return (int32_t)i;
}

// A field kaa's code layout derives from the instructions: only its current value is allowed.
static void must_equal(KaaCode *c, const char *field, KaaValue v) {
    KaaValue now = kaa_getattr_cstr(kaa_from_obj(c), field);
    if (!kaa_truthy(kaa_richcompare(now, v, KAA_EQ))) {
        kaa_raise_msg(kaa_NotImplementedError,
                      "code.replace(%s=...) with a new value is not implemented in kaa yet",
                      field);
    }
}

static KaaValue code_replace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const params[] = {
        "*", "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
        "co_stacksize", "co_flags", "co_firstlineno", "co_code", "co_consts", "co_names",
        "co_varnames", "co_freevars", "co_cellvars", "co_filename", "co_name", "co_qualname",
        "co_linetable", "co_exceptiontable", NULL};
    KaaValue a[18];
    kaa_args_bind("replace", args, nargs, kw, params, 0, 0, a);
    KaaCode *old = code_of(self), *c = kaa_alloc(sizeof *c);
    *c = *old;
    c->weakreflist = KAA_NULL;
    for (int i = 0; i < 18; i++) {
        if (a[i] == KAA_NULL) {
            continue;
        }
        const char *field = params[i + 1];
        switch (i) {
        case 5: {
            // Flags the instructions were compiled for cannot change (a generator's code run
            // as a function would yield into nothing).
            int32_t flags = int_field(a[i], field);
            const int32_t fixed = CO_OPTIMIZED | CO_NEWLOCALS | CO_VARARGS | CO_VARKEYWORDS |
                                  CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;
            if ((flags & fixed) != (old->flags & fixed)) {
                must_equal(old, field, a[i]);
            }
            c->flags = flags;
            break;
        }
        case 6: c->firstlineno = int_field(a[i], field); break;
        case 4: c->stacksize = int_field(a[i], field) > c->stacksize ? int_field(a[i], field)
                                                                    : c->stacksize;
            break;
        case 8:
            want_type(a[i], &kaa_tuple_type, field);
            if (kaa_tuple(a[i])->len != old->consts->len) {
                must_equal(old, field, a[i]);  // LOAD_CONST operands index this tuple
            }
            c->consts = kaa_tuple(a[i]);
            break;
        case 9:
            want_type(a[i], &kaa_tuple_type, field);
            if (kaa_tuple(a[i])->len != old->names->len) {
                must_equal(old, field, a[i]);
            }
            c->names = kaa_tuple(a[i]);
            break;
        case 13: want_type(a[i], &kaa_str_type, field); c->filename = a[i]; break;
        case 14: want_type(a[i], &kaa_str_type, field); c->name = a[i]; break;
        case 15: want_type(a[i], &kaa_str_type, field); c->qualname = a[i]; break;
        default:
            must_equal(old, field, a[i]);
            break;
        }
    }
    kaa_code_finish(c);  // its own inline caches: names or constants may differ
    return kaa_from_obj(c);
}

static const KaaMethodDef code_methods[] = {
    {"replace", code_replace, 0, "Return a copy of the code object with new values for the "
                                 "specified fields."},
    {"co_lines", code_lines, 0, NULL},
    {"co_positions", code_positions, 0, NULL},
    {NULL},
};

KaaType kaa_code_type = {
    .ob = {&kaa_type_type},
    .name = "code",
    .instance_size = sizeof(KaaCode),
    .repr = code_repr,
    .getsets = code_getsets,
    .methods = code_methods,
};
