# return/break/continue through try/finally and with; finally overriding return.

def ret_in_try():
    try:
        return 'try'
    finally:
        print('finally runs before return')
print(ret_in_try())

def finally_overrides():
    try:
        return 'try'
    finally:
        return 'finally'
print(finally_overrides())

def finally_swallows_exception():
    try:
        raise ValueError('lost')
    finally:
        return 'swallowed'
print(finally_swallows_exception())

def except_return_finally():
    try:
        raise KeyError
    except KeyError:
        return 'except'
    finally:
        print('finally after except return')
print(except_return_finally())

def return_value_evaluated_before_finally():
    x = 1
    try:
        return x
    finally:
        x = 2
        print('x set to', x)
print(return_value_evaluated_before_finally())

def return_mutable_modified_in_finally():
    x = []
    try:
        return x
    finally:
        x.append('added in finally')
print(return_mutable_modified_in_finally())

def nested_finally():
    try:
        try:
            return 'inner'
        finally:
            print('inner finally')
    finally:
        print('outer finally')
print(nested_finally())

def break_in_finally():
    for i in range(3):
        try:
            raise ValueError(i)
        finally:
            break
    return 'broke with i=%d' % i
print(break_in_finally())

def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())

def break_through_finally():
    for i in range(5):
        try:
            if i == 2:
                break
        finally:
            print('finally', i)
    return i
print(break_through_finally())

def continue_through_finally():
    for i in range(3):
        try:
            continue
        finally:
            print('cont finally', i)
    return 'done'
print(continue_through_finally())

def while_break_in_try_except():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                break
            raise ValueError
        except ValueError:
            continue
        finally:
            print('iteration', n)
    return n
print(while_break_in_try_except())

def return_in_loop_in_try():
    try:
        for i in range(10):
            try:
                if i == 2:
                    return i
            finally:
                print('inner', i)
    finally:
        print('outer')
print(return_in_loop_in_try())

def finally_return_overrides_break():
    for i in range(3):
        try:
            break
        finally:
            return 'from finally %d' % i
print(finally_return_overrides_break())

# with and flow control
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return self
    def __exit__(self, *exc):
        print('exit', self.name, exc[0].__name__ if exc[0] else None)
        return False

def with_return():
    with CM('a'):
        return 'returned from with'
print(with_return())

def with_break_continue():
    for i in range(3):
        with CM(i):
            if i == 0:
                continue
            if i == 1:
                break
    return i
print(with_break_continue())

def with_in_try():
    try:
        with CM('w'):
            raise KeyError('inside')
    except KeyError as e:
        return 'caught ' + str(e)
    finally:
        print('finally')
print(with_in_try())

def nested_with_return():
    with CM('outer'), CM('inner'):
        with CM('third'):
            return 'deep'
print(nested_with_return())

# generator: finally runs on close
def gen():
    try:
        yield 1
        yield 2
    finally:
        print('generator finally')
g = gen()
print(next(g))
g.close()
print('closed')

# return inside except inside finally
def complex_case():
    try:
        try:
            raise ValueError('a')
        finally:
            print('f1')
    except ValueError:
        try:
            return 'r1'
        finally:
            print('f2')
    finally:
        print('f3')
print(complex_case())

# exception in finally after return discards the return
def fin_raises():
    try:
        return 1
    finally:
        raise RuntimeError('from finally')
try:
    fin_raises()
except RuntimeError as e:
    print(type(e).__name__, e)

# for/else with break inside try
for i in range(3):
    try:
        pass
    finally:
        pass
else:
    print('for-else ran')

# loop counter
count = 0
for i in range(100):
    try:
        try:
            if i % 3 == 0:
                continue
            if i % 7 == 0:
                raise ValueError
        except ValueError:
            count += 100
            continue
        count += 1
    finally:
        count += 1000
print(count)
