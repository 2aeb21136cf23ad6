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

/** A status and, in words, the rule that gave it (with the thresholds the rule used), for the person reading the table. */
export interface StatusVerdict {
  status: LagStatus;
  reason: string;
}

/** One partition's status over its window; the first rule that matches wins (README lists them in this order). */
export function evaluatePartition(facts: PartitionFacts, rules: StatusRules): LagStatus {
  return judgePartition(facts, rules).status;
}

/** `evaluatePartition` with its reason: the reason is built by the rule that matched, from the values it compared. */
export function judgePartition(facts: PartitionFacts, rules: StatusRules): StatusVerdict {
  const { window, pendingSince } = facts.track;
  const current = window.at(-1);
  if (!current || current.committed === null) return { status: 'ok', reason: 'no commit yet: nothing to measure lag from' };
  if (current.committed < current.earliest)
    return {
      status: 'data-loss',
      reason: `committed offset ${current.committed} is below the earliest kept offset ${current.earliest}: records were deleted unread`,
    };
  if (wentBackwards(facts.track)) return { status: 'rewinding', reason: `the committed offset went back within the last ${window.length} polls` };
  const lag = effectiveLag(facts) ?? 0;
  if (lag === 0)
    return endMoved(facts.track)
      ? { status: 'ok', reason: 'caught up' }
      : { status: 'idle', reason: `caught up, and nothing new written in the last ${window.length} polls` };
  if (facts.groupHasMembers && !facts.owned) return { status: 'unassigned', reason: `${lag} messages wait and no member of the group owns this partition` };
  const waiting = pendingSince === null ? 0 : facts.now - pendingSince;
  const stoppedAfter = stoppedAfterMs(facts.commitIntervalMs, rules);
  if (waiting >= stoppedAfter)
    return { status: 'stopped', reason: `${noCommitFor(waiting)}; stopped after ${seconds(stoppedAfter)} (${stoppedRule(facts.commitIntervalMs, rules)})` };
  const stalledAfter = stalledAfterMs(facts.commitIntervalMs, rules);
  if (waiting >= stalledAfter)
    return { status: 'stalled', reason: `${noCommitFor(waiting)}; stalled after ${seconds(stalledAfter)} (${stalledRule(facts.commitIntervalMs, rules)})` };
  if (isLagging(facts.track, rules))
    return { status: 'lagging', reason: `lag above ${rules.allowedLag} messages at each of the last ${rules.windowPolls} polls, and not shrinking` };
  return { status: 'ok', reason: `${lag} messages behind, commits moving` };
}

function noCommitFor(waitingMs: number): string {
  return `no commit for ${seconds(waitingMs)} while lag waits`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** Which side of `stoppedAfterMs`'s max won, in words. */
function stoppedRule(commitIntervalMs: number | null, rules: StatusRules): string {
  const twice = 2 * (commitIntervalMs ?? 0);
  return twice >= rules.minStoppedMs
    ? `twice the group's commit interval of ${seconds(commitIntervalMs ?? 0)}`
    : `the minimum; the group's commit interval is ${commitIntervalMs === null ? 'not known yet' : seconds(commitIntervalMs)}`;
}

/** Which side of `stalledAfterMs`'s max won, in words. */
function stalledRule(commitIntervalMs: number | null, rules: StatusRules): string {
  const interval = (commitIntervalMs ?? 0) + rules.pollIntervalMs;
  return interval >= 3 * rules.pollIntervalMs
    ? `the group's commit interval of ${seconds(commitIntervalMs ?? 0)} plus one ${seconds(rules.pollIntervalMs)} poll`
    : `three ${seconds(rules.pollIntervalMs)} polls, the minimum`;
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

/** Why the group has its status: the reason of its worst partition, named, and how many more share that status. */
export function groupReason(partitions: readonly { topic: string; partition: number; status: LagStatus; statusReason: string }[]): string {
  const status = groupStatus(partitions.map((p) => p.status));
  if (partitions.length === 0) return 'no partitions: neither commits nor assignments';
  if (isHealthy(status))
    return partitions.every((p) => p.status === 'idle') ? 'every partition caught up, nothing new written' : 'every partition within the rules';
  const matching = partitions.filter((p) => p.status === status);
  const first = matching[0] as (typeof matching)[number];
  const more = matching.length > 1 ? ` (and ${matching.length - 1} more partition${matching.length > 2 ? 's' : ''})` : '';
  return `${first.topic}-${first.partition}: ${first.statusReason}${more}`;
}

/** Statuses that raise a `consumer-lag` alert (lag in seconds over the threshold raises one too). */
export const ALERTING_STATUSES: ReadonlySet<LagStatus> = new Set(['stalled', 'stopped', 'data-loss', 'unassigned']);

export function isHealthy(status: LagStatus): boolean {
  return SEVERITY[status] === 0;
}
