# os.path (posixpath over posix): pure string functions and the ones that ask the file system.
import os
import os.path as p

WORK = 'work_os_path'
if not os.path.isdir(WORK):
    os.mkdir(WORK)
os.chdir(WORK)
os.makedirs('top/sub')
with open('top/file.txt', 'w') as f:
    f.write('12345')
os.symlink('file.txt', 'top/link')
os.symlink('sub', 'top/dirlink')

print(p.join('a', 'b', 'c'), p.join('/a', '/b'), p.join('a/', 'b'), p.join(b'a', b'b'))
print(p.split('/a/b/c.txt'), p.split('c'), p.split('/'), p.splitext('x/y.tar.gz'),
      p.splitext('.bashrc'), p.basename('/a/b/'), p.dirname('/a/b/c'))
print(p.isabs('/x'), p.isabs('x'), p.normcase('AbC'), p.commonprefix(['/ab/c', '/ab/d']),
      p.commonpath(['/a/b/c', '/a/b/d']), p.splitdrive('/x/y'))
print(p.normpath('a/./b/../../c'), p.normpath('//x//y/'), p.normpath(b'a/../b'))
print(p.relpath('/a/b/c', '/a/d'), p.relpath('x', 'x'))
print(p.exists('top'), p.exists('nope'), p.isdir('top/sub'), p.isfile('top/file.txt'),
      p.islink('top/link'), p.isdir('top/dirlink'), p.islink('top/sub'), p.ismount('/'),
      p.ismount('top'))
print(p.getsize('top/file.txt'), p.getmtime('top/file.txt') > 0, type(p.getatime('top')).__name__)
print(p.samefile('top/file.txt', 'top/link'), p.samefile('top', 'top/sub'),
      p.sameopenfile(os.open('top/file.txt', 0), os.open('top/link', 0)))
print(p.realpath('top/link') == p.abspath('top/file.txt'), p.realpath('top/dirlink/..') ==
      p.abspath('top'))
print(p.abspath('x/../y') == os.path.join(os.getcwd(), 'y'), p.abspath('/a/./b'))
print(p.relpath(p.abspath('top/sub')), p.relpath(p.abspath('top/sub'), 'top'))
os.environ['HOME'] = '/home/kaa-test'
print(p.expanduser('~/x'), p.expanduser('x/~'), p.expanduser(b'~'))
print(sorted(os.listdir('top')), os.path.getsize('top/link'))
try:
    p.getsize('nope')
except OSError as e:
    print(type(e).__name__, e)

for name in ['top/link', 'top/dirlink', 'top/file.txt']:
    os.unlink(name)
os.rmdir('top/sub')
os.rmdir('top')
os.chdir('..')
os.rmdir(WORK)
