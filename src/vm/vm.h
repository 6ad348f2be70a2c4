// vm/vm.h — what the VM gives: running code objects, frames, generators, calling into Python
// from C, and the builtins that need the interpreter (exec, eval, __build_class__, ...).
//
// Stage: vm. Takes code objects (from the compiler or a .pyc) and runs them. Never includes
// parser headers; compiles source only through compile/compile.h.
#ifndef KAA_VM_VM_H
#define KAA_VM_VM_H

#include "objects/objects.h"

// A frame: the state of one running (or suspended) code object. Ordinary calls take frames
// from the thread's frame stack (contiguous chunks, see frame.c) and run them in the same C
// loop; a generator owns its frame in the heap. localsplus holds the locals, then the cells
// and free variables, then the value stack.
typedef struct KaaFrame {
    KaaCode *code;
    KaaFunction *func;        // NULL for module and class bodies run by exec
    KaaDict *globals;
    KaaDict *builtins;
    KaaValue locals;          // mapping for module/class bodies (LOAD_NAME), else KAA_NULL
    struct KaaFrame *previous;
    uint16_t *ip;             // the next instruction; saved before anything that may raise
    KaaValue *sp;             // stack top, saved while suspended or calling out
    KaaValue frame_obj;       // the frame object once something asked for one
    KaaValue locals_dict;     // a function's locals() dict, reused and refreshed each call
    struct KaaGenerator *gen; // the owning generator, or NULL
    char *prev_top, *prev_end;  // the frame stack before this frame was pushed
    uint8_t is_entry;         // returning from it leaves the current C-level eval call
    uint8_t on_heap;          // owned by a generator or copied out for a frame object
    KaaValue localsplus[];
} KaaFrame;

// Frames on the thread's frame stack (frame.c); kaa_frame_stack_init tells the collector
// about it (once, before any frame is pushed).
void kaa_frame_stack_init(void);
KaaFrame *kaa_frame_push(KaaCode *code, KaaFunction *func, KaaDict *globals, KaaDict *builtins,
                         KaaValue locals);
void kaa_frame_pop(KaaFrame *frame);
KaaFrame *kaa_frame_new_heap(KaaCode *code, KaaFunction *func, KaaDict *globals,
                             KaaDict *builtins, KaaValue locals);
static inline KaaValue *kaa_frame_stack_base(KaaFrame *f) {
    return f->localsplus + f->code->nlocalsplus;
}
// Fills a function's argument slots from a call's arguments (vectorcall convention), with
// CPython's errors for every mismatch.
void kaa_bind_args(KaaFunction *func, KaaValue *localsplus, KaaValue *args, size_t nargs,
                   KaaTuple *kwnames);
// Runs frame until it returns (or yields, when *yielded is non-NULL). `throw` != KAA_NULL
// raises that exception at the frame's current instruction first (generator.throw).
KaaValue kaa_eval(KaaFrame *frame, KaaValue throw, bool *yielded);
KaaValue kaa_gen_new(KaaFrame *frame, KaaFunction *func);
KaaValue kaa_gen_exception_exit(struct KaaGenerator *g, KaaValue exc);

typedef struct KaaFrameObject {
    KaaObject ob;
    KaaFrame *frame;
    KaaValue back;       // frame object of the caller, filled lazily
    int lineno;          // the line when the frame finished (or 0 while live)
    KaaValue locals_snapshot;
} KaaFrameObject;

enum { KAA_GEN_CREATED, KAA_GEN_SUSPENDED, KAA_GEN_RUNNING, KAA_GEN_CLOSED };
typedef struct KaaGenerator {
    KaaObject ob;
    KaaFrame *frame;
    KaaValue name, qualname;
    KaaExcInfo exc_info;
    int state;
    KaaValue weakreflist;
    KaaValue finalizer;  // async generators: sys.get_asyncgen_hooks().finalizer when first used
    bool hooks_inited;   // async generators: firstiter has been told
    bool running_async;  // async generators: an asend/athrow is driving it (ag_running)
    bool ag_closed;      // async generators: finished, or aclose() began
} KaaGenerator;
extern KaaType kaa_generator_type, kaa_coroutine_type, kaa_async_generator_type,
    kaa_coro_wrapper_type, kaa_async_gen_asend_type, kaa_async_gen_athrow_type,
    kaa_async_gen_wrapped_type, kaa_anext_awaitable_type;

void kaa_vm_init(void);
void kaa_vm_types_ready(void);  // readies the VM's own types (generators, frames)

// Runs a module-level code object with the given globals (and locals mapping, or KAA_NULL
// meaning the globals). The globals get __builtins__ when they lack it.
KaaValue kaa_eval_code(KaaCode *code, KaaDict *globals, KaaValue locals);
// The zero-argument super(): the calling frame's first argument and __class__ cell.
void kaa_super_from_frame(KaaType **type, KaaValue *obj);
// Calls a Python function from C (the callee gets its own eval loop entry).
KaaValue kaa_function_call(KaaValue func, KaaValue *args, size_t nargs, KaaTuple *kwnames);
// Sends a value into a generator or coroutine: returns the yielded value and sets *done to
// false, or the return value and *done true. exc != KAA_NULL throws it in instead.
KaaValue kaa_gen_send(KaaGenerator *gen, KaaValue value, KaaValue exc, bool *done);
// generator.throw(exc) with `yield from` delegation; results as kaa_gen_send.
KaaValue kaa_gen_throw(KaaGenerator *gen, KaaValue exc, bool *done);
// The exception throw(type, value, tb) means, with CPython's TypeErrors.
KaaValue kaa_gen_make_exception(KaaValue type, KaaValue value, KaaValue tb);

// Async generators and awaitables (asyncgen.c). The awaitables (asend, athrow, anext's,
// coroutine_wrapper) are driven with kaa_awaitable_send/throw: *stop true means they finished
// with that value (StopIteration(value) at the Python level).
KaaValue kaa_async_gen_wrap(KaaValue v);    // ASYNC_GEN_WRAP
KaaValue kaa_async_gen_anext(KaaValue gen); // agen.__anext__()
KaaValue kaa_anext_awaitable_new(KaaValue awaitable, KaaValue dflt);
KaaValue kaa_coro_wrapper_new(KaaValue coro);
KaaValue kaa_awaitable_send(KaaValue aw, KaaValue v, bool *stop);
KaaValue kaa_awaitable_throw(KaaValue aw, KaaValue exc, bool *stop);
extern const KaaMethodDef kaa_async_gen_methods[];
extern KaaValue kaa_asyncgen_firstiter, kaa_asyncgen_finalizer;  // sys.set_asyncgen_hooks

// Frame objects and the current frame, for tracebacks and sys._getframe.
KaaValue kaa_frame_object(KaaFrame *frame);
int kaa_frame_lineno(KaaFrame *frame);
KaaValue kaa_frame_locals(KaaFrame *frame);   // f_locals: a dict snapshot for functions
KaaDict *kaa_current_globals(void);           // NULL outside Python code
KaaDict *kaa_current_builtins(void);

// The builtins module, and builtins that need the interpreter (defined in the vm).
extern KaaValue kaa_builtins_module;
extern KaaDict *kaa_builtins_dict;
KaaValue kaa_builtin_build_class(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_import(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_exec(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_eval(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_compile(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_globals(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_locals(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_vars(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);
KaaValue kaa_builtin_dir(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw);

// "Did you mean" for a NameError or AttributeError: the closest name, or KAA_NULL.
KaaValue kaa_suggest_for(KaaValue exc);

// Uncaught exceptions: prints the traceback the way CPython does (to sys.stderr).
void kaa_print_exception(KaaValue exc);
// Handles an exception that reached the top level: SystemExit gives its exit status,
// KeyboardInterrupt is printed and gives KAA_EXIT_SIGINT (the process then ends by SIGINT, as
// CPython's does: a shell sees 130), anything else is printed and gives 1.
#define KAA_EXIT_SIGINT (-SIGINT)
int kaa_handle_uncaught(KaaValue exc);

#endif
