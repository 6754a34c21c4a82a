import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planRuntimeImageWrite, writeRuntimeImage } from '../../electron/services/elyra';
import { writeFileAtomic } from '../../electron/services/settings/atomic-file';

// A replaced runtime-image entry must reach a running Jupyter server without a restart. Elyra's
// metadata cache drops an entry only on a watchdog modified or deleted event of a *.json path; a
// rename over the file raises a moved event it ignores. The watcher here is Python's watchdog (the
// library Elyra uses) with a handler filtering as Elyra's FileChangeHandler does, while a reader
// thread parses the file in a loop to catch any half-written state. The control shows that the
// rename alone goes unseen, so the pass is not the watcher seeing everything.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WATCHER = path.join(repoRoot, 'test/support/elyra-file-watch.py');
// Debian's python3-watchdog installs for the system interpreter.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface Seen {
  modified: string[];
  deleted: string[];
  other: [string, string][];
  reloaded: string[];
  reads: number;
  torn: string[];
  missing: number;
}

function startWatcher(folder: string, file: string): Promise<{ child: ChildProcessWithoutNullStreams; finish: () => Promise<Seen> }> {
  const child = spawn(PYTHON, [WATCHER, folder, file]);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const finish = async (): Promise<Seen> => {
    child.stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`watcher exited with ${code}: ${err}`);
    return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Seen;
  };
  return new Promise((resolve, reject) => {
    const ready = setInterval(() => {
      if (out.startsWith('ready')) {
        clearInterval(ready);
        resolve({ child, finish });
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(ready);
      reject(new Error(`watcher exited with ${code} before it was ready: ${err}`));
    });
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('a replaced runtime image, as a running Jupyter server sees it', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'rib-elyra-watch-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const plan = (displayName: string) =>
    planRuntimeImageWrite({
      image: { displayName, imageName: `127.0.0.1:5000/alice/team:${displayName.length}` },
      name: 'team_tools',
      dataDir: path.join(home, 'jupyter'),
      env: {},
      homedir: home,
      platform: 'linux',
    });

  it('raises the modified event Elyra reacts to, and no reader ever sees a half-written file', async () => {
    const first = await plan('Team tools 1');
    await writeRuntimeImage(first, { replace: false });
    const watcher = await startWatcher(path.join(home, 'jupyter', 'metadata'), first.path);
    const names: string[] = [];
    for (let i = 2; i <= 12; i += 1) {
      const name = `Team tools ${'v'.repeat(i * 40)} ${i}`;
      const result = await writeRuntimeImage(await plan(name), { replace: true });
      expect(result.replaced).toBe(true);
      names.push(name);
      await settle();
    }
    const seen = await watcher.finish();
    expect(seen.torn).toEqual([]);
    expect(seen.missing).toBe(0);
    expect(seen.reads).toBeGreaterThan(100);
    expect(seen.modified.filter((file) => file === 'team_tools.json').length).toBeGreaterThanOrEqual(names.length);
    // What the cache would load after each event: the last one is the last entry written.
    expect(seen.reloaded.at(-1)).toBe(names.at(-1));
    expect(seen.reloaded.every((name) => names.includes(name))).toBe(true);
  }, 60_000);

  it('control: a rename over the file alone raises no event Elyra reacts to', async () => {
    const first = await plan('Team tools 1');
    await writeRuntimeImage(first, { replace: false });
    const watcher = await startWatcher(path.join(home, 'jupyter', 'metadata'), first.path);
    const second = await plan('Team tools 2');
    await writeFileAtomic(second.path, second.json, { overwrite: true, mode: 0o600 });
    await settle();
    const seen = await watcher.finish();
    expect(seen.modified).not.toContain('team_tools.json');
    expect(seen.other.some(([type]) => type === 'moved')).toBe(true);
  }, 60_000);
});
