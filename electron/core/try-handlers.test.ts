import { join } from 'node:path';
import type { TryReport } from '../contract/domain/try';
import { ErrorCodes, hasErrorCode } from '../contract/errors';
import { HistoryStore } from '../services/history';
import type { EngineSession } from './engine-session';
import { JobManager } from './job-manager';
import { MemoryStore } from './memory-store';
import { recordTry, tryHandlers, tryOutputDir } from './try-handlers';

const report = (passed: boolean): TryReport => ({
  image: 'alice/tools:1',
  imageId: 'sha256:1',
  network: 'none',
  timeoutSeconds: 300,
  user: '1000720000:0',
  outputDir: '/data/tries/tools-1',
  importCheck: { python: '3.12.1', user: '1000720000:0', items: [], passed: true, durationMs: 1 },
  files: [
    {
      file: '/w/a.ipynb',
      kind: 'notebook',
      status: passed ? 'passed' : 'failed',
      message: 'm',
      durationMs: 1,
      cells: [],
      failedCell: passed ? null : 3,
      error: passed ? null : { name: 'ValueError', value: 'boom', traceback: [] },
      output: null,
      logTail: [],
      leftOut: null,
    },
  ],
  notes: [],
  passed,
  durationMs: 5,
});

function build(history: HistoryStore, image: string, result: 'succeeded' | 'failed' = 'succeeded') {
  return history.add({
    kind: 'build',
    image,
    digest: null,
    packages: [],
    python: '3.12',
    elyraVersion: '4.1',
    base: 'python:3.12-slim',
    platform: 'linux/amd64',
    sizeBytes: null,
    result,
    error: null,
    lock: null,
    recipe: {},
  });
}

describe('try handlers', () => {
  it('keep the try on the newest successful build of the image', () => {
    let clock = 0;
    const history = new HistoryStore(new MemoryStore(), { now: () => new Date((clock += 1000)) });
    const older = build(history, 'alice/tools:1');
    const newer = build(history, 'alice/tools:1');
    build(history, 'alice/tools:1', 'failed');
    expect(recordTry(history, 'alice/tools:1', report(false), new Date(10_000))).toBe(true);
    expect(history.get(newer.id)?.tried).toEqual({
      at: new Date(10_000).toISOString(),
      passed: false,
      outputDir: '/data/tries/tools-1',
      files: [{ file: '/w/a.ipynb', status: 'failed', failedCell: 3, error: 'ValueError: boom' }],
      importFailures: [],
    });
    expect(history.get(older.id)?.tried).toBeUndefined();
    // A name without a tag was built as :latest.
    build(history, 'bob/x');
    expect(recordTry(history, 'bob/x:latest', report(true), new Date())).toBe(true);
    expect(recordTry(history, 'carol/never-built:1', report(true), new Date())).toBe(false);
  });

  it('open only folders that tries made', async () => {
    const opened: string[] = [];
    const handlers = tryHandlers({
      jobs: new JobManager(() => undefined),
      engine: {} as EngineSession,
      history: new HistoryStore(new MemoryStore()),
      dataDir: '/data',
      openPath: async (path) => {
        opened.push(path);
        return true;
      },
    });
    expect(await handlers['try:open-folder']({ path: '/data/tries/tools-1' })).toEqual({ opened: true });
    for (const path of ['/data/tries', '/data/tries/../settings.json', '/etc', '/data/triesx/a']) {
      await expect(handlers['try:open-folder']({ path })).rejects.toSatisfy((e) => hasErrorCode(e, ErrorCodes.invalidInput));
    }
    expect(opened).toEqual(['/data/tries/tools-1']);
  });

  it('name a try folder after the image and the time', () => {
    expect(tryOutputDir('/data', 'quay.io/alice/pandas tools:1.0', new Date('2026-12-07T16:05:09.123Z'))).toBe(
      join('/data', 'tries', 'pandas-tools-1.0-20261207-160509'),
    );
  });
});
