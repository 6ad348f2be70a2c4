# list/dict/set comprehensions and generator expressions: nesting, conditions, scoping, walrus.

print([x * 2 for x in range(6)])
print([x for x in range(20) if x % 2 if x % 3])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(4)] for x in range(3)])
print([c.upper() for c in 'abc'])
print({x: x * x for x in range(5)})
print({k: v for k, v in zip('abc', range(3)) if v})
print(sorted({x % 4 for x in range(20)}))
print(sorted({c for c in 'mississippi'}))
print(sum(x for x in range(10)), tuple(x for x in 'hi'))
print([x if x % 2 else -x for x in range(6)])
print([y for x in [[1, 2], [3], []] for y in x])
print([(a, b) for a, b in [(1, 2), (3, 4)]])
print([a + b + c for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]])
print([first for first, *_ in ['abc', 'de']])
print({i: [j for j in range(i)] for i in range(4)})

# flatten and transpose
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])

# dict comprehension with duplicate keys keeps last value, first key position
print({k % 3: k for k in range(7)})

# loop variable does not leak
x = 'outer x'
lst = [x for x in range(3)]
print(x, lst)

# the outermost iterable is evaluated in the enclosing scope
def f():
    items = [1, 2, 3]
    return [i * len(items) for i in items]
print(f())

# class scope: the first iterable sees class variables; the rest do not
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        pairs = [(a, b) for a in vals for b in vals]
    except NameError as e:
        err = str(e)
print(C.doubled, C.err)

# comprehension captures loop variable in closure (late binding)
fs = [lambda: i for i in range(3)]
print([f() for f in fs])

# walrus in comprehension binds in the containing scope
data = [5, 12, 7, 20]
big = [y for x in data if (y := x * 2) > 15]
print(big, y)

def walrus_scope():
    [last := n for n in range(4)]
    return last
print(walrus_scope())

total = 0
running = [total := total + v for v in range(5)]
print(running, total)

# walrus in conditions
vals = iter([3, 2, 1, 0, 5])
while (v := next(vals)) != 0:
    print('v', v)
if (n := len('hello')) > 3:
    print('long', n)
print([m for s in ['a1', 'bb', 'c3'] if (m := s[-1]).isdigit()])

# nested comprehension referencing outer loop variable
print([[i + j for j in range(i)] for i in range(4)])
print([(i, j) for i in range(3) for j in range(i, 3)])

# comprehension over generator and over dict items
print([k + str(v) for k, v in {'a': 1, 'b': 2}.items()])
print({v: k for k, v in {'a': 1, 'b': 2}.items()})

# empty comprehensions
print([x for x in []], {x: 1 for x in ()}, set(x for x in ''))

# comprehensions inside functions with closures over parameters
def scale(factor, items):
    return [factor * i for i in items], {i: factor for i in items}
print(scale(3, [1, 2]))

# nested functions inside comprehensions
print([(lambda z: z * 2)(q) for q in range(3)])

# comprehension with method calls and exceptions
try:
    [1 / (x - 2) for x in range(4)]
except ZeroDivisionError as e:
    print('comprehension raised', e)

# generator expression as sole argument
print(sorted(x % 5 for x in range(12)))
print(''.join(str(d) for d in range(10)))
print(any(x > 3 for x in range(5)), all(x < 3 for x in range(5)))

# set of tuples, dict of tuples
print(sorted({(x, x % 2) for x in range(4)}))

# big comprehension
print(len([i for i in range(100000) if i % 7 == 3]))

# async-free: comprehension with multiple ifs and fors interleaved
print([(a, b) for a in range(4) if a % 2 == 0 for b in range(a) if b])

# comprehension iteration variable shadowing a global function name
print([len for len in range(3)], len('abc'))
