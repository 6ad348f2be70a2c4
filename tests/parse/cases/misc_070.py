async def f():
    async with a as b, c: pass
    async for x in y: pass
    await z
    [x async for x in y]
    return (yield)
