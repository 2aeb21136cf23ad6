import type { Admin } from 'kafkajs';
import pino from 'pino';

import { ensureTopics } from '../../platform/kafka/topics';

/**
 * A test's own stream topics, created the way the product creates its own: a topic whose metadata
 * the broker does not serve yet right after creation ("does not host this topic-partition") is
 * waited for, where kafkajs's createTopics gives up on it and failed a test's set-up.
 */
export function createTestTopics(admin: Admin, topics: { name: string; partitions: number }[]): Promise<string[]> {
  return ensureTopics(
    admin,
    topics.map((topic) => ({ ...topic, compacted: false })),
    1,
    pino({ level: 'warn' }),
  );
}
