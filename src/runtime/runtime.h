// runtime/runtime.h — what the runtime gives every other stage: memory, errors, the thread
// state and interned names.
//
// Stage: runtime. Owns allocation (one wrapper over the Boehm collector), raising and catching
// (setjmp/longjmp handlers, see DESIGN.md "Errors in C"), the interpreter/thread state, and the
// table of interned identifiers (names.def). It knows nothing of parsing or compiling.
#ifndef KAA_RUNTIME_RUNTIME_H
#define KAA_RUNTIME_RUNTIME_H

#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/value.h"

#define KAA_NORETURN __attribute__((noreturn))
#define KAA_LIKELY(x) __builtin_expect(!!(x), 1)
#define KAA_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define KAA_UNUSED __attribute__((unused))

// ---- memory (alloc.c) -------------------------------------------------------------------------
// kaa_alloc: zeroed, scanned by the collector; anything that holds a KaaValue or a pointer.
// kaa_alloc_atomic: not scanned, not zeroed; only for bytes that hold no pointers.
void kaa_alloc_init(void);
void *kaa_alloc(size_t size);
void *kaa_alloc_atomic(size_t size);
void *kaa_realloc(void *p, size_t size);
// Registers fn to run when obj becomes unreachable (used for __del__ and closing files).
void kaa_alloc_finalizer(void *obj, void (*fn)(void *obj, void *data), void *data);
char *kaa_strdup(const char *s);
// Weak references: a slot that holds obj without keeping it alive; it reads back NULL once the
// collector has reclaimed obj. The slot must live in memory the collector knows (kaa_alloc).
void kaa_weak_set(void **slot, void *obj);
void *kaa_weak_get(void **slot);
void kaa_weak_clear(void **slot);
// Runs a full collection (gc.collect()).
void kaa_alloc_collect(void);
// Memory the collector neither scans nor reclaims, for a structure that reports its live part
// itself: the VM's frame stack, whose popped frames must not keep their values alive.
void *kaa_alloc_unmanaged(size_t size);
// `pusher` is called at each collection with a function to call on every [lo, hi) range of
// unmanaged memory that holds live values.
void kaa_alloc_set_root_pusher(void (*pusher)(void (*push)(void *lo, void *hi)));

// ---- names (names.def) ------------------------------------------------------------------------
// Interned identifiers used from C: KAA_ID(__init__) is the interned str '__init__'.
typedef enum {
#define NAME(id) KAA_ID_##id,
#define NAME_STR(id, text) KAA_ID_##id,
#include "runtime/names.def"
#undef NAME
#undef NAME_STR
    KAA_ID_COUNT
} KaaNameId;
extern KaaValue kaa_ids[KAA_ID_COUNT];
#define KAA_ID(id) (kaa_ids[KAA_ID_##id])

// ---- errors (raise.c) -------------------------------------------------------------------------
// A C function that raises does not return: kaa_raise jumps to the nearest handler. Handlers
// are pushed only at C entry points (the eval loop's entry, kaa_protect users, module init).
typedef struct KaaHandler {
    jmp_buf buf;
    struct KaaHandler *prev;
    struct KaaFrame *frame;  // the thread's current frame when the handler was pushed
    int depth;               // recursion depth when pushed, restored when an exception lands
    char *ds_top, *ds_end;   // the frame stack when pushed, restored when an exception lands
    bool keep_frames;        // the eval loop's handler: it unwinds its own frames instead
    KaaValue exc;            // the exception that landed here
} KaaHandler;

// Use as:
//     KaaHandler h;
//     kaa_handler_push(&h);
//     if (setjmp(h.buf) == 0) { ...body...; kaa_handler_pop(&h); } else { use h.exc; }
// A landing pops the handler itself and restores the thread's frame, frame stack and depth
// to what they were at the push. Locals changed inside the body and read after a landing
// must be volatile.
void kaa_handler_push(KaaHandler *h);
void kaa_handler_pop(KaaHandler *h);

KAA_NORETURN void kaa_raise(KaaValue exc);
// Jumps with exc as it is, without chaining __context__ (re-raising).
KAA_NORETURN void kaa_reraise(KaaValue exc);
void kaa_raise_prepare(void);  // preallocates the MemoryError instance
// Raises a new instance of `type` with a printf-formatted message. %R / %S / %T in the format
// take a KaaValue and insert its repr(), str() or type name (the kaa_str_format conventions).
KAA_NORETURN void kaa_raise_msg(KaaType *type, const char *fmt, ...);
KAA_NORETURN void kaa_raise_type_error(const char *fmt, ...);
KAA_NORETURN void kaa_raise_value_error(const char *fmt, ...);
KAA_NORETURN void kaa_raise_index_error(const char *fmt, ...);
KAA_NORETURN void kaa_raise_key_error(KaaValue key);
KAA_NORETURN void kaa_raise_attribute_error(KaaValue obj, KaaValue name);
KAA_NORETURN void kaa_raise_overflow(const char *fmt, ...);
KAA_NORETURN void kaa_raise_zero_division(const char *msg);
KAA_NORETURN void kaa_raise_memory(void);
KAA_NORETURN void kaa_raise_recursion(const char *where);
KAA_NORETURN void kaa_raise_not_implemented(const char *what);
KAA_NORETURN void kaa_raise_os_error(int err, KaaValue filename);
KAA_NORETURN void kaa_raise_stop_iteration(KaaValue value);

// Runs fn(ud); returns KAA_NULL when it returned normally, or the exception it raised.
KaaValue kaa_protect(void (*fn)(void *ud), void *ud);
// True when exc is an instance of the exception class `type` (or a subclass).
bool kaa_exc_matches(KaaValue exc, KaaType *type);

// ---- thread state (state.c) -------------------------------------------------------------------
// The exception an `except` block is handling (sys.exc_info()), as a chain: each generator
// links its own entry while it runs, so a generator's except blocks do not leak to its caller.
typedef struct KaaExcInfo {
    KaaValue exc;  // KAA_NULL or None: nothing handled at this level
    struct KaaExcInfo *previous;
} KaaExcInfo;

typedef struct KaaThreadState {
    KaaHandler *handler;           // the nearest handler; kaa_raise jumps to it
    struct KaaFrame *frame;        // the frame executing now (NULL outside Python code)
    KaaExcInfo *exc_info;          // top of the handled-exception chain
    KaaExcInfo base_exc_info;
    int depth;                     // Python call depth plus C-level eval entries
    int recursion_limit;
    char *c_stack_limit;           // below this address the C stack is nearly exhausted
    char *datastack_top, *datastack_end;  // the frame stack (vm/frame.c)
} KaaThreadState;

extern KaaThreadState kaa_ts;

// Raises RecursionError when the C stack is almost exhausted. Called by C code that recurses
// over Python data (repr, comparison, hashing of nested containers, marshal, the compiler).
static inline void kaa_check_c_stack(void) {
    char here;
    if (KAA_UNLIKELY(&here < kaa_ts.c_stack_limit)) {
        kaa_raise_recursion("C stack");
    }
}

// ---- work for a safe point (state.c) ----------------------------------------------------------
// Signal handlers and the collector cannot run Python code where they interrupt; they set
// kaa_eval_breaker, and the eval loop (at backward jumps and calls) runs every registered
// pending-work function. Each checks its own flag; a Python exception raised there propagates
// from the instruction that noticed, as from CPython's eval breaker.
extern volatile sig_atomic_t kaa_eval_breaker;
void kaa_pending_register(void (*run)(void));  // idempotent
void kaa_run_pending(void);                    // clears the breaker, then runs them all

void kaa_state_init(void);
void kaa_names_init(void);  // interns names.def; needs str ready
KaaValue kaa_handled_exception(void);  // the topmost handled exception, or KAA_NULL

#endif
