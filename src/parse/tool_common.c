// parse/tool_common.c — argparse emulation, source reading and SyntaxError printing for the
// front-end tools.
//
// Stage: parse (tools). Owns the texts Python's argparse and excepthook print, so that
// `kaa -m ast` and `kaa -m tokenize` fail exactly as `python3 -m ...` does.
// Must not: parse Python.
#include "parse/tool_common.h"
#include "parse/tokenizer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// argparse exits (help, errors) by raising SystemExit; the tools return a status instead, so
// every argparse step reports "stop" and leaves the status in tp->status.
int kaa_tool_exit(ToolParser *tp, int status) {
    tp->status = status;
    return 1;
}

// argparse's error(): the usage text, then "PROG: error: MESSAGE", exit status 2.
int kaa_tool_error(ToolParser *tp, const char *fmt, ...) {
    fputs(tp->usage, stderr);
    fprintf(stderr, "%s: error: ", tp->prog);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    tp->status = 2;
    return 1;
}

// Collects an unrecognized argument; argparse reports all of them together at the end.
void kaa_tool_extra(ToolParser *tp, const char *arg) {
    size_t n = strlen(tp->extras);
    snprintf(tp->extras + n, sizeof tp->extras - n, "%s%s", tp->extra ? " " : "", arg);
    tp->extra++;
}

// "unrecognized arguments: A B ..." as parse_args() reports them.
int kaa_tool_report_extra(ToolParser *tp) {
    return kaa_tool_error(tp, "unrecognized arguments: %s", tp->extras);
}

// int() of an option value: surrounding whitespace, a sign, decimal digits with single
// underscores between them ("1_0").
int kaa_tool_parse_int(const char *s, long *v) {
    char digits[64];
    size_t n = 0;
    while (*s == ' ' || *s == '\t' || *s == '\n') {
        s++;
    }
    for (; *s && *s != ' ' && *s != '\t' && *s != '\n'; s++) {
        int between = n > 0 && digits[n - 1] >= '0' && digits[n - 1] <= '9' && s[1] >= '0' &&
                      s[1] <= '9';
        if (*s == '_' && between) {
            continue;
        }
        if (n + 1 >= sizeof digits) {
            return 0;
        }
        digits[n++] = *s;
    }
    while (*s == ' ' || *s == '\t' || *s == '\n') {
        s++;
    }
    digits[n] = '\0';
    if (n == 0 || *s) {
        return 0;
    }
    char *end;
    errno = 0;
    *v = strtol(digits, &end, 10);
    return *end == '\0' && errno == 0;
}

// argparse treats "-1" as a positional (not an option) when no option looks like a number.
static int looks_negative_number(const char *s) {
    if (s[0] != '-' || !s[1]) {
        return 0;
    }
    char *end;
    strtod(s, &end);
    return *end == '\0';
}

// The option named by a long option text (exact or a unique prefix).
static const ToolOption *find_long(ToolParser *tp, const char *name, size_t n, int *ambiguous) {
    const ToolOption *found = NULL;
    int matches = 0;
    *ambiguous = 0;
    for (const ToolOption *o = tp->options; o->id >= 0; o++) {
        if (!o->long_name) {
            continue;
        }
        if (strlen(o->long_name) == n && strncmp(o->long_name, name, n) == 0) {
            return o;
        }
        if (strncmp(o->long_name, name, n) == 0) {
            found = o;
            matches++;
        }
    }
    if (matches > 1) {
        *ambiguous = 1;
        return NULL;
    }
    return found;
}

// The option with that one-letter name, NULL when there is none.
static const ToolOption *find_short(ToolParser *tp, char c) {
    for (const ToolOption *o = tp->options; o->id >= 0; o++) {
        if (o->short_name == c) {
            return o;
        }
    }
    return NULL;
}

// The value of an option that takes one: attached text or the next argument.
static int option_value(ToolParser *tp, const ToolOption *o, const char *attached,
                        const char **value) {
    if (attached) {
        *value = attached;
        return 1;
    }
    if (tp->index < tp->argc) {
        const char *next = tp->argv[tp->index];
        if (next[0] != '-' || next[1] == '\0' || looks_negative_number(next)) {
            *value = next;
            tp->index++;
            return 1;
        }
    }
    kaa_tool_error(tp, "argument %s: expected one argument", o->display);
    return 0;
}

// --name[=value], where name may be any unambiguous prefix of a long option (allow_abbrev).
static int long_option(ToolParser *tp, const char *arg, int *id, const char **value) {
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t n = eq ? (size_t)(eq - name) : strlen(name);
    int ambiguous;
    const ToolOption *o = find_long(tp, name, n, &ambiguous);
    if (ambiguous) {
        char list[256] = "";
        for (const ToolOption *q = tp->options; q->id >= 0; q++) {
            if (q->long_name && strncmp(q->long_name, name, n) == 0) {
                size_t l = strlen(list);
                snprintf(list + l, sizeof list - l, "%s--%s", l ? ", " : "", q->long_name);
            }
        }
        kaa_tool_error(tp, "ambiguous option: %.*s could match %s", (int)(n + 2), arg, list);
        return -1;
    }
    if (!o) {
        kaa_tool_extra(tp, arg);
        return 2;
    }
    *id = o->id;
    *value = NULL;
    if (o->takes_value) {
        return option_value(tp, o, eq ? eq + 1 : NULL, value) ? 1 : -1;
    }
    if (eq) {
        kaa_tool_error(tp, "argument %s: ignored explicit argument '%s'", o->display, eq + 1);
        return -1;
    }
    return 1;
}

// One short option from a cluster such as "-ai2".
static int short_option(ToolParser *tp, const char *s, int *id, const char **value) {
    const ToolOption *o = find_short(tp, s[0]);
    tp->pending = NULL;
    if (!o) {
        char arg[64];
        snprintf(arg, sizeof arg, "-%s", s);
        kaa_tool_extra(tp, arg);
        return 2;
    }
    *id = o->id;
    *value = NULL;
    if (o->takes_value) {
        return option_value(tp, o, s[1] ? s + 1 : NULL, value) ? 1 : -1;
    }
    if (s[1]) {
        tp->pending = s + 1;
    }
    return 1;
}

// argparse's left-to-right scan: "--" ends the options, "-abc" clusters short options, and an
// option that takes a value uses the rest of its argument or the next one.
int kaa_tool_next(ToolParser *tp, int *id, const char **value) {
    for (;;) {
        if (tp->pending) {
            int r = short_option(tp, tp->pending, id, value);
            if (r == 2) {
                continue;
            }
            return r;
        }
        if (tp->index >= tp->argc) {
            return 0;
        }
        const char *arg = tp->argv[tp->index++];
        if (!tp->only_positional && strcmp(arg, "--") == 0) {
            tp->only_positional = 1;
            continue;
        }
        if (tp->only_positional || arg[0] != '-' || arg[1] == '\0' || looks_negative_number(arg)) {
            *id = TOOL_POSITIONAL;
            *value = arg;
            return 1;
        }
        int r = arg[1] == '-' ? long_option(tp, arg, id, value)
                              : short_option(tp, arg + 1, id, value);
        if (r == 2) {
            continue;
        }
        return r;
    }
}

// argparse.FileType opens the file while parsing; its OSError becomes a usage error.
int kaa_tool_check_file(ToolParser *tp, const char *argname, const char *path) {
    struct stat st;
    int err = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        err = errno;
    } else {
        if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            err = EISDIR;
        }
        fclose(f);
    }
    if (!err) {
        return 0;
    }
    return kaa_tool_error(tp, "argument %s: can't open '%s': [Errno %d] %s: '%s'", argname, path,
                          err, strerror(err), path);
}

// The source bytes as the tools read them (binary; no newline translation here).
char *kaa_tool_read_source(const char *path, size_t *len) {
    FILE *f = stdin;
    if (path && strcmp(path, "-") != 0) {
        f = fopen(path, "rb");
        if (!f) {
            return NULL;
        }
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        abort();
    }
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) {
                abort();
            }
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0) {
            break;
        }
        n += r;
    }
    if (f != stdin) {
        fclose(f);
    }
    *len = n;
    return buf;
}

// Writes text[0..len) to stderr as Python shows the line: decoded with errors="replace", so
// each invalid UTF-8 sequence becomes one U+FFFD.
static void put_replaced(const char *text, size_t len) {
    while (len > 0) {
        size_t bad_len;
        long bad = kaa_tok_utf8_invalid(text, len, &bad_len);
        size_t good = bad < 0 ? len : (size_t)bad;
        fwrite(text, 1, good, stderr);
        if (bad < 0) {
            return;
        }
        fputs("\xef\xbf\xbd", stderr);
        text += good + bad_len;
        len -= good + bad_len;
    }
}

// CPython's print_error_text: the line without its indentation, and a caret line.
static void print_error_text(const char *text, int offset, int end_offset, int ranged) {
    int carets = ranged && end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    int len = (int)strlen(text);
    if (len > 0 && text[len - 1] == '\n') {
        len--;
    }
    if (offset > len) {
        offset = len;
    }
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (!nl) {
            break;
        }
        int inl = (int)(nl - text);
        if (inl >= offset) {
            break;
        }
        inl++;
        text += inl;
        len -= inl;
        offset -= inl;
    }
    fputs("    ", stderr);
    put_replaced(text, strlen(text));
    if (text[len] != '\n') {
        fputc('\n', stderr);
    }
    if (offset < 0) {
        return;
    }
    fputs("    ", stderr);
    for (int i = 0; i < offset; i++) {
        fputc(' ', stderr);
    }
    for (int i = 0; i < carets; i++) {
        fputc('^', stderr);
    }
    fputc('\n', stderr);
}

// The end of the traceback Python prints for an uncaught SyntaxError: the File line, the source
// line with carets, then "Type: message". Other exceptions print only their last line.
void kaa_tool_print_syntax_error(const char *filename, const KaaSyntaxError *err) {
    fputs("Traceback (most recent call last):\n", stderr);
    int is_syntax = strcmp(err->type, "SyntaxError") == 0 ||
                    strcmp(err->type, "IndentationError") == 0 ||
                    strcmp(err->type, "TabError") == 0;
    if (is_syntax && err->lineno >= 0) {
        fprintf(stderr, "  File \"%s\", line %d\n", filename, err->lineno);
        if (err->text) {
            // Only plain SyntaxErrors show their range; IndentationError gets one caret.
            print_error_text(err->text, err->offset, err->end_offset,
                             strcmp(err->type, "SyntaxError") == 0);
        }
    }
    if (err->msg[0]) {
        fprintf(stderr, "%s: %s\n", err->type, err->msg);
    } else {
        fprintf(stderr, "%s\n", err->type);
    }
}
