// parse/ast_dump.h — the text of ast.dump().
//
// Stage: parse (tools). Gives exactly what CPython 3.11's ast.dump(node, include_attributes,
// indent=N) returns for a tree made by kaa_parse.
#ifndef KAA_PARSE_AST_DUMP_H
#define KAA_PARSE_AST_DUMP_H

#include <stddef.h>

#include "parse/ast.h"

// Returns the dump (malloc'd, NUL-terminated, *len bytes), or NULL where CPython's dump fails:
// a tree too deep for its recursion limit, or an int with more than 4300 digits.
char *kaa_ast_dump(const KaaAst *node, int include_attributes, int indent, size_t *len);

#endif
