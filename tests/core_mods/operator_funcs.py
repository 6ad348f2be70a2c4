# _operator (through operator.py): the functions, itemgetter/attrgetter/methodcaller.
import operator
from operator import *
print(repr(itemgetter(1)), repr(itemgetter(1, 'a')), repr(attrgetter('a.b')), repr(attrgetter('a','b')), repr(methodcaller('f', 1, k=2)))
class O: pass
o=O(); o.a=O(); o.a.b=5
print(attrgetter('a.b')(o), itemgetter(1,0)('ab'), methodcaller('upper')('x'), methodcaller('split', ',', maxsplit=1)('a,b,c'))
tests=[lambda: itemgetter(), lambda: attrgetter(), lambda: attrgetter(1), lambda: methodcaller(), lambda: methodcaller(1), lambda: attrgetter('a.c')(o), lambda: add(1), lambda: concat(1,2), lambda: iconcat(1,2), lambda: countOf(1, 2), lambda: indexOf([1], 2), lambda: length_hint(1, 'a'), lambda: length_hint(iter([1,2])), lambda: length_hint(1), lambda: itemgetter(1)(1), lambda: index(1.5), lambda: truth(), lambda: operator._compare_digest('a', b'a'), lambda: operator._compare_digest('a','a'), lambda: call(len, [1]), lambda: itemgetter(1)(), lambda: attrgetter('a')(o, 1), lambda: attrgetter('a.')(o), lambda: is_(1), lambda: methodcaller('a')(), lambda: pow(2, 3), lambda: ipow(2,3), lambda: not_(0), lambda: inv(5), lambda: concat([1], (2,)), lambda: concat('a', 'b'), lambda: operator._compare_digest(b'abc', b'abd'), lambda: countOf([1,2,1], 1), lambda: indexOf('abc', 'c')]
for t in tests:
    try: print(t())
    except Exception as e: print(type(e).__name__, e)
print(itemgetter(1).__reduce__(), attrgetter('a').__reduce__(), methodcaller('f', 1).__reduce__())
print(operator.add.__module__, operator.add, type(operator.itemgetter(1)), operator.__add__ is operator.add)
l = [1, 2]; print(iadd(l, [3]), l, imul(l, 2), add(1, 2), sub(5, 3), mul('a', 3), truediv(1, 2), floordiv(7, 2), mod(7, 3), neg(3), and_(6, 3), or_(6, 3), xor(6, 3), lshift(1, 4), rshift(16, 2), lt(1, 2), ge(1, 2), eq([1], [1]), contains([1], 1), getitem('ab', 1))
d = {}; setitem(d, 'k', 'v'); print(d); delitem(d, 'k'); print(d)
print(sorted([(1, 'b'), (0, 'c'), (1, 'a')], key=itemgetter(0, 1)), list(map(attrgetter('real'), [1, 2.5])))
