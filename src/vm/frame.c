// vm/frame.c — frames: the thread's frame stack, frame objects, and what tracebacks and
// introspection read from a frame (its line, its locals).
//
// Stage: vm. Ordinary calls take their frame from a stack of contiguous chunks (bump
// allocation, LIFO release); a frame moves to the heap only when a generator owns it or a
// frame object outlives it. The collector does not scan the chunks: at each collection
// push_live_frames reports the part below the top, so the values of returned calls die.
#include <string.h>

#include "vm/vm.h"

#define CHUNK_BYTES (256u << 10)

static size_t frame_bytes(KaaCode *code) {
    return sizeof(KaaFrame) + (size_t)(code->nlocalsplus + code->stacksize + 1) * sizeof(KaaValue);
}

static void init_frame(KaaFrame *f, KaaCode *code, KaaFunction *func, KaaDict *globals,
                       KaaDict *builtins, KaaValue locals) {
    f->code = code;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->previous = NULL;
    f->ip = code->instrs;
    f->sp = kaa_frame_stack_base(f);
    f->frame_obj = KAA_NULL;
    f->locals_dict = KAA_NULL;
    f->gen = NULL;
    f->is_entry = 0;
    f->on_heap = 0;
    memset(f->localsplus, 0, (size_t)code->nlocalsplus * sizeof(KaaValue));
}

// A chunk of the frame stack. Chunks stay allocated once made (spares after the one in use
// serve the next deep recursion).
typedef struct Chunk {
    struct Chunk *next;
    char *end;       // one past the last usable byte
    char *used_top;  // while a later chunk is in use: where this chunk's frames end
    char data[] __attribute__((aligned(16)));
} Chunk;

static Chunk *first_chunk;

static Chunk *chunk_holding(char *p) {
    for (Chunk *c = first_chunk; c != NULL; c = c->next) {
        if (p >= c->data && p <= c->end) {
            return c;
        }
    }
    return NULL;
}

// Moves the stack top to the chunk after the one holding `top` (a spare, or a new chunk when
// none is big enough); returns where the next frame goes.
static char *next_chunk(char *top, size_t size) {
    Chunk *cur = top != NULL ? chunk_holding(top) : NULL;
    if (cur != NULL) {
        cur->used_top = top;
    }
    Chunk *next = cur != NULL ? cur->next : first_chunk;
    if (next == NULL || (size_t)(next->end - next->data) < size) {
        size_t bytes = size > CHUNK_BYTES ? size : CHUNK_BYTES;
        Chunk *c = kaa_alloc_unmanaged(sizeof(Chunk) + bytes);
        c->end = c->data + bytes;
        c->next = next;
        if (cur != NULL) {
            cur->next = c;
        } else {
            first_chunk = c;
        }
        next = c;
    }
    kaa_ts.datastack_end = next->end;
    return next->data;
}

static void push_live_frames(void (*push)(void *lo, void *hi)) {
    char *top = kaa_ts.datastack_top;
    if (top == NULL) {
        return;
    }
    for (Chunk *c = first_chunk; c != NULL; c = c->next) {
        if (top >= c->data && top <= c->end) {
            push(c->data, top);
            return;
        }
        push(c->data, c->used_top);
    }
}

void kaa_frame_stack_init(void) { kaa_alloc_set_root_pusher(push_live_frames); }

KaaFrame *kaa_frame_push(KaaCode *code, KaaFunction *func, KaaDict *globals, KaaDict *builtins,
                         KaaValue locals) {
    if (KAA_UNLIKELY(kaa_ts.depth >= kaa_ts.recursion_limit)) {
        kaa_raise_recursion(NULL);
    }
    size_t size = frame_bytes(code);
    char *top = kaa_ts.datastack_top, *end = kaa_ts.datastack_end;
    char *at = top;
    if (KAA_UNLIKELY(top == NULL || (size_t)(end - top) < size)) {
        at = next_chunk(top, size);
    }
    KaaFrame *f = (KaaFrame *)at;
    kaa_ts.datastack_top = at + size;
    f->prev_top = top;
    f->prev_end = end;
    init_frame(f, code, func, globals, builtins, locals);
    kaa_ts.depth++;
    return f;
}

// A frame object that outlives its frame keeps a copy of the frame on the heap.
static void detach_frame_object(KaaFrame *f) {
    KaaFrameObject *fo = (KaaFrameObject *)kaa_obj(f->frame_obj);
    fo->lineno = 0;  // the copy keeps ip: f_lineno computes it when asked
    size_t size = frame_bytes(f->code);
    KaaFrame *copy = kaa_alloc(size);
    memcpy(copy, f, size);
    copy->on_heap = 1;
    copy->previous = NULL;
    fo->frame = copy;
}

void kaa_frame_pop(KaaFrame *f) {
    if (f->frame_obj != KAA_NULL) {
        detach_frame_object(f);
    }
    kaa_ts.datastack_top = f->prev_top;
    kaa_ts.datastack_end = f->prev_end;
    kaa_ts.depth--;
}

KaaFrame *kaa_frame_new_heap(KaaCode *code, KaaFunction *func, KaaDict *globals,
                             KaaDict *builtins, KaaValue locals) {
    KaaFrame *f = kaa_alloc(frame_bytes(code));
    init_frame(f, code, func, globals, builtins, locals);
    f->on_heap = 1;
    return f;
}

int kaa_frame_lineno(KaaFrame *f) {
    int offset = (int)(f->ip - f->code->instrs) - 1;
    if (offset < 0) {
        return f->code->firstlineno;
    }
    int line = kaa_code_addr2line(f->code, offset);
    return line < 0 ? f->code->firstlineno : line;
}

// f_locals of a function frame: one dict per frame, refreshed from its bound locals, cells and
// free variables on each call (CPython 3.11's behaviour: names exec() adds to it stay).
KaaValue kaa_frame_locals(KaaFrame *f) {
    if (f->locals != KAA_NULL) {
        return f->locals;
    }
    KaaCode *code = f->code;
    if (f->locals_dict == KAA_NULL) {
        f->locals_dict = kaa_from_obj(kaa_dict_new());
    }
    KaaDict *d = kaa_dict(f->locals_dict);
    const uint8_t *kinds = kaa_bytes(code->localspluskinds)->data;
    for (int32_t i = 0; i < code->nlocalsplus; i++) {
        KaaValue v = f->localsplus[i];
        if (v != KAA_NULL && (kinds[i] & (CO_FAST_CELL | CO_FAST_FREE)) &&
            kaa_is_type(v, &kaa_cell_type)) {
            v = ((KaaCell *)kaa_obj(v))->value;
        }
        if (v != KAA_NULL) {
            kaa_dict_set(d, code->localsplusnames->items[i], v);
        } else {
            kaa_dict_del(d, code->localsplusnames->items[i]);
        }
    }
    return kaa_from_obj(d);
}

KaaDict *kaa_current_globals(void) { return kaa_ts.frame ? kaa_ts.frame->globals : NULL; }
KaaDict *kaa_current_builtins(void) {
    return kaa_ts.frame ? kaa_ts.frame->builtins : kaa_builtins_dict;
}

// ---- frame objects ------------------------------------------------------------------------------

KaaValue kaa_frame_object(KaaFrame *f) {
    if (f->frame_obj == KAA_NULL) {
        KaaFrameObject *fo = kaa_alloc(sizeof *fo);
        fo->ob.type = &kaa_frame_type;
        fo->frame = f;
        f->frame_obj = kaa_from_obj(fo);
    }
    return f->frame_obj;
}

static KaaFrame *frame_of(KaaValue v) { return ((KaaFrameObject *)kaa_obj(v))->frame; }

static KaaValue frame_code(KaaValue self) { return kaa_from_obj(frame_of(self)->code); }
static KaaValue frame_globals(KaaValue self) { return kaa_from_obj(frame_of(self)->globals); }
static KaaValue frame_builtins(KaaValue self) { return kaa_from_obj(frame_of(self)->builtins); }
static KaaValue frame_locals_get(KaaValue self) { return kaa_frame_locals(frame_of(self)); }
static KaaValue frame_lineno(KaaValue self) {
    KaaFrameObject *fo = (KaaFrameObject *)kaa_obj(self);
    return kaa_from_small(fo->frame->on_heap && fo->lineno ? fo->lineno
                                                            : kaa_frame_lineno(fo->frame));
}
static KaaValue frame_lasti(KaaValue self) {
    KaaFrame *f = frame_of(self);
    return kaa_from_small(((int64_t)(f->ip - f->code->instrs) - 1) * 2);
}
// The caller's frame object, while this frame runs (f_back is not kept once it returns).
static KaaValue frame_back(KaaValue self) {
    KaaFrameObject *fo = (KaaFrameObject *)kaa_obj(self);
    if (fo->back == KAA_NULL && fo->frame->previous != NULL) {
        fo->back = kaa_frame_object(fo->frame->previous);
    }
    return fo->back == KAA_NULL ? kaa_None : fo->back;
}
static KaaValue frame_trace(KaaValue self) { return kaa_None; }

static const KaaGetSetDef frame_getsets[] = {
    {"f_code", frame_code, NULL, NULL},
    {"f_globals", frame_globals, NULL, NULL},
    {"f_builtins", frame_builtins, NULL, NULL},
    {"f_locals", frame_locals_get, NULL, NULL},
    {"f_lineno", frame_lineno, NULL, NULL},
    {"f_lasti", frame_lasti, NULL, NULL},
    {"f_back", frame_back, NULL, NULL},
    {"f_trace", frame_trace, NULL, NULL},
    {NULL},
};

static KaaValue frame_repr(KaaValue self) {
    KaaFrame *f = frame_of(self);
    return kaa_str_printf("<frame at %p, file %R, line %d, code %S>", (void *)(uintptr_t)self,
                          f->code->filename, kaa_frame_lineno(f), f->code->name);
}

static KaaValue frame_clear(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return kaa_None;
}

static const KaaMethodDef frame_methods[] = {
    {"clear", frame_clear, 0, NULL},
    {NULL},
};

KaaType kaa_frame_type = {
    .ob = {&kaa_type_type},
    .name = "frame",
    .instance_size = sizeof(KaaFrameObject),
    .repr = frame_repr,
    .getsets = frame_getsets,
    .methods = frame_methods,
};
