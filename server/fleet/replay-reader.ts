import type { Admin, Kafka } from 'kafkajs';
import { Partitioners } from 'kafkajs';

import type { FetchedPartition, FetchedRecord, InternalCluster } from '../kafka/internal-cluster';
import { ISOLATION, createInternalCluster } from '../kafka/internal-cluster';

/** One record of a time range, as the replay folds it: the raw value and when Kafka took it. */
export interface RangeRecord {
  partition: number;
  key: Buffer | null;
  value: Buffer | null;
  /** The record's Kafka timestamp (epoch ms): the moment it became visible to consumers. */
  timestamp: number;
}

export interface RangeRead {
  topic: string;
  /** Records with a Kafka timestamp in [fromMs, untilMs] are read. */
  fromMs: number;
  untilMs: number;
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
 * Reads one time range of a topic by offsets found from timestamps and hands every record to
 * `onRecord` in each partition's order. Resolves with the count once every partition reached the
 * range's end; rejects when aborted or when the range holds more than `maxRecords`.
 *
 * The partitions are fetched from their leaders directly, with no consumer group: a broker holds
 * the first join of every new group for `group.initial.rebalance.delay.ms` (3 s by default,
 * KIP-134), which a group per read paid on every scene, step and trip on a real cluster.
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
    const earliest = async (partition: number) =>
      BigInt((await admin.fetchTopicOffsets(read.topic)).find((offsets) => offsets.partition === partition)?.low ?? '0');
    return await fetchRange(kafka, read, new Map(pending), onRecord, earliest);
  } finally {
    await admin.disconnect();
  }
}

/** How long a leader may hold a fetch waiting for records not yet written (the range's end came from a newer read of offsets). */
const FETCH_WAIT_MS = 100;
const PARTITION_FETCH_BYTES = 1024 * 1024;
const FETCH_BYTES = 16 * 1024 * 1024;
/** Failed fetch rounds in a row (a leader moving, a broker restarting) before the read gives up. */
const MAX_FAILED_ROUNDS = 5;

async function fetchRange(
  kafka: Kafka,
  read: RangeRead,
  ranges: Map<number, { start: bigint; end: bigint }>,
  onRecord: (record: RangeRecord) => void,
  earliest: (partition: number) => Promise<bigint>,
): Promise<number> {
  // Only committed records, as a consumer's default: an aborted transaction's records never replay.
  const cluster = createInternalCluster(kafka, ISOLATION.readCommitted);
  await cluster.connect();
  const next = new Map([...ranges].map(([partition, range]) => [partition, range.start]));
  let count = 0;
  let failedRounds = 0;
  try {
    await cluster.addMultipleTargetTopics([read.topic]);
    while (next.size > 0) {
      if (read.signal?.aborted) throw new Error('replay aborted: the viewer left');
      try {
        await cluster.refreshMetadataIfNecessary();
        const byLeader = Object.entries(cluster.findLeaderForPartitions(read.topic, [...next.keys()]));
        const counts = await Promise.all(byLeader.map(([nodeId, partitions]) => fetchFromLeader(cluster, nodeId, partitions, read, ranges, next, onRecord)));
        count += counts.reduce((sum, n) => sum + n, 0);
        failedRounds = 0;
      } catch (error) {
        if (read.signal?.aborted) throw new Error('replay aborted: the viewer left');
        const outOfRange = error as { name?: string; partition?: number };
        if (outOfRange.name === 'KafkaJSOffsetOutOfRange' && outOfRange.partition !== undefined && next.has(outOfRange.partition)) {
          // Retention deleted the range's first records since its offsets were read: what is left of it is read.
          const partition = outOfRange.partition;
          next.set(partition, await earliest(partition));
          if ((next.get(partition) ?? 0n) >= (ranges.get(partition)?.end ?? 0n)) next.delete(partition);
          continue;
        }
        failedRounds += 1;
        if (failedRounds >= MAX_FAILED_ROUNDS) throw error;
        await cluster.refreshMetadata().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** failedRounds));
      }
    }
    return count;
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

/** One Fetch for a leader's partitions of the range; moves each partition's next offset on and drops those that reached the end. */
async function fetchFromLeader(
  cluster: InternalCluster,
  nodeId: string,
  partitions: number[],
  read: RangeRead,
  ranges: Map<number, { start: bigint; end: bigint }>,
  next: Map<number, bigint>,
  onRecord: (record: RangeRecord) => void,
): Promise<number> {
  const broker = await cluster.findBroker({ nodeId });
  const response = await broker.fetch({
    isolationLevel: ISOLATION.readCommitted,
    maxWaitTime: FETCH_WAIT_MS,
    minBytes: 1,
    maxBytes: FETCH_BYTES,
    topics: [
      {
        topic: read.topic,
        partitions: partitions.map((partition) => ({ partition, fetchOffset: String(next.get(partition)), maxBytes: PARTITION_FETCH_BYTES })),
      },
    ],
  });
  let count = 0;
  for (const { partitions: fetched } of response.responses) {
    for (const data of fetched) {
      const range = ranges.get(data.partition);
      const fetchOffset = next.get(data.partition);
      if (!range || fetchOffset === undefined) continue;
      const taken = takeFetched(data, fetchOffset, { ...range, fromMs: read.fromMs, untilMs: read.untilMs });
      for (const record of taken.records) onRecord(record);
      count += taken.records.length;
      if (taken.next >= range.end) next.delete(data.partition);
      else next.set(data.partition, taken.next);
    }
  }
  return count;
}

/**
 * The records of one partition's fetch that belong to the range, and the offset to fetch next.
 * A fetch may start before the offset asked for (a compressed batch is returned whole) and skip
 * offsets (compaction, transaction markers); aborted transactions' records and the markers
 * themselves are left out, as a consumer leaves them out.
 */
export function takeFetched(
  data: Pick<FetchedPartition, 'partition' | 'messages' | 'abortedTransactions'>,
  fetchOffset: bigint,
  range: { start: bigint; end: bigint; fromMs: number; untilMs: number },
): { records: RangeRecord[]; next: bigint } {
  let next = fetchOffset;
  const records: RangeRecord[] = [];
  for (const record of withoutAborted(data.messages, data.abortedTransactions ?? [])) {
    const offset = BigInt(record.offset);
    if (offset < fetchOffset || offset < range.start || offset >= range.end || record.isControlRecord) continue;
    const timestamp = Number(record.timestamp);
    // CreateTime is not strictly ordered within a partition: the range is decided by time.
    if (timestamp > range.untilMs || timestamp < range.fromMs) continue;
    records.push({ partition: data.partition, key: record.key ?? null, value: record.value ?? null, timestamp });
  }
  for (const record of data.messages) next = maxOf(next, BigInt(record.offset) + 1n, batchEnd(record));
  return { records, next };
}

/** The offset after the record's batch: the batch's records after this one may have been compacted away. */
function batchEnd(record: FetchedRecord): bigint {
  const batch = record.batchContext;
  return batch ? BigInt(batch.firstOffset) + BigInt(batch.lastOffsetDelta) + 1n : 0n;
}

function maxOf(...values: bigint[]): bigint {
  return values.reduce((max, value) => (value > max ? value : max));
}

/** An abort marker's key: the control record type 0 (abort) at version 0. */
const ABORT_MARKER_KEY = Buffer.from([0, 0, 0, 0]);

/**
 * Leaves out the records of aborted transactions: from each aborted transaction's first offset,
 * its producer's transactional records up to that producer's abort marker (the Kafka consumer's rule).
 */
export function withoutAborted(records: readonly FetchedRecord[], aborted: readonly { producerId: string; firstOffset: string }[]): FetchedRecord[] {
  if (aborted.length === 0) return [...records];
  const remaining = [...aborted].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : 1));
  const open = new Set<string>();
  return records.filter((record) => {
    while (remaining.length > 0 && BigInt(record.offset) >= BigInt(remaining[0]!.firstOffset)) open.add(remaining.shift()!.producerId);
    const producerId = record.batchContext?.producerId;
    if (producerId === undefined) return true;
    if (record.isControlRecord && record.key && Buffer.from(record.key).equals(ABORT_MARKER_KEY)) {
      open.delete(producerId);
      return true;
    }
    return !(open.has(producerId) && record.batchContext?.inTransaction);
  });
}
