# an uncaught exception raised inside a generator consumed by a for loop in a nested call.
def numbers():
    yield 1
    yield 2
    raise LookupError('generator ran dry')

def consume():
    total = 0
    for n in numbers():
        total += n
        print('total', total)
    return total

consume()
