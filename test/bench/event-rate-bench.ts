// Renderer updates under a flood of engine events: a recorded push stream replayed at 5,000
// events/s through pushImage (line splitting, parsing, aggregation) and a real JobManager with its
// default interval, wired as the app's push job is. What the JobManager publishes is what the
// renderer would receive, so its publish calls per second are the renderer's updates per second.
// The last published figures must equal the aggregator's own final figures exactly: coalescing may
// drop intermediate updates, never the final state.
import type { PushProgress } from '../../electron/contract/domain/job';
import type { JobUpdate } from '../../electron/contract/domain/job';
import { JobManager } from '../../electron/core/job-manager';
import { createPushAggregator, describePushEvent, pushImage } from '../../electron/services/push';
import type { Scenario } from '../../electron/services/push/testing/recorded-push';
import { densify, pacedEngine } from './replay-stream';
import { median } from './stats';

export interface EventRateResult {
  scenario: Scenario;
  recordedEvents: number;
  factor: number;
  events: number;
  /** Events per second the replay achieved (target 5,000). */
  achievedRate: number;
  replayMs: number;
  publishes: number;
  /** Publish calls in each second of the replay, counted from the job's start. */
  perSecondBuckets: number[];
  /** 1000 ÷ the median gap between publishes: the rate the coalescing settles at. */
  steadyPerSecond: number;
  /**
   * Most publish calls in any one-second window [t, t + 1 s): the strict reading of "per second".
   * With an interval of exactly 1000/n ms, n gaps fit in one second, so n + 1 updates can (fence-post).
   */
  maxInOneSecond: number;
  /** Smallest and median gap between two publishes, ms (the final one may come sooner than the interval). */
  minGapMs: number;
  medianGapMs: number;
  exact: { ok: boolean; problems: string[] };
  /** aggregator.apply + snapshot per event, as pushImage calls them, unpaced. */
  aggregatorRate: number;
  /** The whole path (pushImage + JobManager) with the stream written at once. */
  pipelineRate: number;
}

const auth = { username: 'bench', secret: 'bench-secret', kind: 'password' as const };

/** The figures that must agree; speed and ETA depend on the clock and are left out. */
function totals(progress: PushProgress | null | undefined): Record<string, unknown> | null {
  if (progress === null || progress === undefined) return null;
  const { bytesSent, bytesTotal, percent, phase, layersDone, layersTotal, totalKnown, message, layers } = progress;
  return { bytesSent, bytesTotal, percent, phase, layersDone, layersTotal, totalKnown, message, layers };
}

interface ReplayRun {
  updates: { at: number; update: JobUpdate }[];
  serviceFinal: PushProgress | null;
  log: string[];
  status: string;
  timing: { firstAt: number; lastAt: number };
}

async function replay(lines: readonly string[], eventsPerSecond: number): Promise<ReplayRun> {
  const updates: { at: number; update: JobUpdate }[] = [];
  const jobs = new JobManager((update) => updates.push({ at: performance.now(), update }));
  const { engine, timing } = pacedEngine(lines, eventsPerSecond);
  let serviceFinal: PushProgress | null = null;
  const job = jobs.start('push', 'Push (replay)', (ctx) =>
    pushImage({
      docker: engine,
      image: 'rib-bench/replay:1',
      reference: '127.0.0.1:5000/rib-bench/replay:1',
      auth,
      signal: ctx.signal,
      onEvent: (update) => {
        serviceFinal = update.progress;
        const line = describePushEvent(update.event);
        if (line !== null) ctx.log(line);
        ctx.progress(update.progress);
      },
    }),
  );
  const final = await jobs.wait(job.id);
  return { updates, serviceFinal, log: jobs.get(job.id).log, status: final.status, timing: await timing };
}

/** Counts per consecutive window from the first time on (the last window may be partial). */
function buckets(times: readonly number[], windowMs: number): number[] {
  const first = times[0] ?? 0;
  const counts: number[] = [];
  for (const t of times) {
    const index = Math.floor((t - first) / windowMs);
    while (counts.length <= index) counts.push(0);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end += 1) {
    while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

function checkExact(run: ReplayRun, lines: readonly string[]): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  const last = run.updates.at(-1)?.update;
  if (run.status !== 'succeeded') problems.push(`the job ${run.status}`);
  const published = last?.snapshot.progress;
  const publishedPush = published?.kind === 'push' ? published : null;
  if (JSON.stringify(totals(publishedPush)) !== JSON.stringify(totals(run.serviceFinal))) {
    problems.push(
      `last update ${JSON.stringify(totals(publishedPush))?.slice(0, 200)} ≠ aggregator ${JSON.stringify(totals(run.serviceFinal))?.slice(0, 200)}`,
    );
  }
  // An aggregator of our own over the same lines: the figures do not depend on the pace.
  const own = createPushAggregator();
  for (const line of lines) own.apply(line);
  const ownFinal = own.snapshot(performance.now());
  if (JSON.stringify(totals(ownFinal)) !== JSON.stringify(totals(publishedPush))) problems.push('last update ≠ an unpaced aggregator over the same stream');
  if (publishedPush !== null && (publishedPush.bytesSent !== publishedPush.bytesTotal || publishedPush.percent !== 100)) {
    problems.push(`final ${publishedPush.bytesSent}/${publishedPush.bytesTotal} bytes, ${publishedPush.percent}%`);
  }
  // The log: every line published once, in order, with no gap.
  let expectedFrom = 0;
  for (const { update } of run.updates) {
    if (update.logFrom !== expectedFrom) problems.push(`log gap: update from line ${update.logFrom}, expected ${expectedFrom}`);
    expectedFrom = update.logFrom + update.appendedLog.length;
  }
  if (expectedFrom !== run.log.length) problems.push(`published ${expectedFrom} log lines of ${run.log.length}`);
  return { ok: problems.length === 0, problems };
}

function aggregatorRate(lines: readonly string[], minMs: number): number {
  let events = 0;
  const started = performance.now();
  while (performance.now() - started < minMs) {
    const aggregator = createPushAggregator();
    for (const line of lines) {
      aggregator.apply(line);
      aggregator.snapshot(performance.now());
    }
    events += lines.length;
  }
  return (events * 1000) / (performance.now() - started);
}

export async function benchEventRate(options: { eventsPerSecond?: number; seconds?: number; scenario?: Scenario } = {}): Promise<EventRateResult> {
  const eventsPerSecond = options.eventsPerSecond ?? 5_000;
  const scenario = options.scenario ?? 'many-layers';
  const stream = densify(scenario, eventsPerSecond * (options.seconds ?? 4));
  const run = await replay(stream.lines, eventsPerSecond);
  const replayMs = run.timing.lastAt - run.timing.firstAt;
  const times = run.updates.map((u) => u.at);
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const unpaced = await (async () => {
    const started = performance.now();
    const fast = await replay(stream.lines, 0);
    if (fast.status !== 'succeeded') throw new Error(`the unpaced replay ${fast.status}`);
    return (stream.lines.length * 1000) / (performance.now() - started);
  })();
  return {
    scenario,
    recordedEvents: stream.recordedEvents,
    factor: stream.factor,
    events: stream.lines.length,
    achievedRate: (stream.lines.length * 1000) / replayMs,
    replayMs,
    publishes: run.updates.length,
    perSecondBuckets: buckets(times, 1000),
    steadyPerSecond: gaps.length > 0 ? 1000 / median(gaps) : 0,
    maxInOneSecond: maxInWindow(times, 1000),
    minGapMs: gaps.length > 0 ? Math.min(...gaps) : 0,
    medianGapMs: median(gaps),
    exact: checkExact(run, stream.lines),
    aggregatorRate: aggregatorRate(stream.lines, 1000),
    pipelineRate: unpaced,
  };
}
