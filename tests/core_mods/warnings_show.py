# warnings shown on sys.stderr (with their source line, read through linecache) and through a
# replaced warnings.showwarning.
import sys
import warnings

sys.stderr = sys.stdout
warnings.warn("to stderr")
for i in range(2): warnings.warn("default once per location")
warnings.warn_explicit("explicit", UserWarning, "nofile.py", 7)
warnings.showwarning = lambda *a: print('custom', a[0], a[1].__name__, a[3])
warnings.warn("via showwarning")
