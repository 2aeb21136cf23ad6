import { randomUUID } from 'node:crypto';

import type { Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { Alert } from '../../lib/contracts/alerts';
import { alertSchema } from '../../lib/contracts/alerts';
import type { FleetSnapshotRecord, VehicleState } from '../../lib/contracts/fleet';
import type { ReplayScene, ReplaySteps, ReplayTimeline } from '../../lib/contracts/replay';
import { replaySceneSchema, replayStepsSchema, replayTimelineSchema } from '../../lib/contracts/replay';
import { TOPICS } from '../../lib/contracts/topics';
import type { Trip } from '../../lib/contracts/trip';
import { tripSchema } from '../../lib/contracts/trip';
import { ReplayFold } from '../../lib/fleet/replay-fold';
import { TRIP_CSV_HEADER } from '../../lib/fleet/trip-export';
import { TEST_PORTS } from '../support/ports';
import { signInOverHttp } from '../support/session';
import { TestStack } from '../support/stack';
import type { TopicRecord } from '../support/vehicle-state-oracle';
import { expectSameFleet, foldVehicleStates, readRecords } from '../support/vehicle-state-oracle';

const VEHICLES = 12;
const ROUNDS = 10;
const LOOKBACK_S = 60;
const SNAPSHOT_INTERVAL_S = 2;
const CACHE_AFTER_S = 2;
const run = randomUUID().slice(0, 8);
const vehicleId = (i: number) => `rpl-${run}-${String(i).padStart(2, '0')}`;

/** Alerts firing at `at`: the latest record of each anomaly alert written by then is firing. */
function oracleAlerts(records: TopicRecord[], at: number): string[] {
  const latest = new Map<string, Alert>();
  for (const record of records) {
    const parsed = alertSchema.safeParse(JSON.parse(record.value));
    if (record.timestamp <= at && parsed.success && parsed.data.kind === 'anomaly') latest.set(parsed.data.alertId, parsed.data);
  }
  return [...latest.values()]
    .filter((alert) => alert.state === 'firing')
    .map((alert) => alert.alertId)
    .sort();
}

function fix(i: number, ts: number, round: number): VehicleState {
  const moving = (i + round) % 3 !== 0;
  return {
    vehicleId: vehicleId(i),
    fleet: 'cabs',
    ts,
    lat: 52.4 + i * 0.01 + round * 0.001,
    lon: 13.3 + round * 0.001,
    speedKmh: moving ? 40 : 0,
    headingDeg: 90,
    engineTempC: 90 + round,
    fuelPct: 60,
    ignition: true,
    plate: `R-${i}`,
    driver: 'Test',
    status: moving ? 'moving' : 'idle',
  };
}

function anomaly(state: Alert['state'], detectedAt: number): Alert {
  return {
    alertId: `rpl-${run}-overheat`,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId: vehicleId(3),
    metric: 'engineTempC',
    value: 131,
    normal: { mean: 90, std: 3 },
    startedAt: detectedAt - 10_000,
    detectedAt,
    severity: 'critical',
    state,
  };
}

/**
 * Time travel against the real broker: records written to fleet.vehicle-state and fleet.anomalies
 * by an outside producer (as the fleet-state and anomaly jobs write them), then the BFF's replay
 * at several moments compared with an independent fold of the topic's records up to each moment.
 */
describe('time travel on the fleet', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.replay,
    logName: 'integration-replay',
    cabs: 0,
    tankers: 0,
    pipeline: false,
    env: { REPLAY_LOOKBACK_S: String(LOOKBACK_S), FLEET_SNAPSHOT_INTERVAL_S: String(SNAPSHOT_INTERVAL_S), REPLAY_STEP_CACHE_AFTER_S: String(CACHE_AFTER_S) },
  });
  const outside: Kafka = new KafkaClient({ clientId: 'replay-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  /** Moments between rounds: after round 4 (alert open), after round 9 (alert cleared). */
  const moments: number[] = [];
  let gap = { from: 0, until: 0 };
  /** The trip's vehicle: its fixes as produced, and the span they were written in. */
  const TRIPPER = 2;
  const tripFixes: VehicleState[] = [];
  const written = { from: 0, until: 0 };

  beforeAll(async () => {
    await stack.start();
    written.from = Date.now() - 1_000;
    const producer = outside.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    for (let round = 0; round < ROUNDS; round += 1) {
      const now = Date.now();
      const fixes = Array.from({ length: VEHICLES }, (_, i) => fix(i, now, round));
      tripFixes.push(fixes[TRIPPER] as VehicleState);
      // A late fix (taken 3 s before the latest) must never replace the newer one.
      const late = round > 0 ? [fix(5, now - 3_000, round - 1)] : [];
      await producer.send({
        topic: TOPICS.vehicleState,
        messages: [...fixes, ...late].map((state) => ({ key: state.vehicleId, value: JSON.stringify(state) })),
      });
      if (round === 2)
        await producer.send({ topic: TOPICS.anomalies, messages: [{ key: anomaly('firing', now).alertId, value: JSON.stringify(anomaly('firing', now)) }] });
      if (round === 7)
        await producer.send({ topic: TOPICS.anomalies, messages: [{ key: anomaly('cleared', now).alertId, value: JSON.stringify(anomaly('cleared', now)) }] });
      await new Promise((resolve) => setTimeout(resolve, round === 5 ? 4_000 : 600));
      if (round === 4 || round === 9) moments.push(Date.now());
      if (round === 5) gap = { from: now + 1_000, until: Date.now() - 1_000 };
    }
    await producer.disconnect();
    written.until = Date.now();
  });

  afterAll(async () => {
    await stack.stop();
  });

  /** As the fleet-snapshot job writes them: per moment, two buckets of two chunks, stamped with the moment. */
  async function writeSnapshots(snapshots: { at: number; entries: FleetSnapshotRecord['vehicles'] }[]): Promise<void> {
    const producer = outside.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    for (const { at, entries } of snapshots) {
      const buckets = [entries.filter((_, i) => i % 2 === 0), entries.filter((_, i) => i % 2 === 1)];
      await producer.send({
        topic: TOPICS.fleetSnapshots,
        messages: buckets.flatMap((vehicles, bucket) => {
          const half = Math.ceil(vehicles.length / 2);
          return [vehicles.slice(0, half), vehicles.slice(half)].map((chunkVehicles, chunk) => {
            const value: FleetSnapshotRecord = { at, bucket, buckets: 2, chunk, chunks: 2, vehicles: chunkVehicles };
            return { key: String(bucket), value: JSON.stringify(value), timestamp: String(at) };
          });
        }),
      });
    }
    await producer.disconnect();
  }

  const scene = async (at: number): Promise<ReplayScene> =>
    replaySceneSchema.parse(await stack.fetchJson(`/api/fleet/replay?at=${new Date(at).toISOString()}`));

  it('replays the fleet at each moment exactly as an independent fold of the topic up to that moment', async () => {
    const records = await readRecords(outside, TOPICS.vehicleState);
    const alertRecords = await readRecords(outside, TOPICS.anomalies);
    for (const at of moments) {
      const replayed = await scene(at);
      const expected = foldVehicleStates(records, at, at - LOOKBACK_S * 1000);
      expect(replayed.vehicles.length).toBe(expected.size);
      expectSameFleet(replayed.vehicles, expected);
      expect(replayed.alerts.map((alert) => alert.alertId).sort()).toEqual(oracleAlerts(alertRecords, at));
    }
    // This run's own vehicles: all there, and the overheat open at the first moment only.
    const [first, second] = await Promise.all(moments.map(scene));
    expect(first?.vehicles.filter((v) => v.vehicleId.startsWith(`rpl-${run}`))).toHaveLength(VEHICLES);
    expect(first?.alerts.map((a) => a.alertId)).toContain(`rpl-${run}-overheat`);
    expect(second?.alerts.map((a) => a.alertId)).not.toContain(`rpl-${run}-overheat`);
  });

  it('plays forward: the first scene plus the steps to the second moment fold into the second scene', async () => {
    const [fromAt, untilAt] = moments as [number, number];
    const fold = new ReplayFold();
    const start = await scene(fromAt);
    for (const vehicle of start.vehicles) fold.applyVehicle(vehicle);
    for (const alert of start.alerts) fold.applyAlert(alert);
    const iso = (ms: number) => new Date(ms).toISOString();
    const steps: ReplaySteps = replayStepsSchema.parse(await stack.fetchJson(`/api/fleet/replay/steps?from=${iso(fromAt)}&until=${iso(untilAt)}&stepMs=1000`));
    for (const step of steps.steps) {
      for (const vehicle of step.vehicles) fold.applyVehicle(vehicle);
      for (const alert of step.alerts) fold.applyAlert(alert);
    }
    const end = await scene(untilAt);
    const mine = (vehicles: { vehicleId: string; ts: number; lat: number }[]) =>
      vehicles
        .filter((v) => v.vehicleId.startsWith(`rpl-${run}`))
        .map(({ vehicleId: id, ts, lat }) => ({ id, ts, lat }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(mine(fold.latest())).toEqual(mine(end.vehicles));
    expect(fold.openAlerts().map((a) => a.alertId)).not.toContain(`rpl-${run}-overheat`);
  });

  it('marks on the timeline where data is missing and where the alert fired', async () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const from = (moments[0] ?? 0) - 8_000;
    const until = moments[1] ?? 0;
    const timeline: ReplayTimeline = replayTimelineSchema.parse(
      await stack.fetchJson(`/api/fleet/replay/timeline?from=${iso(from)}&until=${iso(until)}&buckets=${Math.ceil((until - from) / 500)}`),
    );
    const inGap = timeline.buckets.filter((b) => b.start >= gap.from && b.start + timeline.bucketMs <= gap.until);
    expect(inGap.length).toBeGreaterThan(0);
    expect(inGap.every((b) => b.records === 0)).toBe(true);
    expect(timeline.buckets.filter((b) => b.records > 0).length).toBeGreaterThan(5);
    expect(timeline.buckets.reduce((sum, b) => sum + b.alertsFired, 0)).toBeGreaterThanOrEqual(1);
  });

  it('refuses a moment outside retention with the oldest moment available, and one in the future', async () => {
    const old = await stack.fetch(`/api/fleet/replay?at=${new Date(Date.now() - 8 * 24 * 3_600_000).toISOString()}`);
    expect(old.status).toBe(400);
    const body = (await old.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('out_of_retention');
    expect(body.error.message).toMatch(/oldest moment available is \d{4}-\d\d-\d\dT/);
    const future = await stack.fetch(`/api/fleet/replay?at=${new Date(Date.now() + 3_600_000).toISOString()}`);
    expect(((await future.json()) as { error: { code: string } }).error.code).toBe('in_the_future');
    expect((await stack.fetch('/api/fleet/replay?at=yesterday')).status).toBe(400);
  });

  it("gives one vehicle's trip: every fix it produced, in order, and the same as CSV; a period outside retention refused", async () => {
    const period = `from=${new Date(written.from).toISOString()}&to=${new Date(written.until).toISOString()}`;
    const url = `/api/fleet/vehicles/${vehicleId(TRIPPER)}/trip?${period}`;
    const trip: Trip = tripSchema.parse(await stack.fetchJson(url));
    const last = tripFixes.at(-1);
    expect(trip.fixes).toBe(tripFixes.length);
    expect(trip.points.map((p) => p.ts)).toEqual(tripFixes.map((f) => f.ts));
    expect(trip.points.at(-1)).toMatchObject({ ts: last?.ts, lat: last?.lat, lon: last?.lon, speedKmh: last?.speedKmh });
    expect(trip.summary.distanceKm).toBeGreaterThan(0);
    const csv = await stack.fetch(`${url}&format=csv`);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="trip-rpl-.*\.csv"$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(TRIP_CSV_HEADER.join(','));
    expect(lines).toHaveLength(tripFixes.length + 1);
    const old = await stack.fetch(`/api/fleet/vehicles/${vehicleId(TRIPPER)}/trip?from=${new Date(Date.now() - 8 * 24 * 3_600_000).toISOString()}`);
    expect(old.status).toBe(400);
    expect(((await old.json()) as { error: { message: string } }).error.message).toMatch(/oldest moment available is \d{4}-/);
  });

  it('lets only roles that see the fleet replay it', async () => {
    const at = new Date(moments[0] ?? Date.now()).toISOString();
    const asRole = async (role: string) =>
      (await stack.fetch(`/api/fleet/replay?at=${at}`, { headers: { cookie: await signInOverHttp(stack.url, role, 'demo') } }, null)).status;
    expect(await asRole('fleet')).toBe(200);
    expect(await asRole('security')).toBe(403);
    expect(await asRole('platform')).toBe(403);
    const trip = `/api/fleet/vehicles/${vehicleId(TRIPPER)}/trip`;
    expect((await stack.fetch(trip, { headers: { cookie: await signInOverHttp(stack.url, 'security', 'demo') } }, null)).status).toBe(403);
  });

  it('starts a scene from the newest snapshot before the moment: a vehicle only the snapshot knows is drawn, the rest equals the fold of every record up to the moment', async () => {
    const records = await readRecords(outside, TOPICS.vehicleState);
    const at = moments[1] ?? 0;
    const snapshotAt = Math.floor(at / (SNAPSHOT_INTERVAL_S * 1000)) * SNAPSHOT_INTERVAL_S * 1000;
    // As the fleet-snapshot job writes it: every record up to its `at`, in buckets and chunks, stamped with `at`.
    const base = [...foldVehicleStates(records, snapshotAt).values()];
    const ghost = { state: { ...fix(0, snapshotAt - 3_600_000, 0), vehicleId: `rpl-${run}-ghost` }, receivedAt: snapshotAt - 3_600_000 };
    const entries = [...base, ghost].map((entry) => ({ ...entry, positionSince: entry.state.ts, movedWhileStill: false }));
    await writeSnapshots([{ at: snapshotAt, entries }]);

    const replayed = await scene(at);
    expect(replayed.snapshotAt).toBe(snapshotAt);
    const expected = foldVehicleStates(records, at);
    expected.set(ghost.state.vehicleId, ghost);
    expect(replayed.vehicles.length).toBe(expected.size);
    expectSameFleet(replayed.vehicles, expected);
    expect(replayed.vehicles.find((v) => v.vehicleId === ghost.state.vehicleId)?.receivedAt).toBe(ghost.receivedAt);

    // A moment well after the newest snapshot (the job behind, or down a while): the older one within the lookback is still the base.
    const later = snapshotAt + 12_000;
    await expect.poll(() => Date.now(), { timeout: 20_000 }).toBeGreaterThan(later + 1_000);
    const again = await scene(later);
    expect(again.snapshotAt).toBe(snapshotAt);
    expect(again.vehicles.map((v) => v.vehicleId)).toContain(ghost.state.vehicleId);
    expect(again.vehicles.length).toBe(foldVehicleStates(await readRecords(outside, TOPICS.vehicleState), later).size + 1);
  });

  // After the scene-from-snapshot test: its snapshot must stay the newest before its moments.
  it('plays fast from snapshots, and a stretch played again comes from the step cache, byte for byte the same', async () => {
    const interval = SNAPSHOT_INTERVAL_S * 1000;
    const records = await readRecords(outside, TOPICS.vehicleState);
    const last = Math.floor((Date.now() - 1_000) / interval) * interval;
    const grid = [last - 2 * interval, last - interval, last];
    const entriesAt = (at: number) =>
      [...foldVehicleStates(records, at).values()].map((entry) => ({ ...entry, positionSince: entry.state.ts, movedWhileStill: false }));
    await writeSnapshots(grid.map((at) => ({ at, entries: entriesAt(at) })));
    // Only a moment older than REPLAY_STEP_CACHE_AFTER_S is cached.
    await expect.poll(() => Date.now(), { timeout: 10_000 }).toBeGreaterThan(last + CACHE_AFTER_S * 1000 + 500);

    const iso = (ms: number) => new Date(ms).toISOString();
    const url = `/api/fleet/replay/steps?from=${iso(grid[0] ?? 0)}&until=${iso(last)}&stepMs=${interval}`;
    const stepsServed = async () => {
      const metrics = await (await stack.fetch('/metrics')).text();
      const count = (source: string) => Number(new RegExp(`^fleetwatch_replay_steps_total\\{source="${source}"\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
      return { snapshots: count('snapshots'), cache: count('cache') };
    };
    const before = await stepsServed();
    const read = await (await stack.fetch(url)).text();
    const between = await stepsServed();
    const again = await (await stack.fetch(url)).text();
    const after = await stepsServed();

    expect(between.snapshots - before.snapshots).toBe(2);
    expect(after.cache - between.cache).toBe(2);
    expect(after.snapshots).toBe(between.snapshots);
    expect(again).toBe(read);

    // Deflated for a client that takes it (every browser does), the same JSON; as it is for one that does not.
    const deflated = await stack.fetch(url, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(deflated.headers.get('content-encoding')).toBe('deflate');
    expect(await deflated.text()).toBe(read);
    const plain = await stack.fetch(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(read);
    const steps = replayStepsSchema.parse(JSON.parse(read));
    expect(steps.steps.map((step) => step.at)).toEqual(grid.slice(1));
    for (const step of steps.steps) {
      expect(step.vehicles.every((vehicle) => vehicle.positionSince !== undefined)).toBe(true);
      expectSameFleet(step.vehicles, foldVehicleStates(records, step.at));
    }
  });
});
