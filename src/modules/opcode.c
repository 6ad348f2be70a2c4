// modules/opcode.c — the _opcode module: kaa's instruction set as data, for lib/opcode.py
// and lib/dis.py.
//
// Stage: modules. Every per-opcode fact here comes from compile/opcodes.def through the OP
// X-macro (names, argument kinds) or from compile/opcodes.c (stack effects), so dis can never
// disagree with the compiler and the VM. The operator names BINARY_OP and COMPARE_OP carry
// come from the operator enums of objects/objects.h. Python-level tables (opname, opmap,
// hasconst, ...) are built from these in lib/opcode.py.
// Must not: list an opcode by hand, or decode bytecode (dis.py does that).
#include <string.h>

#include "compile/opcodes.h"
#include "modules/modules.h"

// ---- stack_effect ------------------------------------------------------------------------------

// An int argument as CPython's converters take it: anything with __index__.
static int64_t int_arg(KaaValue v) {
    if (!kaa_is_int_like(v) && kaa_type_of(v)->index == NULL) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(v));
    }
    int64_t out;
    if (!kaa_int_to_i64(kaa_index(v), &out)) {
        kaa_raise_overflow("Python int too large to convert to C long");
    }
    return out;
}

// The counts checks of CPython's argument clinic for `(opcode, oparg=None, /, *, jump=None)`,
// made before binding so the messages are clinic's, not those of a keyword-capable signature.
static void check_counts(size_t nargs, KaaTuple *kw) {
    size_t nkw = KAA_NKW(kw);
    if (nargs + nkw > 3) {
        kaa_raise_type_error("stack_effect() takes at most 3 %sarguments (%zu given)",
                             nargs == 0 ? "keyword " : "", nargs + nkw);
    }
    if (nargs > 2) {
        kaa_raise_type_error("stack_effect() takes at most 2 positional arguments (%zu given)",
                             nargs);
    }
    if (nargs < 1) {
        kaa_raise_type_error("stack_effect() takes at least 1 positional argument (0 given)");
    }
}

static const char *const stack_effect_params[] = {"opcode", "oparg", "*", "jump", NULL};

// stack_effect(opcode, oparg=None, /, *, jump=None): the change in stack depth. jump=None
// gives the larger of the two effects, as CPython's does. An opcode whose argument kind is
// NONE ignores its argument byte, so it takes no oparg (CPython's "below HAVE_ARGUMENT").
static KaaValue opcode_stack_effect(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    check_counts(nargs, kw);
    KaaValue v[3];
    kaa_args_bind("stack_effect", args, nargs, kw, stack_effect_params, 2, 1, v);
    int64_t op = int_arg(v[0]);
    if (op < INT32_MIN || op > INT32_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    bool has_oparg = v[1] != KAA_NULL && v[1] != kaa_None;
    int64_t oparg = has_oparg ? int_arg(v[1]) : 0;
    if (op < 0 || op >= OP_COUNT) {
        kaa_raise_value_error("invalid opcode or oparg");
    }
    bool takes_arg = kaa_opcode_arg_kinds[op] != ARG_NONE;
    if (takes_arg && !has_oparg) {
        kaa_raise_value_error("stack_effect: opcode requires oparg but oparg was not specified");
    }
    if (!takes_arg && has_oparg) {
        kaa_raise_value_error(
            "stack_effect: opcode does not permit oparg but oparg was specified");
    }
    KaaValue jump = v[2] == KAA_NULL ? kaa_None : v[2];
    if (jump != kaa_None && jump != kaa_True && jump != kaa_False) {
        kaa_raise_value_error("stack_effect: jump must be False, True or None");
    }
    int arg = (int)oparg;  // truncated to C int, as CPython does
    int effect;
    if (jump == kaa_None) {
        int a = kaa_opcode_stack_effect((int)op, arg, 0);
        int b = kaa_opcode_stack_effect((int)op, arg, 1);
        effect = a > b ? a : b;
    } else {
        effect = kaa_opcode_stack_effect((int)op, arg, jump == kaa_True);
    }
    return kaa_from_small(effect);
}

// kaa's specialisation keeps no statistics (CPython's also returns None unless it was built
// with Py_STATS).
static KaaValue opcode_get_specialization_stats(KaaValue self, KaaValue *args, size_t nargs,
                                                KaaTuple *kw) {
    kaa_args_no_kw("get_specialization_stats", kw);
    kaa_args_count("get_specialization_stats", nargs, 0, 0);
    return kaa_None;
}

// ---- the tables --------------------------------------------------------------------------------

static const char *const arg_kind_names[] = {
    [ARG_NONE] = "NONE", [ARG_INT] = "INT",   [ARG_CONST] = "CONST", [ARG_NAME] = "NAME",
    [ARG_LOCAL] = "LOCAL", [ARG_FREE] = "FREE", [ARG_GLOBAL] = "GLOBAL", [ARG_JFWD] = "JFWD",
    [ARG_JBACK] = "JBACK", [ARG_CMP] = "CMP", [ARG_BINOP] = "BINOP",
};

// The operator names of BINARY_OP's argument, tied to the enum by designated initializers
// (CPython's NB_* names, without the prefix).
static const char *const binop_names[KAA_BINARY_OP_COUNT] = {
    [KAA_OP_ADD] = "ADD",         [KAA_OP_AND] = "AND",       [KAA_OP_FLOORDIV] = "FLOOR_DIVIDE",
    [KAA_OP_LSHIFT] = "LSHIFT",   [KAA_OP_MATMUL] = "MATRIX_MULTIPLY",
    [KAA_OP_MUL] = "MULTIPLY",    [KAA_OP_MOD] = "REMAINDER", [KAA_OP_OR] = "OR",
    [KAA_OP_POW] = "POWER",       [KAA_OP_RSHIFT] = "RSHIFT", [KAA_OP_SUB] = "SUBTRACT",
    [KAA_OP_TRUEDIV] = "TRUE_DIVIDE", [KAA_OP_XOR] = "XOR",
};

static const char *const cmp_symbols[] = {
    [KAA_LT] = "<", [KAA_LE] = "<=", [KAA_EQ] = "==", [KAA_NE] = "!=", [KAA_GT] = ">",
    [KAA_GE] = ">=",
};

static KaaValue str_tuple(const char *const *items, size_t n) {
    KaaTuple *t = kaa_tuple_new(n);
    for (size_t i = 0; i < n; i++) {
        t->items[i] = kaa_str_from_cstr(items[i]);
    }
    return kaa_from_obj(t);
}

// ((name, symbol), ...) for BINARY_OP's plain operators; the symbol is the operator's as
// error messages give it, cut at the first space ("** or pow()" is "**").
static KaaValue binary_ops(void) {
    KaaTuple *t = kaa_tuple_new(KAA_BINARY_OP_COUNT);
    for (int i = 0; i < KAA_BINARY_OP_COUNT; i++) {
        const char *sym = kaa_binop_symbols[i];
        const char *space = strchr(sym, ' ');
        size_t len = space ? (size_t)(space - sym) : strlen(sym);
        t->items[i] = kaa_from_obj(kaa_tuple_pack(2, kaa_str_from_cstr(binop_names[i]),
                                                  kaa_str_from_utf8(sym, len)));
    }
    return kaa_from_obj(t);
}

static KaaValue kind_tuple(void) {
    KaaTuple *t = kaa_tuple_new(OP_COUNT);
    for (int i = 0; i < OP_COUNT; i++) {
        t->items[i] = kaa_str_from_cstr(arg_kind_names[kaa_opcode_arg_kinds[i]]);
    }
    return kaa_from_obj(t);
}

// The opcodes the VM keeps a cache for. kaa's caches live beside the code object (one per
// instruction, see objects/code.c), never in co_code, so dis shows no CACHE entries.
static KaaValue cached_tuple(void) {
    KaaList *l = kaa_list_new(0);
    for (int i = 0; i < OP_COUNT; i++) {
        if (kaa_opcode_has_cache(i)) {
            kaa_list_append(l, kaa_from_small(i));
        }
    }
    return kaa_from_obj(kaa_tuple_from_array(l->items, (size_t)l->len));
}

static const KaaMethodDef opcode_methods[] = {
    {"stack_effect", opcode_stack_effect, 0, "Compute the stack effect of the opcode."},
    {"get_specialization_stats", opcode_get_specialization_stats, 0,
     "Return the specialization stats"},
    {NULL},
};

KaaValue kaa_opcode_init(void) {
    KaaValue m = kaa_module_new_cstr("_opcode");
    kaa_module_add_methods(m, opcode_methods);
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("Opcode support module."));
    kaa_module_add(m, "_opnames", str_tuple(kaa_opcode_names, OP_COUNT));
    kaa_module_add(m, "_arg_kinds", kind_tuple());
    kaa_module_add(m, "_cached", cached_tuple());
    kaa_module_add(m, "_binary_ops", binary_ops());
    kaa_module_add(m, "_compare_ops", str_tuple(cmp_symbols, sizeof cmp_symbols /
                                                                 sizeof cmp_symbols[0]));
    kaa_module_add(m, "_EXTENDED_ARG", kaa_from_small(OP_EXTENDED_ARG));
    return m;
}
