while a:
    break
else:
    continue
