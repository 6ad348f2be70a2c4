# an exception in a finally block while sys.exit(4) is propagating replaces the SystemExit.
import sys
try:
    sys.exit(4)
finally:
    print('cleanup')
    {}['during cleanup']
