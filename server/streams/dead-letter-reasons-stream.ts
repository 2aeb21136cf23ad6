import type { Kafka } from 'kafkajs';

import { dlqTopic, dlqTopicSpec } from '@/lib/contracts/topics';
import { ensureTopics } from '@/platform/kafka/topics';
import type { Logger } from '@/platform/logger';

import type { RunningConsumer } from '../kafka/contract-consumer';
import { followState } from '../kafka/contract-consumer';
import { deadLetterReasons } from '../metrics';

/** The processors whose rejections the dashboard breaks down by reason: too-late events are part of their figures' story. */
export const REASON_TRACKED_PROCESSORS = ['sales', 'occupancy'] as const;

/**
 * The kind of a `dlq.reason` header: the word before the first colon (`too-late`,
 * `unknown-sensor`, `timestamp`...). Anything else is `other`, because a label taken verbatim
 * from input would let a bad producer create metric series without bound.
 */
export function reasonKind(reason: string | undefined): string {
  const kind = reason?.split(':', 1)[0]?.trim() ?? '';
  return /^[a-z][a-z0-9_.-]{0,39}$/.test(kind) ? kind : 'other';
}

/**
 * Counts the processors' dead letters per kind of reason into `fleetwatch_dead_letter_reasons`,
 * so events beyond the allowed lateness show on /metrics as such, apart from malformed input.
 * Reads each DLQ from the beginning of its retention with this instance's own group (no commits),
 * so every BFF instance shows the same counts.
 */
export async function startDeadLetterReasonsStream(deps: {
  kafka: Kafka;
  groupId: string;
  replicationFactor: number;
  logger: Logger;
}): Promise<RunningConsumer> {
  const topics = REASON_TRACKED_PROCESSORS.map((name) => dlqTopic(name));
  const admin = deps.kafka.admin();
  await admin.connect();
  try {
    // A processor creates its DLQ when it starts; the BFF may start first.
    await ensureTopics(
      admin,
      REASON_TRACKED_PROCESSORS.map((name) => dlqTopicSpec(name)),
      deps.replicationFactor,
      deps.logger,
    );
  } finally {
    await admin.disconnect();
  }
  const counts = new Map<string, number>();
  const consumer = deps.kafka.consumer({ groupId: deps.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const state = followState(consumer);
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, message }) => {
      const kind = reasonKind(message.headers?.['dlq.reason']?.toString());
      const key = `${topic}\u0000${kind}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      deadLetterReasons.set({ topic, kind }, count);
    },
  });
  return {
    // Counts only: nothing waits for this backlog.
    caughtUp: Promise.resolve(),
    isCaughtUp: () => true,
    state,
    stop: () => consumer.disconnect(),
  };
}
