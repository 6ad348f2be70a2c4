# SystemExit raised directly with a large code and from inside nested functions and a with block.
class CM:
    def __enter__(self):
        print('enter')
    def __exit__(self, *a):
        print('exit sees', a[0].__name__)
        return False

def inner():
    with CM():
        raise SystemExit(42)

inner()
