import type { MinuteSales, SalesBreakdown, SalesResponse } from '../api/sales';
import type { SalesPerMinute } from '../contracts/sales';

const MINUTE_MS = 60_000;

/** The key of the processor's output: one row per bookstore and minute. */
export function rowKey(row: Pick<SalesPerMinute, 'bookstoreId' | 'windowStart'>): string {
  return `${row.bookstoreId}|${row.windowStart}`;
}

/**
 * Whether an incoming row replaces the one held. A final row is the complete answer for its
 * minute; a partial one arriving after it (a processor recomputing after a restart) would show a
 * lower figure until the new final, so it is ignored.
 */
export function supersedes(held: SalesPerMinute | undefined, incoming: SalesPerMinute): boolean {
  return !held || !held.final || incoming.final;
}

/** The end of the range: the newest minute with data, or the current minute if that is later (a simulator's speed-up runs ahead). */
export function rangeEnd(rows: Iterable<SalesPerMinute>, now: number): number {
  let end = Math.floor(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  for (const row of rows) end = Math.max(end, Date.parse(row.windowEnd));
  return end;
}

/** Per-minute totals and breakdowns of the last `minutes`; money is added in cents so every sum is exact. */
export function summariseSales(rows: Iterable<SalesPerMinute>, minutes: number, now: number): SalesResponse {
  const all = [...rows];
  const to = rangeEnd(all, now);
  const from = to - minutes * MINUTE_MS;
  const inRange = all.filter((row) => Date.parse(row.windowStart) >= from);
  const perMinute = [...groupBy(inRange, (row) => row.windowStart).values()].map(minuteOf).sort((a, b) => a.windowStart.localeCompare(b.windowStart));
  return {
    minutes,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    perMinute,
    byCity: breakdown(inRange.map((row) => ({ key: row.city, ...row }))),
    byState: breakdown(inRange.map((row) => ({ key: row.state, ...row }))),
    byGenre: breakdown(inRange.flatMap((row) => (row.genres ?? []).map((genre) => ({ key: genre.genre, ...genre })))),
    serverTime: now,
  };
}

/** A snapshot patched with live rows: what the browser does with each `sales:update`. */
export function mergeSalesRows(snapshot: SalesResponse, rows: readonly SalesPerMinute[], now: number): SalesResponse {
  const held = new Map<string, SalesPerMinute>();
  for (const minute of snapshot.perMinute) for (const row of minute.bookstores) held.set(rowKey(row), row);
  for (const row of rows) if (supersedes(held.get(rowKey(row)), row)) held.set(rowKey(row), row);
  return summariseSales(held.values(), snapshot.minutes, now);
}

export interface BookstoreTrend {
  bookstoreId: string;
  name: string;
  city: string;
  state: string;
  /** Revenue over the whole range. */
  revenue: number;
  orders: number;
  /** Revenue in the newest minute of the range (open or closed). */
  latestRevenue: number;
  /** Revenue per minute of the range, oldest first, 0 where the store sold nothing. */
  series: number[];
}

/** The best-selling bookstores of the range, with their per-minute revenue for a sparkline. */
export function topBookstores(summary: SalesResponse, limit: number): BookstoreTrend[] {
  const minutes = summary.perMinute;
  const stores = new Map<string, BookstoreTrend & { cents: number }>();
  minutes.forEach((minute, index) => {
    for (const row of minute.bookstores) {
      let store = stores.get(row.bookstoreId);
      if (!store) {
        store = { bookstoreId: row.bookstoreId, name: row.name, city: row.city, state: row.state, revenue: 0, cents: 0, orders: 0, latestRevenue: 0, series: minutes.map(() => 0) };
        stores.set(row.bookstoreId, store);
      }
      store.cents += cents(row.revenue);
      store.orders += row.orders;
      store.series[index] = row.revenue;
      if (index === minutes.length - 1) store.latestRevenue = row.revenue;
    }
  });
  return [...stores.values()]
    .sort((a, b) => b.cents - a.cents || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ cents: total, ...store }) => ({ ...store, revenue: total / 100 }));
}

/** Change of a closed minute's revenue against the minute before it, as a fraction (null without a base). */
export function minuteOverMinute(summary: SalesResponse): { minute: MinuteSales; previous: MinuteSales | undefined; change: number | null } | undefined {
  const closed = summary.perMinute.filter((minute) => minute.final);
  const minute = closed.at(-1);
  if (!minute) return undefined;
  const previous = closed.at(-2);
  const adjacent = previous && Date.parse(previous.windowEnd) === Date.parse(minute.windowStart) ? previous : undefined;
  const base = adjacent?.revenue ?? 0;
  return { minute, previous: adjacent, change: adjacent && base > 0 ? (minute.revenue - base) / base : null };
}

function minuteOf(rows: SalesPerMinute[]): MinuteSales {
  const first = rows[0];
  const sum = totalsOf(rows);
  return {
    windowStart: first?.windowStart ?? '',
    windowEnd: first?.windowEnd ?? '',
    ...sum,
    final: rows.every((row) => row.final),
    bookstores: [...rows].sort((a, b) => b.revenue - a.revenue || a.bookstoreId.localeCompare(b.bookstoreId)),
  };
}

function breakdown(items: readonly { key: string; orders: number; units: number; revenue: number }[]): SalesBreakdown[] {
  return [...groupBy(items, (item) => item.key)].map(([key, group]) => ({ key, ...totalsOf(group) })).sort((a, b) => b.revenue - a.revenue || a.key.localeCompare(b.key));
}

function totalsOf(items: readonly { orders: number; units: number; revenue: number }[]): { orders: number; units: number; revenue: number } {
  let orders = 0;
  let units = 0;
  let revenueCents = 0;
  for (const item of items) {
    orders += item.orders;
    units += item.units;
    revenueCents += cents(item.revenue);
  }
  return { orders, units, revenue: revenueCents / 100 };
}

function cents(amount: number): number {
  return Math.round(amount * 100);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
