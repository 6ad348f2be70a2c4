x = f'{x:%H:%M}'
