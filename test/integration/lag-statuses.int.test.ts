import type { Admin, Consumer, Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { GroupDetail } from '../../lib/lag/api';
import { groupDetailSchema } from '../../lib/lag/api';
import { TEST_PORTS } from '../support/ports';
import { TestStack } from '../support/stack';
import { createTestTopics } from '../support/topics';

const POLL_MS = 1_000;
const RECORDS = 20;

/**
 * The lag statuses that need the cluster to do something unusual, made for real on the broker:
 * records deleted under a group (data loss), a group's offsets reset backwards (rewinding), and a
 * live group that owns none of a partition it has committed on (unassigned).
 */
describe('consumer lag statuses made on the real broker', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.lagStatuses,
    logName: 'integration-lag-statuses',
    cabs: 0,
    tankers: 0,
    pipeline: false,
    env: { LAG_POLL_INTERVAL_MS: String(POLL_MS), LAG_GROUPS_ALLOW: 'lagstatus.*' },
  });
  const kafka: Kafka = new KafkaClient({ clientId: 'lag-status-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin: Admin = kafka.admin();
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    await admin.connect();
    await stack.start();
  });

  afterAll(async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
    await admin.disconnect();
    await stack.stop();
  });

  const detail = async (groupId: string): Promise<GroupDetail | undefined> => {
    const response = await stack.fetch(`/api/lag/${encodeURIComponent(groupId)}`);
    return response.ok ? groupDetailSchema.parse(await response.json()) : undefined;
  };
  const statusOf = async (groupId: string) => (await detail(groupId))?.status;

  /** A one-partition topic holding RECORDS records, and a group (no members) committed at `committed`. */
  async function topicWithGroup(topic: string, groupId: string, committed: number): Promise<void> {
    await createTestTopics(admin, [{ name: topic, partitions: 1 }]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: RECORDS }, (_, i) => ({ value: `r${i}` })) });
    await producer.disconnect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(committed) }] });
  }

  it('shows data loss when records a group had not read yet are deleted (deleteRecords)', async () => {
    await topicWithGroup('lagstatus.loss', 'lagstatus.loss-group', 5);
    await expect.poll(() => statusOf('lagstatus.loss-group'), { timeout: 30_000 }).toBeDefined();
    await admin.deleteTopicRecords({ topic: 'lagstatus.loss', partitions: [{ partition: 0, offset: '15' }] });
    await expect.poll(() => statusOf('lagstatus.loss-group'), { timeout: 20_000, interval: POLL_MS }).toBe('data-loss');
    expect((await detail('lagstatus.loss-group'))?.partitionLags[0]).toMatchObject({ committed: 5, status: 'data-loss' });
  });

  it("shows rewinding when a group's committed offset goes back (an offset reset)", async () => {
    await topicWithGroup('lagstatus.rewind', 'lagstatus.rewind-group', RECORDS);
    await expect.poll(async () => (await detail('lagstatus.rewind-group'))?.partitionLags[0]?.committed, { timeout: 30_000 }).toBe(RECORDS);
    await admin.setOffsets({ groupId: 'lagstatus.rewind-group', topic: 'lagstatus.rewind', partitions: [{ partition: 0, offset: '2' }] });
    await expect.poll(() => statusOf('lagstatus.rewind-group'), { timeout: 20_000, interval: POLL_MS }).toBe('rewinding');
  });

  it('shows unassigned when a live group owns no member for a partition it still has lag on', async () => {
    await topicWithGroup('lagstatus.orphan', 'lagstatus.orphan-group', 5);
    await createTestTopics(admin, [{ name: 'lagstatus.other', partitions: 1 }]);
    // A member that subscribes to another topic only: the group lives, nobody reads lagstatus.orphan.
    const consumer = kafka.consumer({ groupId: 'lagstatus.orphan-group', sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic: 'lagstatus.other' });
    await consumer.run({ eachMessage: async () => undefined });
    await expect.poll(() => statusOf('lagstatus.orphan-group'), { timeout: 40_000, interval: POLL_MS }).toBe('unassigned');
    expect((await detail('lagstatus.orphan-group'))?.partitionLags.find((p) => p.topic === 'lagstatus.orphan')).toMatchObject({
      status: 'unassigned',
      lag: RECORDS - 5,
    });
  });
});
