# binascii: hex, base64 (strict mode too), uuencode, quoted-printable, crc32, crc_hqx, and
# the argument and data errors.
import binascii
T = ['binascii.hexlify(b"\\x01\\xab")','binascii.hexlify(b"abc", ":")','binascii.hexlify(b"abcde", b"-", 2)','binascii.hexlify(b"abcde", "-", -2)','binascii.b2a_hex(b"abc", sep="::")','binascii.b2a_hex(b"abc", sep=1)','binascii.b2a_hex(data=b"abc")','binascii.hexlify("abc")','binascii.hexlify(bytearray(b"xy"))','binascii.hexlify(memoryview(b"xy"))','binascii.unhexlify("0aFf")','binascii.unhexlify(b"0a f")','binascii.unhexlify("abc")','binascii.unhexlify("zz")','binascii.a2b_hex("\\u00e9")','binascii.a2b_hex(5)','binascii.a2b_hex(bytearray(b"00"))',
'binascii.b2a_base64(b"")','binascii.b2a_base64(b"a")','binascii.b2a_base64(b"ab")','binascii.b2a_base64(b"abc", newline=False)','binascii.b2a_base64(b"abc", False)','binascii.a2b_base64("YWJj")','binascii.a2b_base64(b"YW Jj\\n")','binascii.a2b_base64(b"YWJ")','binascii.a2b_base64(b"YWJjZ")','binascii.a2b_base64(b"YQ==")','binascii.a2b_base64(b"YQ=")','binascii.a2b_base64(b"YQ==YWJj")','binascii.a2b_base64(b"Y=Q==")','binascii.a2b_base64(b"=YQ==", strict_mode=True)','binascii.a2b_base64(b"YQ==Y", strict_mode=True)','binascii.a2b_base64(b"Y!Q==", strict_mode=True)','binascii.a2b_base64(b"YWJj=", strict_mode=True)','binascii.a2b_base64(b"YQ=a=", strict_mode=True)','binascii.a2b_base64(b"YQ==", strict_mode=True)','binascii.a2b_base64(b"YWJjZA=")','binascii.a2b_base64(b"")','binascii.a2b_base64(b"====")','binascii.a2b_base64(b"a")','binascii.a2b_base64(b"abcde")',
'binascii.crc32(b"hello")','binascii.crc32(b"hello", 123)','binascii.crc32(b"hello", -1)','binascii.crc32(b"hello", 2**40+5)','binascii.crc32(b"")','binascii.crc32(b"a", 1.5)','binascii.crc32("a")','binascii.crc_hqx(b"hello", 0)','binascii.crc_hqx(b"hello", 0xffff1)','binascii.crc_hqx(b"hello")','binascii.crc_hqx(b"hello", -1)',
'binascii.b2a_uu(b"")','binascii.b2a_uu(b"", backtick=True)','binascii.b2a_uu(b"hello world")','binascii.b2a_uu(b"\\x00\\x00\\x00", backtick=True)','binascii.b2a_uu(b"x"*46)','binascii.a2b_uu(b"+:&5L;&\\\\@=V]R;&0`\\n")','binascii.a2b_uu(b"")','binascii.a2b_uu(b" ")','binascii.a2b_uu(b"!")','binascii.a2b_uu(b"!~~")','binascii.a2b_uu(b"! !!")','binascii.a2b_uu(b"#86)C\\n")','binascii.a2b_uu("#86)C")',
'binascii.b2a_qp(b"hello = world\\t\\n")','binascii.b2a_qp(b"a b", quotetabs=True)','binascii.b2a_qp(b"x"*100)','binascii.b2a_qp(b"a_b c", header=True)','binascii.b2a_qp(b"line\\r\\nline2\\r\\n", istext=False)','binascii.b2a_qp(b"line \\r\\nnext\\t\\r\\n")','binascii.b2a_qp(b".\\nabc\\n.")','binascii.b2a_qp(b"\\xff\\x00caf\\xe9")','binascii.b2a_qp("abc")','binascii.a2b_qp(b"hello=20world=\\nnext=3D=3d=\\r\\nx=zz=")','binascii.a2b_qp(b"a_b", header=True)','binascii.a2b_qp("a=41")','binascii.a2b_qp(b"==41")',
'binascii.Error.__mro__','binascii.Incomplete.__mro__','binascii.Error("x")']
for t in T:
    try: print(t, repr(eval(t)))
    except Exception as e: print(t, type(e).__name__, e)
print(sorted(n for n in dir(binascii) if not n.startswith('__')))
data = bytes(range(256)) * 3
for n in range(0, 60, 7):
    chunk = data[n*5:n*5+n]
    enc = binascii.b2a_base64(chunk); assert binascii.a2b_base64(enc) == chunk
    uu = binascii.b2a_uu(chunk[:45]); assert binascii.a2b_uu(uu) == chunk[:45]
    qp = binascii.b2a_qp(chunk); assert binascii.a2b_qp(qp) == chunk, (chunk, qp)
    print(n, enc, uu, qp, binascii.crc32(chunk), binascii.crc_hqx(chunk, n))
text = b"The quick brown fox = jumps\tover the lazy dog.  \nSecond line with trailing tab\t\r\n" * 3 + b"." + b"y" * 80 + b"\xe9\n"
for qt in (False, True):
    for it in (False, True):
        for h in (False, True):
            print(qt, it, h, binascii.b2a_qp(text, qt, it, h))
