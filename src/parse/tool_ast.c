// parse/tool_ast.c — `kaa -m ast`: CPython's `python -m ast` command line.
//
// Stage: parse (tools). Owns the command line of the ast module (its argparse options, usage
// and error texts), reading the source (a file or stdin), and printing the dump, or the
// SyntaxError the way CPython's default excepthook prints it (exit status 1).
// Shared with tool_tokenize.c: the small argparse emulation and the SyntaxError printer.
// Must not: parse or dump by itself (kaa_parse and kaa_ast_dump do).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse/ast.h"
#include "parse/ast_dump.h"
#include "parse/tool_common.h"
#include "parse/tools.h"

static const char AST_USAGE[] =
    "usage: python -m ast [-h] [-m {exec,single,eval,func_type}]\n"
    "                     [--no-type-comments] [-a] [-i INDENT]\n"
    "                     [infile]\n";

static const char AST_HELP[] =
    "\n"
    "positional arguments:\n"
    "  infile                the file to parse; defaults to stdin\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help message and exit\n"
    "  -m {exec,single,eval,func_type}, --mode {exec,single,eval,func_type}\n"
    "                        specify what kind of code must be parsed\n"
    "  --no-type-comments    don't add information about type comments\n"
    "  -a, --include-attributes\n"
    "                        include attributes such as line numbers and column\n"
    "                        offsets\n"
    "  -i INDENT, --indent INDENT\n"
    "                        indentation of nodes (number of spaces)\n";

enum { OPT_HELP, OPT_MODE, OPT_NO_TC, OPT_ATTRS, OPT_INDENT };

static const ToolOption AST_OPTIONS[] = {
    {OPT_HELP, 'h', "help", 0, "-h/--help"},
    {OPT_MODE, 'm', "mode", 1, "-m/--mode"},
    {OPT_NO_TC, 0, "no-type-comments", 0, "--no-type-comments"},
    {OPT_ATTRS, 'a', "include-attributes", 0, "-a/--include-attributes"},
    {OPT_INDENT, 'i', "indent", 1, "-i/--indent"},
    {-1, 0, NULL, 0, NULL},
};

typedef struct AstArgs {
    int mode, type_comments, attrs, indent;
    const char *file;
} AstArgs;

// -m/--mode's choices, mapped to kaa_parse modes.
static int parse_mode(const char *v, int *mode) {
    static const char *const names[] = {"exec", "single", "eval", "func_type"};
    static const int modes[] = {KAA_PARSE_EXEC, KAA_PARSE_SINGLE, KAA_PARSE_EVAL,
                                KAA_PARSE_FUNC_TYPE};
    for (int i = 0; i < 4; i++) {
        if (strcmp(v, names[i]) == 0) {
            *mode = modes[i];
            return 1;
        }
    }
    return 0;
}

// Applies one option; returns 0 to go on, or an exit status.
static int apply_option(ToolParser *tp, int id, const char *value, AstArgs *a) {
    switch (id) {
    case OPT_HELP:
        fputs(AST_USAGE, stdout);
        fputs(AST_HELP, stdout);
        return kaa_tool_exit(tp, 0);
    case OPT_MODE:
        if (!parse_mode(value, &a->mode)) {
            return kaa_tool_error(tp,
                                  "argument -m/--mode: invalid choice: '%s' (choose from 'exec', "
                                  "'single', 'eval', 'func_type')",
                                  value);
        }
        return 0;
    case OPT_NO_TC:
        a->type_comments = 0;
        return 0;
    case OPT_ATTRS:
        a->attrs = 1;
        return 0;
    case OPT_INDENT: {
        long v;
        if (!kaa_tool_parse_int(value, &v)) {
            return kaa_tool_error(tp, "argument -i/--indent: invalid int value: '%s'", value);
        }
        a->indent = (int)v;
        return 0;
    }
    }
    return 0;
}

// ast.main after argument parsing: parse, then print ast.dump(tree, include_attributes, indent)
// or the error. A dump that would exceed Python's recursion limit fails like Python does.
static int run(const AstArgs *a, const char *name, char *src, size_t len) {
    KaaArena arena;
    kaa_arena_init(&arena);
    KaaSyntaxError err;
    int flags = a->type_comments ? KAA_PARSE_TYPE_COMMENTS : 0;
    KaaAst *tree = kaa_parse(&arena, src, len, name, a->mode, flags, &err);
    int status = 0;
    if (!tree) {
        kaa_tool_print_syntax_error(name, &err);
        status = 1;
    } else {
        size_t n;
        char *text = kaa_ast_dump(tree, a->attrs, a->indent, &n);
        if (!text) {
            fputs("Traceback (most recent call last):\n"
                  "  File \"<frozen runpy>\", line 198, in _run_module_as_main\n"
                  "RecursionError: maximum recursion depth exceeded while getting the repr of "
                  "an object\n",
                  stderr);
            status = 1;
        } else {
            fwrite(text, 1, n, stdout);
            fputc('\n', stdout);
            free(text);
        }
    }
    kaa_arena_free(&arena);
    return status;
}

// `python -m ast [-h] [-m MODE] [--no-type-comments] [-a] [-i INDENT] [infile]`.
int kaa_parse_tool_ast(int argc, char **argv) {
    AstArgs a = {KAA_PARSE_EXEC, 1, 0, 3, NULL};
    ToolParser tp = {"python -m ast", AST_USAGE, AST_OPTIONS, argc, argv, 1, 0, 0, NULL, 0, ""};
    int id;
    const char *value;
    int r;
    while ((r = kaa_tool_next(&tp, &id, &value)) > 0) {
        if (id == TOOL_POSITIONAL) {
            if (a.file) {
                kaa_tool_extra(&tp, value);
                continue;
            }
            a.file = value;
            if (strcmp(value, "-") != 0 && kaa_tool_check_file(&tp, "infile", value)) {
                return tp.status;
            }
            continue;
        }
        if (apply_option(&tp, id, value, &a)) {
            return tp.status;
        }
    }
    if (r < 0) {
        return tp.status;
    }
    if (tp.extra) {
        kaa_tool_report_extra(&tp);
        return tp.status;
    }
    size_t len;
    const char *name = a.file && strcmp(a.file, "-") != 0 ? a.file : "<stdin>";
    char *src = kaa_tool_read_source(a.file, &len);
    if (!src) {
        fprintf(stderr, "error: cannot read %s\n", name);
        return 1;
    }
    int status = run(&a, name, src, len);
    free(src);
    fflush(stdout);
    return status;
}
