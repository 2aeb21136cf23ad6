import type { Admin } from 'kafkajs';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';

import { ensureTopics } from './topics';

const spec = { name: 'fresh.topic', partitions: 1, compacted: false };
// What kafkajs throws (a KafkaJSProtocolError carries the protocol error's type).
const notHosted = () => Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });

describe('ensureTopics on a cluster of several brokers', () => {
  it('waits for the leaders when the broker asked has not heard of the just-created topic yet', async () => {
    const fetchTopicMetadata = vi
      .fn()
      .mockRejectedValueOnce(notHosted())
      .mockResolvedValue({ topics: [{ name: spec.name, partitions: [{ partitionId: 0, leader: 2 }] }] });
    const admin = { listTopics: async () => [], createTopics: vi.fn().mockRejectedValue(notHosted()), fetchTopicMetadata } as unknown as Admin;
    await expect(ensureTopics(admin, [spec], 3, pino({ level: 'silent' }))).resolves.toEqual(['fresh.topic']);
    expect(fetchTopicMetadata).toHaveBeenCalledTimes(2);
  });

  it('still fails on any other error', async () => {
    const admin = { listTopics: async () => [], createTopics: vi.fn().mockRejectedValue(new Error('not authorised')) } as unknown as Admin;
    await expect(ensureTopics(admin, [spec], 3, pino({ level: 'silent' }))).rejects.toThrow('not authorised');
  });
});
