x = (yield)
y = yield from z
