import type { Kafka } from 'kafkajs';
import type { z } from 'zod';

import type { Logger } from '@/platform/logger';

import { startContractConsumer } from './contract-consumer';
import type { RunningConsumer } from './contract-consumer';
import type { DeadLetters } from './dead-letters';
import type { StreamStats } from './stream-stats';

export interface KafkaTableOptions<S extends z.ZodType> {
  kafka: Kafka;
  topic: string;
  schema: S;
  /** Unique per process: every instance reads the whole table, whatever the partitioning. */
  groupId: string;
  deadLetters: DeadLetters;
  stats: StreamStats;
  logger: Logger;
}

/**
 * A compacted topic held in memory as latest value per key, read from the beginning and then
 * followed. `ready` resolves once the backlog that existed at start is loaded.
 */
export class KafkaTable<T> {
  private readonly rows = new Map<string, T>();
  private consumer: RunningConsumer | undefined;

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  get size(): number {
    return this.rows.size;
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.rows.entries();
  }

  async start<S extends z.ZodType<T>>(options: KafkaTableOptions<S>): Promise<void> {
    this.consumer = await startContractConsumer({
      ...options,
      start: { from: 'earliest' },
      commitOffsets: false,
      onBatch: (records) => {
        for (const record of records) if (record.key !== null) this.rows.set(record.key, record.value);
      },
      onTombstone: (key) => this.rows.delete(key),
    });
    await this.consumer.caughtUp;
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
