# functools.singledispatch (its register() with annotations imports typing, hence re).
import functools
@functools.singledispatch
def sd(x): return 'obj'
@sd.register
def _(x: int): return 'int'
@sd.register(list)
def _(x): return 'list'
print(sd(1), sd([]), sd('s'), sd(True))
