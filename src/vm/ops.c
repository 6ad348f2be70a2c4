// vm/ops.c — the out-of-line operations of the eval loop: name lookup beyond the fast path,
// unpacking, formatting, function creation, calls with * and **, exceptions, with, imports.
//
// Stage: vm. Each function implements one instruction's slow path with CPython's semantics
// and error messages; eval.c keeps only the fast paths.
#include <string.h>

#include "runtime/import.h"
#include "vm/ops.h"

// ---- names ------------------------------------------------------------------------------------

static KAA_NORETURN void name_error(KaaValue name) {
    KaaValue exc = kaa_exc_new_msg(kaa_NameError,
                                   kaa_str_printf("name '%S' is not defined", name));
    kaa_exc_set_attr(exc, "name", name);
    kaa_raise(exc);
}

KaaValue kaa_vm_load_global(KaaFrame *f, KaaValue name) {
    KaaValue v = kaa_dict_get_str(f->globals, name);
    if (v == KAA_NULL) {
        v = kaa_dict_get_str(f->builtins, name);
    }
    if (v == KAA_NULL) {
        name_error(name);
    }
    return v;
}

static KaaValue mapping_get(KaaValue mapping, KaaValue name) {
    if (kaa_is_type(mapping, &kaa_dict_type)) {
        return kaa_dict_get_str(kaa_dict(mapping), name);
    }
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue v = kaa_getitem(mapping, name);
        kaa_handler_pop(&h);
        return v;
    }
    if (kaa_exc_matches(h.exc, kaa_KeyError)) {
        return KAA_NULL;
    }
    kaa_reraise(h.exc);
}

KaaValue kaa_vm_load_name(KaaFrame *f, KaaValue name) {
    if (f->locals == KAA_NULL) {
        kaa_raise_msg(kaa_SystemError, "no locals when loading %R", name);
    }
    KaaValue v = mapping_get(f->locals, name);
    if (v != KAA_NULL) {
        return v;
    }
    return kaa_vm_load_global(f, name);
}

KaaValue kaa_vm_load_classderef(KaaFrame *f, int slot) {
    KaaValue name = f->code->localsplusnames->items[slot];
    if (f->locals != KAA_NULL) {
        KaaValue v = mapping_get(f->locals, name);
        if (v != KAA_NULL) {
            return v;
        }
    }
    KaaValue v = ((KaaCell *)kaa_obj(f->localsplus[slot]))->value;
    if (v == KAA_NULL) {
        kaa_vm_unbound_free(f->code, slot);
    }
    return v;
}

void kaa_vm_store_name(KaaFrame *f, KaaValue name, KaaValue value) {
    if (f->locals == KAA_NULL) {
        kaa_raise_msg(kaa_SystemError, "no locals found when storing %R", name);
    }
    if (kaa_is_type(f->locals, &kaa_dict_type)) {
        kaa_dict_set(kaa_dict(f->locals), name, value);
    } else {
        kaa_setitem(f->locals, name, value);
    }
}

void kaa_vm_delete_name(KaaFrame *f, KaaValue name) {
    if (kaa_is_type(f->locals, &kaa_dict_type)) {
        if (!kaa_dict_del(kaa_dict(f->locals), name)) {
            name_error(name);
        }
        return;
    }
    kaa_delitem(f->locals, name);
}

void kaa_vm_delete_global(KaaFrame *f, KaaValue name) {
    if (!kaa_dict_del(f->globals, name)) {
        name_error(name);
    }
}

KAA_NORETURN void kaa_vm_unbound_local(KaaCode *code, int slot) {
    KaaValue name = code->localsplusnames->items[slot];
    kaa_raise_msg(kaa_UnboundLocalError,
                  "cannot access local variable '%S' where it is not associated with a value",
                  name);
}

KAA_NORETURN void kaa_vm_unbound_free(KaaCode *code, int slot) {
    KaaValue name = code->localsplusnames->items[slot];
    const uint8_t *kinds = kaa_bytes(code->localspluskinds)->data;
    if (kinds[slot] & CO_FAST_FREE) {
        kaa_raise_msg(kaa_NameError,
                      "cannot access free variable '%S' where it is not associated with a value "
                      "in enclosing scope", name);
    }
    kaa_vm_unbound_local(code, slot);
}

// LOAD_METHOD: a method found on the type is returned unbound, with *self_out = obj, so the
// call needs no bound-method object. Anything else is a plain attribute load.
KaaValue kaa_vm_load_method(KaaValue obj, KaaValue name, KaaValue *self_out) {
    KaaType *t = kaa_type_of(obj);
    if (t->getattr == kaa_generic_getattr) {
        KaaValue descr = kaa_type_lookup(t, name);
        if (descr != KAA_NULL && kaa_type_has(kaa_type_of(descr), KAA_TPFLAG_METHOD_DESCRIPTOR)) {
            KaaValue *slot = kaa_instance_dict_slot(obj);
            if (slot != NULL && *slot != KAA_NULL) {
                KaaValue v = kaa_dict_get_str(kaa_dict(*slot), name);
                if (v != KAA_NULL) {
                    return v;
                }
            }
            *self_out = obj;
            return descr;
        }
    }
    KaaValue v = t->getattr != NULL ? t->getattr(obj, name) : KAA_NULL;
    if (v == KAA_NULL) {
        kaa_raise_attribute_error(obj, name);
    }
    return v;
}

// ---- inline caches ------------------------------------------------------------------------------
// Each slow path does the full lookup, then records what it found when the fast path in
// eval.c can reuse it safely: guarded by a type's version (changes when the class or a base
// changes) or a dict's keys_version (changes when keys come or go).

KaaValue kaa_vm_load_global_cached(KaaFrame *f, KaaValue name, KaaInlineCache *c) {
    int64_t i = kaa_dict_index_str(f->globals, name);
    if (i >= 0) {
        c->guard = f->globals->keys_version;
        c->index = i;
        return f->globals->entries[i].value;
    }
    i = kaa_dict_index_str(f->builtins, name);
    if (i >= 0) {
        c->guard = f->globals->keys_version;
        c->guard2 = f->builtins->keys_version;
        c->index = ~i;
        return f->builtins->entries[i].value;
    }
    name_error(name);
}

// Instances whose attributes the fast path may read directly: generic attribute access and a
// fixed layout (variable-size bodies put the __dict__ at a varying offset).
static bool plain_instance(KaaType *t) {
    return t->getattr == kaa_generic_getattr && (t->flags & KAA_TPFLAG_VAR_SIZE) == 0;
}

static bool is_slot_member(KaaValue descr) {
    return kaa_is_type(descr, &kaa_member_descr_type) &&
           ((KaaDescr *)kaa_obj(descr))->def == NULL;
}

// Fills an instance-attribute cache entry; an entry of the same kind and index for another
// type keeps that type among its `also` versions (polymorphic sites stay cached).
static void set_attr_entry(KaaInlineCache *c, uint64_t version, uint64_t kind, int64_t index) {
    if (c->guard2 == kind && c->index == index && c->guard != 0 && c->guard != version) {
        c->also[2] = c->also[1];
        c->also[1] = c->also[0];
        c->also[0] = c->guard;
    } else if (c->guard2 != kind || c->index != index) {
        c->also[0] = c->also[1] = c->also[2] = 0;
    }
    c->guard = version;
    c->guard2 = kind;
    c->index = index;
}

static void cache_instance_attr(KaaValue obj, KaaValue name, KaaInlineCache *c) {
    KaaType *t = kaa_obj(obj)->type;
    KaaValue descr = kaa_type_lookup(t, name);
    if (descr == KAA_NULL && t->dict_offset > 0) {
        KaaValue d = *(KaaValue *)((char *)kaa_obj(obj) + t->dict_offset);
        int64_t ix = d != KAA_NULL ? kaa_dict_index_str(kaa_dict(d), name) : -1;
        if (ix >= 0) {
            set_attr_entry(c, t->version, ATTR_DICT, ix);
        }
    } else if (descr != KAA_NULL && is_slot_member(descr)) {
        set_attr_entry(c, t->version, ATTR_SLOT, (int64_t)((KaaDescr *)kaa_obj(descr))->offset);
    }
}

KaaValue kaa_vm_load_attr_cached(KaaValue obj, KaaValue name, KaaInlineCache *c) {
    KaaType *t = kaa_type_of(obj);
    KaaValue v = t->getattr != NULL ? t->getattr(obj, name) : KAA_NULL;
    if (v == KAA_NULL) {
        kaa_raise_attribute_error(obj, name);
    }
    if (t == &kaa_module_type) {
        KaaDict *d = ((KaaModule *)kaa_obj(obj))->dict;
        int64_t ix = kaa_type_lookup(t, name) == KAA_NULL ? kaa_dict_index_str(d, name) : -1;
        if (ix >= 0) {
            c->guard = d->keys_version;
            c->guard2 = ATTR_MODULE;
            c->index = ix;
        }
    } else if (kaa_is_obj(obj) && plain_instance(t)) {
        cache_instance_attr(obj, name, c);
    }
    return v;
}

void kaa_vm_store_attr_cached(KaaValue obj, KaaValue name, KaaValue v, KaaInlineCache *c) {
    kaa_setattr(obj, name, v);
    KaaType *t = kaa_type_of(obj);
    if (kaa_is_obj(obj) && t->setattr == kaa_generic_setattr && plain_instance(t)) {
        cache_instance_attr(obj, name, c);
    }
}

KaaValue kaa_vm_load_method_cached(KaaValue obj, KaaValue name, KaaValue *self_out,
                                   KaaInlineCache *c) {
    KaaValue m = kaa_vm_load_method(obj, name, self_out);
    KaaType *t = kaa_type_of(obj);
    if (*self_out != KAA_NULL && (!kaa_is_obj(obj) || t->getattr == kaa_generic_getattr)) {
        bool var = kaa_is_obj(obj) && (t->flags & KAA_TPFLAG_VAR_SIZE) && t->dict_offset != 0;
        if (!var) {
            c->guard = t->version;
            c->guard2 = t->dict_offset > 0 ? METH_DICT : METH_NO_DICT;
            c->value = m;
        }
    }
    return m;
}

// ---- building values ------------------------------------------------------------------------

KaaValue kaa_vm_format_value(KaaValue value, int conversion, KaaValue spec) {
    switch (conversion) {
    case 1: value = kaa_to_str(value); break;
    case 2: value = kaa_repr(value); break;
    case 3: value = kaa_ascii(value); break;
    default: break;
    }
    if (spec == KAA_NULL && kaa_is_type(value, &kaa_str_type)) {
        return value;
    }
    if (spec == KAA_NULL && kaa_is_int(value)) {
        return kaa_int_repr(value);
    }
    return kaa_format(value, spec);  // KAA_NULL: the empty spec
}

KaaValue kaa_vm_build_string(KaaValue *items, int n) {
    size_t total = 0;
    int kind = 1;
    bool ascii = true;
    for (int i = 0; i < n; i++) {
        KaaStr *s = kaa_str(items[i]);
        total += s->len;
        kind = s->kind > kind ? s->kind : kind;
        ascii = ascii && s->ascii;
    }
    if (kind == 1) {
        KaaValue r = kaa_str_new_raw(total, 1, ascii);
        size_t at = 0;
        for (int i = 0; i < n; i++) {
            KaaStr *s = kaa_str(items[i]);
            memcpy(kaa_str(r)->data + at, s->data, s->len);
            at += s->len;
        }
        return r;
    }
    KaaStrBuf b;
    kaa_strbuf_init(&b);
    for (int i = 0; i < n; i++) {
        kaa_strbuf_putstr(&b, items[i]);
    }
    return kaa_strbuf_finish(&b);
}

// UNPACK_SEQUENCE pushes the items last-first, so the first is on top of the stack.
void kaa_vm_unpack_sequence(KaaValue seq, int n, KaaValue *dst) {
    KaaValue tmp[16];
    KaaValue *items = n <= 16 ? tmp : kaa_alloc((size_t)n * sizeof(KaaValue));
    kaa_unpack(seq, (size_t)n, items);
    for (int i = 0; i < n; i++) {
        dst[n - 1 - i] = items[i];
    }
}

void kaa_vm_unpack_ex(KaaValue seq, int before, int after, KaaValue *dst) {
    KaaType *t = kaa_type_of(seq);
    if (t->iter == NULL && t->getitem == NULL) {
        kaa_raise_type_error("cannot unpack non-iterable %s object", t->name);
    }
    KaaList *all = kaa_list(kaa_list_from_iterable(seq));
    int64_t n = all->len;
    if (n < before + after) {
        kaa_raise_value_error("not enough values to unpack (expected at least %d, got %lld)",
                              before + after, (long long)n);
    }
    int total = before + after + 1;
    for (int i = 0; i < before; i++) {
        dst[total - 1 - i] = all->items[i];
    }
    KaaList *star = kaa_list_from_array(all->items + before, (size_t)(n - before - after));
    dst[after] = kaa_from_obj(star);
    for (int i = 0; i < after; i++) {
        dst[after - 1 - i] = all->items[n - after + i];
    }
}

KaaValue kaa_vm_make_function(KaaCode *code, KaaFrame *f, int flags, KaaValue *extras) {
    KaaFunction *fn = kaa_function_new(code, f->globals, code->qualname);
    int i = 0;
    if (flags & 0x01) {
        fn->defaults = kaa_tuple(extras[i++]);
    }
    if (flags & 0x02) {
        fn->kwdefaults = kaa_dict(extras[i++]);
    }
    if (flags & 0x04) {
        fn->annotations = extras[i++];
    }
    if (flags & 0x08) {
        fn->closure = kaa_tuple(extras[i++]);
    }
    return kaa_from_obj(fn);
}

KaaValue kaa_vm_build_const_key_map(KaaValue *values, KaaValue keys) {
    KaaTuple *k = kaa_tuple(keys);
    KaaDict *d = kaa_dict_new_presized((size_t)k->len);
    for (int64_t i = 0; i < k->len; i++) {
        kaa_dict_set(d, k->items[i], values[i]);
    }
    return kaa_from_obj(d);
}

// ---- calls with * and ** --------------------------------------------------------------------

static KaaValue func_desc(KaaValue callable) {
    KaaValue qual = kaa_getattr_opt(callable, KAA_ID(__qualname__));
    if (qual != KAA_NULL && kaa_is_type(callable, &kaa_function_type)) {
        KaaValue mod = ((KaaFunction *)kaa_obj(callable))->module;
        if (kaa_is_str(mod) && !kaa_str_eq_cstr(mod, "builtins")) {
            return kaa_str_printf("%S.%S()", mod, qual);
        }
    }
    if (qual != KAA_NULL && kaa_is_str(qual)) {
        return kaa_str_printf("%S()", qual);
    }
    return kaa_str_printf("%s object", kaa_type_name_of(callable));
}

KaaValue kaa_vm_call_ex(KaaValue callable, KaaValue args, KaaValue kwargs) {
    if (!kaa_is_type(args, &kaa_tuple_type)) {
        KaaType *t = kaa_type_of(args);
        if (t->iter == NULL && t->getitem == NULL) {
            kaa_raise_type_error("%S argument after * must be an iterable, not %s",
                                 func_desc(callable), t->name);
        }
        args = kaa_tuple_from_iterable(args);
    }
    KaaDict *kw = NULL;
    if (kwargs != KAA_NULL) {
        if (kaa_is_type(kwargs, &kaa_dict_type)) {
            kw = kaa_dict(kwargs);
        } else {
            kw = kaa_dict_new();
            kaa_vm_dict_merge(callable, kaa_from_obj(kw), kwargs);
        }
    }
    return kaa_call_tuple_dict(callable, kaa_tuple(args), kw);
}

void kaa_vm_dict_merge(KaaValue callable, KaaValue dict, KaaValue other) {
    KaaDict *d = kaa_dict(dict);
    KaaValue keys_fn = kaa_is_dict(other) ? KAA_NULL : kaa_getattr_opt(other, KAA_ID(keys));
    if (!kaa_is_dict(other) && keys_fn == KAA_NULL) {
        kaa_raise_type_error("%S argument after ** must be a mapping, not %s",
                             func_desc(callable), kaa_argtype_name(other));
    }
    KaaValue keys = kaa_is_dict(other) ? other : kaa_call0(keys_fn);
    KaaValue it = kaa_iter(keys);
    for (KaaValue k; (k = kaa_next(it)) != KAA_NULL;) {
        // Key types are checked by the call itself (kaa_call_tuple_dict), as in CPython.
        if (kaa_dict_get(d, k) != KAA_NULL) {
            kaa_raise_type_error("%S got multiple values for keyword argument '%S'",
                                 func_desc(callable), k);
        }
        kaa_dict_set(d, k, kaa_getitem(other, k));
    }
}

void kaa_vm_dict_update(KaaValue dict, KaaValue other) {
    if (!kaa_is_dict(other) && kaa_getattr_opt(other, KAA_ID(keys)) == KAA_NULL) {
        kaa_raise_type_error("'%s' object is not a mapping", kaa_type_name_of(other));
    }
    kaa_dict_update(kaa_dict(dict), other);
}

void kaa_vm_list_extend(KaaValue list, KaaValue iterable) {
    KaaType *t = kaa_type_of(iterable);
    if (t->iter == NULL && t->getitem == NULL) {
        kaa_raise_type_error("Value after * must be an iterable, not %s", t->name);
    }
    kaa_list_extend(kaa_list(list), iterable);
}

// ---- exceptions -------------------------------------------------------------------------------

static void check_catchable(KaaValue type) {
    if (kaa_is_tuple(type)) {
        KaaTuple *t = kaa_tuple(type);
        for (int64_t i = 0; i < t->len; i++) {
            check_catchable(t->items[i]);
        }
        return;
    }
    if (!kaa_is_exception_class(type)) {
        kaa_raise_type_error("catching classes that do not inherit from BaseException is not "
                             "allowed");
    }
}

KaaValue kaa_vm_check_exc_match(KaaValue exc, KaaValue type) {
    if (kaa_is_obj(type) && kaa_is_exception_class(type)) {
        return kaa_bool(kaa_is_subtype(kaa_type_of(exc), (KaaType *)kaa_obj(type)));
    }
    check_catchable(type);
    KaaTuple *t = kaa_tuple(type);
    for (int64_t i = 0; i < t->len; i++) {
        if (kaa_is_subtype(kaa_type_of(exc), (KaaType *)kaa_obj(t->items[i]))) {
            return kaa_True;
        }
    }
    return kaa_False;
}

static KaaValue instantiate(KaaValue v, const char *what) {
    if (kaa_is_exception_class(v)) {
        KaaValue e = kaa_call0(v);
        if (!kaa_is_exception(e)) {
            kaa_raise_type_error("calling %R should have returned an instance of BaseException, "
                                 "not %s", v, kaa_type_name_of(e));
        }
        return e;
    }
    if (kaa_is_exception(v)) {
        return v;
    }
    kaa_raise_type_error("%s", what);
}

KaaValue kaa_vm_exception_for_raise(KaaValue exc, KaaValue cause, bool has_cause) {
    KaaValue e = instantiate(exc, "exceptions must derive from BaseException");
    if (has_cause) {
        if (cause == kaa_None) {
            kaa_exc(e)->cause = KAA_NULL;
        } else {
            kaa_exc(e)->cause = instantiate(cause, "exception causes must derive from "
                                                   "BaseException");
        }
        kaa_exc(e)->suppress_context = true;
    }
    return e;
}

static bool is_group_class(KaaValue t) {
    return kaa_is_exception_class(t) &&
           kaa_is_subtype((KaaType *)kaa_obj(t), kaa_BaseExceptionGroup);
}

// except* T: splits the exception (group) being handled into the part T matches and the rest.
// A bare exception that matches is wrapped in a group of its own.
void kaa_vm_check_eg_match(KaaValue exc, KaaValue type, KaaValue *rest, KaaValue *match) {
    check_catchable(type);
    bool group_type = is_group_class(type);
    for (int64_t i = 0; kaa_is_tuple(type) && i < kaa_tuple(type)->len; i++) {
        group_type |= is_group_class(kaa_tuple(type)->items[i]);
    }
    if (group_type) {
        kaa_raise_type_error("catching ExceptionGroup with except* is not allowed. Use except "
                             "instead.");
    }
    *rest = *match = kaa_None;
    if (exc == kaa_None) {
        return;
    }
    bool is_group = kaa_exc_matches(exc, kaa_BaseExceptionGroup);
    if (kaa_truthy(kaa_vm_check_exc_match(exc, type))) {
        if (is_group) {
            *match = exc;
        } else {
            KaaValue args[2] = {kaa_str_from_ascii("", 0),
                                kaa_from_obj(kaa_tuple_pack(1, exc))};
            *match = kaa_call(kaa_from_obj(kaa_BaseExceptionGroup), args, 2, NULL);
            kaa_exc(*match)->traceback = kaa_exc(exc)->traceback;
        }
    } else if (is_group) {
        KaaValue pair = kaa_call_method(exc, kaa_str_intern_cstr("split"), &type, 1);
        *match = kaa_tuple(pair)->items[0];
        *rest = kaa_tuple(pair)->items[1];
    } else {
        *rest = exc;
    }
    if (*match != kaa_None) {
        kaa_ts.exc_info->exc = *match;  // sys.exc_info() in the handler is the matched part
    }
}

// Whether e came out of the original group unchanged (re-raised by a handler or never
// handled): the same traceback, cause, context and notes, as CPython decides it.
static bool same_metadata(KaaValue e, KaaValue orig) {
    KaaException *a = kaa_exc(e), *b = kaa_exc(orig);
    return a->traceback == b->traceback && a->cause == b->cause && a->context == b->context &&
           kaa_exc_attr(e, "__notes__") == kaa_exc_attr(orig, "__notes__");
}

static void collect_leaf_ids(KaaValue exc, KaaSet *ids) {
    if (kaa_exc_matches(exc, kaa_BaseExceptionGroup)) {
        KaaTuple *t = kaa_tuple(kaa_exc_attr(exc, "exceptions"));
        for (int64_t i = 0; i < t->len; i++) {
            collect_leaf_ids(t->items[i], ids);
        }
    } else {
        kaa_set_add(ids, kaa_int_from_u64(exc));
    }
}

// The part of orig whose leaves are among keep, with orig's nesting.
static KaaValue project(KaaValue orig, KaaSet *keep) {
    if (!kaa_exc_matches(orig, kaa_BaseExceptionGroup)) {
        return kaa_set_contains(keep, kaa_int_from_u64(orig)) ? orig : KAA_NULL;
    }
    KaaTuple *t = kaa_tuple(kaa_exc_attr(orig, "exceptions"));
    KaaList *kept = kaa_list_new(0);
    for (int64_t i = 0; i < t->len; i++) {
        KaaValue p = project(t->items[i], keep);
        if (p != KAA_NULL) {
            kaa_list_append(kept, p);
        }
    }
    if (kept->len == 0) {
        return KAA_NULL;
    }
    if (kept->len == t->len) {
        return orig;
    }
    KaaValue arg = kaa_from_obj(kept);
    KaaValue d = kaa_call_method(orig, kaa_str_intern_cstr("derive"), &arg, 1);
    KaaException *dd = kaa_exc(d), *oo = kaa_exc(orig);
    dd->traceback = oo->traceback;
    dd->cause = oo->cause;
    dd->context = oo->context;
    return d;
}

// After the except* handlers: what propagates. excs holds what each handler raised and,
// last, the unhandled rest; re-raised parts rejoin the original group's structure.
KaaValue kaa_vm_prep_reraise_star(KaaValue orig, KaaValue excs) {
    KaaList *l = kaa_list(excs);
    if (!kaa_exc_matches(orig, kaa_BaseExceptionGroup)) {
        for (int64_t i = 0; i < l->len; i++) {
            if (l->items[i] != kaa_None) {
                return l->items[i];
            }
        }
        return kaa_None;
    }
    KaaList *raised = kaa_list_new(0);
    KaaSet *reraised = kaa_set_new(&kaa_set_type);
    for (int64_t i = 0; i < l->len; i++) {
        KaaValue e = l->items[i];
        if (e == kaa_None) {
            continue;
        }
        if (same_metadata(e, orig) || (kaa_exc_matches(e, kaa_BaseExceptionGroup) &&
                                       kaa_exc(e)->traceback == kaa_exc(orig)->traceback)) {
            collect_leaf_ids(e, reraised);
        } else {
            kaa_list_append(raised, e);
        }
    }
    KaaValue reraised_eg = project(orig, reraised);
    if (raised->len == 0) {
        return reraised_eg == KAA_NULL ? kaa_None : reraised_eg;
    }
    if (reraised_eg != KAA_NULL) {
        kaa_list_append(raised, reraised_eg);
    }
    if (raised->len == 1) {
        return raised->items[0];  // one new exception and nothing left: it alone propagates
    }
    KaaValue args[2] = {kaa_str_from_ascii("", 0), kaa_from_obj(raised)};
    return kaa_call(kaa_from_obj(kaa_BaseExceptionGroup), args, 2, NULL);
}

KaaValue kaa_vm_before_with(KaaValue mgr, KaaValue *exit_out, bool async) {
    KaaValue enter_name = async ? KAA_ID(__aenter__) : KAA_ID(__enter__);
    KaaValue exit_name = async ? KAA_ID(__aexit__) : KAA_ID(__exit__);
    KaaValue enter = kaa_lookup_special(mgr, enter_name);
    if (enter == KAA_NULL) {
        kaa_raise_type_error(async ? "'%s' object does not support the asynchronous context "
                                     "manager protocol"
                                   : "'%s' object does not support the context manager protocol",
                             kaa_type_name_of(mgr));
    }
    KaaValue exit_fn = kaa_lookup_special(mgr, exit_name);
    if (exit_fn == KAA_NULL) {
        kaa_raise_type_error(async ? "'%s' object does not support the asynchronous context "
                                     "manager protocol (missed __aexit__ method)"
                                   : "'%s' object does not support the context manager protocol "
                                     "(missed __exit__ method)",
                             kaa_type_name_of(mgr));
    }
    *exit_out = exit_fn;
    return kaa_call0(enter);
}

KaaValue kaa_vm_with_except_start(KaaValue exit_fn, KaaValue exc) {
    KaaValue tb = kaa_exc(exc)->traceback;
    KaaValue args[3] = {kaa_from_obj(kaa_type_of(exc)), exc, tb == KAA_NULL ? kaa_None : tb};
    return kaa_call(exit_fn, args, 3, NULL);
}

void kaa_vm_add_traceback(KaaValue exc, KaaFrame *f) {
    if (!kaa_is_exception(exc)) {
        return;
    }
    KaaTraceback *tb = kaa_alloc(sizeof *tb);
    tb->ob.type = &kaa_traceback_type;
    tb->next = kaa_exc(exc)->traceback;
    tb->frame = kaa_frame_object(f);
    tb->lasti = (int)(f->ip - f->code->instrs) - 1;
    tb->lineno = 0;  // computed when asked for (kaa_traceback_lineno): raising stays cheap
    kaa_exc(exc)->traceback = kaa_from_obj(tb);
}

// ---- generators in yield from -------------------------------------------------------------------

KaaValue kaa_vm_get_yield_from_iter(KaaFrame *f, KaaValue iterable) {
    if (kaa_is_type(iterable, &kaa_coroutine_type)) {
        if ((f->code->flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)) == 0) {
            kaa_raise_type_error("cannot 'yield from' a coroutine object in a non-coroutine "
                                 "generator");
        }
        return iterable;
    }
    if (kaa_is_type(iterable, &kaa_generator_type)) {
        return iterable;
    }
    return kaa_iter(iterable);
}

KaaValue kaa_vm_send(KaaValue receiver, KaaValue v, bool *done) {
    KaaType *type = kaa_type_of(receiver);
    if (type == &kaa_generator_type || type == &kaa_coroutine_type) {
        return kaa_gen_send((KaaGenerator *)kaa_obj(receiver), v, KAA_NULL, done);
    }
    if (type == &kaa_async_gen_asend_type || type == &kaa_async_gen_athrow_type ||
        type == &kaa_anext_awaitable_type || type == &kaa_coro_wrapper_type) {
        return kaa_awaitable_send(receiver, v, done);
    }
    KaaValue r;
    KaaType *rt = kaa_type_of(receiver);
    // A class's __next__ may finish with StopIteration(value): call it directly for the value.
    if (v == kaa_None && rt->next != NULL && !kaa_type_has(rt, KAA_TPFLAG_HEAPTYPE)) {
        r = kaa_type_of(receiver)->next(receiver);
        if (r == KAA_NULL) {
            *done = true;
            return kaa_None;
        }
        *done = false;
        return r;
    }
    // send() (or a class's __next__): the StopIteration it raises carries the result.
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        r = v == kaa_None ? kaa_call_method(receiver, KAA_ID(__next__), NULL, 0)
                          : kaa_call_method(receiver, KAA_ID(send), &v, 1);
        kaa_handler_pop(&h);
        *done = false;
        return r;
    }
    if (kaa_exc_matches(h.exc, kaa_StopIteration)) {
        *done = true;
        KaaValue value = kaa_exc_attr(h.exc, "value");
        return value == KAA_NULL ? kaa_None : value;
    }
    kaa_reraise(h.exc);
}

// ---- imports ------------------------------------------------------------------------------------

KaaValue kaa_vm_import_name(KaaFrame *f, KaaValue name, KaaValue fromlist, KaaValue level) {
    KaaValue import_fn = kaa_dict_get_str(f->builtins, KAA_ID(__import__));
    if (import_fn == KAA_NULL) {
        kaa_raise_msg(kaa_ImportError, "__import__ not found");
    }
    if (kaa_is_type(import_fn, &kaa_cfunction_type) &&
        ((KaaCFunction *)kaa_obj(import_fn))->def->fn == kaa_builtin_import) {
        return kaa_import(name, f->globals, fromlist, (int)kaa_int_val(level));
    }
    KaaValue args[5] = {name, kaa_from_obj(f->globals),
                        f->locals != KAA_NULL ? f->locals : kaa_None, fromlist, level};
    return kaa_call(import_fn, args, 5, NULL);
}

KaaValue kaa_vm_import_from(KaaValue module, KaaValue name) {
    KaaValue v = kaa_getattr_opt(module, name);
    if (v != KAA_NULL) {
        return v;
    }
    return kaa_import_from_fallback(module, name);
}

void kaa_vm_import_star(KaaFrame *f, KaaValue module) {
    if (f->locals == KAA_NULL) {
        kaa_raise_msg(kaa_SystemError, "no locals found during 'import *'");
    }
    KaaValue all = kaa_getattr_opt(module, KAA_ID(__all__));
    bool skip_private = all == KAA_NULL;
    if (all == KAA_NULL) {
        KaaValue d = kaa_getattr_opt(module, KAA_ID(__dict__));
        if (d == KAA_NULL) {
            kaa_raise_msg(kaa_ImportError, "from-import-* object has no __dict__ and no __all__");
        }
        all = kaa_list_from_iterable(d);
    }
    KaaValue it = kaa_iter(all);
    for (KaaValue n; (n = kaa_next(it)) != KAA_NULL;) {
        if (!kaa_is_str(n)) {
            kaa_raise_type_error("%s in %S.%s must be str, not %s",
                                 skip_private ? "Key" : "Item",
                                 kaa_getattr(module, KAA_ID(__name__)),
                                 skip_private ? "__dict__" : "__all__", kaa_type_name_of(n));
        }
        if (skip_private && kaa_str(n)->len > 0 && kaa_str_char(kaa_str(n), 0) == '_') {
            continue;
        }
        kaa_vm_store_name(f, kaa_str_intern(n), kaa_getattr(module, n));
    }
}

// ---- annotations, interactive output --------------------------------------------------------

void kaa_vm_setup_annotations(KaaFrame *f) {
    if (kaa_is_type(f->locals, &kaa_dict_type)) {
        KaaDict *d = kaa_dict(f->locals);
        if (kaa_dict_get_str(d, KAA_ID(__annotations__)) == KAA_NULL) {
            kaa_dict_set(d, KAA_ID(__annotations__), kaa_from_obj(kaa_dict_new()));
        }
        return;
    }
    if (mapping_get(f->locals, KAA_ID(__annotations__)) == KAA_NULL) {
        kaa_setitem(f->locals, KAA_ID(__annotations__), kaa_from_obj(kaa_dict_new()));
    }
}

void kaa_vm_print_expr(KaaValue v) {
    KaaValue hook = kaa_import_sys_attr("displayhook");
    if (hook == KAA_NULL) {
        kaa_raise_msg(kaa_RuntimeError, "lost sys.displayhook");
    }
    kaa_call1(hook, v);
}

// ---- pattern matching ---------------------------------------------------------------------------

bool kaa_vm_match_mapping(KaaValue subject) {
    return kaa_type_has(kaa_type_of(subject), KAA_TPFLAG_MAPPING);
}

bool kaa_vm_match_sequence(KaaValue subject) {
    return kaa_type_has(kaa_type_of(subject), KAA_TPFLAG_SEQUENCE);
}

KaaValue kaa_vm_match_keys(KaaValue subject, KaaValue keys) {
    KaaTuple *k = kaa_tuple(keys);
    KaaTuple *values = kaa_tuple_new((size_t)k->len);
    KaaValue get = kaa_getattr(subject, KAA_ID(get));
    KaaValue dummy = kaa_from_obj(kaa_list_new(0));  // a sentinel no mapping holds
    KaaDict *seen = kaa_dict_new();
    for (int64_t i = 0; i < k->len; i++) {
        if (kaa_dict_get(seen, k->items[i]) != KAA_NULL) {
            kaa_raise_value_error("mapping pattern checks duplicate key (%R)", k->items[i]);
        }
        kaa_dict_set(seen, k->items[i], kaa_None);
        KaaValue v = kaa_call2(get, k->items[i], dummy);
        if (v == dummy) {
            return kaa_None;
        }
        values->items[i] = v;
    }
    return kaa_from_obj(values);
}

KaaValue kaa_vm_copy_dict_without_keys(KaaValue subject, KaaValue keys) {
    KaaDict *d = kaa_dict_new();
    kaa_dict_update(d, subject);
    KaaTuple *k = kaa_tuple(keys);
    for (int64_t i = 0; i < k->len; i++) {
        kaa_dict_del(d, k->items[i]);
    }
    return kaa_from_obj(d);
}

static KaaValue match_attr(KaaValue subject, KaaValue name, KaaDict *seen) {
    if (kaa_dict_get(seen, name) != KAA_NULL) {
        kaa_raise_type_error("%s() got multiple sub-patterns for attribute %R",
                             kaa_type_name_of(subject), name);
    }
    kaa_dict_set(seen, name, kaa_None);
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        KaaValue v = kaa_getattr_opt(subject, name);
        kaa_handler_pop(&h);
        return v;
    }
    if (kaa_exc_matches(h.exc, kaa_AttributeError)) {
        return KAA_NULL;
    }
    kaa_reraise(h.exc);
}

KaaValue kaa_vm_match_class(KaaValue subject, KaaValue cls, int nargs, KaaValue names) {
    if (!kaa_is_obj(cls) || !kaa_type_has(kaa_type_of(cls), KAA_TPFLAG_TYPE_SUBCLASS)) {
        kaa_raise_type_error("called match pattern must be a class");
    }
    if (!kaa_isinstance(subject, cls)) {
        return kaa_None;
    }
    KaaType *type = (KaaType *)kaa_obj(cls);
    KaaList *attrs = kaa_list_new(0);
    KaaDict *seen = kaa_dict_new();
    if (nargs > 0) {
        KaaValue match_args = kaa_getattr_opt(cls, KAA_ID(__match_args__));
        bool self_match = match_args == KAA_NULL &&
                          (type->flags & (KAA_TPFLAG_INT_SUBCLASS | KAA_TPFLAG_FLOAT_SUBCLASS |
                                          KAA_TPFLAG_STR_SUBCLASS | KAA_TPFLAG_BYTES_SUBCLASS |
                                          KAA_TPFLAG_TUPLE_SUBCLASS | KAA_TPFLAG_LIST_SUBCLASS |
                                          KAA_TPFLAG_DICT_SUBCLASS) ||
                           kaa_is_subtype(type, &kaa_bool_type) ||
                           kaa_is_subtype(type, &kaa_set_type) ||
                           kaa_is_subtype(type, &kaa_frozenset_type) ||
                           kaa_is_subtype(type, &kaa_bytearray_type));
        if (match_args != KAA_NULL && !kaa_is_type(match_args, &kaa_tuple_type)) {
            kaa_raise_type_error("%S.__match_args__ must be a tuple (got %s)",
                                 kaa_type_name(type), kaa_type_name_of(match_args));
        }
        int64_t allowed = self_match ? 1 : match_args ? kaa_tuple(match_args)->len : 0;
        if (nargs > allowed) {
            kaa_raise_type_error("%S() accepts %lld positional sub-pattern%s (%d given)",
                                 kaa_type_name(type), (long long)allowed,
                                 allowed == 1 ? "" : "s", nargs);
        }
        if (self_match) {
            kaa_list_append(attrs, subject);
        } else {
            for (int i = 0; i < nargs; i++) {
                KaaValue n = kaa_tuple(match_args)->items[i];
                if (!kaa_is_str(n)) {
                    kaa_raise_type_error("__match_args__ elements must be strings (got %s)",
                                         kaa_type_name_of(n));
                }
                KaaValue v = match_attr(subject, kaa_str_intern(n), seen);
                if (v == KAA_NULL) {
                    return kaa_None;
                }
                kaa_list_append(attrs, v);
            }
        }
    }
    KaaTuple *kn = kaa_tuple(names);
    for (int64_t i = 0; i < kn->len; i++) {
        KaaValue v = match_attr(subject, kn->items[i], seen);
        if (v == KAA_NULL) {
            return kaa_None;
        }
        kaa_list_append(attrs, v);
    }
    return kaa_from_obj(kaa_tuple_from_array(attrs->items, (size_t)attrs->len));
}

// ---- async ------------------------------------------------------------------------------------

// The iterator `await v` drives: a coroutine itself (or a generator marked by
// types.coroutine), else what v.__await__() returns. `where` says which statement asked, for
// the message: 1 async with's __aenter__, 2 its __aexit__.
KaaValue kaa_vm_get_awaitable(KaaValue v, int where) {
    KaaValue it = v;
    if (kaa_is_type(v, &kaa_generator_type) &&
        (((KaaGenerator *)kaa_obj(v))->frame->code->flags & CO_ITERABLE_COROUTINE)) {
        return v;
    }
    if (!kaa_is_type(v, &kaa_coroutine_type)) {
        KaaValue await = kaa_lookup_special(v, KAA_ID(__await__));
        if (await == KAA_NULL) {
            if (where == 1 || where == 2) {
                kaa_raise_type_error("'async with' received an object from %s that does not "
                                     "implement __await__: %s",
                                     where == 1 ? "__aenter__" : "__aexit__",
                                     kaa_type_name_of(v));
            }
            kaa_raise_type_error("object %s can't be used in 'await' expression",
                                 kaa_type_name_of(v));
        }
        it = kaa_call0(await);
        if (kaa_is_type(it, &kaa_coroutine_type) ||
            (kaa_is_type(it, &kaa_generator_type) &&
             (((KaaGenerator *)kaa_obj(it))->frame->code->flags & CO_ITERABLE_COROUTINE))) {
            kaa_raise_type_error("__await__() returned a coroutine");
        }
        if (kaa_type_of(it)->next == NULL) {
            kaa_raise_type_error("__await__() returned non-iterator of type '%s'",
                                 kaa_type_name_of(it));
        }
        return it;
    }
    KaaGenerator *g = (KaaGenerator *)kaa_obj(v);
    if (g->state == KAA_GEN_SUSPENDED) {
        uint16_t prev = g->frame->ip[-1];
        if ((prev & 0xFF) == OP_YIELD_VALUE && (prev >> 8) == 1) {
            kaa_raise_msg(kaa_RuntimeError, "coroutine is being awaited already");
        }
    }
    return it;
}

KaaValue kaa_vm_get_aiter(KaaValue v) {
    KaaValue f = kaa_lookup_special(v, KAA_ID(__aiter__));
    if (f == KAA_NULL) {
        kaa_raise_type_error("'async for' requires an object with __aiter__ method, got %s",
                             kaa_type_name_of(v));
    }
    KaaValue it = kaa_call0(f);
    if (kaa_lookup_special(it, KAA_ID(__anext__)) == KAA_NULL) {
        kaa_raise_type_error("'async for' received an object from __aiter__ that does not "
                             "implement __anext__: %s",
                             kaa_type_name_of(it));
    }
    return it;
}

KaaValue kaa_vm_get_anext(KaaValue aiter) {
    if (kaa_is_type(aiter, &kaa_async_generator_type)) {
        return kaa_async_gen_anext(aiter);
    }
    KaaValue f = kaa_lookup_special(aiter, KAA_ID(__anext__));
    if (f == KAA_NULL) {
        kaa_raise_type_error("'async for' requires an iterator with __anext__ method, got %s",
                             kaa_type_name_of(aiter));
    }
    KaaValue aw = kaa_call0(f);
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) != 0) {
        if (kaa_exc_matches(h.exc, kaa_TypeError)) {
            KaaValue e = kaa_exc_new_msg(kaa_TypeError,
                kaa_str_printf("'async for' received an invalid object from __anext__: %s",
                               kaa_type_name_of(aw)));
            kaa_exc(e)->cause = h.exc;
            kaa_exc(e)->suppress_context = true;
            kaa_raise(e);
        }
        kaa_reraise(h.exc);
    }
    KaaValue it = kaa_vm_get_awaitable(aw, 0);
    kaa_handler_pop(&h);
    return it;
}
