// runtime/alloc.c — the one wrapper over the Boehm-Demers-Weiser collector.
//
// Stage: runtime. Owns every allocation kaa makes for Python data, the collector's tuning, and
// GMP's allocator (routed here so big-int limbs are collected too). Nothing else calls GC_*
// directly, so the collector can be tuned or replaced in this file alone.
#include <gc/gc.h>
#include <gc/gc_mark.h>
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "objects/objects.h"

// DESIGN.md measured 30 ns per small allocation with the default 4 MB heap and 18 ns after
// expanding it to 64 MB (37 collections instead of 3 175 over 50 M allocations).
#define KAA_INITIAL_HEAP (64u << 20)

static void *gmp_alloc(size_t size) { return kaa_alloc_atomic(size); }

static void *gmp_realloc(void *p, size_t old_size, size_t new_size) {
    void *q = kaa_alloc_atomic(new_size);
    memcpy(q, p, old_size < new_size ? old_size : new_size);
    return q;
}

// Limbs are left to the collector; freeing them early would be unsafe if a KaaInt still
// pointed at them, and GMP frees only temporaries here.
static void gmp_free(void *p, size_t size) { (void)p, (void)size; }

static KAA_NORETURN void out_of_memory_abort(void) {
    static const char msg[] = "kaa: out of memory\n";
    fwrite(msg, 1, sizeof msg - 1, stderr);
    abort();
}

static void *on_gc_oom(size_t size) {
    (void)size;
    return NULL;
}

static void finalizers_ready(void);
static void run_finalizers(void);

void kaa_alloc_init(void) {
    GC_set_oom_fn(on_gc_oom);
    GC_INIT();
    GC_set_finalize_on_demand(1);
    GC_set_finalizer_notifier(finalizers_ready);
    kaa_pending_register(run_finalizers);
    GC_expand_hp(KAA_INITIAL_HEAP);
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}

// A failed allocation raises MemoryError; the exception object itself is preallocated.
static KAA_NORETURN void alloc_failed(size_t size) {
    if (size > ((size_t)1 << 40) || kaa_ts.handler != NULL) {
        kaa_raise_memory();
    }
    out_of_memory_abort();
}

// Small scanned objects come from per-size free lists refilled by GC_malloc_many, which
// hands out a whole page of cleared objects at once (DESIGN.md measured 13 ns per
// allocation this way against 18 ns for GC_MALLOC on a tuned heap).
#define GRANULE 16
#define SMALL_CLASSES 16  // sizes up to 256 bytes
static void *free_lists[SMALL_CLASSES + 1];

static void *refill(size_t cls) {
    void *list = GC_malloc_many(cls * GRANULE);
    if (KAA_UNLIKELY(list == NULL)) {
        alloc_failed(cls * GRANULE);
    }
    free_lists[cls] = GC_NEXT(list);
    GC_NEXT(list) = NULL;
    return list;
}

void *kaa_alloc(size_t size) {
    if (KAA_LIKELY(size <= SMALL_CLASSES * GRANULE)) {
        size_t cls = (size + GRANULE - 1) / GRANULE;
        cls += cls == 0;
        void *p = free_lists[cls];
        if (KAA_LIKELY(p != NULL)) {
            free_lists[cls] = GC_NEXT(p);
            GC_NEXT(p) = NULL;  // the link word; everything else is already cleared
            return p;
        }
        return refill(cls);
    }
    void *p = GC_MALLOC(size);
    if (KAA_UNLIKELY(p == NULL)) {
        alloc_failed(size);
    }
    return p;
}

void *kaa_alloc_atomic(size_t size) {
    void *p = GC_MALLOC_ATOMIC(size);
    if (KAA_UNLIKELY(p == NULL)) {
        alloc_failed(size);
    }
    return p;
}

void *kaa_realloc(void *p, size_t size) {
    void *q = GC_REALLOC(p, size);
    if (KAA_UNLIKELY(q == NULL)) {
        alloc_failed(size);
    }
    return q;
}

char *kaa_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = kaa_alloc_atomic(n);
    memcpy(d, s, n);
    return d;
}

// Finalizers run at the VM's safe points, not inside the allocation that triggered a
// collection (they may run Python code: flushing a file, a weakref callback, __del__).
// Several subsystems may finalize one object: each registration chains to the previous one.
typedef struct {
    void (*fn)(void *obj, void *data);
    void *data;
    GC_finalization_proc next_fn;
    void *next_data;
} Finalizer;

static void run_finalizer(void *obj, void *client) {
    Finalizer *f = client;
    f->fn(obj, f->data);
    if (f->next_fn != NULL) {
        f->next_fn(obj, f->next_data);
    }
}

void kaa_alloc_finalizer(void *obj, void (*fn)(void *obj, void *data), void *data) {
    Finalizer *f = kaa_alloc(sizeof *f);
    f->fn = fn;
    f->data = data;
    GC_REGISTER_FINALIZER_NO_ORDER(obj, run_finalizer, f, &f->next_fn, &f->next_data);
}

static void finalizers_ready(void) { kaa_eval_breaker = 1; }

static void run_finalizers(void) {
    if (GC_should_invoke_finalizers()) {
        GC_invoke_finalizers();
    }
}

// ---- weak references ------------------------------------------------------------------------
// The slot stores the pointer hidden (bit-inverted), so the conservative collector does not
// see it; the disappearing link clears the slot when the object is reclaimed.

void kaa_weak_set(void **slot, void *obj) {
    *slot = (void *)GC_HIDE_POINTER(obj);
    GC_GENERAL_REGISTER_DISAPPEARING_LINK(slot, obj);
}

static void *reveal(void *slot) {
    void *hidden = *(void **)slot;
    return hidden == NULL ? NULL : GC_REVEAL_POINTER((GC_hidden_pointer)hidden);
}

void *kaa_weak_get(void **slot) {
    // The allocation lock keeps a collection from clearing the slot halfway through the read.
    return GC_call_with_alloc_lock(reveal, slot);
}

void kaa_weak_clear(void **slot) {
    if (*slot != NULL) {
        GC_unregister_disappearing_link(slot);
        *slot = NULL;
    }
}

void *kaa_alloc_unmanaged(size_t size) {
    void *p = GC_MALLOC_ATOMIC_UNCOLLECTABLE(size);
    if (p == NULL) {
        alloc_failed(size);
    }
    return p;
}

static void (*root_pusher)(void (*push)(void *lo, void *hi));
static GC_push_other_roots_proc collector_push_roots;

static void push_range(void *lo, void *hi) { GC_push_all_eager(lo, hi); }

static void push_other_roots(void) {
    if (collector_push_roots != NULL) {
        collector_push_roots();
    }
    root_pusher(push_range);
}

void kaa_alloc_set_root_pusher(void (*pusher)(void (*push)(void *lo, void *hi))) {
    root_pusher = pusher;
    collector_push_roots = GC_get_push_other_roots();
    GC_set_push_other_roots(push_other_roots);
}

void kaa_alloc_collect(void) {
    GC_gcollect();
    run_finalizers();
}
