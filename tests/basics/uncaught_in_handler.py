# an exception raised while handling another (implicit chaining), uncaught; no message variant.
try:
    [][0]
except IndexError:
    print('handling IndexError')
    raise NotImplementedError
