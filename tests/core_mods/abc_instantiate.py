# Instantiating a class with abstract methods: CPython 3.11's message lists the names bare.
from abc import ABC, abstractmethod


class A(ABC):
    @abstractmethod
    def f(self):
        pass

    @property
    @abstractmethod
    def p(self):
        pass


class B(A):
    def f(self):
        return 1


for cls in (A, B):
    try:
        cls()
    except TypeError as e:
        print(e)
