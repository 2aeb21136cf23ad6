import { describe, expect, it } from 'vitest';

import { findGaps, splitAtGaps, usualSpacing, withBreaks } from './series-gaps';

const T0 = Date.UTC(2026, 11, 3, 14, 0, 0);
const S = 1_000;
const H = 3_600_000;
/** Ten readings a second apart, two hours of nothing, ten more. */
const TIMES = [...Array.from({ length: 10 }, (_, i) => T0 + i * S), ...Array.from({ length: 10 }, (_, i) => T0 + 9 * S + 2 * H + i * S)];
const POINTS = TIMES.map((ts, i) => ({ ts, value: i }));

describe('usualSpacing', () => {
  it('is the median step, so one long gap does not move it, and ignores repeated times', () => {
    expect(usualSpacing(TIMES)).toBe(S);
    expect(usualSpacing([T0, T0, T0 + 2 * S, T0 + 4 * S])).toBe(2 * S);
  });

  it('is undefined without two distinct times', () => {
    expect(usualSpacing([])).toBeUndefined();
    expect(usualSpacing([T0])).toBeUndefined();
    expect(usualSpacing([T0, T0])).toBeUndefined();
  });
});

describe('findGaps', () => {
  it('finds the two hours the demo was down, from the last reading before to the first after', () => {
    expect(findGaps(TIMES)).toEqual([{ from: T0 + 9 * S, to: T0 + 9 * S + 2 * H }]);
  });

  it('takes a step up to 5 times the usual spacing for a slower report, not a gap', () => {
    const uneven = [T0, T0 + S, T0 + 2 * S, T0 + 7 * S, T0 + 8 * S, T0 + 14 * S, T0 + 15 * S];
    expect(findGaps(uneven)).toEqual([{ from: T0 + 8 * S, to: T0 + 14 * S }]);
  });

  it('scales with the series: a route thinned to a point a minute breaks only at a longer silence', () => {
    const thinned = [0, 1, 2, 3, 4, 10, 11, 12].map((minute) => T0 + minute * 60 * S);
    expect(findGaps(thinned)).toEqual([{ from: T0 + 4 * 60 * S, to: T0 + 10 * 60 * S }]);
    expect(findGaps([0, 1, 2, 3, 4, 8, 9].map((minute) => T0 + minute * 60 * S))).toEqual([]);
  });

  it('finds none in a series too short to have a usual spacing', () => {
    expect(findGaps([])).toEqual([]);
    expect(findGaps([T0, T0 + H])).toEqual([]);
  });
});

describe('splitAtGaps', () => {
  it('splits the points into the runs on either side of each gap', () => {
    const runs = splitAtGaps(POINTS, findGaps(TIMES));
    expect(runs.map((run) => run.length)).toEqual([10, 10]);
    expect(runs[1]?.[0]?.ts).toBe(T0 + 9 * S + 2 * H);
  });

  it('keeps one run without gaps, and none without points', () => {
    expect(splitAtGaps(POINTS.slice(0, 10), [])).toEqual([POINTS.slice(0, 10)]);
    expect(splitAtGaps([], [])).toEqual([]);
  });
});

describe('withBreaks', () => {
  it('puts one null point in the middle of each gap and keeps every point', () => {
    const broken = withBreaks(POINTS, findGaps(TIMES), (ts) => ({ ts, value: null }));
    expect(broken).toHaveLength(21);
    expect(broken[10]).toEqual({ ts: T0 + 9 * S + H, value: null });
    expect(broken.filter((point) => point.value !== null)).toEqual(POINTS);
  });
});
