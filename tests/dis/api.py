# The public interface of dis and opcode, as CPython 3.11 has it: what each entry point
# accepts, the errors it raises, the text it prints where that text does not depend on the
# instructions (raw bytes listings, hand-made Instructions, code_info fields, headers), and
# the facts that tie the two modules together. Expected output: CPython's.
import dis
import io
import opcode
import sys


def show(label, f, *args, **kwargs):
    try:
        print(label, "->", repr(f(*args, **kwargs)))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


def listing(x, **kwargs):
    out = io.StringIO()
    dis.dis(x, file=out, **kwargs)
    return out.getvalue()


print("== __all__")
print(dis.__all__)
print(opcode.__all__)

print("== errors")
for bad in (42, [1], None.__class__, 1.5):
    show("dis(%r)" % (bad,), listing, bad)
for entry in (dis.code_info, dis.Bytecode, dis.get_instructions, dis.show_code):
    show(entry.__name__, entry, 42)
show("distb()", dis.distb)
show("dis()", dis.dis)

print("== Instruction and Positions")
print(dis.Instruction._fields)
print(dis.Positions._fields, dis.Positions())
print(dis.Instruction("X", 1, None, None, "", 0, None, False).positions)
LOAD_FAST = opcode.opmap["LOAD_FAST"]
cases = [
    dis.Instruction("LOAD_FAST", LOAD_FAST, 0, "x", "x", 10, 5, True, None),
    dis.Instruction("LOAD_FAST", LOAD_FAST, 300, "x", "", 10, None, False, None),
    dis.Instruction("NOP", 9, None, None, "", 4, 1234, False, None),
    dis.Instruction("A_VERY_LONG_INSTRUCTION_NAME", 1, 7, 7, "seven", 2, 1, True),
]
for ins in cases:
    print(repr(ins._disassemble()))
    print(repr(ins._disassemble(lineno_width=0)))
    print(repr(ins._disassemble(lineno_width=5, mark_as_current=True, offset_width=6)))

print("== raw bytes")
op = opcode.opmap
raw = bytes([op["LOAD_CONST"], 0, op["JUMP_FORWARD"], 1, op["LOAD_FAST"], 3,
             op["POP_TOP"], 0, op["EXTENDED_ARG"], 1, op["LOAD_CONST"], 2,
             op["FORMAT_VALUE"], 6, op["FORMAT_VALUE"], 4, op["FORMAT_VALUE"], 1,
             op["MAKE_FUNCTION"], 9, op["MAKE_FUNCTION"], 0, op["JUMP_BACKWARD"], 5,
             op["RETURN_VALUE"], 0])
print(listing(raw), end="")
print(listing(bytearray(raw[:4])), end="")
print(dis.findlabels(raw))
for ins in dis.get_instructions(compile("pass", "s", "exec")):
    pass
print([(i.offset, i.opname, i.arg, i.argval, i.argrepr)
       for i in dis._get_instructions_bytes(raw) if i.opname != "LOAD_CONST"])

print("== code_info")


def f(a, b, /, c, *args, d, e=1, **kw):
    x = a
    def g():
        return x + b
    return g


def gen():
    yield 1


async def coro():
    pass


info = dis.code_info(f).split("\n")
print(info[0])
print(info[1] == "Filename:          " + f.__code__.co_filename)
print("\n".join(info[2:6]))
print(info[6][:19], info[6][19:].isdigit())
print(info[7])
print("\n".join(info[info.index("Variable names:"):]))
g = f(1, 2, 3, d=4)
print("\n".join(dis.code_info(g).split("\n")[-3:]))
print(dis.code_info(gen).split("\n")[7])
print(dis.code_info(coro).split("\n")[7])
print(dis.code_info(lambda: 0).split("\n")[0])
print(dis.code_info("a + 1").split("\n")[:2])
print(dis.code_info("a = 1").split("\n")[7])
out = io.StringIO()
dis.show_code(f, file=out)
print(out.getvalue() == dis.code_info(f) + "\n")
print(dis.Bytecode(f).info() == dis.code_info(f))
print(dis.pretty_flags(0), "|", dis.pretty_flags(3), "|", dis.pretty_flags(0x100000), "|",
      dis.pretty_flags(0x20 | 1 << 40))
print(sorted(dis.COMPILER_FLAG_NAMES.items()))

print("== what dis accepts")


class C:
    def method(self):
        return self

    @staticmethod
    def static():
        return 1

    @classmethod
    def klass(cls):
        return cls

    class Inner:
        def deep(self):
            return 2

    data = 5


def headers(text):
    return [line for line in text.split("\n") if line.startswith("Disassembly of")]


def masked(line):
    line = line.replace(f.__code__.co_filename, "FILE")
    if " at 0x" in line:
        head, _, tail = line.partition(" at 0x")
        return head + " at 0x..." + tail[tail.index(","):]
    return line


print(headers(listing(C)))
print(listing(C.method) == listing(C.__dict__["method"]) == listing(C().method))
print(listing(C.__dict__["static"]) == listing(C.static))
print(listing(C.__dict__["klass"]) == listing(C.klass.__func__))
print(listing(gen()) == listing(gen) == listing(gen.__code__))
c = coro()
print(listing(c) == listing(coro))
c.close()
print([masked(h) for h in headers(listing(f))])
print([masked(h) for h in headers(listing(f, depth=0))])
src = "def outer():\n    def inner():\n        return lambda: 1\n    return inner\n"
print([masked(h) for h in headers(listing(src))])
print([masked(h) for h in headers(listing(src, depth=1))])
print(listing("x = 1") == listing(compile("x = 1", "<dis>", "exec")))
print(listing("x + 1") == listing(compile("x + 1", "<dis>", "eval")))
print(repr(dis.Bytecode(f))[:22], repr(dis.Bytecode("x"))[:22])
print(dis.Bytecode("x").codeobj.co_filename)
code = f.__code__
print(list(dis.Bytecode(f)) == list(dis.get_instructions(code)) or
      "only handler targets differ")
print(all(isinstance(i, dis.Instruction) for i in dis.Bytecode(f)))
print(dis.Bytecode(f).dis() == listing(f).split("\nDisassembly of")[0].rstrip("\n") + "\n")
print(dis.Bytecode(f).first_line == code.co_firstlineno)
shifted = dis.Bytecode(f, first_line=1000)
starts = dict(dis.findlinestarts(code))
print(shifted.first_line,
      all(i.starts_line == starts[i.offset] + 1000 - code.co_firstlineno
          for i in shifted if i.starts_line is not None),
      all(i.starts_line == starts[i.offset] + 1000 - code.co_firstlineno
          for i in dis.get_instructions(f, first_line=1000) if i.starts_line is not None))
print(sorted({line for _, line in dis.findlinestarts(code)} - {code.co_firstlineno}))

print("== tracebacks")


def fails(n):
    return n / 0


try:
    fails(1)
except ZeroDivisionError as e:
    tb = e.__traceback__
last = tb
while last.tb_next:
    last = last.tb_next
out = io.StringIO()
dis.distb(last, file=out)
current = [line for line in out.getvalue().split("\n") if "-->" in line]
print(len(current), current[0].split()[2:] if current else None)
b = dis.Bytecode.from_traceback(tb)
print(b.codeobj is fails.__code__, b.current_offset == last.tb_lasti)
print([line for line in b.dis().split("\n") if "-->" in line] == current)
out = io.StringIO()
dis.disassemble(fails.__code__, last.tb_lasti, file=out)
print([line for line in out.getvalue().split("\n") if "-->" in line] == current)
print(dis.disco is dis.disassemble)

print("== column widths")
many_lines = "\n" * 1200 + "x = 1\n"
text = listing(many_lines).split("\n")
first = [line for line in text if line.startswith("1201 ")]
print(len(first), first[0].index("LOAD_CONST"))
store = [line for line in text if "STORE_NAME" in line][0]
print(repr(store[:5]), store.index("STORE_NAME"))
long_code = "a = 0\n" * 3000
text = listing(long_code).split("\n")
ret = [line for line in text if "RETURN_VALUE" in line][0]
print(ret.index("RETURN_VALUE"), len(ret.split()[0]))

print("== opcode")
print(len(opcode.opname), all(opcode.opname[v] == k for k, v in opcode.opmap.items()))
print(all(opcode.opname[i] == "<%d>" % i for i in range(256) if i not in opcode.opmap.values()))
print(opcode.cmp_op)
print(opcode.hascompare == [opcode.opmap["COMPARE_OP"]])
print(opcode.hasjabs, opcode.hasnargs)
for name, table in [("LOAD_CONST", "hasconst"), ("KW_NAMES", "hasconst"),
                    ("LOAD_NAME", "hasname"), ("LOAD_GLOBAL", "hasname"),
                    ("LOAD_ATTR", "hasname"), ("IMPORT_NAME", "hasname"),
                    ("LOAD_FAST", "haslocal"), ("STORE_FAST", "haslocal"),
                    ("DELETE_FAST", "haslocal"), ("LOAD_DEREF", "hasfree"),
                    ("STORE_DEREF", "hasfree"), ("LOAD_CLOSURE", "hasfree"),
                    ("MAKE_CELL", "hasfree"), ("LOAD_CLASSDEREF", "hasfree"),
                    ("JUMP_FORWARD", "hasjrel"), ("JUMP_BACKWARD", "hasjrel"),
                    ("FOR_ITER", "hasjrel"), ("SEND", "hasjrel")]:
    print(name, table, opcode.opmap[name] in getattr(opcode, table))
print(opcode.opmap["EXTENDED_ARG"] == opcode.EXTENDED_ARG == dis.EXTENDED_ARG)
print(opcode._nb_ops)
print(dis.FORMAT_VALUE_CONVERTERS, dis.MAKE_FUNCTION_FLAGS)
print(dis.FORMAT_VALUE == op["FORMAT_VALUE"], dis.MAKE_FUNCTION == op["MAKE_FUNCTION"],
      dis.LOAD_CONST == op["LOAD_CONST"], dis.BINARY_OP == op["BINARY_OP"])

print("== stack_effect")
se = opcode.stack_effect
show("POP_TOP", se, op["POP_TOP"])
show("LOAD_CONST 0", se, op["LOAD_CONST"], 0)
show("BUILD_TUPLE 3", se, op["BUILD_TUPLE"], 3)
show("BUILD_MAP 2", se, op["BUILD_MAP"], 2)
show("FOR_ITER jump", se, op["FOR_ITER"], 0, jump=True)
show("FOR_ITER fall", se, op["FOR_ITER"], 0, jump=False)
show("FOR_ITER max", se, op["FOR_ITER"], 0)
show("JUMP_IF_TRUE_OR_POP jump", se, op["JUMP_IF_TRUE_OR_POP"], 0, jump=True)
show("JUMP_IF_TRUE_OR_POP fall", se, op["JUMP_IF_TRUE_OR_POP"], 0, jump=False)
show("POP_TOP with oparg", se, op["POP_TOP"], 0)
show("LOAD_CONST without oparg", se, op["LOAD_CONST"])
show("LOAD_CONST None", se, op["LOAD_CONST"], None)
show("jump='x'", se, op["LOAD_CONST"], 0, jump="x")
show("jump=1", se, op["LOAD_CONST"], 0, jump=1)
show("3 positional", se, op["LOAD_CONST"], 0, 1)
show("no argument", se)
show("opcode by keyword", se, opcode=1)
show("unknown keyword", se, op["LOAD_CONST"], 0, foo=1)
show("str opcode", se, "x")
show("float opcode", se, 1.5)
show("str oparg", se, op["LOAD_CONST"], "x")
show("huge opcode", se, 2 ** 40)
show("invalid opcode", se, 255, 0)

print("== modulefinder's helpers")
mod = compile("import a.b\nfrom c import d, e\nfrom . import f\nx = 1\n"
              "def h():\n    global y\n    y = 2\n", "m", "exec")
print(list(dis._find_imports(mod)))
print(list(dis._find_store_names(mod)))
