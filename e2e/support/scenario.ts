import { Kafka, logLevel } from 'kafkajs';

import type { ScenarioCommand } from '../../lib/contracts/simulator-control';
import { sendScenario } from '../../test/support/scenario';

import type { test as fixtureTest } from './fixtures';
import { signInAs } from './sign-in-page';

/** Starts a fault scenario in the browser tests' simulator, on the broker the global setup started. */
export function startScenario(scenario: ScenarioCommand['scenario'], options: { target?: string; durationS?: number } = {}): Promise<ScenarioCommand> {
  const brokers = process.env.E2E_KAFKA_BROKERS;
  if (!brokers) throw new Error('E2E_KAFKA_BROKERS is not set: run through `npm run test:e2e`, whose global setup starts the broker');
  return sendScenario(new Kafka({ clientId: 'e2e-scenario', brokers: [brokers], logLevel: logLevel.NOTHING }), scenario, options);
}

/**
 * For a spec whose tests run fault scenarios on the shared stack: each test starts signed in as
 * `role` once the simulator listens, and every scenario is stopped after it, because the other
 * fleet tests expect every vehicle reporting normally.
 */
export function withScenarios(test: typeof fixtureTest, role: Parameters<typeof signInAs>[2]): void {
  test.beforeEach(async ({ page, stack }) => {
    await stack.waitForLog(/listening for scenario commands/);
    await signInAs(page, stack.url, role);
  });
  test.afterEach(async () => {
    await startScenario('stop');
  });
}
