// parse/pyrepr.c — Python's repr() for the front-end tools.
//
// Stage: parse (tools). Owns byte-exact reproductions of CPython's unicode_repr, bytes_repr,
// float_repr (shortest round-tripping digits, 'r' format rules) and int repr (with the 4300
// digit limit). Must not: depend on the object system; GMP is used only for big ints.
#include "parse/pyrepr.h"

#include <gmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/tokenizer.h"
#include "parse/unidata.h"

#define INT_MAX_STR_DIGITS 4300

// KaaTextBuf grows by doubling; allocation failure aborts (the tools have no way to recover).
void kaa_textbuf_add(KaaTextBuf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        char *d = realloc(b->data, cap);
        if (!d) {
            abort();
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void kaa_textbuf_puts(KaaTextBuf *b, const char *s) {
    kaa_textbuf_add(b, s, strlen(s));
}

void kaa_textbuf_putc(KaaTextBuf *b, char c) {
    kaa_textbuf_add(b, &c, 1);
}

void kaa_textbuf_free(KaaTextBuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

// ---- str and bytes ----------------------------------------------------------------------------

// Python's repr quotes with ' unless the text holds ' and no ".
static char pick_quote(const char *s, size_t n) {
    int single = memchr(s, '\'', n) != NULL, dbl = memchr(s, '"', n) != NULL;
    return single && !dbl ? '"' : '\'';
}

// repr(str): printable characters as they are, the rest as \xNN, \uNNNN or \UNNNNNNNN, and
// lone surrogates (3-byte sequences in the AST's text) as \udNNN.
void kaa_repr_str(KaaTextBuf *b, const char *s, size_t n) {
    char quote = pick_quote(s, n);
    char esc[16];
    kaa_textbuf_putc(b, quote);
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int len = kaa_tok_utf8_decode(s + i, n - i, &cp);
        if (cp == (uint32_t)quote || cp == '\\') {
            kaa_textbuf_putc(b, '\\');
            kaa_textbuf_putc(b, (char)cp);
        } else if (cp == '\t') {
            kaa_textbuf_puts(b, "\\t");
        } else if (cp == '\n') {
            kaa_textbuf_puts(b, "\\n");
        } else if (cp == '\r') {
            kaa_textbuf_puts(b, "\\r");
        } else if (cp < 0x20 || cp == 0x7F) {
            snprintf(esc, sizeof esc, "\\x%02x", cp);
            kaa_textbuf_puts(b, esc);
        } else if (cp < 0x7F) {
            kaa_textbuf_putc(b, (char)cp);
        } else if (kaa_unidata_is_printable(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            kaa_textbuf_add(b, s + i, (size_t)len);
        } else if (cp <= 0xFF) {
            snprintf(esc, sizeof esc, "\\x%02x", cp);
            kaa_textbuf_puts(b, esc);
        } else if (cp <= 0xFFFF) {
            snprintf(esc, sizeof esc, "\\u%04x", cp);
            kaa_textbuf_puts(b, esc);
        } else {
            snprintf(esc, sizeof esc, "\\U%08x", cp);
            kaa_textbuf_puts(b, esc);
        }
        i += (size_t)len;
    }
    kaa_textbuf_putc(b, quote);
}

// repr(bytes): b'...' with printable ASCII as is and everything else escaped.
void kaa_repr_bytes(KaaTextBuf *b, const char *s, size_t n) {
    char quote = pick_quote(s, n);
    char esc[8];
    kaa_textbuf_putc(b, 'b');
    kaa_textbuf_putc(b, quote);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)quote || c == '\\') {
            kaa_textbuf_putc(b, '\\');
            kaa_textbuf_putc(b, (char)c);
        } else if (c == '\t') {
            kaa_textbuf_puts(b, "\\t");
        } else if (c == '\n') {
            kaa_textbuf_puts(b, "\\n");
        } else if (c == '\r') {
            kaa_textbuf_puts(b, "\\r");
        } else if (c < 0x20 || c >= 0x7F) {
            snprintf(esc, sizeof esc, "\\x%02x", c);
            kaa_textbuf_puts(b, esc);
        } else {
            kaa_textbuf_putc(b, (char)c);
        }
    }
    kaa_textbuf_putc(b, quote);
}

// ---- float ------------------------------------------------------------------------------------

// The shortest digits that read back as x: digits (no dot) and the decimal exponent decpt such
// that x = 0.DIGITS * 10**decpt.
static void shortest_digits(double x, char *digits, int *decpt) {
    char buf[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
        if (strtod(buf, NULL) == x || prec == 17) {
            break;
        }
    }
    // buf is "d.ddde[+-]XX"
    char *e = strchr(buf, 'e');
    int exp10 = atoi(e + 1);
    size_t n = 0;
    for (char *c = buf; c < e; c++) {
        if (*c >= '0' && *c <= '9') {
            digits[n++] = *c;
        }
    }
    while (n > 1 && digits[n - 1] == '0') {
        n--;
    }
    digits[n] = '\0';
    *decpt = exp10 + 1;
}

// CPython's format_float_short in repr mode ('r'); add_dot_0 for float (not complex parts).
static void repr_double(KaaTextBuf *b, double x, int add_dot_0) {
    if (isnan(x)) {
        kaa_textbuf_puts(b, "nan");
        return;
    }
    if (isinf(x)) {
        kaa_textbuf_puts(b, x < 0 ? "-inf" : "inf");
        return;
    }
    if (signbit(x)) {
        kaa_textbuf_putc(b, '-');
        x = -x;
    }
    if (x == 0) {
        kaa_textbuf_puts(b, add_dot_0 ? "0.0" : "0");
        return;
    }
    char digits[32];
    int decpt;
    shortest_digits(x, digits, &decpt);
    int nd = (int)strlen(digits);
    char out[64];
    if (decpt <= -4 || decpt > 16) {
        // d[.ddd]e[+-]XX
        int k = 0;
        out[k++] = digits[0];
        if (nd > 1) {
            out[k++] = '.';
            for (int i = 1; i < nd; i++) {
                out[k++] = digits[i];
            }
        }
        int e = decpt - 1;
        k += snprintf(out + k, sizeof out - (size_t)k, "e%c%02d", e < 0 ? '-' : '+', abs(e));
        kaa_textbuf_add(b, out, (size_t)k);
        return;
    }
    int k = 0;
    if (decpt <= 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (int i = 0; i < -decpt; i++) {
            out[k++] = '0';
        }
        for (int i = 0; i < nd; i++) {
            out[k++] = digits[i];
        }
    } else {
        for (int i = 0; i < decpt; i++) {
            out[k++] = i < nd ? digits[i] : '0';
        }
        if (nd > decpt) {
            out[k++] = '.';
            for (int i = decpt; i < nd; i++) {
                out[k++] = digits[i];
            }
        } else if (add_dot_0) {
            out[k++] = '.';
            out[k++] = '0';
        }
    }
    kaa_textbuf_add(b, out, (size_t)k);
}

// repr(float) and the imaginary form repr(complex(0, x)) ("1j", "(-0-1j)" is not a literal).
void kaa_repr_float(KaaTextBuf *b, double x) {
    repr_double(b, x, 1);
}

void kaa_repr_imag(KaaTextBuf *b, double x) {
    repr_double(b, x, 0);
    kaa_textbuf_putc(b, 'j');
}

// ---- int --------------------------------------------------------------------------------------

// repr(int) from the literal's digits: decimal text is copied, other bases are converted with
// GMP. Returns -1 past Python's 4300-digit str() limit (the tool then fails as ast.dump does).
int kaa_repr_int(KaaTextBuf *b, const char *s, size_t n, int base) {
    if (base == 10) {
        while (n > 1 && s[0] == '0') {
            s++;
            n--;
        }
        if (n > INT_MAX_STR_DIGITS) {
            return -1;
        }
        kaa_textbuf_add(b, s, n);
        return 0;
    }
    char *tmp = malloc(n + 1);
    if (!tmp) {
        abort();
    }
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, tmp, base);
    free(tmp);
    size_t size = mpz_sizeinbase(z, 10) + 2;
    char *dec = malloc(size);
    if (!dec) {
        abort();
    }
    mpz_get_str(dec, 10, z);
    mpz_clear(z);
    size_t len = strlen(dec);
    int res = 0;
    if (len > INT_MAX_STR_DIGITS) {
        res = -1;
    } else {
        kaa_textbuf_add(b, dec, len);
    }
    free(dec);
    return res;
}
