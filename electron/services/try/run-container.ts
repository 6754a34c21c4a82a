import { Writable } from 'node:stream';
import type Dockerode from 'dockerode';
import { extract } from 'tar-stream';
import type { TryNetwork } from '../../contract/domain/try';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { ENGINE_GONE_WAIT_MS, engineGoneDuringCheck, type EngineWatch, isConnectionFailure, watchEngine } from '../engine/engine-connection';
import { LABEL_NAMESPACE } from '../recipe/image-labels';

/** Marks the containers of a try, so one left behind by a crash can be recognised and removed. */
export const TRY_CONTAINER_LABEL = `${LABEL_NAMESPACE}.try`;
/** A stopped try container older than this is a leftover: a running try reads its container within seconds. */
const STALE_AFTER_S = 10 * 60;

export interface ContainerRunOptions {
  docker: Dockerode;
  image: string;
  /** Run as Elyra does: `sh -c script`, the image's ENTRYPOINT and CMD replaced. */
  script: string;
  env?: readonly string[];
  /** "uid:gid". */
  user: string;
  network: TryNetwork;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Output beyond this many bytes per stream keeps only its end. */
  maxOutputBytes?: number;
  /** A tar put into the container before it starts, unpacked at `path` (which must exist in the image). */
  files?: { path: string; tar: Buffer };
  /** Each piece of output as it comes (for a live log). */
  onOutput?: (text: string) => void;
  /** Reads what the run left, after it ended or was stopped and before the container goes. */
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

/** Keeps the last `limit` bytes: the end of a run's output says how it ended. */
class TailSink extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(
    private readonly limit: number,
    private readonly onText: ((text: string) => void) | undefined,
  ) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()?.length ?? 0;
    this.onText?.(chunk.toString('utf8'));
    callback();
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

async function removeStaleTryContainers(docker: Dockerode): Promise<void> {
  try {
    const stale = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [TRY_CONTAINER_LABEL], status: ['created', 'exited', 'dead'] }) });
    const before = Date.now() / 1000 - STALE_AFTER_S;
    await Promise.all(
      stale
        .filter((c) => c.Created < before)
        .map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true })
            .catch(() => undefined),
        ),
    );
  } catch {
    // Listing failed: the create below says what the engine's trouble is.
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `sh -c script` once in a new container, with files put in first and results read before
 * it goes; removes it whatever happens (failed start, time limit, cancel). At the time limit the
 * container is killed and its files are still read: a notebook stopped mid-way keeps the cells it ran.
 * Throws AppError `cancelled`, `engine-unavailable` or `not-found` (the image cannot be started).
 */
export async function runContainer(options: ContainerRunOptions): Promise<ContainerRun> {
  if (options.signal?.aborted) throw new AppError('cancelled', 'The try was cancelled.');
  await removeStaleTryContainers(options.docker);
  const engine = await watchEngine(options.docker);
  try {
    return await runIn(options, engine);
  } finally {
    engine.stop();
  }
}

async function runIn(options: ContainerRunOptions, engine: EngineWatch): Promise<ContainerRun> {
  const { docker, signal } = options;
  const started = Date.now();
  const limit = options.maxOutputBytes ?? 2 * 1024 * 1024;
  let container: Dockerode.Container;
  try {
    container = await docker.createContainer({
      Image: options.image,
      // [] (not undefined): the engine keeps the image's ENTRYPOINT when the field is left out.
      Entrypoint: [],
      Cmd: ['sh', '-c', options.script],
      Env: [...(options.env ?? [])],
      User: options.user,
      Tty: false,
      AttachStdout: true,
      AttachStderr: true,
      Labels: { [TRY_CONTAINER_LABEL]: '1' },
      HostConfig: { NetworkMode: options.network, AutoRemove: false },
    });
  } catch (error) {
    if (isConnectionFailure(error) || (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) throw engineGoneDuringCheck(error);
    throw new AppError('not-found', `The image ${options.image} could not be started for the try: ${errorMessage(error)}`, errorMessage(error));
  }

  const stdout = new TailSink(limit, options.onOutput);
  const stderr = new TailSink(limit, options.onOutput);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    if (options.files) await container.putArchive(options.files.tar, { path: options.files.path });
    const attached = await container.attach({ stream: true, stdout: true, stderr: true });
    const drained = new Promise<void>((resolve) => {
      attached.on('end', () => resolve());
      attached.on('close', () => resolve());
      attached.on('error', () => resolve());
    });
    docker.modem.demuxStream(attached, stdout, stderr);
    try {
      await container.start();
    } catch (error) {
      if (await engine.goneWithin(ENGINE_GONE_WAIT_MS)) throw engineGoneDuringCheck(error);
      return {
        exitCode: null,
        startError: errorMessage(error),
        timedOut: false,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: Date.now() - started,
      };
    }
    const stopped = new Promise<'timeout' | 'cancelled'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
      onAbort = () => resolve('cancelled');
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const exited = container.wait().then((r: { StatusCode?: number }) => r.StatusCode ?? -1);
    const outcome = await Promise.race([exited, stopped]);
    if (outcome === 'cancelled') throw new AppError('cancelled', 'The try was cancelled.');
    if (outcome === 'timeout') {
      await container.kill().catch(() => undefined);
      await Promise.race([exited.catch(() => undefined), sleep(5000)]);
    } else if ((outcome === 137 || outcome === 143) && (await engine.goneWithin(ENGINE_GONE_WAIT_MS))) {
      throw engineGoneDuringCheck(new Error(`The try was killed (exit code ${outcome}).`));
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
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The bytes of one file in a (stopped) container, or null when it is not there. */
export async function readContainerFile(container: Dockerode.Container, path: string, maxBytes: number): Promise<Buffer | null> {
  let archive: NodeJS.ReadableStream;
  try {
    archive = await container.getArchive({ path });
  } catch {
    return null;
  }
  return new Promise<Buffer | null>((resolve, reject) => {
    const unpack = extract();
    let found: Buffer | null = null;
    unpack.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (found === null && header.type === 'file') found = size <= maxBytes ? Buffer.concat(chunks) : null;
        next();
      });
      stream.resume();
    });
    unpack.on('finish', () => resolve(found));
    unpack.on('error', reject);
    archive.pipe(unpack);
  });
}
