import type { Admin, Kafka, Producer } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { expect } from 'vitest';

import { closedMinuteMismatches, salesSummary } from './sales-compare';
import { SalesOracle } from './sales-oracle';
import { TestStack } from './stack';

export { closedMinuteMismatches, salesSummary };

/**
 * What a sales test file runs: simulator (30× speed-up, 20 purchases/s) → sales job → BFF, an
 * outside Kafka client (as the MSK Data Generator would be: not the product's factory) and the
 * oracle reading the raw `purchase` topic through it.
 */
export class SalesRig {
  readonly stack: TestStack;
  readonly outside: Kafka;
  readonly oracle: SalesOracle;
  readonly admin: Admin;
  /** When this file's stack started: its own simulator's purchases are written from here on. */
  startedAt = 0;

  constructor(brokers: string, bffPort: number, logName: string, env: Record<string, string> = {}) {
    this.stack = new TestStack({
      brokers,
      bffPort,
      logName,
      cabs: 1,
      tankers: 0,
      // No campus sightings: at 30× they would be stamped up to an hour ahead and confuse the next file's occupancy figures.
      simulatorArgs: ['--speedup', '30', '--purchases-per-s', '20', '--sightings-per-s', '0', '--no-archiver'],
      // At 30× a simulated minute lasts 2 s: 2 minutes of lateness give the outside client's messages 4 s to land.
      env: { SALES_UNKNOWN_STORE_WAIT_S: '2', SALES_ALLOWED_LATENESS_S: '120', ...env },
    });
    this.outside = new KafkaClient({ clientId: `outside-${logName}`, brokers: [brokers], logLevel: logLevel.NOTHING });
    this.oracle = new SalesOracle(this.outside);
    this.admin = this.outside.admin();
  }

  async start(): Promise<void> {
    this.startedAt = Date.now();
    await this.stack.start();
    await this.admin.connect();
    await this.oracle.start();
  }

  async stop(): Promise<void> {
    await this.oracle.stop();
    await this.admin.disconnect();
    await this.stack.stop();
  }
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
  // The previous file's last purchases, which this file's fresh job (no checkpoint of its own; the
  // group's offsets committed past them) rightly never reads, may lie in this file's first minute or
  // even in the one after it: the simulator stamps a purchase up to 10 s in the past, so a file
  // starting early in a minute stamps its first purchases into the minute before. The comparison
  // starts after both, at the first minute that holds only what this job read.
  const firstMinute = Math.max(Math.min(...oracle.minuteStarts(since)), oracle.newestMinuteWrittenBefore(since)) + 60_000;
  expect(Number.isFinite(firstMinute)).toBe(true);
  await expect
    .poll(async () => (await salesSummary(stack)).perMinute.filter((m) => m.final && Date.parse(m.windowStart) >= firstMinute).length, {
      timeout: 90_000,
      interval: 1_000,
    })
    .toBeGreaterThanOrEqual(5);
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

/**
 * A store and a book of this test's own on the tables, written as an outside client would, and the
 * minute to stamp its purchases with (behind the newest simulated purchase). Returns their keys.
 */
export async function outsideCatalogue(
  producer: Producer,
  oracle: SalesOracle,
  admin: Admin,
  label: string,
  store: { name: string },
  book: { title: string; genre: string },
): Promise<{ storeId: string; bookId: string; tag: string; minute: number }> {
  await oracle.caughtUp(admin);
  const tag = Date.now().toString(36);
  const storeId = `${label}-store-${tag}`;
  const bookId = `${label}-book-${tag}`;
  await producer.send({ topic: 'bookstore', messages: [{ key: storeId, value: JSON.stringify({ ...store, city: 'Testville', state: 'Nowhere' }) }] });
  await producer.send({ topic: 'book', messages: [{ key: bookId, value: JSON.stringify({ ...book, author: 'H. M.' }) }] });
  return { storeId, bookId, tag, minute: minuteBehind(oracle) };
}
