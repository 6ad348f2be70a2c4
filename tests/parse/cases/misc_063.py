# type: ignore
x = 1  # type: ignore[foo]
def f(a,  # type: int
      b,  # type: str
      ):
    # type: (...) -> None
    pass
for x in y:  # type: int
    pass
with a as b:  # type: int
    pass
y = 2  # type: List[int]
