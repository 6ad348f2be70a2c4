# with + contextlib: contextmanager, suppress, closing, ExitStack, nullcontext.

class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, *a):
        print("exit", self.name)

# contextlib
import contextlib
@contextlib.contextmanager
def managed(name):
    print('setup', name)
    try:
        yield name.upper()
    except ZeroDivisionError:
        print('handled zde in generator cm')
    finally:
        print('teardown', name)
with managed('res') as r:
    print('using', r)
with managed('err'):
    1 / 0
print('after contextmanager suppression')
with contextlib.suppress(KeyError):
    {}['missing']
print('suppress worked')

class Res:
    def close(self):
        print('Res closed')
with contextlib.closing(Res()):
    print('using Res')
with contextlib.nullcontext('nc') as v:
    print(v)
with contextlib.ExitStack() as stack:
    for n in ('x', 'y', 'z'):
        print('got', stack.enter_context(CM(n)))
    stack.callback(print, 'callback ran')
print('after ExitStack')

@contextlib.contextmanager
def reraiser():
    try:
        yield
    except KeyError as e:
        raise ValueError('translated') from e
try:
    with reraiser():
        raise KeyError('k')
except ValueError as e:
    print(repr(e), repr(e.__cause__))
