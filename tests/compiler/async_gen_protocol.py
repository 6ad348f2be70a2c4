# Async generators driven by hand: asend/athrow/aclose, errors, finally blocks, hooks.
import sys

class Tick:
    def __init__(self, v): self.v = v
    def __await__(self):
        got = yield ('tick', self.v)
        return got if got is not None else self.v

def drive(aw, sends=()):
    """Run an awaitable to completion, answering its yields from `sends`."""
    sends = list(sends)
    it = aw.__await__()
    trace = []
    try:
        v = it.send(None)
        while True:
            trace.append(v)
            v = it.send(sends.pop(0) if sends else None)
    except StopIteration as e:
        return trace, e.value
    except BaseException as e:
        return trace, '%s: %s' % (type(e).__name__, e)

async def counter(n):
    try:
        for i in range(n):
            x = await Tick(i)
            got = yield x
            if got is not None:
                print('  got sent', got)
    finally:
        print('  counter finally')

g = counter(3)
print(type(g).__name__, g.ag_running, g.ag_await, g.ag_code.co_name)
print(drive(g.__anext__()))
print(drive(g.asend('hello')))
print(drive(g.athrow(KeyError, 'k')))
print(drive(g.__anext__()))
print(drive(g.aclose()))

# aclose on a fresh generator, athrow on a closed one
g = counter(2)
print(drive(g.aclose()))
print(drive(g.athrow(ValueError)))
print(drive(g.__anext__()))

# ignoring GeneratorExit
async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print('  ignoring exit')
    yield 2

g = stubborn()
print(drive(g.__anext__()))
print(drive(g.aclose()))
print(drive(g.athrow(KeyError('after'))))
print(drive(g.asend(None)), g.ag_running)

# reuse of an awaited asend
g = counter(5)
a = g.__anext__()
print(drive(a))
print(drive(a))
print(drive(g.aclose()))

# StopAsyncIteration raised inside becomes RuntimeError
async def bad():
    raise StopAsyncIteration
    yield
print(drive(bad().__anext__()))

async def bad2():
    yield 1
    raise StopIteration
g = bad2()
print(drive(g.__anext__()))
print(drive(g.__anext__()))

# sending a non-None value into a just-started athrow
g = counter(2)
it = g.athrow(ValueError).__await__()
try:
    it.send(5)
except RuntimeError as e:
    print('RuntimeError', e)
print(drive(g.aclose()))

# hooks
seen = []
sys.set_asyncgen_hooks(firstiter=lambda ag: seen.append(ag.__name__), finalizer=None)
print(sys.get_asyncgen_hooks().finalizer, type(sys.get_asyncgen_hooks()).__name__)
g = counter(1)
drive(g.__anext__())
drive(g.__anext__())
print(seen)
try:
    sys.set_asyncgen_hooks(firstiter=5)
except TypeError as e:
    print('TypeError', e)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())

# the awaitables' types
g = counter(1)
print(type(g.__anext__()).__name__, type(g.aclose()).__name__, type(g.asend(1)).__name__)
async def co(): return 42
c = co()
w = c.__await__()
print(type(w).__name__, iter(w) is w)
try:
    next(w)
except StopIteration as e:
    print('coroutine result', e.value)
print(repr(anext(counter(0), 'd'))[:22])
