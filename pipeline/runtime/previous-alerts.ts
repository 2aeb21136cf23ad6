import type { Alert } from '@/lib/contracts/alerts';
import { alertSchema } from '@/lib/contracts/alerts';
import { KafkaTable } from '@/server/kafka/kafka-table';

import type { ProcessorContext } from './processor';

/**
 * A processor's own earlier alerts: the latest record per alert id on its output topic, oldest
 * first. Read at start, so an episode firing at the last stop continues (and clears) under its own
 * id instead of firing twice.
 */
export async function readPreviousAlerts(context: ProcessorContext, topic: string, groupId: string): Promise<Alert[]> {
  const table = new KafkaTable<Alert>();
  await table.start({
    kafka: context.kafka,
    topic,
    schema: alertSchema,
    groupId,
    deadLetters: context.deadLetters,
    stats: context.stats,
    logger: context.logger,
  });
  await table.stop();
  return [...table.values()].sort((a, b) => a.detectedAt - b.detectedAt);
}
