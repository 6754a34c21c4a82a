import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NewHistoryEntry } from '../../contract/domain/history';
import { AppError } from '../../contract/errors';
import { HISTORY_KEY, HistoryStore } from './history-store';

// Against the real conf (electron-store's base), in a throwaway directory.

let dir: string;
let conf: Conf;
let clock: number;
let ids: number;
let history: HistoryStore;

function makeStore(cap?: number): HistoryStore {
  return new HistoryStore(conf, {
    ...(cap === undefined ? {} : { cap }),
    now: () => new Date((clock += 1000)),
    newId: () => `id-${(ids += 1)}`,
  });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'history-'));
  conf = new Conf({ cwd: dir, projectName: 'history-test', configName: 'history' });
  clock = Date.parse('2026-11-01T09:00:00Z');
  ids = 0;
  history = makeStore();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const build: NewHistoryEntry = {
  kind: 'build',
  image: 'quay.io/alice/pandas:1.0',
  digest: null,
  packages: ['pandas>=2', 'numpy'],
  python: '3.12',
  elyraVersion: '4.1',
  base: 'python:3.12-slim',
  platform: 'linux/amd64',
  sizeBytes: 412_000_000,
  result: 'succeeded',
  error: null,
  lock: ['pandas==2.2.3', 'numpy==2.1.3', 'python-dateutil==2.9.0.post0'],
  recipe: { packages: ['pandas>=2', 'numpy'], base: { python: '3.12', variant: 'slim' }, nested: [1, true, null] },
};

describe('HistoryStore', () => {
  it('adds entries with an id and a time, and lists them newest first', () => {
    const first = history.add(build);
    const second = history.add({ ...build, kind: 'push', image: 'quay.io/alice/pandas:1.1' });
    expect(first).toMatchObject({ id: 'id-1', createdAt: '2026-11-01T09:00:01.000Z' });
    expect(history.list()).toEqual({ entries: [second, first], notes: [] });
    expect(history.get('id-1')).toEqual(first);
    expect(history.get('nope')).toBeNull();
  });

  it('survives a reopen of the store file', () => {
    const added = history.add(build);
    const reopened = new HistoryStore(new Conf({ cwd: dir, projectName: 'history-test', configName: 'history' }));
    expect(reopened.list().entries).toEqual([added]);
  });

  it('keeps a given createdAt and orders by it', () => {
    const late = history.add({ ...build, createdAt: '2026-12-01T00:00:00Z' });
    const early = history.add({ ...build, createdAt: '2026-10-01T00:00:00+02:00' });
    expect(history.list().entries.map((e) => e.id)).toEqual([late.id, early.id]);
  });

  it('fills in what a push learned, and refuses changes to identity or invalid values', () => {
    const entry = history.add({ ...build, kind: 'push', result: 'cancelled', digest: null });
    const digest = `sha256:${'a'.repeat(64)}`;
    const updated = history.update(entry.id, { result: 'succeeded', digest, sizeBytes: 1 });
    expect(updated).toEqual({ ...entry, result: 'succeeded', digest, sizeBytes: 1 });
    expect(history.get(entry.id)).toEqual(updated);
    expect(() => history.update(entry.id, { digest: 'sha256:short' })).toThrow(AppError);
    expect(() => history.update(entry.id, { id: 'other' } as never)).toThrow(AppError);
    expect(() => history.update('missing', { result: 'failed' })).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('deletes one entry', () => {
    const a = history.add(build);
    const b = history.add(build);
    expect(history.delete(a.id)).toBe(true);
    expect(history.delete(a.id)).toBe(false);
    expect(history.list().entries).toEqual([b]);
  });

  it('refuses an invalid new entry', () => {
    expect(() => history.add({ ...build, lock: ['pandas>=2'] })).toThrow(AppError);
    expect(() => history.add({ ...build, python: '' })).toThrow(AppError);
    expect(() => history.add({ ...build, platform: 'linux/386' } as unknown as NewHistoryEntry)).toThrow(AppError);
    expect(history.list().entries).toEqual([]);
  });

  it('keeps only the newest entries beyond the cap', () => {
    const small = makeStore(3);
    const added = Array.from({ length: 5 }, (_, i) => small.add({ ...build, image: `a/b:${i}` }));
    expect(small.list().entries.map((e) => e.image)).toEqual(['a/b:4', 'a/b:3', 'a/b:2']);
    expect(small.get(added[0]?.id ?? '')).toBeNull();
  });

  it('holds 500 entries by default and drops the oldest after that', () => {
    // In memory: 502 rewrites of a growing conf file would only measure the disk.
    const map = new Map<string, unknown>();
    const memory = {
      path: 'memory',
      get: (key: string) => map.get(key),
      set: (key: string, value: unknown) => void map.set(key, value),
      delete: (key: string) => void map.delete(key),
    };
    const history = new HistoryStore(memory, { now: () => new Date((clock += 1000)) });
    for (let i = 0; i < 502; i += 1) history.add({ ...build, image: `a/b:${i}` });
    const { entries } = history.list();
    expect(entries).toHaveLength(500);
    expect(entries[0]?.image).toBe('a/b:501');
    expect(entries.at(-1)?.image).toBe('a/b:2');
  });

  it('leaves out damaged entries with a note, and drops them at the next write', () => {
    const good = history.add(build);
    const stored = conf.get(HISTORY_KEY) as { version: number; entries: unknown[] };
    conf.set(HISTORY_KEY, { ...stored, entries: [...stored.entries, { image: 'broken/image:1', createdAt: 'yesterday' }, 42] });
    const listed = history.list();
    expect(listed.entries).toEqual([good]);
    expect(listed.notes).toEqual(['A damaged history entry was left out: broken/image:1 (yesterday).', 'A damaged history entry was left out: entry 3.']);
    history.add(build);
    expect(history.list().notes).toEqual([]);
    expect((conf.get(HISTORY_KEY) as { entries: unknown[] }).entries).toHaveLength(2);
  });

  it('starts empty with a note when the whole value is damaged or unreadable', () => {
    conf.set(HISTORY_KEY, 'nonsense');
    expect(history.list()).toEqual({ entries: [], notes: ['The history was damaged and could not be read; it starts again empty.'] });
    const unreadable = new HistoryStore({
      get: () => {
        throw new SyntaxError('Unexpected end of JSON input');
      },
      set: () => undefined,
    });
    expect(unreadable.list()).toEqual({ entries: [], notes: ['The history could not be read: Unexpected end of JSON input'] });
  });
});
