import type { GroupDescription, Kafka } from 'kafkajs';

/**
 * kafkajs's own Cluster class, reached through the client's factory exactly as kafkajs builds its
 * admin, consumer and producer (kafkajs 2.2.x is pinned and no longer changes). Its public API
 * reads records only through consumer groups and asks for offsets one topic at a time; the
 * Cluster sends plain Fetch and ListOffsets requests, as Java's `consumer.assign()` does. The
 * connection settings (TLS, SASL, IAM) are the factory's: nothing here configures Kafka.
 */
export interface FetchedRecord {
  offset: string;
  timestamp: string;
  key?: Buffer | null;
  value?: Buffer | null;
  isControlRecord?: boolean;
  /** The record batch it came in: who wrote it and whether inside a transaction. */
  batchContext?: { firstOffset: string; lastOffsetDelta: number; producerId: string; inTransaction: boolean };
}

export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark?: string;
  /** READ_COMMITTED: the transactions aborted within the records returned (the client leaves their records out). */
  abortedTransactions?: { producerId: string; firstOffset: string }[];
  messages: FetchedRecord[];
}

export interface InternalBroker {
  fetch(request: {
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: FetchedPartition[] }[] }>;
}

export interface InternalCoordinator {
  nodeId: number | string;
  describeGroups(request: { groupIds: string[] }): Promise<{ groups: GroupDescription[] }>;
  offsetFetch(request: {
    groupId: string;
    topics: [];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string; errorCode?: number }[] }[] }>;
}

export interface InternalCluster {
  findGroupCoordinator(options: { groupId: string }): Promise<InternalCoordinator>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  refreshMetadata(): Promise<void>;
  refreshMetadataIfNecessary(): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string }): Promise<InternalBroker>;
  fetchTopicsOffset(
    topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** Fetch's isolation levels: every record up to the high watermark, or only committed ones up to the last stable offset. */
export const ISOLATION = { readUncommitted: 0, readCommitted: 1 } as const;

type ClusterFactory = (options: { allowAutoTopicCreation: boolean; isolationLevel: number }) => InternalCluster;

/** A Cluster of this client's settings, not yet connected. */
export function createInternalCluster(kafka: Kafka, isolationLevel: number): InternalCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((candidate) => candidate.description === 'private:Kafka:createCluster');
  const factory = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof factory !== 'function') throw new Error('this kafkajs version has no cluster factory; the lag monitor and time travel need kafkajs 2.2.x');
  return (factory as ClusterFactory)({ allowAutoTopicCreation: false, isolationLevel });
}
