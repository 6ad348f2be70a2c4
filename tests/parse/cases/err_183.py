t {a: *b}
