x = {a: *b}
f(**a, *b)
