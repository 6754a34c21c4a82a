import type { EngineCandidate, EngineInfo, EngineProbe } from '../../contract/domain/engine';
import { fakeFileAccess } from '../docker-config/testing/fake-file-access';
import { NOT_RUNNING_MESSAGE, engineStatus, installUrlFor, selectEngine } from './engine-status';

const engine = (endpoint: string): EngineInfo => ({
  product: 'Docker Desktop',
  version: '28.2.2',
  apiVersion: '1.50',
  os: 'linux',
  arch: 'arm64',
  operatingSystem: 'Docker Desktop',
  name: 'docker-desktop',
  endpoint,
  source: { kind: 'known-socket', product: 'Docker Desktop' },
});
const ok = (id: string): EngineProbe => ({ ok: true, candidateId: id, engine: engine(id), elapsedMs: 3 });
const failed = (id: string, code: 'no-socket' | 'not-answering' | 'permission-denied'): EngineProbe => ({
  ok: false,
  candidateId: id,
  endpoint: id,
  source: { kind: 'docker-host' },
  error: { code, message: `${code} at ${id}`, hint: `fix ${code}`, detail: null },
  elapsedMs: 3,
});
const base = { pickedId: null, platform: 'darwin' as const, notes: [], checkedAt: '2026-11-25T00:00:00.000Z' };

describe('selectEngine', () => {
  it('selects the first engine that answers, in discovery order', () => {
    const status = selectEngine({ ...base, probes: [failed('a', 'no-socket'), ok('b'), ok('c')] });
    expect(status).toMatchObject({ state: 'connected', selectedId: 'b', message: 'Connected to Docker Engine 28.2 (Docker Desktop)' });
  });

  it("honours the user's pick, and does not silently switch when it fails", () => {
    expect(selectEngine({ ...base, pickedId: 'c', probes: [ok('b'), ok('c')] })).toMatchObject({ state: 'connected', selectedId: 'c' });
    expect(selectEngine({ ...base, pickedId: 'a', probes: [failed('a', 'not-answering'), ok('b')] })).toMatchObject({
      state: 'picked-unavailable',
      selectedId: 'a',
      message: 'not-answering at a',
      error: { code: 'not-answering' },
    });
    expect(selectEngine({ ...base, pickedId: 'gone', probes: [ok('b')] })).toMatchObject({
      state: 'picked-unavailable',
      message: 'The engine you chose (gone) is no longer configured.',
    });
  });

  it('says Docker is not running, with an install link, when nothing answers', () => {
    const status = selectEngine({ ...base, probes: [failed('a', 'no-socket'), failed('b', 'not-answering')] });
    expect(status).toMatchObject({
      state: 'none',
      message: "Docker isn't running. Start Docker Desktop, Colima or Rancher Desktop, then press Retry.",
      hint: null,
      installUrl: 'https://docs.docker.com/desktop/setup/install/mac-install/',
    });
  });

  it('puts a more telling failure (permission denied) ahead of the generic text', () => {
    const status = selectEngine({ ...base, probes: [failed('a', 'no-socket'), failed('b', 'permission-denied')] });
    expect(status).toMatchObject({ state: 'none', message: 'permission-denied at b', hint: 'fix permission-denied' });
  });
});

describe('engineStatus', () => {
  it('discovers, probes every candidate with the timeout, and reports config problems as notes', async () => {
    const seen: [string, number | undefined][] = [];
    const status = await engineStatus({
      env: { DOCKER_HOST: 'unix:///srv/docker.sock' },
      homedir: '/home/ada',
      platform: 'linux',
      files: fakeFileAccess({ '/home/ada/.docker/config.json': '{oops' }),
      timeoutMs: 1234,
      clock: () => new Date('2026-11-25T10:00:00Z'),
      probe: async (candidate: EngineCandidate, options) => {
        seen.push([candidate.id, options.timeoutMs]);
        return failed(candidate.id, 'no-socket');
      },
    });
    expect(seen).toEqual([
      ['unix:///srv/docker.sock', 1234],
      ['unix:///var/run/docker.sock', 1234],
    ]);
    expect(status).toMatchObject({
      state: 'none',
      message: NOT_RUNNING_MESSAGE,
      installUrl: 'https://docs.docker.com/engine/install/',
      checkedAt: '2026-11-25T10:00:00.000Z',
      notes: [expect.stringMatching(/^\/home\/ada\/\.docker\/config\.json: /)],
    });
  });

  it('has an install link for every OS', () => {
    expect(installUrlFor('win32')).toBe('https://docs.docker.com/desktop/setup/install/windows-install/');
    expect(installUrlFor('freebsd')).toBe('https://docs.docker.com/get-docker/');
  });
});

describe('engineStatus with a discovery the caller already made', () => {
  it('probes those candidates instead of discovering again', async () => {
    const candidate: EngineCandidate = {
      id: 'unix:///given.sock',
      source: { kind: 'docker-host' },
      endpoint: { transport: 'unix', socketPath: '/given.sock' },
      display: 'unix:///given.sock',
      productHint: null,
    };
    const status = await engineStatus({
      env: {},
      homedir: '/home/ada',
      platform: 'linux',
      files: fakeFileAccess({}),
      discovery: { candidates: [candidate], problems: [] },
      probe: async (c: EngineCandidate) => ok(c.id),
    });
    expect(status).toMatchObject({ state: 'connected', selectedId: 'unix:///given.sock', probes: [{ candidateId: 'unix:///given.sock' }] });
  });
});
