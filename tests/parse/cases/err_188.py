x = y{a, for a in b}
