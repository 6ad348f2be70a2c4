"""Import and bytecode-cache behaviour of kaa, checked through its command line.

Each check runs kaa in a fresh temporary directory and prints "PASS name" or
"FAIL name: why" (the format tests/run counts). Run by CPython: python3 THIS --kaa build/kaa
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

KAA = None
RESULTS = []


def check(name):
    def wrap(fn):
        RESULTS.append((name, fn))
        return fn
    return wrap


def kaa(args, cwd, env_extra=None, keep_dont_write=False):
    env = dict(os.environ)
    if not keep_dont_write:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(env_extra or {})
    return subprocess.run([KAA] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=env, timeout=60, text=True)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def expect(cond, why):
    if not cond:
        raise AssertionError(why)


MAIN = "import mod\nprint(mod.value())\n"
MOD = "def value():\n    return 'v1'\n"
PYC = os.path.join("__pycache__", "mod.kaa-311.pyc")


def project(tmp):
    write(os.path.join(tmp, "main.py"), MAIN)
    write(os.path.join(tmp, "mod.py"), MOD)


@check("first import writes __pycache__/mod.kaa-311.pyc")
def _(tmp):
    project(tmp)
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "v1\n", "output %r, stderr %r" % (r.stdout, r.stderr))
    expect(os.path.exists(os.path.join(tmp, PYC)), "no pyc")
    expect(not os.path.exists(os.path.join(tmp, "__pycache__", "main.kaa-311.pyc")),
           "the main script was cached")


@check("pyc header: kaa magic, flags 0, source mtime and size")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    with open(os.path.join(tmp, PYC), "rb") as f:
        header = f.read(16)
    st = os.stat(os.path.join(tmp, "mod.py"))
    expect(header[2:4] == b"\r\n", "magic does not end with \\r\\n")
    expect(0x80 <= header[0] <= 0xBF, "magic's first byte %#x" % header[0])
    expect(header[:4] != b"\xa7\x0d\x0d\x0a", "CPython's magic")
    expect(int.from_bytes(header[4:8], "little") == 0, "flags")
    expect(int.from_bytes(header[8:12], "little") == int(st.st_mtime) & 0xFFFFFFFF, "mtime")
    expect(int.from_bytes(header[12:16], "little") == st.st_size & 0xFFFFFFFF, "size")


@check("second run reuses the pyc without compiling")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    before = os.stat(os.path.join(tmp, PYC)).st_mtime_ns
    time.sleep(0.05)
    r = kaa(["-v", "main.py"], tmp)
    expect(r.stdout == "v1\n", "output %r" % r.stdout)
    expect("matches" in r.stderr and "code object from '%s'" % os.path.join(tmp, PYC)
           in r.stderr, "not loaded from the cache: %r" % r.stderr)
    expect("created" not in r.stderr, "rewritten: %r" % r.stderr)
    expect(os.stat(os.path.join(tmp, PYC)).st_mtime_ns == before, "pyc rewritten")


@check("an edited source is recompiled and the pyc rewritten")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    write(os.path.join(tmp, "mod.py"), "def value():\n    return 'v2, changed'\n")
    r = kaa(["-v", "main.py"], tmp)
    expect(r.stdout == "v2, changed\n", "stale code ran: %r" % r.stdout)
    expect("created" in r.stderr, "not rewritten: %r" % r.stderr)
    with open(os.path.join(tmp, PYC), "rb") as f:
        header = f.read(16)
    expect(int.from_bytes(header[12:16], "little") == os.path.getsize(
        os.path.join(tmp, "mod.py")), "header size not updated")


@check("same size, new mtime: recompiled")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    write(os.path.join(tmp, "mod.py"), MOD.replace("v1", "v9"))
    st = os.stat(os.path.join(tmp, "mod.py"))
    os.utime(os.path.join(tmp, "mod.py"), (st.st_atime, st.st_mtime + 10))
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "v9\n", "stale code ran: %r" % r.stdout)


@check("-B writes no pyc")
def _(tmp):
    project(tmp)
    r = kaa(["-B", "main.py"], tmp)
    expect(r.stdout == "v1\n", "output %r" % r.stdout)
    expect(not os.path.exists(os.path.join(tmp, "__pycache__")), "__pycache__ created")


@check("PYTHONDONTWRITEBYTECODE writes no pyc")
def _(tmp):
    project(tmp)
    r = kaa(["main.py"], tmp, {"PYTHONDONTWRITEBYTECODE": "1"})
    expect(r.stdout == "v1\n", "output %r" % r.stdout)
    expect(not os.path.exists(os.path.join(tmp, "__pycache__")), "__pycache__ created")


@check("sys.dont_write_bytecode reflects -B")
def _(tmp):
    r = kaa(["-B", "-c", "import sys; print(sys.dont_write_bytecode)"], tmp)
    expect(r.stdout == "True\n", "got %r" % r.stdout)
    r = kaa(["-c", "import sys; print(sys.dont_write_bytecode)"], tmp)
    expect(r.stdout == "False\n", "got %r" % r.stdout)


@check("unwritable directory: runs without a cache, no error")
def _(tmp):
    if os.geteuid() == 0:
        # root ignores directory permissions: make __pycache__ a file instead.
        project(tmp)
        write(os.path.join(tmp, "__pycache__"), "not a directory")
    else:
        project(tmp)
        os.chmod(tmp, stat.S_IRUSR | stat.S_IXUSR)
    try:
        r = kaa(["main.py"], tmp)
        expect(r.returncode == 0 and r.stdout == "v1\n", "failed: %r %r" % (r.stdout, r.stderr))
        expect(r.stderr == "", "stderr: %r" % r.stderr)
    finally:
        os.chmod(tmp, stat.S_IRWXU)


@check("a corrupt pyc is ignored and rewritten")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    path = os.path.join(tmp, PYC)
    with open(path, "r+b") as f:
        data = f.read()
        f.seek(16)
        f.write(b"\xff" * (len(data) - 16))
    r = kaa(["main.py"], tmp)
    expect(r.returncode == 0 and r.stdout == "v1\n", "failed: %r %r" % (r.stdout, r.stderr))
    with open(path, "rb") as f:
        expect(f.read() == data, "not rewritten")


@check("a pyc with a wrong magic is ignored and rewritten")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    path = os.path.join(tmp, PYC)
    with open(path, "r+b") as f:
        f.write(b"\xa7\x0d\x0d\x0a")
    r = kaa(["main.py"], tmp)
    expect(r.returncode == 0 and r.stdout == "v1\n", "failed: %r %r" % (r.stdout, r.stderr))
    with open(path, "rb") as f:
        expect(f.read(2) != b"\xa7\x0d", "not rewritten")


@check("a truncated pyc is ignored")
def _(tmp):
    project(tmp)
    kaa(["main.py"], tmp)
    path = os.path.join(tmp, PYC)
    with open(path, "r+b") as f:
        f.truncate(20)
    r = kaa(["main.py"], tmp)
    expect(r.returncode == 0 and r.stdout == "v1\n", "failed: %r %r" % (r.stdout, r.stderr))


@check("import pkg.sub, from pkg import name, relative imports")
def _(tmp):
    write(os.path.join(tmp, "pkg", "__init__.py"), "from .a import A\nfrom . import b\n")
    write(os.path.join(tmp, "pkg", "a.py"), "A = 'a'\n")
    write(os.path.join(tmp, "pkg", "b.py"), "from .a import A\nB = A + 'b'\n")
    write(os.path.join(tmp, "pkg", "sub", "__init__.py"), "from ..b import B\nS = B + 's'\n")
    write(os.path.join(tmp, "main.py"),
          "import pkg.sub\nfrom pkg import A, b\nfrom pkg.sub import S\n"
          "print(pkg.A, b.B, pkg.sub.S, S)\nprint(pkg.__name__, pkg.sub.__package__)\n")
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "a ab abs abs\npkg pkg.sub\n", "got %r %r" % (r.stdout, r.stderr))
    for p in ["pkg/__pycache__/__init__.kaa-311.pyc", "pkg/__pycache__/a.kaa-311.pyc",
              "pkg/sub/__pycache__/__init__.kaa-311.pyc"]:
        expect(os.path.exists(os.path.join(tmp, p)), "missing " + p)


@check("modules found on sys.path and PYTHONPATH")
def _(tmp):
    write(os.path.join(tmp, "lib", "helper.py"), "X = 7\n")
    write(os.path.join(tmp, "main.py"), "import sys\nsys.path.append('lib')\nimport helper\n"
                                        "print(helper.X)\n")
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "7\n", "sys.path: %r %r" % (r.stdout, r.stderr))
    write(os.path.join(tmp, "main2.py"), "import helper\nprint(helper.X * 2)\n")
    r = kaa(["main2.py"], tmp, {"PYTHONPATH": os.path.join(tmp, "lib")})
    expect(r.stdout == "14\n", "PYTHONPATH: %r %r" % (r.stdout, r.stderr))


@check("a module is executed once; sys.modules holds it")
def _(tmp):
    write(os.path.join(tmp, "once.py"), "print('executing once')\n")
    write(os.path.join(tmp, "main.py"), "import once\nimport once\nimport sys\n"
                                        "print('once' in sys.modules, sys.modules['once'] is once)\n")
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "executing once\nTrue True\n", "got %r" % r.stdout)


@check("ImportError and ModuleNotFoundError messages")
def _(tmp):
    write(os.path.join(tmp, "m.py"), "x = 1\n")
    write(os.path.join(tmp, "main.py"),
          "try:\n    import nosuchmodule\nexcept ModuleNotFoundError as e:\n"
          "    print(type(e).__name__, e, e.name)\n"
          "try:\n    from m import y\nexcept ImportError as e:\n    print(type(e).__name__, e.name)\n")
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "ModuleNotFoundError No module named 'nosuchmodule' nosuchmodule\n"
                       "ImportError m\n", "got %r %r" % (r.stdout, r.stderr))


@check("an exception while importing leaves no half-made module in sys.modules")
def _(tmp):
    write(os.path.join(tmp, "bad.py"), "x = 1\nraise ValueError('broken')\n")
    write(os.path.join(tmp, "main.py"),
          "import sys\ntry:\n    import bad\nexcept ValueError as e:\n    print('caught', e)\n"
          "print('bad' in sys.modules)\n")
    r = kaa(["main.py"], tmp)
    expect(r.stdout == "caught broken\nFalse\n", "got %r %r" % (r.stdout, r.stderr))


@check("uncaught exception: traceback on stderr, exit status 1")
def _(tmp):
    write(os.path.join(tmp, "main.py"), "def f():\n    raise KeyError('k')\n\ndef g():\n    f()\n\ng()\n")
    r = kaa(["main.py"], tmp)
    want = ('Traceback (most recent call last):\n'
            '  File "%s", line 7, in <module>\n    g()\n'
            '  File "%s", line 5, in g\n    f()\n'
            '  File "%s", line 2, in f\n    raise KeyError(\'k\')\n'
            "KeyError: 'k'\n") % ((os.path.join(tmp, "main.py"),) * 3)
    expect(r.returncode == 1, "status %d" % r.returncode)
    expect(r.stderr == want, "stderr %r" % r.stderr)


@check("sys.exit(n) exits with n; sys.exit('msg') prints and exits 1")
def _(tmp):
    r = kaa(["-c", "import sys; sys.exit(7)"], tmp)
    expect(r.returncode == 7, "status %d" % r.returncode)
    r = kaa(["-c", "import sys; sys.exit('bye')"], tmp)
    expect(r.returncode == 1 and r.stderr == "bye\n", "got %d %r" % (r.returncode, r.stderr))
    r = kaa(["-c", "raise SystemExit"], tmp)
    expect(r.returncode == 0, "status %d" % r.returncode)


@check("runaway recursion raises RecursionError, never crashes")
def _(tmp):
    r = kaa(["-c", "def f(n): return f(n + 1)\nf(0)"], tmp)
    expect(r.returncode == 1, "status %d" % r.returncode)
    expect(r.stderr.rstrip().endswith("RecursionError: maximum recursion depth exceeded"),
           "stderr ends %r" % r.stderr[-200:])
    r = kaa(["-c", "import sys\nsys.setrecursionlimit(10**6)\n"
                   "class A:\n    def __add__(self, o): return self + o\n"
                   "try:\n    A() + 1\nexcept RecursionError:\n    print('caught')"], tmp)
    expect(r.returncode == 0 and r.stdout == "caught\n",
           "deep C recursion: %d %r %r" % (r.returncode, r.stdout, r.stderr[-300:]))


@check("a .pyc runs directly: kaa __pycache__/mod.kaa-311.pyc")
def _(tmp):
    write(os.path.join(tmp, "mod.py"), "print('from pyc', __name__)\n")
    kaa(["-c", "import mod"], tmp)
    r = kaa([PYC], tmp)
    expect(r.stdout == "from pyc __main__\n", "got %r %r" % (r.stdout, r.stderr))


def main():
    global KAA
    ap = argparse.ArgumentParser()
    ap.add_argument("--kaa", required=True)
    KAA = os.path.abspath(ap.parse_args().kaa)
    for name, fn in RESULTS:
        tmp = tempfile.mkdtemp(prefix="kaa-cache-")
        try:
            fn(tmp)
            print("PASS " + name)
        except AssertionError as e:
            print("FAIL %s: %s" % (name, e))
        except Exception as e:  # a broken check is a failure too
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e))
        finally:
            os.chmod(tmp, stat.S_IRWXU)
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
