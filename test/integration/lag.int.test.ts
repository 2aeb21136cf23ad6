import { spawn } from 'node:child_process';

import type { Consumer, Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { kafkaToolArgs } from '../../infra/local-kafka';
import type { Alert } from '../../lib/contracts/alerts';
import { alertSchema } from '../../lib/contracts/alerts';
import { TOPICS } from '../../lib/contracts/topics';
import type { GroupDetail, LagResponse } from '../../lib/lag/api';
import { groupDetailSchema, lagResponseSchema } from '../../lib/lag/api';
import { TEST_PORTS } from '../support/ports';
import { sendScenario } from '../support/scenario';
import { signInOverHttp } from '../support/session';
import { connectSocket, nextEvent, subscribe } from '../support/socket-client';
import type { TestSocket } from '../support/socket-client';
import { TestStack } from '../support/stack';
import { createTestTopics } from '../support/topics';

const ARCHIVER = 'demo.telemetry-archiver';
const FIXED_TOPIC = 'lagtest.fixed';
const FIXED_GROUP = 'lagtest.fixed-group';
const QUIET_TOPIC = 'lagtest.quiet';
const QUIET_GROUP = 'lagtest.quiet-group';
const SLOW_TOPIC = 'lagtest.slow';
const SLOW_GROUP = 'lagtest.slow-group';
const TXN_TOPIC = 'lagtest.transactional';
const TXN_GROUP = 'lagtest.txn-group';
const POLL_MS = 2_000;

/** The lag monitor against the real broker: Kafka's own tool, the simulator's stalled consumer, a slow and a caught-up consumer. */
describe('consumer lag', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.lag,
    logName: 'integration-lag',
    cabs: 20,
    tankers: 10,
    env: { LAG_POLL_INTERVAL_MS: String(POLL_MS), LAG_ALLOWED_MESSAGES: '200' },
  });
  const outside: Kafka = new KafkaClient({ clientId: 'lag-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  const alerts: Alert[] = [];
  const consumers: Consumer[] = [];
  const sockets: TestSocket[] = [];
  let quietSince = 0;

  beforeAll(async () => {
    await stack.start();
    await createTopics(outside, [
      { name: FIXED_TOPIC, partitions: 3 },
      { name: QUIET_TOPIC, partitions: 2 },
      { name: SLOW_TOPIC, partitions: 1 },
      { name: TXN_TOPIC, partitions: 1 },
    ]);
    await prepareFixedGroup(outside);
    consumers.push(await collectAlerts(outside, alerts));
    consumers.push(await startQuietConsumer(outside));
    quietSince = Date.now();
    await stack.waitForLog(/listening for scenario commands/);
    await waitFor(
      async () => (await summaries()).groups.some((group) => group.groupId === ARCHIVER && group.totalLag >= 0 && group.status === 'ok'),
      90_000,
      'the archiver watched and ok',
    );
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
    await stack.stop();
  });

  const summaries = async (): Promise<LagResponse> => lagResponseSchema.parse(await stack.fetchJson('/api/lag'));
  const group = async (groupId: string): Promise<GroupDetail> => groupDetailSchema.parse(await stack.fetchJson(`/api/lag/${encodeURIComponent(groupId)}`));

  it("reports the committed and end offsets Kafka's own kafka-consumer-groups --describe prints, allowing only for what moved between the reads", async () => {
    const groups = [FIXED_GROUP, ARCHIVER, 'processor.fleet-state', 'processor.sales'];
    // The Flink jobs commit on checkpoint, so a job's group appears (and gains each topic) only with its
    // first checkpoints: wait until both have committed on every topic they read before comparing.
    const jobTopics: Record<string, string[]> = {
      'processor.fleet-state': ['fleet.telemetry.raw', 'fleet.vehicles'],
      'processor.sales': ['purchase', 'bookstore', 'book'],
    };
    await waitFor(
      async () => {
        for (const [id, topics] of Object.entries(jobTopics)) {
          const detail = await group(id).catch(() => undefined);
          if (!detail || !topics.every((topic) => detail.partitionLags.some((p) => p.topic === topic && p.committed !== null))) return false;
        }
        return true;
      },
      90_000,
      'every job group committed on the topics it reads',
    );
    const before = new Map(await Promise.all(groups.map(async (id) => [id, await group(id)] as const)));
    const toolStart = Date.now();
    const { rows: described, output } = await describeGroups(brokers, groups);
    const toolEnd = Date.now();
    // The next poll that started after the tool finished.
    await waitFor(
      async () => {
        const { polledAt, pollMs } = await summaries();
        return polledAt !== null && polledAt - (pollMs ?? 0) > toolEnd;
      },
      20_000,
      'a poll after the tool ran',
    );
    const after = new Map(await Promise.all(groups.map(async (id) => [id, await group(id)] as const)));
    for (const id of groups) expect(before.get(id)?.observedAt ?? Infinity).toBeLessThan(toolStart);

    const rows = described.filter((row) => row.committed !== null);
    expect(new Set(rows.map((row) => row.group))).toEqual(new Set(groups));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      const was = before.get(row.group)?.partitionLags.find((p) => p.topic === row.topic && p.partition === row.partition);
      const now = after.get(row.group)?.partitionLags.find((p) => p.topic === row.topic && p.partition === row.partition);
      const where = `${row.group} ${row.topic}-${row.partition} (API before ${JSON.stringify(was)}, after ${JSON.stringify(now)}; the tool printed:\n${output})`;
      // A Flink job commits on checkpoint: its first commit on a topic may fall between the earlier
      // read and the tool, and then the earlier read has no row for that topic at all (no commit yet).
      const topicCommittedBefore = before.get(row.group)?.partitionLags.some((p) => p.topic === row.topic) ?? false;
      if (topicCommittedBefore) expect(was, where).toBeDefined();
      expect(now, where).toBeDefined();
      // No commit yet at the earlier read (null, or no row) is below any commit the tool then saw.
      expect(row.committed, where).toBeGreaterThanOrEqual(was?.committed ?? -1);
      expect(row.committed, where).toBeLessThanOrEqual(now?.committed ?? -1);
      expect(row.end, where).toBeGreaterThanOrEqual(was?.end ?? 0);
      expect(row.end, where).toBeLessThanOrEqual(now?.end ?? -1);
    }
    // Nothing moves in the fixed group: equal to the offset, and a partition without a commit is "no commit", not a huge lag.
    const fixed = after.get(FIXED_GROUP);
    expect(fixed?.partitionLags.map((p) => [p.partition, p.committed, p.end, p.lag])).toEqual([
      [0, 4, 10, 6],
      [1, 20, 20, 0],
      [2, null, 30, null],
    ]);
    expect(rows.filter((row) => row.group === FIXED_GROUP).map((row) => [row.partition, row.committed, row.end])).toEqual([
      [0, 4, 10],
      [1, 20, 20],
    ]);
    expect(fixed).toMatchObject({ noCommitPartitions: 1, totalLag: 6, members: 0, own: false });
    // The BFF's own groups are listed and marked.
    expect((await summaries()).groups.filter((g) => g.own).map((g) => g.groupId)).toEqual(expect.arrayContaining([expect.stringMatching(/^bff\..+\.fleet$/)]));
  });

  it('shows the stalled-consumer scenario as stalled or stopped within 30 s with an alert for platform, and ok with the alert cleared on resume', async () => {
    const socket = await connectSocket(stack.url);
    sockets.push(socket);
    expect(await subscribe(socket, 'lag')).toEqual({ ok: true });
    const pushed = nextEvent(socket, 'lag:update', 40_000, (update) =>
      update.groups.some((g) => g.groupId === ARCHIVER && (g.status === 'stalled' || g.status === 'stopped')),
    );

    const sentAt = Date.now();
    await sendScenario(outside, 'stalled-consumer', { durationS: 300 });
    await expect.poll(async () => (await group(ARCHIVER)).status, { timeout: 30_000, interval: 500 }).toMatch(/^(stalled|stopped)$/);
    expect(Date.now() - sentAt).toBeLessThan(30_000);
    await pushed;

    await expect
      .poll(() => alerts.find((alert) => alert.kind === 'consumer-lag' && alert.groupId === ARCHIVER && alert.state === 'firing'), { timeout: 15_000 })
      .toBeDefined();
    const firing = alerts.find((alert) => alert.kind === 'consumer-lag' && alert.groupId === ARCHIVER && alert.state === 'firing');
    expect(firing).toMatchObject({ team: 'platform', kind: 'consumer-lag', metric: expect.stringMatching(/^status:(stalled|stopped)$/) });

    await sendScenario(outside, 'stop');
    await expect.poll(async () => (await group(ARCHIVER)).status, { timeout: 45_000, interval: 1_000 }).toBe('ok');
    await expect
      .poll(() => alerts.find((alert) => alert.alertId === firing?.alertId && alert.state === 'cleared'), { timeout: 15_000 })
      .toMatchObject({ groupId: ARCHIVER, team: 'platform' });
  });

  it("shows a consumer slower than its producer as lagging, its lag in seconds growing and matching the records' real age", async () => {
    const sentAt = new Map<number, number>();
    let producing = true;
    const producer = outside.producer();
    await producer.connect();
    // 40 records a second, one per request so each record's write time is known.
    const produce = (async () => {
      while (producing) {
        const at = Date.now();
        const [meta] = await producer.send({ topic: SLOW_TOPIC, messages: [{ value: String(at), timestamp: String(at) }] });
        sentAt.set(Number(meta?.baseOffset), at);
        await sleep(Math.max(0, 25 - (Date.now() - at)));
      }
    })();
    const slow = outside.consumer({ groupId: SLOW_GROUP, maxBytes: 2_000, maxWaitTimeInMs: 100 });
    consumers.push(slow);
    await slow.connect();
    await slow.subscribe({ topic: SLOW_TOPIC, fromBeginning: true });
    // 10 records a second, committed every second.
    await slow.run({ autoCommitInterval: 1_000, eachMessage: async () => sleep(100) });
    try {
      await expect.poll(async () => (await group(SLOW_GROUP)).status, { timeout: 60_000, interval: 1_000 }).toBe('lagging');
      const readings: { seconds: number; expected: number }[] = [];
      for (let reading = 0; reading < 3; reading += 1) {
        const detail = await group(SLOW_GROUP);
        const partition = detail.partitionLags[0];
        const writtenAt = sentAt.get(partition?.committed ?? -1);
        expect(partition?.lagMethod).toBe('timestamp');
        expect(writtenAt).toBeDefined();
        const expected = (detail.observedAt - (writtenAt ?? 0)) / 1000;
        readings.push({ seconds: partition?.lagSeconds ?? -1, expected });
        await sleep(2 * POLL_MS + 500);
      }
      for (const { seconds, expected } of readings) expect(Math.abs(seconds - expected)).toBeLessThanOrEqual(Math.max(1, 0.05 * expected));
      expect(readings[2]?.seconds ?? 0).toBeGreaterThan(readings[0]?.seconds ?? Infinity);
      expect(readings[1]?.seconds ?? 0).toBeGreaterThan(readings[0]?.seconds ?? Infinity);
    } finally {
      producing = false;
      await produce;
      await producer.disconnect();
      await slow.disconnect();
    }
  });

  it('keeps a caught-up consumer whose topic stopped receiving data ok, never stopped, with no alert', async () => {
    // Quiet since beforeAll; make sure it has been longer than the 30 s stopped rule before judging.
    await sleep(Math.max(0, quietSince + 35_000 - Date.now()));
    for (let reading = 0; reading < 4; reading += 1) {
      const detail = await group(QUIET_GROUP);
      expect(detail.status).toBe('ok');
      expect(detail.totalLag).toBe(0);
      expect(detail.producerIdle).toBe(true);
      expect(detail.partitionLags.map((p) => p.status)).toEqual(['idle', 'idle']);
      await sleep(POLL_MS);
    }
    expect(alerts.filter((alert) => alert.kind === 'consumer-lag' && alert.groupId === QUIET_GROUP)).toEqual([]);
  });

  it('does not count the lag of 1 a transaction marker leaves behind a consumer that read everything', async () => {
    // 10 records in one committed transaction: offsets 0–9, the commit marker at 10, end offset 11.
    const producer = outside.producer({ transactionalId: 'lag-test-txn', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.send({ topic: TXN_TOPIC, messages: Array.from({ length: 10 }, (_, i) => ({ value: `t${i}` })) });
    await transaction.commit();
    await producer.disconnect();
    // Where a consumer that read all ten records commits: just past the last record, on the marker.
    const admin = outside.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: TXN_GROUP, topic: TXN_TOPIC, partitions: [{ partition: 0, offset: '10' }] });
    await admin.disconnect();

    await expect.poll(async () => (await summaries()).groups.some((g) => g.groupId === TXN_GROUP), { timeout: 20_000 }).toBe(true);
    await sleep(2 * POLL_MS);
    const detail = await group(TXN_GROUP);
    expect(detail.partitionLags.map((p) => ({ committed: p.committed, end: p.end, lag: p.lag, lagSeconds: p.lagSeconds, status: p.status }))).toEqual([
      { committed: 10, end: 11, lag: 0, lagSeconds: 0, status: 'idle' },
    ]);
    expect(detail).toMatchObject({ status: 'ok', totalLag: 0 });
  });

  it('serves groups to the platform team and admins only', async () => {
    const fleet = await signInOverHttp(stack.url, 'fleet', 'demo');
    const refused = await stack.fetch(`/api/lag/${ARCHIVER}`, { headers: { cookie: fleet } }, null);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    const platform = await signInOverHttp(stack.url, 'platform', 'demo');
    const served = await stack.fetch(`/api/lag/${ARCHIVER}`, { headers: { cookie: platform } }, null);
    expect(served.status).toBe(200);
    expect(groupDetailSchema.parse(await served.json()).memberList[0]?.assignment[0]?.topic).toBe(TOPICS.telemetryRaw);
  });

  it('answers an unknown group with 404 in the error shape', async () => {
    const response = await stack.fetch('/api/lag/no-such-group');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

async function createTopics(kafka: Kafka, topics: { name: string; partitions: number }[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTestTopics(admin, topics);
  } finally {
    await admin.disconnect();
  }
}

/** 10, 20 and 30 records on the three partitions; the group committed 4 on 0, 20 on 1 and nothing on 2. */
async function prepareFixedGroup(kafka: Kafka): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (const [partition, count] of [
    [0, 10],
    [1, 20],
    [2, 30],
  ] as const) {
    await producer.send({ topic: FIXED_TOPIC, messages: Array.from({ length: count }, (_, i) => ({ partition, value: `r${i}` })) });
  }
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.setOffsets({
      groupId: FIXED_GROUP,
      topic: FIXED_TOPIC,
      partitions: [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '20' },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Writes 50 records, then reads them all and stays in its group with nothing more to read. */
async function startQuietConsumer(kafka: Kafka): Promise<Consumer> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: QUIET_TOPIC, messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: QUIET_GROUP, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic: QUIET_TOPIC, fromBeginning: true });
  let read = 0;
  await consumer.run({ eachMessage: async () => void (read += 1) });
  await waitFor(async () => read >= 50, 30_000, 'the quiet topic read');
  return consumer;
}

async function collectAlerts(kafka: Kafka, into: Alert[]): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: `lag-test-alerts-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.lagAlerts, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const parsed = alertSchema.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
      if (parsed.success) into.push(parsed.data);
    },
  });
  return consumer;
}

interface DescribedRow {
  group: string;
  topic: string;
  partition: number;
  committed: number | null;
  end: number;
}

/** Apache Kafka's own kafka-consumer-groups --describe, from the local Kafka's jars, parsed. */
async function describeGroups(brokers: string, groups: string[]): Promise<{ rows: DescribedRow[]; output: string }> {
  const { command, args } = kafkaToolArgs('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
    '--bootstrap-server',
    brokers,
    '--describe',
    ...groups.flatMap((group) => ['--group', group]),
  ]);
  // The table is on stdout; notes such as "has no active members" go to stderr and, read together, could split a row.
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let notes = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (notes += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`kafka-consumer-groups exited ${code}: ${text}${notes}`))));
  });
  const rows = output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => groups.includes(cells[0] ?? '') && /^\d+$/.test(cells[2] ?? ''))
    .map(([group = '', topic = '', partition = '', current = '', end = '']) => ({
      group,
      topic,
      partition: Number(partition),
      committed: current === '-' ? null : Number(current),
      end: Number(end),
    }));
  return { rows, output };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(500);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
