import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { AppError } from '../../contract/errors';
import { BuildError } from './build-error';
import { buildImage } from './build-image';

// buildImage with a BuildKit plan against a scripted engine that replays streams recorded from
// Docker 28.5 (test/fixtures/build-events/record-buildkit-events.ts); the real engine is in
// test/services/build.test.ts. Here: the request, cancel, and what is asked of the engine after.
const fixtures = join(import.meta.dirname, '../../../test/fixtures/build-events');

interface Recording {
  dockerfile: string;
  events: unknown[];
}

function recorded(name: string): Recording {
  return JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as Recording;
}

interface ImageInfo {
  Os: string;
  Architecture: string;
  RootFS: { Type: string; Layers: string[] };
}

interface FakeEngine {
  events: unknown[];
  /** Keep the stream open after the events (a step that runs until cancelled). */
  hang?: boolean;
  /** The engine's socket is gone: pings fail as they do then. */
  gone?: boolean;
  images: Record<string, ImageInfo>;
  dials: { path: string; options: Record<string, unknown> }[];
  containerLists: number;
  untagged: string[];
}

function fakeDocker(engine: FakeEngine): Dockerode {
  const fake = {
    listContainers: async () => {
      engine.containerLists += 1;
      return [];
    },
    ping: async () => {
      if (engine.gone) throw Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' });
      return 'OK';
    },
    getImage: (name: string) => ({
      inspect: async () => {
        const info = engine.images[name];
        if (!info) throw Object.assign(new Error(`No such image: ${name}`), { statusCode: 404 });
        return info;
      },
      remove: async () => {
        engine.untagged.push(name);
      },
    }),
    buildImage: async () => {
      throw new Error('the classic builder must not be used for a BuildKit plan');
    },
    modem: {
      dial: (options: { path: string; options?: Record<string, unknown>; abortSignal?: AbortSignal }, callback: (error: unknown, result?: unknown) => void) => {
        engine.dials.push({ path: options.path, options: options.options ?? {} });
        if (options.path !== '/build?') return void callback(null, {});
        const stream = new PassThrough();
        setImmediate(() => {
          for (const event of engine.events) stream.write(`${JSON.stringify(event)}\n`);
          if (!engine.hang) stream.end();
        });
        callback(null, stream);
      },
    },
  };
  return fake as unknown as Dockerode;
}

function engineFor(events: unknown[], images: Record<string, ImageInfo> = {}): FakeEngine {
  return { events, images, dials: [], containerLists: 0, untagged: [] };
}

const amd64 = (layers: string[]): ImageInfo => ({ Os: 'linux', Architecture: 'amd64', RootFS: { Type: 'layers', Layers: layers } });
const arm64 = (layers: string[]): ImageInfo => ({ Os: 'linux', Architecture: 'arm64', RootFS: { Type: 'layers', Layers: layers } });

function planOf(recording: Recording) {
  return { dockerfile: recording.dockerfile, files: [], buildArgs: { PIP_INDEX_URL: 'http://127.0.0.1:5001/simple' }, builder: 'buildkit' as const };
}

const options = { tag: 't:1', platform: 'linux/amd64', network: 'host' as const };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('buildImage with BuildKit against a scripted engine', () => {
  it("asks for BuildKit with the same options as the classic builder, and reads the result in the plan's steps", async () => {
    const recording = recorded('buildkit-docker28cd-cached');
    const engine = engineFor(recording.events, { 't:1': amd64(['a', 'b']) });
    const result = await buildImage({ ...options, plan: planOf(recording), docker: fakeDocker(engine) });
    expect(result).toMatchObject({
      imageId: expect.stringMatching(/^sha256:/),
      totalSteps: 12,
      cachedSteps: 11,
      cachedStepNumbers: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
    const request = engine.dials.find((d) => d.path === '/build?');
    expect(request?.options).toMatchObject({
      version: '2',
      t: 't:1',
      dockerfile: 'Dockerfile',
      networkmode: 'host',
      platform: 'linux/amd64',
      nocache: false,
      buildargs: { PIP_INDEX_URL: 'http://127.0.0.1:5001/simple' },
    });
    expect(String(request?.options['buildid'])).toMatch(/^runtime-image-builder-[0-9a-f-]{36}$/);
    expect(Object.keys((request?.options['labels'] as Record<string, string>) ?? {})).toEqual(['org.opencontainers.image.created']);
    // No step containers to look for afterwards: only the check that the engine answers.
    expect(engine.containerLists).toBe(1);
  });

  it('explains a failed step without looking for its containers', async () => {
    const recording = recorded('buildkit-docker28-package-not-found');
    const engine = engineFor(recording.events);
    const error = await failure(buildImage({ ...options, plan: planOf(recording), docker: fakeDocker(engine) }));
    expect(error).toBeInstanceOf(BuildError);
    expect(error.code).toBe('build-package-not-found');
    expect((error as BuildError).failure.step).toBe(9);
    expect(engine.containerLists).toBe(1);
  });

  it('cancels on the engine by build id as well as by closing the connection', async () => {
    const recording = recorded('buildkit-docker28-good');
    const running = recording.events.slice(0, 20);
    const engine = { ...engineFor(running), hang: true };
    const controller = new AbortController();
    const outcome = buildImage({
      ...options,
      plan: planOf(recording),
      docker: fakeDocker(engine),
      signal: controller.signal,
      onEvent: (event) => event.type === 'step' && event.n === 3 && controller.abort(),
    });
    expect((await failure(outcome)).code).toBe('cancelled');
    const buildId = engine.dials.find((d) => d.path === '/build?')?.options['buildid'];
    expect(engine.dials.filter((d) => d.path === '/build/cancel?')).toEqual([{ path: '/build/cancel?', options: { id: buildId } }]);
  });

  it('reports the engine gone as soon as it stops taking pings, though the build stream stays open', async () => {
    const recording = recorded('buildkit-docker28-good');
    const engine = { ...engineFor(recording.events.slice(0, 20)), hang: true };
    const started = Date.now();
    const outcome = buildImage({
      ...options,
      plan: planOf(recording),
      docker: fakeDocker(engine),
      onEvent: (event) => event.type === 'step' && event.n === 3 && (engine.gone = true),
    });
    const error = await failure(outcome);
    expect(error.code).toBe('engine-unavailable');
    expect(error.message).toMatch(/^The Docker engine stopped answering during the build \(at step \d+ of 12\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says the engine has the base only for another platform when BuildKit cannot fetch it for this one', async () => {
    const recording = recorded('buildkit-docker28-base-unreachable');
    const engine = engineFor(recording.events, { 'rib-test/does-not-exist:1': arm64(['x']) });
    const error = await failure(buildImage({ ...options, plan: planOf(recording), docker: fakeDocker(engine) }));
    expect(error.code).toBe('build-base-image');
    expect(error.message).toMatch(/^The engine has the base image rib-test\/does-not-exist:1 only for linux\/arm64, not linux\/amd64/);
  });

  it('refuses and untags an image labelled for the platform asked but built on a local base of another (containerd store)', async () => {
    const recording = recorded('buildkit-docker28cd-good');
    const engine = engineFor(recording.events, { 't:1': arm64(['base1', 'base2', 'pip']), 'python:3.11-slim': amd64(['base1', 'base2']) });
    const error = await failure(buildImage({ ...options, platform: 'linux/arm64', plan: planOf(recording), docker: fakeDocker(engine) }));
    expect(error.code).toBe('build-platform-mismatch');
    expect(error.message).toMatch(/^The engine built a linux\/amd64 image, not linux\/arm64/);
    expect(engine.untagged).toEqual(['t:1']);
  });

  it('keeps an image for another platform that the engine built on a base of that platform', async () => {
    const recording = recorded('buildkit-docker28cd-good');
    const engine = engineFor(recording.events, { 't:1': arm64(['arm1', 'pip']), 'python:3.11-slim': amd64(['base1', 'base2']) });
    const result = await buildImage({ ...options, platform: 'linux/arm64', plan: planOf(recording), docker: fakeDocker(engine) });
    expect(result.tag).toBe('t:1');
    expect(engine.untagged).toEqual([]);
  });
});
