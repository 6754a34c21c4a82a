import { spawnSync } from 'node:child_process';
import { mkdtempSync, promises as fs, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AtomicWriteConflict, listTempFiles, pathExists, readTextIfExists, removeFile, removeStaleTempFiles, writeFileAtomic } from './atomic-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atomic-file-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces it, leaving no temp file behind', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, '{"v":1}');
    expect(await readTextIfExists(file)).toBe('{"v":1}');
    await writeFileAtomic(file, '{"v":2}');
    expect(await readTextIfExists(file)).toBe('{"v":2}');
    expect(await listTempFiles(file)).toEqual([]);
  });

  it('creates files readable by the user only unless told otherwise', async () => {
    if (process.platform === 'win32') return;
    const file = path.join(dir, 'private.json');
    await writeFileAtomic(file, 'x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await writeFileAtomic(path.join(dir, 'shared.json'), 'x', { mode: 0o644 });
    expect(statSync(path.join(dir, 'shared.json')).mode & 0o777).toBe(0o644);
  });

  it('refuses to replace an existing file when overwrite is false, and keeps the old content', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, 'old');
    await expect(writeFileAtomic(file, 'new', { overwrite: false })).rejects.toBeInstanceOf(AtomicWriteConflict);
    expect(await readTextIfExists(file)).toBe('old');
    expect(await listTempFiles(file)).toEqual([]);
    await writeFileAtomic(path.join(dir, 'b.json'), 'fresh', { overwrite: false });
    expect(await readTextIfExists(path.join(dir, 'b.json'))).toBe('fresh');
  });

  it('lets only the first of two no-overwrite writes to one path create the file', async () => {
    const file = path.join(dir, 'race.json');
    const results = await Promise.allSettled([writeFileAtomic(file, 'first', { overwrite: false }), writeFileAtomic(file, 'second', { overwrite: false })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await readTextIfExists(file)).toBe('first');
  });

  it('applies writes to one path in call order', async () => {
    const file = path.join(dir, 'order.json');
    const big = 'x'.repeat(2_000_000);
    await Promise.all([writeFileAtomic(file, big), writeFileAtomic(file, 'small'), writeFileAtomic(file, 'last')]);
    expect(await readTextIfExists(file)).toBe('last');
  });

  it('creates missing directories only when asked', async () => {
    const nested = path.join(dir, 'x', 'y', 'z.json');
    await expect(writeFileAtomic(nested, 'a')).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFileAtomic(nested, 'a', { createDirectoryMode: 0o700 });
    expect(await readTextIfExists(nested)).toBe('a');
  });

  it('removes its temp file when the write fails', async () => {
    const file = path.join(dir, 'sub', 'a.json');
    await fs.mkdir(path.join(dir, 'sub'));
    await fs.mkdir(file); // a directory where the file should go: the rename fails
    await expect(writeFileAtomic(file, 'a')).rejects.toBeDefined();
    expect(await listTempFiles(file)).toEqual([]);
  });
});

describe('stale temp files', () => {
  it('removes temp files of dead writers and keeps those of live ones', async () => {
    const file = path.join(dir, 'draft.json');
    // A pid that surely is not running: a child that has already exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const deadTemp = path.join(dir, `.draft.json.${dead}.abcdef.tmp`);
    const liveTemp = path.join(dir, `.draft.json.${process.pid}.abcdef.tmp`);
    writeFileSync(deadTemp, 'partial');
    writeFileSync(liveTemp, 'partial');
    writeFileSync(path.join(dir, '.other.json.1.a.tmp'), 'not ours');
    expect(await removeStaleTempFiles(file)).toEqual([deadTemp]);
    expect(await pathExists(liveTemp)).toBe(true);
    expect(await pathExists(path.join(dir, '.other.json.1.a.tmp'))).toBe(true);
  });

  it('reads a missing file as null', async () => {
    expect(await readTextIfExists(path.join(dir, 'none.json'))).toBeNull();
    expect(await listTempFiles(path.join(dir, 'missing-dir', 'x.json'))).toEqual([]);
  });
});

describe('removeFile', () => {
  it('removes in order with pending writes, and ignores a missing file', async () => {
    const file = path.join(dir, 'gone.json');
    const pending = writeFileAtomic(file, 'x'.repeat(1_000_000));
    await removeFile(file);
    await pending;
    expect(await pathExists(file)).toBe(false);
    await expect(removeFile(file)).resolves.toBeUndefined();
  });
});
