# an uncaught exception whose __str__ itself raises: CPython prints a placeholder.
class Weird(Exception):
    def __str__(self):
        raise RuntimeError('no str for you')
print('raising')
raise Weird('payload')
