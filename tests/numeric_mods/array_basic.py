# array: item conversion errors for every typecode, construction, sequence operations,
# slicing, comparison, repr, and the methods.
from array import array
import array as A
big = [2**8, -129, 2**16, -2**15-1, 2**32, -2**31-1, 2**64, -2**63-1, -1, 1.5, 'a', None, 2**100, True]
for tc in A.typecodes:
    res = []
    for v in big:
        try: a = array(tc, [v]); res.append(repr(a[0]))
        except Exception as e: res.append(type(e).__name__ + ':' + str(e))
    print(tc, array(tc).itemsize, res)
T = ['array()','array("z")','array("ii")','array(1)','array("i", "abc")','array("u", "abc")','array("u", b"abcd")','array("b", b"\\x01\\xff")','array("h", b"\\x01")','array("i", 5)','array("i", [1], 2)','array("i", x=[1])','array("d", array("i", [1,2]))','array("i", array("d", [1.5]))','array("u", array("u","ab"))','array("i", array("u","ab"))','array("u", ["a", "b"])','array("u", ["ab"])','array("i", range(5))','array("i", (x for x in range(3)))','array("i", [1,2]) + [3]','array("i", [1,2]) + array("d", [3])','array("i", [1,2]) + array("i", [3])','array("i", [1,2]) * 2','2 * array("i", [1,2])','array("i", [1,2]) * -1','array("i") == array("d")','array("i",[1,2]) == array("d",[1.0,2.0])','array("i",[1,2]) < array("i",[1,3])','array("i",[1,2]) < [1,3]','array("i",[1,2]) == [1,2]','array("b",[1,2]) < array("h",[1,2,0])','array("i",[1,2,3])[1]','array("i",[1,2,3])[-1]','array("i",[1,2,3])[3]','array("i",[1,2,3])[1:]','array("i",[1,2,3])[::-1]','array("i",[1,2,3])["a"]','array("i",[1,2,3]).index(2)','array("i",[1,2,3]).index(5)','array("i",[1,2,3]).index(3, 0, 2)','array("i",[1,2,3]).count(2)','array("i",[1,2,3]).pop()','array("i").pop()','array("i",[1]).pop(5)','array("i",[1,2,3]).remove(5)','array("i",[1,2,3]).tobytes()','array("i",[1,2,3]).tolist()','array("u","abc").tounicode()','array("i",[1]).tounicode()','array("i",[1,2,3]).buffer_info()[1]','array("i").typecode','array("i").itemsize','repr(array("d",[1.5,2]))','repr(array("u","ab"))','repr(array("b"))','str(array("f",[0.1]))','array("i",[1,2,3]).__reduce_ex__(2)[0].__name__','array("i",[1,2,3]).__reduce_ex__(3)','len(array("q",[1,2]))','5 in array("i",[1,5])','5.0 in array("i",[1,5])','hash(array("i"))','array("f",[0.1])[0]','array("i",[1]).frombytes(b"\\x01")','array("i",[1]).fromlist((1,2))','array("i",[1]).fromlist([1,"a"])','array("i",[1]).fromunicode("a")','array("u").fromunicode(5)','array("i",[1]).extend([2,"x"])','array("i",[1]).extend(array("d"))','array("i",[1]).insert(0,"a")','A.typecodes','A.ArrayType is array','array.__name__','array.__module__','type(iter(array("i"))).__name__','array("i",[3,1]).__copy__()','array("i",[1]) is array("i",[1]).__copy__()','array("i",[1,2,3,4]).byteswap()','array("i",[1,2,3]).reverse()']
for t in T:
    try: print(t, repr(eval(t)))
    except Exception as e: print(t, type(e).__name__, e)
a = array('i', range(10))
a[2:5] = array('i', [7, 8]); print(a)
a[::2] = array('i', [0]*len(a[::2])); print(a)
try: a[::2] = array('i', [1])
except Exception as e: print(type(e).__name__, e)
try: a[1:2] = [5]
except Exception as e: print(type(e).__name__, e)
try: a[0] = 'x'
except Exception as e: print(type(e).__name__, e)
del a[1]; del a[::3]; print(a)
a += array('i', [9]); a *= 2; print(a)
try: a += [1]
except Exception as e: print(type(e).__name__, e)
a.append(4); a.insert(-100, 1); a.insert(100, 2); print(a, a.pop(0), a.pop(-2))
b = array('h', [1, -2, 3]); b.byteswap(); print(b, b.tobytes())
c = array('d'); c.frombytes(array('d', [1.5, -2.25]).tobytes()); print(c, c.buffer_info()[1], c.itemsize)
print(array('B', b'xyz').tobytes(), bytes(array('B', [65, 66])), list(array('b', [-1, 2])))
print(array('u', 'hello').tounicode(), array('u', 'hi') + array('u', '!'))
it = iter(array('i', [1, 2])); print(next(it), list(it))
print(sorted(array('i', [3, 1, 2])), max(array('d', [1.5, 3.25])), sum(array('q', [10**15, 10**15])))
print(array('Q', [2**64-1]), array('q', [-2**63]), array('L', [2**64-1]))
print(array('f', [1e300, -1e300, float('nan')]))
