def g(*args, **kwargs):
    print(args, sorted(kwargs.items()))
