# _abc (through abc.py and collections.abc): abstract methods, register, isinstance caches.
import abc, collections.abc as cabc
from abc import ABC, ABCMeta, abstractmethod
print(abc.ABCMeta.__module__, abc.get_cache_token() >= 0)
class A(ABC):
    @abstractmethod
    def f(self): pass
    @property
    @abstractmethod
    def p(self): pass
print(sorted(A.__abstractmethods__))
class B(A):
    def f(self): return 1
class C(B):
    p = 3
print(C().f(), C().p, C.__abstractmethods__)
class V: pass
A.register(V)
print(isinstance(V(), A), issubclass(V, A), issubclass(int, A), isinstance(1, A))
print(isinstance({}, cabc.Mapping), isinstance([], cabc.Mapping), isinstance([], cabc.Sequence), issubclass(dict, cabc.MutableMapping), isinstance('', cabc.Hashable), isinstance([], cabc.Hashable), isinstance(iter([]), cabc.Iterator), isinstance(len, cabc.Callable))
class It:
    def __iter__(self): return self
    def __next__(self): raise StopIteration
print(isinstance(It(), cabc.Iterator), issubclass(It, cabc.Iterable), isinstance(It(), cabc.Sized))
try: A.register(3)
except TypeError as e: print(e)
class Sub(A): pass
try: A.register(A) ; print('ok')
except RuntimeError as e: print(e)
try: Sub.register(A)
except RuntimeError as e: print(e)
print(A._abc_registry_clear() if hasattr(A, '_abc_registry_clear') else None, isinstance(V(), A))
class MyMap(cabc.Mapping):
    def __getitem__(s, k): return k
    def __len__(s): return 0
    def __iter__(s): return iter([])
m = MyMap(); print(m.get(1), 1 in m, dict(m), isinstance(m, cabc.Mapping))
match m:
    case {}: print('mapping pattern')
match [1]:
    case [x]: print('seq', x)
import abc as a2
print(type(A._abc_impl).__name__, len(a2._get_dump(A)))
class S(cabc.Sequence):
    def __getitem__(s, i): return [1,2,3][i]
    def __len__(s): return 3
print(list(reversed(S())), S().index(2), S().count(3), 2 in S())
class NS(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        return True if hasattr(C, 'quack') else NotImplemented
class Duck:
    quack = 1
print(issubclass(Duck, NS), issubclass(int, NS))
