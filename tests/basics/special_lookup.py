# special-method lookup goes through the type: instance attributes and __getattr__ are ignored;
# dunders added/deleted on the class later take effect; metaclass dunders; implicit classmethods.
def t(name, f):
    try:
        print(name, 'ok', f())
    except Exception as e:
        print(name, type(e).__name__, e)
class C:
    pass
c = C()
c.__len__ = lambda: 5
c.__call__ = lambda: 'called'
c.__repr__ = lambda: 'instance repr'
c.__add__ = lambda o: 'added'
c.__iter__ = lambda: iter([1])
c.__bool__ = lambda: False
t('len', lambda: len(c))
t('call', lambda: c())
t('repr', lambda: repr(c).startswith('<__main__.C object'))
t('add', lambda: c + 1)
t('iter', lambda: list(c))
t('bool', lambda: bool(c))
t('explicit', lambda: (c.__len__(), c.__call__()))
class G:
    def __getattr__(self, name):
        return lambda *a: 'via getattr ' + name
g = G()
t('getattr len', lambda: len(g))
t('getattr str', lambda: str(g).startswith('<__main__.G'))
t('getattr add', lambda: g + 1)
t('getattr explicit', lambda: g.__len__())
t('getattr enter', lambda: g.__enter__())
def with_g():
    with g:
        pass
t('getattr with', with_g)
# class-level assignment after creation updates slots
class D:
    pass
d = D()
D.__len__ = lambda self: 7
D.__getitem__ = lambda self, i: i * 10
D.__eq__ = lambda self, o: True
D.__hash__ = lambda self: 3
D.__lt__ = lambda self, o: 'lt'
D.__call__ = lambda self, *a: a
D.__bool__ = lambda self: False
D.__neg__ = lambda self: 'neg'
D.__contains__ = lambda self, x: x == 'yes'
D.__iter__ = lambda self: iter('ab')
t('late len', lambda: len(d))
t('late getitem', lambda: d[4])
t('late eq', lambda: d == 5)
t('late hash', lambda: hash(d))
t('late lt', lambda: d < 1)
t('late call', lambda: d(1, 2))
t('late bool', lambda: bool(d))
t('late neg', lambda: -d)
t('late contains', lambda: ('yes' in d, 'no' in d))
t('late iter', lambda: list(d))
del D.__len__
t('deleted len', lambda: len(d))
del D.__neg__
t('deleted neg', lambda: -d)
# subclass sees parent's late-added dunders
class E(D):
    pass
D.__pos__ = lambda self: 'pos from D'
t('inherited late pos', lambda: +E())
# dunder on metaclass affects class
class Meta(type):
    def __len__(cls):
        return 99
    def __getitem__(cls, k):
        return 'Meta[%s]' % (k,)
    def __iter__(cls):
        return iter([cls.__name__])
    def __repr__(cls):
        return '<Meta class %s>' % cls.__name__
class WithMeta(metaclass=Meta):
    pass
t('meta len', lambda: len(WithMeta))
t('meta getitem', lambda: WithMeta[1])
t('meta iter', lambda: list(WithMeta))
t('meta repr', lambda: repr(WithMeta))
t('instance len', lambda: len(WithMeta()))
# __init_subclass__ and __class_getitem__ are implicit classmethods
class Base:
    def __init_subclass__(cls):
        cls.registered = True
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
class Sub(Base):
    pass
t('init_subclass implicit', lambda: Sub.registered)
t('class_getitem implicit', lambda: Sub[int])
# __new__ is an implicit staticmethod
class N:
    def __new__(cls, *a):
        return ('new', cls.__name__, a)
t('new implicit static', lambda: N(1))
t('new explicit call', lambda: N.__new__(N, 2))
