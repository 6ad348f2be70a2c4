x = 1if 2else 3
