// The app side of a push, wired as the app's push job wires it (electron/core/registry-handlers.ts):
// pushImage inside a JobManager job, each event described into the log and its progress reported,
// so the measured path includes the per-event work the app really does, not pushImage bare.
import type Dockerode from 'dockerode';
import type { PushProgress } from '../../electron/contract/domain/job';
import type { PushResult } from '../../electron/contract/domain/push';
import { JobManager } from '../../electron/core/job-manager';
import { describePushEvent, pushImage } from '../../electron/services/push';
import type { RegistryCredentials } from '../../electron/services/registry';

export interface AppPushOptions {
  docker: Dockerode;
  image: string;
  reference: string;
  auth: RegistryCredentials;
}

export interface AppPushRun {
  /** From the call to pushImage to its resolving. */
  ms: number;
  result: PushResult;
  /** Updates the JobManager published (what the renderer would get). */
  updates: number;
  /** The figures after the last event (bytes pushed and the like). */
  finalProgress: PushProgress | null;
}

export async function appPush(options: AppPushOptions): Promise<AppPushRun> {
  let updates = 0;
  const jobs = new JobManager(() => {
    updates += 1;
  });
  // Filled by the job's runner; an object, not a `let`, so TypeScript does not narrow it to null.
  const measured: { ms?: number; result?: PushResult; progress?: PushProgress } = {};
  const job = jobs.start('push', `Push ${options.reference}`, async (ctx) => {
    const started = performance.now();
    const result = await pushImage({
      docker: options.docker,
      image: options.image,
      reference: options.reference,
      auth: options.auth,
      signal: ctx.signal,
      onEvent: (update) => {
        const line = describePushEvent(update.event);
        if (line !== null) ctx.log(line);
        measured.progress = update.progress;
        ctx.progress(update.progress);
      },
    });
    measured.ms = performance.now() - started;
    measured.result = result;
    return result;
  });
  const final = await jobs.wait(job.id);
  const { ms, result } = measured;
  if (final.status !== 'succeeded' || ms === undefined || result === undefined) {
    throw new Error(`the app's push of ${options.reference} ${final.status}: ${final.error?.message ?? ''}`);
  }
  return { ms, result, updates, finalProgress: measured.progress ?? null };
}
