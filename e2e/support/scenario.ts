import { Kafka, logLevel } from 'kafkajs';

import type { ScenarioCommand } from '../../lib/contracts/simulator-control';
import { sendScenario } from '../../test/support/scenario';

/** Starts a fault scenario in the browser tests' simulator, on the broker the global setup started. */
export function startScenario(scenario: ScenarioCommand['scenario'], options: { target?: string; durationS?: number } = {}): Promise<ScenarioCommand> {
  const brokers = process.env.E2E_KAFKA_BROKERS;
  if (!brokers) throw new Error('E2E_KAFKA_BROKERS is not set: run through `npm run test:e2e`, whose global setup starts the broker');
  return sendScenario(new Kafka({ clientId: 'e2e-scenario', brokers: [brokers], logLevel: logLevel.NOTHING }), scenario, options);
}
