x = f'{a=!r}'
