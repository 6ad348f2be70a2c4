// parse/pyrepr.h — Python's repr() of the values the front-end tools print.
//
// Stage: parse (tools). Gives the text CPython's repr() gives for str, bytes, int (given as
// digits in a base), float and imaginary literals, appended to a growable buffer. Used by the
// AST dump and the tokenize tool, which must print exactly what CPython prints.
#ifndef KAA_PARSE_PYREPR_H
#define KAA_PARSE_PYREPR_H

#include <stddef.h>

typedef struct KaaTextBuf {
    char *data;  // malloc'd, NUL-terminated
    size_t len, cap;
} KaaTextBuf;

void kaa_textbuf_add(KaaTextBuf *b, const char *s, size_t n);
void kaa_textbuf_puts(KaaTextBuf *b, const char *s);
void kaa_textbuf_putc(KaaTextBuf *b, char c);
void kaa_textbuf_free(KaaTextBuf *b);

// repr(str) of UTF-8 text (lone surrogates encoded as 3-byte sequences).
void kaa_repr_str(KaaTextBuf *b, const char *s, size_t n);
// repr(bytes).
void kaa_repr_bytes(KaaTextBuf *b, const char *s, size_t n);
// repr(float), and repr(complex) of a pure imaginary number.
void kaa_repr_float(KaaTextBuf *b, double x);
void kaa_repr_imag(KaaTextBuf *b, double x);
// repr(int) of the digits `s` in `base`; returns -1 when CPython would refuse (more than 4300
// decimal digits), 0 otherwise.
int kaa_repr_int(KaaTextBuf *b, const char *s, size_t n, int base);

#endif
