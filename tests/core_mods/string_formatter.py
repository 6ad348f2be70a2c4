# _string: formatter_parser and formatter_field_name_split (string.Formatter's parser).
import _string
for s in ['', 'abc', 'a{0}b', 'a{{b}}c', '{x!r:>{w}}', '{}{}', '{0.a[1]:x}', '{!r}', '{:}', 'x{a!s}', 'é{ü}', '{a[}]}']:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ['}', '{', 'a}b', '{a', '{a!}', '{a!rr}', '{a:{b}', '{a{b}', '{!']:
    try: print(list(_string.formatter_parser(s)))
    except ValueError as e: print(repr(s), e)
for f in ['a', '0', 'a.b[1][x].c', '12[3]', '', 'a[', 'a.', 'a[1]b', 'a[]']:
    try:
        first, rest = _string.formatter_field_name_split(f); print(repr(first), list(rest))
    except ValueError as e: print(repr(f), e)
fmt = string.Formatter()
print(fmt.format('{0} {x:>5} {y[1]} {0!r}', 'a', x=3, y=[1, 2]), fmt.vformat('{a.real}', (), {'a': 3}))
print(string.Template('$who likes ${what}').substitute(who='tim', what='kung pao'))
print(string.capwords(' hello  world '), string.ascii_letters[:5], string.digits, string.punctuation[:4])
