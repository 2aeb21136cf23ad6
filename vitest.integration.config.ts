import path from 'node:path';

import { defineConfig } from 'vitest/config';

// Integration tests: the real pipeline against a real Kafka broker started by the global setup.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['**/*.int.test.ts'],
    exclude: ['node_modules/**', '.data/**'],
    environment: 'node',
    globalSetup: ['test/integration/global-setup.ts'],
    // One broker on two cores: files run one after another so timings stay meaningful.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
