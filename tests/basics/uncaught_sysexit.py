# ends with sys.exit(3): exit status 3, nothing on the last traceback line but finally blocks run.
import sys

def main():
    print('working')
    try:
        sys.exit(3)
    finally:
        print('cleanup in finally')
    print('not reached')

main()
print('not reached either')
