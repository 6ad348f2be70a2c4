x = 'a'b'c'
