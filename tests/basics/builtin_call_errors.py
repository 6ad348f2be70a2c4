# argument errors of built-in functions, methods and constructors: counts, unknown keywords,
# keyword-only/positional-only rules (TypeError messages must match CPython word for word).
calls = [
    "len()", "len(1, 2)", "len(x=1)", "abs()", "abs(1, 2)", "abs(x=1)", "isinstance(1)", "isinstance(1, int, 2)",
    "divmod(1)", "pow()", "pow(1)", "pow(1, 2, 3, 4)", "pow(base=2, exp=3)", "round()", "round(1, 2, 3)", "round(number=1.5)",
    "sorted()", "sorted([], key=None, reverse=False, x=1)", "sorted([], None)", "min()", "min(1)", "min([], default=1, key=None, x=2)",
    "max(1, 2, default=0)", "sum()", "sum([], 0, 1)", "sum([1], start=10)", "range()", "range(1, 2, 3, 4)", "range(x=1)",
    "enumerate()", "enumerate([], start=1, x=2)", "list(zip(strict=1))", "list(zip([1], [1, 2], strict=True))", "list(zip([1, 2], [1], strict=True))", "map(len)", "map()", "filter(None)",
    "iter()", "iter(1, 2, 3)", "next()", "next(1)", "getattr(1)", "getattr(1, 'x', 2, 3)", "setattr(1, 'x')", "hasattr(1)",
    "print(end=1, sep=2)", "repr()", "str(1, 2, 3, 4)", "str(b'x', encoding=1)", "int(1, 2)", "int('1', 2, 3)", "int(x=1)",
    "float(1, 2)", "float(x=1)", "bool(1, 2)", "bool(x=1)", "list(1, 2)", "list(x=[])", "tuple(x=1)", "dict(1, 2)",
    "set(1, 2)", "set(x=1)", "frozenset(x=1)", "type()", "type(1, 2)", "object(1)", "chr()", "chr('a')", "ord(1)",
    "hex(1.5)", "bin('1')", "callable()", "id()", "hash()", "format()", "format(1, 2)", "vars(1, 2)", "dir(1, 2)",
    "[].append()", "[].append(1, 2)", "[].append(x=1)", "[].insert(1)", "[].pop(1, 2)", "[].index()", "[].sort(1)",
    "[].sort(key=1, reverse=1, x=1)", "{}.get()", "{}.get(1, 2, 3)", "{}.pop()", "{}.setdefault()", "{}.update(1, 2)",
    "{}.fromkeys()", "''.join()", "''.split(1, 2, 3)", "''.split(x=1)", "''.replace('a')", "''.startswith()",
    "''.encode(1, 2, 3)", "''.format(**{1: 2})", "(1).to_bytes(1, 'big', 1)", "(1.5).hex(1)", "(1).bit_length(1)",
    "b''.decode(1, 2, 3)", "set().add()", "set().add(1, 2)", "slice()", "slice(1, 2, 3, 4)", "super(1, 2, 3)",
    "property(1, 2, 3, 4, 5)", "staticmethod()", "classmethod(1, 2)", "ValueError(x=1)", "BaseException(a=1)",
    "Exception.__init__()", "StopIteration(value=1)", "SystemExit(code=1)", "OSError(errno=1)", "memoryview()",
    "bytearray(1, 2, 3, 4)", "bytes(1, 2)", "complex(1, 2, 3)", "complex('1', 2)", "input(1, 2)",
    "globals(1)", "locals(1)", "exec()", "eval()", "compile('', '')", "ascii()", "oct()", "sorted([1], lambda x: x)",
    "issubclass(int)", "delattr(1)", "max()", "reversed()", "reversed([], [])", "divmod(1, 2, 3)", "any()", "all([], [])",
]
for c in calls:
    try:
        r = eval(c)
        print(c, '->', repr(r)[:40])
    except (TypeError, ValueError) as e:
        print(c, '!!', type(e).__name__, e)
    except Exception as e:
        print(c, '!!!', type(e).__name__, e)
