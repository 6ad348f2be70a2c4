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
int kaa_tool_next(ToolParser *tp, int *id, const char **value);
// Both return 1 ("stop"), leaving the exit status in tp->status.
int kaa_tool_error(ToolParser *tp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int kaa_tool_exit(ToolParser *tp, int status);
void kaa_tool_extra(ToolParser *tp, const char *arg);
int kaa_tool_report_extra(ToolParser *tp);
int kaa_tool_parse_int(const char *s, long *v);
// argparse.FileType('rb'): 0 when the file can be opened, else 1 after the usage error.
int kaa_tool_check_file(ToolParser *tp, const char *argname, const char *path);

// All of a file's bytes (stdin when path is NULL or "-"), malloc'd; NULL when unreadable.
char *kaa_tool_read_source(const char *path, size_t *len);

// The tokenize module's work on one source: the printed tokens into out. Returns 0; 1 after an
// error with a position ("FILE:L:C: error: ..." in err); 2 after another error (encoding).
// from_stdin: text already decoded, no ENCODING token.
struct KaaTextBuf;
int kaa_tokenize_module(const char *data, size_t len, const char *fname, int from_stdin,
                        int exact, struct KaaTextBuf *out, char *err, size_t err_size);

// What CPython's excepthook prints for a SyntaxError raised while compiling `filename`.
void kaa_tool_print_syntax_error(const char *filename, const KaaSyntaxError *err);

#endif
