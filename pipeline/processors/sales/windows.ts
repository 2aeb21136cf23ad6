import type { GenreSales, SalesPerMinute } from '@/lib/contracts/sales';

export const WINDOW_MS = 60_000;

export interface StoreRef {
  bookstoreId: string;
  name: string;
  city: string;
  state: string;
}

/** One purchase, parsed and joined: what a window adds up. Money in cents, so sums are exact. */
export interface SaleLine {
  eventTime: number;
  store: StoreRef;
  genre: string;
  quantity: number;
  revenueCents: number;
}

export interface WindowingOptions {
  /** How far behind the watermark an event may be and still count in its minute. */
  allowedLatenessMs: number;
  /** A partition silent this long (wall time) stops holding the watermark back. */
  idlePartitionMs: number;
}

interface Totals {
  orders: number;
  units: number;
  revenueCents: number;
}

interface StoreWindow {
  store: StoreRef;
  totals: Totals;
  genres: Map<string, Totals>;
}

interface WindowState {
  start: number;
  stores: Map<string, StoreWindow>;
  /** Stores changed since the last partial result. */
  dirty: Set<string>;
  /** Purchases waiting for their bookstore: the window may not close before they are counted. */
  holds: number;
}

interface PartitionProgress {
  maxEventTime: number;
  lastSeenAt: number;
}

export function windowStartOf(eventTime: number): number {
  return Math.floor(eventTime / WINDOW_MS) * WINDOW_MS;
}

/**
 * One-minute tumbling windows on event time. The watermark is the smallest of the partitions'
 * newest event times, because purchases are keyed by purchase id: a store's sales spread over
 * every partition, and one partition read ahead of the others (catching up after a restart) must
 * not make the others' events look late. A partition silent for `idlePartitionMs` stops holding
 * it back; when every partition is silent, event time is assumed to run on at wall speed, so the
 * last minutes still close. The watermark never goes back. A window closes, exactly once, when
 * the watermark passes its end plus the allowed lateness and no purchase is waiting for its store.
 */
export class SalesWindows {
  private readonly partitions = new Map<number, PartitionProgress>();
  private readonly windows = new Map<number, WindowState>();
  private watermarkMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WindowingOptions) {}

  /** Partitions that hold data at start: the watermark waits for them (up to the idle time). */
  expectPartitions(partitions: readonly number[], now: number): void {
    for (const partition of partitions) {
      if (!this.partitions.has(partition)) this.partitions.set(partition, { maxEventTime: Number.NEGATIVE_INFINITY, lastSeenAt: now });
    }
  }

  observe(partition: number, eventTime: number, now: number): void {
    const progress = this.partitions.get(partition);
    if (progress) {
      progress.maxEventTime = Math.max(progress.maxEventTime, eventTime);
      progress.lastSeenAt = now;
    } else this.partitions.set(partition, { maxEventTime: eventTime, lastSeenAt: now });
  }

  watermark(now: number): number {
    this.watermarkMs = Math.max(this.watermarkMs, this.candidateWatermark(now));
    return this.watermarkMs;
  }

  /** Too late: its minute ended more than the allowed lateness before the watermark. */
  isTooLate(eventTime: number, now: number): boolean {
    return windowStartOf(eventTime) + WINDOW_MS + this.options.allowedLatenessMs <= this.watermark(now);
  }

  add(line: SaleLine): void {
    const window = this.windowAt(line.eventTime);
    let entry = window.stores.get(line.store.bookstoreId);
    if (!entry) {
      entry = { store: line.store, totals: zero(), genres: new Map() };
      window.stores.set(line.store.bookstoreId, entry);
    }
    addTo(entry.totals, line);
    const genre = entry.genres.get(line.genre) ?? zero();
    addTo(genre, line);
    entry.genres.set(line.genre, genre);
    window.dirty.add(line.store.bookstoreId);
  }

  hold(eventTime: number): void {
    this.windowAt(eventTime).holds += 1;
  }

  release(eventTime: number): void {
    const window = this.windows.get(windowStartOf(eventTime));
    if (window) window.holds = Math.max(0, window.holds - 1);
  }

  get openWindows(): number {
    return this.windows.size;
  }

  /** Final rows of every window that closes now (removed, so never again), and optionally partial rows of the open ones. */
  collect(now: number, withPartials: boolean): { finals: SalesPerMinute[]; partials: SalesPerMinute[] } {
    const watermark = this.watermark(now);
    const finals: SalesPerMinute[] = [];
    const partials: SalesPerMinute[] = [];
    for (const window of [...this.windows.values()].sort((a, b) => a.start - b.start)) {
      if (window.start + WINDOW_MS + this.options.allowedLatenessMs <= watermark && window.holds === 0) {
        for (const entry of window.stores.values()) finals.push(toRow(window.start, entry, true));
        this.windows.delete(window.start);
      } else if (withPartials) {
        for (const id of window.dirty) {
          const entry = window.stores.get(id);
          if (entry) partials.push(toRow(window.start, entry, false));
        }
        window.dirty.clear();
      }
    }
    return { finals, partials };
  }

  private candidateWatermark(now: number): number {
    const all = [...this.partitions.values()];
    const active = all.filter((p) => now - p.lastSeenAt < this.options.idlePartitionMs);
    if (active.length > 0) return Math.min(...active.map((p) => p.maxEventTime));
    const newest = Math.max(...all.map((p) => p.maxEventTime));
    if (!Number.isFinite(newest)) return Number.NEGATIVE_INFINITY;
    const lastSeen = Math.max(...all.map((p) => p.lastSeenAt));
    return newest + (now - lastSeen);
  }

  private windowAt(eventTime: number): WindowState {
    const start = windowStartOf(eventTime);
    let window = this.windows.get(start);
    if (!window) {
      window = { start, stores: new Map(), dirty: new Set(), holds: 0 };
      this.windows.set(start, window);
    }
    return window;
  }
}

function zero(): Totals {
  return { orders: 0, units: 0, revenueCents: 0 };
}

function addTo(totals: Totals, line: SaleLine): void {
  totals.orders += 1;
  totals.units += line.quantity;
  totals.revenueCents += line.revenueCents;
}

function toRow(start: number, entry: StoreWindow, final: boolean): SalesPerMinute {
  const genres: GenreSales[] = [...entry.genres]
    .map(([genre, totals]) => ({ genre, orders: totals.orders, units: totals.units, revenue: totals.revenueCents / 100 }))
    .sort((a, b) => a.genre.localeCompare(b.genre));
  return {
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + WINDOW_MS).toISOString(),
    ...entry.store,
    orders: entry.totals.orders,
    units: entry.totals.units,
    revenue: entry.totals.revenueCents / 100,
    final,
    genres,
  };
}

/** quantity × unit price in cents: rounding once per line keeps every sum exact. */
export function revenueCents(quantity: number, unitPrice: number): number {
  return Math.round(quantity * unitPrice * 100);
}

export function salesKey(row: Pick<SalesPerMinute, 'bookstoreId' | 'windowStart'>): string {
  return `${row.bookstoreId}|${row.windowStart}`;
}
