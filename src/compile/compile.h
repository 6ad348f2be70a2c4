// compile/compile.h — what the compiler gives: code objects from source or from an AST.
//
// Stage: compile. Takes an AST (parse/ast.h), gives a KaaCode. Raises SyntaxError for what
// the grammar accepts but Python rejects ('return' outside function, bad nonlocal, ...).
#ifndef KAA_COMPILE_COMPILE_H
#define KAA_COMPILE_COMPILE_H

#include "objects/objects.h"
#include "parse/ast.h"

// compile() flags, with CPython's values.
enum {
    KAA_CO_FUTURE_DIVISION = 0x20000,
    KAA_CO_FUTURE_ANNOTATIONS = 0x1000000,
    KAA_CF_SOURCE_IS_UTF8 = 0x0100,
    KAA_CF_DONT_IMPLY_DEDENT = 0x0200,
    KAA_CF_ONLY_AST = 0x0400,
    KAA_CF_IGNORE_COOKIE = 0x0800,
    KAA_CF_TYPE_COMMENTS = 0x1000,
    KAA_CF_ALLOW_TOP_LEVEL_AWAIT = 0x2000,
};

// Compiles source text. mode is KAA_PARSE_EXEC, _EVAL or _SINGLE; optimize is -1 (use
// sys.flags.optimize), 0, 1 or 2.
KaaCode *kaa_compile_source(const char *source, size_t len, KaaValue filename, int mode,
                            int flags, int optimize);
KaaCode *kaa_compile_ast(KaaAst *mod, KaaValue filename, int flags, int optimize);
// Raises the SyntaxError (or IndentationError, TabError) the parser described.
KAA_NORETURN void kaa_compile_raise_syntax_error(const KaaSyntaxError *err, KaaValue filename);

extern int kaa_optimize_flag;  // sys.flags.optimize (-O, -OO)

#endif
