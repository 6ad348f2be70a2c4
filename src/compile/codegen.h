// compile/codegen.h — between codegen.c, codegen_expr.c and assemble.c only.
// Stage: compile, second pass (AST -> labelled instructions) and third (assembly).
#ifndef KAA_COMPILE_CODEGEN_H
#define KAA_COMPILE_CODEGEN_H

#include "compile/internal.h"

// An exception handler in force while instructions are emitted: a persistent stack, so an
// instruction can keep a pointer to the handlers around it (the exception table's source).
typedef struct Handler {
    int label;
    int depth;   // stack depth the unwinder restores before pushing [lasti,] exc
    bool lasti;  // push the raising instruction's offset too
    struct Handler *parent;
} Handler;

typedef struct Loc {
    int line, end_line, col, end_col;  // line 0: no location
} Loc;

typedef struct Instr {
    uint8_t op;
    int arg;
    int target;  // label for jumps, else -1
    Loc loc;
    Handler *handler;
} Instr;

typedef struct Label {
    int pos;    // instruction index, -1 until placed
    int depth;  // stack depth on entry, -1 until known
} Label;

typedef enum {
    FB_WHILE_LOOP, FB_FOR_LOOP, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END, FB_WITH,
    FB_ASYNC_WITH, FB_HANDLER_CLEANUP, FB_POP_VALUE, FB_EXCEPTION_HANDLER,
    FB_EXCEPTION_GROUP_HANDLER,
} FBlockKind;

typedef struct FBlock {
    FBlockKind kind;
    int block;      // loops: the continue target
    int exit;       // loops: the break target
    KaaAst *datum;  // finally: the Try node; handler cleanup: the handler's name (as node)
    const char *name;
    Handler *outer; // the handlers before this block's own was pushed
} FBlock;

#define MAX_FBLOCKS 20  // CPython's CO_MAXBLOCKS: deeper nesting is a SyntaxError

typedef struct Unit {
    Scope *scope;
    KaaValue name, qualname;
    Instr *instrs;
    int ninstrs, capinstrs;
    Label *labels;
    int nlabels, caplabels;
    KaaDict *const_index;  // key -> index
    KaaList *consts;
    StrMap names;
    StrMap varnames;
    const char **cellvars;  // sorted; the first ncellvars of the deref slots
    const char **freevars;  // sorted
    int ncellvars, nfreevars;
    Handler *handler;
    int depth, maxdepth;
    bool reachable;
    FBlock fblocks[MAX_FBLOCKS];
    int nfblocks;
    int argcount, posonlyargcount, kwonlyargcount;
    int flags;
    int firstlineno;
    Loc loc;
    bool in_class_body_annotations;
    struct Unit *parent;
} Unit;

typedef struct Compiler {
    KaaArena *arena;
    Symtable *st;
    const CompileOptions *opt;
    Unit *u;
    bool interactive;
    int nested_exprs;
} Compiler;

// emission (codegen.c)
int cg_new_label(Compiler *c);
void cg_place(Compiler *c, int label);
void cg_emit(Compiler *c, int op, int arg);
void cg_jump(Compiler *c, int op, int label);
int cg_const(Compiler *c, KaaValue v);
int cg_name(Compiler *c, const char *name);
void cg_load_const(Compiler *c, KaaValue v);
void cg_set_loc(Compiler *c, KaaAst *node);
Handler *cg_push_handler(Compiler *c, int label, int depth, bool lasti);
void cg_pop_handler(Compiler *c);
void cg_push_fblock(Compiler *c, FBlockKind kind, int block, int exit, KaaAst *datum,
                    const char *name);
void cg_pop_fblock(Compiler *c);
KAA_NORETURN void cg_error(Compiler *c, KaaAst *node, const char *fmt, ...);
KAA_NORETURN void cg_error_at(Compiler *c, const char *msg);
const char *cg_mangle(Compiler *c, const char *name);
void cg_nameop(Compiler *c, const char *name, int ctx);
KaaValue cg_const_value(Compiler *c, const KaaAstConst *k);
// An expression's source text as CPython's compiler writes annotations back (unparse.c).
KaaValue cg_unparse_annotation(const KaaAst *e);
void cg_stmts(Compiler *c, KaaAstSeq *body);
KaaCode *cg_make_function_code(Compiler *c, KaaAst *node, const char *name, KaaAst *args,
                               KaaAstSeq *body, KaaAst *body_expr);
void cg_make_closure(Compiler *c, KaaCode *code, int flags);
bool cg_unwind_fblock_stack(Compiler *c, bool preserve_tos, FBlock **loop);
void cg_stmt(Compiler *c, KaaAst *s);
void cg_match(Compiler *c, KaaAst *s);  // codegen_pattern.c
void cg_yield_from_loop(Compiler *c);  // [receiver, value] -> [result]
Unit *cg_enter_scope(Compiler *c, KaaAst *node, KaaValue name, int firstlineno);
KaaCode *cg_leave_scope(Compiler *c);

// expressions (codegen_expr.c)
void cg_expr(Compiler *c, KaaAst *e);
void cg_jump_if(Compiler *c, KaaAst *e, int label, bool cond);
void cg_store(Compiler *c, KaaAst *target);
void cg_delete(Compiler *c, KaaAst *target);
void cg_call_helper(Compiler *c, int nprefix, KaaAstSeq *args, KaaAstSeq *keywords);
bool cg_is_const(KaaAst *e);
KaaValue cg_fold(Compiler *c, KaaAst *e);  // constant value of e, or KAA_NULL

// assembly (assemble.c)
KaaCode *assemble_unit(Compiler *c, Unit *u);

#endif
