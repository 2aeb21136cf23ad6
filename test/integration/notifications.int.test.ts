import fs from 'node:fs';
import path from 'node:path';

import type { Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { AlertsResponse, AlertView, AuditEntry } from '../../lib/api/alerts';
import type { Alert } from '../../lib/contracts/alerts';
import type { Vehicle } from '../../lib/contracts/fleet';
import { TOPICS } from '../../lib/contracts/topics';
import type { WebhookPayload } from '../../server/notify/payload';
import { TEST_PORTS } from '../support/ports';
import { HttpReceiver, SmtpReceiver, SnsEndpoint } from '../support/receivers';
import { TestStack } from '../support/stack';
import { TEST_LOG_DIR } from '../support/test-kafka';

/**
 * The notifier against real receivers on loopback (an HTTP server for webhooks and Slack,
 * aiosmtpd for e-mail, an SNS endpoint that checks SigV4 signatures) and the real broker, with
 * two BFF instances: alerts go on the alert topics exactly as any producer writes them.
 */
const SNS_CREDENTIALS = { accessKeyId: 'AKIDNOTIFYTEST', secretAccessKey: 'notify-test-secret-key' };
const DRIVER_PHONE = '+31612345678';

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
  const env = { ALERTING_CONFIG: configFile, NOTIFY_BACKOFF_MAX_S: '2', NOTIFY_MAX_ATTEMPTS: '20', NOTIFY_TIMEOUT_S: '2' };
  const stack = new TestStack({ brokers, bffPort: TEST_PORTS.notify, logName: 'integration-notify', cabs: 1, tankers: 0, pipeline: false, env });
  const second = new TestStack({ brokers, bffPort: TEST_PORTS.notifySecond, logName: 'integration-notify-second', cabs: 1, tankers: 0, pipeline: false, env });
  const outside: Kafka = new KafkaClient({ clientId: 'notify-test', brokers: [brokers], logLevel: logLevel.NOTHING });
  const producer = outside.producer();
  const run = Date.now().toString(36);
  const vehicleId = `tank-notify-${run}`;
  const overheat: Alert = { alertId: `anomaly.${vehicleId}.engineTempC.${run}`, kind: 'anomaly', team: 'fleet', vehicleId, fleet: 'tankers', plate: 'BX-123-Z', metric: 'engineTempC', value: 128, normal: { mean: 90, std: 3 }, startedAt: Date.now(), detectedAt: Date.now(), severity: 'critical', state: 'firing' };

  const send = async (topic: string, key: string, value: unknown) => producer.send({ topic, messages: [{ key, value: JSON.stringify(value) }] });
  const viewOf = async (target: TestStack, alertId: string): Promise<AlertView | undefined> => (await target.fetchJson<AlertsResponse>('/api/alerts')).alerts.find((view) => view.alert.alertId === alertId);
  const payloadsFor = (receiverPath: string, alertId: string) => http.on(receiverPath).map((entry) => entry.body as WebhookPayload).filter((payload) => payload.alerts.some((alert) => alert.annotations.link?.endsWith(encodeURIComponent(alertId))));
  const mailsAbout = (status: 'FIRING' | 'RESOLVED') => smtp.mails().filter((mail) => mail.subject.startsWith(`[${status}`) && mail.subject.includes(vehicleId));

  beforeAll(async () => {
    await Promise.all([http.start(), smtp.start(), sns.start()]);
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    fs.writeFileSync(configFile, alertingConfig(http, TEST_PORTS.notifySmtp, sns));
    await Promise.all([stack.start(), second.start()]);
    await producer.connect();
    const vehicle: Vehicle = { vehicleId, fleet: 'tankers', plate: 'BX-123-Z', driver: 'Anna de Vries', driverPhone: DRIVER_PHONE, depot: 'North', cargo: 'diesel' };
    await send(TOPICS.vehicles, vehicleId, vehicle);
    // Both instances have joined the notifier group and the rebalance has settled.
    await Promise.all([stack.waitForLog(/notifier started/), second.waitForLog(/notifier started/)]);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
  });

  afterAll(async () => {
    await producer.disconnect();
    await Promise.all([stack.stop(), second.stop()]);
    smtp.stop();
    await Promise.all([http.stop(), sns.stop()]);
  });

  it('sends an Alertmanager v4 webhook, Slack, one e-mail across two instances and a signed SMS to the driver', async () => {
    await send(TOPICS.anomalies, overheat.alertId, overheat);
    await expect.poll(() => viewOf(stack, overheat.alertId), { timeout: 10_000 }).toBeDefined();
    const inInbox = Date.now();
    await expect.poll(() => payloadsFor('/fleet', overheat.alertId).length, { timeout: 15_000, interval: 100 }).toBeGreaterThan(0);
    expect(Date.now() - inInbox).toBeLessThan(15_000);
    const [payload] = payloadsFor('/fleet', overheat.alertId);
    expect(payload).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'fleet-oncall',
      groupLabels: { vehicleId },
      commonLabels: { team: 'fleet', severity: 'critical', kind: 'anomaly', metric: 'engineTempC', vehicleId, fleet: 'tankers' },
      truncatedAlerts: 0,
    });
    expect(payload?.alerts[0]).toMatchObject({ status: 'firing', labels: { alertname: 'anomaly_engineTempC', vehicleId }, endsAt: '0001-01-01T00:00:00Z' });
    // The link is the sending instance's own address; which of the two sends depends on the notifier group's assignment.
    expect([stack, second].map((instance) => `${instance.url}/alerts?alert=${encodeURIComponent(overheat.alertId)}`)).toContain(payload?.alerts[0]?.annotations.link);

    await expect.poll(() => mailsAbout('FIRING').length, { timeout: 10_000 }).toBe(1);
    expect(mailsAbout('FIRING')[0]).toMatchObject({ to: 'fleet-oncall@example.com', from: 'fleetwatch@example.com' });
    expect(http.on('/slack/T000/B000/slack-secret-token').length).toBeGreaterThan(0);
    await expect.poll(() => sns.published.filter((publish) => publish.params.PhoneNumber === DRIVER_PHONE).length, { timeout: 10_000 }).toBe(1);
    expect(sns.published.every((publish) => publish.signatureValid)).toBe(true);
    expect(sns.published[0]?.params.Message).toContain(overheat.alertId);

    // Every attempt is in the alert's trail on both instances, with the Slack URL's secret path redacted.
    await expect.poll(async () => notificationsIn(await viewOf(second, overheat.alertId)).filter((entry) => entry.outcome === 'sent').length, { timeout: 5_000 }).toBeGreaterThanOrEqual(4);
    const trail = notificationsIn(await viewOf(second, overheat.alertId));
    expect(trail.map((entry) => `${entry.receiver} ${entry.integration} ${entry.outcome}`)).toEqual(
      expect.arrayContaining(['fleet-oncall webhook[0] sent', 'fleet-oncall email[0] sent', 'fleet-oncall slack[0] sent', 'driver-sms sns[0] sent']),
    );
    expect(JSON.stringify(trail)).not.toContain('slack-secret-token');
    expect(JSON.stringify(trail)).not.toContain(SNS_CREDENTIALS.secretAccessKey);
    // One instance sent it: only one counts it.
    const emailSent = /fleetwatch_notifications_total\{receiver="fleet-oncall",integration="email",outcome="sent"\} [1-9]/;
    const counted = await Promise.all([stack, second].map(async (target) => emailSent.test(await (await target.fetch('/metrics')).text())));
    expect(counted.filter(Boolean)).toHaveLength(1);
  });

  it('repeats every repeat_interval while open, and no more once acknowledged', async () => {
    await expect.poll(() => payloadsFor('/fleet', overheat.alertId).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const acknowledged = await stack.fetch(`/api/alerts/${overheat.alertId}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'ack' }) });
    expect(acknowledged.status).toBe(200);
    // A repeat already on its way when the acknowledgement landed may still arrive.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const afterAck = payloadsFor('/fleet', overheat.alertId).length;
    const mailsAfterAck = mailsAbout('FIRING').length;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(payloadsFor('/fleet', overheat.alertId).length).toBe(afterAck);
    expect(afterAck).toBeLessThanOrEqual(3);
    // Each e-mail went out once, from one instance: the first and the repeat(s) before the acknowledgement.
    expect(mailsAbout('FIRING').length).toBe(mailsAfterAck);
  });

  it('sends a resolved notification when the alert clears', async () => {
    await send(TOPICS.anomalies, overheat.alertId, { ...overheat, state: 'cleared', detectedAt: Date.now() });
    await expect.poll(() => payloadsFor('/fleet', overheat.alertId).some((payload) => payload.status === 'resolved'), { timeout: 10_000 }).toBe(true);
    const resolved = payloadsFor('/fleet', overheat.alertId).find((payload) => payload.status === 'resolved');
    expect(resolved?.alerts[0]).toMatchObject({ status: 'resolved' });
    expect(resolved?.alerts[0]?.endsAt).not.toBe('0001-01-01T00:00:00Z');
    await expect.poll(() => mailsAbout('RESOLVED').length, { timeout: 10_000 }).toBe(1);
  });

  it('sends nothing for a silenced alert', async () => {
    const silence = await stack.fetch('/api/alerts/silences', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ team: 'security', reason: 'drill in progress', expiresAt: Date.now() + 600_000 }) });
    expect(silence.status).toBe(201);
    const capacity: Alert = { alertId: `capacity.drill-zone.${run}`, kind: 'capacity', team: 'security', zoneId: 'drill-zone', metric: 'occupancy', value: 130, normal: { min: 0, max: 90 }, startedAt: Date.now(), detectedAt: Date.now(), severity: 'critical', state: 'firing' };
    await send(TOPICS.zoneAlerts, capacity.alertId, capacity);
    await expect.poll(async () => (await viewOf(stack, capacity.alertId))?.status, { timeout: 10_000 }).toBe('silenced');
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(http.on('/security')).toEqual([]);
  });

  it('retries a receiver that is down with backoff and delivers once after it returns, the failures in the trail', async () => {
    const downMs = 10_000;
    http.failFor('/platform', downMs);
    const lag: Alert = { alertId: `consumer-lag.notify-group.${run}`, kind: 'consumer-lag', team: 'platform', groupId: 'notify-group', metric: 'lagSeconds', value: 900, normal: { min: 0, max: 300 }, startedAt: Date.now(), detectedAt: Date.now(), severity: 'warning', state: 'firing' };
    const sentAt = Date.now();
    await send(TOPICS.lagAlerts, lag.alertId, lag);
    await expect.poll(() => payloadsFor('/platform', lag.alertId).length, { timeout: downMs + 15_000, interval: 250 }).toBe(1);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(downMs - 1_000);
    expect(http.refused).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(payloadsFor('/platform', lag.alertId).length).toBe(1);
    const trail = notificationsIn(await viewOf(stack, lag.alertId));
    expect(trail.filter((entry) => entry.outcome === 'retrying')[0]).toMatchObject({ error: 'HTTP 503 Service Unavailable', target: http.url('/platform') });
    expect(trail.filter((entry) => entry.outcome === 'sent')).toHaveLength(1);
  });

  it('takes alerts in Alertmanager API v2 form into the inbox and through the same routes; an unknown team is refused', async () => {
    const post = (body: unknown, token?: string | null) => stack.fetch('/api/v2/alerts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, token);
    const unknown = await post([{ labels: { alertname: 'DiskFull', team: 'storage' } }]);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('unknown team "storage"') } });
    expect((await post([{ labels: { alertname: 'DiskFull', team: 'fleet' } }], null)).status).toBe(401);
    const startsAt = new Date().toISOString();
    const accepted = await post([{ labels: { alertname: 'GpsGatewayDown', team: 'fleet', severity: 'critical', vehicleId: `gw-${run}` }, annotations: { summary: 'GPS gateway down' }, startsAt, generatorURL: 'http://prometheus.example/graph' }]);
    expect(accepted.status).toBe(200);
    const [alertId] = ((await accepted.json()) as { accepted: string[] }).accepted;
    await expect.poll(async () => (await viewOf(second, alertId ?? ''))?.alert.kind, { timeout: 10_000 }).toBe('external');
    await expect.poll(() => payloadsFor('/fleet', alertId ?? '').length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(payloadsFor('/fleet', alertId ?? '')[0]?.alerts[0]?.labels).toMatchObject({ alertname: 'GpsGatewayDown', team: 'fleet', vehicleId: `gw-${run}` });
    const ack = await stack.fetch(`/api/alerts/${alertId}/actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'ack' }) });
    expect(ack.status).toBe(200);
  });

  it('lists receivers and routes for the admin without secrets, and sends a test per receiver', async () => {
    const overview = await stack.fetchJson<{ receivers: { name: string; integrations: { id: string; target: string }[] }[]; routes: { id: string }[] }>('/api/alerting');
    expect(overview.receivers.map((receiver) => receiver.name)).toEqual(['fleet-oncall', 'driver-sms', 'security-hook', 'platform-hook']);
    expect(overview.routes.map((route) => route.id)).toEqual(['route', 'route.routes[0]', 'route.routes[1]', 'route.routes[2]']);
    expect(JSON.stringify(overview)).not.toMatch(/slack-secret-token|notify-test-secret-key|\+31612345678/);
    const before = http.on('/platform').length;
    const test = await stack.fetch('/api/alerting/receivers/platform-hook/test', { method: 'POST' });
    expect(await test.json()).toMatchObject({ results: [{ integration: 'webhook[0]', ok: true }] });
    expect(http.on('/platform').length).toBe(before + 1);
    expect((await stack.fetch('/api/alerting', {}, null)).status).toBe(401);
  });

  it('neither loses nor repeats a notification across a restart of both instances', async () => {
    await Promise.all([stack.stopBff(), second.stopBff()]);
    // An alert arriving while no instance runs is sent once they are back; nothing sent before is sent again.
    const late: Alert = { alertId: `consumer-lag.late-group.${run}`, kind: 'consumer-lag', team: 'platform', groupId: 'late-group', metric: 'lagSeconds', value: 600, normal: { min: 0, max: 300 }, startedAt: Date.now(), detectedAt: Date.now(), severity: 'warning', state: 'firing' };
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
