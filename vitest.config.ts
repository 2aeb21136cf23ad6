import path from 'node:path';

import { defineConfig } from 'vitest/config';

// Unit tests: pure logic, beside the code they pin, no broker.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['{lib,platform,server,pipeline,components,infra,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/*.int.test.ts', 'node_modules/**'],
    environment: 'node',
  },
});
