import type Dockerode from 'dockerode';
import type { VerifyNetwork } from '../../contract/domain/verify';
import { AppError } from '../../contract/errors';
import { LABEL_NAMESPACE } from '../recipe/image-labels';
import { runInContainer } from '../engine/run-in-container';

/** Marks the app's short-lived check containers, so one left by a crash can be recognised. */
export const VERIFY_CONTAINER_LABEL = `${LABEL_NAMESPACE}.verify`;

export interface RunOnceOptions {
  docker: Dockerode;
  image: string;
  /** Run as Elyra does: `sh -c script`, the image's ENTRYPOINT and CMD replaced. */
  script: string;
  env?: readonly string[];
  network?: VerifyNetwork;
  /** Run as this user ("uid:gid") instead of the image's USER. */
  user?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Output beyond this many bytes per stream is dropped (an image could print forever). */
  maxOutputBytes?: number;
}

export interface RunOnceResult {
  /** Null when the container could not start (no `sh` in the image, a bad platform). */
  exitCode: number | null;
  startError: string | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `sh -c script` once in the image and returns its output, demultiplexed. The container is
 * removed afterwards whatever happens: a failed start, a timeout, a cancel. Throws AppError
 * `verify-timeout`, `cancelled` or `engine-unavailable`.
 */
export async function runOnce(options: RunOnceOptions): Promise<RunOnceResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const run = await runInContainer({
    docker: options.docker,
    image: options.image,
    script: options.script,
    ...(options.env ? { env: options.env } : {}),
    ...(options.user !== undefined ? { user: options.user } : {}),
    network: options.network ?? 'none',
    timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
    label: VERIFY_CONTAINER_LABEL,
    purpose: 'check',
    output: { maxBytes: options.maxOutputBytes ?? 4 * 1024 * 1024, keep: 'head' },
  });
  if (run.timedOut)
    throw new AppError('verify-timeout', `The check did not finish within ${Math.round(timeoutMs / 1000)} s, so it was stopped.`, run.stdout.slice(-2000));
  return { exitCode: run.exitCode, startError: run.startError, stdout: run.stdout, stderr: run.stderr };
}
