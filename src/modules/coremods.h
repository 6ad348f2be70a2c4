// modules/coremods.h — small helpers shared by the core-library modules (_weakref, _abc,
// _functools, _operator, itertools, _collections, _thread, _signal, _string, _codecs,
// _locale, _contextvars, gc).
//
// Stage: modules. Private to those files: argument checks with CPython's exact wording for
// the conventions its C modules use (PyArg_UnpackTuple, "takes no keyword arguments").
#ifndef KAA_MODULES_COREMODS_H
#define KAA_MODULES_COREMODS_H

#include "modules/modules.h"

// _PyArg_CheckPositional / PyArg_UnpackTuple: "NAME expected at least 1 argument, got 0".
static inline void cm_check_positional(const char *name, size_t nargs, size_t min,
                                       size_t max) {
    if (nargs < min) {
        kaa_raise_type_error("%s expected %s%zu argument%s, got %zu", name,
                             min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    }
    if (nargs > max) {
        kaa_raise_type_error("%s expected %s%zu argument%s, got %zu", name,
                             min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    }
}

static inline void cm_no_kw(const char *name, KaaTuple *kwnames) {
    if (KAA_NKW(kwnames) != 0) {
        kaa_raise_type_error("%s() takes no keyword arguments", name);
    }
}

// A new zeroed instance of type (which may be a subclass of a built-in type).
static inline void *cm_new(KaaType *type) { return kaa_obj(kaa_instance_alloc(type, 0)); }

static inline KaaValue cm_iter_self(KaaValue self) { return self; }

// A C int64 from an int-like value for sizes and counts, with CPython's messages.
static inline int64_t cm_ssize(KaaValue v) {
    if (kaa_is_int(v)) {
        return kaa_int_val(v);
    }
    if (kaa_is_float(v) || !kaa_is_obj(v) || kaa_type_of(v)->index == NULL) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(v));
    }
    KaaValue i = kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    return out;
}

// The __dict__ getset of built-in types whose instances have one (dict_offset != 0).
static inline KaaValue cm_get_dict(KaaValue self) {
    return kaa_from_obj(kaa_instance_dict(self));
}

static inline void cm_set_dict(KaaValue self, KaaValue value) {
    if (value == KAA_NULL) {
        kaa_raise_type_error("cannot delete __dict__");
    }
    if (!kaa_is_dict(value)) {
        kaa_raise_type_error("__dict__ must be set to a dictionary, not a '%s'",
                             kaa_type_name_of(value));
    }
    *kaa_instance_dict_slot(self) = value;
}

#define CM_DICT_GETSET {"__dict__", cm_get_dict, cm_set_dict, NULL}

#endif
