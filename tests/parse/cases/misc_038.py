x = f'{x}' 'y' f'{z}' 'w'
