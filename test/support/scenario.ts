import { randomUUID } from 'node:crypto';

import type { Kafka } from 'kafkajs';

import type { ScenarioCommand } from '../../lib/contracts/simulator-control';
import { scenarioCommandSchema } from '../../lib/contracts/simulator-control';
import { TOPICS } from '../../lib/contracts/topics';

/** Starts a fault scenario in the running simulator exactly as `npm run scenario` does: a command on `simulator.control`. */
export async function sendScenario(
  kafka: Kafka,
  scenario: ScenarioCommand['scenario'],
  options: { target?: string; durationS?: number } = {},
): Promise<ScenarioCommand> {
  const command = scenarioCommandSchema.parse({ commandId: randomUUID(), scenario, issuedAt: Date.now(), ...options });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic: TOPICS.simulatorControl, messages: [{ key: command.scenario, value: JSON.stringify(command) }] });
  } finally {
    await producer.disconnect();
  }
  return command;
}
