# traceback entries: a bare raise re-raises with the original traceback (no new entry for the
# raise line), "raise e" adds one; nesting.
def lines(e):
    tb = e.__traceback__; out = []
    while tb: out.append(tb.tb_lineno); tb = tb.tb_next
    return out
def bare():
    try:
        {}['k']
    except KeyError:
        raise
def named():
    try:
        {}['k']
    except KeyError as e:
        raise e
def bare_nested():
    try:
        bare()
    except KeyError:
        raise
for f in (bare, named, bare_nested):
    try:
        f()
    except KeyError as e:
        print(f.__name__, lines(e))
