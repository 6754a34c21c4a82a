import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';

export interface BuildKitRequest {
  context: Readable;
  /** The engine's /build query, as for the classic builder (t, dockerfile, buildargs, labels, …). */
  query: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface StartedBuildKitBuild {
  stream: NodeJS.ReadableStream;
  /** Stops listening to the signal; call once the stream has ended. */
  release(): void;
}

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
    return { stream, release };
  } catch (error) {
    release();
    throw error;
  }
}

/** Asks the engine to stop a BuildKit build; an engine that is gone or already done is fine. */
export function cancelBuildKitBuild(docker: Dockerode, buildId: string): Promise<void> {
  return new Promise((resolve) => {
    docker.modem.dial({ path: '/build/cancel?', method: 'POST', options: { id: buildId }, statusCodes: { 200: true, 204: true, 404: 'no such build', 500: 'server error' } }, () => resolve());
  });
}
