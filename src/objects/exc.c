// objects/exc.c — BaseException and the built-in exception hierarchy, and tracebacks.
//
// Stage: objects. The classes of exceptions.def are built at start-up from one table; each
// instance keeps args, __traceback__, __cause__, __context__ in its struct and any other
// attribute (StopIteration.value, OSError.errno, SyntaxError.lineno, ...) in its __dict__.
// Printing uncaught exceptions belongs to the VM (vm/traceback.c).
#include <string.h>

#include "objects/objects.h"
#include "objects/slots.h"
#include "vm/vm.h"

#define EXC(name, base) KaaType *kaa_##name;
#include "objects/exceptions.def"
#undef EXC

bool kaa_is_exception(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_type_of(v), KAA_TPFLAG_EXC_SUBCLASS);
}

bool kaa_is_exception_class(KaaValue v) {
    return kaa_is_obj(v) && kaa_type_has(kaa_type_of(v), KAA_TPFLAG_TYPE_SUBCLASS) &&
           kaa_type_has((KaaType *)kaa_obj(v), KAA_TPFLAG_EXC_SUBCLASS);
}

KaaValue kaa_exc_new(KaaType *type, KaaValue *args, size_t nargs) {
    return kaa_call(kaa_from_obj(type), args, nargs, NULL);
}

KaaValue kaa_exc_new_msg(KaaType *type, KaaValue msg) { return kaa_exc_new(type, &msg, 1); }

static KaaDict *exc_dict(KaaValue exc) { return kaa_instance_dict(exc); }

KaaValue kaa_exc_attr(KaaValue exc, const char *name) {
    KaaDict *d = exc_dict(exc);
    return d ? kaa_dict_get_str(d, kaa_str_intern_cstr(name)) : KAA_NULL;
}

void kaa_exc_set_attr(KaaValue exc, const char *name, KaaValue value) {
    KaaDict *d = exc_dict(exc);
    if (d != NULL) {
        kaa_dict_set(d, kaa_str_intern_cstr(name), value);
    }
}

static KaaValue arg_or_none(KaaValue *args, size_t nargs, size_t i) {
    return i < nargs ? args[i] : kaa_None;
}

// ---- BaseException ----------------------------------------------------------------------------

static KaaValue base_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue self = kaa_instance_alloc(type, 0);
    KaaException *e = kaa_exc(self);
    e->args = kaa_from_obj(kaa_tuple_from_array(args, nargs));
    return self;
}

static void base_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (kwnames != NULL && kwnames->len > 0) {
        kaa_raise_type_error("%s() takes no keyword arguments", kaa_type_name_of(self));
    }
    kaa_exc(self)->args = kaa_from_obj(kaa_tuple_from_array(args, nargs));
}

static KaaValue base_str(KaaValue self) {
    KaaTuple *args = kaa_tuple(kaa_exc(self)->args);
    if (args->len == 0) {
        return kaa_str_from_ascii("", 0);
    }
    if (args->len == 1) {
        return kaa_to_str(args->items[0]);
    }
    return kaa_to_str(kaa_from_obj(args));
}

static KaaValue base_repr(KaaValue self) {
    KaaTuple *args = kaa_tuple(kaa_exc(self)->args);
    KaaValue name = kaa_type_name(kaa_type_of(self));
    if (args->len == 1) {
        return kaa_str_printf("%S(%R)", name, args->items[0]);
    }
    if (args->len == 0) {
        return kaa_str_printf("%S()", name);
    }
    return kaa_str_printf("%S%R", name, kaa_from_obj(args));
}

static KaaValue get_args(KaaValue self) { return kaa_exc(self)->args; }
static void set_args(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_type_error("args may not be deleted");
    }
    kaa_exc(self)->args = kaa_tuple_from_iterable(v);
}

static KaaValue or_none(KaaValue v) { return v == KAA_NULL ? kaa_None : v; }

static KaaValue get_traceback(KaaValue self) { return or_none(kaa_exc(self)->traceback); }
static void set_traceback(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_type_error("__traceback__ may not be deleted");
    }
    if (v != kaa_None && !kaa_is_type(v, &kaa_traceback_type)) {
        kaa_raise_type_error("__traceback__ must be a traceback or None");
    }
    kaa_exc(self)->traceback = v == kaa_None ? KAA_NULL : v;
}

static KaaValue get_cause(KaaValue self) { return or_none(kaa_exc(self)->cause); }
static void set_cause(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_type_error("__cause__ may not be deleted");
    }
    if (v != kaa_None && !kaa_is_exception(v)) {
        kaa_raise_type_error("exception cause must be None or derive from BaseException");
    }
    kaa_exc(self)->cause = v == kaa_None ? KAA_NULL : v;
    kaa_exc(self)->suppress_context = true;
}

static KaaValue get_context(KaaValue self) { return or_none(kaa_exc(self)->context); }
static void set_context(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_type_error("__context__ may not be deleted");
    }
    if (v != kaa_None && !kaa_is_exception(v)) {
        kaa_raise_type_error("exception context must be None or derive from BaseException");
    }
    kaa_exc(self)->context = v == kaa_None ? KAA_NULL : v;
}

static KaaValue get_suppress(KaaValue self) { return kaa_bool(kaa_exc(self)->suppress_context); }
static void set_suppress(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_type_error("__suppress_context__ may not be deleted");
    }
    kaa_exc(self)->suppress_context = kaa_truthy(v);
}

static const KaaGetSetDef base_getsets[] = {
    {"args", get_args, set_args, NULL},
    {"__traceback__", get_traceback, set_traceback, NULL},
    {"__cause__", get_cause, set_cause, NULL},
    {"__context__", get_context, set_context, NULL},
    {"__suppress_context__", get_suppress, set_suppress, NULL},
    {NULL},
};

static KaaValue with_traceback(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("with_traceback", nargs, 1, 1);
    set_traceback(self, args[0]);
    return self;
}

static KaaValue add_note(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("add_note", nargs, 1, 1);
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("note must be a str, not '%s'", kaa_type_name_of(args[0]));
    }
    KaaValue notes = kaa_exc_attr(self, "__notes__");
    if (notes == KAA_NULL) {
        notes = kaa_from_obj(kaa_list_new(0));
        kaa_exc_set_attr(self, "__notes__", notes);
    } else if (!kaa_is_list(notes)) {
        kaa_raise_type_error("Cannot add note: __notes__ is not a list");
    }
    kaa_list_append(kaa_list(notes), args[0]);
    return kaa_None;
}

static KaaValue exc_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaDict *d = exc_dict(self);
    if (d != NULL && d->used > 0) {
        return kaa_from_obj(kaa_tuple_pack(3, kaa_from_obj(kaa_type_of(self)),
                                           kaa_exc(self)->args, kaa_from_obj(d)));
    }
    return kaa_from_obj(kaa_tuple_pack(2, kaa_from_obj(kaa_type_of(self)), kaa_exc(self)->args));
}

static KaaValue exc_setstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("__setstate__", nargs, 1, 1);
    if (args[0] != kaa_None) {
        kaa_dict_update(kaa_instance_dict(self), args[0]);
    }
    return kaa_None;
}

static const KaaMethodDef base_methods[] = {
    {"with_traceback", with_traceback, 0, NULL},
    {"add_note", add_note, 0, NULL},
    {"__reduce__", exc_reduce, 0, NULL},
    {"__setstate__", exc_setstate, 0, NULL},
    {NULL},
};

// ---- the subclasses with their own constructor or str ------------------------------------------

static void stop_iteration_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    base_init(self, args, nargs, kw);
    kaa_exc_set_attr(self, "value", arg_or_none(args, nargs, 0));
}

static void system_exit_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    base_init(self, args, nargs, kw);
    KaaValue code = nargs == 0 ? kaa_None : nargs == 1 ? args[0] : kaa_exc(self)->args;
    kaa_exc_set_attr(self, "code", code);
}

static KaaValue key_error_str(KaaValue self) {
    KaaTuple *args = kaa_tuple(kaa_exc(self)->args);
    if (args->len == 1) {
        return kaa_repr(args->items[0]);
    }
    return base_str(self);
}

static void import_error_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue name = kaa_None, path = kaa_None;
    for (int64_t i = 0; kwnames && i < kwnames->len; i++) {
        KaaValue k = kwnames->items[i], v = args[nargs + (size_t)i];
        if (kaa_str_eq_cstr(k, "name")) {
            name = v;
        } else if (kaa_str_eq_cstr(k, "path")) {
            path = v;
        } else {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", k,
                                 kaa_type_name_of(self));
        }
    }
    base_init(self, args, nargs, NULL);
    kaa_exc_set_attr(self, "msg", arg_or_none(args, nargs, 0));
    kaa_exc_set_attr(self, "name", name);
    kaa_exc_set_attr(self, "path", path);
}

static KaaValue import_error_str(KaaValue self) {
    KaaValue msg = kaa_exc_attr(self, "msg");
    if (msg != KAA_NULL && msg != kaa_None) {
        return kaa_to_str(msg);
    }
    return base_str(self);
}

static void name_error_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    KaaValue name = kaa_None, obj = kaa_None;
    for (int64_t i = 0; kwnames && i < kwnames->len; i++) {
        KaaValue k = kwnames->items[i], v = args[nargs + (size_t)i];
        if (kaa_str_eq_cstr(k, "name")) {
            name = v;
        } else if (kaa_str_eq_cstr(k, "obj") && kaa_exc_matches(self, kaa_AttributeError)) {
            obj = v;
        } else {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", k,
                                 kaa_type_name_of(self));
        }
    }
    base_init(self, args, nargs, NULL);
    kaa_exc_set_attr(self, "name", name);
    if (kaa_exc_matches(self, kaa_AttributeError)) {
        kaa_exc_set_attr(self, "obj", obj);
    }
}

static KaaValue os_error_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (type == kaa_OSError && nargs >= 2 && kaa_is_int(args[0])) {
        type = kaa_os_error_subclass((int)kaa_int_val(args[0]));
    }
    return base_new(type, args, nargs, kwnames);
}

static void os_error_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    base_init(self, args, nargs, kw);
    KaaValue none = kaa_None;
    if (kaa_exc_matches(self, kaa_BlockingIOError) && nargs >= 3 && nargs <= 5 &&
        (kaa_is_int_like(args[2]) || kaa_is_float(args[2]))) {
        // BlockingIOError(errno, strerror, characters_written): no filename
        kaa_exc_set_attr(self, "errno", args[0]);
        kaa_exc_set_attr(self, "strerror", args[1]);
        kaa_exc_set_attr(self, "characters_written", kaa_index(kaa_number_int(args[2])));
        kaa_exc_set_attr(self, "filename", none);
        kaa_exc_set_attr(self, "filename2", none);
        return;
    }
    kaa_exc_set_attr(self, "errno", nargs >= 2 ? args[0] : none);
    kaa_exc_set_attr(self, "strerror", nargs >= 2 ? args[1] : none);
    kaa_exc_set_attr(self, "filename", nargs >= 3 && nargs <= 5 ? args[2] : none);
    kaa_exc_set_attr(self, "filename2", nargs >= 5 ? args[4] : none);
    if (nargs >= 3 && nargs <= 5) {
        // args keeps only (errno, strerror) once a filename is given, as in CPython.
        kaa_exc(self)->args = kaa_from_obj(kaa_tuple_pack(2, args[0], args[1]));
    }
}

static KaaValue os_error_str(KaaValue self) {
    KaaValue err = kaa_exc_attr(self, "errno"), msg = kaa_exc_attr(self, "strerror");
    KaaValue f1 = kaa_exc_attr(self, "filename"), f2 = kaa_exc_attr(self, "filename2");
    if (f1 != KAA_NULL && f1 != kaa_None) {
        if (f2 != KAA_NULL && f2 != kaa_None) {
            return kaa_str_printf("[Errno %S] %S: %R -> %R", err, msg, f1, f2);
        }
        return kaa_str_printf("[Errno %S] %S: %R", err, msg, f1);
    }
    if (err != KAA_NULL && err != kaa_None && msg != KAA_NULL && msg != kaa_None) {
        return kaa_str_printf("[Errno %S] %S", err, msg);
    }
    return base_str(self);
}

static void syntax_error_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    base_init(self, args, nargs, kw);
    static const char *const names[] = {"filename", "lineno", "offset", "text", "end_lineno",
                                        "end_offset"};
    kaa_exc_set_attr(self, "msg", arg_or_none(args, nargs, 0));
    KaaValue info = nargs >= 2 ? args[1] : KAA_NULL;
    if (info != KAA_NULL && !kaa_is_tuple(info)) {
        kaa_raise_type_error("'%s' object is not iterable", kaa_type_name_of(info));
    }
    KaaTuple *t = info != KAA_NULL ? kaa_tuple(info) : NULL;
    if (t != NULL && (t->len < 4 || t->len > 6)) {
        kaa_raise_index_error("tuple index out of range");
    }
    for (int i = 0; i < 6; i++) {
        kaa_exc_set_attr(self, names[i], t != NULL && i < t->len ? t->items[i] : kaa_None);
    }
    kaa_exc_set_attr(self, "print_file_and_line", kaa_None);
}

static KaaValue syntax_error_str(KaaValue self) {
    KaaValue msg = kaa_exc_attr(self, "msg"), file = kaa_exc_attr(self, "filename");
    KaaValue line = kaa_exc_attr(self, "lineno");
    KaaValue m = kaa_to_str(msg != KAA_NULL ? msg : kaa_None);  // str(None) when unset
    bool have_file = file != KAA_NULL && kaa_is_str(file);
    bool have_line = line != KAA_NULL && kaa_is_int(line);
    if (have_file) {
        // Only the file's base name is shown, as in CPython.
        KaaStr *f = kaa_str(file);
        size_t start = 0;
        for (size_t i = 0; i < f->len; i++) {
            if (kaa_str_char(f, i) == '/') {
                start = i + 1;
            }
        }
        file = kaa_str_substr(file, start, f->len);
    }
    if (have_file && have_line) {
        return kaa_str_printf("%S (%S, line %S)", m, file, line);
    }
    if (have_file) {
        return kaa_str_printf("%S (%S)", m, file);
    }
    if (have_line) {
        return kaa_str_printf("%S (line %S)", m, line);
    }
    return m;
}

static void unicode_error_init(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    base_init(self, args, nargs, kw);
    if (kaa_exc_matches(self, kaa_UnicodeTranslateError) && nargs == 4) {
        kaa_exc_set_attr(self, "encoding", kaa_None);  // (object, start, end, reason)
        kaa_exc_set_attr(self, "object", args[0]);
        kaa_exc_set_attr(self, "start", args[1]);
        kaa_exc_set_attr(self, "end", args[2]);
        kaa_exc_set_attr(self, "reason", args[3]);
        return;
    }
    if (nargs != 5) {
        return;
    }
    kaa_exc_set_attr(self, "encoding", args[0]);
    kaa_exc_set_attr(self, "object", args[1]);
    kaa_exc_set_attr(self, "start", args[2]);
    kaa_exc_set_attr(self, "end", args[3]);
    kaa_exc_set_attr(self, "reason", args[4]);
}

static KaaValue unicode_error_str(KaaValue self) {
    KaaValue enc = kaa_exc_attr(self, "encoding"), obj = kaa_exc_attr(self, "object");
    KaaValue start = kaa_exc_attr(self, "start"), end = kaa_exc_attr(self, "end");
    KaaValue reason = kaa_exc_attr(self, "reason");
    if (enc == KAA_NULL || obj == KAA_NULL || !kaa_is_int(start) || !kaa_is_int(end)) {
        return base_str(self);
    }
    int64_t s = kaa_int_val(start), e = kaa_int_val(end);
    bool decode = kaa_exc_matches(self, kaa_UnicodeDecodeError);
    if (decode) {
        const uint8_t *data;
        size_t len;
        if (kaa_buffer_get(obj, &data, &len) && s >= 0 && (size_t)s < len) {
            if (e == s + 1) {
                return kaa_str_printf("'%S' codec can't decode byte 0x%02x in position %lld: %S",
                                      enc, data[s], (long long)s, reason);
            }
            return kaa_str_printf("'%S' codec can't decode bytes in position %lld-%lld: %S",
                                  enc, (long long)s, (long long)(e - 1), reason);
        }
        return base_str(self);
    }
    if (kaa_is_str(obj) && s >= 0 && (size_t)s < kaa_str(obj)->len) {
        const char *what = kaa_exc_matches(self, kaa_UnicodeTranslateError)
                               ? "can't translate character"
                               : "codec can't encode character";
        uint32_t cp = kaa_str_char(kaa_str(obj), (size_t)s);
        char esc[16];
        snprintf(esc, sizeof esc, cp < 0x100 ? "\\x%02x" : cp < 0x10000 ? "\\u%04x" : "\\U%08x",
                 cp);
        if (e == s + 1) {
            if (kaa_exc_matches(self, kaa_UnicodeTranslateError)) {
                return kaa_str_printf("%s '%s' in position %lld: %S", what, esc, (long long)s,
                                      reason);
            }
            return kaa_str_printf("'%S' %s '%s' in position %lld: %S", enc, what, esc,
                                  (long long)s, reason);
        }
        if (kaa_exc_matches(self, kaa_UnicodeTranslateError)) {
            return kaa_str_printf("can't translate characters in position %lld-%lld: %S",
                                  (long long)s, (long long)(e - 1), reason);
        }
        return kaa_str_printf("'%S' codec can't encode characters in position %lld-%lld: %S",
                              enc, (long long)s, (long long)(e - 1), reason);
    }
    return base_str(self);
}

// BaseExceptionGroup(message, exceptions): the part except* needs.
static KaaValue group_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_args_no_kw(type->name, kwnames);
    if (nargs != 2) {
        kaa_raise_type_error("BaseExceptionGroup.__new__() takes exactly 2 arguments (%zu "
                             "given)", nargs);
    }
    if (!kaa_is_str(args[0])) {
        kaa_raise_type_error("BaseExceptionGroup.__new__() argument 1 must be str, not %s",
                             kaa_argtype_name(args[0]));
    }
    KaaType *seq_type = kaa_type_of(args[1]);
    if (seq_type->getitem == NULL || kaa_type_has(seq_type, KAA_TPFLAG_DICT_SUBCLASS)) {
        kaa_raise_type_error("second argument (exceptions) must be a sequence");
    }
    KaaValue excs = kaa_tuple_from_iterable(args[1]);
    KaaTuple *t = kaa_tuple(excs);
    if (t->len == 0) {
        kaa_raise_value_error("second argument (exceptions) must be a non-empty sequence");
    }
    bool all_exceptions = true;
    for (int64_t i = 0; i < t->len; i++) {
        if (!kaa_is_exception(t->items[i])) {
            kaa_raise_value_error("Item %lld of second argument (exceptions) is not an "
                                  "exception", (long long)i);
        }
        all_exceptions &= kaa_exc_matches(t->items[i], kaa_Exception);
    }
    if (type == kaa_BaseExceptionGroup && all_exceptions) {
        type = kaa_ExceptionGroup;
    }
    if (kaa_is_subtype(type, kaa_Exception) && !all_exceptions) {
        kaa_raise_type_error("Cannot nest BaseExceptions in an ExceptionGroup");
    }
    KaaValue self = base_new(type, args, nargs, NULL);
    kaa_exc_set_attr(self, "message", args[0]);
    kaa_exc_set_attr(self, "exceptions", excs);
    return self;
}

// ---- ExceptionGroup.split / subgroup / derive ---------------------------------------------------

// derive(excs): a new group of the same message (and, for the built-in classes, the same type)
// holding excs. Subclasses may override it; split() and subgroup() go through it.
static KaaValue group_derive_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("derive", nargs, 1, 1);
    KaaValue gargs[2] = {kaa_exc_attr(self, "message"), args[0]};
    return kaa_call(kaa_from_obj(kaa_BaseExceptionGroup), gargs, 2, NULL);
}

// What split() tests each leaf with: an exception type, a tuple of them, or a predicate.
typedef struct {
    KaaValue matcher;
    bool predicate;
} Matcher;

static Matcher make_matcher(KaaValue m) {
    if (kaa_is_exception_class(m)) {
        return (Matcher){m, false};
    }
    if (kaa_is_tuple(m)) {
        KaaTuple *t = kaa_tuple(m);
        bool ok = true;
        for (int64_t i = 0; i < t->len && ok; i++) {
            ok = kaa_is_exception_class(t->items[i]);
        }
        if (ok) {
            return (Matcher){m, false};
        }
    }
    bool is_class = kaa_is_obj(m) && kaa_type_has(kaa_type_of(m), KAA_TPFLAG_TYPE_SUBCLASS);
    if (kaa_callable(m) && !is_class) {
        return (Matcher){m, true};
    }
    kaa_raise_type_error("expected an exception type, a tuple of exception types, or a "
                         "callable (other than a class)");
}

static bool matches(const Matcher *m, KaaValue exc) {
    if (m->predicate) {
        return kaa_truthy(kaa_call1(m->matcher, exc));
    }
    return kaa_isinstance(exc, m->matcher);
}

// Copies the metadata a derived group keeps from the original (CPython's rule).
static KaaValue with_metadata(KaaValue derived, KaaValue orig) {
    if (!kaa_is_exception(derived)) {
        kaa_raise_type_error("derive must return an instance of BaseExceptionGroup");
    }
    KaaException *d = kaa_exc(derived), *o = kaa_exc(orig);
    d->traceback = o->traceback;
    d->cause = o->cause;
    d->context = o->context;
    KaaValue notes = kaa_exc_attr(orig, "__notes__");
    if (notes != KAA_NULL) {
        kaa_exc_set_attr(derived, "__notes__", notes);
    }
    return derived;
}

// Splits exc by m: *match and *rest receive the matching and the other leaves, keeping the
// nesting (KAA_NULL where nothing is left). With want_rest false only the match is built.
static void split_recursive(KaaValue exc, const Matcher *m, bool want_rest, KaaValue *match,
                            KaaValue *rest) {
    kaa_check_c_stack();
    *match = *rest = KAA_NULL;
    if (matches(m, exc)) {
        *match = exc;
        return;
    }
    if (!kaa_exc_matches(exc, kaa_BaseExceptionGroup)) {
        *rest = exc;
        return;
    }
    KaaTuple *items = kaa_tuple(kaa_exc_attr(exc, "exceptions"));
    KaaList *ml = kaa_list_new(0), *rl = kaa_list_new(0);
    for (int64_t i = 0; i < items->len; i++) {
        KaaValue sm, sr;
        split_recursive(items->items[i], m, want_rest, &sm, &sr);
        if (sm != KAA_NULL) {
            kaa_list_append(ml, sm);
        }
        if (want_rest && sr != KAA_NULL) {
            kaa_list_append(rl, sr);
        }
    }
    KaaValue derive = kaa_str_intern_cstr("derive");
    if (ml->len > 0) {
        KaaValue arg = kaa_from_obj(ml);
        *match = with_metadata(kaa_call_method(exc, derive, &arg, 1), exc);
    }
    if (want_rest && rl->len > 0) {
        KaaValue arg = kaa_from_obj(rl);
        *rest = with_metadata(kaa_call_method(exc, derive, &arg, 1), exc);
    }
}

static KaaValue or_none_v(KaaValue v) { return v == KAA_NULL ? kaa_None : v; }

static KaaValue group_split_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("split", nargs, 1, 1);
    Matcher m = make_matcher(args[0]);
    KaaValue match, rest;
    split_recursive(self, &m, true, &match, &rest);
    return kaa_from_obj(kaa_tuple_pack(2, or_none_v(match), or_none_v(rest)));
}

static KaaValue group_subgroup_m(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("subgroup", nargs, 1, 1);
    Matcher m = make_matcher(args[0]);
    KaaValue match, rest;
    split_recursive(self, &m, false, &match, &rest);
    return or_none_v(match);
}

static const KaaMethodDef group_methods[] = {
    {"derive", group_derive_m, 0, NULL},
    {"split", group_split_m, 0, NULL},
    {"subgroup", group_subgroup_m, 0, NULL},
    {NULL},
};

static KaaValue group_message(KaaValue self) { return kaa_exc_attr(self, "message"); }
static KaaValue group_exceptions(KaaValue self) { return kaa_exc_attr(self, "exceptions"); }

static const KaaGetSetDef group_getsets[] = {
    {"message", group_message, NULL, NULL},
    {"exceptions", group_exceptions, NULL, NULL},
    {NULL},
};

static KaaValue group_str(KaaValue self) {
    KaaValue msg = kaa_exc_attr(self, "message"), excs = kaa_exc_attr(self, "exceptions");
    int64_t n = kaa_tuple(excs)->len;
    return kaa_str_printf("%S (%lld sub-exception%s)", msg, (long long)n, n == 1 ? "" : "s");
}

// ---- building the hierarchy -------------------------------------------------------------------

typedef struct {
    const char *name;
    const char *base;
    KaaType **slot;
} ExcRow;

static const ExcRow exc_rows[] = {
#define EXC(name, base) {#name, #base, &kaa_##name},
#include "objects/exceptions.def"
#undef EXC
};

static KaaType *find_built(const char *name) {
    for (size_t i = 0; i < sizeof exc_rows / sizeof exc_rows[0]; i++) {
        if (strcmp(exc_rows[i].name, name) == 0) {
            return *exc_rows[i].slot;
        }
    }
    return NULL;
}

static void customise(KaaType *t) {
    const char *n = t->name;
    if (strcmp(n, "StopIteration") == 0) {
        t->init = stop_iteration_init;
    } else if (strcmp(n, "SystemExit") == 0) {
        t->init = system_exit_init;
    } else if (strcmp(n, "KeyError") == 0) {
        t->str = key_error_str;
    } else if (strcmp(n, "ImportError") == 0) {
        t->init = import_error_init;
        t->str = import_error_str;
    } else if (strcmp(n, "NameError") == 0 || strcmp(n, "AttributeError") == 0) {
        t->init = name_error_init;
    } else if (strcmp(n, "OSError") == 0) {
        t->new_ = os_error_new;
        t->init = os_error_init;
        t->str = os_error_str;
    } else if (strcmp(n, "SyntaxError") == 0) {
        t->init = syntax_error_init;
        t->str = syntax_error_str;
    } else if (strcmp(n, "UnicodeError") == 0) {
        t->init = unicode_error_init;
        t->str = unicode_error_str;
    } else if (strcmp(n, "BaseExceptionGroup") == 0) {
        t->new_ = group_new;
        t->init = NULL;
        t->str = group_str;
        t->methods = group_methods;
        t->getsets = group_getsets;
    }
}

static KaaType base_exception_type = {
    .ob = {&kaa_type_type},
    .name = "BaseException",
    .flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_EXC_SUBCLASS,
    .instance_size = sizeof(KaaException),
    .dict_offset = offsetof(KaaException, dict),
    .repr = base_repr,
    .str = base_str,
    .new_ = base_new,
    .init = base_init,
    .methods = base_methods,
    .getsets = base_getsets,
};

// CPython's exception types each have their own __init__ (and most their own __new__ and some
// their own __str__) even where it is the base's function; the messages of misuse name them
// ("descriptor '__init__' of 'Exception' object needs an argument").
static bool name_in(const char *name, const char *const *names) {
    for (; *names != NULL; names++) {
        if (strcmp(*names, name) == 0) {
            return true;
        }
    }
    return false;
}

static void add_own_dunders(KaaType *t) {
    static const char *const inherit_new[] = {
        "AttributeError", "ImportError", "ModuleNotFoundError", "KeyError", "NameError",
        "UnboundLocalError", "StopIteration", "SyntaxError", "IndentationError", "TabError",
        "SystemExit", NULL};
    static const char *const own_str[] = {
        "AttributeError", "ImportError", "KeyError", "NameError", "SyntaxError",
        "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", NULL};
    if (t == kaa_ExceptionGroup) {
        return;  // a class CPython creates at run time, not a static type
    }
    kaa_slots_add_own_wrapper(t, "__init__");
    bool os_error_child = t != kaa_OSError && kaa_is_subtype(t, kaa_OSError);
    if (!name_in(t->name, inherit_new) && !os_error_child &&
        kaa_dict_get_str(t->dict, KAA_ID(__new__)) == KAA_NULL) {
        kaa_dict_set(t->dict, KAA_ID(__new__), kaa_slots_new_wrapper(t));
    }
    if (name_in(t->name, own_str)) {
        kaa_slots_add_own_wrapper(t, "__str__");
    }
}

void kaa_exc_init(void) {
    kaa_BaseException = &base_exception_type;
    kaa_type_ready(kaa_BaseException);
    for (size_t i = 1; i < sizeof exc_rows / sizeof exc_rows[0]; i++) {
        KaaType *t = kaa_alloc(sizeof(KaaType));
        t->ob.type = &kaa_type_type;
        t->name = exc_rows[i].name;
        t->flags = KAA_TPFLAG_BASETYPE | KAA_TPFLAG_EXC_SUBCLASS;
        t->base = find_built(exc_rows[i].base);
        customise(t);
        *exc_rows[i].slot = t;
        kaa_type_ready(t);
        add_own_dunders(t);
    }
    // ExceptionGroup is also an Exception: its bases are (BaseExceptionGroup, Exception).
    KaaType *eg = kaa_ExceptionGroup;
    eg->bases = kaa_tuple_pack(2, kaa_from_obj(kaa_BaseExceptionGroup), kaa_from_obj(kaa_Exception));
    eg->mro = kaa_tuple_pack(5, kaa_from_obj(eg), kaa_from_obj(kaa_BaseExceptionGroup),
                             kaa_from_obj(kaa_Exception), kaa_from_obj(kaa_BaseException),
                             kaa_from_obj(&kaa_object_type));
}

// ---- tracebacks -------------------------------------------------------------------------------

static KaaValue tb_next(KaaValue self) {
    KaaValue n = ((KaaTraceback *)kaa_obj(self))->next;
    return n == KAA_NULL ? kaa_None : n;
}

static void tb_set_next(KaaValue self, KaaValue v) {
    if (v == KAA_NULL) {
        kaa_raise_type_error("can't delete tb_next attribute");
    }
    if (v != kaa_None && !kaa_is_type(v, &kaa_traceback_type)) {
        kaa_raise_type_error("expected traceback object or None, got '%s'", kaa_type_name_of(v));
    }
    ((KaaTraceback *)kaa_obj(self))->next = v == kaa_None ? KAA_NULL : v;
}

static KaaValue tb_frame(KaaValue self) { return ((KaaTraceback *)kaa_obj(self))->frame; }
static KaaValue tb_lasti(KaaValue self) {
    return kaa_from_small(((KaaTraceback *)kaa_obj(self))->lasti * 2);
}
int kaa_traceback_lineno(KaaTraceback *tb) {
    if (tb->lineno == 0) {
        KaaCode *code = ((KaaFrameObject *)kaa_obj(tb->frame))->frame->code;
        int line = tb->lasti < 0 ? -1 : kaa_code_addr2line(code, tb->lasti);
        tb->lineno = line < 0 ? code->firstlineno : line;
    }
    return tb->lineno;
}

static KaaValue tb_lineno(KaaValue self) {
    return kaa_from_small(kaa_traceback_lineno((KaaTraceback *)kaa_obj(self)));
}

static const KaaGetSetDef tb_getsets[] = {
    {"tb_next", tb_next, tb_set_next, NULL},
    {"tb_frame", tb_frame, NULL, NULL},
    {"tb_lasti", tb_lasti, NULL, NULL},
    {"tb_lineno", tb_lineno, NULL, NULL},
    {NULL},
};

KaaType kaa_traceback_type = {
    .ob = {&kaa_type_type},
    .name = "traceback",
    .instance_size = sizeof(KaaTraceback),
    .getsets = tb_getsets,
};
