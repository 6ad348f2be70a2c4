// modules/gc.c — the gc module over the Boehm collector.
//
// Stage: modules. gc.collect() runs a full collection (kaa_alloc_collect) and then the weak
// reference callbacks it made due; the thresholds, counts and enable/disable are CPython's
// interface kept as state. kaa has no reference counting, so the collector is the only one
// and it is never switched off: gc.disable() records the request, as a program that relies on
// reference counting meanwhile still sees its memory reclaimed. Must not call GC_* directly.
#include "modules/modules.h"

static bool enabled = true;
static int64_t thresholds[3] = {700, 10, 10};
static int64_t debug_flags;
static KaaValue callbacks_list, garbage_list;

// Calls every function in gc.callbacks with (phase, info), as CPython does around a collection.
static void run_callbacks(const char *phase, int64_t generation) {
    KaaValue cbs = callbacks_list;
    if (!kaa_is_list(cbs) || kaa_list(cbs)->len == 0) {
        return;
    }
    KaaDict *info = kaa_dict_new();
    kaa_dict_set_cstr(info, "generation", kaa_from_small(generation));
    kaa_dict_set_cstr(info, "collected", kaa_from_small(0));
    kaa_dict_set_cstr(info, "uncollectable", kaa_from_small(0));
    KaaValue copy = kaa_list_from_iterable(cbs);
    KaaValue p = kaa_str_from_cstr(phase);
    for (int64_t i = 0; i < kaa_list(copy)->len; i++) {
        kaa_call2(kaa_list(copy)->items[i], p, kaa_from_obj(info));
    }
}

static KaaValue gc_collect(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames) {
    static const char *const params[] = {"generation", NULL};
    KaaValue a[1];
    kaa_args_bind("collect", args, nargs, kwnames, params, 0, 0, a);
    int64_t gen = a[0] != KAA_NULL ? kaa_int_as_i64(kaa_index(a[0])) : 2;
    if (gen < 0 || gen > 2) {
        kaa_raise_value_error("invalid generation");
    }
    run_callbacks("start", gen);
    kaa_alloc_collect();
    kaa_weakref_run_pending();
    run_callbacks("stop", gen);
    return kaa_from_small(0);
}

static KaaValue gc_enable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.enable", nargs, 0, 0);
    enabled = true;
    return kaa_None;
}

static KaaValue gc_disable(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.disable", nargs, 0, 0);
    enabled = false;
    return kaa_None;
}

static KaaValue gc_isenabled(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.isenabled", nargs, 0, 0);
    return kaa_bool(enabled);
}

static KaaValue gc_get_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.get_count", nargs, 0, 0);
    return kaa_from_obj(kaa_tuple_pack(3, kaa_from_small(0), kaa_from_small(0),
                                       kaa_from_small(0)));
}

static KaaValue gc_get_threshold(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.get_threshold", nargs, 0, 0);
    return kaa_from_obj(kaa_tuple_pack(3, kaa_from_small(thresholds[0]),
                                       kaa_from_small(thresholds[1]),
                                       kaa_from_small(thresholds[2])));
}

static KaaValue gc_set_threshold(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("set_threshold", kw);
    if (nargs < 1) {
        kaa_raise_type_error("set_threshold() takes at least 1 argument (0 given)");
    }
    if (nargs > 3) {
        kaa_raise_type_error("set_threshold() takes at most 3 arguments (%zu given)", nargs);
    }
    for (size_t i = 0; i < nargs; i++) {
        if (kaa_is_float(args[i])) {
            kaa_raise_type_error("'float' object cannot be interpreted as an integer");
        }
        thresholds[i] = kaa_int_as_i64(kaa_index(args[i]));
    }
    return kaa_None;
}

static KaaValue gc_get_debug(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.get_debug", nargs, 0, 0);
    return kaa_from_small(debug_flags);
}

static KaaValue gc_set_debug(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("set_debug", kw);
    kaa_args_count("set_debug", nargs, 1, 1);
    debug_flags = kaa_int_as_i64(kaa_index(args[0]));
    return kaa_None;
}

// CPython tracks containers, not atoms: numbers, strings and bytes are never tracked.
static KaaValue gc_is_tracked(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("gc.is_tracked", kw);
    kaa_args_count("gc.is_tracked", nargs, 1, 1);
    KaaValue v = args[0];
    if (!kaa_is_obj(v)) {
        return kaa_False;
    }
    KaaType *t = kaa_type_of(v);
    static KaaType *const atoms[] = {&kaa_int_type, &kaa_bool_type, &kaa_float_type,
                                     &kaa_complex_type, &kaa_str_type, &kaa_bytes_type,
                                     &kaa_none_type, &kaa_ellipsis_type, &kaa_notimpl_type};
    for (size_t i = 0; i < sizeof atoms / sizeof atoms[0]; i++) {
        if (t == atoms[i]) {
            return kaa_False;
        }
    }
    return kaa_True;
}

static KaaValue gc_is_finalized(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("gc.is_finalized", kw);
    kaa_args_count("gc.is_finalized", nargs, 1, 1);
    return kaa_False;
}

static KaaValue gc_empty_list(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_from_obj(kaa_list_new(0));
}

static KaaValue gc_freeze(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.freeze", nargs, 0, 0);
    return kaa_None;
}

static KaaValue gc_unfreeze(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.unfreeze", nargs, 0, 0);
    return kaa_None;
}

static KaaValue gc_get_freeze_count(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.get_freeze_count", nargs, 0, 0);
    return kaa_from_small(0);
}

static KaaValue gc_get_stats(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_count("gc.get_stats", nargs, 0, 0);
    KaaList *out = kaa_list_new(0);
    for (int i = 0; i < 3; i++) {
        KaaDict *d = kaa_dict_new();
        kaa_dict_set_cstr(d, "collections", kaa_from_small(0));
        kaa_dict_set_cstr(d, "collected", kaa_from_small(0));
        kaa_dict_set_cstr(d, "uncollectable", kaa_from_small(0));
        kaa_list_append(out, kaa_from_obj(d));
    }
    return kaa_from_obj(out);
}

static const KaaMethodDef gc_methods[] = {
    {"collect", gc_collect, 0, "Run the garbage collector."},
    {"enable", gc_enable, 0, "Enable automatic garbage collection."},
    {"disable", gc_disable, 0, "Disable automatic garbage collection."},
    {"isenabled", gc_isenabled, 0, "Returns true if automatic garbage collection is enabled."},
    {"get_count", gc_get_count, 0, "Return a three-tuple of the current collection counts."},
    {"get_threshold", gc_get_threshold, 0, "Return the current collection thresholds."},
    {"set_threshold", gc_set_threshold, 0, "Set the collection thresholds."},
    {"get_debug", gc_get_debug, 0, "Get the garbage collection debugging flags."},
    {"set_debug", gc_set_debug, 0, "Set the garbage collection debugging flags."},
    {"is_tracked", gc_is_tracked, 0, NULL},
    {"is_finalized", gc_is_finalized, 0, NULL},
    {"get_objects", gc_empty_list, 0, NULL},
    {"get_referrers", gc_empty_list, 0, NULL},
    {"get_referents", gc_empty_list, 0, NULL},
    {"freeze", gc_freeze, 0, NULL},
    {"unfreeze", gc_unfreeze, 0, NULL},
    {"get_freeze_count", gc_get_freeze_count, 0, NULL},
    {"get_stats", gc_get_stats, 0, NULL},
    {NULL},
};

KaaValue kaa_gc_init(void) {
    KaaValue m = kaa_module_new_cstr("gc");
    kaa_module_add_methods(m, gc_methods);
    callbacks_list = kaa_from_obj(kaa_list_new(0));
    garbage_list = kaa_from_obj(kaa_list_new(0));
    kaa_module_add(m, "callbacks", callbacks_list);
    kaa_module_add(m, "garbage", garbage_list);
    static const struct {
        const char *name;
        int value;
    } flags[] = {{"DEBUG_STATS", 1}, {"DEBUG_COLLECTABLE", 2}, {"DEBUG_UNCOLLECTABLE", 4},
                 {"DEBUG_SAVEALL", 32}, {"DEBUG_LEAK", 38}};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        kaa_module_add(m, flags[i].name, kaa_from_small(flags[i].value));
    }
    return m;
}
