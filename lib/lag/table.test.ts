import { describe, expect, it } from 'vitest';

import type { GroupSummary } from './api';
import { DEFAULT_GROUP_FILTER, filterGroups, formatLagSeconds, sortGroups, trendSpanLabel } from './table';

function group(groupId: string, extra: Partial<GroupSummary> = {}): GroupSummary {
  return {
    groupId,
    state: 'Stable',
    status: 'ok',
    statusReason: 'every partition within the rules',
    own: false,
    producerIdle: false,
    totalLag: 0,
    maxLagSeconds: 0,
    maxLagMethod: null,
    members: 1,
    topics: ['t'],
    partitions: 1,
    noCommitPartitions: 0,
    lastCommitAt: 1,
    consumeRate: null,
    produceRate: null,
    catchUpSeconds: 0,
    observedAt: 1,
    trend: [],
    ...extra,
  };
}

const GROUPS = [
  group('b', { totalLag: 10, status: 'stalled', topics: ['fleet.telemetry.raw'] }),
  group('a', { totalLag: 500, maxLagSeconds: null }),
  group('bff.x.fleet', { own: true, totalLag: 3 }),
  group('c', { totalLag: 10, status: 'lagging', maxLagSeconds: 40 }),
];

describe('the groups table', () => {
  it('filters by text in the group or its topics, by status, and hides own groups on request', () => {
    expect(filterGroups(GROUPS, { text: 'TELEMETRY', status: 'all', showOwn: true }).map((g) => g.groupId)).toEqual(['b']);
    expect(filterGroups(GROUPS, { text: '', status: 'unhealthy', showOwn: true }).map((g) => g.groupId)).toEqual(['b', 'c']);
    expect(filterGroups(GROUPS, { text: '', status: 'lagging', showOwn: true }).map((g) => g.groupId)).toEqual(['c']);
    expect(filterGroups(GROUPS, { text: '', status: 'all', showOwn: false }).map((g) => g.groupId)).toEqual(['b', 'a', 'c']);
  });

  it("sorts either way with ties by group id and missing values last, the dashboard's own groups after all others", () => {
    expect(sortGroups(GROUPS, { key: 'totalLag', descending: true }).map((g) => g.groupId)).toEqual(['a', 'b', 'c', 'bff.x.fleet']);
    expect(sortGroups(GROUPS, { key: 'totalLag', descending: false }).map((g) => g.groupId)).toEqual(['b', 'c', 'a', 'bff.x.fleet']);
    expect(sortGroups(GROUPS, { key: 'status', descending: true }).map((g) => g.groupId)).toEqual(['b', 'c', 'a', 'bff.x.fleet']);
    expect(sortGroups(GROUPS, { key: 'maxLagSeconds', descending: false }).map((g) => g.groupId)).toEqual(['b', 'c', 'a', 'bff.x.fleet']);
    expect(sortGroups(GROUPS, { key: 'maxLagSeconds', descending: true }).map((g) => g.groupId)).toEqual(['c', 'b', 'a', 'bff.x.fleet']);
  });

  it("hides the dashboard's own groups by default", () => {
    expect(filterGroups(GROUPS, DEFAULT_GROUP_FILTER).map((g) => g.groupId)).toEqual(['b', 'a', 'c']);
  });

  it('formats lag in seconds for people', () => {
    expect(formatLagSeconds(null)).toBe('—');
    expect(formatLagSeconds(2.345)).toBe('2.3 s');
    expect(formatLagSeconds(42.4)).toBe('42 s');
    expect(formatLagSeconds(185)).toBe('3 min 05 s');
    expect(formatLagSeconds(7_800)).toBe('2 h 10 min');
  });

  it('names the span the trend really covers, not the most it could keep', () => {
    const at = (seconds: number) => ({ at: 1_000_000 + seconds * 1000 });
    expect(trendSpanLabel([])).toBe('last 0 s');
    expect(trendSpanLabel([at(0), at(40)])).toBe('last 40 s');
    expect(trendSpanLabel([at(0), at(450), at(900)])).toBe('last 15 min');
    expect(trendSpanLabel([at(0), at(3_900)])).toBe('last 1 h 05 min');
  });
});
