// runtime/state.c — the interpreter's thread state and the interned names of names.def.
//
// Stage: runtime. Owns kaa_ts (one thread for now; threads will each get their own) and the
// C-stack guard that turns runaway C recursion into RecursionError instead of a crash.
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
