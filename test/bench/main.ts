// `npm run bench`: every benchmark, as ratios against the docker CLI on the same engine in one run.
// Needs the test engine (it starts it like `npm test` does when the machine allows).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchBuild, formatBench } from './build-bench';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Loads .test-env/env.sh after starting the services, as the test command does. */
function loadTestEnv(): void {
  execFileSync('bash', ['test/infra/up.sh'], { cwd: repo, stdio: 'inherit' });
  const envFile = `${process.env['RIB_TEST_DIR'] ?? `${repo}.test-env`}/env.sh`;
  if (!existsSync(envFile)) return;
  for (const line of readFileSync(envFile, 'utf8').split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2].replace(/\\ /g, ' ');
  }
}

const runs = Number(process.argv[2] ?? 5);
loadTestEnv();
console.log(`Machine: ${execFileSync('nproc').toString().trim()} cores, ${process.platform}/${process.arch}, Node ${process.version}`);
console.log('\n## Build (app ÷ docker CLI, classic builder, medians)\n');
console.log(formatBench(await benchBuild({ runs })));
