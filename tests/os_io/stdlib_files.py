# The standard library's file modules on top of posix and _io: tempfile, shutil, pathlib, glob.
import glob
import os
import pathlib
import shutil
import tempfile

base = tempfile.mkdtemp(prefix='kaa-os-io-')
print(os.path.isdir(base), os.path.basename(base).startswith('kaa-os-io-'))
os.chdir(base)

with tempfile.TemporaryFile() as f:
    f.write(b'temporary')
    f.seek(0)
    print(f.read())
with tempfile.NamedTemporaryFile('w+', suffix='.txt', dir='.', delete=True) as f:
    f.write('named')
    f.flush()
    print(os.path.exists(f.name), f.name.endswith('.txt'), open(f.name).read())
print(os.path.exists(f.name))
with tempfile.TemporaryDirectory(dir='.') as d:
    open(os.path.join(d, 'x'), 'w').close()
    print(os.listdir(d))
print(os.path.exists(d))
fd, name = tempfile.mkstemp(dir='.')
os.write(fd, b'mkstemp')
os.close(fd)
print(open(name, 'rb').read())
os.unlink(name)

os.makedirs('src/a/b')
for rel, text in [('src/one.txt', '1'), ('src/a/two.py', '22'), ('src/a/b/three.txt', '333')]:
    with open(rel, 'w') as f:
        f.write(text)
shutil.copy('src/one.txt', 'copy.txt')
shutil.copy2('src/a/two.py', 'copy2.py')
shutil.copyfile('src/a/b/three.txt', 'copyfile.txt')
print(open('copy.txt').read(), open('copy2.py').read(), open('copyfile.txt').read(),
      os.stat('copy2.py').st_mtime == os.stat('src/a/two.py').st_mtime)
shutil.copytree('src', 'dst')
print(sorted(os.path.relpath(os.path.join(r, f), 'dst') for r, _, fs in os.walk('dst') for f in fs))
shutil.move('dst/one.txt', 'moved.txt')
shutil.move('dst/a', 'moved_dir')
print(os.path.exists('moved.txt'), sorted(os.listdir('moved_dir')), sorted(os.listdir('dst')))
shutil.rmtree('dst')
print(os.path.exists('dst'), shutil.disk_usage('.').total > 0, shutil.which('sh') is not None)
with open('big.bin', 'wb') as f:
    f.write(os.urandom(100000))
shutil.copyfile('big.bin', 'big2.bin')
print(open('big.bin', 'rb').read() == open('big2.bin', 'rb').read())
with open('big.bin', 'rb') as a, open('big3.bin', 'wb') as b:
    shutil.copyfileobj(a, b, 1000)
print(os.path.getsize('big3.bin'))
try:
    shutil.copy('nope', 'x')
except FileNotFoundError as e:
    print(type(e).__name__, e)

root = pathlib.Path('src')
print(root, repr(root), root.exists(), root.is_dir(), (root / 'one.txt').read_text())
print(sorted(str(x) for x in root.iterdir()), sorted(str(x) for x in root.glob('*.txt')))
print(sorted(str(x) for x in root.rglob('*.txt')), sorted(x.name for x in root.glob('**/*.py')))
q = root / 'new' / 'file.md'
q.parent.mkdir(parents=True)
q.write_text('hello pathlib')
print(q.read_bytes(), q.stat().st_size, q.suffix, q.stem, q.parent.name, q.with_suffix('.txt'))
q.rename(q.with_name('renamed.md'))
print(sorted(p.name for p in (root / 'new').iterdir()), q.exists())
(root / 'new' / 'renamed.md').unlink()
(root / 'new').rmdir()
print(pathlib.Path('/a/b/../c').parts, pathlib.PurePosixPath('x/y.tar.gz').suffixes,
      pathlib.Path('x').absolute().is_absolute(), pathlib.Path('.').resolve() == pathlib.Path(base).resolve())

print(sorted(glob.glob('src/*')), sorted(glob.glob('src/**/*.txt', recursive=True)),
      glob.glob('nothing*'), sorted(glob.glob('*.bin')), glob.escape('a[b]'))

os.environ['KAA_PATH_VAR'] = 'val'
print(os.path.expandvars('a/$KAA_PATH_VAR/${KAA_PATH_VAR}b/$NO_SUCH_VAR_XYZ'))

os.chdir('/')
shutil.rmtree(base)
print(os.path.exists(base))
