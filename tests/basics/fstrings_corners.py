# f-string corners: nested specs with conversions, multi-line expressions, brace escapes, fill
# characters, = with spaces, numeric spec combinations, spec errors and f-string SyntaxErrors.
x, w, p = 3.14159, 12, 3
s = 'str'
print(f'{x!r:>{w}}|{x:{w}.{p}}|{x:{"^"}{w}}|')
print(f'''{
    x
    +
    1
}''')
print(f"{'{'}{'}'}", f'{"}"!r}', f'{{{{x}}}}', f'{{}}')
print(f'{s!r:{w}}|{s!s:^{w}}|{s!a:>{w}}|')
print(f'{x:.{p}}', f'{x:.{p}e}', f'{x:{p}}', f'{1234.5:_>12,.1f}')
print(f'{"nested {} braces".format(1)}')
d = {'a': {'b': 'deep'}}
print(f"{d['a']['b']}", f'{d["a"]}')
print(f'{x = !r:^20}|')
print(f'{  x  }', f'{x ,}', f'{x, s}')
print(f'{3:{"0"}{">"}5}')
print(f'{"é":😀^7}')
print(f'{1:{2}{3}}|')
import sys
print(f'{sys.version_info[:2]!r}')
print(f'{(lambda: "lam")()}', f'{[i for i in range(3)]}', f'{ {1: 2} }', f'{(1, 2)}', f'{ {"k"} }')
print(f'{"a" if x > 3 else "b"}', f'{x > 3 and "yes"}', f'{not x}')
print(f'{x:+.2f} {-x:+.2f} {x: .2f} {0.0:+} {-0.0:+} {-0.0:.1f}')
print(f'{12345678:,d} {12345678:_o} {255:#010x} {255:#X} {-255:x} {3:b} {True:>5} {None!s:>5}')
print(f'{1e21} {1e-7} {123.456:.0e} {0.5:.0%} {1/3:.3} {2/3:.15g} {1e16:.0f} {2.5:.0f} {-1.5:.0f}')
print(f'{"abc":.2}|{"abc":5.2}|{"abc":<5}|{"abc":>5}|{"abc":^6}|{"abc":=^7}')
try:
    f'{"abc":=5}'
except ValueError as e:
    print(e)
try:
    f'{1:,s}'
except ValueError as e:
    print(e)
try:
    f'{1.5:,x}'
except ValueError as e:
    print(e)
try:
    f'{"x":,}'
except ValueError as e:
    print(e)
try:
    f'{1:_,}'
except ValueError as e:
    print(e)
try:
    eval("f'{x!x}'")
except SyntaxError as e:
    print('SyntaxError', e.msg)
try:
    eval("f'{x:{1:{2}}}'")
except SyntaxError as e:
    print('SyntaxError', e.msg)
for src in ["f'{#}'", "f'{x#}'", "f'{'", "f'}'", "f'{x!}'", "f'{x=!}'", "f'{lambda x: 1}'", "f'{yield}'", "f'{*x}'", "f'{\\n}'"]:
    try:
        eval(src)
        print('ok', src)
    except SyntaxError as e:
        print('SyntaxError', src, e.msg)
    except Exception as e:
        print(type(e).__name__, src)
