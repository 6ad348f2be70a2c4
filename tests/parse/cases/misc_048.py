x = f'{yield x}'
