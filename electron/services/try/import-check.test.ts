import type { InferenceResult, InferredPackage, SourceOccurrence } from '../../contract/domain/infer';
import { importTargets, parseImportOutput } from './import-check';

const occurrence = (module: string, over: Partial<SourceOccurrence> = {}): SourceOccurrence => ({ file: 'a.ipynb', cell: 1, line: 1, text: `import ${module}`, module, kind: 'import', optional: false, typeCheckingOnly: false, ...over });
const pkg = (distribution: string, occurrences: SourceOccurrence[]): InferredPackage => ({
  distribution, requirement: distribution, confidence: 'high', mappingSource: 'mapping', importNames: [], occurrences, indexStatus: 'not-checked', reviewReason: null, note: null, candidates: [],
});
const inference = (packages: InferredPackage[], unknown: InferredPackage[] = []): InferenceResult => ({
  pythonVersion: '3.12', packages, unknown, pipInstalls: [], excluded: { stdlib: [], local: [] }, findings: [], files: [], index: { indexUrl: null, status: 'not-checked', message: null },
});

describe('what the import check imports', () => {
  it('each dotted module once, with every place; pip lines and TYPE_CHECKING imports left out', () => {
    const targets = importTargets(inference(
      [pkg('scikit-learn', [occurrence('sklearn.svm'), occurrence('sklearn.svm', { file: 'b.py', cell: null, line: 4 }), occurrence('scikit-learn', { kind: 'pip-install' })])],
      [pkg('mystery', [occurrence('mystery', { typeCheckingOnly: true }), occurrence('mystery.sub')])],
    ));
    expect(targets).toEqual([
      { module: 'mystery.sub', distribution: 'mystery', optional: false, places: [{ file: 'a.ipynb', cell: 1, line: 1 }] },
      { module: 'sklearn.svm', distribution: 'scikit-learn', optional: false, places: [{ file: 'a.ipynb', cell: 1, line: 1 }, { file: 'b.py', cell: null, line: 4 }] },
    ]);
  });

  it('optional only when every place imports it inside try/except', () => {
    const [one] = importTargets(inference([pkg('ujson', [occurrence('ujson', { optional: true }), occurrence('ujson', { line: 9 })])]));
    expect(one?.optional).toBe(false);
    const [two] = importTargets(inference([pkg('ujson', [occurrence('ujson', { optional: true })])]));
    expect(two?.optional).toBe(true);
  });
});

describe("reading the check's output", () => {
  it('answers found even after a module\'s own output on the same line; a start without answer names the crash', () => {
    const out = ['rib:python=3.12.1', 'rib:start="a"', 'hello from arib:import={"module":"a","status":"ok","seconds":0.1}', 'rib:start="b"', ''].join('\n');
    const parsed = parseImportOutput(out);
    expect(parsed.python).toBe('3.12.1');
    expect([...parsed.answers.keys()]).toEqual(['a']);
    expect(parsed.crashedIn).toBe('b');
  });
});
