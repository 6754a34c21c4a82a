import { StringDecoder } from 'node:string_decoder';
import type Dockerode from 'dockerode';
import type { PushProgress } from '../../contract/domain/job';
import type { PushResult } from '../../contract/domain/push';
import { AppError, ErrorCodes, hasErrorCode } from '../../contract/errors';
import type { RegistryAddress } from '../../contract/domain/registry';
import { parsePushTarget } from '../registry/image-name';
import { isLocalHost } from '../registry/registry-address';
import { type RegistryCredentials, checkRegistryLogin, engineAuthConfig } from '../registry/registry-auth';
import type { PushEvent } from './push-event';
import { classifyPushFailure, classifyPushMessage, type PushFailureContext } from './push-errors';
import { createMovementTracker } from './push-movement';
import { createPushAggregator } from './push-progress';

/** The parts of dockerode a push uses; tests may pass a fake. */
export type PushEngine = Pick<Dockerode, 'getImage' | 'checkAuth'>;

export interface PushUpdate {
  event: PushEvent;
  /** The figures after this event; the one after the final event is exact. */
  progress: PushProgress;
}

export interface PushImageOptions {
  docker: PushEngine;
  /** The local image: a name ('rib/pandas:1') or an id. */
  image: string;
  /** Where it goes: '<host>/<namespace>/<name>:<tag>' (see registryImageName). */
  reference: string;
  auth: RegistryCredentials;
  /** Cancels the push: the request is dropped, which makes the engine stop uploading. */
  signal?: AbortSignal;
  /** Every event of the stream, in order, with the progress after it. Not coalesced: the JobManager does that. */
  onEvent?: (update: PushUpdate) => void;
  /**
   * No event at all for this long before the push is done → 'registry-stalled'. The engine reports
   * progress at least every few hundred milliseconds while bytes move and counts down once a
   * second while it waits to retry, so a minute of silence means a connection that hangs (seen here:
   * a registry that stops reading leaves the engine silent for good). Large enough for a slow
   * registry that takes a while to commit a big layer.
   */
  stallTimeoutMs?: number;
  /**
   * An engine that has sent no per-layer event yet (Podman sends none until the upload is over) may
   * be uploading or hanging: the registry is asked after this long without a word from the engine,
   * and again after each such stretch, so a registry that goes away ends the push within seconds.
   * Capped at `stallTimeoutMs`.
   */
  heartbeatMs?: number;
  /** Bound on each check of the registry (when the engine retries, or on a heartbeat). */
  probeTimeoutMs?: number;
  /** Layer sizes from an earlier attempt, so layers a retry skips still count their bytes. */
  knownLayerSizes?: ReadonlyMap<string, number>;
  now?: () => number;
}

export const DEFAULT_STALL_TIMEOUT_MS = 60_000;
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;
// Each heartbeat is one login check (two small requests to the registry): every 3 s keeps a stopped
// registry's report under 5 s without weighing on the registry during a long upload.
export const DEFAULT_HEARTBEAT_MS = 3_000;

/**
 * Tags `image` as `reference` and pushes it with the given login. Resolves with the digest the
 * registry stored. Rejects with an AppError: cancelled, push-reference-invalid, image-not-found,
 * login-required, push-denied, registry-down / -unknown-host / -tls / -timeout, registry-stalled,
 * push-incomplete, push-failed, engine-unavailable.
 *
 * Every event is scanned: the engine answers 200 and reports a failed push as an error event, so
 * the end of the stream alone says nothing (seen from engine 20.10 with a wrong password).
 */
export async function pushImage(options: PushImageOptions): Promise<PushResult> {
  const parsed = parsePushTarget(options.reference);
  if (!parsed.ok) throw new AppError('push-reference-invalid', parsed.error.message, parsed.error.code);
  const target = parsed.target;
  const context: PushFailureContext = { registry: target.registry, repository: target.repository, username: options.auth.username };
  const { signal } = options;
  if (signal?.aborted === true) throw cancelled(signal.reason);

  // One controller for everything this push started: the user's cancel, a stall, a failed probe.
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  // Armed before the push request: Podman answers it only once the upload is over, so a registry
  // that hangs would otherwise never be noticed.
  const guard = createStallGuard(options, context, controller);
  try {
    await options.docker.getImage(options.image).tag({ repo: target.repository, tag: target.tag, abortSignal: controller.signal });
    guard.arm();
    const stream = await Promise.race([
      options.docker.getImage(target.reference).push(pushRequest(target.registry, options.auth, controller.signal)),
      guard.stalled,
    ]);
    const outcome = await followPush(stream, options, context, controller, guard);
    return {
      reference: target.reference,
      digest: outcome.digest,
      size: outcome.size,
      pinned: `${target.repository}@${outcome.digest}`,
      layersPushed: outcome.pushed,
      layersReused: outcome.reused,
    };
  } catch (error) {
    // Read again: the user may have cancelled while we awaited (TypeScript keeps the earlier narrowing).
    if (isAborted(signal)) throw cancelled(signal?.reason);
    throw classifyPushFailure(error, context);
  } finally {
    guard.stop();
    signal?.removeEventListener('abort', forward);
    controller.abort();
  }
}

interface StallGuard {
  /** (Re)starts the clock: called at the start and whenever the engine reports the push moving. */
  arm(): void;
  /** The engine sent a per-layer event: from now on silence alone means a stall. */
  sawLayerEvent(): void;
  stop(): void;
  /** Rejects with registry-stalled when the push makes no progress; never resolves. */
  stalled: Promise<never>;
}

/**
 * No movement reported by the engine for `stallTimeoutMs` → registry-stalled. An engine that has
 * sent per-layer events goes on reporting movement while bytes move (new byte counts, new statuses:
 * see push-movement.ts, Docker 28 repeats unchanged figures on a timer), so its lack is a stall. An engine that sends none
 * (Podman says nothing until the upload is over) may be uploading, and nothing outside it can see
 * how far: the registry is asked, as login does, after every `heartbeatMs` of silence. If it answers
 * (even with a refusal), the wait goes on; if nothing answers at its address, the push ends with
 * that (registry-down, registry-unknown-host); if it does not answer in time, the push is stalled.
 * A registry that answers but takes no more of the upload cannot be told from a slow upload on
 * such an engine: the push goes on until it ends or the user cancels it.
 */
function createStallGuard(options: PushImageOptions, context: PushFailureContext, controller: AbortController): StallGuard {
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const heartbeatMs = Math.min(options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, stallMs);
  const probeMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let layerEvents = false;
  let stopped = false;
  let reject: (error: AppError) => void = () => undefined;
  const stalled = new Promise<never>((_, rejectStalled) => {
    reject = rejectStalled;
  });
  // Nobody may await it (a push that ends first): never an unhandled rejection.
  stalled.catch(() => undefined);
  const stalledError = (): AppError =>
    new AppError(
      'registry-stalled',
      `${context.registry.displayName} stopped taking data: nothing happened for ${Math.round(stallMs / 1000)} s. Check your network, then push again; layers already sent are skipped.`,
    );
  const silentError = (detail: string): AppError =>
    new AppError(
      'registry-stalled',
      `${context.registry.displayName} stopped answering during the push: it did not answer within ${Math.round(probeMs / 1000)} s. Check your network, then push again; layers already sent are skipped.`,
      detail,
    );
  const fire = (): void => {
    if (stopped) return;
    if (layerEvents) {
      reject(stalledError());
      return;
    }
    askRegistry(options, context, controller).then(
      () => arm(),
      (error: unknown) => {
        if (stopped || controller.signal.aborted) return;
        if (hasErrorCode(error, ErrorCodes.registryDown, ErrorCodes.registryUnknownHost)) reject(error);
        else if (hasErrorCode(error, ErrorCodes.registryTimeout, ErrorCodes.engineUnavailable) || !(error instanceof AppError)) {
          reject(silentError(error instanceof Error ? error.message : String(error)));
        }
        // Anything else is an answer (a refused login, a certificate, an error page): it is up, and
        // the engine is still at work.
        else arm();
      },
    );
  };
  function arm(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(fire, layerEvents ? stallMs : heartbeatMs);
  }
  return {
    arm,
    sawLayerEvent: () => {
      layerEvents = true;
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    stalled,
  };
}

interface Outcome {
  digest: string;
  size: number;
  pushed: number;
  reused: number;
}

type Destroyable = NodeJS.ReadableStream & { destroy?: (error?: Error) => void };

function followPush(
  stream: Destroyable,
  options: PushImageOptions,
  context: PushFailureContext,
  controller: AbortController,
  guard: StallGuard,
): Promise<Outcome> {
  const aggregator = createPushAggregator({ knownLayerSizes: options.knownLayerSizes });
  const moved = createMovementTracker();
  const now = options.now ?? Date.now;
  const decoder = new StringDecoder('utf8');

  return new Promise<Outcome>((resolve, reject) => {
    let settled = false;
    let buffered = '';
    let probing = false;
    let retryStreak = false;

    const stop = (): void => {
      guard.stop();
      controller.signal.removeEventListener('abort', onAbort);
      stream.removeListener('data', onData);
      stream.destroy?.();
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      stop();
      // Dropping the request is what makes the engine stop uploading.
      if (!controller.signal.aborted) controller.abort(error);
      reject(error);
    };
    const succeed = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      stop();
      resolve(outcome);
    };

    // The engine's "Retrying in N seconds" is its report that the registry went away. It would go on
    // retrying for over a minute; we ask the registry ourselves (through the engine, as login does)
    // and end at once with the reason when it does not answer.
    const probe = (): void => {
      if (probing) return;
      probing = true;
      askRegistry(options, context, controller).then(
        () => {
          probing = false;
        },
        (error: unknown) => {
          probing = false;
          if (settled || controller.signal.aborted) return;
          // The registry answered but refused the login: it is up, so let the engine carry on.
          if (hasErrorCode(error, ErrorCodes.wrongCredentials)) return;
          fail(error);
        },
      );
    };

    const handle = (line: string): void => {
      if (settled || line.trim() === '') return;
      const event = aggregator.apply(line);
      try {
        options.onEvent?.({ event, progress: aggregator.snapshot(now()) });
      } catch (error) {
        fail(error);
        return;
      }
      if (event.type === 'progress' || event.type === 'layer-status' || event.type === 'retrying') guard.sawLayerEvent();
      if (moved(event)) guard.arm();
      if (event.type === 'error') {
        fail(classifyPushMessage(event.message, context));
      } else if (event.type === 'retrying') {
        if (!retryStreak) probe();
        retryStreak = true;
      } else if (event.type === 'progress' || (event.type === 'layer-status' && event.done)) {
        retryStreak = false;
      }
    };

    function onData(chunk: Buffer | string): void {
      buffered += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let newline = buffered.indexOf('\n');
      while (newline >= 0 && !settled) {
        handle(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
    }

    function onAbort(): void {
      fail(controller.signal.reason instanceof AppError ? controller.signal.reason : cancelled(controller.signal.reason));
    }

    stream.on('data', onData);
    stream.on('end', () => {
      handle(buffered + decoder.end());
      buffered = '';
      if (settled) return;
      const result = aggregator.result();
      const failure = aggregator.failure();
      if (failure !== null) fail(classifyPushMessage(failure, context));
      else if (result === null) {
        fail(new AppError('push-incomplete', 'The engine ended the push without saying it finished. Push again.'));
      } else {
        const counts = aggregator.counts();
        succeed({ digest: result.digest, size: result.size, pushed: counts.pushed, reused: counts.reused });
      }
    });
    stream.on('error', (error: Error) => fail(error));
    stream.on('close', () => {
      // A socket closed before 'end' (engine restarted, connection cut).
      if (!settled) fail(new AppError('engine-unavailable', 'The Docker engine closed the connection during the push.'));
    });
    controller.signal.addEventListener('abort', onAbort, { once: true });
    if (controller.signal.aborted) onAbort();
    guard.stalled.catch(fail);
    guard.arm();
  });
}

/** Asks the registry itself, through the engine as login does, whether it still answers this login. */
function askRegistry(options: PushImageOptions, context: PushFailureContext, controller: AbortController): ReturnType<typeof checkRegistryLogin> {
  return checkRegistryLogin({
    docker: options.docker,
    registry: context.registry,
    credentials: options.auth,
    action: 'push',
    timeoutMs: options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    signal: controller.signal,
  });
}

/**
 * The push request's options, sent with no request body. Go's HTTP server notices a client that
 * hangs up only once the request body has been read, and Podman's push handler never reads it:
 * with dockerode's default JSON body (the query options again), a cancelled push went on and the
 * image was published all the same (seen on Podman 5.8). docker-modem sends `_query` as the query
 * string and `_body` as the body, and an empty object as no body at all.
 */
function pushRequest(registry: RegistryAddress, auth: RegistryCredentials, signal: AbortSignal): Dockerode.ImagePushOptions {
  const request: Dockerode.ImagePushOptions & { _query: { tlsVerify?: false }; _body: Record<string, never> } = {
    authconfig: engineAuthConfig(registry, auth),
    abortSignal: signal,
    _query: loopbackHttp(registry),
    _body: {},
  };
  return request;
}

/**
 * Docker lets a registry on this computer (127.0.0.0/8, localhost) use plain http; Podman demands
 * https of every registry unless told otherwise per request (`tlsVerify=false`, which Docker ignores).
 * Asking it for loopback registries only makes both engines follow Docker's rule.
 */
function loopbackHttp(registry: RegistryAddress): { tlsVerify?: false } {
  const hostname = registry.host.replace(/:\d+$/, '');
  return isLocalHost(hostname) || /^127\./.test(hostname) ? { tlsVerify: false } : {};
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function cancelled(reason: unknown): AppError {
  return hasErrorCode(reason, ErrorCodes.cancelled) ? reason : new AppError('cancelled', 'The push was cancelled.');
}
