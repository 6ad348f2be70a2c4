# uuid3/uuid5 (md5 and sha1 through hashlib) and secrets (token_* over os.urandom, hmac's
# compare_digest): the name-based UUIDs are fixed, the random tokens are checked by shape.
import secrets
import uuid

for ns_name in ('NAMESPACE_DNS', 'NAMESPACE_URL', 'NAMESPACE_OID', 'NAMESPACE_X500'):
    ns = getattr(uuid, ns_name)
    for name in ('python.org', 'http://example.com/', 'ünïcode', ''):
        u3, u5 = uuid.uuid3(ns, name), uuid.uuid5(ns, name)
        print(ns_name, repr(name), u3, u3.version, u5, u5.version)
u = uuid.uuid5(uuid.NAMESPACE_DNS, 'kaa')
print(u.hex, u.urn, u.variant, u.bytes[:4])
print(uuid.uuid3(uuid.NAMESPACE_DNS, b'bytes name'.decode()) == uuid.uuid3(uuid.NAMESPACE_DNS, 'bytes name'))

t = secrets.token_hex(16)
print(len(t), all(c in '0123456789abcdef' for c in t))
print(len(secrets.token_bytes(8)), len(secrets.token_bytes()), len(secrets.token_hex()))
print(len(secrets.token_urlsafe(16)), set(secrets.token_urlsafe(64)) <= set(
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'))
print(secrets.compare_digest(b'abc', b'abc'), secrets.compare_digest('abc', 'abd'))
print(secrets.choice('x'), 0 <= secrets.randbelow(10) < 10, secrets.randbits(8) < 256)
r = uuid.uuid4()
print(r.version, len(str(r)))
