# Set displays of more than two constants: CPython compiles them to BUILD_SET 0 + SET_UPDATE
# of a frozenset constant, and its compiler builds that frozenset twice (from the elements in
# source order, then again from the first frozenset's iteration order when constants are
# merged). With colliding hashes the second build changes the order, which these show.
print({2**47 - 1, -2**47, 2**47, 2**64 + 1, -(2**64)})
print({1.5, 2.5, 3.25, 10.0, 1e-10, -7.75})
print({3, 11, 19}, {3, 11}, {19, 11, 3}, {0, 8, 16, 24, 32})
print(frozenset({3, 11, 19}), set(frozenset({3, 11, 19})), 3 in {3, 11, 19})
x = 5
print({3, 11, x}, {x, 3, 11, 19})
