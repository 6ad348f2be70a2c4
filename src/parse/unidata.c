// parse/unidata.c — Unicode character names and identifier classes.
//
// Stage: parse. Owns the reading of the generated name tables (build/gen/unicode_names.h, made
// by tools/gen_unicode_names.c) and the algorithmic names (CJK unified ideographs, Hangul
// syllables). Character categories come from utf8proc.
// Must not: allocate, or depend on the object system.
#include "parse/unidata.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "unicode_names.h"

#define NAME_MAX_LEN 256

// ---- phrases ----------------------------------------------------------------------------------

// Writes the name of table entry i into buf (at least NAME_MAX_LEN bytes); returns its length.
static size_t entry_name(int i, char *buf) {
    size_t n = 0;
    uint32_t p = uni_phrase[i], end = uni_phrase[i + 1];
    while (p < end) {
        int w = uni_phrases[p++];
        if (w & 0x80) {
            w = ((w & 0x7F) << 8) | uni_phrases[p++];
        }
        const char *word = uni_words + uni_word_off[w];
        size_t wl = strlen(word);
        if (n > 0) {
            buf[n++] = ' ';
        }
        if (n + wl >= NAME_MAX_LEN) {
            break;
        }
        memcpy(buf + n, word, wl);
        n += wl;
    }
    buf[n] = '\0';
    return n;
}

// ---- algorithmic names ------------------------------------------------------------------------

static const char *const jamo_l[19] = {
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S",
    "SS", "", "J", "JJ", "C", "K", "T", "P", "H",
};
static const char *const jamo_v[21] = {
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE",
    "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I",
};
static const char *const jamo_t[28] = {
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT",
    "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
};

#define HANGUL_BASE 0xAC00
#define HANGUL_COUNT (19 * 21 * 28)

// Whether cp is in one of the CJK unified ideograph blocks named "CJK UNIFIED IDEOGRAPH-XXXX".
static int is_cjk(uint32_t cp) {
    for (int i = 0; i < UNI_N_CJK; i++) {
        if (cp >= uni_cjk[i][0] && cp <= uni_cjk[i][1]) {
            return 1;
        }
    }
    return 0;
}

// The longest jamo short name in `table` that `s` starts with; returns its index, and its
// length in *len (-1 when none matches, which only happens for tables without "").
static int match_jamo(const char *s, const char *const *table, int n, size_t *len) {
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(table[i]);
        if (strncmp(s, table[i], l) == 0 && (best < 0 || l > best_len)) {
            best = i;
            best_len = l;
        }
    }
    *len = best_len;
    return best;
}

// "HANGUL SYLLABLE " + leading, vowel and trailing jamo short names (the algorithmic names of
// U+AC00..U+D7A3); s is the part after the prefix.
static int32_t lookup_hangul(const char *s) {
    size_t len;
    int l = match_jamo(s, jamo_l, 19, &len);
    s += len;
    int v = match_jamo(s, jamo_v, 21, &len);
    if (l < 0 || v < 0) {
        return -1;
    }
    s += len;
    int t = match_jamo(s, jamo_t, 28, &len);
    s += len;
    if (*s != '\0') {
        return -1;
    }
    return HANGUL_BASE + (l * 21 + v) * 28 + t;
}

// The hexadecimal part of "CJK UNIFIED IDEOGRAPH-XXXX", valid only for a CJK code point.
static int32_t lookup_cjk(const char *hex, size_t len) {
    if (len != 4 && len != 5) {
        return -1;
    }
    uint32_t v = 0;
    for (size_t i = 0; i < len; i++) {
        char c = hex[i];
        if (c >= '0' && c <= '9') {
            v = v * 16 + (uint32_t)(c - '0');
        } else if (c >= 'A' && c <= 'F') {
            v = v * 16 + (uint32_t)(c - 'A' + 10);
        } else {
            return -1;
        }
    }
    return is_cjk(v) ? (int32_t)v : -1;
}

// ---- public -----------------------------------------------------------------------------------

static int in_ranges(const uint32_t (*r)[2], int n, uint32_t cp);

// Names are matched case-insensitively, as \N{...} does; the table is sorted by name.
int32_t kaa_unidata_lookup(const char *name, size_t len) {
    char key[NAME_MAX_LEN + 1], buf[NAME_MAX_LEN + 1];
    if (len == 0 || len > NAME_MAX_LEN) {
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c == '\0' || (unsigned char)c >= 0x80) {
            return -1;
        }
        key[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    }
    key[len] = '\0';
    // As in CPython, the algorithmic prefixes match in any case, but the jamo and the hex
    // digits after them only in upper case, and a name with the prefix is never looked up.
    char orig[NAME_MAX_LEN + 1];
    memcpy(orig, name, len);
    orig[len] = '\0';
    if (strncmp(key, "HANGUL SYLLABLE ", 16) == 0) {
        return lookup_hangul(orig + 16);
    }
    if (strncmp(key, "CJK UNIFIED IDEOGRAPH-", 22) == 0) {
        return lookup_cjk(orig + 22, len - 22);
    }
    int lo = 0, hi = UNI_N_ENTRIES - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        entry_name(uni_by_name[mid], buf);
        int c = strcmp(key, buf);
        if (c == 0) {
            return (int32_t)uni_cp[uni_by_name[mid]];
        }
        if (c < 0) {
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    return -1;
}

// The algorithmic names first, then the table (aliases are not names for this direction).
size_t kaa_unidata_name(uint32_t cp, char *buf, size_t size) {
    char tmp[NAME_MAX_LEN + 1];
    size_t n = 0;
    if (cp >= HANGUL_BASE && cp < HANGUL_BASE + HANGUL_COUNT) {
        uint32_t s = cp - HANGUL_BASE;
        n = (size_t)snprintf(tmp, sizeof tmp, "HANGUL SYLLABLE %s%s%s", jamo_l[s / (21 * 28)],
                             jamo_v[(s / 28) % 21], jamo_t[s % 28]);
    } else if (is_cjk(cp)) {
        n = (size_t)snprintf(tmp, sizeof tmp, "CJK UNIFIED IDEOGRAPH-%X", cp);
    } else {
        int lo = 0, hi = UNI_N_NAMED - 1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (uni_cp[mid] == cp) {
                n = entry_name(mid, tmp);
                break;
            }
            if (uni_cp[mid] < cp) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
    }
    if (n == 0 || n + 1 > size) {
        return 0;
    }
    memcpy(buf, tmp, n + 1);
    return n;
}

// Binary search over sorted, disjoint [lo, hi] ranges.
static int in_ranges(const uint32_t (*r)[2], int n, uint32_t cp) {
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (cp < r[mid][0]) {
            hi = mid - 1;
        } else if (cp > r[mid][1]) {
            lo = mid + 1;
        } else {
            return 1;
        }
    }
    return 0;
}

// Identifier rules of PEP 3131, from DerivedCoreProperties (Unicode 14 for CPython 3.11).
int kaa_unidata_is_xid_start(uint32_t cp) {
    return in_ranges(uni_xid_start, uni_xid_start_LEN, cp);
}

int kaa_unidata_is_xid_continue(uint32_t cp) {
    return in_ranges(uni_xid_continue, uni_xid_continue_LEN, cp);
}

// Characters assigned after Unicode 14.0 are unassigned (Cn) for CPython 3.11.
static int newer_than_14(uint32_t cp) {
    return cp >= 0x80 && in_ranges(uni_newer, UNI_N_NEWER, cp);
}

// str.isprintable: everything but categories Cc Cf Cs Co Cn Zl Zp Zs, except the space itself.
int kaa_unidata_is_printable(uint32_t cp) {
    if (cp == ' ') {
        return 1;
    }
    if (cp > 0x10FFFF || newer_than_14(cp)) {
        return 0;
    }
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_ZS:
        return 0;
    default:
        return 1;
    }
}

// str.isalnum, as the \w of tokenize.py's regular expressions uses it.
int kaa_unidata_is_alnum(uint32_t cp) {
    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a' && (cp | 32) <= 'z');
    }
    if (cp > 0x10FFFF || newer_than_14(cp)) {
        return 0;
    }
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}
