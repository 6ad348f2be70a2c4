# A tiny stack-based calculator language: tokenizer (generator), parser (recursive descent with
# classes), evaluator (visitor with getattr dispatch), errors as custom exceptions.
import sys

class CalcError(Exception):
    pass

class Token:
    __slots__ = ('kind', 'text')
    def __init__(self, kind, text):
        self.kind, self.text = kind, text
    def __repr__(self):
        return f'Token({self.kind}, {self.text!r})'

def tokenize(src):
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == '.'):
                j += 1
            yield Token('num', src[i:j])
            i = j
        elif c.isalpha():
            j = i
            while j < len(src) and src[j].isalnum():
                j += 1
            yield Token('name', src[i:j])
            i = j
        elif c in '+-*/()=^,':
            yield Token('op', c)
            i += 1
        else:
            raise CalcError(f'bad character {c!r} at {i}')
    yield Token('end', '')

class Node:
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def __repr__(self):
        fields = ', '.join(f'{k}={v!r}' for k, v in vars(self).items())
        return f'{type(self).__name__}({fields})'
class Num(Node): pass
class Var(Node): pass
class BinOp(Node): pass
class Neg(Node): pass
class Assign(Node): pass
class Call(Node): pass

class Parser:
    def __init__(self, tokens):
        self.toks = list(tokens)
        self.pos = 0
    @property
    def cur(self):
        return self.toks[self.pos]
    def eat(self, kind=None, text=None):
        t = self.cur
        if (kind and t.kind != kind) or (text and t.text != text):
            raise CalcError(f'expected {text or kind}, got {t.text or t.kind!r}')
        self.pos += 1
        return t
    def parse(self):
        if self.cur.kind == 'name' and self.toks[self.pos + 1].text == '=':
            name = self.eat('name').text
            self.eat(text='=')
            node = Assign(name=name, value=self.expr())
        else:
            node = self.expr()
        self.eat('end')
        return node
    def expr(self):
        node = self.term()
        while self.cur.text in ('+', '-'):
            op = self.eat().text
            node = BinOp(op=op, left=node, right=self.term())
        return node
    def term(self):
        node = self.factor()
        while self.cur.text in ('*', '/'):
            op = self.eat().text
            node = BinOp(op=op, left=node, right=self.factor())
        return node
    def factor(self):
        base = self.unary()
        if self.cur.text == '^':
            self.eat()
            return BinOp(op='^', left=base, right=self.factor())
        return base
    def unary(self):
        if self.cur.text == '-':
            self.eat()
            return Neg(operand=self.unary())
        return self.atom()
    def atom(self):
        t = self.cur
        if t.kind == 'num':
            self.eat()
            return Num(value=float(t.text) if '.' in t.text else int(t.text))
        if t.kind == 'name':
            self.eat()
            if self.cur.text == '(':
                self.eat()
                args = []
                if self.cur.text != ')':
                    args.append(self.expr())
                    while self.cur.text == ',':
                        self.eat()
                        args.append(self.expr())
                self.eat(text=')')
                return Call(name=t.text, args=args)
            return Var(name=t.text)
        if t.text == '(':
            self.eat()
            node = self.expr()
            self.eat(text=')')
            return node
        raise CalcError(f'unexpected {t.text or t.kind!r}')

class Evaluator:
    funcs = {'max': max, 'min': min, 'abs': abs, 'sum': lambda *a: sum(a)}
    def __init__(self):
        self.env = {}
    def visit(self, node):
        return getattr(self, 'visit_' + type(node).__name__)(node)
    def visit_Num(self, n):
        return n.value
    def visit_Var(self, n):
        try:
            return self.env[n.name]
        except KeyError:
            raise CalcError(f'undefined {n.name}') from None
    def visit_Neg(self, n):
        return -self.visit(n.operand)
    def visit_Assign(self, n):
        self.env[n.name] = v = self.visit(n.value)
        return v
    def visit_Call(self, n):
        if n.name not in self.funcs:
            raise CalcError(f'no function {n.name}')
        return self.funcs[n.name](*map(self.visit, n.args))
    def visit_BinOp(self, n):
        a, b = self.visit(n.left), self.visit(n.right)
        match_ops = {'+': lambda: a + b, '-': lambda: a - b, '*': lambda: a * b,
                     '^': lambda: a ** b}
        if n.op == '/':
            if b == 0:
                raise CalcError('division by zero')
            return a / b if isinstance(a, float) or isinstance(b, float) or a % b else a // b
        return match_ops[n.op]()

ev = Evaluator()
programs = ['1 + 2 * 3', '(1 + 2) * 3', '2 ^ 3 ^ 2', '-2 ^ 2', 'x = 10', 'y = x * 2 + 1',
            'x + y', '7 / 2', '8 / 2', '1.5 * 4', 'max(1, x, 3) + min(4, 5)', 'abs(-7)',
            'sum(1, 2, 3, 4)', '2 ^ 100', 'z + 1', '1 / 0', '1 +', '3 $ 4', 'foo(1)', '(1',
            'big = 3 ^ 50', 'big / 3', '-(-(-1))']
for src in programs:
    try:
        tree = Parser(tokenize(src)).parse()
        print(f'{src:28} => {ev.visit(tree)!r}')
    except CalcError as e:
        print(f'{src:28} !! {e}')
print(Parser(tokenize('a = -b * (c + 1)')).parse())
print(sorted(ev.env.items()))
