print(*a, **b, c=1)
f(a)(b)[c].d
