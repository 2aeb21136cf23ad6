import type { Cargo, VehicleState } from '@/lib/contracts/fleet';

export type AnomalyMetric = 'engineTempC' | 'containerTempC';

/**
 * How one metric's normal band is bounded. The learned band (mean ± k·std) is never narrower
 * than `minHalfWidth` (sensor noise alone must not alert), never reaches past the absolute
 * `safety` limits (a slow drift must not teach the model that danger is normal), and for
 * one-sided metrics never sits below `alwaysNormalBelow` (a warming engine is not an anomaly).
 */
export interface MetricRule {
  metric: AnomalyMetric;
  /** Which side of the band alerts: a cold engine is fine, a tank can fail both ways. */
  sides: 'high' | 'both';
  minHalfWidth: number;
  /** Once firing, a reading only counts as back to normal this far inside the band (hysteresis). */
  hysteresis: number;
  safety: { min: number; max: number };
  alwaysNormalBelow?: number;
}

/** Coolant: thermostats hold 85–95 °C; past 110 °C the engine is damaging itself, whatever its history. */
const ENGINE: MetricRule = { metric: 'engineTempC', sides: 'high', minHalfWidth: 6, hysteresis: 2, safety: { min: -60, max: 110 }, alwaysNormalBelow: 100 };

/** Tank limits per cargo: flammable liquids must stay well under their vapour risk; LPG under its pressure limit. */
const CONTAINER_SAFETY: Record<Cargo, { min: number; max: number }> = {
  gasoline: { min: -5, max: 35 },
  diesel: { min: -5, max: 40 },
  naphtha: { min: -5, max: 35 },
  lpg: { min: -10, max: 30 },
};

function containerRule(cargo: Cargo | undefined): MetricRule {
  return { metric: 'containerTempC', sides: 'both', minHalfWidth: 3, hysteresis: 1, safety: CONTAINER_SAFETY[cargo ?? 'gasoline'] };
}

/** The metrics watched for one reading, with the value and whether context says to ignore it now. */
export function watchedMetrics(state: VehicleState): { rule: MetricRule; value: number; inhibited: boolean }[] {
  const watched = [{ rule: ENGINE, value: state.engineTempC, inhibited: !state.ignition }];
  if (state.fleet === 'tankers' && state.containerTempC !== undefined) {
    watched.push({ rule: containerRule(state.cargo), value: state.containerTempC, inhibited: state.status === 'offline' });
  }
  return watched;
}
