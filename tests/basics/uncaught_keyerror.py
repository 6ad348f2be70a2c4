# ends with an uncaught KeyError from a dict lookup.
config = {'host': 'localhost', 'port': 8080}
for k in ('host', 'port'):
    print(k, config[k])
print(config['missing key'])
print('not reached')
