# list[int] and friends (types.GenericAlias), and int | str (types.UnionType).
import types

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list[int], dict[str, list[int]], tuple[int, ...], tuple[()], set[frozenset[int]])
print(type(list[int]), type(list[int]).__name__, type(list[int]).__module__)
a = list[int]
print(a.__origin__, a.__args__, a.__parameters__, a == list[int], a != list[str], a == list,
      hash(a) == hash(list[int]))
print(a([1, 2]), a(), list[int].append, list[int].__name__, dict[str, int].fromkeys('ab'))
class C(list[int]):
    pass
print(C.__bases__, C.__mro__, C([3]))
show(lambda: isinstance([], list[int]))
show(lambda: issubclass(list, list[int]))
print(types.GenericAlias(list, int), types.GenericAlias(dict, (str, int)))
show(lambda: types.GenericAlias(list))
print(types.MappingProxyType[int], frozenset[int], list.__class_getitem__(int), tuple[int, str])
print(list[int].__reduce__(), list[[int, str]], dict[..., int])

# type variables: anything with __typing_subst__
class TV:
    def __init__(self, name):
        self.name = name
    def __typing_subst__(self, arg):
        return arg
    def __repr__(self):
        return '~' + self.name
T, U = TV('T'), TV('U')
x = dict[T, list[U]]
print(x, x.__parameters__, x[int, str], list[T][str], dict[T, T].__parameters__, dict[T, T][bytes])
show(lambda: list[int][str])
show(lambda: dict[T, U][int])
show(lambda: dict[T, U][int, str, bytes])

# unions
u = int | str
print(u, type(u), u.__args__, int | None, None | int, int | int, int | str | int, list[int] | None)
print(isinstance(1, int | str), isinstance(1.5, int | str), issubclass(bool, int | None),
      (int | str) == (str | int), hash(int | str) == hash(str | int), int | list[int] | list[int])
print(isinstance(1, int | list[int]), isinstance(None, int | None), (int | None).__args__)
show(lambda: isinstance(1, str | list[int]))
show(lambda: int | 1)
show(lambda: 1 | int)
show(lambda: int | 'str')
class Meta(type):
    pass
class X(metaclass=Meta):
    pass
print(X | None, None | X, (int | T) if False else 'skip', str | bytes | None)
