import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { isConnectionFailure } from '../engine/engine-connection';

export interface BuildKitRequest {
  context: Readable;
  /** The engine's /build query, as for the classic builder (t, dockerfile, buildargs, labels, …). */
  query: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface StartedBuildKitBuild {
  stream: NodeJS.ReadableStream;
  /** Stops listening to the signal and watching the engine; call once the stream has ended. */
  release(): void;
}

/** How often the engine is pinged while a BuildKit build runs. */
export const ENGINE_POLL_MS = 500;

/**
 * Starts a BuildKit build: `POST /build?version=2` with the tar context as the request body.
 * Sent through the modem rather than dockerode's buildImage, which opens a client session for
 * version 2 (a gRPC server on a hijacked `/session` connection) that nothing here needs: without
 * one the engine reads the body as a remote context ("[internal] load remote build context").
 *
 * Cancel: the engine cancels the solve when the request's connection closes, and also on
 * `POST /build/cancel?id=<buildid>`. Both are done, so a proxy that keeps the engine's side of
 * the connection open (an SSH tunnel, Docker Desktop's socket forwarder) cannot leave it running.
 * Seen on Docker 28.5: either stops a running `RUN sleep 30` within 250 ms. BuildKit runs steps in
 * its own runc containers, never in the engine's /containers: a stopped build leaves none there.
 */
export async function startBuildKitBuild(docker: Dockerode, request: BuildKitRequest): Promise<StartedBuildKitBuild> {
  const buildId = `runtime-image-builder-${randomUUID()}`;
  const onAbort = () => void cancelBuildKitBuild(docker, buildId);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  const release = () => request.signal?.removeEventListener('abort', onAbort);
  try {
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      docker.modem.dial(
        {
          path: '/build?',
          method: 'POST',
          file: request.context,
          options: { ...request.query, version: '2', buildid: buildId },
          isStream: true,
          ...(request.signal ? { abortSignal: request.signal } : {}),
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        },
        (error, result) => (error ? reject(error) : resolve(result as NodeJS.ReadableStream)),
      );
    });
    const stopPolling = breakWhenEngineGoes(docker, stream);
    return {
      stream,
      release: () => {
        release();
        stopPolling();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Asks the engine to stop a BuildKit build; an engine that is gone or already done is fine. */
export function cancelBuildKitBuild(docker: Dockerode, buildId: string): Promise<void> {
  return new Promise((resolve) => {
    docker.modem.dial(
      { path: '/build/cancel?', method: 'POST', options: { id: buildId }, statusCodes: { 200: true, 204: true, 404: 'no such build', 500: 'server error' } },
      () => resolve(),
    );
  });
}

/**
 * A stopping Docker 28.5 keeps a BuildKit build's response open for about 5 s after it stopped
 * answering anything else (its socket is gone within 300 ms; the classic builder's stream ends at
 * once): seen here with `RUN sleep 30`. A ping the engine cannot take at all (refused, no socket)
 * breaks the build's stream, so the engine's going is reported as soon as it is certain. A slow
 * ping proves nothing and is not counted.
 */
function breakWhenEngineGoes(docker: Dockerode, stream: NodeJS.ReadableStream): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = () => {
    timer = setTimeout(() => {
      docker.ping().then(
        () => {
          if (!stopped) poll();
        },
        (error: unknown) => {
          if (stopped) return;
          if (isConnectionFailure(error))
            (stream as NodeJS.ReadableStream & { destroy?: (error?: Error) => void }).destroy?.(error instanceof Error ? error : new Error(String(error)));
          else poll();
        },
      );
    }, ENGINE_POLL_MS);
  };
  poll();
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  stream.on('close', stop);
  return stop;
}
