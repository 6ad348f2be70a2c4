// tools/kaa_parse_main.c — the standalone front-end tool used by the front-end tests.
//
// Stage: build tool. `build/kaa-parse -m ast ARGS...` and `build/kaa-parse -m tokenize ARGS...`
// run the parse stage's tools exactly as `kaa -m ast|tokenize` does. Owns nothing else.
#include <stdio.h>
#include <string.h>

#include "parse/tools.h"

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "-m") == 0) {
        if (strcmp(argv[2], "ast") == 0) {
            return kaa_parse_tool_ast(argc - 2, argv + 2);
        }
        if (strcmp(argv[2], "tokenize") == 0) {
            return kaa_parse_tool_tokenize(argc - 2, argv + 2);
        }
    }
    fprintf(stderr, "usage: kaa-parse -m ast|tokenize [args...]\n");
    return 2;
}
