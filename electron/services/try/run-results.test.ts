import { readExecutedNotebook, scriptError } from './run-results';

const cell = (type: string, papermill: Record<string, unknown> | null, outputs: unknown[] = [], tags: string[] = []) => ({
  cell_type: type,
  metadata: { ...(papermill ? { papermill } : {}), ...(tags.length ? { tags } : {}) },
  source: 'x',
  ...(type === 'code' ? { outputs, execution_count: papermill?.status === 'completed' ? 1 : null } : {}),
});

describe('reading an executed notebook', () => {
  it("numbers cells as the user sees them: markdown counts, papermill's own error cell does not", () => {
    const error = { output_type: 'error', ename: 'ValueError', evalue: 'boom', traceback: ['\u001b[0;31mValueError\u001b[0m: boom'] };
    const nb = {
      cells: [
        cell('markdown', null, [], ['papermill-error-cell-tag']),
        cell('code', { status: 'completed', duration: 0.5 }),
        cell('markdown', null),
        cell('code', { status: 'failed', exception: true, duration: 0.1 }, [error]),
        cell('code', { status: 'pending' }),
      ],
    };
    const outcome = readExecutedNotebook(JSON.stringify(nb));
    expect(outcome?.cells.map((c) => [c.index, c.status])).toEqual([
      [1, 'ok'],
      [3, 'failed'],
      [4, 'not-run'],
    ]);
    expect(outcome?.failedCell).toBe(3);
    expect(outcome?.error).toEqual({ name: 'ValueError', value: 'boom', traceback: ['ValueError: boom'] });
  });

  it('a cell still running when the time limit stopped the run is the one named', () => {
    const outcome = readExecutedNotebook(JSON.stringify({ cells: [cell('code', { status: 'completed' }), cell('code', { status: 'running' })] }));
    expect([outcome?.failedCell, outcome?.cells[1]?.status]).toEqual([2, 'stopped']);
  });

  it('not a notebook: null', () => {
    expect(readExecutedNotebook('{"cells": 3}')).toBeNull();
    expect(readExecutedNotebook('nope')).toBeNull();
  });
});

describe("reading a script's traceback", () => {
  it('the last one, with its exception line', () => {
    const log = ['starting', 'Traceback (most recent call last):', '  File "run.py", line 3, in <module>', '    main()', "KeyError: 'rows'", ''].join('\n');
    expect(scriptError(log)).toEqual({
      name: 'KeyError',
      value: "'rows'",
      traceback: ['Traceback (most recent call last):', '  File "run.py", line 3, in <module>', '    main()', "KeyError: 'rows'"],
    });
  });

  it('none printed: null (a plain non-zero exit)', () => {
    expect(scriptError('bye\n')).toBeNull();
  });
});
