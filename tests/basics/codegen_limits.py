# generated code stressing instruction-argument widths and jumps: 400 locals, 70000 constants, 1000
# globals, long elif chains and loop bodies, 300 parameters, 500 keywords, nested blocks, big
# literals, 20 nested closures.
src = 'def f():\n' + ''.join('    v%d = %d\n' % (i, i * 7) for i in range(400)) + '    return ' + ' + '.join('v%d' % i for i in range(400)) + '\n'
ns = {}
exec(src, ns)
print(ns['f'](), sum(i * 7 for i in range(400)))
# many distinct constants (> 65536 needs EXTENDED_ARG twice)
src = 'def g():\n    return [' + ', '.join('%d.5' % i for i in range(70000)) + ']\n'
exec(src, ns)
r = ns['g']()
print(len(r), r[0], r[-1], r[65536])
# many globals/names
src = '\n'.join('name%d = %d' % (i, i) for i in range(1000)) + '\ntotal = ' + ' + '.join('name%d' % i for i in range(1000))
exec(src, ns)
print(ns['total'])
# long if/elif chain (big forward jumps)
src = 'def h(x):\n' + ''.join('    %sif x == %d:\n        return "case %d"\n' % ('el' if i else '', i, i) for i in range(2000)) + '    return "none"\n'
exec(src, ns)
print(ns['h'](0), ns['h'](1999), ns['h'](5000))
# long loop body (big backward jump)
src = 'def loop():\n    t = 0\n    for i in range(3):\n' + ''.join('        t += i * %d\n' % k for k in range(3000)) + '    return t\n'
exec(src, ns)
print(ns['loop']())
# function with many parameters and a call with many keyword arguments
params = ', '.join('p%d' % i for i in range(300))
exec('def many(%s, *, k=0):\n    return p0 + p299 + k\n' % params, ns)
print(ns['many'](*range(300), k=5))
print(ns['many'](**{'p%d' % i: i for i in range(300)}))
exec('def kws(**kw):\n    return len(kw)\nr = kws(%s)' % ', '.join('a%d=%d' % (i, i) for i in range(500)), ns)
print(ns['r'])
# 20 nested loops is the limit; 19 nested blocks fine
src = 'def nest():\n    c = 0\n'
for d in range(19):
    src += '    ' * (d + 1) + 'for i%d in range(1):\n' % d
src += '    ' * 20 + 'c += 1\n    return c\n'
exec(src, ns)
print(ns['nest']())
src = 'def nest2():\n'
for d in range(21):
    src += '    ' * (d + 1) + 'for i%d in range(1):\n' % d
src += '    ' * 22 + 'pass\n'
try:
    exec(src, ns)
except SyntaxError as e:
    print('SyntaxError', e.msg)
# large literals
big = eval('[' + ','.join(str(i) for i in range(100000)) + ']')
print(len(big), big[-1])
bigd = eval('{' + ','.join('%d: %d' % (i, i) for i in range(20000)) + '}')
print(len(bigd), bigd[19999])
bigs = eval('"' + 'x' * 100000 + '"')
print(len(bigs))
# deeply nested closures (20 levels)
src = 'def c0():\n    v0 = 0\n'
for d in range(1, 20):
    src += '    ' * d + 'def c%d():\n' % d + '    ' * (d + 1) + 'v%d = v%d + 1\n' % (d, d - 1)
src += '    ' * 20 + 'return v19\n'
for d in range(19, 0, -1):
    src += '    ' * d + 'return c%d()\n' % d
exec(src, ns)
print(ns['c0']())
