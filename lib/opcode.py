"""kaa's instruction set, as the tables of CPython's `opcode` module.

Every table is computed from the `_opcode` built-in module, which is generated from
src/compile/opcodes.def, the one definition of kaa's instructions. The public names are
CPython 3.11's; the numbers and the instructions are kaa's own.

Differences from CPython's tables, by design of kaa's bytecode:
  * Every code unit is (opcode, argument byte); instructions whose argument means nothing
    store 0 there. kaa does not number the opcodes with arguments after the others, so
    HAVE_ARGUMENT is 0 ("every opcode has an argument byte"). `hasarg` (a name CPython 3.12
    added) lists the opcodes whose argument means something; dis shows no argument for the
    others.
  * Jumps are relative, forward or backward (hasjrel); there are no absolute jumps
    (hasjabs is empty).
  * The VM's inline caches live beside the code object, not in co_code, so no instruction
    is followed by CACHE entries (_inline_cache_entries is all zeros) and there are no
    specialised opcodes to list.
"""

import _opcode

__all__ = ["cmp_op", "hasconst", "hasname", "hasjrel", "hasjabs",
           "haslocal", "hascompare", "hasfree", "opname", "opmap",
           "HAVE_ARGUMENT", "EXTENDED_ARG", "hasnargs", "stack_effect"]

stack_effect = _opcode.stack_effect

cmp_op = tuple(_opcode._compare_ops)

# Every code unit carries an argument byte (see the module docstring).
HAVE_ARGUMENT = 0
EXTENDED_ARG = _opcode._EXTENDED_ARG

opname = ['<%r>' % (op,) for op in range(256)]
opmap = {}
for _op, _name in enumerate(_opcode._opnames):
    opname[_op] = _name
    opmap[_name] = _op

# The argument kind of every opcode, by the names opcodes.def uses:
# NONE INT CONST NAME LOCAL FREE GLOBAL JFWD JBACK CMP BINOP.
_arg_kinds = {op: kind for op, kind in enumerate(_opcode._arg_kinds)}


def _having(*kinds):
    return [op for op, kind in _arg_kinds.items() if kind in kinds]


hasarg = _having('INT', 'CONST', 'NAME', 'LOCAL', 'FREE', 'GLOBAL', 'JFWD', 'JBACK',
                 'CMP', 'BINOP')
hasconst = _having('CONST')
# LOAD_GLOBAL's argument is a name index shifted left by one; bit 0 says whether it also
# pushes NULL (as in CPython 3.11, where it is in hasname too).
hasname = _having('NAME', 'GLOBAL')
hasjrel = _having('JFWD', 'JBACK')
hasjabs = []
haslocal = _having('LOCAL')
hasfree = _having('FREE')
hascompare = _having('CMP')
hasnargs = []  # as in CPython 3.11: no opcode's argument is an argument count pair

# kaa's own refinements, used by dis.
_hasjback = _having('JBACK')        # relative jumps backward; the others go forward
_hasglobal = _having('GLOBAL')      # the NULL bit in bit 0 of the argument
_hasbinop = _having('BINOP')        # the argument indexes _nb_ops

# BINARY_OP's argument: the plain operators, then the same operators in place.
_nb_ops = ([('NB_' + name, symbol) for name, symbol in _opcode._binary_ops] +
           [('NB_INPLACE_' + name, symbol + '=') for name, symbol in _opcode._binary_ops])

# No CACHE entries in co_code and no specialised forms (see the module docstring).
_inline_cache_entries = [0] * 256
_specializations = {}
_specialized_instructions = []
_specialization_stats = []
# The instructions the VM gives an out-of-line cache (objects/code.c, vm/eval.c).
_cached_opcodes = list(_opcode._cached)

del _op, _name
