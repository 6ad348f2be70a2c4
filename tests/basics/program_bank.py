# An integrated program: a bank ledger with descriptors, class decorators, __init_subclass__
# registries, generators for reports, context managers for transactions, custom exceptions.

class LedgerError(Exception):
    pass

class InsufficientFunds(LedgerError):
    def __init__(self, account, amount):
        super().__init__(f'{account.owner} cannot withdraw {amount}: balance {account.balance}')
        self.amount = amount

class Positive:
    def __set_name__(self, owner, name):
        self.private = '_' + name
    def __get__(self, obj, objtype=None):
        return self if obj is None else getattr(obj, self.private, 0)
    def __set__(self, obj, value):
        if value < 0:
            raise LedgerError(f'{self.private[1:]} cannot be negative: {value}')
        setattr(obj, self.private, value)

KINDS = {}
def register(code):
    def deco(cls):
        KINDS[code] = cls
        cls.code = code
        return cls
    return deco

class Account:
    balance = Positive()
    _next_id = 1
    def __init_subclass__(cls, rate=0, **kw):
        super().__init_subclass__(**kw)
        cls.rate = rate
    def __init__(self, owner, balance=0):
        self.id = Account._next_id
        Account._next_id += 1
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        self.balance += amount
        self.history.append(('dep', amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(('wd', amount))
    def month_end(self):
        interest = self.balance * self.rate // 100
        if interest:
            self.deposit(interest)
        return interest
    def __repr__(self):
        return f'{type(self).__name__}#{self.id}({self.owner}, {self.balance})'
    def __lt__(self, other):
        return (self.balance, self.id) < (other.balance, other.id)
    def __eq__(self, other):
        return isinstance(other, Account) and self.id == other.id
    __hash__ = lambda self: hash(self.id)

@register('chk')
class Checking(Account, rate=0):
    pass

@register('sav')
class Savings(Account, rate=3):
    def withdraw(self, amount):
        if len([h for h in self.history if h[0] == 'wd']) >= 2:
            raise LedgerError('savings: too many withdrawals')
        super().withdraw(amount)

class Transaction:
    def __init__(self, *accounts):
        self.accounts = accounts
    def __enter__(self):
        self.saved = [(a.balance, list(a.history)) for a in self.accounts]
        return self
    def __exit__(self, typ, exc, tb):
        if typ is not None:
            for a, (bal, hist) in zip(self.accounts, self.saved):
                a.balance, a.history = bal, hist
            print('  rolled back:', exc)
            return issubclass(typ, LedgerError)
        print('  committed')
        return False

def transfer(src, dst, amount):
    with Transaction(src, dst):
        dst.deposit(amount)
        src.withdraw(amount)

bank = [KINDS[k](o, b) for k, o, b in [('chk', 'ann', 100), ('sav', 'bob', 1000), ('chk', 'cy', 5),
                                         ('sav', 'dee', 250)]]
print(bank, sorted(KINDS))
ann, bob, cy, dee = bank
transfer(ann, cy, 30)
transfer(cy, ann, 500)
transfer(bob, dee, 100)
transfer(bob, dee, 100)
transfer(bob, dee, 100)
try:
    ann.balance = -5
except LedgerError as e:
    print('error:', e)
for month in range(1, 4):
    paid = {a.owner: a.month_end() for a in bank}
    print('month', month, {k: v for k, v in paid.items() if v})

def statement(acct):
    running = 0
    for kind, amt in acct.history:
        running += amt if kind == 'dep' else -amt
        yield f'{kind:>3} {amt:>6} {running:>7}'

for a in sorted(bank, reverse=True):
    print(repr(a), type(a).rate)
    for line in statement(a):
        print('   ', line)
print(max(bank).owner, min(bank).owner, sum(a.balance for a in bank))
print(len({*bank, ann}), ann == bank[0], ann == 'ann', Account.balance.private)
totals = {}
for a in bank:
    totals.setdefault(type(a).__name__, []).append(a.balance)
print(totals)
