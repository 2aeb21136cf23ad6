import { describe, expect, it } from 'vitest';

import { alertSchema } from '@/lib/contracts/alerts';
import type { VehicleState } from '@/lib/contracts/fleet';

import type { AnomalyAlert, DetectorOptions } from './detector';
import { AnomalyDetector } from './detector';
import { anomalyAlertId } from './episode';

const OPTIONS: DetectorOptions = { fireAfterMs: 10_000, clearAfterMs: 10_000, allowedLatenessMs: 1_000, warmupSamples: 30, offlineGapMs: 30_000 };
const T0 = Date.UTC(2026, 2, 2, 12, 0);
const WARMUP_S = 120;

type Override = Partial<Pick<VehicleState, 'engineTempC' | 'containerTempC' | 'ignition' | 'status'>>;

function reading(second: number, override: Override = {}, vehicleId = 'cab-1'): VehicleState {
  const tanker = vehicleId.startsWith('tanker');
  return {
    vehicleId,
    fleet: tanker ? 'tankers' : 'cabs',
    ts: T0 + second * 1_000,
    lat: 51.92,
    lon: 4.48,
    speedKmh: 50,
    headingDeg: 90,
    // A healthy engine: about 89 °C with a small deterministic wobble.
    engineTempC: 89 + Math.sin(second / 3),
    containerTempC: tanker ? 18 + 0.05 * Math.sin(second / 5) : undefined,
    fuelPct: 60,
    ignition: true,
    plate: 'NL-01-AB',
    driver: 'Sam',
    cargo: tanker ? 'gasoline' : undefined,
    status: 'moving',
    ...override,
  };
}

/** A script: seconds from the end of warm-up → what that reading overrides. */
function series(seconds: number, at: (second: number) => Override, vehicleId = 'cab-1'): VehicleState[] {
  const readings: VehicleState[] = [];
  for (let s = 0; s < WARMUP_S; s += 1) readings.push(reading(s, {}, vehicleId));
  for (let s = 0; s < seconds; s += 1) readings.push(reading(WARMUP_S + s, at(s), vehicleId));
  return readings;
}

function run(readings: VehicleState[], options: DetectorOptions = OPTIONS): AnomalyAlert[] {
  const detector = new AnomalyDetector(options);
  const alerts: AnomalyAlert[] = [];
  for (const state of readings) alerts.push(...detector.add(state, 0).alerts);
  alerts.push(...detector.flushQuiet(Number.MAX_SAFE_INTEGER));
  return alerts;
}

const at = (second: number) => T0 + (WARMUP_S + second) * 1_000;

describe('AnomalyDetector', () => {
  it('fires once a deviation has lasted 10 s of event time, and clears 10 s after it ends, under one id', () => {
    const alerts = run(series(60, (s) => (s >= 5 && s < 35 ? { engineTempC: 104 } : {})));
    const firing = alerts.filter((alert) => alert.state === 'firing');
    expect(firing[0]).toMatchObject({ alertId: anomalyAlertId('cab-1', 'engineTempC', at(5)), kind: 'anomaly', team: 'fleet', vehicleId: 'cab-1', fleet: 'cabs', metric: 'engineTempC', startedAt: at(5), detectedAt: at(15), value: 104 });
    expect(new Set(alerts.map((alert) => alert.alertId)).size).toBe(1);
    const cleared = alerts.filter((alert) => alert.state === 'cleared');
    expect(cleared).toHaveLength(1);
    expect(cleared[0]?.detectedAt).toBe(at(45));
    for (const alert of alerts) expect(alertSchema.safeParse(alert).success).toBe(true);
  });

  it('does not fire on a 3-second spike, however big', () => {
    expect(run(series(60, (s) => (s >= 10 && s < 13 ? { engineTempC: 140 } : {})))).toEqual([]);
  });

  it('does not fire on a deviation of 9 s', () => {
    expect(run(series(60, (s) => (s >= 10 && s < 19 ? { engineTempC: 104 } : {})))).toEqual([]);
  });

  it('fires once and clears once for a value oscillating around the edge of normal', () => {
    // Around the 100 °C edge: 101 for 3 s, 99.5 for 1 s, again and again for a minute, then healthy.
    const alerts = run(series(120, (s) => (s < 60 ? { engineTempC: s % 4 === 3 ? 99.5 : 101 } : {})));
    expect(new Set(alerts.map((alert) => alert.alertId)).size).toBe(1);
    expect(alerts.filter((alert) => alert.state === 'cleared')).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ state: 'firing', startedAt: at(0), detectedAt: at(10) });
  });

  it('grows severity with the size and the length of the deviation', () => {
    const small = run(series(90, (s) => (s < 80 ? { engineTempC: 101 } : {}))).filter((alert) => alert.state === 'firing');
    expect(small.map((alert) => alert.severity)).toEqual(['info', 'warning', 'critical']);
    const big = run(series(30, (s) => (s < 20 ? { engineTempC: 120 } : {}))).filter((alert) => alert.state === 'firing');
    expect(big.map((alert) => alert.severity)).toEqual(['critical']);
  });

  it('gives the same alerts for out-of-order input as for ordered input', () => {
    const ordered = series(120, (s) => (s >= 5 && s < 40 ? { engineTempC: 115 } : s >= 70 && s < 72 ? { engineTempC: 130 } : {}));
    // Neighbours swapped: every other reading arrives a second late, behind a newer one.
    const shuffled = [...ordered];
    for (let i = 0; i + 1 < shuffled.length; i += 2) [shuffled[i], shuffled[i + 1]] = [shuffled[i + 1] as VehicleState, shuffled[i] as VehicleState];
    const expected = run(ordered);
    expect(expected.length).toBeGreaterThan(0);
    expect(run(shuffled)).toEqual(expected);
  });

  it('gives the same alert ids when the same input is read again', () => {
    const input = series(200, (s) => (s >= 5 && s < 40 ? { engineTempC: 118 } : s >= 100 && s < 150 ? { engineTempC: 103 } : {}));
    const first = run(input);
    expect(new Set(first.map((alert) => alert.alertId)).size).toBe(2);
    expect(run(input)).toEqual(first);
  });

  it('refuses a reading later than the allowed lateness, and ignores a repeated one', () => {
    const detector = new AnomalyDetector(OPTIONS);
    for (let s = 0; s < 10; s += 1) detector.add(reading(s), 0);
    expect(detector.add(reading(9), 0)).toEqual({ alerts: [] });
    expect(detector.add(reading(8), 0)).toEqual({ alerts: [] });
    expect(detector.add(reading(3), 0).late).toMatch(/^too-late: /);
  });

  it('raises no engine alert while the ignition is off', () => {
    expect(run(series(60, (s) => (s < 40 ? { engineTempC: 120, ignition: false } : {})))).toEqual([]);
  });

  it("watches a tanker's container against its own normal and the cargo's limits, and not while the unit is offline", () => {
    // Cooling failure: +1 °C/s from 18 °C, far below the gasoline limit of 35 °C at first.
    const failing = run(series(60, (s) => (s < 30 ? { containerTempC: 18 + s } : {}), 'tanker-1'));
    const firing = failing.filter((alert) => alert.state === 'firing');
    expect(firing[0]).toMatchObject({ vehicleId: 'tanker-1', metric: 'containerTempC', fleet: 'tankers' });
    expect(firing[0]?.startedAt).toBeLessThanOrEqual(at(5));
    expect(failing.some((alert) => alert.metric === 'engineTempC')).toBe(false);
    const offline = run(series(60, (s) => (s < 30 ? { containerTempC: 18 + s, status: 'offline' } : {}), 'tanker-1'));
    expect(offline).toEqual([]);
  });

  it('continues an episode reported before a restart and clears it under its own id, even when re-reading input from before it', () => {
    const input = series(80, (s) => (s >= 5 && s < 40 ? { engineTempC: 118 } : {}));
    const first = run(input);
    const fired = first.find((alert) => alert.state === 'firing') as AnomalyAlert;
    // The restarted detector knows the firing record and re-reads the input from well before the episode.
    const restarted = new AnomalyDetector(OPTIONS);
    restarted.restore(fired);
    const again: AnomalyAlert[] = [];
    for (const state of input.filter((reading) => reading.ts >= at(-60) && reading.ts <= at(80))) again.push(...restarted.add(state, 0).alerts);
    again.push(...restarted.flushQuiet(Number.MAX_SAFE_INTEGER));
    expect(new Set(again.map((alert) => alert.alertId))).toEqual(new Set([fired.alertId]));
    expect(again.at(-1)).toMatchObject({ alertId: fired.alertId, state: 'cleared', detectedAt: at(50) });
  });

  it('judges a vehicle by the fixed limits before warm-up: a new vehicle at 120 °C still alerts', () => {
    const detector = new AnomalyDetector(OPTIONS);
    const alerts: AnomalyAlert[] = [];
    for (let s = 0; s < 20; s += 1) alerts.push(...detector.add(reading(s, { engineTempC: 120 }, 'cab-new'), 0).alerts);
    expect(alerts[0]).toMatchObject({ state: 'firing', startedAt: T0, detectedAt: T0 + 10_000, severity: 'critical' });
  });
});

