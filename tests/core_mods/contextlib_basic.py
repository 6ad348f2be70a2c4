# contextlib on kaa's core modules: contextmanager, suppress, ExitStack, closing, nullcontext.
import contextlib


@contextlib.contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)


with tag("a") as t:
    print("body", t)
try:
    with tag("b"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)


@contextlib.contextmanager
def swallow():
    try:
        yield
    except KeyError:
        print("swallowed")


with swallow():
    raise KeyError(1)
with contextlib.suppress(ZeroDivisionError):
    1 / 0
print("after suppress")

with contextlib.ExitStack() as stack:
    for n in "xyz":
        stack.enter_context(tag(n))
    stack.callback(print, "callback ran")
    print("stack body")


class Res:
    def close(self):
        print("closed")


with contextlib.closing(Res()):
    print("using")
with contextlib.nullcontext(5) as v:
    print("null", v)


@tag("deco")
def f():
    print("decorated call")


f()
print(isinstance(tag("q"), contextlib.AbstractContextManager))
