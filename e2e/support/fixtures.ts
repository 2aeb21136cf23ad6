import { test as base } from '@playwright/test';

import { TEST_PORTS } from '../../test/support/ports';
import { TestStack } from '../../test/support/stack';

export const E2E_CABS = 6;
export const E2E_TANKERS = 4;

/** The running product, started once per worker and shared by its tests. */
export const test = base.extend<object, { stack: TestStack }>({
  stack: [
    // Playwright reads fixture dependencies from this (empty) destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const brokers = process.env.E2E_KAFKA_BROKERS;
      if (!brokers) throw new Error('E2E_KAFKA_BROKERS is not set: run through `npm run test:e2e`, whose global setup starts the broker');
      const bffPort = Number(process.env.E2E_BFF_PORT ?? TEST_PORTS.e2e);
      const stack = new TestStack({ brokers, bffPort, logName: `e2e-${bffPort}`, cabs: E2E_CABS, tankers: E2E_TANKERS });
      try {
        await stack.start();
      } catch (error) {
        // A stack that failed to start must not keep its ports: the next worker's stack would collide with it.
        await stack.stop();
        throw error;
      }
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
