import type { Admin, ITopicConfig } from 'kafkajs';

import type { TopicSpec } from '@/lib/contracts/topics';
import { productTopicSpecs } from '@/lib/contracts/topics';

import type { Logger } from '../logger';

import { createKafka } from './client';
import type { KafkaConnectionConfig } from './settings';

/**
 * Creates the topics that are missing; an existing topic is left exactly as it is.
 * Several processes may race to create the same topic at start: "already exists" is success.
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[], replicationFactor: number, logger: Logger): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((spec) => topicConfig(spec, replicationFactor)) });
  } catch (error) {
    if (isNotKnownYet(error))
      await waitForMetadata(
        admin,
        missing.map((spec) => spec.name),
      );
    else if (!isAlreadyExists(error)) throw error;
  }
  const created = missing.map((spec) => spec.name);
  logger.info({ topics: created }, 'created missing topics');
  return created;
}

export function topicConfig(spec: TopicSpec, replicationFactor: number): ITopicConfig {
  const configEntries = [{ name: 'cleanup.policy', value: spec.compacted ? 'compact' : 'delete' }];
  if (spec.retentionMs !== undefined) configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  return { topic: spec.name, numPartitions: spec.partitions, replicationFactor, configEntries };
}

function isAlreadyExists(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  const nested = (error as { errors?: { type?: string }[] })?.errors ?? [];
  return text.includes('already exists') || nested.some((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}

/**
 * On a cluster of several brokers the controller creates the topics, and the broker asked for their
 * leaders may not have heard of them yet: kafkajs gives up on "does not host this topic-partition"
 * (it retries only "leader not available"), although the creation succeeded.
 */
function isNotKnownYet(error: unknown): boolean {
  return (error as { type?: string })?.type === 'UNKNOWN_TOPIC_OR_PARTITION';
}

async function waitForMetadata(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      if (found.every((topic) => topic.partitions.length > 0 && topic.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (!isNotKnownYet(error) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics created but without leaders after ${timeoutMs / 1000} s: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Creates every topic of the product's contracts that is missing; run before the processes start so none races another. */
export async function ensureProductTopics(connection: KafkaConnectionConfig, logger: Logger): Promise<string[]> {
  const admin = createKafka(connection, 'topics').admin();
  await admin.connect();
  try {
    return await ensureTopics(admin, productTopicSpecs(connection), connection.topicReplicationFactor, logger);
  } finally {
    await admin.disconnect();
  }
}
