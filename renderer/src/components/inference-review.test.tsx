import { fireEvent, screen } from '@testing-library/react';
import type { InferenceResult, InferredPackage } from '../../../electron/contract/domain/infer';
import type { PackageEntry } from '../../../electron/contract/domain/recipe';
import { renderScreen } from '../testing/render';
import { InferenceReview } from './inference-review';

const where = {
  file: '/home/alice/churn/notebooks/helpers.py',
  cell: null,
  line: 4,
  module: 'cv2',
  kind: 'import' as const,
  optional: false,
  typeCheckingOnly: false,
};

function pkg(distribution: string, patch: Partial<InferredPackage> = {}): InferredPackage {
  return {
    distribution,
    requirement: distribution,
    confidence: 'high',
    mappingSource: 'mapping',
    importNames: [distribution],
    occurrences: [{ ...where, text: `import ${distribution}`, module: distribution }],
    indexStatus: 'not-checked',
    reviewReason: null,
    note: null,
    candidates: [],
    ...patch,
  };
}

const result: InferenceResult = {
  pythonVersion: '3.12',
  packages: [
    pkg('opencv-python-headless', {
      importNames: ['cv2'],
      note: 'Headless: no libGL.',
      occurrences: [{ ...where, text: 'import cv2' }],
      candidates: [
        { distribution: 'opencv-python-headless', note: 'No libGL needed.' },
        { distribution: 'opencv-python', note: 'Needs libGL.so.1 (libgl1) in the image.' },
      ],
    }),
    pkg('tensorflow'),
  ],
  unknown: [
    pkg('google-genai', {
      importNames: ['google'],
      confidence: 'low',
      reviewReason: 'ambiguous-name',
      candidates: [
        { distribution: 'google-genai', note: 'from google import genai' },
        { distribution: 'google-cloud-storage', note: 'from google.cloud import storage' },
      ],
    }),
  ],
  pipInstalls: [],
  excluded: { stdlib: ['os'], local: ['helpers'] },
  findings: [],
  files: [
    { file: '/home/alice/churn/notebooks/train.ipynb', kind: 'notebook', codeUnits: 4, read: true, via: null },
    {
      file: '/home/alice/churn/notebooks/helpers.py',
      kind: 'script',
      codeUnits: 1,
      read: true,
      via: { file: '/home/alice/churn/notebooks/train.ipynb', cell: 2, line: 1, text: 'import helpers' },
    },
  ],
  index: { indexUrl: null, status: 'not-checked', message: null },
};

describe('InferenceReview', () => {
  it('offers the candidates of an ambiguous import, adds the one picked, and says which files were read beside the notebook', () => {
    const added: PackageEntry[][] = [];
    renderScreen(<InferenceReview state={{ result, busy: false, error: null }} onAdd={(entries) => added.push(entries)} onDismiss={() => undefined} />, null);
    expect(screen.getByText(/2 files read \(1 of them imported or run by the others\)/)).toBeTruthy();
    expect(screen.getAllByText('imported in helpers.py, line 4')).toHaveLength(3);

    const cv2 = screen.getByRole('combobox', { name: 'Package for import cv2' });
    expect((cv2 as HTMLSelectElement).value).toBe('opencv-python-headless');
    expect(screen.getByRole('option', { name: 'opencv-python-headless (recommended)' })).toBeTruthy();
    expect(screen.getByText('Headless: no libGL.')).toBeTruthy();
    fireEvent.change(cv2, { target: { value: 'opencv-python' } });
    expect(screen.getByText('Needs libGL.so.1 (libgl1) in the image.')).toBeTruthy();
    expect(screen.queryByText('Headless: no libGL.')).toBeNull();

    // `import google` alone: no default is safe, so it is not ticked, and the choices say what each is.
    expect((screen.getByRole('checkbox', { name: 'Add google-genai' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/several packages install this import name/)).toBeTruthy();
    expect(screen.getByText('from google import genai')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Package for import google' }), { target: { value: 'google-cloud-storage' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Add google-genai' }));

    fireEvent.click(screen.getByRole('button', { name: 'Add 3 packages' }));
    expect(added[0]?.map((entry) => [entry.text, entry.origin.file, entry.origin.line])).toEqual([
      ['opencv-python', 'helpers.py', 4],
      ['tensorflow', 'helpers.py', 4],
      ['google-cloud-storage', 'helpers.py', 4],
    ]);
  });

  it('leaves unticked a package the recipe already lists (a requirements file dropped with the notebook), and says so', () => {
    const added: PackageEntry[][] = [];
    renderScreen(
      <InferenceReview
        state={{ result, busy: false, error: null }}
        inRecipe={new Set(['tensorflow'])}
        onAdd={(entries) => added.push(entries)}
        onDismiss={() => undefined}
      />,
      null,
    );
    expect((screen.getByRole('checkbox', { name: 'Add tensorflow' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('Already in the image')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add 1 package' }));
    expect(added[0]?.map((entry) => entry.text)).toEqual(['opencv-python-headless']);
  });
});
