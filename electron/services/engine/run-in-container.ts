import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { ENGINE_GONE_WAIT_MS, engineGoneDuringCheck, type EngineWatch, isConnectionFailure, watchEngine } from './engine-connection';

export interface RunInContainerOptions {
  docker: Dockerode;
  image: string;
  /** Run as Elyra does: `sh -c script`, the image's ENTRYPOINT and CMD replaced. */
  script: string;
  env?: readonly string[];
  /** "uid:gid" instead of the image's USER. */
  user?: string;
  network: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Marks these containers, so one left behind by a crash or a stopped engine can be recognised. */
  label: string;
  /** What the run is, in messages: "check", "try". */
  purpose: string;
  /**
   * Output beyond this many bytes per stream: `head` keeps the start (a check reads its first
   * lines), `tail` the end (a notebook's end says how it ended).
   */
  output: { maxBytes: number; keep: 'head' | 'tail' };
  /**
   * A stopped container of ours younger than this may still be read by the run that made it (a
   * try reads its files after the process ended); older ones, and all when 0, are leftovers.
   */
  staleAfterS?: number;
  /** A tar put into the container before it starts, unpacked at `path` (which must exist in the image). */
  files?: { path: string; tar: Buffer };
  /** Each piece of output as it comes (for a live log). */
  onOutput?: (text: string) => void;
  /** Reads what the run left, after it ended or was stopped at the time limit, before the container goes. */
  collect?: (container: Dockerode.Container) => Promise<void>;
}

export interface ContainerRun {
  /** Null when the container could not start, or was stopped at the time limit. */
  exitCode: number | null;
  startError: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Keeps `limit` bytes of a stream: its start or its end. */
class BoundedSink extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(
    private readonly limit: number,
    private readonly keep: 'head' | 'tail',
    private readonly onText: ((text: string) => void) | undefined,
  ) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.keep === 'tail') {
      this.chunks.push(chunk);
      this.size += chunk.length;
      while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()?.length ?? 0;
    } else if (this.size < this.limit) {
      const part = chunk.subarray(0, this.limit - this.size);
      this.chunks.push(part);
      this.size += part.length;
    }
    this.onText?.(chunk.toString('utf8'));
    callback();
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs from an earlier start whose engine stopped under them leave their (stopped) containers
 * behind, since nothing can be removed while the engine is gone: the next run clears them first.
 * Running ones belong to another run and are left alone.
 */
async function removeStaleContainers(docker: Dockerode, label: string, staleAfterS: number): Promise<void> {
  try {
    // The states are picked here, not in the filter: Podman refuses a status filter with "dead"
    // in it ("unknown container state: dead", a 500 on 5.8), which would leave its leftovers in place.
    const before = Date.now() / 1000 - staleAfterS;
    const stale = (await docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) })).filter(
      (c) => ['created', 'exited', 'dead'].includes(c.State) && (staleAfterS === 0 || c.Created < before),
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
    // Listing failed: the create that follows says what the engine's trouble is.
  }
}

/** The image itself cannot run the script (no `sh`, a binary for another CPU): no engine to wait for. */
function imageCannotRun(error: unknown): boolean {
  return /executable file not found|exec format error|no such file or directory: OCI runtime/i.test(errorMessage(error));
}

/**
 * Runs `sh -c script` once in a new container of `image`, with files put in first and results read
 * before it goes; removes it whatever happens (a failed start, the time limit, a cancel). At the
 * time limit the container is killed and `collect` still reads it. Throws AppError `cancelled`,
 * `engine-unavailable` (told from an image that cannot run by the engine's event stream closing)
 * or `not-found` (the engine would not make the container).
 */
export async function runInContainer(options: RunInContainerOptions): Promise<ContainerRun> {
  if (options.signal?.aborted) throw cancelled(options.purpose);
  await removeStaleContainers(options.docker, options.label, options.staleAfterS ?? 0);
  const engine = await watchEngine(options.docker);
  try {
    return await runIn(options, engine);
  } finally {
    engine.stop();
  }
}

function cancelled(purpose: string): AppError {
  return new AppError('cancelled', `The ${purpose} was cancelled.`);
}

async function runIn(options: RunInContainerOptions, engine: EngineWatch): Promise<ContainerRun> {
  const { docker, signal } = options;
  const started = Date.now();
  const notStarted = (startError: string): ContainerRun => ({
    exitCode: null,
    startError,
    timedOut: false,
    stdout: stdout.text(),
    stderr: stderr.text(),
    durationMs: Date.now() - started,
  });
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
      Labels: { [options.label]: '1' },
      HostConfig: { NetworkMode: options.network, AutoRemove: false },
    });
  } catch (error) {
    // A shutting-down engine refuses new containers with a 500 before it stops answering.
    if (isConnectionFailure(error) || (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) throw engineGoneDuringCheck(error);
    throw new AppError('not-found', `The image ${options.image} could not be started for the ${options.purpose}: ${errorMessage(error)}`, errorMessage(error));
  }

  const stdout = new BoundedSink(options.output.maxBytes, options.output.keep, options.onOutput);
  const stderr = new BoundedSink(options.output.maxBytes, options.output.keep, options.onOutput);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  let running = false;
  try {
    if (options.files) await container.putArchive(options.files.tar, { path: options.files.path });
    let attached: NodeJS.ReadWriteStream;
    try {
      attached = await container.attach({ stream: true, stdout: true, stderr: true });
    } catch (error) {
      // Podman makes the container's process when attaching, so an image without `sh` fails here
      // ("preparing container … for attach: … exec: "sh": executable file not found", seen on 5.8).
      if (isConnectionFailure(error) || (!imageCannotRun(error) && (await engine.goneWithin(ENGINE_GONE_WAIT_MS)))) throw engineGoneDuringCheck(error);
      return notStarted(errorMessage(error));
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
      return notStarted(errorMessage(error));
    }
    const stopped = new Promise<'timeout' | 'cancelled'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
      onAbort = () => resolve('cancelled');
      // A cancel while the container was being made fired before anyone listened.
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const exited = container.wait().then((r: { StatusCode?: number }) => {
      running = false;
      return r.StatusCode ?? -1;
    });
    const outcome = await Promise.race([exited, stopped]);
    if (outcome === 'cancelled') throw cancelled(options.purpose);
    if (outcome === 'timeout') {
      // Nothing to read from it: it is killed and removed below, without waiting for its last words.
      if (!options.collect)
        return { exitCode: null, startError: null, timedOut: true, stdout: stdout.text(), stderr: stderr.text(), durationMs: Date.now() - started };
      await container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
      running = false;
      await Promise.race([exited.catch(() => undefined), sleep(5000)]);
    } else if ((outcome === 137 || outcome === 143) && (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) {
      throw engineGoneDuringCheck(new Error(`The ${options.purpose} was killed (exit code ${outcome}).`));
    }
    // The attach stream ends just after the process; a short wait collects the last lines.
    await Promise.race([drained, sleep(2000)]);
    if (options.collect) await options.collect(container);
    return {
      exitCode: outcome === 'timeout' ? null : outcome,
      startError: null,
      timedOut: outcome === 'timeout',
      stdout: stdout.text(),
      stderr: stderr.text(),
      durationMs: Date.now() - started,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isConnectionFailure(error)) throw engineGoneDuringCheck(error);
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // Still running (cancel): killed first. A forced remove kills at once on Docker, but Podman
    // stops it gracefully, and `sh -c` as PID 1 ignores SIGTERM: 10 s more (seen on 5.8).
    if (running) await container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
    await container.remove({ force: true }).catch(() => undefined);
  }
}
