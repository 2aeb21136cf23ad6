import type { Kafka } from 'kafkajs';

import { SALES_RETENTION_MIN } from '@/lib/api/sales';
import { salesPerMinuteSchema } from '@/lib/contracts/sales';
import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

import { startContractConsumer } from '../kafka/contract-consumer';
import type { RunningConsumer } from '../kafka/contract-consumer';
import type { DeadLetters } from '../kafka/dead-letters';
import type { StreamStats } from '../kafka/stream-stats';
import type { SalesStore } from '../sales/sales-store';

/**
 * `bookstore.sales-per-minute` into the sales store. Starts 24 h back (the page's longest range)
 * and never commits: the group is this instance's own.
 */
export function startSalesStream(deps: {
  kafka: Kafka;
  groupId: string;
  sales: SalesStore;
  deadLetters: DeadLetters;
  stats: StreamStats;
  logger: Logger;
}): Promise<RunningConsumer> {
  deps.stats.track(TOPICS.salesPerMinute);
  return startContractConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId,
    topic: TOPICS.salesPerMinute,
    schema: salesPerMinuteSchema,
    start: { from: 'time', sinceMs: Date.now() - SALES_RETENTION_MIN * 60_000 },
    commitOffsets: false,
    deadLetters: deps.deadLetters,
    stats: deps.stats,
    logger: deps.logger,
    onBatch: (records) => {
      for (const record of records) deps.sales.apply(record.value);
    },
  });
}
