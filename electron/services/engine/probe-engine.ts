import type Dockerode from 'dockerode';
import { z } from 'zod';
import type { EngineCandidate, EngineInfo, EngineProbe } from '../../contract/domain/engine';
import { MIN_API_VERSION, MIN_ENGINE_RELEASE, isApiVersionAtLeast } from './api-version';
import { type DockerClientOptions, createDockerClient } from './docker-client';
import { EngineFailure, classifyEngineError } from './engine-errors';
import { detectProduct } from './engine-product';

export interface ProbeOptions {
  timeoutMs?: number;
  /** For the permission hint, which differs per OS. */
  platform?: NodeJS.Platform;
  client?: DockerClientOptions;
  /** Monotonic milliseconds, injectable for tests. */
  now?: () => number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 3000;

// Only the fields we use; the rest of the engine's reply is ignored.
const VersionReply = z.object({
  Version: z.string(),
  ApiVersion: z.string(),
  Os: z.string().optional(),
  Arch: z.string().optional(),
  Components: z.array(z.object({ Name: z.string(), Version: z.string().optional() })).nullish(),
});
const InfoReply = z.object({
  OperatingSystem: z.string().optional(),
  Name: z.string().optional(),
  OSType: z.string().optional(),
  Architecture: z.string().optional(),
});

/** Connects, asks version() and info(), and says what answered or, specifically, why nothing did. */
export async function probeEngine(candidate: EngineCandidate, options: ProbeOptions = {}): Promise<EngineProbe> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  // Rejects at the deadline even if a transport ignored the abort (an SSH handshake, for one).
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  deadline.catch(() => undefined);

  try {
    const client = createDockerClient(candidate, { sshReadyTimeoutMs: timeoutMs, ...options.client });
    const versionRequest = getJson(client, '/version', controller.signal);
    const infoRequest = getJson(client, '/info', controller.signal);
    // info() is a nicety (product, host name); the engine is usable without it.
    infoRequest.catch(() => undefined);
    const version = parseReply(VersionReply, await Promise.race([versionRequest, deadline]), candidate);
    const info = InfoReply.safeParse(await Promise.race([infoRequest, deadline]).catch(() => null));
    const engine = describeEngine(candidate, version, info.success ? info.data : null);
    return { ok: true, candidateId: candidate.id, engine, elapsedMs: now() - started };
  } catch (error) {
    return {
      ok: false,
      candidateId: candidate.id,
      endpoint: candidate.display,
      source: candidate.source,
      error: classifyEngineError(error, {
        candidate,
        platform: options.platform ?? process.platform,
        timedOut,
        timeoutMs,
      }),
      elapsedMs: now() - started,
    };
  } finally {
    clearTimeout(timer);
    // Drops whatever is still in flight (info() after a failed version(), a keep-alive socket).
    controller.abort();
  }
}

function describeEngine(candidate: EngineCandidate, version: z.infer<typeof VersionReply>, info: z.infer<typeof InfoReply> | null): EngineInfo {
  if (!isApiVersionAtLeast(version.ApiVersion)) {
    throw new EngineFailure(
      'api-too-old',
      `The engine at ${candidate.display} is version ${version.Version} (API ${version.ApiVersion}); ` +
        `this app needs API ${MIN_API_VERSION} (${MIN_ENGINE_RELEASE}) or newer.`,
      'Update Docker, then press Retry.',
    );
  }
  const components = version.Components ?? [];
  const product = detectProduct({
    componentNames: components.map((c) => c.Name),
    operatingSystem: info?.OperatingSystem ?? null,
    hostName: info?.Name ?? null,
    hint: candidate.productHint,
  });
  // Podman's compat API reports its own release in the "Podman Engine" component.
  const podmanVersion = components.find((c) => /podman/i.test(c.Name))?.Version;
  return {
    product,
    version: product === 'Podman' && podmanVersion !== undefined ? podmanVersion : version.Version,
    apiVersion: version.ApiVersion,
    os: version.Os ?? info?.OSType ?? 'unknown',
    arch: version.Arch ?? info?.Architecture ?? 'unknown',
    operatingSystem: info?.OperatingSystem ?? null,
    name: info?.Name ?? null,
    endpoint: candidate.display,
    source: candidate.source,
  };
}

function parseReply<T>(schema: z.ZodType<T>, reply: unknown, candidate: EngineCandidate): T {
  const parsed = schema.safeParse(reply);
  if (parsed.success) return parsed.data;
  throw new EngineFailure(
    'unexpected-response',
    `Something answered at ${candidate.display}, but not as a Docker engine does.`,
    'Check that this address is the Docker engine API.',
    Buffer.isBuffer(reply) ? reply.toString('utf8').slice(0, 200) : parsed.error.message,
  );
}

/** dockerode's typed version()/info() take no AbortSignal; the modem's dial does. */
function getJson(client: Dockerode, path: string, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    client.modem.dial({ path, method: 'GET', abortSignal: signal, statusCodes: { 200: true, 500: 'server error' } }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}
