a = b'''x
''' c
