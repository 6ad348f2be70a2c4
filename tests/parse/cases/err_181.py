t {x u}
