import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = 'test/fixtures/requirements';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

// Each case starts a Node process with tsx; on a busy machine that alone can take several seconds.
describe('npm run cli -- plan', { timeout: 60_000 }, () => {
  it('prints each error with file and line, the Elyra conflict and the Dockerfile, and exits 1', () => {
    const { code, out } = cli('plan', `${fixtures}/team-requirements.txt`, '--tag', 'alice/churn:1.0');
    expect(code).toBe(1);
    expect(out).toContain("error: team-requirements.txt:7: Use '==' to pin a version");
    expect(out).toContain('error: team-requirements.txt:9:');
    expect(out).toContain('papermill>=3 conflicts with papermill==2.6.0 that Elyra 4.1 installs at run time');
    expect(out).toContain('FROM python:3.13-slim');
    expect(out).toContain('This recipe cannot be built');
  });

  it('exits 0 for a clean file and takes the recipe options', () => {
    const { code, out } = cli(
      'plan',
      `${fixtures}/more-requirements.txt`,
      '--python',
      '3.11',
      '--elyra',
      '4.0',
      '--base',
      'full',
      '--no-elyra-pins',
      '--tag',
      'alice/x:1',
    );
    expect(code).toBe(0);
    expect(out).toContain('FROM python:3.11\n');
    expect(out).not.toContain('requirements-elyra.txt');
    expect(out).toContain('This recipe can be built.');
  });

  it('refuses an unknown option value with a specific message', () => {
    const { code, err } = cli('plan', `${fixtures}/more-requirements.txt`, '--elyra', '5.0');
    expect(code).toBe(2);
    expect(err).toContain('--elyra 5.0 is not one of 4.1, 4.0, 3.15, main.');
  });

  describe('Elyra as tagged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rib-cli-elyra-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };

    it('reports pyzmq 24.0.1 against Elyra 4.0.0, which pins 26.4.0', () => {
      const { code, out } = cli('plan', file('pyzmq.txt', 'pyzmq==24.0.1\n'), '--elyra', '4.0', '--tag', 'alice/x:1');
      expect(code).toBe(0);
      expect(out).toContain('pyzmq==24.0.1 conflicts with pyzmq==26.4.0 that Elyra 4.0 installs at run time');
    });

    it('reports urllib3 2.7.0 against Elyra 4.1.1, which pins 2.6.3', () => {
      const { out } = cli('plan', file('urllib3.txt', 'urllib3==2.7.0\n'), '--elyra', '4.1', '--tag', 'alice/x:1');
      expect(out).toContain('urllib3==2.7.0 conflicts with urllib3==2.6.3 that Elyra 4.1 installs at run time');
    });

    it('says a newer jupyter_client is downgraded at each node start', () => {
      const { out } = cli('plan', file('client.txt', 'jupyter_client==8.6.3\n'), '--elyra', '4.1', '--tag', 'alice/x:1');
      expect(out).toContain('jupyter-client is downgraded to 7.4.9 at each node start');
    });

    it('refuses Python 3.12 for Elyra 3.15, whose bootstrapper accepts 3.8 to 3.11', () => {
      const { code, out } = cli('plan', file('any.txt', 'pandas\n'), '--elyra', '3.15', '--python', '3.12', '--tag', 'alice/x:1');
      expect(code).toBe(1);
      expect(out).toContain('error: Python: Elyra 3.15 runs Python 3.8 to 3.11, not 3.12.');
      expect(out).toContain('This recipe cannot be built');
    });
  });
});
