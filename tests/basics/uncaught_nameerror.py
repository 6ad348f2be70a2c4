# an uncaught NameError for a misspelled name: CPython 3.11 adds a "Did you mean" hint.
counter = 0
for i in range(3):
    counter += i
print(counter)
print(countr)
