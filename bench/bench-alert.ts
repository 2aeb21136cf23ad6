import type { Alert } from '../lib/contracts/alerts';

/** A firing engine alert for `vehicleId`, as the anomaly job would write it to `fleet.anomalies`, detected `now`. */
export function benchAnomaly(alertId: string, vehicleId: string, now: number): Extract<Alert, { kind: 'anomaly' }> {
  return {
    alertId,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId,
    metric: 'engineTempC',
    value: 125,
    normal: { mean: 90, std: 3 },
    startedAt: now,
    detectedAt: now,
    severity: 'critical',
    state: 'firing',
  };
}
