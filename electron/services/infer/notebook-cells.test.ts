import { readNotebookCells } from './notebook-cells';

describe('readNotebookCells', () => {
  it('returns code cells with their 1-based position among all cells', () => {
    const text = JSON.stringify({
      nbformat: 4,
      metadata: {},
      cells: [
        { cell_type: 'markdown', source: 'import nope' },
        { cell_type: 'code', source: ['import a\n', 'import b\n'], outputs: [{ output_type: 'stream', text: 'import c' }] },
        { cell_type: 'raw', source: 'import raw' },
        { cell_type: 'code', source: 'import d' },
      ],
    });
    expect(readNotebookCells(text)).toEqual({
      ok: true,
      totalCells: 4,
      language: null,
      cells: [
        { index: 2, source: 'import a\nimport b\n' },
        { index: 4, source: 'import d' },
      ],
    });
  });

  it('reads nbformat 3 worksheets and their `input` field', () => {
    const text = JSON.stringify({
      nbformat: 3,
      metadata: { language_info: { name: 'python' } },
      worksheets: [{ cells: [{ cell_type: 'code', input: ['import old\n'], language: 'python' }] }],
    });
    expect(readNotebookCells(text)).toMatchObject({ ok: true, language: 'python', cells: [{ index: 1, source: 'import old\n' }] });
  });

  it('reports the kernel language', () => {
    const text = JSON.stringify({ metadata: { kernelspec: { language: 'R' } }, cells: [] });
    expect(readNotebookCells(text)).toMatchObject({ ok: true, language: 'R' });
  });

  it.each([
    ['truncated JSON', '{"cells": [', /not valid JSON/],
    ['a JSON array', '[]', /not a notebook object/],
    ['no cells', '{"metadata": {}}', /no "cells" list/],
    ['a cell without source', '{"cells": [{"cell_type": "code"}]}', /cell 1 has no readable source/],
  ])('rejects %s with a reason', (_label, text, reason) => {
    const result = readNotebookCells(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('accepts a byte order mark', () => {
    expect(readNotebookCells('\ufeff{"cells": []}')).toMatchObject({ ok: true, cells: [] });
  });
});
