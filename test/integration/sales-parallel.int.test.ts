import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { TEST_PORTS } from '../support/ports';
import { SalesRig, closedMinuteMismatches, expectClosedMinutesEqualToOracle, outsideCatalogue, salesSummary } from '../support/sales-check';
import { javaText } from '../support/sales-oracle';

/**
 * The sales job at parallelism 2 (issue 12: "any parallelism is correct"), held against the same
 * oracle as sales.int.test.ts; and a purchase delivered twice, as a retrying producer sends it,
 * counted once (issue 12 item 8).
 */
describe('sales per minute at parallelism 2', () => {
  const rig = new SalesRig(inject('brokers'), TEST_PORTS.salesParallel, 'integration-sales-parallel', { FLINK_PARALLELISM: '2' });
  const { stack, outside, oracle, admin } = rig;
  let firstMinute = Number.NaN;

  beforeAll(() => rig.start());
  afterAll(() => rig.stop());

  it('runs the keyed steps of the sales job at parallelism 2 (Flink REST API)', async () => {
    const overview = (await (await fetch(`${stack.flinkRestUrl}/jobs/overview`)).json()) as { jobs: { jid: string; name: string; state: string }[] };
    const job = overview.jobs.find((entry) => entry.name === 'sales' && entry.state === 'RUNNING');
    expect(job).toBeTruthy();
    const detail = (await (await fetch(`${stack.flinkRestUrl}/jobs/${job?.jid}`)).json()) as { vertices: { name: string; parallelism: number }[] };
    expect(detail.vertices.filter((vertex) => /^(dedup and join|minutes per store)/.test(vertex.name)).map((vertex) => vertex.parallelism)).toEqual([2, 2]);
  });

  it('serves at least 5 closed minutes, every one equal to the oracle to the cent', async () => {
    firstMinute = await expectClosedMinutesEqualToOracle(stack, oracle, admin, rig.startedAt);
  });

  it('counts a purchase delivered twice (same key, same bytes) once', async () => {
    const producer = outside.producer();
    await producer.connect();
    const { storeId, bookId, tag, minute } = await outsideCatalogue(producer, oracle, admin, 'retry', { name: 'Retry Books' }, { title: 'Twice Told Tales', genre: 'Retry genre' });
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
