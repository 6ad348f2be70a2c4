# Sequence + and * with reflected operands, and the sequence error messages when both decline.
import weakref
class R:
    def __radd__(self, o): return ('radd', o)
    def __rmul__(self, o): return ('rmul', o)
class L(list): pass
for e in ["'a' + R()", "[1] + R()", "(1,) + R()", "b'x' + R()", "bytearray(b'x') + R()", "[1]*R()", "'a'*R()",
          "'a' + 1", "[1] + 1", "(1,) + 1", "b'x' + 1", "bytearray() + 1", "[1]*2.5", "2.5*'a'", "'a'*'b'",
          "1 + 'a'", "[] + ()", "L([1]) + (2,)"]:
    try: print(e, '->', eval(e))
    except Exception as x: print(e, '!!', type(x).__name__, x)
for stmt in ["t = (1,); t += 5", "s = 'a'; s += 5", "b = b''; b += 5", "ba = bytearray(); ba += 5", "l = []; l *= 2.5", "t = (); t *= 'x'", "l=[]; l += 5"]:
    try: exec(stmt); print(stmt, 'ok')
    except Exception as x: print(stmt, '!!', type(x).__name__, x)
from array import array
try: array('i') + 1
except TypeError as e: print(e)
