# warnings shown on sys.stderr (with their source line, read through linecache) and through a
# replaced warnings.showwarning. The directory of this file is cut from the output (it differs
# between the oracle's run and kaa's).
import io
import os
import sys
import warnings

captured = io.StringIO()
sys.stderr = captured
warnings.warn("to stderr")
for i in range(2): warnings.warn("default once per location")
warnings.warn_explicit("explicit", UserWarning, "nofile.py", 7)
sys.stderr = sys.__stderr__
print(captured.getvalue().replace(os.path.dirname(os.path.abspath(__file__)) + os.sep, ''), end='')
warnings.showwarning = lambda *a: print('custom', a[0], a[1].__name__, a[3])
warnings.warn("via showwarning")
