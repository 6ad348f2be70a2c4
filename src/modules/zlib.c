// modules/zlib.c — the zlib module over the system zlib: compress/decompress, the streaming
// Compress and Decompress objects, crc32/adler32, the constants and zlib.error.
//
// Stage: modules. The compression itself is zlib's (so the bytes are CPython's for the same
// parameters); this file drives z_streams the way CPython 3.11's module does: output grows in
// blocks of the same sizes (which also decides where max_length stops and so what is left in
// unconsumed_tail), errors carry zlib's own message ("Error -3 while decompressing data:
// incorrect header check"), and a stream that zlib has ended answers every later call as
// zlib does. zlib's state is malloc'd by zlib: a one-shot call frees it even when it raises
// (kaa_protect), and a stream object frees it from a collector finalizer.
// Must not: hold pointers into Python objects between calls (next_in/next_out are cleared).
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "modules/modules.h"

static KaaType *zlib_error_type;
static KaaType compress_type, decompress_type;

// ---- arguments (the argument clinic's binding and messages) -------------------------------------

typedef struct {
    const char *fname;
    const char *const *names;
    int total, posonly, maxpos, minpos;
} ZlParams;

static KaaValue kw_value(KaaValue *kwvals, KaaTuple *kwnames, const char *name) {
    for (int64_t k = 0; kwnames && k < kwnames->len; k++) {
        if (kaa_str_eq_cstr(kwnames->items[k], name)) {
            return kwvals[k];
        }
    }
    return KAA_NULL;
}

static void check_counts(const ZlParams *p, size_t nargs, size_t nkw) {
    if (nargs + nkw > (size_t)p->total) {
        kaa_raise_type_error("%s() takes at most %d %sargument%s (%zu given)", p->fname, p->total,
                             nargs == 0 ? "keyword " : "", p->total == 1 ? "" : "s",
                             nargs + nkw);
    }
    if (nargs > (size_t)p->maxpos) {
        kaa_raise_type_error("%s() takes %s %d positional argument%s (%zu given)", p->fname,
                             p->minpos < p->maxpos ? "at most" : "exactly", p->maxpos,
                             p->maxpos == 1 ? "" : "s", nargs);
    }
    int need = p->posonly < p->minpos ? p->posonly : p->minpos;
    if (nargs < (size_t)need) {
        kaa_raise_type_error("%s() takes %s %d positional argument%s (%zu given)", p->fname,
                             need < p->maxpos ? "at least" : "exactly", need,
                             need == 1 ? "" : "s", nargs);
    }
}

// Binds args to out[0..total) (KAA_NULL for what was not given).
static void bind(const ZlParams *p, KaaValue *args, size_t nargs, KaaTuple *kw, KaaValue *out) {
    size_t nkw = KAA_NKW(kw);
    for (int i = 0; i < p->total; i++) {
        out[i] = (size_t)i < nargs ? args[i] : KAA_NULL;
    }
    if (nkw == 0 && nargs >= (size_t)p->minpos && nargs <= (size_t)p->maxpos) {
        return;
    }
    check_counts(p, nargs, nkw);
    KaaValue *kwvals = args + nargs;
    size_t used = 0;
    for (int i = (int)nargs > p->posonly ? (int)nargs : p->posonly; i < p->total; i++) {
        KaaValue v = nkw ? kw_value(kwvals, kw, p->names[i]) : KAA_NULL;
        if (v != KAA_NULL) {
            out[i] = v;
            used++;
        } else if (i < p->minpos) {
            kaa_raise_type_error("%s() missing required argument '%s' (pos %d)", p->fname,
                                 p->names[i], i + 1);
        }
    }
    if (used == nkw) {
        return;
    }
    for (int i = p->posonly; (size_t)i < nargs; i++) {
        if (kw_value(kwvals, kw, p->names[i]) != KAA_NULL) {
            kaa_raise_type_error("argument for %s() given by name ('%s') and position (%d)",
                                 p->fname, p->names[i], i + 1);
        }
    }
    for (int64_t k = 0; k < kw->len; k++) {
        bool known = false;
        for (int i = p->posonly; i < p->total && !known; i++) {
            known = kaa_str_eq_cstr(kw->items[k], p->names[i]);
        }
        if (!known) {
            kaa_raise_type_error("'%S' is an invalid keyword argument for %s()", kw->items[k],
                                 p->fname);
        }
    }
}

// The clinic's `int` converter.
static int int_arg(KaaValue v, int dflt) {
    if (v == KAA_NULL) {
        return dflt;
    }
    KaaValue i = kaa_is_int(v) ? v : kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out) || out > INT_MAX || out < INT_MIN) {
        kaa_raise_overflow("Python int too large to convert to C int");
    }
    return (int)out;
}

// The clinic's Py_ssize_t converter.
static int64_t ssize_arg(KaaValue v, int64_t dflt) {
    if (v == KAA_NULL) {
        return dflt;
    }
    KaaValue i = kaa_is_int(v) ? v : kaa_index(v);
    int64_t out;
    if (!kaa_int_to_i64(i, &out)) {
        kaa_raise_overflow("Python int too large to convert to C ssize_t");
    }
    return out;
}

typedef struct {
    const uint8_t *p;
    size_t n;
} Data;

// A memoryview whose items are not adjacent cannot be a contiguous buffer (CPython refuses
// it; kaa's strided views would export a copy).
static void check_contiguous(KaaValue v) {
    if (kaa_is_type(v, &kaa_memoryview_type) &&
        !kaa_truthy(kaa_getattr_cstr(v, "c_contiguous"))) {
        kaa_raise_msg(kaa_BufferError, "memoryview: underlying buffer is not C-contiguous");
    }
}

// The clinic's Py_buffer converter.
static Data buffer_arg(KaaValue v) {
    Data d;
    if (!kaa_buffer_get(v, &d.p, &d.n)) {
        kaa_raise_type_error("a bytes-like object is required, not '%s'", kaa_type_name_of(v));
    }
    if (!kaa_is_bytes(v)) {
        check_contiguous(v);
    }
    if (d.p == NULL) {
        d.p = (const uint8_t *)"";  // an empty bytearray has no memory: never hand zlib NULL
    }
    return d;
}

// ---- errors -------------------------------------------------------------------------------------

// zlib.error("Error <err> <while ...>: <zlib's message>"), the message chosen as CPython does:
// the stream's msg, else a description of the error code, else none.
KAA_NORETURN static void zlib_fail(z_stream *zst, int err, const char *what) {
    const char *zmsg = err == Z_VERSION_ERROR ? "library version mismatch" : zst->msg;
    if (zmsg == NULL) {
        switch (err) {
        case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
        case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
        case Z_DATA_ERROR: zmsg = "invalid input data"; break;
        default: break;
        }
    }
    KaaValue msg = zmsg ? kaa_str_printf("Error %d %s: %.200s", err, what, zmsg)
                        : kaa_str_printf("Error %d %s", err, what);
    kaa_raise(kaa_exc_new_msg(zlib_error_type, msg));
}

KAA_NORETURN static void zlib_fail_msg(const char *msg) {
    kaa_raise(kaa_exc_new_msg(zlib_error_type, kaa_str_from_cstr(msg)));
}

// ---- output: CPython's growing blocks ------------------------------------------------------------

typedef struct {
    uint8_t *buf;
    size_t allocated;  // bytes of buf handed to zlib so far
    size_t nblocks;
    int64_t max_length;  // < 0: unlimited
} Out;

static const size_t BLOCK_SIZES[] = {
    32u << 10, 64u << 10, 256u << 10, 1u << 20, 4u << 20, 8u << 20, 16u << 20, 16u << 20,
    32u << 20, 32u << 20, 32u << 20, 32u << 20, 64u << 20, 64u << 20, 128u << 20, 128u << 20,
    256u << 20,
};
#define NBLOCK_SIZES (sizeof BLOCK_SIZES / sizeof BLOCK_SIZES[0])

// Hands zlib a new block of `size` bytes at the end of the buffer (a block of more than 4 GiB,
// only ever a first one asked for by bufsize or length, is allocated but given in part).
static void out_add_block(Out *o, z_stream *zst, size_t size) {
    if (size > ((size_t)1 << 40) - o->allocated) {  // more than any machine can give
        kaa_raise_msg(kaa_MemoryError, "Unable to allocate output buffer.");
    }
    uint8_t *bigger = o->buf ? kaa_realloc(o->buf, o->allocated + size)
                             : kaa_alloc_atomic(o->allocated + size);
    size = size > UINT_MAX ? UINT_MAX : size;
    o->buf = bigger;
    zst->next_out = o->buf + o->allocated;
    zst->avail_out = (uInt)size;
    o->allocated += size;
    o->nblocks++;
}

// The first block: `first` bytes (0: the first size of the sequence), within max_length.
static void out_init(Out *o, z_stream *zst, size_t first, int64_t max_length) {
    o->buf = NULL;
    o->allocated = 0;
    o->nblocks = 0;
    o->max_length = max_length;
    size_t size = first ? first : BLOCK_SIZES[0];
    if (max_length >= 0 && (size_t)max_length < size) {
        size = (size_t)max_length;
    }
    out_add_block(o, zst, size);
}

// Another block once zlib has filled the last one; false when max_length is reached.
static bool out_grow(Out *o, z_stream *zst) {
    size_t size = BLOCK_SIZES[o->nblocks < NBLOCK_SIZES ? o->nblocks : NBLOCK_SIZES - 1];
    if (o->max_length >= 0) {
        size_t left = (size_t)o->max_length - o->allocated;
        if (left == 0) {
            return false;
        }
        size = size < left ? size : left;
    }
    out_add_block(o, zst, size);
    return true;
}

static KaaValue out_finish(Out *o, z_stream *zst) {
    size_t len = o->allocated - zst->avail_out;
    zst->next_out = NULL;
    zst->avail_out = 0;
    return kaa_bytes_new(o->buf, len);
}

// Input larger than 4 GiB is given to zlib in pieces; *left counts what is not yet given.
static void arrange_input(z_stream *zst, size_t *left) {
    zst->avail_in = *left > UINT_MAX ? UINT_MAX : (uInt)*left;
    *left -= zst->avail_in;
}

// ---- zlib's memory -------------------------------------------------------------------------------
// zlib's state is malloc'd (a compressor holds some 256 KiB), freed by deflateEnd/inflateEnd
// or, for stream objects, by the collector's finalizer. The collector does not see malloc'd
// memory, so a program that drops many stream objects could pile up their states long before
// the small objects themselves make a collection happen: the allocator counts what zlib holds,
// and a new stream object forces a collection (which runs the finalizers) whenever that count
// has grown by ZMEM_COLLECT_STEP since its lowest point after the previous one.

#define ZMEM_COLLECT_STEP ((size_t)64 << 20)
static size_t zmem_live, zmem_low;

typedef union {
    size_t size;
    max_align_t align_;
} ZmemHeader;

static voidpf zmem_alloc(voidpf opaque, uInt items, uInt size) {
    size_t n = (size_t)items * size;
    ZmemHeader *h = malloc(sizeof(ZmemHeader) + n);
    if (h == NULL) {
        return Z_NULL;
    }
    h->size = n;
    zmem_live += n;
    return h + 1;
}

static void zmem_free(voidpf opaque, voidpf address) {
    ZmemHeader *h = (ZmemHeader *)address - 1;
    zmem_live -= h->size;
    if (zmem_live < zmem_low) {
        zmem_low = zmem_live;
    }
    free(h);
}

static void zmem_setup(z_stream *zst) {
    memset(zst, 0, sizeof *zst);
    zst->zalloc = zmem_alloc;
    zst->zfree = zmem_free;
}

// Before a stream object is made: collect if zlib's states have grown too much.
static void zmem_maybe_collect(void) {
    if (zmem_live > zmem_low + ZMEM_COLLECT_STEP) {
        kaa_alloc_collect();
        zmem_low = zmem_live;
    }
}

// ---- crc32 and adler32 --------------------------------------------------------------------------

// The start value: any int, reduced modulo 2**32 (the clinic's bitwise unsigned int).
static uint32_t start_value(KaaValue v) {
    KaaValue i = kaa_is_int(v) ? v : kaa_index(v);
    if (kaa_is_int(i)) {
        return (uint32_t)(uint64_t)kaa_int_val(i);
    }
    mpz_t z;
    mpz_init(z);
    kaa_int_to_mpz(i, z);
    mpz_fdiv_r_2exp(z, z, 32);
    return (uint32_t)mpz_get_ui(z);
}

static KaaValue checksum(const char *name, const char *qual, KaaValue *args, size_t nargs,
                         KaaTuple *kw, uLong (*fn)(uLong, const Bytef *, uInt), uint32_t init) {
    kaa_args_no_kw(qual, kw);
    kaa_args_count(name, nargs, 1, 2);
    Data d = buffer_arg(args[0]);
    uLong value = nargs > 1 ? start_value(args[1]) : init;
    while (d.n > 0) {
        uInt chunk = d.n > UINT_MAX ? UINT_MAX : (uInt)d.n;
        value = fn(value, d.p, chunk);
        d.p += chunk;
        d.n -= chunk;
    }
    return kaa_int_from_u64(value & 0xffffffffu);
}

static KaaValue zl_crc32(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return checksum("crc32", "zlib.crc32", args, nargs, kw, crc32, 0);
}

static KaaValue zl_adler32(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    return checksum("adler32", "zlib.adler32", args, nargs, kw, adler32, 1);
}

// ---- one-shot compress and decompress -----------------------------------------------------------

// A one-shot job runs under kaa_protect so that zlib's state is freed even when it raises.
typedef struct {
    z_stream zst;
    bool live;  // deflateInit2/inflateInit2 succeeded and End was not called yet
    Data data;
    int level, wbits;
    int64_t bufsize;
    KaaValue result;
} OneShot;

static void compress_body(void *ud) {
    OneShot *j = ud;
    z_stream *zst = &j->zst;
    int err = deflateInit2(zst, j->level, Z_DEFLATED, j->wbits, 8, Z_DEFAULT_STRATEGY);
    if (err == Z_MEM_ERROR) {
        kaa_raise_msg(kaa_MemoryError, "Out of memory while compressing data");
    } else if (err == Z_STREAM_ERROR) {
        zlib_fail_msg("Bad compression level");
    } else if (err != Z_OK) {
        deflateEnd(zst);
        zlib_fail(zst, err, "while compressing data");
    }
    j->live = true;
    Out o;
    out_init(&o, zst, 0, -1);
    zst->next_in = (Bytef *)j->data.p;
    size_t left = j->data.n;
    int flush;
    do {
        arrange_input(zst, &left);
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            if (zst->avail_out == 0) {
                out_grow(&o, zst);
            }
            err = deflate(zst, flush);
            if (err == Z_STREAM_ERROR) {
                zlib_fail(zst, err, "while compressing data");
            }
        } while (zst->avail_out == 0);
    } while (flush != Z_FINISH);
    j->live = false;
    err = deflateEnd(zst);
    if (err != Z_OK) {
        zlib_fail(zst, err, "while finishing compression");
    }
    j->result = out_finish(&o, zst);
}

static void decompress_body(void *ud) {
    OneShot *j = ud;
    z_stream *zst = &j->zst;
    Out o;
    out_init(&o, zst, (size_t)j->bufsize, -1);
    zst->next_in = (Bytef *)j->data.p;
    int err = inflateInit2(zst, j->wbits);
    if (err == Z_MEM_ERROR) {
        kaa_raise_msg(kaa_MemoryError, "Out of memory while decompressing data");
    } else if (err != Z_OK) {
        inflateEnd(zst);
        zlib_fail(zst, err, "while preparing to decompress data");
    }
    j->live = true;
    size_t left = j->data.n;
    do {
        arrange_input(zst, &left);
        int flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        do {
            if (zst->avail_out == 0) {
                out_grow(&o, zst);
            }
            err = inflate(zst, flush);
            if (err == Z_MEM_ERROR) {
                kaa_raise_msg(kaa_MemoryError, "Out of memory while decompressing data");
            } else if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
                zlib_fail(zst, err, "while decompressing data");
            }
        } while (zst->avail_out == 0);
    } while (err != Z_STREAM_END && left != 0);
    if (err != Z_STREAM_END) {
        zlib_fail(zst, err, "while decompressing data");
    }
    j->live = false;
    err = inflateEnd(zst);
    if (err != Z_OK) {
        zlib_fail(zst, err, "while finishing decompression");
    }
    j->result = out_finish(&o, zst);
}

static KaaValue run_one_shot(OneShot *j, void (*body)(void *), bool deflating) {
    zmem_setup(&j->zst);
    j->live = false;
    KaaValue exc = kaa_protect(body, j);
    if (exc != KAA_NULL) {
        if (j->live) {
            if (deflating) {
                deflateEnd(&j->zst);
            } else {
                inflateEnd(&j->zst);
            }
        }
        kaa_reraise(exc);
    }
    return j->result;
}

// compress(data, /, level=-1, wbits=15)
static KaaValue zl_compress(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "level", "wbits"};
    static const ZlParams params = {"compress", names, 3, 1, 3, 1};
    KaaValue v[3];
    bind(&params, args, nargs, kw, v);
    OneShot j;
    j.data = buffer_arg(v[0]);
    j.level = int_arg(v[1], Z_DEFAULT_COMPRESSION);
    j.wbits = int_arg(v[2], MAX_WBITS);
    return run_one_shot(&j, compress_body, true);
}

// decompress(data, /, wbits=15, bufsize=16384)
static KaaValue zl_decompress(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "wbits", "bufsize"};
    static const ZlParams params = {"decompress", names, 3, 1, 3, 1};
    KaaValue v[3];
    bind(&params, args, nargs, kw, v);
    OneShot j;
    j.data = buffer_arg(v[0]);
    j.wbits = int_arg(v[1], MAX_WBITS);
    j.bufsize = ssize_arg(v[2], 16384);
    if (j.bufsize < 0) {
        kaa_raise_value_error("bufsize must be non-negative");
    }
    if (j.bufsize == 0) {
        j.bufsize = 1;
    }
    return run_one_shot(&j, decompress_body, false);
}

// ---- stream objects -----------------------------------------------------------------------------

typedef struct {
    KaaObject ob;
    z_stream zst;
    KaaValue unused_data;      // Decompress: bytes after the end of the stream
    KaaValue unconsumed_tail;  // Decompress: input max_length kept from being used
    KaaValue zdict;            // Decompress: the dictionary object, or KAA_NULL
    bool eof;                  // Decompress: the end of the stream was seen
    bool is_initialised;       // zlib's state is allocated (not ended)
    bool inflating;
} ZStream;

static ZStream *zs(KaaValue v) { return (ZStream *)kaa_obj(v); }

static void zstream_finalize(void *obj, void *data) {
    ZStream *s = obj;
    if (s->is_initialised) {
        s->is_initialised = false;
        if (s->inflating) {
            inflateEnd(&s->zst);
        } else {
            deflateEnd(&s->zst);
        }
    }
}

static ZStream *zstream_new(KaaType *type, bool inflating) {
    zmem_maybe_collect();
    ZStream *s = (ZStream *)kaa_obj(kaa_instance_alloc(type, 0));
    zmem_setup(&s->zst);
    s->inflating = inflating;
    s->unused_data = kaa_bytes_new("", 0);
    s->unconsumed_tail = s->unused_data;
    s->zdict = KAA_NULL;
    return s;
}

// Called once zlib's init succeeded: from now on the collector frees zlib's state.
static void zstream_initialised(ZStream *s) {
    s->is_initialised = true;
    kaa_alloc_finalizer(s, zstream_finalize, NULL);
}

static KaaValue no_new(KaaType *type, KaaValue *args, size_t nargs, KaaTuple *kw) {
    kaa_raise_type_error("cannot create '%s' instances", type->name);
}

// compressobj(level=-1, method=8, wbits=15, memLevel=8, strategy=0, zdict=None)
static KaaValue zl_compressobj(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"level", "method", "wbits", "memLevel", "strategy",
                                        "zdict"};
    static const ZlParams params = {"compressobj", names, 6, 0, 6, 0};
    KaaValue v[6];
    bind(&params, args, nargs, kw, v);
    int level = int_arg(v[0], Z_DEFAULT_COMPRESSION), method = int_arg(v[1], Z_DEFLATED);
    int wbits = int_arg(v[2], MAX_WBITS), mem_level = int_arg(v[3], 8);
    int strategy = int_arg(v[4], Z_DEFAULT_STRATEGY);
    Data zdict = {NULL, 0};
    bool have_zdict = v[5] != KAA_NULL && v[5] != kaa_None;
    if (v[5] != KAA_NULL) {
        zdict = buffer_arg(v[5]);  // None too is refused: "..., not 'NoneType'"
    }
    if (zdict.n > UINT_MAX) {
        kaa_raise_overflow("zdict length does not fit in an unsigned int");
    }
    ZStream *s = zstream_new(&compress_type, false);
    int err = deflateInit2(&s->zst, level, method, wbits, mem_level, strategy);
    if (err == Z_OK) {
        zstream_initialised(s);
        if (have_zdict && deflateSetDictionary(&s->zst, zdict.p, (uInt)zdict.n) != Z_OK) {
            kaa_raise_value_error("Invalid dictionary");
        }
        return kaa_from_obj(s);
    }
    if (err == Z_MEM_ERROR) {
        kaa_raise_msg(kaa_MemoryError, "Can't allocate memory for compression object");
    }
    if (err == Z_STREAM_ERROR) {
        kaa_raise_value_error("Invalid initialization option");
    }
    zlib_fail(&s->zst, err, "while creating compression object");
}

// Gives the decompressor its dictionary (raw streams at once, others when zlib asks).
static void set_inflate_zdict(ZStream *s) {
    Data d = buffer_arg(s->zdict);
    if (d.n > UINT_MAX) {
        kaa_raise_overflow("zdict length does not fit in an unsigned int");
    }
    int err = inflateSetDictionary(&s->zst, d.p, (uInt)d.n);
    if (err != Z_OK) {
        zlib_fail(&s->zst, err, "while setting zdict");
    }
}

// decompressobj(wbits=15, zdict=b'')
static KaaValue zl_decompressobj(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"wbits", "zdict"};
    static const ZlParams params = {"decompressobj", names, 2, 0, 2, 0};
    KaaValue v[2];
    bind(&params, args, nargs, kw, v);
    int wbits = int_arg(v[0], MAX_WBITS);
    if (v[1] != KAA_NULL && !kaa_buffer_view(v[1], &(KaaBuffer){0})) {
        kaa_raise_type_error("zdict argument must support the buffer protocol");
    }
    ZStream *s = zstream_new(&decompress_type, true);
    s->zdict = v[1];
    int err = inflateInit2(&s->zst, wbits);
    if (err == Z_OK) {
        zstream_initialised(s);
        if (s->zdict != KAA_NULL && wbits < 0) {
            set_inflate_zdict(s);
        }
        return kaa_from_obj(s);
    }
    if (err == Z_STREAM_ERROR) {
        kaa_raise_value_error("Invalid initialization option");
    }
    if (err == Z_MEM_ERROR) {
        kaa_raise_msg(kaa_MemoryError, "Can't allocate memory for decompression object");
    }
    zlib_fail(&s->zst, err, "while creating decompression object");
}

// ---- Compress -----------------------------------------------------------------------------------

// Compress.compress(data, /)
static KaaValue comp_compress(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data"};
    static const ZlParams params = {"compress", names, 1, 1, 1, 1};
    KaaValue v[1];
    bind(&params, args, nargs, kw, v);
    Data d = buffer_arg(v[0]);
    ZStream *s = zs(self);
    z_stream *zst = &s->zst;
    Out o;
    out_init(&o, zst, 0, -1);
    zst->next_in = (Bytef *)d.p;
    size_t left = d.n;
    do {
        arrange_input(zst, &left);
        do {
            if (zst->avail_out == 0) {
                out_grow(&o, zst);
            }
            int err = deflate(zst, Z_NO_FLUSH);
            if (err == Z_STREAM_ERROR) {
                zst->next_in = NULL;
                zlib_fail(zst, err, "while compressing data");
            }
        } while (zst->avail_out == 0);
    } while (left != 0);
    zst->next_in = NULL;
    return out_finish(&o, zst);
}

// Compress.flush(mode=Z_FINISH, /)
static KaaValue comp_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"mode"};
    static const ZlParams params = {"flush", names, 1, 1, 1, 0};
    KaaValue v[1];
    bind(&params, args, nargs, kw, v);
    int mode = int_arg(v[0], Z_FINISH);
    if (mode == Z_NO_FLUSH) {
        return kaa_bytes_new("", 0);
    }
    ZStream *s = zs(self);
    z_stream *zst = &s->zst;
    zst->avail_in = 0;
    Out o;
    out_init(&o, zst, 0, -1);
    int err;
    do {
        if (zst->avail_out == 0) {
            out_grow(&o, zst);
        }
        err = deflate(zst, mode);
        if (err == Z_STREAM_ERROR) {
            zlib_fail(zst, err, "while flushing");
        }
    } while (zst->avail_out == 0);
    if (err == Z_STREAM_END && mode == Z_FINISH) {
        s->is_initialised = false;
        err = deflateEnd(zst);
        if (err != Z_OK) {
            zlib_fail(zst, err, "while finishing compression");
        }
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
        zlib_fail(zst, err, "while flushing");
    }
    return out_finish(&o, zst);
}

// The copy of either kind of stream (copy, __copy__, __deepcopy__).
static KaaValue zstream_copy(ZStream *s) {
    const char *what = s->inflating ? "decompression" : "compression";
    if (!s->is_initialised) {
        kaa_raise_value_error("Inconsistent stream state");
    }
    ZStream *c = zstream_new(kaa_type_of(kaa_from_obj(s)), s->inflating);
    int err = s->inflating ? inflateCopy(&c->zst, &s->zst) : deflateCopy(&c->zst, &s->zst);
    if (err == Z_STREAM_ERROR) {
        kaa_raise_value_error("Inconsistent stream state");
    }
    if (err == Z_MEM_ERROR) {
        kaa_raise_msg(kaa_MemoryError, "Can't allocate memory for %s object", what);
    }
    if (err != Z_OK) {
        char msg[64];
        snprintf(msg, sizeof msg, "while copying %s object", what);
        zlib_fail(&s->zst, err, msg);
    }
    zstream_initialised(c);
    c->unused_data = s->unused_data;
    c->unconsumed_tail = s->unconsumed_tail;
    c->zdict = s->zdict;
    c->eof = s->eof;
    return kaa_from_obj(c);
}

// copy() and __copy__(): CPython 3.11 refuses positional arguments and ignores keywords.
static KaaValue zs_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs > 0) {
        kaa_raise_type_error("copy() takes no arguments");
    }
    return zstream_copy(zs(self));
}

static KaaValue zs_dunder_copy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    if (nargs > 0) {
        kaa_raise_type_error("__copy__() takes no arguments");
    }
    return zstream_copy(zs(self));
}

static KaaValue zs_deepcopy(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"memo"};
    static const ZlParams params = {"__deepcopy__", names, 1, 1, 1, 1};
    KaaValue v[1];
    bind(&params, args, nargs, kw, v);
    return zstream_copy(zs(self));
}

// ---- Decompress ---------------------------------------------------------------------------------

// After a decompress or flush call: input beyond the end of the stream is appended to
// unused_data; input left unused (max_length) becomes unconsumed_tail.
static void save_unconsumed_input(ZStream *s, Data d, int err) {
    z_stream *zst = &s->zst;
    size_t left = (size_t)(d.p + d.n - zst->next_in);
    if (err == Z_STREAM_END && zst->avail_in > 0) {
        KaaBytes *old = kaa_bytes(s->unused_data);
        KaaValue joined = kaa_bytes_new_raw(old->len + left);
        memcpy(kaa_bytes(joined)->data, old->data, old->len);
        memcpy(kaa_bytes(joined)->data + old->len, zst->next_in, left);
        s->unused_data = joined;
        zst->avail_in = 0;
    }
    if (zst->avail_in > 0 || kaa_bytes(s->unconsumed_tail)->len > 0) {
        s->unconsumed_tail = kaa_bytes_new(zst->next_in, left);
    }
    zst->next_in = NULL;
}

// Runs inflate over d with `flush` chosen per piece of input (decompress: Z_SYNC_FLUSH;
// flush: Z_FINISH for the last piece); returns zlib's last result.
static int inflate_loop(ZStream *s, Data d, Out *o, bool finishing) {
    z_stream *zst = &s->zst;
    zst->next_in = (Bytef *)d.p;
    size_t left = d.n;
    int err = Z_OK;
    do {
        arrange_input(zst, &left);
        int flush = finishing ? (left == 0 ? Z_FINISH : Z_NO_FLUSH) : Z_SYNC_FLUSH;
        do {
            if (zst->avail_out == 0 && !out_grow(o, zst)) {
                return err;  // max_length reached (only after a first inflate call)
            }
            err = inflate(zst, flush);
            if (err == Z_NEED_DICT && s->zdict != KAA_NULL) {
                set_inflate_zdict(s);
            } else if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
                return err;
            }
        } while (zst->avail_out == 0 || err == Z_NEED_DICT);
    } while (err != Z_STREAM_END && left != 0);
    return err;
}

// Decompress.decompress(data, /, max_length=0)
static KaaValue decomp_decompress(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"data", "max_length"};
    static const ZlParams params = {"decompress", names, 2, 1, 2, 1};
    KaaValue v[2];
    bind(&params, args, nargs, kw, v);
    Data d = buffer_arg(v[0]);
    int64_t max_length = ssize_arg(v[1], 0);
    if (max_length < 0) {
        kaa_raise_value_error("max_length must be non-negative");
    }
    ZStream *s = zs(self);
    Out o;
    out_init(&o, &s->zst, 0, max_length == 0 ? -1 : max_length);
    int err = inflate_loop(s, d, &o, false);
    save_unconsumed_input(s, d, err);
    if (err == Z_STREAM_END) {
        s->eof = true;
    } else if (err != Z_OK && err != Z_BUF_ERROR) {
        out_finish(&o, &s->zst);
        zlib_fail(&s->zst, err, "while decompressing data");
    }
    return out_finish(&o, &s->zst);
}

// Decompress.flush(length=16384, /): decompresses unconsumed_tail to the end.
static KaaValue decomp_flush(KaaValue self, KaaValue *args, size_t nargs, KaaTuple *kw) {
    static const char *const names[] = {"length"};
    static const ZlParams params = {"flush", names, 1, 1, 1, 0};
    KaaValue v[1];
    bind(&params, args, nargs, kw, v);
    int64_t length = ssize_arg(v[0], 16384);
    if (length <= 0) {
        kaa_raise_value_error("length must be greater than zero");
    }
    ZStream *s = zs(self);
    KaaValue tail = s->unconsumed_tail;
    Data d = {kaa_bytes(tail)->data, kaa_bytes(tail)->len};
    Out o;
    out_init(&o, &s->zst, (size_t)length, -1);
    int err = inflate_loop(s, d, &o, true);
    save_unconsumed_input(s, d, err);
    if (err == Z_STREAM_END) {
        s->eof = true;
        s->is_initialised = false;
        err = inflateEnd(&s->zst);
        if (err != Z_OK) {
            zlib_fail(&s->zst, err, "while finishing decompression");
        }
    }
    return out_finish(&o, &s->zst);
}

// ---- the types and the module -------------------------------------------------------------------

static const KaaMethodDef compress_methods[] = {
    {"compress", comp_compress, 0, "Returns a bytes object containing compressed data."},
    {"flush", comp_flush, 0, "Return a bytes object containing any remaining compressed data."},
    {"copy", zs_copy, 0, "Return a copy of the compression object."},
    {"__copy__", zs_dunder_copy, 0, NULL},
    {"__deepcopy__", zs_deepcopy, 0, NULL},
    {NULL},
};

static const KaaMethodDef decompress_methods[] = {
    {"decompress", decomp_decompress, 0, "Return a bytes object containing the decompressed "
                                         "version of the data."},
    {"flush", decomp_flush, 0, "Return a bytes object containing any remaining decompressed "
                               "data."},
    {"copy", zs_copy, 0, "Return a copy of the decompression object."},
    {"__copy__", zs_dunder_copy, 0, NULL},
    {"__deepcopy__", zs_deepcopy, 0, NULL},
    {NULL},
};

static const KaaMemberDef decompress_members[] = {
    {"unused_data", KAA_MEMBER_VALUE_RO, offsetof(ZStream, unused_data), NULL},
    {"unconsumed_tail", KAA_MEMBER_VALUE_RO, offsetof(ZStream, unconsumed_tail), NULL},
    {"eof", KAA_MEMBER_BOOL_RO, offsetof(ZStream, eof), NULL},
    {NULL},
};

static KaaType compress_type = {
    .ob = {&kaa_type_type},
    .name = "zlib.Compress",
    .instance_size = sizeof(ZStream),
    .new_ = no_new,
    .methods = compress_methods,
};

static KaaType decompress_type = {
    .ob = {&kaa_type_type},
    .name = "zlib.Decompress",
    .instance_size = sizeof(ZStream),
    .new_ = no_new,
    .methods = decompress_methods,
    .members = decompress_members,
};

static const KaaMethodDef zlib_functions[] = {
    {"adler32", zl_adler32, 0, "Compute an Adler-32 checksum of data."},
    {"compress", zl_compress, 0, "Returns a bytes object containing compressed data."},
    {"compressobj", zl_compressobj, 0, "Return a compressor object."},
    {"crc32", zl_crc32, 0, "Compute a CRC-32 checksum of data."},
    {"decompress", zl_decompress, 0, "Returns a bytes object containing the uncompressed data."},
    {"decompressobj", zl_decompressobj, 0, "Return a decompressor object."},
    {NULL},
};

static const char zlib_doc[] =
    "The functions in this module allow compression and decompression using the\n"
    "zlib library, which is based on GNU zip.\n"
    "\n"
    "adler32(string[, start]) -- Compute an Adler-32 checksum.\n"
    "compress(data[, level]) -- Compress data, with compression level 0-9 or -1.\n"
    "compressobj([level[, ...]]) -- Return a compressor object.\n"
    "crc32(string[, start]) -- Compute a CRC-32 checksum.\n"
    "decompress(string,[wbits],[bufsize]) -- Decompresses a compressed string.\n"
    "decompressobj([wbits[, zdict]]) -- Return a decompressor object.\n"
    "\n"
    "'wbits' is window buffer size and container format.\n"
    "Compressor objects support compress() and flush() methods; decompressor\n"
    "objects support decompress() and flush().";

static const struct {
    const char *name;
    int value;
} zlib_constants[] = {
    {"MAX_WBITS", MAX_WBITS}, {"DEFLATED", Z_DEFLATED}, {"DEF_MEM_LEVEL", 8},
    {"DEF_BUF_SIZE", 16384}, {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
    {"Z_BEST_SPEED", Z_BEST_SPEED}, {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
    {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION}, {"Z_FILTERED", Z_FILTERED},
    {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY}, {"Z_RLE", Z_RLE}, {"Z_FIXED", Z_FIXED},
    {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY}, {"Z_NO_FLUSH", Z_NO_FLUSH},
    {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH}, {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
    {"Z_FULL_FLUSH", Z_FULL_FLUSH}, {"Z_FINISH", Z_FINISH}, {"Z_BLOCK", Z_BLOCK},
    {"Z_TREES", Z_TREES},
};

KaaValue kaa_zlib_init(void) {
    if (zlib_error_type == NULL) {
        KaaDict *ns = kaa_dict_new();
        kaa_dict_set(ns, KAA_ID(__module__), kaa_str_from_cstr("zlib"));
        KaaTuple *bases = kaa_tuple_pack(1, kaa_from_obj(kaa_Exception));
        zlib_error_type = (KaaType *)kaa_obj(
            kaa_type_new(&kaa_type_type, kaa_str_from_cstr("error"), bases, ns, NULL, NULL));
        kaa_type_ready(&compress_type);
        kaa_type_ready(&decompress_type);
    }
    KaaValue m = kaa_module_new_cstr("zlib");
    kaa_module_add(m, "__doc__", kaa_str_from_cstr(zlib_doc));
    kaa_module_add_methods(m, zlib_functions);
    kaa_module_add(m, "error", kaa_from_obj(zlib_error_type));
    for (size_t i = 0; i < sizeof zlib_constants / sizeof zlib_constants[0]; i++) {
        kaa_module_add(m, zlib_constants[i].name, kaa_from_small(zlib_constants[i].value));
    }
    kaa_module_add(m, "ZLIB_VERSION", kaa_str_from_cstr(ZLIB_VERSION));
    kaa_module_add(m, "ZLIB_RUNTIME_VERSION", kaa_str_from_cstr(zlibVersion()));
    kaa_module_add(m, "__version__", kaa_str_from_cstr("1.0"));
    return m;
}
