import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../contract/errors';
import { DraftStore } from './draft-store';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'draft-'));
  file = path.join(dir, 'state', 'draft.json');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const payload = { packages: ['pandas>=2', 'numpy'], base: { python: '3.12', variant: 'slim' }, imageName: 'quay.io/alice/pandas:1.0' };

describe('DraftStore', () => {
  it('has no draft at first, then gives back exactly what was saved', async () => {
    const drafts = new DraftStore(file, { now: () => new Date('2026-11-02T08:00:00Z') });
    expect(await drafts.load()).toBeNull();
    const saved = await drafts.save(payload);
    expect(saved).toEqual({ version: 1, updatedAt: '2026-11-02T08:00:00.000Z', payload });
    expect(await new DraftStore(file).load()).toEqual(saved);
  });

  it('keeps the last of many quick saves', async () => {
    const drafts = new DraftStore(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => drafts.save({ ...payload, imageName: `a/b:${i}` })));
    expect((await drafts.load())?.payload).toEqual({ ...payload, imageName: 'a/b:19' });
  });

  it('clears the draft, even with a save still pending', async () => {
    const drafts = new DraftStore(file);
    await drafts.save(payload);
    const pending = drafts.save({ ...payload, imageName: 'x/y:1' });
    await drafts.clear();
    await pending;
    expect(await drafts.load()).toBeNull();
    await expect(drafts.clear()).resolves.toBeUndefined();
  });

  it('gives null for a file damaged from outside or of another format version', async () => {
    const drafts = new DraftStore(file);
    await drafts.save(payload);
    writeFileSync(file, '{"version":1,"updatedAt":"2026');
    expect(await drafts.load()).toBeNull();
    writeFileSync(file, JSON.stringify({ version: 2, updatedAt: '2026-11-02T08:00:00Z', payload }));
    expect(await drafts.load()).toBeNull();
  });

  it('removes temp files left by a killed save when loading', async () => {
    const drafts = new DraftStore(file);
    await drafts.save(payload);
    writeFileSync(path.join(dir, 'state', '.draft.json.999999999.abcdef.tmp'), '{"version":1,"upd');
    expect((await drafts.load())?.payload).toEqual(payload);
    expect(readdirSync(path.join(dir, 'state'))).toEqual(['draft.json']);
  });

  it('refuses what is not JSON data', async () => {
    const drafts = new DraftStore(file);
    await expect(drafts.save({ when: new Date() } as never)).rejects.toBeInstanceOf(AppError);
    await expect(drafts.save(Number.NaN)).rejects.toBeInstanceOf(AppError);
  });
});
