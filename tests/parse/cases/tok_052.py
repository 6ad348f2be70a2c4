if x:
  # c
    y
