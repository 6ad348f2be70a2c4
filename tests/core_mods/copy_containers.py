# copy.copy and copy.deepcopy of the _collections types and namedtuples (through their
# __reduce__ and object.__reduce_ex__).
import copy
from collections import OrderedDict, defaultdict, deque, namedtuple

P = namedtuple("P", "x y")
data = {"a": [1, 2, {"b": (3, 4)}], "p": P(1, [2]), "d": deque([1, [2]]), "dd": defaultdict(list, {"k": [1]})}
shallow = copy.copy(data)
deep = copy.deepcopy(data)
print(shallow == data, deep == data, shallow["a"] is data["a"], deep["a"] is data["a"])
print(deep["p"], deep["d"], deep["dd"], type(deep["dd"]).__name__, deep["d"][1] is data["d"][1])
print(copy.copy(OrderedDict(a=1)), copy.deepcopy(OrderedDict(b=[2])))

