import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distributionNote, guessDistribution, normalizeName } from './distribution-mapping';
import { inferFromSources } from './infer-from-sources';

interface MappingRow {
  import: string;
  expected: string[];
}

const tablePath = fileURLToPath(new URL('../../../test/fixtures/notebooks/import-mapping-table.json', import.meta.url));
const table = (JSON.parse(readFileSync(tablePath, 'utf8')) as { rows: MappingRow[] }).rows;

describe('guessDistribution', () => {
  it.each([
    ['sklearn.model_selection', 'scikit-learn', 'mapping', true],
    ['cv2', 'opencv-python-headless', 'mapping', true],
    ['PIL.Image', 'pillow', 'mapping', true],
    ['google.cloud.storage', 'google-cloud-storage', 'mapping', true],
    ['google.cloud.bigquery.job', 'google-cloud-bigquery', 'mapping', true],
    ['google.cloud.dataproc_v1', 'google-cloud-dataproc', 'pattern', false],
    ['google.cloud.tasks_v2beta3', 'google-cloud-tasks', 'pattern', false],
    ['google.protobuf.json_format', 'protobuf', 'mapping', true],
    ['azure.storage.blob', 'azure-storage-blob', 'pattern', false],
    ['azure.identity', 'azure-identity', 'pattern', false],
    ['flask_cors', 'flask-cors', 'pattern', false],
    ['mpl_toolkits.mplot3d', 'matplotlib', 'mapping', true],
    ['mpl_toolkits.basemap', 'basemap', 'mapping', true],
    ['numpy.linalg', 'numpy', 'identity', true],
    ['some_unlisted_lib.sub', 'some-unlisted-lib', 'identity', false],
    ['ribdemo_gamma', 'ribdemo-gamma', 'identity', false],
  ] as const)('%s → %s (%s)', (path, distribution, kind, known) => {
    expect(guessDistribution(path)).toMatchObject({ distribution, kind, known });
  });

  it('prefers the longest dotted prefix', () => {
    expect(guessDistribution('google.cloud.storage.blob').importName).toBe('google.cloud.storage');
    expect(guessDistribution('google.auth.transport.requests').distribution).toBe('google-auth');
  });

  it('carries notes worth showing, whichever way the package was named', () => {
    expect(guessDistribution('psycopg2').note).toMatch(/prebuilt/);
    expect(distributionNote(guessDistribution('cv2').distribution)).toMatch(/libGL/);
    expect(distributionNote('opencv-python')).toMatch(/libgl1/);
    expect(distributionNote('sklearn')).toMatch(/fails/);
    expect(distributionNote('PyWin32')).toMatch(/Windows only/);
  });

  it('normalises names as PEP 503 does', () => {
    expect(normalizeName('Sentence_Transformers')).toBe('sentence-transformers');
    expect(normalizeName('ruamel.yaml')).toBe('ruamel-yaml');
    expect(normalizeName('a--b__c..d')).toBe('a-b-c-d');
  });
});

describe('import mapping accuracy', () => {
  it('maps at least 95% of third-party imports from the fixture table to the right distribution', async () => {
    // End to end: one import per line through the whole pipeline, so a name wrongly taken for
    // the standard library or a local module counts as a miss too.
    const source = table.map((row) => `import ${row.import}`).join('\n');
    const result = await inferFromSources([{ name: 'table.py', content: source }], { pythonVersion: '3.11' });
    const byLine = new Map<number, string>();
    for (const pkg of [...result.packages, ...result.unknown]) {
      for (const occurrence of pkg.occurrences) byLine.set(occurrence.line, pkg.distribution);
    }
    const misses: string[] = [];
    table.forEach((row, i) => {
      const got = byLine.get(i + 1);
      const expected = row.expected.map(normalizeName);
      if (got === undefined || !expected.includes(normalizeName(got))) {
        misses.push(`${row.import} → ${got ?? '(nothing)'} (expected ${row.expected.join(' | ')})`);
      }
    });
    const correct = table.length - misses.length;
    const percent = (100 * correct) / table.length;
    console.log(`import mapping accuracy: ${correct}/${table.length} = ${percent.toFixed(1)}%`);
    if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
    expect(table.length).toBeGreaterThanOrEqual(200);
    expect(percent).toBeGreaterThanOrEqual(95);
  });
});
