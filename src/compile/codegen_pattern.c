// compile/codegen_pattern.c — code generation for the match statement.
//
// Stage: compile, second pass. Each pattern is compiled to code that takes the subject from
// the top of the stack and either consumes it (the pattern matched; its names are bound) or
// jumps to a failure label with the stack back at the case's base depth. A pattern that has
// pushed n extra values fails through fail_pop[n], a chain of POP_TOPs down to the base.
// Names are bound as soon as their subpattern matches (a failed case may leave some bound,
// which Python allows).
#include <string.h>

#include "compile/codegen.h"

typedef struct Patterns {
    int *fail_pop;  // fail_pop[n]: pop n values, then fail
    int nfail;
    int base;       // stack depth at which the case fails
    const char **bound;  // names bound so far in this pattern (duplicates are errors)
    int nbound, capbound;
    bool allow_irrefutable;
} Patterns;

static void pattern(Compiler *c, KaaAst *p, Patterns *pc);

// Jump (with a conditional jump op) to the failure label for the current stack depth.
static void jump_to_fail(Compiler *c, Patterns *pc, int op) {
    int extra = c->u->depth + kaa_opcode_stack_effect(op, 0, 1) - pc->base;
    if (extra < 0) {
        extra = 0;
    }
    if (extra >= pc->nfail) {
        int n = extra + 1;
        pc->fail_pop = kaa_realloc(pc->fail_pop, (size_t)n * sizeof(int));
        for (int i = pc->nfail; i < n; i++) {
            pc->fail_pop[i] = cg_new_label(c);
        }
        pc->nfail = n;
    }
    cg_jump(c, op, pc->fail_pop[extra]);
}

// Emits the POP_TOP chain behind the failure labels; ends at fail_pop[0] (base depth).
static void emit_fail_pops(Compiler *c, Patterns *pc) {
    for (int i = pc->nfail - 1; i > 0; i--) {
        cg_place(c, pc->fail_pop[i]);
        cg_emit(c, OP_POP_TOP, 0);
    }
    if (pc->nfail > 0) {
        cg_place(c, pc->fail_pop[0]);
    }
}

static void bind_name(Compiler *c, KaaAst *p, const char *name, Patterns *pc) {
    if (name == NULL) {
        cg_emit(c, OP_POP_TOP, 0);
        return;
    }
    for (int i = 0; i < pc->nbound; i++) {
        if (strcmp(pc->bound[i], name) == 0) {
            cg_error(c, p, "multiple assignments to name '%s' in pattern", name);
        }
    }
    if (pc->nbound == pc->capbound) {
        pc->capbound = pc->capbound ? pc->capbound * 2 : 8;
        pc->bound = kaa_realloc(pc->bound, (size_t)pc->capbound * sizeof(char *));
    }
    pc->bound[pc->nbound++] = name;
    cg_nameop(c, name, AST_Store);
}

static void pattern_as(Compiler *c, KaaAst *p, Patterns *pc) {
    KaaAst *sub = p->v.MatchAs.pattern;
    if (sub == NULL) {
        if (!pc->allow_irrefutable) {
            if (p->v.MatchAs.name) {
                cg_error(c, p, "name capture '%s' makes remaining patterns unreachable",
                         p->v.MatchAs.name);
            }
            cg_error(c, p, "wildcard makes remaining patterns unreachable");
        }
        bind_name(c, p, p->v.MatchAs.name, pc);
        return;
    }
    cg_emit(c, OP_COPY, 1);
    bool saved = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    pattern(c, sub, pc);
    pc->allow_irrefutable = saved;
    bind_name(c, p, p->v.MatchAs.name, pc);
}

// Matches the n values UNPACK_SEQUENCE (or UNPACK_EX) left on the stack, first on top.
static void subpatterns(Compiler *c, KaaAstSeq *pats, Patterns *pc) {
    bool saved = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    for (int i = 0; i < pats->len; i++) {
        KaaAst *sub = pats->items[i];
        if (sub->kind == AST_MatchStar) {
            bind_name(c, sub, sub->v.MatchStar.name, pc);
        } else {
            pattern(c, sub, pc);
        }
    }
    pc->allow_irrefutable = saved;
}

static void pattern_sequence(Compiler *c, KaaAst *p, Patterns *pc) {
    KaaAstSeq *pats = p->v.MatchSequence.patterns;
    int n = pats->len, star = -1;
    for (int i = 0; i < n; i++) {
        if (pats->items[i]->kind == AST_MatchStar) {
            if (star >= 0) {
                cg_error(c, pats->items[i], "multiple starred names in sequence pattern");
            }
            star = i;
        }
    }
    cg_emit(c, OP_MATCH_SEQUENCE, 0);
    jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE);
    if (star < 0 || n > 1) {
        cg_emit(c, OP_GET_LEN, 0);
        cg_load_const(c, kaa_from_small(star < 0 ? n : n - 1));
        cg_emit(c, OP_COMPARE_OP, star < 0 ? KAA_EQ : KAA_GE);
        jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE);
    }
    if (star < 0) {
        cg_emit(c, OP_UNPACK_SEQUENCE, n);
    } else {
        cg_emit(c, OP_UNPACK_EX, star | ((n - star - 1) << 8));
    }
    subpatterns(c, pats, pc);
}

static void pattern_mapping(Compiler *c, KaaAst *p, Patterns *pc) {
    KaaAstSeq *keys = p->v.MatchMapping.keys, *pats = p->v.MatchMapping.patterns;
    int n = keys ? keys->len : 0;
    cg_emit(c, OP_MATCH_MAPPING, 0);
    jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE);
    if (n == 0 && p->v.MatchMapping.rest == NULL) {
        cg_emit(c, OP_POP_TOP, 0);
        return;
    }
    if (n > 0) {
        cg_emit(c, OP_GET_LEN, 0);
        cg_load_const(c, kaa_from_small(n));
        cg_emit(c, OP_COMPARE_OP, KAA_GE);
        jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE);
    }
    for (int i = 0; i < n; i++) {
        KaaAst *k = keys->items[i];
        if (k->kind != AST_Constant && k->kind != AST_Attribute && cg_fold(c, k) == KAA_NULL) {
            cg_error(c, k, "mapping pattern keys may only match literals and attribute lookups");
        }
        cg_expr(c, k);
    }
    cg_emit(c, OP_BUILD_TUPLE, n);
    cg_emit(c, OP_MATCH_KEYS, 0);  // [subject, keys, values or None]
    cg_emit(c, OP_COPY, 1);
    jump_to_fail(c, pc, OP_POP_JUMP_IF_NONE);
    cg_emit(c, OP_UNPACK_SEQUENCE, n);
    subpatterns(c, pats, pc);
    if (p->v.MatchMapping.rest != NULL) {
        cg_emit(c, OP_COPY_DICT_WITHOUT_KEYS, 0);  // [subject, rest]
        bind_name(c, p, p->v.MatchMapping.rest, pc);
    } else {
        cg_emit(c, OP_POP_TOP, 0);
    }
    cg_emit(c, OP_POP_TOP, 0);
}

static void pattern_class(Compiler *c, KaaAst *p, Patterns *pc) {
    KaaAstSeq *pats = p->v.MatchClass.patterns, *kwp = p->v.MatchClass.kwd_patterns;
    KaaAstIdSeq *attrs = p->v.MatchClass.kwd_attrs;
    int npos = pats ? pats->len : 0, nkw = attrs ? attrs->len : 0;
    KaaTuple *names = kaa_tuple_new((size_t)nkw);
    for (int i = 0; i < nkw; i++) {
        for (int j = 0; j < i; j++) {
            if (strcmp(attrs->items[i], attrs->items[j]) == 0) {
                cg_error(c, kwp->items[i], "attribute name repeated in class pattern: %s",
                         attrs->items[i]);
            }
        }
        names->items[i] = kaa_str_intern_cstr(attrs->items[i]);
    }
    cg_expr(c, p->v.MatchClass.cls);
    cg_load_const(c, kaa_from_obj(names));
    cg_emit(c, OP_MATCH_CLASS, npos);  // [attribute values or None]
    cg_emit(c, OP_COPY, 1);
    jump_to_fail(c, pc, OP_POP_JUMP_IF_NONE);
    if (npos + nkw == 0) {
        cg_emit(c, OP_POP_TOP, 0);
        return;
    }
    cg_emit(c, OP_UNPACK_SEQUENCE, npos + nkw);
    KaaAstSeq *all = kaa_arena_alloc(c->arena, sizeof(KaaAstSeq) +
                                                   (size_t)(npos + nkw) * sizeof(KaaAst *));
    all->len = npos + nkw;
    for (int i = 0; i < npos; i++) {
        all->items[i] = pats->items[i];
    }
    for (int i = 0; i < nkw; i++) {
        all->items[npos + i] = kwp->items[i];
    }
    subpatterns(c, all, pc);
}

// Or-patterns: each alternative tries a copy of the subject; all must bind the same names.
static void pattern_or(Compiler *c, KaaAst *p, Patterns *pc) {
    KaaAstSeq *alts = p->v.MatchOr.patterns;
    int success = cg_new_label(c);
    int start_bound = pc->nbound;
    const char **first = NULL;
    int nfirst = 0;
    for (int i = 0; i < alts->len; i++) {
        KaaAst *alt = alts->items[i];
        bool last = i == alts->len - 1;
        pc->nbound = start_bound;
        if (last) {
            pattern(c, alt, pc);
        } else {
            // An alternative that always matches would hide the ones after it.
            Patterns inner = {NULL, 0, c->u->depth, pc->bound, pc->nbound, pc->capbound, false};
            cg_emit(c, OP_COPY, 1);
            pattern(c, alt, &inner);
            pc->bound = inner.bound;
            pc->capbound = inner.capbound;
            pc->nbound = inner.nbound;
            cg_emit(c, OP_POP_TOP, 0);
            cg_jump(c, OP_JUMP_FORWARD, success);
            emit_fail_pops(c, &inner);
        }
        int n = pc->nbound - start_bound;
        if (i == 0) {
            first = kaa_alloc((size_t)(n + 1) * sizeof(char *));
            memcpy(first, pc->bound + start_bound, (size_t)n * sizeof(char *));
            nfirst = n;
            continue;
        }
        bool same = n == nfirst;
        for (int k = 0; same && k < n; k++) {
            bool found = false;
            for (int m = 0; m < nfirst && !found; m++) {
                found = strcmp(pc->bound[start_bound + k], first[m]) == 0;
            }
            same = found;
        }
        if (!same) {
            cg_error(c, alt, "alternative patterns bind different names");
        }
    }
    cg_place(c, success);
}

static void pattern(Compiler *c, KaaAst *p, Patterns *pc) {
    kaa_check_c_stack();
    Loc saved = c->u->loc;
    cg_set_loc(c, p);
    switch (p->kind) {
    case AST_MatchValue:
        cg_expr(c, p->v.MatchValue.value);
        cg_emit(c, OP_COMPARE_OP, KAA_EQ);
        jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE);
        break;
    case AST_MatchSingleton:
        cg_load_const(c, cg_const_value(c, &p->v.MatchSingleton.value));
        cg_emit(c, OP_IS_OP, 0);
        jump_to_fail(c, pc, OP_POP_JUMP_IF_FALSE);
        break;
    case AST_MatchAs: pattern_as(c, p, pc); break;
    case AST_MatchOr: pattern_or(c, p, pc); break;
    case AST_MatchSequence: pattern_sequence(c, p, pc); break;
    case AST_MatchMapping: pattern_mapping(c, p, pc); break;
    case AST_MatchClass: pattern_class(c, p, pc); break;
    case AST_MatchStar:
        cg_error(c, p, "can't use starred name here");
    default:
        cg_error(c, p, "kaa: unexpected pattern");
    }
    c->u->loc = saved;
}

// match subject: case ...: the subject stays on the stack while the cases try it in turn.
void cg_match(Compiler *c, KaaAst *s) {
    KaaAstSeq *cases = s->v.Match.cases;
    int end = cg_new_label(c);
    cg_expr(c, s->v.Match.subject);
    int base = c->u->depth;
    for (int i = 0; i < cases->len; i++) {
        KaaAst *mc = cases->items[i];
        bool last = i == cases->len - 1;
        Patterns pc = {NULL, 0, base, NULL, 0, 0, last || mc->v.match_case.guard != NULL};
        cg_set_loc(c, mc->v.match_case.pattern);
        cg_emit(c, OP_COPY, 1);
        pattern(c, mc->v.match_case.pattern, &pc);
        if (mc->v.match_case.guard) {
            Patterns *g = &pc;
            if (g->nfail == 0) {
                g->fail_pop = kaa_alloc(sizeof(int));
                g->fail_pop[0] = cg_new_label(c);
                g->nfail = 1;
            }
            cg_jump_if(c, mc->v.match_case.guard, g->fail_pop[0], false);
        }
        cg_emit(c, OP_POP_TOP, 0);  // the subject
        cg_stmts(c, mc->v.match_case.body);
        cg_jump(c, OP_JUMP_FORWARD, end);
        emit_fail_pops(c, &pc);
    }
    cg_emit(c, OP_POP_TOP, 0);
    cg_place(c, end);
}
