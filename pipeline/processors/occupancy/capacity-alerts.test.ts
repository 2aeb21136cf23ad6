import { describe, expect, it } from 'vitest';

import { alertSchema } from '@/lib/contracts/alerts';

import { capacityAlertId, CapacityAlerts } from './capacity-alerts';

const HALL = { zoneId: 'main-hall', name: 'Main hall', capacity: 100 };
const T = Date.UTC(2026, 2, 2, 12, 0);

describe('CapacityAlerts', () => {
  it('fires at the threshold for security, with a contract-valid alert and an id from zone and episode start', () => {
    const alerts = new CapacityAlerts({ thresholdPct: 90, hysteresisPct: 10 });
    expect(alerts.evaluate(HALL, 89, T, T)).toBeUndefined();
    const alert = alerts.evaluate(HALL, 90, T + 10_000, T + 10_500);
    expect(alert).toMatchObject({ alertId: capacityAlertId('main-hall', T + 10_000), kind: 'capacity', team: 'security', zoneId: 'main-hall', state: 'firing', severity: 'warning', value: 90, startedAt: T + 10_000, detectedAt: T + 10_500 });
    expect(alertSchema.safeParse(alert).success).toBe(true);
  });

  it('clears only below the threshold minus the hysteresis, under the same id', () => {
    const alerts = new CapacityAlerts({ thresholdPct: 90, hysteresisPct: 10 });
    const fired = alerts.evaluate(HALL, 95, T, T);
    expect(alerts.evaluate(HALL, 85, T + 10_000, T)).toBeUndefined();
    expect(alerts.evaluate(HALL, 80, T + 20_000, T)).toBeUndefined();
    const cleared = alerts.evaluate(HALL, 79, T + 30_000, T + 30_000);
    expect(cleared).toMatchObject({ alertId: fired?.alertId, state: 'cleared', startedAt: T });
    expect(alerts.isFiring('main-hall')).toBe(false);
  });

  it('raises severity to critical once over capacity, without a second episode', () => {
    const alerts = new CapacityAlerts({ thresholdPct: 90, hysteresisPct: 10 });
    const fired = alerts.evaluate(HALL, 92, T, T);
    const escalated = alerts.evaluate(HALL, 130, T + 10_000, T);
    expect(escalated).toMatchObject({ alertId: fired?.alertId, severity: 'critical', state: 'firing' });
    expect(alerts.evaluate(HALL, 140, T + 20_000, T)).toBeUndefined();
  });

  it('continues an episode restored from its own earlier output instead of firing a second one', () => {
    const alerts = new CapacityAlerts({ thresholdPct: 90, hysteresisPct: 10 });
    const before = new CapacityAlerts({ thresholdPct: 90, hysteresisPct: 10 }).evaluate(HALL, 95, T, T);
    alerts.restore(before ? [before] : []);
    expect(alerts.evaluate(HALL, 95, T + 60_000, T)).toBeUndefined();
    expect(alerts.evaluate(HALL, 10, T + 70_000, T)).toMatchObject({ alertId: before?.alertId, state: 'cleared' });
  });
});
