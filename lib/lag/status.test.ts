import { describe, expect, it } from 'vitest';

import type { LagStatus } from './api';
import type { PartitionObservation, PartitionTrack } from './partition-track';
import { catchUpSeconds, observe, observedCommitIntervalMs, windowRates } from './partition-track';
import type { PartitionFacts, StatusRules } from './status';
import { effectiveLag, evaluatePartition, groupReason, groupStatus, judgePartition, stalledAfterMs, stoppedAfterMs } from './status';

const RULES: StatusRules = { allowedLag: 100, pollIntervalMs: 5_000, windowPolls: 6, minStoppedMs: 30_000 };

/** Feeds one observation per poll (5 s apart from t=0) and returns the track. */
function track(polls: [committed: number | null, end: number, earliest?: number][]): PartitionTrack {
  return polls.reduce<PartitionTrack | undefined>((acc, [committed, end, earliest = 0], index) => {
    const observation: PartitionObservation = { at: index * 5_000, committed, end, earliest };
    return observe(acc, observation, RULES.windowPolls);
  }, undefined) as PartitionTrack;
}

function status(polls: [number | null, number, number?][], facts: Partial<Omit<PartitionFacts, 'track'>> = {}): LagStatus {
  const t = track(polls);
  return evaluatePartition(
    { track: t, owned: true, groupHasMembers: true, markerOnly: false, commitIntervalMs: 5_000, now: t.window.at(-1)?.at ?? 0, ...facts },
    RULES,
  );
}

/** n polls of a consumer keeping up with a producer writing `rate` per poll, `behind` messages behind. */
function steady(n: number, rate: number, behind: number, start = 1_000): [number, number][] {
  return Array.from({ length: n }, (_, i) => [start + i * rate - behind, start + i * rate]);
}

describe('partition status', () => {
  it('is ok for a consumer that keeps up', () => {
    expect(status(steady(10, 500, 50))).toBe('ok');
  });

  it('shows "no commit" partitions as ok, never as a huge lag', () => {
    const t = track([
      [null, 5_000],
      [null, 6_000],
    ]);
    expect(effectiveLag({ track: t, markerOnly: false })).toBeNull();
    expect(
      status([
        [null, 5_000],
        [null, 6_000],
      ]),
    ).toBe('ok');
  });

  it('is idle, never an alarm, when nothing new arrives and the consumer has read it all', () => {
    expect(
      status([
        [500, 500],
        [500, 500],
        [500, 500],
        [500, 500],
        [500, 500],
        [500, 500],
        [500, 500],
        [500, 500],
        [500, 500],
      ]),
    ).toBe('idle');
  });

  it('never calls a quiet topic stopped, even hours after the last commit', () => {
    const quiet: [number, number][] = Array.from({ length: 800 }, () => [700, 700]);
    expect(status(quiet, { now: 800 * 5_000 })).toBe('idle');
  });

  it('gives a consumer on a topic that wakes up time to read before calling it stalled', () => {
    const polls: [number, number][] = [...Array.from({ length: 100 }, (): [number, number] => [700, 700]), [700, 800]];
    expect(status(polls)).toBe('ok');
  });

  it('does not count a lag of 1 left by a transaction marker', () => {
    const polls: [number, number][] = Array.from({ length: 20 }, () => [999, 1_000]);
    expect(status(polls, { markerOnly: true })).toBe('idle');
    expect(status(polls, { markerOnly: false })).toBe('stopped');
  });

  it('is stalled when the committed offset stands still with lag, then stopped after max(2 x commit interval, 30 s)', () => {
    // Committed stops at 1000 from poll 2 on while the producer goes on.
    const polls = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [Math.min(i, 2) * 500, i * 500 + 100]);
    expect(status(polls(3))).toBe('ok');
    // 15 s (3 polls) of lag without a move: stalled.
    expect(status(polls(6))).toBe('stalled');
    expect(status(polls(8))).toBe('stalled');
    // 30 s without a move: stopped.
    expect(status(polls(9))).toBe('stopped');
    // A group that commits only every 25 s is stalled after 30 s and stopped after 50 s.
    expect(status(polls(8), { commitIntervalMs: 25_000 })).toBe('ok');
    expect(status(polls(9), { commitIntervalMs: 25_000 })).toBe('stalled');
    expect(status(polls(12), { commitIntervalMs: 25_000 })).toBe('stalled');
    expect(status(polls(13), { commitIntervalMs: 25_000 })).toBe('stopped');
  });

  it('computes the stalled and stopped thresholds from the commit interval', () => {
    expect(stalledAfterMs(null, RULES)).toBe(15_000);
    expect(stalledAfterMs(20_000, RULES)).toBe(25_000);
    expect(stoppedAfterMs(3_000, RULES)).toBe(30_000);
    expect(stoppedAfterMs(60_000, RULES)).toBe(120_000);
  });

  it('is lagging when the lag stays above the allowed amount and does not shrink across the window', () => {
    const growing: [number, number][] = Array.from({ length: 6 }, (_, i) => [i * 100, 1_000 + i * 200]);
    expect(status(growing)).toBe('lagging');
    const shrinking: [number, number][] = Array.from({ length: 6 }, (_, i) => [i * 300, 1_000 + i * 200]);
    expect(status(shrinking)).toBe('ok');
    // Not a full window yet: not enough to judge.
    expect(status(growing.slice(0, 5))).toBe('ok');
    // Lag within the allowed amount is fine however it trends.
    expect(status(Array.from({ length: 6 }, (_, i): [number, number] => [i * 100, 50 + i * 110]))).toBe('ok');
  });

  it('is rewinding when the committed offset goes backwards within the window', () => {
    expect(
      status([
        [500, 600],
        [600, 700],
        [200, 800],
        [300, 900],
      ]),
    ).toBe('rewinding');
    expect(
      status([
        [500, 600],
        [600, 700],
        [200, 800],
        [800, 900],
        [950, 1_000],
        [1_050, 1_100],
        [1_150, 1_200],
        [1_250, 1_300],
        [1_350, 1_400],
      ]),
    ).toBe('ok');
  });

  it('is data loss when the committed offset is below the earliest offset still kept', () => {
    expect(
      status([
        [100, 1_000, 50],
        [100, 1_100, 400],
      ]),
    ).toBe('data-loss');
  });

  it('is unassigned when it has lag and no member of a live group owns it', () => {
    expect(
      status(
        [
          [100, 300],
          [200, 400],
        ],
        { owned: false },
      ),
    ).toBe('unassigned');
    expect(
      status(
        [
          [400, 400],
          [400, 400],
        ],
        { owned: false },
      ),
    ).toBe('idle');
    // A group with no members at all is judged by its commits: stalled, then stopped.
    expect(
      status(
        [
          [100, 300],
          [100, 400],
          [100, 500],
          [100, 600],
          [100, 700],
        ],
        { owned: false, groupHasMembers: false },
      ),
    ).toBe('stalled');
  });
});

describe('status reasons', () => {
  function reason(polls: [number | null, number, number?][], facts: Partial<Omit<PartitionFacts, 'track'>> = {}): string {
    const t = track(polls);
    return judgePartition(
      { track: t, owned: true, groupHasMembers: true, markerOnly: false, commitIntervalMs: 5_000, now: t.window.at(-1)?.at ?? 0, ...facts },
      RULES,
    ).reason;
  }
  const stuck = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [Math.min(i, 2) * 500, i * 500 + 100]);

  it('names the wait and the threshold the stalled and stopped rules compared, and which side of each rule won', () => {
    expect(reason(stuck(6))).toBe('no commit for 15 s while lag waits; stalled after 15 s (three 5 s polls, the minimum)');
    expect(reason(stuck(9))).toBe("no commit for 30 s while lag waits; stopped after 30 s (the minimum; the group's commit interval is 5 s)");
    expect(reason(stuck(9), { commitIntervalMs: 25_000 })).toBe(
      "no commit for 30 s while lag waits; stalled after 30 s (the group's commit interval of 25 s plus one 5 s poll)",
    );
    expect(reason(stuck(13), { commitIntervalMs: 25_000 })).toBe(
      "no commit for 50 s while lag waits; stopped after 50 s (twice the group's commit interval of 25 s)",
    );
  });

  it('agrees with the status for every rule', () => {
    const growing: [number, number][] = Array.from({ length: 6 }, (_, i) => [i * 100, 1_000 + i * 200]);
    expect(reason(growing)).toBe('lag above 100 messages at each of the last 6 polls, and not shrinking');
    expect(
      reason([
        [100, 1_000, 50],
        [100, 1_100, 400],
      ]),
    ).toMatch(/^committed offset 100 is below the earliest kept offset 400/);
    expect(
      reason(
        [
          [100, 300],
          [200, 400],
        ],
        { owned: false },
      ),
    ).toBe('200 messages wait and no member of the group owns this partition');
    expect(
      reason([
        [500, 500],
        [500, 500],
      ]),
    ).toBe('caught up, and nothing new written in the last 2 polls');
    expect(reason([[null, 5_000]])).toMatch(/^no commit yet/);
  });

  it("gives the group its worst partition's reason, naming it and how many more share the status", () => {
    const p = (partition: number, status: LagStatus, statusReason = `reason ${partition}`) => ({ topic: 't', partition, status, statusReason });
    expect(groupReason([p(0, 'ok'), p(1, 'stopped'), p(2, 'stopped'), p(3, 'stalled')])).toBe('t-1: reason 1 (and 1 more partition)');
    expect(groupReason([p(0, 'idle'), p(1, 'idle')])).toBe('every partition caught up, nothing new written');
    expect(groupReason([p(0, 'ok'), p(1, 'idle')])).toBe('every partition within the rules');
  });
});

describe('group roll-up and rates', () => {
  it('takes the worst partition; idle counts as ok', () => {
    expect(groupStatus(['ok', 'idle', 'lagging'])).toBe('lagging');
    expect(groupStatus(['idle', 'idle'])).toBe('ok');
    expect(groupStatus(['stalled', 'stopped', 'unassigned'])).toBe('stopped');
    expect(groupStatus(['stopped', 'data-loss'])).toBe('data-loss');
    expect(groupStatus([])).toBe('ok');
  });

  it('reads the commit interval as the median gap between moves', () => {
    const a = track(steady(6, 100, 10));
    expect(a.moveTimes).toEqual([5_000, 10_000, 15_000, 20_000, 25_000]);
    expect(observedCommitIntervalMs([a])).toBe(5_000);
    expect(
      observedCommitIntervalMs([
        track([
          [1, 1],
          [1, 1],
        ]),
      ]),
    ).toBeNull();
  });

  it('computes consume and produce rates and the time to catch up', () => {
    const t = track(Array.from({ length: 6 }, (_, i): [number, number] => [i * 300, 1_000 + i * 200]));
    expect(windowRates(t.window)).toEqual({ consumeRate: 60, produceRate: 40 });
    expect(catchUpSeconds(1_000, 60, 40)).toBe(50);
    expect(catchUpSeconds(1_000, 40, 60)).toBeNull();
    expect(catchUpSeconds(0, 0, 0)).toBe(0);
  });
});
