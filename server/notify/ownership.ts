import { createHash } from 'node:crypto';

import type { Consumer, Kafka } from 'kafkajs';

import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

const SETTLE_MS = 3_000;

/**
 * Which BFF instance sends for which alert group, decided by Kafka: every instance joins one
 * consumer group over `alerts.notifications`, and a group key belongs to whoever is assigned the
 * partition its hash falls on. An instance that stops or dies loses its partitions to the
 * others at the next rebalance; during a rebalance, and for a few seconds after it, nobody sends.
 */
export class SenderOwnership {
  private consumer: Consumer | undefined;
  private partitions = 0;
  private owned = new Set<number>();
  /** A new assignment sends only after this, so the previous owner's last records have been read back. */
  private sendingFrom = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [TOPICS.alertNotifications] });
      this.partitions = metadata.topics[0]?.partitions.length ?? 0;
    } finally {
      await admin.disconnect();
    }
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.owned = new Set(payload.memberAssignment[TOPICS.alertNotifications] ?? []);
      this.sendingFrom = Date.now() + SETTLE_MS;
      this.logger.info({ partitions: [...this.owned], of: this.partitions }, 'notifier: alert groups assigned');
    });
    const release = () => (this.owned = new Set());
    consumer.on(consumer.events.REBALANCING, release);
    consumer.on(consumer.events.CRASH, release);
    consumer.on(consumer.events.STOP, release);
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.alertNotifications, fromBeginning: false });
    // The records themselves are read by every instance elsewhere; this group exists for its assignment.
    await consumer.run({ eachBatch: async () => undefined });
  }

  owns(groupKey: string): boolean {
    if (this.partitions === 0 || Date.now() < this.sendingFrom) return false;
    const hash = createHash('sha256').update(groupKey).digest().readUInt32BE(0);
    return this.owned.has(hash % this.partitions);
  }

  async stop(): Promise<void> {
    this.owned = new Set();
    await this.consumer?.disconnect();
  }
}
