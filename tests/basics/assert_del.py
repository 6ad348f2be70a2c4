# assert (with and without message), del of names, items, attributes, slices.

assert True
assert 1 == 1, 'not shown'
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert 1 > 2, 'one is not greater than two'
except AssertionError as e:
    print(type(e).__name__, e, e.args)
try:
    assert [], ['message', 'list']
except AssertionError as e:
    print(e.args)
def msg():
    print('message evaluated')
    return 'lazy'
assert True, msg()
try:
    assert None, msg()
except AssertionError as e:
    print(e)
try:
    assert (0, 'tuple is truthy')
    print('assert on non-empty tuple passes')
except AssertionError:
    print('not here')
print(__debug__)

# del names
x = 1
del x
try:
    x
except NameError as e:
    print(type(e).__name__, e)
a, b, c = 1, 2, 3
del a, b
print('a' in dir(), 'b' in dir(), c)
try:
    del undefined_thing
except NameError as e:
    print(type(e).__name__, e)
def local_del():
    v = 1
    del v
    try:
        del v
    except UnboundLocalError as e:
        print(type(e).__name__, e)
local_del()

# del items
lst = list(range(10))
del lst[0]
del lst[-1]
print(lst)
del lst[2:4]
print(lst)
del lst[::2]
print(lst)
d = {'a': 1, 'b': 2, 'c': 3}
del d['b']
print(d)
try:
    del d['zz']
except KeyError as e:
    print(type(e).__name__, e)
try:
    del lst[100]
except IndexError as e:
    print(type(e).__name__, e)
nested = {'x': [1, {'y': 2, 'z': 3}]}
del nested['x'][1]['y']
print(nested)
del (lst[0]), d['a']
print(lst, d)
del [lst[0], d['c']]
print(lst, d)

# del attributes
class O:
    cls_attr = 'class'
o = O()
o.a = 1
o.b = 2
del o.a
print(vars(o))
try:
    del o.a
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del o.cls_attr
except AttributeError as e:
    print(type(e).__name__, e)
del O.cls_attr
print(hasattr(O, 'cls_attr'))

# __delitem__/__delattr__ hooks
class Hooks:
    def __delitem__(self, k):
        print('delitem', k)
    def __delattr__(self, n):
        print('delattr', n)
h = Hooks()
del h[1], h[1:2], h['k']
del h.anything

# del in loop
items = [1, 2, 3, 4]
while items:
    del items[0]
print(items)

# del a global from a function
gv = 'global'
def del_global():
    global gv
    del gv
del_global()
print('gv' in globals())

# del on tuple/str items fails
try:
    t = (1, 2)
    del t[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s = 'ab'
    del s[0]
except TypeError as e:
    print(type(e).__name__, e)
