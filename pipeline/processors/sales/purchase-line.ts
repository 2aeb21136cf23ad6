import type { ParseResult } from '@/lib/contracts/parse';
import type { Book, Bookstore, Purchase } from '@/lib/contracts/sales';
import { UNKNOWN_BOOKSTORE_ID } from '@/lib/contracts/sales';
import { parseEventTime } from '@/lib/contracts/timestamps';

import type { SaleLine, StoreRef } from './windows';
import { revenueCents } from './windows';

/**
 * Bounds of a believable purchase time. A year-3000 timestamp would drag the watermark forward
 * and make every honest purchase after it "too late", so it is rejected instead. The future bound
 * is a day, not minutes, because the simulator's speed-up runs event time ahead of the wall clock.
 */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const MAX_AHEAD_MS = 24 * 3_600_000;

export const UNKNOWN_STORE: StoreRef = { bookstoreId: UNKNOWN_BOOKSTORE_ID, name: 'Unknown store', city: 'unknown', state: 'unknown' };

export function purchaseEventTime(purchase: Purchase, now: number): ParseResult<number> {
  const parsed = parseEventTime(purchase.timestamp);
  if (!parsed.ok) return parsed;
  if (parsed.value < EARLIEST_MS || parsed.value > now + MAX_AHEAD_MS) {
    return { ok: false, reason: `implausible-timestamp: ${new Date(parsed.value).toISOString()} is before 2000 or more than a day ahead` };
  }
  return parsed;
}

export function storeRef(bookstoreId: string, bookstore: Bookstore): StoreRef {
  return { bookstoreId, name: bookstore.name, city: bookstore.city, state: bookstore.state };
}

export function saleLine(purchase: Purchase, eventTime: number, store: StoreRef, book: Book | undefined): SaleLine {
  return {
    eventTime,
    store,
    genre: book?.genre ?? 'unknown',
    quantity: purchase.quantity,
    revenueCents: revenueCents(purchase.quantity, purchase.unit_price),
  };
}
