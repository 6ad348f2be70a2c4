// tests/fuzz/fuzz_parse.c — libFuzzer target for the front end: tokenizer, parser, AST dump,
// and the tokenize module emulation of `kaa -m tokenize`.
//
// Build (from the repository root, after `make build/kaa-parse` made build/gen/):
//   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -Ibuild/gen \
//       src/parse/*.c tests/fuzz/fuzz_parse.c -lgc -lgmp -lutf8proc -lm -o build/fuzz/fuzz_parse
// Run: build/fuzz/fuzz_parse -dict=tests/fuzz/python.dict -max_len=4096 CORPUS_DIR
// The first input byte picks the parse mode and flags; the rest is the source. Any input must
// give a tree or a KaaSyntaxError, never a crash, a hang or a sanitizer report.
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/ast.h"
#include "parse/ast_dump.h"
#include "parse/pyrepr.h"
#include "parse/tool_common.h"

static void fuzz_parser(const uint8_t *data, size_t size) {
    int mode = data[0] & 3;
    int flags = (data[0] & 4) ? KAA_PARSE_TYPE_COMMENTS : 0;
    if (data[0] & 8) {
        flags |= KAA_PARSE_SOURCE_IS_UTF8;
    }
    KaaArena arena;
    kaa_arena_init(&arena);
    KaaSyntaxError err;
    KaaAst *tree = kaa_parse(&arena, (const char *)data + 1, size - 1, "<fuzz>",
                             (KaaParseMode)mode, flags, &err);
    if (tree) {
        size_t len;
        char *text = kaa_ast_dump(tree, 1, 3, &len);
        free(text);
    } else if (!err.type || (err.text && strlen(err.text) > size * 4 + 64)) {
        abort();  // an error must say what it is, and its line comes from the input
    }
    kaa_arena_free(&arena);
}

static void fuzz_tokenize_module(const uint8_t *data, size_t size) {
    KaaTextBuf out = {0};
    char err[1024];
    kaa_tokenize_module((const char *)data + 1, size - 1, "<fuzz>", (data[0] & 16) != 0,
                        (data[0] & 32) != 0, &out, err, sizeof err);
    kaa_textbuf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) {
        return 0;
    }
    fuzz_parser(data, size);
    fuzz_tokenize_module(data, size);
    return 0;
}
