// vm/ops.h — between eval.c and the out-of-line operations it calls (ops.c, build.c, ...).
// Stage: vm, internal. Everything here may raise; nothing here is on the hottest paths.
#ifndef KAA_VM_OPS_H
#define KAA_VM_OPS_H

#include "compile/opcodes.h"
#include "vm/vm.h"

KaaValue kaa_vm_load_global(KaaFrame *f, KaaValue name);
KaaValue kaa_vm_load_name(KaaFrame *f, KaaValue name);
KaaValue kaa_vm_load_classderef(KaaFrame *f, int slot);
void kaa_vm_store_name(KaaFrame *f, KaaValue name, KaaValue value);
void kaa_vm_delete_name(KaaFrame *f, KaaValue name);
void kaa_vm_delete_global(KaaFrame *f, KaaValue name);
KAA_NORETURN void kaa_vm_unbound_local(KaaCode *code, int slot);
KAA_NORETURN void kaa_vm_unbound_free(KaaCode *code, int slot);
KaaValue kaa_vm_load_method(KaaValue obj, KaaValue name, KaaValue *self_out);

// Inline caches (KaaInlineCache, objects.h): the slow paths fill them.
enum { ATTR_DICT = 1, ATTR_SLOT, ATTR_MODULE, METH_NO_DICT, METH_DICT };
KaaValue kaa_vm_load_global_cached(KaaFrame *f, KaaValue name, KaaInlineCache *c);
KaaValue kaa_vm_load_attr_cached(KaaValue obj, KaaValue name, KaaInlineCache *c);
void kaa_vm_store_attr_cached(KaaValue obj, KaaValue name, KaaValue v, KaaInlineCache *c);
KaaValue kaa_vm_load_method_cached(KaaValue obj, KaaValue name, KaaValue *self_out,
                                   KaaInlineCache *c);

KaaValue kaa_vm_import_name(KaaFrame *f, KaaValue name, KaaValue fromlist, KaaValue level);
KaaValue kaa_vm_import_from(KaaValue module, KaaValue name);
void kaa_vm_import_star(KaaFrame *f, KaaValue module);

KaaValue kaa_vm_format_value(KaaValue value, int conversion, KaaValue spec);
KaaValue kaa_vm_build_string(KaaValue *items, int n);
void kaa_vm_unpack_sequence(KaaValue seq, int n, KaaValue *dst);
void kaa_vm_unpack_ex(KaaValue seq, int before, int after, KaaValue *dst);
KaaValue kaa_vm_make_function(KaaCode *code, KaaFrame *f, int flags, KaaValue *extras);
KaaValue kaa_vm_build_const_key_map(KaaValue *values, KaaValue keys);

KaaValue kaa_vm_call_ex(KaaValue callable, KaaValue args, KaaValue kwargs);
void kaa_vm_dict_merge(KaaValue callable, KaaValue dict, KaaValue other);
void kaa_vm_dict_update(KaaValue dict, KaaValue other);
void kaa_vm_list_extend(KaaValue list, KaaValue iterable);

KaaValue kaa_vm_check_exc_match(KaaValue exc, KaaValue type);
KaaValue kaa_vm_exception_for_raise(KaaValue exc, KaaValue cause, bool has_cause);
void kaa_vm_check_eg_match(KaaValue exc, KaaValue type, KaaValue *rest, KaaValue *match);
KaaValue kaa_vm_prep_reraise_star(KaaValue orig, KaaValue excs);
KaaValue kaa_vm_before_with(KaaValue mgr, KaaValue *exit_out, bool async);
KaaValue kaa_vm_with_except_start(KaaValue exit_fn, KaaValue exc);

KaaValue kaa_vm_get_yield_from_iter(KaaFrame *f, KaaValue iterable);
// One step of `yield from` / await: sends v into receiver. Returns the yielded value and sets
// *done false, or the final value and *done true.
KaaValue kaa_vm_send(KaaValue receiver, KaaValue v, bool *done);

void kaa_vm_setup_annotations(KaaFrame *f);
void kaa_vm_print_expr(KaaValue v);

KaaValue kaa_vm_match_class(KaaValue subject, KaaValue cls, int nargs, KaaValue names);
bool kaa_vm_match_mapping(KaaValue subject);
bool kaa_vm_match_sequence(KaaValue subject);
KaaValue kaa_vm_match_keys(KaaValue subject, KaaValue keys);
KaaValue kaa_vm_copy_dict_without_keys(KaaValue subject, KaaValue keys);

KaaValue kaa_vm_get_awaitable(KaaValue v, int where);
KaaValue kaa_vm_get_aiter(KaaValue v);
KaaValue kaa_vm_get_anext(KaaValue aiter);

// Adds frame's entry to exc's traceback (an exception passing through a frame).
void kaa_vm_add_traceback(KaaValue exc, KaaFrame *f);

#endif
