import type { GroupDetail } from '@/lib/lag/api';
import { LAG_STATUSES } from '@/lib/lag/api';

import {
  consumerGroupInfo,
  lagGroupLag,
  lagGroupLagSeconds,
  lagGroupMaxLag,
  lagGroupMaxLagSeconds,
  lagGroupOffset,
  lagGroupStatus,
  lagGroupSumLag,
  lagGroupTopicSumLag,
  lagPartitionEarliestOffset,
  lagPartitionLatestOffset,
} from '../metrics';

const GAUGES = [
  lagGroupOffset,
  lagGroupLag,
  lagGroupLagSeconds,
  lagGroupMaxLag,
  lagGroupMaxLagSeconds,
  lagGroupSumLag,
  lagGroupTopicSumLag,
  lagPartitionLatestOffset,
  lagPartitionEarliestOffset,
  lagGroupStatus,
  consumerGroupInfo,
];

/**
 * Writes one poll's groups to the kafka-lag-exporter gauges, the same figures the lag API serves.
 * Every gauge is emptied first, because a group or partition gone from the cluster must not stay
 * on /metrics with its last value. A partition without a commit has no lag to export (kafka-lag-
 * exporter leaves it out too); one without a lag in seconds leaves out only that figure.
 */
export function exportLagMetrics(groups: readonly Omit<GroupDetail, 'history'>[], clusterName: string): void {
  for (const gauge of GAUGES) gauge.reset();
  for (const group of groups) {
    const { groupId: groupIdLabel } = group;
    const base = { cluster_name: clusterName, group: groupIdLabel };
    // kafka-lag-exporter's "simple consumer": a group that commits without members (e.g. Flink's offsets on checkpoint).
    const simple = String(group.members === 0 && group.state === 'Empty');
    lagGroupMaxLag.set({ ...base, is_simple_consumer: simple }, Math.max(0, ...group.partitionLags.map((p) => p.lag ?? 0)));
    if (group.maxLagSeconds !== null) lagGroupMaxLagSeconds.set({ ...base, is_simple_consumer: simple }, group.maxLagSeconds);
    lagGroupSumLag.set(base, group.totalLag);
    for (const status of LAG_STATUSES.filter((s) => s !== 'idle')) lagGroupStatus.set({ ...base, status }, status === group.status ? 1 : 0);
    consumerGroupInfo.set({ group_id: groupIdLabel, state: group.state }, 1);
    const topicSums = new Map<string, number>();
    for (const partition of group.partitionLags) {
      const where = { cluster_name: clusterName, topic: partition.topic, partition: String(partition.partition) };
      lagPartitionLatestOffset.set(where, partition.end);
      lagPartitionEarliestOffset.set(where, partition.earliest);
      if (partition.committed === null || partition.lag === null) continue;
      const member = group.memberList.find((m) => m.clientId === partition.owner);
      const labels = { ...where, group: groupIdLabel, member_host: member?.host ?? '', consumer_id: member?.memberId ?? '', client_id: partition.owner ?? '' };
      lagGroupOffset.set(labels, partition.committed);
      lagGroupLag.set(labels, partition.lag);
      if (partition.lagSeconds !== null) lagGroupLagSeconds.set(labels, partition.lagSeconds);
      topicSums.set(partition.topic, (topicSums.get(partition.topic) ?? 0) + partition.lag);
    }
    for (const [topic, sum] of topicSums) lagGroupTopicSumLag.set({ ...base, topic }, sum);
  }
}
