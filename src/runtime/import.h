// runtime/import.h — the import system: finding modules on sys.path, loading them from
// source or from the bytecode cache, and running scripts.
//
// Stage: runtime. Takes module names, gives module objects; uses the compiler for source,
// pyc/ for the cache and the VM to execute module bodies.
#ifndef KAA_RUNTIME_IMPORT_H
#define KAA_RUNTIME_IMPORT_H

#include "objects/objects.h"

void kaa_import_init(void);
// __import__(name, globals, locals, fromlist, level)
KaaValue kaa_import(KaaValue name, KaaDict *globals, KaaValue fromlist, int level);
KaaValue kaa_import_module_cstr(const char *name);  // absolute import, returns the leaf module
// `from module import name` when name is not an attribute: a submodule, or ImportError.
KaaValue kaa_import_from_fallback(KaaValue module, KaaValue name);
KaaValue kaa_import_sys_attr(const char *name);  // sys.<name>, or KAA_NULL
KaaDict *kaa_import_modules(void);               // sys.modules

// Compiles (or loads from the cache) the code of a source file; raises on errors.
KaaCode *kaa_import_get_code(const char *path, bool use_cache);
// Runs a file as __main__ (a .py source, a .pyc, a directory or zip with __main__.py).
void kaa_run_path(const char *path);
// Runs `-m module` as __main__.
void kaa_run_module(const char *name);
void kaa_run_string(const char *source, const char *filename);

#endif
