// modules/modules.h — the built-in modules written in C.
//
// Stage: modules. Each file under src/modules/ defines one module's init function; the
// registry (registry.c) maps module names to them so `import` finds them before sys.path.
#ifndef KAA_MODULES_MODULES_H
#define KAA_MODULES_MODULES_H

#include <signal.h>

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

// atexit (atexit.c): the interpreter calls kaa_atexit_run() once when it exits normally,
// after the main program and before flushing sys.stdout/stderr: it runs the atexit callbacks
// (last registered first), then kaa_io_flush_all(). kaa_io_flush_all (io.c) flushes the
// buffered writers of files the program never closed, as CPython's teardown does.
void kaa_atexit_run(void);
void kaa_io_flush_all(void);
// _io.open (io.c), which is also builtins.open.
KaaValue kaa_io_open(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kwnames);
// A standard stream as CPython makes it (TextIOWrapper over BufferedReader/Writer over
// FileIO(fd, closefd=False)), for sys.stdin/stdout/stderr should sys.c adopt _io (io.c).
KaaValue kaa_io_std_stream(int fd, bool write, bool unbuffered);

// _weakref (weakref.c): weak references for C code. kaa_weakref_new(obj, callback or NULL)
// raises TypeError for objects that cannot be weakly referenced; kaa_weakref_get gives the
// referent or KAA_NULL once it died. Callbacks of dead referents are queued by the collector
// and run by kaa_weakref_run_pending() whenever kaa_weakref_pending is set (a safe point).
KaaValue kaa_weakref_new(KaaValue obj, KaaValue callback);
KaaValue kaa_weakref_get(KaaValue ref);
bool kaa_weakref_check(KaaValue v);
extern volatile int kaa_weakref_pending;
void kaa_weakref_run_pending(void);
void kaa_weakref_types_ready(void);
KaaValue kaa_weakref_first(KaaValue obj);  // obj.__weakref__: its first live reference, or None

// _signal (signal.c): the C handler only records a signal; the VM should call
// kaa_signal_run_pending() at a safe point whenever kaa_signal_pending is set (a handler's
// exception propagates from there, as from CPython's eval breaker). kaa_signal_install_default
// installs the SIGINT -> KeyboardInterrupt handler CPython installs at start-up.
extern volatile sig_atomic_t kaa_signal_pending;
void kaa_signal_run_pending(void);
void kaa_signal_install_default(void);

// _warnings (warnings.c): warnings.warn(msg, category, stacklevel) from C; it may raise (an
// "error" filter) and may run Python code (warnings.showwarning).
void kaa_warnings_warn(KaaType *category, const char *msg, int stacklevel);

// _codecs (codecs.c): encoding and decoding through the codec registry (Lib/encodings), for
// the codecs str_codecs.c does not know (str.encode('cp1252') and bytes.decode should fall back
// here). encoding/errors may be KAA_NULL ("utf-8", "strict").
KaaValue kaa_codecs_encode(KaaValue obj, KaaValue encoding, KaaValue errors);
KaaValue kaa_codecs_decode(KaaValue obj, KaaValue encoding, KaaValue errors);

#endif
