import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { distributionNote, guessDistribution, normalizeName } from './distribution-mapping';
import { IMPORT_NAME_SOURCE, tableDistributions, tableSize } from './import-name-table';
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

describe('the import-name table built from public data', () => {
  it('covers the import names of the most downloaded distributions, and says where it comes from', () => {
    const size = tableSize();
    console.log(
      `import-name table: ${size.differing} import names that differ from their distribution, ${size.sameName} that do not (${IMPORT_NAME_SOURCE.distributions} distributions, ${IMPORT_NAME_SOURCE.date})`,
    );
    expect(size.differing).toBeGreaterThanOrEqual(750);
    expect(size.sameName).toBeGreaterThanOrEqual(3000);
    expect(IMPORT_NAME_SOURCE.source).toMatch(/pyimport2pkg.*top-pypi-packages/);
    expect(IMPORT_NAME_SOURCE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Rows as the data gave them: most downloaded first.
    expect(tableDistributions('cv2')?.[0]).toBe('opencv-python');
    expect(tableDistributions('numpy')).toBeNull();
  });

  it.each([
    ['yaml', 'PyYAML'],
    ['dateutil', 'python-dateutil'],
    ['dotenv', 'python-dotenv'],
    ['attr', 'attrs'],
    ['Crypto', 'pycryptodome'],
    ['fitz', 'PyMuPDF'],
    ['docx', 'python-docx'],
    ['serial', 'pyserial'],
    ['zmq', 'pyzmq'],
    ['git', 'GitPython'],
    ['telegram', 'python-telegram-bot'],
    ['nacl', 'PyNaCl'],
    ['Bio', 'biopython'],
    ['umap', 'umap-learn'],
    ['faiss', 'faiss-cpu'],
    ['MySQLdb', 'mysqlclient'],
    ['grpc', 'grpcio'],
    ['absl', 'absl-py'],
    ['pylab', 'matplotlib'],
    ['win32api', 'pywin32'],
    ['googleapiclient', 'google-api-python-client'],
    ['hydra', 'hydra-core'],
    ['gin', 'gin-config'],
    ['telebot', 'pyTelegramBotAPI'],
    ['atlassian', 'atlassian-python-api'],
    ['pycrfsuite', 'python-crfsuite'],
    ['skimage', 'scikit-image'],
    ['imblearn', 'imbalanced-learn'],
    ['websocket', 'websocket-client'],
    ['jose', 'python-jose'],
    ['ffmpeg', 'ffmpeg-python'],
    ['vertexai', 'google-cloud-aiplatform'],
    ['pynvml', 'nvidia-ml-py'],
    ['flask_bootstrap', 'bootstrap-flask'],
    ['tensorflow_hub', 'tensorflow-hub'],
    ['ribdemo_gamma', 'ribdemo-gamma'],
  ])('a tricky name: %s → %s, never the import name when it differs', (name, distribution) => {
    const guess = guessDistribution(name);
    expect(normalizeName(guess.distribution)).toBe(normalizeName(distribution));
  });

  it.each([
    ['cv2', 'opencv-python-headless', ['opencv-python', 'opencv-contrib-python-headless', 'opencv-contrib-python']],
    ['PIL', 'pillow', ['Pillow-SIMD']],
    ['bs4', 'beautifulsoup4', ['bs4']],
    ['sklearn', 'scikit-learn', ['sklearn']],
    ['jwt', 'PyJWT', ['jwt']],
    ['magic', 'python-magic', ['file-magic', 'python-magic-bin']],
    ['psycopg2', 'psycopg2-binary', ['psycopg2']],
    ['kafka', 'kafka-python', ['kafka-python-ng']],
    ['crontab', 'python-crontab', ['crontab']],
  ])('an ambiguous name: %s is offered as %s, with the others as candidates', (name, recommended, others) => {
    const guess = guessDistribution(name);
    expect(guess.distribution).toBe(recommended);
    expect(guess.candidates.map((c) => c.distribution)).toEqual([recommended, ...others]);
    expect(guess.mustChoose).toBe(false);
  });

  it('makes the user choose for `import google` alone, and knows the google.* families', () => {
    const bare = guessDistribution('google');
    expect(bare.mustChoose).toBe(true);
    expect(bare.candidates.map((c) => c.distribution)).toEqual(['google-genai', 'google-generativeai', 'google-cloud-storage', 'google-auth', 'protobuf']);
    expect(guessDistribution('google.genai').distribution).toBe('google-genai');
    expect(guessDistribution('google.generativeai').distribution).toBe('google-generativeai');
    expect(guessDistribution('google.cloud.storage').candidates).toEqual([]);
  });

  it('never maps a generic local-looking name through the table', () => {
    for (const name of ['utils', 'helpers', 'config', 'models', 'data', 'tests', 'src', 'common', 'setup', 'version']) {
      expect(guessDistribution(name)).toMatchObject({ kind: 'identity', known: false });
    }
  });
});
