# Pure-Python modules of the library that lean on kaa's core C modules: reprlib, heapq,
# keyword, types, collections.abc, operator-based sorting.
import heapq
import keyword
import reprlib
import types

print(reprlib.repr(list(range(100))), reprlib.repr("x" * 100), reprlib.repr({i: i for i in range(20)}))


class R:
    @reprlib.recursive_repr()
    def __repr__(self):
        return "R(%r)" % self.items


r = R()
r.items = [r]
print(repr(r))

h = []
for v in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, v)
print([heapq.heappop(h) for _ in range(3)], heapq.nlargest(2, [5, 1, 8, 3]), heapq.nsmallest(2, [5, 1, 8, 3]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])), heapq.nsmallest(2, ["bb", "a", "ccc"], key=len))
print(keyword.iskeyword("for"), keyword.iskeyword("print"), keyword.issoftkeyword("match"), len(keyword.kwlist) > 30)

ns = types.SimpleNamespace(a=1)
print(ns, types.MappingProxyType({"x": 1})["x"], isinstance(len, types.BuiltinFunctionType))
M = types.new_class("M", (), {}, lambda ns: ns.update(z=3))
print(M.z, types.FunctionType, type(types.coroutine))
