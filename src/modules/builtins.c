// modules/builtins.c — the `builtins` module: the built-in functions and the names of every
// built-in type, exception class and constant.
//
// Stage: modules. Owns the functions that need nothing but the object protocols (print, len,
// min, sum, sorted, ...). The builtins that need the interpreter (exec, eval, __build_class__,
// globals, ...) are the VM's (vm/vm.h); this file only registers them. Iterator types
// (enumerate, zip, map, ...) live in objects/iter.c; this file only names them. Messages are
// CPython 3.11's, word for word.
#include <math.h>

#include "modules/modules.h"
#include "vm/vm.h"

// ---- argument checking with the messages of CPython's builtins --------------------------------

// METH_O style: "len() takes exactly one argument (2 given)".
static void one_arg(const char *name, size_t nargs, KaaTuple *kwnames) {
    if (KAA_UNLIKELY(KAA_NKW(kwnames))) {
        kaa_raise_type_error("%s() takes no keyword arguments", name);
    }
    if (KAA_UNLIKELY(nargs != 1)) {
        kaa_raise_type_error("%s() takes exactly one argument (%zu given)", name, nargs);
    }
}

// PyArg_UnpackTuple style: "getattr expected at least 2 arguments, got 1".
static void unpack_args(const char *name, size_t nargs, KaaTuple *kwnames, size_t min,
                        size_t max) {
    if (KAA_UNLIKELY(KAA_NKW(kwnames))) {
        kaa_raise_type_error("%s() takes no keyword arguments", name);
    }
    if (KAA_LIKELY(nargs >= min && nargs <= max)) {
        return;
    }
    size_t n = nargs < min ? min : max;
    const char *plural = n == 1 ? "" : "s";
    if (min == max) {
        kaa_raise_type_error("%s expected %zu argument%s, got %zu", name, n, plural, nargs);
    }
    kaa_raise_type_error("%s expected at %s %zu argument%s, got %zu", name,
                         nargs < min ? "least" : "most", n, plural, nargs);
}

// Argument Clinic's binding, which CPython's builtins with keyword parameters use: params[i]
// gets the i-th positional argument or the keyword argument of its name; out[i] is KAA_NULL
// when neither was given. The first `required` parameters must be given.
static void clinic_bind(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kwnames,
                        const char *const *params, size_t nparams, size_t required,
                        KaaValue *out) {
    size_t nkw = KAA_NKW(kwnames), used = 0;
    if (nargs + nkw > nparams) {
        kaa_raise_type_error("%s() takes at most %zu argument%s (%zu given)", fname, nparams,
                             nparams == 1 ? "" : "s", nargs + nkw);
    }
    for (size_t i = 0; i < nparams; i++) {
        out[i] = i < nargs ? args[i] : KAA_NULL;
        for (size_t k = 0; i >= nargs && k < nkw; k++) {
            if (kaa_str_eq_cstr(kwnames->items[k], params[i])) {
                out[i] = args[nargs + k];
                used++;
                break;
            }
        }
        if (!out[i] && i < required) {
            kaa_raise_type_error("%s() missing required argument '%s' (pos %zu)", fname,
                                 params[i], i + 1);
        }
    }
    for (size_t k = 0; used < nkw && k < nkw; k++) {
        KaaValue kw = kwnames->items[k];
        for (size_t i = 0; i < nargs; i++) {
            if (kaa_str_eq_cstr(kw, params[i])) {
                kaa_raise_type_error("argument for %s() given by name ('%S') and position (%zu)",
                                     fname, kw, i + 1);
            }
        }
        bool known = false;
        for (size_t i = nargs; i < nparams; i++) {
            known = known || kaa_str_eq_cstr(kw, params[i]);
        }
        if (!known) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", kw, fname);
        }
    }
}

// Matches a keyword name against an interned id (pointer first, then by value).
static bool kw_is(KaaValue kw, KaaValue id) {
    return kw == id || kaa_str_eq(kw, id);
}

static KAA_NORETURN void bad_keyword(KaaValue kw, const char *fname) {
    kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", kw, fname);
}

// Attribute names must be str (getattr, setattr, delattr, hasattr).
static void check_attr_name(KaaValue name) {
    if (KAA_UNLIKELY(!kaa_is_str(name))) {
        kaa_raise_type_error("attribute name must be string, not '%T'", name);
    }
}

// ---- print and input --------------------------------------------------------------------------

typedef struct {
    KaaValue sep, end, file, flush;
} PrintOpts;

static void print_opts(PrintOpts *o, KaaValue *kwvals, KaaTuple *kwnames) {
    for (int64_t i = 0; i < KAA_NKW(kwnames); i++) {
        KaaValue kw = kwnames->items[i];
        if (kw_is(kw, KAA_ID(sep))) {
            o->sep = kwvals[i];
        } else if (kw_is(kw, KAA_ID(end))) {
            o->end = kwvals[i];
        } else if (kw_is(kw, KAA_ID(file))) {
            o->file = kwvals[i];
        } else if (kw_is(kw, KAA_ID(flush))) {
            o->flush = kwvals[i];
        } else {
            bad_keyword(kw, "print");
        }
    }
    if (o->sep == kaa_None) {
        o->sep = KAA_NULL;
    } else if (o->sep && !kaa_is_str(o->sep)) {
        kaa_raise_type_error("sep must be None or a string, not %T", o->sep);
    }
    if (o->end == kaa_None) {
        o->end = KAA_NULL;
    } else if (o->end && !kaa_is_str(o->end)) {
        kaa_raise_type_error("end must be None or a string, not %T", o->end);
    }
}

// sys.<name> for print/input: RuntimeError when it was deleted.
static KaaValue sys_stream(const char *name, const char *who) {
    KaaValue f = kaa_sys_get(name);
    if (!f) {
        kaa_raise_msg(kaa_RuntimeError, "%slost sys.%s", who, name);
    }
    return f;
}

static KaaValue builtin_print(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    PrintOpts o = {0};
    if (kwnames) {
        print_opts(&o, args + nargs, kwnames);
    }
    KaaValue file = o.file && o.file != kaa_None ? o.file : sys_stream("stdout", "");
    if (file == kaa_None) {
        return kaa_None;  // no stdout (pythonw): print does nothing
    }
    for (size_t i = 0; i < nargs; i++) {
        if (i > 0) {
            kaa_file_write_str(file, o.sep ? o.sep : kaa_str_from_char(' '));
        }
        kaa_file_write_str(file, kaa_to_str(args[i]));
    }
    kaa_file_write_str(file, o.end ? o.end : kaa_str_from_char('\n'));
    if (o.flush && kaa_truthy(o.flush)) {
        kaa_call_method(file, KAA_ID(flush), NULL, 0);
    }
    return kaa_None;
}

static void flush_stream(void *ud) {
    kaa_call_method(*(KaaValue *)ud, KAA_ID(flush), NULL, 0);
}

static KaaValue builtin_input(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("input", nargs, kwnames, 0, 1);
    KaaValue fin = sys_stream("stdin", "input(): ");
    KaaValue fout = sys_stream("stdout", "input(): ");
    KaaValue ferr = kaa_sys_get("stderr");
    if (ferr && ferr != kaa_None) {
        // CPython flushes stderr first and ignores a failure there.
        kaa_protect(flush_stream, &ferr);
    }
    if (fin == kaa_None) {
        kaa_raise_msg(kaa_RuntimeError, "input(): lost sys.stdin");
    }
    if (fout == kaa_None) {
        kaa_raise_msg(kaa_RuntimeError, "input(): lost sys.stdout");
    }
    kaa_call_method(fout, KAA_ID(flush), NULL, 0);
    if (nargs == 1) {
        kaa_file_write_str(fout, kaa_to_str(args[0]));
        kaa_call_method(fout, KAA_ID(flush), NULL, 0);
    }
    KaaValue line = kaa_call_method(fin, KAA_ID(readline), NULL, 0);
    if (!kaa_is_str(line)) {
        kaa_raise_type_error("object.readline() returned non-string");
    }
    size_t len = kaa_str(line)->len;
    if (len == 0) {
        kaa_raise_msg(kaa_EOFError, "EOF when reading a line");
    }
    if (kaa_str_char(kaa_str(line), len - 1) == '\n') {
        return kaa_str_substr(line, 0, len - 1);
    }
    return line;
}

// ---- object protocol builtins -----------------------------------------------------------------

static KaaValue builtin_len(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("len", nargs, kwnames);
    return kaa_int_from_i64(kaa_len(args[0]));
}

static KaaValue builtin_repr(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("repr", nargs, kwnames);
    return kaa_repr(args[0]);
}

static KaaValue builtin_ascii(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("ascii", nargs, kwnames);
    return kaa_ascii(args[0]);
}

static KaaValue builtin_id(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("id", nargs, kwnames);
    // Heap objects give their address; immediates their encoding, which never collides
    // with an address (its top 16 bits are not zero) and is equal for equal values.
    return kaa_int_from_u64(args[0]);
}

static KaaValue builtin_hash(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("hash", nargs, kwnames);
    return kaa_int_from_i64(kaa_hash(args[0]));
}

static KaaValue builtin_callable(KaaValue self, KaaValue *args, size_t nargs,
                                 KaaTuple *kwnames) {
    one_arg("callable", nargs, kwnames);
    return kaa_bool(kaa_callable(args[0]));
}

static KaaValue builtin_isinstance(KaaValue self, KaaValue *args, size_t nargs,
                                   KaaTuple *kwnames) {
    unpack_args("isinstance", nargs, kwnames, 2, 2);
    if (kaa_is_obj(args[1]) && kaa_type_of(args[0]) == (KaaType *)kaa_obj(args[1])) {
        return kaa_True;  // exact type: no __instancecheck__ can say otherwise
    }
    return kaa_bool(kaa_isinstance(args[0], args[1]));
}

static KaaValue builtin_issubclass(KaaValue self, KaaValue *args, size_t nargs,
                                   KaaTuple *kwnames) {
    unpack_args("issubclass", nargs, kwnames, 2, 2);
    return kaa_bool(kaa_issubclass(args[0], args[1]));
}

// getattr(obj, name) without raising when absent: KAA_NULL for a missing attribute or for an
// AttributeError raised while looking it up (a property, __getattr__).
static KaaValue getattr_or_null(KaaValue obj, KaaValue name) {
    KaaHandler h;
    volatile KaaValue result = KAA_NULL;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        result = kaa_getattr_opt(obj, name);
        kaa_handler_pop(&h);
        return result;
    }
    kaa_ts.frame = h.frame;  // a landing leaves the frame of the raise
    if (!kaa_exc_matches(h.exc, kaa_AttributeError)) {
        kaa_reraise(h.exc);
    }
    return KAA_NULL;
}

static KaaValue builtin_getattr(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("getattr", nargs, kwnames, 2, 3);
    check_attr_name(args[1]);
    if (nargs == 2) {
        return kaa_getattr(args[0], args[1]);
    }
    KaaValue v = getattr_or_null(args[0], args[1]);
    return v ? v : args[2];
}

static KaaValue builtin_hasattr(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("hasattr", nargs, kwnames, 2, 2);
    check_attr_name(args[1]);
    return kaa_bool(kaa_hasattr(args[0], args[1]));
}

static KaaValue builtin_setattr(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("setattr", nargs, kwnames, 3, 3);
    check_attr_name(args[1]);
    kaa_setattr(args[0], args[1], args[2]);
    return kaa_None;
}

static KaaValue builtin_delattr(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("delattr", nargs, kwnames, 2, 2);
    check_attr_name(args[1]);
    kaa_delattr(args[0], args[1]);
    return kaa_None;
}

static KaaValue builtin_format(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("format", nargs, kwnames, 1, 2);
    KaaValue spec = nargs == 2 ? args[1] : kaa_str_from_ascii("", 0);
    if (!kaa_is_str(spec)) {
        kaa_raise_type_error("format() argument 2 must be str, not %s", kaa_argtype_name(spec));
    }
    return kaa_format(args[0], spec);
}

// ---- iteration --------------------------------------------------------------------------------

static KaaValue builtin_iter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("iter", nargs, kwnames, 1, 2);
    if (nargs == 1) {
        return kaa_iter(args[0]);
    }
    if (!kaa_callable(args[0])) {
        kaa_raise_type_error("iter(v, w): v must be callable");
    }
    return kaa_calliter_new(args[0], args[1]);
}

static KaaValue builtin_next(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("next", nargs, kwnames, 1, 2);
    KaaType *t = kaa_type_of(args[0]);
    if (t == &kaa_generator_type) {
        // A generator's return value travels in the StopIteration next() raises.
        bool done;
        KaaValue r = kaa_gen_send((KaaGenerator *)kaa_obj(args[0]), kaa_None, KAA_NULL, &done);
        if (!done) {
            return r;
        }
        if (nargs == 2) {
            return args[1];
        }
        kaa_raise_stop_iteration(r == kaa_None ? KAA_NULL : r);
    }
    if (!t->next) {
        kaa_raise_type_error("'%T' object is not an iterator", args[0]);
    }
    KaaValue v = t->next(args[0]);
    if (v) {
        return v;
    }
    if (nargs == 2) {
        return args[1];
    }
    kaa_raise_stop_iteration(KAA_NULL);
}

static KaaValue builtin_aiter(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("aiter", nargs, kwnames);
    KaaValue m = kaa_lookup_special(args[0], KAA_ID(__aiter__));
    if (!m) {
        kaa_raise_type_error("'%T' object is not an async iterable", args[0]);
    }
    KaaValue it = kaa_call0(m);
    if (!kaa_type_lookup(kaa_type_of(it), KAA_ID(__anext__))) {
        kaa_raise_type_error("aiter() returned not an async iterator of type '%T'", it);
    }
    return it;
}

static KaaValue builtin_anext(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("anext", nargs, kwnames, 1, 2);
    KaaValue m = kaa_lookup_special(args[0], KAA_ID(__anext__));
    if (!m) {
        kaa_raise_type_error("'%T' object is not an async iterator", args[0]);
    }
    KaaValue awaitable = kaa_call0(m);
    return nargs == 2 ? kaa_anext_awaitable_new(awaitable, args[1]) : awaitable;
}

static KaaValue builtin_all(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("all", nargs, kwnames);
    KaaValue it = kaa_iter(args[0]);
    for (KaaValue v; (v = kaa_next(it));) {
        if (!kaa_truthy(v)) {
            return kaa_False;
        }
    }
    return kaa_True;
}

static KaaValue builtin_any(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("any", nargs, kwnames);
    KaaValue it = kaa_iter(args[0]);
    for (KaaValue v; (v = kaa_next(it));) {
        if (kaa_truthy(v)) {
            return kaa_True;
        }
    }
    return kaa_False;
}

static KaaValue builtin_sorted(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    if (nargs != 1) {
        kaa_raise_type_error("sorted expected 1 argument, got %zu", nargs);
    }
    KaaValue list = kaa_list_from_iterable(args[0]);
    kaa_list_sort_call(kaa_list(list), args + 1, 0, kwnames);
    return list;
}

// ---- min and max ------------------------------------------------------------------------------

// a < b (op KAA_LT) or a > b (KAA_GT), with immediate fast paths.
static bool better(KaaValue a, KaaValue b, int op) {
    if (kaa_is_int(a) && kaa_is_int(b)) {
        int64_t x = kaa_int_val(a), y = kaa_int_val(b);
        return op == KAA_LT ? x < y : x > y;
    }
    if (kaa_is_float(a) && kaa_is_float(b)) {
        double x = kaa_float_val(a), y = kaa_float_val(b);
        return op == KAA_LT ? x < y : x > y;
    }
    return kaa_richcompare_bool(a, b, op);
}

typedef struct {
    KaaValue best, best_key, key;
    int op;
} MinMax;

static void minmax_step(MinMax *m, KaaValue item) {
    KaaValue k = m->key ? kaa_call1(m->key, item) : item;
    if (!m->best || better(k, m->best_key, m->op)) {
        m->best = item;
        m->best_key = k;
    }
}

static KaaValue min_max(KaaValue *args, size_t nargs, KaaTuple *kwnames, int op) {
    const char *name = op == KAA_LT ? "min" : "max";
    if (nargs == 0) {
        kaa_raise_type_error("%s expected at least 1 argument, got 0", name);
    }
    MinMax m = {KAA_NULL, KAA_NULL, KAA_NULL, op};
    KaaValue dflt = KAA_NULL;
    if (KAA_NKW(kwnames) > 2) {
        kaa_raise_type_error("%s() takes at most 2 keyword arguments (%zd given)", name,
                             (ssize_t)KAA_NKW(kwnames));
    }
    for (int64_t i = 0; i < KAA_NKW(kwnames); i++) {
        KaaValue kw = kwnames->items[i], v = args[nargs + i];
        if (kw_is(kw, KAA_ID(key))) {
            m.key = v == kaa_None ? KAA_NULL : v;
        } else if (kw_is(kw, KAA_ID(default))) {
            dflt = v;
        } else {
            bad_keyword(kw, name);
        }
    }
    if (nargs > 1) {
        if (dflt) {
            kaa_raise_type_error(
                "Cannot specify a default for %s() with multiple positional arguments", name);
        }
        for (size_t i = 0; i < nargs; i++) {
            minmax_step(&m, args[i]);
        }
        return m.best;
    }
    KaaValue it = kaa_iter(args[0]);
    for (KaaValue v; (v = kaa_next(it));) {
        minmax_step(&m, v);
    }
    if (m.best) {
        return m.best;
    }
    if (dflt) {
        return dflt;
    }
    kaa_raise_value_error("%s() arg is an empty sequence", name);
}

static KaaValue builtin_min(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return min_max(args, nargs, kwnames, KAA_LT);
}

static KaaValue builtin_max(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return min_max(args, nargs, kwnames, KAA_GT);
}

// ---- sum --------------------------------------------------------------------------------------

// acc + item with the fast paths of sum(): immediates never allocate (a sum of two 48-bit
// ints fits int64). The result equals plain left-to-right '+', as in CPython 3.11.
static inline KaaValue sum_add(KaaValue acc, KaaValue item) {
    if (kaa_is_int(acc) && kaa_is_int(item)) {
        return kaa_int_from_i64(kaa_int_val(acc) + kaa_int_val(item));
    }
    if (kaa_is_float(acc)) {
        if (kaa_is_float(item)) {
            return kaa_from_float(kaa_float_val(acc) + kaa_float_val(item));
        }
        if (kaa_is_int(item)) {
            return kaa_from_float(kaa_float_val(acc) + (double)kaa_int_val(item));
        }
    }
    return kaa_binary_op(acc, item, KAA_OP_ADD);
}

static void sum_check_start(KaaValue start) {
    if (kaa_is_str(start)) {
        kaa_raise_type_error("sum() can't sum strings [use ''.join(seq) instead]");
    }
    if (kaa_is_bytes(start)) {
        kaa_raise_type_error("sum() can't sum bytes [use b''.join(seq) instead]");
    }
    if (kaa_isinstance_exact_or_sub(start, &kaa_bytearray_type)) {
        kaa_raise_type_error("sum() can't sum bytearray [use b''.join(seq) instead]");
    }
}

static KaaValue builtin_sum(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    size_t nkw = KAA_NKW(kwnames);
    if (nargs + nkw > 2) {
        kaa_raise_type_error("sum() takes at most 2 arguments (%zu given)", nargs + nkw);
    }
    if (nargs == 0) {
        kaa_raise_type_error("sum() takes at least 1 positional argument (0 given)");
    }
    KaaValue acc = nargs == 2 ? args[1] : kaa_from_small(0);
    for (size_t i = 0; i < nkw; i++) {
        if (!kw_is(kwnames->items[i], KAA_ID(start))) {
            bad_keyword(kwnames->items[i], "sum");
        }
        acc = args[nargs + i];
    }
    if (!kaa_is_int(acc)) {
        sum_check_start(acc);
    }
    KaaValue src = args[0];
    if (kaa_is_type(src, &kaa_list_type)) {
        // Re-read len and items each step: '+' may run Python code that mutates the list.
        for (int64_t i = 0; i < kaa_list(src)->len; i++) {
            acc = sum_add(acc, kaa_list(src)->items[i]);
        }
        return acc;
    }
    if (kaa_is_type(src, &kaa_tuple_type)) {
        KaaTuple *t = kaa_tuple(src);
        for (int64_t i = 0; i < t->len; i++) {
            acc = sum_add(acc, t->items[i]);
        }
        return acc;
    }
    KaaValue it = kaa_iter(src);
    for (KaaValue v; (v = kaa_next(it));) {
        acc = sum_add(acc, v);
    }
    return acc;
}

// ---- numbers ----------------------------------------------------------------------------------

static KaaValue builtin_abs(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("abs", nargs, kwnames);
    KaaValue v = args[0];
    if (kaa_is_int(v)) {
        int64_t i = kaa_int_val(v);
        return kaa_int_from_i64(i < 0 ? -i : i);
    }
    if (kaa_is_float(v)) {
        return kaa_from_float(fabs(kaa_float_val(v)));
    }
    return kaa_abs(v);
}

// Calls type(a).<name>(a, b); KAA_NULL when absent or NotImplemented.
static KaaValue try_special2(KaaValue a, KaaValue name, KaaValue b) {
    KaaValue m = kaa_lookup_special(a, name);
    if (!m) {
        return KAA_NULL;
    }
    KaaValue r = kaa_call1(m, b);
    return r == kaa_NotImplemented ? KAA_NULL : r;
}

// divmod() for everything but plain ints: __divmod__, then the reflected __rdivmod__ (first
// when the right operand's type is a subclass of the left's).
static KaaValue divmod_generic(KaaValue a, KaaValue b) {
    KaaType *ta = kaa_type_of(a), *tb = kaa_type_of(b);
    bool reflected = ta != tb && kaa_type_lookup(tb, KAA_ID(__rdivmod__));
    KaaValue r = KAA_NULL;
    if (reflected && kaa_is_subtype(tb, ta)) {
        r = try_special2(b, KAA_ID(__rdivmod__), a);
        reflected = false;
    }
    if (!r) {
        r = try_special2(a, KAA_ID(__divmod__), b);
    }
    if (!r && reflected) {
        r = try_special2(b, KAA_ID(__rdivmod__), a);
    }
    if (!r) {
        kaa_raise_type_error("unsupported operand type(s) for divmod(): '%s' and '%s'", ta->name,
                             tb->name);
    }
    return r;
}

static KaaValue builtin_divmod(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    unpack_args("divmod", nargs, kwnames, 2, 2);
    KaaValue a = args[0], b = args[1];
    if (kaa_is_int(a) && kaa_is_int(b)) {
        int64_t x = kaa_int_val(a), y = kaa_int_val(b);
        if (y == 0) {
            kaa_raise_zero_division("integer division or modulo by zero");
        }
        int64_t q = x / y, r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) {
            q -= 1;  // floor, not truncation
            r += y;
        }
        return kaa_from_obj(kaa_tuple_pack(2, kaa_int_from_i64(q), kaa_int_from_i64(r)));
    }
    if (kaa_type_of(a) == &kaa_int_type && kaa_type_of(b) == &kaa_int_type) {
        // Big ints: divmod is exactly (a // b, a % b).
        KaaValue q = kaa_binary_op(a, b, KAA_OP_FLOORDIV);
        return kaa_from_obj(kaa_tuple_pack(2, q, kaa_binary_op(a, b, KAA_OP_MOD)));
    }
    return divmod_generic(a, b);
}

static KaaValue builtin_pow(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"base", "exp", "mod"};
    KaaValue a[3];
    if (nargs == 2 && !kwnames) {
        return kaa_binary_op(args[0], args[1], KAA_OP_POW);
    }
    clinic_bind("pow", args, nargs, kwnames, params, 3, 2, a);
    if (!a[2] || a[2] == kaa_None) {
        return kaa_binary_op(a[0], a[1], KAA_OP_POW);
    }
    return kaa_power3(a[0], a[1], a[2]);
}

static KaaValue builtin_round(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"number", "ndigits"};
    KaaValue a[2];
    clinic_bind("round", args, nargs, kwnames, params, 2, 1, a);
    bool no_digits = !a[1] || a[1] == kaa_None;
    if (no_digits && kaa_is_int(a[0])) {
        return a[0];
    }
    if (no_digits && kaa_is_float(a[0])) {
        // rint rounds half to even in the default rounding mode, as round() does.
        return kaa_int_from_double(rint(kaa_float_val(a[0])));
    }
    KaaValue m = kaa_lookup_special(a[0], KAA_ID(__round__));
    if (!m) {
        kaa_raise_type_error("type %s doesn't define __round__ method", kaa_type_name_of(a[0]));
    }
    return no_digits ? kaa_call0(m) : kaa_call1(m, a[1]);
}

static KaaValue to_base(const char *name, size_t nargs, KaaValue *args, KaaTuple *kwnames,
                        int base) {
    one_arg(name, nargs, kwnames);
    return kaa_int_to_base(kaa_index(args[0]), base, true);
}

static KaaValue builtin_hex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return to_base("hex", nargs, args, kwnames, 16);
}

static KaaValue builtin_oct(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return to_base("oct", nargs, args, kwnames, 8);
}

static KaaValue builtin_bin(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return to_base("bin", nargs, args, kwnames, 2);
}

static KaaValue builtin_chr(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("chr", nargs, kwnames);
    KaaValue v = args[0];
    int64_t cp;
    if (kaa_is_int(v)) {
        cp = kaa_int_val(v);
    } else if (!kaa_int_to_i64(kaa_index(v), &cp)) {
        cp = INT64_MAX;
    }
    if (cp < INT32_MIN || cp > INT32_MAX) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    if (cp < 0 || cp > 0x10FFFF) {
        kaa_raise_value_error("chr() arg not in range(0x110000)");
    }
    return kaa_str_from_char((uint32_t)cp);
}

static KaaValue builtin_ord(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    one_arg("ord", nargs, kwnames);
    KaaValue v = args[0];
    size_t len;
    if (kaa_is_str(v)) {
        len = kaa_str(v)->len;
        if (len == 1) {
            return kaa_from_small(kaa_str_char(kaa_str(v), 0));
        }
    } else if (kaa_is_bytes(v) || kaa_isinstance_exact_or_sub(v, &kaa_bytearray_type)) {
        const uint8_t *data;
        kaa_buffer_get(v, &data, &len);
        if (len == 1) {
            return kaa_from_small(data[0]);
        }
    } else {
        kaa_raise_type_error("ord() expected string of length 1, but %T found", v);
    }
    kaa_raise_type_error("ord() expected a character, but string of length %zu found", len);
}

// ---- not (yet) available ----------------------------------------------------------------------

static KaaValue builtin_open(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    return kaa_io_open(self, args, nargs, kwnames);  // _io.open (modules/io.c)
}

static KaaValue builtin_breakpoint(KaaValue self, KaaValue *args, size_t nargs,
                                   KaaTuple *kwnames) {
    kaa_raise_not_implemented("breakpoint");
}

static KaaValue builtin_help(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    kaa_raise_not_implemented("help");
}

static KaaValue builtin_license(KaaValue self, KaaValue *args, size_t nargs,
                                KaaTuple *kwnames) {
    kaa_raise_not_implemented("license, copyright and credits");
}

// exit() and quit(), which CPython's site module adds: raise SystemExit(code).
static KaaValue builtin_exit(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"code"};
    KaaValue code;
    clinic_bind("exit", args, nargs, kwnames, params, 1, 0, &code);
    if (!code) {
        code = kaa_None;
    }
    kaa_raise(kaa_exc_new(kaa_SystemExit, &code, 1));
}

// ---- the module -------------------------------------------------------------------------------

static const KaaMethodDef builtin_functions[] = {
    {"__build_class__", kaa_builtin_build_class, 0, NULL},
    {"__import__", kaa_builtin_import, 0, NULL},
    {"abs", builtin_abs, 0, NULL},
    {"aiter", builtin_aiter, 0, NULL},
    {"all", builtin_all, 0, NULL},
    {"anext", builtin_anext, 0, NULL},
    {"any", builtin_any, 0, NULL},
    {"ascii", builtin_ascii, 0, NULL},
    {"bin", builtin_bin, 0, NULL},
    {"breakpoint", builtin_breakpoint, 0, NULL},
    {"callable", builtin_callable, 0, NULL},
    {"chr", builtin_chr, 0, NULL},
    {"compile", kaa_builtin_compile, 0, NULL},
    {"copyright", builtin_license, 0, NULL},
    {"credits", builtin_license, 0, NULL},
    {"delattr", builtin_delattr, 0, NULL},
    {"dir", kaa_builtin_dir, 0, NULL},
    {"divmod", builtin_divmod, 0, NULL},
    {"eval", kaa_builtin_eval, 0, NULL},
    {"exec", kaa_builtin_exec, 0, NULL},
    {"exit", builtin_exit, 0, NULL},
    {"format", builtin_format, 0, NULL},
    {"getattr", builtin_getattr, 0, NULL},
    {"globals", kaa_builtin_globals, 0, NULL},
    {"hasattr", builtin_hasattr, 0, NULL},
    {"hash", builtin_hash, 0, NULL},
    {"help", builtin_help, 0, NULL},
    {"hex", builtin_hex, 0, NULL},
    {"id", builtin_id, 0, NULL},
    {"input", builtin_input, 0, NULL},
    {"isinstance", builtin_isinstance, 0, NULL},
    {"issubclass", builtin_issubclass, 0, NULL},
    {"iter", builtin_iter, 0, NULL},
    {"len", builtin_len, 0, NULL},
    {"license", builtin_license, 0, NULL},
    {"locals", kaa_builtin_locals, 0, NULL},
    {"max", builtin_max, 0, NULL},
    {"min", builtin_min, 0, NULL},
    {"next", builtin_next, 0, NULL},
    {"oct", builtin_oct, 0, NULL},
    {"open", builtin_open, 0, NULL},
    {"ord", builtin_ord, 0, NULL},
    {"pow", builtin_pow, 0, NULL},
    {"print", builtin_print, 0, NULL},
    {"quit", builtin_exit, 0, NULL},
    {"repr", builtin_repr, 0, NULL},
    {"round", builtin_round, 0, NULL},
    {"setattr", builtin_setattr, 0, NULL},
    {"sorted", builtin_sorted, 0, NULL},
    {"sum", builtin_sum, 0, NULL},
    {"vars", kaa_builtin_vars, 0, NULL},
    {NULL},
};

static const struct {
    const char *name;
    KaaType *type;
} builtin_types[] = {
    {"bool", &kaa_bool_type},
    {"bytearray", &kaa_bytearray_type},
    {"bytes", &kaa_bytes_type},
    {"classmethod", &kaa_classmethod_type},
    {"complex", &kaa_complex_type},
    {"dict", &kaa_dict_type},
    {"enumerate", &kaa_enumerate_type},
    {"filter", &kaa_filter_type},
    {"float", &kaa_float_type},
    {"frozenset", &kaa_frozenset_type},
    {"int", &kaa_int_type},
    {"list", &kaa_list_type},
    {"map", &kaa_map_type},
    {"memoryview", &kaa_memoryview_type},
    {"object", &kaa_object_type},
    {"property", &kaa_property_type},
    {"range", &kaa_range_type},
    {"reversed", &kaa_reversed_type},
    {"set", &kaa_set_type},
    {"slice", &kaa_slice_type},
    {"staticmethod", &kaa_staticmethod_type},
    {"str", &kaa_str_type},
    {"super", &kaa_super_type},
    {"tuple", &kaa_tuple_type},
    {"type", &kaa_type_type},
    {"zip", &kaa_zip_type},
};

static const char builtins_doc[] =
    "Built-in functions, types, exceptions, and other objects.\n\nThis module provides "
    "direct access to all 'built-in'\nidentifiers of Python; for example, builtins.len "
    "is\nthe full name for the built-in function len().\n\nThis module is not normally "
    "accessed explicitly by most\napplications, but can be useful in modules that "
    "provide\nobjects with the same name as a built-in value, but in\nwhich the "
    "built-in of that name is also needed.";

static void add_constants(KaaValue m) {
    kaa_module_add(m, "None", kaa_None);
    kaa_module_add(m, "Ellipsis", kaa_Ellipsis);
    kaa_module_add(m, "NotImplemented", kaa_NotImplemented);
    kaa_module_add(m, "True", kaa_True);
    kaa_module_add(m, "False", kaa_False);
    kaa_module_add(m, "__debug__", kaa_True);
    kaa_module_add(m, "__doc__", kaa_str_from_cstr(builtins_doc));
    kaa_module_add(m, "__package__", kaa_str_from_ascii("", 0));
    kaa_module_add(m, "__loader__", kaa_None);
    kaa_module_add(m, "__spec__", kaa_None);
}

KaaValue kaa_builtins_init(void) {
    KaaValue m = kaa_module_new_cstr("builtins");
    add_constants(m);
    kaa_module_add_methods(m, builtin_functions);
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++) {
        kaa_module_add(m, builtin_types[i].name, kaa_from_obj(builtin_types[i].type));
    }
#define EXC(name, base) kaa_module_add(m, #name, kaa_from_obj(kaa_##name));
#include "objects/exceptions.def"
#undef EXC
    // Aliases kept since Python 3.3 made them OSError.
    kaa_module_add(m, "EnvironmentError", kaa_from_obj(kaa_OSError));
    kaa_module_add(m, "IOError", kaa_from_obj(kaa_OSError));
    return m;
}
