# str.encode and bytes.decode with an encoding that only the codec registry (Lib/encodings)
# knows: CPython looks it up there.
print('abc€'.encode('cp1252'), b'\x80x'.decode('cp1252'), 'é'.encode('iso8859_15'))
print('x'.encode('rot13') if False else 'ok')
