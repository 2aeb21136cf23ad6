import { describe, expect, it } from 'vitest';

import type { AlertView } from '@/lib/api/alerts';
import type { Alert } from '@/lib/contracts/alerts';
import type { Logger } from '@/platform/logger';

import { untouchedView } from '../../test/support/alert-fixtures';

import { parseAlertingConfig } from './config';
import { MAX_SENDS_PER_INTEGRATION, Notifier } from './notifier';

const CONFIG = `
route:
  receiver: fleet
  group_by: [vehicleId]
  group_wait: 1s
  group_interval: 5m
  repeat_interval: 4h
receivers:
  - name: fleet
    webhook_configs: [{ url: 'http://127.0.0.1:1/hook' }]
`;
const T = 1_700_000_000_000;

function offline(vehicleId: string): AlertView {
  return anomaly(vehicleId, 'offline', 'warning', T);
}

function anomaly(vehicleId: string, metric: string, severity: Alert['severity'], at: number): AlertView {
  const alert: Alert = {
    alertId: `anomaly.${vehicleId}.${metric}.${at}`,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId,
    metric,
    value: 60,
    normal: { mean: 1, std: 0 },
    startedAt: at,
    detectedAt: at,
    severity,
    state: 'firing',
  };
  return untouchedView(alert, 'open', vehicleId);
}

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

function stormNotifier(clock: () => number) {
  const notifier = new Notifier({
    config: parseAlertingConfig(CONFIG),
    settings: { maxAttempts: 1, backoffMaxMs: 1_000, timeoutMs: 1_000, externalURL: 'http://127.0.0.1:3000' },
    logger: quietLogger,
    owns: () => true,
    publish: async () => undefined,
    context: { driverPhone: () => undefined },
    clock,
  });
  const [webhook] = notifier.receiverIntegrations('fleet');
  if (!webhook) throw new Error('the config has a webhook');
  return { notifier, webhook };
}

describe('Notifier under an alert storm', () => {
  it('sends a critical group before the warnings that came due earlier and still wait', async () => {
    let now = T;
    const { notifier, webhook } = stormNotifier(() => now);
    const pending: (() => void)[] = [];
    const sendOrder: string[] = [];
    webhook.send = (notification) =>
      new Promise<void>((resolve) => {
        sendOrder.push(notification.alerts.map((alert) => alert.labels.metric).join(','));
        pending.push(resolve);
      });
    const storm = 3 * MAX_SENDS_PER_INTEGRATION;
    for (let i = 0; i < storm; i += 1) notifier.onAlert(offline(`cab-${String(i).padStart(4, '0')}`));
    now += 2_000;
    notifier.tick();
    expect(sendOrder).toHaveLength(MAX_SENDS_PER_INTEGRATION);

    // The overheat starts while the storm holds every place; it comes due a group_wait later.
    notifier.onAlert(anomaly('tanker-0007', 'engineTempC', 'critical', now));
    now += 2_000;
    pending.splice(0).forEach((finish) => finish());
    await new Promise((resolve) => setTimeout(resolve, 0));
    notifier.tick();

    // 32 warnings have waited longer, yet the overheat takes the first free place.
    expect(sendOrder[MAX_SENDS_PER_INTEGRATION]).toBe('engineTempC');
    expect(sendOrder.slice(MAX_SENDS_PER_INTEGRATION + 1).every((metrics) => metrics === 'offline')).toBe(true);
    expect(sendOrder).toHaveLength(2 * MAX_SENDS_PER_INTEGRATION);
  });

  it('sends at most a bounded number of notifications to one integration at a time, and every group in turn', async () => {
    let now = T;
    const { notifier, webhook } = stormNotifier(() => now);
    const pending: (() => void)[] = [];
    const sentFor = new Set<string>();
    let inFlight = 0;
    let mostInFlight = 0;
    webhook.send = (notification) =>
      new Promise<void>((resolve) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        sentFor.add(notification.groupKey);
        pending.push(() => {
          inFlight -= 1;
          resolve();
        });
      });
    const vehicles = 3 * MAX_SENDS_PER_INTEGRATION + 5;
    for (let i = 0; i < vehicles; i += 1) notifier.onAlert(offline(`cab-${String(i).padStart(4, '0')}`));

    now += 2_000;
    for (let round = 0; round < 10 && sentFor.size < vehicles; round += 1) {
      notifier.tick();
      expect(inFlight).toBeLessThanOrEqual(MAX_SENDS_PER_INTEGRATION);
      pending.splice(0).forEach((finish) => finish());
      // Let each delivery record its attempt and free its place.
      await new Promise((resolve) => setTimeout(resolve, 0));
      now += 200;
    }
    expect(mostInFlight).toBe(MAX_SENDS_PER_INTEGRATION);
    expect(sentFor.size).toBe(vehicles);
  });
});
