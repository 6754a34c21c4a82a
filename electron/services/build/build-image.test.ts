import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { AppError } from '../../contract/errors';
import { BuildError } from './build-error';
import { buildImage } from './build-image';

// The engine's side of a build, scripted: what the real engine does is in test/services/build.test.ts;
// here are the ways a connection breaks that a test engine cannot be made to do on cue.
interface FakeEngine {
  events: unknown[];
  /** After the events: end the stream cleanly, or break it like a dead socket. */
  ending: 'end' | 'break';
  pingOk: boolean;
  listError?: Error & { code?: string };
  removed: string[];
  containers: { Id: string; ImageID: string; Command: string }[];
  /** What the built image says it is. */
  arch?: string;
  untagged?: string[];
}

function fakeDocker(engine: FakeEngine): Dockerode {
  const fake = {
    listContainers: async () => {
      if (engine.listError) throw engine.listError;
      return engine.containers;
    },
    ping: async () => {
      if (!engine.pingOk) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return 'OK';
    },
    getImage: (name: string) => ({
      inspect: async () => ({ Os: 'linux', Architecture: engine.arch ?? 'amd64' }),
      remove: async () => {
        (engine.untagged ??= []).push(name);
      },
    }),
    getContainer: (id: string) => ({
      remove: async () => {
        engine.removed.push(id);
      },
    }),
    buildImage: async () => {
      const stream = new PassThrough();
      setImmediate(() => {
        for (const event of engine.events) stream.write(`${JSON.stringify(event)}\r\n`);
        if (engine.ending === 'end') stream.end();
        else stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      });
      return stream;
    },
  };
  return fake as unknown as Dockerode;
}

const plan = { dockerfile: 'FROM x\nRUN y\n', files: [], buildArgs: {} };
const options = { plan, tag: 't:1', platform: 'linux/amd64', network: 'host' as const };

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('buildImage against a scripted engine', () => {
  it('returns the image id, the step count and which steps came from the cache', async () => {
    const engine: FakeEngine = {
      events: [
        { stream: 'Step 1/2 : FROM x' },
        { stream: '\n' },
        { stream: ' ---> 5c7874eca72f\n' },
        { stream: 'Step 2/2 : RUN y\n' },
        { stream: ' ---> Using cache\n' },
        { stream: ' ---> 7ba3e7775fa2\n' },
        { aux: { ID: 'sha256:7ba3' } },
      ],
      ending: 'end',
      pingOk: true,
      removed: [],
      containers: [],
    };
    let clock = 1000;
    const result = await buildImage({ ...options, docker: fakeDocker(engine), now: () => (clock += 250) });
    expect(result).toEqual({ imageId: 'sha256:7ba3', tag: 't:1', durationMs: 250, cachedSteps: 1, totalSteps: 2, cachedStepNumbers: [2] });
  });

  it('says the engine is not running when it does not answer at all', async () => {
    const engine: FakeEngine = {
      events: [],
      ending: 'end',
      pingOk: false,
      removed: [],
      containers: [],
      listError: Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' }),
    };
    const error = await failure(buildImage({ ...options, docker: fakeDocker(engine) }));
    expect(error.code).toBe('engine-unavailable');
    expect(error.message).toMatch(/^The Docker engine is not running/);
  });

  it('says the engine went away when the stream breaks and the engine no longer answers', async () => {
    const engine: FakeEngine = {
      events: [{ stream: 'Step 2/5 : RUN y\n' }, { stream: 'working\n' }],
      ending: 'break',
      pingOk: false,
      removed: [],
      containers: [],
    };
    const error = await failure(buildImage({ ...options, docker: fakeDocker(engine) }));
    expect(error.code).toBe('engine-unavailable');
    expect(error.message).toMatch(/^The Docker engine stopped answering during the build \(at step 2 of 5\)/);
  });

  it('does not blame the engine for a stream that ended without a result while it still answers', async () => {
    const engine: FakeEngine = { events: [{ stream: 'Step 2/5 : RUN y\n' }], ending: 'end', pingOk: true, removed: [], containers: [] };
    const error = await failure(buildImage({ ...options, docker: fakeDocker(engine) }));
    expect(error.code).toBe('build-other');
  });

  it("turns an error event into a BuildError and removes the failed step's container", async () => {
    const engine: FakeEngine = {
      events: [
        { stream: 'Step 2/2 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
        { stream: ' ---> Running in 5552005b873c\n' },
        { stream: 'ERROR: No matching distribution found for nothere\n' },
        {
          errorDetail: { code: 1, message: 'returned a non-zero code: 1' },
          error: "The command '/bin/sh -c python3 -m pip install' returned a non-zero code: 1",
        },
      ],
      ending: 'end',
      pingOk: true,
      removed: [],
      containers: [{ Id: '5552005b873c0000', ImageID: 'sha256:aaaa', Command: "/bin/sh -c 'python3 -m pip install'" }],
    };
    const error = await failure(buildImage({ ...options, docker: fakeDocker(engine) }));
    expect(error).toBeInstanceOf(BuildError);
    expect(error.code).toBe('build-package-not-found');
    expect((error as BuildError).failure.packages).toEqual(['nothere']);
    expect(engine.removed).toContain('5552005b873c0000');
  });

  it('refuses an image the engine built for another platform than asked, and untags it', async () => {
    const engine: FakeEngine = {
      events: [{ stream: 'Step 1/1 : FROM x\n' }, { aux: { ID: 'sha256:7ba3' } }],
      ending: 'end',
      pingOk: true,
      removed: [],
      containers: [],
      arch: 'amd64',
    };
    const error = await failure(buildImage({ ...options, platform: 'linux/arm64', docker: fakeDocker(engine) }));
    expect(error.code).toBe('build-platform-mismatch');
    expect(error.message).toMatch(/^The engine built a linux\/amd64 image, not linux\/arm64/);
    expect(engine.untagged).toEqual(['t:1']);
  });

  it('does not start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const engine: FakeEngine = { events: [], ending: 'end', pingOk: true, removed: [], containers: [] };
    expect((await failure(buildImage({ ...options, docker: fakeDocker(engine), signal: controller.signal }))).code).toBe('cancelled');
  });
});
