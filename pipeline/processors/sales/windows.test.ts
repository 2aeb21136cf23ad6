import { describe, expect, it } from 'vitest';

import { parseMessage } from '@/lib/contracts/parse';
import { purchaseSchema } from '@/lib/contracts/sales';

import { purchaseEventTime, saleLine } from './purchase-line';
import type { SaleLine, StoreRef } from './windows';
import { SalesWindows, WINDOW_MS, revenueCents, salesKey } from './windows';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
const WALL = 1_000_000;
const LATENESS = 30_000;
const STORE: StoreRef = { bookstoreId: 'store-a', name: 'A Books', city: 'Springfield', state: 'Oregon' };

function line(eventTime: number, quantity = 1, unitPrice = 10, store = STORE): SaleLine {
  return { eventTime, store, genre: 'Fantasy', quantity, revenueCents: revenueCents(quantity, unitPrice) };
}

function windows(): SalesWindows {
  return new SalesWindows({ allowedLatenessMs: LATENESS, idlePartitionMs: 15_000 });
}

/** What the processor does with one purchase: advance the watermark, then count it or call it late. */
function offer(w: SalesWindows, sale: SaleLine, partition = 0, now = WALL): 'counted' | 'too-late' {
  w.observe(partition, sale.eventTime, now);
  if (w.isTooLate(sale.eventTime, now)) return 'too-late';
  w.add(sale);
  return 'counted';
}

describe('SalesWindows', () => {
  it('a late event inside the allowed lateness updates its minute', () => {
    const w = windows();
    expect(offer(w, line(T0 + 50_000, 2, 10))).toBe('counted');
    expect(offer(w, line(T0 + WINDOW_MS + 20_000))).toBe('counted'); // next minute, watermark at 1:20
    expect(offer(w, line(T0 + 59_000, 3, 5))).toBe('counted'); // 21 s late: within 30 s
    expect(w.collect(WALL, false).finals).toEqual([]);
    offer(w, line(T0 + WINDOW_MS + LATENESS)); // watermark reaches end + lateness
    const { finals } = w.collect(WALL, false);
    expect(finals).toHaveLength(1);
    expect(finals[0]).toMatchObject({ windowStart: new Date(T0).toISOString(), orders: 2, units: 5, revenue: 35, final: true });
  });

  it('an event beyond the allowed lateness is reported too late and changes nothing', () => {
    const w = windows();
    offer(w, line(T0 + 10_000));
    offer(w, line(T0 + WINDOW_MS + LATENESS + 1_000));
    const closed = w.collect(WALL, false).finals;
    expect(closed).toHaveLength(1);
    expect(offer(w, line(T0 + 30_000, 5, 75))).toBe('too-late');
    expect(w.collect(WALL, true)).toEqual({ finals: [], partials: [expect.objectContaining({ windowStart: new Date(T0 + WINDOW_MS).toISOString(), final: false })] });
  });

  it('a window closes exactly once, however often it is collected', () => {
    const w = windows();
    offer(w, line(T0 + 1_000));
    offer(w, line(T0 + 5 * WINDOW_MS));
    const finals = [w.collect(WALL, true), w.collect(WALL + 1, true), w.collect(WALL + 2, false)].flatMap((r) => r.finals);
    expect(finals.filter((row) => row.windowStart === new Date(T0).toISOString())).toHaveLength(1);
  });

  it('writes partial results of open minutes only for stores that changed since the last one', () => {
    const w = windows();
    const b: StoreRef = { ...STORE, bookstoreId: 'store-b' };
    offer(w, line(T0 + 1_000));
    offer(w, line(T0 + 2_000, 1, 10, b));
    expect(w.collect(WALL, true).partials.map((row) => row.bookstoreId).sort()).toEqual(['store-a', 'store-b']);
    offer(w, line(T0 + 3_000, 1, 10, b));
    const partials = w.collect(WALL, true).partials;
    expect(partials).toEqual([expect.objectContaining({ bookstoreId: 'store-b', orders: 2, final: false })]);
    expect(salesKey(partials[0] ?? { bookstoreId: '', windowStart: '' })).toBe(`store-b|${new Date(T0).toISOString()}`);
  });

  it('keeps the watermark at the slowest partition, so a partition read ahead makes nobody late', () => {
    const w = windows();
    w.expectPartitions([0, 1], WALL);
    offer(w, line(T0 + 10 * WINDOW_MS), 0);
    expect(w.collect(WALL, false).finals).toEqual([]);
    expect(offer(w, line(T0 + 1_000), 1)).toBe('counted');
    offer(w, line(T0 + 10 * WINDOW_MS), 1);
    expect(w.collect(WALL, false).finals.map((row) => row.windowStart)).toContain(new Date(T0).toISOString());
  });

  it('stops waiting for a silent partition, and closes the last minutes when every partition is quiet', () => {
    const w = windows();
    w.expectPartitions([0, 1], WALL);
    offer(w, line(T0 + 1_000), 0);
    expect(w.collect(WALL + 10_000, false).finals).toEqual([]);
    // Partition 1 never delivered; partition 0 went quiet too: event time runs on at wall speed.
    expect(w.collect(WALL + 80_000, false).finals).toHaveLength(0);
    expect(w.collect(WALL + 100_000, false).finals).toHaveLength(1);
  });

  it('holds a minute open while a purchase waits for its store, then counts it', () => {
    const w = windows();
    offer(w, line(T0 + 1_000));
    w.hold(T0 + 2_000);
    offer(w, line(T0 + 5 * WINDOW_MS));
    expect(w.collect(WALL, false).finals.filter((row) => row.windowStart === new Date(T0).toISOString())).toEqual([]);
    w.add(line(T0 + 2_000, 4, 20));
    w.release(T0 + 2_000);
    expect(w.collect(WALL, false).finals).toContainEqual(expect.objectContaining({ windowStart: new Date(T0).toISOString(), orders: 2, units: 5, revenue: 90 }));
  });

  it('adds money in cents, so decimal prices sum exactly', () => {
    const w = windows();
    for (let i = 0; i < 10; i++) offer(w, line(T0 + i, 1, 0.1));
    offer(w, line(T0 + 3, 3, 42.99));
    offer(w, line(T0 + 5 * WINDOW_MS));
    expect(w.collect(WALL, false).finals[0]?.revenue).toBe(129.97);
  });
});

describe('purchase lines', () => {
  const now = T0 + 60_000;
  const purchase = (timestamp: string | number) => {
    const parsed = parseMessage(purchaseSchema, JSON.stringify({ book_id: 'b1', bookstore_id: 'store-a', customer: 'jdoe', quantity: '3', unit_price: '42', timestamp }));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.value;
  };

  it('reads string numbers and all three timestamp forms into the same minute', () => {
    const forms = ['Sun Nov 22 14:00:27 UTC 2026', 'Sun Nov 22 06:00:27 PST 2026', '2026-11-22T14:00:27.000Z', String(T0 + 27_000), T0 + 27_000];
    for (const form of forms) {
      const p = purchase(form);
      const time = purchaseEventTime(p, now);
      expect(time).toEqual({ ok: true, value: T0 + 27_000 });
      expect(saleLine(p, T0 + 27_000, STORE, { title: 't', genre: 'Horror', author: 'a' })).toMatchObject({ quantity: 3, revenueCents: 12_600, genre: 'Horror' });
    }
  });

  it('rejects unreadable and implausible times with a reason', () => {
    expect(purchaseEventTime(purchase('soon'), now)).toMatchObject({ ok: false, reason: expect.stringMatching(/^timestamp: /) });
    expect(purchaseEventTime(purchase('3026-01-01T00:00:00Z'), now)).toMatchObject({ ok: false, reason: expect.stringMatching(/^implausible-timestamp: /) });
    expect(purchaseEventTime(purchase('Sat Jan 01 00:00:00 UTC 1994'), now)).toMatchObject({ ok: false, reason: expect.stringMatching(/^implausible-timestamp: /) });
  });

  it('counts a purchase of an unknown book under the genre "unknown"', () => {
    expect(saleLine(purchase(T0), T0, STORE, undefined).genre).toBe('unknown');
  });
});
