@a.b(c)
@d
async def f(a, /, b, *c, d=1, **e) -> int: pass
