// vm/call.c — calling Python functions: binding arguments to parameters, and entering a
// function from C.
//
// Stage: vm. kaa_bind_args implements Python's argument rules (positional, keyword, defaults,
// *args, **kwargs, positional-only, keyword-only) with CPython's error messages; the eval
// loop uses it for Python-to-Python calls without leaving the loop.
#include <string.h>

#include "vm/vm.h"

static KAA_NORETURN void too_many_positional(KaaFunction *f, size_t given, size_t kw_given) {
    KaaCode *co = f->code;
    size_t ndefaults = f->defaults ? (size_t)f->defaults->len : 0;
    size_t argc = (size_t)co->argcount;
    KaaValue takes;
    if (ndefaults > 0 && ndefaults <= argc) {
        takes = kaa_str_printf("from %zu to %zu positional arguments", argc - ndefaults, argc);
    } else {
        takes = kaa_str_printf("%zu positional argument%s", argc, argc == 1 ? "" : "s");
    }
    KaaValue were;
    if (kw_given > 0) {
        were = kaa_str_printf("%zu positional argument%s (and %zu keyword-only argument%s) were",
                              given, given == 1 ? "" : "s", kw_given, kw_given == 1 ? "" : "s");
    } else {
        were = kaa_str_printf("%zu %s", given, given == 1 ? "was" : "were");
    }
    kaa_raise_type_error("%S() takes %S but %S given", f->qualname, takes, were);
}

static KAA_NORETURN void missing(KaaFunction *f, KaaList *names, const char *kind) {
    int64_t n = names->len;
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    for (int64_t i = 0; i < n; i++) {
        if (i > 0) {
            kaa_strbuf_puts(&b, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
        }
        kaa_strbuf_putstr(&b, kaa_repr(names->items[i]));
    }
    kaa_raise_type_error("%S() missing %lld required %s argument%s: %S", f->qualname,
                         (long long)n, kind, n == 1 ? "" : "s", kaa_strbuf_finish(&b));
}

// The parameter slot named `name` among [first, last), or -1.
static int find_param(KaaCode *co, KaaValue name, int first, int last) {
    KaaValue *names = co->localsplusnames->items;
    for (int i = first; i < last; i++) {
        if (names[i] == name) {
            return i;
        }
    }
    for (int i = first; i < last; i++) {
        if (kaa_str_eq(names[i], name)) {
            return i;
        }
    }
    return -1;
}

static void bind_keywords(KaaFunction *f, KaaValue *locals, KaaValue *kwvalues,
                          KaaTuple *kwnames, KaaDict *kwdict) {
    KaaCode *co = f->code;
    int nparams = co->argcount + co->kwonlyargcount;
    KaaList *posonly_as_kw = NULL;
    for (int64_t k = 0; k < kwnames->len; k++) {
        KaaValue name = kwnames->items[k];
        int slot = find_param(co, name, co->posonlyargcount, nparams);
        if (slot >= 0) {
            if (locals[slot] != KAA_NULL) {
                kaa_raise_type_error("%S() got multiple values for argument '%S'", f->qualname,
                                     name);
            }
            locals[slot] = kwvalues[k];
            continue;
        }
        if (kwdict != NULL) {
            kaa_dict_set(kwdict, name, kwvalues[k]);
            continue;
        }
        if (find_param(co, name, 0, co->posonlyargcount) >= 0) {
            if (posonly_as_kw == NULL) {
                posonly_as_kw = kaa_list_new(0);
            }
            kaa_list_append(posonly_as_kw, name);
            continue;
        }
        kaa_raise_type_error("%S() got an unexpected keyword argument '%S'", f->qualname, name);
    }
    if (posonly_as_kw != NULL) {
        KaaValue joined = kaa_str_join(kaa_str_from_cstr(", "), kaa_from_obj(posonly_as_kw));
        kaa_raise_type_error("%S() got some positional-only arguments passed as keyword "
                             "arguments: '%S'", f->qualname, joined);
    }
}

static void fill_defaults(KaaFunction *f, KaaValue *locals, size_t nargs) {
    KaaCode *co = f->code;
    size_t argc = (size_t)co->argcount;
    size_t ndefaults = f->defaults ? (size_t)f->defaults->len : 0;
    size_t first_default = argc - ndefaults;
    KaaList *absent = NULL;
    for (size_t i = nargs; i < argc; i++) {
        if (locals[i] != KAA_NULL) {
            continue;
        }
        if (i >= first_default) {
            locals[i] = f->defaults->items[i - first_default];
            continue;
        }
        if (absent == NULL) {
            absent = kaa_list_new(0);
        }
        kaa_list_append(absent, co->localsplusnames->items[i]);
    }
    if (absent != NULL) {
        missing(f, absent, "positional");
    }
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++) {
        if (locals[i] != KAA_NULL) {
            continue;
        }
        KaaValue name = co->localsplusnames->items[i];
        KaaValue v = f->kwdefaults ? kaa_dict_get_str(f->kwdefaults, name) : KAA_NULL;
        if (v != KAA_NULL) {
            locals[i] = v;
            continue;
        }
        if (absent == NULL) {
            absent = kaa_list_new(0);
        }
        kaa_list_append(absent, name);
    }
    if (absent != NULL) {
        missing(f, absent, "keyword-only");
    }
}

static size_t count_kwonly_given(KaaFunction *f, KaaValue *locals) {
    size_t n = 0;
    KaaCode *co = f->code;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++) {
        n += locals[i] != KAA_NULL;
    }
    return n;
}

void kaa_bind_args(KaaFunction *f, KaaValue *locals, KaaValue *args, size_t nargs,
                   KaaTuple *kwnames) {
    KaaCode *co = f->code;
    size_t argc = (size_t)co->argcount;
    int flags = co->flags;
    if (KAA_LIKELY(nargs == argc && kwnames == NULL &&
                   (flags & (CO_VARARGS | CO_VARKEYWORDS)) == 0 && co->kwonlyargcount == 0)) {
        for (size_t i = 0; i < nargs; i++) {  // (args may be NULL when nargs is 0)
            locals[i] = args[i];
        }
        return;
    }
    size_t n = nargs < argc ? nargs : argc;
    for (size_t i = 0; i < n; i++) {
        locals[i] = args[i];
    }
    int extra = co->argcount + co->kwonlyargcount;
    KaaDict *kwdict = NULL;
    if (flags & CO_VARARGS) {
        locals[extra] = kaa_from_obj(nargs > argc ? kaa_tuple_from_array(args + argc, nargs - argc)
                                                  : kaa_empty_tuple);
        extra++;
    }
    if (flags & CO_VARKEYWORDS) {
        kwdict = kaa_dict_new();
        locals[extra] = kaa_from_obj(kwdict);
    }
    if (kwnames != NULL) {
        bind_keywords(f, locals, args + nargs, kwnames, kwdict);
    }
    if (nargs > argc && (flags & CO_VARARGS) == 0) {
        too_many_positional(f, nargs, count_kwonly_given(f, locals));
    }
    fill_defaults(f, locals, n);
}

static bool is_generator_code(KaaCode *co) {
    return (co->flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
}

// Calls a Python function from C: a new eval-loop entry on this C stack.
KaaValue kaa_function_call(KaaValue callable, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaFunction *f = (KaaFunction *)kaa_obj(callable);
    KaaCode *co = f->code;
    if (is_generator_code(co)) {
        KaaFrame *frame = kaa_frame_new_heap(co, f, f->globals, f->builtins, KAA_NULL);
        kaa_bind_args(f, frame->localsplus, args, nargs, kwnames);
        if (f->closure != NULL) {
            memcpy(frame->localsplus + co->nlocalsplus - co->nfreevars, f->closure->items,
                   (size_t)co->nfreevars * sizeof(KaaValue));
        }
        return kaa_gen_new(frame, f);
    }
    KaaFrame *frame = kaa_frame_push(co, f, f->globals, f->builtins, KAA_NULL);
    kaa_bind_args(f, frame->localsplus, args, nargs, kwnames);
    if (f->closure != NULL) {
        memcpy(frame->localsplus + co->nlocalsplus - co->nfreevars, f->closure->items,
               (size_t)co->nfreevars * sizeof(KaaValue));
    }
    return kaa_eval(frame, KAA_NULL, NULL);
}
