// parse/tools.h — the front end's command-line tools: `-m ast` and `-m tokenize`.
//
// Stage: parse (tools). kaa's main program dispatches `kaa -m ast ARGS...` and
// `kaa -m tokenize ARGS...` here. argv[0] is the module name and argv[1..] the arguments after
// it; each function behaves like `python3 -m ast` / `python3 -m tokenize` with those arguments
// (same options, same stdout byte for byte, stdin when no file is given, CPython's error text
// on stderr) and returns the process exit status.
#ifndef KAA_PARSE_TOOLS_H
#define KAA_PARSE_TOOLS_H

int kaa_parse_tool_ast(int argc, char **argv);
int kaa_parse_tool_tokenize(int argc, char **argv);

#endif
