import type Dockerode from 'dockerode';
import { AppError } from '../../contract/errors';
import { errorCode, errorMessage } from '../docker-config/file-access';

// Socket-level failures: the engine is not there, or went away while we were talking to it.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** True when the error says the connection to the engine failed, not that the engine said no. */
export function isConnectionFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  return /socket hang up|ECONNREFUSED|ECONNRESET|premature close|aborted/i.test(errorMessage(error));
}

/**
 * How long to wait, after a step or a check failed in a way a stopping engine could have caused,
 * for the engine to show it is going away; within the 5 s a user waits for a clear answer.
 */
export const ENGINE_GONE_WAIT_MS = 3500;

/**
 * The engine went away once the image was built, while the app checked or measured it. One
 * message for all of it: to the user, that is all "checking the image".
 */
export function engineGoneDuringCheck(error: unknown): AppError {
  return new AppError(
    'engine-unavailable',
    'The Docker engine is not running, so the image could not be checked. Start Docker, then press Retry.',
    errorMessage(error),
  );
}

/**
 * Why looking up `image` on the engine failed, before checking or measuring it: the engine went
 * away, or (anything else the engine answered) the image is not there.
 */
export function imageLookupFailure(error: unknown, image: string): AppError {
  if (isConnectionFailure(error)) return engineGoneDuringCheck(error);
  return new AppError('not-found', `There is no image ${image} on this engine.`, errorMessage(error));
}

/** Whether the engine answers a ping within `timeoutMs`: after a stream broke off, was it the engine? */
export async function engineAnswers(docker: Dockerode, timeoutMs = 3000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    // The typings of ping() take no options, so the time limit is a race rather than an AbortSignal.
    return await Promise.race([
      docker.ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface EngineWatch {
  /** Resolves true if the engine goes away within `ms` (or went away already), false if it stays. */
  goneWithin(ms: number): Promise<boolean>;
  stop(): void;
}

/**
 * Watches the engine's event stream for the length of a build. A stopping engine keeps answering
 * pings for seconds while it shuts down (seen here: over 3.9 s on Engine 20.10), but it closes its
 * event streams as it goes: that is how a failure caused by the engine going away is told from a
 * failure of the recipe.
 */
export async function watchEngine(docker: Dockerode): Promise<EngineWatch> {
  let gone = false;
  const waiters = new Set<() => void>();
  const markGone = () => {
    gone = true;
    for (const wake of waiters) wake();
    waiters.clear();
  };
  let stream: NodeJS.ReadableStream | null = null;
  try {
    stream = await docker.getEvents({ filters: JSON.stringify({ type: ['daemon'] }) });
    stream.on('end', markGone);
    stream.on('close', markGone);
    stream.on('error', markGone);
    // Nothing is read from it but its end; a flowing stream never fills its buffer.
    stream.resume();
  } catch {
    stream = null;
  }
  let stopped = false;
  return {
    goneWithin(ms) {
      // No event stream (an engine without one): all that is left is whether it answers a ping.
      if (stream === null) return engineAnswers(docker, ms).then((answers) => !answers);
      if (gone) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(gone);
        }, ms);
        waiters.add(wake);
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      stream?.removeListener('end', markGone);
      stream?.removeListener('close', markGone);
      stream?.removeListener('error', markGone);
      const destroyable = stream as unknown as { destroy?: () => void } | null;
      destroyable?.destroy?.();
    },
  };
}
