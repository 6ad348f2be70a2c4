class C:
    def meth(self, *args):
        return args
