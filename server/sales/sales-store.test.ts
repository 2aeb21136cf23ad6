import { describe, expect, it } from 'vitest';

import type { SalesPerMinute } from '@/lib/contracts/sales';

import { SalesStore } from './sales-store';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);

function row(minute: number, bookstoreId: string, revenue: number, final = true): SalesPerMinute {
  return {
    windowStart: new Date(T0 + minute * 60_000).toISOString(),
    windowEnd: new Date(T0 + (minute + 1) * 60_000).toISOString(),
    bookstoreId,
    name: bookstoreId,
    city: 'c',
    state: 's',
    orders: 1,
    units: 1,
    revenue,
    final,
  };
}

describe('SalesStore', () => {
  it('keeps the latest row per bookstore and minute, and hands out each change once, latest value', () => {
    const store = new SalesStore();
    store.apply(row(0, 'a', 1, false));
    store.apply(row(0, 'a', 2, false));
    store.apply(row(0, 'b', 3));
    expect(store.takeChanges().map((r) => [r.bookstoreId, r.revenue])).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
    expect(store.takeChanges()).toEqual([]);
    expect(store.summary(60, T0).perMinute[0]?.revenue).toBe(5);
  });

  it('ignores a partial row for a minute it holds as final', () => {
    const store = new SalesStore();
    store.apply(row(0, 'a', 5));
    store.takeChanges();
    store.apply(row(0, 'a', 1, false));
    expect(store.takeChanges()).toEqual([]);
    expect(store.summary(60, T0).perMinute[0]?.revenue).toBe(5);
  });

  it('drops rows older than 24 h before the newest data, and the oldest beyond its cap', () => {
    const store = new SalesStore(3);
    store.apply(row(0, 'a', 1));
    store.apply(row(24 * 60 + 1, 'a', 1));
    store.prune(T0);
    expect(store.size).toBe(1);
    for (let minute = 24 * 60 + 2; minute < 24 * 60 + 6; minute++) store.apply(row(minute, 'a', 1));
    store.prune(T0);
    expect(store.size).toBe(3);
    expect(store.recent(2, T0).map((r) => r.windowStart)).toEqual([
      new Date(T0 + (24 * 60 + 4) * 60_000).toISOString(),
      new Date(T0 + (24 * 60 + 5) * 60_000).toISOString(),
    ]);
  });
});
