import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalKafka } from '../../infra/local-kafka';
import { startLocalKafka } from '../../infra/local-kafka';
import type { HealthResponse, KafkaReachability, ReadinessResponse } from '../../lib/api/health';
import type { GroupDetail } from '../../lib/lag/api';
import { createKafka } from '../../platform/kafka/client';
import { loadKafkaSettings } from '../../platform/kafka/settings';
import { TEST_PORTS } from '../support/ports';
import type { TestSocket } from '../support/socket-client';
import { connectSocket, nextEvent } from '../support/socket-client';
import { TestStack } from '../support/stack';
import { startOwnKafka } from '../support/test-kafka';
import { createTestTopics } from '../support/topics';

/** Where the BFF asks for Flink: nothing listens there, so the jobs rule fails and says so. */
const NO_FLINK = `http://127.0.0.1:${TEST_PORTS.health + 100}`;

/**
 * Honest health against a real broker that this file kills with SIGKILL (its own, not the shared
 * one): `/api/health/live` stays up, `/api/health` and `/api/health/ready` show the lost broker
 * within 10 s, every socket is told (the banner in every view), and all of it clears by itself
 * when the broker is back.
 */
describe('health: liveness, readiness and a lost broker', () => {
  let broker: { kafka: LocalKafka; port: number; dataDir: string };
  let stack: TestStack;
  let socket: TestSocket;
  let restarted: LocalKafka | undefined;

  beforeAll(async () => {
    broker = await startOwnKafka(40, 'health');
    stack = new TestStack({
      brokers: broker.kafka.brokers,
      bffPort: TEST_PORTS.health,
      logName: 'integration-health',
      cabs: 1,
      tankers: 0,
      pipeline: false,
      env: {
        FLINK_REST_URL: NO_FLINK,
        KAFKA_PROBE_INTERVAL_MS: '1000',
        KAFKA_PROBE_TIMEOUT_MS: '2000',
        LAG_POLL_INTERVAL_MS: '1000',
        LAG_CLUSTER_NAME: 'health-test',
        LAG_GROUPS_DENY: 'health-test.denied',
      },
    });
    await stack.start();
  });

  afterAll(async () => {
    socket?.disconnect();
    await stack?.stop();
    await restarted?.stop();
    await broker?.kafka.stop();
  });

  const health = () => stack.fetchJsonAnyStatus<HealthResponse>('/api/health');
  const ready = () => stack.fetchJsonAnyStatus<ReadinessResponse>('/api/health/ready');

  it('answers liveness always, and readiness with each rule: Kafka and streams ok, the jobs rule failing without Flink', async () => {
    const live = await stack.fetch('/api/health/live', {}, null);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    await waitFor(async () => (await ready()).body.checks.streams.ok, 30_000, 'every stream consuming');
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body).toMatchObject({ ready: false, checks: { kafka: { ok: true }, streams: { ok: true }, jobs: { ok: false } } });
    expect(body.checks.streams.detail).toBe('5 streams consuming');
    expect(body.checks.jobs.detail).toContain(`Flink's REST API at ${NO_FLINK} does not answer`);
    // Anonymous callers (a load balancer) get the verdict only.
    const anonymous = await stack.fetch('/api/health/ready', {}, null);
    expect(anonymous.status).toBe(503);
    expect(await anonymous.json()).toEqual({ ready: false });
    expect((await health()).body).toMatchObject({ status: 'ok', kafka: { connected: true, unreachableSince: null } });
  });

  it("exports every watched group's lag on /metrics under kafka-lag-exporter's names, with the lag API's figures", async () => {
    const groupId = 'health-test.lagging';
    const topic = 'health-test.lag-metrics';
    const kafka = createKafka(loadKafkaSettings({ KAFKA_BROKERS: broker.kafka.brokers }).kafka, 'health-test');
    const admin = kafka.admin();
    await admin.connect();
    try {
      await createTestTopics(admin, [{ name: topic, partitions: 2 }]);
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition: i % 2, value: `m${i}` })) });
      await producer.disconnect();
      // Partition 0: 2 of 5 read; partition 1: no commit at all.
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
    } finally {
      await admin.disconnect();
    }
    // Denied by LAG_GROUPS_DENY: never on /metrics.
    const deniedGroup = 'health-test.denied';
    const deniedAdmin = kafka.admin();
    await deniedAdmin.connect();
    await deniedAdmin.setOffsets({ groupId: deniedGroup, topic, partitions: [{ partition: 0, offset: '1' }] }).finally(() => deniedAdmin.disconnect());

    let detail: GroupDetail | undefined;
    await waitFor(
      async () => {
        const answer = await stack.fetch(`/api/lag/${encodeURIComponent(groupId)}`);
        detail = answer.ok ? ((await answer.json()) as GroupDetail) : undefined;
        return detail?.partitionLags.some((p) => p.partition === 0 && p.lag === 3 && p.lagSeconds !== null) ?? false;
      },
      30_000,
      'the lag API to show the group',
    );
    const metrics = await (await stack.fetch('/metrics')).text();
    // A stuck group's lag in seconds grows with the clock, and the monitor may sample again between
    // two reads: the exported figure lies between the API's answers just before and just after it.
    const after = (await (await stack.fetch(`/api/lag/${encodeURIComponent(groupId)}`)).json()) as GroupDetail;
    const value = (name: string, labels: Record<string, string>) => metricValue(metrics, name, labels);
    const p0 = detail!.partitionLags.find((p) => p.partition === 0)!;
    const where = { cluster_name: 'health-test', group: groupId, topic, partition: '0' };
    expect(value('kafka_consumergroup_group_lag', where)).toBe(p0.lag);
    expect(value('kafka_consumergroup_group_offset', where)).toBe(2);
    const p0After = after.partitionLags.find((p) => p.partition === 0)!;
    expectWithin(value('kafka_consumergroup_group_lag_seconds', where), p0.lagSeconds!, p0After.lagSeconds!);
    expect(value('kafka_consumergroup_group_lag', { ...where, partition: '1' })).toBeUndefined();
    expect(value('kafka_partition_latest_offset', { cluster_name: 'health-test', topic, partition: '0' })).toBe(p0.end);
    expect(value('kafka_consumergroup_group_max_lag', { cluster_name: 'health-test', group: groupId })).toBe(3);
    expect(value('kafka_consumergroup_group_sum_lag', { cluster_name: 'health-test', group: groupId })).toBe(detail!.totalLag);
    expect(value('kafka_consumergroup_group_topic_sum_lag', { cluster_name: 'health-test', group: groupId, topic })).toBe(3);
    expectWithin(
      value('kafka_consumergroup_group_max_lag_seconds', { cluster_name: 'health-test', group: groupId }),
      detail!.maxLagSeconds!,
      after.maxLagSeconds!,
    );
    expect(value('kafka_consumergroup_group_status', { cluster_name: 'health-test', group: groupId, status: detail!.status })).toBe(1);
    expect(value('kminion_kafka_consumer_group_info', { group_id: groupId, state: detail!.state })).toBe(1);
    expect(metrics).not.toContain(deniedGroup);
  });

  it('shows a SIGKILLed broker within 10 s in health, readiness and on every socket, then clears by itself', async () => {
    socket = await connectSocket(stack.url);
    const lost = nextEvent(socket, 'kafka:status', 20_000, (status: KafkaReachability) => !status.reachable);
    const killedAt = Date.now();
    process.kill(broker.kafka.pid, 'SIGKILL');
    await broker.kafka.exited;

    await waitFor(async () => !(await health()).body.kafka.connected, 10_000, 'health to say Kafka is not connected');
    const detectedS = (Date.now() - killedAt) / 1000;
    const pushed = await lost;
    expect(pushed.since).toBeGreaterThanOrEqual(killedAt);
    expect(pushed.since! - killedAt).toBeLessThan(10_000);
    const down = (await health()).body;
    expect(down).toMatchObject({ status: 'degraded', kafka: { connected: false, unreachableSince: pushed.since } });
    expect(down.problems.join(' ')).toMatch(/Kafka at 127\.0\.0\.1:\d+/);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks.kafka).toMatchObject({ ok: false, detail: expect.stringMatching(/^Kafka unreachable since \d{4}-/) });
    expect((await stack.fetch('/api/health/live', {}, null)).status).toBe(200);
    console.log(`[health] lost broker shown after ${detectedS.toFixed(1)} s`);

    const back = nextEvent(socket, 'kafka:status', 60_000, (status: KafkaReachability) => status.reachable);
    restarted = await startLocalKafka({ port: broker.port, dataDir: broker.dataDir });
    expect(await back).toEqual({ reachable: true, since: null });
    await waitFor(async () => (await health()).body.kafka.connected, 10_000, 'health to say Kafka is connected again');
    expect((await health()).body.kafka.unreachableSince).toBeNull();
    // The streams rejoin their groups by themselves; readiness follows without a restart of the BFF.
    await waitFor(async () => (await ready()).body.checks.streams.ok, 90_000, 'every stream consuming again');
    expect((await ready()).body.checks.kafka.ok).toBe(true);
  });
});

/** One sample's value from Prometheus text: the series whose labels include all of `labels`. */
function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value)) return Number(match[3]);
  }
  return undefined;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A figure that only grows with time, read between two other reads of it. */
function expectWithin(value: number | undefined, before: number, after: number): void {
  expect(value).toBeDefined();
  expect(value!).toBeGreaterThanOrEqual(before - 0.001);
  expect(value!).toBeLessThanOrEqual(after + 0.001);
}
