import type { Kafka } from 'kafkajs';

/** Where each partition of a topic begins and ends at the moment of the rewind. */
export interface PartitionSpan {
  partition: number;
  low: bigint;
  high: bigint;
}

/**
 * Commits the beginning of retention as `groupId`'s position on every partition of `topic`, so
 * the processor's consumer re-reads everything. The offsets are the partitions' real low offsets,
 * not kafkajs's `earliest` (-2): a group with no usable committed offset starts at the *end* of
 * the topic, and a committed -2 reads as no offset, so a fresh group silently skipped the backlog.
 * Checked after writing, because a processor that started at the end would report complete
 * windows that miss their first part. Throws while a previous member is still in the group; the
 * processor runner retries the start.
 */
export async function rewindGroupToEarliest(kafka: Kafka, groupId: string, topic: string): Promise<PartitionSpan[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const spans = (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) }));
    await admin.setOffsets({ groupId, topic, partitions: spans.map((span) => ({ partition: span.partition, offset: span.low.toString() })) });
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const span of spans) {
      const offset = committed?.partitions.find((p) => p.partition === span.partition)?.offset;
      if (offset !== span.low.toString()) throw new Error(`rewinding ${groupId} on ${topic}/${span.partition}: committed ${offset ?? 'nothing'}, expected ${span.low}`);
    }
    return spans;
  } finally {
    await admin.disconnect();
  }
}
