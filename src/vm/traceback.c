// vm/traceback.c — printing an exception the way CPython does, and the top-level policy for
// uncaught exceptions (SystemExit's status, everything else printed with exit status 1).
//
// Stage: vm. Reads tracebacks built by the unwinder (eval.c) and source lines from the files
// their code objects name. Writes to C's stderr after flushing sys.stdout.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/modules.h"
#include "vm/vm.h"

// The source line `lineno` of a file, stripped of surrounding whitespace, or NULL.
static char *source_line(const char *path, int lineno) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int at = 0;
    char *result = NULL;
    while ((n = getline(&line, &cap, f)) >= 0) {
        if (++at == lineno) {
            char *s = line;
            while (*s == ' ' || *s == '\t' || *s == '\f') {
                s++;
            }
            size_t len = strlen(s);
            while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' ||
                               s[len - 1] == '\t')) {
                len--;
            }
            result = kaa_alloc_atomic(len + 1);
            memcpy(result, s, len);
            result[len] = 0;
            break;
        }
    }
    free(line);
    fclose(f);
    return result;
}

static void print_frame_line(FILE *out, KaaValue filename, int lineno, KaaValue name) {
    const char *file = kaa_str_utf8_sp(filename, NULL);
    fprintf(out, "  File \"%s\", line %d, in %s\n", file, lineno, kaa_str_utf8_sp(name, NULL));
    char *src = source_line(file, lineno);
    if (src != NULL && src[0] != 0) {
        fprintf(out, "    %s\n", src);
    }
}

static void print_traceback(FILE *out, KaaValue tb) {
    fputs("Traceback (most recent call last):\n", out);
    for (; tb != KAA_NULL; tb = ((KaaTraceback *)kaa_obj(tb))->next) {
        KaaTraceback *t = (KaaTraceback *)kaa_obj(tb);
        KaaFrame *f = ((KaaFrameObject *)kaa_obj(t->frame))->frame;
        print_frame_line(out, f->code->filename, kaa_traceback_lineno(t), f->code->name);
    }
}

// The class name as CPython prints it: module-qualified unless builtins or __main__.
static KaaValue qualified_name(KaaType *t) {
    KaaValue qual = t->qualname != KAA_NULL ? t->qualname : kaa_type_name(t);
    KaaValue mod = kaa_dict_get_str(t->dict, KAA_ID(__module__));
    if (mod != KAA_NULL && kaa_is_str(mod) && !kaa_str_eq_cstr(mod, "builtins") &&
        !kaa_str_eq_cstr(mod, "__main__")) {
        return kaa_str_printf("%S.%S", mod, qual);
    }
    return qual;
}

static void print_syntax_error_location(FILE *out, KaaValue exc) {
    KaaValue file = kaa_exc_attr(exc, "filename"), line = kaa_exc_attr(exc, "lineno");
    KaaValue text = kaa_exc_attr(exc, "text"), offset = kaa_exc_attr(exc, "offset");
    KaaValue end_offset = kaa_exc_attr(exc, "end_offset");
    if (file == KAA_NULL || !kaa_is_str(file)) {
        return;
    }
    fprintf(out, "  File \"%s\", line %s\n", kaa_str_utf8_sp(file, NULL),
            line != KAA_NULL && kaa_is_int(line) ? kaa_str_utf8(kaa_repr(line), NULL) : "?");
    if (text == KAA_NULL || !kaa_is_str(text)) {
        return;
    }
    // The line without leading whitespace; the caret offsets shift with it.
    KaaStr *t = kaa_str(text);
    size_t start = 0, end = t->len;
    while (start < end && (kaa_str_char(t, start) == ' ' || kaa_str_char(t, start) == '\t' ||
                           kaa_str_char(t, start) == '\f')) {
        start++;
    }
    while (end > start && (kaa_str_char(t, end - 1) == '\n' || kaa_str_char(t, end - 1) == '\r')) {
        end--;
    }
    KaaValue stripped = kaa_str_substr(text, start, end);
    fprintf(out, "    %s\n", kaa_str_utf8_sp(stripped, NULL));
    if (offset == KAA_NULL || !kaa_is_int(offset)) {
        return;
    }
    int64_t col = kaa_int_val(offset) - 1 - (int64_t)start;
    int64_t end_col = end_offset != KAA_NULL && kaa_is_int(end_offset)
                          ? kaa_int_val(end_offset) - 1 - (int64_t)start
                          : col + 1;
    int64_t width = (int64_t)(end - start);
    if (col < 0) {
        col = 0;
    }
    if (col > width) {
        col = width;
    }
    if (end_col <= col) {
        end_col = col + 1;
    }
    if (end_col > width + 1) {
        end_col = width + 1;
    }
    fputs("    ", out);
    for (int64_t i = 0; i < col; i++) {
        fputc(' ', out);
    }
    for (int64_t i = col; i < end_col; i++) {
        fputc('^', out);
    }
    fputc('\n', out);
}

static void print_final_line(FILE *out, KaaValue exc) {
    KaaValue name = qualified_name(kaa_type_of(exc));
    KaaValue msg = KAA_NULL;
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        msg = kaa_is_exception(exc) && kaa_exc_matches(exc, kaa_SyntaxError)
                  ? kaa_exc_attr(exc, "msg")
                  : KAA_NULL;
        msg = msg != KAA_NULL && msg != kaa_None ? kaa_to_str(msg) : kaa_to_str(exc);
        kaa_handler_pop(&h);
    } else {
        msg = kaa_str_from_cstr("<exception str() failed>");
    }
    KaaValue suggestion = kaa_suggest_for(exc);
    if (suggestion != KAA_NULL) {
        msg = kaa_str_printf("%S. Did you mean: '%S'?", msg, suggestion);
    }
    if (kaa_str(msg)->len == 0) {
        fprintf(out, "%s\n", kaa_str_utf8_sp(name, NULL));
    } else {
        fprintf(out, "%s: %s\n", kaa_str_utf8_sp(name, NULL), kaa_str_utf8_sp(msg, NULL));
    }
    KaaValue notes = kaa_exc_attr(exc, "__notes__");
    if (notes != KAA_NULL && kaa_is_list(notes)) {
        KaaList *l = kaa_list(notes);
        for (int64_t i = 0; i < l->len; i++) {
            KaaValue n = kaa_is_str(l->items[i]) ? l->items[i] : kaa_repr(l->items[i]);
            fprintf(out, "%s\n", kaa_str_utf8_sp(n, NULL));
        }
    }
}

static void print_one(FILE *out, KaaValue exc, KaaList *seen, int depth) {
    kaa_list_append(seen, exc);
    KaaException *e = kaa_exc(exc);
    bool listed = false;
    if (depth < 100) {
        KaaValue chained = e->cause != KAA_NULL ? e->cause
                           : (!e->suppress_context ? e->context : KAA_NULL);
        for (int64_t i = 0; chained != KAA_NULL && i < seen->len; i++) {
            listed |= seen->items[i] == chained;
        }
        if (chained != KAA_NULL && !listed && kaa_is_exception(chained)) {
            print_one(out, chained, seen, depth + 1);
            fputs(e->cause != KAA_NULL
                      ? "\nThe above exception was the direct cause of the following "
                        "exception:\n\n"
                      : "\nDuring handling of the above exception, another exception "
                        "occurred:\n\n",
                  out);
        }
    }
    if (e->traceback != KAA_NULL) {
        print_traceback(out, e->traceback);
    }
    if (kaa_exc_matches(exc, kaa_SyntaxError)) {
        print_syntax_error_location(out, exc);
    }
    print_final_line(out, exc);
}

static void flush_stdout(void) {
    KaaValue out = kaa_sys_get("stdout");
    if (out == KAA_NULL || out == kaa_None) {
        return;
    }
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue flush = kaa_getattr_opt(out, KAA_ID(flush));
        if (flush != KAA_NULL) {
            kaa_call0(flush);
        }
        kaa_handler_pop(&h);
    }
}

void kaa_print_exception(KaaValue exc) {
    flush_stdout();
    if (!kaa_is_exception(exc)) {
        fprintf(stderr, "TypeError: print_exception(): Exception expected for value, %s found\n",
                kaa_type_name_of(exc));
        return;
    }
    print_one(stderr, exc, kaa_list_new(0), 0);
    fflush(stderr);
}

int kaa_handle_uncaught(KaaValue exc) {
    if (kaa_is_exception(exc) && kaa_exc_matches(exc, kaa_SystemExit)) {
        KaaValue code = kaa_exc_attr(exc, "code");
        flush_stdout();
        if (code == KAA_NULL || code == kaa_None) {
            return 0;
        }
        if (kaa_is_int_like(code)) {  // bools too: sys.exit(True) is status 1
            int64_t status;
            return kaa_int_to_i64(code, &status) ? (int)status : -1;
        }
        KaaValue text = kaa_to_str(code);
        fprintf(stderr, "%s\n", kaa_str_utf8_sp(text, NULL));
        return 1;
    }
    kaa_print_exception(exc);
    if (kaa_is_exception(exc) && kaa_exc_matches(exc, kaa_KeyboardInterrupt)) {
        return KAA_EXIT_SIGINT;
    }
    return 1;
}
