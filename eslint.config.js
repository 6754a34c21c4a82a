// @ts-check
import tseslint from 'typescript-eslint';

/** Node's built-in modules, by their bare and `node:` names: the renderer and the contract may use none. */
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'url', 'util', 'events', 'zlib', 'tls', 'dns'];

const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron; services run under plain Node.' };

/**
 * Folders say where code runs (DESIGN §6, rule 1). These rules reject an import that crosses a
 * layer: services never see Electron; the contract is plain data; the renderer sees only the contract.
 */
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
    files: ['electron/services/**', 'electron/core/**', 'electron/cli/**', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/main/*', '**/preload/*', '**/renderer/**'], message: 'Services and core never reach up into Electron glue or the UI.' },
          ],
        },
      ],
    },
  },
  {
    // The test Electron's default app is main-process code of the test tooling: it starts the app.
    files: ['test/infra/electron-default-app/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: nodeBuiltins, message: 'The contract is shared with the renderer: plain data and zod only.' },
            { group: ['**/services/**', '**/core/**', '**/main/**', '**/preload/**'], message: 'The contract depends on nothing but zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer knows only the contract (window.api).' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a sandbox: no Node modules.' },
            { regex: '(^|/)electron/(?!contract/)', message: 'The renderer may import only electron/contract.' },
          ],
        },
      ],
    },
  },
);
