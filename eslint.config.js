// @ts-check
import tseslint from 'typescript-eslint';

/** Node's built-in modules, by their bare and `node:` names: the renderer and the contract may use none. */
const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'url',
  'util',
  'events',
  'zlib',
  'tls',
  'dns',
];

/**
 * The layering table (ARCHITECTURE.md shows the same table): each folder under electron/, the
 * renderer and the tests, and the folders it may import. A folder not listed is forbidden, so an
 * import that crosses a layer upward or sideways fails the lint. `electron` is the Electron module.
 */
export const layers = {
  contract: { dir: 'electron/contract', may: [] },
  services: { dir: 'electron/services', may: ['contract'] },
  core: { dir: 'electron/core', may: ['contract', 'services'] },
  cli: { dir: 'electron/cli', may: ['contract', 'services', 'core'] },
  main: { dir: 'electron/main', may: ['contract', 'services', 'core', 'electron'] },
  preload: { dir: 'electron/preload', may: ['contract', 'electron'] },
  renderer: { dir: 'renderer', may: ['contract'] },
  test: { dir: 'test', may: ['contract', 'services', 'core', 'cli'] },
};

/**
 * Services among themselves: which other services each may import. It keeps the services acyclic
 * (credentials and registry used to import each other; logging in now sits above both, in login).
 * A service not listed for another is off limits to it.
 */
export const services = {
  build: ['docker-config', 'engine', 'image-size', 'recipe', 'shared', 'verify'],
  catalog: ['requirements'],
  credentials: ['docker-config', 'registry', 'shared'],
  'docker-config': ['shared'],
  draft: ['settings'],
  elyra: ['docker-config', 'reference', 'registry', 'settings'],
  'elyra-data': ['requirements'],
  engine: ['docker-config'],
  history: ['docker-config', 'recipe'],
  'image-size': ['engine', 'recipe', 'verify'],
  infer: ['docker-config', 'shared'],
  login: ['credentials', 'docker-config', 'registry'],
  push: ['credentials', 'docker-config', 'login', 'registry', 'shared'],
  recipe: ['catalog', 'elyra-data', 'reference', 'requirements'],
  reference: ['requirements'],
  registry: ['docker-config', 'reference'],
  requirements: [],
  settings: ['docker-config', 'shared'],
  shared: [],
  try: ['docker-config', 'engine', 'infer', 'recipe', 'shared', 'verify'],
  verify: ['docker-config', 'elyra-data', 'engine', 'recipe'],
};

const layerNames = ['contract', 'services', 'core', 'cli', 'main', 'preload', 'renderer'];

/**
 * A relative import that goes into a layer's folder ('../core/job-manager',
 * '../../electron/services/engine') or to its index ('../../preload'); not a file that only shares a
 * layer's name ('../cli/main' is in cli, not main). Packages such as '@electron/fuses' are no layer.
 */
const intoLayer = (name) => `^\\.{1,2}/(.*/)?${name}/|^(\\.\\./)+${name}$`;

/** no-restricted-imports for one folder: `electron` unless allowed, every layer it may not reach, plus extras. */
function restrictImports(layer, extraPatterns = []) {
  const { may } = layers[layer];
  const paths = may.includes('electron')
    ? []
    : [{ name: 'electron', message: `${layers[layer].dir} may not import electron: only electron/main and electron/preload run inside Electron.` }];
  const patterns = layerNames
    .filter((name) => name !== layer && !may.includes(name))
    .map((name) => ({
      regex: intoLayer(name),
      message: `${layers[layer].dir} may not import ${name} (allowed: ${may.length ? may.join(', ') : 'nothing of ours'}; see ARCHITECTURE.md).`,
    }));
  return { 'no-restricted-imports': ['error', { paths, patterns: [...patterns, ...extraPatterns] }] };
}

const nodeForbidden = (why) => ({ group: nodeBuiltins, message: why });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.test-env/**', 'build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/contract/**'],
    rules: restrictImports('contract', [nodeForbidden('The contract is shared with the renderer: plain data and zod only.')]),
  },
  { files: ['electron/core/**'], rules: restrictImports('core') },
  { files: ['electron/cli/**'], rules: restrictImports('cli') },
  { files: ['electron/main/**'], rules: restrictImports('main') },
  { files: ['electron/preload/**'], rules: restrictImports('preload') },
  { files: ['renderer/**'], rules: restrictImports('renderer', [nodeForbidden('The renderer runs in a sandbox: no Node modules.')]) },
  { files: ['test/**'], rules: restrictImports('test') },
  // Any folder under services, listed below or new: the layer's rule; the table below adds the services' own.
  { files: ['electron/services/**'], rules: restrictImports('services') },
  ...Object.entries(services).map(([service, may]) => {
    const others = Object.keys(services).filter((s) => s !== service && !may.includes(s));
    return {
      files: [`electron/services/${service}/**`],
      rules: restrictImports('services', [
        {
          regex: `^(\\.\\./)+(${others.join('|')})(/|$)`,
          message: `services/${service} may not import these services (allowed: ${may.length ? may.join(', ') : 'none'}; see the services table in eslint.config.js).`,
        },
      ]),
    };
  }),
  {
    // The test Electron's default app is main-process code of the test tooling: it starts the app.
    files: ['test/infra/electron-default-app/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
