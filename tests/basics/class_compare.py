# rich comparisons, __eq__/__hash__, reflection of comparisons, total ordering by hand.

class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __repr__(self):
        return 'Ver' + repr(self.parts)
    def __eq__(self, o):
        print('eq', self.parts, getattr(o, 'parts', o))
        if not isinstance(o, Ver):
            return NotImplemented
        return self.parts == o.parts
    def __lt__(self, o):
        print('lt', self.parts, o.parts)
        return self.parts < o.parts
    def __le__(self, o):
        return self.parts <= o.parts
    def __hash__(self):
        return hash(self.parts)

a, b = Ver(1, 2), Ver(1, 3)
print(a == b, a != b, a < b, a <= b)
print(a > b)      # reflected: b < a
print(a >= b)     # reflected: b <= a
print(a == Ver(1, 2), a != Ver(1, 2))
print(a == 5)     # NotImplemented both ways -> identity
print(5 == a)
print(sorted([Ver(3), Ver(1), Ver(2)]))
print(max([Ver(3), Ver(1), Ver(2)]), min(Ver(2), Ver(5)))
print(len({Ver(1), Ver(1), Ver(2)}))
d = {Ver(1): 'one'}
print(d[Ver(1)])
print(Ver(1) in [Ver(0), Ver(1)])

# __eq__ without __hash__ makes unhashable
class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__, e)
try:
    {EqOnly()}
except TypeError as e:
    print(type(e).__name__, e)

# explicit __hash__ = None
class NoHash:
    __hash__ = None
try:
    hash(NoHash())
except TypeError as e:
    print(type(e).__name__, e)

# inherited hash stays when subclass does not define __eq__
class H:
    def __hash__(self):
        return 42
class H2(H):
    pass
print(hash(H()), hash(H2()))

# default identity equality and hash consistency
class Plain:
    pass
p = Plain()
print(p == p, p != p, p == Plain(), hash(p) == hash(p))

# __ne__ default inverts __eq__
class OnlyEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
print(OnlyEq(1) != OnlyEq(1), OnlyEq(1) != OnlyEq(2))

# __eq__ returning non-bool
class Weird:
    def __eq__(self, o):
        return 'weird'
    def __lt__(self, o):
        return [1]
print(Weird() == 1, Weird() < 1, Weird() != 1)
if Weird() < 1:
    print('list is truthy')

# comparison of mixed builtins
print(1 == 1.0, 1 == True, 0 == False, 'a' == 'a', (1, 2) == (1, 2), [1] == (1,))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), [2] > [1, 9], 'abc' < 'abd', 'Z' < 'a')
print(None == None, None is None, None != 0)
try:
    (1, 'a') < (1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    None < None
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1, 2] < [1, 'x']
except TypeError as e:
    print(type(e).__name__, e)
try:
    {} < {}
except TypeError as e:
    print(type(e).__name__, e)

# nan comparisons and identity in containers
nan = float('nan')
print(nan == nan, nan != nan, nan < 1, [nan] == [nan], nan in [nan])

# subclass rich comparison priority
class Base:
    def __lt__(self, o):
        return 'Base.lt'
    def __gt__(self, o):
        return 'Base.gt'
class Sub(Base):
    def __gt__(self, o):
        return 'Sub.gt'
    def __lt__(self, o):
        return 'Sub.lt'
print(Base() < Sub(), Sub() < Base())

# __eq__ used by list.index, count, remove, in
class Any:
    def __eq__(self, o):
        return True
print([1, 2, 3].index(Any()), [1, 2, 3].count(Any()), Any() in [7])

# __hash__ must return int
class BadHash:
    def __hash__(self):
        return 'x'
try:
    hash(BadHash())
except TypeError as e:
    print(type(e).__name__, e)

class BigHash:
    def __hash__(self):
        return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100))

# hash of builtins equal values
print(hash(1) == hash(1.0) == hash(True), hash(0) == hash(0.0) == hash(False))
print(hash((1, 2)) == hash((1, 2)), hash(-1), hash(-2))
try:
    hash([])
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash({})
except TypeError as e:
    print(type(e).__name__, e)
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
