// compile/unparse.c — an expression back to source text, for `from __future__ import
// annotations` (annotations are stored as the strings CPython's compiler makes of them).
//
// Stage: compile. Writes the fewest parentheses the operator precedence allows, with
// CPython's spacing ("a + b", "x[1:2]", "(a, b)", "lambda x: x"), at the precedence of an
// annotation (a test). Must not: evaluate anything.
#include <string.h>

#include "compile/codegen.h"

// Precedence levels, lowest first: a subexpression written at a level higher than its own
// gets parentheses.
enum {
    PR_TUPLE,
    PR_TEST,  // if-else, lambda
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,
    PR_TERM,
    PR_FACTOR,
    PR_POWER,
    PR_AWAIT,
    PR_ATOM,
};

static void expr(KaaStrBuf *b, const KaaAst *e, int level);

static void open_if(KaaStrBuf *b, bool cond) {
    if (cond) {
        kaa_strbuf_putc(b, '(');
    }
}

static void close_if(KaaStrBuf *b, bool cond) {
    if (cond) {
        kaa_strbuf_putc(b, ')');
    }
}

static void seq(KaaStrBuf *b, const KaaAstSeq *s, int level) {
    for (int i = 0; s && i < s->len; i++) {
        if (i > 0) {
            kaa_strbuf_puts(b, ", ");
        }
        expr(b, s->items[i], level);
    }
}

// A constant's repr, with infinities written as 1e309 (a literal that reads back as inf).
static void constant(KaaStrBuf *b, const KaaAst *e) {
    const KaaAstConst *k = &e->v.Constant.value;
    if (k->kind == AST_CONST_ELLIPSIS) {
        kaa_strbuf_puts(b, "...");
        return;
    }
    if (k->kind == AST_CONST_STR && e->v.Constant.kind && strcmp(e->v.Constant.kind, "u") == 0) {
        kaa_strbuf_putc(b, 'u');
    }
    KaaValue text = kaa_repr(cg_const_value(NULL, k));
    if ((k->kind == AST_CONST_FLOAT || k->kind == AST_CONST_COMPLEX) &&
        strstr(kaa_str_utf8(text, NULL), "inf") != NULL) {
        const char *s = kaa_str_utf8(text, NULL);
        for (; *s; s++) {
            if (strncmp(s, "inf", 3) == 0) {
                kaa_strbuf_puts(b, "1e309");
                s += 2;
            } else {
                kaa_strbuf_putc(b, *s);
            }
        }
        return;
    }
    kaa_strbuf_putstr(b, text);
}

static const char *binop_text(int op, int *pr) {
    switch (op) {
    case AST_Add: *pr = PR_ARITH; return " + ";
    case AST_Sub: *pr = PR_ARITH; return " - ";
    case AST_Mult: *pr = PR_TERM; return " * ";
    case AST_MatMult: *pr = PR_TERM; return " @ ";
    case AST_Div: *pr = PR_TERM; return " / ";
    case AST_Mod: *pr = PR_TERM; return " % ";
    case AST_FloorDiv: *pr = PR_TERM; return " // ";
    case AST_LShift: *pr = PR_SHIFT; return " << ";
    case AST_RShift: *pr = PR_SHIFT; return " >> ";
    case AST_BitOr: *pr = PR_BOR; return " | ";
    case AST_BitXor: *pr = PR_BXOR; return " ^ ";
    case AST_BitAnd: *pr = PR_BAND; return " & ";
    default: *pr = PR_POWER; return " ** ";
    }
}

static const char *const cmp_text[] = {
    NULL, " == ", " != ", " < ", " <= ", " > ", " >= ", " is ", " is not ", " in ", " not in ",
};

static void arg_default(KaaStrBuf *b, const KaaAst *arg, const KaaAst *dflt) {
    kaa_strbuf_puts(b, arg->v.arg.arg);
    if (arg->v.arg.annotation) {
        kaa_strbuf_puts(b, ": ");
        expr(b, arg->v.arg.annotation, PR_TEST);
    }
    if (dflt) {
        kaa_strbuf_puts(b, arg->v.arg.annotation ? " = " : "=");
        expr(b, dflt, PR_TEST);
    }
}

static void comma(KaaStrBuf *b, bool *first) {
    if (!*first) {
        kaa_strbuf_puts(b, ", ");
    }
    *first = false;
}

static void arguments(KaaStrBuf *b, const KaaAst *a) {
    const KaaAstSeq *posonly = a->v.arguments.posonlyargs, *args = a->v.arguments.args;
    const KaaAstSeq *defaults = a->v.arguments.defaults;
    int npos = (posonly ? posonly->len : 0) + (args ? args->len : 0);
    int ndef = defaults ? defaults->len : 0;
    bool first = true;
    for (int i = 0; i < npos; i++) {
        bool is_posonly = posonly && i < posonly->len;
        const KaaAst *arg = is_posonly ? posonly->items[i] : args->items[i - (posonly ? posonly->len : 0)];
        int d = i - (npos - ndef);
        comma(b, &first);
        arg_default(b, arg, d >= 0 ? defaults->items[d] : NULL);
        if (posonly && i == posonly->len - 1) {
            kaa_strbuf_puts(b, ", /");
        }
    }
    const KaaAstSeq *kwonly = a->v.arguments.kwonlyargs;
    if (a->v.arguments.vararg || (kwonly && kwonly->len)) {
        comma(b, &first);
        kaa_strbuf_putc(b, '*');
        if (a->v.arguments.vararg) {
            arg_default(b, a->v.arguments.vararg, NULL);
        }
    }
    for (int i = 0; kwonly && i < kwonly->len; i++) {
        comma(b, &first);
        arg_default(b, kwonly->items[i], a->v.arguments.kw_defaults->items[i]);
    }
    if (a->v.arguments.kwarg) {
        comma(b, &first);
        kaa_strbuf_puts(b, "**");
        arg_default(b, a->v.arguments.kwarg, NULL);
    }
}

static void comprehensions(KaaStrBuf *b, const KaaAstSeq *gens) {
    for (int i = 0; i < gens->len; i++) {
        const KaaAst *g = gens->items[i];
        kaa_strbuf_puts(b, g->v.comprehension.is_async ? " async for " : " for ");
        expr(b, g->v.comprehension.target, PR_TUPLE);
        kaa_strbuf_puts(b, " in ");
        expr(b, g->v.comprehension.iter, PR_TEST + 1);
        const KaaAstSeq *ifs = g->v.comprehension.ifs;
        for (int k = 0; ifs && k < ifs->len; k++) {
            kaa_strbuf_puts(b, " if ");
            expr(b, ifs->items[k], PR_TEST + 1);
        }
    }
}

// The text inside an f-string's quotes: literal parts with braces doubled, replacement
// fields as {expr!c:spec}.
static void fstring_body(KaaStrBuf *b, const KaaAst *e) {
    if (e->kind == AST_Constant) {
        const KaaAstConst *k = &e->v.Constant.value;
        for (size_t i = 0; i < k->len; i++) {
            kaa_strbuf_putc(b, k->text[i]);
            if (k->text[i] == '{' || k->text[i] == '}') {
                kaa_strbuf_putc(b, k->text[i]);
            }
        }
        return;
    }
    if (e->kind == AST_JoinedStr) {
        for (int i = 0; e->v.JoinedStr.values && i < e->v.JoinedStr.values->len; i++) {
            fstring_body(b, e->v.JoinedStr.values->items[i]);
        }
        return;
    }
    KaaStrBuf inner;
    kaa_strbuf_init(&inner);
    expr(&inner, e->v.FormattedValue.value, PR_TEST + 1);
    const char *text = kaa_str_utf8(kaa_strbuf_finish(&inner), NULL);
    kaa_strbuf_puts(b, text[0] == '{' ? "{ " : "{");
    kaa_strbuf_puts(b, text);
    int conv = e->v.FormattedValue.conversion;
    if (conv > 0) {
        kaa_strbuf_putc(b, '!');
        kaa_strbuf_putc(b, (char)conv);
    }
    if (e->v.FormattedValue.format_spec) {
        kaa_strbuf_putc(b, ':');
        fstring_body(b, e->v.FormattedValue.format_spec);
    }
    kaa_strbuf_putc(b, '}');
}

static void joined_str(KaaStrBuf *b, const KaaAst *e) {
    KaaStrBuf body;
    kaa_strbuf_init(&body);
    fstring_body(&body, e);
    kaa_strbuf_putc(b, 'f');
    kaa_strbuf_putstr(b, kaa_repr(kaa_strbuf_finish(&body)));
}

static void call(KaaStrBuf *b, const KaaAst *e) {
    expr(b, e->v.Call.func, PR_ATOM);
    const KaaAstSeq *args = e->v.Call.args, *kws = e->v.Call.keywords;
    int nargs = args ? args->len : 0, nkws = kws ? kws->len : 0;
    if (nargs == 1 && nkws == 0 && args->items[0]->kind == AST_GeneratorExp) {
        expr(b, args->items[0], PR_TEST);  // f(x for x in y): the genexp's own parentheses
        return;
    }
    kaa_strbuf_putc(b, '(');
    bool first = true;
    for (int i = 0; i < nargs; i++) {
        comma(b, &first);
        expr(b, args->items[i], PR_TEST);
    }
    for (int i = 0; i < nkws; i++) {
        comma(b, &first);
        const KaaAst *kw = kws->items[i];
        if (kw->v.keyword.arg) {
            kaa_strbuf_puts(b, kw->v.keyword.arg);
            kaa_strbuf_putc(b, '=');
        } else {
            kaa_strbuf_puts(b, "**");
        }
        expr(b, kw->v.keyword.value, PR_TEST);
    }
    kaa_strbuf_putc(b, ')');
}

static void subscript(KaaStrBuf *b, const KaaAst *e) {
    expr(b, e->v.Subscript.value, PR_ATOM);
    kaa_strbuf_putc(b, '[');
    const KaaAst *s = e->v.Subscript.slice;
    if (s->kind == AST_Tuple && s->v.Tuple.elts && s->v.Tuple.elts->len > 0) {
        seq(b, s->v.Tuple.elts, PR_TEST);
        if (s->v.Tuple.elts->len == 1) {
            kaa_strbuf_putc(b, ',');
        }
    } else {
        expr(b, s, PR_TUPLE);
    }
    kaa_strbuf_putc(b, ']');
}

static void expr(KaaStrBuf *b, const KaaAst *e, int level) {
    kaa_check_c_stack();
    int pr;
    switch (e->kind) {
    case AST_BoolOp: {
        pr = e->v.BoolOp.op == AST_And ? PR_AND : PR_OR;
        open_if(b, level > pr);
        const KaaAstSeq *values = e->v.BoolOp.values;
        for (int i = 0; i < values->len; i++) {
            if (i > 0) {
                kaa_strbuf_puts(b, pr == PR_AND ? " and " : " or ");
            }
            expr(b, values->items[i], pr + 1);
        }
        close_if(b, level > pr);
        return;
    }
    case AST_BinOp: {
        const char *op = binop_text(e->v.BinOp.op, &pr);
        bool right_assoc = e->v.BinOp.op == AST_Pow;
        open_if(b, level > pr);
        expr(b, e->v.BinOp.left, pr + right_assoc);
        kaa_strbuf_puts(b, op);
        expr(b, e->v.BinOp.right, pr + !right_assoc);
        close_if(b, level > pr);
        return;
    }
    case AST_UnaryOp: {
        int op = e->v.UnaryOp.op;
        pr = op == AST_Not ? PR_NOT : PR_FACTOR;
        open_if(b, level > pr);
        kaa_strbuf_puts(b, op == AST_Not ? "not " : op == AST_Invert ? "~" : op == AST_UAdd ? "+" : "-");
        expr(b, e->v.UnaryOp.operand, pr);
        close_if(b, level > pr);
        return;
    }
    case AST_Lambda: {
        open_if(b, level > PR_TEST);
        KaaStrBuf args;
        kaa_strbuf_init(&args);
        arguments(&args, e->v.Lambda.args);
        KaaValue text = kaa_strbuf_finish(&args);
        kaa_strbuf_puts(b, kaa_str(text)->len ? "lambda " : "lambda");
        kaa_strbuf_putstr(b, text);
        kaa_strbuf_puts(b, ": ");
        expr(b, e->v.Lambda.body, PR_TEST);
        close_if(b, level > PR_TEST);
        return;
    }
    case AST_IfExp:
        open_if(b, level > PR_TEST);
        expr(b, e->v.IfExp.body, PR_TEST + 1);
        kaa_strbuf_puts(b, " if ");
        expr(b, e->v.IfExp.test, PR_TEST + 1);
        kaa_strbuf_puts(b, " else ");
        expr(b, e->v.IfExp.orelse, PR_TEST);
        close_if(b, level > PR_TEST);
        return;
    case AST_Dict: {
        kaa_strbuf_putc(b, '{');
        const KaaAstSeq *keys = e->v.Dict.keys, *values = e->v.Dict.values;
        for (int i = 0; values && i < values->len; i++) {
            if (i > 0) {
                kaa_strbuf_puts(b, ", ");
            }
            if (keys->items[i] == NULL) {
                kaa_strbuf_puts(b, "**");
                expr(b, values->items[i], PR_EXPR);
            } else {
                expr(b, keys->items[i], PR_TEST);
                kaa_strbuf_puts(b, ": ");
                expr(b, values->items[i], PR_TEST);
            }
        }
        kaa_strbuf_putc(b, '}');
        return;
    }
    case AST_Set:
        kaa_strbuf_putc(b, '{');
        seq(b, e->v.Set.elts, PR_TEST);
        kaa_strbuf_putc(b, '}');
        return;
    case AST_List:
        kaa_strbuf_putc(b, '[');
        seq(b, e->v.List.elts, PR_TEST);
        kaa_strbuf_putc(b, ']');
        return;
    case AST_Tuple: {
        const KaaAstSeq *elts = e->v.Tuple.elts;
        if (elts == NULL || elts->len == 0) {
            kaa_strbuf_puts(b, "()");
            return;
        }
        open_if(b, level > PR_TUPLE);
        seq(b, elts, PR_TEST);
        if (elts->len == 1) {
            kaa_strbuf_putc(b, ',');
        }
        close_if(b, level > PR_TUPLE);
        return;
    }
    case AST_ListComp: case AST_SetComp: case AST_GeneratorExp: {
        const KaaAst *elt = e->kind == AST_ListComp ? e->v.ListComp.elt
                            : e->kind == AST_SetComp ? e->v.SetComp.elt
                                                     : e->v.GeneratorExp.elt;
        const KaaAstSeq *gens = e->kind == AST_ListComp ? e->v.ListComp.generators
                                : e->kind == AST_SetComp ? e->v.SetComp.generators
                                                         : e->v.GeneratorExp.generators;
        const char *brackets = e->kind == AST_ListComp ? "[]" : e->kind == AST_SetComp ? "{}" : "()";
        kaa_strbuf_putc(b, brackets[0]);
        expr(b, elt, PR_TEST);
        comprehensions(b, gens);
        kaa_strbuf_putc(b, brackets[1]);
        return;
    }
    case AST_DictComp:
        kaa_strbuf_putc(b, '{');
        expr(b, e->v.DictComp.key, PR_TEST);
        kaa_strbuf_puts(b, ": ");
        expr(b, e->v.DictComp.value, PR_TEST);
        comprehensions(b, e->v.DictComp.generators);
        kaa_strbuf_putc(b, '}');
        return;
    case AST_Await:
        open_if(b, level > PR_AWAIT);
        kaa_strbuf_puts(b, "await ");
        expr(b, e->v.Await.value, PR_ATOM);
        close_if(b, level > PR_AWAIT);
        return;
    case AST_Yield: case AST_YieldFrom: {
        const KaaAst *value = e->kind == AST_Yield ? e->v.Yield.value : e->v.YieldFrom.value;
        kaa_strbuf_puts(b, e->kind == AST_Yield ? "(yield" : "(yield from");
        if (value) {
            kaa_strbuf_putc(b, ' ');
            expr(b, value, PR_TEST);
        }
        kaa_strbuf_putc(b, ')');
        return;
    }
    case AST_Compare:
        open_if(b, level > PR_CMP);
        expr(b, e->v.Compare.left, PR_CMP + 1);
        for (int i = 0; i < e->v.Compare.ops->len; i++) {
            kaa_strbuf_puts(b, cmp_text[e->v.Compare.ops->items[i]]);
            expr(b, e->v.Compare.comparators->items[i], PR_CMP + 1);
        }
        close_if(b, level > PR_CMP);
        return;
    case AST_Call:
        call(b, e);
        return;
    case AST_FormattedValue: case AST_JoinedStr:
        joined_str(b, e);
        return;
    case AST_Constant:
        constant(b, e);
        return;
    case AST_Attribute: {
        const KaaAst *v = e->v.Attribute.value;
        expr(b, v, PR_ATOM);
        // 1 .real: an int literal followed by a bare dot would read as a float.
        bool int_literal = v->kind == AST_Constant && v->v.Constant.value.kind == AST_CONST_INT;
        kaa_strbuf_puts(b, int_literal ? " ." : ".");
        kaa_strbuf_puts(b, e->v.Attribute.attr);
        return;
    }
    case AST_Subscript:
        subscript(b, e);
        return;
    case AST_Starred:
        kaa_strbuf_putc(b, '*');
        expr(b, e->v.Starred.value, PR_EXPR);
        return;
    case AST_Name:
        kaa_strbuf_puts(b, e->v.Name.id);
        return;
    case AST_Slice:
        if (e->v.Slice.lower) {
            expr(b, e->v.Slice.lower, PR_TEST);
        }
        kaa_strbuf_putc(b, ':');
        if (e->v.Slice.upper) {
            expr(b, e->v.Slice.upper, PR_TEST);
        }
        if (e->v.Slice.step) {
            kaa_strbuf_putc(b, ':');
            expr(b, e->v.Slice.step, PR_TEST);
        }
        return;
    case AST_NamedExpr:
        open_if(b, level > PR_TUPLE);
        expr(b, e->v.NamedExpr.target, PR_ATOM);
        kaa_strbuf_puts(b, " := ");
        expr(b, e->v.NamedExpr.value, PR_ATOM);
        close_if(b, level > PR_TUPLE);
        return;
    default:
        kaa_raise_msg(kaa_SystemError, "unknown expression kind %d in an annotation", e->kind);
    }
}

KaaValue cg_unparse_annotation(const KaaAst *e) {
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    expr(&b, e, PR_TEST);
    return kaa_strbuf_finish(&b);
}
