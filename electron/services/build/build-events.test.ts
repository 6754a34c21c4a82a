import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildEvent, BuildEventReader, parseBuildLine, parseBuildMessage, settleCarriageReturns, stripAnsi } from './build-events';
import { basePlatformFailure, engineMayHaveCaused, stepExitCode } from './build-failure';

// Streams recorded from the real engine by test/fixtures/build-events/record-build-events.ts.
const fixtures = join(import.meta.dirname, '../../../test/fixtures/build-events');

function recorded(name: string): unknown[] {
  const file = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { events: unknown[] };
  return file.events;
}

function readAll(events: readonly unknown[]): BuildEvent[] {
  const reader = new BuildEventReader();
  return [...events.flatMap((event) => reader.push(event)), ...reader.end()];
}

function ofType<T extends BuildEvent['type']>(events: readonly BuildEvent[], type: T): Extract<BuildEvent, { type: T }>[] {
  return events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);
}

function failureOf(name: string) {
  const errors = ofType(readAll(recorded(name)), 'error');
  expect(errors).toHaveLength(1);
  return errors[0]?.failure;
}

describe('parseBuildMessage', () => {
  it('tells stream text, the image id, an error and anything else apart', () => {
    expect(parseBuildMessage({ stream: 'Step 1/2 : FROM x' })).toEqual({ type: 'stream', text: 'Step 1/2 : FROM x' });
    expect(parseBuildMessage({ aux: { ID: 'sha256:abc' } })).toEqual({ type: 'aux', imageId: 'sha256:abc' });
    expect(parseBuildMessage({ errorDetail: { code: 1, message: 'boom' }, error: 'boom' })).toEqual({ type: 'error', message: 'boom' });
    expect(parseBuildMessage({ errorDetail: { message: 'only detail' } })).toEqual({ type: 'error', message: 'only detail' });
    expect(parseBuildMessage({ status: 'Downloading', progressDetail: {} }).type).toBe('other');
    expect(parseBuildMessage('not json at all').type).toBe('other');
    expect(parseBuildMessage(null).type).toBe('other');
    expect(parseBuildMessage({ aux: { Digest: 'x' } }).type).toBe('other');
  });
});

describe('parseBuildLine', () => {
  it('reads the classic builder step header', () => {
    expect(parseBuildLine('Step 7/11 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements-elyra.txt')).toEqual({
      type: 'step',
      n: 7,
      total: 11,
      instruction: 'RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements-elyra.txt',
    });
  });

  it('reads cache hits, step containers and step images', () => {
    expect(parseBuildLine(' ---> Using cache')).toEqual({ type: 'cache-hit' });
    expect(parseBuildLine(' ---> Running in b9ec71fe5bc2')).toEqual({ type: 'container', id: 'b9ec71fe5bc2' });
    expect(parseBuildLine(' ---> 7ba3e7775fa2')).toEqual({ type: 'layer', id: '7ba3e7775fa2' });
  });

  it("reads Podman's step header, cache hits and step images", () => {
    expect(parseBuildLine('STEP 9/11: RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt')).toEqual({
      type: 'step',
      n: 9,
      total: 11,
      instruction: 'RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt',
    });
    expect(parseBuildLine('--> Using cache 264c8a23029035f83b4a643fbc4b94dcbd9dfff5b37cf5f60711c10f95844fb5')).toEqual({ type: 'cache-hit' });
    expect(parseBuildLine('--> 264c8a230290')).toEqual({ type: 'layer', id: '264c8a230290' });
    for (const line of [
      'COMMIT docker.io/rib-test/fixture:good',
      'STEP 3/8 RUN x',
      'Step 3/8: RUN x',
      '--> Using cache',
      '--> Using cache 264c8a230290',
      'Successfully tagged docker.io/rib-test/fixture:good',
    ]) {
      expect(parseBuildLine(line)).toEqual({ type: 'log' });
    }
  });

  it('leaves lines that are not progress as log lines', () => {
    for (const line of [
      'Collecting ribdemo-alpha==1.1.0',
      '  Step 3/8 is not at the start',
      'Step three/eight : RUN x',
      ' ---> [Warning] IPv4 forwarding is disabled. Networking will not work.',
      'Removing intermediate container b9ec71fe5bc2',
      'Successfully built a17caf91c33b',
      ' ---> Using cache for something else',
      '',
    ]) {
      expect(parseBuildLine(line)).toEqual({ type: 'log' });
    }
  });
});

describe('line handling', () => {
  it("strips pip's red stderr colouring", () => {
    expect(stripAnsi('\u001b[91mERROR: No matching distribution found for x\n\u001b[0m')).toBe('ERROR: No matching distribution found for x\n');
  });

  it('drops a trailing \\r and keeps the last state of a redrawn progress line', () => {
    expect(settleCarriageReturns('Collecting x\r')).toBe('Collecting x');
    expect(settleCarriageReturns('  10% |##   |\r  50% |#### |\r 100% |#####|')).toBe(' 100% |#####|');
    expect(settleCarriageReturns('\r')).toBe('');
  });

  it('joins a step header with the newline the engine sends as a separate event', () => {
    const reader = new BuildEventReader();
    expect(reader.push({ stream: 'Step 1/2 : FROM python:3.11-slim' })).toEqual([]);
    expect(reader.push({ stream: '\n' })).toEqual([
      { type: 'log', line: 'Step 1/2 : FROM python:3.11-slim' },
      { type: 'step', n: 1, total: 2, instruction: 'FROM python:3.11-slim' },
    ]);
  });

  it('splits a multi-line chunk, handles CRLF, and flushes a last line without newline at the end', () => {
    const reader = new BuildEventReader();
    const events = [...reader.push({ stream: 'a\r\nb\nc' }), ...reader.push({ stream: 'd' }), ...reader.end()];
    expect(ofType(events, 'log').map((e) => e.line)).toEqual(['a', 'b', 'cd']);
  });

  it('passes events that are neither text nor errors through as other', () => {
    const reader = new BuildEventReader();
    expect(reader.push({ status: 'Pulling from library/python', id: '3.11' })).toEqual([
      { type: 'other', raw: { status: 'Pulling from library/python', id: '3.11' } },
    ]);
  });
});

describe('recorded builds', () => {
  it('a good build: every step, every pip line, the image id, no error', () => {
    const events = readAll(recorded('good'));
    const steps = ofType(events, 'step');
    expect(steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(steps.every((s) => s.total === 11)).toBe(true);
    expect(steps[8]?.instruction).toBe('RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt');
    expect(ofType(events, 'cache-hit')).toEqual([]);
    expect(ofType(events, 'error')).toEqual([]);
    expect(ofType(events, 'image-id')[0]?.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const lines = ofType(events, 'log').map((e) => e.line);
    expect(lines).toContain('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0');
    expect(lines.every((line) => !line.includes('\n') && !line.includes('\u001b'))).toBe(true);
    // One container per RUN/ENV/ARG/LABEL step (COPY needs none); step 1 reports the base image.
    expect(ofType(events, 'container').length).toBeGreaterThan(0);
    expect(ofType(events, 'layer')).toHaveLength(11);
  });

  it('a cached rebuild: every step but the build-time label hits the cache', () => {
    const events = readAll(recorded('cached'));
    expect(ofType(events, 'cache-hit').map((e) => e.step)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ofType(events, 'step').at(-1)?.instruction).toMatch(/^LABEL org\.opencontainers\.image\.created=/);
    expect(ofType(events, 'image-id')).toHaveLength(1);
  });

  it("pip's progress bar ends up as one line", () => {
    const lines = ofType(readAll(recorded('progress-bar')), 'log').map((e) => e.line);
    expect(lines.filter((line) => line.includes('21.0/21.0 MB'))).toHaveLength(1);
  });

  it('a package not on the index is named, with the index pip looked in', () => {
    const failure = failureOf('package-not-found');
    expect(failure).toMatchObject({ kind: 'package-not-found', packages: ['ribdemo-nothere'], step: 9 });
    expect(failure?.message).toBe('pip could not find the package ribdemo-nothere on http://127.0.0.1:5001/simple.');
    expect(failure?.toolOutput).toContain('ERROR: No matching distribution found for ribdemo-nothere');
    expect(failure?.engineMessage).toMatch(/returned a non-zero code: 1/);
  });

  it('a dependency not on the index names it and who needs it', () => {
    const failure = failureOf('dependency-not-found');
    expect(failure).toMatchObject({ kind: 'package-not-found', packages: ['ribdemo-missing'] });
    expect(failure?.message).toBe('ribdemo-broken needs ribdemo-missing>=1, which pip could not find on http://127.0.0.1:5001/simple.');
  });

  it('a version conflict names both packages and why', () => {
    const failure = failureOf('conflict');
    expect(failure?.kind).toBe('package-conflict');
    expect(failure?.packages).toEqual(['ribdemo-alpha', 'ribdemo-beta']);
    expect(failure?.message).toContain('you asked for ribdemo-alpha==2.0.0');
    expect(failure?.message).toContain('ribdemo-beta 1.0.0 needs ribdemo-alpha<2');
    expect(failure?.toolOutput).toContain('ribdemo-beta 1.0.0 depends on ribdemo-alpha<2');
  });

  it('an index the build cannot reach is a network failure, not a missing package', () => {
    const failure = failureOf('network');
    expect(failure?.kind).toBe('network');
    expect(failure?.message).toBe('The build could not reach the package index http://127.0.0.1:5001/simple (connection refused).');
    expect(failure?.hint).toMatch(/"host" build network/);
  });

  it('an externally managed Python (PEP 668) says so and offers the recipe fix', () => {
    const failure = failureOf('externally-managed');
    expect(failure?.kind).toBe('externally-managed');
    expect(failure?.message).toMatch(/Elyra's packages.*externally managed/);
    expect(failure?.hint).toMatch(/PIP_BREAK_SYSTEM_PACKAGES=1/);
  });

  it('a base image that cannot be downloaded names the image and the reason', () => {
    const unreachable = failureOf('base-unreachable');
    expect(unreachable).toMatchObject({ kind: 'base-image', step: 1 });
    expect(unreachable?.message).toBe(
      'The base image rib-test/does-not-exist:1 is not on this engine, and the engine could not reach its registry to download it.',
    );
    const unknown = failureOf('base-manifest-unknown');
    expect(unknown?.kind).toBe('base-image');
    expect(unknown?.message).toMatch(/^The base image \S+\/rib-test\/nothere:1 does not exist/);
  });
});

describe('recorded builds on Podman 5.8 (its compat API)', () => {
  it('a good build: "step N of M" for every step, the image id, no error, no container named', () => {
    const events = readAll(recorded('podman-good'));
    const steps = ofType(events, 'step');
    expect(steps.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(steps.every((s) => s.total === 11)).toBe(true);
    expect(steps[0]?.instruction).toBe('FROM python:3.11-slim');
    expect(steps.at(-1)?.instruction).toMatch(/^LABEL "org\.opencontainers\.image\.created"=/);
    expect(ofType(events, 'cache-hit')).toEqual([]);
    expect(ofType(events, 'error')).toEqual([]);
    expect(ofType(events, 'container')).toEqual([]);
    // Step 1 prints no image id; every other step does.
    expect(ofType(events, 'layer')).toHaveLength(10);
    expect(ofType(events, 'image-id').map((e) => e.imageId)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
    expect(ofType(events, 'log').map((e) => e.line)).toContain('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0');
  });

  it('a cached rebuild: every step but FROM and the build-time label hits the cache', () => {
    const events = readAll(recorded('podman-cached'));
    expect(ofType(events, 'cache-hit').map((e) => e.step)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(ofType(events, 'image-id')).toHaveLength(1);
  });

  it("a failing pip step names the package, the step and pip's message", () => {
    const failure = failureOf('podman-package-not-found');
    expect(failure).toMatchObject({ kind: 'package-not-found', packages: ['ribdemo-nothere'], step: 9 });
    expect(failure?.message).toBe('pip could not find the package ribdemo-nothere on http://127.0.0.1:5001/simple.');
    expect(failure?.toolOutput).toContain('ERROR: No matching distribution found for ribdemo-nothere');
    expect(failure?.engineMessage).toMatch(
      /^building at STEP "RUN python3 -m pip install -r \/tmp\/runtime-image-builder\/requirements\.txt": while running runtime: exit status 1/,
    );
    expect(failureOf('podman-dependency-not-found')).toMatchObject({ kind: 'package-not-found', packages: ['ribdemo-missing'] });
    expect(failureOf('podman-conflict')?.kind).toBe('package-conflict');
    // The "network" recording is no failure on Podman: its build reached the index on 127.0.0.1 with networkmode=default too.
    expect(ofType(readAll(recorded('podman-network')), 'error')).toEqual([]);
    expect(failureOf('podman-externally-managed')?.kind).toBe('externally-managed');
  });

  it('a base image that cannot be pulled names the image and the reason', () => {
    const unreachable = failureOf('podman-base-unreachable');
    expect(unreachable).toMatchObject({ kind: 'base-image', step: 1 });
    expect(unreachable?.message).toBe(
      'The base image rib-test/does-not-exist:1 is not on this engine, and the engine could not reach its registry to download it.',
    );
    // Podman pulls from localhost:PORT over https unless registries.conf marks it insecure.
    const plainHttp = failureOf('podman-base-manifest-unknown');
    expect(plainHttp).toMatchObject({ kind: 'base-image', step: 1 });
    expect(plainHttp?.message).toBe(
      'The base image localhost:5000/rib-test/nothere:1 is on localhost:5000, which answers with plain http, and the engine pulls only over https.',
    );
    expect(plainHttp?.hint).toContain('location = "localhost:5000", insecure = true');
  });

  it('a step whose container the runtime could not start blames the engine, not the recipe', () => {
    // As Podman 5.8 said it in a sandbox without CAP_SYS_RESOURCE, before containers.conf capped nproc.
    const command =
      'command -v curl >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*)';
    const events = readAll([
      {
        stream:
          'STEP 3/11: RUN command -v curl >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*)\n',
      },
      {
        stream: `error running container: from /usr/bin/runc creating container for [/bin/sh -c ${command}]: time="2026-12-07T15:24:42Z" level=error msg="runc create failed: unable to start container process: error during container init: error setting rlimits for ready process: error setting rlimit type 6: operation not permitted"\n: exit status 1\n`,
      },
      {
        errorDetail: { message: `building at STEP "RUN ${command}": while running runtime: exit status 1\n` },
        error: `building at STEP "RUN ${command}": while running runtime: exit status 1\n`,
      },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure?.kind).toBe('other');
    expect(failure?.message).toBe(
      'The engine could not start a container for step 3 of 11: its container runtime refused (error setting rlimits for ready process: error setting rlimit type 6: operation not permitted).',
    );
    expect(failure?.hint).toMatch(/containers\.conf/);
  });
});

describe("Podman's failures when something outside the recipe ended the step", () => {
  it('a step killed by a signal (the service stopping) is not blamed on pip, and may be the engine', () => {
    const message =
      'building at STEP "RUN echo "installing slowly" && sleep 30 && python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt": while running runtime: exit status 1\n';
    // As Podman 5.8 sent it when its service got SIGTERM during the step.
    const events = readAll([
      { stream: 'STEP 9/11: RUN echo "installing slowly" && sleep 30 && python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
      { stream: 'installing slowly\n' },
      { stream: 'container exited on killed\n' },
      { errorDetail: { message }, error: message },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure).toMatchObject({ kind: 'other', step: 9, message: 'Step 9 of 11 was killed (signal: killed).' });
    expect(engineMayHaveCaused(failure?.engineMessage ?? null, ['installing slowly', 'container exited on killed'])).toBe(true);
  });

  it("a step's own exit status is the recipe's: no wait for the engine", () => {
    expect(stepExitCode('building at STEP "RUN x": while running runtime: exit status 3\n')).toBe('3');
    expect(stepExitCode("The command '/bin/sh -c x' returned a non-zero code: 2")).toBe('2');
    expect(engineMayHaveCaused('building at STEP "RUN x": while running runtime: exit status 1\n', ['ERROR: No matching distribution found for x'])).toBe(
      false,
    );
    expect(engineMayHaveCaused("The command '/bin/sh -c x' returned a non-zero code: 137")).toBe(true);
    expect(engineMayHaveCaused('failed to mount overlay: no such file or directory')).toBe(true);
  });

  it('a base image the engine has for another platform says so', () => {
    const failure = failureOf('podman-base-unreachable');
    expect(failure && basePlatformFailure(failure, 'python:3.11-slim', 'linux/amd64', 'linux/arm64').message).toBe(
      'The engine has the base image python:3.11-slim only for linux/amd64, not linux/arm64, and could not download it for linux/arm64.',
    );
  });
});

describe('failures written in the engine’s shape', () => {
  // Not reproducible on the test engine without filling its disk; the texts are the engine's and pip's own.
  it('a full disk, from the engine or from pip', () => {
    const fromEngine = readAll([
      { stream: 'Step 9/11 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
      {
        errorDetail: {
          message: 'failed to register layer: Error processing tar file(exit status 1): write /usr/local/lib/python3.11/x.so: no space left on device',
        },
        error: 'failed to register layer: …: no space left on device',
      },
    ]);
    expect(ofType(fromEngine, 'error')[0]?.failure.kind).toBe('disk-full');
    const fromPip = readAll([
      { stream: 'Step 9/11 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
      { stream: '\u001b[91mERROR: Could not install packages due to an OSError: [Errno 28] No space left on device\n\u001b[0m' },
      { error: "The command '/bin/sh -c python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt' returned a non-zero code: 1" },
    ]);
    expect(ofType(fromPip, 'error')[0]?.failure.kind).toBe('disk-full');
  });

  it('apt without a network, while the recipe installs curl', () => {
    const events = readAll([
      { stream: 'Step 3/10 : RUN command -v curl >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends curl ca-certificates)\n' },
      { stream: "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'\n" },
      { stream: '\u001b[91mE: Unable to locate package curl\n\u001b[0m' },
      { error: "The command '/bin/sh -c command -v curl' returned a non-zero code: 100" },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure?.kind).toBe('network');
    expect(failure?.message).toBe('The build could not reach deb.debian.org to install system packages (step 3 of 10).');
  });

  it('a name pip cannot resolve is a network failure', () => {
    const events = readAll([
      { stream: 'Step 9/11 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
      { stream: 'Looking in indexes: https://pypi.example.com/simple\n' },
      {
        stream:
          "WARNING: Retrying (Retry(total=4)) after connection broken by 'NewConnectionError(': Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/pandas/\n",
      },
      { stream: 'ERROR: Could not find a version that satisfies the requirement pandas (from versions: none)\n' },
      { error: "The command '/bin/sh -c python3 -m pip install …' returned a non-zero code: 1" },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure?.kind).toBe('network');
    expect(failure?.message).toContain('its name could not be resolved');
    expect(failure?.hint).not.toMatch(/runs on this computer/);
  });

  it('a version that does not exist lists the versions the index has', () => {
    const events = readAll([
      { stream: 'Step 9/11 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
      { stream: 'ERROR: Could not find a version that satisfies the requirement ribdemo-alpha==9.9 (from versions: 1.0.0, 1.1.0, 2.0.0)\n' },
      { stream: 'ERROR: No matching distribution found for ribdemo-alpha==9.9\n' },
      { error: "The command '/bin/sh -c python3 -m pip install …' returned a non-zero code: 1" },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure?.kind).toBe('package-not-found');
    expect(failure?.packages).toEqual(['ribdemo-alpha']);
    expect(failure?.message).toBe(
      'pip could not find a version of ribdemo-alpha that matches ribdemo-alpha==9.9 on the package index (it has 1.0.0, 1.1.0, 2.0.0).',
    );
  });

  it('a wheel that fails to build names the package', () => {
    const events = readAll([
      { stream: 'Step 9/11 : RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt\n' },
      { stream: '  error: subprocess-exited-with-error\n' },
      { stream: '  ERROR: Failed building wheel for pycairo\n' },
      { stream: 'ERROR: Could not build wheels for pycairo, which is required to install pyproject.toml-based projects\n' },
      { error: "The command '/bin/sh -c python3 -m pip install …' returned a non-zero code: 1" },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure).toMatchObject({ kind: 'pip-failed', packages: ['pycairo'] });
    expect(failure?.message).toBe('pip could not build pycairo from source while installing your packages.');
  });

  it('any other failing step says which step and its exit code', () => {
    const events = readAll([
      { stream: 'Step 3/10 : RUN command -v curl || false\n' },
      { error: "The command '/bin/sh -c command -v curl || false' returned a non-zero code: 1" },
    ]);
    const failure = ofType(events, 'error')[0]?.failure;
    expect(failure?.kind).toBe('other');
    expect(failure?.message).toBe('The build stopped at step 3 of 10 (RUN command -v curl || false) with exit code 1.');
  });
});
