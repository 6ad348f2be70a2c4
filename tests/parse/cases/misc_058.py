x = a·b
