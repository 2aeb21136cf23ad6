import type { SalesSummary } from '@/lib/api/sales';
import { SALES_RETENTION_MIN } from '@/lib/api/sales';
import type { SalesPerMinute } from '@/lib/contracts/sales';
import { rangeEnd, rowKey, summariseSales, supersedes } from '@/lib/sales/summary';

const RETENTION_MS = SALES_RETENTION_MIN * 60_000;

/**
 * Sales per minute per bookstore, latest row per `bookstoreId|windowStart`, for the last 24 h of
 * data. Rows changed since the last tick are kept apart, latest per key, for the `sales` channel.
 */
export class SalesStore {
  private readonly rows = new Map<string, SalesPerMinute>();
  private changed = new Map<string, SalesPerMinute>();

  /** @param maxRows a hard cap, because a producer flooding new store ids would otherwise grow it without bound. */
  constructor(private readonly maxRows = 500_000) {}

  get size(): number {
    return this.rows.size;
  }

  apply(row: SalesPerMinute): void {
    const key = rowKey(row);
    if (!supersedes(this.rows.get(key), row)) return;
    this.rows.set(key, row);
    this.changed.set(key, row);
  }

  /** Rows changed since the last call, latest value each. */
  takeChanges(): SalesPerMinute[] {
    const changes = [...this.changed.values()];
    this.changed = new Map();
    return changes;
  }

  summary(minutes: number, now: number): SalesSummary {
    return summariseSales(this.rows.values(), minutes, now);
  }

  /** Rows of the last `minutes` of data: what a client that (re)joins the channel may have missed. */
  recent(minutes: number, now: number): SalesPerMinute[] {
    const from = rangeEnd(this.rows.values(), now) - minutes * 60_000;
    return [...this.rows.values()].filter((row) => Date.parse(row.windowStart) >= from);
  }

  /** Drops rows older than 24 h before the newest data, then the oldest beyond the cap. */
  prune(now: number): void {
    const oldest = rangeEnd(this.rows.values(), now) - RETENTION_MS;
    for (const [key, row] of this.rows) if (Date.parse(row.windowStart) < oldest) this.rows.delete(key);
    if (this.rows.size <= this.maxRows) return;
    const byAge = [...this.rows].sort(([, a], [, b]) => a.windowStart.localeCompare(b.windowStart));
    for (const [key] of byAge.slice(0, this.rows.size - this.maxRows)) this.rows.delete(key);
  }
}
