// modules/warnings.c — the _warnings module: warn, warn_explicit and the filter state
// (filters, _defaultaction, _onceregistry, _filters_mutated) that warnings.py shares.
//
// Stage: modules. With this module, `import warnings` does not run the pure-Python set-up
// (which imports re); the default filters are built here, as in CPython. The filter list,
// the default action, the once-registry, _showwarnmsg and WarningMessage are read from the
// `warnings` module when it is imported (catch_warnings replaces warnings.filters), falling
// back to this module's own state. The algorithm and messages are CPython's.
// kaa_warnings_warn lets C code issue warnings (DeprecationWarning from the core, ...).
#include <stdio.h>

#include "modules/coremods.h"
#include "runtime/import.h"
#include "vm/vm.h"

static KaaValue filters, once_registry, default_action;
static int64_t filters_version;

static void state_init(void) {
    if (filters != KAA_NULL) {
        return;
    }
    KaaList *l = kaa_list_new(0);
    KaaValue ignore = kaa_str_intern_cstr("ignore"), dflt = kaa_str_intern_cstr("default");
    KaaValue zero = kaa_from_small(0);
    kaa_list_append(l, kaa_from_obj(kaa_tuple_pack(5, dflt, kaa_None,
                                                   kaa_from_obj(kaa_DeprecationWarning),
                                                   kaa_str_from_cstr("__main__"), zero)));
    KaaType *ignored[] = {kaa_DeprecationWarning, kaa_PendingDeprecationWarning,
                          kaa_ImportWarning, kaa_ResourceWarning};
    for (size_t i = 0; i < 4; i++) {
        kaa_list_append(l, kaa_from_obj(kaa_tuple_pack(5, ignore, kaa_None,
                                                       kaa_from_obj(ignored[i]), kaa_None,
                                                       zero)));
    }
    filters = kaa_from_obj(l);
    once_registry = kaa_from_obj(kaa_dict_new());
    default_action = dflt;
}

// warnings.<name> when the warnings module is imported, else KAA_NULL.
static KaaValue warnings_attr(const char *name) {
    KaaValue mod = kaa_dict_get_cstr(kaa_import_modules(), "warnings");
    if (mod == KAA_NULL || !kaa_is_type(mod, &kaa_module_type)) {
        return KAA_NULL;
    }
    return kaa_dict_get_cstr(((KaaModule *)kaa_obj(mod))->dict, name);
}

// ---- filters ----------------------------------------------------------------------------------

static bool check_matched(KaaValue pattern, KaaValue arg) {
    if (pattern == kaa_None) {
        return true;
    }
    if (kaa_is_type(pattern, &kaa_str_type)) {
        return kaa_str_eq(pattern, arg);
    }
    return kaa_truthy(kaa_call_method(pattern, kaa_str_intern_cstr("match"), &arg, 1));
}

static KaaValue get_filters(void) {
    KaaValue f = warnings_attr("filters");
    f = f != KAA_NULL ? f : filters;
    if (!kaa_is_list(f)) {
        kaa_raise_value_error("warnings.filters must be a list");
    }
    return f;
}

// The action the first matching filter gives; *item receives that filter (or None).
static KaaValue get_filter(KaaValue category, KaaValue text, int64_t lineno, KaaValue module,
                           KaaValue *item) {
    KaaList *l = kaa_list(get_filters());
    for (int64_t i = 0; i < l->len; i++) {
        KaaValue f = l->items[i];
        if (!kaa_is_tuple(f) || kaa_tuple(f)->len != 5) {
            kaa_raise_value_error("warnings.filters item %lld isn't a 5-tuple", (long long)i);
        }
        KaaValue *p = kaa_tuple(f)->items;
        if (!kaa_is_str(p[0])) {
            kaa_raise_type_error("action must be a string, not '%s'", kaa_type_name_of(p[0]));
        }
        if (check_matched(p[1], text) && check_matched(p[3], module) &&
            kaa_issubclass(category, p[2])) {
            int64_t ln = kaa_int_as_i64(p[4]);
            if (ln == 0 || ln == lineno) {
                *item = f;
                return p[0];
            }
        }
    }
    *item = kaa_None;
    KaaValue action = warnings_attr("defaultaction");
    action = action != KAA_NULL ? action : default_action;
    if (!kaa_is_str(action)) {
        kaa_raise_type_error("warnings.defaultaction must be a string, not '%s'",
                             kaa_type_name_of(action));
    }
    return action;
}

// True when registry[key] says this was shown; resets a registry of older filters first.
static bool already_warned(KaaValue registry, KaaValue key, bool should_set) {
    KaaDict *r = kaa_dict(registry);
    KaaValue version = kaa_dict_get_cstr(r, "version");
    if (version == KAA_NULL || !kaa_is_int(version) || kaa_int_val(version) != filters_version) {
        kaa_dict_clear(r);
        kaa_dict_set_cstr(r, "version", kaa_int_from_i64(filters_version));
    } else {
        KaaValue already = kaa_dict_get(r, key);
        if (already != KAA_NULL && kaa_truthy(already)) {
            return true;
        }
    }
    if (should_set) {
        kaa_dict_set(r, key, kaa_True);
    }
    return false;
}

// ---- showing ------------------------------------------------------------------------------------

// Line `lineno` of file `filename`, stripped, or KAA_NULL.
static KaaValue source_line(KaaValue filename, int64_t lineno) {
    FILE *f = fopen(kaa_str_utf8_sp(filename, NULL), "rb");
    if (f == NULL) {
        return KAA_NULL;
    }
    char buf[4096];
    int64_t n = 0;
    KaaValue line = KAA_NULL;
    while (fgets(buf, sizeof buf, f) != NULL) {
        if (++n == lineno) {
            line = kaa_str_from_utf8_sp(buf, strlen(buf));
            break;
        }
    }
    fclose(f);
    if (line == KAA_NULL) {
        return KAA_NULL;
    }
    return kaa_call_method(line, kaa_str_intern_cstr("strip"), NULL, 0);
}

// The C fallback: "file:line: Category: text" and the source line, on sys.stderr.
static void show_warning(KaaValue filename, int64_t lineno, KaaValue text, KaaValue category) {
    KaaValue err = kaa_sys_get("stderr");
    KaaValue name = kaa_getattr(category, KAA_ID(__name__));
    KaaValue msg = kaa_str_printf("%S:%lld: %S: %S\n", filename, (long long)lineno, name, text);
    if (err == KAA_NULL || err == kaa_None) {
        fprintf(stderr, "lost sys.stderr\n");
        return;
    }
    kaa_file_write_str(err, msg);
    KaaValue line = source_line(filename, lineno);
    if (line != KAA_NULL && kaa_str(line)->len > 0) {
        kaa_file_write_str(err, kaa_str_printf("  %S\n", line));
    }
}

static void call_show(KaaValue category, KaaValue text, KaaValue message, KaaValue filename,
                      int64_t lineno, KaaValue source) {
    KaaValue show = warnings_attr("_showwarnmsg");
    if (show == KAA_NULL) {
        show_warning(filename, lineno, text, category);
        return;
    }
    if (!kaa_callable(show)) {
        kaa_raise_type_error("warnings._showwarnmsg() must be set to a callable");
    }
    KaaValue cls = warnings_attr("WarningMessage");
    if (cls == KAA_NULL) {
        kaa_raise_msg(kaa_RuntimeError, "unable to get warnings.WarningMessage");
    }
    KaaValue args[7] = {message, category, filename, kaa_int_from_i64(lineno), kaa_None,
                        kaa_None, source ? source : kaa_None};
    kaa_call1(show, kaa_call(cls, args, 7, NULL));
}

// ---- warn_explicit and warn ---------------------------------------------------------------------

// "spam.py" -> "spam"; "" -> "<unknown>".
static KaaValue module_from_filename(KaaValue filename) {
    KaaStr *s = kaa_str(filename);
    if (s->len == 0) {
        return kaa_str_from_cstr("<unknown>");
    }
    if (s->len >= 3 && kaa_str_char(s, s->len - 3) == '.' && kaa_str_char(s, s->len - 2) == 'p' &&
        kaa_str_char(s, s->len - 1) == 'y') {
        return kaa_str_substr(filename, 0, s->len - 3);
    }
    return filename;
}

static KaaValue warn_explicit(KaaValue category, KaaValue message, KaaValue filename,
                              int64_t lineno, KaaValue module, KaaValue registry,
                              KaaValue source) {
    state_init();
    if (registry != KAA_NULL && registry != kaa_None && !kaa_is_dict(registry)) {
        kaa_raise_type_error("'registry' must be a dict or None");
    }
    if (registry == kaa_None) {
        registry = KAA_NULL;
    }
    if (module == KAA_NULL || module == kaa_None) {
        module = module_from_filename(filename);
    }
    KaaValue text = message;
    if (kaa_isinstance(message, kaa_from_obj(kaa_Warning))) {
        text = kaa_to_str(message);
        category = kaa_from_obj(kaa_type_of(message));
    } else {
        message = kaa_call1(category, message);
    }
    KaaValue lineno_v = kaa_int_from_i64(lineno);
    KaaValue key = kaa_from_obj(kaa_tuple_pack(3, text, category, lineno_v));
    if (registry != KAA_NULL && already_warned(registry, key, false)) {
        return kaa_None;
    }
    KaaValue item;
    KaaValue action = get_filter(category, text, lineno, module, &item);
    if (kaa_str_eq_cstr(action, "error")) {
        kaa_raise(message);
    }
    if (kaa_str_eq_cstr(action, "ignore")) {
        return kaa_None;
    }
    if (!kaa_str_eq_cstr(action, "always")) {
        if (registry != KAA_NULL) {
            kaa_dict_set(kaa_dict(registry), key, kaa_True);
        }
        bool warned = false;
        if (kaa_str_eq_cstr(action, "once")) {
            KaaValue reg = registry;
            if (reg == KAA_NULL) {
                KaaValue o = warnings_attr("onceregistry");
                reg = o != KAA_NULL && kaa_is_dict(o) ? o : once_registry;
            }
            warned = already_warned(reg, kaa_from_obj(kaa_tuple_pack(2, text, category)), true);
        } else if (kaa_str_eq_cstr(action, "module")) {
            if (registry != KAA_NULL) {
                KaaValue altkey = kaa_from_obj(kaa_tuple_pack(3, text, category,
                                                              kaa_from_small(0)));
                warned = already_warned(registry, altkey, true);
            }
        } else if (!kaa_str_eq_cstr(action, "default")) {
            kaa_raise_msg(kaa_RuntimeError, "Unrecognized action (%R) in warnings.filters:\n %R",
                          action, item);
        }
        if (warned) {
            return kaa_None;
        }
    }
    call_show(category, text, message, filename, lineno, source);
    return kaa_None;
}

static KaaValue warning_category(KaaValue message, KaaValue category) {
    if (kaa_isinstance(message, kaa_from_obj(kaa_Warning))) {
        return kaa_from_obj(kaa_type_of(message));
    }
    if (category == KAA_NULL || category == kaa_None) {
        return kaa_from_obj(kaa_UserWarning);
    }
    if (!kaa_is_obj(category) || !kaa_type_has(kaa_type_of(category), KAA_TPFLAG_TYPE_SUBCLASS) ||
        !kaa_issubclass(category, kaa_from_obj(kaa_Warning))) {
        kaa_raise_type_error("category must be a Warning subclass, not '%s'",
                             kaa_type_name_of(category));
    }
    return category;
}

// The frame `stacklevel` levels up: its file, line, module name and __warningregistry__.
static KaaValue warn_at(KaaValue message, KaaValue category, int64_t stacklevel,
                        KaaValue source) {
    KaaFrame *f = kaa_ts.frame;
    while (f != NULL && --stacklevel > 0) {
        f = f->previous;
    }
    KaaValue filename, module;
    int64_t lineno;
    KaaDict *globals;
    if (f == NULL) {
        KaaValue sys = kaa_dict_get_cstr(kaa_import_modules(), "sys");
        globals = ((KaaModule *)kaa_obj(sys))->dict;
        filename = kaa_str_from_cstr("sys");
        lineno = 1;
    } else {
        globals = f->globals;
        filename = f->code->filename;
        lineno = kaa_frame_lineno(f);
    }
    KaaValue key = kaa_str_intern_cstr("__warningregistry__");
    KaaValue registry = kaa_dict_get(globals, key);
    if (registry == KAA_NULL || registry == kaa_None) {
        registry = kaa_from_obj(kaa_dict_new());
        kaa_dict_set(globals, key, registry);
    }
    module = kaa_dict_get(globals, KAA_ID(__name__));
    if (module == KAA_NULL || !kaa_is_str(module)) {
        module = kaa_str_from_cstr("<string>");
    }
    return warn_explicit(category, message, filename, lineno, module, registry, source);
}

static KaaValue warnings_warn(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"message", "category", "stacklevel", "source", NULL};
    KaaValue a[4];
    kaa_args_bind("warn", args, nargs, kwnames, params, 0, 1, a);
    KaaValue category = warning_category(a[0], a[1]);
    int64_t level = a[2] != KAA_NULL ? cm_ssize(a[2]) : 1;
    return warn_at(a[0], category, level, a[3] == kaa_None ? KAA_NULL : a[3]);
}

static KaaValue warnings_warn_explicit(KaaValue self, KaaValue *args, size_t nargs,
                                       KaaTuple *kwnames) {
    static const char *const params[] = {"message", "category", "filename", "lineno",
                                         "module", "registry", "module_globals", "source",
                                         NULL};
    KaaValue a[8];
    kaa_args_bind("warn_explicit", args, nargs, kwnames, params, 0, 4, a);
    if (!kaa_is_str(a[2])) {
        kaa_raise_type_error("warn_explicit() argument 3 must be str, not %s",
                             kaa_argtype_name(a[2]));
    }
    int64_t lineno = cm_ssize(a[3]);
    return warn_explicit(a[1], a[0], a[2], lineno, a[4], a[5],
                         a[7] == kaa_None ? KAA_NULL : a[7]);
}

static KaaValue warnings_filters_mutated(KaaValue self, KaaValue *args, size_t nargs,
                                         KaaTuple *kw) {
    kaa_args_count("_filters_mutated", nargs, 0, 0);
    filters_version++;
    return kaa_None;
}

void kaa_warnings_warn(KaaType *category, const char *msg, int stacklevel) {
    state_init();
    warn_at(kaa_str_from_cstr(msg), kaa_from_obj(category), stacklevel, KAA_NULL);
}

static const KaaMethodDef warnings_methods[] = {
    {"warn", warnings_warn, 0, "Issue a warning, or maybe ignore it or raise an exception."},
    {"warn_explicit", warnings_warn_explicit, 0, "Low-level interface to warnings "
                                                 "functionality."},
    {"_filters_mutated", warnings_filters_mutated, 0, NULL},
    {NULL},
};

KaaValue kaa_warnings_init(void) {
    state_init();
    KaaValue m = kaa_module_new_cstr("_warnings");
    kaa_module_add_methods(m, warnings_methods);
    kaa_module_add(m, "filters", filters);
    kaa_module_add(m, "_defaultaction", default_action);
    kaa_module_add(m, "_onceregistry", once_registry);
    return m;
}
