match x:
    case 1 | 2 | -3 | 1+2j | -1-2j | "a" "b" | b"c" | None | True | False:
        pass
    case [a, *b, _] | (c, d) | [] | ():
        pass
    case {"a": 1, **rest} | {} | {1: _, a.b: c}:
        pass
    case Point(x=1, y=2) | Point(1, 2) | Point() | a.b.C(d, e=f):
        pass
    case (a as b) | [*_]:
        pass
    case _ if x > 1:
        pass
