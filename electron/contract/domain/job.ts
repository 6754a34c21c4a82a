import { z } from 'zod';
import { ErrorPayload } from '../errors';
import { TryProgress } from './try';

/**
 * Long work (build, push, a try of the image) is a job owned by the main process. The renderer only ever sees
 * snapshots and appended log lines, so a reload or a reopened window can replay the whole job.
 */
export const JobKind = z.enum(['build', 'push', 'try']);
export type JobKind = z.infer<typeof JobKind>;

export const JobStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type JobStatus = z.infer<typeof JobStatus>;

export const BuildProgress = z.object({
  kind: z.literal('build'),
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().nonnegative(),
  label: z.string(),
});
export type BuildProgress = z.infer<typeof BuildProgress>;

export const LayerProgress = z.object({
  id: z.string(),
  status: z.string(),
  current: z.number().nonnegative(),
  total: z.number().nonnegative().nullable(),
  done: z.boolean(),
  /** How a finished layer got there: uploaded now, already in that repository, or mounted from another. */
  outcome: z.enum(['pushed', 'exists', 'mounted']).nullable(),
});
export type LayerProgress = z.infer<typeof LayerProgress>;

export const PushProgress = z.object({
  kind: z.literal('push'),
  bytesSent: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  percent: z.number().min(0).max(100),
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().nullable(),
  layers: z.array(LayerProgress),
  /** 'retrying': the engine lost the registry and is waiting to try again (see `message`). */
  phase: z.enum(['preparing', 'pushing', 'retrying', 'done', 'failed']),
  layersDone: z.number().int().nonnegative(),
  layersTotal: z.number().int().nonnegative(),
  /** False while a layer's size is still unknown: bytesTotal is then a lower bound and there is no ETA. */
  totalKnown: z.boolean(),
  /** The engine's latest words worth showing ("Retrying in 5 seconds"), or null. */
  message: z.string().nullable(),
});
export type PushProgress = z.infer<typeof PushProgress>;

export const JobProgress = z.discriminatedUnion('kind', [BuildProgress, PushProgress, TryProgress]);
export type JobProgress = z.infer<typeof JobProgress>;

/** What a job works on, so that a window opened later can show it in its fields. */
export const JobSubject = z.object({
  /** The local image: the tag a build makes, the image a push sends. */
  image: z.string(),
  /** Where a push sends it; null for a build. */
  reference: z.string().nullable(),
});
export type JobSubject = z.infer<typeof JobSubject>;

export const JobSnapshot = z.object({
  id: z.string(),
  kind: JobKind,
  title: z.string(),
  subject: JobSubject.nullable(),
  status: JobStatus,
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  progress: JobProgress.nullable(),
  logLength: z.number().int().nonnegative(),
  /** What the job produced, as the job's own domain schema describes it (validated there). */
  result: z.json().nullable(),
  error: ErrorPayload.nullable(),
});
export type JobSnapshot = z.infer<typeof JobSnapshot>;

/** Sent at most ~10 times a second per job; `logFrom` is the index of the first appended line. */
export const JobUpdate = z.object({
  snapshot: JobSnapshot,
  logFrom: z.number().int().nonnegative(),
  appendedLog: z.array(z.string()),
});
export type JobUpdate = z.infer<typeof JobUpdate>;

/**
 * A finished job main no longer keeps (it keeps a bounded number, for a bounded time): views drop
 * it; its outcome stays in the history.
 */
export const JobRemoved = z.object({ id: z.string(), kind: JobKind });
export type JobRemoved = z.infer<typeof JobRemoved>;
