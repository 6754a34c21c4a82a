import { describe, expect, it } from 'vitest';
import type { BuildJobResult } from '../contract/domain/build';
import type { MakeProgress } from '../contract/domain/job';
import type { PushResult } from '../contract/domain/push';
import type { TryReport } from '../contract/domain/try';
import { AppError, ErrorCodes, hasErrorCode } from '../contract/errors';
import { JobManager } from './job-manager';
import type { ChainContext } from './make-chain';
import { type MakeParts, runMake } from './make-steps';

const built = (status: 'pass' | 'fail' = 'pass'): BuildJobResult =>
  ({
    build: { imageId: 'sha256:1', tag: 'rib/x:1', durationMs: 1500, cachedSteps: 3, totalSteps: 7, cachedStepNumbers: [1, 2, 3] },
    verify: { status, items: status === 'fail' ? [{ id: 'python3', status: 'fail', title: 'python3 on PATH', detail: 'not found' }] : [] },
    size: {},
  }) as unknown as BuildJobResult;

const tried = (passed: boolean): TryReport =>
  ({
    outputDir: '/data/tries/x',
    importCheck: { items: passed ? [] : [{ module: 'sklearn', status: 'missing-module', optional: false }] },
    files: [{ status: passed ? 'passed' : 'failed' }],
    notes: [],
    passed,
  }) as unknown as TryReport;

const pushed: PushResult = {
  reference: '127.0.0.1:5000/alice/x:1',
  digest: `sha256:${'a'.repeat(64)}`,
  size: 10,
  pinned: `127.0.0.1:5000/alice/x@sha256:${'a'.repeat(64)}`,
  layersPushed: 2,
  layersReused: 1,
};

/** Parts that record the order they ran in; `fail` makes one of them throw. */
function parts(options: { notebooks?: boolean; fail?: 'build' | 'try' | 'push' | 'elyra'; verify?: 'fail'; tryPasses?: boolean } = {}) {
  const order: string[] = [];
  const failIf = (step: string) => {
    if (options.fail === step) throw new AppError(step === 'push' ? 'push-denied' : 'build-other', `${step} went wrong`);
  };
  const made: MakeParts = {
    tag: 'rib/x:1',
    reference: pushed.reference,
    build: async (ctx) => {
      order.push('build');
      ctx.progress({ kind: 'build', step: 3, totalSteps: 6, label: 'RUN pip install' });
      failIf('build');
      return built(options.verify ?? 'pass');
    },
    tryNotebooks: options.notebooks
      ? async () => {
          order.push('try');
          failIf('try');
          return tried(options.tryPasses ?? true);
        }
      : null,
    push: async (ctx) => {
      order.push('push');
      failIf('push');
      ctx.progress({
        kind: 'push',
        bytesSent: 5,
        bytesTotal: 10,
        percent: 50,
        bytesPerSecond: 1,
        etaSeconds: 5,
        layers: [],
        phase: 'pushing',
        layersDone: 0,
        layersTotal: 1,
        totalKnown: true,
        message: null,
      });
      return pushed;
    },
    register: async () => {
      order.push('elyra');
      failIf('elyra');
      return { path: '/j/metadata/runtime-images/x.json', replaced: false, name: 'x' };
    },
  };
  return { made, order };
}

function context(signal = new AbortController().signal) {
  const seen: MakeProgress[] = [];
  const log: string[] = [];
  const cancelled: string[] = [];
  const ctx: ChainContext = {
    signal,
    log: (line) => log.push(line),
    progress: (p) => seen.push(p),
    whenCancelled: (m) => cancelled.push(m),
  };
  return { ctx, seen, log, cancelled, last: () => seen.at(-1) };
}

describe('runMake', () => {
  it('runs build, try, push and the Elyra entry in that order, and the bar only goes forward to 100', async () => {
    const { made, order } = parts({ notebooks: true });
    const { ctx, seen, last } = context();
    const result = await runMake(made, ctx);
    expect(order).toEqual(['build', 'try', 'push', 'elyra']);
    expect(last()?.steps.map((s) => [s.id, s.status])).toEqual([
      ['build', 'done'],
      ['try', 'done'],
      ['push', 'done'],
      ['elyra', 'done'],
    ]);
    expect(last()?.percent).toBe(100);
    const percents = seen.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    // The running step's own progress is passed on: the build's step, then the push's bytes.
    expect(seen.some((p) => p.current?.kind === 'build' && p.steps[0]?.status === 'running')).toBe(true);
    expect(seen.some((p) => p.current?.kind === 'push' && p.steps[2]?.status === 'running')).toBe(true);
    expect(result.push.digest).toBe(pushed.digest);
    expect(result.elyra.name).toBe('x');
    expect(result.try?.passed).toBe(true);
  });

  it('skips the try when no notebooks were given, and says why', async () => {
    const { made, order } = parts({ notebooks: false });
    const { ctx, last, log } = context();
    const result = await runMake(made, ctx);
    expect(order).toEqual(['build', 'push', 'elyra']);
    expect(last()?.steps[1]).toEqual({ id: 'try', label: 'Try your notebooks', status: 'skipped', detail: 'no notebooks were given' });
    expect(result.try).toBeNull();
    expect(log.filter((l) => l.startsWith('==> ['))).toEqual(['==> [1/3] Build and check', '==> [2/3] Push', '==> [3/3] Add to Elyra']);
  });

  it('stops at the first failure: that step is named with its error, later steps never run, the error keeps its code', async () => {
    const { made, order } = parts({ notebooks: true, fail: 'push' });
    const { ctx, last, log } = context();
    const failure = await runMake(made, ctx).catch((e: unknown) => e);
    expect(hasErrorCode(failure, ErrorCodes.pushDenied)).toBe(true);
    expect(order).toEqual(['build', 'try', 'push']);
    expect(last()?.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'waiting']);
    expect(last()?.steps[2]?.detail).toBe('push went wrong');
    expect(last()?.kept).toEqual(['rib/x:1 is built and stays on your engine', "the try's results are in /data/tries/x"]);
    expect(log).toContain('==> Push failed: push went wrong');
  });

  it('a build whose check fails stops before the push, as verify-failed', async () => {
    const { made, order } = parts({ verify: 'fail' });
    const { ctx, last } = context();
    const failure = await runMake(made, ctx).catch((e: unknown) => e);
    expect(hasErrorCode(failure, ErrorCodes.verifyFailed)).toBe(true);
    expect((failure as AppError).message).toContain('python3 on PATH');
    expect(order).toEqual(['build']);
    expect(last()?.steps[0]?.status).toBe('failed');
  });

  it('a try with a failing import stops before the push, as try-failed', async () => {
    const { made, order } = parts({ notebooks: true, tryPasses: false });
    const { ctx, last } = context();
    const failure = await runMake(made, ctx).catch((e: unknown) => e);
    expect(hasErrorCode(failure, ErrorCodes.tryFailed)).toBe(true);
    expect((failure as AppError).message).toMatch(/^1 import failed, 1 of 1 file did not run through in rib\/x:1/);
    expect(order).toEqual(['build', 'try']);
    expect(last()?.steps.map((s) => s.status)).toEqual(['done', 'failed', 'waiting', 'waiting']);
  });

  it('a cancel during the push says what was done, what the push left and what was not done', async () => {
    const controller = new AbortController();
    const { made, order } = parts();
    made.push = async (ctx) => {
      order.push('push');
      controller.abort();
      throw ctx.signal.reason;
    };
    const { ctx, last, cancelled } = context(controller.signal);
    await expect(runMake(made, ctx)).rejects.toBeDefined();
    expect(order).toEqual(['build', 'push']);
    expect(last()?.steps.map((s) => s.status)).toEqual(['done', 'skipped', 'cancelled', 'waiting']);
    expect(cancelled).toEqual([
      'Cancelled while pushing. rib/x:1 is built and stays on your engine. Layers the registry already has stay there and are not sent again next time. Not done: Add to Elyra.',
    ]);
  });
});

describe('a make job in the job manager', () => {
  it('ends cancelled with the message the chain gave', async () => {
    const jobs = new JobManager(() => undefined, { intervalMs: 0 });
    const { made } = parts();
    made.build = (ctx) =>
      new Promise((_, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new AppError('cancelled', 'stopped')));
      });
    const job = jobs.start('make', 'Make', (ctx) => runMake(made, ctx).then(() => null));
    jobs.cancel(job.id);
    const ended = await jobs.wait(job.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.error?.message).toBe('Cancelled while building the image. Nothing of the unfinished build was left behind. Not done: Push, Add to Elyra.');
  });
});
