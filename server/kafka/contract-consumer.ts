import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { z } from 'zod';

import { parseMessage } from '@/lib/contracts/parse';
import type { Logger } from '@/platform/logger';

import type { DeadLetters, RejectedMessage } from './dead-letters';
import type { StreamStats } from './stream-stats';

/** A Kafka message turned into its contract type: nothing above this layer sees kafkajs. */
export interface ContractRecord<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  /** The record's Kafka timestamp (epoch ms). */
  timestamp: number;
}

/**
 * Where a consumer starts: its group's committed offsets (processors), the beginning of retention
 * (tables, alerts), or a point in time (the BFF's telemetry replay).
 */
export type StartPosition = { from: 'committed' } | { from: 'earliest' } | { from: 'latest' } | { from: 'time'; sinceMs: number };

export interface ContractConsumerOptions<S extends z.ZodType> {
  kafka: Kafka;
  groupId: string;
  topic: string;
  schema: S;
  start: StartPosition;
  /** Processors commit after their output is written; the BFF's own groups never commit. */
  commitOffsets: boolean;
  deadLetters: DeadLetters;
  stats: StreamStats;
  logger: Logger;
  onBatch: (records: ContractRecord<z.output<S>>[]) => Promise<void> | void;
  /** Compacted topics delete a key with a null value; without this handler a null is a rejection. */
  onTombstone?: (key: string) => void;
}

export interface RunningConsumer {
  /** Resolves once every partition has been read up to where its end was at start. */
  caughtUp: Promise<void>;
  isCaughtUp(): boolean;
  /** Whether it consumes now (readiness asks): the worst state of its Kafka consumers. */
  state(): ConsumerState;
  stop(): Promise<void>;
}

/**
 * joining: (re)joining its group, e.g. after a broker went away; crashed: kafkajs gave up and will
 * not restart it by itself; stopped: stopped on purpose.
 */
export type ConsumerState = 'consuming' | 'joining' | 'crashed' | 'stopped';

const STATE_RANK: Record<ConsumerState, number> = { consuming: 0, joining: 1, stopped: 2, crashed: 3 };

/** The state of several consumers that make up one stream: the worst of theirs. */
export function worstState(states: ConsumerState[]): ConsumerState {
  return states.reduce<ConsumerState>((worst, state) => (STATE_RANK[state] > STATE_RANK[worst] ? state : worst), 'consuming');
}

/** Follows a kafkajs consumer's events, because kafkajs has no way to ask whether a consumer runs. */
export function followState(consumer: Consumer): () => ConsumerState {
  let state: ConsumerState = 'joining';
  consumer.on(consumer.events.GROUP_JOIN, () => (state = 'consuming'));
  consumer.on(consumer.events.REBALANCING, () => (state = 'joining'));
  consumer.on(consumer.events.CRASH, (event) => (state = event.payload.restart ? 'joining' : 'crashed'));
  consumer.on(consumer.events.STOP, () => (state = 'stopped'));
  return () => state;
}

export async function startContractConsumer<S extends z.ZodType>(options: ContractConsumerOptions<S>): Promise<RunningConsumer> {
  const { kafka, groupId, topic, start, commitOffsets } = options;
  const admin = kafka.admin();
  await admin.connect();
  const progress = await CatchUpTracker.create(admin, topic, groupId, start);
  await admin.disconnect();

  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  const state = followState(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: start.from === 'earliest' || start.from === 'time' });
  await consumer.run({
    autoCommit: commitOffsets,
    eachBatchAutoResolve: true,
    eachBatch: async (payload) => {
      await handleBatch(options, payload, start);
      progress.consumed(payload.batch.partition, payload.batch.lastOffset());
    },
  });
  if (start.from === 'time') await seekToTime(consumer, progress);
  return {
    caughtUp: progress.done,
    isCaughtUp: () => progress.isDone(),
    state,
    stop: () => consumer.disconnect(),
  };
}

async function handleBatch<S extends z.ZodType>(options: ContractConsumerOptions<S>, { batch }: EachBatchPayload, start: StartPosition): Promise<void> {
  const records: ContractRecord<z.output<S>>[] = [];
  const rejected: RejectedMessage[] = [];
  // Records before the replay point can arrive before the seek lands; they are skipped, not counted.
  const notBefore = start.from === 'time' ? start.sinceMs : 0;
  for (const message of batch.messages) {
    const timestamp = Number(message.timestamp);
    if (timestamp < notBefore) continue;
    if (message.value === null && message.key && options.onTombstone) {
      options.onTombstone(message.key.toString('utf8'));
      continue;
    }
    const parsed = parseMessage(options.schema, message.value);
    if (parsed.ok) {
      records.push({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: parsed.value,
        timestamp,
      });
    } else {
      rejected.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key, value: message.value, reason: parsed.reason });
      options.stats.rejected(batch.topic, parsed.reason, { partition: batch.partition, offset: message.offset });
    }
  }
  // Rejects go to the DLQ before good records are handed on, so a crash never loses a rejection
  // that the committed offset already passed.
  await options.deadLetters.send(rejected);
  if (records.length > 0) {
    await options.onBatch(records);
    options.stats.accepted(batch.topic, records.length);
  }
}

async function seekToTime(consumer: Consumer, progress: CatchUpTracker): Promise<void> {
  for (const [partition, offset] of progress.startOffsets) consumer.seek({ topic: progress.topic, partition, offset });
}

/** Knows where each partition ended when the consumer started, to tell when the backlog is read. */
class CatchUpTracker {
  private readonly pending = new Map<number, bigint>();
  private resolve: () => void = () => {};
  readonly done = new Promise<void>((resolve) => (this.resolve = resolve));

  private constructor(
    readonly topic: string,
    ends: Map<number, bigint>,
    readonly startOffsets: Map<number, string>,
  ) {
    for (const [partition, end] of ends) {
      const startOffset = BigInt(startOffsets.get(partition) ?? end.toString());
      if (startOffset < end) this.pending.set(partition, end);
    }
    this.settleIfDone();
  }

  static async create(admin: Admin, topic: string, groupId: string, start: StartPosition): Promise<CatchUpTracker> {
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
    const starts = new Map<number, string>();
    if (start.from === 'earliest') for (const p of offsets) starts.set(p.partition, p.low);
    if (start.from === 'time') {
      for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, start.sinceMs)) starts.set(p.partition, p.offset);
    }
    if (start.from === 'committed') {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const p of committed?.partitions ?? []) {
        const low = offsets.find((o) => o.partition === p.partition)?.low ?? '0';
        starts.set(p.partition, p.offset === '-1' ? low : p.offset);
      }
    }
    return new CatchUpTracker(topic, ends, starts);
  }

  consumed(partition: number, lastOffset: string): void {
    const end = this.pending.get(partition);
    if (end !== undefined && BigInt(lastOffset) + 1n >= end) {
      this.pending.delete(partition);
      this.settleIfDone();
    }
  }

  isDone(): boolean {
    return this.pending.size === 0;
  }

  private settleIfDone(): void {
    if (this.pending.size === 0) this.resolve();
  }
}

/**
 * Several consumers that make up one stream, started in order as one handle: if one fails to
 * start, those already running are stopped, so a retry starts from nothing.
 */
export async function startConsumersTogether(starters: (() => Promise<RunningConsumer>)[]): Promise<RunningConsumer> {
  const consumers: RunningConsumer[] = [];
  const stopAll = async () => {
    await Promise.allSettled(consumers.map((consumer) => consumer.stop()));
  };
  try {
    for (const start of starters) consumers.push(await start());
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    caughtUp: Promise.all(consumers.map((consumer) => consumer.caughtUp)).then(() => undefined),
    isCaughtUp: () => consumers.every((consumer) => consumer.isCaughtUp()),
    state: () => worstState(consumers.map((consumer) => consumer.state())),
    stop: stopAll,
  };
}
