import { describe, expect, it } from 'vitest';

import type { RawTelemetry } from '@/lib/contracts/fleet';
import { rawTelemetrySchema, vehicleSchema } from '@/lib/contracts/fleet';

import { createFleetModel } from './fleet-model';
import { angleBetween, bearingDeg, distanceM, insideCity, toPoint } from './geo';
import { cargoBand } from './vehicle-thermal';

const START = Date.UTC(2026, 10, 23, 9, 0, 0);

/** Drives a fleet with 100 ms ticks, as the producer loop does, and returns every fix. */
function run(seed: number, seconds: number, cabs = 30, tankers = 20): RawTelemetry[] {
  const model = createFleetModel({ seed, cabs, tankers, intervalMs: 1_000, startMs: START });
  const readings: RawTelemetry[] = [];
  for (let t = 0; t <= seconds * 1_000; t += 100) readings.push(...model.due(START + t));
  return readings;
}

function byVehicle(readings: RawTelemetry[]): Map<string, RawTelemetry[]> {
  const tracks = new Map<string, RawTelemetry[]>();
  for (const reading of readings) {
    const track = tracks.get(reading.vehicleId) ?? [];
    track.push(reading);
    tracks.set(reading.vehicleId, track);
  }
  return tracks;
}

function pairs<T>(items: T[]): [T, T][] {
  return items.slice(1).map((item, i) => [items[i] as T, item]);
}

describe('fleet model', () => {
  const readings = run(42, 1_800);
  const tracks = byVehicle(readings);

  it('is deterministic for a seed', () => {
    expect(run(7, 120)).toEqual(run(7, 120));
    expect(run(8, 120)).not.toEqual(run(7, 120));
    const registry = (seed: number) => createFleetModel({ seed, cabs: 5, tankers: 5, intervalMs: 1_000, startMs: START }).registry;
    expect(registry(7)).toEqual(registry(7));
  });

  it('writes a registry that meets the contract', () => {
    const model = createFleetModel({ seed: 1, cabs: 3, tankers: 2, intervalMs: 1_000, startMs: START });
    expect(model.registry.map((vehicle) => vehicle.vehicleId)).toEqual(['cab-0001', 'cab-0002', 'cab-0003', 'tanker-0001', 'tanker-0002']);
    for (const vehicle of model.registry) {
      expect(vehicleSchema.parse(vehicle)).toEqual(vehicle);
      expect(vehicle.plate).toMatch(/^[0-9BDFGHJKLNPRSTVXZ]{1,3}-[0-9BDFGHJKLNPRSTVXZ]{2,3}-[0-9BDFGHJKLNPRSTVXZ]{1,2}$/);
      expect(vehicle.cargo !== undefined).toBe(vehicle.fleet === 'tankers');
    }
  });

  it('sends one contract-valid fix per vehicle per interval, spread over the interval', () => {
    expect(tracks.size).toBe(50);
    for (const reading of readings.slice(0, 500)) expect(rawTelemetrySchema.safeParse(reading).success).toBe(true);
    for (const track of tracks.values()) {
      expect(track.length).toBeGreaterThanOrEqual(1_800);
      expect(pairs(track).filter(([a, b]) => b.ts - a.ts !== 1_000)).toEqual([]);
    }
    const phases = new Set([...tracks.values()].map((track) => (track[1]?.ts ?? 0) % 1_000));
    expect(phases.size).toBeGreaterThanOrEqual(10);
  });

  it('stays inside the city at plausible speeds and accelerations', () => {
    // Violations are collected rather than asserted one by one: there are ~90,000 fixes.
    expect(readings.filter((reading) => !insideCity(reading))).toEqual([]);
    expect(readings.filter((reading) => reading.speedKmh > (reading.fleet === 'tankers' ? 88 : 110))).toEqual([]);
    expect(readings.filter((reading) => !reading.ignition && reading.speedKmh > 0)).toEqual([]);
    const jerks = [...tracks.values()].flatMap((track) => pairs(track).filter(([a, b]) => Math.abs(b.speedKmh - a.speedKmh) > 6 * 3.6 + 0.2));
    expect(jerks).toEqual([]);
  });

  it('moves as far as its speed allows, in the direction it is heading', () => {
    let moves = 0;
    let aligned = 0;
    let teleports = 0;
    for (const track of tracks.values()) {
      for (const [a, b] of pairs(track)) {
        const moved = distanceM(toPoint(a), toPoint(b));
        // Fixes are a second apart; the slack covers rounding of positions and speeds.
        if (moved > ((a.speedKmh + b.speedKmh) / 2 / 3.6) * 1 + 0.5) teleports++;
        if (moved < 3) continue;
        moves++;
        if (angleBetween(bearingDeg(toPoint(a), toPoint(b)), b.headingDeg) < 10) aligned++;
      }
    }
    // Only a step that turns a corner mid-way strays: the chord cuts the corner.
    expect(aligned / moves).toBeGreaterThan(0.9);
    expect(teleports).toBe(0);
  });

  it('has vehicles driving, idling and parked', () => {
    const last = [...tracks.values()].map((track) => track.at(-1) as RawTelemetry);
    expect(last.filter((r) => r.speedKmh > 0).length).toBeGreaterThan(10);
    expect(last.filter((r) => r.ignition && r.speedKmh === 0).length).toBeGreaterThan(0);
    expect(readings.some((r) => !r.ignition)).toBe(true);
  });

  it('keeps warm engines in the normal band and tanks in their cargo band', () => {
    const driving = readings.filter((reading) => reading.speedKmh > 0);
    const normal = driving.filter((reading) => reading.engineTempC >= 84 && reading.engineTempC <= 96);
    expect(normal.length / driving.length).toBeGreaterThan(0.9);
    const model = createFleetModel({ seed: 42, cabs: 30, tankers: 20, intervalMs: 1_000, startMs: START });
    const cargo = new Map(model.registry.map((vehicle) => [vehicle.vehicleId, vehicle.cargo]));
    expect(readings.filter((reading) => reading.engineTempC >= 100)).toEqual([]);
    const outOfBand = readings.filter((reading) => {
      if (reading.fleet === 'cabs') return reading.containerTempC !== undefined;
      const band = cargoBand(cargo.get(reading.vehicleId) ?? 'diesel');
      const tempC = reading.containerTempC ?? NaN;
      return !(tempC >= band.min - 2 && tempC <= band.max + 2);
    });
    expect(outOfBand).toEqual([]);
  });

  it('burns fuel while driving and only gains it by refuelling', () => {
    for (const track of tracks.values()) {
      expect(pairs(track).filter(([a, b]) => b.fuelPct > a.fuelPct && b.fuelPct < 95)).toEqual([]);
      const first = track[0] as RawTelemetry;
      const last = track.at(-1) as RawTelemetry;
      if (track.some((r) => r.speedKmh > 0) && last.fuelPct <= first.fuelPct) expect(last.fuelPct).toBeLessThan(first.fuelPct);
    }
  });

  it('picks a moving vehicle of the requested fleet for a scenario', () => {
    const model = createFleetModel({ seed: 42, cabs: 30, tankers: 20, intervalMs: 1_000, startMs: START });
    model.due(START + 5_000);
    const id = model.pickVehicle(() => 0.5, 'tankers');
    expect(id).toMatch(/^tanker-/);
    expect(model.fleetOf(id ?? '')).toBe('tankers');
    expect(model.fleetOf('cab-9999')).toBeUndefined();
  });
});
