import os from 'node:os';

import type { Kafka } from 'kafkajs';

import { parseMessage } from '@/lib/contracts/parse';
import type { ScenarioCommand } from '@/lib/contracts/simulator-control';
import { scenarioCommandSchema } from '@/lib/contracts/simulator-control';
import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

export interface ControlConsumer {
  stop(): Promise<void>;
}

/** Each simulator has its own group, so every running simulator hears every command. */
export function controlGroupId(nowMs: number): string {
  const host = os.hostname().replace(/[^\w.-]/g, '-');
  return `simulator.control.${host}-${process.pid}-${nowMs.toString(36)}`;
}

/**
 * Listens on `simulator.control` from its end: a command is for the simulators running now, so an
 * old one is never replayed. No offsets are committed, so the group vanishes when the simulator stops.
 */
export async function startControlConsumer(
  kafka: Kafka,
  groupId: string,
  onCommand: (command: ScenarioCommand) => void,
  logger: Logger,
): Promise<ControlConsumer> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.simulatorControl, fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      const parsed = parseMessage(scenarioCommandSchema, message.value);
      if (parsed.ok) onCommand(parsed.value);
      else logger.warn({ reason: parsed.reason, value: message.value?.toString('utf8').slice(0, 200) }, 'invalid scenario command ignored');
    },
  });
  return { stop: () => consumer.disconnect() };
}
