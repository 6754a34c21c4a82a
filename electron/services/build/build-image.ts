import { StringDecoder } from 'node:string_decoder';
import type Dockerode from 'dockerode';
import type { Builder, BuildFailure, BuildNetwork, BuildResult } from '../../contract/domain/build';
import type { RecipePlan } from '../../contract/domain/recipe';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { labelKeys } from '../recipe/image-labels';
import { createBuildContext, DOCKERFILE_NAME } from './build-context';
import { buildCancelled, BuildError } from './build-error';
import { type BuildEvent, BuildEventReader } from './build-events';
import { basePlatformFailure, engineGoneFailure, engineMayHaveCaused } from './build-failure';
import { type InterruptedBuilds, listEngineContainers, removeBuildLeftovers } from './build-leftovers';
import type { BuildStreamReader } from './build-stream-reader';
import { BuildKitEventReader } from './buildkit-events';
import { baseImageOf, builtOnForeignBase } from './buildkit-platform';
import { startBuildKitBuild } from './buildkit-request';
import { ENGINE_GONE_WAIT_MS, engineAnswers, isConnectionFailure, watchEngine } from '../engine/engine-connection';

export interface BuildImageOptions {
  docker: Dockerode;
  /** Built with the plan's builder (classic when it names none). */
  plan: Pick<RecipePlan, 'dockerfile' | 'files' | 'buildArgs'> & { builder?: Builder };
  /** The name the user chose, e.g. alice/tools:1.0. */
  tag: string;
  /** e.g. linux/amd64. */
  platform: string;
  network: BuildNetwork;
  signal?: AbortSignal;
  /** Every parsed event, in order: log lines, steps, cache hits, the failure. */
  onEvent?: (event: BuildEvent) => void;
  /** Ignore the engine's cache (the benchmark's uncached runs; a "clean rebuild"). */
  noCache?: boolean;
  /** The clock: the build-time label and the duration. */
  now?: () => number;
  /** Builds the engine stopped under: cleared before this one starts, and this one joins them if it stops too. */
  interrupted?: InterruptedBuilds;
}

interface BuildState {
  reader: BuildStreamReader;
  containerIds: string[];
  layerIds: string[];
  instructions: string[];
  /** The FROM image of step 1 as the build named it. */
  baseImage: string | null;
  cachedStepNumbers: number[];
  totalSteps: number;
  imageId: string | null;
  failure: BuildFailure | null;
}

function newState(reader: BuildStreamReader): BuildState {
  return { reader, containerIds: [], layerIds: [], instructions: [], baseImage: null, cachedStepNumbers: [], totalSteps: 0, imageId: null, failure: null };
}

function track(state: BuildState, event: BuildEvent): void {
  switch (event.type) {
    case 'step':
      state.totalSteps = event.total;
      state.instructions.push(event.instruction);
      if (event.n === 1) state.baseImage = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(event.instruction)?.[1] ?? null;
      break;
    case 'cache-hit':
      if (event.step !== null) state.cachedStepNumbers.push(event.step);
      break;
    case 'container':
      state.containerIds.push(event.id);
      break;
    case 'layer':
      state.layerIds.push(event.id);
      break;
    case 'image-id':
      state.imageId = event.imageId;
      break;
    case 'error':
      // The first error is the cause; anything after it is the engine tidying up.
      state.failure ??= event.failure;
      break;
    default:
      break;
  }
}

/** Reads the engine's newline-separated JSON events until the stream ends or breaks. */
function consume(stream: NodeJS.ReadableStream, signal: AbortSignal | undefined, onRaw: (raw: unknown) => void): Promise<{ broken: unknown }> {
  return new Promise((resolve) => {
    const decoder = new StringDecoder('utf8');
    let buffer = '';
    let settled = false;
    const settle = (broken: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve({ broken });
    };
    const handleLine = (line: string) => {
      const text = line.trim();
      if (text === '') return;
      try {
        onRaw(JSON.parse(text));
      } catch {
        onRaw(text);
      }
    };
    const onAbort = () => {
      // dockerode aborts the request; destroying the response as well makes the end immediate.
      const destroyable = stream as NodeJS.ReadableStream & { destroy?: (error?: Error) => void };
      destroyable.destroy?.();
      settle(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    // Aborted while the request was being made: the listener above will never fire.
    if (signal?.aborted) {
      onAbort();
      return;
    }
    stream.on('data', (chunk: Buffer | string) => {
      buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        handleLine(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    });
    stream.on('end', () => {
      buffer += decoder.end();
      handleLine(buffer);
      settle(null);
    });
    stream.on('error', (error: unknown) => settle(error ?? new Error('stream error')));
    stream.on('close', () => settle(settled ? null : new Error('The connection to the engine closed before the build ended')));
  });
}

async function listContainerIds(docker: Dockerode): Promise<Set<string>> {
  return new Set((await listEngineContainers(docker)).map((c) => c.Id));
}

/**
 * The classic builder takes a local base image as it is, whatever platform was asked for: an
 * amd64 base gives an amd64 image tagged as if it were arm64. Such an image must not be pushed.
 */
async function checkPlatform(
  docker: Dockerode,
  tag: string,
  platform: string,
  step: Parameters<typeof engineGoneFailure>[1],
  builder: Builder,
  dockerfile: string,
): Promise<void> {
  const [os, architecture] = platform.split('/');
  if (!os || !architecture) return;
  const image = docker.getImage(tag);
  let info: Dockerode.ImageInspectInfo;
  try {
    info = await image.inspect();
  } catch (error) {
    // The engine went just as the build ended ("Successfully tagged" came, then nothing answers).
    if (isConnectionFailure(error)) throw engineUnavailable(error, step);
    throw error;
  }
  const built = `${info.Os}/${info.Architecture}`;
  if (info.Os === os && info.Architecture === architecture) {
    const foreign = builder === 'buildkit' ? await builtOnForeignBase(docker, info, dockerfile, platform, step?.n ?? null) : null;
    if (foreign === null) return;
    await image.remove({ noprune: true }).catch(() => undefined);
    throw new BuildError(foreign);
  }
  // Untag it, so the wrong image cannot be pushed under the user's name; its layers stay cached.
  await image.remove({ noprune: true }).catch(() => undefined);
  throw new BuildError({
    kind: 'platform-mismatch',
    message: `The engine built a ${built} image, not ${platform}: it has the base image only for ${built}, and the classic builder used that one as it is.`,
    hint: `Build for ${built} on this engine, or build on a ${platform} machine (or an engine that has the base image for ${platform}).`,
    packages: [],
    toolOutput: [],
    engineMessage: null,
    step: step?.n ?? null,
  });
}

/** A base-image failure where the engine has the base, for another platform (Podman pulls the one asked for). */
async function withBasePlatform(docker: Dockerode, failure: BuildFailure, baseImage: string | null, platform: string): Promise<BuildFailure> {
  if (failure.kind !== 'base-image' || baseImage === null) return failure;
  const info = await docker
    .getImage(baseImage)
    .inspect()
    .catch(() => null);
  const has = info ? `${info.Os}/${info.Architecture}` : null;
  return has !== null && has !== platform ? basePlatformFailure(failure, baseImage, has, platform) : failure;
}

function engineUnavailable(error: unknown, step: Parameters<typeof engineGoneFailure>[1]): BuildError {
  return new BuildError(engineGoneFailure(errorMessage(error), step));
}

/**
 * Builds a plan on the engine with the plan's builder (BuildKit or the classic one), from an
 * in-memory context holding only the plan's files. Resolves with the image id; throws BuildError
 * (a specific AppError) on failure, AppError('cancelled') when `signal` aborts. Either way no
 * build container is left behind.
 */
export async function buildImage(options: BuildImageOptions): Promise<BuildResult> {
  const { docker, plan, signal } = options;
  const now = options.now ?? Date.now;
  if (signal?.aborted) throw buildCancelled();

  let before: Set<string>;
  try {
    before = await listContainerIds(docker);
  } catch (error) {
    if (isConnectionFailure(error)) throw engineUnavailable(error, null);
    throw error;
  }
  await options.interrupted?.sweep(docker);

  if (signal?.aborted) throw buildCancelled();
  const startedAt = now();
  const builder = plan.builder ?? 'classic';
  const state = newState(builder === 'buildkit' ? new BuildKitEventReader(plan.dockerfile) : new BuildEventReader());
  const engine = await watchEngine(docker);
  try {
    return await runBuild();
  } finally {
    engine.stop();
  }

  async function runBuild(): Promise<BuildResult> {
    const emit = (event: BuildEvent) => {
      track(state, event);
      options.onEvent?.(event);
    };

    let stream: NodeJS.ReadableStream;
    let release = () => {};
    try {
      const query = {
        t: options.tag,
        dockerfile: DOCKERFILE_NAME,
        buildargs: { ...plan.buildArgs },
        // Through the API, not the Dockerfile: the engine adds it as a last LABEL step, so every
        // step before it still hits the cache on a rebuild.
        labels: { [labelKeys.created]: new Date(startedAt).toISOString() },
        networkmode: options.network,
        platform: options.platform,
        rm: true,
        forcerm: true,
        nocache: options.noCache === true,
      };
      if (builder === 'buildkit') {
        ({ stream, release } = await startBuildKitBuild(docker, { context: createBuildContext(plan), query, ...(signal ? { signal } : {}) }));
      } else {
        stream = await docker.buildImage(createBuildContext(plan), { ...query, ...(signal ? { abortSignal: signal } : {}) });
      }
    } catch (error) {
      if (signal?.aborted) throw buildCancelled();
      if (isConnectionFailure(error)) throw engineUnavailable(error, null);
      // The engine refused the request itself (a bad platform, a malformed option).
      throw new AppError('build-other', `The engine refused to start the build: ${errorMessage(error)}`, errorMessage(error));
    }

    const { broken } = await consume(stream, signal, (raw) => {
      for (const event of state.reader.push(raw)) emit(event);
    });
    release();
    for (const event of state.reader.end()) emit(event);

    const scope = { before, containerIds: state.containerIds, layerIds: state.layerIds, instructions: state.instructions, baseImage: state.baseImage };
    const cleanUp = async () => {
      // BuildKit runs steps in containers of its own, which the engine's container list never shows.
      if (builder === 'buildkit') return;
      try {
        await removeBuildLeftovers(docker, scope);
      } catch {
        // The engine is gone or busy: nothing can be removed now, and nothing it will keep running.
        options.interrupted?.remember(scope);
      }
    };

    if (signal?.aborted) {
      await cleanUp();
      throw buildCancelled();
    }
    if (state.failure !== null) {
      // A step killed from outside (137/143), or an engine error such as a failed mount, is what a
      // stopping engine does to its build first: watch a moment longer before blaming the recipe.
      if (
        (state.failure.kind === 'other' || state.failure.kind === 'pip-failed') &&
        engineMayHaveCaused(state.failure.engineMessage, state.reader.current().stepLog) &&
        (await engine.goneWithin(ENGINE_GONE_WAIT_MS))
      ) {
        options.interrupted?.remember(scope);
        throw engineUnavailable(new Error(state.failure.engineMessage ?? 'killed'), state.reader.current().step);
      }
      await cleanUp();
      // BuildKit resolves the base before its FROM step starts: a base it cannot get has no step 1.
      throw new BuildError(await withBasePlatform(docker, state.failure, state.baseImage ?? baseImageOf(plan.dockerfile), options.platform));
    }
    if (broken !== null || state.imageId === null) {
      const { step } = state.reader.current();
      if (!(await engineAnswers(docker))) {
        options.interrupted?.remember(scope);
        throw engineUnavailable(broken ?? new Error('The build stream ended without a result'), step);
      }
      await cleanUp();
      throw new BuildError({
        kind: 'other',
        message: `The engine ended the build without a result${step ? ` at step ${step.n} of ${step.total}` : ''}.`,
        hint: 'Press Retry; if it happens again, restart Docker.',
        packages: [],
        toolOutput: broken !== null ? [errorMessage(broken)] : [],
        engineMessage: null,
        step: step?.n ?? null,
      });
    }

    await checkPlatform(docker, options.tag, options.platform, state.reader.current().step, builder, plan.dockerfile);

    return {
      imageId: state.imageId,
      tag: options.tag,
      durationMs: now() - startedAt,
      cachedSteps: state.cachedStepNumbers.length,
      totalSteps: state.totalSteps,
      cachedStepNumbers: [...state.cachedStepNumbers],
    };
  }
}
