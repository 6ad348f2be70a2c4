# an uncaught exception with a multi-line message: the last line of stderr is the message's last line.
print('start')
raise ValueError('first line\nsecond line\nthird line')
