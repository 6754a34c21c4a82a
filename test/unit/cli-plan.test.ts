import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = 'test/fixtures/requirements';

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run cli -- plan', () => {
  it('prints each error with file and line, the Elyra conflict and the Dockerfile, and exits 1', () => {
    const { code, out } = cli('plan', `${fixtures}/team-requirements.txt`, '--tag', 'alice/churn:1.0');
    expect(code).toBe(1);
    expect(out).toContain("error: team-requirements.txt:7: Use '==' to pin a version");
    expect(out).toContain('error: team-requirements.txt:9:');
    expect(out).toContain('papermill>=3 conflicts with papermill==2.6.0 that Elyra main installs at run time');
    expect(out).toContain('FROM python:3.13-slim');
    expect(out).toContain('This recipe cannot be built');
  });

  it('exits 0 for a clean file and takes the recipe options', () => {
    const { code, out } = cli('plan', `${fixtures}/more-requirements.txt`, '--python', '3.11', '--elyra', '4.0', '--base', 'full', '--no-elyra-pins', '--tag', 'alice/x:1');
    expect(code).toBe(0);
    expect(out).toContain('FROM python:3.11\n');
    expect(out).not.toContain('requirements-elyra.txt');
    expect(out).toContain('This recipe can be built.');
  });

  it('refuses an unknown option value with a specific message', () => {
    const { code, err } = cli('plan', `${fixtures}/more-requirements.txt`, '--elyra', '5.0');
    expect(code).toBe(2);
    expect(err).toContain('--elyra 5.0 is not one of main, 4.1, 4.0, 3.15.');
  });
});
