// compile/internal.h — shared by the compiler's passes (symtable.c, codegen*.c, assemble.c,
// compile.c). Not included outside src/compile/.
#ifndef KAA_COMPILE_INTERNAL_H
#define KAA_COMPILE_INTERNAL_H

#include "compile/compile.h"
#include "compile/opcodes.h"

// ---- string maps (identifier -> int), in insertion order -------------------------------------
typedef struct StrMap {
    const char **keys;
    int *values;
    int *slots;  // open-addressing table of indexes into keys (-1 empty)
    int len, cap, mask;
} StrMap;

void strmap_init(StrMap *m);
int *strmap_find(StrMap *m, const char *key);      // NULL when absent
int *strmap_put(StrMap *m, const char *key, int v);  // inserts if absent; returns the slot

// ---- symbol table -----------------------------------------------------------------------------
enum {
    DEF_GLOBAL = 1 << 0,     // global statement
    DEF_LOCAL = 1 << 1,      // assigned in this block
    DEF_PARAM = 1 << 2,      // a parameter
    DEF_NONLOCAL = 1 << 3,   // nonlocal statement
    USE = 1 << 4,            // read in this block
    DEF_FREE_CLASS = 1 << 5, // free in a class body, from a child scope
    DEF_IMPORT = 1 << 6,
    DEF_ANNOT = 1 << 7,
    DEF_COMP_ITER = 1 << 8,  // the iteration variable of a comprehension
};
#define DEF_BOUND (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)

typedef enum { SCOPE_NONE, SCOPE_LOCAL, SCOPE_GLOBAL_EXPLICIT, SCOPE_GLOBAL_IMPLICIT,
               SCOPE_FREE, SCOPE_CELL } SymScope;

typedef enum { BLOCK_MODULE, BLOCK_CLASS, BLOCK_FUNCTION } BlockKind;

typedef struct Scope {
    BlockKind kind;
    const char *name;
    KaaAst *node;           // the node that opened the scope (NULL for the module)
    StrMap symbols;         // name -> DEF_* flags
    StrMap scopes;          // name -> SymScope, after analysis
    struct Scope *parent;
    struct Scope **children;
    int nchildren, capchildren;
    int lineno;
    bool is_generator, is_coroutine, is_comprehension, is_lambda;
    bool has_varargs, has_varkw;
    bool needs_class_closure;   // a class whose methods use __class__ or super()
    bool returns_value;
    const char *private_name;   // enclosing class name, for mangling __names
    int comp_iter_depth;
    StrMap decl_index;          // name -> index in decl_nodes: its global/nonlocal statement
    KaaAst **decl_nodes;
    int ndecl, capdecl;
} Scope;

typedef struct Symtable {
    KaaArena *arena;
    Scope *top;
    Scope **by_node;  // scopes in creation order, looked up by node
    int nscopes, capscopes;
    KaaValue filename;
    const char *source;  // for SyntaxError text, or NULL
    int future_flags;
} Symtable;

Symtable *symtable_build(KaaArena *arena, KaaAst *mod, KaaValue filename, const char *source,
                         int future_flags);
Scope *symtable_lookup(Symtable *st, KaaAst *node);
SymScope scope_of(Scope *s, const char *name);
const char *mangle_name(KaaArena *arena, const char *private_name, const char *name);

// ---- errors -----------------------------------------------------------------------------------
KAA_NORETURN void compile_error(KaaValue filename, const char *source, KaaAst *node,
                                const char *fmt, ...);

// ---- code generation ----------------------------------------------------------------------------
// The future flags and optimisation level of one compilation.
typedef struct CompileOptions {
    KaaValue filename;
    const char *source;
    int flags;     // CO_FUTURE_* and PyCF_* flags
    int optimize;  // 0, 1 or 2
    int mode;      // KAA_PARSE_*
} CompileOptions;

KaaCode *codegen_module(KaaArena *arena, Symtable *st, KaaAst *mod, const CompileOptions *opt);
int compile_future_flags(KaaAst *mod, KaaValue filename, const char *source);

#endif
