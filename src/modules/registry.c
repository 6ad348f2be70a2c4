// modules/registry.c — the table of built-in C modules, from modules.def.
//
// Stage: modules. The import system asks here first for a top-level name.
#include <string.h>

#include "modules/modules.h"
#include "vm/vm.h"

static KaaValue builtins_module(void) { return kaa_builtins_module; }

typedef struct {
    const char *name;
    KaaModuleInit init;
} ModuleRow;

static const ModuleRow rows[] = {
#define MODULE(name, init) {#name, init},
#include "modules/modules.def"
#undef MODULE
    {"builtins", builtins_module},
};

KaaModuleInit kaa_modules_find(const char *name) {
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        if (strcmp(rows[i].name, name) == 0) {
            return rows[i].init;
        }
    }
    return NULL;
}

KaaValue kaa_builtin_module_names(void) {
    size_t n = sizeof rows / sizeof rows[0];
    KaaTuple *t = kaa_tuple_new(n);
    for (size_t i = 0; i < n; i++) {
        t->items[i] = kaa_str_from_cstr(rows[i].name);
    }
    KaaList *sorted = kaa_list(kaa_list_from_iterable(kaa_from_obj(t)));
    kaa_list_sort(sorted, KAA_NULL, false);
    return kaa_from_obj(kaa_tuple_from_array(sorted->items, (size_t)sorted->len));
}
