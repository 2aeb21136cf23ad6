import type { MinuteSales, SalesBreakdown, SalesSummary } from '../api/sales';
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
export function summariseSales(rows: Iterable<SalesPerMinute>, minutes: number, now: number): SalesSummary {
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

/** A snapshot patched with live rows: what the browser does with each `sales:update` (the currency stays the snapshot's). */
export function mergeSalesRows<T extends SalesSummary>(snapshot: T, rows: readonly SalesPerMinute[], now: number): T {
  const held = new Map<string, SalesPerMinute>();
  for (const minute of snapshot.perMinute) for (const row of minute.bookstores) held.set(rowKey(row), row);
  for (const row of rows) if (supersedes(held.get(rowKey(row)), row)) held.set(rowKey(row), row);
  return { ...snapshot, ...summariseSales(held.values(), snapshot.minutes, now) };
}

/**
 * One minute of the chart: `closed` (final), `open` (still counting, a partial figure) or `gap`
 * (no row at all: nothing reached the BFF, e.g. the pipeline was down; not the same as no sales,
 * which the processor would not leave silent across every store while purchases flow).
 */
export type MinuteSlot = { windowStart: string; kind: 'closed' | 'open'; minute: MinuteSales } | { windowStart: string; kind: 'gap' };

/**
 * Every minute from the first with data to the newest: minutes with data as they are, the ones
 * between without any as gaps. Minutes after the newest data also count as gaps up to the one
 * before the current minute (the pipeline is down now); the current minute itself may simply not
 * have its first row yet, so it is never called a gap.
 */
export function minuteSlots(summary: Pick<SalesSummary, 'perMinute' | 'to'>): MinuteSlot[] {
  const byStart = new Map(summary.perMinute.map((minute) => [Date.parse(minute.windowStart), minute]));
  const first = summary.perMinute[0];
  const last = summary.perMinute.at(-1);
  if (!first || !last) return [];
  const currentMinute = Date.parse(summary.to) - MINUTE_MS;
  const end = Math.max(Date.parse(last.windowStart), currentMinute - MINUTE_MS);
  const slots: MinuteSlot[] = [];
  for (let t = Date.parse(first.windowStart); t <= end; t += MINUTE_MS) {
    const minute = byStart.get(t);
    const windowStart = new Date(t).toISOString();
    slots.push(minute ? { windowStart, kind: minute.final ? 'closed' : 'open', minute } : { windowStart, kind: 'gap' });
  }
  return slots;
}

/** Runs of consecutive gap minutes, as [first, last] window starts: what the chart shades and names. */
export function gapRuns(slots: readonly MinuteSlot[]): { from: string; to: string; minutes: number }[] {
  const runs: { from: string; to: string; minutes: number }[] = [];
  let previousWasGap = false;
  for (const slot of slots) {
    const run = runs.at(-1);
    if (slot.kind === 'gap' && previousWasGap && run) runs[runs.length - 1] = { ...run, to: slot.windowStart, minutes: run.minutes + 1 };
    else if (slot.kind === 'gap') runs.push({ from: slot.windowStart, to: slot.windowStart, minutes: 1 });
    previousWasGap = slot.kind === 'gap';
  }
  return runs;
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
export function topBookstores(summary: SalesSummary, limit: number): BookstoreTrend[] {
  const minutes = summary.perMinute;
  const stores = new Map<string, BookstoreTrend & { cents: number }>();
  minutes.forEach((minute, index) => {
    for (const row of minute.bookstores) {
      let store = stores.get(row.bookstoreId);
      if (!store) {
        store = {
          bookstoreId: row.bookstoreId,
          name: row.name,
          city: row.city,
          state: row.state,
          revenue: 0,
          cents: 0,
          orders: 0,
          latestRevenue: 0,
          series: minutes.map(() => 0),
        };
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
export function minuteOverMinute(summary: SalesSummary): { minute: MinuteSales; previous: MinuteSales | undefined; change: number | null } | undefined {
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
  return [...groupBy(items, (item) => item.key)]
    .map(([key, group]) => ({ key, ...totalsOf(group) }))
    .sort((a, b) => b.revenue - a.revenue || a.key.localeCompare(b.key));
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
