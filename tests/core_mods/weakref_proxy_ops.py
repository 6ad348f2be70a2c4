# A proxy as the right operand of a built-in sequence operator: list + proxy goes to the
# proxy's reflected slot (CPython tries the right operand's number slot before the
# sequence's concatenation).
import weakref


class L(list):
    pass


lst = L([1, 2])
p = weakref.proxy(lst)
print([0] + p, (3 * p)[:3])
S = type("S", (str,), {})
s = S("cd")
print("ab" + weakref.proxy(s))
