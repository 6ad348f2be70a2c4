// parse/ast.c — the arena that holds an AST, and the tables generated from ast.def.
//
// Stage: parse. Owns KaaArena (bump allocation in malloc'd chunks, freed all at once) and
// kaa_ast_kind_names. Must not: hold Python values (the arena is not scanned by the collector).
#include "parse/ast.h"

#include <stdlib.h>
#include <string.h>

struct KaaArenaChunk {
    KaaArenaChunk *prev;
    size_t size;
    // followed by the chunk's bytes, 16-byte aligned by the union below
    union {
        double d;
        void *p;
        long long l;
    } data[];
};

#define CHUNK_DEFAULT (64 * 1024)

void kaa_arena_init(KaaArena *arena) {
    arena->chunk = NULL;
    arena->next = arena->limit = NULL;
}

static void new_chunk(KaaArena *arena, size_t need) {
    size_t size = need > CHUNK_DEFAULT ? need : CHUNK_DEFAULT;
    KaaArenaChunk *c = malloc(sizeof(KaaArenaChunk) + size);
    if (!c) {
        // The front end has no way to report running out of memory other than stopping: an
        // AST that cannot be allocated could not be compiled either.
        abort();
    }
    c->prev = arena->chunk;
    c->size = size;
    arena->chunk = c;
    arena->next = (char *)c->data;
    arena->limit = arena->next + size;
}

void *kaa_arena_alloc(KaaArena *arena, size_t size) {
    size = (size + 7) & ~(size_t)7;
    if (size == 0) {
        size = 8;
    }
    if (!arena->next || (size_t)(arena->limit - arena->next) < size) {
        new_chunk(arena, size);
    }
    void *p = arena->next;
    arena->next += size;
    memset(p, 0, size);
    return p;
}

char *kaa_arena_strndup(KaaArena *arena, const char *s, size_t len) {
    char *d = kaa_arena_alloc(arena, len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void kaa_arena_free(KaaArena *arena) {
    KaaArenaChunk *c = arena->chunk;
    while (c) {
        KaaArenaChunk *prev = c->prev;
        free(c);
        c = prev;
    }
    kaa_arena_init(arena);
}

// ---- names ------------------------------------------------------------------------------------
#define KIND(name, cat, pos) #name,
#define END(name)
#define NODE(f, c)
#define OPT(f, c)
#define SEQ(f, c)
#define IDENT(f)
#define OPTIDENT(f)
#define IDSEQ(f)
#define OPTSTR(f)
#define STR(f)
#define INT(f)
#define OPTINT(f)
#define ENUM(f, c)
#define ENUMSEQ(f, c)
#define CONST(f)
#define ENUMERATOR(cat, name)
const char *const kaa_ast_kind_names[AST_KIND_COUNT] = {
#include "parse/ast.def"
};
