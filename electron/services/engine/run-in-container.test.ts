import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { runInContainer } from './run-in-container';

// What differs between a check (the output's start, a timeout ends it) and a try (the output's
// end, a timed-out run is still read); the engine-stopping cases are in verify/run-once.test.ts.

function engine(options: { output: string; exits: boolean; stale?: { Id: string; State: string; Created: number }[] }) {
  const calls: string[] = [];
  const out = new PassThrough();
  let killed: (status: { StatusCode: number }) => void = () => undefined;
  const container = {
    attach: async () => out,
    start: async () => {
      out.write(options.output);
      if (options.exits) out.end();
    },
    wait: () =>
      options.exits
        ? Promise.resolve({ StatusCode: 0 })
        : new Promise<{ StatusCode: number }>((resolve) => {
            killed = resolve;
          }),
    kill: async (opts: { signal?: string }) => {
      calls.push(`kill ${opts.signal ?? ''}`);
      out.end();
      killed({ StatusCode: 137 });
    },
    remove: async () => void calls.push('remove'),
  };
  const docker = {
    listContainers: async () => options.stale ?? [],
    getContainer: (id: string) => ({ remove: async () => void calls.push(`stale ${id}`) }),
    getEvents: async () => new PassThrough(),
    ping: async () => 'OK',
    createContainer: async () => container,
    modem: { demuxStream: (stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream) => stream.pipe(stdout) },
  };
  return { docker: docker as unknown as Dockerode, calls };
}

const base = { image: 'img', script: 'true', network: 'none', label: 'rib.test', purpose: 'test' };

describe('running a script once in a container', () => {
  it('keeps the start of long output for a check and its end for a try', async () => {
    const head = await runInContainer({
      ...base,
      ...engine({ output: 'first-middle-last', exits: true }),
      timeoutMs: 5000,
      output: { maxBytes: 5, keep: 'head' },
    });
    expect(head.stdout).toBe('first');
    const tail = await runInContainer({
      ...base,
      ...engine({ output: 'first-middle-last', exits: true }),
      timeoutMs: 5000,
      output: { maxBytes: 4, keep: 'tail' },
    });
    expect(tail.stdout.endsWith('last')).toBe(true);
  });

  it('at the time limit: without a reader it returns at once; with one the container is killed, then read, then removed', async () => {
    const quick = engine({ output: 'working', exits: false });
    const started = Date.now();
    const stopped = await runInContainer({ ...base, docker: quick.docker, timeoutMs: 30, output: { maxBytes: 100, keep: 'head' } });
    expect(stopped).toMatchObject({ timedOut: true, exitCode: null, stdout: 'working' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(quick.calls).toEqual(['kill SIGKILL', 'remove']);

    const read = engine({ output: 'cells', exits: false });
    const run = await runInContainer({
      ...base,
      docker: read.docker,
      timeoutMs: 30,
      output: { maxBytes: 100, keep: 'tail' },
      collect: async () => void read.calls.push('collect'),
    });
    expect(run.timedOut).toBe(true);
    expect(read.calls[0]).toBe('kill SIGKILL');
    expect(read.calls.slice(-2)).toEqual(['collect', 'remove']);
  });

  it('clears only stopped leftovers older than staleAfterS', async () => {
    const now = Date.now() / 1000;
    const stale = [
      { Id: 'old', State: 'exited', Created: now - 3600 },
      { Id: 'young', State: 'exited', Created: now - 5 },
      { Id: 'running', State: 'running', Created: now - 3600 },
    ];
    const { docker, calls } = engine({ output: '', exits: true, stale });
    await runInContainer({ ...base, docker, timeoutMs: 5000, output: { maxBytes: 10, keep: 'head' }, staleAfterS: 600 });
    expect(calls.filter((c) => c.startsWith('stale'))).toEqual(['stale old']);
  });
});
