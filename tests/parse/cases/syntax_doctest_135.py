obj = C()
