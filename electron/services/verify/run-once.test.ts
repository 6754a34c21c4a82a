import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { AppError } from '../../contract/errors';
import { runOnce } from './run-once';

// How the check tells a stopping engine from an image that cannot run it. The real engine does
// both within about a second (test/services/faults.test.ts stops it mid-build); here the timing
// is set by hand, which is the only way to land inside the check every time.

interface Script {
  /** The engine's daemon event stream ends (it is shutting down) this many ms after the start fails. */
  engineGoesAfterMs: number | null;
  start: 'fails' | { exitCode: number } | 'runs-forever';
  /** Podman makes the process when the client attaches: an image without sh fails there. */
  attachFails?: boolean;
  /** Check containers left by earlier checks, as the engine lists them by label. */
  stale?: { Id: string; State: string }[];
  /** The engine refuses to create the container (it is shutting down). */
  createFails?: boolean;
}

function engine(script: Script): { docker: Dockerode; removed: string[] } {
  const events = new PassThrough();
  const removed: string[] = [];
  const output = new PassThrough();
  const goAway = () => {
    if (script.engineGoesAfterMs !== null) setTimeout(() => events.end(), script.engineGoesAfterMs);
  };
  const container = {
    id: 'check-1',
    attach: async () => {
      if (script.attachFails) {
        throw new Error(
          '(HTTP code 500) server error - preparing container check-1 for attach: runc: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH',
        );
      }
      return output;
    },
    start: async () => {
      goAway();
      if (script.start !== 'runs-forever') output.end();
      if (script.start === 'fails') throw new Error('(HTTP code 500) server error - cannot start container: the daemon is shutting down');
    },
    wait: () =>
      script.start === 'runs-forever'
        ? new Promise<never>(() => undefined)
        : Promise.resolve({ StatusCode: script.start === 'fails' ? -1 : script.start.exitCode }),
    // Podman's forced remove stops gracefully: a check still running is killed first.
    kill: async () => void removed.push('killed check-1'),
    remove: async () => void removed.push('check-1'),
  };
  const fake = {
    listContainers: async (options: { filters?: string }) => {
      // Podman 5.8 answers a status filter naming "dead" with a 500: the states must not be asked for.
      if (options.filters?.includes('"status"')) throw new Error('(HTTP code 500) server error - unknown container state: dead: invalid argument');
      return script.stale ?? [];
    },
    getContainer: (id: string) => ({ remove: async () => void removed.push(`stale ${id}`) }),
    getEvents: async () => events,
    ping: async () => 'OK',
    createContainer: async () => {
      if (!script.createFails) return container;
      goAway();
      throw new Error('(HTTP code 500) server error - the daemon is shutting down');
    },
    modem: { demuxStream: (stream: NodeJS.ReadableStream) => stream.resume() },
  };
  return { docker: fake as unknown as Dockerode, removed };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const checkMessage = 'The Docker engine is not running, so the image could not be checked. Start Docker, then press Retry.';

describe('a check the engine stopped under', () => {
  it('says the engine stopped when the start fails as the engine goes', async () => {
    const { docker, removed } = engine({ engineGoesAfterMs: 50, start: 'fails' });
    const error = await failure(runOnce({ docker, image: 'img', script: 'true' }));
    expect(error.code).toBe('engine-unavailable');
    expect(error.message).toBe(checkMessage);
    expect(removed).toEqual(['check-1']);
  });

  it('says the engine stopped when it refused to make the check container on its way down', async () => {
    const { docker } = engine({ engineGoesAfterMs: 50, start: 'fails', createFails: true });
    const error = await failure(runOnce({ docker, image: 'img', script: 'true' }));
    expect(error.code).toBe('engine-unavailable');
    expect(error.message).toBe(checkMessage);
  });

  it('says the engine stopped when it killed the check (137) on its way down', async () => {
    const { docker } = engine({ engineGoesAfterMs: 0, start: { exitCode: 137 } });
    const error = await failure(runOnce({ docker, image: 'img', script: 'true' }));
    expect(error.code).toBe('engine-unavailable');
    expect(error.message).toBe(checkMessage);
  });

  it("reports an image that cannot start as the image's problem while the engine stays", async () => {
    const { docker, removed } = engine({ engineGoesAfterMs: null, start: 'fails' });
    const result = await runOnce({ docker, image: 'img', script: 'true' });
    expect(result.exitCode).toBeNull();
    expect(result.startError).toMatch(/cannot start container/);
    expect(removed).toEqual(['check-1']);
  });

  it("reports an image without sh as the image's problem when the attach fails (Podman), at once", async () => {
    const { docker, removed } = engine({ engineGoesAfterMs: null, start: { exitCode: 0 }, attachFails: true });
    const started = Date.now();
    const result = await runOnce({ docker, image: 'img', script: 'true' });
    expect(result.exitCode).toBeNull();
    expect(result.startError).toMatch(/executable file not found/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(removed).toEqual(['check-1']);
  });

  it('clears stopped check containers an earlier check left, not running ones', async () => {
    const stale = [
      { Id: 'left-by-a-stopped-engine', State: 'exited' },
      { Id: 'another-check-running', State: 'running' },
    ];
    const { docker, removed } = engine({ engineGoesAfterMs: null, start: { exitCode: 0 }, stale });
    await runOnce({ docker, image: 'img', script: 'true' });
    expect(removed).toEqual(['stale left-by-a-stopped-engine', 'check-1']);
  });

  it('kills a check that runs too long before removing it', async () => {
    const { docker, removed } = engine({ engineGoesAfterMs: null, start: 'runs-forever' });
    const error = await failure(runOnce({ docker, image: 'img', script: 'sleep 60', timeoutMs: 50 }));
    expect(error.code).toBe('verify-timeout');
    expect(removed).toEqual(['killed check-1', 'check-1']);
  });

  it('passes on a check that exits 137 by itself (out of memory) with the engine staying', async () => {
    const { docker } = engine({ engineGoesAfterMs: null, start: { exitCode: 137 } });
    expect((await runOnce({ docker, image: 'img', script: 'true' })).exitCode).toBe(137);
  });
});
