import type { Admin } from 'kafkajs';
import { expect } from 'vitest';

import type { SalesResponse } from '../../lib/api/sales';

import type { OracleTotals, SalesOracle } from './sales-oracle';
import type { TestStack } from './stack';

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

export function salesSummary(stack: TestStack): Promise<SalesResponse> {
  return stack.fetchJson<SalesResponse>('/api/sales/per-minute?minutes=1440');
}

/**
 * Closed minutes the API serves, each compared with the oracle once both have read the same
 * input; and every minute the oracle saw, from `firstMinute` up to the newest closed one, must be
 * served and closed too (a job that skipped part of the backlog would otherwise pass by serving
 * fewer minutes).
 */
export async function closedMinuteMismatches(stack: TestStack, oracle: SalesOracle, admin: Admin, firstMinute: number): Promise<{ compared: number; mismatches: string[] }> {
  const summary = await salesSummary(stack);
  await oracle.caughtUp(admin);
  const closed = summary.perMinute.filter((minute) => minute.final);
  const mismatches = closed
    .map((minute) => ({ minute, expected: fromOracle(oracle.minute(Date.parse(minute.windowStart))) }))
    .filter(({ minute, expected }) => JSON.stringify(sorted(fromApi(minute))) !== JSON.stringify(sorted(expected)))
    .map(({ minute, expected }) => `${minute.windowStart}: api ${JSON.stringify(sorted(fromApi(minute)))} oracle ${JSON.stringify(sorted(expected))}`);
  const newestClosed = Math.max(...closed.map((minute) => Date.parse(minute.windowStart)));
  const served = new Set(closed.map((minute) => Date.parse(minute.windowStart)));
  for (const start of oracle.minuteStarts()) {
    if (start >= firstMinute && start <= newestClosed && !served.has(start)) mismatches.push(`${new Date(start).toISOString()}: in the oracle, not served as a closed minute`);
  }
  return { compared: closed.length, mismatches };
}

/**
 * The check both sales files make of the job: at least 5 closed minutes served, every one equal to
 * the oracle to the cent, with genres. Counted from the first minute of this file's own simulator
 * (`since`: when its stack started); earlier files' purchases on the same broker are compared when
 * served, but whatever odd input they wrote is not this file's to demand. Returns that minute.
 */
export async function expectClosedMinutesEqualToOracle(stack: TestStack, oracle: SalesOracle, admin: Admin, since: number): Promise<number> {
  await oracle.caughtUp(admin);
  await expect.poll(() => oracle.minuteStarts(since).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const firstMinute = Math.min(...oracle.minuteStarts(since));
  expect(Number.isFinite(firstMinute)).toBe(true);
  await expect.poll(async () => (await salesSummary(stack)).perMinute.filter((m) => m.final).length, { timeout: 90_000, interval: 1_000 }).toBeGreaterThanOrEqual(5);
  // The BFF reads the job's partitions independently, so a minute may show final a moment before its last store's row lands.
  await expect.poll(async () => (await closedMinuteMismatches(stack, oracle, admin, firstMinute)).mismatches, { timeout: 20_000, interval: 1_000 }).toEqual([]);
  const { compared } = await closedMinuteMismatches(stack, oracle, admin, firstMinute);
  expect(compared).toBeGreaterThanOrEqual(5);
  const totals = (await salesSummary(stack)).perMinute.filter((m) => m.final);
  expect(totals.every((minute) => minute.orders > 0 && minute.revenue > 0)).toBe(true);
  expect(totals.some((minute) => minute.bookstores.some((row) => (row.genres ?? []).length > 0))).toBe(true);
  return firstMinute;
}

/** A minute safely behind the newest simulated purchase, as the generator's "past 10 seconds" are: an event ahead would move the watermark on and rightly make the simulator's own purchases late. */
export function minuteBehind(oracle: SalesOracle): number {
  return Math.floor((oracle.maxEventTime - 45_000) / 60_000) * 60_000;
}
