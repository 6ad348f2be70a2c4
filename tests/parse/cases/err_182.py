t {*x for x in y}
