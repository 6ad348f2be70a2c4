x = f'{a,b}'
