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
  const alert: Alert = {
    alertId: `anomaly.${vehicleId}.offline.${T}`,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId,
    metric: 'offline',
    value: 60,
    normal: { mean: 1, std: 0 },
    startedAt: T,
    detectedAt: T,
    severity: 'warning',
    state: 'firing',
  };
  return untouchedView(alert, 'open', vehicleId);
}

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

describe('Notifier under an alert storm', () => {
  it('sends at most a bounded number of notifications to one integration at a time, and every group in turn', async () => {
    let now = T;
    const notifier = new Notifier({
      config: parseAlertingConfig(CONFIG),
      settings: { maxAttempts: 1, backoffMaxMs: 1_000, timeoutMs: 1_000, externalURL: 'http://127.0.0.1:3000' },
      logger: quietLogger,
      owns: () => true,
      publish: async () => undefined,
      context: { driverPhone: () => undefined },
      clock: () => now,
    });
    const [webhook] = notifier.receiverIntegrations('fleet');
    if (!webhook) throw new Error('the config has a webhook');
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
