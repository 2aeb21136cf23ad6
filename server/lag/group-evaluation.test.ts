import { describe, expect, it } from 'vitest';

import type { PartitionTrack } from '@/lib/lag/partition-track';
import type { StatusRules } from '@/lib/lag/status';

import type { RecordLookup, TopicOffsets } from './cluster-reader';
import { lookupKey } from './cluster-reader';
import { evaluateGroup, observeGroup, partitionKey } from './group-evaluation';
import type { GroupReading } from './lag-monitor';

const RULES: StatusRules = { allowedLag: 100, pollIntervalMs: 5_000, windowPolls: 6, minStoppedMs: 30_000 };

function reading(committed: [number, number][], assigned: number[] = [0, 1, 2]): GroupReading {
  return {
    groupId: 'g',
    state: 'Stable',
    members: [{ memberId: 'm-1', clientId: 'worker-1', host: '/127.0.0.1', assignment: [{ topic: 't', partitions: assigned }] }],
    committed: new Map(committed.map(([partition, offset]) => [partitionKey('t', partition), offset])),
    topics: new Set(['t']),
  };
}

function offsets(ends: number[]): Map<string, TopicOffsets[]> {
  return new Map([['t', ends.map((end, partition) => ({ partition, end, earliest: 0 }))]]);
}

describe('one group after a poll', () => {
  it('shows every partition of its topics, "no commit" ones as null, with owners, lag, method and roll-up', () => {
    const tracks = new Map<string, PartitionTrack>();
    // Two polls 5 s apart: 100 records a poll on partition 0.
    observeGroup(
      reading([
        [0, 100],
        [1, 50],
      ]),
      offsets([200, 51, 30]),
      tracks,
      0,
      RULES.windowPolls,
    );
    const snapshot = observeGroup(
      reading([
        [0, 150],
        [1, 50],
      ]),
      offsets([300, 51, 30]),
      tracks,
      5_000,
      RULES.windowPolls,
    );
    const lookups = new Map<string, RecordLookup>([
      [lookupKey('t', 0, 150), { kind: 'record', timestamp: 2_000 }],
      [lookupKey('t', 1, 50), { kind: 'markers-only' }],
    ]);
    const detail = evaluateGroup(snapshot, tracks, lookups, RULES, null, 5_000);
    expect(detail.partitionLags.map((p) => [p.partition, p.committed, p.lag, p.lagSeconds, p.lagMethod, p.owner])).toEqual([
      [0, 150, 150, 3, 'timestamp', 'worker-1'],
      // Only a transaction marker ahead: caught up.
      [1, 50, 0, 0, null, 'worker-1'],
      [2, null, null, null, null, 'worker-1'],
    ]);
    expect(detail).toMatchObject({
      groupId: 'g',
      totalLag: 150,
      maxLagSeconds: 3,
      maxLagMethod: 'timestamp',
      members: 1,
      partitions: 3,
      noCommitPartitions: 1,
      lastCommitAt: 5_000,
      observedAt: 5_000,
    });
    expect(detail.consumeRate).toBe(10);
    expect(detail.produceRate).toBe(20);
    expect(detail.catchUpSeconds).toBeNull();
  });

  it('interpolates lag in seconds where the record could not be read, and says so', () => {
    const tracks = new Map<string, PartitionTrack>();
    observeGroup(reading([[0, 149]], [0]), new Map([['t', [{ partition: 0, end: 100, earliest: 0 }]]]), tracks, 10_000, RULES.windowPolls);
    const snapshot = observeGroup(reading([[0, 149]], [0]), new Map([['t', [{ partition: 0, end: 200, earliest: 0 }]]]), tracks, 20_000, RULES.windowPolls);
    // The end passed record 149 between t=10 s (end 100) and t=20 s (end 200): written at 15 s; its age at 25 s is 10 s.
    const detail = evaluateGroup(snapshot, tracks, new Map(), RULES, null, 25_000);
    expect(detail.partitionLags[0]).toMatchObject({ lagMethod: 'interpolated', lagSeconds: 10 });
  });

  it("marks a partition nobody owns, and the dashboard's own groups", () => {
    const tracks = new Map<string, PartitionTrack>();
    const snapshot = observeGroup(
      reading(
        [
          [0, 10],
          [1, 10],
          [2, 10],
        ],
        [0, 1],
      ),
      offsets([20, 20, 20]),
      tracks,
      0,
      RULES.windowPolls,
    );
    const detail = evaluateGroup(snapshot, tracks, new Map(), RULES, null, 0);
    expect(detail.partitionLags.map((p) => p.status)).toEqual(['ok', 'ok', 'unassigned']);
    expect(detail.status).toBe('unassigned');
    const own = evaluateGroup({ ...snapshot, reading: { ...snapshot.reading, groupId: 'bff.host-1.fleet' } }, tracks, new Map(), RULES, null, 0);
    expect(own.own).toBe(true);
  });
});
