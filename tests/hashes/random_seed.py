# random.seed with str, bytes and bytearray seeds goes through _sha512 (version 2), and the
# version 1 str algorithm; plus what random.py builds on top (randbytes, choices, shuffle).
import random

for seed in ['hello', b'hello', bytearray(b'hello'), '', b'', 'ünïcödé', 'x' * 1000]:
    random.seed(seed)
    print(repr(seed)[:30], random.random(), random.getrandbits(70))
random.seed('hello', version=1)
print(random.random())
random.seed(b'hello', version=1)
print(random.random())
r = random.Random('spam')
print(r.randrange(10 ** 12), r.choice('abcdefg'), r.sample(range(100), 5))
r.seed(b'eggs')
items = list(range(20))
r.shuffle(items)
print(items, r.randbytes(12).hex(), r.uniform(1, 2))
print(random.Random('a').random() == random.Random(b'a').random())
print(random.Random('a').random() == random.Random('b').random())
try:
    random.seed([1, 2])
except TypeError as e:
    print('TypeError:', e)
