# Asynchronous comprehensions and generator expressions, and where they may appear.
class Tick:
    def __await__(self):
        yield 'tick'
        return 1

async def arange(n):
    for i in range(n):
        await Tick()
        yield i

async def double(x):
    await Tick()
    return 2 * x

def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return e.value, ticks

async def main():
    print([x async for x in arange(4)])
    print({x % 2 async for x in arange(5)})
    print({x: x * x async for x in arange(3) if x})
    print([await double(x) for x in range(3)])
    print([x + y async for x in arange(2) for y in range(10, 12)])
    print([y async for x in arange(3) async for y in arange(x)])
    print([[y async for y in arange(x)] for x in range(3)])
    print([await double(x) for x in [y async for y in arange(3)]])
    g = (x * 10 async for x in arange(3))
    print(type(g).__name__, [v async for v in g])
    g2 = (await double(x) for x in range(2))
    print(type(g2).__name__, [v async for v in g2])
    total = 0
    async for v in (x async for x in arange(5) if x % 2):
        total += v
    print('total', total)
    return 'ok'

print(run(main()))

def sync_genexp():
    return (x async for x in arange(2))
g = sync_genexp()
print(type(g).__name__)

for src in [
    "def f():\n    return [x async for x in y]\n",
    "def f():\n    return {await x for x in y}\n",
    "[x async for x in y]\n",
    "async def f():\n    def g():\n        return [x async for x in y]\n",
    "async def f():\n    return [x for x in await y]\n",
    "async def f():\n    lambda: [x async for x in y]\n",
    "def f():\n    return [await x for x in y]\n",
    "def f():\n    await x\n",
    "await x\n",
    "async def f():\n    yield from x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "class C:\n    [x async for x in y]\n",
    "async def f():\n    class C:\n        [x async for x in y]\n",
]:
    try:
        compile(src, "<test>", "exec")
        print("compiles:", repr(src))
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
