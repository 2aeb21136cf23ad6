import type { GroupDetail, LagMethod, PartitionLag } from '@/lib/lag/api';
import { interpolatedLagSeconds } from '@/lib/lag/offset-table';
import type { PartitionTrack } from '@/lib/lag/partition-track';
import { catchUpSeconds, observe, windowRates } from '@/lib/lag/partition-track';
import type { StatusRules } from '@/lib/lag/status';
import { effectiveLag, groupReason, groupStatus, judgePartition } from '@/lib/lag/status';

import type { RecordLookup, TopicOffsets } from './cluster-reader';
import { lookupKey } from './cluster-reader';
import { isOwnGroup } from './group-filter';
import type { GroupReading } from './lag-monitor';

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export interface ObservedPartition {
  topic: string;
  partition: number;
  committed: number | null;
  end: number;
  earliest: number;
  owner: string | null;
}

export interface GroupSnapshot {
  reading: GroupReading;
  partitions: ObservedPartition[];
}

/** Adds this poll's offsets to each partition's track (and drops tracks of partitions that are gone). */
export function observeGroup(
  reading: GroupReading,
  offsets: ReadonlyMap<string, TopicOffsets[]>,
  tracks: Map<string, PartitionTrack>,
  now: number,
  windowPolls: number,
): GroupSnapshot {
  const owners = new Map<string, string>();
  for (const member of reading.members) {
    for (const { topic, partitions } of member.assignment) for (const partition of partitions) owners.set(partitionKey(topic, partition), member.clientId);
  }
  const partitions: ObservedPartition[] = [];
  const present = new Set<string>();
  for (const topic of [...reading.topics].sort()) {
    for (const { partition, end, earliest } of offsets.get(topic) ?? []) {
      const key = partitionKey(topic, partition);
      const committed = reading.committed.get(key) ?? null;
      present.add(key);
      tracks.set(key, observe(tracks.get(key), { at: now, committed, end, earliest }, windowPolls));
      partitions.push({ topic, partition, committed, end, earliest, owner: owners.get(key) ?? null });
    }
  }
  for (const key of tracks.keys()) if (!present.has(key)) tracks.delete(key);
  return { reading, partitions };
}

/** Statuses, lag in seconds, rates and the roll-up of one group after a poll. */
export function evaluateGroup(
  snapshot: GroupSnapshot,
  tracks: ReadonlyMap<string, PartitionTrack>,
  lookups: ReadonlyMap<string, RecordLookup>,
  rules: StatusRules,
  commitIntervalMs: number | null,
  now: number,
): Omit<GroupDetail, 'history'> {
  const { reading } = snapshot;
  const partitionLags = snapshot.partitions.map((observed) => {
    const track = tracks.get(partitionKey(observed.topic, observed.partition)) as PartitionTrack;
    const lookup = observed.committed === null ? undefined : lookups.get(lookupKey(observed.topic, observed.partition, observed.committed));
    return partitionLag(observed, track, lookup, { rules, commitIntervalMs, now, groupHasMembers: reading.members.length > 0 });
  });
  return rollUp(reading, partitionLags, now);
}

function partitionLag(
  observed: ObservedPartition,
  track: PartitionTrack,
  lookup: RecordLookup | undefined,
  context: { rules: StatusRules; commitIntervalMs: number | null; now: number; groupHasMembers: boolean },
): PartitionLag {
  const markerOnly = lookup?.kind === 'markers-only';
  const facts = {
    track,
    owned: observed.owner !== null,
    groupHasMembers: context.groupHasMembers,
    markerOnly,
    commitIntervalMs: context.commitIntervalMs,
    now: context.now,
  };
  const lag = effectiveLag(facts);
  const { lagSeconds, lagMethod } = lagInSeconds(observed, lag, track, lookup, context.now);
  const verdict = judgePartition(facts, context.rules);
  return {
    topic: observed.topic,
    partition: observed.partition,
    committed: observed.committed,
    end: observed.end,
    earliest: observed.earliest,
    lag,
    lagSeconds,
    lagMethod,
    status: verdict.status,
    statusReason: verdict.reason,
    owner: observed.owner,
    ...windowRates(track.window),
    lastCommitAt: track.lastMoveAt,
  };
}

function lagInSeconds(
  observed: ObservedPartition,
  lag: number | null,
  track: PartitionTrack,
  lookup: RecordLookup | undefined,
  now: number,
): { lagSeconds: number | null; lagMethod: LagMethod | null } {
  if (lag === null || observed.committed === null) return { lagSeconds: null, lagMethod: null };
  if (lag === 0) return { lagSeconds: 0, lagMethod: null };
  if (lookup?.kind === 'record') return { lagSeconds: Math.max(0, (now - lookup.timestamp) / 1000), lagMethod: 'timestamp' };
  const seconds = interpolatedLagSeconds(track.endTable, observed.committed, now);
  return seconds === null ? { lagSeconds: null, lagMethod: null } : { lagSeconds: seconds, lagMethod: 'interpolated' };
}

function rollUp(reading: GroupReading, partitionLags: PartitionLag[], now: number): Omit<GroupDetail, 'history'> {
  let totalLag = 0;
  let worst: PartitionLag | undefined;
  let consume: number | null = null;
  let produce: number | null = null;
  let lastCommitAt: number | null = null;
  for (const p of partitionLags) {
    totalLag += p.lag ?? 0;
    if (p.lagSeconds !== null && (worst?.lagSeconds ?? -1) < p.lagSeconds) worst = p;
    if (p.consumeRate !== null) consume = (consume ?? 0) + p.consumeRate;
    if (p.produceRate !== null) produce = (produce ?? 0) + p.produceRate;
    if (p.lastCommitAt !== null) lastCommitAt = Math.max(lastCommitAt ?? 0, p.lastCommitAt);
  }
  return {
    groupId: reading.groupId,
    state: reading.state,
    status: groupStatus(partitionLags.map((p) => p.status)),
    statusReason: groupReason(partitionLags),
    own: isOwnGroup(reading.groupId),
    producerIdle: partitionLags.length > 0 && partitionLags.every((p) => p.status === 'idle'),
    totalLag,
    maxLagSeconds: worst?.lagSeconds ?? null,
    maxLagMethod: worst?.lagMethod ?? null,
    members: reading.members.length,
    topics: [...reading.topics].sort(),
    partitions: partitionLags.length,
    noCommitPartitions: partitionLags.filter((p) => p.committed === null).length,
    lastCommitAt,
    consumeRate: consume,
    produceRate: produce,
    catchUpSeconds: catchUpSeconds(totalLag, consume, produce),
    observedAt: now,
    trend: [],
    partitionLags,
    memberList: reading.members,
  };
}
