import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { JobKind } from '../contract/domain/job';
import { AppError } from '../contract/errors';
import { JobManager, type JobManagerOptions } from './job-manager';

// The app runs for days; every build and push streams a log through the job manager. This runs
// 200 fake jobs with logs the size of real ones through the real JobManager and compares the heap
// after 20 jobs with the heap after 200.

/** global.gc without starting Node with --expose-gc: the flag can be set at run time for a new context. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = collector();

function heapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

// A build of a few packages logs some 1,200 lines (pip's downloads, the engine's steps), ~100
// characters each; a push ~200 lines of layer progress; a try ~300 (papermill's cell output). Each line is a fresh string, as from the engine.
const LOG_LINES: Record<JobKind, number> = { build: 1200, push: 200, try: 300, make: 1700 };
const line = (job: number, i: number) => `#${job} Step ${i}: Downloading package_${i}-1.${job}.0-py3-none-any.whl (${(i * 37) % 997} kB) ${'·'.repeat(50)}`;

async function runJobs(jobs: JobManager, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) {
    const kind: JobKind = n % 2 === 0 ? 'build' : 'push';
    const started = jobs.start(kind, `Job ${n}`, async (ctx) => {
      for (let i = 0; i < LOG_LINES[kind]; i++) ctx.log(line(n, i));
      ctx.progress({ kind: 'build', step: 1, totalSteps: 1, label: 'Step 1 of 1' });
      if (n % 5 === 4) throw new AppError('build-pip-failed', 'pip could not install package_4');
      return { imageId: `sha256:${n}` };
    });
    await jobs.wait(started.id);
  }
}

async function heapAfter20And200(options: JobManagerOptions): Promise<{ after20: number; after200: number }> {
  const jobs = new JobManager(() => undefined, { intervalMs: 0, ...options });
  await runJobs(jobs, 0, 20);
  const after20 = heapUsed();
  await runJobs(jobs, 20, 200);
  const after200 = heapUsed();
  jobs.dispose();
  return { after20, after200 };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('the job manager over 200 jobs', { timeout: 120_000 }, () => {
  it('keeps the heap after 200 jobs within 10% of the heap after 20', async () => {
    const { after20, after200 } = await heapAfter20And200({});
    const growth = (after200 - after20) / after20;
    console.log(`job manager heap: after 20 jobs ${mb(after20)}, after 200 jobs ${mb(after200)} (${(growth * 100).toFixed(1)}%)`);
    expect(growth).toBeLessThan(0.1);
  });

  it('would grow past that if it kept every job (the test can fail)', async () => {
    const { after20, after200 } = await heapAfter20And200({ keepFinished: Infinity, keepFinishedMs: Infinity });
    const growth = (after200 - after20) / after20;
    console.log(`keeping every job: after 20 jobs ${mb(after20)}, after 200 jobs ${mb(after200)} (${(growth * 100).toFixed(1)}%)`);
    expect(growth).toBeGreaterThan(0.1);
  });
});
