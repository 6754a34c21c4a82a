import { z } from 'zod';
import { ErrorPayload } from '../errors';
import { TryProgress } from './try';

/**
 * Long work (build, push, a try of the image, and `make`: all of them and the Elyra entry in one go) is a job
 * owned by the main process. The renderer only ever sees snapshots and appended log lines, so a reload or a
 * reopened window can replay the whole job.
 */
export const JobKind = z.enum(['build', 'push', 'try', 'make']);
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

/** The steps of `make`, in the order they run. */
export const MakeStepId = z.enum(['build', 'try', 'push', 'elyra']);
export type MakeStepId = z.infer<typeof MakeStepId>;

export const MakeStepStatus = z.enum(['waiting', 'running', 'done', 'failed', 'cancelled', 'skipped']);
export type MakeStepStatus = z.infer<typeof MakeStepStatus>;

export const MakeStep = z.object({
  id: MakeStepId,
  label: z.string(),
  status: MakeStepStatus,
  /** How it ended, or why it was skipped, in a few words ("3 notebooks ran", "no notebooks given"). */
  detail: z.string().nullable(),
});
export type MakeStep = z.infer<typeof MakeStep>;

/** Build, try, push and register as one job: each step's state, and the running step's own progress. */
export const MakeProgress = z.object({
  kind: z.literal('make'),
  steps: z.array(MakeStep),
  /** The whole chain, each step weighted by how long it usually takes. */
  percent: z.number().min(0).max(100),
  current: z.discriminatedUnion('kind', [BuildProgress, PushProgress, TryProgress]).nullable(),
  /** What stays after a failure or a cancel ("rib/pandas:1 is built and stays on your engine"). */
  kept: z.array(z.string()),
});
export type MakeProgress = z.infer<typeof MakeProgress>;

export const JobProgress = z.discriminatedUnion('kind', [BuildProgress, PushProgress, TryProgress, MakeProgress]);
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
