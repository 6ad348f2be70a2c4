// pyc/pyc.c — .pyc files: the 16-byte header, cache paths, validation and atomic writes.
//
// Stage: pyc. A timestamp pyc is valid while the source's mtime and size (each truncated to
// 32 bits) match its header. Anything wrong with a cache file (missing, short, another magic,
// corrupt data) just means "compile again"; writing never fails loudly, since running without
// a cache is always correct.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pyc/pyc.h"

#define HEADER_SIZE 16

static void put_u32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

static uint32_t get_u32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void magic_bytes(uint8_t out[4]) {
    out[0] = KAA_PYC_MAGIC_NUMBER & 0xFF;
    out[1] = KAA_PYC_MAGIC_NUMBER >> 8;
    out[2] = '\r';
    out[3] = '\n';
}

// CPython's rule (spec B26-B27): split the file name at its last dot; the part before it, or
// the part after it when nothing precedes the dot, then the dot (if any) and the cache tag.
char *kaa_pyc_cache_path(const char *source_path, int optimize) {
    const char *slash = strrchr(source_path, '/');
    int dirlen = slash ? (int)(slash - source_path) + 1 : 0;
    const char *tail = source_path + dirlen;
    const char *dot = strrchr(tail, '.');
    const char *stem = tail;
    int stemlen;
    if (dot == NULL) {
        stemlen = (int)strlen(tail);
    } else if (dot == tail) {
        stem = dot + 1;
        stemlen = (int)strlen(stem);
    } else {
        stemlen = (int)(dot - tail);
    }
    char opt[32] = "";
    if (optimize > 0) {
        snprintf(opt, sizeof opt, ".opt-%d", optimize);
    }
    size_t n = strlen(source_path) + strlen(KAA_CACHE_TAG) + sizeof opt + 32;
    char *p = kaa_alloc_atomic(n);
    snprintf(p, n, "%.*s__pycache__/%.*s%s%s%s.pyc", dirlen, source_path, stemlen, stem,
             dot ? "." : "", KAA_CACHE_TAG, opt);
    return p;
}

static uint8_t *read_all(const char *path, size_t *len_out) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size, len = 0;
    uint8_t *buf = kaa_alloc_atomic(size + 1);
    while (len < size) {
        ssize_t n = read(fd, buf + len, size - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        len += (size_t)n;
    }
    close(fd);
    *len_out = len;
    return buf;
}

typedef struct {
    const uint8_t *data;
    size_t len;
    KaaValue result;
} LoadJob;

static void load_job(void *ud) {
    LoadJob *job = ud;
    job->result = kaa_marshal_loads(job->data, job->len, NULL);
}

// Unmarshals a code object, or NULL when the data is not one (never raises).
static KaaCode *load_code_quietly(const uint8_t *data, size_t len) {
    LoadJob job = {data, len, KAA_NULL};
    if (kaa_protect(load_job, &job) != KAA_NULL || !kaa_is_type(job.result, &kaa_code_type)) {
        return NULL;
    }
    return (KaaCode *)kaa_obj(job.result);
}

KaaCode *kaa_pyc_read_cached(const char *pyc_path, int64_t mtime, int64_t size) {
    size_t len;
    uint8_t *data = read_all(pyc_path, &len);
    if (data == NULL || len < HEADER_SIZE) {
        return NULL;
    }
    uint8_t magic[4];
    magic_bytes(magic);
    uint32_t flags = get_u32(data + 4);
    if (memcmp(data, magic, 4) != 0 || (flags & ~3u) != 0 || (flags & 1)) {
        return NULL;  // hash-based pycs are validated by the cache issue's code, not yet here
    }
    if (get_u32(data + 8) != (uint32_t)mtime || get_u32(data + 12) != (uint32_t)size) {
        return NULL;
    }
    return load_code_quietly(data + HEADER_SIZE, len - HEADER_SIZE);
}

static bool write_fully(int fd, const uint8_t *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

typedef struct {
    KaaCode *code;
    KaaValue bytes;
} DumpJob;

static void dump_job(void *ud) {
    DumpJob *job = ud;
    job->bytes = kaa_marshal_dumps(kaa_from_obj(job->code), 4);
}

bool kaa_pyc_write(const char *pyc_path, KaaCode *code, int64_t mtime, int64_t size,
                   mode_t mode) {
    DumpJob job = {code, KAA_NULL};
    if (kaa_protect(dump_job, &job) != KAA_NULL) {
        return false;
    }
    char *dir = kaa_strdup(pyc_path);
    char *slash = strrchr(dir, '/');
    if (slash != NULL) {
        *slash = 0;
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            return false;
        }
    }
    uint8_t header[HEADER_SIZE];
    magic_bytes(header);
    put_u32(header + 4, 0);
    put_u32(header + 8, (uint32_t)mtime);
    put_u32(header + 12, (uint32_t)size);
    // A temporary name unique to this process, renamed over the target: readers see either
    // the old file or the whole new one, never a torn write.
    size_t n = strlen(pyc_path) + 32;
    char *tmp = kaa_alloc_atomic(n);
    snprintf(tmp, n, "%s.%ld.tmp", pyc_path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode & 0666) | 0200);
    if (fd < 0) {
        return false;
    }
    KaaBytes *body = kaa_bytes(job.bytes);
    bool ok = write_fully(fd, header, HEADER_SIZE) && write_fully(fd, body->data, body->len);
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, pyc_path) != 0) {
        unlink(tmp);
        return false;
    }
    return true;
}

KaaCode *kaa_pyc_load_file(const char *path) {
    size_t len;
    uint8_t *data = read_all(path, &len);
    if (data == NULL) {
        kaa_raise_os_error(errno ? errno : ENOENT, kaa_str_from_cstr(path));
    }
    uint8_t magic[4];
    magic_bytes(magic);
    if (len < HEADER_SIZE || memcmp(data, magic, 4) != 0) {
        kaa_raise_msg(kaa_RuntimeError, "Bad magic number in .pyc file");
    }
    KaaValue v = kaa_marshal_loads(data + HEADER_SIZE, len - HEADER_SIZE, NULL);
    if (!kaa_is_type(v, &kaa_code_type)) {
        kaa_raise_msg(kaa_RuntimeError, "Bad code object in .pyc file");
    }
    return (KaaCode *)kaa_obj(v);
}
