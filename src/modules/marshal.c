// modules/marshal.c — the marshal module: dumps, loads, dump, load, version.
//
// Stage: modules. A thin layer over pyc/marshal.c, which owns the format.
#include "modules/modules.h"
#include "pyc/pyc.h"

static int version_arg(const char *fname, KaaValue v) {
    if (!kaa_is_int_like(v)) {
        kaa_raise_type_error("'%s' object cannot be interpreted as an integer",
                             kaa_type_name_of(v));
    }
    int64_t n = kaa_int_as_i64(v);
    return n < -1000 ? -1000 : n > 1000 ? 1000 : (int)n;
}

static KaaValue marshal_dumps(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("dumps", kw);
    kaa_args_count("dumps", nargs, 1, 2);
    return kaa_marshal_dumps(args[0], nargs > 1 ? version_arg("dumps", args[1]) : 4);
}

static KaaValue marshal_loads(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("loads", kw);
    kaa_args_count("loads", nargs, 1, 1);
    const uint8_t *data;
    size_t len;
    if (kaa_is_str(args[0]) || !kaa_buffer_get(args[0], &data, &len)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'",
                             kaa_type_name_of(args[0]));
    }
    return kaa_marshal_loads(data, len, NULL);
}

static KaaValue marshal_dump(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("dump", kw);
    kaa_args_count("dump", nargs, 2, 3);
    KaaValue bytes = kaa_marshal_dumps(args[0], nargs > 2 ? version_arg("dump", args[2]) : 4);
    kaa_call_method(args[1], KAA_ID(write), &bytes, 1);
    return kaa_None;
}

// load(file) must consume exactly one object's bytes (spec B23): read what is there, then
// seek back to just after the object when the file allows it.
static KaaValue marshal_load(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("load", kw);
    kaa_args_count("load", nargs, 1, 1);
    KaaValue file = args[0];
    KaaValue tell = kaa_call_method(file, kaa_str_intern_cstr("tell"), NULL, 0);
    KaaValue data = kaa_call_method(file, KAA_ID(read), NULL, 0);
    const uint8_t *p;
    size_t len, used;
    if (!kaa_buffer_get(data, &p, &len)) {
        kaa_raise_type_error("file.read() returned not bytes but %s", kaa_type_name_of(data));
    }
    KaaValue v = kaa_marshal_loads(p, len, &used);
    KaaValue pos[1] = {kaa_binary_op(tell, kaa_int_from_u64(used), KAA_OP_ADD)};
    kaa_call_method(file, kaa_str_intern_cstr("seek"), pos, 1);
    return v;
}

static const KaaMethodDef marshal_methods[] = {
    {"dumps", marshal_dumps, 0, "Return the bytes object that would be written by dump."},
    {"loads", marshal_loads, 0, "Convert the bytes-like object to a value."},
    {"dump", marshal_dump, 0, "Write the value on the open file."},
    {"load", marshal_load, 0, "Read one value from the open file and return it."},
    {NULL},
};

KaaValue kaa_marshal_init(void) {
    KaaValue m = kaa_module_new_cstr("marshal");
    kaa_module_add_methods(m, marshal_methods);
    kaa_module_add(m, "version", kaa_from_small(4));
    return m;
}
