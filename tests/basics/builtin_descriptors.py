# unbound built-in methods and slot wrappers applied to objects of the wrong type raise TypeError.
tests = [
    "list.append(5, 1)",
    "list.__len__('abc')",
    "dict.keys([])",
    "str.upper(5)",
    "int.__add__('a', 1)",
    "tuple.__getitem__([1], 0)",
    "int.__new__(list)",
    "int.__new__(str, 5)",
    "str.__new__(int)",
    "list.__init__(5)",
    "dict.__init__([], a=1)",
    "float.__repr__(1)",
    "object.__getattribute__(1, 5)",
    "type.__call__(5)",
    "type.__new__(int, 'X', (), {})",
    "list.__getitem__((1,), 0)",
    "set.add(frozenset(), 1)",
    "str.join(1, [])",
    "bytes.decode('x')",
    "range.__len__([])",
    "list.sort(())",
    "dict.__setitem__({}.keys(), 1, 2)",
    "int.bit_length(1.5)",
    "float.is_integer(1)",
    "complex.conjugate(1)",
    "object.__init__()",
    "object.__repr__()",
    "type.mro(5)",
    "type.__subclasses__(5)",
    "BaseException.__str__(5)",
    "BaseException.with_traceback(ValueError(), 5)",
    "KeyError.__str__(ValueError('x'))",
]
for src in tests:
    try:
        r = eval(src)
        print(src, '->', repr(r))
    except Exception as e:
        print(src, '!!', type(e).__name__, e)
