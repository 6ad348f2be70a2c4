// parse/tool_common.h — what the `-m ast` and `-m tokenize` tools share.
//
// Stage: parse (tools). A small emulation of Python's argparse (options, abbreviations, usage
// errors with exit status 2), source reading, and CPython's printing of a SyntaxError.
#ifndef KAA_PARSE_TOOL_COMMON_H
#define KAA_PARSE_TOOL_COMMON_H

#include <stddef.h>

#include "parse/ast.h"

typedef struct ToolOption {
    int id;              // -1 ends the table
    char short_name;     // 0: none
    const char *long_name;
    int takes_value;
    const char *display; // "-i/--indent", as argparse names it in errors
} ToolOption;

#define TOOL_POSITIONAL (-100)

typedef struct ToolParser {
    const char *prog;
    const char *usage;
    const ToolOption *options;
    int argc;
    char **argv;
    int index;           // next argv element
    int status;          // exit status after an error
    int extra;           // number of unrecognized arguments
    const char *pending; // rest of a cluster of short options ("-ai2")
    int only_positional; // after "--"
    char extras[512];
} ToolParser;

// The next option (1, with *id and *value) or positional (*id = TOOL_POSITIONAL); 0 at the end;
// -1 after a usage error (already printed; tp->status is the exit status).
int tool_next(ToolParser *tp, int *id, const char **value);
// Both return 1 ("stop"), leaving the exit status in tp->status.
int tool_error(ToolParser *tp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int tool_exit(ToolParser *tp, int status);
void tool_extra(ToolParser *tp, const char *arg);
int tool_report_extra(ToolParser *tp);
int tool_parse_int(const char *s, long *v);
// argparse.FileType('rb'): 0 when the file can be opened, else 1 after the usage error.
int tool_check_file(ToolParser *tp, const char *argname, const char *path);

// All of a file's bytes (stdin when path is NULL or "-"), malloc'd; NULL when unreadable.
char *tool_read_source(const char *path, size_t *len);

// What CPython's excepthook prints for a SyntaxError raised while compiling `filename`.
void tool_print_syntax_error(const char *filename, const KaaSyntaxError *err);

#endif
