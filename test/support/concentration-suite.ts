import type { Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ZonesResponse } from '../../lib/api/zones';
import { zonesResponseSchema } from '../../lib/api/zones';
import type { Alert } from '../../lib/contracts/alerts';
import { alertSchema } from '../../lib/contracts/alerts';
import { TOPICS, dlqTopic } from '../../lib/contracts/topics';
import type { ChildEnv } from '../../scripts/lib/process-group';

import { sendScenario } from './scenario';
import type { TestSocket } from './socket-client';
import { connectSocket, nextEvent, subscribe } from './socket-client';
import { TestStack } from './stack';

const CAMPUS_ZONES = 12;

export interface ConcentrationSuiteOptions {
  title: string;
  brokers: string;
  bffPort: number;
  logName: string;
  /** The occupancy job's parallelism on Flink (FLINK_PARALLELISM), 1 unless said. */
  parallelism?: number;
  /** More settings for the stack's processes. */
  env?: ChildEnv;
}

/**
 * simulator (crowd scenario) → occupancy job → BFF zones API, channel and alerts, on the real
 * broker. One suite, run by more than one file (the job at parallelism 1 and 2): the expectations
 * are the same whatever the deployment.
 */
export function concentrationSuite(options: ConcentrationSuiteOptions): void {
  describe(options.title, () => {
    const { brokers } = options;
    // Many sightings per second, so a crowd shows within seconds rather than minutes.
    const stack = new TestStack({
      brokers,
      bffPort: options.bffPort,
      logName: options.logName,
      cabs: 2,
      tankers: 1,
      simulatorArgs: ['--sightings-per-s', '300'],
      env: { FLINK_PARALLELISM: String(options.parallelism ?? 1), ...options.env },
    });
    const outside: Kafka = new KafkaClient({ clientId: `${options.logName}-test`, brokers: [brokers], logLevel: logLevel.NOTHING });
    const sockets: TestSocket[] = [];

    beforeAll(async () => {
      const startedAt = Date.now();
      await stack.start();
      await stack.waitForLog(/listening for scenario commands/);
      // The job writes live figures once it has read its backlog. Figures written by an
      // earlier file's job may still be on the topic: wait for this run's own.
      await waitFor(
        async () => (await occupancy()).zones.filter((zone) => zone.live !== null && Date.parse(zone.live.at) >= startedAt).length === CAMPUS_ZONES,
        90_000,
        "this run's live figures for every zone",
      );
    });

    afterAll(async () => {
      for (const socket of sockets) socket.disconnect();
      await stack.stop();
    });

    const occupancy = async (query = ''): Promise<ZonesResponse> => zonesResponseSchema.parse(await stack.fetchJson(`/api/zones/occupancy${query}`));

    it('runs the occupancy job on Flink at the parallelism asked for', async () => {
      const overview = (await (await fetch(`${stack.flinkRestUrl}/jobs/overview`)).json()) as { jobs: { jid: string; name: string; state: string }[] };
      const job = overview.jobs.find((candidate) => candidate.name === 'occupancy' && candidate.state === 'RUNNING');
      expect(job).toBeDefined();
      const detail = (await (await fetch(`${stack.flinkRestUrl}/jobs/${job?.jid}`)).json()) as { vertices: { name: string; parallelism: number }[] };
      expect(Math.max(...detail.vertices.map((vertex) => vertex.parallelism))).toBe(options.parallelism ?? 1);
    });

    it('serves every zone with its shape, capacity and live count, ranked by occupancy', async () => {
      const snapshot = await occupancy('?windows=4');
      expect(snapshot.zones).toHaveLength(CAMPUS_ZONES);
      const hall = snapshot.zones.find((zone) => zone.zoneId === 'main-hall');
      expect(hall).toMatchObject({ name: 'Main hall', capacity: 500, shape: { type: 'rect' } });
      const pcts = snapshot.zones.map((zone) => zone.occupancyPct);
      expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
    });

    it('refuses a malformed query with a 400 in the error shape', async () => {
      const response = await stack.fetch('/api/zones/occupancy?windows=abc');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('windows') } });
    });

    it('ranks the crowded zone first with a capacity alert for security within 30 s of the crowd scenario', async () => {
      const socket = await connectSocket(stack.url);
      sockets.push(socket);
      expect(await subscribe(socket, 'zones')).toEqual({ ok: true });
      const pushed = nextEvent(socket, 'zones:update', 30_000, (update) => update.zones[0]?.zoneId === 'main-hall' && update.zones[0].alert !== null);
      // Awaited below; without this a failure above would leave it rejecting unhandled.
      pushed.catch(() => undefined);

      const sentAt = Date.now();
      await sendScenario(outside, 'crowd', { target: 'main-hall', durationS: 120 });
      // All three at once: an earlier file's crowd in the same hall can leave it first and still
      // alerting (the alert clears only below 80 %) while its count falls, before this crowd arrives.
      await expect
        .poll(
          async () => {
            const top = (await occupancy()).zones[0];
            return { zoneId: top?.zoneId, alerting: top?.alert !== null, crowded: (top?.occupancyPct ?? 0) >= 90 };
          },
          { timeout: 30_000, interval: 1_000 },
        )
        .toEqual({ zoneId: 'main-hall', alerting: true, crowded: true });
      expect(Date.now() - sentAt).toBeLessThan(30_000);

      const top = (await occupancy()).zones[0];
      expect((await pushed).zones[0]?.zoneId).toBe('main-hall');

      // The episode the BFF shows, as the job wrote it (an earlier file's crowd in the same hall has its own episode on the topic).
      const alert = await readFirst(outside, TOPICS.zoneAlerts, (candidate) => candidate.alertId === top?.alert?.alertId && candidate.state === 'firing');
      expect(alert).toMatchObject({ kind: 'capacity', team: 'security', zoneId: 'main-hall', state: 'firing', alertId: top?.alert?.alertId });
    });

    it('counts a sighting from an unknown sensor as such: to dlq.occupancy with the reason, never silently dropped', async () => {
      const producer = outside.producer();
      await producer.connect();
      await producer.send({
        topic: TOPICS.badgeSightings,
        messages: [{ key: 'sensor-nowhere', value: JSON.stringify({ sensorId: 'sensor-nowhere', badgeId: 'b-1', ts: Date.now() }) }],
      });
      await producer.disconnect();
      const dead = await readDeadLetter(outside, dlqTopic('occupancy'), 'sensor-nowhere');
      expect(dead).toMatch(/^unknown-sensor: sensor sensor-nowhere/);
      const unknownSensors = async () =>
        Number(
          (await (await stack.fetch('/metrics')).text()).match(/fleetwatch_dead_letter_reasons\{topic="dlq\.occupancy",kind="unknown-sensor"\} (\d+)/)?.[1] ??
            0,
        );
      await expect.poll(unknownSensors, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    });
  });
}

/** Polls `check` every second until it holds (expect.poll only works inside a test, not in beforeAll). */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** The first record on `topic` (read from the beginning) that parses as an alert and matches. */
async function readFirst(kafka: Kafka, topic: string, match: (alert: Alert) => boolean): Promise<Alert> {
  const consumer = kafka.consumer({ groupId: `zones-test-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching record on ${topic} within 15 s`)), 15_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const parsed = alertSchema.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
          if (!parsed.success || !match(parsed.data)) return;
          clearTimeout(timer);
          resolve(parsed.data);
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** The `dlq.reason` header of the dead letter keyed `key`. */
async function readDeadLetter(kafka: Kafka, topic: string, key: string): Promise<string> {
  const consumer = kafka.consumer({ groupId: `zones-test-dlq-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      // The processor waits 10 s for a zone that might still be loading before it gives up on a sensor.
      const timer = setTimeout(() => reject(new Error(`no dead letter keyed ${key} on ${topic} within 30 s`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.key?.toString() !== key) return;
          clearTimeout(timer);
          resolve(message.headers?.['dlq.reason']?.toString() ?? '');
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}
