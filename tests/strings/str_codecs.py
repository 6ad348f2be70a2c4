# str.encode and str(bytes, encoding, errors) / bytes.decode: the built-in codecs and the
# standard error handlers, with CPython's UnicodeError messages and ranges.
def t(label, f):
    try:
        r = f()
    except UnicodeError as e:
        print(label, type(e).__name__, e, '|', e.encoding, e.start, e.end, e.reason)
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r))

texts = ['', 'abc', 'caf\xe9', '\u20ac100', 'a\U0001F600b', 'x\ud800y', 'a\udc80\udcffb',
         'mix\xe9\u20ac\U0001F600\udc80!', '\x00\x7f\x80\xff']
encodings = ['utf-8', 'ascii', 'latin-1', 'utf-16', 'utf-16-be', 'utf-32-le']
aliases = ['utf8', 'UTF-8', 'u8', 'us-ascii', 'latin1', 'iso-8859-1', 'ISO8859-1', 'l1', 'utf_16le',
           'utf-32', 'UTF-32BE', ' utf 8 ', 'cp65001', 'utf-16-le', 'Latin_1', '646', 'utf-32be']
for enc in aliases:
    t(enc, lambda: 'caf\xe9'.encode(enc))
    t(enc, lambda: 'caf\xe9\u20ac'.encode(enc, 'replace'))
handlers = ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
            'surrogateescape', 'surrogatepass']
for s in texts:
    for enc in encodings:
        for h in handlers:
            t('%r %s %s' % (s, enc, h), lambda: s.encode(enc, h))
print('abc'.encode(), 'é'.encode(), 'é'.encode(encoding='latin-1'), 'é'.encode('ascii', errors='replace'))
t('bad encoding', lambda: 'a'.encode('nope'))
t('rot13', lambda: 'a'.encode('rot13'))
t('hex', lambda: 'a'.encode('hex'))
t('bad handler unused', lambda: 'abc'.encode('ascii', 'bogus'))
t('bad handler used', lambda: 'ab\xe9'.encode('ascii', 'bogus'))
t('enc int', lambda: 'a'.encode(5))
t('errors int', lambda: 'a'.encode('utf-8', 5))
t('3 args', lambda: 'a'.encode('utf-8', 'strict', 1))
t('bad kw', lambda: 'a'.encode(x=1))

blobs = [b'', b'abc', b'caf\xc3\xa9', b'caf\xe9', b'\xff', b'\xc0\x80', b'\xe2\x82', b'\xe2\x82x',
         b'\xe2\x82\xac', b'\xed\xa0\x80', b'\xed\xb0\x80', b'\xf0\x9f\x98\x80', b'\xf0\x9f\x98',
         b'\xf0\x9fx', b'\xf4\x90\x80\x80', b'\xf8\x88\x80\x80\x80', b'a\x80b\x81\x82c',
         b'\xff\xfea\x00', b'\xfe\xff\x00a', b'a\x00b', b'\x00\xd8', b'\x00\xd8a', b'\x00\xd8\x00\xdc',
         b'\x00\xdc\x00\xd8', b'\x00\xd8\x00\x00', b'\xff\xfe\x00\x00a\x00\x00\x00',
         b'\x00\x00\xfe\xffa\x00\x00\x00', b'\x00\x00\x11\x00', b'\x00\xd8\x00\x00', b'abcde']
dencodings = ['utf-8', 'ascii', 'latin-1', 'utf-16', 'utf-16-le', 'utf-32', 'utf-32-be']
for b in blobs:
    for enc in dencodings:
        for h in ['strict', 'replace', 'backslashreplace', 'surrogateescape', 'surrogatepass']:
            t('%r %s %s' % (b, enc, h), lambda: str(b, enc, h))
t('decode bogus', lambda: str(b'\xff', 'utf-8', 'bogus'))
t('decode bogus ok', lambda: str(b'ok', 'utf-8', 'bogus'))
t('decode xmlref', lambda: str(b'\xff', 'utf-8', 'xmlcharrefreplace'))
# Round trips through the lossless handlers.
raw = bytes(range(256))
print(str(raw, 'utf-8', 'surrogateescape').encode('utf-8', 'surrogateescape') == raw,
      str(raw, 'latin-1').encode('latin-1') == raw,
      'a\ud800\udfff'.encode('utf-8', 'surrogatepass').decode('utf-8', 'surrogatepass') == 'a\ud800\udfff')
big = ''.join(chr(c) for c in range(0, 0x3000, 7)) + '\U0001F600\U0010FFFF'
for enc in ['utf-8', 'utf-16', 'utf-16-be', 'utf-32', 'utf-32-le']:
    print(enc, str(big.encode(enc), enc) == big, len(big.encode(enc)))
