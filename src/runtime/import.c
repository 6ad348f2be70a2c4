// runtime/import.c — the import system.
//
// Stage: runtime. Implements __import__: relative names, packages (__init__.py and PEP 420
// namespace directories), built-in modules, source modules with the bytecode cache
// (__pycache__/<mod>.kaa-311.pyc, checked against the source's mtime and size), and the
// fromlist. Module bodies run in the VM. It also runs the main script.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile/compile.h"
#include "modules/modules.h"
#include "pyc/pyc.h"
#include "runtime/import.h"
#include "vm/vm.h"

static KaaDict *modules;  // sys.modules

void kaa_import_init(void) { modules = kaa_dict_new(); }

KaaDict *kaa_import_modules(void) { return modules; }

KaaValue kaa_import_sys_attr(const char *name) {
    KaaValue sys = kaa_dict_get_cstr(modules, "sys");
    if (sys == KAA_NULL) {
        return KAA_NULL;
    }
    return kaa_getattr_opt(sys, kaa_str_intern_cstr(name));
}

static KAA_NORETURN void not_found(KaaValue fullname, KaaValue msg) {
    KaaValue args[1] = {msg};
    KaaValue exc = kaa_exc_new(kaa_ModuleNotFoundError, args, 1);
    kaa_exc_set_attr(exc, "name", fullname);
    kaa_raise(exc);
}

// ---- files ------------------------------------------------------------------------------------

static char *join_path(const char *dir, const char *name) {
    size_t a = strlen(dir), b = strlen(name);
    char *p = kaa_alloc_atomic(a + b + 2);
    memcpy(p, dir, a);
    size_t at = a;
    if (a > 0 && dir[a - 1] != '/') {
        p[at++] = '/';
    }
    memcpy(p + at, name, b + 1);
    return p;
}

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

// Reads a whole file into collector memory; NULL with errno set on failure.
static char *read_file(const char *path, size_t *len_out) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return NULL;
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, len = 0;
    char *buf = kaa_alloc_atomic(cap + 1);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            char *nb = kaa_alloc_atomic(cap + 1);
            memcpy(nb, buf, len);
            buf = nb;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (n < 0) {
                int e = errno;
                close(fd);
                errno = e;
                return NULL;
            }
            break;
        }
        len += (size_t)n;
    }
    close(fd);
    buf[len] = 0;
    *len_out = len;
    return buf;
}

// ---- code from source, through the cache --------------------------------------------------------

static bool dont_write_bytecode(void) {
    KaaValue v = kaa_import_sys_attr("dont_write_bytecode");
    return v != KAA_NULL && kaa_truthy(v);
}

KaaCode *kaa_import_get_code(const char *path, bool use_cache) {
    struct stat st;
    if (stat(path, &st) != 0) {
        kaa_raise_os_error(errno, kaa_str_from_cstr(path));
    }
    char *cache = use_cache ? kaa_pyc_cache_path(path, kaa_optimize_flag) : NULL;
    bool verbose = kaa_sys_config.verbose > 0;
    if (cache != NULL) {
        KaaCode *code = kaa_pyc_read_cached(cache, (int64_t)st.st_mtime, (int64_t)st.st_size);
        if (code != NULL) {
            if (verbose) {
                fprintf(stderr, "# %s matches %s\n# code object from '%s'\n", cache, path,
                        cache);
            }
            return code;
        }
    }
    size_t len;
    char *src = read_file(path, &len);
    if (src == NULL) {
        kaa_raise_os_error(errno, kaa_str_from_cstr(path));
    }
    KaaCode *code = kaa_compile_source(src, len, kaa_str_from_cstr(path), KAA_PARSE_EXEC, 0, -1);
    if (verbose) {
        fprintf(stderr, "# code object from '%s'\n", path);
    }
    if (cache != NULL && !dont_write_bytecode()) {
        if (kaa_pyc_write(cache, code, (int64_t)st.st_mtime, (int64_t)st.st_size, st.st_mode) &&
            verbose) {
            fprintf(stderr, "# created '%s'\n", cache);
        }
    }
    return code;
}

// ---- loading modules ----------------------------------------------------------------------------

static void exec_module(KaaValue fullname, KaaValue module, KaaCode *code) {
    KaaDict *d = ((KaaModule *)kaa_obj(module))->dict;
    kaa_dict_set(modules, fullname, module);
    KaaHandler h;
    kaa_handler_push(&h);
    if (setjmp(h.buf) == 0) {
        kaa_eval_code(code, d, KAA_NULL);
        kaa_handler_pop(&h);
        return;
    }
    kaa_dict_del(modules, fullname);
    kaa_reraise(h.exc);
}

static KaaValue new_module(KaaValue fullname, const char *file, bool package, const char *pkgdir) {
    KaaValue module = kaa_module_new(fullname);
    KaaDict *d = ((KaaModule *)kaa_obj(module))->dict;
    kaa_dict_set(d, KAA_ID(__builtins__), kaa_builtins_module);
    if (file != NULL) {
        kaa_dict_set(d, KAA_ID(__file__), kaa_str_from_cstr(file));
        char *cache = kaa_pyc_cache_path(file, kaa_optimize_flag);
        kaa_dict_set(d, KAA_ID(__cached__), cache ? kaa_str_from_cstr(cache) : kaa_None);
    }
    KaaStr *fn = kaa_str(fullname);
    size_t dot = fn->len;
    while (dot > 0 && kaa_str_char(fn, dot - 1) != '.') {
        dot--;
    }
    KaaValue pkg = package ? fullname : kaa_str_substr(fullname, 0, dot > 0 ? dot - 1 : 0);
    kaa_dict_set(d, KAA_ID(__package__), pkg);
    if (package) {
        KaaList *path = kaa_list_new(0);
        kaa_list_append(path, kaa_str_from_cstr(pkgdir));
        kaa_dict_set(d, KAA_ID(__path__), kaa_from_obj(path));
    }
    return module;
}

static KaaValue load_source(KaaValue fullname, const char *file, bool package,
                            const char *pkgdir) {
    KaaValue module = new_module(fullname, file, package, pkgdir);
    KaaCode *code = kaa_import_get_code(file, true);
    exec_module(fullname, module, code);
    KaaValue m = kaa_dict_get(modules, fullname);
    return m != KAA_NULL ? m : module;
}

static KaaValue load_sourceless(KaaValue fullname, const char *file) {
    KaaValue module = new_module(fullname, file, false, NULL);
    kaa_dict_set(((KaaModule *)kaa_obj(module))->dict, KAA_ID(__cached__), kaa_None);
    exec_module(fullname, module, kaa_pyc_load_file(file));
    KaaValue m = kaa_dict_get(modules, fullname);
    return m != KAA_NULL ? m : module;
}

static KaaValue load_builtin(KaaValue fullname, KaaModuleInit init) {
    KaaValue module = init();
    kaa_dict_set(modules, fullname, module);
    return module;
}

static KaaValue load_namespace(KaaValue fullname, KaaList *portions) {
    KaaValue module = kaa_module_new(fullname);
    KaaDict *d = ((KaaModule *)kaa_obj(module))->dict;
    kaa_dict_set(d, KAA_ID(__path__), kaa_from_obj(portions));
    kaa_dict_set(d, KAA_ID(__package__), fullname);
    kaa_dict_set(d, KAA_ID(__file__), kaa_None);
    kaa_dict_set(modules, fullname, module);
    return module;
}

// Searches the directories of `path` (sys.path or a package's __path__) for `name`.
static KaaValue find_and_load(KaaValue fullname, const char *name, KaaValue path) {
    KaaList *portions = NULL;
    KaaValue it = kaa_iter(path);
    for (KaaValue entry; (entry = kaa_next(it)) != KAA_NULL;) {
        if (!kaa_is_str(entry)) {
            continue;
        }
        const char *dir = kaa_str_utf8(entry, NULL);
        if (dir[0] == 0) {
            dir = ".";
        }
        char *pkgdir = join_path(dir, name);
        if (is_dir(pkgdir)) {
            char *init = join_path(pkgdir, "__init__.py");
            if (is_file(init)) {
                return load_source(fullname, init, true, pkgdir);
            }
        }
        char file[4096];
        snprintf(file, sizeof file, "%s.py", pkgdir);
        if (is_file(file)) {
            return load_source(fullname, kaa_strdup(file), false, NULL);
        }
        snprintf(file, sizeof file, "%s.pyc", pkgdir);
        if (is_file(file)) {
            return load_sourceless(fullname, kaa_strdup(file));
        }
        if (is_dir(pkgdir)) {
            if (portions == NULL) {
                portions = kaa_list_new(0);
            }
            kaa_list_append(portions, kaa_str_from_cstr(pkgdir));
        }
    }
    if (portions != NULL) {
        return load_namespace(fullname, portions);
    }
    not_found(fullname, kaa_str_printf("No module named %R", fullname));
}

static KaaValue import_dotted(KaaValue fullname);

static KaaValue cached_module(KaaValue fullname) {
    KaaValue m = kaa_dict_get(modules, fullname);
    if (m == kaa_None) {
        not_found(fullname, kaa_str_printf("import of %S halted; None in sys.modules", fullname));
    }
    return m;
}

static KaaValue import_dotted(KaaValue fullname) {
    KaaValue m = cached_module(fullname);
    if (m != KAA_NULL) {
        return m;
    }
    KaaStr *fn = kaa_str(fullname);
    size_t dot = fn->len;
    while (dot > 0 && kaa_str_char(fn, dot - 1) != '.') {
        dot--;
    }
    if (dot == 0) {
        const char *cname = kaa_str_utf8(fullname, NULL);
        KaaModuleInit init = kaa_modules_find(cname);
        if (init != NULL) {
            return load_builtin(fullname, init);
        }
        KaaValue path = kaa_import_sys_attr("path");
        if (path == KAA_NULL) {
            kaa_raise_msg(kaa_ImportError, "sys.path is not set");
        }
        return find_and_load(fullname, cname, path);
    }
    KaaValue parent_name = kaa_str_substr(fullname, 0, dot - 1);
    KaaValue parent = import_dotted(parent_name);
    m = cached_module(fullname);  // importing the parent may have imported it
    if (m != KAA_NULL) {
        return m;
    }
    KaaValue path = kaa_getattr_opt(parent, KAA_ID(__path__));
    if (path == KAA_NULL) {
        not_found(fullname, kaa_str_printf("No module named %R; %R is not a package", fullname,
                                           parent_name));
    }
    KaaValue child = kaa_str_substr(fullname, dot, fn->len);
    m = find_and_load(fullname, kaa_str_utf8(child, NULL), path);
    kaa_setattr(parent, kaa_str_intern(child), m);
    return m;
}

// The package a relative import starts from, from the importing module's globals.
static KaaValue resolve_package(KaaDict *globals, int level) {
    KaaValue package = globals ? kaa_dict_get_str(globals, KAA_ID(__package__)) : KAA_NULL;
    if (package == KAA_NULL || package == kaa_None) {
        KaaValue name = globals ? kaa_dict_get_str(globals, KAA_ID(__name__)) : KAA_NULL;
        if (name == KAA_NULL || !kaa_is_str(name)) {
            kaa_raise_msg(kaa_ImportError, "attempted relative import with no known parent "
                                           "package");
        }
        package = name;
        if (kaa_dict_get_str(globals, KAA_ID(__path__)) == KAA_NULL) {
            KaaStr *n = kaa_str(name);
            size_t dot = n->len;
            while (dot > 0 && kaa_str_char(n, dot - 1) != '.') {
                dot--;
            }
            package = kaa_str_substr(name, 0, dot > 0 ? dot - 1 : 0);
        }
    } else if (!kaa_is_str(package)) {
        kaa_raise_type_error("package must be a string");
    }
    if (kaa_str(package)->len == 0) {
        kaa_raise_msg(kaa_ImportError, "attempted relative import with no known parent package");
    }
    KaaStr *p = kaa_str(package);
    size_t end = p->len;
    for (int i = 1; i < level; i++) {
        while (end > 0 && kaa_str_char(p, end - 1) != '.') {
            end--;
        }
        if (end == 0) {
            kaa_raise_msg(kaa_ImportError, "attempted relative import beyond top-level package");
        }
        end--;
    }
    return kaa_str_substr(package, 0, end);
}

static void handle_fromlist(KaaValue module, KaaValue fullname, KaaValue fromlist) {
    if (kaa_getattr_opt(module, KAA_ID(__path__)) == KAA_NULL) {
        return;
    }
    KaaValue it = kaa_iter(fromlist);
    for (KaaValue x; (x = kaa_next(it)) != KAA_NULL;) {
        if (!kaa_is_str(x)) {
            kaa_raise_type_error("Item in %S.__all__ must be str, not %s", fullname,
                                 kaa_type_name_of(x));
        }
        if (kaa_str_eq_cstr(x, "*")) {
            KaaValue all = kaa_getattr_opt(module, KAA_ID(__all__));
            if (all != KAA_NULL) {
                handle_fromlist(module, fullname, all);
            }
            continue;
        }
        if (kaa_getattr_opt(module, kaa_str_intern(x)) != KAA_NULL) {
            continue;
        }
        KaaValue sub = kaa_str_concat(kaa_str_concat(fullname, kaa_str_from_cstr(".")), x);
        KaaHandler h;
        kaa_handler_push(&h);
        if (setjmp(h.buf) == 0) {
            import_dotted(sub);
            kaa_handler_pop(&h);
        } else {
            // A missing submodule is not an error here: the name may be looked up later.
            KaaValue name = kaa_exc_attr(h.exc, "name");
            if (!kaa_exc_matches(h.exc, kaa_ModuleNotFoundError) || name == KAA_NULL ||
                !kaa_is_str(name) || !kaa_str_eq(name, sub)) {
                kaa_reraise(h.exc);
            }
        }
    }
}

KaaValue kaa_import(KaaValue name, KaaDict *globals, KaaValue fromlist, int level) {
    if (!kaa_is_str(name)) {
        kaa_raise_type_error("module name must be str, not %s", kaa_type_name_of(name));
    }
    if (level < 0) {
        kaa_raise_value_error("level must be >= 0");
    }
    KaaValue fullname = name;
    if (level > 0) {
        KaaValue package = resolve_package(globals, level);
        fullname = kaa_str(name)->len == 0
                       ? package
                       : kaa_str_concat(kaa_str_concat(package, kaa_str_from_cstr(".")), name);
    } else if (kaa_str(name)->len == 0) {
        kaa_raise_value_error("Empty module name");
    }
    KaaValue module = import_dotted(fullname);
    bool has_fromlist = fromlist != KAA_NULL && fromlist != kaa_None && kaa_truthy(fromlist);
    if (has_fromlist) {
        handle_fromlist(module, fullname, fromlist);
        return module;
    }
    // `import a.b.c` binds `a`: the module named by the first component of name.
    KaaStr *n = kaa_str(name);
    size_t first = 0;
    while (first < n->len && kaa_str_char(n, first) != '.') {
        first++;
    }
    if (first == n->len) {
        return module;
    }
    if (level == 0) {
        return kaa_dict_get(modules, kaa_str_substr(name, 0, first));
    }
    KaaStr *f = kaa_str(fullname);
    size_t cut = f->len - (n->len - first);
    return kaa_dict_get(modules, kaa_str_substr(fullname, 0, cut));
}

KaaValue kaa_import_module_cstr(const char *name) {
    return import_dotted(kaa_str_from_cstr(name));
}

KaaValue kaa_import_from_fallback(KaaValue module, KaaValue name) {
    KaaValue pkgname = kaa_getattr_opt(module, KAA_ID(__name__));
    if (pkgname != KAA_NULL && kaa_is_str(pkgname)) {
        KaaValue full = kaa_str_concat(kaa_str_concat(pkgname, kaa_str_from_cstr(".")), name);
        KaaValue m = kaa_dict_get(modules, full);
        if (m != KAA_NULL) {
            return m;
        }
    }
    KaaValue file = kaa_getattr_opt(module, KAA_ID(__file__));
    KaaValue msg;
    if (pkgname == KAA_NULL || !kaa_is_str(pkgname)) {
        msg = kaa_str_printf("cannot import name %R from '<unknown module name>' (unknown "
                             "location)", name);
    } else if (file != KAA_NULL && kaa_is_str(file)) {
        msg = kaa_str_printf("cannot import name %R from %R (%S)", name, pkgname, file);
    } else {
        msg = kaa_str_printf("cannot import name %R from %R (unknown location)", name, pkgname);
    }
    KaaValue exc = kaa_exc_new_msg(kaa_ImportError, msg);
    kaa_exc_set_attr(exc, "name", pkgname ? pkgname : kaa_None);
    kaa_exc_set_attr(exc, "path", file ? file : kaa_None);
    kaa_raise(exc);
}

// ---- running programs ---------------------------------------------------------------------------

static KaaDict *main_dict(const char *file) {
    KaaValue main = kaa_module_new_cstr("__main__");
    KaaDict *d = ((KaaModule *)kaa_obj(main))->dict;
    kaa_dict_set(d, KAA_ID(__builtins__), kaa_builtins_module);
    kaa_dict_set(d, KAA_ID(__annotations__), kaa_from_obj(kaa_dict_new()));
    if (file != NULL) {
        kaa_dict_set(d, KAA_ID(__file__), kaa_str_from_cstr(file));
        kaa_dict_set(d, KAA_ID(__cached__), kaa_None);
    }
    kaa_dict_set(modules, KAA_ID(__main__), main);
    return d;
}

static bool has_pyc_magic(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return false;
    }
    unsigned char b[2];
    bool r = fread(b, 1, 2, f) == 2 && b[0] == (KAA_PYC_MAGIC_NUMBER & 0xFF) &&
             b[1] == (KAA_PYC_MAGIC_NUMBER >> 8);
    fclose(f);
    return r;
}

// The script's path as __file__ and tracebacks show it: joined to the working directory when
// relative, without normalising (CPython 3.9+ does the same).
static const char *script_path(const char *path) {
    char cwd[4096];
    if (path[0] == '/' || strcmp(path, "/dev/stdin") == 0 || getcwd(cwd, sizeof cwd) == NULL) {
        return path;
    }
    return join_path(cwd, path);
}

void kaa_run_path(const char *path) {
    path = script_path(path);
    if (is_dir(path)) {
        char *main = join_path(path, "__main__.py");
        if (!is_file(main)) {
            kaa_raise_msg(kaa_ImportError, "can't find '__main__' module in %R",
                          kaa_str_from_cstr(path));
        }
        path = main;
    }
    size_t n = strlen(path);
    KaaCode *code;
    if ((n > 4 && strcmp(path + n - 4, ".pyc") == 0) || has_pyc_magic(path)) {
        code = kaa_pyc_load_file(path);
    } else {
        code = kaa_import_get_code(path, false);
    }
    kaa_eval_code(code, main_dict(path), KAA_NULL);
}

void kaa_run_string(const char *source, const char *filename) {
    KaaCode *code = kaa_compile_source(source, strlen(source), kaa_str_from_cstr(filename),
                                       KAA_PARSE_EXEC, 0, -1);
    kaa_eval_code(code, main_dict(NULL), KAA_NULL);
}

// Under -m, sys.argv[0] becomes the full path of the file that runs, as in CPython.
static void set_argv0(const char *file) {
    KaaValue argv = kaa_import_sys_attr("argv");
    if (argv == KAA_NULL || !kaa_is_list(argv) || kaa_list(argv)->len == 0) {
        return;
    }
    char full[PATH_MAX];
    kaa_list(argv)->items[0] = kaa_str_from_cstr(realpath(file, full) ? full : file);
}

void kaa_run_module(const char *name) {
    KaaValue fullname = kaa_str_from_cstr(name);
    KaaStr *fn = kaa_str(fullname);
    size_t dot = fn->len;
    while (dot > 0 && kaa_str_char(fn, dot - 1) != '.') {
        dot--;
    }
    KaaValue path;
    if (dot > 0) {
        KaaValue parent = import_dotted(kaa_str_substr(fullname, 0, dot - 1));
        path = kaa_getattr(parent, KAA_ID(__path__));
    } else {
        path = kaa_import_sys_attr("path");
    }
    const char *leaf = kaa_str_utf8(kaa_str_substr(fullname, dot, fn->len), NULL);
    KaaValue it = kaa_iter(path);
    for (KaaValue entry; (entry = kaa_next(it)) != KAA_NULL;) {
        if (!kaa_is_str(entry)) {
            continue;
        }
        const char *dir = kaa_str_utf8(entry, NULL);
        char *base = join_path(dir[0] ? dir : ".", leaf);
        char *pkg_main = join_path(base, "__main__.py");
        if (is_dir(base) && is_file(join_path(base, "__init__.py")) && is_file(pkg_main)) {
            import_dotted(fullname);
            KaaDict *d = main_dict(pkg_main);
            kaa_dict_set(d, KAA_ID(__package__), fullname);
            set_argv0(pkg_main);
            kaa_eval_code(kaa_import_get_code(pkg_main, true), d, KAA_NULL);
            return;
        }
        char file[4096];
        snprintf(file, sizeof file, "%s.py", base);
        if (is_file(file)) {
            KaaDict *d = main_dict(file);
            kaa_dict_set(d, KAA_ID(__package__),
                         dot > 0 ? kaa_str_substr(fullname, 0, dot - 1) : kaa_str_from_cstr(""));
            set_argv0(file);
            kaa_eval_code(kaa_import_get_code(file, true), d, KAA_NULL);
            return;
        }
    }
    KaaValue exc = kaa_exc_new_msg(kaa_ModuleNotFoundError,
                                   kaa_str_printf("No module named %R", fullname));
    kaa_raise(exc);
}
