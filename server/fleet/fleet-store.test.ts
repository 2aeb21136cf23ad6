import { describe, expect, it } from 'vitest';

import type { VehicleState } from '@/lib/contracts/fleet';

import { FleetStore } from './fleet-store';

const t0 = Date.UTC(2026, 10, 23, 12);

function fix(vehicleId: string, ts: number, overrides: Partial<VehicleState> = {}): VehicleState {
  return {
    vehicleId,
    fleet: 'cabs',
    ts,
    lat: 51.9,
    lon: 4.47,
    speedKmh: 40,
    headingDeg: 180,
    engineTempC: 90,
    fuelPct: 60,
    ignition: true,
    plate: 'AB-123-C',
    driver: 'D. Driver',
    status: 'moving',
    ...overrides,
  };
}

function store() {
  return new FleetStore({ offlineAfterMs: 30_000, historyMs: 15 * 60_000, maxHistoryPoints: 1000 });
}

describe('FleetStore', () => {
  it('coalesces several fixes of one vehicle into one change carrying the latest', () => {
    const fleet = store();
    fleet.apply(fix('cab-1', t0), t0);
    fleet.apply(fix('cab-1', t0 + 1000, { speedKmh: 12 }), t0 + 1000);
    fleet.apply(fix('cab-2', t0 + 500), t0 + 500);
    const changes = fleet.takeChanges(t0 + 1000);
    expect(changes.map((v) => [v.vehicleId, v.speedKmh])).toEqual([
      ['cab-1', 12],
      ['cab-2', 40],
    ]);
    expect(fleet.takeChanges(t0 + 1100)).toEqual([]);
  });

  it('keeps a late fix in history without moving the vehicle back', () => {
    const fleet = store();
    fleet.apply(fix('cab-1', t0 + 2000, { lat: 52 }), t0 + 2000);
    fleet.apply(fix('cab-1', t0 + 1000, { lat: 51 }), t0 + 2100);
    expect(fleet.view('cab-1', t0 + 2100)?.lat).toBe(52);
    expect(fleet.history('cab-1', t0).map((p) => p.ts)).toEqual([t0 + 1000, t0 + 2000]);
  });

  it('shows a vehicle silent for longer than the limit as offline and pushes that change once', () => {
    const fleet = store();
    fleet.apply(fix('cab-1', t0), t0);
    fleet.takeChanges(t0);
    expect(fleet.sweepOffline(t0 + 29_000)).toBe(0);
    expect(fleet.sweepOffline(t0 + 31_000)).toBe(1);
    expect(fleet.takeChanges(t0 + 31_000).map((v) => v.status)).toEqual(['offline']);
    expect(fleet.sweepOffline(t0 + 32_000)).toBe(0);
    fleet.apply(fix('cab-1', t0 + 33_000), t0 + 33_000);
    expect(fleet.view('cab-1', t0 + 33_000)?.status).toBe('moving');
    expect(fleet.snapshot(t0 + 64_000).counts).toEqual({ total: 1, moving: 0, idle: 0, parked: 0, offline: 1 });
  });

  it('caps history by age and by count', () => {
    const fleet = new FleetStore({ offlineAfterMs: 30_000, historyMs: 10_000, maxHistoryPoints: 5 });
    for (let i = 0; i < 20; i += 1) fleet.apply(fix('cab-1', t0 + i * 1000), t0 + i * 1000);
    expect(fleet.history('cab-1', 0).map((p) => (p.ts - t0) / 1000)).toEqual([15, 16, 17, 18, 19]);
  });

  it('hands out the points added since the last take, only for the vehicles asked for', () => {
    const fleet = store();
    fleet.apply(fix('cab-1', t0), t0);
    fleet.apply(fix('cab-1', t0 + 1000), t0 + 1000);
    fleet.apply(fix('cab-2', t0), t0);
    const points = fleet.takePoints(['cab-1']);
    expect(points.get('cab-1')?.length).toBe(2);
    expect(points.has('cab-2')).toBe(false);
    expect(fleet.takePoints(['cab-1']).size).toBe(0);
  });

  it('marks a fix that reached the BFF late as delayed, and the next timely one as live', () => {
    const fleet = store();
    fleet.apply(fix('cab-1', t0), t0 + 8_000);
    expect(fleet.takeChanges(t0 + 8_000).map((v) => v.freshness)).toEqual(['delayed']);
    fleet.apply(fix('cab-1', t0 + 9_000, { lat: 51.91 }), t0 + 9_100);
    expect(fleet.takeChanges(t0 + 9_100).map((v) => v.freshness)).toEqual(['live']);
  });

  it('marks a GPS repeating one position while the speed says moving as frozen, but not a parked car', () => {
    const fleet = store();
    for (let i = 0; i <= 12; i += 1) fleet.apply(fix('cab-1', t0 + i * 1000, { speedKmh: 50 }), t0 + i * 1000);
    for (let i = 0; i <= 12; i += 1) fleet.apply(fix('cab-2', t0 + i * 1000, { speedKmh: 0, status: 'parked' }), t0 + i * 1000);
    expect(fleet.view('cab-1', t0 + 12_000)?.freshness).toBe('frozen');
    expect(fleet.view('cab-2', t0 + 12_000)?.freshness).toBe('live');
    fleet.apply(fix('cab-1', t0 + 13_000, { speedKmh: 50, lat: 51.95 }), t0 + 13_000);
    expect(fleet.view('cab-1', t0 + 13_000)?.freshness).toBe('live');
  });

  it('keeps a frozen GPS frozen while the car stands at a junction, until the position moves (no flicker)', () => {
    const fleet = store();
    // 30 s driving on a frozen position, 30 s standing (speed 0), 30 s driving again: the position never changes.
    const speedAt = (i: number) => (i >= 30 && i < 60 ? 0 : 50);
    const seen: string[] = [];
    for (let i = 0; i <= 90; i += 1) {
      fleet.apply(fix('cab-1', t0 + i * 1000, { speedKmh: speedAt(i) }), t0 + i * 1000);
      if (i >= 11) seen.push(fleet.view('cab-1', t0 + i * 1000)?.freshness ?? 'none');
    }
    expect(new Set(seen)).toEqual(new Set(['frozen']));
    fleet.apply(fix('cab-1', t0 + 91_000, { speedKmh: 50, lat: 51.95 }), t0 + 91_000);
    expect(fleet.view('cab-1', t0 + 91_000)?.freshness).toBe('live');
  });

  it('reports a silent vehicle as offline, never as a current position', () => {
    const fleet = store();
    fleet.apply(fix('cab-1', t0), t0);
    expect(fleet.view('cab-1', t0 + 31_000)).toMatchObject({ freshness: 'offline', status: 'offline' });
  });

  it("asks the alert lookup it was given for each vehicle's open alerts, and pushes a vehicle marked changed", () => {
    const open = new Map<string, number>();
    const fleet = new FleetStore({ offlineAfterMs: 30_000, historyMs: 60_000, maxHistoryPoints: 100, openAlertsOf: (vehicleId) => open.get(vehicleId) ?? 0 });
    fleet.apply(fix('cab-1', t0), t0);
    fleet.takeChanges(t0);
    open.set('cab-1', 2);
    fleet.markChanged('cab-1');
    fleet.markChanged('cab-unknown');
    expect(fleet.takeChanges(t0 + 100).map((vehicle) => [vehicle.vehicleId, vehicle.openAlerts])).toEqual([['cab-1', 2]]);
    expect(fleet.snapshot(t0 + 100).vehicles[0]?.openAlerts).toBe(2);
  });
});
