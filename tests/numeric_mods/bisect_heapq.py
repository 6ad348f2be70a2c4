# _bisect and _heapq: results, heap order with ties, key functions, list subclasses, argument
# errors, and a comparison that empties the heap.
import _heapq, _bisect
for t in ['_heapq.heappop()','_heapq.heappush([])','_heapq.heappush(1,2)','_heapq.heappop([])','_heapq.heapreplace([],1)','_heapq.heappushpop([],1)','_heapq.heapify(1)','_heapq.heapify([],x=1)','_heapq._heappop_max([])','_bisect.bisect_right()','_bisect.bisect_right([1],1,-1)','_bisect.bisect_right([1],1,0,"a")','_bisect.bisect_right(1,1)','_bisect.bisect_right([1,2],1,0,None,None)','_bisect.bisect_right([1,2],1,key=None,x=2)','_bisect.bisect_right([1,2],1,0,5)','_bisect.bisect_right([1,2],1,lo=1.5)','_bisect.insort_left((1,2),1)','_bisect.bisect_left([1,2],1,2,1)','_bisect.bisect_right([1,2],1,0,2**70)', '_bisect.bisect_right([1,2],1,2**70)','_bisect.bisect_right([1],1,-1,"a")','_bisect.bisect_right([1,2,3],2,0,-1)','_bisect.bisect_left([1,2,3],2,hi=None,key=None)','_bisect.bisect_left(a=[1,2,3],x=2,foo=1)','_heapq.heappop(5)','_heapq.heappushpop(5,1)','_heapq._heapreplace_max([3,1],2)']:
    try: print(t, repr(eval(t)))
    except Exception as e: print(t, type(e).__name__, e)
import heapq, bisect
seed = 7
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2**31
    return seed % n
data = [rnd(100) for _ in range(200)]
h = []
for x in data: heapq.heappush(h, x)
print(h[:20])
print([heapq.heappop(h) for _ in range(30)])
h2 = data[:]; heapq.heapify(h2); print(h2[:30])
print(heapq.heapreplace(h2, 50), heapq.heappushpop(h2, 3), heapq.heappushpop(h2, -1), h2[:10])
print(heapq.nlargest(5, data), heapq.nsmallest(5, data), list(heapq.merge([1,4,7],[2,5,8],[0,9])))
print(heapq.nlargest(3, data, key=lambda v: -v), list(heapq.merge([3,2,1],[5,0], reverse=True)))
m = data[:]; heapq._heapify_max(m); print(m[:10], heapq._heappop_max(m), heapq._heapreplace_max(m, 1000), m[:5])
pairs = [(rnd(5), i) for i in range(40)]
hp = []
for p in pairs: heapq.heappush(hp, p)
print([heapq.heappop(hp) for _ in range(10)])
s = sorted(data)
print([bisect.bisect_left(s, v) for v in (0, 5, 50, 99, 100, -1)], [bisect.bisect_right(s, v) for v in (0, 5, 50, 99, 100)])
print(bisect.bisect(s, 50, 10, 100), bisect.bisect_left(s, 50, lo=10, hi=100))
L = []
for x in data[:30]: bisect.insort(L, x)
print(L)
L2 = []
for x in data[:30]: bisect.insort_left(L2, (x, -x), key=lambda t: t[0])
print(L2[:10])
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
print(bisect.bisect_right((1.0, 2.5, 3.5), 2.5), bisect.bisect_left(['a','b','c'], 'b'), bisect.bisect_left([1, 2.0, 3], 2))
class L3(list):
    def insert(self, i, x):
        print('insert', i, x); super().insert(i, x)
l3 = L3([1, 3]); bisect.insort(l3, 2); print(l3)
class Bad:
    def __init__(s, v): s.v = v
    def __lt__(s, o):
        h.clear(); return s.v < o.v
h = [Bad(1), Bad(2), Bad(3)]
try: heapq.heappush(h, Bad(0))
except Exception as e: print(type(e).__name__, e)
