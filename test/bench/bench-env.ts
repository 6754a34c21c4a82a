// The bench's environment: the test services started as `npm test` starts them (test/infra/up.sh),
// the sid-chroot engines when the matrix needs them (test/infra/sid-engines.sh, which leaves running
// engines alone), and the variables of their env.sh files taken into this process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

function testDir(repo: string): string {
  return process.env['RIB_TEST_DIR'] ?? join(repo, '.test-env');
}

/** Sources the env.sh files in bash and copies what they export (RIB_*, DOCKER_*) into process.env. */
function importEnvFiles(files: string[]): void {
  const present = files.filter((file) => existsSync(file));
  if (present.length === 0) return;
  const script = `${present.map((file) => `source ${JSON.stringify(file)}`).join(' && ')} && env -0`;
  const out = execFileSync('bash', ['-c', script], { env: process.env }).toString();
  for (const entry of out.split('\0')) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq);
    if (eq > 0 && /^(RIB_|DOCKER_)/.test(name)) process.env[name] = entry.slice(eq + 1);
  }
}

/** Starts what the bench needs and loads its variables; returns why the sid engines are missing, or null. */
export function loadTestEnv(repo: string, options: { sidEngines: boolean }): string | null {
  // The add-one-package bench's framework stands in for torch-sized wheels: 1000 MB unless asked
  // otherwise (the tests' index keeps make-wheels.py's smaller default).
  execFileSync('bash', ['test/infra/up.sh'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, RIB_FRAMEWORK_MB: process.env['RIB_FRAMEWORK_MB'] ?? '1000' },
  });
  const dir = testDir(repo);
  importEnvFiles([join(dir, 'env.sh')]);
  if (!options.sidEngines) return null;
  const status = spawnSync('bash', ['test/infra/sid-engines.sh', 'status'], { cwd: repo, stdio: 'ignore' });
  let missing: string | null = null;
  if (status.status !== 0) {
    const up = spawnSync('bash', ['test/infra/sid-engines.sh', 'up'], { cwd: repo, stdio: 'inherit' });
    if (up.status !== 0) missing = `test/infra/sid-engines.sh up failed (exit ${up.status ?? 'signal'})`;
  }
  importEnvFiles([join(dir, 'env.sh'), join(dir, 'sid-engines', 'env.sh')]);
  return missing;
}
