import type { Admin, Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';

/** One record of a time range, as the replay folds it: the raw value and when Kafka took it. */
export interface RangeRecord {
  partition: number;
  value: Buffer | null;
  /** The record's Kafka timestamp (epoch ms): the moment it became visible to consumers. */
  timestamp: number;
}

export interface RangeRead {
  topic: string;
  /** Records with a Kafka timestamp in [fromMs, untilMs] are read. */
  fromMs: number;
  untilMs: number;
  /** A unique group per read: never committed, deleted when the read ends. */
  groupId: string;
  /** Refused beyond this many records, because the read holds its results in memory. */
  maxRecords: number;
  /** Aborted when the viewer leaves: the read stops and its consumer is closed. */
  signal?: AbortSignal;
  /** Only the records of one key are wanted: only the partition the producers' default partitioner puts it on is read. */
  key?: string;
}

export class RangeTooLargeError extends Error {}

/** Per partition: the first offset at or after `fromMs` and the first after `untilMs` (end, exclusive). */
export async function offsetRange(admin: Admin, topic: string, fromMs: number, untilMs: number): Promise<Map<number, { start: bigint; end: bigint }>> {
  const [starts, ends] = await Promise.all([admin.fetchTopicOffsetsByTimestamp(topic, fromMs), admin.fetchTopicOffsetsByTimestamp(topic, untilMs + 1)]);
  const range = new Map<number, { start: bigint; end: bigint }>();
  for (const { partition, offset } of starts) {
    const end = ends.find((e) => e.partition === partition)?.offset ?? offset;
    range.set(partition, { start: BigInt(offset), end: BigInt(end) });
  }
  return range;
}

/** The partition a key lands on: murmur2 as Kafka's Java producer (the Flink jobs) and kafkajs' default partitioner compute it. */
export async function partitionOfKey(admin: Admin, topic: string, key: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitionMetadata = topics[0]?.partitions ?? [];
  return Partitioners.DefaultPartitioner()({ topic, partitionMetadata, message: { key, value: null } });
}

/**
 * Reads one time range of a topic by offsets found from timestamps, through a consumer of its
 * own that never commits (its group is deleted afterwards), and hands every record to `onRecord`
 * in each partition's order. Resolves with the count once every partition reached the range's
 * end; rejects when aborted or when the range holds more than `maxRecords`.
 */
export async function readRange(kafka: Kafka, read: RangeRead, onRecord: (record: RangeRecord) => void): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const range = await offsetRange(admin, read.topic, read.fromMs, read.untilMs);
    const keyPartition = read.key === undefined ? undefined : await partitionOfKey(admin, read.topic, read.key);
    const pending = [...range].filter(([partition, r]) => r.start < r.end && (keyPartition === undefined || partition === keyPartition));
    const total = pending.reduce((sum, [, r]) => sum + Number(r.end - r.start), 0);
    if (total > read.maxRecords)
      throw new RangeTooLargeError(`${total} records in the range, more than the ${read.maxRecords} one replay may read (REPLAY_MAX_RECORDS)`);
    if (pending.length === 0) return 0;
    const idle = [...range.keys()].filter((partition) => !pending.some(([p]) => p === partition));
    return await consumeRange(kafka, read, new Map(pending), idle, onRecord);
  } finally {
    await admin.deleteGroups([read.groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function consumeRange(
  kafka: Kafka,
  read: RangeRead,
  pending: Map<number, { start: bigint; end: bigint }>,
  idle: number[],
  onRecord: (record: RangeRecord) => void,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: read.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let count = 0;
  let settle: (error?: Error) => void = () => {};
  const done = new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  const onAbort = () => settle(new Error('replay aborted: the viewer left'));
  read.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (read.signal?.aborted) throw new Error('replay aborted: the viewer left');
    await consumer.connect();
    await consumer.subscribe({ topic: read.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = pending.get(batch.partition);
        if (!range) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          // Before the seek lands a fetch may start elsewhere: only the range counts.
          if (offset < range.start || offset >= range.end) continue;
          const timestamp = Number(message.timestamp);
          // CreateTime is not strictly ordered within a partition: the range is decided by time.
          if (timestamp > read.untilMs || timestamp < read.fromMs) continue;
          count += 1;
          onRecord({ partition: batch.partition, value: message.value, timestamp });
        }
        if (BigInt(batch.lastOffset()) + 1n >= range.end) {
          pending.delete(batch.partition);
          consumer.pause([{ topic: read.topic, partitions: [batch.partition] }]);
          if (pending.size === 0) settle();
        }
      },
    });
    for (const [partition, range] of pending) consumer.seek({ topic: read.topic, partition, offset: range.start.toString() });
    // Partitions with nothing in the range (or not the key's) are not fetched at all: the group would start them at the earliest offset.
    if (idle.length > 0) consumer.pause([{ topic: read.topic, partitions: idle }]);
    await done;
    return count;
  } finally {
    read.signal?.removeEventListener('abort', onAbort);
    await consumer.disconnect().catch(() => undefined);
  }
}
