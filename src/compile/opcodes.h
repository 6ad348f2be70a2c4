// compile/opcodes.h — kaa's instruction set as C: generated from opcodes.def.
//
// Stage: compile (shared with the VM and dis). A code unit is 16 bits: the opcode in the low
// byte, its argument in the high byte; EXTENDED_ARG prefixes carry the higher argument bytes.
#ifndef KAA_COMPILE_OPCODES_H
#define KAA_COMPILE_OPCODES_H

typedef enum {
#define OP(name, arg, effect, jeffect) OP_##name,
#include "compile/opcodes.def"
#undef OP
    OP_COUNT
} KaaOpcode;

typedef enum {
    ARG_NONE, ARG_INT, ARG_CONST, ARG_NAME, ARG_LOCAL, ARG_FREE, ARG_GLOBAL, ARG_JFWD,
    ARG_JBACK, ARG_CMP, ARG_BINOP,
} KaaOpArgKind;

extern const char *const kaa_opcode_names[OP_COUNT];
extern const unsigned char kaa_opcode_arg_kinds[OP_COUNT];

// The change in stack depth of one instruction: jump says whether it takes its jump.
int kaa_opcode_stack_effect(int opcode, int oparg, int jump);

// The instructions the VM keeps an inline cache for.
static inline int kaa_opcode_has_cache(int op) {
    return op == OP_LOAD_GLOBAL || op == OP_LOAD_ATTR || op == OP_STORE_ATTR ||
           op == OP_LOAD_METHOD;
}

static inline int kaa_opcode_is_jump(int op) {
    return kaa_opcode_arg_kinds[op] == ARG_JFWD || kaa_opcode_arg_kinds[op] == ARG_JBACK;
}

#endif
