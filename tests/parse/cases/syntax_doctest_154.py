def test():
   for abc in range(10):
       try:
           pass
       finally:
           continue
   print(abc)
