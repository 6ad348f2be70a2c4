# functools.wraps / update_wrapper on decorators.
# functools.wraps
import functools
def wrapped(fn):
    @functools.wraps(fn)
    def w(*a):
        return fn(*a)
    return w

@wrapped
def documented(x):
    "the doc"
    return x
print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented(3))


def plain(fn):
    def w(*a, **k):
        return fn(*a, **k)
    return functools.update_wrapper(w, fn)

@plain
def other(a, b=1):
    "other doc"
    return a + b
print(other.__name__, other.__qualname__, other.__doc__, other(1), other.__wrapped__ is not other)
print(other.__module__)
