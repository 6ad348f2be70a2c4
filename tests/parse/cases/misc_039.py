x = 'y' f''
