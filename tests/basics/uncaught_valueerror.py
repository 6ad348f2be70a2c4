# ends with an uncaught ValueError raised two calls deep; earlier output must be flushed.
def check(v):
    if v > 2:
        raise ValueError('boom')
    return v

def run():
    for i in range(5):
        print('checked', check(i))

try:
    run()
finally:
    print('finally runs before the traceback')
