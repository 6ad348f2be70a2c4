for a, b in c:
    pass
else:
    pass
