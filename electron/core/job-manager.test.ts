import type { JobUpdate } from '../contract/domain/job';
import { JobManager } from './job-manager';

function collect() {
  const updates: JobUpdate[] = [];
  return { updates, publish: (u: JobUpdate) => updates.push(u) };
}

describe('JobManager', () => {
  it('runs a job to success and publishes its log and result', async () => {
    const { updates, publish } = collect();
    const jobs = new JobManager(publish, { intervalMs: 0 });
    const started = jobs.start('build', 'Build demo', async (ctx) => {
      ctx.log('line 1');
      ctx.progress({ kind: 'build', step: 1, totalSteps: 2, label: 'Step 1 of 2' });
      ctx.log('line 2');
      return { imageId: 'sha256:abc' };
    });
    const done = await jobs.wait(started.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ imageId: 'sha256:abc' });
    expect(jobs.get(started.id).log).toEqual(['line 1', 'line 2']);
    const replayed = updates.flatMap((u) => u.appendedLog);
    expect(replayed).toEqual(['line 1', 'line 2']);
    expect(updates.at(-1)?.snapshot.status).toBe('succeeded');
  });

  it('reports a failure with the error code and message', async () => {
    const { publish } = collect();
    const jobs = new JobManager(publish);
    const started = jobs.start('push', 'Push', async () => {
      throw Object.assign(new Error('denied: requested access to the resource is denied'), {});
    });
    const done = await jobs.wait(started.id);
    expect(done.status).toBe('failed');
    expect(done.error).toEqual({ code: 'internal', message: 'denied: requested access to the resource is denied' });
  });

  it('cancels a running job through its signal', async () => {
    const { publish } = collect();
    const jobs = new JobManager(publish);
    const started = jobs.start(
      'build',
      'Build',
      (ctx) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted by signal')));
        }),
    );
    expect(jobs.cancel(started.id)).toBe(true);
    const done = await jobs.wait(started.id);
    expect(done.status).toBe('cancelled');
    expect(done.error?.code).toBe('cancelled');
    expect(jobs.cancel(started.id)).toBe(false);
  });

  it('coalesces a flood of events into at most one update per interval, and the last one is exact', async () => {
    vi.useFakeTimers();
    try {
      const { updates, publish } = collect();
      const jobs = new JobManager(publish, { intervalMs: 100, now: () => Date.now() });
      let finish: () => void = () => undefined;
      const started = jobs.start(
        'build',
        'Flood',
        (ctx) =>
          new Promise((resolve) => {
            let n = 0;
            const timer = setInterval(() => {
              for (let i = 0; i < 5; i += 1) ctx.log(`event ${(n += 1)}`);
            }, 1);
            finish = () => {
              clearInterval(timer);
              resolve(null);
            };
          }),
      );
      await vi.advanceTimersByTimeAsync(1000);
      finish();
      await vi.advanceTimersByTimeAsync(0);
      const done = await jobs.wait(started.id);
      // One second of 5,000 lines a second: about ten updates, not thousands.
      expect(updates.length).toBeLessThanOrEqual(13);
      const all = updates.flatMap((u) => u.appendedLog);
      expect(all.length).toBe(done.logLength);
      expect(all.at(-1)).toBe(`event ${done.logLength}`);
      // Appended ranges are contiguous: no line lost or repeated.
      let next = 0;
      for (const u of updates) {
        expect(u.logFrom).toBe(next);
        next += u.appendedLog.length;
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('says clearly when a job id is unknown', () => {
    const jobs = new JobManager(() => undefined);
    expect(() => jobs.get('nope')).toThrow(/no job with id nope/);
  });

  it('forgets finished jobs beyond the newest few, keeps the newest of each kind, and says so', async () => {
    const removed: string[] = [];
    const jobs = new JobManager(() => undefined, { intervalMs: 0, keepFinished: 2, removed: ({ id }) => removed.push(id) });
    const push = jobs.start('push', 'Push', async () => null);
    await jobs.wait(push.id);
    const builds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const build = jobs.start('build', `Build ${i}`, async (ctx) => {
        ctx.log(`line of build ${i}`);
        return null;
      });
      await jobs.wait(build.id);
      builds.push(build.id);
    }
    // Newest two: builds 3 and 2; the push is the newest of its kind and stays too.
    expect(
      jobs
        .list()
        .map((j) => j.title)
        .sort(),
    ).toEqual(['Build 2', 'Build 3', 'Push']);
    expect(removed).toEqual([builds[0], builds[1]]);
    expect(() => jobs.get(builds[0]!)).toThrow(/no job/);
  });

  it('forgets a finished job once it is older than the time kept, never a running one', async () => {
    let now = 1_000;
    const removed: string[] = [];
    const jobs = new JobManager(() => undefined, { intervalMs: 0, now: () => now, keepFinishedMs: 60_000, removed: ({ id }) => removed.push(id) });
    const old = jobs.start('build', 'Old', async () => null);
    await jobs.wait(old.id);
    let release: () => void = () => undefined;
    const running = jobs.start('build', 'Running', () => new Promise((resolve) => (release = () => resolve(null))));
    now += 10_000;
    const newer = jobs.start('build', 'Newer', async () => null);
    await jobs.wait(newer.id);
    now += 61_000;
    jobs.prune();
    expect(removed).toEqual([old.id]);
    expect(
      jobs
        .list()
        .map((j) => j.title)
        .sort(),
    ).toEqual(['Newer', 'Running']);
    release();
    await jobs.wait(running.id);
    jobs.dispose();
  });
});
