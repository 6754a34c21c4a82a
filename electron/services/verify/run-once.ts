import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import type { VerifyNetwork } from '../../contract/domain/verify';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { LABEL_NAMESPACE } from '../recipe/image-labels';
import { ENGINE_GONE_WAIT_MS, engineGoneDuringCheck, type EngineWatch, isConnectionFailure, watchEngine } from '../engine/engine-connection';

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

class BoundedSink extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.size < this.limit) {
      const part = chunk.subarray(0, this.limit - this.size);
      this.chunks.push(part);
      this.size += part.length;
    }
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A check whose engine stopped under it leaves its (stopped) container behind, since nothing can
 * be removed while the engine is gone: the next check clears such leftovers first. Running ones
 * are another check's, and are left alone.
 */
async function removeStaleCheckContainers(docker: Dockerode): Promise<void> {
  try {
    // The states are picked here, not in the filter: Podman refuses a status filter with "dead"
    // in it ("unknown container state: dead", a 500 on 5.8), which left its stale checks in place.
    const stale = (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [VERIFY_CONTAINER_LABEL] }) })).filter((c) =>
      ['created', 'exited', 'dead'].includes(c.State),
    );
    await Promise.all(
      stale.map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  } catch {
    // Listing failed: the create below reports the engine's state with its own clear message.
  }
}

/** The image itself cannot run the check (no `sh`, a binary for another CPU): no engine to wait for. */
function imageCannotRun(error: unknown): boolean {
  return /executable file not found|exec format error|no such file or directory: OCI runtime/i.test(errorMessage(error));
}

/**
 * Runs `sh -c script` once in the image and returns its output, demultiplexed. The container is
 * removed afterwards whatever happens: a failed start, a timeout, a cancel. Throws AppError
 * `verify-timeout`, `cancelled` or `engine-unavailable`.
 */
export async function runOnce(options: RunOnceOptions): Promise<RunOnceResult> {
  const { docker, signal } = options;
  if (signal?.aborted) throw new AppError('cancelled', 'The check was cancelled.');

  await removeStaleCheckContainers(docker);
  // A stopping engine fails the start, or kills the check (137/143), before it stops answering:
  // its event stream closing tells that from an image that cannot run the check.
  const engine = await watchEngine(docker);
  try {
    return await runInNewContainer(options, engine);
  } finally {
    engine.stop();
  }
}

async function runInNewContainer(options: RunOnceOptions, engine: EngineWatch): Promise<RunOnceResult> {
  const { docker, signal } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const limit = options.maxOutputBytes ?? 4 * 1024 * 1024;
  let container: Dockerode.Container;
  try {
    container = await docker.createContainer({
      Image: options.image,
      // [] (not undefined): the engine keeps the image's ENTRYPOINT when the field is left out.
      Entrypoint: [],
      Cmd: ['sh', '-c', options.script],
      Env: [...(options.env ?? [])],
      ...(options.user !== undefined ? { User: options.user } : {}),
      Tty: false,
      AttachStdout: true,
      AttachStderr: true,
      Labels: { [VERIFY_CONTAINER_LABEL]: '1' },
      HostConfig: { NetworkMode: options.network ?? 'none', AutoRemove: false },
    });
  } catch (error) {
    // A shutting-down engine refuses new containers with a 500 before it stops answering.
    if (isConnectionFailure(error) || (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) throw engineGoneDuringCheck(error);
    throw new AppError('not-found', `The image ${options.image} could not be started for the check: ${errorMessage(error)}`, errorMessage(error));
  }

  const stdout = new BoundedSink(limit);
  const stderr = new BoundedSink(limit);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  let running = false;
  try {
    let attached: NodeJS.ReadWriteStream;
    try {
      attached = await container.attach({ stream: true, stdout: true, stderr: true });
    } catch (error) {
      // Podman makes the container's process when attaching, so an image without `sh` fails here
      // ("preparing container … for attach: … exec: "sh": executable file not found", seen on 5.8).
      if (isConnectionFailure(error) || (!imageCannotRun(error) && (await engine.goneWithin(ENGINE_GONE_WAIT_MS)))) throw engineGoneDuringCheck(error);
      return { exitCode: null, startError: errorMessage(error), stdout: '', stderr: '' };
    }
    const drained = new Promise<void>((resolve) => {
      attached.on('end', () => resolve());
      attached.on('close', () => resolve());
      attached.on('error', () => resolve());
    });
    docker.modem.demuxStream(attached, stdout, stderr);

    try {
      await container.start();
      running = true;
    } catch (error) {
      if (!imageCannotRun(error) && (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) throw engineGoneDuringCheck(error);
      return { exitCode: null, startError: errorMessage(error), stdout: stdout.text(), stderr: stderr.text() };
    }

    const stopped = new Promise<'timeout' | 'cancelled'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      onAbort = () => resolve('cancelled');
      // A cancel while the container was being made fired before anyone listened.
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const outcome = await Promise.race([
      container.wait().then((r: { StatusCode?: number }) => {
        running = false;
        return r.StatusCode ?? -1;
      }),
      stopped,
    ]);
    if (outcome === 'timeout') {
      throw new AppError('verify-timeout', `The check did not finish within ${Math.round(timeoutMs / 1000)} s, so it was stopped.`, stdout.text().slice(-2000));
    }
    if (outcome === 'cancelled') throw new AppError('cancelled', 'The check was cancelled.');
    if ((outcome === 137 || outcome === 143) && (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) {
      throw engineGoneDuringCheck(new Error(`The check was killed (exit code ${outcome}).`));
    }
    // The attach stream ends just after the process; a short wait collects the last lines.
    await Promise.race([drained, sleep(2000)]);
    return { exitCode: outcome, startError: null, stdout: stdout.text(), stderr: stderr.text() };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isConnectionFailure(error)) throw engineGoneDuringCheck(error);
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // Still running (timeout, cancel): killed first. A forced remove kills at once on Docker, but
    // Podman stops it gracefully, and `sh -c` as PID 1 ignores SIGTERM: 10 s more (seen on 5.8).
    if (running) await container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    await container.remove({ force: true }).catch(() => undefined);
  }
}
