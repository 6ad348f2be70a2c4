# random (Lib/random.py over _random): the module functions CPython documents as reproducible
# for a given seed. Needs math, os, itertools, bisect, _sha512/hashlib from the rest of kaa.
import random

random.seed(42)
print([random.random() for _ in range(3)], random.randint(1, 100), random.choice('abc'),
      random.sample(range(100), 5))
random.seed(12345)
print(random.randrange(10, 1000, 7), random.uniform(1.5, 2.5), random.getrandbits(70))
xs = list(range(20))
random.shuffle(xs)
print(xs, random.choices('abcde', k=5), random.choices([1, 2, 3], weights=[5, 1, 1], k=4))
print(random.gauss(0, 1), random.normalvariate(10, 2), random.expovariate(1.5),
      random.triangular(0, 10, 3), random.betavariate(2, 3), random.gammavariate(2.5, 1))
random.seed('a string seed')
print(random.random(), random.randbytes(6))
random.seed(b'bytes seed')
print(random.random())
r = random.Random(2023)
state = r.getstate()
first = [r.random() for _ in range(3)]
r.setstate(state)
print(first == [r.random() for _ in range(3)], r.randint(-5, 5))
