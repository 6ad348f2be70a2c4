// modules/bisect.c — the _bisect module: bisect_left/right and insort_left/right.
//
// Stage: modules. Binary search over any sequence with CPython's semantics: items are read
// by index on every probe (a sequence that shrinks during a comparison raises IndexError), an
// optional key function is applied to the items but not to x, and insort inserts with
// list.insert (directly for exact lists). Exact lists with numbers compare inline.
// Must not: sort or copy the sequence.
#include "modules/nummods.h"

static const char *const bisect_names[] = {"a", "x", "lo", "hi", "key"};

typedef struct {
    KaaValue a, x, key;
    int64_t lo, hi;
} Search;

// hi: an index or None (CPython's optional ssize_t converter and its messages); -1 for None.
static int64_t hi_arg(KaaValue v) {
    if (v == KAA_NULL || v == kaa_None) {
        return -1;
    }
    if (!kaa_is_int_like(v) && kaa_type_of(v)->index == NULL) {
        kaa_raise_type_error("argument should be integer or None, not '%s'", kaa_type_name_of(v));
    }
    int64_t out;
    if (!kaa_int_to_i64(kaa_index(v), &out)) {
        kaa_raise_overflow("cannot fit 'int' into an index-sized integer");
    }
    return out;
}

static void bind(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kw, Search *s) {
    const NmParams params = {fname, bisect_names, 5, 0, 4, 2};
    KaaValue v[5];
    nm_bind(&params, args, nargs, kw, v);
    s->a = v[0];
    s->x = v[1];
    s->lo = v[2] ? nm_ssize_arg(v[2]) : 0;
    s->hi = hi_arg(v[3]);
    if (s->lo < 0) {
        kaa_raise_value_error("lo must be non-negative");
    }
    if (s->hi == -1) {
        s->hi = kaa_len(s->a);  // None, and also an explicit -1, as CPython's default
    }
    s->key = v[4] && v[4] != kaa_None ? v[4] : KAA_NULL;
}

// The item at i, read afresh (the sequence may change while comparing).
static inline KaaValue item_at(KaaValue a, int64_t i) {
    if (kaa_is_type(a, &kaa_list_type)) {
        KaaList *l = kaa_list(a);
        if (i >= l->len) {
            kaa_raise_index_error("list index out of range");
        }
        return l->items[i];
    }
    return kaa_getitem(a, kaa_int_from_i64(i));
}

// The first position whose item is > x (right) or >= x (left), in [lo, hi).
static int64_t search(const Search *s, KaaValue x, bool right) {
    int64_t lo = s->lo, hi = s->hi;
    while (lo < hi) {
        int64_t mid = (int64_t)(((uint64_t)lo + (uint64_t)hi) / 2);
        KaaValue item = item_at(s->a, mid);
        if (s->key != KAA_NULL) {
            item = kaa_call1(s->key, item);
        }
        bool go_left = right ? nm_lt(x, item) : !nm_lt(item, x);
        if (go_left) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

static KaaValue bisect_right(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    Search s;
    bind("bisect_right", args, nargs, kw, &s);
    return kaa_int_from_i64(search(&s, s.x, true));
}

static KaaValue bisect_left(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    Search s;
    bind("bisect_left", args, nargs, kw, &s);
    return kaa_int_from_i64(search(&s, s.x, false));
}

// Inserts x at index: in place for exact lists, else through the sequence's insert method.
static void insert(KaaValue a, int64_t index, KaaValue x) {
    if (kaa_is_type(a, &kaa_list_type)) {
        KaaList *l = kaa_list(a);
        if (index > l->len) {
            index = l->len;  // as list.insert clamps
        }
        kaa_list_append(l, x);
        memmove(&l->items[index + 1], &l->items[index],
                (size_t)(l->len - 1 - index) * sizeof(KaaValue));
        l->items[index] = x;
        return;
    }
    KaaValue call_args[2] = {kaa_int_from_i64(index), x};
    kaa_call_method(a, kaa_str_intern_cstr("insert"), call_args, 2);
}

static KaaValue insort(const char *fname, KaaValue *args, size_t nargs, KaaTuple *kw,
                       bool right) {
    Search s;
    bind(fname, args, nargs, kw, &s);
    KaaValue key_x = s.key != KAA_NULL ? kaa_call1(s.key, s.x) : s.x;
    insert(s.a, search(&s, key_x, right), s.x);
    return kaa_None;
}

static KaaValue insort_right(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return insort("insort_right", args, nargs, kw, true);
}

static KaaValue insort_left(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return insort("insort_left", args, nargs, kw, false);
}

static const KaaMethodDef bisect_methods[] = {
    {"bisect_right", bisect_right, 0, "Return the index where to insert item x in list a, "
                                      "assuming a is sorted."},
    {"insort_right", insort_right, 0, "Insert item x in list a, and keep it sorted assuming a "
                                      "is sorted."},
    {"bisect_left", bisect_left, 0, "Return the index where to insert item x in list a, "
                                    "assuming a is sorted."},
    {"insort_left", insort_left, 0, "Insert item x in list a, and keep it sorted assuming a "
                                    "is sorted."},
    {NULL},
};

KaaValue kaa_bisect_init(void) {
    KaaValue m = kaa_module_new_cstr("_bisect");
    kaa_module_add_methods(m, bisect_methods);
    kaa_module_add(m, "__doc__", kaa_str_from_cstr("Bisection algorithms.\n\nThis module "
                                                   "provides support for maintaining a list in "
                                                   "sorted order without\nhaving to sort the "
                                                   "list after each insertion. For long lists "
                                                   "of items with\nexpensive comparison "
                                                   "operations, this can be an improvement over "
                                                   "the more common\napproach.\n"));
    return m;
}
