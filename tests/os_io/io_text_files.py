# Text files through open(): modes, encodings, newline translation, seek/tell, readline,
# iteration, appending, line buffering, and the attributes of the objects open() builds.
import io
import os

WORK = 'work_io_text'
if not os.path.isdir(WORK):
    os.mkdir(WORK)
os.chdir(WORK)


def raw(name):
    with open(name, 'rb') as f:
        return f.read()


# Writing and reading back.
with open('a.txt', 'w') as f:
    print(f, f.name, f.mode, f.encoding, f.errors, f.line_buffering, repr(f.newlines))
    print(f.write('first line\n'), f.write('second\n'), f.write(''), f.write('third'))
    print(f.tell(), f.writable(), f.readable(), f.seekable(), f.closed)
    print(type(f.buffer).__name__, type(f.buffer.raw).__name__, f.buffer.raw.mode)
print(f.closed, raw('a.txt'))
with open('a.txt') as f:
    print(repr(f.read()), repr(f.read()), f.tell())
with open('a.txt') as f:
    print(repr(f.read(3)), f.tell(), repr(f.readline()), f.tell(), repr(f.readline(4)),
          repr(f.readline()), repr(f.readline()), repr(f.readline()))
with open('a.txt') as f:
    print(f.readlines())
with open('a.txt') as f:
    print(f.readlines(12))
with open('a.txt') as f:
    print([line for line in f])
with open('a.txt') as f:
    print(list(enumerate(f, 1)))

# Append, exclusive create, update modes.
with open('a.txt', 'a') as f:
    print(f.tell(), f.write('\nappended\n'), f.mode)
print(raw('a.txt'))
try:
    open('a.txt', 'x')
except FileExistsError as e:
    print(type(e).__name__, e)
with open('b.txt', 'x') as f:
    f.write('new')
with open('b.txt', 'r+') as f:
    print(f.read(1), f.mode)
    f.seek(0, 2)
    f.write('ER')
    f.seek(0)
    print(f.read())
with open('b.txt', 'w+') as f:
    f.write('rewritten')
    f.seek(0)
    print(f.read(), f.tell())
with open('b.txt', 'a+') as f:
    f.write('++')
    f.seek(0)
    print(f.read())

# Encodings.
text = 'caf\u00e9 \u20ac \U0001f600 na\u00efve\n'
for enc in ['utf-8', 'UTF8', 'latin-1', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-32',
            'utf-32-be', 'ascii']:
    try:
        with open('enc.txt', 'w', encoding=enc) as f:
            f.write(text if 'latin' not in enc and enc != 'ascii' else 'caf\u00e9 na\u00efve\n')
        data = raw('enc.txt')
        with open('enc.txt', encoding=enc) as f:
            back = f.read()
        print(enc, f.encoding, len(data), data[:8], repr(back))
    except UnicodeError as e:
        print(enc, type(e).__name__, e)
with open('enc.txt', 'w', encoding='ascii', errors='replace') as f:
    f.write('caf\u00e9\n')
print(raw('enc.txt'))
with open('enc.txt', 'w', encoding='ascii', errors='backslashreplace') as f:
    f.write('caf\u00e9\n')
print(raw('enc.txt'))
with open('enc.txt', 'wb') as f:
    f.write(b'ok \xff\xfe bad\n')
for errors in ['replace', 'ignore', 'surrogateescape', 'backslashreplace']:
    with open('enc.txt', encoding='utf-8', errors=errors) as f:
        print(errors, repr(f.read()))
try:
    with open('enc.txt', encoding='utf-8') as f:
        f.read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    with open('enc.txt', 'w', encoding='ascii') as f:
        f.write('\u00e9')
except UnicodeEncodeError as e:
    print(type(e).__name__, e)

# A multi-byte character split across the 8192-byte chunks the decoder reads.
big = 'x' * 8191 + '\u00e9\u20ac' + 'y' * 10 + '\n' + 'z' * 20000 + '\n'
with open('big.txt', 'w', encoding='utf-8') as f:
    f.write(big)
with open('big.txt', encoding='utf-8') as f:
    lines = f.readlines()
print(len(lines), [len(line) for line in lines], lines[0][8190:8194] == 'x\u00e9\u20acy')
with open('big.txt', encoding='utf-8') as f:
    print(len(f.read(8192)), f.tell(), repr(f.read(2)), f.tell(), len(f.read()))

# Newline translation on output.
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('nl.txt', 'w', newline=nl) as f:
        f.write('a\nb\r\nc\rd\n')
    print(repr(nl), raw('nl.txt'))
# ... and on input.
with open('nl.txt', 'wb') as f:
    f.write(b'one\ntwo\r\nthree\rfour\r\n\r\nfive')
for nl in [None, '', '\n', '\r', '\r\n']:
    with open('nl.txt', newline=nl) as f:
        lines = f.readlines()
        print(repr(nl), lines, repr(f.newlines))
    with open('nl.txt', newline=nl) as f:
        print(repr(f.read()))
# A \r\n split across chunks.
with open('nl.txt', 'wb') as f:
    f.write(b'a' * 8191 + b'\r\n' + b'b\r\n')
with open('nl.txt') as f:
    print([len(x) for x in f], repr(f.newlines))
with open('nl.txt', newline='') as f:
    print([len(x) for x in f])
with open('nl.txt', newline='\r\n') as f:
    print([len(x) for x in f])

# seek and tell.
with open('s.txt', 'w', encoding='utf-8') as f:
    f.write('\u00e9t\u00e9\nline two\nthird line\n')
with open('s.txt', encoding='utf-8') as f:
    positions = []
    while True:
        pos = f.tell()
        line = f.readline()
        if not line:
            break
        positions.append((pos, line))
    print(positions)
    for pos, line in reversed(positions):
        f.seek(pos)
        print(f.readline() == line, end=' ')
    print()
    print(f.seek(0, 2), f.tell(), repr(f.read()))
    print(f.seek(0), f.read(2), f.tell())
    f.seek(0)
    print(f.seek(0, 1))
    for args in [(1, 1), (1, 2), (0, 3), (-1,)]:
        try:
            f.seek(*args)
        except (ValueError, OSError) as e:
            print(type(e).__name__, e)
with open('s.txt') as f:
    next(f)
    try:
        f.tell()
    except OSError as e:
        print(type(e).__name__, e)
    f.seek(0)
    print(f.tell())
    for line in f:
        pass
    print(f.tell())

# Line buffering and flushing.
f = open('lb.txt', 'w', buffering=1)
print(f.line_buffering)
f.write('no newline yet')
print(raw('lb.txt'))
f.write(' now\n')
print(raw('lb.txt'))
f.close()
f = open('lb.txt', 'w')
f.write('pending')
print(raw('lb.txt'))
f.flush()
print(raw('lb.txt'))
f.close()
f = open('lb.txt', 'w')
f.write('truncate me')
print(f.truncate(4), f.tell())
f.close()
print(raw('lb.txt'))

# print() to a file.
with open('p.txt', 'w') as f:
    print('to', 'file', sep='-', end='!\n', file=f)
    print(1, 2.5, None, file=f)
print(raw('p.txt'))

# detach, reconfigure, writelines.
f = open('d.txt', 'w')
f.writelines(['a\n', 'b\n'])
buf = f.detach()
print(type(buf).__name__, buf.closed)
try:
    f.write('x')
except ValueError as e:
    print(e)
buf.write(b'c\n')
buf.close()
print(raw('d.txt'))
with open('d.txt', 'w') as f:
    f.reconfigure(newline='\r\n', line_buffering=True)
    f.write('x\ny\n')
    print(f.line_buffering, raw('d.txt'))

for name in sorted(os.listdir('.')):
    os.unlink(name)
os.chdir('..')
os.rmdir(WORK)
