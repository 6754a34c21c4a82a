import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusResponseType } from './buildkit-status-schema';
import { planSteps } from './buildkit-steps';
import { decodeBuildKitTrace, parseVertexStep } from './buildkit-trace';

// Streams recorded from Docker 28.5 by test/fixtures/build-events/record-buildkit-events.ts.
const fixtures = join(import.meta.dirname, '../../../test/fixtures/build-events');

function recording(name: string): { dockerfile: string; events: { id?: string; aux?: unknown }[] } {
  return JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { dockerfile: string; events: { id?: string; aux?: unknown }[] };
}

function traces(name: string): string[] {
  return recording(name).events.flatMap((e) => (e.id === 'moby.buildkit.trace' && typeof e.aux === 'string' ? [e.aux] : []));
}

describe('decodeBuildKitTrace', () => {
  it('decodes every recorded trace event of both stores into vertexes, statuses and logs', () => {
    for (const name of ['buildkit-docker28-good', 'buildkit-docker28cd-good']) {
      const updates = traces(name).map(decodeBuildKitTrace);
      expect(updates.length).toBeGreaterThan(10);
      const names = new Set(updates.flatMap((u) => u.vertexes.map((v) => v.name)));
      expect([...names]).toContain('exporting to image');
      // One vertex per FROM, COPY, RUN and WORKDIR of the Dockerfile.
      expect([...names].filter((n) => parseVertexStep(n) !== null)).toHaveLength(planSteps(recording(name).dockerfile).operationSteps.length);
      const logs = updates
        .flatMap((u) => u.logs)
        .map((l) => l.text)
        .join('');
      expect(logs).toContain('Successfully installed ribdemo-alpha-1.1.0 ribdemo-beta-1.0.0');
      const statuses = updates.flatMap((u) => u.statuses);
      expect(statuses.some((s) => /^naming to docker\.io\/rib-test\/bk-fixture:good$/.test(s.id) && s.completed)).toBe(true);
    }
  });

  it('tells a started, a cached, a finished and a failed vertex apart', () => {
    const cached = traces('buildkit-docker28-cached')
      .map(decodeBuildKitTrace)
      .flatMap((u) => u.vertexes);
    // A cache mount makes the frontend name the stage: "[stage-0 6/6] RUN --mount=… …".
    const install = cached.filter((v) => v.name.startsWith('[stage-0 6/8] RUN --mount=type=cache'));
    expect(install.some((v) => v.cached && v.started && v.completed && v.error === null)).toBe(true);
    const failed = traces('buildkit-docker28-package-not-found')
      .map(decodeBuildKitTrace)
      .flatMap((u) => u.vertexes)
      .filter((v) => v.error !== null);
    expect(failed.map((v) => v.name)).toEqual([
      '[stage-0 6/8] RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install --cache-dir=/root/.cache/pip -r /tmp/runtime-image-builder/requirements.txt',
    ]);
    expect(failed[0]?.error).toMatch(/did not complete successfully: exit code: 1$/);
  });

  it('reads what it encodes, stream numbers and bytes included', () => {
    const message = StatusResponseType.create({
      vertexes: [{ digest: 'sha256:a', name: '[1/2] FROM x', cached: true, started: { seconds: 1, nanos: 0 }, error: 'boom' }],
      statuses: [{ ID: 'writing image sha256:b', vertex: 'sha256:a', current: 5, total: 9, completed: { seconds: 2 } }],
      logs: [{ vertex: 'sha256:a', stream: 2, msg: Buffer.from('ERROR: x\n') }],
    });
    const aux = Buffer.from(StatusResponseType.encode(message).finish()).toString('base64');
    expect(decodeBuildKitTrace(aux)).toEqual({
      vertexes: [{ digest: 'sha256:a', name: '[1/2] FROM x', cached: true, started: true, completed: false, error: 'boom' }],
      statuses: [{ vertex: 'sha256:a', id: 'writing image sha256:b', current: 5, total: 9, completed: true }],
      logs: [{ vertex: 'sha256:a', stream: 2, text: 'ERROR: x\n' }],
    });
  });

  it('refuses bytes that are not a status message', () => {
    expect(() => decodeBuildKitTrace(Buffer.from([0x0a, 0xff, 0xff, 0xff]).toString('base64'))).toThrow();
  });
});

describe('parseVertexStep', () => {
  it('reads the step of each name form the dockerfile frontend writes', () => {
    expect(parseVertexStep('[2/6] RUN echo')).toEqual({ n: 2, total: 6, instruction: 'RUN echo' });
    expect(parseVertexStep('[stage-0 6/6] RUN --mount=type=cache,target=/root/.cache/pip pip install')).toEqual({
      n: 6,
      total: 6,
      instruction: 'RUN --mount=type=cache,target=/root/.cache/pip pip install',
    });
    expect(parseVertexStep('[ 3/12] COPY a /b')).toEqual({ n: 3, total: 12, instruction: 'COPY a /b' });
    expect(parseVertexStep('[linux/arm64 builder 1/3] FROM x')).toEqual({ n: 1, total: 3, instruction: 'FROM x' });
  });

  it('is null for the operations that are not steps', () => {
    expect(parseVertexStep('[internal] load metadata for docker.io/library/python:3.11-slim')).toBeNull();
    expect(parseVertexStep('exporting to image')).toBeNull();
    expect(parseVertexStep('copy /context /')).toBeNull();
  });
});
