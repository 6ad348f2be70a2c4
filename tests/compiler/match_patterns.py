# The match statement: every pattern kind, guards, bindings, fall-through to later cases.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Color:
    RED = "red"
    GREEN = "green"


def describe(v):
    match v:
        case 0 | 1 | 2:
            return "small int %r" % (v,)
        case None:
            return "none"
        case True:
            return "true"
        case Color.RED:
            return "the red"
        case str() as s if len(s) > 3:
            return "long str " + s
        case str(s):
            return "short str " + s
        case [] | ():
            return "empty sequence"
        case [x]:
            return "one item %r" % (x,)
        case [x, y, *rest] if rest:
            return "head %r %r rest %r" % (x, y, rest)
        case (x, y):
            return "pair %r %r" % (x, y)
        case {"kind": "circle", "r": r}:
            return "circle r=%r" % (r,)
        case {"kind": k, **others}:
            return "kind %r others %r" % (k, sorted(others))
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return "on y axis at %r" % (yy,)
        case Point(xx, yy) if xx == yy:
            return "diagonal %r" % (xx,)
        case Point():
            return "some point"
        case int(n) | float(n) if n < 0:
            return "negative %r" % (n,)
        case {}:
            return "a mapping"
        case _:
            return "other %r" % (type(v).__name__,)


tests = [0, 2, None, True, "red", "hello", "hi", [], (), [7], (1, 2), [1, 2, 3, 4],
         {"kind": "circle", "r": 5}, {"kind": "square", "side": 3, "color": "b"},
         Point(0, 0), Point(0, 4), Point(3, 3), Point(1, 2), -5, -2.5, {"a": 1}, 3.5, 10,
         "seven", {1, 2}]
for t in tests:
    print(describe(t))


def nested(v):
    match v:
        case [Point(x=0), [a, b], {"k": [c, *_]}]:
            return a, b, c
        case [[[deep]]]:
            return deep
    return "no match"


print(nested([Point(0, 9), [1, 2], {"k": [3, 4, 5]}]))
print(nested([[["bottom"]]]))
print(nested([Point(1, 9), [1, 2], {"k": [3]}]))

match 42:
    case x:
        print("captured", x)

for value in (1, "a", [1, 2]):
    match value:
        case int():
            print("int")
        case str():
            print("str")
        case list(items):
            print("list", items)

try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print(type(e).__name__, e)

for source in ["match x:\n case a:\n  pass\n case b:\n  pass",
               "match x:\n case _:\n  pass\n case 1:\n  pass",
               "match x:\n case [a, a]:\n  pass",
               "match x:\n case a | b:\n  pass"]:
    try:
        compile(source, "<test>", "exec")
        print("compiled")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno)
