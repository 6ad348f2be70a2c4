# an uncaught AttributeError for a misspelled attribute: CPython 3.11 adds a "Did you mean" hint.
class Config:
    def __init__(self):
        self.timeout = 30
c = Config()
print(c.timeout)
print(c.timout)
