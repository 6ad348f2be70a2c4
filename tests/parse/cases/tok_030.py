def f():
    pass
# c
