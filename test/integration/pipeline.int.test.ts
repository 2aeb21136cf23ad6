import type { Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { FleetSnapshot } from '../../lib/api/fleet';
import type { HealthResponse } from '../../lib/api/health';
import { replaySceneSchema, replayStepsSchema } from '../../lib/contracts/replay';
import { TOPICS, dlqTopic } from '../../lib/contracts/topics';
import { applyFrame } from '../../lib/fleet/frame-codec';
import type { VehicleView } from '../../lib/realtime/events';
import { TEST_PORTS } from '../support/ports';
import type { TestSocket } from '../support/socket-client';
import { connectSocket, nextEvent, subscribe } from '../support/socket-client';
import { TestStack } from '../support/stack';
import { expectSameFleet, foldVehicleStates, readRecords } from '../support/vehicle-state-oracle';

const CABS = 8;
const TANKERS = 4;
const SNAPSHOT_INTERVAL_S = 2;

/** simulator → fleet-state processor → BFF → Socket.IO client, on the real broker. */
describe('the fleet pipeline end to end', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.pipeline,
    logName: 'integration-pipeline',
    cabs: CABS,
    tankers: TANKERS,
    telemetryIntervalMs: 500,
    env: { FLEET_SNAPSHOT_INTERVAL_S: String(SNAPSHOT_INTERVAL_S) },
  });
  // An outside Kafka client, as a user's own producer would be: not the product's factory.
  const outside: Kafka = new KafkaClient({ clientId: 'outside-producer', brokers: [brokers], logLevel: logLevel.NOTHING });
  const sockets: TestSocket[] = [];

  let startedAt = 0;
  /** When the live view had every vehicle of this run: moments after it hold them all. */
  let allReportedBy = Number.POSITIVE_INFINITY;

  beforeAll(async () => {
    startedAt = Date.now();
    await stack.start();
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack.stop();
  });

  it('reports healthy with Kafka connected', async () => {
    const health = await stack.fetchJson<HealthResponse>('/api/health');
    expect(health.status).toBe('ok');
    expect(health.kafka.connected).toBe(true);
    expect(health.kafka.brokers).toEqual([brokers]);
  });

  it('reports the fleet-state job running on Flink in health and metrics', async () => {
    await expect.poll(async () => (await stack.fetchJson<HealthResponse>('/api/health')).flink.jobs['fleet-state'], { timeout: 15_000 }).toBe('running');
    const metrics = await (await stack.fetch('/metrics')).text();
    expect(metrics).toMatch(/fleetwatch_flink_job_up\{job="fleet-state"\} 1/);
  });

  it('pushes fleet:update to a Socket.IO client within 5 s of subscribing, then live deltas', async () => {
    const socket = await connectSocket(stack.url);
    sockets.push(socket);
    const snapshot = nextEvent(socket, 'fleet:update', 5_000, (frame) => frame.s);
    expect(await subscribe(socket, 'fleet')).toEqual({ ok: true });
    const fleet = new Map<string, VehicleView>();
    expect(applyFrame(fleet, await snapshot).rejected).toBe(0);
    const delta = await nextEvent(socket, 'fleet:update', 5_000, (frame) => !frame.s && frame.v.length > 0);
    // A delta carries only changed fields; folded onto the snapshot it gives whole vehicles.
    expect(applyFrame(fleet, delta).rejected).toBe(0);
    expect(fleet.get(delta.v[0]![0])?.plate).toMatch(/\S/);
  });

  // Earlier test files' fleets on the same broker replay too, and stay as offline vehicles: count this run's.
  const reportingSinceStart = async () =>
    (await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles')).vehicles.filter((vehicle) => vehicle.ts >= startedAt).length;

  it('serves as many vehicles as the simulator runs', async () => {
    await expect.poll(reportingSinceStart, { timeout: 30_000 }).toBe(CABS + TANKERS);
  });

  it("starts a time-travel scene from the fleet-snapshot job's snapshot: this run's vehicles as the fold of fleet.vehicle-state up to the moment", async () => {
    const sceneAt = async (at: number) => replaySceneSchema.parse(await stack.fetchJson(`/api/fleet/replay?at=${new Date(at).toISOString()}`));
    // A moment after every vehicle of this run had reported: fleet-state may still be writing an
    // earlier file's leftover telemetry when the stack starts, so a moment just after the start can
    // rightly hold only some of them.
    await expect.poll(reportingSinceStart, { timeout: 30_000 }).toBe(CABS + TANKERS);
    allReportedBy = Date.now();
    await expect.poll(async () => (await sceneAt(Date.now() - 1_000)).snapshotAt ?? 0, { timeout: 30_000 }).toBeGreaterThan(allReportedBy);
    const at = Date.now() - 1_000;
    const scene = await sceneAt(at);
    // The newest snapshot before the moment: one interval back, plus the job's watermark delay (4 s) and a second.
    expect(at - (scene.snapshotAt ?? 0)).toBeLessThan(2 * SNAPSHOT_INTERVAL_S * 1000 + 5_000);
    const expected = foldVehicleStates(await readRecords(outside, TOPICS.vehicleState), at);
    const mine = scene.vehicles.filter((vehicle) => vehicle.ts >= startedAt);
    expect(mine).toHaveLength(CABS + TANKERS);
    expectSameFleet(mine, expected);
  });

  it("plays fast from the fleet-snapshot job's snapshots: each step is the fleet as the fold of fleet.vehicle-state up to its moment", async () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const stepMs = 2 * SNAPSHOT_INTERVAL_S * 1000;
    const stepsSince = async (from: number) =>
      replayStepsSchema.parse(await stack.fetchJson(`/api/fleet/replay/steps?from=${iso(from)}&until=${iso(Date.now() - 1_000)}&stepMs=${stepMs}`));
    const from = allReportedBy;
    // Until two moments on the grid after `from` are complete, the steps come from the fixes.
    const fromSnapshots = async () => {
      const answer = await stepsSince(from);
      return answer.steps.some((step) => step.vehicles.some((vehicle) => vehicle.positionSince !== undefined)) ? answer : undefined;
    };
    await expect.poll(async () => (await fromSnapshots())?.steps.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const steps = (await fromSnapshots())!;
    expect(steps.stepMs).toBe(stepMs);
    const records = await readRecords(outside, TOPICS.vehicleState);
    for (const step of steps.steps) {
      expect(step.at % stepMs).toBe(0);
      const mine = step.vehicles.filter((vehicle) => vehicle.ts >= startedAt);
      expect(mine).toHaveLength(CABS + TANKERS);
      expect(mine.every((vehicle) => vehicle.positionSince !== undefined)).toBe(true);
      expectSameFleet(mine, foldVehicleStates(records, step.at));
    }
  });

  it('refuses a malformed subscription with a clear error and keeps the connection', async () => {
    const socket = await connectSocket(stack.url);
    sockets.push(socket);
    const refused = await subscribe(socket, 'no-such-channel');
    expect(refused).toMatchObject({ error: { code: 'invalid_request' } });
    expect(await subscribe(socket, 'fleet')).toEqual({ ok: true });
  });

  it('sends a message that is not JSON to dlq.fleet-state, counts it in health and metrics, and keeps the good data flowing', async () => {
    const producer = outside.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.telemetryRaw, messages: [{ key: 'cab-0001', value: 'this is {not json' }] });
    await producer.disconnect();

    const dead = await readOne(outside, dlqTopic('fleet-state'));
    expect(dead.value).toBe('this is {not json');
    expect(dead.reason).toMatch(/^not-json/);

    await expect
      .poll(async () => (await stack.fetchJson<HealthResponse>('/api/health')).deadLetters['dlq.fleet-state'] ?? 0, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    const metrics = await (await stack.fetch('/metrics')).text();
    expect(metrics).toMatch(/fleetwatch_dead_letter_messages\{topic="dlq\.fleet-state"\} [1-9]/);

    const before = (await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles')).newestFixAt ?? 0;
    await expect.poll(async () => (await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles')).newestFixAt ?? 0, { timeout: 10_000 }).toBeGreaterThan(before);
    const health = await stack.fetchJson<HealthResponse>('/api/health');
    expect(health.status).toBe('ok');
  });
});

async function readOne(kafka: Kafka, topic: string): Promise<{ value: string; reason: string }> {
  const consumer = kafka.consumer({ groupId: `test-reader-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing on ${topic} within 15 s`)), 15_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve({ value: message.value?.toString() ?? '', reason: message.headers?.['dlq.reason']?.toString() ?? '' });
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}
