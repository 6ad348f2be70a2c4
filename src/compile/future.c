// compile/future.c — `from __future__ import ...`: which features a module turns on.
//
// Stage: compile, before the symbol table (annotations change what it records). Future
// imports must come first (after the docstring); anything else is CPython's SyntaxError.
#include <string.h>

#include "compile/internal.h"

static bool is_docstring(KaaAst *s) {
    return s->kind == AST_Expr && s->v.Expr.value->kind == AST_Constant &&
           s->v.Expr.value->v.Constant.value.kind == AST_CONST_STR;
}

static const char *const known_features[] = {
    "nested_scopes", "generators", "division", "absolute_import", "with_statement",
    "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", NULL,
};

static int feature_flag(KaaValue filename, const char *source, KaaAst *s, const char *f) {
    if (strcmp(f, "annotations") == 0) {
        return KAA_CO_FUTURE_ANNOTATIONS;
    }
    if (strcmp(f, "braces") == 0) {
        compile_error(filename, source, s, "not a chance");
    }
    for (int i = 0; known_features[i]; i++) {
        if (strcmp(f, known_features[i]) == 0) {
            return 0;
        }
    }
    compile_error(filename, source, s, "future feature %s is not defined", f);
}

int compile_future_flags(KaaAst *mod, KaaValue filename, const char *source) {
    if (mod->kind != AST_Module) {
        return 0;
    }
    KaaAstSeq *body = mod->v.Module.body;
    int flags = 0;
    bool done = false;
    for (int i = 0; body && i < body->len; i++) {
        KaaAst *s = body->items[i];
        bool is_future = s->kind == AST_ImportFrom && s->v.ImportFrom.module &&
                         strcmp(s->v.ImportFrom.module, "__future__") == 0;
        if (i == 0 && is_docstring(s)) {
            continue;
        }
        if (!is_future) {
            done = true;
            continue;
        }
        if (done) {
            compile_error(filename, source, s,
                          "from __future__ imports must occur at the beginning of the file");
        }
        KaaAstSeq *names = s->v.ImportFrom.names;
        for (int k = 0; k < names->len; k++) {
            flags |= feature_flag(filename, source, s, names->items[k]->v.alias.name);
        }
    }
    return flags;
}
