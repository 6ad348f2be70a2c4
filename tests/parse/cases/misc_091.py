x = not a and b or c
y = a if b else c if d else e
z = a < b <= c == d != e > f >= g is h is not i in j not in k
