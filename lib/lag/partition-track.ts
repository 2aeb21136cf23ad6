import type { OffsetSeen } from './offset-table';
import { addOffsetSample } from './offset-table';

/** One poll's view of one partition of one group. `committed` null: no commit (Kafka's -1). */
export interface PartitionObservation {
  at: number;
  committed: number | null;
  end: number;
  earliest: number;
}

/**
 * What the lag monitor remembers of one partition of one group between polls: the sliding window
 * the status rules look at, the end-offset table for lag in seconds, and when the committed offset
 * last moved. Plain data, changed only by `observe`, so the rules are testable without a broker.
 */
export interface PartitionTrack {
  /** The last polls, oldest first; the newest is the current state. */
  window: PartitionObservation[];
  endTable: OffsetSeen[];
  /** When this BFF saw the committed offset move last (null: not since it started watching). */
  lastMoveAt: number | null;
  /** Since when the partition has had lag without its committed offset moving (null: no lag, or it moved). */
  pendingSince: number | null;
  /** The last few times the committed offset moved: the group's commit interval is read from them. */
  moveTimes: number[];
}

const MOVE_TIMES_KEPT = 12;

export function rawLag(observation: PartitionObservation): number | null {
  if (observation.committed === null) return null;
  return Math.max(0, observation.end - observation.committed);
}

/**
 * Adds one poll to the track (creating it on the first poll). The track is updated in place,
 * because the monitor keeps one per partition of every group (tens of thousands) and copying them
 * each poll would keep the garbage collector busy; the same track is returned.
 */
export function observe(track: PartitionTrack | undefined, observation: PartitionObservation, windowPolls: number): PartitionTrack {
  const current = track ?? { window: [], endTable: [], lastMoveAt: null, pendingSince: null, moveTimes: [] };
  const previous = current.window.at(-1);
  const lag = rawLag(observation) ?? 0;
  const moved = previous !== undefined && observation.committed !== null && previous.committed !== observation.committed;
  current.window.push(observation);
  if (current.window.length > windowPolls) current.window.splice(0, current.window.length - windowPolls);
  current.endTable = addOffsetSample(current.endTable, { offset: observation.end, at: observation.at });
  if (moved) {
    current.lastMoveAt = observation.at;
    // Lag left right after a commit is waiting since this poll, not since an older one.
    current.pendingSince = lag > 0 ? observation.at : null;
    current.moveTimes.push(observation.at);
    if (current.moveTimes.length > MOVE_TIMES_KEPT) current.moveTimes.shift();
  } else {
    current.pendingSince = lag > 0 ? (current.pendingSince ?? observation.at) : null;
  }
  return current;
}

/**
 * The group's commit interval as seen from outside: the median time between moves of a committed
 * offset, over all its partitions. Null until moves were seen. Seen through polls, so never
 * shorter than the poll interval.
 */
export function observedCommitIntervalMs(tracks: Iterable<PartitionTrack>): number | null {
  const gaps: number[] = [];
  for (const track of tracks) {
    for (let index = 1; index < track.moveTimes.length; index += 1) {
      const gap = (track.moveTimes[index] ?? 0) - (track.moveTimes[index - 1] ?? 0);
      if (gap > 0) gaps.push(gap);
    }
  }
  if (gaps.length === 0) return null;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? null;
}

/** Messages per second consumed and produced across the window (null with fewer than two polls). */
export function windowRates(window: readonly PartitionObservation[]): { consumeRate: number | null; produceRate: number | null } {
  const first = window[0];
  const last = window.at(-1);
  if (!first || !last || last.at <= first.at) return { consumeRate: null, produceRate: null };
  const seconds = (last.at - first.at) / 1000;
  const consumeRate = first.committed !== null && last.committed !== null ? Math.max(0, last.committed - first.committed) / seconds : null;
  return { consumeRate, produceRate: Math.max(0, last.end - first.end) / seconds };
}

/** Seconds until the consumer reaches the end at the current rates; null if it never would, 0 with no lag. */
export function catchUpSeconds(lag: number, consumeRate: number | null, produceRate: number | null): number | null {
  if (lag <= 0) return 0;
  if (consumeRate === null || produceRate === null || consumeRate <= produceRate) return null;
  return lag / (consumeRate - produceRate);
}
