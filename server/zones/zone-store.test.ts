import { describe, expect, it } from 'vitest';

import { zonesResponseSchema } from '@/lib/api/zones';
import type { Alert } from '@/lib/contracts/alerts';
import type { Zone, ZoneOccupancy } from '@/lib/contracts/campus';

import { ZoneStore } from './zone-store';

const W = 15 * 60_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0);
const HALL: Zone = { zoneId: 'main-hall', name: 'Main hall', capacity: 500, sensors: ['s1'], shape: { type: 'rect', x: 0, y: 0, width: 10, height: 10 } };
const LAB: Zone = { zoneId: 'lab', name: 'Lab', capacity: 100, sensors: ['s2'], shape: { type: 'rect', x: 10, y: 0, width: 10, height: 10 } };

function row(zone: Zone, start: number, uniqueBadges: number, final: boolean, window: '15m' | 'live' = '15m'): ZoneOccupancy {
  return {
    zoneId: zone.zoneId,
    name: zone.name,
    capacity: zone.capacity,
    windowStart: new Date(start).toISOString(),
    windowEnd: new Date(start + W).toISOString(),
    window,
    uniqueBadges,
    sightings: uniqueBadges * 2,
    final,
  };
}

function alert(state: 'firing' | 'cleared'): Alert {
  return {
    alertId: 'capacity.main-hall.1',
    kind: 'capacity',
    team: 'security',
    zoneId: 'main-hall',
    metric: 'occupancy',
    value: 480,
    normal: { min: 0, max: 450 },
    startedAt: 1,
    detectedAt: 2,
    severity: 'warning',
    state,
  };
}

function store(): ZoneStore {
  const zones = new ZoneStore({ keepWindowsMs: 6 * 3_600_000 });
  zones.upsertZone(HALL);
  zones.upsertZone(LAB);
  return zones;
}

describe('ZoneStore', () => {
  it('ranks zones by live count against capacity and keeps the response within its contract', () => {
    const zones = store();
    zones.applyOccupancy(row(HALL, T0, 250, false, 'live'));
    zones.applyOccupancy(row(LAB, T0, 80, false, 'live'));
    const snapshot = zones.snapshot(T0, 16);
    expect(snapshot.zones.map((zone) => [zone.zoneId, zone.occupancyPct])).toEqual([
      ['lab', 80],
      ['main-hall', 50],
    ]);
    expect(zonesResponseSchema.safeParse(snapshot).success).toBe(true);
  });

  it("follows a zone's live row in log order, even after one an earlier speeded-up run stamped ahead of the clock", () => {
    const zones = store();
    zones.applyOccupancy(row(HALL, T0 + 3_600_000, 400, false, 'live'));
    zones.applyOccupancy(row(HALL, T0, 20, false, 'live'));
    expect(zones.snapshot(T0, 16).zones.find((zone) => zone.zoneId === 'main-hall')?.live?.uniqueBadges).toBe(20);
  });

  it('splits the open window from the past ones and names the newest fully final window as the last report', () => {
    const zones = store();
    zones.applyOccupancy(row(HALL, T0, 10, true));
    zones.applyOccupancy(row(LAB, T0, 5, true));
    zones.applyOccupancy(row(HALL, T0 + W, 20, true));
    zones.applyOccupancy(row(LAB, T0 + W, 6, false));
    zones.applyOccupancy(row(HALL, T0 + 2 * W, 30, false));
    const snapshot = zones.snapshot(T0 + 2 * W, 16);
    const hall = snapshot.zones.find((zone) => zone.zoneId === 'main-hall');
    expect(hall?.current?.uniqueBadges).toBe(30);
    expect(hall?.windows.map((w) => w.uniqueBadges)).toEqual([10, 20]);
    expect(snapshot.currentWindow.windowStart).toBe(new Date(T0 + 2 * W).toISOString());
    expect(snapshot.lastReport?.windowStart).toBe(new Date(T0).toISOString());
  });

  it('never lets a partial row replace a final one', () => {
    const zones = store();
    zones.applyOccupancy(row(HALL, T0, 10, true));
    zones.applyOccupancy(row(HALL, T0, 7, false));
    zones.applyOccupancy(row(HALL, T0 + W, 1, false));
    expect(zones.snapshot(T0 + W, 16).zones.find((zone) => zone.zoneId === 'main-hall')?.windows[0]).toMatchObject({ uniqueBadges: 10, final: true });
  });

  it('shows a firing capacity alert on its zone until it clears', () => {
    const zones = store();
    zones.applyAlert(alert('firing'));
    expect(zones.snapshot(T0, 16).zones.find((zone) => zone.zoneId === 'main-hall')?.alert).toMatchObject({
      alertId: 'capacity.main-hall.1',
      severity: 'warning',
    });
    zones.applyAlert(alert('cleared'));
    expect(zones.snapshot(T0, 16).zones.every((zone) => zone.alert === null)).toBe(true);
  });

  it('reports a change once, and forgets windows older than it keeps', () => {
    const zones = new ZoneStore({ keepWindowsMs: W });
    zones.upsertZone(HALL);
    expect(zones.takeChanged()).toBe(true);
    expect(zones.takeChanged()).toBe(false);
    zones.applyOccupancy(row(HALL, T0, 1, true));
    zones.applyOccupancy(row(HALL, T0 + 3 * W, 1, false));
    expect(zones.snapshot(T0 + 3 * W, 16).zones[0]?.windows).toEqual([]);
  });
});
