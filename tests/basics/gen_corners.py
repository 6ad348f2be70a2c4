# generator corners: close/throw variants, GeneratorExit handling, locals(), gi_* attributes,
# with blocks inside generators, send during iteration, throw argument forms.
def t(name, f):
    try:
        print(name, 'ok', f())
    except BaseException as e:
        print(name, type(e).__name__, e)
def g1():
    try:
        yield 1
    finally:
        return 'ret in finally'
it = g1(); next(it)
t('close with return in finally', it.close)
def g2():
    yield 1
it = g2(); next(it)
t('throw GeneratorExit', lambda: it.throw(GeneratorExit))
t('after', lambda: next(it, 'exhausted'))
def g3():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError('converted')
it = g3(); next(it)
t('close raising other', it.close)
def g4():
    x = 5
    yield locals()
    y = 6
    yield sorted(locals())
it = g4()
t('locals in gen', lambda: (next(it), next(it)))
def g5():
    yield
it = g5()
t('gi_frame.f_lasti type', lambda: type(it.gi_frame.f_lineno).__name__)
t('gi_code name', lambda: it.gi_code.co_name)
t('gi_running', lambda: it.gi_running)
def g6():
    me = yield
    yield me.gi_running
it = g6(); next(it)
t('running inside', lambda: it.send(it))
def g7():
    yield 1
    yield 2
it = g7()
t('throw instance with traceback arg', lambda: it.throw(ValueError('v'), None, None) if False else it.throw(ValueError('v')))
t('gen after throw', lambda: next(it, 'done'))
def g8():
    try:
        yield 1
    except ValueError:
        pass
    # falls off the end after catching
it = g8(); next(it)
t('throw caught then ends', lambda: it.throw(ValueError))
def g9():
    while True:
        try:
            yield
        except GeneratorExit:
            print('  exit seen')
            return
it = g9(); next(it)
t('close returns None', it.close)
def g10():
    yield from g9()
it = g10(); next(it)
t('close through yield from', it.close)
class CM:
    def __enter__(self): print('  enter'); return self
    def __exit__(self, *a): print('  exit', a[0].__name__ if a[0] else None)
def g11():
    with CM():
        yield 1
        yield 2
it = g11(); next(it)
t('close inside with', it.close)
it = g11(); next(it)
t('throw inside with', lambda: it.throw(KeyError('k')))
def g13():
    yield 1
    yield 2
def outer2():
    for v in g13():
        break
    return 'broke'
t('break from generator loop', outer2)
# generator send() during iteration by for loop
def g14():
    received = None
    for i in range(3):
        received = yield (i, received)
it = g14()
out = []
for v in it:
    out.append(v)
    if v[0] == 0:
        out.append(it.send('sent'))
t('send during for', lambda: out)
# throw type with value argument
def g15():
    try:
        yield
    except Exception as e:
        yield repr(e)
it = g15(); next(it)
t('throw(type, value)', lambda: it.throw(KeyError, 'kv'))
it = g15(); next(it)
t('throw(type, tuple)', lambda: it.throw(KeyError, ('a', 'b')))
it = g15(); next(it)
t('throw(non-exception)', lambda: it.throw(5))
it = g15(); next(it)
t('throw(instance, value)', lambda: it.throw(KeyError('x'), 'extra'))
