import { randomUUID } from 'node:crypto';
import type { JobKind, JobProgress, JobSnapshot, JobUpdate } from '../contract/domain/job';
import { AppError, toErrorPayload } from '../contract/errors';

type Json = JobSnapshot['result'];

export interface JobContext {
  readonly signal: AbortSignal;
  log(line: string): void;
  progress(progress: JobProgress): void;
}

export type JobRunner = (ctx: JobContext) => Promise<Json>;

interface JobRecord {
  snapshot: JobSnapshot;
  log: string[];
  controller: AbortController;
  /** Index of the first log line not yet published. */
  published: number;
  dirty: boolean;
  lastFlush: number;
  timer: ReturnType<typeof setTimeout> | null;
  done: Promise<JobSnapshot>;
}

export interface JobManagerOptions {
  /** Smallest gap between two updates of one job: the renderer never gets more than 1000/interval a second. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * Owns every long-running job in the main process. Updates are coalesced so the renderer sees at
 * most one per interval whatever rate the engine streams at; the final update is sent at once.
 */
/** What a cancelled job leaves behind, said per kind. */
const cancelledMessage: Record<JobKind, string> = {
  build: 'Cancelled. Nothing was left behind; you can start again.',
  push: 'Push cancelled. Layers the registry already has stay there and are not sent again when you push again.',
};

export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly publish: (update: JobUpdate) => void,
    options: JobManagerOptions = {},
  ) {
    // 125 ms, not 100: flushes at least that far apart plus the at-once start and final updates
    // stay within ten in any one second (measured by `npm run bench`).
    this.intervalMs = options.intervalMs ?? 125;
    this.now = options.now ?? Date.now;
  }

  start(kind: JobKind, title: string, run: JobRunner): JobSnapshot {
    const controller = new AbortController();
    const record: JobRecord = {
      snapshot: {
        id: randomUUID(),
        kind,
        title,
        status: 'running',
        startedAt: this.now(),
        endedAt: null,
        progress: null,
        logLength: 0,
        result: null,
        error: null,
      },
      log: [],
      controller,
      published: 0,
      dirty: true,
      lastFlush: 0,
      timer: null,
      done: Promise.resolve(null as never),
    };
    this.jobs.set(record.snapshot.id, record);
    const ctx: JobContext = {
      signal: controller.signal,
      log: (line) => {
        if (record.snapshot.status !== 'running') return;
        record.log.push(line);
        record.snapshot = { ...record.snapshot, logLength: record.log.length };
        this.markDirty(record);
      },
      progress: (progress) => {
        if (record.snapshot.status !== 'running') return;
        record.snapshot = { ...record.snapshot, progress };
        this.markDirty(record);
      },
    };
    record.done = this.runJob(record, run, ctx);
    this.flush(record);
    return record.snapshot;
  }

  private async runJob(record: JobRecord, run: JobRunner, ctx: JobContext): Promise<JobSnapshot> {
    try {
      const result = await run(ctx);
      this.finish(record, record.controller.signal.aborted ? { status: 'cancelled' } : { status: 'succeeded', result });
    } catch (error) {
      if (record.controller.signal.aborted) this.finish(record, { status: 'cancelled' });
      else this.finish(record, { status: 'failed', error });
    }
    return record.snapshot;
  }

  // A build removes what it made; a push cannot take back the layers the registry already has.
  private finish(
    record: JobRecord,
    outcome: { status: 'succeeded'; result: Json } | { status: 'failed'; error: unknown } | { status: 'cancelled' },
  ): void {
    record.snapshot = {
      ...record.snapshot,
      status: outcome.status,
      endedAt: this.now(),
      result: outcome.status === 'succeeded' ? outcome.result : null,
      error:
        outcome.status === 'failed'
          ? toErrorPayload(outcome.error)
          : outcome.status === 'cancelled'
            ? new AppError('cancelled', cancelledMessage[record.snapshot.kind]).toPayload()
            : null,
    };
    if (record.timer) clearTimeout(record.timer);
    record.timer = null;
    record.dirty = true;
    this.flush(record);
  }

  private markDirty(record: JobRecord): void {
    record.dirty = true;
    if (record.timer) return;
    const wait = record.lastFlush + this.intervalMs - this.now();
    if (wait <= 0) {
      this.flush(record);
      return;
    }
    record.timer = setTimeout(() => {
      record.timer = null;
      this.flush(record);
    }, wait);
  }

  private flush(record: JobRecord): void {
    if (!record.dirty) return;
    record.dirty = false;
    record.lastFlush = this.now();
    const logFrom = record.published;
    const appendedLog = record.log.slice(logFrom);
    record.published = record.log.length;
    this.publish({ snapshot: record.snapshot, logFrom, appendedLog });
  }

  cancel(id: string): boolean {
    const record = this.jobs.get(id);
    if (!record || record.snapshot.status !== 'running') return false;
    record.controller.abort(new AppError('cancelled', 'Cancelled by the user.'));
    return true;
  }

  get(id: string, fromLine = 0): { snapshot: JobSnapshot; log: string[] } {
    const record = this.jobs.get(id);
    if (!record) throw new AppError('not-found', `There is no job with id ${id}.`);
    return { snapshot: record.snapshot, log: record.log.slice(fromLine) };
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()].map((r) => r.snapshot).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Resolves when the job has ended, with its final snapshot (for the CLI and tests). */
  wait(id: string): Promise<JobSnapshot> {
    const record = this.jobs.get(id);
    if (!record) return Promise.reject(new AppError('not-found', `There is no job with id ${id}.`));
    return record.done;
  }

  running(): JobSnapshot[] {
    return this.list().filter((s) => s.status === 'running');
  }
}
