a
  b
 c
