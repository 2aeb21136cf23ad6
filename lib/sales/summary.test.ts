import { describe, expect, it } from 'vitest';

import type { SalesPerMinute } from '../contracts/sales';

import { gapRuns, mergeSalesRows, minuteOverMinute, minuteSlots, summariseSales, supersedes, topBookstores } from './summary';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const NOW = T0 + 3 * 60_000 + 10_000;

function row(minute: number, bookstoreId: string, revenue: number, extra: Partial<SalesPerMinute> = {}): SalesPerMinute {
  return {
    windowStart: new Date(T0 + minute * 60_000).toISOString(),
    windowEnd: new Date(T0 + (minute + 1) * 60_000).toISOString(),
    bookstoreId,
    name: `${bookstoreId} Books`,
    city: bookstoreId === 'a' ? 'Springfield' : 'Shelbyville',
    state: 'Oregon',
    orders: 1,
    units: 2,
    revenue,
    final: true,
    genres: [{ genre: 'Fantasy', orders: 1, units: 2, revenue }],
    ...extra,
  };
}

describe('summariseSales', () => {
  it('adds up each minute over every bookstore, to the cent, and breaks the range down by city, state and genre', () => {
    const summary = summariseSales([row(0, 'a', 0.1), row(0, 'b', 0.2), row(1, 'a', 10.05)], 60, NOW);
    expect(summary.perMinute.map((m) => [m.orders, m.units, m.revenue, m.final])).toEqual([
      [2, 4, 0.3, true],
      [1, 2, 10.05, true],
    ]);
    expect(summary.byCity).toEqual([
      { key: 'Springfield', orders: 2, units: 4, revenue: 10.15 },
      { key: 'Shelbyville', orders: 1, units: 2, revenue: 0.2 },
    ]);
    expect(summary.byState).toEqual([{ key: 'Oregon', orders: 3, units: 6, revenue: 10.35 }]);
    expect(summary.byGenre).toEqual([{ key: 'Fantasy', orders: 3, units: 6, revenue: 10.35 }]);
  });

  it('marks a minute open while any of its bookstores is partial', () => {
    const summary = summariseSales([row(2, 'a', 5), row(2, 'b', 5, { final: false })], 60, NOW);
    expect(summary.perMinute[0]?.final).toBe(false);
  });

  it('keeps only the range, which ends at the newest data when that runs ahead of the clock', () => {
    const ahead = summariseSales([row(0, 'a', 1), row(100, 'a', 2)], 15, NOW);
    expect(ahead.to).toBe(new Date(T0 + 101 * 60_000).toISOString());
    expect(ahead.perMinute.map((m) => m.revenue)).toEqual([2]);
    const now = summariseSales([row(0, 'a', 1)], 15, NOW);
    expect(now.to).toBe(new Date(T0 + 4 * 60_000).toISOString());
  });
});

describe('live rows', () => {
  it('patch a snapshot: a new minute appears and a partial row grows', () => {
    const snapshot = summariseSales([row(0, 'a', 1), row(1, 'a', 1, { final: false })], 60, NOW);
    const merged = mergeSalesRows(snapshot, [row(1, 'a', 3, { final: false }), row(2, 'b', 4, { final: false })], NOW);
    expect(merged.perMinute.map((m) => m.revenue)).toEqual([1, 3, 4]);
  });

  it('never replace a final row with a partial one', () => {
    expect(supersedes(row(0, 'a', 5), row(0, 'a', 2, { final: false }))).toBe(false);
    expect(supersedes(row(0, 'a', 2, { final: false }), row(0, 'a', 5))).toBe(true);
    expect(supersedes(undefined, row(0, 'a', 2, { final: false }))).toBe(true);
  });
});

describe('top bookstores and change', () => {
  it('ranks stores by revenue over the range with a per-minute series', () => {
    const summary = summariseSales([row(0, 'a', 1), row(1, 'a', 2), row(1, 'b', 10)], 60, NOW);
    expect(topBookstores(summary, 5)).toEqual([
      expect.objectContaining({ bookstoreId: 'b', revenue: 10, latestRevenue: 10, series: [0, 10] }),
      expect.objectContaining({ bookstoreId: 'a', revenue: 3, latestRevenue: 2, series: [1, 2] }),
    ]);
    expect(topBookstores(summary, 1)).toHaveLength(1);
  });

  it('compares the newest closed minute with the minute right before it', () => {
    const summary = summariseSales([row(0, 'a', 10), row(1, 'a', 15), row(2, 'a', 99, { final: false })], 60, NOW);
    expect(minuteOverMinute(summary)).toMatchObject({ change: 0.5, minute: { revenue: 15 } });
    const gap = summariseSales([row(0, 'a', 10), row(2, 'a', 15)], 60, NOW);
    expect(minuteOverMinute(gap)?.change).toBeNull();
    expect(minuteOverMinute(summariseSales([], 60, NOW))).toBeUndefined();
  });
});

describe('minuteSlots and gapRuns', () => {
  const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

  it('draws minutes without any row as gaps, not zero sales, and the open minute as open', () => {
    // NOW is in minute 3: minutes 1 and 2 have no row at all (the pipeline was down), 3 is still counting.
    const slots = minuteSlots(summariseSales([row(0, 'a', 5), row(3, 'a', 2, { final: false })], 60, NOW));
    expect(slots.map((slot) => [slot.windowStart, slot.kind])).toEqual([
      [at(0), 'closed'],
      [at(1), 'gap'],
      [at(2), 'gap'],
      [at(3), 'open'],
    ]);
    expect(gapRuns(slots)).toEqual([{ from: at(1), to: at(2), minutes: 2 }]);
  });

  it('counts the minutes after the newest data as a gap up to the one before now, never the current minute itself', () => {
    // Data stops after minute 0; NOW is 10 s into minute 3, which may just not have its first row yet.
    const slots = minuteSlots(summariseSales([row(0, 'a', 5)], 60, NOW));
    expect(slots.map((slot) => slot.kind)).toEqual(['closed', 'gap', 'gap']);
    expect(gapRuns(slots)).toEqual([{ from: at(1), to: at(2), minutes: 2 }]);
  });

  it('finds no gap in an unbroken run and nothing without data', () => {
    const slots = minuteSlots(summariseSales([row(1, 'a', 5), row(2, 'b', 1), row(3, 'a', 1, { final: false })], 60, NOW));
    expect(gapRuns(slots)).toEqual([]);
    expect(minuteSlots(summariseSales([], 60, NOW))).toEqual([]);
  });

  it('separates runs split by a minute with data', () => {
    const slots = minuteSlots(summariseSales([row(0, 'a', 1), row(2, 'a', 1), row(3, 'a', 1, { final: false })], 60, NOW));
    expect(gapRuns(slots)).toEqual([{ from: at(1), to: at(1), minutes: 1 }]);
  });
});

describe('mergeSalesRows', () => {
  it('keeps what the BFF added to the snapshot, such as the currency', () => {
    const snapshot = { ...summariseSales([row(0, 'a', 1)], 60, NOW), currency: 'EUR' };
    expect(mergeSalesRows(snapshot, [row(1, 'a', 2)], NOW).currency).toBe('EUR');
  });
});
