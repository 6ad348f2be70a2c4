# Keyword binding of the numeric modules' functions: CPython's argument-clinic messages.
import math, _struct, _bisect, binascii, cmath
for t in ['math.prod(iterable=[1])', 'math.prod([2], start=3, start2=1)', 'math.prod(start=3)',
          'math.isclose(1, a=1)', 'math.isclose(b=1)', 'math.isclose(1, 1, 1e-9)', 'math.isclose()',
          '_struct.unpack_from("b", b"x", 0, offset=1)', '_struct.unpack_from(format="b", buffer=b"x")',
          '_struct.unpack_from("b", buffer=b"x", offset=0, x=1)', '_bisect.bisect_left([1], 1, 0, 1, key=None, lo=0)',
          '_bisect.bisect_left(x=1, a=[1, 2], hi=1)', 'binascii.b2a_base64(b"x", newline=0)',
          'binascii.b2a_base64(data=b"x")', 'binascii.b2a_qp(b"x", 1, 1, 1, 1)', 'binascii.b2a_hex(b"x", bytes_per_sep=2)',
          'binascii.a2b_base64(b"eA==", True)', 'cmath.isclose(1j, 1j, rel_tol=0.5, abs_tol=1)', 'binascii.b2a_hex()',
          'math.prod()', '_struct.Struct(format=1)', '_struct.Struct("i", format="q")']:
    try:
        print(t, repr(eval(t)))
    except Exception as e:
        print(t, type(e).__name__, e)
