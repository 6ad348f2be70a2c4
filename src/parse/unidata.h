// parse/unidata.h — the Unicode facts the front end needs beyond utf8proc.
//
// Stage: parse. Gives character names (for `\N{...}` escapes; also usable by unicodedata),
// the identifier classes XID_Start / XID_Continue, and the character classes that decide how
// Python prints and tokenizes text (printable, alphanumeric as str.isalnum). All answers are
// those of Unicode 14.0, CPython 3.11's version: characters assigned later (the system's data is
// 15.0) count as unassigned.
// The name tables are generated at build time by tools/gen_unicode_names.c.
#ifndef KAA_PARSE_UNIDATA_H
#define KAA_PARSE_UNIDATA_H

#include <stddef.h>
#include <stdint.h>

// The code point named `name` (len bytes; case-insensitive; aliases accepted, named sequences
// not), as a `\N{...}` escape resolves it; -1 when there is no such character.
int32_t kaa_unidata_lookup(const char *name, size_t len);

// Writes the name of `cp` (as unicodedata.name gives it) into buf, NUL-terminated, and returns
// its length; returns 0 when the character has no name or buf is too small.
size_t kaa_unidata_name(uint32_t cp, char *buf, size_t size);

int kaa_unidata_is_xid_start(uint32_t cp);
int kaa_unidata_is_xid_continue(uint32_t cp);

// str.isprintable() for one character: false for categories Cc Cf Cs Co Cn Zl Zp Zs, except
// the ASCII space.
int kaa_unidata_is_printable(uint32_t cp);

// str.isalnum() for one character: letters (L*) and numbers (N*).
int kaa_unidata_is_alnum(uint32_t cp);

#endif
