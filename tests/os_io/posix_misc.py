# Processes, the environment and the small utilities of posix: fork/wait, exec, environ,
# struct sequences (stat_result, uname, times, terminal_size), strerror, urandom, normpath.
import os
import posix
import sys


def err(fn, *args, **kw):
    try:
        print('ok', repr(fn(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


# environ
print(type(posix.environ).__name__, all(type(k) is bytes for k in posix.environ))
os.environ['KAA_TEST_VAR'] = 'value=1'
print(os.environ['KAA_TEST_VAR'], os.getenv('KAA_TEST_VAR'), os.environb[b'KAA_TEST_VAR'])
print('KAA_TEST_VAR' in os.environ, os.environ.get('KAA_NO_SUCH_VAR', 'dflt'))
del os.environ['KAA_TEST_VAR']
print('KAA_TEST_VAR' in os.environ, os.getenv('KAA_TEST_VAR'))
err(os.putenv, 'a=b', 'x')
err(os.putenv, '', 'x')
err(os.putenv, 'a\0', 'x')
err(os.putenv, 1, 'x')
err(os.unsetenv, 'a=b')

# fork, exit status, wait
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b'from child')
    os._exit(7)
os.close(w)
print(os.read(r, 100))
os.close(r)
wpid, status = os.waitpid(pid, 0)
print(wpid == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status),
      os.waitstatus_to_exitcode(status))
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), 9)
_, status = os.waitpid(pid, 0)
print(os.WIFSIGNALED(status), os.WTERMSIG(status), os.waitstatus_to_exitcode(status))
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, '-c', 'import sys; sys.exit(3)'])
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.fork()
if pid == 0:
    os.execve('/bin/sh', ['sh', '-c', 'exit $CODE'], {'CODE': '5'})
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
print(os.system('exit 4') >> 8)
err(os.waitpid, -1, 0)
err(os.waitstatus_to_exitcode, -1)
err(os.execv, '/bin/true', [])
err(os.execv, '/bin/true', 'x')
err(os.execv, '/bin/true', [''])
err(os.execve, '/bin/true', ['x'], 1)
err(os.execv, '/nonexistent/prog', ['x'])
err(os.WEXITSTATUS)
print(os.WEXITSTATUS(status=0x300), os.WIFSTOPPED(0x137f), os.WSTOPSIG(0x137f))

calls = []
os.register_at_fork(before=lambda: calls.append('before'),
                    after_in_parent=lambda: calls.append('parent'))
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print(calls)
err(os.register_at_fork)
err(os.register_at_fork, before=1)
err(os.register_at_fork, lambda: 0)

# ids and process information
print(os.getpid() > 0, os.getppid() > 0, type(os.getuid()).__name__, os.getuid() == os.geteuid(),
      type(os.getgid()).__name__, type(os.getgroups()).__name__)
err(os.getpid, 1)
err(os.kill, os.getpid(), 99)
os.kill(os.getpid(), 0)
u = os.uname()
print(type(u).__name__, u.sysname, len(u), u[0] == u.sysname, u._fields if hasattr(u, '_fields') else '')
t = os.times()
print(type(t).__name__, len(t), all(type(x) is float for x in t), t.user == t[0])
print(type(os.cpu_count()).__name__, os.cpu_count() >= 1)
print(os.strerror(2), os.strerror(13), os.strerror(99999))
err(os.strerror, 'x')
print(len(os.urandom(16)), os.urandom(0), type(os.urandom(3)).__name__)
err(os.urandom, -1)
old = os.umask(0o027)
print(oct(os.umask(old)))
print(os.sysconf('SC_CLK_TCK') > 0, 'SC_PAGESIZE' in os.sysconf_names)
err(os.sysconf, 'SC_NOPE')
err(os.sysconf, 1.5)

# struct sequences
st = os.stat_result((1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(st, st.st_atime, st.st_mtime_ns, st[0:3], len(st), st.n_fields, st.n_sequence_fields,
      st.n_unnamed_fields)
print(os.stat_result((1,) * 10, {'st_atime': 5.5}).st_atime, os.stat_result.__match_args__)
err(os.stat_result, (1, 2))
err(os.stat_result, (1,) * 20)
err(os.stat_result, 5)
err(setattr, st, 'st_mode', 4)
print(st == (1, 2, 3, 4, 5, 6, 7, 8, 9, 10), hash(st) == hash(tuple(st)), tuple(st)[-1])
ts = os.terminal_size((80, 24))
print(ts, ts.columns, ts.lines, list(ts), ts.__reduce__())
err(os.terminal_size, (1,))
err(os.terminal_size)
mode, ino, *rest = os.stat('.')
print(type(mode).__name__, len(rest))
s = os.stat('.')
cls, args = s.__reduce__()
print(cls is os.stat_result, len(args[0]), sorted(args[1]))
print(cls(*args) == s, cls(*args).st_mtime_ns == s.st_mtime_ns)
err(os.get_terminal_size, 99)

# fspath and normpath
class P:
    def __fspath__(self):
        return 'p/../q'


print(os.fspath('a'), os.fspath(b'b'), os.fspath(P()), os.path.normpath(P()))
for p in ['', '/', '//', '///', 'a//b/../c/.', '../..', '/..', 'a/..', './', '//a/b/..',
          'a/b/', '.', '/./a', '..//x/..', './.', 'a/../..', 'x/../.', '.a', '/a/./', 'a\u00e9/../b']:
    print(repr(p), repr(posix._path_normpath(p)), repr(os.path.normpath(p)))
print(os.path.normpath(b'a//b/../c'))
err(posix._path_normpath, b'x')

# devices and randomness
print(os.major(0x0801), os.minor(0x0801), os.makedev(8, 1), os.makedev(os.major(12345),
      os.minor(12345)) == 12345, len(os.getrandom(7)), os.getpriority(os.PRIO_PROCESS, 0))
err(os.major, -1)
err(os.major, 2 ** 64)
err(os.getrandom, -1)
err(os.mknod, '/nonexistent/x')
