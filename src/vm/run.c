// vm/run.c — running code objects from C, and the builtins that need the interpreter:
// exec, eval, compile, globals, locals, vars, dir, super() without arguments, __build_class__
// and __import__.
//
// Stage: vm. Module and class bodies run in frames whose locals are a mapping (LOAD_NAME);
// function frames never have one.
#include <string.h>

#include "compile/compile.h"
#include "modules/modules.h"
#include "runtime/import.h"
#include "vm/ops.h"

KaaValue kaa_builtins_module;
KaaDict *kaa_builtins_dict;

static KaaDict *builtins_of(KaaDict *globals) {
    KaaValue b = kaa_dict_get_str(globals, KAA_ID(__builtins__));
    if (b == KAA_NULL) {
        kaa_dict_set(globals, KAA_ID(__builtins__), kaa_builtins_module);
        return kaa_builtins_dict;
    }
    if (kaa_is_type(b, &kaa_module_type)) {
        return ((KaaModule *)kaa_obj(b))->dict;
    }
    if (kaa_is_dict(b)) {
        return kaa_dict(b);
    }
    return kaa_builtins_dict;
}

KaaValue kaa_eval_code(KaaCode *code, KaaDict *globals, KaaValue locals) {
    KaaDict *builtins = builtins_of(globals);
    KaaValue loc = locals == KAA_NULL ? kaa_from_obj(globals) : locals;
    if (code->flags & CO_NEWLOCALS) {
        loc = KAA_NULL;  // a function's code run by exec: fast locals only
    }
    KaaFrame *f = kaa_frame_push(code, NULL, globals, builtins, loc);
    return kaa_eval(f, KAA_NULL, NULL);
}

// ---- __build_class__ ------------------------------------------------------------------------------

static KaaTuple *resolve_bases(KaaTuple *bases) {
    KaaList *out = NULL;
    for (int64_t i = 0; i < bases->len; i++) {
        KaaValue b = bases->items[i];
        if (kaa_is_obj(b) && kaa_type_has(kaa_type_of(b), KAA_TPFLAG_TYPE_SUBCLASS)) {
            if (out) {
                kaa_list_append(out, b);
            }
            continue;
        }
        KaaValue meth = kaa_getattr_opt(b, KAA_ID(__mro_entries__));
        if (meth == KAA_NULL) {
            if (out) {
                kaa_list_append(out, b);
            }
            continue;
        }
        KaaValue entries = kaa_call1(meth, kaa_from_obj(bases));
        if (!kaa_is_tuple(entries)) {
            kaa_raise_type_error("__mro_entries__ must return a tuple");
        }
        if (out == NULL) {
            out = kaa_list_from_array(bases->items, (size_t)i);
        }
        kaa_list_extend(out, entries);
    }
    return out ? kaa_tuple_from_array(out->items, (size_t)out->len) : bases;
}

static KaaValue run_class_body(KaaFunction *fn, KaaValue ns) {
    KaaCode *co = fn->code;
    KaaFrame *f = kaa_frame_push(co, fn, fn->globals, fn->builtins, ns);
    if (fn->closure != NULL) {
        memcpy(f->localsplus + co->nlocalsplus - co->nfreevars, fn->closure->items,
               (size_t)co->nfreevars * sizeof(KaaValue));
    }
    return kaa_eval(f, KAA_NULL, NULL);
}

KaaValue kaa_builtin_build_class(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs < 2) {
        kaa_raise_type_error("__build_class__: not enough arguments");
    }
    if (!kaa_is_type(args[0], &kaa_function_type)) {
        kaa_raise_type_error("__build_class__: func must be a function");
    }
    if (!kaa_is_str(args[1])) {
        kaa_raise_type_error("__build_class__: name is not a string");
    }
    KaaValue name = args[1];
    KaaTuple *orig_bases = kaa_tuple_from_array(args + 2, nargs - 2);
    KaaTuple *bases = resolve_bases(orig_bases);
    // Split the keywords: metaclass= is ours, the rest go to __prepare__, the metaclass and
    // __init_subclass__.
    KaaValue meta = KAA_NULL;
    KaaList *knames = kaa_list_new(0), *kvalues = kaa_list_new(0);
    for (int64_t i = 0; kw && i < kw->len; i++) {
        if (kaa_str_eq_cstr(kw->items[i], "metaclass")) {
            meta = args[nargs + (size_t)i];
        } else {
            kaa_list_append(knames, kw->items[i]);
            kaa_list_append(kvalues, args[nargs + (size_t)i]);
        }
    }
    KaaTuple *kwnames = knames->len ? kaa_tuple_from_array(knames->items, (size_t)knames->len)
                                    : NULL;
    bool meta_is_type = false;
    if (meta == KAA_NULL) {
        meta = bases->len ? kaa_from_obj(kaa_type_of(bases->items[0]))
                          : kaa_from_obj(&kaa_type_type);
        meta_is_type = true;
    } else {
        meta_is_type = kaa_is_obj(meta) && kaa_type_has(kaa_type_of(meta),
                                                       KAA_TPFLAG_TYPE_SUBCLASS);
    }
    if (meta_is_type) {
        meta = kaa_from_obj(kaa_type_calculate_meta((KaaType *)kaa_obj(meta), bases));
    }
    KaaValue ns;
    KaaValue prepare = kaa_getattr_opt(meta, KAA_ID(__prepare__));
    if (prepare != KAA_NULL) {
        KaaValue pargs[16];
        size_t nk = (size_t)knames->len;
        KaaValue *pa = 2 + nk <= 16 ? pargs : kaa_alloc((2 + nk) * sizeof(KaaValue));
        pa[0] = name;
        pa[1] = kaa_from_obj(bases);
        if (nk > 0) {  // memcpy from NULL is undefined even for 0 bytes
            memcpy(pa + 2, kvalues->items, nk * sizeof(KaaValue));
        }
        ns = kaa_call(prepare, pa, 2, kwnames);
        if (kaa_type_of(ns)->getitem == NULL) {
            kaa_raise_type_error("%s.__prepare__() must return a mapping, not %s",
                                 meta_is_type ? ((KaaType *)kaa_obj(meta))->name : "<metaclass>",
                                 kaa_type_name_of(ns));
        }
    } else {
        ns = kaa_from_obj(kaa_dict_new());
    }
    KaaValue cell = run_class_body((KaaFunction *)kaa_obj(args[0]), ns);
    if (bases != orig_bases) {
        kaa_setitem(ns, kaa_str_intern_cstr("__orig_bases__"), kaa_from_obj(orig_bases));
    }
    size_t nk = (size_t)knames->len;
    KaaValue *margs = kaa_alloc((3 + nk) * sizeof(KaaValue));
    margs[0] = name;
    margs[1] = kaa_from_obj(bases);
    margs[2] = ns;
    if (nk > 0) {  // memcpy from NULL is undefined even for 0 bytes
        memcpy(margs + 3, kvalues->items, nk * sizeof(KaaValue));
    }
    KaaValue cls = kaa_call(meta, margs, 3, kwnames);
    if (kaa_is_type(cell, &kaa_cell_type) && kaa_is_obj(cls) &&
        kaa_type_has(kaa_type_of(cls), KAA_TPFLAG_TYPE_SUBCLASS)) {
        KaaValue v = ((KaaCell *)kaa_obj(cell))->value;
        if (v != cls) {
            if (v == KAA_NULL) {
                kaa_raise_msg(kaa_RuntimeError,
                              "__class__ not set defining %R as %R. Was __classcell__ "
                              "propagated to type.__new__?", name, cls);
            }
            kaa_raise_type_error("__class__ set to %R defining %R as %R", v, name, cls);
        }
    }
    return cls;
}

// super() with no arguments: the first argument of the calling function and its __class__.
void kaa_super_from_frame(KaaType **type, KaaValue *obj) {
    KaaFrame *f = kaa_ts.frame;
    if (f == NULL) {
        kaa_raise_msg(kaa_RuntimeError, "super(): no current frame");
    }
    KaaCode *co = f->code;
    if (co->argcount == 0) {
        kaa_raise_msg(kaa_RuntimeError, "super(): no arguments");
    }
    const uint8_t *kinds = kaa_bytes(co->localspluskinds)->data;
    KaaValue first = f->localsplus[0];
    if (first != KAA_NULL && (kinds[0] & CO_FAST_CELL) && kaa_is_type(first, &kaa_cell_type) &&
        f->ip > co->instrs) {
        first = ((KaaCell *)kaa_obj(first))->value;
    }
    if (first == KAA_NULL) {
        kaa_raise_msg(kaa_RuntimeError, "super(): arg[0] deleted");
    }
    for (int32_t i = co->nlocalsplus - co->nfreevars; i < co->nlocalsplus; i++) {
        if (!kaa_str_eq(co->localsplusnames->items[i], KAA_ID(__class__))) {
            continue;
        }
        KaaValue cell = f->localsplus[i];
        KaaValue cls = cell != KAA_NULL ? ((KaaCell *)kaa_obj(cell))->value : KAA_NULL;
        if (cls == KAA_NULL) {
            kaa_raise_msg(kaa_RuntimeError, "super(): empty __class__ cell");
        }
        if (!kaa_is_obj(cls) || !kaa_type_has(kaa_type_of(cls), KAA_TPFLAG_TYPE_SUBCLASS)) {
            kaa_raise_msg(kaa_RuntimeError, "super(): __class__ is not a type (%s)",
                          kaa_type_name_of(cls));
        }
        *type = (KaaType *)kaa_obj(cls);
        *obj = first;
        return;
    }
    kaa_raise_msg(kaa_RuntimeError, "super(): __class__ cell not found");
}

// ---- exec, eval, compile ------------------------------------------------------------------------

static KaaCode *source_to_code(KaaValue source, const char *fname, int mode, const char *what) {
    if (kaa_is_type(source, &kaa_code_type)) {
        return (KaaCode *)kaa_obj(source);
    }
    const char *text;
    size_t len;
    int flags = 0;
    if (kaa_is_str(source)) {
        text = kaa_str_utf8(source, &len);
        flags = KAA_CF_SOURCE_IS_UTF8;
    } else if (!kaa_buffer_get(source, (const uint8_t **)&text, &len)) {
        kaa_raise_type_error("%s() arg 1 must be a string, bytes or code object", what);
    }
    if (memchr(text, 0, len) != NULL) {
        kaa_raise_msg(kaa_SyntaxError, "source code string cannot contain null bytes");
    }
    if (mode == KAA_PARSE_EVAL) {
        // eval() ignores leading spaces and tabs.
        while (len > 0 && (*text == ' ' || *text == '\t')) {
            text++;
            len--;
        }
    }
    return kaa_compile_source(text, len, kaa_str_from_cstr(fname), mode, flags, -1);
}

static void scope_args(const char *what, KaaValue *args, size_t nargs, KaaDict **globals,
                       KaaValue *locals) {
    KaaValue g = nargs > 1 ? args[1] : kaa_None;
    KaaValue l = nargs > 2 ? args[2] : kaa_None;
    if (g != kaa_None && !kaa_is_dict(g)) {
        kaa_raise_type_error(strcmp(what, "exec") == 0
                                 ? "exec() globals must be a dict, not %s"
                                 : "globals must be a dict", kaa_type_name_of(g));
    }
    if (l != kaa_None && kaa_type_of(l)->getitem == NULL) {
        kaa_raise_type_error("locals must be a mapping");
    }
    if (g == kaa_None) {
        KaaFrame *f = kaa_ts.frame;
        *globals = f ? f->globals : kaa_dict_new();
        if (l == kaa_None) {
            l = f ? kaa_frame_locals(f) : kaa_from_obj(*globals);
        }
    } else {
        *globals = kaa_dict(g);
        if (l == kaa_None) {
            l = g;
        }
    }
    *locals = l;
}

KaaValue kaa_builtin_exec(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("exec", kw);
    if (nargs < 1 || nargs > 3) {
        kaa_raise_type_error(nargs < 1 ? "exec() takes at least 1 positional argument (%zu given)"
                                       : "exec() takes at most 3 positional arguments (%zu given)",
                             nargs);
    }
    KaaDict *globals;
    KaaValue locals;
    scope_args("exec", args, nargs, &globals, &locals);
    KaaCode *code = source_to_code(args[0], "<string>", KAA_PARSE_EXEC, "exec");
    builtins_of(globals);
    kaa_eval_code(code, globals, locals);
    return kaa_None;
}

KaaValue kaa_builtin_eval(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("eval", kw);
    kaa_args_count("eval", nargs, 1, 3);
    KaaDict *globals;
    KaaValue locals;
    scope_args("eval", args, nargs, &globals, &locals);
    KaaCode *code = source_to_code(args[0], "<string>", KAA_PARSE_EVAL, "eval");
    builtins_of(globals);
    return kaa_eval_code(code, globals, locals);
}

KaaValue kaa_builtin_compile(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"source", "filename", "mode", "flags", "dont_inherit",
                                         "optimize", "*", "_feature_version", NULL};
    KaaValue a[7];
    kaa_args_bind("compile", args, nargs, kwnames, params, 0, 3, a);
    if (!kaa_is_str(a[2])) {
        kaa_raise_type_error("compile() argument 'mode' must be str, not %s",
                             kaa_argtype_name(a[2]));
    }
    int mode;
    if (kaa_str_eq_cstr(a[2], "exec")) {
        mode = KAA_PARSE_EXEC;
    } else if (kaa_str_eq_cstr(a[2], "eval")) {
        mode = KAA_PARSE_EVAL;
    } else if (kaa_str_eq_cstr(a[2], "single")) {
        mode = KAA_PARSE_SINGLE;
    } else {
        kaa_raise_value_error("compile() mode must be 'exec', 'eval' or 'single'");
    }
    int flags = a[3] ? (int)kaa_int_as_i64(a[3]) : 0;
    if (flags & KAA_CF_ONLY_AST) {
        kaa_raise_not_implemented("compile() to an AST (ast.PyCF_ONLY_AST)");
    }
    int optimize = a[5] ? (int)kaa_int_as_i64(a[5]) : -1;
    KaaValue filename = kaa_is_str(a[1]) ? a[1] : kaa_to_str(a[1]);
    const char *text;
    size_t len;
    if (kaa_is_str(a[0])) {
        text = kaa_str_utf8(a[0], &len);
        flags |= KAA_CF_SOURCE_IS_UTF8;
    } else if (!kaa_buffer_get(a[0], (const uint8_t **)&text, &len)) {
        kaa_raise_type_error("compile() arg 1 must be a string, bytes or AST object");
    }
    if (memchr(text, 0, len) != NULL) {
        kaa_raise_msg(kaa_SyntaxError, "source code string cannot contain null bytes");
    }
    return kaa_from_obj(kaa_compile_source(text, len, filename, mode, flags, optimize));
}

KaaValue kaa_builtin_globals(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("globals", nargs, 0, 0);
    KaaDict *g = kaa_current_globals();
    return g ? kaa_from_obj(g) : kaa_None;
}

KaaValue kaa_builtin_locals(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("locals", nargs, 0, 0);
    return kaa_ts.frame ? kaa_frame_locals(kaa_ts.frame) : kaa_None;
}

KaaValue kaa_builtin_vars(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("vars", nargs, 0, 1);
    if (nargs == 0) {
        return kaa_builtin_locals(self, NULL, 0, NULL);
    }
    KaaValue d = kaa_getattr_opt(args[0], KAA_ID(__dict__));
    if (d == KAA_NULL) {
        kaa_raise_type_error("vars() argument must have __dict__ attribute");
    }
    return d;
}

KaaValue kaa_builtin_dir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("dir", nargs, 0, 1);
    KaaValue names;
    if (nargs == 0) {
        names = kaa_list_from_iterable(kaa_builtin_locals(self, NULL, 0, NULL));
    } else {
        KaaValue meth = kaa_lookup_special(args[0], KAA_ID(__dir__));
        if (meth == KAA_NULL) {
            kaa_raise_type_error("object does not provide __dir__");
        }
        names = kaa_list_from_iterable(kaa_call0(meth));
    }
    kaa_list_sort(kaa_list(names), KAA_NULL, false);
    return names;
}

KaaValue kaa_builtin_import(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"name", "globals", "locals", "fromlist", "level", NULL};
    KaaValue a[5];
    kaa_args_bind("__import__", args, nargs, kwnames, params, 0, 1, a);
    KaaDict *globals = a[1] && kaa_is_dict(a[1]) ? kaa_dict(a[1]) : NULL;
    int level = a[4] ? (int)kaa_int_as_i64(a[4]) : 0;
    return kaa_import(a[0], globals, a[3] ? a[3] : kaa_None, level);
}

void kaa_vm_init(void) {
    kaa_builtins_module = kaa_builtins_init();
    kaa_builtins_dict = ((KaaModule *)kaa_obj(kaa_builtins_module))->dict;
}
