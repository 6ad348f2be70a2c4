// compile/opcodes.c — the tables derived from opcodes.def: names, argument kinds, stack effects.
//
// Stage: compile. Nothing here is written by hand per opcode; it all comes from the .def file.
#include "compile/opcodes.h"

const char *const kaa_opcode_names[OP_COUNT] = {
#define OP(name, arg, effect, jeffect) #name,
#include "compile/opcodes.def"
#undef OP
};

const unsigned char kaa_opcode_arg_kinds[OP_COUNT] = {
#define OP(name, arg, effect, jeffect) ARG_##arg,
#include "compile/opcodes.def"
#undef OP
};

int kaa_opcode_stack_effect(int opcode, int oparg, int jump) {
    switch (opcode) {
#define OP(name, arg, effect, jeffect) \
    case OP_##name:                    \
        return jump ? (jeffect) : (effect);
#include "compile/opcodes.def"
#undef OP
    default:
        return 0;
    }
}
