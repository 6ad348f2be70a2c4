# structural pattern matching (3.10+).

def m(v):
    match v:
        case 0:
            return 'zero'
        case [x, y]:
            return 'pair %r %r' % (x, y)
        case [x, *rest]:
            return 'head %r rest %r' % (x, rest)
        case {'k': val, **others}:
            return 'dict k=%r others=%r' % (val, others)
        case str() as s if len(s) > 2:
            return 'long str ' + s
        case int(n) | float(n):
            return 'number %r' % (n,)
        case None | True:
            return 'None or True: %r' % (v,)
        case _:
            return 'other %r' % (v,)
for v in (0, [1, 2], (3, 4), [1, 2, 3], [], {'k': 3, 'j': 4}, 'abcd', 'ab', 7, 2.5, None, True, False):
    print(m(v))

class Point:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
def where(p):
    match p:
        case Point(0, 0):
            return 'origin'
        case Point(x=0, y=yy):
            return 'on y axis at %r' % yy
        case Point(xx, 0):
            return 'on x axis at %r' % xx
        case Point(x, y) if x == y:
            return 'diagonal'
        case Point():
            return 'somewhere'
        case _:
            return 'not a point'
for p in (Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), 'x'):
    print(where(p))

# literal, value patterns, capture, or-patterns with bindings
class Color:
    RED = 'red'
    BLUE = 'blue'
def color(c):
    match c:
        case Color.RED:
            return 'is red'
        case Color.BLUE | 'navy':
            return 'bluish'
        case 'a' | 'b' as letter:
            return 'letter ' + letter
        case other:
            return 'captured ' + repr(other)
for c in ('red', 'blue', 'navy', 'a', 'zzz'):
    print(color(c))

# nested patterns
def cmd(c):
    match c.split():
        case ['go', ('north' | 'south') as d]:
            return 'going ' + d
        case ['pick', 'up', *items] if items:
            return 'picking ' + ','.join(items)
        case ['quit' | 'exit']:
            return 'bye'
        case []:
            return 'empty'
        case _:
            return 'unknown'
for c in ('go north', 'go west', 'pick up a b', 'pick up', 'quit', '', 'dance'):
    print(cmd(c))

# mapping and class patterns with builtins
def kind(v):
    match v:
        case {'type': 'circle', 'r': r}:
            return 'circle %r' % r
        case {'type': t}:
            return 'shape ' + t
        case bool(b):
            return 'bool %r' % b
        case int(i) if i < 0:
            return 'negative'
        case (1, 2, 3):
            return 'one two three'
        case str(s):
            return 'str ' + s
        case bytes():
            return 'bytes'
        case {}:
            return 'some mapping'
    return 'fell through'
for v in ({'type': 'circle', 'r': 2}, {'type': 'sq'}, True, -3, 3, (1, 2, 3), [1, 2, 3], 'x', b'y', {'z': 1}):
    print(kind(v))

# strings are not sequences for patterns
match 'ab':
    case [a, b]:
        print('sequence', a, b)
    case _:
        print('str does not match sequence pattern')

# match with guard that has side effects; subject evaluated once
def subj():
    print('subject evaluated')
    return 5
match subj():
    case x if x > 10:
        print('big')
    case x if x > 1:
        print('medium', x)
