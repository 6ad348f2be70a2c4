// compile/compile.c — the compiler's entry points: source or AST in, code object out, and
// the SyntaxError objects the front end and the compiler report.
//
// Stage: compile. Runs parse -> future flags -> symbol table -> code generation -> assembly.
// The AST lives in a malloc arena freed at the end, even when compilation raises.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compile/internal.h"

int kaa_optimize_flag;

// The source line `lineno` (1-based, with its newline) of a UTF-8 text, or NULL.
static KaaValue line_of(const char *source, int lineno) {
    if (source == NULL || lineno <= 0) {
        return kaa_None;
    }
    const char *p = source;
    for (int i = 1; i < lineno && p; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (p == NULL) {
        return kaa_None;
    }
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - p + 1) : strlen(p);
    return kaa_str_from_utf8_sp(p, n);
}

// Converts a 0-based UTF-8 byte column of a line to CPython's 1-based character offset.
static int char_offset(KaaValue line, int byte_col) {
    if (line == kaa_None || byte_col < 0) {
        return byte_col + 1;
    }
    size_t len;
    const char *u = kaa_str_utf8_sp(line, &len);
    int chars = 0;
    for (int i = 0; i < byte_col && (size_t)i < len; i++) {
        if (((uint8_t)u[i] & 0xC0) != 0x80) {
            chars++;
        }
    }
    return chars + 1;
}

static KAA_NORETURN void raise_syntax(KaaType *type, KaaValue msg, KaaValue filename, int lineno,
                                      int offset, KaaValue text, int end_lineno,
                                      int end_offset) {
    KaaValue info = kaa_from_obj(kaa_tuple_pack(
        6, filename, kaa_from_small(lineno), kaa_from_small(offset), text,
        kaa_from_small(end_lineno), kaa_from_small(end_offset)));
    KaaValue args[2] = {msg, info};
    kaa_raise(kaa_exc_new(type, args, 2));
}

KAA_NORETURN void compile_error(KaaValue filename, const char *source, KaaAst *node,
                                const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = node ? node->lineno : 0;
    KaaValue text = line_of(source, line);
    int offset = node ? char_offset(text, node->col_offset) : 0;
    int end_line = node ? node->end_lineno : 0;
    KaaValue end_text = end_line == line ? text : line_of(source, end_line);
    int end_offset = node ? char_offset(end_text, node->end_col_offset) : 0;
    raise_syntax(kaa_SyntaxError, kaa_str_from_cstr(msg), filename, line, offset, text,
                 end_line, end_offset);
}

KAA_NORETURN void kaa_compile_raise_syntax_error(const KaaSyntaxError *err, KaaValue filename) {
    if (err->type && strcmp(err->type, "MemoryError") == 0) {  // the parser's nesting limit
        KaaValue msg = kaa_str_from_cstr(err->msg);
        kaa_raise(err->msg[0] ? kaa_exc_new_msg(kaa_MemoryError, msg)
                              : kaa_exc_new(kaa_MemoryError, NULL, 0));
    }
    KaaType *type = kaa_SyntaxError;
    if (err->type && strcmp(err->type, "IndentationError") == 0) {
        type = kaa_IndentationError;
    } else if (err->type && strcmp(err->type, "TabError") == 0) {
        type = kaa_TabError;
    }
    KaaValue text = err->text ? kaa_str_from_utf8_sp(err->text, strlen(err->text)) : kaa_None;
    raise_syntax(type, kaa_str_from_cstr(err->msg), filename, err->lineno, err->offset, text,
                 err->end_lineno, err->end_offset);
}

KaaCode *kaa_compile_ast(KaaAst *mod, KaaValue filename, int flags, int optimize) {
    KaaArena arena;
    kaa_arena_init(&arena);
    CompileOptions opt = {filename, NULL, flags, optimize < 0 ? kaa_optimize_flag : optimize,
                          KAA_PARSE_EXEC};
    opt.flags |= compile_future_flags(mod, filename, NULL);
    Symtable *st = symtable_build(&arena, mod, filename, NULL, opt.flags);
    KaaCode *code = codegen_module(&arena, st, mod, &opt);
    kaa_arena_free(&arena);
    return code;
}

typedef struct {
    const char *source;
    size_t len;
    KaaValue filename;
    int mode, flags, optimize;
    KaaArena arena;
    KaaCode *result;
} CompileJob;

static void run_job(void *ud) {
    CompileJob *job = ud;
    KaaSyntaxError err;
    memset(&err, 0, sizeof err);
    int pflags = 0;
    if (job->flags & KAA_CF_SOURCE_IS_UTF8) {
        pflags |= KAA_PARSE_SOURCE_IS_UTF8;
    }
    if (job->flags & KAA_CF_TYPE_COMMENTS) {
        pflags |= KAA_PARSE_TYPE_COMMENTS;
    }
    const char *fname = kaa_str_utf8_sp(job->filename, NULL);
    KaaAst *mod = kaa_parse(&job->arena, job->source, job->len, fname, (KaaParseMode)job->mode,
                            pflags, &err);
    if (mod == NULL) {
        kaa_compile_raise_syntax_error(&err, job->filename);
    }
    CompileOptions opt = {job->filename, job->source, job->flags, job->optimize, job->mode};
    opt.flags |= compile_future_flags(mod, job->filename, job->source);
    Symtable *st = symtable_build(&job->arena, mod, job->filename, job->source, opt.flags);
    job->result = codegen_module(&job->arena, st, mod, &opt);
}

KaaCode *kaa_compile_source(const char *source, size_t len, KaaValue filename, int mode,
                            int flags, int optimize) {
    CompileJob job = {source, len, filename, mode, flags,
                      optimize < 0 ? kaa_optimize_flag : optimize, {0}, NULL};
    kaa_arena_init(&job.arena);
    KaaValue exc = kaa_protect(run_job, &job);
    kaa_arena_free(&job.arena);
    if (exc != KAA_NULL) {
        kaa_reraise(exc);
    }
    return job.result;
}
