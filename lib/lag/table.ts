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

/** Sorted copy; missing values (no lag in seconds, no commit seen) always last; ties by group id. */
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
