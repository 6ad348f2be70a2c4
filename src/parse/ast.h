// parse/ast.h — what the front end gives: the AST of a Python 3.11 source.
//
// Stage: parse (tokenizer + parser). Takes source bytes, gives a tree of KaaAst nodes allocated
// in a KaaArena, or a KaaSyntaxError describing why the source is not Python.
// The front end does not depend on the object system: identifiers and constants are plain C
// data here, and the compiler turns them into Python values. It never raises; the caller turns
// a KaaSyntaxError into a Python exception.
#ifndef KAA_PARSE_AST_H
#define KAA_PARSE_AST_H

#include <stddef.h>
#include <stdint.h>

// ---- arena ------------------------------------------------------------------------------------
// AST nodes, sequences and strings live in one arena that is freed at once after compilation.
// It holds no Python values, so it may use malloc.
typedef struct KaaArenaChunk KaaArenaChunk;
typedef struct KaaArena {
    KaaArenaChunk *chunk;
    char *next, *limit;
} KaaArena;

void kaa_arena_init(KaaArena *arena);
void *kaa_arena_alloc(KaaArena *arena, size_t size);  // zero-filled, 8-byte aligned
char *kaa_arena_strndup(KaaArena *arena, const char *s, size_t len);  // adds a final NUL
void kaa_arena_free(KaaArena *arena);

// ---- kinds, enums -----------------------------------------------------------------------------
typedef enum KaaAstKind {
#define KIND(name, cat, pos) AST_##name,
#define END(name)
#define NODE(f, c)
#define OPT(f, c)
#define SEQ(f, c)
#define IDENT(f)
#define OPTIDENT(f)
#define IDSEQ(f)
#define OPTSTR(f)
#define STR(f)
#define INT(f)
#define OPTINT(f)
#define ENUM(f, c)
#define ENUMSEQ(f, c)
#define CONST(f)
#define ENUMERATOR(cat, name)
#include "ast.def"
    AST_KIND_COUNT
} KaaAstKind;
#undef KIND
#undef END
#undef NODE
#undef OPT
#undef SEQ
#undef IDENT
#undef OPTIDENT
#undef IDSEQ
#undef OPTSTR
#undef STR
#undef INT
#undef OPTINT
#undef ENUM
#undef ENUMSEQ
#undef CONST
#undef ENUMERATOR

// The enumerators, numbered from 1 within their category as CPython's C enums are (0 means
// unset). Their order is ast.def's ENUMERATOR order, from which name tables are generated.
typedef enum {
    AST_Load = 1, AST_Store, AST_Del
} KaaAstExprContext;
typedef enum { AST_And = 1, AST_Or } KaaAstBoolOp;
typedef enum {
    AST_Add = 1, AST_Sub, AST_Mult, AST_MatMult, AST_Div, AST_Mod, AST_Pow, AST_LShift,
    AST_RShift, AST_BitOr, AST_BitXor, AST_BitAnd, AST_FloorDiv
} KaaAstOperator;
typedef enum { AST_Invert = 1, AST_Not, AST_UAdd, AST_USub } KaaAstUnaryOp;
typedef enum {
    AST_Eq = 1, AST_NotEq, AST_Lt, AST_LtE, AST_Gt, AST_GtE, AST_Is, AST_IsNot, AST_In, AST_NotIn
} KaaAstCmpOp;

// ---- constants --------------------------------------------------------------------------------
typedef enum KaaAstConstKind {
    AST_CONST_NONE,
    AST_CONST_TRUE,
    AST_CONST_FALSE,
    AST_CONST_ELLIPSIS,
    AST_CONST_INT,      // text: the digits, underscores and base prefix removed; base: 2/8/10/16
    AST_CONST_FLOAT,    // number
    AST_CONST_COMPLEX,  // number: the imaginary part (a literal is always pure imaginary)
    AST_CONST_STR,      // text/len: UTF-8, lone surrogates as their 3-byte sequences
    AST_CONST_BYTES,    // text/len: the raw bytes
} KaaAstConstKind;

typedef struct KaaAstConst {
    KaaAstConstKind kind;
    int base;
    double number;
    const char *text;
    size_t len;
} KaaAstConst;

// ---- sequences --------------------------------------------------------------------------------
typedef struct KaaAst KaaAst;
typedef struct KaaAstSeq {
    int len;
    KaaAst *items[];
} KaaAstSeq;
typedef struct KaaAstIdSeq {
    int len;
    const char *items[];
} KaaAstIdSeq;
typedef struct KaaAstIntSeq {
    int len;
    int items[];
} KaaAstIntSeq;

// ---- nodes ------------------------------------------------------------------------------------
// One struct for every kind; `v.<Kind>.<field>` holds the fields of that kind. Positions are
// 1-based lines and 0-based UTF-8 byte columns, as CPython records them; nodes whose ASDL type
// has no position attributes leave them 0.
#define KIND(name, cat, pos) struct {
#define END(name) char unused_; } name;
#define NODE(f, c) KaaAst *f;
#define OPT(f, c) KaaAst *f;
#define SEQ(f, c) KaaAstSeq *f;
#define IDENT(f) const char *f;
#define OPTIDENT(f) const char *f;
#define IDSEQ(f) KaaAstIdSeq *f;
#define OPTSTR(f) const char *f;
#define STR(f) const char *f;
#define INT(f) int f;
#define OPTINT(f) int f;
#define ENUM(f, c) int f;
#define ENUMSEQ(f, c) KaaAstIntSeq *f;
#define CONST(f) KaaAstConst f;
#define ENUMERATOR(cat, name)
struct KaaAst {
    KaaAstKind kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
#include "ast.def"
    } v;
};
#undef KIND
#undef END
#undef NODE
#undef OPT
#undef SEQ
#undef IDENT
#undef OPTIDENT
#undef IDSEQ
#undef OPTSTR
#undef STR
#undef INT
#undef OPTINT
#undef ENUM
#undef ENUMSEQ
#undef CONST
#undef ENUMERATOR

extern const char *const kaa_ast_kind_names[AST_KIND_COUNT];

// ---- parsing ----------------------------------------------------------------------------------
typedef enum KaaParseMode {
    KAA_PARSE_EXEC,       // a module: gives Module
    KAA_PARSE_EVAL,       // an expression: gives Expression
    KAA_PARSE_SINGLE,     // one interactive statement: gives Interactive
    KAA_PARSE_FUNC_TYPE,  // a function type comment: gives FunctionType
} KaaParseMode;

enum {
    KAA_PARSE_TYPE_COMMENTS = 1 << 0,  // keep type comments, as ast.parse(type_comments=True)
    KAA_PARSE_SOURCE_IS_UTF8 = 1 << 1,  // text already decoded (compile() of a str): no cookie
};

// Why a source is not Python: what CPython would raise. `type` is "SyntaxError",
// "IndentationError" or "TabError"; lines are 1-based and columns are 1-based character
// offsets into `text`, as in SyntaxError.offset / end_offset (0 when unknown).
typedef struct KaaSyntaxError {
    const char *type;
    char msg[256];
    int lineno, offset, end_lineno, end_offset;
    char *text;  // the source line (UTF-8, with its newline) or NULL; arena-allocated
} KaaSyntaxError;

// Parses `len` bytes of source. On success returns the mod node; on failure returns NULL and
// fills *err. Everything returned lives in `arena`.
KaaAst *kaa_parse(KaaArena *arena, const char *source, size_t len, const char *filename,
                  KaaParseMode mode, int flags, KaaSyntaxError *err);

#endif
