# for/while with else, break/continue, nested loops, pass, loops over various iterables.

for i in range(3):
    print('for', i)
else:
    print('for else (no break)')

for i in range(10):
    if i == 2:
        break
else:
    print('not printed')
print('broke at', i)

for i in []:
    print('never')
else:
    print('empty for else')

n = 0
while n < 3:
    n += 1
else:
    print('while else', n)

while True:
    n -= 1
    if n == 0:
        break
else:
    print('not printed')
print('while broke', n)

while False:
    pass
else:
    print('while False else')

# continue
out = []
for i in range(10):
    if i % 3 == 0:
        continue
    out.append(i)
print(out)

i = 0
out = []
while i < 10:
    i += 1
    if i % 2:
        continue
    out.append(i)
print(out)

# continue in for-else does not skip else
for i in range(3):
    continue
else:
    print('else after continue')

# nested loops with break only exiting inner
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print('pair', i, j)
    else:
        print('inner else never')

# break out of nested loops with flag / for-else idiom
def find(matrix, target):
    for r, row in enumerate(matrix):
        for c, v in enumerate(row):
            if v == target:
                break
        else:
            continue
        return (r, c)
    return None
print(find([[1, 2], [3, 4]], 3), find([[1]], 9))

# prime sieve using for-else
primes = []
for n in range(2, 40):
    for p in primes:
        if n % p == 0:
            break
    else:
        primes.append(n)
print(primes)

# modifying loop variable does not affect iteration
for i in range(3):
    print('i', i)
    i = 100

# iterating and mutating a list (appending while iterating a copy)
items = [1, 2, 3]
for x in items[:]:
    items.append(x * 10)
print(items)

# iterate over dict, string, tuple, set(sorted), range with step, reversed, enumerate, zip
for k in {'a': 1, 'b': 2}:
    print('key', k)
for ch in 'hi':
    print('ch', ch)
print(list(range(10, 0, -3)), list(reversed([1, 2, 3])), list(enumerate('ab', 1)))
print(list(zip([1, 2, 3], 'ab')))

# dict changed size during iteration
d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1
except RuntimeError as e:
    print(type(e).__name__, e)

# pass and ellipsis statements
def nothing():
    pass
def dots():
    ...
print(nothing(), dots())

# if/elif/else chains
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'large'
print([classify(v) for v in (-5, 0, 5, 50)])

# while with complex condition and else + break mix
def search(lst, t):
    i = 0
    while i < len(lst):
        if lst[i] == t:
            print('found at', i)
            break
        i += 1
    else:
        print('not found')
search([4, 5, 6], 5)
search([4, 5, 6], 7)

# deeply nested loops
count = 0
for a in range(5):
    for b in range(5):
        for c in range(5):
            if (a + b + c) % 4 == 0:
                continue
            count += 1
print(count)

# loop over a large range efficiently
s = 0
for i in range(200000):
    s += i
print(s)
