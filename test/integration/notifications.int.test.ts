import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { AlertPush, AlertsResponse, AlertView, AuditEntry } from '../../lib/api/alerts';
import type { FleetSnapshot } from '../../lib/api/fleet';
import type { Alert } from '../../lib/contracts/alerts';
import type { Vehicle } from '../../lib/contracts/fleet';
import type { ScenarioCommand } from '../../lib/contracts/simulator-control';
import { TOPICS } from '../../lib/contracts/topics';
import type { WebhookPayload } from '../../server/notify/payload';
import { TEST_PORTS } from '../support/ports';
import { HttpReceiver, SmtpReceiver, SnsEndpoint } from '../support/receivers';
import { sendScenario } from '../support/scenario';
import type { TestSocket } from '../support/socket-client';
import { connectSocket, nextEvent, subscribe } from '../support/socket-client';
import { TestStack } from '../support/stack';
import { TEST_LOG_DIR } from '../support/test-kafka';

/**
 * The notifier against real receivers on loopback (an HTTP server for webhooks and Slack,
 * aiosmtpd for e-mail, an SNS endpoint that checks SigV4 signatures) and the real broker, with
 * two BFF instances. The overheat goes the whole way: scenario → simulator → Flink (fleet-state,
 * anomaly) → fleet.anomalies → inbox → notifier → receivers, to the driver the simulator's
 * registry names; the other teams' alerts go on their topics as any producer writes them.
 */
const SNS_CREDENTIALS = { accessKeyId: 'AKIDNOTIFYTEST', secretAccessKey: 'notify-test-secret-key' };
/** Long enough for the firing, repeat and acknowledgement cases to finish before it clears. */
const OVERHEAT_S = 40;
/** How long the platform receiver stays down, as the issue says. */
const RECEIVER_DOWN_MS = 30_000;

function alertingConfig(http: HttpReceiver, smtpPort: number, sns: SnsEndpoint): string {
  return `
route:
  receiver: platform-hook
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
  routes:
    - matchers: ['team="fleet"']
      receiver: fleet-oncall
      group_by: [vehicleId]
      repeat_interval: 4s
      continue: true
    - matchers: ['team="fleet"', 'severity="critical"']
      receiver: driver-sms
      group_by: [vehicleId]
    - matchers: ['team="security"']
      receiver: security-hook
receivers:
  - name: fleet-oncall
    webhook_configs: [{ url: '${http.url('/fleet')}' }]
    email_configs:
      - { to: fleet-oncall@example.com, from: fleetwatch@example.com, smarthost: '127.0.0.1:${smtpPort}', require_tls: false, send_resolved: true }
    slack_configs:
      - { api_url: '${http.url('/slack/T000/B000/slack-secret-token')}', channel: '#fleet' }
  - name: driver-sms
    sns_configs:
      - { to_driver: true, api_url: '${sns.url}', sigv4: { region: eu-west-1, access_key: ${SNS_CREDENTIALS.accessKeyId}, secret_key: ${SNS_CREDENTIALS.secretAccessKey} } }
  - name: security-hook
    webhook_configs: [{ url: '${http.url('/security')}' }]
  - name: platform-hook
    webhook_configs: [{ url: '${http.url('/platform')}' }]
`;
}

describe('notifications to real receivers', () => {
  const brokers = inject('brokers');
  const http = new HttpReceiver(TEST_PORTS.notifyHttp);
  const smtp = new SmtpReceiver(TEST_PORTS.notifySmtp);
  const sns = new SnsEndpoint(TEST_PORTS.notifySns, SNS_CREDENTIALS, 'eu-west-1');
  const configFile = path.join(TEST_LOG_DIR, 'notifications-alerting.yml');
  // Backoff 0.5, 1, 2, 2, … s: 40 attempts outlast the receiver's 30 s down (about 17 attempts) with room to spare, and the one after its return lands within 2 s.
  const env = { ALERTING_CONFIG: configFile, NOTIFY_BACKOFF_MAX_S: '2', NOTIFY_MAX_ATTEMPTS: '40', NOTIFY_TIMEOUT_S: '2' };
  // Only what an engine alert needs: cabs, the fleet-state and anomaly jobs, no sales, campus or archiver.
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.notify,
    logName: 'integration-notify',
    cabs: 3,
    tankers: 0,
    simulatorArgs: ['--purchases-per-s', '0', '--sightings-per-s', '0', '--no-archiver'],
    flinkJobs: ['fleet-state', 'anomaly'],
    env,
  });
  const second = new TestStack({ brokers, bffPort: TEST_PORTS.notifySecond, logName: 'integration-notify-second', cabs: 1, tankers: 0, pipeline: false, env });
  const outside: Kafka = new KafkaClient({ clientId: 'notify-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  const producer = outside.producer();
  const run = Date.now().toString(36);
  let socket: TestSocket | undefined;
  let command: ScenarioCommand | undefined;
  let overheat: AlertPush | undefined;
  let vehicleId = '';
  const lag: Alert = {
    alertId: `consumer-lag.notify-group.${run}`,
    kind: 'consumer-lag',
    team: 'platform',
    groupId: 'notify-group',
    metric: 'lagSeconds',
    value: 900,
    normal: { min: 0, max: 300 },
    startedAt: Date.now(),
    detectedAt: Date.now(),
    severity: 'warning',
    state: 'firing',
  };
  let lagSentAt = 0;

  const send = async (topic: string, key: string, value: unknown) => producer.send({ topic, messages: [{ key, value: JSON.stringify(value) }] });
  const viewOf = async (target: TestStack, alertId: string): Promise<AlertView | undefined> =>
    (await target.fetchJson<AlertsResponse>('/api/alerts')).alerts.find((view) => view.alert.alertId === alertId);
  const webhooksAbout = (receiverPath: string, alertId: string) =>
    http
      .on(receiverPath)
      .filter((entry) => (entry.body as WebhookPayload).alerts.some((alert) => alert.annotations.link?.endsWith(encodeURIComponent(alertId))));
  const payloadsFor = (receiverPath: string, alertId: string) => webhooksAbout(receiverPath, alertId).map((entry) => entry.body as WebhookPayload);
  const mailsAbout = (status: 'FIRING' | 'RESOLVED') =>
    smtp.mails().filter((mail) => mail.subject.startsWith(`[${status}`) && mail.subject.includes(vehicleId));

  beforeAll(async () => {
    await Promise.all([http.start(), smtp.start(), sns.start()]);
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    fs.writeFileSync(configFile, alertingConfig(http, TEST_PORTS.notifySmtp, sns));
    await Promise.all([stack.start(), second.start()]);
    await stack.waitForLog(/listening for scenario commands/);
    await producer.connect();
    // Both instances have joined the notifier group and the rebalance has settled.
    await Promise.all([stack.waitForLog(/notifier started/), second.waitForLog(/notifier started/)]);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    // The platform receiver goes down for 30 s with an alert for it pending, while the fleet cases run: its retries must not delay them.
    http.failFor('/platform', RECEIVER_DOWN_MS);
    lagSentAt = Date.now();
    await send(TOPICS.lagAlerts, lag.alertId, lag);
  });

  afterAll(async () => {
    socket?.disconnect();
    await producer.disconnect();
    await Promise.all([stack.stop(), second.stop()]);
    smtp.stop();
    await Promise.all([http.stop(), sns.stop()]);
  });

  it('sends the overheat scenario as an Alertmanager v4 webhook within 15 s of the alert reaching the inbox, Slack, one e-mail across two instances and a signed SMS to the driver', async () => {
    const startedAt = Date.now();
    const { vehicles } = await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles');
    // A cab with its engine running: an engine alert needs the ignition on.
    vehicleId = vehicles.find((vehicle) => vehicle.ts >= startedAt - 5_000 && vehicle.ignition && vehicle.fleet === 'cabs')?.vehicleId ?? '';
    expect(vehicleId).not.toBe('');
    socket = await connectSocket(stack.url);
    expect(await subscribe(socket, 'alerts')).toEqual({ ok: true });
    const inInbox = nextEvent(
      socket,
      'alert:upsert',
      30_000,
      (view) =>
        view.alert.kind === 'anomaly' &&
        view.alert.vehicleId === vehicleId &&
        view.alert.metric === 'engineTempC' &&
        view.alert.state === 'firing' &&
        view.alert.startedAt >= startedAt - 1_000,
    ).then((view) => ({ view, at: Date.now() }));
    command = await sendScenario(outside, 'overheat', { target: vehicleId, durationS: OVERHEAT_S });
    const arrival = await inInbox;
    overheat = arrival.view;
    const alertId = overheat.alert.alertId;
    await expect.poll(() => payloadsFor('/fleet', alertId).length, { timeout: 15_000, interval: 100 }).toBeGreaterThan(0);
    const [first] = webhooksAbout('/fleet', alertId);
    const webhookAfterInboxMs = (first?.at ?? Infinity) - arrival.at;
    console.info(`overheat: in the inbox ${arrival.at - command.issuedAt} ms after the scenario command, webhook ${webhookAfterInboxMs} ms after the inbox`);
    expect(webhookAfterInboxMs).toBeLessThan(15_000);
    const payload = first?.body as WebhookPayload;
    expect(payload).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'fleet-oncall',
      groupLabels: { vehicleId },
      commonLabels: { team: 'fleet', severity: 'critical', kind: 'anomaly', metric: 'engineTempC', vehicleId, fleet: 'cabs' },
      truncatedAlerts: 0,
    });
    expect(payload.alerts[0]).toMatchObject({
      status: 'firing',
      labels: { alertname: 'anomaly_engineTempC', team: 'fleet', kind: 'anomaly', metric: 'engineTempC', vehicleId, fleet: 'cabs' },
      endsAt: '0001-01-01T00:00:00Z',
    });
    // The link is the sending instance's own address; which of the two sends depends on the notifier group's assignment.
    expect([stack, second].map((instance) => `${instance.url}/alerts?alert=${encodeURIComponent(alertId)}`)).toContain(payload.alerts[0]?.annotations.link);

    await expect.poll(() => mailsAbout('FIRING').length, { timeout: 10_000 }).toBe(1);
    expect(mailsAbout('FIRING')[0]).toMatchObject({ to: 'fleet-oncall@example.com', from: 'fleetwatch@example.com' });
    expect(http.on('/slack/T000/B000/slack-secret-token').length).toBeGreaterThan(0);
    // The driver's number is the one the simulator registered for this cab on fleet.vehicles.
    const driverPhone = (await registryEntry(outside, vehicleId))?.driverPhone;
    expect(driverPhone).toMatch(/^\+\d+$/);
    const toDriver = () => sns.published.filter((publish) => publish.params.PhoneNumber === driverPhone && publish.params.Message?.includes(alertId));
    await expect.poll(() => toDriver().length, { timeout: 10_000 }).toBe(1);
    expect(toDriver()[0]?.signatureValid).toBe(true);

    // Every attempt is in the alert's trail on both instances, with the Slack URL's secret path redacted.
    await expect
      .poll(async () => notificationsIn(await viewOf(second, alertId)).filter((entry) => entry.outcome === 'sent').length, { timeout: 5_000 })
      .toBeGreaterThanOrEqual(4);
    const trail = notificationsIn(await viewOf(second, alertId));
    expect(trail.map((entry) => `${entry.receiver} ${entry.integration} ${entry.outcome}`)).toEqual(
      expect.arrayContaining(['fleet-oncall webhook[0] sent', 'fleet-oncall email[0] sent', 'fleet-oncall slack[0] sent', 'driver-sms sns[0] sent']),
    );
    expect(JSON.stringify(trail)).not.toContain('slack-secret-token');
    expect(JSON.stringify(trail)).not.toContain(SNS_CREDENTIALS.secretAccessKey);
    expect(JSON.stringify(trail)).not.toContain(driverPhone);
    // One instance sent it: only one counts it.
    const emailSent = /fleetwatch_notifications_total\{receiver="fleet-oncall",integration="email",outcome="sent"\} [1-9]/;
    const counted = await Promise.all([stack, second].map(async (target) => emailSent.test(await (await target.fetch('/metrics')).text())));
    expect(counted.filter(Boolean)).toHaveLength(1);
  });

  it('repeats every repeat_interval while open, and no more once acknowledged', async () => {
    const alertId = overheat?.alert.alertId ?? '';
    expect(alertId).not.toBe('');
    await expect.poll(() => payloadsFor('/fleet', alertId).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // Repeats come repeat_interval (4 s) apart, not at every group_interval (1 s) flush.
    const firingAt = webhooksAbout('/fleet', alertId).map((entry) => entry.at);
    for (const [index, at] of firingAt.slice(1).entries()) expect(at - (firingAt[index] ?? 0)).toBeGreaterThanOrEqual(3_000);
    const acknowledged = await stack.fetch(`/api/alerts/${alertId}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'ack' }),
    });
    expect(acknowledged.status).toBe(200);
    // A repeat already on its way when the acknowledgement landed may still arrive.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const afterAck = payloadsFor('/fleet', alertId).length;
    const mailsAfterAck = mailsAbout('FIRING').length;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    // Still within the fault: the alert is firing, so only the acknowledgement holds the repeats back.
    expect(Date.now()).toBeLessThan((command?.issuedAt ?? 0) + OVERHEAT_S * 1_000);
    expect(payloadsFor('/fleet', alertId).length).toBe(afterAck);
    // Each e-mail went out once, from one instance: the first and the repeat(s) before the acknowledgement.
    expect(mailsAbout('FIRING').length).toBe(mailsAfterAck);
  });

  it('sends a resolved notification once the overheat ends and the anomaly job clears the alert', async () => {
    const alertId = overheat?.alert.alertId ?? '';
    // The fault ends OVERHEAT_S after the command, fades back over 15 s, and clears after ANOMALY_CLEAR_AFTER_S (10 s) back inside.
    await expect.poll(() => payloadsFor('/fleet', alertId).some((payload) => payload.status === 'resolved'), { timeout: 60_000, interval: 250 }).toBe(true);
    const resolved = payloadsFor('/fleet', alertId).find((payload) => payload.status === 'resolved');
    expect(resolved?.alerts[0]).toMatchObject({ status: 'resolved', labels: { vehicleId, metric: 'engineTempC' } });
    expect(Date.parse(resolved?.alerts[0]?.endsAt ?? '')).toBeGreaterThanOrEqual((command?.issuedAt ?? 0) + OVERHEAT_S * 1_000);
    expect((await viewOf(stack, alertId))?.alert.state).toBe('cleared');
    await expect.poll(() => mailsAbout('RESOLVED').length, { timeout: 10_000 }).toBe(1);
  });

  it('sends nothing for a silenced alert', async () => {
    const silence = await stack.fetch('/api/alerts/silences', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ team: 'security', reason: 'drill in progress', expiresAt: Date.now() + 600_000 }),
    });
    expect(silence.status).toBe(201);
    const capacity: Alert = {
      alertId: `capacity.drill-zone.${run}`,
      kind: 'capacity',
      team: 'security',
      zoneId: 'drill-zone',
      metric: 'occupancy',
      value: 130,
      normal: { min: 0, max: 90 },
      startedAt: Date.now(),
      detectedAt: Date.now(),
      severity: 'critical',
      state: 'firing',
    };
    await send(TOPICS.zoneAlerts, capacity.alertId, capacity);
    await expect.poll(async () => (await viewOf(stack, capacity.alertId))?.status, { timeout: 10_000 }).toBe('silenced');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(http.on('/security')).toEqual([]);
  });

  it('retried the receiver that was down for 30 s with backoff and delivered once after it returned, the failures in the trail', async () => {
    await expect
      .poll(() => payloadsFor('/platform', lag.alertId).length, { timeout: Math.max(1_000, lagSentAt + RECEIVER_DOWN_MS + 15_000 - Date.now()), interval: 250 })
      .toBe(1);
    const deliveredAt = webhooksAbout('/platform', lag.alertId)[0]?.at ?? 0;
    console.info(`receiver down ${RECEIVER_DOWN_MS} ms: delivered ${deliveredAt - lagSentAt} ms after the alert, ${http.refused} attempts refused`);
    expect(deliveredAt - lagSentAt).toBeGreaterThanOrEqual(RECEIVER_DOWN_MS - 1_000);
    // Backoff capped at NOTIFY_BACKOFF_MAX_S (2 s): the first attempt after the return succeeds.
    expect(deliveredAt - lagSentAt).toBeLessThan(RECEIVER_DOWN_MS + 5_000);
    expect(http.refused).toBeGreaterThanOrEqual(10);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deliveredAt + 3_000 - Date.now())));
    expect(payloadsFor('/platform', lag.alertId).length).toBe(1);
    const trail = notificationsIn(await viewOf(stack, lag.alertId));
    expect(trail.filter((entry) => entry.outcome === 'retrying')[0]).toMatchObject({ error: 'HTTP 503 Service Unavailable', target: http.url('/platform') });
    expect(trail.filter((entry) => entry.outcome === 'failed')).toEqual([]);
    expect(trail.filter((entry) => entry.outcome === 'sent')).toHaveLength(1);
  });

  it('takes alerts in Alertmanager API v2 form into the inbox and through the same routes; an unknown team is refused', async () => {
    const post = (body: unknown, token?: string | null) =>
      stack.fetch('/api/v2/alerts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, token);
    const unknown = await post([{ labels: { alertname: 'DiskFull', team: 'storage' } }]);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('unknown team "storage"') } });
    expect((await post([{ labels: { alertname: 'DiskFull', team: 'fleet' } }], null)).status).toBe(401);
    const startsAt = new Date().toISOString();
    const accepted = await post([
      {
        labels: { alertname: 'GpsGatewayDown', team: 'fleet', severity: 'critical', vehicleId: `gw-${run}` },
        annotations: { summary: 'GPS gateway down' },
        startsAt,
        generatorURL: 'http://prometheus.example/graph',
      },
    ]);
    expect(accepted.status).toBe(200);
    const [alertId] = ((await accepted.json()) as { accepted: string[] }).accepted;
    await expect.poll(async () => (await viewOf(second, alertId ?? ''))?.alert.kind, { timeout: 10_000 }).toBe('external');
    await expect.poll(() => payloadsFor('/fleet', alertId ?? '').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(payloadsFor('/fleet', alertId ?? '')[0]?.alerts[0]?.labels).toMatchObject({ alertname: 'GpsGatewayDown', team: 'fleet', vehicleId: `gw-${run}` });
    const ack = await stack.fetch(`/api/alerts/${alertId}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'ack' }),
    });
    expect(ack.status).toBe(200);
  });

  it('lists receivers and routes for the admin without secrets, and sends a test per receiver', async () => {
    const overview = await stack.fetchJson<{ receivers: { name: string; integrations: { id: string; target: string }[] }[]; routes: { id: string }[] }>(
      '/api/alerting',
    );
    expect(overview.receivers.map((receiver) => receiver.name)).toEqual(['fleet-oncall', 'driver-sms', 'security-hook', 'platform-hook']);
    expect(overview.routes.map((route) => route.id)).toEqual(['route', 'route.routes[0]', 'route.routes[1]', 'route.routes[2]']);
    expect(JSON.stringify(overview)).not.toMatch(/slack-secret-token|notify-test-secret-key/);
    const before = http.on('/platform').length;
    const test = await stack.fetch('/api/alerting/receivers/platform-hook/test', { method: 'POST' });
    expect(await test.json()).toMatchObject({ results: [{ integration: 'webhook[0]', ok: true }] });
    expect(http.on('/platform').length).toBe(before + 1);
    expect((await stack.fetch('/api/alerting', {}, null)).status).toBe(401);
  });

  it('neither loses nor repeats a notification across a restart of both instances', async () => {
    await Promise.all([stack.stopBff(), second.stopBff()]);
    // An alert arriving while no instance runs is sent once they are back; nothing sent before is sent again.
    const late: Alert = {
      alertId: `consumer-lag.late-group.${run}`,
      kind: 'consumer-lag',
      team: 'platform',
      groupId: 'late-group',
      metric: 'lagSeconds',
      value: 600,
      normal: { min: 0, max: 300 },
      startedAt: Date.now(),
      detectedAt: Date.now(),
      severity: 'warning',
      state: 'firing',
    };
    await send(TOPICS.lagAlerts, late.alertId, late);
    const before = { fleet: http.on('/fleet').length, platform: http.on('/platform').length, mails: smtp.mails().length, sms: sns.published.length };
    await Promise.all([stack.startBff(), second.startBff()]);
    await expect.poll(() => payloadsFor('/platform', late.alertId).length, { timeout: 30_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(http.on('/platform').length - before.platform).toBe(1);
    expect(http.on('/fleet').length).toBe(before.fleet);
    expect(smtp.mails().length).toBe(before.mails);
    expect(sns.published.length).toBe(before.sms);
  });
});

function notificationsIn(view: AlertView | undefined): Extract<AuditEntry, { type: 'notification' }>[] {
  return (view?.audit ?? []).filter((entry): entry is Extract<AuditEntry, { type: 'notification' }> => entry.type === 'notification');
}

/** The vehicle's entry on the registry topic (compacted, keyed by vehicle id) as last written, read to the topic's end. */
async function registryEntry(kafka: Kafka, vehicleId: string): Promise<Vehicle | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(TOPICS.vehicles).finally(() => admin.disconnect());
  const pending = new Map(offsets.filter((offset) => BigInt(offset.high) > BigInt(offset.low)).map((offset) => [offset.partition, BigInt(offset.high)]));
  const consumer = kafka.consumer({ groupId: `notify-test.registry.${randomUUID()}` });
  let entry: Vehicle | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPICS.vehicles, fromBeginning: true });
    await new Promise<void>((resolve) => {
      if (pending.size === 0) resolve();
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (message.key?.toString() === vehicleId && message.value) entry = JSON.parse(message.value.toString()) as Vehicle;
          if (BigInt(message.offset) + 1n >= (pending.get(partition) ?? 0n)) pending.delete(partition);
          if (pending.size === 0) resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return entry;
}
