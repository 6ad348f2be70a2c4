foo(
  a,
  b c
)
