import type { Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { AlertPush, AlertsResponse } from '../../lib/api/alerts';
import type { FleetSnapshot } from '../../lib/api/fleet';
import type { Alert } from '../../lib/contracts/alerts';
import type { Cargo } from '../../lib/contracts/fleet';
import { TOPICS } from '../../lib/contracts/topics';
import { TEST_PORTS } from '../support/ports';
import { sendScenario } from '../support/scenario';
import { signInOverHttp } from '../support/session';
import type { TestSocket } from '../support/socket-client';
import { connectSocket, nextEvent, subscribe } from '../support/socket-client';
import { TestStack } from '../support/stack';

/** The container rule's limits per cargo, as the README's anomaly section gives them. */
const CARGO_LIMITS_C: Record<Cargo, { min: number; max: number }> = {
  gasoline: { min: -5, max: 35 },
  diesel: { min: -5, max: 40 },
  naphtha: { min: -5, max: 35 },
  lpg: { min: -10, max: 30 },
};

/**
 * simulator (overheat, cooling-failure, freezing) → fleet-state → anomaly job → fleet.anomalies → BFF alert store →
 * `alerts` channel, on the real broker; actions through one BFF instance seen by a second one,
 * and the inbox's state rebuilt from Kafka after a restart.
 */
describe('the alert inbox end to end', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({ brokers, bffPort: TEST_PORTS.alerts, logName: 'integration-alerts', cabs: 4, tankers: 2, telemetryIntervalMs: 500 });
  // A second BFF instance against the same cluster, with no pipeline of its own.
  const second = new TestStack({ brokers, bffPort: TEST_PORTS.alertsSecond, logName: 'integration-alerts-second', cabs: 1, tankers: 0, pipeline: false });
  const outside: Kafka = new KafkaClient({ clientId: 'alerts-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  const sockets: TestSocket[] = [];
  let fleetCookie = '';
  let overheat: AlertPush | undefined;

  let startedAt = 0;

  beforeAll(async () => {
    startedAt = Date.now();
    await Promise.all([stack.start(), second.start()]);
    await stack.waitForLog(/listening for scenario commands/);
    // The anomaly job runs on Flink: stack.start() returns once Flink lists it running.
    fleetCookie = await signInOverHttp(stack.url, 'fleet', 'demo');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([stack.stop(), second.stop()]);
  });

  const socketOn = async (target: TestStack, token?: string | null, cookie?: string): Promise<TestSocket> => {
    const socket = await connectSocket(target.url, token, cookie);
    sockets.push(socket);
    expect(await subscribe(socket, 'alerts')).toEqual({ ok: true });
    return socket;
  };

  const alertsOf = async (target: TestStack, query = ''): Promise<AlertsResponse> => target.fetchJson<AlertsResponse>(`/api/alerts${query}`);

  it('delivers the overheat scenario as an engine alert to a Socket.IO client within 15 s of the fault', async () => {
    const socket = await socketOn(stack);
    const arrived = nextEvent(
      socket,
      'alert:upsert',
      20_000,
      (view) => view.alert.kind === 'anomaly' && view.alert.metric === 'engineTempC' && view.alert.state === 'firing',
    );
    const command = await sendScenario(outside, 'overheat', { durationS: 40 });
    const view = await arrived;
    const latencyMs = Date.now() - command.issuedAt;
    expect(latencyMs).toBeLessThan(15_000);
    expect(view).toMatchObject({ status: 'open', alert: { kind: 'anomaly', team: 'fleet', state: 'firing' } });
    expect(view.alert.value).toBeGreaterThan(100);
    expect(view.alert.startedAt).toBeGreaterThanOrEqual(command.issuedAt - 1_000);
    overheat = view;
  });

  it('raises nothing for the sensor-spike scenario (one sensor 50 °C too high for 3 s)', async () => {
    const { vehicles } = await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles');
    const target = vehicles.find(
      (vehicle) => vehicle.ts >= startedAt && vehicle.ignition && (overheat?.alert.kind !== 'anomaly' || vehicle.vehicleId !== overheat.alert.vehicleId),
    )?.vehicleId;
    expect(target).toBeDefined();
    const socket = await socketOn(stack);
    const alerted = nextEvent(socket, 'alert:upsert', 16_000, (view) => view.alert.kind === 'anomaly' && view.alert.vehicleId === target).then(
      () => true,
      () => false,
    );
    await sendScenario(outside, 'sensor-spike', { target });
    expect(await alerted).toBe(false);
    // The spike did go through the pipeline: the vehicle's history shows it.
    const { points } = await stack.fetchJson<{ points: { engineTempC: number }[] }>(`/api/fleet/vehicles/${target}/history?minutes=2`);
    expect(Math.max(...points.map((point) => point.engineTempC))).toBeGreaterThan(110);
  });

  it('delivers the cooling-failure and freezing scenarios as container-temperature alerts above and below the cargo limits, each cleared under its own id', async () => {
    const { vehicles } = await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles');
    const tankers = vehicles.filter((vehicle) => vehicle.fleet === 'tankers' && vehicle.status !== 'offline' && vehicle.containerTempC !== undefined);
    expect(tankers.length).toBeGreaterThanOrEqual(2);
    const socket = await socketOn(stack);
    // Both faults at once, one tank each: the rule's high side (cooling-failure) and low side (freezing).
    const faults = (['cooling-failure', 'freezing'] as const).map(async (scenario, index) => {
      const tanker = tankers[index];
      const limits = CARGO_LIMITS_C[tanker?.cargo ?? 'gasoline'];
      const ofTank = (view: AlertPush) => view.alert.kind === 'anomaly' && view.alert.vehicleId === tanker?.vehicleId && view.alert.metric === 'containerTempC';
      const fired = nextEvent(socket, 'alert:upsert', 30_000, (view) => ofTank(view) && view.alert.state === 'firing');
      // 20 s of drifting 1 °C/s: well past the tank's learned band (±3 °C at least), and back to normal 15 s later.
      const command = await sendScenario(outside, scenario, { target: tanker?.vehicleId, durationS: 20 });
      const firing = await fired;
      expect(Date.now() - command.issuedAt).toBeLessThan(30_000);
      expect(firing.alert).toMatchObject({ kind: 'anomaly', team: 'fleet', fleet: 'tankers', metric: 'containerTempC', state: 'firing' });
      expect(firing.alert.startedAt).toBeGreaterThanOrEqual(command.issuedAt - 1_000);
      const normal = firing.alert.normal as { min: number; max: number };
      expect(normal.min).toBeGreaterThanOrEqual(limits.min);
      expect(normal.max).toBeLessThanOrEqual(limits.max);
      if (scenario === 'freezing') expect(firing.alert.value).toBeLessThan(normal.min);
      else expect(firing.alert.value).toBeGreaterThan(normal.max);
      // Listened for only now (no await in between loses nothing): the clear comes ANOMALY_CLEAR_AFTER_S after the fire at the earliest.
      const end = await nextEvent(socket, 'alert:upsert', 60_000, (view) => ofTank(view) && view.alert.state === 'cleared');
      expect(end.alert.alertId).toBe(firing.alert.alertId);
      // Not before the tank stopped drifting (20 s) and stayed back inside for ANOMALY_CLEAR_AFTER_S (10 s).
      expect(end.alert.detectedAt).toBeGreaterThanOrEqual(command.issuedAt + 29_000);
    });
    await Promise.all(faults);
  });

  it('refuses a malformed action with a 400 in the error shape, and an unknown alert with a 404', async () => {
    const bad = await stack.fetch(`/api/alerts/${overheat?.alert.alertId}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'snooze' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('until') } });
    const unknown = await stack.fetch('/api/alerts/no-such-alert/actions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'ack' }),
    });
    expect(unknown.status).toBe(404);
  });

  it('shows an acknowledgement made through one instance to a client of the second instance within 2 s', async () => {
    const alertId = overheat?.alert.alertId ?? '';
    expect(alertId).not.toBe('');
    // The second instance has read the alert too (it rebuilt the inbox from Kafka on its own).
    await expect.poll(async () => (await alertsOf(second)).alerts.some((view) => view.alert.alertId === alertId), { timeout: 10_000 }).toBe(true);
    const watcher = await socketOn(second);
    const seen = nextEvent(watcher, 'alert:upsert', 2_000, (view) => view.alert.alertId === alertId && view.status === 'acknowledged');
    const sentAt = Date.now();
    const response = await stack.fetch(
      `/api/alerts/${alertId}/actions`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: fleetCookie, origin: stack.url },
        body: JSON.stringify({ action: 'ack', note: 'driver called' }),
      },
      null,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, alert: { status: 'acknowledged', acknowledged: { by: 'fleet' } } });
    const view = await seen;
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    expect(view.acknowledged?.by).toBe('fleet');
  });

  it('keeps the acknowledged state and its audit trail across a BFF restart', async () => {
    const alertId = overheat?.alert.alertId ?? '';
    await stack.stopBff();
    await stack.startBff();
    await expect
      .poll(async () => (await alertsOf(stack)).alerts.find((view) => view.alert.alertId === alertId)?.status, { timeout: 20_000 })
      .toBe('acknowledged');
    const view = (await alertsOf(stack)).alerts.find((candidate) => candidate.alert.alertId === alertId);
    const actions = view?.audit.filter((entry) => entry.type === 'action');
    expect(actions).toEqual([expect.objectContaining({ action: 'ack', by: 'fleet', note: 'driver called', applied: true })]);
    expect(view?.audit[0]).toMatchObject({ type: 'alert', state: 'firing' });
  });

  it("shows each team only its own alerts: a security alert reaches admin's socket, not the fleet team's", async () => {
    const fleetSocket = await socketOn(stack, null, await signInOverHttp(stack.url, 'fleet', 'demo'));
    const adminSocket = await socketOn(stack);
    const capacity: Alert = {
      alertId: `capacity.test-zone.${Date.now()}`,
      kind: 'capacity',
      team: 'security',
      zoneId: 'test-zone',
      metric: 'occupancy',
      value: 120,
      normal: { min: 0, max: 90 },
      startedAt: Date.now(),
      detectedAt: Date.now(),
      severity: 'critical',
      state: 'firing',
    };
    const fleetSaw = nextEvent(fleetSocket, 'alert:upsert', 5_000, (view) => view.alert.alertId === capacity.alertId).then(
      () => true,
      () => false,
    );
    const adminSaw = nextEvent(adminSocket, 'alert:upsert', 5_000, (view) => view.alert.alertId === capacity.alertId);
    const producer = outside.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.zoneAlerts, messages: [{ key: capacity.alertId, value: JSON.stringify(capacity) }] });
    await producer.disconnect();
    expect((await adminSaw).alert.team).toBe('security');
    expect(await fleetSaw).toBe(false);
    const asFleet = await stack.fetch('/api/alerts?team=security', { headers: { cookie: fleetCookie } }, null);
    expect(((await asFleet.json()) as AlertsResponse).alerts).toEqual([]);
  });

  it('silences matching alerts with a required reason, visible to every instance', async () => {
    const missingReason = await stack.fetch('/api/alerts/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ team: 'fleet', expiresAt: Date.now() + 60_000 }),
    });
    expect(missingReason.status).toBe(400);
    const vehicleId = overheat?.alert.kind === 'anomaly' ? overheat.alert.vehicleId : '';
    const created = await stack.fetch('/api/alerts/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ team: 'fleet', vehicleId, reason: 'engine test bench', expiresAt: Date.now() + 600_000 }),
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await alertsOf(second)).alerts.find((view) => view.alert.alertId === overheat?.alert.alertId)?.status, { timeout: 5_000 })
      .toBe('silenced');
    // Other files' silences share the broker's topic: this vehicle's is the one made here, once.
    const ofVehicle = (await alertsOf(second)).silences.filter((silence) => silence.vehicleId === vehicleId);
    expect(ofVehicle).toEqual([expect.objectContaining({ vehicleId, reason: 'engine test bench', createdBy: 'demo-admin' })]);
  });
});
