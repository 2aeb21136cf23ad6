import path from 'node:path';

import { defineConfig } from 'vitest/config';

// Unit tests: pure logic, beside the code they pin, no broker.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  // tsconfig keeps JSX for Next.js to compile; component tests (`// @vitest-environment jsdom`) need it compiled here.
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['{lib,platform,server,pipeline,components,infra,scripts,bench}/**/*.test.{ts,tsx}'],
    exclude: ['**/*.int.test.ts', 'node_modules/**'],
    environment: 'node',
    // Pure logic needs no fresh module graph per file (one per file cost 40 of the stage's 50 s);
    // component tests get a fresh one each in the threads pool, as React and jsdom keep globals.
    pool: 'forks',
    poolOptions: { forks: { isolate: false } },
    poolMatchGlobs: [['**/*.test.tsx', 'threads']],
    // The suite runs beside the type check, lint and Maven: a 5 s default would fail a slow machine, not a wrong result.
    testTimeout: 30_000,
  },
});
