# File-system functions of os/posix in a private directory: create, list, stat, rename,
# links, permissions, times, removal, and their errors (with file names in the messages).
import os
import stat

WORK = 'work_posix_fs'


def rmtree(top):
    for root, dirs, files in os.walk(top, topdown=False):
        for name in files:
            os.unlink(os.path.join(root, name))
        for name in dirs:
            p = os.path.join(root, name)
            if os.path.islink(p):
                os.unlink(p)
            else:
                os.rmdir(p)
    os.rmdir(top)


def err(fn, *args, **kw):
    try:
        r = fn(*args, **kw)
        print('ok', repr(r))
    except Exception as e:
        print(type(e).__name__, e, getattr(e, 'errno', None), repr(getattr(e, 'filename', None)),
              repr(getattr(e, 'filename2', None)))


if os.path.exists(WORK):
    rmtree(WORK)
old_umask = os.umask(0o022)
os.mkdir(WORK)
os.chdir(WORK)

os.mkdir('d1')
os.mkdir('d2', 0o700)
os.makedirs('d1/a/b/c')
os.makedirs('d1/a/b/c', exist_ok=True)
err(os.makedirs, 'd1/a/b/c')
with open('f1.txt', 'w') as f:
    f.write('x' * 100)
with open('d1/f2.txt', 'wb') as f:
    f.write(b'abc')
print(sorted(os.listdir('.')), sorted(os.listdir(b'.')), sorted(os.listdir('d1')))
print(os.listdir('d1/a/b/c'), sorted(os.listdir()) == sorted(os.listdir('.')))

st = os.stat('f1.txt')
print(st.st_size, stat.S_ISREG(st.st_mode), stat.S_IMODE(st.st_mode) == 0o644, st[6], len(st))
print(type(st).__name__, type(st.st_mtime).__name__, type(st.st_mtime_ns).__name__,
      type(st[8]).__name__, st.st_mtime_ns // 10 ** 9 == st[8], st.st_nlink, st.st_blocks >= 0)
print(stat.S_ISDIR(os.stat('d1').st_mode), stat.S_IMODE(os.stat('d2').st_mode) == 0o700)
print(os.stat('f1.txt') == os.stat(b'f1.txt'), os.lstat('f1.txt').st_size)
fd = os.open('f1.txt', os.O_RDONLY)
print(os.fstat(fd).st_size, os.stat(fd).st_size)
os.close(fd)

# rename / replace
os.rename('f1.txt', 'g1.txt')
print(os.path.exists('f1.txt'), os.path.exists('g1.txt'))
with open('h1.txt', 'w') as f:
    f.write('h')
os.replace('h1.txt', 'g1.txt')
print(open('g1.txt').read())
err(os.rename, 'nope', 'nope2')
err(os.rename, 'g1.txt', b'x')
os.rename(b'x', 'g1.txt')
err(os.replace, 'd1', 'd2/x/y')

# links
os.symlink('g1.txt', 'sym')
os.symlink('missing', 'dangling')
os.link('g1.txt', 'hard')
print(os.readlink('sym'), os.readlink(b'sym'), os.path.islink('sym'), os.path.islink('g1.txt'))
print(os.stat('g1.txt').st_nlink, os.lstat('sym').st_size, stat.S_ISLNK(os.lstat('sym').st_mode))
print(os.path.exists('dangling'), os.path.lexists('dangling'))
err(os.stat, 'dangling')
err(os.readlink, 'g1.txt')
err(os.symlink, 'g1.txt', 'sym')
err(os.link, 'nope', 'x')
print(os.stat('sym', follow_symlinks=False).st_mode == os.lstat('sym').st_mode)

# permissions and access
os.chmod('g1.txt', 0o600)
print(oct(stat.S_IMODE(os.stat('g1.txt').st_mode)))
os.chmod('g1.txt', stat.S_IRUSR)
print(oct(stat.S_IMODE(os.stat('g1.txt').st_mode)), os.access('g1.txt', os.R_OK))
os.chmod('g1.txt', 0o644)
print(os.access('g1.txt', os.F_OK), os.access('nope', os.F_OK), os.access('d1', os.X_OK))
err(os.chmod, 'nope', 0o644)

# times
os.utime('g1.txt', (1000000000, 1100000000))
st = os.stat('g1.txt')
print(st.st_atime, st.st_mtime, st[7], st[8], st.st_mtime_ns)
os.utime('g1.txt', ns=(1500000000123456789, 1600000000987654321))
st = os.stat('g1.txt')
print(st.st_atime_ns, st.st_mtime_ns)
os.utime('g1.txt', (1.25, 2.75))
print(os.stat('g1.txt').st_mtime, os.stat('g1.txt').st_atime_ns)
os.utime('g1.txt')
print(os.stat('g1.txt').st_mtime > 1600000000)
err(os.utime, 'g1.txt', (1, 2), ns=(1, 2))
err(os.utime, 'g1.txt', 5)
err(os.utime, 'g1.txt', ns=5)
err(os.utime, 'nope', None)

# truncate
os.truncate('g1.txt', 10)
print(os.path.getsize('g1.txt'), open('g1.txt', 'rb').read())

# removal
err(os.rmdir, 'd1')
err(os.unlink, 'd1')
err(os.remove, 'nope')
err(os.rmdir, 'g1.txt')
err(os.mkdir, 'd1')
os.remove('hard')
os.unlink('dangling')
print(sorted(os.listdir('.')))

# scandir
with os.scandir('.') as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False),
          e.stat().st_size == os.stat(e.path).st_size, e.inode() == os.lstat(e.path).st_ino,
          os.fspath(e))
print([e.path for e in os.scandir('d1') if e.is_file()], [e.name for e in os.scandir(b'd1')])
it = os.scandir('d1')
it.close()
print(list(it))
print(sorted(e.path for e in os.scandir()))
err(os.scandir, 'nope')
err(os.listdir, 'nope')
err(os.listdir, 'g1.txt')

# walk
for root, dirs, files in os.walk('d1'):
    dirs.sort()
    print(root, dirs, sorted(files))
print([r for r, d, f in os.walk('d1', topdown=False)])

# chdir and getcwd
here = os.getcwd()
os.chdir('d1')
print(os.path.basename(os.getcwd()), os.path.basename(os.getcwdb()))
os.chdir('..')
print(os.getcwd() == here)
err(os.chdir, 'nope')

# path arguments of every kind
class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print(os.stat(P('g1.txt')).st_size, os.path.exists(P('d1')), os.fspath(P(b'x')))
err(os.stat, P(5))
err(os.stat, 1.5)
err(os.listdir, 1.5)
err(os.mkdir, 1.5)
err(os.stat, 'a\0b')
err(os.stat, b'a\0b')
err(os.stat, None)
err(os.fspath, 1)
err(os.stat, 'x', dir_fd='y')
err(os.stat)
err(os.stat, 'x', 'y')
err(os.stat, 'x', follow=1)
err(os.access, 'x')

# dir_fd variants
dfd = os.open('d1', os.O_RDONLY)
print(os.stat('f2.txt', dir_fd=dfd).st_size, sorted(os.listdir(dfd)))
os.mkdir('new', dir_fd=dfd)
os.rename('new', 'new2', src_dir_fd=dfd, dst_dir_fd=dfd)
os.rmdir('new2', dir_fd=dfd)
print(sorted(e.name for e in os.scandir(dfd)))
os.close(dfd)
print(os.stat in os.supports_dir_fd, os.scandir in os.supports_fd,
      os.stat in os.supports_follow_symlinks)

os.chdir('..')
rmtree(WORK)
os.umask(old_umask)
print(os.path.exists(WORK))
