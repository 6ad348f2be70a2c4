t {a:}
