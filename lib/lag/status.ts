import type { LagStatus } from './api';
import type { PartitionTrack } from './partition-track';
import { rawLag } from './partition-track';

/** The tunable parts of the status rules (settings LAG_*; README "Consumer lag"). */
export interface StatusRules {
  /** Lag (messages) a partition may carry before it can count as lagging. */
  allowedLag: number;
  pollIntervalMs: number;
  /** Polls in the sliding window. */
  windowPolls: number;
  /** Stopped needs at least this long without a commit, whatever the group's commit interval. */
  minStoppedMs: number;
}

export interface PartitionFacts {
  track: PartitionTrack;
  /** A member of the group owns this partition now. */
  owned: boolean;
  /** The group has at least one member. */
  groupHasMembers: boolean;
  /** Only transaction markers lie between the committed offset and the end: the lag of 1 (or so) is not real. */
  markerOnly: boolean;
  /** The group's own commit interval as observed (null: not known yet). */
  commitIntervalMs: number | null;
  now: number;
}

/** Lag that counts: null without a commit, 0 when only transaction markers are ahead. */
export function effectiveLag(facts: Pick<PartitionFacts, 'track' | 'markerOnly'>): number | null {
  const current = facts.track.window.at(-1);
  if (!current) return null;
  const lag = rawLag(current);
  return lag !== null && facts.markerOnly ? 0 : lag;
}

/**
 * Lag left unread this long, with the committed offset standing still, is stalled: one commit
 * interval plus one poll (a commit is due and was not seen), at least three polls.
 */
export function stalledAfterMs(commitIntervalMs: number | null, rules: StatusRules): number {
  return Math.max((commitIntervalMs ?? 0) + rules.pollIntervalMs, 3 * rules.pollIntervalMs);
}

/** ...and this long, stopped: twice the group's commit interval or the minimum (30 s), whichever is longer. */
export function stoppedAfterMs(commitIntervalMs: number | null, rules: StatusRules): number {
  return Math.max(2 * (commitIntervalMs ?? 0), rules.minStoppedMs);
}

/** One partition's status over its window; the first rule that matches wins (README lists them in this order). */
export function evaluatePartition(facts: PartitionFacts, rules: StatusRules): LagStatus {
  const { window, pendingSince } = facts.track;
  const current = window.at(-1);
  if (!current || current.committed === null) return 'ok';
  if (current.committed < current.earliest) return 'data-loss';
  if (wentBackwards(facts.track)) return 'rewinding';
  const lag = effectiveLag(facts) ?? 0;
  if (lag === 0) return endMoved(facts.track) ? 'ok' : 'idle';
  if (facts.groupHasMembers && !facts.owned) return 'unassigned';
  const waiting = pendingSince === null ? 0 : facts.now - pendingSince;
  if (waiting >= stoppedAfterMs(facts.commitIntervalMs, rules)) return 'stopped';
  if (waiting >= stalledAfterMs(facts.commitIntervalMs, rules)) return 'stalled';
  if (isLagging(facts.track, rules)) return 'lagging';
  return 'ok';
}

function wentBackwards(track: PartitionTrack): boolean {
  return track.window.some((sample, index) => {
    const previous = track.window[index - 1];
    return previous !== undefined && previous.committed !== null && sample.committed !== null && sample.committed < previous.committed;
  });
}

function endMoved(track: PartitionTrack): boolean {
  const first = track.window[0];
  const last = track.window.at(-1);
  // One poll is not enough to call a producer idle.
  return track.window.length < 2 || (first !== undefined && last !== undefined && last.end > first.end);
}

/** Above the allowed lag at every poll of a full window, and no smaller at its end than at its start. */
function isLagging(track: PartitionTrack, rules: StatusRules): boolean {
  if (track.window.length < rules.windowPolls) return false;
  const lags = track.window.map((sample) => rawLag(sample) ?? 0);
  const first = lags[0] ?? 0;
  const last = lags.at(-1) ?? 0;
  return lags.every((lag) => lag > rules.allowedLag) && last >= first;
}

const SEVERITY: Record<LagStatus, number> = {
  ok: 0,
  idle: 0,
  lagging: 1,
  rewinding: 2,
  unassigned: 3,
  stalled: 4,
  stopped: 5,
  'data-loss': 6,
};

/** The group's status: its worst partition's; `idle` partitions count as `ok`. */
export function groupStatus(statuses: Iterable<LagStatus>): LagStatus {
  let worst: LagStatus = 'ok';
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst === 'idle' ? 'ok' : worst;
}

/** Statuses that raise a `consumer-lag` alert (lag in seconds over the threshold raises one too). */
export const ALERTING_STATUSES: ReadonlySet<LagStatus> = new Set(['stalled', 'stopped', 'data-loss', 'unassigned']);

export function isHealthy(status: LagStatus): boolean {
  return SEVERITY[status] === 0;
}
