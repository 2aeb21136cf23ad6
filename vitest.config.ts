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
  },
});
