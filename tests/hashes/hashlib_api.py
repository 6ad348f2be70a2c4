# hashlib over the builtin modules (kaa has no OpenSSL _hashlib): the named constructors,
# new(), file_digest(), the pure-Python pbkdf2_hmac, and hmac on top of them.
import hashlib
import hmac
import io
import warnings

names = sorted(hashlib.algorithms_guaranteed)
print(names)
print(hashlib.algorithms_guaranteed <= hashlib.algorithms_available)
for name in names:
    h = hashlib.new(name, b'The quick brown fox')
    h2 = getattr(hashlib, name)(b'The quick brown fox')
    if name.startswith('shake'):
        print(name, h.hexdigest(20), h2.hexdigest(20) == h.hexdigest(20), h.digest_size)
    else:
        print(name, h.hexdigest(), h2.digest() == h.digest(), h.digest_size, h.block_size,
              h.name)
print(hashlib.new('sha256').hexdigest())
print(hashlib.new('SHA256', b'abc').hexdigest())
print(hashlib.new('MD5', b'abc').hexdigest())
print(hashlib.new('blake2b', b'abc', digest_size=16).hexdigest())
print(hashlib.blake2s(b'abc', key=b'key', person=b'p').hexdigest())
print(hashlib.sha3_256(b'abc').hexdigest())
print(hashlib.md5(b'abc', usedforsecurity=False).hexdigest())
print(hashlib.sha1(string=b'abc').hexdigest())

# file_digest: through getbuffer() (BytesIO) and through readinto() (a buffered reader).
blob = bytes(range(256)) * 2000
print(hashlib.file_digest(io.BytesIO(blob), 'sha256').hexdigest())
print(hashlib.file_digest(io.BufferedReader(io.BytesIO(blob)), hashlib.sha1).hexdigest())
print(hashlib.file_digest(io.BufferedReader(io.BytesIO(blob)), lambda: hashlib.blake2b(digest_size=8)).hexdigest())
print(hashlib.sha1(blob).hexdigest())

# pbkdf2_hmac (RFC 6070 vectors for SHA-1, and SHA-256/512).
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    print(hashlib.pbkdf2_hmac('sha1', b'password', b'salt', 1).hex())
    print(hashlib.pbkdf2_hmac('sha1', b'password', b'salt', 2).hex())
    print(hashlib.pbkdf2_hmac('sha1', b'passwordPASSWORDpassword',
                              b'saltSALTsaltSALTsaltSALTsaltSALTsalt', 20, 25).hex())
    print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 50).hex())
    print(hashlib.pbkdf2_hmac('sha512', b'pass', b'salt', 3, dklen=80).hex())
    print(hashlib.pbkdf2_hmac('md5', bytearray(b'pw'), memoryview(b'salt'), 5, 10).hex())

# hmac (RFC 2104 / RFC 4231 style).
print(hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', 'md5').hexdigest())
print(hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', hashlib.sha1).hexdigest())
h = hmac.new(b'\x0b' * 20, b'Hi There', 'sha256')
print(h.hexdigest(), h.name, h.digest_size, h.block_size)
h = hmac.new(b'Jefe', digestmod='sha512')
h.update(b'what do ya want ')
c = h.copy()
h.update(b'for nothing?')
print(h.hexdigest())
print(c.hexdigest())
print(hmac.new(b'\xaa' * 131, b'Test Using Larger Than Block-Size Key - Hash Key First',
               'sha384').hexdigest())
print(hmac.new(b'k', b'msg', hashlib.sha3_256).hexdigest())
print(hmac.new(b'k', b'msg', lambda: hashlib.blake2b(digest_size=32)).hexdigest())
print(hmac.digest(b'key', b'msg', 'sha224').hex())
print(hmac.compare_digest(b'abc', b'abc'), hmac.compare_digest(b'abc', b'abd'),
      hmac.compare_digest('abc', 'abc'))


def err(f):
    try:
        r = f()
        print('no error:', r)
    except Exception as e:
        print(type(e).__name__ + ':', e)


err(lambda: hashlib.new('nosuchhash'))
err(lambda: hashlib.sha256('text'))
err(lambda: hashlib.new('md5', 'text'))
err(lambda: hashlib.sha256().update('text'))
err(lambda: hashlib.blake2b(digest_size=65))
err(lambda: hmac.new(b'k', b'm'))
err(lambda: hmac.new('k', b'm', 'md5'))
try:
    hashlib.file_digest(io.StringIO('x'), 'md5')
except ValueError as e:
    print('ValueError:', str(e).split("'")[-1])
# (pbkdf2_hmac's own errors are OpenSSL's in CPython, the fallback's in kaa: not compared.)
