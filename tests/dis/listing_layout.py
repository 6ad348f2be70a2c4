# dis listings follow CPython's column layout, checked on every code object of real code.
#
# kaa's bytecode is its own, so this test prints only facts that hold for any correct dis
# (the expected output is CPython's): each listing line is what CPython's layout rules make of
# the instruction (line number column, '>>' marker, offset, name padded to 20, argument
# right-aligned in 5, description in parentheses); every '>>' marks a jump or handler target
# and every target is marked; line numbers agree with co_lines(); positions with
# co_positions(); get_instructions() gives back co_code byte for byte; nested code objects
# follow their parent under "Disassembly of <code object ...>:" headers.
import dis
import io
import os
import sys

# The library kaa runs (DESIGN.md); CPython reads the same files, whatever its own is.
LIB = "/usr/lib/python3.11"
problems = []


def problem(where, what):
    if len(problems) < 20:
        print("PROBLEM", where, what)
    problems.append(what)


def line_starts(co):
    starts, last = {}, None
    for start, _end, line in co.co_lines():
        if line is not None and line != last:
            starts[start] = line
            last = line
    return starts


def layout(ins, lineno_width, offset_width):
    fields = []
    if lineno_width:
        text = '' if ins.starts_line is None else str(ins.starts_line)
        fields.append(text.rjust(lineno_width))
    fields.append('   ')
    fields.append('>>' if ins.is_jump_target else '  ')
    fields.append(str(ins.offset).rjust(offset_width))
    fields.append(ins.opname.ljust(20))
    if ins.arg is not None:
        fields.append(str(ins.arg).rjust(5))
        if ins.argrepr:
            fields.append('(' + ins.argrepr + ')')
    return ' '.join(fields).rstrip()


def check_args(co, ins, offsets, where):
    op = ins.opcode
    if op in dis.hasjrel:
        if ins.argval not in offsets or ins.argrepr != 'to %d' % ins.argval:
            problem(where, "jump %r to %r" % (ins.opname, ins.argval))
    elif op in dis.hasconst and ins.argrepr:
        if ins.argval is not co.co_consts[ins.arg] or ins.argrepr != repr(ins.argval):
            problem(where, "const %r" % (ins,))
    elif op in dis.hasname:
        index = ins.arg >> 1 if ins.opname == 'LOAD_GLOBAL' else ins.arg
        if ins.argval != co.co_names[index] or not ins.argrepr.endswith(ins.argval):
            problem(where, "name %r" % (ins,))
    elif op in dis.haslocal:
        if ins.argval not in co.co_varnames or ins.argrepr != ins.argval:
            problem(where, "local %r" % (ins,))
    elif op in dis.hasfree:
        if ins.argval not in co.co_varnames + co.co_cellvars + co.co_freevars:
            problem(where, "free %r" % (ins,))
    elif op in dis.hascompare:
        if ins.argval not in dis.cmp_op or ins.argrepr != ins.argval:
            problem(where, "compare %r" % (ins,))


def exception_entries(lines, where):
    """(start, end, target) of the ExceptionTable section of a listing."""
    entries = []
    if "ExceptionTable:" not in lines:
        return entries
    for text in lines[lines.index("ExceptionTable:") + 1:]:
        words = text.split()
        ok = (text.startswith("  ") and len(words) in (6, 7) and words[1] == "to" and
              words[3] == "->" and words[5].startswith("[") and words[5].endswith("]") and
              words[6:] in ([], ["lasti"]))
        if not ok:
            problem(where, "exception table line %r" % text)
            continue
        entries.append((int(words[0]), int(words[2]), int(words[4])))
    return entries


extended_jumps = 0


def check_code(co, where):
    global extended_jumps
    out = io.StringIO()
    dis.disassemble(co, file=out)
    lines = out.getvalue().split("\n")
    if lines[-1] != "":
        problem(where, "listing does not end with a newline")
    lines = lines[:-1]
    instrs = list(dis.Bytecode(co))
    offsets = {ins.offset for ins in instrs}
    starts = line_starts(co)
    positions = list(co.co_positions())
    lineno_width = 0
    if starts:
        lineno_width = max(3, len(str(max(starts.values()))))
    offset_width = max(4, len(str(len(co.co_code) - 2)))
    body = lines[:lines.index("ExceptionTable:")] if "ExceptionTable:" in lines else lines
    expected = []
    for ins in instrs:
        if ins.starts_line is not None and ins.offset > 0:
            expected.append("")
        expected.append(layout(ins, lineno_width, offset_width))
    if body != expected:
        for a, b in zip(body + ["<none>"] * len(expected), expected + ["<none>"] * len(body)):
            if a != b:
                problem(where, "line %r, expected %r" % (a, b))
                break
    targets = set()
    for ins in instrs:
        if ins.starts_line != starts.get(ins.offset):
            problem(where, "starts_line of %d" % ins.offset)
        if ins.positions != dis.Positions(*positions[ins.offset // 2]):
            problem(where, "positions of %d" % ins.offset)
        check_args(co, ins, offsets, where)
        if ins.opcode in dis.hasjrel:
            targets.add(ins.argval)
            if ins.arg > 255:
                extended_jumps += 1
    for start, end, target in exception_entries(lines, where):
        if start not in offsets or end % 2 or end >= len(co.co_code) or start > end:
            problem(where, "exception range %d to %d" % (start, end))
        targets.add(target)
    marked = {ins.offset for ins in instrs if ins.is_jump_target}
    if marked != targets:
        problem(where, "'>>' at %s, targets %s" % (sorted(marked), sorted(targets)))
    jumps = {ins.argval for ins in instrs if ins.opcode in dis.hasjrel}
    if set(dis.findlabels(co.co_code)) != jumps:
        problem(where, "findlabels is not the set of jump targets")
    marked = {ins.offset for ins in dis.get_instructions(co) if ins.is_jump_target}
    if marked != jumps:
        problem(where, "get_instructions marks %s, jumps go to %s" % (marked, jumps))
    units = b"".join(bytes([ins.opcode, (ins.arg or 0) & 0xFF])
                     for ins in dis.get_instructions(co, show_caches=True))
    if units != co.co_code:
        problem(where, "get_instructions does not give back co_code")


def expected_recursive(co):
    out = io.StringIO()
    dis.disassemble(co, file=out)
    text = out.getvalue()
    for const in co.co_consts:
        if hasattr(const, "co_code"):
            text += "\nDisassembly of %r:\n" % (const,) + expected_recursive(const)
    return text


def walk(co):
    yield co
    for const in co.co_consts:
        if hasattr(const, "co_code"):
            yield from walk(const)


def check_source(name, source):
    top = compile(source, name, "exec")
    count = 0
    for co in walk(top):
        check_code(co, "%s:%s:%d" % (name, co.co_name, co.co_firstlineno))
        count += 1
    out = io.StringIO()
    dis.dis(top, file=out)
    if out.getvalue() != expected_recursive(top):
        problem(name, "dis() of the module is not each code object under its header")
    print(name, "code objects:", count)


SAMPLE = '''
import sys as system
from os import path, sep
GLOBAL = 1

def plain(a, b=2, *args, c, d=4, **kw):
    """doc"""
    x = a + b * c - d / 2 // 3 % 4 ** 5 @ 6 << 7 >> 8 & 9 | 10 ^ 11
    x += 1; x -= 2; x *= 3; x **= 2; x //= 5; x |= 1
    y = not x and (x or -x) and ~x and +x
    if a < b <= c == d != x > y >= 0 or a is None or b is not None or a in kw or b not in kw:
        return [i * i for i in args if i]
    elif a:
        del x
    else:
        pass
    return {k: v for k, v in kw.items()}, {i for i in args}, (i for i in args)

def loops(n):
    total = 0
    for i in range(n):
        if i % 2:
            continue
        while total < i:
            total += 1
            if total > 100:
                break
        else:
            total -= 1
    else:
        total = -total
    return total

def handlers(f):
    try:
        f()
    except ValueError as e:
        raise RuntimeError("x") from e
    except (TypeError, KeyError):
        pass
    else:
        f(1)
    finally:
        f(2)
    with open(f) as a, open(f) as b:
        a.write(b.read())
    try:
        f()
    except* OSError as g:
        print(g)

def closures(a):
    b = 1
    def inner(c):
        nonlocal b
        b += c
        return a + b
    def reader():
        return b
    global GLOBAL
    GLOBAL = inner
    return inner, reader, lambda q=1, *, r=2: q + r + a

def generators(xs):
    yield 1
    yield from xs
    received = yield
    return received

async def coroutines(xs):
    async with xs as y:
        await y
    async for z in xs:
        print(z)
    return [await w async for w in xs]

def patterns(p):
    match p:
        case 0 | 1:
            return "small"
        case [a, b, *rest]:
            return a, b, rest
        case {"k": v, **others}:
            return v, others
        case str() as s if s:
            return s
        case Point(x=0, y=yy):
            return yy
        case _:
            return None

def strings(a, b):
    return f"{a!r:>{b}} {a!s} {a!a} {b:x} {a}" + "%s" % (a,)

def unpacking(seq):
    a, *b, c = seq
    d, e = e, d = seq[:2]
    seq[0], seq[1:3] = 1, [2, 3]
    print(*seq, **{"sep": ""}, end="")
    return a.b.c, seq[a:b:c]

def big(x):
    return [''' + ", ".join("%d" % i for i in range(300)) + '''] + [''' + " + ".join(
    "x" for _ in range(200)) + ''']

def long_jumps(x):
    if x:
''' + "".join("        x = x + %d\n" % i for i in range(150)) + '''
    return x

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    @property
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    @staticmethod
    def origin():
        return Point(0, 0)
    @classmethod
    def make(cls):
        return super().__new__(cls)
    class Inner:
        attr: int = 3
'''

check_source("<sample>", SAMPLE)
for module in ("bisect", "heapq", "textwrap", "string", "fnmatch", "dataclasses", "argparse",
               "enum", "typing", "asyncio/tasks", "json/decoder", "pathlib"):
    path = os.path.join(LIB, module + ".py")
    with open(path, "rb") as f:
        check_source(module, f.read().decode("utf-8"))
print("jumps with EXTENDED_ARG:", extended_jumps > 0)
print("problems:", len(problems))
