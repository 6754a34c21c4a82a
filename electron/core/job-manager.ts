import { randomUUID } from 'node:crypto';
import type { JobKind, JobProgress, JobRemoved, JobSnapshot, JobSubject, JobUpdate } from '../contract/domain/job';
import { AppError, toErrorPayload } from '../contract/errors';

type Json = JobSnapshot['result'];

export interface JobContext {
  readonly signal: AbortSignal;
  log(line: string): void;
  progress(progress: JobProgress): void;
  /** What a cancel leaves, when only the job knows it (which of its steps had run); else its kind's words. */
  whenCancelled(message: string): void;
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
  cancelledMessage: string | null;
}

export interface JobManagerOptions {
  /** Smallest gap between two updates of one job: the renderer never gets more than 1000/interval a second. */
  intervalMs?: number;
  now?: () => number;
  /** How many finished jobs are kept, newest first (the newest of each kind is kept regardless). */
  keepFinished?: number;
  /** How long a finished job is kept after it ended (the newest of each kind is kept regardless). */
  keepFinishedMs?: number;
  /** Told when a finished job is forgotten, so views can drop it too. */
  removed?: (removal: JobRemoved) => void;
}

/**
 * Enough for the Build and Push screens and a few jobs back; a build log is a few hundred KB, so
 * this bounds what jobs hold to a few MB however long the app runs.
 */
export const DEFAULT_KEEP_FINISHED = 10;
export const DEFAULT_KEEP_FINISHED_MS = 60 * 60 * 1000;

/** What a cancelled job leaves behind, said per kind. */
const cancelledMessage: Record<JobKind, string> = {
  build: 'Cancelled. Nothing was left behind; you can start again.',
  push: 'Push cancelled. Layers the registry already has stay there and are not sent again when you push again.',
  try: 'Try cancelled. Its containers were removed; what it saved so far stays in its folder.',
  make: 'Cancelled. What its finished steps made stays; nothing after the cancelled step was done.',
};

/**
 * Owns every long-running job in the main process. Updates are coalesced so the renderer sees at
 * most one per interval whatever rate the engine streams at; the final update is sent at once.
 * Finished jobs are forgotten after a while (their outcome is in the history): a long-lived app
 * must not keep every build log it ever streamed.
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly keepFinished: number;
  private readonly keepFinishedMs: number;
  private readonly removed: (removal: JobRemoved) => void;
  private pruneTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly publish: (update: JobUpdate) => void,
    options: JobManagerOptions = {},
  ) {
    // 125 ms, not 100: flushes at least that far apart plus the at-once start and final updates
    // stay within ten in any one second (measured by `npm run bench`).
    this.intervalMs = options.intervalMs ?? 125;
    this.now = options.now ?? Date.now;
    this.keepFinished = options.keepFinished ?? DEFAULT_KEEP_FINISHED;
    this.keepFinishedMs = options.keepFinishedMs ?? DEFAULT_KEEP_FINISHED_MS;
    this.removed = options.removed ?? (() => undefined);
  }

  start(kind: JobKind, title: string, run: JobRunner, subject: JobSubject | null = null): JobSnapshot {
    const controller = new AbortController();
    const record: JobRecord = {
      snapshot: {
        id: randomUUID(),
        kind,
        title,
        subject,
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
      cancelledMessage: null,
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
      whenCancelled: (message) => {
        record.cancelledMessage = message;
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
  private finish(record: JobRecord, outcome: { status: 'succeeded'; result: Json } | { status: 'failed'; error: unknown } | { status: 'cancelled' }): void {
    record.snapshot = {
      ...record.snapshot,
      status: outcome.status,
      endedAt: this.now(),
      result: outcome.status === 'succeeded' ? outcome.result : null,
      error:
        outcome.status === 'failed'
          ? toErrorPayload(outcome.error)
          : outcome.status === 'cancelled'
            ? new AppError('cancelled', record.cancelledMessage ?? cancelledMessage[record.snapshot.kind]).toPayload()
            : null,
    };
    if (record.timer) clearTimeout(record.timer);
    record.timer = null;
    record.dirty = true;
    this.flush(record);
    this.prune();
  }

  /**
   * Forgets finished jobs beyond the newest `keepFinished`, and those that ended more than
   * `keepFinishedMs` ago, except the newest finished job of each kind (the screen shows it).
   */
  prune(): void {
    const now = this.now();
    // Newest first: by end time, and among jobs that ended in the same millisecond the later started (stable sort).
    const finished = [...this.jobs.values()]
      .reverse()
      .filter((r) => r.snapshot.status !== 'running')
      .sort((a, b) => (b.snapshot.endedAt ?? 0) - (a.snapshot.endedAt ?? 0));
    const newestOfKind = new Set<string>();
    const seenKinds = new Set<JobKind>();
    for (const r of finished) {
      if (seenKinds.has(r.snapshot.kind)) continue;
      seenKinds.add(r.snapshot.kind);
      newestOfKind.add(r.snapshot.id);
    }
    let nextExpiry = Infinity;
    finished.forEach((r, index) => {
      if (newestOfKind.has(r.snapshot.id)) return;
      const expires = (r.snapshot.endedAt ?? now) + this.keepFinishedMs;
      if (index >= this.keepFinished || expires <= now) {
        this.jobs.delete(r.snapshot.id);
        this.removed({ id: r.snapshot.id, kind: r.snapshot.kind });
      } else {
        nextExpiry = Math.min(nextExpiry, expires);
      }
    });
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.pruneTimer = null;
    if (nextExpiry !== Infinity) {
      this.pruneTimer = setTimeout(() => this.prune(), Math.max(0, nextExpiry - now));
      // Only a clean-up: it must not keep the CLI or a test process alive.
      this.pruneTimer.unref?.();
    }
  }

  /** Stops the clean-up timer (the app is quitting). */
  dispose(): void {
    if (this.pruneTimer) clearTimeout(this.pruneTimer);
    this.pruneTimer = null;
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
