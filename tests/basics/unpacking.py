# unpacking: tuples, lists, starred, nested targets, swaps, in for loops and calls.

a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
a, b, c = 'xyz'
print(a, b, c)
(a, b), c = [1, 2], 3
print(a, b, c)
[a, [b, c]] = (1, (2, 3))
print(a, b, c)
a, *b = range(5)
print(a, b)
*a, b = range(5)
print(a, b)
a, *b, c = [1, 2]
print(a, b, c)
a, *b, c = 'hello world'
print(a, b, c)
[*a] = range(3)
print(a)
*a, = 'ab'
print(a)
(a, *b), *c = 'xy', 'z', 'w'
print(a, b, c)
a = b = c = 'same'
print(a, b, c)
x, y = y, x = 1, 2
print(x, y)

# unpacking from generators, dicts, sets of one element
a, b = (i * 10 for i in range(2))
print(a, b)
k1, k2 = {'one': 1, 'two': 2}
print(k1, k2)
(single,) = {42}
print(single)

# errors
def t(src):
    try:
        exec(src, {})
        print('ok', src)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
t('a, b = 1, 2, 3')
t('a, b, c = 1, 2')
t('a, b = [1]')
t('a, b = 1')
t('a, *b, c = [1]')
t('a, b = None')
t('a, b = "abc"')
t('[a] = []')
t('a, b = (i for i in range(3))')
t('a, *b, c, d = range(2)')

# swap three and rotate
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
i, lst[i] = 1, 'set at new i'
print(i, lst)

# targets are attributes and subscripts
class O:
    pass
o = O()
d = {}
o.x, d['k'], lst[1] = 'attr', 'item', 'elt'
print(o.x, d, lst)

# for-loop unpacking
for i, (ch, n) in enumerate(zip('ab', [10, 20])):
    print(i, ch, n)
for first, *rest in ['abc', 'de', 'f']:
    print(first, rest)
for k, v in sorted({'b': 2, 'a': 1}.items()):
    print(k, v)

# star in expressions
print([*range(3), *'ab', 9])
print((*[1, 2],), {*[1, 1, 2]} == {1, 2})
print({**{'a': 1}, 'b': 2, **{'a': 3}})
print(*[1, 2, 3], sep='-')
print(*'abc', *range(2))
t2 = 1, *[2, 3], 4
print(t2)
first, *_ = t2
print(first)

# nested unpacking in comprehension and lambda
print([a * b for (a, b) in [(1, 2), (3, 4)]])
print(sorted([(1, 'b'), (2, 'a')], key=lambda p: p[1]))

# starred assignment with large sequences
a, *b, c = range(100000)
print(a, len(b), c)

# dict unpacking in call with duplicate keys across ** maps
def f(**kw):
    return kw
print(f(**{'a': 1}, **{'b': 2}))
try:
    f(**{'a': 1}, **{'a': 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    {**[1]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    [*5]
except TypeError as e:
    print(type(e).__name__, e)
try:
    print(*None)
except TypeError as e:
    print(type(e).__name__, e)

# augmented unpacking of return values
def pair():
    return 'p', 'q'
p, q = pair()
print(p, q)

# unpacking a custom iterable
class Three:
    def __iter__(self):
        return iter([1, 2, 3])
a, b, c = Three()
print(a, b, c)
a, *rest = Three()
print(a, rest)

# evaluation order: right side fully evaluated before assignment
a = [1, 2, 3]
a[0], a[1] = a[1], a[0]
print(a)
x = [0, 0]
i = 0
i, x[i] = 1, 5
print(i, x)
