def test():
    try:
        pass
    finally:
        for abc in range(10):
            continue
    print(abc)
