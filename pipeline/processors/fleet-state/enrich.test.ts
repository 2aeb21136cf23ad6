import { describe, expect, it } from 'vitest';

import type { RawTelemetry, Vehicle } from '@/lib/contracts/fleet';

import { enrichTelemetry, statusOf } from './enrich';

const now = Date.UTC(2026, 10, 23, 12);
const fix: RawTelemetry = {
  vehicleId: 'tanker-0001',
  fleet: 'tankers',
  ts: now - 1000,
  lat: 51.9,
  lon: 4.48,
  speedKmh: 54,
  headingDeg: 90,
  engineTempC: 88,
  containerTempC: 14,
  fuelPct: 70,
  ignition: true,
};
const registry: Vehicle = { vehicleId: 'tanker-0001', fleet: 'tankers', plate: 'TK-001', driver: 'A. Jansen', depot: 'Botlek', cargo: 'lpg' };

describe('statusOf', () => {
  it('is parked with the ignition off, idle when slow, moving otherwise', () => {
    expect(statusOf({ ignition: false, speedKmh: 0 })).toBe('parked');
    expect(statusOf({ ignition: true, speedKmh: 1 })).toBe('idle');
    expect(statusOf({ ignition: true, speedKmh: 40 })).toBe('moving');
  });
});

describe('enrichTelemetry', () => {
  it('adds plate, driver, depot, cargo and status from the registry', () => {
    const result = enrichTelemetry(fix, registry, now);
    expect(result).toEqual({ ok: true, state: { ...fix, plate: 'TK-001', driver: 'A. Jansen', depot: 'Botlek', cargo: 'lpg', status: 'moving' } });
  });

  it('keeps an unregistered vehicle visible instead of dropping it', () => {
    const result = enrichTelemetry(fix, undefined, now);
    expect(result.ok && result.state.plate).toBe('unregistered');
  });

  it('rejects a fix from a clock far in the future', () => {
    const result = enrichTelemetry({ ...fix, ts: now + 3_600_000 }, registry, now);
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^future-timestamp/) });
  });

  it('rejects telemetry whose fleet contradicts the registry', () => {
    expect(enrichTelemetry({ ...fix, fleet: 'cabs' }, registry, now).ok).toBe(false);
  });
});
