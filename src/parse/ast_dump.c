// parse/ast_dump.c — ast.dump(), byte for byte.
//
// Stage: parse (tools). Owns the text form of a KaaAst that CPython's ast.dump(tree,
// include_attributes=..., indent=...) prints: field order from ast.def, optional fields left
// out when None, the one-line layout of simple nodes, and Python's repr of every value. It also
// reproduces where ast.dump, being recursive Python code, gives up with RecursionError.
// Must not: change the tree.
#include "parse/ast_dump.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/pyrepr.h"

// ---- field tables generated from ast.def ------------------------------------------------------

typedef enum {
    F_NODE, F_OPT, F_SEQ, F_IDENT, F_OPTIDENT, F_IDSEQ, F_OPTSTR, F_STR, F_INT, F_OPTINT, F_ENUM,
    F_ENUMSEQ, F_CONST
} FieldType;

typedef struct Field {
    const char *name;
    FieldType type;
    size_t offset;
    int cat;  // enum category for F_ENUM / F_ENUMSEQ
} Field;

typedef struct KindInfo {
    const char *name;
    int has_positions;
    int first, count;  // slice of fields[]
} KindInfo;

enum { CAT_expr_context, CAT_boolop, CAT_operator, CAT_unaryop, CAT_cmpop, CAT_COUNT };

#define MAX_FIELDS 256
static Field fields[MAX_FIELDS];
static KindInfo kinds[AST_KIND_COUNT];
static const char *enum_names[CAT_COUNT][16];
static int tables_ready;

// One pass over ast.def: each KIND opens a block where K is the kind's union member type, so
// the field macros can take offsetof() without knowing the kind's name.
static void init_tables(void) {
    int fi = 0, k = 0;
    int enum_count[CAT_COUNT] = {0};
#define KIND(kname, cat, pos)                                                                    \
    {                                                                                            \
        typedef __typeof__(((KaaAst *)0)->v.kname) K;                                            \
        (void)sizeof(K);                                                                         \
        k = AST_##kname;                                                                         \
        kinds[k].name = #kname;                                                                  \
        kinds[k].has_positions = pos;                                                            \
        kinds[k].first = fi;
#define END(name)                                                                                \
        kinds[k].count = fi - kinds[k].first;                                                    \
    }
#define ADD(f, t, c)                                                                             \
    fields[fi].name = #f;                                                                        \
    fields[fi].type = t;                                                                         \
    fields[fi].offset = offsetof(KaaAst, v) + offsetof(K, f);                                    \
    fields[fi].cat = c;                                                                          \
    fi++;
#define NODE(f, c) ADD(f, F_NODE, 0)
#define OPT(f, c) ADD(f, F_OPT, 0)
#define SEQ(f, c) ADD(f, F_SEQ, 0)
#define IDENT(f) ADD(f, F_IDENT, 0)
#define OPTIDENT(f) ADD(f, F_OPTIDENT, 0)
#define IDSEQ(f) ADD(f, F_IDSEQ, 0)
#define OPTSTR(f) ADD(f, F_OPTSTR, 0)
#define STR(f) ADD(f, F_STR, 0)
#define INT(f) ADD(f, F_INT, 0)
#define OPTINT(f) ADD(f, F_OPTINT, 0)
#define ENUM(f, c) ADD(f, F_ENUM, CAT_##c)
#define ENUMSEQ(f, c) ADD(f, F_ENUMSEQ, CAT_##c)
#define CONST(f) ADD(f, F_CONST, 0)
#define ENUMERATOR(cat, name) enum_names[CAT_##cat][++enum_count[CAT_##cat]] = #name;
#include "parse/ast.def"
#undef KIND
#undef END
#undef ADD
#undef NODE
#undef OPT
#undef SEQ
#undef IDENT
#undef OPTIDENT
#undef IDSEQ
#undef OPTSTR
#undef STR
#undef INT
#undef OPTINT
#undef ENUM
#undef ENUMSEQ
#undef CONST
#undef ENUMERATOR
    (void)k;
    tables_ready = 1;
}

// ---- the dump ---------------------------------------------------------------------------------

// ast.dump's _format recursion, counted as CPython counts it: a Python frame per _format call,
// two more (str.join and its generator) per list level, one for the repr() of a leaf. The
// command line starts _format at depth 1 of this count, and Python's recursion limit allows
// 993 of it.
#define DUMP_DEPTH_LIMIT 993

typedef struct Dumper {
    KaaTextBuf out;
    int attrs;
    int indent;
    int failed;  // RecursionError, or an int too long for repr
} Dumper;

// Where field f lives inside node n (the field table holds offsets into KaaAst).
static void *field_ptr(const KaaAst *n, const Field *f) {
    return (char *)n + f->offset;
}

// Whether the field is left out: a None optional field.
// ast.dump's layout rule: a node prints on one line when it has at most three items and all of
// them are "simple" (scalars, empty lists, nodes without items such as Load()); otherwise each
// item goes on its own line, indented one level deeper. Optional fields that are None are left
// out.
static int field_absent(const KaaAst *n, const Field *f) {
    void *p = field_ptr(n, f);
    switch (f->type) {
    case F_OPT:
        return *(KaaAst **)p == NULL;
    case F_OPTIDENT:
    case F_OPTSTR:
        return *(const char **)p == NULL;
    default:
        return 0;
    }
}

// The number of key=value items _format prints for n.
static int arg_count(const Dumper *d, const KaaAst *n) {
    const KindInfo *k = &kinds[n->kind];
    int c = 0;
    for (int i = 0; i < k->count; i++) {
        c += !field_absent(n, &fields[k->first + i]);
    }
    if (d->attrs && k->has_positions) {
        c += 4;
    }
    return c;
}

// _format's "simple": scalars, empty lists and nodes without items.
static int field_simple(const Dumper *d, const KaaAst *n, const Field *f) {
    void *p = field_ptr(n, f);
    switch (f->type) {
    case F_NODE:
    case F_OPT: {
        KaaAst *c = *(KaaAst **)p;
        return c == NULL || arg_count(d, c) == 0;
    }
    case F_SEQ: {
        KaaAstSeq *s = *(KaaAstSeq **)p;
        return !s || s->len == 0;
    }
    case F_IDSEQ: {
        KaaAstIdSeq *s = *(KaaAstIdSeq **)p;
        return !s || s->len == 0;
    }
    case F_ENUMSEQ: {
        KaaAstIntSeq *s = *(KaaAstIntSeq **)p;
        return !s || s->len == 0;
    }
    default:
        return 1;
    }
}

// A newline and the indentation of nesting level `level` (indent spaces per level).
static void newline_indent(Dumper *d, int level) {
    kaa_textbuf_putc(&d->out, '\n');
    for (int i = 0; i < level * d->indent; i++) {
        kaa_textbuf_putc(&d->out, ' ');
    }
}

// The separator before item i of a multi-line node or list at `level`.
static void separator(Dumper *d, int i, int level, int multiline) {
    if (i > 0) {
        kaa_textbuf_putc(&d->out, ',');
        if (!multiline) {
            kaa_textbuf_putc(&d->out, ' ');
        }
    }
    if (multiline) {
        newline_indent(d, level);
    }
}

// ast.dump recurses in Python: past the interpreter's recursion limit it fails with
// RecursionError, and the tool then prints only that error. depth counts Python frames.
static int check_depth(Dumper *d, int depth) {
    if (depth > DUMP_DEPTH_LIMIT) {
        d->failed = 1;
    }
    return !d->failed;
}

static void dump_node(Dumper *d, const KaaAst *n, int level, int depth);

// A leaf scalar: _format(value) calls repr(value) one level deeper.
static int leaf(Dumper *d, int depth) {
    return check_depth(d, depth + 1);
}

// A constant's repr: None, True, False, Ellipsis, numbers, str and bytes as Python shows them.
static void dump_const(Dumper *d, const KaaAstConst *c, int depth) {
    if (!leaf(d, depth)) {
        return;
    }
    switch (c->kind) {
    case AST_CONST_NONE: kaa_textbuf_puts(&d->out, "None"); break;
    case AST_CONST_TRUE: kaa_textbuf_puts(&d->out, "True"); break;
    case AST_CONST_FALSE: kaa_textbuf_puts(&d->out, "False"); break;
    case AST_CONST_ELLIPSIS: kaa_textbuf_puts(&d->out, "Ellipsis"); break;
    case AST_CONST_INT:
        if (kaa_repr_int(&d->out, c->text, c->len, c->base) < 0) {
            d->failed = 1;
        }
        break;
    case AST_CONST_FLOAT: kaa_repr_float(&d->out, c->number); break;
    case AST_CONST_COMPLEX: kaa_repr_imag(&d->out, c->number); break;
    case AST_CONST_STR: kaa_repr_str(&d->out, c->text, c->len); break;
    case AST_CONST_BYTES: kaa_repr_bytes(&d->out, c->text, c->len); break;
    }
}

// The repr of an identifier or other string field.
static void dump_str(Dumper *d, const char *s, int depth) {
    if (leaf(d, depth)) {
        kaa_repr_str(&d->out, s, strlen(s));
    }
}

// An int field (lineno, col_offset, simple ...).
static void dump_int(Dumper *d, int v, int depth) {
    if (leaf(d, depth)) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d", v);
        kaa_textbuf_puts(&d->out, buf);
    }
}

// An operator or context singleton, e.g. Load() or Add().
static void dump_enum(Dumper *d, int cat, int v, int depth) {
    if (check_depth(d, depth)) {
        kaa_textbuf_puts(&d->out, enum_names[cat][v]);
        kaa_textbuf_puts(&d->out, "()");
    }
}

// A list: "[]" when empty, otherwise one item per line. Items are formatted three levels
// deeper than the list itself (join, the generator, _format).
static void dump_list(Dumper *d, const Field *f, void *p, int level, int depth) {
    int len = 0;
    if (f->type == F_SEQ) {
        len = *(KaaAstSeq **)p ? (*(KaaAstSeq **)p)->len : 0;
    } else if (f->type == F_IDSEQ) {
        len = *(KaaAstIdSeq **)p ? (*(KaaAstIdSeq **)p)->len : 0;
    } else {
        len = *(KaaAstIntSeq **)p ? (*(KaaAstIntSeq **)p)->len : 0;
    }
    if (!check_depth(d, depth)) {
        return;
    }
    if (len == 0) {
        kaa_textbuf_puts(&d->out, "[]");
        return;
    }
    kaa_textbuf_putc(&d->out, '[');
    for (int i = 0; i < len && !d->failed; i++) {
        separator(d, i, level + 1, 1);
        int item_depth = depth + 3;
        if (f->type == F_SEQ) {
            KaaAst *c = (*(KaaAstSeq **)p)->items[i];
            if (c) {
                dump_node(d, c, level + 1, item_depth);
            } else if (leaf(d, item_depth)) {
                kaa_textbuf_puts(&d->out, "None");
            }
        } else if (f->type == F_IDSEQ) {
            dump_str(d, (*(KaaAstIdSeq **)p)->items[i], item_depth);
        } else {
            dump_enum(d, f->cat, (*(KaaAstIntSeq **)p)->items[i], item_depth);
        }
    }
    kaa_textbuf_putc(&d->out, ']');
}

// One field's value, by its type in the ASDL description (node, optional node, sequence,
// identifier, constant, int or enum).
static void dump_field(Dumper *d, const KaaAst *n, const Field *f, int level, int depth) {
    void *p = field_ptr(n, f);
    switch (f->type) {
    case F_NODE:
    case F_OPT:
        dump_node(d, *(KaaAst **)p, level, depth);
        break;
    case F_SEQ:
    case F_IDSEQ:
    case F_ENUMSEQ:
        dump_list(d, f, p, level, depth);
        break;
    case F_IDENT:
    case F_OPTIDENT:
    case F_OPTSTR:
    case F_STR:
        dump_str(d, *(const char **)p, depth);
        break;
    case F_INT:
    case F_OPTINT:
        dump_int(d, *(int *)p, depth);
        break;
    case F_ENUM:
        dump_enum(d, f->cat, *(int *)p, depth);
        break;
    case F_CONST:
        dump_const(d, (const KaaAstConst *)p, depth);
        break;
    }
}

static void dump_attr(Dumper *d, const char *name, int v, int i, int level, int multiline,
                      int depth) {
    separator(d, i, level + 1, multiline);
    kaa_textbuf_puts(&d->out, name);
    kaa_textbuf_putc(&d->out, '=');
    dump_int(d, v, depth);
}

// `Kind(field=value, ...)`, one line or one field per line following ast.dump's layout rule.
static void dump_node(Dumper *d, const KaaAst *n, int level, int depth) {
    if (!check_depth(d, depth)) {
        return;
    }
    const KindInfo *k = &kinds[n->kind];
    int count = arg_count(d, n), simple = 1;
    for (int i = 0; i < k->count; i++) {
        const Field *f = &fields[k->first + i];
        if (!field_absent(n, f) && !field_simple(d, n, f)) {
            simple = 0;
        }
    }
    int multiline = !(simple && count <= 3);
    kaa_textbuf_puts(&d->out, k->name);
    kaa_textbuf_putc(&d->out, '(');
    int item = 0;
    for (int i = 0; i < k->count && !d->failed; i++) {
        const Field *f = &fields[k->first + i];
        if (field_absent(n, f)) {
            continue;
        }
        separator(d, item++, level + 1, multiline);
        kaa_textbuf_puts(&d->out, f->name);
        kaa_textbuf_putc(&d->out, '=');
        dump_field(d, n, f, level + 1, depth + 1);
    }
    if (d->attrs && k->has_positions && !d->failed) {
        dump_attr(d, "lineno", n->lineno, item++, level, multiline, depth + 1);
        dump_attr(d, "col_offset", n->col_offset, item++, level, multiline, depth + 1);
        dump_attr(d, "end_lineno", n->end_lineno, item++, level, multiline, depth + 1);
        dump_attr(d, "end_col_offset", n->end_col_offset, item++, level, multiline, depth + 1);
    }
    kaa_textbuf_putc(&d->out, ')');
}

char *kaa_ast_dump(const KaaAst *node, int include_attributes, int indent, size_t *len) {
    if (!tables_ready) {
        init_tables();
    }
    Dumper d = {{0}, include_attributes, indent < 0 ? 0 : indent, 0};
    kaa_textbuf_puts(&d.out, "");
    dump_node(&d, node, 0, 1);
    if (d.failed) {
        kaa_textbuf_free(&d.out);
        return NULL;
    }
    *len = d.out.len;
    return d.out.data;
}
