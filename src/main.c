// main.c — the kaa command line: CPython's options, environment variables and run modes.
//
//   kaa [options] file.py|file.pyc|dir [args]    kaa -c cmd [args]    kaa -m module [args]
//
// Parses the command line into kaa_sys_config, starts the runtime in order (memory, objects,
// builtins, sys, import) and runs the program; an uncaught exception becomes the exit status.
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "compile/compile.h"
#include "modules/modules.h"
#include "parse/tools.h"
#include "runtime/import.h"
#include "vm/vm.h"

#ifndef KAA_STDLIB_DIR
#define KAA_STDLIB_DIR "/usr/lib/python3.11"
#endif

static const char usage[] =
    "usage: kaa [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
    "Options:\n"
    "-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-I     : isolate kaa from the user's environment (implies -E)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-O     : remove assert and __debug__-dependent statements; add .opt-1 before\n"
    "         .pyc extension; also PYTHONOPTIMIZE=x\n"
    "-OO    : do -O changes and also discard docstrings; add .opt-2 before\n"
    "         .pyc extension\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-v     : verbose (trace import statements); also PYTHONVERBOSE=x\n"
    "-u     : force the stdout and stderr streams to be unbuffered;\n"
    "         also PYTHONUNBUFFERED=x\n"
    "-V     : print the Python version number and exit (also --version)\n"
    "-X opt : set implementation-specific option (pycache_prefix=PATH)\n"
    "--check-hash-based-pycs always|default|never:\n"
    "         control how Python invalidates hash-based .pyc files\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n";

typedef struct {
    const char *command;  // -c
    const char *module;   // -m
    const char *script;   // file, dir, or "-"
    int first_arg;        // argv index of sys.argv[0]
} RunMode;

static KAA_NORETURN void bad_usage(const char *msg, const char *arg) {
    fprintf(stderr, "%s%s\n", msg, arg);
    fprintf(stderr, "usage: kaa [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                    "Try `kaa -h' for more information.\n");
    exit(2);
}

static bool env_set(const char *name) {
    const char *v = getenv(name);
    return v != NULL && v[0] != 0;
}

static void apply_environment(KaaSysConfig *c) {
    if (c->ignore_environment) {
        return;
    }
    if (env_set("PYTHONDONTWRITEBYTECODE")) {
        c->dont_write_bytecode = true;
    }
    if (env_set("PYTHONUNBUFFERED")) {
        c->unbuffered = true;
    }
    if (env_set("PYTHONOPTIMIZE")) {
        int n = atoi(getenv("PYTHONOPTIMIZE"));
        n = n > 0 ? n : 1;
        c->optimize = c->optimize > n ? c->optimize : n;
    }
    if (env_set("PYTHONVERBOSE") && c->verbose == 0) {
        c->verbose = 1;
    }
    if (env_set("PYTHONPYCACHEPREFIX") && c->pycache_prefix == NULL) {
        c->pycache_prefix = getenv("PYTHONPYCACHEPREFIX");
    }
}

// Parses options up to the program; returns how to run it.
static RunMode parse_args(int argc, char **argv, KaaSysConfig *c) {
    RunMode mode = {NULL, NULL, NULL, argc};
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            break;
        }
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "--version") == 0) {
            printf("Python 3.11.7\n");
            exit(0);
        }
        if (strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        }
        if (strcmp(a, "--check-hash-based-pycs") == 0) {
            if (i + 1 >= argc) {
                bad_usage("Argument expected for the --check-hash-based-pycs option", "");
            }
            i++;
            continue;
        }
        if (a[1] == '-') {
            bad_usage("unknown option ", a);
        }
        for (int k = 1; a[k]; k++) {
            switch (a[k]) {
            case 'c': case 'm': {
                const char *val = a[k + 1] ? a + k + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (val == NULL) {
                    bad_usage("Argument expected for the -", a[k] == 'c' ? "c option" : "m option");
                }
                if (a[k] == 'c') {
                    mode.command = val;
                } else {
                    mode.module = val;
                }
                mode.first_arg = i;
                return mode;
            }
            case 'X': {
                const char *val = a[k + 1] ? a + k + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (val == NULL) {
                    bad_usage("Argument expected for the -X option", "");
                }
                if (strncmp(val, "pycache_prefix=", 15) == 0) {
                    c->pycache_prefix = val + 15;
                }
                goto next_arg;
            }
            case 'W': {
                if (!a[k + 1] && i + 1 < argc) {
                    i++;
                }
                goto next_arg;
            }
            case 'B': c->dont_write_bytecode = true; break;
            case 'O': c->optimize++; break;
            case 'u': c->unbuffered = true; break;
            case 'E': c->ignore_environment = 1; break;
            case 'I': c->isolated = 1; c->ignore_environment = 1; break;
            case 'q': c->quiet = 1; break;
            case 'i': c->interactive = 1; break;
            case 'v': c->verbose++; break;
            case 's': case 'S': case 'd': case 'b': case 'R': break;
            case 'V': printf("Python 3.11.7\n"); exit(0);
            case 'h': case '?': fputs(usage, stdout); exit(0);
            default: {
                char opt[3] = {'-', a[k], 0};
                fprintf(stderr, "Unknown option: %s\n", opt);
                fprintf(stderr, "usage: kaa [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                                "Try `kaa -h' for more information.\n");
                exit(2);
            }
            }
        }
    next_arg:;
    }
    if (i < argc) {
        mode.script = argv[i];
        mode.first_arg = i;
    }
    return mode;
}

static char *dir_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        return kaa_strdup("");
    }
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = kaa_alloc_atomic(n + 1);
    memcpy(d, path, n);
    d[n] = 0;
    return d;
}

static char *absolute(const char *path) {
    char buf[PATH_MAX];
    if (realpath(path, buf) != NULL) {
        return kaa_strdup(buf);
    }
    return kaa_strdup(path);
}

// kaa's own lib/ beside the build directory: build/kaa and build/<variant>/kaa both find the
// checkout's lib/ (the first of ../lib and ../../lib from the executable that exists).
static char *kaa_lib_dir(const char *exe) {
    char lib[PATH_MAX];
    struct stat st;
    for (const char *up = "/../lib"; ; up = "/../../lib") {
        snprintf(lib, sizeof lib, "%s%s", dir_of(exe), up);
        if ((stat(lib, &st) == 0 && S_ISDIR(st.st_mode)) || strcmp(up, "/../../lib") == 0) {
            break;
        }
    }
    return absolute(lib);
}

// sys.path: the script's directory, PYTHONPATH, kaa's lib/, the CPython library directory.
static void build_path(KaaSysConfig *c, const RunMode *mode, const char *exe) {
    char **path = kaa_alloc(64 * sizeof(char *));
    int n = 0;
    if (mode->script != NULL && strcmp(mode->script, "-") != 0) {
        path[n++] = dir_of(absolute(mode->script));
    } else if (mode->module != NULL) {
        char cwd[PATH_MAX];
        path[n++] = kaa_strdup(getcwd(cwd, sizeof cwd) ? cwd : ".");
    } else {
        path[n++] = kaa_strdup("");
    }
    if (c->isolated) {
        n = 0;
    }
    const char *pp = c->ignore_environment ? NULL : getenv("PYTHONPATH");
    for (const char *p = pp; p && *p && n < 48;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        if (len > 0) {
            char *e = kaa_alloc_atomic(len + 1);
            memcpy(e, p, len);
            e[len] = 0;
            path[n++] = e;
        }
        p = colon ? colon + 1 : NULL;
    }
    path[n++] = kaa_lib_dir(exe);
    const char *stdlib = getenv("KAA_STDLIB");
    path[n++] = kaa_strdup(stdlib && *stdlib ? stdlib : KAA_STDLIB_DIR);
    c->path = path;
    c->npath = n;
}

// The end of the program, as CPython's finalization: atexit callbacks (then the buffers of
// files never closed), then the standard streams.
static int finish(int status) {
    kaa_atexit_run();
    kaa_sys_flush_std_streams();
    return status;
}

static int run(const RunMode *mode) {
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        if (mode->command != NULL) {
            kaa_run_string(mode->command, "<string>");
        } else if (mode->module != NULL) {
            kaa_run_module(mode->module);
        } else if (mode->script != NULL && strcmp(mode->script, "-") != 0) {
            kaa_run_path(mode->script);
        } else {
            kaa_run_path("/dev/stdin");
        }
        kaa_handler_pop(&h);
        return finish(0);
    }
    return finish(kaa_handle_uncaught(h.exc));
}

static int run_script_error(const RunMode *mode, const char *exe) {
    if (mode->script == NULL || strcmp(mode->script, "-") == 0) {
        return -1;
    }
    if (access(mode->script, R_OK) != 0) {
        fprintf(stderr, "%s: can't open file '%s': [Errno 2] No such file or directory\n", exe,
                absolute(mode->script));
        return 2;
    }
    return -1;
}

int main(int argc, char **argv) {
    kaa_alloc_init();
    kaa_state_init();
    kaa_frame_stack_init();
    KaaSysConfig *c = &kaa_sys_config;
    RunMode mode = parse_args(argc, argv, c);
    apply_environment(c);
    // The front-end tools are served by kaa's own tokenizer and parser.
    if (mode.module != NULL && strcmp(mode.module, "ast") == 0) {
        return kaa_parse_tool_ast(argc - mode.first_arg, argv + mode.first_arg);
    }
    if (mode.module != NULL && strcmp(mode.module, "tokenize") == 0) {
        return kaa_parse_tool_tokenize(argc - mode.first_arg, argv + mode.first_arg);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    c->executable = kaa_strdup(exe);
    c->prefix = dir_of(dir_of(exe));
    c->orig_argc = argc;
    c->orig_argv = argv;
    c->argc = argc - mode.first_arg;
    c->argv = argv + mode.first_arg;
    static char *no_args[] = {""};
    static char *dash_c[] = {"-c"};
    if (c->argc == 0) {
        c->argc = 1;
        c->argv = no_args;
    } else if (mode.command != NULL) {
        c->argv[0] = dash_c[0];
    } else if (mode.module != NULL) {
        c->argv[0] = kaa_strdup(absolute(mode.module));
    }
    kaa_optimize_flag = c->optimize;
    build_path(c, &mode, exe);
    int err = run_script_error(&mode, argv[0]);
    if (err >= 0) {
        return err;
    }
    kaa_objects_init();
    kaa_import_init();
    kaa_vm_init();
    kaa_sys_init();
    // As CPython: a closed pipe is an OSError (EPIPE), not a silent death; Ctrl-C raises
    // KeyboardInterrupt, and when that goes uncaught the process ends by SIGINT.
    signal(SIGPIPE, SIG_IGN);
    kaa_signal_install_default();
    int status = run(&mode);
    if (status == KAA_EXIT_SIGINT) {
        signal(SIGINT, SIG_DFL);
        raise(SIGINT);
        status = 130;
    }
    return status;
}
