import { confirmInference, inferFromSources } from '../../electron/services/infer';

const indexUrl = process.env['RIB_INDEX_URL'];
const missing = indexUrl ? null : 'no RIB_INDEX_URL: run through `npm test`, which serves a local package index';
if (missing && process.env['CI'] === 'true') throw new Error(`Under CI the package index must be there: ${missing}`);
if (missing) console.warn(`SKIPPED (inference against the index): ${missing}`);

const notebook = (...sources: string[]): string =>
  JSON.stringify({ nbformat: 4, metadata: {}, cells: sources.map((source) => ({ cell_type: 'code', source, outputs: [] })) });

describe.skipIf(missing !== null)('inferred names confirmed by a real PEP 503 index', () => {
  it('proposes an import the mapping does not know under its PEP 503 name, as the index lists it', async () => {
    // The test index serves ribdemo-gamma (module ribdemo_gamma) at /simple/ribdemo-gamma/ only.
    const result = await inferFromSources(
      [{ name: 'demo.ipynb', content: notebook('import ribdemo_gamma\nfrom ribdemo_alpha import core', 'import ribdemo_nothere') }],
      { pythonVersion: '3.11' },
    );
    const confirmed = await confirmInference(result, { indexUrl: indexUrl ?? '' });
    expect(confirmed.index.status).toBe('reachable');
    expect(confirmed.packages.map((pkg) => [pkg.distribution, pkg.requirement, pkg.indexStatus, pkg.importNames])).toEqual([
      ['ribdemo-alpha', 'ribdemo-alpha', 'found', ['ribdemo_alpha']],
      ['ribdemo-gamma', 'ribdemo-gamma', 'found', ['ribdemo_gamma']],
    ]);
    expect(confirmed.unknown.map((pkg) => [pkg.distribution, pkg.reviewReason])).toEqual([['ribdemo-nothere', 'not-on-index']]);
  });
});
