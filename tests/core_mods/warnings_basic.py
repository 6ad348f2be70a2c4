# _warnings (through warnings.py): filters, registries, catch_warnings, showing.
import warnings, sys
print(warnings.filters[:2], warnings.defaultaction)
def f():
    warnings.warn("deprecated thing", DeprecationWarning, stacklevel=2)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    f()
    warnings.warn("user warning")
    warnings.warn(RuntimeWarning("rt"))
    print([(type(x.message).__name__, str(x.message), x.category.__name__, x.lineno) for x in w])
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("once")
    for i in range(3): warnings.warn("again")
    print(len(w))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try: warnings.warn("boom", UserWarning)
    except UserWarning as e: print('raised', e)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("ignore", category=DeprecationWarning)
    warnings.warn("ignored one", DeprecationWarning); warnings.warn("shown one")
    print([str(x.message) for x in w])
for a in [lambda: warnings.warn("x", 5), lambda: warnings.warn("x", int), lambda: warnings.warn_explicit("m", UserWarning, "f.py", 3, registry=5)]:
    try: print(a())
    except Exception as e: print(type(e).__name__, e)
