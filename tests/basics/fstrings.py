# f-strings: format specs, conversions, = specifier, nested fields, escapes.

name = 'World'
n = 42
pi = 3.14159265
print(f'Hello, {name}!')
print(f'{n} {n:5} {n:<5}| {n:>5} {n:^5}| {n:05} {n:+} {n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b}')
print(f'{pi:.2f} {pi:10.3f} {pi:<10.1f}| {pi:e} {pi:.3E} {pi:g} {pi:%} {pi:.1%}')
print(f'{1234567:,} {1234567:_} {1234567.891:,.2f} {0xdeadbeef:_x}')
print(f'{name!r} {name!s} {name!a} {"é"!a} {"é"!r}')
print(f'{name:*^11} {name:>{n // 4}} {name:.3}')
width, prec = 10, 3
print(f'{pi:{width}.{prec}f}|{pi:>{width}}|')
print(f'{n=} {pi=:.2f} {name=!r} {name = }')
print(f'{n + 1 = }')
print(f'{{literal braces}} {{{n}}}')
print(f"{'nested ' + f'{n}'}")
print(f'{[1, 2, 3]} {(1,)} {dict(a=1)} {None} {True}')
print(f'{3 if n > 10 else 4}')
print(f'{n:{"<" if n else ">"}6}|')
d = {'key': 'value'}
print(f"{d['key']} {d}")
print(f'{len(name)} {name.upper()} {name[1:3]} {name[-1]}')
print(f'multi {n} {n} {n}')
print(f'''triple {n}
second line {name}''')
print(F'capital F {n}', rf'raw {n} \n', fr'{name}\t')
print(f'newline escape\t{n}\n', end='')
print(f'{"a" "b"}')
print(f'{n!r:>6}|{name!r:^12}|')
print(f'{-5:05} {-5:+05} {5: } {-5: } {3.0:.0f} {2.5:.0f} {3.5:.0f}')
print(f'{1e100:.3g} {1.5e-10:g} {0.0001:g} {123456789.0:g} {float("inf")} {float("nan"):>5}')
print(f'{12:c}{97:c}|{"s":>3s}|{True:d}|{False}')
class Obj:
    def __format__(self, spec):
        return '<' + spec + '>'
    def __repr__(self):
        return 'Obj()'
    def __str__(self):
        return 'str-Obj'
o = Obj()
print(f'{o} {o:spec} {o!r} {o!s} {o!r:>8}')
# lambda needs parentheses
print(f'{(lambda x: x * 2)(5)}')
# walrus needs parentheses
print(f'{(w := 7)} {w}')
# format spec with nested replacement containing expressions
print(f'{pi:.{1 + 1}f}')
# self-documenting with format and conversion
print(f'{pi=:8.2f}|{name=:>8}|{name=!s:>8}|')
# bytes formatting in f-string uses repr
print(f'{b"xy"} {bytearray(b"z")}')
# errors
for spec in ('d', '.2d', 'q'):
    try:
        print(format(1.5, spec))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    print(f'{"s":d}')
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f'{5:s}')
except ValueError as e:
    print(type(e).__name__, e)
# str.format for comparison
print('{0} {1:>4} {name} {0} {1!r}'.format('a', 'b', name='n'))
print('{0[1]} {a.real} {m[k]}'.format([5, 6], a=3, m={'k': 'v'}))
