import type { Admin } from 'kafkajs';

import type { SalesResponse } from '../../lib/api/sales';

import type { OracleTotals, SalesOracle } from './sales-oracle';

/** Whatever serves the product's API to an authorised machine client: a test stack, or the fault harness's nginx. */
export interface SalesSource {
  fetchJson<T>(route: string): Promise<T>;
}

type Comparable = Record<string, [orders: number, units: number, cents: number]>;

function fromApi(minute: SalesResponse['perMinute'][number]): Comparable {
  return Object.fromEntries(minute.bookstores.map((row) => [row.bookstoreId, [row.orders, row.units, Math.round(row.revenue * 100)]]));
}

function fromOracle(totals: Map<string, OracleTotals>): Comparable {
  return Object.fromEntries([...totals].map(([id, t]) => [id, [t.orders, t.units, t.cents]]));
}

function sorted(record: Comparable): Comparable {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

export function salesSummary(stack: SalesSource): Promise<SalesResponse> {
  return stack.fetchJson<SalesResponse>('/api/sales/per-minute?minutes=1440');
}

/**
 * Closed minutes the API serves from `firstMinute` on, each compared with the oracle once both
 * have read the same input; and every minute the oracle saw in that range, up to the newest closed
 * one, must be served and closed too (a job that skipped part of the backlog would otherwise pass
 * by serving fewer minutes). Minutes before `firstMinute` may hold purchases another job instance
 * read and committed (an earlier test file's): a fresh job rightly never reads them again.
 */
export async function closedMinuteMismatches(
  stack: SalesSource,
  oracle: SalesOracle,
  admin: Admin,
  firstMinute: number,
): Promise<{ compared: number; mismatches: string[] }> {
  const summary = await salesSummary(stack);
  await oracle.caughtUp(admin);
  const closed = summary.perMinute.filter((minute) => minute.final && Date.parse(minute.windowStart) >= firstMinute);
  const mismatches = closed
    .map((minute) => ({ minute, expected: fromOracle(oracle.minute(Date.parse(minute.windowStart))) }))
    .filter(({ minute, expected }) => JSON.stringify(sorted(fromApi(minute))) !== JSON.stringify(sorted(expected)))
    .map(({ minute, expected }) => `${minute.windowStart}: api ${JSON.stringify(sorted(fromApi(minute)))} oracle ${JSON.stringify(sorted(expected))}`);
  const newestClosed = Math.max(...closed.map((minute) => Date.parse(minute.windowStart)));
  const served = new Set(closed.map((minute) => Date.parse(minute.windowStart)));
  for (const start of oracle.minuteStarts()) {
    if (start >= firstMinute && start <= newestClosed && !served.has(start))
      mismatches.push(`${new Date(start).toISOString()}: in the oracle, not served as a closed minute`);
  }
  return { compared: closed.length, mismatches };
}
