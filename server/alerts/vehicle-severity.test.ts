import { describe, expect, it } from 'vitest';

import type { Alert } from '@/lib/contracts/alerts';

import { AlertStore } from './alert-store';

const T = Date.UTC(2026, 2, 2, 12, 0);

function anomaly(alertId: string, overrides: Partial<Extract<Alert, { kind: 'anomaly' }>> = {}): Alert {
  return {
    alertId,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId: 'cab-1',
    metric: 'engineTempC',
    value: 120,
    normal: { min: 80, max: 100 },
    startedAt: T,
    detectedAt: T + 10_000,
    severity: 'warning',
    state: 'firing',
    ...overrides,
  };
}

describe("a vehicle's worst firing alert", () => {
  it('is the highest severity among its open firing alerts, and tells the fleet when it changes', () => {
    const store = new AlertStore({ maxAlerts: 100 }, () => T + 20_000);
    const told: [string, number][] = [];
    store.onVehicleOpenAlertsChanged((vehicleId, count) => told.push([vehicleId, count]));
    store.applyAlert(anomaly('w-1'));
    expect(store.worstFiringOf('cab-1')).toBe('warning');
    store.applyAlert(anomaly('c-1', { metric: 'containerTempC', severity: 'critical' }));
    expect(store.worstFiringOf('cab-1')).toBe('critical');
    // Cleared but still open in the inbox (nobody resolved it): no longer marks or colours the vehicle.
    store.applyAlert(anomaly('c-1', { metric: 'containerTempC', severity: 'critical', state: 'cleared', detectedAt: T + 15_000 }));
    expect(store.worstFiringOf('cab-1')).toBe('warning');
    expect(store.openAlertsOf('cab-1')).toBe(1);
    // Inhibited (ignition off mid-fault): the fault may go on, so it still counts.
    store.applyAlert(anomaly('w-1', { state: 'inhibited', reason: 'ignition-off', detectedAt: T + 16_000 }));
    expect(store.openAlertsOf('cab-1')).toBe(1);
    expect(told).toEqual([
      ['cab-1', 1],
      ['cab-1', 2],
      ['cab-1', 1],
      ['cab-1', 1],
    ]);
    expect(store.worstFiringOf('cab-2')).toBeUndefined();
  });
});
