# TextIOWrapper under stress: random text in several encodings and newline modes, read back
# through tiny chunk sizes (characters and \r\n split across chunks) with read, readline,
# and tell/seek round trips. Deterministic (fixed seed). Cookie values themselves are not
# printed: CPython's encode decoder state in them, kaa's are byte offsets (io_text.c).
import io
import random

rnd = random.Random(20240611)
pieces = ['a', 'bc', '\n', '\r', '\r\n', '\u00e9', '\u20ac', '\U0001f600', 'xyz\n', '\r\r']
for trial in range(150):
    enc = rnd.choice(['utf-8', 'latin-1', 'utf-16-le', 'utf-32', 'utf-16', 'utf-16-be'])
    nl = rnd.choice([None, '', '\n', '\r', '\r\n'])
    text = ''.join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
    if enc == 'latin-1':
        text = text.replace('\u20ac', 'e').replace('\U0001f600', 'o')
    t = io.TextIOWrapper(io.BytesIO(text.encode(enc)), encoding=enc, newline=nl)
    t._CHUNK_SIZE = rnd.randint(1, 8)
    res = []
    for op in range(rnd.randint(1, 12)):
        k = rnd.randint(0, 4)
        if k == 0:
            res.append(t.read(rnd.randint(0, 5)))
        elif k == 1:
            res.append(t.readline(rnd.choice([-1, 2, 5])))
        elif k == 2:
            res.append(t.readlines())
        elif k == 3:
            res.append(t.read())
        else:
            pos = t.tell()
            first = t.read(3)
            t.seek(pos)
            res.append(first == t.read(3))
    print(trial, enc, ascii(nl), ascii(res))
