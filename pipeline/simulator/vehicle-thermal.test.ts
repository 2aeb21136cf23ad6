import { describe, expect, it } from 'vitest';

import type { RawTelemetry } from '@/lib/contracts/fleet';

import { createFleetModel } from './fleet-model';
import { cargoBand, tankTempAfter } from './vehicle-thermal';
import { conditionsAt } from './weather';

const SEED = 42;
const MIN = 60_000;

describe('a tank following the weather', () => {
  it('stands at its target after hours of the same weather', () => {
    expect(tankTempAfter('diesel', 2, Array(361).fill(14), 60)).toBeCloseTo(16, 6);
    // Inside the cargo's band whatever the weather: diesel never below 10 °C.
    expect(tankTempAfter('diesel', 2, Array(361).fill(-3), 60)).toBeCloseTo(cargoBand('diesel').min, 6);
  });

  it('has moved only part of the way ten minutes after the weather changed', () => {
    const ambient = [...Array<number>(351).fill(12), ...Array<number>(10).fill(22)];
    const tempC = tankTempAfter('gasoline', 0, ambient, 60);
    // 10 minutes of a one-hour time constant: 1 - e^(-1/6) ≈ 15 % of the 10 °C step.
    expect(tempC).toBeCloseTo(12 + 10 * (1 - Math.exp(-600 / 3_600)), 3);
  });
});

/** Every tanker's container temperature in the first round of fixes at or after `fromMs`. */
function tankTemps(fixes: RawTelemetry[], fromMs: number): Map<string, number> {
  const temps = new Map<string, number>();
  for (const fix of fixes) if (fix.containerTempC !== undefined && fix.ts >= fromMs && !temps.has(fix.vehicleId)) temps.set(fix.vehicleId, fix.containerTempC);
  return temps;
}

/** The first moment after `afterMs` where the weather turns from a mild spell into an icy one: the largest jump it makes. */
function icyTurn(afterMs: number): number {
  for (let at = afterMs; ; at += MIN) {
    if (conditionsAt(SEED, at).weather === 'icy' && conditionsAt(SEED, at - MIN).weather !== 'icy') return at;
  }
}

describe('a simulator restarted across a change of weather', () => {
  it("puts each tank where it would have been had it kept running, not at the new weather's temperature", () => {
    const turn = icyTurn(Date.UTC(2026, 10, 23, 9, 0, 0));
    const stoppedAt = turn - 5 * MIN;
    const restartAt = turn + 5 * MIN;
    const running = createFleetModel({ seed: SEED, cabs: 0, tankers: 20, intervalMs: 1_000, startMs: stoppedAt });
    const fixes: RawTelemetry[] = [];
    for (let t = stoppedAt; t <= restartAt + 2_000; t += 500) fixes.push(...running.due(t));
    const restarted = createFleetModel({ seed: SEED, cabs: 0, tankers: 20, intervalMs: 1_000, startMs: restartAt });
    const kept = tankTemps(fixes, restartAt);
    const fresh = tankTemps(restarted.due(restartAt + 1_000), restartAt);

    expect(fresh.size).toBe(20);
    const jumps = [...fresh].map(([vehicleId, tempC]) => Math.abs(tempC - (kept.get(vehicleId) ?? Number.NaN)));
    // What the kept-running tanks wandered by their sensor noise in 10 minutes (about 0.5 °C), no more:
    // well inside the detector's band of at least ±3 °C. No tank jumps towards the icy weather's target.
    expect(Math.max(...jumps)).toBeLessThan(2);
    expect(jumps.reduce((sum, jump) => sum + jump, 0) / jumps.length).toBeLessThan(0.75);
    const ambientDropC = conditionsAt(SEED, turn - MIN).ambientC - conditionsAt(SEED, turn).ambientC;
    expect(ambientDropC).toBeGreaterThan(5);
  });
});
