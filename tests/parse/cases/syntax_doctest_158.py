def test():
   for abc in range(10):
       try:
           pass
       finally:
           try:
               pass
           except:
               continue
   print(abc)
