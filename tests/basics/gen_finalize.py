# an abandoned, unfinished generator is finalized: its finally blocks and with-exits run when the
# last reference goes away (CPython does it at once, by reference counting).
def t(name, f):
    print(name, f())

def g12():
    try:
        yield 1
    finally:
        print('  g12 finally')
def outer():
    for v in g12():
        return v
t('return from for over generator', outer)

class CM:
    def __enter__(self):
        print('  enter')
    def __exit__(self, *a):
        print('  exit', a[0].__name__ if a[0] else None)

def lines():
    with CM():
        yield 'first'
        yield 'second'

def first_line():
    for line in lines():
        return line
t('first line', first_line)

def abandoned():
    g = g12()
    next(g)
    del g
    return 'deleted'
t('del', abandoned)
print('end')
