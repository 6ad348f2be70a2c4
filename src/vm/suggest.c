// vm/suggest.c — "Did you mean: 'x'?" for NameError and AttributeError in tracebacks.
//
// Stage: vm. Picks the closest name by CPython 3.11's measure: a Levenshtein distance where a
// change of case costs 1 and any other edit 2, limited to names of at most 40 bytes and to
// lists of fewer than 750 candidates, with a cut-off that grows with the names' lengths.
#include <string.h>

#include "vm/vm.h"

#define MAX_CANDIDATES 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

static int substitution_cost(char a, char b) {
    if ((a & 31) != (b & 31)) {
        return MOVE_COST;
    }
    if (a == b) {
        return 0;
    }
    if (a >= 'A' && a <= 'Z') {
        a += 'a' - 'A';
    }
    if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
    }
    return a == b ? CASE_COST : MOVE_COST;
}

static size_t distance(const char *a, size_t na, const char *b, size_t nb, size_t max_cost) {
    if (na == nb && memcmp(a, b, na) == 0) {
        return 0;
    }
    while (na && nb && a[0] == b[0]) {
        a++, b++, na--, nb--;
    }
    while (na && nb && a[na - 1] == b[nb - 1]) {
        na--, nb--;
    }
    if (na == 0 || nb == 0) {
        return (na + nb) * MOVE_COST;
    }
    if (na > MAX_STRING_SIZE || nb > MAX_STRING_SIZE) {
        return max_cost + 1;
    }
    if (nb < na) {
        const char *t = a;
        a = b, b = t;
        size_t n = na;
        na = nb, nb = n;
    }
    if ((nb - na) * MOVE_COST > max_cost) {
        return max_cost + 1;
    }
    size_t buffer[MAX_STRING_SIZE];
    for (size_t i = 0; i < na; i++) {
        buffer[i] = (i + 1) * MOVE_COST;
    }
    size_t result = 0;
    for (size_t bi = 0; bi < nb; bi++) {
        size_t dist = result = bi * MOVE_COST, minimum = (size_t)-1;
        for (size_t i = 0; i < na; i++) {
            size_t substitute = dist + (size_t)substitution_cost(b[bi], a[i]);
            dist = buffer[i];
            size_t insert_delete = (result < dist ? result : dist) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            buffer[i] = result;
            minimum = result < minimum ? result : minimum;
        }
        if (minimum > max_cost) {
            return max_cost + 1;
        }
    }
    return result;
}

// The closest of the candidates (a list of str) to name, or KAA_NULL.
static KaaValue closest(KaaList *candidates, KaaValue name) {
    if (candidates->len >= MAX_CANDIDATES) {
        return KAA_NULL;
    }
    size_t nlen;
    const char *n = kaa_str_utf8_sp(name, &nlen);
    KaaValue best = KAA_NULL;
    size_t best_distance = (size_t)-1;
    for (int64_t i = 0; i < candidates->len; i++) {
        KaaValue item = candidates->items[i];
        if (!kaa_is_str(item) || kaa_str_eq(item, name)) {
            continue;
        }
        size_t ilen;
        const char *s = kaa_str_utf8_sp(item, &ilen);
        size_t max_distance = (nlen + ilen + 3) * MOVE_COST / 6;
        if (best_distance != (size_t)-1 && max_distance > best_distance - 1) {
            max_distance = best_distance - 1;
        }
        size_t d = distance(n, nlen, s, ilen, max_distance);
        if (d > max_distance) {
            continue;
        }
        if (best == KAA_NULL || d < best_distance) {
            best = item;
            best_distance = d;
        }
    }
    return best;
}

static KaaList *keys_of(KaaDict *d) {
    KaaList *l = kaa_list_new(0);
    int64_t pos = 0;
    KaaValue k, v;
    while (d != NULL && kaa_dict_next(d, &pos, &k, &v)) {
        kaa_list_append(l, k);
    }
    return l;
}

static KaaValue for_name_error(KaaValue exc, KaaValue name) {
    KaaValue tb = kaa_exc(exc)->traceback;
    if (tb == KAA_NULL) {
        return KAA_NULL;
    }
    while (((KaaTraceback *)kaa_obj(tb))->next != KAA_NULL) {
        tb = ((KaaTraceback *)kaa_obj(tb))->next;
    }
    KaaFrame *f = ((KaaFrameObject *)kaa_obj(((KaaTraceback *)kaa_obj(tb))->frame))->frame;
    KaaList *varnames = kaa_list_new(0);
    const uint8_t *kinds = kaa_bytes(f->code->localspluskinds)->data;
    for (int32_t i = 0; i < f->code->nlocalsplus; i++) {
        if (kinds[i] & CO_FAST_LOCAL) {
            kaa_list_append(varnames, f->code->localsplusnames->items[i]);
        }
    }
    KaaValue s = closest(varnames, name);
    if (s == KAA_NULL) {
        s = closest(keys_of(f->globals), name);
    }
    if (s == KAA_NULL) {
        s = closest(keys_of(f->builtins), name);
    }
    return s;
}

// The suggestion for an exception about to be printed, or KAA_NULL. Never raises.
static void suggest_job(void *ud) {
    KaaValue *io = ud;
    KaaValue exc = io[0];
    KaaValue name = kaa_exc_attr(exc, "name");
    io[1] = KAA_NULL;
    if (name == KAA_NULL || !kaa_is_str(name)) {
        return;
    }
    if (kaa_exc_matches(exc, kaa_NameError)) {
        io[1] = for_name_error(exc, name);
    } else if (kaa_exc_matches(exc, kaa_AttributeError)) {
        KaaValue obj = kaa_exc_attr(exc, "obj");
        if (obj != KAA_NULL && obj != kaa_None) {
            KaaValue dir = kaa_builtin_dir(KAA_NULL, &obj, 1, NULL);
            io[1] = closest(kaa_list(dir), name);
        }
    }
}

KaaValue kaa_suggest_for(KaaValue exc) {
    KaaValue io[2] = {exc, KAA_NULL};
    if (kaa_protect(suggest_job, io) != KAA_NULL) {
        return KAA_NULL;
    }
    return io[1];
}
