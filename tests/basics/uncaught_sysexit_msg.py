# sys.exit with a string: message printed to stderr, exit status 1.
import sys
print('about to fail')
sys.exit('fatal: configuration missing')
