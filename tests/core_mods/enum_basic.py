# enum on kaa's core modules.
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], list(Color), len(Color))
print(Color.RED.name, Color.RED.value, Color.RED is Color(1), Color.RED == 1, isinstance(Color.RED, Color))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)


class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1


print(Perm.R | Perm.W, int(Perm.R | Perm.X), Perm(7), Perm.R in Perm(6), list(Perm))


class Shape(enum.IntEnum):
    CIRCLE = 1
    SQUARE = 2


print(Shape.SQUARE + 1, Shape.CIRCLE < Shape.SQUARE, sorted([Shape.SQUARE, Shape.CIRCLE]))


class Auto(enum.Enum):
    A = enum.auto()
    B = enum.auto()


print(Auto.A.value, Auto.B.value)


@enum.unique
class U(enum.Enum):
    X = 1
    Y = 2


try:
    @enum.unique
    class Dup(enum.Enum):
        X = 1
        Y = 1
except ValueError as e:
    print("ValueError", e)
Animal = enum.Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)


class StrE(str, enum.Enum):
    A = "a"


print(StrE.A == "a", StrE("a"), format(Shape.CIRCLE), f"{Color.RED}")
print({Color.RED: 1}[Color.RED], Color.__members__.keys())
