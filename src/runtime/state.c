// runtime/state.c — the interpreter's thread state and the interned names of names.def.
//
// Stage: runtime. Owns kaa_ts (one thread for now; threads will each get their own) and the
// C-stack guard that turns runaway C recursion into RecursionError instead of a crash.
#include <stdlib.h>
#include <sys/resource.h>

#include "objects/objects.h"

KaaThreadState kaa_ts;
KaaValue kaa_ids[KAA_ID_COUNT];

static const char *const id_texts[KAA_ID_COUNT] = {
#define NAME(id) #id,
#define NAME_STR(id, text) text,
#include "runtime/names.def"
#undef NAME
#undef NAME_STR
};

// Leaves a margin below the stack limit for the C code that runs after the check fails
// (creating and raising the RecursionError, printing tracebacks).
static void init_c_stack_limit(void) {
    struct rlimit rl;
    size_t size = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        size = rl.rlim_cur;
    }
    if (size > (256u << 20)) {
        size = 256u << 20;
    }
    char here;
    size_t margin = size / 8 > (256u << 10) ? size / 8 : (256u << 10);
    kaa_ts.c_stack_limit = &here - (size - margin);
}

void kaa_state_init(void) {
    kaa_ts.recursion_limit = 1000;
    kaa_ts.exc_info = &kaa_ts.base_exc_info;
    init_c_stack_limit();
}

void kaa_names_init(void) {
    for (int i = 0; i < KAA_ID_COUNT; i++) {
        kaa_ids[i] = kaa_str_intern_cstr(id_texts[i]);
    }
}

KaaValue kaa_handled_exception(void) {
    for (KaaExcInfo *info = kaa_ts.exc_info; info != NULL; info = info->previous) {
        if (info->exc != KAA_NULL && info->exc != kaa_None) {
            return info->exc;
        }
    }
    return KAA_NULL;
}

// ---- work for a safe point ----------------------------------------------------------------------

volatile sig_atomic_t kaa_eval_breaker;
static void (*pending_runs[8])(void);
static int npending_runs;

void kaa_pending_register(void (*run)(void)) {
    for (int i = 0; i < npending_runs; i++) {
        if (pending_runs[i] == run) {
            return;
        }
    }
    if (npending_runs == (int)(sizeof pending_runs / sizeof pending_runs[0])) {
        abort();  // a fixed handful of subsystems register; more is a programming error
    }
    pending_runs[npending_runs++] = run;
}

void kaa_run_pending(void) {
    kaa_eval_breaker = 0;
    for (int i = 0; i < npending_runs; i++) {
        pending_runs[i]();
    }
}
