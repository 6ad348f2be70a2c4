x = [i for i in range(10) if i else 0]
