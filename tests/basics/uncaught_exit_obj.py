# sys.exit with a non-int, non-str object: str(obj) goes to stderr and the exit status is 1;
# an exception raised while unwinding replaces the SystemExit.
import sys
class Code:
    def __str__(self):
        return 'exit object says bye'
try:
    sys.exit(Code())
finally:
    print('finally sees', sys.exc_info()[0].__name__)
