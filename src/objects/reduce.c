// objects/reduce.c — object.__reduce_ex__, object.__reduce__ and object.__getstate__: how an
// ordinary object describes itself to copy and pickle.
//
// Stage: objects. Protocol 2 and later describe an instance as copyreg.__newobj__(cls, *args)
// plus its state (its __dict__, and its __slots__ values as a second dict) plus, for list and
// dict subclasses, iterators over their items; protocols 0 and 1 go to copyreg._reduce_ex, as
// in CPython. Built-in types that need more than that define their own __reduce__.
#include "objects/objects.h"
#include "runtime/import.h"

static KaaValue copyreg_attr(const char *name) {
    return kaa_getattr_cstr(kaa_import_module_cstr("copyreg"), name);
}

// cls.__slotnames__, computed by copyreg._slotnames when the class has none cached.
static KaaValue slot_names(KaaType *cls) {
    KaaValue names = kaa_dict_get_str(cls->dict, kaa_str_intern_cstr("__slotnames__"));
    if (names != KAA_NULL && (names == kaa_None || kaa_is_list(names))) {
        return names;
    }
    if (names != KAA_NULL) {
        kaa_raise_type_error("%s.__slotnames__ should be a list or None, not %s", cls->name,
                             kaa_type_name_of(names));
    }
    return kaa_call1(copyreg_attr("_slotnames"), kaa_from_obj(cls));
}

// The first class in cls's bases that is not a class statement's: object, or the built-in
// type whose layout instances extend.
static KaaType *builtin_base(KaaType *cls) {
    while (cls->base != NULL && kaa_type_has(cls, KAA_TPFLAG_HEAPTYPE)) {
        cls = cls->base;
    }
    return cls;
}

// getattr(obj, name) or KAA_NULL when that raises AttributeError (an unset __slots__ value).
static KaaValue attr_or_null(KaaValue obj, KaaValue name) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (!kaa_exc_matches(h.exc, kaa_AttributeError)) {
            kaa_reraise(h.exc);
        }
        return KAA_NULL;
    }
    KaaValue v = kaa_getattr_opt(obj, name);
    kaa_handler_pop(&h);
    return v;
}

// The default state: __dict__ (or None), paired with a dict of the set __slots__ values when
// there are any. `required`: the object is rebuilt from its class alone, so a layout beyond
// object's (a C type's fields) cannot be pickled.
static KaaValue default_state(KaaValue obj, bool required) {
    KaaType *cls = kaa_type_of(obj);
    if (required && kaa_type_has(cls, KAA_TPFLAG_VAR_SIZE)) {
        kaa_raise_type_error("cannot pickle %s objects", cls->name);
    }
    KaaValue state = kaa_None;
    if (kaa_is_obj(obj) && cls->dict_offset != 0) {
        KaaDict *d = kaa_instance_dict(obj);
        if (d != NULL && d->used > 0) {
            state = kaa_from_obj(d);
        }
    }
    if (required && builtin_base(cls) != &kaa_object_type) {
        kaa_raise_type_error("cannot pickle '%s' object", cls->name);
    }
    KaaValue names = slot_names(cls);
    if (names == kaa_None || kaa_list(names)->len == 0) {
        return state;
    }
    KaaDict *slots = kaa_dict_new();
    KaaList *list = kaa_list(names);
    for (int64_t i = 0; i < list->len; i++) {
        KaaValue value = attr_or_null(obj, list->items[i]);
        if (value != KAA_NULL) {
            kaa_dict_set(slots, list->items[i], value);
        }
    }
    if (slots->used > 0) {
        state = kaa_from_obj(kaa_tuple_pack(2, state, kaa_from_obj(slots)));
    }
    return state;
}

// obj.__getstate__(), skipping the call when it is object's own.
static KaaValue get_state(KaaValue obj, bool required) {
    KaaValue getstate = kaa_getattr(obj, kaa_str_intern_cstr("__getstate__"));
    if (kaa_is_type(getstate, &kaa_cfunction_type)) {
        KaaCFunction *f = (KaaCFunction *)kaa_obj(getstate);
        if (f->def->fn == kaa_object_getstate && f->self == obj) {
            return default_state(obj, required);
        }
    }
    return kaa_call0(getstate);
}

// __getnewargs_ex__() or __getnewargs__(), checked as CPython checks them.
static void new_arguments(KaaValue obj, KaaValue *args, KaaValue *kwargs) {
    *args = *kwargs = KAA_NULL;
    KaaValue ex = kaa_lookup_special(obj, kaa_str_intern_cstr("__getnewargs_ex__"));
    if (ex != KAA_NULL) {
        KaaValue r = kaa_call0(ex);
        if (!kaa_is_tuple(r)) {
            kaa_raise_type_error("__getnewargs_ex__ should return a tuple, not '%s'",
                                 kaa_type_name_of(r));
        }
        if (kaa_tuple(r)->len != 2) {
            kaa_raise_type_error("__getnewargs_ex__ should return a tuple of length 2, not %lld",
                                 (long long)kaa_tuple(r)->len);
        }
        *args = kaa_tuple(r)->items[0];
        *kwargs = kaa_tuple(r)->items[1];
        if (!kaa_is_tuple(*args)) {
            kaa_raise_type_error("first item of the tuple returned by __getnewargs_ex__ must be "
                                 "a tuple, not '%s'", kaa_type_name_of(*args));
        }
        if (!kaa_is_dict(*kwargs)) {
            kaa_raise_type_error("second item of the tuple returned by __getnewargs_ex__ must "
                                 "be a dict, not '%s'", kaa_type_name_of(*kwargs));
        }
        return;
    }
    KaaValue plain = kaa_lookup_special(obj, kaa_str_intern_cstr("__getnewargs__"));
    if (plain != KAA_NULL) {
        *args = kaa_call0(plain);
        if (!kaa_is_tuple(*args)) {
            kaa_raise_type_error("__getnewargs__ should return a tuple, not '%s'",
                                 kaa_type_name_of(*args));
        }
    }
}

// Protocol 2: (copyreg.__newobj__, (cls, *args), state, listitems, dictitems).
static KaaValue reduce_newobj(KaaValue obj) {
    KaaType *cls = kaa_type_of(obj);
    if (cls->new_ == NULL) {
        kaa_raise_type_error("cannot pickle '%s' object", cls->name);
    }
    KaaValue args, kwargs;
    new_arguments(obj, &args, &kwargs);
    bool hasargs = args != KAA_NULL;
    KaaValue newobj, newargs;
    if (kwargs == KAA_NULL || kaa_dict(kwargs)->used == 0) {
        KaaTuple *a = hasargs ? kaa_tuple(args) : kaa_empty_tuple;
        KaaTuple *t = kaa_tuple_new((size_t)a->len + 1);
        t->items[0] = kaa_from_obj(cls);
        for (int64_t i = 0; i < a->len; i++) {
            t->items[i + 1] = a->items[i];
        }
        newobj = copyreg_attr("__newobj__");
        newargs = kaa_from_obj(t);
    } else {
        newobj = copyreg_attr("__newobj_ex__");
        newargs = kaa_from_obj(kaa_tuple_pack(3, kaa_from_obj(cls), args, kwargs));
    }
    bool is_list = kaa_is_list(obj), is_dict = kaa_is_dict(obj);
    KaaValue state = get_state(obj, !hasargs && !is_list && !is_dict);
    KaaValue listitems = is_list ? kaa_iter(obj) : kaa_None;
    KaaValue dictitems =
        is_dict ? kaa_iter(kaa_call_method(obj, kaa_str_intern_cstr("items"), NULL, 0)) : kaa_None;
    return kaa_from_obj(kaa_tuple_pack(5, newobj, newargs, state, listitems, dictitems));
}

static KaaValue common_reduce(KaaValue obj, int64_t protocol) {
    if (protocol >= 2) {
        return reduce_newobj(obj);
    }
    KaaValue args[2] = {obj, kaa_from_small(protocol)};
    return kaa_call(copyreg_attr("_reduce_ex"), args, 2, NULL);
}

KaaValue kaa_object_reduce(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("__reduce__", kw);
    kaa_args_count("__reduce__", nargs, 0, 0);
    return common_reduce(self, 0);
}

KaaValue kaa_object_reduce_ex(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("__reduce_ex__", kw);
    kaa_args_count("__reduce_ex__", nargs, 1, 1);
    KaaValue p = kaa_index(args[0]);
    int64_t protocol = kaa_is_int(p) ? kaa_int_val(p) : (kaa_int_sign(p) < 0 ? -1 : 1000);
    // A class that overrides __reduce__ answers through it.
    KaaValue reduce = kaa_type_lookup(kaa_type_of(self), kaa_str_intern_cstr("__reduce__"));
    KaaValue own = kaa_dict_get_str(kaa_object_type.dict, kaa_str_intern_cstr("__reduce__"));
    if (reduce != KAA_NULL && reduce != own) {
        return kaa_call0(kaa_getattr(self, kaa_str_intern_cstr("__reduce__")));
    }
    return common_reduce(self, protocol);
}

KaaValue kaa_object_getstate(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_args_no_kw("__getstate__", kw);
    kaa_args_count("__getstate__", nargs, 0, 0);
    return default_state(self, false);
}
