import type { GroupDescription, Kafka } from 'kafkajs';

import type { FetchedRecord, InternalCluster, InternalCoordinator } from '../kafka/internal-cluster';
import { ISOLATION, createInternalCluster } from '../kafka/internal-cluster';

/**
 * Offsets and record timestamps, read in as few requests as the protocol allows, through kafkajs's
 * own Cluster (server/kafka/internal-cluster.ts): ListOffsets for many topics in one request per
 * broker (kafkajs's admin asks one topic at a time, two requests per topic), and plain Fetch
 * requests to read one record. It also remembers each group's coordinator, where kafkajs's admin
 * asks for it again before every DescribeGroups and OffsetFetch (twice the requests per group and poll).
 * Nothing here writes: FindCoordinator, DescribeGroups, OffsetFetch, ListOffsets and Fetch only read.
 */
/** READ_UNCOMMITTED: the high watermark, as Kafka's own kafka-consumer-groups shows it (the admin's default is the last stable offset). */
const READ_UNCOMMITTED = ISOLATION.readUncommitted;
/** Enough for the first record batch at an offset in most topics; a bigger batch falls back to interpolation. */
const PARTITION_FETCH_BYTES = 64 * 1024;
const FETCH_BYTES = 8 * 1024 * 1024;

export interface TopicOffsets {
  partition: number;
  earliest: number;
  end: number;
}

/** What the record at a committed offset tells: its timestamp, or that only transaction markers lie ahead. */
export type RecordLookup = { kind: 'record'; timestamp: number } | { kind: 'markers-only' } | { kind: 'unknown' };

export function lookupKey(topic: string, partition: number, offset: number): string {
  return `${topic}\u0000${partition}\u0000${offset}`;
}

export class ClusterReader {
  private cluster: InternalCluster | undefined;
  /** Coordinators move only when brokers do; any error resets the reader and with it this cache. */
  private readonly coordinators = new Map<string, InternalCoordinator>();

  constructor(private readonly kafka: Kafka) {}

  private async connected(): Promise<InternalCluster> {
    if (this.cluster) return this.cluster;
    const cluster = createInternalCluster(this.kafka, READ_UNCOMMITTED);
    await cluster.connect();
    this.cluster = cluster;
    return cluster;
  }

  /** Forgets the connection (after an error, or when topics were deleted); the next call makes a new one. */
  async reset(): Promise<void> {
    const cluster = this.cluster;
    this.cluster = undefined;
    this.coordinators.clear();
    await cluster?.disconnect().catch(() => undefined);
  }

  private async coordinatorOf(cluster: InternalCluster, groupId: string): Promise<InternalCoordinator> {
    let coordinator = this.coordinators.get(groupId);
    if (!coordinator) {
      coordinator = await cluster.findGroupCoordinator({ groupId });
      this.coordinators.set(groupId, coordinator);
    }
    return coordinator;
  }

  /** DescribeGroups: one request per coordinator for all the groups it coordinates. */
  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    const cluster = await this.connected();
    const byCoordinator = new Map<string, { coordinator: InternalCoordinator; groupIds: string[] }>();
    for (const groupId of groupIds) {
      const coordinator = await this.coordinatorOf(cluster, groupId);
      const entry = byCoordinator.get(String(coordinator.nodeId)) ?? { coordinator, groupIds: [] };
      entry.groupIds.push(groupId);
      byCoordinator.set(String(coordinator.nodeId), entry);
    }
    const answers = await Promise.all([...byCoordinator.values()].map(({ coordinator, groupIds: ids }) => coordinator.describeGroups({ groupIds: ids })));
    return answers.flatMap((answer) => answer.groups);
  }

  /** The group's committed offsets on every topic it has committed to (OffsetFetch with no topic list). */
  async committedOffsets(groupId: string): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]> {
    const cluster = await this.connected();
    const coordinator = await this.coordinatorOf(cluster, groupId);
    return (await coordinator.offsetFetch({ groupId, topics: [] })).responses;
  }

  /** Earliest and end offsets of every partition of these topics (in partition order): two ListOffsets requests per broker in all. */
  async topicOffsets(topics: string[]): Promise<Map<string, TopicOffsets[]>> {
    const result = new Map<string, TopicOffsets[]>();
    if (topics.length === 0) return result;
    const cluster = await this.connected();
    await cluster.addMultipleTargetTopics(topics);
    await cluster.refreshMetadataIfNecessary();
    const request = (fromBeginning: boolean) =>
      topics.map((topic) => ({ topic, fromBeginning, partitions: cluster.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId })) }));
    const [ends, earliests] = await Promise.all([cluster.fetchTopicsOffset(request(false)), cluster.fetchTopicsOffset(request(true))]);
    const earliestOf = new Map(
      earliests.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}\u0000${p.partition}`, Number(p.offset)] as const)),
    );
    for (const { topic, partitions } of ends) {
      result.set(
        topic,
        partitions
          .map((p) => ({ partition: p.partition, end: Number(p.offset), earliest: earliestOf.get(`${topic}\u0000${p.partition}`) ?? 0 }))
          .sort((a, b) => a.partition - b.partition),
      );
    }
    return result;
  }

  /**
   * The first record at or after each offset: one Fetch per leader per round (a request may name
   * a partition once, so several offsets on one partition take several rounds).
   */
  async lookupRecords(wanted: { topic: string; partition: number; offset: number; end: number }[]): Promise<Map<string, RecordLookup>> {
    const result = new Map<string, RecordLookup>();
    if (wanted.length === 0) return result;
    const cluster = await this.connected();
    const rounds = splitIntoRounds(wanted);
    for (const round of rounds) {
      const byLeader = new Map<string, typeof round>();
      for (const item of round) {
        const leader = Object.entries(cluster.findLeaderForPartitions(item.topic, [item.partition])).find(([, partitions]) => partitions.length > 0)?.[0];
        if (leader === undefined) continue;
        byLeader.set(leader, [...(byLeader.get(leader) ?? []), item]);
      }
      await Promise.all([...byLeader].map(async ([nodeId, items]) => this.fetchFromLeader(cluster, nodeId, items, result)));
    }
    return result;
  }

  private async fetchFromLeader(
    cluster: InternalCluster,
    nodeId: string,
    items: { topic: string; partition: number; offset: number; end: number }[],
    result: Map<string, RecordLookup>,
  ): Promise<void> {
    const broker = await cluster.findBroker({ nodeId });
    const topics = new Map<string, { partition: number; fetchOffset: string; maxBytes: number }[]>();
    for (const item of items) {
      topics.set(item.topic, [
        ...(topics.get(item.topic) ?? []),
        { partition: item.partition, fetchOffset: String(item.offset), maxBytes: PARTITION_FETCH_BYTES },
      ]);
    }
    const response = await broker.fetch({
      isolationLevel: READ_UNCOMMITTED,
      // Answer at once with what is there: this is a lookup, not a long poll.
      maxWaitTime: 0,
      minBytes: 0,
      maxBytes: FETCH_BYTES,
      topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
    });
    const wantedOf = new Map(items.map((item) => [`${item.topic}\u0000${item.partition}`, item]));
    for (const { topicName, partitions } of response.responses) {
      for (const { partition, errorCode, messages } of partitions) {
        const item = wantedOf.get(`${topicName}\u0000${partition}`);
        if (!item) continue;
        result.set(lookupKey(item.topic, item.partition, item.offset), errorCode === 0 ? readLookup(messages, item.offset, item.end) : { kind: 'unknown' });
      }
    }
  }
}

/** The record at `offset` (or the first after it: compaction and markers leave gaps); markers only when nothing but markers reach the end. */
export function readLookup(records: readonly FetchedRecord[], offset: number, end: number): RecordLookup {
  let lastSeen = -1;
  for (const record of records) {
    const recordOffset = Number(record.offset);
    if (recordOffset < offset) continue;
    if (!record.isControlRecord) return { kind: 'record', timestamp: Number(record.timestamp) };
    lastSeen = Math.max(lastSeen, recordOffset);
  }
  return lastSeen >= end - 1 && lastSeen >= offset ? { kind: 'markers-only' } : { kind: 'unknown' };
}

function splitIntoRounds<T extends { topic: string; partition: number; offset: number }>(wanted: T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  const unique = new Set<string>();
  for (const item of wanted) {
    const key = lookupKey(item.topic, item.partition, item.offset);
    if (unique.has(key)) continue;
    unique.add(key);
    const partitionKey = `${item.topic}\u0000${item.partition}`;
    const round = seen.get(partitionKey) ?? 0;
    seen.set(partitionKey, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}
