# containers mutated by user code while a C routine walks them (sort keys, __eq__, __repr__,
# iteration): must raise or finish sensibly, never crash.
def t(name, f):
    try:
        r = f()
        print(name, 'ok', r)
    except Exception as e:
        print(name, type(e).__name__, e)
# list mutated during sort
l = list(range(10))
def key(v):
    l.append(v)
    return v
t('sort mutation', lambda: l.sort(key=key))
print(len(l) >= 10)
l2 = [3, 1, 2]
def cmpkey(v):
    l2.clear()
    return v
t('sort clear', lambda: l2.sort(key=cmpkey))
print(l2)
# set changed size during iteration
s = {1, 2, 3}
def sgrow():
    for x in s:
        s.add(x + 10)
t('set iter mutation', sgrow)
# dict mutated inside __eq__ during lookup
class Evil:
    def __init__(self, d):
        self.d = d
    def __hash__(self):
        return 1
    def __eq__(self, o):
        self.d.clear()
        return False
d = {}
d[Evil(d)] = 1
t('dict evil eq', lambda: d.get(Evil(d)))
t('dict evil eq2', lambda: Evil(d) in d)
# list mutated inside __eq__ during index/count/in/remove
class EvilL:
    def __init__(self, l):
        self.l = l
    def __repr__(self):
        return 'EvilL()'
    def __eq__(self, o):
        self.l.clear()
        return False
L = [1, 2, 3, 4]
t('list in evil', lambda: EvilL(L) in L)
L = [1, 2, 3, 4]
t('list count evil', lambda: L.count(EvilL(L)))
L = [1, 2, 3, 4]
t('list index evil', lambda: L.index(EvilL(L)))
L = [1, 2, 3, 4]
t('list remove evil', lambda: L.remove(EvilL(L)))
# list comparison with mutating __eq__
class EvilCmp:
    def __init__(self, l):
        self.l = l
    def __eq__(self, o):
        del self.l[:]
        return True
A = [0, 0, 0]
A[0] = EvilCmp(A)
t('list eq evil', lambda: A == [1, 2, 3])
# iterate list while appending (bounded)
L = [1]
for x in L:
    if len(L) < 5:
        L.append(x + 1)
print(L)
# list iterator after clear
L = [1, 2, 3]
it = iter(L)
next(it)
L.clear()
print(list(it))
# dict iteration after modification via values
d = {1: 1, 2: 2}
def dmut():
    for k in d:
        del d[k]
t('dict del during iter', dmut)
# __hash__ changing
class H:
    h = 1
    def __hash__(self):
        return H.h
x = H()
dd = {x: 'v'}
H.h = 2
print(x in dd, len(dd))
# extend list with itself; slice-assign self; insert/pop extremes
L = [1, 2]
L.extend(L); L += L; L[1:2] = L
print(L)
L.insert(-100, 'a'); L.insert(100, 'z')
print(L[0], L[-1], L.pop(0), L.pop())
# sorted with key raising
t('sorted key raises', lambda: sorted([3, 1], key=lambda v: 1 / 0))
# repr of mutating container
class MutRepr:
    def __init__(self, l):
        self.l = l
    def __repr__(self):
        self.l.clear()
        return 'M'
L = [0, 1, 2]
L[0] = MutRepr(L)
t('list repr evil', lambda: repr(L))
D = {}
D[1] = MutRepr(D) if False else None
class MutReprD:
    def __repr__(self):
        D.clear()
        return 'MD'
D = {1: MutReprD(), 2: 2, 3: 3}
t('dict repr evil', lambda: repr(D))
