x = -a ** -b
y = ~a + +b - -c
z = a @ b // c % d << e >> f & g ^ h | i
