"""Disassembler of kaa's bytecode into mnemonics.

kaa's own module with the public interface of CPython 3.11's `dis`: the listing has
CPython's columns (source line, current-instruction arrow, jump-target marker `>>`, offset,
instruction name, argument, and what the argument means in parentheses), but the
instructions are kaa's, as src/compile/opcodes.def defines them (see the `opcode` module).

Facts of kaa's bytecode this module relies on:
  * a code unit is two bytes, the opcode then its argument byte; EXTENDED_ARG units put
    higher argument bytes before an instruction;
  * jumps are relative to the unit after the jump, counted in code units, forward or
    backward according to the opcode;
  * co_exceptiontable is a list of entries of four unsigned varints (7 bits per byte, low
    group first, bit 7 set when more follows): start, length, handler (code units) and
    depth << 1 | lasti;
  * co_positions() gives one entry per code unit and co_lines() the line runs in bytes;
  * inline caches live beside the code object, so co_code has no CACHE entries.
"""

import sys
import types
import collections
import io

from opcode import *
from opcode import __all__ as _opcodes_all
from opcode import (_nb_ops, _inline_cache_entries, _specializations,
                    _specialized_instructions, _hasjback, _hasglobal, _hasbinop, hasarg)

__all__ = ["code_info", "dis", "disassemble", "distb", "disco",
           "findlinestarts", "findlabels", "show_code",
           "get_instructions", "Instruction", "Bytecode"] + _opcodes_all
del _opcodes_all

# The objects dis() looks into when it meets them in a class's or a module's namespace.
_have_code = (types.MethodType, types.FunctionType, types.CodeType,
              classmethod, staticmethod, type)

FORMAT_VALUE = opmap['FORMAT_VALUE']
FORMAT_VALUE_CONVERTERS = (
    (None, ''),
    (str, 'str'),
    (repr, 'repr'),
    (ascii, 'ascii'),
)
MAKE_FUNCTION = opmap['MAKE_FUNCTION']
MAKE_FUNCTION_FLAGS = ('defaults', 'kwdefaults', 'annotations', 'closure')

LOAD_CONST = opmap['LOAD_CONST']
LOAD_GLOBAL = opmap['LOAD_GLOBAL']
BINARY_OP = opmap['BINARY_OP']
JUMP_BACKWARD = opmap['JUMP_BACKWARD']

_hasjback = frozenset(_hasjback)
_hasglobal = frozenset(_hasglobal)
_hasbinop = frozenset(_hasbinop)
_hasarg = frozenset(hasarg)
_hasjrel = frozenset(hasjrel)
_hasconst = frozenset(hasconst)
_hasname = frozenset(hasname)
_hasvarname = frozenset(haslocal) | frozenset(hasfree)
_hascompare = frozenset(hascompare)

_OPNAME_WIDTH = 20
_OPARG_WIDTH = 5


# ---- flags --------------------------------------------------------------------------------------

COMPILER_FLAG_NAMES = {
    0x1: "OPTIMIZED",
    0x2: "NEWLOCALS",
    0x4: "VARARGS",
    0x8: "VARKEYWORDS",
    0x10: "NESTED",
    0x20: "GENERATOR",
    0x40: "NOFREE",
    0x80: "COROUTINE",
    0x100: "ITERABLE_COROUTINE",
    0x200: "ASYNC_GENERATOR",
}


def pretty_flags(flags):
    """The names of the CO_* bits set in *flags*, joined by commas (hex for unnamed bits)."""
    names = []
    bit = 1
    while flags and bit < (1 << 32):
        if flags & bit:
            names.append(COMPILER_FLAG_NAMES.get(bit, hex(bit)))
            flags &= ~bit
        bit <<= 1
    if flags or not names:
        # Bits above the 32 a code object has, or no bit at all.
        names.append(hex(flags))
    return ", ".join(names)


# ---- finding the code ---------------------------------------------------------------------------

def _try_compile(source, name):
    """Compile source as an expression if it is one, else as statements."""
    try:
        return compile(source, name, 'eval')
    except SyntaxError:
        pass
    return compile(source, name, 'exec')


def _unwrap(x):
    """The code object behind a method, function, generator or coroutine, else x itself."""
    if hasattr(x, '__func__'):
        x = x.__func__
    if hasattr(x, '__code__'):
        return x.__code__
    for attr in ('gi_code', 'ag_code', 'cr_code'):
        if hasattr(x, attr):
            return getattr(x, attr)
    return x


def _get_code_object(x):
    """The code object of x: anything dis() can disassemble except classes and modules."""
    x = _unwrap(x)
    if isinstance(x, str):
        x = _try_compile(x, "<disassembly>")
    if hasattr(x, 'co_code'):
        return x
    raise TypeError("don't know how to disassemble %s objects" % type(x).__name__)


def _get_code_array(co, adaptive):
    if adaptive:
        return getattr(co, '_co_code_adaptive', co.co_code)
    return co.co_code


# ---- code_info ----------------------------------------------------------------------------------

def code_info(x):
    """A text describing the code object of *x*: its names, counts, flags and tables."""
    return _format_code_info(_get_code_object(x))


def _numbered(title, items, fmt):
    if not items:
        return []
    return [title] + [fmt % (i, item) for i, item in enumerate(items)]


def _format_code_info(co):
    lines = [
        "Name:              %s" % co.co_name,
        "Filename:          %s" % co.co_filename,
        "Argument count:    %s" % co.co_argcount,
        "Positional-only arguments: %s" % co.co_posonlyargcount,
        "Kw-only arguments: %s" % co.co_kwonlyargcount,
        "Number of locals:  %s" % co.co_nlocals,
        "Stack size:        %s" % co.co_stacksize,
        "Flags:             %s" % pretty_flags(co.co_flags),
    ]
    lines += _numbered("Constants:", co.co_consts, "%4d: %r")
    lines += _numbered("Names:", co.co_names, "%4d: %s")
    lines += _numbered("Variable names:", co.co_varnames, "%4d: %s")
    lines += _numbered("Free variables:", co.co_freevars, "%4d: %s")
    lines += _numbered("Cell variables:", co.co_cellvars, "%4d: %s")
    return "\n".join(lines)


def show_code(co, *, file=None):
    """Print code_info(co) to *file* (sys.stdout when None)."""
    print(code_info(co), file=file)


# ---- instructions -------------------------------------------------------------------------------

Positions = collections.namedtuple(
    'Positions',
    ['lineno', 'end_lineno', 'col_offset', 'end_col_offset'],
    defaults=[None] * 4,
)

_Instruction = collections.namedtuple(
    "_Instruction",
    ['opname', 'opcode', 'arg', 'argval', 'argrepr', 'offset', 'starts_line',
     'is_jump_target', 'positions'],
    defaults=[None],
)

_ExceptionTableEntry = collections.namedtuple(
    "_ExceptionTableEntry", "start end target depth lasti")


class Instruction(_Instruction):
    """One instruction of a code object.

    Fields:
      opname          the instruction's name (opcode.opname[opcode])
      opcode          its number
      arg             its argument, EXTENDED_ARG prefixes included; None when it has none
      argval          what the argument designates (a constant, a name, a jump's target
                      offset...), else the argument itself
      argrepr         that value as the listing shows it between parentheses
      offset          where the instruction starts in co_code, in bytes
      starts_line     the source line it starts, or None
      is_jump_target  whether some jump (or exception handler entry) leads here
      positions       a dis.Positions: the source span it comes from
    """

    __slots__ = ()

    def _disassemble(self, lineno_width=3, mark_as_current=False, offset_width=4):
        """One line of the listing for this instruction.

        *lineno_width* sets the width of the line number column (0 omits it),
        *mark_as_current* puts the '-->' arrow before the instruction and *offset_width*
        sets the width of the offset column.
        """
        columns = []
        if lineno_width:
            if self.starts_line is None:
                columns.append(' ' * lineno_width)
            else:
                columns.append(str(self.starts_line).rjust(lineno_width))
        columns.append('-->' if mark_as_current else '   ')
        columns.append('>>' if self.is_jump_target else '  ')
        columns.append(str(self.offset).rjust(offset_width))
        columns.append(self.opname.ljust(_OPNAME_WIDTH))
        if self.arg is not None:
            columns.append(str(self.arg).rjust(_OPARG_WIDTH))
            if self.argrepr:
                columns.append('(' + self.argrepr + ')')
        return ' '.join(columns).rstrip()


_fields_doc = {
    'opname': "Name of the instruction",
    'opcode': "Number of the instruction",
    'arg': "Argument of the instruction, or None when it takes none",
    'argval': "What the argument designates, or the argument itself",
    'argrepr': "The argument's meaning as the listing shows it",
    'offset': "Offset of the instruction in co_code, in bytes",
    'starts_line': "Source line the instruction starts, or None",
    'is_jump_target': "Whether a jump leads to this instruction",
    'positions': "dis.Positions: the source span of the instruction",
}
for _field, _doc in _fields_doc.items():
    try:
        getattr(_Instruction, _field).__doc__ = _doc
    except (AttributeError, TypeError):
        pass  # field descriptors without a writable __doc__: the names say enough
del _field, _doc, _fields_doc


class _Unknown:
    """The value of an argument dis cannot resolve (raw bytecode without its tables)."""

    def __repr__(self):
        return "<unknown>"


UNKNOWN = _Unknown()


def _unpack_opargs(code):
    """(offset, opcode, argument) for every code unit of the bytes *code*.

    The argument includes what EXTENDED_ARG prefixes carried; it is None for opcodes whose
    argument byte means nothing."""
    extended = 0
    for offset in range(0, len(code) - 1, 2):
        op = code[offset]
        if op in _hasarg:
            arg = code[offset + 1] | extended
            if arg >= 1 << 31:  # the VM's argument is a C int
                arg -= 1 << 32
            extended = arg << 8 if op == EXTENDED_ARG else 0
        else:
            arg = None
            extended = 0
        yield offset, op, arg


def _jump_target(offset, op, arg):
    """The offset a relative jump at *offset* goes to (relative to the next unit)."""
    units = -arg if op in _hasjback else arg
    return offset + 2 + units * 2


def findlabels(code):
    """The offsets the jumps in the bytes *code* go to, each once, in order of appearance."""
    labels = []
    for offset, op, arg in _unpack_opargs(code):
        if arg is not None and op in _hasjrel:
            target = _jump_target(offset, op, arg)
            if target not in labels:
                labels.append(target)
    return labels


def findlinestarts(code):
    """(offset, line) wherever the code object's instructions move to another source line,
    from co_lines()."""
    last = None
    for start, _end, line in code.co_lines():
        if line is not None and line != last:
            last = line
            yield start, line


def _read_varint(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def _parse_exception_table(code):
    """The entries of co_exceptiontable, with offsets in bytes (end exclusive)."""
    table = code.co_exceptiontable
    entries = []
    pos = 0
    try:
        while pos < len(table):
            start, pos = _read_varint(table, pos)
            length, pos = _read_varint(table, pos)
            target, pos = _read_varint(table, pos)
            depth_lasti, pos = _read_varint(table, pos)
            entries.append(_ExceptionTableEntry(start * 2, (start + length) * 2, target * 2,
                                                depth_lasti >> 1, bool(depth_lasti & 1)))
    except IndexError:
        pass  # a truncated table: show what could be read
    return entries


def _varname_lookup(co):
    """A function giving the name of a localsplus slot: the slots hold the locals, then the
    cells that are not locals, then the free variables (as compile/assemble.c numbers them)."""
    if hasattr(co, '_varname_from_oparg'):
        return co._varname_from_oparg
    names = list(co.co_varnames)
    names += [name for name in co.co_cellvars if name not in co.co_varnames]
    names += list(co.co_freevars)
    return names.__getitem__


class _Tables:
    """What an argument may refer to: constants, names, localsplus slots (each may be
    missing when disassembling raw bytes)."""

    def __init__(self, co_consts=None, names=None, varname_from_oparg=None):
        self.consts = co_consts
        self.names = names
        self.varname = varname_from_oparg


def _describe(op, arg, offset, tables):
    """(argval, argrepr) of an instruction's argument."""
    if op in _hasconst:
        if tables.consts is None:
            return UNKNOWN, ''
        value = tables.consts[arg]
        return value, repr(value)
    if op in _hasglobal:
        if tables.names is None:
            return UNKNOWN, ''
        name = tables.names[arg >> 1]
        return name, ('NULL + ' + name) if arg & 1 else name
    if op in _hasname:
        if tables.names is None:
            return UNKNOWN, ''
        name = tables.names[arg]
        return name, name
    if op in _hasvarname:
        if tables.varname is None:
            return UNKNOWN, ''
        name = tables.varname(arg)
        return name, name
    if op in _hasjrel:
        target = _jump_target(offset, op, arg)
        return target, "to " + repr(target)
    if op in _hascompare:
        return cmp_op[arg], cmp_op[arg]
    if op in _hasbinop:
        return arg, _nb_ops[arg][1]
    if op == FORMAT_VALUE:
        converter, text = FORMAT_VALUE_CONVERTERS[arg & 0x3]
        with_spec = bool(arg & 0x4)
        if with_spec:
            text = text + ', with format' if text else 'with format'
        return (converter, with_spec), text
    if op == MAKE_FUNCTION:
        return arg, ', '.join(flag for bit, flag in enumerate(MAKE_FUNCTION_FLAGS)
                              if arg & (1 << bit))
    return arg, ''


def _get_instructions_bytes(code, varname_from_oparg=None, names=None, co_consts=None,
                            linestarts=None, line_offset=0, exception_entries=(),
                            co_positions=None, show_caches=False):
    """The Instructions of the bytes *code*. The tables the arguments refer to (slot names,
    co_names, co_consts), the line starts and the positions are optional: what is missing
    leaves arguments unresolved."""
    tables = _Tables(co_consts, names, varname_from_oparg)
    labels = set(findlabels(code))
    for entry in exception_entries:
        labels.add(entry.target)
    positions = iter(co_positions if co_positions is not None else ())
    for offset, op, arg in _unpack_opargs(code):
        starts_line = None
        if linestarts is not None:
            starts_line = linestarts.get(offset)
            if starts_line is not None:
                starts_line += line_offset
        if arg is None:
            argval, argrepr = None, ''
        else:
            argval, argrepr = _describe(op, arg, offset, tables)
        yield Instruction(opname[op], op, arg, argval, argrepr, offset, starts_line,
                          offset in labels, Positions(*next(positions, ())))


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    """An iterator of the Instructions of *x* (anything code_info accepts).

    With *first_line*, line numbers are shifted so that the code object's first line is
    reported as *first_line*.
    """
    # As CPython's: only jump targets count as targets here, not exception handlers (the
    # listings and Bytecode mark both).
    co = _get_code_object(x)
    line_offset = 0 if first_line is None else first_line - co.co_firstlineno
    return _get_instructions_bytes(_get_code_array(co, adaptive), _varname_lookup(co),
                                   co.co_names, co.co_consts, dict(findlinestarts(co)),
                                   line_offset, co_positions=co.co_positions(),
                                   show_caches=show_caches)


# ---- listings -----------------------------------------------------------------------------------

def _disassemble_bytes(code, lasti=-1, varname_from_oparg=None, names=None, co_consts=None,
                       linestarts=None, *, file=None, line_offset=0, exception_entries=(),
                       co_positions=None, show_caches=False):
    """Print the listing of the bytes *code*: one line per code unit, a blank line before
    each new source line, then the exception table."""
    if linestarts:
        highest = max(linestarts.values()) + line_offset
        lineno_width = 3 if highest < 1000 else len(str(highest))
    else:
        lineno_width = 0  # no line numbers at all: no column for them
    last_offset = len(code) - 2
    offset_width = 4 if last_offset < 10000 else len(str(last_offset))
    for instr in _get_instructions_bytes(code, varname_from_oparg, names, co_consts,
                                         linestarts, line_offset=line_offset,
                                         exception_entries=exception_entries,
                                         co_positions=co_positions):
        if lineno_width and instr.starts_line is not None and instr.offset > 0:
            print(file=file)
        print(instr._disassemble(lineno_width, instr.offset == lasti, offset_width),
              file=file)
    if exception_entries:
        print("ExceptionTable:", file=file)
        for entry in exception_entries:
            print("  %d to %d -> %d [%d]%s" % (entry.start, entry.end - 2, entry.target,
                                               entry.depth, " lasti" if entry.lasti else ""),
                  file=file)


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    """Print the listing of one code object, with '-->' at offset *lasti*."""
    _disassemble_bytes(_get_code_array(co, adaptive), lasti, _varname_lookup(co),
                       co.co_names, co.co_consts, dict(findlinestarts(co)), file=file,
                       exception_entries=_parse_exception_table(co),
                       co_positions=co.co_positions(), show_caches=show_caches)


disco = disassemble  # the old name


def _disassemble_recursive(co, *, file=None, depth=None, show_caches=False, adaptive=False):
    """Disassemble *co*, then the code objects among its constants, *depth* levels down
    (all of them when depth is None)."""
    disassemble(co, file=file, show_caches=show_caches, adaptive=adaptive)
    if depth is not None and depth <= 0:
        return
    inner = None if depth is None else depth - 1
    for const in co.co_consts:
        if hasattr(const, 'co_code'):
            print(file=file)
            print("Disassembly of %r:" % (const,), file=file)
            _disassemble_recursive(const, file=file, depth=inner, show_caches=show_caches,
                                   adaptive=adaptive)


def _disassemble_str(source, **kwargs):
    """Compile the source string, then disassemble the code object."""
    _disassemble_recursive(_try_compile(source, '<dis>'), **kwargs)


def _disassemble_namespace(x, *, file, depth, show_caches, adaptive):
    """dis() of a class or module: each function, method, class or code object in its
    namespace, by name."""
    for name, value in sorted(x.__dict__.items()):
        if not isinstance(value, _have_code):
            continue
        print("Disassembly of %s:" % name, file=file)
        try:
            dis(value, file=file, depth=depth, show_caches=show_caches, adaptive=adaptive)
        except TypeError as msg:
            print("Sorry:", msg, file=file)
        print(file=file)


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False):
    """Print the listing of *x*: a function, method, generator, coroutine, code object,
    source string or raw bytecode (with the code objects nested in it, *depth* levels down),
    or every such thing in a class or module. Without *x*, the last traceback's frame.
    """
    if x is None:
        distb(file=file, show_caches=show_caches, adaptive=adaptive)
        return
    x = _unwrap(x)
    options = dict(file=file, depth=depth, show_caches=show_caches, adaptive=adaptive)
    if hasattr(x, '__dict__'):
        _disassemble_namespace(x, **options)
    elif hasattr(x, 'co_code'):
        _disassemble_recursive(x, **options)
    elif isinstance(x, (bytes, bytearray)):
        _disassemble_bytes(x, file=file, show_caches=show_caches)
    elif isinstance(x, str):
        _disassemble_str(x, **options)
    else:
        raise TypeError("don't know how to disassemble %s objects" % type(x).__name__)


def distb(tb=None, *, file=None, show_caches=False, adaptive=False):
    """Print the listing of the code where traceback *tb* (else sys.last_traceback, to its
    innermost frame) stopped, with '-->' at that instruction."""
    if tb is None:
        try:
            tb = sys.last_traceback
        except AttributeError:
            raise RuntimeError("no last traceback to disassemble") from None
        while tb.tb_next:
            tb = tb.tb_next
    disassemble(tb.tb_frame.f_code, tb.tb_lasti, file=file, show_caches=show_caches,
                adaptive=adaptive)


class Bytecode:
    """The instructions of a function, method, generator, coroutine, code object or
    source string: iterating gives Instructions; info() and dis() give code_info and the
    listing as text."""

    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False,
                 adaptive=False):
        self.codeobj = co = _get_code_object(x)
        if first_line is None:
            self.first_line = co.co_firstlineno
            self._line_offset = 0
        else:
            self.first_line = first_line
            self._line_offset = first_line - co.co_firstlineno
        self._linestarts = dict(findlinestarts(co))
        self._original_object = x
        self.current_offset = current_offset
        self.exception_entries = _parse_exception_table(co)
        self.show_caches = show_caches
        self.adaptive = adaptive

    def __iter__(self):
        co = self.codeobj
        return _get_instructions_bytes(
            _get_code_array(co, self.adaptive), _varname_lookup(co), co.co_names,
            co.co_consts, self._linestarts, line_offset=self._line_offset,
            exception_entries=self.exception_entries, co_positions=co.co_positions(),
            show_caches=self.show_caches)

    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, self._original_object)

    @classmethod
    def from_traceback(cls, tb, *, show_caches=False, adaptive=False):
        """The Bytecode of the innermost frame of *tb*, at the instruction it stopped."""
        while tb.tb_next:
            tb = tb.tb_next
        return cls(tb.tb_frame.f_code, current_offset=tb.tb_lasti, show_caches=show_caches,
                   adaptive=adaptive)

    def info(self):
        """code_info() of the code object."""
        return _format_code_info(self.codeobj)

    def dis(self):
        """The listing of the code object (without its nested code objects)."""
        co = self.codeobj
        lasti = -1 if self.current_offset is None else self.current_offset
        with io.StringIO() as output:
            _disassemble_bytes(_get_code_array(co, self.adaptive), lasti,
                               _varname_lookup(co), co.co_names, co.co_consts,
                               self._linestarts, file=output, line_offset=self._line_offset,
                               exception_entries=self.exception_entries,
                               co_positions=co.co_positions(), show_caches=self.show_caches)
            return output.getvalue()


# ---- what modulefinder reads --------------------------------------------------------------------

def _find_imports(co):
    """(name, level, fromlist) of every import in *co*: IMPORT_NAME after the two
    LOAD_CONSTs of its level and fromlist."""
    IMPORT_NAME = opmap['IMPORT_NAME']
    units = [(op, arg) for _, op, arg in _unpack_opargs(co.co_code) if op != EXTENDED_ARG]
    for i, (op, arg) in enumerate(units):
        if op != IMPORT_NAME or i < 2:
            continue
        (level_op, level_arg), (from_op, from_arg) = units[i - 2], units[i - 1]
        if level_op == LOAD_CONST and from_op == LOAD_CONST:
            yield co.co_names[arg], co.co_consts[level_arg], co.co_consts[from_arg]


def _find_store_names(co):
    """The names *co* stores as module-level or global names."""
    stores = (opmap['STORE_NAME'], opmap['STORE_GLOBAL'])
    for _, op, arg in _unpack_opargs(co.co_code):
        if op in stores:
            yield co.co_names[arg]


# ---- python -m dis ------------------------------------------------------------------------------

_USAGE = "usage: %s [-h] [infile]\n"
_HELP = """
positional arguments:
  infile

options:
  -h, --help  show this help message and exit
"""


def _cli_error(prog, message):
    sys.stderr.write(_USAGE % prog)
    sys.stderr.write("%s: error: %s\n" % (prog, message))
    sys.exit(2)


def _open_infile(prog, name):
    """The input as argparse.FileType('rb') opens it: '-' is stdin."""
    if name == '-':
        return getattr(sys.stdin, 'buffer', sys.stdin), '<stdin>'
    try:
        return open(name, 'rb'), name
    except OSError as e:
        _cli_error(prog, "argument infile: can't open '%s': %s" % (name, e))


def main():
    """`python -m dis [infile]`: disassemble a source file (stdin when there is none or it
    is '-')."""
    # Parsed as argparse parses `[-h] [infile]`, left to right: the file is opened when it is
    # met, arguments left over are an error at the end. prog is argparse's: the script's
    # file name, 'dis.py' under -m.
    prog = sys.argv[0].replace('\\', '/').rsplit('/', 1)[-1] if sys.argv[0:1] else ''
    if not prog.endswith('.py'):
        prog = 'dis.py'
    infile = None
    extras = []
    only_positional = False
    for word in sys.argv[1:]:
        if not only_positional and word == '--':
            only_positional = True
        elif not only_positional and word.startswith('-') and word != '-':
            if word in ('-h', '--help') or (len(word) > 2 and '--help'.startswith(word)):
                sys.stdout.write(_USAGE % prog + _HELP)
                sys.exit(0)
            extras.append(word)
        elif infile is None:
            infile = _open_infile(prog, word)
        else:
            extras.append(word)
    if extras:
        _cli_error(prog, "unrecognized arguments: " + " ".join(extras))
    stream, name = infile if infile is not None else _open_infile(prog, '-')
    try:
        source = stream.read()
    finally:
        if name != '<stdin>':
            stream.close()  # stdin stays open (kaa's sys.stdin has no close() yet)
    dis(compile(source, name, "exec"))


_test = main  # its name before CPython 3.11.4


if __name__ == "__main__":
    main()
