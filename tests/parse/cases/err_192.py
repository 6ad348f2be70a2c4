def f(:
  ÿ
