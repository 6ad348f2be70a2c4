// tools/gen_special_casing.c — build-time generator of the character tables str's methods use.
//
// Stage: build tool (runs before src/objects/str_methods.c is compiled). Reads, from the
// Unicode Character Database directory given on the command line (Debian's unicode-data:
// /usr/share/unicode), UnicodeData.txt, SpecialCasing.txt, CaseFolding.txt,
// DerivedCoreProperties.txt and extracted/DerivedNumericType.txt, and writes to stdout a C
// header of static tables with exactly the character classes CPython's str uses:
//  - one record per code point: class flags (isalpha, isdecimal, isdigit, isnumeric, isspace,
//    isprintable, Lowercase, Uppercase, titlecase letter, Cased, Case_Ignorable, XID_Start,
//    XID_Continue, and whether the special tables below hold the character) and the simple
//    lower/upper/title mappings as deltas; records are shared, found through a two-level
//    index (code point >> 7, then the low 7 bits);
//  - the unconditional full mappings of SpecialCasing.txt ('ß'.upper() == 'SS');
//  - the full case folding of CaseFolding.txt (statuses C and F), for str.casefold().
// Owns only the table format; str_methods.c is the one reader.
// Must not: depend on anything but libc (it is compiled alone, before everything else).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000
#define BLOCK_SHIFT 7
#define BLOCK (1 << BLOCK_SHIFT)

enum {
    F_ALPHA = 1 << 0,
    F_DECIMAL = 1 << 1,
    F_DIGIT = 1 << 2,
    F_NUMERIC = 1 << 3,
    F_SPACE = 1 << 4,
    F_PRINTABLE = 1 << 5,
    F_LOWER = 1 << 6,
    F_UPPER = 1 << 7,
    F_TITLE = 1 << 8,
    F_CASED = 1 << 9,
    F_CASE_IGNORABLE = 1 << 10,
    F_XID_START = 1 << 11,
    F_XID_CONTINUE = 1 << 12,
    F_SPECIAL = 1 << 13,  // has an entry in uc_specials
    F_FOLD = 1 << 14,     // casefold differs from the simple lowercase mapping
};

typedef struct {
    uint16_t flags;
    int32_t lower, upper, title;  // deltas of the simple mappings
} Record;

static uint16_t *flags;
static int32_t *lower, *upper, *title;

typedef struct {
    uint32_t cp;
    uint32_t map[3][3];  // lower, title, upper; 0-terminated when shorter than 3
} Special;
static Special specials[256];
static int n_specials;

typedef struct {
    uint32_t cp;
    uint32_t map[3];
} Fold;
static Fold folds[2048];
static int n_folds;

static void die(const char *msg, const char *arg) {
    fprintf(stderr, "gen_special_casing: %s%s\n", msg, arg);
    exit(1);
}

static FILE *open_ucd(const char *dir, const char *name) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        die("cannot open ", path);
    }
    return f;
}

// Splits a line at ';' in place; strips spaces around fields and a trailing '#' comment.
static int split_fields(char *line, char **fields, int max) {
    char *hash = strchr(line, '#');
    if (hash) {
        *hash = 0;
    }
    int n = 0;
    char *p = line;
    while (n < max) {
        char *semi = strchr(p, ';');
        if (semi) {
            *semi = 0;
        }
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        char *end = p + strlen(p);
        while (end > p && (end[-1] == ' ' || end[-1] == '\n' || end[-1] == '\r')) {
            *--end = 0;
        }
        fields[n++] = p;
        if (!semi) {
            break;
        }
        p = semi + 1;
    }
    return n;
}

// Parses "0041 0042" into cps (at most 3); returns the count.
static int parse_cps(const char *s, uint32_t *cps) {
    int n = 0;
    char *end;
    for (;;) {
        while (*s == ' ') {
            s++;
        }
        if (!*s) {
            return n;
        }
        if (n == 3) {
            die("mapping longer than 3 code points: ", s);
        }
        cps[n++] = (uint32_t)strtoul(s, &end, 16);
        s = end;
    }
}

static void set_range_flag(uint32_t lo, uint32_t hi, uint16_t flag) {
    for (uint32_t c = lo; c <= hi && c < NCP; c++) {
        flags[c] |= flag;
    }
}

static uint16_t category_flags(const char *cat, const char *bidi) {
    uint16_t f = 0;
    if (cat[0] == 'L' && strchr("mtulo", cat[1])) {
        f |= F_ALPHA;
    }
    if (strcmp(cat, "Lt") == 0) {
        f |= F_TITLE;
    }
    if (cat[0] != 'C' && cat[0] != 'Z') {
        f |= F_PRINTABLE;
    }
    if (strcmp(bidi, "WS") == 0 || strcmp(bidi, "B") == 0 || strcmp(bidi, "S") == 0 ||
        strcmp(cat, "Zs") == 0) {
        f |= F_SPACE;
    }
    return f;
}

static void read_unicode_data(const char *dir) {
    FILE *f = open_ucd(dir, "UnicodeData.txt");
    char line[1024];
    uint32_t first = 0;
    while (fgets(line, sizeof line, f)) {
        char *fl[16];
        if (split_fields(line, fl, 16) < 15) {
            continue;
        }
        uint32_t cp = (uint32_t)strtoul(fl[0], NULL, 16);
        uint16_t fg = category_flags(fl[2], fl[4]);
        if (strstr(fl[1], ", First>")) {
            first = cp;
            continue;
        }
        uint32_t lo = strstr(fl[1], ", Last>") ? first : cp;
        for (uint32_t c = lo; c <= cp; c++) {
            flags[c] |= fg;
        }
        // Simple mappings; an empty titlecase field means "same as uppercase".
        int32_t up = fl[12][0] ? (int32_t)strtoul(fl[12], NULL, 16) - (int32_t)cp : 0;
        int32_t lw = fl[13][0] ? (int32_t)strtoul(fl[13], NULL, 16) - (int32_t)cp : 0;
        int32_t ti = fl[14][0] ? (int32_t)strtoul(fl[14], NULL, 16) - (int32_t)cp : up;
        upper[cp] = up;
        lower[cp] = lw;
        title[cp] = ti;
    }
    fclose(f);
    flags[' '] |= F_PRINTABLE;
}

// Reads "XXXX..YYYY ; Property" lines, setting `flag` where the property is `name`.
static void read_property(const char *dir, const char *file, const char *name, uint16_t flag) {
    FILE *f = open_ucd(dir, file);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *fl[4];
        if (line[0] == '#' || split_fields(line, fl, 4) < 2 || strcmp(fl[1], name) != 0) {
            continue;
        }
        char *dots = strstr(fl[0], "..");
        uint32_t lo = (uint32_t)strtoul(fl[0], NULL, 16);
        uint32_t hi = dots ? (uint32_t)strtoul(dots + 2, NULL, 16) : lo;
        set_range_flag(lo, hi, flag);
    }
    fclose(f);
}

// Unconditional entries only (a fifth field lists conditions such as Final_Sigma).
static void read_special_casing(const char *dir) {
    FILE *f = open_ucd(dir, "SpecialCasing.txt");
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *fl[8];
        if (line[0] == '#' || split_fields(line, fl, 8) < 5 || fl[4][0]) {
            continue;
        }
        Special *s = &specials[n_specials++];
        memset(s, 0, sizeof *s);
        s->cp = (uint32_t)strtoul(fl[0], NULL, 16);
        parse_cps(fl[1], s->map[0]);
        parse_cps(fl[2], s->map[1]);
        parse_cps(fl[3], s->map[2]);
    }
    fclose(f);
}

static void read_case_folding(const char *dir) {
    FILE *f = open_ucd(dir, "CaseFolding.txt");
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        char *fl[6];
        if (line[0] == '#' || split_fields(line, fl, 6) < 3) {
            continue;
        }
        if (strcmp(fl[1], "C") != 0 && strcmp(fl[1], "F") != 0) {
            continue;
        }
        Fold *fo = &folds[n_folds++];
        memset(fo, 0, sizeof *fo);
        fo->cp = (uint32_t)strtoul(fl[0], NULL, 16);
        parse_cps(fl[2], fo->map);
    }
    fclose(f);
}

// Flags the code points whose mappings are not the simple ones: str_methods.c searches the
// special tables only for them. A character missing from CaseFolding.txt folds to itself.
static void mark_extended(void) {
    for (int i = 0; i < n_specials; i++) {
        flags[specials[i].cp] |= F_SPECIAL;
    }
    static uint8_t in_folds[NCP];
    for (int i = 0; i < n_folds; i++) {
        const Fold *fo = &folds[i];
        in_folds[fo->cp] = 1;
        if (fo->map[1] != 0 || (int32_t)fo->map[0] != (int32_t)fo->cp + lower[fo->cp]) {
            flags[fo->cp] |= F_FOLD;
        }
    }
    for (uint32_t c = 0; c < NCP; c++) {
        if (!in_folds[c] && lower[c] != 0) {
            flags[c] |= F_FOLD;
        }
    }
}

// ---- table building -------------------------------------------------------------------------

static Record *records;
static int n_records, cap_records;
static uint16_t *cp_record;  // record index of every code point

static int record_index(const Record *r) {
    // Few distinct records exist (hundreds); a small hash keeps this linear in NCP.
    enum { HSIZE = 1 << 14 };
    static int hash[HSIZE];
    static int inited;
    if (!inited) {
        memset(hash, -1, sizeof hash);
        inited = 1;
    }
    uint32_t h = (uint32_t)r->flags * 2654435761u ^ (uint32_t)r->lower * 40503u ^
                 (uint32_t)r->upper * 9973u ^ (uint32_t)r->title * 31u;
    for (uint32_t i = h & (HSIZE - 1);; i = (i + 1) & (HSIZE - 1)) {
        if (hash[i] < 0) {
            if (n_records == cap_records) {
                cap_records = cap_records ? cap_records * 2 : 256;
                records = realloc(records, (size_t)cap_records * sizeof *records);
            }
            records[n_records] = *r;
            hash[i] = n_records;
            return n_records++;
        }
        const Record *o = &records[hash[i]];
        if (o->flags == r->flags && o->lower == r->lower && o->upper == r->upper &&
            o->title == r->title) {
            return hash[i];
        }
    }
}

static void print_map(const uint32_t *m) {
    printf("{0x%X, 0x%X, 0x%X}", m[0], m[1], m[2]);
}

static void emit_records(void) {
    printf("static const UcRecord uc_records[%d] = {\n", n_records);
    for (int i = 0; i < n_records; i++) {
        printf("    {0x%04X, %d, %d, %d},\n", records[i].flags, records[i].lower, records[i].upper,
               records[i].title);
    }
    printf("};\n\n");
}

static void emit_index(void) {
    int nblocks = NCP / BLOCK;
    uint16_t *block_of = malloc(sizeof(uint16_t) * nblocks);
    uint16_t *unique = malloc(sizeof(uint16_t) * NCP);
    int n_unique = 0;
    for (int b = 0; b < nblocks; b++) {
        const uint16_t *blk = cp_record + (size_t)b * BLOCK;
        int found = -1;
        for (int u = 0; u < n_unique && found < 0; u++) {
            if (memcmp(unique + (size_t)u * BLOCK, blk, BLOCK * sizeof(uint16_t)) == 0) {
                found = u;
            }
        }
        if (found < 0) {
            memcpy(unique + (size_t)n_unique * BLOCK, blk, BLOCK * sizeof(uint16_t));
            found = n_unique++;
        }
        block_of[b] = (uint16_t)found;
    }
    printf("static const uint16_t uc_index1[%d] = {", nblocks);
    for (int b = 0; b < nblocks; b++) {
        printf("%s%d,", b % 16 ? " " : "\n    ", block_of[b]);
    }
    printf("\n};\n\n");
    const char *type = n_records < 256 ? "uint8_t" : "uint16_t";
    printf("static const %s uc_index2[%d] = {", type, n_unique * BLOCK);
    for (int i = 0; i < n_unique * BLOCK; i++) {
        printf("%s%d,", i % 16 ? " " : "\n    ", unique[i]);
    }
    printf("\n};\n\n");
    free(block_of);
    free(unique);
}

static int cmp_special(const void *a, const void *b) {
    uint32_t x = ((const Special *)a)->cp, y = ((const Special *)b)->cp;
    return x < y ? -1 : x > y;
}

static int cmp_fold(const void *a, const void *b) {
    uint32_t x = ((const Fold *)a)->cp, y = ((const Fold *)b)->cp;
    return x < y ? -1 : x > y;
}

static void emit_specials(void) {
    qsort(specials, (size_t)n_specials, sizeof *specials, cmp_special);
    printf("static const UcSpecial uc_specials[%d] = {\n", n_specials);
    for (int i = 0; i < n_specials; i++) {
        printf("    {0x%04X, {", specials[i].cp);
        for (int k = 0; k < 3; k++) {
            print_map(specials[i].map[k]);
            printf(k < 2 ? ", " : "}},\n");
        }
    }
    printf("};\n\n");
    qsort(folds, (size_t)n_folds, sizeof *folds, cmp_fold);
    printf("static const UcFold uc_folds[%d] = {\n", n_folds);
    for (int i = 0; i < n_folds; i++) {
        printf("    {0x%04X, ", folds[i].cp);
        print_map(folds[i].map);
        printf("},\n");
    }
    printf("};\n");
}

static void emit_header(void) {
    printf("// Generated by tools/gen_special_casing.c from the Unicode Character Database.\n");
    printf("// Do not edit. Read only by src/objects/str_methods.c.\n");
    printf("#define UC_ALPHA 0x%X\n#define UC_DECIMAL 0x%X\n#define UC_DIGIT 0x%X\n", F_ALPHA,
           F_DECIMAL, F_DIGIT);
    printf("#define UC_NUMERIC 0x%X\n#define UC_SPACE 0x%X\n#define UC_PRINTABLE 0x%X\n",
           F_NUMERIC, F_SPACE, F_PRINTABLE);
    printf("#define UC_LOWER 0x%X\n#define UC_UPPER 0x%X\n#define UC_TITLE 0x%X\n", F_LOWER,
           F_UPPER, F_TITLE);
    printf("#define UC_CASED 0x%X\n#define UC_CASE_IGNORABLE 0x%X\n", F_CASED, F_CASE_IGNORABLE);
    printf("#define UC_XID_START 0x%X\n#define UC_XID_CONTINUE 0x%X\n", F_XID_START,
           F_XID_CONTINUE);
    printf("#define UC_SPECIAL 0x%X\n#define UC_FOLD 0x%X\n", F_SPECIAL, F_FOLD);
    printf("#define UC_BLOCK_SHIFT %d\n\n", BLOCK_SHIFT);
    printf("typedef struct { uint16_t flags; int32_t lower, upper, title; } UcRecord;\n");
    printf("typedef struct { uint32_t cp; uint32_t map[3][3]; } UcSpecial;  "
           "// lower, title, upper\n");
    printf("typedef struct { uint32_t cp; uint32_t map[3]; } UcFold;\n\n");
}

int main(int argc, char **argv) {
    if (argc != 2) {
        die("usage: gen_special_casing UCD-DIRECTORY", "");
    }
    const char *dir = argv[1];
    flags = calloc(NCP, sizeof *flags);
    lower = calloc(NCP, sizeof *lower);
    upper = calloc(NCP, sizeof *upper);
    title = calloc(NCP, sizeof *title);
    cp_record = calloc(NCP, sizeof *cp_record);
    read_unicode_data(dir);
    const char *dcp = "DerivedCoreProperties.txt", *dnt = "extracted/DerivedNumericType.txt";
    read_property(dir, dcp, "Lowercase", F_LOWER);
    read_property(dir, dcp, "Uppercase", F_UPPER);
    read_property(dir, dcp, "Cased", F_CASED);
    read_property(dir, dcp, "Case_Ignorable", F_CASE_IGNORABLE);
    read_property(dir, dcp, "XID_Start", F_XID_START);
    read_property(dir, dcp, "XID_Continue", F_XID_CONTINUE);
    // Decimal implies digit implies numeric, as CPython's isdecimal/isdigit/isnumeric nest.
    read_property(dir, dnt, "Decimal", F_DECIMAL | F_DIGIT | F_NUMERIC);
    read_property(dir, dnt, "Digit", F_DIGIT | F_NUMERIC);
    read_property(dir, dnt, "Numeric", F_NUMERIC);
    read_special_casing(dir);
    read_case_folding(dir);
    mark_extended();
    for (uint32_t c = 0; c < NCP; c++) {
        Record r = {flags[c], lower[c], upper[c], title[c]};
        cp_record[c] = (uint16_t)record_index(&r);
    }
    emit_header();
    emit_records();
    emit_index();
    emit_specials();
    return 0;
}
