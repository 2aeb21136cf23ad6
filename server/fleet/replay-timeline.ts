import type { Admin } from 'kafkajs';

import type { ReplayTimeline } from '@/lib/contracts/replay';

/**
 * The timeline under the map without reading the topic: the offsets at each bucket's edges (found
 * by timestamp) say how many records were written in it, summed over partitions; a bucket with
 * none is where data is missing. Alerts are placed by the time they were detected.
 */
export async function timelineBuckets(
  admin: Admin,
  topic: string,
  from: number,
  until: number,
  buckets: number,
  alertTimes: number[],
): Promise<Omit<ReplayTimeline, 'retention'>> {
  const bucketMs = Math.max(1, Math.ceil((until - from) / buckets));
  const edges = Array.from({ length: buckets + 1 }, (_, i) => Math.min(until, from + i * bucketMs));
  const offsets = await Promise.all(edges.map((edge) => admin.fetchTopicOffsetsByTimestamp(topic, edge)));
  const totals = offsets.map((partitions) => partitions.reduce((sum, p) => sum + Number(p.offset), 0));
  const alerts = new Array<number>(buckets).fill(0);
  for (const at of alertTimes) {
    const index = Math.floor((at - from) / bucketMs);
    if (index >= 0 && index < buckets) alerts[index] = (alerts[index] ?? 0) + 1;
  }
  return {
    from,
    until,
    bucketMs,
    buckets: Array.from({ length: buckets }, (_, i) => ({
      start: edges[i] ?? from,
      records: Math.max(0, (totals[i + 1] ?? 0) - (totals[i] ?? 0)),
      alertsFired: alerts[i] ?? 0,
    })),
  };
}
