# `python -m dis [infile]`: run by this interpreter (sys.executable) on a file, on stdin, and
# with the wrong arguments; and dis.main() called in-process. The listings are the
# implementation's own, so this prints what the command line promises: the exit status, the
# nested code objects under headers naming the file, argparse's usage and messages.
import dis
import io
import os
import sys

SOURCE = "def f(x):\n    return [y for y in x]\n\nclass K:\n    def m(self):\n        pass\n"
stem = "dis_cli_%d" % os.getpid()
src, out, err = stem + ".py", stem + ".out", stem + ".err"
with open(src, "w") as fh:
    fh.write(SOURCE)


def run(args, stdin=None):
    command = "%s -m dis %s > %s 2> %s" % (sys.executable, args, out, err)
    if stdin:
        command += " < " + stdin
    status = os.system(command)
    with open(out) as fh:
        stdout = fh.read()
    with open(err) as fh:
        stderr = fh.read()
    return status >> 8, stdout, stderr


def headers(text):
    found = []
    for line in text.split("\n"):
        if line.startswith("Disassembly of"):
            head, _, tail = line.partition(" at 0x")
            found.append(head + " at 0x..." + tail[tail.index(","):] if tail else line)
    return found


try:
    status, stdout, stderr = run(src)
    print("file:", status, repr(stderr))
    for h in headers(stdout):
        print(h.replace(src, "SRC"))
    status, stdout, stderr = run("", stdin=src)
    print("stdin:", status, repr(stderr), headers(stdout)[:1])
    status, stdout, stderr = run("- ", stdin=src)
    print("dash:", status, headers(stdout)[:1])
    status, stdout, stderr = run("-- " + src)
    print("double dash:", status, len(headers(stdout)))
    status, stdout, stderr = run("-h")
    print("help:", status, repr(stdout), repr(stderr))
    status, stdout, stderr = run("%s %s" % (src, src))
    print("two files:", status, repr(stdout), stderr.replace(src, "SRC").split("\n"))
    status, stdout, stderr = run("-x")
    print("unknown option:", status, stderr.split("\n"))
    status, stdout, stderr = run("no_such_file.py")
    print("missing file:", status, stderr.split("\n"))

    # The same entry point in-process.
    saved_argv, saved_stdout = sys.argv, sys.stdout
    sys.argv, sys.stdout = ["dis.py", src], io.StringIO()
    try:
        dis.main()
        text = sys.stdout.getvalue()
    finally:
        sys.argv, sys.stdout = saved_argv, saved_stdout
    print("main():", [h.replace(src, "SRC") for h in headers(text)])
    sys.argv = ["dis.py", "a", "b"]
    saved_stderr, sys.stderr = sys.stderr, io.StringIO()
    try:
        dis.main()
    except SystemExit as e:
        print("main() exit:", e.code, sys.stderr.getvalue().split("\n"))
    finally:
        sys.argv, sys.stderr = saved_argv, saved_stderr
finally:
    for name in (src, out, err):
        if os.path.exists(name):
            os.remove(name)
