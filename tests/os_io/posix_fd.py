# File descriptors: os.open/read/write/lseek/close, pipes, dup, flags, pread/pwrite, and errors.
import os

WORK = 'work_posix_fd'


def err(fn, *args, **kw):
    try:
        print('ok', repr(fn(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e, getattr(e, 'errno', None), repr(getattr(e, 'filename', None)))


if not os.path.isdir(WORK):
    os.mkdir(WORK)
os.chdir(WORK)

fd = os.open('data.bin', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(type(fd).__name__, fd > 2, os.get_inheritable(fd), os.get_blocking(fd))
print(os.write(fd, b'hello world'), os.write(fd, bytearray(b'!!')), os.write(fd, memoryview(b'?')))
print(os.lseek(fd, 0, os.SEEK_CUR), os.lseek(fd, 0, os.SEEK_END), os.lseek(fd, 6, os.SEEK_SET))
os.write(fd, b'W')
os.ftruncate(fd, 12)
os.fsync(fd)
os.close(fd)
err(os.close, fd)
err(os.write, fd, b'x')

fd = os.open('data.bin', os.O_RDONLY)
print(os.read(fd, 5), os.read(fd, 100), os.read(fd, 10))
print(os.pread(fd, 5, 6), os.lseek(fd, 0, os.SEEK_CUR))
os.lseek(fd, -3, os.SEEK_END)
print(os.read(fd, 10), os.fstat(fd).st_size, os.isatty(fd))
err(os.read, fd, -1)
err(os.write, fd, b'x')
err(os.write, fd, 'str')
err(os.lseek, fd, 0, 99)
err(os.read, fd, 'x')
err(os.read, 2 ** 40, 1)
err(os.read, 1.0, 1)
fd2 = os.dup(fd)
print(fd2 != fd, os.get_inheritable(fd2), os.lseek(fd2, 0, os.SEEK_CUR))
os.set_inheritable(fd2, True)
print(os.get_inheritable(fd2))
os.set_inheritable(fd2, False)
print(os.get_inheritable(fd2))
fd3 = os.open('other.bin', os.O_RDWR | os.O_CREAT, 0o600)
print(os.dup2(fd, fd3) == fd3, os.read(fd3, 3), os.get_inheritable(fd3))
os.dup2(fd, fd3, inheritable=False)
print(os.get_inheritable(fd3))
for f in (fd, fd2, fd3):
    os.close(f)

fd = os.open('data.bin', os.O_RDWR)
print(os.pwrite(fd, b'HE', 0), os.pread(fd, 12, 0))
os.set_blocking(fd, False)
print(os.get_blocking(fd))
os.set_blocking(fd, True)
print(os.get_blocking(fd))
os.close(fd)

err(os.open, 'missing.bin', os.O_RDONLY)
err(os.open, 'data.bin', os.O_WRONLY | os.O_CREAT | os.O_EXCL)
err(os.open, '.', os.O_WRONLY)
fd = os.open('data.bin', os.O_RDONLY | os.O_CLOEXEC)
print(os.get_inheritable(fd))
os.close(fd)

r, w = os.pipe()
print(os.get_inheritable(r), os.get_inheritable(w))
os.write(w, b'through the pipe')
os.close(w)
print(os.read(r, 7), os.read(r, 100), os.read(r, 100))
os.close(r)
r, w = os.pipe2(os.O_NONBLOCK)
print(os.get_blocking(r))
err(os.read, r, 10)
err(os.lseek, r, 0, 0)
os.close(r)
os.close(w)

print(os.isatty(-5), os.device_encoding(os.open('data.bin', os.O_RDONLY)))
err(os.fstat, 999)
err(os.dup, -1)
err(os.get_blocking, -1)

os.unlink('data.bin')
os.unlink('other.bin')
os.chdir('..')
os.rmdir(WORK)
