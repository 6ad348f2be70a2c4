L = range(10)
