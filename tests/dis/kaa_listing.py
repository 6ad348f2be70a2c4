# Two listings of kaa's own bytecode, written by hand from src/compile/opcodes.def and the
# compiler's rules (one code unit = 2 bytes; LOAD_GLOBAL's argument is name index << 1 | 1 when
# it also pushes NULL; jumps count code units from the unit after the jump; BINARY_OP's
# argument numbers the operators as CPython's NB_* do, +13 in place; the loop's backward jump
# carries the `for` line). CPython compiles to other instructions, so there the listings are
# not compared and the test prints the same lines unchecked: the expected output stays
# CPython's, as tests/regen makes it.
import dis
import io
import sys

SOURCE = """\
def f(a, b):
    if a:
        return a + b
    return -b

def g(n):
    total = 0
    for i in range(n):
        total += i
    return total
"""

EXPECTED = {
    "f": """\
  2           0 LOAD_FAST                0 (a)
              2 POP_JUMP_IF_FALSE        4 (to 12)

  3           4 LOAD_FAST                0 (a)
              6 LOAD_FAST                1 (b)
              8 BINARY_OP                0 (+)
             10 RETURN_VALUE

  4     >>   12 LOAD_FAST                1 (b)
             14 UNARY_NEGATIVE
             16 RETURN_VALUE
""",
    "g": """\
  7           0 LOAD_CONST               1 (0)
              2 STORE_FAST               1 (total)

  8           4 LOAD_GLOBAL              1 (NULL + range)
              6 LOAD_FAST                0 (n)
              8 CALL                     1
             10 GET_ITER
        >>   12 FOR_ITER                 6 (to 26)
             14 STORE_FAST               2 (i)

  9          16 LOAD_FAST                1 (total)
             18 LOAD_FAST                2 (i)
             20 BINARY_OP               13 (+=)
             22 STORE_FAST               1 (total)

  8          24 JUMP_BACKWARD            7 (to 12)

 10     >>   26 LOAD_FAST                1 (total)
             28 RETURN_VALUE
""",
}

namespace = {}
exec(compile(SOURCE, "<kaa_listing>", "exec"), namespace)
for name, expected in EXPECTED.items():
    out = io.StringIO()
    dis.dis(namespace[name], file=out)
    if sys.implementation.name == "kaa" and out.getvalue() != expected:
        print(name + ": differs")
        print(out.getvalue(), end="")
    else:
        print(name + ": as expected")
