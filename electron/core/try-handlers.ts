import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import type { Handlers } from '../contract/ipc';
import type { TryInput, TryProgress, TryReport } from '../contract/domain/try';
import { AppError } from '../contract/errors';
import type { HistoryStore } from '../services/history';
import { createPythonParser, type PythonParser } from '../services/infer';
import { trySummary, tryImage } from '../services/try';
import type { EngineSession } from './engine-session';
import type { JobContext, JobManager } from './job-manager';

export interface TryHandlerDeps {
  jobs: JobManager;
  engine: EngineSession;
  history: HistoryStore;
  /** The app's own folder: each try's results go to a folder of their own under `tries/`. */
  dataDir: string;
  /** Opens a folder in the system's file manager; false when it could not. */
  openPath: (path: string) => Promise<boolean>;
  now?: () => Date;
}

/** The results folder of one try: the image and the time, so a list of them reads in order. */
export function tryOutputDir(dataDir: string, image: string, at: Date): string {
  const slug =
    image
      .replace(/^.*\//, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 80) || 'image';
  return join(dataDir, 'tries', `${slug}-${at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}`);
}

/** Keeps the try on the newest successful build of that image; an image the app did not build has no entry. */
export function recordTry(history: HistoryStore, image: string, report: TryReport, at: Date): boolean {
  const entry = history.list().entries.find((e) => e.kind === 'build' && e.result === 'succeeded' && (e.image === image || `${e.image}:latest` === image));
  if (!entry) return false;
  history.update(entry.id, { tried: trySummary(report, at) });
  return true;
}

/**
 * Trying a built image with the user's notebooks, as a job like a build: the renderer starts it,
 * watches it, may cancel it. Its outcome is kept on the history entry of the build of that image.
 */
export function tryHandlers(deps: TryHandlerDeps, prepare: TryPreparer = tryPreparer(deps)): Pick<Handlers, 'try:start' | 'try:open-folder'> {
  const triesDir = resolve(deps.dataDir, 'tries');

  return {
    'try:start': async (input) => {
      const tried = await prepare(input);
      return deps.jobs.start('try', `Try ${input.image}`, tried.run, { image: input.image, reference: null });
    },
    // Only the folders tries made: the renderer cannot have the OS open any path it names.
    'try:open-folder': async ({ path }) => {
      const target = resolve(path);
      const rel = relative(triesDir, target);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
        throw new AppError('invalid-input', 'Only the folders of a try can be opened from here.');
      }
      return { opened: await deps.openPath(target) };
    },
  };
}

/** A try ready to run, as a job of its own or as a step of `make`. */
export interface PreparedTry {
  run: (ctx: Pick<JobContext, 'signal' | 'log'> & { progress(progress: TryProgress): void }) => Promise<TryReport>;
}
export type TryPreparer = (input: TryInput) => Promise<PreparedTry>;

/** The engine and the results folder of a try; its outcome is kept on the history entry of the image's build. */
export function tryPreparer(deps: TryHandlerDeps): TryPreparer {
  const now = deps.now ?? (() => new Date());
  let parser: Promise<PythonParser> | null = null;
  return async ({ image, paths, allowNetwork, timeoutSeconds, run }) => {
    const docker = await deps.engine.client();
    const outputDir = tryOutputDir(deps.dataDir, image, now());
    return {
      run: async (ctx) => {
        const report = await tryImage({
          docker,
          image,
          paths,
          network: allowNetwork ? 'default' : 'none',
          timeoutSeconds,
          run,
          outputDir,
          parser: await (parser ??= createPythonParser()),
          signal: ctx.signal,
          log: ctx.log,
          progress: ctx.progress,
        });
        recordTry(deps.history, image, report, now());
        return report;
      },
    };
  };
}
