// compile/assemble.c — assembly: labelled instructions to a code object.
//
// Stage: compile, last pass. Chooses EXTENDED_ARG prefixes and jump offsets (iterating until
// the sizes settle), numbers the localsplus slots (locals, then cells, then free variables),
// and encodes the location table and the exception table whose formats objects/code.c
// documents and decodes.
#include <string.h>

#include "compile/codegen.h"

typedef struct ByteBuf {
    uint8_t *data;
    size_t len, cap;
} ByteBuf;

static void buf_put(ByteBuf *b, uint8_t v) {
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        uint8_t *d = kaa_alloc_atomic(b->cap);
        if (b->len) {
            memcpy(d, b->data, b->len);
        }
        b->data = d;
    }
    b->data[b->len++] = v;
}

static void buf_uvarint(ByteBuf *b, uint64_t v) {
    while (v >= 0x80) {
        buf_put(b, (uint8_t)(v | 0x80));
        v >>= 7;
    }
    buf_put(b, (uint8_t)v);
}

static void buf_svarint(ByteBuf *b, int64_t v) {
    buf_uvarint(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

static int units_for_arg(int arg) {
    return arg < 0x100 ? 1 : arg < 0x10000 ? 2 : arg < 0x1000000 ? 3 : 4;
}

// ---- localsplus ---------------------------------------------------------------------------------

typedef struct Layout {
    int nvarnames;
    int nlocalsplus;
    int *deref_slot;  // deref index -> localsplus slot
    KaaTuple *names;
    KaaValue kinds;
} Layout;

static int varname_slot(Unit *u, const char *name) {
    int *v = strmap_find(&u->varnames, name);
    return v ? *v : -1;
}

static Layout make_layout(Unit *u) {
    Layout l;
    l.nvarnames = u->varnames.len;
    int nderef = u->ncellvars + u->nfreevars;
    l.deref_slot = kaa_alloc_atomic((size_t)(nderef + 1) * sizeof(int));
    int next = l.nvarnames;
    for (int i = 0; i < u->ncellvars; i++) {
        int slot = varname_slot(u, u->cellvars[i]);
        l.deref_slot[i] = slot >= 0 ? slot : next++;
    }
    for (int i = 0; i < u->nfreevars; i++) {
        l.deref_slot[u->ncellvars + i] = next++;
    }
    l.nlocalsplus = next;
    l.names = kaa_tuple_new((size_t)next);
    KaaValue kinds = kaa_bytes_new_raw((size_t)next);
    uint8_t *k = kaa_bytes(kinds)->data;
    for (int i = 0; i < l.nvarnames; i++) {
        l.names->items[i] = kaa_str_intern_cstr(u->varnames.keys[i]);
        k[i] = CO_FAST_LOCAL;
    }
    for (int i = 0; i < u->ncellvars; i++) {
        int slot = l.deref_slot[i];
        l.names->items[slot] = kaa_str_intern_cstr(u->cellvars[i]);
        k[slot] = slot < l.nvarnames ? (CO_FAST_LOCAL | CO_FAST_CELL) : CO_FAST_CELL;
    }
    for (int i = 0; i < u->nfreevars; i++) {
        int slot = l.deref_slot[u->ncellvars + i];
        l.names->items[slot] = kaa_str_intern_cstr(u->freevars[i]);
        k[slot] = CO_FAST_FREE;
    }
    l.kinds = kinds;
    return l;
}

static bool is_deref_op(int op) {
    return op == OP_MAKE_CELL || op == OP_LOAD_CLOSURE || op == OP_LOAD_DEREF ||
           op == OP_LOAD_CLASSDEREF || op == OP_STORE_DEREF || op == OP_DELETE_DEREF;
}

// ---- offsets --------------------------------------------------------------------------------------

// Lays out the instructions: sizes with EXTENDED_ARG prefixes and jump arguments, repeated
// until no size changes (a longer jump can push other targets further away).
static int layout_code(Unit *u, int *offsets, int *sizes) {
    int n = u->ninstrs;
    for (int i = 0; i < n; i++) {
        sizes[i] = u->instrs[i].target >= 0 ? 1 : units_for_arg(u->instrs[i].arg);
    }
    for (;;) {
        int at = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = at;
            at += sizes[i];
        }
        offsets[n] = at;
        bool changed = false;
        for (int i = 0; i < n; i++) {
            Instr *in = &u->instrs[i];
            if (in->target < 0) {
                continue;
            }
            int target = offsets[u->labels[in->target].pos];
            int after = offsets[i] + sizes[i];
            if (target >= after) {
                if (in->op == OP_JUMP_BACKWARD) {
                    in->op = OP_JUMP_FORWARD;
                }
                in->arg = target - after;
            } else {
                if (in->op == OP_JUMP_FORWARD) {
                    in->op = OP_JUMP_BACKWARD;
                } else if (in->op != OP_JUMP_BACKWARD) {
                    // Only JUMP has a backward form; the code generator must not ask for more.
                    kaa_raise_msg(kaa_SystemError, "kaa compiler: %s jumps backward",
                                  kaa_opcode_names[in->op]);
                }
                in->arg = after - target;
            }
            int size = units_for_arg(in->arg);
            if (size > sizes[i]) {
                sizes[i] = size;
                changed = true;
            }
        }
        if (!changed) {
            return at;
        }
    }
}

static KaaValue emit_code(Unit *u, const int *sizes, int total, const Layout *l) {
    KaaValue bytes = kaa_bytes_new_raw((size_t)total * 2);
    uint16_t *out = (uint16_t *)kaa_bytes(bytes)->data;
    int at = 0;
    for (int i = 0; i < u->ninstrs; i++) {
        Instr *in = &u->instrs[i];
        int arg = in->arg;
        if (is_deref_op(in->op)) {
            arg = l->deref_slot[arg];
        }
        for (int k = sizes[i] - 1; k > 0; k--) {
            out[at++] = (uint16_t)(OP_EXTENDED_ARG | (((arg >> (8 * k)) & 0xFF) << 8));
        }
        out[at++] = (uint16_t)(in->op | ((arg & 0xFF) << 8));
    }
    return bytes;
}

// ---- tables -----------------------------------------------------------------------------------------

static bool same_loc(Loc a, Loc b) {
    return a.line == b.line && a.end_line == b.end_line && a.col == b.col &&
           a.end_col == b.end_col;
}

static void put_loc_entry(ByteBuf *b, int units, Loc loc, int *prev_line) {
    while (units > 0) {
        int n = units > 127 ? 127 : units;
        units -= n;
        if (loc.line <= 0) {
            buf_put(b, (uint8_t)(0x80 | n));
            continue;
        }
        buf_put(b, (uint8_t)n);
        buf_svarint(b, loc.line - *prev_line);
        buf_uvarint(b, (uint64_t)(loc.end_line >= loc.line ? loc.end_line - loc.line : 0));
        buf_uvarint(b, (uint64_t)(loc.col + 1));
        buf_uvarint(b, (uint64_t)(loc.end_col + 1));
        *prev_line = loc.line;
    }
}

static KaaValue line_table(Unit *u, const int *sizes, int firstlineno) {
    ByteBuf b = {0};
    int prev = firstlineno;
    int i = 0;
    while (i < u->ninstrs) {
        Loc loc = u->instrs[i].loc;
        int units = 0;
        int j = i;
        while (j < u->ninstrs && same_loc(u->instrs[j].loc, loc)) {
            units += sizes[j++];
        }
        put_loc_entry(&b, units, loc, &prev);
        i = j;
    }
    return kaa_bytes_new(b.data, b.len);
}

static bool same_handler(Handler *a, Handler *b) {
    if (a == b) {
        return true;
    }
    return a && b && a->label == b->label && a->depth == b->depth && a->lasti == b->lasti;
}

static KaaValue exception_table(Unit *u, const int *offsets) {
    ByteBuf b = {0};
    int i = 0;
    while (i < u->ninstrs) {
        Handler *h = u->instrs[i].handler;
        int j = i;
        while (j < u->ninstrs && same_handler(u->instrs[j].handler, h)) {
            j++;
        }
        if (h != NULL) {
            int target = offsets[u->labels[h->label].pos];
            buf_uvarint(&b, (uint64_t)offsets[i]);
            buf_uvarint(&b, (uint64_t)(offsets[j] - offsets[i]));
            buf_uvarint(&b, (uint64_t)target);
            buf_uvarint(&b, (uint64_t)((h->depth << 1) | (h->lasti ? 1 : 0)));
        }
        i = j;
    }
    return kaa_bytes_new(b.data, b.len);
}

static KaaTuple *names_tuple(StrMap *m) {
    KaaTuple *t = kaa_tuple_new((size_t)m->len);
    for (int i = 0; i < m->len; i++) {
        t->items[m->values[i]] = kaa_str_intern_cstr(m->keys[i]);
    }
    return t;
}

KaaCode *assemble_unit(Compiler *c, Unit *u) {
    int n = u->ninstrs;
    int *offsets = kaa_alloc_atomic((size_t)(n + 1) * sizeof(int));
    int *sizes = kaa_alloc_atomic((size_t)(n + 1) * sizeof(int));
    int total = layout_code(u, offsets, sizes);
    Layout l = make_layout(u);
    KaaCode *code = kaa_alloc(sizeof *code);
    code->ob.type = &kaa_code_type;
    code->argcount = u->argcount;
    code->posonlyargcount = u->posonlyargcount;
    code->kwonlyargcount = u->kwonlyargcount;
    code->nlocalsplus = l.nlocalsplus;
    code->stacksize = u->maxdepth + 1;
    code->flags = u->flags;
    code->firstlineno = u->firstlineno;
    code->code = emit_code(u, sizes, total, &l);
    code->consts = kaa_tuple_from_array(u->consts->items, (size_t)u->consts->len);
    code->names = names_tuple(&u->names);
    code->localsplusnames = l.names;
    code->localspluskinds = l.kinds;
    code->filename = c->opt->filename;
    code->name = u->name;
    code->qualname = u->qualname;
    code->linetable = line_table(u, sizes, u->firstlineno);
    code->exceptiontable = exception_table(u, offsets);
    kaa_code_finish(code);
    return code;
}
