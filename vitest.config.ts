import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `unit` and `renderer` are fast and need nothing outside the process; `services` talks to the
// real Docker engine, registry, package index and keychain that test/infra/up.sh starts.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
          globals: true,
          // The CLI and lint tests start processes (tsx, eslint): a busy 2-core machine took 6-26 s
          // for some of them where 5 s is the default.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The renderer's components and hooks, in a DOM, against a fake bridge (renderer/src/testing).
          name: 'renderer',
          include: ['renderer/**/*.test.tsx'],
          environment: 'jsdom',
          globals: true,
          setupFiles: ['renderer/src/testing/dom-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'services',
          include: ['test/services/**/*.test.ts'],
          environment: 'node',
          globals: true,
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
