import type { Kafka } from 'kafkajs';

import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

import { ARCHIVER_GROUP } from './scenarios';

/** The demo consumer group the `stalled-consumer` scenario freezes. */
export interface DemoArchiver {
  pause(): void;
  resume(): void;
  archived(): number;
  stop(): Promise<void>;
}

const COMMIT_INTERVAL_MS = 3_000;
const TOPIC = [{ topic: TOPICS.telemetryRaw }];

/**
 * A stand-in for a real archiving job on `fleet.telemetry.raw`: it reads and commits every few
 * seconds, so the lag view has a healthy group to show next to the product's own.
 */
export async function startArchiver(kafka: Kafka, logger: Logger): Promise<DemoArchiver> {
  await skipBacklog(kafka, logger);
  const consumer = kafka.consumer({ groupId: ARCHIVER_GROUP, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.telemetryRaw, fromBeginning: false });
  let archived = 0;
  await consumer.run({
    autoCommit: true,
    autoCommitInterval: COMMIT_INTERVAL_MS,
    eachBatchAutoResolve: true,
    eachBatch: async ({ batch }) => {
      archived += batch.messages.length;
    },
  });
  return {
    // pause() keeps the member in the group (heartbeats go on) while it stops fetching and committing:
    // exactly what a stuck consumer looks like from the cluster.
    pause: () => consumer.pause(TOPIC),
    resume: () => consumer.resume(TOPIC),
    archived: () => archived,
    stop: () => consumer.disconnect(),
  };
}

/**
 * A previous run's committed offsets would make the archiver start hours behind and burn the CPU
 * the producer needs catching up: it starts from now instead.
 */
async function skipBacklog(kafka: Kafka, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId: ARCHIVER_GROUP, topics: [TOPICS.telemetryRaw] });
    if (committed?.partitions.some((partition) => partition.offset !== '-1')) {
      await admin.resetOffsets({ groupId: ARCHIVER_GROUP, topic: TOPICS.telemetryRaw, earliest: false });
    }
  } catch (error) {
    // Another simulator's archiver is a live member: leave its offsets alone.
    logger.warn({ err: error }, 'could not move the demo archiver to the end of the topic');
  } finally {
    await admin.disconnect();
  }
}
