
import type { Kafka, Producer } from 'kafkajs';
import type { z } from 'zod';

import { dlqTopicSpec } from '@/lib/contracts/topics';
import { ensureTopics } from '@/platform/kafka/topics';
import type { Logger } from '@/platform/logger';
import type { KafkaConnectionConfig } from '@/server/config';
import type { ContractRecord, RunningConsumer } from '@/server/kafka/contract-consumer';
import { startContractConsumer } from '@/server/kafka/contract-consumer';
import { DeadLetters } from '@/server/kafka/dead-letters';
import { StreamStats } from '@/server/kafka/stream-stats';


/** One keyed upsert: a re-run that writes the same key again is harmless downstream. */
export interface OutputRecord {
  topic: string;
  key: string;
  value: unknown;
}

/** Input that parsed but makes no sense (an unknown reference, a time far in the future...). */
export interface ProcessingRejection<T> {
  record: ContractRecord<T>;
  reason: string;
}

export interface ProcessResult<T> {
  outputs: OutputRecord[];
  rejected?: ProcessingRejection<T>[];
}

export interface ProcessorContext {
  kafka: Kafka;
  connection: KafkaConnectionConfig;
  instanceId: string;
  logger: Logger;
  stats: StreamStats;
  deadLetters: DeadLetters;
}

/** A reference stream job: one consumer group, batch in, keyed outputs and rejections out. */
export interface ProcessorDefinition<S extends z.ZodType> {
  name: string;
  input: { topic: string; schema: S };
  /** Loads what the job joins against (compacted tables) before the first batch. */
  setup?(context: ProcessorContext): Promise<void>;
  process(records: ContractRecord<z.output<S>>[]): ProcessResult<z.output<S>> | Promise<ProcessResult<z.output<S>>>;
  /**
   * Work driven by time rather than input: partial results of open windows, closing windows
   * whose input went quiet. Runs every `intervalMs` after setup; its outputs are written like
   * those of a batch.
   */
  tick?: { intervalMs: number; run(now: number): ProcessResult<z.output<S>> };
  close?(): Promise<void>;
}

export interface RunningProcessor {
  name: string;
  stats: StreamStats;
  stop(): Promise<void>;
}

export function processorGroupId(name: string): string {
  return `processor.${name}`;
}

export async function runProcessor<S extends z.ZodType>(
  definition: ProcessorDefinition<S>,
  base: { kafka: Kafka; connection: KafkaConnectionConfig; instanceId: string; logger: Logger },
): Promise<RunningProcessor> {
  const logger = base.logger.child({ processor: definition.name });
  const admin = base.kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [dlqTopicSpec(definition.name)], base.connection.topicReplicationFactor, logger);
  await admin.disconnect();

  // Idempotent producer: a retried send never writes a record twice within a session.
  // Unlimited retries: an idempotent producer that gives up could reorder or lose output.
  const producer = base.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 } });
  try {
    await producer.connect();
    return await startWithProducer(definition, base, logger, producer);
  } catch (error) {
    await definition.close?.().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    throw error;
  }
}

async function startWithProducer<S extends z.ZodType>(
  definition: ProcessorDefinition<S>,
  base: { kafka: Kafka; connection: KafkaConnectionConfig; instanceId: string; logger: Logger },
  logger: Logger,
  producer: Producer,
): Promise<RunningProcessor> {
  const stats = new StreamStats(logger);
  const deadLetters = new DeadLetters(producer, definition.name);
  const context: ProcessorContext = { ...base, logger, stats, deadLetters };
  await definition.setup?.(context);

  const consumer: RunningConsumer = await startContractConsumer({
      kafka: base.kafka,
      groupId: processorGroupId(definition.name),
      topic: definition.input.topic,
      schema: definition.input.schema,
      start: { from: 'committed' },
      commitOffsets: true,
      deadLetters,
      stats,
      logger,
    onBatch: async (records) => writeResult(producer, deadLetters, stats, await definition.process(records)),
  });
  const ticker = definition.tick && startTicker(definition.tick, (result) => writeResult(producer, deadLetters, stats, result), logger);
  logger.info({ input: definition.input.topic, group: processorGroupId(definition.name) }, 'processor running');
  return {
    name: definition.name,
    stats,
    stop: async () => {
      clearInterval(ticker);
      await consumer.stop();
      await definition.close?.();
      await producer.disconnect();
      logger.info('processor stopped');
    },
  };
}

function startTicker<T>(tick: NonNullable<ProcessorDefinition<z.ZodType<T>>['tick']>, write: (result: ProcessResult<T>) => Promise<void>, logger: Logger): NodeJS.Timeout {
  let running = false;
  return setInterval(() => {
    // A slow write must not pile up ticks behind it.
    if (running) return;
    running = true;
    write(tick.run(Date.now()))
      .catch((error: unknown) => logger.error({ err: (error as Error).message }, 'tick output failed; retried next tick'))
      .finally(() => (running = false));
  }, tick.intervalMs);
}

async function writeResult<T>(producer: Producer, deadLetters: DeadLetters, stats: StreamStats, result: ProcessResult<T>): Promise<void> {
  const rejected = result.rejected ?? [];
  for (const { record, reason } of rejected) stats.rejected(record.topic, reason, { partition: record.partition, offset: record.offset });
  await deadLetters.send(
    rejected.map(({ record, reason }) => ({
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      key: record.key === null ? null : Buffer.from(record.key),
      value: Buffer.from(JSON.stringify(record.value)),
      reason,
    })),
  );
  for (const chunk of chunkOutputs(result.outputs)) {
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const output of chunk) {
      const messages = byTopic.get(output.topic) ?? [];
      messages.push({ key: output.key, value: output.value });
      byTopic.set(output.topic, messages);
    }
    await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }
}

/**
 * A broker refuses a record batch over `message.max.bytes` (1 MB by default), and one input batch
 * can produce more than that (10,000 vehicles catching up), so output goes out in sends of at most
 * this many bytes, in order.
 */
const MAX_SEND_BYTES = 512 * 1024;

export function chunkOutputs(outputs: readonly { topic: string; key: string; value: unknown }[]): { topic: string; key: string; value: string }[][] {
  const chunks: { topic: string; key: string; value: string }[][] = [];
  let current: { topic: string; key: string; value: string }[] = [];
  let bytes = 0;
  for (const output of outputs) {
    const message = { topic: output.topic, key: output.key, value: JSON.stringify(output.value) };
    const size = message.key.length + message.value.length + 64;
    if (current.length > 0 && bytes + size > MAX_SEND_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
