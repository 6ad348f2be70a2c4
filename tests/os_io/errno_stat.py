# errno constants and errorcode, the _stat module and Lib/stat.py on top of it.
import errno
import stat
import _stat

names = ['EPERM', 'ENOENT', 'EINTR', 'EBADF', 'EAGAIN', 'EWOULDBLOCK', 'EACCES', 'EEXIST',
         'ENOTDIR', 'EISDIR', 'EINVAL', 'ENOSPC', 'EPIPE', 'ENAMETOOLONG', 'ENOTEMPTY',
         'ELOOP', 'ENOTSUP', 'EOPNOTSUPP', 'EDEADLK', 'EDEADLOCK', 'ETIMEDOUT', 'ECONNREFUSED']
for n in names:
    print(n, getattr(errno, n), errno.errorcode[getattr(errno, n)])
print(len(errno.errorcode), type(errno.errorcode).__name__)
print(sorted(k for k in dir(errno) if k.startswith('E'))[:8])
print(all(errno.errorcode[getattr(errno, n)] in dir(errno) for n in dir(errno) if n.startswith('E')))

# OSError picks its subclass from the errno.
for e in (errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR,
          errno.EAGAIN, errno.EPIPE, errno.ECHILD, errno.ESRCH, errno.EINTR, errno.EINVAL):
    err = OSError(e, 'message')
    print(e, type(err).__name__, err.errno, err.strerror)

modes = [0o100644, 0o040755, 0o120777, 0o020666, 0o060660, 0o010644, 0o140755, 0o104755,
         0o102755, 0o041777, 0o041776, 0o100000, 0o7777, 0]
for m in modes:
    print(oct(m), _stat.filemode(m), stat.filemode(m), stat.S_IMODE(m), stat.S_IFMT(m),
          [f.__name__ for f in (stat.S_ISDIR, stat.S_ISREG, stat.S_ISLNK, stat.S_ISCHR,
                                stat.S_ISBLK, stat.S_ISFIFO, stat.S_ISSOCK) if f(m)])
print(stat.S_ISDOOR(0o100644), stat.S_ISPORT(0), stat.S_ISWHT(0))
consts = ['S_IFDIR', 'S_IFREG', 'S_IFLNK', 'S_IFMT' if False else 'S_IFIFO', 'S_ISUID', 'S_ISGID',
          'S_ISVTX', 'S_IRWXU', 'S_IRUSR', 'S_IWUSR', 'S_IXUSR', 'S_IRWXG', 'S_IRWXO', 'S_IREAD',
          'S_IWRITE', 'S_IEXEC', 'S_ENFMT', 'UF_NODUMP', 'UF_HIDDEN', 'SF_SNAPSHOT', 'ST_MODE',
          'ST_SIZE', 'ST_MTIME', 'S_IFDOOR', 'S_IFPORT', 'S_IFWHT']
for c in consts:
    print(c, getattr(_stat, c), getattr(stat, c))
print(stat.S_ISDIR is _stat.S_ISDIR, stat.filemode is _stat.filemode)

for bad in ('x', -1, 2 ** 40, 2 ** 70, 1.5, None):
    for fn in (_stat.S_ISDIR, _stat.S_IMODE, _stat.filemode):
        try:
            fn(bad)
        except Exception as e:
            print(fn.__name__, repr(bad)[:10], type(e).__name__, e)
try:
    _stat.S_ISREG()
except TypeError as e:
    print(e)
print(_stat.S_ISDIR(True), _stat.S_IMODE(0o170777))
