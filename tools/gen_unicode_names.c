// tools/gen_unicode_names.c — build-time generator of the Unicode character name table.
//
// Stage: build tool (runs before the parse stage is compiled). Reads UnicodeData.txt and
// NameAliases.txt (paths given on the command line) and DerivedCoreProperties.txt and
// DerivedAge.txt (looked up in the directory of UnicodeData.txt), and writes a C header with
// static tables to stdout: character names for `\N{...}` and unicodedata, the XID_Start /
// XID_Continue ranges for identifiers, and the ranges assigned after Unicode 14.0 (CPython
// 3.11's version), which kaa's front end treats as unassigned. Owns only the table format;
// src/parse/unidata.c is the one reader.
// Must not: depend on anything but libc (it is compiled alone, before everything else).
//
// Format (compact: about a third of the size of the plain names):
//  - every name is split at spaces into words; the distinct words, most frequent first, are
//    stored once (uni_words, NUL-separated, with uni_word_off giving each word's offset);
//  - a name is a "phrase": its word indices, one byte for the 128 most frequent words and two
//    bytes (first byte with the high bit set) for the others;
//  - uni_cp/uni_phrase list the named code points in code point order; the aliases of
//    NameAliases.txt follow them (they are found by name but never returned as the name);
//  - uni_by_name lists all entries sorted by name, for binary search by name;
//  - ranges whose names are algorithmic (CJK unified ideographs, Hangul syllables) are kept
//    as ranges, exactly the ranges for which CPython computes names.
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t cp;
    char *name;
    int alias;
    uint32_t phrase;  // offset into the phrase bytes
} Entry;

typedef struct {
    char *text;
    int count;
    int index;
} Word;

static Entry *entries;
static int n_entries, cap_entries;
static Word *words;
static int n_words, cap_words;
static uint32_t cjk[64][2];
static int n_cjk;
static uint32_t newer[512][2];  // ranges assigned after Unicode 14.0
static int n_newer;

static int is_newer(uint32_t cp) {
    for (int i = 0; i < n_newer; i++) {
        if (cp >= newer[i][0] && cp <= newer[i][1]) {
            return 1;
        }
    }
    return 0;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "gen_unicode_names: out of memory\n");
        exit(1);
    }
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

static void add_entry(uint32_t cp, const char *name, int alias) {
    if (is_newer(cp)) {
        return;  // CPython 3.11 does not know this character
    }
    if (n_entries == cap_entries) {
        cap_entries = cap_entries ? cap_entries * 2 : 4096;
        entries = xrealloc(entries, cap_entries * sizeof(Entry));
    }
    entries[n_entries].cp = cp;
    entries[n_entries].name = xstrdup(name);
    entries[n_entries].alias = alias;
    n_entries++;
}

static FILE *open_or_die(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gen_unicode_names: cannot open %s\n", path);
        exit(1);
    }
    return f;
}

// Splits a ';'-separated line in place; returns the number of fields.
static int split_fields(char *line, char **fields, int max) {
    int n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *semi = strchr(p, ';');
        if (!semi) {
            break;
        }
        *semi = '\0';
        p = semi + 1;
    }
    return n;
}

static void chomp(char *s) {
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ')) {
        s[--n] = '\0';
    }
}

// UnicodeData.txt: "<..., First>"/"<..., Last>" pairs describe ranges; only the CJK ideograph
// ranges (and Hangul, handled by the reader) get algorithmic names, as in CPython.
static void read_unicode_data(const char *path) {
    FILE *f = open_or_die(path);
    char line[1024];
    uint32_t range_first = 0;
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        char *fld[16];
        if (split_fields(line, fld, 16) < 2) {
            continue;
        }
        uint32_t cp = (uint32_t)strtoul(fld[0], NULL, 16);
        const char *name = fld[1];
        if (name[0] == '<') {
            if (strstr(name, "CJK Ideograph") && strstr(name, "First>")) {
                range_first = cp;
            } else if (strstr(name, "CJK Ideograph") && strstr(name, "Last>") &&
                       !is_newer(range_first)) {
                cjk[n_cjk][0] = range_first;
                cjk[n_cjk][1] = cp;
                n_cjk++;
            }
            continue;  // <control> and other ranges have no name
        }
        add_entry(cp, name, 0);
    }
    fclose(f);
}

// NameAliases.txt has no version column; these aliases came with Unicode 15.0, after the 14.0
// data CPython 3.11 uses, so \N{} must not know them.
static int newer_alias(const char *name) {
    static const char *const newer[] = {
        "EM",
        "ARABIC SMALL HIGH LIGATURE ALEF WITH YEH BARREE",
        "SUNDANESE LETTER ARCHAIC I",
    };
    for (size_t i = 0; i < sizeof newer / sizeof newer[0]; i++) {
        if (strcmp(name, newer[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static void read_aliases(const char *path) {
    FILE *f = open_or_die(path);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        char *fld[4];
        if (split_fields(line, fld, 4) < 2) {
            continue;
        }
        if (!newer_alias(fld[1])) {
            add_entry((uint32_t)strtoul(fld[0], NULL, 16), fld[1], 1);
        }
    }
    fclose(f);
}

static int find_word(const char *w) {
    // Linear probing hash over the words seen so far; rebuilt lazily as the table grows.
    static int *slots;
    static int n_slots;
    if (n_words * 2 >= n_slots) {
        free(slots);
        n_slots = n_slots ? n_slots * 4 : 1 << 16;
        slots = xrealloc(NULL, n_slots * sizeof(int));
        memset(slots, -1, n_slots * sizeof(int));
        for (int i = 0; i < n_words; i++) {
            uint32_t h = 2166136261u;
            for (const char *p = words[i].text; *p; p++) {
                h = (h ^ (uint8_t)*p) * 16777619u;
            }
            uint32_t s = h & (n_slots - 1);
            while (slots[s] >= 0) {
                s = (s + 1) & (n_slots - 1);
            }
            slots[s] = i;
        }
    }
    uint32_t h = 2166136261u;
    for (const char *p = w; *p; p++) {
        h = (h ^ (uint8_t)*p) * 16777619u;
    }
    uint32_t s = h & (n_slots - 1);
    while (slots[s] >= 0) {
        if (strcmp(words[slots[s]].text, w) == 0) {
            return slots[s];
        }
        s = (s + 1) & (n_slots - 1);
    }
    if (n_words == cap_words) {
        cap_words = cap_words ? cap_words * 2 : 4096;
        words = xrealloc(words, cap_words * sizeof(Word));
    }
    words[n_words].text = xstrdup(w);
    words[n_words].count = 0;
    slots[s] = n_words;
    return n_words++;
}

// Calls fn(word) for each space-separated word of name.
static void for_each_word(const char *name, void (*fn)(const char *, void *), void *ud) {
    char buf[256];
    const char *p = name;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (n >= sizeof buf) {
            n = sizeof buf - 1;
        }
        memcpy(buf, p, n);
        buf[n] = '\0';
        fn(buf, ud);
        p += n;
        if (*p == ' ') {
            p++;
        }
    }
}

static void count_word(const char *w, void *ud) {
    (void)ud;
    int i = find_word(w);  // may grow `words`: index it only afterwards
    words[i].count++;
}

static int by_count(const void *a, const void *b) {
    const Word *x = a, *y = b;
    if (x->count != y->count) {
        return y->count - x->count;
    }
    return strcmp(x->text, y->text);
}

typedef struct {
    uint8_t *bytes;
    size_t len, cap;
} Bytes;

static void put_byte(Bytes *b, int v) {
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 65536;
        b->bytes = xrealloc(b->bytes, b->cap);
    }
    b->bytes[b->len++] = (uint8_t)v;
}

static void encode_word(const char *w, void *ud) {
    Bytes *b = ud;
    int i = find_word(w);
    int idx = words[i].index;
    if (idx < 128) {
        put_byte(b, idx);
    } else {
        put_byte(b, 0x80 | (idx >> 8));
        put_byte(b, idx & 0xFF);
    }
}

static int by_name(const void *a, const void *b) {
    const Entry *x = &entries[*(const int *)a], *y = &entries[*(const int *)b];
    return strcmp(x->name, y->name);
}

static void read_xid(const char *dir, const char *prop, const char *table) {
    char path[4096];
    snprintf(path, sizeof path, "%sDerivedCoreProperties.txt", dir);
    FILE *f = open_or_die(path);
    char line[1024];
    uint32_t lo_prev = 0, hi_prev = 0;
    int have = 0, n = 0;
    printf("static const uint32_t %s[][2] = {\n", table);
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        char *semi = strchr(line, ';');
        if (!semi) {
            continue;
        }
        char name[64];
        if (sscanf(semi + 1, " %63s", name) != 1 || strcmp(name, prop) != 0) {
            continue;
        }
        uint32_t lo = (uint32_t)strtoul(line, NULL, 16), hi = lo;
        char *dots = strstr(line, "..");
        if (dots && dots < semi) {
            hi = (uint32_t)strtoul(dots + 2, NULL, 16);
        }
        // Ranges (or their ends) assigned after Unicode 14.0 are left out.
        while (lo <= hi && is_newer(lo)) {
            lo++;
        }
        while (hi >= lo && is_newer(hi)) {
            hi--;
        }
        if (lo > hi) {
            continue;
        }
        // The file lists ranges in code point order: merge adjacent ones.
        if (have && lo == hi_prev + 1) {
            hi_prev = hi;
            continue;
        }
        if (have) {
            printf("    {0x%X, 0x%X},\n", lo_prev, hi_prev);
            n++;
        }
        lo_prev = lo;
        hi_prev = hi;
        have = 1;
    }
    if (have) {
        printf("    {0x%X, 0x%X},\n", lo_prev, hi_prev);
        n++;
    }
    printf("};\n#define %s_LEN %d\n\n", table, n);
    fclose(f);
}

static void emit_tables(void) {
    // Words, most frequent first so that they get one-byte indices.
    for (int i = 0; i < n_entries; i++) {
        for_each_word(entries[i].name, count_word, NULL);
    }
    Word *sorted = xrealloc(NULL, n_words * sizeof(Word));
    memcpy(sorted, words, n_words * sizeof(Word));
    qsort(sorted, n_words, sizeof(Word), by_count);
    for (int i = 0; i < n_words; i++) {
        int w = find_word(sorted[i].text);
        words[w].index = i;
    }
    if (n_words > 128 * 128) {
        fprintf(stderr, "gen_unicode_names: too many words (%d)\n", n_words);
        exit(1);
    }
    printf("static const char uni_words[] =\n");
    uint32_t off = 0;
    uint32_t *word_off = xrealloc(NULL, n_words * sizeof(uint32_t));
    for (int i = 0; i < n_words; i++) {
        printf("    \"%s\\0\"\n", sorted[i].text);
        word_off[i] = off;
        off += (uint32_t)strlen(sorted[i].text) + 1;
    }
    printf("    ;\nstatic const uint32_t uni_word_off[%d] = {", n_words);
    for (int i = 0; i < n_words; i++) {
        printf("%s%u,", i % 12 ? " " : "\n    ", word_off[i]);
    }
    printf("\n};\n\n");

    Bytes ph = {0};
    for (int i = 0; i < n_entries; i++) {
        entries[i].phrase = (uint32_t)ph.len;
        for_each_word(entries[i].name, encode_word, &ph);
    }
    printf("static const uint8_t uni_phrases[%zu] = {", ph.len);
    for (size_t i = 0; i < ph.len; i++) {
        printf("%s%u,", i % 20 ? " " : "\n    ", ph.bytes[i]);
    }
    printf("\n};\n\n");

    int n_named = 0;
    while (n_named < n_entries && !entries[n_named].alias) {
        n_named++;
    }
    printf("#define UNI_N_ENTRIES %d\n#define UNI_N_NAMED %d\n", n_entries, n_named);
    printf("static const uint32_t uni_cp[%d] = {", n_entries);
    for (int i = 0; i < n_entries; i++) {
        printf("%s0x%X,", i % 10 ? " " : "\n    ", entries[i].cp);
    }
    printf("\n};\n");
    printf("// Offset of each entry's phrase; the phrase ends where the next one starts.\n");
    printf("static const uint32_t uni_phrase[%d] = {", n_entries + 1);
    for (int i = 0; i <= n_entries; i++) {
        uint32_t v = i < n_entries ? entries[i].phrase : (uint32_t)ph.len;
        printf("%s%u,", i % 10 ? " " : "\n    ", v);
    }
    printf("\n};\n\n");

    int *order = xrealloc(NULL, n_entries * sizeof(int));
    for (int i = 0; i < n_entries; i++) {
        order[i] = i;
    }
    qsort(order, n_entries, sizeof(int), by_name);
    printf("static const uint16_t uni_by_name[%d] = {", n_entries);
    for (int i = 0; i < n_entries; i++) {
        printf("%s%d,", i % 12 ? " " : "\n    ", order[i]);
    }
    printf("\n};\n\n");

    printf("static const uint32_t uni_cjk[][2] = {\n");
    for (int i = 0; i < n_cjk; i++) {
        printf("    {0x%X, 0x%X},\n", cjk[i][0], cjk[i][1]);
    }
    printf("};\n#define UNI_N_CJK %d\n\n", n_cjk);
}

// DerivedAge.txt: every range whose age is above 14.0.
static void read_ages(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%sDerivedAge.txt", dir);
    FILE *f = open_or_die(path);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        char *semi = strchr(line, ';');
        if (!semi) {
            continue;
        }
        int major = 0, minor = 0;
        if (sscanf(semi + 1, " %d.%d", &major, &minor) != 2 || major < 15) {
            continue;
        }
        uint32_t lo = (uint32_t)strtoul(line, NULL, 16), hi = lo;
        char *dots = strstr(line, "..");
        if (dots && dots < semi) {
            hi = (uint32_t)strtoul(dots + 2, NULL, 16);
        }
        if (n_newer < 512) {
            newer[n_newer][0] = lo;
            newer[n_newer][1] = hi;
            n_newer++;
        }
    }
    fclose(f);
}

static int by_range(const void *a, const void *b) {
    const uint32_t *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: gen_unicode_names UnicodeData.txt NameAliases.txt > out.h\n");
        return 2;
    }
    char dir0[4096];
    snprintf(dir0, sizeof dir0, "%s", argv[1]);
    char *sl = strrchr(dir0, '/');
    if (sl) {
        sl[1] = '\0';
    } else {
        dir0[0] = '\0';
    }
    read_ages(dir0);
    qsort(newer, (size_t)n_newer, sizeof newer[0], by_range);
    read_unicode_data(argv[1]);
    read_aliases(argv[2]);
    if (n_entries > 65535) {
        fprintf(stderr, "gen_unicode_names: too many entries for uint16 indices\n");
        return 1;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", argv[1]);
    char *slash = strrchr(dir, '/');
    if (slash) {
        slash[1] = '\0';
    } else {
        dir[0] = '\0';
    }
    printf("// Generated by tools/gen_unicode_names.c from the Unicode Character Database.\n");
    printf("// Do not edit. Read only by src/parse/uniname.c.\n#include <stdint.h>\n\n");
    emit_tables();
    read_xid(dir, "XID_Start", "uni_xid_start");
    read_xid(dir, "XID_Continue", "uni_xid_continue");
    printf("static const uint32_t uni_newer[][2] = {\n");
    for (int i = 0; i < n_newer; i++) {
        printf("    {0x%X, 0x%X},\n", newer[i][0], newer[i][1]);
    }
    printf("};\n#define UNI_N_NEWER %d\n", n_newer);
    return 0;
}
