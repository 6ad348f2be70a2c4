// pyc/pyc.h — what the bytecode cache gives: marshal, the .pyc header, cache paths.
//
// Stage: pyc. Takes code objects and values, gives bytes in CPython's marshal format (kaa's
// own record for code objects) and .pyc files with CPython's 16-byte header. Reading never
// trusts its input: bad data is a Python exception, never a crash.
#ifndef KAA_PYC_PYC_H
#define KAA_PYC_PYC_H

#include <sys/types.h>

#include "objects/objects.h"

// kaa's magic number: 16 bits, low byte in 0x80..0xBF (a byte no UTF-8 source starts with).
// History (bump on any change to opcodes, the code record, or the value encoding):
//   19338  first format
#define KAA_PYC_MAGIC_NUMBER 19338
#define KAA_CACHE_TAG "kaa-311"

KaaValue kaa_marshal_dumps(KaaValue value, int version);  // bytes
// Reads one value from data; *consumed (may be NULL) receives the bytes it used.
KaaValue kaa_marshal_loads(const uint8_t *data, size_t len, size_t *consumed);

// __pycache__/<base>.kaa-311[.opt-N].pyc next to the source.
char *kaa_pyc_cache_path(const char *source_path, int optimize);
// The code cached for a source with this mtime and size, or NULL when the cache file is
// missing, stale or unreadable (never raises).
KaaCode *kaa_pyc_read_cached(const char *pyc_path, int64_t mtime, int64_t size);
// Writes the cache atomically (temporary file, then rename); returns false, quietly, when the
// directory cannot be written.
bool kaa_pyc_write(const char *pyc_path, KaaCode *code, int64_t mtime, int64_t size,
                   mode_t mode);
// A .pyc without source (`kaa file.pyc`, a legacy mod.pyc): checks the magic.
KaaCode *kaa_pyc_load_file(const char *path);

#endif
