x = {**a, 'b': 1, **c}
y = {1, 2, *a}
z = {a: b for a, b in c if d if e}
w = (x for x in y)
v = [*a, *b]
