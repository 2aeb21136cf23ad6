import { describe, expect, it } from 'vitest';

import type { RawTelemetry } from '@/lib/contracts/fleet';

import { ScenarioBoard } from './scenario-board';
import { crowdZone, overheatEngineTemp, SCENARIOS, sensorSpikeTemp, tankFaultTemp } from './scenarios';

const T0 = Date.UTC(2026, 10, 23, 12);
const fix = (vehicleId: string, secondsAfterStart: number): RawTelemetry => ({
  vehicleId,
  fleet: vehicleId.startsWith('tanker') ? 'tankers' : 'cabs',
  ts: T0 + secondsAfterStart * 1_000,
  lat: 51.9,
  lon: 4.5,
  speedKmh: 40,
  headingDeg: 90,
  engineTempC: 90,
  containerTempC: vehicleId.startsWith('tanker') ? 15 : undefined,
  fuelPct: 50,
  ignition: true,
});
const seconds = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('scenario effects', () => {
  it('overheat: climbs within 5 s to 115–125 °C, holds for the duration, then returns to normal', () => {
    expect(overheatEngineTemp(90, -1, 60, 120)).toBe(90);
    expect(overheatEngineTemp(90, 2, 60, 120)).toBeGreaterThan(90);
    for (const s of seconds(5, 60)) {
      expect(overheatEngineTemp(90, s, 60, 120)).toBeGreaterThanOrEqual(115);
      expect(overheatEngineTemp(90, s, 60, 120)).toBeLessThanOrEqual(125);
    }
    expect(overheatEngineTemp(90, 60 + SCENARIOS.overheat.recoveryS, 60, 120)).toBe(90);
  });

  it('sensor-spike: abnormal for exactly 3 s', () => {
    const readings = seconds(0, 9).map((s) => sensorSpikeTemp(90, s - 2 + 0.5));
    expect(readings.map((tempC) => tempC > 100)).toEqual([false, false, true, true, true, false, false, false, false, false]);
    expect(sensorSpikeTemp(90, 2.999)).toBeGreaterThan(100);
    expect(sensorSpikeTemp(90, 3)).toBe(90);
  });

  it('cooling-failure: about 1 °C per second, at most +35 °C, for the duration', () => {
    expect(tankFaultTemp('cooling-failure', 15, 10, 120)).toBeCloseTo(25);
    expect(tankFaultTemp('cooling-failure', 15, 100, 120)).toBe(50);
    expect(tankFaultTemp('cooling-failure', 15, 120 + SCENARIOS['cooling-failure'].recoveryS, 120)).toBe(15);
  });

  it('freezing: the same drift downwards, at most −35 °C, and back', () => {
    expect(tankFaultTemp('freezing', 15, 10, 120)).toBeCloseTo(5);
    expect(tankFaultTemp('freezing', 15, 100, 120)).toBe(-20);
    expect(tankFaultTemp('freezing', 15, 120 + SCENARIOS.freezing.recoveryS / 2, 120)).toBeCloseTo(-2.5);
    expect(tankFaultTemp('freezing', 15, 120 + SCENARIOS.freezing.recoveryS, 120)).toBe(15);
  });

  it('crowd: most badges gather in the zone while it lasts, nobody before or after', () => {
    const gathered = seconds(0, 999).filter((badge) => crowdZone(1, badge, 60, 300, 4) === 4).length;
    expect(gathered).toBeGreaterThan(800);
    expect(crowdZone(1, 7, 301, 300, 4)).toBeUndefined();
    expect(crowdZone(1, 7, -1, 300, 4)).toBeUndefined();
  });
});

describe('scenario board', () => {
  it('applies a vehicle scenario only to its target and only for its duration', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c1', name: 'overheat', target: 'cab-0001', startedAtMs: T0, durationS: 30, peakC: 120 });
    expect(board.adjustReading(fix('cab-0002', 10))?.engineTempC).toBe(90);
    for (const s of seconds(5, 30)) expect(board.adjustReading(fix('cab-0001', s))?.engineTempC).toBeGreaterThanOrEqual(115);
    expect(board.adjustReading(fix('cab-0001', 60))?.engineTempC).toBe(90);
  });

  it('applies a sensor spike to exactly three 1 Hz fixes', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c2', name: 'sensor-spike', target: 'cab-0003', startedAtMs: T0, durationS: 3 });
    const spiked = seconds(0, 10).filter((s) => (board.adjustReading(fix('cab-0003', s + 0.4))?.engineTempC ?? 0) > 100);
    expect(spiked).toEqual([0, 1, 2]);
  });

  it('raises a tanker container temperature during a cooling failure', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c3', name: 'cooling-failure', target: 'tanker-0001', startedAtMs: T0, durationS: 60 });
    expect(board.adjustReading(fix('tanker-0001', 20))?.containerTempC).toBeCloseTo(35, 0);
    expect(board.adjustReading(fix('tanker-0001', 20))?.engineTempC).toBe(90);
  });

  it('lowers a tanker container temperature while it freezes, and leaves cabs alone', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c4', name: 'freezing', target: 'tanker-0001', startedAtMs: T0, durationS: 60 });
    expect(board.adjustReading(fix('tanker-0001', 20))?.containerTempC).toBeCloseTo(-5, 0);
    expect(board.adjustReading(fix('cab-0001', 20))?.containerTempC).toBeUndefined();
  });

  it('reports each scenario once when its duration ends, and forgets it after recovery', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c4', name: 'overheat', target: 'cab-0001', startedAtMs: T0, durationS: 10, peakC: 120 });
    expect(board.expire(T0, T0 + 5_000)).toEqual([]);
    expect(board.expire(T0 + 5_000, T0 + 10_100).map((s) => s.commandId)).toEqual(['c4']);
    expect(board.expire(T0 + 10_100, T0 + 11_000)).toEqual([]);
    expect(board.adjustReading(fix('cab-0001', 12))?.engineTempC).toBeGreaterThan(90);
    board.expire(T0 + 11_000, T0 + 60_000);
    expect(board.adjustReading(fix('cab-0001', 12))?.engineTempC).toBe(90);
  });

  it('stops everything at once', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c5', name: 'overheat', target: 'cab-0001', startedAtMs: T0, durationS: 60, peakC: 120 });
    board.start({ commandId: 'c6', name: 'crowd', target: 'main-hall', startedAtMs: T0, durationS: 60, zone: 4 });
    expect(board.crowdOverride(T0 + 30_000)).toBeDefined();
    expect(board.stopAll(T0 + 20_000)).toHaveLength(2);
    expect(board.adjustReading(fix('cab-0001', 30))?.engineTempC).toBe(90);
    expect(board.crowdOverride(T0 + 30_000)).toBeUndefined();
  });

  it('silences a vehicle for the duration only', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c7', name: 'silence', target: 'cab-0001', startedAtMs: T0, durationS: 30 });
    expect(board.adjustReading(fix('cab-0001', 10))).toBeUndefined();
    expect(board.adjustReading(fix('cab-0002', 10))).toBeDefined();
    expect(board.adjustReading(fix('cab-0001', 31))).toBeDefined();
  });

  it('freezes the GPS at its first position while the rest of the fix goes on', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c8', name: 'frozen-gps', target: 'cab-0001', startedAtMs: T0, durationS: 30 });
    const first = board.adjustReading({ ...fix('cab-0001', 1), lat: 51.9, lon: 4.4 });
    const later = board.adjustReading({ ...fix('cab-0001', 5), lat: 51.95, lon: 4.45 });
    expect([later?.lat, later?.lon]).toEqual([first?.lat, first?.lon]);
    expect(later?.ts).toBe(T0 + 5_000);
  });

  it('stamps late fixes with a time 8 s before they are sent', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c9', name: 'late-fixes', target: 'cab-0001', startedAtMs: T0, durationS: 30 });
    expect(board.adjustReading(fix('cab-0001', 10))?.ts).toBe(T0 + 2_000);
  });
  it('parks a vehicle with its ignition off where it stood, an overheat on it still reading hot, and lets it drive on after', () => {
    const board = new ScenarioBoard(1);
    board.start({ commandId: 'c10', name: 'overheat', target: 'cab-0001', startedAtMs: T0, durationS: 60, peakC: 120 });
    board.start({ commandId: 'c11', name: 'park', target: 'cab-0001', startedAtMs: T0 + 20_000, durationS: 20 });
    const parked = board.adjustReading({ ...fix('cab-0001', 25), lat: 51.9, lon: 4.4 });
    const still = board.adjustReading({ ...fix('cab-0001', 30), lat: 51.95, lon: 4.45 });
    expect(parked).toMatchObject({ ignition: false, speedKmh: 0 });
    expect([still?.lat, still?.lon]).toEqual([51.9, 4.4]);
    expect(still?.engineTempC).toBeGreaterThan(115);
    expect(board.adjustReading(fix('cab-0001', 41))).toMatchObject({ ignition: true });
  });
});
