# dict views (keys, values, items): liveness, set operations, comparisons, repr; and
# mappingproxy.

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {1: 'a', 2: 'b', 3: 'c'}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i, len(k), len(v), len(i))
d[4] = 'd'
print(k, v, i, list(k), list(v), list(i))
print(1 in k, 5 in k, 'a' in v, (1, 'a') in i, (1, 'b') in i, 1 in i, (1,) in i, [1, 'a'] in i)
show(lambda: [] in k)
show(lambda: ([], 1) in i)
print(type(k).__name__, type(v).__name__, type(i).__name__)
print(k.mapping, v.mapping, i.mapping == d, type(k.mapping).__name__)
show(lambda: hash(k))
show(lambda: hash(i))
print(hash(v) == hash(v))

# set operations on keys and items (results are sets, in CPython's order)
a = dict.fromkeys(range(0, 20, 2))
b = dict.fromkeys(range(0, 20, 3))
ka, kb = a.keys(), b.keys()
print(ka & kb, ka | kb, ka - kb, ka ^ kb)
print(ka & {4, 6, 100}, {4, 6, 100} & ka, ka | {100}, {100} | ka, ka - {0, 2}, {0, 1} - ka,
      ka ^ {0, 1}, {0, 1} ^ ka)
print(ka & [2, 4, 5], ka | (7,), ka - range(10), ka ^ [0, 99], ka & iter([2, 3]))
show(lambda: ka & 1)
show(lambda: ka | None)
show(lambda: 1 - ka)
ia = {1: 'x', 2: 'y', 3: 'z'}.items()
ib = {2: 'y', 3: 'Z', 4: 'w'}.items()
print(sorted(ia & ib), sorted(ia | ib), sorted(ia - ib), sorted(ia ^ ib))
print(ia & {(1, 'x')}, ia - {(1, 'x'), (2, 'y')}, {(1, 'x'), 5} ^ ia == {5, (2, 'y'), (3, 'z')})
show(lambda: v & v)
show(lambda: v | {1})
e = {}.keys()
print(e & set(), e | set(), e - {1}, e ^ {1})
ints = {i: i for i in range(10)}
print(ints.items() ^ {i: i + (i % 3 == 0) for i in range(5, 15)}.items())
print(ints.keys() ^ dict.fromkeys(range(5, 15)).keys())

# comparisons behave like sets
k1 = {1: 0, 2: 0}.keys()
print(k1 == {1, 2}, k1 == {2: 9, 1: 9}.keys(), k1 != {1}, k1 < {1, 2, 3}, k1 <= {1, 2},
      k1 > {1}, k1 >= {1, 2, 3}, k1 == [1, 2], {1, 2} == k1, frozenset({1, 2}) == k1)
print({1: 2}.items() == {(1, 2)}, {1: 2}.items() < {(1, 2), (3, 4)}, {1: 2}.values() == {1: 2}.values())
show(lambda: k1 < [1, 2, 3])
print(k1.isdisjoint({3}), k1.isdisjoint([2]), k1.isdisjoint(k1), {}.keys().isdisjoint({}.keys()),
      i.isdisjoint([(1, 'a')]), i.isdisjoint({(1, 'b')}), k1.isdisjoint(iter([5, 1])))
show(lambda: k1.isdisjoint(1))
show(lambda: k1.isdisjoint())

# reversed views and repr
print(list(reversed(k)), list(reversed(v)), list(reversed(i)))
r = {}
r[1] = r.values()
print(r)
r2 = {}
r2['k'] = r2.items()
print(r2)
print(repr({}.keys()), str({1: 2}.items()))
it = iter(i)
d[99] = 'z'
show(lambda: next(it))

# mappingproxy
import types
mp = types.MappingProxyType({'a': 1, 'b': 2})
print(mp, str(mp), mp['a'], len(mp), 'a' in mp, 'z' in mp, list(mp), mp.get('b'), mp.get('z', 0))
print(mp.keys(), mp.values(), mp.items(), mp.copy(), list(reversed(mp)), type(mp).__name__)
print(mp == {'a': 1, 'b': 2}, mp != {}, {'a': 1, 'b': 2} == mp, mp | {'c': 3}, {'c': 3} | mp)
show(lambda: mp['z'])
show(lambda: mp.__setitem__('a', 2))
show(lambda: hash(mp))
show(lambda: types.MappingProxyType([]))
show(lambda: types.MappingProxyType(1))
show(lambda: types.MappingProxyType())
print(types.MappingProxyType(mapping={1: 2}))
def mp_ior():
    m = types.MappingProxyType({})
    m |= {}
show(mp_ior)
def mp_set():
    mp['a'] = 3
show(mp_set)
def mp_del():
    del mp['a']
show(mp_del)
class C:
    x = 1
print(type(C.__dict__).__name__, C.__dict__['x'], 'x' in C.__dict__)
under = {'k': 1}
mp2 = types.MappingProxyType(under)
under['k2'] = 2
print(mp2, len(mp2))
print(types.MappingProxyType(types.MappingProxyType({1: 2})))
