# weakref.py and _weakrefset.py on top of _weakref: WeakValueDictionary, WeakKeyDictionary,
# WeakSet, WeakMethod, finalize.
import gc
import weakref


class C:
    def __init__(self, n):
        self.n = n
    def m(self):
        return self.n
    def __repr__(self):
        return "C(%d)" % self.n


keep = [C(i) for i in range(5)]
d = weakref.WeakValueDictionary()
for i, o in enumerate(keep):
    d[i] = o
print(len(d), d[2], 3 in d, d.get(9), sorted(d.keys()), sorted(o.n for o in d.values()))
print(sorted((k, v.n) for k, v in d.items()), d.setdefault(1, None), d.pop(4))
try:
    d[99]
except KeyError as e:
    print("KeyError", e)


def fill(mapping, n):
    for i in range(n):
        mapping[100 + i] = C(100 + i)


fill(d, 50)
gc.collect()
gc.collect()
print("values died:", len(d) <= 6, sorted(d.keys())[:4])

k = weakref.WeakKeyDictionary()
for o in keep:
    k[o] = o.n * 10
print(len(k), k[keep[1]], keep[2] in k, sorted(k.values()))


def fillk(n):
    for i in range(n):
        k[C(i)] = i


fillk(50)
gc.collect()
gc.collect()
print("keys died:", len(k) <= 7)

s = weakref.WeakSet(keep)
print(len(s), keep[0] in s, C(0) in s, sorted(o.n for o in s))
s.discard(keep[0])
print(len(s), s == weakref.WeakSet(keep[1:]), s <= weakref.WeakSet(keep))


def fills(n):
    for i in range(n):
        s.add(C(i))


fills(50)
gc.collect()
gc.collect()
print("set members died:", len(s) <= 6)

wm = weakref.WeakMethod(keep[3].m)
print(wm()(), wm() == keep[3].m, type(wm).__name__)

fin_log = []
def make_finalizers(n):
    fs = []
    for i in range(n):
        fs.append(weakref.finalize(C(i), fin_log.append, "finalized"))
    return fs
fs = make_finalizers(20)
gc.collect()
gc.collect()
print(len(fin_log) >= 15, set(fin_log), sum(not f.alive for f in fs) >= 15)
fin_log.clear()
obj = C(8)
f2 = weakref.finalize(obj, fin_log.append, "explicit")
print(f2.alive, f2.peek()[0] is obj)
print(f2(), fin_log, f2.alive, f2())
f3 = weakref.finalize(obj, fin_log.append, "detached")
print(f3.detach()[0] is obj, f3.alive)
