# an uncaught user-defined exception with a custom __str__.
class ConfigError(Exception):
    def __init__(self, key, reason):
        super().__init__(key, reason)
        self.key = key
        self.reason = reason
    def __str__(self):
        return '%s: %s' % (self.key, self.reason)

def load(key):
    raise ConfigError(key, 'not set')

print('loading')
load('timeout')
