// objects/listsort.c — list.sort(): a stable, adaptive merge sort (timsort).
//
// Stage: objects. Owns kaa_list_sort, used by list.sort() and sorted(). The algorithm is
// Tim Peters' design as CPython 3.11 runs it: natural runs (strictly descending ones are
// reversed), short runs extended to `minrun` by binary insertion, runs merged in the order the
// "powersort" rule gives, and merges that switch to galloping when one run keeps winning.
// Comparisons go through one inline function that picks a fast path chosen by a pre-scan of
// the keys (all small ints, all floats, all exact strs, all tuples) and otherwise calls
// kaa_richcompare_bool(a, b, KAA_LT).
// Must not: leave the list in a bad state when a comparison or key function raises. The list
// is emptied while the sort runs (mutations are detected), and a failed merge copies its
// temporary run back, so the list is always a permutation of what it held.
#include "objects/containers.h"

#define MIN_GALLOP 7
#define MAX_PENDING 85  // enough for 2**64 items

enum { CMP_INT, CMP_FLOAT, CMP_NUM, CMP_STR, CMP_TUPLE, CMP_GENERIC };

typedef struct Run {
    int64_t base, len;
    int power;  // powersort depth of the boundary after this run
} Run;

// Where a merge stands, kept in memory so that a raising comparison can be undone: `n`
// values at tmp[src..] belong at keys[dest..].
typedef struct Pending {
    int64_t dest, src, n;
    bool active;
} Pending;

typedef struct Sorter {
    KaaValue *keys;    // what is compared
    KaaValue *values;  // moved along with keys (the items when a key function is used)
    int64_t n;
    int kind;          // CMP_*
    int first_kind;    // for CMP_TUPLE: how the first elements compare
    int64_t min_gallop;
    KaaValue *tmpk, *tmpv;
    int64_t tmp_cap;
    Run runs[MAX_PENDING];
    int nruns;
    Pending undo;
} Sorter;

// ---- comparison -----------------------------------------------------------------------------

static inline bool lt_kind(int kind, KaaValue a, KaaValue b);

static bool tuple_lt(Sorter *s, KaaValue a, KaaValue b) {
    KaaTuple *x = kaa_tuple(a), *y = kaa_tuple(b);
    int64_t i = 0;
    for (; i < x->len && i < y->len; i++) {
        if (!items_same(x->items[i], y->items[i])) {
            break;
        }
    }
    if (i >= x->len || i >= y->len) {
        return x->len < y->len;
    }
    if (i == 0) {
        return lt_kind(s->first_kind, x->items[0], y->items[0]);
    }
    return lt_kind(CMP_GENERIC, x->items[i], y->items[i]);
}

static inline double num_of(KaaValue v) {
    return kaa_is_int(v) ? (double)kaa_int_val(v) : kaa_float_val(v);
}

// a < b for a comparison kind. CMP_GENERIC still catches two small ints or two exact strs.
static inline bool lt_kind(int kind, KaaValue a, KaaValue b) {
    switch (kind) {
    case CMP_INT:
        return kaa_int_val(a) < kaa_int_val(b);
    case CMP_FLOAT:
        return kaa_float_val(a) < kaa_float_val(b);
    case CMP_NUM:
        return num_of(a) < num_of(b);  // exact: small ints have at most 48 bits
    case CMP_STR:
        return kaa_str_compare(a, b) < 0;
    default:
        if (kaa_is_int(a) && kaa_is_int(b)) {
            return kaa_int_val(a) < kaa_int_val(b);
        }
        if (is_exact_str(a) && is_exact_str(b)) {
            return kaa_str_compare(a, b) < 0;
        }
        return kaa_richcompare_bool(a, b, KAA_LT);
    }
}

static inline bool lt(Sorter *s, KaaValue a, KaaValue b) {
    if (s->kind == CMP_TUPLE) {
        return tuple_lt(s, a, b);
    }
    return lt_kind(s->kind, a, b);
}

// The one comparison kind every value of keys[0..n) (or their first items) admits.
static int scan_kind(const KaaValue *keys, int64_t n, bool first_items) {
    bool ints = true, floats = true, nums = true, strs = true;
    for (int64_t i = 0; i < n; i++) {
        KaaValue v = keys[i];
        if (first_items) {
            v = kaa_tuple(v)->items[0];
        }
        bool isint = kaa_is_int(v), isfloat = kaa_is_float(v);
        ints &= isint;
        floats &= isfloat;
        nums &= isint || isfloat;
        strs &= is_exact_str(v);
        if (!nums && !strs) {
            return CMP_GENERIC;
        }
    }
    return ints ? CMP_INT : floats ? CMP_FLOAT : nums ? CMP_NUM : strs ? CMP_STR : CMP_GENERIC;
}

static void choose_kind(Sorter *s) {
    s->kind = scan_kind(s->keys, s->n, false);
    if (s->kind != CMP_GENERIC) {
        return;
    }
    for (int64_t i = 0; i < s->n; i++) {
        KaaValue v = s->keys[i];
        if (!kaa_is_type(v, &kaa_tuple_type) || kaa_tuple(v)->len == 0) {
            return;
        }
    }
    s->kind = CMP_TUPLE;
    s->first_kind = scan_kind(s->keys, s->n, true);
}

// ---- moving keys together with their values -------------------------------------------------

static inline void move_within(Sorter *s, int64_t to, int64_t from, int64_t n) {
    memmove(s->keys + to, s->keys + from, (size_t)n * sizeof(KaaValue));
    if (s->values) {
        memmove(s->values + to, s->values + from, (size_t)n * sizeof(KaaValue));
    }
}

static inline void from_tmp(Sorter *s, int64_t to, int64_t from, int64_t n) {
    memcpy(s->keys + to, s->tmpk + from, (size_t)n * sizeof(KaaValue));
    if (s->values) {
        memcpy(s->values + to, s->tmpv + from, (size_t)n * sizeof(KaaValue));
    }
}

static inline void set1(Sorter *s, int64_t to, int64_t from) {
    s->keys[to] = s->keys[from];
    if (s->values) {
        s->values[to] = s->values[from];
    }
}

static inline void set1_tmp(Sorter *s, int64_t to, int64_t from) {
    s->keys[to] = s->tmpk[from];
    if (s->values) {
        s->values[to] = s->tmpv[from];
    }
}

// Copies keys[from..from+n) into the temporary area, growing it as needed.
static void to_tmp(Sorter *s, int64_t from, int64_t n) {
    if (n > s->tmp_cap) {
        int64_t cap = n < s->n / 2 ? s->n / 2 : n;
        s->tmpk = kaa_alloc((size_t)cap * sizeof(KaaValue));
        s->tmpv = s->values ? kaa_alloc((size_t)cap * sizeof(KaaValue)) : NULL;
        s->tmp_cap = cap;
    }
    memcpy(s->tmpk, s->keys + from, (size_t)n * sizeof(KaaValue));
    if (s->values) {
        memcpy(s->tmpv, s->values + from, (size_t)n * sizeof(KaaValue));
    }
}

static void reverse_range(KaaValue *a, int64_t lo, int64_t hi) {
    for (hi--; lo < hi; lo++, hi--) {
        KaaValue t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
    }
}

static void reverse_both(Sorter *s, int64_t lo, int64_t hi) {
    reverse_range(s->keys, lo, hi);
    if (s->values) {
        reverse_range(s->values, lo, hi);
    }
}

// ---- runs -----------------------------------------------------------------------------------

// Sorts [lo, hi) by binary insertion, knowing [lo, start) is already sorted.
static void binary_insertion(Sorter *s, int64_t lo, int64_t hi, int64_t start) {
    for (; start < hi; start++) {
        KaaValue pivot = s->keys[start];
        int64_t l = lo, r = start;
        do {  // rightmost place for pivot, which keeps equal keys stable
            int64_t p = l + ((r - l) >> 1);
            if (lt(s, pivot, s->keys[p])) {
                r = p;
            } else {
                l = p + 1;
            }
        } while (l < r);
        KaaValue pv = s->values ? s->values[start] : KAA_NULL;
        move_within(s, l + 1, l, start - l);
        s->keys[l] = pivot;
        if (s->values) {
            s->values[l] = pv;
        }
    }
}

// Length of the run starting at lo: ascending (a[i] <= a[i+1]) or strictly descending.
static int64_t count_run(Sorter *s, int64_t lo, int64_t hi, bool *descending) {
    *descending = false;
    if (lo + 1 >= hi) {
        return 1;
    }
    int64_t i = lo + 2;
    if (lt(s, s->keys[lo + 1], s->keys[lo])) {
        *descending = true;
        while (i < hi && lt(s, s->keys[i], s->keys[i - 1])) {
            i++;
        }
    } else {
        while (i < hi && !lt(s, s->keys[i], s->keys[i - 1])) {
            i++;
        }
    }
    return i - lo;
}

// Runs shorter than this are extended by insertion: n/minrun is a power of two or just under.
static int64_t compute_minrun(int64_t n) {
    int64_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

// ---- galloping ------------------------------------------------------------------------------

// In sorted a[0..n): the k with a[k-1] < key <= a[k], searched from a[hint] outwards.
static int64_t gallop_left(Sorter *s, KaaValue key, const KaaValue *a, int64_t n,
                           int64_t hint) {
    int64_t last = 0, ofs = 1;
    if (lt(s, a[hint], key)) {
        int64_t max = n - hint;  // gallop right until a[hint+last] < key <= a[hint+ofs]
        while (ofs < max && lt(s, a[hint + ofs], key)) {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs > max ? max : ofs;
        last += hint;
        ofs += hint;
    } else {
        int64_t max = hint + 1;  // gallop left until a[hint-ofs] < key <= a[hint-last]
        while (ofs < max && !lt(s, a[hint - ofs], key)) {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs > max ? max : ofs;
        int64_t k = last;
        last = hint - ofs;
        ofs = hint - k;
    }
    for (last++; last < ofs;) {  // now a[last-1] < key <= a[ofs]: binary search between
        int64_t m = last + ((ofs - last) >> 1);
        if (lt(s, a[m], key)) {
            last = m + 1;
        } else {
            ofs = m;
        }
    }
    return ofs;
}

// In sorted a[0..n): the k with a[k-1] <= key < a[k] (after any equal keys).
static int64_t gallop_right(Sorter *s, KaaValue key, const KaaValue *a, int64_t n,
                            int64_t hint) {
    int64_t last = 0, ofs = 1;
    if (lt(s, key, a[hint])) {
        int64_t max = hint + 1;
        while (ofs < max && lt(s, key, a[hint - ofs])) {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs > max ? max : ofs;
        int64_t k = last;
        last = hint - ofs;
        ofs = hint - k;
    } else {
        int64_t max = n - hint;
        while (ofs < max && !lt(s, key, a[hint + ofs])) {
            last = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs > max ? max : ofs;
        last += hint;
        ofs += hint;
    }
    for (last++; last < ofs;) {
        int64_t m = last + ((ofs - last) >> 1);
        if (lt(s, key, a[m])) {
            ofs = m;
        } else {
            last = m + 1;
        }
    }
    return ofs;
}

// ---- merging --------------------------------------------------------------------------------

// Merges run a = keys[pa..pa+na) (moved to tmp) with run b = keys[pb..pb+nb) from the left.
// Requires na <= nb, b[0] < a[0] and a[na-1] > every b. u->src/n/dest track tmp's rest.
static void merge_lo(Sorter *s, int64_t pa, int64_t na, int64_t pb, int64_t nb) {
    Pending *u = &s->undo;
    to_tmp(s, pa, na);
    *u = (Pending){pa, 0, na, true};
    int64_t min_gallop = s->min_gallop;
    set1(s, u->dest++, pb++);
    if (--nb == 0) {
        goto done;
    }
    if (u->n == 1) {
        goto copy_b;
    }
    for (;;) {
        int64_t acount = 0, bcount = 0;
        for (;;) {  // one pair at a time until a run wins min_gallop times in a row
            if (lt(s, s->keys[pb], s->tmpk[u->src])) {
                set1(s, u->dest++, pb++);
                bcount++, acount = 0;
                if (--nb == 0) {
                    goto done;
                }
                if (bcount >= min_gallop) {
                    break;
                }
            } else {
                set1_tmp(s, u->dest++, u->src++);
                acount++, bcount = 0;
                if (--u->n == 1) {
                    goto copy_b;
                }
                if (acount >= min_gallop) {
                    break;
                }
            }
        }
        min_gallop++;
        do {  // galloping: find how many of each run go next, in one search each
            min_gallop -= min_gallop > 1;
            s->min_gallop = min_gallop;
            int64_t k = gallop_right(s, s->keys[pb], s->tmpk + u->src, u->n, 0);
            acount = k;
            if (k) {
                from_tmp(s, u->dest, u->src, k);
                u->dest += k, u->src += k, u->n -= k;
                if (u->n == 1) {
                    goto copy_b;
                }
                if (u->n == 0) {  // only with an inconsistent comparison
                    goto done;
                }
            }
            set1(s, u->dest++, pb++);
            if (--nb == 0) {
                goto done;
            }
            k = gallop_left(s, s->tmpk[u->src], s->keys + pb, nb, 0);
            bcount = k;
            if (k) {
                move_within(s, u->dest, pb, k);
                u->dest += k, pb += k, nb -= k;
                if (nb == 0) {
                    goto done;
                }
            }
            set1_tmp(s, u->dest++, u->src++);
            if (--u->n == 1) {
                goto copy_b;
            }
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        min_gallop++;  // leaving gallop mode costs: it was not paying off
        s->min_gallop = min_gallop;
    }
copy_b:  // the last of a goes after the rest of b
    move_within(s, u->dest, pb, nb);
    set1_tmp(s, u->dest + nb, u->src);
    u->active = false;
    return;
done:
    from_tmp(s, u->dest, u->src, u->n);
    u->active = false;
}

// The mirror image: b = keys[pb..pb+nb) moves to tmp and the merge fills from the right.
// Requires na > nb... (any sizes work), b[0] < a[0] and a[na-1] > every b.
static void merge_hi(Sorter *s, int64_t pa, int64_t na, int64_t pb, int64_t nb) {
    Pending *u = &s->undo;
    to_tmp(s, pb, nb);
    int64_t dest = pb + nb - 1, ia = pa + na - 1;  // ia: last of a; tmp[nb-1]: last of b
    *u = (Pending){pa + na, 0, nb, true};          // undo: tmp[0..n) goes after a's rest
    int64_t min_gallop = s->min_gallop;
    set1(s, dest--, ia--);
    if (--na == 0) {
        goto done;
    }
    u->dest = pa + na;
    if (u->n == 1) {
        goto copy_a;
    }
    for (;;) {
        int64_t acount = 0, bcount = 0;
        for (;;) {
            if (lt(s, s->tmpk[u->n - 1], s->keys[ia])) {
                set1(s, dest--, ia--);
                acount++, bcount = 0;
                u->dest = pa + --na;
                if (na == 0) {
                    goto done;
                }
                if (acount >= min_gallop) {
                    break;
                }
            } else {
                set1_tmp(s, dest--, u->n - 1);
                bcount++, acount = 0;
                if (--u->n == 1) {
                    goto copy_a;
                }
                if (bcount >= min_gallop) {
                    break;
                }
            }
        }
        min_gallop++;
        do {
            min_gallop -= min_gallop > 1;
            s->min_gallop = min_gallop;
            int64_t k = na - gallop_right(s, s->tmpk[u->n - 1], s->keys + pa, na, na - 1);
            acount = k;
            if (k) {
                dest -= k, ia -= k;
                move_within(s, dest + 1, ia + 1, k);
                na -= k;
                u->dest = pa + na;
                if (na == 0) {
                    goto done;
                }
            }
            set1_tmp(s, dest--, u->n - 1);
            if (--u->n == 1) {
                goto copy_a;
            }
            k = u->n - gallop_left(s, s->keys[ia], s->tmpk, u->n, u->n - 1);
            bcount = k;
            if (k) {
                dest -= k;
                from_tmp(s, dest + 1, u->n - k, k);
                u->n -= k;
                if (u->n == 1) {
                    goto copy_a;
                }
                if (u->n == 0) {  // only with an inconsistent comparison
                    goto done;
                }
            }
            set1(s, dest--, ia--);
            u->dest = pa + --na;
            if (na == 0) {
                goto done;
            }
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        min_gallop++;
        s->min_gallop = min_gallop;
    }
copy_a:  // the first of b goes before the rest of a
    dest -= na, ia -= na;
    move_within(s, dest + 1, ia + 1, na);
    set1_tmp(s, dest, 0);
    u->active = false;
    return;
done:
    from_tmp(s, dest - (u->n - 1), 0, u->n);
    u->active = false;
}

// Merges runs i and i+1 of the stack.
static void merge_at(Sorter *s, int i) {
    int64_t pa = s->runs[i].base, na = s->runs[i].len;
    int64_t pb = s->runs[i + 1].base, nb = s->runs[i + 1].len;
    s->runs[i].len = na + nb;
    if (i == s->nruns - 3) {
        s->runs[i + 1] = s->runs[i + 2];
    }
    s->nruns--;
    // Items of a not above b[0] are already in place, and so are items of b not below a's last.
    int64_t k = gallop_right(s, s->keys[pb], s->keys + pa, na, 0);
    pa += k;
    na -= k;
    if (na == 0) {
        return;
    }
    nb = gallop_left(s, s->keys[pa + na - 1], s->keys + pb, nb, nb - 1);
    if (nb == 0) {
        return;
    }
    if (na <= nb) {
        merge_lo(s, pa, na, pb, nb);
    } else {
        merge_hi(s, pa, na, pb, nb);
    }
}

// Powersort: the depth, in the implicit binary tree over [0, n), of the boundary between run
// 1 = [s1, s1+n1) and run 2 = [s1+n1, s1+n1+n2): the first bit where the binary fractions
// of their midpoints (over n) differ. Doubled values keep the midpoints whole.
static int boundary_power(int64_t s1, int64_t n1, int64_t n2, int64_t n) {
    uint64_t a = 2 * (uint64_t)s1 + (uint64_t)n1, b = a + (uint64_t)n1 + (uint64_t)n2;
    int power = 0;
    for (;;) {
        power++;
        if (a >= (uint64_t)n) {  // both next bits are 1
            a -= (uint64_t)n;
            b -= (uint64_t)n;
        } else if (b >= (uint64_t)n) {  // a's bit 0, b's bit 1: they differ here
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return power;
}

// Before pushing a run of length n2: merge the runs whose boundaries are deeper than the
// new boundary (the stack keeps boundary powers increasing upwards).
static void found_new_run(Sorter *s, int64_t n2) {
    if (s->nruns == 0) {
        return;
    }
    Run *top = &s->runs[s->nruns - 1];
    int power = boundary_power(top->base, top->len, n2, s->n);
    while (s->nruns > 1 && s->runs[s->nruns - 2].power > power) {
        merge_at(s, s->nruns - 2);
    }
    s->runs[s->nruns - 1].power = power;
}

static void merge_force_collapse(Sorter *s) {
    while (s->nruns > 1) {
        int i = s->nruns - 2;
        if (i > 0 && s->runs[i - 1].len < s->runs[i + 1].len) {
            i--;
        }
        merge_at(s, i);
    }
}

static void timsort(Sorter *s) {
    int64_t n = s->n, lo = 0, minrun = compute_minrun(n);
    s->min_gallop = MIN_GALLOP;
    while (lo < n) {
        bool descending;
        int64_t run = count_run(s, lo, n, &descending);
        if (descending) {
            reverse_both(s, lo, lo + run);
        }
        if (run < minrun) {
            int64_t force = n - lo < minrun ? n - lo : minrun;
            binary_insertion(s, lo, lo + force, lo + run);
            run = force;
        }
        found_new_run(s, run);
        s->runs[s->nruns++] = (Run){lo, run, 0};
        lo += run;
    }
    merge_force_collapse(s);
}

// ---- the entry point ------------------------------------------------------------------------

typedef struct SortCall {
    Sorter s;
    KaaValue key;
    bool reverse;
    bool keys_done;
} SortCall;

static void sort_body(void *ud) {
    SortCall *c = ud;
    Sorter *s = &c->s;
    if (c->key != KAA_NULL) {
        KaaValue *keys = kaa_alloc((size_t)s->n * sizeof(KaaValue));
        for (int64_t i = 0; i < s->n; i++) {
            keys[i] = kaa_call1(c->key, s->values[i]);
        }
        s->keys = keys;
    }
    c->keys_done = true;
    if (c->reverse) {  // reversing around a stable sort keeps equal items in order
        reverse_both(s, 0, s->n);
    }
    choose_kind(s);
    timsort(s);
}

void kaa_list_sort(KaaList *list, KaaValue key, bool reverse) {
    if (key == kaa_None) {
        key = KAA_NULL;
    }
    int64_t n = list->len, cap = list->cap;
    KaaValue *items = list->items;
    if (n < 2 && key == KAA_NULL) {
        return;
    }
    // The list is empty while it sorts, so that mutations from comparisons are detectable.
    list->items = NULL;
    list->len = 0;
    list->cap = -1;
    SortCall c = {.key = key, .reverse = reverse && n > 1};
    c.s.n = n;
    c.s.keys = items;
    c.s.values = key != KAA_NULL ? items : NULL;
    KaaValue exc = n > 0 ? kaa_protect(sort_body, &c) : KAA_NULL;
    if (c.s.undo.active) {  // a comparison raised inside a merge: put tmp's values back
        Pending *u = &c.s.undo;
        from_tmp(&c.s, u->dest, u->src, u->n);
    }
    bool modified = list->items != NULL || list->cap != -1;
    if (c.keys_done && c.reverse) {
        reverse_range(items, 0, n);
    }
    list->items = items;
    list->len = n;
    list->cap = cap;
    if (exc) {
        kaa_raise(exc);
    }
    if (modified) {
        kaa_raise_value_error("list modified during sort");
    }
}
