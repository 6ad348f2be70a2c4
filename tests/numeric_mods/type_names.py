# Messages that name a built-in type of a C module: CPython uses the type's tp_name
# ("array.array") for subscripting a class, and the type's __name__ ("Random") when an unbound
# method descriptor is called without its object.
import _random
from array import array
try:
    array[int]
except TypeError as e:
    print(e)
try:
    _random.Random.random()
except TypeError as e:
    print(e)
try:
    _random.Random.random(1)
except TypeError as e:
    print(e)
try:
    array.append()
except TypeError as e:
    print(e)
