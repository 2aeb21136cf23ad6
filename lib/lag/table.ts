import type { GroupSummary, LagStatus } from './api';

export type GroupSortKey = 'groupId' | 'status' | 'totalLag' | 'maxLagSeconds' | 'members' | 'lastCommitAt';
export interface GroupSort {
  key: GroupSortKey;
  descending: boolean;
}

export interface GroupFilter {
  /** Part of the group id or of one of its topics, any case. */
  text: string;
  status: LagStatus | 'all' | 'unhealthy';
  showOwn: boolean;
}

/** The list starts without the dashboard's own `bff.` groups: they are noise to everyone but the people running the dashboard. */
export const DEFAULT_GROUP_FILTER: GroupFilter = { text: '', status: 'all', showOwn: false };

const STATUS_RANK: Record<LagStatus, number> = { ok: 0, idle: 0, lagging: 1, rewinding: 2, unassigned: 3, stalled: 4, stopped: 5, 'data-loss': 6 };

export function filterGroups(groups: readonly GroupSummary[], filter: GroupFilter): GroupSummary[] {
  const text = filter.text.trim().toLowerCase();
  return groups.filter(
    (group) =>
      (filter.showOwn || !group.own) &&
      (filter.status === 'all' || (filter.status === 'unhealthy' ? STATUS_RANK[group.status] > 0 : group.status === filter.status)) &&
      (text === '' || group.groupId.toLowerCase().includes(text) || group.topics.some((topic) => topic.toLowerCase().includes(text))),
  );
}

/** Sorted copy; the dashboard's own groups after every other, missing values (no lag in seconds, no commit seen) last; ties by group id. */
export function sortGroups(groups: readonly GroupSummary[], sort: GroupSort): GroupSummary[] {
  const value = (group: GroupSummary): number | string | null => {
    switch (sort.key) {
      case 'groupId':
        return group.groupId;
      case 'status':
        return STATUS_RANK[group.status];
      case 'totalLag':
        return group.totalLag;
      case 'maxLagSeconds':
        return group.maxLagSeconds;
      case 'members':
        return group.members;
      case 'lastCommitAt':
        return group.lastCommitAt;
    }
  };
  return [...groups].sort((a, b) => {
    if (a.own !== b.own) return a.own ? 1 : -1;
    const left = value(a);
    const right = value(b);
    if (left === null || right === null) return left === right ? a.groupId.localeCompare(b.groupId) : left === null ? 1 : -1;
    const order = typeof left === 'string' ? left.localeCompare(String(right)) : left - (right as number);
    if (order !== 0) return sort.descending ? -order : order;
    return a.groupId.localeCompare(b.groupId);
  });
}

/** "0 s", "42 s", "3 min 05 s", "2 h 10 min": lag in seconds for people. */
export function formatLagSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(seconds / 3_600)} h ${Math.round((seconds % 3_600) / 60)} min`;
}

export const STATUS_LABELS: Record<LagStatus, string> = {
  ok: 'OK',
  idle: 'OK · idle producer',
  lagging: 'Lagging',
  rewinding: 'Rewinding',
  unassigned: 'Unassigned',
  stalled: 'Stalled',
  stopped: 'Stopped',
  'data-loss': 'Data loss',
};

/** "last 40 s", "last 15 min", "last 1 h 05 min": the span a trend really covers, from its first point to its last. */
export function trendSpanLabel(points: readonly { at: number }[]): string {
  const first = points[0];
  const last = points.at(-1);
  const seconds = first && last ? Math.max(0, (last.at - first.at) / 1000) : 0;
  if (seconds < 60) return `last ${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `last ${minutes} min`;
  return `last ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
