def f(it, *varargs, **kwargs):
    return list(it)
