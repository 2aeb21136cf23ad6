import type { Admin, Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { TEST_PORTS } from '../support/ports';
import { closedMinuteMismatches, expectClosedMinutesEqualToOracle, minuteBehind, salesSummary } from '../support/sales-check';
import { SalesOracle, javaText } from '../support/sales-oracle';
import { TestStack } from '../support/stack';

/**
 * The sales job at parallelism 2 (issue 12: "any parallelism is correct"), held against the same
 * oracle as sales.int.test.ts; and a purchase delivered twice, as a retrying producer sends it,
 * counted once (issue 12 item 8).
 */
describe('sales per minute at parallelism 2', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.salesParallel,
    logName: 'integration-sales-parallel',
    cabs: 1,
    tankers: 0,
    simulatorArgs: ['--speedup', '30', '--purchases-per-s', '20', '--sightings-per-s', '0', '--no-archiver'],
    // As in sales.int.test.ts: at 30× a simulated minute lasts 2 s, so 2 minutes of lateness give outside messages 4 s to land.
    env: { SALES_UNKNOWN_STORE_WAIT_S: '2', SALES_ALLOWED_LATENESS_S: '120', FLINK_PARALLELISM: '2' },
  });
  const outside: Kafka = new KafkaClient({ clientId: 'outside-sales-retry', brokers: [brokers], logLevel: logLevel.NOTHING });
  const oracle = new SalesOracle(outside);
  const admin: Admin = outside.admin();
  let stackStartedAt = 0;
  let firstMinute = Number.NaN;

  beforeAll(async () => {
    stackStartedAt = Date.now();
    await stack.start();
    await admin.connect();
    await oracle.start();
  });

  afterAll(async () => {
    await oracle.stop();
    await admin.disconnect();
    await stack.stop();
  });

  it('serves at least 5 closed minutes, every one equal to the oracle to the cent', async () => {
    firstMinute = await expectClosedMinutesEqualToOracle(stack, oracle, admin, stackStartedAt);
  });

  it('counts a purchase delivered twice (same key, same bytes) once', async () => {
    await oracle.caughtUp(admin);
    const tag = Date.now().toString(36);
    const storeId = `retry-store-${tag}`;
    const bookId = `retry-book-${tag}`;
    const minute = minuteBehind(oracle);
    const producer = outside.producer();
    await producer.connect();
    await producer.send({ topic: 'bookstore', messages: [{ key: storeId, value: JSON.stringify({ name: 'Retry Books', city: 'Testville', state: 'Nowhere' }) }] });
    await producer.send({ topic: 'book', messages: [{ key: bookId, value: JSON.stringify({ title: 'Twice Told Tales', genre: 'Retry genre', author: 'N. H.' }) }] });
    // Exactly what the issue measured with kcat: two identical 1,000-unit purchases, two produce requests.
    const retried = { key: `purchase-${tag}`, value: JSON.stringify({ book_id: bookId, bookstore_id: storeId, customer: 'jdoe', quantity: '1000', unit_price: '10', timestamp: javaText(minute + 5_000) }) };
    await producer.send({ topic: 'purchase', messages: [retried] });
    await producer.send({ topic: 'purchase', messages: [retried] });
    await producer.disconnect();

    await expect.poll(async () => (await salesSummary(stack)).perMinute.find((m) => Date.parse(m.windowStart) === minute && m.final), { timeout: 60_000, interval: 1_000 }).toBeTruthy();
    const closed = (await salesSummary(stack)).perMinute.find((m) => Date.parse(m.windowStart) === minute);
    expect(closed?.bookstores.find((row) => row.bookstoreId === storeId)).toMatchObject({ orders: 1, units: 1000, revenue: 10_000, final: true });
    await oracle.caughtUp(admin);
    expect(oracle.retries).toBeGreaterThanOrEqual(1);
    // Every other minute still equal to the oracle, which counts a purchase id once too.
    await expect.poll(async () => (await closedMinuteMismatches(stack, oracle, admin, firstMinute)).mismatches, { timeout: 20_000, interval: 1_000 }).toEqual([]);
  });
});
