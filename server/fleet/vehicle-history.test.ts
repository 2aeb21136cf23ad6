import { describe, expect, it } from 'vitest';

import type { VehiclePoint } from '@/lib/realtime/events';

import { VehicleHistory } from './vehicle-history';

function point(ts: number, containerTempC?: number): VehiclePoint {
  return {
    ts,
    lat: 51.9 + ts / 1e6,
    lon: 4.47,
    speedKmh: 30,
    headingDeg: 90,
    engineTempC: 88.5,
    fuelPct: 61,
    ...(containerTempC === undefined ? {} : { containerTempC }),
  };
}

describe('VehicleHistory', () => {
  it('returns points as they went in, in time order, a late one in its place', () => {
    const history = new VehicleHistory(100);
    for (const ts of [1000, 2000, 4000]) history.add(point(ts, 14.5), 0);
    history.add(point(3000), 0);
    expect(history.since(0).map((p) => p.ts)).toEqual([1000, 2000, 3000, 4000]);
    expect(history.since(0)[0]).toEqual(point(1000, 14.5));
    expect(history.since(0)[2]).toEqual(point(3000));
    expect(history.since(2500).map((p) => p.ts)).toEqual([3000, 4000]);
  });

  it('drops points older than the window and beyond the cap, growing only as needed', () => {
    const history = new VehicleHistory(50);
    for (let i = 0; i < 200; i += 1) history.add(point(i * 1000), i * 1000 - 30_000);
    expect(history.size).toBe(31);
    expect(history.newestTs()).toBe(199_000);
    const capped = new VehicleHistory(50);
    for (let i = 0; i < 200; i += 1) capped.add(point(i * 1000), 0);
    expect(capped.size).toBe(50);
    expect(capped.since(0)[0]?.ts).toBe(150_000);
  });
});
