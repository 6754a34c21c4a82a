import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TryReport } from '../../../electron/contract/domain/try';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import { fakeBridge, type FakeBridge, installBridge, jobSnapshot } from '../testing/fake-bridge';
import { buildablePlan, renderScreen, testRecipe } from '../testing/render';
import { TryCard } from './try-card';

const JOB = '6f1b2c3d-0000-4000-8000-0000000000aa';
const IMAGE = 'alice/tools:1.0';

const report: TryReport = {
  image: IMAGE,
  imageId: 'sha256:1',
  network: 'none',
  timeoutSeconds: 300,
  user: '1000720000:0',
  outputDir: '/data/tries/tools-1',
  importCheck: {
    python: '3.12.4',
    user: '1000720000:0',
    passed: false,
    durationMs: 300,
    items: [
      {
        module: 'cv2',
        status: 'missing-library',
        distribution: 'opencv-python',
        optional: false,
        places: [{ file: '/w/faces.ipynb', cell: 1, line: 1 }],
        missingModule: null,
        library: 'libGL.so.1',
        error: 'ImportError: libGL.so.1: cannot open shared object file: No such file or directory',
        explanation: 'cv2 (opencv-python) needs the shared library libGL.so.1.',
        fixes: [
          { kind: 'replace-distribution', from: 'opencv-python', to: 'opencv-python-headless' },
          { kind: 'system-package', library: 'libGL.so.1', debianPackage: 'libgl1' },
        ],
        seconds: 0.1,
      },
      {
        module: 'sklearn',
        status: 'missing-module',
        distribution: 'scikit-learn',
        optional: false,
        places: [{ file: '/w/train.ipynb', cell: 2, line: 1 }],
        missingModule: 'sklearn',
        library: null,
        error: "ModuleNotFoundError: No module named 'sklearn'",
        explanation: 'sklearn is not in the image: add scikit-learn to the packages.',
        fixes: [{ kind: 'add-distribution', distribution: 'scikit-learn' }],
        seconds: 0.01,
      },
      {
        module: 'yaml',
        status: 'ok',
        distribution: 'PyYAML',
        optional: false,
        places: [],
        missingModule: null,
        library: null,
        error: null,
        explanation: 'yaml imports.',
        fixes: [],
        seconds: 0.01,
      },
    ],
  },
  files: [
    {
      file: '/w/clean.ipynb',
      kind: 'notebook',
      status: 'failed',
      message: 'Cell 3 raised ValueError: expected 7 rows, got 6.',
      durationMs: 2100,
      cells: [],
      failedCell: 3,
      error: { name: 'ValueError', value: 'expected 7 rows, got 6', traceback: ['ValueError: expected 7 rows, got 6'] },
      output: '/data/tries/tools-1/clean-output.ipynb',
      logTail: [],
      leftOut: null,
    },
    {
      file: '/w/summary.ipynb',
      kind: 'notebook',
      status: 'passed',
      message: 'Ran all 3 code cells.',
      durationMs: 1800,
      cells: [],
      failedCell: null,
      error: null,
      output: '/data/tries/tools-1/summary-output.ipynb',
      logTail: [],
      leftOut: null,
    },
  ],
  notes: [],
  passed: false,
  durationMs: 9000,
};

function tryBridge(overrides: Parameters<typeof fakeBridge>[0] = {}): FakeBridge {
  return installBridge(
    fakeBridge({
      'recipe:plan': () => buildablePlan,
      'draft:save': () => ({ savedAt: '2026-12-07T00:00:00Z' }),
      'job:list': () => [],
      'job:get': ({ id }) => ({ snapshot: jobSnapshot({ id, kind: 'try', subject: { image: IMAGE, reference: null } }), log: [] }),
      'dialog:open-files': () => ({ paths: ['/w/clean.ipynb', '/w/requirements.txt', '/w/summary.ipynb'] }),
      'try:start': () => jobSnapshot({ id: JOB, kind: 'try', subject: { image: IMAGE, reference: null } }),
      'try:open-folder': () => ({ opened: true }),
      'job:cancel': () => ({ cancelled: true }),
      ...overrides,
    }),
  );
}

describe('Try your notebooks', () => {
  it('walks the flow: choose notebooks, try, see each failure with its fix, fix in one click, open the results', async () => {
    const bridge = tryBridge();
    renderScreen(<TryCard image={IMAGE} onGoTo={vi.fn()} />, {
      ...testRecipe,
      packages: [{ id: 'p1', text: 'opencv-python==4.10.0.84', origin: { file: null, line: null } }],
    });
    const tryButton = screen.getByRole('button', { name: 'Try 0 files' });
    expect(tryButton).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Choose notebooks…' }));
    expect(await screen.findByText('Not a notebook or script, left out: requirements.txt')).toBeVisible();
    const files = screen.getByLabelText('Files to try');
    expect(within(files).getByText('clean.ipynb')).toBeVisible();
    await userEvent.click(screen.getByRole('switch', { name: 'Allow network' }));
    await userEvent.click(screen.getByRole('button', { name: 'Try 2 files' }));
    expect(bridge.callsTo('try:start')).toEqual([
      { image: IMAGE, paths: ['/w/clean.ipynb', '/w/summary.ipynb'], allowNetwork: true, timeoutSeconds: 300, run: true },
    ]);

    const running = jobSnapshot({
      id: JOB,
      kind: 'try',
      subject: { image: IMAGE, reference: null },
      progress: { kind: 'try', step: 1, totalSteps: 3, label: 'running clean.ipynb' },
      logLength: 1,
    });
    act(() => bridge.emit('job:update', { snapshot: running, logFrom: 0, appendedLog: ['==> Import check: 3 modules'] }));
    expect(await screen.findByText('Step 2 of 3: running clean.ipynb')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the try' }));
    expect(bridge.callsTo('job:cancel')).toEqual([{ id: JOB }]);

    act(() => bridge.emit('job:update', { snapshot: { ...running, status: 'succeeded', endedAt: 10_000, result: report }, logFrom: 1, appendedLog: [] }));
    expect(await screen.findByText('2 imports failed, 1 of 2 files did not run through')).toBeVisible();
    const failures = screen.getByRole('list', { name: 'Imports that failed' });
    expect(within(failures).getByText("ModuleNotFoundError: No module named 'sklearn'")).toBeVisible();
    expect(within(failures).getByText(/Or add the system package libgl1 to a custom base/)).toBeVisible();
    const runs = screen.getByRole('table', { name: 'Notebook runs' });
    expect(within(runs).getByText('Cell 3 raised ValueError: expected 7 rows, got 6.')).toBeVisible();
    expect(within(runs).getByLabelText('Error of clean.ipynb')).toHaveTextContent('ValueError: expected 7 rows, got 6');

    await userEvent.click(screen.getByRole('button', { name: 'Use opencv-python-headless instead' }));
    expect(await screen.findByRole('button', { name: 'Switched to opencv-python-headless' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Add scikit-learn' }));
    expect(await screen.findByRole('button', { name: 'scikit-learn added' })).toBeDisabled();
    expect(screen.getByText('The packages changed: build again, then try again to see it work.')).toBeVisible();
    // The draft is saved with the fixes, as any change to the recipe.
    await waitFor(() => {
      const saved = bridge.callsTo('draft:save').at(-1) as { recipe: typeof testRecipe } | undefined;
      expect(saved?.recipe.packages.map((p) => p.text)).toEqual(['opencv-python-headless==4.10.0.84', 'scikit-learn']);
    });

    await userEvent.click(screen.getByRole('button', { name: 'Open the results folder' }));
    expect(bridge.callsTo('try:open-folder')).toEqual([{ path: '/data/tries/tools-1' }]);
  });

  it('a try that cannot start says why, with Retry', async () => {
    tryBridge({
      'dialog:open-files': () => ({ paths: ['/w/clean.ipynb'] }),
      'try:start': () => {
        throw new AppError(ErrorCodes.engineUnavailable, 'The Docker engine is not running.');
      },
    });
    renderScreen(<TryCard image={IMAGE} onGoTo={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Choose notebooks…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Try 1 file' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The try could not start');
    expect(alert).toHaveTextContent('The Docker engine is not running.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  it('a failed try job shows its error with the way forward', async () => {
    const bridge = tryBridge({ 'dialog:open-files': () => ({ paths: ['/w/clean.ipynb'] }) });
    renderScreen(<TryCard image={IMAGE} onGoTo={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Choose notebooks…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Try 1 file' }));
    const failed = jobSnapshot({
      id: JOB,
      kind: 'try',
      subject: { image: IMAGE, reference: null },
      status: 'failed',
      endedAt: 2_000,
      error: { code: ErrorCodes.tryNoPython, message: 'The image has no python3.' },
    });
    act(() => bridge.emit('job:update', { snapshot: failed, logFrom: 0, appendedLog: [] }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The image has no Python');
    expect(screen.getByText('The try could not run')).toBeVisible();
  });
});
