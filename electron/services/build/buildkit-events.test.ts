import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildEvent } from './build-events';
import { BuildKitEventReader } from './buildkit-events';
import { StatusResponseType } from './buildkit-status-schema';
import { dockerfileInstructions, planSteps } from './buildkit-steps';

// Streams recorded from Docker 28.5 (overlay2 and the containerd image store) by
// test/fixtures/build-events/record-buildkit-events.ts, with the Dockerfile each was built from.
const fixtures = join(import.meta.dirname, '../../../test/fixtures/build-events');
const ENGINES = ['docker28', 'docker28cd'] as const;

interface Recording {
  dockerfile: string;
  events: unknown[];
}

function recorded(engine: string, scenario: string): Recording {
  return JSON.parse(readFileSync(join(fixtures, `buildkit-${engine}-${scenario}.json`), 'utf8')) as Recording;
}

function readAll(recording: Recording): BuildEvent[] {
  const reader = new BuildKitEventReader(recording.dockerfile);
  return [...recording.events.flatMap((event) => reader.push(event)), ...reader.end()];
}

function ofType<T extends BuildEvent['type']>(events: readonly BuildEvent[], type: T): Extract<BuildEvent, { type: T }>[] {
  return events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);
}

function logOf(events: readonly BuildEvent[]): string[] {
  return ofType(events, 'log').map((e) => e.line);
}

function failureOf(engine: string, scenario: string) {
  const errors = ofType(readAll(recorded(engine, scenario)), 'error');
  expect(errors).toHaveLength(1);
  return errors[0]?.failure;
}

describe('planSteps', () => {
  it("numbers the plan's instructions as the plan does, and finds the ones BuildKit makes operations of", () => {
    const dockerfile = '# made by us\nFROM a\nENV X=1 \\\n    Y=2\nRUN echo\nARG P\nCOPY f /t/\nLABEL a="b" \\\n      c="d"\n';
    expect(dockerfileInstructions(dockerfile)).toEqual(['FROM a', 'ENV X=1 Y=2', 'RUN echo', 'ARG P', 'COPY f /t/', 'LABEL a="b" c="d"']);
    expect(planSteps(dockerfile).operationSteps).toEqual([1, 3, 5]);
  });

  it('skips the comments that say why a heavy package has a layer of its own: one instruction per step label', () => {
    const dockerfile =
      'FROM a\n# ribdemo-heavy 1.1.0 (60 MB last build) in its own layer,\n# so that changing other packages does not send it again.\nRUN pip install ribdemo-heavy==1.1.0\n# Your package list\nCOPY requirements.txt /t/\nRUN pip install -r /t/requirements.txt\n';
    expect(dockerfileInstructions(dockerfile)).toEqual([
      'FROM a',
      'RUN pip install ribdemo-heavy==1.1.0',
      'COPY requirements.txt /t/',
      'RUN pip install -r /t/requirements.txt',
    ]);
    expect(planSteps(dockerfile).operationSteps).toEqual([1, 2, 3, 4]);
  });
});

describe.each(ENGINES)('BuildKitEventReader on recorded %s streams', (engine) => {
  it('reports every step of the plan in order, "Step N/M" as the plan numbers them, and the image id', () => {
    const recording = recorded(engine, 'good');
    const events = readAll(recording);
    const total = dockerfileInstructions(recording.dockerfile).length;
    expect(ofType(events, 'step').map((s) => [s.n, s.total])).toEqual(Array.from({ length: total }, (_, i) => [i + 1, total]));
    expect(ofType(events, 'step')[0]?.instruction).toBe('FROM python:3.11-slim');
    expect(ofType(events, 'cache-hit')).toEqual([]);
    expect(ofType(events, 'image-id')).toEqual([{ type: 'image-id', imageId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) }]);
    expect(ofType(events, 'error')).toEqual([]);
    const log = logOf(events);
    expect(log[0]).toBe(`Step 1/${total} : FROM python:3.11-slim`);
    expect(log).toContain('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0');
    // pip's output comes after its step's line, the export after the last step.
    const install = log.indexOf(
      `Step 9/${total} : RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install --cache-dir=/root/.cache/pip -r /tmp/runtime-image-builder/requirements.txt`,
    );
    expect(install).toBeGreaterThan(0);
    expect(log.indexOf('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0')).toBeGreaterThan(install);
    // WORKDIR is an operation of BuildKit's too, numbered among the others.
    expect(log).toContain(`Step ${total - 1}/${total} : WORKDIR /opt/app-root/src`);
    expect(log.findIndex((l) => l.startsWith(`Step ${total}/${total} : LABEL `))).toBeLessThan(log.indexOf('exporting to image'));
    expect(log).toContain(' ---> naming to docker.io/rib-test/bk-fixture:good done');
  });

  it('reports an unchanged rebuild as every step but FROM from the cache', () => {
    const recording = recorded(engine, 'cached');
    const total = dockerfileInstructions(recording.dockerfile).length;
    const events = readAll(recording);
    expect(ofType(events, 'cache-hit').map((e) => e.step)).toEqual(Array.from({ length: total - 1 }, (_, i) => i + 2));
    expect(logOf(events).filter((l) => l === ' ---> Using cache')).toHaveLength(total - 1);
  });

  it('reports a rebuild after one changed package as cached up to the package list, pip running after it', () => {
    const events = readAll(recorded(engine, 'changed-package'));
    expect(ofType(events, 'cache-hit').map((e) => e.step)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(logOf(events)).toContain('Successfully installed ribdemo-alpha-1.0.0 ribdemo-beta-1.0.0');
  });

  it("settles pip's progress bar to one line per download", () => {
    const log = logOf(readAll(recorded(engine, 'progress-bar')));
    expect(log.every((line) => !line.includes('\r') && !line.includes('\u001b'))).toBe(true);
    expect(log.some((line) => /ribdemo_big/.test(line))).toBe(true);
  });

  it('names a package that is not on the index, at the step that installs it', () => {
    const failure = failureOf(engine, 'package-not-found');
    expect(failure).toMatchObject({ kind: 'package-not-found', packages: ['ribdemo-nothere'], step: 9 });
    expect(failure?.message).toBe('pip could not find the package ribdemo-nothere on http://127.0.0.1:5001/simple.');
    expect(failure?.engineMessage).toMatch(/did not complete successfully: exit code: 1$/);
  });

  it('names both sides of a version conflict', () => {
    const failure = failureOf(engine, 'conflict');
    expect(failure?.kind).toBe('package-conflict');
    expect([...(failure?.packages ?? [])].sort()).toEqual(['ribdemo-alpha', 'ribdemo-beta']);
    expect(failure?.message).toContain('ribdemo-beta 1.0.0 needs ribdemo-alpha<2');
  });

  it("says pip refused an externally managed Python, on Elyra's packages", () => {
    const failure = failureOf(engine, 'externally-managed');
    expect(failure).toMatchObject({ kind: 'externally-managed', step: 7 });
    expect(failure?.message).toContain("pip refused to install Elyra's packages");
  });

  it('sends a build without a network to the "host" network when the engine has no bridge', () => {
    const failure = failureOf(engine, 'network');
    expect(failure).toMatchObject({ kind: 'network', step: 3 });
    expect(failure?.hint).toContain('"host" build network');
    expect(failure?.engineMessage).toContain('network bridge not found');
  });

  it('blames the FROM step when the base image cannot be resolved', () => {
    const failure = failureOf(engine, 'base-unreachable');
    expect(failure).toMatchObject({ kind: 'base-image', step: 1 });
    expect(failure?.message).toBe(
      'The base image rib-test/does-not-exist:1 is not on this engine, and the engine could not reach its registry to download it.',
    );
  });
});

describe('BuildKitEventReader on edge cases', () => {
  const dockerfile = 'FROM a\nENV X=1\nRUN b\nLABEL c=d\n';

  it("joins a step's output split across log messages and keeps it for the failure", () => {
    const reader = new BuildKitEventReader(dockerfile);
    const trace = (aux: object) => ({ id: 'moby.buildkit.trace', aux: Buffer.from(encode(aux)).toString('base64') });
    const events = [
      ...reader.push(trace({ vertexes: [{ digest: 'v1', name: '[1/2] FROM a', started: { seconds: 1 } }] })),
      ...reader.push(trace({ vertexes: [{ digest: 'v2', name: '[2/2] RUN b', started: { seconds: 2 } }] })),
      ...reader.push(trace({ logs: [{ vertex: 'v2', stream: 1, msg: Buffer.from('half ') }] })),
      ...reader.push(trace({ logs: [{ vertex: 'v2', stream: 1, msg: Buffer.from('line\nnext') }] })),
    ];
    expect(ofType(events, 'step').map((s) => s.n)).toEqual([1, 2, 3]);
    expect(logOf(events)).toEqual(['Step 1/4 : FROM a', 'Step 2/4 : ENV X=1', 'Step 3/4 : RUN b', 'half line']);
    expect(reader.current()).toEqual({ step: { n: 3, total: 4, instruction: 'RUN b' }, stepLog: ['half line'] });
    expect(logOf(reader.end())).toEqual(['next']);
  });

  it("falls back to BuildKit's own numbers when the names do not fit the plan", () => {
    const reader = new BuildKitEventReader(dockerfile);
    const aux = Buffer.from(encode({ vertexes: [{ digest: 'v', name: '[3/7] RUN other', started: { seconds: 1 } }] })).toString('base64');
    expect(ofType(reader.push({ id: 'moby.buildkit.trace', aux }), 'step')).toEqual([{ type: 'step', n: 3, total: 7, instruction: 'RUN other' }]);
  });

  it('passes on a trace it cannot decode as "other", and an error without a trace as a failure', () => {
    const reader = new BuildKitEventReader(dockerfile);
    expect(reader.push({ id: 'moby.buildkit.trace', aux: Buffer.from([0x0a, 0xff]).toString('base64') })[0]?.type).toBe('other');
    const events = reader.push({ errorDetail: { message: 'failed to solve: boom' }, error: 'failed to solve: boom' });
    expect(ofType(events, 'error')[0]?.failure).toMatchObject({ kind: 'other', step: null, engineMessage: 'failed to solve: boom' });
  });
});

function encode(fields: object): Uint8Array {
  return StatusResponseType.encode(StatusResponseType.create(fields)).finish();
}
