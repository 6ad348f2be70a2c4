# an uncaught exception raised from another: the last line is the outer exception.
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError('cannot parse %r' % text) from e

print(parse('12'))
print(parse('twelve'))
