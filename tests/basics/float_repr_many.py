# float repr/str/format over thousands of generated values (shortest round-trip digits, exponent
# switch points, rounding in %-formats); a linear congruential generator keeps it deterministic.
seed = 12345
def rnd():
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % 2 ** 64
    return seed
vals = []
for i in range(1500):
    m = rnd() % 10 ** (1 + rnd() % 17)
    e = rnd() % 80 - 40
    v = m * 10.0 ** e if e >= 0 else m / 10.0 ** -e
    if rnd() % 2:
        v = -v
    vals.append(v)
for i in range(500):
    # values from integer ratios
    vals.append((rnd() % 1000003) / (1 + rnd() % 9973))
for i in range(0, len(vals), 8):
    print(' '.join(repr(v) for v in vals[i:i + 8]))
bad = [v for v in vals if float(repr(v)) != v]
print('roundtrip failures', len(bad))
for v in vals[:200]:
    print('%.3g|%.10e|%.2f|%g|%s|%r|%.0f|%.17g' % (v, v, v, v, str(v), round(v, 3), v, v), format(v, '.4'), format(v, ',.1f'))
# values at repr's exponent switch points
for v in (1e15, 1e16, 1e17, 9.999999999999999e15, 1.0000000000000001e16, 0.0001, 0.00001, 0.00009999999999999999,
          123456789012345.6, 1234567890123456.7, 12345678901234567.8):
    print(repr(v), str(v), '%s' % v, f'{v}', format(v, ''), format(v, 'g'), format(v, 'r') if False else '')
