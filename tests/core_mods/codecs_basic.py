# _codecs (through codecs.py and Lib/encodings): registry, codec functions, error handlers.
import _codecs, codecs
print(_codecs.utf_8_decode(b'ab\xc3', None, False), _codecs.utf_8_decode(b'ab\xe2\x82', None, False), _codecs.utf_16_ex_decode(b'\xff\xfea\x00b'), _codecs.utf_16_decode(b'a\x00b', None, False))
print(_codecs.unicode_escape_encode('a\\\n\té\u1234\U00012345\'"'), _codecs.raw_unicode_escape_encode('aé\u1234\\'), _codecs.escape_encode(b'a\'"\\\n\x00\xff'))
print(_codecs.unicode_escape_decode(b'a\\n\\x41\\u1234\\N{BULLET}\\q\xe9'), _codecs.escape_decode(b'\\x41\\n\\q'), _codecs.raw_unicode_escape_decode(b'\\u1234\\n'))
for a in [lambda: _codecs.lookup('nope'), lambda: _codecs.lookup_error('nope'), lambda: _codecs.encode('a', 'rot13'), lambda: _codecs.unicode_escape_decode(b'\\x4'), lambda: _codecs.escape_decode(b'\\x4'), lambda: _codecs.charmap_decode(b'\x00\x01', 'strict', 'a'), lambda: _codecs.charmap_encode('ab', 'strict', {97: 1}), lambda: _codecs.register(1), lambda: codecs.lookup('UTF8').name, lambda: codecs.lookup('latin-1').name, lambda: codecs.encode('abc', 'utf-16'), lambda: _codecs.utf_8_encode(1), lambda: _codecs.charmap_build('abc'), lambda: codecs.encode('abc€', 'cp1252'), lambda: codecs.decode(b'\x80abc', 'cp1252'), lambda: codecs.decode(b'\x81', 'cp1252'), lambda: codecs.decode(b'\x81', 'cp1252', 'replace'), lambda: codecs.encode('x\u1234', 'cp1252', 'xmlcharrefreplace'), lambda: codecs.encode('hello', 'rot13'), lambda: codecs.encode('é', 'unicode_escape'), lambda: codecs.decode('\\u00e9', 'unicode_escape')]:
    try: print(a())
    except Exception as e: print(type(e).__name__, e)
e = UnicodeEncodeError('ascii', 'aé\u20acb', 1, 3, 'bad')
for h in ['ignore','replace','backslashreplace','xmlcharrefreplace','namereplace']: print(h, codecs.lookup_error(h)(e))
d = UnicodeDecodeError('utf-8', b'a\xff\xfeb', 1, 3, 'bad')
for h in ['ignore','replace','backslashreplace','surrogateescape']: print(h, codecs.lookup_error(h)(d))
print(codecs.lookup_error('surrogateescape')(UnicodeEncodeError('ascii', 'a\udcff', 1, 2, 'x')), codecs.lookup_error('surrogatepass')(UnicodeEncodeError('utf-8', 'a\ud800', 1, 2, 'x')))
dec = codecs.getincrementaldecoder('utf-8')()
print(repr(dec.decode(b'a\xe2')), repr(dec.decode(b'\x82')), repr(dec.decode(b'\xac', final=True)))
dec = codecs.getincrementaldecoder('utf-16')()
print(repr(dec.decode(b'\xff')), repr(dec.decode(b'\xfea')), repr(dec.decode(b'\x00b\x00')))
print(codecs.BOM_UTF8, codecs.lookup('utf-8').incrementalencoder, codecs.getencoder('ascii')('abc'))
