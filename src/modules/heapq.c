// modules/heapq.c — the _heapq module: the binary min-heap (and the max-heap helpers
// heapq.py uses for merge and nlargest) over a list.
//
// Stage: modules. Owns siftdown/siftup exactly as CPython orders them (the same comparisons
// in the same order give the same heap for equal keys), and the list-changed-size checks
// after each comparison, which may run Python code. Must not: accept anything but a list.
#include "modules/nummods.h"

typedef bool (*Less)(KaaValue a, KaaValue b);

static bool min_less(KaaValue a, KaaValue b) { return nm_lt(a, b); }
static bool max_less(KaaValue a, KaaValue b) { return nm_lt(b, a); }

KAA_NORETURN static void changed_size(void) {
    kaa_raise_msg(kaa_RuntimeError, "list changed size during iteration");
}

// Moves the item at pos up towards startpos while it is less than its parent.
static void siftdown(KaaList *heap, int64_t startpos, int64_t pos, Less less) {
    int64_t size = heap->len;
    if (pos >= size) {
        kaa_raise_index_error("list index out of range");
    }
    while (pos > startpos) {
        int64_t parentpos = (pos - 1) >> 1;
        bool lt = less(heap->items[pos], heap->items[parentpos]);
        if (size != heap->len) {
            changed_size();
        }
        if (!lt) {
            break;
        }
        KaaValue parent = heap->items[parentpos];
        heap->items[parentpos] = heap->items[pos];
        heap->items[pos] = parent;
        pos = parentpos;
    }
}

// Moves the smaller child up until pos is a leaf, then sifts the item there back down (the
// "bottom-up" variant: fewer comparisons on average).
static void siftup(KaaList *heap, int64_t pos, Less less) {
    int64_t endpos = heap->len, startpos = pos;
    if (pos >= endpos) {
        kaa_raise_index_error("list index out of range");
    }
    int64_t limit = endpos >> 1;  // the first position without a child
    while (pos < limit) {
        int64_t childpos = 2 * pos + 1;
        if (childpos + 1 < endpos) {
            bool lt = less(heap->items[childpos], heap->items[childpos + 1]);
            if (endpos != heap->len) {
                changed_size();
            }
            childpos += !lt;
        }
        KaaValue child = heap->items[childpos];
        heap->items[childpos] = heap->items[pos];
        heap->items[pos] = child;
        pos = childpos;
    }
    siftdown(heap, startpos, pos, less);
}

// The heap argument: "heappush() argument 1 must be list, not int" (or "argument" alone for
// the one-argument functions).
static KaaList *heap_arg(const char *fname, KaaValue v, bool numbered) {
    if (!kaa_is_list(v)) {
        kaa_raise_type_error("%s() argument%s must be list, not %s", fname, numbered ? " 1" : "",
                             kaa_argtype_name(v));
    }
    return kaa_list(v);
}

static KaaList *one_heap(const char *qual, const char *fname, KaaValue *args, size_t nargs,
                         KaaTuple *kw) {
    kaa_args_no_kw(qual, kw);
    kaa_args_count(qual, nargs, 1, 1);
    return heap_arg(fname, args[0], false);
}

static KaaList *two_heap(const char *qual, const char *fname, KaaValue *args, size_t nargs,
                         KaaTuple *kw) {
    kaa_args_no_kw(qual, kw);
    kaa_args_count(fname, nargs, 2, 2);
    return heap_arg(fname, args[0], true);
}

static KaaValue heappush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaList *heap = two_heap("_heapq.heappush", "heappush", args, nargs, kw);
    kaa_list_append(heap, args[1]);
    siftdown(heap, 0, heap->len - 1, min_less);
    return kaa_None;
}

// Removes the last item; puts it at the root and sifts, returning the old root.
static KaaValue pop(KaaList *heap, Less less) {
    if (heap->len == 0) {
        kaa_raise_index_error("index out of range");
    }
    KaaValue last = heap->items[--heap->len];
    heap->items[heap->len] = KAA_NULL;
    if (heap->len == 0) {
        return last;
    }
    KaaValue top = heap->items[0];
    heap->items[0] = last;
    siftup(heap, 0, less);
    return top;
}

static KaaValue heappop(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return pop(one_heap("_heapq.heappop", "heappop", args, nargs, kw), min_less);
}

static KaaValue heappop_max(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return pop(one_heap("_heapq._heappop_max", "_heappop_max", args, nargs, kw), max_less);
}

static KaaValue replace(KaaList *heap, KaaValue item, Less less) {
    if (heap->len == 0) {
        kaa_raise_index_error("index out of range");
    }
    KaaValue top = heap->items[0];
    heap->items[0] = item;
    siftup(heap, 0, less);
    return top;
}

static KaaValue heapreplace(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaList *heap = two_heap("_heapq.heapreplace", "heapreplace", args, nargs, kw);
    return replace(heap, args[1], min_less);
}

static KaaValue heapreplace_max(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaList *heap = two_heap("_heapq._heapreplace_max", "_heapreplace_max", args, nargs, kw);
    return replace(heap, args[1], max_less);
}

// Push, then pop, in one step: the item comes straight back when it is not above the root.
static KaaValue heappushpop(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    KaaList *heap = two_heap("_heapq.heappushpop", "heappushpop", args, nargs, kw);
    KaaValue item = args[1];
    if (heap->len == 0 || !nm_lt(heap->items[0], item)) {
        return item;
    }
    if (heap->len == 0) {  // the comparison emptied the list
        kaa_raise_index_error("index out of range");
    }
    KaaValue top = heap->items[0];
    heap->items[0] = item;
    siftup(heap, 0, min_less);
    return top;
}

static void heapify_list(KaaList *heap, Less less) {
    // Every position from the last one with a child down to the root.
    for (int64_t i = (heap->len >> 1) - 1; i >= 0; i--) {
        siftup(heap, i, less);
    }
}

static KaaValue heapify(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    heapify_list(one_heap("_heapq.heapify", "heapify", args, nargs, kw), min_less);
    return kaa_None;
}

static KaaValue heapify_max(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    heapify_list(one_heap("_heapq._heapify_max", "_heapify_max", args, nargs, kw), max_less);
    return kaa_None;
}

static const KaaMethodDef heapq_methods[] = {
    {"heappush", heappush, 0, "Push item onto heap, maintaining the heap invariant."},
    {"heappushpop", heappushpop, 0, "Push item on the heap, then pop and return the smallest "
                                    "item from the heap."},
    {"heappop", heappop, 0, "Pop the smallest item off the heap, maintaining the heap "
                            "invariant."},
    {"heapreplace", heapreplace, 0, "Pop and return the current smallest value, and add the new "
                                    "item."},
    {"heapify", heapify, 0, "Transform list into a heap, in-place, in O(len(heap)) time."},
    {"_heappop_max", heappop_max, 0, "Maxheap variant of heappop."},
    {"_heapify_max", heapify_max, 0, "Maxheap variant of heapify."},
    {"_heapreplace_max", heapreplace_max, 0, "Maxheap variant of heapreplace."},
    {NULL},
};

KaaValue kaa_heapq_init(void) {
    KaaValue m = kaa_module_new_cstr("_heapq");
    kaa_module_add_methods(m, heapq_methods);
    // heapq.py re-exports __about__ (François Pinard's essay); kaa keeps its first lines.
    kaa_module_add(m, "__about__", kaa_str_from_cstr(
        "Heap queues\n\n[explanation by Fran\xc3\xa7ois Pinard]\n\nHeaps are arrays for "
        "which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.\n"));
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("Heap queue algorithm (a.k.a. priority "
                                                   "queue)."));
    return m;
}
