# Long concatenations share a growable buffer in kaa: older strings must keep their text
# when the buffer is extended, branches must not see each other, and every str operation
# must work on such strings (hashing, comparison, encoding, number parsing, slicing).
def build(n, piece):
    s = ""
    history = []
    for i in range(n):
        s += piece(i)
        if i % 97 == 0:
            history.append(s)
    return s, history

s, hist = build(3000, str)
print(len(s), s[:20], s[-20:], hash(s) == hash(''.join(str(i) for i in range(3000))))
print([len(h) for h in hist[:5]], all(s.startswith(h) for h in hist))
base = "x" * 300
a = base + "A"
b = base + "B"          # must not overwrite what a appended
c = a + "tail"
print(a[-3:], b[-3:], c[-6:], len(a), len(b), len(c))
print(a == base + "A", b == base + "B", a < b, {a: 1, b: 2}[base + "A"])
wide = ("é" * 200) + ("€" * 100)
wide2 = wide + "😀"
print(len(wide), len(wide2), wide2[-2:], wide[-1], wide2.encode('utf-8')[-6:])
digits = "1" * 150 + "2" * 150
print(int(digits) % 1000, float("0." + digits) < 1, digits.count("2"))
t = ""
for i in range(500):
    t += "ab"
print(t.upper()[:6], t.replace("ab", "c")[:4], t.find("ba"), t.split("b")[:3], t[::100])
print(repr(t[-10:]), t.encode()[:6], t.isascii(), t.isalpha(), len(set(t)))
import os
p = "/" + "d" * 300
print(os.path.basename(p + "/file.txt"), os.path.join(p, "x")[-5:])
class S(str): pass
print(type(S(t)).__name__, len(S(t)), S(t)[:4], S(t) == t)
print(str(bytes(t, 'ascii'), 'ascii') == t, t.encode('utf-16')[:6], t.center(1010, '*')[:3])
print(f"{t:>1005}"[:6], "%s" % t[:3], t.join(["<", ">"])[:3], t.casefold() == t)
