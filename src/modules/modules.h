// modules/modules.h — the built-in modules written in C.
//
// Stage: modules. Each file under src/modules/ defines one module's init function; the
// registry (registry.c) maps module names to them so `import` finds them before sys.path.
#ifndef KAA_MODULES_MODULES_H
#define KAA_MODULES_MODULES_H

#include "objects/objects.h"

typedef KaaValue (*KaaModuleInit)(void);  // creates and returns the module object

// MODULE(name, init) — every built-in module, listed in modules.def.
#define MODULE(name, init) KaaValue init(void);
#include "modules/modules.def"
#undef MODULE

KaaModuleInit kaa_modules_find(const char *name);  // NULL when not built in
KaaValue kaa_builtin_module_names(void);            // tuple, for sys.builtin_module_names

// The builtins module: builtins.c creates it with every builtin function and type.
KaaValue kaa_builtins_init(void);

// sys.<name> (sys.c): the current value of a sys attribute, or KAA_NULL when it is unset.
KaaValue kaa_sys_get(const char *name);

// What the command line decided, read when the sys module is made (main.c fills it).
typedef struct KaaSysConfig {
    int argc, orig_argc, npath;
    char **argv, **orig_argv, **path;
    const char *executable, *prefix, *pycache_prefix;
    int optimize, quiet, interactive, isolated, ignore_environment, verbose;
    bool dont_write_bytecode, unbuffered;
} KaaSysConfig;
extern KaaSysConfig kaa_sys_config;
void kaa_sys_flush_std_streams(void);
extern KaaType kaa_namespace_type;  // types.SimpleNamespace
extern int kaa_int_max_str_digits;  // int.c

#endif
